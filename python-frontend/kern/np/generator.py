"""np.random.Generator objects passed to compiled code (Numba's
`NumPyRandomGeneratorType`): their methods call NumPy's own distributions
(libnpyrandom, linked as libkern_npyrandom: lib/Runtime/npyrandom) with
the Generator's `bitgen_t`, so the draws are the numbers NumPy gives and
the Generator's state moves on as if NumPy had drawn them.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def draw(rng):
    ...     return rng.normal(1.0, 2.0), rng.integers(0, 10, 3), rng.random((2, 2))
    >>> got = draw(np.random.default_rng(7))
    >>> g = np.random.default_rng(7)
    >>> want = (g.normal(1.0, 2.0), g.integers(0, 10, 3), g.random((2, 2)))
    >>> all(np.array_equal(x, y) for x, y in zip(got, want))
    True

A method with `size=None` returns a number, with an int or a tuple an
array of that shape, filled in order as NumPy fills it. Parameters are
numbers (NumPy's broadcasting of array parameters is not taken over);
invalid ones raise NumPy's ValueError. `integers` takes every integer
dtype and bool (NumPy's bounds errors), `random`, `standard_normal` and
`standard_exponential` float32 too:

    >>> @kern.njit
    ... def small(rng):
    ...     return rng.integers(0, 200, 4, np.uint8), rng.random(2, np.float32)
    >>> got, g = small(np.random.default_rng(3)), np.random.default_rng(3)
    >>> want = g.integers(0, 200, 4, np.uint8), g.random(2, np.float32)
    >>> all(np.array_equal(x, y) and x.dtype == y.dtype
    ...     for x, y in zip(got, want))
    True

A Generator made in compiled code by np.random.default_rng is
kern/np/default_rng.py; choice, shuffle and permutation are
kern/np/generator_sampling.py.
"""

from __future__ import annotations

import ast
import math
from typing import Dict, List, Sequence, Tuple

import numpy as np

from .. import types
from ..errors import TypingError
from ..extending import overload_method, register_jitable
from .common import is_none

_G = types.npy_rng
_POISSON_LAM_MAX = float(np.iinfo(np.int64).max - np.sqrt(
    np.iinfo(np.int64).max) * 10)


def _ext(symbol: str, ret: types.Type, *args: types.Type):
    return types.ExternalFunction(symbol, ret(_G, *args))


_f64, _i64, _u64 = types.float64, types.int64, types.uint64

