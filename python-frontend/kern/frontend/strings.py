"""str values in compiled code (Numba's `unicode_type`): constants,
arguments and results, `len`, indexing, slicing, iteration, `+`, `*`,
comparisons, `in`, `str()`/`int()`/`float()` conversions, `ord`, `chr`,
`hash`, f-strings and print (the methods are in str_methods.py).

A str is a pointer to a KernStr (lib/Runtime/Str.c): the length at offset
0, then UCS4 code points. A constant is a read-only global of the module
in that layout; everything else calls the runtime:

>>> # t = s + "!";  n = len(t);  c = t[-1]
>>> #   llvm.mlir.global internal constant @__kern_str0(dense<[1, 0, 33]>
>>> #       : tensor<3xi32>) {alignment = 8 : i64} : !llvm.array<3 x i32>
>>> #   %k = llvm.mlir.addressof @__kern_str0 : !llvm.ptr
>>> #   %t = func.call @kernStrConcat(%s, %k) : (!llvm.ptr, !llvm.ptr) -> !llvm.ptr
>>> #   %n = llvm.load %t : !llvm.ptr -> i64
>>> #   %c = func.call @kernStrGetItem(%t, %m1) : (!llvm.ptr, i64) -> !llvm.ptr

Strings made by a call live until the call returns (they are recorded
with its lists), so a loop that builds strings keeps them until then.
"""

from __future__ import annotations

import ast
from typing import Any, Optional

from ..listtype import List
from ..strtype import UnicodeType, unicode_type
from ..types import Scalar, bool_, float64, int64
from .builder import Const, TupleVal, V, check_count

__all__ = ["is_str", "is_text", "is_str_list", "constant", "text_value",
           "call", "binary", "compare", "contains_applies", "contains", "getitem", "loop",
           "builtin", "fstring", "to_str", "length"]

_CMP = {"<": "slt", "<=": "sle", ">": "sgt", ">=": "sge", "==": "eq",
        "!=": "ne"}


def is_str(v: Any) -> bool:
    """A str value (not a constant)."""
    return isinstance(v, V) and isinstance(v.ty, UnicodeType)


def is_text(v: Any) -> bool:
    """A str value or a constant str."""
    return is_str(v) or (isinstance(v, Const) and isinstance(v.value, str))


def is_str_list(v: Any) -> bool:
    return isinstance(v, V) and isinstance(v.ty, List) and \
        isinstance(v.ty.dtype, UnicodeType)


def constant(fc: Any, text: str) -> V:
    """A constant str: the address of a global in KernStr's layout
    (length as two i32 words, then the code points)."""
    symbol = fc.module.str_global(text)
    return fc.b.op(f"llvm.mlir.addressof @{symbol} : !llvm.ptr",
                   unicode_type, hint="str")


def global_text(symbol: str, text: str) -> str:
    """The declaration of the global of a constant str."""
    words = [len(text) & 0xffffffff, len(text) >> 32] + [ord(c) for c in text]
    words = [w - (1 << 32) if w >= 1 << 31 else w for w in words]
    return (f"llvm.mlir.global internal constant @{symbol}(dense<"
            f"[{', '.join(map(str, words))}]> : tensor<{len(words)}xi32>) "
            f"{{alignment = 8 : i64}} : !llvm.array<{len(words)} x i32>")


def text_value(fc: Any, x: Any, node: ast.AST, what: str = "a str") -> V:
    """`x` as a str value (a constant is materialized); TypingError for
    anything else."""
    if is_str(x):
        return x
    if isinstance(x, Const) and isinstance(x.value, str):
        return constant(fc, x.value)
    raise fc.typing_error(f"expected {what}, got {fc.type_name(x)}", node)


def call(fc: Any, name: str, operands: list, result: Any = None) -> Any:
    """`func.call @kernStr<name>`; `result` a kern type (unicode_type, a
    scalar, a List) or None."""
    fc.module.uses_lists = True  # strings are freed with the lists
    if result is None:
        return fc.s.call(name, operands)
    return fc.s.call(name, operands, result, result.mlir)


def length(fc: Any, s: V) -> V:
    return fc.b.op(f"llvm.load {s} : !llvm.ptr -> i64", int64)


