"""A `@kern.njit` generator function called from Python: a generator
object that runs the compiled generator lazily, one value per `next()`.

The compiled side is a driver, made per argument types, that loops over
the generator in compiled code (kern/frontend/generators.py inlines it)
and hands each value to a ctypes callback:

    def <drive>(n):                  # for gen(n), yielding (int64, float64)
        for v in gen(n):
            if <callback>(v[0], v[1]) != 0:
                return 1             # the Python generator was closed
        return 0

The driver runs in a thread of its own; the callback passes the value to
the thread that called `next()` and waits for the next `next()` (or for
`close()`, which makes it return 1 and so ends the driver). A pure
generator (scalar arguments; no printing, random draws or C calls) may
run ahead of `next()` by as many values as were taken (up to 1024), which
nothing can observe, and costs a thread switch per batch instead of two
per value. Exceptions raised in the generator come out of the `next()`
that reaches them. Values are numbers (bool, integers, floats, complex),
arrays of numbers (copies: made in the callback, while the compiled code
waits) and tuples of them.

    >>> import kern
    >>> @kern.njit
    ... def countdown(n):
    ...     while n > 0:
    ...         yield n, n * 0.5
    ...         n -= 1
    >>> g = countdown(3)
    >>> next(g)
    (3, 1.5)
    >>> list(g)
    [(2, 1.0), (1, 0.5)]
"""

from __future__ import annotations

import ast
import collections
import ctypes
import inspect
import threading
from typing import Any, Callable, Deque, Dict, List, Optional, Tuple

from .dispatcher import Dispatcher
from .errors import UnsupportedError

__all__ = ["GeneratorDispatcher", "KernGenerator"]


_C_TYPES = {("b", 1): ctypes.c_bool, ("b", 8): ctypes.c_bool, ("i", 8): ctypes.c_int8,
            ("i", 16): ctypes.c_int16, ("i", 32): ctypes.c_int32,
            ("i", 64): ctypes.c_int64, ("u", 8): ctypes.c_uint8,
            ("u", 16): ctypes.c_uint16, ("u", 32): ctypes.c_uint32,
            ("u", 64): ctypes.c_uint64, ("f", 32): ctypes.c_float,
            ("f", 64): ctypes.c_double}
_MAX_BATCH = 1024  # values a pure generator may run ahead of next()
_current = threading.local()  # the channel of the driver this thread runs


class GeneratorDispatcher(Dispatcher):
    """`@kern.njit` of a generator function: compiled code runs it inlined
    into its loops; a call from Python returns a `KernGenerator`."""

    def __call__(self, *args: Any, **kwargs: Any) -> "KernGenerator":
        if self._pysig is None:
            self._pysig = inspect.signature(self.py_func)
        try:
            bound = self._pysig.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{self.__name__}() {e}") from None
        bound.apply_defaults()
        values = tuple(bound.arguments.values())
        from .values import typeof
        key = tuple(typeof(v) for v in values)
        drivers = self.__dict__.setdefault("_drivers", {})
        if key not in drivers:
            drivers[key] = _Driver(self, key)
        return KernGenerator(self.__name__, drivers[key], values)

    def compile(self, sig: Any) -> Any:
        """Compiles the driver for a signature's argument types (its
        return type, if any, is not checked); returns its overload."""
        from .types import parse_signature
        _, types = parse_signature(sig)
        types = tuple(types)
        drivers = self.__dict__.setdefault("_drivers", {})
        if types not in drivers:
            drivers[types] = _Driver(self, types)
        return drivers[types].overload


