#!/usr/bin/env bash
# Builds the sandbox images (base, cad-sim, ml) in dependency order and tags each one
#   benchwright/<name>:<hash>   hash = first 12 hex digits of a SHA-256 over the image's sources
#   benchwright/<name>:latest   what the engine runs by default
# An image whose hash tag already exists is not rebuilt, so a second run is a no-op. The cad-sim
# and ml hashes include the base tag, so a new base rebuilds them too.
#
#   build.sh [--force]     --force rebuilds even when the hash tag exists
#   build.sh --lock IMAGE   re-resolves IMAGE/requirements.in into IMAGE/requirements.lock
#
# Prints one line per image: "<name> built|up to date <tag>". Build logs go to
# ${TMPDIR:-/tmp}/benchwright-image-<name>.log and are shown when a build fails.
set -euo pipefail
cd "$(dirname "$0")"

force=0
lock_only=
case "${1:-}" in
  "") ;;
  --force) force=1 ;;
  --lock)
    [ -n "${2:-}" ] && [ -f "${2%/}/requirements.in" ] || {
      echo "usage: $0 --lock IMAGE   (IMAGE/requirements.in must exist)" >&2
      exit 2
    }
    lock_only=${2%/} ;;
  *) echo "usage: $0 [--force | --lock IMAGE]" >&2; exit 2 ;;
esac

# The preinstalled client (28.x) has no buildx plugin; the legacy builder works with the 20.10
# engine. Setting this explicitly keeps the behaviour the same should buildx appear.
export DOCKER_BUILDKIT=0

