"""np.random.Generator's shuffle, permutation and choice in compiled code,
with NumPy's algorithms (numpy/random/_generator.pyx) over its own
bounded draws (libkern_npyrandom), so that the same Generator state gives
the same arrays:

- shuffle: Fisher-Yates from the last index down, j = random_interval(i);
  for ndim > 1 whole sub-arrays along `axis` swap;
- permutation(n) and of a 1-D array: a shuffled copy; of an n-D array, the
  array taken at a shuffled index along `axis`;
- choice with replacement: integers(0, n, size), or with `p`
  the right-side searchsorted of random(size) in the cumulative p;
  without replacement: Floyd's algorithm and a shuffle of the sample (a
  tail shuffle of arange(n) for large n), with `p` NumPy's redraws.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def deal(seed):
    ...     rng = np.random.default_rng(seed)
    ...     return rng.permutation(5), rng.choice(10, 3, replace=False)
    >>> rng = np.random.default_rng(1)
    >>> want = rng.permutation(5), rng.choice(10, 3, replace=False)
    >>> all(np.array_equal(g, w) for g, w in zip(deal(1), want))
    True

`a` of choice is an int or a 1-D array; `p` a 1-D float array or None.
"""

from __future__ import annotations

import ast
from typing import Any, Dict, List, Tuple

import numpy as np

from .. import types
from ..extending import overload, overload_method, register_jitable
from .common import is_array, is_none

_G = types.npy_rng
_u64 = types.uint64
_interval = types.ExternalFunction("random_interval", _u64(_G, _u64))
_bounded = types.ExternalFunction("random_kern_bounded_uint64",
                                  _u64(_G, _u64, _u64))
_fill_i64 = types.ExternalFunction("random_kern_bounded_fill", types.void(
    _G, types.int64, _u64, _u64, types.int64, types.int64[:]))
_uniform_fill = types.ExternalFunction(
    "random_standard_uniform_fill",
    types.void(_G, types.int64, types.float64[:]))


@register_jitable
def _shuffle1d(g, x):
    for i in range(x.shape[0] - 1, 0, -1):  # NumPy's _shuffle_raw
        j = _interval(g, np.uint64(i))
        x[i], x[j] = x[j], x[i]


@register_jitable
def _shuffle_rows(g, x):
    """The first axis of x (ndim > 1) shuffled in place, rows swapped."""
    for i in range(x.shape[0] - 1, 0, -1):
        j = _interval(g, np.uint64(i))
        if i != j:
            t = x[j].copy()
            x[j] = x[i]
            x[i] = t


@register_jitable
def _shuffle_int(g, n, first, data):
    """NumPy's _shuffle_int: data[n-1], ..., data[first] swapped with a
    random_bounded_uint64 draw."""
    for i in range(n - 1, first - 1, -1):
        j = _bounded(g, np.uint64(0), np.uint64(i))
        data[i], data[j] = data[j], data[i]


@register_jitable
def _take_rows(x, idx):
    out = np.empty_like(x)
    for i in range(idx.shape[0]):
        out[i] = x[idx[i]]
    return out


# what the axis `ax` of an n-D array does, axis 0 and then axis k (in k's
# branch, `x` seen with axes 0 and k swapped, as NumPy's shuffle does)
_BY_AXIS = {
    "shuffle": ("def shuffle(g, x, ax):", "_shuffle_rows(g, x)",
                "_shuffle_rows(g, np.swapaxes(x, 0, {k}))"),
    "permute": ("def permute(x, idx, ax):", "return _take_rows(x, idx)",
                "return np.swapaxes(_take_rows(np.swapaxes(x, 0, {k}), "
                "idx), 0, {k}).copy()"),
}
_made: Dict[Tuple[str, int], Any] = {}


