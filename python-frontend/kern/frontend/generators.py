"""Generators (functions with `yield`) consumed in compiled code: a loop
over a call of a `@kern.njit` generator function is the generator's body
with each `yield v` replaced by the loop's body (the generator inlined, as
its state machine would run it, with no state kept between calls):

    @kern.njit                         for v in evens(n):
    def evens(n):                          s += v
        for i in range(n):
            if i % 2 == 0:             becomes, the generator's variables
                yield i                renamed `<name>$g<k>`:

                                       n$g1 = n
                                       for i$g1 in range(n$g1):
                                           if i$g1 % 2 == 0:
                                               v = i$g1
                                               s += v

A `return` in the generator, and a `break` of the loop, leave the inlined
body through a flag (`done$g<k>`) and one-trip `while True` loops; a
`continue` leaves the copy of the loop body. The generator's globals keep
what they mean in its own module. `list(g)`, `sum(g)`, `min`, `max`,
`any`, `all`, `sorted`, `set` of a generator call (or of a generator
expression), `enumerate(g)` and `zip(g, ...)` consume it through a list
comprehension, which is such a loop.

A generator object (`g = evens(n)`, a `GenVal`: the function and its
argument values, of type `types.GeneratorType`) is kept in variables,
passed to and returned by compiled functions, and run where it is
iterated; a variable holding one is read once and not in a loop that
does not assign it (`check_use`), since a second run would start it
again. Inner generator functions (a `def` with `yield` in the compiled
function, frontend/closures.py) are generators too.

    >>> import kern
    >>> @kern.njit
    ... def squares(n):
    ...     for i in range(n):
    ...         yield i * i
    >>> @kern.njit
    ... def use(n):
    ...     return sum(squares(n)), list(squares(3)), max(k for k in
    ...                                                   squares(n))
    >>> use(4)
    (14, [0, 1, 4], 9)
"""

from __future__ import annotations

import ast
import builtins
import inspect
from typing import Any, Dict, List, Optional, Set, Tuple

from ..errors import KernError, UnsupportedError
from .builder import Const, GenVal, TupleVal

__all__ = ["FixedName", "check_use", "clone", "for_generator",
           "generator_function",
           "is_generator_call", "loop", "make", "materialized", "MAX_DEPTH"]

MAX_DEPTH = 32  # generators inlined into each other (a recursive one: error)

# built-ins whose one iterable argument may be a generator, made a list
_CONSUMERS = ("list", "sum", "min", "max", "any", "all", "sorted", "set",
              "zip", "enumerate", "tuple")


def generator_function(value: Any) -> Optional[Any]:
    """The Python generator function of a `@kern.njit` function, else None."""
    py_func = getattr(value, "py_func", None)
    if getattr(value, "_kern_dispatcher", False) is True and \
            inspect.isgeneratorfunction(py_func):
        return py_func
    return None


def is_generator_call(fc: Any, node: ast.AST) -> bool:
    """Whether `node` is a call of a `@kern.njit` generator function or a
    variable holding a generator object."""
    if isinstance(node, ast.Name):
        return isinstance(fc.env.get(node.id), GenVal)
    if not isinstance(node, ast.Call) or not _named_callee(fc, node):
        return False
    try:
        func = fc.expr(node.func)
    except KernError:
        return False
    return generator_function(getattr(func, "value", None)) is not None


def materialized(fc: Any, node: ast.Call, name: str) -> Optional[ast.expr]:
    """`list(gen(..))` as `[$v for $v in gen(..)]`, and `sum(g)`, `min(g)`,
    ... of a generator call or generator expression `g` as the call of the
    list comprehension, else None (made once per node)."""
    if name not in _CONSUMERS:
        return None
    key = ("generator-consumer", id(node))
    if key not in fc.made_nodes:
        fc.made_nodes[key] = _consumer(fc, node, name)
    return fc.made_nodes[key]


def _consumer(fc: Any, node: ast.Call, name: str) -> Optional[ast.expr]:
    args, changed = [], False
    for k, a in enumerate(node.args):
        if isinstance(a, ast.GeneratorExp):
            a = _at(ast.ListComp(elt=a.elt, generators=a.generators), a)
        elif is_generator_call(fc, a):
            v = f"$gv{id(a)}"
            a = _at(ast.ListComp(elt=ast.Name(v, ast.Load()), generators=[
                ast.comprehension(target=ast.Name(v, ast.Store()), iter=a,
                                  ifs=[], is_async=0)]), a)
        else:
            args.append(a)
            continue
        if name not in ("zip", "enumerate") and k > 0:
            return None
        args.append(a)
        changed = True
    if not changed:
        return None
    if name == "list" and len(args) == 1 and not node.keywords:
        return args[0]
    return _at(ast.Call(func=node.func, args=args, keywords=node.keywords),
               node)


