"""`with kern.objmode(...)` blocks: the body runs in the Python interpreter
from compiled code; results compared with the same function run by plain
Python (where objmode does nothing) and with NumPy."""

import time

import numpy as np
import pytest

import kern
from kern import objmode


def py_scale(x, a):
    """A Python function the blocks call (not compiled)."""
    return float(x * np.sum(a))


class BlockError(Exception):
    pass


def failing(x):
    if x > 0:
        raise BlockError("bad value", x)
    return x


# ---- values in and out ------------------------------------------------------

def scalars_and_arrays(x, n, a):
    b = a * 2.0
    with objmode(y='float64', z='float64[:]', k='int64', c='complex128',
                 ok='boolean'):
        y = py_scale(x, b)
        z = b[::-1] + n
        k = len(b) + n
        c = complex(x, n)
        ok = bool(b.sum() > 1)
    return y, z, k, c, ok, b.sum()


def test_scalars_and_arrays_in_and_out():
    f = kern.njit(scalars_and_arrays)
    a = np.arange(5.0)
    got, want = f(1.5, 3, a), scalars_and_arrays(1.5, 3, a)
    for g, w in zip(got, want):
        np.testing.assert_array_equal(g, w)
    assert type(got[2]) is int and type(got[4]) is bool


def writes_input(a):
    with objmode():
        a[0] = -1.0          # the block sees the same memory
        a[1:] *= 10
    return a.sum()


def test_the_block_writes_the_arrays_it_reads():
    a, b = np.arange(4.0), np.arange(4.0)
    assert kern.njit(writes_input)(a) == writes_input(b)
    np.testing.assert_array_equal(a, b)


def strided_and_2d(a):
    v = a[::2, 1:]
    with objmode(m='float64[:, :]', t='float64[:, ::1]'):
        m = v.T.copy() * 2        # an F-ordered result
        t = np.ascontiguousarray(v) + 1
    return m, t, v.sum()


def test_views_and_layouts_in_and_out():
    a = np.arange(24.0).reshape(4, 6)
    for g, w in zip(kern.njit(strided_and_2d)(a), strided_and_2d(a)):
        np.testing.assert_array_equal(g, w)


def int_dtypes(a):
    with objmode(r='int32[:]', s='uint8', f='float32'):
        r = (a * 3).astype(np.int32)
        s = 300                  # wraps to uint8, as Numba's unboxing
        f = 0.1
    return r, s, f


def test_small_dtypes_and_wrapping():
    a = np.arange(4, dtype=np.int32)
    r, s, f = kern.njit(int_dtypes)(a)
    np.testing.assert_array_equal(r, a * 3)
    assert r.dtype == np.int32
    assert s == 300 % 256 and f == np.float32(0.1)


def array_result_is_returned(n):
    with objmode(z='int64[:]'):
        z = np.arange(n) ** 2
    z[0] = 7                     # compiled code owns its copy
    return z


def test_an_array_output_can_be_written_and_returned():
    np.testing.assert_array_equal(kern.njit(array_result_is_returned)(5),
                                  array_result_is_returned(5))


def strs_tuples_and_constants(s, t):
    k = 3
    with objmode(n='intp'):
        n = len(s) + int(sum(t) * 2) + k + (0 if None is None else 1)
    return n


def test_strs_tuples_and_constants_in():
    f = kern.njit(strs_tuples_and_constants)
    assert f("hello", (1, 2.5)) == strs_tuples_and_constants("hello", (1, 2.5))


def str_output(n):
    with objmode(s='unicode_type'):
        s = "naïve " * n
    return s + "!", len(s)


def test_a_str_output():
    assert kern.njit(str_output)(2) == str_output(2)


def tuple_outputs(n):
    with objmode(t='Tuple(int64, float64[:], UniTuple(float64, 2))',
                 u='UniTuple(int32, 2)'):
        t = (n, np.arange(float(n)), (0.5, 1.5))
        u = (1, 2)
    a, b, c = t
    return a + u[1], b.sum(), c[0] + c[1]


