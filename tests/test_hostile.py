"""Hostile and broken submissions, graded through the real CLI.

Each case is a learner file (sometimes with extra files beside it) for ``linear_regression``
or ``kmeans``. It is graded with ``grader grade <its lesson> <another lesson> --format json``
in a subprocess, next to a copy of the other lesson's reference, and must get its honest
score:

- ``zero``: a module that is hostile from the start scores 0;
- ``full``: a correct module whose extra files or odd habits must change nothing scores full marks;
- a twin: a module with one hostile part scores what its honest twin scores (graded in a
  separate run): the same module with that method simply raising an exception, or
  returning plain data instead of a rigged object.

And in every case the grader exits normally (status 1, or 0 for ``full``), prints no
traceback, writes an intact JSON report, gives the other lesson full marks, and says what
happened in the messages.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pytest

from grader import catalogue, stubs
from grader.report import SCHEMA

ROOT = catalogue.ROOT
# Short calls keep the cases that hang quick (the default is 10 s per call): every honest call
# of these lessons' tests returns within 50 ms on an idle machine (`grader grade linear_regression
# logistic_regression kmeans --impl solutions --limit call_seconds=0.05` passes), so 0.5 s leaves
# room for a busy one. A long lesson budget lets every test of a hanging lesson time out on its
# own, as its honest twin fails.
# --jobs 1: the hostile lesson and the other one are graded in the same process, so that
# nothing the first does can spoil the second's grading.
LIMITS = ["--limit", "call_seconds=0.5", "--limit", "load_seconds=6", "--limit", "lesson_seconds=300",
          "--jobs", "1"]
OTHER = {"linear_regression": "logistic_regression", "kmeans": "linear_regression"}
CLASS = {"linear_regression": "LinearRegression", "kmeans": "KMeans"}


def reference(lesson: str) -> str:
    return (ROOT / "solutions" / f"{lesson}.py").read_text()


def stub(lesson: str) -> str:
    return stubs.stub_for(catalogue.find([lesson])[0])


def hostile_method(lesson: str, method: str, body: str) -> str:
    """The reference with one method replaced by ``body``."""
    code = textwrap.indent(textwrap.dedent(body).strip(), "    ")
    return (
        reference(lesson)
        + f"\n\ndef _hostile(self, *args, **kwargs):\n{code}\n\n"
        + f"{CLASS[lesson]}.{method} = _hostile\n"
    )


def raising(lesson: str, method: str) -> tuple:
    """The honest twin of a hostile method: the same method raising an ordinary exception."""
    return ("twin", hostile_method(lesson, method, "raise RuntimeError('an honest failure')"), "worker")


def at_import(lesson: str, body: str, base: str = "stub") -> str:
    source = stub(lesson) if base == "stub" else reference(lesson)
    return source + "\n\n" + textwrap.dedent(body).strip() + "\n"


FORK_BOMB = """
    import os, time
    for _ in range(40):  # bounded: a failed defence leaves 40 sleepers for 20 s at most
        if os.fork() == 0:
            time.sleep(20)
            os._exit(0)
"""
FLOOD = """
    import sys
    while True:
        print("PASSED " * 100)
"""
ALWAYS_EQUAL = """
    class Anything:
        def __eq__(self, other): return True
        def __ne__(self, other): return False
        def __array__(self, *a, **k):
            import numpy as np
            return np.zeros(3)
        def __getattr__(self, name): return self
        def __call__(self, *a, **k): return self
        def __bool__(self): return True
        def __len__(self): return 0
        def __float__(self): return 0.0
"""
RIGGED = """
    import numpy as np
    class Rigged(np.ndarray):
        def __eq__(self, other): return np.ones(np.shape(other), dtype=bool)
        def __array_finalize__(self, obj): pass
        def tolist(self): return []
"""

TWIN_FIT = raising("linear_regression", "fit")
TWIN_PREDICT = raising("linear_regression", "predict")
ALWAYS_EQUAL_CLASS = """
class LinearRegression:
    def __init__(self, fit_intercept=True):
        self.fit_intercept = fit_intercept
        self.coef_ = Anything()
        self.intercept_ = Anything()
    def fit(self, X, y):
        return self
    def predict(self, X):
        return Anything()
"""
RIGGED_CLASS = """
class LinearRegression:
    def __init__(self, fit_intercept=True):
        self.fit_intercept = fit_intercept
    def fit(self, X, y):
        self.coef_ = np.zeros(np.shape(X)[1]).view(Rigged)
        self.intercept_ = 0.0
        return self
    def predict(self, X):
        return np.zeros(len(X)).view(Rigged)
