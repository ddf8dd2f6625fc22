"""@kern.vectorize: .reduce and .accumulate against NumPy's own ufuncs, and
vectorized functions called inside @kern.njit code (array expressions that
fuse, scalar calls)."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import kern


@kern.vectorize(['int64(int64, int64)', 'float64(float64, float64)'],
                identity=0)
def add(x, y):
    return x + y


@kern.vectorize(['int64(int64, int64)', 'float64(float64, float64)'])
def bigger(x, y):
    return x if x > y else y


@kern.vectorize(['float64(float64, float64)'], identity='reorderable',
                target='parallel')
def bigger_par(x, y):
    return x if x > y else y


# ---------------------------------------------------------------------------
# reduce
# ---------------------------------------------------------------------------

@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(a=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3,
                                                 max_side=5),
                    elements=st.floats(-100, 100)),
       data=st.data())
def test_reduce_matches_numpy(a, data):
    axis = data.draw(st.one_of(
        st.none(), st.integers(-a.ndim, a.ndim - 1),
        st.lists(st.integers(0, a.ndim - 1), unique=True).map(tuple)))
    keepdims = data.draw(st.booleans())
    np.testing.assert_allclose(add.reduce(a, axis=axis, keepdims=keepdims),
                               np.add.reduce(a, axis=axis,
                                             keepdims=keepdims))
    if axis is None or isinstance(axis, int) or len(axis) <= 1:
        if a.size and (axis is None or all(a.shape[i] for i in (
                axis if isinstance(axis, tuple) else (axis,)))):
            if axis is None and a.ndim > 1:
                return  # several axes: needs an identity
            np.testing.assert_array_equal(
                bigger.reduce(a, axis=axis, keepdims=keepdims),
                np.maximum.reduce(a, axis=axis, keepdims=keepdims))


def test_reduce_defaults_and_types():
    a = np.arange(24).reshape(2, 3, 4)
    np.testing.assert_array_equal(add.reduce(a), a.sum(axis=0))
    assert add.reduce(a).dtype == np.int64
    r = add.reduce(a, axis=None)
    assert type(r) is np.int64 and r == a.sum()
    np.testing.assert_array_equal(add.reduce(a.astype(np.int32), axis=2),
                                  a.sum(axis=2))
    np.testing.assert_allclose(add.reduce(a, axis=1, dtype=np.float64),
                               a.sum(axis=1))
    assert add.reduce(a, axis=1, dtype=np.float64).dtype == np.float64
    with pytest.raises(TypeError, match="No loop matching"):
        add.reduce(a, dtype=np.float32)  # no float32 loop: not float64
    # non-contiguous and Fortran-ordered inputs
    f = np.asfortranarray(a[:, ::2, 1:])
    np.testing.assert_array_equal(add.reduce(f, axis=(0, 2)),
                                  f.sum(axis=(0, 2)))
    # one axis at a time, in every memory order (slice-wise or kern.reduce)
    m = np.random.default_rng(7).standard_normal((5, 6, 7))
    for v in (m, np.asfortranarray(m), m[::-1, :, ::2], m.transpose(1, 2, 0)):
        for axis in range(3):
            np.testing.assert_array_equal(bigger.reduce(v, axis=axis),
                                          np.maximum.reduce(v, axis=axis))
            np.testing.assert_array_equal(
                bigger.reduce(v, axis=axis, initial=1.0),
                np.maximum.reduce(v, axis=axis, initial=1.0))


def test_reduce_initial_identity_and_empty():
    a = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(add.reduce(a, axis=1, initial=10.0),
                                  np.add.reduce(a, axis=1, initial=10.0))
    np.testing.assert_array_equal(bigger.reduce(a, axis=0, initial=4.0),
                                  np.maximum.reduce(a, axis=0, initial=4.0))
    assert add.reduce(np.zeros(0)) == 0.0
    np.testing.assert_array_equal(add.reduce(np.zeros((0, 3))),
                                  np.zeros(3))
    with pytest.raises(ValueError, match="no identity"):
        bigger.reduce(np.zeros(0))
    assert bigger.reduce(np.zeros((0, 3)), axis=1).shape == (0,)
    assert add.reduce(np.zeros((0, 3)), axis=1).shape == (0,)
    assert add.reduce(np.zeros((2, 0)), axis=1).tolist() == [0.0, 0.0]
    r = add.reduce(np.float64(2.5), axis=None)
    assert r == np.add.reduce(np.float64(2.5), axis=None)
    with pytest.raises(ValueError, match="not reorderable"):
        bigger.reduce(a, axis=(0, 1))
    assert bigger_par.reduce(a, axis=None) == 5.0
    with pytest.raises(np.exceptions.AxisError):
        add.reduce(a, axis=2)
    out = np.zeros(3)
    assert add.reduce(a, axis=0, out=out) is out
    np.testing.assert_array_equal(out, a.sum(axis=0))


def test_reduce_parallel_target():
    old = kern.get_num_threads()
    try:
        for n in (1, 2):
            kern.set_num_threads(n)
            a = np.random.default_rng(n).standard_normal((40, 30))
            np.testing.assert_array_equal(bigger_par.reduce(a, axis=0),
                                          a.max(axis=0))
            np.testing.assert_array_equal(bigger_par.reduce(a, axis=1),
                                          a.max(axis=1))
            # large slices (reduced one slice at a time)
            w = np.random.default_rng(n).standard_normal((3, 40000))
            np.testing.assert_array_equal(bigger_par.reduce(w, axis=0),
                                          w.max(axis=0))
            np.testing.assert_array_equal(
                bigger_par.reduce(w.T, axis=1, initial=0.5),
                np.maximum.reduce(w.T, axis=1, initial=0.5))
    finally:
        kern.set_num_threads(old)


def test_reduce_needs_two_inputs():
    @kern.vectorize(['float64(float64)'])
    def neg(x):
        return -x
    with pytest.raises(ValueError, match="binary"):
        neg.reduce(np.ones(3))


# ---------------------------------------------------------------------------
# accumulate
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("axis", [0, 1, -1])
def test_accumulate_matches_numpy(axis):
    a = np.random.default_rng(3).standard_normal((4, 5))
    np.testing.assert_allclose(add.accumulate(a, axis=axis),
                               np.add.accumulate(a, axis=axis))
    np.testing.assert_array_equal(bigger.accumulate(a, axis=axis),
                                  np.maximum.accumulate(a, axis=axis))
    t = a.T
    np.testing.assert_array_equal(bigger.accumulate(t, axis=axis),
                                  np.maximum.accumulate(t, axis=axis))


def test_accumulate_types_and_out():
    a = np.arange(6, dtype=np.int32)
    r = add.accumulate(a)
    assert r.dtype == np.int64
    np.testing.assert_array_equal(r, np.cumsum(a))
    out = np.zeros(6)
    add.accumulate(a.astype(float), out=out)
    np.testing.assert_array_equal(out, np.cumsum(a))
    assert add.accumulate(np.zeros(0)).shape == (0,)
    with pytest.raises(ValueError, match="multiple axes"):
        add.accumulate(np.ones((2, 2)), axis=None)


# ---------------------------------------------------------------------------
# Inside @kern.njit
# ---------------------------------------------------------------------------

@kern.vectorize(['float32(float32, float32)', 'float64(float64, float64)'])
def clip_add(x, y):
    s = x + y
    if s > 1.0:
        return 1.0
    if s < -1.0:
        return -1.0
    return s


@kern.vectorize
def square(x):
    return x * x


@kern.njit
def clip_sum(a, b):
    return np.sum(clip_add(a, b) * 2.0)


@kern.njit
def chained(a, b):
    return square(clip_add(a, b)) + clip_add(1.5, 0.25)


@kern.njit
def on_scalars(x, y):
    return clip_add(x, y)


def test_njit_array_call_fuses():
    a = np.linspace(-2, 2, 101)
    b = np.linspace(1, -1, 101)
    np.testing.assert_allclose(clip_sum(a, b),
                               np.sum(np.clip(a + b, -1, 1) * 2.0),
                               atol=1e-12)
    np.testing.assert_allclose(clip_sum(a, 0.5),
                               np.sum(np.clip(a + 0.5, -1, 1) * 2.0))
    kern_ir = clip_sum.inspect_mlir(clip_sum.signatures[0])
    # the region calls the scalar kernel; the pipeline's `inline` pass
    # inlines it before kern-fuse
    assert "kern.ufunc" in kern_ir and "func.call @clip_add" in kern_ir
    affine = clip_sum.inspect_mlir(clip_sum.signatures[0], stage="affine")
    assert "func.call" not in affine
    # ufunc -> ufunc -> reduce fused: one loop, no temporary array
    assert affine.count("affine.for") + affine.count("scf.for") == 1
    assert "memref.alloc" not in affine


def test_njit_chained_and_broadcast():
    a = np.linspace(-2, 2, 12).reshape(3, 4)
    b = np.linspace(1, -1, 4)
    np.testing.assert_allclose(chained(a, b),
                               np.clip(a + b, -1, 1) ** 2 + 1.0)
    np.testing.assert_allclose(chained(a.T, b[:3]),
                               np.clip(a.T + b[:3], -1, 1) ** 2 + 1.0)


def test_njit_scalar_call():
    assert on_scalars(0.5, 0.75) == 1.0
    assert on_scalars(0.25, -0.5) == -0.25
    assert abs(on_scalars(np.float32(0.5), np.float32(0.25)) - 0.75) < 1e-7


def test_njit_out():
    @kern.njit
    def into(a, b, out):
        clip_add(a, b, out=out)
        clip_add(a[0], 0.5, out[1])
        return out

    a = np.linspace(-2, 2, 12).reshape(3, 4)
    b = np.linspace(1, -1, 4)
    out = np.zeros((3, 4))
    into(a, b, out)
    want = np.clip(a + b, -1, 1)
    want[1] = np.clip(a[0] + 0.5, -1, 1)
    np.testing.assert_array_equal(out, want)

    @kern.njit
    def fill(x, out):
        return clip_add(x, 0.25, out)

    col = np.zeros((4, 2))[:, 1]
    fill(0.5, col)
    np.testing.assert_array_equal(col, 0.75)


def test_njit_errors():
    @kern.njit
    def with_dtype(a):
        return clip_add(a, a, dtype=np.float32)

    with pytest.raises(kern.UnsupportedError, match="'dtype'"):
        with_dtype(np.ones(3))

    @kern.njit
    def scalar_out(a):
        return clip_add(a, a, 1.0)

    with pytest.raises(kern.TypingError, match="must be an array"):
        scalar_out(np.ones(3))

    @kern.njit
    def wrong_type(a):
        return clip_add(a, a)

    with pytest.raises(kern.TypingError, match="no loop"):
        wrong_type(np.ones(3, np.complex128))


def test_example_runs():
    """examples/vectorize_clip_add.py runs and checks itself vs NumPy."""
    import os
    import subprocess
    import sys
    root = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__))))
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.join(root, "python-frontend") + os.pathsep \
        + env.get("PYTHONPATH", "")
    r = subprocess.run([sys.executable, os.path.join(
        root, "examples", "vectorize_clip_add.py")], env=env,
        capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "agree with NumPy" in r.stdout
