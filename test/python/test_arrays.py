"""Arrays: indexing, views, creation, array expressions, reductions,
random numbers, complex arrays, prange, in C, F and strided layouts.
Results are compared with NumPy running the same Python function."""

import math

import numpy as np
import pytest

import kern
from kern import prange

# NumPy's own reference runs warn about sqrt of negatives (NaN on both sides)
pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def layouts(a):
    """The same values as a C array, an F array and a strided view."""
    c = np.ascontiguousarray(a)
    f = np.asfortranarray(a)
    big = np.zeros(tuple(2 * s for s in a.shape), dtype=a.dtype)
    view = big[tuple(slice(None, None, 2) for _ in a.shape)]
    view[...] = a
    return [c, f, view]


def check(f, *args, rtol=1e-12):
    copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    expected = f(*copies)
    got = kern.njit(f)(*args)
    compare(got, expected, rtol)
    for a, c in zip(args, copies):  # in-place updates agree too
        if isinstance(a, np.ndarray):
            np.testing.assert_allclose(a, c, rtol=rtol)


def compare(got, expected, rtol):
    if isinstance(expected, tuple):
        assert len(got) == len(expected)
        for g, e in zip(got, expected):
            compare(g, e, rtol)
    elif isinstance(expected, np.ndarray):
        assert isinstance(got, np.ndarray)
        assert got.shape == expected.shape
        assert got.dtype == expected.dtype, (got.dtype, expected.dtype)
        np.testing.assert_allclose(got, expected, rtol=rtol)
    else:
        assert got == pytest.approx(expected, rel=rtol, nan_ok=True)


M = np.arange(12.0).reshape(3, 4) * 0.5 - 2.0
V = np.linspace(-1.0, 2.0, 7)


# ---- indexing and views ----------------------------------------------------

def index_neg(a):
    return a[-1] + a[0] * a[-2]


def index_2d(a):
    return a[1, 2] + a[-1, -1] + a[0][1]


def slicing(a):
    b = a[1:, ::2]
    c = a[::-1, 1]
    return b.sum() * 10 + c[0] + a[:2].sum()


def attrs(a):
    return a.shape[0], a.shape[1], a.size, a.ndim, a.T[1, 0]


def assign_elems(a):
    a[0, 0] = 5.0
    a[1, -1] += 2.0
    a[2] = 7.0
    a[:, 1] = a[:, 2] * 2
    return a.sum()


def slice_assign_overlap(v):
    v[1:] = v[:-1]
    return v


def iterate(v):
    s = 0.0
    for x in v:
        s += x * x
    return s


def copy_reshape_astype(v):
    w = v.copy()
    w[0] = 100.0
    r = np.arange(12.0).reshape((3, 4))
    return w, r.reshape(4, 3), v.astype(np.int64), r.T.copy()


# ---- creation ---------------------------------------------------------------

def creation(n):
    a = np.zeros((n, 2))
    b = np.ones(n, dtype=np.int32)
    c = np.full((2, n), 1.5)
    d = np.empty(n)
    d[:] = 3.0
    e = np.zeros_like(a) + 1
    return a, b, c, d, e, np.ones_like(b), np.arange(n), np.arange(1.0, 2.0, 0.25), \
        np.linspace(0.0, 1.0, n), np.arange(0, n, 2, np.float32)


# ---- array expressions ------------------------------------------------------

def expr(x):
    return np.sqrt(x ** 2 + np.sin(x) * np.exp(-x))


def broadcasting(m, v):
    return m * v[:4] + 1.0, m - m[0], m + 2, m[:, 1:2] * m


def mixed_dtypes(a, b):
    return a + b, a * 2, a / 2, b * 2.5, a > 1, np.where(a > 1, a, b)


