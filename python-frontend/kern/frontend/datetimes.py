"""Emission of datetime64 and timedelta64 arithmetic (Numba's npdatetime).

Values are int64 counts of the unit their type carries
(kern/datetimetype.py); NaT is the smallest int64. The rules are NumPy's
and Numba's:

- `timedelta +- timedelta`, `datetime - datetime`: a timedelta of the
  finer unit; `datetime +- timedelta`: a datetime of the finer unit
  (years and months convert to days through the calendar; a timedelta of
  years or months does not combine with a finer datetime);
- `timedelta * number`, `timedelta / number`, `timedelta // number`: a
  timedelta (truncated toward zero, as NumPy); `timedelta / timedelta`: float64; `timedelta // timedelta`:
  int64; `timedelta % timedelta`: a timedelta;
- NaT in, NaT out (NaN for `/`, 0 for `//`); comparisons with NaT are
  False but `!=`, which is True;
- `np.isnat(x)`, `np.datetime64(...)` / `np.timedelta64(...)` of
  constants (made at compile time).

The emitters take a Scalars (`s`) so that they serve scalar code and
`kern.ufunc` bodies alike::

    >>> from kern.datetimetype import datetime_type
    >>> D, s = datetime_type("M", "D"), datetime_type("m", "s")
    >>> result_type("-", D, D), result_type("+", D, s)
    (timedelta64[D], datetime64[s])
    >>> from kern.types import int64
    >>> result_type("/", s, s), result_type("//", s, int64)
    (float64, timedelta64[s])
"""

from __future__ import annotations

from typing import Any, Optional

from ..datetimetype import (NAT, UNITS, best_unit, conversion_factor,
                            datetime_type, is_datetime)
from ..errors import TypingError
from ..types import Scalar, bool_, float64, int64
from .builder import V

__all__ = ["result_type", "binop", "compare", "cast", "minmax", "neg",
           "abs_", "isnat", "constant", "is_datetime"]


def _err(op: str, a: Any, b: Any) -> TypingError:
    return TypingError(f"unsupported operand types for {op}: {a} and {b} "
                       f"(NumPy's datetime rules)")


def _common_timedelta(a: Scalar, b: Scalar) -> Optional[str]:
    """The unit two timedeltas combine in, None when none (years or
    months with days and finer)."""
    u = best_unit(a.unit, b.unit)
    if conversion_factor(a.unit, u) is None or \
            conversion_factor(b.unit, u) is None:
        return None
    return u


def _datetime_with(dt: Scalar, td: Scalar) -> Optional[str]:
    """The unit of `datetime +- timedelta`, None when they do not
    combine."""
    cd, ct = UNITS[dt.unit], UNITS[td.unit]
    if cd == 14:
        return td.unit
    if ct == 14:
        return dt.unit
    if ct < 2 <= cd:  # a timedelta of years or months, a finer datetime
        return None
    return dt.unit if cd > ct else td.unit


def result_type(op: str, a: Scalar, b: Scalar) -> Scalar:
    """The type of `a op b` where one of them is a datetime or timedelta;
    a TypingError when NumPy has no such operation."""
    ka, kb = a.kind, b.kind
    num_b = kb in "biuf" and kb != "b"
    num_a = ka in "biuf" and ka != "b"
    if op in ("+", "-") and ka == kb == "m":
        u = _common_timedelta(a, b)
        if u is not None:
            return datetime_type("m", u)
    elif op == "-" and ka == kb == "M":
        return datetime_type("m", best_unit(a.unit, b.unit))
    elif op in ("+", "-") and ka == "M" and kb == "m" or \
            op == "+" and ka == "m" and kb == "M":
        dt, td = (a, b) if ka == "M" else (b, a)
        u = _datetime_with(dt, td)
        if u is not None:
            return datetime_type("M", u)
    elif op == "*" and (ka == "m" and num_b or kb == "m" and num_a):
        return a if ka == "m" else b
    elif op in ("/", "//") and ka == "m" and num_b:
        return a
    elif op in ("/", "//", "%") and ka == kb == "m":
        if _common_timedelta(a, b) is not None:
            return {"/": float64, "//": int64}.get(op) or datetime_type(
                "m", _common_timedelta(a, b))
    raise _err(op, a, b)


