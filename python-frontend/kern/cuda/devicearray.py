"""Device arrays of kern.cuda on the CPU target: host memory behind Numba's
DeviceNDArray interface, so that programs written for a GPU run unchanged.

    >>> import numpy as np
    >>> from kern import cuda
    >>> d = cuda.to_device(np.arange(4.0))
    >>> d.shape, d.dtype, d.size, d.ndim
    ((4,), dtype('float64'), 4, 1)
    >>> d[1:3].copy_to_host()
    array([1., 2.])
    >>> out = np.zeros(4)
    >>> _ = d.copy_to_host(out)
    >>> out
    array([0., 1., 2., 3.])

`to_device` copies (as a transfer to the GPU would): writes by a kernel
reach the host array only through `copy_to_host`.
"""

from __future__ import annotations

from typing import Any, Optional

import numpy as np

__all__ = ["DeviceNDArray", "to_device", "device_array", "device_array_like",
           "pinned_array", "mapped_array", "is_cuda_array", "as_host_array"]


class DeviceNDArray:
    """An array in (simulated) device memory: a NumPy array it owns."""

    def __init__(self, host: np.ndarray, stream: Any = 0) -> None:
        self._host = host
        self.stream = stream

    # -- NumPy-like metadata ----------------------------------------------
    shape = property(lambda self: self._host.shape)
    strides = property(lambda self: self._host.strides)
    dtype = property(lambda self: self._host.dtype)
    size = property(lambda self: self._host.size)
    ndim = property(lambda self: self._host.ndim)
    nbytes = property(lambda self: self._host.nbytes)

    def __len__(self) -> int:
        return len(self._host)

    def __repr__(self) -> str:
        return f"<kern.cuda DeviceNDArray shape={self.shape} dtype={self.dtype}>"

    @property
    def __cuda_array_interface__(self) -> dict:
        h = self._host
        return {"shape": h.shape, "typestr": h.dtype.str,
                "data": (h.ctypes.data, not h.flags.writeable),
                "strides": None if h.flags.c_contiguous else h.strides,
                "version": 3, "stream": None}

    def __getitem__(self, index: Any) -> Any:
        view = self._host[index]
        if isinstance(view, np.ndarray):
            return DeviceNDArray(view, self.stream)
        return view

    def __setitem__(self, index: Any, value: Any) -> None:
        self._host[index] = as_host_array(value)

    def copy_to_host(self, ary: Optional[np.ndarray] = None, stream: Any = 0,
                     out: Optional[np.ndarray] = None) -> np.ndarray:
        """A host copy, or the copy into `ary` (Numba's name; also `out`)."""
        target = ary if ary is not None else out
        if target is None:
            return self._host.copy()
        if target.shape != self.shape:
            raise ValueError(f"copy_to_host: the array has shape "
                             f"{target.shape}, the device array {self.shape}")
        np.copyto(target, self._host)
        return target

    def copy_to_device(self, ary: Any, stream: Any = 0) -> None:
        """Copies a host or device array into this one (same shape)."""
        src = as_host_array(ary)
        if np.shape(src) != self.shape:
            raise ValueError(f"copy_to_device: the array has shape "
                             f"{np.shape(src)}, the device array {self.shape}")
        np.copyto(self._host, src)

    def is_c_contiguous(self) -> bool:
        return bool(self._host.flags.c_contiguous)

    def is_f_contiguous(self) -> bool:
        return bool(self._host.flags.f_contiguous)

    def reshape(self, *shape: Any, order: str = "C") -> "DeviceNDArray":
        return DeviceNDArray(self._host.reshape(*shape, order=order))

    def ravel(self, order: str = "C") -> "DeviceNDArray":
        return DeviceNDArray(self._host.ravel(order=order))

    @property
    def T(self) -> "DeviceNDArray":
        return DeviceNDArray(self._host.T)

    def split(self, section: int, stream: Any = 0) -> list:
        return [DeviceNDArray(self._host[i:i + section])
                for i in range(0, len(self._host), section)]


def _gpu() -> Any:
    """kern/cuda/gpuarray.py when arrays live in GPU memory, else None."""
    from . import driver
    if not driver.use_gpu():
        return None
    from . import gpuarray
    return gpuarray


def is_cuda_array(obj: Any) -> bool:
    """Whether `obj` exports `__cuda_array_interface__`."""
    return hasattr(obj, "__cuda_array_interface__")


def as_host_array(obj: Any) -> Any:
    """The host array behind a device array; other values as they are."""
    if isinstance(obj, DeviceNDArray):
        if hasattr(obj, "copy_to_host") and type(obj) is not DeviceNDArray:
            return obj.copy_to_host()  # GPU memory (kern/cuda/gpuarray.py)
        return obj._host
    if is_cuda_array(obj) and not isinstance(obj, np.ndarray):
        raise TypeError(f"kern.cuda (CPU target): {type(obj).__name__} "
                        f"holds GPU memory, which the CPU target cannot "
                        f"read; pass a NumPy array or a kern.cuda device "
                        f"array")
    return obj


def to_device(obj: Any, stream: Any = 0, copy: bool = True,
              to: Optional[DeviceNDArray] = None) -> DeviceNDArray:
    """A device copy of a host array (or the copy into `to`)."""
    if to is not None:
        to.copy_to_device(obj, stream)
        return to
    gpu = _gpu()
    if gpu is not None:
        return gpu.to_device(obj, stream)
    host = np.array(as_host_array(obj), copy=True, subok=False)
    return DeviceNDArray(host, stream)


def device_array(shape: Any, dtype: Any = np.float64, strides: Any = None,
                 order: str = "C", stream: Any = 0) -> DeviceNDArray:
    """An uninitialized device array."""
    gpu = _gpu()
    if gpu is not None:
        return gpu.device_array(shape, dtype, strides, order, stream)
    return DeviceNDArray(np.empty(shape, dtype=dtype, order=order), stream)


def device_array_like(ary: Any, stream: Any = 0) -> DeviceNDArray:
    gpu = _gpu()
    if gpu is not None:
        return gpu.device_array_like(ary, stream)
    a = as_host_array(ary)
    order = "F" if a.flags.f_contiguous and not a.flags.c_contiguous else "C"
    return device_array(a.shape, a.dtype, order=order, stream=stream)


def pinned_array(shape: Any, dtype: Any = np.float64, strides: Any = None,
                 order: str = "C") -> np.ndarray:
    """A host array (page-locked on a GPU; plain memory on the CPU target)."""
    return np.empty(shape, dtype=dtype, order=order)


def mapped_array(shape: Any, dtype: Any = np.float64, strides: Any = None,
                 order: str = "C", stream: Any = 0, portable: bool = False,
                 wc: bool = False) -> np.ndarray:
    """A host array that kernels use in place (mapped memory)."""
    return np.empty(shape, dtype=dtype, order=order)
