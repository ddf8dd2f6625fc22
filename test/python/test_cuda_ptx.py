"""kern.cuda's GPU path without a GPU: every kernel that test_cuda_cpu.py,
test_cuda_warp.py and test_cuda_guvectorize.py launch is also compiled by kern-gpu-pipeline to PTX (kernel.inspect_ptx)
and the PTX assembled by ptxas for sm_80 and sm_90 (skipped without the
CUDA toolkit); math functions go through libdevice (__nv_*). The driver
runtime (lib/Runtime/Cuda.c) fails cleanly without libcuda."""

import inspect
import os
import shutil
import subprocess

import numpy as np
import pytest

from kern import cuda
from kern.cuda import driver

import test_cuda_cpu
import test_cuda_guvectorize
import test_cuda_warp

PTXAS = shutil.which("ptxas") or "/usr/local/cuda/bin/ptxas"
HAVE_PTXAS = os.path.exists(PTXAS)
CHIPS = ("sm_80", "sm_90")


def _cases(module):
    """(id, test function, arguments) of each run of a module's tests."""
    out = []
    prefix = module.__name__[len("test_cuda_"):] + ":"
    for name, fn in vars(module).items():
        if not name.startswith("test_") or not callable(fn):
            continue
        params = list(inspect.signature(fn).parameters)
        marks = [m for m in getattr(fn, "pytestmark", [])
                 if m.name == "parametrize"]
        if marks:
            names = [n.strip() for n in marks[0].args[0].split(",")]
            for i, values in enumerate(marks[0].args[1]):
                values = values if len(names) > 1 else (values,)
                out.append((f"{prefix}{name}[{i}]", fn,
                            dict(zip(names, values))))
        elif not params or params == ["capsys"]:
            out.append((prefix + name, fn, {}))
    return out


CASES = _cases(test_cuda_cpu) + _cases(test_cuda_warp) + \
    _cases(test_cuda_guvectorize)


