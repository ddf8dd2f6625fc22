"""Typing and emission of Python expressions (a mixin of FunctionCompiler).

Each `expr(node)` returns a `V` (an SSA value), a `TupleVal` or a `Const`
(a compile-time Python object: a number, a module, a function). Constants
stay Python objects until used, so `x ** 2` squares by multiplication and
`float32_array * 2.0` stays float32 (a Python scalar is a weak type).
"""

from __future__ import annotations

import ast

import numpy as np
import builtins
import operator
from typing import Any, List

from ..errors import KernError, TypingError
from ..types import (Array, Buffer, Scalar, bool_, complex128, float64,
                     int64, none, promote, promote_with_scalar, typeof)
from ..registry import REGISTRY
from ..bytestype import is_bytes
from . import (datetimes, dicts, flatiter, generators, list_ops, lists,
               namedtuples, records, sets, strings, tuples)
from .arrays import is_0d, numeric
from .overloads import attribute_overload
from .passes import Retry, UntypedRecursion
from .constarrays import constant_array
from .subscripts import SubscriptMixin
from .typemap import value_type
from .builder import (Const, GenVal, InstanceVal, OptVal, SelfReference,
                      TupleVal, V, constant_item, is_number)

BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/",
           ast.FloorDiv: "//", ast.Mod: "%", ast.Pow: "**", ast.BitAnd: "&",
           ast.BitOr: "|", ast.BitXor: "^", ast.LShift: "<<",
           ast.RShift: ">>"}
_FOLD = {"+": operator.add, "-": operator.sub, "*": operator.mul,
         "**": operator.pow, "&": operator.and_, "|": operator.or_,
         "^": operator.xor, "<<": operator.lshift, ">>": operator.rshift}
_CMPOPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
           ast.Eq: "==", ast.NotEq: "!="}

_UNSUPPORTED_EXPR = {
    ast.GeneratorExp: "generator expression",
    ast.Yield: "yield (generators)", ast.YieldFrom:
    "yield from (generators)", ast.Await: "await", ast.Starred: "starred expression", ast.NamedExpr:
    "assignment expression (:=)"}


def _compile_time(v: Any) -> bool:
    """A constant that is not a number (numbers become values): a dtype, a
    class, an enum member, a string, a module."""
    return isinstance(v, Const) and not is_number(v) and not isinstance(
        v.value, tuple)


