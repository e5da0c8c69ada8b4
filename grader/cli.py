"""The ``grader`` command.

    grader                                   same as `grader list`
    grader list [--impl WHERE] [--jobs N]    every lesson: title, track, status, score
    grader check LESSON [--impl WHERE]       one lesson, test by test; exit 0 only on full marks
    grader grade [LESSON ...] [--impl WHERE] [--jobs N] [--format FORMAT] [--output FILE]
                 [--report FORMAT=FILE ...] [--min-score X] [--tests-from COURSE]
    grader batch SUBMISSIONS [LESSON ...] [--jobs N] [--output CSV] [--tests-from COURSE]
    grader bench [LESSON ...] [--impl WHERE] [--format text|json|markdown] [--repeat N] [--size N]
                                             time and memory against the library baseline
    grader notebook [LESSON ...] [--impl WHERE] [--out DIR]   a Jupyter notebook per lesson
    grader nbgrader COURSE_DIR [LESSON ...]  an nbgrader course made from the lessons (instructors)
    grader release OUT_DIR                   the student copy: no reference, no hidden test (instructors)
    grader stubs [--check]                   regenerate exercises/ from solutions/ (course developers)
    grader figures [LESSON ...]              redraw the lessons' figures (course developers)
    grader manifest [--check]                rewrite MANIFEST.sha256 (course developers)

Exit status: 0 full marks or at least --min-score (or success), 1 short of it (or stale
stubs or manifest, or a submission whose tests differ from the course's under --tests-from),
2 usage error (unknown lesson, missing directory), 3 the grader itself failed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import sys
from pathlib import Path

from . import catalogue, manifest, report, stubs

USAGE_ERROR, INTERNAL_ERROR = 2, 3
# Lessons graded at once by `grader list` and `grader grade`: one process per core, at most 4
# (beyond that the machine's memory, not its cores, tends to run out first).
DEFAULT_JOBS = max(1, min(os.cpu_count() or 1, 4))


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2, no usage dump
        raise catalogue.UsageError(f"{message} (see `grader --help`)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="grader", description="Grade the course's exercises.")
    commands = parser.add_subparsers(dest="command")

    def impl_options(p):
        p.add_argument("--impl", default="exercises", metavar="WHERE",
                       help="exercises (default), solutions, or a directory of <lesson>.py files")
        p.add_argument("--isolation", default="worker", choices=("worker", "none"),
                       help="run the implementation in a limited worker process (default) "
                            "or in the grader's own process (trusted code only)")
        p.add_argument("--limit", action="append", default=[], metavar="NAME=VALUE",
                       help="override a worker limit for every lesson, e.g. call_seconds=30")

    def jobs_option(p):
        p.add_argument("--jobs", type=int, default=DEFAULT_JOBS, metavar="N",
                       help=f"lessons graded at once (default {DEFAULT_JOBS}: this machine's cores, "
                            "at most 4)")

    listing = commands.add_parser("list", help="the lessons, their status and score")
    impl_options(listing)
    jobs_option(listing)
    check = commands.add_parser("check", help="grade one lesson, test by test")
    check.add_argument("lesson")
    impl_options(check)
    check.add_argument("--no-speed", dest="speed", action="store_false",
                       help="skip the speed note after the tests (a lesson whose catalogue "
                            "entry gives speed points still runs its test_speed)")
    grade = commands.add_parser("grade", help="grade several lessons (default all)")
    grade.add_argument("lessons", nargs="*", metavar="LESSON")
    impl_options(grade)
    jobs_option(grade)
    grade.add_argument("--format", default="text", choices=tuple(report.FORMATS),
                       help="text (default), json, gradescope, junit or github")
    grade.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    grade.add_argument("--report", action="append", default=[], metavar="FORMAT=FILE",
                       help="also write the same run's report in FORMAT to FILE; may be repeated")
    grade.add_argument("--min-score", metavar="X",
                       help="exit 0 when the score is at least X points, or X%% of the maximum")
    grade.add_argument("--tests-from", metavar="COURSE",
                       help="grade with the hidden tests of this pristine copy of the course "
                            "(a directory or git checkout); only --impl comes from here")
    batch = commands.add_parser("batch", help="grade a directory of submissions in parallel")
    batch.add_argument("submissions", metavar="SUBMISSIONS")
    batch.add_argument("lessons", nargs="*", metavar="LESSON")
    batch.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N")
    batch.add_argument("--output", default="grades.csv", metavar="CSV")
    batch.add_argument("--reports", metavar="DIR", help="one JSON report per submission "
                       "(default: a directory beside the CSV)")
    batch.add_argument("--tests-from", metavar="COURSE", help="as for grade (default: this course)")
    batch.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                       help="wall time allowed per submission (default: from the lessons' limits)")
    bench = commands.add_parser("bench", help="time each lesson's benchmark against its baseline")
    bench.add_argument("lessons", nargs="*", metavar="LESSON")
    bench.add_argument("--impl", default="solutions", metavar="WHERE",
                       help="solutions (default), exercises, or a directory of <lesson>.py files")
    bench.add_argument("--format", default="text", choices=("text", "json", "markdown"))
    bench.add_argument("--repeat", type=int, default=3, metavar="N", help="repetitions (median; default 3)")
    bench.add_argument("--size", type=int, metavar="N", help="n for every lesson (default: each case's)")
    notebook = commands.add_parser("notebook", help="write a Jupyter notebook per lesson")
    notebook.add_argument("lessons", nargs="*", metavar="LESSON")
    notebook.add_argument("--impl", default="exercises", metavar="WHERE",
                          help="the code to put in the notebooks: exercises (default), solutions "
                               "or a directory of <lesson>.py files")
    notebook.add_argument("--out", default="notebooks", metavar="DIR",
                          help="writes DIR/<lesson>/<lesson>.ipynb (default: notebooks)")
    nbgrader = commands.add_parser("nbgrader", help="write an nbgrader course from the lessons")
    nbgrader.add_argument("course", metavar="COURSE_DIR")
    nbgrader.add_argument("lessons", nargs="*", metavar="LESSON")
    release = commands.add_parser("release", help="write the student copy of the course")
    release.add_argument("out", metavar="OUT_DIR")
    sync = commands.add_parser("stubs", help="regenerate exercises/ from solutions/")
    sync.add_argument("--check", action="store_true", help="only report stale stubs (exit 1)")
    figures = commands.add_parser("figures", help="redraw the lessons' figures")
    figures.add_argument("lessons", nargs="*", metavar="LESSON")
    digests = commands.add_parser("manifest", help=f"rewrite {manifest.NAME} from the course's files")
    digests.add_argument("--check", action="store_true", help="only report whether it is current (exit 1)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        command = args.command or "list"
        if command == "list" and args.command is None:
            args.impl, args.isolation, args.limit = "exercises", "worker", []
            args.jobs = DEFAULT_JOBS
        return COMMANDS[command](args)
    except catalogue.UsageError as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except (catalogue.CatalogueError, stubs.StubError) as exc:
        print(f"grader: the course is inconsistent: {exc}", file=sys.stderr)
        return INTERNAL_ERROR
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return INTERNAL_ERROR
    except BrokenPipeError:  # `grader grade | head`: the reader left; nothing more to say
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # noqa: BLE001 - never a traceback from the grader
        print(f"grader: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return INTERNAL_ERROR


def run(lessons: list[catalogue.Lesson], impl: str, isolation: str,
        limits=(), jobs: int = 1) -> list[report.LessonResult]:
    """Run the lessons' hidden tests through the pytest plugin and collect the results.

    With ``jobs > 1`` the lessons are shared out, one at a time, among that many processes, each
    running pytest on one lesson after another (the learner's code is still in a worker per
    lesson); the results come back in the lessons' order.
    """
    impl_dir = catalogue.resolve_impl(impl)
    _check_limits(limits)
    if jobs > 1 and len(lessons) > 1:
        return _run_parallel(lessons, impl_dir, isolation, limits, jobs)
    import pytest


    class Collector:
        grading = None

        def pytest_sessionfinish(self, session):
            from .plugin import GRADING

            self.grading = session.config.stash.get(GRADING, None)

    collector = Collector()
    present = [lesson for lesson in lessons if lesson.tests.is_file()]
    missing = {lesson.slug: f"{lesson.tests} is missing (a course bug)"
               for lesson in lessons if lesson not in present}
    if not present:
        return [report.LessonResult.of(lesson.slug, [], missing[lesson.slug], lesson.points)
                for lesson in lessons]
    root = lessons[0].root if lessons else catalogue.ROOT
    args = [str(lesson.tests) for lesson in present] + [
        "-p", "grader.plugin", "--impl", str(impl_dir), "--isolation", isolation,
        "--rootdir", str(root), "-c", str(root / "pyproject.toml"),
        "--import-mode=importlib", "-p", "no:cacheprovider", "-q", "-W", "ignore",
    ]
    for text in limits:
        args += ["--limit", text]
    captured = io.StringIO()
    with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
        code = pytest.main(args, plugins=[collector])
    if collector.grading is None or code in (
        pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.INTERRUPTED
    ):
        lines = [line for line in captured.getvalue().splitlines() if line.strip()]
        raise RuntimeError(f"the tests could not run ({code!r}): {lines[-1] if lines else ''}")
    collector.grading.errors.update(missing)
    return collector.grading.results([lesson.slug for lesson in lessons])


def _run_parallel(lessons, impl_dir: Path, isolation: str, limits, jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, not fork: portable, and no copy of a process that may hold threads or open workers.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(lessons)), mp_context=context)
    try:
        futures = [pool.submit(run, [lesson], str(impl_dir), isolation, list(limits))
                   for lesson in lessons]
        return [future.result()[0] for future in futures]
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _jobs(args) -> int:
    jobs = getattr(args, "jobs", 1)
    if jobs < 1:
        raise catalogue.UsageError(f"--jobs must be at least 1, not {jobs}")
    return jobs


def _check_limits(limits) -> None:
    from .sandbox import Limits

    try:
        Limits.parse(limits)
    except ValueError as exc:
        raise catalogue.UsageError(str(exc)) from None


def _list(args) -> int:
    lessons = catalogue.find(None)
    _self_check()
    results = run(lessons, args.impl, args.isolation, args.limit, _jobs(args))
    print(report.table(results, {lesson.slug: lesson for lesson in lessons}))
    return 0


def _check(args) -> int:
    [lesson] = catalogue.find([args.lesson])
    _self_check()
    note = None
    if args.isolation == "worker" and args.speed:
        from . import speed

        # Its workers start now and are ready when the tests end.
        note = speed.Note(lesson, catalogue.resolve_impl(args.impl), lesson.root / "solutions")
    try:
        [result] = run([lesson], args.impl, args.isolation, args.limit)
        print(report.details(result, lesson.title, lesson.hints))
        text = note.text() if note and result.error is None and result.score > 0 else None
        if text:  # a note, not points
            print(text)
    finally:
        if note:
            note.close()
    return 0 if _full(result) else 1


def _grade(args) -> int:
    extra = [_report_target(text) for text in args.report]
    min_score = _min_score(args.min_score)
    if args.tests_from:
        course = _pristine(args.tests_from)
        lessons = catalogue.find(args.lessons, root=course)
        submission = _submission_root()
        impl = catalogue.resolve_impl(args.impl, root=submission)
        expected = manifest.read(course)
        is_checkout = (submission / catalogue.CATALOGUE).is_file()
        integrity = manifest.differences(submission, expected) if is_checkout else []
    else:
        lessons = catalogue.find(args.lessons)
        impl, integrity = args.impl, _self_check()
    results = run(lessons, impl, args.isolation, args.limit, _jobs(args))
    graded = report.Report(results, {lesson.slug: lesson for lesson in lessons}, integrity,
                           impl=_shown(args.impl))
    for fmt, path in extra:
        _write_atomically(path, report.FORMATS[fmt](graded).rstrip("\n") + "\n")
    text = report.FORMATS[args.format](graded)
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if args.format == "github" and step_summary and not args.output:
        # Inside GitHub Actions: annotations on stdout, the summary appended to the job's page.
        text = report.annotations(graded)
        try:
            with open(step_summary, "a", encoding="utf-8") as handle:
                handle.write(report.summary(graded))
        except OSError as exc:
            raise catalogue.UsageError(
                f"cannot write GITHUB_STEP_SUMMARY {step_summary}: {exc.strerror}") from None
    if args.output:
        _write_atomically(Path(args.output), text.rstrip("\n") + "\n")
    else:
        print(text.rstrip("\n"))
    if args.tests_from and integrity:
        print(f"grader: graded with the tests of {args.tests_from}: this checkout's copy differs from "
              f"the course's ({integrity[0]}{' and more' if len(integrity) > 1 else ''})", file=sys.stderr)
        return 1
    if min_score is not None:
        value, percent = min_score
        return 0 if graded.score >= (value / 100 * graded.max_score if percent else value) else 1
    return 0 if all(_full(r) for r in results) else 1


def _batch(args) -> int:
    from . import batch

    course = _pristine(args.tests_from) if args.tests_from else catalogue.ROOT
    lessons = catalogue.find(args.lessons, root=course)
    summary = batch.grade_all(Path(args.submissions), lessons, jobs=_jobs(args), csv_path=Path(args.output),
                              reports=Path(args.reports) if args.reports else None,
                              tests_from=args.tests_from, timeout=args.timeout)
    print(summary)
    return 0


def _manifest(args) -> int:
    path = catalogue.ROOT / manifest.NAME
    current = manifest.build(catalogue.ROOT)
    if path.is_file() and path.read_text(encoding="utf-8") == current:
        return 0
    if args.check:
        print(f"stale: {manifest.NAME} (run `grader manifest`)")
        return 1
    _write_atomically(path, current)
    print(f"wrote: {manifest.NAME}")
    return 0


def _report_target(text: str) -> tuple[str, Path]:
    fmt, sep, path = text.partition("=")
    if not sep or fmt not in report.FORMATS or not path:
        raise catalogue.UsageError(
            f"--report {text!r}: expected FORMAT=FILE with FORMAT one of {', '.join(report.FORMATS)}")
    return fmt, Path(path)


def _min_score(text: str | None) -> tuple[float, bool] | None:
    """``--min-score``: (points, False), or (a percentage of the maximum, True)."""
    if text is None:
        return None
    percent = text.endswith("%")
    try:
        value = float(text[:-1] if percent else text)
    except ValueError:
        value = float("nan")
    if not value >= 0 or (percent and value > 100) or value == float("inf"):
        raise catalogue.UsageError(
            f"--min-score {text!r}: give points (e.g. 300) or a percentage (e.g. 80%)")
    return value, percent


def _pristine(where: str) -> Path:
    """The trusted copy of the course named by ``--tests-from``: it must match its manifest."""
    course = Path(where).expanduser().resolve()
    if not (course / catalogue.CATALOGUE).is_file():
        raise catalogue.UsageError(f"--tests-from {where!r} is not a copy of the course "
                                   f"(no {catalogue.CATALOGUE})")
    expected = manifest.read(course)
    if expected is None:
        raise catalogue.UsageError(f"--tests-from {where!r} has no {manifest.NAME}")
    changed = manifest.differences(course, expected)
    if changed:
        raise catalogue.UsageError(f"--tests-from {where!r} is not pristine: {changed[0]}")
    return course


def _submission_root() -> Path:
    """The learner's checkout: the nearest directory up from here holding the course."""
    return catalogue.checkout_of(Path.cwd()) or Path.cwd()


