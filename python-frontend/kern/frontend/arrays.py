"""Emission of array operations: views, element access, kern array ops.

Views (indexing with integers and slices, `.T`) are made without copying
with `memref.extract_strided_metadata` + `memref.reinterpret_cast`;
array expressions become `kern.ufunc`, reductions `kern.reduce`, creation
`kern.alloc`.

>>> from kern.frontend.builder import Builder, V
>>> from kern.types import float64
>>> a = Arrays(Builder())
>>> x = V('%x', float64[:], float64[:].mlir)
>>> r = a.ufunc([x], lambda args: args[0], float64)
>>> a.b.text().splitlines()[0]
'%u1 = kern.ufunc(%x : memref<?xf64, strided<[?], offset: ?>>) {'
"""

from __future__ import annotations

from typing import Any, Callable, List, Optional, Sequence, Tuple as PyTuple

from ..errors import TypingError, UnsupportedError
from ..types import MAX_NDIM, Array, Scalar, bool_, element_mlir, int64
from .builder import Builder, Const, TupleVal, V
from .scalars import Scalars

__all__ = ["Arrays", "SliceSpec", "is_0d"]

# An index item: ('int', V) or ('slice', start, stop, step) with start/stop
# values or None and step a Python int or an int64 value (run time).
SliceSpec = tuple



def check_writable(a: V) -> None:
    """A TypingError for a write into a readonly array (Numba's)."""
    if getattr(a.ty, "readonly", False):
        raise TypingError(f"Cannot modify readonly array of type {a.ty}")

def is_0d(a: Any) -> bool:
    """`a` is a 0-d array of numbers (one element, no dimensions)."""
    t = getattr(a, "ty", None)
    return isinstance(t, Array) and t.ndim == 0 and isinstance(t.dtype,
                                                               Scalar)


def numeric(a: V) -> None:
    """An UnsupportedError for elementwise work on records (an array of a
    structured dtype, kern/recordtype.py): only their fields are numbers."""
    t = a.ty.dtype if isinstance(a.ty, Array) else a.ty
    if getattr(t, "element_mlir", None):
        raise UnsupportedError(f"array operations on an array of records "
                               f"({a.ty}): use its fields (a['x'], a[i].x)")


