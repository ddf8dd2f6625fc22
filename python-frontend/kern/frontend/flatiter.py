"""`a.flags`, `a.flat` and `np.nditer`: facts about an array's layout and
the iterations over its elements.

`a.flags.c_contiguous` (`contiguous`), `f_contiguous`, `aligned` are
computed from the sizes and strides at run time (NumPy's rules: axes of
size 1 do not count, an empty array is both); `writeable` is the type's.

`a.flat` reads and writes elements by their C-order position
(`a.flat[i]`, `a.flat[i] = v`, negative positions count from the end,
IndexError past it) and iterates them in C order, whatever the layout.
`np.nditer(a)` and `np.nditer((a, b, ...))` iterate the elements of the
operands broadcast together in NumPy's order 'K' (memory order: axes
sorted by stride, negative strides walked backwards); kern yields each
element as a scalar where NumPy yields a 0-d array (`x.item()` works on
both).

Both loops are nests of counted loops over views, one per axis, written
as the loops a user would write:

>>> # for x in a.flat:              (a: float64[:, :])
>>> #     body
>>> # is
>>> # for $i0 in range(a.shape[0]):
>>> #     for $i1 in range(a.shape[1]):
>>> #         x = a[$i0, $i1]
>>> #         body

A body with `break` or `continue` becomes one loop over the positions
instead, each unravelled to its indices (`$i1 = $k % n1`, ...).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(a):
    ...     s = 0.0
    ...     for x in np.nditer(a):
    ...         s = s * 0.5 + x.item()
    ...     return s, a.flat[-1], a.flags.c_contiguous
    >>> f(np.arange(6.0).reshape(2, 3).T)
    (8.0625, 5.0, False)
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, List, Optional

from ..types import Array, bool_, int64
from .builder import Const, TupleVal, V

__all__ = ["FlagsVal", "FlatVal", "flag", "flat_getitem", "flat_setitem",
           "flat_loop", "nditer_loop", "contiguous"]


@dataclass(frozen=True)
class FlagsVal:
    """`a.flags` of the array `array` (only its attributes are values)."""

    array: V

    @property
    def ty(self) -> Any:
        return _Named(f"flags of {self.array.ty}")


@dataclass(frozen=True)
class FlatVal:
    """`a.flat` of the array `array` (indexed and iterated, not a value)."""

    array: V

    @property
    def ty(self) -> Any:
        return _Named(f"flatiter of {self.array.ty}")


class _Named:
    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


# ---- a.flags ------------------------------------------------------------------

def contiguous(fc: Any, a: V, order: str) -> V:
    """Whether `a` is C- ('C') or Fortran- ('F') contiguous, an i1."""
    b = fc.b
    _, _, sizes, strides = fc.arr.metadata(a)
    axes = range(a.ty.ndim)
    axes = reversed(axes) if order == "C" else axes
    ok = b.const(True, bool_)
    empty = b.const(False, bool_)
    dt = a.ty.dtype  # records: strides in bytes (kern/recordtype.py)
    expected = b.index(dt.size if hasattr(dt, "element_mlir") else 1)
    for k in axes:
        n, st = sizes[k], strides[k]
        one = b.op(f"arith.cmpi eq, {n}, {b.index(1)} : index", bool_)
        zero = b.op(f"arith.cmpi eq, {n}, {b.index(0)} : index", bool_)
        empty = b.op(f"arith.ori {empty}, {zero} : i1", bool_)
        same = b.op(f"arith.cmpi eq, {st}, {expected} : index", bool_)
        good = b.op(f"arith.ori {one}, {same} : i1", bool_)
        ok = b.op(f"arith.andi {ok}, {good} : i1", bool_)
        expected = b.op(f"arith.muli {expected}, {n} : index", int64,
                        "index")
    return b.op(f"arith.ori {ok}, {empty} : i1", bool_)


def _aligned(fc: Any, a: V) -> V:
    """Whether the first element's address is a multiple of the dtype's
    alignment (strides count items, so the others follow)."""
    b = fc.b
    align = int(a.ty.dtype.np.alignment)
    if align == 1:
        return b.const(True, bool_)
    base, offset, _, _ = fc.arr.metadata(a)
    p = b.op(f"memref.extract_aligned_pointer_as_index {base} : {base.mt} "
             f"-> index", int64, "index")
    record = hasattr(a.ty.dtype, "element_mlir")  # offsets in bytes
    width = b.index(1 if record else int(a.ty.dtype.np.itemsize))
    off = b.op(f"arith.muli {offset}, {width} : index", int64, "index")
    at = b.op(f"arith.addi {p}, {off} : index", int64, "index")
    rem = b.op(f"arith.remui {at}, {b.index(align)} : index", int64, "index")
    return b.op(f"arith.cmpi eq, {rem}, {b.index(0)} : index", bool_)


def flag(fc: Any, f: FlagsVal, attr: str, node: ast.AST) -> Any:
    """`a.flags.<attr>`."""
    a = f.array
    if attr in ("c_contiguous", "contiguous"):
        return contiguous(fc, a, "C")
    if attr in ("f_contiguous", "fortran"):  # (NumPy 2: the same)
        if a.ty.ndim == 1:
            return contiguous(fc, a, "C")
        return contiguous(fc, a, "F")
    if attr == "writeable":
        return Const(not a.ty.readonly)
    if attr == "aligned":
        return _aligned(fc, a)
    raise fc.unsupported(f"the flag '{attr}' of an array (kern has "
                         f"c_contiguous, contiguous, f_contiguous, fortran, "
                         f"writeable and aligned)", node)


# ---- a.flat[i] ----------------------------------------------------------------

def _position(fc: Any, a: V, index: ast.expr, node: ast.AST) -> List[V]:
    """The indices of the element at C-order position `index` of `a`."""
    b, s = fc.b, fc.s
    if isinstance(index, (ast.Slice, ast.Tuple)):
        raise fc.unsupported("a.flat[] with anything but one integer "
                             "(slices, tuples)", node)
    i = fc.value(fc.expr(index), index)
    if fc.is_array(i) or not isinstance(i, V) or i.ty.kind not in "iub":
        raise fc.unsupported(f"a.flat[] of {fc.type_name(i)} (kern takes "
                             f"one integer)", node)
    i = s.cast(i, int64)
    n = s.from_index(fc.arr.size(a))
    zero = b.const(0, int64)
    neg = b.op(f"arith.cmpi slt, {i}, {zero} : i64", bool_)
    plus = b.op(f"arith.addi {i}, {n} : i64", int64)
    k = b.op(f"arith.select {neg}, {plus}, {i} : i64", int64)
    lo = b.op(f"arith.cmpi slt, {k}, {zero} : i64", bool_)
    hi = b.op(f"arith.cmpi sge, {k}, {n} : i64", bool_)
    bad = b.op(f"arith.ori {lo}, {hi} : i1", bool_)
    s.raise_if(bad, "IndexError", "index %d is out of bounds for size %d",
               [i, n])
    r = s.to_index(k)
    idx: List[V] = []
    for d in reversed(range(a.ty.ndim)):
        n_d = fc.arr.dim(a, d)
        if d == 0:
            idx.append(r)
            break
        idx.append(b.op(f"arith.remui {r}, {n_d} : index", int64, "index"))
        r = b.op(f"arith.divui {r}, {n_d} : index", int64, "index")
    return idx[::-1]


def flat_getitem(fc: Any, f: FlatVal, index: ast.expr, node: ast.AST) -> V:
    """`a.flat[i]`."""
    return fc.arr.load(f.array, _position(fc, f.array, index, node))


def flat_setitem(fc: Any, f: FlatVal, index: ast.expr, value: Any,
                 node: ast.AST, op: Optional[str] = None) -> None:
    """`a.flat[i] = value` (or `op=`)."""
    a = f.array
    idx = _position(fc, a, index, node)
    if op is not None:
        value = fc.binary(op, fc.arr.load(a, idx), value, node)
    v = fc.value(value, node)
    if not isinstance(v, V) or fc.is_array(v) or not hasattr(v.ty, "kind"):
        raise fc.typing_error(f"cannot store {fc.type_name(v)} in an "
                              f"element of {a.ty}", node)
    fc.arr.store(v, a, idx)


# ---- loops ----------------------------------------------------------------------

def _name(id_: str, value: Any = None) -> ast.Name:
    n = ast.Name(id=id_, ctx=ast.Load())
    if value is not None:
        n.kern_value = value  # a name kern made: the builtin, whatever shadows it
    return n


def _has_jump(fc: Any, node: ast.For) -> bool:
    """Whether the loop's own body has a break or continue."""
    todo: List[ast.AST] = list(node.body)
    while todo:
        n = todo.pop()
        if isinstance(n, (ast.Break, ast.Continue)):
            return True
        if isinstance(n, (ast.For, ast.While, ast.FunctionDef, ast.Lambda,
                          ast.AsyncFunctionDef, ast.ClassDef)):
            continue  # their breaks are their own
        todo.extend(ast.iter_child_nodes(n))
    return False


