"""Pickling kern objects (kern/pickling.py): njit dispatchers, vectorize
ufuncs (eager np.ufuncs and lazy ones), guvectorize gufuncs and jitclass
instances, in this process, in another interpreter and through
multiprocessing and concurrent.futures."""

import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import kern

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTEND = os.path.join(HERE, "..", "..", "python-frontend")


@kern.njit
def total(a):
    s = 0.0
    for x in a:
        s += x
    return s


@kern.vectorize(["float64(float64, float64)", "int64(int64, int64)"])
def hypot2(x, y):
    return x * x + y * y


@kern.vectorize
def plus_one(x):
    return x + 1


@kern.jitclass([("count", kern.int64), ("data", kern.float64[:])])
class Counter:
    def __init__(self, n):
        self.count = n
        self.data = np.arange(n * 1.0)

    def weight(self):
        return self.data.sum() * self.count


def make_scaled(k):
    @kern.njit
    def scaled(a):
        return np.sum(a) * k
    return scaled


def make_fib():
    @kern.njit
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)
    return fib


def roundtrip(obj):
    return pickle.loads(pickle.dumps(obj))


# ---- by reference ----------------------------------------------------------

def test_module_level_objects_pickle_by_reference():
    assert roundtrip(total) is total
    assert roundtrip(hypot2) is hypot2
    assert roundtrip(plus_one) is plus_one
    assert roundtrip(Counter) is Counter
    assert roundtrip(np.add) is np.add  # NumPy's own ufuncs: unchanged


# ---- by value --------------------------------------------------------------

def test_closure_dispatcher_by_value():
    f = make_scaled(3.0)
    g = roundtrip(f)
    assert g is f  # the process that pickled it gets its own object
    assert g(np.arange(4.0)) == 18.0
    assert isinstance(pickle.loads(pickle.dumps(make_scaled(1.0))),
                      kern.Dispatcher)


def test_recursive_function_by_value():
    fib = roundtrip(make_fib())
    assert fib(15) == 610


def test_explicit_signatures_travel_and_seal():
    f = kern.njit("float64(float64)")(lambda x: x * 2)
    g = roundtrip(f)
    assert g.signatures == f.signatures
    assert g(2.0) == 4.0
    with pytest.raises(TypeError):
        g(np.arange(3.0))


def test_options_travel():
    f = kern.njit(fastmath=True, boundscheck=True)(lambda a, i: a[i])
    g = roundtrip(f)
    assert g.targetoptions == f.targetoptions
    with pytest.raises(IndexError):
        g(np.arange(3.0), 5)


def test_lazy_vectorize_by_value():
    u = roundtrip(kern.vectorize(lambda x, y: x * y + 1))
    np.testing.assert_array_equal(u(np.arange(3), 2), np.arange(3) * 2 + 1)
    np.testing.assert_allclose(u(np.arange(3.0), 0.5),
                               np.arange(3.0) * 0.5 + 1)


def test_eager_vectorize_by_value():
    def make():
        @kern.vectorize(["float32(float32)", "float64(float64)"],
                        identity=0)
        def half(x):
            return x / 2
        return half
    half = make()
    h = roundtrip(half)
    assert h is half  # this process made it: its own object back
    assert isinstance(h, np.ufunc) and h.identity == 0
    np.testing.assert_allclose(h(np.arange(4.0)), np.arange(4.0) / 2)


def test_guvectorize_by_value():
    def make():
        @kern.guvectorize(["void(float64[:], float64[:])"], "(n)->()")
        def rowsum(a, out):
            s = 0.0
            for x in a:
                s += x
            out[0] = s
        return rowsum
    g = roundtrip(make())
    np.testing.assert_allclose(g(np.ones((2, 3))), [3.0, 3.0])
    assert g.signature == "(n)->()"


def test_jitclass_instance():
    c = Counter(4)
    d = roundtrip(c)
    assert type(d) is Counter and d is not c
    assert d.count == 4
    np.testing.assert_array_equal(d.data, np.arange(4.0))
    assert d.weight() == c.weight() == 24.0
    d.count = 1  # its own cells, not c's
    assert c.count == 4 and d.weight() == 6.0


