"""The kern type of a `@kern.jitclass` instance (Numba's
`types.ClassInstanceType`) and how its fields are held.

An instance is a reference: Python and compiled code share its fields
through *cells*, one per field in the order of the spec. A scalar field of
type T is a 1-element array of T (reads and writes go to element 0, so a
method that sets `self.count` is seen by every holder of the instance); an
array field is the array itself (its elements are shared; rebinding the
field, in `__init__`, in a method or from Python, replaces the cell).

    >>> from kern.types import float64, int32
    >>> info = ClassInfo("Bag", {"value": int32, "array": float64[:]})
    >>> t = InstanceType(info)
    >>> t, t.cell_types
    (instance.jitclass.Bag<value:int32, array:float64[:]>, [int32[:], float64[:]])
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from .types import Array, Scalar, Type

__all__ = ["ClassInfo", "InstanceType", "cell_type"]


class ClassInfo:
    """What compiled code needs to know of a jitclass: its fields, methods,
    properties and static methods (Python functions), and its code in the
    C call path. Filled by kern/jitclass.py."""

    def __init__(self, name: str, fields: Dict[str, Type]) -> None:
        self.name = name
        self.fields = dict(fields)
        self.methods: Dict[str, Any] = {}      # name -> function(self, ...)
        self.properties: Dict[str, Any] = {}   # name -> (fget, fset or None)
        self.staticmethods: Dict[str, Any] = {}
        self.constructor: Any = None           # function(args) -> instance
        self.rebinds: Dict[str, List[str]] = {}  # method -> fields it rebinds
        self.rebinding: Dict[str, Any] = {}    # method -> its function
        # returning (result, *those fields) (kern/frontend/instances.py)
        self.code: int = 0                     # KERN_FUNCTION | id
        self.token: Any = None                 # the function giving the code
        self.dispatcher: Any = None            # njit(constructor), at first use
        self.pyclass: Optional[type] = None    # the boxed class
        self.instance_type = InstanceType(self)

    def __repr__(self) -> str:
        return f"<jitclass {self.name}>"


def cell_type(t: Type) -> Type:
    """The cell holding a field of type `t`."""
    if isinstance(t, Scalar):
        return Array(t, 1, "A")
    if isinstance(t, Array):
        return Array(t.dtype, t.ndim, "A")
    return t


class InstanceType(Type):
    """An instance of one jitclass (types are equal when the class is)."""

    mlir = "none"

    def __init__(self, info: ClassInfo) -> None:
        self.info = info

    @property
    def fields(self) -> Dict[str, Type]:
        return self.info.fields

    @property
    def cell_types(self) -> List[Type]:
        return [cell_type(t) for t in self.info.fields.values()]

    def field_index(self, name: str) -> int:
        return list(self.info.fields).index(name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InstanceType) and other.info is self.info

    def __hash__(self) -> int:
        return id(self.info)

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}:{v}" for k, v in self.info.fields.items())
        return f"instance.jitclass.{self.info.name}<{fields}>"

    __str__ = __repr__
