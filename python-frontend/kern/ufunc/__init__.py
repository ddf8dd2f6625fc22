"""The machinery behind `@kern.vectorize` (kern/vectorize.py): type
resolution (resolve.py), the call (call.py), reductions (reduce.py), the
kern modules of the loops (emit.py) and calls inside `@kern.njit` code
(njit.py)."""
