"""@kern.guvectorize(..., target='cuda') (kern/cuda/gufunc.py): generalized
ufuncs whose loop is a kern.cuda kernel, here on the CPU target, against
the CPU guvectorize and NumPy. test_cuda_ptx.py assembles the kernels these
tests launch with ptxas."""

import numpy as np
import pytest

import kern
from kern import cuda
import gufunc_kernels as k

dot = kern.guvectorize(k.DOT_SIGS, '(n),(n)->()', target='cuda')(k.dot)
dot_cpu = kern.guvectorize(k.DOT_SIGS, '(n),(n)->()')(k.dot)
matmul = kern.guvectorize(k.MATMUL_SIGS, '(m,n),(n,p)->(m,p)',
                          target='cuda')(k.matmul)
# float32 first: NumPy picks the first loop a float32 array and a Python
# float fit (NEP 50), which is float32's only when it comes first
shift = kern.guvectorize(k.SHIFT_SIGS[::-1], '(n),()->(n)',
                         target='cuda')(k.shift)
minmax = kern.guvectorize(k.MINMAX_SIGS, '(n)->(),()', target='cuda')(k.minmax)


def test_dot_broadcasts_loop_dims_as_the_cpu_gufunc():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4, 3, 5))
    y = rng.standard_normal((3, 5))
    r = dot(x, y)
    assert isinstance(r, np.ndarray) and r.shape == (4, 3)
    np.testing.assert_allclose(r, dot_cpu(x, y))
    np.testing.assert_allclose(r, np.einsum('...i,...i', x, y))
    # partial broadcasts (4,1) with (3,): materialized on the host
    np.testing.assert_allclose(dot(x[:, :1], y), dot_cpu(x[:, :1], y))
    # strided and reversed views
    np.testing.assert_allclose(dot(x[:, ::2, ::-2], y[::2, ::2]),
                               dot_cpu(x[:, ::2, ::-2], y[::2, ::2]))
    assert dot(np.ones(3), np.arange(3.0)) == 3.0  # no loop dims: a scalar


def test_loop_choice_is_numpys():
    xi = np.arange(12).reshape(3, 4)
    r = dot(xi, xi)
    assert r.dtype == dot_cpu(xi, xi).dtype == np.int64  # the exact loop
    np.testing.assert_array_equal(r, (xi * xi).sum(-1))
    x32 = np.arange(6, dtype=np.int32).reshape(2, 3)
    r = dot(x32, x32)  # int32 casts safely to the first loop, float64
    assert r.dtype == dot_cpu(x32, x32).dtype == np.float64
    np.testing.assert_array_equal(r, [5.0, 50.0])
    assert dot.types == ['dd->d', 'll->l']
    assert dot.signature == '(n),(n)->()' and (dot.nin, dot.nout) == (2, 1)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_scalar_argument(dtype):
    x = np.arange(10.0, dtype=dtype).reshape(2, 5)
    r = shift(x, dtype(1.5))
    assert r.dtype == dtype
    np.testing.assert_array_equal(r, x + dtype(1.5))
    per_row = np.array([1.0, 2.0], dtype)  # one scalar per loop element
    np.testing.assert_array_equal(shift(x, per_row), x + per_row[:, None])
    # a Python float is a weak scalar: the float32 loop for float32 arrays
    assert shift(x, 2.0).dtype == dtype


def test_matmul_and_the_outputs_given():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((6, 3, 4))
    b = rng.standard_normal((4, 5))
    np.testing.assert_allclose(matmul(a, b), a @ b)
    f = np.asfortranarray(a[1])
    np.testing.assert_allclose(matmul(f, b), f @ b)
    out = np.zeros((6, 3, 5))
    assert matmul(a, b, out) is out
    np.testing.assert_allclose(out, a @ b)
    out = np.zeros((6, 3, 5))
    assert matmul(a, b, out=out) is out
    np.testing.assert_allclose(out, a @ b)
    strided = np.zeros((6, 3, 10))[..., ::2]  # a non-contiguous out
    matmul(a, b, out=strided)
    np.testing.assert_allclose(strided, a @ b)


def test_several_outputs():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((300, 37))
    lo, hi = minmax(x)
    np.testing.assert_array_equal(lo, x.min(-1))
    np.testing.assert_array_equal(hi, x.max(-1))
    lo, hi = np.empty(37), np.empty(37)
    assert minmax(x.T, out=(lo, hi)) == (lo, hi)
    np.testing.assert_array_equal(lo, x.T.min(-1))
    np.testing.assert_array_equal(hi, x.T.max(-1))


def test_device_arrays_in_give_device_arrays_out():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((8, 6))
    y = rng.standard_normal(6)
    dx, dy = cuda.to_device(x), cuda.to_device(y)
    d = dot(dx, dy)
    assert cuda.is_cuda_array(d) and not isinstance(d, np.ndarray)
    assert d.shape == (8,)
    np.testing.assert_allclose(d.copy_to_host(), x @ y)
    dout = cuda.device_array(8)
    assert dot(dx, y, out=dout) is dout  # a device out, written in place
    np.testing.assert_allclose(dout.copy_to_host(), x @ y)
    hout = np.zeros(8)
    assert dot(dx, dy, hout) is hout
    np.testing.assert_allclose(hout, x @ y)
    lo, hi = minmax(dx)
    assert cuda.is_cuda_array(lo) and cuda.is_cuda_array(hi)
    np.testing.assert_array_equal(lo.copy_to_host(), x.min(-1))
    s = dot(cuda.to_device(np.ones(3)), np.ones(3))  # no loop dims
    np.testing.assert_array_equal(s.copy_to_host(), [3.0])


