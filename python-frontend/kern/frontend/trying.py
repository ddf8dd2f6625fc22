"""`try` / `except` / `else` / `finally` in compiled code.

A raise unwinds with longjmp to the innermost call the runtime entered
(lib/Runtime/Error.c), so the try body -- which may raise directly, in a
kern check (bounds, division, KeyError...) or in any function it calls --
is outlined into a function of its own, `@<f>__try<k>(%cells: !llvm.ptr)`,
that the runtime runs as a nested call: `kern_rt_try(body, cells)` returns
the kind of the exception (0: none). The variables the body reads and
assigns live in cells, a stack buffer of the caller (its layout decided
here at compile time): the caller stores their values before, the body
loads them at its start and stores every assignment as it happens, so
what was assigned before a raise is what the except clause sees, as in
Python. The flags of `return`, `break` and `continue` (frontend/function.py)
are cells too, so those statements work inside the body:

>>> # try:                       %r:2 = memref.alloca_scope -> (i32, f64) {
>>> #     s = s + g(a)              %buf = memref.alloca() : memref<16xi8>
>>> # except ValueError:            ... store %s into the cell at 0
>>> #     s = -1.0                  %k = func.call @kern_rt_try(@f__try0, ..)
>>> #                               ... load s back; return %k, %s
>>> #                            }
>>> #                            scf.if %caught { kind or class tests:
>>> #                                 the clause, kern_rt_try_end()
>>> #                                 or kern_rt_reraise() }

The except clauses are tested in order on the kind (a built-in class
matches the kinds whose classes are its subclasses) and, for user
classes, on the class named in the message (kern_rt_caught_is: every
class raised by compiled code that is a subclass of the clause's).
`else` runs when the body raised nothing and did not leave; `finally`
runs after the rest, which is then a try body of its own, and re-raises
what it caught. A bare `raise` in an except clause re-raises the
exception being handled.

Not supported (located UnsupportedErrors): `except ... as e`, `try` in a
prange body, `return`/`break`/`continue` in `finally`, and rebinding,
inside a try body, a variable holding an array (its buffer would be lost
to the raise: write into an array made before the try).
"""

from __future__ import annotations

import ast
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from ..errors import UnsupportedError, exception_class_ref, raised_classes
from ..types import Array, Scalar, bool_, int64
from .builder import V, flat_types, flatten, unflatten
from .statements import assigned_names

__all__ = ["try_statement", "reraise", "write_through", "after_prange",
           "outlined_texts"]

# KernErrorKind (kern-c/Runtime.h) of the classes kern raises by kind
_KIND_NUMBERS = [(ValueError, 1), (IndexError, 2), (ZeroDivisionError, 3),
                 (TypeError, 4), (RuntimeError, 5), (AssertionError, 6),
                 (OverflowError, 7), (MemoryError, 8),
                 (NotImplementedError, 9), (np.linalg.LinAlgError, 10),
                 (KeyError, 11)]
_USER_KIND = 12  # KernErrorException: a user class named in the message
_FLAGS = ("$ret", "$brk", "$cont")
_ALIGN = 16


# ---- cells --------------------------------------------------------------

def _slot(mt: str) -> Tuple[str, int]:
    """The LLVM type a cell holds for MLIR type `mt`, and its size."""
    if mt == "i1":
        return "i1", 1
    if mt in ("i8", "i16", "i32", "i64", "f16", "f32", "f64"):
        return mt, int(mt[1:]) // 8
    if mt == "index":
        return "i64", 8
    if mt == "!llvm.ptr":
        return mt, 8
    if mt.startswith("complex<"):
        part = mt[len("complex<"):-1]
        return f"!llvm.struct<({part}, {part})>", 2 * int(part[1:]) // 8
    if mt.startswith("memref<"):
        rank = _rank(mt)
        arrays = f", array<{rank} x i64>, array<{rank} x i64>" if rank else ""
        return f"!llvm.struct<(ptr, ptr, i64{arrays})>", 8 * (3 + 2 * rank)
    raise ValueError(mt)


def _rank(mt: str) -> int:
    shape = mt[len("memref<"):].split(",")[0].split(">")[0]
    return shape.count("x")


