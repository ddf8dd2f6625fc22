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


def normalize_dims(dims: Any, what: str) -> Tuple[int, int, int]:
    """(x, y, z) of an int or a 1- to 3-tuple; ValueError naming CUDA's
    limit otherwise."""
    items = tuple(dims) if isinstance(dims, (tuple, list)) else (dims,)
    if not 1 <= len(items) <= 3:
        raise ValueError(f"kern.cuda: the {what} has 1 to 3 dimensions, "
                         f"got {dims!r}")
    out = []
    for d in items:
        if isinstance(d, bool) or not hasattr(d, "__index__"):
            raise TypeError(f"kern.cuda: the {what}'s dimensions are "
                            f"integers, got {dims!r}")
        d = int(d.__index__())
        if d < 1:
            raise ValueError(f"kern.cuda: the {what} dimension is {d}, it "
                             f"must be at least 1")
        out.append(d)
    out += [1] * (3 - len(out))
    return out[0], out[1], out[2]


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
            raise ValueError("kern.cuda: launch with kernel[blocks, threads] "
                             "(optionally [blocks, threads, stream, "
                             "dynamic shared memory bytes])")
        grid = normalize_dims(config[0], "grid")
        block = normalize_dims(config[1], "block")
        shared = int(config[3]) if len(config) > 3 else 0
        if shared < 0:
            raise ValueError(f"kern.cuda: {shared} bytes of dynamic shared "
                             f"memory")
        _check(grid, block)
        stream = config[2] if len(config) > 2 else 0
        return Configured(self, grid, block, shared, stream)

    def __call__(self, *args: Any) -> None:
        raise ValueError(f"kern.cuda: kernel '{self.__name__}' needs a launch "
                         f"configuration: {self.__name__}[blocks, threads](...)")

    def forall(self, ntasks: int, tpb: int = 0, stream: Any = 0,
               sharedmem: int = 0) -> "Configured":
        """A 1-D launch covering `ntasks` threads (`tpb` per block)."""
        tpb = tpb or 128
        blocks = max(1, (int(ntasks) + tpb - 1) // tpb)
        return self[blocks, tpb, stream, sharedmem]

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
            elif isinstance(a, np.ndarray) and a.ndim > 0:
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

    def __call__(self, *args: Any) -> None:
        self.kernel.launch(args, self.griddim, self.blockdim, self.sharedmem,
                           self.stream)
