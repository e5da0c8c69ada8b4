"""Hidden tests for the linear_regression lesson.

Mistakes a learner is likely to make, and the test that catches each:

- never fitting an intercept (solving ``X w = y`` only, ``intercept_ = 0``):
  ``test_intercept_matches_sklearn[intercept-*]``, ``test_coef_matches_sklearn[intercept-*]``,
  ``test_residuals_orthogonal_to_columns[intercept]`` (residuals do not sum to 0)
- fitting an intercept even when ``fit_intercept=False``: the ``[no-intercept-*]`` cases of
  ``test_coef_matches_sklearn`` / ``test_intercept_matches_sklearn`` / ``test_predict_matches_sklearn``
- ``intercept_ = y.mean()`` without subtracting ``x_mean . w``, or centring with the global
  mean ``X.mean()`` instead of column means: ``test_intercept_matches_sklearn``,
  ``test_exact_recovery_on_noiseless_data``
- ``predict`` forgetting ``+ intercept_``: ``test_predict_matches_sklearn[intercept-*]``
- ``coef_`` stored as (n_features, n_targets), or with the intercept appended as an extra
  coefficient: ``test_shapes_2d_y``, ``test_shapes_1d_y``
- ``intercept_`` an array of shape (1,) for 1-D ``y``; a 2-D ``y`` with one column squeezed to
  1-D: ``test_shapes_1d_y``, ``test_shapes_single_column_y``
- solving the normal equations ``inv(X^T X) X^T y`` (condition number squared):
  ``test_ill_conditioned_design_recovers_coefficients``, ``test_large_feature_offset``,
  ``test_rank_deficient_predictions_match_sklearn`` (``X^T X`` is singular there)
- ``fit`` not returning ``self``: ``test_fit_returns_self``
- ``__init__`` not storing ``fit_intercept`` as given: ``test_init_stores_fit_intercept``
- ``predict`` before ``fit`` failing with an unhelpful error: ``test_predict_before_fit_raises``
- no input validation, or messages that do not say what was received (numpy's own
  ``LinAlgError``/``matmul`` errors are ValueErrors but say nothing useful):
  ``test_rejects_nan_or_infinity``, ``test_rejects_mismatched_lengths``, ``test_rejects_1d_X``,
  ``test_rejects_empty_X``, ``test_predict_rejects_wrong_n_features``
- checking "empty" on one axis only (no samples, or no features, but not both):
  ``test_rejects_empty_X[no-samples]`` and ``[no-features]``
- treating a single feature as a special case (refusing it, or squeezing it away):
  ``test_single_feature_matches_sklearn``
"""

import re

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression as SkLinearRegression

from grader.testing import assert_close

N_SAMPLES, N_FEATURES, N_TARGETS = 80, 4, 3

CASES = [(True, 1), (True, 2), (False, 1), (False, 2)]
CASE_IDS = ["intercept-1d-y", "intercept-2d-y", "no-intercept-1d-y", "no-intercept-2d-y"]


# -- data -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def data():
    """Well-conditioned regression data: features with different non-zero means, 3 targets."""
    rng = np.random.default_rng(0)
    X = rng.normal(loc=[1.0, -2.0, 3.0, 0.5], scale=[1.0, 2.0, 0.5, 1.5],
                   size=(N_SAMPLES, N_FEATURES))  # (n_samples, n_features)
    W = rng.normal(size=(N_FEATURES, N_TARGETS))  # (n_features, n_targets)
    b = np.array([3.0, -1.5, 0.7])  # (n_targets,)
    Y = X @ W + b + 0.3 * rng.normal(size=(N_SAMPLES, N_TARGETS))  # (n_samples, n_targets)
    X_new = rng.normal(loc=1.0, scale=2.0, size=(25, N_FEATURES))  # unseen points for predict
    return X, Y, X_new


def targets(Y, ndim):
    return Y[:, 0] if ndim == 1 else Y


