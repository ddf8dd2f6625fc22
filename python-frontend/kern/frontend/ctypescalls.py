"""Calls of C functions in compiled code: `types.ExternalFunction`s by
their symbol, and ctypes functions (Numba's ctypes support): a
foreign function with `argtypes` and `restype` of ctypes scalar types is
called directly, by name when the process's symbol table resolves its name
to the same address (the C library's functions: cached code links them
again), else through its address:

    >>> import ctypes, ctypes.util, kern
    >>> libm = ctypes.CDLL(ctypes.util.find_library("m"))
    >>> c_cos = libm.cos
    >>> c_cos.argtypes, c_cos.restype = [ctypes.c_double], ctypes.c_double
    >>> kern.njit(lambda x: c_cos(x) * 2)(0.0)
    2.0

emits `func.call @cos(%x) : (f64) -> f64`; a function known only by its
address is `llvm.call` of `llvm.inttoptr` of that address (such code is
compiled again in every process: its cache key holds the function
object).
"""

from __future__ import annotations

import ast
import ctypes
from typing import Any, Dict, List, Optional

from ..types import (Array, ExternalFunction, NumPyRandomGeneratorType,
                     Scalar, bool_, float32, float64, int8, int16, int32,
                     int64, uint8, uint16, uint32, uint64)
from .builder import Const, V

__all__ = ["is_ctypes_function", "ctypes_call", "data_address",
           "external_call"]

_TYPES = {ctypes.c_double: float64, ctypes.c_float: float32,
          ctypes.c_bool: bool_, ctypes.c_int8: int8, ctypes.c_int16: int16,
          ctypes.c_int32: int32, ctypes.c_int64: int64,
          ctypes.c_uint8: uint8, ctypes.c_uint16: uint16,
          ctypes.c_uint32: uint32, ctypes.c_uint64: uint64,
          ctypes.c_void_p: uint64}


def _sized(t: Any, signed: bool) -> Scalar:
    """The kern integer of C's `t` on this platform (c_long, c_size_t)."""
    bits = 8 * ctypes.sizeof(t)
    return _TYPES[getattr(ctypes, f"c_{'' if signed else 'u'}int{bits}")]


_TYPES.update({ctypes.c_int: _sized(ctypes.c_int, True),
               ctypes.c_uint: _sized(ctypes.c_uint, False),
               ctypes.c_long: _sized(ctypes.c_long, True),
               ctypes.c_ulong: _sized(ctypes.c_ulong, False),
               ctypes.c_size_t: _sized(ctypes.c_size_t, False),
               ctypes.c_ssize_t: _sized(ctypes.c_ssize_t, True)})
_FUNCTION = type(ctypes.CDLL(None).free).__mro__[1]  # ctypes' CFuncPtr


def is_ctypes_function(target: Any) -> bool:
    return isinstance(target, _FUNCTION)


def ctypes_call(fc: Any, target: Any, args: List[Any],
                kwargs: Dict[str, Any], node: ast.AST) -> Any:
    """`target(*args)` of a ctypes function."""
    name = getattr(target, "__name__", "ctypes function")
    if kwargs:
        raise fc.unsupported(f"keyword arguments to the ctypes function "
                             f"'{name}'", node)
    if target.argtypes is None:
        raise fc.typing_error(f"the ctypes function '{name}' has no "
                              f"argtypes (set them to call it from "
                              f"compiled code)", node)
    params = [_kern_type(fc, t, name, node) for t in target.argtypes]
    ret = None if target.restype is None else _kern_type(
        fc, target.restype, name, node)
    if len(args) != len(params):
        raise fc.typing_error(f"the ctypes function '{name}' takes "
                              f"{len(params)} arguments, got {len(args)}",
                              node)
    values = [fc.s.cast(fc.scalar(node, a), t) for a, t in zip(args, params)]
    symbol = _symbol(target)
    if symbol is not None:
        r = fc.s.call(symbol, values, ret)
        return Const(None) if r is None else r
    return _call_address(fc, target, values, ret)


