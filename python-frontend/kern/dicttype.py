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

__all__ = ["Dict", "dict_type", "tuple_key_type"]


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


def dict_type(value: dict) -> Type:
    """The type of a Python dict passed to compiled code."""
    if not value:
        raise TypeError("kern cannot type an empty dict; pass a "
                        "kern.typed.Dict.empty(key_type, value_type)")
    key = tuple_key_type(value.keys(), "dicts")
    if key is not None:
        return Dict(key, widened(value.values(), "dicts"))
    if all(isinstance(k, str) for k in value):  # str keys
        from .strtype import unicode_type
        return Dict(unicode_type, widened(value.values(), "dicts"))
    key = widened(value.keys(), "dicts")
    if key.kind == "c":
        raise TypeError("kern's dict keys are integers, bools or floats")
    return Dict(key, widened(value.values(), "dicts"))
