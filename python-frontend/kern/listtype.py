"""Numba's `types.List`: a Python list made in compiled code, of items of
one scalar type. At run time it is a pointer to the runtime's KernList
(lib/Runtime/List.c); compiled code returns it to Python as a list.

    >>> from kern.types import float64
    >>> t = List(float64)
    >>> t, t.mlir, t == List(float64), List(None)
    (list(float64), '!llvm.ptr', True, list(undefined))

The item type of an empty list (`out = []`) is learned from what is
appended to it later, as Numba does: `List(None)` stands for it until
then, with the AST node that made the list as its `origin`.

Items may also be tuples (of scalars and strs), arrays and lists (Numba's lists of
tuples, of arrays, nested lists). Such an item is its leaves one after the
other, each in a cell of 8 bytes (16 for a complex), an array as its memref
descriptor, a list as its pointer:

    >>> from kern.types import Array, Tuple, int64
    >>> t = List(Tuple([int64, float64]))
    >>> t, t.item_size, item_layout(t.dtype)
    (list(Tuple(int64, float64)), 16, [(0, int64), (8, float64)])
    >>> List(Array(float64, 2)).item_size   # {alloc, aligned, offset, 2 sizes, 2 strides}
    56
"""

from __future__ import annotations

from typing import Any, Optional

from typing import List as PyList, Tuple as PyTuple

from .types import (Array, Scalar, Tuple, Type, complex128, float64, int64,
                    typeof)

__all__ = ["List", "list_type", "widened", "item_layout", "leaf_bytes"]


class List(Type):
    """The type of a list of `dtype` items (None: not known yet)."""

    mlir = "!llvm.ptr"

    def __init__(self, dtype: Optional[Type], origin: Any = None,
                 typed_list: bool = False) -> None:
        self.dtype = dtype
        self.origin = origin  # where an empty list was made (not compared)
        # a kern.typed.List (returned as one; not compared: the same list)
        self.typed_list = typed_list

    def __eq__(self, other: object) -> bool:
        return isinstance(other, List) and other.dtype == self.dtype

    def __hash__(self) -> int:
        return hash(("List", self.dtype))

    def __repr__(self) -> str:
        return f"list({self.dtype if self.dtype is not None else 'undefined'})"

    __str__ = __repr__

    @property
    def typed(self) -> bool:
        """Whether the item type is known."""
        return self.dtype is not None

    @property
    def item_size(self) -> int:
        """Bytes per item in the runtime's list (a bool is one byte)."""
        if isinstance(self.dtype, Scalar):
            return max(1, self.dtype.bits // 8)
        if self.dtype is None:
            return 8
        return sum(leaf_bytes(t) for _, t in item_layout(self.dtype))


def leaf_bytes(t: Type) -> int:
    """Bytes of one leaf of a structured item."""
    if isinstance(t, Array):
        return 8 * (3 + 2 * t.ndim)
    if isinstance(t, Scalar):
        return 16 if t.kind == "c" and t.bits == 128 else 8
    return 8  # a list: its pointer


def item_layout(t: Type) -> PyList[PyTuple[int, Type]]:
    """(byte offset, leaf type) of each leaf of an item of type `t` (a
    tuple's items in order, nested tuples flattened)."""
    leaves: PyList[Type] = []

    def walk(x: Type) -> None:
        if isinstance(x, Tuple):
            for item in x.types:
                walk(item)
        else:
            leaves.append(x)
    walk(t)
    out, at = [], 0
    for leaf in leaves:
        out.append((at, leaf))
        at += leaf_bytes(leaf)
    return out


def widened(values: Any, what: str) -> Scalar:
    """The type of numbers: their one type, or Python's widening (bool <
    int < float < complex), as _kernrt.c's `widened`."""
    types = [typeof(v) for v in values]
    if not all(isinstance(t, Scalar) for t in types):
        raise TypeError(f"kern passes {what} of numbers, not of "
                        f"{next(t for t in types if not isinstance(t, Scalar))}")
    if all(t == types[0] for t in types):
        return types[0]
    widest = max(types, key=lambda t: "biufc".index(t.kind)).kind
    return {"c": complex128, "f": float64}.get(widest, int64)


def list_type(value: list) -> Type:
    """The type of a Python list passed to compiled code: of numbers, of
    arrays (one dtype and rank) or of tuples of numbers and strs (one
    type)."""
    if not value:
        raise TypeError("kern cannot type an empty list (its items' type is "
                        "unknown); pass a list with items, or a "
                        "kern.typed.List.empty_list(type)")
    if isinstance(value[0], tuple) or hasattr(value[0], "__array_interface__"):
        return List(_one_item_type(value))
    if all(isinstance(v, str) for v in value):  # a list of str
        from .strtype import unicode_type
        return List(unicode_type)
    return List(widened(value, "lists"))


def _one_item_type(value: list) -> Type:
    """The one type of arrays or tuples of numbers and strs (TypeError
    otherwise)."""
    def kind(v: Any) -> Type:
        t = typeof(v)
        if isinstance(t, Array):
            return Array(t.dtype, t.ndim, "A", t.readonly)
        if isinstance(t, Tuple) and all(isinstance(x, Scalar) or
                                        getattr(x, "kind", "") == "U"
                                        for x in t.types):  # (strs too)
            return t
        raise TypeError(f"kern passes lists of numbers, of arrays or of "
                        f"tuples of numbers and strs, not of {t}")
    types = [kind(v) for v in value]
    if any(t != types[0] or (isinstance(t, Array) and
                             t.readonly != types[0].readonly)
           for t in types):
        raise TypeError(f"kern passes lists whose items have one type "
                        f"(given {types[0]} and "
                        f"{next(t for t in types if t != types[0])})")
    return types[0]
