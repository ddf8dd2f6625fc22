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
    randint(low, high)            NumPy's masked rejection on 32-bit words
                                  (kern.random bits), 64-bit words above
                                  2**32

Each takes `size=` (an int or a tuple: an array, filled in C order).
"""

from __future__ import annotations

import ast
from typing import Any, Callable, Dict, List

from ..types import bool_, float64, int64
from .builder import Const, TupleVal, V
from .creation import checked_sizes, shape_values

__all__ = ["NAMES", "call_random", "random_array"]

# name -> (parameters with their defaults, the draw given them)
_FLOAT_DRAWS: Dict[str, tuple] = {
    "random": ((), "uniform"), "random_sample": ((), "uniform"),
    "sample": ((), "uniform"), "ranf": ((), "uniform"),
    "standard_normal": ((), "normal"),
    "uniform": ((("low", 0.0), ("high", 1.0)), "uniform"),
    "normal": ((("loc", 0.0), ("scale", 1.0)), "normal"),
    "exponential": ((("scale", 1.0),), "exponential"),
    "standard_exponential": ((), "exponential"),
    "lognormal": ((("mean", 0.0), ("sigma", 1.0)), "lognormal"),
}


NAMES = tuple(_FLOAT_DRAWS) + ("seed", "rand", "randn", "randint")


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
    if name not in _FLOAT_DRAWS:
        raise fc.unsupported(f"np.random.{name}", node)
    params, dist = _FLOAT_DRAWS[name]
    values = _bind(fc, name, [p for p, _ in params] + ["size"],
                   [Const(d) for _, d in params] + [Const(None)], args,
                   kwargs, node)
    ps = [s.cast(fc.scalar(node, v), float64) for v in values[:-1]]
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


def _float_draw(fc: Any, dist: str, params: List[V]) -> V:
    b = fc.b

    def op(text: str) -> V:
        return b.op(text, float64)
    if dist == "exponential":  # legacy_standard_exponential
        u = op("kern.random uniform : f64")
        one = b.const(1.0, float64)
        r = op(f"arith.subf {one}, {u} : f64")
        r = op(f"arith.negf {op(f'math.log {r} : f64')} : f64")
        return op(f"arith.mulf {r}, {params[0]} : f64") if params else r
    if dist == "lognormal":
        g = _float_draw(fc, "normal", params)
        return op(f"math.exp {g} : f64")
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



