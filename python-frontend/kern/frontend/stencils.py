"""The code behind `@kern.stencil` (kern/stencil.py): the kernel's AST
with relative indexes made absolute, and the generated driver, a loop nest
over the array that kern compiles like any function.

    >>> from kern.frontend.stencils import StencilCode
    >>> def diff(a):
    ...     return a[1] - a[0]
    >>> code = StencilCode(diff, {})
    >>> ast.unparse(code.kernel(1).fdef).splitlines()[-1]
    '    return a[1 + index0] - a[0 + index0]'
    >>> code.kernel(1).neighborhood
    ((0, 1),)
"""

from __future__ import annotations

import ast
import copy
import math
from typing import Any, Callable, Dict, List, NamedTuple, Optional, Tuple

from ..errors import TypingError
from ..types import Array, Scalar, Type
from .source import (function_namespace, made_function, parse_function,
                       source_lines)

__all__ = ["Compiler", "Kernel", "StencilCode"]


class Kernel(NamedTuple):
    """The kernel rewritten for `ndim` dimensions."""

    fdef: ast.FunctionDef          # index parameters first, then the kernel's
    index_names: List[str]
    neighborhood: Tuple[Tuple[Any, Any], ...]
    relative: List[str]            # the arrays indexed relatively
    inline: bool                   # the body ends with its only return


class Compiler(NamedTuple):
    """What the driver needs from the layers above (kern/stencil.py)."""

    compiled: Callable[[Any], Any]   # a function -> its @kern.njit
    result_type: Callable[[Any, Tuple[Type, ...]], Optional[Type]]


class StencilCode:
    """One stencil kernel's source, its rewritten forms per number of
    dimensions and the checks of its options."""

    def __init__(self, py_func: Any, options: Dict[str, Any]) -> None:
        self.py_func = py_func
        self.options = options
        self.qualname = py_func.__qualname__
        self.fdef, self.filename, self.offset = parse_function(py_func)
        self.source_lines = source_lines(py_func)
        nb = options.get("neighborhood")
        self.given = None if nb is None else tuple(tuple(p) for p in nb)
        self.neighborhood = self.given
        self._kernels: Dict[int, Kernel] = {}
        self._check_options()

    def error(self, message: str, node: Optional[ast.AST] = None) -> TypingError:
        line = getattr(node if node is not None else self.fdef, "lineno", None)
        src = ""
        if line is not None and 0 < line <= len(self.source_lines):
            src = "\n    " + self.source_lines[line - 1].strip()
        return TypingError(f"stencil '{self.qualname}': {message}{src}",
                           self.filename,
                           None if line is None else line + self.offset)

    def _check_options(self) -> None:
        params = [a.arg for a in self.fdef.args.args]
        if not params:
            raise self.error("a stencil kernel takes the input array as its "
                             "first argument")
        standard = list(self.options.get("standard_indexing", ()))
        if params[0] in standard:
            raise self.error("The first argument to a stencil kernel must "
                             "use relative indexing, not standard indexing.")
        if set(standard) - set(params):
            raise self.error("Standard indexing requested for an array name "
                             "not present in the stencil kernel definition.")
        if "out" in params:
            raise self.error("Cannot use the reserved word 'out' in stencil "
                             "kernels.")

    def kernel(self, ndim: int) -> Kernel:
        """The kernel rewritten for `ndim` dimensions (once per ndim)."""
        k = self._kernels.get(ndim)
        if k is None:
            k = self._kernels[ndim] = _Rewriter(self, ndim).kernel()
            if self.neighborhood is None:
                self.neighborhood = k.neighborhood
        return k

    def driver(self, types: Tuple[Type, ...], out_type: Optional[Type],
               compiler: "Compiler") -> Any:
        """The driver function for `types` (and an `out` of `out_type`)."""
        return _Driver(self, types, out_type, compiler).function()


# ---------------------------------------------------------------------------
# Rewriting relative indexes
# ---------------------------------------------------------------------------

