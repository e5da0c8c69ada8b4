"""The pytest plugin on its own, with pytester: generated test modules, fake learner files."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

TESTS = """
import pytest

@pytest.mark.points(2)
def test_fit_returns_self(impl):
    model = impl.LinearRegression()
    assert model.fit([[1.0], [2.0]], [1.0, 2.0]) is model

@pytest.mark.points(3)
def test_predict(impl):
    model = impl.LinearRegression().fit([[1.0], [2.0]], [1.0, 2.0])
    assert list(model.predict([[3.0]])) == [3.0]
"""
CORRECT = """
import numpy as np

class LinearRegression:
    def fit(self, X, y):
        self.w = np.linalg.lstsq(np.asarray(X), np.asarray(y), rcond=None)[0]
        return self
    def predict(self, X):
        return np.asarray(X) @ self.w
"""
STUB = """
class LinearRegression:
    def fit(self, X, y):
        raise NotImplementedError()
    def predict(self, X):
        raise NotImplementedError()
"""


@pytest.fixture
def lesson(pytester):
    """A test module named like a real lesson, so the catalogue knows its limits."""
    pytester.makepyfile(test_linear_regression=TESTS)
    return pytester


def run(pytester, source, *args):
    (pytester.path / "impl").mkdir(exist_ok=True)
    (pytester.path / "impl" / "linear_regression.py").write_text(source)
    return pytester.runpytest_subprocess("-p", "grader.plugin", "--impl", "impl", *args)


@pytest.mark.parametrize("isolation", ["worker", "none"])
def test_a_correct_file_passes(lesson, isolation):
    result = run(lesson, CORRECT, "--isolation", isolation)
    result.assert_outcomes(passed=2)


def test_a_stub_fails_every_test_with_a_clear_message(lesson):
    result = run(lesson, STUB)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["*LinearRegression.fit is not implemented yet*"])


def test_a_file_that_does_not_import_errors_every_test(lesson):
    result = run(lesson, "def broken(:\n")
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines(["*linear_regression.py does not import: SyntaxError*"])


def test_a_missing_impl_directory_is_a_usage_error(lesson):
    result = lesson.runpytest_subprocess("-p", "grader.plugin", "--impl", "nowhere")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--impl 'nowhere' is not a directory*"])


def test_a_bad_limit_is_a_usage_error(lesson):
    result = run(lesson, CORRECT, "--limit", "call_seconds=soon")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*expected NAME=NUMBER*"])


def test_points_are_recorded_and_a_test_without_points_is_an_error(pytester):
    pytester.makepyfile(test_linear_regression=TESTS + """
def test_without_points(impl):
    assert impl.LinearRegression() is not None
""")
    pytester.makeconftest("""
import json
from grader.plugin import GRADING

def pytest_sessionfinish(session):
    grading = session.config.stash[GRADING]
    [lesson] = grading.results(["linear_regression"])
    print("RESULT", json.dumps([[t.name, t.status, t.score, t.max_score] for t in lesson.tests]))
""")
    result = run(pytester, CORRECT, "-s")
    line = next(x for x in result.stdout.lines if "RESULT" in x)
    assert line[line.index("RESULT"):] == (
        'RESULT [["test_fit_returns_self", "passed", 2, 2], ["test_predict", "passed", 3, 3], '
        '["test_without_points", "error", 0, 0]]'
    )
