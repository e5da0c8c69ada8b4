"""Report formats: each one validated against what reads it.

One real grading run of a partly wrong submission (so that passed, failed and errored
tests all occur), with a hostile message planted in it, rendered in every format.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import jsonschema
import pytest

from grader import catalogue, report
from grader.report import LessonResult, Report, TestResult

LESSONS = {lesson.slug: lesson for lesson in catalogue.load()}
# Learner text that tries to end an annotation and forge another, and to break the Markdown.
FORGED = ("wrong\n::error title=forged::all tests passed\r\n%0A::notice::100/100 | <b>x</b> `y` [z](http://e)"
          "\x1b[31m\x00")


@pytest.fixture(scope="module")
def graded():
    lessons = [
        LessonResult.of("linear_regression", [
            TestResult("test_fit", "passed", 3, 3, ""),
            TestResult("test_predict", "failed", 0, 4, FORGED),
            TestResult("test_shapes", "error", 0, 2, "ValueError: bad shape (linear_regression.py, line 3)"),
        ], None, 9),
        LessonResult.of("kmeans", [], "kmeans.py does not import: SyntaxError: invalid syntax (line 1)", 43),
    ]
    return Report(lessons, LESSONS, ["lessons/kmeans/test_kmeans.py differs from the course's copy"],
                  impl="exercises")


@pytest.mark.parametrize("fmt", list(report.FORMATS))
def test_every_format_renders(graded, fmt):
    assert report.FORMATS[fmt](graded).strip()


def test_json_follows_its_schema(graded):
    data = json.loads(report.as_json(graded))
    jsonschema.validate(data, report.SCHEMA)
    assert (data["score"], data["max_score"]) == (3, 9 + 43)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "score": "3"}, report.SCHEMA)


def test_gradescope_has_the_documented_fields(graded):
    data = json.loads(report.as_gradescope(graded))
    assert data["score"] == 3
    assert data["visibility"] in ("hidden", "after_due_date", "after_published", "visible")
    assert len(data["tests"]) == 4  # three tests, and the lesson that did not import
    for test in data["tests"]:
        assert set(test) == {"name", "score", "max_score", "status", "output", "visibility"}
        assert test["status"] in ("passed", "failed") and 0 <= test["score"] <= test["max_score"]
        assert isinstance(test["name"], str) and isinstance(test["output"], str)
    assert sum(t["score"] for t in data["tests"]) == data["score"]
    assert sum(t["max_score"] for t in data["tests"]) == graded.max_score
    assert "SyntaxError" in data["tests"][-1]["output"]


def test_junit_parses_with_the_right_counts(graded):
    root = ElementTree.fromstring(report.as_junit(graded).encode())
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "1", "2")
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    first = suites["linear_regression"]
    assert [c.get("name") for c in first.iter("testcase")] == ["test_fit", "test_predict", "test_shapes"]
    failure = first.find("testcase[@name='test_predict']/failure")
    # Kept whole and escaped; XML turns CR LF into LF and cannot hold control characters.
    assert failure.text == FORGED.replace("\r\n", "\n").replace("\x1b", "\ufffd").replace("\x00", "\ufffd")
    assert first.find("testcase[@name='test_shapes']/error") is not None
    assert suites["kmeans"].find("testcase/error").get("message").startswith("kmeans.py does not import")


def test_github_annotations_cannot_be_forged(graded):
    text = report.annotations(graded)
    lines = text.splitlines()
    # One line per failed test, one per integrity finding, one for the grade: nothing else.
    assert len(lines) == 2 + 1 + 1 + 1
    ours = ("::error file=exercises/", "::warning title=integrity::", "::notice title=grade::")
    assert all(line.startswith(ours) for line in lines), text
    assert sum("forged" in line for line in lines) == 1 and "%0A::error title=forged" in text
    assert "%250A" in text  # a literal %0A in learner text cannot turn into a line break
    assert "title=linear_regression%3A test_predict" in text


def test_github_summary_escapes_learner_text(graded):
    text = report.summary(graded)
    assert "## Grade: 3/52 points" in text
    row = next(line for line in text.splitlines() if "test_predict" in line)
    assert row.count("|") == 4, row  # the learner's | cannot add a cell
    assert "<b>" not in text and "`y`" not in text and "[z]" not in text
    assert not any(line.startswith("::") for line in text.splitlines())
