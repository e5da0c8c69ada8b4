"""The course catalogue: which lessons exist, in which order, and where their files are.

All lesson metadata lives in one file, ``lessons/catalogue.toml``: one table per lesson,
in course order (the order of the tables *is* the course order). A lesson is its slug
(snake_case, also the module name) plus four files::

    lessons/<slug>/README.md          the explanation
    lessons/<slug>/figures.py         draws lessons/<slug>/figures/*
    lessons/<slug>/test_<slug>.py     the hidden tests, with points
    solutions/<slug>.py               the reference (exercises/<slug>.py is generated from it)
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CATALOGUE = "lessons/catalogue.toml"


def _find_root() -> Path:
    """The course checkout: where the grader package sits (an editable install), else the
    nearest directory holding the catalogue from the current one (a regular install)."""
    here = Path(__file__).resolve().parent.parent
    if (here / CATALOGUE).is_file():
        return here
    return checkout_of(Path.cwd()) or here


def checkout_of(start: Path) -> Path | None:
    """The nearest directory from ``start`` upwards that holds a copy of the course."""
    return next((p for p in (start, *start.parents) if (p / CATALOGUE).is_file()), None)


ROOT = _find_root()
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
KEYS = {"title", "track", "points", "speed_points", "hints", "imports", "uses", "limits"}


class CatalogueError(Exception):
    """The catalogue or a lesson's files are inconsistent (a course developer's mistake)."""


class UsageError(Exception):
    """The user named something that does not exist (a lesson, a directory)."""


@dataclass(frozen=True)
class Lesson:
    slug: str
    title: str
    track: str
    order: int
    points: int  # the maximum score, speed points included
    speed_points: int = 0  # of those, the points of test_speed (see grader/speed.py)
    hints: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()  # earlier lessons whose learner files this one imports
    limits: dict = field(default_factory=dict, compare=False, hash=False)
    root: Path = ROOT

    @property
    def dir(self) -> Path:
        return self.root / "lessons" / self.slug

    @property
    def tests(self) -> Path:
        return self.dir / f"test_{self.slug}.py"

    @property
    def readme(self) -> Path:
        return self.dir / "README.md"

    @property
    def figures(self) -> Path:
        return self.dir / "figures.py"

    @property
    def solution(self) -> Path:
        return self.root / "solutions" / f"{self.slug}.py"

    @property
    def exercise(self) -> Path:
        return self.root / "exercises" / f"{self.slug}.py"


def load(root: Path = ROOT) -> list[Lesson]:
    """Read the catalogue; raise CatalogueError naming the bad entry."""
    path = root / CATALOGUE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"cannot read {path}: {exc}") from None
    lessons = []
    for order, (slug, meta) in enumerate(data.items(), start=1):
        where = f"{CATALOGUE} [{slug}]"
        if not SLUG.match(slug):
            raise CatalogueError(f"{where}: a slug is snake_case (a module name)")
        if not isinstance(meta, dict) or not {"title", "track", "points"} <= meta.keys():
            raise CatalogueError(f"{where}: needs title, track and points")
        unknown = set(meta) - KEYS
        if unknown:
            raise CatalogueError(f"{where}: unknown keys {sorted(unknown)}; known: {sorted(KEYS)}")
        if not isinstance(meta["points"], int) or meta["points"] <= 0:
            raise CatalogueError(f"{where}: points must be a positive integer")
        speed_points = meta.get("speed_points", 0)
        if not isinstance(speed_points, int) or not 0 <= speed_points < meta["points"]:
            raise CatalogueError(f"{where}: speed_points must be an integer from 0 to points - 1")
        earlier = {lesson.slug for lesson in lessons}
        if not set(meta.get("uses", ())) <= earlier:
            raise CatalogueError(f"{where}: uses names lessons that do not come before it: "
                                 f"{sorted(set(meta['uses']) - earlier)}")
        lessons.append(
            Lesson(
                slug=slug,
                title=str(meta["title"]),
                track=str(meta["track"]),
                order=order,
                points=meta["points"],
                speed_points=speed_points,
                hints=tuple(meta.get("hints", ())),
                imports=tuple(meta.get("imports", ())),
                uses=tuple(meta.get("uses", ())),
                limits=dict(meta.get("limits", {})),
                root=root,
            )
        )
    return lessons


def find(slugs: list[str] | None, root: Path = ROOT) -> list[Lesson]:
    """The lessons named by ``slugs`` (all when empty), in course order."""
    lessons = load(root)
    if not slugs:
        return lessons
    by_slug = {lesson.slug: lesson for lesson in lessons}
    unknown = [s for s in slugs if s not in by_slug]
    if unknown:
        raise UsageError(
            f"unknown lesson {unknown[0]!r}; the lessons are: {', '.join(by_slug)}"
        )
    wanted = set(slugs)
    return [lesson for lesson in lessons if lesson.slug in wanted]


def resolve_impl(where: str | Path, root: Path = ROOT) -> Path:
    """``exercises``, ``solutions`` or a directory holding ``<slug>.py`` files."""
    if str(where) in ("exercises", "solutions"):
        return root / str(where)
    path = Path(where).expanduser()
    if not path.is_dir():
        raise UsageError(
            f"--impl {str(where)!r} is not a directory; use exercises, solutions "
            "or a directory holding <lesson>.py files"
        )
    return path.resolve()


def import_file(path: Path, name: str, uses=()):
    """Import the Python file at ``path`` as module ``name``, in this process.

    ``uses``: lessons whose files, from the same directory, it imports (``import tfidf``);
    they are imported first, under their own names."""
    for used in uses:
        import_file(path.parent / f"{used}.py", used)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickle look modules up by name
    spec.loader.exec_module(module)
    return module


def load_reference(slug: str, root: Path = ROOT):
    """Import ``solutions/<slug>.py`` in this process (for figures and benchmarks only)."""
    uses = next((lesson.uses for lesson in load(root) if lesson.slug == slug), ())
    return import_file(root / "solutions" / f"{slug}.py", f"reference_{slug}", uses)


def load_figures(lesson: Lesson):
    """Import ``lessons/<slug>/figures.py``; its ``FIGURES`` lists the drawing functions."""
    return import_file(lesson.figures, f"figures_{lesson.slug}")
