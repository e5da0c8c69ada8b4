"""Assertions for the hidden tests: two-sided tolerances and messages in the learner's terms.

``np.testing.assert_allclose`` checks ``|actual - desired| <= atol + rtol * |desired|``
elementwise (too large and too small both fail); ``assert_close`` applies the same rule
but first checks type and shape, and words the failure as "coef_ differs from
scikit-learn's by 3.2e-01 at index (2,); tolerance rtol=1e-06, atol=1e-08".
"""

from __future__ import annotations

import csv

import numpy as np

from . import catalogue


def as_array(value, what: str) -> np.ndarray:
    """``value`` as a numeric ndarray, or an AssertionError saying what came back."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        return value
    if isinstance(value, (bool, int, float, list, tuple, np.number)):
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            pass
        else:
            return array
    kind = getattr(value, "learner_type", None) or type(value).__name__
    raise AssertionError(f"{what} should be a numeric array, but it is a {kind} object")


def assert_close(actual, desired, *, rtol: float, atol: float, what: str,
                 baseline: str = "scikit-learn's") -> None:
    """Fail unless ``actual`` matches ``desired`` within ``atol + rtol * |desired|``."""
    desired = np.asarray(desired, dtype=float)
    actual = as_array(actual, what)
    if actual.shape != desired.shape:
        raise AssertionError(
            f"{what} has shape {actual.shape}, {baseline} has shape {desired.shape}"
        )
    actual = actual.astype(float)
    if not np.all(np.isfinite(actual)):
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(actual))[0])
        raise AssertionError(f"{what} contains {actual[where]} at index {where}")
    excess = np.abs(actual - desired) - (atol + rtol * np.abs(desired))
    if actual.size and excess.max() > 0:
        where = np.unravel_index(int(np.argmax(excess)), actual.shape)
        index = tuple(int(i) for i in where)
        diff = abs(actual[where] - desired[where])
        raise AssertionError(
            f"{what} differs from {baseline} by {diff:.2e} at index {index} "
            f"({actual[where]:.6g} vs {desired[where]:.6g}); tolerance rtol={rtol:g}, atol={atol:g}"
        )


def assert_equal_labels(actual, desired, *, what: str, baseline: str = "scikit-learn's") -> None:
    """Exact agreement of label arrays, naming the first disagreement and the count."""
    actual = np.asarray(as_array(actual, what) if not isinstance(actual, np.ndarray) else actual)
    desired = np.asarray(desired)
    if actual.shape != desired.shape:
        raise AssertionError(f"{what} has shape {actual.shape}, {baseline} has shape {desired.shape}")
    wrong = np.flatnonzero(actual.ravel() != desired.ravel())
    if wrong.size:
        i = int(wrong[0])
        raise AssertionError(
            f"{what} disagrees with {baseline} on {wrong.size} of {desired.size} entries; "
            f"first at index {i}: {actual.ravel()[i]!r} vs {desired.ravel()[i]!r}"
        )


def sites() -> list[dict[str, str]]:
    """The text track's corpus, ``data/sites.csv``: dicts with site, topic, second, text.

    Tests read it on the trusted side and pass the texts to the learner's code as strings."""
    with open(catalogue.ROOT / "data" / "sites.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
