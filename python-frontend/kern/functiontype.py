"""Numba's `types.FunctionType`: a pointer to a compiled function of one
signature, a run-time value (a cfunc passed as an argument, a tuple of
cfuncs). Calls through it are indirect (`llvm.call %ptr(...)`); each
signature has a type code of its own in the C call path.

    >>> from kern.types import float64, int32
    >>> t = FunctionType(float64, (float64, int32))
    >>> t, t.mlir, t == FunctionType(float64(float64, int32))
    (FunctionType[float64(float64, int32)], 'i64', True)

As in Numba, `kern.types.FunctionType(float64(float64))` names the type in
an explicit signature.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple

from .types import Type

__all__ = ["FunctionType", "signature_id"]

_IDS: Dict[Tuple[Type, Tuple[Type, ...]], int] = {}


class FunctionType(Type):
    """The type of a C function pointer of signature `ret(*args)`."""

    mlir = "i64"

    def __init__(self, ret: Any, args: Optional[Sequence[Type]] = None
                 ) -> None:
        if args is None and hasattr(ret, "return_type"):  # a Signature
            ret, args = ret.return_type, ret.args
        self.ret, self.args = ret, tuple(args or ())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FunctionType) and other.ret == self.ret \
            and other.args == self.args

    def __hash__(self) -> int:
        return hash(("FunctionType", self.ret, self.args))

    def __repr__(self) -> str:
        return f"FunctionType[{self.ret}({', '.join(map(str, self.args))})]"

    __str__ = __repr__

    @property
    def llvm_signature(self) -> str:
        """`(f64, i32) -> f64`, as llvm.call spells it."""
        return f"({', '.join(t.mlir for t in self.args)}) -> {self.ret.mlir}"


def signature_id(t: FunctionType) -> int:
    """A small number per signature (its type code, with KERN_FNPTR)."""
    key = (t.ret, t.args)
    if key not in _IDS:
        _IDS[key] = len(_IDS) + 1
    return _IDS[key]
