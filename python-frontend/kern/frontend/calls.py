"""Calls: the dispatch of a call to what implements it -- other
`@kern.njit` functions (compiled into the same module, called with
func.call), overloads, NumPy functions and methods, `np.random`, and the
built-ins and `math` (kern/frontend/builtin_calls.py), NumPy's elementwise
functions (ufunc_calls.py) and the other modules by subject.

The callee is a compile-time constant; it is recognised by identity
(`np.sqrt`, `math.sqrt`, `len`, ...) and emitted inline.
"""

from __future__ import annotations

import ast
from typing import Any, Optional

from ..functiontype import FunctionType
from ..types import (Array, ExternalFunction, Scalar, bool_, from_dtype,
                     is_namedtuple_class, promote)
from ..extending import register_jitable_as
from ..registry import REGISTRY
from .builder import Const, InstanceVal, OptVal, TupleVal, V, check_count
from .overloads import (call_bound, call_function_overload,
                        call_method_overload, no_implementation)
from . import (axes, dicts, lists, namedtuples, operators, sequences,
               sets, strings)
from .callees import callee_name
from .joining import JOINERS
from .reductions import axis_call, reduction
from .ctypescalls import ctypes_call, external_call, is_ctypes_function
from .pyoperator import is_operator, operator_call
from .introspect import tuple_method
from .iterables import as_comprehension
from .builtin_calls import call_builtin, call_math
from .ufunc_calls import conj, ufunc_call

def np_ufunc() -> Any:
    import numpy
    return numpy.sqrt


def is_dispatcher(obj: Any) -> bool:
    """Whether `obj` is a `@kern.njit` function (a Dispatcher)."""
    if getattr(obj, "_kern_dispatcher", False) is True:
        return True
    return any(c.__name__ == "Dispatcher" and c.__module__ == "kern.dispatcher"
               for c in type(obj).__mro__) and callable(
        getattr(obj, "py_func", None))


