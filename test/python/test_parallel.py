"""parallel=True: prange loops and array expressions on OpenMP threads.

Results against plain Python (`f.py_func`) or NumPy, on several thread
counts; what runs in parallel is read off the optimised LLVM IR (a
`__kmpc_fork_call`); loops that cannot run in parallel run sequentially
with a kern.ParallelWarning saying why."""

import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

import kern
from kern import prange

FRONTEND = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "python-frontend")


@pytest.fixture(autouse=True)
def restore_threads():
    n = kern.get_num_threads()
    yield
    kern.set_num_threads(n)


def forks(f):
    """True when the compiled code of f's only signature starts OpenMP
    threads."""
    (text,) = f.inspect_llvm().values()
    return "__kmpc_fork_call" in text


def no_warnings(f, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("error", kern.ParallelWarning)
        return f(*args)


# --- reductions ----------------------------------------------------------

@kern.njit(parallel=True)
def sum_float(a):
    s = 0.0
    for i in prange(a.shape[0]):
        s += a[i]
    return s


@kern.njit(parallel=True)
def sum_int(n):
    s = 0
    for i in prange(n):
        s += i * i % 7
    return s


@kern.njit(parallel=True)
def sub_int(n):
    s = 1000
    for i in prange(n):
        s -= i
    return s


@kern.njit(parallel=True)
def product(a):
    p = 1.0
    for i in prange(a.shape[0]):
        p *= a[i]
    return p


@kern.njit(parallel=True)
def product_int(n):
    p = 1
    for i in prange(1, n):
        p *= 1 + i % 2
    return p


@kern.njit(parallel=True)
def extremes(a):
    lo = a[0]
    hi = a[0]
    for i in prange(a.shape[0]):
        lo = min(lo, a[i])
        hi = max(hi, a[i])
    return lo, hi


@kern.njit(parallel=True)
def int_extremes(n):
    lo = 1 << 40
    hi = -(1 << 40)
    for i in prange(n):
        v = (i * 7919) % 1009 - 500
        lo = min(lo, v)
        hi = max(hi, v)
    return lo, hi


@kern.njit(parallel=True)
def moments(a):
    s = 0.0
    sq = 0.0
    count = 0
    for i in prange(a.shape[0]):
        s += a[i]
        sq += a[i] * a[i]
        if a[i] > 0.5:
            count += 1
    return s, sq, count


@kern.njit(parallel=True)
def nested(a):
    total = 0.0
    for i in prange(a.shape[0]):
        for j in range(a.shape[1]):
            total += a[i, j] * (j + 1)
    return total


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_reductions_match_python(threads):
    kern.set_num_threads(threads)
    rng = np.random.default_rng(threads)
    a = rng.random(10007)
    assert no_warnings(sum_float, a) == pytest.approx(a.sum(), rel=1e-12)
    assert no_warnings(sum_int, 100003) == sum_int.py_func(100003)
    assert no_warnings(sub_int, 5000) == sub_int.py_func(5000)
    small = 1.0 + rng.random(200) * 1e-3
    assert no_warnings(product, small) == pytest.approx(np.prod(small), rel=1e-12)
    assert no_warnings(product_int, 40) == product_int.py_func(40)
    assert no_warnings(extremes, a) == (a.min(), a.max())
    assert no_warnings(int_extremes, 5000) == int_extremes.py_func(5000)
    s, sq, count = no_warnings(moments, a)
    assert s == pytest.approx(a.sum(), rel=1e-12)
    assert sq == pytest.approx((a * a).sum(), rel=1e-12)
    assert count == int((a > 0.5).sum())
    m = rng.random((301, 17))
    assert no_warnings(nested, m) == pytest.approx(
        (m * np.arange(1, 18)).sum(), rel=1e-12)


def test_reductions_run_in_parallel():
    for f in (sum_float, sum_int, sub_int, product, extremes, int_extremes,
              moments, nested):
        assert forks(f), f.__name__


def test_integer_results_do_not_depend_on_the_thread_count():
    results = set()
    for threads in (1, 2, 3, 4, 7):
        kern.set_num_threads(threads)
        results.add((sum_int(1000003), int_extremes(77777), product_int(61)))
    assert len(results) == 1


def test_float_results_within_rounding_for_any_thread_count():
    a = np.random.default_rng(0).random(1_000_003)
    exact = float(np.sum(a.astype(np.longdouble)))
    for threads in (1, 2, 4):
        kern.set_num_threads(threads)
        assert sum_float(a) == pytest.approx(exact, rel=1e-12)


# --- arrays --------------------------------------------------------------

@kern.njit(parallel=True)
def scale_into(a, out):
    for i in prange(a.shape[0]):
        out[i] = 2.0 * a[i] + 1.0


@kern.njit(parallel=True)
def rows(a):
    out = np.empty((a.shape[0], a.shape[1]))
    for i in prange(a.shape[0]):
        for j in range(a.shape[1]):
            out[i, j] = a[i, j] * i + j
    return out


@kern.njit(parallel=True)
def expression(x, y):
    return np.sin(x) * y + x * x


def test_writes_at_the_loop_index_are_parallel():
    a = np.arange(1000.0)
    out = np.zeros_like(a)
    no_warnings(scale_into, a, out)
    np.testing.assert_array_equal(out, 2.0 * a + 1.0)
    assert forks(scale_into)
    m = np.random.default_rng(1).random((50, 9))
    expected = m * np.arange(50)[:, None] + np.arange(9)
    np.testing.assert_allclose(no_warnings(rows, m), expected, rtol=1e-15)
    assert forks(rows)


def test_array_expressions_run_their_outer_loop_in_parallel():
    x = np.linspace(0, 3, 5001)
    y = np.cos(x)
    np.testing.assert_allclose(no_warnings(expression, x, y),
                               np.sin(x) * y + x * x, rtol=1e-14)
    assert forks(expression)
    x2 = x.reshape(3, 1667)
    np.testing.assert_allclose(expression(x2, x2), np.sin(x2) * x2 + x2 * x2,
                               rtol=1e-14)


# --- loops that are not safe ---------------------------------------------

@kern.njit(parallel=True)
def shift(a):
    for i in prange(a.shape[0] - 1):
        a[i + 1] = a[i] + 1.0


@kern.njit(parallel=True)
def histogram(a, bins):
    for i in prange(a.shape[0]):
        bins[int(a[i] * 4.0)] += 1


def test_unsafe_loop_runs_sequentially_with_a_warning():
    with pytest.warns(kern.ParallelWarning,
                      match=r"shift\(float64\[::1\]\): prange loop runs "
                            r"sequentially: .*not indexed by the loop variable"
                      ) as record:
        out = np.zeros(6)
        shift(out)
    # Sequential semantics: each iteration sees the previous one's write.
    np.testing.assert_array_equal(out, np.arange(6.0))
    assert not forks(shift)
    # The warning points at the write that makes the loop unsafe, in this
    # file (the kern MLIR carries the Python locations).
    (w,) = [r for r in record if issubclass(r.category, kern.ParallelWarning)]
    assert w.filename == __file__
    assert "a[i + 1] = a[i]" in open(__file__).read().splitlines()[w.lineno - 1]


def test_scattered_writes_are_not_a_data_race():
    a = np.random.default_rng(2).random(100000)
    bins = np.zeros(4, dtype=np.int64)
    with pytest.warns(kern.ParallelWarning, match="bins|arg1|not indexed"):
        histogram(a, bins)
    np.testing.assert_array_equal(bins, np.bincount((a * 4).astype(int),
                                                    minlength=4))


def test_warning_can_be_an_error():
    @kern.njit(parallel=True)
    def again(a):
        for i in prange(a.shape[0] - 1):
            a[i + 1] = a[i]
        return a
    with warnings.catch_warnings():
        warnings.simplefilter("error", kern.ParallelWarning)
        with pytest.raises(kern.ParallelWarning):
            again(np.zeros(3))


def test_a_variable_that_is_not_a_reduction_is_a_typing_error():
    @kern.njit(parallel=True)
    def last(a):
        x = 0.0
        for i in prange(a.shape[0]):
            x = a[i]
        return x
    with pytest.raises(kern.TypingError, match="'x'.*not a reduction"):
        last(np.zeros(3))


# --- prange without parallel ---------------------------------------------

def test_prange_in_plain_python_is_range():
    assert list(prange(5)) == list(range(5))
    assert list(prange(2, 9, 3)) == [2, 5, 8]
    assert sum_float.py_func(np.arange(4.0)) == 6.0


def test_prange_without_parallel_is_range():
    @kern.njit
    def serial(a):
        s = 0.0
        for i in prange(a.shape[0]):
            s += a[i]
        return s

    @kern.njit
    def serial_shift(a):
        for i in prange(a.shape[0] - 1):
            a[i + 1] = a[i] + 1.0
        return a
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert serial(np.arange(10.0)) == 45.0
        np.testing.assert_array_equal(serial_shift(np.zeros(4)),
                                      np.arange(4.0))
    assert not forks(serial) and not forks(serial_shift)


# --- threads -------------------------------------------------------------

def test_set_and_get_num_threads():
    kern.set_num_threads(3)
    assert kern.get_num_threads() == 3
    kern.set_num_threads(1)
    assert kern.get_num_threads() == 1
    assert sum_int(1000) == sum_int.py_func(1000)


def test_thread_count_from_the_environment(tmp_path):
    script = tmp_path / "threads.py"
    script.write_text("import kern, numpy as np\n"
            "@kern.njit(parallel=True)\n"
            "def f(n):\n"
            "    s = 0\n"
            "    for i in kern.prange(n):\n"
            "        s += i\n"
            "    return s\n"
            "print(kern.get_num_threads(), f(1000))\n")
    env = dict(os.environ, KERN_NUM_THREADS="3",
               PYTHONPATH=os.pathsep.join([FRONTEND, os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, str(script)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", str(sum(range(1000)))]


# --- small inputs ----------------------------------------------------------

def test_parallel_regions_have_a_size_threshold():
    """kern-parallel-threshold: every parallel region starts threads only
    when its loop has enough iterations, else runs a serial copy of the
    loop: a comparison of the trip count (or of the work) with a threshold
    guards each fork."""
    import re
    a, m = np.ones(4), np.ones((2, 2))
    sum_float(a), scale_into(a, np.empty(4)), expression(a, a), nested(m)
    for f in (sum_float, scale_into, expression, nested):
        for text in f.inspect_mlir(stage="llvm").values():
            forks = text.count("omp.parallel")
            assert forks >= 1, f.__name__
            guards = re.findall(r'llvm.icmp "sge" %\w+, %\w+ : i64\s+'
                                r'(?:%\d+ = llvm.and [^\n]*\s+)?llvm.cond_br', text)
            assert len(guards) >= forks, (f.__name__, forks, len(guards))


def test_small_inputs_agree_with_serial():
    """Small inputs take the serial copy of the loop (the guard is checked
    above; bench/bench_options.py times it): same results as serial code."""
    serial = kern.njit(sum_float.py_func)
    kern.set_num_threads(2)
    for n in (1, 10, 1000, 100_000):
        a = np.random.default_rng(n).random(n)
        assert sum_float(a) == pytest.approx(serial(a), rel=1e-12)


# --- calls inside prange bodies (inlined before parallelization) -----------

@kern.njit
def _row_norm2(r):
    s = 0.0
    for j in range(r.shape[0]):
        s += r[j] * r[j]
    return s


@kern.njit(parallel=True)
def rows_norm2(m):
    out = np.empty(m.shape[0])
    for i in prange(m.shape[0]):
        out[i] = _row_norm2(m[i])
    return out


def test_prange_body_calling_an_njit_function_parallelizes():
    m = np.arange(2000.0 * 64).reshape(2000, 64) / 1e3
    np.testing.assert_allclose(no_warnings(rows_norm2, m),
                               (m * m).sum(axis=1))
    assert forks(rows_norm2)


# ---------------------------------------------------------------------------
# prange reductions against Python, every dtype
# prange reductions, serial and parallel, equal the same loop run by Python
# over NumPy scalars, for every dtype (uint64 included: `s -= e` is compiled
# as s + (-e), which must negate in the type of s - e).
# ---------------------------------------------------------------------------

pytestmark = pytest.mark.filterwarnings("ignore::RuntimeWarning")


def p_max(a):
    s = a[0]
    for i in kern.prange(a.shape[0]):
        s = max(s, a[i])
    return s


def p_min(a):
    s = a[0]
    for i in kern.prange(a.shape[0]):
        s = min(s, a[i])
    return s


def p_sub(a):
    s = 0.0
    for i in kern.prange(a.shape[0]):
        s -= a[i]
    return s


def p_sum_float(a):
    s = 0.0
    for i in kern.prange(a.shape[0]):
        s += a[i]
    return s


def p_step(a):
    s = 0.0
    for i in kern.prange(1, a.shape[0], 3):
        s += a[i] * 2
    return s


def p_write(a):
    out = np.empty_like(a)
    for i in kern.prange(a.shape[0]):
        out[i] = a[i] * 2
    return out


ARRAYS = {
    "uint64": np.array([1, 2 ** 63 + 5, 3, 2 ** 64 - 2] * 3000, np.uint64),
    "int64": np.arange(-6000, 6000, dtype=np.int64),
    "int32": np.arange(-6000, 6000, dtype=np.int32),
    "float64": np.linspace(-3.0, 7.0, 12001),
    "float32": np.linspace(-3.0, 7.0, 12001).astype(np.float32),
}


@pytest.mark.parametrize("f", [p_max, p_min, p_sub, p_sum_float, p_step,
                               p_write])
@pytest.mark.parametrize("dtype", list(ARRAYS))
@pytest.mark.parametrize("parallel", [False, True])
def test_prange_matches_python(f, dtype, parallel):
    a = ARRAYS[dtype]
    # a[i] * 2 is int64 arithmetic on a uint64 (as in Numba: a Python int
    # is a signed int64), not NumPy's uint64 arithmetic
    want = f(a.view(np.int64) if f is p_step and dtype == "uint64" else a)
    got = kern.njit(parallel=parallel)(f)(a)
    if isinstance(want, np.ndarray):
        assert got.dtype == want.dtype
        np.testing.assert_array_equal(got, want)
    else:
        assert got == pytest.approx(want, rel=1e-5)


def test_prange_nan_propagates_like_python_max():
    a = np.linspace(0.0, 1.0, 10001)
    a[5000] = np.nan
    # Python's max(s, nan) keeps s, max(nan, x) keeps nan: the loop's answer
    # depends on where the NaN is; the serial compiled loop must agree
    assert kern.njit(p_sum_float)(a) != kern.njit(p_sum_float)(a)  # nan
    assert kern.njit(p_max)(a[:5000]) == p_max(a[:5000])


def test_parallel_diagnostics_names_each_prange_loop(capsys):
    @kern.njit(parallel=True)
    def f(a):
        s = 0.0
        for i in kern.prange(a.shape[0]):
            s += a[i]
        for i in kern.prange(1, a.shape[0]):
            a[i] = a[i - 1]
        return s

    with pytest.warns(kern.ParallelWarning):
        f(np.ones(10))
    f.parallel_diagnostics(level=1)
    lines = capsys.readouterr().out.splitlines()
    loops = [l for l in lines if l.startswith("prange loop at line")]
    first = f.py_func.__code__.co_firstlineno
    assert loops[0] == f"prange loop at line {first + 3}: runs in parallel"
    assert loops[1].startswith(f"prange loop at line {first + 5}: runs "
                               f"sequentially: 'memref.load'")
    assert "Function f(float64[::1])" in lines[1]


def test_an_array_reduction_in_prange_runs_sequentially_with_a_warning():
    def col_sums(X):
        acc = np.zeros(X.shape[1])
        for i in prange(X.shape[0]):
            acc += X[i]
        acc -= 1.0
        return acc

    X = np.random.default_rng(0).random((50, 4))
    with pytest.warns(kern.ParallelWarning, match="array reduction"):
        got = kern.njit(parallel=True)(col_sums)(X)
    assert np.allclose(got, X.sum(0) - 1.0)
