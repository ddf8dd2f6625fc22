"""The stack check of recursive calls (kern/frontend/stackcheck.py,
lib/Runtime/Stack.c): compiled code compares the stack pointer with the
thread's limit itself and calls the runtime only below it. Results against
plain Python; RecursionError instead of a crash on the main thread, on
threads with small stacks, on threads started before kern was loaded, on
OpenMP workers, for mutual recursion and with cache=True (a shared object
and an object file); the emitted IR is read by kern-opt and lowered."""

import json
import math
import os
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

import kern
from kern.frontend.stackcheck import host_arch

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FRONTEND = os.path.join(REPO, "python-frontend")


@kern.njit
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@kern.njit
def deep(n):
    # (not a loop for LLVM: the result of the call goes through sin)
    if n == 0:
        return 0.0
    return math.sin(deep(n - 1)) + 1.0


@kern.njit
def branches(n, k):
    # a recursive call in each arm: neither check is before the other
    if n <= 0:
        return k
    if n % 2 == 0:
        return math.sin(branches(n - 1, k + 1.0))
    return math.cos(branches(n - 2, k + 3.0))


@kern.njit
def in_loop(n):
    s = 0
    for i in range(n):
        s += in_loop(i) + 1
    return s


@kern.njit
def ping(n):
    if n == 0:
        return 0.0
    return math.sin(pong(n - 1)) + 1.0


@kern.njit
def pong(n):
    if n == 0:
        return 1.0
    return math.cos(ping(n - 1)) - 1.0


@kern.njit
def in_try(n):
    # the call in the try body (a function of its own, run by kern_rt_try
    # from this frame) comes after the checked one
    if n <= 0:
        return 0.0
    x = math.sin(in_try(n - 1))
    try:
        return math.cos(in_try(n - 2)) + x
    except ZeroDivisionError:
        return -1.0


@kern.njit
def only_in_try(n):
    if n == 0:
        return 0.0
    try:
        return math.sin(only_in_try(n - 1)) + 1.0
    except ZeroDivisionError:
        return -1.0


def test_results_match_python():
    for n in range(22):
        assert fib(n) == fib.py_func(n)
    for n in (0, 1, 7, 12, 13, 200):
        assert branches(n, 0.0) == pytest.approx(branches.py_func(n, 0.0),
                                                 rel=1e-12)
        assert ping(n) == pytest.approx(ping.py_func(n), rel=1e-12)
    for n in (0, 1, 7, 12):
        assert in_loop(n) == in_loop.py_func(n) == 2 ** n - 1
        assert in_try(n) == pytest.approx(in_try.py_func(n), rel=1e-12)
    assert only_in_try(300) == pytest.approx(only_in_try.py_func(300),
                                             rel=1e-12)
    # deep, but within the stack
    assert deep(20_000) == pytest.approx(deep.py_func(20_000), rel=1e-12)


def test_runaway_recursion_raises_and_the_next_call_works():
    for f, args in ((deep, (10 ** 8,)), (branches, (10 ** 8, 0.0)),
                    (ping, (10 ** 8,)), (only_in_try, (10 ** 8,))):
        with pytest.raises(RecursionError, match="compiled code"):
            f(*args)
    assert deep(1000) == pytest.approx(deep.py_func(1000), rel=1e-12)
    assert ping(1001) == pytest.approx(ping.py_func(1001), rel=1e-12)


def _on_thread(stack_size, fn):
    """fn() on a new thread with `stack_size` bytes of stack: what it
    returned or raised."""
    out = []

    def body():
        try:
            out.append(fn())
        except BaseException as e:  # noqa: BLE001 - handed to the test
            out.append(e)

    old = threading.stack_size(stack_size)
    try:
        t = threading.Thread(target=body)
        t.start()
        t.join()
    finally:
        threading.stack_size(old)
    return out[0]


def test_a_thread_with_a_small_stack_has_its_own_limit():
    # 30000 levels fit in the main thread's stack, not in 256 KiB
    assert deep(30_000) == pytest.approx(deep.py_func(30_000), rel=1e-12)
    got = _on_thread(256 << 10, lambda: deep(30_000))
    assert isinstance(got, RecursionError), got
    assert _on_thread(256 << 10, lambda: deep(500)) == \
        pytest.approx(deep.py_func(500), rel=1e-12)
    assert _on_thread(256 << 10, lambda: fib(18)) == fib.py_func(18)


def test_recursion_on_openmp_workers():
    @kern.njit(parallel=True)
    def fibs(n):
        out = np.empty(n, dtype=np.int64)
        for i in kern.prange(n):
            out[i] = fib(i % 20)
        return out

    np.testing.assert_array_equal(
        fibs(200), [fib.py_func(i % 20) for i in range(200)])


