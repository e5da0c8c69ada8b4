"""Notebooks made from a lesson's one source: its explanation, its code and its tests.

``grader notebook`` writes the learner's notebook: the explanation as markdown cells, the
stub (or any implementation) as code cells, and a last cell that runs the public checks in
the kernel (``grader.kernel``). ``grader nbgrader`` writes an nbgrader course: the same
notebook made from the reference, with nbgrader's cell metadata (schema version 3):

* code cells holding ``### BEGIN SOLUTION`` regions are solution cells (nbgrader's
  ``generate_assignment`` replaces each region, as ``grader stubs`` does);
* every other cell is locked (read only);
* one autograded test cell per test function, worth the points of its tests; the
  first of them runs the lesson's tests once, each shows its function's result and
  evaluates to the points earned (nbgrader's partial credit). The full tests and the
  calls of the hidden ones sit between ``### BEGIN HIDDEN TESTS`` and
  ``### END HIDDEN TESTS``, so the released notebook holds the public checks only (a hidden
  test's cell is named ``hidden_test_N``, not after the test).

Both layouts are ``OUT/<lesson>/<lesson>.ipynb`` beside a copy of the lesson's figures, so
relative links between lessons and to figures keep working.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from . import checks as checks_module
from .catalogue import Lesson, UsageError
from .stubs import BEGIN

NBFORMAT = {"nbformat": 4, "nbformat_minor": 5}
KERNEL = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
NBGRADER_CONFIG = '''"""nbgrader configuration of the course, written by `grader nbgrader`."""

c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = "ml-from-scratch"
# A lesson's first test cell runs all its tests: give it the time the course's grader gives
# a whole lesson (nbgrader's default is 30 s per cell).
c.Execute.timeout = 300
c.ExecutePreprocessor.timeout = 300
'''


# -- the pieces ---------------------------------------------------------------------------
def _cell(kind: str, source: str, nbgrader: dict | None = None, cell_id: str = "") -> dict:
    cell = {"cell_type": kind, "id": cell_id, "metadata": {}, "source": source}
    if nbgrader is not None:
        cell["metadata"]["nbgrader"] = {"schema_version": 3, "task": False, **nbgrader}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def unlink_code(text: str) -> str:
    """An explanation without links into code that does not travel with it: a figure no
    longer links to the function that draws it, a link to a reference becomes its text."""
    text = re.sub(r"\[(!\[[^\]]*\]\([^)]*\))\]\([^)]*\.py(?:#L\d+)?\)", r"\1", text)
    return re.sub(r"\[([^\]]*)\]\((?:[^)]*/)?(?:solutions/[^)]*|figures\.py[^)]*)\)", r"\1", text)


def markdown_sections(lesson: Lesson) -> list[str]:
    """The explanation, one cell per ``##`` section, with links that work beside the notebook:
    a figure no longer links to the code that draws it, another lesson's README becomes its
    notebook."""
    text = unlink_code(lesson.readme.read_text(encoding="utf-8"))
    text = re.sub(r"\]\(\.\./(\w+)/README\.md(#[^)]*)?\)", r"](../\1/\1.ipynb)", text)
    sections, current = [], []
    fence = False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        if line.startswith("## ") and not fence and current:
            sections.append("\n".join(current).strip("\n"))
            current = []
        current.append(line)
    sections.append("\n".join(current).strip("\n"))
    return [s for s in sections if s]


def code_chunks(source: str) -> list[str]:
    """The file cut before each top-level ``def``/``class`` (with its decorators and the
    comments just above it); a ``if __name__ == "__main__":`` block is left out, because in
    a notebook it would run."""
    tree = ast.parse(source)
    lines = source.splitlines()
    starts, skip = [0], set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            first = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            while first > 0 and lines[first - 1].lstrip().startswith("#"):
                first -= 1
            starts.append(first)
        elif isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            skip.update(range(node.lineno - 1, node.end_lineno))
    starts = sorted(set(starts)) + [len(lines)]
    chunks = []
    for a, b in zip(starts, starts[1:], strict=False):
        chunk = "\n".join(line for n, line in enumerate(lines[a:b], start=a) if n not in skip).strip("\n")
        if chunk:
            chunks.append(chunk)
    return chunks


def implementation(lesson: Lesson, code_of) -> list[str]:
    """The code cells: the lessons it builds on (catalogue ``uses``) first, since a notebook
    cannot import another lesson's file, then its own code without those imports.
    ``code_of(slug)`` gives a lesson's code (a stub, the reference or the learner's)."""
    chunks = []
    for used in lesson.uses:
        chunks.append(f"# The code of the lesson {used!r}, which this one builds on: "
                      "your own solution goes in its cells.")
        chunks += code_chunks(code_of(used))
    own = code_of(lesson.slug)
    if lesson.uses:
        names = "|".join(map(re.escape, lesson.uses))
        own = re.sub(rf"^from ({names}) import [^\n]*\n", "", own, flags=re.M)
    return chunks + code_chunks(own)


def literal(text: str) -> str:
    """``text`` as a readable Python string literal (raw, triple-quoted when it can be)."""
    for quote in ("'''", '"""'):
        if quote not in text and not text.endswith("\\"):
            return f"r{quote}{text}{quote}"
    return repr(text)


def _copy_figures(lesson: Lesson, out: Path) -> None:
    drawn = lesson.dir / "figures"
    if drawn.is_dir():
        shutil.copytree(drawn, out / "figures", dirs_exist_ok=True)


