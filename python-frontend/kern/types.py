"""kern's type system: scalars, arrays, tuples, NumPy promotion, signatures.

Scalar types print like NumPy dtypes and know their MLIR spelling; slicing a
scalar type makes an array type, as in Numba::

    >>> float64[:, ::1]
    float64[:, ::1]
    >>> float64[:].mlir
    'memref<?xf64, strided<[?], offset: ?>>'
    >>> promote(int32, float32)
    float64
    >>> parse_signature('float64(float64[:], int64)')
    (float64, (float64[:], int64))

Arrays reach compiled code as fully strided memrefs whatever their layout;
typing sees every array as layout 'A'. An array argument's C or F layout is
part of the dispatch key, and the entry compiled for it knows its unit
stride (kern-refine-layouts).
"""

from __future__ import annotations

from typing import Any, Optional, Sequence, Tuple as PyTuple

__all__ = [
    "MAX_NDIM", "Type", "Scalar", "Boolean", "Number", "Integer", "Float",
    "Complex", "Array", "Buffer", "Tuple", "UniTuple", "NamedTuple",
    "is_namedtuple_class", "any_layout", "ExternalFunction",
    "NumPyRandomGeneratorType", "npy_rng", "GeneratorType", "Literal", "IntegerLiteral",
    "BooleanLiteral", "StringLiteral", "NumberClass", "NoneType", "none",
    "Omitted", "omitted", "Dispatcher", "Optional", "void",
    "is_constant", "constant_value", "literal", "unliteral", "bool_", "int8",
    "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
    "float32", "float64", "complex64", "complex128", "boolean", "b1", "byte",
    "i1", "i2", "i4", "i8", "intp", "u1", "u2", "u4", "u8", "uintp", "f4",
    "f8", "double", "c8", "c16", "SCALARS", "ALIASES",
    "typeof", "promote", "promote_with_scalar", "sum_type", "parse_signature",
    "parse_type", "FunctionType", "List", "Dict", "Set", "ListType",
    "DictType",
    "from_dtype", "element_mlir", "NPDatetime", "NPTimedelta",
]


class Type:
    """Base class of kern types."""

    mlir: str


class Scalar(Type):
    """A scalar type: `kind` is 'b', 'i', 'u', 'f' or 'c' as in NumPy."""

    def __init__(self, name: str, kind: str, bits: int, mlir: str) -> None:
        self.name, self.kind, self.bits, self.mlir = name, kind, bits, mlir

    def __repr__(self) -> str:
        return self.name

    def __str__(self) -> str:
        return self.name

    def __reduce_ex__(self, protocol: Any) -> Any:
        """kern's scalar types unpickle as the same objects (types compare
        by identity)."""
        if SCALARS.get(self.name) is self:
            return scalar_named, (self.name,)
        return object.__reduce_ex__(self, protocol)

    @property
    def np(self) -> Any:
        """The NumPy dtype of this type."""
        import numpy
        return numpy.dtype("bool" if self.name == "bool" else self.name)

    @property
    def is_int(self) -> bool:
        return self.kind in "iu"

    @property
    def is_float(self) -> bool:
        return self.kind == "f"

    @property
    def is_complex(self) -> bool:
        return self.kind == "c"

    @property
    def is_bool(self) -> bool:
        return self.kind == "b"

    @property
    def real_type(self) -> "Scalar":
        """The type of `.real` of a complex value (itself otherwise)."""
        if self.kind == "c":
            return float32 if self.bits == 64 else float64
        return self

    def __getitem__(self, dims: Any) -> "Array":
        if not isinstance(dims, tuple):
            dims = (dims,)
        if not dims or not all(isinstance(d, slice) for d in dims):
            raise TypeError(f"array types are written like {self}[:, :]")
        layout = "A"
        if dims[-1].step == 1:
            layout = "C"
        elif dims[0].step == 1 and len(dims) > 1:
            layout = "F"
        return Array(self, len(dims), layout)

    def __call__(self, *args: Any) -> Any:
        """`float64(int64, float64[:])` makes a signature, as in Numba."""
        return Signature(self, tuple(args))


def scalar_named(name: str) -> Scalar:
    """The scalar type called `name` (unpickling)."""
    return SCALARS[name]


