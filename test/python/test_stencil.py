"""@kern.stencil against a plain-Python reference: the kernel run on every
element with relative indexing done in Python, the border set to cval."""

import math

import numpy as np
import pytest

import kern

rng = np.random.default_rng(7)


class Relative:
    """An array seen from one element: `r[-1, 0]` is `a[i - 1, j]`."""

    def __init__(self, a, at):
        self.a, self.at = a, at

    def __getitem__(self, index):
        index = index if isinstance(index, tuple) else (index,)
        return self.a[tuple(slice(i.start + c, i.stop + c) if
                            isinstance(i, slice) else i + c
                            for i, c in zip(index, self.at))]


def reference(kernel, args, neighborhood, cval=0, standard=()):
    a = args[0]
    names = kernel.__code__.co_varnames[:kernel.__code__.co_argcount]
    values, first = {}, None
    ranges = [range(max(0, -lo), n - max(0, hi))
              for (lo, hi), n in zip(neighborhood, a.shape)]
    for at in np.ndindex(*[len(r) for r in ranges]):
        at = tuple(r[k] for r, k in zip(ranges, at))
        call = [x if name in standard or not isinstance(x, np.ndarray)
                else Relative(x, at) for name, x in zip(names, args)]
        values[at] = kernel(*call)
        first = values[at] if first is None else first
    out = np.full(a.shape, cval, dtype=np.asarray(first).dtype)
    for at, v in values.items():
        out[at] = v
    return out


def check(kernel, *args, options=None, **expect):
    options = options or {}
    st = kern.stencil(**options)(kernel)
    got = st(*args)
    want = reference(kernel, args, st.neighborhood, options.get("cval", 0),
                     options.get("standard_indexing", ()))
    assert got.dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-13)
    return st


def jacobi(a):
    return 0.25 * (a[0, 1] + a[1, 0] + a[0, -1] + a[-1, 0])


def laplace3(a):
    return (a[0, 0, 1] + a[0, 1, 0] + a[1, 0, 0] + a[-1, 0, 0] + a[0, -1, 0]
            + a[0, 0, -1] - 6 * a[0, 0, 0])


def corners4(a):
    return a[1, 1, 1, 1] - a[-1, 0, 0, -1]


def test_one_to_four_dimensions_match_python():
    st = check(lambda a: (a[-1] + a[0] + a[1]) / 3, rng.random(9))
    assert st.neighborhood == ((-1, 1),)
    assert check(jacobi, rng.random((6, 7))).neighborhood == ((-1, 1), (-1, 1))
    check(laplace3, rng.random((4, 5, 6)))
    check(corners4, rng.random((3, 4, 5, 4)))


def test_offsets_on_one_side_only():
    st = check(lambda a: a[1] + a[2], np.arange(8.0))
    assert st.neighborhood == ((0, 2),)
    check(lambda a: a[-3, 0] * 2, np.arange(20.0).reshape(5, 4))


@pytest.mark.parametrize("dtype, result", [
    (np.float32, np.float32), (np.int64, np.int64), (np.int32, np.int64),
    (np.uint8, np.uint64)])
def test_result_dtype_is_the_kernels_numba_type(dtype, result):
    """Scalar arithmetic types as in Numba: small integers widen to 64 bits."""
    a = np.arange(10).astype(dtype)
    got = kern.stencil(lambda a: a[-1] + a[1])(a)
    assert got.dtype == result
    assert got.tolist() == [0] + [2 * i for i in range(1, 9)] + [0]


def test_a_comparison_kernel_gives_booleans():
    check(lambda a: a[-1] > a[1], rng.random(9))


def test_layouts_and_views():
    f = np.asfortranarray(rng.random((5, 6)))
    check(jacobi, f)
    check(jacobi, rng.random((8, 10))[::2, ::-1])
    check(lambda a: a[1] - a[0], f[:, 2])


def test_several_arrays_scalars_and_standard_indexing():
    def two(a, b, c):
        return a[0, 1] * b[1, 0] + c
    check(two, rng.random((4, 5)), rng.random((4, 5)), 2.5)

    def weighted(a, w):
        return a[-1] * w[0] + a[0] * w[1] + a[1] * w[2]
    check(weighted, rng.random(8), np.array([0.25, 0.5, 0.25]),
          options=dict(standard_indexing=("w",)))


def branchy(a):
    if a[0] > 0.5:
        return a[-1]
    return a[1] * 2.0