def math_funcs(x):
    return (np.sqrt(np.abs(x)), np.cos(x), np.tan(x), np.floor(x),
            np.ceil(x), np.tanh(x), np.arctan2(x, 1.5), np.hypot(x, x),
            np.power(np.abs(x), 1.5), np.minimum(x, 0.5), np.maximum(x, 0.0),
            np.log(np.abs(x) + 1), np.log10(np.abs(x) + 1), np.exp(x))


def inplace_ops(x, y):
    x += y
    x *= 2.0
    return x


def compare_ops(x):
    return (x > 0) & (x < 1.5), x == x, -x


# ---- reductions -------------------------------------------------------------

def reductions(m):
    return (m.sum(), np.sum(m), m.prod(), m.min(), np.max(m), m.mean(),
            np.argmin(m), m.argmax(), m.sum(axis=0), m.max(axis=1),
            np.mean(m, axis=0))


def int_reductions(a):
    return a.sum(), a.prod(), a.max(), np.mean(a), (a > 2).sum()


# ---- complex ----------------------------------------------------------------

def complex_ops(z):
    w = z * (1 + 2j) - z.conjugate()
    return w.real, w.imag, np.abs(w), w.sum()


# ---- prange -----------------------------------------------------------------

def parallel_sum(x):
    s = 0.0
    for i in prange(x.shape[0]):
        s += x[i]
    return s


def parallel_reductions(x):
    s = 0.0
    p = 1.0
    lo = np.inf
    hi = -np.inf
    for i in prange(len(x)):
        v = x[i]
        s -= v
        p *= 1.0 + v * 1e-3
        lo = min(lo, v)
        hi = max(hi, v)
    return s, p, lo, hi


def parallel_write(x):
    out = np.empty_like(x)
    for i in prange(x.shape[0]):
        out[i] = x[i] * 2
    return out


CASES = [
    (index_neg, (V,)), (index_2d, (M,)), (slicing, (M,)), (attrs, (M,)),
    (assign_elems, (M.copy(),)), (slice_assign_overlap, (V.copy(),)),
    (iterate, (V,)), (copy_reshape_astype, (V,)), (creation, (5,)),
    (expr, (V,)), (broadcasting, (M, V)),
    (mixed_dtypes, (np.arange(4, dtype=np.int32), np.linspace(0, 1, 4))),
    (mixed_dtypes, (np.arange(4.0, dtype=np.float32),
                    np.arange(4, dtype=np.int64))),
    (math_funcs, (V,)), (inplace_ops, (V.copy(), V)), (compare_ops, (V,)),
    (reductions, (M,)), (int_reductions, (np.arange(1, 6, dtype=np.int32),)),
    (complex_ops, (V * (1 - 1j),)), (parallel_sum, (V,)),
    (parallel_reductions, (V,)), (parallel_write, (V,)),
]


@pytest.mark.parametrize("f,args", CASES, ids=[f.__name__ for f, _ in CASES])
def test_arrays(f, args):
    check(f, *args)


@pytest.mark.parametrize("layout", range(3), ids=["C", "F", "strided"])
def test_layouts(layout):
    for f in (index_2d, slicing, attrs, reductions, expr):
        a = layouts(M)[layout]
        check(f, a)
    v = layouts(V)[layout]
    for f in (index_neg, iterate, expr, parallel_sum):
        check(f, v)


def test_parallel_true():
    f = kern.njit(parallel=True)(parallel_reductions)
    x = np.random.default_rng(0).random(10001)
    got, expected = f(x), parallel_reductions(x)
    assert np.allclose(got, expected)


def test_random_in_compiled_code():
    def draws(n):
        np.random.seed(42)
        a = np.random.random(n)
        b = np.random.rand(n)
        c = np.random.uniform(2.0, 3.0, n)
        d = np.random.normal(1.0, 2.0, n)
        return a, b, c, d, np.random.random()

    f = kern.njit(draws)
    for got, want in zip(f(20000), draws(20000)):  # NumPy's own numbers
        np.testing.assert_array_equal(got, want)
    a, b, c, d, x = f(20000)
    assert 0 <= a.min() and a.max() < 1 and abs(a.mean() - 0.5) < 0.02
    assert 2 <= c.min() and c.max() < 3
    assert abs(d.mean() - 1.0) < 0.1 and abs(d.std() - 2.0) < 0.1


