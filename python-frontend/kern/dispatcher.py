"""Compiled functions: `@kern.njit` and the dispatcher behind it.

A `Dispatcher` is what `@kern.njit` returns. Calling it runs the C call path
of `kern._kernrt` (type key, argument slots, packed call, results); a call
with argument types not seen before lands in `_on_miss`, which types the
function for them (`kern.lowering.lower`), compiles the module
(`kern._compiler`) and registers the entry point::

    >>> @kern.njit
    ... def sumsq(a):
    ...     s = 0.0
    ...     for x in a:
    ...         s += x * x
    ...     return s
    >>> sumsq(np.arange(4.0))          # compiles sumsq(float64[::1])
    14.0
    >>> sumsq.signatures
    [(float64[::1],)]

Explicit signatures compile at decoration and seal the dispatcher: other
argument types are converted when that is safe (a Python int to float64),
else refused with a TypeError naming the signatures.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
import time
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

from . import _kernrt, argerrors
from .bytestype import is_bytes
from .classtypes import InstanceType
from .errors import KernError, TypingError, UnsupportedError
from .functiontype import FunctionType, signature_id
from .dicttype import Dict as DictType
from .settype import Set as SetType
from .listtype import List as ListType
from .recordtype import is_record, is_record_array
from .strtype import UnicodeType
from .values import buffer_array, is_buffer
from .types import (Array, Dispatcher as DispatcherType,
                    NamedTuple as NamedTupleType, NoneType,
                    NumPyRandomGeneratorType, Omitted,
                    Optional as OptionalType, Scalar, Tuple as TupleType,
                    Type, any_layout, bool_, omitted, parse_signature, typeof)

__all__ = ["Dispatcher", "njit", "jit"]

STAGES = ("kern", "affine", "llvm", "llvmir", "asm")

# ---------------------------------------------------------------------------
# Type codes: the keys of the C call path (see _kernrt.c)
# ---------------------------------------------------------------------------


def type_codes(t: Type) -> Tuple[int, ...]:
    """The codes _kernrt computes for a value of type `t`.

    >>> hex(type_codes(float64[:])[0]), hex(type_codes(int64)[0])
    ('0x26608', '0x6908')
    """
    if isinstance(t, Scalar) and t.kind in "Mm":  # the unit, not the size
        return ((ord(t.kind) << 8) | t.unit_code,)
    if isinstance(t, Scalar):
        return ((ord(t.kind) << 8) | max(1, t.bits // 8),)
    if is_record(t) or is_record_array(t):  # bytes, then the dtype's code
        rank = t.ndim if isinstance(t, Array) else 0
        return (_kernrt.RECORD_ELEMENT | ((rank + 1) << _kernrt.NDIM_SHIFT) |
                (_kernrt.READONLY if getattr(t, "readonly", False) else 0),
                _kernrt.register_record_dtype(
                    (t.dtype if rank else t).np))
    if is_bytes(t):  # a result only: returned as bytes (kern/_kernrt.c)
        return ((ord("y") << 8) | 1 | (2 << _kernrt.NDIM_SHIFT) |
                _kernrt.READONLY,)
    if isinstance(t, Array):
        return (type_codes(t.dtype)[0] | ((t.ndim + 1) << _kernrt.NDIM_SHIFT) |
                (_kernrt.READONLY if t.readonly else 0),)
    if isinstance(t, NamedTupleType):  # the class, then the items
        codes: Tuple[int, ...] = (_kernrt.NAMEDTUPLE | len(t.types),
                                  _kernrt.register_tuple_class(t.cls))
        for item in t.types:
            codes += type_codes(item)
        return codes
    if isinstance(t, TupleType):
        codes = (_kernrt.TUPLE | len(t.types),)
        for item in t.types:
            codes += type_codes(item)
        return codes
    if isinstance(t, NoneType):
        return (_kernrt.NONE,)
    if isinstance(t, NumPyRandomGeneratorType):  # its bitgen_t *
        import numpy
        _kernrt.register_generator_type(numpy.random.Generator)
        return (_kernrt.GENERATOR,)
    if isinstance(t, Omitted):
        return (_kernrt.OMITTED,)
    if isinstance(t, DispatcherType):
        return (t.dispatcher._function_code,)
    if isinstance(t, FunctionType):  # a C function pointer
        return (_kernrt.FNPTR | signature_id(t),)
    if isinstance(t, InstanceType):  # the class, then the cells
        codes = (_kernrt.INSTANCE | len(t.cell_types), t.info.code)
        for cell in t.cell_types:
            codes += type_codes(cell)
        return codes
    if isinstance(t, OptionalType):  # the value, then its flag
        return (_kernrt.OPTIONAL,) + type_codes(t.type) + type_codes(bool_)
    if isinstance(t, UnicodeType):
        return (_kernrt.STR,)
    if isinstance(t, ListType) and isinstance(t.dtype, (Scalar, UnicodeType)):
        return (_kernrt.LIST | type_codes(t.dtype)[0],)
    if isinstance(t, DictType) and t.value is not None and not isinstance(
            t.value, (Scalar, UnicodeType)):  # kern/_dictvalues.c
        key = (_tuple_keys_code(t) if isinstance(t.key, TupleType)
               else _kernrt.DICT | (_packed_code(t.key) << 6))
        return (_kernrt.dict_value_type(key, _kernrt.list_item_type(
            type_codes(t.value))),)
    if isinstance(t, (SetType, DictType)) and isinstance(
            getattr(t, "key", getattr(t, "dtype", None)), TupleType):
        return (_tuple_keys_code(t),)  # tuple keys (kern/_dictkeys.c)
    if isinstance(t, SetType) and isinstance(t.dtype, Scalar):
        return (_kernrt.DICT | _kernrt.SET | (_packed_code(t.dtype) << 6),)
    if isinstance(t, ListType) and (is_record(t.dtype) or is_record_array(
            t.dtype)):
        raise TypeError(f"kern cannot pass a list of {t.dtype} (records "
                        f"in lists)")
    if isinstance(t, ListType) and t.dtype is not None:  # tuples, arrays
        return (_kernrt.LIST_OF | _kernrt.list_item_type(
            type_codes(t.dtype)),)
    if isinstance(t, DictType) and isinstance(t.key, (Scalar, UnicodeType)):
        return (_kernrt.DICT | (_packed_code(t.key) << 6) |
                _packed_code(t.value),)
    raise TypeError(f"kern: no calling convention for the type {t}")


def _tuple_keys_code(t: Any) -> int:
    """The code of a dict or set of tuple keys: their leaves' kinds
    registered (_kernrt.tuple_keys), then the value's code or SET."""
    key = t.key if isinstance(t, DictType) else t.dtype
    kinds = "".join(x.kind if x.kind in "bufU" else "i" for x in key.types)
    code = _kernrt.DICT | _kernrt.tuple_keys(kinds)
    if not isinstance(t, DictType):
        return code | _kernrt.SET
    return code | (_packed_code(t.value) if isinstance(
        t.value, (Scalar, UnicodeType)) else 0)  # (else: _dictvalues.c's)


