"""Hidden tests for the logistic regression lesson.

Plausible mistakes, and the tests that catch them:

- C used as the penalty strength lambda (minimising ||w||^2/2 * C + loss), or the 1/2 dropped
  from the penalty: test_binary_matches_sklearn, test_multinomial_matches_sklearn (the C grid
  spans 0.01 to 100) and test_gradient_vanishes_at_solution.
- Penalising the intercept: test_intercept_is_log_odds_when_features_are_useless (a closed
  form), test_gradient_vanishes_at_solution, and every comparison (the classes are imbalanced,
  so the intercepts are far from 0).
- penalty=None ignored (still shrinking with C=1): test_no_penalty_matches_sklearn.
- fit_intercept=False ignored, or intercept_ left unset: test_without_intercept.
- max_iter not capping the Newton steps, n_iter_ off by one, a stopping rule that never fires,
  or a line search that does not halve an overshooting step: test_max_iter_counts_newton_steps.
- One-vs-rest sigmoids instead of one softmax for 3+ classes, or a 2-column softmax for two
  classes (coef_ of shape (2, n_features)): test_multinomial_matches_sklearn,
  test_fitted_attributes_and_output_shapes, test_binary_matches_sklearn.
- Multinomial coefficients not in scikit-learn's symmetric parametrisation (intercepts or,
  without penalty, coefficients that do not sum to 0 over the classes): the multinomial
  comparisons.
- Softmax or sigmoid without subtracting the maximum (exp overflows to inf, inf/inf is NaN):
  test_large_scores_do_not_overflow, test_far_outlier_in_training.
- A solver that stops early (plain gradient descent for 100 steps): every comparison with
  scikit-learn, whose tolerance asks for a well-converged optimum.
- predict returning column indices instead of labels, classes not sorted like np.unique, the
  positive class taken to be classes_[0]: test_labels_and_class_order.
- No input validation: test_non_positive_C_raises, test_single_class_raises, test_non_finite_fit_input_raises,
  test_non_finite_predict_input_raises, test_wrong_n_features_raises, test_bad_shapes_raise,
  test_not_fitted_raises.
"""

import warnings

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from sklearn.preprocessing import StandardScaler

from grader.testing import assert_close, assert_equal_labels

# A converged optimum is unique, so a well-converged solver agrees with scikit-learn's
# Newton solver (tol=1e-10) to ~1e-9; 1e-5 relative leaves room for any second-order or
# quasi-Newton method, while C/2 for C (a dropped 1/2) moves the weights by >= 1e-4 even at C=100.
COEF_TOL = {"rtol": 1e-5, "atol": 1e-6}
# Probabilities move by at most 1/4 of the score error per unit of score; with 5 standardised
# features that keeps them within 1e-5 of scikit-learn's when the weights are within COEF_TOL.
PROBA_TOL = {"rtol": 0.0, "atol": 1e-5}


# --- data -----------------------------------------------------------------------------------
def classification(n_classes, seed=0, n_samples=200):
    """Standardised, non-separable (10% flipped labels) data with imbalanced classes."""
    weights = {2: [0.65], 3: [0.5, 0.3], 4: [0.4, 0.3, 0.2]}[n_classes]
    X, y = make_classification(
        n_samples=n_samples, n_features=5, n_informative=3, n_redundant=0,
        n_classes=n_classes, n_clusters_per_class=1, weights=weights, flip_y=0.1,
        random_state=n_classes + seed,
    )
    return StandardScaler().fit_transform(X), y


@pytest.fixture(scope="module")
def binary():
    return classification(2)


@pytest.fixture(scope="module")
def three_classes():
    return classification(3)


@pytest.fixture(scope="module")
def four_classes():
    return classification(4)


def sklearn_fit(X, y, C=1.0, fit_intercept=True):
    """scikit-learn's fit, far more converged than the tolerances ask for.

    scikit-learn 1.8 deprecated `penalty`: L2 is the default (l1_ratio=0), and C=np.inf means
    no penalty. FutureWarnings become errors here so a deprecated call cannot slip in.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)
        model = SkLogisticRegression(
            C=C, fit_intercept=fit_intercept, solver="newton-cholesky", tol=1e-10, max_iter=1000
        )
        return model.fit(X, y)


def assert_same_model(model, expected, X):
    """coef_, intercept_, decision_function and predict_proba agree with scikit-learn's."""
    assert_close(model.coef_, expected.coef_, **COEF_TOL, what="coef_")
    assert_close(model.intercept_, expected.intercept_, **COEF_TOL, what="intercept_")
    # Scores are linear in the weights, with |x| up to ~4: 5x the weights' tolerance.
    assert_close(model.decision_function(X), expected.decision_function(X), rtol=5e-5,
                 atol=5e-6, what="decision_function(X)")
    assert_close(model.predict_proba(X), expected.predict_proba(X), **PROBA_TOL,
                 what="predict_proba(X)")


