"""Calling a vectorized function: NumPy's ufunc call semantics around the
compiled loops.

The steps, each as NumPy does them:

1. arguments: nin inputs, then optionally out (positionally or `out=`);
   lists and other array-likes become arrays, 0-d arrays count as NumPy
   scalars;
2. the loop: `resolve` (first signature every input casts to safely,
   Python scalars weak; `dtype=` selects by output type), compiling a new
   loop for the exact types when the ufunc has no signatures
   (TypeError when nothing fits);
3. the shapes: `np.broadcast_shapes` of the inputs (and `out`, which must
   have the broadcast shape itself), for NumPy's ValueError;
4. casting: inputs converted to the loop's types; an `out` of another
   dtype gets the result through a same_kind cast; inputs overlapping
   `out` other than element for element are copied first;
5. the compiled loop writes `out`, or a fresh array of the broadcast shape
   from NumPy's allocator; for scalar-only inputs the scalar kernel gives
   a NumPy scalar.
"""

from __future__ import annotations

from typing import Any, Dict, List, Sequence

from .resolve import Arg, describe, resolve

__all__ = ["call", "prepare_inputs", "loop_for"]

_PY_SCALARS = (bool, int, float, complex)


def _as_input(x: Any) -> Any:
    """An ndarray (ndim >= 1), a NumPy scalar, or a Python scalar."""
    import numpy
    if isinstance(x, numpy.ndarray):
        return x[()] if x.ndim == 0 else x
    if isinstance(x, numpy.generic) or type(x) in _PY_SCALARS:
        return x
    for base in (bool, int, float, complex):  # subclasses (IntEnum, ...)
        if isinstance(x, base):
            return base(x)
    a = numpy.asarray(x)
    return a[()] if a.ndim == 0 else a


def _arg(x: Any) -> Arg:
    t = type(x)
    return Arg(None, t) if t in _PY_SCALARS else Arg(x.dtype)


def prepare_inputs(uf: Any, args: Sequence[Any]) -> List[Any]:
    return [_as_input(x) for x in args]


def loop_for(uf: Any, inputs: Sequence[Any], dtype: Any,
             casting: str) -> int:
    """Index of the loop for `inputs`, compiling one for ufuncs without
    signatures; TypeError when none fits."""
    import numpy
    args = [_arg(x) for x in inputs]
    k = resolve(uf._loops, args, dtype, casting)
    if k is not None:
        return k
    if not uf._frozen:
        from ..types import from_dtype
        try:
            ins = tuple(from_dtype(a.dtype) for a in args)
            out = from_dtype(dtype) if dtype is not None else None
        except TypeError as e:
            raise TypeError(f"ufunc '{uf.__name__}': {e}") from None
        k = uf.add((ins, out))
        found = resolve(uf._loops, args, dtype, casting)
        if found is not None:
            return found
        if dtype is not None:
            raise TypeError(f"ufunc '{uf.__name__}' returns "
                            f"{uf._loops[k][1]} for inputs ({describe(args)}),"
                            f" not the requested dtype "
                            f"{numpy.dtype(dtype).name}")
        return k
    want = f" with output dtype {numpy.dtype(dtype).name}" if dtype is not \
        None else ""
    raise TypeError(f"ufunc '{uf.__name__}' not supported for the input "
                    f"types ({describe(args)}){want}, and the inputs could "
                    f"not be safely coerced to any supported types "
                    f"according to the casting rule '"
                    f"{'safe' if dtype is None else casting}'; its loops "
                    f"are {uf.types}")


def _convert(x: Any, t: Any) -> Any:
    """Input `x` as the loop type `t` (a kern scalar type)."""
    import numpy
    want = t.np
    if isinstance(x, numpy.ndarray):
        return x if x.dtype == want else x.astype(want)
    if isinstance(x, numpy.generic) and x.dtype == want:
        return x
    return want.type(x)


def _overlaps(x: Any, out: Any) -> bool:
    """Whether reading `x` while writing `out` element for element could
    read an element already written (NumPy copies such inputs)."""
    import numpy
    if x is out or not numpy.may_share_memory(x, out):
        return False
    same = (x.__array_interface__["data"][0] ==
            out.__array_interface__["data"][0] and x.shape == out.shape
            and x.strides == out.strides and x.dtype == out.dtype)
    return not same


def _check_kwargs(uf: Any, kwargs: Dict[str, Any]) -> None:
    for key, value in kwargs.items():
        if key == "where" and value is True:
            continue
        if key in ("order", "subok", "signature", "where", "axes", "axis",
                   "keepdims"):
            raise NotImplementedError(f"kern: the ufunc keyword '{key}' is "
                                      f"not supported by '{uf.__name__}'")
        raise TypeError(f"'{key}' is an invalid keyword to ufunc "
                        f"'{uf.__name__}'")


def call(uf: Any, args: Sequence[Any], out: Any, dtype: Any, casting: str,
         kwargs: Dict[str, Any]) -> Any:
    import numpy
    if kwargs:
        _check_kwargs(uf, kwargs)
    nin = uf.nin
    if len(args) != nin:
        if len(args) == nin + 1 and out is None:
            args, out = args[:nin], args[nin]
        else:
            raise TypeError(f"{uf.__name__}() takes from {nin} to "
                            f"{nin + 1} positional arguments but "
                            f"{len(args)} were given")
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError(f"The 'out' tuple must have exactly one entry "
                             f"per ufunc output")
        out = out[0]
    if out is not None and not isinstance(out, numpy.ndarray):
        raise TypeError("return arrays must be of ArrayType")
    inputs = [_as_input(x) for x in args]
    k = loop_for(uf, inputs, dtype, casting)
    ins, res = uf._loops[k]
    arrays = [x for x in inputs if isinstance(x, numpy.ndarray)]
    if out is not None:
        if not out.flags.writeable:
            raise ValueError("output array is read-only")
        shape = numpy.broadcast_shapes(*[a.shape for a in arrays]) \
            if arrays else ()
        try:
            fits = numpy.broadcast_shapes(out.shape, shape) == out.shape
        except ValueError:
            fits = False
        if not fits:
            raise ValueError(f"non-broadcastable output operand with shape "
                             f"{out.shape} doesn't match the broadcast shape "
                             f"{shape}")
        if not numpy.can_cast(res.np, out.dtype, casting):
            raise TypeError(f"Cannot cast ufunc '{uf.__name__}' output from "
                            f"{res.np!r} to {out.dtype!r} with casting "
                            f"rule '{casting}'")
    elif arrays:
        shape = numpy.broadcast_shapes(*[a.shape for a in arrays]) \
            if len(arrays) > 1 else arrays[0].shape
    converted = [_convert(x, t) for x, t in zip(inputs, ins)]
    if not arrays:
        value = uf._scalar_entries[k](*converted)
        value = res.np.type(value)
        if out is None:
            return value
        out[...] = value
        return out
    if out is None:
        # The result array comes from NumPy's allocator (huge pages for
        # large arrays: a fresh malloc'd buffer costs a page fault per 4 KiB
        # on every call) and the loop writes into it.
        result = numpy.empty(shape, dtype=res.np)
        uf._entries[k](*converted, result)
        return result
    if out.dtype == res.np and out.dtype.isnative:
        converted = [x.copy() if isinstance(x, numpy.ndarray) and
                     _overlaps(x, out) else x for x in converted]
        uf._entries[k](*converted, out)
        return out
    result = uf._entries[k](*converted)
    numpy.copyto(out, result, casting="unsafe")
    return out
