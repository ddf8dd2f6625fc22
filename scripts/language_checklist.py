#!/usr/bin/env python3
"""Probe kern against Numba's list of supported Python features.

    python3 scripts/language_checklist.py             # rewrite docs/language.md
    python3 scripts/language_checklist.py --dry-run   # print only
    python3 scripts/language_checklist.py --only math --verbose

The same runner as scripts/numpy_checklist.py (`--page language`): the
probes are scripts/language_probes.py, one row per item of Numba's
docs/source/reference/pysupported.rst; each runs under kern.njit and in
CPython, and value and type of the results must agree.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_checklist  # noqa: E402

if __name__ == "__main__":
    sys.argv[1:1] = ["--page", "language"]
    sys.exit(numpy_checklist.main())
