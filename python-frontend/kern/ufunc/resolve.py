"""NumPy's ufunc type resolution for the signatures of a vectorized function.

A ufunc has a list of loops (signatures), tried in order: the first whose
input types every argument can be cast to *safely* is used, like NumPy's
linear search. Python scalars are "weak" (NEP 50, NumPy 2) when an array
or NumPy scalar is among the arguments: a Python int fits any integer or
inexact loop, a float any inexact loop, a complex any complex loop. When
every argument is a Python scalar, each has its default type (int64,
float64, complex128, bool).

With `dtype=`, only loops whose output is that type are considered and the
inputs may be cast by `casting` (NumPy's default 'same_kind').

    >>> import numpy as np
    >>> from kern.types import float32, float64, int64
    >>> sigs = [((int64, int64), int64), ((float32, float32), float32),
    ...         ((float64, float64), float64)]
    >>> resolve(sigs, [Arg(np.dtype('int32')), Arg(np.dtype('float32'))])
    2
    >>> resolve(sigs, [Arg(np.dtype('float32')), Arg(None, float)])
    1
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Tuple as PT

from ..types import Scalar

__all__ = ["Arg", "resolve", "weak_fits", "describe"]

# The kind letters a weak Python scalar may become without loss of kind.
_WEAK_KINDS = {bool: "biufc", int: "iufc", float: "fc", complex: "c"}
_DEFAULT = {bool: "bool", int: "int64", float: "float64",
            complex: "complex128"}


class Arg:
    """One argument as type resolution sees it: the dtype of an array or
    NumPy scalar (strong), or the Python type of a Python scalar (weak)."""

    __slots__ = ("dtype", "weak")

    def __init__(self, dtype: Any, weak: Optional[type] = None) -> None:
        import numpy
        self.weak = weak
        self.dtype = numpy.dtype(_DEFAULT[weak]) if weak else dtype

    def __repr__(self) -> str:
        return self.weak.__name__ if self.weak else str(self.dtype)


def weak_fits(py_type: type, t: Scalar) -> bool:
    """Whether a Python scalar of `py_type` may take the loop type `t`."""
    return t.np.kind in _WEAK_KINDS[py_type]


def _fits(arg: Arg, t: Scalar, casting: str, weak: bool) -> bool:
    import numpy
    if weak and arg.weak is not None:
        return weak_fits(arg.weak, t)
    return bool(numpy.can_cast(arg.dtype, t.np, casting))


def resolve(signatures: Sequence[PT[PT[Scalar, ...], Scalar]],
            args: Sequence[Arg], dtype: Any = None,
            casting: str = "same_kind") -> Optional[int]:
    """Index of the loop in `signatures` ((inputs, output) pairs) that NumPy
    would pick for `args`, or None."""
    import numpy
    weak = any(a.weak is None for a in args)
    want = numpy.dtype(dtype) if dtype is not None else None
    input_casting = "safe" if want is None else casting
    for k, (ins, out) in enumerate(signatures):
        if len(ins) != len(args):
            continue
        if want is not None and out.np != want:
            continue
        if all(_fits(a, t, input_casting, weak) for a, t in zip(args, ins)):
            return k
    return None


def describe(args: Sequence[Arg]) -> str:
    return ", ".join(repr(a) for a in args)
