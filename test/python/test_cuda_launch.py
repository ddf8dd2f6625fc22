"""kern.cuda's launch path on the CPU target: kernel[blocks, threads] with
Numba-CUDA's configuration errors (kern/cuda/kernel.py), and the choice
of the chip for a device's compute capability (driver.choose_chip), with
fake capabilities."""

import numpy as np
import pytest

import kern
from kern import cuda
from kern.cuda import driver
from kern.cuda.kernel import normalize_dims


@cuda.jit
def fill_index(out):
    i = cuda.grid(1)
    if i < out.size:
        out[i] = i


# -- configurations ---------------------------------------------------------

@pytest.mark.parametrize("blocks, threads", [
    (4, 8), ((4,), (8,)), ([2, 2], [8]), (np.int64(4), np.int32(8)),
    ((2, 1, 2), (4, 2, 1)), (True, 32)])
def test_configurations_numba_accepts(blocks, threads):
    out = np.full(32, -1)
    fill_index[blocks, threads](out)
    grid = normalize_dims(blocks, "griddim")
    block = normalize_dims(threads, "blockdim")
    n = min(32, grid[0] * block[0])  # cuda.grid(1) is the x index
    np.testing.assert_array_equal(out[:n], np.arange(n))


@pytest.mark.parametrize("config, error, message", [
    ((1.0, 32), TypeError, r"griddim must be a sequence of integers, got "
                           r"\[1\.0\]"),
    ((1, (32, 2.5)), TypeError, r"blockdim must be a sequence of integers, "
                                r"got \[32, 2\.5\]"),
    ((1, "32"), TypeError, "blockdim must be a sequence of integers"),
    (((1, 1, 1, 1), 32), ValueError, r"griddim must be a sequence of 1, 2 "
                                     r"or 3 integers, got \[1, 1, 1, 1\]"),
    ((1, ()), ValueError, "blockdim must be a sequence of 1, 2 or 3"),
    ((None, 32), ValueError, "launch configuration was not specified"),
    ((1, None), ValueError, "launch configuration was not specified"),
    ((0, 32), ValueError, "griddim .* dimension of 0"),
    ((1, -4), ValueError, "blockdim .* dimension of -4"),
    (((2, 0), 32), ValueError, "at least 1"),
    ((1, 1025), ValueError, "1025 threads per block, more than CUDA's limit "
                            "of 1024"),
    ((1, (32, 32, 2)), ValueError, "2048 threads per block"),
    ((1, (1, 1, 65)), ValueError, "blockDim.z is 65"),
    (((1, 65536), 1), ValueError, "gridDim.y is 65536"),
    ((2 ** 31, 1), ValueError, "gridDim.x"),
    ((1, 32, 0, -1), ValueError, "-1 bytes of dynamic shared memory"),
    ((1, 32, 0, 16.0), TypeError, "dynamic shared memory .* integer"),
    ((1,), ValueError, "must specify at least the griddim and blockdim"),
    ((1, 2, 0, 0, 0), ValueError, "must specify at least the griddim"),
])
def test_bad_configurations_raise_numbas_errors(config, error, message):
    out = np.full(4, -1)
    with pytest.raises(error, match=message):
        fill_index[config](out)
    np.testing.assert_array_equal(out, -1)  # nothing was launched


def test_a_single_value_is_no_configuration():
    with pytest.raises(ValueError, match="griddim and blockdim"):
        fill_index[4]
    with pytest.raises(ValueError, match="configuration was not specified"):
        fill_index(np.zeros(4))


def test_configured_launch_can_be_reused_and_a_bad_one_does_not_break():
    out = np.full(16, -1)
    with pytest.raises(ValueError):
        fill_index[1, 2048]
    launch = fill_index[2, 8]
    launch(out)
    np.testing.assert_array_equal(out, np.arange(16))
    out[:] = -1
    launch(out)
    np.testing.assert_array_equal(out, np.arange(16))


