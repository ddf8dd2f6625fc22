"""Statements and structured control flow (a mixin of FunctionCompiler).

    if c: x = 1.0            %x = scf.if %c -> (f64) { ... scf.yield %a }
    else: x = y                                  else { scf.yield %y }
    for i in range(n): s += a[i]   scf.for ... iter_args(%s = %s0)
    for i in prange(n): s += a[i]  kern.prange ... reduce(add %s = %s0 : f64)

`return`, `break` and `continue` inside structured regions set flag
variables; the statements after such a statement are guarded by
`scf.if (not flags)`, and loops test the flags in their condition.
"""

from __future__ import annotations

import ast
from typing import Any, Callable, List, Optional, Sequence

from ..errors import KernError
from ..types import Buffer, Scalar, bool_
from ..classtypes import InstanceType
from .builder import Const, TupleVal, V, constant_item, unflatten
from .passes import placeholder_reads
from .arrays import is_0d
from .expressions import BINOPS, UntypedRecursion, is_number
from . import (dicts, flatiter, list_ops, lists, mixed_index, raising, records,
               sets)
from .fancy import store as fancy_store
from .joining import array_from
from .objmode import outputs_of

_UNSUPPORTED_STMT = {
    ast.ClassDef: "class "
    "definitions",
    ast.AsyncFunctionDef: "async functions", ast.Global: "global",
    ast.Nonlocal: "nonlocal", ast.Import: "import", ast.ImportFrom:
    "import", ast.AsyncFor: "async for", ast.AsyncWith:
    "async with"}
if hasattr(ast, "Match"):
    _UNSUPPORTED_STMT[ast.Match] = "match"
if hasattr(ast, "TryStar"):
    _UNSUPPORTED_STMT[ast.TryStar] = "try/except*"


def walk_local(stmts: Sequence[ast.AST], into_loops: bool = True):
    """ast.walk over statements; optionally not into nested loops; never
    into the body of a `with` (an objmode block, which runs in Python).

    >>> body = ast.parse("if c:\\n    for i in r:\\n        y = i\\n    x = 1").body
    >>> def stored(nodes):
    ...     return sorted(n.id for n in nodes if isinstance(n, ast.Name)
    ...                   and isinstance(n.ctx, ast.Store))
    >>> stored(walk_local(body)), stored(walk_local(body, into_loops=False))
    (['i', 'x', 'y'], ['x'])
    """
    todo = list(stmts)
    while todo:
        n = todo.pop()
        yield n
        children = n.items if isinstance(n, ast.With) else \
            ast.iter_child_nodes(n)
        for c in children:
            if not into_loops and isinstance(c, (ast.For, ast.While)):
                continue
            todo.append(c)


def assigned_names(stmts: Sequence[ast.AST]) -> set:
    """Variables (and flags) that statements may assign."""
    out = set()
    for n in walk_local(stmts):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            out.add(n.id)
        elif isinstance(n, ast.Return):
            out |= {"$ret", "$rv"}
        elif isinstance(n, ast.With):  # an objmode block's outputs
            out |= set(outputs_of(n))
    for n in walk_local(stmts, into_loops=False):
        if isinstance(n, ast.Break):
            out.add("$brk")
        elif isinstance(n, ast.Continue):
            out.add("$cont")
    return out


def rebound_receivers(fc: Any, body: Any) -> set:
    """Variables of `body` whose instance a call of a rebinding method
    rebinds (`x.push(v)`), and iterators that next() moves on
    (frontend/iterators.py): loops carry them as if assigned."""
    out = set()
    for n in walk_local(body):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and \
                n.func.id == "next" and n.args and \
                isinstance(n.args[0], ast.Name) and getattr(getattr(
                    fc.vartypes.get(n.args[0].id), "cls", None),
                    "_kern_iterator", False):  # next(it) moves `it` on
            out.add(n.args[0].id)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) \
                and isinstance(n.func.value, ast.Name):
            t = fc.vartypes.get(n.func.value.id)
            if isinstance(t, InstanceType) and \
                    t.info.rebinds.get(n.func.attr):
                out.add(n.func.value.id)
    return out