def call(fc: Any, node: ast.Call) -> Any:
    """Emit the call `node` in FunctionCompiler `fc`."""
    if isinstance(node.func, ast.Attribute):
        base = fc.expr(node.func.value)
        if isinstance(base, OptVal) and not isinstance(base.value, Const):
            base = fc.value(base, node.func.value)  # (None: TypeError)
        if isinstance(base, Const) and isinstance(base.value, str):
            base = strings.constant(fc, base.value)  # ", ".join(words)
        if isinstance(base, InstanceVal):  # a jitclass method
            from .instances import call_method
            args, kwargs = _arguments(fc, node)
            return call_method(fc, base, node, args, kwargs)
        if isinstance(base, V):
            return value_method(fc, base, node)
        if isinstance(base, TupleVal):  # t.index(x), t.count(x)
            args, _ = _arguments(fc, node)
            return tuple_method(fc, base, node.func.attr, args, node)
        if not isinstance(base, Const):
            raise fc.typing_error(f"cannot call a method of "
                                  f"{fc.type_name(base)}", node)
        func = Const(getattr(base.value, node.func.attr, None))
        if func.value is None:
            raise fc.typing_error(f"'{fc.src(node.func.value)}' has no "
                                  f"attribute '{node.func.attr}'", node)
    else:
        func = fc.expr(node.func)
    if isinstance(func, V) and isinstance(func.ty, FunctionType):
        from .pointers import call_pointer  # a C function pointer
        args, kwargs = _arguments(fc, node)
        return call_pointer(fc, func, node, args, kwargs)
    if not isinstance(func, Const):
        raise fc.typing_error(f"'{fc.src(node.func)}' of type "
                              f"{fc.type_name(func)} is not callable", node)
    target = func.value
    if getattr(target, "_kern_gpu", None) is not None:  # kern.cuda
        from .gpu import call_gpu
        return call_gpu(fc, target, node)
    if is_dispatcher(target):
        return call_njit(fc, target, node)
    if isinstance(target, type) and getattr(
            target, "_kern_instance_type", None) is not None:  # a jitclass
        from .instances import constructor
        args, kwargs = _arguments(fc, node)
        return call_bound(fc, constructor(target._kern_instance_type.info),
                          args, kwargs, node)
    if is_namedtuple_class(target):
        args, kwargs = _arguments(fc, node)
        return namedtuples.construct(fc, target, args, kwargs, node)
    if getattr(target, "_kern_new_instance", False) is True:
        from .instances import new_instance
        return new_instance(fc, fc.py_func.__kern_constructor__, node)
    if getattr(target, "_kern_cfunc", False) is True:
        from .pointers import call_cfunc
        args, kwargs = _arguments(fc, node)
        return call_cfunc(fc, target, node, args, kwargs)
    if is_ctypes_function(target):
        args, kwargs = _arguments(fc, node)
        return ctypes_call(fc, target, args, kwargs, node)
    if isinstance(target, ExternalFunction):
        args, kwargs = _arguments(fc, node)
        return external_call(fc, target, args, kwargs, node)
    if is_operator(target):  # operator.add(a, b) is a + b
        return operator_call(fc, target, node)
    if getattr(target, "_kern_literal_unroll", False) is True:
        args, kwargs = _arguments(fc, node)  # (loops.py unrolls the loop)
        check_count(fc, "literal_unroll", args, 1, 1, node)
        return args[0]
    if getattr(target, "_kern_stencil", False) is True:
        return call_stencil(fc, target, node)
    if getattr(target, "_kern_container", None) is not None:
        args, kwargs = _arguments(fc, node)  # kern.typed.List / Dict
        return dicts.typed_container(fc, target, args, kwargs, node)
    owner = getattr(target, "__self__", None)
    from ..ufunc.registry import vectorized_of  # @kern.vectorize
    if vectorized_of(owner) is not None:
        raise fc.unsupported(f"'{fc.src(node.func)}': methods of a "
                             f"kern.vectorize ufunc inside compiled code",
                             node)
    if type(owner).__name__ == "ufunc" and getattr(
            target, "__name__", "") in ("reduce", "accumulate", "outer"):
        from .ufunc_methods import call_ufunc_method  # np.add.reduce, ...
        args, kwargs = _arguments(fc, node)
        return call_ufunc_method(fc, owner, target.__name__, args, kwargs,
                                 node)
    if vectorized_of(target) is not None:
        from ..ufunc.njit import call_vectorized
        return call_vectorized(fc, vectorized_of(target), node)
    name = callee_name(target)
    if name is not None and name.startswith("builtin."):  # sum(gen(n))
        from .genreduce import reduced
        r = reduced(fc, node, name[len("builtin."):])
        if r is not None:
            return r
        from .generators import materialized
        made = materialized(fc, node, name[len("builtin."):])
        if made is not None:
            return fc.expr(made)
    if name == "builtin.len" and len(node.args) == 1 and \
            sequences.is_range_call(fc, node.args[0]):  # len(range(...))
        return sequences.sequence(fc, node.args[0], node)[0]
    if name in ("builtin.iter", "builtin.next"):
        from .iterators import call as iterator_call
        return iterator_call(fc, name[8:], node)
    if name == "builtin.list":
        from .list_ops import construct
        return construct(fc, node)
    if name == "builtin.dict":  # dict(zip(keys, values))
        made = as_comprehension(fc, node, "dict")
        if made is not None:
            return fc.expr(made)
    if name in ("np.array", "np.asarray"):
        from .joining import call_array
        return call_array(fc, name[3:], node)
    if name == "builtin.set":  # (of range() too)
        return sets.call_constructor(fc, "set", node)
    if name is None and is_numba_function(target) and \
            not REGISTRY.has_function(target):  # a library's @numba.njit
        register_jitable_as(target, target.py_func)
    overloaded = REGISTRY.has_function(target)
    if name is None and not overloaded:
        raise not_compilable(fc, target, node)
    args, kwargs = _arguments(fc, node)
    if overloaded:
        r = call_function_overload(fc, target, args, kwargs, node)
        if r is not None:
            return r
        if name is None:
            raise no_implementation(fc, f"'{fc.src(node.func)}'", args,
                                    kwargs, node)
    kind, fname = name.split(".", 1)
    from .linalg import call_linalg
    from .randoms import call_random
    from .views import call_views
    handler = {"builtin": call_builtin, "math": call_math, "np": call_numpy,
               "random": call_random, "dtype": call_dtype,
               "linalg": call_linalg, "views": call_views}[kind]
    return handler(fc, fname, args, kwargs, node)


def is_numba_function(obj: Any) -> bool:
    """A Numba `@njit` function (numba.core.registry.CPUDispatcher):
    kern compiles its Python function, `py_func`."""
    return type(obj).__module__.startswith("numba.") and callable(
        getattr(obj, "py_func", None)) and hasattr(obj, "targetoptions")


def not_compilable(fc: Any, target: Any, node: ast.Call) -> Exception:
    """The error for a call of something compiled code cannot call."""
    what = getattr(target, "__name__", type(target).__name__)
    module = getattr(target, "__module__", None) or ""
    if module.startswith("numpy") or isinstance(target, type(np_ufunc())):
        return fc.unsupported(f"the NumPy function '{fc.src(node.func)}'",
                              node)
    if module in ("math", "cmath", "builtins"):
        return fc.unsupported(f"{module}.{what}()", node)
    return fc.unsupported(f"call to the Python function '{what}' (not "
                          f"compiled with @kern.njit)", node)