def _intro(lesson: Lesson, graded: bool) -> str:
    how = ("Write your code in the cells marked `# YOUR CODE HERE`, then run every cell. "
           "The last cells run the checks on your code: the public ones here, and all of the "
           "lesson's tests when your instructor grades the notebook." if graded else
           "Write your code in the cells marked `# YOUR CODE HERE` and run the notebook "
           "top to bottom: the last cell runs the lesson's public checks on your code. "
           f"`grader check {lesson.slug}` grades `exercises/{lesson.slug}.py` with every test.")
    return (f"*{lesson.track}, lesson {lesson.order}. Generated from the course's "
            f"`lessons/{lesson.slug}/README.md`; do not edit the explanation cells.*\n\n{how}")


# -- the two notebooks --------------------------------------------------------------------
def learner_notebook(lesson: Lesson, code_of) -> dict:
    """The notebook a learner works in: explanation, code (``code_of(slug)``: a stub or an
    implementation), and a cell that runs the public checks."""
    cells = [_cell("markdown", _intro(lesson, graded=False))]
    cells += [_cell("markdown", text) for text in markdown_sections(lesson)]
    cells.append(_cell("markdown", "## Your implementation"))
    cells += [_cell("code", chunk) for chunk in implementation(lesson, code_of)]
    cells.append(_cell("markdown", "## Check your work\n\nThe public checks of this lesson, "
                                   "run on the code above."))
    cells.append(_cell("code", "from grader import kernel\n\nCHECKS = "
                               f"{literal(checks_module.public_source(lesson))}\n"
                               f"results = kernel.run({lesson.slug!r}, CHECKS, globals())"))
    return _numbered(cells)


def nbgrader_notebook(lesson: Lesson, found: list[checks_module.Check]) -> dict:
    """The nbgrader source notebook of a lesson, made from the references (with markers)."""
    locked = {"grade": False, "solution": False, "locked": True}
    cells = [_cell("markdown", _intro(lesson, graded=True), {**locked, "grade_id": "intro"})]
    cells += [_cell("markdown", text, {**locked, "grade_id": f"text_{i}"})
              for i, text in enumerate(markdown_sections(lesson), start=1)]
    cells.append(_cell("markdown", "## Your implementation", {**locked, "grade_id": "code_title"}))
    reference = lambda slug: (lesson.root / "solutions" / f"{slug}.py").read_text(encoding="utf-8")  # noqa: E731
    for i, chunk in enumerate(implementation(lesson, reference), start=1):
        if BEGIN in chunk:
            meta = {"grade": False, "solution": True, "locked": False, "grade_id": f"code_{i}"}
        else:
            meta = {**locked, "grade_id": f"code_{i}"}
        cells.append(_cell("code", chunk, meta))
    public = checks_module.public_source(lesson)
    full = lesson.tests.read_text(encoding="utf-8")
    cells.append(_cell("markdown", "## Check your work\n\nThe cells below run the lesson's checks "
                                   "on your code and show each one's points. Here they are the "
                                   "public checks; when your instructor grades the notebook, "
                                   "every test of the lesson runs.", {**locked, "grade_id": "checks_title"}))
    cells.append(_cell("code", f"from grader import kernel\n\nCHECKS = {literal(public)}",
                       {**locked, "grade_id": "public_checks"}))
    for i, check in enumerate(found):
        # A hidden test's cell names neither the test nor what it checks until it is graded.
        name = check.name if check.public else f"hidden_test_{i + 1}"
        plural = "s" * (check.points != 1)
        lines = [f"# {check.name}: {check.points} point{plural}" if check.public else
                 f"# A hidden test, run when your notebook is graded: {check.points} point{plural}"]
        if i == 0:
            lines += [HIDDEN_BEGIN, f"CHECKS = {literal(full)}", HIDDEN_END,
                      f"results = kernel.run({lesson.slug!r}, CHECKS, globals())"]
        call = f"results.points({check.name!r})"
        lines += [call] if check.public else [HIDDEN_BEGIN, call, HIDDEN_END]
        cells.append(_cell("code", "\n".join(lines), {
            "grade": True, "solution": False, "locked": True, "grade_id": name,
            "points": check.points}))
    return _numbered(cells)


def _numbered(cells: list[dict]) -> dict:
    for i, cell in enumerate(cells):
        cell["id"] = cell["id"] or f"cell-{i:03d}"
    return {"cells": cells, "metadata": KERNEL, **NBFORMAT}


# -- writing ------------------------------------------------------------------------------
def write(notebook: dict, path: Path) -> Path:
    import json

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_learner(lesson: Lesson, impl_dir: Path, out: Path) -> Path:
    """``OUT/<lesson>/<lesson>.ipynb`` with the code of ``impl_dir/<lesson>.py``."""
    def code_of(slug):
        path = impl_dir / f"{slug}.py"
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read {path}: {exc}") from None

    folder = out / lesson.slug
    notebook = learner_notebook(lesson, code_of)
    _copy_figures(lesson, folder)
    return write(notebook, folder / f"{lesson.slug}.ipynb")


def write_course(lessons: list[Lesson], course: Path) -> list[Path]:
    """An nbgrader course directory: ``nbgrader_config.py`` and ``source/<lesson>/``."""
    found = checks_module.checks(lessons)
    course.mkdir(parents=True, exist_ok=True)
    config = course / "nbgrader_config.py"
    if not config.exists():  # an instructor's own settings are kept
        config.write_text(NBGRADER_CONFIG, encoding="utf-8")
    written = []
    for lesson in lessons:
        folder = course / "source" / lesson.slug
        _copy_figures(lesson, folder)
        notebook = nbgrader_notebook(lesson, found[lesson.slug])
        written.append(write(notebook, folder / f"{lesson.slug}.ipynb"))
    return written
