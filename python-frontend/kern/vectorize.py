"""`@kern.vectorize`: scalar kernels as NumPy-style universal functions.

    >>> import kern, numpy as np
    >>> @kern.vectorize(['float64(float64, float64)',
    ...                  'float32(float32, float32)'])
    ... def clip_add(x, y):
    ...     s = x + y
    ...     return min(max(s, -1.0), 1.0)
    >>> clip_add(np.array([0.5, 2.0]), 0.25)
    array([0.75, 1.  ])
    >>> clip_add.types
    ['dd->d', 'ff->f']

With signatures every loop is compiled at decoration, in order, and a call
uses the first loop that its arguments cast to safely (NumPy's rule).
Without signatures (`@kern.vectorize`) a loop is compiled for each new
combination of argument types, as Numba's DUFunc does.

Calls follow NumPy ufunc semantics: broadcasting of arrays of any ranks
and of scalars, `out=` (any array, views included), `dtype=`, scalars in,
NumPy scalar out. The loops are kern code: a `kern.ufunc` over the
arguments whose region calls the scalar kernel (kern/ufunc/emit.py), made
broadcast-explicit by `kern-broadcast`; `target='parallel'` runs the outer
loop on OpenMP threads. `.reduce` and `.accumulate` are `kern.reduce` and
`kern.accumulate` with the kernel as their combiner.

Inside `@kern.njit` code a vectorized function applied to arrays is a
`kern.ufunc` like any array expression (it fuses with its neighbours);
applied to scalars it is a plain scalar call (kern/ufunc/njit.py).
"""

from __future__ import annotations

import functools
import threading
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple as PT

from . import _kernrt
from .types import Scalar, parse_signature

__all__ = ["vectorize", "Vectorized"]

_TARGETS = ("cpu", "parallel")
_OPTIONS = ("target", "identity", "cache", "fastmath", "nopython", "forceobj")
_UNSET = object()
_call: Any = None  # kern.ufunc.call.call, imported at the first call


@_kernrt.use_vectorcall
class _Entry(_kernrt.Dispatcher):
    """Compiled entries of one loop kind of one signature: the C call path
    picks the entry by the arguments' type codes (ranks included); a miss
    compiles the entry for them."""

    def __init__(self, build: Callable[["_Entry", Sequence[Any]], None]
                 ) -> None:
        self._build = build
        self._modules: List[Any] = []
        self._codes: set = set()  # argument codes of the entries

    def _on_miss(self, *args: Any) -> Any:
        self._build(self, args)
        return self._call_exact(*args)


def _codes_of(arg_types: Sequence[Any]) -> PT[int, ...]:
    """The _kernrt type codes of arguments of these kern types."""
    from .ufunc.emit import type_codes
    codes: PT[int, ...] = ()
    for t in arg_types:
        codes += type_codes(t)
    return codes


def _format_codes(codes: Sequence[int]) -> str:
    return "(" + ", ".join(f"{c:#x}" for c in codes) + ")"


def _type_of(value: Any) -> Any:
    """The kern type of an argument the Python side has already prepared:
    an array of a supported dtype, or a NumPy scalar."""
    from .types import from_dtype
    from .ufunc.emit import Memref
    import numpy
    if isinstance(value, numpy.ndarray):
        return Memref(from_dtype(value.dtype), value.ndim)
    return from_dtype(value.dtype)


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


