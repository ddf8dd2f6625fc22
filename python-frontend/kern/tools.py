"""The console commands ``kern-opt`` and ``kern-translate`` of an installed
kern (pip's entry points, pyproject.toml): each runs the binary of the same
name, from the package (``kern/bin``, its libraries in ``kern/lib``) or from
the build tree.

>>> os.path.basename(tool_path("kern-opt"))
'kern-opt'
"""

from __future__ import annotations

import os
import sys
from typing import List, Optional, NoReturn

from . import _paths

__all__ = ["tool_path", "kern_opt", "kern_translate"]


def tool_path(name: str) -> str:
    """Where the binary `name` is: kern/bin when installed, else the build
    tree's bin folder."""
    if _paths.is_installed():
        return os.path.join(_paths.PACKAGE_DIR, "bin", name)
    build = _paths.build_dir() or os.path.join(_paths.REPO_DIR, "build")
    return os.path.join(build, "bin", name)


def run(name: str, argv: Optional[List[str]] = None) -> NoReturn:
    """Replaces this process by the tool `name` with arguments `argv`
    (default: this command's), its libraries found first in kern/lib."""
    path = tool_path(name)
    if not os.access(path, os.X_OK):
        sys.exit(f"{name}: kern has no {path}; build it (bash "
                 f"scripts/build.sh) and reinstall (pip install "
                 f"./python-frontend)")
    env = dict(os.environ)
    if _paths.is_installed():
        env["LD_LIBRARY_PATH"] = os.pathsep.join(
            p for p in (_paths.INSTALLED_LIB_DIR,
                        env.get("LD_LIBRARY_PATH")) if p)
    args = sys.argv[1:] if argv is None else argv
    os.execve(path, [name] + list(args), env)


def kern_opt() -> NoReturn:
    run("kern-opt")


def kern_translate() -> NoReturn:
    run("kern-translate")