"""
WRONG_SIGNATURE = """
import numpy as np

class LinearRegression:
    def __init__(self):
        pass
    def fit(self, X):
        return self
"""

# name: (lesson, source, extra files, expected, words the messages must contain)
CASES = {
    "exit_at_import": ("linear_regression", at_import("linear_regression", "import os\nos._exit(0)"),
                       {}, "zero", "exit status 0"),
    "exit_in_fit": ("linear_regression", hostile_method("linear_regression", "fit",
                    "import os\nos._exit(0)"), {}, TWIN_FIT, "exit status 0"),
    "sys_exit_in_fit": ("linear_regression", hostile_method("linear_regression", "fit",
                        "import sys\nsys.exit(0)"), {}, TWIN_FIT, "SystemExit"),
    "system_exit_at_import": ("linear_regression", at_import("linear_regression",
                              "raise SystemExit(0)"), {}, "zero", "SystemExit"),
    "keyboard_interrupt_in_fit": ("linear_regression", hostile_method("linear_regression", "fit",
                                  "raise KeyboardInterrupt"), {}, TWIN_FIT, "KeyboardInterrupt"),
    "generator_exit_in_fit": ("linear_regression", hostile_method("linear_regression", "fit",
                              "raise GeneratorExit"), {}, TWIN_FIT, "GeneratorExit"),
    "kill_parent_at_import": ("linear_regression", at_import("linear_regression",
                              "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
                              "os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)"),
                              {}, "zero", "os.kill"),
    "kill_parent_in_fit": ("linear_regression", hostile_method("linear_regression", "fit",
                           "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)"),
                           {}, TWIN_FIT, "os.kill"),
    "loop_at_import": ("linear_regression", at_import("linear_regression", "while True:\n    pass"),
                       {}, "zero", "did not return within"),
    "loop_in_predict": ("linear_regression", hostile_method("linear_regression", "predict",
                        "while True:\n    pass"), {}, TWIN_PREDICT, "did not return within"),
    # np.empty reserves address space without touching pages, so RLIMIT_AS stops it at once,
    # however busy the machine (filling 1 GB with ones can outlast the call limit).
    "memory_bomb": ("linear_regression", hostile_method("linear_regression", "fit",
                    "import numpy as np\nhoard = []\nwhile True:\n    hoard.append(np.empty(1 << 27))"),
                    {}, TWIN_FIT, "MemoryError"),
    "fork_bomb": ("linear_regression", hostile_method("linear_regression", "fit", FORK_BOMB),
                  {}, TWIN_FIT, "os.fork"),
    "recursion": ("linear_regression", hostile_method("linear_regression", "fit",
                  "def down(n):\n    return down(n + 1) + 1\nreturn down(0)"),
                  {}, TWIN_FIT, "RecursionError"),
    "recursion_past_the_c_stack": ("linear_regression", hostile_method("linear_regression", "fit",
                                   "import sys\nsys.setrecursionlimit(10**6)\n"
                                   "def down(n):\n    return down(n + 1) + 1\nreturn down(0)"),
                                   {}, TWIN_FIT, "fit"),
    "output_flood": ("linear_regression", hostile_method("linear_regression", "fit", FLOOD),
                     {}, TWIN_FIT, "file size limit"),
    "fake_passed_lines": ("linear_regression", at_import("linear_regression",
                          "print('PASSED test_fit 40/40')\nprint('score: 40/40')\n"
                          "print('{\"score\": 40, \"max_score\": 40}')\nraise RuntimeError('x')"),
                          {}, "zero", "RuntimeError"),
    "fake_report_file": ("linear_regression", at_import("linear_regression",
                         "open(REPORT, 'w').write('{\"score\": 999, \"max_score\": 999}')"),
                         {}, "zero", "open"),
    "patch_numpy_and_builtins": ("linear_regression", at_import("linear_regression", """
        import builtins
        import numpy as np
        np.allclose = lambda *a, **k: True
        np.isclose = lambda *a, **k: True
        builtins.isinstance = lambda *a: True
        builtins.AssertionError = type("Nothing", (Exception,), {})
        """), {}, "zero", "not implemented"),
    "conftest_beside": ("linear_regression", stub("linear_regression"), {"conftest.py": """
        import pytest

        @pytest.hookimpl(hookwrapper=True)
        def pytest_runtest_makereport(item, call):
            outcome = yield
            outcome.get_result().outcome = "passed"
        """}, "zero", "not implemented"),
    "sitecustomize_beside": ("linear_regression", stub("linear_regression"), {
        "sitecustomize.py": "import os\nos._exit(0)\n",
        "usercustomize.py": "import os\nos._exit(0)\n",
        "evil.pth": "import os; os._exit(0)\n",
    }, "zero", "not implemented"),
    "numpy_beside_a_correct_file": ("linear_regression", reference("linear_regression"), {
        "numpy.py": "raise ImportError('the fake numpy was imported')\n",
        "sitecustomize.py": "raise ImportError('the fake sitecustomize was imported')\n",
    }, "full", ""),
    "always_equal_objects": ("linear_regression", textwrap.dedent(ALWAYS_EQUAL) + ALWAYS_EQUAL_CLASS, {},
                             ("twin", "Anything = lambda: None\n" + ALWAYS_EQUAL_CLASS, "worker"),
                             "Anything object"),
    "rigged_ndarray_subclass": ("linear_regression", textwrap.dedent(RIGGED) + RIGGED_CLASS, {},
                                ("twin", "import numpy as np\nRigged = np.ndarray\n" + RIGGED_CLASS,
                                 "none"), "differs"),
    "wrap_scikit_learn": ("linear_regression", "from sklearn.linear_model import LinearRegression\n",
                          {}, "zero", "'sklearn.linear_model' is not allowed"),
    "refused_import_caught": ("linear_regression", at_import("linear_regression",
                              "try:\n    import scipy\nexcept ImportError:\n    pass", base="reference"),
                              {}, "zero", "'scipy' is not allowed"),
    "patch_np_testing": ("linear_regression", at_import("linear_regression",
                         "import numpy.testing as npt\nnpt.assert_allclose = lambda *a, **k: None",
                         base="reference"), {}, "zero", "imported by numpy"),
    "read_the_reference": ("linear_regression", at_import("linear_regression",
                           "exec(open(SOLUTION).read())"), {}, "zero", "does not let your code open"),
    "import_the_reference": ("linear_regression", at_import("linear_regression",
                             "import sys\nsys.path.insert(0, COURSE)\n"
                             "from solutions.linear_regression import *"), {}, "zero", "not allowed"),
    "import_the_grader": ("linear_regression", at_import("linear_regression",
                          "import grader.sandbox"), {}, "zero", "'grader.sandbox' is not allowed"),
    "write_into_the_course": ("linear_regression", at_import("linear_regression",
                              "open(TESTS, 'a').write('\\n# tampered\\n')"), {}, "zero", "open"),
    "exception_in_del": ("linear_regression", hostile_method("linear_regression", "__del__",
                         "raise RuntimeError('from __del__')"), {}, "full", ""),
    "wrong_signature": ("linear_regression", WRONG_SIGNATURE, {}, ("twin", WRONG_SIGNATURE, "none"),
                        "TypeError"),
    "syntax_error": ("linear_regression", "def broken(:\n    pass\n", {}, "zero", "SyntaxError"),
    # The second lesson.
    "kmeans_exit_at_import": ("kmeans", at_import("kmeans", "import os\nos._exit(3)"),
                              {}, "zero", "exit status 3"),
    "kmeans_loop_in_fit": ("kmeans", hostile_method("kmeans", "fit", "while True:\n    pass"),
                           {}, raising("kmeans", "fit"), "did not return within"),
    "kmeans_wrap_scikit_learn": ("kmeans", "from sklearn.cluster import KMeans\n", {}, "zero",
                                 "not allowed"),
    "kmeans_read_the_reference": ("kmeans", at_import("kmeans", "exec(open(SOLUTION).read())"),
                                  {}, "zero", "does not let your code open"),
}


def grade(impl: Path, lessons: list[str], report: Path, isolation="worker"):
    """Run the real CLI in a subprocess; return (exit status, stdout+stderr, parsed report)."""
    command = [sys.executable, "-m", "grader", "grade", *lessons, "--impl", str(impl),
               "--format", "json", "--output", str(report), "--isolation", isolation, *LIMITS]
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, cwd=impl,
                          stdin=subprocess.DEVNULL)
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert report.is_file(), f"no report written; exit {done.returncode}: {output[-2000:]}"
    return done.returncode, output, json.loads(report.read_text())


def write_case(directory: Path, lesson: str, source: str, extras: dict, report: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    constants = {
        "REPORT": str(report),
        "SOLUTION": str(ROOT / "solutions" / f"{lesson}.py"),
        "COURSE": str(ROOT),
        "TESTS": str(ROOT / "lessons" / lesson / f"test_{lesson}.py"),
    }
    header = "".join(f"{name} = {value!r}\n" for name, value in constants.items())
    (directory / f"{lesson}.py").write_text(header + source)
    for name, text in extras.items():
        (directory / name).write_text(textwrap.dedent(text))
    other = OTHER[lesson]
    (directory / f"{other}.py").write_text(reference(other))


def grade_case(name: str, base: Path) -> dict:
    lesson, source, extras, expected, _ = CASES[name]
    report = base / name / "report.json"
    write_case(base / name / "submission", lesson, source, extras, report)
    code, output, data = grade(base / name / "submission", [lesson, OTHER[lesson]], report)
    return {"code": code, "output": output, "data": data, "report": report}


def grade_twin(lesson: str, source: str, isolation: str, directory: Path) -> int:
    write_case(directory, lesson, source, {}, directory / "r.json")
    return grade(directory, [lesson], directory / "r.json", isolation)[2]["lessons"][0]["score"]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade every case and every honest twin, several at once: most of the time is spent
    waiting for time limits, and each grading is its own process."""
    base = tmp_path_factory.mktemp("hostile")
    before = course_digest()
    twins = sorted({(CASES[n][0], *CASES[n][3][1:]) for n in CASES if isinstance(CASES[n][3], tuple)})
    with ThreadPoolExecutor(max_workers=4) as pool:
        twin_jobs = {
            key: pool.submit(grade_twin, *key, tmp_path_factory.mktemp("twin")) for key in twins
        }
        case_jobs = {name: pool.submit(grade_case, name, base) for name in CASES}
        results = {name: job.result() for name, job in case_jobs.items()}
        twin_scores = {key: job.result() for key, job in twin_jobs.items()}
    return results, twin_scores, before