def test_boundscheck():
    def get(a, i):
        return a[i]

    f = kern.njit(boundscheck=True)(get)
    assert f(V, -1) == V[-1]
    with pytest.raises(IndexError, match="out of bounds"):
        f(V, 7)


def test_empty_reduction_raises():
    def mn(a):
        return a.min()

    with pytest.raises(ValueError):
        kern.njit(mn)(np.zeros(0))


DTYPES = [np.bool_, np.int32, np.int64, np.uint64, np.float32, np.float64,
          np.complex64, np.complex128]


def add_mul_div(a, b):
    return a + b, a * b, a / b


@pytest.mark.parametrize("da", DTYPES, ids=lambda d: np.dtype(d).name)
@pytest.mark.parametrize("db", DTYPES, ids=lambda d: np.dtype(d).name)
def test_binary_dtypes_match_numpy(da, db):
    a = np.arange(1, 5).astype(da)
    b = np.arange(2, 6).astype(db)
    got = kern.njit(add_mul_div)(a, b)
    with np.errstate(all="ignore"):
        expected = add_mul_div(a, b)
    for g, e in zip(got, expected):
        assert g.dtype == e.dtype
        np.testing.assert_allclose(g, e, rtol=1e-6)


def scalar_ops(x, y):
    return x + y, x * 2, x - 1.5


@pytest.mark.parametrize("x", [np.float32(1.5), np.int32(3), np.uint64(7),
                               np.complex64(1 + 2j), True],
                         ids=repr)
def test_scalar_argument_types(x):
    got = kern.njit(scalar_ops)(x, x)
    expected = scalar_ops(x, x)
    for g, e in zip(got, expected):
        assert g == pytest.approx(e)


def three_d(a):
    b = a[1:, :, ::-1]
    return a.sum(axis=2), b[0, 1, 0] + a[-1, -1, -1], a.T.copy(), a * 2


def test_three_dimensions():
    a = np.arange(24.0).reshape(2, 3, 4)
    for x in layouts(a):
        check(three_d, x)


def tuple_arg(t, a):
    x, y = t
    return a[0] * x + y, len(t)


def test_tuple_argument():
    check(tuple_arg, (2.0, 3), np.ones(3))


def all_unary(x):
    return (np.sqrt(x), np.sin(x), np.cos(x), np.tan(x), np.arcsin(x),
            np.arccos(x), np.arctan(x), np.sinh(x), np.cosh(x), np.tanh(x),
            np.arcsinh(x), np.arccosh(x + 1), np.arctanh(x), np.exp(x),
            np.exp2(x), np.expm1(x), np.log(x), np.log2(x), np.log10(x),
            np.log1p(x), np.floor(x), np.ceil(x), np.trunc(x), np.rint(x),
            np.square(x), np.negative(x), np.sign(x - 0.6), np.isnan(x),
            np.isfinite(x), np.copysign(x, -1.0))


def math_scalars(x):
    return (math.erf(x), math.erfc(x), math.asinh(x), math.acosh(x + 1),
            math.atanh(x), math.copysign(x, -2.0), math.fmod(x, 0.3),
            math.expm1(x), math.log1p(x), math.log2(x), math.trunc(x * 3),
            math.isfinite(x), math.radians(x), math.degrees(x))


def test_all_unary_functions():
    check(all_unary, np.array([0.5, 0.7, 0.05]))
    check(all_unary, np.array([0.5, 0.7], dtype=np.float32), rtol=1e-6)


def test_math_module_scalars():
    got = kern.njit(math_scalars)(0.4)
    for g, e in zip(got, math_scalars(0.4)):
        assert g == pytest.approx(e, rel=1e-14)


