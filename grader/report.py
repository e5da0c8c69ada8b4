"""Grading results and how they are shown: the text table, the per-test listing, JSON.

The JSON report's schema::

    {"score": S, "max_score": M,
     "lessons": [{"lesson": slug, "score": s, "max_score": m, "error": str | null,
                  "tests": [{"name": ..., "status": "passed" | "failed" | "error",
                             "score": ..., "max_score": ..., "message": ...}]}]}
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


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
        # A stub raises NotImplementedError everywhere: nothing written yet.
        return bool(self.tests) and all("NotImplementedError" in t.message for t in self.tests)


def as_json(lessons: list[LessonResult]) -> str:
    return json.dumps(
        {
            "score": sum(r.score for r in lessons),
            "max_score": sum(r.max_score for r in lessons),
            "lessons": [asdict(r) for r in lessons],
        },
        indent=2,
    )


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
