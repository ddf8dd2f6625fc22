"""Memory and threads. Temporaries are freed (the process does not
grow over many calls), also when the compiled code raises part-way (the
runtime frees what the unwound code left), returned arrays own their
memory, and compiled functions called from several Python threads at once
give the right answers."""

import threading

import numpy as np
import pytest

import kern

CALLS = 20_000
N = 1_000  # 8 KB per temporary: a leak of one per call is 150 MiB


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2 ** 20


def growth(call, calls=CALLS) -> float:
    for _ in range(200):  # warm up: compile, allocator pools
        call()
    before = rss_mib()
    for _ in range(calls):
        call()
    return rss_mib() - before


def fresh(a):
    return a * 2.0 + 1.0


def temporaries(a):
    b = a * 2.0
    c = np.sqrt(b + 1.0)
    return (c - b).sum()


def in_loop(a, n):
    s = 0.0
    for i in range(n):
        t = a * i
        s += t.sum()
    return s


def raises_in_loop(a, k):
    b = a * 2.0
    c = b
    for i in range(3):
        c = b + i
        if k > 0:
            raise ValueError("stop")
    return c


def raises_index(a, i):
    b = a + 1.0
    return b[i]


def raises_in_prange(a, k):
    b = a * 2.0
    s = 0.0
    for i in kern.prange(a.shape[0]):
        if a[i] > k:
            raise ValueError("too big")
        s += b[i]
    return b * s


A = np.ones(N)


@pytest.mark.parametrize("f,args", [(fresh, (A,)), (temporaries, (A,)),
                                    (in_loop, (A, 3))])
def test_no_growth_over_many_calls(f, args):
    g = kern.njit(f)
    assert growth(lambda: g(*args)) < 20


def swallow(g, args, exc):
    def call():
        with pytest.raises(exc):
            g(*args)
    return call


def test_raising_call_frees_its_temporaries():
    g = kern.njit(raises_in_loop)
    assert growth(swallow(g, (A, 1), ValueError)) < 20
    np.testing.assert_array_equal(g(A, 0), A * 2.0 + 2.0)  # still works


def test_index_error_frees_temporaries():
    g = kern.njit(boundscheck=True)(raises_index)
    assert growth(swallow(g, (A, N + 5), IndexError)) < 20
    assert g(A, -1) == 2.0


def test_parallel_raise_frees_results_and_temporaries():
    g = kern.njit(parallel=True)(raises_in_prange)
    a = np.arange(20_000.0)
    assert growth(swallow(g, (a, 5.0), ValueError), calls=1_000) < 20
    np.testing.assert_allclose(g(a, 1e9), a * 2.0 * (a * 2.0).sum())


def test_results_own_their_memory():
    g = kern.njit(fresh)
    x = np.arange(5.0)
    r = g(x)
    r[0] = 99.0
    assert x[0] == 0.0
    assert not np.shares_memory(r, x)
    assert r.flags.writeable

    def ret_arg(a):
        return a

    r = kern.njit(ret_arg)(x)
    r[1] = -1.0
    assert x[1] == 1.0  # a returned argument is an owned copy


# ---- threads ------------------------------------------------------------------

def work(a, k):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * k
    return s + (a * k).sum()


@pytest.mark.parametrize("parallel", [False, True])
def test_threads_call_at_once(parallel):
    g = kern.njit(parallel=parallel)(work)
    errors = []
    start = threading.Barrier(8)

    def run(k):
        start.wait()
        for j in range(100):
            a = np.arange(1000.0) + j
            got = g(a, k)
            want = 2 * (a * k).sum()
            if abs(got - want) > 1e-9 * abs(want):
                errors.append((k, j, got, want))

    threads = [threading.Thread(target=run, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_threads_compile_and_raise_at_once():
    """Threads racing the first compile, and errors on some threads while
    others succeed: each thread sees its own result or exception."""
    g = kern.njit(boundscheck=True)(raises_index)
    out = {}
    start = threading.Barrier(6)

    def run(k):
        start.wait()
        res = []
        for _ in range(200):
            try:
                res.append(g(A, k))
            except IndexError as e:
                res.append(str(e))
        out[k] = res

    ks = [0, N + 1, -1, N + 2, 3, -N - 1]
    threads = [threading.Thread(target=run, args=(k,)) for k in ks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for k in ks:
        if -N <= k < N:
            assert out[k] == [2.0] * 200
        else:
            assert all(isinstance(m, str) and "out of bounds" in m or
                       "index" in m for m in out[k]), out[k][:2]