# ---- helpers on i64 ------------------------------------------------------

def _i(s: Any, name: str, x: V, y: V, t: Scalar = int64) -> V:
    return s.b.op(f"arith.{name} {x}, {y} : i64", t)


def _c(s: Any, value: int, t: Scalar = int64) -> V:
    return s.b.op(f"arith.constant {int(value)} : i64", t, hint="c")


def _cmp(s: Any, pred: str, x: V, y: V) -> V:
    return s.b.op(f"arith.cmpi {pred}, {x}, {y} : i64", bool_)


def _sel(s: Any, c: V, x: V, y: V) -> V:
    return s.b.op(f"arith.select {c}, {x}, {y} : {x.mt}", x.ty, x.mt)


def _is_nat(s: Any, x: V) -> V:
    return _cmp(s, "eq", x, _c(s, NAT))


def _either_nat(s: Any, x: V, y: V) -> V:
    return s.b.op(f"arith.ori {_is_nat(s, x)}, {_is_nat(s, y)} : i1", bool_)


def _scale(s: Any, x: V, factor: int) -> V:
    return x if factor == 1 else _i(s, "muli", x, _c(s, factor))


def _days_from_civil(s: Any, year: V, month0: V) -> V:
    """Days since 1970-01-01 of the first day of `month0` (0-11) of
    `year` (a calendar year): H. Hinnant's days_from_civil."""
    m = _i(s, "addi", month0, _c(s, 1))                 # 1..12
    early = _cmp(s, "sle", m, _c(s, 2))
    y = _i(s, "subi", year, s.b.op(f"arith.extui {early} : i1 to i64",
                                   int64))
    era = _i(s, "floordivsi", y, _c(s, 400))
    yoe = _i(s, "subi", y, _i(s, "muli", era, _c(s, 400)))
    shift = _sel(s, early, _c(s, 9), _c(s, -3))
    mp = _i(s, "addi", m, shift)
    doy = _i(s, "divsi", _i(s, "addi", _i(s, "muli", mp, _c(s, 153)),
                            _c(s, 2)), _c(s, 5))
    doe = _i(s, "addi", _i(s, "muli", yoe, _c(s, 365)),
             _i(s, "subi", _i(s, "divsi", yoe, _c(s, 4)),
                _i(s, "divsi", yoe, _c(s, 100))))
    doe = _i(s, "addi", doe, doy)
    days = _i(s, "addi", _i(s, "muli", era, _c(s, 146097)), doe)
    return _i(s, "subi", days, _c(s, 719468))


def _datetime_to(s: Any, x: V, src: str, dest: str) -> V:
    """A datetime count of `src` as one of `dest` (finer): years and
    months go through the calendar to days (or weeks)."""
    cs, cd = UNITS[src], UNITS[dest]
    if cs < 2 <= cd and cd != 14:
        if cs == 0:
            year, month0 = _i(s, "addi", x, _c(s, 1970)), _c(s, 0)
        else:
            year = _i(s, "addi", _i(s, "floordivsi", x, _c(s, 12)),
                      _c(s, 1970))
            month0 = _i(s, "subi", x, _i(s, "muli", _i(
                s, "floordivsi", x, _c(s, 12)), _c(s, 12)))
        x = _days_from_civil(s, year, month0)
        if cd == 2:
            return _i(s, "floordivsi", x, _c(s, 7))
        src = "D"
    factor = conversion_factor(src, dest)
    if factor is None:
        raise TypingError(f"cannot convert datetime64[{src}] to "
                          f"datetime64[{dest}]")
    return _scale(s, x, factor)


def _to_unit(s: Any, x: V, dest: str) -> V:
    """`x` (a datetime or timedelta) in `dest`, NaT kept."""
    src = x.ty.unit
    if src == dest or src == "":
        return x
    if x.ty.kind == "M":
        r = _datetime_to(s, x, src, dest)
    else:
        factor = conversion_factor(src, dest)
        if factor is None:
            raise TypingError(f"cannot convert timedelta64[{src}] to "
                              f"timedelta64[{dest}]")
        r = _scale(s, x, factor)
    return _sel(s, _is_nat(s, x), x, r)


