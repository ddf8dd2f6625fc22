"""kern's NumPy functions written in Python and compiled by kern itself,
registered with `kern.extending` as Numba writes most of its NumPy
support: one registration per function, in modules by subject.

Each module is imported when compiled code first uses a function it
registers (kern/libindex.py, made by scripts/library_index.py), not by
`import kern`.
Functions that must fuse (ufuncs, reductions, array expressions) are kern
ops emitted by the frontend instead (python-frontend/kern/frontend).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def middle(a):
    ...     return np.median(a), np.sort(a)
    >>> middle(np.array([3.0, 1.0, 2.0]))
    (2.0, array([1., 2., 3.]))
"""

