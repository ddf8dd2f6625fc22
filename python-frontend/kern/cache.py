"""`cache=True`: compiled code on disk, reused by later processes.

A cached specialization is one file per (function, argument types,
options) -- its *slot* -- in ``__pycache__`` next to the function's source
file, or in ``$KERN_CACHE_DIR`` when that is set or the source folder is
not writable (then ``~/.cache/kern`` as a last resort)::

    __pycache__/mymod.sumsq-12.3f9a0c1e77d2b4a8.kernc

The file holds a fixed header, the machine code and the metadata needed to
register the entry point without typing or compiling anything::

    magic "KERNC\\r\\n\\x1a" | format u32 | payload kind u32 | key digest 32 B
    | payload length u64 | metadata length u64 | CRC-32 of the rest u32
    payload   a shared object (the compiled object linked with ld.lld/ld
              -shared; loaded with dlopen, so a hit needs neither libkern nor
              MLIR nor LLVM) or, when no linker is found, the object itself
              (loaded through libkern's kernModuleLoadObject)
    metadata  marshal of {key, entry, return, remarks, callees}

The key digest covers everything the machine code depends on: the
function's code (its code object's bytecode, constants, names and line
numbers, written canonically: `_code_bytes`), the value of every global and closure variable it reads,
and, recursively, the same for every `@kern.njit` function it calls
(editing a callee invalidates its callers), the argument types, the options
(parallel, fastmath, boundscheck), the kern version and the fingerprint of
the toolchain files (libkern, the frontend's sources), Python's version and
the CPU. A file whose magic, length, CRC or key does not match is not
loaded: the function is compiled and the slot rewritten.

Writers never expose a partial file: they write a temporary file in the
same folder and rename it over the slot (atomic on POSIX), so processes
racing on one slot each leave a complete file and readers see either one.
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
import time
import types
import zlib
from typing import Any, Dict, List, Optional, Tuple

from . import _paths

__all__ = ["cache_dir", "cache_path", "load", "store", "key_of", "last_event",
           "MAGIC"]

MAGIC = b"KERNC\r\n\x1a"
FORMAT = 1
PAYLOAD_SHARED, PAYLOAD_OBJECT = 1, 2
_HEADER = struct.Struct("<8sII32sQQI")
SUFFIX = ".kernc"

# Environment variables.
ENV_DIR = "KERN_CACHE_DIR"
ENV_LLVM_LIBDIR = "KERN_LLVM_LIBDIR"

_DEFAULT_LLVM_LIBDIR = "/usr/lib/llvm-22/lib"


# Only what a cache hit needs is imported at the top: a hit in a fresh
# process must stay well under 20 ms (subprocess, tempfile and shutil, for
# storing, cost about as much again).

# ---------------------------------------------------------------------------
# Keys
# ---------------------------------------------------------------------------

def _digest(data: bytes) -> bytes:
    from _blake2 import blake2b  # the C module: no hashlib import cost
    return blake2b(data, digest_size=32).digest()


_toolchain: Optional[str] = None


def _toolchain_fingerprint() -> str:
    """kern's version, the files that shape the generated code (libkern and
    the package's Python sources, subpackages included: size and
    modification time), Python's version and the CPU. Computed once per
    process."""
    global _toolchain
    if _toolchain is None:
        from . import __version__
        parts = [f"kern {__version__}", f"python {sys.version}",
                 f"cpu {_cpu_fingerprint()}"]
        files = []
        try:
            files.append(_paths.library("kern"))
        except ImportError:
            pass
        for folder, dirs, names in os.walk(_paths.PACKAGE_DIR):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            files += [os.path.join(folder, f) for f in sorted(names)
                      if f.endswith(".py")]
        for path in files:
            try:
                st = os.stat(path)
                parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append(f"{path}:missing")
        _toolchain = "\n".join(parts)
    return _toolchain


def _cpu_fingerprint() -> str:
    """The host CPU as code generation sees it: architecture, model and
    feature flags (from /proc/cpuinfo where there is one)."""
    wanted = ("vendor_id", "cpu family", "model", "model name", "flags",
              "Features", "CPU implementer", "CPU part")
    found: Dict[str, str] = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break  # the first processor is enough
                name, _, value = line.partition(":")
                name = name.strip()
                if name in wanted:
                    found[name] = value.strip()
    except OSError:
        pass
    return os.uname().machine + "|" + "|".join(
        f"{k}={found[k]}" for k in wanted if k in found)


_CODE_FIELDS = ("co_argcount", "co_posonlyargcount", "co_kwonlyargcount",
                "co_flags", "co_firstlineno", "co_code", "co_names",
                "co_varnames", "co_freevars", "co_cellvars", "co_name",
                "co_qualname", "co_linetable",
                "co_exceptiontable")


def _code_bytes(code: types.CodeType) -> bytes:
    """The code object's bytecode, names, line table and constants (nested
    code objects likewise), written the same way in every process.
    marshal.dumps is not: its back-references depend on reference counts,
    so a function rebuilt from its pickled code on a worker (by-value
    pickling, kern/pickling.py) would never find its cache file."""
    parts = [repr(code.co_filename).encode()]
    for field in _CODE_FIELDS:
        if hasattr(code, field):  # (co_qualname, co_exceptiontable: 3.11)
            value = getattr(code, field)
            parts.append(value if isinstance(value, bytes)
                         else repr(value).encode())
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            parts.append(b"code:" + _code_bytes(const))
        else:
            parts.append(_const_bytes(const))
    return b"\0".join(f"{len(p)}:".encode() + p for p in parts)


def _const_bytes(const: Any) -> bytes:
    """A constant of a code object: its type and repr (tuples and
    frozensets element by element, so nested code objects are covered)."""
    if isinstance(const, (tuple, frozenset)):
        items = const if isinstance(const, tuple) else sorted(const, key=repr)
        return (type(const).__name__.encode() + b"(" +
                b",".join(_const_bytes(c) for c in items) + b")")
    if isinstance(const, types.CodeType):
        return b"code:" + _code_bytes(const)
    return type(const).__name__.encode() + b":" + repr(const).encode()


def _code_names(code: types.CodeType) -> List[str]:
    """Global and attribute names read by `code` and its nested code."""
    names = list(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names += _code_names(const)
    return names


def _value_token(value: Any, names: List[str], seen: Dict[int, bytes]) -> bytes:
    """What a global or free variable contributes to the key."""
    from .dispatcher import Dispatcher
    if isinstance(value, Dispatcher):
        options = {k: v for k, v in value.targetoptions.items() if k != "cache"}
        return (b"njit:" + _function_digest(value.py_func, seen) +
                repr(sorted(options.items(), key=str)).encode())
    if getattr(value, "_kern_stencil", False) is True:  # kern.stencil
        return (b"stencil:" + _function_digest(value.py_func, seen) +
                repr(sorted(value.options.items(), key=str)).encode())
    if isinstance(value, types.ModuleType):
        # Module attributes the function reads: a called njit function in
        # another module is a dependency like a global one.
        token = [b"module:" + value.__name__.encode()]
        for name in sorted(set(names)):
            attr = getattr(value, name, None)
            if isinstance(attr, Dispatcher):
                token.append(name.encode() + b"=" +
                             _value_token(attr, names, seen))
        return b";".join(token)
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes)):
        return b"const:" + repr(value).encode()
    if isinstance(value, tuple):
        return b"tuple:" + b",".join(_value_token(v, names, seen) for v in value)
    if type(value).__module__ == "numpy" and hasattr(value, "tobytes"):
        return (b"ndarray:" + str(getattr(value, "dtype", "")).encode() +
                repr(getattr(value, "shape", ())).encode() + _digest(value.tobytes()))
    if isinstance(value, types.FunctionType):
        return (b"function:" + value.__module__.encode() + b"." +
                value.__qualname__.encode() + b":" +
                _function_digest(value, seen))
    qualname = getattr(value, "__qualname__", type(value).__qualname__)
    module = getattr(value, "__module__", type(value).__module__) or ""
    return b"object:" + f"{module}.{qualname}".encode()


def _function_digest(func: Any, seen: Optional[Dict[int, bytes]] = None) -> bytes:
    """Digest of a Python function's code and of everything it reads from
    outside (globals, closure cells, defaults), recursively through the
    njit functions it calls. Recursion (direct or mutual) is cut by `seen`."""
    seen = {} if seen is None else seen
    if id(func) in seen:
        return seen[id(func)]
    seen[id(func)] = b"recursive:" + func.__qualname__.encode()
    code = func.__code__
    names = _code_names(code)
    parts = [_code_bytes(code)]
    glb = func.__globals__
    for name in sorted(set(names)):
        if name in glb:
            parts.append(name.encode() + b"=" + _value_token(glb[name], names, seen))
    for name, cell in zip(code.co_freevars, func.__closure__ or ()):
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        parts.append(b"free:" + name.encode() + b"=" + _value_token(value, names, seen))
    for default in (func.__defaults__ or ()):
        parts.append(b"default=" + _value_token(default, names, seen))
    for name, default in sorted((func.__kwdefaults__ or {}).items()):
        parts.append(b"kwdefault:" + name.encode() + b"=" +
                     _value_token(default, names, seen))
    digest = _digest(b"\0".join(parts))
    seen[id(func)] = digest
    return digest


def _options_text(options: Dict[str, Any]) -> str:
    fastmath = options.get("fastmath", False)
    if not isinstance(fastmath, bool):
        fastmath = ",".join(sorted(fastmath))
    return (f"parallel={bool(options.get('parallel'))} fastmath={fastmath} "
            f"boundscheck={bool(options.get('boundscheck'))}")


def key_of(dispatcher: Any, arg_types: Tuple[Any, ...]) -> bytes:
    """The digest that a cached file must carry to be loaded for
    `dispatcher` at `arg_types`."""
    text = "\n".join([
        _toolchain_fingerprint(),
        _options_text(dispatcher.targetoptions),
        "args " + ", ".join(map(str, arg_types)),
    ]).encode()
    return _digest(text + b"\0" + _function_digest(dispatcher.py_func) +
                   _argument_functions_digest(arg_types) + _overloads_digest())


def _argument_functions_digest(arg_types: Tuple[Any, ...]) -> bytes:
    """Compiled functions passed as arguments are part of the code: their
    digests (the key's text names them only by module and qualname)."""
    from .types import Dispatcher, Tuple as TupleType
    out = b""
    for t in arg_types:
        if isinstance(t, Dispatcher):
            out += b"fn:" + _function_digest(t.dispatcher.py_func)
        elif isinstance(t, TupleType):
            out += _argument_functions_digest(tuple(t.types))
    return out


def _overloads_digest() -> bytes:
    """What the kern.extending registrations contribute to every key: a
    compiled function may use any overload, method or attribute."""
    from .registry import REGISTRY
    sources = REGISTRY.sources()
    if not sources:
        return b""
    return b"overloads:" + b"".join(_value_token(f, [], {}) for f in sources)


# ---------------------------------------------------------------------------
# Where files go
# ---------------------------------------------------------------------------

def _writable(folder: str) -> bool:
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK | os.X_OK)


