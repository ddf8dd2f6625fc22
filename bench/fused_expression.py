#!/usr/bin/env python3
"""kern vs NumPy on ``np.sqrt(x**2 + np.sin(x) * np.exp(-x))``, one core.

Compiles ``examples/mlir/fused-expression.mlir`` (the kern IR that the
frontend emits for the expression) through libkern's C API with ctypes,
calls its packed entry point through ``kernRuntimeCall`` and times it
against NumPy on the same 10**7 doubles. Prints the compile time, both
medians and the ratio, and checks that the results agree::

    $ KERN_BUILD_DIR=build python3 bench/fused_expression.py
    compile: 52.1 ms (parse 0.2, kern-passes 1.9, ...)
    numpy:   151.0 ms (median of 11)
    kern:     27.9 ms (median of 11)
    kern is 5.41x faster than NumPy (max abs difference 4.4e-16)

Both sides run on one core: OMP_NUM_THREADS=1 and no parallel option.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import statistics
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402  (after the thread settings)

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Memref1D(ctypes.Structure):
    """The descriptor of a rank-1 memref (docs/abi.md)."""

    _fields_ = [
        ("allocated", ctypes.c_void_p),
        ("aligned", ctypes.c_void_p),
        ("offset", ctypes.c_int64),
        ("size", ctypes.c_int64),
        ("stride", ctypes.c_int64),
    ]

    @classmethod
    def of(cls, a: np.ndarray) -> "Memref1D":
        item = a.itemsize
        return cls(a.ctypes.data, a.ctypes.data, 0, a.shape[0],
                   a.strides[0] // item)


class CompileOptions(ctypes.Structure):
    """KernCompileOptions (include/kern-c/Compiler.h)."""

    _fields_ = [
        ("parallel", ctypes.c_bool),
        ("fastmath", ctypes.c_bool),
        ("optLevel", ctypes.c_int),
        ("fastmathFlags", ctypes.c_uint),
        ("keepStages", ctypes.c_bool),
    ]


PACKED = ctypes.CFUNCTYPE(None, ctypes.POINTER(ctypes.c_void_p))


def build_dir() -> str:
    env = os.environ.get("KERN_BUILD_DIR", "build")
    return env if os.path.isabs(env) else os.path.join(REPO, env)


def load_libkern(lib_dir: str) -> ctypes.CDLL:
    lib = ctypes.CDLL(os.path.join(lib_dir, "libkern.so"))
    lib.kernCompilerCreate.restype = ctypes.c_void_p
    lib.kernCompileOptionsDefault.restype = CompileOptions
    lib.kernCompile.restype = ctypes.c_void_p
    lib.kernCompile.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                ctypes.c_size_t,
                                ctypes.POINTER(CompileOptions),
                                ctypes.POINTER(ctypes.c_void_p)]
    lib.kernModuleLookup.restype = ctypes.c_void_p
    lib.kernModuleLookup.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    lib.kernModuleGetTimings.restype = ctypes.c_ssize_t
    lib.kernModuleGetTimings.argtypes = [
        ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p),
        ctypes.POINTER(ctypes.c_double), ctypes.c_ssize_t]
    lib.kernStringFree.argtypes = [ctypes.c_void_p]
    lib.kernRuntimeCall.restype = ctypes.c_int
    lib.kernRuntimeCall.argtypes = [ctypes.c_void_p,
                                    ctypes.POINTER(ctypes.c_void_p)]
    return lib


def compile_fused(lib: ctypes.CDLL, source: str):
    """Compiles the kern IR; returns (packed entry address, timing text)."""
    compiler = lib.kernCompilerCreate()
    text = open(source, "rb").read()
    options = lib.kernCompileOptionsDefault()
    error = ctypes.c_void_p()
    start = time.perf_counter()
    module = lib.kernCompile(compiler, text, len(text), ctypes.byref(options),
                             ctypes.byref(error))
    elapsed = time.perf_counter() - start
    if not module:
        message = ctypes.string_at(error.value).decode()
        lib.kernStringFree(error)
        sys.exit(f"kern compile failed:\n{message}")
    names = (ctypes.c_char_p * 8)()
    seconds = (ctypes.c_double * 8)()
    n = lib.kernModuleGetTimings(module, names, seconds, 8)
    stages = ", ".join(f"{names[i].decode()} {seconds[i] * 1e3:.1f}"
                       for i in range(n))
    entry = lib.kernModuleLookup(module, b"fused__kern_packed")
    return entry, f"{elapsed * 1e3:.1f} ms ({stages})"


def run_kern(lib: ctypes.CDLL, entry: int, x: np.ndarray) -> np.ndarray:
    """One call; the result buffer is malloc'd and becomes NumPy's."""
    arg, result = Memref1D.of(x), Memref1D()
    slots = (ctypes.c_void_p * 2)(ctypes.addressof(arg),
                                  ctypes.addressof(result))
    status = lib.kernRuntimeCall(entry, slots)
    if status:
        sys.exit(f"kern call failed with error kind {status}")
    buffer = (ctypes.c_double * result.size).from_address(result.aligned)
    buffer.owner = _Owner(result.allocated)  # freed with the array's base
    return np.frombuffer(buffer, dtype=np.float64)


class _Owner:
    """Frees a malloc'd buffer when the array that views it goes away."""

    _free = ctypes.CDLL(None).free

    def __init__(self, pointer: int):
        self.pointer = pointer

    def __del__(self):
        self._free(ctypes.c_void_p(self.pointer))


def median_ms(fns, repeat: int, clock=time.perf_counter) -> list:
    """Median milliseconds of each function by `clock`, calls interleaved so
    that all see the same machine load."""
    times = [[] for _ in fns]
    for _ in range(repeat):
        for fn, t in zip(fns, times):
            start = clock()
            fn()
            t.append(clock() - start)
    return [statistics.median(t) * 1e3 for t in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10**7, help="elements")
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--lib-dir", default=os.path.join(build_dir(), "lib"))
    parser.add_argument("--source", default=os.path.join(
        REPO, "examples", "mlir", "fused-expression.mlir"))
    args = parser.parse_args()

    lib = load_libkern(args.lib_dir)
    entry, compile_text = compile_fused(lib, args.source)
    x = np.random.default_rng(0).uniform(0.0, 10.0, args.n)

    def numpy_version():
        return np.sqrt(x**2 + np.sin(x) * np.exp(-x))

    expected = numpy_version()
    got = run_kern(lib, entry, x)
    diff = float(np.max(np.abs(got - expected)))
    del got
    both = [numpy_version, lambda: run_kern(lib, entry, x)]
    t_numpy, t_kern = median_ms(both, args.repeat)
    # CPU time of this process: the same comparison, less disturbed when
    # other processes share the cores.
    c_numpy, c_kern = median_ms(both, args.repeat, time.process_time)

    print(f"compile: {compile_text}")
    print(f"numpy:  {t_numpy:7.1f} ms (median of {args.repeat}; "
          f"CPU time {c_numpy:.1f} ms)")
    print(f"kern:   {t_kern:7.1f} ms (median of {args.repeat}; "
          f"CPU time {c_kern:.1f} ms)")
    print(f"kern is {t_numpy / t_kern:.2f}x faster than NumPy "
          f"({c_numpy / c_kern:.2f}x in CPU time; max abs difference "
          f"{diff:.1e})")
    return 0 if diff < 1e-12 else 1


if __name__ == "__main__":
    sys.exit(main())
