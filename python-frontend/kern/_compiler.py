"""ctypes binding of libkern's compiler (include/kern-c/Compiler.h).

libkern (with libMLIR and libLLVM behind it, ~60 ms to load) is opened at
the first compile, never at ``import kern``::

    >>> from kern import _compiler
    >>> text = ("func.func @f(%x: f64) -> f64 attributes "
    ...         "{llvm.emit_c_interface} {\\n"
    ...         "  %y = arith.mulf %x, %x : f64\\n"
    ...         "  return %y : f64\\n}")
    >>> m = _compiler.compile(text, parallel=False, fastmath=False)
    >>> m.lookup('_mlir_ciface_f') != 0
    True
    >>> list(m.timings())            # seconds per stage
    ['parse', 'kern-passes', 'lowering', 'translate', 'llvm-opt', 'codegen', 'jit']

One compiler (MLIR context, host target machine) serves the process; a lock
keeps to its one-compile-at-a-time contract.
"""

from __future__ import annotations

import ctypes
import threading
import time
from typing import Dict, Iterable, Optional, Union

from . import _paths
from .errors import KernError

STAGES = ("kern", "affine", "llvm", "llvmir", "asm")

FASTMATH_FLAGS = {"nnan": 1, "ninf": 2, "nsz": 4, "arcp": 8, "contract": 16,
                  "afn": 32, "reassoc": 64}


class CompileError(KernError):
    """libkern refused the module: its diagnostics, with locations."""


class _PipelineOptions(ctypes.Structure):
    _fields_ = [("parallel", ctypes.c_bool), ("fastmath", ctypes.c_bool)]


class _CompileOptions(ctypes.Structure):
    _fields_ = [("pipeline", _PipelineOptions), ("optLevel", ctypes.c_int),
                ("fastmathFlags", ctypes.c_uint), ("keepStages", ctypes.c_bool),
                ("gpuChip", ctypes.c_char_p)]


_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None
_compiler: Optional[int] = None