def cache_dir(py_func: Any) -> str:
    """The folder for `py_func`'s cache files: $KERN_CACHE_DIR if set, else
    __pycache__ next to its source if writable, else ~/.cache/kern."""
    env = os.environ.get(ENV_DIR)
    source = os.path.abspath(py_func.__code__.co_filename)
    if env:
        return os.path.join(env, _source_tag(source))
    pycache = os.path.join(os.path.dirname(source), "__pycache__")
    if _writable(pycache):
        return pycache
    home = os.path.join(os.path.expanduser("~"), ".cache", "kern")
    return os.path.join(home, _source_tag(source))


def _source_tag(source: str) -> str:
    """A folder name for a source file in a shared cache directory."""
    stem = os.path.splitext(os.path.basename(source))[0]
    return f"{stem}-{_digest(source.encode()).hex()[:12]}"


def cache_path(dispatcher: Any, arg_types: Tuple[Any, ...]) -> str:
    """The slot of one specialization: the same file for every version of
    the function's source, so that edits overwrite rather than pile up."""
    func = dispatcher.py_func
    code = func.__code__
    slot = "\n".join([os.path.abspath(code.co_filename), func.__qualname__,
                      _options_text(dispatcher.targetoptions),
                      ", ".join(map(str, arg_types))])
    stem = os.path.splitext(os.path.basename(code.co_filename))[0]
    qualname = "".join(c if c.isalnum() or c in "_." else "_"
                       for c in func.__qualname__)
    return os.path.join(cache_dir(func),
                        f"{stem}.{qualname}-{code.co_firstlineno}."
                        f"{_digest(slot.encode()).hex()[:16]}{SUFFIX}")


