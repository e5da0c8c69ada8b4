"""The wire format and the worker session, tested directly with small learner modules."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from grader import wire
from grader.sandbox import ImplementationError, LearnerError, Limits, Session, WorkerError

# -- the wire format ------------------------------------------------------------------------------
PLAIN = [
    None, True, False, 0, -1, 2**300, -(2**4000), 1.5, float("inf"), 1 - 2j, "", "héllo ✓", b"\x00\xff",
    [1, [2, (3, {"a": None})]], (), {"k": [1.0], 3: "x", (1, 2): True},
    np.arange(12, dtype=np.int64).reshape(3, 4), np.linspace(0, 1, 5, dtype=np.float32),
    np.array([True, False]), np.array(["ham", "spam"]), np.zeros((0, 3)), np.array(3.5),
    np.array([1 + 2j], dtype=np.complex64), np.arange(6, dtype=np.uint8)[::2],
]


@pytest.mark.parametrize("value", PLAIN, ids=[type(v).__name__ + str(i) for i, v in enumerate(PLAIN)])
def test_plain_data_round_trips(value):
    back = wire.decode(wire.encode(value))
    if isinstance(value, np.ndarray):
        assert type(back) is np.ndarray and back.dtype == value.dtype and back.flags.writeable
        np.testing.assert_array_equal(back, value)
    else:
        assert back == value and type(back) is type(value)


def test_numpy_scalars_and_array_subclasses_arrive_as_plain_values():
    assert type(wire.decode(wire.encode(np.float64(2.5)))) is float
    assert type(wire.decode(wire.encode(np.int32(7)))) is int
    assert type(wire.decode(wire.encode(np.bool_(True)))) is bool
    masked = np.ma.masked_array([1.0, 2.0], mask=[False, True])
    back = wire.decode(wire.encode(masked))
    assert type(back) is np.ndarray


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "truncated"),
        (b"s" + (10).to_bytes(8, "little") + b"abc", "truncated"),
        (b"N" + b"N", "trailing"),
        (b"l" * 40 + (1).to_bytes(8, "little") * 0, "truncated"),
        (b"a\x03|O8\x01" + (1).to_bytes(8, "little") + (8).to_bytes(8, "little") + b"\x00" * 8,
         "not allowed"),
        (b"a\x03<f8\x01" + (2).to_bytes(8, "little") + (8).to_bytes(8, "little") + b"\x00" * 8,
         "does not fit"),
        (b"Z", "unknown tag"),
        (b"d" + (1).to_bytes(8, "little") + b"l" + (0).to_bytes(8, "little") + b"N", "dict key"),
        (b"l" + (2**60).to_bytes(8, "little"), "truncated"),
        (b"s" + (2).to_bytes(8, "little") + b"\xff\xfe", "UTF-8"),
    ],
    ids=["empty", "short-string", "trailing", "deep-but-short", "object-dtype", "bad-size",
         "unknown-tag", "list-key", "huge-count", "bad-utf8"],
)
def test_decode_rejects_malformed_messages(data, words):
    with pytest.raises(wire.WireError, match=words):
        wire.decode(data)


def test_decode_refuses_deep_nesting():
    data = b"l" + (1).to_bytes(8, "little")
    with pytest.raises(wire.WireError, match="nested deeper"):
        wire.decode(data * 100 + b"N")


def test_decode_of_random_corruptions_raises_only_wire_errors():
    """What a hostile worker sends is bytes; decoding them never fails any other way."""
    rng = np.random.default_rng(0)
    valid = wire.encode(PLAIN[:-2])
    for _ in range(3000):
        data = bytearray(valid)
        for i in rng.integers(0, len(data), size=rng.integers(1, 4)):
            data[i] = int(rng.integers(0, 256))
        try:
            wire.decode(bytes(data[: rng.integers(1, len(data) + 1)]))
        except wire.WireError:
            pass


def test_encode_refuses_what_cannot_cross():
    with pytest.raises(wire.WireError, match="dtype object"):
        wire.encode(np.array([object()]))
    with pytest.raises(wire.WireError, match="cannot be sent"):
        wire.encode(object())


# -- sessions with small learner modules ----------------------------------------------------------
LEARNER = """
import numpy as np

class NotFittedError(ValueError, AttributeError):
    pass

class Model:
    def __init__(self, k=1):
        self.k = k
    def fit(self, X):
        print("fitting", len(X))
        self.mean_ = np.asarray(X).mean(axis=0)
        return self
    def predict(self, X):
        if not hasattr(self, "mean_"):
            raise NotFittedError("not fitted: call fit first")
        return np.asarray(X) - self.mean_
    def children(self):
        return [Model(1), Model(2)]

def fail(kind):
    raise {"value": ValueError, "key": KeyError, "exit": SystemExit,
           "interrupt": KeyboardInterrupt, "todo": NotImplementedError}[kind]("boom")

def sleep(seconds):
    import time
    time.sleep(seconds)
    return seconds

def echo(*args, **kwargs):
    return args, kwargs

def crash():
    import os
    os._exit(7)
