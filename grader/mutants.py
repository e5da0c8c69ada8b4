"""Mutation testing of a lesson's hidden tests. ``python -m grader.mutants LESSON [--jobs N]``

Every small change to the reference inside its marked regions (an operator, a comparison,
a constant, ``argmin``/``argmax``, an ``axis``) should lose points; a mutant that keeps
full marks is a hole in the tests, or an equivalent mutant (a change that cannot alter
any output, e.g. ``<`` for ``<=`` on a float that never ties). Each mutant is graded with the
real CLI in the isolated worker; the survivors are listed at the end. For course authors:
it takes minutes, so it is not part of the test suite.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import catalogue
from .stubs import BEGIN, END

SWAP_OPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult,
            ast.Pow: ast.Mult, ast.FloorDiv: ast.Div}
SWAP_CMP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
            ast.Eq: ast.NotEq, ast.NotEq: ast.Eq}
SWAP_NAMES = {"argmin": "argmax", "argmax": "argmin", "min": "max", "max": "min",
              "sum": "mean", "mean": "sum"}


def marked_lines(source: str) -> set[int]:
    lines, inside = set(), False
    for number, line in enumerate(source.splitlines(), start=1):
        if line.strip() == BEGIN:
            inside = True
        elif line.strip() == END:
            inside = False
        elif inside:
            lines.add(number)
    return lines


def mutations(tree: ast.AST, lines: set[int]):
    """(node index, description) of every mutation inside the marked lines."""
    for index, node in enumerate(ast.walk(tree)):
        if getattr(node, "lineno", None) not in lines:
            continue
        if isinstance(node, ast.BinOp) and type(node.op) in SWAP_OPS:
            yield index, f"{type(node.op).__name__} -> {SWAP_OPS[type(node.op)].__name__}"
        elif isinstance(node, ast.Compare) and type(node.ops[0]) in SWAP_CMP:
            yield index, f"{type(node.ops[0]).__name__} -> {SWAP_CMP[type(node.ops[0])].__name__}"
        elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
            yield index, f"{node.value!r} -> {_changed(node.value)!r}"
        elif isinstance(node, ast.Attribute) and node.attr in SWAP_NAMES:
            yield index, f".{node.attr} -> .{SWAP_NAMES[node.attr]}"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            yield index, "drop unary minus"


def _changed(value):
    if value in (0, 1):
        return 1 - value
    return value + 1 if isinstance(value, int) else value * 2


def apply(source: str, target: int) -> str:
    tree = ast.parse(source)
    for index, node in enumerate(ast.walk(tree)):
        if index != target:
            continue
        if isinstance(node, ast.BinOp):
            node.op = SWAP_OPS[type(node.op)]()
        elif isinstance(node, ast.Compare):
            node.ops[0] = SWAP_CMP[type(node.ops[0])]()
        elif isinstance(node, ast.Constant):
            node.value = _changed(node.value)
        elif isinstance(node, ast.Attribute):
            node.attr = SWAP_NAMES[node.attr]
        elif isinstance(node, ast.UnaryOp):
            return ast.unparse(_Replace(node, node.operand).visit(tree))
        return ast.unparse(tree)
    raise ValueError(target)


class _Replace(ast.NodeTransformer):
    def __init__(self, old, new):
        self.old, self.new = old, new

    def generic_visit(self, node):
        return self.new if node is self.old else super().generic_visit(node)


def grade(lesson: catalogue.Lesson, source: str) -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"{lesson.slug}.py").write_text(source)
        for used in lesson.uses:  # the references of the lessons it builds on, unchanged
            (Path(tmp) / f"{used}.py").write_text((lesson.root / "solutions" / f"{used}.py").read_text())
        done = subprocess.run(
            [sys.executable, "-m", "grader", "grade", lesson.slug, "--impl", tmp, "--format", "json",
             "--limit", "call_seconds=5", "--limit", "lesson_seconds=60"],
            capture_output=True, text=True, cwd=catalogue.ROOT,
        )
        try:
            entry = json.loads(done.stdout)["lessons"][0]
        except (json.JSONDecodeError, KeyError, IndexError):  # the grader itself failed: say why
            raise SystemExit(f"grader failed (exit {done.returncode}): {done.stderr.strip()[:300]}") from None
        return entry["score"], entry["max_score"]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.mutants", description=__doc__.split("\n")[0])
    parser.add_argument("lesson")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    [lesson] = catalogue.find([args.lesson])
    source = lesson.solution.read_text()
    found = list(mutations(ast.parse(source), marked_lines(source)))
    lines = {i: n.lineno for i, n in enumerate(ast.walk(ast.parse(source))) if hasattr(n, "lineno")}
    print(f"{lesson.slug}: {len(found)} mutants")

    def run(mutation):
        index, what = mutation
        return lines[index], what, grade(lesson, apply(source, index))

    survivors = []
    with ThreadPoolExecutor(args.jobs) as pool:
        for line, what, (score, best) in pool.map(run, found):
            print(f"  line {line:4}  {what:28} {score}/{best}{'   SURVIVED' if score == best else ''}")
            if score == best:
                survivors.append((line, what))
    print(f"{len(survivors)} of {len(found)} mutants keep full marks")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
