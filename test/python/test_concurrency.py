"""Concurrency and the cache (issue 17): many processes and threads making
the first call of one function at once, parallel=True functions called
from several threads, nogil functions raising on some threads only, and a
damaged, unwritable or stale cache -- always the right result, never a
crash, and a consistent cache afterwards.

The cache scenarios run fresh Python processes on a module written into a
temporary folder, with KERN_CACHE_DIR naming an (initially empty) cache
directory.
"""

import json
import os
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

import kern
from kern import cache

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FRONTEND = os.path.join(REPO, "python-frontend")

MODULE = """
    import kern

    @kern.njit(cache=True)
    def weight(v):
        return v * 2.0 + 1.0

    @kern.njit(cache=True)
    def total(a):
        s = 0.0
        for i in range(a.shape[0]):
            s += weight(a[i])
        return s
"""

# Imports the module, waits until `go` exists (so that every process makes
# its first call at the same moment), calls total(arange(n)) and reports.
DRIVER = textwrap.dedent("""
    import json, os, sys, time
    import numpy as np
    import kern
    from kern import cache
    import mod
    go = sys.argv[1]
    while not os.path.exists(go):
        time.sleep(0.001)
    r = mod.total(np.arange(10.0))
    print(json.dumps({"result": r, "event": cache.last_event(mod.total)}))
""")

EXPECTED = float(np.sum(np.arange(10.0) * 2.0 + 1.0))


