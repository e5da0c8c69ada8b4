"""`grader bench`, the speed note of `grader check` and speed points (grader/speed.py).

No test here asserts a time: figures are ratios measured in one run, and what is checked
is that they are reported, and that an implementation far slower than the reference (a
loop over pairs of points, 50-100x in practice) is told so, or loses the speed points of a
lesson whose catalogue entry gives them, while the reference and an implementation a few
times slower (broadcasting instead of a matrix product) are not.
"""

from __future__ import annotations

import json

import pytest
from test_cli import ROOT, grader

from grader import catalogue, speed

LESSONS = catalogue.load()
FIELDS = {"lesson", "what", "size", "baseline_name", "impl_seconds", "baseline_seconds", "ratio",
          "impl_peak_mb", "baseline_peak_mb", "impl_exponent", "baseline_exponent", "repeat", "track",
          "error"}


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.slug for lesson in LESSONS])
def test_every_lesson_has_a_benchmark_case(lesson):
    spec = speed.case(lesson)
    assert isinstance(spec["size"], int) and spec["size"] >= 4
    assert spec["check_size"] is None or 4 <= spec["check_size"] <= spec["size"]
    assert spec["baseline_name"] and spec["what"]
    section = spec["hint"].rsplit("(README: '", 1)[1].rstrip("').")
    assert f"## {section}" in lesson.readme.read_text(), f"{lesson.slug}: no section {section!r}"


def test_bench_json_reports_every_figure():
    done = grader("bench", "kmeans", "k_nearest_neighbors", "--size", "400", "--repeat", "1",
                  "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert [row["lesson"] for row in report["lessons"]] == ["k_nearest_neighbors", "kmeans"]
    for row in report["lessons"]:
        assert set(row) == FIELDS and row["error"] is None and row["size"] == 400
        assert row["ratio"] > 0 and row["impl_seconds"] > 0 and row["baseline_seconds"] > 0
        assert row["impl_peak_mb"] >= 0 and row["baseline_peak_mb"] >= 0
    assert report["median_ratio"] > 0 and report["max_ratio"] >= report["median_ratio"]
    # k-NN is supervised, k-means unsupervised: one summary per track, one per baseline.
    assert set(report["tracks"]) == {row["track"] for row in report["lessons"]} and len(report["tracks"]) == 2
    assert report["baselines"]["scikit-learn"]["timed"] == 2


def test_bench_markdown_is_the_readme_table():
    done = grader("bench", "lwe", "--size", "400", "--repeat", "1", "--format", "markdown")
    assert done.returncode == 0, done.stderr
    header, rule, row = done.stdout.splitlines()[:3]
    assert header.startswith("| lesson | n |") and rule.startswith("|---")
    assert row.startswith("| lwe | 400 |") and row.count("|") == header.count("|")
    assert "- against numpy: median ratio" in done.stdout


def test_bench_of_a_stub_says_so_in_one_line():
    done = grader("bench", "kmeans", "--impl", "exercises", "--size", "400", "--repeat", "1")
    assert done.returncode == 1
    assert "kmeans" in done.stdout and "could not be timed" in done.stdout
    assert grader("bench", "nonsense").returncode == 2


def test_a_loop_over_pairs_gets_the_speed_note_and_the_reference_does_not(tmp_path):
    source = (ROOT / "solutions" / "k_nearest_neighbors.py").read_text()
    start = source.index("    # ||x||^2 - 2 x.z + ||z||^2, in place")
    vectorised = source[start:source.index("    ### END SOLUTION\n", start)]
    loops = ("    D = np.empty((X.shape[0], Z.shape[0]))\n"
             "    for i in range(X.shape[0]):\n"
             "        for j in range(Z.shape[0]):\n"
             "            D[i, j] = np.sqrt(np.sum((X[i] - Z[j]) ** 2))\n"
             "    return D\n")
    (tmp_path / "k_nearest_neighbors.py").write_text(source.replace(vectorised, loops))
    slow = grader("check", "k_nearest_neighbors", "--impl", str(tmp_path))
    note = [line for line in slow.stdout.splitlines() if line.startswith("speed (a note, not points)")]
    assert note and "x slower" in note[0] and "ms with your code" in note[0], slow.stdout[-2000:]
    assert "README: 'Vectorised distances'" in note[0]
    reference = grader("check", "k_nearest_neighbors", "--impl", "solutions")
    assert reference.returncode == 0 and "speed (a note" not in reference.stdout


SPEED_LESSONS = [lesson for lesson in LESSONS if lesson.speed_points]


@pytest.mark.parametrize("lesson", SPEED_LESSONS, ids=[lesson.slug for lesson in SPEED_LESSONS])
def test_a_lesson_with_speed_points_can_time_them(lesson):
    assert speed.case(lesson)["check_size"] is not None, f"{lesson.slug}: test_speed needs a check_size"
    assert "`test_speed`" in lesson.readme.read_text(), f"{lesson.slug}: the explanation does not say"


@pytest.mark.parametrize("value", [-1, 1.5, "3", 46])
def test_speed_points_must_be_fewer_than_the_points(tmp_path, value):
    (tmp_path / "lessons").mkdir()
    (tmp_path / catalogue.CATALOGUE).write_text(
        f'[kmeans]\ntitle = "k"\ntrack = "t"\npoints = 46\nspeed_points = {value!r}\n'.replace("'", '"'))
    with pytest.raises(catalogue.CatalogueError, match="speed_points"):
        catalogue.load(tmp_path)


def _kmeans_with(tmp_path, name, nearest):
    """The reference k-means with another assignment step (README: 'Vectorised distances')."""
    source = (ROOT / "solutions" / "kmeans.py").read_text()
    start = source.index("    S = X @ (-2.0 * C.T)")
    body = source[start:source.index("    ### END SOLUTION\n", start)]
    (tmp_path / name).mkdir()
    (tmp_path / name / "kmeans.py").write_text(source.replace(body, nearest))
    done = grader("grade", "kmeans", "--impl", str(tmp_path / name), "--format", "json")
    [entry] = json.loads(done.stdout)["lessons"]
    return {t["name"]: t for t in entry["tests"]}, entry


def test_speed_points_go_to_vectorised_code_and_only_to_correct_code(tmp_path):
    [kmeans] = [lesson for lesson in LESSONS if lesson.slug == "kmeans"]
    assert kmeans.speed_points == 3
    # A loop over the samples: every answer right, 25-50x slower than the reference in practice.
    loop = "    return np.array([np.argmin(((C - x) ** 2).sum(axis=1)) for x in X])\n"
    tests, entry = _kmeans_with(tmp_path, "loop", loop)
    assert entry["score"] == entry["max_score"] - 3, tests
    message = tests["test_speed"]["message"]
    assert "x slower" in message and "Vectorised distances" in message, message
    # Broadcasting builds an n x k x d array: a few times slower, within the limit.
    broadcast = "    return ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)\n"
    tests, entry = _kmeans_with(tmp_path, "broadcast", broadcast)
    assert entry["score"] == entry["max_score"], {n: t["message"] for n, t in tests.items() if t["message"]}
    # Fast and wrong (argmax): no speed points, and the test says why.
    argmax = "    return (X @ (-2.0 * C.T) + np.einsum('ij,ij->i', C, C)).argmax(axis=1)\n"
    tests, entry = _kmeans_with(tmp_path, "argmax", argmax)
    assert tests["test_speed"]["status"] == "failed"
    assert "once the lesson's other tests pass" in tests["test_speed"]["message"]
