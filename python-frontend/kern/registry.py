"""The registry of what compiled code can call: user (and kern) overloads of
Python functions, methods and attributes, chosen by argument types.

This module is data only: it holds registrations and resolves them for
argument types; the frontend compiles the implementation chosen. It
imports nothing above `kern.types`, so every layer may use it.

An overload's *typing function* receives the kern types of the arguments
(with the parameter names of the call) and returns a Python implementation
to compile for them, or None when it does not apply::

    >>> import kern.types as kt
    >>> def my_abs(x): ...
    >>> def typer(x):
    ...     if isinstance(x, kt.Integer):
    ...         return lambda x: x if x >= 0 else -x
    >>> reg = Registry()
    >>> reg.add_function(my_abs, Overload(typer))
    >>> found = reg.resolve_function(my_abs, (kt.int64,), {})
    >>> found.impl(-3), found.args
    (3, (int64,))
    >>> reg.resolve_function(my_abs, (kt.float64,), {}) is None
    True
"""

from __future__ import annotations

import inspect
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from .types import Type, unliteral

__all__ = ["Overload", "Resolved", "Registry", "REGISTRY"]


@dataclass
class Overload:
    """One registration: a typing function and its options."""

    typer: Callable[..., Any]
    jit_options: Dict[str, Any] = field(default_factory=dict)
    prefer_literal: bool = False

    source: Optional[Callable[..., Any]] = None  # what defines behaviour

    def implementation(self, args: Sequence[Type], kws: Dict[str, Type]
                       ) -> Optional[Resolved]:
        """The implementation for literal-or-not `args`, trying plain types
        first (or literal types first with `prefer_literal`), as Numba."""
        plain = tuple(unliteral(t) for t in args)
        plain_kws = {k: unliteral(t) for k, t in kws.items()}
        tries = [(plain, plain_kws)]
        if plain != tuple(args) or plain_kws != kws:
            literal = (tuple(args), dict(kws))
            tries = [literal] + tries if self.prefer_literal else \
                tries + [literal]
        for a, k in tries:
            impl = self._call(a, k)
            if impl is not None:
                return Resolved(impl, a, k, self)
        return None

    def _call(self, args: Sequence[Type], kws: Dict[str, Type]) -> Any:
        try:
            inspect.signature(self.typer).bind(*args, **kws)
        except TypeError:
            return None  # the call's arguments do not fit this overload
        except ValueError:
            pass  # no signature (a builtin): just call it
        impl = self.typer(*args, **kws)
        if impl is not None and not callable(impl):
            raise TypeError(f"the overload '{self.typer.__qualname__}' "
                            f"returned {impl!r}, not a function")
        return impl


@dataclass
class Resolved:
    """The implementation chosen for a call and the types it was chosen
    for (literal types where the overload needed the constant)."""

    impl: Callable[..., Any]
    args: Tuple[Type, ...]
    kws: Dict[str, Type]
    overload: Overload


class Registry:
    """Overloads of functions (by identity), and of methods and attributes
    of kern type classes (by `isinstance`), newest first."""

    def __init__(self) -> None:
        self._functions: Dict[int, Tuple[Any, List[Overload]]] = {}
        self._methods: List[Tuple[Any, str, Overload]] = []
        self._pending: List[Tuple[str, Overload]] = []  # by dotted name
        self._attributes: List[Tuple[Any, str, Overload]] = []
        self.version = 0

    # ---- registration -----------------------------------------------------

    def add_function(self, func: Any, ov: Overload) -> None:
        """`func`, or the dotted name of a function in a module that may
        not be imported yet ("numpy.random.shuffle": registered once it
        is, so that kern does not import it for code that never uses it)."""
        if isinstance(func, str):
            self._pending.append((func, ov))
            self.version += 1
            return
        entry = self._functions.setdefault(id(func), (func, []))
        entry[1].insert(0, ov)
        self.version += 1

    def _settle(self) -> None:
        """Registers the pending functions whose modules are imported."""
        waiting = []
        for name, ov in self._pending:
            module, _, attr = name.rpartition(".")
            found = sys.modules.get(module)
            if found is None:
                waiting.append((name, ov))
            else:
                entry = self._functions.setdefault(
                    id(getattr(found, attr)), (getattr(found, attr), []))
                entry[1].insert(0, ov)
        self._pending = waiting

    def add_method(self, cls: Any, name: str, ov: Overload) -> None:
        self._methods.insert(0, (cls, name, ov))
        self.version += 1

    def add_attribute(self, cls: Any, name: str, ov: Overload) -> None:
        self._attributes.insert(0, (cls, name, ov))
        self.version += 1

    # ---- lookup -----------------------------------------------------------

    def has_function(self, func: Any) -> bool:
        if self._pending:
            self._settle()
        entry = self._functions.get(id(func))
        return entry is not None and entry[0] is func

    def has_method(self, ty: Type, name: str) -> bool:
        return any(n == name and _matches(c, ty)
                   for c, n, _ in self._methods)

    def has_attribute(self, ty: Type, name: str) -> bool:
        return any(n == name and _matches(c, ty)
                   for c, n, _ in self._attributes)

    def resolve_function(self, func: Any, args: Sequence[Type],
                         kws: Dict[str, Type]) -> Optional[Resolved]:
        """The implementation for a call of `func`, or None."""
        if self._pending:
            self._settle()
        entry = self._functions.get(id(func))
        if entry is None or entry[0] is not func:
            return None
        return _first(entry[1], args, kws)

    def resolve_method(self, ty: Type, name: str, args: Sequence[Type],
                       kws: Dict[str, Type]) -> Optional[Resolved]:
        """The implementation of `value.name(*args)` where the value has
        type `ty`; the implementation takes the value first."""
        ovs = [ov for c, n, ov in self._methods
               if n == name and _matches(c, ty)]
        return _first(ovs, (ty,) + tuple(args), kws)

    def resolve_attribute(self, ty: Type, name: str) -> Optional[Resolved]:
        ovs = [ov for c, n, ov in self._attributes
               if n == name and _matches(c, ty)]
        return _first(ovs, (ty,), {})

    def sources(self) -> List[Callable[..., Any]]:
        """The functions that define the users' registrations (typing
        functions, register_jitable functions), in registration order:
        for cache keys, as a compiled function may depend on any of them.
        kern's own (module `kern.*`) are covered by the toolchain's
        fingerprint instead."""
        ovs = [ov for _, o in self._functions.values() for ov in reversed(o)]
        ovs += [ov for _, _, ov in reversed(self._methods)]
        ovs += [ov for _, _, ov in reversed(self._attributes)]
        fns = [ov.source or ov.typer for ov in ovs]
        return [f for f in fns if not (getattr(f, "__module__", None) or
                                       "").startswith("kern.")]


def _matches(cls: Any, ty: Type) -> bool:
    """`ty` is of the type class `cls` (or equals the type `cls`)."""
    return isinstance(ty, cls) if isinstance(cls, type) else ty == cls


def _first(ovs: Sequence[Overload], args: Sequence[Type],
           kws: Dict[str, Type]) -> Optional[Resolved]:
    for ov in ovs:
        found = ov.implementation(args, kws)
        if found is not None:
            return found
    return None


REGISTRY = Registry()
"""The registry that every jitted function consults."""

