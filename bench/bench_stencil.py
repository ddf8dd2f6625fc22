"""Benchmark of @stencil: kern against Numba and the NumPy slicing
expression that computes the same array.

    KERN_BUILD_DIR=build python3 bench/bench_stencil.py [--quick] [--json out]

kernels     a 2-D Jacobi average (1000x1000), a 3-D Laplacian (128^3) and a
            1-D moving sum over a 31-wide window given by `neighborhood=`
            (10^6), each called from Python, from a compiled function, and
            from a compiled function with parallel=True.
first call  decorating the kernel and a compiled caller, then the first
            call (compiling), in this process for both backends.

The program text is the same for both (written to a module per backend, as
bench_calls.py does). Times are medians (ms); ratios are kern's time over
the other's (below 1: kern is faster). Writes bench/results/stencil.json.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import numpy as np

from bench_calls import REPO, load, median_time

PROGRAMS = '''
import numpy as np


@stencil
def jacobi(a):
    return 0.25 * (a[0, 1] + a[1, 0] + a[0, -1] + a[-1, 0])


@stencil
def laplace(a):
    return (a[1, 0, 0] + a[-1, 0, 0] + a[0, 1, 0] + a[0, -1, 0] +
            a[0, 0, 1] + a[0, 0, -1] - 6.0 * a[0, 0, 0])


@stencil(neighborhood=((-15, 15),))
def window(a):
    s = 0.0
    for i in range(-15, 16):
        s += a[i]
    return s


@jit
def jacobi_jit(a):
    return jacobi(a)


@jit(parallel=True)
def jacobi_par(a):
    return jacobi(a)


@jit
def laplace_jit(a):
    return laplace(a)


@jit(parallel=True)
def laplace_par(a):
    return laplace(a)


@jit
def window_jit(a):
    return window(a)


@jit(parallel=True)
def window_par(a):
    return window(a)
'''


def np_jacobi(a):
    out = np.zeros_like(a)
    out[1:-1, 1:-1] = 0.25 * (a[1:-1, 2:] + a[2:, 1:-1] + a[1:-1, :-2] +
                              a[:-2, 1:-1])
    return out


def np_laplace(a):
    out = np.zeros_like(a)
    c = a[1:-1, 1:-1, 1:-1]
    out[1:-1, 1:-1, 1:-1] = (a[2:, 1:-1, 1:-1] + a[:-2, 1:-1, 1:-1] +
                             a[1:-1, 2:, 1:-1] + a[1:-1, :-2, 1:-1] +
                             a[1:-1, 1:-1, 2:] + a[1:-1, 1:-1, :-2] - 6.0 * c)
    return out


def np_window(a):
    out = np.zeros_like(a)
    c = np.concatenate(([0.0], np.cumsum(a)))
    out[15:-15] = c[31:] - c[:-31]
    return out


KERNELS = [  # (label, data, kern/numba names, NumPy function)
    ("jacobi 2-D 1000x1000", "m", "jacobi", np_jacobi),
    ("laplace 3-D 128^3", "c", "laplace", np_laplace),
    ("window 1-D 31 wide, 10^6", "v", "window", np_window),
]


def stencil_module(backend: str):
    return load(backend, header_extra="stencil = kern.stencil\n"
                if backend == "kern" else "stencil = numba.stencil\n",
                programs=PROGRAMS, tag="stencil")


def first_calls(data: dict) -> list:
    """Compile time + first run of each kernel called from Python."""
    rows = []
    for backend in ("kern", "numba"):
        t0 = time.perf_counter()
        mod = stencil_module(backend)
        t1 = time.perf_counter()
        for _, key, name, _ in KERNELS:
            getattr(mod, name)(data[key])
        t2 = time.perf_counter()
        rows.append({"backend": backend, "import_ms": (t1 - t0) * 1e3,
                     "first_calls_ms": (t2 - t1) * 1e3})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", default=os.path.join(REPO, "bench", "results",
                                                       "stencil.json"))
    args = parser.parse_args()
    repeat, min_time = (5, 0.05) if args.quick else (11, 0.2)
    rng = np.random.default_rng(0)
    data = {"m": rng.random((1000, 1000)), "c": rng.random((128, 128, 128)),
            "v": rng.random(1_000_000)}
    first = first_calls(data)
    mods = {b: stencil_module(b) for b in ("kern", "numba")}
    rows = []
    for label, key, name, np_fn in KERNELS:
        want = np_fn(data[key])
        for how, suffix in (("Python", ""), ("njit", "_jit"),
                            ("njit parallel", "_par")):
            t = {}
            for b, mod in mods.items():
                fn = getattr(mod, name + suffix)
                ns = {"f": fn, "x": data[key]}
                assert np.allclose(fn(data[key]), want), (b, name, suffix)
                t[b] = median_time("f(x)", ns, repeat, min_time)
            t["numpy"] = median_time("f(x)", {"f": np_fn, "x": data[key]},
                                     repeat, min_time)
            rows.append({"kernel": label, "called from": how,
                         **{k: v * 1e3 for k, v in t.items()},
                         "kern/numba": t["kern"] / t["numba"],
                         "kern/numpy": t["kern"] / t["numpy"]})
    print("\n| kernel | called from | kern ms | numba ms | numpy ms | "
          "kern/numba | kern/numpy |")
    print("|---|---|--:|--:|--:|--:|--:|")
    for r in rows:
        print(f"| {r['kernel']} | {r['called from']} | {r['kern']:.2f} | "
              f"{r['numba']:.2f} | {r['numpy']:.2f} | {r['kern/numba']:.2f} | "
              f"{r['kern/numpy']:.2f} |")
    print("\nfirst calls (three kernels from Python, compile + run)\n")
    for r in first:
        print(f"  {r['backend']:6s} {r['first_calls_ms']:8.1f} ms")
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump({"steady_ms": rows, "first_calls": first}, f, indent=1)


if __name__ == "__main__":
    main()
