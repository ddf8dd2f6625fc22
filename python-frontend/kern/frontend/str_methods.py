"""The methods of str values in compiled code, each a call of the runtime
(lib/Runtime/Str.c) with Python's arguments and defaults:

>>> # s.find("ab", 2)   (no end: bit 1 of `given` is clear)
>>> #   %r = func.call @kernStrFind(%s, %ab, %c2, %c0, %given1, %flags0)
>>> #        : (!llvm.ptr, !llvm.ptr, i64, i64, i64, i64) -> i64
>>> # s.split()         (a list of str: kern/listtype.List(unicode_type))
>>> #   %l = func.call @kernStrSplit(%s, %null, %cm1, %c0)
>>> #        : (!llvm.ptr, !llvm.ptr, i64, i64) -> !llvm.ptr

`split`, `rsplit` and `splitlines` return lists of str; `partition` and
`rpartition` tuples of three; `join` takes a list of str, a tuple of strs
or a str. Case mappings and character classes are CPython's (all of
Unicode, `'ß'.upper() == 'SS'`).
"""

from __future__ import annotations

import ast
from typing import Any, Callable, Dict, List as PyList, Sequence

from ..listtype import List
from ..strtype import UnicodeType, unicode_type
from ..types import bool_, int64
from .builder import Const, TupleVal, V
from .lists import is_list, learned_type
from .strings import call, is_str_list, is_text, text_value

__all__ = ["method", "METHODS"]

_CASES = ("upper", "lower", "capitalize", "title", "swapcase", "casefold")
_PREDICATES = ("isdigit", "isalpha", "isalnum", "isspace", "isupper",
               "islower", "isdecimal", "isnumeric", "istitle", "isascii",
               "isprintable", "isidentifier")
_PADS = ("ljust", "rjust", "center", "zfill")
_STR_LIST = List(unicode_type)


def _bind(fc: Any, name: str, params: Sequence[str], defaults: Sequence[Any],
          args: list, kwargs: dict, node: ast.AST,
          keywords: Sequence[str] = ()) -> PyList[Any]:
    """Python's binding of a method's arguments: positional, then the
    `keywords` allowed by name, then defaults (Const)."""
    if len(args) > len(params):
        raise fc.typing_error(f"str.{name}() takes at most {len(params)} "
                              f"arguments ({len(args)} given)", node)
    out = list(args) + [None] * (len(params) - len(args))
    for k, v in kwargs.items():
        if k not in keywords or k not in params:
            raise fc.typing_error(f"str.{name}() got an unexpected keyword "
                                  f"argument '{k}'", node)
        out[params.index(k)] = v
    first_default = len(params) - len(defaults)
    for i, v in enumerate(out):
        if v is None:
            if i < first_default:
                raise fc.typing_error(f"str.{name}() missing argument "
                                      f"'{params[i]}'", node)
            out[i] = Const(defaults[i - first_default])
    return out


def _int(fc: Any, x: Any, node: ast.AST, what: str) -> V:
    if isinstance(x, Const) and isinstance(x.value, (bool, int)):
        return fc.b.const(int(x.value), int64)
    v = fc.value(x, node)
    if isinstance(v, V) and getattr(v.ty, "kind", "") in "biu" and \
            not is_text(v):
        return fc.s.cast(v, int64)
    raise fc.typing_error(f"{what} must be an integer, not "
                          f"{fc.type_name(x)}", node)


def _range(fc: Any, start: Any, end: Any, node: ast.AST) -> PyList[V]:
    """start, end and the `given` bits (None: not given)."""
    given, out = 0, []
    for bit, x in ((1, start), (2, end)):
        if isinstance(x, Const) and x.value is None:
            out.append(fc.b.const(0, int64))
        else:
            out.append(_int(fc, x, node, "slice indices"))
            given |= bit
    return out + [fc.b.const(given, int64)]


def _null(fc: Any) -> V:
    return fc.b.op("llvm.mlir.zero : !llvm.ptr", unicode_type)


