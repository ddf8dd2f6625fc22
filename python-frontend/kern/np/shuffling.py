"""np.random.shuffle, permutation and choice, as NumPy's legacy generator
makes them (so they draw NumPy's numbers after the same seed): the
Fisher-Yates shuffle from the last element down, j drawn by NumPy's
`random_interval(i)`, which is `randint(0, i + 1)`'s masked rejection
(kern/frontend/randoms.py); choice with replacement is `randint(0, n,
size)`, without replacement the first items of `permutation(n)`.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def deal(seed):
    ...     np.random.seed(seed)
    ...     return np.random.permutation(5), np.random.choice(10, 3)
    >>> np.random.seed(1)
    >>> want = np.random.permutation(5), np.random.choice(10, 3)
    >>> all(np.array_equal(g, w) for g, w in zip(deal(1), want))
    True
"""

from __future__ import annotations

import numpy as np

from .. import types
from ..extending import overload, register_jitable
from .common import is_array, is_none


def _saved(x, i):
    """x[i], kept: the element, or a copy of the sub-array."""
    return x[i]


@overload(_saved)
def _saved_impl(x, i):
    if x.ndim == 1:
        return lambda x, i: x[i]
    return lambda x, i: x[i].copy()


@register_jitable
def shuffle_rows(x):
    """NumPy's legacy shuffle of the first axis of `x`, in place (whole
    sub-arrays swap for ndim > 1)."""
    n = x.shape[0]
    for k in range(n - 1):
        i = n - 1 - k
        j = np.random.randint(0, i + 1)
        t = _saved(x, i)
        x[i] = x[j]
        x[j] = t


@overload("numpy.random.shuffle")  # (numpy.random imported by the user)
def np_random_shuffle(x):
    if is_array(x):
        return lambda x: shuffle_rows(x)


@overload("numpy.random.permutation")
def np_random_permutation(x):
    if isinstance(x, types.Integer):
        def impl_n(x):
            out = np.arange(x)
            shuffle_rows(out)
            return out
        return impl_n
    if is_array(x):
        def impl_array(x):
            out = x.copy()
            shuffle_rows(out)
            return out
        return impl_array


@overload("numpy.random.choice")
def np_random_choice(a, size=None, replace=True, p=None):
    if not is_none(p):
        return None  # as Numba: no probabilities
    population = isinstance(a, types.Integer)
    if not (population or (is_array(a) and a.ndim == 1)):
        return None
    if is_none(size):
        def impl_one(a, size=None, replace=True, p=None):
            i = sample_indexes(_population(a), 1, replace)[0]
            return _pick(a, i)
        return impl_one
    if not isinstance(size, (types.Integer, types.UniTuple, types.Tuple)):
        return None
    if population:
        def impl_n(a, size=None, replace=True, p=None):
            return sample_indexes(_population(a), _count(size),
                                  replace).reshape(size)
        return impl_n

    def impl_a(a, size=None, replace=True, p=None):
        idx = sample_indexes(_population(a), _count(size), replace)
        out = np.empty(idx.shape[0], a.dtype)
        for k in range(idx.shape[0]):
            out[k] = a[idx[k]]
        return out.reshape(size)
    return impl_a


@register_jitable
def sample_indexes(n, count, replace):
    """`count` indexes into n items: randint(0, n, count) with replacement,
    the first of permutation(n) without (NumPy's legacy choice)."""
    if replace:
        return np.random.randint(0, n, count)
    if count > n:
        raise ValueError("Cannot take a larger sample than population when "
                         "'replace=False'")
    return np.random.permutation(n)[:count]


def _population(a):
    """The number of items choice picks from: `a` itself or len(a)."""
    return a


@overload(_population)
def _population_impl(a):
    if isinstance(a, types.Integer):
        def impl_n(a):
            if a <= 0:
                raise ValueError("a must be greater than 0 unless no samples "
                                 "are taken")
            return a
        return impl_n
    if is_array(a):
        def impl_a(a):
            if a.shape[0] == 0:
                raise ValueError("a cannot be empty unless no samples are "
                                 "taken")
            return a.shape[0]
        return impl_a


def _pick(a, i):
    """Item `i` of `a`: `i` itself for a population size."""
    return a[i]


@overload(_pick)
def _pick_impl(a, i):
    if isinstance(a, types.Integer):
        return lambda a, i: i
    if is_array(a):
        return lambda a, i: a[i]


def _count(size):
    """The number of items of an array of shape `size`."""
    return size


@overload(_count)
def _count_impl(size):
    if isinstance(size, types.Integer):
        return lambda size: size
    if isinstance(size, (types.UniTuple, types.Tuple)):
        def impl(size):
            n = 1
            for d in size:
                n *= d
            return n
        return impl