def test_one_check_where_the_second_call_always_follows_the_first():
    text = fib.inspect_mlir(fib.signatures[0])
    if host_arch() is not None:
        assert "@kern_rt_stack_limit_offset" in text
    assert text.count("call @kern_rt_check_stack()") == 1
    branches(3, 0.0)
    assert branches.inspect_mlir(branches.signatures[0]).count(
        "call @kern_rt_check_stack()") == 2
    in_try(3)
    assert in_try.inspect_mlir(in_try.signatures[0]).count(
        "call @kern_rt_check_stack()") == 1
    in_loop(3)  # one check, in the loop's body
    assert in_loop.inspect_mlir(in_loop.signatures[0]).count(
        "call @kern_rt_check_stack()") == 1


def test_emitted_ir_is_read_and_lowered_by_kern_opt(kern_build_dir):
    kern_opt = os.path.join(kern_build_dir, "bin", "kern-opt")
    text = fib.inspect_mlir(fib.signatures[0])
    done = subprocess.run([kern_opt, "--kern-cpu-pipeline"], input=text,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "llvm.func @fib__int64" in done.stdout
    if host_arch() == "x86_64":
        assert "!llvm.ptr<257>" in done.stdout


# ---- fresh processes --------------------------------------------------------

MODULE = """
import math
import kern

@kern.njit(cache=True)
def deep(n):
    if n == 0:
        return 0.0
    return math.sin(deep(n - 1)) + 1.0

@kern.njit(cache=True)
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
"""

DRIVER = """
import json, sys, threading
from kern import cache
if sys.argv[1] == "object":   # as where no linker is found
    cache.link_shared = lambda obj: None
import mod
out = {"fib": mod.fib(20), "event": cache.last_event(mod.fib)}
try:
    mod.deep(10 ** 8)
except RecursionError as e:
    out["deep"] = "RecursionError"
ok = []
t = threading.Thread(target=lambda: ok.append(mod.deep(1000) > 0))
t.start(); t.join()
out["thread"] = ok
print(json.dumps(out))
"""


def _run(folder, *args, script=DRIVER):
    path = os.path.join(folder, "driver.py")  # a file: kern reads sources
    with open(path, "w") as f:
        f.write(textwrap.dedent(script))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(folder), FRONTEND]),
               PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, path, *args], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("payload", ["shared", "object"])
def test_cache_true_resolves_the_runtime_offset(tmp_path, payload):
    (tmp_path / "mod.py").write_text(textwrap.dedent(MODULE))
    first = _run(tmp_path, payload)
    second = _run(tmp_path, payload)
    for report in (first, second):
        assert report["fib"] == 6765
        assert report["deep"] == "RecursionError"
        assert report["thread"] == [True]
    assert first["event"] == "miss" and second["event"] == "hit"


def test_a_thread_started_before_kern_loaded(tmp_path):
    # The runtime's thread-local limit is made when libkern_runtime loads:
    # a thread that exists already gets its initial value too.
    script = """
    import json, math, threading
    go, out, fns = threading.Event(), {}, {}
    def body():
        go.wait()
        deep = fns.get("deep")
        if deep is None:
            return
        try:
            deep(10 ** 8)
        except RecursionError:
            out["deep"] = "RecursionError"
        out["ok"] = deep(1000) > 0
    t = threading.Thread(target=body)
    t.start()
    try:
        import kern
        @kern.njit
        def deep(n):
            if n == 0:
                return 0.0
            return math.sin(deep(n - 1)) + 1.0
        deep(3)
        fns["deep"] = deep
    finally:
        go.set()
        t.join()
    print(json.dumps(out))
    """
    assert _run(tmp_path, script=script) == {"deep": "RecursionError",
                                             "ok": True}


# ---- kern.cuda's CPU target: threads of a block with barriers are fibers --

def test_recursion_in_kernel_fibers_uses_the_fibers_stack():
    from kern import cuda

    @cuda.jit(device=True)
    def dfib(n):
        if n < 2:
            return n
        return dfib(n - 1) + dfib(n - 2)

    @cuda.jit(device=True)
    def ddeep(n):
        if n == 0:
            return 0.0
        return math.sin(ddeep(n - 1)) + 1.0

    @cuda.jit
    def kernel(out, deep_out, n):
        i = cuda.grid(1)
        cuda.syncthreads()  # (a barrier: the threads run as fibers)
        if i < out.shape[0]:
            out[i] = dfib(i % 15)
            deep_out[i] = ddeep(n)

    out, deep_out = np.zeros(64, dtype=np.int64), np.zeros(64)
    kernel[2, 32](out, deep_out, 300)
    np.testing.assert_array_equal(out, [fib.py_func(i % 15)
                                        for i in range(64)])
    np.testing.assert_allclose(deep_out, deep.py_func(300), rtol=1e-12)
    # 256 KiB of fiber stack: a runaway raises, not a neighbour overwritten
    with pytest.raises(RecursionError):
        kernel[1, 8](out[:8], deep_out[:8], 10 ** 7)
    kernel[1, 8](out[:8], deep_out[:8], 100)
    np.testing.assert_allclose(deep_out[:8], deep.py_func(100), rtol=1e-12)