def _int(fc: Any, x: Any, node: ast.AST, what: str) -> V:
    """An integer argument as i64."""
    if isinstance(x, Const) and isinstance(x.value, (bool, int)):
        return fc.b.const(int(x.value), int64)
    if isinstance(x, V) and isinstance(x.ty, Scalar) and x.ty.kind in "biu":
        return x if x.ty == int64 else fc.s.cast(x, int64)
    raise fc.typing_error(f"{what} must be an integer, not "
                          f"{fc.type_name(x)}", node)


# ---- operators --------------------------------------------------------------

def binary(fc: Any, op: str, x: Any, y: Any, node: ast.AST) -> Any:
    """`x + y` of strs, `s * n` and `n * s`; None when neither is a str."""
    if not (is_text(x) or is_text(y)):
        return None
    if isinstance(x, Const) and isinstance(y, Const):
        try:
            return Const({"+": lambda a, b: a + b, "*": lambda a, b: a * b,
                          }[op](x.value, y.value))
        except (KeyError, TypeError):
            pass
    if op == "+" and is_text(x) and is_text(y):
        return call(fc, "kernStrConcat", [text_value(fc, x, node),
                                          text_value(fc, y, node)],
                    unicode_type)
    if op == "*":
        s, n = (x, y) if is_text(x) else (y, x)
        return call(fc, "kernStrRepeat", [text_value(fc, s, node),
                                          _int(fc, n, node, "the count")],
                    unicode_type)
    if op == "%" and is_text(x):
        raise fc.unsupported("str % formatting (use an f-string or str())",
                             node)
    raise fc.typing_error(f"unsupported operand types for {op}: "
                          f"{fc.type_name(x)} and {fc.type_name(y)}", node)


def compare(fc: Any, op: str, x: Any, y: Any, node: ast.AST) -> Any:
    """`==`, `!=`, `<`, `<=`, `>`, `>=` with a str; None when neither is a
    str. A str equals nothing but a str, as in Python."""
    if not (is_text(x) or is_text(y)):
        return None
    if not (is_text(x) and is_text(y)):
        if op in ("==", "!="):
            return Const(op == "!=")
        raise fc.typing_error(f"'{op}' not supported between "
                              f"{fc.type_name(x)} and {fc.type_name(y)}",
                              node)
    if isinstance(x, Const) and isinstance(y, Const):
        return Const(eval(f"a {op} b", {}, {"a": x.value, "b": y.value}))
    a, b = text_value(fc, x, node), text_value(fc, y, node)
    if op in ("==", "!="):
        r = call(fc, "kernStrEqual", [a, b], int64)
        pred, zero = ("ne" if op == "==" else "eq"), fc.b.const(0, int64)
    else:
        r = call(fc, "kernStrCompare", [a, b], int64)
        pred, zero = _CMP[op], fc.b.const(0, int64)
    return fc.b.op(f"arith.cmpi {pred}, {r}, {zero} : i64", bool_)


def contains_applies(x: Any, container: Any) -> bool:
    """Whether `x in container` is one of contains()'s."""
    if isinstance(container, TupleVal) and is_text(x):
        return True
    return is_text(container) or is_str_list(container) or (
        is_text(x) and isinstance(container, V) and
        isinstance(container.ty, List) and container.ty.dtype is None)


def contains(fc: Any, x: Any, container: Any, node: ast.AST) -> Any:
    """`x in s` (a substring) and `x in list_of_str`; None otherwise."""
    if isinstance(container, TupleVal):  # x in ("a", "b", s)
        r = fc.b.const(False, bool_)
        for item in container.items:
            eq = compare(fc, "==", x, item, node)
            eq = fc.b.const(eq.value, bool_) if isinstance(eq, Const) else eq
            r = fc.b.op(f"arith.ori {r}, {eq} : i1", bool_)
        return r
    if is_text(container):
        if not is_text(x):
            raise fc.typing_error(f"'in <string>' requires a str as left "
                                  f"operand, not {fc.type_name(x)}", node)
        r = call(fc, "kernStrContains", [text_value(fc, container, node),
                                         text_value(fc, x, node)], int64)
        return fc.s.cast(r, bool_)
    if isinstance(container.ty, List) and container.ty.dtype is None:
        return fc.b.const(False, bool_)  # nothing put in it (yet)
    if is_str_list(container):
        from .lists import index_loop, item_at
        x = text_value(fc, x, node)
        b = fc.b

        def step(k: V, found: V) -> V:
            eq = call(fc, "kernStrEqual", [item_at(fc, container, k), x],
                      int64)
            return b.op(f"arith.ori {found}, {fc.s.cast(eq, bool_)} : i1",
                        bool_)
        return index_loop(fc, fc.b.op(f"llvm.load {container} : !llvm.ptr "
                                      f"-> i64", int64), step,
                          b.const(False, bool_))
    return None


