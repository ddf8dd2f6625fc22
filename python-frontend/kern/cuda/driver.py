"""The CUDA driver as kern.cuda sees it: ctypes bindings of the runtime's
`kern_rt_cuda_*` functions (lib/Runtime/Cuda.c), which open libcuda with
dlopen at their first use, so that nothing here needs a driver to import.

    >>> from kern.cuda import driver
    >>> isinstance(driver.available(), bool)
    True
    >>> driver.target_chip() in (None,) or driver.target_chip().startswith("sm_")
    True

`use_gpu()` decides where kernels run: on the GPU when a driver with a
device is present and `KERN_CUDA_SIM` is unset (or "0"), else on the CPU
target. Every call that fails raises `CudaDriverError` with the driver's
message (which names the driver call and the CUDA error).
"""

from __future__ import annotations

import ctypes
import os
from typing import Any, Optional, Tuple

from .. import _paths
from ..errors import KernError

__all__ = ["CudaDriverError", "CudaSupportError", "MIN_COMPUTE_CAPABILITY",
           "PTX_CHIPS", "choose_chip", "available", "use_gpu", "target_chip",
           "device_count", "device_info", "select_device", "synchronize",
           "mem_alloc", "mem_free", "memcpy_htod", "memcpy_dtoh",
           "memcpy_dtod", "stream_create", "stream_destroy",
           "stream_synchronize", "event_create", "event_destroy",
           "event_record", "event_synchronize", "event_elapsed",
           "error_text"]


class CudaDriverError(KernError):
    """A CUDA driver call failed (the message names it and the error)."""


class CudaSupportError(KernError):
    """CUDA (a driver and a device) is not usable: no driver, no such
    device, or a device whose compute capability kern.cuda cannot target."""


#: the oldest compute capability kern.cuda compiles for (Numba-CUDA's with
#: CUDA 12; CUDA 13's ptxas starts at 7.5, the driver's JIT takes older)
MIN_COMPUTE_CAPABILITY = (5, 0)

#: the chips from sm_50 of LLVM 22's NVPTX backend (`llc -march=nvptx64
#: -mcpu=help`), the #nvvm.target of kern-gpu-pipeline, as (major, minor)
PTX_CHIPS = ((5, 0), (5, 2), (5, 3), (6, 0), (6, 1), (6, 2), (7, 0), (7, 2),
             (7, 5), (8, 0), (8, 6), (8, 7), (8, 8), (8, 9), (9, 0), (10, 0),
             (10, 1), (10, 3), (11, 0), (12, 0), (12, 1))


def choose_chip(name: str, capability: Tuple[int, int], device: int = 0,
                chips: Tuple[Tuple[int, int], ...] = PTX_CHIPS) -> str:
    """The "sm_XY" to compile for on device `device` (called `name`) of
    compute `capability`: the newest of `chips` not newer than the device
    (PTX runs on later devices through the driver's JIT, as Numba-CUDA's
    find_closest_arch picks); CudaSupportError naming the device and its
    capability below MIN_COMPUTE_CAPABILITY.

    >>> choose_chip("A100", (8, 0))
    'sm_80'
    >>> choose_chip("a future GPU", (13, 2))
    'sm_121'
    >>> choose_chip("Tesla K80", (3, 7))
    Traceback (most recent call last):
    ...
    kern.cuda.driver.CudaSupportError: kern.cuda: device 0 'Tesla K80' has compute capability 3.7, below the 5.0 that kern.cuda supports (KERN_CUDA_SIM=1 runs kernels on the CPU target)
    """
    cc = (int(capability[0]), int(capability[1]))
    low = MIN_COMPUTE_CAPABILITY
    if cc < low:
        raise CudaSupportError(
            f"kern.cuda: device {device} '{name}' has compute capability "
            f"{cc[0]}.{cc[1]}, below the {low[0]}.{low[1]} that kern.cuda "
            f"supports (KERN_CUDA_SIM=1 runs kernels on the CPU target)")
    usable = [c for c in chips if c <= cc]
    if not usable:
        raise CudaSupportError(
            f"kern.cuda: device {device} '{name}' has compute capability "
            f"{cc[0]}.{cc[1]}, older than every chip kern.cuda compiles for "
            f"(the oldest: {min(chips)[0]}.{min(chips)[1]})")
    major, minor = max(usable)
    return f"sm_{major}{minor}"


_lib: Optional[ctypes.CDLL] = None


def _runtime() -> ctypes.CDLL:
    global _lib
    if _lib is None:
        lib = ctypes.CDLL(_paths.library("kern_runtime"), mode=ctypes.RTLD_GLOBAL)
        i32, u64, vp = ctypes.c_int32, ctypes.c_uint64, ctypes.c_void_p
        p_i32, p_u64, p_vp = (ctypes.POINTER(i32), ctypes.POINTER(u64),
                              ctypes.POINTER(vp))
        signatures = {
            "kern_rt_cuda_error_text": (ctypes.c_char_p, []),
            "kern_rt_cuda_available": (i32, []),
            "kern_rt_cuda_device_count": (i32, [p_i32]),
            "kern_rt_cuda_device_info": (i32, [i32, ctypes.c_char_p, i32,
                                               p_i32, p_i32]),
            "kern_rt_cuda_select_device": (i32, [i32]),
            "kern_rt_cuda_synchronize": (i32, []),
            "kern_rt_cuda_mem_alloc": (i32, [p_u64, u64]),
            "kern_rt_cuda_mem_free": (i32, [u64]),
            "kern_rt_cuda_memcpy": (i32, [i32, u64, u64, u64, vp]),
            "kern_rt_cuda_stream_create": (i32, [p_vp]),
            "kern_rt_cuda_stream_destroy": (i32, [vp]),
            "kern_rt_cuda_stream_synchronize": (i32, [vp]),
            "kern_rt_cuda_set_stream": (None, [vp]),
            "kern_rt_cuda_event_create": (i32, [p_vp]),
            "kern_rt_cuda_event_destroy": (i32, [vp]),
            "kern_rt_cuda_event_record": (i32, [vp, vp]),
            "kern_rt_cuda_event_synchronize": (i32, [vp]),
            "kern_rt_cuda_event_elapsed": (i32, [ctypes.POINTER(ctypes.c_float),
                                                 vp, vp]),
        }
        for name, (restype, argtypes) in signatures.items():
            fn = getattr(lib, name)
            fn.restype, fn.argtypes = restype, argtypes
        _lib = lib
    return _lib


