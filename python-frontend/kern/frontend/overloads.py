"""Calls of compiled Python functions: `@kern.njit` callees and the
implementations that `kern.extending` overloads choose.

A callee is compiled into the same module for the argument types of the
call and called with func.call. Constant int and bool arguments that an
overload wanted as literal types (`types.IntegerLiteral`) are not passed
at run time: the callee is compiled with the constant in place of the
parameter.
"""

from __future__ import annotations

import ast
import inspect
from typing import Any, Callable, Dict, List, Optional, Sequence

from ..registry import REGISTRY, Resolved
from ..types import (Array, NumberClass, Tuple, Type, any_layout,
                     from_dtype, is_constant, literal, none)
from .closures import check_passed_functions, function_values
from .passes import Retry
from .builder import (Const, TupleVal, V, constant_item, constant_type, flatten,
                      unflatten)

__all__ = ["call_compiled", "call_function_overload", "call_method_overload",
           "attribute_overload", "offered_type"]


def offered_type(fc: Any, v: Any, node: ast.AST) -> Type:
    """The type a typing function sees for the value `v`: a literal type
    for int, bool and str constants, `none` for None, else the value's
    type."""
    if isinstance(v, Const) and isinstance(v.value, (bool, int, str)):
        return literal(v.value)
    if isinstance(v, Const) and v.value is None:
        return none
    if isinstance(v, Const) and is_dtype(v.value):
        return NumberClass(v.value)
    if constant_item(v):  # a function value
        return constant_type(v)
    v = fc.value(v, node)
    return v.ty


def is_dtype(obj: Any) -> bool:
    """A NumPy scalar type or dtype that kern has (np.float32, ...)."""
    if not (isinstance(obj, type) or type(obj).__name__.endswith("DType")
            or type(obj).__name__ == "dtype"):
        return False
    if obj in (bool, int, float, complex):
        return False  # Python's: plain functions in compiled code
    try:
        from_dtype(obj)
    except (TypeError, ValueError):
        return False
    return True


def _offered(fc: Any, args: Sequence[Any], kwargs: Dict[str, Any],
             node: ast.AST) -> Any:
    """The types the typing functions see; a Retry while an argument is
    a container whose items this pass has not typed yet (a typing
    function could not choose for it)."""
    types = [offered_type(fc, a, node) for a in args]
    kws = {k: offered_type(fc, v, node) for k, v in kwargs.items()}
    if fc.changed and not all(map(settled, types + list(kws.values()))):
        raise Retry()
    return types, kws


def _signature_text(types: Sequence[Type], kws: Dict[str, Type]) -> str:
    parts = [str(t) for t in types] + [f"{k}={t}" for k, t in kws.items()]
    return "(" + ", ".join(parts) + ")"


def call_function_overload(fc: Any, func: Any, args: List[Any],
                           kwargs: Dict[str, Any], node: ast.AST) -> Any:
    """`func(*args, **kwargs)` through its overloads; None when none
    applies (the caller may have a built-in implementation)."""
    args = function_values(list(args))
    kwargs = dict(zip(kwargs, function_values(list(kwargs.values()))))
    types, kws = _offered(fc, args, kwargs, node)
    found = REGISTRY.resolve_function(func, types, kws)
    if found is None:
        return None
    return _call_resolved(fc, found, args, kwargs, node)


def call_method_overload(fc: Any, base: V, name: str, args: List[Any],
                         kwargs: Dict[str, Any], node: ast.AST) -> Any:
    """`base.name(*args, **kwargs)` through overload_method; None when no
    registration applies."""
    args = function_values(list(args))  # l.sort(key=abs): a function
    kwargs = dict(zip(kwargs, function_values(list(kwargs.values()))))
    types, kws = _offered(fc, args, kwargs, node)
    found = REGISTRY.resolve_method(base.ty, name, types, kws)
    if found is None:
        return None
    return _call_resolved(fc, found, [base] + list(args), kwargs, node)


def attribute_overload(fc: Any, base: V, name: str, node: ast.AST) -> Any:
    """`base.name` through overload_attribute; None when none applies."""
    found = REGISTRY.resolve_attribute(base.ty, name)
    if found is None:
        return None
    return _call_resolved(fc, found, [base], {}, node)


def no_implementation(fc: Any, what: str, args: List[Any],
                      kwargs: Dict[str, Any], node: ast.AST) -> Exception:
    """The TypingError for a registered name that no overload accepts."""
    types, kws = _offered(fc, args, kwargs, node)
    return fc.typing_error(f"no implementation of {what} for the argument "
                           f"types {_signature_text(types, kws)}", node)


def _call_resolved(fc: Any, found: Resolved, args: List[Any],
                   kwargs: Dict[str, Any], node: ast.AST) -> Any:
    return call_bound(fc, found.impl, args, kwargs, node,
                      list(found.args), dict(found.kws))


