"""The Python side of `with objmode(...)` blocks: the declared types of the
outputs, the body outlined into a Python function, and the runner that
kern/_objmode.c calls with the boxed values the block reads.

The body of

    with objmode(y='float64[:]'):      (reading x and a)
        y = slow(x, a)

becomes, compiled by CPython from the user's own statements (their lines
and file, so a traceback names them) with the function's globals,

    def objmode_factory(<the function's free variables>, kern_locals):
        def objmode_block(a, x):
            y = slow(x, a)
            return kern_locals()
        return objmode_block

and the runner picks the outputs from the block's variables, converted to
their declared types (an error naming the output when one cannot be):

    >>> from kern.types import int64, float64
    >>> output_value('n', int64, 7.9, 'f.py:3'), output_value('x', float64, 2, 'f.py:3')
    (7, 2.0)
"""

from __future__ import annotations

import ast
import builtins
import copy
import numbers
import re
from typing import Any, Dict, Sequence, Tuple as PT

from ..signatures import parse_type
from ..strtype import UnicodeType
from ..types import Array, Boolean, Number, Scalar, Tuple, Type, UniTuple

__all__ = ["output_type", "outline", "Runner", "output_value"]


def output_type(value: Any) -> Type:
    """The kern type of an output's declaration: a string as Numba writes
    types ('float64[:]', 'intp', 'array(float64, 2d, C)'), a kern type, or
    a Numba type (by its text). Numbers and arrays of numbers; else
    TypeError.

    >>> output_type('float64[:, ::1]'), output_type('array(int32, 1d, A)')
    (float64[:, ::1], int32[:])
    """
    if isinstance(value, Type):
        t = value
    elif isinstance(value, str) or hasattr(value, "key"):  # Numba types
        t = _parsed(str(value))
    else:
        raise TypeError(f"a type is a string such as 'float64[:]' or a "
                        f"type object, not {type(value).__name__}")
    if isinstance(t, UnicodeType):
        return t
    if isinstance(t, Tuple) and type(t) in (Tuple, UniTuple):
        for item in t.types:
            output_type(item)
        return t
    dtype = t.dtype if isinstance(t, Array) else t
    if not isinstance(dtype, (Boolean, Number)) or \
            (isinstance(t, Array) and t.readonly):
        raise TypeError(f"the type {t} (an output is a number, a str, an "
                        f"array of numbers or a tuple of them)")
    return t


def _parsed(text: str) -> Type:
    m = re.fullmatch(r"\s*array\(\s*(\w+)\s*,\s*(\d+)d\s*,\s*([CFA])\s*\)"
                     r"\s*", text)
    if m:  # Numba's text of an array type
        dtype = parse_type(m.group(1))
        if not isinstance(dtype, Scalar):
            raise TypeError(f"the type {text}")
        return Array(dtype, int(m.group(2)), m.group(3))
    return parse_type(text)


def outline(py_func: Any, body: Sequence[ast.stmt], params: Sequence[str],
            at: ast.AST, line_offset: int, filename: str) -> Any:
    """The Python function running the statements `body` (of `py_func`,
    whose AST lines are `line_offset` before the file's) with `params`;
    it returns its variables (locals())."""
    code = py_func.__code__
    free = list(code.co_freevars)
    helper = "kern_locals"
    while helper in free or helper in params:
        helper += "_"

    def arguments(names: Sequence[str]) -> ast.arguments:
        return ast.arguments(posonlyargs=[], args=[ast.arg(arg=n)
                                                   for n in names],
                             vararg=None, kwonlyargs=[], kw_defaults=[],
                             kwarg=None, defaults=[])

    result = ast.Return(value=ast.Call(func=ast.Name(id=helper,
                                                     ctx=ast.Load()),
                                       args=[], keywords=[]))
    inner = ast.FunctionDef(name="objmode_block", args=arguments(params),
                            body=copy.deepcopy(list(body)) + [result],
                            decorator_list=[], returns=None,
                            type_comment=None)
    outer = ast.FunctionDef(name="objmode_factory",
                            args=arguments(free + [helper]),
                            body=[inner, ast.Return(value=ast.Name(
                                id="objmode_block", ctx=ast.Load()))],
                            decorator_list=[], returns=None,
                            type_comment=None)
    if hasattr(ast, "TypeVar"):  # Python 3.12: functions have type_params
        inner.type_params, outer.type_params = [], []
    for n in (result, result.value, result.value.func, inner, outer,
              outer.body[1], outer.body[1].value):
        ast.copy_location(n, at)
    module = ast.Module(body=[outer], type_ignores=[])
    ast.fix_missing_locations(module)
    ast.increment_lineno(module, line_offset)
    namespace: Dict[str, Any] = {}
    exec(compile(module, filename, "exec"), py_func.__globals__, namespace)
    cells = []
    for cell in py_func.__closure__ or ():
        try:
            cells.append(cell.cell_contents)
        except ValueError:  # a free variable not bound yet
            cells.append(None)
    return namespace["objmode_factory"](*cells, builtins.locals)


