"""`functools.reduce` in compiled code, written in Python and compiled by
kern: the function may be a lambda, an inner or njit function, or an
`operator` function; the iterable a tuple, array, list or range.

    >>> import kern, functools, operator
    >>> @kern.njit
    ... def f(t, a):
    ...     return (functools.reduce(operator.mul, t, 1),
    ...             functools.reduce(lambda x, y: x + y * y, a, 0.0))
    >>> import numpy as np
    >>> f((2, 3, 4), np.arange(3.0))
    (24, 5.0)
"""

from __future__ import annotations

import functools

from .. import types
from ..extending import overload

@overload(functools.reduce)
def functools_reduce(function, iterable, initial=None):
    if initial is None or isinstance(initial, types.NoneType):
        def first(function, iterable, initial=None):
            if len(iterable) == 0:
                raise TypeError("reduce() of empty iterable with no "
                                "initial value")
            r = iterable[0]
            for k in range(1, len(iterable)):
                r = function(r, iterable[k])
            return r
        return first

    def impl(function, iterable, initial=None):
        r = initial
        for v in iterable:
            r = function(r, v)
        return r
    return impl
