"""The ``grader`` command.

    grader                                   same as `grader list`
    grader list [--impl WHERE]               every lesson: title, track, status, score
    grader check LESSON [--impl WHERE]       one lesson, test by test; exit 0 only on full marks
    grader grade [LESSON ...] [--impl WHERE] [--format text|json] [--output FILE]
    grader stubs [--check]                   regenerate exercises/ from solutions/ (course developers)
    grader figures [LESSON ...]              redraw the lessons' figures (course developers)

Exit status: 0 full marks (or success), 1 short of full marks (or stale stubs),
2 usage error (unknown lesson, missing directory), 3 the grader itself failed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from pathlib import Path

from . import catalogue, report, stubs

USAGE_ERROR, INTERNAL_ERROR = 2, 3


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

    impl_options(commands.add_parser("list", help="the lessons, their status and score"))
    check = commands.add_parser("check", help="grade one lesson, test by test")
    check.add_argument("lesson")
    impl_options(check)
    grade = commands.add_parser("grade", help="grade several lessons (default all)")
    grade.add_argument("lessons", nargs="*", metavar="LESSON")
    impl_options(grade)
    grade.add_argument("--format", default="text", choices=("text", "json"))
    grade.add_argument("--output", metavar="FILE", help="write the report here instead of stdout")
    sync = commands.add_parser("stubs", help="regenerate exercises/ from solutions/")
    sync.add_argument("--check", action="store_true", help="only report stale stubs (exit 1)")
    figures = commands.add_parser("figures", help="redraw the lessons' figures")
    figures.add_argument("lessons", nargs="*", metavar="LESSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        command = args.command or "list"
        if command == "list" and args.command is None:
            args.impl, args.isolation, args.limit = "exercises", "worker", []
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
    except Exception as exc:  # noqa: BLE001 - never a traceback from the grader
        print(f"grader: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return INTERNAL_ERROR


def run(lessons: list[catalogue.Lesson], impl: str, isolation: str,
        limits=()) -> list[report.LessonResult]:
    """Run the lessons' hidden tests through the pytest plugin and collect the results."""
    import pytest

    impl_dir = catalogue.resolve_impl(impl)
    _check_limits(limits)

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
    args = [str(lesson.tests) for lesson in present] + [
        "-p", "grader.plugin", "--impl", str(impl_dir), "--isolation", isolation,
        "--rootdir", str(catalogue.ROOT), "-c", str(catalogue.ROOT / "pyproject.toml"),
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


def _check_limits(limits) -> None:
    from .sandbox import Limits

    try:
        Limits.parse(limits)
    except ValueError as exc:
        raise catalogue.UsageError(str(exc)) from None


def _list(args) -> int:
    lessons = catalogue.find(None)
    results = run(lessons, args.impl, args.isolation, args.limit)
    print(report.table(results, {lesson.slug: lesson for lesson in lessons}))
    return 0


def _check(args) -> int:
    [lesson] = catalogue.find([args.lesson])
    [result] = run([lesson], args.impl, args.isolation, args.limit)
    print(report.details(result, lesson.title, lesson.hints))
    return 0 if _full(result) else 1


def _grade(args) -> int:
    lessons = catalogue.find(args.lessons)
    results = run(lessons, args.impl, args.isolation, args.limit)
    if args.format == "json":
        text = report.as_json(results)
    else:
        text = report.table(results, {lesson.slug: lesson for lesson in lessons})
    if args.output:
        _write_atomically(Path(args.output), text + "\n")
    else:
        print(text)
    return 0 if all(_full(r) for r in results) else 1


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


COMMANDS = {"list": _list, "check": _check, "grade": _grade, "stubs": _stubs, "figures": _figures}

if __name__ == "__main__":
    raise SystemExit(main())
