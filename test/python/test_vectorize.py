"""@kern.vectorize: NumPy ufunc semantics, checked against NumPy itself.

Each vectorized function is compared with the same scalar function applied
through `np.vectorize` (or the NumPy expression it computes): broadcasting
over random shapes, dtypes and memory layouts (hypothesis), type resolution
against NumPy's own ufuncs, out= into views, dtype=, scalars, reductions,
accumulation, the parallel target, and calls inside @kern.njit code.
"""

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import kern


def clip_add_py(x, y):
    s = x + y
    if s > 1.0:
        return 1.0
    if s < -1.0:
        return -1.0
    return s


clip_add = kern.vectorize(['float32(float32, float32)',
                           'float64(float64, float64)'])(clip_add_py)
clip_add_par = kern.vectorize(['float32(float32, float32)',
                               'float64(float64, float64)'],
                              target='parallel')(clip_add_py)


def axpy_py(a, x, y):
    return a * x + y


axpy = kern.vectorize(['int64(int64, int64, int64)',
                       'float64(float64, float64, float64)'])(axpy_py)


@kern.vectorize(['int64(int64, int64)', 'float64(float64, float64)'],
                identity=0)
def add(x, y):
    return x + y


@kern.vectorize(['int64(int64, int64)', 'float64(float64, float64)'])
def bigger(x, y):
    return x if x > y else y


def layouts(a, kind):
    """`a`'s values in a C, Fortran or strided (non-contiguous) array."""
    if kind == "F" and a.ndim:
        return np.asfortranarray(a)
    if kind == "strided" and a.ndim:
        big = np.zeros(tuple(2 * n for n in a.shape), dtype=a.dtype)
        view = big[tuple(slice(None, None, 2) for _ in a.shape)]
        view[...] = a
        return view
    return a


# ---------------------------------------------------------------------------
# Attributes
# ---------------------------------------------------------------------------

def test_attributes():
    assert clip_add.nin == 2 and clip_add.nout == 1 and clip_add.nargs == 3
    assert clip_add.ntypes == 2
    assert clip_add.types == ['ff->f', 'dd->d']
    assert clip_add.__name__ == "clip_add_py"
    assert axpy.types == ['lll->l', 'ddd->d']
    assert add.identity == 0 and bigger.identity is None
    assert isinstance(clip_add, np.ufunc) and isinstance(add, np.ufunc)

    @kern.vectorize
    def documented(x):
        """Doubles x."""
        return 2 * x
    # a real np.ufunc: NumPy puts the call signature before the docstring
    assert documented.__doc__.endswith("\n\nDoubles x.")
    assert documented.ntypes == 0 and documented.types == []


# ---------------------------------------------------------------------------
# Broadcasting over shapes, dtypes and layouts (property tests)
# ---------------------------------------------------------------------------

_DTYPES = [np.float64, np.float32, np.int32, np.int64]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0,
                                                 max_dims=3, max_side=4),
       dtypes=st.tuples(st.sampled_from(_DTYPES), st.sampled_from(_DTYPES)),
       kinds=st.tuples(st.sampled_from(["C", "F", "strided"]),
                       st.sampled_from(["C", "F", "strided"])),
       seed=st.integers(0, 2**16))
def test_broadcast_matches_numpy(shapes, dtypes, kinds, seed):
    rng = np.random.default_rng(seed)
    xs = [layouts((rng.standard_normal(s) * 2).astype(d), k)
          for s, d, k in zip(shapes.input_shapes, dtypes, kinds)]
    got = clip_add(*xs)
    # NumPy's linear search over ['ff->f', 'dd->d'] gives float32 when
    # both inputs are float32 (int32 does not cast to float32 safely).
    want_t = np.float32 if all(d == np.float32 for d in dtypes) else \
        np.float64
    ref = np.vectorize(clip_add_py, otypes=[want_t])(
        *[x.astype(want_t) for x in xs])
    assert got.shape == shapes.result_shape
    assert np.asarray(got).dtype == want_t
    np.testing.assert_array_equal(got, ref)
    np.testing.assert_array_equal(
        clip_add(*xs), np.clip(xs[0].astype(want_t) + xs[1].astype(want_t),
                               -1, 1))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=3, min_dims=1,
                                                 max_dims=3, max_side=3),
       ints=st.booleans(), seed=st.integers(0, 2**16))
