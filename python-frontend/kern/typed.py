"""`kern.typed.List` and `kern.typed.Dict`: Numba's `numba.typed` API.

They are a Python list and dict that carry their item types, so that an
empty one can be passed to compiled code, which fills it (the changes are
written back when the call returns, as for any list or dict passed in):

    >>> import kern
    >>> from kern import types
    >>> d = kern.typed.Dict.empty(key_type=types.int64,
    ...                           value_type=types.float64)
    >>> @kern.njit
    ... def fill(d, n):
    ...     for i in range(n):
    ...         d[i] = i / 2
    >>> fill(d, 3)
    >>> d
    {0: 0.0, 1: 0.5, 2: 1.0}
    >>> items = kern.typed.List.empty_list(types.int64)
    >>> items.append(3); items
    [3]

In compiled code `Dict.empty(key_type, value_type)`, `Dict()`,
`List.empty_list(item_type)` and `List()` make new ones (the last two
typed by what is stored later). Compiled code returns a typed List (made
there or passed in) as a `kern.typed.List`, a Dict as a Python dict:

    >>> @kern.njit
    ... def squares(n):
    ...     out = kern.typed.List()
    ...     for i in range(n):
    ...         out.append(i * i)
    ...     return out
    >>> r = squares(4); type(r).__name__, r
    ('List', [0, 1, 4, 9])

A `kern.typed.List` not made by `empty_list` has the type of its items
(numbers), as a Python list passed in has.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from .dicttype import Dict as DictType, value_spec_type
from .listtype import List as ListType, list_type
from .types import Array, Scalar, Tuple, Type, from_dtype
from .strtype import unicode_type

TupleType = Tuple

__all__ = ["List", "Dict", "result_converter", "list_item_type"]


def _scalar(t: Any, what: str) -> Scalar:
    """A kern scalar type from `types.float64`, `np.float64` or a dtype."""
    if isinstance(t, Scalar):
        return t
    try:
        import numpy
        return from_dtype(numpy.dtype(t))
    except TypeError:
        raise TypeError(f"kern.typed: {what} must be a number type, not "
                        f"{t!r}") from None


def _code(t: Type) -> int:
    from .dispatcher import type_codes
    return type_codes(t)[0]


class List(list):
    """A Python list with an item type (Numba's `typed.List`)."""

    _item_type: Optional[Type] = None  # given by empty_list

    def __init__(self, iterable: Iterable[Any] = ()) -> None:
        super().__init__(iterable)

    @classmethod
    def empty_list(cls, item_type: Any, allocated: int = 0) -> "List":
        """An empty list of `item_type`: a number type, an array type
        (`types.float64[:]`) or a tuple of number types."""
        out = cls()
        out._item_type = list_item_type(item_type)
        return out

    @property
    def _kern_type(self) -> Optional[ListType]:
        """The type compiled code sees: the item type given, else the
        items' (None for an empty list, or items that are not numbers)."""
        t = self._item_type
        if t is None and self:
            try:
                t = list_type(self).dtype
            except TypeError:
                return None
        return None if t is None else ListType(t, typed_list=True)

    @property
    def _kern_code(self) -> int:
        """The code of the C call path (kern/_kernrt.c), 0 for none."""
        t = self._kern_type
        return 0 if t is None else _code(t)

    empty_list.__func__._kern_container = "list"  # type: ignore[attr-defined]


class Dict(dict):
    """A Python dict with key and value types (Numba's `typed.Dict`): keys
    of a number type, str or a tuple of number types."""

    _kern_type: Optional[DictType] = None

    @classmethod
    def empty(cls, key_type: Any, value_type: Any, n_keys: int = 0
              ) -> "Dict":
        out = cls()
        key = Tuple(key_type.types) if isinstance(key_type, TupleType) and \
            all(getattr(x, "kind", "") in tuple("biufU")
                for x in key_type.types) else key_type if \
            key_type == unicode_type else _scalar(key_type, "key_type")
        value = value_spec_type(value_type)  # a tuple, array, str or list
        out._kern_type = DictType(key, value if value is not None else
                                  _scalar(value_type, "value_type"))
        out._kern_code = _code(out._kern_type)
        return out

    empty.__func__._kern_container = "dict"  # type: ignore[attr-defined]


def list_item_type(t: Any) -> Type:
    """A typed list's item type: a number type, an array type or a tuple
    of number types."""
    if isinstance(t, Array):
        return Array(t.dtype, t.ndim, "A")
    if isinstance(t, TupleType) and all(isinstance(x, Scalar)
                                        for x in t.types):
        return t
    return _scalar(t, "item_type")


def _typed_list(items: list, t: ListType) -> List:
    out = List(items)
    if isinstance(t.dtype, (Scalar, Array, TupleType)):
        out._item_type = t.dtype
    return out


def result_converter(t: Any) -> Optional[Any]:
    """How a result of type `t` becomes Python's: a typed list (also as
    an item of a tuple result) as a kern.typed.List; None when nothing
    needs converting."""
    def typed(x: Any) -> bool:
        return isinstance(x, ListType) and x.typed_list
    if typed(t):
        return lambda r: _typed_list(r, t)
    if isinstance(t, Tuple) and any(typed(x) for x in t.types):
        kinds = t.types
        return lambda r: tuple(_typed_list(x, k) if typed(k) else x
                               for x, k in zip(r, kinds))
    return None


List._kern_container = "list"  # List() and Dict() in compiled code
Dict._kern_container = "dict"
