"""boundscheck=True: an out-of-range index raises IndexError naming the
index, the axis and the size (as NumPy words it); off by default."""

import numpy as np
import pytest

import kern


@kern.njit(boundscheck=True)
def get(a, i):
    return a[i]


@kern.njit(boundscheck=True)
def get2(a, i, j):
    return a[i, j]


@kern.njit(boundscheck=True)
def put(a, i, v):
    a[i] = v


@kern.njit(boundscheck=True)
def window_sum(a, w):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i + w]
    return s


def test_in_range_indices_work_negative_too():
    a = np.arange(5.0)
    assert get(a, 0) == 0.0 and get(a, 4) == 4.0
    assert get(a, -1) == 4.0 and get(a, -5) == 0.0
    m = np.arange(6.0).reshape(2, 3)
    assert get2(m, 1, 2) == 5.0 and get2(m, -1, -3) == 3.0


@pytest.mark.parametrize("index", [5, 6, 1000, -6, -100])
def test_read_past_either_end(index):
    with pytest.raises(IndexError, match=rf"^index {index} is out of bounds "
                                         rf"for axis 0 with size 5$"):
        get(np.zeros(5), index)


def test_the_axis_is_named():
    m = np.zeros((2, 3))
    with pytest.raises(IndexError, match="index 3 is out of bounds for axis 1 with size 3"):
        get2(m, 1, 3)
    with pytest.raises(IndexError, match="index 2 is out of bounds for axis 0 with size 2"):
        get2(m, 2, 0)
    with pytest.raises(IndexError, match="index -4 is out of bounds for axis 1 with size 3"):
        get2(m, 0, -4)


def test_writes_are_checked_and_nothing_is_written():
    a = np.zeros(3)
    with pytest.raises(IndexError, match="index 3 is out of bounds for axis 0 with size 3"):
        put(a, 3, 1.0)
    np.testing.assert_array_equal(a, np.zeros(3))
    put(a, -1, 7.0)
    assert a[2] == 7.0


def test_loop_index_past_the_end():
    with pytest.raises(IndexError, match="index 10 is out of bounds for axis 0 with size 10"):
        window_sum(np.ones(10), 1)
    assert window_sum(np.ones(10), 0) == 10.0


def test_error_from_a_parallel_loop():
    @kern.njit(boundscheck=True, parallel=True)
    def gather(a, idx):
        out = np.empty(idx.shape[0])
        for i in kern.prange(idx.shape[0]):
            out[i] = a[idx[i]]
        return out
    a = np.arange(10.0)
    np.testing.assert_array_equal(gather(a, np.array([1, 9, -1])), [1.0, 9.0, 9.0])
    bad = np.arange(20000) % 11  # 10 is in range, some indices are not
    with pytest.raises(IndexError, match="index 10 is out of bounds for axis 0 with size 10"):
        gather(a, bad)


def test_off_by_default():
    @kern.njit
    def unchecked(a, i):
        return a[i]
    assert unchecked(np.arange(5.0), 2) == 2.0
    assert unchecked(np.arange(5.0), -1) == 4.0
    text = unchecked.inspect_mlir(unchecked.signatures[0])
    assert "out of bounds" not in text
    assert "out of bounds" in get.inspect_mlir(get.signatures[0])


def test_boundscheck_false_is_the_default():
    @kern.njit(boundscheck=False)
    def unchecked(a, i):
        return a[i]
    assert unchecked(np.arange(3.0), 1) == 1.0
    assert "out of bounds" not in unchecked.inspect_mlir(unchecked.signatures[0])
