"""`hex`, `oct` and `bin` of integers in compiled code, written in Python
and compiled by kern, with Python's prefixes and signs.

    >>> import kern
    >>> @kern.njit
    ... def f(n):
    ...     return hex(n), oct(n), bin(n), hex(-n), bin(0)
    >>> f(42)
    ('0x2a', '0o52', '0b101010', '-0x2a', '0b0')
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable

_DIGITS = "0123456789abcdef"


@register_jitable
def in_base(n, base, prefix):
    """`n` written in `base` (2, 8 or 16) after `prefix`, '-' first for a
    negative `n`."""
    m = np.uint64(-(n + 1)) + np.uint64(1) if n < 0 else np.uint64(n)
    b = np.uint64(base)  # (unsigned: -(-2**63) has no int64)
    digits = ""
    while m > 0:
        digits = _DIGITS[int(m % b)] + digits
        m //= b
    if digits == "":
        digits = "0"
    return ("-" if n < 0 else "") + prefix + digits


def _formatter(base: int, prefix: str):
    def typer(x):
        if isinstance(x, (types.Integer, types.Boolean)):
            return lambda x: in_base(int(x), base, prefix)
    return typer


overload(hex)(_formatter(16, "0x"))
overload(oct)(_formatter(8, "0o"))
overload(bin)(_formatter(2, "0b"))