class _Driver:
    """The compiled driver of one generator for one list of argument types
    and the ctypes callback it calls (see the module doc)."""

    def __init__(self, gen: GeneratorDispatcher, types: Tuple[Any, ...]
                 ) -> None:
        params = list(inspect.signature(gen.py_func).parameters.values())
        if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
            raise UnsupportedError(f"in generator '{gen.__name__}': *args or "
                                   f"**kwargs is not supported by kern")
        names = [f"p{k}" for k in range(len(params))]
        call = ", ".join(n if p.kind != p.KEYWORD_ONLY else f"{p.name}={n}"
                         for n, p in zip(names, params))
        head = f"def {{}}({', '.join(names)}):\n"
        ns: Dict[str, Any] = {"GEN": gen}  # (compiled, not run: the type)
        values = _made(gen, head.format("values") +
                       f"    for v in GEN({call}):\n        pass\n", ns)
        from .lowering import lower  # typed only: no machine code
        yielded = lower(values, types).typemap.variables.get("v")
        if yielded is None:
            raise UnsupportedError(f"the generator '{gen.__name__}' yields "
                                   f"no value kern can type")
        items, self.convert = _flat(gen, yielded)
        self.callback = ctypes.CFUNCTYPE(ctypes.c_int, *(
            c for _, c in items))(_handoff)
        ns = {"GEN": gen, "CALLBACK": self.callback}
        options = {k: v for k, v in gen.targetoptions.items()
                   if k != "cache"}  # (nogil: the callback takes the GIL)
        self.drive = Dispatcher(_made(gen, head.format("drive") + (
            f"    for v in GEN({call}):\n"
            f"        if CALLBACK({', '.join(e for e, _ in items)}) != 0:\n"
            f"            return 1\n    return 0\n"), ns), None, **options)
        self.overload = self.drive.compile(types)  # errors now, at the call
        self.batch = _MAX_BATCH if _pure(types, self.overload) else 1


def _pure(types: Tuple[Any, ...], overload: Any) -> bool:
    """Whether the values of the generator depend on its arguments only
    and running it shows nothing: arguments of scalars (no arrays or
    containers that the caller could change between two values) and no
    printing, random draws or calls of C functions by address (the
    callback is the one). Such a generator may run ahead of next()."""
    from .types import Scalar, Tuple as TupleType

    def plain(t: Any) -> bool:
        return isinstance(t, Scalar) or isinstance(t, TupleType) and all(
            plain(x) for x in t.types)
    text = overload.lowered.mlir
    return all(plain(t) for t in types) and text.count("llvm.call ") == 1 \
        and not any(w in text for w in ("kernRuntimePrint", "random",
                                         "seed"))  # (np. and Python's)


def _made(gen: Any, source: str, ns: Dict[str, Any]) -> Any:
    """The function of `source`, its lines at the generator's `def` (its
    errors name the generator's file and line)."""
    from .frontend.source import made_function, parse_function, source_lines
    fdef = ast.parse(source).body[0]
    for n in ast.walk(fdef):
        if hasattr(n, "lineno"):
            n.lineno = n.end_lineno = 1
    _, filename, offset = parse_function(gen.py_func)
    gdef = parse_function(gen.py_func)[0]
    return made_function(fdef, filename, offset + gdef.lineno - 1,
                         source_lines(gen.py_func), ns,
                         f"{gen.__qualname__}.<{fdef.name}>",
                         gen.__module__)


def _flat(gen: Any, t: Any) -> Tuple[List[Tuple[str, Any]], Callable]:
    """The callback's (driver expression, ctypes type) per scalar of the
    yielded type `t`, and the function making the value from them."""
    found = _parts(t, "v")
    if found is None:
        raise UnsupportedError(
            f"the generator '{gen.__name__}' called from Python yields {t}: "
            f"kern hands numbers, arrays of numbers and tuples of them to "
            f"Python (a generator of other values runs in compiled code)")
    items, make = found
    return items, lambda values: make(iter(values))


