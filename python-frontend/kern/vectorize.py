"""`@kern.vectorize`: scalar kernels as real NumPy universal functions.

    >>> import kern, numpy as np
    >>> @kern.vectorize(['float64(float64, float64)',
    ...                  'float32(float32, float32)'])
    ... def clip_add(x, y):
    ...     s = x + y
    ...     return min(max(s, -1.0), 1.0)
    >>> isinstance(clip_add, np.ufunc)
    True
    >>> clip_add(np.array([0.5, 2.0]), 0.25)
    array([0.75, 1.  ])
    >>> clip_add.types
    ['dd->d', 'ff->f']
    >>> clip_add.outer(np.array([0.1, 0.2]), np.array([0.0, 0.9]))
    array([[0.1, 1. ],
           [0.2, 1. ]])

With signatures every loop is compiled at decoration and the result is an
`np.ufunc` made by kern's C extension (kern/_ufunc.c) whose inner loops are
compiled kern code: a `kern.ufunc` over 1-D strided memrefs calling the
scalar kernel (kern/ufunc/emit.py). NumPy does the rest: type resolution,
broadcasting, casting, `out=`, `where=`, `dtype=`, `.reduce`,
`.accumulate`, `.outer`, `.at`, `.reduceat`, `__array_ufunc__`.

Without signatures (`@kern.vectorize`) the result is a `Vectorized`, a thin
object like Numba's DUFunc: it forwards calls and methods to its current
`np.ufunc` (`.ufunc`) and, when NumPy finds no loop for the inputs
(TypeError), compiles one for their types and re-creates the ufunc with
the grown loop list.

Inside `@kern.njit` code a vectorized function applied to arrays is a
`kern.ufunc` like any array expression (it fuses with its neighbours);
applied to scalars it is a plain scalar call (kern/ufunc/njit.py).
`kern.vectorize_info(f)` gives the Vectorized record of either kind.
"""

from __future__ import annotations

import functools
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple as PT

from . import _kernrt
from .ufunc.registry import register, vectorized_of
from .types import Scalar, parse_signature

__all__ = ["vectorize", "Vectorized", "vectorize_info"]

_TARGETS = ("cpu", "parallel")
_OPTIONS = ("target", "identity", "cache", "fastmath", "nopython", "forceobj")
class _CacheSlot:
    """What kern.cache needs of a compiled function, for one loop: the
    scalar kernel (its code, globals and callees are in the key), the
    options, and the loop's identity as its 'argument types' (entry kind,
    argument kern types and ranks, result, and the emitter's version)."""

    def __init__(self, uf: "Vectorized", kernel: Any, parallel: bool,
                 arg_types: Sequence[Any]) -> None:
        import os
        from .ufunc import emit
        self.py_func = uf.py_func
        self.__name__ = uf.__name__
        self.targetoptions = {"parallel": parallel,
                              "fastmath": uf.fastmath, "boundscheck": False}
        self.stats: Dict[str, Any] = {}
        st = os.stat(emit.__file__)
        self.args = (f"vectorize {kernel.entry}",
                     " ".join(f"{getattr(t, 'dtype', t)}/"
                              f"{getattr(t, 'ndim', 0)}" for t in arg_types),
                     f"result {kernel.result}",
                     f"emitter {st.st_size}:{st.st_mtime_ns}")
        # What cache.store reads of a lowering.
        self.entry = kernel.entry
        self.return_type = None
        self.callees: List[Any] = []


def _python_type(value: Any) -> Optional[Scalar]:
    """The kern type a lazy ufunc compiles for: an array's or NumPy
    scalar's dtype; Python bool, int, float, complex as Numba types them."""
    import numpy
    from .types import from_dtype
    if isinstance(value, (numpy.ndarray, numpy.generic)):
        dtype = value.dtype
    elif isinstance(value, bool):
        dtype = numpy.dtype(numpy.bool_)
    elif isinstance(value, int):
        dtype = numpy.dtype(numpy.int64)
    elif isinstance(value, (float, complex)):
        dtype = numpy.dtype(type(value))
    elif isinstance(value, (list, tuple)):
        dtype = numpy.asarray(value).dtype
    else:
        dtype = getattr(value, "dtype", None)
    if dtype is not None and numpy.dtype(dtype) == numpy.float16:
        dtype = numpy.float32  # kern has no float16: NumPy casts it up
    try:
        t = from_dtype(numpy.dtype(dtype)) if dtype is not None else None
    except Exception:
        return None
    return t if isinstance(t, Scalar) else None


