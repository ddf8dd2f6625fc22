"""`with objmode(y='float64[:]'):` blocks: the body runs in the Python
interpreter (Numba's object-mode blocks; kern/withobjmode.py).

The body is outlined into a Python function (frontend/objmode_run.py)
registered as a site of the extension (kern/_objmode.c). Compiled code
pushes the values of the variables the block reads as print items (a
number, a str, an array: the array's own memory, which the block may
write), runs the site and reads the declared outputs from the thread's
buffer of 64-bit words that the runtime returns:

>>> # with objmode(y='float64', a='int64[:]'):    (reading x: float64)
>>> #   func.call @kernRuntimePrintFloat(%x) : (f64) -> ()
>>> #   %words = func.call @kernRuntimeObjmode(%site, %c6) : (i64, i64) -> !llvm.ptr
>>> #   %y = llvm.load %words : !llvm.ptr -> f64     (word 0)
>>> #   %slot = llvm.getelementptr %words[1] : (!llvm.ptr) -> !llvm.ptr, i64
>>> #   %d = llvm.load %slot : !llvm.ptr -> !llvm.struct<(ptr, ptr, i64, ...)>
>>> #   %v = builtin.unrealized_conversion_cast %d : ... to memref<?xi64, ...>
>>> #   %a = kern.ufunc(%v ...) { kern.yield %x }   (a copy of its own)
>>> #   func.call @kernRuntimeObjmodeRelease() : () -> ()

An array output is a copy of the block's array, made before the NumPy
array is released (the release is a call, which kern-fuse does not fuse
across), freed by compiled code as its other arrays. An
exception raised in the block reaches compiled code as an error of its kind
(a `try` there catches it) and the Python caller as the same exception
object. A block may not `return`, `break` or `continue` out of itself
(Numba refuses these too). In a prange loop of a parallel=True function
the threads run their blocks one at a time (each takes the GIL, which the
function releases while it runs); an exception there reaches the caller
after the loop, as kern's raises in parallel loops do.
"""

from __future__ import annotations

import ast
from typing import Any, Dict, List, Optional, Tuple as PT

from ..errors import UnsupportedError
from ..strtype import UnicodeType
from ..types import Array, Scalar, Tuple, Type, bool_, float64, int64
from ..withobjmode import ObjModeContext
from .builder import Const, TupleVal, V

__all__ = ["is_objmode", "outputs_of", "with_statement"]

#: the most result words of a block (kern-c/Runtime.h KERN_OBJMODE_MAX_WORDS:
#: the runtime's zeros after a failed allocation)
MAX_WORDS = 4096


def _context_call(node: ast.With) -> Optional[ast.Call]:
    if len(node.items) != 1:
        return None
    e = node.items[0].context_expr
    return e if isinstance(e, ast.Call) else None


def outputs_of(node: ast.With) -> List[str]:
    """The names a `with objmode(...)` statement assigns (its keywords;
    syntactic: for the analyses of assigned variables)."""
    call = _context_call(node)
    return [k.arg for k in call.keywords if k.arg] if call else []


def _static(fc: Any, e: ast.expr) -> PT[bool, Any]:
    """(known, value) of a name or an attribute chain of globals."""
    if isinstance(e, ast.Name):
        if e.id in fc.env:
            return False, None
        return fc.static_name(e.id)
    if isinstance(e, ast.Attribute):
        known, base = _static(fc, e.value)
        if known and hasattr(base, e.attr):
            return True, getattr(base, e.attr)
    return False, None


def is_objmode(value: Any) -> bool:
    """Whether `value` is kern.objmode (or Numba's numba.objmode)."""
    t = type(value)
    return isinstance(value, ObjModeContext) or (
        t.__name__ == "_ObjModeContextType" and
        t.__module__.startswith("numba"))


def with_statement(fc: Any, node: ast.With) -> None:
    """Emit a `with objmode(...)` statement; any other `with` is refused."""
    call = _context_call(node)
    known, f = _static(fc, call.func) if call else (False, None)
    if not known or not is_objmode(f):
        raise fc.unsupported("with (other than with objmode(...))", node)
    if node.items[0].optional_vars is not None:
        raise fc.unsupported("with objmode(...) as ...", node)
    if fc.module.kernel:
        raise fc.unsupported("a with objmode(...) block in a CUDA kernel",
                             node)
    _check_body(fc, node)
    outputs = _declared(fc, call, node)
    _check_escaping(fc, node, outputs)
    reads = sorted({n.id for n in ast.walk(ast.Module(body=node.body,
                                                      type_ignores=[]))
                    if isinstance(n, ast.Name) and
                    isinstance(n.ctx, ast.Load)} |
                   {name for name, _ in outputs})
    live = [n for n in reads if n in fc.env and not n.startswith("$")]
    spec, items = [], []
    for name in live:
        spec.append(_spec(fc, name, fc.env[name], items, node))
    site = _site(fc, node, live, spec, outputs)
    values = _run(fc, site, items, [t for _, t in outputs])
    for (name, _), v in zip(outputs, values):
        fc.assign_var(name, v, node)


