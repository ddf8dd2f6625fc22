"""FunctionCompiler: one Python function specialized for argument types,
emitted as a `func.func` of kern MLIR text.

Typing and emission are one walk over the AST. Every variable has one type
in the whole function (re-assignments unify by NumPy promotion, as in
Numba); when a later assignment widens a variable, the walk is repeated
with the wider type until nothing changes.

Control flow is structured: `if` → scf.if, `while` → scf.while, `for ...
in range` → scf.for, `prange` → kern.prange. Variables changed inside are
carried as results/iteration arguments. `return` inside branches and loops,
`break` and `continue` set flags (`$ret`, `$brk`, `$cont`, carried like
variables) and guard the statements after them.
"""

from __future__ import annotations

import ast
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple as PT

from ..errors import KernError, TypingError, UnsupportedError
from ..classtypes import InstanceType
from ..functiontype import FunctionType
from ..dicttype import Dict as DictType
from ..listtype import List as ListType
from ..settype import Set as SetType
from ..strtype import UnicodeType
from ..recordtype import Record
from ..types import (Array, Dispatcher, GeneratorType, NoneType,
                     NumPyRandomGeneratorType,
                     Omitted,
                     Optional as OptionalType, Scalar, Tuple, Type, bool_,
                     constant_value, int64, is_constant, none, omitted,
                     promote)
from . import records
from .arrays import Arrays
from .builder import (Builder, Const, GenVal, InstanceVal, OptVal, TupleVal, V,
                      constant_item,
                      constant_type, flat_types, mlir_loc, unflatten)
from .expressions import ExpressionMixin, is_number
from .passes import Retry, UntypedRecursion
from .scalars import Scalars
from .statements import StatementMixin
from .loops import LoopMixin
from .parallel import ParallelMixin
from .prune import NOT_NONE, prune
from .recursion import RecursionMixin
from .typemap import TypeMap, collect
from .source import (function_namespace, made_function, parse_function,
                     source_lines)

__all__ = ["FunctionCompiler", "function_namespace", "made_function",
           "parse_function", "source_lines"]  # (the last four: .source)

_MAX_PASSES = 8