# ---- indexing and iteration -------------------------------------------------

def _bound(fc: Any, e: Optional[ast.expr], bit: int, node: ast.AST):
    """A slice bound: its i64 value (0 when absent) and its `given` bit."""
    if e is None:
        return fc.b.const(0, int64), 0
    x = fc.expr(e)
    if isinstance(x, Const) and x.value is None:
        return fc.b.const(0, int64), 0
    return _int(fc, x, node, "slice indices"), bit


def getitem(fc: Any, base: Any, index: ast.expr, node: ast.AST) -> V:
    """`s[i]` (negative from the end; IndexError out of range) and
    `s[a:b:c]`."""
    s = text_value(fc, base, node)
    if isinstance(index, ast.Slice):
        (lo, g1), (hi, g2), (st, g3) = (
            _bound(fc, index.lower, 1, node), _bound(fc, index.upper, 2, node),
            _bound(fc, index.step, 4, node))
        given = fc.b.const(g1 | g2 | g3, int64)
        return call(fc, "kernStrSlice", [s, lo, hi, st, given], unicode_type)
    i = _int(fc, fc.expr(index), node, "string indices")
    return call(fc, "kernStrGetItem", [s, i], unicode_type)


def loop(fc: Any, node: ast.For, s: V, target: ast.expr,
         index_target: Optional[ast.expr] = None) -> None:
    """`for ch in s` (and `for i, ch in enumerate(s)`): one-character
    strings."""
    name = fc.target_name(target, node)
    iname = None if index_target is None else fc.target_name(index_target,
                                                             node)

    def bind(i: V) -> None:
        k = fc.s.from_index(i)
        if iname is not None:
            fc.assign_var(iname, k, node)
        fc.assign_var(name, call(fc, "kernStrGetItem", [s, k], unicode_type),
                      node)
    fc.counted_loop(node, Const(0), length(fc, s), Const(1), bind,
                    [name] + ([iname] if iname else []))


# ---- builtins ---------------------------------------------------------------

def to_str(fc: Any, x: Any, node: ast.AST) -> Any:
    """`str(x)` of a str, bool, integer or float (Python's repr of the
    float)."""
    if isinstance(x, Const) and isinstance(x.value, (str, bool, int, float)):
        return Const(str(x.value))
    if is_str(x):
        return x
    if isinstance(x, V) and isinstance(x.ty, Scalar):
        t = x.ty
        if t.kind == "b":
            yes, no = constant(fc, "True"), constant(fc, "False")
            return fc.b.op(f"arith.select {x}, {yes}, {no} : !llvm.ptr",
                           unicode_type)
        if t.kind in "iu":
            wide = V(fc.s.cast(x, int64).name, int64, "i64") if t.bits < 64 \
                else V(x.name, int64, "i64")
            unsigned = fc.b.const(1 if t.kind == "u" and t.bits == 64 else 0,
                                  int64)
            return call(fc, "kernStrFromInt", [wide, unsigned], unicode_type)
        if t.kind == "f":
            return call(fc, "kernStrFromFloat", [fc.s.cast(x, float64)],
                        unicode_type)
    raise fc.unsupported(f"str() of {fc.type_name(x)}", node)


def _repr(fc: Any, x: Any, node: ast.AST) -> Any:
    if isinstance(x, Const) and isinstance(x.value, str):
        return Const(repr(x.value))
    if is_str(x):
        return call(fc, "kernStrRepr", [x], unicode_type)
    return to_str(fc, x, node)


