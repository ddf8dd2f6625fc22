"""Packages kern with the binaries of a CMake build.

    cmake -G Ninja -B build -S . && ninja -C build       # or scripts/build.sh
    pip install ./python-frontend                        # KERN_BUILD_DIR=... to pick a build

Without a finished build (no ``<build>/python/kern/_kernrt*.so``) pip's
build step configures and builds the targets the package needs
(libkern_runtime, libkern, the extension, kern-opt, kern-translate) into ``<repo>/build`` with cmake
(and ninja when installed), against the system's MLIR/LLVM 22; where cmake
or the sources are missing it stops with an error saying what to do.

The wheel holds the Python package, the extension kern/_kernrt*.so, the
tools kern-opt and kern-translate in kern/bin/ (run by the console commands
of the same names, kern/tools.py) and the libraries in kern/lib/
(libkern_runtime.so, libkern.so); the extension finds
libkern_runtime through its RPATH ($ORIGIN/lib), and kern/_paths.py finds
libkern there. MLIR and LLVM stay the system's (/usr/lib/llvm-22).
"""

import glob
import os
import shutil
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = os.path.dirname(os.path.abspath(__file__))


REPO = os.path.abspath(os.path.join(HERE, ".."))
TARGETS = ("kern_runtime", "kern", "kern_python_rt", "kern-opt",
           "kern-translate")
TOOLS = ("kern-opt", "kern-translate")  # kern/bin (kern/tools.py runs them)


def _built(path: str) -> bool:
    return bool(glob.glob(os.path.join(path, "python", "kern", "_kernrt*.so")))


def _cmake_build(path: str) -> None:
    """Configures (once) and builds the package's targets into `path`."""
    cmake = shutil.which("cmake")
    if cmake is None or not os.path.exists(os.path.join(REPO,
                                                        "CMakeLists.txt")):
        raise SystemExit(
            f"kern: no build in {path} and "
            + ("no cmake on the PATH" if cmake is None else
               f"no kern sources in {REPO}")
            + ": build kern first (bash scripts/build.sh, which needs cmake, "
              "ninja and the MLIR/LLVM 22 packages: see README.md) or set "
              "KERN_BUILD_DIR to a finished build")
    _numpy_dir()
    if not os.path.exists(os.path.join(path, "CMakeCache.txt")):
        generator = ["-G", "Ninja"] if shutil.which("ninja") else []
        print(f"kern: configuring a build in {path}", flush=True)
        subprocess.check_call([cmake, *generator, "-S", REPO, "-B", path,
                               "-DCMAKE_BUILD_TYPE=Release",
                               f"-DPython3_EXECUTABLE={sys.executable}"])
    targets = list(TARGETS)
    if os.path.exists(os.path.join(_numpy_dir(), "random", "lib",
                                   "libnpyrandom.a")):
        targets.append("kern_npyrandom")  # (lib/CMakeLists.txt)
    print(f"kern: building {', '.join(targets)} in {path}", flush=True)
    subprocess.check_call([cmake, "--build", path, "--target", *targets,
                           "--parallel", str(os.cpu_count() or 2)])


def _numpy_dir() -> str:
    """NumPy's folder: the extension is built against its headers."""
    try:
        import numpy
    except ImportError:
        raise SystemExit(f"kern: building the extension needs NumPy for "
                         f"{sys.executable} (pip install numpy; pyproject."
                         f"toml lists it for pip's build environment)")
    return os.path.dirname(numpy.__file__)


def build_dir() -> str:
    """The build to package ($KERN_BUILD_DIR, else <repo>/build), built
    with cmake first when it has no extension yet."""
    path = os.environ.get("KERN_BUILD_DIR") or os.path.join(REPO, "build")
    if not os.path.isabs(path) and not os.path.isdir(path):
        path = os.path.join(REPO, path)
    path = os.path.abspath(path)
    if not _built(path):
        try:
            _cmake_build(path)
        except subprocess.CalledProcessError as error:
            raise SystemExit(f"kern: the cmake build in {path} failed "
                             f"({error}); see its output above") from None
        if not _built(path):
            raise SystemExit(f"kern: the cmake build in {path} made no "
                             f"kern/_kernrt extension")
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
        os.makedirs(os.path.join(package, "bin"), exist_ok=True)
        for tool in TOOLS:
            if os.path.exists(os.path.join(build, "bin", tool)):
                shutil.copy2(os.path.join(build, "bin", tool),
                             os.path.join(package, "bin"))
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