def _views_loop(fc: Any, node: ast.For, views: List[V], single: bool,
                target: Optional[ast.expr] = None,
                counter: Optional[ast.expr] = None) -> None:
    """`for <target> in` the elements of `views` (of one shape) in C
    order: the element of each view (one, or a tuple of them); `counter`
    (enumerate's) counts them from 0."""
    tag = f"$fl{id(node)}"
    target = node.target if target is None else target
    ndim = views[0].ty.ndim
    for k, v in enumerate(views):
        fc.assign_var(f"{tag}v{k}", v, node)
    for d in range(ndim):
        fc.assign_var(f"{tag}n{d}", fc.s.from_index(fc.arr.dim(views[0], d)),
                      node)
    idx = ast.Tuple(elts=[_name(f"{tag}i{d}") for d in range(ndim)],
                    ctx=ast.Load())
    items = [ast.Subscript(value=_name(f"{tag}v{k}"), slice=idx,
                           ctx=ast.Load()) for k in range(len(views))]
    value = items[0] if single else ast.Tuple(elts=items, ctx=ast.Load())
    body: List[ast.stmt] = [ast.Assign(targets=[target], value=value)]
    store = lambda n: ast.Name(id=n, ctx=ast.Store())
    if counter is not None:
        fc.assign_var(f"{tag}c", fc.b.const(0, int64), node)
        body += [ast.Assign(targets=[counter], value=_name(f"{tag}c")),
                 ast.AugAssign(target=store(f"{tag}c"), op=ast.Add(),
                               value=ast.Constant(value=1))]
    body += node.body
    if not _has_jump(fc, node):
        for d in reversed(range(ndim)):
            rng = ast.Call(func=_name("range", range),
                           args=[_name(f"{tag}n{d}")], keywords=[])
            body = [ast.For(target=store(f"{tag}i{d}"), iter=rng, body=body,
                            orelse=[])]
    else:  # one loop over the positions: break/continue leave it
        total: ast.expr = _name(f"{tag}n0")
        for d in range(1, ndim):
            total = ast.BinOp(left=total, op=ast.Mult(),
                              right=_name(f"{tag}n{d}"))
        head: List[ast.stmt] = [ast.Assign(targets=[store(f"{tag}r")],
                                           value=_name(f"{tag}k"))]
        for d in reversed(range(1, ndim)):
            n = _name(f"{tag}n{d}")
            head.append(ast.Assign(targets=[store(f"{tag}i{d}")],
                                   value=ast.BinOp(left=_name(f"{tag}r"),
                                                   op=ast.Mod(), right=n)))
            head.append(ast.Assign(targets=[store(f"{tag}r")],
                                   value=ast.BinOp(left=_name(f"{tag}r"),
                                                   op=ast.FloorDiv(),
                                                   right=n)))
        head.append(ast.Assign(targets=[store(f"{tag}i0")],
                               value=_name(f"{tag}r")))
        rng = ast.Call(func=_name("range", range), args=[total], keywords=[])
        body = [ast.For(target=store(f"{tag}k"), iter=rng, body=head + body,
                        orelse=[])]
    for n in ast.walk(body[0]):
        if not hasattr(n, "lineno"):
            ast.copy_location(n, node)
    fc.block(body)


