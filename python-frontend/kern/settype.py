"""Numba's `types.Set` (a reflected set): a set made in compiled code or
passed in, of items of one scalar type. At run time it is a pointer to
the runtime's KernDict without values (lib/Runtime/Set.c); compiled code
returns it to Python as a set, and a set passed in is written back when
the call changed it.

    >>> from kern.types import int64, float64
    >>> t = Set(int64)
    >>> t, t.mlir, t == Set(int64), t == Set(float64), Set(None)
    (set(int64), '!llvm.ptr', True, False, set(undefined))
    >>> set_type({1, 2.5}), set_type({True})
    (set(float64), set(bool))

As for lists (kern/listtype.py), the item type of `set()` is learned from
what is added later; `origin` is the AST node that made it.
"""

from __future__ import annotations

from typing import Any, Optional

from .listtype import widened
from .types import Type

__all__ = ["Set", "set_type"]


class Set(Type):
    """The type of a set of `dtype` items (None: not known yet)."""

    mlir = "!llvm.ptr"

    def __init__(self, dtype: Optional[Type], origin: Any = None) -> None:
        self.dtype = dtype
        self.origin = origin  # where an empty set was made (not compared)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Set) and other.dtype == self.dtype

    def __hash__(self) -> int:
        return hash(("Set", self.dtype))

    @property
    def typed(self) -> bool:
        """Whether the item type is known."""
        return self.dtype is not None

    def __repr__(self) -> str:
        return f"set({self.dtype if self.dtype is not None else 'undefined'})"

    __str__ = __repr__


def set_type(value: set) -> Type:
    """The type of a Python set passed to compiled code."""
    if not value:
        raise TypeError("kern cannot type an empty set (its items' type is "
                        "unknown); pass a set with items")
    from .dicttype import tuple_key_type
    key = tuple_key_type(value, "sets")
    if key is not None:
        return Set(key)
    item = widened(value, "sets")
    if item.kind == "c":
        raise TypeError("kern's set items are integers, bools or floats")
    return Set(item)