class _Frame:
    """The cells of one outlined body: (name, type) -> byte offsets."""

    def __init__(self, base: V, local: set) -> None:
        self.base = base
        self.local = local  # assigned, used nowhere else: no cells
        self.cells: Dict[Tuple[str, str], List[int]] = {}
        self.order: List[Tuple[str, Any]] = []
        self.size = 0

    def offsets(self, name: str, ty: Any) -> List[int]:
        key = (name, str(ty))
        if key not in self.cells:
            offs = []
            for t in flat_types(ty):
                offs.append(self.size)
                size = _slot(t.mlir)[1]
                self.size += -(-size // _ALIGN) * _ALIGN
            self.cells[key] = offs
            self.order.append((name, ty))
        return self.cells[key]


def _address(fc: Any, base: V, offset: int) -> V:
    return fc.b.op(f"llvm.getelementptr {base}[{offset}] : (!llvm.ptr) -> "
                   f"!llvm.ptr, i8", int64, "!llvm.ptr")


def _store(fc: Any, base: V, offsets: List[int], vals: List[V]) -> None:
    for off, v in zip(offsets, vals):
        slot, _ = _slot(v.mt)
        name = v.name
        if v.mt == "index":
            name = fc.b.op(f"arith.index_cast {v} : index to i64", int64).name
        elif slot != v.mt:
            name = fc.b.op(f"builtin.unrealized_conversion_cast {v} : "
                           f"{v.mt} to {slot}", int64, slot).name
        p = _address(fc, base, off)
        fc.b.emit(f"llvm.store {name}, {p} : {slot}, !llvm.ptr")


def _load(fc: Any, base: V, offsets: List[int], ty: Any) -> Any:
    vals = []
    for off, t in zip(offsets, flat_types(ty)):
        mt = t.mlir
        slot, _ = _slot(mt)
        p = _address(fc, base, off)
        raw = fc.b.op(f"llvm.load {p} : !llvm.ptr -> {slot}", t, slot)
        if mt == "index":
            raw = fc.b.op(f"arith.index_cast {raw} : i64 to index", t, mt)
        elif slot != mt:
            raw = fc.b.op(f"builtin.unrealized_conversion_cast {raw} : "
                          f"{slot} to {mt}", t, mt)
        vals.append(V(raw.name, t, mt))
    return unflatten(ty, iter(vals))


def _type_of(fc: Any, name: str, value: Any) -> Any:
    t = fc.vartypes.get(name)
    return t if t is not None else value.ty


def write_through(fc: Any, name: str) -> None:
    """After `name = ...` inside an outlined body: the cell gets the value
    (the assignment survives a raise after it)."""
    frames = fc.__dict__.get("try_frames")
    if not frames or name not in fc.env or fc.__dict__.get("in_prange"):
        return  # (a prange body's partial values: the loop's result is)
    frame = frames[-1]
    value = fc.env[name]
    ty = _type_of(fc, name, value)
    if not flat_types(ty) or name in frame.local:
        return
    _check_cell_type(fc, name, ty, None)
    _store(fc, frame.base, frame.offsets(name, ty),
           fc.carry_values(value, ty, name))


def after_prange(fc: Any, reduced: List[str]) -> None:
    """After a prange loop in a try body: an error raised in the loop
    (recorded, since a parallel region cannot unwind) unwinds now, and the
    reduction results go to their cells."""
    fc.s.call("kern_rt_raise_recorded", [])
    for name in reduced:
        write_through(fc, name)


def _check_cell_type(fc: Any, name: str, ty: Any, node: Any) -> None:
    if any(isinstance(t, Array) for t in flat_types(ty)):
        what = "the return value" if name == "$rv" else f"'{name}'"
        text = (f"assigning {what} of type {ty} (holding an array) inside a "
                f"try body, used after it (assign it before the try and write "
                f"into it, or after the try)")
        if node is None:  # located by the statement (frontend/statements.py)
            raise UnsupportedError(f"{text} is not supported by kern")
        raise fc.unsupported(text, node)


def outlined_texts(fc: Any) -> List[str]:
    """The func.func texts of the bodies outlined in this pass (each pass
    has a Builder of its own)."""
    store = fc.__dict__.get("try_outlined")
    if store is None or store[0] is not fc.b:
        store = fc.try_outlined = (fc.b, [])
    return store[1]


# ---- the body -------------------------------------------------------------

def _reads(fc: Any, stmts: List[ast.stmt]) -> List[str]:
    """Variables of the enclosing code the body may need."""
    from .closures import InnerFunction
    names = []
    loads = {n.id for st in stmts for n in ast.walk(st)
             if isinstance(n, ast.Name)}
    for name in list(loads):
        inner = getattr(fc.env.get(name), "value", None)
        if isinstance(inner, InnerFunction):
            loads |= set(inner.free)
    for name in sorted(loads | assigned_names(stmts)):
        if name in fc.env and not name.startswith("$"):
            names.append(name)
    return names


def _outline(fc: Any, stmts: List[ast.stmt], node: ast.Try,
             span: List[ast.AST]) -> V:
    """Emits the body as a function, runs it under kern_rt_try, binds the
    variables it assigned; returns the exception kind (i32)."""
    texts = outlined_texts(fc)
    sym = f"{fc.symbol}__try{len(texts)}"
    texts.append("")  # reserved: nested bodies come after
    slot_index = len(texts) - 1
    env0 = fc.env
    base = V(fc.b.fresh("cells"), int64, "!llvm.ptr")
    assigned = sorted(n for n in assigned_names(stmts) if not
                      n.startswith("$"))
    frame = _Frame(base, {n for n in assigned if n not in env0 and
                          not fc.used_outside(n, span)})
    reads = _reads(fc, stmts)
    flags = [f for f in _FLAGS if f in env0]
    ret = any(isinstance(n, ast.Return) for st in stmts for n in ast.walk(st))
    if ret and "$rv" in fc.vartypes:
        _check_cell_type(fc, "$rv", fc.vartypes["$rv"], node)

    def body() -> None:
        fc.env = {}
        for name, value in env0.items():
            if not flatten(value) and not name.startswith("$"):
                fc.env[name] = value  # a constant: no cell
        for name in reads:
            ty = _type_of(fc, name, env0[name])
            if flat_types(ty):
                fc.env[name] = _load(fc, base, frame.offsets(name, ty), ty)
        for f in flags:
            fc.env[f] = fc.b.const(False, bool_)
        if ret and "$rv" in env0:
            fc.env["$rv"] = env0["$rv"] if not flatten(env0["$rv"]) else \
                fc.dummy(fc.vartypes["$rv"], "$rv")
        frames = fc.__dict__.setdefault("try_frames", [])
        entries = fc.__dict__.setdefault("try_entries", [])
        frames.append(frame)
        entries.append(fc.b.lines)
        checked = fc.arr.boundscheck
        fc.arr.boundscheck = checked or catches_index_errors(fc, node)
        try:
            fc.block(stmts)
            for name in assigned + [f for f in _FLAGS if f in fc.env] + (
                    ["$rv"] if ret and "$rv" in fc.env else []):
                if name in fc.env:
                    write_through(fc, name)
        finally:
            fc.arr.boundscheck = checked
            frames.pop()
            entries.pop()
        fc.b.emit("return")

    try:
        _, lines = fc.b.capture(body)
    finally:
        fc.env = env0
    where = fc.mlir_location(node) or ""
    attrs = " attributes {kern.parallel}" if fc.module.parallel else ""
    texts[slot_index] = "\n".join(
        [f"func.func private @{sym}({base}: !llvm.ptr){attrs} {{"] +
        ["  " + line for line in lines] + ["} " + where])
    return _call(fc, sym, frame, env0, reads, assigned, flags, ret)


def _call(fc: Any, sym: str, frame: _Frame, env0: Dict[str, Any],
          reads: List[str], assigned: List[str], flags: List[str],
          ret: bool) -> V:
    """The caller's side: cells, kern_rt_try, the values read back."""
    b = fc.b
    outs: List[Tuple[str, Any]] = []
    for name in assigned + flags + (["$rv"] if ret else []):
        ty = fc.vartypes.get(name)
        if ty is not None and flat_types(ty) and name not in frame.local \
                and (name in env0 or (name, str(ty)) in frame.cells):
            outs.append((name, ty))
    for name, ty in outs:
        frame.offsets(name, ty)

    # the buffer lives at the start of the function (a try in a loop
    # reuses it: no stack growth per iteration)
    size = max(frame.size, _ALIGN)
    buf = b.fresh("cellbuf")
    _entry_lines(fc).insert(0, f"{buf} = memref.alloca() {{alignment = "
                               f"{_ALIGN} : i64}} : memref<{size}xi8>")
    i = b.op(f"memref.extract_aligned_pointer_as_index {buf} : "
             f"memref<{size}xi8> -> index", int64, "index")
    i64 = b.op(f"arith.index_cast {i} : index to i64", int64)
    cells = b.op(f"llvm.inttoptr {i64} : i64 to !llvm.ptr", int64,
                 "!llvm.ptr")
    for name, ty in list(frame.order):
        value = env0.get(name)
        if name in flags:
            value = b.const(False, bool_)
        if value is None:
            value = fc.dummy(ty, name)
        _store(fc, cells, frame.cells[(name, str(ty))],
               fc.carry_values(value, ty, name))
    fp = b.op(f"func.constant @{sym} : (!llvm.ptr) -> ()", int64,
              "(!llvm.ptr) -> ()")
    kind = fc.s.call("kern_rt_try", [fp, cells], _i32())
    for n, ty in outs:
        fc.env[n] = _load(fc, cells, frame.cells[(n, str(ty))], ty)
        if not n.startswith("$"):
            fc.name_value(n, fc.env[n])
        write_through(fc, n)  # into the cells of an enclosing body
    return kind


def _entry_lines(fc: Any) -> List[str]:
    """The lines of the entry block of the function being emitted."""
    entries = fc.__dict__.get("try_entries")
    return entries[-1] if entries else fc.b.stack[0]


# ---- except clauses -------------------------------------------------------

def _classes(fc: Any, h: ast.ExceptHandler) -> Optional[List[type]]:
    """The classes an except clause names (None: every exception)."""
    if h.type is None:
        return None
    nodes = h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]
    out = []
    for n in nodes:
        c = getattr(fc.expr(n), "value", None)
        if not (isinstance(c, type) and issubclass(c, BaseException)):
            raise fc.unsupported(f"'except {fc.src(h.type)}' (an exception "
                                 f"class or a tuple of them is caught)", h)
        out.append(c)
    return out