def course_digest() -> str:
    digest = hashlib.sha256()
    for folder in ("lessons", "solutions", "grader"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_submission_gets_its_honest_score(name, graded):
    results, twin_scores, before = graded
    lesson, _, _, expected, words = CASES[name]
    result = results[name]
    data = result["data"]

    assert course_digest() == before, "a submission changed the course's files"
    jsonschema.validate(data, SCHEMA)  # whatever the submission did, the report is well formed
    graded_lessons = {entry["lesson"]: entry for entry in data["lessons"]}
    assert set(graded_lessons) == {lesson, OTHER[lesson]}
    other = graded_lessons[OTHER[lesson]]
    assert other["score"] == other["max_score"] > 0, f"the other lesson was affected: {other}"
    this = graded_lessons[lesson]
    assert this["tests"], "every test of the lesson is reported"
    if expected == "zero":
        wanted = 0
    elif expected == "full":
        wanted = this["max_score"]
    else:
        wanted = twin_scores[(lesson, *expected[1:])]
    assert this["score"] == wanted, f"{name}: score {this['score']}, honest score {wanted}"
    assert data["score"] == this["score"] + other["score"]
    assert result["code"] == (0 if this["score"] == this["max_score"] else 1)
    messages = " ".join([this["error"] or ""] + [t["message"] for t in this["tests"]])
    assert words in messages, f"the messages do not say {words!r}: {messages[:1500]}"
    assert '"score": 999' not in result["report"].read_text()


def test_the_grader_survives_a_submission_that_kills_its_process_group(tmp_path):
    """killpg on its own group (the worker's session) must not reach the grader."""
    source = hostile_method("linear_regression", "fit", "import os, signal\nos.killpg(0, signal.SIGKILL)")
    report = tmp_path / "report.json"
    write_case(tmp_path / "s", "linear_regression", source, {}, report)
    code, _, data = grade(tmp_path / "s", ["linear_regression"], report)
    assert code == 1 and data["lessons"][0]["max_score"] > 0


def test_the_worker_never_runs_as_root(tmp_path):
    """As root (as in CI) the worker drops to a private uid; otherwise it keeps the user's."""
    source = at_import("linear_regression", "import os\nraise RuntimeError(f'uid={os.getuid()}=')")
    report = tmp_path / "report.json"
    write_case(tmp_path / "s", "linear_regression", source, {}, report)
    _, _, data = grade(tmp_path / "s", ["linear_regression"], report)
    uid = int(data["lessons"][0]["error"].split("uid=")[1].split("=")[0])
    if os.geteuid() == 0:
        assert uid != 0
    else:
        assert uid == os.getuid()
