"""NumPy arrays that compiled code reads from globals and closures, frozen
at compile time as Numba does: the data becomes a constant of the module
(so cached code holds it too), the array a read-only C-contiguous view of
it (writing to it is a TypingError, as in Numba).

    >>> import kern, numpy as np
    >>> WEIGHTS = np.array([0.25, 0.5, 0.25])
    >>> @kern.njit
    ... def smooth(a, i):
    ...     return (a[i - 1:i + 2] * WEIGHTS).sum()
    >>> smooth(np.arange(5.0), 2)
    2.0

emits

    memref.global "private" constant @__kern_array0 : memref<3xf64> =
        dense<"0x000000000000D03F000000000000E03F000000000000D03F">
    %w = memref.get_global @__kern_array0 : memref<3xf64>
    %v = memref.cast %w : memref<3xf64> to memref<?xf64, strided<[?], offset: ?>>
"""

from __future__ import annotations

import ast
from typing import Any

import numpy as np

from ..types import Array, from_dtype
from .builder import Const, V

__all__ = ["constant_array", "global_text"]


def constant_array(fc: Any, a: np.ndarray, node: ast.AST) -> Any:
    """The frozen array `a` as a value of compiled code."""
    try:
        dtype = from_dtype(a.dtype)
    except (TypeError, ValueError):
        raise fc.unsupported(f"a global array of dtype {a.dtype}", node) \
            from None
    if a.ndim == 0:
        return fc.value(Const(a[()]), node)
    data = np.ascontiguousarray(a)
    static = f"memref<{'x'.join(map(str, data.shape))}x{dtype.mlir}>"
    symbol = fc.module.array_global(global_text(data, dtype.mlir), static)
    ty = Array(dtype, a.ndim, "C", True)
    g = fc.b.op(f"memref.get_global @{symbol} : {static}", ty, static,
                hint="const")
    return fc.arr.cast_to(V(g.name, ty, static), ty.mlir)


def global_text(data: np.ndarray, element: str) -> str:
    """The initial value of a memref.global holding `data`: its bytes in
    hex (bools, which MLIR packs, as a list)."""
    if data.size == 0:
        return "dense<>"
    if element == "i1":
        flat = ", ".join("true" if v else "false" for v in data.ravel())
        return f"dense<{_nested(data.shape, flat.split(', '))}>"
    native = data.astype(data.dtype.newbyteorder("="), copy=False)
    return f'dense<"0x{native.tobytes().hex().upper()}">'


def _nested(shape: tuple, items: list) -> str:
    """`[[a, b], [c, d]]` of the flat `items` in `shape`."""
    if len(shape) == 1:
        return "[" + ", ".join(items) + "]"
    step = len(items) // shape[0]
    return "[" + ", ".join(_nested(shape[1:], items[k * step:(k + 1) * step])
                           for k in range(shape[0])) + "]"