def _arguments(fc: Any, node: ast.Call) -> Any:
    """The positional and keyword arguments of a call; `*t` of a tuple
    spreads its items."""
    args: list = []
    for a in node.args:
        if not isinstance(a, ast.Starred):
            args.append(fc.expr(a))
            continue
        t = fc.expr(a.value)
        if not isinstance(t, TupleVal):
            raise fc.unsupported(f"'*' of {fc.type_name(t)} in a call", a)
        args.extend(t.items)
    for k in node.keywords:
        if k.arg is None:
            raise fc.unsupported("'**' in a call", k.value)
    return args, {k.arg: fc.expr(k.value) for k in node.keywords}


def value_method(fc: Any, base: V, node: ast.Call) -> Any:
    """`base.m(...)` of an array or scalar: an overload_method that
    applies, else kern's own method."""
    attr = node.func.attr
    if attr == "fill" and isinstance(base.ty, Array):
        fc.check_not_part_copy(node.func.value, base, node)  # c.real.fill
    if sets.is_set(base):  # (range() arguments: read by the method)
        from .setalgebra import method as set_method
        return set_method(fc, base, node)
    args, kwargs = _arguments(fc, node)
    if lists.is_list(base):
        if attr == "sort" and (kwargs or lists.is_structured(
                lists.item_type(fc, base))):  # key=, reverse=, tuple items
            from .keyed_sort import list_sort
            return list_sort(fc, base, kwargs, node)
        return lists.method(fc, base, attr, args, kwargs, node)
    if dicts.is_dict(base):
        return dicts.method(fc, base, attr, args, kwargs, node)
    if strings.is_str(base):
        from .str_methods import method
        return method(fc, base, attr, args, kwargs, node)
    overloaded = REGISTRY.has_method(base.ty, attr)
    if overloaded:
        r = call_method_overload(fc, base, attr, args, kwargs, node)
        if r is not None:
            return r
    if isinstance(base.ty, Array) and attr in ARRAY_METHODS:
        return array_method(fc, base, attr, node, args, kwargs)
    if attr == "view" and isinstance(base.ty, (Array, Scalar)):
        from .views import view_method
        return view_method(fc, base, args, kwargs, node)
    if attr == "tobytes" and isinstance(base.ty, Array):
        from .views import tobytes
        return tobytes(fc, base, args, kwargs, node)
    if isinstance(base.ty, Scalar) and attr in ("conjugate", "conj"):
        return conj(fc, base)
    if isinstance(base.ty, Scalar) and attr == "item" and not args and \
            not kwargs:  # a NumPy scalar's (np.nditer's items)
        return base
    if overloaded:
        raise no_implementation(fc, f"the method '{attr}' of {base.ty}",
                                args, kwargs, node)
    if isinstance(base.ty, Array):
        raise fc.unsupported(f"the array method .{attr}()", node)
    raise fc.typing_error(f"unknown method '{attr}' of {base.ty}", node)


# ---------------------------------------------------------------------------
# njit functions
# ---------------------------------------------------------------------------

def call_njit(fc: Any, dispatcher: Any, node: ast.Call) -> Any:
    """A call of another @kern.njit function (keywords and defaults bound
    as Python binds them)."""
    from .generators import generator_function, make
    if generator_function(dispatcher) is not None:  # a generator object
        return make(fc, node, dispatcher)
    args, kwargs = _arguments(fc, node)
    from .closures import InnerFunction, call_inner
    if isinstance(dispatcher, InnerFunction):  # a def/lambda inside
        return call_inner(fc, dispatcher, args, kwargs, node)
    return call_bound(fc, dispatcher.py_func, args, kwargs, node)


def call_stencil(fc: Any, st: Any, node: ast.Call) -> Any:
    """A call of a `@kern.stencil` (kern/stencil.py): its driver for these
    argument types, compiled into the module like an njit callee."""
    args, kwargs = _arguments(fc, node)
    extra = sorted(set(kwargs) - {"out"})
    if extra:
        raise fc.typing_error(f"a stencil takes its kernel's arguments and "
                              f"out=, not {'=, '.join(extra)}=", node)
    values = [fc.value(a, node) for a in args]
    out = kwargs.get("out")
    out = None if out is None else fc.value(out, node)
    driver = st.driver([v.ty for v in values], None if out is None else out.ty)
    return call_bound(fc, driver, values + ([out] if out is not None else []),
                      {}, node)


