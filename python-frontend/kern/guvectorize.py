"""`@kern.guvectorize`: generalized NumPy ufuncs from kern core functions.

    >>> import kern, numpy as np
    >>> @kern.guvectorize(['void(float64[:], float64[:], float64[:])'],
    ...                   '(n),(n)->()')
    ... def dot(x, y, out):
    ...     s = 0.0
    ...     for i in range(x.shape[0]):
    ...         s += x[i] * y[i]
    ...     out[0] = s
    >>> isinstance(dot, np.ufunc), dot.signature
    (True, '(n),(n)->()')
    >>> dot(np.arange(6.0).reshape(2, 3), np.ones(3))
    array([ 3., 12.])

Numba's API: type signatures (`void(...)` or without the result), a layout
of core dimensions, the outputs written into the last argument(s). An
input declared as a scalar type with core `()` is passed as a scalar; an
array argument with core `()` is a one-element view (write `out[0]`).
The result is a real generalized `np.ufunc` (kern/_ufunc.c,
`PyUFunc_FromFuncAndDataAndSignatureAndIdentity`): NumPy broadcasts the
loop dimensions, checks the core dimensions, allocates the outputs and
calls one compiled kern loop per signature over the outer dimension
(kern/ufunc/gufunc.py); `target='parallel'` splits that loop over
threads.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Sequence

from . import _kernrt
from .types import Array, Scalar, parse_signature
from .ufunc.gufunc import gufunc_kernel, parse_layout
from .ufunc.registry import register

__all__ = ["guvectorize", "check_types"]

_OPTIONS = ("target", "nopython", "cache", "fastmath", "writable_args",
            "identity", "forceobj")


def _dims_index(cores: Sequence[Sequence[str]]) -> List[tuple]:
    """Per argument, the indices of its core dimensions in the order NumPy
    numbers the distinct names (first appearance)."""
    names: Dict[str, int] = {}
    for core in cores:
        for d in core:
            names.setdefault(d, len(names))
    return [tuple(names[d] for d in core) for core in cores]


def check_types(py_func: Any, types: Sequence[Any], cores: Sequence[Any],
                sig: Any, nin: int) -> None:
    """TypeError unless the argument types of signature `sig` fit the
    function and the layout's core dimensions `cores` (`nin` inputs)."""
    name = py_func.__name__
    if py_func.__code__.co_argcount != len(types):
        raise TypeError(f"kern.guvectorize: signature {sig!r} has "
                        f"{len(types)} arguments but '{name}' takes "
                        f"{py_func.__code__.co_argcount}")
    if len(types) != len(cores):
        raise TypeError(f"kern.guvectorize: signature {sig!r} has "
                        f"{len(types)} arguments but the layout has "
                        f"{len(cores)}")
    for k, (t, core) in enumerate(zip(types, cores)):
        if isinstance(t, Scalar):
            if core or k >= nin:
                raise TypeError(f"kern.guvectorize: argument {k} of "
                                f"'{name}' is the scalar {t} but its layout "
                                f"is ({','.join(core)})"
                                + ("" if k < nin else " (outputs are "
                                   "arrays)"))
        elif not isinstance(t, Array) or (core and t.ndim != len(core)):
            raise TypeError(f"kern.guvectorize: argument {k} of '{name}' "
                            f"is {t} but its layout has {len(core)} core "
                            f"dimensions")


def _make(py_func: Callable, sigs: List[Any], layout: str,
          target: str, fastmath: Any, identity: Any) -> Any:
    if target not in ("cpu", "parallel"):
        raise ValueError(f"kern.guvectorize: unknown target {target!r}; "
                         f"targets are 'cpu', 'parallel' and 'cuda'")
    ins, outs = parse_layout(layout)
    cores = ins + outs
    nin, nout = len(ins), len(outs)
    dims = _dims_index(cores)
    types_bytes, specs, modules = [], [], []
    from . import _compiler
    for sig in sigs:
        ret, types = parse_signature(sig)
        if ret is not None:
            raise TypeError(f"kern.guvectorize: signature {sig!r} must "
                            f"return void (outputs are the last arguments)")
        check_types(py_func, types, cores, sig, nin)
        kernel = gufunc_kernel(py_func, py_func.__name__, types, cores,
                               parallel=target == "parallel",
                               fastmath=bool(fastmath))
        module = _compiler.compile(kernel.mlir,
                                   parallel=target == "parallel",
                                   fastmath=fastmath)
        modules.append(module)
        scalars = [t.dtype if isinstance(t, Array) else t for t in types]
        types_bytes += [t.np.num for t in scalars]
        specs.append((module.lookup(kernel.entry + "__kern_packed"),
                      tuple(t.np.itemsize for t in scalars), tuple(dims)))
    signature = ",".join(f"({','.join(c)})" for c in ins) + "->" + \
        ",".join(f"({','.join(c)})" for c in outs)
    ufunc = _kernrt.make_ufunc(py_func.__name__, py_func.__doc__ or "",
                               nin, nout, bytes(types_bytes), specs,
                               identity, signature, tuple(modules))
    record = GUFuncRecord(py_func, layout, target)
    record.details = {"kind": "gufunc", "sigs": list(sigs), "layout": layout,
                      "target": target, "fastmath": fastmath,
                      "identity": identity}
    register(ufunc, record)
    from .pickling import install_ufunc_reducer
    install_ufunc_reducer()
    return ufunc


class GUFuncRecord:
    """What kern knows of a gufunc it made (kern.vectorize_info)."""

    _kern_gufunc = True

    def __init__(self, py_func: Callable, layout: str, target: str) -> None:
        self.py_func = py_func
        self.__name__ = py_func.__name__
        self.layout = layout
        self.target = target
        self.details: dict = {}

    def pickle_details(self) -> dict:
        """The arguments that make this gufunc again (kern/pickling.py)."""
        return dict(self.details)


def guvectorize(*args: Any, **options: Any) -> Any:
    """Make a generalized NumPy ufunc: ``@guvectorize(signatures, layout)``
    (signatures: one string or a list; layout: '(n),(n)->()'). Options:
    `target` ('cpu', 'parallel', or 'cuda': kern/cuda/gufunc.py),
    `fastmath`, `identity`, and Numba's
    `nopython`, `cache`, `writable_args` (accepted: outputs are always
    written in place)."""
    for key in options:
        if key not in _OPTIONS:
            raise TypeError(f"kern.guvectorize() got an unexpected option "
                            f"'{key}'")
    if options.get("nopython", True) is False or options.get("forceobj"):
        from .errors import UnsupportedError
        raise UnsupportedError("kern.guvectorize compiles in nopython mode "
                               "only")
    if len(args) != 2:
        from .errors import UnsupportedError
        raise UnsupportedError("kern.guvectorize needs type signatures and "
                               "a layout, e.g. guvectorize(['void(f8[:], "
                               "f8[:])'], '(n)->(n)'); lazy (signature-less) "
                               "gufuncs are not supported")
    sigs, layout = args
    sigs = list(sigs) if isinstance(sigs, (list, tuple)) else [sigs]

    def decorate(func: Callable) -> Any:
        if options.get("target") == "cuda":  # a kern.cuda kernel per call
            from .cuda.gufunc import CudaGUFunc
            return CudaGUFunc(func, sigs, layout,
                              options.get("fastmath", False))
        return _make(func, sigs, layout, options.get("target", "cpu"),
                     options.get("fastmath", False),
                     options.get("identity", None))

    return decorate
