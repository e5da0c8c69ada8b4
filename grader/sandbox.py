"""The trusted side of isolation: start a worker per lesson, talk to it through proxies.

The tests run here; the learner's module runs only in the worker (``grader/worker.py``).
A test reads as if the module were local::

    model = impl.LinearRegression(fit_intercept=False)   # impl is a Remote for the module
    model.fit(X, y).predict(X)                           # -> a real np.ndarray

Each attribute access or call is one request. Replies are decoded by ``wire.decode`` into
fresh builtin values and ndarrays; anything else the learner's code returns stays in the
worker, and here becomes a ``Remote`` whose comparisons, truth value and array conversion
raise ``TypeError``, so a learner object never reaches an ``==`` in a test.

An exception raised by learner code comes back as data and is raised here again: a
builtin type as itself (``pytest.raises(ValueError)`` works); a learner's own class as a
new class of the same name built on its builtin bases plus ``LearnerError``; ``SystemExit``,
``KeyboardInterrupt`` and ``GeneratorExit`` only as ``LearnerError``, never as themselves.

A call that times out, a crash or a limit kills the worker and raises ``WorkerError`` for
that test; the next request starts a fresh worker and reloads the module, so one bad test
costs one test.
"""

from __future__ import annotations

import builtins
import itertools
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
import weakref
from dataclasses import dataclass, fields
from pathlib import Path

from . import catalogue, wire
from .wire import Handle

HERE = Path(__file__).resolve().parent
MODULE = 0  # the module's handle id in every worker (see worker.py)
MAX_SOURCE = 2 << 20  # a lesson file is small; a huge one is refused before it is sent
MAX_REPLY = 512 << 20
SHOWN_OUTPUT = 1500  # characters of learner output shown in a failing test's message
IMPORTS_HINT = "lessons use numpy and the standard library only"


class ImplementationError(Exception):
    """The learner's module cannot be used at all: missing, does not import, refused import."""


class WorkerError(Exception):
    """The worker timed out, crashed or hit a limit; the test fails and the worker is replaced."""


class LearnerError(Exception):
    """An exception of a type defined by learner code (or one that must not propagate as is)."""


@dataclass(frozen=True)
class Limits:
    """The worker's limits; a lesson overrides them with ``limits = {...}`` in the catalogue."""

    call_seconds: float = 10.0  # wall clock, per call into learner code
    load_seconds: float = 10.0  # wall clock, starting the worker and importing the module
    lesson_seconds: float = 60.0  # wall clock, all calls of one lesson together
    cpu_seconds: int = 60  # CPU time of one worker (RLIMIT_CPU)
    memory_mb: int = 2048  # address space (RLIMIT_AS)
    file_mb: int = 16  # largest file written, output included (RLIMIT_FSIZE)
    output_kb: int = 64  # learner output kept for messages
    processes: int = 8  # processes and threads beyond those the worker starts with (RLIMIT_NPROC)

    @classmethod
    def with_overrides(cls, overrides: dict) -> Limits:
        known = {f.name: f.type for f in fields(cls)}
        for key, value in overrides.items():
            if key not in known:
                raise ValueError(f"unknown limit {key!r}; known limits: {', '.join(known)}")
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"limit {key!r} must be a positive number, not {value!r}")
        return cls(**{k: int(v) if known[k] == "int" else float(v) for k, v in overrides.items()})

    @classmethod
    def parse(cls, texts) -> dict:
        """``["call_seconds=30", ...]`` (the --limit option) as checked overrides."""
        overrides = {}
        for text in texts:
            name, _, value = text.partition("=")
            try:
                overrides[name.strip()] = float(value)
            except ValueError:
                raise ValueError(f"--limit {text!r}: expected NAME=NUMBER") from None
        cls.with_overrides(overrides)
        return overrides


