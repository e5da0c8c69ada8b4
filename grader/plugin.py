"""The pytest plugin: the ``impl`` fixture, the ``points`` marker, and result collection.

A lesson's hidden tests reach the implementation under test only through the ``impl``
fixture, so the same tests grade the reference, the stub or any learner directory::

    @pytest.mark.points(2)
    def test_fit_returns_self(impl, X, y):
        model = impl.LinearRegression()
        assert model.fit(X, y) is model

By default ``impl`` is a proxy to the learner's module running in a separate worker
process (see ``grader.sandbox``); ``--isolation none`` imports it in this process instead
(faster to debug with, never for untrusted code).
"""

from __future__ import annotations

import traceback
from pathlib import Path

import pytest

from . import catalogue, checks, speed
from .report import LessonResult, TestResult
from .sandbox import ImplementationError, LearnerError, Limits, Session, WorkerError

IMPL_HELP = (
    "where the implementation under test lives: 'exercises' (default), 'solutions', "
    "or a directory holding <lesson>.py files"
)
ISOLATION_HELP = (
    "'worker' (default): run the implementation in a separate, limited process; "
    "'none': import it into the test process (for debugging trusted code only)"
)
LIMIT_HELP = (
    "override one of the worker's limits for every lesson, e.g. --limit call_seconds=30 "
    "(names: see grader/sandbox.py, Limits); may be repeated"
)
MAX_MESSAGE = 1500
GRADING = pytest.StashKey["Grading"]()
OUTPUT_MARK = pytest.StashKey[object]()
THREADS = pytest.StashKey[object]()  # keeps the thread limits of the baselines in force


def pytest_addoption(parser):
    group = parser.getgroup("grader", "grading a course implementation")
    group.addoption("--impl", default="exercises", metavar="WHERE", help=IMPL_HELP)
    group.addoption("--isolation", default="worker", choices=("worker", "none"), help=ISOLATION_HELP)
    group.addoption("--limit", action="append", default=[], metavar="NAME=VALUE", help=LIMIT_HELP)


def pytest_configure(config):
    checks.register_markers(config)
    # The course whose tests run: the rootdir when it holds a catalogue (`grader grade
    # --tests-from` points it at a pristine copy), else the checkout the grader belongs to.
    root = config.rootpath if (config.rootpath / catalogue.CATALOGUE).is_file() else catalogue.ROOT
    try:
        impl_dir = catalogue.resolve_impl(config.getoption("impl"), root=root)
    except catalogue.UsageError as exc:
        raise pytest.UsageError(str(exc)) from None
    try:
        limits = Limits.parse(config.getoption("limit"))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    grading = Grading(impl_dir, config.getoption("isolation"), limits, root)
    config.stash[GRADING] = grading
    config.pluginmanager.register(grading, "grader-grading")
    # Start the first lesson's worker now: it starts while the tests import scikit-learn.
    named = [lesson_of(arg.split("::")[0]) for arg in config.args]
    grading.order = [slug for slug in dict.fromkeys(named) if slug in grading.lessons]
    if grading.order:
        grading.prestart(grading.order[0])


def pytest_collection_finish(session):
    """The baselines run on small data, where starting BLAS and OpenMP threads costs more than
    the computation (up to 0.5 s per scikit-learn call on a busy 2-core machine): once the test
    modules have imported scikit-learn, give every thread pool in this process one thread.
    The learner's worker is another process and is not affected."""
    try:
        from threadpoolctl import threadpool_limits  # a dependency of scikit-learn
    except ImportError:  # pragma: no cover
        return
    session.config.stash[THREADS] = threadpool_limits(limits=1)


def pytest_unconfigure(config):
    grading = config.stash.get(GRADING, None)
    if grading is not None:
        grading.close_all()


@pytest.fixture(scope="module")
def impl(request):
    """The learner's module for the lesson whose tests are running."""
    grading = request.config.stash[GRADING]
    slug = lesson_of(request.node.path)
    yield grading.open(slug)
    grading.close(slug)