def flat_loop(fc: Any, node: ast.For, f: FlatVal,
              target: Optional[ast.expr] = None,
              counter: Optional[ast.expr] = None) -> None:
    """`for x in a.flat`: the elements in C order (`for i, x in
    enumerate(a.flat)`: `target` x, `counter` i)."""
    _views_loop(fc, node, [f.array], True, target, counter)


def _operands(fc: Any, call: ast.Call, node: ast.AST) -> tuple:
    """The arrays np.nditer iterates, and whether there is one."""
    if call.keywords or len(call.args) != 1:
        raise fc.unsupported("np.nditer() with arguments other than its "
                             "operands (flags, op_flags, order, ...)", node)
    arg = call.args[0]
    single = not isinstance(arg, (ast.Tuple, ast.List))
    elts = [arg] if single else list(arg.elts)
    if not elts:
        raise fc.typing_error("np.nditer() of no operands", node)
    ops = []
    for e in elts:
        x = fc.expr(e)
        if isinstance(x, TupleVal) and single:
            return _operand_values(fc, list(x.items), node), False
        ops.append(x)
    return _operand_values(fc, ops, node), single


def _operand_values(fc: Any, ops: list, node: ast.AST) -> List[V]:
    out = []
    for x in ops:
        if not fc.is_array(x):
            raise fc.unsupported(f"np.nditer() of {fc.type_name(x)} (kern "
                                 f"iterates arrays)", node)
        out.append(x)
    return out


def _absolute(fc: Any, v: V) -> V:
    b = fc.b
    neg = b.op(f"arith.subi {b.index(0)}, {v} : index", int64, "index")
    return b.op(f"arith.maxsi {v}, {neg} : index", int64, "index")


