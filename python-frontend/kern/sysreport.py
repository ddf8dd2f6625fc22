"""`kern.sysinfo()` and ``python -m kern -s``: what Numba's ``numba -s`` tells.

Versions (kern, Python, NumPy, MLIR/LLVM), the CPU (name, count,
features), the threading layer (OpenMP library and thread count), CUDA
(driver and devices), the BLAS/LAPACK library the runtime calls, the
cache directory, where kern's binaries are and the KERN_* environment
variables in effect.

    >>> info = kern.sysinfo(quiet=True)
    >>> info["kern version"] == kern.__version__
    True
    >>> sorted(k for k in info if k.startswith("python"))
    ['python implementation', 'python version']

Reading it loads libkern (the compiler) to find the MLIR and LLVM
libraries, which costs a few tens of milliseconds once.
"""

from __future__ import annotations

import os
import platform
import sys
from typing import Any, Dict, List, Optional

__all__ = ["sysinfo", "format_info"]


def _mapped_libraries() -> List[str]:
    """Paths of the shared libraries this process has mapped."""
    paths: List[str] = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split(None, 5)[-1].strip()
                if path.startswith("/") and ".so" in path and \
                        path not in paths:
                    paths.append(path)
    except OSError:
        pass
    return paths


def _library(libraries: List[str], *stems: str) -> Optional[str]:
    """The first mapped library whose file name starts with a stem."""
    for path in libraries:
        name = os.path.basename(path)
        if any(name.startswith(stem) for stem in stems):
            return os.path.realpath(path)
    return None


def _so_version(path: Optional[str]) -> Optional[str]:
    """'22.1' of '/usr/lib/llvm-22/lib/libLLVM.so.22.1'."""
    if not path:
        return None
    _, _, version = os.path.basename(path).partition(".so.")
    return version or None


def _cpu() -> Dict[str, Any]:
    fields: Dict[str, str] = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break
                name, _, value = line.partition(":")
                fields.setdefault(name.strip(), value.strip())
    except OSError:
        pass
    features = fields.get("flags") or fields.get("Features") or ""
    return {"cpu name": fields.get("model name") or platform.processor()
            or platform.machine(),
            "cpu count": os.cpu_count(),
            "cpu features": " ".join(sorted(features.split()))}


def _cuda() -> Dict[str, Any]:
    """The CUDA driver's version and devices, through libcuda (ctypes)."""
    import ctypes
    try:
        lib = ctypes.CDLL("libcuda.so.1")
    except OSError:
        return {"cuda driver": "not found (no libcuda.so.1)",
                "cuda devices": 0}
    version, count = ctypes.c_int(0), ctypes.c_int(0)
    if lib.cuInit(0) != 0:
        return {"cuda driver": "found, cuInit failed", "cuda devices": 0}
    lib.cuDriverGetVersion(ctypes.byref(version))
    lib.cuDeviceGetCount(ctypes.byref(count))
    names = []
    for k in range(count.value):
        device, name = ctypes.c_int(0), ctypes.create_string_buffer(256)
        if lib.cuDeviceGet(ctypes.byref(device), k) == 0 and \
                lib.cuDeviceGetName(name, 256, device) == 0:
            names.append(name.value.decode(errors="replace"))
    v = version.value
    return {"cuda driver": f"{v // 1000}.{v % 1000 // 10}",
            "cuda devices": count.value,
            "cuda device names": ", ".join(names)}


def sysinfo(quiet: bool = False) -> Dict[str, Any]:
    """The facts of this installation, as a dict; printed unless `quiet`."""
    import numpy
    from . import __version__, _paths, get_num_threads
    info: Dict[str, Any] = {
        "kern version": __version__,
        "kern package": _paths.PACKAGE_DIR,
        "kern binaries": "installed (kern/lib)" if _paths.is_installed()
        else f"build tree {_paths.build_dir()}",
        "python version": sys.version.split()[0],
        "python implementation": platform.python_implementation(),
        "numpy version": numpy.__version__,
        "platform": platform.platform(),
    }
    compiler_error = None
    try:
        from . import _compiler
        _compiler.compile("module {}", parallel=False, fastmath=False)
    except Exception as error:  # reported, not raised: sysinfo diagnoses
        compiler_error = f"{type(error).__name__}: {error}"
    libs = _mapped_libraries()
    llvm = _library(libs, "libLLVM")
    mlir = _library(libs, "libMLIR")
    info.update({
        "llvm version": _so_version(llvm) or "unknown",
        "llvm library": llvm or "not loaded",
        "mlir library": mlir or "not loaded",
        "libkern": _library(libs, "libkern.") or "not loaded",
        "libkern_runtime": _library(libs, "libkern_runtime") or "not loaded",
    })
    if compiler_error:
        info["compiler error"] = compiler_error
    info.update(_cpu())
    omp = _library(libs, "libomp", "libiomp", "libgomp")
    if omp is None and mlir:  # the JIT loads it at the first parallel code
        candidate = os.path.join(os.path.dirname(mlir), "libomp.so")
        omp = (f"{os.path.realpath(candidate)}, loaded by the first "
               f"parallel=True code") if os.path.exists(candidate) else \
            f"missing: {candidate}; parallel=True code cannot run"
    info.update({
        "threading layer": f"OpenMP ({omp})",
        "threads": get_num_threads(),
        "blas library": _library(libs, "libopenblas", "libblis", "libmkl",
                                 "libcblas", "libblas", "libflexiblas")
        or "not loaded",
        "lapack library": _library(libs, "liblapack", "libopenblas",
                                   "libmkl") or "not loaded",
    })
    info.update(_cuda())
    cache_env = os.environ.get("KERN_CACHE_DIR")
    info["cache dir"] = cache_env or ("__pycache__ next to each source "
                                      "(~/.cache/kern where not writable)")
    info["environment"] = {k: v for k, v in sorted(os.environ.items())
                           if k.startswith("KERN_")}
    if not quiet:
        print(format_info(info))
    return info


def format_info(info: Dict[str, Any]) -> str:
    """The report ``python -m kern -s`` prints."""
    width = max(len(k) for k in info) + 1
    lines = ["kern system information", "-" * 23]
    for key, value in info.items():
        if key == "environment":
            lines.append(f"{'KERN_* variables':<{width}}: " +
                         (", ".join(f"{k}={v}" for k, v in value.items())
                          or "none set"))
        else:
            lines.append(f"{key:<{width}}: {value}")
    return "\n".join(lines)