def extras(a, b):
    return (np.any(a > 1), np.all(a > -5), (a > 100).any(), a.all(),
            np.cumsum(a), np.cumprod(b), np.dot(a, b), np.clip(a, -0.5, 0.5),
            np.cumsum(b > 2))


def test_any_all_cumsum_dot_clip():
    check(extras, V, np.arange(1, 8, dtype=np.int32))


def many_slices(a, i, j):
    return (a[1:3].sum(), a[i:].sum(), a[::-2].sum(), a[-3:-1].sum(),
            a[i:j].sum(), a[j:i:-1].sum(), a[-100:100].sum(),
            a[5:1].size, a[::3].size, a[:-i].size, a[-1::-3].sum(),
            a[i::-1].size, a[:j:-2].size)


@pytest.mark.parametrize("i,j", [(1, 4), (-2, 3), (0, -1), (6, 2), (-9, 9)])
def test_slices_like_python(i, j):
    check(many_slices, np.arange(7.0), i, j)

def loop_array(n):
    x = np.zeros(n)
    for k in range(10):
        x = x + k
        if k == 5:
            x = x * 2
    y = x
    while y.sum() < 1000:
        y = y * 2
    return x, y
def cond_array(a, flag):
    if flag:
        b = a[::2]
    else:
        b = a * 2
    return b.sum()


def test_arrays_carried_through_loops_and_branches():
    check(loop_array, 4)
    check(cond_array, np.arange(6.0), True)
    check(cond_array, np.arange(6.0), False)

# ---- programs mixing calls, early returns, prange --------------------------

@kern.njit
def minmax(a):
    lo = a[0]; hi = a[0]
    for v in a:
        lo = min(lo, v); hi = max(hi, v)
    return lo, hi

@kern.njit
def scale_inplace(a, k):
    for i in range(a.shape[0]):
        a[i] *= k

@kern.njit
def normalized(a):
    lo, hi = minmax(a)
    return (a - lo) / (hi - lo)

def user(a):
    lo, hi = minmax(a)
    b = a.copy()
    scale_inplace(b, 2.0)
    n = normalized(b)
    return lo, hi, b, n

def find_first(a, x):
    i = 0
    while i < a.shape[0] and a[i] != x:
        i += 1
    return i

def early_array(a):
    for i in range(a.shape[0]):
        if a[i] < 0:
            return a[:i]
    return a * 2

def nested_par(a):
    out = np.zeros(a.shape[0])
    tot = 0.0
    for i in prange(a.shape[0]):
        lo, hi = minmax(a[i])
        out[i] = hi - lo
        tot += hi
    return out, tot

def while_continue(n):
    i = 0; s = 0
    while i < n:
        i += 1
        if i % 2 == 0:
            if i % 4 == 0:
                continue
            s += 100
        s += i
    return s


def test_programs_with_calls_and_early_exits():
    a = np.array([3.0, -1.0, 4.0, 1.5])
    check(user, a)
    check(find_first, a, 4.0)
    check(find_first, a, 9.0)
    check(early_array, a)
    check(early_array, np.abs(a))
    check(nested_par, np.arange(12.0).reshape(3, 4) ** 1.5)
    check(while_continue, 17)


def bcast_ops(a, b):
    return a + b, a * b - a, np.maximum(a, b), np.where(a > b, a, b)


@pytest.mark.parametrize("sa,sb", [((5,), (5,)), ((3, 4), (4,)),
                                   ((3, 1), (1, 4)), ((2, 3, 4), (3, 1)),
                                   ((1,), (6,)), ((2, 1, 3), (4, 1))])
def test_broadcasting_shapes(sa, sb):
    rng = np.random.default_rng(7)
    a, b = rng.random(sa), rng.random(sb)
    check(bcast_ops, a, b)
    check(bcast_ops, b, a)


def test_incompatible_shapes_raise():
    with pytest.raises(ValueError):
        kern.njit(bcast_ops)(np.zeros((3, 4)), np.zeros(3))


