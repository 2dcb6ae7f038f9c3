"""Benchwright's AutoML harness: profile a table, plan, cross-validate and tune models, ensemble them.

One self-contained file by design: the engine copies it into the sandbox workspace, records it as
the run's code and exports it beside the trained models, so the exported models can be reproduced
and used with nothing but this file and the ml image's packages.

    python3 bw_automl.py profile --data data.csv --out profile.json [--target COL]
    python3 bw_automl.py default-plan --profile profile.json --out plan.json [--budget 60]
    python3 bw_automl.py train --data data.csv --plan plan.json --candidate NAME --budget S \
        --out result.json --model model.pkl --oof oof.npy
    python3 bw_automl.py ensemble --data data.csv --plan plan.json --member NAME=OOF.npy=MODEL.pkl ... \
        --out ensemble.json --model ensemble.pkl
    python3 bw_automl.py predict --model model.pkl --data input.csv --out predictions.csv [--proba]
    python3 bw_automl.py reproduce --data data.csv --plan plan.json --candidate NAME --params params.json \
        --out result.json
    python3 bw_automl.py baseline --data data.csv --plan plan.json --out result.json
    python3 bw_automl.py example --name breast_cancer --out data.csv

Exit status: 0 on success; 2 on a problem with the data, the plan or the arguments (one line on
stderr starting "bw_automl: ", and {"error": ...} in --out); 1 on an unexpected crash (traceback).
"""

import time

# Budgets count from process start, imports included: the engine's hard limit does too.
_START = time.monotonic()

import os  # noqa: E402


def _cpus() -> int:
    """Cores this process may really use. The sandbox limits CPU by quota (docker --cpus), which
    os.cpu_count() does not see; threads beyond the quota are throttled, and OpenMP's spinning
    workers then stall each other (a 0.2 s fit was seen taking 10 s)."""
    n = os.cpu_count() or 1
    try:
        n = min(n, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        pass
    try:
        with open("/sys/fs/cgroup/cpu.max") as f:
            quota, period = f.read().split()[:2]
        if quota != "max":
            n = min(n, max(1, int(int(quota) / int(period))))
    except (OSError, ValueError):
        pass
    return max(1, n)


# Before numpy, scikit-learn, LightGBM and XGBoost size their thread pools.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, str(_cpus()))

# Small tables train on one thread: it is as fast as two there, and on a busy machine OpenMP's
# barriers are not (HistGradientBoosting on digits: 1.4 s on one thread, 1.3-43 s on two).
SMALL_TABLE_CELLS = 250_000
_THREADS = _cpus()


def set_threads(n: int) -> None:
    global _THREADS
    _THREADS = n
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=n)

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import importlib.util  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import pickle  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import traceback  # noqa: E402
import warnings  # noqa: E402
from collections import Counter  # noqa: E402
from typing import Any, Callable  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402
import pyarrow.csv as pacsv  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from sklearn.base import BaseEstimator  # noqa: E402

DISTINCT_CAP = 10_000
CSV_BLOCK_SIZE = 16 << 20
TARGET_NAMES = ("target", "label", "class", "y", "outcome")
MISSING_CATEGORY = "__missing__"
CLASSIFICATION = ("binary", "multiclass")
TASKS = CLASSIFICATION + ("regression",)
METRICS = {  # name -> (tasks it applies to, direction)
    "roc_auc": (CLASSIFICATION, "max"),
    "accuracy": (CLASSIFICATION, "max"),
    "log_loss": (CLASSIFICATION, "min"),
    "rmse": (("regression",), "min"),
    "mae": (("regression",), "min"),
    "r2": (("regression",), "max"),
}
DEFAULT_METRIC = {"binary": "roc_auc", "multiclass": "accuracy", "regression": "rmse"}
# Libraries print convergence and deprecation notes on stderr, which the engine shows the model as
# if they were problems; the harness reports what matters in its JSON instead.
warnings.filterwarnings("ignore")


class UserError(Exception):
    """A problem with the data, the plan or the arguments: reported in one line, exit 2."""


# --- reading tables ------------------------------------------------------------------------------


@dataclasses.dataclass
class Source:
    """A CSV or Parquet file and how to read it. CSV column types start as pyarrow's inference
    from the first block and are widened (int -> float -> string) when a later block disagrees,
    which restarts the read: streaming never holds the whole file."""

    path: str
    fmt: str
    delimiter: str = ","
    column_types: dict = dataclasses.field(default_factory=dict)
    all_strings: bool = False

    def batches(self):
        """Yields record batches; raises UserError on unreadable input, _Restart after widening
        a CSV column's type (the caller starts over)."""
        if self.fmt == "parquet":
            try:
                yield from self._parquet().iter_batches(batch_size=65_536)
            except (pa.ArrowException, OSError) as e:
                raise UserError(f"cannot read the Parquet file: {_one_line(e)}") from None
            return
        reader, stream = self._csv_reader()
        try:
            for batch in reader:
                yield batch
                stream.consumed(CSV_BLOCK_SIZE)
        except pa.ArrowInvalid as e:
            if self._widen(str(e), reader.schema):
                raise _Restart() from None
            raise UserError(self._describe_csv_error(e)) from None
        finally:
            stream.release()

    def table(self) -> pa.Table:
        """The whole file, with the same type widening as the streamed read."""
        while True:
            try:
                batches = list(self.batches())
            except _Restart:
                continue
            if batches:
                return pa.Table.from_batches(batches)
            return self._empty_table()

    def _empty_table(self):
        if self.fmt == "parquet":
            return self._parquet().schema_arrow.empty_table()
        reader, stream = self._csv_reader()
        stream.release()
        return reader.schema.empty_table()

    def _parquet(self):
        try:
            return pq.ParquetFile(self.path)
        except (pa.ArrowException, OSError) as e:
            raise UserError(f"{os.path.basename(self.path)} is not a readable Parquet file: {_one_line(e)}") from None

    def _csv_reader(self):
        convert = pacsv.ConvertOptions(strings_can_be_null=True, column_types=self.column_types)
        if self.all_strings:
            names = _csv_header(self.path, self.delimiter)
            convert = pacsv.ConvertOptions(strings_can_be_null=True, column_types={n: pa.string() for n in names})
        stream = _ThrottledFile(self.path, 3 * CSV_BLOCK_SIZE)
        try:
            reader = pacsv.open_csv(
                stream,
                read_options=pacsv.ReadOptions(block_size=CSV_BLOCK_SIZE),
                parse_options=pacsv.ParseOptions(delimiter=self.delimiter),
                convert_options=convert,
            )
        except pa.ArrowInvalid as e:
            stream.release()
            if "Empty CSV file" in str(e):
                raise UserError("the file is empty") from None
            raise UserError(self._describe_csv_error(e)) from None
        # pyarrow infers "binary" for a column of the first block that is not valid UTF-8.
        if any(pa.types.is_binary(t) or pa.types.is_large_binary(t) for t in reader.schema.types):
            stream.release()
            raise UserError(_find_invalid_utf8(self.path) or "not UTF-8 text")
        return reader, stream

    def _widen(self, message: str, schema) -> bool:
        m = re.search(r"In CSV column #(\d+): CSV conversion error to (\w+)", message)
        if not m or m.group(2) == "string":
            return False
        name = schema.names[int(m.group(1))]
        widened = {"null": pa.int64(), "int64": pa.float64()}.get(m.group(2), pa.string())
        self.column_types = {**self.column_types, name: widened}
        return True

    def _describe_csv_error(self, e: Exception) -> str:
        bad = _find_invalid_utf8(self.path)
        if bad:
            return bad
        return f"cannot read {os.path.basename(self.path)} as CSV: {_one_line(e)}"


class _ThrottledFile(io.RawIOBase):
    """The CSV file as pyarrow's streaming reader sees it. That reader reads ahead as fast as the
    disk allows, so without a brake the process grows with the file (profile peaked at 0.86 GB
    on a 1 GB CSV; with it 0.45 GB, as on a 0.3 GB one); read() waits until the consumer is within
    `window` bytes. The timeout only guards against a stall should pyarrow need more at once."""

    def __init__(self, path: str, window: int):
        super().__init__()
        self._file = open(path, "rb")
        self._read = 0
        self._allowed = window
        self._cv = threading.Condition()

    def readable(self):
        return True

    def readinto(self, buffer):
        with self._cv:
            self._cv.wait_for(lambda: self._read < self._allowed, timeout=0.5)
        n = self._file.readinto(buffer)
        self._read += n
        return n

    def consumed(self, nbytes: int) -> None:
        with self._cv:
            self._allowed += nbytes
            self._cv.notify_all()

    def release(self) -> None:
        """No more waiting: a reader thread blocked here would abort the interpreter at exit."""
        self.consumed(1 << 62)


class _Restart(Exception):
    """A CSV column type was widened; the read starts again."""


def _one_line(e: Exception) -> str:
    text = " ".join(str(e).split())
    return text[:300]


