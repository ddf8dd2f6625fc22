"""kern MLIR for `@kern.guvectorize`: the outer loop of a generalized ufunc.

The core function (the user's, typed like an njit callee with NumPy's
error model, its arrays of any layout) is called once per element of the
outer loop. Every argument comes in as a memref of rank 1 + its core
dimensions, the outer dimension first (kern/_ufunc.c lays NumPy's
`args/dims/steps` out so); the loop slices it with `reinterpret_cast`,
or loads the element of a scalar argument::

    func.func @dot__gufunc(%x0: memref<?x?xf64, strided<[?, ?], offset: ?>>,
                           %x1: memref<?x?xf64, strided<[?, ?], offset: ?>>,
                           %x2: memref<?x?xf64, strided<[?, ?], offset: ?>>)
        attributes {kern.entry} {
      %m0:6 = memref.extract_strided_metadata %x0 : ...
      scf.for %i = %c0 to %m0#2 step %c1 {
        %s0 = memref.reinterpret_cast %m0#0 to offset: [%o0], sizes: [%m0#3],
              strides: [%m0#5] : memref<f64> to memref<?xf64, strided<...>>
        ...
        func.call @dot__float64_1d_A_...(%s0, %s1, %s2) : (...) -> ()
      }
      return
    }

With `target='parallel'` the loop is an `scf.parallel` (OpenMP threads).
"""

from __future__ import annotations

import re
from typing import Any, List, Sequence, Tuple as PT

from ..errors import TypingError
from ..types import Array, Scalar, strided_memref
from .emit import Kernel, kernel_compiler

__all__ = ["parse_layout", "gufunc_kernel"]

_ARG = re.compile(r"\(\s*([A-Za-z_0-9,\s]*)\)")


def parse_layout(layout: str) -> PT[List[PT[str, ...]], List[PT[str, ...]]]:
    """'(m,n),(n,p)->(m,p)' -> ([('m','n'), ('n','p')], [('m','p')]).

    >>> parse_layout('(n),()->(n)')
    ([('n',), ()], [('n',)])
    """
    text = layout.replace(" ", "")
    if text.count("->") != 1:
        raise ValueError(f"kern.guvectorize: the layout {layout!r} needs one "
                         f"'->' between inputs and outputs")
    ins, outs = text.split("->")

    def side(part: str) -> List[PT[str, ...]]:
        groups = _ARG.findall(part)
        if _ARG.sub("", part).replace(",", "") or not groups:
            raise ValueError(f"kern.guvectorize: cannot read the layout "
                             f"{layout!r}")
        return [tuple(d for d in g.split(",") if d) for g in groups]

    return side(ins), side(outs)


def _core_function(ctx: Any, py_func: Any, types: Sequence[Any]) -> str:
    symbol = ctx.symbol_for(py_func, tuple(types))
    fc = kernel_compiler()(py_func, tuple(types), ctx, symbol, False, None)
    ctx.texts.append(fc.compile())
    if fc.return_type is not None:
        code = py_func.__code__
        raise TypingError(f"a guvectorized function writes its results into "
                          f"its last arguments and returns nothing, but "
                          f"'{py_func.__name__}' returns {fc.return_type}",
                          code.co_filename, code.co_firstlineno)
    return symbol


def gufunc_kernel(py_func: Any, name: str, types: Sequence[Any],
                  cores: Sequence[PT[str, ...]], *, parallel: bool,
                  fastmath: bool) -> Kernel:
    """The outer loop over arguments of kern `types` (Scalars or Arrays)
    with the core dimensions `cores` of the layout."""
    from ..lowering import ModuleContext
    ctx = ModuleContext(parallel=False, fastmath=fastmath)
    inner = [t.copy(layout="A") if isinstance(t, Array) else t
             for t in types]
    symbol = _core_function(ctx, py_func, inner)
    lines: List[str] = []
    params, operands = [], []
    for k, (t, core) in enumerate(zip(inner, cores)):
        dtype = t.dtype if isinstance(t, Array) else t
        rank = 1 + len(core)
        mt = strided_memref(dtype, rank)
        params.append(f"%x{k}: {mt}")
        meta = ", ".join(["index"] * (1 + 2 * rank))
        lines.append(f"  %m{k}:{2 + 2 * rank} = memref.extract_strided_"
                     f"metadata %x{k} : {mt} -> memref<{dtype.mlir}>, {meta}")
    lines += ["  %c0 = arith.constant 0 : index",
              "  %c1 = arith.constant 1 : index"]
    if parallel:
        lines.append("  scf.parallel (%i) = (%c0) to (%m0#2) step (%c1) {")
    else:
        lines.append("  scf.for %i = %c0 to %m0#2 step %c1 {")
    for k, (t, core) in enumerate(zip(inner, cores)):
        rank = 1 + len(core)
        if isinstance(t, Scalar):
            lines.append(f"    %s{k} = memref.load %x{k}[%i] : "
                         f"{strided_memref(t, 1)}")
            operands.append((f"%s{k}", t.mlir))
            continue
        lines += [f"    %d{k} = arith.muli %i, %m{k}#{2 + rank} : index",
                  f"    %o{k} = arith.addi %m{k}#1, %d{k} : index"]
        if core:
            sizes = ", ".join(f"%m{k}#{3 + j}" for j in range(len(core)))
            strides = ", ".join(f"%m{k}#{3 + rank + j}"
                                for j in range(len(core)))
        else:  # '()' given as an array: a one-element view
            sizes = ", ".join(["%c1"] * t.ndim)
            strides = sizes
        lines.append(f"    %s{k} = memref.reinterpret_cast %m{k}#0 to "
                     f"offset: [%o{k}], sizes: [{sizes}], strides: "
                     f"[{strides}] : memref<{t.dtype.mlir}> to {t.mlir}")
        operands.append((f"%s{k}", t.mlir))
    lines += [f"    func.call @{symbol}({', '.join(n for n, _ in operands)})"
              f" : ({', '.join(m for _, m in operands)}) -> ()",
              "  }", "  return", "}"]
    entry = re.sub(r"[^A-Za-z0-9_]", "_", name) + "__gufunc"
    attrs = "kern.entry, kern.parallel" if parallel else "kern.entry"
    head = f"func.func @{entry}({', '.join(params)}) attributes {{{attrs}}} {{"
    ctx.texts.append("\n".join([head] + lines))
    return Kernel(ctx.text(), entry, None)
