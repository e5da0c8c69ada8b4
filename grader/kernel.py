"""Running a lesson's tests inside a Jupyter kernel, on the code of the notebook's cells.

A lesson's notebook (see ``grader.notebook``) ends with cells that call :func:`run` with the
source of the lesson's tests and the notebook's namespace. The tests run under pytest in
this process, with the ``impl`` fixture bound to a module made from that namespace, so they
need nothing that exists only in the course's own pytest session. Each autograded cell
then shows one test function's result and evaluates to the points it earned, which
nbgrader reads as the cell's partial credit.

When the tests are a lesson's full tests (not the public cut) and the course gives the
lesson speed points, ``test_speed`` (see ``grader.speed``) runs too, here on the notebook's
code against the course's reference, both in this process.

Two things nbgrader would otherwise misread are kept out of the cell's output: anything
written to standard error (nbgrader gives a cell with stderr output zero points, so a
warning would cost marks) and pytest's own report (the cell prints a short one instead).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import types
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from . import catalogue, speed
from .checks import is_public, register_markers

# Names IPython puts in a notebook's namespace, which are not the learner's code.
NOT_CODE = {"In", "Out", "get_ipython", "exit", "quit", "open"}
MAX_MESSAGE = 600


@dataclass
class Result:
    name: str  # the test function, without its parameters
    test: str  # the test item, with them
    points: int
    passed: bool
    message: str = ""


@dataclass
class Results:
    lesson: str
    results: list[Result] = field(default_factory=list)
    error: str = ""  # the tests could not run at all

    @property
    def score(self) -> int:
        return sum(r.points for r in self.results if r.passed)

    @property
    def max_score(self) -> int:
        return sum(r.points for r in self.results)

    def of(self, name: str) -> list[Result]:
        return [r for r in self.results if r.name == name]

    def points(self, name: str) -> int:
        """Print what ``name`` (a test function) found and return the points it earned."""
        found = self.of(name)
        if self.error:
            print(f"{name}: not run: {self.error}")
        elif not found:
            print(f"{name}: this test is not among the checks that ran here")
        for r in found:
            plural = "s" * (r.points != 1)
            print(f"{'passed' if r.passed else 'FAILED'}  {r.test}  ({r.points} point{plural})")
            if not r.passed:
                print("    " + r.message.replace("\n", "\n    "))
        return sum(r.points for r in found if r.passed)

    def summary(self) -> None:
        if self.error:
            print(f"{self.lesson}: the checks could not run: {self.error}")
            return
        print(f"{self.lesson}: {self.score}/{self.max_score} points from {len(self.results)} checks")
        for r in self.results:
            if not r.passed:
                first = r.message.splitlines()[0] if r.message else ""
                print(f"  FAILED {r.test} ({r.points}): {first}")


class _Collector:
    """A pytest plugin: the ``impl`` fixture, the course's markers, and the results."""

    def __init__(self, module: types.ModuleType, results: Results, hidden: bool):
        self.module, self.results = module, results
        self.hidden = hidden  # the full tests: test_speed (hidden) is added when the lesson has it

    def pytest_configure(self, config):
        register_markers(config)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_make_collect_report(self, collector):
        report = (yield).get_result()
        if self.hidden and isinstance(collector, pytest.Module):
            speed.add_test(collector, report, self.lessons(), self)

    @staticmethod
    def lessons() -> dict:
        """The course's lessons whose references are at hand (a student copy has none, and
        its catalogue no speed points)."""
        try:
            return {lesson.slug: lesson for lesson in catalogue.load() if lesson.solution.is_file()}
        except catalogue.CatalogueError:  # the grader is installed without its course
            return {}

    # test_speed's context (see grader/speed.py): the notebook's code against the reference,
    # both in this process.
    def failing(self, slug: str) -> int:
        return sum(not r.passed for r in self.results.results)

    def speed_modules(self, slug: str):
        lesson = self.lessons()[slug]
        reference = catalogue.import_file(lesson.solution, f"reference_{slug}", lesson.uses)
        return self.module, reference, lambda: None

    @pytest.fixture(scope="module")
    def impl(self):
        return self.module

    def pytest_collectreport(self, report):
        if report.failed:
            self.results.error = _short(str(report.longrepr))

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.outcome != "passed":
            item_points = report.user_properties and dict(report.user_properties).get("points", 0)
            name = report.nodeid.split("::")[-1]
            existing = next((r for r in self.results.results if r.test == name), None)
            if existing is None:
                existing = Result(name.split("[")[0], name, int(item_points or 0), report.passed)
                self.results.results.append(existing)
            if not report.passed:
                existing.passed = False
                existing.message = existing.message or _short(_message(report))

    def pytest_runtest_setup(self, item):
        marker = item.get_closest_marker("points")
        item.user_properties.append(("points", marker.args[0] if marker and marker.args else 0))


def namespace_module(namespace: dict, name: str) -> types.ModuleType:
    """A module holding what the notebook's cells defined (the learner's implementation)."""
    module = types.ModuleType(name)
    module.__dict__.update({k: v for k, v in namespace.items()
                            if not k.startswith("_") and k not in NOT_CODE})
    return module


def run(lesson: str, tests: str, namespace: dict) -> Results:
    """Run the test module ``tests`` (source text) on ``namespace``; print a summary."""
    results = Results(lesson)
    module = namespace_module(namespace, lesson)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"test_{lesson}.py"
        path.write_text(tests, encoding="utf-8")
        (Path(tmp) / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        args = [str(path), "-q", "-p", "no:cacheprovider", "-W", "ignore", "--rootdir", tmp,
                "-c", str(Path(tmp) / "pytest.ini")]
        log = io.StringIO()
        with _quiet(log):
            code = pytest.main(args, plugins=[_Collector(module, results, not is_public(tests))])
        if code not in (0, 1) and not results.results and not results.error:
            results.error = _short(log.getvalue()) or f"pytest stopped with exit code {int(code)}"
    sys.modules.pop(f"test_{lesson}", None)  # the next run reads the tests afresh
    results.summary()
    return results


@contextlib.contextmanager
def _quiet(log):
    """Send pytest's report and anything written to stderr (Python's or the C library's)
    to ``log`` while the tests run."""
    stderr_fd = None
    try:
        sys.stderr.flush()
        stderr_fd = os.dup(2)
        sink = os.open(os.devnull, os.O_WRONLY)
        os.dup2(sink, 2)
        os.close(sink)
    except (OSError, ValueError, AttributeError):
        stderr_fd = None
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
            warnings.simplefilter("ignore")
            yield
    finally:
        if stderr_fd is not None:
            os.dup2(stderr_fd, 2)
            os.close(stderr_fd)


def _message(report) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return crash.message
    return str(report.longrepr)


def _short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_MESSAGE else text[:MAX_MESSAGE] + " ..."
