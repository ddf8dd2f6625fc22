"""Forms of shape functions the frontend does not take itself:
`a.clip(min, max)` (np.clip as a method), np.broadcast_to of a number
(a new array of that shape; NumPy's is a read-only view), and
np.atleast_1d / atleast_2d / atleast_3d of a number or of several
arguments (a tuple).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     x, y = np.atleast_2d(a, 1.5)
    ...     return a.clip(0.0, 1.0), x.shape, y.shape
    >>> f(np.array([-0.5, 0.25, 3.0]))
    (array([0.  , 0.25, 1.  ]), (1, 3), (1, 1))
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, overload_method
from .common import is_array, is_none, is_number


@overload_method(types.Array, "clip")
def array_clip(a, min=None, max=None):
    """np.clip(a, min, max) (NumPy 2's parameter names); None for a side
    leaves it open."""
    if is_none(min) and is_none(max):
        return None
    if is_none(min):
        return lambda a, min=None, max=None: np.minimum(a, max)
    if is_none(max):
        return lambda a, min=None, max=None: np.maximum(a, min)
    return lambda a, min=None, max=None: np.clip(a, min, max)


@overload(np.broadcast_to)
def np_broadcast_to(array, shape):
    if is_number(array):
        return lambda array, shape: np.full(shape, array)


def _several(one, ndim):
    """np.atleast_Nd of a number (an array of shape (1,) * N) or of two
    or more arguments (the tuple of each's)."""
    def typer(*arys):
        if len(arys) == 1 and is_number(arys[0]):
            shape = (1,) * ndim
            return lambda *arys: np.full(shape, arys[0])
        if len(arys) < 2 or not all(is_array(t) or is_number(t)
                                    for t in arys):
            return None
        if len(arys) == 2:
            return lambda *arys: (one(arys[0]), one(arys[1]))
        return lambda *arys: (one(arys[0]),) + one(*arys[1:])
    return typer


overload(np.atleast_1d)(_several(np.atleast_1d, 1))
overload(np.atleast_2d)(_several(np.atleast_2d, 2))
overload(np.atleast_3d)(_several(np.atleast_3d, 3))
