"""`np.random` in compiled code: NumPy's legacy generator (RandomState),
draw for draw, so that `np.random.seed(s)` followed by draws gives what
NumPy gives (lib/Runtime/Random.c holds the MT19937 state per thread).

    random, rand, random_sample   kern.random uniform        (random_sample)
    randn, standard_normal,       kern.random normal         (legacy_gauss)
    normal(loc, scale)
    uniform(low, high)            low + (high - low) * uniform
    exponential(scale),           -log(1 - uniform) * scale  (legacy)
    standard_exponential
    lognormal(mean, sigma)        exp(mean + sigma * normal)
    standard_gamma, gamma,        the runtime's legacy_standard_gamma
    chisquare, beta, poisson      / legacy_beta / random_poisson
    standard_t, standard_cauchy,  built on those, in NumPy's order of draws
    pareto, weibull, power,
    laplace, gumbel, logistic,    NumPy's random_laplace, ... (a uniform
    rayleigh, triangular          drawn again while 0.0; libm's log1p)
    geometric                     the runtime's legacy_random_geometric
    randint(low, high)            NumPy's masked rejection on 32-bit words
                                  (kern.random bits), 64-bit words above
                                  2**32

Each takes `size=` (an int or a tuple: an array, filled in C order), and
invalid parameters raise NumPy's ValueErrors ("scale < 0", "a <= 0", ...).
binomial, hypergeometric, dirichlet, multinomial and the other legacy
distributions are overloads on C functions of the same state
(kern/np/legacy_random.py); shuffle, permutation and choice are
kern/np/shuffling.py's.
"""

from __future__ import annotations

import ast
from typing import Any, Callable, Dict, List

from ..types import bool_, float64, int64
from .builder import Const, TupleVal, V
from .creation import checked_sizes, shape_values

__all__ = ["NAMES", "call_random", "random_array"]

REQUIRED = object()  # a parameter without a default

# name -> (parameters and defaults, checks (parameter, 'op bound'), draw)
_DRAWS: Dict[str, tuple] = {
    "random": ((), (), "uniform"), "random_sample": ((), (), "uniform"),
    "sample": ((), (), "uniform"), "ranf": ((), (), "uniform"),
    "standard_normal": ((), (), "normal"),
    "uniform": ((("low", 0.0), ("high", 1.0)), (), "uniform"),
    "normal": ((("loc", 0.0), ("scale", 1.0)), (("scale", "< 0"),), "normal"),
    "exponential": ((("scale", 1.0),), (("scale", "< 0"),), "exponential"),
    "standard_exponential": ((), (), "exponential"),
    "lognormal": ((("mean", 0.0), ("sigma", 1.0)), (("sigma", "< 0"),),
                  "lognormal"),
    "standard_gamma": ((("shape", REQUIRED),), (("shape", "< 0"),), "gamma"),
    "gamma": ((("shape", REQUIRED), ("scale", 1.0)),
              (("shape", "< 0"), ("scale", "< 0")), "gamma"),
    "chisquare": ((("df", REQUIRED),), (("df", "<= 0"),), "chisquare"),
    "beta": ((("a", REQUIRED), ("b", REQUIRED)), (("a", "<= 0"), ("b", "<= 0")),
             "beta"),
    "standard_t": ((("df", REQUIRED),), (("df", "<= 0"),), "standard_t"),
    "standard_cauchy": ((), (), "cauchy"),
    "pareto": ((("a", REQUIRED),), (("a", "<= 0"),), "pareto"),
    "weibull": ((("a", REQUIRED),), (("a", "< 0"),), "weibull"),
    "power": ((("a", REQUIRED),), (("a", "<= 0"),), "power"),
    "poisson": ((("lam", 1.0),), (("lam", "< 0"),), "poisson"),
    "laplace": ((("loc", 0.0), ("scale", 1.0)), (("scale", "< 0"),),
                "laplace"),
    "gumbel": ((("loc", 0.0), ("scale", 1.0)), (("scale", "< 0"),), "gumbel"),
    "logistic": ((("loc", 0.0), ("scale", 1.0)), (("scale", "< 0"),),
                 "logistic"),
    "rayleigh": ((("scale", 1.0),), (("scale", "< 0"),), "rayleigh"),
    "geometric": ((("p", REQUIRED),), (("p", "<= 0"), ("p", "> 1")),
                  "geometric"),
    "triangular": ((("left", REQUIRED), ("mode", REQUIRED),
                    ("right", REQUIRED)), (), "triangular"),
}

