"""How fast a lesson's implementation is next to its library baseline.

Each lesson's test module defines ``BENCHMARK``, a dict:

    what         the work timed, in words ("fit + predict, n x 16, 8 clusters")
    size         n at which the figures are reported (a realistic size)
    check_size   n for the speed note of ``grader check`` (tens of milliseconds for the
                 reference), or None when even the smallest case is too slow to time there
    data         n -> the data (seeded), built once per size on the trusted side
    impl         (module, data) -> None: the timed work, through the implementation's module
    baseline     data -> None: the same work done by the library
    baseline_name "scikit-learn", "phe", "TenSEAL", ...
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

from . import catalogue
from .sandbox import Session

KEYS = {"what", "size", "check_size", "data", "impl", "baseline", "baseline_name", "hint"}
LIMITS = {"call_seconds": 600, "lesson_seconds": 3600, "cpu_seconds": 3600,
          "memory_mb": 4096}  # a benchmark is long by design
SLOW, WORSE_EXPONENT = 10.0, 0.5  # when grader check says a learner's code is slow


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


def note(lesson: catalogue.Lesson, impl_dir: Path, reference_dir: Path, repeat: int = 3) -> str | None:
    """``grader check``'s speed note: the implementation timed against the reference at
    ``check_size / 4`` and, unless it is already far slower there, at ``check_size``; None when
    it is not much slower, or cannot be timed (the tests say why)."""
    try:
        spec = case(lesson)
    except Exception:  # noqa: BLE001 - a lesson without a benchmark gets no note
        return None
    if spec["check_size"] is None:
        return None
    size = int(spec["check_size"])
    sizes = (max(size // 4, 1), size)
    limits = {**lesson.limits, "call_seconds": 60, "lesson_seconds": 120}
    sessions = {who: Session(where / f"{lesson.slug}.py", lesson.slug, lesson.imports, limits, lesson.uses)
                for who, where in (("yours", impl_dir), ("reference", reference_dir))}
    times = {"yours": {}, "reference": {}}
    for session in sessions.values():
        session.prestart()  # both workers start at once
    try:
        modules = {who: session.module() for who, session in sessions.items()}
        for n in sizes:
            data = spec["data"](n)
            runs = {"yours": [], "reference": []}
            for _ in range(repeat):  # alternating, so both see the same machine
                for who in runs:
                    runs[who].append(_impl(sessions[who], modules[who], spec["impl"], data, False)[0])
            for who in runs:
                times[who][n] = statistics.median(runs[who])
            if times["yours"][n] > SLOW * times["reference"][n]:
                break  # far slower already: no need to wait for the larger size
    except Exception:  # noqa: BLE001 - a stub, a crash or a limit: the tests have said why
        return None
    finally:
        for session in sessions.values():
            session.close()
    n = max(times["yours"])
    yours, reference = times["yours"][n], times["reference"][n]
    slower = yours / reference if reference > 0 else 1.0
    exponents = {who: math.log(t[sizes[1]] / t[sizes[0]]) / math.log(4)
                 for who, t in times.items() if len(t) == 2 and min(t.values()) > 0}
    worse = len(exponents) == 2 and exponents["yours"] - exponents["reference"] > WORSE_EXPONENT
    if slower <= SLOW and not worse:
        return None
    scaling = (f"; n four times larger multiplies your time by {4 ** exponents['yours']:.1f} and the "
               f"reference's by {4 ** exponents['reference']:.1f}" if len(exponents) == 2 else "")
    return (f"speed (a note, not points): {spec['what']}, n={n}: {yours * 1000:.0f} ms with your code, "
            f"{reference * 1000:.1f} ms with the reference, {slower:.0f}x slower{scaling}. {spec['hint']}")
