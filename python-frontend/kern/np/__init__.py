"""kern's NumPy functions written in Python and compiled by kern itself,
registered with `kern.extending` as Numba writes most of its NumPy
support: one registration per function, in modules by subject.

Loaded at the first compile (`kern.lowering.lower`), not by `import kern`.
Functions that must fuse (ufuncs, reductions, array expressions) are kern
ops emitted by the frontend instead (python-frontend/kern/frontend).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def middle(a):
    ...     return np.median(a), np.sort(a)
    >>> middle(np.array([3.0, 1.0, 2.0]))
    (2.0, array([1., 2., 3.]))
"""

from . import (conversion, creation, elementwise, floating,  # noqa: F401
               from_lists, generator, histograms, indexing, linalg, logic,
               manipulation, nanfuncs, numeric, polynomials, selecting,
               sets, shapes, shuffling, sorting, splitting, statistics,
               sums, ufunclike, windows)
