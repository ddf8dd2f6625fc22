"""Emission of scalar arithmetic: casts, operators, comparisons, math.

Python semantics for scalars: `//` and `%` floor and take the sign of the
divisor, division by zero raises ZeroDivisionError (through `kern.raise`),
`int ** int` is an integer. Inside a `kern.ufunc` body (`raising=False`)
NumPy semantics apply instead: nothing raises.

>>> from kern.frontend.builder import Builder
>>> from kern.types import int64
>>> s = Scalars(Builder())
>>> r = s.binop('+', s.b.const(1, int64), s.b.const(2, int64))
>>> s.b.text().splitlines()[-1]
'%2 = arith.addi %c0, %c1 : i64'
"""

from __future__ import annotations

from typing import Any, List, Optional, Sequence

from ..errors import TypingError
from ..types import Scalar, bool_, float64, int64, promote, uint64
from .builder import Builder, V
from . import datetimes
from .complexops import ComplexMixin
from .mathops import LIBM, MATH_BINARY, MATH_UNARY, MathMixin

__all__ = ["Scalars", "MATH_UNARY", "MATH_BINARY", "LIBM"]

_CMP_I = {"<": "slt", "<=": "sle", ">": "sgt", ">=": "sge", "==": "eq",
          "!=": "ne"}
_CMP_U = {"<": "ult", "<=": "ule", ">": "ugt", ">=": "uge", "==": "eq",
          "!=": "ne"}
_CMP_F = {"<": "olt", "<=": "ole", ">": "ogt", ">=": "oge", "==": "oeq",
          "!=": "une"}

