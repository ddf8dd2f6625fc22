"""Values and the MLIR text builder used by the emitter.

A `V` is an SSA value with its kern type and its MLIR type (arrays may have
the fully strided type of arguments and views or the identity layout of
fresh arrays). A `TupleVal` is a Python-level tuple of values; a `Const`
is a compile-time Python object (a module, a function, a number).

>>> b = Builder()
>>> x = b.const(2.0, float64)
>>> b.text()
'%cst0 = arith.constant 2.0 : f64'

Every name `fresh()` makes ends with `NAME_END` in the buffers, so that a
value can be renamed after its uses were written (`Builder.rename`, for
readable MLIR: `%s_12` for the value of variable `s`) by an exact step
over the text, and `Builder.text` prints the names without it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import (Any, Callable, Iterator, List, Optional, Sequence,
                    Tuple as PyTuple)

from ..classtypes import InstanceType
from ..types import (Dispatcher, GeneratorType, NamedTuple, NoneType, Optional as OptionalType, Scalar, Tuple,
                     Type, bool_, float64, typeof)

__all__ = ["V", "TupleVal", "OptVal", "InstanceVal", "GenVal", "Const", "Builder", "NAME_END", "mlir_float", "mlir_loc"]

#: The end of every SSA name that `Builder.fresh` makes, as it stands in
#: the buffers (a character MLIR text never holds otherwise: strings reach
#: the text as numbers or as Python reprs). Names contain no '%', and
#: nothing but a name ends with it, so each occurrence ends a name that
#: starts at the last '%' before it: `Builder.text` resolves the names
#: exactly with a split, no parsing. Names never renamed (a function's
#: arguments `%argN`, which its declaration spells) may go without it.
NAME_END = "\x1f"


@dataclass(frozen=True)
class V:
    """An SSA value: `name` ('%3'), kern type `ty`, MLIR type `mt`."""

    name: str
    ty: Type
    mt: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class TupleVal:
    """A tuple of values (tuples exist only at compile time); `cls` is the
    namedtuple class of a named tuple (kern.types.NamedTuple)."""

    items: PyTuple[Any, ...]
    cls: Any = None

    @property
    def ty(self) -> Tuple:
        types = [constant_type(i) if isinstance(i, Const) else i.ty
                 for i in self.items]
        return NamedTuple(types, self.cls) if self.cls else Tuple(types)


@dataclass(frozen=True)
class OptVal:
    """A value of an Optional type: the value (a placeholder where None)
    and an i1 flag, true when there is a value."""

    value: Any
    present: V

    @property
    def ty(self) -> OptionalType:
        return OptionalType(self.value.ty)


@dataclass(frozen=True)
class InstanceVal:
    """A jitclass instance: its type and the cells of its fields
    (kern/classtypes.py), one value each."""

    type: Any   # classtypes.InstanceType
    cells: PyTuple[V, ...]

    @property
    def ty(self) -> Any:
        return self.type

    def with_cell(self, k: int, value: V) -> "InstanceVal":
        cells = list(self.cells)
        cells[k] = value
        return InstanceVal(self.type, tuple(cells))


@dataclass(frozen=True)
class GenVal:
    """A generator object not started yet: its function and its argument
    values, one per parameter (frontend/generators.py)."""

    py_func: Any
    args: TupleVal

    @property
    def ty(self) -> GeneratorType:
        return GeneratorType(self.py_func, self.args.ty.types)


@dataclass(frozen=True)
class Const:
    """A compile-time Python object: module, function, number, dtype."""

    value: Any


class SelfReference:
    """The function being compiled, named in its own body before Python
    binds its name: `@njit("int64(int64)")` compiles at decoration, so a
    recursive call of `fib` finds no global `fib` yet. Called like an njit
    function (its Python function is compiled)."""

    _kern_dispatcher = True

    def __init__(self, py_func: Any) -> None:
        self.py_func = py_func
        self.__name__ = py_func.__name__
        self.__qualname__ = py_func.__qualname__
        self.__module__ = py_func.__module__


def mlir_float(x: float) -> str:
    """Spell a float as an MLIR literal.

    >>> mlir_float(0.5), mlir_float(float('inf'))
    ('0.5', '0x7FF0000000000000')
    """
    if math.isinf(x) or math.isnan(x):
        import struct
        bits = struct.unpack("<Q", struct.pack("<d", x))[0]
        return "0x%016X" % bits
    text = repr(float(x))
    if re.fullmatch(r"-?[0-9]+\.[0-9]*(e[-+]?[0-9]+)?", text):
        return text
    return "%.17e" % x


def _mlir_f32(x: float) -> str:
    import struct
    if math.isinf(x) or math.isnan(x):
        return "0x%08X" % struct.unpack("<I", struct.pack("<f", x))[0]
    return mlir_float(struct.unpack("<f", struct.pack("<f", x))[0])


_HAS_LOC = re.compile(r"\sloc\(.*\)\s*$")


def mlir_loc(filename: str, line: int, col: int) -> str:
    """An MLIR file location: `loc("f.py":3:5)`.

    >>> mlir_loc('a "b".py', 3, 5)
    'loc("a \\\\"b\\\\".py":3:5)'
    """
    name = filename.replace("\\", "\\\\").replace('"', '\\"')
    return f'loc("{name}":{line}:{col})'


def _ends_op(line: str) -> bool:
    """`line` ends an op (not a region header, block label or comment)."""
    s = line.strip()
    return bool(s) and not s.endswith("{") and s[0] not in "^/"


class Builder:
    """Accumulates MLIR lines; nested buffers hold region bodies.

    While `loc` is set (to the location of the Python statement being
    compiled), every op emitted gets it as its trailing location, so that
    the compiler's errors and remarks point at the user's source.
    """

    def __init__(self) -> None:
        self.stack: List[List[str]] = [[]]
        self.counter = 0
        self.loc: Optional[str] = None
        self.constants: dict = {}  # SSA name -> the Python value of const()
        self.aliases: dict = {}  # fresh name (no NAME_END) -> its new name

    @property
    def lines(self) -> List[str]:
        return self.stack[-1]

    def fresh(self, hint: str = "") -> str:
        """A new SSA name, `%<hint><n>` (ended by NAME_END)."""
        self.counter += 1
        return f"%{hint}{self.counter - 1}{NAME_END}"

    @staticmethod
    def derived(name: str, suffix: str) -> str:
        """The name of a value that belongs with the fresh name `name` (a
        loop's block arguments, `%w3b0` beside its result `%w3`): unique
        as `name` is.

        >>> b = Builder()
        >>> b.text([Builder.derived(b.fresh("w"), "b0")])
        '%w0b0'
        """
        if not name.endswith(NAME_END):
            raise ValueError(f"kern: {name!r} is not a fresh name")
        return name[:-len(NAME_END)] + suffix + NAME_END

    def rename(self, name: str, var: str) -> bool:
        """Name the value `name` (made by fresh()) after the variable `var`
        in the text: `%12` or `%c12` becomes `%var_12`, `%w3b0`
        `%var_w3b0`. Only the first name given to a value counts; False
        where `name` is not a fresh name or was renamed already.

        >>> b = Builder()
        >>> x = b.const(2.0, float64)
        >>> y = b.op(f"arith.addf {x}, {x} : f64", float64)
        >>> b.rename(y.name, "s"), b.rename(y.name, "t")
        (True, False)
        >>> print(b.text())
        %cst0 = arith.constant 2.0 : f64
        %s_1 = arith.addf %cst0, %cst0 : f64
        """
        if not name.endswith(NAME_END) or "#" in name:
            return False
        base = name[:-len(NAME_END)]
        if base in self.aliases:
            return False
        stem = base[1:]
        digits = stem.lstrip("abcdefghijklmnopqrstuvwxyz"
                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        suffix = digits if digits.isdigit() and digits.isascii() else stem
        self.aliases[base] = f"%{var}_{suffix}"
        return True

    def text(self, lines: Optional[Sequence[str]] = None) -> str:
        """`lines` (the current buffer's by default) joined into MLIR text:
        each name as `rename` named it, NAME_END dropped."""
        pieces = "\n".join(self.lines if lines is None else lines).split(
            NAME_END)
        out = []
        for piece in pieces[:-1]:
            start = piece.rfind("%")  # where the name this piece ends starts
            if start < 0:
                raise ValueError(f"kern: NAME_END after no name in "
                                 f"{piece!r}")
            name = piece[start:]
            out.append(piece[:start])
            out.append(self.aliases.get(name, name))
        out.append(pieces[-1])
        return "".join(out)

    def emit(self, line: str) -> None:
        if self.loc and _ends_op(line) and not _HAS_LOC.search(line):
            line = f"{line} {self.loc}"
        self.stack[-1].append(line)

    def op(self, text: str, ty: Type, mt: Optional[str] = None,
           hint: str = "") -> V:
        """Emit `%r = <text>` and return %r as a value of type `ty`."""
        name = self.fresh(hint)
        self.emit(f"{name} = {text}")
        return V(name, ty, mt or ty.mlir)

    def push(self) -> None:
        self.stack.append([])

    def pop(self) -> List[str]:
        return self.stack.pop()

    def capture(self, fn: Callable[[], Any]) -> PyTuple[Any, List[str]]:
        """Run `fn` with a fresh buffer; return its result and its lines."""
        self.push()
        try:
            result = fn()
        finally:
            lines = self.pop()
        return result, lines

    def region(self, header: str, bodies: List[PyTuple[str, List[str]]],
               trailer: str = "") -> None:
        """Emit `header {` body `} ...`; bodies are (opening, lines) pairs.

        Each body after the first starts with its `opening` text (e.g.
        '} else {' or '} do {').
        """
        self.emit(header + " {")
        for i, (opening, lines) in enumerate(bodies):
            if i:
                self.emit(opening)
            for line in lines:
                self.emit("  " + line)
        self.emit("}" + trailer)

    # ---- constants --------------------------------------------------------

    def const(self, value: Any, ty: Scalar) -> V:
        """A constant of scalar type `ty`."""
        if ty.kind == "b":
            return self.op(f"arith.constant {'true' if value else 'false'}",
                           ty, hint="true" if value else "false")
        if ty.kind in "iuMm":  # (datetimes: their int64)
            v = int(value)
            if ty.kind == "u" and v >= 2 ** 63:
                v -= 2 ** 64
            r = self.op(f"arith.constant {v} : {ty.mlir}", ty, hint="c")
            self.constants[r.name] = int(value)
            return r
        if ty.kind == "f":
            lit = mlir_float(float(value)) if ty.bits == 64 else \
                _mlir_f32(float(value))
            return self.op(f"arith.constant {lit} : {ty.mlir}", ty, hint="cst")
        c = complex(value)
        part = ty.real_type
        f = mlir_float if part.bits == 64 else _mlir_f32
        return self.op(f"complex.constant [{f(c.real)} : {part.mlir}, "
                       f"{f(c.imag)} : {part.mlir}] : {ty.mlir}", ty,
                       hint="cst")

    def known_int(self, v: Any) -> Optional[int]:
        """The value of an integer made by const(), else None."""
        return self.constants.get(getattr(v, "name", None))

    def index(self, value: int) -> V:
        """An `index` constant (kern type int64, MLIR type index)."""
        from ..types import int64
        return self.op(f"arith.constant {int(value)} : index", int64,
                       "index", hint="c")


def check_count(fc: Any, name: str, args: Sequence[Any], lo: int, hi: int,
                node: Any) -> None:
    """A TypingError unless `name()` got `lo` to `hi` arguments."""
    if not lo <= len(args) <= hi:
        raise fc.typing_error(f"{name}() takes {lo}" + (
            f" to {hi}" if hi != lo else "") + f" arguments, got "
            f"{len(args)}", node)


def constant_item(x: Any) -> bool:
    """A value a tuple may hold with no SSA value: None or a compiled
    function (their types, `none` and `Dispatcher`, are constants)."""
    return isinstance(x, Const) and (
        x.value is None or getattr(type(x.value), "_kern_dispatcher", False) is True)


def constant_type(x: Const) -> Type:
    """The type of a `constant_item`."""
    if not constant_item(x):
        raise TypeError(f"kern: a tuple cannot hold {x.value!r}")
    return typeof(x.value)


def _no_values(ty: Type) -> bool:
    return isinstance(ty, (NoneType, Dispatcher))


def flatten(value: Any) -> List[V]:
    """The SSA values of a value (several for a tuple, none for a
    constant item)."""
    if isinstance(value, TupleVal):
        out: List[V] = []
        for item in value.items:
            out.extend(flatten(item))
        return out
    if isinstance(value, OptVal):
        return flatten(value.value) + [value.present]
    if isinstance(value, InstanceVal):
        return [x for cell in value.cells for x in flatten(cell)]
    if isinstance(value, GenVal):
        return flatten(value.args)
    return [] if constant_item(value) else [value]


def flat_types(ty: Type) -> List[Type]:
    """The types of the SSA values of a value of type `ty`."""
    if isinstance(ty, Tuple):
        out: List[Type] = []
        for t in ty.types:
            out.extend(flat_types(t))
        return out
    if isinstance(ty, OptionalType):
        return flat_types(ty.type) + [bool_]
    if isinstance(ty, InstanceType):
        return [x for t in ty.cell_types for x in flat_types(t)]
    if isinstance(ty, GeneratorType):
        return flat_types(ty.arguments)
    return [] if _no_values(ty) else [ty]


def unflatten(ty: Type, values: Iterator[V]) -> Any:
    """Rebuild a value of type `ty` from flat SSA values (inverse of flatten)."""
    if isinstance(ty, Tuple):
        return TupleVal(tuple(unflatten(t, values) for t in ty.types),
                        getattr(ty, "cls", None))
    if isinstance(ty, OptionalType):
        value = unflatten(ty.type, values)
        return OptVal(value, next(values))
    if isinstance(ty, InstanceType):
        return InstanceVal(ty, tuple(unflatten(t, values)
                                     for t in ty.cell_types))
    if isinstance(ty, GeneratorType):
        return GenVal(ty.py_func, unflatten(ty.arguments, values))
    if _no_values(ty):
        return Const(ty.dispatcher if isinstance(ty, Dispatcher) else None)
    return next(values)


def is_absent(x: Any) -> bool:
    """An optional argument not given, or given as a constant None."""
    return x is None or (isinstance(x, Const) and x.value is None)


def is_number(c: Any) -> bool:
    """Whether `c` is a compile-time Python number (bool, int, float,
    complex)."""
    return isinstance(c, Const) and isinstance(c.value, (bool, int, float,
                                                         complex))