# ---------------------------------------------------------------------------
# numpy
# ---------------------------------------------------------------------------

def _numpy() -> Any:
    import numpy
    return numpy


def _truth(fc: Any, x: Any, node: ast.AST) -> Any:
    """`x` as booleans (arrays elementwise), as NumPy's logical_*."""
    if fc.is_array(x):
        if x.ty.dtype is bool_:
            return x
        return fc.arr.ufunc([x], lambda a: fc.s.truth(a[0]), bool_)
    return fc.s.truth(fc.scalar(node, x))


def call_numpy(fc: Any, name: str, args: list, kwargs: dict,
               node: ast.AST) -> Any:
    from . import creation
    if name in ("datetime64", "timedelta64", "isnat"):
        from . import datetimes
        return datetimes.call(fc, name, args, kwargs, node)
    if name in ("sum", "prod", "min", "max", "amin", "amax", "mean",
                "argmin", "argmax"):
        if not args or not fc.is_array(args[0]):
            if args and not kwargs and name in ("min", "max", "sum", "prod",
                                                 "amin", "amax", "mean"):
                return fc.scalar(node, args[0])
            raise fc.typing_error(f"np.{name}() expects an array", node)
        axis = kwargs.pop("axis", args[1] if len(args) > 1 else None)
        keepdims = kwargs.pop("keepdims", None)
        if kwargs:
            raise fc.unsupported(f"np.{name}() with {', '.join(kwargs)}",
                                 node)
        if len(args) > 2:
            raise fc.unsupported(f"np.{name}() with arguments after axis",
                                 node)
        return reduction(fc, name, args[0], axis, node, keepdims)
    if name in JOINERS:
        from .joining import join
        axis = kwargs.pop("axis", args[1] if len(args) > 1 else Const(0))
        if kwargs or len(args) > 2 or not args:
            raise fc.typing_error(f"np.{name}(arrays, axis=0)", node)
        return join(fc, name, args[0], axis, node)
    if name in ("logical_and", "logical_or", "logical_xor"):
        check_count(fc, "np." + name, args, 2, 2, node)
        op = {"logical_and": "&", "logical_or": "|", "logical_xor": "^"}[name]
        return fc.binary(op, _truth(fc, args[0], node), _truth(fc, args[1], node),
                         node)
    if name in ("any", "all", "cumsum", "cumprod", "var", "std"):
        return axis_call(fc, name, args, kwargs, node)
    if name in ("round", "around", "round_"):
        from .rounding import round_call
        return round_call(fc, args, kwargs, node)
    if name in ("transpose", "swapaxes", "moveaxis"):
        return axes.call(fc, name, args, kwargs, node)
    if name == "squeeze":
        return axes.squeeze(fc, args, kwargs, node)
    if name == "broadcast_to":
        return axes.broadcast_to(fc, args, kwargs, node)
    if name == "asfortranarray":
        return axes.fortran_copy(fc, args, kwargs, node)
    if name == "broadcast_arrays":
        from .broadcast_arrays import broadcast_arrays
        return broadcast_arrays(fc, args, kwargs, node)
    if name in ("finfo", "iinfo", "expand_dims", "atleast_1d", "atleast_2d",
                "atleast_3d"):
        return axes.shape_call(fc, name, args, kwargs, node)
    if kwargs and name not in creation.CREATORS:  # out=, dtype=, order=...
        raise fc.unsupported(f"keyword arguments to np.{name}()", node)
    if name == "where" and len(args) == 1:  # np.nonzero(condition)
        return call_function_overload(fc, _numpy().nonzero, args, {}, node)
    if name == "where":
        check_count(fc, "np.where", args, 3, 3, node)
        c, x, y = args
        if not any(fc.is_array(a) for a in args):
            cond = fc.s.truth(fc.scalar(node, c))
            t = promote(fc.scalar(node, x).ty, fc.scalar(node, y).ty)
            return fc.s.select(cond, fc.s.cast(fc.scalar(node, x), t),
                               fc.s.cast(fc.scalar(node, y), t))
        t = fc.elementwise_type([x, y] if fc.is_array(x) or fc.is_array(y)
                                else [c], node)
        if not (fc.is_array(x) or fc.is_array(y)):
            t = promote(fc.scalar(node, x).ty, fc.scalar(node, y).ty)
        cv = fc.array_operands([c], node, bool_)[0]
        xv, yv = fc.array_operands([x, y], node, t)
        body = lambda a: fc.s.select(fc.s.truth(a[0]), fc.s.cast(a[1], t),
                                     fc.s.cast(a[2], t))
        return fc.arr.ufunc([cv, xv, yv], body, t, keep_0d=True)  # NumPy's
    if name in creation.CREATORS:
        return creation.create(fc, name, args, kwargs, node)
    if name == "copy":
        return array_method(fc, args[0], "copy", node, [])
    if name == "reshape":
        return array_method(fc, args[0], "reshape", node, args[1:])
    binary = {"add": "+", "subtract": "-", "multiply": "*", "divide": "/",
              "true_divide": "/", "floor_divide": "//", "mod": "%",
              "remainder": "%"}
    if name in binary:
        check_count(fc, "np." + name, args, 2, 2, node)
        return fc.binary(binary[name], args[0], args[1], node)
    if name in operators.NAMED:
        return operators.named(fc, name, args, node)
    if kwargs:
        raise fc.unsupported(f"keyword arguments to np.{name}()", node)

    if name in ("dot", "matmul"):
        from .linalg import matmul
        check_count(fc, "np." + name, args, 2, 2, node)
        return matmul(fc, args[0], args[1], node, name)
    if name == "clip":
        check_count(fc, "np.clip", args, 3, 3, node)
        lo = call_numpy(fc, "maximum", [args[0], args[1]], {}, node)
        return call_numpy(fc, "minimum", [lo, args[2]], {}, node)
    return ufunc_call(fc, name, args, node)


