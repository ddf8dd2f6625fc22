"""What `@cuda.jit` returns: a `Kernel` (launched with `kernel[blocks,
threads](args)`), or for `device=True` a kern function that kernels call.

    >>> import numpy as np
    >>> from kern import cuda
    >>> @cuda.jit("void(float64[:], float64[:], float64[:])")
    ... def add(x, y, out):
    ...     for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
    ...         out[i] = x[i] + y[i]
    >>> x = np.arange(10.0); out = np.empty_like(x)
    >>> add[2, 3](x, x, out)
    >>> out[:4]
    array([0., 2., 4., 6.])
    >>> add[1, 2048](x, x, out)
    Traceback (most recent call last):
    ...
    ValueError: kern.cuda: 2048 threads per block, more than CUDA's limit of 1024
"""

from __future__ import annotations

import numbers
import os
from typing import Any, Optional, Sequence, Tuple

import numpy as np

from ..errors import TypingError
from ..signatures import parse_signature
from .devicearray import as_host_array

#: the launch configuration's arguments (kern/cuda/compiler.py)
CONFIG_TYPES = 7 * ("int64",)

__all__ = ["Kernel", "Configured", "normalize_dims"]

#: inspect_mlir's stages of kern-gpu-pipeline (kernGpuCompileStage's names)
_GPU_STAGES = {"gpu": "gpu", "nvvm": "nvvm", "gpu-llvm": "llvm"}

MAX_THREADS_PER_BLOCK = 1024
MAX_BLOCK_DIMS = (1024, 1024, 64)
MAX_GRID_DIMS = (2 ** 31 - 1, 65535, 65535)


#: Numba-CUDA's message for a kernel launched without a configuration
MISSING_CONFIG = ("kern.cuda: kernel launch configuration was not specified."
                  " Use the syntax:\n\n    kernel_function[blockspergrid, "
                  "threadsperblock](arg0, arg1, ..., argn)")


def normalize_dims(dims: Any, what: str) -> Tuple[int, int, int]:
    """(x, y, z) of an int or a sequence of 1 to 3 ints, with Numba-CUDA's
    errors (`what` is 'griddim' or 'blockdim'): ValueError for another
    number of dimensions, TypeError for a dimension that is no integer
    (numbers.Integral, as Numba's, or an object with __index__); and
    ValueError for a dimension below 1, which CUDA refuses at the launch.

    >>> normalize_dims((4, 2), "blockdim")
    (4, 2, 1)
    >>> normalize_dims([1, 2, 3, 4], "griddim")
    Traceback (most recent call last):
    ...
    ValueError: griddim must be a sequence of 1, 2 or 3 integers, got [1, 2, 3, 4]
    >>> normalize_dims(2.0, "blockdim")
    Traceback (most recent call last):
    ...
    TypeError: blockdim must be a sequence of integers, got [2.0]
    """
    items = list(dims) if isinstance(dims, (tuple, list)) else [dims]
    if not 1 <= len(items) <= 3:
        raise ValueError(f"{what} must be a sequence of 1, 2 or 3 integers, "
                         f"got {items!r}")
    out = []
    for d in items:
        if not _is_int(d):
            raise TypeError(f"{what} must be a sequence of integers, got "
                            f"{items!r}")
        d = int(d.__index__())
        if d < 1:
            raise ValueError(f"kern.cuda: {what} {tuple(items)} has a "
                             f"dimension of {d}; each must be at least 1")
        out.append(d)
    out += [1] * (3 - len(out))
    return out[0], out[1], out[2]


def _is_int(value: Any) -> bool:
    """An integer as Numba-CUDA takes one: numbers.Integral (NumPy's too)
    or an object with __index__, but no float, complex or string."""
    if isinstance(value, numbers.Integral):
        return True
    return hasattr(value, "__index__") and \
        not isinstance(value, (float, complex, str))


def _shared_bytes(value: Any) -> int:
    """The launch's dynamic shared memory: a non-negative integer."""
    if isinstance(value, bool) or not _is_int(value):
        raise TypeError(f"kern.cuda: the dynamic shared memory of a launch is "
                        f"a number of bytes (an integer), got {value!r}")
    n = int(value.__index__())
    if n < 0:
        raise ValueError(f"kern.cuda: {n} bytes of dynamic shared memory")
    return n


