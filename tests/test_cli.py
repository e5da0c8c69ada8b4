"""The `grader` command: exit statuses, reports, and honest scores for ordinary submissions.

Grading runs the real CLI in a subprocess (as a learner or CI would); usage errors call
``main([...])`` in this process, pre-commit style, and check the one-line message.
"""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from grader import catalogue
from grader.cli import main
from grader.report import SCHEMA

ROOT = catalogue.ROOT
LESSONS = catalogue.load()
SLUGS = [lesson.slug for lesson in LESSONS]


def grader(*args, cwd=None):
    done = subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd or ROOT, stdin=subprocess.DEVNULL)
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def reference_report():
    done = grader("grade", "--impl", "solutions", "--format", "json")
    return done.returncode, json.loads(done.stdout)


@pytest.fixture(scope="module")
def stub_report():
    done = grader("grade", "--impl", "exercises", "--format", "json")
    return done.returncode, json.loads(done.stdout)


def test_every_reference_scores_full_marks(reference_report):
    code, report = reference_report
    assert code == 0
    assert [entry["lesson"] for entry in report["lessons"]] == SLUGS
    for entry, lesson in zip(report["lessons"], LESSONS, strict=True):
        failed = [t["name"] + ": " + t["message"] for t in entry["tests"] if t["status"] != "passed"]
        assert not failed and entry["error"] is None, failed or entry["error"]
        assert entry["score"] == entry["max_score"] == lesson.points, (
            f"{lesson.slug}: the tests' points add up to {entry['max_score']}, "
            f"the catalogue says {lesson.points}"
        )
    assert report["score"] == report["max_score"] == sum(lesson.points for lesson in LESSONS)


def test_every_stub_scores_zero_and_every_test_is_reported(stub_report, reference_report):
    code, report = stub_report
    assert code == 1
    reference = {e["lesson"]: e for e in reference_report[1]["lessons"]}
    for entry in report["lessons"]:
        assert entry["score"] == 0, f"{entry['lesson']}: the stub scores {entry['score']}"
        assert entry["max_score"] == reference[entry["lesson"]]["max_score"]
        names = [t["name"] for t in entry["tests"]]
        assert names == [t["name"] for t in reference[entry["lesson"]]["tests"]]
        for test in entry["tests"]:
            assert test["status"] in ("failed", "error") and test["message"], test
    assert report["score"] == 0


def test_json_report_follows_the_schema(reference_report, stub_report):
    for _, report in (reference_report, stub_report):
        jsonschema.validate(report, SCHEMA)  # field names, types, statuses: see grader/report.py
        for entry in report["lessons"]:
            assert all(0 <= test["score"] <= test["max_score"] for test in entry["tests"])


def test_list_shows_every_lesson_with_status_and_score():
    done = grader()
    assert done.returncode == 0
    for lesson in LESSONS:
        row = next(line for line in done.stdout.splitlines() if f" {lesson.slug} " in line)
        assert lesson.title in row and lesson.track in row
        assert "not started" in row and f"0/{lesson.points}" in row


def test_check_solutions_exits_zero_and_lists_every_test():
    done = grader("check", "linear_regression", "--impl", "solutions")
    assert done.returncode == 0
    assert "score: 42/42" in done.stdout
    assert done.stdout.count("PASS") >= 10


