"""Notebooks, the nbgrader course and the student release, with the real tools.

`grader notebook` writes notebooks that run top to bottom in a Jupyter kernel (nbclient);
`grader nbgrader` writes a course on which nbgrader's own commands work unchanged, and whose
autograded scores equal `grader grade`'s; `grader release` writes a student copy with no
reference solution and no hidden test in it, whose README's commands work.
"""

from __future__ import annotations

import ast
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat  # the nbgrader extra, which the test command installs
import pytest
from nbclient import NotebookClient
from test_cli import grader
from test_mistakes import MISTAKES

from grader import catalogue, checks
from grader.stubs import BEGIN, END

ROOT = catalogue.ROOT
LESSONS = catalogue.load()
FOUND = checks.checks(LESSONS)
BIN = Path(sys.executable).parent
# Autograded end to end: one lesson per track, and the capstone that builds on two others.
AUTOGRADED = ["linear_regression", "kmeans", "neural_network", "recommender", "paillier"]
# The unfilled release scores 0: one lesson on its own, and one whose notebook holds the lessons
# it builds on (every stub's zero through the grader is test_cli's).
UNFILLED = ["linear_regression", "recommender"]
# nbgrader gives a test cell with any output on stderr zero points: a warning, a print to
# sys.stderr or a write to file descriptor 2 while the tests run must not cost marks.
NOISY = """

_fit = LinearRegression.fit


def _noisy_fit(self, *args, **kwargs):
    import os, sys, warnings
    warnings.warn("a warning")
    print("to stderr", file=sys.stderr)
    os.write(2, b"to file descriptor 2\\n")
    return _fit(self, *args, **kwargs)


LinearRegression.fit = _noisy_fit
"""


def nbgrader(*args, cwd):
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}  # it runs alembic
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=1200, stdin=subprocess.DEVNULL)
    output = done.stdout[-3000:] + done.stderr[-3000:]
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{output}"
    return done


def cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def secrets(lesson) -> list[str]:
    """Every solution region and hidden test body of a lesson, except text that every learner
    gets anyway in a stub or a public check (an ``__init__`` storing its arguments)."""
    squeeze = lambda text: re.sub(r"\s+", " ", text).strip()  # noqa: E731
    given = squeeze("\n".join(p.read_text() for p in (ROOT / "exercises").glob("*.py")))
    found = [squeeze(m) for m in re.findall(rf"{re.escape(BEGIN)}\n(.*?)\n\s*{re.escape(END)}",
                                            lesson.solution.read_text(), flags=re.S)]
    text = lesson.tests.read_text()
    lines = text.splitlines()
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            public = any("public" in ast.unparse(d) for d in node.decorator_list)
            if not public:  # the body: from its first statement to its end
                found.append(squeeze("\n".join(lines[node.body[0].lineno - 1:node.end_lineno])))
    return [s for s in found if s and s not in given]


# -- the nbgrader course ------------------------------------------------------------------
@pytest.fixture(scope="module")
def course(tmp_path_factory):
    path = tmp_path_factory.mktemp("course")
    done = grader("nbgrader", str(path))
    assert done.returncode == 0, done.stderr
    nbgrader("generate_assignment", "*", cwd=path)
    return path


def test_every_lesson_is_an_assignment_with_valid_metadata(course):
    for lesson in LESSONS:
        released = course / "release" / lesson.slug / f"{lesson.slug}.ipynb"
        assert released.is_file(), f"no released notebook for {lesson.slug}"
        nbformat.validate(nbformat.read(released, as_version=4))
        graded = [c["metadata"]["nbgrader"] for c in cells(course / "source" / lesson.slug / released.name)
                  if c["metadata"].get("nbgrader", {}).get("grade")]
        assert all(m["schema_version"] == 3 and m["grade_id"] for m in graded)
        assert sum(m["points"] for m in graded) == lesson.points, f"{lesson.slug}: points differ"


def test_released_notebooks_hold_no_solution_and_no_hidden_test(course):
    for lesson in LESSONS:
        released = course / "release" / lesson.slug / f"{lesson.slug}.ipynb"
        text = "\n".join(source(c) for c in cells(released))
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, lesson.slug
        # test_speed is hidden (it needs the reference) but not secret: the explanation of a
        # lesson with speed points says what it times and what passes.
        hidden = {c.name for c in FOUND[lesson.slug] if not c.public and c.name != "test_speed"}
        shown = [name for name in hidden if re.search(rf"\b{name}\b", released.read_text())]
        assert not shown, f"{lesson.slug}: the release names hidden tests {shown}"
        flat = re.sub(r"\s+", " ", text)
        for secret in secrets(lesson):
            assert secret not in flat, f"{lesson.slug}: the release shows {secret[:80]!r}"


