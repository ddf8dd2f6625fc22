#!/usr/bin/env python3
"""The seed's fused expression through Dask on a LocalCluster, kern vs NumPy.

``np.sqrt(x**2 + np.sin(x) * np.exp(-x))`` over a dask array of 10**7
doubles in 10 chunks, computed by ``map_blocks`` on a
``distributed.LocalCluster`` of 1 and then 2 worker processes (one thread
each), with three block functions, the same data and in the same run:

- NumPy: the expression as array code (``programs.NUMPY['fused_array']``),
- kern loop: ``@kern.njit`` of ``programs.fused_loop`` (an explicit loop),
- kern array: ``@kern.njit`` of ``programs.fused_array`` (the array code).

The input is made and kept on the workers (``persist``) before the timings,
every worker compiles the kern functions before them (an untimed call on
each), and a timed run is ``map_blocks(...).persist()`` plus waiting for
it, so no result travels to the client; the backends are interleaved so
that all see the same machine load. Prints the median of each and the
ratios, checks kern's results against NumPy's (on the workers) and writes
``bench/results/dask.json``::

    $ KERN_BUILD_DIR=build python3 bench/bench_dask.py [--n 10000000]
        [--chunks 10] [--repeat 7] [--workers 1 2]

Needs ``dask[array]`` and ``distributed`` (scripts/install-deps.sh installs
them as optional packages).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core per worker: inherited

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402

from common import REPO, fmt, kern, load_programs, ratio  # noqa: E402

BACKENDS = ("numpy", "kern loop", "kern array")


def block_functions() -> dict:
    """backend -> the function map_blocks runs on each chunk. The kern
    dispatchers pickle by value (their module is not importable by name on
    the workers) and compile at their first call in each worker."""
    numpy_programs = load_programs("numpy", range)
    kern_programs = load_programs("kern", kern.prange)
    return {"numpy": numpy_programs.NUMPY["fused_array"],
            "kern loop": kern.njit(kern_programs.fused_loop),
            "kern array": kern.njit(kern_programs.fused_array)}


def start_cluster(workers: int):
    """A LocalCluster of `workers` processes with one thread each, only on
    the loopback address. The workers are spawned interpreters: they find
    kern through PYTHONPATH."""
    import distributed
    paths = [os.path.join(REPO, "python-frontend"), HERE,
             os.environ.get("PYTHONPATH", "")]
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    cluster = distributed.LocalCluster(
        n_workers=workers, processes=True, threads_per_worker=1,
        host="127.0.0.1", dashboard_address=None, memory_limit=0)
    return cluster, distributed.Client(cluster)


def warm_workers(client, functions: dict) -> float:
    """Calls every block function once on every worker (kern compiles
    there); returns the slowest worker's seconds."""
    def warm():
        start = time.perf_counter()
        for f in functions.values():
            f(np.linspace(0.0, 1.0, 16))
        return time.perf_counter() - start
    return max(client.run(warm).values())


def time_cluster(workers: int, functions: dict, n: int, chunks: int,
                 repeat: int) -> dict:
    import dask.array as da
    import distributed
    cluster, client = start_cluster(workers)
    try:
        warm = warm_workers(client, functions)
        x = da.random.RandomState(0).uniform(0.0, 10.0, n,
                                             chunks=-(-n // chunks))
        x = x.persist()
        distributed.wait(x)
        lazy = {name: x.map_blocks(f, dtype=np.float64)
                for name, f in functions.items()}
        # agreement with NumPy, computed on the workers
        errors = {name: float(abs(y - lazy["numpy"]).max().compute())
                  for name, y in lazy.items() if name != "numpy"}
        times = {name: [] for name in functions}
        for _ in range(repeat):
            for name, y in lazy.items():
                start = time.perf_counter()
                done = y.persist()
                distributed.wait(done)
                times[name].append(time.perf_counter() - start)
                del done
        return {"workers": workers, "warm_s": warm, "errors": errors,
                "median_s": {k: statistics.median(v) for k, v in times.items()},
                "times_s": times}
    finally:
        client.close()
        cluster.close()


def report(results: list, n: int, chunks: int, repeat: int) -> None:
    print(f"fused expression, {n} doubles in {chunks} chunks, median of "
          f"{repeat} runs (map_blocks + persist on a LocalCluster)")
    head = "workers " + "".join(f"{b:>12}" for b in BACKENDS)
    print(head + f"{'numpy/loop':>12}{'numpy/array':>12}")
    for r in results:
        m = r["median_s"]
        print(f"{r['workers']:>7} " + "".join(f"{fmt(m[b]):>12}"
                                              for b in BACKENDS)
              + f"{ratio(m['numpy'], m['kern loop']):>12}"
              + f"{ratio(m['numpy'], m['kern array']):>12}")
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(f"scaling {first['workers']} -> {last['workers']} workers "
              "(time ratio): " + ", ".join(
                  f"{b} {ratio(first['median_s'][b], last['median_s'][b])}"
                  for b in BACKENDS))
    worst = max(max(r["errors"].values()) for r in results)
    print(f"kern vs NumPy: max abs difference {worst:.1e}; slowest worker "
          f"warm-up (compiles) {fmt(max(r['warm_s'] for r in results))}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10**7, help="elements")
    parser.add_argument("--chunks", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", default=os.path.join(REPO, "bench",
                                                       "results", "dask.json"))
    args = parser.parse_args()
    try:
        import dask.array  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as e:
        sys.exit(f"bench_dask: needs dask[array] and distributed ({e}); "
                 f"pip install 'dask[array]' distributed")
    functions = block_functions()
    results = [time_cluster(w, functions, args.n, args.chunks, args.repeat)
               for w in args.workers]
    report(results, args.n, args.chunks, args.repeat)
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump({"n": args.n, "chunks": args.chunks, "repeat": args.repeat,
                   "cpus": os.cpu_count(), "results": results}, f, indent=1)
    worst = max(max(r["errors"].values()) for r in results)
    return 0 if worst < 1e-12 else 1


if __name__ == "__main__":
    sys.exit(main())