class Runner:
    """Runs an outlined block for compiled code (kern/_objmode.c): `spec`
    says how the arguments are made of the boxed values ('item': the next
    one; ('const', v): a constant; ('tuple', specs)); `outputs` are the
    declared (name, type) pairs; `where` the block's file:line."""

    def __init__(self, block: Any, spec: Sequence[Any],
                 outputs: Sequence[PT[str, Type]], where: str) -> None:
        self.block, self.spec = block, list(spec)
        self.outputs, self.where = list(outputs), where
        self.plain = all(s == "item" for s in self.spec)  # args: the boxes
        self.converters = [(name, _converter(name, ty, where))
                           for name, ty in self.outputs]
        self.flat = not any(isinstance(ty, Tuple) for _, ty in self.outputs)

    def __call__(self, boxed: tuple) -> tuple:
        if self.plain:
            scope = self.block(*boxed)
        else:
            items = iter(boxed)
            scope = self.block(*[_argument(s, items) for s in self.spec])
        try:
            if self.flat:
                return tuple([convert(scope[name])
                              for name, convert in self.converters])
            out: list = []
            for name, convert in self.converters:
                v = convert(scope[name])
                out += v if type(v) is list else [v]
            return tuple(out)
        except KeyError:
            for name, _ in self.converters:
                if name not in scope:
                    raise NameError(f"the output '{name}' of the with "
                                    f"objmode(...) block at {self.where} "
                                    f"was not assigned") from None
            raise


def _converter(name: str, ty: Type, where: str) -> Any:
    """output_value for `ty`, with a fast path for values that already
    are what kern/_objmode.c writes."""
    import numpy as np

    def slow(v: Any) -> Any:
        return output_value(name, ty, v, where)
    if isinstance(ty, Array):
        dtype, ndim = ty.dtype.np, ty.ndim
        size = dtype.itemsize

        def array(v: Any) -> Any:
            if type(v) is np.ndarray and v.ndim == ndim and \
                    v.dtype == dtype and (v.flags.c_contiguous or not any(
                        s % size for s in v.strides)):
                return v
            return slow(v)
        return array
    if isinstance(ty, (UnicodeType, Tuple)):
        return slow
    exact = {"f": float, "c": complex}.get(ty.kind)
    if exact is not None:
        return lambda v: v if type(v) is exact else slow(v)
    if ty.kind == "b":
        return lambda v: int(v) if type(v) is bool else slow(v)
    return lambda v: v if type(v) is int and -2 ** 63 <= v < 2 ** 63 \
        else slow(v)


def _argument(spec: Any, items: Any) -> Any:
    if spec == "item":
        return next(items)
    if spec[0] == "const":
        return spec[1]
    return tuple(_argument(s, items) for s in spec[1])


def _describe(v: Any) -> str:
    import numpy as np
    if isinstance(v, np.ndarray):
        return (f"an array of {v.dtype} with {v.ndim} "
                f"dimension{'s' if v.ndim != 1 else ''}")
    if isinstance(v, tuple):
        return f"a tuple of {len(v)} item{'s' if len(v) != 1 else ''}"
    return f"a value of type {type(v).__name__}"


def _is_number(v: Any) -> bool:
    import numpy as np
    return isinstance(v, (numbers.Number, np.bool_)) and not isinstance(
        v, np.ndarray)


def output_value(name: str, ty: Type, v: Any, where: str) -> Any:
    """`v` as kern/_objmode.c writes an output of type `ty`: an ndarray of
    its dtype and rank (strides in whole items), or a Python int (in
    int64's range; unsigned values wrap), float, complex or str; a
    tuple's leaves as a list. TypeError (or
    OverflowError) naming the output when `v` is not of its type."""
    import numpy as np

    def mismatch() -> TypeError:
        return TypeError(f"the output '{name}' of the with objmode(...) "
                         f"block at {where} is declared {ty} but the block "
                         f"made it {_describe(v)}")
    if isinstance(ty, Array):
        if not isinstance(v, np.ndarray) or v.ndim != ty.ndim or \
                v.dtype != ty.dtype.np:
            raise mismatch()
        if any(s % v.itemsize for s in v.strides):
            v = np.ascontiguousarray(v)
        return v
    if isinstance(ty, UnicodeType):
        if not isinstance(v, str):
            raise mismatch()
        return str(v)
    if isinstance(ty, Tuple):  # its leaves, in order (a list)
        if not isinstance(v, tuple) or len(v) != len(ty.types):
            raise mismatch()
        leaves: list = []
        for k, (item, t) in enumerate(zip(v, ty.types)):
            x = output_value(f"{name}[{k}]", t, item, where)
            leaves += x if type(x) is list else [x]
        return leaves
    if not _is_number(v):
        raise mismatch()
    kind = ty.kind
    if kind == "c":
        return complex(v)
    if isinstance(v, (complex, np.complexfloating)):
        raise mismatch()
    if kind == "f":
        return float(v)
    if kind == "b":
        return int(bool(v))
    x = int(v)  # floats truncate, as Numba's unboxing
    if not -2 ** 63 <= x < 2 ** 64:
        raise OverflowError(f"the output '{name}' of the with objmode(...) "
                            f"block at {where}: {x} does not fit {ty}")
    return x - 2 ** 64 if x >= 2 ** 63 else x

