"""Ctrl-C (SIGINT) stops long compiled loops with KeyboardInterrupt
(lib/Runtime/Interrupt.c, kern/frontend/interrupts.py). Each test runs a
child interpreter that starts a loop of minutes, sends it SIGINT once the
loop runs and expects the KeyboardInterrupt within a second."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

import kern

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTEND = os.path.abspath(os.path.join(HERE, "..", "..", "python-frontend"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGINT") or
                                sys.platform == "win32",
                                reason="POSIX signals")

PRELUDE = """
DELAY = 0.5
import sys, time, signal
import numpy as np
import kern
"""


def run_interrupted(tmp_path, body, after="", expect_rc=0, delay=None):
    """Runs `body` (which defines `long_call()`, compiled beforehand) in a
    child; SIGINT once it prints 'ready' and `delay` seconds (half a
    second, or the number `body` prints after 'ready ') have passed;
    returns (seconds from SIGINT to exit, stdout)."""
    script = tmp_path / "child.py"
    script.write_text(PRELUDE + textwrap.dedent(body) + textwrap.dedent("""
        print("ready", DELAY, flush=True)
        try:
            long_call()
            print("finished")
        except KeyboardInterrupt:
            print("KeyboardInterrupt", flush=True)
    """) + textwrap.dedent(after))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [FRONTEND, os.environ.get("PYTHONPATH", "")]))
    child = subprocess.Popen([sys.executable, str(script)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, preexec_fn=default_sigint)
    try:
        line = child.stdout.readline().split()
        assert line[:1] == ["ready"], child.stderr.read()
        time.sleep(float(line[1]))  # the loop runs
        assert child.poll() is None
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
        elapsed = time.monotonic() - sent
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == expect_rc, err
    return elapsed, out


def default_sigint():
    """The child handles SIGINT as a fresh Python does, whatever this
    process inherited (a child started with SIGINT ignored keeps it
    ignored: Python then installs no handler, nor does kern)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


NESTED = """
@kern.njit
def nested(n, m):
    s = 0.0
    for i in range(n):
        for j in range(m):
            s += (i ^ j) * 1e-9
    return s
nested(3, 3)
def long_call():
    nested(10 ** 9, 10 ** 6)
"""


def test_nested_loops_stop_within_a_second(tmp_path):
    elapsed, out = run_interrupted(tmp_path, NESTED, after="""
        print(nested(3, 4))  # the function still works afterwards
    """)
    assert out.split("\n")[:2] == ["KeyboardInterrupt",
                                   str(sum((i ^ j) * 1e-9 for i in range(3)
                                           for j in range(4)))]
    assert elapsed < 1.0


def test_cached_code_stops(tmp_path):
    """Machine code loaded from the cache (cache=True) checks too."""
    body = NESTED.replace("@kern.njit", "@kern.njit(cache=True)")
    after = "from kern import cache\nprint(cache.last_event(nested))\n"
    os.environ["KERN_CACHE_DIR"], saved = str(tmp_path / "cache"), \
        os.environ.get("KERN_CACHE_DIR")
    try:
        _, first = run_interrupted(tmp_path, body, after)  # stores
        elapsed, out = run_interrupted(tmp_path, body, after)  # loads
    finally:
        if saved is None:
            del os.environ["KERN_CACHE_DIR"]
        else:
            os.environ["KERN_CACHE_DIR"] = saved
    assert first.split() == ["KeyboardInterrupt", "miss"]
    assert out.split() == ["KeyboardInterrupt", "hit"]
    assert elapsed < 1.0


PARALLEL = """
@kern.njit(parallel=True)
def par(n, m):
    s = 0.0
    for i in kern.prange(n):
        t = 0.0
        for j in range(m):
            t += (i ^ j) * 1e-9
        s += t
    return s
par(3, 4)
def long_call():
    par(10 ** 8, 10 ** 6)
"""


def test_prange_loop_stops(tmp_path):
    """OpenMP threads skip the remaining iterations; the call raises when
    the region ends."""
    elapsed, out = run_interrupted(tmp_path, PARALLEL, after="""
        print(par(3, 4))
    """)
    want = sum((i ^ j) * 1e-9 for i in range(3) for j in range(4))
    lines = out.split("\n")
    assert lines[0] == "KeyboardInterrupt"
    assert abs(float(lines[1]) - want) < 1e-15
    assert elapsed < 1.0


