"""Device arrays in GPU memory (kern.cuda with a CUDA driver,
KERN_CUDA_SIM unset): the same interface as the CPU target's
DeviceNDArray (kern/cuda/devicearray.py), its data allocated with
cuMemAlloc (kern/cuda/driver.py).

Behind each array is a NumPy array *over the device address* that is never
read on the host: NumPy's slicing, reshapes and transposes only compute
shapes and strides, and the kernel call path only reads the data pointer,
shape and strides, so that kernels receive device memory without a copy.
Whatever reads elements (copy_to_host, item access, assignment) copies the
bytes the array spans through the driver. Objects exporting
`__cuda_array_interface__` (CuPy arrays, PyTorch tensors) are passed to
kernels the same way, without a copy (`device_view`).

    >>> import numpy as np
    >>> v = device_view({"shape": (2, 3), "typestr": "<f4", "data": (4096, False),
    ...                  "strides": None, "version": 3})
    >>> v.shape, v.strides, v.ctypes.data
    ((2, 3), (12, 4), 4096)
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

import numpy as np
from numpy.lib.stride_tricks import as_strided

from . import driver
from .devicearray import DeviceNDArray

__all__ = ["GpuDeviceNDArray", "device_view", "kernel_argument", "to_device",
           "device_array", "device_array_like"]


class _Span:
    """`nbytes` bytes at a device address, as NumPy sees an array."""

    def __init__(self, address: int, nbytes: int) -> None:
        self.__array_interface__ = {"data": (address, False),
                                    "shape": (max(nbytes, 1),),
                                    "typestr": "|u1", "version": 3}


def _view(address: int, shape: Tuple[int, ...], dtype: Any,
          strides: Optional[Tuple[int, ...]]) -> np.ndarray:
    dtype = np.dtype(dtype)
    if strides is None:
        strides, step = [], dtype.itemsize
        for n in reversed(shape):
            strides.insert(0, step)
            step *= max(n, 1)
    # One element over the address: as_strided checks no bounds, and
    # nothing reads through the result on the host.
    base = np.asarray(_Span(address, dtype.itemsize)).view(dtype)
    return as_strided(base, shape=tuple(shape), strides=tuple(strides))


def device_view(interface: Any) -> np.ndarray:
    """A NumPy array over the device memory of a `__cuda_array_interface__`
    (a dict, or an object exporting one); never read on the host."""
    ai = interface if isinstance(interface, dict) else \
        interface.__cuda_array_interface__
    strides = ai.get("strides")
    return _view(int(ai["data"][0]), tuple(ai["shape"]), np.dtype(ai["typestr"]),
                 tuple(strides) if strides is not None else None)


def kernel_argument(obj: Any) -> np.ndarray:
    """What a kernel receives for a device array: kern's own (its view,
    made once) or any `__cuda_array_interface__` exporter."""
    if isinstance(obj, GpuDeviceNDArray):
        return obj._host
    return device_view(obj)


class _Allocation:
    """Device memory freed with the last array that uses it."""

    def __init__(self, nbytes: int) -> None:
        self.address = driver.mem_alloc(nbytes)

    def __del__(self) -> None:
        if getattr(self, "address", 0):
            try:
                driver.mem_free(self.address)
            except Exception:  # interpreter shutdown, a lost context
                pass
            self.address = 0


def _span(a: np.ndarray) -> Tuple[int, int]:
    """(lowest address, bytes) of the memory an array view covers."""
    lo = hi = a.ctypes.data
    for n, s in zip(a.shape, a.strides):
        if n == 0:
            return lo, 0
        if s < 0:
            lo += (n - 1) * s
        else:
            hi += (n - 1) * s
    return lo, hi - lo + a.itemsize


class GpuDeviceNDArray(DeviceNDArray):
    """A device array in GPU memory."""

    def __init__(self, view: np.ndarray, owner: Any, stream: Any = 0) -> None:
        super().__init__(view, stream)
        self._owner = owner

    def _wrap(self, view: np.ndarray) -> "GpuDeviceNDArray":
        return GpuDeviceNDArray(view, self._owner, self.stream)

    def _read(self) -> np.ndarray:
        """A host copy of the elements."""
        lo, nbytes = _span(self._host)
        buf = np.empty(max(nbytes, 1), np.uint8)
        if nbytes:
            driver.memcpy_dtoh(buf.ctypes.data, lo, nbytes, self.stream)
        start = self._host.ctypes.data - lo
        return np.ndarray(self.shape, self.dtype, buf, start,
                          self.strides).copy()

    def _write(self, values: Any) -> None:
        lo, nbytes = _span(self._host)
        if not nbytes:
            return
        buf = np.empty(nbytes, np.uint8)
        if not self._host.flags.c_contiguous or \
                nbytes != self._host.nbytes:  # keep the bytes between elements
            driver.memcpy_dtoh(buf.ctypes.data, lo, nbytes, self.stream)
        start = self._host.ctypes.data - lo
        host = np.ndarray(self.shape, self.dtype, buf, start, self.strides)
        host[...] = values
        driver.memcpy_htod(lo, buf.ctypes.data, nbytes, self.stream)

    def __getitem__(self, index: Any) -> Any:
        view = self._host[index]
        if isinstance(view, np.ndarray):
            return self._wrap(view)
        return self._wrap(_item_view(self._host, index))._read()[()]

    def __setitem__(self, index: Any, value: Any) -> None:
        from .devicearray import as_host_array
        view = self._host[index]
        target = self._wrap(view if isinstance(view, np.ndarray)
                            else _item_view(self._host, index))
        value = value.copy_to_host() if isinstance(value, GpuDeviceNDArray) \
            else as_host_array(value)
        target._write(value)

    def copy_to_host(self, ary: Optional[np.ndarray] = None, stream: Any = 0,
                     out: Optional[np.ndarray] = None) -> np.ndarray:
        target = ary if ary is not None else out
        host = self._read()
        if target is None:
            return host
        if target.shape != self.shape:
            raise ValueError(f"copy_to_host: the array has shape "
                             f"{target.shape}, the device array {self.shape}")
        np.copyto(target, host)
        return target

    def copy_to_device(self, ary: Any, stream: Any = 0) -> None:
        from .devicearray import as_host_array
        src = ary.copy_to_host() if isinstance(ary, GpuDeviceNDArray) \
            else as_host_array(ary)
        if np.shape(src) != self.shape:
            raise ValueError(f"copy_to_device: the array has shape "
                             f"{np.shape(src)}, the device array {self.shape}")
        self._write(src)

    def reshape(self, *shape: Any, order: str = "C") -> "GpuDeviceNDArray":
        return self._wrap(self._host.reshape(*shape, order=order))

    def ravel(self, order: str = "C") -> "GpuDeviceNDArray":
        if not self._host.flags.c_contiguous:
            raise NotImplementedError("kern.cuda: ravel of a non-contiguous "
                                      "device array")
        return self._wrap(self._host.reshape(-1))

    @property
    def T(self) -> "GpuDeviceNDArray":
        return self._wrap(self._host.T)

    def split(self, section: int, stream: Any = 0) -> list:
        return [self._wrap(self._host[i:i + section])
                for i in range(0, len(self._host), section)]

    def __repr__(self) -> str:
        return (f"<kern.cuda DeviceNDArray (GPU) shape={self.shape} "
                f"dtype={self.dtype}>")


def _item_view(a: np.ndarray, index: Any) -> np.ndarray:
    """The 0-d view of one element (a[index] with integer indices)."""
    idx = index if isinstance(index, tuple) else (index,)
    offset = 0
    for i, (n, s) in zip(idx, zip(a.shape, a.strides)):
        i = int(i)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"index {i} is out of bounds for size {n}")
        offset += i * s
    return _view(a.ctypes.data + offset, (), a.dtype, ())


def device_array(shape: Any, dtype: Any = np.float64, strides: Any = None,
                 order: str = "C", stream: Any = 0) -> GpuDeviceNDArray:
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    dtype = np.dtype(dtype)
    nbytes = dtype.itemsize
    for n in shape:
        nbytes *= n
    owner = _Allocation(nbytes)
    if order == "F":
        strides, step = [], dtype.itemsize
        for n in shape:
            strides.append(step)
            step *= max(n, 1)
    view = _view(owner.address, shape, dtype,
                 tuple(strides) if strides is not None else None)
    return GpuDeviceNDArray(view, owner, stream)


def device_array_like(ary: Any, stream: Any = 0) -> GpuDeviceNDArray:
    flags = getattr(ary, "flags", None)
    order = "F" if flags is not None and flags.f_contiguous and \
        not flags.c_contiguous else "C"
    return device_array(ary.shape, ary.dtype, order=order, stream=stream)


def to_device(obj: Any, stream: Any = 0) -> GpuDeviceNDArray:
    """A device copy of a host array or of a device array (C order)."""
    if isinstance(obj, DeviceNDArray):
        obj = obj.copy_to_host()
    host = np.ascontiguousarray(obj)  # (ndim >= 1: a 0-d array keeps ())
    if np.ndim(obj) == 0 and isinstance(obj, np.ndarray):
        host = host.reshape(())
    d = device_array(host.shape, host.dtype, stream=stream)
    if host.nbytes:
        driver.memcpy_htod(d._host.ctypes.data, host.ctypes.data, host.nbytes,
                           stream)
    return d
