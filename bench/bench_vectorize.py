#!/usr/bin/env python3
"""@kern.vectorize against Numba's @vectorize and NumPy, in one run.

The seed's `clip_add` (add two arrays, clip to [-1, 1]) on 10**7 doubles:

- kern, target='cpu' and target='parallel' (1 and 2 threads),
- Numba's @vectorize, target='cpu' and target='parallel' (if installed),
- NumPy: np.clip(x + y, -1, 1),

a compute-bound kernel (`series`, 10**6 elements) on 1 and 2 threads, and a
reduction over an axis (`max` of a 3162x3162 array along axis 0 and
axis 1) with kern's `.reduce` and NumPy's np.maximum.reduce / Numba's
DUFunc.reduce. Prints the median of several calls after a warm-up call
(which compiles), the ratios, and checks every result against NumPy::

    $ KERN_BUILD_DIR=build python3 bench/bench_vectorize.py [--n 10000000]

Goals (issue 6): kern cpu at least as fast as Numba cpu; kern parallel at
least 1.7x faster on 2 threads than on 1. Issue 14: the 8-element call
within 1.5x of np.add and at most Numba's.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "python-frontend"))

import numpy as np  # noqa: E402

import kern  # noqa: E402


def clip_add(x, y):
    s = x + y
    if s > 1.0:
        return 1.0
    if s < -1.0:
        return -1.0
    return s


def bigger(x, y):
    return x if x > y else y


def series(x):
    """A compute-bound kernel (clip_add is memory-bound: 24 bytes moved per
    element), to show what threads give when memory bandwidth does not
    cap them."""
    s = 0.0
    for k in range(20):
        s += math.sin(x * k) * math.exp(-x)
    return s


def dot(x, y, out):
    s = 0.0
    for i in range(x.shape[0]):
        s += x[i] * y[i]
    out[0] = s


SIGS = ['float64(float64, float64)']
GU_SIGS = ['void(float64[:], float64[:], float64[:])']


def mean_call(f, calls=20000):
    """Seconds per call of a fast call: the best of 5 runs of `calls`."""
    f()
    best = None
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(calls):
            f()
        t = (time.perf_counter() - t0) / calls
        best = t if best is None else min(best, t)
    return best


def median_time(f, repeat):
    f()  # warm-up (compiles)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=10**7)
    p.add_argument("--repeat", type=int, default=7)
    p.add_argument("--json", help="write the numbers to this file")
    args = p.parse_args()

    rng = np.random.default_rng(0)
    x = rng.standard_normal(args.n)
    y = rng.standard_normal(args.n)
    want = np.clip(x + y, -1, 1)
    side = int(round(args.n ** 0.5))
    m = rng.standard_normal((side, side))

    k_cpu = kern.vectorize(SIGS)(clip_add)
    k_par = kern.vectorize(SIGS, target="parallel")(clip_add)
    k_max = kern.vectorize(SIGS)(bigger)
    k_max_par = kern.vectorize(SIGS, target="parallel")(bigger)
    rows = []

    def run(name, f, check=None, small=False):
        try:
            if check is not None and not check(f()):
                rows.append((name, None, "WRONG RESULT"))
                return None
            t = mean_call(f) if small else median_time(f, args.repeat)
        except Exception as e:  # a backend failing is a result to report
            rows.append((name, None, f"failed: {type(e).__name__}: {e}"))
            return None
        rows.append((name, t, ""))
        return t

    same = lambda r: np.array_equal(r, want)  # noqa: E731
    xs = x[:args.n // 10]
    want_s = np.vectorize(series)(xs)
    close = lambda r: np.allclose(r, want_s)  # noqa: E731
    reductions = [(axis, np.maximum.reduce(m, axis=axis)) for axis in (0, 1)]

    # NumPy and kern first: Numba's parallel target starts a thread pool of
    # its own whose threads compete with kern's OpenMP threads for the
    # cores once they exist.
    t_np = run("numpy np.clip(x + y, -1, 1)",
               lambda: np.clip(x + y, -1, 1), same)
    t_kcpu = run("kern  vectorize cpu", lambda: k_cpu(x, y), same)
    threads, series_t = {}, {}
    k_ser = kern.vectorize(['float64(float64)'], target="parallel")(series)
    for n in (1, 2):
        kern.set_num_threads(n)
        threads[n] = run(f"kern  vectorize parallel, {n} thread(s)",
                         lambda: k_par(x, y), same)
    for n in (1, 2):
        kern.set_num_threads(n)
        series_t[n] = run(f"kern  series parallel, {n} thread(s), "
                          f"{xs.size} elements", lambda: k_ser(xs), close)
    for axis, want_r in reductions:
        ok = lambda r, w=want_r: np.array_equal(r, w)  # noqa: E731
        run(f"numpy np.maximum.reduce(m, axis={axis}) {side}x{side}",
            lambda a=axis: np.maximum.reduce(m, axis=a), ok)
        run(f"kern  reduce cpu, axis={axis}",
            lambda a=axis: k_max.reduce(m, axis=a), ok)
        kern.set_num_threads(2)
        run(f"kern  reduce parallel (2 threads), axis={axis}",
            lambda a=axis: k_max_par.reduce(m, axis=a), ok)

    # Call overhead on 8 elements, and a gufunc.
    x8, y8 = x[:8].copy(), y[:8].copy()
    small = {}
    plus = kern.vectorize(SIGS)(lambda a, b: a + b)
    small["numpy"] = run("numpy np.add, 8 elements", lambda: np.add(x8, y8),
                         lambda r: np.array_equal(r, x8 + y8), small=True)
    small["kern"] = run("kern  vectorize a + b, 8 elements",
                        lambda: plus(x8, y8),
                        lambda r: np.array_equal(r, x8 + y8), small=True)
    rows_n = max(args.n // 100, 1)
    gx = rng.standard_normal((rows_n, 100))
    gy = rng.standard_normal((rows_n, 100))
    want_g = np.einsum("ij,ij->i", gx, gy)
    near = lambda r: np.allclose(r, want_g)  # noqa: E731
    run(f"numpy np.einsum row dot ({rows_n}, 100)",
        lambda: np.einsum("ij,ij->i", gx, gy), near)
    gu = {}
    guvec = getattr(kern, "guvectorize", None)
    if guvec is not None:
        k_dot = guvec(GU_SIGS, "(n),(n)->()")(dot)
        gu["kern"] = run("kern  guvectorize row dot", lambda: k_dot(gx, gy),
                         near)
        k_dot_par = guvec(GU_SIGS, "(n),(n)->()", target="parallel")(dot)
        kern.set_num_threads(2)
        run("kern  guvectorize row dot parallel (2 threads)",
            lambda: k_dot_par(gx, gy), near)

    t_numba = None
    try:
        import numba
    except ImportError:
        numba = None
        rows.append(("numba", None, "not installed"))
    if numba is not None:
        n_cpu = numba.vectorize(SIGS)(clip_add)
        t_numba = run("numba vectorize cpu", lambda: n_cpu(x, y), same)
        n_max = numba.vectorize(SIGS)(bigger)
        for axis, want_r in reductions:
            ok = lambda r, w=want_r: np.array_equal(r, w)  # noqa: E731
            run(f"numba vectorize reduce, axis={axis}",
                lambda a=axis: n_max.reduce(m, axis=a), ok)
        n_plus = numba.vectorize(SIGS)(lambda a, b: a + b)
        small["numba"] = run("numba vectorize a + b, 8 elements",
                             lambda: n_plus(x8, y8),
                             lambda r: np.array_equal(r, x8 + y8),
                             small=True)
        n_dot = numba.guvectorize(GU_SIGS, "(n),(n)->()")(dot)
        gu["numba"] = run("numba guvectorize row dot",
                          lambda: n_dot(gx, gy), near)
        n_par = numba.vectorize(SIGS, target="parallel")(clip_add)
        n_ser = numba.vectorize(['float64(float64)'],
                                target="parallel")(series)
        for n in (1, 2):
            numba.set_num_threads(min(n, numba.config.NUMBA_NUM_THREADS))
            run(f"numba vectorize parallel, {n} thread(s)",
                lambda: n_par(x, y), same)
            run(f"numba series parallel, {n} thread(s)", lambda: n_ser(xs),
                close)

    width = max(len(r[0]) for r in rows)
    print(f"clip_add on {args.n} float64, reduce on {side}x{side}; median "
          f"of {args.repeat} after a warm-up call ({os.cpu_count()} CPUs)")
    for name, t, note in rows:
        shown = (f"{t * 1e6:9.2f} us" if t is not None and t < 1e-4 else
                 f"{t * 1e3:9.2f} ms" if t is not None else " " * 12)
        print(f"  {name:<{width}} {shown} {note}")
    if t_kcpu and t_numba:
        print(f"kern cpu / numba cpu time: {t_kcpu / t_numba:.2f} "
              f"(goal <= 1)")
    if t_kcpu and t_np:
        print(f"kern cpu / numpy time:     {t_kcpu / t_np:.2f}")
    if small.get("kern") and small.get("numpy"):
        print(f"8-element call, kern / np.add: "
              f"{small['kern'] / small['numpy']:.2f} (goal <= 1.5)")
    if small.get("kern") and small.get("numba"):
        print(f"8-element call, kern / numba: "
              f"{small['kern'] / small['numba']:.2f} (goal <= 1)")
    if gu.get("kern") and gu.get("numba"):
        print(f"guvectorize kern / numba time: "
              f"{gu['kern'] / gu['numba']:.2f}")
    if threads.get(1) and threads.get(2):
        print(f"kern parallel speed-up 1 -> 2 threads, clip_add "
              f"(memory-bound): {threads[1] / threads[2]:.2f}x")
    if series_t.get(1) and series_t.get(2):
        print(f"kern parallel speed-up 1 -> 2 threads, series "
              f"(compute-bound): {series_t[1] / series_t[2]:.2f}x "
              f"(goal >= 1.7)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"n": args.n, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