def short_tuple(n):
    with objmode(t='UniTuple(int64, 2)'):
        t = (n, 2, 3)
    return t


def test_tuple_outputs():
    assert kern.njit(tuple_outputs)(4) == tuple_outputs(4)
    with pytest.raises(TypeError, match=r"declared Tuple\(int64, int64\) "
                       r"but the block made it a tuple of 3 items"):
        kern.njit(short_tuple)(1)


def kern_types(n):
    with objmode(a=kern.float64[:], m=kern.int64):
        a = np.linspace(0, 1, n)
        m = n * 2
    return a, m


def test_types_as_kern_type_objects():
    a, m = kern.njit(kern_types)(5)
    np.testing.assert_array_equal(a, np.linspace(0, 1, 5))
    assert m == 10


def test_types_as_numba_type_objects():
    numba = pytest.importorskip("numba")
    T = numba.float64[:, :]

    def f(n):
        with numba.objmode(a=T, k=numba.int32):   # Numba's objmode too
            a = np.ones((n, 2))
            k = n
        return a.sum() + k
    assert kern.njit(f)(3) == f(3) == 9.0


# ---- Python inside the block ------------------------------------------------

def prints_and_times(n):
    s = 0.0
    for i in range(n):
        with objmode(t='float64'):
            print("step", i, "of", n)
            t = time.time()
        s += t
    return s


def test_print_and_time_inside_a_loop(capsys):
    before = time.time()
    s = kern.njit(prints_and_times)(3)
    out = capsys.readouterr().out
    assert out == "".join(f"step {i} of 3\n" for i in range(3))
    assert 3 * before <= s <= 3 * time.time()


def accumulate(a):
    total = 0.0
    hist = np.zeros(3)
    for x in a:
        with objmode(total='float64'):
            total = total + py_scale(x, np.ones(2))   # reads and writes total
            hist[int(x) % 3] += 1
    return total, hist


def test_loop_carried_outputs():
    a = np.arange(7.0)
    got, want = kern.njit(accumulate)(a), accumulate(a)
    assert got[0] == want[0]
    np.testing.assert_array_equal(got[1], want[1])


def array_outputs_in_a_loop(n, m):
    s = 0.0
    for i in range(n):
        with objmode(b='float64[:]'):
            b = np.full(m, float(i))    # released after the block: the
        s += b.sum() + b[-1]            # compiled code reads its own copy
    return s


def test_array_outputs_in_a_loop():
    f = kern.njit(array_outputs_in_a_loop)
    assert f(3, 4) == array_outputs_in_a_loop(3, 4)
    # 2000 blocks of 1 MB each (each copy is freed as compiled code frees)
    assert f(2000, 125_000) == array_outputs_in_a_loop(2000, 125_000)


def no_outputs(a):
    with objmode():
        a.sort()
    return a[0]


def test_no_outputs():
    a = np.array([3.0, 1.0, 2.0])
    assert kern.njit(no_outputs)(a) == 1.0
    np.testing.assert_array_equal(a, [1.0, 2.0, 3.0])


def in_a_branch_and_a_callee(x):
    if x > 0:
        with objmode(y='float64'):
            y = x ** 0.5
    else:
        y = -1.0
    return y


def test_in_a_branch_and_in_an_njit_callee():
    f = kern.njit(in_a_branch_and_a_callee)
    assert f(4.0) == 2.0 and f(-4.0) == -1.0
    g = kern.njit(lambda x: f(x) + 1)
    assert g(9.0) == 4.0


# ---- exceptions ---------------------------------------------------------------

def raises_inside(x):
    with objmode(y='float64'):
        y = failing(x)
    return y


def test_an_exception_in_the_block_reaches_python_as_itself():
    f = kern.njit(raises_inside)
    assert f(-2.0) == -2.0
    with pytest.raises(BlockError) as info:
        f(2.0)
    assert info.value.args == ("bad value", 2.0)
    assert any(t.name == "failing" for t in
               __import__("traceback").extract_tb(info.tb))


