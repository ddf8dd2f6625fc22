"""kern MLIR for `@kern.vectorize`: the loops of a ufunc as kern modules.

A vectorized function is a scalar kernel. For each signature it is typed
once as a private scalar function (`kern.lowering.ModuleContext`, the same
machinery as `@kern.njit` callees), and its loop is a small entry
function around it whose body is one kern array op: a `kern.ufunc` over
the inputs writing `outs` (the kern-broadcast pass checks the sizes)::

    func.func @clip_add__ufunc(%x0: memref<?xf64, strided<[?], offset: ?>>,
                               %x1: f64,
                               %out: memref<?xf64, strided<[?], offset: ?>>)
        attributes {kern.entry, kern.parallel} {
      kern.ufunc(%x0, %x1 : memref<?xf64, strided<[?], offset: ?>>, f64)
          outs(%out : memref<?xf64, strided<[?], offset: ?>>) {
      ^bb0(%e0: f64, %e1: f64):
        %v = func.call @clip_add__float64_float64(%e0, %e1) : (f64, f64) -> f64
        kern.yield %v : f64
      }
      return
    }

The ufunc's inner loop (kern/_ufunc.c) calls the entry with rank-1
memrefs: NumPy's 1-D strided loop. NumPy itself does broadcasting,
casting, reductions and the other ufunc methods with it. The region
calls the scalar function (LLVM inlines it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple as PT

from ..errors import TypingError
from ..types import Scalar, fresh_memref, strided_memref

__all__ = ["Kernel", "Memref", "kernel_compiler", "scalar_call",
           "scalar_function", "ufunc_kernel"]


@dataclass(frozen=True)
class Memref:
    """An array of any rank as a loop sees it (kern.types.Array stops at
    three dimensions, which is what njit code supports; ufunc loops take
    any rank)."""

    dtype: Scalar
    ndim: int

    @property
    def mlir(self) -> str:
        """The fully strided memref of an argument."""
        return strided_memref(self.dtype, self.ndim)

    @property
    def mlir_fresh(self) -> str:
        """The identity-layout memref of a fresh result."""
        return fresh_memref(self.dtype, self.ndim)


def type_codes(t: Any) -> PT[int, ...]:
    """The type codes of _kernrt for a Scalar or a Memref."""
    from .. import _kernrt
    from ..dispatcher import type_codes as scalar_codes
    if isinstance(t, Memref):
        return (scalar_codes(t.dtype)[0] |
                ((t.ndim + 1) << _kernrt.NDIM_SHIFT),)
    return scalar_codes(t)


@dataclass
class Kernel:
    """A kern module with one entry: its text, entry symbol, result type."""

    mlir: str
    entry: str
    result: Any  # a Scalar, a Memref or None
    element: Any = None  # the scalar kernel's result type (ufunc loops)


def _context(fastmath: bool) -> Any:
    from ..lowering import ModuleContext
    # The scalar kernel is never parallel itself: the entry's loops are.
    return ModuleContext(parallel=False, fastmath=fastmath)


def kernel_compiler() -> Any:
    """FunctionCompiler with NumPy's error model: like a `kern.ufunc` body,
    a scalar kernel never raises (1.0 / 0.0 is inf, as in NumPy's ufuncs
    and Numba's vectorize), whereas njit code raises ZeroDivisionError."""
    global _KernelCompiler
    if _KernelCompiler is None:
        from ..frontend.function import FunctionCompiler

        class KernelCompiler(FunctionCompiler):
            @property
            def s(self) -> Any:
                return self._scalars

            @s.setter
            def s(self, scalars: Any) -> None:
                scalars.raising = False
                self._scalars = scalars

        _KernelCompiler = KernelCompiler
    return _KernelCompiler


_KernelCompiler: Any = None


def scalar_function(ctx: Any, py_func: Any, ins: PT[Scalar, ...],
                     out: Optional[Scalar]) -> PT[str, Scalar]:
    """Types `py_func` for scalar `ins` in `ctx`: (symbol, result type)."""
    from ..errors import KernError
    from ..errors import UnsupportedError
    key = (py_func, tuple(ins))
    if key not in ctx.functions:
        try:
            symbol = ctx.symbol_for(py_func, ins)
            fc = kernel_compiler()(py_func, tuple(ins), ctx, symbol, False,
                                    out)
            ctx.texts.append(fc.compile())
            ctx.functions[key] = (symbol, fc.return_type)
        except KernError:
            raise
        except RecursionError:
            raise UnsupportedError(f"'{py_func.__name__}' is nested too "
                                   f"deeply")
        except Exception as e:  # a bug in kern: still a located, clear error
            code = py_func.__code__
            raise TypingError(f"internal error of kern while compiling "
                              f"'{py_func.__name__}': {type(e).__name__}: "
                              f"{e}", code.co_filename,
                              code.co_firstlineno) from e
    symbol, result = ctx.functions[key]
    if not isinstance(result, Scalar):
        code = py_func.__code__
        what = "nothing" if result is None else str(result)
        raise TypingError(f"a vectorized function must return one scalar, "
                          f"but '{py_func.__name__}"
                          f"({', '.join(map(str, ins))})' returns {what}",
                          code.co_filename, code.co_firstlineno)
    return symbol, result


def _entry_head(name: str, params: Sequence[PT[str, str]],
                results: Sequence[str], parallel: bool) -> str:
    attrs = "kern.entry, kern.parallel" if parallel else "kern.entry"
    head = f"func.func @{name}({', '.join(f'{n}: {t}' for n, t in params)})"
    if results:
        head += " -> " + (results[0] if len(results) == 1
                          else f"({', '.join(results)})")
    return head + f" attributes {{{attrs}}} {{"


def _module(ctx: Any, entry_lines: List[str]) -> str:
    ctx.texts.append("\n".join(entry_lines))
    return ctx.text()


def _param_type(t: Any) -> str:
    return t.mlir  # arrays: fully strided memrefs; scalars by value


def _call_region(symbol: str, arg_types: Sequence[Scalar],
                 result: Scalar) -> List[str]:
    """`^bb0(...): %v = func.call @symbol(...); kern.yield %v`."""
    args = [f"%e{i}" for i in range(len(arg_types))]
    mts = ", ".join(t.mlir for t in arg_types)
    head = ", ".join(f"{a}: {t.mlir}" for a, t in zip(args, arg_types))
    return [f"^bb0({head}):",
            f"  %v = func.call @{symbol}({', '.join(args)}) : ({mts}) -> "
            f"{result.mlir}",
            f"  kern.yield %v : {result.mlir}"]


def ufunc_kernel(py_func: Any, name: str, ins: PT[Scalar, ...],
                 out: Optional[Scalar], ranks: Sequence[int], out_rank: int,
                 *, parallel: bool, fastmath: bool) -> Kernel:
    """The elementwise call on inputs of `ranks` (0: a scalar) into an
    `out` array of rank `out_rank` (at least the largest of `ranks`)."""
    ctx = _context(fastmath)
    symbol, result = scalar_function(ctx, py_func, ins, out)
    types: List[Any] = [Memref(t, r) if r else t
                         for t, r in zip(ins, ranks)]
    params = [(f"%x{i}", _param_type(t)) for i, t in enumerate(types)]
    operands = ", ".join(n for n, _ in params)
    optypes = ", ".join(t for _, t in params)
    region = ["  " + l for l in _call_region(symbol, ins, result)]
    entry = f"{_mangle(name)}__ufunc"
    out_t = Memref(result, out_rank)
    lines = [_entry_head(entry, params + [("%out", out_t.mlir)], [],
                         parallel),
             f"  kern.ufunc({operands} : {optypes}) outs(%out : "
             f"{out_t.mlir}) {{"] + ["  " + l for l in region] + [
             "  }", "  return", "}"]
    if len(ins) == 2 and ins[0] == ins[1] == result and ranks == [1, 1] \
            and out_rank == 1:
        lines += _sequential_entries(entry, symbol, result)
    return Kernel(_module(ctx, lines), entry, None, result)


def _sequential_entries(entry: str, symbol: str, t: Scalar) -> List[str]:
    """For a loop (T, T) -> T, the two calls NumPy makes with the output
    overlapping the first input, as register loops: `<entry>_reduce`
    (out[0] = f(...f(out[0], x1[0])..., x1[n-1]), NumPy's reduce: all
    three at stride 0 but x1) and `<entry>_scan` (out[i] = f(out[i-1],
    x1[i]) with x0 = out shifted back by one: accumulate)."""
    m = strided_memref(t, 1)
    lines: List[str] = []
    for kind in ("reduce", "scan"):
        store = (f"      memref.store %v, %out[%i] : {m}"
                 if kind == "scan" else None)
        lines += [
            f"func.func @{entry}_{kind}(%x0: {m}, %x1: {m}, %out: {m}) "
            f"attributes {{kern.entry}} {{",
            "  %c0 = arith.constant 0 : index",
            "  %c1 = arith.constant 1 : index",
            f"  %n = memref.dim %x1, %c0 : {m}",
            f"  %init = memref.load %x0[%c0] : {m}",
            f"  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init)"
            f" -> ({t.mlir}) {{",
            f"      %e = memref.load %x1[%i] : {m}",
            f"      %v = func.call @{symbol}(%acc, %e) : ({t.mlir}, "
            f"{t.mlir}) -> {t.mlir}"]
        if store:
            lines.append(store)
        lines += [f"      scf.yield %v : {t.mlir}", "  }"]
        if kind == "reduce":
            lines.append(f"  memref.store %r, %out[%c0] : {m}")
        lines += ["  return", "}"]
    return lines


def _mangle(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", name) or "ufunc"


# ---------------------------------------------------------------------------
# Inside @kern.njit: the scalar kernel called in a kern.ufunc region
# ---------------------------------------------------------------------------

def scalar_call(fc: Any, py_func: Any, ins: PT[Scalar, ...],
                out: Optional[Scalar], args: Sequence[Any]) -> Any:
    """Emits a call of `py_func` typed for `ins` at the current point of
    FunctionCompiler `fc` with `args` (values of types `ins`); returns the
    value it returns.

    The scalar kernel is a private function of `fc`'s module (typed like
    an njit callee, with NumPy's error model: kernel_compiler), called
    with func.call. MLIR's `inline` pass, the first of the pipeline
    (lib/Compiler/Pipeline.c), inlines it, so that a `kern.ufunc` region
    holds the whole computation and fuses with its neighbours::

        %u = kern.ufunc(%a, %b : ...) {
        ^bb0(%e0: f64, %e1: f64):
          %v = func.call @clip_add__float64_float64(%e0, %e1)
                 : (f64, f64) -> f64
          kern.yield %v : f64
        }
    """
    symbol, result = scalar_function(fc.module, py_func, ins, out)
    names = ", ".join(a.name for a in args)
    mts = ", ".join(t.mlir for t in ins)
    return fc.b.op(f"func.call @{symbol}({names}) : ({mts}) -> "
                   f"{result.mlir}", result)