BROKEN = {
    "syntax_error": ("def fit(:\n", "SyntaxError", "line 1"),
    "import_error": ("import numpy as np\nfrom numpy import no_such_name\n", "ImportError", "line 2"),
    "missing_class": ("import numpy as np\n\nX = 1\n", "has no attribute 'LinearRegression'", None),
    "not_utf8": (b"x = '\xff'\n", "not UTF-8", None),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_scores_zero_and_the_other_lessons_are_graded(case, tmp_path):
    source, words, line = BROKEN[case]
    target = tmp_path / "linear_regression.py"
    target.write_bytes(source if isinstance(source, bytes) else source.encode())
    for other in ("logistic_regression", "kmeans"):
        (tmp_path / f"{other}.py").write_text((ROOT / "solutions" / f"{other}.py").read_text())
    done = grader("grade", "linear_regression", "logistic_regression", "kmeans", "--impl", str(tmp_path),
                  "--format", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    entries = {e["lesson"]: e for e in report["lessons"]}
    broken = entries["linear_regression"]
    assert broken["score"] == 0 and broken["tests"]
    text = (broken["error"] or "") + " ".join(t["message"] for t in broken["tests"])
    assert words in text and (line is None or line in text), text[:500]
    for other in ("logistic_regression", "kmeans"):
        assert entries[other]["score"] == entries[other]["max_score"] > 0


def test_a_missing_file_is_reported_for_its_lesson_only(tmp_path):
    (tmp_path / "kmeans.py").write_text((ROOT / "solutions" / "kmeans.py").read_text())
    done = grader("grade", "linear_regression", "kmeans", "--impl", str(tmp_path), "--format", "json")
    entries = {e["lesson"]: e for e in json.loads(done.stdout)["lessons"]}
    assert "does not exist" in entries["linear_regression"]["error"]
    assert entries["kmeans"]["score"] == entries["kmeans"]["max_score"]


def test_output_file_is_written_and_stdout_stays_quiet(tmp_path):
    out = tmp_path / "report.json"
    done = grader("grade", "linear_regression", "--impl", "solutions", "--format", "json",
                  "--output", str(out))
    assert done.returncode == 0 and done.stdout == ""
    assert json.loads(out.read_text())["score"] == 42


def test_isolation_none_gives_the_same_scores(reference_report):
    done = grader("grade", "--impl", "solutions", "--format", "json", "--isolation", "none")
    _, isolated = reference_report
    assert [e["score"] for e in json.loads(done.stdout)["lessons"]] == [
        e["score"] for e in isolated["lessons"]
    ]


def test_lessons_graded_in_parallel_report_as_one_process_does(tmp_path):
    # The default grades lessons in several processes; the report must not depend on it: the
    # same lessons in the same order, test by test (a broken file among them included).
    for slug in ("linear_regression", "pca"):
        (tmp_path / f"{slug}.py").write_text((ROOT / "solutions" / f"{slug}.py").read_text())
    (tmp_path / "kmeans.py").write_text("import numpy as np\n\ndef broken(:\n")
    reports = []
    for jobs in ("1", "3"):
        done = grader("grade", "linear_regression", "kmeans", "pca", "--impl", str(tmp_path),
                      "--format", "json", "--jobs", jobs)
        assert done.returncode == 1, done.stderr
        reports.append([(e["lesson"], e["score"], e["error"], [(t["name"], t["status"]) for t in e["tests"]])
                        for e in json.loads(done.stdout)["lessons"]])
    assert reports[0] == reports[1]
    assert [entry[:2] for entry in reports[0]] == [("linear_regression", 42), ("kmeans", 0), ("pca", 40)]


@pytest.mark.parametrize(
    "argv, words",
    [
        (["check", "no_such_lesson"], "unknown lesson 'no_such_lesson'; the lessons are: linear_regression"),
        (["grade", "kmeans", "nope"], "unknown lesson 'nope'"),
        (["grade", "--impl", "/no/such/dir"], "is not a directory"),
        (["grade", "--format", "xml"], "invalid choice: 'xml'"),
        (["grade", "--limit", "call_seconds=abc"], "expected NAME=NUMBER"),
        (["grade", "--limit", "speed=1"], "unknown limit 'speed'"),
        (["check"], "the following arguments are required: lesson"),
        (["grade", "--jobs", "0"], "--jobs must be at least 1, not 0"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
    ids=["unknown-lesson", "one-unknown-of-two", "missing-impl", "bad-format", "bad-limit-value",
         "unknown-limit", "missing-argument", "no-jobs", "unknown-command"],
)
def test_usage_errors_exit_2_with_one_line(argv, words, capsys):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert words in err and err.count("\n") == 1, err


def test_unwritable_output_is_a_usage_error(tmp_path, capsys):
    code = main(["grade", "linear_regression", "--impl", "solutions", "--output",
                 str(tmp_path / "no" / "such" / "dir" / "r.json")])
    assert code == 2
    assert "cannot write --output" in capsys.readouterr().err


def test_stubs_check_passes_on_the_committed_course(capsys):
    assert main(["stubs", "--check"]) == 0
    assert capsys.readouterr().out == ""


def test_readme_runs_the_recommender_end_to_end(tmp_path):
    """The capstone's command in the README: recommendations for a named site from the learner's
    own files (here the references, then the stubs), and a one-line refusal of unknown sites."""
    readme = (ROOT / "README.md").read_text()
    assert ".venv/bin/python exercises/recommender.py Venzedaily" in readme
    script = [sys.executable, "solutions/recommender.py", "Venzedaily"]
    done = subprocess.run(script, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Venzedaily (travel")
    similar = lines[lines.index("  similar:") + 1:lines.index("  complementary:")]
    assert len(similar) == 5 and all(" travel " in line for line in similar)
    complementary = lines[lines.index("  complementary:") + 1:-1]
    assert len(complementary) == 5 and not any(" travel " in line for line in complementary)
    assert lines[-1] == "precision@5 over the 600 sites: 0.996"  # the figure the README quotes
    assert "(0.996 for the reference)" in readme
    stub = subprocess.run([sys.executable, "exercises/recommender.py", "Venzedaily"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert stub.returncode == 1 and stub.stdout.startswith("not implemented yet:") and not stub.stderr
    unknown = subprocess.run([sys.executable, "solutions/recommender.py", "Nowhere"], cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
    assert unknown.returncode == 1 and unknown.stdout.startswith("unknown site 'Nowhere'")
