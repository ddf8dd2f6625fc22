"""@kern.vectorize(target='cuda') (kern/cuda/ufunc.py): ufuncs whose loop
is a kern.cuda kernel, against NumPy."""

import math

import numpy as np
import pytest

import kern
from kern import cuda


# The first loop the inputs cast to safely, as NumPy picks a ufunc's loop.
@kern.vectorize(["int64(int64, int64)", "float32(float32, float32)",
                 "float64(float64, float64)"], target="cuda")
def axpb(x, y):
    return 2 * x + y


def test_signatures_pick_the_loop_and_broadcast():
    x = np.arange(12.0).reshape(3, 4)
    y = np.arange(4.0)
    r = axpb(x, y)
    assert isinstance(r, np.ndarray) and r.dtype == np.float64
    np.testing.assert_array_equal(r, 2 * x + y)
    r32 = axpb(np.ones(5, np.float32), np.float32(2))
    assert r32.dtype == np.float32
    np.testing.assert_array_equal(r32, 4)
    ri = axpb(np.arange(5), 1)
    assert ri.dtype == np.int64
    np.testing.assert_array_equal(ri, 2 * np.arange(5) + 1)
    assert axpb(3.0, 1.0) == 7.0


def test_device_arrays_give_a_device_array_and_out():
    dx = cuda.to_device(np.arange(6.0))
    d = axpb(dx, 1.0)
    assert cuda.is_cuda_array(d) and not isinstance(d, np.ndarray)
    np.testing.assert_array_equal(d.copy_to_host(), 2 * np.arange(6.0) + 1)
    out = np.empty(6)
    assert axpb(np.arange(6.0), 0.5, out=out) is out
    np.testing.assert_array_equal(out, 2 * np.arange(6.0) + 0.5)
    dout = cuda.device_array(6)
    axpb(dx, dx, out=dout)
    np.testing.assert_array_equal(dout.copy_to_host(), 3 * np.arange(6.0))
    with pytest.raises(ValueError, match="out has shape"):
        axpb(dx, 1.0, out=np.empty(3))


def test_lazy_ufunc_with_math():
    @kern.vectorize(target="cuda")
    def damped(x):
        return math.exp(-x) * math.cos(x)

    x = np.linspace(0, 3, 50)
    np.testing.assert_allclose(damped(x), np.exp(-x) * np.cos(x))


def test_errors():
    with pytest.raises(TypeError, match="no loop"):
        axpb(np.ones(3, np.complex128), 1.0)
    with pytest.raises(TypeError, match="takes 2 arguments"):
        axpb(np.ones(3))
    with pytest.raises(TypeError, match="needs a result type"):
        kern.vectorize(["(float64)"], target="cuda")(lambda x: x)
