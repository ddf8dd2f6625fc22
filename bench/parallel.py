"""parallel=True against Numba at every thread count, and the bandwidth limit.

    KERN_BUILD_DIR=build python3 bench/parallel.py [--quick] [--threads 1 2]

For each `parallel=True` program of programs.py (a prange sum, a prange over
rows of a Mandelbrot set, an elementwise prange loop, row norms, a parallel
array expression) and each thread count from 1 to the number of CPUs: the
median time of kern and of Numba on the same data in the same process, the
ratio kern/numba, and for the sum the memory-bandwidth limit: the time of a C
loop that reads the array with the same number of OpenMP threads, its
reduction vectorized (bandwidth.c, built here with the system's compiler).
`bench.py` prints the same table after its own (`--threads`). Results go to
bench/results/parallel.json.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Any, Callable, Dict, List, Optional

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from common import backends, fmt, kern, ratio, steady_state  # noqa: E402


def sizes(quick: bool) -> Dict[str, tuple]:
    rng = np.random.default_rng(7)
    n = 2 * 10**6 if quick else 2 * 10**7
    side = 400 if quick else 1000
    return {
        "parallel_sum": (rng.random(n),),
        "parallel_axpy": (rng.random(n // 2),),
        "parallel_norms": (rng.random((n // 1000, 1000)),),
        "fused_array_parallel": (np.linspace(0.0, 10.0, n // 4),),
        "parallel_mandelbrot": (side, side, 100),
    }


def read_limit() -> Optional[Callable[[np.ndarray, int], float]]:
    """A function timing-compatible with the programs: (array, threads) ->
    sum, from bandwidth.c; None where no C compiler with OpenMP is found."""
    cc = shutil.which("clang-22") or shutil.which("cc")
    if cc is None:
        return None
    lib = os.path.join(tempfile.mkdtemp(prefix="kern-bench-bw-"), "bandwidth.so")
    build = subprocess.run([cc, "-O3", "-march=native", "-fopenmp", "-shared",
                            "-fPIC", os.path.join(HERE, "bandwidth.c"), "-o", lib],
                           capture_output=True, text=True)
    if build.returncode != 0:
        print("bandwidth.c did not build:", build.stderr.strip()[:200], file=sys.stderr)
        return None
    f = ctypes.CDLL(lib).kern_bench_read_limit
    f.restype = ctypes.c_double
    f.argtypes = [ctypes.c_void_p, ctypes.c_long, ctypes.c_int]
    return lambda a, threads: f(a.ctypes.data, a.size, threads)


def set_threads(n: int) -> None:
    kern.set_num_threads(n)
    try:
        import numba
        numba.set_num_threads(n)
    except ImportError:
        pass


def run(quick: bool, budget: float, threads: Optional[List[int]] = None,
        made: Optional[Dict[str, Callable]] = None) -> List[Dict[str, Any]]:
    made = made or backends()
    counts = threads or list(range(1, (os.cpu_count() or 1) + 1))
    limit = read_limit()
    rows: List[Dict[str, Any]] = []
    saved = kern.get_num_threads()
    for name, args in sizes(quick).items():
        compiled = {b: made[b](name, True) for b in ("kern", "numba") if b in made}
        reference = made["numpy"](name, True)(*args)
        for f in compiled.values():
            np.testing.assert_allclose(f(*args), reference, rtol=1e-9)
        for t in counts:
            set_threads(t)
            row: Dict[str, Any] = {"program": name, "threads": t,
                                   "input": bench_input(args)}
            for backend, f in compiled.items():
                row[backend] = steady_state(f, args, budget)
            if name == "parallel_sum" and limit is not None:
                a = args[0]
                row["limit"] = steady_state(lambda: limit(a, t), (), budget)
                row["limit_GBps"] = a.nbytes / row["limit"] / 1e9
            rows.append(row)
            print_row(row)
    set_threads(saved)
    return rows


def bench_input(args: tuple) -> str:
    return ", ".join("x".join(map(str, a.shape)) if isinstance(a, np.ndarray)
                     else str(a) for a in args)


HEADER = (f"{'program':<22}{'input':>12}{'threads':>8}{'kern':>10}{'numba':>10}"
          f"{'kern/numba':>11}{'limit':>10}{'kern/limit':>11}")


def print_row(row: Dict[str, Any]) -> None:
    limit = row.get("limit")
    print(f"{row['program']:<22}{row['input']:>12}{row['threads']:>8}"
          f"{fmt(row.get('kern')):>10}{fmt(row.get('numba')):>10}"
          f"{ratio(row.get('kern'), row.get('numba')):>11}"
          f"{fmt(limit) if limit else '':>10}"
          f"{ratio(row.get('kern'), limit) if limit else '':>11}", flush=True)


def print_header() -> None:
    print("\nparallel=True per thread count: median seconds per call; limit = a "
          "C loop reading the array\nwith as many OpenMP threads (bandwidth.c)")
    print(HEADER)
    print("-" * len(HEADER))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs")
    parser.add_argument("--budget", type=float, default=0.5,
                        help="seconds of repeated calls per measurement")
    parser.add_argument("--threads", type=int, nargs="*",
                        help="thread counts (default 1..number of CPUs)")
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    options = parser.parse_args()
    print_header()
    rows = run(options.quick, options.budget, options.threads)
    os.makedirs(options.out, exist_ok=True)
    with open(os.path.join(options.out, "parallel.json"), "w") as f:
        json.dump({"cpus": os.cpu_count(), "rows": rows}, f, indent=1)
    print(f"\nwrote {os.path.join(options.out, 'parallel.json')}")


if __name__ == "__main__":
    main()
