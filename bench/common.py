"""What the benchmarks share: the programs of programs.py for each backend,
the steady-state timer and the number formats."""

from __future__ import annotations

import importlib.util
import os
import statistics
import sys
import time
from typing import Any, Callable, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "programs.py")

try:
    import kern
except ImportError:
    sys.path.insert(0, os.path.join(REPO, "python-frontend"))
    import kern


def load_programs(tag: str, prange: Any) -> Any:
    """A fresh module object of programs.py with its own `prange`."""
    spec_ = importlib.util.spec_from_file_location(f"programs_{tag}", PROGRAMS)
    module = importlib.util.module_from_spec(spec_)
    spec_.loader.exec_module(module)
    module.prange = prange
    return module


def backends(only: Optional[List[str]] = None) -> Dict[str, Callable[[str, bool], Callable]]:
    """backend name -> make(program, parallel) giving a callable."""
    made: Dict[str, Callable[[str, bool], Callable]] = {}
    python = load_programs("python", range)
    made["python"] = lambda name, parallel: getattr(python, name)
    made["numpy"] = lambda name, parallel: python.NUMPY[name]
    if only is None or "kern" in only:
        kern_programs = load_programs("kern", kern.prange)
        made["kern"] = lambda name, parallel: kern.njit(parallel=parallel)(
            getattr(kern_programs, name))
    if only is None or "numba" in only:
        try:
            import numba
        except ImportError:
            print("numba is not installed: its columns stay empty", file=sys.stderr)
        else:
            numba_programs = load_programs("numba", numba.prange)
            made["numba"] = lambda name, parallel: numba.njit(parallel=parallel)(
                getattr(numba_programs, name))
    return made


def steady_state(f: Callable, args: tuple, budget: float) -> float:
    """Median seconds of a call after a warm-up, over at least 3 calls and
    about `budget` seconds."""
    f(*args)
    times: List[float] = []
    spent = 0.0
    while len(times) < 3 or (spent < budget and len(times) < 1000):
        start = time.perf_counter()
        f(*args)
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        spent += elapsed
    return statistics.median(times)


def fmt(seconds: Optional[float]) -> str:
    if seconds is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def ratio(a: Optional[float], b: Optional[float]) -> str:
    return f"{a / b:.2f}" if a and b else "-"
