"""How fast a lesson's implementation is: next to its library baseline (``grader bench``, see
:func:`measure`), and next to the reference (``grader check``'s speed note, :class:`Note`, and
the speed points of a lesson whose catalogue entry gives them, :class:`SpeedTest`).

Each lesson's test module defines ``BENCHMARK``, a dict:

    what         the work timed, in words ("fit + predict, n x 16, 8 clusters")
    size         n at which the figures are reported (a realistic size)
    check_size   n for the speed note of ``grader check`` and for test_speed (tens of
                 milliseconds for the reference at most), or None when even the smallest
                 case is too slow to time there (a lesson with speed points needs one)
    data         n -> the data (seeded), built once per size on the trusted side
    impl         (module, data) -> None: the timed work, through the implementation's module
    baseline     data -> None: the same work done by the library
    baseline_name "scikit-learn", "gensim", "phe", "TenSEAL", ...
    hint         what to do when the implementation is slow (README: 'Section')

The implementation runs in the grader's worker; its time is the time of its requests as the
worker measures them (without passing the data across), and its memory the peak traced by
``tracemalloc`` during the work beyond what it was given. The baseline runs in this process,
on one thread (as the worker's numpy usually does on a busy machine), measured the same way.
Neither side's numpy asks for transparent huge pages (the worker's never does): on machines
where the kernel compacts memory to make them, a page fault could stall for 0.1 s, and a
lesson's ratio changed twofold from one run to the next.
Repetitions alternate implementation and baseline so that both see the same machine; each
figure is a median. The scaling exponent is ``log(t(4m) / t(m)) / log 4`` with ``4m = size``:
1 for linear work, 2 for quadratic.
"""

from __future__ import annotations

import math
import statistics
import time
import tracemalloc
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from . import catalogue, checks
from .sandbox import Session

KEYS = {"what", "size", "check_size", "data", "impl", "baseline", "baseline_name", "hint"}
LIMITS = {"call_seconds": 600, "lesson_seconds": 3600, "cpu_seconds": 3600,
          "memory_mb": 4096}  # a benchmark is long by design
# When an implementation is slow next to the reference (the note, and test_speed's failure):
# more than SLOW times its time, or an exponent more than WORSE_EXPONENT above its own while
# at least AND_SLOWER times its time (at a few milliseconds, noise alone can tilt an exponent).
SLOW, WORSE_EXPONENT, AND_SLOWER = 10.0, 0.5, 2.0


@dataclass
class Figures:
    lesson: str
    what: str
    size: int
    baseline_name: str
    impl_seconds: float
    baseline_seconds: float
    ratio: float  # implementation / baseline
    impl_peak_mb: float
    baseline_peak_mb: float
    impl_exponent: float | None
    baseline_exponent: float | None
    repeat: int

    def as_dict(self) -> dict:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def case(lesson: catalogue.Lesson) -> dict:
    """The lesson's ``BENCHMARK``, from its test module (imported in this process)."""
    module = catalogue.import_file(lesson.tests, f"_bench_{lesson.slug}")
    found = getattr(module, "BENCHMARK", None)
    if not isinstance(found, dict) or set(found) != KEYS:
        raise catalogue.CatalogueError(
            f"{lesson.tests.name}: BENCHMARK must be a dict with the keys {sorted(KEYS)}")
    return found


def _huge_pages(on: bool) -> bool | None:
    """Let this process's numpy ask for transparent huge pages or not; the previous setting."""
    try:
        from numpy._core import multiarray
    except ImportError:  # numpy 1.x
        from numpy.core import multiarray
    toggle = getattr(multiarray, "_set_madvise_hugepage", None)
    return toggle(on) if toggle is not None else None


def _baseline(run, data, trace: bool) -> tuple[float, float]:
    from threadpoolctl import threadpool_limits  # a dependency of scikit-learn

    with threadpool_limits(limits=1):
        if trace:
            tracemalloc.start()
            base = tracemalloc.get_traced_memory()[0]
        started = time.perf_counter()
        run(data)
        seconds = time.perf_counter() - started
        peak = 0
        if trace:
            peak = tracemalloc.get_traced_memory()[1] - base
            tracemalloc.stop()
    return seconds, peak


def _impl(session: Session, module, run, data, trace: bool) -> tuple[float, float]:
    if trace:
        session.request("trace", module, True, what="starting the memory trace")
    session.computed = 0.0
    run(module, data)
    seconds = session.computed
    peak = session.request("trace", module, False, what="ending the memory trace") if trace else 0
    return seconds, peak