def for_generator(fc: Any, node: ast.For) -> bool:
    """Emit the loop `node` if it runs a generator: a call of a generator
    function, a generator expression, zip() or enumerate() of them."""
    it = node.iter
    if isinstance(it, ast.Call):
        if not _named_callee(fc, it):
            return False
        try:
            func = getattr(fc.expr(it.func), "value", None)
        except KernError:
            return False
        py_func = generator_function(func)
        if py_func is not None:
            loop(fc, node, make(fc, it, func))
            return True
        made = None
        if func is zip or func is enumerate:
            made = materialized(fc, it, func.__name__)
    elif isinstance(it, ast.Name) and isinstance(fc.env.get(it.id), GenVal):
        check_use(fc, it)
        loop(fc, node, fc.env[it.id])
        return True
    elif isinstance(it, ast.GeneratorExp):
        made = _at(ast.ListComp(elt=it.elt, generators=it.generators), it)
    else:
        return False
    if made is None:
        return False
    key = ("generator-for", id(node))
    if key not in fc.made_nodes:
        fc.made_nodes[key] = _at(ast.For(
            target=node.target, iter=made, body=node.body,
            orelse=node.orelse, type_comment=None), node)
    fc.stmt(fc.made_nodes[key])
    return True


def check_use(fc: Any, name: ast.Name) -> None:
    """A variable holding a generator object is read once, and not in a
    loop that does not assign it: kern runs a generator where it is used,
    from its start, where Python's would go on from where it stopped."""
    lines = [line for n, line, _ in fc.loads if n == name.id and line >= 0]
    if not lines:
        return  # a name kern made
    at = (name.lineno, name.col_offset)
    loops = [n for n in ast.walk(fc.fdef) if isinstance(n, (
        ast.For, ast.While)) and n.lineno <= name.lineno <= n.end_lineno
        and not (isinstance(n, ast.For) and (n.iter.lineno, n.iter.col_offset)
                 <= at <= (n.iter.end_lineno, n.iter.end_col_offset))]
    again = len(lines) > 1
    if again or any(not any(isinstance(m, ast.Name) and m.id == name.id and
                            isinstance(m.ctx, ast.Store)
                            for m in ast.walk(n)) for n in loops):
        raise fc.unsupported(
            f"using the generator object '{name.id}' "
            f"{'more than once' if again else 'in a loop it was not made in'}"
            f" (kern runs a generator from its start where it is used, "
            f"Python's goes on where it stopped)", name)


def make(fc: Any, call: ast.Call, callee: Any) -> GenVal:
    """The generator object of `call` (of the `@kern.njit` generator
    function or inner generator function `callee`): its arguments bound
    to its parameters as Python binds them, defaults filled in, numbers
    made values; an inner function's free variables (kw-only parameters
    of its lifted function, frontend/closures.py) their current values."""
    py_func = callee.py_func
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
            k.arg is None for k in call.keywords):
        raise fc.unsupported("'*' or '**' in a call of a generator", call)
    args = [fc.expr(a) for a in call.args]
    kwargs = {k.arg: fc.expr(k.value) for k in call.keywords}
    for name in getattr(callee, "free", ()):
        kwargs[name] = fc.expr(_at(ast.Name(name, ast.Load()), call))
    sig = inspect.signature(py_func)
    if any(p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
           for p in sig.parameters.values()):
        raise fc.unsupported(f"the generator '{py_func.__name__}' with "
                             f"*args or **kwargs", call)
    try:
        bound = sig.bind(*args, **kwargs)
    except TypeError as e:
        raise fc.typing_error(f"{py_func.__name__}() {e}", call) from None
    items = []
    for name, p in sig.parameters.items():
        v = bound.arguments[name] if name in bound.arguments else Const(
            p.default)
        if not isinstance(v, Const):
            items.append(v)
        elif v.value is None or callable(v.value) and not isinstance(
                v.value, type):
            items.append(v)  # None, a function: a constant of the type
        else:
            items.append(fc.value(v, call))
    return GenVal(py_func, TupleVal(tuple(items)))