# method: (C function, result, parameters with defaults, checks
# (condition that is an error, NumPy's message))
_SCALE = ("scale < 0", "scale < 0")
_SPECS: Dict[str, Tuple[str, str, Sequence[Tuple[str, object]],
                        Sequence[Tuple[str, str]]]] = {
    "standard_cauchy": ("random_standard_cauchy", "f", (), ()),
    "normal": ("random_normal", "f", (("loc", 0.0), ("scale", 1.0)),
               (_SCALE,)),
    "exponential": ("random_exponential", "f", (("scale", 1.0),),
                    (_SCALE,)),
    "gamma": ("random_gamma", "f", (("shape", None), ("scale", 1.0)),
              (("shape < 0", "shape < 0"), _SCALE)),
    "standard_gamma": ("random_standard_gamma", "f", (("shape", None),),
                       (("shape < 0", "shape < 0"),)),
    "beta": ("random_beta", "f", (("a", None), ("b", None)),
             (("a <= 0", "a <= 0"), ("b <= 0", "b <= 0"))),
    "chisquare": ("random_chisquare", "f", (("df", None),),
                  (("df <= 0", "df <= 0"),)),
    "f": ("random_f", "f", (("dfnum", None), ("dfden", None)),
          (("dfnum <= 0", "dfnum <= 0"), ("dfden <= 0", "dfden <= 0"))),
    "gumbel": ("random_gumbel", "f", (("loc", 0.0), ("scale", 1.0)),
               (_SCALE,)),
    "laplace": ("random_laplace", "f", (("loc", 0.0), ("scale", 1.0)),
                (_SCALE,)),
    "logistic": ("random_logistic", "f", (("loc", 0.0), ("scale", 1.0)),
                 (_SCALE,)),
    "lognormal": ("random_lognormal", "f", (("mean", 0.0), ("sigma", 1.0)),
                  (("sigma < 0", "sigma < 0"),)),
    "noncentral_chisquare": ("random_noncentral_chisquare", "f",
                             (("df", None), ("nonc", None)),
                             (("df <= 0", "df <= 0"),
                              ("nonc < 0", "nonc < 0"))),
    "noncentral_f": ("random_noncentral_f", "f",
                     (("dfnum", None), ("dfden", None), ("nonc", None)),
                     (("dfnum <= 0", "dfnum <= 0"),
                      ("dfden <= 0", "dfden <= 0"),
                      ("nonc < 0", "nonc < 0"))),
    "pareto": ("random_pareto", "f", (("a", None),), (("a <= 0", "a <= 0"),)),
    "power": ("random_power", "f", (("a", None),), (("a <= 0", "a <= 0"),)),
    "rayleigh": ("random_rayleigh", "f", (("scale", 1.0),), (_SCALE,)),
    "standard_t": ("random_standard_t", "f", (("df", None),),
                   (("df <= 0", "df <= 0"),)),
    "triangular": ("random_triangular", "f",
                   (("left", None), ("mode", None), ("right", None)),
                   (("left > mode", "left > mode"),
                    ("mode > right", "mode > right"),
                    ("left == right", "left == right"))),
    "vonmises": ("random_vonmises", "f", (("mu", None), ("kappa", None)),
                 (("kappa < 0", "kappa < 0"),)),
    "wald": ("random_wald", "f", (("mean", None), ("scale", None)),
             (("mean <= 0", "mean <= 0"), ("scale <= 0", "scale <= 0"))),
    "weibull": ("random_weibull", "f", (("a", None),), (("a < 0", "a < 0"),)),
    "geometric": ("random_geometric", "i", (("p", None),),
                  (("not (0 < p <= 1)", "p <= 0, p > 1 or p contains NaNs"),)),
    "logseries": ("random_logseries", "i", (("p", None),),
                  (("not (0 <= p < 1)", "p < 0, p >= 1 or p is NaN"),)),
    "negative_binomial": ("random_negative_binomial", "i",
                          (("n", None), ("p", None)),
                          (("n <= 0", "n <= 0"),
                           ("not (0 <= p <= 1)", "p < 0, p > 1 or p is NaN"))),
    "poisson": ("random_poisson", "i", (("lam", 1.0),),
                (("lam < 0", "lam < 0"),
                 (f"lam > {_POISSON_LAM_MAX!r}", "lam value too large"))),
    "zipf": ("random_zipf", "i", (("a", None),), (("a <= 1", "a <= 1"),)),
}

_DTYPES = {"f": "np.float64", "i": "np.int64"}


def _source(name: str, params: Sequence[Tuple[str, object]],
            checks: Sequence[Tuple[str, str]], kind: str) -> str:
    """`def impl(self, <params>, size=None)` drawing one number or filling
    an array of shape `size` in order."""
    head = ", ".join(p if d is None else f"{p}={d!r}" for p, d in params)
    args = "".join(f", float({p})" for p, _ in params)
    lines = [f"def {name}(self{', ' + head if head else ''}, size=None):"]
    for cond, message in checks:
        lines += [f"    if {cond}:", f"        raise ValueError({message!r})"]
    lines += ["    if size is None:",
              f"        return _fn(self{args})",
              f"    out = np.empty(size, {_DTYPES[kind]})",
              "    flat = out.reshape(out.size)",
              "    for i in range(out.size):",
              f"        flat[i] = _fn(self{args})",
              "    return out"]
    return "\n".join(lines) + "\n"


def _numbers(values: Sequence[object]) -> bool:
    return all(v is None or isinstance(v, (int, float, types.Number,
                                           types.NoneType, types.Boolean,
                                           types.UniTuple))
               for v in values)