def _csv_header(path: str, delimiter: str) -> list:
    import csv

    with open(path, newline="", encoding="utf-8", errors="replace") as f:
        return next(csv.reader(f, delimiter=delimiter), [])


def _find_invalid_utf8(path: str):
    """Where the first byte that is not UTF-8 is, streamed so a large file costs no memory."""
    line, offset, carry = 1, 0, b""
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            data, carry = carry + chunk, b""
            try:
                data.decode("utf-8")
                good = len(data)
            except UnicodeDecodeError as e:
                if e.reason != "unexpected end of data":
                    line += data.count(b"\n", 0, e.start)
                    return f"not UTF-8 text: invalid byte 0x{data[e.start]:02x} near line {line} (byte {offset + e.start})"
                good, carry = e.start, data[e.start:]  # a character split across chunks
            line += data.count(b"\n", 0, good)
            offset += good
    if carry:
        return f"not UTF-8 text: invalid byte 0x{carry[0]:02x} near line {line} (byte {offset})"
    return None


def open_source(path: str, all_strings: bool = False) -> Source:
    """Detects the format by extension, else by content (Parquet magic, else CSV)."""
    if not os.path.isfile(path):
        raise UserError(f"cannot read {path}: no such file")
    if os.path.getsize(path) == 0:
        raise UserError("the file is empty")
    ext = os.path.splitext(path)[1].lower()
    with open(path, "rb") as f:
        head = f.read(65_536)
    if ext in (".parquet", ".pq") or (ext not in (".csv", ".tsv", ".txt") and head[:4] == b"PAR1"):
        return Source(path, "parquet")
    if not head.strip():
        raise UserError("the file is empty")
    if ext == ".tsv":
        delimiter = "\t"
    else:
        first = head.split(b"\n", 1)[0]
        counts = {d: first.count(d.encode()) for d in (",", "\t", ";", "|")}
        delimiter = max(counts, key=lambda d: (counts[d], d == ","))
        if counts[delimiter] == 0:
            delimiter = ","
    return Source(path, "csv", delimiter, all_strings=all_strings)


def read_table(path: str) -> tuple:
    """The whole file as a pyarrow table; (table, format)."""
    source = open_source(path)
    return source.table(), source.fmt


# --- column kinds --------------------------------------------------------------------------------


def arrow_kind(t: pa.DataType) -> str:
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_integer(t) or pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "numeric"
    if pa.types.is_timestamp(t) or pa.types.is_date(t):
        return "datetime"
    return "categorical"


def string_kind(mean_length: float, distinct: int, present: int, capped: bool) -> str:
    """Long strings that rarely repeat are free text, not categories."""
    if mean_length >= 30 and (capped or distinct > 0.5 * present):
        return "text"
    return "categorical"


def column_kind(column: pa.ChunkedArray) -> str:
    kind = arrow_kind(column.type)
    if kind == "categorical" and (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        present = column.drop_null()
        if len(present) == 0:
            return kind
        distinct = pc.count_distinct(present).as_py()
        mean_length = pc.mean(pc.utf8_length(present)).as_py()
        return string_kind(mean_length, distinct, len(present), distinct > DISTINCT_CAP)
    return kind


# --- profile -------------------------------------------------------------------------------------


class ColumnStats:
    """Streaming statistics of one column: memory is bounded by DISTINCT_CAP values."""

    def __init__(self, name: str, arrow_type: pa.DataType):
        self.name = name
        self.kind = arrow_kind(arrow_type)
        self.is_string = pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)
        self.integral = self.kind == "numeric"  # every value so far a whole number
        self.rows = 0
        self.missing = 0
        self.counts = Counter()
        self.capped = False
        self.n = 0  # numeric moments, merged per batch (Chan/Pebay) for stability
        self.mean = 0.0
        self.m2 = 0.0
        self.m3 = 0.0
        self.min = None
        self.max = None
        self.monotonic = True
        self.last = None
        self.all_batches_unique = True
        self.length_sum = 0

    def update(self, arr: pa.Array) -> None:
        self.rows += len(arr)
        if pa.types.is_floating(arr.type):
            arr = pc.if_else(pc.is_nan(arr), pa.scalar(None, arr.type), arr)
        self.missing += arr.null_count
        values = arr.drop_null()
        if len(values) == 0:
            return
        self._count(values)
        if self.is_string:
            self.length_sum += pc.sum(pc.utf8_length(values)).as_py()
        if self.kind == "numeric":
            self._moments(values.cast(pa.float64()).to_numpy(zero_copy_only=False))
        elif self.kind == "datetime":
            mm = pc.min_max(values)
            lo, hi = mm["min"].as_py(), mm["max"].as_py()
            self.min = lo if self.min is None else min(self.min, lo)
            self.max = hi if self.max is None else max(self.max, hi)

    def _count(self, values: pa.Array) -> None:
        vc = pc.value_counts(values)
        if len(vc) != len(values):
            self.all_batches_unique = False
        if not self.capped and len(vc) > DISTINCT_CAP:
            # Over the cap within one batch: capped without turning every value into a Python
            # object (a float column's first batch alone would be ~100,000 of them).
            self.capped = True
            self.counts = Counter()
            if self.kind == "numeric":
                return
            vc = vc.take(pc.array_sort_indices(vc.field("counts"), order="descending")[:DISTINCT_CAP])
            self.counts.update(dict(zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist())))
            return
        if self.capped and self.kind == "numeric":
            return
        batch_values, batch_counts = vc.field("values").to_pylist(), vc.field("counts").to_pylist()
        if self.capped:
            # Past the cap only categorical top values are kept (approximately), for known values.
            if self.kind != "numeric":
                for v, c in zip(batch_values, batch_counts):
                    if v in self.counts:
                        self.counts[v] += c
            return
        for v, c in zip(batch_values, batch_counts):
            self.counts[v] += c
        if len(self.counts) > DISTINCT_CAP:
            self.capped = True
            if self.kind == "numeric":
                self.counts = Counter()

    def _moments(self, x: np.ndarray) -> None:
        nb = len(x)
        mb = float(x.mean())
        d = x - mb
        m2b, m3b = float((d * d).sum()), float((d * d * d).sum())
        na, n = self.n, self.n + nb
        delta = mb - self.mean
        self.m3 += m3b + delta**3 * na * nb * (na - nb) / n**2 + 3 * delta * (na * m2b - nb * self.m2) / n
        self.m2 += m2b + delta**2 * na * nb / n
        self.mean += delta * nb / n
        self.n = n
        lo, hi = float(x.min()), float(x.max())
        self.min = lo if self.min is None else min(self.min, lo)
        self.max = hi if self.max is None else max(self.max, hi)
        if self.integral:
            self.integral = bool(np.all(np.floor(x) == x))
        if self.monotonic:
            increasing = bool(np.all(np.diff(x) > 0)) and (self.last is None or x[0] > self.last)
            self.monotonic = increasing and self.missing == 0
            self.last = float(x[-1])

    @property
    def present(self) -> int:
        return self.rows - self.missing

    @property
    def distinct(self) -> int:
        return DISTINCT_CAP if self.capped else len(self.counts)  # capped: "at least"

    def final_kind(self) -> str:
        if self.is_string and self.present:
            return string_kind(self.length_sum / self.present, self.distinct, self.present, self.capped)
        return self.kind

    def id_like(self) -> bool:
        """A distinct value in every row, and not a measurement: a key the model must not learn."""
        if self.present == 0 or self.missing:
            return False
        unique = (not self.capped and self.distinct == self.rows) or (self.capped and self.all_batches_unique)
        if not unique:
            return False
        if self.kind == "numeric":
            return bool(self.integral) and self.monotonic
        # Unique dates and free text are information, not keys.
        return self.final_kind() == "categorical"

    def skew(self):
        if self.n < 3 or self.m2 <= 0:
            return None
        return (self.m3 / self.n) / (self.m2 / self.n) ** 1.5

    def to_json(self) -> dict:
        kind = self.final_kind()
        numeric = kind == "numeric" and self.n > 0
        top = []
        if kind in ("categorical", "boolean"):
            top = [[_json_value(v), c] for v, c in sorted(self.counts.items(), key=lambda vc: (-vc[1], str(vc[0])))[:5]]
        lo, hi = self.min, self.max
        if numeric and self.integral and self.kind == "numeric":
            lo, hi = _maybe_int(lo), _maybe_int(hi)
        if kind == "datetime" and lo is not None:
            lo, hi = lo.isoformat(), hi.isoformat()
        return {
            "name": self.name,
            "type": kind,
            "missing": self.missing,
            "distinct": self.distinct,
            "distinct_capped": self.capped,
            "min": lo if (numeric or kind == "datetime") else None,
            "max": hi if (numeric or kind == "datetime") else None,
            "mean": self.mean if numeric else None,
            "std": math.sqrt(self.m2 / self.n) if numeric else None,
            "top": top,
            "id_like": self.id_like(),
        }


def _maybe_int(v):
    return int(v) if v is not None and float(v).is_integer() else v


