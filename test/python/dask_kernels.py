"""Kernels shared by test_dask.py and test_dask_cluster.py: a module of
their own that a dask worker imports again, so its functions pickle by
reference (kern/pickling.py)."""

import numpy as np

import kern


@kern.vectorize(["float64(float64, float64)", "float32(float32, float32)"])
def smooth_max(x, y):
    return x if x > y else 0.5 * (x + y)


@kern.njit
def row_norm(block):
    """Each row of a 2-D block divided by its Euclidean norm."""
    out = np.empty_like(block)
    for i in range(block.shape[0]):
        s = 0.0
        for j in range(block.shape[1]):
            s += block[i, j] * block[i, j]
        for j in range(block.shape[1]):
            out[i, j] = block[i, j] / np.sqrt(s)
    return out
