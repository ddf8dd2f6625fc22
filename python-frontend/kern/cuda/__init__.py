"""kern.cuda: Numba-CUDA's API (`from kern import cuda` for `from numba
import cuda`). Kernels are compiled (docs/cuda.md) and run on the GPU
through PTX and the CUDA driver when one is present, else on the CPU
target: the blocks of the grid on CPU threads, the threads of a block as
cooperative fibers, so that `cuda.syncthreads()` and shared memory keep
CUDA's meaning.

    >>> import numpy as np
    >>> from kern import cuda
    >>> @cuda.jit
    ... def block_sums(a, out):
    ...     s = cuda.shared.array(4, np.float64)
    ...     t = cuda.threadIdx.x
    ...     s[t] = a[cuda.grid(1)]
    ...     cuda.syncthreads()
    ...     if t == 0:
    ...         out[cuda.blockIdx.x] = s[0] + s[1] + s[2] + s[3]
    >>> d = cuda.to_device(np.arange(8.0))
    >>> out = cuda.device_array(2)
    >>> block_sums[2, 4](d, out)
    >>> out.copy_to_host()
    array([ 6., 22.])

`KERN_CUDA_SIM=1` (as Numba's `NUMBA_ENABLE_CUDASIM=1`) asks for the CPU
target; without a CUDA driver and device it is the only one.
"""

from __future__ import annotations

import os
import time
from typing import Any

from .devicearray import (DeviceNDArray, as_host_array, device_array,
                          device_array_like, is_cuda_array, mapped_array,
                          pinned_array, to_device)
from .intrinsics import (activemask, all_sync, any_sync, atomic,
                         ballot_sync, blockDim, blockIdx, brev, cbrt, clz,
                         const, ffs, fma, grid, gridDim, gridsize,
                         lanemask_lt, laneid, local, match_all_sync,
                         match_any_sync, popc, shared, shfl_down_sync,
                         shfl_sync, shfl_up_sync, shfl_xor_sync, syncthreads,
                         syncthreads_and, syncthreads_count, syncthreads_or,
                         syncwarp, threadfence, threadfence_block,
                         threadfence_system, threadIdx, warpsize)
from .driver import CudaSupportError
from .kernel import Kernel

__all__ = [
    "jit", "Kernel", "DeviceNDArray", "to_device", "device_array",
    "device_array_like", "pinned_array", "mapped_array", "is_cuda_array",
    "as_cuda_array", "grid", "gridsize", "threadIdx", "blockIdx", "blockDim",
    "gridDim", "laneid", "warpsize", "shared", "local", "const", "atomic",
    "syncthreads", "syncthreads_count", "syncthreads_and", "syncthreads_or",
    "threadfence", "threadfence_block", "threadfence_system",
    "shfl_sync", "shfl_up_sync", "shfl_down_sync", "shfl_xor_sync",
    "all_sync", "any_sync", "ballot_sync", "match_any_sync",
    "match_all_sync", "activemask", "lanemask_lt", "syncwarp", "popc", "clz",
    "ffs", "brev", "fma", "cbrt",
    "is_available", "synchronize", "stream", "default_stream", "Stream",
    "event", "Event", "event_elapsed_time", "detect", "CudaSupportError",
    "select_device", "get_current_device", "Device",
]

_JIT_OPTIONS = ("device", "debug", "opt", "lineinfo", "fastmath", "cache",
                "inline", "max_registers", "link", "boundscheck",
                "forceinline", "lto")


def jit(func_or_sig: Any = None, device: bool = False, **options: Any) -> Any:
    """`@cuda.jit`, `@cuda.jit('void(float32[:])')`, `@cuda.jit(device=True)`.

    `debug=True` (or `boundscheck=True`) checks array indices: an index out
    of bounds raises IndexError after the launch. `fastmath=True` as njit's.
    """
    for key in options:
        if key not in _JIT_OPTIONS:
            raise TypeError(f"cuda.jit() got an unexpected option '{key}'")
    njit_options = {"fastmath": options.get("fastmath", False),
                    "boundscheck": bool(options.get("boundscheck") or
                                        options.get("debug"))}
    sigs = None
    if isinstance(func_or_sig, (str, list, tuple)) or \
            type(func_or_sig).__name__ == "Signature":
        sigs = func_or_sig if isinstance(func_or_sig, list) else [func_or_sig]
        func_or_sig = None

    def decorate(func: Any) -> Any:
        if device:
            from ..dispatcher import njit
            return njit(sigs, **njit_options)(func) if sigs else \
                njit(**njit_options)(func)
        return Kernel(func, sigs, njit_options)

    return decorate(func_or_sig) if func_or_sig is not None else decorate