def measure(lesson: catalogue.Lesson, impl_dir: Path, size: int | None = None, repeat: int = 3,
            spec: dict | None = None) -> Figures:
    """Time and memory of ``impl_dir/<lesson>.py`` and of the baseline, at ``size`` (default the
    case's) and a quarter of it. Raises ImplementationError when the implementation fails."""
    spec = spec or case(lesson)
    size = int(size or spec["size"])
    limits = {**lesson.limits, **LIMITS}
    session = Session(impl_dir / f"{lesson.slug}.py", lesson.slug, lesson.imports, limits, lesson.uses)
    huge_pages = _huge_pages(False)
    try:
        module = session.module()
        medians = {}
        for n in (max(size // 4, 1), size):
            data = spec["data"](n)
            times = {"impl": [], "baseline": []}
            for _ in range(repeat):
                times["impl"].append(_impl(session, module, spec["impl"], data, False)[0])
                times["baseline"].append(_baseline(spec["baseline"], data, False)[0])
            medians[n] = {k: statistics.median(v) for k, v in times.items()}
        impl_peak = _impl(session, module, spec["impl"], data, True)[1]
        baseline_peak = _baseline(spec["baseline"], data, True)[1]
    finally:
        session.close()
        if huge_pages is not None:
            _huge_pages(huge_pages)
    small, large = medians[max(size // 4, 1)], medians[size]

    def exponent(key):
        if small[key] <= 0 or large[key] <= 0:
            return None
        return math.log(large[key] / small[key]) / math.log(4)

    return Figures(
        lesson=lesson.slug, what=spec["what"], size=size, baseline_name=spec["baseline_name"],
        impl_seconds=large["impl"], baseline_seconds=large["baseline"],
        ratio=large["impl"] / large["baseline"] if large["baseline"] > 0 else math.inf,
        impl_peak_mb=impl_peak / 2**20, baseline_peak_mb=baseline_peak / 2**20,
        impl_exponent=exponent("impl"), baseline_exponent=exponent("baseline"), repeat=repeat)


@dataclass
class Comparison:
    """An implementation timed against the reference on the lesson's case at ``check_size``."""
    n: int  # the size the figures are for (the smaller one when that was already far slower)
    yours: float  # seconds, the fastest run
    reference: float
    exponents: dict  # "yours"/"reference" -> the scaling exponent, when both sizes ran

    @property
    def slower(self) -> float:
        return self.yours / self.reference if self.reference > 0 else 1.0

    @property
    def worse(self) -> bool:
        return len(self.exponents) == 2 and (
            self.exponents["yours"] - self.exponents["reference"] > WORSE_EXPONENT) and (
            self.slower >= AND_SLOWER)

    @property
    def fine(self) -> bool:
        return self.slower <= SLOW and not self.worse

    def text(self, spec: dict) -> str:
        scaling = (f"; n four times larger multiplies your time by {4 ** self.exponents['yours']:.1f} "
                   f"and the reference's by {4 ** self.exponents['reference']:.1f}"
                   if len(self.exponents) == 2 else "")
        return (f"{spec['what']}, n={self.n}: {self.yours * 1000:.0f} ms with your code, "
                f"{self.reference * 1000:.1f} ms with the reference, {self.slower:.0f}x slower{scaling}")


def compare(spec: dict, yours, reference, repeat: int = 5, sessions: dict | None = None) -> Comparison:
    """Time ``spec['impl']`` on the module ``yours`` and on the module ``reference`` (worker
    proxies or imported modules) at ``check_size / 4`` and, unless yours is already far slower
    there, at ``check_size``; repetitions alternate, and each side's figure is its fastest run
    (on a busy machine, noise only ever adds time).

    With ``sessions`` ({"yours": Session, "reference": Session}) a run's time is what its
    worker measured around its requests, without passing the data across: the speed note's
    clock. Without, it is this process's wall clock around the run, data transfer included:
    test_speed's clock, since code in a worker could change that worker's figure."""
    size = int(spec["check_size"])
    sizes = (max(size // 4, 1), size)
    modules = {"yours": yours, "reference": reference}
    times = {"yours": {}, "reference": {}}

    def seconds(who, data):
        if sessions:
            return _impl(sessions[who], modules[who], spec["impl"], data, False)[0]
        started = time.perf_counter()
        spec["impl"](modules[who], data)
        return time.perf_counter() - started

    for n in sizes:
        data = spec["data"](n)
        runs = {"yours": [], "reference": []}
        for _ in range(repeat):
            for who in runs:
                runs[who].append(seconds(who, data))
        for who in runs:
            times[who][n] = min(runs[who])
        if times["yours"][n] > SLOW * times["reference"][n]:
            break  # far slower already: no need to wait for the larger size
    n = max(times["yours"])
    exponents = {who: math.log(t[sizes[1]] / t[sizes[0]]) / math.log(4)
                 for who, t in times.items() if len(t) == 2 and min(t.values()) > 0}
    return Comparison(n, times["yours"][n], times["reference"][n], exponents)


class Note:
    """``grader check``'s speed note: the implementation timed against the reference (see
    :func:`compare`). Made before the tests, so that its two workers start while they run;
    :meth:`text` afterwards is None when the implementation is not much slower, cannot be
    timed (the tests say why), or the lesson grades its speed with points (its test
    ``test_speed`` says it)."""

    def __init__(self, lesson: catalogue.Lesson, impl_dir: Path, reference_dir: Path, repeat: int = 5):
        self.lesson, self.repeat, self.sessions = lesson, repeat, {}
        try:
            self.spec = case(lesson)
        except Exception:  # noqa: BLE001 - a lesson without a benchmark gets no note
            self.spec = None
        if self.spec is None or self.spec["check_size"] is None or lesson.speed_points:
            return
        limits = {**lesson.limits, "call_seconds": 60, "lesson_seconds": 120}
        for who, where in (("yours", impl_dir), ("reference", reference_dir)):
            self.sessions[who] = Session(where / f"{lesson.slug}.py", lesson.slug, lesson.imports, limits,
                                         lesson.uses)
            self.sessions[who].prestart()

    def text(self) -> str | None:
        if not self.sessions:
            return None
        try:
            found = compare(self.spec, self.sessions["yours"].module(), self.sessions["reference"].module(),
                            self.repeat, self.sessions)
        except Exception:  # noqa: BLE001 - a stub, a crash or a limit: the tests have said why
            return None
        finally:
            self.close()
        if found.fine:
            return None
        return f"speed (a note, not points): {found.text(self.spec)}. {self.spec['hint']}"

    def close(self) -> None:
        for session in self.sessions.values():
            session.close()
        self.sessions = {}


# -- speed points: the test a lesson gets when its catalogue entry has speed_points ------------
class SpeedTest(pytest.Item):
    """``test_speed``, added to a lesson's test module when its catalogue entry gives
    ``speed_points``: it passes when the implementation is at most SLOW times slower than
    the reference on the lesson's benchmark case at ``check_size`` and scales no worse (see
    :func:`compare`). It is graded once every other test of the lesson has passed: speed
    earns nothing for wrong answers.

    ``context`` gives the modules to time and the other tests' outcome:
    ``context.speed_modules(slug)`` -> (yours, reference, close) and
    ``context.failing(slug)`` -> how many of the lesson's other tests did not pass."""

    NAME = checks.SPEED_TEST

    def __init__(self, *, lesson: catalogue.Lesson, context, **kwargs):
        super().__init__(**kwargs)
        self.lesson, self.context = lesson, context
        self.add_marker(pytest.mark.points(lesson.speed_points))  # hidden: it needs the reference

    def runtest(self) -> None:
        failing = self.context.failing(self.lesson.slug)
        if failing:
            raise AssertionError(
                f"speed is graded once the lesson's other tests pass ({failing} do not yet)")
        spec = case(self.lesson)
        yours, reference, close = self.context.speed_modules(self.lesson.slug)
        try:
            found = compare(spec, yours, reference)
        finally:
            close()
        if not found.fine:
            raise AssertionError(
                f"speed ({self.lesson.speed_points} points for at most {SLOW:g}x the reference's "
                f"time and no worse scaling): {found.text(spec)}. {spec['hint']}")

    def repr_failure(self, excinfo, style=None):
        exc = excinfo.value
        return str(exc) if isinstance(exc, AssertionError) else f"{type(exc).__name__}: {exc}"

    def reportinfo(self):
        return self.path, None, self.name


def add_test(collector, report, lessons: dict, context) -> None:
    """From a ``pytest_make_collect_report`` hook wrapper: append ``test_speed`` to what
    ``collector`` collected when it is the test module of a lesson with speed points."""
    if not isinstance(collector, pytest.Module) or not report.passed:
        return
    name = Path(str(collector.path)).stem
    lesson = lessons.get(name[len("test_"):]) if name.startswith("test_") else None
    if lesson is not None and lesson.speed_points:
        report.result.append(SpeedTest.from_parent(collector, name=SpeedTest.NAME, lesson=lesson,
                                                   context=context))
