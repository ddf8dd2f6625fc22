"""Signatures and types from their text, as Numba spells them:
'float64(int64, float32[:, ::1])', 'UniTuple(f8, 2)', 'void(f8[:])'.

    >>> parse_signature('(int64, float32[:, :])')
    (None, (int64, float32[:, :]))
    >>> parse_type('UniTuple(f8, 2)'), parse_type('int32[:, ::1]')
    (Tuple(float64, float64), int32[:, ::1])
    >>> parse_type('set(int64)'), parse_signature('int64(Set(float64))')
    (set(int64), (int64, (set(float64),)))
    >>> parse_signature('float64(array(float64, 0d, C))')
    (float64, (array(float64, 0d, C),))
"""

from __future__ import annotations

import re
from typing import Any, Optional, Tuple as PyTuple

from .types import (ALIASES, SCALARS, Scalar, Signature, Tuple, Type,
                    UniTuple)

__all__ = ["parse_signature", "parse_type"]


def parse_type(text: str) -> Type:
    """A type from its text: 'float64', 'int32[:, ::1]', 'UniTuple(f8, 2)'."""
    return _parse_type(text)


def _set_type(text: str) -> Type:
    """'set(int64)' (as kern writes a set's type) or 'Set(int64)'."""
    from .settype import Set
    item = _parse_type(text[4:-1])
    if not isinstance(item, Scalar) or item.kind == "c":
        raise TypeError(f"malformed set type '{text}' (sets of integers, "
                        f"bools or floats)")
    return Set(item)


_DATETIME = re.compile(r"\s*(?:(NPDatetime|NPTimedelta)\(\s*['\"](\w*)['\"]"
                       r"\s*\)|(datetime64|timedelta64)(?:\[(Y|M|W|D|h|m|s|"
                       r"ms|us|ns|ps|fs|as)\])?)")


def _datetime_prefix(text: str) -> Optional[PyTuple[Type, str]]:
    """(the type, the rest of `text`) where `text` starts with a datetime
    or timedelta type: Numba's `NPDatetime('D')`, `NPTimedelta('s')`, or
    kern's names `datetime64[D]`, `timedelta64` (the generic unit).

    >>> _datetime_prefix("NPTimedelta('ms')[:]"), parse_type("datetime64[D][::1]")
    ((timedelta64[ms], '[:]'), datetime64[D][::1])
    """
    m = _DATETIME.match(text)
    if m is None:
        return None
    from .datetimetype import datetime_type
    word = m.group(1) or m.group(3)
    kind = "M" if word in ("NPDatetime", "datetime64") else "m"
    return datetime_type(kind, m.group(2) or m.group(4) or ""), \
        text[m.end():]


def _parse_type(text: str, element: Optional[Type] = None) -> Type:
    """The type of `text`; `element`: the scalar type its leading name
    stands for (an array of datetimes)."""
    text = text.strip()
    if text.startswith("UniTuple(") and text.endswith(")"):
        parts = _split_top(text[len("UniTuple("):-1])
        if len(parts) != 2 or not parts[1].strip().isdigit():
            raise TypeError(f"malformed tuple type '{text}' (UniTuple(type, "
                            f"count))")
        return UniTuple(_parse_type(parts[0]), int(parts[1]))
    if text.startswith("Tuple("):
        inner = text[text.index("(") + 1:-1]
        return Tuple([_parse_type(t) for t in _split_top(inner) if t.strip()])
    if text.startswith(("set(", "Set(")) and text.endswith(")"):
        return _set_type(text)
    if text.startswith("array(") and text.endswith(")"):
        return _array_type(text)
    dt = _datetime_prefix(text)
    if dt is not None:  # a datetime or timedelta, maybe an array of them
        t, rest = dt
        return t if not rest.strip() else _parse_type("x" + rest, t)
    if "[" in text:
        base, dims = text.split("[", 1)
        if not dims.endswith("]"):
            raise TypeError(f"malformed array type '{text}'")
        parts = [p.strip() for p in dims[:-1].split(",")]
        if any(p not in (":", "::1") for p in parts):
            raise TypeError(f"malformed array type '{text}'")
        scalar = element or _parse_type(base)
        if not isinstance(scalar, Scalar):
            raise TypeError(f"malformed array type '{text}'")
        return scalar[tuple(slice(None, None, 1 if p == "::1" else None)
                            for p in parts)]
    t = SCALARS.get(text) or ALIASES.get(text)
    if text in ("unicode_type", "string"):  # Numba's names of str
        from .strtype import unicode_type
        t = unicode_type
    if t is None:
        raise TypeError(f"unknown type '{text}' in signature")
    return t


def _array_type(text: str) -> Type:
    """Numba's 'array(float64, 2d, C)' (how kern writes a 0-d array)."""
    from .types import Array
    parts = [p.strip() for p in _split_top(text[len("array("):-1])]
    if len(parts) != 3 or not parts[1].endswith("d") or \
            not parts[1][:-1].isdigit() or parts[2] not in ("C", "F", "A"):
        raise TypeError(f"malformed array type '{text}' (array(dtype, "
                        f"<ndim>d, C|F|A))")
    scalar = _parse_type(parts[0])
    if not isinstance(scalar, Scalar):
        raise TypeError(f"malformed array type '{text}'")
    try:
        return Array(scalar, int(parts[1][:-1]), parts[2])
    except ValueError as e:
        raise TypeError(f"malformed array type '{text}': {e}") from None


def _split_top(text: str) -> list:
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return parts


def parse_signature(sig: Any) -> PyTuple[Optional[Type], PyTuple[Type, ...]]:
    """Parse 'ret(arg, ...)' (or '(arg, ...)', or a Signature object).

    >>> parse_signature('(int64, float32[:, :])')
    (None, (int64, float32[:, :]))
    """
    if isinstance(sig, Signature):
        return sig.return_type, tuple(sig.args)
    if isinstance(sig, tuple):
        return None, tuple(sig)
    text = str(sig).strip()
    if not text.endswith(")") or "(" not in text:
        raise TypeError(f"malformed signature '{text}'")
    depth = 0
    for i, ch in enumerate(text):  # the '(' that opens the argument list
        if ch == "(" and depth == 0 and not text[:i].strip().endswith(
                ("Tuple", "UniTuple", "set", "Set", "array")):
            break
        depth += ch in "(["
        depth -= ch in ")]"
    ret_text, args_text = text[:i].strip(), text[i + 1:-1]
    ret = _parse_type(ret_text) if ret_text and ret_text != "void" else None
    args = tuple(_parse_type(a) for a in _split_top(args_text) if a.strip())
    return ret, args
