"""`@kern.vectorize([...], target='cuda')`: a ufunc whose loop is a
kern.cuda kernel (on the GPU when there is one, else the CPU target).

The scalar function becomes a device function, called by a generated
kernel with one thread per element of the broadcast inputs (raveled, C
order). Given device arrays, the result is a device array; given host
arrays or scalars, a NumPy array (or `out=`, host or device).

    >>> import numpy as np
    >>> from kern import vectorize, cuda
    >>> @vectorize(['float64(float64, float64)'], target='cuda')
    ... def hypot2(x, y):
    ...     return x * x + y * y
    >>> hypot2(np.arange(4.0), 2.0)
    array([ 4.,  5.,  8., 13.])
    >>> d = hypot2(cuda.to_device(np.ones((2, 2))), cuda.to_device(np.ones(2)))
    >>> d.copy_to_host()
    array([[2., 2.],
           [2., 2.]])
"""

from __future__ import annotations

import itertools
import linecache
from typing import Any, List, Optional, Sequence

import numpy as np

__all__ = ["CudaUFunc", "vectorize", "THREADS", "generated_kernel",
           "is_device_array", "host_values", "store", "blocks_for"]

#: threads per block of the generated kernels (kern/cuda/gufunc.py's too)
THREADS = 128
_count = itertools.count()


def generated_kernel(source: str, kind: str, func: Any, namespace: dict,
                     fastmath: Any = False) -> Any:
    """The `@cuda.jit` kernel of generated `source` (its one function):
    the source is in linecache under a name with `kind` and `func`'s name,
    so that errors and tracebacks show its lines."""
    from .. import cuda
    filename = f"<kern.{kind} cuda {func.__name__} {next(_count)}>"
    linecache.cache[filename] = (len(source), None,
                                 source.splitlines(True), filename)
    names = dict(namespace, cuda=cuda)
    exec(compile(source, filename, "exec"), names)
    kernel_name = source.split("def ", 1)[1].split("(", 1)[0]
    return cuda.jit(fastmath=fastmath)(names[kernel_name])


def is_device_array(a: Any) -> bool:
    """A kern device array or another `__cuda_array_interface__` object
    (not a NumPy array)."""
    from .. import cuda
    return cuda.is_cuda_array(a) and not isinstance(a, np.ndarray)


def host_values(a: Any) -> np.ndarray:
    """A NumPy array of an argument: device arrays copied to the host."""
    return a.copy_to_host() if is_device_array(a) else np.asarray(a)


def store(out: Any, values: np.ndarray) -> None:
    """Writes host `values` into `out`, a host or a device array."""
    if is_device_array(out):
        out.copy_to_device(np.ascontiguousarray(values, dtype=out.dtype))
    else:
        out[...] = values


def blocks_for(n: int) -> int:
    """Blocks of THREADS threads covering `n` threads."""
    return (n + THREADS - 1) // THREADS


def _kernel_source(nin: int) -> str:
    names = ", ".join(f"a{i}" for i in range(nin))
    items = ", ".join(f"a{i}[i]" for i in range(nin))
    return (f"def ufunc_kernel({names}, out):\n"
            f"    i = cuda.grid(1)\n"
            f"    if i < out.size:\n"
            f"        out[i] = scalar({items})\n")


class CudaUFunc:
    """A ufunc on kern.cuda: `f(*inputs, out=None, stream=0)`."""

    def __init__(self, py_func: Any, signatures: Optional[Sequence[Any]],
                 fastmath: Any = False) -> None:
        from .. import cuda
        from ..signatures import parse_signature
        self.py_func = py_func
        self.__name__ = py_func.__name__
        self.__doc__ = py_func.__doc__
        self._loops: List[Any] = []  # (input dtypes, result dtype)
        for sig in signatures or ():
            ret, args = parse_signature(sig)
            if ret is None:
                raise TypeError(f"kern.vectorize: signature {sig!r} of "
                                f"'{py_func.__name__}' needs a result type")
            self._loops.append((tuple(np.dtype(str(a)) for a in args),
                                np.dtype(str(ret))))
        self.nin = py_func.__code__.co_argcount
        scalar = cuda.jit(device=True, fastmath=fastmath)(py_func)
        self._kernel = generated_kernel(_kernel_source(self.nin), "vectorize",
                                        py_func, {"scalar": scalar}, fastmath)

    def _result_dtype(self, dtypes: Sequence[np.dtype],
                      samples: Sequence[Any]) -> np.dtype:
        for ins, ret in self._loops:
            if all(np.can_cast(d, t, "safe") for d, t in zip(dtypes, ins)):
                return ret
        if self._loops:
            raise TypeError(f"kern.vectorize: '{self.__name__}' has no loop "
                            f"for {tuple(str(d) for d in dtypes)} (its "
                            f"loops: {[tuple(map(str, i)) for i, _ in self._loops]})")
        return np.asarray(self.py_func(*samples)).dtype

    def __call__(self, *args: Any, out: Any = None, stream: Any = 0) -> Any:
        from .. import cuda
        if len(args) != self.nin:
            raise TypeError(f"{self.__name__}() takes {self.nin} arguments, "
                            f"got {len(args)}")
        on_device = any(is_device_array(a) for a in args)
        host = [host_values(a) for a in args]
        shaped = np.broadcast_arrays(*host)
        shape = shaped[0].shape if shaped else ()
        samples = [h.reshape(-1)[0] if h.size else h.dtype.type(0)
                   for h in shaped]
        result = self._result_dtype([h.dtype for h in host], samples)
        loop = self._loops and next(
            ins for ins, ret in self._loops
            if all(np.can_cast(h.dtype, t, "safe") for h, t in zip(host, ins)))
        flat = [np.ascontiguousarray(h, dtype=loop[i] if loop else None)
                .reshape(-1) for i, h in enumerate(shaped)]
        size = int(np.prod(shape)) if shape else 1
        dout = cuda.device_array(size, result, stream=stream)
        if size:
            self._kernel[blocks_for(size), THREADS, stream](*flat, dout)
        if out is not None:
            if tuple(out.shape) != tuple(shape):
                raise ValueError(f"{self.__name__}: out has shape "
                                 f"{tuple(out.shape)}, the result {shape}")
            store(out, dout.copy_to_host().reshape(shape))
            return out
        if on_device:
            return dout.reshape(shape) if shape else dout.reshape(1)
        res = dout.copy_to_host().reshape(shape)
        return res if shape else res[()]

    def __repr__(self) -> str:
        return f"<kern.vectorize cuda ufunc {self.__name__}>"


def vectorize(signatures: Any = None, **options: Any) -> Any:
    """`kern.vectorize(..., target='cuda')` (kern/vectorize.py hands the
    call here)."""
    options.pop("target", None)
    fastmath = options.pop("fastmath", False)
    for key in options:
        if key not in ("identity", "cache", "nopython"):
            raise TypeError(f"kern.vectorize(target='cuda') got an unexpected "
                            f"option '{key}'")
    if callable(signatures) and not isinstance(signatures, (str, list, tuple)):
        return CudaUFunc(signatures, None, fastmath)
    sigs = None
    if signatures is not None:
        sigs = list(signatures) if isinstance(signatures, (list, tuple)) \
            else [signatures]

    def decorate(func: Any) -> CudaUFunc:
        return CudaUFunc(func, sigs, fastmath)

    return decorate