# ---------------------------------------------------------------------------
# File format
# ---------------------------------------------------------------------------

class InvalidCacheFile(Exception):
    """A cache file that must not be loaded (says why)."""


def encode(key: bytes, kind: int, payload: bytes, metadata: Dict[str, Any]) -> bytes:
    meta = marshal.dumps(metadata)
    crc = zlib.crc32(meta, zlib.crc32(payload))
    return _HEADER.pack(MAGIC, FORMAT, kind, key, len(payload), len(meta),
                        crc) + payload + meta


def decode(data: bytes, key: bytes) -> Tuple[int, bytes, Dict[str, Any]]:
    """(payload kind, payload, metadata) of a file's bytes, or
    InvalidCacheFile: wrong magic or format, other key, truncated or
    trailing bytes, CRC mismatch, unreadable metadata."""
    if len(data) < _HEADER.size:
        raise InvalidCacheFile(f"truncated header ({len(data)} bytes)")
    magic, fmt, kind, file_key, n_payload, n_meta, crc = \
        _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise InvalidCacheFile("not a kern cache file (bad magic)")
    if fmt != FORMAT:
        raise InvalidCacheFile(f"format {fmt}, expected {FORMAT}")
    if file_key != key:
        raise InvalidCacheFile("stale: compiled from other sources or options")
    if kind not in (PAYLOAD_SHARED, PAYLOAD_OBJECT):
        raise InvalidCacheFile(f"unknown payload kind {kind}")
    if len(data) != _HEADER.size + n_payload + n_meta:
        raise InvalidCacheFile(f"{len(data)} bytes, header says "
                               f"{_HEADER.size + n_payload + n_meta}")
    payload = data[_HEADER.size:_HEADER.size + n_payload]
    meta = data[_HEADER.size + n_payload:]
    if zlib.crc32(meta, zlib.crc32(payload)) != crc:
        raise InvalidCacheFile("checksum mismatch")
    try:
        metadata = marshal.loads(meta)
    except (ValueError, EOFError, TypeError) as e:
        raise InvalidCacheFile(f"unreadable metadata: {e}") from None
    if not isinstance(metadata, dict) or "entry" not in metadata:
        raise InvalidCacheFile("metadata lacks the entry point")
    return kind, payload, metadata


