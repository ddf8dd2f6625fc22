"""np.select(condlist, choicelist, default=0): the element of the first
choice whose condition holds, else `default`; condlist and choicelist are
lists or tuples of arrays (made in compiled code, as Numba takes them; a
tuple's arrays may differ in dtype and layout), broadcast together as
np.where broadcasts; `default` a number or an array.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(x):
    ...     return np.select([x < 2, x > 3], [x, x ** 2], -1)
    >>> f(np.arange(6))
    array([ 0,  1, -1, -1, 16, 25])
    >>> @kern.njit
    ... def g(x, y):
    ...     return np.select((x > 1, x < 0), (x, y), 9.0)
    >>> g(np.array([2.0, -1.0, 0.5]), np.array([1.0, 2.0, 3.0]))
    array([2., 2., 9.])
"""

from __future__ import annotations

import ast
from typing import Dict

import numpy as np

from .. import types
from ..extending import overload
from ..listtype import List


def _array_list(t: object) -> bool:
    """A list or a tuple of arrays of one type (indexed at run time)."""
    if isinstance(t, types.Tuple):
        return isinstance(t, types.UniTuple) and len(t.types) > 0 and \
            isinstance(t.types[0], types.Array)
    return isinstance(t, List) and isinstance(t.dtype, types.Array)


def _array_tuple(t: object) -> bool:
    """A tuple of arrays of several types (indexed by constants)."""
    return isinstance(t, types.Tuple) and len(t.types) > 0 and \
        all(isinstance(x, types.Array) for x in t.types)


_UNROLLED: Dict[int, object] = {}


def _unrolled(n: int) -> object:
    """np.select for n cases, one np.where per case with constant indexes
    (the items of a tuple of several types), made once per n."""
    if n not in _UNROLLED:
        lines = ["def select(condlist, choicelist, default=0):",
                 f"    if len(condlist) != {n} or len(choicelist) != {n}:",
                 "        raise ValueError('list of cases must be same "
                 "length as list of conditions')",
                 f"    out{n - 1} = np.where(condlist[{n - 1}], "
                 f"choicelist[{n - 1}], default)"]
        for k in range(n - 2, -1, -1):
            lines.append(f"    out{k} = np.where(condlist[{k}], "
                         f"choicelist[{k}], out{k + 1})")
        lines.append("    return out0")
        source = "\n".join(lines) + "\n"
        from ..frontend.source import made_function  # (inspect: heavy)
        _UNROLLED[n] = made_function(
            ast.parse(source).body[0], __file__, 0, source.splitlines(),
            {"np": np}, "np.select", __name__)
    return _UNROLLED[n]


def _mismatched(condlist, choicelist, default=0):
    raise ValueError("list of cases must be same length as list of "
                     "conditions")


@overload(np.select)
def np_select(condlist, choicelist, default=0):
    if _array_tuple(condlist) or _array_tuple(choicelist):
        if not all(_array_list(t) or _array_tuple(t)
                   for t in (condlist, choicelist)):
            return None
        counts = {len(t.types) for t in (condlist, choicelist)
                  if isinstance(t, types.Tuple)}
        if len(counts) > 1:
            return _mismatched
        return _unrolled(counts.pop())
    if not (_array_list(condlist) and _array_list(choicelist)):
        return None

    def impl(condlist, choicelist, default=0):
        n = len(condlist)
        if n != len(choicelist):
            raise ValueError("list of cases must be same length as list of "
                             "conditions")
        if n == 0:
            raise ValueError("select with an empty condition list is not "
                             "possible")
        out = np.where(condlist[n - 1], choicelist[n - 1], default)
        for i in range(n - 2, -1, -1):
            out = np.where(condlist[i], choicelist[i], out)
        return out
    return impl
