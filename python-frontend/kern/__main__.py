"""``python -m kern``: kern's command line.

``python -m kern -s`` (or ``--sysinfo``) prints what kern finds of this
machine and installation (kern/sysreport.py), as ``numba -s`` does.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kern",
        description="kern, a Numba-style JIT compiler built on MLIR")
    parser.add_argument("-s", "--sysinfo", action="store_true",
                        help="print system information (versions, CPU, "
                             "threading layer, CUDA, BLAS, cache, KERN_* "
                             "variables)")
    parser.add_argument("--version", action="store_true",
                        help="print kern's version")
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__
        print(__version__)
        return 0
    if args.sysinfo:
        from .sysreport import sysinfo
        sysinfo()
        return 0
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