def _json_value(v):
    if isinstance(v, (np.generic,)):
        return v.item()
    if isinstance(v, (bool, int, float, str)) or v is None:
        return v
    return str(v)


def scan_columns(source: Source, max_columns: int) -> list:
    """One streaming pass over the file; restarts when a CSV column type is widened."""
    while True:
        stats = None
        try:
            for batch in source.batches():
                if stats is None:
                    stats = _start_stats(batch.schema, max_columns)
                for i, column in enumerate(batch.columns):
                    stats[i].update(column)
            if stats is None:
                schema = source._empty_table().schema
                stats = _start_stats(schema, max_columns)
            return stats
        except _Restart:
            continue


def _start_stats(schema: pa.Schema, max_columns: int) -> list:
    if len(schema) > max_columns:
        raise UserError(f"{len(schema)} columns; at most {max_columns} are supported")
    return [ColumnStats(name, schema.field(i).type) for i, name in enumerate(schema.names)]


def infer_task(col: ColumnStats, rows: int) -> tuple:
    """(task, reason) for a column used as the target; UserError when there is nothing to learn."""
    d = col.distinct
    if col.present == 0:
        raise UserError(f"target '{col.name}' is missing in all {rows} rows: nothing to learn")
    if d == 1:
        (value,) = col.counts
        raise UserError(f"target '{col.name}' has one value ({_quote(value)}) in all {col.present} rows: nothing to learn")
    shown = ", ".join(_quote(v) if col.kind != "numeric" else _fmt_num(v) for v in sorted(col.counts, key=str)[:5])
    if d == 2:
        return "binary", f"2 distinct values ({shown}): binary classification"
    kind = col.final_kind()
    if kind != "numeric":
        more = "" if d <= 5 else ", ..."
        return "multiclass", f"{d} distinct {kind} values ({shown}{more}): multiclass classification"
    if col.integral and not col.capped and d <= 20 and d <= 0.05 * rows:
        values = ", ".join(_fmt_num(v) for v in sorted(col.counts)[:5]) + (", ..." if d > 5 else "")
        return "multiclass", f"integer values, {d} distinct ({values}) in {rows} rows: multiclass classification"
    many = f"{d}+" if col.capped else str(d)
    what = "integer" if col.integral else "numeric"
    return "regression", f"{what} values with {many} distinct in {rows} rows: regression"


def _quote(v) -> str:
    return f"'{v}'"


def _fmt_num(v) -> str:
    return str(_maybe_int(v)) if isinstance(v, (int, float)) else str(v)


def choose_target(stats: list, wanted) -> tuple:
    names = [c.name for c in stats]
    if wanted is not None:
        if wanted not in names:
            shown = ", ".join(names[:20]) + (f", ... ({len(names)} in all)" if len(names) > 20 else "")
            raise UserError(f"target '{wanted}' is not a column; columns: {shown}")
        return stats[names.index(wanted)], "given with --target"
    for col in stats:
        if col.name.lower() in TARGET_NAMES:
            return col, f"named '{col.name}', a usual target name"
    return stats[-1], "the last column (no column is named target, label, class, y or outcome)"


def target_candidates(stats: list, chosen: ColumnStats, rows: int) -> list:
    """Columns that could plausibly be the target, best first."""
    order = [chosen]
    order += [c for c in stats if c.name.lower() in TARGET_NAMES]
    order += [stats[-1], stats[0]]
    order += [c for c in stats if c.final_kind() in ("boolean", "categorical") and 2 <= c.distinct <= 20]
    seen, out = set(), []
    for col in order:
        if col.name in seen or col.id_like() or col.final_kind() in ("text", "datetime"):
            continue
        seen.add(col.name)
        try:
            task, reason = infer_task(col, rows)
        except UserError:
            continue
        out.append({"name": col.name, "task": task, "reason": reason})
        if len(out) == 5:
            break
    return out


def profile_meta(stats: list, target: ColumnStats, task: str, rows: int) -> dict:
    features = [c for c in stats if c is not target]
    kinds = [c.final_kind() for c in features]
    cells = rows * len(stats)
    meta = {
        "rows": rows,
        "columns": len(stats),
        "numeric": kinds.count("numeric"),
        "categorical": sum(k in ("categorical", "boolean", "text") for k in kinds),
        "missing_ratio": (sum(c.missing for c in stats) / cells) if cells else 0.0,
        "dimensionality": len(stats) / rows if rows else None,
        "class_entropy": None,
        "imbalance_ratio": None,
        "target_skew": None,
    }
    if task in CLASSIFICATION:
        counts = np.array(list(target.counts.values()), dtype=float)
        p = counts / counts.sum()
        meta["class_entropy"] = float(-(p * np.log(p)).sum() / math.log(len(p))) if len(p) > 1 else 0.0
        meta["imbalance_ratio"] = float(counts.max() / counts.min())
    else:
        meta["target_skew"] = target.skew()
    return meta


def profile(args) -> dict:
    source = open_source(args.data)
    stats = scan_columns(source, args.max_columns)
    rows = stats[0].rows if stats else 0
    if rows == 0:
        raise UserError("the file has a header but no rows")
    if len(stats) == 1:
        raise UserError("only one column: a dataset needs features and a target")
    target, rule = choose_target(stats, args.target)
    task, why = infer_task(target, rows)
    warnings_ = []
    for col in stats:
        if col.present == 0:
            warnings_.append(f"column '{col.name}' is entirely missing; it will be dropped")
        elif col is not target and col.distinct == 1:
            warnings_.append(f"column '{col.name}' has a single value; it carries no information")
        elif col is not target and col.id_like():
            warnings_.append(f"column '{col.name}' looks like an identifier (a distinct value in every row); the default plan drops it")
    if target.missing:
        warnings_.append(f"target '{target.name}' is missing in {target.missing} rows; they are left out of training")
    target_json = {"name": target.name, "task": task, "reason": f"{rule}; {why}"}
    if task in CLASSIFICATION:
        target_json["classes"] = {str(_json_value(k)): v for k, v in sorted(target.counts.items(), key=lambda kv: str(kv[0]))}
    return {
        "format": source.fmt,
        "rows": rows,
        "columns": [c.to_json() for c in stats],
        "target": target_json,
        "candidates": target_candidates(stats, target, rows),
        "meta": profile_meta(stats, target, task, rows),
        "warnings": warnings_,
        "seconds": time.monotonic() - _START,
        "peak_memory_mb": peak_memory_mb(),
    }


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- models --------------------------------------------------------------------------------------


def _rng(low, high, log=False, kind="float") -> dict:
    return {"low": low, "high": high, "log": log, "type": kind}


@dataclasses.dataclass(frozen=True)
class ModelKind:
    """One model family of the registry.

    family "tree": categoricals ordinal-encoded, missing numbers passed through (every tree
    learner here handles NaN); family "scaled": imputed, optionally scaled, categoricals per the
    plan. defaults are the library's own values of the searchable parameters: the first trial
    runs them so tuning can only improve on the defaults' CV score."""

    family: str
    build: Callable  # (task, params, seed, n_classes) -> estimator
    defaults: Callable  # task -> dict
    space: Callable  # task -> default search space
    known_params: Callable = None  # task -> set of accepted parameter names, None = any


def _is_clf(task: str) -> bool:
    return task in CLASSIFICATION


def _build_lightgbm(task, params, seed, n_classes):
    import lightgbm

    kwargs = {"random_state": seed, "n_jobs": _THREADS, "deterministic": True, "force_row_wise": True, "verbose": -1}
    kwargs.update(params)
    # LightGBM only bags rows when a bagging frequency is set; without it "subsample" is ignored.
    if kwargs.get("subsample", 1.0) < 1.0 and "subsample_freq" not in params and "bagging_freq" not in params:
        kwargs["subsample_freq"] = 1
    return (lightgbm.LGBMClassifier if _is_clf(task) else lightgbm.LGBMRegressor)(**kwargs)


class XGBNative(BaseEstimator):
    """XGBoost through its native train/DMatrix API. Debian's XGBoost 1.7 sklearn wrapper breaks
    inside scikit-learn 1.9, so this small estimator stands in for it."""

    def __init__(self, task, n_classes, params, seed):
        self.task = task
        self.n_classes = n_classes
        self.params = dict(params)
        self.seed = seed

    def fit(self, X, y):
        import xgboost

        p = dict(self.params)
        rounds = int(p.pop("num_boost_round", 100))
        booster = {"tree_method": "hist", "seed": self.seed, "nthread": _THREADS, "verbosity": 0}
        if self.task == "binary":
            booster.update(objective="binary:logistic")
        elif self.task == "multiclass":
            booster.update(objective="multi:softprob", num_class=self.n_classes)
        else:
            booster.update(objective="reg:squarederror")
        booster.update(p)
        dtrain = xgboost.DMatrix(np.asarray(X, dtype=np.float32), label=y)
        self.booster_ = xgboost.train(booster, dtrain, num_boost_round=rounds)
        return self

    def _raw(self, X):
        import xgboost

        return self.booster_.predict(xgboost.DMatrix(np.asarray(X, dtype=np.float32)))

    def predict_proba(self, X):
        p = self._raw(X)
        return np.column_stack([1 - p, p]) if self.task == "binary" else p

    def predict(self, X):
        if self.task == "regression":
            return self._raw(X)
        return self.predict_proba(X).argmax(axis=1)


