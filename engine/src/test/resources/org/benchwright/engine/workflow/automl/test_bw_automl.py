"""Tests of bw_automl.py, run with pytest inside the ml image (HarnessIT, ml/tests/run-tests.sh).

Most cases call the harness's main() in-process: a subprocess per case would spend most of the
file's time budget importing scikit-learn. A few run it as the engine does, as a subprocess, to
check exit codes and the one-line error on stderr.
"""

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest


def _harness_path() -> Path:
    here = Path(__file__).resolve().parent
    candidates = [os.environ.get("BW_AUTOML"), here / "bw_automl.py"]
    # Run from the repository: the harness lives in the engine's main resources.
    candidates.append(Path(str(here).replace("src/test/resources", "src/main/resources")) / "bw_automl.py")
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    raise RuntimeError("bw_automl.py not found (set BW_AUTOML)")


HARNESS = _harness_path()
_spec = importlib.util.spec_from_file_location("bw_automl", HARNESS)
bw = importlib.util.module_from_spec(_spec)
sys.modules["bw_automl"] = bw  # pickled models name their classes by this module
_spec.loader.exec_module(bw)


@pytest.fixture(autouse=True)
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*argv):
    """main() with the budget clock restarted, as if a new process had started."""
    bw._START = time.monotonic()
    return bw.main([str(a) for a in argv])


