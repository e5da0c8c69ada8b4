"""Benchmark: what isolation costs. ``python -m grader.bench [--repeat N] [LESSON ...]``

For each lesson, and for all lessons in one run, it grades the references with the real CLI
in a fresh process, alternating ``--isolation worker`` and ``--isolation none`` so that both
see the same machine, and reports the median wall time of each, the difference (the
overhead of the worker) and the ratio. Both modes pay the same start-up (Python, pytest,
scikit-learn), so the difference is the worker's cost: its start, its imports and the
round trips of every call.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

from . import catalogue


def _time(lessons: list[str], isolation: str) -> float:
    command = [sys.executable, "-m", "grader", "grade", *lessons, "--impl", "solutions",
               "--isolation", isolation, "--format", "json"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, cwd=catalogue.ROOT)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"grading {lessons} failed: {done.stderr.decode()[-300:]}")
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.bench", description=__doc__.split("\n")[0])
    parser.add_argument("lessons", nargs="*")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    slugs = [lesson.slug for lesson in catalogue.find(args.lessons)]
    cases = [[slug] for slug in slugs] + ([slugs] if len(slugs) > 1 else [])
    print(f"{'lessons':32} {'none (s)':>9} {'worker (s)':>10} {'overhead (s)':>13} {'ratio':>6}")
    for lessons in cases:
        times = {"none": [], "worker": []}
        for _ in range(args.repeat):
            for isolation in ("none", "worker"):  # alternate: both see the same machine state
                times[isolation].append(_time(lessons, isolation))
        plain, isolated = (statistics.median(times[k]) for k in ("none", "worker"))
        name = lessons[0] if len(lessons) == 1 else f"all {len(lessons)} together"
        print(f"{name:32} {plain:9.2f} {isolated:10.2f} {isolated - plain:13.2f} "
              f"{isolated / plain:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