def softmax_rows(Z):
    Z = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


# --- 1. API conventions -----------------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_keeps_parameters(impl, binary):
    X, y = binary
    model = impl.LogisticRegression(penalty="l2", C=0.5, fit_intercept=False, max_iter=50,
                                    tol=1e-9)
    assert model.fit(X, y) is model, "fit(X, y) should return self"
    got = (model.penalty, model.C, model.fit_intercept, model.max_iter, model.tol)
    assert got == ("l2", 0.5, False, 50, 1e-9), (
        f"after fit, (penalty, C, fit_intercept, max_iter, tol) are {got}; "
        "__init__ should store its arguments unchanged and fit should not modify them"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_raises(impl, binary):
    X, _ = binary
    model = impl.LogisticRegression()
    for method in ("predict", "predict_proba", "decision_function"):
        with pytest.raises((ValueError, AttributeError), match="fit"):
            getattr(model, method)(X)


@pytest.mark.points(1)
@pytest.mark.parametrize("n_classes", [2, 3], ids=["binary", "3-classes"])
def test_fitted_attributes_and_output_shapes(impl, n_classes, binary, three_classes):
    X, y = binary if n_classes == 2 else three_classes
    model = impl.LogisticRegression().fit(X, y)
    K = 1 if n_classes == 2 else n_classes  # scikit-learn: one weight vector for two classes
    n, d = X.shape
    shapes = {
        "coef_": (np.shape(model.coef_), (K, d)),
        "intercept_": (np.shape(model.intercept_), (K,)),
        "classes_": (np.shape(model.classes_), (n_classes,)),
        "predict(X)": (np.shape(model.predict(X)), (n,)),
        "predict_proba(X)": (np.shape(model.predict_proba(X)), (n, n_classes)),
        "decision_function(X)": (np.shape(model.decision_function(X)), (n,) if K == 1 else (n, K)),
    }
    for what, (got, want) in shapes.items():
        assert got == want, f"{what} has shape {got}, expected {want}"
    proba = model.predict_proba(X)
    assert_close(proba.sum(axis=1), np.ones(n), rtol=0, atol=1e-12,
                 what="predict_proba(X).sum(axis=1)", baseline="1")
    assert_equal_labels(model.predict(X), model.classes_[np.argmax(proba, axis=1)],
                        what="predict(X)", baseline="classes_[argmax of predict_proba(X)]")


# --- 2. agreement with scikit-learn ----------------------------------------------------------
@pytest.mark.points(2)
@pytest.mark.parametrize("C", [0.01, 1.0, 100.0], ids=["C=0.01", "C=1", "C=100"])
@pytest.mark.public
def test_binary_matches_sklearn(impl, binary, C):
    X, y = binary
    model = impl.LogisticRegression(C=C).fit(X, y)
    assert_same_model(model, sklearn_fit(X, y, C=C), X)


@pytest.mark.points(2)
@pytest.mark.parametrize(
    "C, data", [(0.01, "three_classes"), (1.0, "three_classes"), (100.0, "four_classes")],
    ids=["C=0.01-3-classes", "C=1-3-classes", "C=100-4-classes"],
)
def test_multinomial_matches_sklearn(impl, request, C, data):
    X, y = request.getfixturevalue(data)
    model = impl.LogisticRegression(C=C).fit(X, y)
    assert_same_model(model, sklearn_fit(X, y, C=C), X)


@pytest.mark.points(1)
@pytest.mark.parametrize("data", ["binary", "three_classes"], ids=["binary", "3-classes"])
def test_no_penalty_matches_sklearn(impl, request, data):
    # The data are not separable, so the unpenalised optimum exists (and is unique up to the
    # multinomial's shift, which scikit-learn fixes by centring over the classes).
    X, y = request.getfixturevalue(data)
    model = impl.LogisticRegression(penalty=None).fit(X, y)
    assert_same_model(model, sklearn_fit(X, y, C=np.inf), X)


def overshooting_data():
    """13 samples of heavy-tailed (Cauchy) features, a few far out. From W = 0 with C=5,
    Newton's 4th full step increases the objective, and the line search halves it once: rare
    for the logistic loss, whose curvature is largest at W = 0."""
    X = np.array([
        [-0.2, 0.3, -1.5], [-24.8, 2.6, -0.3], [0.6, -0.2, 0.8], [-0.9, -0.5, 0.5],
        [3.6, -13.6, -0.9], [0.7, 0.6, -0.4], [-0.9, 0.1, -0.1], [0.0, 0.4, 7.2],
        [1.2, 0.3, -2.7], [-0.2, 45.8, 0.6], [-0.7, -0.5, 0.9], [0.6, -3.3, 0.4],
        [-2.4, 7.1, 0.2],
    ])
    return X, np.array([0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 1, 0])


@pytest.mark.points(1)
@pytest.mark.parametrize("data", ["binary", "overshooting"], ids=["binary", "overshooting-step"])
def test_max_iter_counts_newton_steps(impl, request, data):
    # From W = 0 Newton's method with this line search is fully determined, and scikit-learn's
    # newton-cholesky takes the same steps (the same halving; its Armijo constant differs but
    # accepts the same step sizes here): after k steps the two agree to ~1e-15, so 1e-8 leaves
    # room for rounding only, while one step more or fewer moves the weights by 0.3 or more in
    # the first steps, and not halving the 4th step of the overshooting data by about 0.6.
    X, y = overshooting_data() if data == "overshooting" else request.getfixturevalue(data)
    C = 5.0 if data == "overshooting" else 1.0
    for steps in range(1, 6):
        model = impl.LogisticRegression(C=C, max_iter=steps, tol=0.0).fit(X, y)
        assert model.n_iter_ == steps, (
            f"with max_iter={steps} and tol=0, n_iter_ is {model.n_iter_}; it should count the "
            "Newton steps taken, and max_iter should cap them")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the ConvergenceWarning of a capped max_iter
            expected = SkLogisticRegression(C=C, solver="newton-cholesky", max_iter=steps, tol=0.0)
            expected.fit(X, y)
        assert_close(model.coef_, expected.coef_, rtol=1e-8, atol=1e-10,
                     what=f"coef_ after max_iter={steps} Newton steps from 0",
                     baseline=f"scikit-learn's newton-cholesky after {steps} steps (check the line search)")
    if data == "binary":
        # Convergence is quadratic: 7 steps here; gradient descent, or a stopping rule that
        # never fires, runs to max_iter.
        n_iter = impl.LogisticRegression(max_iter=50).fit(X, y).n_iter_
        assert n_iter <= 15, (
            f"n_iter_ is {n_iter} with the default tol; Newton's method needs 5 to 10 steps here")


@pytest.mark.points(1)
@pytest.mark.parametrize("data", ["binary", "three_classes"], ids=["binary", "3-classes"])
def test_without_intercept(impl, request, data):
    X, y = request.getfixturevalue(data)
    model = impl.LogisticRegression(C=0.3, fit_intercept=False).fit(X, y)
    assert_same_model(model, sklearn_fit(X, y, C=0.3, fit_intercept=False), X)


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "labels",
    [np.array(["setosa", "virginica", "versicolor"]), np.array([5, -1]), np.array([7, -3, 2])],
    ids=["strings", "binary-ints-5-and-minus-1", "unsorted-ints"],
)
def test_labels_and_class_order(impl, labels):
    X, y_index = classification(len(labels), seed=10)
    order = np.argsort(y_index, kind="stable")  # labels first appear in the order given,
    X, y = X[order], labels[y_index[order]]  # which np.unique (and scikit-learn) re-sorts
    model = impl.LogisticRegression().fit(X, y)
    expected = sklearn_fit(X, y)
    assert_equal_labels(model.classes_, expected.classes_, what="classes_")
    assert_equal_labels(model.predict(X), expected.predict(X), what="predict(X)")
    # Columns of predict_proba (and the sign of a binary coef_) follow classes_.
    assert_close(model.predict_proba(X), expected.predict_proba(X), **PROBA_TOL,
                 what="predict_proba(X)")
    assert_close(model.coef_, expected.coef_, **COEF_TOL, what="coef_")