def catches_index_errors(fc: Any, node: ast.Try) -> bool:
    """Whether an except clause of `node` catches IndexError: then the
    indexing in its body is bounds-checked (as with boundscheck=True), so
    that `try: a[i] except IndexError:` works as in Python; elsewhere an
    index out of bounds is not checked, as in Numba."""
    for h in node.handlers:
        classes = _classes(fc, h)
        if classes is None or any(issubclass(IndexError, c)
                                  for c in classes):
            return True
    return False


def _matches(fc: Any, kind: V, classes: List[type]) -> Optional[V]:
    """i1: the caught exception is an instance of one of `classes`; None
    when every exception kern raises is."""
    if any(c in (BaseException, Exception) for c in classes):
        return None
    s, b = fc.s, fc.b
    base = b.op(f"arith.andi {kind}, {b.const(255, _i32())} : i32", _i32())
    conds = []
    for cls, number in _KIND_NUMBERS:
        if issubclass(cls, tuple(classes)):
            c = b.const(number, _i32())
            conds.append(b.op(f"arith.cmpi eq, {base}, {c} : i32", bool_))
    users = [u for u in raised_classes() if issubclass(u, tuple(classes))]
    if users:
        c = b.const(_USER_KIND, _i32())
        user = b.op(f"arith.cmpi eq, {base}, {c} : i32", bool_)
        named = []
        for u in users:
            data = (exception_class_ref(u) + " ").encode("utf-8")
            mt = f"memref<{len(data)}xi8>"
            sym = fc.module.text_global(data)
            t = b.op(f"memref.get_global @{sym} : {mt}", int64, mt)
            t = b.op(f"memref.cast {t} : {mt} to memref<?xi8>", int64,
                     "memref<?xi8>")
            r = s.call("kern_rt_caught_is", [t], int64, "i32",
                       readonly=True)
            named.append(b.op(f"arith.cmpi ne, {r}, {b.const(0, _i32())} "
                              f": i32", bool_))
        anyname = named[0]
        for n in named[1:]:
            anyname = b.op(f"arith.ori {anyname}, {n} : i1", bool_)
        conds.append(b.op(f"arith.andi {user}, {anyname} : i1", bool_))
    if not conds:
        return b.const(False, bool_)
    acc = conds[0]
    for c in conds[1:]:
        acc = b.op(f"arith.ori {acc}, {c} : i1", bool_)
    return acc


