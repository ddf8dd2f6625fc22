"""Helpers shared by kern's NumPy implementations (compiled by kern)."""

from __future__ import annotations

import linecache
from typing import Any, Callable, Dict

from ..extending import register_jitable
from .. import types

__all__ = ["is_real_array", "is_array", "is_number", "is_integer_array",
           "is_none", "flat_copy", "is_nan", "from_source", "is_0d",
           "is_ordered_array"]


def is_none(t: Any) -> bool:
    """An omitted optional argument (the typing function's default None)
    or an explicit None."""
    return t is None or isinstance(t, types.NoneType)


def is_array(t: Any) -> bool:
    return isinstance(t, types.Array)


def is_0d(t: Any) -> bool:
    """A 0-d array (one element, shape ()): an elementwise operation of
    0-d arrays gives a scalar, as in NumPy and Numba.

    >>> is_0d(types.Array(types.float64, 0)), is_0d(types.float64[:])
    (True, False)
    """
    return isinstance(t, types.Array) and t.ndim == 0


def is_real_array(t: Any) -> bool:
    """An array of integers, floats or bools (ordered numbers; not
    datetimes, which have no float value).

    >>> import numpy as np
    >>> is_real_array(types.typeof(np.zeros(2))), is_real_array(
    ...     types.typeof(np.zeros(2, "M8[D]")))
    (True, False)
    """
    return isinstance(t, types.Array) and not isinstance(
        t.dtype, (types.Complex, types.NPDatetime, types.NPTimedelta))


def is_ordered_array(t: Any) -> bool:
    """An array of ordered values: real numbers, or datetimes or
    timedeltas (which sort and compare, NaT last, as NumPy's NaN)."""
    return is_real_array(t) or isinstance(t, types.Array) and isinstance(
        t.dtype, (types.NPDatetime, types.NPTimedelta))


def is_integer_array(t: Any) -> bool:
    return isinstance(t, types.Array) and isinstance(t.dtype, types.Integer)


def is_number(t: Any) -> bool:
    return isinstance(t, (types.Number, types.Boolean))


@register_jitable
def flat_copy(a):
    """A C-ordered 1-D copy of `a` (any ndim, any layout)."""
    return a.copy().reshape(a.size)


@register_jitable
def is_nan(x):
    return x != x


def from_source(src: str, name: str, scope: Dict[str, Any]) -> Callable:
    """The function `impl` defined by `src`, an implementation whose code
    depends on the types (one subscript per ndim, say), with `scope` as
    its globals. The source is registered with linecache under `name`, so
    kern reads it as it reads a file's.

    >>> f = from_source("impl = lambda m: m[::-1]", "<kern example>", {})
    >>> f([1, 2, 3])
    [3, 2, 1]
    """
    linecache.cache[name] = (len(src), None, src.splitlines(True), name)
    exec(compile(src, name, "exec"), scope)
    return scope["impl"]