def _by_axis(kind: str, ndim: int) -> Any:
    """A function branching on the axis to constant axes (np.swapaxes
    takes constants), made once per array rank."""
    if (kind, ndim) not in _made:
        head, first, other = _BY_AXIS[kind]
        lines = [head, "    if ax == 0:", "        " + first]
        for k in range(1, ndim):
            lines += [f"    elif ax == {k}:", "        " + other.format(k=k)]
        if kind == "permute":
            lines += ["    return _take_rows(x, idx)"]
        source = "\n".join(lines) + "\n"
        from ..frontend.source import made_function  # (inspect: heavy)
        _made[kind, ndim] = register_jitable(made_function(
            ast.parse(source).body[0], __file__, 0, source.splitlines(),
            {"np": np, "_shuffle_rows": _shuffle_rows,
             "_take_rows": _take_rows}, f"Generator.{kind}_{ndim}d", __name__))
    return _made[kind, ndim]


@register_jitable
def _axis(axis, ndim):
    if axis < -ndim or axis >= ndim:
        raise IndexError("Axis is out of bounds for the given array")
    return axis + ndim if axis < 0 else axis


@overload_method(types.NumPyRandomGeneratorType, "shuffle")
def generator_shuffle(self, x, axis=0):
    if not is_array(x):
        return None
    if x.ndim == 1:
        def flat(self, x, axis=0):
            _axis(axis, 1)
            _shuffle1d(self, x)
        return flat
    along = _by_axis("shuffle", x.ndim)

    def rows(self, x, axis=0):
        ax = _axis(axis, x.ndim)
        if x.size != 0:
            along(self, x, ax)
    return rows


@overload_method(types.NumPyRandomGeneratorType, "permutation")
def generator_permutation(self, x, axis=0):
    if isinstance(x, types.Integer):
        def count(self, x, axis=0):
            a = np.arange(x)
            _shuffle1d(self, a)
            return a
        return count
    if is_array(x) and x.ndim == 1:
        def copied(self, x, axis=0):
            _axis(axis, 1)
            a = x.copy()
            _shuffle1d(self, a)
            return a
        return copied
    if not is_array(x):
        return None
    along = _by_axis("permute", x.ndim)

    def taken(self, x, axis=0):
        ax = _axis(axis, x.ndim)
        idx = np.arange(x.shape[ax])
        _shuffle1d(self, idx)
        return along(x, idx, ax)
    return taken


@register_jitable
def _cdf(p):
    cdf = np.cumsum(p)
    return cdf / cdf[-1]


@register_jitable
def _check_p(p, n):
    if p.shape[0] != n:
        raise ValueError("a and p must have same size")
    total, c = 0.0, 0.0  # NumPy's kahan_sum
    for i in range(n):
        y = p[i] - c
        t = total + y
        c = (t - total) - y
        total = t
    if np.isnan(total):
        raise ValueError("Probabilities contain NaN")
    for i in range(n):
        if p[i] < 0:
            raise ValueError("Probabilities are not non-negative")
    if abs(total - 1.0) > np.sqrt(np.finfo(np.float64).eps):
        raise ValueError("Probabilities do not sum to 1. See Notes section "
                         "of docstring for more information.")


@register_jitable
def _gen_mask(x):
    m = np.uint64(x)
    for s in (1, 2, 4, 8, 16, 32):
        m |= m >> np.uint64(s)
    return m


@register_jitable
def _floyd(g, n, k, shuffle):
    """k distinct indices of range(n) by NumPy's Floyd's algorithm over an
    open-addressing set, then (shuffle) _shuffle_int of them."""
    idx = np.empty(k, np.int64)
    mask = _gen_mask(np.uint64(int(1.2 * k)))
    empty = np.uint64(0xFFFFFFFFFFFFFFFF)
    table = np.full(int(mask) + 1, empty, np.uint64)
    for j in range(n - k, n):
        val = _bounded(g, np.uint64(0), np.uint64(j))
        loc = val & mask
        while table[loc] != empty and table[loc] != val:
            loc = (loc + np.uint64(1)) & mask
        if table[loc] == empty:
            table[loc] = val
            idx[j - n + k] = np.int64(val)
        else:
            loc = np.uint64(j) & mask
            while table[loc] != empty:
                loc = (loc + np.uint64(1)) & mask
            table[loc] = np.uint64(j)
            idx[j - n + k] = j
    if shuffle:
        _shuffle_int(g, k, 1, idx)
    return idx