def _i32() -> Scalar:
    from ..types import int32
    return int32


def _handlers(fc: Any, node: ast.Try, kind: V, k: int) -> None:
    """Clause k and the ones after it, tested in order; none: re-raise."""
    if k == len(node.handlers):
        fc.s.call("kern_rt_reraise", [])
        return
    h = node.handlers[k]
    if h.name is not None:
        raise fc.unsupported(f"binding the exception ('except "
                             f"{fc.src(h.type)} as {h.name}')", h)
    classes = _classes(fc, h)
    cond = None if classes is None else _matches(fc, kind, classes)

    def clause() -> None:
        depth = fc.__dict__.get("try_handling", 0)
        fc.try_handling = depth + 1
        try:
            fc.block(h.body)
        finally:
            fc.try_handling = depth
        fc.s.call("kern_rt_try_end", [])

    if cond is None:
        clause()
        return
    fc.emit_if(cond, clause, lambda: _handlers(fc, node, kind, k + 1),
               [node], (fc.always_escapes(h.body),
                        k + 1 == len(node.handlers)))


def _after(fc: Any, node: ast.Try, kind: V) -> None:
    """The except clauses and the else clause, on the kind."""
    b = fc.b
    zero = b.const(0, _i32())
    caught = b.op(f"arith.cmpi ne, {kind}, {zero} : i32", bool_)

    def orelse() -> None:
        if not node.orelse:
            return
        running = fc.running()
        if running is None:
            fc.block(node.orelse)
        else:
            fc.emit_if(running, lambda: fc.block(node.orelse), lambda: None,
                       [node])

    if not node.handlers:  # try/finally: the caller re-raises
        orelse()
        return
    fc.emit_if(caught, lambda: _handlers(fc, node, kind, 0), orelse, [node],
               (all(fc.always_escapes(h.body) for h in node.handlers), False))