def raise_statement(x):
    with objmode():
        if x > 1:
            raise KeyError(x)
    return x


def test_a_raise_statement_in_the_block():
    with pytest.raises(KeyError) as info:
        kern.njit(raise_statement)(5)
    assert info.value.args == (5,)


def caught_in_compiled_code(x):
    try:
        with objmode(y='int64'):
            y = failing(x)
    except Exception:
        y = 99
    return y


def test_a_try_in_compiled_code_catches_it():
    f = kern.njit(caught_in_compiled_code)
    assert f(0) == 0 and f(3) == 99
    assert f(-3) == -3           # the caught one is not raised again


class Negative(ValueError):
    pass


def by_builtin_class(x):
    try:
        with objmode(y='int64'):
            if x < 0:
                raise Negative("negative", x)
            y = x
    except ValueError:
        y = -1
    return y


def test_an_except_clause_catches_it_by_its_builtin_class():
    f = kern.njit(by_builtin_class)
    assert f(4) == by_builtin_class(4) == 4
    assert f(-4) == by_builtin_class(-4) == -1


def wrong_type(n):
    with objmode(y='float64[:]'):
        y = np.arange(n)         # int64, not float64
    return y


def wrong_kind(n):
    with objmode(y='int64'):
        y = "text"
    return y


def test_an_output_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError, match=r"output 'y' .* declared "
                       r"float64\[:\] but the block made it an array of int64"):
        kern.njit(wrong_type)(3)
    with pytest.raises(TypeError, match=r"declared int64 but .* str"):
        kern.njit(wrong_kind)(3)


def maybe_unassigned(x):
    with objmode(y='float64'):
        if x > 0:
            y = 1.0
    return y


def test_an_output_not_assigned_is_a_name_error():
    f = kern.njit(maybe_unassigned)
    assert f(1) == 1.0
    with pytest.raises(NameError, match=r"output 'y' .* not assigned"):
        f(-1)


# ---- refused ---------------------------------------------------------------------

def returns_inside(x):
    with objmode(y='float64'):
        y = 1.0
        return y
    return 0.0


def breaks_inside(n):
    s = 0
    for i in range(n):
        with objmode():
            if i > 1:
                break
    return s


def undeclared_escape(n):
    with objmode(y='float64'):
        y = 1.0
        q = 3
    return y + q


def bad_type(n):
    with objmode(y='float64[:'):
        y = 1.0
    return y


def in_prange(n):
    s = 0.0
    for i in kern.prange(n):
        with objmode(t='float64'):
            t = 1.0
        s += t
    return s


@pytest.mark.parametrize("fn, message", [
    (returns_inside, r"return inside a with objmode"),
    (breaks_inside, r"break inside a with objmode"),
    (undeclared_escape, r"assigns 'q', which is used outside it"),
    (bad_type, r"type of output 'y'"),
])
def test_refused_blocks_name_the_construct_and_line(fn, message):
    with pytest.raises(kern.KernError, match=message) as info:
        kern.njit(fn)(3)
    assert info.value.filename == __file__ and info.value.lineno


def test_blocks_in_a_prange_loop():
    assert kern.njit(parallel=True)(in_prange)(100000) == 100000.0
    assert kern.njit(in_prange)(4) == 4.0      # prange is range without it


def prange_outputs(a):
    out = np.zeros(a.shape[0])
    for i in kern.prange(a.shape[0]):
        with objmode(v='float64', w='float64[:]'):
            v = py_scale(a[i], np.ones(2))
            w = np.full(2, a[i])
        out[i] = v + w.sum()
    return out


def prange_raises(n):
    s = 0.0
    for i in kern.prange(n):
        with objmode(t='float64'):
            t = failing(float(i == n - 7))
        s += t
    return s


@pytest.mark.filterwarnings("ignore::kern.ParallelWarning")  # (the copies
def test_blocks_in_a_prange_loop_run_one_at_a_time_and_raise():  # of arrays)
    a = np.arange(20000.0)
    np.testing.assert_array_equal(kern.njit(parallel=True)(prange_outputs)(a),
                                  prange_outputs(a))
    with pytest.raises(BlockError) as info:
        kern.njit(parallel=True)(prange_raises)(20000)
    assert info.value.args == ("bad value", 1.0)


