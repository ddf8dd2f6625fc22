"""`a.flags` in compiled code: the memory-layout flags of an array, as
NumPy computes them from the shape and the strides at run time (so a
strided view that happens to be contiguous says so), as a named tuple
`flags(c_contiguous, f_contiguous, contiguous, fortran, writeable,
aligned)` read by attribute (Numba's `.flags.c_contiguous`, ...).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def layouts(m):
    ...     return (m.flags.c_contiguous, m.T.flags.f_contiguous,
    ...             m[:, ::2].flags.contiguous, np.asfortranarray(m).flags.fortran)
    >>> layouts(np.ones((3, 4)))
    (True, True, False, True)

As NumPy's flags: an array with a zero-length axis is both C- and
F-contiguous, and axes of length 1 do not count; `aligned` is True
(kern's buffers and NumPy's are aligned to their items).
"""

from __future__ import annotations

from collections import namedtuple

from .. import types
from ..extending import overload_attribute, register_jitable

flags = namedtuple("flags", ["c_contiguous", "f_contiguous", "contiguous",
                             "fortran", "writeable", "aligned"])


@register_jitable
def _contiguous(shape, strides, itemsize, c_order):
    """Whether the strides are those of a contiguous array in C order
    (c_order) or in Fortran order (NumPy's _UpdateContiguousFlags)."""
    n = len(shape)
    expected = itemsize
    ok = True
    for k in range(n):
        i = n - 1 - k if c_order else k
        if shape[i] == 0:
            return True
        if shape[i] != 1:
            if strides[i] != expected:
                ok = False
            expected *= shape[i]
    return ok


@overload_attribute(types.Array, "flags")
def array_flags(a):
    writeable = not a.readonly

    def impl(a):
        c = _contiguous(a.shape, a.strides, a.itemsize, True)
        f = _contiguous(a.shape, a.strides, a.itemsize, False)
        return flags(c, f, c, f, writeable, True)
    return impl


__all__ = ["flags"]