def lesson_of(path) -> str:
    """``lessons/kmeans/test_kmeans.py`` -> ``kmeans`` (not necessarily a lesson's name)."""
    name = Path(str(path)).stem
    return name[len("test_"):] if name.startswith("test_") else name


class Grading:
    """Opens implementations and records each test's result with its points."""

    def __init__(self, impl_dir: Path, isolation: str, limits: dict | None = None,
                 root: Path = catalogue.ROOT):
        self.impl_dir = impl_dir
        self.isolation = isolation
        self.limit_overrides = dict(limits or {})
        try:
            self.lessons = {lesson.slug: lesson for lesson in catalogue.load(root)}
        except catalogue.CatalogueError as exc:
            raise pytest.UsageError(str(exc)) from None
        self.sessions: dict[str, Session] = {}
        self.order: list[str] = []  # the lessons in the order their tests will run
        self.tests: dict[str, list[TestResult]] = {}
        self.errors: dict[str, str] = {}

    # -- implementations -------------------------------------------------------------
    def path_for(self, slug: str) -> Path:
        return self.impl_dir / f"{slug}.py"

    def open(self, slug: str):
        lesson = self.lessons.get(slug)
        if lesson is None:
            raise ImplementationError(f"{slug!r} is not a lesson of the catalogue")
        try:
            if self.isolation == "none":
                return _import_in_process(self.path_for(slug), slug, lesson.uses)
            session = self.session(slug)
            following = self.order[self.order.index(slug) + 1:] if slug in self.order else []
            if following:
                self.prestart(following[0])  # its worker starts while this lesson's tests run
            return session.module()
        except ImplementationError as exc:
            self.errors.setdefault(slug, str(exc))  # the lesson's error, besides each test's
            raise

    def session(self, slug: str) -> Session:
        if slug not in self.sessions:
            lesson = self.lessons[slug]
            limits = {**lesson.limits, **self.limit_overrides}
            self.sessions[slug] = Session(self.path_for(slug), slug, lesson.imports, limits,
                                          lesson.uses)
        return self.sessions[slug]

    def prestart(self, slug: str) -> None:
        if self.isolation == "worker" and slug in self.lessons:
            self.session(slug).prestart()

    def close(self, slug: str) -> None:
        session = self.sessions.pop(slug, None)
        if session is not None:
            if session.violation:
                self.errors.setdefault(slug, session.violation)
            session.close()

    def close_all(self) -> None:
        for slug in list(self.sessions):
            self.close(slug)

    # -- speed points (see grader/speed.py, SpeedTest) -------------------------------------
    def failing(self, slug: str) -> int:
        return sum(t.status != "passed" for t in self.tests.get(slug, []))

    def speed_modules(self, slug: str):
        """The learner's module and the reference's, each in its own worker (or both imported
        here with ``--isolation none``), and what closes the reference's."""
        lesson = self.lessons[slug]
        yours = self.open(slug)
        if self.isolation == "none":
            reference = catalogue.import_file(lesson.solution, f"reference_{slug}", lesson.uses)
            return yours, reference, lambda: None
        session = Session(lesson.solution, slug, lesson.imports, {**lesson.limits, **self.limit_overrides},
                          lesson.uses)
        try:
            return yours, session.module(), session.close
        except BaseException:
            session.close()
            raise

    # -- results ---------------------------------------------------------------------
    def record(self, item, status: str, message: str) -> None:
        slug = lesson_of(item.path)
        marker = item.get_closest_marker("points")
        points = marker.args[0] if marker and marker.args else 0
        if not isinstance(points, int) or points <= 0:
            status, message = "error", "this test has no @pytest.mark.points(n) (a course bug)"
            points = 0
        session = self.sessions.get(slug)
        if status != "passed" and session is not None:
            output = session.output_since(item.stash.get(OUTPUT_MARK, None))
            if output:
                message += "\n--- your code printed ---\n" + output
        result = TestResult(
            name=item.name,
            status=status,
            score=points if status == "passed" else 0,
            max_score=points,
            message=message,
        )
        self.tests.setdefault(slug, []).append(result)

    # -- pytest hooks (this object is registered as a plugin) -----------------------------------
    def pytest_collect_file(self, file_path, parent):
        # The first lesson's worker starts before its test module is imported, so that the
        # worker's start overlaps the import of the baselines (scikit-learn takes a second).
        slug = lesson_of(file_path)
        if not self.sessions and slug in self.lessons and file_path.name == f"test_{slug}.py":
            self.prestart(slug)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_make_collect_report(self, collector):
        report = (yield).get_result()
        speed.add_test(collector, report, self.lessons, self)

    def pytest_collection_finish(self, session):
        order = [lesson_of(item.path) for item in session.items]
        self.order = [slug for slug in dict.fromkeys(order) if slug in self.lessons]
        if self.order:
            self.prestart(self.order[0])

    def pytest_collectreport(self, report):
        slug = lesson_of(report.fspath)
        if report.failed and slug in self.lessons:
            text = str(report.longrepr).strip().splitlines()
            self.errors.setdefault(
                slug, f"the lesson's tests could not be collected: {(text or ['?'])[-1][:300]}"
            )

    def pytest_runtest_setup(self, item):
        session = self.sessions.get(lesson_of(item.path))
        item.stash[OUTPUT_MARK] = session.output_mark() if session else None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = (yield).get_result()
        slug = lesson_of(item.path)
        if slug not in self.lessons:
            return  # not a lesson's test (the project's own tests load this plugin too)
        if report.when == "call" or (report.when == "setup" and not report.passed):
            if report.passed:
                self.record(item, "passed", "")
            elif report.skipped:
                self.record(item, "failed", f"skipped: {_skip_reason(report)}")
            else:
                status = "failed" if report.when == "call" else "error"
                excinfo = call.excinfo
                if excinfo is not None and isinstance(excinfo.value, (ImplementationError, WorkerError)):
                    status = "error"
                self.record(item, status, describe(excinfo, self.path_for(slug)))

    def results(self, slugs: list[str]) -> list[LessonResult]:
        out = []
        for slug in slugs:
            tests = self.tests.get(slug, [])
            error = self.errors.get(slug)
            if error and any(t.score for t in tests):
                # A refused import found during a test zeroes the lesson.
                tests = [TestResult(t.name, t.status, 0, t.max_score, t.message) for t in tests]
            if not tests and error is None:
                error = "no test of this lesson ran"
            out.append(LessonResult.of(slug, tests, error, self.lessons[slug].points))
        return out


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    return longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)


