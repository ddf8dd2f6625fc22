"""Where kern's binaries are: the installed package or a build tree.

An installed kern (``pip install ./python-frontend``) carries its extension
next to this file and its libraries in ``kern/lib``. Run from the source
tree, kern uses the build directory ``$KERN_BUILD_DIR`` (default
``<repo>/build``): the extension in ``<build>/python/kern``, the libraries in
``<build>/lib``.

>>> from kern import _paths
>>> os.path.basename(_paths.library('kern'))
'libkern.so'
"""

from __future__ import annotations

import os
from typing import List, Optional

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_DIR = os.path.dirname(os.path.dirname(PACKAGE_DIR))
INSTALLED_LIB_DIR = os.path.join(PACKAGE_DIR, "lib")


def is_installed() -> bool:
    """True when the binaries were copied into the package (pip install)."""
    return os.path.isdir(INSTALLED_LIB_DIR)


def build_dir() -> Optional[str]:
    """The build tree named by $KERN_BUILD_DIR (absolute, or relative to the
    working directory or to the repository), else <repo>/build if present."""
    env = os.environ.get("KERN_BUILD_DIR")
    if env:
        for candidate in (env, os.path.join(REPO_DIR, env)):
            if os.path.isdir(candidate):
                return os.path.abspath(candidate)
        return os.path.abspath(env)
    default = os.path.join(REPO_DIR, "build")
    return default if os.path.isdir(default) else None


def extension_dirs() -> List[str]:
    """Folders to add to kern's __path__ so that ``kern._kernrt`` imports."""
    if is_installed():
        return []
    build = build_dir()
    return [os.path.join(build, "python", "kern")] if build else []


def library(name: str) -> str:
    """Path of ``lib<name>.so`` (installed copy first, then the build tree)."""
    filename = f"lib{name}.so"
    if is_installed():
        return os.path.join(INSTALLED_LIB_DIR, filename)
    build = build_dir()
    if build is None:
        raise ImportError(
            f"kern: cannot find {filename}: no installed copy and no build "
            f"tree (set KERN_BUILD_DIR to the CMake build directory, or build "
            f"into {os.path.join(REPO_DIR, 'build')})")
    return os.path.join(build, "lib", filename)