class Worker:
    """One worker process: its pipes, its directory, its output file."""

    def __init__(self, limits: Limits, config: dict, drop_privileges: bool):
        self.limits = limits
        self.uid = privileged_uid = _private_uid() if drop_privileges else None
        self.dir = Path(tempfile.mkdtemp(prefix="grader-"))
        work = self.dir / "work"
        work.mkdir()
        self.output_path = self.dir / "output"
        output = open(self.output_path, "wb")
        if privileged_uid is not None:
            os.chmod(self.dir, 0o711)  # the worker may traverse to its own directory only
            os.chown(work, privileged_uid, privileged_uid)
        config = dict(config, tmp=str(work), uid=privileged_uid, gid=privileged_uid)
        request_r, self.request_w = os.pipe()
        self.reply_r, reply_w = os.pipe()
        env = {
            "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "HOME": str(work), "TMPDIR": str(work),
            "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
            "VECLIB_MAXIMUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1",
            # no transparent huge pages for numpy's arrays: where the kernel compacts memory to
            # make them, a page fault can stall for 0.1 s, and timings went bimodal
            "NUMPY_MADVISE_HUGEPAGE": "0",
        }
        command = [sys.executable, "-I", "-B", str(HERE / "worker.py"),
                   str(request_r), str(reply_w), json.dumps(config)]
        try:
            self.process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
                cwd=work, env=env, pass_fds=(request_r, reply_w), start_new_session=True,
            )
        finally:
            os.close(request_r)
            os.close(reply_w)
            output.close()
        self.alive = True

    def output_size(self) -> int:
        try:
            return self.output_path.stat().st_size
        except OSError:
            return 0

    def read_output(self, start: int, limit: int) -> bytes:
        try:
            with open(self.output_path, "rb") as f:
                f.seek(start)
                return f.read(limit)
        except OSError:
            return b""

    def exchange(self, data: bytes, seconds: float):
        """Send one request and wait for one reply; raise _Failure on anything else."""
        deadline = time.monotonic() + seconds
        if data is not None:
            self._send(len(data).to_bytes(8, "little") + data, deadline)
        header = self._receive(8, deadline)
        size = int.from_bytes(header, "little")
        if size > MAX_REPLY:
            raise _Failure(f"sent back more than {MAX_REPLY >> 20} MB")
        return self._receive(size, deadline)

    def _send(self, data: bytes, deadline: float) -> None:
        view = memoryview(data)
        while view:
            if not select.select([], [self.request_w], [], self._left(deadline))[1]:
                raise _Timeout()
            try:
                view = view[os.write(self.request_w, view[: 1 << 16]):]
            except (BrokenPipeError, OSError):
                raise _Failure(self._death()) from None

    def _receive(self, n: int, deadline: float) -> bytes:
        chunks = []
        while n:
            if not select.select([self.reply_r], [], [], self._left(deadline))[0]:
                raise _Timeout()
            chunk = os.read(self.reply_r, min(n, 1 << 20))
            if not chunk:
                raise _Failure(self._death())
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    @staticmethod
    def _left(deadline: float) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Timeout()
        return left

    def _death(self) -> str:
        """Why the worker went away, in words."""
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "closed its connection to the grader"
        if code >= 0:
            return f"ended the worker process (exit status {code})"
        sig = -code
        reasons = {
            signal.SIGXCPU: f"used up the worker's CPU time limit ({self.limits.cpu_seconds} s)",
            signal.SIGXFSZ: f"wrote more than the file size limit ({self.limits.file_mb} MB)",
            signal.SIGSEGV: "crashed the worker (segmentation fault: very deep recursion?)",
            signal.SIGKILL: "was killed (CPU time or memory limit)",
        }
        return reasons.get(sig, f"killed the worker ({signal.Signals(sig).name})")

    def kill(self) -> None:
        if not self.alive:
            return
        self.alive = False
        for fd in (self.request_w, self.reply_r):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.uid is not None:
            _kill_all_of(self.uid)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - a zombie we cannot reap
            pass

    def cleanup(self) -> None:
        self.kill()
        for path in sorted(self.dir.rglob("*"), reverse=True):
            try:
                path.rmdir() if path.is_dir() and not path.is_symlink() else path.unlink()
            except OSError:
                pass
        try:
            self.dir.rmdir()
        except OSError:
            pass


class _Timeout(Exception):
    pass


class _Failure(Exception):
    pass