def external_call(fc: Any, f: ExternalFunction, args: List[Any],
                  kwargs: Dict[str, Any], node: ast.AST) -> Any:
    """`f(*args)` of a `types.ExternalFunction`: a call by its symbol."""
    params, ret = f.sig.args, f.sig.return_type
    if kwargs or len(args) != len(params):
        raise fc.typing_error(f"the external function {f.symbol} takes "
                              f"{len(params)} positional arguments", node)
    if isinstance(ret, NumPyRandomGeneratorType):
        # a Generator the runtime made (lib/Runtime/Pcg64.c), recorded
        # and freed with the call's lists
        fc.module.uses_lists = True
    elif not (ret is None or isinstance(ret, Scalar)):
        raise fc.unsupported(f"the result type {ret} of the external "
                             f"function {f.symbol} (scalars or a "
                             f"Generator)", node)
    values = [_external_argument(fc, a, t, f, node)
              for a, t in zip(args, params)]
    r = fc.s.call(f.symbol, values, ret)
    return Const(None) if r is None else r


def _external_argument(fc: Any, a: Any, t: Any, f: ExternalFunction,
                       node: ast.AST) -> V:
    """An argument as the C function takes it: a scalar of its type, the
    bitgen_t * of a Generator, the address of an array's first element."""
    if isinstance(t, Scalar):
        return fc.s.cast(fc.scalar(node, a), t)
    if isinstance(t, NumPyRandomGeneratorType) and isinstance(a, V) and \
            a.ty == t:
        return a
    if isinstance(t, Array) and fc.is_array(a) and \
            a.ty.dtype == t.dtype:
        return _data_pointer(fc, a)
    raise fc.typing_error(f"cannot pass {fc.type_name(a)} as {t} to the "
                          f"external function {f.symbol}", node)


def data_address(fc: Any, a: V) -> V:
    """`a.ctypes.data` (Numba's): the address of a's first element, an
    integer (uint64)."""
    p = _data_pointer(fc, a)
    return fc.b.op(f"llvm.ptrtoint {p} : !llvm.ptr to i64", uint64)


def _data_pointer(fc: Any, a: V) -> V:
    """`&a[0, ..., 0]` as an !llvm.ptr."""
    b = fc.b
    base, off, _, _ = fc.arr.metadata(a)
    aligned = b.op(f"memref.extract_aligned_pointer_as_index {base} : "
                   f"{base.mt} -> index", int64, "index")
    size = b.index(a.ty.dtype.bits // 8 if a.ty.dtype.bits >= 8 else 1)
    byte_off = b.op(f"arith.muli {off}, {size} : index", int64, "index")
    at = b.op(f"arith.addi {aligned}, {byte_off} : index", int64, "index")
    address = b.op(f"arith.index_cast {at} : index to i64", int64)
    return b.op(f"llvm.inttoptr {address} : i64 to !llvm.ptr", int64,
                "!llvm.ptr")


def _kern_type(fc: Any, t: Any, name: str, node: ast.AST) -> Scalar:
    if t not in _TYPES:
        raise fc.unsupported(f"the ctypes type {getattr(t, '__name__', t)} "
                             f"in the signature of '{name}'", node)
    return _TYPES[t]


def _symbol(target: Any) -> Optional[str]:
    """The name the process resolves to this function, if any."""
    name = getattr(target, "__name__", None)
    if not name or not name.isidentifier():
        return None
    try:
        found = getattr(ctypes.CDLL(None), name)
    except AttributeError:
        return None
    same = ctypes.cast(found, ctypes.c_void_p).value == \
        ctypes.cast(target, ctypes.c_void_p).value
    return name if same else None


def _call_address(fc: Any, target: Any, values: List[V],
                  ret: Optional[Scalar]) -> Any:
    b = fc.b
    address = b.const(ctypes.cast(target, ctypes.c_void_p).value, int64)
    p = b.op(f"llvm.inttoptr {address} : i64 to !llvm.ptr", int64,
             "!llvm.ptr", hint="fp")
    names = ", ".join(v.name for v in values)
    sig = f"({', '.join(v.mt for v in values)}) -> " + (
        ret.mlir if ret is not None else "()")
    text = f"llvm.call {p}({names}) : !llvm.ptr, {sig}"
    if ret is None:
        b.emit(text)
        return Const(None)
    return b.op(text, ret)