def error_text() -> str:
    """The message of the last failed driver call on this thread."""
    text = _runtime().kern_rt_cuda_error_text()
    return text.decode(errors="replace") if text else ""


def _check(status: int) -> None:
    if status != 0:
        raise CudaDriverError(error_text() or f"kern.cuda: CUDA error {status}")


_available: Optional[bool] = None


def available() -> bool:
    """Whether libcuda opens, initializes and sees at least one device
    (asked once: the runtime opens the driver once)."""
    global _available
    if _available is None:
        _available = bool(_runtime().kern_rt_cuda_available())
    return _available


def use_gpu() -> bool:
    """Whether kernels run on the GPU: a usable driver and KERN_CUDA_SIM
    unset or "0"."""
    if os.environ.get("KERN_CUDA_SIM", "0") not in ("", "0"):
        return False
    return available()


def device_count() -> int:
    n = ctypes.c_int32(0)
    _check(_runtime().kern_rt_cuda_device_count(ctypes.byref(n)))
    return n.value


def device_info(device: int = 0) -> Tuple[str, Tuple[int, int]]:
    """(name, (major, minor)) of a device."""
    name = ctypes.create_string_buffer(256)
    major, minor = ctypes.c_int32(0), ctypes.c_int32(0)
    _check(_runtime().kern_rt_cuda_device_info(device, name, 256,
                                                ctypes.byref(major),
                                                ctypes.byref(minor)))
    return name.value.decode(errors="replace"), (major.value, minor.value)


_selected = 0


def select_device(device: int) -> None:
    global _selected
    _check(_runtime().kern_rt_cuda_select_device(device))
    _selected = device


def target_chip() -> Optional[str]:
    """"sm_XY" to compile for on the selected device when there is one
    (choose_chip: CudaSupportError for a device too old), else None."""
    if not available():
        return None
    name, capability = device_info(_selected)
    return choose_chip(name, capability, _selected)


def synchronize() -> None:
    _check(_runtime().kern_rt_cuda_synchronize())


def mem_alloc(nbytes: int) -> int:
    ptr = ctypes.c_uint64(0)
    _check(_runtime().kern_rt_cuda_mem_alloc(ctypes.byref(ptr), nbytes))
    return ptr.value


def mem_free(ptr: int) -> None:
    _check(_runtime().kern_rt_cuda_mem_free(ptr))


def _stream(stream: Any) -> Optional[int]:
    handle = getattr(stream, "handle", stream)
    return int(handle) if handle else None


def memcpy_htod(dst: int, src: int, nbytes: int, stream: Any = 0) -> None:
    _check(_runtime().kern_rt_cuda_memcpy(0, dst, src, nbytes, _stream(stream)))


def memcpy_dtoh(dst: int, src: int, nbytes: int, stream: Any = 0) -> None:
    _check(_runtime().kern_rt_cuda_memcpy(1, dst, src, nbytes, _stream(stream)))


def memcpy_dtod(dst: int, src: int, nbytes: int, stream: Any = 0) -> None:
    _check(_runtime().kern_rt_cuda_memcpy(2, dst, src, nbytes, _stream(stream)))


def stream_create() -> int:
    s = ctypes.c_void_p(0)
    _check(_runtime().kern_rt_cuda_stream_create(ctypes.byref(s)))
    return s.value or 0


def stream_destroy(stream: int) -> None:
    _check(_runtime().kern_rt_cuda_stream_destroy(stream))


def stream_synchronize(stream: Any) -> None:
    _check(_runtime().kern_rt_cuda_stream_synchronize(_stream(stream)))


def set_stream(stream: Any) -> None:
    """The stream of this thread's next launches (0: the default)."""
    _runtime().kern_rt_cuda_set_stream(_stream(stream))


def launch_stream(stream: Any) -> Optional[int]:
    """The handle of a launch's stream (None: the default stream)."""
    return _stream(stream)


def event_create() -> int:
    e = ctypes.c_void_p(0)
    _check(_runtime().kern_rt_cuda_event_create(ctypes.byref(e)))
    return e.value or 0


def event_destroy(event: int) -> None:
    _check(_runtime().kern_rt_cuda_event_destroy(event))


def event_record(event: int, stream: Any = 0) -> None:
    _check(_runtime().kern_rt_cuda_event_record(event, _stream(stream)))


def event_synchronize(event: int) -> None:
    _check(_runtime().kern_rt_cuda_event_synchronize(event))


def event_elapsed(start: int, end: int) -> float:
    ms = ctypes.c_float(0)
    _check(_runtime().kern_rt_cuda_event_elapsed(ctypes.byref(ms), start, end))
    return float(ms.value)