def _build_xgboost(task, params, seed, n_classes):
    return XGBNative(task, n_classes, params, seed)


def _build_hist_gb(task, params, seed, n_classes):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    cls = HistGradientBoostingClassifier if _is_clf(task) else HistGradientBoostingRegressor
    return cls(**{"random_state": seed, **params})


def _forest(clf_name, reg_name):
    def build(task, params, seed, n_classes):
        import sklearn.ensemble

        cls = getattr(sklearn.ensemble, clf_name if _is_clf(task) else reg_name)
        return cls(**{"random_state": seed, "n_jobs": _THREADS, **params})

    return build


def _build_linear(task, params, seed, n_classes):
    from sklearn.linear_model import LogisticRegression, Ridge

    if _is_clf(task):
        return LogisticRegression(**{"max_iter": 2000, "random_state": seed, **params})
    return Ridge(**{"random_state": seed, **params})


def _build_knn(task, params, seed, n_classes):
    from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

    cls = KNeighborsClassifier if _is_clf(task) else KNeighborsRegressor
    return cls(**{"n_jobs": _THREADS, **params})


def _sklearn_params(builder):
    def known(task):
        return set(builder(task, {}, 0, 2).get_params())

    return known


_FOREST_SPACE = lambda task: {  # noqa: E731
    "n_estimators": _rng(50, 500, True, "int"),
    "max_features": {"choices": ["sqrt", 0.5, 1.0]},
    "min_samples_leaf": _rng(1, 20, True, "int"),
}
_FOREST_DEFAULTS = lambda task: {  # noqa: E731
    "n_estimators": 100,
    "max_features": "sqrt" if _is_clf(task) else 1.0,
    "min_samples_leaf": 1,
}

MODELS = {
    "lightgbm": ModelKind(
        "tree",
        _build_lightgbm,
        lambda task: {"num_leaves": 31, "learning_rate": 0.1, "n_estimators": 100, "min_child_samples": 20,
                      "subsample": 1.0, "colsample_bytree": 1.0, "reg_lambda": 0.0},
        lambda task: {"num_leaves": _rng(8, 128, True, "int"), "learning_rate": _rng(0.01, 0.3, True),
                      "n_estimators": _rng(50, 500, True, "int"), "min_child_samples": _rng(5, 100, True, "int"),
                      "subsample": _rng(0.5, 1.0), "colsample_bytree": _rng(0.5, 1.0),
                      "reg_lambda": _rng(1e-3, 10.0, True)},
    ),
    "xgboost": ModelKind(
        "tree",
        _build_xgboost,
        lambda task: {"eta": 0.3, "max_depth": 6, "num_boost_round": 100, "subsample": 1.0,
                      "colsample_bytree": 1.0, "lambda": 1.0},
        lambda task: {"eta": _rng(0.01, 0.3, True), "max_depth": _rng(2, 10, False, "int"),
                      "num_boost_round": _rng(50, 500, True, "int"), "subsample": _rng(0.5, 1.0),
                      "colsample_bytree": _rng(0.5, 1.0), "lambda": _rng(1e-3, 10.0, True)},
    ),
    "hist_gb": ModelKind(
        "tree",
        _build_hist_gb,
        lambda task: {"learning_rate": 0.1, "max_leaf_nodes": 31, "l2_regularization": 0.0, "max_iter": 100},
        lambda task: {"learning_rate": _rng(0.01, 0.3, True), "max_leaf_nodes": _rng(8, 128, True, "int"),
                      "l2_regularization": _rng(1e-4, 10.0, True), "max_iter": _rng(50, 500, True, "int")},
        _sklearn_params(_build_hist_gb),
    ),
    "random_forest": ModelKind("tree", _forest("RandomForestClassifier", "RandomForestRegressor"),
                               _FOREST_DEFAULTS, _FOREST_SPACE,
                               _sklearn_params(_forest("RandomForestClassifier", "RandomForestRegressor"))),
    "extra_trees": ModelKind("tree", _forest("ExtraTreesClassifier", "ExtraTreesRegressor"),
                             _FOREST_DEFAULTS, _FOREST_SPACE,
                             _sklearn_params(_forest("ExtraTreesClassifier", "ExtraTreesRegressor"))),
    "linear": ModelKind(
        "scaled",
        _build_linear,
        lambda task: {"C": 1.0} if _is_clf(task) else {"alpha": 1.0},
        lambda task: {"C": _rng(1e-3, 1e3, True)} if _is_clf(task) else {"alpha": _rng(1e-3, 1e3, True)},
        _sklearn_params(_build_linear),
    ),
    "knn": ModelKind(
        "scaled",
        _build_knn,
        lambda task: {"n_neighbors": 5},
        lambda task: {"n_neighbors": _rng(1, 50, True, "int")},
        _sklearn_params(_build_knn),
    ),
}


# --- plans ---------------------------------------------------------------------------------------

PLAN_KEYS = {"target", "task", "metric", "folds", "seed", "budget_seconds", "drop", "features_code",
             "preprocessing", "candidates", "ensemble"}
PREPROCESSING = {"numeric_impute": ("median", "mean"), "categorical": ("onehot", "ordinal"), "scale": (True, False)}
CANDIDATE_KEYS = {"name", "model", "params", "search"}


def load_plan(path: str) -> dict:
    """Reads and validates a plan, filling in defaults; every problem is one precise message."""
    try:
        with open(path, encoding="utf-8") as f:
            plan = json.load(f)
    except FileNotFoundError:
        raise UserError(f"cannot read the plan {path}: no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UserError(f"plan {path} is not valid JSON: {e}") from None
    where = os.path.basename(path)
    if not isinstance(plan, dict):
        raise UserError(f"{where}: the plan must be a JSON object")
    unknown = sorted(set(plan) - PLAN_KEYS)
    if unknown:
        raise UserError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(sorted(PLAN_KEYS))})")
    for key in ("target", "task"):
        if key not in plan:
            raise UserError(f"{where}: '{key}' is required")
    if not isinstance(plan["target"], str):
        raise UserError(f"{where}: 'target' must be a column name")
    if plan["task"] not in TASKS:
        raise UserError(f"{where}: task '{plan['task']}' is not one of {', '.join(TASKS)}")
    plan.setdefault("metric", DEFAULT_METRIC[plan["task"]])
    if plan["metric"] not in METRICS:
        raise UserError(f"{where}: unknown metric '{plan['metric']}' (known: {', '.join(METRICS)})")
    if plan["task"] not in METRICS[plan["metric"]][0]:
        raise UserError(f"{where}: metric '{plan['metric']}' does not apply to a {plan['task']} task")
    plan.setdefault("folds", 5)
    if not _is_int(plan["folds"]) or not 2 <= plan["folds"] <= 20:
        raise UserError(f"{where}: 'folds' must be an integer from 2 to 20, not {plan['folds']!r}")
    plan.setdefault("seed", 0)
    if not _is_int(plan["seed"]) or plan["seed"] < 0:
        raise UserError(f"{where}: 'seed' must be a non-negative integer")
    plan.setdefault("budget_seconds", 60)
    if not isinstance(plan["budget_seconds"], (int, float)) or plan["budget_seconds"] <= 0:
        raise UserError(f"{where}: 'budget_seconds' must be a positive number")
    plan.setdefault("drop", [])
    if not isinstance(plan["drop"], list) or not all(isinstance(c, str) for c in plan["drop"]):
        raise UserError(f"{where}: 'drop' must be a list of column names")
    code = plan.setdefault("features_code", None)
    if code is not None and (not isinstance(code, str) or not code):
        raise UserError(f"{where}: 'features_code' must be a file name")
    prep = plan.setdefault("preprocessing", {})
    if not isinstance(prep, dict):
        raise UserError(f"{where}: 'preprocessing' must be an object")
    for key in prep:
        if key not in PREPROCESSING:
            raise UserError(f"{where}: preprocessing: unknown key '{key}' (known: {', '.join(PREPROCESSING)})")
        if prep[key] not in PREPROCESSING[key] or (key == "scale" and not isinstance(prep[key], bool)):
            allowed = ", ".join(json.dumps(v) for v in PREPROCESSING[key])
            raise UserError(f"{where}: preprocessing.{key} is {json.dumps(prep[key])}; allowed: {allowed}")
    prep.setdefault("numeric_impute", "median")
    prep.setdefault("categorical", "onehot")
    prep.setdefault("scale", True)
    candidates = plan.setdefault("candidates", [])
    if not isinstance(candidates, list):
        raise UserError(f"{where}: 'candidates' must be a list")
    names = set()
    for i, cand in enumerate(candidates):
        _validate_candidate(where, i, cand, plan["task"])
        if cand["name"] in names:
            raise UserError(f"{where}: candidate name '{cand['name']}' appears twice")
        names.add(cand["name"])
    ens = plan.setdefault("ensemble", {"top": 3})
    if not isinstance(ens, dict) or set(ens) - {"top"} or not _is_int(ens.get("top", 3)) or ens.get("top", 3) < 1:
        raise UserError(f"{where}: 'ensemble' must be {{\"top\": N}} with N >= 1")
    ens.setdefault("top", 3)
    return plan


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _validate_candidate(where: str, i: int, cand, task: str) -> None:
    if not isinstance(cand, dict):
        raise UserError(f"{where}: candidates[{i}] must be an object")
    label = f"candidates[{i}]" + (f" ('{cand['name']}')" if isinstance(cand.get("name"), str) else "")
    unknown = sorted(set(cand) - CANDIDATE_KEYS)
    if unknown:
        raise UserError(f"{where}: {label}: unknown key '{unknown[0]}' (known: {', '.join(sorted(CANDIDATE_KEYS))})")
    if not isinstance(cand.get("name"), str) or not re.fullmatch(r"[A-Za-z0-9_.-]{1,64}", cand["name"]):
        raise UserError(f"{where}: {label}: 'name' must be 1-64 letters, digits, '_', '-' or '.'")
    kind = cand.get("model")
    if kind not in MODELS:
        raise UserError(f"{where}: {label}: unknown model kind {json.dumps(kind)} (known: {', '.join(MODELS)})")
    cand.setdefault("params", {})
    cand.setdefault("search", {})
    for key in ("params", "search"):
        if not isinstance(cand[key], dict):
            raise UserError(f"{where}: {label}: '{key}' must be an object")
    known = MODELS[kind].known_params(task) if MODELS[kind].known_params else None
    for p in list(cand["params"]) + list(cand["search"]):
        if known is not None and p not in known:
            raise UserError(f"{where}: {label}: '{p}' is not a parameter of {kind} (known: {', '.join(sorted(known))})")
    for p, spec in cand["search"].items():
        _validate_range(f"{where}: {label}: search.{p}", spec)


