"""Branch pruning: `if` statements and `x if c else y` expressions whose
condition is known at compile time keep only the branch taken, before the
function is typed (as Numba's dead-branch pruning).

A condition is known when it is built from constants, globals and closure
variables (not assigned in the function), and parameters bound to
constants (literal, None or left-out arguments) where no assignment can
have reached them yet, with `not`, `and`, `or` and comparisons; `p is
None` is known for every parameter not yet assigned (False unless `p` is
None), so the usual `if out is None: out = np.empty_like(a)` keeps only
the branch the call takes. The branch not taken is neither typed
nor emitted, so it may hold code that does not type for these arguments::

    >>> import ast
    >>> tree = ast.parse("def f(x):\\n    if FLAG:\\n        return x\\n"
    ...                  "    return -x\\n").body[0]
    >>> pruned = prune(tree, lambda name: (True, False))
    >>> ast.unparse(pruned)
    'def f(x):\\n    return -x'
    >>> tree = ast.parse("def f(x, out=None):\\n    if out is None:\\n"
    ...                  "        out = x\\n    if out is None:\\n"
    ...                  "        return 0\\n    return out\\n").body[0]
    >>> print(ast.unparse(prune(tree, lambda name: (name == "out", None))))
    def f(x, out=None):
        out = x
        if out is None:
            return 0
        return out
"""

from __future__ import annotations

import ast
import operator
from typing import Any, Callable, List, Tuple

__all__ = ["prune", "NOT_NONE"]

# (known, value) of a name, for the caller to decide (globals, closures,
# constant parameters).
Lookup = Callable[[str], Tuple[bool, Any]]

_SIMPLE = (bool, int, float, complex, str, type(None))

# What a lookup gives for a value known only not to be None (a parameter
# of an array or number type): `is None` and `is not None` decide on it,
# nothing else does.
NOT_NONE = type("NotNone", (), {"__repr__": lambda self: "NOT_NONE"})()

_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt,
            ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
            ast.Is: operator.is_, ast.IsNot: operator.is_not}

_ESCAPES = (ast.Return, ast.Raise, ast.Break, ast.Continue)


def prune(fdef: ast.FunctionDef, lookup: Lookup) -> ast.FunctionDef:
    """`fdef` with the statically decided branches resolved (its nested
    statements are rewritten in place)."""
    pruner = _Pruner(lookup)
    body = pruner.block(fdef.body)
    if not pruner.changed:
        return fdef
    new = ast.FunctionDef(name=fdef.name, args=fdef.args, body=body or
                          [ast.Pass()], decorator_list=fdef.decorator_list,
                          returns=fdef.returns, type_comment=None)
    ast.copy_location(new, fdef)
    new.end_lineno = getattr(fdef, "end_lineno", None)
    return ast.fix_missing_locations(new)


class _Pruner(ast.NodeTransformer):
    def __init__(self, lookup: Lookup) -> None:
        self.lookup = lookup
        self.changed = False
        self.assigned: set = set()  # names an assignment may have reached

    # ---- statements ---------------------------------------------------------

    def block(self, stmts: List[ast.stmt]) -> List[ast.stmt]:
        out: List[ast.stmt] = []
        for st in stmts:
            if isinstance(st, ast.If):
                known, value = self.static(st.test)
                if known:
                    self.changed = True
                    out.extend(self.block(st.body if value else st.orelse))
                    if out and isinstance(out[-1], _ESCAPES):
                        break  # the rest of the block is dead
                    continue
            if isinstance(st, (ast.For, ast.AsyncFor, ast.While)):
                self.assigned |= _stores(st)  # a later iteration sees them
            out.append(self.statement(st))
            self.assigned |= _stores(st)
            if isinstance(st, _ESCAPES):
                break
        return out

    def statement(self, st: ast.stmt) -> ast.stmt:
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(st, field, None)
            if isinstance(stmts, list) and stmts and \
                    isinstance(stmts[0], ast.stmt):
                setattr(st, field, self.block(stmts) or [ast.Pass()])
        for field, value in ast.iter_fields(st):
            if isinstance(value, ast.expr):
                setattr(st, field, self.visit(value))
        return st

    # ---- expressions ----------------------------------------------------------

    def visit_IfExp(self, node: ast.IfExp) -> Any:
        known, value = self.static(node.test)
        if known:
            self.changed = True
            return self.visit(node.body if value else node.orelse)
        return self.generic_visit(node)

    def visit_Lambda(self, node: ast.Lambda) -> Any:
        return node  # its own scope

    # ---- static values ----------------------------------------------------------

    def static(self, e: ast.expr) -> Tuple[bool, Any]:
        """(True, value) when `e` is known at compile time."""
        try:
            known, value = self._static(e)
        except Exception:  # e.g. comparing incomparable constants
            return False, None
        return (known, value) if known and isinstance(value, _SIMPLE) \
            else (False, None)

    def _static(self, e: ast.expr) -> Tuple[bool, Any]:
        if isinstance(e, ast.Constant):
            return True, e.value
        if isinstance(e, ast.Name):
            if e.id in self.assigned:
                return False, None
            return self.lookup(e.id)
        if isinstance(e, ast.UnaryOp) and isinstance(e.op, ast.Not):
            known, v = self._static(e.operand)
            if v is NOT_NONE:
                return False, None
            return known, (not v) if known else None
        if isinstance(e, ast.BoolOp):
            return self._boolop(e)
        if isinstance(e, ast.Compare):
            known, left = self._static(e.left)
            if not known:
                return False, None
            for op, right_node in zip(e.ops, e.comparators):
                fn = _COMPARE.get(type(op))
                known, right = self._static(right_node)
                if fn is None or not known or not _decides(op, left, right):
                    return False, None
                if not fn(left, right):
                    return True, False
                left = right
            return True, True
        return False, None

    def _boolop(self, e: ast.BoolOp) -> Tuple[bool, Any]:
        is_and = isinstance(e.op, ast.And)
        for v in e.values:
            known, value = self._static(v)
            if not known or value is NOT_NONE:
                return False, None
            if is_and and not value:
                return True, value
            if not is_and and value:
                return True, value
        return True, value


def _stores(st: ast.stmt) -> set:
    """Names a statement assigns (anywhere inside it)."""
    return {n.id for n in ast.walk(st)
            if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}


def _decides(op: ast.cmpop, left: Any, right: Any) -> bool:
    """Whether comparing known values decides: NOT_NONE only against None
    with `is` or `is not`."""
    if left is not NOT_NONE and right is not NOT_NONE:
        return True
    return isinstance(op, (ast.Is, ast.IsNot)) and (left is None or right is None)
