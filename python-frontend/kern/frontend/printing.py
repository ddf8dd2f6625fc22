"""print() in compiled code, through the runtime (lib/Runtime/Print.c).

Each argument becomes an item of the line: constants (strings, numbers,
None, the separators) are texts made at compile time with Python's own
str(), values are passed to the runtime, which hands the line to Python's
sys.stdout as Numba does (a float32 prints as the Python float it boxes to).

>>> # print("x =", x, a)   (x: float64, a: int64[:])
>>> #   %t0 = memref.get_global @__kern_text0 : memref<4xi8>  ("x = ")
>>> #   %t1 = memref.cast %t0 : memref<4xi8> to memref<?xi8>
>>> #   func.call @kernRuntimePrintText(%t1) : (memref<?xi8>) -> ()
>>> #   func.call @kernRuntimePrintFloat(%x) : (f64) -> ()
>>> #   ...
>>> #   func.call @kernRuntimePrintArray(%code, %address, %meta)
>>> #   func.call @kernRuntimePrintEnd(%c0) : (i64) -> ()

`sep=`, `end=` (constant strings) and `flush=` are Python's; `file=` is
refused. Tuples, lists, dicts and sets print as Python prints them
(`(1, 2.5)`, `[1.0, 2.0]`, `{1: 0.5}`, `{1, 2}`).
"""

import ast
from typing import Any, List, Union

from ..dicttype import Dict as DictType
from ..errors import UnsupportedError
from ..listtype import List as ListType
from ..settype import Set as SetType
from ..strtype import UnicodeType
from ..types import Array, Scalar, Tuple, float64, int64
from .builder import Const, TupleVal, V
from .dicts import key_value_types
from .lists import item_type, type_code
from .sets import item_type as set_item_type
from .strings import call as str_call, is_str

Piece = Union[str, V]


def call_print(fc: Any, args: list, kwargs: dict, node: ast.AST) -> Const:
    """Emit `print(*args, **kwargs)`; returns the constant None."""
    sep = _text_option(fc, kwargs, "sep", " ", node)
    end = _text_option(fc, kwargs, "end", "\n", node)
    flush = kwargs.pop("flush", Const(False))
    if not isinstance(flush, Const):
        raise fc.unsupported("a flush= that is not a constant", node)
    if kwargs:
        raise fc.unsupported(f"print() with {'=, '.join(sorted(kwargs))}=",
                             node)
    pieces: List[Piece] = []
    for i, a in enumerate(args):
        if i:
            pieces.append(sep)
        _pieces(fc, a, pieces, False, node)
    pieces.append(end)
    for piece in _merged(pieces):
        if isinstance(piece, str):
            _text(fc, piece)
        else:
            _value(fc, piece)
    _call(fc, "End", [fc.b.const(1 if flush.value else 0, int64)])
    fc.module.prints = True
    return Const(None)


def _text_option(fc: Any, kwargs: dict, name: str, default: str,
                 node: ast.AST) -> str:
    v = kwargs.pop(name, Const(None))
    if isinstance(v, Const) and v.value is None:
        return default
    if isinstance(v, Const) and isinstance(v.value, str):
        return v.value
    raise fc.typing_error(f"print(): {name}= must be a constant string or "
                          f"None, not {fc.type_name(v)}", node)


def _pieces(fc: Any, a: Any, out: List[Piece], in_tuple: bool,
            node: ast.AST) -> None:
    """The texts and values that print `a` (repr inside a tuple)."""
    if isinstance(a, Const):
        out.append(repr(a.value) if in_tuple else str(a.value))
    elif isinstance(a, TupleVal):
        out.append("(")
        for i, item in enumerate(a.items):
            if i:
                out.append(", ")
            _pieces(fc, item, out, True, node)
        out.append(",)" if len(a.items) == 1 else ")")
    elif isinstance(a, V) and isinstance(a.ty, Scalar):
        out.append(a)
    elif is_str(a):  # a str in a tuple prints as its repr
        out.append(str_call(fc, "kernStrRepr", [a], a.ty) if in_tuple else a)
    elif isinstance(a, V) and isinstance(a.ty, (Array, ListType, DictType,
                                               SetType)) and \
            not (in_tuple and isinstance(a.ty, Array)) and not (
                isinstance(a.ty, ListType) and not isinstance(
                    item_type(fc, a), (Scalar, UnicodeType))) and not (
                isinstance(a.ty, DictType) and not isinstance(
                    key_value_types(fc, a)[1], (Scalar, UnicodeType))):
        out.append(a)
    else:
        raise fc.unsupported(f"print() of {fc.type_name(a)}", node)


