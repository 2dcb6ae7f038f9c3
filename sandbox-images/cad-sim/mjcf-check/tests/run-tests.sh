#!/usr/bin/env bash
# Runs mjcf-check on the test scenes inside a cad-sim image, the way the engine runs generated
# code: uid 1000, no network, read-only root with a tmpfs /tmp, no capabilities. Checks each
# verdict, exit code and one detail of the report; prints a summary and exits non-zero on any
# mismatch.
#
#   run-tests.sh [IMAGE]        (default benchwright/cad-sim:latest)
#
# Scenes are streamed in on stdin (a tar of the case's files) rather than bind-mounted, so this
# works with a remote engine.
set -euo pipefail
cd "$(dirname "$0")"
image=${1:-benchwright/cad-sim:latest}

# The report is parsed by Python inside the image (a CI host may have no JSON tool); a report
# that is not exactly one JSON object exits 99. A case's files are "scene.xml+other.xml+check.py":
# mjcf-check runs on the first; other XML files are there for it to include or attach; a .py file
# is run on the report (python3 CHECK.py report.json) and exits 98 when its checks fail.
run_in_image() { # FILES [mjcf-check flags...]
  local files=$1
  shift
  local list
  IFS='+' read -ra list <<<"$files"
  tar -c "${list[@]}" | docker run -i --rm --network none --read-only --tmpfs /tmp --user 1000:1000 \
    --cap-drop ALL --security-opt no-new-privileges --pids-limit 64 --memory 512m \
    "$image" bash -c '
      files=$1; shift
      cd /tmp
      tar -x
      IFS=+ read -ra list <<<"$files"
      mjcf-check "$@" "${list[0]}" >report.json 2>stderr.txt
      rc=$?
      cat report.json
      cat stderr.txt >&2
      python3 -c "import json, sys; json.loads(open(\"report.json\").read())" 2>/dev/null || exit 99
      for f in "${list[@]}"; do
        case $f in *.py) python3 "$f" report.json || exit 98 ;; esac
      done
      exit $rc' bash "$files" "$@"
}

# files | expected verdict | expected exit | extended regex the report must match | flags
cases=(
  'valid.xml|ok|0|"stability":\{"ok":true|'
  'typo.xml|compile_error|1|"compile":\{"ok":false,"error":"[^"]*","line":[0-9]+\}|'
  'interpenetrating.xml|intersection|1|"geom1":"left_box","geom2":"right_box","body1":"left_block","body2":"right_block","depth":0\.05[,}]|'
  'unstable.xml|unstable|1|"stability":\{"ok":false,.*"reason":"[^"]+"|'
  'interpenetrating.xml|ok|0|"intersections":\[\]|--allow-contact left_block:right_block'
  'scene.xml+scene-arm.xml+scene-check.py|ok|0|"mujoco_version":"3\.14\.0".*"scene":\{"bodies":\[|--duration 0 --scene'
  'typo.xml|compile_error|1|"stability":null,"scene":null\}|--scene'
  'valid.xml|ok|0|"stability":\{"ok":true,"duration":1\.5,.*"name":"crate","parent":0,"pos":\[0\.5,0,0\.105\]|--scene'
)

failures=0
for c in "${cases[@]}"; do
  IFS='|' read -r scene want_verdict want_rc want_detail flags <<<"$c"
  read -ra flag_args <<<"$flags"
  start=$(date +%s.%N)
  set +e
  out=$(run_in_image "$scene" "${flag_args[@]}")
  rc=$?
  set -e
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  verdict=$(sed -nE 's/.*"verdict":"([a-z_]+)".*/\1/p' <<<"$out")
  problems=()
  [ "$rc" = 99 ] && problems+=("report is not valid JSON")
  [ "$rc" = 98 ] && problems+=("the scene checks failed (see scene-check: lines above)")
  [ "$rc" = "$want_rc" ] || problems+=("exit $rc, expected $want_rc")
  [ "$verdict" = "$want_verdict" ] || problems+=("verdict '${verdict}', expected '$want_verdict'")
  grep -qE -- "$want_detail" <<<"$out" || problems+=("report does not match /$want_detail/")
  label="$scene${flags:+ $flags}"
  if ((${#problems[@]} == 0)); then
    printf 'PASS  %-60s verdict=%s exit=%s (%ss)\n' "$label" "$verdict" "$rc" "$secs"
  else
    failures=$((failures + 1))
    printf 'FAIL  %-60s %s\n' "$label" "$(IFS=';'; echo "${problems[*]}")"
    printf '      report: %s\n' "${out:0:2000}"
  fi
done

total=${#cases[@]}
echo "mjcf-check tests: $((total - failures))/$total passed ($image)"
((failures == 0))
