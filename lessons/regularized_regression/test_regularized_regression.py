"""Hidden tests for the regularized_regression lesson (Ridge, Lasso, ElasticNet).

Mistakes a learner is likely to make, and the test that catches each:

- penalising the intercept (a column of ones inside the penalty):
  ``test_ridge_matches_sklearn[*-intercept]``,
  ``test_ridge_huge_alpha_keeps_the_mean``, ``test_shifting_X_changes_only_the_intercept``,
  ``test_lasso_matches_sklearn[synthetic-*]``, ``test_lasso_alpha_max_gives_all_zeros``
- Ridge solved without centring (``w`` from ``X``, ``y``; intercept ``y_mean - x_mean . w``):
  ``test_ridge_matches_sklearn[*-intercept]``, ``test_shifting_X_changes_only_the_intercept``
- centring but forgetting to put the means back (``intercept_ = y_mean`` or ``0``):
  ``test_ridge_matches_sklearn``, ``test_lasso_matches_sklearn``
- fitting an intercept when ``fit_intercept=False``: ``test_ridge_matches_sklearn[*-no-intercept]``,
  ``test_cd_no_intercept_matches_sklearn``
- wrong scaling of ``alpha``: Ridge with ``alpha / 2`` or ``alpha * n``; the coordinate-descent
  threshold without the factor ``n`` (``1/(2n)`` forgotten), or ``2 n``; the L2 part without
  ``n`` or without the ``1/2``: ``test_ridge_matches_sklearn``, ``test_lasso_matches_sklearn``,
  ``test_elastic_net_matches_sklearn``, ``test_elastic_net_l1_ratio_zero_is_ridge``,
  ``test_lasso_alpha_max_gives_all_zeros``, ``test_lasso_optimality_conditions``
- ``l1_ratio`` and ``1 - l1_ratio`` swapped, or Lasso not setting ``l1_ratio=1``:
  ``test_elastic_net_matches_sklearn``, ``test_lasso_matches_sklearn``
- soft threshold with the wrong sign, the wrong threshold, or clipping at 0 in the wrong place
  (``max(z - t, 0)`` for negative ``z``): ``test_soft_threshold_closed_form``,
  ``test_lasso_sparsity_matches_sklearn``, ``test_lasso_optimality_conditions``
- not updating the residual (or its correlations ``X^T r``) after a coordinate step, or
  updating it with the new weight instead of the change: ``test_lasso_matches_sklearn``,
  ``test_lasso_optimality_conditions``
- ``rho = X_j . r`` without adding back ``||X_j||^2 w_j``: the same tests
- dividing by ``||X_j||^2`` for a constant column (NaN): ``test_constant_column_gets_zero_weight``
- ``alpha = 0`` edge cases (Ridge = least squares, Lasso = least squares by coordinate descent):
  ``test_ridge_alpha_zero_is_least_squares``, ``test_lasso_alpha_zero_is_least_squares``
- ignoring ``max_iter`` or ``tol``, or a wrong ``n_iter_``: ``test_n_iter_stops_at_max_iter``,
  ``test_tol_controls_the_number_of_sweeps``, ``test_cd_shapes``
- an absolute stopping rule ``max |dw| <= tol`` instead of ``tol * max |w|``:
  ``test_stopping_rule_is_scale_free``
- ``intercept_`` an array of shape (1,) instead of a float: ``test_cd_shapes``, ``test_ridge_shapes``
- Ridge written for 1-D ``y`` only: ``test_ridge_2d_y_matches_sklearn``, ``test_ridge_shapes``
- ``__init__`` not storing its arguments, ``fit`` not returning ``self``, no not-fitted error:
  ``test_init_stores_params``, ``test_fit_returns_self``, ``test_predict_before_fit_raises``
- input checks (given in the file) bypassed: ``test_rejects_bad_input``
- accepting a negative ``alpha``, an ``l1_ratio`` outside [0, 1] or ``max_iter=0`` (or refusing
  ``max_iter=1``): ``test_rejects_negative_alpha``, ``test_rejects_bad_l1_ratio_or_max_iter``
- a strict ``<`` in the stopping rule, which never stops while every weight is 0:
  ``test_lasso_alpha_max_gives_all_zeros``
"""

