#!/usr/bin/env bash
# Runs mjcf-sim on the test scenes inside a cad-sim image, hardened as the engine runs it (uid
# 1000, no network, read-only root, tmpfs /tmp, no capabilities); scenes are streamed in on stdin.
# Checks each verdict, exit code and one detail of the report.
#
#   run-tests.sh [IMAGE]        (default benchwright/cad-sim:latest)
set -euo pipefail
cd "$(dirname "$0")"
image=${1:-benchwright/cad-sim:latest}

# The benchmark of every scene: goal at +x, a pit at -x, the build zone around the drop point.
common=(--payload payload --goal 0.35,-0.15,0,0.6,0.15,0.1 --forbid pit=-0.6,-0.2,0,-0.2,0.2,0.1
  --build-zone -0.2,-0.2,0,0.6,0.2,0.4 --bounds -1,-1,-0.5,1.5,1,1.5
  --offset 0,0,0 --offset 0.002,-0.002,0.001 --duration 3)

run_in_image() { # SCENE [flags...]
  local scene=$1
  shift
  docker run -i --rm --network none --read-only --tmpfs /tmp --user 1000:1000 \
    --cap-drop ALL --security-opt no-new-privileges --pids-limit 64 --memory 512m \
    "$image" bash -c '
      scene=$1; shift
      cat >"/tmp/$scene"
      cd /tmp
      mjcf-sim "$@" "$scene" >report.json 2>stderr.txt
      rc=$?
      cat report.json
      python3 -c "import json; json.loads(open(\"report.json\").read())" 2>/dev/null || exit 99
      exit $rc' bash "$scene" "$@" <"$scene"
}

# scene | expected verdict | expected exit | extended regex the report must match | extra flags
cases=(
  'solved.xml|passed|0|"passed":2,"total":2,.*"time_to_goal":0\.[0-9]+|--part ramp'
  'unsolved.xml|failed|1|"failure":"timeout","reason":"[^"]*closest|'
  'outside.xml|placement_error|1|ramp_geom.*outside the build zone|--part ramp'
  'forbid.xml|failed|1|"failure":"forbid_contact","reason":"[^"]*pit|--part ramp'
  'motor.xml|failed|1|"failure":"motor_saturated","reason":"at t=2\.0[0-9]* s: actuator .arm_motor. held >= 90% of its force range for 2 s|--part arm'
  'solved.xml|usage_error|2|--duration must be|--part ramp --duration 31'
)

failures=0
for c in "${cases[@]}"; do
  IFS='|' read -r scene want_verdict want_rc want_detail flags <<<"$c"
  read -ra flag_args <<<"$flags"
  set +e
  out=$(run_in_image "$scene" "${common[@]}" "${flag_args[@]}")
  rc=$?
  set -e
  verdict=$(sed -nE 's/.*"verdict":"([a-z_]+)".*/\1/p' <<<"$out")
  problems=()
  [ "$rc" = 99 ] && problems+=("report is not valid JSON")
  [ "$rc" = "$want_rc" ] || problems+=("exit $rc, expected $want_rc")
  [ "$verdict" = "$want_verdict" ] || problems+=("verdict '${verdict}', expected '$want_verdict'")
  grep -qE -- "$want_detail" <<<"$out" || problems+=("report does not match /$want_detail/")
  label="$scene${flags:+ $flags}"
  if ((${#problems[@]} == 0)); then
    printf 'PASS  %-50s verdict=%s exit=%s\n' "$label" "$verdict" "$rc"
  else
    failures=$((failures + 1))
    printf 'FAIL  %-50s %s\n' "$label" "$(IFS=';'; echo "${problems[*]}")"
    printf '      report: %s\n' "${out:0:2000}"
  fi
done
total=${#cases[@]}
echo "mjcf-sim tests: $((total - failures))/$total passed ($image)"
((failures == 0))
