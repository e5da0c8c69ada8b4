"""``grader release OUT_DIR``: the student copy of the course.

It holds what a learner needs and nothing that gives the answers away: the explanations and
their drawn figures, the stubs, the public checks (``grader.checks``), the corpus, the
grader, the grading workflow and a README of its own. It holds no reference solution (not
``solutions/``, not the code that draws the figures, which imports the references) and no
hidden test (each test module is cut down to its public tests, and the catalogue's points
to theirs). :func:`leaks` searches a copy for every solution region and every hidden test
body; ``grader release`` refuses to finish a copy in which it finds one.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

from . import catalogue, checks, manifest
from .catalogue import Lesson, UsageError
from .notebook import unlink_code
from .stubs import BEGIN, END

COPIED = ["LICENSE", "pyproject.toml", "conftest.py", ".github/workflows/grade.yml",
          "data/README.md", "data/make_sites.py", "data/sites.csv"]
README = """# {title}: student copy

The student copy of the course: the explanations, the exercises and the public checks. Each
lesson explains an algorithm and gives you a stub to fill in, `exercises/<lesson>.py`.
The reference solutions and the hidden tests stay with your instructor, who grades your
work with them; the checks here are the public ones, a few per lesson, so a full score here
means that your code has the right shape, not yet that it is right.

## Two commands

With Python 3.10 or newer:

```sh
python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/grader
```

sets up and prints your progress (every lesson, its public checks and your score), and

```sh
.venv/bin/grader check linear_regression
```

runs one lesson's public checks test by test, with hints. Your code runs in an isolated
worker process; `.venv/bin/grader --help` lists the other commands.

## Lessons

{table}

## Notebooks

If you prefer Jupyter, write a lesson's notebook (the explanation, your code from
`exercises/`, and a cell that runs the public checks in the notebook):

```sh
.venv/bin/pip install -e ".[nbgrader]" && .venv/bin/grader notebook linear_regression --out notebooks
```

and open `notebooks/linear_regression/linear_regression.ipynb` with `.venv/bin/jupyter lab`.

## Handing in

Your instructor grades `exercises/` with the hidden tests: in a class on GitHub, the workflow
`.github/workflows/grade.yml` does it on every push and shows your score on the run's page.
"""


def _title(root: Path) -> str:
    first = (root / "README.md").read_text(encoding="utf-8").splitlines()[0]
    return first.lstrip("# ").strip() or "The course"


def _catalogue(text: str, points: dict[str, int]) -> str:
    """The catalogue with each lesson's points cut to its public checks, and no speed points
    (test_speed times against the reference, which the copy does not hold)."""
    out, slug = [], None
    for line in text.splitlines(keepends=True):
        header = re.match(r"^\[(\w+)\]\s*$", line)
        if header:
            slug = header.group(1)
        elif slug in points and re.match(r"^points\s*=", line):
            line = f"points = {points[slug]}\n"
        elif slug in points and re.match(r"^speed_points\s*=", line):
            continue
        out.append(line)
    return "".join(out)


def build(out: Path, root: Path = catalogue.ROOT) -> list[Lesson]:
    """Write the student copy into ``out`` (which must not exist, or be empty)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out} already exists and is not empty; give a new directory")
    if out.resolve() == root.resolve() or root.resolve() in out.resolve().parents:
        raise UsageError(f"{out} is inside the course; give a directory outside it")
    lessons = catalogue.load(root)
    found = checks.checks(lessons)
    points = {slug: sum(c.points for c in cs if c.public) for slug, cs in found.items()}
    empty = [slug for slug, p in points.items() if p == 0]
    if empty:
        raise catalogue.CatalogueError(f"lessons without a public check: {', '.join(empty)}")
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        if (root / name).is_file():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, out / name)
    shutil.copytree(root / "grader", out / "grader", ignore=shutil.ignore_patterns("__pycache__"))
    (out / "exercises").mkdir()
    for lesson in lessons:
        shutil.copy2(lesson.exercise, out / "exercises" / lesson.exercise.name)
        folder = out / "lessons" / lesson.slug
        folder.mkdir(parents=True)
        (folder / "README.md").write_text(unlink_code(lesson.readme.read_text(encoding="utf-8")),
                                          encoding="utf-8")
        if (lesson.dir / "figures").is_dir():
            shutil.copytree(lesson.dir / "figures", folder / "figures")
        (folder / lesson.tests.name).write_text(checks.public_source(lesson), encoding="utf-8")
    (out / catalogue.CATALOGUE).write_text(
        _catalogue((root / catalogue.CATALOGUE).read_text(encoding="utf-8"), points), encoding="utf-8")
    rows = ["| # | lesson | track | public points |", "|---|---|---|---|"]
    rows += [f"| {lesson.order} | [{lesson.title}](lessons/{lesson.slug}/README.md) | {lesson.track} "
             f"| {points[lesson.slug]} |" for lesson in lessons]
    (out / "README.md").write_text(README.format(title=_title(root), table="\n".join(rows)),
                                   encoding="utf-8")
    (out / manifest.NAME).write_text(manifest.build(out), encoding="utf-8")
    found_leaks = leaks(out, lessons, found)
    if found_leaks:
        shutil.rmtree(out)
        raise catalogue.CatalogueError(f"the copy would give answers away: {found_leaks[0]}")
    return lessons


def secrets(lesson: Lesson, public: set[str]) -> list[tuple[str, str]]:
    """(what, text) for every solution region and every hidden test body of the lesson;
    ``public`` names its public tests."""
    found = []
    region, inside = [], False
    for line in lesson.solution.read_text(encoding="utf-8").splitlines():
        if line.strip() == BEGIN:
            region, inside = [], True
        elif line.strip() == END:
            inside = False
            body = "\n".join(region).strip()
            if body:
                found.append((f"a solution region of solutions/{lesson.slug}.py", body))
        elif inside:
            region.append(line)
    source = lesson.tests.read_text(encoding="utf-8")
    lines = source.splitlines()
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and node.name not in public:
            body = "\n".join(lines[node.body[0].lineno - 1:node.end_lineno]).strip()
            found.append((f"the hidden test {node.name} of {lesson.slug}", body))
    return found


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _texts(out: Path):
    import json

    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.suffix in (".png", ".gif", ".db"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".ipynb":
            text = "\n".join(cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                             for cell in json.loads(text)["cells"])
        yield path, text


def leaks(out: Path, lessons: list[Lesson], found_checks: dict | None = None) -> list[str]:
    """Where in ``out`` a solution region or a hidden test body appears (whitespace aside).

    Text that the course gives every learner anyway (a stub's code, a public check: an
    ``__init__`` that stores its arguments is both a solution region and a line of another
    lesson's stub) is not a secret."""
    found_checks = found_checks or checks.checks(lessons)
    given = _squeeze("\n".join([lesson.exercise.read_text(encoding="utf-8") for lesson in lessons]
                                + [checks.public_source(lesson) for lesson in lessons]))
    wanted = []
    for lesson in lessons:
        public = {c.name for c in found_checks[lesson.slug] if c.public}
        wanted += [(what, _squeeze(text)) for what, text in secrets(lesson, public)
                   if _squeeze(text) not in given]
    texts = {path: _squeeze(text) for path, text in _texts(out)}
    everything = "\0".join(texts.values())
    found = []
    for what, body in wanted:
        if body in everything:  # one search of the whole copy; then say where
            found += [f"{what} is in {path.relative_to(out)}" for path, text in texts.items() if body in text]
    return found
