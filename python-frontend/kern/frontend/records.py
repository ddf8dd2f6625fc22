"""Records in compiled code: fields of NumPy structured arrays (Numba's
`Record`, kern/recordtype.py).

An array of records is a memref of bytes with byte strides; `a[i]` is a
rank-0 view of the record's first byte (Arrays.record_at), so a record
can be kept in a variable, passed to other compiled functions and written
through. A field is read and written with LLVM-dialect loads and stores at
its byte offset (alignment 1: packed fields may sit at any offset):

>>> # a[i].y  (y: int32 at offset 8)
>>> #   %rec = memref.reinterpret_cast %base to offset: [%off], sizes: [],
>>> #          strides: [] : memref<i8> to memref<i8, strided<[], offset: ?>>
>>> #   %p = memref.extract_aligned_pointer_as_index %rec   (+ %off + 8)
>>> #   %q = llvm.inttoptr %p64 : i64 to !llvm.ptr
>>> #   %y = llvm.load %q {alignment = 1 : i64} : !llvm.ptr -> i32

`a['x']` and `a.x` are views of one field of every record, as NumPy's
(a memref of the field's type over the same bytes: `memref.view` at the
field's offset, strides in items), when the record's size is a whole
number of the field's items; else a clear error. `a[i] = a[j]` copies the
record's bytes (`llvm.intr.memmove`).
"""

from __future__ import annotations

import ast
from typing import Any, Optional

from ..recordtype import Record
from ..types import Array, Scalar, bool_, int8, int64
from .builder import Const, V
from .instances import store_attribute as store_instance_attribute

__all__ = ["is_record_value", "is_record_array", "handles", "getitem",
           "setitem", "attribute", "store_attribute", "copy_record",
           "field_view", "value_of", "placeholder"]


def is_record_value(v: Any) -> bool:
    return isinstance(v, V) and isinstance(v.ty, Record)


def is_record_array(v: Any) -> bool:
    return isinstance(v, V) and isinstance(v.ty, Array) and isinstance(
        v.ty.dtype, Record)


def handles(v: Any) -> bool:
    """A record or an array of records."""
    return is_record_value(v) or is_record_array(v)


# ---- fields ---------------------------------------------------------------

def _field(fc: Any, rec: Record, name: Any, node: ast.AST) -> tuple:
    """(type, offset) of the field `name` (a str, or an int: the field's
    position), with a clear error for a missing or nested field."""
    if isinstance(name, int) and not isinstance(name, bool):
        names = list(rec.fields)
        if not -len(names) <= name < len(names):
            raise fc.typing_error(f"record index {name} out of range for "
                                  f"{rec}", node)
        name = names[name]
    if not isinstance(name, str) or name not in rec.fields:
        raise fc.typing_error(f"{rec} has no field {name!r}", node)
    t, offset = rec.field(name)
    if t is None:
        raise fc.unsupported(f"the field '{name}' of a structured dtype "
                             f"({rec.np.fields[name][0]}: strings, arrays "
                             f"of records)", node)
    return name, t, offset


def _metadata(fc: Any, r: V) -> tuple:
    """(base memref<i8>, byte offset) of a record value."""
    m = fc.b.fresh("m")
    fc.b.emit(f"{m}:2 = memref.extract_strided_metadata {r} : {r.mt} -> "
              f"memref<i8>, index")
    return V(f"{m}#0", r.ty, "memref<i8>"), V(f"{m}#1", int64, "index")


def _nested(fc: Any, r: V, t: Record, offset: int) -> V:
    """The nested record at byte `offset` of the record `r`."""
    b = fc.b
    base, off = _metadata(fc, r)
    at = b.op(f"arith.addi {off}, {b.index(offset)} : index", int64, "index")
    t = t.as_readonly() if r.ty.readonly else t
    return b.op(f"memref.reinterpret_cast {base} to offset: [{at}], sizes: "
                f"[], strides: [] : memref<i8> to {t.mlir}", t, hint="rec")


