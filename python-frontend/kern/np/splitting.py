"""Splitting arrays into lists of arrays: np.split, np.array_split,
np.hsplit, np.vsplit, np.dsplit (a number of sections or the indices to
split at: a list, tuple or 1-D array of integers; a constant axis), as
Numba does, returning a list.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.array_split(a, 3), np.split(a, [1, 3])
    >>> f(np.arange(5.0))
    ([array([0., 1.]), array([2., 3.]), array([4.])], [array([0.]), array([1., 2.]), array([3., 4.])])

The parts are copies held by the list (kern/frontend/list_items.py):
writing into one does not change the array split.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from ..listtype import List
from .common import is_array, is_none


def _axis(ary: Any, axis: Any) -> Optional[int]:
    """The constant axis (0 when left out), normalised; None when not a
    constant or out of range."""
    k = 0 if is_none(axis) or isinstance(axis, int) and not isinstance(
        axis, bool) and axis == 0 else getattr(axis, "literal_value", None)
    if not isinstance(k, int) or not -ary.ndim <= k < ary.ndim:
        return None
    return k + ary.ndim if k < 0 else k


def _is_int(t: Any) -> bool:
    return isinstance(t, (types.Integer, types.Boolean)) or isinstance(
        getattr(t, "literal_value", None), int)


def _indices_kind(t: Any) -> Optional[str]:
    """'sections' for an int, 'indices' for a list, tuple or 1-D array of
    integers, else None."""
    if _is_int(t):
        return "sections"
    if isinstance(t, types.Array) and t.ndim == 1 and isinstance(
            t.dtype, types.Integer):
        return "indices"
    if isinstance(t, types.Tuple) and all(_is_int(x) for x in t.types):
        return "indices"
    if isinstance(t, List) and isinstance(t.dtype, types.Integer):
        return "indices"
    return None


def _part_along(k: int) -> Any:
    """part(ary, start, stop): ary[start:stop] along axis `k` (a view)."""
    if k == 0:
        return register_jitable(lambda ary, start, stop: ary[start:stop])

    def part(ary, start, stop):
        return np.swapaxes(np.swapaxes(ary, 0, k)[start:stop], 0, k)
    return register_jitable(part)


_PARTS: dict = {}


def _part(k: int) -> Any:
    if k not in _PARTS:
        _PARTS[k] = _part_along(k)
    return _PARTS[k]


def _splitter(ary: Any, indices_or_sections: Any, axis: Any,
              equal: bool) -> Any:
    """The implementation of np.split (`equal`) or np.array_split."""
    k = _axis(ary, axis) if is_array(ary) else None
    kind = _indices_kind(indices_or_sections)
    if k is None or kind is None:
        return None
    part = _part(k)
    if kind == "indices":
        def by_indices(ary, indices_or_sections, axis=0):
            out = []
            prev = 0
            for cur in indices_or_sections:
                out.append(part(ary, prev, cur))
                prev = cur
            out.append(part(ary, prev, ary.shape[k]))
            return out
        return by_indices

    def by_sections(ary, indices_or_sections, axis=0):
        n = ary.shape[k]
        sections = indices_or_sections
        if sections <= 0:
            raise ValueError("number sections must be larger than 0.")
        if equal and n % sections != 0:
            raise ValueError("array split does not result in an equal "
                             "division")
        each = n // sections
        extra = n % sections
        out = []
        start = 0
        for i in range(sections):
            stop = start + each + (1 if i < extra else 0)
            out.append(part(ary, start, stop))
            start = stop
        return out
    return by_sections


@overload(np.split, prefer_literal=True)
def np_split(ary, indices_or_sections, axis=0):
    return _splitter(ary, indices_or_sections, axis, True)


@overload(np.array_split, prefer_literal=True)
def np_array_split(ary, indices_or_sections, axis=0):
    return _splitter(ary, indices_or_sections, axis, False)


def _fixed_axis(ary: Any, indices_or_sections: Any, k: int, least: int,
                name: str) -> Any:
    """hsplit, vsplit, dsplit: np.split along axis `k` of arrays of at
    least `least` dimensions (ValueError otherwise, as NumPy)."""
    if not is_array(ary):
        return None
    if ary.ndim < least:
        message = (f"{name} only works on arrays of {least} or more "
                   f"dimensions")

        def fails(ary, indices_or_sections):
            raise ValueError(message)
        return fails
    impl = _splitter(ary, indices_or_sections, types.literal(k), True)
    if impl is None:
        return None
    split = register_jitable(impl)
    return lambda ary, indices_or_sections: split(ary, indices_or_sections)


@overload(np.hsplit, prefer_literal=True)
def np_hsplit(ary, indices_or_sections):
    if is_array(ary) and ary.ndim == 0:
        return None
    k = 1 if is_array(ary) and ary.ndim > 1 else 0
    return _fixed_axis(ary, indices_or_sections, k, 1, "hsplit")


@overload(np.vsplit, prefer_literal=True)
def np_vsplit(ary, indices_or_sections):
    return _fixed_axis(ary, indices_or_sections, 0, 2, "vsplit")


@overload(np.dsplit, prefer_literal=True)
def np_dsplit(ary, indices_or_sections):
    return _fixed_axis(ary, indices_or_sections, 2, 3, "dsplit")