class Boolean(Scalar):
    """Numba's `types.Boolean`: the class of `bool_`."""


class Number(Scalar):
    """Numba's `types.Number`: the base of Integer, Float and Complex, so
    that code can ask `isinstance(t, Number)` of a kern type.

    >>> isinstance(int32, Integer), isinstance(float32, Number)
    (True, True)
    >>> isinstance(complex64, Float), isinstance(bool_, Number)
    (False, False)
    """


class Integer(Number):
    """Numba's `types.Integer` (signed and unsigned)."""


class Float(Number):
    """Numba's `types.Float`."""


class Complex(Number):
    """Numba's `types.Complex`."""


bool_ = Boolean("bool", "b", 1, "i1")
int8 = Integer("int8", "i", 8, "i8")
int16 = Integer("int16", "i", 16, "i16")
int32 = Integer("int32", "i", 32, "i32")
int64 = Integer("int64", "i", 64, "i64")
uint8 = Integer("uint8", "u", 8, "i8")
uint16 = Integer("uint16", "u", 16, "i16")
uint32 = Integer("uint32", "u", 32, "i32")
uint64 = Integer("uint64", "u", 64, "i64")
float32 = Float("float32", "f", 32, "f32")
float64 = Float("float64", "f", 64, "f64")
complex64 = Complex("complex64", "c", 64, "complex<f32>")
complex128 = Complex("complex128", "c", 128, "complex<f64>")
# Numba's other names of the same types (numba.types.boolean, f8, ...).
boolean = b1 = bool_
i1, i2, i4, i8, intp = int8, int16, int32, int64, int64
u1, u2, u4, u8, uintp = uint8, uint16, uint32, uint64, uint64
byte = int8
f4, f8, double = float32, float64, float64
c8, c16 = complex64, complex128

SCALARS = {t.name: t for t in (bool_, int8, int16, int32, int64, uint8, uint16,
                               uint32, uint64, float32, float64, complex64,
                               complex128)}
ALIASES = {"bool_": bool_, "boolean": bool_, "b1": bool_, "i1": int8,
            "i2": int16, "i4": int32, "i8": int64, "u1": uint8, "u2": uint16,
            "u4": uint32, "u8": uint64, "uintp": uint64, "byte": int8,
            "f4": float32, "f8": float64,
            "c8": complex64, "c16": complex128, "intp": int64,
            "double": float64, "float": float64, "int": int64,
            "complex": complex128}


def strided_memref(dtype: "Scalar", ndim: int) -> str:
    """`memref<?x?xT, strided<[?, ?], offset: ?>>`: any NumPy array's view.

    >>> strided_memref(float64, 2)
    'memref<?x?xf64, strided<[?, ?], offset: ?>>'
    """
    q = ", ".join(["?"] * ndim)
    return f"memref<{'?x' * ndim}{element_mlir(dtype)}, strided<[{q}], " \
        "offset: ?>>"


def fresh_memref(dtype: "Scalar", ndim: int) -> str:
    """`memref<?x?xT>`: a freshly allocated, C-contiguous array.

    >>> fresh_memref(int64, 1)
    'memref<?xi64>'
    """
    return f"memref<{'?x' * ndim}{element_mlir(dtype)}>"


def element_mlir(dtype: Any) -> str:
    """The MLIR type of an array's elements in memory: the dtype's own, or
    bytes (`i8`) for a structured dtype (kern/recordtype.py)."""
    return getattr(dtype, "element_mlir", dtype.mlir)


# The most dimensions an array may have: NumPy's own (NPY_MAXDIMS of NumPy
# 2); the passes take any rank.
MAX_NDIM = 64


