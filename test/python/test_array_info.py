"""np.finfo/np.iinfo constants, a.itemsize/.nbytes/.strides, a.item(),
np.expand_dims and np.atleast_1d/2d/3d views: NumPy's answers."""

import numpy as np
import pytest

import kern


@pytest.mark.parametrize("f", [
    lambda a: np.finfo(np.float64).eps, lambda a: np.finfo(a.dtype).max,
    lambda a: np.finfo(np.float32).tiny, lambda a: np.iinfo(np.int64).max,
    lambda a: np.iinfo(np.int32).min, lambda a: np.iinfo(np.uint8).max,
])
def test_type_info_constants(f):
    a = np.arange(4.0)
    assert kern.njit(f)(a) == f(a)


@pytest.mark.parametrize("a", [np.arange(6.0).reshape(2, 3),
                               np.arange(24, dtype=np.int32).reshape(4, 6)[::2, 1::2],
                               np.ones(5, np.complex64)])
def test_byte_attributes(a):
    f = kern.njit(lambda x: (x.itemsize, x.nbytes, x.strides))
    assert f(a) == (a.itemsize, a.nbytes, a.strides)


def test_item():
    f = kern.njit(lambda x: x.item())
    assert f(np.array([2.5])) == 2.5
    assert f(np.full((1, 1, 1), 7, np.int64)) == 7
    with pytest.raises(ValueError, match="size 1"):
        f(np.ones(3))


@pytest.mark.parametrize("f", [
    lambda a: np.expand_dims(a, 0), lambda a: np.expand_dims(a, -1),
    lambda a: np.expand_dims(a, axis=1), lambda a: np.expand_dims(a, (0, 2)),
    lambda a: np.atleast_1d(a), lambda a: np.atleast_2d(a),
    lambda a: np.atleast_3d(a),
])
def test_views_add_axes(f):
    for a in (np.arange(4.0), np.arange(6.0).reshape(2, 3),
              np.arange(24.0).reshape(2, 3, 4)[:, ::2]):
        got, want = kern.njit(f)(a), f(a)
        assert got.shape == want.shape
        np.testing.assert_array_equal(got, want)


def test_membership_in_arrays_and_tuples():
    a = np.array([[1.0, 2.0], [3.0, np.nan]])
    f = kern.njit(lambda x, arr: (x in arr, x not in arr, x in (1, 2.5, 4)))
    for x in (3.0, 5.0, np.nan, 2.5, 1):
        assert f(x, a) == (x in a, x not in a, x in (1, 2.5, 4))
    assert kern.njit(lambda x, arr: x in arr)(2, np.arange(4))


def test_broadcast_to_is_a_read_only_view():
    f = kern.njit(lambda a: np.broadcast_to(a, (3, 4)))
    for a in (np.arange(4.0), np.arange(3.0).reshape(3, 1), np.ones((1, 4))):
        np.testing.assert_array_equal(f(a), np.broadcast_to(a, (3, 4)))
    g = kern.njit(lambda a, n: np.broadcast_to(a, (n, a.shape[0])).sum())
    assert g(np.arange(5.0), 3) == np.broadcast_to(np.arange(5.0), (3, 5)).sum()
    with pytest.raises(ValueError, match="broadcast"):
        f(np.arange(5.0))

    @kern.njit
    def write(a):
        v = np.broadcast_to(a, (2, 4))
        v[0, 0] = 1.0
    with pytest.raises(kern.TypingError, match="readonly"):
        write(np.ones(4))
