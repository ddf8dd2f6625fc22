"""Math functions on scalars (the `Scalars` emitters' mixin): sqrt, sin,
... as `math` ops or C library calls, binary ones (atan2, hypot, fmod,
power, fmin/fmax), isnan/isinf/isfinite, and the float type a function
computes in (NumPy's and Python's rules).

>>> from kern.frontend.builder import Builder
>>> from kern.frontend.scalars import Scalars
>>> from kern.types import float64
>>> s = Scalars(Builder())
>>> r = s.math1("sqrt", s.b.const(2.0, float64))
>>> s.b.text().splitlines()[-1]
'%1 = math.sqrt %cst0 : f64'
"""

from __future__ import annotations

from ..errors import TypingError
from ..types import Scalar, bool_, float32, float64, int64, promote
from .builder import V

__all__ = ["MathMixin", "MATH_UNARY", "MATH_BINARY", "LIBM"]

# math ops without an LLVM lowering: called in the C math library instead
LIBM = {"math.asinh": "asinh", "math.acosh": "acosh", "math.atanh": "atanh",
        "math.erf": "erf", "math.erfc": "erfc", "math.cbrt": "cbrt"}

# name -> (math op for floats, complex op or None)
MATH_UNARY = {
    "sqrt": ("math.sqrt", "complex.sqrt"), "sin": ("math.sin", "complex.sin"),
    "cos": ("math.cos", "complex.cos"), "tan": ("math.tan", "complex.tan"),
    "arcsin": ("math.asin", None), "arccos": ("math.acos", None),
    "arctan": ("math.atan", None), "asin": ("math.asin", None),
    "acos": ("math.acos", None), "atan": ("math.atan", None),
    "sinh": ("math.sinh", None), "cosh": ("math.cosh", None),
    "tanh": ("math.tanh", "complex.tanh"), "arcsinh": ("math.asinh", None),
    "arccosh": ("math.acosh", None), "arctanh": ("math.atanh", None),
    "asinh": ("math.asinh", None), "acosh": ("math.acosh", None),
    "atanh": ("math.atanh", None), "exp": ("math.exp", "complex.exp"),
    "exp2": ("math.exp2", None), "expm1": ("math.expm1", "complex.expm1"),
    "log": ("math.log", "complex.log"), "log2": ("math.log2", None),
    "log10": ("math.log10", None), "log1p": ("math.log1p", "complex.log1p"),
    "erf": ("math.erf", None), "erfc": ("math.erfc", None),
    "fabs": ("math.absf", None), "floor": ("math.floor", None),
    "ceil": ("math.ceil", None), "trunc": ("math.trunc", None),
    "rint": ("math.roundeven", None), "cbrt": ("math.cbrt", None),
}
MATH_BINARY = {"arctan2": "math.atan2", "atan2": "math.atan2",
               "copysign": "math.copysign", "power": "pow", "pow": "pow",
               "hypot": "hypot", "fmod": "fmod", "minimum": "min",
               "maximum": "max", "fmin": "min", "fmax": "max"}




