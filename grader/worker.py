"""The worker: the only process that imports and runs a learner's module.

It is started by ``grader.sandbox`` as ``python -I worker.py REQ_FD RESP_FD CONFIG`` in a
fresh temporary directory with a scrubbed environment and no standard input, and it
trusts nothing it runs. Before the learner's code is loaded it

1. preloads numpy and common standard-library modules (after step 3 the interpreter's own
   files may be unreadable, e.g. a Python installed under a private home directory);
2. sets its resource limits (CPU time, address space, size of files written, open files);
3. when the grader runs as root, drops to a private unprivileged uid and gid, so that it
   cannot signal the grader, write the report or exceed its process limit;
4. installs an audit hook (PEP 578) that enforces the lesson's import policy and refuses
   process creation, signals, sockets, ctypes, tracing, opening files outside the Python
   installation and its own directory, and the introspection that could dismantle the hook.

Then it answers requests: load the module, get or set an attribute, call something;
each request also lists the handles the grader has let go of. Replies carry plain data
only (see ``wire.py``); anything else stays here behind a handle. The audit hook is a
local defence, not a sandbox: code that corrupts memory (e.g.
``np.lib.stride_tricks.as_strided`` past an array's end) can switch it off.
The grader's real boundary is the process: see "Isolation" in the README.
"""

import builtins
import json
import linecache
import os
import resource
import struct
import sys
import time
import traceback
import tracemalloc
import types

_LEN = struct.Struct("<Q")
MODULE = 0  # the handle id of the learner's module, in every worker

# Loaded before the learner's code, while every file of the installation is readable.
PRELOAD = (
    "numpy numpy.linalg numpy.random numpy.fft numpy.polynomial numpy.lib.stride_tricks "
    "abc array bisect collections copy dataclasses decimal enum fractions functools hashlib "
    "heapq itertools json math numbers operator random re secrets statistics string textwrap "
    "time typing warnings weakref"
).split()
# Never importable unless a lesson allows them (and then only through the hook's list).
REFUSED = (
    "subprocess _posixsubprocess socket _socket ssl _ssl ctypes _ctypes multiprocessing "
    "_multiprocessing _posixshmem pty"
).split()
BLOCKED_EVENTS = frozenset(
    """os.system os.exec os.posix_spawn os.spawn os.fork os.forkpty os.kill os.killpg
    signal.pthread_kill subprocess.Popen pty.spawn os.symlink os.link os.chdir os.fchdir
    os.chroot sys.settrace sys.setprofile sys.addaudithook gc.get_objects gc.get_referrers
    gc.get_referents code.__new__ mmap.__new__ resource.setrlimit resource.prlimit
    webbrowser.open urllib.Request http.client.connect ftplib.connect smtplib.connect
    poplib.connect imaplib.open telnetlib.Telnet.open""".split()
)
BLOCKED_PREFIXES = ("ctypes.", "socket.", "_winapi.", "winreg.")
# Events that change the file system at args[0] (and args[1] for renames).
WRITE_EVENTS = frozenset(
    """os.remove os.rmdir os.mkdir os.rename os.truncate os.chmod os.chown os.utime
    os.mkfifo os.mknod shutil.copyfile shutil.copymode shutil.copystat shutil.copytree
    shutil.move shutil.rmtree shutil.chown shutil.make_archive""".split()
)
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


# Builtins the worker's own code uses, bound in its module globals (which are looked up
# before builtins) so that learner code replacing builtins.isinstance & co. cannot break
# the protocol.
PINNED = (
    "isinstance type str int float complex bool bytes list tuple dict len getattr setattr id "
    "repr memoryview min iter next BaseException Exception KeyError ReferenceError ValueError"
).split()


def _pin_builtins(namespace):
    namespace.update({name: getattr(builtins, name) for name in PINNED})


def main(argv):
    request_fd, reply_fd = int(argv[1]), int(argv[2])
    config = json.loads(argv[3])
    _pin_builtins(globals())
    wire = _load_wire(config["wire"])

    for name in PRELOAD:
        __import__(name)
    _limit_path(config["hide"])
    for name in REFUSED:
        if name not in config["allowed"]:
            sys.modules.pop(name, None)

    _set_limits(config["limits"])
    if config.get("uid") is not None:
        _keep_reachable()
        os.setgroups([])
        os.setresgid(config["gid"], config["gid"], config["gid"])
        os.setresuid(config["uid"], config["uid"], config["uid"])
    if config["limits"].get("processes"):
        n = config["limits"]["processes"]
        try:
            resource.setrlimit(resource.RLIMIT_NPROC, (n, n))
        except (ValueError, OSError):
            pass

    roots = [p for p in sys.path if p]
    config["read_roots"] = roots + [os.path.realpath(p) for p in roots]
    violations = []
    sys.addaudithook(_policy_hook(config, violations))
    _serve(request_fd, reply_fd, wire, violations)


