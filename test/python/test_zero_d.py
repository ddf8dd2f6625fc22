"""0-d arrays (shape (), one element): passed in and returned, a[()] read
and written, a[...] and a[i, j, ...] as 0-d views, created by np.array /
np.asarray of a scalar and np.empty/zeros/ones/full(()), elementwise
operations (a scalar when every array is 0-d, as NumPy and Numba give;
broadcast against N-d arrays), reductions and NumPy's errors, compared
with NumPy."""

import numpy as np
import pytest

import kern


def same(got, want):
    """Equal values of the same kind: arrays of the same dtype and shape,
    scalars (a NumPy scalar result is a Python number from kern)."""
    if isinstance(want, tuple):
        return isinstance(got, tuple) and len(got) == len(want) and \
            all(map(same, got, want))
    if isinstance(want, np.ndarray):
        return isinstance(got, np.ndarray) and got.dtype == want.dtype and \
            got.shape == want.shape and np.array_equal(got, want,
                                                       equal_nan=True)
    assert not isinstance(got, np.ndarray), got
    return got == want or (got != got and want != want)


def check(f, *args):
    got = kern.njit(f)(*[np.copy(a) if isinstance(a, np.ndarray) else a
                         for a in args])
    want = f(*[np.copy(a) if isinstance(a, np.ndarray) else a
               for a in args])
    assert same(got, want), (got, want)


ZERO_DS = [np.array(2.5), np.array(-3, dtype=np.int32), np.array(True),
           np.array(1.5 - 2j), np.array(7, dtype=np.uint8),
           np.array(0.25, dtype=np.float32)]


def identity(a):
    return a


def read(a):
    return a[()], a.item(), a.ndim, a.shape, a.size


@pytest.mark.parametrize("a", ZERO_DS, ids=lambda a: str(a.dtype))
def test_passed_in_returned_and_read(a):
    assert kern.typeof(a) == kern.types.Array(kern.typeof(a[()]), 0, "C")
    got = kern.njit(identity)(a)
    assert isinstance(got, np.ndarray) and got.shape == () and \
        got.dtype == a.dtype and got[()] == a[()]
    check(read, a)


def write(a, v):
    a[()] = v
    b = a[...]  # a view: writes reach a
    b += 1
    return a[()]


def test_written_in_place():
    a = np.array(1.0)
    assert kern.njit(write)(a, 4.0) == 5.0
    assert a[()] == 5.0  # the caller's array
    a = np.array(3, dtype=np.int16)
    kern.njit(write)(a, 7)
    assert a.dtype == np.int16 and a[()] == 8


def fill_and_assign(a, b):
    a[...] = b * 2
    a.fill(a[()] + 1)
    return a


def test_fill_and_assign():
    check(fill_and_assign, np.array(0.0), 3.5)
    check(fill_and_assign, np.array(0.0), np.array(3.5))


def test_readonly_0d_is_not_written():
    a = np.array(1.0)
    a.flags.writeable = False
    assert kern.njit(read)(a) == read(a)
    with pytest.raises(kern.TypingError, match="readonly"):
        kern.njit(write)(a, 2.0)


def views(m):
    v = m[1, 2, ...]  # a 0-d view of one element
    v[()] = -1.0
    return m, m[0, 1, ...], m[..., 0, 0], v.ndim, m[1, 2]


def test_ellipsis_of_full_index_is_a_0d_view():
    check(views, np.arange(12.0).reshape(3, 4))


def store_0d_into_elements(x, b):
    x[0] = b
    x[1] += b
    x[2:] = b
    return x


def test_0d_stored_into_elements():
    check(store_0d_into_elements, np.ones(4), np.array(2.5))


def creation(x):
    return (np.zeros(()), np.ones((), dtype=np.int32), np.full((), x),
            np.empty(()).shape, np.asarray(x), np.array(x),
            np.array(x, dtype=np.float32), np.array(3), np.asarray(True),
            np.array(1 + 2j), np.arange(1.0).reshape(()))


def test_creation():
    check(creation, 2.5)
    check(creation, 7)


def like(a):
    return (np.zeros_like(a), np.ones_like(a), np.full_like(a, 9),
            np.empty_like(a).shape, a.copy(), np.copy(a),
            a.astype(np.int64), a.ravel(), a.flatten(), a.reshape(1),
            np.atleast_1d(a), np.atleast_2d(a), np.atleast_3d(a),
            np.expand_dims(a, 0), np.asarray(a), np.array(a))


@pytest.mark.parametrize("a", ZERO_DS[:2], ids=lambda a: str(a.dtype))
def test_like_copies_and_reshapes(a):
    check(like, a)


def arithmetic(a, b):
    return (a + 1.0, a * b, b - a, a / b, -a, a ** 2, np.sin(a),
            np.maximum(a, b), a > b, a == a, np.sqrt(np.abs(a)) + b,
            np.where(a > b, a, b), np.where(a > 0, a, 2))


