"""jitclass instances in compiled code (kern/classtypes.py, kern/jitclass.py):
fields, methods, properties, and instances made by `Cls(...)`.

An instance is an `InstanceVal`: one cell per field. A scalar field reads
and writes element 0 of its 1-element array, so writes are seen by every
holder of the instance::

    self.count += 1        %c0 = arith.constant 0 : index
                           %v = memref.load %cell[%c0] : memref<?xi64, ...>
                           %w = arith.addi %v, %one : i64
                           memref.store %w, %cell[%c0] : memref<?xi64, ...>

An array field is the array. `__init__` compiles as a constructor that
starts from fresh cells and returns the instance, so `self.data =
np.zeros(n)` there rebinds the cell in its `self`. A method that rebinds
fields (kern/jitclass.py finds them in the source) compiles to a function
returning `(result, *those fields)` (rebinding_method); its caller rebinds
its variable to the instance with them, or, from Python, writes them into
the instance. Only a method's own self and instances made in the same
function may be rebound so: a compiled function's argument may not (its
caller would keep the old array), a located UnsupportedError.
"""

from __future__ import annotations

import ast
import copy
from typing import Any, Dict, List, Optional

from ..classtypes import ClassInfo, InstanceType
from ..types import Array, Scalar
from .builder import Const, InstanceVal, V
from .source import (function_namespace, made_function, parse_function,
                       source_lines)
from .overloads import call_bound

__all__ = ["attribute", "call_method", "constructor", "new_instance",
           "rebinding_method", "store_attribute", "NEW"]


class _New:
    """The intrinsic `__kern_new(info)` a constructor starts with: fresh
    cells, zeroed."""

    _kern_new_instance = True

    def __repr__(self) -> str:
        return "<kern.jitclass new instance>"


NEW = _New()


def new_instance(fc: Any, info: ClassInfo, node: ast.AST) -> InstanceVal:
    """An instance of `info` with fresh cells: scalar fields 0, array
    fields empty (as Numba's zeroed struct)."""
    cells: List[Any] = []
    for name, t in info.fields.items():
        if isinstance(t, Scalar):
            one = fc.b.index(1)
            cells.append(fc.arr.alloc([one], t, fill=fc.b.const(0, t)))
        elif isinstance(t, Array):
            cells.append(fc.arr.alloc([fc.b.index(0)] * t.ndim, t.dtype))
        elif isinstance(t, InstanceType):
            cells.append(new_instance(fc, t.info, node))
        else:
            raise fc.unsupported(f"a jitclass field of type {t}", node)
    return InstanceVal(info.instance_type, tuple(cells))


def _cell(inst: InstanceVal, name: str) -> Any:
    return inst.cells[inst.ty.field_index(name)]


def attribute(fc: Any, inst: InstanceVal, attr: str, node: ast.AST) -> Any:
    """`inst.attr`: a field's value, or a property's."""
    info = inst.ty.info
    t = info.fields.get(attr)
    if isinstance(t, Scalar):
        return fc.arr.load(_cell(inst, attr), [fc.b.index(0)])
    if t is not None:
        return _cell(inst, attr)
    if attr in info.properties:
        return call_bound(fc, info.properties[attr][0], [inst], {}, node)
    if attr in info.methods or attr in info.staticmethods:
        raise fc.unsupported(f"the method '{info.name}.{attr}' as a value "
                             f"(call it)", node)
    raise fc.typing_error(f"jitclass '{info.name}' has no attribute "
                          f"'{attr}'", node)


def call_method(fc: Any, inst: InstanceVal, node: ast.Call, args: List[Any],
                kwargs: Dict[str, Any]) -> Any:
    """`inst.method(...)`: the method compiled for this class, `self`
    bound to the instance."""
    info = inst.ty.info
    name = node.func.attr
    if info.rebinds.get(name):
        return _call_rebinding(fc, inst, node, args, kwargs)
    if name in info.methods:
        return call_bound(fc, info.methods[name], [inst] + args, kwargs, node)
    if name in info.staticmethods:
        return call_bound(fc, info.staticmethods[name], args, kwargs, node)
    if name in info.fields or name in info.properties:
        raise fc.typing_error(f"'{info.name}.{name}' is not callable", node)
    raise fc.typing_error(f"jitclass '{info.name}' has no method '{name}'",
                          node)