# ---- statements -----------------------------------------------------------

def try_statement(fc: Any, node: ast.Try) -> None:
    """`try: ... except ...: ... else: ... finally: ...`"""
    for st in node.finalbody:
        for n in ast.walk(st):
            if isinstance(n, (ast.Return, ast.Break, ast.Continue)):
                raise fc.unsupported(f"'{type(n).__name__.lower()}' in a "
                                     f"finally clause", n)
    if not node.finalbody:
        _after(fc, node, _outline(fc, node.body, node, node.body))
        return
    inner = node.body
    if node.handlers or node.orelse:
        inner = [ast.copy_location(ast.Try(body=node.body,
                                           handlers=node.handlers,
                                           orelse=node.orelse, finalbody=[]),
                                   node)]
        ast.fix_missing_locations(inner[0])
    kind = _outline(fc, inner, node, node.body + node.handlers + node.orelse)
    fc.block(node.finalbody)
    b = fc.b
    caught = b.op(f"arith.cmpi ne, {kind}, {b.const(0, _i32())} : i32",
                  bool_)
    fc.emit_if(caught, lambda: fc.s.call("kern_rt_reraise", []),
               lambda: None, [node], (True, False))


def reraise(fc: Any, node: ast.Raise) -> None:
    """A bare `raise`: the exception being handled, again."""
    if not fc.__dict__.get("try_handling"):
        raise fc.unsupported("a bare 'raise' (re-raising) outside an "
                             "except clause", node)
    fc.s.call("kern_rt_reraise", [])
