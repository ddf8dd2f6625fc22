"""`.reduce` and `.accumulate` of a vectorized function of two inputs.

Both run compiled kern code: `kern.reduce custom` (over all axes: a
scalar; over some: an array of the others) and `kern.accumulate custom`
whose combiner calls the scalar kernel. One entry is compiled per (loop,
rank, axes, initial given).

NumPy's rules: the loop is one of type (T, T) -> T that the array casts
to safely (or T = `dtype`); reductions start from `initial`, else from the
ufunc's `identity`, else from the first element (then an empty reduction
is a ValueError); several axes need an identity ('reorderable' or a value).
"""

from __future__ import annotations

from typing import Any, Sequence, Tuple as PT

from .resolve import Arg, describe

__all__ = ["reduce", "accumulate"]


def _binary(uf: Any, what: str) -> None:
    if uf.nin != 2:
        raise ValueError(f"{what} only supported for binary functions")


def _loop(uf: Any, array_dtype: Any, dtype: Any, what: str) -> int:
    """Index of a (T, T) -> T loop: T = `dtype` if given, else the first T
    that arrays of `array_dtype` cast to safely."""
    import numpy
    want = numpy.dtype(dtype if dtype is not None else array_dtype)
    for k, (ins, out) in enumerate(uf._loops):
        if ins[0] == ins[1] == out and (
                out.np == want if dtype is not None else
                numpy.can_cast(want, out.np, "safe")):
            return k
    if not uf._frozen:
        from .call import _kern_type
        try:
            t = _kern_type(want)
        except TypeError as e:
            raise TypeError(f"ufunc '{uf.__name__}': {e}") from None
        k = uf.add(((t, t), t))
        if uf._loops[k][1] == t:
            return k
    raise TypeError(f"ufunc '{uf.__name__}' has no loop (T, T) -> T for "
                    f"{what} of {describe([Arg(want)])} arrays; its loops "
                    f"are {uf.types}")


def _compiled(uf: Any, key: tuple, make: Any) -> Any:
    """The entry of `key`, compiled by `make()` (a Kernel) once."""
    entry = uf._reduce.get(key)
    if entry is None:
        from ..vectorize import _Entry
        with uf._lock:
            entry = uf._reduce.get(key)
            if entry is None:
                kernel = make()
                parallel = uf.target == "parallel"
                module = uf._compile(kernel, parallel, key[-1])

                def never(e: Any, args: Sequence[Any]) -> None:
                    raise TypeError("kern: internal error: reduction entry "
                                    "called with other types")

                entry = _Entry(never)
                arg_types = key[-1]
                uf._register(entry, kernel, module, arg_types)
                uf._reduce[key] = entry
    return entry


def _axes(axis: Any, ndim: int) -> PT[int, ...]:
    from numpy.lib.array_utils import normalize_axis_tuple
    if axis is None:
        return tuple(range(ndim))
    return tuple(sorted(normalize_axis_tuple(axis, ndim)))