def loop(fc: Any, node: ast.For, gen: GenVal) -> None:
    """Emit `for <target> in <gen>: body` with the generator's body
    inlined, its parameters bound to the generator's arguments."""
    py_func = gen.py_func
    if node.orelse:
        raise fc.unsupported("for-else", node)
    key = ("generator", id(node), py_func)
    if key not in fc.made_nodes:
        count = fc.__dict__.setdefault("generator_count", [0])
        count[0] += 1
        fc.made_nodes[key] = made = _Inliner(fc, node, py_func,
                                             count[0]).made()
        # read "outside every loop": carried by the loops they are set in,
        # as the generator's state is kept from one resumption to the next
        fc.loads += [(n, -1, 0) for n in made[3]]
    statements, names, params, _ = fc.made_nodes[key]
    fc.local_names |= names
    depth = fc.__dict__.get("generator_depth", 0)
    if depth >= MAX_DEPTH:
        raise fc.unsupported(f"generators inlined {MAX_DEPTH} deep (a "
                             f"recursive generator '{py_func.__name__}')",
                             node)
    for name, value in zip(params, gen.args.items):
        fc.assign_var(name, value, node)
    fc.generator_depth = depth + 1
    try:
        fc.block(statements)
    except KernError as e:
        made = _located(fc, e, node, py_func)
        if made is e:
            raise
        raise made from e
    finally:
        fc.generator_depth = depth


def _located(fc: Any, e: KernError, node: ast.For, py_func: Any
             ) -> KernError:
    """An error met in the inlined body of `py_func` (its nodes are at the
    loop's line) naming the generator and where it is defined."""
    if getattr(e, "kern_generator", False) or e.lineno != fc.lineno(node):
        return e  # the loop body's own error, or named already
    from .source import parse_function
    where = f"{parse_function(py_func)[1]}:{py_func.__code__.co_firstlineno}"
    head, newline, rest = e.message.partition("\n")
    made = type(e)(f"{head} (in the generator '{py_func.__name__}' defined "
                   f"at {where}, run by this loop){newline}{rest}",
                   e.filename, e.lineno)
    made.kern_generator = True
    return made


