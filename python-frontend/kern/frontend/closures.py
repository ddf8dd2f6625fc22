"""Inner functions and lambdas in compiled code, closures over the
enclosing function's variables (as Numba: called where they are defined,
not returned).

A `def` or `lambda` inside a compiled function becomes a function of its
own, lifted: the variables of the enclosing function that it reads are
added as keyword-only parameters, and every call passes their values at
that moment, which is what Python's closure cells give. The lifted
function is compiled like any `@kern.njit` callee (one specialization per
argument types, inlined by MLIR's inliner where it pays):

>>> # def outer(a, k):              def g(x, *, k):     # lifted
>>> #     def g(x):                     return x * k
>>> #         return x * k
>>> #     return g(a[0]) + g(2.0)   outer: g(a[0], k=k) + g(2.0, k=k)

Inner functions may call each other (one defined earlier), recurse and
nest. A
variable of the enclosing function may not be rebound from inside
(`nonlocal`), and an inner function that reads the enclosing function's
variables cannot leave it (passed to another function or returned): both
are located UnsupportedErrors.
"""

import ast
import copy
from typing import Any, Dict, List, Set, Tuple

from .builder import Const
from .source import function_namespace, lambda_def, made_function

__all__ = ["InnerFunction", "define", "lambda_function", "call_inner",
           "check_passed_functions", "function_values"]

_JIT_DECORATORS = ("njit", "jit")


class InnerFunction:
    """A function defined inside a compiled function: the lifted Python
    function and the enclosing variables it reads (its `free` names)."""

    _kern_dispatcher = True  # a compile-time function value, like an njit

    def __init__(self, py_func: Any, free: Tuple[str, ...],
                 owner: Any) -> None:
        self.py_func = py_func
        self.free = free
        self.owner = owner
        self.__name__ = py_func.__name__
        self.__qualname__ = py_func.__qualname__
        self.__module__ = py_func.__module__

    def __repr__(self) -> str:
        return f"<inner function {self.__qualname__}>"


def define(fc: Any, fdef: ast.FunctionDef) -> Const:
    """The value of the `def` statement `fdef` in FunctionCompiler `fc`
    (made once per compiler: passes over the body reuse it)."""
    known = fc.__dict__.setdefault("inner_functions", {})
    if id(fdef) not in known:
        _check_definition(fc, fdef)
        known[id(fdef)] = _lift(fc, fdef)
    return Const(known[id(fdef)])


def lambda_function(fc: Any, node: ast.Lambda) -> Const:
    """`lambda params: body` as the inner function `def <lambda>(params):
    return body`."""
    known = fc.__dict__.setdefault("lambdas", {})
    if id(node) not in known:
        known[id(node)] = lambda_def(node)
    return define(fc, known[id(node)])


def call_inner(fc: Any, inner: InnerFunction, args: List[Any],
               kwargs: Dict[str, Any], node: ast.AST) -> Any:
    """`g(args)`: the lifted function called with the current values of
    the variables it reads."""
    from .overloads import call_bound
    if inner.free and _owner(fc.py_func) is not inner.owner:
        raise fc.unsupported(
            f"calling the inner function '{inner.__name__}' outside "
            f"'{inner.owner.__name__}', whose variables "
            f"({', '.join(inner.free)}) it reads", node)
    free = {}
    for name in inner.free:
        free[name] = fc.expr(ast.copy_location(ast.Name(name, ast.Load()),
                                               node))
    return call_bound(fc, inner.py_func, args, {**kwargs, **free}, node)


def check_passed_functions(fc: Any, callee: Any, values: List[Any],
                           node: ast.AST) -> None:
    """An inner function that reads the enclosing function's variables may
    only be passed to the inner functions of the same enclosing function
    (where those variables are known)."""
    for v in values:
        inner = getattr(v, "value", None)
        if isinstance(inner, InnerFunction) and inner.free and \
                _owner(callee) is not inner.owner:
            raise fc.unsupported(
                f"passing the inner function '{inner.__name__}', which reads "
                f"the variables {', '.join(inner.free)} of "
                f"'{inner.owner.__name__}', to "
                f"'{getattr(callee, '__qualname__', callee)}'", node)


def function_values(values: List[Any]) -> List[Any]:
    """`values` with the Python callables that compiled code can call
    (len, max, math.sqrt, operator.add, np.sqrt, overloaded functions)
    made function values that may be passed to compiled functions, as
    `functools.reduce(operator.add, t)` passes one."""
    return [Const(_called(v.value)) if isinstance(v, Const) and
            _callable(v.value) else v for v in values]


