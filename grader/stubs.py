"""Generate the exercise stubs from the reference solutions.

Each region between nbgrader's markers ``### BEGIN SOLUTION`` and ``### END SOLUTION``
becomes ``# YOUR CODE HERE`` and ``raise NotImplementedError()`` at the marker's
indentation; everything else (signatures, docstrings, TODO hints) is kept verbatim.
The same markers are what nbgrader's ClearSolutions preprocessor looks for, so one
source serves both the ``.py`` stub and the notebooks.
"""

from __future__ import annotations

from pathlib import Path

from .catalogue import Lesson

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
HEADER = (
    "# This file is generated from solutions/{slug}.py by `grader stubs`.\n"
    "# Fill in every `raise NotImplementedError()`; read lessons/{slug}/README.md first.\n"
)


class StubError(Exception):
    """A solution's markers are malformed; the message names file and line."""


def make_stub(source: str, name: str = "<solution>") -> str:
    """Replace each marked region of ``source`` by a stub; fail on bad markers."""
    out: list[str] = []
    begin_line = None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        stripped = line.strip()
        if stripped == BEGIN:
            if begin_line is not None:
                raise StubError(f"{name}:{number}: nested {BEGIN} (the open one is at line {begin_line})")
            indent = line[: len(line) - len(line.lstrip())]
            if not indent:
                raise StubError(f"{name}:{number}: {BEGIN} at module level; mark a function body")
            begin_line = number
            out.append(f"{indent}# YOUR CODE HERE\n{indent}raise NotImplementedError()\n")
        elif stripped == END:
            if begin_line is None:
                raise StubError(f"{name}:{number}: {END} without {BEGIN}")
            begin_line = None
        elif BEGIN in line or END in line:
            raise StubError(f"{name}:{number}: a marker must stand alone on its line")
        elif begin_line is None:
            out.append(line)
    if begin_line is not None:
        raise StubError(f"{name}:{begin_line}: {BEGIN} is never closed")
    if "raise NotImplementedError()" not in "".join(out):
        raise StubError(f"{name}: no {BEGIN} region, so the stub would be the solution")
    return "".join(out)


def stub_for(lesson: Lesson) -> str:
    if not lesson.solution.is_file():
        raise StubError(f"{lesson.solution}: missing; every lesson needs its reference solution")
    source = lesson.solution.read_text(encoding="utf-8")
    return HEADER.format(slug=lesson.slug) + make_stub(source, str(lesson.solution))


def sync(lessons: list[Lesson], check: bool = False) -> tuple[list[Path], list[str]]:
    """Write (or with ``check``, only compare) every stub; return the stale paths and the
    problems of the lessons whose stub cannot be made (the other lessons are still done)."""
    stale, problems = [], []
    for lesson in lessons:
        try:
            text = stub_for(lesson)
        except StubError as exc:
            problems.append(str(exc))
            continue
        path = lesson.exercise
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return stale, problems