class Vectorized:
    """The loops of a `@kern.vectorize` ufunc and its current `np.ufunc`.

    With signatures the decorator returns `.ufunc` itself (a real
    np.ufunc; `kern.vectorize_info(f)` finds this record again). Without,
    it returns this object, which forwards calls, the ufunc methods and
    attributes to `.ufunc` and compiles a loop when NumPy has none for the
    inputs (Numba's DUFunc). Attributes: `py_func`, `signatures` (kern
    types of the loops), `target`, `cache_event`, `inspect_mlir()`.
    """

    _kern_vectorize = True

    def __init__(self, py_func: Callable, signatures: Optional[Sequence[Any]],
                 target: str = "cpu", identity: Any = None,
                 cache: bool = False, fastmath: Any = False) -> None:
        if target not in _TARGETS:
            raise ValueError(f"kern.vectorize: unknown target {target!r}; "
                             f"targets are 'cpu' and 'parallel' (the 'cuda' "
                             f"target comes with the GPU support)")
        if not callable(py_func):
            raise TypeError(f"kern.vectorize decorates functions, not "
                            f"{type(py_func).__name__}")
        functools.update_wrapper(self, py_func)
        self.py_func = py_func
        self.target = target
        self.cache = bool(cache)
        self.fastmath = fastmath
        if identity is not None and identity != "reorderable" and \
                not isinstance(identity, (int, float, complex)):
            import numpy
            if not isinstance(identity, numpy.generic):
                raise ValueError(f"kern.vectorize: identity must be a "
                                 f"number, 'reorderable' or None, not "
                                 f"{identity!r}")
        self._identity = identity
        code = py_func.__code__
        if code.co_flags & 0x0C or code.co_kwonlyargcount:
            raise TypeError(f"kern.vectorize: '{py_func.__name__}' must take "
                            f"a fixed number of positional arguments")
        self.nin = code.co_argcount
        if self.nin < 1:
            raise TypeError(f"kern.vectorize: '{py_func.__name__}' takes no "
                            f"arguments; a ufunc needs at least one")
        self._loops: List[PT[PT[Scalar, ...], Scalar]] = []
        self._specs: List[Any] = []
        self._modules: List[Any] = []
        self._kernels: Dict[str, str] = {}
        # cache=True: what the cache did at the last compile ('hit', 'miss',
        # 'invalid: ...', see kern.cache.last_event); None without cache.
        self.cache_event: Optional[str] = None
        self._lock = threading.RLock()
        self._frozen = signatures is not None
        self.ufunc: Any = None
        for sig in signatures or ():
            self._add_loop(sig)
        self._make_ufunc()

    # -- attributes ---------------------------------------------------------

    @property
    def signatures(self) -> List[PT[PT[Scalar, ...], Scalar]]:
        return list(self._loops)

    @property
    def types(self) -> List[str]:
        return self.ufunc.types

    @property
    def ntypes(self) -> int:
        return self.ufunc.ntypes

    @property
    def identity(self) -> Any:
        return self.ufunc.identity

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") and name not in ("__array_ufunc__",):
            raise AttributeError(name)
        ufunc = self.__dict__.get("ufunc")
        if ufunc is None:
            raise AttributeError(name)
        return getattr(ufunc, name)

    def __repr__(self) -> str:
        return f"<kern.vectorize ufunc '{self.__name__}'>"

    # -- pickling (kern/pickling.py) ----------------------------------------

    def pickle_details(self) -> Dict[str, Any]:
        """The options and signatures that make this object again."""
        sigs = [f"{out}({', '.join(map(str, ins))})"
                for ins, out in self._loops] if self._frozen else None
        return {"kind": "vectorize", "sigs": sigs, "target": self.target,
                "identity": self._identity, "cache": self.cache,
                "fastmath": self.fastmath}

    def __reduce__(self) -> Any:
        from .pickling import reduce_decorated
        return reduce_decorated(self, self.pickle_details())

    def __setstate__(self, state: Any) -> None:
        from .pickling import function_from_state, initialized
        if initialized(self):  # unpickled before in this process
            return
        function, details = state
        details = dict(details)
        del details["kind"]
        self.__init__(function_from_state(function),  # type: ignore[misc]
                      details.pop("sigs"), **details)

    def inspect_mlir(self) -> Dict[str, str]:
        """The kern MLIR of every compiled loop, by entry
        ('<name>__ufunc' followed by the loop's types)."""
        return dict(self._kernels)

    # -- compiling ----------------------------------------------------------

    def add(self, sig: Any) -> int:
        """Compiles a loop for a signature ('float64(float64, float64)' or
        (input types, output type)) and re-creates `.ufunc` with it;
        returns its index."""
        with self._lock:
            k = self._add_loop(sig)
            self._make_ufunc()
            return k

    def _add_loop(self, sig: Any) -> int:
        if isinstance(sig, tuple) and len(sig) == 2 and isinstance(
                sig[0], tuple):
            ins, out = tuple(sig[0]), sig[1]
        else:
            out, ins = parse_signature(sig)
        for t in list(ins) + ([out] if out is not None else []):
            if not isinstance(t, Scalar):
                raise TypeError(f"kern.vectorize: signatures take scalar "
                                f"types, not {t} (in {sig!r})")
        if len(ins) != self.nin:
            raise TypeError(f"kern.vectorize: signature {sig!r} has "
                            f"{len(ins)} inputs but '{self.__name__}' takes "
                            f"{self.nin}")
        for k, (have, result) in enumerate(self._loops):
            if have == tuple(ins) and (out is None or result == out):
                return k
        from .ufunc.emit import ufunc_kernel
        parallel = self.target == "parallel"
        kernel = ufunc_kernel(self.py_func, self.__name__, tuple(ins), out,
                              [1] * self.nin, 1, parallel=parallel,
                              fastmath=bool(self.fastmath))
        result = kernel.element
        types = list(ins) + [result]
        module = self._compile(kernel, parallel, types)
        address = module.lookup(kernel.entry + "__kern_packed")
        sequential = (0, 0)
        if "@" + kernel.entry + "_reduce(" in kernel.mlir:
            sequential = (module.lookup(kernel.entry + "_reduce__kern_packed"),
                          module.lookup(kernel.entry + "_scan__kern_packed"))
        self._modules.append(module)
        self._kernels[kernel.entry + "(" + ",".join(map(str, types)) +
                      ")"] = kernel.mlir
        self._specs.append((address, tuple(t.np.itemsize for t in types),
                            None) + sequential)
        self._loops.append((tuple(ins), result))
        return len(self._loops) - 1

    def _make_ufunc(self) -> None:
        types = bytes(t.np.num for ins, out in self._loops
                      for t in list(ins) + [out])
        identity = self._identity
        self.ufunc = _kernrt.make_ufunc(
            self.__name__, self.py_func.__doc__ or "", self.nin, 1, types,
            list(self._specs), identity, None, tuple(self._modules))
        if self._frozen:
            register(self.ufunc, self)
            from .pickling import install_ufunc_reducer
            install_ufunc_reducer()

    def _compile(self, kernel: Any, parallel: bool,
                 arg_types: Sequence[Any]) -> Any:
        """Machine code of a loop's module; with cache=True from the cache
        file of an earlier process when its key matches (kern/cache.py)."""
        from . import _compiler
        slot = _CacheSlot(self, kernel, parallel, arg_types) \
            if self.cache else None
        if slot is not None:
            from . import cache
            hit = cache.load(slot, slot.args)
            self.cache_event = cache.last_event(slot)
            if hit is not None and hit[0].entry == kernel.entry:
                return hit[1]
        module = _compiler.compile(kernel.mlir, parallel=parallel,
                                   fastmath=self.fastmath)
        if slot is not None:
            cache.store(slot, slot.args, slot, module)
        return module

    def _grow(self, values: Sequence[Any], error: TypeError,
              used: Any) -> None:
        """A loop for the types of `values` (the inputs NumPy found no loop
        for in the ufunc `used`); re-raises `error` when there is nothing
        new to compile."""
        if self._frozen:
            raise error
        ins = tuple(_python_type(v) for v in values)
        if len(ins) != self.nin or any(t is None for t in ins):
            raise error
        with self._lock:
            if any(have == ins for have, _ in self._loops):
                if self.ufunc is not used:
                    return  # another thread added it meanwhile: call again
                raise error
            self.add((ins, None))

    # -- calling (lazy ufuncs) -------------------------------------------

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        ufunc = self.ufunc
        try:
            return ufunc(*args, **kwargs)
        except TypeError as e:
            self._grow(args[:self.nin], e, ufunc)
        return self.ufunc(*args, **kwargs)

    def _method(self, name: str, values: Sequence[Any], args: Any,
                kwargs: Any) -> Any:
        ufunc = self.ufunc
        try:
            return getattr(ufunc, name)(*args, **kwargs)
        except TypeError as e:
            self._grow(values, e, ufunc)
        return getattr(self.ufunc, name)(*args, **kwargs)

    def reduce(self, array: Any, *args: Any, **kwargs: Any) -> Any:
        return self._method("reduce", (array, array), (array,) + args,
                            kwargs)

    def accumulate(self, array: Any, *args: Any, **kwargs: Any) -> Any:
        return self._method("accumulate", (array, array), (array,) + args,
                            kwargs)

    def reduceat(self, array: Any, *args: Any, **kwargs: Any) -> Any:
        return self._method("reduceat", (array, array), (array,) + args,
                            kwargs)

    def outer(self, a: Any, b: Any, **kwargs: Any) -> Any:
        return self._method("outer", (a, b), (a, b), kwargs)

    def at(self, a: Any, indices: Any, *args: Any) -> Any:
        values = (a,) + tuple(args[:1]) if self.nin == 2 else (a,)
        return self._method("at", values, (a, indices) + args, {})


