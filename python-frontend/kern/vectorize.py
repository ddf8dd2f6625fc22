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

Without signatures (`@kern.vectorize`) the result is an `np.ufunc` too,
made at decoration with no loops, that grows one in place for each new
input type at its first call, as Numba's DUFunc does: its promoter
(kern/_ufuncgrow.c) asks `Vectorized.promote` for the loop whenever NumPy
has none for the operands' DTypes; an existing loop the inputs cast to
safely serves them, else one is compiled for their types and added to the
same ufunc (an ArrayMethod). NumPy caches the answer per DTypes, so later
calls run no Python:

    >>> @kern.vectorize
    ... def axpy(a, x):
    ...     return a * x + 1
    >>> isinstance(axpy, np.ufunc), axpy.types
    (True, [])
    >>> axpy(np.arange(3), 2)
    array([1, 3, 5])
    >>> axpy(np.float32(0.5), np.float32(2.0)), axpy.types
    (np.float32(2.0), ['ll->l', 'ff->f'])

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


_WEAK_KINDS = {"int": "iufc", "float": "fc", "complex": "c"}


def _takes(operand: Any, dtype: Any, fixed: Any) -> bool:
    """Whether a loop argument of `dtype` serves `operand` (as the promoter
    describes it: None, a weak Python scalar's kind or an np.dtype) by safe
    casting, NumPy's rule for picking a loop (NEP 50: a Python int goes to
    any integer or inexact loop, a float to any inexact one); `fixed`
    (dtype=, signature=) must be matched exactly."""
    import numpy
    if fixed is not None:
        return type(fixed) is type(dtype)
    if operand is None:
        return True
    if isinstance(operand, str):
        return dtype.kind in _WEAK_KINDS[operand]
    return isinstance(operand, numpy.dtype) and \
        numpy.can_cast(operand, dtype, "safe")


def _kern_type(operand: Any) -> Optional[Scalar]:
    """The kern type a lazy ufunc compiles for an operand: a weak Python
    int, float, complex as Numba types them (int64, float64, complex128),
    a dtype's own type (float16: float32, which NumPy casts it to)."""
    import numpy
    from .types import from_dtype
    if isinstance(operand, str):
        operand = {"int": numpy.int64, "float": numpy.float64,
                   "complex": numpy.complex128}[operand]
    if not isinstance(operand, (numpy.dtype, type)):
        return None
    try:
        dtype = numpy.dtype(operand)
    except TypeError:
        return None
    if dtype == numpy.float16:
        dtype = numpy.dtype(numpy.float32)
    try:
        t = from_dtype(dtype)
    except TypeError:
        return None
    return t if isinstance(t, Scalar) else None