import re
import warnings

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet as SkElasticNet
from sklearn.linear_model import Lasso as SkLasso
from sklearn.linear_model import Ridge as SkRidge

from grader.testing import assert_close

MODELS = ["Ridge", "Lasso", "ElasticNet"]
# Both sides run coordinate descent to a relative weight change of 1e-12 (scikit-learn also
# requires a duality gap below 1e-12 ||y||^2); they then agree to ~1e-13 relative. The
# reference needs at most ~330 sweeps on these data; max_iter=2000 makes a solver that never
# converges fail in a fraction of a second instead of running into the time limit.
TIGHT = dict(tol=1e-12, max_iter=2_000)


# -- data -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def synthetic():
    """120 samples, 8 correlated features with very different means and scales, 4 useful."""
    rng = np.random.default_rng(0)
    n, p = 120, 8
    Z = rng.normal(size=(n, p))  # (n_samples, n_features)
    X = Z @ (np.eye(p) + 0.4 * rng.normal(size=(p, p)))  # correlated columns, cond ~ 25
    X = X * [1.0, 2.0, 0.5, 3.0, 1.0, 1.5, 0.8, 2.0] + [5.0, -3.0, 10.0, 0.0, 2.0, -8.0, 1.0, 4.0]
    w = np.array([3.0, -2.0, 0.0, 0.0, 1.5, 0.0, 0.0, 0.5])
    y = X @ w + 7.0 + rng.normal(scale=2.0, size=n)
    X_new = rng.normal(loc=2.0, scale=3.0, size=(20, p))  # unseen points for predict
    return X, y, X_new


@pytest.fixture(scope="module")
def diabetes():
    """scikit-learn's bundled diabetes data: 442 samples, 10 standardised features."""
    return load_diabetes(return_X_y=True)


@pytest.fixture(scope="module")
def data(synthetic, diabetes):
    return {"synthetic": synthetic[:2], "diabetes": diabetes}


def sk_cd(name, **params):
    """scikit-learn's Lasso or ElasticNet, by name."""
    cls = {"Lasso": SkLasso, "ElasticNet": SkElasticNet}[name]
    return cls(**params)


def scalar(value):
    """A one-element intercept as a 0-d array: its shape is graded by the shape tests only."""
    array = np.asarray(value, dtype=float)
    return array.reshape(()) if array.size == 1 else array


