"""`@kern.jitclass` (also `kern.experimental.jitclass`): Numba's jitclass.

A class whose fields have declared types (a spec, or annotations) and whose
methods are compiled. Instances are made in Python or in compiled code and
passed both ways by reference::

    >>> from kern import int64, float64
    >>> @kern.jitclass([("count", int64), ("data", float64[:])])
    ... class Buffer:
    ...     def __init__(self, n):
    ...         self.count = 0
    ...         self.data = np.zeros(n)
    ...     def add(self, x):
    ...         self.data[self.count] = x
    ...         self.count += 1
    ...     @property
    ...     def total(self):
    ...         return self.data[:self.count].sum()
    >>> b = Buffer(4)
    >>> b.add(1.5); b.add(2.0)
    >>> b.count, b.total, b.data
    (2, 3.5, array([1.5, 2. , 0. , 0. ]))

How it is held: kern/classtypes.py (a cell per field: scalar fields are
1-element arrays, shared by Python and compiled code); compiled code:
kern/frontend/instances.py. The boxed class (what the decorator returns)
derives from `kern._kernrt.Instance`, which the C call path passes as the
cells; methods, properties and static methods are `@kern.njit` functions
of the class's Python functions.
"""

from __future__ import annotations

import numbers
import types as pytypes
from typing import Any, Callable, Dict, List

from . import _kernrt
from .classtypes import ClassInfo, InstanceType
from .dispatcher import njit
from .types import Array, Scalar, Type, from_dtype, parse_type

__all__ = ["jitclass"]

_PLAIN = ("__module__", "__qualname__", "__doc__", "__dict__", "__weakref__",
          "__annotations__", "__slots__")


def jitclass(cls_or_spec: Any = None, spec: Any = None) -> Any:
    """``@jitclass(spec)``, ``@jitclass`` (annotations) or
    ``jitclass(cls, spec)``; `spec` is a list of (name, type) or a dict."""
    if isinstance(cls_or_spec, type):
        return _make(cls_or_spec, spec)
    spec = cls_or_spec if spec is None else spec
    return lambda cls: _make(cls, spec)


class _JitClassMeta(type):
    """Calling the class runs the compiled constructor."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        info = cls.class_type
        if info.dispatcher is None:
            from .frontend.instances import constructor
            info.dispatcher = njit(constructor(info))
        return info.dispatcher(*args, **kwargs)


def _make(cls: type, spec: Any) -> type:
    fields = _fields(cls, spec)
    info = ClassInfo(cls.__name__, fields)
    for name, member in cls.__dict__.items():
        if name in _PLAIN or name in fields:
            continue
        if isinstance(member, staticmethod):
            info.staticmethods[name] = member.__func__
        elif isinstance(member, property):
            info.properties[name] = (member.fget, member.fset)
        elif isinstance(member, pytypes.FunctionType):
            info.methods[name] = member
        else:
            raise TypeError(f"jitclass '{cls.__name__}': the class member "
                            f"'{name}' ({type(member).__name__}) is not "
                            f"supported (methods, properties and static "
                            f"methods are)")
    info.rebinds = _rebound_fields(info)
    info.token = njit(lambda: None)  # a function code of the class's own
    info.code = info.token._function_code
    ns: Dict[str, Any] = {
        "__slots__": (), "__module__": cls.__module__,
        "__qualname__": cls.__qualname__, "__doc__": cls.__doc__,
        "_kern_instance_type": info.instance_type, "class_type": info,
        "__reduce__": _reduce_instance}
    for k, (name, t) in enumerate(fields.items()):
        ns[name] = _field_property(info, k, name, t)
    for name, f in info.methods.items():
        if name == "__init__":
            continue
        ns[name] = _rebinding_wrapper(info, name) if info.rebinds.get(name) \
            else njit(f)
    for name, (fget, fset) in info.properties.items():
        ns[name] = property(njit(fget), fset and njit(fset))
    for name, f in info.staticmethods.items():
        ns[name] = staticmethod(njit(f))
    boxed = _JitClassMeta(cls.__name__, (_kernrt.Instance,), ns)
    info.pyclass = boxed
    _kernrt.register_class(info.code, boxed)
    return boxed


def _reduce_instance(self: Any) -> Any:
    """Pickling an instance: its class (by reference), its fields."""
    from .pickling import rebuild_instance
    return rebuild_instance, (type(self), self._cells)


def _rebound_fields(info: ClassInfo) -> Dict[str, List[str]]:
    """For each method, the array and instance fields of `self` it assigns
    (`self.data = ...`), itself or through the methods it calls on self,
    sorted. Read from the methods' source with `ast` (no compiler)."""
    import ast
    import inspect
    import textwrap
    bound = {n for n, t in info.fields.items() if not isinstance(t, Scalar)}
    direct: Dict[str, set] = {}
    calls: Dict[str, set] = {}
    for name, f in info.methods.items():
        direct[name], calls[name] = set(), set()
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(f)))
        except (OSError, TypeError, SyntaxError):
            continue  # the compiler reports the missing source
        fdef = tree.body[0]
        if not isinstance(fdef, ast.FunctionDef) or not fdef.args.args:
            continue
        me = fdef.args.args[0].arg
        for n in ast.walk(fdef):
            targets = n.targets if isinstance(n, ast.Assign) else \
                [n.target] if isinstance(n, ast.AnnAssign) else []
            while targets:  # through tuple unpacking, not subscripts
                t = targets.pop()
                if isinstance(t, (ast.Tuple, ast.List)):
                    targets.extend(t.elts)
                elif isinstance(t, ast.Starred):
                    targets.append(t.value)
                elif isinstance(t, ast.Attribute) and isinstance(
                        t.value, ast.Name) and t.value.id == me and \
                        t.attr in bound:
                    direct[name].add(t.attr)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) \
                    and isinstance(n.func.value, ast.Name) and \
                    n.func.value.id == me and n.func.attr in info.methods:
                calls[name].add(n.func.attr)
    result = {m: set(v) for m, v in direct.items()}
    changed = True
    while changed:
        changed = False
        for m in result:
            for c in calls[m]:
                if c != "__init__" and not result[c] <= result[m]:
                    result[m] |= result[c]
                    changed = True
    return {m: sorted(v) for m, v in result.items() if v and m != "__init__"}