def _assemble(ptx, chip, tmp_path):
    src = tmp_path / f"k_{chip}.ptx"
    src.write_text(ptx)
    r = subprocess.run([PTXAS, f"-arch={chip}", str(src), "-o",
                        str(tmp_path / f"k_{chip}.cubin")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr + "\n" + ptx[:4000]


@pytest.mark.skipif(not HAVE_PTXAS, reason="no ptxas (CUDA toolkit)")
@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_kernels_of_the_cpu_tests_assemble_for_sm80_and_sm90(
        case, monkeypatch, capsys, tmp_path):
    _, fn, args = case
    launched = []
    original = cuda.Kernel.launch

    def launch(self, *a, **k):
        launched.append(self)
        return original(self, *a, **k)

    monkeypatch.setattr(cuda.Kernel, "launch", launch)
    if "capsys" in inspect.signature(fn).parameters:
        args = dict(args, capsys=capsys)
    fn(**args)
    kernels = {id(k): k for k in launched}.values()
    for k in kernels:
        for chip in CHIPS:
            for sig, ptx in k.inspect_ptx(chip=chip).items():
                assert f".target {chip}" in ptx
                assert ".entry" in ptx
                _assemble(ptx, chip, tmp_path)


def test_every_cpu_test_is_covered():
    assert len(CASES) >= 80
    assert any("guvectorize:" in c[0] for c in CASES)


@pytest.mark.skipif(not HAVE_PTXAS, reason="no ptxas (CUDA toolkit)")
def test_gufunc_kernel_ptx(tmp_path):
    """A cuda gufunc's kernel: the core function inlined into one entry
    that indexes the arguments' core slices by the thread."""
    dot = test_cuda_guvectorize.dot
    x = np.arange(12.0).reshape(4, 3)
    np.testing.assert_array_equal(dot(x, x), (x * x).sum(-1))
    np.testing.assert_array_equal(dot(x, x[:1]), (x * x[0]).sum(-1))
    ptx = dot.inspect_ptx(chip="sm_80")
    pinned = {key[1] for key in ptx}
    assert (False, False) in pinned and (False, True) in pinned  # x[:1]: once
    for sig, text in ptx.items():
        assert text.count(".entry") == 1 and "gufunc_kernel" in text
        assert ".func" not in text  # the core function is inlined
        assert "%tid.x" in text and "%ctaid.x" in text
        for chip in CHIPS:
            _assemble(dot.inspect_ptx(chip=chip)[sig], chip, tmp_path)


@pytest.mark.skipif(not HAVE_PTXAS, reason="no ptxas (CUDA toolkit)")
def test_math_goes_through_libdevice(tmp_path):
    @cuda.jit
    def k(x, out):
        i = cuda.grid(1)
        if i < x.size:
            out[i] = np.sin(x[i]) + np.exp(x[i]) + x[i] ** 0.5

    x = np.linspace(0, 1, 8)
    out = np.empty_like(x)
    k[1, 8](x, out)  # the CPU target (or the GPU when there is one)
    np.testing.assert_allclose(out, np.sin(x) + np.exp(x) + np.sqrt(x))
    ptx = k.inspect_ptx(chip="sm_90")
    (text,) = ptx.values()
    # libdevice is linked in: its functions are defined, not called out
    assert "__nv_sin" not in text or ".func" in text
    assert ".extern .func" not in text
    _assemble(text, "sm_90", tmp_path)


def test_gpu_stages_of_inspect_mlir():
    @cuda.jit
    def scale(a, f):
        i = cuda.grid(1)
        if i < a.size:
            a[i] *= f
        cuda.syncthreads()

    a = np.arange(4.0)
    scale[1, 4](a, 2.0)
    np.testing.assert_array_equal(a, [0, 2, 4, 6])
    sig = scale.signatures[0]
    gpu = scale.inspect_mlir(sig, stage="gpu")
    assert "gpu.module @kern_gpu" in gpu and "gpu.barrier" in gpu
    assert "gpu.launch_func" in gpu
    nvvm = scale.inspect_mlir(sig, stage="nvvm")
    assert "nvvm.barrier0" in nvvm or "nvvm.barrier" in nvvm
    host = scale.inspect_mlir(sig, stage="gpu-llvm")
    assert "kern_rt_gpu_launch" in host and "gpu.launch_func" not in host
    assert scale.inspect_asm(sig, chip="sm_80").count(".entry") == 1


def test_no_driver_is_not_available_and_names_the_library():
    if driver.available():
        pytest.skip("a CUDA driver is present")
    assert cuda.is_available() is False
    with pytest.raises(driver.CudaDriverError, match="no CUDA driver"):
        driver.mem_alloc(16)
    with pytest.raises(cuda.CudaSupportError, match="no CUDA driver"):
        cuda.get_current_device()
    with pytest.raises(cuda.CudaSupportError, match="no CUDA driver"):
        cuda.select_device(0)
    # the CPU target keeps working
    d = cuda.to_device(np.arange(3.0))
    assert isinstance(d, cuda.DeviceNDArray)
    np.testing.assert_array_equal(d.copy_to_host(), [0, 1, 2])


def test_gpu_compile_links_and_a_launch_without_driver_raises():
    """The whole kern-gpu-pipeline through kernCompile: the host module
    (the PTX embedded, launches calling kern_rt_gpu_launch) links in the
    JIT; without a driver the launch is a RuntimeError naming the cause,
    with one it runs on the GPU."""
    from kern.cuda.compiler import KernelDispatcher

    def axpy(a, x, y, out):
        for i in range(cuda.grid(1), out.size, cuda.gridsize(1)):
            out[i] = a * x[i] + y[i]

    gpu = KernelDispatcher(axpy, gpu_chip="sm_80")
    x = np.arange(6.0)
    y = np.ones(6)
    out = np.zeros(6)
    if driver.available():
        from kern.cuda.gpuarray import device_view, to_device
        dx, dy, dout = to_device(x), to_device(y), to_device(out)
        gpu(2.0, device_view(dx), device_view(dy), device_view(dout),
            1, 1, 1, 4, 1, 1, 0)
        np.testing.assert_array_equal(dout.copy_to_host(), 2 * x + y)
    else:
        with pytest.raises(RuntimeError, match="no CUDA driver"):
            gpu(2.0, x, y, out, 1, 1, 1, 4, 1, 1, 0)
        np.testing.assert_array_equal(out, 0)


@pytest.mark.skipif(not HAVE_PTXAS, reason="no ptxas (CUDA toolkit)")
def test_print_in_a_kernel_is_cuda_printf(tmp_path, capfd):
    @cuda.jit
    def show(a):
        i = cuda.grid(1)
        if i < a.size:
            print("a[", i, "] =", a[i], "100%")

    a = np.arange(2.0)
    show[1, 2](a)
    if not driver.available():  # the CPU target prints Python's text
        out = capfd.readouterr().out
        assert "a[ 0 ] = 0.0 100%" in out and "a[ 1 ] = 1.0 100%" in out
    gpu = show.inspect_mlir(show.signatures[0], stage="gpu")
    assert 'gpu.printf "a[ %lld ] = %f 100%%\\0A"' in gpu
    for chip in CHIPS:
        ptx = show.inspect_ptx(show.signatures[0], chip=chip)
        assert "vprintf" in ptx
        _assemble(ptx, chip, tmp_path)