def call_bound(fc: Any, func: Callable[..., Any], args: List[Any],
               kwargs: Dict[str, Any], node: ast.AST,
               types: Optional[List[Type]] = None,
               kws: Optional[Dict[str, Type]] = None) -> Any:
    """Call the compiled `func` with positional and keyword arguments,
    ordered as its parameters (defaults fill the gaps before the last
    argument given; the callee applies the trailing ones). `types` and
    `kws` are the types chosen for them (literal types bind constants);
    by default the arguments' own types."""
    try:
        sig = inspect.signature(func)
        bound = sig.bind(*[("arg", i) for i in range(len(args))],
                         **{k: ("kw", k) for k in kwargs})
    except (TypeError, ValueError) as e:
        raise fc.typing_error(f"'{getattr(func, '__qualname__', func)}' "
                              f"does not take these arguments ({e})", node)
    args = function_values(list(args))  # operator.add passed: a function
    kwargs = dict(zip(kwargs, function_values(list(kwargs.values()))))
    check_passed_functions(fc, func, list(args) + list(kwargs.values()), node)
    if any(getattr(getattr(a, "cls", None), "_kern_iterator", False)
           for a in list(args) + list(kwargs.values())):
        raise fc.unsupported(f"passing an iterator (what iter() returns) to "
                             f"'{getattr(func, '__qualname__', func)}'", node)
    params = list(sig.parameters.values())
    given = [i for i, p in enumerate(params) if p.name in bound.arguments]
    values: List[Any] = []
    chosen: List[Optional[Type]] = []
    for p in params[:given[-1] + 1] if given else []:
        if p.kind == p.VAR_KEYWORD:
            raise fc.unsupported(f"the parameter '**{p.name}' of "
                                 f"'{func.__qualname__}' in compiled code",
                                 node)
        if p.kind == p.VAR_POSITIONAL:  # *args: a tuple of the extra ones
            tags = bound.arguments.get(p.name, ())
            values.append(TupleVal(tuple(fc.value(args[key], node)
                                         for _, key in tags)))
            chosen.append(None)
        elif p.name in bound.arguments:
            tag, key = bound.arguments[p.name]
            values.append(args[key] if tag == "arg" else kwargs[key])
            if tag == "arg":
                chosen.append(types[key] if types is not None else None)
            else:
                chosen.append(kws[key] if kws is not None else None)
        else:  # a default before a given argument: a constant
            values.append(Const(p.default))
            chosen.append(offered_type(fc, Const(p.default), node))
    return call_compiled(fc, func, values, chosen, node)



def settled(t: Type) -> bool:
    """Whether `t` holds no container (list, dict, set) whose item types
    are still unknown: an empty one made in this pass and filled later
    has its type only in the next pass, and a callee compiled for it now
    would see undefined items.

    >>> from kern.listtype import List
    >>> from kern.types import float64
    >>> settled(Tuple([List(float64), float64])), settled(List(None))
    (True, False)
    """
    if isinstance(t, Tuple):
        return all(settled(item) for item in t.types)
    return getattr(t, "typed", True)  # (List, Dict, Set types have it)


def call_compiled(fc: Any, py_func: Callable[..., Any], values: List[Any],
                  types: Optional[List[Optional[Type]]], node: ast.AST
                  ) -> Any:
    """Compile `py_func` for the types of `values` into the module and
    emit the func.call; where `types` has a literal type, the callee is
    compiled with that constant instead of a parameter."""
    run_values: List[Any] = []
    key: List[Type] = []
    for i, v in enumerate(values):
        t = types[i] if types is not None else None
        if is_constant(t):
            key.append(t)
            continue
        if constant_item(v):  # None or a compiled function: a constant
            key.append(constant_type(v))
            continue
        v = fc.value(v, node)
        t = v.ty
        if fc.changed and not settled(t):
            raise Retry()  # an empty list's items are typed next pass
        key.append(any_layout(t))  # (arrays reach callees fully strided)
        run_values.append(v)
    symbol, ret = fc.module.function(py_func, tuple(key), node, fc)
    flat_args: List[V] = []
    for v in run_values:
        for x in flatten(v):
            if isinstance(x.ty, Array):
                x = fc.arr.cast_to(x, x.ty.mlir)
            flat_args.append(x)
    arg_text = ", ".join(x.name for x in flat_args)
    arg_types = ", ".join(x.mt for x in flat_args)
    if ret is None:
        fc.b.emit(f"func.call @{symbol}({arg_text}) : ({arg_types}) -> ()")
        return Const(None)
    rtys = fc.module.result_types(ret)
    if not rtys:  # an empty tuple: a call without results
        fc.b.emit(f"func.call @{symbol}({arg_text}) : ({arg_types}) -> ()")
        return unflatten(ret, iter([]))
    name = fc.b.fresh("call")
    count = f":{len(rtys)}" if len(rtys) > 1 else ""
    fc.b.emit(f"{name}{count} = func.call @{symbol}({arg_text}) : "
              f"({arg_types}) -> ({', '.join(m for _, m in rtys)})")
    if len(rtys) == 1:
        vals = [V(name, rtys[0][0], rtys[0][1])]
    else:
        vals = [V(f"{name}#{i}", t, m) for i, (t, m) in enumerate(rtys)]
    return unflatten(ret, iter(vals))