def test_pickling_names_what_cannot_travel():
    f = kern.njit(total.py_func)  # fine
    assert roundtrip(f)(np.ones(3)) == 3.0
    import threading
    lock = threading.Lock()

    def uses_lock(x):
        return lock is None or x
    with pytest.raises(TypeError):
        pickle.dumps(kern.njit(uses_lock))


# ---- other processes --------------------------------------------------------

def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [os.path.abspath(FRONTEND), env.get("PYTHONPATH", "")])
    return env


def test_unpickled_in_another_interpreter(tmp_path):
    payload = tmp_path / "objs.pkl"
    half = kern.vectorize(["float64(float64)"])(lambda x: x / 2)
    with open(payload, "wb") as f:
        pickle.dump((make_scaled(2.0), make_fib(), half,
                     kern.vectorize(lambda x: -x), Counter(3)), f)
    script = tmp_path / "load.py"
    script.write_text(textwrap.dedent(f"""
        import pickle, sys, numpy as np
        sys.path.insert(0, {HERE!r})
        with open({str(payload)!r}, "rb") as f:
            data = f.read()
        scaled, fib, half, neg, counter = pickle.loads(data)
        print(scaled(np.arange(4.0)), fib(10), half(np.array([3.0]))[0],
              neg(np.arange(2))[1], counter.weight())
        again = pickle.loads(data)  # the same objects, compiled once
        assert all(a is b for a, b in zip(again[:4], (scaled, fib, half,
                                                       neg))), again
        assert again[4] is not counter and again[4].weight() == 9.0
        again[0](np.arange(4.0))
        assert len(scaled.signatures) == 1
    """))
    out = subprocess.run([sys.executable, str(script)], env=_env(),
                         capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["12.0", "55", "1.5", "-1", "9.0"]


def test_main_script_functions_by_value(tmp_path):
    """A function of a script's __main__ pickles by value: another
    program (whose __main__ is not the script) runs it."""
    payload = tmp_path / "main.pkl"
    script = tmp_path / "dump.py"
    script.write_text(textwrap.dedent(f"""
        import pickle, numpy as np, kern
        SCALE = 10.0
        @kern.njit
        def weighted(a):
            return np.sum(a) * SCALE
        with open({str(payload)!r}, "wb") as f:
            pickle.dump(weighted, f)
    """))
    out = subprocess.run([sys.executable, str(script)], env=_env(),
                         capture_output=True, text=True, timeout=240)
    assert out.returncode == 0, out.stderr
    with open(payload, "rb") as f:
        weighted = pickle.load(f)
    assert weighted(np.ones(3)) == 30.0


def test_multiprocessing_pool_map():
    ctx = multiprocessing.get_context("spawn")
    arrays = [np.arange(n * 1.0) for n in (3, 4, 5, 6)]
    with ctx.Pool(2) as pool:
        got = pool.map(total, arrays)
        scaled = pool.map(make_scaled(2.0), arrays)
        eager = pool.starmap(hypot2, [(a, a) for a in arrays])
        lazy = pool.map(plus_one, arrays)
    assert got == [a.sum() for a in arrays]
    assert scaled == [2 * a.sum() for a in arrays]
    for a, e, z in zip(arrays, eager, lazy):
        np.testing.assert_allclose(e, 2 * a * a)
        np.testing.assert_allclose(z, a + 1)


def test_process_pool_executor():
    from concurrent.futures import ProcessPoolExecutor
    ctx = multiprocessing.get_context("spawn")
    arrays = [np.arange(n * 1.0) for n in (2, 3, 4)]
    scaled = make_scaled(0.5)
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        got = list(pool.map(scaled, arrays))
        counters = list(pool.map(Counter.weight, [Counter(2), Counter(3)]))
    assert got == [0.5 * a.sum() for a in arrays]
    assert counters == [2.0, 9.0]
