"""`np.random.default_rng(seed)` in compiled code: a Generator over
NumPy's PCG64 seeded through NumPy's SeedSequence (lib/Runtime/Pcg64.c),
so that its draws are those of `np.random.default_rng(seed)` in Python.
Its methods are those of a Generator passed in (kern/np/generator.py,
kern/np/generator_sampling.py).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def draw(seed):
    ...     rng = np.random.default_rng(seed)
    ...     return rng.random(3), rng.integers(0, 100, 4), rng.normal(2.0, 0.5)
    >>> got = draw(42)
    >>> rng = np.random.default_rng(42)
    >>> want = rng.random(3), rng.integers(0, 100, 4), rng.normal(2.0, 0.5)
    >>> all(np.array_equal(x, y) for x, y in zip(got, want))
    True

The seed is a non-negative integer, a 1-D array of them (each element
taken as NumPy takes the items of a sequence), None or omitted (fresh
entropy from the operating system), or a Generator, which is returned as
it is. A negative seed raises NumPy's ValueError. A Generator made in
compiled code lives until the call returns: it cannot be a result.
"""

from __future__ import annotations

from typing import List

import numpy as np

from .. import types
from ..extending import overload
from .common import is_array, is_none

_G = types.npy_rng


def _made(symbol: str, *args: types.Type) -> types.ExternalFunction:
    """A runtime function making a Generator (lib/Runtime/Pcg64.c)."""
    return types.ExternalFunction(symbol, types.Signature(_G, args))


_new = _made("kern_rt_pcg64_new", types.uint64)
_new_seq = _made("kern_rt_pcg64_new_seq", types.int64, types.uint64[:])
_new_entropy = _made("kern_rt_pcg64_new_entropy")


@overload("numpy.random.default_rng")
def default_rng(seed=None):
    if is_none(seed):
        return lambda seed=None: _new_entropy()
    if isinstance(seed, types.NumPyRandomGeneratorType):
        return lambda seed=None: seed
    if isinstance(seed, (types.Integer, types.Boolean)):
        def from_int(seed=None):
            if seed < 0:
                raise ValueError("expected non-negative integer")
            return _new(np.uint64(seed))
        return from_int
    if is_array(seed) and seed.ndim == 1 and isinstance(
            seed.dtype, (types.Integer, types.Boolean)):
        def from_array(seed=None):
            for i in range(seed.shape[0]):
                if seed[i] < 0:
                    raise ValueError("expected non-negative integer")
            words = seed.astype(np.uint64)  # a fresh contiguous copy
            return _new_seq(words.shape[0], words)
        return from_array
    return None


__all__: List[str] = []