def write_module(folder, text=MODULE):
    path = os.path.join(folder, "mod.py")
    with open(path, "w") as f:
        f.write(textwrap.dedent(text))
    st = os.stat(path)  # an edit must be seen even within one second
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def start(folder, cache_dir, go):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([folder, FRONTEND]),
               PYTHONDONTWRITEBYTECODE="1", KERN_CACHE_DIR=cache_dir)
    return subprocess.Popen([sys.executable, "-c", DRIVER, go], cwd=folder,
                            env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def run_all(folder, cache_dir, n):
    """Starts `n` processes, releases them together, returns their
    reports."""
    go = os.path.join(folder, f"go-{os.urandom(4).hex()}")
    procs = [start(folder, cache_dir, go) for _ in range(n)]
    open(go, "w").close()
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        reports.append(json.loads(out.strip().splitlines()[-1]))
    return reports


def cache_files(cache_dir):
    return sorted(os.path.join(d, f) for d, _, fs in os.walk(cache_dir)
                  for f in fs)


def test_eight_processes_first_call_into_an_empty_cache(tmp_path):
    folder, cache_dir = str(tmp_path / "src"), str(tmp_path / "cache")
    os.makedirs(folder)
    write_module(folder)
    reports = run_all(folder, cache_dir, 8)
    assert [r["result"] for r in reports] == [EXPECTED] * 8
    assert all(r["event"] in ("miss", "hit") for r in reports)
    files = cache_files(cache_dir)
    # one complete file (the callee is compiled into it), no temporary
    # file left behind
    assert len(files) == 1 and files[0].endswith(cache.SUFFIX)
    again = run_all(folder, cache_dir, 2)
    assert [r["event"] for r in again] == ["hit", "hit"]
    assert [r["result"] for r in again] == [EXPECTED] * 2


@pytest.mark.parametrize("damage", ["truncated", "corrupted", "empty"])
def test_a_damaged_cache_file_is_recompiled(tmp_path, damage):
    folder, cache_dir = str(tmp_path / "src"), str(tmp_path / "cache")
    os.makedirs(folder)
    write_module(folder)
    run_all(folder, cache_dir, 1)
    for path in cache_files(cache_dir):
        with open(path, "rb") as f:
            data = bytearray(f.read())
        if damage == "truncated":
            data = data[:len(data) - 17]
        elif damage == "corrupted":
            for i in range(64, len(data), 97):
                data[i] ^= 0xA5
        else:
            data = bytearray()
        with open(path, "wb") as f:
            f.write(data)
    (report,) = run_all(folder, cache_dir, 1)
    assert report["result"] == EXPECTED
    assert report["event"].startswith("invalid: ")
    assert [r["event"] for r in run_all(folder, cache_dir, 1)] == ["hit"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a 0555 folder")
def test_a_read_only_cache_directory_still_runs(tmp_path):
    folder, cache_dir = str(tmp_path / "src"), str(tmp_path / "cache")
    os.makedirs(folder)
    os.makedirs(cache_dir)
    write_module(folder)
    os.chmod(cache_dir, 0o555)
    try:
        reports = run_all(folder, cache_dir, 2)
    finally:
        os.chmod(cache_dir, 0o755)
    assert [r["result"] for r in reports] == [EXPECTED] * 2
    assert cache_files(cache_dir) == []


def test_a_cache_directory_on_a_read_only_file_system_still_runs(tmp_path):
    """/proc refuses new folders even to root."""
    folder = str(tmp_path / "src")
    os.makedirs(folder)
    write_module(folder)
    reports = run_all(folder, "/proc/kern-cache-test", 2)
    assert [r["result"] for r in reports] == [EXPECTED] * 2
    assert all(r["event"].startswith("not stored") for r in reports)


def test_a_full_cache_directory_is_read_where_it_cannot_be_written(tmp_path):
    """Valid files in a folder that has since become read-only are still
    hits (only writing needs the permission)."""
    folder, cache_dir = str(tmp_path / "src"), str(tmp_path / "cache")
    os.makedirs(folder)
    write_module(folder)
    run_all(folder, cache_dir, 1)
    for d, _, _ in os.walk(cache_dir):
        os.chmod(d, 0o555)
    try:
        reports = run_all(folder, cache_dir, 2)
    finally:
        for d, _, _ in os.walk(cache_dir):
            os.chmod(d, 0o755)
    assert [r["result"] for r in reports] == [EXPECTED] * 2
    assert [r["event"] for r in reports] == ["hit", "hit"]


def test_an_edited_callee_recompiles_the_caller(tmp_path):
    folder, cache_dir = str(tmp_path / "src"), str(tmp_path / "cache")
    os.makedirs(folder)
    write_module(folder)
    assert run_all(folder, cache_dir, 1)[0]["result"] == EXPECTED
    write_module(folder, MODULE.replace("v * 2.0 + 1.0", "v * 3.0 - 1.0"))
    reports = run_all(folder, cache_dir, 4)
    want = float(np.sum(np.arange(10.0) * 3.0 - 1.0))
    assert [r["result"] for r in reports] == [want] * 4
    assert any(r["event"].startswith("invalid") or r["event"] == "miss"
               for r in reports)
    assert len(cache_files(cache_dir)) == 1  # the slot was overwritten
    assert [r["event"] for r in run_all(folder, cache_dir, 1)] == ["hit"]


# ---- threads --------------------------------------------------------------

def on_threads(n, work):
    """Runs work(i) on `n` threads released together; their results (an
    exception is a result too)."""
    barrier = threading.Barrier(n)
    out = [None] * n

    def body(i):
        barrier.wait()
        try:
            out[i] = work(i)
        except BaseException as e:  # noqa: BLE001 - reported to the test
            out[i] = e

    threads = [threading.Thread(target=body, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
        assert not t.is_alive()
    return out


def test_eight_threads_first_call_the_same_function():
    @kern.njit
    def poly(a, x):
        s = 0.0
        for i in range(a.shape[0]):
            s = s * x + a[i]
        return s

    a = np.arange(1.0, 6.0)
    out = on_threads(8, lambda i: poly(a, float(i)))
    assert out == [float(np.polyval(a, float(i))) for i in range(8)]
    assert len(poly.signatures) == 1  # compiled once


def test_threads_first_calling_with_different_types():
    @kern.njit
    def twice(a):
        return a * 2

    args = [np.arange(4), np.arange(4.0), np.arange(4, dtype=np.int32),
            np.arange(4.0, dtype=np.float32)] * 2
    out = on_threads(8, lambda i: twice(args[i]))
    for got, a in zip(out, args):
        assert got.dtype == a.dtype and np.array_equal(got, a * 2)
    assert len(twice.signatures) == 4


def test_parallel_functions_called_from_several_threads():
    @kern.njit(parallel=True)
    def norm2(x):
        s = 0.0
        for i in kern.prange(x.shape[0]):
            s += x[i] * x[i]
        return s

    @kern.njit(parallel=True)
    def scaled(x, k):
        return np.sqrt(np.abs(x)) * k + 1.0

    xs = [np.random.default_rng(i).standard_normal(200_000) for i in range(6)]

    def work(i):
        got = []
        for _ in range(5):
            got.append((norm2(xs[i]), scaled(xs[i], float(i))))
        return got

    out = on_threads(6, work)
    for i, runs in enumerate(out):
        assert not isinstance(runs, BaseException), runs
        for s, arr in runs:
            assert np.isclose(s, np.dot(xs[i], xs[i]), rtol=1e-10)
            assert np.allclose(arr, np.sqrt(np.abs(xs[i])) * i + 1.0)


def test_nogil_threads_raise_only_their_own_errors():
    """The runtime's pending-error state is per thread: threads running
    at once without the GIL, some dividing by zero, each get their own
    outcome."""
    @kern.njit(nogil=True)
    def spin(n, d):
        s = 0
        for i in range(n):
            s += i % 7
        return s // d

    want = sum(i % 7 for i in range(300_000))

    def work(i):
        return [spin(300_000, i % 2) for _ in range(10)]

    out = on_threads(8, work)
    for i, r in enumerate(out):
        if i % 2 == 0:
            assert isinstance(r, ZeroDivisionError), r
        else:
            assert r == [want] * 10


def test_threads_hitting_one_cached_function_in_process(tmp_path, monkeypatch):
    """Threads of one process first-calling a cache=True function: one
    compile or load, right results, a valid file."""
    monkeypatch.setenv("KERN_CACHE_DIR", str(tmp_path))

    @kern.njit(cache=True)
    def cube_sum(a):
        return (a * a * a).sum()

    a = np.arange(7.0)
    out = on_threads(8, lambda i: cube_sum(a))
    assert out == [float((a ** 3).sum())] * 8
    assert cache.last_event(cube_sum) in ("miss", "hit")
    files = cache_files(str(tmp_path))
    assert len(files) == 1 and files[0].endswith(cache.SUFFIX)