def fit_both(impl, X, y, fit_intercept):
    model = impl.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    reference = SkLinearRegression(fit_intercept=fit_intercept).fit(X, y)
    return model, reference


# -- 1. API conventions ---------------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_fit_intercept(impl):
    assert impl.LinearRegression().fit_intercept is True, "the default fit_intercept is True"
    model = impl.LinearRegression(fit_intercept=False)
    assert model.fit_intercept is False, (
        f"LinearRegression(fit_intercept=False).fit_intercept is {model.fit_intercept!r}; "
        "__init__ should store its argument unchanged"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self(impl, data):
    X, Y, _ = data
    model = impl.LinearRegression()
    assert model.fit(X, Y[:, 0]) is model, "fit should end with `return self`"


@pytest.mark.points(1)
@pytest.mark.public
def test_predict_before_fit_raises(impl, data):
    X, _, _ = data
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        impl.LinearRegression().predict(X)


@pytest.mark.points(1)
def test_shapes_1d_y(impl, data):
    X, Y, _ = data
    model = impl.LinearRegression().fit(X, Y[:, 0])
    coef, intercept = model.coef_, model.intercept_
    assert np.shape(coef) == (N_FEATURES,), (
        f"with 1-D y, coef_ should have shape (n_features,) = ({N_FEATURES},), "
        f"got {np.shape(coef)}"
    )
    assert np.shape(intercept) == (), (
        f"with 1-D y, intercept_ should be a float, got shape {np.shape(intercept)}"
    )
    pred = model.predict(X)
    assert np.shape(pred) == (N_SAMPLES,), (
        f"with 1-D y, predict should return shape (n_samples,) = ({N_SAMPLES},), "
        f"got {np.shape(pred)}"
    )


@pytest.mark.points(2)
def test_shapes_2d_y(impl, data):
    X, Y, _ = data
    model = impl.LinearRegression().fit(X, Y)
    assert np.shape(model.coef_) == (N_TARGETS, N_FEATURES), (
        f"with y of shape (n_samples, n_targets), coef_ should have shape "
        f"(n_targets, n_features) = ({N_TARGETS}, {N_FEATURES}), got {np.shape(model.coef_)}"
    )
    assert np.shape(model.intercept_) == (N_TARGETS,), (
        f"with 2-D y, intercept_ should have shape (n_targets,) = ({N_TARGETS},), "
        f"got {np.shape(model.intercept_)}"
    )
    pred = model.predict(X)
    assert np.shape(pred) == (N_SAMPLES, N_TARGETS), (
        f"with 2-D y, predict should return shape (n_samples, n_targets) = "
        f"({N_SAMPLES}, {N_TARGETS}), got {np.shape(pred)}"
    )


@pytest.mark.points(1)
def test_shapes_single_column_y(impl, data):
    X, Y, _ = data
    model = impl.LinearRegression().fit(X, Y[:, :1])
    shapes = (np.shape(model.coef_), np.shape(model.intercept_), np.shape(model.predict(X)))
    expected = ((1, N_FEATURES), (1,), (N_SAMPLES, 1))
    assert shapes == expected, (
        f"y of shape ({N_SAMPLES}, 1) is 2-D: coef_, intercept_ and predict should have shapes "
        f"{expected} as in scikit-learn, got {shapes}"
    )


# -- 2. agreement with scikit-learn and closed forms -----------------------------------------
# On this data cond(X) is about 10, so any stable least-squares solver (SVD, QR, even a
# Cholesky of the normal equations) agrees with scikit-learn to about 1e-13; rtol=1e-7 leaves
# a wide margin for rounding and still rejects every formula that is wrong.
RTOL, ATOL = 1e-7, 1e-9


@pytest.mark.points(1)
@pytest.mark.parametrize("fit_intercept, ndim", CASES, ids=CASE_IDS)
def test_coef_matches_sklearn(impl, data, fit_intercept, ndim):
    X, Y, _ = data
    model, reference = fit_both(impl, X, targets(Y, ndim), fit_intercept)
    assert_close(model.coef_, reference.coef_, rtol=RTOL, atol=ATOL, what="coef_")


@pytest.mark.points(1)
@pytest.mark.parametrize("fit_intercept, ndim", CASES, ids=CASE_IDS)
def test_intercept_matches_sklearn(impl, data, fit_intercept, ndim):
    X, Y, _ = data
    model, reference = fit_both(impl, X, targets(Y, ndim), fit_intercept)
    actual, desired = model.intercept_, np.asarray(reference.intercept_, dtype=float)
    if not fit_intercept and ndim == 2 and np.shape(actual) == (N_TARGETS,):
        # scikit-learn stores the scalar 0.0 here; zeros of shape (n_targets,) are as good.
        desired = np.zeros(N_TARGETS)
    assert_close(actual, desired, rtol=RTOL, atol=ATOL, what="intercept_")


@pytest.mark.points(1)
@pytest.mark.parametrize("fit_intercept, ndim", CASES, ids=CASE_IDS)
@pytest.mark.public
def test_predict_matches_sklearn(impl, data, fit_intercept, ndim):
    X, Y, X_new = data
    model, reference = fit_both(impl, X, targets(Y, ndim), fit_intercept)
    assert_close(model.predict(X_new), reference.predict(X_new), rtol=RTOL, atol=ATOL,
                 what="predict(X_new)")


@pytest.mark.points(1)
def test_single_feature_matches_sklearn(impl):
    """The line of the explanation's first figure: X has one column."""
    rng = np.random.default_rng(3)
    X = rng.uniform(-2.0, 3.0, size=(30, 1))  # (n_samples, 1)
    y = 1.5 * X[:, 0] - 0.7 + 0.2 * rng.normal(size=30)
    model = impl.LinearRegression().fit(X, y)
    expected = SkLinearRegression().fit(X, y)
    # Well conditioned (one centred column): both solvers agree to rounding, ~1e-15.
    assert_close(model.coef_, expected.coef_, rtol=1e-9, atol=1e-12, what="coef_")
    assert_close(model.intercept_, expected.intercept_, rtol=1e-9, atol=1e-12, what="intercept_")
    assert_close(model.predict(X[:5]), expected.predict(X[:5]), rtol=1e-9, atol=1e-12,
                 what="predict(X)")


@pytest.mark.points(1)
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no-intercept"])
def test_exact_recovery_on_noiseless_data(impl, fit_intercept):
    rng = np.random.default_rng(1)
    X = rng.normal(loc=2.0, size=(30, 3))  # (n_samples, n_features)
    w, b = np.array([1.5, -2.0, 0.25]), (4.0 if fit_intercept else 0.0)
    model = impl.LinearRegression(fit_intercept=fit_intercept).fit(X, X @ w + b)
    # y = X w + b exactly, so least squares returns w and b up to rounding (~1e-14).
    truth = "the true value (y = X @ w + b exactly)"
    assert_close(model.coef_, w, rtol=1e-9, atol=1e-9, what="coef_", baseline=truth)
    assert_close(np.asarray(model.intercept_, dtype=float), b, rtol=1e-9, atol=1e-9,
                 what="intercept_", baseline=truth)


@pytest.mark.points(1)
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no-intercept"])
def test_residuals_orthogonal_to_columns(impl, data, fit_intercept):
    X, Y, _ = data
    y = Y[:, 0]
    model = impl.LinearRegression(fit_intercept=fit_intercept).fit(X, y)
    r = y - np.asarray(model.predict(X), dtype=float)  # (n_samples,)
    # At a least-squares minimum the gradient X^T r vanishes; relative to ||X|| ||y|| it is
    # rounding-sized (~1e-15), so 1e-9 only fails for a point that is not the minimum.
    scale = np.linalg.norm(X) * np.linalg.norm(y)
    dots = X.T @ r  # (n_features,)
    j = int(np.argmax(np.abs(dots)))
    assert abs(dots[j]) <= 1e-9 * scale, (
        f"the residuals y - predict(X) are not orthogonal to the columns of X: "
        f"X[:, {j}] . r = {dots[j]:.3g} (should be 0 at a least-squares solution)"
    )
    if fit_intercept:
        assert abs(r.sum()) <= 1e-9 * scale, (
            f"with fit_intercept=True the residuals should sum to 0 (the intercept absorbs "
            f"their mean), but they sum to {r.sum():.3g}"
        )


def ill_conditioned(kappa, seed=0, n=60, p=4):
    """Noiseless data whose centred design has condition number ``kappa`` exactly."""
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, p))
    U, _ = np.linalg.qr(A - A.mean(axis=0))  # orthonormal columns, each summing to 0
    V, _ = np.linalg.qr(rng.normal(size=(p, p)))
    s = np.logspace(0, -np.log10(kappa), p)  # singular values from 1 down to 1/kappa
    X = 10 * (U * s) @ V.T + np.arange(1.0, p + 1)  # (n, p), column means 1..p
    w, b = rng.normal(size=p), 1.5
    return X, X @ w + b, w, b


