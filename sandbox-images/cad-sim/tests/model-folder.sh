#!/usr/bin/env bash
# Runs mjcf-check (compile, then step 1 s) over every XML file under a folder, inside a cad-sim
# image, and prints how many compile, plus each failure with MuJoCo's message.
#
#   model-folder.sh DIR [IMAGE]        (default benchwright/cad-sim:latest)
#
# The folder is streamed into one container (read-only root, no network, uid 1000) as a tar, so
# files a model includes or loads (meshes, textures, attached models) resolve relative to it as
# they would on disk. "compiled" counts files whose report says compile ok, whatever the verdict
# of the later checks (an intersection or instability is still a model MuJoCo accepts); those
# verdicts are summed up too. Exit 0 when every file compiles, 1 otherwise, 2 on a usage error.
set -euo pipefail
dir=${1:-}
image=${2:-benchwright/cad-sim:latest}
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  echo "usage: $0 DIR [IMAGE]   (DIR: a folder of MJCF files)" >&2
  exit 2
fi
docker image inspect "$image" >/dev/null 2>&1 || { echo "model-folder.sh: no image $image" >&2; exit 2; }

# One line per file: OK|FAIL <tab> path <tab> verdict[: compile error]
summarise='
import json, sys
path, rc = sys.argv[1][2:], sys.argv[2]
try:
    r = json.load(open("/tmp/r.json"))
except Exception:
    print("FAIL\t%s\tno report (exit %s%s)" % (path, rc, ", timed out" if rc == "124" else ""))
    sys.exit()
c = r.get("compile") or {}
if c.get("ok"):
    print("OK\t%s\t%s" % (path, r["verdict"]))
else:
    msg = (c.get("error") or r.get("error") or "").replace("\n", " ")[:300]
    print("FAIL\t%s\t%s: %s" % (path, r["verdict"], msg))
'
results=$(tar -C "$dir" -c . | docker run -i --rm --network none --read-only --tmpfs /tmp:size=2g \
  --user 1000:1000 --cap-drop ALL --security-opt no-new-privileges --memory 4g "$image" bash -c '
    echo "<mujoco/>" >/tmp/empty.xml
    mjcf-check --duration 0 /tmp/empty.xml | sed -nE "s/.*\"mujoco_version\":\"([^\"]*)\".*/VERSION\t\1/p"
    mkdir /tmp/m && cd /tmp/m && tar -x
    find . -name "*.xml" | LC_ALL=C sort | while read -r f; do
      rm -f /tmp/r.json
      ( cd "$(dirname "$f")" && timeout 120 mjcf-check --duration 1 "$(basename "$f")" >/tmp/r.json 2>/dev/null )
      python3 -c "$1" "$f" "$?"
    done' bash "$summarise")
version=$(sed -nE 's/^VERSION\t//p' <<<"$results")
total=$(grep -cE '^(OK|FAIL)' <<<"$results" || true)
compiled=$(grep -c '^OK' <<<"$results" || true)
echo "MuJoCo ${version:-?} in $image, $dir"
echo "compiled: $compiled/$total"
if ((compiled > 0)); then
  echo "verdicts of those: $(grep '^OK' <<<"$results" | cut -f3 | sort | uniq -c | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}')"
fi
if ((compiled < total)); then
  echo "failures:"
  grep '^FAIL' <<<"$results" | cut -f2- | sed 's/^/  /'
  exit 1
fi
