"""Numba's `types.DictType`: a dict made in compiled code (or passed in),
keys and values of one scalar type each. At run time it is a pointer to
the runtime's KernDict (lib/Runtime/Dict.c); compiled code returns it to
Python as a dict.

    >>> from kern.types import int64, float64
    >>> t = Dict(int64, float64)
    >>> t, t.mlir, t == Dict(int64, float64), Dict(None, None)
    (dict(int64, float64), '!llvm.ptr', True, dict(undefined, undefined))

As for lists (kern/listtype.py), the types of `{}` are learned from the
first stores into it; `origin` is the AST node that made it.
"""

from __future__ import annotations

from typing import Any, Optional

from .listtype import widened
from .types import Type

__all__ = ["Dict", "dict_type", "tuple_key_type", "value_spec_type",
           "structured_value_type"]


class Dict(Type):
    """The type of a dict of `key` to `value` items (None: not known)."""

    mlir = "!llvm.ptr"

    def __init__(self, key: Optional[Type], value: Optional[Type],
                 origin: Any = None) -> None:
        self.key, self.value = key, value
        self.origin = origin  # where an empty dict was made (not compared)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dict) and (other.key, other.value) == (
            self.key, self.value)

    def __hash__(self) -> int:
        return hash(("Dict", self.key, self.value))

    @property
    def typed(self) -> bool:
        """Whether the key and value types are known."""
        return self.key is not None

    def __repr__(self) -> str:
        name = lambda t: "undefined" if t is None else str(t)
        return f"dict({name(self.key)}, {name(self.value)})"

    __str__ = __repr__


def tuple_key_type(keys: Any, what: str) -> Optional[Type]:
    """The type of the keys of a dict or set passed to compiled code when
    they are tuples of numbers and strs, as kern/_dictkeys.c types them: a
    leaf is bool, int64 or float64, the widest seen at its place, or a
    str; None when the first key is not a tuple.

    >>> tuple_key_type([(1, 2.5), (True, 3)], "dicts")
    Tuple(int64, float64)
    """
    from .types import Tuple, bool_, float64, int64
    keys = list(keys)
    if not keys or not isinstance(keys[0], tuple):
        return None
    order = {bool_: 0, int64: 1, float64: 2}
    leaves = None
    for k in keys:
        if not isinstance(k, tuple) or (leaves is not None and
                                        len(k) != len(leaves)):
            raise TypeError(f"kern's {what} with tuple keys need tuples of "
                            f"one length, not {k!r}")
        kinds = [_leaf_type(x, what) for x in k]
        if leaves is not None and any((a in order) != (b in order)
                                      for a, b in zip(leaves, kinds)):
            raise TypeError(f"kern's {what} with tuple keys need a str or "
                            f"a number at each place of the keys")
        leaves = kinds if leaves is None else [
            a if a not in order else max(a, b, key=order.get)
            for a, b in zip(leaves, kinds)]
    return Tuple(leaves)


def _leaf_type(x: Any, what: str) -> Type:
    from .strtype import unicode_type
    from .types import bool_, float64, int64
    if isinstance(x, str):
        return unicode_type
    if isinstance(x, bool):
        return bool_
    if isinstance(x, float):
        return float64
    if isinstance(x, int):
        return int64
    kind = getattr(getattr(x, "dtype", None), "kind", None)  # NumPy's
    if kind in ("b", "i", "u", "f"):
        return {"b": bool_, "f": float64}.get(kind, int64)
    raise TypeError(f"kern's {what} with tuple keys need leaves of "
                    f"numbers or strs (bool, int, float, str), not of {type(x).__name__}")


def value_spec_type(value: Any) -> Optional[Type]:
    """The value type a `value_type=` of Dict.empty names (None: a number
    type, for the caller to convert): an array type (any layout), a str,
    a list type, or a tuple of these and numbers.

    >>> from kern.types import float64, int64, Tuple
    >>> value_spec_type(float64[:, :]), value_spec_type(int64)
    (float64[:, :], None)
    >>> value_spec_type(Tuple([int64, float64[:]]))
    Tuple(int64, float64[:])
    """
    from .listtype import List
    from .strtype import UnicodeType
    from .types import Array, Scalar, Tuple
    if isinstance(value, Array):
        return Array(value.dtype, value.ndim, "A")
    if isinstance(value, (UnicodeType, List)):
        return value
    if isinstance(value, Tuple):
        items = []
        for x in value.types:
            y = value_spec_type(x)
            if y is None and not isinstance(x, Scalar):
                raise TypeError(f"value_type= tuple items are types, "
                                  f"not {x!r}")
            items.append(x if y is None else y)
        return Tuple(items)
    return None


def structured_value_type(values: Any) -> Optional[Type]:
    """The one type of the values of a Python dict passed in when they are
    arrays (one dtype and rank) or tuples of numbers and strs (one type);
    None when the first is neither (TypeError when they differ).

    >>> import numpy as np
    >>> structured_value_type([np.zeros(2), np.ones(3)])
    float64[:]
    >>> structured_value_type([(1, "a"), (2, "b")])
    Tuple(int64, unicode_type)
    """
    from .strtype import UnicodeType
    from .types import Array, Scalar, Tuple, typeof
    values = list(values)
    if not values or not (isinstance(values[0], tuple) or
                          hasattr(values[0], "__array_interface__")):
        return None

    def kind(v: Any) -> Type:
        t = typeof(v)
        if isinstance(t, Array):
            return Array(t.dtype, t.ndim, "A", t.readonly)
        if isinstance(t, Tuple) and all(isinstance(x, (Scalar, UnicodeType))
                                        for x in t.types):
            return Tuple(list(t.types))
        raise TypeError(f"kern passes dicts of numbers, strs, arrays or "
                        f"tuples of numbers and strs, not of {t}")
    types = [kind(v) for v in values]
    for t in types:
        if t != types[0] or getattr(t, "readonly", False) != getattr(
                types[0], "readonly", False):
            raise TypeError(f"kern passes dicts whose values have one type "
                            f"(given {types[0]} and {t})")
    return types[0]


def dict_type(value: dict) -> Type:
    """The type of a Python dict passed to compiled code."""
    if not value:
        raise TypeError("kern cannot type an empty dict; pass a "
                        "kern.typed.Dict.empty(key_type, value_type)")
    values = structured_value_type(value.values())
    if values is None and all(isinstance(v, str) for v in value.values()):
        from .strtype import unicode_type
        values = unicode_type
    elif values is None:
        try:
            values = widened(value.values(), "dicts")
        except TypeError as e:
            raise TypeError(str(e).replace(
                "dicts of numbers", "dicts of numbers, strs, arrays or "
                "tuples of numbers and strs")) from None
    key = tuple_key_type(value.keys(), "dicts")
    if key is not None:
        return Dict(key, values)
    if all(isinstance(k, str) for k in value):  # str keys
        from .strtype import unicode_type
        return Dict(unicode_type, values)
    key = widened(value.keys(), "dicts")
    if key.kind == "c":
        raise TypeError("kern's dict keys are integers, bools or floats")
    return Dict(key, values)
