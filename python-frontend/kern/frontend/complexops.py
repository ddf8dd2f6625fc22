"""Complex arithmetic on scalars (the `Scalars` emitters' mixin): ==,
division by Smith's method (NumPy's on arrays, CPython's on Python
numbers), |z| without overflow, and exp/log/sqrt/sin/cos/tan/tanh/expm1/
log1p from real math (no complex-to-standard lowering needed).

>>> from kern.frontend.builder import Builder
>>> from kern.frontend.scalars import Scalars
>>> from kern.types import complex128
>>> s = Scalars(Builder())
>>> z = s.complex_abs(s.b.const(3 + 4j, complex128))
>>> z.ty
float64
"""

from __future__ import annotations

from ..errors import TypingError
from ..types import Scalar, bool_
from .builder import V

__all__ = ["ComplexMixin"]


class ComplexMixin:
    """Complex scalars; needs the Scalars class's b, re, im, cast."""

    def complex_eq(self, x: V, y: V, negate: bool = False) -> V:
        """x == y (or !=) on complex values, part by part."""
        re = self.compare("==", self.re(x), self.re(y))
        im = self.compare("==", self.im(x), self.im(y))
        eq = self.b.op(f"arith.andi {re}, {im} : i1", bool_)
        return self.not_(eq) if negate else eq

    def complex_div(self, x: V, y: V, t: Scalar) -> V:
        """x / y by Smith's method as NumPy computes it on arrays (times
        1 / denominator) and CPython on Python numbers (divided by the
        denominator: _Py_c_quot), where `raising` says Python's rules hold
        (complex.div lowers to the textbook formula, whose |y|**2
        overflows: 1 / (1e200+1e200j) was 0 and (1+2j) / inf nan)."""
        b, r = self.b, t.real_type
        m = r.mlir
        f = lambda op, *xs: b.op(f"{op} {', '.join(map(str, xs))} : {m}", r)
        sel = lambda c, p, q: b.op(f"arith.select {c}, {p}, {q} : {m}", r)
        ar, ai = self.re(x), self.im(x)
        br, bi = self.re(y), self.im(y)
        abr, abi = f("math.absf", br), f("math.absf", bi)
        one, zero = b.const(1.0, r), b.const(0.0, r)
        real_big = b.op(f"arith.cmpf oge, {abr}, {abi} : {m}", bool_)
        if self.raising:  # CPython: (...) / den
            scaled = lambda v, den: f("arith.divf", v, den)  # noqa: E731
        else:  # NumPy: (...) * (1 / den)
            scaled = lambda v, den: f("arith.mulf", v, f(  # noqa: E731
                "arith.divf", one, den))
        # |br| >= |bi|: rat = bi / br, den = br + bi rat
        rat1 = f("arith.divf", bi, br)
        den1 = f("arith.addf", br, f("arith.mulf", bi, rat1))
        re1 = scaled(f("arith.addf", ar, f("arith.mulf", ai, rat1)), den1)
        im1 = scaled(f("arith.subf", ai, f("arith.mulf", ar, rat1)), den1)
        # y == 0: ar / 0, ai / 0 (inf or nan, as NumPy)
        both0 = b.op(f"arith.andi "
                     f"{b.op(f'arith.cmpf oeq, {abr}, {zero} : {m}', bool_)}, "
                     f"{b.op(f'arith.cmpf oeq, {abi}, {zero} : {m}', bool_)}"
                     f" : i1", bool_)
        re1 = sel(both0, f("arith.divf", ar, abr), re1)
        im1 = sel(both0, f("arith.divf", ai, abi), im1)
        # else: rat = br / bi, den = bi + br rat
        rat2 = f("arith.divf", br, bi)
        den2 = f("arith.addf", bi, f("arith.mulf", br, rat2))
        re2 = scaled(f("arith.addf", f("arith.mulf", ar, rat2), ai), den2)
        im2 = scaled(f("arith.subf", f("arith.mulf", ai, rat2), ar), den2)
        return b.op(f"complex.create {sel(real_big, re1, re2)}, "
                    f"{sel(real_big, im1, im2)} : {t.mlir}", t)

    def complex_abs(self, z: V) -> V:
        """|z| without overflow for large parts (complex.abs lowers to
        sqrt(re**2 + im**2), inf for |re| > 1e154): hi * sqrt(1 + (lo/hi)**2),
        inf when a part is infinite (even with a nan, as C's hypot)."""
        b, r = self.b, z.ty.real_type
        m = r.mlir
        f = lambda op, *xs: b.op(f"{op} {', '.join(map(str, xs))} : {m}", r)
        ax, ay = f("math.absf", self.re(z)), f("math.absf", self.im(z))
        hi, lo = f("arith.maximumf", ax, ay), f("arith.minimumf", ax, ay)
        zero, one = b.const(0.0, r), b.const(1.0, r)
        inf = b.const(float("inf"), r)
        isz = b.op(f"arith.cmpf oeq, {hi}, {zero} : {m}", bool_)
        den = b.op(f"arith.select {isz}, {one}, {hi} : {m}", r)
        q = f("arith.divf", lo, den)
        mag = f("arith.mulf", hi, f("math.sqrt", f("arith.addf", one,
                                                  f("arith.mulf", q, q))))
        isinf = b.op(f"arith.ori "
                     f"{b.op(f'arith.cmpf oeq, {ax}, {inf} : {m}', bool_)}, "
                     f"{b.op(f'arith.cmpf oeq, {ay}, {inf} : {m}', bool_)}"
                     f" : i1", bool_)
        return b.op(f"arith.select {isinf}, {inf}, {mag} : {m}", r)

    def complex_math(self, name: str, z: V) -> V:
        """exp, log, sqrt, sin, cos, tan, tanh, expm1, log1p of a complex
        value, from real math (so that no complex-to-standard lowering is
        needed)."""
        t, b = z.ty, self.b
        r, m = t.real_type, t.real_type.mlir
        a, c = self.re(z), self.im(z)
        f = lambda op, *xs: b.op(f"{op} {', '.join(map(str, xs))} : {m}", r)
        make = lambda x, y: b.op(f"complex.create {x}, {y} : {t.mlir}", t)
        if name in ("exp", "expm1"):
            e = f("math.exp", a)
            re, im = f("arith.mulf", e, f("math.cos", c)), f(
                "arith.mulf", e, f("math.sin", c))
            if name == "expm1":
                re = f("arith.subf", re, b.const(1.0, r))
            return make(re, im)
        if name in ("log", "log1p"):
            if name == "log1p":
                a = f("arith.addf", a, b.const(1.0, r))
                z = make(a, c)
            mag = self.complex_abs(z)
            return make(f("math.log", mag), f("math.atan2", c, a))
        if name == "sqrt":  # principal root, via |z|
            mag = self.complex_abs(z)
            half = b.const(0.5, r)
            re = f("math.sqrt", f("arith.mulf", f("arith.addf", mag, a), half))
            im = f("math.sqrt", f("arith.mulf", f("arith.subf", mag, a), half))
            im = f("math.copysign", im, c)
            return make(re, im)
        if name in ("sin", "cos"):
            sa, ca = f("math.sin", a), f("math.cos", a)
            sh, ch = f("math.sinh", c), f("math.cosh", c)
            if name == "sin":
                return make(f("arith.mulf", sa, ch), f("arith.mulf", ca, sh))
            return make(f("arith.mulf", ca, ch),
                        f("arith.negf", f("arith.mulf", sa, sh)))
        if name in ("tanh", "tan"):
            if name == "tan":  # tan(z) = -i tanh(i z)
                w = self.complex_math("tanh", make(f("arith.negf", c), a))
                return make(self.im(w), f("arith.negf", self.re(w)))
            two = b.const(2.0, r)
            a2, c2 = f("arith.mulf", a, two), f("arith.mulf", c, two)
            den = f("arith.addf", f("math.cosh", a2), f("math.cos", c2))
            return make(f("arith.divf", f("math.sinh", a2), den),
                        f("arith.divf", f("math.sin", c2), den))
        raise TypingError(f"{name} is not supported on {t}")