def describe(excinfo, learner_path: Path) -> str:
    """One message for a failed test: the assertion, or the learner's exception and line."""
    if excinfo is None:
        return "failed"
    exc = excinfo.value
    if isinstance(exc, AssertionError):
        text = str(exc).strip() or "an assertion failed"
    elif isinstance(exc, (LearnerError, ImplementationError, WorkerError)) or getattr(
        exc, "from_learner", False
    ):
        text = str(exc)
    else:
        text = f"{type(exc).__name__}: {exc}"
        # In-process mode: point at the learner's own line when the error came from there.
        for entry in reversed(excinfo.traceback):
            if Path(str(entry.path)) == learner_path:
                text += f" ({learner_path.name}, line {entry.lineno + 1})"
                break
    if len(text) > MAX_MESSAGE:
        text = text[:MAX_MESSAGE] + " ..."
    return text


def _import_in_process(path: Path, slug: str, uses=()):
    """``--isolation none``: import the learner's file here; errors become ImplementationError."""
    for needed in (*(path.parent / f"{used}.py" for used in uses), path):
        if not needed.is_file():
            raise ImplementationError(f"{needed} does not exist")
    try:
        return catalogue.import_file(path, f"_learner_{slug}", uses)
    except SyntaxError as exc:
        raise ImplementationError(
            f"{path.name} does not import: SyntaxError: {exc.msg} (line {exc.lineno})"
        ) from None
    except BaseException as exc:  # noqa: BLE001 - any failure of learner code is reported
        frames = traceback.extract_tb(exc.__traceback__)
        line = next((f.lineno for f in reversed(frames) if f.filename == str(path)), "?")
        raise ImplementationError(
            f"{path.name} does not import: {type(exc).__name__}: {exc} (line {line})"
        ) from None
