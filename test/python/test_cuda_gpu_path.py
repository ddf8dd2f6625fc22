"""kern.cuda's GPU path end to end without a GPU: a stand-in for libcuda
(Inputs/fake_libcuda.c, built here with the C compiler) keeps "device"
memory on the host and logs each cuLaunchKernel's parameters, so that the
Python side (GPU device arrays, copies in and back, streams) and the host
code of kern-gpu-pipeline (the parameters packed as the PTX declares them)
are checked; the kernels themselves run only on a real GPU
(scripts/gpu-check.sh)."""

import json
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
CC = shutil.which("cc") or shutil.which("clang") or shutil.which("gcc")


@pytest.fixture(scope="module")
def fake(tmp_path_factory):
    """The directory of the fake libcuda, and the environment that uses it."""
    if CC is None:
        pytest.skip("no C compiler for the fake libcuda")
    tmp = tmp_path_factory.mktemp("fakecuda")
    lib = tmp / "libcuda.so.1"
    subprocess.run([CC, "-shared", "-fPIC", "-O1", "-o", str(lib),
                    os.path.join(HERE, "Inputs", "fake_libcuda.c")], check=True)
    frontend = os.path.join(os.path.dirname(os.path.dirname(HERE)),
                            "python-frontend")
    env = dict(os.environ, KERN_CUDA_LIBRARY=str(lib),
               PYTHONPATH=os.pathsep.join(
                   [frontend] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    env.pop("KERN_CUDA_SIM", None)
    env.pop("FAKE_CUDA_CC", None)
    return tmp, env


@pytest.fixture(scope="module")
def run(fake):
    tmp, env = fake
    log = tmp / "launches.log"
    env = dict(env, FAKE_CUDA_LOG=str(log))
    r = subprocess.run([sys.executable,
                        os.path.join(HERE, "Inputs", "gpu_path_program.py")],
                       env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    values = json.loads(r.stdout.strip().splitlines()[-1])
    launches = [line.split() for line in log.read_text().splitlines()]
    return values, launches


def test_device_arrays_and_launches_reach_the_driver(run):
    values, launches = run
    assert len(launches) == 7
    assert launches[0][1].startswith("axpy")
    assert launches[1][1].startswith("scale2d")
    # checked: raises ValueError, IndexError, then none (the program checks)
    assert all(l[1].startswith("checked") for l in launches[2:5])
    assert launches[5][1].startswith("ufunc_kernel")
    assert launches[6][1].startswith("gufunc_kernel")
    assert values["ptx"] == 1


def test_gufunc_passes_a_device_input_in_place(run):
    values, launches = run
    l = launches[6]
    assert l[2:9] == ["1", "1", "1", "128", "1", "1", "0"]  # 3 loop elements
    params = [int(v) for v in l[10:]]
    assert int(l[9]) == len(params) == 3 * 7   # three 2-D memrefs
    a, b, out = params[0:7], params[7:14], params[14:21]
    assert a[1] == values["m"] and a[2:] == [0, 3, 4, 4, 1]  # dm itself
    assert b[1] != values["x"] and b[2:] == [0, 1, 4, 4, 1]  # once: a copy
    assert out[2:] == [0, 3, 1, 1, 1]


PROGRAM_OLD_DEVICE = """
import numpy as np
from kern import cuda
from kern.cuda import driver
assert cuda.is_available()
assert cuda.get_current_device().compute_capability == (3, 5)

@cuda.jit
def k(a):
    a[0] = 1.0

try:
    k[1, 1](cuda.to_device(np.zeros(1)))
    raise AssertionError("launched on a device of compute capability 3.5")
except cuda.CudaSupportError as e:
    print(e)
cuda.detect()
"""


def test_a_device_too_old_is_a_cuda_support_error(fake):
    tmp, env = fake
    r = subprocess.run([sys.executable, "-c", PROGRAM_OLD_DEVICE],
                       env=dict(env, FAKE_CUDA_CC="3.5"), capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "device 0 'Fake GPU' has compute capability 3.5, below the 5.0" \
        in r.stdout
    assert "[NOT SUPPORTED: CC < 5.0]" in r.stdout


def test_axpy_parameters_are_the_descriptors(run):
    values, launches = run
    l = launches[0]
    assert l[1].startswith("axpy")
    assert l[2:9] == ["2", "1", "1", "4", "1", "1", "0"]  # grid, block, shared
    params = [int(v) for v in l[10:]]
    assert int(l[9]) == len(params) == 1 + 3 * 5   # a, then 3 memrefs
    assert params[0] == values["a"]
    x, y, out = params[1:6], params[6:11], params[11:16]
    assert x[1] == values["x"] and x[2:] == [0, 6, 1]  # aligned, offset, size, stride
    assert y[1] == values["y"] and y[2:] == [0, 6, 1]
    assert out[1] not in (values["x"], values["y"]) and out[2:] == [0, 6, 1]


def test_2d_launch_on_a_stream(run):
    values, launches = run
    l = launches[1]
    assert l[1].startswith("scale2d")
    assert l[2:9] == ["1", "2", "1", "4", "4", "1", "0"]
    params = [int(v) for v in l[10:]]
    assert int(l[9]) == len(params) == 7 + 1 + 1  # 2-D memref, int, float
    m = params[:7]
    assert m[1] == values["m"] and m[2:] == [0, 3, 4, 4, 1]
    assert params[7] == 5 and params[8] == values["f"]