def vectorize_info(f: Any) -> Vectorized:
    """The Vectorized record of a `@kern.vectorize` ufunc (the np.ufunc an
    eager decoration returns, or a lazy Vectorized itself)."""
    record = vectorized_of(f)
    if record is None:
        raise TypeError(f"{f!r} was not made by kern.vectorize")
    return record


def vectorize(*args: Any, **options: Any) -> Any:
    """Make a NumPy ufunc from a scalar function.

    Forms: ``@vectorize``, ``@vectorize(['f8(f8, f8)', 'f4(f4, f4)'])``,
    ``@vectorize('f8(f8)')``, ``@vectorize(target='parallel')``,
    ``vectorize(func)``. With signatures the result is an `np.ufunc`;
    without, a lazy `Vectorized` that compiles a loop per new input types.
    Options: `target` ('cpu', 'parallel', or 'cuda': kern/cuda/ufunc.py),
    `identity` (0, 1, a number,
    'reorderable' or None), `cache` (machine code of the loops on disk,
    reused by later processes: kern/cache.py), `fastmath`.
    """
    for key in options:
        if key not in _OPTIONS:
            raise TypeError(f"kern.vectorize() got an unexpected option "
                            f"'{key}'")
    if options.get("target") == "cuda":  # a kern.cuda kernel per call
        from .cuda.ufunc import vectorize as cuda_vectorize
        return cuda_vectorize(*args, **options)
    if options.pop("nopython", True) is False or options.pop("forceobj",
                                                              False):
        from .errors import UnsupportedError
        raise UnsupportedError("kern.vectorize compiles in nopython mode "
                               "only")

    def make(func: Callable, sigs: Optional[List[Any]]) -> Any:
        record = Vectorized(func, sigs, **options)
        return record.ufunc if sigs is not None else record

    if args and callable(args[0]) and not isinstance(args[0], (str, list,
                                                               tuple)):
        if len(args) > 1:
            raise TypeError("kern.vectorize(func) takes one function")
        return make(args[0], None)
    if len(args) > 1:
        raise TypeError("kern.vectorize takes one signature or a list")
    sigs = None
    if args and args[0] is not None:
        sigs = list(args[0]) if isinstance(args[0], list) else [args[0]]

    def decorate(func: Callable) -> Any:
        return make(func, sigs)

    return decorate
