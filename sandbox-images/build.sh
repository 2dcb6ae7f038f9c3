#!/usr/bin/env bash
# Builds the sandbox images in dependency order and tags each one
#   benchwright/<name>:<hash>   hash = first 12 hex digits of a SHA-256 over the image's sources
#   benchwright/<name>:latest   what the engine runs by default
# An image whose hash tag already exists is not rebuilt, so a second run is a no-op. The cad-sim
# hash includes the base tag, so a new base rebuilds cad-sim too.
#
#   build.sh [--force]     --force rebuilds even when the hash tag exists
#
# Prints one line per image: "<name> built|up to date <tag>". Build logs go to
# ${TMPDIR:-/tmp}/benchwright-image-<name>.log and are shown when a build fails.
set -euo pipefail
cd "$(dirname "$0")"

force=0
case "${1:-}" in
  "") ;;
  --force) force=1 ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

# The preinstalled client (28.x) has no buildx plugin; the legacy builder works with the 20.10
# engine. Setting this explicitly keeps the behaviour the same should buildx appear.
export DOCKER_BUILDKIT=0

# Hash of every file under DIR (path and content), plus extra strings such as a parent image tag.
source_hash() { # DIR [EXTRA...]
  local dir=$1
  shift
  {
    (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    printf '%s\n' "$@"
  } | sha256sum | cut -c1-12
}

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }

log_file() { echo "${TMPDIR:-/tmp}/benchwright-image-$1.log"; }

fail_with_log() { # NAME
  local log
  log=$(log_file "$1")
  echo "build.sh: building $1 failed; last lines of $log:" >&2
  tail -n 60 "$log" >&2 || true
  exit 1
}

report() { # NAME STATUS TAG [SECONDS]
  printf '%-8s %-11s %s%s\n' "$1" "$2" "$3" "${4:+  (${4}s)}"
}

# --- base: Debian bookworm, bootstrapped where no registry is reachable ---------------------
base_hash=$(source_hash base)
base_tag=benchwright/base:bookworm-$base_hash
if ((force == 0)) && image_exists "$base_tag"; then
  report base "up to date" "$base_tag"
else
  start=$SECONDS
  base/build-base.sh "$base_tag" org.benchwright.image=base "org.benchwright.source-hash=$base_hash" \
    >"$(log_file base)" 2>&1 || fail_with_log base
  report base built "$base_tag" $((SECONDS - start))
fi
docker tag "$base_tag" benchwright/base:latest

# --- cad-sim: OpenSCAD, MuJoCo 2.2.2 + mjcf-check, Python with numpy/pandas/scikit-learn ----
cad_hash=$(source_hash cad-sim "BASE=$base_tag")
cad_tag=benchwright/cad-sim:$cad_hash
if ((force == 0)) && image_exists "$cad_tag"; then
  report cad-sim "up to date" "$cad_tag"
else
  start=$SECONDS
  # Built under a candidate tag and given its real tag only after the tests pass: a broken image
  # must not look "up to date" to the next run.
  candidate=benchwright/cad-sim:candidate-$cad_hash
  docker build --build-arg "BASE=$base_tag" --build-arg "SOURCE_HASH=$cad_hash" -t "$candidate" cad-sim \
    >"$(log_file cad-sim)" 2>&1 || fail_with_log cad-sim
  if ! cad-sim/mjcf-check/tests/run-tests.sh "$candidate"; then
    echo "build.sh: mjcf-check tests failed in $candidate (kept for inspection)" >&2
    exit 1
  fi
  if ! cad-sim/mjcf-sim/tests/run-tests.sh "$candidate"; then
    echo "build.sh: mjcf-sim tests failed in $candidate (kept for inspection)" >&2
    exit 1
  fi
  docker tag "$candidate" "$cad_tag"
  docker rmi "$candidate" >/dev/null
  report cad-sim built "$cad_tag" $((SECONDS - start))
fi
docker tag "$cad_tag" benchwright/cad-sim:latest
