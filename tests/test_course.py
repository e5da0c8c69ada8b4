"""The course is consistent: every lesson has its parts, stubs are generated, figures draw.

Grading the references (full marks) and the stubs (zero, every test reported) through the
real CLI is in test_cli.py.
"""

from __future__ import annotations

import importlib.util
import re

import pytest

from grader import catalogue, checks, stubs, testing

ROOT = catalogue.ROOT
LESSONS = catalogue.load()
IDS = [lesson.slug for lesson in LESSONS]


def test_catalogue_has_lessons_in_order():
    assert LESSONS, "the catalogue is empty"
    assert [lesson.order for lesson in LESSONS] == list(range(1, len(LESSONS) + 1))
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_every_lesson_has_its_parts(lesson):
    for path in (lesson.readme, lesson.figures, lesson.tests, lesson.solution, lesson.exercise):
        assert path.is_file(), f"{lesson.slug}: missing {path.relative_to(ROOT)}"
    drawn = lesson.dir / "figures"
    assert drawn.is_dir() and any(drawn.iterdir()), f"{lesson.slug}: no drawn figures committed"


def test_no_file_without_a_lesson():
    slugs = set(IDS)
    folders = {p.name for p in (ROOT / "lessons").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders <= slugs, f"lesson folders not in the catalogue: {sorted(folders - slugs)}"
    for tree in ("solutions", "exercises"):
        modules = {p.stem for p in (ROOT / tree).glob("*.py")}
        assert modules == slugs, f"{tree}/ differs from the catalogue: {sorted(modules ^ slugs)}"


def test_committed_stubs_are_in_sync():
    stale, problems = stubs.sync(LESSONS, check=True)
    assert not problems, problems
    assert not stale, f"stale stubs (run `grader stubs`): {[str(p) for p in stale]}"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_stub_asks_for_work_and_keeps_the_api(lesson):
    stub = lesson.exercise.read_text()
    assert "raise NotImplementedError()" in stub
    assert "### BEGIN SOLUTION" not in stub and "### END SOLUTION" not in stub
    solution = lesson.solution.read_text()
    for signature in re.findall(r"^\s*(?:class|def) \w+.*$", solution, flags=re.M):
        assert signature in stub, f"the stub lost {signature.strip()!r}"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_reference_imports_only_numpy_and_the_standard_library(lesson):
    import sys

    source = lesson.solution.read_text()
    for name in re.findall(r"^\s*(?:import|from)\s+([\w.]+)", source, flags=re.M):
        top = name.split(".")[0]
        allowed = top == "numpy" or top in sys.stdlib_module_names or top in lesson.uses
        assert allowed, f"{lesson.slug} imports {name}"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_hints_point_at_sections_that_exist(lesson):
    readme = lesson.readme.read_text()
    headings = set(re.findall(r"^#+\s+(.+?)\s*$", readme, flags=re.M))
    assert lesson.hints, f"{lesson.slug} has no hints"
    for hint in lesson.hints:
        for section in re.findall(r"README: '([^']+)'", hint):
            assert section in headings, f"{lesson.slug}: hint names missing section {section!r}"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_figures_draw_headless_and_the_readme_links_to_their_code(lesson, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    module = catalogue.load_figures(lesson)
    import matplotlib

    assert matplotlib.get_backend().lower() == "agg"
    drawn = {}
    for draw in module.FIGURES:
        path = draw(tmp_path)
        assert path.is_file() and path.stat().st_size > 0, f"{draw.__name__} drew nothing"
        drawn[draw.__code__.co_firstlineno] = path.name
    committed = {p.name for p in (lesson.dir / "figures").iterdir()}
    assert committed == set(drawn.values()), "committed figures differ from what figures.py draws"

    lines = lesson.figures.read_text().splitlines()
    links = re.findall(r"\[!\[[^\]]*\]\(figures/([^)]+)\)\]\(figures\.py#L(\d+)\)", lesson.readme.read_text())
    assert {name for name, _ in links} == committed, "every figure is shown, linked to its code"
    for name, line in links:
        line = int(line)
        assert lines[line - 1].lstrip().startswith("def "), f"{name}: figures.py#L{line} is not a def"
        assert drawn.get(line) == name, f"{name}: figures.py#L{line} draws {drawn.get(line)}"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_readme_links_resolve_and_earlier_lessons_are_linked_back(lesson):
    """Relative links (other lessons, the reference, figures) point at files that exist, and every
    lesson after the first says which earlier lessons it builds on, so the course reads in order."""
    readme = lesson.readme.read_text()
    for target in re.findall(r"\]\((?!https?://|#)([^)\s#]+)", readme):
        assert (lesson.dir / target).resolve().exists(), f"{lesson.slug}/README.md links to missing {target}"
    if lesson.order == 1:
        return
    if lesson.track != LESSONS[lesson.order - 2].track:
        # A track's first lesson may build on no earlier lesson; it still says what it assumes.
        assert re.search(r"^Builds on: ", readme, flags=re.M), (
            f"{lesson.slug}/README.md has no 'Builds on:' line saying what it assumes")
    else:
        assert re.search(r"^Builds on: .*\]\(\.\./\w+/README\.md\)", readme, flags=re.M), (
            f"{lesson.slug}/README.md has no 'Builds on:' line linking the lessons before it")


def test_top_readme_lists_the_catalogue():
    """The lessons table of the top README is the catalogue, in order, with its points."""
    rows = re.findall(r"^\| (\d+) \| \[([^\]]+)\]\(lessons/(\w+)/README\.md\) \| ([^|]+) \| (\d+) \|$",
                      (ROOT / "README.md").read_text(), flags=re.M)
    listed = [(int(n), title, slug, track.strip(), int(points)) for n, title, slug, track, points in rows]
    expected = [(lesson.order, lesson.title, lesson.slug, lesson.track, lesson.points) for lesson in LESSONS]
    assert listed == expected, "README.md's lessons table differs from lessons/catalogue.toml"


def test_shipped_corpus_is_what_its_generator_writes(tmp_path):
    """data/sites.csv is generated by data/make_sites.py (seeded): the two must not drift."""
    spec = importlib.util.spec_from_file_location("make_sites", ROOT / "data" / "make_sites.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write(tmp_path / "sites.csv")
    assert (tmp_path / "sites.csv").read_bytes() == (ROOT / "data" / "sites.csv").read_bytes(), (
        "data/sites.csv is stale: run `python data/make_sites.py`")
    rows = testing.sites()
    assert len(rows) == 600 and len({row["site"] for row in rows}) == 600


def test_every_lesson_has_public_checks_and_its_points_add_up():
    """The student copy and the released notebooks need at least one public check per lesson;
    nbgrader's test cells carry each test function's points, which must sum to the catalogue's."""
    found = checks.checks(LESSONS)
    for lesson in LESSONS:
        assert any(c.public for c in found[lesson.slug]), f"{lesson.slug}: no @pytest.mark.public test"
        assert sum(c.points for c in found[lesson.slug]) == lesson.points, lesson.slug
