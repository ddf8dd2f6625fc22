"""kern's Python built-ins and standard-library functions written in
Python and compiled by kern itself (registered with `kern.extending`, one
registration per function, in modules by subject), as kern/np is for
NumPy. Each module is imported when compiled code first uses what it
registers (kern/libindex.py), not by `import kern`.

    >>> import kern, math
    >>> @kern.njit
    ... def f(n, k):
    ...     return math.comb(n, k), math.gcd(n, k), math.isqrt(n)
    >>> f(10, 4)
    (210, 2, 3)
"""