def test_while_loop_stops(tmp_path):
    elapsed, out = run_interrupted(tmp_path, """
        @kern.njit
        def spin(x):
            k = 0
            while x > 0.0:  # never ends for x > 0
                x = x * 0.5 + 1.0
                k += 1
            return k
        spin(-1.0)
        def long_call():
            spin(1.0)
    """)
    assert out.startswith("KeyboardInterrupt")
    assert elapsed < 1.0


def test_except_exception_in_compiled_code_does_not_catch_it(tmp_path):
    elapsed, out = run_interrupted(tmp_path, """
        @kern.njit
        def guarded(n):
            s = 0
            for i in range(n):
                try:
                    for j in range(n):
                        s += i ^ j
                except Exception:
                    return -1
            return s
        guarded(2)
        def long_call():
            guarded(10 ** 9)
    """)
    assert out.startswith("KeyboardInterrupt")
    assert elapsed < 1.0


def test_array_loops_and_callees(tmp_path):
    """An outer loop over an array's rows calling a compiled callee."""
    elapsed, out = run_interrupted(tmp_path, """
        @kern.njit
        def row_sum(r):
            s = 0.0
            for x in r:
                s += x
            return s
        @kern.njit
        def repeat(a, times):
            t = 0.0
            for k in range(times):
                for r in a:
                    t += row_sum(r)
            return t
        a = np.ones((100, 1000))
        repeat(a, 1)
        def long_call():
            repeat(a, 10 ** 9)
    """)
    assert out.startswith("KeyboardInterrupt")
    assert elapsed < 1.0


def test_interrupt_while_arguments_are_converted(tmp_path):
    """A SIGINT that arrives while the call converts its arguments (a long
    list: no bytecode runs) stops the call before the compiled code starts,
    even though the code is one innermost loop that reads no flag."""
    elapsed, out = run_interrupted(tmp_path, """
        @kern.njit
        def flat(xs, n):
            s = 0.0
            for i in range(n):
                s += xs[i % 10] * 1e-9
            return s
        xs = [1.0] * (4 * 10 ** 6)
        flat(xs[:10], 10)
        t = time.monotonic()
        flat(xs, 0)
        DELAY = (time.monotonic() - t) / 4  # within the conversion
        def long_call():
            flat(xs, 10 ** 11)
    """)
    assert out.startswith("KeyboardInterrupt")
    assert elapsed < 5.0


def test_python_handler_runs(tmp_path):
    """A SIGINT handler the program set (after import kern) runs; its
    exception is what the call raises."""
    elapsed, out = run_interrupted(tmp_path, textwrap.dedent("""
        class Stop(Exception):
            pass
        def handler(sig, frame):
            print("handler", flush=True)
            raise Stop()
        signal.signal(signal.SIGINT, handler)
    """) + NESTED + textwrap.dedent("""
        _long = long_call
        def long_call():
            try:
                _long()
            except Stop:
                print("Stop", flush=True)
    """))
    assert out.split("\n")[:3] == ["handler", "Stop", "finished"]
    assert elapsed < 1.0


def test_uncaught_interrupt_exits_like_python(tmp_path):
    script = tmp_path / "plain.py"
    script.write_text(PRELUDE + textwrap.dedent(NESTED) +
                      'print("ready", flush=True)\nlong_call()\n')
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [FRONTEND, os.environ.get("PYTHONPATH", "")]))
    child = subprocess.Popen([sys.executable, str(script)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, preexec_fn=default_sigint)
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
    finally:  # never a process left running when the test fails
        if child.poll() is None:
            child.kill()
            child.wait()
    # as Python: the traceback, then death by SIGINT (bpo-1054041)
    assert child.returncode in (-signal.SIGINT, 1)
    assert err.rstrip().endswith("KeyboardInterrupt")


def test_innermost_loops_have_no_check():
    def inner_only(a):
        s = 0.0
        for x in a:
            s += x
        return s

    def outer(a, n):
        s = 0.0
        for k in range(n):
            for x in a:
                s += x
        return s
    import numpy as np
    a = np.ones(4)
    f, g = kern.njit(inner_only), kern.njit(outer)
    assert f(a) == 4.0 and g(a, 3) == 12.0
    assert "kern_rt_interrupt" not in f.inspect_mlir(f.signatures[0])
    text = g.inspect_mlir(g.signatures[0])
    assert text.count("llvm.load volatile") == 1  # the outer loop only
