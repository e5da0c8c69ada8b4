"""The course's code passes ruff (installed with the dev extra), as `tox -e lint` checks."""

import subprocess
import sys

from grader.catalogue import ROOT


def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "."],
                          cwd=ROOT, capture_output=True, text=True)
    assert "No module named ruff" not in done.stderr, "install the dev extra: pip install -e '.[dev]'"
    assert done.returncode == 0, done.stdout + done.stderr