def _optional_text(fc: Any, x: Any, node: ast.AST, what: str) -> V:
    """A str argument that may be None (a null pointer)."""
    if isinstance(x, Const) and x.value is None:
        return _null(fc)
    return text_value(fc, x, node, what)


def _find(fc: Any, s: V, name: str, args: list, kwargs: dict,
          node: ast.AST) -> V:
    sub, start, end = _bind(fc, name, ("sub", "start", "end"), (None, None),
                            args, kwargs, node)
    operands = [s, text_value(fc, sub, node, "a str to look for")] + \
        _range(fc, start, end, node)
    if name == "count":
        return call(fc, "kernStrCount", operands, int64)
    flags = (1 if name in ("rfind", "rindex") else 0) | (
        2 if name in ("index", "rindex") else 0)
    return call(fc, "kernStrFind", operands + [fc.b.const(flags, int64)],
                int64)


def _affix(fc: Any, s: V, name: str, args: list, kwargs: dict,
           node: ast.AST) -> V:
    """startswith / endswith, of a str or a tuple of strs."""
    affix, start, end = _bind(fc, name, ("prefix", "start", "end"),
                              (None, None), args, kwargs, node)
    rng = _range(fc, start, end, node)
    suffix = fc.b.const(1 if name == "endswith" else 0, int64)
    items = affix.items if isinstance(affix, TupleVal) else (
        [Const(v) for v in affix.value] if isinstance(affix, Const) and
        isinstance(affix.value, tuple) else [affix])
    r = fc.b.const(False, bool_)
    for item in items:
        hit = call(fc, "kernStrAffix", [s, text_value(
            fc, item, node, f"a str or a tuple of str for {name}")] + rng +
            [suffix], int64)
        r = fc.b.op(f"arith.ori {r}, {fc.s.cast(hit, bool_)} : i1", bool_)
    return r


def _replace(fc: Any, s: V, name: str, args: list, kwargs: dict,
             node: ast.AST) -> V:
    old, new, count = _bind(fc, name, ("old", "new", "count"), (-1,), args,
                            kwargs, node)
    return call(fc, "kernStrReplace", [
        s, text_value(fc, old, node), text_value(fc, new, node),
        _int(fc, count, node, "the count")], unicode_type)


def _split(fc: Any, s: V, name: str, args: list, kwargs: dict,
           node: ast.AST) -> V:
    sep, maxsplit = _bind(fc, name, ("sep", "maxsplit"), (None, -1), args,
                          kwargs, node, ("sep", "maxsplit"))
    return call(fc, "kernStrSplit", [
        s, _optional_text(fc, sep, node, "a str or None for sep"),
        _int(fc, maxsplit, node, "maxsplit"),
        fc.b.const(1 if name == "rsplit" else 0, int64)], _STR_LIST)


def _splitlines(fc: Any, s: V, name: str, args: list, kwargs: dict,
                node: ast.AST) -> V:
    keepends, = _bind(fc, name, ("keepends",), (False,), args, kwargs, node,
                      ("keepends",))
    return call(fc, "kernStrSplitLines", [
        s, _int(fc, keepends, node, "keepends")], _STR_LIST)


def _join(fc: Any, s: V, name: str, args: list, kwargs: dict,
          node: ast.AST) -> V:
    items, = _bind(fc, name, ("iterable",), (), args, kwargs, node)
    if is_str_list(items) or _untyped_list(fc, items):
        return call(fc, "kernStrJoin", [s, items], unicode_type)
    if isinstance(items, Const) and isinstance(items.value, tuple):
        items = TupleVal(tuple(Const(v) for v in items.value))
    if isinstance(items, TupleVal):
        from .lists import from_values
        values = [text_value(fc, x, node, "a str item for join")
                  for x in items.items]
        if not values:
            return text_value(fc, Const(""), node)
        return call(fc, "kernStrJoin", [s, from_values(fc, values)],
                    unicode_type)
    if is_text(items):  # the characters of a str
        chars = call(fc, "kernStrChars", [text_value(fc, items, node)],
                     _STR_LIST)
        return call(fc, "kernStrJoin", [s, chars], unicode_type)
    raise fc.typing_error(f"str.join() takes a list or tuple of str, not "
                          f"{fc.type_name(items)}", node)