class StatementMixin:
    """Statement emission; see the module docstring."""

    # ---- analysis ---------------------------------------------------------

    def needs_flags(self, body: Sequence[ast.stmt]) -> bool:
        """Whether some `return` is not the last top-level statement."""
        for i, st in enumerate(body):
            last = i == len(body) - 1
            if isinstance(st, ast.Return) and last:
                continue
            if any(isinstance(n, ast.Return) for n in walk_local([st])):
                return True
        return False

    def always_returns(self, body: Sequence[ast.stmt]) -> bool:
        for st in body:
            if isinstance(st, (ast.Return, ast.Raise)):
                return True
            if isinstance(st, ast.If) and self.always_returns(st.body) and \
                    self.always_returns(st.orelse):
                return True
            if isinstance(st, ast.Try) and (self.always_returns(
                    st.finalbody) or (self.always_returns(st.body + st.orelse)
                                      and all(self.always_returns(h.body)
                                              for h in st.handlers))):
                return True
            if isinstance(st, ast.While) and isinstance(
                    st.test, ast.Constant) and st.test.value is True and \
                    not any(isinstance(n, ast.Break)
                            for n in walk_local(st.body, False)):
                return True
        return False

    def may_escape(self, st: ast.stmt) -> List[str]:
        """Flags a statement may set: '$ret', '$brk', '$cont'."""
        flags = []
        if any(isinstance(n, ast.Return) for n in walk_local([st])):
            flags.append("$ret")
        for n in walk_local([st], into_loops=False):
            if isinstance(n, ast.Break) and "$brk" not in flags:
                flags.append("$brk")
            if isinstance(n, ast.Continue) and "$cont" not in flags:
                flags.append("$cont")
        if isinstance(st, (ast.For, ast.While)):
            flags = [f for f in flags if f == "$ret"]
        return flags

    def running(self) -> Optional[V]:
        """i1 that is true while no flag is set (None when none exists)."""
        flags = [self.env[f] for f in ("$ret", "$brk", "$cont")
                 if f in self.env]
        if not flags:
            return None
        acc = flags[0]
        for f in flags[1:]:
            acc = self.b.op(f"arith.ori {acc}, {f} : i1", bool_)
        return self.s.not_(acc)

    # ---- blocks and statements -----------------------------------------

    def block(self, stmts: Sequence[ast.stmt]) -> None:
        """The statements in order; those after one that always leaves
        (a `return`, or an `if` on a condition known once typed, such as
        `isinstance(a, np.ndarray)`, whose branch taken returns) are dead
        and neither typed nor emitted, as in Numba."""
        for i, st in enumerate(stmts):
            self.stmt(st)
            rest = stmts[i + 1:]
            if rest and self.leaves(st):
                return
            if rest and self.may_escape(st):
                cond = self.running()
                self.emit_if(cond, lambda: self.block(rest), lambda: None,
                             rest, escapes=(False, True))
                return

    def stmt(self, node: ast.stmt) -> None:
        method = getattr(self, "stmt_" + type(node).__name__, None)
        if method is None:
            what = _UNSUPPORTED_STMT.get(type(node), type(node).__name__)
            raise self.unsupported(what, node)
        self.s.where = self.location(node)
        outer, self.b.loc = self.b.loc, self.mlir_location(node)
        reads = placeholder_reads(self)
        try:
            method(node)
        except KernError as e:
            if placeholder_reads(self) > reads and \
                    hasattr(self, "deferred_errors"):
                # it used a value read from a dict typed only by later
                # stores (`d[k] = f(d[k])` before `d[k] = v`): left out of
                # this pass, an error only if no type changes (compile())
                self.deferred_errors.append(self.locate(e, node))
            elif not self.probing:  # while probing: the statement is left out
                raise self.locate(e, node) from None
        except UntypedRecursion:
            if not self.probing:
                raise
        finally:
            self.b.loc = outer

    def stmt_Pass(self, node: ast.Pass) -> None:
        pass

    def stmt_Delete(self, node: ast.Delete) -> None:
        for t in node.targets:  # del d[k]
            base = self.expr(t.value) if isinstance(t, ast.Subscript) else None
            if lists.is_list(base):
                list_ops.delete(self, base, t.slice, node)
                continue
            if not dicts.is_dict(base):
                raise self.unsupported(f"del {self.src(t)}", node)
            dicts.delete(self, base, t.slice, node)

    def stmt_FunctionDef(self, node: ast.FunctionDef) -> None:
        from .closures import define  # an inner function (a closure)
        self.assign_var(node.name, define(self, node), node)

    def stmt_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant):
            return  # a string used as a comment
        self.expr(node.value)

    def stmt_Assign(self, node: ast.Assign) -> None:
        value = self.expr(node.value)
        if isinstance(value, TupleVal) and (len(node.targets) > 1 or not (
                isinstance(node.value, (ast.Call, ast.Tuple)))):
            from .iterators import check_not_shared
            check_not_shared(self, value, node)
        for target in node.targets:
            self.assign_target(target, value, node)

    def stmt_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.assign_target(node.target, self.expr(node.value), node)

    def assign_target(self, target: ast.expr, value: Any,
                      node: ast.AST) -> None:
        if isinstance(target, ast.Name):
            self.assign_var(target.id, value, node)
        elif isinstance(target, (ast.Tuple, ast.List)):
            if isinstance(value, Const) and isinstance(value.value, tuple):
                value = TupleVal(tuple(Const(v) for v in value.value))
            if lists.is_list(value):  # its items, if it has as many
                value = list_ops.unpack(self, value, len(target.elts), node)
            if self.is_array(value) and not any(
                    isinstance(t, ast.Starred) for t in target.elts):
                value = self.unpack_array(value, len(target.elts), node)
            if not isinstance(value, TupleVal):
                raise self.typing_error(f"cannot unpack "
                                        f"{self.type_name(value)}", node)
            starred = [i for i, t in enumerate(target.elts)
                       if isinstance(t, ast.Starred)]
            if starred:
                return self.assign_starred(target, starred, value, node)
            if len(value.items) != len(target.elts):
                raise self.typing_error(
                    f"cannot unpack {len(value.items)} values into "
                    f"{len(target.elts)} targets", node)
            for t, v in zip(target.elts, value.items):
                self.assign_target(t, v, node)
        elif isinstance(target, ast.Subscript):
            self.store_subscript(target, value, node)
        elif isinstance(target, ast.Attribute):  # a jitclass or record field
            from .records import store_attribute
            store_attribute(self, target, value, node)
        else:
            raise self.unsupported(f"assignment to {self.src(target)}", node)

    def assign_starred(self, target: ast.Tuple, starred: List[int],
                       value: TupleVal, node: ast.AST) -> None:
        """`a, *rest, z = t`: the starred target gets a list of the items
        between, as Python's (two starred targets are a SyntaxError)."""
        k, items = starred[0], value.items
        after = len(target.elts) - k - 1
        if len(items) < len(target.elts) - 1:
            raise self.typing_error(
                f"cannot unpack {len(items)} values into at least "
                f"{len(target.elts) - 1} targets", node)
        for t, v in zip(target.elts[:k], items[:k]):
            self.assign_target(t, v, node)
        rest = lists.of_values(self, list(items[k:len(items) - after]),
                               target.elts[k])
        self.assign_target(target.elts[k].value, rest, node)
        for t, v in zip(target.elts[k + 1:], items[len(items) - after:]):
            self.assign_target(t, v, node)

    def store_subscript(self, target: ast.Subscript, value: Any,
                        node: ast.AST, op: Optional[str] = None) -> None:
        a = self.expr(target.value)
        if lists.is_list(a):
            return lists.setitem(self, a, target.slice, value, node, op)
        if dicts.is_dict(a):
            return dicts.setitem(self, a, target.slice, value, node, op)
        if records.handles(a):
            return records.setitem(self, a, target.slice, value, node, op)
        if flatiter.is_flat(a):
            return flatiter.flat_setitem(self, a, target.slice, value, node,
                                         op)
        self.check_not_part_copy(target.value, a, node)
        if not self.is_array(a):
            raise self.typing_error(f"cannot assign into "
                                    f"{self.type_name(a)}", node)
        one = self.single_index(target.slice)
        if is_0d(one) and one.ty.dtype.kind in "iu":  # an integer index
            one = self.arr.load(one, [])
        if is_0d(one) and a.ty.ndim:
            raise self.unsupported("a 0-d boolean index of an array of 1 "
                                   "or more dimensions", node)
        if self.is_array(one) and not mixed_index.whole(a, one):
            fancy_store(self, a, one, value, node, op)
            return
        items = self.index_items(a, target.slice, node, one)
        if mixed_index.has_array(items):
            mixed_index.store(self, a, items, value, node, op)
            return
        if len(items) == a.ty.ndim and all(i[0] == "int" for i in items):
            idx = self.arr.indices(a, [i[1] for i in items])
            if op is not None:
                value = self.binary(op, self.arr.load(a, idx), value, node)
            v = self.value(value, node)
            if is_0d(v):  # a 0-d array: its element (NumPy's)
                v = self.arr.load(v, [])
            if not isinstance(v, V) or not isinstance(v.ty, Scalar):
                raise self.typing_error(f"cannot store {self.type_name(v)} "
                                        f"in an element of {a.ty}", node)
            self.arr.store(v, a, idx)
            return
        view = self.arr.view(a, items)
        self.write_array(view, value, node, op)

    def check_not_part_copy(self, expr: ast.AST, a: Any,
                            node: ast.AST) -> None:
        """`c.real[...] = v` / `c.imag[...] = v` of a complex array would
        write into a copy (kern's .real/.imag of complex arrays are fresh
        arrays, NumPy's are views): an error, not a lost write."""
        if isinstance(expr, ast.Attribute) and expr.attr in (
                "real", "imag") and not any(  # no call: evaluating is pure
                    isinstance(n, ast.Call) for n in ast.walk(expr.value)):
            base = self.expr(expr.value)
            if self.is_array(base) and base.ty.dtype.kind == "c":
                raise self.unsupported(f"writing into .{expr.attr} of a "
                                       f"complex array", node)

    def write_array(self, out: V, value: Any, node: ast.AST,
                    op: Optional[str] = None) -> None:
        """`out[...] = value` or `out[...] op= value` elementwise; a tuple
        or list value is an array of out's dtype (`y[i] = (x, v)`)."""
        if (isinstance(value, TupleVal) or lists.is_list(value) or (
                isinstance(value, Const) and isinstance(value.value, tuple))) \
                and isinstance(out.ty.dtype, Scalar):
            value = array_from(self, value, out.ty.dtype, node)
        if op is not None:
            value = self.binary(op, out, value, node)
        else:
            value = self.value(value, node) if not is_number(value) else value
        dt = out.ty.dtype
        if self.is_array(value):
            if value.ty.ndim > out.ty.ndim:
                raise self.typing_error(f"cannot assign {value.ty} to "
                                        f"{out.ty}", node)
            if value.mt != value.ty.mlir_fresh:  # may overlap `out`
                value = self.arr.fresh_copy(value)
            self.arr.copy_into(out, value)
            return
        v = self.b.const(value.value, dt) if is_number(value) else \
            self.scalar(node, value)
        self.arr.fill(out, v)

    def stmt_AugAssign(self, node: ast.AugAssign) -> None:
        op = BINOPS.get(type(node.op))
        if op is None:
            raise self.unsupported(f"operator {type(node.op).__name__}", node)
        value = self.expr(node.value)
        t = node.target
        if isinstance(t, ast.Subscript):
            self.store_subscript(t, value, node, op)
        elif isinstance(t, ast.Name):
            cur = self.expr_Name(ast.copy_location(
                ast.Name(id=t.id, ctx=ast.Load()), t))
            if self.is_array(cur):  # in place, as NumPy does
                self.write_array(cur, value, node, op)
            elif sets.is_set(cur):  # in place, as Python's sets
                from .setalgebra import inplace
                inplace(self, op, cur, value, node)
            elif lists.is_list(cur):  # in place, as Python does
                list_ops.augmented(self, op, cur, value, node)
            elif op == "-" and t.id in self.reduction_vars and \
                    not self.is_array(value):
                # a prange reduction: acc + (-v) is acc - v, and is
                # visibly the `add` combiner to convert-kern-prange-to-scf
                if is_number(value):
                    neg = Const(-value.value)
                else:  # negated in the type of acc - v: -uint64 would wrap
                    v = self.scalar(node.value, value)
                    rt = self.s.arith_type(self.scalar(t, cur).ty, v.ty, "-")
                    neg = self.s.neg(self.s.cast(v, rt))
                self.assign_var(t.id, self.binary("+", cur, neg, node), node)
            else:
                self.assign_var(t.id, self.binary(op, cur, value, node),
                                node)
        elif isinstance(t, ast.Attribute):  # a jitclass or record field
            from .records import store_attribute
            store_attribute(self, t, value, node, op)
        else:
            raise self.unsupported(f"augmented assignment to "
                                   f"{self.src(t)}", node)

    def stmt_Return(self, node: ast.Return) -> None:
        if node.value is None or (isinstance(node.value, ast.Constant) and
                                  node.value.value is None):
            self.returns_none = True
            self.assign_var("$rv", Const(None), node)
        else:
            value = self.expr(node.value)
            if constant_item(value) and value.value is not None and (
                    self.entry or getattr(value.value, "free", ())):
                raise self.unsupported(f"returning the function "
                                       f"'{self.src(node.value)}'", node)
            if self.entry and isinstance(getattr(value, "ty", None), Buffer):
                raise self.unsupported(f"returning a {value.ty.kind} "
                                       f"argument (an array in compiled "
                                       f"code)", node)
            self.assign_var("$rv", value, node)
        if self.uses_flags:
            self.env["$ret"] = self.b.const(True, bool_)

    def stmt_Break(self, node: ast.Break) -> None:
        self.env["$brk"] = self.b.const(True, bool_)

    def stmt_Continue(self, node: ast.Continue) -> None:
        self.env["$cont"] = self.b.const(True, bool_)

    def stmt_Assert(self, node: ast.Assert) -> None:
        raising.assert_statement(self, node)

    def stmt_Raise(self, node: ast.Raise) -> None:
        raising.raise_statement(self, node)

    def stmt_With(self, node: ast.With) -> None:
        from .objmode import with_statement  # with objmode(...)
        with_statement(self, node)

    def stmt_Try(self, node: ast.Try) -> None:
        from .trying import try_statement
        try_statement(self, node)

    # ---- if -------------------------------------------------------------

    def stmt_If(self, node: ast.If) -> None:
        test = self.expr(node.test)
        if isinstance(test, Const) and isinstance(test.value, bool):
            # known once typed (isinstance(x, np.ndarray), a.ndim == 2):
            # only the branch taken is typed and emitted
            taken = node.body if test.value else node.orelse
            self.block(taken)
            if self.always_escapes(taken):
                self.folded_leaving.add(id(node))
            return
        cond = self.truth_of(node.test, test)
        self.emit_if(cond, lambda: self.block(node.body),
                     lambda: self.block(node.orelse), [node],
                     (self.always_escapes(node.body),
                      self.always_escapes(node.orelse)))

    def leaves(self, st: ast.stmt) -> bool:
        """Whether `st` always leaves the block: a return, break, continue
        or raise, or an `if` folded to a branch that does."""
        return isinstance(st, (ast.Return, ast.Raise, ast.Break,
                               ast.Continue)) or id(st) in self.folded_leaving

    def always_escapes(self, body: Sequence[ast.stmt]) -> bool:
        """Whether a block always ends in return/raise/break/continue."""
        if not body:
            return False
        last = body[-1]
        if isinstance(last, (ast.Return, ast.Raise, ast.Break,
                             ast.Continue)):
            return True
        return isinstance(last, ast.If) and self.always_escapes(
            last.body) and self.always_escapes(last.orelse)

    def emit_if(self, cond: V, then_fn: Callable, else_fn: Callable,
                nodes: Sequence[ast.AST],
                escapes: Sequence[bool] = (False, False)) -> None:
        """scf.if whose results are the variables the branches change.

        A variable that only one branch defines stays undefined after the
        `if` (a later use is a TypingError), unless the other branch always
        leaves (return, break, ...), where a placeholder stands in.
        """
        env0 = dict(self.env)
        envs, bodies = [], []
        for fn in (then_fn, else_fn):
            self.env = dict(env0)
            _, lines = self.b.capture(fn)
            envs.append(self.env)
            bodies.append(lines)
        names = []
        for n in sorted(set(envs[0]) | set(envs[1])):
            if all(e.get(n) is env0.get(n) for e in envs):
                continue
            if n == "$cont" and "$cont" not in env0:
                continue
            if n not in env0 and not n.startswith("$") and \
                    not self.used_outside(n, nodes):
                continue
            if n not in self.vartypes:
                continue
            if n not in env0 and not n.startswith("$") and any(
                    n not in e and not esc for e, esc in zip(envs, escapes)):
                continue  # possibly undefined after the if
            names.append(n)
        types = [self.vartypes[n] for n in names]
        flat: List[V] = []
        for lines, env in zip(bodies, envs):
            self.b.push()
            self.b.stack[-1] = lines
            flat = []
            for n, t in zip(names, types):
                v = env.get(n)
                flat += self.carry_values(self.dummy(t, n) if v is None
                                          else v, t, n)
            if flat:
                self.b.emit(f"scf.yield {', '.join(v.name for v in flat)} :"
                            f" {', '.join(v.mt for v in flat)}")
            self.b.pop()
        self.env = env0
        results = self.emit_if_results(cond, bodies[0], bodies[1], types,
                                       flat)
        for n, r in zip(names, results):
            self.env[n] = r

    def emit_if_results(self, cond: V, then_lines: List[str],
                        else_lines: List[str], types: List[Any],
                        flat: List[V]) -> List[Any]:
        """Emit the scf.if; its results rebuilt as values of `types`."""
        b = self.b
        if not flat:
            bodies = [("", then_lines)]
            if else_lines:
                bodies.append(("} else {", else_lines))
            b.region(f"scf.if {cond}", bodies)
            return []
        name = b.fresh("if")
        mts = ", ".join(v.mt for v in flat)
        count = f":{len(flat)}" if len(flat) > 1 else ""
        b.region(f"{name}{count} = scf.if {cond} -> ({mts})",
                 [("", then_lines), ("} else {", else_lines)])
        vals = [V(name if len(flat) == 1 else f"{name}#{i}", v.ty, v.mt)
                for i, v in enumerate(flat)]
        it = iter(vals)
        return [unflatten(t, it) for t in types]