# --- closed forms and numerical stability ------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.parametrize(
    "data, C", [("binary", 1.0), ("three_classes", 0.1), ("three_classes", None)],
    ids=["binary-C=1", "3-classes-C=0.1", "3-classes-no-penalty"],
)
def test_gradient_vanishes_at_solution(impl, request, data, C):
    # Independent of scikit-learn: at the minimum of 0.5*||W||^2 + C * sum(log-loss) the
    # gradient is 0. Computed here from the learner's coef_ and intercept_, divided by C * n.
    X, y = request.getfixturevalue(data)
    penalty = None if C is None else "l2"
    model = impl.LogisticRegression(penalty=penalty, C=1.0 if C is None else C).fit(X, y)
    coef, intercept = np.asarray(model.coef_), np.asarray(model.intercept_)
    n_classes = len(np.unique(y))
    Z = X @ coef.T + intercept  # (n, K)
    if n_classes == 2:
        Z = np.hstack([np.zeros_like(Z), Z])
    R = softmax_rows(Z) - np.eye(n_classes)[y]  # (n, n_classes): P - Y
    R = R[:, -coef.shape[0]:]  # binary: only the positive class has weights
    n = len(y)
    grad_coef = R.T @ X / n + (0.0 if C is None else coef / (C * n))
    grad_intercept = R.sum(axis=0) / n
    # A converged optimum has a gradient of ~1e-12 on this mean-loss scale; a weight error
    # within COEF_TOL moves it by at most ~1e-7.
    assert_close(grad_coef, np.zeros_like(coef), rtol=0, atol=1e-6,
                 what="gradient of the objective w.r.t. coef_ (divided by C * n_samples)",
                 baseline="0 (the optimum's)")
    assert_close(grad_intercept, np.zeros_like(intercept), rtol=0, atol=1e-6,
                 what="gradient of the objective w.r.t. intercept_ (divided by C * n_samples)",
                 baseline="0 (the optimum's; is the intercept penalised?)")