@pytest.mark.points(3)
def test_ill_conditioned_design_recovers_coefficients(impl):
    X, y, w, b = ill_conditioned(kappa=1e7)
    model = impl.LinearRegression().fit(X, y)
    # Noiseless data: lstsq (SVD/QR) loses about cond * eps = 1e7 * 2e-16 ~ 2e-9; the normal
    # equations lose cond^2 * eps ~ 2e-2. 1e-6 sits between the two. (scikit-learn itself is
    # not the baseline here: its tol=1e-6 cuts singular values below 1e-6 * the largest.)
    truth = "the true value (noiseless data, cond(X) = 1e7)"
    assert_close(model.coef_, w, rtol=1e-6, atol=1e-6, what="coef_", baseline=truth)
    assert_close(np.asarray(model.intercept_, dtype=float), b, rtol=1e-6, atol=1e-6,
                 what="intercept_", baseline=truth)


@pytest.mark.points(2)
def test_large_feature_offset(impl):
    # Features measured far from zero (think timestamps): a column of ones next to them is
    # nearly parallel to every feature, so cond([X, 1]) ~ 3e10 while cond(X - mean) ~ 1.
    rng = np.random.default_rng(2)
    X = rng.normal(size=(100, 3)) + 1e5  # (n_samples, n_features)
    y = X @ np.array([1.0, -2.0, 0.5]) + 3.0 + 0.1 * rng.normal(size=100)
    model, reference = fit_both(impl, X, y, True)
    # lstsq with or without centring gets coef_ to ~1e-12 relative, the normal equations with
    # a column of ones only to ~3e-5. The intercept y_mean - x_mean . w cancels terms of size
    # ~1e5: lstsq on [X, 1] matches scikit-learn's to ~2e-7, the normal equations are off by ~3.
    assert_close(model.coef_, reference.coef_, rtol=1e-8, atol=0, what="coef_")
    assert_close(np.asarray(model.intercept_, dtype=float), reference.intercept_, rtol=1e-9,
                 atol=1e-5, what="intercept_")