# Hash of every file under DIR (path and content), plus extra strings such as a parent image tag.
# The wheelhouse (DIR/wheels, fetched from requirements.lock, which is hashed) is left out.
source_hash() { # DIR [EXTRA...]
  local dir=$1
  shift
  {
    (cd "$dir" && find . -path ./wheels -prune -o -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
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

# --- Python wheels, offline ----------------------------------------------------------------------
# An image with Python packages beyond Debian's keeps three things in its folder:
#   requirements.in     the top-level packages, pinned (mujoco==3.14.0); "# provided: NAME" lines
#                       name dependencies the image takes from Debian instead (left out of the lock)
#   requirements.lock   every wheel to install, "name==version --hash=sha256:..." (pip's
#                       --require-hashes format), written by `build.sh --lock IMAGE`, committed
#   wheels/             the wheelhouse, filled from the lock before each build; git-ignored and
#                       left out of the source hash (the lock stands for it)
# Wheels come from whatever this machine's pip is configured to use (`pip config list`: an index,
# extra indexes, find-links directories); the Dockerfile installs them with
# `pip install --no-index --find-links /wheels --require-hashes`, so the build itself needs no
# network and installs exactly the locked files.
#
# The images' python is Debian bookworm's CPython 3.11 on glibc 2.36, which need not be the host's:
# pip is told the target explicitly, and takes binary wheels only.
WHEEL_PYTHON=3.11
WHEEL_ABI=cp311
WHEEL_GLIBC_MINOR=36
pip_cmd() { ${BW_PIP:-python3 -m pip} "$@"; }

wheel_target_args() {
  local i
  printf '%s\n' --only-binary=:all: --python-version "$WHEEL_PYTHON" --implementation cp --abi "$WHEEL_ABI"
  # pip does not widen a --platform to the older manylinux tags a glibc also runs: list them all.
  for ((i = WHEEL_GLIBC_MINOR; i >= 5; i--)); do printf '%s\n' --platform "manylinux_2_${i}_x86_64"; done
  printf '%s\n' --platform manylinux2014_x86_64 --platform manylinux2010_x86_64 --platform manylinux1_x86_64
}

need_pip() { # CONTEXT
  pip_cmd --version >/dev/null 2>&1 && return 0
  echo "build.sh: $1 needs pip on this machine to fetch Python wheels ('${BW_PIP:-python3 -m pip}' does not run;" \
    "set BW_PIP to a pip command)" >&2
  exit 1
}

# pip download, retried once: a local index has been seen to stall on one package and answer the
# second time. On failure prints pip's own error lines, which name the package.
pip_download() { # LOG ARGS...
  local log=$1 attempt
  shift
  for attempt in 1 2; do
    if pip_cmd download --disable-pip-version-check --retries "${BW_PIP_RETRIES:-1}" "$@" >"$log" 2>&1; then
      return 0
    fi
  done
  return 1
}

pip_errors() { # LOG
  # pip's error lines, and under a hash mismatch the package ("    name==1.0 from ...") and the
  # expected and actual hashes. The wheel's URL is cut off: it is this machine's, not the build's.
  grep -E '^(ERROR|    [A-Za-z0-9_.-]+==|        Expected|             Got)' "$1" | sed -E 's/ from [^ ]+.*//' |
    head -n 20 >&2 || tail -n 20 "$1" >&2
}

# Names in a wheel file name are normalised per PEP 503 for the lock (lower case, runs of -_. as -).
wheel_name_version() { # FILE.whl -> "name==version"
  local base=${1##*/}
  base=${base%.whl}
  local name=${base%%-*} rest=${base#*-}
  printf '%s==%s\n' "$(tr 'A-Z' 'a-z' <<<"$name" | sed -E 's/[-_.]+/-/g')" "${rest%%-*}"
}

# Resolves DIR/requirements.in with every dependency for the image's python and writes
# DIR/requirements.lock with versions and hashes of the wheels pip chose.
lock_wheels() { # DIR
  local dir=$1 tmp log provided f nv name lock
  need_pip "locking $dir"
  tmp=$(mktemp -d)
  log=$(log_file "$(basename "$dir")-lock")
  mapfile -t target < <(wheel_target_args)
  if ! pip_download "$log" "${target[@]}" -d "$tmp" -r "$dir/requirements.in"; then
    echo "build.sh: pip could not resolve $dir/requirements.in for CPython $WHEEL_PYTHON (log: $log):" >&2
    pip_errors "$log"
    rm -rf "$tmp"
    exit 1
  fi
  provided=$(sed -nE 's/^#[[:space:]]*provided:[[:space:]]*([A-Za-z0-9_.-]+).*/\1/p' "$dir/requirements.in" |
    tr 'A-Z' 'a-z' | sed -E 's/[-_.]+/-/g')
  lock=$dir/requirements.lock
  {
    echo "# Generated by sandbox-images/build.sh --lock $(basename "$dir") from requirements.in; do not edit."
    echo "# Every wheel the image installs (pip install --require-hashes --no-deps), for CPython $WHEEL_PYTHON"
    echo "# ($WHEEL_ABI, manylinux glibc <= 2.$WHEEL_GLIBC_MINOR, x86_64)."
    [ -z "$provided" ] || echo "# Left out, the image's Debian packages provide them: $(echo $provided)"
    for f in "$tmp"/*.whl; do
      nv=$(wheel_name_version "$f")
      name=${nv%%==*}
      grep -qxF "$name" <<<"$provided" && continue
      printf '%s --hash=sha256:%s\n' "$nv" "$(sha256sum "$f" | cut -d' ' -f1)"
    done | LC_ALL=C sort
  } >"$lock.tmp"
  mv "$lock.tmp" "$lock"
  rm -rf "$tmp"
  echo "build.sh: wrote $lock ($(grep -c -- '--hash=' "$lock") wheels)"
}

# Fills DIR/wheels with exactly the wheels of DIR/requirements.lock, checked against their hashes;
# wheels already there with a locked hash are kept, any other file is removed.
fetch_wheels() { # DIR
  local dir=$1 lock=$1/requirements.lock wh=$1/wheels log f h have="" missing=0
  [ -f "$lock" ] || return 0
  mkdir -p "$wh"
  for f in "$wh"/*; do
    [ -e "$f" ] || continue
    h=$(sha256sum "$f" | cut -d' ' -f1)
    if grep -q -- "--hash=sha256:$h" "$lock"; then have+="$h "; else rm -f "$f"; fi
  done
  while read -r h; do
    [[ " $have" == *" $h "* ]] || missing=1
  done < <(sed -nE 's/.*--hash=sha256:([0-9a-f]{64}).*/\1/p' "$lock")
  ((missing)) || return 0
  need_pip "building $dir (its requirements.lock)"
  log=$(log_file "$(basename "$dir")-wheels")
  mapfile -t target < <(wheel_target_args)
  if ! pip_download "$log" "${target[@]}" --no-deps --require-hashes -d "$wh" -r "$lock"; then
    echo "build.sh: pip could not get the wheels of $lock from this machine's pip configuration" \
      "(see 'pip config list'; log: $log):" >&2
    pip_errors "$log"
    exit 1
  fi
}

if [ -n "$lock_only" ]; then
  lock_wheels "$lock_only"
  exit 0
fi

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

# --- cad-sim: OpenSCAD, MuJoCo 3.14.0 + mjcf-check/mjcf-sim, Python with numpy/pandas/sklearn --
cad_hash=$(source_hash cad-sim "BASE=$base_tag")
cad_tag=benchwright/cad-sim:$cad_hash
if ((force == 0)) && image_exists "$cad_tag"; then
  report cad-sim "up to date" "$cad_tag"
else
  start=$SECONDS
  # Built under a candidate tag and given its real tag only after the tests pass: a broken image
  # must not look "up to date" to the next run.
  candidate=benchwright/cad-sim:candidate-$cad_hash
  fetch_wheels cad-sim
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

# --- ml: the AutoML sandbox: scikit-learn, LightGBM, Optuna, pandas, pyarrow; Debian's XGBoost ----
# Its tests also run the engine's harness (bw_automl.py) and that harness's pytest file in the
# image; the harness is not part of the image, so it is not in the hash.
ml_hash=$(source_hash ml "BASE=$base_tag")
ml_tag=benchwright/ml:$ml_hash
if ((force == 0)) && image_exists "$ml_tag"; then
  report ml "up to date" "$ml_tag"
else
  start=$SECONDS
  candidate=benchwright/ml:candidate-$ml_hash
  fetch_wheels ml
  docker build --build-arg "BASE=$base_tag" --build-arg "SOURCE_HASH=$ml_hash" -t "$candidate" ml \
    >"$(log_file ml)" 2>&1 || fail_with_log ml
  if ! ml/tests/run-tests.sh "$candidate"; then
    echo "build.sh: ml tests failed in $candidate (kept for inspection)" >&2
    exit 1
  fi
  docker tag "$candidate" "$ml_tag"
  docker rmi "$candidate" >/dev/null
  report ml built "$ml_tag" $((SECONDS - start))
fi
docker tag "$ml_tag" benchwright/ml:latest