def test_other_with_statements_are_refused():
    import contextlib

    def f(x):
        with contextlib.suppress(ValueError):
            x = 1
        return x
    with pytest.raises(kern.UnsupportedError, match=r"with \(other than"):
        kern.njit(f)(2)


def test_objmode_in_plain_python_does_nothing():
    assert raises_inside(-1.0) == -1.0
    assert kern.objmode is objmode
    with pytest.raises(TypeError):
        objmode('float64')


# ---- where blocks run --------------------------------------------------------------

def doubled(x):
    with objmode(y='float64'):
        y = x * 2
    return y


def test_compiled_prints_and_block_prints_keep_their_order(capsys):
    def f(n):
        print("compiled", n)
        with objmode(m='int64'):
            print("python", n)
            m = n + 1
        print("after", m)
        return m
    assert kern.njit(f)(4) == 5
    assert capsys.readouterr().out == "compiled 4\npython 4\nafter 5\n"


def test_a_block_outside_the_prange_of_a_parallel_function():
    def f(n):
        with objmode(k='int64'):
            k = n + 1
        s = 0.0
        for i in kern.prange(n):
            s += i
        return s + k
    assert kern.njit(parallel=True)(f)(100) == f(100)


def test_a_block_of_a_callee_inside_a_prange_loop():
    g = kern.njit(doubled)

    def f(n):
        s = 0.0
        for i in kern.prange(n):
            s += g(i)
        return s
    assert kern.njit(parallel=True)(f)(200000) == f(200000)


def test_blocks_from_threads_and_c_callbacks():
    import ctypes
    import threading
    g = kern.njit(doubled)
    out = [None] * 4

    def work(i):
        out[i] = g(float(i))
    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [0.0, 2.0, 4.0, 6.0]
    cb = kern.cfunc("float64(float64)")(doubled)
    proto = ctypes.CFUNCTYPE(ctypes.c_double, ctypes.c_double)
    assert proto(cb.address)(1.25) == 2.5


def test_a_fresh_process_and_cache_true(tmp_path):
    """The first block of a process may make an array before any array
    was boxed; cache=True code with blocks runs but is not stored (its
    blocks are this process's)."""
    import os
    import subprocess
    import sys
    import textwrap
    (tmp_path / "blocks.py").write_text(textwrap.dedent("""
        import numpy as np, kern
        from kern import objmode

        @kern.njit(cache=True)
        def f(n):
            with objmode(z='float64[:]'):
                z = np.ones(n)
            return z.sum()
    """))
    env = dict(os.environ, KERN_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONPATH=os.pathsep.join([str(tmp_path)] + sys.path))
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c",
                               "import blocks; print(blocks.f(3))"],
                              env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "3.0"
    cache = tmp_path / "cache"
    assert not cache.exists() or not any(p.is_file() for p in cache.rglob("*"))


def inner_block(x):
    with objmode(y='float64[:]'):
        y = np.full(3, failing(-x) + x)   # raises for x < 0
    return y


def test_blocks_calling_compiled_code_with_blocks():
    inner = kern.njit(inner_block)

    def outer(x):
        with objmode(z='float64[:]', w='float64[:]'):
            z = inner(x) + 1
            w = inner(x * 2)
        return z + w
    np.testing.assert_array_equal(kern.njit(outer)(1.0), np.full(3, 1.0))
    with pytest.raises(BlockError) as info:
        kern.njit(outer)(-1.0)
    assert info.value.args == ("bad value", 1.0)


def test_blocks_in_vectorized_kernels():
    def scale(x):
        with objmode(y='float64'):
            y = py_scale(x, np.ones(3))
        return y
    x = np.arange(50000.0)
    for target in ("cpu", "parallel"):
        v = kern.vectorize(["float64(float64)"], target=target)(scale)
        np.testing.assert_array_equal(v(x), x * 3)