# NumPy's RandomState.poisson_lam_max: larger lam could overflow int64
_POISSON_LAM_MAX = float(2**63 - 1) - (2**63 - 1) ** 0.5 * 10


NAMES = tuple(_DRAWS) + ("seed", "rand", "randn", "randint")


def call_random(fc: Any, name: str, args: list, kwargs: dict,
                node: ast.AST) -> Any:
    """`np.random.<name>(...)`."""
    s = fc.s
    if name == "seed":
        if len(args) != 1 or kwargs:
            raise fc.typing_error("np.random.seed() takes one integer", node)
        v = s.cast(fc.scalar(node, args[0]), int64)
        fc.b.emit(f"kern.seed {v} : i64")
        return Const(None)
    if name in ("rand", "randn"):
        if kwargs:
            raise fc.typing_error(f"np.random.{name}() takes no keywords", node)
        size = TupleVal(tuple(args)) if args else None
        return random_array(fc, "uniform" if name == "rand" else "normal",
                            size, [], node)
    if name == "randint":
        return randint(fc, args, kwargs, node)
    if name not in _DRAWS:
        raise fc.unsupported(f"np.random.{name}", node)
    params, checks, dist = _DRAWS[name]
    names = [p for p, _ in params]
    values = _bind(fc, name, names + ["size"],
                   [None if d is REQUIRED else Const(d) for _, d in params] +
                   [Const(None)], args, kwargs, node)
    missing = [n for n, v in zip(names, values) if v is None]
    if missing:
        raise fc.typing_error(f"np.random.{name}() missing a required "
                              f"argument: '{missing[0]}'", node)
    ps = [s.cast(fc.scalar(node, v), float64) for v in values[:-1]]
    for param, check in checks:  # NumPy's ValueErrors
        op, bound = check.split()
        v = ps[names.index(param)]
        s.raise_if(s.compare(op, v, fc.b.const(float(bound), float64)),
                   "ValueError", f"{param} {check}")
    if dist == "triangular":  # NumPy's order of checks
        left, mode, right = ps
        s.raise_if(s.compare(">", left, mode), "ValueError", "left > mode")
        s.raise_if(s.compare(">", mode, right), "ValueError", "mode > right")
        s.raise_if(s.compare("==", left, right), "ValueError",
                   "left == right")
    if dist == "geometric":
        return _fill(fc, values[-1], int64, lambda: _runtime(
            fc, "kern_rt_random_geometric", ps, int64), node)
    if dist == "poisson":
        s.raise_if(s.compare(">", ps[0], fc.b.const(_POISSON_LAM_MAX, float64)),
                   "ValueError", "lam value too large")
        return _fill(fc, values[-1], int64, lambda: _runtime(
            fc, "kern_rt_random_poisson", ps, int64), node)
    return random_array(fc, dist, values[-1], ps, node)


def _bind(fc: Any, name: str, names: List[str], defaults: List[Any],
          args: list, kwargs: dict, node: ast.AST) -> List[Any]:
    """The arguments of `np.random.<name>` in the order of `names`."""
    if len(args) > len(names):
        raise fc.typing_error(f"np.random.{name}() takes at most "
                              f"{len(names)} arguments", node)
    values = list(args) + defaults[len(args):]
    for k, v in kwargs.items():
        if k not in names or names.index(k) < len(args):
            raise fc.typing_error(f"np.random.{name}() got an unexpected or "
                                  f"repeated keyword '{k}'", node)
        values[names.index(k)] = v
    return values


def random_array(fc: Any, dist: str, size: Any, params: List[V],
                 node: ast.AST) -> V:
    """A draw (or an array of `size` draws) of `dist` with `params`."""
    return _fill(fc, size, float64, lambda: _float_draw(fc, dist, params),
                 node)