def error_of(capsys, *argv) -> str:
    assert run(*argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("bw_automl: "), err
    return err[0][len("bw_automl: "):]


def read(path):
    with open(path) as f:
        return json.load(f)


def write(path, text, mode="w"):
    with open(path, mode) as f:
        f.write(text)
    return path


def example(name):
    assert run("example", "--name", name, "--out", f"{name}.csv") == 0
    return f"{name}.csv"


def plan_for(data, budget=10, **changes):
    assert run("profile", "--data", data, "--out", "profile.json") == 0
    assert run("default-plan", "--profile", "profile.json", "--out", "plan.json", "--budget", budget) == 0
    plan = read("plan.json")
    plan.update(changes)
    write("plan.json", json.dumps(plan))
    return plan


def train(data, candidate, trials=2, budget=30, prefix=None):
    prefix = prefix or candidate
    code = run("train", "--data", data, "--plan", "plan.json", "--candidate", candidate, "--budget", budget,
               "--trials", trials, "--out", f"{prefix}.json", "--model", f"{prefix}.pkl", "--oof", f"{prefix}.npy")
    assert code == 0
    return read(f"{prefix}.json")


# --- profile: bad input ----------------------------------------------------------------------------


def test_empty_file(capsys):
    write("e.csv", "")
    assert error_of(capsys, "profile", "--data", "e.csv", "--out", "p.json") == "the file is empty"
    assert read("p.json") == {"error": "the file is empty"}


def test_header_only(capsys):
    write("h.csv", "a,b,c\n")
    assert "no rows" in error_of(capsys, "profile", "--data", "h.csv", "--out", "p.json")


def test_one_column(capsys):
    write("one.csv", "a\n1\n2\n3\n")
    msg = error_of(capsys, "profile", "--data", "one.csv", "--out", "p.json")
    assert msg == "only one column: a dataset needs features and a target"


def test_target_with_one_class(capsys):
    write("c.csv", "x,y\n1,a\n2,a\n3,a\n")
    msg = error_of(capsys, "profile", "--data", "c.csv", "--out", "p.json")
    assert msg == "target 'y' has one value ('a') in all 3 rows: nothing to learn"


def test_not_utf8(capsys):
    write("bad.csv", b"a,b\n1,x\n2,caf\xe9\n", "wb")
    msg = error_of(capsys, "profile", "--data", "bad.csv", "--out", "p.json")
    assert msg.startswith("not UTF-8 text: invalid byte 0xe9 near line 3"), msg


def test_too_many_columns(capsys):
    write("wide.csv", ",".join(f"c{i}" for i in range(30)) + "\n" + ",".join("1" for _ in range(30)) + "\n")
    msg = error_of(capsys, "profile", "--data", "wide.csv", "--out", "p.json", "--max-columns", 20)
    assert msg == "30 columns; at most 20 are supported"


def test_unparseable_parquet(capsys):
    write("broken.parquet", b"PAR1 this is not parquet", "wb")
    assert "Parquet" in error_of(capsys, "profile", "--data", "broken.parquet", "--out", "p.json")


def test_unknown_target_names_columns(capsys):
    write("d.csv", "a,b,y\n1,2,0\n3,4,1\n")
    msg = error_of(capsys, "profile", "--data", "d.csv", "--out", "p.json", "--target", "nope")
    assert msg == "target 'nope' is not a column; columns: a, b, y"


def test_all_missing_column_is_a_warning():
    write("m.csv", "a,empty,y\n1,,0\n2,,1\n3,,0\n4,,1\n")
    assert run("profile", "--data", "m.csv", "--out", "p.json") == 0
    prof = read("p.json")
    assert "column 'empty' is entirely missing; it will be dropped" in prof["warnings"]
    assert run("default-plan", "--profile", "p.json", "--out", "plan.json") == 0
    assert "empty" in read("plan.json")["drop"]


# --- profile: statistics and targets -----------------------------------------------------------


MIXED = """id,num,cat,flag,when,note,label
1,1.5,red,true,2024-01-01,the quick brown fox jumps over the lazy dog number one,yes
2,,blue,false,2024-01-02,the quick brown fox jumps over the lazy dog number two,no
3,3.5,red,true,2024-01-03,the quick brown fox jumps over the lazy dog number three,yes
4,4.5,,false,2024-01-04,the quick brown fox jumps over the lazy dog number four,no
5,5.5,red,true,2024-01-05,the quick brown fox jumps over the lazy dog number five,yes
"""


def test_profile_csv_types_and_stats():
    write("mixed.csv", MIXED)
    assert run("profile", "--data", "mixed.csv", "--out", "p.json") == 0
    prof = read("p.json")
    cols = {c["name"]: c for c in prof["columns"]}
    assert prof["format"] == "csv" and prof["rows"] == 5
    assert {n: c["type"] for n, c in cols.items()} == {
        "id": "numeric", "num": "numeric", "cat": "categorical", "flag": "boolean",
        "when": "datetime", "note": "text", "label": "categorical"}
    num = cols["num"]
    assert (num["missing"], num["distinct"], num["min"], num["max"]) == (1, 4, 1.5, 5.5)
    assert num["mean"] == pytest.approx(3.75) and num["std"] == pytest.approx(np.std([1.5, 3.5, 4.5, 5.5]))
    assert cols["cat"]["top"] == [["red", 3], ["blue", 1]] and cols["cat"]["missing"] == 1
    assert cols["id"]["id_like"] and not cols["num"]["id_like"]
    assert prof["target"]["name"] == "label" and prof["target"]["task"] == "binary"
    assert prof["target"]["classes"] == {"no": 2, "yes": 3}
    assert "named 'label'" in prof["target"]["reason"]
    assert prof["meta"]["imbalance_ratio"] == pytest.approx(1.5)
    assert 0 < prof["meta"]["class_entropy"] <= 1
    assert prof["peak_memory_mb"] > 0 and prof["seconds"] > 0


def test_profile_parquet_and_capped_distinct():
    n = 12_000
    rng = np.random.default_rng(0)
    pd.DataFrame({"x": rng.normal(size=n), "k": [f"k{i}" for i in range(n)], "v": rng.normal(size=n) * 3}).to_parquet("d.parquet")
    assert run("profile", "--data", "d.parquet", "--out", "p.json") == 0
    prof = read("p.json")
    cols = {c["name"]: c for c in prof["columns"]}
    assert prof["format"] == "parquet" and prof["rows"] == n
    assert cols["x"]["distinct_capped"] and cols["k"]["distinct_capped"]
    assert prof["target"]["name"] == "v" and prof["target"]["task"] == "regression"
    assert "last column" in prof["target"]["reason"]
    assert prof["meta"]["target_skew"] == pytest.approx(0, abs=0.1)


def test_type_widening_across_blocks(monkeypatch):
    # A later block disagreeing with the first one's inferred type widens the column.
    monkeypatch.setattr(bw, "CSV_BLOCK_SIZE", 64)
    rows = [f"{i},{i % 2}" for i in range(40)] + ["2.5,1", "abc,0"]
    write("w.csv", "a,y\n" + "\n".join(rows) + "\n")
    assert run("profile", "--data", "w.csv", "--out", "p.json") == 0
    assert read("p.json")["columns"][0]["type"] == "categorical"


@pytest.mark.parametrize("values,task,reason", [
    ([0, 1] * 50, "binary", "2 distinct values (0, 1): binary classification"),
    (["a", "b", "c"] * 40, "multiclass", "3 distinct categorical values"),
    ([0, 1, 2, 3] * 50, "multiclass", "integer values, 4 distinct (0, 1, 2, 3) in 200 rows"),
    ([i * 0.37 for i in range(100)], "regression", "numeric values with 100 distinct in 100 rows"),
    ([i % 30 for i in range(100)], "regression", "integer values with 30 distinct"),
])
def test_task_detection(values, task, reason):
    pd.DataFrame({"f": range(len(values)), "outcome": values, "z": 1.5}).to_csv("t.csv", index=False)
    assert run("profile", "--data", "t.csv", "--out", "p.json") == 0
    target = read("p.json")["target"]
    assert target["name"] == "outcome" and target["task"] == task
    assert reason in target["reason"], target["reason"]


# --- plans ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("change,expected", [
    ({"candidates": [{"name": "a", "model": "catboost"}]}, "unknown model kind \"catboost\""),
    ({"extra": 1}, "unknown key 'extra'"),
    ({"candidates": [{"name": "a", "model": "lightgbm", "search": {"num_leaves": {"low": 50, "high": 10}}}]},
     "search.num_leaves: 'low' (50) must be below 'high' (10)"),
    ({"candidates": [{"name": "a", "model": "linear", "search": {"C": {"low": 0, "high": 1, "log": True}}}]},
     "a log range needs low > 0"),
    ({"candidates": [{"name": "a", "model": "knn", "params": {"neighbours": 3}}]}, "'neighbours' is not a parameter of knn"),
    ({"metric": "rmse"}, "metric 'rmse' does not apply to a binary task"),
])
def test_plan_errors(capsys, change, expected):
    data = example("breast_cancer")
    plan_for(data, **change)
    cand = (change.get("candidates") or [{"name": "lightgbm"}])[0]["name"]
    msg = error_of(capsys, "train", "--data", data, "--plan", "plan.json", "--candidate", cand, "--budget", 5,
                   "--out", "r.json", "--model", "m.pkl", "--oof", "o.npy")
    assert expected in msg, msg
    assert read("r.json") == {"error": msg}