def _typed(v: V, t: Scalar) -> V:
    return V(v.name, t, "i64")


# ---- operators -----------------------------------------------------------

def binop(s: Any, op: str, x: V, y: V) -> V:
    """`x op y`, one of them a datetime or timedelta."""
    t = result_type(op, x.ty, y.ty)
    b = s.b
    if op in ("+", "-") and t.kind in "Mm" and x.ty.kind in "Mm" and \
            y.ty.kind in "Mm":
        xv, yv = _to_unit(s, x, t.unit), _to_unit(s, y, t.unit)
        r = _i(s, "addi" if op == "+" else "subi", xv, yv)
        return _typed(_sel(s, _either_nat(s, x, y), _c(s, NAT), r), t)
    if op in ("*", "/", "//") and t.kind == "m":
        td, num = (x, y) if x.ty.kind == "m" else (y, x)
        nat = _is_nat(s, td)
        if num.ty.kind == "f":
            f = b.op(f"arith.sitofp {td} : i64 to {num.ty.mlir}", num.ty)
            name = "mulf" if op == "*" else "divf"
            r = b.op(f"arith.{name} {f}, {num} : {num.ty.mlir}", num.ty)
            bad = b.op(f"arith.cmpf uno, {r}, {r} : {num.ty.mlir}", bool_)
            inf = b.op(f"arith.cmpf oeq, {b.op(f'math.absf {r} : {num.ty.mlir}', num.ty)}, "
                       f"{b.const(float('inf'), num.ty)} : {num.ty.mlir}",
                       bool_)
            bad = b.op(f"arith.ori {bad}, {inf} : i1", bool_)
            nat = b.op(f"arith.ori {nat}, {bad} : i1", bool_)
            safe = _sel(s, bad, b.const(0.0, num.ty), r)
            r = b.op(f"arith.fptosi {safe} : {num.ty.mlir} to i64", int64)
        else:
            n = s.cast(num, int64)
            if op == "*":
                r = _i(s, "muli", td, n)
            else:  # NumPy: m8 / int and m8 // int truncate; / 0 is NaT
                zero = _cmp(s, "eq", n, _c(s, 0))
                nat = b.op(f"arith.ori {nat}, {zero} : i1", bool_)
                # (NaT / -1 would trap: divide by 1 where the answer is NaT)
                r = _i(s, "divsi", td, _sel(s, nat, _c(s, 1), n))
        return _typed(_sel(s, nat, _c(s, NAT), r), t)
    if op in ("/", "//", "%"):  # timedelta by timedelta
        u = best_unit(x.ty.unit, y.ty.unit)
        xv, yv = _to_unit(s, x, u), _to_unit(s, y, u)
        nat = _either_nat(s, x, y)
        if op == "/":
            fx = b.op(f"arith.sitofp {xv} : i64 to f64", float64)
            fy = b.op(f"arith.sitofp {yv} : i64 to f64", float64)
            q = b.op(f"arith.divf {fx}, {fy} : f64", float64)
            return _sel(s, nat, b.const(float("nan"), float64), q)
        zero = _cmp(s, "eq", yv, _c(s, 0))
        bad = b.op(f"arith.ori {nat}, {zero} : i1", bool_)
        safe = _sel(s, bad, _c(s, 1), yv)  # (NaT // -1 would trap)
        if op == "//":
            q = _i(s, "floordivsi", xv, safe)
            return _sel(s, bad, _c(s, 0), q)
        q = _i(s, "floordivsi", xv, safe)
        r = _i(s, "subi", xv, _i(s, "muli", q, safe))
        return _typed(_sel(s, bad, _c(s, NAT), r), t)
    raise _err(op, x.ty, y.ty)


