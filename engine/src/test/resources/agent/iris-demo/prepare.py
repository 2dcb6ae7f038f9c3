"""Loads iris.csv and splits it 70/30 with a fixed seed. Read-only in the experiment loop."""
import csv

import numpy as np


def load(path="iris.csv", seed=0):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    names = sorted({r["species"] for r in rows})
    x = np.array([[float(r[k]) for k in list(r)[:4]] for r in rows])
    y = np.array([names.index(r["species"]) for r in rows])
    order = np.random.default_rng(seed).permutation(len(y))
    cut = int(len(y) * 0.7)
    train, val = order[:cut], order[cut:]
    return x[train], y[train], x[val], y[val]
