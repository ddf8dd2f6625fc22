"""kern against plain Python, NumPy and Numba on the seed programs.

    KERN_BUILD_DIR=build python3 bench/bench.py            # the full run
    KERN_BUILD_DIR=build python3 bench/bench.py --quick    # smaller sizes

For each program of bench/programs.py and each size it times, in this one
process and on the same data, plain Python (small sizes only), NumPy, kern
and Numba after a warm-up call (steady state: the median of repeated calls),
checks that they agree, and prints a table with the ratios kern/Numba and
kern/NumPy (times: below 1 means kern is faster). The first call (compile +
run) is timed in a fresh subprocess per backend and program, and the cost of
calling a trivial compiled function is measured on its own. Then each
parallel=True program runs at every thread count against Numba and, for the
sum, the memory-bandwidth limit of a C loop (bench/parallel.py). The numbers go
to bench/results/bench.json and a chart of the speed-up over NumPy against
the problem size to bench/results/speedup.png.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
import timeit
from typing import Any, Callable, Dict, List, Optional

# BLAS threads spin and stall when the cores are shared (np.dot on 10^5
# elements took 30 ms instead of 20 us here): NumPy gets one BLAS thread.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from common import HERE, backends, fmt, kern, ratio, steady_state  # noqa: E402
import parallel as parallel_bench  # noqa: E402

# ---------------------------------------------------------------------------
# Programs, data and backends
# ---------------------------------------------------------------------------


def mandel_args(n: int) -> tuple:
    side = max(1, int(round(n ** 0.5)))
    return (side, side, 100)


# name -> (arguments for a problem size, sizes, largest size for plain Python,
#          parallel=True)
def spec(quick: bool) -> Dict[str, tuple]:
    arrays = [10**3, 10**4, 10**5, 10**6] + ([] if quick else [10**7])
    rng = np.random.default_rng(2024)

    def data(n: int) -> tuple:
        return (rng.random(n),)

    def linspace(n: int) -> tuple:
        return (np.linspace(0.0, 10.0, n),)

    return {
        "sum_squares": (data, arrays, 10**5, False),
        "norm": (data, arrays, 10**5, False),
        "monte_carlo_pi": (lambda n: (n,), arrays, 10**5, False),
        "mandelbrot": (mandel_args, [10**3, 10**4, 10**5] + ([] if quick else [10**6]),
                       10**4, False),
        "fused_loop": (linspace, arrays, 10**5, False),
        "fused_array": (linspace, arrays, 10**5, False),
        "parallel_sum": (data, arrays, 10**5, True),
    }


# ---------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------


def agree(name: str, result: Any, reference: Any, n: int) -> bool:
    if name == "monte_carlo_pi":  # different random streams
        return bool(abs(result - reference) < 10.0 / n ** 0.5 + 1e-9)
    return bool(np.allclose(result, reference, rtol=1e-9, atol=1e-12))


def call_overhead(make: Callable[[str, bool], Callable]) -> Dict[str, float]:
    """Seconds per call of trivial compiled functions (best of 5 runs)."""
    out = {}
    for name, args in (("trivial", (1,)), ("first", (np.zeros(4),))):
        f = make(name, False)
        f(*args)
        runs = timeit.repeat(lambda: f(*args), number=100_000, repeat=5)
        out[name] = min(runs) / 100_000
    empty = timeit.repeat(lambda: None, number=100_000, repeat=5)
    out["python_lambda"] = min(empty) / 100_000  # the timing loop itself
    return out


_warmed: set = set()


def first_call_child(backend: str, name: str, size: int, quick: bool) -> None:
    """In a fresh process: seconds of decorating and calling once."""
    make = backends([backend])[backend]
    args_for, _, _, parallel = spec(quick)[name]
    args = args_for(size)
    start = time.perf_counter()
    make(name, parallel)(*args)
    print(json.dumps({"seconds": time.perf_counter() - start}))


def first_call(backend: str, name: str, size: int, quick: bool) -> Optional[float]:
    """Seconds of a fresh process's first call. Python may write bytecode
    (an installed package has its .pyc files; with PYTHONDONTWRITEBYTECODE a
    build tree would recompile kern's modules in every process), and one
    untimed run first writes them."""
    command = [sys.executable, __file__, "--first-call", backend, name, str(size)]
    if quick:
        command.append("--quick")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if (backend, name) not in _warmed:
        _warmed.add((backend, name))
        subprocess.run(command, capture_output=True, text=True, env=env)
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        print(f"  first call of {name} with {backend} failed: {last[:200]}",
              file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def run(quick: bool, budget: float, programs: Optional[List[str]]) -> Dict[str, Any]:
    made = backends()
    table = spec(quick)
    report: Dict[str, Any] = {
        "machine": {"platform": platform.platform(), "processor": platform.processor(),
                    "cpus": os.cpu_count(), "python": platform.python_version(),
                    "numpy": np.__version__, "kern_threads": kern.get_num_threads()},
        "steady": [], "first_call": {}, "overhead": {},
    }
    if "numba" in made:
        import numba
        report["machine"]["numba"] = numba.__version__
    print("Steady state: median seconds per call after a warm-up")
    print(HEADER)
    print("-" * len(HEADER))
    for name, (args_for, sizes, python_max, parallel) in table.items():
        if programs and name not in programs:
            continue
        compiled = {b: made[b](name, parallel) for b in ("kern", "numba") if b in made}
        for n in sizes:
            args = args_for(n)
            reference = made["numpy"](name, parallel)(*args)
            row: Dict[str, Any] = {"program": name, "size": n}
            for backend in ("python", "numpy", "kern", "numba"):
                if backend == "python" and n > python_max or backend not in made:
                    continue
                f = compiled.get(backend) or made[backend](name, parallel)
                try:
                    row[backend] = steady_state(f, args, budget)
                    row[backend + "_agrees"] = agree(name, f(*args), reference, n)
                except Exception as error:  # report, keep benchmarking
                    first_line = str(error).strip().splitlines()[0] if str(error).strip() else ""
                    row[backend + "_error"] = f"{type(error).__name__}: {first_line}"[:300]
            report["steady"].append(row)
            print_row(row)
        medium = sizes[min(2, len(sizes) - 1)]
        report["first_call"][name] = {
            "size": medium,
            **{b: first_call(b, name, medium, quick) for b in ("kern", "numba") if b in made}}
    for backend in ("kern", "numba"):
        if backend in made:
            report["overhead"][backend] = call_overhead(made[backend])
    if not programs:
        parallel_bench.print_header()
        report["parallel"] = parallel_bench.run(quick, budget, made=made)
    return report


HEADER = (f"{'program':<15}{'size':>9}  {'python':>9}{'numpy':>10}{'kern':>10}"
          f"{'numba':>10}  {'kern/numba':>10}{'kern/numpy':>11}  notes")


def print_row(row: Dict[str, Any]) -> None:
    notes = [f"{b}: {row[b + '_error']}" for b in ("python", "numpy", "kern", "numba")
             if b + "_error" in row]
    notes += [f"{b} disagrees" for b in ("python", "kern", "numba")
              if row.get(b + "_agrees") is False]
    print(f"{row['program']:<15}{row['size']:>9}  {fmt(row.get('python')):>9}"
          f"{fmt(row.get('numpy')):>10}{fmt(row.get('kern')):>10}"
          f"{fmt(row.get('numba')):>10}  {ratio(row.get('kern'), row.get('numba')):>10}"
          f"{ratio(row.get('kern'), row.get('numpy')):>11}  {'; '.join(notes)[:120]}",
          flush=True)


def print_summary(report: Dict[str, Any]) -> None:
    print("\nFirst call (decorate + compile + run, fresh process)")
    print(f"{'program':<15}{'size':>9}  {'kern':>10}{'numba':>10}  {'kern/numba':>10}")
    for name, r in report["first_call"].items():
        print(f"{name:<15}{r['size']:>9}  {fmt(r.get('kern')):>10}"
              f"{fmt(r.get('numba')):>10}  {ratio(r.get('kern'), r.get('numba')):>10}")
    print("\nCall overhead of a trivial compiled function (per call, best of 5 x 100k)")
    for backend, r in report["overhead"].items():
        print(f"  {backend:<6} f(1) -> 2: {fmt(r['trivial']):>9}   f(array) -> a[0]: "
              f"{fmt(r['first']):>9}   (empty Python lambda: {fmt(r['python_lambda'])})")


def chart(report: Dict[str, Any], path: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(dict.fromkeys(row["program"] for row in report["steady"]))
    cols = 4
    rows_ = (len(names) + cols - 1) // cols
    fig, axes = plt.subplots(rows_, cols, figsize=(4.2 * cols, 3.4 * rows_), squeeze=False)
    for ax, name in zip(axes.flat, names):
        rows = [r for r in report["steady"] if r["program"] == name]
        for backend, style in (("kern", "o-"), ("numba", "s--"), ("python", "^:")):
            points = [(r["size"], r["numpy"] / r[backend]) for r in rows
                      if r.get(backend) and r.get("numpy")]
            if points:
                ax.plot(*zip(*points), style, label=backend)
        ax.axhline(1.0, color="gray", lw=0.8)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(name)
        ax.set_xlabel("problem size (elements / pixels / samples)")
        ax.set_ylabel("speed-up over NumPy")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    for ax in list(axes.flat)[len(names):]:
        ax.axis("off")
    fig.suptitle(f"kern and Numba against NumPy (steady state, "
                 f"{report['machine']['cpus']} CPUs)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--budget", type=float, default=0.3,
                        help="seconds of repeated calls per measurement")
    parser.add_argument("--programs", nargs="*", help="only these programs")
    parser.add_argument("--out", default=os.path.join(HERE, "results"))
    parser.add_argument("--first-call", nargs=3, metavar=("BACKEND", "PROGRAM", "SIZE"),
                        help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.first_call:
        backend, name, size = options.first_call
        first_call_child(backend, name, int(size), options.quick)
        return
    report = run(options.quick, options.budget, options.programs)
    print_summary(report)
    os.makedirs(options.out, exist_ok=True)
    with open(os.path.join(options.out, "bench.json"), "w") as f:
        json.dump(report, f, indent=1, default=lambda o: o.item())  # NumPy scalars
    chart(report, os.path.join(options.out, "speedup.png"))
    print(f"\nwrote {os.path.join(options.out, 'bench.json')} and speedup.png")


if __name__ == "__main__":
    main()
