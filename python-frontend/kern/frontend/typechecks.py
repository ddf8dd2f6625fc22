"""`isinstance(x, classinfo)` in compiled code, decided at compile time
from x's kern type (as Numba does), so that the branch not taken is not
compiled:

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def describe(x):
    ...     if isinstance(x, np.ndarray):
    ...         return x.sum() * 1.0
    ...     elif isinstance(x, (int, float)):
    ...         return x * 2.0
    ...     return -1.0
    >>> describe(np.arange(3)), describe(4), describe(1.5), describe(1j)
    (3.0, 8.0, 3.0, -1.0)

Python's rules: bool is an int, NumPy's float64 is a float and its
complex128 a complex, np.integer / np.floating / np.number / np.generic
match NumPy scalars of their kind.
"""

from __future__ import annotations

import ast
from typing import Any, Sequence

import numpy as np

from ..classtypes import InstanceType
from ..dicttype import Dict
from ..listtype import List
from ..types import Array, NoneType, Scalar, Tuple, Type
from .builder import Const, check_count
from .typemap import value_type

__all__ = ["isinstance_call"]

# a Python class -> the scalar kinds whose values are its instances
_KINDS = {bool: "b", int: "biu", float: "f", complex: "c",
          np.bool_: "b", np.integer: "iu", np.signedinteger: "i",
          np.unsignedinteger: "u", np.floating: "f",
          np.complexfloating: "c", np.inexact: "fc", np.number: "iufc",
          np.generic: "biufc"}


def isinstance_call(fc: Any, args: Sequence[Any], node: ast.AST) -> Const:
    """`isinstance(x, cls)` as a constant."""
    check_count(fc, "isinstance", args, 2, 2, node)
    x, classinfo = args
    if not isinstance(classinfo, Const):
        raise fc.typing_error("isinstance() needs a class or a tuple of "
                              "classes known at compile time", node)
    classes = classinfo.value if isinstance(classinfo.value, tuple) else \
        (classinfo.value,)
    if not all(isinstance(c, type) for c in classes):
        raise fc.typing_error("isinstance() arg 2 must be a type or tuple "
                              "of types", node)
    if isinstance(x, Const):  # a constant: Python answers
        return Const(isinstance(x.value, classes))
    ty = value_type(x)
    return Const(ty is not None and any(_is_instance(ty, c) for c in classes))


def _is_instance(ty: Type, cls: type) -> bool:
    if isinstance(ty, Scalar):
        kinds = _KINDS.get(cls)
        if kinds is not None:
            return ty.kind in kinds and (cls not in (np.integer, np.bool_) or
                                         ty.kind != "b" or cls is np.bool_)
        return isinstance(cls, type) and issubclass(cls, np.generic) and \
            np.dtype(cls) == ty.np  # np.float32, np.int64, ...
    if isinstance(ty, Array):
        return cls is np.ndarray
    if isinstance(ty, Tuple):
        return cls is tuple or getattr(ty, "cls", None) is cls
    if isinstance(ty, List):
        return cls is list
    if isinstance(ty, Dict):
        return cls is dict
    if isinstance(ty, NoneType):
        return cls is type(None)
    if isinstance(ty, InstanceType):
        return ty.info.pyclass is cls
    return False