def test_three_inputs_match_numpy(shapes, ints, seed):
    rng = np.random.default_rng(seed)
    d = np.int64 if ints else np.float64
    xs = [(rng.standard_normal(s) * 10).astype(d)
          for s in shapes.input_shapes]
    np.testing.assert_allclose(axpy(*xs), xs[0] * xs[1] + xs[2])
    assert axpy(*xs).dtype == d


def test_type_resolution_matches_numpy_ufunc():
    """A vectorized add with np.add's loops (those of kern's types, in
    np.add's order) picks the loop NumPy picks, for arrays, NumPy scalars
    and weak Python scalars."""
    chars = {'?': 'bool', 'i': 'int32', 'l': 'int64', 'L': 'uint64',
             'q': 'int64', 'Q': 'uint64', 'f': 'float32', 'd': 'float64',
             'F': 'complex64', 'D': 'complex128'}
    sigs = []
    for loop in np.add.types:
        ins, out = loop.split('->')
        if all(c in chars for c in ins + out) and ins[0] == ins[1] != '?':
            sig = f"{chars[out]}({chars[ins[0]]}, {chars[ins[1]]})"
            if sig not in sigs:
                sigs.append(sig)
    def plus(x, y):
        return x + y
    vadd = kern.vectorize(sigs)(plus)
    values = [np.arange(3, dtype=np.int32), np.arange(3, dtype=np.int64),
              np.arange(3, dtype=np.uint64), np.ones(3, np.float32),
              np.ones(3, np.float64), np.ones(3, np.complex64),
              np.float32(2.5), np.int32(3), 7, 2.5, 1j]
    for x in values:
        for y in values:
            if not isinstance(x, np.ndarray) and not isinstance(y,
                                                                np.ndarray):
                continue
            want = np.add(x, y)
            got = vadd(x, y)
            assert got.dtype == want.dtype, (x, y)
            np.testing.assert_allclose(got, want)


# ---------------------------------------------------------------------------
# Scalars, 0-d arrays, out=, dtype=
# ---------------------------------------------------------------------------

def test_scalars_give_numpy_scalars():
    r = clip_add(0.25, 0.5)
    assert type(r) is np.float64 and r == 0.75
    r = clip_add(np.float32(0.25), np.float32(0.5))
    assert type(r) is np.float32
    r = clip_add(np.array(0.5), np.array(0.75))
    assert type(r) is np.float64 and r == 1.0
    assert axpy(2, 3, 4) == 10 and type(axpy(2, 3, 4)) is np.int64
    r = clip_add(np.array(0.5), np.array([0.1, 2.0]))
    np.testing.assert_array_equal(r, [0.6, 1.0])


def test_result_order_follows_the_inputs():
    """Like NumPy's default order='K': Fortran-ordered inputs give a
    Fortran-ordered result; C or mixed orders a C-ordered one."""
    a = np.asfortranarray(np.linspace(-2, 2, 12).reshape(3, 4))
    for x, y, fortran in [(a, a, True), (a, 0.5, True),
                          (np.ascontiguousarray(a), a, False),
                          (np.ascontiguousarray(a), 0.5, False)]:
        got, want = clip_add(x, y), np.add(x, y)
        assert got.flags.f_contiguous == fortran == want.flags.f_contiguous
        assert got.flags.c_contiguous == want.flags.c_contiguous
        np.testing.assert_array_equal(got, np.clip(want, -1, 1))


def test_lists_are_arrays():
    np.testing.assert_array_equal(clip_add([0.1, 0.2], [[1.0], [-2.0]]),
                                  [[1.0, 1.0], [-1.0, -1.0]])