class Array(Type):
    """An array of `dtype` with `ndim` dimensions and layout 'C', 'F' or 'A';
    `readonly` for a NumPy array that is not writeable (Numba's readonly
    arrays: compiled code that writes into one is a TypingError)."""

    def __init__(self, dtype: Scalar, ndim: int, layout: str = "A",
                 readonly: bool = False) -> None:
        if not 0 <= ndim <= MAX_NDIM:
            raise ValueError(f"kern arrays have 0 to {MAX_NDIM} dimensions, "
                             f"not {ndim}")
        if ndim == 0:  # one element: both C- and F-contiguous, as NumPy's
            layout = "C"
        self.dtype, self.ndim, self.layout = dtype, ndim, layout
        self.readonly = readonly

    def __repr__(self) -> str:
        """Numba's notation, `float64[:, ::1]`; a 0-d array as Numba's
        `array(float64, 0d, C)`.

        >>> Array(float64, 0), Array(int64, 2, "C")
        (array(float64, 0d, C), int64[:, ::1])
        """
        if self.ndim == 0:
            text = f"array({self.dtype}, 0d, C)"
            return "readonly " + text if self.readonly else text
        dims = [":"] * self.ndim
        if self.layout == "C":
            dims[-1] = "::1"
        elif self.layout == "F" and self.ndim > 1:
            dims[0] = "::1"
        text = f"{self.dtype}[{', '.join(dims)}]"
        return "readonly " + text if self.readonly else text

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        """Equal arrays of the same kind: a Buffer argument is an array,
        a bytes value (kern/bytestype.py) is not."""
        return (isinstance(other, Array) and other.kind_of_array is
                self.kind_of_array and other.dtype is self.dtype
                and other.ndim == self.ndim and other.layout == self.layout
                and other.readonly == self.readonly)

    kind_of_array = "array"

    def __hash__(self) -> int:
        return hash((self.dtype.name, self.ndim, self.layout, self.readonly))

    def same_kind(self, other: object) -> bool:
        """Same dtype and rank (the layout does not matter to compiled code)."""
        return (type(other) is type(self) and other.dtype is self.dtype
                and other.ndim == self.ndim)

    def copy(self, dtype: Optional[Scalar] = None, ndim: Optional[int] = None,
             layout: Optional[str] = None,
             readonly: Optional[bool] = None) -> "Array":
        return Array(dtype or self.dtype, self.ndim if ndim is None else ndim,
                     layout or self.layout,
                     self.readonly if readonly is None else readonly)

    @property
    def mlir(self) -> str:
        """The fully strided memref type every array argument has."""
        return strided_memref(self.dtype, self.ndim)

    @property
    def mlir_fresh(self) -> str:
        """The identity-layout memref type of a freshly allocated array
        (records: byte strides, the strided type, kern/recordtype.py)."""
        if hasattr(self.dtype, "element_mlir"):
            return self.mlir
        return fresh_memref(self.dtype, self.ndim)


class Buffer(Array):
    """A bytes, bytearray, memoryview or array.array argument (`kind`): the
    array over its memory (bytes: readonly uint8). It equals the Array of
    the same dtype, rank, layout and readonly flag (one compiled entry), but
    compiled code refuses NumPy's operators on it, which mean something else
    for a buffer (`b + b` concatenates bytes), and gives a memoryview its
    `readonly` and `contiguous` (kern/values.py typeof).

    >>> t = Buffer(uint8, 1, "C", True, "bytes")
    >>> t, t == Array(uint8, 1, "C", True)
    (bytes(readonly uint8[::1]), True)
    """

    def __init__(self, dtype: Scalar, ndim: int, layout: str,
                 readonly: bool, kind: str,
                 contiguous: Optional[bool] = None) -> None:
        super().__init__(dtype, ndim, layout, readonly)
        self.kind = kind
        self.contiguous = layout in "CF" if contiguous is None else contiguous

    def copy(self, dtype: Optional[Scalar] = None, ndim: Optional[int] = None,
             layout: Optional[str] = None,
             readonly: Optional[bool] = None) -> "Array":
        """A Buffer still when only the layout or flag changes (any_layout
        of an argument), else an Array."""
        if (dtype or self.dtype) is not self.dtype or \
                (self.ndim if ndim is None else ndim) != self.ndim:
            return super().copy(dtype, ndim, layout, readonly)
        return Buffer(self.dtype, self.ndim, layout or self.layout,
                      self.readonly if readonly is None else readonly,
                      self.kind, self.contiguous)

    def __repr__(self) -> str:
        return f"{self.kind}({super().__repr__()})"

    __str__ = __repr__
    __hash__ = Array.__hash__