class Session:
    """A lesson's connection to the learner's module, across worker restarts."""

    def __init__(self, path: Path, slug: str, imports=(), limits=None, uses=()):
        self.path = Path(path)
        self.slug = slug
        self.limits = Limits.with_overrides(dict(limits or {}))
        self.imports = tuple(imports)
        self.uses = tuple(uses)  # earlier lessons' files, beside this one, that it imports
        self.worker: Worker | None = None
        self._spare: Worker | None = None  # started ahead of need (see prestart)
        self.generation = 0
        self.used = 0.0
        self.computed = 0.0  # seconds of requests as the worker measured them (no data transfer)
        self.violation: str | None = None
        self.load_error: str | None = None
        self._proxies: dict[int, weakref.ref] = {}
        self._released: list[int] = []
        self._carry = ""  # output of workers that died during the current test
        self._mark = (0, 0)  # (worker generation, output offset) when the current test began
        self._module = Remote(self, MODULE, None, "module", slug)
        self._root = os.geteuid() == 0  # then each worker drops to a private uid

    # -- the module and its lifetime ------------------------------------------------------
    def module(self) -> Remote:
        self._ensure_worker()
        return self._module

    def prestart(self) -> None:
        """Start a worker now, in the background, so that it is ready when a test needs it."""
        if self._spare is None and not self.load_error:
            self._spare = Worker(self.limits, self._config(), self._root)

    def close(self) -> None:
        for worker in (self.worker, self._spare):
            if worker is not None:
                worker.cleanup()
        self.worker = self._spare = None

    def _config(self) -> dict:
        return {
            "wire": str(HERE / "wire.py"),
            "module": self.slug,
            "filename": str(self.path),
            "allowed": list(self.imports + self.uses),
            "imports_hint": IMPORTS_HINT + (
                f" (and {', '.join(self.imports + self.uses)})" if self.imports + self.uses else ""),
            "hide": sorted({str(HERE.parent), str(catalogue.ROOT), str(self.path.parent.resolve())}),
            "limits": {
                "cpu_seconds": self.limits.cpu_seconds,
                "memory_mb": self.limits.memory_mb,
                "file_mb": self.limits.file_mb,
                "processes": self._process_limit(),
            },
        }

    def _ensure_worker(self) -> Worker:
        if self.load_error:
            raise ImplementationError(self.load_error)
        if self.worker is not None and self.worker.alive:
            return self.worker
        modules = [(self._source(self.path.parent / f"{used}.py", used), str(self.path.parent / f"{used}.py"),
                    used) for used in self.uses]
        modules.append((self._source(self.path), str(self.path), self.slug))
        self.generation += 1
        self._proxies.clear()
        self._released.clear()
        self.worker, self._spare = self._spare or Worker(self.limits, self._config(), self._root), None
        name = self.path.name
        started = time.monotonic()
        try:
            limit = f"the time limit for loading, {self.limits.load_seconds:g} s in all"
            reply = self._exchange(None, self.limits.load_seconds, "starting the worker", limit)
            if not (isinstance(reply, tuple) and reply[:1] == ("ready",)):
                raise WorkerError("the worker did not start")
            data = wire.encode(([], "load", modules))
            left = self.limits.load_seconds - (time.monotonic() - started)
            reply = self._exchange(data, max(left, 0.1), f"importing {name}", limit)
        except WorkerError as exc:
            self.load_error = f"{name} could not be loaded: {exc}"
            raise ImplementationError(self.load_error) from None
        if reply[0] == "raise":
            info = reply[1]
            self.load_error = f"{name} does not import: {_exception_text(info, self.path)}"
            raise ImplementationError(self.load_error)
        return self.worker

    def _source(self, path: Path, used: str | None = None) -> str:
        if not path.is_file():
            self.load_error = f"{path} does not exist" + (
                f"; {self.path.name} builds on your {used}.py, which must be beside it" if used else "")
            raise ImplementationError(self.load_error)
        data = path.read_bytes()
        if len(data) > MAX_SOURCE:
            self.load_error = f"{path.name} is larger than {MAX_SOURCE >> 20} MB"
            raise ImplementationError(self.load_error)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.load_error = f"{path.name} is not UTF-8 text ({exc.reason} at byte {exc.start})"
            raise ImplementationError(self.load_error) from None

    def _process_limit(self) -> int:
        if self._root:
            return self.limits.processes + 1  # a private uid: the worker is its only process
        # RLIMIT_NPROC counts every process of the user, so allow for those already running.
        running = _tasks_of(os.getuid())
        return running + self.limits.processes + 1 if running else 0  # 0: no /proc, no limit

    # -- requests -----------------------------------------------------------------------------
    def request(self, op: str, target: Remote, *args, what: str):
        if target._generation not in (None, self.generation) or (
            target._generation is not None and (self.worker is None or not self.worker.alive)
        ):
            raise WorkerError(
                f"{what}: this object was made by a worker that has since been replaced "
                "(after an earlier failure)"
            )
        self._ensure_worker()
        # Objects whose proxies were collected are released with the next request.
        released, self._released = self._released, []
        message = (released, op, Handle(target._id, target.learner_type), *args)
        try:
            data = wire.encode(message, self._handle_of)
        except wire.WireError as exc:
            raise TypeError(f"cannot pass this to {what}: {exc}") from None
        reply = self._send_data(data, what)
        kind, value, violations, seconds = reply
        self.computed += seconds
        if violations and self.violation is None:
            self.violation = str(violations[0])
        if kind == "ok":
            if op == "getattr" and isinstance(value, Remote) and value._id != MODULE:
                object.__setattr__(value, "_label", what)  # "LinearRegression.fit" in messages
            return value
        raise _rebuild(value, self.path, what, self.limits)

    def _send_data(self, data: bytes, what: str):
        left = self.limits.lesson_seconds - self.used
        if left <= 0:
            raise WorkerError(f"the lesson's time limit ({self.limits.lesson_seconds:g} s) is used up")
        seconds = min(self.limits.call_seconds, left)
        limit = "the time limit per call" if seconds == self.limits.call_seconds else (
            f"what was left of the lesson's {self.limits.lesson_seconds:g} s")
        started = time.monotonic()
        try:
            reply = self._exchange(data, seconds, what, limit)
        finally:
            self.used += time.monotonic() - started
        if not (isinstance(reply, tuple) and len(reply) == 4 and reply[0] in ("ok", "raise")
                and type(reply[3]) is float and reply[3] >= 0):
            self._replace_worker()
            raise WorkerError(f"{what}: the worker sent a reply the grader does not accept")
        return reply

    def _exchange(self, data, seconds, what, limit="the time limit per call"):
        worker = self.worker
        try:
            raw = worker.exchange(data, seconds)
            return wire.decode(raw, self._proxy_for)
        except _Timeout:
            self._replace_worker()
            raise WorkerError(f"{what} did not return within {seconds:.3g} s ({limit})") from None
        except _Failure as exc:
            self._replace_worker()
            raise WorkerError(f"{what} {exc}") from None
        except wire.WireError as exc:
            self._replace_worker()
            raise WorkerError(f"{what}: the worker sent data the grader does not accept ({exc})") from None

    def _replace_worker(self) -> None:
        """Keep what the dying worker printed during this test, then discard it."""
        worker, self.worker = self.worker, None
        if worker is None:
            return
        worker.kill()
        start = self._mark[1] if self._mark[0] == self.generation else 0
        self._carry += _printable(worker.read_output(start, self.limits.output_kb << 10))
        worker.cleanup()
        self.prestart()  # the next test will need a worker: start it while this one reports

    # -- handles --------------------------------------------------------------------------------
    def _handle_of(self, obj) -> Handle:
        if isinstance(obj, Remote) and obj._session is self:
            if obj._generation in (None, self.generation):
                return Handle(obj._id, obj.learner_type)
            raise wire.WireError("an object from a worker that has since been replaced")
        raise wire.WireError(f"a {type(obj).__name__} object cannot be passed to your code")

    def _proxy_for(self, handle: Handle) -> Remote:
        if handle.id == MODULE:
            return self._module
        ref = self._proxies.get(handle.id)
        proxy = ref() if ref is not None else None
        if proxy is None:
            proxy = Remote(self, handle.id, self.generation, handle.type_name, handle.type_name)
            self._proxies[handle.id] = weakref.ref(proxy)
        return proxy

    def release(self, proxy: Remote) -> None:
        if proxy._generation == self.generation and self.worker is not None:
            self._proxies.pop(proxy._id, None)
            self._released.append(proxy._id)

    # -- output ------------------------------------------------------------------------------
    def output_mark(self):
        self._carry = ""
        self._mark = (self.generation, self.worker.output_size() if self.worker else 0)
        return self._mark

    def output_since(self, mark) -> str:
        text = self._carry
        if self.worker is not None:
            start = mark[1] if mark and mark[0] == self.generation else 0
            text += _printable(self.worker.read_output(start, self.limits.output_kb << 10))
        text = text.strip("\n")
        if len(text) > SHOWN_OUTPUT:
            text = text[:SHOWN_OUTPUT] + f"\n... ({len(text) - SHOWN_OUTPUT} more characters not shown)"
        return text