@pytest.fixture(scope="module")
def autograded(course, tmp_path_factory):
    """Submissions per lesson: the reference, the unfilled release, a classic mistake, and the
    reference writing to stderr during the tests; autograded, exported and given feedback by
    nbgrader.

    Each lesson is autograded in its own copy of the course (its own gradebook), two at a time:
    nbgrader runs one notebook after another, and two gradebooks cannot lock each other."""
    wrong_dirs, copies = {}, {}
    for slug in AUTOGRADED:
        copies[slug] = copy = tmp_path_factory.mktemp(f"course_{slug}") / "course"
        shutil.copytree(course, copy)
        released = copy / "release" / slug / f"{slug}.ipynb"
        reference = {c["metadata"]["nbgrader"]["grade_id"]: source(c)
                     for c in cells(copy / "source" / slug / released.name)}
        _, old, new, _ = MISTAKES[slug][0]
        lesson = catalogue.find([slug])[0]
        variants = {"reference": lambda s: s, "mistake": lambda s, old=old, new=new: s.replace(old, new, 1)}
        if slug in UNFILLED:
            variants["unfilled"] = None
        if slug == "linear_regression":  # the reference, writing to stderr while the tests run
            variants["stderr"] = lambda s: s + NOISY if "class LinearRegression" in s else s
        for student, change in variants.items():
            notebook = json.loads(released.read_text())
            for cell in notebook["cells"]:
                meta = cell["metadata"].get("nbgrader", {})
                if meta.get("solution") and change is not None:
                    cell["source"] = change(reference[meta["grade_id"]])
            target = copy / "submitted" / student / slug / released.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(notebook))
        # The same mistake, graded by the course's grader.
        wrong = tmp_path_factory.mktemp(f"wrong_{slug}")
        for used in lesson.uses:
            shutil.copy(ROOT / "solutions" / f"{used}.py", wrong)
        (wrong / f"{slug}.py").write_text(lesson.solution.read_text().replace(old, new, 1))
        wrong_dirs[slug] = wrong

    def autograde(slug):
        nbgrader("autograde", slug, "--create", cwd=copies[slug])
        nbgrader("export", cwd=copies[slug])
        nbgrader("generate_feedback", slug, cwd=copies[slug])  # checked below
        with open(copies[slug] / "grades.csv", newline="") as f:
            return {(row["student_id"], row["assignment"]): float(row["score"])
                    for row in csv.DictReader(f) if row["assignment"] == slug}

    scores = {}
    with ThreadPoolExecutor(2) as pool:
        for found in pool.map(autograde, AUTOGRADED):
            scores.update(found)
    return scores, wrong_dirs, copies


@pytest.mark.parametrize("slug", AUTOGRADED)
def test_autograde_agrees_with_the_grader(slug, autograded):
    scores, wrong_dirs, copies = autograded
    [lesson] = catalogue.find([slug])
    assert scores[("reference", slug)] == lesson.points
    if slug in UNFILLED:
        assert scores[("unfilled", slug)] == 0
    if slug == "linear_regression":
        assert scores[("stderr", slug)] == lesson.points, "output on stderr cost points"
        # The filled notebook passes nbgrader's own validation (locked cells and checksums).
        submitted = copies[slug] / "submitted" / "reference" / slug / f"{slug}.ipynb"
        assert "Success!" in nbgrader("validate", str(submitted), cwd=submitted.parent).stdout
    done = grader("grade", slug, "--impl", str(wrong_dirs[slug]), "--format", "json")
    [entry] = json.loads(done.stdout)["lessons"]
    assert 0 < entry["score"] < lesson.points
    assert scores[("mistake", slug)] == entry["score"], (
        f"nbgrader gave the mistake {scores[('mistake', slug)]}, grader grade {entry['score']}")


def test_feedback_is_an_html_report_per_notebook(autograded):
    _, _, copies = autograded
    for slug, copy in copies.items():
        for student in ("reference", "mistake", *(["unfilled"] if slug in UNFILLED else [])):
            report = copy / "feedback" / student / slug / f"{slug}.html"
            assert report.is_file() and "<html" in report.read_text()[:2000].lower()