def _self_check() -> list[str]:
    """Self-grading: warn (once per run, on stderr) about files that differ from the manifest."""
    expected = manifest.read(catalogue.ROOT)
    if expected is None:
        return []
    changed = manifest.differences(catalogue.ROOT, expected)
    if changed:
        more = f" (and {len(changed) - 1} more)" if len(changed) > 1 else ""
        print(f"grader: warning: {changed[0]}{more}, says {manifest.NAME}; "
              "a grade in CI uses the course's copy", file=sys.stderr)
    return changed


def _shown(impl: str) -> str:
    """How a report names the graded directory: as given, relative when it can be."""
    path = Path(impl)
    if not path.is_absolute():
        return impl
    with contextlib.suppress(ValueError):
        return path.relative_to(Path.cwd()).as_posix()
    return impl


def _bench(args) -> int:
    import json
    import math

    from . import speed
    from .sandbox import ImplementationError, LearnerError, WorkerError

    if args.repeat < 1 or (args.size is not None and args.size < 4):
        raise catalogue.UsageError("--repeat must be at least 1 and --size at least 4")
    lessons = catalogue.find(args.lessons)
    impl_dir = catalogue.resolve_impl(args.impl)
    rows, failed = [], 0
    if args.format == "text":
        print(f"{'lesson':22} {'n':>8} {'impl s':>8} {'baseline s':>10} {'ratio':>6} {'exp':>5} "
              f"{'base exp':>8} {'impl MB':>8} {'base MB':>8}  baseline")
    for lesson in lessons:
        try:
            figures = speed.measure(lesson, impl_dir, args.size, args.repeat)
            row = {**figures.as_dict(), "track": lesson.track, "error": None}
        except (ImplementationError, LearnerError, WorkerError, NotImplementedError) as exc:
            failed += 1
            row = {"lesson": lesson.slug, "track": lesson.track, "error": str(exc).splitlines()[0][:300]}
        rows.append(row)
        if args.format == "text":
            if row["error"]:
                print(f"{lesson.slug:22} could not be timed: {row['error']}")
                continue
            print(f"{lesson.slug:22} {row['size']:8d} {row['impl_seconds']:8.3f}"
                  f" {row['baseline_seconds']:10.3f} {row['ratio']:6.2f} {_exponent(row['impl_exponent']):>5}"
                  f" {_exponent(row['baseline_exponent']):>8}"
                  f" {row['impl_peak_mb']:8.1f} {row['baseline_peak_mb']:8.1f}  {row['baseline_name']}",
                  flush=True)

    def summary(selected):
        ratios = [r["ratio"] for r in selected if not r["error"] and math.isfinite(r["ratio"])]
        return {"median_ratio": round(statistics.median(ratios), 3) if ratios else None,
                "max_ratio": round(max(ratios), 3) if ratios else None, "timed": len(ratios)}

    def by(key):
        return {value: summary([r for r in rows if r.get(key) == value])
                for value in dict.fromkeys(r.get(key) for r in rows) if value is not None}

    tracks, baselines, overall = by("track"), by("baseline_name"), summary(rows)
    groups = {**tracks, **{f"against {name}": f for name, f in baselines.items()}, "all lessons": overall}
    if args.format == "json":
        print(json.dumps({"impl": _shown(args.impl), "repeat": args.repeat,
                          "median_ratio": overall["median_ratio"], "max_ratio": overall["max_ratio"],
                          "tracks": tracks, "baselines": baselines, "lessons": rows}, indent=1))
    elif args.format == "markdown":
        print(_bench_markdown(rows, groups))
    else:
        print()
        for name, figures in groups.items():
            print(f"{name}: median ratio {figures['median_ratio']}, largest {figures['max_ratio']} "
                  f"({figures['timed']} timed)")
        if failed:
            print(f"{failed} could not be timed")
    return 1 if failed else 0


