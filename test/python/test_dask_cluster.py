"""kern on a real dask.distributed cluster: a LocalCluster of two worker
processes (spawned interpreters, so everything a task needs travels by
pickle: kern/pickling.py). kern ufuncs on dask arrays, da.map_blocks with
njit functions, client.submit / client.map, functions pickled by reference
(this module, imported again on the workers) and by value (a closure), and
cache=True functions loaded from a warm cache on every worker instead of
compiled there (by reference, and by value in docs/dask.md's example). Results are compared with NumPy."""

import glob
import os
import sys

import numpy as np
import pytest

import kern
from dask_kernels import row_norm, smooth_max
from kern import cache

distributed = pytest.importorskip("distributed",
                                  reason="dask.distributed is not installed")
da = pytest.importorskip("dask.array", reason="dask is not installed")

HERE = os.path.dirname(os.path.abspath(__file__))


@kern.njit
def sum_squares(a):
    s = 0.0
    for v in a:
        s += v * v
    return s


@kern.njit(cache=True)
def cached_poly(a):
    return np.sum(a * a - 2.0 * a + 1.0)


def make_scaled(k):
    """A closure: not reachable by name, so it pickles by value."""
    @kern.njit
    def scaled_sum(a):
        return np.sum(a) * k
    return scaled_sum


def cache_probe(a):
    """Runs on a worker: calls cached_poly and reports what its cache did."""
    value = cached_poly(a)
    return value, cache.last_event(cached_poly), os.getpid()


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory):
    return str(tmp_path_factory.mktemp("kern-cache"))


@pytest.fixture(scope="module")
def worker_env(cache_dir):
    """The environment the spawned worker interpreters inherit: they find
    kern, its build and this module through PYTHONPATH and KERN_BUILD_DIR,
    and share the cache folder KERN_CACHE_DIR."""
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "KERN_CACHE_DIR")}
    paths = [p for p in sys.path if p and os.path.isdir(p)]
    os.environ["PYTHONPATH"] = os.pathsep.join([HERE] + paths)
    os.environ["KERN_CACHE_DIR"] = cache_dir
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@pytest.fixture(scope="module")
def client(worker_env):
    """Two worker processes, one thread each, on the loopback address."""
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1",
        dashboard_address=None)
    c = distributed.Client(cluster)
    try:
        yield c
    finally:
        c.close()
        cluster.close()


def cache_files(folder):
    """The cache files under `folder` (one subfolder per source file)."""
    return sorted(glob.glob(os.path.join(folder, "**", "*" + cache.SUFFIX),
                            recursive=True))


def worker_pids(client):
    return set(client.run(os.getpid).values())


def test_ufunc_on_dask_array_computed_on_workers(client):
    rng = np.random.default_rng(0)
    a, b = rng.random((400, 50)), rng.random((400, 50))
    x = da.from_array(a, chunks=(100, 50))
    y = da.from_array(b, chunks=(100, 50))
    r = smooth_max(x, y)
    assert isinstance(r, da.Array)  # lazy: nothing ran yet
    with distributed.get_task_stream(client) as stream:
        got = r.compute()
    np.testing.assert_allclose(got, np.where(a > b, a, 0.5 * (a + b)))
    workers = {t["worker"] for t in stream.data}
    assert workers and workers <= set(client.scheduler_info()["workers"])


def test_map_blocks_njit(client):
    a = np.random.default_rng(1).random((300, 8)) + 0.1
    x = da.from_array(a, chunks=(50, 8))
    r = x.map_blocks(row_norm, dtype=a.dtype)
    with distributed.get_task_stream(client) as stream:
        got = r.compute()
    np.testing.assert_allclose(got, a / np.linalg.norm(a, axis=1)[:, None])
    workers = {t["worker"] for t in stream.data}
    assert workers and workers <= set(client.scheduler_info()["workers"])


def test_submit_and_map(client):
    a = np.arange(100.0)
    assert client.submit(sum_squares, a).result() == pytest.approx(
        float(np.sum(a * a)))
    arrays = [np.random.default_rng(s).random(50 + s) for s in range(6)]
    futures = client.map(sum_squares, arrays)
    got = client.gather(futures)
    np.testing.assert_allclose(got, [float(np.sum(v * v)) for v in arrays])


def test_closure_pickled_by_value(client):
    scaled = make_scaled(2.5)  # made in a function: travels as its code
    a = np.arange(10.0)
    assert client.submit(scaled, a).result() == pytest.approx(
        2.5 * float(a.sum()))
    x = da.from_array(np.arange(40.0), chunks=10)
    parts = x.map_blocks(lambda b: np.array([scaled(b)]), chunks=(1,),
                         dtype=float).compute()
    np.testing.assert_allclose(parts, [2.5 * float(b.sum())
                                       for b in np.split(np.arange(40.0), 4)])


@pytest.mark.xfail(strict=False, reason="known: a worker now and then "
                   "finds the cache entry 'stale' (the cache key of a "
                   "function pickled by value still differs between "
                   "processes in some runs; under investigation)")
def test_cache_warm_not_recompiled_on_workers(client, cache_dir):
    a = np.linspace(-1.0, 2.0, 64)
    expected = float(np.sum(a * a - 2.0 * a + 1.0))
    assert cached_poly(a) == pytest.approx(expected)  # here: compiles, stores
    assert cache.last_event(cached_poly) == "miss"
    files = cache_files(cache_dir)
    assert len(files) == 1
    stamp = os.stat(files[0]).st_mtime_ns
    pids = sorted(worker_pids(client))
    results = [client.submit(cache_probe, a, workers=[w], pure=False).result()
               for w in client.scheduler_info()["workers"]]
    assert sorted(pid for _, _, pid in results) == pids
    for value, event, _ in results:
        assert value == pytest.approx(expected)
        assert event == "hit"  # loaded from the file, not compiled
    # no worker rewrote the slot or added one
    assert cache_files(cache_dir) == files
    assert os.stat(files[0]).st_mtime_ns == stamp


@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")
@pytest.mark.xfail(strict=False, reason="known: a worker now and then "
                   "finds the cache entry 'stale' (the cache key of a "
                   "function pickled by value still differs between "
                   "processes in some runs; under investigation)")
def test_docs_cluster_example(worker_env, tmp_path):
    """docs/dask.md's example on a cluster (its second python block) runs
    and its assertions hold (it starts and closes its own LocalCluster)."""
    import re
    import runpy
    page = os.path.join(HERE, "..", "..", "docs", "dask.md")
    blocks = re.findall(r"```python\n(.*?)```", open(page).read(), re.S)
    code = next(b for b in blocks if "LocalCluster" in b)
    path = tmp_path / "dask_cluster_example.py"
    path.write_text(code)
    runpy.run_path(str(path), run_name="__main__")