class _Inliner:
    """The statements of one loop over a generator (see the module doc)."""

    def __init__(self, fc: Any, node: ast.For, py_func: Any, tag: int
                 ) -> None:
        from .source import function_namespace, parse_function
        self.fc, self.node, self.py_func = fc, node, py_func
        self.fdef, self.filename, self.offset = parse_function(py_func)
        self.namespace = function_namespace(py_func)
        self.suffix = f"$g{tag}"
        self.done = f"done$g{tag}"
        self.exits = False  # a return or a break leaves the inlined body

    # ---- checks and names --------------------------------------------------

    def error(self, what: str, at: ast.AST) -> UnsupportedError:
        line = getattr(at, "lineno", None)
        return UnsupportedError(
            f"in generator '{self.py_func.__name__}': {what} is not "
            f"supported by kern", self.filename,
            None if line is None else line + self.offset)

    def check(self) -> None:
        a = self.fdef.args
        if a.vararg or a.kwarg:
            raise self.error("*args or **kwargs of a generator", self.fdef)
        parents: Dict[ast.AST, ast.AST] = {}
        for n in ast.walk(self.fdef):
            for c in ast.iter_child_nodes(n):
                parents[c] = n
        for n in ast.walk(self.fdef):
            if isinstance(n, ast.YieldFrom):
                raise self.error("'yield from'", n)
            if isinstance(n, ast.Yield) and not isinstance(parents.get(n),
                                                           ast.Expr):
                raise self.error("yield used as a value (send())", n)
            if isinstance(n, (ast.Global, ast.Nonlocal)):
                raise self.error("global/nonlocal in a generator", n)
            if isinstance(n, ast.For) and isinstance(n.iter, ast.Call) and \
                    getattr(n.iter.func, "id", getattr(
                        n.iter.func, "attr", None)) == "prange" and any(
                        isinstance(m, ast.Yield) for m in ast.walk(n)):
                raise self.error("yield inside a prange loop", n)

    def local_names(self) -> Set[str]:
        a = self.fdef.args
        names = {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs}
        for n in ast.walk(self.fdef):
            if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store,
                                                              ast.Del)):
                names.add(n.id)
            elif isinstance(n, ast.arg):
                names.add(n.arg)
            elif isinstance(n, (ast.FunctionDef, ast.ClassDef)) and \
                    n is not self.fdef:
                names.add(n.name)
            elif isinstance(n, ast.ExceptHandler) and n.name:
                names.add(n.name)
        return names

    def renamed(self, tree: Any, local: Set[str]) -> Any:
        """A copy of the generator's `tree`: its variables prefixed, its
        globals fixed to their values, every node at the loop's place."""
        tree = clone(tree)
        for n in _walk_all(tree):
            if isinstance(n, ast.Name):
                if n.id in local:
                    n.id += self.suffix
                elif isinstance(n.ctx, ast.Load):
                    self.fix_global(n)
            elif isinstance(n, ast.arg) and n.arg in local:
                n.arg += self.suffix
            elif isinstance(n, (ast.FunctionDef, ast.ClassDef)) and \
                    n.name in local:
                n.name += self.suffix
            elif isinstance(n, ast.ExceptHandler) and n.name in local:
                n.name += self.suffix
            if hasattr(n, "lineno"):
                ast.copy_location(n, self.node)
        return tree

    def fix_global(self, n: ast.Name) -> None:
        if n.id in self.namespace:
            value = self.namespace[n.id]
        elif hasattr(builtins, n.id):
            value = getattr(builtins, n.id)
        else:
            return  # undefined: the consumer says so
        n.__class__ = FixedName
        n.kern_value = value  # (None: read as the consumer's name)

    # ---- the statements ----------------------------------------------------

    def made(self) -> Tuple[List[ast.stmt], Set[str], List[str], Set[str]]:
        """The statements, the names they use, the parameters' names and
        the names of the generator's own state (its variables, not those
        of its comprehensions and inner functions)."""
        self.check()
        local = self.local_names()
        body = self.renamed(self.fdef.body, local)
        body = self.block(body, top=True)
        if self.exits:
            body = [self.assign(self.done, ast.Constant(False)),
                    ast.While(test=ast.Constant(True), orelse=[],
                              body=body + [ast.Break()])]
        body = [ast.fix_missing_locations(_at(st, self.node)) for st in body]
        a = self.fdef.args
        params = [p.arg + self.suffix
                  for p in a.posonlyargs + a.args + a.kwonlyargs]
        state = {n + self.suffix for n in _state_names(self.fdef)}
        return body, {n + self.suffix for n in local} | {self.done}, \
            params, state | {self.done}

    def assign(self, name: str, value: ast.expr) -> ast.stmt:
        return _at(ast.Assign(targets=[ast.Name(name, ast.Store())],
                              value=value), self.node)

    def block(self, stmts: List[ast.stmt], top: bool = False
              ) -> List[ast.stmt]:
        out: List[ast.stmt] = []
        for k, st in enumerate(stmts):
            if top and k == len(stmts) - 1 and isinstance(st, ast.Return):
                break  # the end anyway
            out += self.statement(st)
        return out

    def statement(self, st: ast.stmt) -> List[ast.stmt]:
        if isinstance(st, ast.Expr) and isinstance(st.value, ast.Yield):
            return self.yield_site(st.value)
        if isinstance(st, ast.Return):
            self.exits = True
            return self.leave()
        if isinstance(st, (ast.For, ast.While)):
            before = self.exits
            self.exits = False
            st.body = self.block(st.body)
            st.orelse = self.block(st.orelse)
            left, self.exits = self.exits, before or self.exits
            return [st] + (self.propagate() if left else [])
        if isinstance(st, ast.If):
            st.body, st.orelse = self.block(st.body), self.block(st.orelse)
        elif isinstance(st, (ast.With, ast.Try)):
            st.body = self.block(st.body)
            if isinstance(st, ast.Try):
                for h in st.handlers:
                    h.body = self.block(h.body)
                st.orelse = self.block(st.orelse)
                st.finalbody = self.block(st.finalbody)
        return [st]

    def leave(self) -> List[ast.stmt]:
        return [self.assign(self.done, ast.Constant(True)), ast.Break()]

    def propagate(self) -> List[ast.stmt]:
        return [ast.If(test=ast.Name(self.done, ast.Load()),
                       body=[ast.Break()], orelse=[])]

    def yield_site(self, y: ast.Yield) -> List[ast.stmt]:
        value = y.value if y.value is not None else ast.Constant(None)
        bind = ast.Assign(targets=[clone(self.node.target)], value=value)
        body = clone(self.node.body)
        if not _escapes(body):
            return [bind] + body
        self.exits = True
        body = _loop_exits(body, self.leave)
        return [bind, ast.While(test=ast.Constant(True), orelse=[],
                                body=body + [ast.Break()])] + self.propagate()