class _Rewriter(ast.NodeTransformer):
    """`a[e0, e1]` -> `a[e0 + i0, e1 + i1]` for each relatively indexed
    argument; records the neighbourhood from constant indexes."""

    def __init__(self, st: StencilCode, ndim: int) -> None:
        self.st, self.ndim = st, ndim
        params = [a.arg for a in st.fdef.args.args]
        standard = set(st.options.get("standard_indexing", ()))
        self.arrays = [p for p in params if p not in standard]
        taken = {n.id for n in ast.walk(st.fdef) if isinstance(n, ast.Name)}
        self.index_names = [fresh(f"index{d}", taken) for d in range(ndim)]
        self.lo = [0] * ndim
        self.hi = [0] * ndim
        self.relative: List[str] = []
        self.given = st.given
        if self.given is not None and len(self.given) != ndim:
            raise st.error(f"{len(self.given)} dimensional neighborhood "
                           f"specified for {ndim} dimensional input array")

    def kernel(self) -> Kernel:
        fdef = copy.deepcopy(self.st.fdef)
        fdef.body = [self.visit(s) for s in fdef.body]
        if not self.relative and self.given is None:
            raise self.st.error("Stencil kernel with no accesses to "
                                "relatively indexed arrays.")
        index_args = [ast.arg(arg=n) for n in self.index_names]
        for a in index_args:
            ast.copy_location(a, fdef)
        fdef.args.args = index_args + fdef.args.args
        fdef = ast.fix_missing_locations(fdef)
        nb = self.given if self.given is not None else tuple(
            zip(self.lo, self.hi))
        return Kernel(fdef, self.index_names, tuple(nb), self.relative,
                      _tail_return_only(fdef.body))

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        name = node.value.id if isinstance(node.value, ast.Name) else None
        if name not in self.arrays:
            return self.generic_visit(node)
        if not isinstance(node.ctx, ast.Load):
            raise self.st.error("Assignments to arrays passed to stencil "
                                "kernels is not allowed.", node)
        if name not in self.relative:
            self.relative.append(name)
        index = self.visit(node.slice)
        items = list(index.elts) if isinstance(index, ast.Tuple) else [index]
        if len(items) != self.ndim:
            raise self.st.error("Stencil index does not match array "
                                "dimensionality.", node)
        shifted = [self.shift(e, d, node) for d, e in enumerate(items)]
        new_index = shifted[0] if len(shifted) == 1 else \
            ast.Tuple(elts=shifted, ctx=ast.Load())
        out = ast.Subscript(value=node.value, slice=new_index, ctx=node.ctx)
        return ast.fix_missing_locations(ast.copy_location(out, node))

    def shift(self, e: ast.expr, d: int, node: ast.AST) -> ast.expr:
        """The index expression `e` of dimension `d`, plus that dimension's
        index variable."""
        i = ast.Name(id=self.index_names[d], ctx=ast.Load())
        if isinstance(e, ast.Slice):
            if e.lower is None or e.upper is None or e.step is not None:
                raise self.st.error("a relative slice needs a start and a "
                                    "stop and no step", node)
            self.note(None, d, node)
            return ast.Slice(lower=_plus(e.lower, i), upper=_plus(e.upper, i))
        self.note(self.constant(e), d, node)
        return _plus(e, i)

    def note(self, value: Optional[int], d: int, node: ast.AST) -> None:
        if self.given is not None:
            return
        if value is None:
            raise self.st.error("stencil kernel index is not constant, "
                                "'neighborhood' option required", node)
        self.lo[d] = min(self.lo[d], value)
        self.hi[d] = max(self.hi[d], value)

    def constant(self, e: ast.expr) -> Optional[int]:
        """The value of an integer index known at compile time."""
        if isinstance(e, ast.Constant):
            v = e.value
        elif isinstance(e, ast.UnaryOp) and isinstance(e.op, (ast.USub, ast.UAdd)):
            v = self.constant(e.operand)
            return None if v is None else -v if isinstance(e.op, ast.USub) else v
        elif isinstance(e, ast.Name):
            v = _global(self.st.py_func, e.id)
        else:
            return None
        return v if isinstance(v, int) and not isinstance(v, bool) else None


def _plus(e: ast.expr, i: ast.Name) -> ast.expr:
    out = ast.BinOp(left=e, op=ast.Add(), right=copy.copy(i))
    return ast.fix_missing_locations(ast.copy_location(out, e))


def _tail_return_only(body: List[ast.stmt]) -> bool:
    """Whether `body` ends with `return value` and has no other return."""
    if not body or not isinstance(body[-1], ast.Return) or body[-1].value is None:
        return False
    return not any(isinstance(n, (ast.Return, ast.FunctionDef, ast.Lambda))
                   for s in body[:-1] for n in ast.walk(s))