def write_atomically(path: str, data: bytes) -> None:
    """Writes `data` to `path` through a temporary file and a rename."""
    import tempfile
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# ---------------------------------------------------------------------------
# Loaded code
# ---------------------------------------------------------------------------

class CachedModule:
    """Machine code loaded from a cache file; the `_compiler.Module`
    interface the dispatcher uses (lookup, stage, timings)."""

    def __init__(self, lookup: Any, keep: Any, remarks: str,
                 seconds: float) -> None:
        self._lookup, self._keep = lookup, keep
        self._remarks = remarks
        self._seconds = seconds
        self.load_seconds = 0.0

    def lookup(self, name: str) -> int:
        address = self._lookup(name)
        if not address:
            raise KeyError(f"kern: cached module has no function '{name}'")
        return address

    def stage(self, name: str) -> Optional[str]:
        return self._remarks if name == "diagnostics" else None

    def timings(self) -> Dict[str, float]:
        return {"cache-load": self._seconds}


class CachedLowering:
    """Stands for `lowering.Lowered` on a cache hit: entry and return type
    come from the file; the MLIR text (for inspection) is made on demand."""

    def __init__(self, dispatcher: Any, arg_types: Tuple[Any, ...],
                 metadata: Dict[str, Any]) -> None:
        from .types import parse_signature
        self._dispatcher, self._arg_types = dispatcher, arg_types
        self.entry = metadata["entry"]
        ret = metadata.get("return")
        self.return_type = parse_signature(f"{ret}()")[0] if ret else None
        self.arg_types = arg_types
        self.callees = list(metadata.get("callees", ()))
        self.releases_gil = bool(metadata.get("releases_gil", False))
        self.uses_lists = bool(metadata.get("uses_lists", False))
        self.timings: Dict[str, float] = {}
        self._lowered: Any = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._lowered is None:
            from .lowering import lower
            options = self._dispatcher.targetoptions
            self._lowered = lower(self._dispatcher.py_func, self._arg_types,
                                  parallel=options["parallel"],
                                  fastmath=bool(options["fastmath"]),
                                  boundscheck=options["boundscheck"])
        return getattr(self._lowered, name)


