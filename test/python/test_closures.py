"""Inner functions and lambdas in compiled code: closures over the
enclosing function's variables read at call time (Python's cells), calls
between inner functions, nesting, captured arrays written, parallel loops;
against plain Python, and the located errors for what cannot work."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import kern


def closures(a, k):
    def scaled(x):
        return x * k
    square = lambda y: y * y + k
    s = 0.0
    for i in range(a.shape[0]):
        s += scaled(a[i]) + square(a[i])
    k = 10.0  # rebinding: later calls see the new value, as in Python
    s += scaled(1.0)

    def poly(x, n=2):
        return scaled(x) ** n + a[0]
    return s, poly(3.0), poly(3.0, n=1)


def nested(a):
    total = 0.0

    def outer_step(i):
        offset = a[i]

        def inner(x):
            return x + offset
        return inner(i * 1.0)
    for i in range(a.shape[0]):
        total += outer_step(i)
    return total


def writes_captured(a, out):
    def put(i, v):
        out[i] = v * a[i]
    for i in range(a.shape[0]):
        put(i, 2.0)
    return out


def loop_lambdas(n):
    s = 0
    for i in range(n):
        f = lambda x: x + i
        s += f(1)
    fs = (lambda v: v + n, lambda v: v * 2)
    for f in fs:
        s += f(3)
    return s


def pure_helpers(a):
    def norm(v):
        return np.sqrt((v * v).sum())
    return norm(a) + norm(a[1:]), (lambda: 7)()


@pytest.mark.parametrize("fn, args", [
    (closures, (np.arange(4.0), 2.0)),
    (closures, (np.linspace(-1, 1, 7).astype(np.float32), 3)),
    (nested, (np.arange(5.0),)),
    (writes_captured, (np.arange(4.0), np.zeros(4))),
    (loop_lambdas, (5,)),
    (pure_helpers, (np.arange(6.0),)),
])
def test_inner_functions_match_python(fn, args):
    expected = fn(*[a.copy() if isinstance(a, np.ndarray) else a
                    for a in args])
    got = kern.njit(fn)(*args)
    np.testing.assert_allclose(np.asarray(got, dtype=float),
                               np.asarray(expected, dtype=float))


def test_recursive_inner_functions():
    @kern.njit
    def recursive(n, step):
        def rec(k):
            return 1 if k <= 1 else k * rec(k - step)
        return rec(n)

    assert recursive(10, 1) == 3628800
    assert recursive(10, 3) == 10 * 7 * 4 * 1


def test_inner_function_in_a_parallel_loop():
    @kern.njit(parallel=True)
    def affine(a, c):
        out = np.empty_like(a)

        def f(x):
            return x * c + 1.0
        for i in kern.prange(a.shape[0]):
            out[i] = f(a[i])
        return out

    a = np.random.default_rng(0).random(10_000)
    np.testing.assert_allclose(affine(a, 3.0), a * 3.0 + 1.0)


def test_inner_functions_decorated_with_njit_and_passed_when_pure():
    @kern.njit
    def apply(f, x):
        return f(x)

    @kern.njit
    def caller(x):
        @kern.njit
        def triple(v):
            return 3 * v
        return apply(triple, x) + apply(lambda v: v - 1, 5.0)

    assert caller(2.0) == 10.0


def test_cached_function_with_closures_in_a_new_process(tmp_path):
    (tmp_path / "closmod.py").write_text(textwrap.dedent("""
        import kern

        @kern.njit(cache=True)
        def outer(a, k):
            g = lambda x: x * k
            def h(x):
                return g(x) + 1
            s = 0.0
            for v in a:
                s += h(v)
            return s
    """))
    script = ("import numpy as np, closmod; "
              "print(closmod.outer(np.arange(4.0), 2.0), "
              "sorted(closmod.outer.stats))")
    env = dict(os.environ, KERN_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONPATH=os.pathsep.join([str(tmp_path)] + sys.path))
    outs = [subprocess.run([sys.executable, "-c", script], env=env,
                           capture_output=True, text=True, timeout=120)
            for _ in range(2)]
    assert all(o.returncode == 0 for o in outs), outs[0].stderr
    assert all(o.stdout.startswith("16.0 ") for o in outs)
    assert "cache-load" in outs[1].stdout


def test_what_cannot_work_is_a_located_error():
    @kern.njit
    def apply(f, x):
        return f(x)

    @kern.njit
    def passes(a, k):
        def g(x):
            return x * k
        return apply(g, a)

    with pytest.raises(kern.UnsupportedError,
                       match=r"test_closures.py:\d+: in 'passes': passing the"
                             r" inner function 'g', which reads the variables"
                             r" k"):
        passes(1.0, 2.0)

    @kern.njit
    def rebinds():
        t = 0.0

        def add(x):
            nonlocal t
            t += x
        add(1.0)
        return t

    with pytest.raises(kern.UnsupportedError, match=r"'nonlocal t'"):
        rebinds()

    @kern.njit
    def returns(x):
        return lambda v: v + x

    with pytest.raises(kern.UnsupportedError,
                       match=r"returning the function"):
        returns(1.0)

    def other(f):
        return f

    @kern.njit
    def decorated(x):
        @other
        def g(v):
            return v
        return g(x)

    with pytest.raises(kern.UnsupportedError,
                       match=r"decorator '@other' on an inner function"):
        decorated(1.0)