def _validate_range(label: str, spec) -> None:
    if not isinstance(spec, dict):
        raise UserError(f"{label} must be {{\"low\", \"high\", \"log\", \"type\"}} or {{\"choices\": [...]}}")
    if "choices" in spec:
        if set(spec) != {"choices"}:
            raise UserError(f"{label}: 'choices' cannot be combined with {sorted(set(spec) - {'choices'})}")
        ch = spec["choices"]
        if not isinstance(ch, list) or not ch or not all(c is None or isinstance(c, (bool, int, float, str)) for c in ch):
            raise UserError(f"{label}: 'choices' must be a non-empty list of numbers, strings, booleans or null")
        return
    unknown = sorted(set(spec) - {"low", "high", "log", "type"})
    if unknown:
        raise UserError(f"{label}: unknown key '{unknown[0]}' (known: low, high, log, type, or choices)")
    if "low" not in spec or "high" not in spec:
        raise UserError(f"{label}: needs 'low' and 'high' (or 'choices')")
    low, high = spec["low"], spec["high"]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in (low, high)):
        raise UserError(f"{label}: 'low' and 'high' must be finite numbers")
    kind = spec.get("type", "int" if _is_int(low) and _is_int(high) else "float")
    if kind not in ("int", "float"):
        raise UserError(f"{label}: 'type' must be \"int\" or \"float\", not {json.dumps(kind)}")
    if kind == "int" and not (float(low).is_integer() and float(high).is_integer()):
        raise UserError(f"{label}: an int range needs integer bounds, not {low}..{high}")
    if not low < high:
        raise UserError(f"{label}: 'low' ({low}) must be below 'high' ({high})")
    log = spec.get("log", False)
    if not isinstance(log, bool):
        raise UserError(f"{label}: 'log' must be true or false")
    if log and low <= 0:
        raise UserError(f"{label}: a log range needs low > 0, not {low}")
    spec["type"], spec["log"] = kind, log


def find_candidate(plan: dict, name: str) -> dict:
    for cand in plan["candidates"]:
        if cand["name"] == name:
            return cand
    known = ", ".join(c["name"] for c in plan["candidates"]) or "none"
    raise UserError(f"no candidate named '{name}' in the plan (candidates: {known})")


def default_plan(args) -> dict:
    with open(args.profile, encoding="utf-8") as f:
        prof = json.load(f)
    if "error" in prof:
        raise UserError(f"the profile records an error: {prof['error']}")
    target = prof["target"]
    task = target["task"]
    rows = prof["rows"]
    drop = [c["name"] for c in prof["columns"]
            if c["name"] != target["name"] and (c["missing"] == rows or c.get("id_like"))]
    folds = 5
    if task in CLASSIFICATION:
        smallest = min(target["classes"].values())
        folds = max(2, min(5, smallest))
    candidates = [{"name": kind, "model": kind, "params": {}, "search": MODELS[kind].space(task)}
                  for kind in ("lightgbm", "xgboost", "hist_gb", "extra_trees", "linear")]
    return {
        "target": target["name"],
        "task": task,
        "metric": DEFAULT_METRIC[task],
        "folds": folds,
        "seed": 0,
        "budget_seconds": args.budget,
        "drop": drop,
        "preprocessing": {"numeric_impute": "median", "categorical": "onehot", "scale": True},
        "candidates": candidates,
        "ensemble": {"top": 3},
    }


# --- data for training ---------------------------------------------------------------------------


def load_features_code(name):
    if name is None:
        return None
    try:
        with open(name, encoding="utf-8") as f:
            return f.read()
    except OSError as e:
        raise UserError(f"features_code: cannot read {name}: {e.strerror}") from None


def apply_features(source: str, df: pd.DataFrame, filename: str = "features.py") -> pd.DataFrame:
    """Runs the plan's features(df); any failure is reported with its line so the author can fix it."""
    namespace = {"__name__": "bw_features"}
    try:
        exec(compile(source, filename, "exec"), namespace)
    except SyntaxError as e:
        raise UserError(f"{filename}: SyntaxError: {e.msg} (line {e.lineno})") from None
    except Exception as e:
        raise UserError(f"{filename}: {type(e).__name__}: {e} (line {_code_line(e, filename)})") from None
    fn = namespace.get("features")
    if not callable(fn):
        raise UserError(f"{filename}: does not define features(df)")
    try:
        out = fn(df.copy())
    except Exception as e:
        raise UserError(f"{filename}: {type(e).__name__}: {e} (line {_code_line(e, filename)})") from None
    if not isinstance(out, pd.DataFrame):
        raise UserError(f"{filename}: features(df) returned {type(out).__name__}, not a pandas DataFrame")
    if len(out) != len(df):
        raise UserError(f"{filename}: features(df) returned {len(out)} rows for {len(df)}; it must keep every row")
    out.columns = [str(c) for c in out.columns]
    return out


def _code_line(e: Exception, filename: str):
    lines = [fr.lineno for fr in traceback.extract_tb(e.__traceback__) if fr.filename == filename]
    return lines[-1] if lines else "?"


def schema_of_frame(df: pd.DataFrame) -> list:
    """Kinds of the columns features(df) returned, from their pandas dtypes."""
    out = []
    for name in df.columns:
        s = df[name]
        if pd.api.types.is_bool_dtype(s):
            kind = "boolean"
        elif pd.api.types.is_numeric_dtype(s):
            kind = "numeric"
        elif pd.api.types.is_datetime64_any_dtype(s):
            kind = "datetime"
        else:
            kind = "categorical"
        out.append({"name": name, "type": kind})
    return out


_TRUE = {"true", "1", "yes", "t", "y", "1.0"}
_FALSE = {"false", "0", "no", "f", "n", "0.0"}


def coerce_inputs(df: pd.DataFrame, schema: list) -> pd.DataFrame:
    """The input columns as their trained kinds; a value that does not read as its kind is an
    error naming the column and the first bad row (1-based, header not counted)."""
    out = {}
    for col in schema:
        name, kind = col["name"], col["type"]
        s = df[name]
        present = s.notna()
        if kind == "numeric":
            if pd.api.types.is_bool_dtype(s):
                v = s.astype(float)
            else:
                v = pd.to_numeric(s, errors="coerce").astype(float)
        elif kind == "boolean":
            if pd.api.types.is_bool_dtype(s) or s.dtype == object and s.dropna().map(type).eq(bool).all():
                v = s.map(lambda x: float(x) if isinstance(x, (bool, np.bool_)) else np.nan)
            else:
                low = s.astype(object).map(lambda x: str(x).strip().lower() if x is not None and x == x else None)
                v = low.map(lambda x: 1.0 if x in _TRUE else 0.0 if x in _FALSE else np.nan).astype(float)
        elif kind == "datetime":
            v = pd.to_datetime(s, errors="coerce")
            if getattr(v.dt, "tz", None) is not None:
                v = v.dt.tz_convert(None)
            v = (v - pd.Timestamp("1970-01-01")) / pd.Timedelta(seconds=1)
        else:
            v = s.astype(object).where(present, None)
            out[name] = v.map(lambda x: MISSING_CATEGORY if x is None else str(x)).astype(object)
            continue
        bad = present & pd.Series(v, index=s.index).isna()
        if bad.any():
            row = int(np.argmax(bad.to_numpy()))
            raise UserError(f"column '{name}' row {row + 1}: {s.iloc[row]!r} is not {_kind_word(kind)} (the model was trained on {kind} values)")
        out[name] = pd.Series(v, index=s.index).astype(float)
    return pd.DataFrame(out, index=df.index)


