"""The installed layout (`pip install ./python-frontend` or `pip install .`
at the root, setup.py): the
package built by setup.py's build_py carries the extension, the libraries
and the tools, and runs jitted code outside the source tree with
KERN_BUILD_DIR unset. (pip itself was checked by hand in a venv: README.)"""

import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTEND = os.path.abspath(os.path.join(HERE, "..", "..", "python-frontend"))

SCRIPT = """
import numpy as np, kern, pickle
from kern import _paths, tools
assert _paths.is_installed(), kern.__file__
@kern.njit
def f(a):
    s = 0.0
    for i in range(a.shape[0]):
        for j in range(a.shape[1]):
            s += a[i, j] * (i + 1)
    return s
a = np.ones((3, 4))
print(f(a), kern.sysinfo(quiet=True)["kern binaries"])
print(pickle.loads(pickle.dumps(kern.vectorize(lambda x: x * 3)))(np.arange(3)))
"""


def build_py(folder, out):
    """Runs `folder`'s setup.py build_py into `out` (what pip's build does)."""
    build = os.environ.get("KERN_BUILD_DIR") or os.path.join(FRONTEND, "..",
                                                             "build")
    env = dict(os.environ, KERN_BUILD_DIR=os.path.abspath(build))
    r = subprocess.run([sys.executable, "setup.py", "-q", "build_py",
                        "--build-lib", str(out)], cwd=folder, env=env,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_py(FRONTEND, tmp_path_factory.mktemp("built"))


def _files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts)


def test_root_builds_the_same_package(built, tmp_path):
    """`pip install .` at the repository's root: the root setup.py runs
    python-frontend's, so the package is the same, file for file."""
    root = build_py(os.path.dirname(FRONTEND), tmp_path / "root")
    assert _files(root) == _files(built)


def _outside_env(built):
    env = {k: v for k, v in os.environ.items()
           if k not in ("KERN_BUILD_DIR", "PYTHONPATH")}
    env["PYTHONPATH"] = str(built)
    return env


def test_layout(built):
    package = built / "kern"
    assert list(package.glob("_kernrt*.so"))
    for lib in ("libkern.so", "libkern_runtime.so"):
        assert (package / "lib" / lib).exists()
    for tool in ("kern-opt", "kern-translate"):
        assert os.access(package / "bin" / tool, os.X_OK)


def test_runs_outside_the_tree(built, tmp_path):
    script = tmp_path / "use.py"
    script.write_text(SCRIPT)
    r = subprocess.run([sys.executable, str(script)], cwd=tmp_path,
                       env=_outside_env(built), capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split("\n")[:2] == ["24.0 installed (kern/lib)",
                                        "[0 3 6]"]


def test_tool_commands(built, tmp_path):
    mlir = tmp_path / "f.mlir"
    mlir.write_text("func.func @f(%x: f64) -> f64 {\n"
                    "  %y = arith.addf %x, %x : f64\n  return %y : f64\n}\n")
    r = subprocess.run([sys.executable, "-c",
                        "import sys; from kern.tools import run; "
                        "run('kern-opt', sys.argv[1:])", str(mlir)],
                       cwd=tmp_path, env=_outside_env(built),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "arith.addf %arg0, %arg0 : f64" in r.stdout
