"""Benchmark of @jitclass: kern against Numba (numba.experimental.jitclass)
on the same class.

    KERN_BUILD_DIR=build python3 bench/bench_jitclass.py [--quick] [--json out]

From Python: making an instance, calling a method, reading a field and a
property (one operation, µs). From compiled code: a loop over 10^5 values
calling a method that updates scalar fields and an array field (ms).

The program text is the same for both (written to a module per backend, as
bench_calls.py does). Times are medians; ratios are kern's time over
Numba's (below 1: kern is faster). Writes bench/results/jitclass.json.
"""

from __future__ import annotations

import argparse
import json
import os

import numpy as np

from bench_calls import REPO, load, median_time

PROGRAMS = '''
import numpy as np


@jitclass([("count", int64), ("total", float64), ("data", float64[:])])
class Acc:
    def __init__(self, n):
        self.count = 0
        self.total = 0.0
        self.data = np.zeros(n)

    def add(self, x):
        self.data[self.count % self.data.shape[0]] = x
        self.count += 1
        self.total += x

    @property
    def mean(self):
        return self.total / self.count


@jit
def run(acc, xs):
    for x in xs:
        acc.add(x)
    return acc.mean


@jit
def make_many(n):
    s = 0
    for i in range(n):
        a = Acc(4)
        a.add(1.0)
        s += a.count
    return s
'''

OPERATIONS = [  # (label, statement, scale, unit)
    ("Acc(16) from Python", "Acc(16)", 1e6, "µs"),
    ("a.add(1.0) from Python", "a.add(1.0)", 1e6, "µs"),
    ("a.count from Python", "a.count", 1e6, "µs"),
    ("a.mean (property) from Python", "a.mean", 1e6, "µs"),
    ("run(a, xs): 10^5 a.add(x) in compiled code", "run(a, xs)", 1e3, "ms"),
    ("make_many(10^4): instances made in compiled code", "make_many(10000)",
     1e3, "ms"),
]


def module(backend: str):
    header = ("from kern import jitclass, int64, float64\n"
              if backend == "kern" else
              "from numba.experimental import jitclass\n"
              "from numba import int64, float64\n")
    return load(backend, header_extra=header, programs=PROGRAMS,
                tag="jitclass")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", default=os.path.join(REPO, "bench", "results",
                                                       "jitclass.json"))
    args = parser.parse_args()
    repeat, min_time = (5, 0.05) if args.quick else (11, 0.2)
    xs = np.random.default_rng(0).random(100_000)
    spaces = {}
    for b in ("kern", "numba"):
        mod = module(b)
        a = mod.Acc(16)
        spaces[b] = {"Acc": mod.Acc, "run": mod.run, "a": a, "xs": xs,
                     "make_many": mod.make_many}
        assert mod.make_many(10) == 10
        assert abs(mod.run(mod.Acc(16), xs) - xs.mean()) < 1e-12
    rows = []
    for label, stmt, scale, unit in OPERATIONS:
        t = {b: median_time(stmt, ns, repeat, min_time) * scale
             for b, ns in spaces.items()}
        rows.append({"operation": label, "unit": unit, **t,
                     "kern/numba": t["kern"] / t["numba"]})
    print("\n| operation | kern | numba | kern/numba |")
    print("|---|--:|--:|--:|")
    for r in rows:
        print(f"| {r['operation']} | {r['kern']:.3f} {r['unit']} | "
              f"{r['numba']:.3f} {r['unit']} | {r['kern/numba']:.2f} |")
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