class Tuple(Type):
    """A tuple of scalars (several arguments or results in MLIR)."""

    def __init__(self, types: Sequence[Type]) -> None:
        self.types = tuple(types)

    def __repr__(self) -> str:
        inner = ", ".join(map(repr, self.types))
        return f"Tuple({inner}{',' if len(self.types) == 1 else ''})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tuple) and other.types == self.types and \
            getattr(other, "cls", None) is getattr(self, "cls", None)

    def __hash__(self) -> int:
        return hash(self.types)

    def with_items(self, types: Sequence[Type]) -> "Tuple":
        """The tuple of the same kind (a named tuple's class) with items
        of `types`."""
        return Tuple(types)

    @property
    def count(self) -> int:
        """The number of items (Numba's `.count`)."""
        return len(self.types)

    @property
    def dtype(self) -> Type:
        """The type of every item of a uniform tuple (Numba's UniTuple)."""
        if len(set(self.types)) != 1:
            raise AttributeError(f"{self} has items of several types")
        return self.types[0]


class _UniTupleMeta(type):
    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, Tuple) and len(set(obj.types)) <= 1


class UniTuple(Tuple, metaclass=_UniTupleMeta):
    """Numba's `types.UniTuple(dtype, count)`: a tuple of `count` values of
    one type. It equals the Tuple of the same types, and every such Tuple
    is an instance of UniTuple, as in Numba.

    >>> UniTuple(int64, 2) == typeof((1, 2)), isinstance(typeof((1, 2)), UniTuple)
    (True, True)
    >>> isinstance(typeof((1, 2.0)), UniTuple)
    False
    """

    def __init__(self, dtype: Type, count: int) -> None:
        super().__init__([dtype] * count)


class NamedTuple(Tuple):
    """Numba's `types.NamedTuple`: a tuple of a `collections.namedtuple`
    class `cls`, whose items are also its fields. It is a Tuple (what takes
    a tuple takes it) that equals only tuples of the same class.

    >>> from collections import namedtuple
    >>> Point = namedtuple("Point", "x y")
    >>> t = typeof(Point(1.0, 2))
    >>> t, t.fields, t == typeof((1.0, 2)), isinstance(t, Tuple)
    (Point(float64, int64), ('x', 'y'), False, True)
    """

    def __init__(self, types: Sequence[Type], cls: type) -> None:
        super().__init__(types)
        self.cls = cls
        self.fields = tuple(cls._fields)

    def __repr__(self) -> str:
        return f"{self.cls.__name__}({', '.join(map(repr, self.types))})"

    __str__ = __repr__

    def __hash__(self) -> int:
        return hash((self.types, self.cls))

    def with_items(self, types: Sequence[Type]) -> "Tuple":
        return NamedTuple(types, self.cls)


def any_layout(t: Type) -> Type:
    """`t` with its arrays of layout 'A': what compiled callees and typing
    see (one specialization for every layout; a dispatcher entry's C/F
    contiguity is passed on separately).

    >>> any_layout(Tuple([Array(float64, 2, "C"), int64]))
    Tuple(float64[:, :], int64)
    """
    if isinstance(t, Array):
        return t.copy(layout="A")
    if isinstance(t, Tuple):
        return t.with_items([any_layout(item) for item in t.types])
    return t


def is_namedtuple_class(obj: Any) -> bool:
    """A class made by collections.namedtuple (or typing.NamedTuple)."""
    return isinstance(obj, type) and issubclass(obj, tuple) and \
        isinstance(getattr(obj, "_fields", None), tuple)


class Literal(Type):
    """Numba's `types.Literal`: the type of a compile-time constant, seen
    by overload typing functions (see `kern.extending.overload`).
    `literal_value` is the value; `unliteral` gives the plain type.

    >>> t = literal(3)
    >>> t, isinstance(t, Integer), t.literal_value, unliteral(t)
    (Literal[int](3), True, 3, int64)
    """

    literal_value: Any

    def __eq__(self, other: object) -> bool:
        return (type(other) is type(self) and
                type(other.literal_value) is type(self.literal_value) and
                other.literal_value == self.literal_value)

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.literal_value))

    def __repr__(self) -> str:
        return f"Literal[{type(self.literal_value).__name__}]" \
               f"({self.literal_value!r})"

    __str__ = __repr__