def rank_deficient(kind, n, seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, 3)) + [1.0, 2.0, 3.0]  # (n, 3)
    extra = {
        "duplicate-column": A[:, 1],
        "constant-column": np.full(n, 5.0),  # collinear with the intercept
        "linear-combination": 2 * A[:, 0] - A[:, 2],
    }[kind]
    return np.column_stack([A, extra])  # (n, 4), rank 3 once centred


@pytest.mark.points(1)
@pytest.mark.parametrize("kind", ["duplicate-column", "constant-column", "linear-combination"])
def test_rank_deficient_predictions_match_sklearn(impl, kind):
    X, X_new = rank_deficient(kind, 50, 0), rank_deficient(kind, 20, 1)
    y = X[:, :3] @ np.array([1.0, -1.0, 2.0]) + 1.0 + 0.1 * np.random.default_rng(3).normal(size=50)
    model, reference = fit_both(impl, X, y, True)
    # Many coefficient vectors minimise the residual here, so coef_ is not compared; every
    # minimiser makes the same predictions on points with the same column dependency. The
    # zero singular value is ~1e-15, cut by both lstsq and scikit-learn; 1e-8 is rounding.
    assert_close(model.predict(X), reference.predict(X), rtol=1e-8, atol=1e-8,
                 what="predict(X) on the training data")
    assert_close(model.predict(X_new), reference.predict(X_new), rtol=1e-8, atol=1e-8,
                 what="predict(X_new)")


