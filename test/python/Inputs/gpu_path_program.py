"""Run by test_cuda_gpu_path.py with the fake libcuda (Inputs/
fake_libcuda.c): kern.cuda's GPU path from Python to cuLaunchKernel."""
import json
import os
import struct
import sys

import numpy as np

from kern import cuda
from kern.cuda import driver

assert cuda.is_available() and driver.use_gpu()
assert driver.target_chip() == "sm_80", driver.target_chip()
assert driver.device_info(0) == ("Fake GPU", (8, 0))
dev = cuda.get_current_device()
assert (dev.id, dev.name, dev.compute_capability) == (0, b"Fake GPU", (8, 0))
assert cuda.select_device(0).name == b"Fake GPU"
try:
    cuda.select_device(3)
    raise AssertionError("select_device(3) passed")
except cuda.CudaSupportError as e:
    assert "device 3 does not exist" in str(e), e


@cuda.jit
def axpy(a, x, y, out):
    i = cuda.grid(1)
    if i < out.size:
        out[i] = a * x[i] + y[i]


@cuda.jit
def scale2d(m, n, f):
    i, j = cuda.grid(2)
    if i < m.shape[0] and j < m.shape[1]:
        m[i, j] *= f + n


x = np.arange(6.0)
dx = cuda.to_device(x)
assert type(dx).__name__ == "GpuDeviceNDArray", type(dx)
np.testing.assert_array_equal(dx.copy_to_host(), x)
np.testing.assert_array_equal(dx[1:6:2].copy_to_host(), x[1:6:2])
assert dx[4] == 4.0 and dx[-1] == 5.0
np.testing.assert_array_equal(cuda.to_device(dx[::2]).copy_to_host(), x[::2])
dy = cuda.device_array_like(dx)
dy.copy_to_device(np.ones(6))
dy[::2] = np.array([7.0, 8.0, 9.0])
dy[1] = -1.0
np.testing.assert_array_equal(dy.copy_to_host(), [7, -1, 8, 1, 9, 1])
m = np.arange(12.0).reshape(3, 4)
dm = cuda.to_device(m)
np.testing.assert_array_equal(dm.T.copy_to_host(), m.T)
np.testing.assert_array_equal(dm[1:, ::2].copy_to_host(), m[1:, ::2])
np.testing.assert_array_equal(dm.reshape(4, 3).copy_to_host(), m.reshape(4, 3))
assert dm.__cuda_array_interface__["shape"] == (3, 4)

out = np.full(6, 3.0)  # a host array: copied in and back
axpy[2, 4](2.0, dx, dy, out)
np.testing.assert_array_equal(out, 3.0)  # the fake runs nothing
s = cuda.stream()
assert s.handle
scale2d[(1, 2), (4, 4), s](dm, 5, 0.5)
cuda.synchronize()


@cuda.jit
def checked(a, n):
    i = cuda.grid(1)
    if a[i] < 0:
        raise ValueError("negative")
    if n > 3:
        raise IndexError("n is %d", n)


# A raise in the kernel: its number in the error word (the fake stores it),
# reported after the launch with the kernel's class and message.
os.environ["FAKE_CUDA_RAISE"] = "1"
try:
    checked[1, 4](dx, 1)
    raise AssertionError("no exception")
except ValueError as e:
    assert str(e) == "negative", repr(e)
os.environ["FAKE_CUDA_RAISE"] = "2"
try:
    checked[1, 4](dx, 1)
    raise AssertionError("no exception")
except IndexError as e:
    # the values of a GPU raise stay on the GPU: "?" for each
    assert str(e) == "('n is %d', ?)", repr(e)
del os.environ["FAKE_CUDA_RAISE"]
checked[1, 4](dx, 1)  # the word was cleared: no error
# a vectorize(target='cuda') ufunc over device arrays: a device result
import kern  # noqa: E402


@kern.vectorize(["float64(float64, float64)"], target="cuda")
def add(a, b):
    return a + b


r = add(dx, dy)
assert type(r).__name__ == "GpuDeviceNDArray" and r.shape == (6,)


# a guvectorize(target='cuda') gufunc: dm, a contiguous device array of
# the loop's dtype, is passed in place; dx[:4], one row for every thread,
# once (copied); the result is a device array
@kern.guvectorize(["void(float64[:], float64[:], float64[:])"], "(n),(n)->()",
                  target="cuda")
def dot(a, b, out):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * b[i]
    out[0] = s


g = dot(dm, dx[:4])
assert type(g).__name__ == "GpuDeviceNDArray" and g.shape == (3,), g
start, end = cuda.event(), cuda.event()
start.record()
end.record()
end.synchronize()
assert start.elapsed_time(end) == 1.5  # the fake's device time
print(json.dumps({
    "x": dx.__cuda_array_interface__["data"][0],
    "y": dy.__cuda_array_interface__["data"][0],
    "m": dm.__cuda_array_interface__["data"][0],
    "a": struct.unpack("<Q", struct.pack("<d", 2.0))[0],
    "f": struct.unpack("<Q", struct.pack("<d", 0.5))[0],
    "ptx": axpy.inspect_ptx().popitem()[1].count(".entry"),
}))
sys.stdout.flush()
