#!/usr/bin/env bash
# Produces the sandbox base image (Debian bookworm, minimal) under the tag given as $1.
#
#   build-base.sh TAG [LABEL=VALUE ...]
#
# Where a registry is reachable (a workstation), the official debian:bookworm-slim is used as is,
# just re-tagged. Where none is (CI machines), the same Debian release is bootstrapped with
# debootstrap from the mirror the machine's own apt sources point to and imported with
# `docker import`. The mirror is read from the host configuration at run time on purpose: no
# mirror host name is written into the repository. Extra LABEL=VALUE arguments become image
# labels (only on the debootstrap path: a pulled image cannot be relabelled without a build).
#
# Environment: BW_BASE_PULL_TIMEOUT (seconds to try `docker pull`, default 20; 0 skips the pull),
# BW_DEBIAN_MIRROR (overrides the mirror taken from the apt sources).
set -euo pipefail
export PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" # debootstrap lives in /usr/sbin

suite=bookworm
upstream=debian:bookworm-slim

if [ $# -lt 1 ] || [ -z "$1" ]; then
  echo "usage: $0 TAG [LABEL=VALUE ...]" >&2
  exit 2
fi
tag=$1
shift
labels=("$@")

log() { echo "build-base: $*" >&2; }

# --- 1. An upstream image, if there is one --------------------------------------------------
if docker image inspect "$upstream" >/dev/null 2>&1; then
  log "using local $upstream"
  docker tag "$upstream" "$tag"
  exit 0
fi
pull_timeout=${BW_BASE_PULL_TIMEOUT:-20}
if [ "$pull_timeout" != 0 ]; then
  # Without a registry the pull either fails fast (DNS) or hangs on connect; bound both.
  if timeout "$pull_timeout" docker pull -q "$upstream" >/dev/null 2>&1; then
    log "pulled $upstream"
    docker tag "$upstream" "$tag"
    exit 0
  fi
  log "cannot pull $upstream (no registry?); bootstrapping $suite with debootstrap"
fi

# --- 2. The mirror the host's apt uses ------------------------------------------------------
# find_mirror SUITE prints the first URI whose source carries exactly that suite, so the main
# archive is found for "bookworm" and the security archive for "bookworm-security".
# deb822 files (*.sources) are stanzas of "Key: value" lines; one-line files are "deb URI SUITE".
find_mirror() {
  local f suite=$1
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    awk -v suite="$suite" '
      function flush() {
        if (!found && enabled && uris != "" && (" " suites " ") ~ (" " suite " ")) {
          split(uris, u, " "); print u[1]; found = 1; exit
        }
        uris = ""; suites = ""; enabled = 1
      }
      BEGIN { enabled = 1 }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]*#/ { next }
      tolower($1) == "uris:"    { $1 = ""; uris = $0 }
      tolower($1) == "suites:"  { $1 = ""; suites = $0 }
      tolower($1) == "enabled:" { enabled = (tolower($2) != "no") }
      END { flush() }
    ' "$f"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    # "deb [options] URI SUITE COMPONENTS..."; the [options] block is optional.
    sed -E 's/\[[^]]*\]//' "$f" | awk -v suite="$suite" '$1 == "deb" && $3 == suite { print $2; exit }'
  done
}
mirror=${BW_DEBIAN_MIRROR:-}
[ -n "$mirror" ] || mirror=$(find_mirror "$suite" | head -n 1 || true)
if [ -z "$mirror" ]; then
  log "no apt source for suite '$suite' found in /etc/apt; set BW_DEBIAN_MIRROR"
  exit 1
fi
# A security archive next to the mirror is used if the host has one, so the image gets fixes.
security=$(find_mirror "$suite-security" | head -n 1 || true)

command -v debootstrap >/dev/null || { log "debootstrap is not installed"; exit 1; }

# --- 3. debootstrap into a temp dir, import it ----------------------------------------------
work=$(mktemp -d /tmp/bw-base.XXXXXX)
cleanup() {
  # debootstrap bind-mounts /proc, /sys, ... into the target while it runs and may leave them
  # mounted when it fails; unmount them (deepest first) so rm cannot reach the host's files.
  local m
  for m in $(awk -v p="$work/" 'index($2, p) == 1 { print $2 }' /proc/mounts | sort -r); do
    umount -l "$m" 2>/dev/null || true
  done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT
root=$work/rootfs

log "debootstrap --variant=minbase $suite from $mirror"
debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  log "debootstrap failed; last lines of its log:"
  tail -n 30 "$work/debootstrap.log" >&2
  tail -n 30 "$root/debootstrap/debootstrap.log" >&2 2>/dev/null || true
  exit 1
}

# debootstrap writes "deb MIRROR bookworm main"; add the updates and security suites like the
# official image has, so `apt-get install` in a Dockerfile gets the current package versions.
{
  echo "deb $mirror $suite main"
  echo "deb $mirror $suite-updates main"
  if [ -n "$security" ]; then echo "deb $security $suite-security main"; fi
} >"$root/etc/apt/sources.list"

# Mirror the small size tweaks of the official slim image: no docs/man pages/locales from later
# installs, and apt does not keep downloaded packages.
cat >"$root/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/tmp/* \
  "$root"/var/log/*.log "$root"/root/.bash_history

changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'CMD ["bash"]')
for l in "${labels[@]}"; do changes+=(--change "LABEL $l"); done

log "importing as $tag"
tar --numeric-owner -C "$root" -c . | docker import "${changes[@]}" - "$tag" >/dev/null
