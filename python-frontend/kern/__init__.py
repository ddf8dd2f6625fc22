"""kern: a Numba-style JIT compiler for numerical Python, built on MLIR.

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def sumsq(a):
    ...     s = 0.0
    ...     for i in range(a.shape[0]):
    ...         s += a[i] * a[i]
    ...     return s
    >>> sumsq(np.arange(4.0))
    14.0

`import kern` stays light: it loads the call path (`kern._kernrt` and
libkern_runtime) but neither NumPy nor the compiler (libkern, MLIR, LLVM),
which open at the first call and the first compile.
"""

from . import _paths

# From a source tree the extension lives in the build directory.
__path__ += _paths.extension_dirs()  # type: ignore[name-defined]

try:
    from ._kernrt import get_num_threads, set_num_threads
except ImportError as error:  # a source tree without a build
    raise ImportError(
        f"kern: cannot import its extension kern._kernrt ({error}); looked in "
        f"{', '.join(__path__)}. Build kern (bash scripts/build.sh) and set "
        f"KERN_BUILD_DIR to the build directory if it is not <repo>/build, "
        f"or pip install ./python-frontend") from error
from .diagnostics import ParallelWarning  # noqa: E402
from .dispatcher import Dispatcher, jit, njit  # noqa: E402
from .errors import KernError, TypingError, UnsupportedError  # noqa: E402
from .cfunc import CFunc, cfunc  # noqa: E402
from .jitclass import jitclass  # noqa: E402
from .stencil import Stencil, stencil  # noqa: E402
from . import experimental  # noqa: E402
from . import typed  # noqa: E402
from .vectorize import Vectorized, vectorize, vectorize_info  # noqa: E402
from .guvectorize import guvectorize  # noqa: E402
from .types import (  # noqa: E402
    Array, Tuple, bool_, complex64, complex128, float32, float64,
    int8, int16, int32, int64, typeof, uint8, uint16, uint32, uint64)
from .recordtype import from_dtype  # noqa: E402  (records too, as Numba's)
from .withobjmode import objmode  # noqa: E402

__version__ = "0.1.0"

boolean = bool_
double = float64
intp = int64


def __getattr__(name: str) -> object:
    """`kern.cuda` is imported at its first use, keeping `import kern`
    light."""
    if name == "cuda":
        import importlib
        return importlib.import_module(".cuda", __name__)
    raise AttributeError(f"module 'kern' has no attribute '{name}'")


def prange(*args: int) -> range:
    """A loop range whose iterations may run in parallel in compiled code
    (with parallel=True); in plain Python it is `range`.

    >>> list(prange(3))
    [0, 1, 2]
    """
    return range(*args)


def literal_unroll(container: tuple) -> tuple:
    """Numba's `literal_unroll`: in compiled code, `for v in
    literal_unroll(t)` runs the body once per item of the tuple `t`, each
    time with `v` of that item's type (items of different types: arrays,
    numbers, tuples...); in plain Python it returns `t`.

    >>> literal_unroll((1, 2.5))
    (1, 2.5)
    """
    return container


literal_unroll._kern_literal_unroll = True  # type: ignore[attr-defined]


__all__ = [
    "njit", "jit", "vectorize", "Vectorized", "vectorize_info", "guvectorize", "stencil", "Stencil", "prange",
    "literal_unroll", "objmode",
    "jitclass", "experimental", "typed", "cfunc", "CFunc",
    "typeof",
    "Dispatcher", "KernError",
    "TypingError", "UnsupportedError", "ParallelWarning", "set_num_threads", "get_num_threads",
    "Array", "Tuple", "from_dtype", "bool_", "boolean", "int8", "int16",
    "int32", "int64", "intp", "uint8", "uint16", "uint32", "uint64",
    "float32", "float64", "double", "complex64", "complex128",
]
