"""The Python callables compiled code knows by identity (`len`,
`math.sqrt`, `np.sum`, `np.linalg.inv`, `np.random.rand`, `np.int32`...),
each to the name of its handler ("builtin.len", "np.sum", ...), for
kern/frontend/calls.py. Built at the first call."""

from __future__ import annotations

import builtins
import math
import sys
from typing import Any, Dict, Optional

from .joining import JOINERS
from .mathcalls import LIBM_MATH
from .scalars import MATH_BINARY, MATH_UNARY

__all__ = ["callee_name"]


def callee_name(target: Any) -> Optional[str]:
    """The handler name of a known callable, else None."""
    table = _table()
    if not _RANDOM[0] and "numpy.random" in sys.modules:
        _add_random(table)  # (not imported for code that does not use it)
    return table.get(id(target))


_TABLE: Optional[Dict[int, str]] = None
_RANDOM = [False]  # whether np.random's functions are in the table


def _add_random(t: Dict[int, str]) -> None:
    import numpy as np
    from .randoms import NAMES as random_names
    for name in random_names:
        t[id(getattr(np.random, name))] = "random." + name
    _RANDOM[0] = True


def _table() -> Dict[int, str]:
    """id(python callable) -> handler name, built at first use."""
    global _TABLE
    if _TABLE is not None:
        return _TABLE
    import numpy as np
    t: Dict[int, str] = {}
    for name in ("len", "abs", "min", "max", "int", "float", "complex",
                 "bool", "round", "range", "print", "sum", "divmod",
                 "enumerate", "zip", "pow", "any", "all", "sorted",
                 "reversed", "isinstance", "dict", "set", "list", "str",
                 "repr", "ord", "chr", "hash", "getattr", "hasattr",
                 "type", "iter", "next"):
        t[id(getattr(builtins, name))] = "builtin." + name
    for name in list(MATH_UNARY) + list(MATH_BINARY) + [
            "isnan", "isinf", "isfinite", "sqrt", "fabs", "floor", "ceil",
            "trunc", "pow", "hypot", "atan2", "copysign", "fmod", "exp",
            "log", "radians", "degrees"] + list(LIBM_MATH):
        if hasattr(math, name):
            t[id(getattr(math, name))] = "math." + name
    for name in list(MATH_UNARY) + list(MATH_BINARY) + [
            "abs", "absolute", "where", "sum", "prod", "min", "max", "amin",
            "amax", "mean", "argmin", "argmax", "empty", "zeros", "ones",
            "full", "empty_like", "zeros_like", "ones_like", "full_like",
            "arange", "linspace", "isnan", "isinf", "isfinite", "real",
            "imag", "conj", "conjugate", "copy", "square", "negative",
            "sign", "logical_not", "add", "subtract", "multiply", "divide",
            "true_divide", "floor_divide", "mod", "remainder", "dot",
            "matmul",
            "transpose", "swapaxes", "moveaxis", "reshape", "cumsum",
            "squeeze",
            "greater", "greater_equal", "less", "less_equal", "equal",
            "not_equal", "bitwise_and", "bitwise_or", "bitwise_xor",
            "left_shift", "right_shift", "invert", "bitwise_not", "deg2rad",
            "radians", "rad2deg", "degrees", "reciprocal", "signbit", "cbrt",
            "finfo", "iinfo", "expand_dims", "atleast_1d", "atleast_2d",
            "atleast_3d", "broadcast_to", "broadcast_arrays", "cumprod", "var", "std",
            "round", "around", "any", "all", "clip", "array", "asarray",
            "asfortranarray",
            "logical_and", "logical_or", "logical_xor", "datetime64",
            "timedelta64", "isnat"] + list(JOINERS):
        if hasattr(np, name):
            t.setdefault(id(getattr(np, name)), "np." + name)
    from .linalg import LAPACK_FUNCTIONS
    for name in LAPACK_FUNCTIONS:
        t[id(getattr(np.linalg, name))] = "linalg." + name
    for name in ("bool_", "int8", "int16", "int32", "int64", "uint8",
                 "uint16", "uint32", "uint64", "float32", "float64",
                 "complex64", "complex128", "intp", "uintp", "double", "byte",
                 "ubyte", "short", "ushort", "intc", "uintc", "single"):
        t[id(getattr(np, name))] = "dtype." + name
    t[id(np.dtype)] = "dtype.dtype"
    from numpy.lib import stride_tricks
    for name in ("as_strided", "sliding_window_view"):
        t[id(getattr(stride_tricks, name))] = "views." + name
    t[id(np.nditer)] = "views.nditer"
    t[id(np.frombuffer)] = "views.frombuffer"
    _TABLE = t
    return t