# ---- helpers ----------------------------------------------------------------

class FixedName(ast.Name):
    """A name kern fixed to a value (`kern_value`, which expr_Name reads):
    copies (copy.deepcopy, as comprehensions and unrolled loops make)
    share the value, a module or a compiled function, instead of copying
    it. Its class is named Name: the frontend dispatches on that name."""

    def __deepcopy__(self, memo: Dict[int, Any]) -> "FixedName":
        import copy
        new = FixedName(self.id, copy.deepcopy(self.ctx, memo))
        for k, v in self.__dict__.items():
            setattr(new, k, v if k == "kern_value" else copy.deepcopy(v, memo))
        return new


FixedName.__name__ = FixedName.__qualname__ = "Name"


def _named_callee(fc: Any, call: ast.Call) -> bool:
    """Whether the callee of `call` is a global name, `module.name` or an
    inner function (what a generator function is reached by), not a
    variable of a value or a method."""
    f = call.func
    if isinstance(f, ast.Attribute):
        f = f.value
    return isinstance(f, ast.Name) and (f.id not in fc.env or isinstance(
        fc.env[f.id], Const))  # (an inner function: a constant)


def _at(new: Any, old: ast.AST) -> Any:
    return ast.fix_missing_locations(ast.copy_location(new, old))




def clone(tree: Any) -> Any:
    """A copy of the AST nodes of `tree`; the values they carry (such as
    kern_value) shared, not copied."""
    if isinstance(tree, list):
        return [clone(x) for x in tree]
    if not isinstance(tree, ast.AST):
        return tree
    new = type(tree).__new__(type(tree))
    for k, v in tree.__dict__.items():
        setattr(new, k, clone(v) if isinstance(v, (ast.AST, list)) else v)
    return new


def _state_names(fdef: ast.FunctionDef) -> Set[str]:
    """The parameters of `fdef` and the names its statements assign,
    outside its comprehensions, lambdas and inner functions."""
    a = fdef.args
    names = {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs}
    todo: List[ast.AST] = list(fdef.body)
    while todo:
        n = todo.pop()
        if isinstance(n, (ast.ListComp, ast.SetComp, ast.DictComp,
                          ast.GeneratorExp, ast.Lambda)):
            continue
        if isinstance(n, (ast.FunctionDef, ast.ClassDef)):
            names.add(n.name)
            continue
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, ast.ExceptHandler) and n.name:
            names.add(n.name)
        todo.extend(ast.iter_child_nodes(n))
    return names


def _walk_all(tree: Any) -> List[ast.AST]:
    out: List[ast.AST] = []
    for t in tree if isinstance(tree, list) else [tree]:
        out += list(ast.walk(t))
    return out


def _own(stmts: List[ast.stmt]) -> List[ast.AST]:
    """The nodes of `stmts` outside their own loops and functions: the
    break and continue statements of the loop they are the body of."""
    out: List[ast.AST] = []
    todo = list(stmts)
    while todo:
        n = todo.pop()
        out.append(n)
        if isinstance(n, (ast.For, ast.While)):
            todo += n.orelse
            continue
        if isinstance(n, (ast.FunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        todo += [c for c in ast.iter_child_nodes(n) if isinstance(c, (
            ast.stmt, ast.excepthandler))]
    return out


def _escapes(stmts: List[ast.stmt]) -> bool:
    return any(isinstance(n, (ast.Break, ast.Continue)) for n in _own(stmts))


def _loop_exits(stmts: List[ast.stmt], leave: Any) -> List[ast.stmt]:
    """The loop body `stmts` inside a one-trip loop: `continue` leaves it
    (break), `break` leaves the whole generator (`leave()`)."""
    def fix(block: List[ast.stmt]) -> List[ast.stmt]:
        out: List[ast.stmt] = []
        for st in block:
            if isinstance(st, ast.Continue):
                out.append(_at(ast.Break(), st))
            elif isinstance(st, ast.Break):
                out += [_at(s, st) for s in leave()]
            elif isinstance(st, (ast.FunctionDef, ast.ClassDef)):
                out.append(st)
            else:
                for field in ("body", "orelse", "finalbody"):
                    if not isinstance(st, (ast.For, ast.While)) or \
                            field == "orelse":
                        if isinstance(getattr(st, field, None), list):
                            setattr(st, field, fix(getattr(st, field)))
                for h in getattr(st, "handlers", []):
                    h.body = fix(h.body)
                out.append(st)
        return out
    return fix(stmts)
