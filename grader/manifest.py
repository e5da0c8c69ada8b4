"""The course's manifest: SHA-256 digests of everything that decides a grade.

``MANIFEST.sha256`` at the top of the course lists, in ``sha256sum`` format (so
``sha256sum -c MANIFEST.sha256`` checks it too), the catalogue, every lesson's hidden tests,
the grader's own modules and the data the tests read. `grader manifest` rewrites it; the test
suite checks that it is current. When grading, the checkout whose tests are used is compared
with it: a learner's edited copy is reported (a warning when self-grading, an error under
``--tests-from``, where the grade comes from a pristine copy anyway).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

NAME = "MANIFEST.sha256"
PATTERNS = ("lessons/catalogue.toml", "lessons/*/test_*.py", "conftest.py", "grader/*.py", "data/*.csv")


def files(root: Path) -> list[str]:
    """The paths the manifest covers, relative to ``root``, sorted."""
    found = {p.relative_to(root).as_posix() for pattern in PATTERNS for p in root.glob(pattern)
             if p.is_file()}
    return sorted(found)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(root: Path) -> str:
    return "".join(f"{digest(root / name)}  {name}\n" for name in files(root))


def read(root: Path) -> dict[str, str] | None:
    """``{path: digest}`` from ``root``'s manifest, or None when it has none."""
    try:
        text = (root / NAME).read_text(encoding="utf-8")
    except OSError:
        return None
    entries = {}
    for line in text.splitlines():
        value, _, name = line.partition("  ")
        if len(value) == 64 and name:
            entries[name] = value
    return entries


def differences(checkout: Path, expected: dict[str, str]) -> list[str]:
    """One line per covered file of ``checkout`` that is missing, changed or not expected."""
    found = []
    present = set(files(checkout))
    for name, value in sorted(expected.items()):
        path = checkout / name
        if name not in present:
            found.append(f"{name} is missing")
        elif digest(path) != value:
            found.append(f"{name} differs from the course's copy")
    found += [f"{name} is not part of the course" for name in sorted(present - expected.keys())]
    return found
