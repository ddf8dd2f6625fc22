"""Benchmark of the njit options: parallel=True, fastmath=True, cache=True.

    KERN_BUILD_DIR=build python3 bench/bench_options.py [--quick] [--json out]

parallel  the seed's parallel sum, a Mandelbrot set whose rows are a prange
          and a parallel array expression, each on 1 and 2 threads on a
          large input (speed-up 1 -> 2 threads), and on small inputs against
          the same function compiled without parallel=True.
fastmath  sum of squares of a large array (beyond the caches) with and
          without fastmath, in GB/s, against the memory bandwidth the
          machine reaches (NumPy copy and sum, kern's own best read).
cache     a fresh process's first call of a cached function (warm cache:
          load, no compile) against the same first call without cache
          (full compile), for sum of squares, the parallel sum and the
          Mandelbrot set; and the whole process (import to exit).

Times are the best of several runs (the machine is shared: the best run is
the least disturbed one).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time

import numpy as np

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FRONTEND = os.path.join(REPO, "python-frontend")
sys.path.insert(0, FRONTEND)
os.environ.setdefault("KERN_BUILD_DIR", os.path.join(REPO, "build"))

import kern  # noqa: E402
from kern import prange  # noqa: E402

PROGRAMS = '''
import math
import numpy as np
import kern
from kern import prange


def sum_squares(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return s


def parallel_sum(a):
    s = 0.0
    for i in prange(a.shape[0]):
        s += a[i]
    return s


def mandelbrot(width, height, max_iter):
    image = np.zeros((height, width), np.int64)
    for i in prange(height):
        ci = -1.5 + 3.0 * i / height
        for j in range(width):
            cr = -2.0 + 3.0 * j / width
            x = 0.0
            y = 0.0
            k = 0
            while k < max_iter and x * x + y * y <= 4.0:
                x, y = x * x - y * y + cr, 2.0 * x * y + ci
                k += 1
            image[i, j] = k
    return image


def expression(x):
    return np.sqrt(x ** 2 + np.sin(x) * np.exp(-x))
'''


def load_programs():
    folder = tempfile.mkdtemp(prefix="kern-bench-options-")
    path = os.path.join(folder, "options_programs.py")
    with open(path, "w") as f:
        f.write(PROGRAMS)
    sys.path.insert(0, folder)
    import options_programs
    return options_programs


def best(f, *args, repeat=5, min_time=0.05):
    """Best time of one call (calls batched to last >= min_time)."""
    f(*args)
    t = time.perf_counter()
    f(*args)
    one = time.perf_counter() - t
    n = max(1, int(min_time / max(one, 1e-9)))
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(n):
            f(*args)
        times.append((time.perf_counter() - t) / n)
    return min(times)


# ---------------------------------------------------------------------------


def bench_parallel(p, quick):
    serial = {name: kern.njit(getattr(p, name))
              for name in ("parallel_sum", "mandelbrot", "expression")}
    parallel = {name: kern.njit(parallel=True)(getattr(p, name))
                for name in serial}
    n_large = 2_000_000 if quick else 20_000_000
    large = {
        "parallel_sum": (np.random.default_rng(0).random(n_large),),
        "mandelbrot": (400, 300, 200) if quick else (1200, 800, 200),
        "expression": (np.linspace(0.0, 5.0, n_large // 4),),
    }
    small = {
        "parallel_sum": [(np.random.default_rng(1).random(n),)
                         for n in (10, 100, 1000, 10000)],
        "mandelbrot": [(8, 4, 50), (32, 16, 50)],
        "expression": [(np.linspace(0.0, 5.0, n),) for n in (10, 100, 1000)],
    }
    rows = []
    for name in serial:
        f = parallel[name]
        kern.set_num_threads(1)
        t1 = best(f, *large[name])
        kern.set_num_threads(2)
        t2 = best(f, *large[name])
        ts = best(serial[name], *large[name])
        row = {"program": name, "input": describe(large[name]),
               "serial_s": ts, "threads1_s": t1, "threads2_s": t2,
               "speedup_1_to_2": t1 / t2, "speedup_vs_serial": ts / t2,
               "small": []}
        for args in small[name]:
            tp, tser = best(f, *args), best(serial[name], *args)
            row["small"].append({"input": describe(args), "parallel_s": tp,
                                 "serial_s": tser, "ratio": tp / tser})
        rows.append(row)
    return rows


def describe(args):
    return ", ".join(f"array({a.size})" if isinstance(a, np.ndarray)
                     else str(a) for a in args)


def bench_fastmath(p, quick):
    n = 4_000_000 if quick else 32_000_000  # 256 MB: far beyond the caches
    a = np.random.default_rng(2).random(n)
    nbytes = a.nbytes
    plain = kern.njit(p.sum_squares)
    fast = kern.njit(fastmath=True)(p.sum_squares)
    assert abs(plain(a) - fast(a)) <= 1e-9 * plain(a)
    t_plain, t_fast = best(plain, a, repeat=5), best(fast, a, repeat=5)
    out = np.empty_like(a)
    t_copy = best(lambda: np.copyto(out, a), repeat=5)
    t_npsum = best(np.sum, a, repeat=5)
    # The bandwidth the machine reaches reading memory on one core: the
    # best of NumPy's sum (read only) and copy (read + write).
    read_bw = max(nbytes / t_npsum, 2 * nbytes / t_copy, nbytes / t_fast)
    return {"n": n, "bytes": nbytes,
            "plain_s": t_plain, "fastmath_s": t_fast,
            "plain_GBps": nbytes / t_plain / 1e9,
            "fastmath_GBps": nbytes / t_fast / 1e9,
            "numpy_sum_GBps": nbytes / t_npsum / 1e9,
            "numpy_copy_GBps": 2 * nbytes / t_copy / 1e9,
            "bandwidth_GBps": read_bw / 1e9,
            "fastmath_speedup": t_plain / t_fast,
            "fastmath_vs_bandwidth": t_fast / (nbytes / read_bw)}


# ---------------------------------------------------------------------------

CACHE_DRIVER = textwrap.dedent("""
    import sys, time, json
    t0 = time.perf_counter()
    import numpy as np
    import kern
    import cached_programs as p
    t_import = time.perf_counter() - t0
    name = sys.argv[1]
    args = {"sum_squares": (np.arange(1000.0),),
            "parallel_sum": (np.arange(1000.0),),
            "mandelbrot": (64, 48, 50)}[name]
    f = getattr(p, name)
    t = time.perf_counter()
    f(*args)
    first = time.perf_counter() - t
    from kern import cache
    print(json.dumps({"first_call_s": first, "import_s": t_import,
                      "event": cache.last_event(f)}))