@register_jitable
def _without_p(g, n, k, shuffle):
    cutoff = 50 if shuffle else 20
    if n > 10000 and k > n // cutoff:  # tail shuffle
        idx = np.arange(n)
        _shuffle_int(g, n, max(n - k, 1), idx)
        return idx[n - k:].copy()
    return _floyd(g, n, k, shuffle)


@register_jitable
def _with_p(g, p, k):
    """NumPy's choice without replacement weighted by p: redraws of the
    still missing ones, each round's new distinct values in order."""
    nonzero = 0
    for i in range(p.shape[0]):
        if p[i] > 0:
            nonzero += 1
    if nonzero < k:
        raise ValueError("Fewer non-zero entries in p than size")
    q = p.astype(np.float64)
    found = np.zeros(k, np.int64)
    seen = np.zeros(p.shape[0], np.bool_)
    got = 0
    while got < k:
        x = np.empty(k - got, np.float64)
        _uniform_fill(g, x.shape[0], x)
        for i in range(got):
            q[found[i]] = 0.0
        new = np.searchsorted(_cdf(q), x, side="right")
        fresh = 0
        for i in range(new.shape[0]):
            v = new[i]
            if not seen[v]:
                seen[v] = True
                found[got + fresh] = v
                fresh += 1
        for i in range(fresh):  # only this round's are "seen" after it
            seen[found[got + i]] = False
        got += fresh
    return found


def _count(size):
    """The number of items of an array of shape `size` (an int or a
    tuple of ints)."""
    return size


@overload(_count)
def _count_impl(size):
    if isinstance(size, types.Integer):
        return lambda size: size

    def product(size):
        k = 1
        for s in size:
            k *= s
        return k
    return product


@register_jitable
def _draw_uniform(g, n, k, replace, shuffle, p):
    if replace:
        idx = np.empty(k, np.int64)
        _fill_i64(g, 64, np.uint64(0), np.uint64(n - 1), k, idx)
        return idx
    return _without_p(g, n, k, shuffle)


@register_jitable
def _draw_weighted(g, n, k, replace, shuffle, p):
    _check_p(p, n)
    q = p.astype(np.float64)
    if replace:
        u = np.empty(k, np.float64)
        _uniform_fill(g, k, u)
        return np.searchsorted(_cdf(q), u, side="right")
    return _with_p(g, q, k)


@overload_method(types.NumPyRandomGeneratorType, "choice")
def generator_choice(self, a, size=None, replace=True, p=None, axis=0,
                     shuffle=True):
    if isinstance(a, types.Integer):
        from_array = False
    elif is_array(a) and a.ndim == 1:
        from_array = True
    else:
        return None
    if not (is_none(p) or (is_array(p) and p.ndim == 1)):
        return None
    draw = _draw_uniform if is_none(p) else _draw_weighted
    scalar = is_none(size)

    def impl(self, a, size=None, replace=True, p=None, axis=0,
             shuffle=True):
        if from_array:
            n = a.shape[0]
        else:
            n = a
        if axis != 0:
            raise ValueError("axis must be 0 for a 1-D population")
        k = 1 if scalar else _count(size)
        if from_array:
            if n == 0 and k != 0:
                raise ValueError("a cannot be empty unless no samples are "
                                 "taken")
        elif n <= 0 and k != 0:
            raise ValueError("a must be a positive integer unless no "
                             "samples are taken")
        if not replace and k > n:
            raise ValueError("Cannot take a larger sample than "
                             "population when replace is False")
        idx = draw(self, n, k, replace, shuffle, p)
        if from_array:
            picked = np.empty(k, a.dtype)
            for i in range(k):
                picked[i] = a[idx[i]]
        else:
            picked = idx
        if scalar:
            return picked[0]
        return picked.reshape(size)
    return impl


__all__: List[str] = []