def _load_wire(path):
    # By path: under -I the grader package is deliberately not on sys.path.
    module = types.ModuleType("_grader_wire")
    module.__file__ = path
    _pin_builtins(module.__dict__)
    with open(path, encoding="utf-8") as f:
        exec(compile(f.read(), path, "exec"), module.__dict__)
    return module


def _limit_path(hide):
    """Drop the course and the learner's directory from sys.path (site-packages stay)."""
    def keep(path):
        if "site-packages" in path or "dist-packages" in path:
            return True
        return not any(path == h or path.startswith(h + os.sep) for h in hide)

    sys.path[:] = [p for p in sys.path if p and keep(p)]
    # The course's own packages must not be found even through an editable install's finder.
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__name__.lower()
                        and "editable" not in getattr(f, "__name__", "").lower()]


def _keep_reachable():
    """Keep the interpreter's directories importable after the uid drop.

    They may be unreadable to the unprivileged uid (a Python installed under a private home
    directory, for instance). A directory descriptor opened now stays usable, and
    /proc/self/fd/N reaches it without searching its parents again.
    """
    if not os.path.isdir("/proc/self/fd"):
        return
    mapping = {}
    for path in sys.path:
        if path not in mapping and os.path.isdir(path):
            mapping[path] = f"/proc/self/fd/{os.open(path, os.O_RDONLY | os.O_DIRECTORY)}"

    def remap(path):
        for old, new in mapping.items():
            if path == old or path.startswith(old + os.sep):
                return new + path[len(old):]
        return path

    sys.path[:] = [remap(p) for p in sys.path]
    for module in list(sys.modules.values()):
        search = getattr(module, "__path__", None)
        if type(search) is list:  # a package: its submodules are found through __path__
            search[:] = [remap(p) for p in search]
    sys.path_importer_cache.clear()


def _set_limits(limits):
    def lower(which, soft, hard=None):
        hard = soft if hard is None else hard
        current = resource.getrlimit(which)[1]
        if current != resource.RLIM_INFINITY:
            soft, hard = min(soft, current), min(hard, current)
        try:
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError):
            pass  # a limit this platform does not support (RLIMIT_AS on macOS): the rest still hold

    lower(resource.RLIMIT_CORE, 0)
    lower(resource.RLIMIT_NOFILE, 64)
    if limits.get("cpu_seconds"):
        # SIGXCPU at the soft limit; SIGKILL at the hard one if SIGXCPU is ignored.
        seconds = int(limits["cpu_seconds"])
        lower(resource.RLIMIT_CPU, seconds, seconds + 2)
    if limits.get("memory_mb"):
        lower(resource.RLIMIT_AS, int(limits["memory_mb"]) << 20)
    if limits.get("file_mb"):
        lower(resource.RLIMIT_FSIZE, int(limits["file_mb"]) << 20)


def _policy_hook(config, violations):
    """Build the audit hook. Everything it uses is bound here, as builtins or immutable
    values, so that learner code cannot swap a helper the hook relies on."""
    allowed = frozenset(sys.stdlib_module_names) - frozenset(REFUSED)
    allowed = allowed | frozenset(["numpy", config["module"]]) | frozenset(config["allowed"])
    tmp = config["tmp"]
    learner_file = config["filename"]
    readable = tuple(config["read_roots"]) + (tmp,)
    devices = frozenset(["/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"])
    hint = config["imports_hint"]
    blocked, write_events, prefixes = BLOCKED_EVENTS, WRITE_EVENTS, BLOCKED_PREFIXES
    write_flags = WRITE_FLAGS
    _type, _str, _bytes, _int = type, str, bytes, int
    _getframe = sys._getframe
    _PermissionError, _ImportError = PermissionError, ImportError
    append = violations.append

    def normal(path):
        if _type(path) is _bytes:
            path = path.decode("utf-8", "surrogateescape")
        elif _type(path) is not _str:
            raise _PermissionError("the grader only lets your code use str paths")
        if not path.startswith("/"):
            path = tmp + "/" + path
        parts = []
        for part in path.split("/"):
            if part == "..":
                if parts:
                    parts.pop()
            elif part and part != ".":
                parts.append(part)
        return "/" + "/".join(parts)

    def inside(path, roots):
        for root in roots:
            if path == root or path.startswith(root + "/"):
                return True
        return False

    def importer():
        """(the module that imports, if not the learner's file; the learner's line)"""
        frame, by = _getframe(2), None
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename == learner_file:
                return by, frame.f_lineno
            if by is None and not filename.startswith("<frozen"):
                by = frame.f_globals.get("__name__")
            frame = frame.f_back
        return by, None

    def hook(event, args):
        if event == "import":
            name = args[0]
            if _type(name) is _str and name.partition(".")[0] not in allowed:
                by, line = importer()
                by = f" (imported by {by})" if _type(by) is _str else ""
                where = f", from your line {line}" if line else ""
                message = f"import of {name!r}{by} is not allowed in this lesson{where}: {hint}"
                append(message)
                raise _ImportError(message)
        elif event == "open":
            path, mode, flags = args
            if _type(path) is _int or path is None:
                return  # an already-open descriptor
            full = normal(path)
            writing = (_type(flags) is _int and flags & write_flags) or (
                _type(mode) is _str and ("w" in mode or "a" in mode or "x" in mode or "+" in mode)
            )
            if full in devices or inside(full, (tmp,)):
                return
            if writing or not inside(full, readable):
                raise _PermissionError(
                    f"the grader does not let your code open {full!r}; "
                    "only files in the current directory"
                )
        elif event in write_events:
            paths = args[:2] if event in ("os.rename", "shutil.copyfile", "shutil.move") else args[:1]
            for path in paths:
                if _type(path) is _int:
                    continue
                full = normal(path)
                if not inside(full, (tmp,)):
                    raise _PermissionError(f"the grader does not let your code change {full!r}")
        elif event in blocked or event.startswith(prefixes):
            raise _PermissionError(f"the grader does not let your code use {event}")

    return hook


