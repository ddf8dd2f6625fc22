"""np.broadcast_arrays(*arrays): a list of read-only views of the arrays
broadcast to one shape (Numba returns a list, so the arrays share a dtype).

The shape is NumPy's: aligned on the right, each size the one size other
than 1 among the arrays (ValueError when two differ); each view is
np.broadcast_to of that shape (kern/frontend/axes.py):

>>> # x, y = np.broadcast_arrays(a, b)     (a: (3, 1), b: (4,))
>>> #   size0 = a.shape[0];  size1 = b.shape[0] if a.shape[1] == 1 ...
>>> #   out = [np.broadcast_to(a, (size0, size1)), np.broadcast_to(b, ...)]
"""

from __future__ import annotations

import ast
from typing import Any

from ..types import Array, int64
from . import lists
from .axes import broadcast_to
from .advanced import broadcast_shape
from .builder import TupleVal, V

__all__ = ["broadcast_arrays"]


def broadcast_arrays(fc: Any, args: list, kwargs: dict,
                     node: ast.AST) -> V:
    if kwargs:
        raise fc.unsupported(f"np.broadcast_arrays() with "
                             f"{', '.join(kwargs)}=", node)
    arrays = [fc.value(a, node) for a in args]
    if not arrays or not all(fc.is_array(a) for a in arrays):
        raise fc.typing_error("np.broadcast_arrays() takes one or more "
                              "arrays", node)
    if len({a.ty.dtype for a in arrays}) > 1:
        raise fc.typing_error("np.broadcast_arrays() of arrays of different "
                              "dtypes (kern returns a list, whose items "
                              "have one type, as Numba does)", node)
    shape = TupleVal(tuple(fc.s.from_index(n) for n in broadcast_shape(
        fc, arrays, "ValueError", "shape mismatch: objects cannot be "
        "broadcast to a single shape")))
    views = [broadcast_to(fc, [a, shape], {}, node) for a in arrays]
    out = lists.new(fc, Array(arrays[0].ty.dtype, len(shape.items), "A"),
                    fc.b.const(0, int64))
    for v in views:
        lists.method(fc, out, "append", [v], {}, node)
    return out