def as_cuda_array(obj: Any) -> DeviceNDArray:
    """A device array of an object that exports `__cuda_array_interface__`
    (kern's own device arrays: without a copy)."""
    if isinstance(obj, DeviceNDArray):
        return obj
    as_host_array(obj)  # raises: GPU memory on the CPU target
    raise TypeError(f"as_cuda_array: {type(obj).__name__} does not export "
                    f"__cuda_array_interface__")


def is_available() -> bool:
    """Whether a CUDA driver with a device is usable (libcuda opened by
    lib/Runtime/Cuda.c with dlopen; kern/cuda/driver.py)."""
    from . import driver
    return driver.available()


def detect() -> bool:
    """Prints what kern.cuda finds; True when a CUDA device is usable."""
    from . import driver
    found = driver.available()
    if found:
        for i in range(driver.device_count()):
            name, (major, minor) = driver.device_info(i)
            try:
                chip = driver.choose_chip(name, (major, minor), i)
                support = f"SUPPORTED: {chip}"
            except CudaSupportError:
                low = driver.MIN_COMPUTE_CAPABILITY
                support = f"NOT SUPPORTED: CC < {low[0]}.{low[1]}"
            print(f"kern.cuda: device {i}: {name} (compute capability "
                  f"{major}.{minor}) [{support}]")
    where = "the GPU" if driver.use_gpu() else \
        f"the CPU target ({os.cpu_count()} CPUs)"
    print("kern.cuda: " + ("a CUDA driver and device found; " if found else
                           "no CUDA driver or device; ") +
          f"kernels run on {where}")
    return found


def synchronize() -> None:
    """Waits for the launches (CPU target: they ran to their end)."""
    from . import driver
    if driver.use_gpu():
        driver.synchronize()


class Stream:
    """A CUDA stream (a driver stream on the GPU); on the CPU target every
    operation is synchronous."""

    handle = 0

    def __init__(self, gpu: bool = False) -> None:
        if gpu:
            from . import driver
            self.handle = driver.stream_create()

    def synchronize(self) -> None:
        if self.handle:
            from . import driver
            driver.stream_synchronize(self.handle)

    def auto_synchronize(self) -> "Stream":
        return self

    def __enter__(self) -> "Stream":
        return self

    def __exit__(self, *exc: Any) -> None:
        pass

    def __repr__(self) -> str:
        return "<kern.cuda Stream (CPU target)>"


def stream() -> Stream:
    from . import driver
    return Stream(gpu=driver.use_gpu())


def default_stream() -> Stream:
    return Stream()


class Event:
    """A CUDA event: `record()`, `synchronize()`, `elapsed_time(end)` (ms)."""

    def __init__(self, timing: bool = True) -> None:
        from . import driver
        self.time = None
        self.handle = driver.event_create() if driver.use_gpu() else 0

    def record(self, stream: Any = 0) -> None:
        if self.handle:
            from . import driver
            driver.event_record(self.handle, stream)
        self.time = time.perf_counter()

    def synchronize(self) -> None:
        if self.handle:
            from . import driver
            driver.event_synchronize(self.handle)

    def wait(self, stream: Any = 0) -> None:
        pass

    def query(self) -> bool:
        return True

    def elapsed_time(self, end: "Event") -> float:
        if self.time is None or end.time is None:
            raise ValueError("kern.cuda: elapsed_time of an event never "
                             "recorded")
        if self.handle and end.handle:  # timed on the device
            from . import driver
            return driver.event_elapsed(self.handle, end.handle)
        return (end.time - self.time) * 1000.0


def event(timing: bool = True) -> Event:
    return Event(timing)


def event_elapsed_time(start: Event, end: Event) -> float:
    return start.elapsed_time(end)


class Device:
    """A CUDA device (`cuda.get_current_device()`): `id`, `name`,
    `compute_capability` (major, minor)."""

    def __init__(self, device_id: int) -> None:
        from . import driver
        self.id = device_id
        name, self.compute_capability = driver.device_info(device_id)
        self.name = name.encode()  # bytes, as Numba-CUDA's

    def __repr__(self) -> str:
        return f"<CUDA device {self.id} '{self.name.decode()}'>"


_current_device = 0


def select_device(device_id: int) -> Device:
    """Makes device `device_id` current (its primary context);
    CudaSupportError without a driver or with no such device."""
    global _current_device
    from . import driver
    if not driver.available():
        raise CudaSupportError(driver.error_text() or
                               "kern.cuda: no CUDA driver or device")
    try:
        driver.select_device(int(device_id))
    except driver.CudaDriverError as e:
        raise CudaSupportError(str(e)) from None
    _current_device = int(device_id)
    return Device(_current_device)


def get_current_device() -> Device:
    """The current device; CudaSupportError without a driver."""
    from . import driver
    if not driver.available():
        raise CudaSupportError(driver.error_text() or
                               "kern.cuda: no CUDA driver or device")
    return Device(_current_device)