class ExpressionMixin(SubscriptMixin):
    """Expression emission; needs self.b, self.s, self.arr, self.env."""

    # ---- helpers ----------------------------------------------------------

    def value(self, x: Any, node: ast.AST) -> Any:
        """Materialize a numeric Const as an SSA value; an Optional one
        is checked (TypeError for None) and unwrapped."""
        if isinstance(x, (flatiter.FlagsVal, flatiter.FlatVal)):
            raise self.unsupported(f"'{self.src(node)}' ({x.ty}) as a value: "
                                   f"kern takes its attributes, items and "
                                   f"loops directly", node)
        if isinstance(x, OptVal):
            self.s.raise_if(self.s.not_(x.present), "TypeError",
                            f"expected {x.value.ty}, got None")
            return x.value
        if isinstance(x, Const):
            if isinstance(x.value, str):
                return strings.constant(self, x.value)
            if x.value is None:
                # a variable that is None so far may turn out Optional once
                # the pass has seen all its assignments (`best = None` before
                # a loop that compares and assigns it): the error waits for
                # a pass in which no type changed (compile())
                self.none_uses.append(node)
                return self.b.const(0, int64)
            if is_number(x):
                return self.b.const(x.value, typeof(x.value))
            import numpy
            if isinstance(x.value, (numpy.datetime64, numpy.timedelta64)):
                return self.b.const(datetimes.constant(x.value),
                                    typeof(x.value))
            if isinstance(x.value, numpy.generic):
                return self.b.const(x.value.item(), typeof(x.value))
            if isinstance(x.value, tuple):
                return TupleVal(tuple(self.value(Const(v), node)
                                      for v in x.value))
            raise self.typing_error(f"'{self.src(node)}' of Python type "
                                    f"{type(x.value).__name__} cannot be "
                                    f"used as a value", node)
        return x

    def scalar(self, node: ast.AST, x: Any = None) -> V:
        x = self.value(self.expr(node) if x is None else x, node)
        if is_0d(x):  # a 0-d array stands for its element (as in NumPy)
            x = self.arr.load(x, [])
        if not isinstance(x, V) or not isinstance(x.ty, Scalar):
            raise self.typing_error(f"expected a scalar for "
                                    f"'{self.src(node)}', got {x.ty}", node)
        return x

    def expr(self, node: ast.expr) -> Any:
        method = getattr(self, "expr_" + type(node).__name__, None)
        if method is None:
            what = _UNSUPPORTED_EXPR.get(type(node), type(node).__name__)
            raise self.unsupported(what, node)
        self.s.where = self.location(node)
        try:
            value = method(node)
        except KernError as e:
            raise self.locate(e, node) from None
        self.node_types[node] = value_type(value)  # (the typemap)
        return value

    # ---- leaves -----------------------------------------------------------

    def expr_Constant(self, node: ast.Constant) -> Any:
        """A constant; str and None only as compile-time options (for
        example `side='right'` passed to an overload), not as values."""
        return Const(node.value)

    def expr_JoinedStr(self, node: ast.JoinedStr) -> Any:
        return strings.fstring(self, node)

    def expr_Name(self, node: ast.Name) -> Any:
        fixed = getattr(node, "kern_value", None)  # a name kern made
        if fixed is not None:  # (a generator's array global: frozen)
            return constant_array(self, fixed, node) if isinstance(
                fixed, np.ndarray) else Const(fixed)
        if node.id in self.env:
            found = self.env[node.id]
            if isinstance(found, GenVal):  # read once (frontend/generators)
                generators.check_use(self, node)
            return found
        if node.id in self.missing and self.changed:
            raise Retry()  # its type is known in the next pass
        if node.id in self.vartypes or node.id in self.local_names:
            raise self.typing_error(f"variable '{node.id}' may be undefined "
                                    f"here", node)
        found = self.global_value(node.id, node)
        if isinstance(found.value, np.ndarray):  # frozen, as in Numba
            return constant_array(self, found.value, node)
        return found

    def global_value(self, name: str, node: ast.AST) -> Const:
        """A global, closure or builtin, frozen at compile time."""
        f = self.py_func
        if f.__closure__ and name in f.__code__.co_freevars:
            cell = f.__closure__[f.__code__.co_freevars.index(name)]
            try:
                return Const(cell.cell_contents)
            except ValueError:  # an empty cell: not bound yet
                if name == f.__name__:
                    return Const(SelfReference(f))
                raise self.typing_error(f"free variable '{name}' is not "
                                        f"bound yet", node) from None
        if name in f.__globals__:
            return Const(f.__globals__[name])
        if hasattr(builtins, name):
            return Const(getattr(builtins, name))
        if name == f.__name__:
            return Const(SelfReference(f))  # compiled before Python binds it
        raise self.typing_error(f"name '{name}' is not defined", node)

    def expr_List(self, node: ast.List) -> V:
        return lists.display(self, node)

    def expr_ListComp(self, node: ast.ListComp) -> V:
        return lists.comprehension(self, node)

    def expr_Dict(self, node: ast.Dict) -> V:
        return dicts.display(self, node)

    def expr_DictComp(self, node: ast.DictComp) -> V:
        return lists.comprehension(self, node)

    def expr_Set(self, node: ast.Set) -> V:
        return sets.display(self, node)

    def expr_SetComp(self, node: ast.SetComp) -> V:
        return lists.comprehension(self, node)

    def expr_Lambda(self, node: ast.Lambda) -> Const:
        from .closures import lambda_function
        return lambda_function(self, node)

    def expr_Tuple(self, node: ast.Tuple) -> Any:
        items = [(self.expr(e), e) for e in node.elts]
        if items and all(_compile_time(x) and not constant_item(x)
                         for x, _ in items):  # (int, float), ('a', 'b')
            return Const(tuple(x.value for x, _ in items))
        return TupleVal(tuple(x if constant_item(x) else self.value(x, e)
                              for x, e in items))

    def expr_Attribute(self, node: ast.Attribute) -> Any:
        if node.attr == "data" and isinstance(node.value, ast.Attribute) \
                and node.value.attr == "ctypes":  # a.ctypes.data
            arr = self.expr(node.value.value)
            if self.is_array(arr):
                from .ctypescalls import data_address
                return data_address(self, arr)
        base = self.expr(node.value)
        if isinstance(base, Const):
            if not hasattr(base.value, node.attr):
                raise self.typing_error(f"'{self.src(node.value)}' has no "
                                        f"attribute '{node.attr}'", node)
            value = getattr(base.value, node.attr)
            if isinstance(value, np.ndarray) and isinstance(
                    base.value, type(np)):  # module.TABLE: frozen
                return constant_array(self, value, node)
            if getattr(value, "_kern_gpu_value", None) is not None:
                from .gpu import gpu_value  # cuda.threadIdx.x, ...
                return gpu_value(self, value, node)
            if isinstance(value, np.generic) and value.ndim == 0 and \
                    value.dtype.kind in "biufc":  # np.finfo(t).eps, ...
                value = value.item()
            return Const(value)
        return self.attribute(base, node.attr, node)

    def attribute(self, v: Any, attr: str, node: ast.AST) -> Any:
        b = self.b
        if isinstance(v, InstanceVal):  # a jitclass instance
            from .instances import attribute
            return attribute(self, v, attr, node)
        if isinstance(v, TupleVal) and v.cls is not None:
            return namedtuples.field(self, v, attr, node)
        if isinstance(v, V) and REGISTRY.has_attribute(v.ty, attr):
            r = attribute_overload(self, v, attr, node)
            if r is not None:
                return r
        if isinstance(v, flatiter.FlagsVal):
            return flatiter.flag(self, v, attr, node)
        if isinstance(v, V) and isinstance(v.ty, Array) and attr in (
                "flags", "flat"):  # (of arrays of records too)
            return flatiter.attribute(self, v, attr)
        if records.handles(v):  # a record's field, a field view
            r = records.attribute(self, v, attr, node)
            if r is not None:
                return r
        if isinstance(v, V) and isinstance(v.ty, Array):
            if attr == "shape":
                return TupleVal(tuple(self.s.from_index(d)
                                      for d in self.arr.dims(v)))
            if attr == "size":
                return self.s.from_index(self.arr.size(v))
            if attr == "ndim":
                return Const(v.ty.ndim)
            if attr == "T":
                return self.arr.transpose(v)
            if attr in ("real", "imag"):
                if v.ty.dtype.kind != "c":
                    if attr == "real":
                        return v
                    return self.arr.ufunc([v], lambda a: b.const(
                        0, a[0].ty), v.ty.dtype, keep_0d=True)
                fn = self.s.re if attr == "real" else self.s.im
                return self.arr.ufunc([v], lambda a: fn(a[0]),
                                      v.ty.dtype.real_type, keep_0d=True)
            if attr == "dtype":
                return Const(v.ty.dtype.np)
            if attr in ("itemsize", "nbytes", "strides"):
                return self.arr.byte_attribute(v, attr)
            if isinstance(v.ty, Buffer) and v.ty.kind == "memoryview" and \
                    attr in ("readonly", "contiguous"):
                return Const(v.ty.readonly if attr == "readonly" else
                             v.ty.contiguous)
        if isinstance(v, V) and isinstance(v.ty, Scalar):
            if v.ty.kind in "biu" and attr in ("real", "imag"):
                # Python: an int's real part is itself, its imag 0 (ints)
                t = int64 if v.ty.kind == "b" else v.ty
                return self.s.cast(v, t) if attr == "real" else \
                    b.const(0, t)
            if attr == "real":
                return self.s.re(v)
            if attr == "imag":
                return self.s.im(v)
        raise self.typing_error(f"unknown attribute '{attr}' of "
                                f"{self.type_name(v)}", node)

    # ---- operators --------------------------------------------------------

    def expr_BinOp(self, node: ast.BinOp) -> Any:
        if isinstance(node.op, ast.MatMult):
            from .linalg import matmul
            return matmul(fc=self, a=self.expr(node.left),
                          b=self.expr(node.right), node=node)
        op = BINOPS.get(type(node.op))
        if op is None:
            raise self.unsupported(f"operator {type(node.op).__name__}", node)
        x, y = self.expr(node.left), self.expr(node.right)
        return self.binary(op, x, y, node)

    def binary(self, op: str, x: Any, y: Any, node: ast.AST) -> Any:
        if is_number(x) and is_number(y) and op not in ("/", "//", "%"):
            try:
                return Const(_FOLD[op](x.value, y.value))
            except Exception:  # e.g. overflow: emitted instead
                pass
        if self.is_array(x) or self.is_array(y):
            return self.array_binary(op, x, y, node)
        text = strings.binary(self, op, x, y, node)
        if text is not None:
            return text
        if tuples.is_tuple(x) or tuples.is_tuple(y):
            return tuples.binary(self, op, x, y, node)
        if sets.is_set(x) or sets.is_set(y):
            from .setalgebra import binary as set_binary
            return set_binary(self, op, x, y, node)
        if lists.is_list(x) or lists.is_list(y):
            return list_ops.binary(self, op, x, y, node)
        if op == "**" and self.static_exponent(x, y):
            return self.static_power(self.scalar(node, x), y.value)
        if is_number(x) != is_number(y):  # a Python number is weak (NEP 50)
            var = y if is_number(x) else x
            num = x if is_number(x) else y
            if isinstance(var, V) and isinstance(var.ty, Scalar) and not (
                    var.ty.kind in "iu" and typeof(num.value).kind in "biu"
            ) and var.ty.kind not in "Mm":  # (datetimes: frontend/datetimes)
                # (integers with integers are 64-bit: Scalars.arith_type)
                w = promote_with_scalar(var.ty, typeof(num.value))
                c = self.b.const(num.value, w)
                x, y = (c, var) if is_number(x) else (var, c)
        xv, yv = self.scalar(node, x), self.scalar(node, y)
        try:
            t = self.s.arith_type(xv.ty, yv.ty, op)
            if op == "**" and t.kind in "iu" and isinstance(y, Const) and \
                    y.value < 0:
                t = float64
            return self.s.binop(op, xv, yv, t)
        except TypingError as e:
            raise self.typing_error(f"{e.message} in '{self.src(node)}'", node)

    def static_exponent(self, x: Any, y: Any) -> bool:
        """True when `x ** y` multiplies out: `y` a constant integer of at
        most 0x10000 in magnitude, negative only for a float `x`."""
        if not (isinstance(y, Const) and isinstance(y.value, int)) or \
                isinstance(y.value, bool) or abs(y.value) > 0x10000:
            return False
        ty = x.ty if isinstance(x, V) else typeof(getattr(x, "value", None))
        if self.is_array(x) or not isinstance(ty, Scalar):
            return False
        return ty.kind in "biuf" and (y.value >= 0 or ty.kind == "f")

    def static_power(self, x: V, n: int) -> V:
        """`x ** n` for a constant integer `n` by squaring, unrolled, as
        Numba does (`x ** 6` is three multiplications, not a `pow` call); a
        negative `n` takes the reciprocal (ZeroDivisionError for 0.0)."""
        t = x.ty if x.ty.kind != "b" else int64
        x = self.s.cast(x, t)
        r, k = None, abs(n)
        while k:
            if k & 1:
                r = x if r is None else self.s.binop("*", r, x, t)
            k >>= 1
            if k:
                x = self.s.binop("*", x, x, t)
        if r is None:
            return self.b.const(1, t)
        if n < 0:
            r = self.s.binop("/", self.b.const(1.0, t), r, t)
        return r

    def is_array(self, x: Any) -> bool:
        return isinstance(x, V) and isinstance(x.ty, Array)

    def elementwise_type(self, values: List[Any], node: ast.AST) -> Scalar:
        """NumPy's result dtype of arrays and (weak) scalars."""
        for v in values:
            if self.is_array(v):
                numeric(v)  # not records
        arrays = [v.ty.dtype for v in values if self.is_array(v)]
        scalars = [v.ty for v in values if isinstance(v, V) and
                   isinstance(v.ty, Scalar)]
        scalars += [typeof(v.value) for v in values if is_number(v)]
        t = arrays[0]
        for a in arrays[1:]:
            t = promote(t, a)
        for s in scalars:
            t = promote_with_scalar(t, s)
        return t

    def array_operands(self, values: List[Any], node: ast.AST,
                       t: Scalar) -> List[V]:
        out = []
        for v in values:
            if is_number(v):
                self.check_int_fits(v, t, node)
                v = self.b.const(v.value, t if typeof(v.value).kind != "c"
                                 or t.kind == "c" else complex128)
            elif isinstance(v, V) and isinstance(v.ty, Scalar):
                self.check_int_fits(v, t, node)
            v = self.value(v, node)
            if not isinstance(v, V):
                raise self.typing_error(f"cannot use {self.type_name(v)} in "
                                        f"an array expression", node)
            out.append(v)
        return out

    def check_int_fits(self, v: Any, t: Scalar, node: ast.AST) -> None:
        """NumPy 2 (NEP 50): a Python int used with an array of a narrower
        integer dtype (int32, or uint64 for a negative int) must fit it,
        else OverflowError -- never a silent wrap-around."""
        vt = typeof(v.value) if is_number(v) else v.ty
        if vt.kind != "i" or vt.bits != 64 or t.kind not in "iu" or (
                t.kind == "i" and t.bits == 64):
            return
        lo = 0 if t.kind == "u" else -2 ** (t.bits - 1)
        hi = 2 ** t.bits - 1 if t.kind == "u" else 2 ** (t.bits - 1) - 1
        what = f"out of bounds for {t}"
        if is_number(v):
            if not lo <= v.value <= hi:
                raise self.typing_error(f"Python integer {v.value} {what}",
                                        node)
            return
        b = self.b
        out = b.op(f"arith.cmpi slt, {v}, {b.const(lo, int64)} : i64", bool_)
        if hi < 2 ** 63:
            big = b.op(f"arith.cmpi sgt, {v}, {b.const(hi, int64)} : i64",
                       bool_)
            out = b.op(f"arith.ori {out}, {big} : i1", bool_)
        self.s.raise_if(out, "OverflowError", f"Python integer %d {what}",
                        [v])

    def array_binary(self, op: str, x: Any, y: Any, node: ast.AST) -> V:
        if datetimes.involved(self, x, y):
            return datetimes.array_binary(self, op, x, y, node)
        if is_bytes(getattr(x, "ty", None)) or is_bytes(getattr(y, "ty",
                                                                None)):
            raise self.unsupported(f"the operator '{op}' of bytes (kern's "
                                   f"bytes are indexed, measured and "
                                   f"returned)", node)
        for v in (x, y):
            if isinstance(getattr(v, "ty", None), Buffer):
                raise self.unsupported(f"'{op}' of a {v.ty.kind} (indexing, "
                                       f"iteration, len and slicing are "
                                       f"supported)", node)
        t = self.elementwise_type([x, y], node)
        if op == "/" and t.kind in "biu":
            t = float64
        elif t.kind == "b" and op in ("-", "/", "//", "%", "**"):
            raise self.typing_error(f"numpy boolean '{op}' is not supported",
                                    node)
        ops = self.array_operands([x, y], node, t)
        if op in _CMPOPS.values():
            body = lambda a: self.s.compare(op, self.s.cast(a[0], t),
                                            self.s.cast(a[1], t))
            return self.arr.ufunc(ops, body, bool_)
        if op == "**" and isinstance(y, Const) and isinstance(y.value, int) \
                and 0 <= y.value <= 4:
            body = lambda a: self.static_power(self.s.cast(a[0], t), y.value)
            return self.arr.ufunc(ops[:1], body, t)
        body = lambda a: self.s.binop(op, a[0], a[1], t)
        return self.arr.ufunc(ops, body, t)

    def expr_UnaryOp(self, node: ast.UnaryOp) -> Any:
        x = self.expr(node.operand)
        if is_number(x):
            fold = {ast.USub: operator.neg, ast.UAdd: operator.pos,
                    ast.Not: operator.not_, ast.Invert: operator.invert}
            try:
                return Const(fold[type(node.op)](x.value))
            except TypeError:
                raise self.typing_error(f"bad operand for "
                                        f"'{self.src(node)}'", node)
        if isinstance(node.op, ast.UAdd):
            return x
        if isinstance(node.op, ast.Not) and (sets.is_set(x) or lists.is_list(
                x) or dicts.is_dict(x)):
            return self.s.not_(self.truth_of(node.operand, x))
        if isinstance(node.op, ast.Not) and strings.is_text(x):
            return self.s.not_(strings.builtin(self, "bool", [x], {}, node))
        if isinstance(getattr(x, "ty", None), Buffer):
            if isinstance(node.op, ast.Not):
                return self.s.not_(self.truth_of(node.operand, x))
            raise self.unsupported(f"'{self.src(node)}' of a {x.ty.kind}",
                                   node)
        fn = {ast.USub: self.s.neg, ast.Not: self.s.not_,
              ast.Invert: self.s.invert}[type(node.op)]
        if self.is_array(x):
            if isinstance(node.op, ast.Not):
                raise self.typing_error("'not' of an array is ambiguous; "
                                        "use np.logical_not", node)
            t = x.ty.dtype
            rt = int64 if t.kind == "b" and fn is self.s.neg else t
            return self.arr.ufunc([x], lambda a: fn(a[0]), rt)
        return fn(self.scalar(node.operand, x))

    def expr_Compare(self, node: ast.Compare) -> Any:
        left = self.expr(node.left)
        result = None
        for op_node, right_node in zip(node.ops, node.comparators):
            if isinstance(op_node, (ast.Is, ast.IsNot)):
                right = self.expr(right_node)
                r = self.is_none(left, right, isinstance(op_node, ast.Is), node)
                result = r if result is None else self.logical_and(result, r,
                                                                   node)
                left = right
                continue
            if isinstance(op_node, (ast.In, ast.NotIn)):
                right = self.expr(right_node)
                if isinstance(left, Const) and isinstance(right, Const) and \
                        isinstance(right.value, (str, tuple)):
                    try:  # decided at compile time ('f' in trim)
                        r = Const(left.value in right.value)
                    except TypeError:
                        raise self.typing_error(
                            f"'in' of {self.type_name(left)} in "
                            f"{self.type_name(right)}", node) from None
                elif strings.contains_applies(left, right):
                    r = strings.contains(self, left, right, node)
                elif dicts.is_dict(right):
                    r = dicts.contains(self, right, left, node)
                elif sets.is_set(right):
                    r = sets.contains(self, right, left, node)
                elif lists.is_list(right):
                    r = lists.contains(self, right, left, node)
                elif self.is_array(right) and not self.is_array(left):
                    # NumPy: (a == x).any()
                    from .reductions import any_all
                    r = any_all(self, "any", self.array_binary(
                        "==", right, left, node), node)
                elif isinstance(right, TupleVal) and not self.is_array(left):
                    r = self.b.const(False, bool_)
                    for item in right.items:
                        eq = self.s.compare("==", self.scalar(node, left),
                                            self.scalar(node, item))
                        r = self.b.op(f"arith.ori {r}, {eq} : i1", bool_)
                else:
                    raise self.unsupported(f"'in' over "
                                           f"{self.type_name(right)}", node)
                if isinstance(op_node, ast.NotIn):
                    r = Const(not r.value) if isinstance(r, Const) else \
                        self.s.not_(r)
                if isinstance(r, Const) and result is not None:
                    r = self.b.const(r.value, bool_)
                result = r if result is None else self.logical_and(result, r,
                                                                   node)
                left = right
                continue
            op = _CMPOPS.get(type(op_node))
            if op is None:
                raise self.unsupported(f"comparison operator "
                                       f"'{type(op_node).__name__}'", node)
            right = self.expr(right_node)
            if op in ("==", "!=") and _compile_time(left) and \
                    _compile_time(right):  # a.dtype == np.float32, enums...
                r = Const((left.value == right.value) == (op == "=="))
                if result is not None:
                    r = self.b.const(r.value, bool_)
            elif (isinstance(left, TupleVal) and tuples.is_tuple(right)) or (
                    isinstance(right, TupleVal) and tuples.is_tuple(left)):
                r = tuples.equal(self, op, tuples.as_items(left),
                                 tuples.as_items(right), node)
            elif self.is_array(left) or self.is_array(right):
                r = self.array_binary(op, left, right, node)
            elif sets.is_set(left) or sets.is_set(right):
                from .setalgebra import compare as set_compare
                r = set_compare(self, op, left, right, node)
            elif lists.is_list(left) or lists.is_list(right):
                r = list_ops.compare(self, op, left, right, node)
            elif strings.is_text(left) or strings.is_text(right):
                r = strings.compare(self, op, left, right, node)
            else:
                r = self.s.compare(op, self.scalar(node, left),
                                   self.scalar(node, right))
            result = r if result is None else self.logical_and(result, r,
                                                               node)
            left = right
        return result

    def is_none(self, x: Any, y: Any, is_: bool, node: ast.AST) -> Any:
        """`x is None` / `x is not None` (either side None): decided at
        compile time but for an Optional value, whose flag it reads."""
        none = lambda v: isinstance(v, Const) and v.value is None
        if _compile_time(x) and _compile_time(y):  # Color.RED is Color.RED
            return Const((x.value is y.value) == is_)
        if not (none(x) or none(y)):
            raise self.unsupported("'is' between values other than None", node)
        other = y if none(x) else x
        if isinstance(other, OptVal):
            present = other.present
            return self.s.not_(present) if is_ else present
        return Const(none(other) == is_)

    def logical_and(self, a: V, b: V, node: ast.AST) -> V:
        if self.is_array(a) or self.is_array(b):
            return self.array_binary("&", a, b, node)
        return self.b.op(f"arith.andi {a}, {b} : i1", bool_)

    def expr_BoolOp(self, node: ast.BoolOp) -> Any:
        """Short-circuit `and`/`or` with scf.if (Python's value semantics)."""
        is_and = isinstance(node.op, ast.And)
        first = self.bool_operand(node.values[0])
        rest = node.values[1:]
        if not rest:
            return first
        sub = ast.BoolOp(op=node.op, values=rest)
        ast.copy_location(sub, node.values[1])
        # the type of the whole expression: the promotion of all operands
        cond = self.s.truth(first)
        holder = {}

        def other() -> V:
            holder["v"] = self.scalar(sub)
            return holder["v"]

        lines_other = self.b.capture(other)[1]
        t = first.ty if first.ty is holder["v"].ty else promote(
            first.ty, holder["v"].ty)
        self.b.push()
        self.b.stack[-1] = lines_other
        ov = self.s.cast(holder["v"], t)
        self.b.emit(f"scf.yield {ov} : {t.mlir}")
        self.b.pop()
        fv = self.s.cast(first, t)
        mine = [f"scf.yield {fv} : {t.mlir}"]
        name = self.b.fresh("sc")
        then, other_branch = (lines_other, mine) if is_and else (
            mine, lines_other)
        self.b.region(f"{name} = scf.if {cond} -> ({t.mlir})",
                      [("", then), ("} else {", other_branch)])
        return V(name, t, t.mlir)

    def bool_operand(self, node: ast.expr) -> V:
        """An operand of `and`/`or`: a number, or the truth of a list, set
        or dict (`while stack and a[stack[-1]] < v`; such an operand's
        value is its truth here, not the container)."""
        x = self.expr(node)
        if sets.is_set(x) or lists.is_list(x) or dicts.is_dict(x):
            return self.truth_of(node, x)
        return self.scalar(node, x)

    def truth_of(self, node: ast.expr, x: Any = None) -> V:
        """The truth of an `if`/`while` test or a `not` operand, as i1: a
        set, list, dict or str is true when not empty, as in Python."""
        x = self.expr(node) if x is None else x
        if sets.is_set(x) or lists.is_list(x) or dicts.is_dict(x):
            n = sets.length(self, x)  # (each holds its length at offset 0)
            return self.s.truth(n)
        if strings.is_text(x):
            x = strings.builtin(self, "bool", [x], {}, node)
        if isinstance(getattr(x, "ty", None), Buffer):  # not empty
            return self.s.truth(self.s.from_index(self.arr.dim(x, 0)))
        return self.s.truth(self.scalar(node, x))

    def expr_IfExp(self, node: ast.IfExp) -> Any:
        test = self.expr(node.test)
        if isinstance(test, Const) and isinstance(test.value, bool):
            return self.expr(node.body if test.value else node.orelse)
        cond = self.truth_of(node.test, test)
        if self.probing:  # `1 if n < 2 else n * f(n - 1)`: the other arm
            for arm, other in ((node.body, node.orelse),
                               (node.orelse, node.body)):
                try:
                    self.b.capture(lambda: self.expr(arm))
                except UntypedRecursion:
                    return self.expr(other)
        def arm(n: ast.expr) -> Any:  # None stays None: an Optional result
            x = self.expr(n)
            return x if isinstance(x, Const) and x.value is None else \
                self.value(x, n)
        tv, tl = self.b.capture(lambda: arm(node.body))
        ev, el = self.b.capture(lambda: arm(node.orelse))
        type_of = lambda v: none if isinstance(v, Const) else v.ty  # noqa
        ty = self.unify(type_of(tv), type_of(ev), self.src(node), node)
        results = []
        for lines, v in ((tl, tv), (el, ev)):
            self.b.push()
            self.b.stack[-1] = lines
            vals = self.carry_values(v, ty, None)
            self.b.emit(f"scf.yield {', '.join(x.name for x in vals)} : "
                        f"{', '.join(x.mt for x in vals)}")
            results = vals
            self.b.pop()
        return self.emit_if_results(cond, tl, el, [ty], results)[0]

    def expr_Call(self, node: ast.Call) -> Any:
        from .calls import call
        return call(self, node)
