"""The keys of dicts and sets: numbers, strs and tuples of numbers and
strs, as the runtime's words (lib/Runtime/Dict.c), with Python's
equality.

A number or str key is one 64-bit word passed by value (integers
extended, floats as a double's bits, a str as its KernStr*). A tuple key
(`d[(i, j)]`, `{(1, 2.5), ...}`) is one word per leaf, stored into the
calling thread's key buffer of the runtime and passed by address to the
`...Key` forms of the calls (no stack growth in loops; each thread of a
prange its own buffer); the runtime hashes it with CPython's tuple hash
and compares leaf by leaf:

>>> # p = d[(i, x)]            (d: dict(Tuple(int64, float64), float64))
>>> #   %buf = func.call @kernDictKeyWords(%c2) : (i64) -> !llvm.ptr
>>> #   llvm.store %i, %buf : i64, !llvm.ptr        (leaf 0, then leaf 1)
>>> #   %s = func.call @kernDictGetSlotKey(%d, %buf) : (!llvm.ptr, !llvm.ptr) -> !llvm.ptr

A lookup is exact, as in Python: a key of a wider type than the dict's
is looked up only when it has the same value in the dict's type, so
`1.5 in {1: 2.0}` is False and `1.0 in {1: 2.0}` True (`lookup`):

>>> from kern.types import Tuple, int64, float64
>>> promote_key(Tuple([int64, int64]), Tuple([int64, float64]))
Tuple(int64, float64)
>>> promote_key(int64, float64)
float64
"""

import ast
from typing import Any, Callable, List, Optional

from ..errors import TypingError
from ..strtype import UnicodeType
from ..types import Scalar, Tuple, bool_, float64, int64, promote, uint64
from .builder import TupleVal, V

__all__ = ["is_tuple_key", "leaf_types", "check_key", "key_type",
           "promote_key", "fits", "new_table", "cast_key", "call",
           "lookup", "key_at", "pop_last", "key_error", "target_names"]


def is_tuple_key(kt: Any) -> bool:
    return isinstance(kt, Tuple)


def leaf_types(kt: Tuple) -> List[Scalar]:
    return list(kt.types)


def is_leaf_type(t: Any) -> bool:
    """Whether a tuple key may hold a leaf of type `t`: a number (not
    complex) or a str."""
    return isinstance(t, UnicodeType) or (isinstance(t, Scalar) and
                                          t.kind != "c")


def check_key(fc: Any, x: Any, what: str, where: str, node: ast.AST) -> Any:
    """`x` as a key value: a number or str V, or a TupleVal of number and
    str V's; else a located UnsupportedError naming what was given."""
    if isinstance(x, TupleVal):
        items = tuple(fc.value(i, node) for i in x.items)
        if all(isinstance(i, V) and is_leaf_type(i.ty) for i in items):
            return TupleVal(items)
    else:
        v = fc.value(x, node)
        if isinstance(v, V) and isinstance(v.ty, (Scalar, UnicodeType)):
            return v
        x = v
    raise fc.unsupported(f"{where} {what}s of {fc.type_name(x)} (kern's "
                         f"{where}s hold numbers, strs and tuples of "
                         f"numbers and strs)", node)


def key_type(k: Any) -> Any:
    """The type of a key value (a tuple's: a plain Tuple of its leaves)."""
    if isinstance(k, TupleVal):
        return Tuple([i.ty for i in k.items])
    return k.ty


def promote_key(a: Any, b: Any) -> Any:
    """The type holding keys of types `a` and `b`: NumPy's promotion of
    numbers, leaf by leaf for tuples of one length; a str only with a
    str."""
    if is_tuple_key(a) or is_tuple_key(b):
        if not (is_tuple_key(a) and is_tuple_key(b)) or \
                len(a.types) != len(b.types):
            raise TypingError(f"keys of {a} and {b} cannot be mixed")
        return Tuple([promote_key(x, y) for x, y in zip(a.types, b.types)])
    if isinstance(a, UnicodeType) or isinstance(b, UnicodeType):
        if a == b:
            return a
        raise TypingError(f"keys of {a} and {b} cannot be mixed")
    return promote(a, b)


def fits(kt: Any, t: Any) -> bool:
    """Whether keys of type `t` may be looked up in a table of `kt` keys
    (of the same shape: numbers with numbers, strs with strs, tuples of
    one length)."""
    if is_tuple_key(kt) or is_tuple_key(t):
        return is_tuple_key(kt) and is_tuple_key(t) and \
            len(kt.types) == len(t.types) and all(
                fits(x, y) for x, y in zip(kt.types, t.types))
    return isinstance(kt, UnicodeType) == isinstance(t, UnicodeType)


# ---- the runtime's words ----------------------------------------------------

def _kind(t: Any) -> str:
    return t.kind if t.kind in "fubU" else "i"