_fds: List[int] = []  # memfds of loaded shared objects: never reused


def _load_shared(payload: bytes) -> Any:
    """dlopen of the shared object held in memory (a memfd), returning a
    lookup function. The memfd stays open: glibc identifies loaded objects
    by path, so a /proc/self/fd/N path must never name another file."""
    import _ctypes
    _promote_runtime()
    fd = os.memfd_create("kern-cache", os.MFD_CLOEXEC)
    try:
        os.write(fd, payload)
        handle = _ctypes.dlopen(f"/proc/self/fd/{fd}",
                                os.RTLD_NOW | os.RTLD_LOCAL)
    except OSError:
        os.close(fd)
        raise
    _fds.append(fd)
    from . import _kernrt
    _kernrt.libraries_changed()  # (it may have brought libomp)

    def lookup(name: str) -> int:
        try:
            return _ctypes.dlsym(handle, name)
        except OSError:
            return 0
    return lookup


_runtime_global = False


def _promote_runtime() -> None:
    """libkern_runtime (kern_rt_*) into the global symbol scope, which the
    cached shared objects resolve against."""
    global _runtime_global
    if not _runtime_global:
        import _ctypes
        _ctypes.dlopen(_paths.library("kern_runtime"),
                       os.RTLD_NOW | os.RTLD_GLOBAL | os.RTLD_NOLOAD)
        npyrandom = _paths.library("kern_npyrandom")  # Generator methods
        if os.path.exists(npyrandom):
            _ctypes.dlopen(npyrandom, os.RTLD_NOW | os.RTLD_GLOBAL)
        _runtime_global = True


def _load_object(payload: bytes) -> Any:
    """The object through libkern (kernModuleLoadObject): needs MLIR and
    LLVM loaded, used when no linker made a shared object."""
    import ctypes
    from . import _compiler
    with _compiler._lock:
        lib = _compiler._load()
        fn = lib.kernModuleLoadObject
        fn.restype = ctypes.c_void_p
        fn.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                       ctypes.POINTER(ctypes.c_void_p)]
        error = ctypes.c_void_p()
        handle = fn(_compiler._compiler, payload, len(payload), ctypes.byref(error))
        if not handle:
            message = "kernModuleLoadObject failed"
            if error.value:
                message = ctypes.string_at(error.value).decode(errors="replace")
                lib.kernStringFree(error)
            raise OSError(message)
        module = _compiler.Module(lib, handle)

    def lookup(name: str) -> int:
        try:
            return module.lookup(name)
        except KeyError:
            return 0
    return lookup, module


def load(dispatcher: Any, arg_types: Tuple[Any, ...]) -> Optional[Tuple[Any, Any]]:
    """(lowering, module) for `dispatcher` at `arg_types` from its cache
    file, or None (no file, or a file that must not be loaded). Sets
    dispatcher.stats['cache'] to 'hit', 'miss', or 'invalid: <why>'."""
    start = time.perf_counter()
    try:
        path = cache_path(dispatcher, arg_types)
        key = key_of(dispatcher, arg_types)
    except (OSError, TypeError, AttributeError) as e:
        _note(dispatcher, f"off: {e}")
        return None
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        _note(dispatcher, "miss")
        return None
    try:
        kind, payload, metadata = decode(data, key)
        if kind == PAYLOAD_SHARED:
            lookup, keep = _load_shared(payload), None
        else:
            lookup, keep = _load_object(payload)
        lowering = CachedLowering(dispatcher, arg_types, metadata)
        if not lookup(lowering.entry + "__kern_packed"):
            raise InvalidCacheFile(f"no symbol {lowering.entry}__kern_packed")
    except Exception as e:  # noqa: BLE001 - a cache never fails a call
        # InvalidCacheFile, a dlopen error, an unparsable return type, a
        # platform without memfd_create...: compile instead.
        _note(dispatcher, f"invalid: {e}")
        return None
    module = CachedModule(lookup, keep, metadata.get("remarks", ""),
                          time.perf_counter() - start)
    _note(dispatcher, "hit")
    return lowering, module


def _note(dispatcher: Any, event: str) -> None:
    dispatcher._cache_event = event


