"""Grading results and how they are shown.

``grader grade --format`` chooses one of ``FORMATS``:

text
    the progress table.
json
    the project's schema (``SCHEMA``, a JSON Schema; checked in tests/test_report.py)::

        {"score": S, "max_score": M, "integrity": [str],
         "lessons": [{"lesson": slug, "score": s, "max_score": m, "error": str | null,
                      "tests": [{"name": ..., "status": "passed" | "failed" | "error",
                                 "score": ..., "max_score": ..., "message": ...}]}]}

    ``integrity`` lists the files of the graded checkout that differ from the course's
    manifest (see grader/manifest.py).
gradescope
    Gradescope's ``results.json``: ``score``, and ``tests`` with ``name``, ``score``,
    ``max_score``, ``status``, ``output`` and ``visibility``.
junit
    JUnit XML: one ``testsuite`` per lesson, one ``testcase`` per test, a ``failure`` or
    ``error`` element with the message for each test short of its points.
github
    for GitHub Actions: one ``::error`` annotation per failed test (learner text escaped so
    that it cannot end the command and start another), then a Markdown summary for
    ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field

from .checks import SPEED_TEST


@dataclass
class TestResult:
    __test__ = False  # not a pytest test class

    name: str
    status: str  # passed | failed | error
    score: int
    max_score: int
    message: str = ""


@dataclass
class LessonResult:
    lesson: str
    score: int
    max_score: int
    error: str | None = None
    tests: list[TestResult] = field(default_factory=list)

    @classmethod
    def of(cls, slug, tests, error, catalogue_points):
        max_score = sum(t.max_score for t in tests) if tests else catalogue_points
        score = 0 if error else sum(t.score for t in tests)
        return cls(slug, score, max_score, error, list(tests))

    @property
    def status(self) -> str:
        if self.error is None and self.tests and self.score == self.max_score:
            return "passed"
        if self.score == 0 and all(t.status != "passed" for t in self.tests):
            return "not started" if self._untouched() else "failing"
        return "failing"

    def _untouched(self) -> bool:
        # A stub raises NotImplementedError everywhere: nothing written yet (test_speed, which
        # waits for the other tests, says only that).
        own = [t for t in self.tests if t.name != SPEED_TEST]
        return bool(own) and all("NotImplementedError" in t.message for t in own)


_TEST = {
    "type": "object",
    "required": ["name", "status", "score", "max_score", "message"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "status": {"enum": ["passed", "failed", "error"]},
        "score": {"type": "integer", "minimum": 0},
        "max_score": {"type": "integer", "minimum": 1},
        "message": {"type": "string"},
    },
}
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "grader report",
    "type": "object",
    "required": ["score", "max_score", "integrity", "lessons"],
    "additionalProperties": False,
    "properties": {
        "score": {"type": "integer", "minimum": 0},
        "max_score": {"type": "integer", "minimum": 0},
        "integrity": {"type": "array", "items": {"type": "string"}},
        "lessons": {"type": "array", "items": {
            "type": "object",
            "required": ["lesson", "score", "max_score", "error", "tests"],
            "additionalProperties": False,
            "properties": {
                "lesson": {"type": "string"},
                "score": {"type": "integer", "minimum": 0},
                "max_score": {"type": "integer", "minimum": 1},
                "error": {"type": ["string", "null"]},
                "tests": {"type": "array", "items": _TEST},
            },
        }},
    },
}


@dataclass
class Report:
    """What one grading run found: the lessons' results and the integrity findings."""

    lessons: list[LessonResult]
    catalogue: dict  # slug -> catalogue.Lesson
    integrity: list[str] = field(default_factory=list)
    impl: str = "exercises"  # where the graded files live, as the user named it

    @property
    def score(self) -> int:
        return sum(r.score for r in self.lessons)

    @property
    def max_score(self) -> int:
        return sum(r.max_score for r in self.lessons)


def as_json(report: Report) -> str:
    return json.dumps({"score": report.score, "max_score": report.max_score,
                       "integrity": report.integrity,
                       "lessons": [asdict(r) for r in report.lessons]}, indent=2)


def as_text(report: Report) -> str:
    return table(report.lessons, report.catalogue)


def as_gradescope(report: Report) -> str:
    tests = []
    for r in report.lessons:
        title = report.catalogue[r.lesson].title
        if r.error:
            tests.append({"name": f"{title}: {r.lesson}.py", "score": 0, "max_score": r.max_score,
                          "status": "failed", "output": r.error, "visibility": "visible"})
            continue
        tests += [{"name": f"{title}: {t.name}", "score": t.score, "max_score": t.max_score,
                   "status": "passed" if t.status == "passed" else "failed",
                   "output": t.message, "visibility": "visible"} for t in r.tests]
    output = "\n".join(report.integrity)
    return json.dumps({"score": report.score, "output": output, "visibility": "visible",
                       "stdout_visibility": "hidden", "tests": tests}, indent=2)


