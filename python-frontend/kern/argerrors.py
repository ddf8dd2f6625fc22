"""TypeErrors for calls whose arguments kern cannot take, naming the
parameter as Python's and Numba's own errors do. The dispatcher
(dispatcher.py) calls these only on its slow path, when no compiled entry
matches the call:

    >>> @kern.njit("float64(float64[:], int64)")
    ... def at(x, k):
    ...     return x[k]
    >>> at(np.ones(3), 1.5)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    TypeError: kern: at() has no compiled signature ...; argument 'k' is float64 where (float64[:], int64) has int64
    >>> @kern.njit
    ... def inc(v):
    ...     return v + 1
    >>> inc(slice(1))
    Traceback (most recent call last):
    TypeError: inc() argument 'v': kern cannot pass a value of type slice
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, List, Sequence, Tuple

__all__ = ["parameter_names", "types_of", "mismatch_note"]


def parameter_names(py_func: Any) -> List[str]:
    """The names of `py_func`'s parameters, in order (`*args` once)."""
    try:
        return list(inspect.signature(py_func).parameters)
    except (TypeError, ValueError):
        return []


def types_of(py_func: Any, values: Sequence[Any],
             typeof: Callable[[Any], Any]) -> Tuple[Any, ...]:
    """typeof of each value; a TypeError that names the parameter for a
    value kern cannot pass."""
    out = []
    for i, value in enumerate(values):
        try:
            out.append(typeof(value))
        except TypeError as e:
            names = parameter_names(py_func)
            where = f" argument '{names[i]}'" if i < len(names) else ""
            raise TypeError(f"{py_func.__name__}(){where}: {e}") from None
    return tuple(out)


def _fits(given: Any, declared: Any) -> bool:
    if given == declared:
        return True
    same_kind = getattr(given, "same_kind", None)
    return bool(same_kind and type(given) is type(declared)
                and same_kind(declared))


def mismatch_note(py_func: Any, given: Sequence[Any],
                  signatures: Sequence[Sequence[Any]]) -> str:
    """'; argument 'k' is float64 where (float64[:], int64) has int64' for
    each signature of the call's arity (the parameters that differ), or ''
    when none has it."""
    names = parameter_names(py_func)
    notes = []
    for sig in signatures:
        if len(sig) != len(given):
            continue
        text = "(" + ", ".join(map(str, sig)) + ")"
        for i, (g, d) in enumerate(zip(given, sig)):
            if not _fits(g, d):
                name = names[i] if i < len(names) else f"#{i}"
                notes.append(f"argument '{name}' is {g} where {text} has {d}")
    return "".join("; " + n for n in notes)