def builtin(fc: Any, name: str, args: list, kwargs: dict,
            node: ast.AST) -> Any:
    """`len`, `str`, `repr`, `ord`, `chr`, `hash`, `int`, `float`, `bool`
    of strs; None when the call is not one of these."""
    if name in ("str", "chr"):
        if kwargs:
            raise fc.unsupported(f"keyword arguments to {name}()", node)
        check_count(fc, name, args, 0 if name == "str" else 1, 1, node)
        if name == "str":
            return Const("") if not args else to_str(fc, args[0], node)
        if isinstance(args[0], Const) and isinstance(args[0].value, int):
            return Const(chr(args[0].value))
        return call(fc, "kernStrChr", [_int(fc, args[0], node, "chr()'s "
                                            "argument")], unicode_type)
    if name in ("min", "max") and args and (
            any(is_text(a) for a in args) or is_str_list(args[0])):
        return _min_max(fc, name, args, kwargs, node)
    if not args or not is_text(args[0]) or name not in (
            "len", "ord", "hash", "int", "float", "bool", "repr"):
        return None
    if isinstance(args[0], Const) and len(args) == 1:
        import builtins
        return Const(getattr(builtins, name)(args[0].value))
    if kwargs and not (name == "int" and set(kwargs) <= {"base"}):
        raise fc.unsupported(f"keyword arguments to {name}()", node)
    s = text_value(fc, args[0], node)
    if name == "len":
        return length(fc, s)
    if name == "bool":
        return fc.b.op(f"arith.cmpi ne, {length(fc, s)}, "
                       f"{fc.b.const(0, int64)} : i64", bool_)
    if name == "repr":
        return _repr(fc, s, node)
    if name == "int":
        check_count(fc, name, args + list(kwargs.values()), 1, 2, node)
        base = (args[1:] or list(kwargs.values()) or [Const(10)])[0]
        return call(fc, "kernStrToInt", [s, _int(fc, base, node, "base")],
                    int64)
    check_count(fc, name, args, 1, 1, node)
    fn = {"ord": "kernStrOrd", "hash": "kernStrHash",
          "float": "kernStrToFloat"}[name]
    return call(fc, fn, [s], float64 if name == "float" else int64)


def _min_max(fc: Any, name: str, args: list, kwargs: dict,
             node: ast.AST) -> V:
    """min/max of strs, or of a list of str (ValueError when empty)."""
    if kwargs:
        raise fc.unsupported(f"keyword arguments to {name}()", node)
    b, pred = fc.b, "slt" if name == "min" else "sgt"

    def better(x: V, y: V) -> V:
        c = call(fc, "kernStrCompare", [y, x], int64)
        take = b.op(f"arith.cmpi {pred}, {c}, {b.const(0, int64)} : i64",
                    bool_)
        return b.op(f"arith.select {take}, {y}, {x} : !llvm.ptr",
                    unicode_type)
    if len(args) == 1 and is_str_list(args[0]):
        from .lists import index_loop, item_at
        l = args[0]
        n = b.op(f"llvm.load {l} : !llvm.ptr -> i64", int64)
        empty = b.op(f"arith.cmpi eq, {n}, {b.const(0, int64)} : i64", bool_)
        fc.s.raise_if(empty, "ValueError", f"{name}() arg is an empty "
                      f"sequence")
        first = item_at(fc, l, b.const(0, int64))
        return index_loop(fc, n, lambda k, acc: better(acc, item_at(fc, l, k)),
                          first)
    if len(args) < 2:
        raise fc.typing_error(f"{name}() of {fc.type_name(args[0])}", node)
    values = [text_value(fc, a, node) for a in args]
    r = values[0]
    for v in values[1:]:
        r = better(r, v)
    return r


# ---- f-strings --------------------------------------------------------------

def fstring(fc: Any, node: ast.JoinedStr) -> Any:
    """`f"..{x}.."` of str, bool, integer and float values (str() of each,
    `!r` repr of a str); format specs are refused."""
    out: Any = Const("")
    for part in node.values:
        if isinstance(part, ast.Constant):
            piece: Any = Const(part.value)
        elif isinstance(part, ast.FormattedValue):
            if part.format_spec is not None:
                raise fc.unsupported("f-string format specs ({x:...})", part)
            x = fc.expr(part.value)
            if isinstance(x, TupleVal):
                raise fc.unsupported("tuples in f-strings", part)
            piece = _repr(fc, x, part) if part.conversion == ord("r") else \
                to_str(fc, x, part)
        else:
            raise fc.unsupported("this f-string part", node)
        out = binary(fc, "+", out, piece, node)
    return out
