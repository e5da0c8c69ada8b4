"""Classic learner mistakes, graded end to end: partial marks and a message that names the mistake.

Each lesson's test module ends with ``MISTAKES``, a list of ``(what, old, new, words)``: the
reference with ``old`` replaced by ``new`` (first occurrence) is a plausible wrong submission.
Graded with the real CLI in the worker, it must score more than 0 and less than full marks,
and one of its failure messages must contain ``words``. The r-th mistakes of all lessons are
graded together, in one run per round.
"""

from __future__ import annotations

import ast
import json

import pytest
from test_cli import grader

from grader import catalogue

LESSONS = catalogue.load()


def constant(lesson: catalogue.Lesson, name: str, default):
    """A constant of the lesson's test module, read without importing the module."""
    if not lesson.tests.is_file():  # reported by test_course.py
        return default
    for node in ast.parse(lesson.tests.read_text()).body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [name]:
            return ast.literal_eval(node.value)
    return default


MISTAKES = {lesson.slug: [tuple(entry) for entry in constant(lesson, "MISTAKES", [])] for lesson in LESSONS}
# A lesson whose tests depend on a few interchangeable parts (the activations of a network) names one
# wrong version of each: {part: (old, new)}; exactly the tests whose name contains the part must fail.
PARTS = [(lesson, part, change) for lesson in LESSONS
         for part, change in constant(lesson, "DERIVATIVE_MISTAKES", {}).items()]
ROUNDS = max((len(m) for m in MISTAKES.values()), default=0)


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.slug for lesson in LESSONS])
def test_every_lesson_names_a_classic_mistake_that_applies(lesson):
    entries = MISTAKES[lesson.slug]
    assert entries, f"{lesson.tests.name} has no MISTAKES"
    source = lesson.solution.read_text()
    for what, old, new, words in entries:
        assert old in source, f"{lesson.slug}, {what!r}: {old!r} is not in the reference"
        assert old != new and words, f"{lesson.slug}, {what!r}: not a change, or no words to look for"


@pytest.mark.parametrize("round_", range(ROUNDS), ids=[f"round{r + 1}" for r in range(ROUNDS)])
def test_each_mistake_costs_points_and_is_named(round_, tmp_path):
    wrong = {slug: entries[round_] for slug, entries in MISTAKES.items() if len(entries) > round_}
    # A lesson that builds on others (catalogue `uses`) is graded in its own directory, beside
    # their references, so that only its own mistake is in play.
    directories = {}
    for lesson in LESSONS:
        if lesson.slug in wrong:
            where = tmp_path / lesson.slug if lesson.uses else tmp_path
            where.mkdir(exist_ok=True)
            for used in lesson.uses:
                (where / f"{used}.py").write_text((catalogue.ROOT / "solutions" / f"{used}.py").read_text())
            _, old, new, _ = wrong[lesson.slug]
            (where / f"{lesson.slug}.py").write_text(lesson.solution.read_text().replace(old, new, 1))
            directories.setdefault(where, []).append(lesson.slug)
    entries = {}
    for where, slugs in directories.items():
        done = grader("grade", *slugs, "--impl", str(where), "--format", "json")
        entries.update({entry["lesson"]: entry for entry in json.loads(done.stdout)["lessons"]})
    problems = []
    for slug, (what, _, _, words) in wrong.items():
        entry = entries[slug]
        messages = [t["message"] for t in entry["tests"] if t["status"] != "passed"]
        if not 0 < entry["score"] < entry["max_score"]:
            problems.append(f"{slug}, {what}: scored {entry['score']}/{entry['max_score']}")
        elif not any(words in m for m in messages):
            problems.append(f"{slug}, {what}: no failure message contains {words!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lesson, part, change", PARTS, ids=[f"{lesson.slug}-{p}" for lesson, p, _ in PARTS])
def test_a_wrong_part_loses_exactly_the_points_that_depend_on_it(lesson, part, change, tmp_path):
    old, new = change
    source = lesson.solution.read_text()
    assert old in source, f"{lesson.slug}, {part}: {old!r} is not in the reference"
    (tmp_path / f"{lesson.slug}.py").write_text(source.replace(old, new, 1))
    done = grader("grade", lesson.slug, "--impl", str(tmp_path), "--format", "json")
    [entry] = json.loads(done.stdout)["lessons"]
    failed = {t["name"] for t in entry["tests"] if t["status"] != "passed"}
    depends = {t["name"] for t in entry["tests"] if part in t["name"]}
    assert depends, f"no test of {lesson.slug} names {part!r}"
    assert failed == depends, (f"failed but independent of {part}: {sorted(failed - depends)}; "
                               f"dependent but passed: {sorted(depends - failed)}")
    lost = entry["max_score"] - entry["score"]
    assert lost == sum(t["max_score"] for t in entry["tests"] if part in t["name"])
