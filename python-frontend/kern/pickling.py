"""Pickling kern's compiled objects: dispatchers, ufuncs, jitclass instances.

What `@kern.njit`, `@kern.vectorize` and `@kern.guvectorize` return pickles
as Numba's objects do, so that they travel to `multiprocessing` workers,
`concurrent.futures` pools and Dask workers:

- **by reference** when the object is reachable as ``module.qualname`` of
  an importable module other than ``__main__`` (the receiving process
  imports the module, as pickle does for plain functions);
- **by value** otherwise (``__main__``, closures, functions made in a
  function): the Python function's code (marshal), the globals its code
  names (modules by name), its defaults and closure cells, and the
  options and explicit signatures; the receiving process rebuilds the
  function and decorates it again (explicit signatures compile there; a
  lazy object compiles at its first call, from the cache with
  ``cache=True``).

Machine code never travels: it is compiled (or loaded from the cache) in
the process that calls it.

    >>> import pickle, kern, numpy as np
    >>> def make(k):
    ...     @kern.njit
    ...     def scaled(a):
    ...         return np.sum(a) * k
    ...     return scaled
    >>> g = pickle.loads(pickle.dumps(make(3.0)))
    >>> g(np.arange(4.0))
    18.0
    >>> u = pickle.loads(pickle.dumps(kern.vectorize(lambda x: x + 1)))
    >>> u(np.arange(3))
    array([1, 2, 3])

A jitclass instance pickles its fields (the class by reference). Pickling
np.ufuncs is NumPy's for every ufunc kern did not make (kern only adds its
own case to `copyreg`'s entry of np.ufunc).
"""

from __future__ import annotations

import importlib
import marshal
import os
import sys
import types as pytypes
import weakref
from typing import Any, Callable, Dict, Optional, Tuple

__all__ = ["by_reference", "function_state", "function_from_state",
           "reduce_ufunc", "install_ufunc_reducer"]


# ---- by reference ---------------------------------------------------------


def by_reference(obj: Any, module_name: Optional[str] = None,
                 qualname: Optional[str] = None) -> Optional[Tuple[str, str]]:
    """(module, qualname) when `obj` is found again by importing module and
    reading qualname (by default the object's own), else None.
    ``__main__`` is never a reference: another interpreter's ``__main__``
    is another program.

    >>> by_reference(by_reference)
    ('kern.pickling', 'by_reference')
    """
    module_name = module_name or getattr(obj, "__module__", None)
    qualname = qualname or getattr(obj, "__qualname__", None) or getattr(
        obj, "__name__", None)
    if not module_name or not qualname or module_name in (
            "__main__", "__mp_main__") or "<locals>" in qualname:
        return None
    module = sys.modules.get(module_name)
    if module is None:
        return None
    found: Any = module
    for part in qualname.split("."):
        found = getattr(found, part, None)
        if found is None:
            return None
    return (module_name, qualname) if found is obj else None


def from_reference(module_name: str, qualname: str) -> Any:
    """The object `by_reference` named."""
    found: Any = importlib.import_module(module_name)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


# ---- a Python function by value -------------------------------------------


class _Module:
    """A module named by its name in a pickled function's globals."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __reduce__(self) -> Tuple[Callable, Tuple[str]]:
        return importlib.import_module, (self.name,)


def _names(code: pytypes.CodeType) -> set:
    """The global names a code object and the code nested in it read."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, pytypes.CodeType):
            names |= _names(const)
    return names


def _portable(value: Any) -> Any:
    return _Module(value.__name__) if isinstance(value, pytypes.ModuleType) \
        else value


_EMPTY = "<kern: an empty closure cell>"


def _contents(cell: Any) -> Any:
    try:
        return cell.cell_contents
    except ValueError:  # a name bound after the function was made
        return _EMPTY


def function_state(func: Callable) -> Tuple[Any, ...]:
    """What rebuilds `func` in another process (same Python version):
    marshalled code, the globals its code reads (modules by name), name,
    qualname, module, defaults, keyword defaults and closure values."""
    if not isinstance(func, pytypes.FunctionType):
        raise TypeError(f"kern: cannot pickle {func!r} by value (not a "
                        f"Python function)")
    code = func.__code__
    module_name = func.__module__
    g = func.__globals__
    needed = {n: _portable(g[n]) for n in sorted(_names(code)) if n in g}
    closure = tuple(_portable(_contents(c)) for c in func.__closure__ or ())
    kwdefaults = func.__kwdefaults__
    return (marshal.dumps(code), needed, func.__name__, func.__qualname__,
            module_name, func.__defaults__, kwdefaults, closure,
            func.__doc__)