def fit_quietly(model, X, y):
    """Fit a scikit-learn model whose ConvergenceWarning we provoke on purpose (max_iter=3)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(X, y)


# -- 1. API conventions ---------------------------------------------------------------------
PARAMS = {
    "Ridge": dict(alpha=0.3, fit_intercept=False),
    "Lasso": dict(alpha=0.3, fit_intercept=False, max_iter=17, tol=1e-3),
    "ElasticNet": dict(alpha=0.3, l1_ratio=0.7, fit_intercept=False, max_iter=17, tol=1e-3),
}


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_params(impl):
    for name in MODELS:
        model = getattr(impl, name)(**PARAMS[name])
        for param, value in PARAMS[name].items():
            stored = getattr(model, param, "<missing>")
            assert stored == value, (
                f"{name}(**{PARAMS[name]}).{param} is {stored!r}; __init__ should store each "
                "argument unchanged under its own name"
            )


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self(impl, synthetic):
    X, y, _ = synthetic
    for name in MODELS:
        model = getattr(impl, name)(alpha=0.5)
        assert model.fit(X, y) is model, f"{name}.fit should end with `return self`"


@pytest.mark.points(1)
@pytest.mark.public
def test_predict_before_fit_raises(impl, synthetic):
    X, _, _ = synthetic
    for name in MODELS:
        with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
            getattr(impl, name)().predict(X)


@pytest.mark.points(1)
def test_ridge_shapes(impl, synthetic):
    X, y, _ = synthetic
    Y = np.column_stack([y, -y, 2 * y])  # (n_samples, 3)
    got = []
    for target in (y, Y):
        model = impl.Ridge(alpha=1.0).fit(X, target)
        got.append((np.shape(model.coef_), np.shape(model.intercept_), np.shape(model.predict(X))))
    expected = [((8,), (), (120,)), ((3, 8), (3,), (120, 3))]
    assert got == expected, (
        "shapes of (coef_, intercept_, predict(X)) for 1-D y and for y of shape (120, 3) "
        f"should be {expected} as in scikit-learn, got {got}"
    )


@pytest.mark.points(1)
def test_cd_shapes(impl, synthetic):
    X, y, _ = synthetic
    for name in ["Lasso", "ElasticNet"]:
        model = getattr(impl, name)(alpha=0.5).fit(X, y)
        got = (np.shape(model.coef_), np.shape(model.intercept_), np.shape(model.predict(X)))
        assert got == ((8,), (), (120,)), (
            f"{name}: (coef_, intercept_, predict(X)) should have shapes ((8,), (), (120,)), "
            f"got {got}"
        )
        n_iter = model.n_iter_
        assert isinstance(n_iter, (int, np.integer)) and 1 <= n_iter <= 1000, (
            f"{name}.n_iter_ should be the number of sweeps run, an int in [1, max_iter=1000]; "
            f"got {n_iter!r}"
        )


@pytest.mark.points(1)
def test_n_iter_stops_at_max_iter(impl, diabetes):
    X, y = diabetes
    # tol=0 is never met on this data within 3 sweeps, so exactly max_iter sweeps run.
    model = impl.Lasso(alpha=0.01, max_iter=3, tol=0.0).fit(X, y)
    assert model.n_iter_ == 3, (
        f"Lasso(max_iter=3, tol=0).fit(...) should stop after 3 sweeps; n_iter_ = {model.n_iter_}"
    )
    reference = SkLasso(alpha=0.01, max_iter=3, tol=0.0)
    fit_quietly(reference, X, y)
    # Three cyclic sweeps from w = 0 are the same arithmetic on both sides.
    assert_close(model.coef_, reference.coef_, rtol=1e-9, atol=1e-9,
                 what="coef_ after exactly 3 sweeps")


@pytest.mark.points(1)
def test_tol_controls_the_number_of_sweeps(impl, diabetes):
    X, y = diabetes
    loose = impl.Lasso(alpha=0.01, tol=1e-2, max_iter=5_000).fit(X, y).n_iter_
    tight = impl.Lasso(alpha=0.01, tol=1e-10, max_iter=5_000).fit(X, y).n_iter_
    # Relative changes fall by a constant factor per sweep here (~1100 sweeps to 1e-10).
    assert 1 <= loose < tight < 5_000, (
        f"with tol=1e-2 coordinate descent should stop after fewer sweeps than with tol=1e-10, "
        f"and before max_iter=5000; n_iter_ = {loose} and {tight}"
    )


@pytest.mark.points(1)
def test_stopping_rule_is_scale_free(impl, diabetes):
    X, y = diabetes
    # Multiplying y and alpha by c multiplies the whole objective by c^2 and the minimiser w by c.
    # With c = 1024 (a power of 2) every iterate is scaled exactly, so a relative stopping rule
    # (max |dw_j| <= tol * max |w_j|) stops after the same sweep; an absolute one does not.
    small = impl.Lasso(alpha=0.1, tol=1e-4).fit(X, y)
    large = impl.Lasso(alpha=0.1 * 1024, tol=1e-4).fit(X, 1024 * y)
    assert small.n_iter_ == large.n_iter_, (
        f"Lasso(alpha=0.1, tol=1e-4) on y stopped after {small.n_iter_} sweeps but "
        f"Lasso(alpha=102.4, tol=1e-4) on 1024 * y after {large.n_iter_}: the stopping rule should "
        "compare the largest weight change with tol * the largest weight, not with tol alone"
    )
    assert_close(large.coef_, 1024 * np.asarray(small.coef_), rtol=1e-12, atol=1e-9,
                 what="coef_ for (1024 y, 1024 alpha)", baseline="1024 * coef_ for (y, alpha)")


# -- 2. agreement with scikit-learn and closed forms -----------------------------------------
@pytest.mark.points(2)
def test_soft_threshold_closed_form(impl):
    z = np.array([-5.0, -1.5, -1.0, -0.3, 0.0, 0.7, 1.0, 1.2, 4.0])
    got = impl.soft_threshold(z, 1.0)
    assert_close(got, [-4.0, -0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.2, 3.0], rtol=1e-12, atol=1e-12,
                 what="soft_threshold(z, 1.0)", baseline="sign(z) * max(|z| - 1, 0)")
    zero = impl.soft_threshold(z, 0.0)
    assert_close(zero, z, rtol=0, atol=0, what="soft_threshold(z, 0.0)", baseline="z itself")
    scalar = impl.soft_threshold(-2.5, 0.5)
    assert_close(scalar, -2.0, rtol=1e-12, atol=1e-12, what="soft_threshold(-2.5, 0.5)",
                 baseline="sign(z) * max(|z| - t, 0)")


# Ridge is a direct solve: scikit-learn's Cholesky and any stable solver agree to rounding
# (~1e-13 on this data, cond ~ 25); rtol=1e-8 leaves room and rejects every wrong formula.
RIDGE_CASES = [(0.1, True), (25.0, True), (0.1, False), (25.0, False)]
RIDGE_IDS = ["alpha=0.1-intercept", "alpha=25-intercept", "alpha=0.1-no-intercept",
             "alpha=25-no-intercept"]


@pytest.mark.points(1)
@pytest.mark.parametrize("alpha, fit_intercept", RIDGE_CASES, ids=RIDGE_IDS)
@pytest.mark.public
def test_ridge_matches_sklearn(impl, synthetic, alpha, fit_intercept):
    X, y, X_new = synthetic
    model = impl.Ridge(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
    reference = SkRidge(alpha=alpha, fit_intercept=fit_intercept).fit(X, y)
    assert_close(model.coef_, reference.coef_, rtol=1e-8, atol=1e-10, what="coef_")
    assert_close(scalar(model.intercept_), reference.intercept_, rtol=1e-8, atol=1e-10, what="intercept_")
    assert_close(model.predict(X_new), reference.predict(X_new), rtol=1e-8, atol=1e-10,
                 what="predict(X_new)")


@pytest.mark.points(1)
def test_ridge_2d_y_matches_sklearn(impl, synthetic):
    X, y, X_new = synthetic
    Y = np.column_stack([y, X[:, 2] - 0.5 * y, np.sin(X[:, 0])])  # (n_samples, 3)
    model = impl.Ridge(alpha=3.0).fit(X, Y)
    reference = SkRidge(alpha=3.0).fit(X, Y)
    # Three independent ridge problems sharing X; rounding-level agreement as above.
    assert_close(model.coef_, reference.coef_, rtol=1e-8, atol=1e-10, what="coef_ (2-D y)")
    assert_close(model.intercept_, reference.intercept_, rtol=1e-8, atol=1e-10,
                 what="intercept_ (2-D y)")


@pytest.mark.points(1)
def test_ridge_alpha_zero_is_least_squares(impl, synthetic):
    X, y, _ = synthetic
    model = impl.Ridge(alpha=0.0).fit(X, y)
    A = np.column_stack([X, np.ones(len(y))])  # (n_samples, n_features + 1)
    w = np.linalg.lstsq(A, y, rcond=None)[0]
    # Without a penalty ridge is ordinary least squares; cond([X, 1]) ~ 1e2, so ~1e-13.
    truth = "ordinary least squares (np.linalg.lstsq)"
    assert_close(model.coef_, w[:-1], rtol=1e-8, atol=1e-10, what="Ridge(alpha=0).coef_",
                 baseline=truth)
    assert_close(scalar(model.intercept_), w[-1], rtol=1e-8, atol=1e-10, what="Ridge(alpha=0).intercept_",
                 baseline=truth)


@pytest.mark.points(1)
def test_ridge_huge_alpha_keeps_the_mean(impl, synthetic):
    X, y, _ = synthetic
    model = impl.Ridge(alpha=1e12).fit(X, y)
    # All weights shrink to ~||X^T y|| / alpha ~ 1e-7; the unpenalised intercept is the mean of
    # y minus x_mean . w (~1e-6). A penalised intercept would shrink to 0 as well.
    assert_close(model.coef_, np.zeros(8), rtol=0, atol=1e-5, what="Ridge(alpha=1e12).coef_",
                 baseline="0 (the penalty wins)")
    assert_close(scalar(model.intercept_), y.mean(), rtol=0, atol=1e-4, what="Ridge(alpha=1e12).intercept_",
                 baseline="mean(y) (the intercept is not penalised)")


@pytest.mark.points(1)
@pytest.mark.parametrize("name", MODELS)
def test_shifting_X_changes_only_the_intercept(impl, synthetic, name):
    X, y, _ = synthetic
    params = dict(alpha=0.5) if name == "Ridge" else dict(alpha=0.5, **TIGHT)
    model = getattr(impl, name)(**params)
    before = model.fit(X, y).coef_
    after = model.fit(X + 100.0, y).coef_
    # With the intercept unpenalised, w depends only on the centred data, which a shift of X
    # leaves unchanged (up to rounding of 100 + x, ~1e-14 relative; CD stops at 1e-12).
    assert_close(after, before, rtol=1e-7, atol=1e-9, what=f"{name}.coef_ after X -> X + 100",
                 baseline="coef_ before the shift")


# Coordinate descent: both sides converge linearly to a relative weight change below 1e-12
# (scikit-learn also checks its duality gap), and agree to ~1e-13 relative on these data sets.
# rtol=1e-7 leaves a wide margin; atol=1e-8 * max|coef_| covers coefficients near 0.
def cd_tol(reference):
    return dict(rtol=1e-7, atol=1e-8 * max(1.0, np.abs(reference.coef_).max()))


LASSO_CASES = [("synthetic", 0.3), ("synthetic", 2.0), ("diabetes", 0.1), ("diabetes", 1.0)]
LASSO_IDS = [f"{d}-alpha={a}" for d, a in LASSO_CASES]


@pytest.mark.points(1)
@pytest.mark.parametrize("dataset, alpha", LASSO_CASES, ids=LASSO_IDS)
def test_lasso_matches_sklearn(impl, data, dataset, alpha):
    X, y = data[dataset]
    model = impl.Lasso(alpha=alpha, **TIGHT).fit(X, y)
    reference = SkLasso(alpha=alpha, **TIGHT).fit(X, y)
    assert_close(model.coef_, reference.coef_, **cd_tol(reference), what="coef_")
    assert_close(scalar(model.intercept_), reference.intercept_, **cd_tol(reference), what="intercept_")


@pytest.mark.points(2)
def test_lasso_sparsity_matches_sklearn(impl, data):
    # On these cases every zero weight has |X_j . r| / n at most 0.98 alpha and every non-zero
    # weight is above 0.01: the pattern of exact zeros is not a rounding accident.
    for dataset, alpha in LASSO_CASES:
        X, y = data[dataset]
        model = impl.Lasso(alpha=alpha, **TIGHT).fit(X, y)
        reference = SkLasso(alpha=alpha, **TIGHT).fit(X, y)
        coef = np.asarray(model.coef_)
        zero, expected = np.flatnonzero(coef == 0.0), np.flatnonzero(reference.coef_ == 0.0)
        assert np.array_equal(zero, expected), (
            f"{dataset}, Lasso(alpha={alpha}): the coefficients that are exactly 0 should be "
            f"{expected.tolist()} as in scikit-learn, got {zero.tolist()} (coef_ = "
            f"{np.round(coef, 4).tolist()}); soft thresholding sets |rho| <= n * alpha to 0"
        )


EN_CASES = [("synthetic", 1.0, 0.2), ("synthetic", 1.0, 0.9), ("diabetes", 0.01, 0.5)]
EN_IDS = [f"{d}-alpha={a}-l1_ratio={r}" for d, a, r in EN_CASES]


@pytest.mark.points(1)
@pytest.mark.parametrize("dataset, alpha, l1_ratio", EN_CASES, ids=EN_IDS)
def test_elastic_net_matches_sklearn(impl, data, dataset, alpha, l1_ratio):
    X, y = data[dataset]
    model = impl.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, **TIGHT).fit(X, y)
    reference = SkElasticNet(alpha=alpha, l1_ratio=l1_ratio, **TIGHT).fit(X, y)
    assert_close(model.coef_, reference.coef_, **cd_tol(reference), what="coef_")
    assert_close(scalar(model.intercept_), reference.intercept_, **cd_tol(reference), what="intercept_")
    zero, expected = np.flatnonzero(model.coef_ == 0.0), np.flatnonzero(reference.coef_ == 0.0)
    assert np.array_equal(zero, expected), (
        f"the coefficients that are exactly 0 should be {expected.tolist()}, got {zero.tolist()}"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("name", ["Lasso", "ElasticNet"])
def test_cd_no_intercept_matches_sklearn(impl, synthetic, name):
    X, y, X_new = synthetic
    model = getattr(impl, name)(alpha=5.0, fit_intercept=False, **TIGHT).fit(X, y)
    reference = sk_cd(name, alpha=5.0, fit_intercept=False, **TIGHT).fit(X, y)
    assert_close(model.coef_, reference.coef_, **cd_tol(reference), what="coef_ (fit_intercept=False)")
    assert_close(scalar(model.intercept_), 0.0, rtol=0, atol=0, what="intercept_ (fit_intercept=False)")
    assert_close(model.predict(X_new), reference.predict(X_new), **cd_tol(reference),
                 what="predict(X_new) (fit_intercept=False)")


@pytest.mark.points(1)
def test_elastic_net_l1_ratio_zero_is_ridge(impl, synthetic):
    X, y, _ = synthetic
    alpha, n = 0.2, len(y)
    model = impl.ElasticNet(alpha=alpha, l1_ratio=0.0, **TIGHT).fit(X, y)
    # (1/2n)||r||^2 + alpha/2 ||w||^2 is (1/2n) times ||r||^2 + n alpha ||w||^2: a ridge problem
    # with penalty n * alpha, whose closed form we solve directly. CD stops at 1e-12 relative.
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + n * alpha * np.eye(8), Xc.T @ yc)
    truth = "the ridge closed form (Xc^T Xc + n alpha I)^-1 Xc^T yc"
    assert_close(model.coef_, w, rtol=1e-7, atol=1e-9, what="ElasticNet(l1_ratio=0).coef_",
                 baseline=truth)


@pytest.mark.points(1)
@pytest.mark.parametrize("l1_ratio", [1.0, 0.6], ids=["lasso", "elastic-net"])
def test_lasso_optimality_conditions(impl, synthetic, l1_ratio):
    X, y, _ = synthetic
    alpha, n = 1.0, len(y)
    model = impl.ElasticNet(alpha=alpha, l1_ratio=l1_ratio, **TIGHT).fit(X, y)
    w = np.asarray(model.coef_, dtype=float)
    r = y - np.asarray(model.predict(X), dtype=float)  # (n_samples,)
    # Subgradient conditions at the minimum: g_j = X_j . r / n - alpha (1 - l1_ratio) w_j equals
    # alpha * l1_ratio * sign(w_j) where w_j != 0 and lies in [-alpha l1_ratio, alpha l1_ratio]
    # where w_j == 0. At a relative change of 1e-12 they hold to ~1e-10; 1e-6 is generous.
    g = (X - X.mean(axis=0)).T @ r / n - alpha * (1 - l1_ratio) * w  # (n_features,)
    lam = alpha * l1_ratio
    active = w != 0
    bad_active = np.abs(g - lam * np.sign(w)) > 1e-6 * lam
    bad_zero = np.abs(g) > lam * (1 + 1e-6)
    bad = np.flatnonzero(np.where(active, bad_active, bad_zero))
    assert abs(r.mean()) < 1e-8 * np.abs(y).max(), (
        f"with fit_intercept=True the residuals should have mean 0, got {r.mean():.3g}"
    )
    assert bad.size == 0, (
        f"ElasticNet(alpha={alpha}, l1_ratio={l1_ratio}) is not at its minimum: at feature "
        f"j={bad[0]}, w_j = {w[bad[0]]:.6g} and g_j = X_j . r / n - alpha (1 - l1_ratio) w_j = "
        f"{g[bad[0]]:.6g}, but g_j should be alpha * l1_ratio * sign(w_j) if w_j != 0, and within "
        f"+-alpha * l1_ratio = +-{lam:.6g} if w_j == 0"
    )


@pytest.mark.points(2)
def test_lasso_alpha_max_gives_all_zeros(impl, synthetic):
    X, y, _ = synthetic
    n = len(y)
    corr = (X - X.mean(axis=0)).T @ (y - y.mean()) / n  # (n_features,)
    alpha_max = np.abs(corr).max()  # the smallest alpha at which w = 0 is optimal
    above = impl.Lasso(alpha=1.001 * alpha_max, **TIGHT).fit(X, y)
    coef = np.asarray(above.coef_)
    assert np.all(coef == 0.0), (
        f"for alpha >= max_j |X_j . (y - mean y)| / n = {alpha_max:.4g} every lasso weight is "
        f"exactly 0; with alpha = {1.001 * alpha_max:.4g}, coef_ = {np.round(coef, 4).tolist()}"
    )
    assert_close(scalar(above.intercept_), y.mean(), rtol=1e-12, atol=1e-12,
                 what="intercept_ when every weight is 0", baseline="mean(y)")
    assert above.n_iter_ <= 1, (
        f"a sweep that leaves every weight at 0 has max |dw| = 0 <= tol * max |w| = 0 and should "
        f"stop coordinate descent; with alpha >= alpha_max, n_iter_ = {above.n_iter_}"
    )
    below = np.asarray(impl.Lasso(alpha=0.95 * alpha_max, **TIGHT).fit(X, y).coef_)
    expected = [int(np.argmax(np.abs(corr)))]
    assert np.flatnonzero(below).tolist() == expected, (
        f"just below alpha_max = {alpha_max:.4g} only the feature most correlated with y, "
        f"{expected}, should be non-zero; got coef_ = {np.round(below, 4).tolist()}"
    )


@pytest.mark.points(1)
def test_lasso_alpha_zero_is_least_squares(impl, synthetic):
    X, y, _ = synthetic
    model = impl.Lasso(alpha=0.0, **TIGHT).fit(X, y)
    A = np.column_stack([X, np.ones(len(y))])  # (n_samples, n_features + 1)
    w = np.linalg.lstsq(A, y, rcond=None)[0]
    # Coordinate descent on plain least squares (Gauss-Seidel) converges to the OLS solution;
    # stopping at 1e-12 relative change with cond ~ 25 leaves ~1e-10.
    truth = "ordinary least squares (np.linalg.lstsq)"
    assert_close(model.coef_, w[:-1], rtol=1e-7, atol=1e-8, what="Lasso(alpha=0).coef_",
                 baseline=truth)
    assert_close(scalar(model.intercept_), w[-1], rtol=1e-7, atol=1e-8, what="Lasso(alpha=0).intercept_",
                 baseline=truth)


@pytest.mark.points(1)
def test_constant_column_gets_zero_weight(impl, synthetic):
    X, y, _ = synthetic
    X = np.column_stack([X[:, :3], np.full(len(y), 4.0), X[:, 3:]])  # (n_samples, 9)
    model = impl.Lasso(alpha=0.3, **TIGHT).fit(X, y)
    reference = SkLasso(alpha=0.3, **TIGHT).fit(X, y)
    # A constant column is 0 once centred: its weight stays 0 (do not divide by ||X_j||^2 = 0).
    assert_close(model.coef_, reference.coef_, **cd_tol(reference), what="coef_ with a constant column")


# -- 3. edge cases and error messages --------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_rejects_negative_alpha(impl, synthetic):
    X, y, _ = synthetic
    for name in MODELS:
        with pytest.raises(ValueError, match=r"alpha") as excinfo:
            getattr(impl, name)(alpha=-0.5).fit(X, y)
        assert "-0.5" in str(excinfo.value), (
            f"{name}(alpha=-0.5).fit: the ValueError should give the alpha received (-0.5), "
            f"but it says: {excinfo.value}"
        )


@pytest.mark.points(1)
def test_rejects_bad_l1_ratio_or_max_iter(impl, synthetic):
    X, y, _ = synthetic
    for l1_ratio in (-0.1, 1.5):
        with pytest.raises(ValueError, match=r"l1_ratio"):
            impl.ElasticNet(alpha=0.1, l1_ratio=l1_ratio).fit(X, y)
    with pytest.raises(ValueError, match=r"max_iter"):
        impl.Lasso(alpha=0.1, max_iter=0).fit(X, y)
    n_iter = impl.Lasso(alpha=0.1, max_iter=1).fit(X, y).n_iter_
    assert n_iter == 1, f"max_iter=1 is valid (one sweep); Lasso(max_iter=1) gave n_iter_ = {n_iter}"


@pytest.mark.points(1)
def test_rejects_bad_input(impl, synthetic):
    X, y, _ = synthetic
    bad = X.copy()
    bad[3, 2] = np.nan
    for name in MODELS:
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            getattr(impl, name)().fit(bad, y)
        with pytest.raises(ValueError) as excinfo:
            getattr(impl, name)().fit(X[:30], y[:25])
        message = str(excinfo.value)
        assert re.search(r"\b30\b", message) and re.search(r"\b25\b", message), (
            f"{name}: X has 30 samples and y has 25; the ValueError should give both counts: "
            f"{message!r}"
        )
        model = getattr(impl, name)(alpha=0.5).fit(X, y)
        with pytest.raises(ValueError, match=r"(?i)feature"):
            model.predict(X[:, :5])


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("forgets the factor n of the 1/(2n) scaling in the lasso threshold",
     "l1 = n * self.alpha * self.l1_ratio", "l1 = self.alpha * self.l1_ratio",
     "coef_ differs from scikit-learn's"),
    ("does not update the residual after a coordinate step",
     "corr -= (w[j] - w_j) * gram[j]\n", "pass\n", "is not at its minimum"),
    ("solves ridge on the uncentred X (intercept from the means afterwards)",
     "X_aug = np.vstack([Xc, ", "X_aug = np.vstack([X, ", "coef_ differs from scikit-learn's"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, 20 sweeps of cyclic coordinate descent for the lasso on centred data with
# covariance updates (the Gram matrix X^T X once, then O(p) per coordinate step: scikit-learn's
# precompute=True), tol=0 so that neither stops early; the coefficients agree to 1e-13.
# Correlated features so that 20 sweeps do not converge. scikit-learn also computes the duality
# gap twice (before the first sweep and after the last), each about the cost of one sweep.
def _bench_data(n):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 100))
    X[:, 1:] += 0.9 * X[:, :-1]
    return X, X[:, :10] @ rng.normal(size=10) + rng.normal(size=n)


def _bench_impl(module, data):
    X, y = data
    module.Lasso(alpha=0.01, max_iter=20, tol=0.0).fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the ConvergenceWarning of a capped max_iter
        SkLasso(alpha=0.01, max_iter=20, tol=0.0, precompute=True).fit(X, y).predict(X)


BENCHMARK = {
    "what": "Lasso fit (20 sweeps of coordinate descent, covariance updates, alpha=0.01) + predict, "
            "n x 100",
    "size": 50_000, "check_size": 3_000,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Compute the Gram matrix X^T X and the correlations X^T y once, then keep the "
            "correlations X^T r up to date after each coordinate step (O(p)) instead of "
            "recomputing the residual (O(n p)) (README: 'Coordinate descent').",
}