def _global(func: Any, name: str) -> Any:
    code = func.__code__
    if func.__closure__ and name in code.co_freevars:
        try:
            return func.__closure__[code.co_freevars.index(name)].cell_contents
        except ValueError:
            return None
    return func.__globals__.get(name)


def fresh(base: str, taken: set) -> str:
    """`base`, or `base_1`, `base_2`...: a name not in `taken` (added)."""
    name, k = base, 1
    while name in taken:
        name, k = f"{base}_{k}", k + 1
    taken.add(name)
    return name


# ---------------------------------------------------------------------------
# The driver
# ---------------------------------------------------------------------------

class _Driver:
    """Generates the loop nest applying one stencil to one set of argument
    types."""

    def __init__(self, st: StencilCode, types: Tuple[Type, ...],
                 out_type: Optional[Type], compiler: Compiler) -> None:
        self.st, self.types, self.out_type = st, types, out_type
        self.compiler = compiler
        params = [a.arg for a in st.fdef.args.args]
        if len(types) != len(params):
            raise st.error(f"takes {len(params)} arguments, got {len(types)}")
        first = types[0]
        if not isinstance(first, Array):
            raise st.error("The first argument to a stencil kernel must be "
                           "the primary input array.")
        self.params, self.ndim = params, first.ndim
        self.k = st.kernel(first.ndim)
        for name in self.k.relative[1:] if self.k.relative else ():
            t = types[params.index(name)]
            if not isinstance(t, Array) or t.ndim != first.ndim:
                raise st.error("Secondary stencil array does not have same "
                               "number of dimensions as the first stencil "
                               "input.")
        self.taken = {n.id for n in ast.walk(self.k.fdef)
                      if isinstance(n, ast.Name)} | set(params) | set(
                          self.k.index_names)
        self.ns = function_namespace(st.py_func)

    def function(self) -> Any:
        rt = self.result_type()
        dtype = rt.np.type
        name = f"{self.st.qualname}__stencil"
        g = {k: fresh(f"__kern_{k}", self.taken)
             for k in ("np", "prange", "kernel", "dtype", "cval", "shape",
                       "out")}
        self.ns.update({g["np"]: _numpy(), g["prange"]: _prange(),
                        g["dtype"]: dtype})
        cval = self.cval(rt)
        self.ns[g["cval"]] = cval
        out, shape = g["out"], g["shape"]
        lines = [f"def {fresh('stencil', set(self.params))}("
                 f"{', '.join(self.params + ([out] if self.out_type else []))}):",
                 f"    {shape} = {self.params[0]}.shape"]
        lines += self.size_checks(shape, out)
        if self.out_type is None:
            lines.append(f"    {out} = {g['np']}.empty({shape}, "
                         f"dtype={g['dtype']})")
            lines += self.border(out, shape, g["cval"])
        elif "cval" in self.st.options:
            lines.append(f"    {out}[{', '.join([':'] * self.ndim)}] = "
                         f"{g['cval']}")
        idx = self.k.index_names
        for d, (before, after) in enumerate(self.margins()):
            loop = g["prange"] if d == 0 else "range"
            lines.append("    " * (d + 1) + f"for {idx[d]} in {loop}("
                         f"{before}, {shape}[{d}] - {after}):")
        pad = "    " * (self.ndim + 1)
        target = f"{out}[{', '.join(idx)}]"
        if self.k.inline:
            lines.append(pad + "pass")
        else:
            self.ns[g["kernel"]] = self.compiler.compiled(self.helper())
            args = ", ".join(idx + self.params)
            lines.append(pad + f"{target} = {g['kernel']}({args})")
        lines.append(f"    return {out}")
        fdef = self.tree("\n".join(lines))
        if self.k.inline:
            self.splice(fdef, target)
            _widen_spans(fdef)
        return made_function(fdef, self.st.filename, self.st.offset,
                             self.st.source_lines, self.ns, name,
                             self.st.py_func.__module__)

    def result_type(self) -> Scalar:
        from ..types import int64
        rt = self.compiler.result_type(self.helper(),
                                       (int64,) * self.ndim + self.types)
        if not isinstance(rt, Scalar):
            raise self.st.error("Stencil kernel must return a scalar and not "
                                f"{'a numpy array' if isinstance(rt, Array) else rt}.")
        if self.out_type is not None:
            if not isinstance(self.out_type, Array) or \
                    self.out_type.ndim != self.ndim:
                raise self.st.error(f"out= must be a {self.ndim}-d array, not "
                                    f"{self.out_type}")
        return rt

    def cval(self, rt: Scalar) -> Any:
        cval = self.st.options.get("cval", 0)
        if not isinstance(cval, (int, float, complex)):
            raise self.st.error(f"cval must be a number, not {cval!r}")
        ok = not (isinstance(cval, complex) and not rt.is_complex) and not (
            isinstance(cval, float) and not math.isfinite(cval) and
            not (rt.is_float or rt.is_complex))
        if not ok:
            raise self.st.error("cval type does not match stencil return type.")
        return rt.np.type(cval.real if isinstance(cval, complex) and
                          not rt.is_complex else cval)

    def margins(self) -> List[Tuple[int, int]]:
        """The elements left out at the start and end of each dimension."""
        try:
            return [(max(0, -int(lo)), max(0, int(hi)))
                    for lo, hi in self.k.neighborhood]
        except (TypeError, ValueError):
            raise self.st.error(f"the neighborhood must be ((lo, hi), ...) of "
                                f"integers, not {self.k.neighborhood!r}")

    def border(self, out: str, shape: str, cval: str) -> List[str]:
        """`out[:before] = cval` and `out[n - after:] = cval` per
        dimension."""
        lines = []
        for d, (before, after) in enumerate(self.margins()):
            for part, size in ((f":{before}", before),
                               (f"{shape}[{d}] - {after}:", after)):
                if size:
                    items = [":"] * self.ndim
                    items[d] = part
                    lines.append(f"    {out}[{', '.join(items)}] = {cval}")
        return lines

    def size_checks(self, shape: str, out: str) -> List[str]:
        """ValueErrors for arrays smaller than the first one."""
        lines = []
        if self.out_type is not None:
            for d in range(self.ndim):
                lines.append(f"    if {out}.shape[{d}] < {shape}[{d}]: raise "
                             f"ValueError('out= is smaller than the stencil "
                             f"input')")
        for name in self.k.relative:
            if name == self.params[0]:
                continue
            for d in range(self.ndim):
                lines.append(f"    if {name}.shape[{d}] < {shape}[{d}]: "
                             f"raise ValueError('Secondary stencil array has "
                             f"some dimension smaller the same dimension in "
                             f"the first stencil input.')")
        return lines

    def helper(self) -> Any:
        return made_function(self.k.fdef, self.st.filename, self.st.offset,
                             self.st.source_lines, self.ns, self.st.qualname,
                             self.st.py_func.__module__)

    def tree(self, text: str) -> ast.FunctionDef:
        """The driver's AST, every node at the kernel's `def` line."""
        fdef = ast.parse(text).body[0]
        fdef.decorator_list = copy.deepcopy(self.st.fdef.decorator_list)
        line = self.st.fdef.lineno
        for n in ast.walk(fdef):
            if hasattr(n, "lineno"):
                n.lineno = n.end_lineno = line
                n.col_offset = n.end_col_offset = 0
        return fdef

    def splice(self, fdef: ast.FunctionDef, target: str) -> None:
        """Put the kernel's body where the innermost loop's `pass` is, its
        return an assignment to `target`."""
        loop = fdef
        while not isinstance(loop, ast.For):
            loop = next(s for s in loop.body if isinstance(s, ast.For))
        while isinstance(loop.body[0], ast.For):
            loop = loop.body[0]
        body = copy.deepcopy(self.k.fdef.body)
        ret = body[-1]
        store = ast.parse(target).body[0].value
        store.ctx = ast.Store()
        for n in ast.walk(store):
            ast.copy_location(n, ret)
        body[-1] = ast.copy_location(ast.Assign(targets=[store],
                                                value=ret.value), ret)
        loop.body = body


def _widen_spans(node: ast.AST) -> int:
    """Make each node's line span cover its children's (the kernel's body
    sits at its own lines inside the driver's loops); the last line."""
    end = getattr(node, "end_lineno", 0) or 0
    for child in ast.iter_child_nodes(node):
        end = max(end, _widen_spans(child))
    if hasattr(node, "end_lineno"):
        node.end_lineno = end
    return end


def _numpy() -> Any:
    import numpy
    return numpy


def _prange() -> Any:
    from .. import prange
    return prange