def test_out_strided_view():
    """Numba's DUFunc writes the wrong elements into a strided `out` view;
    kern writes exactly the view's elements."""
    x = np.linspace(-2, 2, 12).reshape(3, 4)
    y = np.linspace(1, -1, 4)
    base = np.full((6, 8), 99.0)
    view = base[::2, 1::2]
    r = clip_add(x, y, out=view)
    assert r is view
    np.testing.assert_array_equal(view, np.clip(x + y, -1, 1))
    untouched = base.copy()
    untouched[::2, 1::2] = 99.0
    assert (untouched == 99.0).all()

    col = np.zeros((4, 3), order="F")
    clip_add(x.T, 0.5, col)  # out as a positional argument
    np.testing.assert_array_equal(col, np.clip(x.T + 0.5, -1, 1))
    rev = np.zeros(12)
    clip_add(x.ravel(), 0.0, out=(rev[::-1],))
    np.testing.assert_array_equal(rev[::-1], np.clip(x.ravel(), -1, 1))


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=1,
                                                 max_dims=3, max_side=4),
       steps=st.lists(st.sampled_from([1, 2, -1, -2]), min_size=3,
                      max_size=3),
       transpose=st.booleans(), seed=st.integers(0, 2**16))
def test_out_views_match_numpy(shapes, steps, transpose, seed):
    """out= into any strided, reversed or transposed view writes exactly
    the view's elements, as np.clip(..., out=view) does."""
    rng = np.random.default_rng(seed)
    x, y = [rng.standard_normal(s) for s in shapes.input_shapes]
    shape = shapes.result_shape
    order = shape[::-1] if transpose else shape
    big = np.full(tuple(2 * n for n in order), 7.0)
    view = big[tuple(slice(None, None, st_) for st_, _ in zip(steps, order))]
    view = view[tuple(slice(0, n) for n in order)]
    if transpose:
        view = view.T
    assert view.shape == shape
    ref_big = big.copy()
    ref_view = ref_big[tuple(slice(None, None, st_)
                             for st_, _ in zip(steps, order))]
    ref_view = ref_view[tuple(slice(0, n) for n in order)]
    if transpose:
        ref_view = ref_view.T
    np.clip(x + y, -1, 1, out=ref_view)
    assert clip_add(x, y, out=view) is view
    np.testing.assert_array_equal(big, ref_big)


def test_out_overlapping_input():
    a = np.linspace(-1, 1, 9)
    ref = np.clip(a[::-1] + a, -1, 1)
    clip_add(a[::-1], a, out=a)
    np.testing.assert_array_equal(a, ref)
    b = np.linspace(-1, 1, 9)
    ref = np.clip(b + 0.5, -1, 1)
    clip_add(b, 0.5, out=b)
    np.testing.assert_array_equal(b, ref)


def test_out_other_dtype_and_errors():
    x = np.linspace(-2, 2, 5)
    o32 = np.zeros(5, np.float32)
    clip_add(x, x, out=o32)
    np.testing.assert_array_equal(o32, np.clip(2 * x, -1, 1).astype('f4'))
    with pytest.raises(TypeError, match="Cannot cast ufunc"):
        clip_add(x, x, out=np.zeros(5, np.int64))
    with pytest.raises(ValueError, match="could not be broadcast"):
        clip_add(x, x, out=np.zeros(3))
    with pytest.raises(ValueError, match="non-broadcastable output"):
        clip_add(x[:, None], x, out=np.zeros(5))
    ro = np.zeros(5)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        clip_add(x, x, out=ro)
    z = np.zeros(())
    assert clip_add(0.25, 0.5, out=z) is z and z[()] == 0.75


def test_dtype_selects_the_loop():
    x = np.linspace(-1, 1, 5)
    r = clip_add(x, x, dtype=np.float32)
    assert r.dtype == np.float32
    np.testing.assert_array_equal(r, np.clip(2 * x.astype('f4'), -1, 1))
    with pytest.raises(TypeError, match="No loop matching"):
        clip_add(x, x, dtype=np.int64)
    with pytest.raises(TypeError, match="No loop matching"):
        np.asarray(clip_add(x, x, dtype=np.complex64))