def _check(grid: Tuple[int, ...], block: Tuple[int, ...]) -> None:
    threads = block[0] * block[1] * block[2]
    if threads > MAX_THREADS_PER_BLOCK or block[0] > MAX_BLOCK_DIMS[0] or \
            block[1] > MAX_BLOCK_DIMS[1]:
        raise ValueError(f"kern.cuda: {threads} threads per block, more "
                         f"than CUDA's limit of {MAX_THREADS_PER_BLOCK}")
    if block[2] > MAX_BLOCK_DIMS[2]:
        raise ValueError(f"kern.cuda: blockDim.z is {block[2]}, more than "
                         f"CUDA's limit of {MAX_BLOCK_DIMS[2]}")
    for d, (n, limit) in enumerate(zip(grid, MAX_GRID_DIMS)):
        if n > limit:
            raise ValueError(f"kern.cuda: gridDim.{'xyz'[d]} is {n}, more "
                             f"than CUDA's limit of {limit}")


def _on_gpu() -> bool:
    """Whether launches go to the GPU (kern/cuda/driver.py: a driver and
    KERN_CUDA_SIM unset)."""
    if os.environ.get("KERN_CUDA_SIM", "0") not in ("", "0"):
        return False
    from . import driver
    return driver.available()


class Kernel:
    """A `@cuda.jit` kernel: compiled per argument types at its first
    launch (or for the explicit signatures, at once)."""

    def __init__(self, py_func: Any, signatures: Optional[Sequence[Any]],
                 options: dict) -> None:
        from .compiler import KernelDispatcher  # (imports the frontend)
        self.py_func = py_func
        self.__name__ = py_func.__name__
        self.__doc__ = py_func.__doc__
        self.__wrapped__ = py_func
        self._options = dict(options)
        self._dispatcher = KernelDispatcher(py_func, **options)
        self._gpu: Any = None  # the GPU's dispatcher, made at the first launch
        for sig in signatures or ():
            ret, args = parse_signature(sig)
            if ret is not None:
                raise TypingError(
                    f"kernel '{py_func.__name__}' is declared to return {ret}:"
                    f" a CUDA kernel returns nothing (use 'void(...)')",
                    py_func.__code__.co_filename,
                    py_func.__code__.co_firstlineno)
            self._dispatcher.compile_kernel(args)
        self._sealed = bool(signatures)

    def __getitem__(self, config: Any) -> "Configured":
        if not isinstance(config, tuple) or not 2 <= len(config) <= 4:
            raise ValueError("kern.cuda: must specify at least the griddim "
                             "and blockdim: kernel[blocks, threads] "
                             "(optionally [blocks, threads, stream, "
                             "dynamic shared memory bytes])")
        if config[0] is None or config[1] is None:
            raise ValueError(MISSING_CONFIG)
        grid = normalize_dims(config[0], "griddim")
        block = normalize_dims(config[1], "blockdim")
        shared = _shared_bytes(config[3]) if len(config) > 3 else 0
        _check(grid, block)
        stream = config[2] if len(config) > 2 else 0
        return Configured(self, grid, block, shared, stream)

    def __call__(self, *args: Any) -> None:
        raise ValueError(f"{MISSING_CONFIG} (kernel '{self.__name__}')")

    def forall(self, ntasks: int, tpb: int = 0, stream: Any = 0,
               sharedmem: int = 0) -> "Configured":
        """A 1-D launch covering `ntasks` threads (`tpb` per block; none
        for 0 tasks, as Numba's ForAll)."""
        if not _is_int(ntasks) or isinstance(ntasks, bool):
            raise TypeError(f"kern.cuda: forall() takes a number of tasks "
                            f"(an integer), got {ntasks!r}")
        ntasks = int(ntasks.__index__())
        if ntasks < 0:
            raise ValueError(f"Can't create ForAll with negative task count: "
                             f"{ntasks}")
        tpb = tpb or 128
        blocks = max(1, (ntasks + tpb - 1) // tpb)
        configured = self[blocks, tpb, stream, sharedmem]
        configured.empty = ntasks == 0
        return configured

    @property
    def signatures(self) -> list:
        """The argument types of the compiled specializations."""
        n = len(CONFIG_TYPES)
        return [s[:len(s) - n] for s in self._dispatcher.signatures]

    def inspect_mlir(self, sig: Any = None, stage: str = "kern",
                     chip: Optional[str] = None) -> Any:
        """The module of each specialization (kernel and launcher): the
        CPU target's stages ('kern', 'affine', 'llvm') or those of
        kern-gpu-pipeline ('gpu': the kernel in a gpu.module, 'nvvm', and
        'gpu-llvm': the host side calling the CUDA runtime), for `chip`
        (default: the GPU's, else sm_80)."""
        if stage in _GPU_STAGES:
            return self._gpu_stage(sig, _GPU_STAGES[stage], chip)
        return self._dispatcher.inspect_mlir(sig, stage)

    def inspect_ptx(self, sig: Any = None, chip: Optional[str] = None) -> Any:
        """The PTX of each specialization (a dict by argument types, or a
        string for `sig`), for `chip` (default: the GPU's, else sm_80)."""
        return self._gpu_stage(sig, "ptx", chip)

    def inspect_asm(self, sig: Any = None, chip: Optional[str] = None) -> Any:
        """The PTX, as Numba-CUDA's inspect_asm."""
        return self._gpu_stage(sig, "ptx", chip)

    def _gpu_stage(self, sig: Any, stage: str, chip: Optional[str]) -> Any:
        from .. import _compiler
        from . import driver
        from .compiler import CONFIG_TYPES as config
        chip = chip or driver.target_chip() or "sm_80"
        if sig is not None:
            sig = tuple(sig) + config if isinstance(sig, (tuple, list)) \
                else sig
        source = self._gpu if self._gpu is not None else self._dispatcher
        texts = source.inspect_mlir(sig, "kern")
        if isinstance(texts, str):
            return _compiler.gpu_stage(texts, chip, stage)
        n = len(CONFIG_TYPES)
        return {k[:len(k) - n]: _compiler.gpu_stage(v, chip, stage)
                for k, v in texts.items()}

    def launch(self, args: Tuple[Any, ...], grid: Tuple[int, int, int],
               block: Tuple[int, int, int], shared: int,
               stream: Any = 0) -> None:
        if _on_gpu():
            self._launch_gpu(args, grid, block, shared, stream)
            return
        host = [as_host_array(a) for a in args]
        self._dispatcher(*host, *grid, *block, shared)

    def _launch_gpu(self, args: Tuple[Any, ...], grid: Tuple[int, int, int],
                    block: Tuple[int, int, int], shared: int,
                    stream: Any) -> None:
        """The launch through kern-gpu-pipeline's PTX and lib/Runtime/
        Cuda.c: device arrays (and `__cuda_array_interface__` objects) in
        place, host arrays copied in and back as Numba does."""
        from . import driver, gpuarray
        if self._gpu is None:
            from .compiler import KernelDispatcher
            self._gpu = KernelDispatcher(self.py_func,
                                         gpu_chip=driver.target_chip(),
                                         **self._options)
        passed, back, copies = [], [], {}
        for a in args:
            if isinstance(a, gpuarray.GpuDeviceNDArray):
                passed.append(gpuarray.kernel_argument(a))
            elif hasattr(a, "__cuda_array_interface__") and \
                    not isinstance(a, np.ndarray):
                passed.append(gpuarray.kernel_argument(a))
            elif isinstance(a, np.ndarray) and (a.ndim > 0 or
                                                a.dtype.fields is None):
                # (a 0-d array too: its one element in device memory)
                d = copies.get(id(a))  # one device copy per host array
                if d is None:
                    d = copies[id(a)] = gpuarray.to_device(a, stream)
                    if a.flags.writeable:
                        back.append((a, d))
                passed.append(gpuarray.kernel_argument(d))
            else:
                passed.append(a)
        handle = driver.launch_stream(stream)
        try:
            if handle:
                driver.set_stream(handle)
                try:
                    self._gpu(*passed, *grid, *block, shared)
                finally:
                    driver.set_stream(0)
            else:
                self._gpu(*passed, *grid, *block, shared)
        except Exception:
            # A kernel that raised: what its other threads wrote still
            # reaches the host arrays, as on the CPU target.
            for host, d in back:
                try:
                    d.copy_to_host(host, stream)
                except Exception:  # a lost context: the first error counts
                    break
            raise
        for host, d in back:
            d.copy_to_host(host, stream)

    def __repr__(self) -> str:
        return f"<kern.cuda kernel {self.__name__}>"


class Configured:
    """`kernel[blocks, threads]`: calling it launches the kernel."""

    def __init__(self, kernel: Kernel, grid: Tuple[int, int, int],
                 block: Tuple[int, int, int], shared: int,
                 stream: Any = 0) -> None:
        self.kernel, self.griddim, self.blockdim = kernel, grid, block
        self.sharedmem, self.stream = shared, stream
        self.empty = False  # forall(0): no launch

    def __call__(self, *args: Any) -> None:
        if self.empty:
            return
        self.kernel.launch(args, self.griddim, self.blockdim, self.sharedmem,
                           self.stream)