def _fill(fc: Any, size: Any, dtype: Any, draw: Callable[[], V],
          node: ast.AST) -> V:
    if size is None or (isinstance(size, Const) and size.value is None):
        return draw()
    sizes = checked_sizes(fc, shape_values(fc, size, node))
    a = fc.arr.alloc(sizes, dtype)
    fc.arr.loop_nest([fc.s.to_index(v) for v in sizes],
                     lambda iv: fc.arr.store(draw(), a, iv))
    return a


def _runtime(fc: Any, name: str, args: List[V], ty: Any) -> V:
    """A call of the C function `name`: a draw of the runtime
    (lib/Runtime/Random.c) or libm's."""
    return fc.s.call(name, args, ty)


def _nonzero_uniform(fc: Any) -> V:
    """A uniform draw, drawn again while it is 0.0 (NumPy's rejection in
    laplace, gumbel and logistic)."""
    b = fc.b
    r, a, u, zero = b.fresh("u"), b.fresh("a"), b.fresh("u"), b.fresh("c")
    b.emit(f"{r} = scf.while ({a} = {b.const(0.0, float64)}) : (f64) -> f64 {{")
    b.emit(f"  {u} = kern.random uniform : f64")
    b.emit(f"  {zero} = arith.constant 0.0 : f64")
    again = b.fresh("again")
    b.emit(f"  {again} = arith.cmpf oeq, {u}, {zero} : f64")
    b.emit(f"  scf.condition({again}) {u} : f64")
    y = b.fresh("y")
    b.emit(f"}} do {{\n^bb0({y}: f64):\n  scf.yield {y} : f64\n}}")
    return V(r, float64, "f64")


def _location_scale(fc: Any, dist: str, params: List[V]) -> V:
    """laplace, gumbel, logistic (NumPy's random_laplace, ...)."""
    b, s = fc.b, fc.s
    loc, scale = params

    def arith(name: str, x: V, y: V) -> V:
        return b.op(f"arith.{name}f {x}, {y} : f64", float64)

    def log(x: V) -> V:
        return b.op(f"math.log {x} : f64", float64)
    one, two = b.const(1.0, float64), b.const(2.0, float64)
    u = _nonzero_uniform(fc)
    if dist == "gumbel":  # U = 1 - d < 1: loc - scale * log(-log(U))
        t = b.op(f"arith.negf {log(arith('sub', one, u))} : f64", float64)
        return arith("sub", loc, arith("mul", scale, log(t)))
    if dist == "logistic":  # loc + scale * log(U / (1 - U))
        q = arith("div", u, arith("sub", one, u))
        return arith("add", loc, arith("mul", scale, log(q)))
    twice = arith("add", u, u)
    upper = arith("sub", loc, arith("mul", scale,
                                    log(arith("sub", arith("sub", two, u), u))))
    lower = arith("add", loc, arith("mul", scale, log(twice)))
    return s.select(s.compare(">=", u, b.const(0.5, float64)), upper, lower)


def _if_value(fc: Any, cond: V, then_fn: Callable[[], V],
              else_fn: Callable[[], V]) -> V:
    """`then_fn() if cond else else_fn()` as an scf.if (only the branch
    taken draws)."""
    b = fc.b
    branches = [b.capture(then_fn), b.capture(else_fn)]
    for v, lines in branches:
        b.push()
        b.stack[-1] = lines
        b.emit(f"scf.yield {v} : {v.mt}")
        b.pop()
    (tv, tl), (_, el) = branches
    return fc.emit_if_results(cond, tl, el, [tv.ty], [tv])[0]