class FunctionCompiler(RecursionMixin, ParallelMixin, LoopMixin,
                       StatementMixin, ExpressionMixin):
    """Types and emits one specialization of a Python function."""

    def __init__(self, py_func: Any, arg_types: Sequence[Type], module: Any,
                 symbol: str, entry: bool,
                 return_type: Optional[Type] = None,
                 callback: Optional[str] = None,
                 contiguous: Sequence[Optional[str]] = ()) -> None:
        self.py_func = py_func
        self.callback = callback
        # the layout ('C', 'F') an entry's array arguments are known to have
        self.contiguous = tuple(contiguous)
        self.arg_types = tuple(arg_types)
        self.module = module
        self.symbol = symbol
        self.entry = entry
        self.declared_return = return_type
        self.fdef, self.filename, self.line_offset = parse_function(py_func)
        if isinstance(self.fdef, ast.AsyncFunctionDef):
            raise self.unsupported("async functions", self.fdef)
        self.source_lines = source_lines(py_func)
        self.vartypes: Dict[str, Type] = {}
        self.node_types: Dict[ast.AST, Optional[Type]] = {}  # (typemap.py)
        # AST kern made from the user's (unrolled loop bodies, operator
        # calls as expressions), made once: later passes see the same nodes
        self.made_nodes: Dict[Any, Any] = {}
        self.missing: set = set()
        self.local_names = {n.id for n in ast.walk(self.fdef)
                            if isinstance(n, ast.Name) and
                            isinstance(n.ctx, ast.Store)}
        self.local_names |= {n.name for n in ast.walk(self.fdef)  # inner
                             if isinstance(n, ast.FunctionDef) and
                             n is not self.fdef}
        self.fdef = prune(self.fdef, self.static_name)
        self.loads = [(n.id, n.lineno, n.col_offset)
                      for n in ast.walk(self.fdef)
                      if isinstance(n, ast.Name) and
                      isinstance(n.ctx, ast.Load)]
        self.return_type: Optional[Type] = None
        self.probing = False  # a pass finding a recursive function's type
        self.reduction_vars: set = set()  # inside a prange body

    def static_name(self, name: str) -> PT[bool, Any]:
        """(known, value) of a name at compile time, for branch pruning:
        constant parameters (until assigned: the pruner follows that),
        globals and closure variables."""
        params = self.param_names()
        if name in self.local_names and name not in params:
            return False, None
        if name in params:
            k = params.index(name)
            t = self.arg_types[k] if k < len(self.arg_types) else None
            if t is not None and not isinstance(t, Omitted):
                return (True, constant_value(t)) if is_constant(t) else \
                    (True, NOT_NONE)
            d = self.default_of(k)
            if isinstance(d, ast.Constant):
                return True, d.value
            return False, None
        f = self.py_func
        if f.__closure__ and name in f.__code__.co_freevars:
            cell = f.__closure__[f.__code__.co_freevars.index(name)]
            try:
                return True, cell.cell_contents
            except ValueError:
                return False, None
        if name in f.__globals__:
            return True, f.__globals__[name]
        return False, None

    # ---- diagnostics ------------------------------------------------------

    def source_line(self, node: Optional[ast.AST]) -> str:
        """The user's source line of `node`, indented, for messages."""
        line = getattr(node, "lineno", None)
        first = self.fdef.decorator_list[0].lineno if \
            self.fdef.decorator_list else self.fdef.lineno
        k = None if line is None else line - first
        if k is None or not 0 <= k < len(self.source_lines):
            return ""
        return "\n    " + self.source_lines[k].strip()

    def location(self, node: Optional[ast.AST]) -> str:
        line = getattr(node, "lineno", None)
        if line is None:
            return self.filename
        return f"{self.filename}:{line + self.line_offset}"

    def mlir_location(self, node: ast.AST) -> Optional[str]:
        """The MLIR location of `node` in the user's file, or None."""
        line = self.lineno(node)
        if line is None:
            return None
        return mlir_loc(self.filename, line, getattr(node, "col_offset", 0) + 1)

    def lineno(self, node: Optional[ast.AST]) -> Optional[int]:
        line = getattr(node, "lineno", None)
        return None if line is None else line + self.line_offset

    def src(self, node: ast.AST) -> str:
        try:
            return ast.unparse(node)
        except Exception:
            return type(node).__name__

    def typing_error(self, message: str, node: Optional[ast.AST]
                     ) -> TypingError:
        if node is None:  # located by the statement that is compiling
            return TypingError(message)
        return TypingError(f"in '{self.py_func.__name__}': {message}"
                           f"{self.source_line(node)}", self.filename,
                           self.lineno(node))

    def unsupported(self, what: str, node: Optional[ast.AST]
                    ) -> UnsupportedError:
        return UnsupportedError(f"in '{self.py_func.__name__}': {what} is "
                                f"not supported by kern"
                                f"{self.source_line(node)}",
                                self.filename, self.lineno(node))

    def locate(self, e: KernError, node: ast.AST) -> KernError:
        """`e` with the file and line of `node` if it has none yet."""
        if e.filename is not None:
            return e
        if isinstance(e, UnsupportedError):
            return UnsupportedError(f"in '{self.py_func.__name__}': "
                                    f"{e.message}{self.source_line(node)}",
                                    self.filename, self.lineno(node))
        return self.typing_error(e.message, node)

    def type_name(self, v: Any) -> str:
        if constant_item(v) and v.value is not None:
            return str(constant_type(v))
        if isinstance(v, Const):
            return f"Python {type(v.value).__name__}"
        return str(v.ty)

    # ---- types of variables -----------------------------------------------

    def unify(self, old: Optional[Type], new: Type, what: str,
              node: ast.AST) -> Type:
        """The type of `what` after assigning a `new` value to an `old` one."""
        if old is None or old == new:
            return new
        if isinstance(old, Dispatcher) and isinstance(new, Dispatcher):
            return new  # a function variable names its last function; paths
            # that join with different functions fail in carry_values
        if isinstance(old, (NoneType, OptionalType)) or \
                isinstance(new, (NoneType, OptionalType)):
            return self.unify_optional(old, new, what, node)
        if isinstance(old, Scalar) and isinstance(new, Scalar):
            return promote(old, new)
        if isinstance(old, Array) and isinstance(new, Array):
            if old.same_kind(new):
                return old if old.layout == new.layout else old.copy(
                    layout="A")
        if isinstance(old, (ListType, DictType, SetType)) and \
                type(new) is type(old) and (
                    not old.typed or not new.typed or
                    old.origin == new.origin is not None):
            return new if new.typed else old  # item types learned later
        if isinstance(old, Tuple) and isinstance(new, Tuple) and \
                len(old.types) == len(new.types) and \
                getattr(old, "cls", None) is getattr(new, "cls", None):
            return old.with_items([self.unify(a, b, what, node)
                                   for a, b in zip(old.types, new.types)])
        name = "the return value" if what == "$rv" else f"'{what}'"
        raise self.typing_error(f"cannot unify {old} and {new} for "
                                f"{name}", node)

    def unify_optional(self, old: Type, new: Type, what: str,
                       node: ast.AST) -> Type:
        """None with a value of type T (or an Optional(T)): Optional(T)."""
        inner = [t.type if isinstance(t, OptionalType) else t
                 for t in (old, new) if not isinstance(t, NoneType)]
        t = inner[0] if len(inner) == 1 else self.unify(inner[0], inner[1],
                                                        what, node)
        return t if isinstance(t, NoneType) else OptionalType(t)

    def to_optional(self, v: Any, ty: OptionalType, name: str) -> OptVal:
        """A value (or None) as a value of the Optional type `ty`."""
        if isinstance(v, Const) and v.value is None:
            return OptVal(self.dummy(ty.type, name), self.b.const(False, bool_))
        if isinstance(v, OptVal):
            inner, present = v.value, v.present
        else:
            inner, present = self.value(v, None), self.b.const(True, bool_)
        if isinstance(ty.type, Scalar):
            inner = self.s.cast(inner, ty.type)
        return OptVal(inner, present)

    def canonical_mt(self, name: str, ty: Type) -> str:
        if isinstance(ty, Array):
            return ty.mlir_fresh if name == "$rv" else ty.mlir
        return ty.mlir

    def carry_values(self, v: Any, ty: Type, name: Optional[str]) -> List[V]:
        """Flat SSA values of `v` converted to the canonical types of `ty`."""
        if isinstance(ty, OptionalType):
            o = v if isinstance(v, OptVal) else self.to_optional(v, ty, name)
            return self.carry_values(o.value, ty.type, name) + [o.present]
        if isinstance(ty, InstanceType):
            if not isinstance(v, InstanceVal) or v.ty != ty:
                raise self.typing_error(f"cannot use {self.type_name(v)} as "
                                        f"{ty}", None)
            return [x for cell, t in zip(v.cells, ty.cell_types)
                    for x in self.carry_values(cell, t, name)]
        if isinstance(ty, GeneratorType):  # (frontend/generators.py)
            if name == "$rv" and self.entry:
                raise self.unsupported("returning a generator object to "
                                       "Python (call the generator function "
                                       "from Python instead)", self.fdef)
            if not isinstance(v, GenVal) or v.ty != ty:
                raise self.typing_error(f"cannot use {self.type_name(v)} as "
                                        f"{ty}", None)
            return self.carry_values(v.args, ty.arguments, name)
        if isinstance(ty, Tuple):
            if not isinstance(v, TupleVal) or len(v.items) != len(ty.types):
                raise self.typing_error(f"cannot use {self.type_name(v)} as "
                                        f"{ty}", None)
            out: List[V] = []
            for item, t in zip(v.items, ty.types):
                out.extend(self.carry_values(item, t, name))
            return out
        if isinstance(v, Const) and v.value is None and name in self.vartypes \
                and self.vartypes[name] == ty and not isinstance(ty, NoneType):
            # a variable None on one path and a value on another: Optional,
            # from the start of the next pass
            self.vartypes[name] = OptionalType(ty)
            raise Retry()
        if isinstance(ty, (ListType, DictType, SetType,
                           NumPyRandomGeneratorType)):  # a runtime object
            if name == "$rv" and self.entry and isinstance(
                    ty, NumPyRandomGeneratorType):
                raise self.typing_error("cannot return an np.random."
                                        "Generator from compiled code", None)
            if not (isinstance(v, V) and type(v.ty) is type(ty)):
                raise self.typing_error(f"cannot use {self.type_name(v)} as "
                                        f"{ty}", None)
            return [V(v.name, ty, ty.mlir)]
        if isinstance(ty, FunctionType):  # a C function pointer
            if not isinstance(v, V) or v.ty != ty or name == "$rv":
                raise self.typing_error(
                    f"cannot {'return' if name == '$rv' else 'use'} "
                    f"{self.type_name(v)}" + ("" if name == "$rv" else
                                              f" as {ty}"), None)
            return [v]
        if constant_item(v):  # None or a compiled function: no SSA value
            if constant_type(v) != ty:
                raise self.typing_error(f"cannot use {self.type_name(v)} as "
                                        f"{ty}", None)
            return []
        v = self.value(v, None)
        if isinstance(ty, UnicodeType):  # a str (frontend/strings.py)
            if not (isinstance(v, V) and v.ty == ty):
                raise self.typing_error(f"cannot use {self.type_name(v)} as "
                                        f"{ty}", None)
            return [v]
        if isinstance(ty, Scalar):
            if not isinstance(v, V) or not isinstance(v.ty, Scalar):
                raise self.typing_error(f"cannot use {self.type_name(v)} as "
                                        f"{ty}", None)
            return [self.s.cast(v, ty)]
        if isinstance(ty, Record) or (name == "$rv" and isinstance(
                ty, Array) and isinstance(ty.dtype, Record)):
            return [records.value_of(self, v, ty, name)]
        if not isinstance(v, V) or not isinstance(v.ty, Array):
            raise self.typing_error(f"cannot use {self.type_name(v)} as "
                                    f"{ty}", None)
        if name == "$rv":
            if v.mt != ty.mlir_fresh or v.ty.dtype is not ty.dtype:
                v = self.arr.fresh_copy(v, ty.dtype)
            return [V(v.name, ty, ty.mlir_fresh)]
        return [self.arr.cast_to(V(v.name, ty, v.mt), ty.mlir)]

    def dummy(self, ty: Type, name: str) -> Any:
        """A placeholder for a variable not yet assigned on some path."""
        if isinstance(ty, NoneType):
            return Const(None)
        if isinstance(ty, Dispatcher):  # a function variable: a constant
            return Const(ty.dispatcher)
        if isinstance(ty, OptionalType):
            return OptVal(self.dummy(ty.type, name), self.b.const(False, bool_))
        if isinstance(ty, Tuple):
            return TupleVal(tuple(self.dummy(t, name) for t in ty.types),
                            getattr(ty, "cls", None))
        if isinstance(ty, InstanceType):
            return InstanceVal(ty, tuple(self.dummy(t, name)
                                         for t in ty.cell_types))
        if isinstance(ty, GeneratorType):
            return GenVal(ty.py_func, self.dummy(ty.arguments, name))
        if isinstance(ty, Scalar):
            return self.b.const(0, ty)
        if isinstance(ty, FunctionType):
            zero = self.b.const(0, int64)
            return V(zero.name, ty, ty.mlir)
        if isinstance(ty, UnicodeType):
            from .strings import constant
            return constant(self, "")
        if isinstance(ty, (ListType, DictType, SetType,
                           NumPyRandomGeneratorType)):  # none yet: null
            return self.b.op("llvm.mlir.zero : !llvm.ptr", ty)
        if isinstance(ty, Record):  # frontend/records.py
            return records.placeholder(self, ty)
        zero = self.b.index(0)
        a = self.arr.alloc([zero] * ty.ndim, ty.dtype)
        return V(a.name, ty, a.mt)

    def assign_var(self, name: str, value: Any, node: ast.AST) -> None:
        """`name = value`: unify the variable's type, convert, bind."""
        is_none = isinstance(value, Const) and value.value is None
        is_function = constant_item(value) and not is_none
        if not is_none and not is_function and not isinstance(value, OptVal):
            value = self.value(value, node)
        if isinstance(value, Const) and not is_none and not is_function:
            raise self.typing_error(f"cannot assign {self.type_name(value)} "
                                    f"to '{name}'", node)
        old = self.vartypes.get(name)
        new = self.unify(old, none if is_none else constant_type(value)
                         if is_function else value.ty, name, node)
        if new != old:
            self.vartypes[name] = new
            if (old is not None or name in self.missing) and not (
                    isinstance(old, Dispatcher) and isinstance(new, Dispatcher)):
                self.changed = True  # (a function variable: no SSA value)
        if isinstance(new, (NoneType, Dispatcher)):
            self.env[name] = value if is_function else Const(None)
            return
        if isinstance(new, OptionalType):
            value = self.to_optional(value, new, name)
            if name == "$rv" or not isinstance(new.type, Scalar):
                value = unflatten(new, iter(self.carry_values(value, new, name)))
        elif isinstance(new, Scalar):
            value = self.s.cast(value, new)
        elif name == "$rv":
            value = unflatten(new, iter(self.carry_values(value, new, name)))
        elif isinstance(new, (Tuple, InstanceType)):
            value = unflatten(new, iter(self.carry_values(value, new, name)))
        self.env[name] = value
        self.name_value(name, value)
        if self.__dict__.get("try_frames"):  # inside a try body
            from .trying import write_through
            write_through(self, name)

    def name_value(self, name: str, value: Any) -> None:
        """Give the SSA value bound to a variable the variable's name in
        the text (`%s_12` rather than `%12`), for readable MLIR."""
        if isinstance(value, V) and name.isidentifier():
            self.b.rename(value.name, name)

    def used_outside(self, name: str, nodes: Sequence[ast.AST]) -> bool:
        spans = [(n.lineno, n.end_lineno) for n in nodes]
        for n, line, _ in self.loads:
            if n == name and not any(a <= line <= b for a, b in spans):
                return True
        return False

    # ---- compile ----------------------------------------------------------

    def compile(self) -> str:
        """Type and emit the function; the text of its func.func."""
        for _ in range(_MAX_PASSES):
            self.changed = False
            self.none_uses: List[ast.AST] = []
            self.deferred_errors: List[Exception] = []  # statements.stmt
            self.recursive_returns: List[PT[Optional[Type], bool]] = []
            try:
                text = self.emit_function()
            except Retry:
                continue
            except UntypedRecursion:
                self.probe_return_type()
                continue
            if self.deferred_errors and not self.changed:
                raise self.deferred_errors[0]
            if not self.changed and self.recursion_settled():
                if self.none_uses:
                    raise self.unsupported("None as a value", self.none_uses[0])
                return text
        raise self.typing_error("the types of the variables do not settle "
                                "(a variable keeps widening)", self.fdef)

    def typemap(self) -> TypeMap:
        """The settled types of this specialization by source line."""
        variables = {k: v for k, v in self.vartypes.items()
                     if not k.startswith("$")}
        params = self.param_names()
        name = getattr(self.py_func, "__qualname__", self.fdef.name)
        first = 1 + self.line_offset  # the line source_lines starts at
        if name.endswith("<lambda>"):  # (its AST has the file's lines)
            first = self.py_func.__code__.co_firstlineno
        return TypeMap(name.replace("<locals>.", ""), self.arg_types,
                       self.filename, first, self.source_lines,
                       collect(self.fdef, params, self.node_types, variables,
                               self.line_offset),
                       self.return_type, variables)

    def param_names(self) -> List[str]:
        """The parameters in signature order, *args included (the order of
        the argument types: kern/dispatcher.py `Parameters`)."""
        a = self.fdef.args
        return [p.arg for p in a.posonlyargs + a.args] + \
            ([a.vararg.arg] if a.vararg else []) + [p.arg for p in a.kwonlyargs]

    def default_of(self, k: int) -> Optional[ast.expr]:
        """The default expression of parameter `k` (an index into
        `param_names`), or None; *args defaults to ()."""
        a = self.fdef.args
        positional = len(a.posonlyargs) + len(a.args)
        if k >= positional and a.vararg:
            if k == positional:
                return ast.copy_location(ast.Tuple(elts=[], ctx=ast.Load()),
                                         a.vararg)
            k -= 1
        if k >= positional:
            return a.kw_defaults[k - positional]
        first = positional - len(a.defaults)  # the first with a default
        return a.defaults[k - first] if k >= first else None

    def bind_arguments(self) -> List[str]:
        if self.fdef.args.kwarg:
            raise self.unsupported("**kwargs parameters", self.fdef)
        params = self.param_names()
        types = list(self.arg_types)
        if len(types) > len(params):
            raise self.typing_error(f"takes {len(params)} arguments but "
                                    f"{len(types)} were given", self.fdef)
        types += [omitted] * (len(params) - len(types))
        left_out = [(p, self.default_of(k)) for k, (p, t) in
                    enumerate(zip(params, types)) if isinstance(t, Omitted)]
        for p, d in left_out:
            if d is None:
                raise self.typing_error(f"missing argument '{p}'", self.fdef)
        decls, k = [], 0
        for pos, (p, t) in enumerate(zip(params, types)):
            if isinstance(t, Omitted):
                continue
            if is_constant(t):  # a constant the overload wanted
                self.env[p] = Const(constant_value(t))
                continue
            vals = []
            # kern-assume-layouts states the strides of a C or F array
            layout = self.contiguous[pos] if pos < len(self.contiguous) \
                else None
            known = f' {{kern.layout = "{layout}"}}' \
                if layout and isinstance(t, Array) else ""
            for ft in flat_types(t):
                name = f"%arg{k}"
                k += 1
                vals.append(V(name, ft, ft.mlir))
                decls.append(f"{name}: {ft.mlir}{known}")
            self.env[p] = unflatten(t, iter(vals))
            self.vartypes[p] = self.unify(self.vartypes.get(p), t, p,
                                          self.fdef)

        for p, d in left_out:
            c = self.expr(d)
            if isinstance(c, Const) and not is_number(c):
                self.env[p] = c  # an option (None, 'left', float, ...)
                continue
            self.assign_var(p, c, d)
        return decls

    def emit_function(self) -> str:
        self.b = Builder()
        self.s = Scalars(self.b)
        self.s.externs = self.module.externs
        self.arr = Arrays(self.b, self.s, self.module.boundscheck)
        self.arr.parallel = self.module.parallel
        self.env: Dict[str, Any] = {}
        self.returns_none = False
        self.folded_leaving: Set[int] = set()  # ids of `if`s (block())
        decls = self.bind_arguments()
        body = self.fdef.body
        if body and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant) and \
                isinstance(body[0].value.value, str):
            body = body[1:]  # docstring
        self.uses_flags = self.needs_flags(body)
        if self.uses_flags:
            self.env["$ret"] = self.b.const(False, bool_)
            self.vartypes["$ret"] = bool_
            if "$rv" in self.vartypes:
                self.env["$rv"] = self.dummy(self.vartypes["$rv"], "$rv")
        self.block(body)
        return self.finish(decls)

    def finish(self, decls: List[str]) -> str:
        ret = self.vartypes.get("$rv")
        if isinstance(ret, NoneType):
            ret = None  # only `return None`: no result
        if ret is not None and not self.always_returns(self.fdef.body):
            raise self.typing_error("does not return a value on every path "
                                    "(it would return None)", self.fdef)
        if self.declared_return is not None:
            if ret is None:
                raise self.typing_error(f"declared to return "
                                        f"{self.declared_return} but returns "
                                        f"nothing", self.fdef)
            ret = self.declared_return
        self.return_type = ret
        kernel = self.entry and self.module.kernel  # @cuda.jit (kern/cuda)
        if kernel and ret is not None:
            raise self.typing_error(f"a CUDA kernel returns nothing, this "
                                    f"one returns {ret}", self.fdef)
        self.arg_decls = decls
        results: List[V] = []
        if ret is not None:
            results = self.carry_values(self.env["$rv"], ret, "$rv")
        rtypes = ", ".join(v.mt for v in results)
        if results:
            self.b.emit(f"return {', '.join(v.name for v in results)} : "
                        f"{rtypes}")
        else:
            self.b.emit("return")
        attrs = []
        if kernel:
            attrs.append("kern.kernel")
        elif self.entry:
            attrs.append("kern.entry")
        if self.callback:
            attrs.append(f'kern.callback = "{self.callback}"')
        if self.module.parallel:
            attrs.append("kern.parallel")
        head = "func.func "
        if not self.entry and not kernel:
            head += "private "
        head += f"@{self.symbol}({', '.join(decls)})"
        if results:
            head += f" -> ({rtypes})" if len(results) > 1 else f" -> {rtypes}"
        if attrs:
            head += f" attributes {{{', '.join(attrs)}}}"
        end = "}"
        where = self.mlir_location(self.fdef)
        if where:
            end += " " + where
        lines = [head + " {"] + ["  " + l for l in self.b.lines] + [end]
        from .trying import outlined_texts  # the try bodies
        return self.b.text(lines + outlined_texts(self))
