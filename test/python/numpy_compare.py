"""Comparing kern's results with NumPy's in tests: the structure (tuples
item by item, arrays of NumPy's shape and dtype, Python scalars of the kind
of NumPy's), then the values as each test file asks."""

from typing import Any, Callable

import numpy as np


def same_structure(got: Any, want: Any,
                   values: Callable[[Any, np.ndarray], None]) -> None:
    """Assert `got` is shaped as `want`; `values(g, w)` compares them (`g`
    an array, or a scalar converted to `w`'s dtype)."""
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want)
        for g, w in zip(got, want):
            same_structure(g, w, values)
        return
    w = np.asarray(want)
    if isinstance(got, (bool, int, float, complex)):
        kinds = {bool: "b", int: "iu", float: "f", complex: "c"}[type(got)]
        assert w.shape == () and w.dtype.kind in kinds, (got, want)
        g = np.asarray(got).astype(w.dtype)
    else:
        assert got.shape == w.shape and got.dtype == w.dtype, (got, want)
        g = got
    values(g, w)