def _float_draw(fc: Any, dist: str, params: List[V]) -> V:
    """One draw of `dist`, NumPy's legacy algorithm, in NumPy's order of
    draws."""
    b = fc.b

    def op(text: str) -> V:
        return b.op(text, float64)

    def num(x: float) -> V:
        return b.const(x, float64)

    def exponential() -> V:  # legacy_standard_exponential
        u = op("kern.random uniform : f64")
        r = op(f"arith.subf {num(1.0)}, {u} : f64")
        return op(f"arith.negf {op(f'math.log {r} : f64')} : f64")

    def gamma(shape: V) -> V:
        return _runtime(fc, "kern_rt_random_standard_gamma", [shape], float64)

    def inverse(a: V) -> V:
        return op(f"arith.divf {num(1.0)}, {a} : f64")

    if dist == "exponential":
        r = exponential()
        return op(f"arith.mulf {r}, {params[0]} : f64") if params else r
    if dist == "lognormal":
        return op(f"math.exp {_float_draw(fc, 'normal', params)} : f64")
    if dist == "gamma":
        g = gamma(params[0])
        return op(f"arith.mulf {params[1]}, {g} : f64") if len(params) > 1 \
            else g
    if dist == "chisquare":
        half = op(f"arith.divf {params[0]}, {num(2.0)} : f64")
        return op(f"arith.mulf {num(2.0)}, {gamma(half)} : f64")
    if dist == "beta":
        return _runtime(fc, "kern_rt_random_beta", params, float64)
    if dist == "standard_t":
        g = op("kern.random normal : f64")
        half = op(f"arith.divf {params[0]}, {num(2.0)} : f64")
        d = op(f"math.sqrt {gamma(half)} : f64")
        r = op(f"arith.mulf {op(f'math.sqrt {half} : f64')}, {g} : f64")
        return op(f"arith.divf {r}, {d} : f64")
    if dist == "cauchy":
        n = op("kern.random normal : f64")
        return op(f"arith.divf {n}, {op('kern.random normal : f64')} : f64")
    if dist == "pareto":
        e = op(f"arith.divf {exponential()}, {params[0]} : f64")
        return op(f"arith.subf {op(f'math.exp {e} : f64')}, {num(1.0)} : f64")
    if dist == "power":
        e = op(f"math.exp {op(f'arith.negf {exponential()} : f64')} : f64")
        base = op(f"arith.subf {num(1.0)}, {e} : f64")
        return op(f"math.powf {base}, {inverse(params[0])} : f64")
    if dist == "weibull":  # a == 0 draws nothing
        zero = fc.s.compare("==", params[0], num(0.0))
        return _if_value(fc, zero, lambda: num(0.0), lambda: op(
            f"math.powf {exponential()}, {inverse(params[0])} : f64"))
    if dist == "triangular":  # NumPy's random_triangular
        left, mode, right = params
        base = op(f"arith.subf {right}, {left} : f64")
        leftbase = op(f"arith.subf {mode}, {left} : f64")
        ratio = op(f"arith.divf {leftbase}, {base} : f64")
        leftprod = op(f"arith.mulf {leftbase}, {base} : f64")
        rightprod = op(f"arith.mulf {op(f'arith.subf {right}, {mode} : f64')}"
                       f", {base} : f64")
        u = op("kern.random uniform : f64")
        low_part = op(f"arith.mulf {u}, {leftprod} : f64")
        lo = op(f"arith.addf {left}, {op(f'math.sqrt {low_part} : f64')} : f64")
        rest = op(f"arith.mulf {op(f'arith.subf {num(1.0)}, {u} : f64')}, "
                  f"{rightprod} : f64")
        hi = op(f"arith.subf {right}, {op(f'math.sqrt {rest} : f64')} : f64")
        return fc.s.select(fc.s.compare("<=", u, ratio), lo, hi)
    if dist in ("laplace", "gumbel", "logistic"):
        return _location_scale(fc, dist, params)
    if dist == "rayleigh":  # mode * sqrt(-2 log1p(-U)), the C log1p
        u = op("kern.random uniform : f64")
        e = _runtime(fc, "log1p", [op(f"arith.negf {u} : f64")], float64)
        e = op(f"arith.mulf {num(-2.0)}, {e} : f64")
        return op(f"arith.mulf {params[0]}, {op(f'math.sqrt {e} : f64')} : f64")
    r = op(f"kern.random {dist} : f64")
    if not params:
        return r
    lo, hi = params
    if dist == "uniform":
        r = op(f"arith.mulf {r}, {op(f'arith.subf {hi}, {lo} : f64')} : f64")
    else:
        r = op(f"arith.mulf {r}, {hi} : f64")
    return op(f"arith.addf {r}, {lo} : f64")


# ---------------------------------------------------------------------------
# randint
# ---------------------------------------------------------------------------

