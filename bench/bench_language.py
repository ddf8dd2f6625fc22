"""Benchmark of Python language features in compiled code: kern against
Numba on the same program text.

    KERN_BUILD_DIR=build python3 bench/bench_language.py [--quick] [--json out]

Recursive functions (fib, a recursive quicksort), inner functions and
lambdas closing over local variables in a loop, lists built by append and
by a comprehension, dict inserts and lookups, and print() of a line from
compiled code (to /dev/null, so the terminal's speed is not measured).
Times are medians of several runs, in ms; ratios are kern's time over
Numba's (below 1: kern is faster). Writes bench/results/language.json.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys

import numpy as np

from bench_calls import REPO, load, median_time

PROGRAMS = '''
import numpy as np


@jit
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@jit
def quicksort(a, lo, hi):
    if lo >= hi:
        return 0
    pivot = a[hi]
    i = lo
    for j in range(lo, hi):
        if a[j] < pivot:
            a[i], a[j] = a[j], a[i]
            i += 1
    a[i], a[hi] = a[hi], a[i]
    quicksort(a, lo, i - 1)
    quicksort(a, i + 1, hi)
    return 0


@jit
def closures(x, k):
    def scaled(v):
        return v * k
    shift = lambda v: v + k
    s = 0.0
    for i in range(x.shape[0]):
        s += scaled(x[i]) + shift(x[i])
    return s


@jit
def appends(n):
    out = []
    for i in range(n):
        if i % 3 != 0:
            out.append(i * 0.5)
    return len(out), out[-1]


@jit
def squares(n):
    return sum([i * i for i in range(n)])


@jit
def dict_ops(n):
    d = {}
    for i in range(n):
        d[i * 7] = i * 0.5
    s = 0.0
    for i in range(n):
        s += d[i * 7]
    return s


@jit
def prints(n):
    s = 0.0
    for i in range(n):
        s += i * 0.5
        print("step", i, s)
    return s
'''

OPERATIONS = [  # (label, statement)
    ("fib(25): recursion", "fib(25)"),
    ("quicksort of 10^5 floats: recursion on arrays",
     "quicksort(data.copy(), 0, data.shape[0] - 1)"),
    ("closures(x, 2.0): inner def + lambda over 10^6 values",
     "closures(x, 2.0)"),
    ("appends(10^6): list.append in a loop", "appends(1_000_000)"),
    ("squares(10^5): sum of a list comprehension", "squares(100_000)"),
    ("dict_ops(10^5): 10^5 dict inserts, then 10^5 lookups",
     "dict_ops(100_000)"),
    ("prints(10^4): print() of a line per iteration", "prints(10_000)"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", default=os.path.join(REPO, "bench", "results",
                                                       "language.json"))
    args = parser.parse_args()
    repeat, min_time = (5, 0.05) if args.quick else (9, 0.2)
    rng = np.random.default_rng(0)
    data, x = rng.random(100_000), rng.random(1_000_000)
    spaces = {}
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
        for b in ("kern", "numba"):
            mod = load(b, programs=PROGRAMS, tag="language")
            ns = {k: getattr(mod, k) for k in
                  ("fib", "quicksort", "closures", "prints", "appends",
                   "squares", "dict_ops")}
            ns.update(data=data, x=x)
            assert mod.fib(20) == 6765
            assert mod.closures(x, 2.0) == mod.closures.py_func(x, 2.0)
            mod.prints(3)
            spaces[b] = ns
        rows = []
        for label, stmt in OPERATIONS:
            t = {b: median_time(stmt, ns, repeat, min_time) * 1e3
                 for b, ns in spaces.items()}
            rows.append({"operation": label, **t,
                         "kern/numba": t["kern"] / t["numba"]})
    print("\n| operation | kern ms | numba ms | kern/numba |")
    print("|---|--:|--:|--:|")
    for r in rows:
        print(f"| {r['operation']} | {r['kern']:.3f} | {r['numba']:.3f} | "
              f"{r['kern/numba']:.2f} |")
    sys.stdout.flush()
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