# ---------------------------------------------------------------------------
# methods, random, dtypes
# ---------------------------------------------------------------------------

ARRAY_METHODS = ("sum", "prod", "min", "max", "mean", "argmin", "argmax",
                 "any", "all", "cumsum", "cumprod", "var", "std", "round",
                 "copy",
                 "astype",
                 "conjugate", "conj", "reshape", "transpose", "fill", "dot",
                 "item", "swapaxes", "squeeze")


def array_method(fc: Any, a: V, name: str, node: ast.Call, args: list,
                 kwargs: Optional[dict] = None) -> Any:
    from . import creation
    kwargs = dict(kwargs or {})
    if name in ("sum", "prod", "min", "max", "mean", "argmin", "argmax"):
        axis = kwargs.pop("axis", args[0] if args else None)
        keepdims = kwargs.pop("keepdims", None)
        if kwargs or len(args) > 1:  # dtype=, out=, ...
            raise fc.unsupported(f".{name}() with arguments other than "
                                 f"axis and keepdims", node)
        return reduction(fc, name, a, axis, node, keepdims)
    if name in ("any", "all", "cumsum", "cumprod", "var", "std", "round",
                "swapaxes", "squeeze"):  # a.swapaxes(0, 1) is np.swapaxes(a, 0, 1)
        return call_numpy(fc, name, [a] + list(args), kwargs, node)
    if kwargs:  # order=, copy=, ...
        raise fc.unsupported(f"keyword arguments to the array method "
                             f".{name}()", node)
    if name == "copy":
        return fc.arr.fresh_copy(a)
    if name == "astype":
        if len(args) != 1:
            raise fc.typing_error("astype() takes one dtype", node)
        return fc.arr.fresh_copy(a, creation.dtype_of(fc, args[0], node))
    if name in ("conjugate", "conj"):
        return conj(fc, a)
    if name == "reshape":
        return creation.reshape(fc, a, args, node)
    if name == "transpose":
        return axes.transpose(fc, a, args, node)
    if name == "item":
        return axes.item(fc, a, args, node)
    if name == "dot":
        from .linalg import matmul
        check_count(fc, "a.dot", args, 1, 1, node)
        return matmul(fc, a, args[0], node, "dot")
    if name == "fill":
        fc.arr.fill(a, fc.scalar(node, args[0]))
        return Const(None)
    raise fc.unsupported(f"the array method .{name}()", node)


def call_dtype(fc: Any, name: str, args: list, kwargs: dict,
               node: ast.AST) -> Any:
    import numpy
    if name == "dtype":  # np.dtype('float32'): a compile-time constant
        from .creation import dtype_of
        check_count(fc, "np.dtype", args, 1, 1, node)
        if kwargs or not isinstance(args[0], Const):
            raise fc.unsupported("np.dtype() of anything but one constant "
                                 "(a type or a name)", node)
        return Const(numpy.dtype(dtype_of(fc, args[0], node).np))
    t = from_dtype(getattr(numpy, name))
    check_count(fc, name, args, 1, 1, node)
    if fc.is_array(args[0]):
        return fc.arr.fresh_copy(args[0], t)
    return fc.s.cast(fc.scalar(node, args[0]), t)
