"""`kern.experimental`, as `numba.experimental`: `jitclass`.

    >>> from kern.experimental import jitclass
    >>> jitclass is kern.jitclass
    True
"""

from .jitclass import jitclass

__all__ = ["jitclass"]
