#!/usr/bin/env bash
# The AOT cache's training run (JEP 483/514), made by the package build: the app-image's own
# runtime starts the workbench with the launcher's class path and options, opens the demo project
# (--smoke) and exits; -XX:AOTCacheOutput writes what it loaded and linked to lib/app. The
# launcher's -XX:AOTCache=$APPDIR/benchwright.aot (jpackage/app.args) then uses it.
#
# Usage: aot-training.sh APP_IMAGE_DIR WORK_DIR   (Linux app-image layout: bin/, lib/app, lib/runtime)
set -euo pipefail
app=$1
work=$2
cfg="$app/lib/app/Benchwright.cfg"
java="$app/lib/runtime/bin/java"
[ -f "$cfg" ] || { echo "aot-training: no $cfg (was the app-image built?)" >&2; exit 1; }
[ -x "$java" ] || { echo "aot-training: no $java (the runtime must keep bin/java)" >&2; exit 1; }

# The class path exactly as the launcher builds it: the cache is only used when the class path it
# was made with is a prefix of the one it runs with, entry for entry.
cp=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s|\$APPDIR|$app/lib/app|g" | paste -sd: -)
main=$(sed -n 's/^app\.mainclass=//p' "$cfg")
mapfile -t opts < <(sed -n 's/^java-options=//p' "$cfg" | grep -v -- '-XX:AOTCache=')

rm -rf "$work"
mkdir -p "$work"
aot="$app/lib/app/benchwright.aot"
rm -f "$aot"
run=("$java" "-XX:AOTCacheOutput=$aot" "${opts[@]}"
  "-Dbenchwright.configDir=$work/config" "-Dbenchwright.dataDir=$work/data"
  -cp "$cp" "$main" --smoke)
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || {
    echo "aot-training: no display and no xvfb-run (apt-get install xvfb xauth)" >&2
    exit 1
  }
  run=(xvfb-run -a -s "-screen 0 1600x1000x24" "${run[@]}")
fi
"${run[@]}" >"$work/training.log" 2>&1 || {
  echo "aot-training: the training run failed; its output:" >&2
  cat "$work/training.log" >&2
  exit 1
}
grep -q 'benchwright: smoke passed' "$work/training.log" || {
  echo "aot-training: the training run did not pass its smoke check:" >&2
  cat "$work/training.log" >&2
  exit 1
}
[ -s "$aot" ] || { echo "aot-training: no AOT cache was written" >&2; cat "$work/training.log" >&2; exit 1; }
echo "aot-training: $(du -h "$aot" | cut -f1) AOT cache at lib/app/benchwright.aot"