def _declare(lib: ctypes.CDLL) -> None:
    vp, cp, sz = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t
    signatures = {
        "kernCompileOptionsDefault": (_CompileOptions, []),
        "kernCompilerCreate": (vp, []),
        "kernCompile": (vp, [vp, cp, sz, ctypes.POINTER(_CompileOptions),
                             ctypes.POINTER(vp)]),
        "kernModuleLookup": (vp, [vp, cp]),
        "kernModuleGetStage": (cp, [vp, cp]),
        "kernModuleGetTimings": (ctypes.c_ssize_t,
                                 [vp, ctypes.POINTER(cp),
                                  ctypes.POINTER(ctypes.c_double),
                                  ctypes.c_ssize_t]),
        "kernModuleDestroy": (None, [vp]),
        "kernGpuCompileStage": (vp, [vp, cp, sz, cp, cp, ctypes.POINTER(vp)]),
        "kernStringFree": (None, [vp]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype, function.argtypes = restype, argtypes


def _load() -> ctypes.CDLL:
    """Opens libkern and creates the process's compiler (under _lock)."""
    global _lib, _compiler
    if _lib is None:
        # The runtime first, global, so that JIT-compiled code finds
        # kern_rt_* whichever way the loader resolves them.
        ctypes.CDLL(_paths.library("kern_runtime"), mode=ctypes.RTLD_GLOBAL)
        lib = ctypes.CDLL(_paths.library("kern"), mode=ctypes.RTLD_GLOBAL)
        _declare(lib)
        compiler = lib.kernCompilerCreate()
        if not compiler:
            raise CompileError("kern: cannot create a compiler for this CPU "
                               "(kernCompilerCreate failed)")
        _lib, _compiler = lib, compiler
    return _lib


class Module:
    """Machine code of one compiled module; freed when this object dies."""

    def __init__(self, lib: ctypes.CDLL, handle: int) -> None:
        self._lib, self._handle = lib, handle
        # Seconds spent opening libkern and creating the compiler, when this
        # compile was the process's first (else 0).
        self.load_seconds = 0.0

    def lookup(self, name: str) -> int:
        """Address of the function `name`; KeyError if the module lacks it."""
        address = self._lib.kernModuleLookup(self._handle, name.encode())
        if not address:
            raise KeyError(f"kern: compiled module has no function '{name}'")
        return address

    def stage(self, name: str) -> Optional[str]:
        """Text of a stage kept by a compile with keep_stages, else None."""
        text = self._lib.kernModuleGetStage(self._handle, name.encode())
        return text.decode() if text is not None else None

    def timings(self) -> Dict[str, float]:
        """Seconds spent in each stage of the compile, in order."""
        cap = 32
        names = (ctypes.c_char_p * cap)()
        seconds = (ctypes.c_double * cap)()
        n = self._lib.kernModuleGetTimings(self._handle, names, seconds, cap)
        return {names[i].decode(): seconds[i] for i in range(min(n, cap))}

    def __del__(self) -> None:
        if self._handle and self._lib is not None:
            self._lib.kernModuleDestroy(self._handle)
            self._handle = None


def fastmath_bits(fastmath: Union[bool, Iterable[str]]) -> int:
    """KernCompileOptions.fastmathFlags for fastmath=True or a set of flag
    names as in Numba ({'nnan', 'contract', ...}); 0 means all flags."""
    if isinstance(fastmath, bool):
        return 0
    bits = 0
    for flag in fastmath:
        if flag not in FASTMATH_FLAGS:
            raise ValueError(f"kern: unknown fastmath flag '{flag}'; expected "
                             f"some of {sorted(FASTMATH_FLAGS)}")
        bits |= FASTMATH_FLAGS[flag]
    return bits


def gpu_stage(text: str, chip: str, stage: str) -> str:
    """The text of one stage of kern-gpu-pipeline{chip} for a kern module
    with kernels (kernGpuCompileStage): 'gpu', 'nvvm', 'ptx' or 'llvm'."""
    with _lock:
        lib = _load()
        data = text.encode()
        error = ctypes.c_void_p()
        out = lib.kernGpuCompileStage(_compiler, data, len(data), chip.encode(),
                                      stage.encode(), ctypes.byref(error))
        if not out:
            message = "kern: compiling the kernel for the GPU failed"
            if error.value:
                message = ctypes.string_at(error.value).decode(errors="replace")
                lib.kernStringFree(error)
            raise CompileError(message.rstrip())
        result = ctypes.string_at(out).decode(errors="replace")
        lib.kernStringFree(out)
        return result


def compile(text: str, *, parallel: bool = False,
            fastmath: Union[bool, Iterable[str]] = False, opt_level: int = 3,
            keep_stages: bool = False, gpu_chip: Optional[str] = None) -> Module:
    """Lowers, optimises and JIT-loads a kern MLIR module (kernCompile)."""
    with _lock:
        start = time.perf_counter()
        first = _lib is None
        lib = _load()
        loading = time.perf_counter() - start if first else 0.0
        options = lib.kernCompileOptionsDefault()
        options.pipeline.parallel = bool(parallel)
        options.pipeline.fastmath = bool(fastmath)
        options.fastmathFlags = fastmath_bits(fastmath) if fastmath else 0
        options.optLevel = opt_level
        options.keepStages = keep_stages
        chip = gpu_chip.encode() if gpu_chip else None
        options.gpuChip = chip
        data = text.encode()
        error = ctypes.c_void_p()
        handle = lib.kernCompile(_compiler, data, len(data),
                                 ctypes.byref(options), ctypes.byref(error))
        if not handle:
            message = "kern: compiling the module failed"
            if error.value:
                message = ctypes.string_at(error.value).decode(errors="replace")
                lib.kernStringFree(error)
            raise CompileError(message.rstrip())
        module = Module(lib, handle)
        module.load_seconds = loading
        return module