class Vectorized:
    """A universal function made from a scalar kernel by `@kern.vectorize`.

    Attributes as on NumPy ufuncs: `nin`, `nout` (1), `nargs`, `ntypes`,
    `types` (e.g. ['dd->d']), `identity`, `__name__`, `__doc__`; and
    `py_func` (the scalar kernel), `signatures` (kern types of the loops),
    `target`.
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
        self.nout = 1
        self.nargs = self.nin + 1
        self._loops: List[PT[PT[Scalar, ...], Scalar]] = []
        self._entries: List[_Entry] = []
        self._scalar_entries: List[_Entry] = []
        self._reduce: Dict[Any, Any] = {}
        self._plans: Dict[Any, Any] = {}
        self._kernels: Dict[str, str] = {}
        # cache=True: what the cache did at the last compile ('hit', 'miss',
        # 'invalid: ...', see kern.cache.last_event); None without cache.
        self.cache_event: Optional[str] = None
        self._lock = threading.RLock()
        self._frozen = signatures is not None
        for sig in signatures or ():
            self.add(sig)

    # -- attributes ---------------------------------------------------------

    @property
    def ntypes(self) -> int:
        return len(self._loops)

    @property
    def types(self) -> List[str]:
        """The loops as NumPy spells them: 'dd->d', 'ff->f', ..."""
        return ["".join(t.np.char for t in ins) + "->" + out.np.char
                for ins, out in self._loops]

    @property
    def signatures(self) -> List[PT[PT[Scalar, ...], Scalar]]:
        return list(self._loops)

    @property
    def identity(self) -> Any:
        """The identity given at decoration (None, 0, 1, a number), or None
        for 'reorderable'."""
        return None if self._identity == "reorderable" else self._identity

    def __repr__(self) -> str:
        return f"<kern.vectorize ufunc '{self.__name__}'>"

    # -- compiling ----------------------------------------------------------

    def add(self, sig: Any) -> int:
        """Compiles a loop for a signature ('float64(float64, float64)' or
        (input types, output type)); returns its index."""
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
        with self._lock:
            for k, (have, _) in enumerate(self._loops):
                if have == tuple(ins) and (out is None or
                                           self._loops[k][1] == out):
                    return k
            entry = self._scalar_entry(tuple(ins), out)
            # Compiling the scalar loop types the kernel and settles the
            # output type of a signature that left it out.
            kernel = entry._kernel
            k = len(self._loops)
            self._plans.clear()
            self._loops.append((tuple(ins), kernel.result))
            self._scalar_entries.append(entry)
            self._entries.append(self._array_entry(k))
            return k

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

    def _register(self, entry: _Entry, kernel: Any, module: Any,
                  arg_types: Sequence[Any]) -> None:
        from .ufunc.emit import type_codes
        address = module.lookup(kernel.entry + "__kern_packed")
        results = type_codes(kernel.result) if kernel.result is not None \
            else ()
        codes = _codes_of(arg_types)
        entry._codes.add(codes)
        entry._modules.append(module)
        self._kernels[kernel.entry + _format_codes(codes)] = kernel.mlir
        entry._add_entry(codes, address, results,
                         module, None, True)

    def _scalar_entry(self, ins: PT[Scalar, ...],
                      out: Optional[Scalar]) -> _Entry:
        from .ufunc.emit import scalar_kernel
        kernel = scalar_kernel(self.py_func, self.__name__, ins, out,
                               fastmath=bool(self.fastmath))
        module = self._compile(kernel, False, ins)

        def build(entry: _Entry, args: Sequence[Any]) -> None:
            raise TypeError("kern: internal error: scalar loop called with "
                            "other types")

        entry = _Entry(build)
        entry._kernel = kernel
        self._register(entry, kernel, module, ins)
        return entry

    def _array_entry(self, k: int) -> _Entry:
        """Entries of loop k on arrays writing an out array (the result
        the caller allocated, or out=), compiled per input and out ranks."""
        def build(entry: _Entry, args: Sequence[Any]) -> None:
            from .ufunc.emit import ufunc_kernel
            ins, out = self._loops[k]
            types = [_type_of(a) for a in args]
            ranks = [getattr(t, "ndim", 0) for t in types[:self.nin]]
            out_rank = types[self.nin].ndim
            with self._lock:
                if _codes_of(types) in entry._codes:
                    return  # another thread compiled it meanwhile
                kernel = ufunc_kernel(self.py_func, self.__name__, ins, out,
                                      ranks, out_rank,
                                      parallel=self.target == "parallel",
                                      fastmath=bool(self.fastmath))
                module = self._compile(kernel, self.target == "parallel",
                                       types)
                self._register(entry, kernel, module, types)

        return _Entry(build)

    # -- calling ------------------------------------------------------------

    def __call__(self, *args: Any, out: Any = None, dtype: Any = None,
                 casting: str = "same_kind", **kwargs: Any) -> Any:
        global _call
        if _call is None:
            from .ufunc.call import call as _call
        return _call(self, args, out, dtype, casting, kwargs)

    def reduce(self, array: Any, axis: Any = 0, dtype: Any = None,
               out: Any = None, keepdims: bool = False,
               initial: Any = _UNSET, where: Any = True) -> Any:
        """Reduces `array` along `axis` (an int, a tuple of ints, or None
        for all axes) with the kernel: f(f(a0, a1), a2)... ."""
        from .ufunc import reduce
        return reduce.reduce(self, array, axis, dtype, out, keepdims,
                             initial, where)

    def accumulate(self, array: Any, axis: int = 0, dtype: Any = None,
                   out: Any = None) -> Any:
        """Running reduction along `axis`: r[k] = f(r[k-1], a[k])."""
        from .ufunc import reduce
        return reduce.accumulate(self, array, axis, dtype, out)

    def inspect_mlir(self) -> Dict[str, str]:
        """The kern MLIR of every compiled loop, by entry: '<name>__ufunc',
        '__scalar', '__reduce', '__reduce_rows', '__accumulate', followed
        by the argument type codes in hex."""
        return dict(self._kernels)

    def outer(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"kern: {self.__name__}.outer is not "
                                  f"supported")

    def at(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"kern: {self.__name__}.at is not "
                                  f"supported")

    def reduceat(self, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError(f"kern: {self.__name__}.reduceat is not "
                                  f"supported")


def vectorize(*args: Any, **options: Any) -> Any:
    """Make a NumPy-style ufunc from a scalar function.

    Forms: ``@vectorize``, ``@vectorize(['f8(f8, f8)', 'f4(f4, f4)'])``,
    ``@vectorize('f8(f8)')``, ``@vectorize(target='parallel')``,
    ``vectorize(func)``. Options: `target` ('cpu' or 'parallel'),
    `identity` (0, 1, a number, 'reorderable' or None: the value reductions
    start from, which also allows reducing over several axes), `cache`
    (machine code of the loops on disk, reused by later processes, as for
    njit: kern/cache.py), `fastmath`.
    """
    for key in options:
        if key not in _OPTIONS:
            raise TypeError(f"kern.vectorize() got an unexpected option "
                            f"'{key}'")
    if options.pop("nopython", True) is False or options.pop("forceobj",
                                                              False):
        from .errors import UnsupportedError
        raise UnsupportedError("kern.vectorize compiles in nopython mode "
                               "only")
    if args and callable(args[0]) and not isinstance(args[0], (str, list,
                                                               tuple)):
        if len(args) > 1:
            raise TypeError("kern.vectorize(func) takes one function")
        return Vectorized(args[0], None, **options)
    if len(args) > 1:
        raise TypeError("kern.vectorize takes one signature or a list")
    sigs = None
    if args and args[0] is not None:
        sigs = list(args[0]) if isinstance(args[0], list) else [args[0]]

    def decorate(func: Callable) -> Vectorized:
        return Vectorized(func, sigs, **options)

    return decorate