class IntegerLiteral(Literal, Integer):
    """A literal int (its plain type is int64)."""

    def __init__(self, value: int) -> None:
        Integer.__init__(self, "int64", "i", 64, "i64")
        self.literal_value = value


class BooleanLiteral(Literal, Boolean):
    """A literal bool (its plain type is bool)."""

    def __init__(self, value: bool) -> None:
        Boolean.__init__(self, "bool", "b", 1, "i1")
        self.literal_value = value


class StringLiteral(Literal):
    """A literal str: options such as `side='right'` reach typing
    functions and implementations as compile-time constants (compiled
    code has no str values yet)."""

    mlir = "none"

    def __init__(self, value: str) -> None:
        self.literal_value = value


class NumberClass(Literal):
    """Numba's `types.NumberClass`: a scalar type used as a value, as
    `np.float32` in `np.zeros(n, np.float32)`; `instance_type` is the
    kern type, `literal_value` the NumPy type object."""

    mlir = "none"

    def __init__(self, value: Any) -> None:
        self.literal_value = value
        self.instance_type = from_dtype(value)

    def __repr__(self) -> str:
        return f"class({self.instance_type})"

    __str__ = __repr__


class NoneType(Type):
    """Numba's `types.NoneType`, the class of `types.none`, the type of a
    `None` argument: a compile-time constant of the specialization (no
    value is passed), so `if out is None:` branches fold away."""

    mlir = "none"

    def __repr__(self) -> str:
        return "none"

    __str__ = __repr__

    def __call__(self, *args: Any) -> "Signature":
        """`void(int64)`: the signature of a function returning nothing."""
        return Signature(None, tuple(args))


none = NoneType()
void = none  # Numba's name in signatures


class Dispatcher(Literal):
    """Numba's `types.Dispatcher`: a `@kern.njit` function passed as an
    argument. The function is part of the specialization (a constant, no
    value passed), so calls through the parameter compile as direct calls
    and inline."""

    mlir = "none"

    def __init__(self, dispatcher: Any) -> None:
        self.literal_value = dispatcher

    @property
    def dispatcher(self) -> Any:
        return self.literal_value

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.literal_value is self.literal_value

    def __hash__(self) -> int:
        return id(self.literal_value)

    def __repr__(self) -> str:
        f = self.literal_value
        return f"function({getattr(f, '__module__', '?')}." \
               f"{getattr(f, '__qualname__', '?')})"

    __str__ = __repr__


class Optional(Type):
    """Numba's `types.Optional`: a `type` value or None, as a variable
    assigned None on one path and a value on another, or a function
    returning None on some paths (`OptionalType(int64)`). Compiled code
    holds the value and a flag; using it as a `type` checks the flag
    (TypeError for None)."""

    def __init__(self, type: Type) -> None:
        self.type = type

    @property
    def mlir(self) -> str:
        return self.type.mlir

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Optional) and other.type == self.type

    def __hash__(self) -> int:
        return hash(("Optional", self.type))

    def __repr__(self) -> str:
        return f"OptionalType({self.type})"

    __str__ = __repr__


class Omitted(Type):
    """Numba's `types.Omitted`: a parameter the call left out, so the
    specialization uses its default (a compile-time constant, no value
    passed). One instance, `omitted`: the default is the function's own."""

    mlir = "none"

    def __repr__(self) -> str:
        return "omitted"

    __str__ = __repr__


omitted = Omitted()


def literal(value: Any) -> Literal:
    """The literal type of a Python constant (bool, int or str)."""
    if isinstance(value, str):
        return StringLiteral(value)
    if isinstance(value, bool):
        return BooleanLiteral(value)
    if isinstance(value, int):
        return IntegerLiteral(value)
    raise TypeError(f"kern has no literal type for {type(value).__name__}")


def is_constant(t: Any) -> bool:
    """A type whose value is known at compile time (a literal, None):
    compiled code binds the value instead of passing it."""
    return isinstance(t, (Literal, NoneType))


def constant_value(t: Any) -> Any:
    """The value of a type for which `is_constant` holds."""
    return None if isinstance(t, NoneType) else t.literal_value


