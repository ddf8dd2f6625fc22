"""Benchmark of calls: every way Python calls a compiled function, and
array views passed between compiled functions, kern against Numba.

    KERN_BUILD_DIR=build python3 bench/bench_calls.py [--quick] [--json out]

call forms  small functions (`sqeuclidean(x, y, w=1.0)` on 4 doubles,
            `scaled(x, out=None, factor=2.0)`, `axpb` with an explicit
            signature) called positionally, with keywords, with defaults
            left out, with `None` given or left out, with arguments the
            signature converts: the time of one call from Python, in ns.
views       a compiled caller that hands row views `a[i]`, column views
            `a[:, j]` and slices `x[i:i + w]` to a compiled helper (the
            Lennard-Jones potential of pyLJ, column norms, moving means):
            the time of the whole call, in µs.

The program text is the same for both (written to a module per backend, as
bench.py does). Times are medians of repeated batches; ratios are kern's
time over Numba's (below 1: kern is faster). Writes
bench/results/calls.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import timeit

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "python-frontend"))
os.environ.setdefault("KERN_BUILD_DIR", os.path.join(REPO, "build"))

PROGRAMS = '''
import numpy as np


@jit
def sqeuclidean(x, y, w=1.0):
    s = 0.0
    for i in range(x.shape[0]):
        d = x[i] - y[i]
        s += w * d * d
    return s


@jit("float64(float64, float64)")
def axpb(a, b):
    return 2.0 * a + b


@jit
def scaled(x, out=None, factor=2.0):
    if out is None:
        out = np.empty_like(x)
    for i in range(x.shape[0]):
        out[i] = x[i] * factor
    return out


@jit
def lj_pair(ri, rj):
    d2 = 0.0
    for k in range(ri.shape[0]):
        d = ri[k] - rj[k]
        d2 += d * d
    inv6 = (1.0 / d2) ** 3
    return 4.0 * (inv6 * inv6 - inv6)


@jit
def lj_potential(cluster):
    e = 0.0
    for i in range(cluster.shape[0] - 1):
        for j in range(i + 1, cluster.shape[0]):
            e += lj_pair(cluster[i], cluster[j])
    return e


@jit
def norm(v):
    s = 0.0
    for k in range(v.shape[0]):
        s += v[k] * v[k]
    return np.sqrt(s)


@jit
def column_norms(a):
    out = np.empty(a.shape[1])
    for j in range(a.shape[1]):
        out[j] = norm(a[:, j])
    return out


@jit
def mean(v):
    s = 0.0
    for k in range(v.shape[0]):
        s += v[k]
    return s / v.shape[0]


@jit
def moving_means(x, w):
    out = np.empty(x.shape[0] - w + 1)
    for i in range(out.shape[0]):
        out[i] = mean(x[i:i + w])
    return out
'''

# (label, statement): the statements run in the namespace of `namespace()`
CALL_FORMS = [
    ("positional, all given", "sqeuclidean(x, y, 1.0)"),
    ("keyword", "sqeuclidean(x, y, w=1.0)"),
    ("all keywords", "sqeuclidean(y=y, x=x, w=1.0)"),
    ("default left out", "sqeuclidean(x, y)"),
    ("**kwargs", "sqeuclidean(x, y, **kw)"),
    ("None default left out", "scaled(x)"),
    ("None given", "scaled(x, None)"),
    ("array by keyword", "scaled(x, out=o)"),
    ("keywords, None left out", "scaled(x, factor=3.0)"),
    ("sealed signature", "axpb(2.0, 3.0)"),
    ("sealed signature, ints converted", "axpb(2, 3)"),
]

VIEW_CALLS = [
    ("row views a[i] (Lennard-Jones, 300 atoms)", "lj_potential(cluster)"),
    ("column views a[:, j] (200x300)", "column_norms(a)"),
    ("slices x[i:i+16] (10^4)", "moving_means(v, 16)"),
]


def load(backend: str, header_extra: str = "", programs: str = PROGRAMS,
         tag: str = "calls"):
    """The programs compiled by one backend, as a module (`jit` is its
    njit; `header_extra` may name more of it)."""
    folder = tempfile.mkdtemp(prefix=f"kern-bench-{tag}-{backend}-")
    name = f"{tag}_{backend}"
    header = ("import kern\njit = kern.njit\n" if backend == "kern"
              else "import numba\njit = numba.njit\n")
    with open(os.path.join(folder, name + ".py"), "w") as f:
        f.write(header + header_extra + programs)
    sys.path.insert(0, folder)
    return __import__(name)


def namespace(module) -> dict:
    rng = np.random.default_rng(0)
    ns = {k: getattr(module, k) for k in dir(module) if not k.startswith("_")}
    ns.update(x=rng.random(4), y=rng.random(4), o=np.empty(4), kw={"w": 1.0},
              cluster=rng.random((300, 3)) * 10.0, a=rng.random((200, 300)),
              v=rng.random(10_000))
    return ns


def median_time(stmt: str, ns: dict, repeat: int, min_time: float) -> float:
    """Median seconds of one run of `stmt` (batched to >= min_time)."""
    timer = timeit.Timer(stmt, globals=ns)
    number, _ = timer.autorange()
    number = max(1, int(number * min_time / 0.2))
    return statistics.median(t / number for t in timer.repeat(repeat, number))


def check(stmt: str, kern_ns: dict, numba_ns: dict) -> bool:
    return bool(np.allclose(eval(stmt, kern_ns), eval(stmt, numba_ns)))


def run(forms, kern_ns, numba_ns, scale, repeat, min_time):
    rows = []
    for label, stmt in forms:
        ok = check(stmt, kern_ns, numba_ns)
        tk = median_time(stmt, kern_ns, repeat, min_time)
        tn = median_time(stmt, numba_ns, repeat, min_time)
        rows.append({"form": label, "call": stmt, "kern": tk * scale,
                     "numba": tn * scale, "ratio": tk / tn, "agrees": ok})
    return rows


def print_table(title: str, unit: str, rows) -> None:
    print(f"\n{title}\n")
    print(f"| {'call':44s} | kern {unit:>3s} | numba {unit:>3s} | kern/numba |")
    print(f"|{'-' * 46}|----------:|-----------:|-----------:|")
    for r in rows:
        note = "" if r["agrees"] else "  (results differ!)"
        print(f"| `{r['call']}`{' ' * max(0, 42 - len(r['call']))} "
              f"| {r['kern']:9.1f} | {r['numba']:10.1f} | {r['ratio']:10.2f} |"
              f"{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", default=os.path.join(REPO, "bench", "results",
                                                       "calls.json"))
    args = parser.parse_args()
    repeat, min_time = (5, 0.05) if args.quick else (11, 0.2)
    kern_ns, numba_ns = namespace(load("kern")), namespace(load("numba"))
    calls = run(CALL_FORMS, kern_ns, numba_ns, 1e9, repeat, min_time)
    views = run(VIEW_CALLS, kern_ns, numba_ns, 1e6, repeat, min_time)
    print_table("Calls from Python (one call, ns)", "ns", calls)
    print_table("Array views passed to compiled helpers (whole call, µs)",
                "µs", views)
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump({"calls_ns": calls, "views_us": views}, f, indent=1)


if __name__ == "__main__":
    main()