def function_from_state(state: Tuple[Any, ...]) -> Callable:
    """The function `function_state` described. Its globals are the
    module's when that module is importable here (not ``__main__``),
    else a dict of the pickled globals."""
    (code_bytes, needed, name, qualname, module_name, defaults, kwdefaults,
     closure, doc) = state
    code = marshal.loads(code_bytes)
    module = None
    if module_name and module_name not in ("__main__", "__mp_main__"):
        try:
            module = importlib.import_module(module_name)
        except Exception:  # not importable here: the pickled globals
            module = None
    if module is not None:
        g = module.__dict__
        for key, value in needed.items():  # names made since, or locals
            g.setdefault(key, value)
    else:
        g = {"__builtins__": __builtins__, "__name__": module_name}
        g.update(needed)
    cells = tuple(pytypes.CellType() if isinstance(v, str) and v == _EMPTY
                  else pytypes.CellType(v) for v in closure)
    func = pytypes.FunctionType(code, g, name, defaults, cells or None)
    func.__kwdefaults__ = kwdefaults
    func.__qualname__ = qualname
    func.__module__ = module_name
    func.__doc__ = doc
    return func


# ---- dispatchers and lazy ufuncs (their __reduce__) ----------------------


def reduce_decorated(obj: Any, details: Dict[str, Any]) -> Any:
    """The __reduce__ of a kern object decorating `obj.py_func`: the
    object's reference, or a new object of its class (made empty, then
        given the function and `details` by its __setstate__; the state comes
    after the object is remembered by the pickler, so a recursive function
    refers to itself)."""
    ref = by_reference(obj)
    if ref is not None:
        return from_reference, ref
    token = _token(obj)
    _LIVE[token] = obj
    return new_empty, (type(obj), token), (function_state(obj.py_func),
                                           details)


# Objects pickled by value, by their token: a process unpickling the same
# object again (the tasks of a pool) gets the object it made the first time
# (compiled once), and the process that pickled it gets its own object.
_LIVE: "weakref.WeakValueDictionary[str, Any]" = weakref.WeakValueDictionary()
_LIVE_UFUNCS: Dict[str, Any] = {}  # (np.ufunc takes no weak references;
# kern's registry of its ufuncs keeps them alive anyway)


def _token(holder: Any) -> str:
    token = holder.__dict__.get("_kern_pickle_token")
    if token is None:
        token = os.urandom(16).hex()
        holder.__dict__["_kern_pickle_token"] = token
    return token


def new_empty(cls: type, token: Optional[str] = None) -> Any:
    """The live object of `token`, else an object of `cls` not yet
    initialized (its __setstate__ does; it leaves a live one as it is)."""
    live = _LIVE.get(token) if token else None
    if live is not None:
        return live
    obj = cls.__new__(cls)
    if token:
        obj.__dict__["_kern_pickle_token"] = token
        _LIVE[token] = obj
    return obj


def initialized(obj: Any) -> bool:
    """Whether a __setstate__ finds `obj` already made (`new_empty`)."""
    return "py_func" in obj.__dict__


# ---- eager ufuncs and gufuncs (np.ufunc objects kern made) ----------------


def reduce_ufunc(ufunc: Any) -> Any:
    """copyreg's reducer of np.ufunc: kern's own ufuncs by reference or by
    value, every other ufunc as NumPy pickles it."""
    from .ufunc.registry import vectorized_of
    record = vectorized_of(ufunc)
    if record is None:
        return _NUMPY_REDUCE[0](ufunc)
    where = record.py_func.__qualname__.rpartition(".")[0]
    ref = by_reference(ufunc, record.py_func.__module__,
                       (where + "." if where else "") + ufunc.__name__)
    if ref is not None:
        return from_reference, ref
    token = _token(record)
    _LIVE_UFUNCS[token] = ufunc
    return _rebuild_ufunc, (function_state(record.py_func),
                            record.pickle_details(), token)


def _rebuild_ufunc(state: Tuple[Any, ...], details: Dict[str, Any],
                   token: Optional[str] = None) -> Any:
    if token in _LIVE_UFUNCS:
        return _LIVE_UFUNCS[token]
    func = function_from_state(state)
    kind = details.pop("kind")
    if kind == "gufunc":
        from .guvectorize import guvectorize
        sigs, layout = details.pop("sigs"), details.pop("layout")
        ufunc = guvectorize(sigs, layout, **details)(func)
    else:
        from .vectorize import vectorize
        ufunc = vectorize(details.pop("sigs"), **details)(func)
    if token:
        from .ufunc.registry import vectorized_of
        vectorized_of(ufunc).__dict__["_kern_pickle_token"] = token
        _LIVE_UFUNCS[token] = ufunc
    return ufunc


_NUMPY_REDUCE: list = []


def install_ufunc_reducer() -> None:
    """Puts `reduce_ufunc` in copyreg's table for np.ufunc (once; NumPy's
    reducer is kept for the ufuncs kern did not make)."""
    if _NUMPY_REDUCE:
        return
    import copyreg
    import numpy
    previous = copyreg.dispatch_table.get(numpy.ufunc)
    if previous is None:
        def previous(u: Any) -> str:
            return u.__name__
    _NUMPY_REDUCE.append(previous)
    copyreg.pickle(numpy.ufunc, reduce_ufunc)


# ---- jitclass instances ---------------------------------------------------


def rebuild_instance(cls: type, cells: tuple) -> Any:
    """A jitclass instance of `cls` holding `cells` (its fields)."""
    from . import _kernrt
    return _kernrt.Instance.__new__(cls, cls.class_type.code, cells)