def new_table(fc: Any, kt: Any, value_size: int) -> V:
    """kernDictNew (kernDictNewTuple for tuple keys) of `value_size`-byte
    values (0: a set); the call's result, a !llvm.ptr."""
    size = fc.b.const(value_size, int64)
    if not is_tuple_key(kt):
        kind = fc.b.const(ord(kt.kind if kt.kind in "fU" else "i"), int64)
        return fc.s.call("kernDictNew", [kind, size], int64, "!llvm.ptr")
    kinds = [fc.b.const(ord(_kind(t)), int64) for t in kt.types]
    return _with_words(fc, kinds, lambda buf: fc.s.call(
        "kernDictNewTuple", [buf, fc.b.const(len(kinds), int64), size],
        int64, "!llvm.ptr"))


def cast_key(fc: Any, k: Any, kt: Any) -> Any:
    """The key value `k` in the table's key type `kt`."""
    if isinstance(kt, UnicodeType):
        return k
    if is_tuple_key(kt):
        return TupleVal(tuple(cast_key(fc, i, t)
                              for i, t in zip(k.items, kt.types)))
    return fc.s.cast(k, kt)


def _word(fc: Any, t: Any, k: V) -> V:
    """A key (leaf) of type `t` as the runtime's 64 bits."""
    s, b = fc.s, fc.b
    if isinstance(t, UnicodeType):
        return b.op(f"llvm.ptrtoint {k} : !llvm.ptr to i64", int64)
    if t.kind == "f":
        f = s.cast(k, float64)
        return b.op(f"arith.bitcast {f} : f64 to i64", int64)
    return s.cast(k, uint64 if t.kind == "u" else int64)


def of_word(fc: Any, t: Any, w: V) -> V:
    """The key (leaf) of type `t` of the runtime's 64 bits."""
    s, b = fc.s, fc.b
    if isinstance(t, UnicodeType):
        return b.op(f"llvm.inttoptr {w} : i64 to !llvm.ptr", t)
    if t.kind == "f":
        return s.cast(b.op(f"arith.bitcast {w} : i64 to f64", float64), t)
    if t.kind == "u":
        w = V(w.name, uint64, "i64")
    return s.cast(w, t)


def _with_words(fc: Any, words: List[V], body: Callable[[V], Any]) -> Any:
    """body(address) of `words` (computed before) stored in the thread's
    key buffer, which the one call in `body` reads (or writes)."""
    b = fc.b
    n = b.const(max(1, len(words)), int64)
    buf = fc.s.call("kernDictKeyWords", [n], int64, "!llvm.ptr")
    for i, w in enumerate(words):
        b.emit(f"llvm.store {w}, {_leaf_address(fc, buf, i)} : i64, "
               f"!llvm.ptr")
    return body(buf)


def _leaf_address(fc: Any, p: V, i: int) -> V:
    if i == 0:
        return p
    return fc.b.op(f"llvm.getelementptr {p}[{i}] : (!llvm.ptr) -> "
                   f"!llvm.ptr, i64", int64, "!llvm.ptr")


def call(fc: Any, name: str, d: V, kt: Any, k: Any, ty: Any = None,
         mt: Optional[str] = None) -> Optional[V]:
    """`name(d, key)` with `k` (already of type `kt`); for a tuple key
    `nameKey(d, address of its words)`."""
    if not is_tuple_key(kt):
        return fc.s.call(name, [d, _word(fc, kt, k)], ty, mt)
    words = [_word(fc, t, i) for t, i in zip(kt.types, k.items)]
    return _with_words(fc, words, lambda buf: fc.s.call(
        name + "Key", [d, buf], ty, mt))


# ---- exact lookups ---------------------------------------------------------

def _exact(fc: Any, t: Scalar, v: V) -> Optional[V]:
    """Whether `v` has the same value in type `t` (an i1), computed
    without a conversion that could raise; None when every value of v's
    type has (its type promotes to `t`, or both are str)."""
    if isinstance(t, UnicodeType):
        return None
    if v.ty.kind == "c":
        raise TypingError(f"a complex key looked up among {t} keys")
    if promote(t, v.ty) == t:
        return None
    s, b, m = fc.s, fc.b, v.ty.mlir
    if t.kind == "b":
        zero = s.compare("==", v, b.const(0, v.ty))
        one = s.compare("==", v, b.const(1, v.ty))
        return b.op(f"arith.ori {zero}, {one} : i1", bool_)
    if v.ty.kind == "f" and t.kind == "f":  # a narrower float
        return s.compare("==", s.cast(s.cast(v, t), v.ty), v)
    if v.ty.kind == "f":  # an integral value within t's range
        lo = 0.0 if t.kind == "u" else -(2.0 ** (t.bits - 1))
        hi = 2.0 ** t.bits if t.kind == "u" else 2.0 ** (t.bits - 1)
        whole = s.compare("==", b.op(f"math.trunc {v} : {m}", v.ty), v)
        above = s.compare(">=", v, b.const(lo, v.ty))
        below = s.compare("<", v, b.const(hi, v.ty))
        r = b.op(f"arith.andi {whole}, {above} : i1", bool_)
        return b.op(f"arith.andi {r}, {below} : i1", bool_)
    # an integer of another width or sign: the same value back
    back = s.compare("==", s.cast(s.cast(v, t), v.ty), v)
    if t.kind != v.ty.kind:
        sign = v if v.ty.kind == "i" else s.cast(v, t)
        zero = b.const(0, sign.ty)
        pos = b.op(f"arith.cmpi sge, {sign}, {zero} : {sign.ty.mlir}", bool_)
        back = b.op(f"arith.andi {back}, {pos} : i1", bool_)
    return back


