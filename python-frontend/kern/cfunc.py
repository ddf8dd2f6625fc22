"""`@kern.cfunc(signature)`: Numba's C callbacks.

The function is compiled at decoration for the signature and exposed as a
C function pointer with the platform's calling convention, for C libraries
that take callbacks (`scipy.LowLevelCallable`, ctypes, cffi) and for
compiled code, which calls it through the pointer::

    >>> @kern.cfunc("float64(float64, float64)")
    ... def hypot2(x, y):
    ...     return x * x + y * y
    >>> hypot2.ctypes(3.0, 4.0)          # through the C function pointer
    25.0
    >>> hypot2.address != 0, hypot2(1.0, 2.0)   # calling it runs Python
    (True, 5.0)

An exception raised in the callback cannot reach its C caller: it is
printed as Python prints exceptions it cannot raise ("Exception ignored
in: <kern C callback hypot2>"), and the callback returns 0, as in Numba.
Arguments and the result are scalars (bool, integers, floats).

How: the entry is marked `kern.callback = "<native_name>"`; the pass
kern-callback-entry (lib/Transforms/CallbackEntry.c) adds that function,
which runs the entry's packed wrapper under kernRuntimeCallback.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional, Tuple

from . import _kernrt
from .errors import TypingError
from .functiontype import FunctionType, signature_id
from .types import Scalar, Type, parse_signature

__all__ = ["CFunc", "cfunc"]

_CTYPES = {"bool": "c_bool", "int8": "c_int8", "int16": "c_int16",
           "int32": "c_int32", "int64": "c_int64", "uint8": "c_uint8",
           "uint16": "c_uint16", "uint32": "c_uint32", "uint64": "c_uint64",
           "float32": "c_float", "float64": "c_double"}


def cfunc(sig: Any, locals: Optional[dict] = None, cache: bool = False,
          **options: Any) -> Any:
    """A decorator compiling a function as a C callback of `sig`
    ('float64(float64)'); options as njit's (fastmath, boundscheck)."""
    if locals:
        raise TypeError("kern.cfunc: locals= is not supported")

    def decorate(func: Any) -> "CFunc":
        return CFunc(func, sig, options)
    return decorate


class CFunc(_kernrt.FunctionPointer):
    """A compiled C callback: `.address`, `.ctypes`, `.native_name`; passed
    to compiled code it is a `FunctionType` value (a function pointer)."""

    _kern_cfunc = True

    def __init__(self, pyfunc: Any, sig: Any, options: Dict[str, Any]) -> None:
        ret, args = parse_signature(sig)
        name = getattr(pyfunc, "__qualname__", getattr(pyfunc, "__name__", "f"))
        if ret is None:
            raise TypeError(f"C callback '{name}' needs an explicit return "
                            f"type in its signature")
        self._pyfunc = pyfunc
        self.__name__ = getattr(pyfunc, "__name__", "cfunc")
        self.__qualname__ = name
        self.__doc__ = pyfunc.__doc__
        self.__module__ = pyfunc.__module__
        self.__wrapped__ = pyfunc
        for t in (ret,) + tuple(args):
            if not (isinstance(t, Scalar) and t.kind != "c"):
                raise TypingError(f"C callback '{name}': {t} is not a type a C "
                                  f"callback passes (bool, integers, floats)",
                                  *_where(pyfunc))
        self.signature: Tuple[Type, Tuple[Type, ...]] = (ret, tuple(args))
        self.function_type = FunctionType(ret, args)
        self.native_name = "cfunc." + re.sub(r"[^A-Za-z0-9_]", "_",
                                             f"{pyfunc.__module__}.{name}")
        self._compile(options)

    def _compile(self, options: Dict[str, Any]) -> None:
        from . import _compiler
        from .lowering import lower
        ret, args = self.signature
        fastmath = options.get("fastmath", False)
        self._lowered = lower(self._pyfunc, args, return_type=ret,
                              callback=self.native_name,
                              fastmath=bool(fastmath),
                              boundscheck=bool(options.get("boundscheck")))
        self._module = _compiler.compile(self._lowered.mlir, parallel=False,
                                         fastmath=fastmath)
        self.address = self._module.lookup(self.native_name)
        self._address = self.address
        self._code = _kernrt.FNPTR | signature_id(self.function_type)
        packed = self._module.lookup(self._lowered.entry + "__kern_packed")
        _kernrt.register_callback(packed, repr(self))
        self._ctypes: Any = None

    @property
    def ctypes(self) -> Any:
        """The callback as a ctypes function (CFUNCTYPE) at its address."""
        if self._ctypes is None:
            import ctypes  # not at import kern: ~1.5 ms
            ret, args = self.signature
            proto = ctypes.CFUNCTYPE(getattr(ctypes, _CTYPES[str(ret)]),
                                     *[getattr(ctypes, _CTYPES[str(t)])
                                       for t in args])
            self._ctypes = proto(self.address)
        return self._ctypes

    def inspect_mlir(self) -> str:
        """The kern MLIR the callback was compiled from."""
        return self._lowered.mlir

    def __repr__(self) -> str:
        return f"<kern C callback {self.__qualname__}>"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """Runs the Python function (as Numba's CFunc does)."""
        return self._pyfunc(*args, **kwargs)


def _where(func: Any) -> Tuple[Optional[str], Optional[int]]:
    code = getattr(func, "__code__", None)
    return (getattr(code, "co_filename", None),
            getattr(code, "co_firstlineno", None))
