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

from typing import Any, Dict, List, Sequence, Tuple as PT

import numpy  # this module loads at the first call, not at `import kern`

from .resolve import Arg, describe, resolve

__all__ = ["call", "loop_for", "Plan"]

_PY_SCALARS = (bool, int, float, complex)


def _as_input(x: Any) -> Any:
    """An ndarray (ndim >= 1), a NumPy scalar, or a Python scalar."""
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


def _kern_type(dtype: Any) -> Any:
    """The kern type of a loop compiled for inputs of `dtype`: the dtype's
    own, else the first kern type it casts to safely (float16 -> float32,
    ...)."""
    from ..types import SCALARS, from_dtype
    try:
        return from_dtype(dtype)
    except TypeError:
        for t in SCALARS.values():
            if numpy.can_cast(dtype, t.np, "safe"):
                return t
        raise


def loop_for(uf: Any, inputs: Sequence[Any], dtype: Any,
             casting: str) -> int:
    """Index of the loop for `inputs`, compiling one for ufuncs without
    signatures; TypeError when none fits."""
    args = [_arg(x) for x in inputs]
    k = resolve(uf._loops, args, dtype, casting)
    if k is not None:
        return k
    if not uf._frozen:
        from ..types import from_dtype
        try:
            ins = tuple(_kern_type(a.dtype) for a in args)
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


def _overlaps(x: Any, out: Any) -> bool:
    """Whether reading `x` while writing `out` element for element could
    read an element already written (NumPy copies such inputs)."""
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


class Plan:
    """How to call loop `k` on inputs of one kind: the converter of each
    input (None: as it is), which inputs are arrays, the result dtype.
    Cached per input kinds, so that a repeated call only converts."""

    __slots__ = ("k", "convs", "arrays", "res")

    def __init__(self, uf: Any, inputs: Sequence[Any], dtype: Any,
                 casting: str) -> None:
        self.k = loop_for(uf, inputs, dtype, casting)
        ins, res = uf._loops[self.k]
        self.res = res.np
        self.convs: List[Any] = []
        self.arrays: List[int] = []
        for i, (x, t) in enumerate(zip(inputs, ins)):
            want = t.np
            if isinstance(x, numpy.ndarray):
                self.arrays.append(i)
                self.convs.append(None if x.dtype == want else
                                  (lambda a, d=want: a.astype(d)))
            elif isinstance(x, numpy.generic) and x.dtype == want:
                self.convs.append(None)
            else:
                self.convs.append(want.type)


def _key(x: Any) -> Any:
    """What a Plan depends on in an input; None for inputs that need
    `_as_input` (lists, 0-d arrays, subclasses of Python scalars)."""
    t = type(x)
    if t is numpy.ndarray:
        return x.dtype if x.ndim else None  # 0-d: converted, not cached
    if t in _PY_SCALARS:
        return t
    if isinstance(x, numpy.generic):
        return (x.dtype,)
    return None


def _plan(uf: Any, args: Sequence[Any], dtype: Any, casting: str
          ) -> PT[Plan, List[Any]]:
    """The plan for `args` and the inputs it applies to."""
    key = tuple(_key(x) for x in args)
    if dtype is not None or casting != "same_kind":
        key += (dtype, casting)
    plan = uf._plans.get(key)
    if plan is not None:
        return plan, args
    inputs = [_as_input(x) for x in args]
    plan = Plan(uf, inputs, dtype, casting)
    if all(part is not None for part in key):  # (dtype == None is True)
        uf._plans[key] = plan
    return plan, inputs


def _flat_order(arrays: List[Any]) -> Any:
    """'C' or 'F' when the arrays (more than 1-d) have one shape and are all
    contiguous in that order, else None."""
    first = arrays[0]
    if first.ndim < 2:
        return None
    shape = first.shape
    if all(a.shape == shape and a.flags.c_contiguous for a in arrays):
        return "C"
    if all(a.shape == shape and a.flags.f_contiguous for a in arrays):
        return "F"
    return None


def _shape(arrays: List[Any]) -> Any:
    shape = arrays[0].shape
    for a in arrays[1:]:
        if a.shape != shape:
            return numpy.broadcast_shapes(*[a.shape for a in arrays])
    return shape


def call(uf: Any, args: Sequence[Any], out: Any, dtype: Any, casting: str,
         kwargs: Dict[str, Any]) -> Any:
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
    plan, inputs = _plan(uf, args, dtype, casting)
    converted = [x if c is None else c(x)
                 for x, c in zip(inputs, plan.convs)]
    k = plan.k
    if out is None:
        if not plan.arrays:
            return plan.res.type(uf._scalar_entries[k](*converted))
        # The result array comes from NumPy's allocator (huge pages for
        # large arrays: a fresh malloc'd buffer costs a page fault per 4 KiB
        # on every call) and the loop writes into it.
        arrays = [converted[i] for i in plan.arrays]
        flat = _flat_order(arrays)
        if flat is None:
            result = numpy.empty(_shape(arrays), dtype=plan.res)
            uf._entries[k](*converted, result)
            return result
        # Arrays of one shape and one contiguous order: one loop over all
        # elements (the parallel target splits it evenly, whatever the
        # shape), and the result in their order, as NumPy's order='K'.
        result = numpy.empty(arrays[0].shape, dtype=plan.res, order=flat)
        for i in plan.arrays:
            converted[i] = converted[i].reshape(-1, order=flat)
        uf._entries[k](*converted, result.reshape(-1, order=flat))
        return result
    return _call_out(uf, plan, converted, out, casting)


def _call_out(uf: Any, plan: Plan, converted: List[Any], out: Any,
              casting: str) -> Any:
    if isinstance(out, tuple):
        if len(out) != 1:
            raise ValueError("The 'out' tuple must have exactly one entry "
                             "per ufunc output")
        out = out[0]
    if not isinstance(out, numpy.ndarray):
        raise TypeError("return arrays must be of ArrayType")
    if not out.flags.writeable:
        raise ValueError("output array is read-only")
    arrays = [converted[i] for i in plan.arrays]
    shape = _shape(arrays) if arrays else ()
    try:
        fits = numpy.broadcast_shapes(out.shape, shape) == out.shape
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(f"non-broadcastable output operand with shape "
                         f"{out.shape} doesn't match the broadcast shape "
                         f"{shape}")
    if not numpy.can_cast(plan.res, out.dtype, casting):
        raise TypeError(f"Cannot cast ufunc '{uf.__name__}' output from "
                        f"{plan.res!r} to {out.dtype!r} with casting "
                        f"rule '{casting}'")
    k = plan.k
    if not arrays:
        out[...] = uf._scalar_entries[k](*converted)
        return out
    if out.dtype == plan.res and out.dtype.isnative:
        converted = [x.copy() if isinstance(x, numpy.ndarray) and
                     _overlaps(x, out) else x for x in converted]
        flat = _flat_order([out] + [converted[i] for i in plan.arrays])
        if flat is None:
            uf._entries[k](*converted, out)
        else:
            for i in plan.arrays:
                converted[i] = converted[i].reshape(-1, order=flat)
            uf._entries[k](*converted, out.reshape(-1, order=flat))
        return out
    result = numpy.empty(shape, dtype=plan.res)
    uf._entries[k](*converted, result)
    numpy.copyto(out, result, casting="unsafe")
    return out