def test_default_plan_drops_identifiers():
    write("mixed.csv", MIXED)
    plan = plan_for("mixed.csv")
    assert plan["drop"] == ["id"] and plan["target"] == "label" and plan["metric"] == "roc_auc"
    assert [c["model"] for c in plan["candidates"]] == ["lightgbm", "xgboost", "hist_gb", "extra_trees", "linear"]
    assert plan["folds"] == 2  # the smaller class has 2 rows
    assert plan["candidates"][0]["search"]["num_leaves"] == {"low": 8, "high": 128, "log": True, "type": "int"}


# --- train, reproduce, ensemble, predict -------------------------------------------------------


def test_train_binary_and_reproduce():
    data = example("breast_cancer")
    plan_for(data)
    r = train(data, "lightgbm", trials=3)
    assert r["status"] == "ok" and r["metric"] == "roc_auc" and r["direction"] == "max" and r["trials"] == 3
    assert len(r["fold_scores"]) == 5 and r["cv_mean"] > 0.98 and r["classes"] == [0, 1]
    assert r["features"][0] == {"name": "mean radius", "type": "numeric"} and len(r["features"]) == 30
    assert np.load("lightgbm.npy").shape == (569, 2)
    write("params.json", json.dumps(r["params"]))
    assert run("reproduce", "--data", data, "--plan", "plan.json", "--candidate", "lightgbm", "--params", "params.json",
               "--out", "rep.json") == 0
    assert abs(read("rep.json")["cv_mean"] - r["cv_mean"]) <= 1e-9


def test_train_is_deterministic():
    data = example("breast_cancer")
    plan_for(data)
    a = train(data, "xgboost", trials=3, prefix="a")
    b = train(data, "xgboost", trials=3, prefix="b")
    assert (a["cv_mean"], a["params"], a["fold_scores"]) == (b["cv_mean"], b["params"], b["fold_scores"])
    assert np.array_equal(np.load("a.npy"), np.load("b.npy"))


def test_budget_stops_search():
    data = example("breast_cancer")
    plan_for(data)
    code = run("train", "--data", data, "--plan", "plan.json", "--candidate", "linear", "--budget", 2.5,
               "--out", "r.json", "--model", "m.pkl", "--oof", "o.npy")
    r = read("r.json")
    assert code == 0 and r["trials"] >= 1 and r["wall_seconds"] <= 2.5 * 1.1, r