class MathMixin:
    """Math on scalars; needs the Scalars class's b, cast, call, re, im,
    power, minmax and complex_math."""

    def classify(self, name: str, x: V) -> V:
        """isnan / isinf / isfinite of a float (complex: of either part)."""
        t, b = x.ty, self.b
        if t.kind in "Mm":  # NaT is the NaN of datetimes (NumPy)
            nat = b.op(f"arith.cmpi eq, {x}, {b.const(-2 ** 63, t)} : i64",
                       bool_)
            if name == "isinf":
                return b.const(False, bool_)
            return nat if name == "isnan" else self.not_(nat)
        if t.kind == "c":
            r, i = self.classify(name, self.re(x)), self.classify(name,
                                                                  self.im(x))
            op = "andi" if name == "isfinite" else "ori"
            return b.op(f"arith.{op} {r}, {i} : i1", bool_)
        if name == "isnan":
            return b.op(f"arith.cmpf uno, {x}, {x} : {t.mlir}", bool_)
        inf = b.const(float("inf"), t)
        a = b.op(f"math.absf {x} : {t.mlir}", t)
        pred = "oeq" if name == "isinf" else "olt"
        return b.op(f"arith.cmpf {pred}, {a}, {inf} : {t.mlir}", bool_)

    def float_type(self, t: Scalar, numpy: bool = False) -> Scalar:
        """The float type a math function computes in for inputs of `t`:
        float64 for integers, but float32 for NumPy's functions of 8- and
        16-bit integers (NumPy's loops take float16 there, which kern, like
        Numba, computes in float32)."""
        if t.kind in "fc":
            return t
        if numpy and t.bits <= 16:
            return float32
        return float64

    def math1(self, name: str, x: V, numpy: bool = False) -> V:
        """A unary math function (`sqrt`, `sin`, ...) on a scalar; `numpy`
        for np.sqrt and the like (see float_type)."""
        fop, cop = MATH_UNARY[name]
        t = self.float_type(x.ty, numpy)
        if name in ("floor", "ceil", "trunc") and x.ty.kind in "iu":
            return x  # NumPy keeps integers (np.rint makes them float)
        x = self.cast(x, t)
        if t.kind == "c":
            if cop is None:
                raise TypingError(f"{name} is not supported on {t}")
            return self.complex_math(name, x)
        if fop in LIBM:
            return self.call(LIBM[fop] + ("f" if t.bits == 32 else ""), [x],
                             t)
        return self.b.op(f"{fop} {x} : {t.mlir}", t)

    def int_fmod(self, x: V, y: V) -> V:
        """np.fmod of integers: C's remainder (the sign of x), 0 for y == 0
        (NumPy), MIN % -1 == 0 without the trapping divide."""
        t = promote(x.ty, y.ty)
        t = int64 if t.kind == "b" else t
        x, y = self.cast(x, t), self.cast(y, t)
        b, m = self.b, t.mlir
        zero, one = b.const(0, t), b.const(1, t)
        bad = b.op(f"arith.cmpi eq, {y}, {zero} : {m}", bool_)
        if t.kind == "i":
            m1 = b.op(f"arith.cmpi eq, {y}, {b.const(-1, t)} : {m}", bool_)
            bad = b.op(f"arith.ori {bad}, {m1} : i1", bool_)
        safe = b.op(f"arith.select {bad}, {one}, {y} : {m}", t)
        op = "remui" if t.kind == "u" else "remsi"
        return b.op(f"arith.{op} {x}, {safe} : {m}", t)

    def math2(self, name: str, x: V, y: V, numpy: bool = True) -> V:
        """A binary math function (`arctan2`, `hypot`, `power`, ...)."""
        op = MATH_BINARY[name]
        if op in ("min", "max"):
            t = promote(x.ty, y.ty)
            if name in ("fmin", "fmax") and t.kind == "f":  # NaN loses
                x, y = self.cast(x, t), self.cast(y, t)
                return self.b.op(f"arith.{op}numf {x}, {y} : {t.mlir}", t)
            return self.minmax(op, x, y, nan_propagate=name in (
                "minimum", "maximum"))
        if op == "fmod" and numpy and promote(x.ty, y.ty).kind in "biu":
            return self.int_fmod(x, y)
        if op == "pow":
            t = promote(x.ty, y.ty)
            if not numpy and t.kind in "biu":
                t = float64
            if t.kind == "b":
                t = int64
            return self.power(x, y, t)
        t = self.float_type(promote(x.ty, y.ty), numpy)
        if t.kind == "c":
            raise TypingError(f"{name} is not supported on {t}")
        x, y = self.cast(x, t), self.cast(y, t)
        b, m = self.b, t.mlir
        if op == "hypot":  # libm's: correctly rounded, as CPython's
            return self.call("hypot" + ("f" if t.bits == 32 else ""), [x, y],
                             t)
        if op == "fmod":
            return b.op(f"arith.remf {x}, {y} : {m}", t)
        return b.op(f"{op} {x}, {y} : {m}", t)