def store_attribute(fc: Any, target: ast.Attribute, value: Any,
                    node: ast.AST, op: Optional[str] = None) -> None:
    """`inst.attr = value` (or `op=`): into a scalar field's cell, into
    an array field's elements (`op=`), a new array field in a constructor,
    or a property's setter."""
    inst = fc.expr(target.value)
    if not isinstance(inst, InstanceVal):
        raise fc.unsupported(f"assignment to the attribute "
                             f"'{fc.src(target)}' of {fc.type_name(inst)}",
                             node)
    info, attr = inst.ty.info, target.attr
    t = info.fields.get(attr)
    if t is None:
        if attr in info.properties and info.properties[attr][1] is not None:
            if op is not None:
                value = fc.binary(op, attribute(fc, inst, attr, node), value,
                                  node)
            call_bound(fc, info.properties[attr][1], [inst, value], {}, node)
            return
        raise fc.typing_error(f"jitclass '{info.name}' has no field "
                              f"'{attr}' to assign", node)
    cell = _cell(inst, attr)
    if isinstance(t, Scalar):
        zero = fc.b.index(0)
        if op is not None:
            value = fc.binary(op, fc.arr.load(cell, [zero]), value, node)
        v = fc.value(value, node)
        if not isinstance(v, V) or not isinstance(v.ty, Scalar) or (
                v.ty.kind == "c" and t.kind != "c"):
            raise fc.typing_error(f"cannot assign {fc.type_name(v)} to the "
                                  f"field '{attr}' of {info.name} ({t})",
                                  node)
        fc.arr.store(v, cell, [zero])
        return
    if op is not None and isinstance(t, Array):  # in place, as NumPy does
        fc.write_array(cell, value, node, op)
        return
    _rebind(fc, target, inst, t, value, node)


def _rebind(fc: Any, target: ast.Attribute, inst: InstanceVal, t: Any,
            value: Any, node: ast.AST) -> None:
    """`self.data = array` in a constructor: the instance with that cell."""
    info, attr = inst.ty.info, target.attr
    base = target.value
    if not _is_self(fc, base, info):
        raise fc.unsupported(
            f"rebinding the field '{attr}' of jitclass '{info.name}' through "
            f"'{fc.src(target.value)}' (a method rebinds the fields of its "
            f"own self; or write into the array, "
            f"'{fc.src(target)}[...] = ...')", node)
    v = fc.value(value, node)
    ok = (isinstance(t, Array) and isinstance(getattr(v, "ty", None), Array)
          and v.ty.same_kind(t)) or (isinstance(t, InstanceType) and
                                    isinstance(v, InstanceVal) and v.ty == t)
    if not ok:
        raise fc.typing_error(f"cannot assign {fc.type_name(v)} to the "
                              f"field '{attr}' of {info.name} ({t})", node)
    if isinstance(v, V):
        v = V(v.name, inst.ty.cell_types[inst.ty.field_index(attr)], v.mt)
    fc.assign_var(base.id, inst.with_cell(inst.ty.field_index(attr), v),
                  node)


def _is_self(fc: Any, base: ast.expr, info: ClassInfo) -> bool:
    """Whether `base` is the instance a constructor is making, or the
    `self` of a method that rebinds fields (rebinding_method)."""
    made = getattr(fc.py_func, "__kern_constructor__", None) is info or \
        getattr(fc.py_func, "__kern_rebinding__", None) is info
    return (made and isinstance(base, ast.Name) and
            base.id == getattr(fc.py_func, "__kern_self__", None))


def _call_rebinding(fc: Any, inst: InstanceVal, node: ast.Call, args: List[Any],
                    kwargs: Dict[str, Any]) -> Any:
    """`x.method(...)` for a method that rebinds fields of its instance:
    its rebinding form returns the result and those fields, and `x` (a
    variable) is bound to the instance with them."""
    info, name = inst.ty.info, node.func.attr
    receiver = node.func.value
    if not (isinstance(receiver, ast.Name) and _made_here(fc, receiver.id)):
        raise fc.unsupported(
            f"calling '{info.name}.{name}', which rebinds the field(s) "
            f"{', '.join(info.rebinds[name])}, on '{fc.src(receiver)}' here: "
            f"compiled code hands new fields back only to a method's own "
            f"self and to instances made in the same function (call it from "
            f"Python, or make the instance here)", node)
    out = call_bound(fc, rebinding_method(info, name), [inst] + args, kwargs,
                     node)
    new = inst
    for field, value in zip(info.rebinds[name], out.items[1:]):
        new = new.with_cell(inst.ty.field_index(field), value)
    fc.assign_var(receiver.id, new, node)
    return out.items[0]