def test_once_passed_and_empty_inputs():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((5, 4))
    row = rng.standard_normal((1, 4))  # loop dims all 1: one copy, a[0]
    np.testing.assert_allclose(dot(x, row), dot_cpu(x, row))
    np.testing.assert_allclose(dot(row, x), x @ row[0])
    empty = dot(np.ones((0, 4)), np.ones(4))
    assert empty.shape == (0,) and empty.dtype == np.float64
    zero_core = dot(np.ones((3, 0)), np.ones((3, 0)))
    np.testing.assert_array_equal(zero_core, dot_cpu(np.ones((3, 0)),
                                                     np.ones((3, 0))))


def test_complex_core_and_odd_strides():
    @kern.guvectorize(['void(complex128[:], complex128[:])'], '(n)->(n)',
                      target='cuda')
    def conj(x, out):
        for i in range(x.shape[0]):
            out[i] = x[i].conjugate()
    raw = np.arange(24.0 * 4).view(np.uint8)
    x = np.ndarray((3, 4), np.complex128, raw, 0, (96, 24))
    np.testing.assert_array_equal(conj(x), np.conj(x))


def test_raise_in_the_core_function_propagates():
    @kern.guvectorize(['void(float64[:], float64[:])'], '(n)->()',
                      target='cuda')
    def checked(x, out):
        if x[0] < 0:
            raise ValueError("negative")
        out[0] = x[0]
    np.testing.assert_array_equal(checked(np.ones((2, 3))), [1.0, 1.0])
    with pytest.raises(ValueError, match="negative"):
        checked(-np.ones((2, 3)))


# -- errors -----------------------------------------------------------------

@pytest.mark.parametrize("args, error, message", [
    ((np.ones(3), np.ones(4)), ValueError,
     r"Input operand 1 has a mismatch in its core dimension 0, with gufunc "
     r"signature \(n\),\(n\)->\(\) \(size 4 is different from 3\)"),
    ((np.float64(1.0), np.ones(3)), ValueError,
     "Input operand 0 does not have enough dimensions"),
    ((np.ones((2, 3)), np.ones((3, 3))), ValueError,
     "could not be broadcast together"),
    ((np.ones(3, np.complex128), np.ones(3)), TypeError,
     "not supported for the input types"),
    ((np.ones(3),), TypeError, "takes 2 positional arguments"),
    ((np.ones((2, 3)), np.ones(3), np.ones(3)), ValueError,
     r"out has shape \(3,\), the result \(2,\)"),
])
def test_call_errors_are_numpys(args, error, message):
    with pytest.raises(error, match=message):
        dot(*args)
    with pytest.raises(error):
        dot_cpu(*args)


def test_out_errors():
    x = np.ones((2, 3))
    with pytest.raises(ValueError, match="both as arguments and as out="):
        dot(x, x, np.empty(2), out=np.empty(2))
    with pytest.raises(ValueError, match="out= needs 2 arrays"):
        minmax(x, out=np.empty(2))
    with pytest.raises(TypeError, match="Cannot cast ufunc 'dot' output"):
        dot(x, x, np.empty(2, np.int64))
    with pytest.raises(TypeError, match="Cannot cast ufunc 'dot' output"):
        dot_cpu(x, x, np.empty(2, np.int64))
    as_f32 = np.empty(2, np.float32)  # same kind: cast, as NumPy's
    dot(x, x, as_f32)
    np.testing.assert_array_equal(as_f32, [3.0, 3.0])
    with pytest.raises(ValueError, match="core dimension 0 unspecified"):
        kern.guvectorize(['void(float64[:], float64[:])'], '(n)->(m)',
                         target='cuda')(lambda x, y: None)(x)


def test_decoration_and_typing_errors():
    def f(x, out):
        out[0] = x[0]
    with pytest.raises(TypeError, match="layout"):
        kern.guvectorize(['void(float64[:], float64[:])'], '(n),(n)->()',
                         target='cuda')(f)
    with pytest.raises(TypeError, match="void"):
        kern.guvectorize(['float64(float64[:], float64[:])'], '(n)->()',
                         target='cuda')(f)
    with pytest.raises(kern.UnsupportedError, match="signatures"):
        kern.guvectorize('(n)->()', target='cuda')(f)

    @kern.guvectorize(['void(float64[:], float64[:])'], '(n)->()',
                      target='cuda')
    def returns(x, out):
        out[0] = x[0]
        return x[0]
    with pytest.raises(kern.TypingError, match="'returns' returns a value") \
            as e:
        returns(np.ones((2, 3)))
    assert "test_cuda_guvectorize.py" in str(e.value)