def reduce(uf: Any, array: Any, axis: Any, dtype: Any, out: Any,
           keepdims: bool, initial: Any, where: Any) -> Any:
    import numpy
    from ..vectorize import _UNSET
    from .emit import Memref, reduce_kernel
    _binary(uf, "reduce")
    if where is not True:
        raise NotImplementedError(f"kern: {uf.__name__}.reduce does not "
                                  f"support where=")
    a = numpy.asarray(array)
    axes = _axes(axis, a.ndim)
    k = _loop(uf, a.dtype, dtype, "reduce")
    t = uf._loops[k][1]
    start = None
    if initial is not _UNSET and initial is not None:
        start = t.np.type(initial)
    elif uf._identity not in (None, "reorderable"):
        start = t.np.type(uf._identity)
    if len(axes) > 1 and uf._identity is None:
        raise ValueError(f"reduction operation '{uf.__name__}' is not "
                         f"reorderable, so at most one axis may be "
                         f"specified")
    if start is None and any(a.shape[i] == 0 for i in axes):
        raise ValueError(f"zero-size array to reduction operation "
                         f"{uf.__name__} which has no identity")
    x = a if a.dtype == t.np else a.astype(t.np)
    if not axes:
        result = x.copy() if start is None else uf(start, x)
    elif any(n == 0 for n in a.shape):
        # Nothing to combine: the start value (there is one when a reduced
        # axis is empty), in the shape of the remaining dimensions.
        shape = tuple(n for i, n in enumerate(a.shape) if i not in axes)
        result = start if not shape else numpy.empty(shape, dtype=t.np) \
            if start is None else numpy.full(shape, start, dtype=t.np)
    elif _by_rows(uf, x, axes):
        result = _reduce_rows(uf, k, t, x, axes[0], start)
    else:
        whole = len(axes) == a.ndim
        args = (x,) if start is None else (x, start)
        types = (Memref(t, a.ndim),) + ((t,) if start is not None else ())
        key = ("reduce", k, a.ndim, None if whole else axes, types)
        entry = _compiled(uf, key, lambda: reduce_kernel(
            uf.py_func, uf.__name__, t, a.ndim, None if whole else axes,
            start is not None, parallel=uf.target == "parallel",
            fastmath=bool(uf.fastmath)))
        result = entry(*args)
        if whole:
            result = t.np.type(result)
    if keepdims:
        result = numpy.expand_dims(result, axes) if axes else result
    if out is not None:
        if isinstance(out, tuple):
            out = out[0]
        out[...] = result
        return out
    return result


def _by_rows(uf: Any, x: Any, axes: PT[int, ...]) -> bool:
    """Whether to reduce one slice at a time (reduce_rows_kernel): one
    axis, not the innermost in memory. On the parallel target too, and
    there on one thread: a parallel region per slice costs more than it
    gains (measured: 3162 slices of 3162 doubles, 5 ms on one thread, 57
    ms on two; 300 of 100000, 13 ms and 35 ms), and kern.reduce's
    parallel outer loop reads memory across the slices."""
    if len(axes) != 1 or x.ndim < 2:
        return False
    inner = min(range(x.ndim), key=lambda i: (abs(x.strides[i]) if
                                              x.shape[i] > 1 else 1 << 62))
    return axes[0] != inner


def _reduce_rows(uf: Any, k: int, t: Any, x: Any, axis: int,
                 start: Any) -> Any:
    import numpy
    from .emit import Memref, reduce_rows_kernel
    from ..types import int64
    x = numpy.moveaxis(x, axis, 0)
    out = numpy.empty(x.shape[1:], dtype=t.np)
    if start is None:
        out[...] = x[0]
    else:
        out.fill(start)
    types = (Memref(t, x.ndim), Memref(t, x.ndim - 1), int64)
    key = ("reduce_rows", k, x.ndim, types)
    entry = _compiled(uf, key, lambda: reduce_rows_kernel(
        uf.py_func, uf.__name__, t, x.ndim, parallel=False,
        fastmath=bool(uf.fastmath)))
    entry(x, out, 1 if start is None else 0)
    return out


def accumulate(uf: Any, array: Any, axis: Any, dtype: Any,
               out: Any) -> Any:
    import numpy
    from .emit import Memref
    from .emit import accumulate_kernel
    _binary(uf, "accumulate")
    a = numpy.asarray(array)
    if a.ndim == 0:
        raise TypeError("cannot accumulate on a scalar")
    if axis is None:
        if a.ndim != 1:
            raise ValueError("accumulate does not allow multiple axes")
        axis = 0
    from numpy.lib.array_utils import normalize_axis_index
    axis = normalize_axis_index(axis, a.ndim)
    k = _loop(uf, a.dtype, dtype, "accumulate")
    t = uf._loops[k][1]
    x = a if a.dtype == t.np else a.astype(t.np)
    if a.size == 0:
        result = numpy.empty(a.shape, dtype=t.np)
    else:
        types = (Memref(t, a.ndim),)
        key = ("accumulate", k, a.ndim, axis, types)
        entry = _compiled(uf, key, lambda: accumulate_kernel(
            uf.py_func, uf.__name__, t, a.ndim, axis,
            fastmath=bool(uf.fastmath)))
        result = entry(x)
    if out is not None:
        if isinstance(out, tuple):
            out = out[0]
        out[...] = result
        return out
    return result