def test_forall_covers_the_tasks_and_checks_them():
    out = np.full(300, -1)
    fill_index.forall(300)(out)
    np.testing.assert_array_equal(out, np.arange(300))
    out[:] = -1
    fill_index.forall(0)(out)  # no launch, as Numba's ForAll
    np.testing.assert_array_equal(out, -1)
    with pytest.raises(ValueError, match="negative task count"):
        fill_index.forall(-1)
    with pytest.raises(TypeError, match="number of tasks"):
        fill_index.forall(2.5)


# -- the chip for a compute capability --------------------------------------

@pytest.mark.parametrize("cc, chip", [
    ((5, 0), "sm_50"), ((6, 1), "sm_61"), ((7, 0), "sm_70"),
    ((7, 5), "sm_75"), ((8, 0), "sm_80"), ((8, 6), "sm_86"),
    ((8, 9), "sm_89"), ((9, 0), "sm_90"), ((10, 0), "sm_100"),
    ((12, 0), "sm_120"),
    ((9, 5), "sm_90"),     # unknown to LLVM: the newest chip below it
    ((7, 3), "sm_72"),
    ((15, 0), "sm_121")])  # newer than every chip: PTX JIT-compiled
def test_choose_chip_picks_the_closest_older_chip(cc, chip):
    assert driver.choose_chip("Fake GPU", cc) == chip


@pytest.mark.parametrize("cc", [(3, 5), (3, 7), (2, 1), (4, 9)])
def test_too_old_a_device_is_a_cuda_support_error(cc):
    with pytest.raises(cuda.CudaSupportError) as e:
        driver.choose_chip("Tesla K40m", cc, device=1)
    text = str(e.value)
    assert "device 1 'Tesla K40m'" in text
    assert f"compute capability {cc[0]}.{cc[1]}" in text
    assert "5.0" in text
    assert isinstance(e.value, kern.KernError)


def test_choose_chip_among_given_chips():
    chips = ((7, 5), (8, 0), (9, 0))
    assert driver.choose_chip("g", (8, 6), chips=chips) == "sm_80"
    with pytest.raises(cuda.CudaSupportError, match="older than every chip"):
        driver.choose_chip("g", (7, 0), chips=chips)


def test_target_chip_of_the_selected_fake_device(monkeypatch):
    monkeypatch.setattr(driver, "available", lambda: True)
    monkeypatch.setattr(driver, "device_info",
                        lambda i=0: ("GeForce GTX 680", (3, 0)))
    with pytest.raises(cuda.CudaSupportError,
                       match=r"'GeForce GTX 680' has compute capability 3\.0"):
        driver.target_chip()
    monkeypatch.setattr(driver, "device_info", lambda i=0: ("H100", (9, 0)))
    assert driver.target_chip() == "sm_90"


def test_inspect_ptx_on_a_too_old_device_names_it(monkeypatch):
    monkeypatch.setattr(driver, "available", lambda: True)
    monkeypatch.setattr(driver, "device_info",
                        lambda i=0: ("Quadro K6000", (3, 5)))
    with pytest.raises(cuda.CudaSupportError, match="Quadro K6000"):
        fill_index.inspect_ptx()


def test_detect_marks_unsupported_devices(monkeypatch, capsys):
    monkeypatch.setattr(driver, "available", lambda: True)
    monkeypatch.setattr(driver, "device_count", lambda: 2)
    devices = [("Tesla K80", (3, 7)), ("A100", (8, 0))]
    monkeypatch.setattr(driver, "device_info", lambda i=0: devices[i])
    monkeypatch.setenv("KERN_CUDA_SIM", "1")
    assert cuda.detect()
    out = capsys.readouterr().out
    assert "Tesla K80 (compute capability 3.7) [NOT SUPPORTED: CC < 5.0]" \
        in out
    assert "A100 (compute capability 8.0) [SUPPORTED: sm_80]" in out