def test_multiclass_ensemble_and_predict():
    data = example("iris")
    plan = plan_for(data)
    assert plan["task"] == "multiclass" and plan["metric"] == "accuracy"
    members = []
    for c in ("hist_gb", "linear", "extra_trees"):
        r = train(data, c, trials=1)
        assert np.load(f"{c}.npy").shape == (150, 3) and r["classes"] == [0, 1, 2]
        members += ["--member", f"{c}={c}.npy={c}.pkl"]
    assert run("ensemble", "--data", data, "--plan", "plan.json", *members, "--out", "ens.json", "--model", "ens.pkl") == 0
    ens = read("ens.json")
    assert ens["model"] == "ensemble" and len(ens["fold_scores"]) == 5 and len(ens["members"]) == 3
    assert sum(ens["params"]["weights"].values()) == pytest.approx(1.0)
    # Nested: each fold's score comes from weights chosen without it, so it is recomputable.
    oofs = {c: np.load(f"{c}.npy") for c in ("hist_gb", "linear", "extra_trees")}
    y = pd.read_csv(data)["target"].to_numpy()
    folds = bw.make_folds(y, {"task": "multiclass", "folds": 5, "seed": 0}, [0, 1, 2])
    names = list(oofs)
    for (tr, te), s in zip(folds, ens["fold_scores"]):
        counts = bw.caruana([oofs[n] for n in names], y, tr, "accuracy", 3, 3)
        blend = sum(c * oofs[n][te] for n, c in zip(names, counts)) / counts.sum()
        assert s == pytest.approx(bw.score("accuracy", y[te], blend, 3))
    # Predict keeps order and row count, ignores extra columns, adds probabilities.
    frame = pd.read_csv(data).drop(columns=["target"]).assign(extra="x")
    frame.to_csv("new.csv", index=False)
    assert run("predict", "--model", "ens.pkl", "--data", "new.csv", "--out", "pred.csv", "--proba") == 0
    pred = pd.read_csv("pred.csv")
    assert list(pred.columns) == ["prediction", "proba_0", "proba_1", "proba_2"] and len(pred) == 150
    assert (pred["prediction"] == y).mean() > 0.9
    assert np.allclose(pred[["proba_0", "proba_1", "proba_2"]].sum(axis=1), 1.0)


def test_regression_and_baseline():
    data = example("diabetes")
    plan = plan_for(data)
    assert plan["task"] == "regression" and plan["metric"] == "rmse"
    r = train(data, "linear", trials=3)
    assert r["direction"] == "min" and r["cv_mean"] > 0 and "classes" not in r
    assert np.load("linear.npy").shape == (442,)
    assert run("baseline", "--data", data, "--plan", "plan.json", "--out", "base.json") == 0
    base = read("base.json")
    assert base["name"] == "hist_gb_default" and base["model"] == "hist_gb" and len(base["fold_scores"]) == 5
    h = train(data, "hist_gb", trials=1)
    assert h["cv_mean"] == base["cv_mean"]  # the first trial runs the library defaults


def test_predict_schema_errors(capsys):
    write("mixed.csv", MIXED)
    plan_for("mixed.csv", candidates=[{"name": "lin", "model": "linear"}])
    train("mixed.csv", "lin", trials=1)
    pd.read_csv("mixed.csv").drop(columns=["num", "cat"]).to_csv("lacks.csv", index=False)
    msg = error_of(capsys, "predict", "--model", "lin.pkl", "--data", "lacks.csv", "--out", "p.csv")
    assert msg == "input lacks 2 column(s) the model needs: num, cat"
    write("badnum.csv", "num,cat,flag,when,note\n1.5,red,true,2024-01-01,x\noops,red,true,2024-01-01,x\n")
    msg = error_of(capsys, "predict", "--model", "lin.pkl", "--data", "badnum.csv", "--out", "p.csv")
    assert msg.startswith("column 'num' row 2: 'oops' is not a number"), msg


def test_features_code():
    data = example("breast_cancer")
    write("features.py", "def features(df):\n    df['ratio'] = df['mean area'] / df['mean perimeter']\n    return df\n")
    plan_for(data, features_code="features.py", candidates=[{"name": "lin", "model": "linear"}])
    r = train(data, "lin", trials=1)
    assert len(r["features"]) == 30  # the inputs, before features()
    os.remove("features.py")  # the model carries its source
    pd.read_csv(data).head(5).to_csv("new.csv", index=False)
    assert run("predict", "--model", "lin.pkl", "--data", "new.csv", "--out", "p.csv") == 0
    assert len(pd.read_csv("p.csv")) == 5


def test_features_code_error(capsys):
    data = example("breast_cancer")
    write("features.py", "def features(df):\n    return df['nope']\n")
    plan_for(data, features_code="features.py", candidates=[{"name": "lin", "model": "linear"}])
    msg = error_of(capsys, "train", "--data", data, "--plan", "plan.json", "--candidate", "lin", "--budget", 5,
                   "--out", "r.json", "--model", "m.pkl", "--oof", "o.npy")
    assert msg == "features.py: KeyError: 'nope' (line 2)"


def test_subprocess_exit_codes(workdir):
    write("e.csv", "")
    p = subprocess.run([sys.executable, str(HARNESS), "profile", "--data", "e.csv", "--out", "p.json"],
                       capture_output=True, text=True)
    assert p.returncode == 2 and p.stderr == "bw_automl: the file is empty\n"
    p = subprocess.run([sys.executable, str(HARNESS), "predict", "--model", "e.csv", "--data", "e.csv", "--out", "x.csv"],
                       capture_output=True, text=True)
    assert p.returncode == 2 and p.stderr.startswith("bw_automl: ") and p.stderr.count("\n") == 1