"""


@pytest.fixture
def session(tmp_path):
    path = tmp_path / "lesson.py"
    path.write_text(textwrap.dedent(LEARNER))
    session = Session(path, "lesson", limits={"call_seconds": 2})
    yield session
    session.close()


def test_calls_attributes_and_identity(session):
    impl = session.module()
    model = impl.Model(k=3)
    assert model.k == 3
    assert model.fit([[1.0, 2.0], [3.0, 4.0]]) is model
    np.testing.assert_allclose(model.mean_, [2.0, 3.0])
    assert type(model.predict(np.ones((2, 2)))) is np.ndarray
    first, second = model.children()
    assert first.k == 1 and second.k == 2
    model.k = 5
    assert model.k == 5
    assert impl.echo(1, "a", x=[1.5]) == ((1, "a"), {"x": [1.5]})


def test_learner_objects_cannot_be_compared_or_used_as_data(session):
    model = session.module().Model()
    for use in (lambda: model == model, lambda: bool(model), lambda: np.asarray(model),
                lambda: float(model), lambda: len(model), lambda: model + 1):
        with pytest.raises(TypeError, match="expected plain data"):
            use()


def test_exceptions_come_back_as_their_builtin_types(session):
    impl = session.module()
    with pytest.raises(ValueError, match="boom"):
        impl.fail("value")
    with pytest.raises(KeyError):
        impl.fail("key")
    with pytest.raises(ValueError, match="call fit first") as info:
        impl.Model().predict([[1.0]])
    assert isinstance(info.value, AttributeError) and isinstance(info.value, LearnerError)
    assert type(info.value).__name__ == "NotFittedError"
    assert "lesson.py, line" in str(info.value)


@pytest.mark.parametrize("kind", ["exit", "interrupt"])
def test_exits_and_interrupts_never_propagate_as_themselves(session, kind):
    with pytest.raises(LearnerError) as info:
        session.module().fail(kind)
    assert not isinstance(info.value, (SystemExit, KeyboardInterrupt))


def test_not_implemented_is_named_as_such(session):
    with pytest.raises(NotImplementedError, match="not implemented yet"):
        session.module().fail("todo")


def test_a_timeout_costs_one_call_and_the_worker_is_replaced(session):
    impl = session.module()
    model = impl.Model().fit([[1.0]])
    with pytest.raises(WorkerError, match=r"sleep did not return within 2 s \(the time limit per call\)"):
        impl.sleep(30)
    with pytest.raises(WorkerError, match="replaced"):
        model.predict([[1.0]])
    assert impl.sleep(0) == 0  # a fresh worker with the module loaded again


def test_a_crash_is_reported_with_the_exit_status(session):
    with pytest.raises(WorkerError, match="exit status 7"):
        session.module().crash()
    assert session.module().Model(k=2).k == 2


def test_output_is_kept_for_the_failing_test(session):
    mark = session.output_mark()
    session.module().Model().fit([[1.0]])
    assert session.output_since(mark) == "fitting 1"


def test_passing_a_callable_is_refused(session):
    with pytest.raises(TypeError, match="cannot pass"):
        session.module().echo(len)


def test_a_missing_file_is_an_implementation_error(tmp_path):
    session = Session(tmp_path / "absent.py", "absent")
    with pytest.raises(ImplementationError, match="does not exist"):
        session.module()


def test_a_lesson_imports_the_learners_earlier_lessons_from_beside_it(tmp_path):
    """Catalogue `uses`: the earlier lessons' files are loaded first, under their slugs, and
    only they become importable; a missing one is named."""
    (tmp_path / "lesson.py").write_text("import helper\n\ndef twice(x):\n    return helper.double(x)\n")
    session = Session(tmp_path / "lesson.py", "lesson", uses=("helper",))
    try:
        with pytest.raises(ImplementationError, match="builds on your helper.py"):
            session.module()
    finally:
        session.close()
    (tmp_path / "helper.py").write_text("def double(x):\n    return 2 * x\n")
    session = Session(tmp_path / "lesson.py", "lesson", uses=("helper",))
    try:
        assert session.module().twice(21) == 42
    finally:
        session.close()
    session = Session(tmp_path / "lesson.py", "lesson")  # not in `uses`: refused
    try:
        with pytest.raises(ImplementationError, match="import of 'helper'.* is not allowed"):
            session.module()
    finally:
        session.close()


def test_lesson_time_budget(tmp_path):
    path = tmp_path / "lesson.py"
    path.write_text(textwrap.dedent(LEARNER))
    session = Session(path, "lesson", limits={"call_seconds": 5, "lesson_seconds": 1})
    try:
        with pytest.raises(WorkerError, match="what was left of the lesson's 1 s"):
            session.module().sleep(3)
        with pytest.raises(WorkerError, match="time limit .* is used up"):
            session.module().sleep(0)
    finally:
        session.close()


@pytest.mark.parametrize(
    "texts, words",
    [(["call_seconds"], "NAME=NUMBER"), (["nope=1"], "unknown limit"), (["memory_mb=-5"], "positive")],
)
def test_limit_overrides_are_checked(texts, words):
    with pytest.raises(ValueError, match=words):
        Limits.parse(texts)
    assert Limits.with_overrides(Limits.parse(["memory_mb=512"])).memory_mb == 512