# ---- checks -------------------------------------------------------------

def _check_body(fc: Any, node: ast.With) -> None:
    """No return/break/continue/yield leaving the block (located)."""
    def visit(n: ast.AST, in_loop: bool) -> None:
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                          ast.Lambda, ast.ClassDef)):
            return  # their own scope
        bad = None
        if isinstance(n, ast.Return):
            bad = "return"
        elif isinstance(n, (ast.Yield, ast.YieldFrom, ast.Await)):
            bad = "yield"
        elif isinstance(n, (ast.Break, ast.Continue)) and not in_loop:
            bad = "break" if isinstance(n, ast.Break) else "continue"
        elif isinstance(n, ast.Nonlocal):
            bad = "nonlocal"
        if bad:
            raise fc.unsupported(f"{bad} inside a with objmode(...) block "
                                 f"(the block must run to its end, as in "
                                 f"Numba)", n)
        for c in ast.iter_child_nodes(n):
            loop = in_loop or isinstance(n, (ast.For, ast.While)) and \
                c not in getattr(n, "orelse", ())
            visit(c, loop)
    for st in node.body:
        visit(st, False)


def _declared(fc: Any, call: ast.Call, node: ast.With
              ) -> List[PT[str, Type]]:
    from .objmode_run import output_type
    if call.args:
        raise fc.typing_error("objmode() takes the types of its outputs as "
                              "keywords: objmode(y='float64[:]')", node)
    out = []
    for k in call.keywords:
        if k.arg is None:
            raise fc.unsupported("objmode(**types)", node)
        try:
            out.append((k.arg, output_type(_type_value(fc, k.value))))
        except (TypeError, NameError, AttributeError, SyntaxError) as e:
            raise fc.typing_error(f"with objmode(...): the type of output "
                                  f"'{k.arg}' ({fc.src(k.value)}): {e}",
                                  node) from None
    return out


def _type_value(fc: Any, e: ast.expr) -> Any:
    """A declared type: a string constant, or an expression of globals
    (kern.float64[:], a Numba type) evaluated at compile time."""
    if isinstance(e, ast.Constant):
        return e.value
    names = {n.id for n in ast.walk(e) if isinstance(n, ast.Name)}
    scope = {}
    for n in names:
        known, value = (False, None) if n in fc.env else fc.static_name(n)
        if not known:
            raise NameError(f"'{n}' is not a global or a constant")
        scope[n] = value
    code = compile(ast.Expression(body=e), fc.filename, "eval")
    return eval(code, {"__builtins__": {}}, scope)  # noqa: S307 (globals)


def _check_escaping(fc: Any, node: ast.With,
                    outputs: List[PT[str, Type]]) -> None:
    """A variable the block assigns and the code uses after it must be
    declared (Numba's "Missing type annotation on outgoing variable")."""
    declared = {n for n, _ in outputs}
    stored = sorted({n.id for st in node.body for n in ast.walk(st)
                     if isinstance(n, ast.Name) and
                     isinstance(n.ctx, ast.Store)} - declared)
    for name in stored:
        if fc.used_outside(name, [node]):
            raise fc.typing_error(
                f"the with objmode(...) block assigns '{name}', which is "
                f"used outside it, without declaring its type: "
                f"with objmode({name}='<type>', ...)", node)


# ---- the values the block reads --------------------------------------------

def _spec(fc: Any, name: str, v: Any, items: List[V], node: ast.AST) -> Any:
    """How the block's argument `name` is made: 'item' (the next boxed
    value, its V appended to `items`), ('const', value) or ('tuple', ...)."""
    from .strings import is_str
    if isinstance(v, Const):
        return ("const", v.value)
    if isinstance(v, TupleVal):
        return ("tuple", tuple(_spec(fc, name, x, items, node)
                               for x in v.items))
    if isinstance(v, V) and (isinstance(v.ty, Scalar) or is_str(v) or (
            isinstance(v.ty, Array) and isinstance(v.ty.dtype, Scalar))):
        items.append(v)
        return "item"
    raise fc.unsupported(f"passing '{name}' ({fc.type_name(v)}) into a with "
                         f"objmode(...) block (numbers, strs, arrays of "
                         f"numbers, tuples of them and constants)", node)


def _key(spec: Any) -> Any:
    if spec == "item":
        return spec
    if spec[0] == "const":
        return ("const", id(spec[1]))
    return ("tuple", tuple(_key(s) for s in spec[1]))