def compare(s: Any, op: str, x: V, y: V) -> V:
    """`x op y` of two datetimes or two timedeltas (NaT: False, `!=`
    True). Units that do not convert are unequal; ordering them is a
    TypingError. A timedelta compares with an integer as NumPy does: the
    integer is a count of its unit."""
    for a, other in ((x, y), (y, x)):
        if a.ty.kind == "m" and other.ty.kind in "biu":
            n = _typed(s.cast(other, int64), a.ty)
            x, y = (a, n) if a is x else (n, a)
    if x.ty.kind != y.ty.kind or x.ty.kind not in "Mm":
        raise _err(op, x.ty, y.ty)
    u = best_unit(x.ty.unit, y.ty.unit)
    if x.ty.kind == "m" and _common_timedelta(x.ty, y.ty) is None:
        if op in ("==", "!="):
            return s.b.const(op == "!=", bool_)
        raise _err(op, x.ty, y.ty)
    xv, yv = _to_unit(s, x, u), _to_unit(s, y, u)
    pred = {"<": "slt", "<=": "sle", ">": "sgt", ">=": "sge", "==": "eq",
            "!=": "ne"}[op]
    r = _cmp(s, pred, xv, yv)
    nat = _either_nat(s, x, y)
    return _sel(s, nat, s.b.const(op == "!=", bool_), r)


def cast(s: Any, v: V, to: Scalar) -> V:
    """NumPy's casts that involve a datetime or timedelta: to another unit
    of the same kind (NaT kept), to and from integers (the count), a
    timedelta to a float (the count)."""
    src = v.ty
    if src.kind in "Mm" and to.kind == src.kind:
        return _typed(_to_unit(s, v, to.unit), to)
    if src.kind in "Mm" and to.kind in "iu":
        return s.cast(V(v.name, int64, "i64"), to)
    if src.kind in "iu" and to.kind in "Mm":
        return _typed(s.cast(v, int64), to)
    if to.kind == "b":
        return _cmp(s, "ne", v, _c(s, 0))
    if src.kind == "m" and to.kind == "f":  # the count, as NumPy's astype
        return s.b.op(f"arith.sitofp {v} : i64 to {to.mlir}", to)
    raise TypingError(f"cannot convert {src} to {to}")


def minmax(s: Any, which: str, x: V, y: V, nan_propagate: bool) -> V:
    """min/max of datetimes (or timedeltas): NumPy's reductions and
    np.minimum/maximum let NaT win; Python's min/max keep the first of
    two that do not compare."""
    if x.ty.kind != y.ty.kind:
        raise _err(which, x.ty, y.ty)
    u = best_unit(x.ty.unit, y.ty.unit)
    t = datetime_type(x.ty.kind, u)
    x, y = _typed(_to_unit(s, x, u), t), _typed(_to_unit(s, y, u), t)
    better = _cmp(s, "slt" if which == "min" else "sgt", y, x)
    if nan_propagate:
        better = s.b.op(f"arith.ori {better}, {_is_nat(s, y)} : i1", bool_)
        keep = s.b.op(f"arith.xori {_is_nat(s, x)}, "
                      f"{s.b.const(True, bool_)} : i1", bool_)
        better = s.b.op(f"arith.andi {better}, {keep} : i1", bool_)
    else:
        better = s.b.op(f"arith.andi {better}, {s.not_(_either_nat(s, x, y))}"
                        f" : i1", bool_)
    return _sel(s, better, y, x)


def neg(s: Any, x: V) -> V:
    if x.ty.kind != "m":
        raise TypingError(f"bad operand type for unary -: {x.ty}")
    r = _i(s, "subi", _c(s, 0), x)
    return _typed(_sel(s, _is_nat(s, x), x, r), x.ty)


def abs_(s: Any, x: V) -> V:
    if x.ty.kind != "m":
        raise TypingError(f"bad operand type for abs(): {x.ty}")
    neg_ = _cmp(s, "slt", x, _c(s, 0))
    return _typed(_sel(s, neg_, neg(s, x), x), x.ty)


def isnat(s: Any, x: V) -> V:
    """np.isnat of a datetime or timedelta."""
    if x.ty.kind not in "Mm":
        raise TypingError(f"np.isnat is only defined for datetime and "
                          f"timedelta, not {x.ty}")
    return _is_nat(s, x)


def constant(value: Any) -> int:
    """The int64 of a NumPy datetime64 or timedelta64 constant."""
    import numpy
    return int(numpy.asarray(value).view(numpy.int64))


# ---- calls and arrays (the FunctionCompiler `fc`) ------------------------

