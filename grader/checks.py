"""A lesson's checks: its test functions with their points, and the public part of its tests.

Every test carries ``@pytest.mark.points(n)``; a few per lesson also carry
``@pytest.mark.public``. The public checks ship with the student release and run in the
learner's notebook; the rest stay hidden, with the instructor. :func:`public_source` cuts a
test module down to its public tests (helpers and fixtures stay: they hold data, not
answers), and drops the module's description of the mistakes its tests catch.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

from .catalogue import Lesson

SPEED_TEST = "test_speed"  # the test grader.speed adds for a lesson with speed points
PUBLIC_HEADER = "Public checks of the lesson"  # how public_source's module starts


def is_public(source: str) -> bool:
    """Whether a test module's source is :func:`public_source`'s cut (no hidden test)."""
    return source.startswith(f'"""{PUBLIC_HEADER} ')


@dataclass(frozen=True)
class Check:
    name: str  # the test function
    points: int  # summed over its parameters
    public: bool


def _marker(node: ast.FunctionDef, name: str):
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if ast.unparse(target) == f"pytest.mark.{name}":
            return decorator
    return None


def register_markers(config) -> None:
    """The course's markers, for every pytest session that runs its tests (the plugin, a
    notebook's kernel, the collection here)."""
    config.addinivalue_line("markers", "points(n): the number of points a test is worth")
    config.addinivalue_line("markers", "public: a check that ships with the student release "
                            "(see grader/checks.py)")


class _Collect:
    def __init__(self):
        self.items = []

    def pytest_configure(self, config):
        register_markers(config)

    def pytest_collection_finish(self, session):
        for item in session.items:
            marker = item.get_closest_marker("points")
            points = marker.args[0] if marker and marker.args else 0
            self.items.append((Path(str(item.path)).stem, getattr(item, "originalname", item.name),
                               points, item.get_closest_marker("public") is not None))


def checks(lessons: list[Lesson]) -> dict[str, list[Check]]:
    """Each lesson's test functions in file order, as pytest collects them (without
    the course's conftest, so that no implementation is opened), then ``test_speed`` for a
    lesson whose catalogue entry gives speed points (the grader adds that test; hidden, since it
    times against the reference, which a student copy does not hold)."""
    collect = _Collect()
    log = io.StringIO()
    with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        code = pytest.main([str(lesson.tests) for lesson in lessons]
                           + ["--collect-only", "-q", "--noconftest", "-p", "no:cacheprovider"],
                           plugins=[collect])
    if code != 0:
        raise ValueError(f"the tests could not be collected:\n{log.getvalue()[-2000:]}")
    found = {lesson.slug: {} for lesson in lessons}
    for module, name, points, public in collect.items:
        slug = module[len("test_"):]
        before = found[slug].get(name, Check(name, 0, public))
        found[slug][name] = Check(name, before.points + points, before.public or public)
    for lesson in lessons:
        if lesson.speed_points:
            found[lesson.slug][SPEED_TEST] = Check(SPEED_TEST, lesson.speed_points, False)
    return {slug: list(by_name.values()) for slug, by_name in found.items()}


def public_source(lesson: Lesson) -> str:
    """The lesson's test module without its hidden tests and its list of mistakes."""
    source = lesson.tests.read_text(encoding="utf-8")
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    drop = set()

    def cut(node):
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
        while first > 0 and lines[first - 1].lstrip().startswith("#"):
            first -= 1  # the comment that introduces it goes with it
        drop.update(range(first, node.end_lineno))

    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            if _marker(node, "public") is None:
                cut(node)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id.endswith("MISTAKES") for t in targets):
                cut(node)
        elif (node is tree.body[0] and isinstance(node, ast.Expr)
              and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            drop.update(range(node.lineno - 1, node.end_lineno))
    kept = "".join(line for number, line in enumerate(lines) if number not in drop)
    header = (f'"""{PUBLIC_HEADER} {lesson.slug!r}: the tests that ship with the course\'s '
              f'student copy.\n\nThe other tests of this lesson are graded by the instructor."""\n')
    return header + re.sub(r"\n{4,}", "\n\n\n", kept).lstrip("\n")
