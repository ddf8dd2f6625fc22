"""Numba's extension API, with Numba's names: teach compiled code new
functions, methods and attributes, written in Python and compiled by kern.

`overload(func)` registers a *typing function*: called at compile time with
the kern types of a call's arguments, it returns the Python function to
compile for them (or None when it does not apply)::

    >>> import kern, numpy as np
    >>> from kern import types
    >>> from kern.extending import overload, overload_method, register_jitable
    >>> def clamp(x, lo, hi):          # plain Python, callable as usual
    ...     return min(max(x, lo), hi)
    >>> @overload(clamp)
    ... def _clamp(x, lo, hi):
    ...     if isinstance(x, types.Integer):
    ...         return lambda x, lo, hi: min(max(x, lo), hi)
    ...     if isinstance(x, types.Float):
    ...         def impl(x, lo, hi):
    ...             return x if lo <= x <= hi else (lo if x < lo else hi)
    ...         return impl
    >>> @kern.njit
    ... def f(x):
    ...     return clamp(x, 0, 10)
    >>> f(12), f(-2.5)
    (10, 0.0)

`overload_method(types.Array, name)` adds `a.name(...)` (the implementation
takes the array first); `overload_attribute` adds `a.name`;
`register_jitable` makes a plain function callable from compiled code::

    >>> @overload_method(types.Array, "sumsq")
    ... def _sumsq(a):
    ...     def impl(a):
    ...         return (a * a).sum()
    ...     return impl
    >>> @register_jitable
    ... def twice(x):
    ...     return 2 * x
    >>> @kern.njit
    ... def g(a):
    ...     return twice(a.sumsq())
    >>> g(np.arange(4.0))
    28.0

Every jitted function that calls the name uses the registration, also
with `parallel=True`. Implementations are compiled with the calling
function's options (`jit_options` and `strict` are accepted for Numba
compatibility). Errors inside an implementation point at its file and line.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, Dict, Optional

from . import types
from .registry import REGISTRY, Overload

__all__ = ["overload", "overload_method", "overload_attribute",
           "register_jitable", "register_jitable_as", "types"]


def _overload(typer: Callable[..., Any], jit_options: Optional[Dict[str, Any]],
              prefer_literal: bool, source: Any = None) -> Overload:
    if not callable(typer):
        raise TypeError(f"an overload is a function, not {typer!r}")
    return Overload(typer, dict(jit_options or {}), prefer_literal, source)


def overload(func: Any, jit_options: Optional[Dict[str, Any]] = None,
             strict: bool = True, inline: str = "never",
             prefer_literal: bool = False, **kwargs: Any
             ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated typing function as an implementation of
    `func` in compiled code (Numba's `numba.extending.overload`); `func`
    may be the dotted name of a function of a module not imported yet
    ("numpy.random.shuffle"), registered once it is.

    The typing function takes the call's argument types (parameters named
    as `func`'s) and returns an implementation with the same parameters,
    or None. With `prefer_literal=True`, constant int and bool arguments
    are first offered as literal types (`types.IntegerLiteral`, with
    `.literal_value`), else only when the plain types give no
    implementation.
    """
    def decorate(typer: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY.add_function(func, _overload(typer, jit_options,
                                              prefer_literal))
        return typer
    return decorate


def overload_method(typ: Any, attr: str, **kwargs: Any
                    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register `value.attr(...)` for values of the kern type class `typ`
    (e.g. `types.Array`, `types.Float`) or of the type `typ`; the typing
    function and the implementation take the value first."""
    def decorate(typer: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY.add_method(typ, attr, _overload(
            typer, kwargs.get("jit_options"),
            kwargs.get("prefer_literal", False)))
        return typer
    return decorate


def overload_attribute(typ: Any, attr: str, **kwargs: Any
                       ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the attribute `value.attr` for values of `typ`: the typing
    function takes the value's type and returns `impl(value)`."""
    def decorate(typer: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY.add_attribute(typ, attr, _overload(
            typer, kwargs.get("jit_options"), False))
        return typer
    return decorate


def register_jitable(*args: Any, **kwargs: Any) -> Any:
    """Make a plain Python function callable from compiled code, compiled
    for the argument types of each call; it stays a plain function for
    Python callers. Usable as `@register_jitable` or
    `@register_jitable(**jit_options)`."""
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        register_jitable_as(fn, fn, kwargs)
        return fn
    if len(args) == 1 and not kwargs and callable(args[0]):
        return decorate(args[0])
    return decorate


def register_jitable_as(key: Any, fn: Callable[..., Any],
                        jit_options: Optional[Dict[str, Any]] = None
                        ) -> None:
    """Calls of `key` in compiled code compile the plain function `fn`
    for their argument types: `key` is `fn` for register_jitable, or a
    Numba `@njit` function whose Python function kern compiles
    (frontend/calls.py), so code that calls a library's Numba functions
    compiles under kern."""
    @functools.wraps(fn)
    def typer(*a: Any, **k: Any) -> Callable[..., Any]:
        return fn
    typer.__signature__ = inspect.signature(fn)  # type: ignore
    REGISTRY.add_function(key, _overload(typer, jit_options, False, fn))