def _dtype_of(fc: Any, v: Any) -> Any:
    """The element type of an operand: an array's dtype, a value's type,
    a constant's (None for anything else)."""
    from ..types import Array, typeof
    ty = getattr(v, "ty", None)
    if isinstance(ty, Array):
        return ty.dtype
    if isinstance(ty, Scalar):
        return ty
    try:
        return typeof(getattr(v, "value", None))
    except TypeError:
        return None


def involved(fc: Any, *values: Any) -> bool:
    """Whether a datetime or timedelta is among the operands."""
    return any(is_datetime(_dtype_of(fc, v)) for v in values)


def array_binary(fc: Any, op: str, x: Any, y: Any, node: Any) -> V:
    """`x op y` elementwise where an operand is an array of datetimes or
    timedeltas (or a datetime scalar with an array)."""
    ops = [fc.value(v, node) for v in (x, y)]
    tx, ty = _dtype_of(fc, ops[0]), _dtype_of(fc, ops[1])
    s = fc.s
    try:
        if op in ("<", "<=", ">", ">=", "==", "!="):
            return fc.arr.ufunc(ops, lambda a: compare(s, op, a[0], a[1]),
                                bool_)
        t = result_type(op, tx, ty)
        return fc.arr.ufunc(ops, lambda a: binop(s, op, a[0], a[1]), t)
    except TypingError as e:
        raise fc.typing_error(f"{e.message} in '{fc.src(node)}'", node)


def _constant_args(args: Any) -> bool:
    from .builder import Const
    return all(isinstance(a, Const) for a in args)


def call(fc: Any, name: str, args: Any, kwargs: Any, node: Any) -> Any:
    """np.isnat(x); np.datetime64(...) and np.timedelta64(...) of
    constants (made at compile time, as NumPy makes them), or of an
    integer value and a constant unit."""
    import numpy
    from ..types import Array
    from .builder import Const
    if kwargs:
        raise fc.unsupported(f"keyword arguments to np.{name}()", node)
    if name == "isnat":
        if len(args) != 1:
            raise fc.typing_error("np.isnat() takes one argument", node)
        x = fc.value(args[0], node)
        if not is_datetime(_dtype_of(fc, x)):
            raise fc.typing_error(f"np.isnat is only defined for datetime "
                                  f"and timedelta, not {x.ty}", node)
        if isinstance(x.ty, Array):
            return fc.arr.ufunc([x], lambda a: isnat(fc.s, a[0]), bool_)
        return isnat(fc.s, x)
    make = getattr(numpy, name)
    if _constant_args(args):
        try:
            return Const(make(*[a.value for a in args]))
        except (TypeError, ValueError) as e:
            raise fc.typing_error(f"np.{name}{tuple(a.value for a in args)}"
                                  f": {e}", node) from None
    if len(args) == 2 and isinstance(args[1], Const) and \
            isinstance(args[1].value, str):
        v = fc.value(args[0], node)
        if isinstance(getattr(v, "ty", None), Scalar) and v.ty.kind in "iu":
            try:
                t = datetime_type("M" if name == "datetime64" else "m",
                                  args[1].value)
            except TypeError as e:
                raise fc.typing_error(str(e), node) from None
            return _typed(fc.s.cast(v, int64), t)
    raise fc.unsupported(f"np.{name}() of anything but constants or an "
                         f"integer and a constant unit", node)


