"""`@kern.stencil`: Numba's stencil decorator.

A stencil kernel is written for one element, with indexes relative to it;
calling the stencil runs the kernel over every element whose neighbourhood
lies inside the array and fills the border with `cval` (0 by default)::

    >>> @kern.stencil
    ... def smooth(a):
    ...     return (a[-1] + a[0] + a[1]) / 3
    >>> smooth(np.arange(5.0))
    array([0., 1., 2., 3., 0.])
    >>> smooth.neighborhood
    ((-1, 1),)

How it compiles: the kernel's AST is rewritten once per number of
dimensions (`a[-1, 0]` becomes `a[i0 - 1, i1]`), and a driver function is
generated for each set of argument types, an ordinary kern function that
the rest of kern compiles::

    def smooth__stencil(a):                      # from Python or njit code
        shape = a.shape
        out = np.empty(shape, dtype=np.float64)  # the kernel's result type
        out[:1] = 0.0                            # the border: cval
        out[shape[0] - 1:] = 0.0
        for i0 in prange(1, shape[0] - 1):
            out[i0] = (a[i0 + -1] + a[i0 + 0] + a[i0 + 1]) / 3
        return out

A kernel whose only `return` ends its body is inlined in the loop nest;
other kernels become a helper function the loop calls. Called from an
`@kern.njit(parallel=True)` function, the outer loop is a parallel loop of
kern's own; called from Python or a sequential function it runs in order.
Options, as Numba's: `neighborhood=((lo, hi), ...)` (needed when indexes
are not constants), `cval=`, `standard_indexing=("w",)` (arguments indexed
as usual), and the mode `'constant'`; a call may pass `out=`.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Tuple

from .dispatcher import njit
from .types import Type, typeof

__all__ = ["Stencil", "stencil"]

OPTIONS = ("cval", "standard_indexing", "neighborhood")


def stencil(func_or_mode: Any = "constant", **options: Any) -> Any:
    """Make a stencil of a kernel: ``@stencil``, ``@stencil('constant')``
    or ``@stencil(neighborhood=..., cval=..., standard_indexing=...)``."""
    for name in options:
        if name not in OPTIONS:
            raise ValueError(f"Unknown stencil option {name}")
    if not isinstance(func_or_mode, str):
        return Stencil(func_or_mode, options)
    if func_or_mode != "constant":
        raise ValueError(f"Unsupported mode style {func_or_mode}")
    return lambda func: Stencil(func, options)


class Stencil:
    """What `@kern.stencil` returns: call it with arrays (and `out=`), from
    Python or from compiled code. The kernel is read at the first call."""

    _kern_stencil = True

    def __init__(self, kernel: Any, options: Dict[str, Any]) -> None:
        if not callable(kernel):
            raise TypeError(f"kern.stencil decorates functions, not "
                            f"{type(kernel).__name__}")
        self.py_func = kernel
        self.options = dict(options)
        nb = options.get("neighborhood")
        self.neighborhood = None if nb is None else tuple(
            tuple(pair) for pair in nb)
        self._code: Any = None  # kern.frontend.stencils.StencilCode
        self._drivers: Dict[Tuple[Any, ...], Any] = {}
        self._dispatchers: Dict[Tuple[Any, ...], Any] = {}
        self.__name__ = kernel.__name__
        self.__qualname__ = kernel.__qualname__
        self.__doc__ = kernel.__doc__
        self.__module__ = kernel.__module__

    def __repr__(self) -> str:
        return f"<kern.stencil {self.__qualname__}>"

    def __call__(self, *args: Any, out: Any = None) -> Any:
        types = tuple(typeof(a) for a in args)
        out_type = None if out is None else typeof(out)
        key = (types, out_type)
        disp = self._dispatchers.get(key)
        if disp is None:
            disp = self._dispatchers[key] = njit(self.driver(types, out_type))
        return disp(*args) if out is None else disp(*args, out)

    def driver(self, types: Sequence[Type], out_type: Optional[Type]) -> Any:
        """The Python function (with its AST for kern) that applies the
        stencil to arguments of `types`, writing into a given `out` when
        `out_type` is not None; compiled code calls it like an njit
        callee."""
        key = (tuple(types), out_type)
        fn = self._drivers.get(key)
        if fn is None:
            from .frontend.stencils import Compiler, StencilCode
            if self._code is None:
                self._code = StencilCode(self.py_func, self.options)
            fn = self._drivers[key] = self._code.driver(
                tuple(types), out_type, Compiler(njit, _result_type))
            if self.neighborhood is None:
                self.neighborhood = self._code.neighborhood
        return fn


def _result_type(py_func: Any, types: Tuple[Type, ...]) -> Optional[Type]:
    """What `py_func` returns for arguments of `types` (typed, not
    compiled)."""
    from .lowering import lower
    return lower(py_func, types).return_type