def _merged(pieces: List[Piece]) -> List[Piece]:
    """Adjacent texts joined; empty ones dropped."""
    out: List[Piece] = []
    for p in pieces:
        if isinstance(p, str) and out and isinstance(out[-1], str):
            out[-1] += p
        elif not (isinstance(p, str) and not p):
            out.append(p)
    return out


def _call(fc: Any, what: str, operands: List[V]) -> None:
    fc.s.call("kernRuntimePrint" + what, operands, readonly=True)


def _text(fc: Any, text: str) -> None:
    data = text.encode("utf-8")
    mt = f"memref<{len(data)}xi8>"
    symbol = fc.module.text_global(data)
    t = fc.b.op(f"memref.get_global @{symbol} : {mt}", int64, mt, hint="text")
    _call(fc, "Text", [fc.b.op(f"memref.cast {t} : {mt} to memref<?xi8>",
                               int64, "memref<?xi8>")])


def _key_code(fc: Any, t: Any) -> V:
    """A key type's code: a number's, or 'T' << 8 for tuple keys (the
    runtime reads their leaves' kinds from the dict)."""
    if isinstance(t, Tuple):
        return fc.b.const(ord("T") << 8, int64)
    return type_code(fc, t)


def push_value(fc: Any, v: V) -> None:
    """Push the item of one value (a number, str or array of numbers) for
    the line being built: also the arguments of a with objmode(...) block
    (kern/frontend/objmode.py)."""
    _value(fc, v)


def _value(fc: Any, v: V) -> None:
    t = v.ty.dtype if isinstance(v.ty, Array) else v.ty
    if getattr(t, "kind", "") in ("M", "m"):
        raise UnsupportedError(f"print() of {v.ty} (kern prints numbers, "
                               f"strings and their arrays; print "
                               f"a.astype(np.int64) for the counts)")
    if is_str(v):
        return _call(fc, "Str", [v])
    if isinstance(v.ty, Array):
        return _array(fc, v)
    if isinstance(v.ty, ListType):
        return _call(fc, "List", [v, type_code(fc, item_type(fc, v))])
    if isinstance(v.ty, DictType):
        key, value = key_value_types(fc, v)
        return _call(fc, "Dict", [v, _key_code(fc, key),
                                  type_code(fc, value)])
    if isinstance(v.ty, SetType):  # a dict of no values (code 0)
        return _call(fc, "Dict", [v, _key_code(fc, set_item_type(fc, v)),
                                  fc.b.const(0, int64)])
    s, kind = fc.s, v.ty.kind
    if kind == "b":
        _call(fc, "Bool", [s.cast(v, int64)])
    elif kind in "iu":
        wide = v if v.ty.bits == 64 else s.cast(v, int64)
        _call(fc, "UInt" if kind == "u" and v.ty.bits == 64 else "Int",
              [V(wide.name, int64, "i64")])
    elif kind == "f":
        _call(fc, "Float", [s.cast(v, float64)])
    else:
        _call(fc, "Complex", [s.cast(s.re(v), float64),
                              s.cast(s.im(v), float64)])


def _array(fc: Any, a: V) -> None:
    """The address of the view's base, and its offset, sizes and strides
    in a small memref<?xindex> on the stack."""
    b = fc.b
    base, off, sizes, strides = fc.arr.metadata(a)
    fields = [off] + sizes + strides
    n = b.index(len(fields))
    meta = b.op(f"memref.alloca({n}) : memref<?xindex>", int64,
                "memref<?xindex>", hint="meta")
    for i, f in enumerate(fields):
        b.emit(f"memref.store {f}, {meta}[{b.index(i)}] : memref<?xindex>")
    code = type_code(fc, a.ty.dtype)
    ptr = b.op(f"memref.extract_aligned_pointer_as_index {base} : {base.mt} "
               f"-> index", int64, "index")
    address = b.op(f"arith.index_cast {ptr} : index to i64", int64)
    _call(fc, "Array", [code, address, meta])