def _kind_word(kind: str) -> str:
    return {"numeric": "a number", "boolean": "true or false", "datetime": "a date or time"}.get(kind, kind)


@dataclasses.dataclass
class Dataset:
    """Everything every candidate and the baseline share: the same rows, encoding and folds."""

    X: pd.DataFrame  # prepared features (numbers as float, categories as str)
    y: np.ndarray  # encoded target: class index, or float for regression
    classes: list  # original labels, classification only
    folds: list  # [(train_idx, test_idx)]
    input_schema: list  # columns the model needs, after drop, before features_code
    schema: list  # prepared feature columns and kinds
    features_source: Any
    plan: dict
    warnings: list


def load_dataset(path: str, plan: dict) -> Dataset:
    table, _ = read_table(path)
    names = table.schema.names
    target = plan["target"]
    if table.num_rows == 0:
        raise UserError("the file has a header but no rows")
    if target not in names:
        raise UserError(f"target '{target}' is not a column; columns: {', '.join(names[:20])}")
    missing_drop = [c for c in plan["drop"] if c not in names]
    if missing_drop:
        raise UserError(f"drop: no column named {', '.join(repr(c) for c in missing_drop)}")
    notes = []
    input_schema = []
    for name in names:
        if name == target or name in plan["drop"]:
            continue
        column = table.column(name)
        if column.null_count == len(column):
            notes.append(f"column '{name}' is entirely missing; it was dropped")
            continue
        input_schema.append({"name": name, "type": column_kind(column)})
    if not input_schema:
        raise UserError("no feature columns remain after 'drop'")
    frame = table.select([c["name"] for c in input_schema] + [target]).to_pandas()
    del table
    keep = frame[target].notna().to_numpy()
    if not keep.all():
        notes.append(f"target '{target}' is missing in {int((~keep).sum())} rows; they were left out")
        frame = frame[keep].reset_index(drop=True)
    y, classes = encode_target(frame[target], plan["task"], target)
    X = coerce_inputs(frame, input_schema)
    source = load_features_code(plan["features_code"])
    schema = input_schema
    if source is not None:
        # features(df) sees the typed input columns; what it returns is typed by its dtypes, and
        # predict casts new rows to that same schema.
        engineered = apply_features(source, X, os.path.basename(plan["features_code"]))
        schema = schema_of_frame(engineered)
        X = coerce_inputs(engineered, schema)
    folds = make_folds(y, plan, classes)
    set_threads(1 if X.shape[0] * X.shape[1] < SMALL_TABLE_CELLS else _cpus())
    return Dataset(X, y, classes, folds, input_schema, schema, source, plan, notes)


def encode_target(y: pd.Series, task: str, name: str) -> tuple:
    if task == "regression":
        v = pd.to_numeric(y, errors="coerce")
        if v.isna().any():
            row = int(np.argmax(v.isna().to_numpy()))
            raise UserError(f"target '{name}' has a non-numeric value {y.iloc[row]!r} in row {row + 1}; a regression target must be numbers")
        return v.to_numpy(dtype=float), []
    values = y.to_numpy()
    if y.dtype == object or pd.api.types.is_string_dtype(y):
        values = np.asarray([str(v) for v in values], dtype=object)
    classes, encoded = np.unique(values, return_inverse=True)
    classes = [_json_value(c) for c in classes]
    if len(classes) < 2:
        raise UserError(f"target '{name}' has one value ({_quote(classes[0])}) in all {len(y)} rows: nothing to learn")
    if task == "binary" and len(classes) != 2:
        raise UserError(f"task is binary but target '{name}' has {len(classes)} classes; use \"multiclass\"")
    return encoded.astype(np.int64), classes


def make_folds(y: np.ndarray, plan: dict, classes: list) -> list:
    from sklearn.model_selection import KFold, StratifiedKFold

    k, seed = plan["folds"], plan["seed"]
    if len(y) < k:
        raise UserError(f"{len(y)} rows cannot be split into {k} folds")
    if plan["task"] in CLASSIFICATION:
        counts = np.bincount(y, minlength=len(classes))
        smallest = int(counts.argmin())
        if counts[smallest] < k:
            raise UserError(f"class {_quote(classes[smallest])} has only {counts[smallest]} rows; {k} folds need at least {k} per class (lower 'folds')")
        splitter = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    else:
        splitter = KFold(n_splits=k, shuffle=True, random_state=seed)
    return list(splitter.split(np.zeros(len(y)), y))


# --- pipelines, scoring, cross-validation --------------------------------------------------------


def build_pipeline(kind: str, params: dict, data: Dataset):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

    spec = MODELS[kind]
    prep = data.plan["preprocessing"]
    # After coerce_inputs every column is either float (numbers, booleans, dates) or str.
    categorical = [c["name"] for c in data.schema if c["type"] in ("categorical", "text")]
    numeric = [c["name"] for c in data.schema if c["name"] not in categorical]
    if spec.family == "tree":
        num_step = "passthrough"
        cat_step = OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan, dtype=np.float64)
    else:
        steps = [("impute", SimpleImputer(strategy=prep["numeric_impute"], keep_empty_features=True))]
        if prep["scale"]:
            steps.append(("scale", StandardScaler()))
        num_step = Pipeline(steps)
        if prep["categorical"] == "onehot":
            # Capped so a high-cardinality column cannot blow up the width; rare values share one column.
            cat_step = OneHotEncoder(handle_unknown="infrequent_if_exist", max_categories=32, sparse_output=False)
        else:
            cat_step = Pipeline([
                ("encode", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)),
                ("scale", StandardScaler() if prep["scale"] else "passthrough"),
            ])
    transformers = []
    if numeric:
        transformers.append(("numeric", num_step, numeric))
    if categorical:
        transformers.append(("categorical", cat_step, categorical))
    columns = ColumnTransformer(transformers, remainder="drop", sparse_threshold=0.0)
    n_classes = len(data.classes)
    model = spec.build(data.plan["task"], params, data.plan["seed"], n_classes)
    return Pipeline([("prep", columns), ("model", model)])


def model_output(pipe, X: pd.DataFrame, task: str, n_classes: int) -> np.ndarray:
    """Probabilities [n, classes] for classification, predictions [n] for regression."""
    if task == "regression":
        return np.asarray(pipe.predict(X), dtype=float)
    p = np.asarray(pipe.predict_proba(X), dtype=float)
    if p.ndim != 2 or p.shape[1] != n_classes:
        raise RuntimeError(f"model returned probabilities of shape {p.shape}, expected (n, {n_classes})")
    return p


def score(metric: str, y: np.ndarray, out: np.ndarray, n_classes: int = 0) -> float:
    from sklearn import metrics

    if metric == "roc_auc":
        if n_classes == 2:
            return float(metrics.roc_auc_score(y, out[:, 1]))
        return float(metrics.roc_auc_score(y, out, multi_class="ovr", labels=list(range(n_classes))))
    if metric == "accuracy":
        return float(metrics.accuracy_score(y, out.argmax(axis=1)))
    if metric == "log_loss":
        return float(metrics.log_loss(y, np.clip(out, 1e-15, 1.0), labels=list(range(n_classes))))
    if metric == "rmse":
        return float(math.sqrt(metrics.mean_squared_error(y, out)))
    if metric == "mae":
        return float(metrics.mean_absolute_error(y, out))
    return float(metrics.r2_score(y, out))


@dataclasses.dataclass
class CVResult:
    fold_scores: list
    oof: np.ndarray
    fit_seconds: float
    predict_seconds: float
    seconds: float

    @property
    def mean(self) -> float:
        return float(np.mean(self.fold_scores))

    @property
    def std(self) -> float:
        return float(np.std(self.fold_scores))


class _OverBudget(Exception):
    """A trial's remaining folds and refit would not finish before the deadline."""