def _register(name: str) -> None:
    """One method of the table, its implementation made at its first use
    (making them all would cost every first compile ~15 ms)."""
    made: List = []

    def impl_of():
        if not made:
            symbol, kind, params, checks = _SPECS[name]
            ret = _f64 if kind == "f" else _i64
            source = _source(name, params, checks, kind)
            fdef = ast.parse(source).body[0]
            from ..frontend.source import made_function  # (inspect: heavy)
            made.append(made_function(
                fdef, __file__, 0, source.splitlines(),
                {"np": np, "math": math,
                 "_fn": _ext(symbol, ret, *[_f64] * len(params))},
                f"Generator.{name}", __name__))
        return made[0]

    def typer(self, *args, **kwargs):
        if _numbers(list(args) + list(kwargs.values())):
            return impl_of()
    overload_method(types.NumPyRandomGeneratorType, name)(typer)


for _name in _SPECS:
    _register(_name)


# ---- the methods with their own shapes ------------------------------------

_uniform = _ext("random_uniform", _f64, _f64, _f64)
_binomial = types.ExternalFunction(
    "random_binomial", _i64(_G, _f64, _i64, _f64[:]))
_hypergeometric = _ext("random_hypergeometric", _i64, _i64, _i64, _i64)


def _dtype_arg(dtype):
    """The NumPy dtype a `dtype=` argument names (np.float32, "int8",
    float...), or None."""
    if isinstance(dtype, types.NumberClass):
        dtype = dtype.literal_value
    elif isinstance(dtype, types.Literal):
        dtype = dtype.literal_value
    elif isinstance(dtype, types.Type):
        return None
    try:
        return np.dtype(dtype)
    except TypeError:
        return None


def _unit(draw, fill, draw32, fill32, name):
    """random(), standard_normal(), standard_exponential(): NumPy's one
    draw, or its fill of a fresh array or of `out`, in float64 or float32;
    standard_exponential's method='inv' as NumPy's (-log1p(-random()))."""
    def typer(self, size=None, dtype=np.float64, out=None, method="zig"):
        dt = _dtype_arg(dtype)
        if dt == np.float32:
            one, many, kind = draw32, fill32, np.float32
        elif dt == np.float64:
            one, many, kind = draw, fill, np.float64
        else:
            return None
        how = getattr(method, "literal_value", method)
        if how not in (("zig", "inv") if name == "standard_exponential"
                       else ("zig",)):
            raise TypingError(f"Generator.{name}(): method={how!r} (NumPy "
                              f"takes 'zig' or, for standard_exponential, "
                              f"'inv', as a constant)")
        if how == "inv":
            if not is_none(out):
                raise TypingError(f"Generator.{name}(): out= with "
                                  f"method='inv' is not supported by kern")

            def inverse(self, size=None, dtype=np.float64, out=None,
                        method="zig"):
                return -np.log1p(-self.random(size, kind))
            return inverse
        if not is_none(out):
            if not (isinstance(out, types.Array) and
                    getattr(out.dtype, "np", None) == np.dtype(kind)):
                raise TypingError(f"Generator.{name}(): out= must be an "
                                  f"array of {np.dtype(kind)}")

            def into(self, size=None, dtype=np.float64, out=None,
                     method="zig"):
                if size is not None and np.prod(np.array(size)) != out.size:
                    raise ValueError("size must match out.shape when used "
                                     "together")
                if not out.flags.c_contiguous:
                    raise ValueError("Supplied output array is not "
                                     "contiguous, writable or aligned.")
                many(self, out.size, out.reshape(out.size))
                return out
            return into

        def impl(self, size=None, dtype=np.float64, out=None, method="zig"):
            if size is None:
                return one(self)
            a = np.empty(size, kind)
            many(self, a.size, a.reshape(a.size))
            return a
        return impl
    return typer


def _f32(name: str, fill: bool = False):
    if fill:
        return types.ExternalFunction(name, types.void(_G, _i64,
                                                       types.float32[:]))
    return _ext(name, types.float32)