def _typed_view(fc: Any, base: V, shift: V, t: Scalar, sizes: list,
                strides: list, owner: Any) -> V:
    """A strided view (strides in items) of elements `t` starting at byte
    `shift` of the byte buffer `base`; readonly when `owner` (a type) is."""
    b = fc.b
    n = b.op(f"arith.addi {shift}, {b.index(max(1, t.bits // 8))} : index",
             int64, "index")
    flat = b.op(f"memref.reinterpret_cast {base} to offset: [0], sizes: "
                f"[{n}], strides: [1] : {base.mt} to memref<?xi8>", int64,
                "memref<?xi8>")
    data = V(b.fresh("fv"), owner, f"memref<?x{t.mlir}>")
    b.emit(f"{data} = memref.view {flat}[{shift}][{b.index(1)}] : "
           f"memref<?xi8> to {data.mt}")
    return fc.arr.reinterpret(data, t, b.index(0), sizes, strides)


def _subarray(fc: Any, r: V, name: str, t: Array, offset: int) -> V:
    """The sub-array field `name` of the record `r` (C-contiguous)."""
    b = fc.b
    base, off = _metadata(fc, r)
    shift = b.op(f"arith.addi {off}, {b.index(offset)} : index", int64,
                 "index")
    shape = r.ty.shapes[name]
    strides = [b.index(int(_prod(shape[k + 1:]))) for k in range(len(shape))]
    return _typed_view(fc, base, shift, t.dtype,
                       [b.index(d) for d in shape], strides, r.ty)


def _prod(xs: Any) -> int:
    p = 1
    for x in xs:
        p *= x
    return p


def _pointer(b: Any, s: Any, r: V, offset: int) -> V:
    """An !llvm.ptr to byte `offset` of the record `r` (b: the Builder,
    s: the Scalars)."""
    p = b.op(f"memref.extract_aligned_pointer_as_index {r} : {r.mt} -> "
             f"index", int64, "index")
    m = b.fresh("m")
    b.emit(f"{m}:2 = memref.extract_strided_metadata {r} : {r.mt} -> "
           f"memref<i8>, index")
    at = b.op(f"arith.addi {p}, {m}#1 : index", int64, "index")
    if offset:
        at = b.op(f"arith.addi {at}, {b.index(offset)} : index", int64,
                  "index")
    return b.op(f"llvm.inttoptr {s.from_index(at)} : i64 to !llvm.ptr",
                int64, "!llvm.ptr", hint="fp")


def _load(fc: Any, p: V, t: Scalar) -> V:
    b = fc.b
    if t.kind == "b":  # a byte, 0 or 1
        x = b.op(f"llvm.load {p} {{alignment = 1 : i64}} : !llvm.ptr -> i8",
                 int8)
        return b.op(f"arith.cmpi ne, {x}, {b.const(0, int8)} : i8", bool_)
    if t.kind == "c":
        part = t.real_type
        q = b.op(f"llvm.getelementptr {p}[{part.bits // 8}] : (!llvm.ptr) "
                 f"-> !llvm.ptr, i8", int64, "!llvm.ptr")
        re, im = (b.op(f"llvm.load {x} {{alignment = 1 : i64}} : "
                       f"!llvm.ptr -> {part.mlir}", part) for x in (p, q))
        return b.op(f"complex.create {re}, {im} : {t.mlir}", t)
    return b.op(f"llvm.load {p} {{alignment = 1 : i64}} : !llvm.ptr -> "
                f"{t.mlir}", t)


def _store(fc: Any, v: V, p: V, t: Scalar) -> None:
    b = fc.b
    if t.kind == "b":
        v = b.op(f"arith.extui {v} : i1 to i8", int8)
        t = int8
    if t.kind == "c":
        part = t.real_type
        q = b.op(f"llvm.getelementptr {p}[{part.bits // 8}] : (!llvm.ptr) "
                 f"-> !llvm.ptr, i8", int64, "!llvm.ptr")
        for x, at in ((fc.s.re(v), p), (fc.s.im(v), q)):
            b.emit(f"llvm.store {x}, {at} {{alignment = 1 : i64}} : "
                   f"{part.mlir}, !llvm.ptr")
        return
    b.emit(f"llvm.store {v}, {p} {{alignment = 1 : i64}} : {t.mlir}, "
           f"!llvm.ptr")


def load_field(fc: Any, r: V, name: Any, node: ast.AST) -> V:
    """`r.name` / `r['name']` of a record value."""
    name, t, offset = _field(fc, r.ty, name, node)
    if isinstance(t, Record):
        return _nested(fc, r, t, offset)
    if isinstance(t, Array):
        return _subarray(fc, r, name, t, offset)
    return _load(fc, _pointer(fc.b, fc.s, r, offset), t)