def unliteral(t: Any) -> Any:
    """The plain type of a literal type; any other type unchanged."""
    if isinstance(t, BooleanLiteral):
        return bool_
    if isinstance(t, IntegerLiteral):
        return int64
    return t


class Signature:
    """`float64(float64[:])`: a return type (or None) and argument types."""

    def __init__(self, ret: Optional[Type], args: PyTuple[Type, ...]) -> None:
        self.return_type, self.args = ret, args

    def __repr__(self) -> str:
        return f"{self.return_type}({', '.join(map(repr, self.args))})"


class NumPyRandomGeneratorType(Type):
    """Numba's `types.NumPyRandomGeneratorType`: an np.random.Generator
    passed to compiled code, which reaches it as its BitGenerator's
    `bitgen_t *`; its methods are NumPy's own distributions
    (kern/np/generator.py), so draws are NumPy's numbers.
    `npy_rng` is the type."""

    mlir = "!llvm.ptr"

    def __repr__(self) -> str:
        return "NumPyRandomGeneratorType"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NumPyRandomGeneratorType)

    def __hash__(self) -> int:
        return hash("NumPyRandomGeneratorType")


npy_rng = NumPyRandomGeneratorType()


class GeneratorType(Type):
    """A generator object in compiled code, not started yet (Numba's
    types.Generator): the generator function and the types of its
    arguments, which are its value (kern/frontend/generators.py runs its
    body where it is consumed). Not the np.random.Generator above."""

    def __init__(self, py_func: Any, types: Sequence[Type]) -> None:
        self.py_func, self.types = py_func, tuple(types)

    def __repr__(self) -> str:
        return f"generator({self.py_func.__name__}" \
            f"({', '.join(map(repr, self.types))}))"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GeneratorType) and \
            other.py_func is self.py_func and other.types == self.types

    def __hash__(self) -> int:
        return hash((id(self.py_func), self.types))

    @property
    def arguments(self) -> "Tuple":
        return Tuple(self.types)


class ExternalFunction(Type):
    """Numba's `types.ExternalFunction(symbol, signature)`: a C function of
    the process (the C library, kern's runtime, a library loaded with
    ctypes.CDLL(..., mode=RTLD_GLOBAL)) that compiled code calls by name.

    >>> cbrt = ExternalFunction("cbrt", float64(float64))
    >>> cbrt
    ExternalFunction(cbrt, float64(float64))
    """

    def __init__(self, symbol: str, sig: Signature) -> None:
        self.symbol, self.sig = symbol, sig

    def __repr__(self) -> str:
        return f"ExternalFunction({self.symbol}, {self.sig})"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ExternalFunction) and \
            (other.symbol, repr(other.sig)) == (self.symbol, repr(self.sig))

    def __hash__(self) -> int:
        return hash(("ExternalFunction", self.symbol))

    def __call__(self, *args: Any) -> Any:
        raise TypeError(f"the external function {self.symbol} is called "
                        f"from compiled code only")


# Signatures from text ('float64(int64[:])'): kern/signatures.py.
from .signatures import parse_signature, parse_type  # noqa: E402

# What a Python value's type is (kern/values.py) and NumPy's promotion
# (kern/promotion.py): defined on the types above.
from .promotion import promote, promote_with_scalar, sum_type  # noqa: E402
from .values import from_dtype, typeof  # noqa: E402

# Numba's types.FunctionType, defined with the function-pointer calls
# (kern/functiontype.py, which builds on the types above).
from .functiontype import FunctionType  # noqa: E402
from .listtype import List, list_type  # noqa: E402
from .dicttype import Dict, dict_type  # noqa: E402
from .settype import Set, set_type  # noqa: E402
from .strtype import unicode_type  # noqa: E402


def ListType(item_type: Type) -> List:
    """Numba's `types.ListType(item)`: a typed list's type, here a
    value type for `kern.typed.Dict.empty` (a dict of lists).

    >>> ListType(int64)
    list(int64)
    """
    return List(item_type, typed_list=True)


def DictType(key_type: Type, value_type: Type) -> Dict:
    """Numba's `types.DictType(key, value)`.

    >>> DictType(int64, float64)
    dict(int64, float64)
    """
    return Dict(key_type, value_type)


from .datetimetype import NPDatetime, NPTimedelta  # noqa: E402