def test_arithmetic_of_0d_arrays():
    """All arrays 0-d: scalars (np.where: a 0-d array), as NumPy."""
    check(arithmetic, np.array(2.5), np.array(-1.5))
    check(arithmetic, np.array(3), np.array(4))
    check(arithmetic, np.array(2.5), 4)


def broadcasting(a, x, m):
    y = a * x + a
    return y, m - a, np.where(m > a, m, a), x + np.zeros(()), a + m * a


def test_0d_broadcast_against_nd_arrays():
    check(broadcasting, np.array(2.0), np.arange(5.0),
          np.arange(12.0).reshape(3, 4))
    check(broadcasting, np.array(2, dtype=np.int32), np.arange(5),
          np.arange(12.0).reshape(3, 4).T)


def reductions(a):
    return (np.sum(a), np.prod(a), np.min(a), np.max(a), np.mean(a),
            np.std(a), np.var(a), np.argmin(a), np.argmax(a), np.any(a),
            np.all(a), np.cumsum(a), np.cumprod(a), np.median(a), a.sum(),
            a.max(), a.mean(), np.count_nonzero(a), np.ptp(a),
            np.sum(a, axis=()))


def nan_reductions(a):
    return (np.nansum(a), np.nanprod(a), np.nanmean(a), np.nanmin(a),
            np.nanmax(a), np.nanvar(a), np.nanstd(a), np.nanmedian(a))


@pytest.mark.parametrize("a", [np.array(2.5), np.array(-3, dtype=np.int32),
                               np.array(0.0)], ids=["f8", "i4", "zero"])
def test_reductions_of_0d(a):
    check(reductions, a)
    check(nan_reductions, a)


def nan_reductions_of_nan(a):
    return (np.nansum(a), np.nanprod(a), np.nanmin(a), np.nanmax(a),
            np.nanmedian(a), np.sum(a), np.max(a), np.argmax(a))


def test_nan_reductions_of_nan():
    with np.errstate(all="ignore"):
        check(nan_reductions_of_nan, np.array(np.nan))


def comparisons(a, b):
    return (np.array_equal(a, b), np.allclose(a, b), np.isclose(a, b),
            np.array_equal(a, a))


def test_comparisons():
    check(comparisons, np.array(1.0), np.array(1.0 + 1e-12))
    check(comparisons, np.array(1.0), np.array(2.0))


def one_call(a):
    return a + a


def test_0d_and_1d_are_separate_entries():
    f = kern.njit(one_call)
    assert f(np.array(1.5)) == 3.0
    assert same(f(np.array([1.5])), np.array([3.0]))
    assert f(np.array(2.5)) == 5.0
    assert len(f.signatures) == 2


def length(a):
    return len(a)


def iterate(a):
    s = 0.0
    for x in a:
        s += x
    return s


def index_0(a):
    return a[0]


def mean_axis_0(a):
    return np.mean(a, axis=0)


@pytest.mark.parametrize("f, message", [
    (length, "len\\(\\) of unsized object"),
    (iterate, "iteration over a 0-d array"),
    (index_0, "too many indices \\(1\\) for an array of dimension 0"),
    (mean_axis_0, "axis 0 is out of bounds for an array of dimension 0"),
])
def test_numpy_errors_at_compile_time(f, message):
    with pytest.raises(kern.TypingError, match=message):
        kern.njit(f)(np.array(1.0))
    with pytest.raises((TypeError, IndexError, ValueError)):
        f(np.array(1.0))  # NumPy's error too


def diff(a):
    return np.diff(a)


def test_diff_of_0d_raises_numpy_value_error():
    with pytest.raises(ValueError, match="at least one dimensional"):
        kern.njit(diff)(np.array(1.0))
    with pytest.raises(ValueError, match="at least one dimensional"):
        diff(np.array(1.0))


def as_scalars(a, i):
    if a:
        t = 1
    else:
        t = 0
    total = 0
    for k in range(i):
        total += k
    return t, bool(a), float(a), abs(a), min(float(a), 0.5), int(i), total


def test_0d_stands_for_its_element_where_a_scalar_is_expected():
    check(as_scalars, np.array(2.5), np.array(3))
    check(as_scalars, np.array(0.0), np.array(1, dtype=np.int32))


def integer_0d_index(x, i, j):
    x[i] = -1.0
    m = x.reshape(2, 3)
    return x[i], m[j, i], m[j], x


def test_integer_0d_array_indexes_as_an_integer():
    check(integer_0d_index, np.arange(6.0), np.array(2), np.array(-1))


def parts(c):
    return c.real, c.imag, np.conj(c), np.abs(c), c.real.ndim


def test_real_and_imag_of_0d_are_0d():
    check(parts, np.array(3 + 4j))
    check(parts, np.array(2.5))


def list_of_0d(a):
    items = [a, np.array(5.0)]
    items.append(np.zeros(()))
    return items[1], len(items), items[0] + items[1], items[2]


def test_lists_of_0d_arrays():
    check(list_of_0d, np.array(1.5))