def cross_validate(kind: str, params: dict, data: Dataset, deadline=None) -> CVResult:
    """Fits a fresh pipeline per fold (preprocessing included, so nothing leaks from test rows).
    With a deadline (monotonic seconds) the trial is abandoned after any fold once its remaining
    folds plus a refit are projected to end past it: trial costs vary tenfold across a search
    space, so a mean-based launch rule alone can overrun by a whole trial."""
    start = time.monotonic()
    task, metric, k = data.plan["task"], data.plan["metric"], len(data.classes)
    oof = np.zeros((len(data.y), k)) if task in CLASSIFICATION else np.zeros(len(data.y))
    scores, fits, predicts = [], [], []
    for train_idx, test_idx in data.folds:
        pipe = build_pipeline(kind, params, data)
        t0 = time.monotonic()
        pipe.fit(data.X.iloc[train_idx], data.y[train_idx])
        t1 = time.monotonic()
        out = model_output(pipe, data.X.iloc[test_idx], task, k)
        t2 = time.monotonic()
        oof[test_idx] = out
        scores.append(score(metric, data.y[test_idx], out, k))
        fits.append(t1 - t0)
        predicts.append(t2 - t1)
        if deadline is not None:
            per_fold = (t2 - start) / len(fits)
            remaining = len(data.folds) - len(fits)
            if t2 + per_fold * remaining + float(np.mean(fits)) * 1.5 > deadline:
                raise _OverBudget()
    return CVResult(scores, oof, float(np.mean(fits)), float(np.mean(predicts)), time.monotonic() - start)


def better(a: float, b: float, direction: str) -> bool:
    return a > b if direction == "max" else a < b


def search(cand: dict, data: Dataset, budget: float, max_trials=None) -> tuple:
    """Runs the defaults first, then Optuna's TPE while the budget allows another trial and the
    final refit. Returns (best params, best CVResult, trials)."""
    import optuna

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    kind, task = cand["model"], data.plan["task"]
    direction = METRICS[data.plan["metric"]][1]
    space = cand["search"]
    defaults = {k: v for k, v in MODELS[kind].defaults(task).items() if k in space}
    first = {**defaults, **cand["params"]}
    best_params, best = first, cross_validate(kind, first, data)
    durations = [best.seconds]
    if not space:
        return best_params, best, 1
    study = optuna.create_study(direction="maximize" if direction == "max" else "minimize",
                                sampler=optuna.samplers.TPESampler(seed=data.plan["seed"]))
    distributions = {p: _distribution(s) for p, s in space.items()}
    # Tell TPE how the defaults did; a default outside the range (reg_lambda=0 on a log scale) is
    # recorded at the nearest bound, which is only the sampler's information, not what was run.
    seen = {p: _clamp(first.get(p), s) for p, s in space.items()}
    if all(v is not None for v in seen.values()):
        study.add_trial(optuna.trial.create_trial(params=seen, distributions=distributions, value=best.mean))
    trials = 1
    folds = len(data.folds)
    while max_trials is None or trials < max_trials:
        mean_trial = float(np.mean(durations))
        elapsed = time.monotonic() - _START
        if elapsed + mean_trial * 1.2 + mean_trial / folds * 1.5 > budget - 0.5:
            break
        trial = study.ask(distributions)
        params = {**cand["params"], **trial.params}
        try:
            result = cross_validate(kind, params, data, deadline=_START + budget - 0.5)
        except _OverBudget:
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
            break
        study.tell(trial, result.mean)
        durations.append(result.seconds)
        trials += 1
        if better(result.mean, best.mean, direction):
            best_params, best = params, result
    return best_params, best, trials


def _distribution(spec: dict):
    import optuna.distributions as d

    if "choices" in spec:
        return d.CategoricalDistribution(spec["choices"])
    if spec["type"] == "int":
        return d.IntDistribution(int(spec["low"]), int(spec["high"]), log=spec["log"])
    return d.FloatDistribution(float(spec["low"]), float(spec["high"]), log=spec["log"])


def _clamp(value, spec: dict):
    if value is None:
        return None
    if "choices" in spec:
        return value if value in spec["choices"] else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    v = min(max(value, spec["low"]), spec["high"])
    return int(round(v)) if spec["type"] == "int" else float(v)


# --- trained models ------------------------------------------------------------------------------


class TrainedModel:
    """A fitted pipeline with what it needs to predict on raw rows: the input schema, the
    features(df) source, the target's classes. Pickled to --model."""

    def __init__(self, name, kind, params, pipeline, data: Dataset, timings: dict):
        self.name = name
        self.kind = kind
        self.params = params
        self.pipeline = pipeline
        self.task = data.plan["task"]
        self.target = data.plan["target"]
        self.metric = data.plan["metric"]
        self.classes = list(data.classes)
        self.input_schema = data.input_schema
        self.schema = data.schema
        self.features_source = data.features_source
        self.features_file = os.path.basename(data.plan["features_code"]) if data.plan["features_code"] else None
        self.timings = timings

    def output(self, inputs: pd.DataFrame) -> np.ndarray:
        """inputs: coerce_inputs() of the raw rows against input_schema."""
        X = inputs[[c["name"] for c in self.input_schema]]
        if self.features_source is not None:
            X = apply_features(self.features_source, X, self.features_file)
            missing = [c["name"] for c in self.schema if c["name"] not in X.columns]
            if missing:
                raise UserError(f"{self.features_file}: features(df) no longer returns {', '.join(missing[:20])}")
            X = coerce_inputs(X, self.schema)
        return model_output(self.pipeline, X, self.task, len(self.classes))


class EnsembleModel:
    """Weighted average of member outputs; predicts like a single TrainedModel."""

    def __init__(self, members: list, weights: dict):
        self.members = [m for m in members if weights.get(m.name, 0) > 0]
        self.weights = {m.name: weights[m.name] for m in self.members}
        first = members[0]
        self.name, self.kind, self.task, self.target = "ensemble", "ensemble", first.task, first.target
        self.classes = first.classes
        names, self.input_schema = set(), []
        for m in self.members:
            for c in m.input_schema:
                if c["name"] not in names:
                    names.add(c["name"])
                    self.input_schema.append(c)

    def output(self, inputs: pd.DataFrame) -> np.ndarray:
        return sum(self.weights[m.name] * m.output(inputs) for m in self.members)


def labels_of(model, out: np.ndarray) -> list:
    if model.task == "regression":
        return out
    return [model.classes[i] for i in out.argmax(axis=1)]


def save_pickle(obj, path: str) -> None:
    with open(path, "wb") as f:
        pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)


def load_pickle(path: str):
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        raise UserError(f"cannot read the model {path}: no such file") from None
    except (pickle.UnpicklingError, EOFError, AttributeError, ModuleNotFoundError) as e:
        raise UserError(f"{path} is not a model saved by bw_automl: {_one_line(e)}") from None


# --- commands ------------------------------------------------------------------------------------


def result_json(name, kind, data: Dataset, cv: CVResult, params, trials, refit_seconds, extra=None) -> dict:
    metric = data.plan["metric"]
    out = {
        "name": name,
        "model": kind,
        "status": "ok",
        "metric": metric,
        "direction": METRICS[metric][1],
        "cv_mean": cv.mean,
        "cv_std": cv.std,
        "fold_scores": cv.fold_scores,
        "params": params,
        "trials": trials,
        "fit_seconds": cv.fit_seconds,
        "predict_seconds": cv.predict_seconds,
        "refit_seconds": refit_seconds,
        "peak_memory_mb": peak_memory_mb(),
        "wall_seconds": None,
        "features": data.input_schema,
        "warnings": data.warnings,
    }
    if data.plan["task"] in CLASSIFICATION:
        out["classes"] = data.classes
    out.update(extra or {})
    return out


def cmd_train(args) -> dict:
    plan = load_plan(args.plan)
    cand = find_candidate(plan, args.candidate)
    data = load_dataset(args.data, plan)
    params, cv, trials = search(cand, data, args.budget, args.trials)
    t0 = time.monotonic()
    pipe = build_pipeline(cand["model"], params, data)
    pipe.fit(data.X, data.y)
    refit = time.monotonic() - t0
    timings = {"fit_seconds": cv.fit_seconds, "predict_seconds": cv.predict_seconds, "refit_seconds": refit}
    save_pickle(TrainedModel(cand["name"], cand["model"], params, pipe, data, timings), args.model)
    np.save(args.oof, cv.oof)
    return result_json(cand["name"], cand["model"], data, cv, params, trials, refit)


def cmd_reproduce(args) -> dict:
    plan = load_plan(args.plan)
    cand = find_candidate(plan, args.candidate)
    try:
        with open(args.params, encoding="utf-8") as f:
            params = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        raise UserError(f"cannot read params {args.params}: {_one_line(e)}") from None
    if isinstance(params, dict) and isinstance(params.get("params"), dict) and "cv_mean" in params:
        params = params["params"]  # a result.json: its best params
    if not isinstance(params, dict):
        raise UserError(f"{args.params}: params must be a JSON object")
    data = load_dataset(args.data, plan)
    cv = cross_validate(cand["model"], params, data)
    return result_json(cand["name"], cand["model"], data, cv, params, 1, 0.0)


def cmd_baseline(args) -> dict:
    plan = load_plan(args.plan)
    data = load_dataset(args.data, plan)
    cv = cross_validate("hist_gb", {}, data)
    return result_json("hist_gb_default", "hist_gb", data, cv, {}, 1, 0.0)