# -- 3. edge cases and error messages --------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.parametrize("where, value", [("X", np.nan), ("X", np.inf), ("y", np.nan)],
                         ids=["nan-in-X", "inf-in-X", "nan-in-y"])
def test_rejects_nan_or_infinity(impl, data, where, value):
    X, Y, _ = data
    X, y = X.copy(), Y[:, 0].copy()
    (X if where == "X" else y)[5] = value
    with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
        impl.LinearRegression().fit(X, y)


@pytest.mark.points(1)
def test_rejects_mismatched_lengths(impl, data):
    X, Y, _ = data
    with pytest.raises(ValueError) as excinfo:
        impl.LinearRegression().fit(X[:20], Y[:17, 0])
    message = str(excinfo.value)
    assert re.search(r"\b20\b", message) and re.search(r"\b17\b", message), (
        f"X has 20 samples and y has 17; the ValueError should give both counts, "
        f"but it says: {message!r}"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("method", ["fit", "predict"])
def test_rejects_1d_X(impl, data, method):
    X, Y, _ = data
    model = impl.LinearRegression()
    with pytest.raises(ValueError, match=r"(?i)2-?d|dimension"):
        if method == "fit":
            model.fit(X[:, 0], Y[:, 0])
        else:
            model.fit(X, Y[:, 0]).predict(X[0])


@pytest.mark.points(1)
@pytest.mark.parametrize("shape", [(0, 3), (5, 0)], ids=["no-samples", "no-features"])
def test_rejects_empty_X(impl, shape):
    with pytest.raises(ValueError, match=r"(?i)empty|0 sample|no sample|0 feature|no feature"):
        impl.LinearRegression().fit(np.empty(shape), np.zeros(shape[0]))


@pytest.mark.points(2)
def test_predict_rejects_wrong_n_features(impl, data):
    X, Y, _ = data
    model = impl.LinearRegression().fit(X, Y[:, 0])
    with pytest.raises(ValueError, match=r"(?i)feature") as excinfo:
        model.predict(X[:, :2])
    message = str(excinfo.value)
    assert re.search(r"\b2\b", message) and re.search(rf"\b{N_FEATURES}\b", message), (
        f"fit saw {N_FEATURES} features and predict got 2; the ValueError should give both "
        f"counts, but it says: {message!r}"
    )


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("forgets the intercept", "if self.fit_intercept:\n", "if False:\n",
     "intercept_ differs from scikit-learn's"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, an SVD-based least-squares solve (LAPACK gelsd: numpy's lstsq, scipy's for
# scikit-learn) of centred data with an intercept, then predict on the training set.
def _bench_data(n):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 50))
    return X, X @ rng.normal(size=50) + rng.normal(size=n)


def _bench_impl(module, data):
    X, y = data
    module.LinearRegression().fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    SkLinearRegression().fit(X, y).predict(X)


BENCHMARK = {
    "what": "fit (least squares with intercept) + predict, n x 50",
    "size": 50_000, "check_size": 4_000,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Solve once with np.linalg.lstsq on the centred X (a single LAPACK call), not with a "
            "loop over samples or features, and predict with one matrix product "
            "(README: 'Cost').",
}
