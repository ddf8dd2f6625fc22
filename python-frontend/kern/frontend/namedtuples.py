"""Named tuples (`collections.namedtuple`, `typing.NamedTuple`) in compiled
code, as Numba's `types.NamedTuple`: made by calling the class (fields by
position or name, the class's defaults), taken in and returned to Python as
instances of their class, read by field (`p.x`) and used as tuples.

    >>> from collections import namedtuple
    >>> import kern
    >>> Point = namedtuple("Point", ["x", "y"])
    >>> @kern.njit
    ... def mid(p, q):
    ...     return Point((p.x + q.x) / 2, y=(p[1] + q[1]) / 2)
    >>> mid(Point(0.0, 1.0), Point(2.0, 3.0))
    Point(x=1.0, y=2.0)

A named tuple is a `TupleVal` that knows its class; the C call path keys
it by the class (_kernrt.c KERN_NAMEDTUPLE) and makes the class's
instance for a result.
"""

from __future__ import annotations

import ast
import inspect
from typing import Any, Dict, Sequence

from .builder import Const, TupleVal, constant_item

__all__ = ["construct", "field"]


def construct(fc: Any, cls: type, args: Sequence[Any],
              kwargs: Dict[str, Any], node: ast.AST) -> TupleVal:
    """`cls(*args, **kwargs)`: the items in field order, defaults filled
    in, Python's TypeError text for a call that does not bind."""
    try:
        bound = inspect.signature(cls).bind(*args, **kwargs)
    except TypeError as e:
        raise fc.typing_error(f"{cls.__name__}(): {e}", node) from None
    defaults = getattr(cls, "_field_defaults", {})
    items = []
    for name in cls._fields:
        x = bound.arguments[name] if name in bound.arguments else \
            Const(defaults[name])
        items.append(x if constant_item(x) else fc.value(x, node))
    return TupleVal(tuple(items), cls)


def field(fc: Any, value: TupleVal, attr: str, node: ast.AST) -> Any:
    """`value.attr` of a named tuple: the item of that field."""
    fields = value.cls._fields
    if attr not in fields:
        raise fc.typing_error(f"'{value.cls.__name__}' object has no "
                              f"attribute '{attr}'", node)
    return value.items[fields.index(attr)]
