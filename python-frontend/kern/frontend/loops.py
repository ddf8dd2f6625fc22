"""Loops (a mixin of FunctionCompiler): while, for over range/prange,
over a 1-D array, over enumerate(array) and over a constant tuple.

    for i in range(a, b):        scf.for %i = %a to %b step %c1
                                     iter_args(<changed variables>)
    for ... with break/return:   scf.while (counter, variables, flags)
    while cond:                  scf.while
    for i in prange(n):          kern.prange ... reduce(add %s = ...)

In a prange body a variable from outside may only be updated as a
reduction: `s += e`, `s -= e`, `s *= e`, `s /= e`, `s = min(s, e)`,
`s = max(s, e)` (Numba's rule).
"""

from __future__ import annotations

import ast
import copy

import numpy as np
from typing import Any, Callable, List, Optional, Sequence

from ..types import bool_, int64
from . import (dicts, flatiter, generators, iterables, lists, ndloops,
               sequences, sets, strings)
from .builder import Const, GenVal, TupleVal, V, flatten, unflatten
from .interrupts import emit_interrupt_check, wants_check
from .loopelse import without_else
from .expressions import is_number
from .passes import Retry
from .statements import assigned_names, rebound_receivers, walk_local


class LoopMixin:
    """Loop emission; see the module docstring."""

    # ---- carried variables ------------------------------------------------

    def loop_names(self, node: ast.AST, body: Sequence[ast.stmt],
                   exclude: Sequence[str] = ()) -> List[str]:
        names = []
        candidates = assigned_names(body) | rebound_receivers(self, body)
        if isinstance(node, ast.For):  # a loop target used after the loop
            candidates |= {t.id for t in ast.walk(node.target)
                           if isinstance(t, ast.Name)}
        for n in sorted(candidates):
            if n in exclude or n == "$cont":
                continue
            if n not in self.env and not n.startswith("$") and \
                    not self.used_outside(n, [node]):
                continue
            if n not in self.vartypes:
                self.missing.add(n)
                self.changed = True
                continue
            if n == "$rv" and n not in self.env:
                self.env[n] = self.dummy(self.vartypes[n], n)
            names.append(n)
        return names

    def carried_values(self, names: List[str]) -> List[V]:
        """The current values of the carried variables, flattened: the
        initial values of a loop before it, what its body yields inside."""
        flat: List[V] = []
        for n in names:
            t = self.vartypes[n]
            v = self.env.get(n)
            flat += self.carry_values(self.dummy(t, n) if v is None else v,
                                      t, n)
        return flat

    def rebind_results(self, names: List[str], result: str,
                       flat: List[V], skip: int = 0) -> None:
        total = len(flat) + skip
        vals = [V(result if total == 1 else f"{result}#{i + skip}", v.ty,
                  v.mt) for i, v in enumerate(flat)]
        it = iter(vals)
        for n in names:
            self.env[n] = unflatten(self.vartypes[n], it)
            self.name_value(n, self.env[n])

    def unchanged(self, names: List[str], args: List[V]) -> List[str]:
        """Carried names whose value the body did not change."""
        from .builder import flat_types
        if sum(len(flat_types(self.vartypes[n])) for n in names) != len(args):
            # a carried variable changed its shape in the body (None became
            # Optional): the next pass carries the new type from the start
            raise Retry()
        out, it = [], iter(args)
        for n in names:
            mine = [next(it) for _ in flat_types(self.vartypes[n])]
            now = flatten(self.env[n]) if n in self.env else []
            if [x.name for x in now] == [x.name for x in mine]:
                out.append(n)
        return out

    def bind_list(self, names: List[str], args: List[V]) -> None:
        it = iter(args)
        for n in names:
            self.env[n] = unflatten(self.vartypes[n], it)
            self.name_value(n, self.env[n])

    # ---- while --------------------------------------------------------------

    def stmt_While(self, node: ast.While) -> None:
        if node.orelse:
            return self.block(self.without_else(node))
        if rebound_receivers(self, [ast.Expr(node.test)]):
            raise self.unsupported("a while condition that moves an "
                                   "iterator or instance on (call next() "
                                   "or the method in the loop body)", node)
        self.generic_loop(node, node.body, None, None, None,
                          lambda: self.truth_of(node.test))

    def generic_loop(self, node: ast.AST, body: Sequence[ast.stmt],
                     trip: Optional[V], setup: Optional[Callable],
                     target_names: Optional[List[str]],
                     test: Optional[Callable]) -> None:
        """scf.while over `test()` or over a counter k < trip (then
        setup(k) binds the loop target)."""
        has_brk = "$brk" in assigned_names(body) and any(
            isinstance(n, ast.Break) for n in walk_local(body, False))
        saved_brk = self.env.pop("$brk", None)
        if has_brk:
            self.env["$brk"] = self.b.const(False, bool_)
            self.vartypes["$brk"] = bool_
        self.emit_loop(self.loop_names(node, body, target_names or []),
                       lambda names: self._while_text(
                           node, body, trip, setup, test, names))
        self.env.pop("$brk", None)
        if saved_brk is not None:
            self.env["$brk"] = saved_brk

    def _while_text(self, node, body, trip, setup, test, names):
        """Emit the scf.while; return the names the body left unchanged."""
        b = self.b
        env0 = dict(self.env)
        init = ([b.index(0)] if trip is not None else [])
        init += self.carried_values(names)
        skip = 1 if trip is not None else 0
        res = b.fresh("w")
        b_args = [V(b.derived(res, f"b{i}"), v.ty, v.mt)
                  for i, v in enumerate(init)]
        a_args = [V(b.derived(res, f"a{i}"), v.ty, v.mt)
                  for i, v in enumerate(init)]
        mts = ", ".join(v.mt for v in init)

        def before() -> None:
            self.bind_list(names, b_args[skip:])
            if trip is not None:
                c = b.op(f"arith.cmpi slt, {b_args[0]}, {trip} : index", bool_)
            else:
                c = self.s.truth(test())
            run = self.running()
            if run is not None:
                c = b.op(f"arith.andi {c}, {run} : i1", bool_)
            tail = f" {', '.join(x.name for x in b_args)} : {mts}" if init \
                else ""
            b.emit(f"scf.condition({c}){tail}")

        def after() -> List[str]:
            self.env = dict(env0)
            self.bind_list(names, a_args[skip:])
            if "$cont" in assigned_names(body):
                self.env["$cont"] = b.const(False, bool_)
                self.vartypes["$cont"] = bool_
            if setup is not None:
                setup(a_args[0])
            if wants_check(self, node, body):
                emit_interrupt_check(self)
            self.block(body)
            drop = self.unchanged(names, a_args[skip:])
            out = self.carried_values(names)
            if trip is not None:
                one = b.index(1)
                out = [b.op(f"arith.addi {a_args[0]}, {one} : index", int64,
                            "index")] + out
            tail = f" {', '.join(x.name for x in out)} : {mts}" if out else ""
            b.emit(f"scf.yield{tail}")
            return drop

        self.env = dict(env0)
        _, before_lines = b.capture(before)
        drop, after_lines = b.capture(after)
        self.env = env0
        header = ", ".join(f"{a} = {v}" for a, v in zip(b_args, init))
        count = f":{len(init)}" if len(init) > 1 else ""
        if init:
            b.emit(f"{res}{count} = scf.while ({header}) : ({mts}) -> "
                   f"({mts}) {{")
        else:
            b.emit("scf.while : () -> () {")
        for line in before_lines:
            b.emit("  " + line)
        b.emit("} do {")
        b.emit(f"^bb0({', '.join(f'{a}: {a.mt}' for a in a_args)}):")
        for line in after_lines:
            b.emit("  " + line)
        b.emit("}")
        if init:
            self.rebind_results(names, res, init[skip:], skip)
        return drop

    # ---- for ----------------------------------------------------------------

    def stmt_For(self, node: ast.For) -> None:
        if node.orelse:
            return self.block(self.without_else(node))
        if generators.for_generator(self, node):  # (kern/frontend/generators.py)
            return
        it = node.iter
        if isinstance(it, ast.Call) and isinstance(it.func, ast.Attribute) \
                and it.func.attr in ("keys", "values", "items") and \
                not it.args:
            base = self.expr(it.func.value)
            if dicts.is_dict(base):
                return dicts.loop(self, node, base, it.func.attr)
        value = None
        head = self.expr(it.func.value) if isinstance(it, ast.Call) and \
            isinstance(it.func, ast.Attribute) else None
        if isinstance(head, V):  # a method of a value: for w in s.split()
            from .calls import value_method
            value = value_method(self, head, it)
        elif isinstance(it, ast.Call):
            fname = it.func.attr if isinstance(it.func, ast.Attribute) else \
                getattr(it.func, "id", None)
            callee = getattr(self.expr(it.func), "value", None)
            is_prange = fname == "prange" or getattr(
                callee, "__name__", "") == "prange"
            if is_prange or callee is range:
                args = sequences.range_args(self, it, node)
                if is_prange:
                    return self.prange(node, *args)
                return self.range_loop(node, *args)
            if callee is np.nditer:
                return flatiter.nditer_loop(self, node, it)
            if callee is np.ndindex or callee is np.ndenumerate:
                return ndloops.loop(self, node, it, callee is np.ndenumerate)
            if callee in (map, filter) and not it.keywords:
                return self.stmt_For(iterables.plain_loop(
                    self, node, it, callee.__name__))
            if callee is zip and not it.keywords:
                return sequences.zip_loop(self, node, it.args)
            if callee is reversed and len(it.args) == 1 and not it.keywords:
                return sequences.reversed_loop(self, node, it.args[0])
            if callee is enumerate and len(it.args) == 1 and \
                    not it.keywords and self.dict_view(it.args[0]):
                return self.block(self.counted_enumerate(node, it))
            if callee is enumerate and it.args and self.zips(it.args[0]):
                return self.stmt_For(self.enumerate_zip(node, it))
            if callee is enumerate and (len(it.args) == 2 or it.keywords):
                return self.stmt_For(self.enumerate_as_zip(node, it))
            if callee is enumerate:
                arr = self.expr(it.args[0])
                if isinstance(arr, (TupleVal, Const)):  # unrolled
                    items = arr.items if isinstance(arr, TupleVal) else [
                        Const(v) for v in arr.value]
                    return self.unrolled_loop(node, TupleVal(tuple(
                        TupleVal((Const(k), x)) for k, x in
                        enumerate(items))))
                if (lists.is_list(arr) or strings.is_text(arr)) and \
                        isinstance(node.target, ast.Tuple) and \
                        len(node.target.elts) == 2:
                    loop = lists.loop if lists.is_list(arr) else strings.loop
                    return loop(self, node, self.value(arr, node),
                                node.target.elts[1], node.target.elts[0])
                if flatiter.is_flat(arr) and isinstance(
                        node.target, ast.Tuple) and len(node.target.elts) == 2:
                    return flatiter.flat_loop(self, node, arr,
                                              node.target.elts[1],
                                              node.target.elts[0])
                if sets.is_set(arr) and isinstance(node.target, ast.Tuple) \
                        and len(node.target.elts) == 2:
                    return sets.loop(self, node, arr, node.target.elts[1],
                                     node.target.elts[0])
                if not self.is_array(arr) or not isinstance(
                        node.target, ast.Tuple) or len(node.target.elts) != 2:
                    raise self.unsupported("enumerate() over anything but an "
                                           "array, unpacked to (i, x)", node)
                return self.array_loop(node, arr, node.target.elts[1],
                                       node.target.elts[0])
        if value is None:
            value = self.expr(it)
        if isinstance(value, GenVal):  # returned by a call, say
            return generators.loop(self, node, value)
        if self.is_array(value):
            return self.array_loop(node, value, node.target, None)
        if flatiter.is_flat(value):
            return flatiter.flat_loop(self, node, value)
        if lists.is_list(value):
            return lists.loop(self, node, value, node.target, None)
        if strings.is_text(value):
            return strings.loop(self, node, self.value(value, node),
                                node.target)
        if dicts.is_dict(value):
            return dicts.loop(self, node, value, "keys")
        if sets.is_set(value):
            return sets.loop(self, node, value, node.target)
        if iterables_iterator(value):  # for v in iter(x), or a variable
            from .iterators import loop as iterator_loop
            return iterator_loop(self, node, value)
        if isinstance(value, (TupleVal, Const)) and isinstance(
                getattr(value, "items", getattr(value, "value", None)),
                tuple):
            return self.unrolled_loop(node, value)
        raise self.unsupported(f"iterating over {self.type_name(value)}",
                               node)

    def enumerate_args(self, node: ast.For, it: ast.Call) -> List[ast.expr]:
        """[iterable] or [iterable, start] of `enumerate(x, start)` (start
        positional or by keyword)."""
        args = list(it.args) + [k.value for k in it.keywords
                                if k.arg == "start"]
        if len(args) not in (1, 2) or any(k.arg != "start"
                                          for k in it.keywords):
            raise self.typing_error("enumerate() takes an iterable and a "
                                    "start", node)
        return args

    def enumerate_as_zip(self, node: ast.For, it: ast.Call) -> ast.For:
        """`for t in enumerate(x, start)` as `for t in zip(range(start,
        start + len(x)), x)`, x and start evaluated once (into `$` variables
        of this loop); the loop node is made once."""
        key = ("enumerate", id(node))
        args = self.enumerate_args(node, it)
        names = [f"$enum{id(node)}", f"$start{id(node)}"]
        self.assign_var(names[0], self.expr(args[0]), node)
        self.assign_var(names[1], self.expr(args[1]) if len(args) == 2
                        else Const(0), node)
        if key not in self.made_nodes:
            made = lambda tree: ast.fix_missing_locations(  # noqa: E731
                ast.copy_location(tree, it))
            fixed = lambda value: made(_fixed_name(value))  # noqa: E731
            ref = lambda k: made(ast.Name(names[k], ast.Load()))  # noqa: E731
            stop = made(ast.BinOp(ref(1), ast.Add(), made(ast.Call(
                fixed(len), [ref(0)], []))))
            zipped = made(ast.Call(fixed(zip), [made(ast.Call(
                fixed(range), [ref(1), stop], [])), ref(0)], []))
            self.made_nodes[key] = ast.copy_location(ast.For(
                target=node.target, iter=zipped, body=node.body,
                orelse=[], type_comment=None), node)
        return self.made_nodes[key]

    def zips(self, e: ast.expr) -> bool:
        """`e` is a call of zip() without keywords."""
        return isinstance(e, ast.Call) and not e.keywords and getattr(
            self.expr(e.func), "value", None) is zip

    def enumerate_zip(self, node: ast.For, it: ast.Call) -> ast.For:
        """`for i, (x, y) in enumerate(zip(a, b), start)` as `for i, x, y in
        zip(range(start, 2**63 - 1), a, b)` (zip stops at its shortest); a
        target `i, t` binds t = (x, y) first in the body. Made once."""
        key = ("enumerate-zip", id(node))
        if key in self.made_nodes:
            return self.made_nodes[key]
        inner, *starts = self.enumerate_args(node, it)
        made = lambda tree: ast.fix_missing_locations(  # noqa: E731
            ast.copy_location(tree, it))
        target, body = node.target, list(node.body)
        if not isinstance(target, ast.Tuple) or len(target.elts) != 2:
            raise self.unsupported("enumerate(zip(...)) not unpacked to "
                                   "(i, items)", node)
        index, items = target.elts
        if isinstance(items, ast.Tuple) and len(items.elts) == len(
                inner.args):
            leaves = list(items.elts)
        else:  # i, t: t is the tuple of the items
            names = [f"$zip{id(node)}_{k}" for k in range(len(inner.args))]
            leaves = [made(ast.Name(n, ast.Store())) for n in names]
            body.insert(0, ast.copy_location(ast.Assign(
                targets=[items], value=made(ast.Tuple(
                    [made(ast.Name(n, ast.Load())) for n in names],
                    ast.Load()))), node))
        counter = made(ast.Call(made(_fixed_name(range)), [
            starts[0] if starts else made(ast.Constant(0)),
            made(ast.Constant(2**63 - 1))], []))
        self.made_nodes[key] = ast.fix_missing_locations(ast.copy_location(
            ast.For(target=made(ast.Tuple([index] + leaves, ast.Store())),
                    iter=made(ast.Call(made(_fixed_name(zip)),
                                       [counter] + list(inner.args), [])),
                    body=body, orelse=list(node.orelse), type_comment=None),
            node))
        return self.made_nodes[key]

    def target_name(self, target: ast.expr, node: ast.AST) -> str:
        if not isinstance(target, ast.Name):
            raise self.unsupported(f"loop target {self.src(target)}", node)
        return target.id

    def array_loop(self, node: ast.For, arr: V, target: ast.expr,
                   index_target: Optional[ast.expr]) -> None:
        if arr.ty.ndim == 0:  # NumPy's TypeError
            raise self.typing_error("iteration over a 0-d array", node)
        n = self.s.from_index(self.arr.dim(arr, 0))
        name = self.target_name(target, node)
        iname = None if index_target is None else self.target_name(
            index_target, node)

        def bind(i: V) -> None:
            if iname is not None:
                self.assign_var(iname, i, node)
            elem = self.arr.load(arr, [self.s.to_index(i)]) if \
                arr.ty.ndim == 1 else self.arr.view(arr, [("int", i)])
            self.assign_var(name, elem, node)

        targets = [name] + ([iname] if iname else [])
        self.counted_loop(node, Const(0), n, Const(1), bind, targets)

    def unrolled_loop(self, node: ast.For, value: Any) -> None:
        if any(isinstance(n, (ast.Break, ast.Continue))
               for n in walk_local(node.body, False)):
            if not self.homogeneous(value):
                raise self.unsupported("break/continue in a loop over a "
                                       "tuple of items of several types",
                                       node)
            return self.indexed_loop(node, value)
        items = value.items if isinstance(value, TupleVal) else [
            Const(v) for v in value.value]
        name = getattr(node.target, "id", None)
        if name is None or self.used_outside(name, [node]):
            for item in items:
                self.assign_target(node.target, item, node)
                self.block(node.body)
            return
        for k, item in enumerate(items):  # the target a variable per item,
            own = f"{name}${k}"            # of the item's type (literal_unroll)
            self.assign_var(own, item, node)
            self.block(self.unrolled_body(node, k, name, own))

    def dict_view(self, arg: ast.expr) -> bool:
        """`d.items()`, `d.keys()`, `d.values()` or `d` of a dict `d`."""
        if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) \
                and arg.func.attr in ("items", "keys", "values") and \
                not arg.args and not arg.keywords:
            arg = arg.func.value
        return isinstance(arg, ast.Name) and dicts.is_dict(self.expr(arg))

    def counted_enumerate(self, node: ast.For, it: ast.Call
                          ) -> List[ast.stmt]:
        """`for i, x in enumerate(view): body` as `$n = 0; for x in view:
        i = $n; $n += 1; body` (made once)."""
        key = ("enumerate", id(node))
        if key not in self.made_nodes:
            if not (isinstance(node.target, ast.Tuple) and
                    len(node.target.elts) == 2):
                raise self.unsupported("enumerate() of a dict not unpacked "
                                       "to (i, x)", node)
            count = f"$enum{node.lineno}_{node.col_offset}"
            index, item = node.target.elts
            body = [ast.Assign(targets=[index], value=ast.Name(count,
                                                               ast.Load())),
                    ast.AugAssign(target=ast.Name(count, ast.Store()),
                                  op=ast.Add(), value=ast.Constant(1))]
            loop = ast.For(target=item, iter=it.args[0], body=body +
                           node.body, orelse=[], type_comment=None)
            start = ast.Assign(targets=[ast.Name(count, ast.Store())],
                               value=ast.Constant(0))
            self.made_nodes[key] = [ast.fix_missing_locations(
                ast.copy_location(st, node)) for st in (start, loop)]
        return self.made_nodes[key]

    def without_else(self, node: Any) -> List[ast.stmt]:
        """The loop `node` with an else block as plain statements
        (frontend/loopelse.py), made once: later passes see the same
        nodes (generators inlined into it are keyed on them)."""
        key = ("no-else", id(node))
        if key not in self.made_nodes:
            self.made_nodes[key] = without_else(node)
        return self.made_nodes[key]

    def homogeneous(self, value: Any) -> bool:
        """A tuple whose items have one type (indexable at run time)."""
        if isinstance(value, Const):
            kinds = {type(v) for v in value.value}
            return len(kinds) == 1 and kinds <= {int, float, bool, complex}
        kinds = {getattr(x, "ty", None) for x in value.items}
        return len(kinds) == 1 and None not in kinds and not any(
            isinstance(x, Const) for x in value.items)

    def indexed_loop(self, node: ast.For, value: Any) -> None:
        """`for x in t` over a tuple of one item type as a counted loop,
        `x = t[k]` (where break and continue work as in any loop)."""
        key = ("indexed", id(node))
        tup, k = f"$tuple{node.lineno}_{node.col_offset}", \
            f"$k{node.lineno}_{node.col_offset}"
        if key not in self.made_nodes:
            get = ast.Assign(targets=[node.target], value=ast.Subscript(
                value=ast.Name(tup, ast.Load()), slice=ast.Name(k, ast.Load()),
                ctx=ast.Load()))
            count = ast.Constant(len(value.value) if isinstance(
                value, Const) else len(value.items))
            loop = ast.For(target=ast.Name(k, ast.Store()), iter=ast.Call(
                func=ast.Name("range", ast.Load()), args=[count],
                keywords=[]), body=[get] + node.body, orelse=[],
                type_comment=None)
            self.made_nodes[key] = ast.fix_missing_locations(
                ast.copy_location(loop, node))
        self.assign_var(tup, value, node)
        self.stmt_For(self.made_nodes[key])

    def unrolled_body(self, node: ast.For, k: int, name: str,
                      own: str) -> List[ast.stmt]:
        """The body of loop `node` for its item k, `name` renamed `own`
        (made once: later passes see the same nodes)."""
        key = ("unrolled", id(node), k)
        if key not in self.made_nodes:
            body = [copy.deepcopy(st) for st in node.body]
            for st in body:
                for n in ast.walk(st):
                    if isinstance(n, ast.Name) and n.id == name:
                        n.id = own
            self.made_nodes[key] = body
        return self.made_nodes[key]

    def range_loop(self, node: ast.For, start: Any, stop: Any,
                   step: Any) -> None:
        name = self.target_name(node.target, node)
        self.counted_loop(node, start, stop, step,
                          lambda i: self.assign_var(name, i, node), [name])

    def counted_loop(self, node: ast.For, start: Any, stop: Any, step: Any,
                     bind: Callable[[V], None], targets: List[str]) -> None:
        """A loop over range(start, stop, step); bind(i) sets the target.

        A loop target used after the loop is carried (its last value, as
        in Python); otherwise it is local to the loop.
        """
        local = [t for t in targets if not self.used_outside(t, [node])]
        self._counted_loop(node, start, stop, step, bind, local)
        for t in local:
            self.env.pop(t, None)

    def _counted_loop(self, node: ast.For, start: Any, stop: Any, step: Any,
                      bind: Callable[[V], None], targets: List[str]) -> None:
        s, b = self.s, self.b
        for x in (start, stop, step):
            if self.scalar(node, x).ty.kind not in "iub":
                raise self.typing_error(f"range() arguments must be "
                                        f"integers, got "
                                        f"{self.scalar(node, x).ty}", node)
        start_v = s.cast(self.scalar(node, start), int64)
        stop_v = s.cast(self.scalar(node, stop), int64)
        escapes = any(isinstance(n, (ast.Break, ast.Return))
                      for n in walk_local(node.body, False)) or any(
            isinstance(n, ast.Return) for n in walk_local(node.body))
        const_step = step.value if is_number(step) and isinstance(
            step.value, int) else None
        if const_step == 0:
            raise self.typing_error("range() arg 3 must not be zero", node)
        if const_step is not None and const_step > 0 and not escapes:
            lb, ub = s.to_index(start_v), s.to_index(stop_v)
            st = b.index(const_step)
            nonneg = is_number(start) and start.value >= 0

            def bind_iv(iv: V) -> None:
                v = s.from_index(iv)
                if nonneg:
                    self.arr.nonneg.add(v.name)
                bind(v)

            return self.for_loop(node, lb, ub, st, bind_iv, targets)
        step_v = s.cast(self.scalar(node, step), int64)
        if const_step is None:
            zero = b.const(0, int64)
            isz = b.op(f"arith.cmpi eq, {step_v}, {zero} : i64", bool_)
            s.raise_if(isz, "ValueError", "range() arg 3 must not be zero")
        trip = self.trip_count(start_v, stop_v, step_v)

        def at(k: V) -> None:
            k64 = s.from_index(k)
            off = b.op(f"arith.muli {k64}, {step_v} : i64", int64)
            bind(b.op(f"arith.addi {start_v}, {off} : i64", int64))

        if escapes:
            return self.generic_loop(node, node.body, s.to_index(trip), at,
                                     targets, None)
        c0, c1 = b.index(0), b.index(1)
        self.for_loop(node, c0, s.to_index(trip), c1, at, targets)

    def trip_count(self, start: V, stop: V, step: V) -> V:
        """len(range(start, stop, step)) for a nonzero step."""
        b = self.b
        zero = b.const(0, int64)
        span = b.op(f"arith.subi {stop}, {start} : i64", int64)
        n = b.op(f"arith.ceildivsi {span}, {step} : i64", int64)
        return b.op(f"arith.maxsi {n}, {zero} : i64", int64)

    def for_loop(self, node: ast.For, lb: V, ub: V, step: V,
                 bind: Callable[[V], None], targets: List[str]) -> None:
        self.emit_loop(self.loop_names(node, node.body, targets),
                       lambda names: self._for_text(
                           node, lb, ub, step, bind, names))

    def emit_loop(self, names: List[str],
                  text: Callable[[List[str]], Any]) -> None:
        """Emits the loop `text(names)` carrying the variables `names`; when
        the body leaves some of them unchanged (text returns those), emits
        it once more without carrying them."""
        for attempt in range(2):
            env0 = dict(self.env)
            drop, lines = self.b.capture(lambda: text(names))
            if not drop or attempt == 1:
                break
            self.env = env0
            names = [n for n in names if n not in drop]
        for line in lines:
            self.b.emit(line)

    def _for_text(self, node, lb, ub, step, bind, names):
        """Emit the scf.for; return the names the body left unchanged."""
        b = self.b
        env0 = dict(self.env)
        init = self.carried_values(names)
        res = b.fresh("for")
        iv = V(b.derived(res, "i"), int64, "index")
        mts = ", ".join(v.mt for v in init)
        args = [V(b.derived(res, f"a{i}"), v.ty, v.mt)
                for i, v in enumerate(init)]

        def body() -> List[str]:
            self.env = dict(env0)
            self.bind_list(names, args)
            if "$cont" in assigned_names(node.body):
                self.env["$cont"] = b.const(False, bool_)
                self.vartypes["$cont"] = bool_
            bind(iv)
            if wants_check(self, node, node.body):
                emit_interrupt_check(self)
            self.block(node.body)
            drop = self.unchanged(names, args)
            out = self.carried_values(names)
            if out:
                b.emit(f"scf.yield {', '.join(x.name for x in out)} : {mts}")
            return drop

        drop, lines = b.capture(body)
        self.env = env0
        if init:
            iters = ", ".join(f"{a} = {v}" for a, v in zip(args, init))
            count = f":{len(init)}" if len(init) > 1 else ""
            b.emit(f"{res}{count} = scf.for {iv} = {lb} to {ub} step {step} "
                   f"iter_args({iters}) -> ({mts}) {{")
            self.rebind_results(names, res, init)
        else:
            b.emit(f"scf.for {iv} = {lb} to {ub} step {step} {{")
        for line in lines:
            b.emit("  " + line)
        b.emit("}")
        return drop


def iterables_iterator(value: Any) -> bool:
    """Whether `value` is what iter() makes (frontend/iterators.py)."""
    return isinstance(value, TupleVal) and getattr(
        value.cls, "_kern_iterator", False) is True


def _fixed_name(value: Any) -> ast.Name:
    """A name kern made that means `value` (expr_Name reads kern_value)."""
    n = ast.Name(getattr(value, "__name__", "kern_name"), ast.Load())
    n.kern_value = value
    return n