def helpers(a):
    return math.sqrt(abs(a[0, -1])) + np.exp(a[1, 1])


OFFSET = 2


def constant_offset(a):
    return a[OFFSET] - a[-OFFSET]


def test_kernels_with_branches_calls_and_named_constants():
    check(branchy, rng.random(12))
    check(helpers, rng.random((5, 6)), options=dict(cval=7))
    assert check(constant_offset, rng.random(9)).neighborhood == ((-2, 2),)


def window_sum(a):
    s = 0.0
    for i in range(-2, 1):
        s += a[i]
    return s


def test_neighborhood_option_allows_variable_indexes():
    check(window_sum, rng.random(10), options=dict(neighborhood=((-2, 0),)))
    check(window_sum, rng.random(10),
          options=dict(neighborhood=((-2, 0),), cval=np.nan))
    check(lambda a: np.sum(a[-1:2]), rng.random(7),
          options=dict(neighborhood=((-1, 1),)))


def test_out_argument_keeps_or_sets_the_border():
    diff = kern.stencil(lambda a: a[1] - a[0])
    out = np.full(6, 9.0)
    assert diff(np.arange(6.0) ** 2, out=out) is not None
    assert out.tolist() == [1.0, 3.0, 5.0, 7.0, 9.0, 9.0]
    filled = kern.stencil(cval=-1.0)(lambda a: a[1] - a[0])
    filled(np.arange(6.0), out=out)
    assert out.tolist() == [1.0, 1.0, 1.0, 1.0, 1.0, -1.0]
    with pytest.raises(ValueError, match="smaller"):
        diff(np.arange(6.0), out=np.zeros(4))


smooth = kern.stencil(jacobi)


@kern.njit(parallel=True)
def smooth_parallel(a, steps):
    for _ in range(steps):
        a = smooth(a)
    return a


@kern.njit
def smooth_into(a, out):
    smooth(a, out=out)
    return out.sum()


def test_called_from_compiled_code_sequential_and_parallel():
    a = rng.random((30, 40))
    want = smooth(smooth(a))
    np.testing.assert_allclose(smooth_parallel(a, 2), want, rtol=1e-14)
    mlir = smooth_parallel.inspect_mlir(smooth_parallel.signatures[0])
    assert "kern.prange" in mlir  # the stencil's loop nest runs in parallel
    out = np.zeros_like(a)
    assert smooth_into(a, out) == pytest.approx(smooth(a).sum())
    np.testing.assert_allclose(out, smooth(a), rtol=1e-14)


def nonconstant(a, n):
    return a[n]


def stores(a):
    a[0] = 1.0
    return a[1]


def wrong_rank(a):
    return a[0, 1]


def no_relative(a):
    return 1.0


def pair(a, b):
    return a[0] + b[1]


@pytest.mark.parametrize("kernel, args, options, message", [
    (nonconstant, (np.ones(4), 1), {}, "index is not constant"),
    (stores, (np.ones(4),), {}, "Assignments to arrays"),
    (wrong_rank, (np.ones(4),), {}, "does not match array dimensionality"),
    (no_relative, (np.ones(4),), {}, "no accesses to relatively indexed"),
    (jacobi, (np.ones(4),), dict(neighborhood=((-1, 1),) * 2),
     "2 dimensional neighborhood specified for 1 dimensional"),
    (jacobi, (np.ones((3, 3)),), dict(cval=1j), "cval type does not match"),
    (wrong_rank, (3.0,), {}, "must be the primary input array"),
    (pair, (np.ones(4), np.ones((4, 4))), {}, "same number of dimensions"),
])
def test_misuse_is_a_located_error(kernel, args, options, message):
    with pytest.raises(kern.TypingError, match=r"test_stencil.py:\d+: .*" + message):
        kern.stencil(**options)(kernel)(*args)


def test_bad_options_and_arguments():
    with pytest.raises(ValueError, match="Unknown stencil option foo"):
        kern.stencil(foo=1)
    with pytest.raises(ValueError, match="Unsupported mode style reflect"):
        kern.stencil("reflect")
    with pytest.raises(kern.TypingError, match="not present in the stencil"):
        kern.stencil(standard_indexing=("c",))(pair)(np.ones(4), np.ones(4))
    with pytest.raises(ValueError, match="Secondary stencil array"):
        kern.stencil(pair)(np.ones(4), np.ones(3))