def _site(fc: Any, node: ast.With, live: List[str], spec: List[Any],
          outputs: List[PT[str, Type]]) -> int:
    """The block's site number, registered once per specialization, block
    and kind of arguments."""
    from .. import _kernrt
    from .objmode_run import Runner, outline
    sites: Dict[Any, int] = fc.__dict__.setdefault("objmode_sites", {})
    key = (id(node), tuple(live), tuple(_key(s) for s in spec))
    if key not in sites:
        where = fc.location(node)
        block = outline(fc.py_func, node.body, live, node, fc.line_offset,
                        fc.filename)
        block.__qualname__ = (f"{fc.py_func.__qualname__}.<with objmode "
                              f"at line {fc.lineno(node)}>")
        sites[key] = _kernrt.objmode_site(Runner(block, spec, outputs,
                                                 where))
    fc.module.uses_objmode = True
    if fc.module.parallel:  # its threads take the GIL in turn: the call
        fc.module.prints = True  # releases it while it runs (as print's)
    return sites[key]


# ---- the call and the outputs ----------------------------------------------

def _words(t: Type) -> int:
    if isinstance(t, Tuple):
        return sum(_words(x) for x in t.types)
    if isinstance(t, Array):
        return 3 + 2 * t.ndim
    return 2 if getattr(t, "kind", None) == "c" else 1


def _run(fc: Any, site: int, items: List[V], types: List[Type]) -> List[V]:
    from .printing import push_value
    b, s = fc.b, fc.s
    for v in items:
        push_value(fc, v)
    words = max(1, sum(_words(t) for t in types))
    if words > MAX_WORDS:
        raise UnsupportedError(f"a with objmode(...) block whose outputs "
                               f"take {words} words (at most {MAX_WORDS}: "
                               f"KERN_OBJMODE_MAX_WORDS)")
    ptr = s.call("kernRuntimeObjmode", [b.const(site, int64),
                                        b.const(words, int64)],
                 int64, "!llvm.ptr")  # the thread's words
    out, at = [], 0
    for t in types:
        out.append(_output(fc, ptr, at, t))
        at += _words(t)
    leaves = [x for t in types for x in _leaves(t)]
    if any(isinstance(t, Array) for t in leaves):  # (after the copies: a
        s.call("kernRuntimeObjmodeRelease", [])  # call, no op moves past)
    if any(isinstance(t, UnicodeType) for t in leaves):
        fc.module.uses_lists = True  # the strs live with the lists
    return out


def _leaves(t: Type) -> List[Type]:
    return [x for item in t.types for x in _leaves(item)] \
        if isinstance(t, Tuple) else [t]


def _slot(fc: Any, ptr: V, k: int) -> V:
    if k == 0:
        return ptr
    return fc.b.op(f"llvm.getelementptr {ptr}[{k}] : (!llvm.ptr) -> "
                   f"!llvm.ptr, i64", int64, "!llvm.ptr")


def _word(fc: Any, ptr: V, k: int, mlir: str = "i64") -> V:
    ty = float64 if mlir == "f64" else int64
    return fc.b.op(f"llvm.load {_slot(fc, ptr, k)} : !llvm.ptr -> {mlir}",
                   ty, mlir)


def _output(fc: Any, ptr: V, at: int, t: Type) -> Any:
    b, s = fc.b, fc.s
    if isinstance(t, Tuple):
        items = []
        for x in t.types:
            items.append(_output(fc, ptr, at, x))
            at += _words(x)
        return TupleVal(tuple(items))
    if isinstance(t, Array):  # a copy of the NumPy array's view
        r = t.ndim
        arrays = f", array<{r} x i64>, array<{r} x i64>" if r else ""
        struct = f"!llvm.struct<(ptr, ptr, i64{arrays})>"  # (rank 0: none)
        d = b.op(f"llvm.load {_slot(fc, ptr, at)} : !llvm.ptr -> {struct}",
                 int64, struct)
        view_type = Array(t.dtype, r, "A")
        view = b.op(f"builtin.unrealized_conversion_cast {d} : {struct} to "
                    f"{view_type.mlir}", view_type, view_type.mlir,
                    hint="objmode")
        return fc.arr.fresh_copy(view)
    if isinstance(t, UnicodeType):  # a KernStr made by kern/_objmode.c
        return b.op(f"llvm.load {_slot(fc, ptr, at)} : !llvm.ptr -> "
                    f"!llvm.ptr", t, "!llvm.ptr", hint="str")
    if t.kind == "c":
        re, im = _word(fc, ptr, at, "f64"), _word(fc, ptr, at + 1, "f64")
        from ..types import complex128
        z = b.op(f"complex.create {re}, {im} : {complex128.mlir}", complex128)
        return s.cast(z, t)
    if t.kind == "f":
        return s.cast(_word(fc, ptr, at, "f64"), t)
    w = _word(fc, ptr, at)
    if t.kind == "b":
        return b.op(f"arith.cmpi ne, {w}, {b.const(0, int64)} : i64", bool_)
    return s.cast(w, t)