@pytest.mark.points(1)
@pytest.mark.parametrize("counts", [(30, 70), (30, 60, 10)], ids=["binary", "3-classes"])
def test_intercept_is_log_odds_when_features_are_useless(impl, counts):
    # With all-zero features the weights get no signal and the penalty sets them to 0; the
    # unpenalised intercept then matches the class frequencies exactly: P(k) = n_k / n, i.e.
    # intercept = log(n_1 / n_0) (binary) or log(n_k) centred over the classes (multinomial).
    y = np.repeat(np.arange(len(counts)), counts)
    X = np.zeros((len(y), 3))
    model = impl.LogisticRegression(C=0.1).fit(X, y)
    log_n = np.log(counts)
    expected = log_n[1:] - log_n[0] if len(counts) == 2 else log_n - log_n.mean()
    # Exact up to the optimiser's convergence.
    assert_close(model.intercept_, expected, rtol=1e-6, atol=1e-8, what="intercept_",
                 baseline="the log-odds of the class frequencies")
    assert_close(model.coef_, np.zeros((len(expected), 3)), rtol=0, atol=1e-8, what="coef_",
                 baseline="0")


@pytest.mark.points(1)
@pytest.mark.parametrize("data", ["binary", "three_classes"], ids=["binary", "3-classes"])
def test_large_scores_do_not_overflow(impl, request, data):
    # Scores of ~1e4: exp(1e4) is inf in float64, so an unstabilised softmax returns inf/inf.
    X, y = request.getfixturevalue(data)
    model = impl.LogisticRegression(C=1.0).fit(X, y)
    X_far = 1e4 * X
    with np.errstate(over="ignore"):  # only the learner's code could overflow here
        proba = model.predict_proba(X_far)
    # Tiny weight differences are amplified 1e4 times; the point is finite, correct extremes.
    assert_close(proba, sklearn_fit(X, y).predict_proba(X_far), rtol=0, atol=1e-3,
                 what="predict_proba(1e4 * X)")