class Remote:
    """A learner object that lives in the worker. Attribute access and calls go there."""

    __slots__ = ("_session", "_id", "_generation", "learner_type", "_label", "__weakref__")

    def __init__(self, session, id, generation, type_name, label):
        for name, value in (("_session", session), ("_id", id), ("_generation", generation),
                            ("learner_type", type_name), ("_label", label)):
            object.__setattr__(self, name, value)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        what = name if self._id == MODULE else f"{self._label}.{name}"
        return self._session.request("getattr", self, name, what=what)

    def __setattr__(self, name, value):
        self._session.request("setattr", self, name, value, what=f"setting {self._label}.{name}")

    def __call__(self, *args, **kwargs):
        return self._session.request("call", self, list(args), dict(kwargs), what=self._label)

    def __del__(self):
        try:
            self._session.release(self)
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass

    def __repr__(self):
        return f"<{self.learner_type} object from your code>"

    def _refuse(self, *args, **kwargs):
        raise TypeError(
            f"the grader expected plain data (an array, a number, a string, a list) but "
            f"{self._label} gave a {self.learner_type} object from your code"
        )

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _refuse
    __bool__ = __len__ = __iter__ = __contains__ = __getitem__ = _refuse
    __float__ = __int__ = __index__ = __complex__ = __array__ = _refuse
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _refuse
    __truediv__ = __rtruediv__ = __matmul__ = __rmatmul__ = __neg__ = __abs__ = _refuse
    __hash__ = object.__hash__