class Arrays:
    """Array emitters over a Builder (shares the Scalars of the compiler)."""

    def __init__(self, b: Builder, s: Optional[Scalars] = None,
                 boundscheck: bool = False) -> None:
        self.b = b
        self.s = s or Scalars(b)
        self.boundscheck = boundscheck
        self.nonneg: set = set()  # names of values known to be >= 0
        self.fresh_records: set = set()  # new arrays of records (records.py)
        self.parallel = False  # array writes as kern.prange loops

    # ---- shapes ---------------------------------------------------------

    def dim(self, a: V, k: int) -> V:
        """Size of dimension k, as an index."""
        if not 0 <= k < a.ty.ndim:  # the callers check; a 0-d array's 0
            raise TypingError(f"axis {k} is out of bounds for an array of "
                              f"dimension {a.ty.ndim}")
        c = self.b.index(k)
        return self.b.op(f"memref.dim {a}, {c} : {a.mt}", int64, "index",
                         hint="d")

    def dims(self, a: V) -> List[V]:
        return [self.dim(a, k) for k in range(a.ty.ndim)]

    def size(self, a: V) -> V:
        """Number of elements, as an index."""
        ds = self.dims(a)
        if not ds:  # a 0-d array: one element
            return self.b.index(1)
        n = ds[0]
        for d in ds[1:]:
            n = self.b.op(f"arith.muli {n}, {d} : index", int64, "index")
        return n

    def as_1d(self, a: V) -> V:
        """A 0-d array as a view of one element and one dimension (what
        NumPy's reductions see of it); any other array as it is."""
        if a.ty.ndim:
            return a
        base, offset, _, _ = self.metadata(a)
        one = self.b.index(1)
        return self.reinterpret(base, a.ty.dtype, offset, [one], [one])

    def metadata(self, a: V) -> PyTuple[V, V, List[V], List[V]]:
        """(base, offset, sizes, strides) of an array."""
        n, b = a.ty.ndim, self.b
        r = b.fresh("m")
        idx = ", ".join(["index"] * (1 + 2 * n))
        b.emit(f"{r}:{2 + 2 * n} = memref.extract_strided_metadata {a} : "
               f"{a.mt} -> memref<{element_mlir(a.ty.dtype)}>, {idx}")
        base = V(f"{r}#0", a.ty, f"memref<{element_mlir(a.ty.dtype)}>")
        get = lambda i: V(f"{r}#{i}", int64, "index")
        return (base, get(1), [get(2 + i) for i in range(n)],
                [get(2 + n + i) for i in range(n)])

    def reinterpret(self, base: V, dtype: Scalar, offset: V,
                    sizes: Sequence[V], strides: Sequence[V]) -> V:
        """A strided view of `base` (the result of `metadata`); a view of
        a readonly array is readonly."""
        ty = Array(dtype, len(sizes), "A", getattr(base.ty, "readonly", False))
        return self.b.op(
            f"memref.reinterpret_cast {base} to offset: [{offset}], "
            f"sizes: [{', '.join(map(str, sizes))}], "
            f"strides: [{', '.join(map(str, strides))}] : "
            f"{base.mt} to {ty.mlir}", ty, hint="v")

    # ---- indices --------------------------------------------------------

    def wrap_index(self, i: V, n: V, axis: int) -> V:
        """Index value for a Python integer index (negative wraps)."""
        s, b = self.s, self.b
        iv = s.cast(i, int64) if i.mt != "index" else s.from_index(i)
        raw = iv
        if i.name in self.nonneg and not self.boundscheck:
            return s.to_index(iv)
        zero = b.const(0, int64)
        n64 = s.from_index(n)
        if i.name not in self.nonneg and i.ty.kind != "u":  # uint64: no
            # wrap (2**64 - 1 is no -1); boundscheck sees it as negative
            neg = b.op(f"arith.cmpi slt, {iv}, {zero} : i64", bool_)
            plus = b.op(f"arith.addi {iv}, {n64} : i64", int64)
            iv = b.op(f"arith.select {neg}, {plus}, {iv} : i64", int64)
        if self.boundscheck:
            lo = b.op(f"arith.cmpi slt, {iv}, {zero} : i64", bool_)
            hi = b.op(f"arith.cmpi sge, {iv}, {n64} : i64", bool_)
            bad = b.op(f"arith.ori {lo}, {hi} : i1", bool_)
            ax = b.const(axis, int64)
            s.raise_if(bad, "IndexError",
                       "index %d is out of bounds for axis %d with size %d",
                       [raw, ax, n64])
        return s.to_index(iv)

    def _clamp(self, v: V, lo: V, hi: V) -> V:
        b = self.b
        v = b.op(f"arith.maxsi {v}, {lo} : i64", int64)
        return b.op(f"arith.minsi {v}, {hi} : i64", int64)

    def _bound(self, v: V, n64: V, zero: V, lo_end: V, hi_end: V) -> V:
        """A slice bound (i64) of a dimension of n64: negative counts from
        the end, then clamped to [lo_end, hi_end]."""
        b = self.b
        neg = b.op(f"arith.cmpi slt, {v}, {zero} : i64", bool_)
        plus = b.op(f"arith.addi {v}, {n64} : i64", int64)
        v = b.op(f"arith.select {neg}, {plus}, {v} : i64", int64)
        return self._clamp(v, lo_end, hi_end)

    def slice_bounds(self, n: V, start: Any, stop: Any,
                     step: Any) -> PyTuple[V, V]:
        """(first index, length) of `start:stop:step` on a dimension of n.

        Bounds are None, Python ints (constants) or integer values;
        Python's rules apply: negative bounds count from the end, then
        bounds are clamped to the dimension.
        """
        s, b = self.s, self.b
        if not isinstance(step, int):
            return self.run_time_slice_bounds(n, start, stop, step)
        n64 = s.from_index(n)
        zero = b.const(0, int64)
        lo_end = zero if step > 0 else b.const(-1, int64)
        hi_end = n64 if step > 0 else b.op(
            f"arith.subi {n64}, {b.const(1, int64)} : i64", int64)

        def norm(v: Any, default: V) -> V:
            if v is None:
                return default
            if isinstance(v, int):
                if v >= 0:  # only the upper clamp can matter
                    return b.op(f"arith.minsi {b.const(v, int64)}, {hi_end}"
                                f" : i64", int64)
                v = b.op(f"arith.addi {n64}, {b.const(v, int64)} : i64",
                         int64)
                return b.op(f"arith.maxsi {v}, {lo_end} : i64", int64)
            return self._bound(s.cast(v, int64), n64, zero, lo_end,
                               hi_end)

        if step > 0:
            lo, hi = norm(start, zero), norm(stop, n64)
            span = b.op(f"arith.subi {hi}, {lo} : i64", int64)
        else:
            lo, hi = norm(start, hi_end), norm(stop, lo_end)
            span = b.op(f"arith.subi {lo}, {hi} : i64", int64)
        length = span
        if abs(step) != 1:
            st = b.const(abs(step), int64)
            length = b.op(f"arith.ceildivsi {span}, {st} : i64", int64)
        length = b.op(f"arith.maxsi {length}, {zero} : i64", int64)
        return s.to_index(lo), s.to_index(length)

    def run_time_slice_bounds(self, n: V, start: Any, stop: Any,
                              step: V) -> PyTuple[V, V]:
        """`slice_bounds` for a step known at run time (an int64 value):
        Python's PySlice_AdjustIndices with both signs' bounds selected,
        and ValueError for a zero step."""
        s, b = self.s, self.b
        n64 = s.from_index(n)
        zero, one = b.const(0, int64), b.const(1, int64)
        s.raise_if(b.op(f"arith.cmpi eq, {step}, {zero} : i64", bool_),
                   "ValueError", "slice step cannot be zero")
        up = b.op(f"arith.cmpi sgt, {step}, {zero} : i64", bool_)

        def pick(if_up: V, if_down: V) -> V:
            return b.op(f"arith.select {up}, {if_up}, {if_down} : i64",
                        int64)

        last = b.op(f"arith.subi {n64}, {one} : i64", int64)
        lo_end = pick(zero, b.const(-1, int64))
        hi_end = pick(n64, last)

        def norm(v: Any, default: V) -> V:
            if v is None:
                return default
            v = b.const(v, int64) if isinstance(v, int) else s.cast(v, int64)
            return self._bound(v, n64, zero, lo_end, hi_end)

        lo = norm(start, pick(zero, last))
        hi = norm(stop, pick(n64, b.const(-1, int64)))
        span = pick(b.op(f"arith.subi {hi}, {lo} : i64", int64),
                    b.op(f"arith.subi {lo}, {hi} : i64", int64))
        width = pick(step, b.op(f"arith.subi {zero}, {step} : i64", int64))
        length = b.op(f"arith.ceildivsi {span}, {width} : i64", int64)
        length = b.op(f"arith.maxsi {length}, {zero} : i64", int64)
        return s.to_index(lo), s.to_index(length)

    def view(self, a: V, items: Sequence[SliceSpec]) -> V:
        """`a[items]`: integers drop a dimension, slices keep it, a
        newaxis adds one of size 1."""
        if sum(1 for i in items if i[0] != "newaxis") > a.ty.ndim:
            raise TypingError(f"too many indices for an array of "
                              f"dimension {a.ty.ndim}")
        b = self.b
        base, offset, sizes, strides = self.metadata(a)
        new_sizes: List[V] = []
        new_strides: List[V] = []
        k = -1
        for item in items:
            if item[0] == "newaxis":
                new_sizes.append(b.index(1))
                new_strides.append(b.index(0))
                continue
            k += 1
            if item[0] == "int":
                i = self.wrap_index(item[1], sizes[k], k)
                t = b.op(f"arith.muli {i}, {strides[k]} : index", int64,
                         "index")
                offset = b.op(f"arith.addi {offset}, {t} : index", int64,
                              "index")
                continue
            _, start, stop, step = item
            lo, length = self.slice_bounds(sizes[k], start, stop, step)
            t = b.op(f"arith.muli {lo}, {strides[k]} : index", int64, "index")
            offset = b.op(f"arith.addi {offset}, {t} : index", int64, "index")
            new_sizes.append(length)
            if isinstance(step, int) and step == 1:
                new_strides.append(strides[k])
            else:
                c = b.index(step) if isinstance(step, int) else \
                    self.s.to_index(step)
                new_strides.append(b.op(f"arith.muli {strides[k]}, {c} : "
                                        f"index", int64, "index"))
        new_sizes += sizes[k + 1:]
        new_strides += strides[k + 1:]
        return self.reinterpret(base, a.ty.dtype, offset, new_sizes,
                                new_strides)

    def byte_attribute(self, a: V, attr: str) -> Any:
        """a.itemsize, a.nbytes, a.strides (in bytes, as NumPy gives them)."""
        itemsize = a.ty.dtype.np.itemsize
        if attr == "itemsize":
            return Const(itemsize)
        if attr == "nbytes":
            return self.s.binop("*", self.s.from_index(self.size(a)),
                                self.b.const(itemsize, int64), int64)
        strides = self.metadata(a)[3]
        if not isinstance(a.ty.dtype, Scalar):  # records: strides in bytes
            itemsize = 1
        return TupleVal(tuple(
            self.s.binop("*", self.s.from_index(st),
                         self.b.const(itemsize, int64), int64)
            for st in strides))

    def transpose(self, a: V) -> V:
        """`a.T`: the axes reversed."""
        return self.permute(a, list(range(a.ty.ndim))[::-1])

    def permute(self, a: V, perm: Sequence[int]) -> V:
        """The view of `a` whose axis k is axis perm[k] of `a`."""
        if list(perm) == list(range(a.ty.ndim)):
            return a
        base, offset, sizes, strides = self.metadata(a)
        return self.reinterpret(base, a.ty.dtype, offset,
                                [sizes[p] for p in perm],
                                [strides[p] for p in perm])

    def indices(self, a: V, idx: Sequence[V]) -> List[V]:
        """Wrapped index values for a full integer index of `a`."""
        return [self.wrap_index(i, self.dim(a, k), k)
                for k, i in enumerate(idx)]

    def load(self, a: V, idx: Sequence[V]) -> V:
        if not isinstance(a.ty.dtype, Scalar):  # a record: a view
            return self.record_at(a, idx)
        names = ", ".join(i.name for i in idx)
        return self.b.op(f"memref.load {a}[{names}] : {a.mt}", a.ty.dtype)

    def record_at(self, a: V, idx: Sequence[V]) -> V:
        """The element of an array of records (bytes with byte strides,
        kern/recordtype.py) as a rank-0 view of its first byte."""
        b = self.b
        base, off, _, strides = self.metadata(a)
        for i, st in zip(idx, strides):
            step = b.op(f"arith.muli {i}, {st} : index", int64, "index")
            off = b.op(f"arith.addi {off}, {step} : index", int64, "index")
        t = a.ty.dtype.as_readonly() if a.ty.readonly else a.ty.dtype
        return b.op(f"memref.reinterpret_cast {base} to offset: [{off}], "
                    f"sizes: [], strides: [] : {base.mt} to {t.mlir}", t,
                    hint="rec")

    def store(self, v: V, a: V, idx: Sequence[V]) -> None:
        check_writable(a)
        if not isinstance(a.ty.dtype, Scalar):  # a record: its bytes
            from .records import copy_record
            return copy_record(self, v, self.record_at(a, idx))
        v = self.s.cast(v, a.ty.dtype)
        names = ", ".join(i.name for i in idx)
        self.b.emit(f"memref.store {v}, {a}[{names}] : {a.mt}")

    # ---- array operations ----------------------------------------------

    def _region(self, inputs: Sequence[V], body: Callable[[List[V]], V],
                out_type: Scalar) -> List[str]:
        """Lines of a scalar region `^bb0(args): ... kern.yield`."""
        b = self.b
        args = []
        for x in inputs:
            numeric(x)
            t = x.ty.dtype if isinstance(x.ty, Array) else x.ty
            args.append(V(b.fresh("e"), t, t.mlir))
        raising, self.s.raising = self.s.raising, False
        try:
            result, lines = b.capture(lambda: self.s.cast(body(args),
                                                          out_type))
        finally:
            self.s.raising = raising
        head = ", ".join(f"{a}: {a.mt}" for a in args)
        return [f"^bb0({head}):"] + ["  " + l for l in lines] + [
            f"  kern.yield {result} : {out_type.mlir}"]

    def ufunc(self, inputs: Sequence[V], body: Callable[[List[V]], V],
              dtype: Scalar, out: Optional[V] = None,
              keep_0d: bool = False) -> Any:
        """An elementwise op over arrays and scalars; a fresh array or `out`.

        A 0-d array input is read once, as the scalar it holds (NumPy
        broadcasts it to every element). When every array input is 0-d the
        result is a scalar, as NumPy's and Numba's ufuncs give, or with
        `keep_0d` a fresh 0-d array (a copy); an `out` array is written."""
        zero_d = any(is_0d(x) for x in inputs)
        inputs = [self.load(x, []) if is_0d(x) else x for x in inputs]
        rank = max((x.ty.ndim for x in inputs if isinstance(x.ty, Array)),
                   default=0)
        if rank == 0 and (zero_d or out is not None):
            return self._scalar_ufunc(inputs, body, dtype, out, keep_0d)
        if rank == 0:
            raise TypingError("an array operation needs an array operand")
        region = self._region(inputs, body, dtype)
        operands = ", ".join(x.name for x in inputs)
        types = ", ".join(x.mt for x in inputs)
        b = self.b
        if out is not None:
            check_writable(out)
            b.emit(f"kern.ufunc({operands} : {types}) outs({out} : {out.mt}) {{")
            for line in region:
                b.emit(line)
            b.emit("}")
            return None
        ty = Array(dtype, rank, "C")
        name = b.fresh("u")
        b.emit(f"{name} = kern.ufunc({operands} : {types}) {{")
        for line in region:
            b.emit(line)
        b.emit(f"}} -> {ty.mlir_fresh}")
        return V(name, ty, ty.mlir_fresh)

    def _scalar_ufunc(self, inputs: Sequence[V],
                      body: Callable[[List[V]], V], dtype: Scalar,
                      out: Optional[V], keep_0d: bool) -> Any:
        """`ufunc` of scalars only: the body once (NumPy's elementwise
        rules: no exceptions), stored into `out` or a 0-d array if asked."""
        for x in inputs:
            numeric(x)
        raising, self.s.raising = self.s.raising, False
        try:
            v = self.s.cast(body(list(inputs)), dtype)
        finally:
            self.s.raising = raising
        if out is not None:
            check_writable(out)
            if out.ty.ndim == 0:
                self.store(v, out, [])
            else:
                self.fill(out, v)
            return None
        if not keep_0d:
            return v
        result = self.alloc([], dtype)
        self.store(v, result, [])
        return result

    def copy_into(self, out: V, value: V) -> None:
        """out[...] = value with NumPy broadcasting and NumPy's error.

        The copy is a `kern.ufunc ... outs(out)`, so kern-fuse folds the
        expression that computed `value` into it: `a[:] = x * 2 + y` is one
        loop writing `a`, with no temporary. convert-kern-to-affine reads
        inputs first where they may overlap `out` (`a[1:] = a[:-1]`).
        """
        b, s = self.b, self.s
        sizes = self.dims(out)
        lead = out.ty.ndim - value.ty.ndim
        vdims = self.dims(value)
        c1 = b.index(1)
        for k, vd in enumerate(vdims):
            od = sizes[lead + k]
            one = b.op(f"arith.cmpi eq, {vd}, {c1} : index", bool_)
            same = b.op(f"arith.cmpi eq, {vd}, {od} : index", bool_)
            ok = b.op(f"arith.ori {one}, {same} : i1", bool_)
            s.raise_if(s.not_(ok), "ValueError",
                       f"could not broadcast input array dimension {k} of "
                       f"size %d into size %d", [vd, od])
        self.ufunc([value], lambda args: args[0], out.ty.dtype, out=out)

    def fill(self, out: V, v: V) -> None:
        """out[...] = scalar v (a loop nest: a ufunc needs an array input)."""
        numeric(out)
        v = self.s.cast(v, out.ty.dtype)
        self.loop_nest(self.dims(out), lambda idx: self.store(v, out, idx),
                       self.parallel)

    def fresh_copy(self, a: V, dtype: Optional[Scalar] = None) -> V:
        """A fresh C-contiguous copy of `a` (converted to `dtype`)."""
        if not isinstance(a.ty.dtype, Scalar) and dtype in (None, a.ty.dtype):
            from .records import copy_records  # an array of records
            return copy_records(self, a)
        return self.ufunc([a], lambda args: args[0], dtype or a.ty.dtype,
                          keep_0d=True)

    def reduce(self, kind: str, a: V, dtype: Scalar,
               axes: Optional[Sequence[int]] = None) -> V:
        """`kern.reduce` of all elements (a scalar) or along `axes`; of a
        0-d array, its one element (converted to `dtype`)."""
        numeric(a)
        if a.ty.ndim == 0 and not axes:
            return self.s.cast(self.load(a, []), dtype)
        b = self.b
        map_lines: List[str] = []
        if dtype is not a.ty.dtype:
            map_lines = self._region([a], lambda args: args[0], dtype)
        if axes is None:
            ty, mt = dtype, dtype.mlir
        else:
            ty = Array(dtype, a.ty.ndim - len(axes), "C")
            mt = ty.mlir_fresh
        name = b.fresh("r")
        head = f"{name} = kern.reduce {kind}({a} : {a.mt})"
        if axes is not None:
            head += f" axes [{', '.join(map(str, axes))}]"
        if map_lines:
            b.emit(head + " map {")
            for line in map_lines:
                b.emit(line)
            b.emit(f"}} : {mt}")
        else:
            b.emit(f"{head} : {mt}")
        return V(name, ty, mt)

    def alloc(self, sizes: Sequence[V], dtype: Scalar,
              fill: Optional[V] = None) -> V:
        """`kern.alloc` of a C-contiguous array, optionally filled."""
        if len(sizes) > MAX_NDIM:
            raise UnsupportedError(f"arrays of {len(sizes)} dimensions "
                                   f"(kern arrays have 0 to {MAX_NDIM})")
        ty = Array(dtype, len(sizes), "C")
        names = ", ".join(self.s.to_index(s).name for s in sizes)
        text = f"kern.alloc({names})"
        if fill is not None:
            fill = self.s.cast(fill, dtype)
            text += f" fill {fill} : {dtype.mlir}"
        return self.b.op(f"{text} : {ty.mlir_fresh}", ty, ty.mlir_fresh,
                         hint="a")

    def cast_to(self, a: V, mt: str) -> V:
        """memref.cast to another layout of the same shape (e.g. strided)."""
        if a.mt == mt:
            return a
        return self.b.op(f"memref.cast {a} : {a.mt} to {mt}", a.ty, mt)

    def loop_nest(self, sizes: Sequence[V], body: Callable[[List[V]], None],
                  parallel: bool = False) -> None:
        """scf.for nest over [0, sizes) calling body(indices); with
        `parallel` the outermost loop is a kern.prange (each iteration
        writes its own elements)."""
        b = self.b
        c0, c1 = b.index(0), b.index(1)
        ivs = [V(b.fresh("i"), int64, "index") for _ in sizes]

        def inner(k: int) -> List[str]:
            if k == len(sizes):
                _, lines = b.capture(lambda: body(ivs))
                return lines
            lines = inner(k + 1)
            if parallel and k == 0:
                lines = lines + ["kern.yield"]
                return ([f"kern.prange {ivs[k]} = {c0} to {sizes[k]} step "
                         f"{c1} {{"] + ["  " + l for l in lines] + ["}"])
            return ([f"scf.for {ivs[k]} = {c0} to {sizes[k]} step {c1} {{"]
                    + ["  " + l for l in lines] + ["}"])

        for line in inner(0):
            b.emit(line)
