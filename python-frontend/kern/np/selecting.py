"""np.select(condlist, choicelist, default=0): the element of the first
choice whose condition holds, else `default`; condlist and choicelist are
lists of arrays (made in compiled code, as Numba takes them), broadcast
together as np.where broadcasts; `default` a number or an array.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(x):
    ...     return np.select([x < 2, x > 3], [x, x ** 2], -1)
    >>> f(np.arange(6))
    array([ 0,  1, -1, -1, 16, 25])
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload
from ..listtype import List


def _array_list(t: object) -> bool:
    return isinstance(t, List) and isinstance(t.dtype, types.Array)


@overload(np.select)
def np_select(condlist, choicelist, default=0):
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