def caruana(outputs: list, y: np.ndarray, rows: np.ndarray, metric: str, n_classes: int, top: int,
            rounds: int = 25) -> np.ndarray:
    """Greedy ensemble selection with replacement on the given rows; returns member counts. The
    best-scoring round is kept (later rounds may only add noise)."""
    direction = METRICS[metric][1]
    yr = y[rows]
    singles = [score(metric, yr, o[rows], n_classes) for o in outputs]
    ranked = sorted(range(len(outputs)), key=lambda i: (-singles[i] if direction == "max" else singles[i], i))
    allowed = ranked[:top]
    counts = np.zeros(len(outputs), dtype=int)
    total = None
    best_counts, best_score = None, None
    for r in range(rounds):
        choice, choice_score = None, None
        for i in allowed:
            trial = outputs[i][rows] if total is None else (total + outputs[i][rows]) / (r + 1)
            s = score(metric, yr, trial, n_classes)
            if choice is None or better(s, choice_score, direction):
                choice, choice_score = i, s
        counts[choice] += 1
        total = outputs[choice][rows].copy() if total is None else total + outputs[choice][rows]
        if best_score is None or better(choice_score, best_score, direction):
            best_counts, best_score = counts.copy(), choice_score
    return best_counts


def cmd_ensemble(args) -> dict:
    plan = load_plan(args.plan)
    data = load_dataset(args.data, plan)
    names, outputs, models = [], [], []
    for spec in args.member:
        parts = spec.split("=")
        if len(parts) != 3 or not all(parts):
            raise UserError(f"--member {spec!r}: expected NAME=OOF.npy=MODEL.pkl")
        name, oof_path, model_path = parts
        try:
            oof = np.load(oof_path)
        except (OSError, ValueError) as e:
            raise UserError(f"--member {name}: cannot read {oof_path}: {_one_line(e)}") from None
        want = (len(data.y), len(data.classes)) if plan["task"] in CLASSIFICATION else (len(data.y),)
        if oof.shape != want:
            raise UserError(f"--member {name}: {oof_path} has shape {oof.shape}, expected {want} for this data")
        model = load_pickle(model_path)
        if getattr(model, "classes", None) != data.classes:
            raise UserError(f"--member {name}: its model was trained with classes {model.classes}, the data has {data.classes}")
        model.name = name
        names.append(name)
        outputs.append(oof)
        models.append(model)
    if not names:
        raise UserError("ensemble needs at least one --member")
    if len(set(names)) != len(names):
        raise UserError("--member names must be distinct")
    metric, k, top = plan["metric"], len(data.classes), plan["ensemble"]["top"]

    def blend(counts, rows):
        return sum(c * outputs[i][rows] for i, c in enumerate(counts) if c) / counts.sum()

    fold_scores = []
    for train_idx, test_idx in data.folds:
        counts = caruana(outputs, data.y, train_idx, metric, k, top)
        fold_scores.append(score(metric, data.y[test_idx], blend(counts, test_idx), k))
    all_rows = np.arange(len(data.y))
    counts = caruana(outputs, data.y, all_rows, metric, k, top)
    weights = {n: float(c / counts.sum()) for n, c in zip(names, counts)}
    ensemble = EnsembleModel(models, weights)
    save_pickle(ensemble, args.model)
    used = [m for m in models if weights[m.name] > 0]
    timing = {key: float(sum(m.timings[key] for m in used)) for key in ("fit_seconds", "predict_seconds", "refit_seconds")}
    cv = CVResult(fold_scores, blend(counts, all_rows), timing["fit_seconds"], timing["predict_seconds"], 0.0)
    members = [{"name": n, "model": m.kind, "weight": weights[n], "oof_score": score(metric, data.y, o, k)}
               for n, m, o in zip(names, models, outputs)]
    return result_json("ensemble", "ensemble", data, cv, {"weights": weights}, int(counts.sum()),
                       timing["refit_seconds"], {"members": members})


def cmd_predict(args) -> None:
    model = load_pickle(args.model)
    if not hasattr(model, "output") or not hasattr(model, "input_schema"):
        raise UserError(f"{args.model} is not a model saved by bw_automl")
    source = open_source(args.data, all_strings=True)
    table = source.table()
    frame = table.to_pandas()
    missing = [c["name"] for c in model.input_schema if c["name"] not in frame.columns]
    if missing:
        raise UserError(f"input lacks {len(missing)} column(s) the model needs: {', '.join(missing[:20])}")
    if args.proba and model.task == "regression":
        raise UserError("--proba needs a classification model")
    inputs = coerce_inputs(frame, model.input_schema)
    columns = ["prediction"] + ([f"proba_{c}" for c in model.classes] if args.proba else [])
    if len(inputs) == 0:
        pd.DataFrame(columns=columns).to_csv(args.out, index=False)
        return None
    out = model.output(inputs)
    result = pd.DataFrame({"prediction": labels_of(model, out)})
    if args.proba:
        for i, c in enumerate(model.classes):
            result[f"proba_{c}"] = out[:, i]
    result.to_csv(args.out, index=False)
    return None


EXAMPLES = ("breast_cancer", "wine", "digits", "diabetes", "iris")


def cmd_example(args) -> None:
    import sklearn.datasets

    bunch = getattr(sklearn.datasets, f"load_{args.name}")(as_frame=True)
    frame = bunch.frame
    if "target" not in frame.columns:
        frame = bunch.data.assign(target=bunch.target)
    frame.to_csv(args.out, index=False)


def cmd_profile(args) -> dict:
    return profile(args)


def cmd_default_plan(args) -> dict:
    try:
        return default_plan(args)
    except FileNotFoundError:
        raise UserError(f"cannot read the profile {args.profile}: no such file") from None
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        raise UserError(f"{args.profile} is not a profile written by bw_automl profile: {_one_line(e)}") from None


# --- command line --------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UserError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bw_automl.py", description="Benchwright AutoML harness")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("profile", help="column types and statistics, the target and its task")
    p.add_argument("--data", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--target")
    p.add_argument("--max-columns", type=int, default=2000)
    p.set_defaults(func=cmd_profile)

    p = sub.add_parser("default-plan", help="the default plan for a profiled dataset")
    p.add_argument("--profile", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--budget", type=float, default=60)
    p.set_defaults(func=cmd_default_plan)

    p = sub.add_parser("train", help="tune one candidate by cross-validation, refit it on all rows")
    for flag in ("--data", "--plan", "--candidate", "--out", "--model", "--oof"):
        p.add_argument(flag, required=True)
    p.add_argument("--budget", type=float, required=True)
    p.add_argument("--trials", type=int, help="at most this many trials (default: as many as the budget allows)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("ensemble", help="greedy ensemble of trained candidates")
    for flag in ("--data", "--plan", "--out", "--model"):
        p.add_argument(flag, required=True)
    p.add_argument("--member", action="append", default=[], help="NAME=OOF.npy=MODEL.pkl")
    p.set_defaults(func=cmd_ensemble)

    p = sub.add_parser("predict", help="predictions of a saved model for new rows")
    for flag in ("--model", "--data", "--out"):
        p.add_argument(flag, required=True)
    p.add_argument("--proba", action="store_true")
    p.set_defaults(func=cmd_predict)

    p = sub.add_parser("reproduce", help="cross-validate exactly the given params")
    for flag in ("--data", "--plan", "--candidate", "--params", "--out"):
        p.add_argument(flag, required=True)
    p.set_defaults(func=cmd_reproduce)

    p = sub.add_parser("baseline", help="HistGradientBoosting with defaults on the plan's folds")
    for flag in ("--data", "--plan", "--out"):
        p.add_argument(flag, required=True)
    p.set_defaults(func=cmd_baseline)

    p = sub.add_parser("example", help="a dataset bundled with scikit-learn, as CSV")
    p.add_argument("--name", required=True, choices=EXAMPLES)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_example)
    return parser


def _clean(v):
    """JSON without NaN or infinities (which are not JSON) and without numpy scalars."""
    if isinstance(v, dict):
        return {str(k): _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


def write_json(path: str, obj: dict) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(_clean(obj), f, indent=2, allow_nan=False)
        f.write("\n")


def main(argv=None) -> int:
    args = None
    try:
        args = build_parser().parse_args(argv)
        result = args.func(args)
        if isinstance(result, dict):
            if "wall_seconds" in result:
                result["wall_seconds"] = time.monotonic() - _START
            write_json(args.out, result)
        return 0
    except UserError as e:
        message = " ".join(str(e).split())
        print(f"bw_automl: {message}", file=sys.stderr)
        out = getattr(args, "out", None)
        if out:
            try:
                write_json(out, {"error": message})
            except OSError:
                pass
        return 2


if __name__ == "__main__":
    # Pickled models name their classes by module; loading this file as "bw_automl" (not
    # "__main__") lets any script that imports it, such as an exported one, unpickle them.
    _spec = importlib.util.spec_from_file_location("bw_automl", os.path.abspath(__file__))
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["bw_automl"] = _module
    _spec.loader.exec_module(_module)
    _module._START = _START
    sys.exit(_module.main())