# -- exceptions --------------------------------------------------------------------------------
_BUILTIN = {
    name: value for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, Exception)
}
_NEVER_AS_IS = {"SystemExit", "KeyboardInterrupt", "GeneratorExit", "BaseException", "Exception"}
_CLASSES: dict[tuple, type] = {}


def _exception_text(info, path: Path) -> str:
    name = str(info.get("type", "Exception")) if isinstance(info, dict) else "Exception"
    message = str(info.get("message", "")) if isinstance(info, dict) else ""
    text = f"{name}: {message}" if message else name
    frames = info.get("frames") if isinstance(info, dict) else None
    if isinstance(frames, list):
        for frame in reversed(frames):
            if isinstance(frame, list) and len(frame) == 4 and frame[0] == str(path):
                text += f" ({path.name}, line {frame[1]}"
                text += f": {str(frame[3]).strip()})" if frame[3] else ")"
                break
    return text


def _rebuild(info, path: Path, what: str, limits: Limits) -> Exception:
    """The exception to raise here for one raised by learner code in the worker."""
    if not isinstance(info, dict):
        return WorkerError(f"{what}: the worker sent an invalid error")
    text = f"{what} raised {_exception_text(info, path)}"
    name = str(info.get("type", ""))
    if name == "MemoryError":
        text += f" (the worker's memory limit is {limits.memory_mb} MB)"
    if "[Errno 27]" in text:  # EFBIG: Python ignores SIGXFSZ, so the write fails instead
        text += f" (the worker's file size limit is {limits.file_mb} MB, printed output included)"
    if name == "NotImplementedError":
        text = f"{what} is not implemented yet (it raises NotImplementedError)"
    bases = [b for b in info.get("bases", []) if isinstance(b, str) and b in _BUILTIN]
    if name in _BUILTIN and bases[:1] == [name] and name not in _NEVER_AS_IS:
        exc = _BUILTIN[name](text)
        exc.from_learner = True  # its message already says where it came from
        return exc
    base_types = [_BUILTIN[b] for b in bases if b not in _NEVER_AS_IS]
    base_types = [t for t in base_types if not any(o is not t and issubclass(o, t) for o in base_types)]
    return _learner_class(name if name.isidentifier() else "LearnerException", tuple(base_types))(text)


def _learner_class(name: str, bases: tuple) -> type:
    key = (name, bases)
    if key not in _CLASSES:
        try:
            _CLASSES[key] = type(name, (*bases, LearnerError), {})
        except TypeError:  # bases whose layouts conflict: keep the first
            _CLASSES[key] = type(name, (*bases[:1], LearnerError), {})
    return _CLASSES[key]


# -- processes --------------------------------------------------------------------------------
_WORKERS = itertools.count()


def _private_uid() -> int:
    """A uid (and gid) that no account uses, private to one worker of this grading process:
    RLIMIT_NPROC then counts only that worker's processes, and killing every process of the
    uid kills exactly what the worker started."""
    return 1_000_000_000 + (os.getpid() % 100_000) * 1000 + next(_WORKERS) % 1000


def _kill_all_of(uid: int) -> None:
    """Kill every process of ``uid``: whatever the worker started, even in a new session."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            os.kill(-1, signal.SIGKILL)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)


def _tasks_of(uid: int) -> int:
    """Processes and threads of ``uid`` now (RLIMIT_NPROC counts both), 0 if unknown."""
    total = 0
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as f:
                status = f.read()
        except OSError:
            continue
        fields_ = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if fields_.get("Uid", "").split()[:1] == [str(uid)]:
            total += int(fields_.get("Threads", "1").strip() or 1)
    return total


def _printable(data: bytes) -> str:
    text = data.decode("utf-8", "replace")
    return "".join(c if c.isprintable() or c in "\n\t" else "?" for c in text)