# -- the learner's notebooks --------------------------------------------------------------
def test_learner_notebooks_run_top_to_bottom_with_the_reference(tmp_path):
    done = grader("notebook", "--impl", "solutions", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr

    def run(lesson):
        path = tmp_path / lesson.slug / f"{lesson.slug}.ipynb"
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        output = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
        public = sum(c.points for c in found[lesson.slug] if c.public)
        return lesson.slug, output, f"{lesson.slug}: {public}/{public} points"

    found = FOUND
    with ThreadPoolExecutor(2) as pool:
        for slug, output, expected in pool.map(run, LESSONS):
            assert expected in output, f"{slug}: {output!r}"


def test_the_stub_notebook_says_what_is_missing(tmp_path):
    grader("notebook", "kmeans", "--out", str(tmp_path))
    notebook = nbformat.read(tmp_path / "kmeans" / "kmeans.ipynb", as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True).execute()
    output = "".join(o.get("text", "") for o in notebook.cells[-1].outputs)
    assert "kmeans: 0/" in output and "NotImplementedError" in output


def test_bad_notebook_arguments_get_one_line(tmp_path):
    done = grader("notebook", "no_such_lesson", "--out", str(tmp_path))
    assert done.returncode == 2 and "unknown lesson" in done.stderr
    done = grader("notebook", "kmeans", "--impl", str(tmp_path / "absent"))
    assert done.returncode == 2 and "not a directory" in done.stderr


# -- the student release ------------------------------------------------------------------
@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("release") / "course"
    done = grader("release", str(out))
    assert done.returncode == 0, done.stderr
    return out


def test_release_holds_no_reference_and_no_hidden_test(release):
    assert not (release / "solutions").exists() and not (release / "tests").exists()
    assert not list(release.rglob("figures.py"))
    texts = {}
    for path in release.rglob("*"):
        if path.is_file() and path.suffix not in (".png", ".gif"):
            texts[path] = re.sub(r"\s+", " ", path.read_text(encoding="utf-8", errors="replace"))
    everything = "\0".join(texts.values())
    for lesson in LESSONS:
        for secret in secrets(lesson):
            if secret in everything:
                where = [str(p.relative_to(release)) for p, text in texts.items() if secret in text]
                raise AssertionError(f"{lesson.slug}: {secret[:80]!r} is in {where}")
    tests = [text for path, text in texts.items() if path.name.startswith("test_")]
    assert tests and not any("MISTAKES" in text for text in tests)


def test_release_readme_commands_work_inside_it(release, tmp_path):
    readme = (release / "README.md").read_text()
    commands = re.findall(r"```sh\n(.*?)\n```", readme, flags=re.S)
    assert len(commands) == 3
    assert commands[0] == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/grader"

    def run(*args):  # the release's own grader, as .venv/bin/grader would run it
        done = subprocess.run([sys.executable, "-m", "grader", *args], cwd=release, capture_output=True,
                              text=True, timeout=900, stdin=subprocess.DEVNULL)
        assert "Traceback" not in done.stdout + done.stderr, done.stderr
        return done

    listed = run()
    public = sum(lesson.points for lesson in catalogue.load(release))
    assert listed.returncode == 0 and f"0/{public} points" in listed.stdout
    assert "warning" not in listed.stderr  # its manifest matches it
    checked = run(*commands[1].split()[1:])
    assert checked.returncode == 1 and "FAIL" in checked.stdout
    notebook_args = commands[2].split("&& .venv/bin/grader ")[1].split()
    assert run(*notebook_args).returncode == 0
    assert (release / "notebooks" / "linear_regression" / "linear_regression.ipynb").is_file()
    # The public checks grade the references fully: they are a part of the real tests.
    solutions = tmp_path / "solutions"
    shutil.copytree(ROOT / "solutions", solutions)
    graded = run("grade", "--impl", str(solutions), "--format", "json")
    report = json.loads(graded.stdout)
    assert graded.returncode == 0 and report["score"] == report["max_score"] == public


def test_release_refuses_a_directory_in_use(tmp_path):
    (tmp_path / "something").write_text("x")
    done = grader("release", str(tmp_path))
    assert done.returncode == 2 and "not empty" in done.stderr