@pytest.mark.points(1)
@pytest.mark.parametrize("data", ["binary", "three_classes"], ids=["binary", "3-classes"])
def test_far_outlier_in_training(impl, request, data):
    # One feature on a large scale: two training samples at -1e4 and +1e4 along one feature,
    # each labelled with the class the model already predicts there. Their scores during fit
    # reach ~1e4 on both sides, so exp(score) overflows unless the maximum is subtracted.
    X, y = request.getfixturevalue(data)
    probe = sklearn_fit(X, y)
    x_far = np.zeros((2, X.shape[1]))
    x_far[:, np.argmax(np.abs(probe.coef_).max(axis=0))] = [-1e4, 1e4]
    X_out, y_out = np.vstack([X, x_far]), np.append(y, probe.predict(x_far))
    with np.errstate(over="ignore", invalid="ignore"):  # only the learner's code could warn
        model = impl.LogisticRegression(C=1.0).fit(X_out, y_out)
    assert_same_model(model, sklearn_fit(X_out, y_out), X)


# --- 3. edge cases and error messages ---------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.parametrize("C", [0.0, -1.0], ids=["zero", "negative"])
def test_non_positive_C_raises(impl, binary, C):
    """C scales the data term; C <= 0 has no minimiser (or a meaningless one)."""
    X, y = binary
    with pytest.raises(ValueError, match="C"):
        impl.LogisticRegression(C=C).fit(X, y)


@pytest.mark.points(1)
def test_single_class_raises(impl, binary):
    X, _ = binary
    with pytest.raises(ValueError, match="class"):
        impl.LogisticRegression().fit(X, np.full(len(X), "spam"))


@pytest.mark.points(1)
@pytest.mark.parametrize("bad", [np.nan, np.inf], ids=["nan", "inf"])
def test_non_finite_fit_input_raises(impl, binary, bad):
    X, y = binary
    X = X.copy()
    X[3, 1] = bad
    with pytest.raises(ValueError, match="(?i)nan|inf|finite"):
        impl.LogisticRegression().fit(X, y)


@pytest.mark.points(1)
def test_non_finite_predict_input_raises(impl, binary):
    X, y = binary
    model = impl.LogisticRegression().fit(X, y)
    X_bad = X[:5].copy()
    X_bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="(?i)nan|inf|finite"):
        model.predict(X_bad)


@pytest.mark.points(1)
def test_wrong_n_features_raises(impl, three_classes):
    X, y = three_classes
    model = impl.LogisticRegression().fit(X, y)
    with pytest.raises(ValueError, match="feature"):
        model.predict_proba(X[:, :3])


@pytest.mark.points(1)
def test_bad_shapes_raise(impl, binary):
    # The messages should say what was received, not leak a numpy broadcasting error.
    X, y = binary
    with pytest.raises(ValueError, match=r"(?i)\by\b|label|sample|length"):
        impl.LogisticRegression().fit(X, y[:-1])
    with pytest.raises(ValueError, match=r"(?i)2-?d|dimension|shape"):
        impl.LogisticRegression().fit(X[:, 0], y)
    with pytest.raises(ValueError, match=r"(?i)empty|sample|shape"):
        impl.LogisticRegression().fit(np.empty((0, 5)), np.empty(0))


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("penalises the intercept", "alpha[:n_features] = ", "alpha[:] = ", "is the intercept penalised?"),
    ("uses C as the penalty strength", "1.0 / self.C if", "self.C if", "coef_ differs from scikit-learn's"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, 5 Newton steps from zero on the L2-penalised binary problem (scikit-learn's
# "newton-cholesky" solver). tol=0 so that neither stops early; 5 steps are fewer than either
# needs to converge on these noisy labels (the two then agree to 1e-12).
def _bench_data(n):
    return make_classification(n_samples=n, n_features=50, n_informative=20, flip_y=0.1, random_state=0)


def _bench_impl(module, data):
    X, y = data
    module.LogisticRegression(C=1.0, max_iter=5, tol=0.0).fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the ConvergenceWarning of a capped max_iter
        SkLogisticRegression(C=1.0, solver="newton-cholesky", max_iter=5, tol=0.0).fit(X, y).predict(X)


BENCHMARK = {
    "what": "fit (5 Newton steps, binary, L2, C=1) + predict, n x 50",
    "size": 50_000, "check_size": 2_000,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Build the gradient and Hessian with matrix products over all samples at once "
            "(X.T @ (p - y), X.T @ (X * s[:, None])), not with a loop over samples, and solve the "
            "Newton system with np.linalg.solve or lstsq rather than inverting it "
            "(README: 'Newton's method').",
}
