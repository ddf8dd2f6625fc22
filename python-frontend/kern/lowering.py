"""The entry point of the compiling half of the frontend: `lower`.

`lower(py_func, arg_types)` types a Python function for the given argument
types and returns a complete kern MLIR module as text::

    >>> import kern.types as kt
    >>> def add(a, b):
    ...     return a + b
    >>> low = lower(add, (kt.int64, kt.float64))       # doctest: +SKIP
    >>> low.entry, low.return_type                      # doctest: +SKIP
    ('add__int64_float64', float64)

Array arguments are `memref<?x..xT, strided<[?, ..], offset: ?>>`, scalars
are passed by value, tuples are flattened into several arguments/results,
array results are fresh arrays (identity layout) that the caller owns.
Other `@kern.njit` functions that the function calls are compiled into the
same module as private functions.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple as PT

from .errors import KernError, TypingError, UnsupportedError
from .types import Array, Tuple, Type

__all__ = ["Lowered", "lower", "ModuleContext"]


@dataclass
class Lowered:
    """A typed and emitted function: the module text and what it holds."""

    mlir: str
    entry: str
    arg_types: tuple
    return_type: Optional[Type]
    result_kinds: list
    callees: list = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    #: the call releases the GIL: the code prints, from any thread
    releases_gil: bool = False
    #: the code makes lists: the call holds them until its results are
    #: Python objects (lib/Runtime/List.c)
    uses_lists: bool = False
    #: the code runs with objmode(...) blocks of this process: not cached
    uses_objmode: bool = False
    #: the entry's types by source line (frontend/typemap.py), for
    #: `inspect_types`
    typemap: Any = None
    #: the entry's MLIR arguments ("%arg0: memref<...>"), for the launcher
    #: of a CUDA kernel (kern/cuda/compiler.py)
    arg_decls: list = field(default_factory=list)


def _mangle(name: str, types: Sequence[Type]) -> str:
    def one(t: Type) -> str:
        if isinstance(t, Array):
            return f"{t.dtype}_{t.ndim}d"
        if isinstance(t, Tuple):
            return "tup_" + "_".join(one(x) for x in t.types) + "_"
        return str(t)
    text = name + "__" + ("_".join(one(t) for t in types) or "void")
    return re.sub(r"[^A-Za-z0-9_]", "_", text)


#: specializations of one function compiling at once (f(int) calling
#: f(float) ...) before kern calls the recursion unbounded
_MAX_RECURSIVE_SPECIALIZATIONS = 4


class ModuleContext:
    """The functions of one module: the entry and the njit callees."""

    def __init__(self, parallel: bool = False, fastmath: bool = False,
                 boundscheck: bool = False, kernel: bool = False) -> None:
        self.kernel = kernel  # the entry is a CUDA kernel (kern.kernel)
        self.parallel = parallel
        self.fastmath = fastmath
        self.boundscheck = boundscheck
        self.functions: Dict[Any, PT[str, Optional[Type]]] = {}
        self.texts: List[str] = []
        self.in_progress: Dict[Any, Any] = {}  # key -> its FunctionCompiler
        self.symbols: set = set()
        self.callees: List[Any] = []
        self.externs: Dict[str, str] = {}  # C math functions called
        # other module-level declarations: symbol -> text (the runtime's
        # globals the code reads, frontend/stackcheck.py)
        self.declarations: Dict[str, str] = {}
        self.texts_data: Dict[bytes, str] = {}  # print()'s texts -> symbol
        # frozen global arrays: (initial value, memref type) -> symbol
        self.arrays_data: Dict[PT[str, str], str] = {}
        self.strs: Dict[str, str] = {}  # constant strs -> symbol
        self.prints = False  # whether the module calls print()
        self.uses_lists = False  # whether it makes lists (List.c)
        # whether it runs with objmode(...) blocks: its code names the
        # blocks registered in this process (not cached)
        self.uses_objmode = False

    def text_global(self, data: bytes) -> str:
        """The symbol of a constant memref<Nxi8> holding `data`."""
        if data not in self.texts_data:
            self.texts_data[data] = f"__kern_text{len(self.texts_data)}"
        return self.texts_data[data]

    def array_global(self, value: str, memref: str) -> str:
        """The symbol of a constant memref.global of type `memref` with
        the initial value `value` (frontend/constarrays.py)."""
        key = (value, memref)
        if key not in self.arrays_data:
            self.arrays_data[key] = f"__kern_array{len(self.arrays_data)}"
        return self.arrays_data[key]

    def str_global(self, text: str) -> str:
        """The symbol of the global holding the constant str `text`
        (kern/frontend/strings.py)."""
        if text not in self.strs:
            self.strs[text] = f"__kern_str{len(self.strs)}"
        return self.strs[text]

    def symbol_for(self, py_func: Any, types: Sequence[Type]) -> str:
        sym = _mangle(py_func.__qualname__.replace("<locals>.", ""), types)
        base, k = sym, 1
        while sym in self.symbols:
            sym = f"{base}_{k}"
            k += 1
        self.symbols.add(sym)
        return sym

    def compile(self, py_func: Any, types: PT[Type, ...], entry: bool,
                return_type: Optional[Type] = None,
                callback: Optional[str] = None,
                contiguous: PT[Optional[str], ...] = ()) -> Any:
        from .frontend.function import FunctionCompiler
        # An entry that knows its arrays' layouts is not what a call from
        # compiled code (a recursive one) may use: that compiles its own.
        key = (py_func, types) + ((contiguous,) if any(contiguous) else ())
        sym = self.symbol_for(py_func, types)
        fc = FunctionCompiler(py_func, types, self, sym, entry,
                              return_type, callback, contiguous)
        self.in_progress[key] = fc
        try:
            text = fc.compile()
        finally:
            del self.in_progress[key]
        self.functions[key] = (sym, fc.return_type)
        self.texts.append(text)
        return fc

    def function(self, py_func: Any, types: PT[Type, ...], node: Any,
                 caller: Any) -> PT[str, Optional[Type]]:
        """(symbol, return type) of a callee specialization, compiled once;
        a call of one that is compiling is a recursive call."""
        key = (py_func, types)
        if key in self.functions:
            return self.functions[key]
        if key in self.in_progress:
            return self.in_progress[key].recursive_signature(caller, node)
        if sum(k[0] is py_func for k in self.in_progress) >= \
                _MAX_RECURSIVE_SPECIALIZATIONS:
            raise caller.unsupported(
                f"recursion of '{py_func.__name__}' with argument types that "
                f"keep changing ({', '.join(map(str, types))})", node)
        if py_func not in self.callees:
            self.callees.append(py_func)
        self.compile(py_func, types, entry=False)
        return self.functions[key]

    def result_types(self, ret: Optional[Type]) -> List[PT[Type, str]]:
        """(kern type, MLIR type) of each result of a function returning
        `ret`."""
        from .frontend.builder import flat_types
        if ret is None:
            return []
        out = []
        for t in flat_types(ret):
            out.append((t, t.mlir_fresh if isinstance(t, Array) else t.mlir))
        return out

    def text(self) -> str:
        decls = [f"func.func private @{name}{sig}"
                 for name, sig in sorted(self.externs.items())]
        decls += [self.declarations[s] for s in sorted(self.declarations)]
        decls += [f'memref.global "private" constant @{sym} : '
                  f'memref<{len(data)}xi8> = dense<[{", ".join(map(str, data))}]>'
                  for data, sym in self.texts_data.items()]
        decls += [f'memref.global "private" constant @{sym} : {memref} = '
                  f'{value}' for (value, memref), sym in
                  self.arrays_data.items()]
        from .frontend.strings import global_text
        decls += [global_text(sym, text) for text, sym in self.strs.items()]
        body = "\n".join(decls + self.texts)
        indented = "\n".join("  " + l if l else l for l in body.splitlines())
        return "module {\n" + indented + "\n}\n"


def lower(py_func: Any, arg_types: tuple, *, parallel: bool = False,
          fastmath: bool = False, boundscheck: bool = False,
          return_type: Optional[Type] = None,
          callback: Optional[str] = None,
          contiguous: PT[Optional[str], ...] = (),
          kernel: bool = False) -> Lowered:
    """Type `py_func` for `arg_types` and emit a kern MLIR module.

    Raises `kern.TypingError` or `kern.UnsupportedError` (with file and
    line) when the function cannot be compiled. `return_type` (from an
    explicit signature) converts the result to that type. `callback` names
    a C callback of the entry to make (`@kern.cfunc`, kern-callback-entry).
    `contiguous` gives the layout ('C', 'F' or None) each array argument is
    known to have (frontend/layouts.py). `kernel` makes the entry a CUDA
    kernel (`kern.kernel`, no result; kern/cuda/compiler.py launches it).
    """
    t0 = time.perf_counter()
    ctx = ModuleContext(parallel, fastmath, boundscheck, kernel)
    try:
        fc = ctx.compile(py_func, tuple(arg_types), entry=True,
                         return_type=return_type, callback=callback,
                         contiguous=tuple(contiguous))
    except KernError:
        raise
    except RecursionError:
        raise UnsupportedError(f"'{py_func.__name__}' is nested too deeply")
    except Exception as e:  # a bug in kern: still a located, clear error
        raise TypingError(f"internal error of kern while compiling "
                          f"'{py_func.__name__}': {type(e).__name__}: {e}",
                          getattr(py_func.__code__, "co_filename", None),
                          getattr(py_func.__code__, "co_firstlineno", None)
                          ) from e
    t1 = time.perf_counter()
    text = ctx.text()
    t2 = time.perf_counter()
    ret = fc.return_type
    kinds = [t for t, _ in ctx.result_types(ret)]
    return Lowered(mlir=text, entry=fc.symbol, arg_types=tuple(arg_types),
                   return_type=ret, result_kinds=kinds,
                   callees=list(ctx.callees), releases_gil=ctx.prints,
                   uses_lists=ctx.uses_lists,
                   uses_objmode=ctx.uses_objmode, typemap=fc.typemap(),
                   arg_decls=list(fc.arg_decls),
                   timings={"typing": t1 - t0, "emission": t2 - t1})