def _packed_code(t: Scalar) -> int:
    """A scalar's code in 6 bits (a dict's key and value: _kernrt.c's
    unpackCode): the kind's index in "biufc", then log2 of its size."""
    return ("biufcU".index(t.kind) << 3) | (max(1, t.bits // 8).bit_length()
                                          - 1)


def _entry_flags(options: Dict[str, Any], lowered: Any) -> int:
    """The flags of `_kernrt`'s `_add_entry`: 1 releases the GIL (nogil=True,
    or code that prints from any thread), 2 holds the lists the code makes
    until its results are Python objects."""
    nogil = options["nogil"] or lowered.releases_gil
    return (1 if nogil else 0) | (2 if lowered.uses_lists else 0)


def signature_codes(types: Sequence[Type]) -> Tuple[int, ...]:
    """The C path's key of a call with arguments of `types`: their codes,
    an array argument's with its C or F contiguity (_kernrt.c).

    >>> hex(signature_codes([float64[:, ::1]])[0])
    '0x40036608'
    """
    codes: Tuple[int, ...] = ()
    for t in types:
        codes += type_codes(t)
        if isinstance(t, Array) and t.layout in _LAYOUT_CODES:
            codes = codes[:-1] + (codes[-1] | _LAYOUT_CODES[t.layout],)
    return codes


_LAYOUT_CODES = {"C": _kernrt.LAYOUT_C, "F": _kernrt.LAYOUT_F}


def contiguity(types: Sequence[Type]) -> Tuple[Optional[str], ...]:
    """The layout ('C' or 'F') each argument is compiled for, or None: an
    array argument's strides are known in code compiled for its layout."""
    return tuple(t.layout if isinstance(t, Array) and t.layout in "CF"
                 else None for t in types)


def _array_fits(have: Type, want: Array) -> bool:
    """An array of type `have` may be passed where `want` is compiled: the
    same dtype and rank, and the layout `want` was compiled for, if any."""
    return isinstance(have, Array) and have.same_kind(want) and (
        want.layout == "A" or have.layout == want.layout)


def _format_types(types: Sequence[Type]) -> str:
    return "(" + ", ".join(map(str, types)) + ")"


# ---------------------------------------------------------------------------
# Compiled specializations
# ---------------------------------------------------------------------------


class Overload:
    """One compiled specialization: its lowering and machine code. Calling
    it runs this specialization (arguments converted to its types when
    that is safe), as Numba's `compile(sig)` entry point:

        >>> f = kern.njit(lambda x, y=1: x + y)
        >>> f.compile("(float64, int64)")(2, 3)
        5.0
        >>> f.compile("(float64,)")(2.5)    # y left to its default
        3.5
        >>> f.signatures
        [(float64, int64), (float64, omitted)]
    """

    def __init__(self, dispatcher: "Dispatcher", arg_types: Tuple[Type, ...],
                 lowered: Any, module: Any, options: Dict[str, Any]) -> None:
        self.dispatcher = dispatcher
        self.arg_types = arg_types
        self.lowered = lowered
        self.module = module
        self.options = options
        self._staged: Any = module if options.get("keep_stages") else None

    def __call__(self, *args: Any) -> Any:
        wanted = self.arg_types[:len(args)]
        if any(isinstance(t, Omitted) for t in wanted) or \
                not all(isinstance(t, Omitted) for t in self.arg_types[len(args):]):
            raise TypeError(f"kern: this entry takes the arguments "
                            f"{_format_types(self.arg_types)}")
        converted = _convert_args(args, tuple(typeof(a) for a in args), wanted)
        if converted is None:
            raise TypeError(f"kern: this entry takes the arguments "
                            f"{_format_types(self.arg_types)}, not "
                            f"{_format_types([typeof(a) for a in args])}")
        return self.dispatcher._call_exact(*converted)

    def stage(self, name: str) -> str:
        """Text of one stage; recompiles once with the stages kept."""
        if name == "kern":
            return self.lowered.mlir
        if name == "types":
            return self.lowered.typemap.annotate()
        if self._staged is None:
            from . import _compiler
            self._staged = _compiler.compile(
                self.lowered.mlir, parallel=self.options["parallel"],
                fastmath=self.options["fastmath"], keep_stages=True)
        text = self._staged.stage(name)
        if text is None:
            raise KernError(f"kern: the compiler kept no '{name}' stage")
        return text


def _dump_request() -> Tuple[str, ...]:
    """Stages named by KERN_DUMP ('all' or 'kern,llvm,...')."""
    value = os.environ.get("KERN_DUMP", "").strip()
    if not value:
        return ()
    if value.lower() == "all":
        return STAGES
    stages = tuple(s.strip() for s in value.split(",") if s.strip())
    for s in stages:
        if s not in STAGES:
            raise ValueError(f"kern: KERN_DUMP names an unknown stage '{s}'; "
                             f"stages are {', '.join(STAGES)} or 'all'")
    return stages


_SUFFIX = {"kern": "mlir", "affine": "mlir", "llvm": "mlir", "llvmir": "ll",
           "asm": "s"}


def _file_tag(types: Sequence[Type]) -> str:
    """A file-name-safe spelling of argument types: 'float64_1d-int64'."""
    def tag(t: Type) -> str:
        if isinstance(t, Array):
            return f"{t.dtype}_{t.ndim}d"
        if isinstance(t, TupleType):
            return "tuple_" + "_".join(map(tag, t.types))
        return str(t)
    return "-".join(map(tag, types)) or "void"


def _dump(name: str, types: Sequence[Type], overload: Overload,
          stages: Sequence[str]) -> None:
    directory = os.environ.get("KERN_DUMP_DIR")
    for stage in stages:
        text = overload.stage(stage)
        if directory:
            os.makedirs(directory, exist_ok=True)
            path = os.path.join(directory, f"{name}.{_file_tag(types)}."
                                           f"{stage}.{_SUFFIX[stage]}")
            with open(path, "w") as f:
                f.write(text)
        else:
            sys.stderr.write(f"// ===== kern: {name}{_format_types(types)} "
                             f"stage '{stage}' =====\n{text}\n")


def _scalar_converter(declared: Scalar) -> Callable[[Any], Any]:
    return {"b": bool, "i": int, "u": int, "f": float, "c": complex}[declared.kind]


# ---------------------------------------------------------------------------
# The dispatcher
# ---------------------------------------------------------------------------

_TARGET_OPTIONS = ("parallel", "fastmath", "boundscheck", "cache", "nogil",
                   "gpu_chip")
#: Numba's options that change nothing kern computes, accepted so that
#: Numba code runs unchanged: `inline` (LLVM inlines small callees),
#: `locals` (kern types variables from their assignments), `debug`,
#: `error_model` (kern raises Python's ZeroDivisionError either way),
#: the wrapper and rewrite switches.
_ACCEPTED_OPTIONS = ("inline", "locals", "debug", "error_model",
                     "no_cpython_wrapper", "no_cfunc_wrapper", "no_rewrites",
                     "nopython", "looplift", "_nrt", "target_backend")
_CO_VARARGS, _CO_VARKEYWORDS = 0x04, 0x08  # inspect.CO_VARARGS, CO_VARKEYWORDS
_CO_VARARGS_OR_VARKEYWORDS = _CO_VARARGS | _CO_VARKEYWORDS


@_kernrt.use_vectorcall
class Dispatcher(_kernrt.Dispatcher):
    """A function compiled by kern, one specialization per argument types.

    Attributes: `py_func` (the Python function), `signatures` (compiled
    argument types), `stats` (seconds per stage of the last compile) and the
    function's `__name__`, `__doc__`, `__module__`, `__qualname__`.
    """

    _kern_dispatcher = True  # typeof: a function passed as an argument

    def __init__(self, py_func: Callable, signatures: Optional[Sequence[Any]] = None,
                 **options: Any) -> None:
        for key in [k for k in options if k in _ACCEPTED_OPTIONS]:
            del options[key]
        for key in options:
            if key not in _TARGET_OPTIONS:
                raise TypeError(f"kern.njit() got an unexpected option '{key}'")
        functools.update_wrapper(self, py_func)
        self.py_func = py_func
        self.targetoptions = {
            "parallel": bool(options.get("parallel", False)),
            "fastmath": options.get("fastmath", False),
            "boundscheck": bool(options.get("boundscheck", False)),
            "cache": bool(options.get("cache", False)),
            "nogil": bool(options.get("nogil", False)),
            # kern.cuda kernels on a GPU: kern-gpu-pipeline for this chip
            "gpu_chip": options.get("gpu_chip"),
        }
        if not isinstance(self.targetoptions["fastmath"], bool):
            from ._compiler import fastmath_bits
            fastmath_bits(self.targetoptions["fastmath"])  # unknown flags raise now
        self.stats: Dict[str, float] = {}
        self._overloads: Dict[Tuple[int, ...], Overload] = {}
        self._lock = threading.RLock()
        self._pysig: Any = None
        self._sealed = False
        self._params = _parameters(py_func)
        if self._params:
            self._set_params(*self._params)
        for sig in signatures or ():
            self.compile(sig)
        self._sealed = signatures is not None

    # -- pickling (kern/pickling.py) ----------------------------------------

    def __reduce__(self) -> Any:
        from .pickling import reduce_decorated
        return reduce_decorated(self, {
            "options": dict(self.targetoptions),
            "signatures": self.signatures if self._sealed else None})

    def __setstate__(self, state: Any) -> None:
        from .pickling import function_from_state, initialized
        if initialized(self):  # unpickled before in this process
            return
        function, details = state
        self.__init__(function_from_state(function),  # type: ignore[misc]
                      details["signatures"], **details["options"])

    # -- public -------------------------------------------------------------

    @property
    def signatures(self) -> List[Tuple[Type, ...]]:
        """Argument types of the compiled specializations, in compile order."""
        return [o.arg_types for o in self._overloads.values()]

    @property
    def overloads(self) -> Dict[Tuple[Type, ...], Overload]:
        return {o.arg_types: o for o in self._overloads.values()}

    def compile(self, sig: Any) -> Overload:
        """Compiles for a signature ('float64(float64[:])', a Signature or a
        tuple of argument types); returns the (possibly existing) overload,
        which calls that specialization. Parameters past the signature's
        types take their defaults."""
        return_type, arg_types = parse_signature(sig)
        arg_types = tuple(arg_types)
        if self._params:
            arg_types += tuple(_left_out_type(self._params, i) for i in
                               range(len(arg_types), len(self._params.names)))
        return self._compile(arg_types, return_type)

    def inspect_mlir(self, sig: Any = None, stage: str = "kern") -> Any:
        """The MLIR of one stage: 'kern' (what kern-opt reads), 'affine'
        (after convert-kern-to-affine), 'llvm' (LLVM dialect). With `sig`
        (a signature or a tuple of argument types) a string, else a dict
        {argument types: text} over every compiled signature."""
        if stage not in ("kern", "affine", "llvm"):
            raise ValueError(f"kern: inspect_mlir stage must be 'kern', "
                             f"'affine' or 'llvm', not {stage!r}")
        return self._inspect(sig, stage)

    def inspect_types(self, file: Any = None, signature: Any = None,
                      pretty: bool = False, **kwargs: Any) -> None:
        """Prints each compiled specialization's source, every line with
        the types of the variables it assigns and of what it computes (as
        Numba's inspect_types; `pretty` is accepted and prints the same).

            >>> f = kern.njit(lambda x: x * 2.0)
            >>> f(3)
            6.0
            >>> f.inspect_types()                    # doctest: +ELLIPSIS
            <lambda> (int64)
            ...
            #   x * 2.0  :: float64
            # return  :: float64
            ===...
        """
        import sys
        texts = [self._inspect(signature, "types")] if signature is not None \
            else list(self._inspect(None, "types").values())
        print("\n".join(texts), file=file or sys.stdout)

    def parallel_diagnostics(self, signature: Any = None, level: int = 1
                             ) -> None:
        """Prints, for each compiled specialization (or the one of
        `signature`), what parallel=True did to its prange loops (Numba's
        method; `level` is accepted, kern has one level of detail)."""
        from .diagnostics import parallel_report
        found = [self._find(signature)] if signature is not None else \
            list(self._overloads.values())
        for o in found:
            print(parallel_report(self.__name__, o.arg_types, o.module,
                                  self.py_func))

    def inspect_llvm(self, sig: Any = None) -> Any:
        """The optimised LLVM IR (a string with `sig`, else a dict)."""
        return self._inspect(sig, "llvmir")

    def inspect_asm(self, sig: Any = None) -> Any:
        """The host assembly (a string with `sig`, else a dict)."""
        return self._inspect(sig, "asm")

    def __repr__(self) -> str:
        return f"<kern.njit function {self.__qualname__}>"

    # -- compiling ----------------------------------------------------------

    def _compile(self, arg_types: Tuple[Type, ...],
                 return_type: Optional[Type] = None) -> Overload:
        codes = signature_codes(arg_types)
        with self._lock:
            if codes in self._overloads:
                return self._overloads[codes]
            options = self.targetoptions
            stages = _dump_request()
            start = time.perf_counter()
            layout_free = tuple(any_layout(t) for t in arg_types)
            layouts = contiguity(arg_types)
            keyed = tuple(t if layout else free for t, free, layout
                          in zip(arg_types, layout_free, layouts))
            # cache=True: a valid file from an earlier process (kern/cache.py)
            cached = None
            # kern's SIGINT handler back in front of Python's if
            # signal.signal replaced it (lib/Runtime/Interrupt.c)
            _kernrt.install_interrupt_handler()
            if options["parallel"]:
                from .threads import prepare_openmp
                prepare_openmp()  # before libomp initializes (kern/threads.py)
            if options["cache"] and not stages and not options["gpu_chip"]:
                from . import cache
                cached = cache.load(self, keyed)
            if cached is not None:
                lowered, module = cached
                typed = start
            else:
                # Imported here: a cache hit needs neither typing nor libkern.
                from . import _compiler
                lowered = self.lower(layout_free, contiguous=layouts,
                                     parallel=options["parallel"],
                                     fastmath=bool(options["fastmath"]),
                                     boundscheck=options["boundscheck"])
                typed = time.perf_counter()
                module = _compiler.compile(lowered.mlir,
                                           parallel=options["parallel"],
                                           fastmath=options["fastmath"],
                                           keep_stages=bool(stages),
                                           gpu_chip=options["gpu_chip"])
            if options["parallel"]:
                from .diagnostics import warn_parallel
                warn_parallel(self.__name__, arg_types, module, self.py_func)
            address = module.lookup(lowered.entry + "__kern_packed")
            convert = self._result_converter(lowered.return_type, return_type)
            result = lowered.return_type
            entry = (address, type_codes(result) if result is not None else (),
                     module, convert, _entry_flags(options, lowered))
            self._add_entry(codes, *entry)
            overload = Overload(self, arg_types, lowered, module,
                                {"parallel": options["parallel"],
                                 "fastmath": options["fastmath"],
                                 "keep_stages": bool(stages)})
            overload.entry = entry
            self._overloads[codes] = overload
            self.stats = dict(lowered.timings)
            self.stats.update(module.timings())
            if module.load_seconds:
                self.stats["load-compiler"] = module.load_seconds
            self.stats["lower"] = typed - start
            if options["cache"] and cached is None and \
                    not lowered.uses_objmode and \
                    not options["gpu_chip"]:  # (its blocks: this process's)
                from . import cache
                cache.store(self, keyed, lowered, module)
            self.stats["total"] = time.perf_counter() - start
            if stages:
                _dump(self.__name__, arg_types, overload, stages)
            return overload

    def lower(self, arg_types: Tuple[Type, ...], **options: Any) -> Any:
        """The kern MLIR of a specialization (kern.lowering.lower); a
        subclass may make another entry (kern/cuda/compiler.py)."""
        from .lowering import lower
        return lower(self.py_func, arg_types, **options)

    def _result_converter(self, inferred: Optional[Type],
                          declared: Optional[Type]) -> Optional[Callable]:
        """None, or how to turn the inferred result into a declared type
        (a kern.typed.List made or passed in comes back as one)."""
        from .typed import result_converter
        if declared is None or inferred == declared:
            return result_converter(inferred)
        if isinstance(inferred, Array) and isinstance(declared, Array) \
                and inferred.same_kind(declared):
            return None
        if isinstance(inferred, Scalar) and isinstance(declared, Scalar):
            return _scalar_converter(declared)
        raise TypingError(f"{self.__name__}() is declared to return {declared} "
                          f"but returns {inferred}",
                          getattr(self.py_func.__code__, "co_filename", None),
                          getattr(self.py_func.__code__, "co_firstlineno", None))

    # -- calling ------------------------------------------------------------

    def _on_miss(self, *args: Any, **kwargs: Any) -> Any:
        """Called by the C path when no entry matches: binds the arguments
        as the C path does (a parameter left out is `omitted`: its default
        is a constant of the specialization), compiles if allowed, and
        calls again. A bytes, bytearray, memoryview or array.array
        argument is passed as the array over its memory (kern/values.py)."""
        given = (args, kwargs)  # (typed as they are: buffers as Buffer)
        if any(is_buffer(a) for a in args) or any(
                is_buffer(a) for a in kwargs.values()):
            args = tuple(buffer_array(a) if is_buffer(a) else a for a in args)
            kwargs = {k: buffer_array(a) if is_buffer(a) else a
                      for k, a in kwargs.items()}
        if self._sealed or not self._params:
            return self._call_folded(args, kwargs)
        arg_types = argerrors.types_of(
            self.py_func, self._bind(*given),
            lambda a: omitted if a is _LEFT_OUT else typeof(a))
        if signature_codes(arg_types) not in self._overloads:
            self._compile(arg_types)
        return self._call_exact(*args, **kwargs)

    def _bind(self, args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> List[Any]:
        """One value per parameter, `_LEFT_OUT` where the call has none;
        Python's own TypeError for a call that does not bind."""
        if self._pysig is None:
            import inspect
            self._pysig = inspect.signature(self.py_func)
        try:
            given = self._pysig.bind(*args, **kwargs).arguments
        except TypeError as e:  # as Python words it: "f() missing ..."
            raise TypeError(f"{self.__name__}() {e}") from None
        return [given.get(name, () if i == self._params.varargs else _LEFT_OUT)
                for i, name in enumerate(self._params.names)]

    def _call_folded(self, args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Any:
        """Every parameter given its value (defaults applied), then the
        compiled entry of their types; a sealed dispatcher converts."""
        if kwargs or not self._arity_matches(len(args)):
            args = self._fold(args, kwargs)
        arg_types = argerrors.types_of(self.py_func, args, typeof)
        codes = signature_codes(arg_types)
        if codes not in self._overloads:
            if self._sealed:
                return self._call_converted(args, arg_types)
            self._compile(arg_types)
        return self._call_exact(*args)

    def _arity_matches(self, nargs: int) -> bool:
        """True when `nargs` positional arguments need no folding."""
        code = self.py_func.__code__
        return (code.co_argcount == nargs and not code.co_kwonlyargcount
                and not code.co_flags & _CO_VARARGS_OR_VARKEYWORDS)

    def _fold(self, args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Tuple[Any, ...]:
        if self._pysig is None:
            import inspect
            self._pysig = inspect.signature(self.py_func)
        bound = self._pysig.bind(*args, **kwargs)
        bound.apply_defaults()
        return bound.args

    def _call_converted(self, args: Tuple[Any, ...],
                        arg_types: Tuple[Type, ...]) -> Any:
        """Sealed dispatcher: the first signature the arguments convert to
        safely, else TypeError naming the signatures and the given types."""
        for overload in self._overloads.values():
            converted = _convert_args(args, arg_types, overload.arg_types)
            if converted is None:
                continue
            if _casts_safely(arg_types, overload.arg_types):
                # later calls with these types convert in C (_kernrt.c)
                self._add_entry(signature_codes(arg_types), *overload.entry,
                                signature_codes(overload.arg_types))
            return self._call_exact(*converted)
        raise self._no_signature(arg_types)

    def _no_signature(self, arg_types: Sequence[Type]) -> TypeError:
        sigs = ", ".join(_format_types(s) for s in self.signatures) or "none"
        return TypeError(f"kern: {self.__name__}() has no compiled signature "
                         f"for argument types {_format_types(arg_types)}; its "
                         f"signatures are: {sigs}" + argerrors.mismatch_note(
                             self.py_func, arg_types, self.signatures))

    # -- inspection ---------------------------------------------------------

    def _find(self, sig: Any) -> Overload:
        if isinstance(sig, tuple) and all(isinstance(t, Type) for t in sig):
            arg_types = sig
        else:
            arg_types = parse_signature(sig)[1]
        codes = signature_codes(arg_types)
        if codes in self._overloads:
            return self._overloads[codes]
        for overload in self._overloads.values():  # compiled for a layout
            if len(overload.arg_types) == len(arg_types) and all(
                    any_layout(a) == any_layout(b)
                    for a, b in zip(overload.arg_types, arg_types)):
                return overload
        raise self._no_signature(arg_types)

    def _inspect(self, sig: Any, stage: str) -> Any:
        if sig is not None:
            return self._find(sig).stage(stage)
        return {o.arg_types: o.stage(stage) for o in list(self._overloads.values())}


_LEFT_OUT = object()  # a parameter the call left to its default


class Parameters(NamedTuple):
    """A function's parameters as the C call path binds them
    (`_kernrt.Dispatcher._set_params`): names in signature order, *args
    included; which have no default; how many may be given by position and
    how many only so; the index of *args or -1."""

    names: Tuple[str, ...]
    required: Tuple[bool, ...]
    positional: int
    positional_only: int
    varargs: int


def _parameters(py_func: Callable) -> Optional[Parameters]:
    """The parameters of a function, or None when calls do not bind in C
    (**kwargs, or not a Python function)."""
    code = getattr(py_func, "__code__", None)
    if code is None or code.co_flags & _CO_VARKEYWORDS:
        return None
    n, k = code.co_argcount, code.co_kwonlyargcount
    names = code.co_varnames[:n]
    defaults = py_func.__defaults__ or ()
    required = tuple(i < n - len(defaults) for i in range(n))
    varargs = -1
    if code.co_flags & _CO_VARARGS:
        varargs = n
        names += (code.co_varnames[n + k],)
        required += (False,)
    kwonly = code.co_varnames[n:n + k]
    kwdefaults = py_func.__kwdefaults__ or {}
    return Parameters(names + kwonly,
                      required + tuple(name not in kwdefaults for name in kwonly),
                      n, code.co_posonlyargcount, varargs)


def _left_out_type(params: Parameters, i: int) -> Type:
    """The type of parameter `i` when a call leaves it out."""
    return TupleType([]) if i == params.varargs else omitted


def _casts_safely(given: Tuple[Type, ...], wanted: Tuple[Type, ...]) -> bool:
    """Whether every value of the types `given` converts to `wanted` by a
    safe cast, Python and NumPy scalars alike (then C may convert them)."""
    import numpy
    for have, want in zip(given, wanted):
        if isinstance(have, Scalar) and isinstance(want, Scalar):
            if not numpy.can_cast(have.np, want.np, "safe"):
                return False
        elif not (have == want or isinstance(want, Array) and
                  _array_fits(have, want)):
            return False
    return len(given) == len(wanted)


def _convert_args(args: Tuple[Any, ...], given: Tuple[Type, ...],
                  wanted: Tuple[Type, ...]) -> Optional[Tuple[Any, ...]]:
    """Arguments converted to `wanted` if every conversion is safe, else None."""
    if len(given) != len(wanted):
        return None
    converted = []
    for value, have, want in zip(args, given, wanted):
        if isinstance(want, Array):
            if not _array_fits(have, want):
                return None
            converted.append(value)
        elif isinstance(want, Scalar) and isinstance(have, Scalar):
            import numpy
            python_scalar = type(value) in (int, float, complex, bool)
            if not numpy.can_cast(have.np, want.np, "safe") and not (
                    python_scalar and numpy.can_cast(have.np, want.np, "same_kind")
                    or isinstance(value, int) and not isinstance(value, bool)
                    and want.kind in "fc"):
                return None
            converted.append(want.np.type(value))
        elif have == want:
            converted.append(value)
        else:
            return None
    return tuple(converted)


# ---------------------------------------------------------------------------
# Decorators
# ---------------------------------------------------------------------------


def _is_signature(obj: Any) -> bool:
    from .types import Signature
    return isinstance(obj, (str, Signature, tuple))


def njit(*args: Any, **options: Any) -> Any:
    """Compile a function to machine code (nopython mode).

    Forms: ``@njit``, ``@njit(parallel=True, fastmath=True)``,
    ``@njit('float64(float64[:])')``, ``@njit(['f8(f8[:])', 'f4(f4[:])'])``,
    ``njit(func)``. Options: parallel, fastmath (bool or a set of LLVM flag
    names), boundscheck, cache (machine code on disk, reused by later processes:
    kern/cache.py), nogil
    (release the GIL while compiled code runs).
    """
    if args and callable(args[0]) and not _is_signature(args[0]):
        if len(args) > 1:
            raise TypeError("kern.njit(func) takes one function")
        return _dispatcher(args[0], None, **options)
    if len(args) > 1:
        raise TypeError("kern.njit takes one signature or a list of them")
    signatures = None
    if args and args[0] is not None:
        sig = args[0]
        signatures = list(sig) if isinstance(sig, list) else [sig]

    def decorate(func: Callable) -> Dispatcher:
        if not callable(func):
            raise TypeError(f"kern.njit decorates functions, not {type(func).__name__}")
        return _dispatcher(func, signatures, **options)

    return decorate


def _dispatcher(func: Callable, signatures: Any, **options: Any) -> Dispatcher:
    """A Dispatcher, or of a generator function a GeneratorDispatcher
    (kern/pygenerators.py: called from Python, a lazy generator object)."""
    if getattr(getattr(func, "__code__", None), "co_flags", 0) & 0x20:
        from .pygenerators import GeneratorDispatcher  # CO_GENERATOR
        return GeneratorDispatcher(func, signatures, **options)
    return Dispatcher(func, signatures, **options)


def jit(*args: Any, nopython: bool = True, forceobj: bool = False,
        **options: Any) -> Any:
    """`njit` under Numba's other name: kern has no object mode, so
    ``jit(nopython=False)`` and ``jit(forceobj=True)`` are refused."""
    if not nopython or forceobj:
        raise UnsupportedError(
            "kern compiles in nopython mode only: object mode "
            "(jit(nopython=False) or forceobj=True) is not supported; "
            "use kern.njit or jit(nopython=True)")
    options.pop("looplift", None)
    return njit(*args, **options)