_CALLED: Dict[Any, InnerFunction] = {}


def _callable(target: Any) -> bool:
    from ..registry import REGISTRY
    from .callees import callee_name
    from .pyoperator import is_operator
    if isinstance(target, type) or not callable(target) or getattr(
            type(target), "_kern_dispatcher", False):
        return False
    try:
        return callee_name(target) is not None or is_operator(target) or \
            REGISTRY.has_function(target)
    except TypeError:  # unhashable
        return False


def _called(target: Any) -> InnerFunction:
    """A function value that calls `target` with its arguments."""
    if target not in _CALLED:
        call = lambda *args: target(*args)  # noqa: E731  (kern reads it)
        _CALLED[target] = InnerFunction(call, (), call)
    return _CALLED[target]


def _owner(py_func: Any) -> Any:
    return getattr(py_func, "__kern_owner__", py_func)


def _check_definition(fc: Any, fdef: ast.FunctionDef) -> None:
    for d in fdef.decorator_list:  # @njit, @njit(...): compiled anyway
        target = fc.expr(d.func if isinstance(d, ast.Call) else d)
        if getattr(getattr(target, "value", None), "__name__", "") not in \
                _JIT_DECORATORS or not getattr(target.value, "__module__",
                                               "").startswith("kern"):
            raise fc.unsupported(f"the decorator '@{fc.src(d)}' on an inner "
                                 f"function", d)
    for n in ast.walk(fdef):
        if isinstance(n, ast.Nonlocal):
            raise fc.unsupported(f"'nonlocal {', '.join(n.names)}' (an inner "
                                 f"function rebinding a variable of "
                                 f"'{fc.py_func.__name__}')", n)
        # (an inner generator: frontend/generators.py runs it where used)


def _stored(fdef: ast.FunctionDef) -> Set[str]:
    """The names local to `fdef`: its parameters and what it assigns."""
    a = fdef.args
    names = {p.arg for p in a.posonlyargs + a.args + a.kwonlyargs}
    names |= {p.arg for p in (a.vararg, a.kwarg) if p is not None}
    for n in ast.walk(fdef):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store,
                                                          ast.Del)):
            names.add(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and \
                n is not fdef:
            names.add(n.name)
    return names


def _free_names(fc: Any, fdef: ast.FunctionDef) -> Tuple[str, ...]:
    """The enclosing function's variables that `fdef` reads, with those
    of the inner functions it calls (their values pass through it)."""
    enclosing = set(fc.local_names) | set(fc.param_names())
    enclosing |= set(getattr(fc.py_func, "__kern_free__", ()))
    local = _stored(fdef)
    free: List[str] = []
    for n in ast.walk(fdef):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and \
                n.id in enclosing and n.id not in local and n.id not in free:
            free.append(n.id)
    for name in list(free):
        value = fc.env.get(name)
        inner = getattr(value, "value", None)
        if isinstance(inner, InnerFunction):
            free.extend(x for x in inner.free if x not in free)
    return tuple(free)


def _lift(fc: Any, fdef: ast.FunctionDef) -> InnerFunction:
    free = _free_names(fc, fdef)
    lifted = copy.deepcopy(fdef)
    lifted.decorator_list = []
    lifted.args.kwonlyargs += [ast.arg(arg=name) for name in free]
    lifted.args.kw_defaults += [None] * len(free)
    ast.fix_missing_locations(lifted)
    first = fc.fdef.decorator_list[0].lineno if fc.fdef.decorator_list \
        else fc.fdef.lineno
    lines = fc.source_lines[fdef.lineno - first:]
    ns = function_namespace(fc.py_func) if not hasattr(
        fc.py_func, "__kern_owner__") else fc.py_func.__globals__
    try:
        fn = made_function(lifted, fc.filename, fc.line_offset, lines, ns,
                           f"{fc.py_func.__qualname__}.<locals>.{fdef.name}",
                           getattr(fc.py_func, "__module__", None))
    except NameError as e:
        raise fc.unsupported(f"a default value of the inner function "
                             f"'{fdef.name}' that is not a constant ({e})",
                             fdef)
    fn.__kern_owner__ = _owner(fc.py_func)
    fn.__kern_free__ = free
    return InnerFunction(fn, free, fn.__kern_owner__)
