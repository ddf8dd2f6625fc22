"""`prange` loops (a mixin of FunctionCompiler) → kern.prange.

    s = 0.0
    for i in prange(n):          %s = kern.prange %i = %c0 to %n step %c1
        s += x[i]                    reduce(add %acc = %s0 : f64) { ... }

A variable assigned before the loop and updated in the body must be a
reduction: `s += e` / `s -= e` (add), `s *= e` / `s /= e` (mul),
`s = min(s, e)` (min), `s = max(s, e)` (max). Anything else is a
TypingError, as in Numba.
"""

from __future__ import annotations

import ast
import warnings
from typing import Any, List

from ..diagnostics import ParallelWarning
from ..types import Array, Scalar, int64
from .builder import V
from .expressions import is_number
from .interrupts import emit_parallel_interrupt, prange_wants_check
from .statements import assigned_names, rebound_receivers, walk_local

_AUG_KINDS = {ast.Add: "add", ast.Sub: "add", ast.Mult: "mul",
              ast.Div: "mul"}


class ParallelMixin:
    """kern.prange emission."""

    def reduction_kind(self, name: str, body: List[ast.stmt]) -> str:
        kinds = set()
        for n in walk_local(body):
            if isinstance(n, ast.AugAssign) and isinstance(
                    n.target, ast.Name) and n.target.id == name:
                kind = _AUG_KINDS.get(type(n.op))
                if kind is None:
                    raise self.typing_error(
                        f"'{name}' is updated with "
                        f"{type(n.op).__name__} in a prange loop; only +=, "
                        f"-=, *=, /=, min and max are reductions", n)
                kinds.add(kind)
            elif isinstance(n, (ast.Assign, ast.AnnAssign)):
                targets = n.targets if isinstance(n, ast.Assign) else \
                    [n.target]
                names = {t.id for tgt in targets for t in ast.walk(tgt)
                         if isinstance(t, ast.Name)}
                if name not in names:
                    continue
                v = n.value
                ok = (len(targets) == 1 and isinstance(targets[0], ast.Name)
                      and isinstance(v, ast.Call) and
                      isinstance(v.func, ast.Name) and
                      v.func.id in ("min", "max") and len(v.args) == 2 and
                      any(isinstance(a, ast.Name) and a.id == name
                          for a in v.args))
                if not ok:
                    raise self.typing_error(
                        f"variable '{name}' is assigned in a prange loop "
                        f"but is not a reduction: in a parallel loop a "
                        f"variable from outside may only be updated with "
                        f"+=, -=, *=, /=, '{name} = min({name}, ...)' or "
                        f"'{name} = max({name}, ...)'", n)
                kinds.add(v.func.id)
        if len(kinds) != 1:
            raise self.typing_error(f"reduction variable '{name}' is "
                                    f"updated with different operations "
                                    f"({', '.join(sorted(kinds))}) in a "
                                    f"prange loop", body[0])
        return kinds.pop()

    def interruptible_body(self, node: ast.For, reds: List[Any],
                           args: List[V]) -> List[V]:
        """A prange body that runs loops, skipped once Ctrl-C is pending
        (frontend/interrupts.py): `scf.if pending { record } else { body }`,
        the reductions' values passed through a skipped iteration."""
        s, b = self.s, self.b
        pending, record = emit_parallel_interrupt(self)
        env0 = dict(self.env)

        def run() -> List[V]:
            self.block(node.body)
            outs = [s.cast(self.value(self.env[n], node), self.vartypes[n])
                    for n, _ in reds]
            if outs:
                b.emit(f"scf.yield {', '.join(o.name for o in outs)} : "
                       f"{', '.join(o.mt for o in outs)}")
            return outs
        outs, lines = b.capture(run)
        self.env = env0
        skip = record + [f"scf.yield {', '.join(a.name for a in args)} : "
                f"{', '.join(a.mt for a in args)}"] if args else []
        res = b.fresh("iter")
        count = f":{len(args)}" if len(args) > 1 else ""
        head = f"scf.if {pending}"
        if args:
            head = f"{res}{count} = {head} -> " \
                f"({', '.join(a.mt for a in args)})"
        b.region(head, [("", skip), ("} else {", lines)])
        return [V(res if len(args) == 1 else f"{res}#{k}", o.ty, o.mt)
                for k, o in enumerate(outs)]

    def updates_in_place(self, name: str, body: List[ast.stmt]) -> bool:
        """Whether the array variable `name` is only updated by `name op=
        ...` in `body` (an array reduction: `acc += X[i]`)."""
        stores = [n for n in walk_local(body) if isinstance(n, ast.Name)
                  and n.id == name and isinstance(n.ctx, ast.Store)]
        augmented = [n for n in walk_local(body) if isinstance(
            n, ast.AugAssign) and isinstance(n.target, ast.Name) and
            n.target.id == name and isinstance(n.op, (ast.Add, ast.Sub,
                                                      ast.Mult))]
        return bool(augmented) and len(stores) == len(augmented)

    def sequential_prange(self, node: ast.For, start: Any, stop: Any,
                          step: Any, name: str) -> None:
        """A prange loop reducing into the array `name` (`acc += X[i]`),
        run as a sequential loop updating it in place (Python's meaning),
        with a ParallelWarning: kern's parallel reductions are of
        scalars."""
        if self.module.parallel and not self.probing:
            warnings.warn_explicit(
                f"prange loop runs sequentially: '{name}' is an array "
                f"reduction (kern runs reductions of scalars in parallel)",
                ParallelWarning, self.filename,
                node.lineno + self.line_offset, module="kern")
        self.range_loop(node, start, stop, step)

    def prange(self, node: ast.For, start: Any, stop: Any,
               step: Any) -> None:
        if any(isinstance(n, (ast.Break, ast.Return))
               for n in walk_local(node.body)):
            raise self.unsupported("break or return inside a prange loop",
                                   node)
        for n in walk_local(node.body):
            if isinstance(n, ast.Try):
                raise self.unsupported("try inside a prange loop (call a "
                                       "function that has the try)", n)
        if not (is_number(step) and isinstance(step.value, int) and
                step.value > 0):
            raise self.unsupported("prange with a step that is not a "
                                   "positive constant", node)
        name = self.target_name(node.target, node)
        s, b = self.s, self.b
        lb = s.to_index(s.cast(self.scalar(node, start), int64))
        ub = s.to_index(s.cast(self.scalar(node, stop), int64))
        st = b.index(step.value)
        reds = []
        for n in sorted(assigned_names(node.body) |
                        rebound_receivers(self, node.body)):
            if n.startswith("$") or n == name or n not in self.env:
                if not n.startswith("$") and n != name and n not in \
                        self.env and self.used_outside(n, [node]):
                    raise self.typing_error(
                        f"variable '{n}' is first assigned inside a prange "
                        f"loop and used after it (its value would depend on "
                        f"the order of the iterations)", node)
                continue
            t = self.vartypes.get(n)
            if isinstance(t, Array) and self.updates_in_place(n, node.body):
                return self.sequential_prange(node, start, stop, step, n)
            if not isinstance(t, Scalar):
                raise self.typing_error(f"variable '{n}' of type {t} is "
                                        f"re-assigned in a prange loop", node)
            reds.append((n, self.reduction_kind(n, node.body)))
        for n, kind in reds:
            if kind in ("min", "max") and self.vartypes[n].kind == "c":
                raise self.typing_error(f"{kind} reduction of complex "
                                        f"'{n}'", node)
        env0 = dict(self.env)
        inits = [s.cast(self.value(self.env[n], node), self.vartypes[n])
                 for n, _ in reds]
        res = b.fresh("par")
        iv = V(b.derived(res, "i"), int64, "index")
        args = [V(b.derived(res, f"r{k}"), v.ty, v.mt)
                for k, v in enumerate(inits)]

        def body() -> None:
            self.env = dict(env0)
            self.reduction_vars = {n for n, _ in reds}
            for (n, _), a in zip(reds, args):
                self.env[n] = a
            iv64 = s.from_index(iv)
            if is_number(start) and start.value >= 0:
                self.arr.nonneg.add(iv64.name)
            self.assign_var(name, iv64, node)
            if prange_wants_check(self, node.body):
                outs = self.interruptible_body(node, reds, args)
            else:
                self.block(node.body)
                outs = [s.cast(self.value(self.env[n], node),
                               self.vartypes[n]) for n, _ in reds]
            tail = ""
            if outs:
                tail = (f" {', '.join(o.name for o in outs)} : "
                        f"{', '.join(o.mt for o in outs)}")
            b.emit(f"kern.yield{tail}")

        outer, outer_in = self.reduction_vars, self.__dict__.get("in_prange")
        self.in_prange = True  # (frontend/trying.py: no cells written)
        try:
            _, lines = b.capture(body)
        finally:
            self.reduction_vars, self.in_prange = outer, outer_in
        self.env = env0
        red_text = ""
        if reds:
            red_text = " reduce(" + ", ".join(
                f"{k} {a} = {v} : {v.mt}"
                for (_, k), a, v in zip(reds, args, inits)) + ")"
        count = f":{len(reds)}" if len(reds) > 1 else ""
        head = f"kern.prange {iv} = {lb} to {ub} step {st}{red_text} {{"
        if reds:
            head = f"{res}{count} = " + head
        b.emit(head)
        for line in lines:
            b.emit("  " + line)
        types = ", ".join(v.mt for v in inits)
        b.emit("}" + (f" : {types}" if reds else ""))
        for k, ((n, _), v) in enumerate(zip(reds, inits)):
            self.env[n] = V(res if len(reds) == 1 else f"{res}#{k}", v.ty,
                            v.mt)
        if self.__dict__.get("try_frames"):  # inside a try body
            from .trying import after_prange
            after_prange(self, [n for n, _ in reds])
        self.env.pop(name, None)