def lookup(fc: Any, kt: Any, k: Any, found: Callable[[Any], V],
           missing: Callable[[], V]) -> V:
    """found(key in type kt) when the key value `k` is exactly a key of
    type `kt`, else missing() (1.5 is no int key, (1, 2.5) no key of
    Tuple(int64, int64)); both one-result builders."""
    if isinstance(kt, UnicodeType):
        return found(k)
    pairs = zip(kt.types, k.items) if is_tuple_key(kt) else [(kt, k)]
    checks = [c for c in (_exact(fc, t, v) for t, v in pairs)
              if c is not None]
    if not checks:
        return found(cast_key(fc, k, kt))
    b = fc.b
    exact = checks[0]
    for c in checks[1:]:
        exact = b.op(f"arith.andi {exact}, {c} : i1", bool_)
    r, lines_t = b.capture(lambda: found(cast_key(fc, k, kt)))
    no, lines_e = b.capture(missing)
    mt = r.mt
    return fc.emit_if_results(exact, lines_t + [f"scf.yield {r} : {mt}"],
                              lines_e + [f"scf.yield {no} : {mt}"], [r.ty],
                              [r])[0]


# ---- reading keys back -----------------------------------------------------

def _key_of(fc: Any, kt: Any, p: V) -> TupleVal:
    """The tuple key of the words at address `p`."""
    items = []
    for i, t in enumerate(kt.types):
        w = fc.b.op(f"llvm.load {_leaf_address(fc, p, i)} : !llvm.ptr -> i64",
                    int64)
        items.append(of_word(fc, t, w))
    return TupleVal(tuple(items))


def key_at(fc: Any, d: V, kt: Any, at: V) -> Any:
    """The key of entry `at` (an i64) of the packed entries."""
    if not is_tuple_key(kt):
        return of_word(fc, kt, fc.s.call("kernDictKeyAt", [d, at], int64))
    p = fc.s.call("kernDictKeyAddress", [d, at], int64, "!llvm.ptr")
    return _key_of(fc, kt, p)


def pop_last(fc: Any, d: V, kt: Any) -> Any:
    """The last key, removed (KeyError when empty: set.pop())."""
    if not is_tuple_key(kt):
        return of_word(fc, kt, fc.s.call("kernDictPopLast", [d], int64))
    zero = fc.b.const(0, int64)
    return _with_words(fc, [zero] * len(kt.types), lambda buf: (
        fc.s.call("kernDictPopLastKey", [d, buf], int64),
        _key_of(fc, kt, buf))[1])


# ---- KeyError ---------------------------------------------------------------

def key_error(fc: Any, k: Any, missing: V) -> None:
    """KeyError(k) when `missing`, with the key value as its message."""
    if isinstance(k, TupleVal) and any(isinstance(v.ty, UnicodeType)
                                       for v in k.items):
        fc.s.raise_if(missing, "KeyError", "key not found")
        return
    if isinstance(k, TupleVal):
        fmts, args = [], []
        for v in k.items:
            f, a = _format(fc, v)
            fmts.append(f)
            args += a
        text = "(" + ", ".join(fmts) + ("," if len(fmts) == 1 else "") + ")"
        fc.s.raise_if(missing, "KeyError", text, args)
        return
    if isinstance(k.ty, UnicodeType):
        b = fc.b
        b.emit(f"scf.if {missing} {{")
        b.push()
        fc.s.call("kernStrRaiseKeyError", [k])
        lines = b.pop()
        for line in lines:
            b.emit("  " + line)
        b.emit("}")
        return
    if k.ty.kind == "b":
        fc.s.raise_if(missing, "KeyError", "key not found")
        return
    f, args = _format(fc, k)
    fc.s.raise_if(missing, "KeyError", f, args)


def _format(fc: Any, v: V) -> Any:
    """A number's format in a KeyError message, and its arguments."""
    if v.ty.kind == "f":
        return "%g", [fc.s.cast(v, float64)]
    if v.ty.kind == "b":  # True / False
        one = fc.s.cast(v, int64)
        return "%d", [one]
    return "%d", [fc.s.cast(v, int64)]


def target_names(fc: Any, target: ast.expr, node: ast.AST) -> List[str]:
    """The names a loop over keys binds: a name, or the names of a tuple
    target that unpacks tuple keys (`for i, j in d`)."""
    if isinstance(target, ast.Tuple):
        return [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
    return [fc.target_name(target, node)]