def test_signature_text_of_a_0d_array():
    f = kern.njit("float64(array(float64, 0d, C))")(read_0d)
    assert f(np.array(2.5)) == 2.5
    assert str(f.signatures[0][0]) == "array(float64, 0d, C)"


def read_0d(a):
    return a[()]


CACHED = """
import numpy as np
import kern
from kern import cache

@kern.njit(cache=True)
def twice(a):
    a[()] += 1.0
    return a * 2.0, a

r = twice(np.array(1.5))
print(cache.last_event(twice), r[0], r[1][()])
"""


def test_cached_across_processes(tmp_path):
    import os
    import subprocess
    import sys
    (tmp_path / "zmod.py").write_text(CACHED)
    frontend = os.path.join(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))), "python-frontend")
    env = dict(os.environ, PYTHONPATH=frontend, PYTHONDONTWRITEBYTECODE="1")
    runs = [subprocess.run([sys.executable, "zmod.py"], cwd=tmp_path,
                           env=env, capture_output=True, text=True,
                           timeout=300) for _ in range(2)]
    for r in runs:
        assert r.returncode == 0, r.stderr
    assert runs[0].stdout.split() == ["miss", "5.0", "2.5"]
    assert runs[1].stdout.split() == ["hit", "5.0", "2.5"]


def test_0d_arrays_in_a_cuda_kernel():
    """Read and written by a kern.cuda kernel (the CPU target here; on a
    GPU a 0-d host array is copied to the device and back like others)."""
    from kern import cuda

    @cuda.jit
    def scale(out, x, s, count):
        i = cuda.grid(1)
        if i < out.shape[0]:
            out[i] = x[i] * s[()]
            cuda.atomic.add(count, (), 1)

    out, x = np.zeros(10), np.arange(10.0)
    s, count = np.array(3.0), np.zeros((), dtype=np.int64)
    scale[3, 4](out, x, s, count)
    np.testing.assert_array_equal(out, x * 3.0)
    assert count[()] == 10


def joined(a, b):
    return (np.hstack((a, b)), np.vstack((a, b)), np.dstack((a, b)),
            np.column_stack((a, b)), np.stack((a, b)), np.stack((a, b), 0))


def concatenated(a, b):
    return np.concatenate((a, b))


def test_joining_0d_arrays():
    check(joined, np.array(1.5), np.array(-2.0))
    with pytest.raises(kern.TypingError, match="zero-dimensional arrays "
                       "cannot be concatenated"):
        kern.njit(concatenated)(np.array(1.5), np.array(-2.0))
    with pytest.raises(ValueError, match="zero-dimensional"):
        concatenated(np.array(1.5), np.array(-2.0))


def ufunc_reduce(a):
    return (np.add.reduce(a), np.maximum.reduce(a), np.multiply.reduce(a, 0),
            np.logical_or.reduce(a), np.add.reduce(a, axis=None))


def ufunc_accumulate(a):
    return np.add.accumulate(a)


def test_ufunc_methods_of_0d():
    check(ufunc_reduce, np.array(2.5))
    with pytest.raises(kern.TypingError, match="cannot accumulate on a "
                       "scalar"):
        kern.njit(ufunc_accumulate)(np.array(2.5))
    with pytest.raises(TypeError, match="cannot accumulate on a scalar"):
        ufunc_accumulate(np.array(2.5))


def dots(a, x):
    return np.dot(a, a), np.dot(a, x), np.dot(x, a), a.dot(x)


def matmul(a, x):
    return a @ x


def test_dot_of_0d_is_a_product_and_matmul_refuses_it():
    check(dots, np.array(2.0), np.arange(3.0))
    with pytest.raises(kern.TypingError, match="not scalars"):
        kern.njit(matmul)(np.array(2.0), np.arange(3.0))
    with pytest.raises(ValueError, match="matmul"):
        matmul(np.array(2.0), np.arange(3.0))


def in_parallel(a, x):
    a.fill(2.0)
    a[...] = a * 3.0
    y = x * a + np.sum(a)
    return a, y, np.zeros(()), np.asarray(x.sum())


def test_0d_arrays_in_a_parallel_function():
    a = np.array(1.0)
    got = kern.njit(parallel=True)(in_parallel)(a, np.arange(4.0))
    assert same(got, in_parallel(np.array(1.0), np.arange(4.0)))
    assert a[()] == 6.0


def lookups(a, x):
    return (np.searchsorted(x, a), np.interp(a, x, x * 2.0),
            np.linalg.norm(a), np.isin(a, x), np.repeat(a, 3),
            np.unique(a), np.clip(a, 0.0, 1.0))


def test_library_functions_of_0d():
    check(lookups, np.array(1.5), np.arange(5.0))


def mask_read(x, m):
    return x[m]


def mask_write(x, m):
    x[m] = 1.0
    return x


def test_0d_boolean_index():
    check(mask_read, np.array(3.0), np.array(True))
    for f in (mask_read, mask_write):
        with pytest.raises(kern.UnsupportedError, match="0-d boolean index"):
            kern.njit(f)(np.arange(3.0), np.array(True))