def test_no_matching_signature_is_a_type_error():
    with pytest.raises(TypeError, match="not supported for the input types"):
        clip_add(np.ones(3, np.complex128), 1.0)
    with pytest.raises(TypeError, match="takes from 2 to 3 positional"):
        clip_add(np.ones(3))
    with pytest.raises(TypeError, match="unexpected keyword"):
        clip_add(np.ones(3), 1.0, bogus=1)
    # np.vectorize-style reference: NumPy raises the same kind for np.add
    with pytest.raises(TypeError):
        np.add(np.ones(3), 1.0, dtype=np.int64, casting="safe")


def test_shapes_that_do_not_broadcast_raise_numpys_error():
    with pytest.raises(ValueError) as mine:
        clip_add(np.ones((2, 3)), np.ones(4))
    with pytest.raises(ValueError) as numpys:
        np.add(np.ones((2, 3)), np.ones(4))
    assert "broadcast" in str(mine.value) and "broadcast" in str(
        numpys.value)


def test_numpy_error_model():
    """Like NumPy's ufuncs (and Numba's vectorize), division by zero gives
    inf/nan instead of raising; NumPy's np.errstate governs the warning,
    as for np.divide."""
    def divide(x, y):
        return x / y
    div = kern.vectorize(['float64(float64, float64)'])(divide)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = div(np.array([1.0, -1.0, 0.0]), 0.0)
    assert r[0] == math.inf and r[1] == -math.inf and math.isnan(r[2])
    with np.errstate(divide="raise"):
        with pytest.raises(FloatingPointError):
            div(np.array([1.0]), 0.0)


# ---------------------------------------------------------------------------
# Lazy compilation (no signatures) and options
# ---------------------------------------------------------------------------

def test_lazy_compiles_per_input_types():
    @kern.vectorize
    def twice_plus(x, y):
        return x + x + y
    assert twice_plus.ntypes == 0
    np.testing.assert_array_equal(twice_plus(np.arange(4), 1),
                                  2 * np.arange(4) + 1)
    assert twice_plus.types == ['ll->l']
    r = twice_plus(np.arange(4.0, dtype=np.float32), np.float32(0.5))
    assert r.dtype == np.float32 and twice_plus.ntypes == 2
    # An existing loop serves inputs that cast to it safely.
    assert twice_plus(np.arange(3, dtype=np.int32), 1).dtype == np.int64
    assert twice_plus.ntypes == 2


def test_other_numpy_dtypes_are_cast():
    """Inputs of other dtypes take the loop they cast to safely; a lazy
    ufunc compiles for their own dtype (x + 1 on int16 is int64, as in
    Numba, whose integer arithmetic is 64-bit), float16 for float32;
    strings are refused."""
    assert axpy(np.arange(3, dtype=np.int16), np.int8(2),
                np.uint8(1)).dtype == np.int64

    @kern.vectorize
    def inc(x):
        return x + 1
    assert inc(np.arange(3, dtype=np.int16)).dtype == np.int64
    assert inc.types[-1].startswith("h->")  # an int16 loop
    assert inc(np.arange(3, dtype=np.uint32)).dtype == np.int64
    np.testing.assert_array_equal(inc(np.ones(2, np.float16)), [2.0, 2.0])
    assert inc(np.ones(2, np.float16)).dtype == np.float32
    with pytest.raises(TypeError, match="not supported for the input"):
        inc(np.array(["a"]))
    with pytest.raises(TypeError, match="not supported for the input"):
        clip_add(np.array(["a"]), 1.0)


def test_options():
    with pytest.raises(ValueError, match="target"):
        kern.vectorize(target="gpu")(clip_add_py)
    with pytest.raises(TypeError, match="unexpected option"):
        kern.vectorize(bogus=True)(clip_add_py)
    with pytest.raises(TypeError, match="1 inputs"):
        kern.vectorize(['float64(float64)'])(clip_add_py)
    fm = kern.vectorize(['float64(float64, float64)'], fastmath=True,
                        cache=True)(axpy_py.__code__ and kern.vectorize_info(add).py_func)
    np.testing.assert_array_equal(fm(np.arange(3.0), 1.0), [1, 2, 3])


