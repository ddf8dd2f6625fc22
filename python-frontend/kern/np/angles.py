"""np.angle: the argument of complex numbers (of real ones: 0 or pi), in
radians or degrees, on scalars and arrays, as NumPy computes it
(`arctan2(imag, real)`, float64 for integers).

    >>> import kern, numpy as np
    >>> @kern.njit
    ... def f(z):
    ...     return np.angle(z), np.angle(z[0], deg=True)
    >>> f(np.array([1j, -1 + 0j, 1 + 1j]))
    (array([1.57079633, 3.14159265, 0.78539816]), 90.0)
"""

from __future__ import annotations

import numpy as np

from ..extending import overload
from .ufunclike import numeric


@overload(np.angle)
def np_angle(z, deg=False):
    if numeric(z):
        def impl(z, deg=False):
            a = np.arctan2(np.imag(z), np.real(z))
            return a * (180.0 / np.pi) if deg else a
        return impl
