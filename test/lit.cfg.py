# lit configuration of kern's tests: .mlir pass and dialect tests, .c C API
# tests (built by CMake as kern-capi-<name>), kern-translate tests.
import os
import shutil

import lit.formats

config.name = "kern"
config.test_format = lit.formats.ShTest(not lit_config.isWindows)
config.suffixes = [".mlir", ".c", ".test"]
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "Inputs", "python"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kern_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.kern_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])
config.substitutions.append(("%kern_src_root", config.kern_src_root))
config.substitutions.append(("%kern_obj_root", config.kern_obj_root))

ptxas = os.path.join(config.cuda_dir, "bin", "ptxas")
if os.path.exists(ptxas):
    config.available_features.add("ptxas")
    config.substitutions.append(("%ptxas", ptxas))

# scripts/sanitize.sh runs this suite on an ASan+UBSan build: its options
# reach the tests.
for name in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
    if name in os.environ:
        config.environment[name] = os.environ[name]
# mlir-runner is not instrumented and cannot load the instrumented
# libkern_runtime.so: its tests say `UNSUPPORTED: kern-sanitize` (the C API
# tests run the runtime under the sanitizers instead).
if getattr(config, "kern_sanitize", "OFF").upper() in ("ON", "1", "TRUE", "YES"):
    config.available_features.add("kern-sanitize")