@pytest.mark.parametrize("f,args", CASES, ids=[f.__name__ for f, _ in CASES])
def test_arrays_parallel_true(f, args):
    """The same functions compiled with parallel=True (array writes and
    prange loops on threads) agree with NumPy too."""
    copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    expected = f(*[a.copy() if isinstance(a, np.ndarray) else a
                   for a in args])
    compare(kern.njit(parallel=True)(f)(*copies), expected, 1e-12)


def test_expression_over_forty_arrays_is_one_loop(tmp_path, monkeypatch):
    """A sum of 40 arrays fuses into one kern.ufunc with 40 inputs, which
    lowers to one loop (there is no fixed cap on a ufunc's operands)."""
    n = 40
    names = [f"a{i}" for i in range(n)]
    (tmp_path / "forty.py").write_text(
        f"def f({', '.join(names)}):\n    return {' + '.join(names)}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import forty
    rng = np.random.default_rng(0)
    xs = [rng.random(257) for _ in range(n)]
    f = kern.njit(forty.f)
    np.testing.assert_allclose(f(*xs), forty.f(*xs), rtol=1e-12)
    affine = f.inspect_mlir(f.signatures[0], stage="affine")
    assert affine.count("affine.for") + affine.count("scf.for") == 1
    assert affine.count("memref.alloc") == 1


def _expr_nd(a, b):
    return np.sqrt(a * a + 1.0) * b - a


def _loops_4d(a):
    s = 0.0
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            for k in range(a.shape[2]):
                for m in range(a.shape[3]):
                    s += a[i, j, k, m] * (i + 2 * j - k + m)
    return s


def _write_4d(a):
    for i in range(a.shape[0]):
        for m in range(a.shape[3]):
            a[i, 1, 0, m] = i * 10 + m
    return a.sum()


def _reductions_nd(a):
    return a.sum(), a.max(), np.mean(a), a.shape[-1] * 100 + a.ndim


def _view_4d(a):
    return a[1, :, ::2, 1:].copy()


def _axis_sum(a):
    return a.sum(axis=2)


def _zeros_5d(n):
    z = np.zeros((n, 2, 3, 2, n))
    z[1, 1, 2, 1, 0] = 5.0
    return z


def _reshape_4d(a):
    return a.reshape((2, 3, 2, 5)) * 2.0


_RNG = np.random.default_rng(7)
_A4 = _RNG.random((3, 4, 5, 6))
_A6 = _RNG.random((2, 3, 2, 3, 2, 4))


@pytest.mark.parametrize("f, args", [
    (_expr_nd, (_A4, _A4[::-1] + 1.0)),
    (_expr_nd, (_A6, _RNG.random((3, 2, 4)))),          # broadcast to 6-D
    (_expr_nd, (_A4[:, ::2], np.asfortranarray(_A4)[:, 1::2])),
    (_loops_4d, (_A4,)),
    (_write_4d, (_A4.copy(),)),
    (_reductions_nd, (_A6,)),
    (_view_4d, (_A4,)),
    (_axis_sum, (_A6,)),
    (_zeros_5d, (3,)),
    (_reshape_4d, (np.arange(60.0),)),
], ids=["expr4", "expr6-broadcast", "expr4-strided", "loops4", "write4",
        "reduce6", "view4", "axis6", "zeros5", "reshape4"])
def test_arrays_of_more_than_three_dimensions(f, args):
    check(f, *args)


def test_thirteen_dimensions_and_zero_work():
    @kern.njit
    def add1(a):
        return a + 1.0
    np.testing.assert_array_equal(add1(np.ones((1,) * 11 + (3,))), 2.0)
    np.testing.assert_array_equal(add1(np.ones((1,) * 12 + (3,))), 2.0)
    assert add1(np.ones(())) == 2.0  # a 0-d array: a scalar, as NumPy's