def test_kernel_typing_errors_are_kern_errors():
    def bad(x):
        return undefined_name + x  # noqa: F821
    with pytest.raises(kern.TypingError, match="undefined_name"):
        kern.vectorize(['float64(float64)'])(bad)


# ---------------------------------------------------------------------------
# Parallel target
# ---------------------------------------------------------------------------

def test_loops_are_kern_code():
    """Each loop is a kern module: a kern.ufunc over the arguments calling
    the kernel, with kern.parallel on the parallel target."""
    clip_add_par(np.ones((2, 3)), np.ones(3))
    texts = kern.vectorize_info(clip_add_par).inspect_mlir()
    ufuncs = [t for name, t in texts.items() if "__ufunc" in name]
    assert ufuncs and all("kern.ufunc(" in t and "kern.parallel" in t and
                          "outs(%out" in t for t in ufuncs)
    assert all("kern.parallel" not in t for name, t in texts.items()
               if "__scalar" in name)
    clip_add(np.ones(3), 1.0)
    assert all("kern.parallel" not in t
               for t in kern.vectorize_info(clip_add).inspect_mlir().values())


@pytest.mark.parametrize("threads", [1, 2])
def test_parallel_target_matches(threads):
    old = kern.get_num_threads()
    kern.set_num_threads(threads)
    try:
        rng = np.random.default_rng(1)
        x = rng.standard_normal((64, 33))
        y = rng.standard_normal(33)
        np.testing.assert_array_equal(clip_add_par(x, y), clip_add(x, y))
        out = np.zeros((33, 64)).T
        clip_add_par(x, y, out=out)
        np.testing.assert_array_equal(out, np.clip(x + y, -1, 1))
        np.testing.assert_array_equal(clip_add_par(x[:, ::3], 0.5),
                                      np.clip(x[:, ::3] + 0.5, -1, 1))
    finally:
        kern.set_num_threads(old)


# ---------------------------------------------------------------------------
# Ranks beyond njit's three, other dtypes, byte orders, empty arrays
# ---------------------------------------------------------------------------

def square_py(x):
    return x * x


square = kern.vectorize(['float64(float64)'])(square_py)


def test_any_rank():
    a = np.random.default_rng(5).standard_normal((2, 3, 2, 2, 3))
    np.testing.assert_array_equal(square(a), a * a)
    v = a[:, ::-1, :, 1:, ::2]
    np.testing.assert_array_equal(square(v), v * v)
    np.testing.assert_array_equal(clip_add(a, a[0, 0]),
                                  np.clip(a + a[0, 0], -1, 1))
    np.testing.assert_allclose(add.reduce(a, axis=(1, 3)),
                               a.sum(axis=(1, 3)))
    np.testing.assert_array_equal(bigger.accumulate(a, axis=4),
                                  np.maximum.accumulate(a, axis=4))


def test_empty_arrays():
    assert square(np.zeros((0, 3))).shape == (0, 3)
    assert clip_add(np.zeros((4, 0)), np.zeros(0)).shape == (4, 0)


def test_byte_orders():
    big = np.arange(4.0).astype(">f8")
    np.testing.assert_array_equal(square(big), np.arange(4.0) ** 2)
    out = np.zeros(4, dtype=">f8")
    square(np.arange(4.0), out=out)
    np.testing.assert_array_equal(out, np.arange(4.0) ** 2)


