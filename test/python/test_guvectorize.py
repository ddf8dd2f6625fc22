"""@kern.guvectorize: real generalized NumPy ufuncs whose core functions are
kern code, checked against NumPy."""

import numpy as np
import pytest

import kern
import gufunc_kernels as k


dot = kern.guvectorize(k.DOT_SIGS, '(n),(n)->()')(k.dot)
matmul = kern.guvectorize(k.MATMUL_SIGS, '(m,n),(n,p)->(m,p)')(k.matmul)
shift = kern.guvectorize(k.SHIFT_SIGS, '(n),()->(n)')(k.shift)
minmax = kern.guvectorize(k.MINMAX_SIGS, '(n)->(),()',
                          target='parallel')(k.minmax)


def test_is_a_generalized_ufunc():
    assert isinstance(dot, np.ufunc) and dot.signature == '(n),(n)->()'
    assert dot.types == ['dd->d', 'll->l']
    assert (dot.nin, dot.nout) == (2, 1) and dot.__name__ == 'dot'
    assert matmul.signature == '(m,n),(n,p)->(m,p)'


def test_dot_broadcasts_loop_dims():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4, 3, 5))
    y = rng.standard_normal((3, 5))
    np.testing.assert_allclose(dot(x, y), np.einsum('...i,...i', x, y))
    xi = np.arange(12).reshape(3, 4)
    r = dot(xi, xi)
    assert r.dtype == np.int64
    np.testing.assert_array_equal(r, (xi * xi).sum(-1))
    # strided and reversed views
    np.testing.assert_allclose(dot(x[:, ::2, ::-2], y[::2, ::2]),
                               np.einsum('...i,...i', x[:, ::2, ::-2],
                                         y[::2, ::2]))


def test_matmul_matches_numpy():
    rng = np.random.default_rng(1)
    a = rng.standard_normal((6, 3, 4))
    b = rng.standard_normal((4, 5))
    np.testing.assert_allclose(matmul(a, b), a @ b)
    f = np.asfortranarray(a[1])
    np.testing.assert_allclose(matmul(f, b.T[:, :4].T), f @ b)
    out = np.zeros((6, 3, 5))
    assert matmul(a, b, out) is out
    np.testing.assert_allclose(out, a @ b)
    out = np.zeros((6, 3, 5))
    matmul(a, b, out=out)
    np.testing.assert_allclose(out, a @ b)


def test_scalar_argument_and_types():
    x = np.arange(10.0).reshape(2, 5)
    np.testing.assert_array_equal(shift(x, 1.5), x + 1.5)
    np.testing.assert_array_equal(shift(x, np.array([1.0, 2.0])),
                                  x + np.array([[1.0], [2.0]]))
    r = shift(x.astype(np.float32), np.float32(2))
    assert r.dtype == np.float32
    np.testing.assert_array_equal(r, x.astype(np.float32) + 2)


def test_several_outputs_parallel_target():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((1000, 37))
    lo, hi = minmax(x)
    np.testing.assert_array_equal(lo, x.min(-1))
    np.testing.assert_array_equal(hi, x.max(-1))
    old = kern.get_num_threads()
    try:
        kern.set_num_threads(2)
        lo, hi = minmax(x.T)
        np.testing.assert_array_equal(lo, x.T.min(-1))
    finally:
        kern.set_num_threads(old)


def test_odd_strides_are_copied():
    """complex128 viewed with a stride of 24 bytes is aligned but not whole
    elements; the core slices go through contiguous buffers."""
    @kern.guvectorize(['void(complex128[:], complex128[:])'], '(n)->(n)')
    def conj(x, out):
        for i in range(x.shape[0]):
            out[i] = x[i].conjugate()
    raw = np.arange(24.0 * 4).view(np.uint8)
    x = np.ndarray((3, 4), np.complex128, raw, 0, (96, 24))
    np.testing.assert_array_equal(conj(x), np.conj(x))


def test_errors_are_numpys():
    with pytest.raises(ValueError, match="core dimension"):
        dot(np.ones(3), np.ones(4))
    with pytest.raises(ValueError, match="core dimension"):
        matmul(np.ones((2, 3)), np.ones((4, 2)))
    with pytest.raises(TypeError, match="not supported for the input"):
        dot(np.ones(3, np.complex128), np.ones(3))


def test_decoration_errors():
    def f(x, out):
        out[0] = x[0]
    with pytest.raises(TypeError, match="layout"):
        kern.guvectorize(['void(float64[:], float64[:])'], '(n),(n)->()')(f)
    with pytest.raises(TypeError, match="void"):
        kern.guvectorize(['float64(float64[:], float64[:])'], '(n)->()')(f)
    with pytest.raises(ValueError, match="layout"):
        kern.guvectorize(['void(float64[:], float64[:])'], '(n)()')(f)
    with pytest.raises(kern.UnsupportedError, match="signatures"):
        kern.guvectorize('(n)->()')(f)
    with pytest.raises(TypeError, match="unexpected option"):
        kern.guvectorize(['void(float64[:], float64[:])'], '(n)->()',
                         bogus=1)(f)


def test_numba_style_arguments():
    @kern.guvectorize(['(float64[:], float64[:])'], '(n)->()', nopython=True,
                      writable_args=(1,))
    def total(x, out):
        s = 0.0
        for v in x:
            s += v
        out[0] = s
    np.testing.assert_allclose(total(np.arange(12.0).reshape(3, 4)),
                               np.arange(12.0).reshape(3, 4).sum(-1))


def test_inside_njit_is_a_clear_error():
    @kern.njit
    def g(x, y):
        return dot(x, y)
    with pytest.raises(kern.UnsupportedError, match="inside compiled code"):
        g(np.ones(3), np.ones(3))


def test_raise_in_the_core_function_propagates():
    @kern.guvectorize(['void(float64[:], float64[:])'], '(n)->()')
    def checked(x, out):
        if x[0] < 0:
            raise ValueError("negative")
        out[0] = x[0]
    np.testing.assert_array_equal(checked(np.ones((2, 3))), [1.0, 1.0])
    with pytest.raises(ValueError, match="negative"):
        checked(-np.ones((2, 3)))
