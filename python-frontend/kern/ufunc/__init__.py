"""The machinery behind `@kern.vectorize` (kern/vectorize.py) and
`@kern.guvectorize` (kern/guvectorize.py): the kern modules of the loops
(emit.py, gufunc.py), which np.ufuncs kern made (registry.py), and calls
inside `@kern.njit` code (njit.py, with NumPy's loop choice in
resolve.py). The ufunc objects themselves are NumPy's, made in C
(kern/_ufunc.c)."""
