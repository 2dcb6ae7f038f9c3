#!/usr/bin/env bash
# The AutoML harness against scikit-learn's HistGradientBoosting defaults, inside an ml image the
# way the engine runs it (uid 1000, no network, read-only root, tmpfs /tmp). For each bundled
# dataset: example -> profile -> default-plan -> train every candidate with an even share of the
# budget (budget x 0.95 / candidates, the rest left for the ensemble) -> ensemble -> baseline.
# Prints one line per dataset and exits 1 if the harness scores worse than the baseline anywhere
# or training overran the budget by more than 10 %.
#
#   quality.sh [IMAGE] [BUDGET]      (defaults benchwright/ml:latest, 60 seconds)
set -euo pipefail
cd "$(dirname "$0")"
image=${1:-benchwright/ml:latest}
budget=${2:-60}
harness=../../../engine/src/main/resources/org/benchwright/engine/workflow/automl/bw_automl.py

# The harness and the driver below are streamed in as a tar (no bind mount, so a remote engine works too).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$harness" "$work/bw_automl.py"
cat >"$work/quality.py" <<'PY'
import json, subprocess, sys, time

budget = float(sys.argv[1])
failed = False


def run(*args):
    start = time.monotonic()
    p = subprocess.run([sys.executable, "bw_automl.py", *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bw_automl {args[0]} failed ({p.returncode}):\n{p.stderr}")
    return time.monotonic() - start


def load(path):
    with open(path) as f:
        return json.load(f)


def better_or_equal(a, b, direction):
    return a >= b - 1e-12 if direction == "max" else a <= b + 1e-12


print(f"budget {budget:g} s per dataset; candidates share {budget * 0.95:g} s evenly")
print(f"{'dataset':<14}{'metric':<9}{'best':<22}{'score':>9}{'baseline':>10}{'train s':>9}{'+ens s':>8}  verdict")
for name in ("breast_cancer", "wine", "digits", "diabetes"):
    data = f"{name}.csv"
    run("example", "--name", name, "--out", data)
    run("profile", "--data", data, "--out", f"{name}.profile.json")
    run("default-plan", "--profile", f"{name}.profile.json", "--out", f"{name}.plan.json", "--budget", str(budget))
    plan = load(f"{name}.plan.json")
    share = budget * 0.95 / len(plan["candidates"])
    train_seconds, results, members = 0.0, [], []
    for cand in plan["candidates"]:
        c = cand["name"]
        train_seconds += run("train", "--data", data, "--plan", f"{name}.plan.json", "--candidate", c,
                             "--budget", f"{share:.3f}", "--out", f"{name}.{c}.json", "--model", f"{name}.{c}.pkl",
                             "--oof", f"{name}.{c}.npy")
        r = load(f"{name}.{c}.json")
        results.append(r)
        members += ["--member", f"{c}={name}.{c}.npy={name}.{c}.pkl"]
        print(f"  {name} {c}: {r['cv_mean']:.5f} ({r['trials']} trials, {r['wall_seconds']:.1f} s of {share:.1f})", file=sys.stderr)
    ens_seconds = run("ensemble", "--data", data, "--plan", f"{name}.plan.json", *members,
                      "--out", f"{name}.ensemble.json", "--model", f"{name}.ensemble.pkl")
    results.append(load(f"{name}.ensemble.json"))
    run("baseline", "--data", data, "--plan", f"{name}.plan.json", "--out", f"{name}.baseline.json")
    base = load(f"{name}.baseline.json")
    direction = base["direction"]
    best = max(results, key=lambda r: r["cv_mean"] if direction == "max" else -r["cv_mean"])
    ok_score = better_or_equal(best["cv_mean"], base["cv_mean"], direction)
    ok_time = train_seconds + ens_seconds <= budget * 1.10
    failed |= not (ok_score and ok_time)
    verdict = "ok" if ok_score and ok_time else ("WORSE" if not ok_score else "") + (" OVER" if not ok_time else "")
    print(f"{name:<14}{base['metric']:<9}{best['name']:<22}{best['cv_mean']:>9.5f}{base['cv_mean']:>10.5f}"
          f"{train_seconds:>9.1f}{ens_seconds:>8.1f}  {verdict}", flush=True)
sys.exit(1 if failed else 0)
PY
tar -c -C "$work" bw_automl.py quality.py | docker run -i --rm --network none --read-only \
  --tmpfs /tmp --user 1000:1000 --cap-drop ALL --security-opt no-new-privileges --memory 2g \
  "$image" bash -c 'cd /tmp && tar -x && exec python3 quality.py "$1"' bash "$budget"