def store_field(fc: Any, r: V, name: Any, value: Any, node: ast.AST,
                op: Optional[str] = None) -> None:
    """`r.name = value` (or `op=`) into a record value."""
    if getattr(r.ty, "readonly", False):
        raise fc.typing_error("cannot write into a record of a readonly "
                              "array", node)
    name, t, offset = _field(fc, r.ty, name, node)
    if isinstance(t, Record):  # the bytes of another record
        if op is not None:
            raise fc.unsupported(f"{op}= of a record", node)
        return fc.arr.store(fc.value(value, node), _singleton(fc, r, t,
                                                               offset),
                            [fc.b.index(0)])
    if isinstance(t, Array):
        return fc.write_array(_subarray(fc, r, name, t, offset), value, node,
                              op)
    p = _pointer(fc.b, fc.s, r, offset)
    if op is not None:
        value = fc.binary(op, _load(fc, p, t), value, node)
    v = fc.value(value, node)
    if not isinstance(v, V) or not isinstance(v.ty, Scalar):
        raise fc.typing_error(f"cannot store {fc.type_name(v)} in the field "
                              f"'{name}' ({t}) of a record", node)
    _store(fc, fc.s.cast(v, t), p, t)


def copy_record(arr: Any, src: Any, dst: V) -> None:
    """`a[i] = r`: the bytes of the record `src` into `dst` (memmove: the
    two may be the same record)."""
    from ..errors import TypingError
    if not is_record_value(src) or src.ty.np != dst.ty.np:
        what = getattr(src, "ty", src)
        raise TypingError(f"cannot store {what} in an element of an array "
                          f"of {dst.ty}")
    to, frm = _pointer(arr.b, arr.s, dst, 0), _pointer(arr.b, arr.s, src, 0)
    n = arr.b.const(dst.ty.size, int64)
    arr.b.emit(f'"llvm.intr.memmove"({to}, {frm}, {n}) <{{isVolatile = '
               f'false}}> : (!llvm.ptr, !llvm.ptr, i64) -> ()')


def _singleton(fc: Any, r: V, t: Record, offset: int) -> V:
    """The nested record at `offset` of `r` as an array of one (a[0] = v
    copies into it)."""
    b = fc.b
    base, off = _metadata(fc, r)
    at = b.op(f"arith.addi {off}, {b.index(offset)} : index", int64, "index")
    ty = Array(t, 1, "A")
    return b.op(f"memref.reinterpret_cast {base} to offset: [{at}], sizes: "
                f"[{b.index(1)}], strides: [{b.index(t.size)}] : memref<i8> "
                f"to {ty.mlir}", ty)


