#!/usr/bin/env python3
"""kern.cuda's CPU target against Numba's CUDA simulator, on the same kernels.

The same kernel source (bench/cuda_kernels.py, a Numba-CUDA program) runs with
`cuda` taken from `kern` (compiled; blocks on CPU threads, the threads of a
block as fibers) and from `numba` with `NUMBA_ENABLE_CUDASIM=1` (one Python
thread per GPU thread), each in its own process. Kernels: vector add, a
grid-stride loop, a shared-memory block reduction (syncthreads), a tiled
matmul (shared memory), an atomic histogram, the complex Mandelbrot and
the warp functions (a warp reduction by shfl_down_sync, a compaction by
ballot_sync/popc/lanemask_lt, a block count by syncthreads_count). The
sizes are small, so that the simulator finishes; kern also runs them at
sizes the simulator cannot reach (`large`). Prints the median time per
launch (after a warm-up launch, which compiles), the ratio, and checks
each result against NumPy::

    $ KERN_BUILD_DIR=build python3 bench/bench_cuda.py [--repeat 3] [--no-numba]

Numba's simulator (numba 0.68) has no `shfl_*_sync`: those rows have no
simulator time. Writes bench/results/cuda.json. Not a test: timings depend
on the machine. On a machine with a CUDA driver and device (KERN_CUDA_SIM
unset) kern's kernels run on the GPU (docs/cuda.md, "The GPU path");
scripts/gpu-check.sh runs this with --no-numba there. The timings of this
file's results so far come from the CPU target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))



def cases(ns, n, side, mat):
    """(name, launch, check) of each kernel at the given sizes."""
    np = ns["np"]
    rng = np.random.default_rng(0)
    x = rng.random(n)
    y = rng.random(n)
    out = np.zeros(n)
    blocks = (n + 127) // 128
    partial = np.zeros(blocks)
    A = rng.random((mat, mat), dtype=np.float32)
    B = rng.random((mat, mat), dtype=np.float32)
    C = np.zeros((mat, mat), np.float32)
    g = (mat + 15) // 16
    keys = rng.integers(0, 64, n)
    bins = np.zeros(64, np.int64)
    img = np.zeros((side, side * 3 // 2), np.int32)
    total = np.zeros(1)
    kept = np.zeros(n)
    count = np.zeros(1, np.int64)
    counts = np.zeros(blocks, np.int64)
    k = ns

    def warp_sum():
        total[0] = 0
        k["warp_sum"][blocks, 128](x, total)

    def compact():
        count[0] = 0
        k["compact"][blocks, 128](x, kept, count)

    def hist():
        bins[:] = 0
        k["histogram"][blocks, 128](keys, bins)

    return [
        ("vector_add", lambda: k["vector_add"][blocks, 128](x, y, out),
         lambda: np.allclose(out, x + y)),
        ("grid_stride", lambda: k["grid_stride"][16, 128](x, out),
         lambda: np.allclose(out, 2 * x + 1)),
        ("block_sum (syncthreads)",
         lambda: k["block_sum"][blocks, 128](x, partial),
         lambda: np.isclose(partial.sum(), x.sum())),
        ("tiled matmul (shared)",
         lambda: k["matmul"][(g, g), (16, 16)](A, B, C),
         lambda: np.allclose(C, A @ B, rtol=1e-4)),
        ("atomic histogram", hist,
         lambda: (bins == np.bincount(keys, minlength=64)).all()),
        ("mandelbrot (complex)",
         lambda: k["mandelbrot"][((img.shape[1] + 15) // 16,
                                  (img.shape[0] + 15) // 16), (16, 16)](img, 50),
         lambda: img.max() == 50 and img.min() >= 0),
        ("warp sum (shfl_down_sync)", warp_sum,
         lambda: np.isclose(total[0], x.sum())),
        ("compaction (ballot_sync)", compact,
         lambda: (np.sort(kept[:count[0]]) == np.sort(x[x > 0.5])).all()),
        ("syncthreads_count",
         lambda: k["count_above"][blocks, 128](x, counts),
         lambda: (counts == np.add.reduceat(x > 0.5, np.arange(0, n, 128))
                  ).all()),
    ]


def worker(backend: str, repeat: int, sizes: dict) -> dict:
    """Runs in its own process: times every case with `cuda` of `backend`."""
    if backend == "kern":
        sys.path.insert(0, os.path.join(REPO, "python-frontend"))
    import cuda_kernels
    ns = vars(cuda_kernels)
    results = {}
    for name, launch, check in cases(ns, **sizes):
        try:
            launch()  # compiles
        except AttributeError:  # Numba's simulator has no warp shuffles
            results[name] = None
            continue
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            launch()
            times.append(time.perf_counter() - t0)
        results[name] = {"seconds": statistics.median(times),
                         "correct": bool(check())}
    return results


def run(backend: str, repeat: int, sizes: dict) -> dict:
    env = dict(os.environ, BENCH_CUDA_BACKEND=backend)
    if backend == "numba-sim":
        env["NUMBA_ENABLE_CUDASIM"] = "1"
    code = (f"import json, sys; sys.path.insert(0, {os.path.dirname(__file__)!r}); "
            f"import bench_cuda; print(json.dumps(bench_cuda.worker("
            f"{backend!r}, {repeat}, {sizes!r})))")
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def fmt(s):
    return "-" if s is None else (f"{s * 1e3:9.2f} ms" if s >= 1e-3
                                  else f"{s * 1e6:9.1f} us")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-numba", action="store_true")
    args = ap.parse_args()
    small = {"n": 1 << 13, "side": 32, "mat": 48}
    large = {"n": 1 << 20, "side": 512, "mat": 256}
    report = {"small": small, "large": large, "cpus": os.cpu_count()}
    report["kern"] = run("kern", args.repeat, small)
    report["kern-large"] = run("kern", args.repeat, large)
    report["numba-sim"] = None
    if not args.no_numba:
        try:
            report["numba-sim"] = run("numba-sim", 1, small)
        except (subprocess.CalledProcessError, OSError) as e:
            print(f"numba simulator not run: {e}", file=sys.stderr)
    print(f"kern.cuda CPU target vs Numba's CUDA simulator, small sizes "
          f"{small}; {os.cpu_count()} CPUs")
    print(f"{'kernel':26} {'kern':>12} {'numba sim':>12} {'sim/kern':>10}"
          f" {'kern large':>12}")
    for name, r in report["kern"].items():
        sim = (report["numba-sim"] or {}).get(name)  # None: not simulated
        big = report["kern-large"][name]
        ratio = f"{sim['seconds'] / r['seconds']:9.0f}x" if sim else "-"
        ok = all(x["correct"] for x in (r, big) + ((sim,) if sim else ()))
        print(f"{name:26} {fmt(r['seconds']):>12} "
              f"{fmt(sim['seconds'] if sim else None):>12} {ratio:>10} "
              f"{fmt(big['seconds']):>12}{'' if ok else '  WRONG RESULT'}")
    os.makedirs(os.path.join(REPO, "bench", "results"), exist_ok=True)
    with open(os.path.join(REPO, "bench", "results", "cuda.json"), "w") as f:
        json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