def nditer_loop(fc: Any, node: ast.For, call: ast.Call) -> None:
    """`for x in np.nditer(a)`, `for x, y in np.nditer((a, b))`: the
    broadcast elements in order 'K'."""
    from .advanced import broadcast_shape
    b = fc.b
    ops, single = _operands(fc, call, node)
    shape = broadcast_shape(fc, ops, "ValueError", "operands could not be "
                            "broadcast together")
    ndim = len(shape)
    zero, one = b.index(0), b.index(1)
    metas, strides = [], []
    for a in ops:
        base, offset, sizes, st = fc.arr.metadata(a)
        lead = ndim - a.ty.ndim
        row = []
        for d in range(ndim):
            if d < lead:
                row.append(zero)
                continue
            unit = b.op(f"arith.cmpi eq, {sizes[d - lead]}, {one} : index",
                        bool_)
            row.append(b.op(f"arith.select {unit}, {zero}, {st[d - lead]} : "
                            f"index", int64, "index"))
        metas.append([base, offset])
        strides.append(row)
    sizes = list(shape)
    sel = lambda c, x, y: b.op(f"arith.select {c}, {x}, {y} : index", int64,
                               "index")
    # the axes sorted by decreasing |stride| (a bubble sort of compare-swaps,
    # as NumPy's: a swap only where every operand with two nonzero strides
    # agrees; axes of size 1 go outermost); conflicts keep C order
    big = b.index(2 ** 62)
    for _ in range(ndim - 1):
        for p in range(ndim - 1):
            q = p + 1
            agree = b.const(True, bool_)
            known = b.const(False, bool_)
            for row in strides:
                kp, kq = (_absolute(fc, row[p]), _absolute(fc, row[q]))
                p1 = b.op(f"arith.cmpi eq, {sizes[p]}, {one} : index", bool_)
                q1 = b.op(f"arith.cmpi eq, {sizes[q]}, {one} : index", bool_)
                kp, kq = sel(p1, big, kp), sel(q1, big, kq)
                nz = b.op(f"arith.andi {b.op(f'arith.cmpi ne, {kp}, {zero} : index', bool_)}, "
                          f"{b.op(f'arith.cmpi ne, {kq}, {zero} : index', bool_)} : i1",
                          bool_)
                less = b.op(f"arith.cmpi slt, {kp}, {kq} : index", bool_)
                fine = b.op(f"arith.ori {less}, {fc.s.not_(nz)} : i1", bool_)
                agree = b.op(f"arith.andi {agree}, {fine} : i1", bool_)
                known = b.op(f"arith.ori {known}, {nz} : i1", bool_)
            swap = b.op(f"arith.andi {agree}, {known} : i1", bool_)
            sizes[p], sizes[q] = (sel(swap, sizes[q], sizes[p]),
                                  sel(swap, sizes[p], sizes[q]))
            for row in strides:
                row[p], row[q] = (sel(swap, row[q], row[p]),
                                  sel(swap, row[p], row[q]))
    # axes whose strides are all <= 0 (one < 0) are walked backwards
    for d in range(ndim):
        nonpos = b.const(True, bool_)
        anyneg = b.const(False, bool_)
        for row in strides:
            le = b.op(f"arith.cmpi sle, {row[d]}, {zero} : index", bool_)
            lt = b.op(f"arith.cmpi slt, {row[d]}, {zero} : index", bool_)
            nonpos = b.op(f"arith.andi {nonpos}, {le} : i1", bool_)
            anyneg = b.op(f"arith.ori {anyneg}, {lt} : i1", bool_)
        flip = b.op(f"arith.andi {nonpos}, {anyneg} : i1", bool_)
        last = b.op(f"arith.subi {sizes[d]}, {one} : index", int64, "index")
        last = b.op(f"arith.maxsi {last}, {zero} : index", int64, "index")
        for m, row in zip(metas, strides):
            step = b.op(f"arith.muli {last}, {row[d]} : index", int64,
                        "index")
            moved = b.op(f"arith.addi {m[1]}, {step} : index", int64, "index")
            m[1] = sel(flip, moved, m[1])
            neg = b.op(f"arith.subi {zero}, {row[d]} : index", int64, "index")
            row[d] = sel(flip, neg, row[d])
    views = []
    for a, (base, offset), row in zip(ops, metas, strides):
        v = fc.arr.reinterpret(base, a.ty.dtype, offset, sizes, row)
        views.append(V(v.name, v.ty.copy(readonly=True), v.mt))
    _views_loop(fc, node, views, single)


def is_flat(v: Any) -> bool:
    return isinstance(v, FlatVal)


def attribute(fc: Any, a: V, attr: str) -> Any:
    """`a.flags` or `a.flat` of an array (else None)."""
    if isinstance(a.ty, Array) and attr == "flags":
        return FlagsVal(a)
    if isinstance(a.ty, Array) and attr == "flat":
        return FlatVal(a)
    return None