def _rebinding_wrapper(info: ClassInfo, name: str) -> Callable[..., Any]:
    """A method that rebinds fields, from Python: its compiled form returns
    the result and the rebound fields, which go back into the instance."""
    slots = [list(info.fields).index(f) for f in info.rebinds[name]]
    compiled: List[Any] = []

    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not compiled:
            from .frontend.instances import rebinding_method
            compiled.append(njit(rebinding_method(info, name)))
        out = compiled[0](self, *args, **kwargs)
        cells = list(self._cells)
        for k, v in zip(slots, out[1:]):
            cells[k] = v
        self._cells = tuple(cells)
        return out[0]
    method.__name__ = name
    method.__qualname__ = f"{info.name}.{name}"
    method.__doc__ = info.methods[name].__doc__
    return method


def _fields(cls: type, spec: Any) -> Dict[str, Type]:
    """Field name -> kern type, from the spec then the annotations."""
    items = list(spec.items()) if isinstance(spec, dict) else list(spec or ())
    for name, t in cls.__dict__.get("__annotations__", {}).items():
        if name not in dict(items):
            if isinstance(t, str):
                import sys
                module = sys.modules.get(cls.__module__)
                t = eval(t, vars(module) if module else {})
            items.append((name, t))
    out: Dict[str, Type] = {}
    for item in items:
        if not (isinstance(item, tuple) and len(item) == 2 and
                isinstance(item[0], str)):
            raise TypeError(f"jitclass '{cls.__name__}': a spec is a list of "
                            f"(name, type) pairs or a dict, not {item!r}")
        out[item[0]] = _field_type(cls.__name__, item[0], item[1])
    return out


def _field_type(owner: str, name: str, t: Any) -> Type:
    if isinstance(t, (Scalar, Array, InstanceType)):
        return t
    if isinstance(t, ClassInfo):
        return t.instance_type
    instance = getattr(t, "_kern_instance_type", None)
    if isinstance(t, type) and instance is not None:
        return instance
    if isinstance(t, str):
        return _field_type(owner, name, parse_type(t))
    try:
        import numpy
        return from_dtype(numpy.dtype(t))
    except TypeError:
        pass
    raise TypeError(f"jitclass '{owner}': the field '{name}' has the type "
                    f"{t!r}; kern holds scalars, arrays and jitclass "
                    f"instances")


def _field_property(info: ClassInfo, k: int, name: str, t: Type) -> Any:
    """Python's view of a field (a `_kernrt.Field`, read in C): the cell's
    element, the array, or the instance; assignments checked against the
    declared type."""
    where = f"the field '{name}' of {info.name} ({t})"
    if isinstance(t, Scalar):
        complex_ok = t.kind == "c"

        def set(self: Any, value: Any) -> None:
            if not isinstance(value, numbers.Number) or (
                    isinstance(value, complex) and not complex_ok):
                raise TypeError(f"cannot assign {type(value).__name__} to "
                                f"{where}")
            self._cells[k][0] = value
        return _kernrt.Field(k, True, set)

    check: Callable[[Any], bool]
    if isinstance(t, Array):
        dtype = t.dtype.np

        def check(value: Any) -> bool:
            return getattr(value, "dtype", None) == dtype and \
                getattr(value, "ndim", None) == t.ndim and \
                hasattr(value, "__array_interface__") and \
                value.flags.writeable  # compiled methods may write into it
    else:
        def check(value: Any) -> bool:
            return type(value) is t.info.pyclass

    def set_ref(self: Any, value: Any) -> None:
        if not check(value):
            raise TypeError(f"cannot assign {_describe(value)} to {where}")
        cells = list(self._cells)
        cells[k] = value
        self._cells = tuple(cells)
    return _kernrt.Field(k, False, set_ref)


def _describe(value: Any) -> str:
    try:
        from .types import typeof
        return str(typeof(value))
    except TypeError:
        return type(value).__name__