def _untyped_list(fc: Any, v: Any) -> bool:
    """An empty list whose items this pass has not typed yet and that
    learned no other type than str so far (the next pass types it)."""
    if not is_list(v) or v.ty.dtype is not None:
        return False
    learned = learned_type(fc, v.ty.origin)
    return learned is None or isinstance(learned, UnicodeType)


def _strip(fc: Any, s: V, name: str, args: list, kwargs: dict,
           node: ast.AST) -> V:
    chars, = _bind(fc, name, ("chars",), (None,), args, kwargs, node)
    which = {"lstrip": 1, "rstrip": 2, "strip": 3}[name]
    return call(fc, "kernStrStrip", [
        s, _optional_text(fc, chars, node, "a str or None for chars"),
        fc.b.const(which, int64)], unicode_type)


def _case(fc: Any, s: V, name: str, args: list, kwargs: dict,
          node: ast.AST) -> V:
    _bind(fc, name, (), (), args, kwargs, node)
    return call(fc, "kernStrCase", [s, fc.b.const(_CASES.index(name), int64)],
                unicode_type)


def _predicate(fc: Any, s: V, name: str, args: list, kwargs: dict,
               node: ast.AST) -> V:
    _bind(fc, name, (), (), args, kwargs, node)
    r = call(fc, "kernStrIs", [s, fc.b.const(_PREDICATES.index(name), int64)],
             int64)
    return fc.s.cast(r, bool_)


def _pad(fc: Any, s: V, name: str, args: list, kwargs: dict,
         node: ast.AST) -> V:
    if name == "zfill":
        width, = _bind(fc, name, ("width",), (), args, kwargs, node)
        fill: Any = Const("0")
    else:
        width, fill = _bind(fc, name, ("width", "fillchar"), (" ",), args,
                            kwargs, node)
    return call(fc, "kernStrPad", [
        s, _int(fc, width, node, "the width"),
        text_value(fc, fill, node, "a str for the fill character"),
        fc.b.const(_PADS.index(name), int64)], unicode_type)


def _partition(fc: Any, s: V, name: str, args: list, kwargs: dict,
               node: ast.AST) -> TupleVal:
    sep, = _bind(fc, name, ("sep",), (), args, kwargs, node)
    parts = call(fc, "kernStrPartition", [
        s, text_value(fc, sep, node, "a str separator"),
        fc.b.const(1 if name == "rpartition" else 0, int64)], _STR_LIST)
    from .lists import item_at
    return TupleVal(tuple(item_at(fc, parts, fc.b.const(k, int64))
                          for k in range(3)))


def _expandtabs(fc: Any, s: V, name: str, args: list, kwargs: dict,
                node: ast.AST) -> V:
    size, = _bind(fc, name, ("tabsize",), (8,), args, kwargs, node,
                  ("tabsize",))
    return call(fc, "kernStrExpandTabs", [s, _int(fc, size, node, "tabsize")],
                unicode_type)


METHODS: Dict[str, Callable[..., Any]] = {
    **{n: _find for n in ("find", "rfind", "index", "rindex", "count")},
    "startswith": _affix, "endswith": _affix, "replace": _replace,
    "split": _split, "rsplit": _split, "splitlines": _splitlines,
    "join": _join, "strip": _strip, "lstrip": _strip, "rstrip": _strip,
    **{n: _case for n in _CASES}, **{n: _predicate for n in _PREDICATES},
    **{n: _pad for n in _PADS}, "partition": _partition,
    "rpartition": _partition, "expandtabs": _expandtabs,
}


def method(fc: Any, s: V, name: str, args: list, kwargs: dict,
           node: ast.AST) -> Any:
    """`s.name(*args, **kwargs)` of a str value."""
    emit = METHODS.get(name)
    if emit is None:
        raise fc.unsupported(f"the str method .{name}()", node)
    return emit(fc, s, name, args, kwargs, node)