def _exponent(value) -> str:
    return "-" if value is None else f"{value:.2f}"


def _bench_markdown(rows, groups) -> str:
    lines = ["| lesson | n | reference | baseline | ratio | exponents | peak MB | what is timed |",
             "|---|---:|---:|---:|---:|---|---|---|"]
    for r in rows:
        if r["error"]:
            lines.append(f"| {r['lesson']} | | | | | | | could not be timed: {r['error']} |")
            continue
        lines.append(
            f"| {r['lesson']} | {r['size']:,} | {r['impl_seconds']:.3f} s | {r['baseline_seconds']:.3f} s "
            f"({r['baseline_name']}) | {r['ratio']:.2f} | {_exponent(r['impl_exponent'])} / "
            f"{_exponent(r['baseline_exponent'])} | {r['impl_peak_mb']:.0f} / {r['baseline_peak_mb']:.0f} | "
            f"{r['what'].replace('|', '/')} |")
    lines.append("")
    for name, figures in groups.items():
        count = figures["timed"]
        lines.append(f"- {name}: median ratio {figures['median_ratio']}, largest {figures['max_ratio']} "
                     f"({count} lesson{'' if count == 1 else 's'}).")
    return "\n".join(lines)


def _notebook(args) -> int:
    from . import notebook

    lessons = catalogue.find(args.lessons)
    impl_dir = catalogue.resolve_impl(args.impl)
    for lesson in lessons:
        print(f"wrote {notebook.write_learner(lesson, impl_dir, Path(args.out))}")
    return 0


