"""Packages kern with the binaries of a finished CMake build.

    cmake -G Ninja -B build -S . && ninja -C build       # or scripts/build.sh
    pip install ./python-frontend                        # KERN_BUILD_DIR=... to pick a build

The wheel holds the Python package, the extension kern/_kernrt*.so and the
libraries in kern/lib/ (libkern_runtime.so, libkern.so); the extension finds
libkern_runtime through its RPATH ($ORIGIN/lib), and kern/_paths.py finds
libkern there. MLIR and LLVM stay the system's (/usr/lib/llvm-22).
"""

import glob
import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))


def build_dir() -> str:
    path = os.environ.get("KERN_BUILD_DIR") or os.path.join(HERE, "..", "build")
    if not os.path.isabs(path) and not os.path.isdir(path):
        path = os.path.join(HERE, "..", path)
    path = os.path.abspath(path)
    if not os.path.isdir(os.path.join(path, "python", "kern")):
        raise SystemExit(f"kern: no build in {path}: build kern first "
                         f"(bash scripts/build.sh) or set KERN_BUILD_DIR")
    return path


class BuildWithBinaries(build_py):
    """build_py that also copies the extension and libraries from the build."""

    def run(self) -> None:
        super().run()
        build = build_dir()
        package = os.path.join(self.build_lib, "kern")
        extensions = glob.glob(os.path.join(build, "python", "kern", "_kernrt*.so"))
        if not extensions:
            raise SystemExit(f"kern: {build} has no kern/_kernrt extension")
        for extension in extensions:
            shutil.copy2(extension, package)
        os.makedirs(os.path.join(package, "lib"), exist_ok=True)
        for name in ("libkern_runtime.so", "libkern.so", "libkern_npyrandom.so"):
            if os.path.exists(os.path.join(build, "lib", name)):  # (the last:
                shutil.copy2(os.path.join(build, "lib", name),    # if NumPy
                             os.path.join(package, "lib"))        # has it)


class BinaryDistribution(Distribution):
    """A platform wheel: the package carries machine code."""

    def has_ext_modules(self) -> bool:
        return True


setup(cmdclass={"build_py": BuildWithBinaries}, distclass=BinaryDistribution)
