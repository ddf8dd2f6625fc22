"""Which `np.ufunc`s kern made, and from what.

`@kern.vectorize` returns a plain `np.ufunc` (built in C, kern/_ufunc.c),
which has no attributes of kern's own; this registry maps
it back to its `kern.Vectorized` record (the scalar kernel, the loops'
kern types, the compiled modules), for `kern.vectorize_info` and for
calls inside `@kern.njit` code (kern/ufunc/njit.py)::

    >>> import kern, numpy as np
    >>> @kern.vectorize(['float64(float64)'])
    ... def twice(x):
    ...     return 2 * x
    >>> vectorized_of(twice).py_func.__name__
    'twice'
    >>> vectorized_of(np.add) is None
    True
"""

from __future__ import annotations

from typing import Any, Dict, Optional

__all__ = ["register", "vectorized_of"]

_MADE: Dict[Any, Any] = {}


def register(ufunc: Any, record: Any) -> None:
    """Remembers that kern made `ufunc` from `record` (a Vectorized)."""
    _MADE[ufunc] = record


def vectorized_of(obj: Any) -> Optional[Any]:
    """The Vectorized (or gufunc) record behind `obj`, an np.ufunc kern
    made; None for anything else."""
    try:
        return _MADE.get(obj)
    except TypeError:  # unhashable
        return None