def test_other_dtypes_match_numpy():
    def floordiv(x, y):
        return x // y

    def abs2(z):
        return z * z.conjugate()

    def and_not(a, b):
        return a and not b

    fd = kern.vectorize(['int64(int64, int64)'])(floordiv)
    with np.errstate(divide="ignore"):
        x = np.array([7, -7, 0, 9])
        np.testing.assert_array_equal(fd(x, 2), np.floor_divide(x, 2))
        np.testing.assert_array_equal(fd(x, 0), np.floor_divide(x, 0))
    z = np.array([1 + 2j, 3j, -1.5])
    np.testing.assert_allclose(
        kern.vectorize(['complex128(complex128)'])(abs2)(z), z * z.conj())
    p, q = np.array([True, True, False]), np.array([False, True, False])
    np.testing.assert_array_equal(
        kern.vectorize(['bool(bool, bool)'])(and_not)(p, q), p & ~q)
    u = np.array([2**63, 5], dtype=np.uint64)
    r = add_u(u, np.uint64(3))
    assert r.dtype == np.uint64
    np.testing.assert_array_equal(r, u + np.uint64(3))


@kern.vectorize(['uint64(uint64, uint64)'])
def add_u(a, b):
    return a + b


def test_cached_plans_follow_the_inputs():
    """Calls with the same kinds of inputs reuse a plan; other kinds (0-d
    arrays, NumPy scalars, other dtypes and byte orders) get their own."""
    a = np.linspace(-1, 1, 5)
    for y in [0.5, np.float64(0.5), np.array(0.5), np.float32(0.5),
              np.array([0.5]), np.full(5, 0.5, np.float32), 0.5,
              np.full(5, 0.5).astype(">f8"), [0.5], np.array(0.5)]:
        got = clip_add(a, y)
        np.testing.assert_array_equal(got, np.clip(a + np.asarray(y), -1, 1))
        assert got.dtype == np.float64
    r = clip_add(np.float32(0.25), np.array(0.5, np.float32))
    assert type(r) is np.float32 and r == 0.75


# ---------------------------------------------------------------------------
# cache=True
# ---------------------------------------------------------------------------

_CACHED_PROGRAM = '''
import numpy as np, kern
SHIFT = {shift}
@kern.vectorize(['float64(float64, float64)'], cache=True, identity=0)
def cadd(x, y):
    return x + y + SHIFT
events = [kern.vectorize_info(cadd).cache_event]
r = cadd(np.ones((2, 3)), np.arange(3.0))
s = cadd.reduce(np.arange(6.0).reshape(2, 3), axis=1)
print(",".join(events), "|", r.tolist(), s.tolist())
'''