def last_event(dispatcher: Any) -> Optional[str]:
    """What the cache did at `dispatcher`'s last compile: 'hit', 'miss' (no
    file), 'invalid: <why>' (stale key, truncated, checksum...; recompiled
    and rewritten), 'off: <why>' or 'not stored: <why>'; None before any."""
    return getattr(dispatcher, "_cache_event", None)


# ---------------------------------------------------------------------------
# Storing
# ---------------------------------------------------------------------------

def _object_bytes(module: Any) -> bytes:
    import ctypes
    lib = module._lib
    fn = lib.kernModuleGetObject
    fn.restype = None
    fn.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p),
                   ctypes.POINTER(ctypes.c_size_t)]
    data, size = ctypes.c_void_p(), ctypes.c_size_t()
    fn(module._handle, ctypes.byref(data), ctypes.byref(size))
    if not data.value or not size.value:
        raise OSError("the compiled module has no object code")
    return ctypes.string_at(data.value, size.value)


def _linker() -> Optional[str]:
    import shutil
    llvm_bin = os.path.join(os.path.dirname(_llvm_libdir()), "bin", "ld.lld")
    for candidate in (llvm_bin, shutil.which("ld.lld"), shutil.which("ld")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def _llvm_libdir() -> str:
    return os.environ.get(ENV_LLVM_LIBDIR, _DEFAULT_LLVM_LIBDIR)


def _needed_libraries() -> List[str]:
    """What compiled code may call besides libc/libm (linked --as-needed, so
    only those it really uses become dependencies)."""
    libdir = _llvm_libdir()
    candidates = [_paths.library("kern_runtime"),
                  os.path.join(libdir, "libomp.so"),
                  "/lib/x86_64-linux-gnu/libmvec.so.1",
                  "/usr/lib/x86_64-linux-gnu/libmvec.so.1",
                  "/lib/aarch64-linux-gnu/libmvec.so.1",
                  os.path.join(libdir, "libmlir_c_runner_utils.so")]
    return [c for c in candidates if os.path.exists(c)]


def link_shared(obj: bytes) -> Optional[bytes]:
    """The object linked into a shared object, or None without a linker
    (or when linking fails: then the object is cached as it is)."""
    import subprocess
    import tempfile
    linker = _linker()
    if linker is None:
        return None
    with tempfile.TemporaryDirectory(prefix="kern-link-") as tmp:
        o, so = os.path.join(tmp, "m.o"), os.path.join(tmp, "m.so")
        with open(o, "wb") as f:
            f.write(obj)
        libs = _needed_libraries()
        rpaths = sorted({os.path.dirname(os.path.realpath(l)) for l in libs})
        cmd = [linker, "-shared", "-o", so, o, "--as-needed", *libs]
        for r in rpaths:
            cmd += ["-rpath", r]
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
        if done.returncode != 0:
            return None
        with open(so, "rb") as f:
            return f.read()


def store(dispatcher: Any, arg_types: Tuple[Any, ...], lowered: Any,
          module: Any) -> Optional[str]:
    """Writes the cache file of a fresh compile; returns its path, or None
    when the cache folder cannot be written (the code still runs)."""
    start = time.perf_counter()
    try:
        path = cache_path(dispatcher, arg_types)
        key = key_of(dispatcher, arg_types)
        obj = _object_bytes(module)
        shared = link_shared(obj)
        ret = lowered.return_type
        metadata = {
            "entry": lowered.entry,
            "return": str(ret) if ret is not None else None,
            "remarks": module.stage("diagnostics") or "",
            "callees": [getattr(c, "__qualname__", str(c))
                        for c in getattr(lowered, "callees", ())],
            "releases_gil": bool(getattr(lowered, "releases_gil", False)),
            "uses_lists": bool(getattr(lowered, "uses_lists", False)),
            "function": dispatcher.py_func.__qualname__,
            "args": [str(t) for t in arg_types],
        }
        if shared is not None:
            data = encode(key, PAYLOAD_SHARED, shared, metadata)
        else:
            data = encode(key, PAYLOAD_OBJECT, obj, metadata)
        write_atomically(path, data)
    except Exception as e:  # noqa: BLE001 - the code runs; only caching failed
        _note(dispatcher, f"not stored: {e}")
        return None
    dispatcher.stats["cache-store"] = time.perf_counter() - start
    return path