for _name, _c in (("random", "random_standard_uniform"),
                  ("standard_normal", "random_standard_normal"),
                  ("standard_exponential", "random_standard_exponential")):
    overload_method(types.NumPyRandomGeneratorType, _name)(_unit(
        _ext(_c, _f64),
        types.ExternalFunction(_c + "_fill", types.void(_G, _i64, _f64[:])),
        _f32(_c + "_f"), _f32(_c + "_fill_f", True), _name))


@overload_method(types.NumPyRandomGeneratorType, "uniform")
def generator_uniform(self, low=0.0, high=1.0, size=None):
    def impl(self, low=0.0, high=1.0, size=None):
        span = float(high) - float(low)
        if not math.isfinite(span):
            raise OverflowError("Range exceeds valid bounds")
        if size is None:
            return _uniform(self, float(low), span)
        out = np.empty(size, np.float64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _uniform(self, float(low), span)
        return out
    return impl


def _bounded_fill(dt: np.dtype):
    """NumPy's random_bounded_uint{8,16,32,64}_fill or random_bounded_bool_fill
    (Lemire's method, through random_kern_bounded_fill) into an array of
    dtype `dt`."""
    return types.ExternalFunction("random_kern_bounded_fill", types.void(
        _G, _i64, _u64, _u64, _i64, types.from_dtype(dt)[:]))


@overload_method(types.NumPyRandomGeneratorType, "integers")
def generator_integers(self, low, high=None, size=None, dtype=np.int64,
                       endpoint=False):
    dt = _dtype_arg(dtype)
    if dt is None or dt.kind not in "iub":
        return None
    fill = _bounded_fill(dt)
    bits = 1 if dt.kind == "b" else dt.itemsize * 8
    lowest, highest = (0, 1) if dt.kind == "b" else (
        int(np.iinfo(dt).min), int(np.iinfo(dt).max))
    name = "bool" if dt.kind == "b" else dt.name
    check_low, check_high = lowest > -2**63, highest < 2**63 - 1
    low_message = f"low is out of bounds for {name}"
    high_message = f"high is out of bounds for {name}"

    def impl(self, low, high=None, size=None, dtype=np.int64,
             endpoint=False):
        if high is None:
            lo, hi = 0, low
        else:
            lo, hi = low, high
        if not endpoint:
            hi = hi - 1
        if check_low and lo < lowest:
            raise ValueError(low_message)
        if check_high and hi > highest:
            raise ValueError(high_message)
        if lo > hi:
            if endpoint:
                raise ValueError("low > high")
            raise ValueError("low >= high")
        off, span = np.uint64(lo), np.uint64(hi) - np.uint64(lo)
        if size is None:
            one = np.empty(1, dt)
            fill(self, bits, off, span, 1, one)
            return one[0]
        out = np.empty(size, dt)
        fill(self, bits, off, span, out.size, out.reshape(out.size))
        return out
    return impl


@overload_method(types.NumPyRandomGeneratorType, "binomial")
def generator_binomial(self, n, p, size=None):
    def impl(self, n, p, size=None):
        if n < 0:
            raise ValueError("n < 0")
        if not (0 <= p <= 1):
            raise ValueError("p < 0, p > 1 or p is NaN")
        state = np.zeros(16, np.float64)  # NumPy's binomial_t (cleared)
        if size is None:
            return _binomial(self, float(p), n, state)
        out = np.empty(size, np.int64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _binomial(self, float(p), n, state)
        return out
    return impl


@overload_method(types.NumPyRandomGeneratorType, "hypergeometric")
def generator_hypergeometric(self, ngood, nbad, nsample, size=None):
    def impl(self, ngood, nbad, nsample, size=None):
        if ngood < 0 or nbad < 0 or nsample < 0:
            raise ValueError("ngood < 0, nbad < 0 or nsample < 0")
        if nsample > ngood + nbad:
            raise ValueError("ngood + nbad < nsample")
        if size is None:
            return _hypergeometric(self, ngood, nbad, nsample)
        out = np.empty(size, np.int64)
        flat = out.reshape(out.size)
        for i in range(out.size):
            flat[i] = _hypergeometric(self, ngood, nbad, nsample)
        return out
    return impl


__all__: List[str] = []
