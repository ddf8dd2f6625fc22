"""The kernels of bench/bench_cuda.py: one Numba-CUDA program, with `cuda`
from kern (BENCH_CUDA_BACKEND=kern) or from numba (its simulator when
NUMBA_ENABLE_CUDASIM=1)."""

import os

if os.environ.get("BENCH_CUDA_BACKEND") == "kern":
    from kern import cuda
else:
    from numba import cuda

import numpy as np  # noqa: E402

@cuda.jit
def vector_add(x, y, out):
    i = cuda.grid(1)
    if i < out.size:
        out[i] = x[i] + y[i]

@cuda.jit
def grid_stride(x, out):
    for i in range(cuda.grid(1), x.shape[0], cuda.gridsize(1)):
        out[i] = 2.0 * x[i] + 1.0

TPB = 128

@cuda.jit
def block_sum(a, partial):
    s = cuda.shared.array(128, np.float64)
    t = cuda.threadIdx.x
    i = cuda.grid(1)
    s[t] = a[i] if i < a.size else 0.0
    cuda.syncthreads()
    step = 64
    while step > 0:
        if t < step:
            s[t] += s[t + step]
        cuda.syncthreads()
        step //= 2
    if t == 0:
        partial[cuda.blockIdx.x] = s[0]

TILE = 16

@cuda.jit
def matmul(A, B, C):
    sA = cuda.shared.array((16, 16), np.float32)
    sB = cuda.shared.array((16, 16), np.float32)
    x, y = cuda.grid(2)
    tx = cuda.threadIdx.x
    ty = cuda.threadIdx.y
    acc = np.float32(0.0)
    for k in range((A.shape[1] + 15) // 16):
        sA[ty, tx] = 0
        sB[ty, tx] = 0
        if y < A.shape[0] and tx + k * 16 < A.shape[1]:
            sA[ty, tx] = A[y, tx + k * 16]
        if x < B.shape[1] and ty + k * 16 < B.shape[0]:
            sB[ty, tx] = B[ty + k * 16, x]
        cuda.syncthreads()
        for j in range(16):
            acc += sA[ty, j] * sB[j, tx]
        cuda.syncthreads()
    if y < C.shape[0] and x < C.shape[1]:
        C[y, x] = acc

@cuda.jit
def histogram(x, bins):
    i = cuda.grid(1)
    if i < x.size:
        cuda.atomic.add(bins, x[i], 1)

@cuda.jit(device=True)
def escape_time(c, max_iter):
    z = 0j
    for k in range(max_iter):
        z = z * z + c
        if z.real * z.real + z.imag * z.imag > 4.0:
            return k
    return max_iter

@cuda.jit
def mandelbrot(img, max_iter):
    x, y = cuda.grid(2)
    if y < img.shape[0] and x < img.shape[1]:
        c = complex(-2.0 + 3.0 * x / img.shape[1], -1.2 + 2.4 * y / img.shape[0])
        img[y, x] = escape_time(c, max_iter)

FULL = 0xffffffff

@cuda.jit
def warp_sum(a, partial):
    """Each warp's sum by shfl_down_sync, added atomically."""
    i = cuda.grid(1)
    v = a[i] if i < a.size else 0.0
    off = 16
    while off > 0:
        v += cuda.shfl_down_sync(FULL, v, off)
        off //= 2
    if cuda.laneid == 0:
        cuda.atomic.add(partial, 0, v)

@cuda.jit
def compact(x, out, count):
    """The values above 0.5, by ballot_sync, popc and lanemask_lt."""
    i = cuda.grid(1)
    v = x[i] if i < x.size else 0.0
    keep = v > 0.5
    ballot = cuda.ballot_sync(FULL, keep)
    base = 0
    if cuda.laneid == 0:
        base = cuda.atomic.add(count, 0, cuda.popc(ballot))
    base = cuda.shfl_sync(FULL, base, 0)
    if keep:
        out[base + cuda.popc(ballot & cuda.lanemask_lt())] = v

@cuda.jit
def count_above(x, counts):
    """The values above 0.5 of each block, by syncthreads_count."""
    i = cuda.grid(1)
    n = cuda.syncthreads_count(i < x.size and x[i] > 0.5)
    if cuda.threadIdx.x == 0:
        counts[cuda.blockIdx.x] = n