def _nbgrader(args) -> int:
    from . import notebook

    lessons = catalogue.find(args.lessons)
    course = Path(args.course)
    try:
        written = notebook.write_course(lessons, course)
    except OSError as exc:
        raise catalogue.UsageError(f"cannot write the course into {course}: {exc.strerror}") from None
    for path in written:
        print(f"wrote {path}")
    print(f"next, in {course}: nbgrader generate_assignment LESSON, then release, collect, "
          "nbgrader autograde LESSON, nbgrader generate_feedback LESSON (README: 'Notebooks and nbgrader')")
    return 0


def _release(args) -> int:
    from . import release

    out = Path(args.out)
    try:
        lessons = release.build(out)
    except OSError as exc:
        raise catalogue.UsageError(f"cannot write the student copy into {out}: {exc.strerror}") from None
    print(f"wrote the student copy of {len(lessons)} lessons to {out}: no reference solution and no "
          "hidden test in it (checked)")
    return 0


def _stubs(args) -> int:
    stale, problems = stubs.sync(catalogue.load(), check=args.check)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(catalogue.ROOT)}")
    for problem in problems:
        print(f"grader: the course is inconsistent: {problem}", file=sys.stderr)
    return INTERNAL_ERROR if problems else 1 if (args.check and stale) else 0


def _figures(args) -> int:
    os.environ["MPLBACKEND"] = "Agg"
    for lesson in catalogue.find(args.lessons):
        module = catalogue.load_figures(lesson)
        out_dir = lesson.dir / "figures"
        out_dir.mkdir(exist_ok=True)
        for draw in module.FIGURES:  # each draws one file into out_dir and returns its path
            print(f"drew {draw(out_dir).relative_to(catalogue.ROOT)}")
    return 0


def _full(result: report.LessonResult) -> bool:
    return result.error is None and bool(result.tests) and result.score == result.max_score


def _write_atomically(path: Path, text: str) -> None:
    try:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise catalogue.UsageError(f"cannot write --output {path}: {exc.strerror}") from None


COMMANDS = {"list": _list, "check": _check, "grade": _grade, "batch": _batch, "bench": _bench,
            "notebook": _notebook,
            "nbgrader": _nbgrader, "release": _release, "stubs": _stubs, "figures": _figures,
            "manifest": _manifest}

if __name__ == "__main__":
    raise SystemExit(main())
