"""kern with Dask arrays: kern ufuncs (eager and lazy) on dask.array give
lazy Dask arrays; da.map_blocks runs njit functions on the chunks, with the
threaded and the multiprocessing schedulers (the functions pickle:
kern/pickling.py)."""

import os

import numpy as np
import pytest

import kern
from dask_kernels import row_norm, smooth_max

da = pytest.importorskip("dask.array", reason="dask is not installed")


@kern.vectorize
def cube(x):
    return x * x * x


def test_eager_ufunc_on_dask_array_is_lazy():
    a = np.random.default_rng(0).random((40, 30))
    b = np.random.default_rng(1).random((40, 30))
    x, y = da.from_array(a, chunks=(10, 15)), da.from_array(b, chunks=(10, 15))
    r = smooth_max(x, y)
    assert isinstance(r, da.Array)  # nothing computed yet
    np.testing.assert_allclose(r.compute(),
                               np.where(a > b, a, 0.5 * (a + b)))


def test_lazy_ufunc_on_dask_array():
    a = np.arange(24.0).reshape(4, 6)
    x = da.from_array(a, chunks=(2, 3))
    r = cube(x)
    assert isinstance(r, da.Array)
    np.testing.assert_allclose(r.compute(), a ** 3)
    ai = np.arange(10)
    np.testing.assert_array_equal(cube(da.from_array(ai, chunks=5)).compute(),
                                  ai ** 3)


def test_map_blocks_with_njit_threads_and_processes():
    a = np.random.default_rng(2).random((60, 8)) + 0.1
    x = da.from_array(a, chunks=(15, 8))
    expected = a / np.sqrt((a * a).sum(axis=1))[:, None]
    r = x.map_blocks(row_norm, dtype=a.dtype)
    np.testing.assert_allclose(r.compute(scheduler="threads"), expected)
    np.testing.assert_allclose(r.compute(scheduler="processes",
                                         num_workers=2), expected)


def test_docs_dask_example(tmp_path):
    import re
    import runpy
    page = os.path.join(os.path.dirname(__file__), "..", "..", "docs",
                        "dask.md")
    code = re.findall(r"```python\n(.*?)```", open(page).read(), re.S)[0]
    # (the second block, on a distributed cluster: test_dask_cluster.py)
    path = tmp_path / "dask_example.py"
    path.write_text(code)
    runpy.run_path(str(path), run_name="__main__")