def test_cache_reuses_loops_across_processes(tmp_path):
    import os
    import subprocess
    import sys
    env = dict(os.environ, KERN_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONPATH=os.pathsep.join(
                   [p for p in sys.path if p.endswith("python-frontend")]))

    def run(shift):
        script = tmp_path / "prog.py"
        script.write_text(_CACHED_PROGRAM.format(shift=shift))
        out = subprocess.run([sys.executable, str(script)], env=env,
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        events, values = out.stdout.split(" | ")
        return events, values.strip()

    events, values = run(0.0)
    assert events == "miss"  # the loop compiles at decoration
    assert values == "[[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]] [3.0, 12.0]"
    events, again = run(0.0)
    assert events == "hit" and again == values
    # A global the kernel reads is part of the key: recompiled, not reused.
    events, shifted = run(1.0)
    assert "hit" not in events
    # (the reduction starts from the identity 0: ((0+0+1)+1+1)+2+1 = 6)
    assert shifted == "[[2.0, 3.0, 4.0], [2.0, 3.0, 4.0]] [6.0, 15.0]"


def test_concurrent_first_calls():
    """Threads racing on a loop's first call compile it once and all get
    the right result."""
    import threading

    @kern.vectorize(['float64(float64, float64)'])
    def mul(x, y):
        return x * y
    a = np.arange(12.0).reshape(3, 4)
    results = [None] * 4

    def work(i):
        results[i] = mul(a, float(i))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, r in enumerate(results):
        np.testing.assert_array_equal(r, a * i)
    assert len([n for n in kern.vectorize_info(mul).inspect_mlir()
                if "__ufunc" in n]) == 1


def test_identity_is_checked():
    with pytest.raises(ValueError, match="identity"):
        kern.vectorize(['float64(float64, float64)'], identity="zero")(
            kern.vectorize_info(add).py_func)


# ---------------------------------------------------------------------------
# A real np.ufunc: what NumPy's machinery gives
# ---------------------------------------------------------------------------

@kern.vectorize(['int64(int64, int64)', 'float64(float64, float64)'],
                identity=0)
def plus(x, y):
    return x + y


def test_real_ufunc_methods_match_numpy():
    assert isinstance(plus, np.ufunc) and plus.identity == 0
    a = np.arange(12.0).reshape(3, 4)
    b = np.arange(4.0)
    np.testing.assert_array_equal(plus.outer(b, b), np.add.outer(b, b))
    np.testing.assert_array_equal(plus.reduce(a, axis=(0, 1)),
                                  np.add.reduce(a, axis=(0, 1)))
    np.testing.assert_array_equal(plus.reduce(a, axis=1, keepdims=True),
                                  np.add.reduce(a, axis=1, keepdims=True))
    np.testing.assert_array_equal(plus.accumulate(a, axis=1),
                                  np.add.accumulate(a, axis=1))
    np.testing.assert_array_equal(plus.reduceat(b, [0, 2, 3]),
                                  np.add.reduceat(b, [0, 2, 3]))
    x, y = np.zeros(5), np.zeros(5)
    plus.at(x, [0, 0, 3], 2.0)
    np.add.at(y, [0, 0, 3], 2.0)
    np.testing.assert_array_equal(x, y)
    w = a > 4
    o1, o2 = np.full_like(a, -1), np.full_like(a, -1)
    plus(a, 1.0, out=o1, where=w)
    np.add(a, 1.0, out=o2, where=w)
    np.testing.assert_array_equal(o1, o2)
    r = plus(np.arange(4), np.arange(4), dtype=np.float64)
    assert r.dtype == np.float64 and r.tolist() == [0, 2, 4, 6]
    assert plus(np.int32(2), np.int8(3)).dtype == np.int64
    with pytest.raises(TypeError, match="not supported for the input"):
        plus(np.ones(2, np.complex128), 1)  # eager: no loop, NumPy's error


def test_strided_and_overlapping_out_writes():
    a = np.arange(10.0)
    out = np.zeros(30)
    plus(a, a, out=out[::3])
    want = np.zeros(30)
    np.add(a, a, out=want[::3])
    np.testing.assert_array_equal(out, want)
    c = np.arange(10.0)
    d = np.arange(10.0)
    plus(c[:-1], c[1:], out=c[1:])     # NumPy copies overlapping inputs
    np.add(d[:-1], d[1:], out=d[1:])
    np.testing.assert_array_equal(c, d)
    # complex128 with a 24-byte stride: whole elements are not its steps
    raw = np.arange(40.0)
    z = np.ndarray((6,), np.complex128, raw, 0, (24,))

    @kern.vectorize(['complex128(complex128, complex128)'])
    def cmul(p, q):
        return p * q
    np.testing.assert_array_equal(cmul(z, z), z * z)


def test_lazy_ufunc_grows_loops():
    @kern.vectorize
    def twice(x, y):
        return x * 2 + y
    assert isinstance(twice, np.ufunc) and twice.ntypes == 0
    assert twice(2, 3) == 7 and twice.types == ['ll->l']
    np.testing.assert_array_equal(twice(np.arange(3.0), 1.0), [1, 3, 5])
    assert twice.types == ['ll->l', 'dd->d']
    twice(np.arange(3), 1)     # int64 casts to the existing loop: no new one
    assert twice.ntypes == 2
    r = twice(np.ones(2, np.float32), np.float32(1))  # casts safely to dd
    assert r.dtype == np.float64 and twice.ntypes == 2
    r = twice(np.ones(2, np.complex64), 1j)          # a new loop
    assert r.dtype == np.complex128 and twice.ntypes == 3
    np.testing.assert_array_equal(twice.outer(np.arange(2), np.arange(3)),
                                  np.arange(2)[:, None] * 2 + np.arange(3))
    np.testing.assert_array_equal(
        twice.reduce(np.arange(4.0)), ((0 * 2 + 1) * 2 + 2) * 2 + 3)
    assert kern.vectorize_info(twice).ufunc is twice


def test_parallel_target_large_arrays():
    @kern.vectorize(['float64(float64, float64)'], target='parallel')
    def hyp(x, y):
        return (x * x + y * y) ** 0.5
    x = np.random.default_rng(3).standard_normal(1_000_003)
    np.testing.assert_allclose(hyp(x, 2.0), np.hypot(x, 2.0))
    np.testing.assert_allclose(hyp(x[:-1:2], x[1::2]),
                               np.hypot(x[:-1:2], x[1::2]))


def test_lazy_growth_from_threads():
    """Threads racing to add the same loop to a lazy ufunc all succeed."""
    import threading

    @kern.vectorize
    def sub(x, y):
        return x - y
    a = np.arange(6.0)
    results = [None] * 4

    def work(i):
        results[i] = sub(a, float(i))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, r in enumerate(results):
        np.testing.assert_array_equal(r, a - i)
    assert sub.types == ['dd->d']


def test_array_ufunc_dispatch():
    """Objects overriding __array_ufunc__ (Dask, xarray, pandas do) receive
    a kern ufunc like any NumPy ufunc."""
    class Tagged:
        def __init__(self, data):
            self.data = np.asarray(data)

        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            raw = [i.data if isinstance(i, Tagged) else i for i in inputs]
            return ("seen", ufunc, method,
                    getattr(ufunc, method)(*raw, **kwargs))

    tag, uf, method, value = plus(Tagged([1.0, 2.0]), 1.0)
    assert tag == "seen" and uf is plus and method == "__call__"
    np.testing.assert_array_equal(value, [2.0, 3.0])
    _, _, method, value = plus.reduce(Tagged([1.0, 2.0, 3.0]))
    assert method == "reduce" and value == 6.0


def test_lazy_is_one_ufunc_growing_in_place():
    """A lazy ufunc is an np.ufunc from decoration on; loops are added to
    the same object (int64, then float32, then float64 inputs: three) and
    NumPy's methods, where= and strided out= work on it."""
    @kern.vectorize(identity=0)
    def lin(x, y):
        return x * 2 + y
    assert isinstance(lin, np.ufunc) and lin.types == []
    same = lin
    assert lin(np.arange(3), 1).tolist() == [1, 3, 5]
    assert lin(np.ones(2, np.float32), np.float32(1)).dtype == np.float32
    assert lin(np.ones(2), np.ones(2)).dtype == np.float64
    assert lin.types == ['ll->l', 'ff->f', 'dd->d'] and lin is same
    a = np.arange(10.0)
    out, want = np.zeros(30), np.zeros(30)
    lin(a, a, out=out[::3])
    want[::3] = a * 2 + a
    np.testing.assert_array_equal(out, want)
    o = np.full(10, -1.0)
    lin(a, 1.0, out=o, where=a > 4)
    np.testing.assert_array_equal(o, np.where(a > 4, a * 2 + 1, -1))
    x = np.zeros(5)
    lin.at(x, [0, 0, 3], 2.0)
    np.testing.assert_array_equal(x, [6, 0, 0, 2, 0])
    np.testing.assert_array_equal(lin.reduceat(np.arange(6.0), [0, 2, 4]),
                                  [1, 7, 13])
    np.testing.assert_array_equal(lin.accumulate(np.arange(4.0)),
                                  [0, 1, 4, 11])
    np.testing.assert_array_equal(lin.outer(np.arange(2), np.arange(3)),
                                  np.arange(2)[:, None] * 2 + np.arange(3))
    # identity=0 starts reductions, also over several axes at once
    assert lin.reduce(np.ones((2, 2)), axis=None) == 15.0
    assert lin.ntypes == 3


def test_lazy_typing_error_reaches_the_caller():
    @kern.vectorize
    def bad(x):
        return x.foo + 1
    with pytest.raises(kern.TypingError, match="unknown attribute 'foo'"):
        bad(np.arange(3.0))