class Scalars(MathMixin, ComplexMixin):
    """Scalar emitters over a Builder; `raising` enables Python errors."""

    def __init__(self, b: Builder, raising: bool = True) -> None:
        self.b = b
        self.raising = raising
        self.where = ""  # "file:line" for messages
        # C functions called (libm, the runtime): symbol -> function type
        self.externs: dict = {}

    def call(self, name: str, operands: Sequence[V], ty: Any = None,
             mt: Optional[str] = None, readonly: bool = False) -> Optional[V]:
        """`func.call @name(operands)` of a C function, declared as an
        extern of the module; its result of kern type `ty` (MLIR type `mt`,
        by default ty's), or no result. A `readonly` function reads memory
        but writes none (`kern.readonly`: the analyses of kern-fuse and
        convert-kern-prange-to-scf then know it writes no array)."""
        types = ", ".join(v.mt for v in operands)
        result = "()" if ty is None else (mt or ty.mlir)
        self.externs[name] = f"({types}) -> {result}" + (
            " attributes {kern.readonly}" if readonly else "")
        text = (f"func.call @{name}({', '.join(v.name for v in operands)}) : "
                f"({types}) -> {result}")
        if ty is None:
            self.b.emit(text)
            return None
        return self.b.op(text, ty, mt)

    # ---- conversions ----------------------------------------------------

    def cast(self, v: V, to: Scalar) -> V:
        """Convert `v` to scalar type `to` (NumPy's unsafe casting)."""
        src = v.ty
        if src is to or (src.mlir == to.mlir and src.kind in "iu"
                         and to.kind in "iu"):
            return v if src is to else V(v.name, to, to.mlir)
        if src.kind in "Mm" or to.kind in "Mm":
            return datetimes.cast(self, v, to)
        b = self.b
        if to.kind == "b":
            return self.truth(v)
        if src.kind == "c":
            if to.kind == "c":
                re, im = self.re(v), self.im(v)
                re, im = self.cast(re, to.real_type), self.cast(im, to.real_type)
                return b.op(f"complex.create {re}, {im} : {to.mlir}", to)
            return self.cast(self.re(v), to)
        if to.kind == "c":
            part = to.real_type
            re = self.cast(v, part)
            zero = b.const(0.0, part)
            return b.op(f"complex.create {re}, {zero} : {to.mlir}", to)
        if src.kind == "b":
            if to.kind in "iu":
                return b.op(f"arith.extui {v} : i1 to {to.mlir}", to)
            return b.op(f"arith.uitofp {v} : i1 to {to.mlir}", to)
        if src.kind in "iu" and to.kind in "iu":
            op = "arith.trunci" if src.bits > to.bits else (
                "arith.extui" if src.kind == "u" else "arith.extsi")
            return b.op(f"{op} {v} : {src.mlir} to {to.mlir}", to)
        if src.kind in "iu":  # to float
            op = "arith.uitofp" if src.kind == "u" else "arith.sitofp"
            return b.op(f"{op} {v} : {src.mlir} to {to.mlir}", to)
        if to.kind in "iu":  # float to int
            if self.raising:
                self._check_float_to_int(v, to)
            op = "arith.fptoui" if to.kind == "u" else "arith.fptosi"
            return b.op(f"{op} {v} : {src.mlir} to {to.mlir}", to)
        op = "arith.extf" if src.bits < to.bits else "arith.truncf"
        return b.op(f"{op} {v} : {src.mlir} to {to.mlir}", to)

    def _check_float_to_int(self, v: V, to: Scalar) -> None:
        """Python's errors for int(x) of a float that has no integer value
        in `to` (fptosi makes poison of those): ValueError for NaN,
        OverflowError for infinities and values out of range."""
        b, m = self.b, v.ty.mlir
        isnan = b.op(f"arith.cmpf uno, {v}, {v} : {m}", bool_)
        self.raise_if(isnan, "ValueError", "cannot convert float NaN to "
                      "integer")
        isinf = b.op(f"arith.cmpf oeq, {b.op(f'math.absf {v} : {m}', v.ty)},"
                     f" {b.const(float('inf'), v.ty)} : {m}", bool_)
        self.raise_if(isinf, "OverflowError", "cannot convert float "
                      "infinity to integer")
        # the truncated value within [lo, hi): powers of two, exact in f32
        lo = 0.0 if to.kind == "u" else -(2.0 ** (to.bits - 1))
        hi = 2.0 ** to.bits if to.kind == "u" else 2.0 ** (to.bits - 1)
        t = b.op(f"math.trunc {v} : {m}", v.ty)
        above = b.op(f"arith.cmpf oge, {t}, {b.const(lo, v.ty)} : {m}",
                     bool_)
        below = b.op(f"arith.cmpf olt, {t}, {b.const(hi, v.ty)} : {m}",
                     bool_)
        ok = b.op(f"arith.andi {above}, {below} : i1", bool_)
        self.raise_if(self.not_(ok), "OverflowError", f"float too large "
                      f"to convert to {to}")

    def truth(self, v: V) -> V:
        """Python truthiness of a scalar, as i1."""
        t = v.ty
        if t.kind == "b":
            return v
        if t.kind in "iuMm":
            zero = self.b.const(0, t)
            return self.b.op(f"arith.cmpi ne, {v}, {zero} : {t.mlir}", bool_)
        if t.kind == "f":
            zero = self.b.const(0.0, t)
            return self.b.op(f"arith.cmpf une, {v}, {zero} : {t.mlir}", bool_)
        return self.complex_eq(v, self.b.const(0, t), negate=True)

    def re(self, v: V) -> V:
        if v.ty.kind != "c":
            return v
        return self.b.op(f"complex.re {v} : {v.ty.mlir}", v.ty.real_type)

    def im(self, v: V) -> V:
        if v.ty.kind != "c":
            return self.b.const(0, v.ty if v.ty.kind == "f" else float64)
        return self.b.op(f"complex.im {v} : {v.ty.mlir}", v.ty.real_type)

    def to_index(self, v: V) -> V:
        """An int64 (or other integer) value as an MLIR index."""
        if v.mt == "index":
            return v
        i = self.cast(v, int64) if v.ty is not int64 else v
        return self.b.op(f"arith.index_cast {i} : i64 to index", int64,
                         "index")

    def from_index(self, v: V) -> V:
        if v.mt != "index":
            return v
        return self.b.op(f"arith.index_cast {v} : index to i64", int64)

    # ---- raising --------------------------------------------------------

    def raise_if(self, cond: V, kind: str, message: str,
                 args: List[V] = (), args_repr: bool = False) -> None:
        """`scf.if cond { kern.raise kind, message(args) }`; with
        `args_repr`, the message is repr(args) of the exception
        (frontend/raising.py)."""
        operands = ""
        if args:
            names = ", ".join(a.name for a in args)
            types = ", ".join(a.mt for a in args)
            operands = f"({names} : {types})"
        msg = message.replace("\\", "\\\\").replace('"', '\\"')
        attrs = " {args_repr}" if args_repr else ""
        self.b.region(f"scf.if {cond}",
                      [("", [f'kern.raise "{kind}", "{msg}"{operands}{attrs}'])])

    # ---- operators ------------------------------------------------------

    def arith_type(self, a: Scalar, b: Scalar, op: str) -> Scalar:
        """Result type of a scalar binary operator on scalars.

        Integers follow Numba (its integer-typing NBEP), not NumPy's scalar
        rules: the result has at least 64 bits, and is signed if either
        operand is (a bool counts as signed), so `s += a[i] * b[i]` on int8
        arrays neither wraps at 8 bits nor becomes float64 when it meets a
        uint64, and `a[i] - 1` on uint8 is -1 for 0.
        """
        kinds = {a.kind, b.kind}
        if kinds & set("Mm"):
            return datetimes.result_type(op, a, b)
        if kinds <= set("biu") and kinds != {"b"}:
            t = uint64 if kinds == {"u"} else int64
        else:
            t = promote(a, b)
        if t.kind == "b" and op in "+-*/%//**":
            t = int64
        if op == "/" and t.kind in "biu":
            t = float64
        if op in ("&", "|", "^", "<<", ">>") and t.kind not in "biu":
            raise TypingError(f"unsupported operand types for {op}: "
                              f"{a} and {b}")
        if op in ("//", "%") and t.kind == "c":
            raise TypingError(f"unsupported operand types for {op}: "
                              f"{a} and {b} (complex)")
        return t

    def binop(self, op: str, x: V, y: V, t: Scalar = None) -> V:
        """`x op y` for scalars, in type `t` (default: promotion)."""
        if x.ty.kind in "Mm" or y.ty.kind in "Mm":
            return datetimes.binop(self, op, x, y)
        t = t or self.arith_type(x.ty, y.ty, op)
        if op == "**":
            return self.power(x, y, t)
        x, y = self.cast(x, t), self.cast(y, t)
        k, m, b = t.kind, t.mlir, self.b
        simple = {"+": ("addi", "addf", "add"), "-": ("subi", "subf", "sub"),
                  "*": ("muli", "mulf", "mul")}
        if op in simple:
            i, f, c = simple[op]
            if k == "c":
                return b.op(f"complex.{c} {x}, {y} : {m}", t)
            if k == "b":
                i = {"+": "ori", "*": "andi", "-": "xori"}[op]
            return b.op(f"arith.{i if k in 'biu' else f} {x}, {y} : {m}", t)
        if op in ("&", "|", "^"):
            name = {"&": "andi", "|": "ori", "^": "xori"}[op]
            return b.op(f"arith.{name} {x}, {y} : {m}", t)
        if op in ("<<", ">>"):
            return self.shift(op, x, y, t)
        if op == "/":
            return self.truediv(x, y, t)
        if op == "//":
            return self.floordiv(x, y, t)
        if op == "%":
            return self.mod(x, y, t)
        raise TypingError(f"unsupported operator {op}")

    def shift(self, op: str, x: V, y: V, t: Scalar) -> V:
        """`x << y`, `x >> y` as NumPy defines them for every count (LLVM's
        shifts are poison for counts outside [0, bits)): 0, or -1 for a
        negative x shifted right."""
        b, m, k = self.b, t.mlir, t.kind
        name = "shli" if op == "<<" else ("shrui" if k == "u" else "shrsi")
        r = b.op(f"arith.{name} {x}, {y} : {m}", t)
        if k == "b":
            return r
        if self.raising and k == "i":
            zero = b.const(0, t)
            neg = b.op(f"arith.cmpi slt, {y}, {zero} : {m}", bool_)
            self.raise_if(neg, "ValueError", "negative shift count")
        bits = b.const(int(m[1:]), t)
        inside = b.op(f"arith.cmpi ult, {y}, {bits} : {m}", bool_)
        out = b.const(0, t)
        if op == ">>" and k == "i":  # the sign bit everywhere
            top = b.const(int(m[1:]) - 1, t)
            out = b.op(f"arith.shrsi {x}, {top} : {m}", t)
        return b.op(f"arith.select {inside}, {r}, {out} : {m}", t)

    def _check_zero(self, y: V, what: str) -> V:
        """Raise ZeroDivisionError if y == 0; return a divisor safe to use."""
        t = y.ty
        zero = self.b.const(0, t)
        if t.kind == "c":
            cond = self.complex_eq(y, zero)
        elif t.kind == "f":
            cond = self.b.op(f"arith.cmpf oeq, {y}, {zero} : {t.mlir}", bool_)
        else:
            cond = self.b.op(f"arith.cmpi eq, {y}, {zero} : {t.mlir}", bool_)
        if self.raising:
            self.raise_if(cond, "ZeroDivisionError", what)
        if t.kind in "iu":
            one = self.b.const(1, t)
            if t.kind == "i":  # MIN // -1 traps in the hardware divide:
                # divide by 1 instead (floordiv negates, x % -1 is 0)
                neg1 = self.b.const(-1, t)
                m1 = self.b.op(f"arith.cmpi eq, {y}, {neg1} : {t.mlir}",
                               bool_)
                cond = self.b.op(f"arith.ori {cond}, {m1} : i1", bool_)
            return self.b.op(f"arith.select {cond}, {one}, {y} : {t.mlir}", t)
        return y

    def truediv(self, x: V, y: V, t: Scalar) -> V:
        if self.raising:
            what = "division by zero" if t.kind == "c" else \
                "float division by zero"
            self._check_zero(y, what)
        if t.kind == "c":
            return self.complex_div(x, y, t)
        return self.b.op(f"arith.divf {x}, {y} : {t.mlir}", t)

    def floordiv(self, x: V, y: V, t: Scalar) -> V:
        b, m = self.b, t.mlir
        if t.kind in "iu":
            safe = self._check_zero(y, "integer division or modulo by zero")
            op = "arith.divui" if t.kind == "u" else "arith.floordivsi"
            q = b.op(f"{op} {x}, {safe} : {m}", t)
            if t.kind == "i":  # x // -1 == -x, wrapping like NumPy
                neg1 = b.const(-1, t)
                m1 = b.op(f"arith.cmpi eq, {y}, {neg1} : {m}", bool_)
                zero = b.const(0, t)
                nx = b.op(f"arith.subi {zero}, {x} : {m}", t)
                q = b.op(f"arith.select {m1}, {nx}, {q} : {m}", t)
            if not self.raising:  # NumPy: x // 0 == 0
                z = b.const(0, t)
                c = b.op(f"arith.cmpi eq, {y}, {z} : {m}", bool_)
                q = b.op(f"arith.select {c}, {z}, {q} : {m}", t)
            return q
        if self.raising:
            self._check_zero(y, "float floor division by zero")
        # CPython's float_floor_div and NumPy's npy_floor_divide:
        #   mod = fmod(x, y); div = (x - mod) / y
        #   if mod and (y < 0) != (mod < 0): div -= 1
        #   q = floor(div) (+1 if div - floor(div) > 0.5), or
        #   copysign(0, x / y) when div == 0
        zero, one, half = b.const(0.0, t), b.const(1.0, t), b.const(0.5, t)
        mod = b.op(f"arith.remf {x}, {y} : {m}", t)
        div = b.op(f"arith.subf {x}, {mod} : {m}", t)
        div = b.op(f"arith.divf {div}, {y} : {m}", t)
        mnz = b.op(f"arith.cmpf une, {mod}, {zero} : {m}", bool_)
        yneg = b.op(f"arith.cmpf olt, {y}, {zero} : {m}", bool_)
        mneg = b.op(f"arith.cmpf olt, {mod}, {zero} : {m}", bool_)
        diff = b.op(f"arith.xori {yneg}, {mneg} : i1", bool_)
        fix = b.op(f"arith.andi {mnz}, {diff} : i1", bool_)
        dm1 = b.op(f"arith.subf {div}, {one} : {m}", t)
        div = b.op(f"arith.select {fix}, {dm1}, {div} : {m}", t)
        fl = b.op(f"math.floor {div} : {m}", t)
        frac = b.op(f"arith.subf {div}, {fl} : {m}", t)
        up = b.op(f"arith.cmpf ogt, {frac}, {half} : {m}", bool_)
        fl1 = b.op(f"arith.addf {fl}, {one} : {m}", t)
        fl = b.op(f"arith.select {up}, {fl1}, {fl} : {m}", t)
        q0 = b.op(f"arith.divf {x}, {y} : {m}", t)
        z = b.op(f"math.copysign {zero}, {q0} : {m}", t)
        dz = b.op(f"arith.cmpf oeq, {div}, {zero} : {m}", bool_)
        q = b.op(f"arith.select {dz}, {z}, {fl} : {m}", t)
        if not self.raising:  # NumPy: x // 0.0 is x / 0.0 (inf, not nan)
            zero = b.const(0.0, t)
            c = b.op(f"arith.cmpf oeq, {y}, {zero} : {m}", bool_)
            inf = b.op(f"arith.divf {x}, {y} : {m}", t)
            q = b.op(f"arith.select {c}, {inf}, {q} : {m}", t)
        return q

    def mod(self, x: V, y: V, t: Scalar) -> V:
        b, m = self.b, t.mlir
        if t.kind in "iu":
            safe = self._check_zero(y, "integer division or modulo by zero")
            if t.kind == "u":
                return b.op(f"arith.remui {x}, {safe} : {m}", t)
            r = self._sign_of_divisor(
                b.op(f"arith.remsi {x}, {safe} : {m}", t), safe, t)
            zero = b.const(0, t)
            if not self.raising:
                c = b.op(f"arith.cmpi eq, {y}, {zero} : {m}", bool_)
                r = b.op(f"arith.select {c}, {zero}, {r} : {m}", t)
            return r
        if self.raising:
            self._check_zero(y, "float modulo")
        return self._fmod_py(x, y, t)

    def _fmod_py(self, x: V, y: V, t: Scalar) -> V:
        """Python's float `x % y`: fmod, then the sign of the divisor."""
        r = self.b.op(f"arith.remf {x}, {y} : {t.mlir}", t)
        return self._sign_of_divisor(r, y, t)

    def _sign_of_divisor(self, r: V, y: V, t: Scalar) -> V:
        """Python's `%` from the C remainder `r` of a division by `y`
        (signed integers or floats): a non-zero `r` whose sign differs from
        `y`'s becomes `r + y`."""
        b, m = self.b, t.mlir
        if t.kind == "f":
            cmp, lt, ne, add, zero = ("cmpf", "olt", "une", "addf",
                                      b.const(0.0, t))
        else:
            cmp, lt, ne, add, zero = "cmpi", "slt", "ne", "addi", b.const(0, t)
        rneg = b.op(f"arith.{cmp} {lt}, {r}, {zero} : {m}", bool_)
        yneg = b.op(f"arith.{cmp} {lt}, {y}, {zero} : {m}", bool_)
        rnz = b.op(f"arith.{cmp} {ne}, {r}, {zero} : {m}", bool_)
        diff = b.op(f"arith.xori {rneg}, {yneg} : i1", bool_)
        fix = b.op(f"arith.andi {diff}, {rnz} : i1", bool_)
        radj = b.op(f"arith.{add} {r}, {y} : {m}", t)
        return b.op(f"arith.select {fix}, {radj}, {r} : {m}", t)

    def power(self, x: V, y: V, t: Scalar) -> V:
        """`x ** y`: integers by squaring, floats by math.powf."""
        b = self.b
        if y.ty.kind in "biu" and t.kind in "fc" and x.ty.kind in "fc":
            t = x.ty if x.ty.kind == "c" or t.kind != "c" else t
        if t.kind in "iu":
            x, y = self.cast(x, t), self.cast(y, int64)
            if self.raising:
                zero = b.const(0, int64)
                neg = b.op(f"arith.cmpi slt, {y}, {zero} : i64", bool_)
                self.raise_if(neg, "ValueError", "Integers to negative "
                              "integer powers are not allowed.")
                return self.ipow(x, y, t)
            return self.ipow_truncated(x, y, t)
        if t.kind == "c":  # z ** w = exp(w log z), 0 ** w = 0 (w != 0)
            x, y = self.cast(x, t), self.cast(y, t)
            w = b.op(f"complex.mul {y}, {self.complex_math('log', x)} : "
                     f"{t.mlir}", t)
            r = self.complex_math("exp", w)
            zero = b.const(0, t)
            xz = self.complex_eq(x, zero)
            yz = self.complex_eq(y, zero)
            one = b.const(1, t)
            r = b.op(f"arith.select {xz}, {zero}, {r} : {t.mlir}", t)
            return b.op(f"arith.select {yz}, {one}, {r} : {t.mlir}", t)
        x = self.cast(x, t)
        y = self.cast(y, t)
        return b.op(f"math.powf {x}, {y} : {t.mlir}", t)

    def ipow_truncated(self, x: V, n: V, t: Scalar) -> V:
        """Integer power in array code (no exception): a negative exponent
        gives 1 / x**-n truncated: 1 for x == 1, +-1 for x == -1, else 0."""
        b, m = self.b, t.mlir
        c0 = b.const(0, int64)
        neg = b.op(f"arith.cmpi slt, {n}, {c0} : i64", bool_)
        mag = b.op(f"arith.select {neg}, {c0}, {n} : i64", int64)
        r = self.ipow(x, mag, t)
        # |x| == 1 raised to -n equals x ** n with n's parity: x ** (n & 1)
        one, c1 = b.const(1, t), b.const(1, int64)
        odd = b.op(f"arith.andi {n}, {c1} : i64", int64)
        odd = b.op(f"arith.cmpi ne, {odd}, {c0} : i64", bool_)
        unit = b.op(f"arith.select {odd}, {x}, {one} : {m}", t)
        xone = b.op(f"arith.cmpi eq, {x}, {one} : {m}", bool_)
        if t.kind == "i":
            mone = b.const(-1, t)
            xm = b.op(f"arith.cmpi eq, {x}, {mone} : {m}", bool_)
            xone = b.op(f"arith.ori {xone}, {xm} : i1", bool_)
        zero = b.const(0, t)
        small = b.op(f"arith.select {xone}, {unit}, {zero} : {m}", t)
        return b.op(f"arith.select {neg}, {small}, {r} : {m}", t)

    def ipow(self, x: V, n: V, t: Scalar) -> V:
        """Integer power by squaring in an scf.while (n >= 0)."""
        b, m = self.b, t.mlir
        one = b.const(1, t)
        c0, c1 = b.const(0, int64), b.const(1, int64)
        res = b.fresh("pw")
        # the names inside the loop: %pw<n>x, %pw<n>n, ...
        v = {k: b.derived(res, k) for k in
             ("x", "n", "r", "c", "bx", "bn", "br", "o", "t", "m", "s", "q",
              "h")}
        b.emit(f"{res}:3 = scf.while ({v['x']} = {x}, {v['n']} = {n}, "
               f"{v['r']} = {one}) : ({m}, i64, {m}) -> ({m}, i64, {m}) {{")
        b.emit(f"  {v['c']} = arith.cmpi sgt, {v['n']}, {c0} : i64")
        b.emit(f"  scf.condition({v['c']}) {v['x']}, {v['n']}, {v['r']} : "
               f"{m}, i64, {m}")
        b.emit("} do {")
        b.emit(f"^bb0({v['bx']}: {m}, {v['bn']}: i64, {v['br']}: {m}):")
        for line in [
                f"{v['o']} = arith.andi {v['bn']}, {c1} : i64",
                f"{v['t']} = arith.cmpi ne, {v['o']}, {c0} : i64",
                f"{v['m']} = arith.muli {v['br']}, {v['bx']} : {m}",
                f"{v['s']} = arith.select {v['t']}, {v['m']}, {v['br']} : {m}",
                f"{v['q']} = arith.muli {v['bx']}, {v['bx']} : {m}",
                f"{v['h']} = arith.shrsi {v['bn']}, {c1} : i64",
                f"scf.yield {v['q']}, {v['h']}, {v['s']} : {m}, i64, {m}"]:
            b.emit("  " + line)
        b.emit("}")
        return V(f"{res}#2", t, m)

    def neg(self, x: V) -> V:
        t, b = x.ty, self.b
        if t.kind in "Mm":
            return datetimes.neg(self, x)
        if t.kind == "b":
            t = int64
            x = self.cast(x, t)
        if t.kind == "c":
            re, im = self.neg(self.re(x)), self.neg(self.im(x))
            return b.op(f"complex.create {re}, {im} : {t.mlir}", t)
        if t.kind == "f":
            return b.op(f"arith.negf {x} : {t.mlir}", t)
        zero = b.const(0, t)
        return b.op(f"arith.subi {zero}, {x} : {t.mlir}", t)

    def invert(self, x: V) -> V:
        if x.ty.kind not in "biu":
            raise TypingError(f"bad operand type for unary ~: {x.ty}")
        ones = self.b.const(-1 if x.ty.kind != "b" else 1, x.ty)
        return self.b.op(f"arith.xori {x}, {ones} : {x.ty.mlir}", x.ty)

    def not_(self, x: V) -> V:
        t = self.truth(x)
        true = self.b.const(True, bool_)
        return self.b.op(f"arith.xori {t}, {true} : i1", bool_)

    def compare(self, op: str, x: V, y: V) -> V:
        if x.ty.kind in "Mm" or y.ty.kind in "Mm":
            return datetimes.compare(self, op, x, y)
        t = promote(x.ty, y.ty)
        x, y = self.cast(x, t), self.cast(y, t)
        b = self.b
        if t.kind == "c":
            if op not in ("==", "!="):
                raise TypingError(f"'{op}' is not defined on complex numbers")
            return self.complex_eq(x, y, op == "!=")
        if t.kind == "f":
            return b.op(f"arith.cmpf {_CMP_F[op]}, {x}, {y} : {t.mlir}", bool_)
        table = _CMP_U if t.kind in "ub" else _CMP_I
        return b.op(f"arith.cmpi {table[op]}, {x}, {y} : {t.mlir}", bool_)

    def select(self, c: V, x: V, y: V) -> V:
        return self.b.op(f"arith.select {c}, {x}, {y} : {x.ty.mlir}", x.ty)

    def minmax(self, which: str, x: V, y: V, nan_propagate: bool = False) -> V:
        """Python's min/max (first of equals wins) or NumPy's (NaN wins)."""
        if x.ty.kind in "Mm" or y.ty.kind in "Mm":
            return datetimes.minmax(self, which, x, y, nan_propagate)
        t = promote(x.ty, y.ty)
        x, y = self.cast(x, t), self.cast(y, t)
        if nan_propagate and t.kind == "f":
            op = "minimumf" if which == "min" else "maximumf"
            return self.b.op(f"arith.{op} {x}, {y} : {t.mlir}", t)
        c = self.compare("<" if which == "min" else ">", y, x)
        return self.select(c, y, x)

    def abs(self, x: V) -> V:
        t, b = x.ty, self.b
        if t.kind in "Mm":
            return datetimes.abs_(self, x)
        if t.kind == "c":
            return self.complex_abs(x)
        if t.kind == "f":
            return b.op(f"math.absf {x} : {t.mlir}", t)
        if t.kind == "u":
            return x
        if t.kind == "b":
            return self.cast(x, int64)
        return b.op(f"math.absi {x} : {t.mlir}", t)