def as_junit(report: Report) -> str:
    suites = ET.Element("testsuites", name="grader", tests="0", failures="0", errors="0")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for r in report.lessons:
        counts = {"tests": max(len(r.tests), 1),
                  "failures": sum(t.status == "failed" for t in r.tests),
                  "errors": sum(t.status == "error" for t in r.tests) if r.tests else 1}
        suite = ET.SubElement(suites, "testsuite", name=r.lesson,
                              **{k: str(v) for k, v in counts.items()})
        ET.SubElement(ET.SubElement(suite, "properties"), "property", name="score",
                      value=f"{r.score}/{r.max_score}")
        if not r.tests:
            case = ET.SubElement(suite, "testcase", classname=f"lessons.{r.lesson}", name=f"{r.lesson}.py")
            error = ET.SubElement(case, "error", message=_xml(_first_line(r.error or "no test ran")))
            error.text = _xml(r.error)
        for t in r.tests:
            case = ET.SubElement(suite, "testcase", classname=f"lessons.{r.lesson}", name=t.name)
            if t.status != "passed":
                ET.SubElement(case, "failure" if t.status == "failed" else "error",
                              message=_xml(_first_line(t.message))).text = _xml(t.message)
        for key in totals:
            totals[key] += counts[key]
    suites.attrib.update({k: str(v) for k, v in totals.items()})
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


def as_github(report: Report) -> str:
    """The annotations, then the Markdown summary (`grader grade` sends the summary to
    ``$GITHUB_STEP_SUMMARY`` instead when that is set, as it is inside GitHub Actions)."""
    return annotations(report) + "\n" + summary(report)


def annotations(report: Report) -> str:
    """One workflow command per line; learner text is escaped so that it cannot end the
    command and start another (``%``, CR and LF in messages; also ``:`` and ``,`` in
    properties). Every line starts with the grader's own ``::``."""
    lines = []
    for r in report.lessons:
        where = _command_property(f"{report.impl.rstrip('/')}/{r.lesson}.py")
        failed = [(t.name, t.message) for t in r.tests if t.status != "passed"]
        if r.error:
            failed = [(f"{r.lesson}.py", r.error)]
        for name, message in failed:
            title = _command_property(f"{r.lesson}: {name}")
            lines.append(f"::error file={where},title={title}::{_command_data(message or 'failed')}")
    for finding in report.integrity:
        lines.append(f"::warning title=integrity::{_command_data(finding)}")
    lines.append(f"::notice title=grade::{report.score}/{report.max_score} points")
    return "\n".join(lines)


def summary(report: Report) -> str:
    """Markdown for a job summary; learner text only inside escaped table cells."""
    done = sum(r.status == "passed" for r in report.lessons)
    out = [f"## Grade: {report.score}/{report.max_score} points",
           "", f"{done}/{len(report.lessons)} lessons at full marks.", "",
           "| # | lesson | status | score |", "|---|---|---|---|"]
    for r in report.lessons:
        meta = report.catalogue[r.lesson]
        out.append(f"| {meta.order} | {_cell(meta.title)} | {r.status} | {r.score}/{r.max_score} |")
    failures = [(r.lesson, t.name, t.message) for r in report.lessons for t in r.tests
                if t.status != "passed"] + [(r.lesson, f"{r.lesson}.py", r.error)
                                            for r in report.lessons if r.error]
    if failures:
        out += ["", "| lesson | test | why |", "|---|---|---|"]
        out += [f"| {lesson} | {_cell(name)} | {_cell(_first_line(message))} |"
                for lesson, name, message in failures]
    if report.integrity:
        out += ["", "**Files that differ from the course's manifest:**", ""]
        out += [f"- {_cell(finding)}" for finding in report.integrity]
    return "\n".join(out) + "\n"


FORMATS = {"text": as_text, "json": as_json, "gradescope": as_gradescope, "junit": as_junit,
           "github": as_github}


def _first_line(text: str) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line[:300] + (" ..." if len(line) > 300 else "")


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str | None) -> str | None:
    """Text XML 1.0 can hold: control characters (terminal colours, NUL) become U+FFFD."""
    return None if text is None else _NOT_XML.sub("\ufffd", text)


def _command_data(text: str) -> str:
    """A workflow command's message: no character can end the line or the command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _command_property(text: str) -> str:
    return _command_data(text).replace(":", "%3A").replace(",", "%2C")


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: no HTML, no cell or line break, no code fence."""
    text = " ".join(str(text).split())
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;"),
                         ("`", "&#96;"), ("[", "&#91;"), ("]", "&#93;")):
        text = text.replace(char, entity)
    return text


def table(lessons: list[LessonResult], catalogue: dict) -> str:
    """The progress table: one row per lesson, then the total."""
    rows = [("#", "lesson", "title", "track", "status", "score")]
    for r in lessons:
        meta = catalogue[r.lesson]
        rows.append((str(meta.order), r.lesson, meta.title, meta.track, r.status,
                     f"{r.score}/{r.max_score}"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    total, best = sum(r.score for r in lessons), sum(r.max_score for r in lessons)
    done = sum(r.status == "passed" for r in lessons)
    lines.append(f"\n{done}/{len(lessons)} lessons passed, {total}/{best} points")
    return "\n".join(lines)


def details(result: LessonResult, title: str, hints=()) -> str:
    """Everything `grader check` shows for one lesson."""
    lines = [f"{result.lesson}: {title}"]
    if result.error:
        lines.append(f"  ERROR  {result.error}")
    for t in result.tests:
        mark = {"passed": "PASS ", "failed": "FAIL ", "error": "ERROR"}[t.status]
        lines.append(f"  {mark} {t.score}/{t.max_score}  {t.name}")
        if t.message and t.status != "passed":
            lines.extend("         " + line for line in t.message.splitlines())
    lines.append(f"score: {result.score}/{result.max_score}")
    if result.score < result.max_score and hints:
        lines.append("hints:")
        lines.extend(f"  - {hint}" for hint in hints)
    return "\n".join(lines)
