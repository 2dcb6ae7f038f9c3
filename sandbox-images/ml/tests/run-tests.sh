#!/usr/bin/env bash
# Checks an ml image the way the engine runs generated code: uid 1000, no network, read-only root
# with a tmpfs /tmp, no capabilities, 1 CPU. Three checks: the pinned packages import, LightGBM
# trains on breast_cancer, and the AutoML harness's own pytest suite passes in the image.
#
#   run-tests.sh [IMAGE]        (default benchwright/ml:latest)
#
# Files are streamed in on stdin (a tar) rather than bind-mounted, so this works with a remote
# engine. The harness and its tests live with the engine (it copies the harness into sessions).
set -euo pipefail
cd "$(dirname "$0")"
image=${1:-benchwright/ml:latest}
automl=../../../engine/src
harness=$automl/main/resources/org/benchwright/engine/workflow/automl/bw_automl.py
tests=$automl/test/resources/org/benchwright/engine/workflow/automl/test_bw_automl.py

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$harness" "$tests" "$work/"
cat >"$work/imports.py" <<'PY'
import lightgbm, numpy, optuna, pandas, pyarrow, scipy, sklearn, xgboost
print(" ".join(f"{m.__name__}={m.__version__}" for m in (sklearn, lightgbm, optuna, pandas, pyarrow, numpy, scipy, xgboost)))
PY
cat >"$work/lightgbm_check.py" <<'PY'
import lightgbm
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
X, y = load_breast_cancer(return_X_y=True)
Xtr, Xte, ytr, yte = train_test_split(X, y, random_state=0, stratify=y)
model = lightgbm.LGBMClassifier(n_estimators=50, verbose=-1, random_state=0).fit(Xtr, ytr)
accuracy = model.score(Xte, yte)
print(f"lightgbm breast_cancer accuracy {accuracy:.3f}")
assert accuracy > 0.9, accuracy
PY

run_in_image() { # COMMAND
  tar -c -C "$work" . | docker run -i --rm --network none --read-only --tmpfs /tmp --user 1000:1000 \
    --cap-drop ALL --security-opt no-new-privileges --pids-limit 256 --memory 2g --cpus 1 \
    "$image" bash -c 'mkdir /tmp/w && cd /tmp/w && tar -x && eval "$1"' bash "$1"
}

failures=0
check() { # LABEL COMMAND
  local start out rc secs
  start=$(date +%s.%N)
  set +e
  out=$(run_in_image "$2" 2>&1)
  rc=$?
  set -e
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  if ((rc == 0)); then
    printf 'PASS  %-28s %s (%ss)\n' "$1" "$(tail -n 1 <<<"$out")" "$secs"
  else
    failures=$((failures + 1))
    printf 'FAIL  %-28s exit %s (%ss)\n' "$1" "$rc" "$secs"
    printf '%s\n' "$out" | tail -n 60 | sed 's/^/      /'
  fi
}

check imports 'python3 imports.py'
check "lightgbm on breast_cancer" 'python3 lightgbm_check.py'
check "harness pytest" 'python3 -m pytest -q -p no:cacheprovider test_bw_automl.py'

if ((failures)); then
  echo "run-tests.sh: $failures check(s) failed in $image" >&2
  exit 1
fi
