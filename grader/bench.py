"""Benchmarks of the grader itself.

``python -m grader.bench [--repeat N] [LESSON ...]``: what isolation costs.
``python -m grader.bench --latency [--repeat N] [LESSON]``: how long a learner waits: the median
wall time of `grader check LESSON` (with and without the speed note) and of `grader grade` over
the whole course (with the default ``--jobs`` and with one process), on the references, and of
nbgrader's `autograde` of the same lesson's notebook when nbgrader is installed.
``python -m grader.bench --batch [--sizes 8 16 32] [--jobs 2] [LESSON ...]``: how `grader batch`
scales with the number of submissions (copies of the references), as seconds per submission
and their ratio to the smallest class: 1.00 throughout is linear scaling.

Each lesson's hidden tests run on the reference, in a fresh process each time, alternating
``--isolation worker`` and ``--isolation none`` so that both see the same machine. Two
figures per mode, medians over the repetitions:

- *tests*: the time of the lesson's tests themselves (the sum of pytest's per-test
  durations: set-up, call, tear-down), which includes waiting for the worker to start and
  import the module, and every round trip to it;
- *run*: the wall time of the whole process, which adds Python, pytest and scikit-learn
  starting up (the same in both modes, and noisy).

The overhead is the difference worker - none; the ratio is worker / none.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from . import catalogue


def _measure(lesson: catalogue.Lesson, isolation: str) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "junit.xml"
        command = [sys.executable, "-m", "pytest", str(lesson.tests), "-p", "grader.plugin",
                   "--impl", "solutions", "--isolation", isolation, "-q", "-p", "no:cacheprovider",
                   "--junitxml", str(junit), "-o", "junit_duration_report=total"]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, cwd=catalogue.ROOT)
        run = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"{lesson.slug} failed with --isolation {isolation}:\n"
                             f"{done.stdout.decode()[-1500:]}")
        tests = sum(float(case.get("time", 0)) for case in ElementTree.parse(junit).iter("testcase"))
    return tests, run


def batch_scaling(lessons: list[catalogue.Lesson], sizes: list[int], jobs: int) -> None:
    print(f"grader batch --jobs {jobs}, lessons: {' '.join(lesson.slug for lesson in lessons)}")
    print(f"{'submissions':>11} {'wall s':>8} {'s/submission':>13} {'vs first':>9}")
    first = None
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            for i in range(size):
                where = Path(tmp) / "class" / f"learner{i:03d}"
                where.mkdir(parents=True)
                for lesson in lessons:
                    (where / f"{lesson.slug}.py").write_text(lesson.solution.read_text())
            command = [sys.executable, "-m", "grader", "batch", str(Path(tmp) / "class"),
                       *(lesson.slug for lesson in lessons), "--jobs", str(jobs),
                       "--output", str(Path(tmp) / "grades.csv")]
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, cwd=catalogue.ROOT)
            wall = time.perf_counter() - started
            if done.returncode != 0 or f"mean {sum(x.points for x in lessons)}.0/" not in done.stdout:
                raise SystemExit(f"grader batch failed: {done.stdout}{done.stderr}")
        per = wall / size
        first = first or per
        print(f"{size:11d} {wall:8.1f} {per:13.2f} {per / first:9.2f}")


def _wall(command: list[str], cwd: Path, env=None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
    return wall


def latency(lesson: catalogue.Lesson, repeat: int) -> None:
    """The learner's wait: `grader check`, `grader grade` of the course, nbgrader's autograde."""
    import json
    import os

    grader = [sys.executable, "-m", "grader"]
    check = grader + ["check", lesson.slug, "--impl", "solutions"]
    grade = grader + ["grade", "--impl", "solutions"]
    rows = [(f"grader check {lesson.slug}", [check]),
            (f"grader check {lesson.slug} --no-speed", [check + ["--no-speed"]]),
            ("grader grade (the whole course)", [grade]),
            ("grader grade --jobs 1", [grade + ["--jobs", "1"]])]
    with tempfile.TemporaryDirectory() as tmp:
        env = None
        try:
            import nbgrader  # noqa: F401 - the optional extra
        except ImportError:
            print("(nbgrader is not installed: pip install -e '.[nbgrader]' to compare with it)")
        else:
            course = Path(tmp) / "course"
            env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
            _wall(grader + ["nbgrader", str(course), lesson.slug], catalogue.ROOT)
            nb = [sys.executable, "-m", "nbgrader"]
            _wall(nb + ["generate_assignment", lesson.slug], course, env)
            released = course / "release" / lesson.slug / f"{lesson.slug}.ipynb"
            reference = {c["metadata"]["nbgrader"]["grade_id"]: c["source"] for c in
                         json.loads((course / "source" / lesson.slug / released.name).read_text())["cells"]}
            notebook = json.loads(released.read_text())
            for cell in notebook["cells"]:
                if cell["metadata"].get("nbgrader", {}).get("solution"):
                    cell["source"] = reference[cell["metadata"]["nbgrader"]["grade_id"]]
            submitted = course / "submitted" / "learner" / lesson.slug / released.name
            submitted.parent.mkdir(parents=True)
            submitted.write_text(json.dumps(notebook))
            rows.append((f"nbgrader autograde {lesson.slug}",
                         [nb + ["autograde", lesson.slug, "--create", "--force"]]))
        print(f"{'command':40} {'median s':>9} {'min s':>7}   ({repeat} runs each, alternating)")
        times = {name: [] for name, _ in rows}
        for _ in range(repeat):
            for name, (command,) in rows:
                cwd = course if command[2] == "nbgrader" else catalogue.ROOT
                times[name].append(_wall(command, cwd, env))
        for name, values in times.items():
            print(f"{name:40} {statistics.median(values):9.2f} {min(values):7.2f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.bench", description=__doc__.split("\n")[0])
    parser.add_argument("lessons", nargs="*")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--batch", action="store_true", help="measure `grader batch` scaling instead")
    parser.add_argument("--latency", action="store_true",
                        help="measure grader check, grader grade and nbgrader autograde instead")
    parser.add_argument("--sizes", type=int, nargs="+", default=[8, 16, 32])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.latency:
        latency(catalogue.find(args.lessons or ["linear_regression"])[0], args.repeat)
        return 0
    if args.batch:
        batch_scaling(catalogue.find(args.lessons or ["linear_regression"]), args.sizes, args.jobs)
        return 0
    print(f"{'lesson':22} {'tests: none':>11} {'worker':>7} {'overhead':>9} {'ratio':>6}"
          f" {'run: none':>10} {'worker':>7} {'ratio':>6}")
    for lesson in catalogue.find(args.lessons):
        times = {"none": [], "worker": []}
        for _ in range(args.repeat):
            for isolation in ("none", "worker"):  # alternate: both see the same machine state
                times[isolation].append(_measure(lesson, isolation))
        (tn, rn), (tw, rw) = (
            tuple(statistics.median(t[i] for t in times[k]) for i in (0, 1)) for k in ("none", "worker")
        )
        print(f"{lesson.slug:22} {tn:11.2f} {tw:7.2f} {tw - tn:9.2f} {tw / tn:6.2f}"
              f" {rn:10.2f} {rw:7.2f} {rw / rn:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