def _parts(t: Any, expr: str) -> Optional[Tuple[List[Tuple[str, Any]],
                                                 Callable]]:
    """(items, make) of `t` reached by the driver expression `expr`; make
    takes the callback's values from an iterator."""
    from .types import Array, Scalar, Tuple as TupleType
    if isinstance(t, Scalar) and t.kind == "c":
        part = _C_TYPES["f", t.bits // 2]
        return [(f"{expr}.real", part), (f"{expr}.imag", part)], \
            lambda it: complex(next(it), next(it))
    if isinstance(t, Scalar) and (t.kind, t.bits) in _C_TYPES:
        return [(expr, _C_TYPES[t.kind, t.bits])], next
    if isinstance(t, Array) and (isinstance(t.dtype, Scalar) and (
            t.dtype.kind, t.dtype.bits) in _C_TYPES or
            getattr(t.dtype, "kind", None) == "c"):
        return _array_parts(t, expr)
    if not isinstance(t, TupleType):
        return None
    found = [_parts(e, f"{expr}[{k}]") for k, e in enumerate(t.types)]
    if any(f is None for f in found):
        return None
    makers = [f[1] for f in found]
    return [i for f in found for i in f[0]], \
        lambda it: tuple(m(it) for m in makers)


def _array_parts(t: Any, expr: str) -> Tuple[List[Tuple[str, Any]],
                                              Callable]:
    """An array value as its address, shape and strides; made a copy (the
    compiled code may reuse its memory once it goes on)."""
    import numpy as np
    dtype, ndim = t.dtype.np, t.ndim
    items = [(f"{expr}.ctypes.data", ctypes.c_uint64)]
    items += [(f"{expr}.shape[{k}]", ctypes.c_int64) for k in range(ndim)]
    items += [(f"{expr}.strides[{k}]", ctypes.c_int64) for k in range(ndim)]

    def make(it: Any) -> Any:
        address = next(it)
        shape = tuple(next(it) for _ in range(ndim))
        strides = tuple(next(it) for _ in range(ndim))
        if 0 in shape:
            return np.empty(shape, dtype)
        view = _Interface({"data": (address, True), "shape": shape,
                           "strides": strides, "typestr": dtype.str,
                           "version": 3})
        return np.array(view, copy=True)
    return items, make


class _Interface:
    """An object exposing memory through `__array_interface__`."""

    def __init__(self, interface: Dict[str, Any]) -> None:
        self.__array_interface__ = interface


class _Channel:
    """What the thread running a driver and the thread calling `next()`
    share: the values made and not yet taken, and `credit`, how many more
    the driver may make before it waits (1 per next() for an exact
    generator: it waits at each yield until asked for the next value)."""

    def __init__(self, convert: Callable[[Tuple[Any, ...]], Any]) -> None:
        self.convert = convert
        self.cv = threading.Condition(threading.Lock())
        self.queue: Deque[Any] = collections.deque()
        self.credit = 0
        self.done = self.closed = False
        self.error: Optional[BaseException] = None


def _handoff(*values: Any) -> int:
    """The callback: in the driver's thread, inside compiled code (the
    value is made here, while what it reads is still there)."""
    ch = _current.channel
    value = ch.convert(values)
    with ch.cv:
        ch.queue.append(value)
        ch.credit -= 1
        ch.cv.notify_all()
        while ch.credit <= 0 and not ch.closed:
            ch.cv.wait()
        return 1 if ch.closed else 0


def _run(drive: Any, args: Tuple[Any, ...], ch: _Channel) -> None:
    _current.channel = ch
    try:
        with ch.cv:
            while ch.credit <= 0 and not ch.closed:
                ch.cv.wait()
        if not ch.closed:
            drive(*args)
    except BaseException as e:  # noqa: B902 (handed to next())
        ch.error = e
    finally:
        with ch.cv:
            ch.done = True
            ch.cv.notify_all()


class KernGenerator:
    """The generator object of a `@kern.njit` generator function called
    from Python: iterates lazily; `close()` (or dropping it) ends it."""

    def __init__(self, name: str, driver: _Driver, args: Tuple[Any, ...]
                 ) -> None:
        self.__name__ = name
        self._driver, self._args = driver, args
        self._channel: Optional[_Channel] = None
        self._thread: Optional[threading.Thread] = None
        self._grant = 1  # values asked of the driver at once: 1, 2, 4, ...

    def __repr__(self) -> str:
        return f"<kern generator object {self.__name__} at {id(self):#x}>"

    def __iter__(self) -> "KernGenerator":
        return self

    def __next__(self) -> Any:
        if self._thread is None:
            if self._args is None:  # closed before it started
                raise StopIteration
            self._channel = ch = _Channel(self._driver.convert)
            self._thread = threading.Thread(
                target=_run, args=(self._driver.drive, self._args, ch),
                name=f"kern generator {self.__name__}", daemon=True)
            self._args = None
            self._thread.start()
        ch = self._channel
        with ch.cv:
            if not ch.queue and not ch.done and ch.credit <= 0:
                ch.credit = self._grant
                self._grant = min(2 * self._grant, self._driver.batch)
                ch.cv.notify_all()
            while not ch.queue and not ch.done:
                ch.cv.wait()
            if ch.queue:
                return ch.queue.popleft()
            error, ch.error = ch.error, None
        self._thread.join()
        if error is not None:
            raise error
        raise StopIteration

    def close(self) -> None:
        """Ends the generator (its compiled loop stops at the yield it
        waits in)."""
        ch, self._args = self._channel, None
        if ch is not None and not ch.done:
            with ch.cv:
                ch.closed = True
                ch.cv.notify_all()
            self._thread.join()
        if ch is not None:
            ch.queue.clear()

    def __del__(self) -> None:
        self.close()
