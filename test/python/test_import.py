"""`import kern` stays light: the compiler (libkern, MLIR, LLVM) and NumPy
load later, at the first compile and the first call."""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FRONTEND = os.path.join(os.path.dirname(os.path.dirname(HERE)), "python-frontend")

PROBE = r"""
import json, sys, time
start = time.perf_counter()
import kern
seconds = time.perf_counter() - start
with open('/proc/self/maps') as f:
    maps = f.read()
libraries = sorted({line.split()[-1].rsplit('/', 1)[-1] for line in maps.splitlines()
                    if '.so' in line})
print(json.dumps({'seconds': seconds, 'libraries': libraries,
                  'numpy': 'numpy' in sys.modules,
                  'extension': kern._kernrt.__file__}))
"""


def run_probe(kern_build_dir):
    env = dict(os.environ, PYTHONPATH=FRONTEND, KERN_BUILD_DIR=kern_build_dir)
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def test_import_loads_the_runtime_but_not_the_compiler(kern_build_dir):
    report = run_probe(kern_build_dir)
    print(f"import kern: {report['seconds'] * 1e3:.1f} ms")
    libraries = report["libraries"]
    assert any(name.startswith("libkern_runtime.so") for name in libraries)
    assert any(name.startswith("_kernrt.") for name in libraries)
    for heavy in ("libkern.so", "libMLIR", "libLLVM"):
        assert not any(name.startswith(heavy) for name in libraries), heavy


def test_import_does_not_import_numpy(kern_build_dir):
    assert not run_probe(kern_build_dir)["numpy"]


def test_extension_comes_from_the_build_tree(kern_build_dir):
    extension = run_probe(kern_build_dir)["extension"]
    assert extension.startswith(os.path.join(kern_build_dir, "python", "kern"))


INSTALLED_PROBE = r"""
import json
import numpy as np
import kern

@kern.njit
def sumsq(a):
    s = 0.0
    for i in range(a.shape[0]):
        s += a[i] * a[i]
    return s

assert sumsq(np.arange(4.0)) == 14.0
with open('/proc/self/maps') as f:
    libraries = {line.split()[-1] for line in f if 'libkern' in line}
print(kern.__file__)
print(kern._kernrt.__file__)
print(json.dumps(sorted(libraries)))
"""


def test_installed_layout_runs_without_the_build_tree(tmp_path, kern_build_dir):
    """setup.py's build (what `pip install ./python-frontend` packs): the
    package finds its extension and libraries by itself."""
    env = dict(os.environ, KERN_BUILD_DIR=kern_build_dir)
    subprocess.run([sys.executable, "setup.py", "-q", "build", "--build-base",
                    str(tmp_path / "build")], cwd=FRONTEND, env=env, check=True,
                   capture_output=True)
    site = next((tmp_path / "build").glob("lib*"))
    (tmp_path / "probe.py").write_text(INSTALLED_PROBE)
    env = {k: v for k, v in os.environ.items() if k not in ("KERN_BUILD_DIR", "PYTHONPATH")}
    env["PYTHONPATH"] = str(site)
    out = subprocess.run([sys.executable, str(tmp_path / "probe.py")], cwd=tmp_path,
                         env=env, check=True, capture_output=True, text=True).stdout
    package, extension, libraries = out.strip().splitlines()
    assert package.startswith(str(site)) and extension.startswith(str(site))
    assert all(path.startswith(str(site / "kern" / "lib")) for path in json.loads(libraries))
