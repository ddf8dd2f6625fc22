"""The names a kernel uses inside its body: `cuda.grid`, `cuda.threadIdx.x`,
`cuda.shared.array`, `cuda.syncthreads`, `cuda.atomic.add`, ... Each
object carries the tag that kern/frontend/gpu.py compiles (`_kern_gpu` for
a call, `_kern_gpu_value` for a value); called from plain Python they
raise, as they mean nothing outside a kernel:

    >>> from kern import cuda
    >>> cuda.threadIdx.x
    <cuda.threadIdx.x: only inside a kernel>
    >>> cuda.grid(1)
    Traceback (most recent call last):
    ...
    kern.errors.UnsupportedError: cuda.grid() is only usable inside a kernel (@cuda.jit)
    >>> cuda.warpsize
    32
"""

from __future__ import annotations

from typing import Any

from ..errors import UnsupportedError

__all__ = ["grid", "gridsize", "syncthreads", "threadfence",
           "threadfence_block", "threadfence_system", "threadIdx",
           "blockIdx", "blockDim", "gridDim", "laneid", "warpsize", "shared",
           "local", "const", "atomic", "syncthreads_count",
           "syncthreads_and", "syncthreads_or", "shfl_sync", "shfl_up_sync",
           "shfl_down_sync", "shfl_xor_sync", "all_sync", "any_sync",
           "ballot_sync", "match_any_sync", "match_all_sync", "activemask",
           "lanemask_lt", "syncwarp", "popc", "clz", "ffs", "brev", "fma",
           "cbrt"]

warpsize = 32


class _Intrinsic:
    """A function of kernels (compiled by kern/frontend/gpu.py)."""

    def __init__(self, name: str) -> None:
        self._kern_gpu = name
        self.__name__ = name.rsplit(".", 1)[-1]

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise UnsupportedError(f"cuda.{self._kern_gpu}() is only usable "
                               f"inside a kernel (@cuda.jit)")

    def __repr__(self) -> str:
        return f"<cuda.{self._kern_gpu}>"


class _Value:
    """A per-thread value of kernels (threadIdx.x, laneid)."""

    def __init__(self, name: str, kind: str, dim: int = 0) -> None:
        self._kern_gpu_value = (kind, dim)
        self._name = name

    def __repr__(self) -> str:
        return f"<cuda.{self._name}: only inside a kernel>"


class _Dim3:
    """threadIdx, blockIdx, blockDim, gridDim: .x, .y, .z"""

    def __init__(self, name: str, kind: str) -> None:
        self.x = _Value(f"{name}.x", kind, 0)
        self.y = _Value(f"{name}.y", kind, 1)
        self.z = _Value(f"{name}.z", kind, 2)


class _Namespace:
    def __init__(self, prefix: str, names: Any) -> None:
        for n in names:
            setattr(self, n, _Intrinsic(f"{prefix}.{n}"))


grid = _Intrinsic("grid")
gridsize = _Intrinsic("gridsize")
syncthreads = _Intrinsic("syncthreads")
threadfence = _Intrinsic("threadfence")
threadfence_block = _Intrinsic("threadfence_block")
threadfence_system = _Intrinsic("threadfence_system")
syncthreads_count = _Intrinsic("syncthreads_count")
syncthreads_and = _Intrinsic("syncthreads_and")
syncthreads_or = _Intrinsic("syncthreads_or")
shfl_sync = _Intrinsic("shfl_sync")
shfl_up_sync = _Intrinsic("shfl_up_sync")
shfl_down_sync = _Intrinsic("shfl_down_sync")
shfl_xor_sync = _Intrinsic("shfl_xor_sync")
all_sync = _Intrinsic("all_sync")
any_sync = _Intrinsic("any_sync")
ballot_sync = _Intrinsic("ballot_sync")
match_any_sync = _Intrinsic("match_any_sync")
match_all_sync = _Intrinsic("match_all_sync")
activemask = _Intrinsic("activemask")
lanemask_lt = _Intrinsic("lanemask_lt")
syncwarp = _Intrinsic("syncwarp")
popc = _Intrinsic("popc")
clz = _Intrinsic("clz")
ffs = _Intrinsic("ffs")
brev = _Intrinsic("brev")
fma = _Intrinsic("fma")
cbrt = _Intrinsic("cbrt")
threadIdx = _Dim3("threadIdx", "thread_id")
blockIdx = _Dim3("blockIdx", "block_id")
blockDim = _Dim3("blockDim", "block_dim")
gridDim = _Dim3("gridDim", "grid_dim")
laneid = _Value("laneid", "laneid")
shared = _Namespace("shared", ["array"])
local = _Namespace("local", ["array"])
const = _Namespace("const", ["array_like"])
atomic = _Namespace("atomic", ["add", "sub", "max", "min", "nanmax",
                               "nanmin", "exch", "cas", "and_", "or_",
                               "xor", "inc", "dec"])
# Numba's names are `and_`/`or_` (keywords); the frontend's are `and`/`or`.
atomic.and_._kern_gpu = "atomic.and"
atomic.or_._kern_gpu = "atomic.or"