def _serve(request_fd, reply_fd, wire, violations):
    objects = {}  # handle id -> object; holding it keeps id(obj) unique
    ids = {}  # id(obj) -> handle id, so one object always gets one handle (`fit` returns self)
    counter = [MODULE]

    def to_handle(obj):
        key = ids.get(id(obj))
        if key is None:
            counter[0] += 1
            key = ids[id(obj)] = counter[0]
            objects[key] = obj
        return wire.Handle(key, type(obj).__name__)

    def from_handle(handle):
        try:
            return objects[handle.id]
        except KeyError:
            raise ReferenceError("this object no longer exists in the worker") from None

    def reply(message):
        data = wire.encode(message, to_handle)
        _write(reply_fd, _LEN.pack(len(data)) + data)

    reply(("ready", os.getpid()))
    clock = time.perf_counter  # bound before any learner code runs
    tracing = [False, 0]  # [on, peak bytes so far]
    base = 0
    while True:
        data = _read(request_fd)
        if data is None:
            return  # the grader closed the pipe
        started = seconds = 0.0
        try:
            released, op, *args = wire.decode(data, from_handle)
            started = clock()
            if tracing[0]:  # memory of this request beyond what it arrived with
                base = tracemalloc.get_traced_memory()[0]
                tracemalloc.reset_peak()
            for key in released:  # proxies the grader no longer holds
                ids.pop(id(objects.pop(key, None)), None)
            if op == "load":  # the lessons it builds on first, then the learner's module
                for source, filename, name in args[0]:
                    result = _load_module(source, filename, name)
                objects[MODULE] = result
                result = wire.Handle(MODULE, "module")
            elif op == "getattr":
                result = getattr(args[0], args[1])
            elif op == "setattr":
                setattr(args[0], args[1], args[2])
                result = None
            elif op == "call":
                result = args[0](*args[1], **args[2])
            elif op == "trace":  # `grader bench`: peak memory of the requests in between
                if args[1]:
                    tracemalloc.start()
                    tracing[:] = [True, 0]
                    base = tracemalloc.get_traced_memory()[0]
                    result = None
                else:
                    result = tracing[1]
                    tracing[:] = [False, 0]
                    tracemalloc.stop()
            else:
                raise ValueError(f"unknown request {op!r}")
            # The time the request took here, without the transfer of its data (for `grader bench`).
            seconds = clock() - started
            if tracing[0]:
                tracing[1] = max(tracing[1], tracemalloc.get_traced_memory()[1] - base)
            message = ("ok", result, violations[:1], seconds)
            _flush()
            try:
                reply(message)
                continue
            except wire.WireError as exc:
                error = exc
        except BaseException as exc:  # noqa: BLE001 - learner code may raise anything
            error = exc
        _flush()
        reply(("raise", _describe(error), violations[:1], seconds or (clock() - started if started else 0.0)))


def _load_module(source, filename, name):
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module  # dataclasses and pickle look the module up by name
    lines = source.splitlines(keepends=True)
    linecache.cache[filename] = (len(source), None, lines, filename)  # for tracebacks
    exec(compile(source, filename, "exec"), module.__dict__)
    return module


def _describe(exc):
    """An exception as plain data: its name, builtin bases, message and the learner's frames."""
    kind = type(exc)
    bases = [k.__name__ for k in kind.__mro__ if k.__module__ == "builtins"]
    try:
        message = str(exc)
    except BaseException:  # noqa: BLE001
        message = "<the exception's message could not be shown>"
    frames = []
    try:
        for frame in traceback.extract_tb(exc.__traceback__):
            frames.append([str(frame.filename), int(frame.lineno or 0), str(frame.name),
                           str(frame.line or "")])
    except BaseException:  # noqa: BLE001
        pass
    return {"type": str(kind.__name__), "bases": bases, "message": message[:4000],
            "frames": frames[-20:]}


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:  # noqa: BLE001 - learner code may have replaced the streams
            pass


def _read(fd):
    header = _read_exactly(fd, 8)
    if header is None:
        return None
    return _read_exactly(fd, _LEN.unpack(header)[0])


def _read_exactly(fd, n):
    chunks = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _write(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


if __name__ == "__main__":
    main(sys.argv)
