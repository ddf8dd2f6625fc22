"""np.round / np.around / a.round(decimals=0), as NumPy rounds: half to
even (`math.roundeven`), with decimals by scaling with 10**decimals
(`rint(x * 10**d) / 10**d`, or `rint(x / 10**-d) * 10**-d` for d < 0);
integers stay integers (rounded to tens, hundreds, ... for d < 0),
complex values round both parts.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     return np.round(a, 1), np.round(a), a.round(-1)
    >>> [x.tolist() for x in f(np.array([0.25, 2.5, 13.0]))]
    [[0.2, 2.5, 13.0], [0.0, 2.0, 13.0], [0.0, 0.0, 10.0]]
"""

from __future__ import annotations

import ast
from typing import Any, List

from ..types import float64
from .builder import Const, V
from .expressions import is_number

__all__ = ["round_call"]


def round_call(fc: Any, args: List[Any], kwargs: dict, node: ast.AST) -> Any:
    """np.round(a, decimals=0) of an array or a scalar."""
    names = ["a", "decimals", "out"]
    if len(args) > 3 or set(kwargs) - set(names[1:]) or not args:
        raise fc.typing_error("np.round(a, decimals=0, out=None)", node)
    bound = dict(zip(names, args), **kwargs)
    out = bound.get("out")
    if out is not None and not (isinstance(out, Const) and out.value is None):
        raise fc.unsupported("np.round with out=", node)
    d = bound.get("decimals", Const(0))
    if not (is_number(d) and isinstance(d.value, int)):
        raise fc.unsupported("np.round with decimals that are not a "
                             "constant integer", node)
    a = bound["a"]
    if fc.is_array(a):
        return fc.arr.ufunc([a], lambda e: _round(fc, e[0], d.value),
                            a.ty.dtype)
    return _round(fc, fc.scalar(node, a), d.value)


def _round(fc: Any, x: V, d: int) -> V:
    s, b = fc.s, fc.b
    t = x.ty
    if t.kind == "c":
        re, im = _round(fc, s.re(x), d), _round(fc, s.im(x), d)
        return b.op(f"complex.create {re}, {im} : {t.mlir}", t)
    if t.kind in "biu":
        if d >= 0:
            return x
        f = b.const(10 ** -d, t)  # rint(x / 10**-d) * 10**-d, via float64
        q = s.binop("/", s.cast(x, float64), s.cast(f, float64), float64)
        return s.binop("*", s.cast(s.math1("rint", q), t), f, t)
    if d == 0:
        return s.math1("rint", x)
    scale = b.const(10.0 ** abs(d), t)
    if d > 0:
        return s.binop("/", s.math1("rint", s.binop("*", x, scale, t)),
                       scale, t)
    return s.binop("*", s.math1("rint", s.binop("/", x, scale, t)), scale, t)