def field_view(fc: Any, a: V, name: Any, node: ast.AST) -> V:
    """`a['x']` of an array of records: a view of field x, strides in its
    items (a sub-array field adds its dimensions; a nested record field is
    an array of those records)."""
    b, s = fc.b, fc.s
    name, t, offset = _field(fc, a.ty.dtype, name, node)
    if isinstance(t, Record):
        base, off, sizes, strides = fc.arr.metadata(a)
        at = b.op(f"arith.addi {off}, {b.index(offset)} : index", int64,
                  "index")
        ty = Array(t, a.ty.ndim, "A", a.ty.readonly)
        return b.op(f"memref.reinterpret_cast {base} to offset: [{at}], "
                    f"sizes: [{', '.join(map(str, sizes))}], strides: "
                    f"[{', '.join(map(str, strides))}] : {base.mt} to "
                    f"{ty.mlir}", ty, hint="v")
    shape = a.ty.dtype.shapes.get(name, ())
    if isinstance(t, Array):
        t = t.dtype
    size = max(1, t.bits // 8)
    if a.ty.dtype.size % size:
        if shape:
            raise fc.unsupported(
                f"the view {fc.src(node)} of the sub-array field '{name}' "
                f"of a packed dtype (record size {a.ty.dtype.size}); read "
                f"the records' fields instead (a[i].{name})", node)
        return _packed_copy(fc, a, name, t, node)
    base, off, sizes, strides = fc.arr.metadata(a)
    shift = b.op(f"arith.addi {off}, {b.index(offset)} : index", int64,
                 "index")
    items = []
    c = b.index(size)
    for k, st in enumerate(strides):
        rem = b.op(f"arith.remsi {st}, {c} : index", int64, "index")
        bad = b.op(f"arith.cmpi ne, {rem}, {b.index(0)} : index", bool_)
        s.raise_if(bad, "ValueError",
                   f"the field '{name}' of this array has a stride (axis "
                   f"{k}) that is not a multiple of its item size {size}")
        items.append(b.op(f"arith.divsi {st}, {c} : index", int64, "index"))
    inner = [b.index(_prod(shape[k + 1:])) for k in range(len(shape))]
    return _typed_view(fc, base, shift, t, list(sizes) + [
        b.index(d) for d in shape], items + inner, a.ty)


def _packed_copy(fc: Any, a: V, name: str, t: Scalar, node: ast.AST) -> V:
    """`a['x']` of a packed dtype (a record size that is no multiple of
    x's item size, no typed view of it exists): a readonly copy of the
    field, read record by record (a write into it is refused, as it
    would not reach `a`)."""
    sizes = [fc.arr.dim(a, k) for k in range(a.ty.ndim)]
    out = fc.arr.alloc(sizes, t)

    def body(ivs: list) -> None:
        fc.arr.store(load_field(fc, fc.arr.load(a, ivs), name, node), out,
                     ivs)
    fc.arr.loop_nest(sizes, body)
    return V(out.name, Array(t, a.ty.ndim, "C", True), out.mt)


def _name(fc: Any, index: ast.expr, node: ast.AST) -> Any:
    """A constant field name (or position), else None."""
    k = fc.expr(index)
    if isinstance(k, Const) and isinstance(k.value, (str, int)):
        return k.value
    return None


# ---- the hooks of expressions.py and statements.py ----------------------

def getitem(fc: Any, base: V, index: ast.expr, node: ast.AST) -> Any:
    """`r['x']`, `r[0]`, `a['x']`, `a[i]`, `a[i:j]`."""
    if is_record_value(base):
        name = _name(fc, index, node)
        if name is None:
            raise fc.typing_error(f"a record is indexed by a constant field "
                                  f"name or position: {fc.src(node)}", node)
        return load_field(fc, base, name, node)
    if isinstance(index, ast.Constant) and isinstance(index.value, str):
        return field_view(fc, base, index.value, node)
    one = fc.single_index(index)
    items = [] if fc.is_array(one) else fc.index_items(base, index, node, one)
    if fc.is_array(one) or any(i[0] == "array" for i in items):
        raise fc.unsupported(f"advanced indexing {fc.src(node)} of an "
                             f"array of records", node)
    if len(items) == base.ty.ndim and all(i[0] == "int" for i in items):
        return fc.arr.load(base, fc.arr.indices(base, [i[1] for i in items]))
    return fc.arr.view(base, items)


def setitem(fc: Any, base: V, index: ast.expr, value: Any, node: ast.AST,
            op: Optional[str] = None) -> None:
    """`r['x'] = v`, `a['x'] = v`, `a[i] = r`."""
    if is_record_value(base):
        name = _name(fc, index, node)
        if name is None:
            raise fc.typing_error(f"a record is indexed by a constant field "
                                  f"name or position: {fc.src(node)}", node)
        return store_field(fc, base, name, value, node, op)
    if isinstance(index, ast.Constant) and isinstance(index.value, str):
        view = field_view(fc, base, index.value, node)
        if view.ty.readonly and not base.ty.readonly:
            raise fc.unsupported(f"writing the field '{index.value}' of "
                                 f"all the records of a packed dtype at once "
                                 f"({fc.src(node)}); write a[i].{index.value}"
                                 f" in a loop", node)
        return fc.write_array(view, value, node, op)
    items = fc.index_items(base, index, node)
    if op is None and len(items) == base.ty.ndim and all(
            i[0] == "int" for i in items):
        idx = fc.arr.indices(base, [i[1] for i in items])
        fc.arr.store(fc.value(value, node), base, idx)
        return
    raise fc.unsupported(f"the assignment {fc.src(node)} into an array of "
                         f"records (only a[i] = record and field writes)",
                         node)


def attribute(fc: Any, v: V, attr: str, node: ast.AST) -> Any:
    """`r.x` of a record, `a.x` of an array of records (a field view);
    None for another attribute of an array (shape, size, ...)."""
    if is_record_value(v):
        return load_field(fc, v, attr, node)
    if attr in v.ty.dtype.fields:
        return field_view(fc, v, attr, node)
    if attr not in ("shape", "size", "ndim", "dtype", "itemsize", "nbytes",
                    "strides", "T"):
        raise fc.typing_error(f"unknown attribute '{attr}' of {v.ty}", node)
    return None


def store_attribute(fc: Any, target: ast.Attribute, value: Any,
                    node: ast.AST, op: Optional[str] = None) -> None:
    """`r.x = v` (or `op=`) of a record, `a.x = v` of an array of records;
    a jitclass field otherwise (frontend/instances.py)."""
    base = fc.expr(target.value)
    if is_record_value(base):
        return store_field(fc, base, target.attr, value, node, op)
    if is_record_array(base):
        view = field_view(fc, base, target.attr, node)
        return fc.write_array(view, value, node, op)
    store_instance_attribute(fc, target, value, node, op)


def value_of(fc: Any, v: Any, ty: Record, name: Optional[str]) -> V:
    """A record carried in a variable or passed to a function
    (function.py carry_values): the same record type."""
    if name == "$rv" and isinstance(ty, Array):  # a copy, or a new one
        if not is_record_array(v) or v.ty.dtype.np != ty.dtype.np or \
                v.ty.ndim != ty.ndim:
            raise fc.typing_error(f"cannot return {fc.type_name(v)} as {ty}",
                                  None)
        if v.name not in fc.arr.fresh_records:
            v = copy_array(fc, v)
        return V(v.name, ty, ty.mlir)
    if not is_record_value(v) or v.ty is not ty:
        raise fc.typing_error(f"cannot use {fc.type_name(v)} as {ty}", None)
    if name == "$rv":  # a copy: the record of a new array of one
        one = new_array(fc, "empty", [fc.b.index(1)], ty, None)
        fc.arr.store(v, one, [fc.b.index(0)])
        return fc.arr.record_at(one, [fc.b.index(0)])
    return v


def _writable(ty: Record) -> Record:
    """The Record of a readonly twin's dtype (a copy is writable)."""
    from ..recordtype import record_of
    return record_of(ty.np)


def new_array(fc: Any, name: str, sizes: list, rec: Record,
              node: Optional[ast.AST]) -> V:
    """`np.empty(shape, dt)` / `np.zeros(shape, dt)` (and `_like`) of a
    structured dtype: a buffer of bytes (kern.alloc, zero-filled by
    np.zeros) seen C-contiguous with byte strides."""
    if name not in ("empty", "zeros", "empty_like", "zeros_like"):
        raise fc.unsupported(f"np.{name}() of a structured dtype (np.empty "
                             f"and np.zeros make arrays of records)", node)
    return new_bytes(fc.arr, sizes, rec, name.startswith("zeros"))


def new_bytes(arr: Any, sizes: list, rec: Record, zero: bool) -> V:
    """A new C-contiguous array of records (zero-filled or not) over the
    Arrays emitter `arr`."""
    b, s = arr.b, arr.s
    dims = [s.to_index(x) for x in sizes]
    strides, step = [], b.index(rec.size)
    for d in reversed(dims):
        strides.insert(0, step)
        step = b.op(f"arith.muli {step}, {d} : index", int64, "index")
    buf = arr.alloc([step], int8, b.const(0, int8) if zero else None)
    ty = Array(_writable(rec), len(dims), "A")
    out = b.op(f"memref.reinterpret_cast {buf} to offset: [0], sizes: "
               f"[{', '.join(map(str, dims))}], strides: "
               f"[{', '.join(map(str, strides))}] : {buf.mt} to {ty.mlir}",
               ty, hint="recs")
    arr.fresh_records.add(out.name)
    return out


def copy_array(fc: Any, a: V) -> V:
    """A new C-contiguous copy of an array of records."""
    return copy_records(fc.arr, a)


def copy_records(arr: Any, a: V) -> V:
    """A new C-contiguous copy of an array of records (a.copy(),
    np.copy(a), a returned view), over the Arrays emitter `arr`."""
    out = new_bytes(arr, arr.dims(a), a.ty.dtype, False)
    arr.loop_nest(arr.dims(a), lambda idx: arr.store(arr.load(a, idx), out,
                                                     idx))
    return out


def placeholder(fc: Any, ty: Record) -> V:
    """A record for a variable not yet assigned on some path (a fresh
    buffer of its size)."""
    b = fc.b
    buf = fc.arr.alloc([b.index(ty.size)], int8)
    return b.op(f"memref.reinterpret_cast {buf} to offset: [0], sizes: [], "
                f"strides: [] : {buf.mt} to {ty.mlir}", ty, hint="rec")
