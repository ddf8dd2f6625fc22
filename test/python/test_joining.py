"""np.array / np.asarray of list and tuple displays, and np.concatenate,
stack, vstack, hstack, dstack, column_stack, against NumPy."""

import numpy as np
import pytest

import kern

rng = np.random.default_rng(3)
A, B = rng.random((3, 4)), rng.random((2, 4))
V, W = rng.random(5), rng.random(5)
I = np.arange(6).reshape(2, 3)


def displays(x, y):
    return (np.array([1.0, x, y]), np.array([[1, 2], [3, 4]]),
            np.array([[x, 2], [3, y]]), np.array((1, 2, 3), dtype=np.float32),
            np.array([True, False]), np.array(((x, y), (y, x))),
            np.array([x, 1], np.int64))


def test_displays_match_numpy():
    for got, want in zip(kern.njit(displays)(0.5, 2.5), displays(0.5, 2.5)):
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)


def from_values(t, a):
    b = np.asarray(a)
    b[0, 0] = 9.0                             # asarray of an array: no copy
    c = np.array(a)
    c[0, 1] = -1.0                            # array: a copy
    return np.array(t), np.asarray(t), np.array([a[0], a[1]]), a[0, 1], c


def test_tuples_arrays_and_copies():
    a = A.copy()
    t, u, rows, a01, c = kern.njit(from_values)((1.0, 2.0, 3.0), a)
    assert t.tolist() == u.tolist() == [1.0, 2.0, 3.0]
    np.testing.assert_array_equal(rows, a[:2])
    assert a[0, 0] == 9.0 and a01 == A[0, 1] and c[0, 1] == -1.0


def joins(a, b, v, w, i):
    return (np.concatenate((a, b)), np.concatenate((a, a), axis=1),
            np.concatenate((a, b), axis=-2), np.concatenate((v, w, v)),
            np.concatenate((v, i[0])), np.stack((v, w)),
            np.stack((v, w), axis=1), np.stack((a, a), axis=2),
            np.vstack((v, w)), np.vstack((a, b)), np.hstack((v, w)),
            np.hstack((a, a)), np.column_stack((v, w)), np.dstack((v, w)),
            np.dstack((a, a)))


def test_joining_matches_numpy():
    got = kern.njit(joins)(A, B, V, W, I)
    for g, w in zip(got, joins(A, B, V, W, I)):
        assert g.dtype == w.dtype and g.shape == w.shape
        np.testing.assert_array_equal(g, w)


def test_views_and_layouts_join():
    f = kern.njit(lambda a, b: np.concatenate((a.T, b[:, ::-1].T), axis=1))
    np.testing.assert_array_equal(f(A, B), np.concatenate((A.T, B[:, ::-1].T), axis=1))


def mismatched(a, b):
    return np.concatenate((a, b), axis=1)


def ragged():
    return np.array([[1.0, 2.0], [3.0]])


def test_errors_are_numpys():
    with pytest.raises(ValueError, match="must match exactly"):
        kern.njit(mismatched)(A, B)
    with pytest.raises(kern.TypingError, match="inhomogeneous"):
        kern.njit(ragged)()
    with pytest.raises(kern.TypingError, match="axis 2 is out of bounds"):
        kern.njit(lambda a: np.concatenate((a, a), axis=2))(A)


def logical(a, b):
    return np.logical_and(a > 0.5, b), np.logical_or(a > 0.5, b), \
        np.logical_xor(a > 0.5, b), np.where(a > 0.5)


def test_logical_functions_and_one_argument_where():
    b = V > 0.3
    for g, w in zip(kern.njit(logical)(V, b), logical(V, b)):
        np.testing.assert_array_equal(g, w)


def list_joins(n, shape):
    parts = []
    for i in range(n):
        parts.append(np.full(shape, i, dtype=np.float32) + np.arange(shape[-1]))
    return (np.concatenate(parts), np.concatenate(parts, axis=-1),
            np.concatenate(parts, axis=None), np.stack(parts),
            np.stack(parts, axis=1), np.stack(parts, -1), np.vstack(parts),
            np.hstack(parts), np.column_stack(parts), np.dstack(parts),
            np.row_stack(parts) if hasattr(np, "row_stack") else None)


@pytest.mark.filterwarnings("ignore:`row_stack` alias is deprecated")
@pytest.mark.parametrize("shape", [(3,), (2, 3), (2, 1, 3)])
def test_lists_of_arrays_join_as_in_numpy(shape):
    """A list of arrays built at run time (its length unknown to the
    compiler): every joiner, C-contiguous results of NumPy's dtype."""
    f = kern.njit(list_joins)
    for got, want in zip(f(3, shape), list_joins(3, shape)):
        if want is None:
            continue  # (NumPy without np.row_stack)
        assert got.shape == want.shape and got.dtype == want.dtype
        assert got.flags.c_contiguous
        np.testing.assert_array_equal(got, want)


def test_list_joins_check_shapes_and_emptiness():
    @kern.njit
    def join(n, m, stacked):
        parts = [np.ones((2, 2))]
        parts.append(np.ones((n, m)))
        return np.stack(parts).size if stacked else \
            np.concatenate(parts).size
    assert join(3, 2, False) == 10 and join(2, 2, True) == 8
    with pytest.raises(ValueError, match="must match exactly"):
        join(3, 3, False)
    with pytest.raises(ValueError, match="same shape"):
        join(3, 2, True)

    @kern.njit
    def empty(n):
        parts = [np.ones(2)]
        parts.clear()
        return np.stack(parts)
    with pytest.raises(ValueError, match="at least one array"):
        empty(0)
    with pytest.raises(kern.TypingError, match="constant axis"):
        kern.njit(lambda parts, k: np.stack(parts, k))([np.ones(2)], 0)


def test_list_passed_to_a_callee_before_its_items_are_typed():
    """An empty list filled in a loop and then passed to another njit
    function: the callee sees the list's item type (it saw 'undefined'
    items in the first pass before, typing arrays[0] as float64)."""
    @kern.njit
    def total(arrays):
        return arrays[0].sum() + len(arrays)

    @kern.njit
    def build(n):
        parts = []
        for i in range(n):
            parts.append(np.full((2, 3), i + 1.0, dtype=np.float32))
        return total(parts)
    assert build(3) == 9.0
