"""Stub generation: each marked region becomes a stub at its indentation; bad markers fail loudly."""

import textwrap

import pytest

from grader.catalogue import Lesson
from grader.stubs import StubError, make_stub, sync

SOLUTION = textwrap.dedent('''
    import numpy as np


    def mean(x):
        """The mean."""
        # TODO: one line (README: 'Means').
        ### BEGIN SOLUTION
        return np.sum(x) / len(x)
        ### END SOLUTION


    class Model:
        def fit(self, X):
            if X is None:
                ### BEGIN SOLUTION
                raise ValueError("X is None")
                ### END SOLUTION
            return self
    ''')


def test_regions_become_stubs_at_their_indentation():
    stub = make_stub(SOLUTION)
    assert stub == textwrap.dedent('''
        import numpy as np


        def mean(x):
            """The mean."""
            # TODO: one line (README: 'Means').
            # YOUR CODE HERE
            raise NotImplementedError()


        class Model:
            def fit(self, X):
                if X is None:
                    # YOUR CODE HERE
                    raise NotImplementedError()
                return self
        ''')
    compile(stub, "<stub>", "exec")


@pytest.mark.parametrize(
    "source, words",
    [
        ("def f():\n    ### BEGIN SOLUTION\n    ### BEGIN SOLUTION\n    pass\n    ### END SOLUTION\n",
         r"<s>:3: nested ### BEGIN SOLUTION \(the open one is at line 2\)"),
        ("def f():\n    ### BEGIN SOLUTION\n    pass\n", r"<s>:2: ### BEGIN SOLUTION is never closed"),
        ("def f():\n    pass\n    ### END SOLUTION\n", r"<s>:3: ### END SOLUTION without"),
        ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION\n", r"<s>:1: .* at module level"),
        ("def f():\n    x = 1  ### BEGIN SOLUTION\n", r"<s>:2: a marker must stand alone"),
        ("def f():\n    return 1\n", r"no ### BEGIN SOLUTION region"),
    ],
    ids=["nested", "unclosed", "end-without-begin", "module-level", "not-alone", "no-region"],
)
def test_bad_markers_fail_loudly_with_file_and_line(source, words):
    with pytest.raises(StubError, match=words):
        make_stub(source, "<s>")


def test_sync_writes_the_good_stubs_and_names_each_broken_lesson(tmp_path):
    (tmp_path / "solutions").mkdir()
    (tmp_path / "solutions" / "good.py").write_text(SOLUTION)
    (tmp_path / "solutions" / "bad.py").write_text("def f():\n    ### BEGIN SOLUTION\n")
    lessons = [Lesson(slug, slug, "t", order, 1, root=tmp_path)
               for order, slug in enumerate(["bad", "missing", "good"], start=1)]
    stale, problems = sync(lessons)
    assert stale == [tmp_path / "exercises" / "good.py"]
    assert "raise NotImplementedError()" in stale[0].read_text()
    assert len(problems) == 2
    assert "bad.py:2: ### BEGIN SOLUTION is never closed" in problems[0]
    assert "missing.py: missing" in problems[1]