def reduction(fc: Any, name: str, a: V, axes: Any, node: Any) -> Any:
    """min/max of datetimes or timedeltas, sum and mean of timedeltas
    over `axes` (None: all), NaT winning as in NumPy; a clear error for
    the others (prod, a sum of datetimes)."""
    t = a.ty.dtype
    if name not in ("min", "max", "sum", "mean") or name in (
            "sum", "mean") and t.kind == "M":
        raise fc.typing_error(f"np.{name}() of {t} (kern: min and max of "
                              f"datetimes, sum and mean of timedeltas)",
                              node)
    s = fc.s
    if name == "mean":  # the sum over the count, truncated (NumPy's)
        total = reduction(fc, "sum", a, axes, node)
        count = fc.arr.size(a) if axes is None else fc.arr.dim(a, axes[0])
        for k in (axes or [])[1:]:
            count = fc.b.op(f"arith.muli {count}, {fc.arr.dim(a, k)} : "
                            f"index", int64, "index")
        n = s.from_index(count)
        if axes is None:
            return binop(s, "/", total, n)
        return fc.arr.ufunc([total], lambda v: binop(s, "/", v[0], n), t)
    # the smallest value of each lane tells whether a NaT is in it
    low = fc.arr.reduce("min", a, t, axes)
    if name == "min":
        return low
    if name == "max":  # NaT is the smallest int64: as the largest instead
        big = (1 << 63) - 1
        up = fc.arr.ufunc([a], lambda v: _sel(
            s, _is_nat(s, v[0]), _c(s, big, t), v[0]), t)
        r = fc.arr.reduce("max", up, t, axes)
    else:
        r = fc.arr.reduce("add", a, t, axes)

    def fix(lo: V, x: V) -> V:
        return _typed(_sel(s, _is_nat(s, lo), _c(s, NAT), x), t)
    if axes is None:
        return fix(low, r)
    return fc.arr.ufunc([low, r], lambda v: fix(v[0], v[1]), t)


def arange_parts(fc: Any, vals: Any, node: Any) -> Any:
    """np.arange(start, stop, step) where one of them is a datetime or a
    timedelta: (count, result type, item(i)). Datetimes step by
    timedeltas (or integers: counts of the unit); the unit is the finest
    given; NaT is NumPy's ValueError."""
    s, b = fc.s, fc.b
    kinds = [v.ty.kind for v in vals]
    units = [v.ty.unit for v in vals if v.ty.kind in "Mm"]
    u = units[0]
    for other in units[1:]:
        u = best_unit(u, other)
    if "M" in kinds[2:] or "f" in kinds or "c" in kinds or (
            "M" in kinds[:2] and kinds[0] != kinds[1]):
        raise fc.typing_error(f"np.arange() of "
                              f"{', '.join(str(v.ty) for v in vals)}", node)
    t = datetime_type("M" if "M" in kinds else "m", u)
    counts = []
    for v in vals:
        if v.ty.kind in "Mm":
            c = _to_unit(s, v, u)
            s.raise_if(_is_nat(s, v), "ValueError", "arange: cannot use NaT "
                       "(not-a-time) datetime values")
            counts.append(V(c.name, int64, "i64"))
        else:
            counts.append(s.cast(v, int64))
    start, stop, step = counts
    s.raise_if(_cmp(s, "eq", step, _c(s, 0)), "ValueError",
               "arange: step cannot be zero")
    span = _i(s, "subi", stop, start)
    n = _i(s, "ceildivsi", span, step)
    n = b.op(f"arith.maxsi {n}, {_c(s, 0)} : i64", int64)

    def at(i: V) -> V:
        x = _i(s, "muli", s.cast(i, int64), step)
        return _typed(_i(s, "addi", start, x), t)
    return n, t, at


def sign(s: Any, x: V) -> V:
    """np.sign of a timedelta: -1, 0 or 1 of its unit (NaT: -1, as
    NumPy, whose NaT is the smallest int64)."""
    if x.ty.kind != "m":
        raise TypingError(f"np.sign is not defined for {x.ty}")
    zero = _c(s, 0)
    pos = _sel(s, _cmp(s, "sgt", x, zero), _c(s, 1), zero)
    return _typed(_sel(s, _cmp(s, "slt", x, zero), _c(s, -1), pos), x.ty)


def cumsum(fc: Any, a: V, accumulate: Any) -> V:
    """np.cumsum of timedeltas: NaT from the first NaT on. `accumulate`
    makes the cumulative sum of an int64 or timedelta array."""
    s, t = fc.s, a.ty.dtype
    zeroed = fc.arr.ufunc([a], lambda v: _typed(_sel(
        s, _is_nat(s, v[0]), _c(s, 0), v[0]), t), t)
    flags = fc.arr.ufunc([a], lambda v: s.b.op(
        f"arith.extui {_is_nat(s, v[0])} : i1 to i64", int64), int64)
    total, seen = accumulate(zeroed), accumulate(flags)
    return fc.arr.ufunc([seen, total], lambda v: _typed(_sel(
        s, _cmp(s, "sgt", v[0], _c(s, 0)), _c(s, NAT), v[1]), t), t)
