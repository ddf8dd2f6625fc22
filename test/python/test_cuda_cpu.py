"""kern.cuda on the CPU target: Numba-CUDA programs (`from kern import
cuda`) compiled by kern and run on CPU threads and fibers, compared with
NumPy. (docs/cuda.md; convert-kern-gpu-to-host, lib/Runtime/CudaHost.c.)
"""

import math
import os
import subprocess
import sys

import numpy as np
import pytest

import kern
from kern import cuda

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTEND = os.path.join(os.path.dirname(os.path.dirname(HERE)), "python-frontend")


# -- indexing ---------------------------------------------------------------

@cuda.jit
def vector_add(x, y, out):
    i = cuda.grid(1)
    if i < out.size:
        out[i] = x[i] + y[i]


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int32,
                                   np.int64, np.complex128])
def test_vector_add(dtype):
    n = 1000
    x = (np.arange(n) * 3 % 17).astype(dtype)
    y = (np.arange(n) % 5).astype(dtype)
    out = np.zeros(n, dtype)
    vector_add[(n + 127) // 128, 128](x, y, out)
    np.testing.assert_array_equal(out, x + y)


@cuda.jit
def grid_stride(x, out):
    start = cuda.grid(1)
    stride = cuda.gridsize(1)
    for i in range(start, x.shape[0], stride):
        out[i] = 2 * x[i] + 1


def test_grid_stride_loop_covers_every_element():
    x = np.random.default_rng(0).random(10_001)
    out = np.zeros_like(x)
    grid_stride[7, 32](x, out)
    np.testing.assert_allclose(out, 2 * x + 1)


@cuda.jit
def index_2d(a):
    x, y = cuda.grid(2)
    if x < a.shape[0] and y < a.shape[1]:
        a[x, y] = x * 1000 + y


def test_2d_grid_and_non_contiguous_array():
    a = np.zeros((37, 53))
    index_2d[(5, 4), (8, 16)](a)
    np.testing.assert_array_equal(a, np.fromfunction(
        lambda x, y: x * 1000 + y, a.shape))
    b = np.zeros((53, 37)).T  # F order
    index_2d[(5, 4), (8, 16)](b)
    np.testing.assert_array_equal(b, a)


@cuda.jit
def registers(out):
    i = cuda.grid(1)
    out[i, 0] = cuda.threadIdx.x
    out[i, 1] = cuda.blockIdx.x
    out[i, 2] = cuda.blockDim.x
    out[i, 3] = cuda.gridDim.x
    out[i, 4] = cuda.laneid
    out[i, 5] = cuda.warpsize


def test_index_registers():
    out = np.zeros((3 * 40, 6), np.int64)
    registers[3, 40](out)
    i = np.arange(3 * 40)
    expect = np.stack([i % 40, i // 40, np.full_like(i, 40), np.full_like(i, 3),
                       (i % 40) % 32, np.full_like(i, 32)], axis=1)
    np.testing.assert_array_equal(out, expect)


@cuda.jit
def index_3d(a):
    x, y, z = cuda.grid(3)
    nx, ny, nz = cuda.gridsize(3)
    if x < a.shape[0] and y < a.shape[1] and z < a.shape[2]:
        a[x, y, z] = x * 100 + y * 10 + z + 0 * (nx + ny + nz)
    if x == 0 and y == 0 and z == 0:
        a[0, 0, 0] = nx * ny * nz + cuda.threadIdx.z + cuda.blockIdx.y


def test_3d_grid():
    a = np.zeros((5, 6, 7))
    index_3d[(2, 3, 4), (4, 2, 2)](a)
    expect = np.fromfunction(lambda x, y, z: x * 100 + y * 10 + z, a.shape)
    expect[0, 0, 0] = 8 * 6 * 8
    np.testing.assert_array_equal(a, expect)


# -- shared memory and barriers --------------------------------------------

TPB = 128


@cuda.jit
def block_sum(a, partial):
    s = cuda.shared.array(TPB, np.float64)
    t = cuda.threadIdx.x
    i = cuda.grid(1)
    s[t] = a[i] if i < a.size else 0.0
    cuda.syncthreads()
    step = TPB // 2
    while step > 0:
        if t < step:
            s[t] += s[t + step]
        cuda.syncthreads()
        step //= 2
    if t == 0:
        partial[cuda.blockIdx.x] = s[0]


def test_shared_memory_block_reduction():
    a = np.random.default_rng(1).random(10_000)
    blocks = (a.size + TPB - 1) // TPB
    partial = np.zeros(blocks)
    block_sum[blocks, TPB](a, partial)
    padded = np.zeros(blocks * TPB)
    padded[:a.size] = a
    np.testing.assert_allclose(partial, padded.reshape(blocks, TPB).sum(1))
    np.testing.assert_allclose(partial.sum(), a.sum())


TILE = 16


@cuda.jit
def tiled_matmul(A, B, C):
    sA = cuda.shared.array((TILE, TILE), np.float32)
    sB = cuda.shared.array((TILE, TILE), np.float32)
    x, y = cuda.grid(2)
    tx = cuda.threadIdx.x
    ty = cuda.threadIdx.y
    acc = np.float32(0.0)
    for k in range((A.shape[1] + TILE - 1) // TILE):
        sA[ty, tx] = 0
        sB[ty, tx] = 0
        if y < A.shape[0] and tx + k * TILE < A.shape[1]:
            sA[ty, tx] = A[y, tx + k * TILE]
        if x < B.shape[1] and ty + k * TILE < B.shape[0]:
            sB[ty, tx] = B[ty + k * TILE, x]
        cuda.syncthreads()
        for j in range(TILE):
            acc += sA[ty, j] * sB[j, tx]
        cuda.syncthreads()
    if y < C.shape[0] and x < C.shape[1]:
        C[y, x] = acc


def test_tiled_matmul_with_shared_memory():
    rng = np.random.default_rng(2)
    A = rng.random((45, 70), dtype=np.float32)
    B = rng.random((70, 33), dtype=np.float32)
    C = np.zeros((45, 33), np.float32)
    grid = ((33 + TILE - 1) // TILE, (45 + TILE - 1) // TILE)
    tiled_matmul[grid, (TILE, TILE)](A, B, C)
    np.testing.assert_allclose(C, A @ B, rtol=1e-5)


@cuda.jit
def reverse_dynamic(a, out):
    s = cuda.shared.array(0, np.int32)
    t = cuda.threadIdx.x
    s[t] = a[cuda.grid(1)]
    cuda.syncthreads()
    out[cuda.grid(1)] = s[cuda.blockDim.x - 1 - t]


def test_dynamic_shared_memory_sized_by_the_launch():
    a = np.arange(96, dtype=np.int32)
    out = np.zeros_like(a)
    reverse_dynamic[3, 32, 0, 32 * 4](a, out)
    np.testing.assert_array_equal(out, a.reshape(3, 32)[:, ::-1].ravel())


@cuda.jit
def shared_is_per_block(out):
    s = cuda.shared.array(1, np.int64)
    if cuda.threadIdx.x == 0:
        s[0] = 0
    cuda.syncthreads()
    cuda.atomic.add(s, 0, 1)
    cuda.syncthreads()
    if cuda.threadIdx.x == 0:
        out[cuda.blockIdx.x] = s[0]


def test_shared_memory_is_per_block():
    out = np.zeros(20, np.int64)
    shared_is_per_block[20, 64](out)
    np.testing.assert_array_equal(out, 64)


@cuda.jit
def local_and_const(a, out):
    tmp = cuda.local.array(4, np.float64)
    table = cuda.const.array_like(a)
    i = cuda.grid(1)
    for k in range(4):
        tmp[k] = table[i] * k
    out[i] = tmp[0] + tmp[1] + tmp[2] + tmp[3]


def test_local_and_const_arrays():
    a = np.arange(16.0)
    out = np.zeros(16)
    local_and_const[2, 8](a, out)
    np.testing.assert_array_equal(out, 6 * a)


# -- atomics ----------------------------------------------------------------

@cuda.jit
def histogram(x, bins):
    i = cuda.grid(1)
    if i < x.size:
        cuda.atomic.add(bins, x[i], 1)


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.uint32,
                                   np.float32, np.float64])
def test_atomic_histogram(dtype):
    x = np.random.default_rng(3).integers(0, 16, 5000)
    bins = np.zeros(16, dtype)
    histogram[40, 128](x, bins)
    np.testing.assert_array_equal(bins, np.bincount(x, minlength=16))


@cuda.jit
def atomic_ops(a, old):
    i = cuda.grid(1)
    old[i, 0] = cuda.atomic.max(a, 0, i)
    old[i, 1] = cuda.atomic.min(a, 1, -i)
    cuda.atomic.sub(a, 2, 2)
    cuda.atomic.and_(a, 3, ~(1 << i))
    cuda.atomic.or_(a, 4, 1 << i)
    cuda.atomic.xor(a, 5, 1 << (i % 3))
    if i == 7:
        old[i, 2] = cuda.atomic.exch(a, 6, 42)
    old[i, 3] = cuda.atomic.cas(a, 7, i - 1, i)  # only the chain 0, 1, ... wins


def test_atomic_operations_return_the_old_value():
    n = 16
    a = np.array([0, 0, 100, -1, 0, 0, 5, -1], np.int64)
    old = np.zeros((n, 4), np.int64)
    atomic_ops[1, n](a, old)  # threads of one block run in order
    assert a[0] == n - 1 and a[1] == -(n - 1)
    assert a[2] == 100 - 2 * n
    assert a[3] == -1 & ~((1 << n) - 1)
    assert a[4] == (1 << n) - 1
    expect_xor = 0
    for i in range(n):
        expect_xor ^= 1 << (i % 3)
    assert a[5] == expect_xor
    assert a[6] == 42 and old[7, 2] == 5
    np.testing.assert_array_equal(old[:, 0], np.maximum.accumulate(
        np.concatenate([[0], np.arange(n - 1)])))
    assert a[7] == -1 or a[7] >= 0


@cuda.jit
def inc_dec(u):
    cuda.atomic.inc(u, 0, 3)
    cuda.atomic.dec(u, 1, 3)


def test_atomic_inc_dec_wrap_as_cuda():
    u = np.zeros(2, np.uint32)
    inc_dec[1, 5](u)
    # inc: 0 1 2 3 0 1; dec from 0: 3 2 1 0 3
    np.testing.assert_array_equal(u, [1, 3])


@cuda.jit
def float_atomics(a):
    i = cuda.grid(1)
    cuda.atomic.add(a, 0, 0.5)
    cuda.atomic.sub(a, 1, 0.25)
    cuda.atomic.max(a, 2, i * 1.5)
    cuda.atomic.min(a, 3, -i * 1.5)


def test_float_atomics_across_blocks():
    a = np.zeros(4)
    float_atomics[8, 64](a)
    np.testing.assert_array_equal(a, [256.0, -128.0, 511 * 1.5, -511 * 1.5])


# -- device functions, complex numbers --------------------------------------

@cuda.jit(device=True)
def clamp(x, lo, hi):
    return min(max(x, lo), hi)


@cuda.jit(device=True)
def thread_scale():
    return cuda.threadIdx.x + 1


@cuda.jit
def use_device_functions(a, out):
    i = cuda.grid(1)
    if i < a.size:
        out[i] = clamp(a[i], 0.25, 0.75) * thread_scale()


def test_device_functions():
    a = np.linspace(0, 1, 64)
    out = np.zeros_like(a)
    use_device_functions[4, 16](a, out)
    np.testing.assert_allclose(out, np.clip(a, 0.25, 0.75) *
                               (np.arange(64) % 16 + 1))


@cuda.jit(device=True)
def escape_time(c, max_iter):
    z = 0j
    for k in range(max_iter):
        z = z * z + c
        if z.real * z.real + z.imag * z.imag > 4.0:
            return k
    return max_iter


@cuda.jit
def mandelbrot(img, x0, y0, dx, dy, max_iter):
    x, y = cuda.grid(2)
    if y < img.shape[0] and x < img.shape[1]:
        img[y, x] = escape_time(complex(x0 + x * dx, y0 + y * dy), max_iter)


def test_complex_mandelbrot_kernel():
    h, w, it = 60, 90, 80
    img = np.zeros((h, w), np.int32)
    mandelbrot[((w + 15) // 16, (h + 15) // 16), (16, 16)](
        img, -2.0, -1.2, 3.0 / w, 2.4 / h, it)
    c = (-2.0 + np.arange(w) * (3.0 / w))[None, :] + \
        1j * (-1.2 + np.arange(h) * (2.4 / h))[:, None]
    z = np.zeros_like(c)
    expect = np.full(c.shape, it, np.int32)
    alive = np.ones(c.shape, bool)
    for k in range(it):
        z[alive] = z[alive] * z[alive] + c[alive]
        out = alive & (z.real * z.real + z.imag * z.imag > 4.0)
        expect[out] = k
        alive &= ~out
    np.testing.assert_array_equal(img, expect)


@cuda.jit
def math_kernel(x, out):
    i = cuda.grid(1)
    if i < x.size:
        out[i] = math.sqrt(x[i]) + math.sin(x[i]) + np.exp(-x[i])


def test_math_in_kernels():
    x = np.linspace(0, 3, 100, dtype=np.float32)
    out = np.zeros_like(x)
    math_kernel[1, 128](x, out)
    np.testing.assert_allclose(out, np.sqrt(x) + np.sin(x) + np.exp(-x),
                               rtol=1e-6)


# -- device arrays ----------------------------------------------------------

def test_device_array_round_trips():
    a = np.arange(12.0).reshape(3, 4)
    d = cuda.to_device(a)
    assert d.shape == (3, 4) and d.dtype == a.dtype and d.size == 12
    assert d.ndim == 2
    iface = d.__cuda_array_interface__
    assert iface["shape"] == (3, 4) and iface["typestr"] == "<f8"
    assert iface["version"] == 3 and iface["strides"] is None
    out = cuda.device_array_like(a)
    grid_stride[2, 4](d.reshape(12), out.reshape(12))
    np.testing.assert_array_equal(out.copy_to_host(), 2 * a + 1)
    np.testing.assert_array_equal(a, np.arange(12.0).reshape(3, 4))  # a copy
    host = np.empty((3, 4))
    assert out.copy_to_host(host) is host
    np.testing.assert_array_equal(host, 2 * a + 1)
    np.testing.assert_array_equal(d[1].copy_to_host(), a[1])
    np.testing.assert_array_equal(d[:, 1:3].copy_to_host(), a[:, 1:3])
    d.copy_to_device(np.ones((3, 4)))
    np.testing.assert_array_equal(d.copy_to_host(), 1.0)
    with pytest.raises(ValueError, match="shape"):
        d.copy_to_device(np.ones(5))


def test_device_array_constructors_and_streams():
    s = cuda.stream()
    d = cuda.device_array((5,), np.int32, stream=s)
    p = cuda.pinned_array((5,), np.int32)
    m = cuda.mapped_array((5,), np.int32)
    p[:] = 1
    m[:] = 2
    d.copy_to_device(p, stream=s)
    vector_add[1, 8, s](d, m, m)
    s.synchronize()
    cuda.synchronize()
    np.testing.assert_array_equal(m, 3)
    start, end = cuda.event(), cuda.event()
    start.record()
    end.record()
    assert end.elapsed_time(start) <= 0.0 <= start.elapsed_time(end)


def test_explicit_signatures_and_forall():
    @cuda.jit(["void(float32[:], float32)", "void(float64[:], float64)"])
    def scale(a, k):
        i = cuda.grid(1)
        if i < a.size:
            a[i] *= k

    assert len(scale.signatures) == 2
    x = np.ones(300, np.float32)
    scale.forall(x.size)(x, 3)
    np.testing.assert_array_equal(x, 3)
    y = np.ones(7)
    scale[1, 8](y, 0.5)
    np.testing.assert_array_equal(y, 0.5)


def test_is_available_and_detect(capsys):
    assert isinstance(cuda.is_available(), bool)
    cuda.detect()
    out = capsys.readouterr().out
    assert "CPU target" in out or "kernels run on the GPU" in out


# -- errors -----------------------------------------------------------------

def test_kernel_returning_a_value_is_a_located_typing_error():
    @cuda.jit
    def returns(a):
        return a[0]

    with pytest.raises(kern.TypingError, match="returns nothing") as e:
        returns[1, 1](np.zeros(2))
    assert "test_cuda_cpu.py" in str(e.value)
    with pytest.raises(kern.TypingError, match="void"):
        cuda.jit("float64(float64[:])")(lambda a: None)


@pytest.mark.parametrize("config, limit", [
    ((1, 1025), "1024"), ((1, (32, 33)), "1024"), ((1, (1, 1, 65)), "64"),
    ((0, 32), "at least 1"), ((1, (4, 0)), "at least 1"),
    (((1, 65536), 1), "65535")])
def test_bad_launch_configurations_name_the_limit(config, limit):
    with pytest.raises(ValueError, match=limit):
        vector_add[config](np.zeros(1), np.zeros(1), np.zeros(1))


def test_launch_without_configuration():
    with pytest.raises(ValueError, match="configuration"):
        vector_add(np.zeros(1), np.zeros(1), np.zeros(1))


def test_intrinsics_outside_kernels():
    with pytest.raises(kern.UnsupportedError, match="inside a kernel"):
        cuda.syncthreads()

    @kern.njit
    def host(a):
        return cuda.grid(1)

    with pytest.raises(Exception, match="outside a kernel"):
        host(np.zeros(1))


@cuda.jit(debug=True)
def out_of_bounds(a):
    a[cuda.grid(1)] = 1.0


def test_out_of_bounds_with_debug_raises_after_the_launch():
    a = np.zeros(10)
    with pytest.raises(IndexError, match="out of bounds"):
        out_of_bounds[2, 8](a)
    np.testing.assert_array_equal(a[:8], 1.0)  # block 0 ran
    b = np.zeros(16)
    out_of_bounds[2, 8](b)  # still usable
    np.testing.assert_array_equal(b, 1.0)


@cuda.jit
def raising(a):
    s = cuda.shared.array(32, np.float64)
    t = cuda.threadIdx.x
    s[t] = t
    cuda.syncthreads()
    if t == 5 and cuda.blockIdx.x == 1:
        raise ValueError("thread 5 of block 1")
    a[cuda.grid(1)] = s[31 - t]


def test_raise_in_a_kernel_with_barriers():
    a = np.zeros(64)
    with pytest.raises(ValueError, match="thread 5 of block 1"):
        raising[2, 32](a)
    b = np.zeros(32)
    raising[1, 32](b)
    np.testing.assert_array_equal(b, 31 - np.arange(32))


def test_import_kern_does_not_import_kern_cuda():
    code = ("import sys, kern; assert 'kern.cuda' not in sys.modules; "
            "from kern import cuda; assert kern.cuda is cuda; print('ok')")
    env = dict(os.environ, PYTHONPATH=FRONTEND)
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout
    assert out.strip() == "ok"
