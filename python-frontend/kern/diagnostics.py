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

__all__ = ["ParallelWarning", "parallel_report", "remarks", "warn_parallel"]


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


def parallel_report(name: str, arg_types: Any, module: Any,
                    py_func: Any) -> str:
    """What `parallel=True` did to one compiled specialization (Numba's
    `parallel_diagnostics`): each prange loop of `py_func`, run in
    parallel or sequentially and why (the compiler's remarks).

        >>> import kern, numpy as np
        >>> @kern.njit(parallel=True)
        ... def total(a):
        ...     s = 0.0
        ...     for i in kern.prange(a.shape[0]):
        ...         s += a[i]
        ...     return s
        >>> total(np.ones(4))
        4.0
        >>> total.parallel_diagnostics()    # doctest: +ELLIPSIS
        ====...
         Parallel Accelerator Optimizing:  Function total(float64[::1]), ...
        ====...
        prange loop at line 4: runs in parallel
        ...
    """
    code = py_func.__code__
    file, first = code.co_filename, code.co_firstlineno
    loops = _prange_spans(py_func)
    why: dict = {}
    for rfile, line, message in remarks(module.stage("diagnostics")):
        if not any(s in message for s in _SEQUENTIAL):
            continue
        inside = [span for span in loops if span[0] <= line <= span[1]]
        if not os.path.isfile(rfile) and len(loops) == 1:
            inside = loops  # located in the MLIR text: the only loop
        if inside:  # the innermost loop around the remark's line
            why.setdefault(max(inside), message.replace("prange loop ", "", 1))
    rule = "=" * 80
    out = [rule, f" Parallel Accelerator Optimizing:  Function {name}("
                 f"{', '.join(map(str, arg_types))}), {file} ({first})", rule]
    for span in loops:
        out.append(f"prange loop at line {span[0]}: " +
                   why.get(span, "runs in parallel"))
    if not loops:
        out.append("No prange loops: array expressions and reductions run "
                   "on the thread pool when large enough")
    out.append(rule)
    return "\n".join(out)


def _prange_spans(py_func: Any) -> list:
    """(first, last) file lines of each of `py_func`'s prange loops."""
    code = py_func.__code__
    try:
        import ast
        import inspect
        import textwrap
        tree = ast.parse(textwrap.dedent(inspect.getsource(py_func)))
    except (OSError, TypeError, SyntaxError):
        return []
    at = code.co_firstlineno - 1
    return sorted((at + n.lineno, at + n.end_lineno) for n in ast.walk(tree)
                  if isinstance(n, ast.For) and isinstance(n.iter, ast.Call)
                  and "prange" in ast.dump(n.iter.func))


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