class Vectorized:
    """What kern knows of a `@kern.vectorize` ufunc: the scalar kernel,
    the loops' kern types and compiled modules, and `.ufunc`, the np.ufunc
    the decorator returns (`kern.vectorize_info(f)` finds this record
    again). The ufunc is one object for its whole life: loops are added to
    it in place (`add`; a lazy one's promoter calls `promote`).
    Attributes: `py_func`, `signatures` (kern types of the loops),
    `target`, `cache_event`, `inspect_mlir()`.
    """

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
        self._modules: List[Any] = []  # (the ufunc keeps this list alive)
        self._kernels: Dict[str, str] = {}
        # cache=True: what the cache did at the last compile ('hit', 'miss',
        # 'invalid: ...', see kern.cache.last_event); None without cache.
        self.cache_event: Optional[str] = None
        self._lock = threading.RLock()
        self._frozen = signatures is not None
        # Lazy: the promoter (kern/_ufuncgrow.c) calls `promote`.
        self.ufunc = _kernrt.make_ufunc(
            self.__name__, py_func.__doc__ or "", self.nin, 1, b"", [],
            identity, None, self._modules,
            None if self._frozen else self.promote)
        register(self.ufunc, self)
        from .pickling import install_ufunc_reducer
        install_ufunc_reducer()
        for sig in signatures or ():
            self._add_loop(sig)

    # -- attributes ---------------------------------------------------------

    @property
    def signatures(self) -> List[PT[PT[Scalar, ...], Scalar]]:
        return list(self._loops)

    @property
    def types(self) -> List[str]:
        return self.ufunc.types

    def __repr__(self) -> str:
        return f"<kern.Vectorized '{self.__name__}' of {self.ufunc!r}>"

    def pickle_details(self) -> Dict[str, Any]:
        """The options and signatures that make the ufunc again
        (kern/pickling.py)."""
        sigs = [f"{out}({', '.join(map(str, ins))})"
                for ins, out in self._loops] if self._frozen else None
        return {"kind": "vectorize", "sigs": sigs, "target": self.target,
                "identity": self._identity, "cache": self.cache,
                "fastmath": self.fastmath}

    def inspect_mlir(self) -> Dict[str, str]:
        """The kern MLIR of every compiled loop, by entry
        ('<name>__ufunc' followed by the loop's types)."""
        return dict(self._kernels)

    # -- compiling ----------------------------------------------------------

    def add(self, sig: Any) -> int:
        """Compiles a loop for a signature ('float64(float64, float64)' or
        (input types, output type or None)) and adds it to `.ufunc` in
        place; returns its index (an existing loop's when it has one)."""
        with self._lock:
            return self._add_loop(sig)

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
        _kernrt.ufunc_add_loop(self.ufunc, bytes(t.np.num for t in types),
                               (address, tuple(t.np.itemsize for t in types),
                                None) + sequential)
        self._kernels[kernel.entry + "(" + ",".join(map(str, types)) +
                      ")"] = kernel.mlir
        self._loops.append((tuple(ins), result))
        return len(self._loops) - 1

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

    def promote(self, operands: Sequence[Any],
                fixed: Sequence[Any]) -> PT[Any, ...]:
        """The lazy ufunc's promoter (kern/_ufuncgrow.c): the dtypes of the
        loop for `operands` (per argument None, 'int', 'float', 'complex'
        or an np.dtype; `fixed`: the dtypes dtype=/signature= fixed, or
        None): the first loop the inputs cast to safely, else a loop
        compiled for their types (kern's TypingError when the kernel does
        not type for them)."""
        ins = list(operands[:self.nin])
        if ins[0] is None:  # a reduction: a (T, T) loop for the array's T
            ins[0] = ins[1]
        ops = ins + [None]
        with self._lock:
            for k, (have, result) in enumerate(self._loops):
                if all(_takes(o, t.np, f) for o, t, f in
                       zip(ops, list(have) + [result], fixed)):
                    break
            else:
                k = self._add_loop(self._new_loop(ins, fixed))
            have, result = self._loops[k]
        return tuple(t.np for t in have) + (result.np,)

    def _new_loop(self, ins: Sequence[Any], fixed: Sequence[Any]
                  ) -> PT[PT[Scalar, ...], Optional[Scalar]]:
        """The (input types, output type or None) to compile for."""
        types = [_kern_type(f if f is not None else o)
                 for o, f in zip(list(ins) + [None], fixed)]
        if any(t is None for t in types[:self.nin]) or (
                fixed[self.nin] is not None and types[self.nin] is None):
            names = ", ".join(str(getattr(t, "name", t)) for t in (
                f if f is not None else o for o, f in zip(ins, fixed)))
            raise TypeError(f"ufunc '{self.__name__}' not supported for "
                            f"the input types ({names}): kern.vectorize "
                            f"compiles loops for bool, integer, float and "
                            f"complex numbers")
        return tuple(types[:self.nin]), types[self.nin]


def vectorize_info(f: Any) -> Vectorized:
    """The Vectorized record of a `@kern.vectorize` ufunc (the np.ufunc the
    decoration returned, lazy or eager)."""
    record = vectorized_of(f)
    if record is None:
        raise TypeError(f"{f!r} was not made by kern.vectorize")
    return record


def vectorize(*args: Any, **options: Any) -> Any:
    """Make a NumPy ufunc from a scalar function.

    Forms: ``@vectorize``, ``@vectorize(['f8(f8, f8)', 'f4(f4, f4)'])``,
    ``@vectorize('f8(f8)')``, ``@vectorize(target='parallel')``,
    ``vectorize(func)``. The result is an `np.ufunc`: with signatures it has
    their loops; without, it compiles a loop per new input types.
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
        return Vectorized(func, sigs, **options).ufunc

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
