"""Warnings from the compiler's remarks: `kern.ParallelWarning`.

libkern keeps the remarks of a successful compile as the "diagnostics"
stage, one ``file:line:col: remark: message`` per line
(kernModuleGetStage). A prange loop that convert-kern-prange-to-scf could not prove
safe to run in parallel is compiled as a sequential loop, with a remark
saying why; with ``parallel=True`` that remark becomes a ParallelWarning
located at the loop (so ``warnings.filterwarnings`` by file and line, and
``-W error::kern.ParallelWarning``, work as for any Python warning)::

    mymod.py:7: ParallelWarning: f(float64[:]): prange loop runs
    sequentially: the loop writes 'a' at an index other than the loop index
"""

from __future__ import annotations

import os
import re
import warnings
from typing import Any, Iterator, Optional, Tuple

__all__ = ["ParallelWarning", "remarks", "warn_parallel"]


class ParallelWarning(UserWarning):
    """A loop of a `parallel=True` function runs sequentially (like Numba's
    NumbaPerformanceWarning / NumbaParallelSafetyWarning)."""


_LOCATED = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): "
                      r"(?P<severity>remark|warning): (?P<message>.*)$")

# Remarks that mean "parallel was asked for but this runs sequentially".
_SEQUENTIAL = ("runs sequentially", "stays sequential", "not parallel")


def remarks(text: Optional[str]) -> Iterator[Tuple[str, int, str]]:
    """(file, line, message) of each located remark or warning of `text`."""
    for line in (text or "").splitlines():
        m = _LOCATED.match(line.strip())
        if m:
            yield m["file"], int(m["line"]), m["message"]


def warn_parallel(name: str, arg_types: Any, module: Any,
                  py_func: Any = None) -> int:
    """Issues a ParallelWarning for each sequential-loop remark of the
    compile of `module`; returns how many."""
    count = 0
    signature = f"{name}({', '.join(map(str, arg_types))})"
    for file, line, message in remarks(module.stage("diagnostics")):
        if not any(s in message for s in _SEQUENTIAL) or \
                "nested in another prange" in message:
            continue  # an inner prange is sequential by design, as in Numba
        if py_func is not None and not os.path.isfile(file):
            # The remark points into the MLIR text, not the Python source.
            file, line = _prange_location(py_func)
        warnings.warn_explicit(f"{signature}: {message}", ParallelWarning,
                               file, line, module="kern")
        count += 1
    return count


def _prange_location(py_func: Any) -> Tuple[str, int]:
    """The file and line of `py_func`'s prange loop when it has one, else
    of its `def`."""
    code = py_func.__code__
    where = (code.co_filename, code.co_firstlineno)
    try:
        import ast
        import inspect
        import textwrap
        tree = ast.parse(textwrap.dedent(inspect.getsource(py_func)))
    except (OSError, TypeError, SyntaxError):
        return where
    loops = [n for n in ast.walk(tree) if isinstance(n, ast.For)
             and isinstance(n.iter, ast.Call) and "prange" in ast.dump(n.iter.func)]
    if len(loops) == 1:
        return code.co_filename, code.co_firstlineno + loops[0].lineno - 1
    return where
