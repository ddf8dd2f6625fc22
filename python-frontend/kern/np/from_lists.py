"""np.array / np.asarray of a list of lists (2-D) or of a list of lists of
lists (3-D) made in compiled code, such as a nested comprehension: every
inner list must have the same length (NumPy's ValueError for a ragged
list otherwise). Lists of numbers and displays are
kern/frontend/joining.py's; the frontend passes a nested list value here.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(x, k):
    ...     return np.array([[x * j for j in range(k)] for i in range(k)])
    >>> f(2.0, 3).tolist()
    [[0.0, 2.0, 4.0], [0.0, 2.0, 4.0], [0.0, 2.0, 4.0]]
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable


def _depth_and_leaf(t):
    """How many lists deep `t` is, and the item type under them."""
    depth = 0
    while isinstance(t, types.List):
        depth += 1
        t = t.dtype
    return depth, t


@register_jitable
def _ragged(level):
    raise ValueError("setting an array element with a sequence: the "
                     "nested lists have different lengths (an "
                     "inhomogeneous shape)")


def _impl(depth, leaf):
    dt = leaf.np.type

    if depth == 2:
        def impl2(object, dtype=None):
            n0 = len(object)
            n1 = len(object[0]) if n0 > 0 else 0
            out = np.empty((n0, n1), dt)
            for i in range(n0):
                row = object[i]
                if len(row) != n1:
                    _ragged(1)
                for j in range(n1):
                    out[i, j] = row[j]
            return out
        return impl2

    def impl3(object, dtype=None):
        n0 = len(object)
        n1 = len(object[0]) if n0 > 0 else 0
        n2 = len(object[0][0]) if n1 > 0 else 0
        out = np.empty((n0, n1, n2), dt)
        for i in range(n0):
            plane = object[i]
            if len(plane) != n1:
                _ragged(1)
            for j in range(n1):
                row = plane[j]
                if len(row) != n2:
                    _ragged(2)
                for k in range(n2):
                    out[i, j, k] = row[k]
        return out
    return impl3


def _typer(object, dtype=None):
    if not isinstance(object, types.List):
        return None
    depth, leaf = _depth_and_leaf(object)
    if depth not in (2, 3) or not isinstance(leaf, types.Scalar) or not (
            dtype is None or isinstance(dtype, (types.Omitted,
                                                types.NoneType))):
        return None
    return _impl(depth, leaf)


overload(np.array)(_typer)
overload(np.asarray)(_typer)
