# Sourced by ./mvnw before Maven starts: makes sure a JDK >= 21 runs the build, so that
# a fresh machine whose default `java` is older needs no manual JAVA_HOME. See
# docs/decisions/0002-jdk-selection.md. POSIX sh; must not exit the caller.

bw_jdk_feature() {
  # Prints the feature version of the JDK at $1 (reads its `release` file; no JVM start).
  [ -r "$1/release" ] && [ -x "$1/bin/javac" ] || return 1
  sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1
}

bw_select_jdk() {
  bw_min=21
  if [ -n "${JAVA_HOME-}" ]; then
    bw_v=$(bw_jdk_feature "$JAVA_HOME" || true)
    if [ -n "$bw_v" ] && [ "$bw_v" -ge "$bw_min" ]; then return 0; fi
  fi
  # A `java` on PATH that is new enough wins next: it is what the user chose.
  if bw_java=$(command -v java 2>/dev/null); then
    bw_home=$(cd "$(dirname "$(readlink -f "$bw_java")")/.." && pwd)
    bw_v=$(bw_jdk_feature "$bw_home" || true)
    if [ -n "$bw_v" ] && [ "$bw_v" -ge "$bw_min" ]; then
      JAVA_HOME=$bw_home
      export JAVA_HOME
      return 0
    fi
  fi
  bw_best=""
  bw_best_v=""
  bw_noglob=$(case $- in *f*) echo yes ;; esac)
  set +f
  for bw_dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
    "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$bw_dir" ] || continue
    [ -L "$bw_dir" ] && continue
    bw_v=$(bw_jdk_feature "$bw_dir" || true)
    [ -n "$bw_v" ] && [ "$bw_v" -ge "$bw_min" ] || continue
    # Prefer the lowest feature release >= 21: closest to the project's target release.
    if [ -z "$bw_best_v" ] || [ "$bw_v" -lt "$bw_best_v" ]; then
      bw_best=$bw_dir
      bw_best_v=$bw_v
    fi
  done
  [ -n "$bw_noglob" ] && set -f
  if [ -n "$bw_best" ]; then
    JAVA_HOME=$bw_best
    export JAVA_HOME
    [ "${MVNW_VERBOSE-}" = true ] && echo "Benchwright: using JDK $bw_best_v at $JAVA_HOME" >&2
    return 0
  fi
  echo "Benchwright needs a JDK >= $bw_min; none was found (JAVA_HOME and /usr/lib/jvm were searched)." >&2
  echo "Install one (for example Temurin 21) or point JAVA_HOME at it." >&2
  return 1
}

bw_select_jdk || exit 1