def randint(fc: Any, args: list, kwargs: dict, node: ast.AST) -> V:
    """`randint(low, high=None, size=None, dtype=int)`: NumPy's legacy
    `random_bounded_uint64_fill` with the masked method."""
    s, b = fc.s, fc.b
    low, high, size, dtype = _bind(
        fc, "randint", ["low", "high", "size", "dtype"],
        [None, Const(None), Const(None), Const(None)], args, kwargs, node)
    if low is None:
        raise fc.typing_error("np.random.randint() needs low", node)
    import numpy
    if not (isinstance(dtype, Const) and dtype.value in (None, int, numpy.int64)):
        raise fc.unsupported("randint with a dtype other than int64", node)
    lo = s.cast(fc.scalar(node, low), int64)
    if isinstance(high, Const) and high.value is None:
        lo, hi = b.const(0, int64), lo
    else:
        hi = s.cast(fc.scalar(node, high), int64)
    s.raise_if(s.compare(">=", lo, hi), "ValueError", "low >= high")
    rng = s.binop("-", s.binop("-", hi, lo), b.const(1, int64))
    mask = rng
    for shift in (1, 2, 4, 8, 16, 32):
        c = b.const(shift, int64)
        mask = b.op(f"arith.ori {mask}, "
                    f"{b.op(f'arith.shrui {mask}, {c} : i64', int64)} : i64",
                    int64)
    return _fill(fc, size, int64, lambda: s.binop(
        "+", lo, _bounded(fc, rng, mask)), node)


def _bounded(fc: Any, rng: V, mask: V) -> V:
    """A value in [0, rng]: 0 without a draw when rng is 0, else masked
    words (32-bit when rng < 2**32, else 64-bit, high word first) until one
    is at most rng."""
    b = fc.b
    zero = b.const(0, int64)
    is_zero = b.op(f"arith.cmpi eq, {rng}, {zero} : i64", bool_)
    small = b.op(f"arith.cmpi ule, {rng}, {b.const(0xFFFFFFFF, int64)} : i64",
                 bool_)
    r = b.fresh("bounded")
    b.emit(f"{r} = scf.if {is_zero} -> (i64) {{")
    b.emit(f"  scf.yield {zero} : i64")
    b.emit("} else {")
    v = b.fresh("v")
    b.emit(f"  {v} = scf.if {small} -> (i64) {{")
    _masked_loop(fc, rng, mask, 1, "    ")
    b.emit("  } else {")
    _masked_loop(fc, rng, mask, 2, "    ")
    b.emit("  }")
    b.emit(f"  scf.yield {v} : i64")
    b.emit("}")
    return V(r, int64, "i64")


def _masked_loop(fc: Any, rng: V, mask: V, words: int, pad: str) -> None:
    """`scf.yield` of the first masked draw of `words` 32-bit words that is
    at most rng."""
    b = fc.b
    x, a, got = b.fresh("x"), b.fresh("a"), b.fresh("m")
    zero = b.const(0, int64)  # emitted before the loop
    b.emit(f"{pad}{x} = scf.while ({a} = {zero}) : (i64) -> i64 {{")
    word = None
    for k in range(words):
        w, w64 = b.fresh("w"), b.fresh("w")
        b.emit(f"{pad}  {w} = kern.random bits : i32")
        b.emit(f"{pad}  {w64} = arith.extui {w} : i32 to i64")
        if word is None:
            word = w64
        else:
            hi, both = b.fresh("hi"), b.fresh("u")
            c32 = b.fresh("c")
            b.emit(f"{pad}  {c32} = arith.constant 32 : i64")
            b.emit(f"{pad}  {hi} = arith.shli {word}, {c32} : i64")
            b.emit(f"{pad}  {both} = arith.ori {hi}, {w64} : i64")
            word = both
    again = b.fresh("again")
    b.emit(f"{pad}  {got} = arith.andi {word}, {mask} : i64")
    b.emit(f"{pad}  {again} = arith.cmpi ugt, {got}, {rng} : i64")
    b.emit(f"{pad}  scf.condition({again}) {got} : i64")
    b.emit(f"{pad}}} do {{")
    y = b.fresh("y")
    b.emit(f"{pad}^bb0({y}: i64):")
    b.emit(f"{pad}  scf.yield {y} : i64")
    b.emit(f"{pad}}}")
    b.emit(f"{pad}scf.yield {x} : i64")



