"""`grader batch`: grade a class's submissions on one machine, in parallel.

Each directory directly under SUBMISSIONS is one learner's submission: a checkout of their
fork (its ``exercises/`` is graded) or a directory of ``<lesson>.py`` files. Every submission
is graded by its own ``grader grade`` process (with ``--tests-from COURSE`` when given), N at a
time, so a broken
or hostile submission can cost only its own rows. The results:

- a CSV with one row per submission per lesson, then a ``total`` row per submission;
- one JSON report per submission (``grader grade --format json``);
- a summary line, which the command prints.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import catalogue
from .sandbox import Limits

COLUMNS = ("submission", "lesson", "score", "max_score", "status", "note")


@dataclass
class Outcome:
    name: str
    rows: list[dict] = field(default_factory=list)
    score: int = 0
    max_score: int = 0
    error: str | None = None


def grade_all(submissions: Path, lessons: list[catalogue.Lesson], jobs: int, csv_path: Path,
              reports: Path | None = None, tests_from: str | None = None,
              timeout: float | None = None) -> str:
    """Grade every submission; write the CSV and the reports; return the summary line."""
    if not submissions.is_dir():
        raise catalogue.UsageError(f"{submissions} is not a directory of submissions")
    entries = sorted(p for p in submissions.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not entries:
        raise catalogue.UsageError(f"{submissions} holds no submission directories")
    reports = reports or csv_path.with_name(csv_path.stem + "-reports")
    try:
        reports.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise catalogue.UsageError(f"cannot create {reports}: {exc.strerror}") from None
    course = Path(tests_from).resolve() if tests_from else None
    timeout = timeout or _default_timeout(lessons)
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        outcomes = list(pool.map(
            lambda entry: _grade_one(entry, lessons, course, reports, timeout), entries))
    seconds = time.perf_counter() - start
    _write_csv(csv_path, outcomes)
    full = sum(o.error is None and o.score == o.max_score for o in outcomes)
    failed = [o.name for o in outcomes if o.error]
    mean = sum(o.score for o in outcomes) / len(outcomes)
    best = sum(lesson.points for lesson in lessons)
    text = (f"graded {len(outcomes)} submissions x {len(lessons)} lessons in {seconds:.1f} s "
            f"with {jobs} jobs: mean {mean:.1f}/{best} points, {full} at full marks; "
            f"wrote {csv_path} and {reports}/")
    if failed:
        text += f"\n{len(failed)} could not be graded in full: {', '.join(failed[:10])}"
        text += " ..." if len(failed) > 10 else ""
        text += f"\n(for example {failed[0]}: {next(o.error for o in outcomes if o.error)})"
    return text


def _grade_one(entry: Path, lessons, course: Path | None, reports: Path, timeout: float) -> Outcome:
    impl = entry / "exercises" if (entry / "exercises").is_dir() else entry
    report_path = reports / f"{entry.name}.json"
    # -I: the submission (the working directory) may hold a `grader/` of its own; never import it.
    command = [sys.executable, "-I", "-m", "grader", "grade", *(lesson.slug for lesson in lessons),
               "--impl", str(impl), "--format", "json", "--output", str(report_path),
               "--jobs", "1"]  # the submissions are the parallel part
    command += ["--tests-from", str(course)] if course else []
    outcome = Outcome(entry.name, max_score=sum(lesson.points for lesson in lessons))
    done = None
    try:
        report_path.unlink(missing_ok=True)
        done = subprocess.run(command, cwd=entry, capture_output=True, text=True, timeout=timeout,
                              env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}, check=False)
        data = json.loads(report_path.read_text(encoding="utf-8"))
    except subprocess.TimeoutExpired:
        outcome.error = f"grading took longer than {timeout:.0f} s"
    except (OSError, ValueError):
        lines = [line for line in (done.stderr if done else "").splitlines() if line.strip()]
        outcome.error = lines[-1] if lines else (
            f"grading exited with status {done.returncode}" if done else "grading could not start")
    if outcome.error:
        outcome.rows = [_row(entry.name, lesson.slug, 0, lesson.points, "error", outcome.error)
                        for lesson in lessons]
    else:
        note = "; ".join(data.get("integrity", []))
        for lesson in data["lessons"]:
            status = "passed" if lesson["score"] == lesson["max_score"] and not lesson["error"] else (
                "error" if lesson["error"] else "failing")
            outcome.rows.append(_row(entry.name, lesson["lesson"], lesson["score"], lesson["max_score"],
                                     status, lesson["error"] or ""))
        outcome.score, outcome.max_score = data["score"], data["max_score"]
        outcome.rows.append(_row(entry.name, "total", outcome.score, outcome.max_score,
                                 "tests differ from the course's" if note else "", note))
        return outcome
    outcome.rows.append(_row(entry.name, "total", 0, outcome.max_score, "error", outcome.error))
    return outcome


def _row(name, lesson, score, max_score, status, note) -> dict:
    return dict(zip(COLUMNS, (_safe(name), lesson, score, max_score, status, _safe(note)), strict=True))


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula; one line."""
    text = " ".join(str(text).split())
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _write_csv(path: Path, outcomes: list[Outcome]) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            for outcome in outcomes:
                writer.writerows(outcome.rows)
        os.replace(temporary, path)
    except OSError as exc:
        raise catalogue.UsageError(f"cannot write {path}: {exc.strerror}") from None


def _default_timeout(lessons) -> float:
    """Long enough for every lesson to use its whole time limit, plus starting up."""
    limits = [Limits.with_overrides(lesson.limits) for lesson in lessons]
    return 60.0 + sum(limit.lesson_seconds + limit.load_seconds for limit in limits)