""")


def cache_module(cache):
    body = PROGRAMS.replace("def sum_squares", f"@kern.njit(cache={cache})\n"
                                               "def sum_squares")
    body = body.replace("def parallel_sum", f"@kern.njit(cache={cache}, "
                                            "parallel=True)\ndef parallel_sum")
    body = body.replace("def mandelbrot", f"@kern.njit(cache={cache}, "
                                          "parallel=True)\ndef mandelbrot")
    return body


_PYCACHE = tempfile.mkdtemp(prefix="kern-bench-pyc-")


def run_driver(folder, name):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([folder, FRONTEND]))
    # As users run Python: with byte code cached (kern's modules are not
    # recompiled by every process), kept out of the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = _PYCACHE
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CACHE_DRIVER, name], cwd=folder,
                          env=env, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["process_s"] = wall
    return report


def bench_cache(quick):
    rows = []
    runs = 3 if quick else 7
    for name in ("sum_squares", "parallel_sum", "mandelbrot"):
        nocache = tempfile.mkdtemp(prefix="kern-nocache-")
        with open(os.path.join(nocache, "cached_programs.py"), "w") as f:
            f.write(cache_module(False))
        cached = tempfile.mkdtemp(prefix="kern-cache-")
        with open(os.path.join(cached, "cached_programs.py"), "w") as f:
            f.write(cache_module(True))
        cold = [run_driver(nocache, name) for _ in range(runs)]
        store = run_driver(cached, name)
        warm = [run_driver(cached, name) for _ in range(runs)]
        assert all(w["event"] == "hit" for w in warm), warm
        rows.append({
            "program": name,
            "first_call_no_cache_s": min(r["first_call_s"] for r in cold),
            "first_call_storing_s": store["first_call_s"],
            "first_call_cached_s": min(r["first_call_s"] for r in warm),
            "first_call_cached_median_s": sorted(
                r["first_call_s"] for r in warm)[len(warm) // 2],
            "process_no_cache_s": min(r["process_s"] for r in cold),
            "process_cached_s": min(r["process_s"] for r in warm),
        })
    return rows


# ---------------------------------------------------------------------------


def report(results):
    print(f"# kern njit options ({os.cpu_count()} CPUs)\n")
    print("## parallel=True (best of runs)\n")
    print(f"{'program':14} {'input':22} {'serial':>10} {'1 thread':>10} "
          f"{'2 threads':>10} {'1->2':>6}")
    for r in results["parallel"]:
        print(f"{r['program']:14} {r['input']:22} {r['serial_s']*1e3:8.2f}ms "
              f"{r['threads1_s']*1e3:8.2f}ms {r['threads2_s']*1e3:8.2f}ms "
              f"{r['speedup_1_to_2']:5.2f}x")
    print("\nsmall inputs, parallel (2 threads) / serial time:")
    for r in results["parallel"]:
        for s in r["small"]:
            print(f"  {r['program']:14} {s['input']:16} "
                  f"{s['parallel_s']*1e6:9.2f}us {s['serial_s']*1e6:9.2f}us "
                  f"{s['ratio']:6.2f}x")
    fm = results["fastmath"]
    print(f"\n## fastmath=True: sum of squares of {fm['n']} float64 "
          f"({fm['bytes'] / 1e6:.0f} MB)\n")
    print(f"without fastmath {fm['plain_s']*1e3:8.2f} ms {fm['plain_GBps']:6.2f} GB/s")
    print(f"with fastmath    {fm['fastmath_s']*1e3:8.2f} ms {fm['fastmath_GBps']:6.2f} GB/s"
          f"   ({fm['fastmath_speedup']:.2f}x)")
    print(f"NumPy sum {fm['numpy_sum_GBps']:.2f} GB/s, NumPy copy "
          f"{fm['numpy_copy_GBps']:.2f} GB/s (read+write); bandwidth "
          f"{fm['bandwidth_GBps']:.2f} GB/s -> fastmath at "
          f"{fm['fastmath_vs_bandwidth']:.2f}x the bandwidth limit")
    print("\n## cache=True: a fresh process's first call\n")
    print(f"{'program':14} {'no cache':>10} {'cached':>10} {'(median)':>10} "
          f"{'process':>18}")
    for r in results["cache"]:
        print(f"{r['program']:14} {r['first_call_no_cache_s']*1e3:8.1f}ms "
              f"{r['first_call_cached_s']*1e3:8.2f}ms "
              f"{r['first_call_cached_median_s']*1e3:8.2f}ms "
              f"{r['process_no_cache_s']*1e3:7.0f} -> {r['process_cached_s']*1e3:5.0f}ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--json", default=os.path.join(REPO, "bench", "results",
                                                       "options.json"))
    parser.add_argument("--only", choices=("parallel", "fastmath", "cache"))
    args = parser.parse_args()
    p = load_programs()
    results = {"cpus": os.cpu_count()}
    threads = kern.get_num_threads()
    for part in ("parallel", "fastmath", "cache"):
        if args.only and part != args.only:
            continue
        if part == "parallel":
            results[part] = bench_parallel(p, args.quick)
            kern.set_num_threads(threads)
        elif part == "fastmath":
            results[part] = bench_fastmath(p, args.quick)
        else:
            results[part] = bench_cache(args.quick)
    if not args.only:
        report(results)
    else:
        print(json.dumps(results, indent=1))
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as f:
        json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