def _made_here(fc: Any, name: str) -> bool:
    """Whether the variable `name` only ever holds an instance this
    function owns: the self of a constructor or of a rebinding method, or
    a variable assigned nothing but jitclass constructor calls (and not a
    parameter), so that no caller holds its old fields."""
    made = getattr(fc.py_func, "__kern_constructor__", None) or \
        getattr(fc.py_func, "__kern_rebinding__", None)
    if made is not None and name == getattr(fc.py_func, "__kern_self__", None):
        return True
    if name in fc.param_names():
        return False
    values = [n.value for n in ast.walk(fc.fdef) if isinstance(n, ast.Assign)
              and any(isinstance(t, ast.Name) and t.id == name
                      for t in n.targets)]
    others = [n for n in ast.walk(fc.fdef) if isinstance(n, (
        ast.AugAssign, ast.AnnAssign, ast.For, ast.With, ast.NamedExpr))
        and any(isinstance(t, ast.Name) and t.id == name and
                isinstance(t.ctx, ast.Store) for t in ast.walk(n))]
    if others or not values:
        return False
    for v in values:
        if not isinstance(v, ast.Call):
            return False
        f = fc.expr(v.func)
        if not (isinstance(f, Const) and isinstance(f.value, type) and
                getattr(f.value, "_kern_instance_type", None) is not None):
            return False
    return True


def rebinding_method(info: ClassInfo, name: str) -> Any:
    """The method `name` returning `(result, *rebound fields)` (its
    `return x` become `return (x, self.f, ...)`, and one is added at the
    end), compiled where the method rebinds array or instance fields."""
    if name in info.rebinding:
        return info.rebinding[name]
    method = info.methods[name]
    fdef, filename, offset = parse_function(method)
    fdef = copy.deepcopy(fdef)
    me = fdef.args.args[0].arg
    fields = info.rebinds[name]

    def packed(value: Optional[ast.expr], at: ast.AST) -> ast.Return:
        items = [value if value is not None else ast.Constant(None)] + [
            ast.Attribute(value=ast.Name(id=me, ctx=ast.Load()), attr=f,
                          ctx=ast.Load()) for f in fields]
        ret = ast.Return(ast.Tuple(elts=items, ctx=ast.Load()))
        for n in ast.walk(ret):
            ast.copy_location(n, at)
        return ret

    class Packing(ast.NodeTransformer):
        def visit_Return(self, node: ast.Return) -> ast.AST:
            return packed(node.value, node)

        def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
            return node
    fdef.body = [Packing().visit(st) for st in fdef.body]
    if not isinstance(fdef.body[-1], ast.Return):
        fdef.body.append(packed(None, fdef.body[-1]))
    fdef = ast.fix_missing_locations(fdef)
    fn = made_function(fdef, filename, offset, source_lines(method),
                       function_namespace(method), f"{info.name}.{name}",
                       method.__module__)
    fn.__kern_rebinding__ = info
    fn.__kern_self__ = me
    info.rebinding[name] = fn
    return fn


# ---------------------------------------------------------------------------
# The constructor: __init__ made a function returning the instance
# ---------------------------------------------------------------------------

def constructor(info: ClassInfo) -> Any:
    """The Python function (with its AST for kern) that makes an instance:
    `__init__`'s parameters after `self`, its body after
    `self = __kern_new()`, every `return` returning `self`."""
    if info.constructor is not None:
        return info.constructor
    init = info.methods.get("__init__")
    if init is None:
        fdef = ast.parse(f"def {info.name}():\n    pass").body[0]
        filename, offset, lines = "<jitclass>", 0, []
        self_name, ns = "self", {}
    else:
        fdef, filename, offset = parse_function(init)
        fdef = copy.deepcopy(fdef)
        lines = source_lines(init)
        if not fdef.args.args:
            raise TypeError(f"{info.name}.__init__ takes no 'self'")
        self_name = fdef.args.args[0].arg
        fdef.args.args = fdef.args.args[1:]
        ns = function_namespace(init)
    new = fresh_name("__kern_new", fdef)
    ns = dict(ns, **{new: NEW})
    start = ast.parse(f"{self_name} = {new}()").body[0]
    for n in ast.walk(start):
        ast.copy_location(n, fdef)
    fdef.body = [start] + [_ReturnSelf(self_name).visit(s) for s in fdef.body]
    fdef.body.append(ast.copy_location(ast.Return(
        ast.Name(id=self_name, ctx=ast.Load())), fdef.body[-1]))
    fdef = ast.fix_missing_locations(fdef)
    fn = made_function(fdef, filename, offset, lines, ns, info.name,
                       getattr(init, "__module__", None))
    fn.__kern_constructor__ = info
    fn.__kern_self__ = self_name
    info.constructor = fn
    return fn


class _ReturnSelf(ast.NodeTransformer):
    def __init__(self, name: str) -> None:
        self.name = name

    def visit_Return(self, node: ast.Return) -> ast.AST:
        if node.value is not None:
            return node  # a value from __init__: the TypeError Python gives
        return ast.copy_location(ast.Return(
            ast.Name(id=self.name, ctx=ast.Load())), node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return node


def fresh_name(base: str, tree: ast.AST) -> str:
    taken = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    name, k = base, 1
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    return name
