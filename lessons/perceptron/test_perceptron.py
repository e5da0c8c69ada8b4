"""Hidden tests for the perceptron lesson.

Plausible mistakes, and the tests that catch them:

- Updating on every sample (not only on mistakes), or with the wrong sign (w -= eta y x):
  test_worked_example_epoch_by_epoch, test_matches_sklearn_without_shuffling,
  test_converges_on_separable_data.
- `<` instead of `<=` in the mistake condition y (w.x + b) <= 0: from w = 0 no score is ever
  negative, so nothing is learned: test_worked_example_epoch_by_epoch (and every comparison).
- Labels used as 0/1 instead of -1/+1 (a 0 label never moves the weights), or the +1 class
  taken to be the first label seen instead of classes_[1]: test_labels_of_any_type,
  test_worked_example_epoch_by_epoch.
- The intercept not updated, or fit_intercept=False ignored: test_worked_example_epoch_by_epoch,
  test_matches_sklearn_without_shuffling, test_without_intercept_matches_sklearn.
- The "textbook" update w += eta (y - y_hat) x with y_hat = +1 at a score of 0: twice the step,
  and a score of 0 counted as correct for class +1: test_worked_example_epoch_by_epoch,
  test_matches_sklearn_without_shuffling.
- Stopping too early or too late (off-by-one in the epoch loop, not stopping after a
  mistake-free epoch), errors_ counting something else than the updates of each epoch (e.g. the
  training errors at the end of the epoch), n_iter_ off by one:
  test_worked_example_epoch_by_epoch, test_mistake_counts_match_the_rule,
  test_non_separable_runs_max_iter, test_novikoff_bound.
- Multiclass: the multiclass perceptron rule (update the true and the predicted class's rows)
  instead of one-vs-rest, errors_ not summed over the one-vs-rest problems, predict by argmin:
  test_multiclass_matches_sklearn, test_mistake_counts_match_the_rule.
- eta0 ignored: test_eta0_only_scales_the_weights.
- shuffle ignored, or the order drawn from the global numpy RNG or an unseeded generator:
  test_random_state_makes_shuffling_reproducible. Shuffled only once (the same order in every
  epoch): test_shuffle_draws_a_new_order_every_epoch.
- predict giving classes_[1] at a score of exactly 0, or column indices instead of labels:
  test_score_zero_predicts_first_class, test_labels_of_any_type.
- No input validation: test_bad_parameters_raise, test_single_class_raises,
  test_non_finite_fit_input_raises, test_non_finite_predict_input_raises,
  test_wrong_n_features_raises, test_bad_shapes_raise, test_not_fitted_raises.
"""

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, load_iris, make_classification
from sklearn.linear_model import Perceptron as SkPerceptron
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from grader.testing import assert_close, assert_equal_labels

# With shuffle=False scikit-learn makes the same updates in the same order, so the weights
# agree up to the order of floating-point summation in the dot products (observed: exactly).
EXACT = {"rtol": 1e-9, "atol": 1e-9}


# --- data -----------------------------------------------------------------------------------
# The README's worked example: five points, labels 0/1, converges in 4 epochs without shuffling.
WORKED_X = np.array([[2.0, -1.0], [0.0, 3.0], [2.0, 3.0], [-1.0, 1.0], [3.0, 1.0]])
WORKED_Y = np.array([0, 1, 1, 0, 1])
# State after each epoch (shuffle=False), worked out by hand from the rule in the README.
WORKED_EPOCHS = [
    # (max_iter, coef_, intercept_, errors_)
    (1, [[1.0, 3.0]], [-1.0], [3]),
    (2, [[2.0, 2.0]], [-2.0], [3, 1]),
    (1000, [[1.0, 2.0]], [-4.0], [3, 1, 2, 0]),
]


def separable(seed=0, n=200, d=5, gamma=0.02, intercept=True):
    """Linearly separable data with a known margin: X, y (0/1), and the Novikoff bound.

    Labels come from a hyperplane u.x + c; samples closer to it than gamma (measured in the
    space of [x, 1], where the intercept is the weight of the constant feature) are dropped.
    """
    rng = np.random.default_rng(seed)
    u, c = rng.normal(size=d), (0.3 if intercept else 0.0)
    X = rng.uniform(-1, 1, size=(4 * n, d))
    s = (X @ u + c) / np.linalg.norm(np.append(u, c))  # signed distance in [x, 1] space
    keep = np.abs(s) >= gamma
    X, s = X[keep][:n], s[keep][:n]
    R2 = np.max(np.sum(X**2, axis=1)) + (1.0 if intercept else 0.0)
    return X, (s > 0).astype(int), R2 / np.min(np.abs(s)) ** 2


def overlapping(seed=0):
    """Two overlapping classes (not separable), standardised, 150 samples."""
    X, y = make_classification(n_samples=150, n_features=4, n_informative=3, n_redundant=0,
                               n_clusters_per_class=1, flip_y=0.05, class_sep=0.8,
                               random_state=seed)
    return StandardScaler().fit_transform(X), y


def four_classes():
    X, y = make_classification(n_samples=200, n_features=5, n_informative=4, n_redundant=0,
                               n_classes=4, n_clusters_per_class=1, random_state=7)
    return StandardScaler().fit_transform(X), y


def iris():
    X, y = load_iris(return_X_y=True)
    return StandardScaler().fit_transform(X), y


DATA = {
    "separable": lambda: separable()[:2],
    "overlapping": overlapping,
    "iris": iris,
    "4-classes": four_classes,
}


def sklearn_fit(X, y, max_iter, eta0=1.0, fit_intercept=True):
    """scikit-learn's Perceptron without shuffling and without its loss-based stopping rule.

    tol=None runs exactly max_iter epochs; after a mistake-free epoch nothing changes any more,
    so its weights equal those of a perceptron that stops there.
    """
    return SkPerceptron(eta0=eta0, max_iter=max_iter, shuffle=False, tol=None,
                        fit_intercept=fit_intercept).fit(X, y)


def trusted_trace(X, y, max_iter, fit_intercept=True):
    """Mistakes per epoch of the documented rule (shuffle=False, eta0=1), one problem at a time.

    Returns errors_ summed over the one-vs-rest problems, cut after the first mistake-free epoch.
    """
    classes = np.unique(y)
    positives = classes[1:] if len(classes) == 2 else classes
    total = np.zeros(max_iter, dtype=int)
    for positive in positives:
        t = np.where(y == positive, 1.0, -1.0)
        w, b = np.zeros(X.shape[1]), 0.0
        for epoch in range(max_iter):
            before = total[epoch]
            for i in range(len(t)):
                if t[i] * (X[i] @ w + b) <= 0:
                    w, b = w + t[i] * X[i], b + (t[i] if fit_intercept else 0.0)
                    total[epoch] += 1
            if total[epoch] == before:  # this problem has converged: no more mistakes
                break
    zero = np.flatnonzero(total == 0)
    return total[: zero[0] + 1] if zero.size else total


def assert_same_model(model, expected, X):
    """coef_, intercept_, decision_function and predict agree with scikit-learn's."""
    assert_close(model.coef_, expected.coef_, **EXACT, what="coef_")
    assert_close(model.intercept_, expected.intercept_, **EXACT, what="intercept_")
    # Scores are sums of products of the weights with |x| <= ~4: a few times EXACT.
    assert_close(model.decision_function(X), expected.decision_function(X), rtol=1e-8, atol=1e-8,
                 what="decision_function(X)")
    assert_equal_labels(model.predict(X), expected.predict(X), what="predict(X)")


# --- 1. API conventions -----------------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_keeps_parameters(impl):
    X, y = overlapping()
    model = impl.Perceptron(eta0=0.5, max_iter=7, shuffle=False, fit_intercept=False,
                            random_state=3)
    assert model.fit(X, y) is model, "fit(X, y) should return self"
    got = (model.eta0, model.max_iter, model.shuffle, model.fit_intercept, model.random_state)
    assert got == (0.5, 7, False, False, 3), (
        f"after fit, (eta0, max_iter, shuffle, fit_intercept, random_state) are {got}; "
        "__init__ should store its arguments unchanged and fit should not modify them"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_raises(impl):
    model = impl.Perceptron()
    for method in ("predict", "decision_function"):
        with pytest.raises((ValueError, AttributeError), match="fit"):
            getattr(model, method)(WORKED_X)


@pytest.mark.points(1)
@pytest.mark.parametrize("data", ["overlapping", "iris"], ids=["binary", "3-classes"])
def test_fitted_attributes_and_output_shapes(impl, data):
    X, y = DATA[data]()
    model = impl.Perceptron(max_iter=5, random_state=0).fit(X, y)
    n_classes = len(np.unique(y))
    K = 1 if n_classes == 2 else n_classes  # scikit-learn: one weight vector for two classes
    n, d = X.shape
    shapes = {
        "coef_": (np.shape(model.coef_), (K, d)),
        "intercept_": (np.shape(model.intercept_), (K,)),
        "classes_": (np.shape(model.classes_), (n_classes,)),
        "errors_": (np.shape(model.errors_), (model.n_iter_,)),
        "predict(X)": (np.shape(model.predict(X)), (n,)),
        "decision_function(X)": (np.shape(model.decision_function(X)), (n,) if K == 1 else (n, K)),
    }
    for what, (got, want) in shapes.items():
        assert got == want, f"{what} has shape {got}, expected {want}"
    assert model.n_features_in_ == d, f"n_features_in_ is {model.n_features_in_}, expected {d}"


@pytest.mark.points(1)
def test_random_state_makes_shuffling_reproducible(impl):
    X, y = overlapping()

    def fit(seed, shuffle=True):
        model = impl.Perceptron(max_iter=3, shuffle=shuffle, random_state=seed).fit(X, y)
        return np.asarray(model.coef_), np.asarray(model.errors_)

    coef_a, errors_a = fit(0)
    coef_b, errors_b = fit(0)
    assert_close(coef_b, coef_a, rtol=0, atol=0, what="coef_ of a second fit with random_state=0",
                 baseline="the first fit's")
    assert_equal_labels(errors_b, errors_a, what="errors_ of a second fit with random_state=0",
                        baseline="the first fit's")
    # Different seeds give different orders, hence different weights (on non-separable data).
    others = [fit(seed)[0] for seed in (1, 2)] + [fit(0, shuffle=False)[0]]
    same = [np.allclose(coef, coef_a) for coef in others]
    assert not any(same), (
        f"coef_ with random_state=1, random_state=2 and shuffle=False equal coef_ with "
        f"random_state=0: {same}; shuffle=True should visit the samples in a new random order "
        "every epoch, drawn from np.random.default_rng(random_state)"
    )


@pytest.mark.points(1)
def test_shuffle_draws_a_new_order_every_epoch(impl):
    # XOR's four corners: for every one of the 24 fixed orders the perceptron makes 4 mistakes
    # in every epoch after the first. A new order per epoch makes 2, 3 or 4 (all 4 in 19
    # epochs has a probability of about 1e-6).
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    for seed in (0, 1, 2):
        model = impl.Perceptron(max_iter=20, random_state=seed).fit(X, np.array([0, 1, 1, 0]))
        errors = np.asarray(model.errors_)
        assert len(np.unique(errors[1:])) > 1, (
            f"errors_ on XOR with shuffle=True, random_state={seed} is {errors.tolist()}: the "
            "same count every epoch, as if every epoch visited the samples in the same order; "
            "draw a new permutation in every epoch (README: 'Shuffling')"
        )


# --- 2. the learning rule, and agreement with scikit-learn ------------------------------------
@pytest.mark.points(1)
@pytest.mark.parametrize("max_iter, coef, intercept, errors", WORKED_EPOCHS,
                         ids=["after-epoch-1", "after-epoch-2", "converged"])
def test_worked_example_epoch_by_epoch(impl, max_iter, coef, intercept, errors):
    # The README's table: each number follows from y (w.x + b) <= 0 and w += y x, b += y.
    model = impl.Perceptron(max_iter=max_iter, shuffle=False).fit(WORKED_X, WORKED_Y)
    assert_close(model.coef_, coef, rtol=0, atol=1e-12, what="coef_",
                 baseline=f"the README's worked example after {len(errors)} epoch(s)")
    assert_close(model.intercept_, intercept, rtol=0, atol=1e-12, what="intercept_",
                 baseline=f"the README's worked example after {len(errors)} epoch(s)")
    assert_equal_labels(np.asarray(model.errors_), np.array(errors),
                        what="errors_ (mistakes per epoch)", baseline="the README's worked example")
    assert model.n_iter_ == len(errors), f"n_iter_ is {model.n_iter_}, expected {len(errors)}"


@pytest.mark.points(1)
def test_score_zero_predicts_first_class(impl):
    # Converged weights w = (1, 2), b = -4: (4, 0) and (0, 2) lie exactly on the boundary.
    model = impl.Perceptron(shuffle=False).fit(WORKED_X, WORKED_Y)
    X_new = np.array([[4.0, 0.0], [0.0, 2.0], [5.0, 5.0], [0.0, 0.0]])
    assert_equal_labels(model.predict(X_new), np.array([0, 0, 1, 0]),
                        what="predict at scores (0, 0, 11, -4)",
                        baseline="classes_[score > 0] (a score of 0 is classes_[0])")


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "labels",
    [np.array([0, 1]), np.array(["no", "yes"]), np.array([-1, 5])],
    ids=["zero-one", "strings", "minus-one-and-five"],
)
def test_labels_of_any_type(impl, labels):
    # The first sample is classes_[0], so "the first label seen is +1" flips every weight.
    y = labels[WORKED_Y]
    model = impl.Perceptron(shuffle=False).fit(WORKED_X, y)
    expected = sklearn_fit(WORKED_X, y, max_iter=20)
    assert_equal_labels(model.classes_, expected.classes_, what="classes_")
    assert_same_model(model, expected, WORKED_X)


@pytest.mark.points(2)
@pytest.mark.parametrize("data, max_iter", [("separable", 1000), ("overlapping", 15)],
                         ids=["separable", "overlapping-15-epochs"])
@pytest.mark.public
def test_matches_sklearn_without_shuffling(impl, data, max_iter):
    X, y = DATA[data]()
    model = impl.Perceptron(max_iter=max_iter, shuffle=False).fit(X, y)
    assert_same_model(model, sklearn_fit(X, y, max_iter), X)


@pytest.mark.points(2)
@pytest.mark.parametrize("data", ["iris", "4-classes"])
def test_multiclass_matches_sklearn(impl, data):
    # One-vs-rest: one binary perceptron per class, each seeing the samples in the same order.
    X, y = DATA[data]()
    model = impl.Perceptron(max_iter=10, shuffle=False).fit(X, y)
    assert_same_model(model, sklearn_fit(X, y, 10), X)


@pytest.mark.points(1)
@pytest.mark.parametrize("data", ["overlapping", "iris"], ids=["binary", "3-classes"])
def test_without_intercept_matches_sklearn(impl, data):
    X, y = DATA[data]()
    model = impl.Perceptron(max_iter=10, shuffle=False, fit_intercept=False).fit(X, y)
    assert_same_model(model, sklearn_fit(X, y, 10, fit_intercept=False), X)


@pytest.mark.points(1)
@pytest.mark.parametrize("data, max_iter", [("separable", 1000), ("overlapping", 12), ("iris", 12)],
                         ids=["separable", "overlapping-12-epochs", "iris-12-epochs"])
def test_mistake_counts_match_the_rule(impl, data, max_iter):
    # scikit-learn does not report mistakes per epoch: the expected counts come from the rule,
    # run here one (one-vs-rest) problem at a time and summed over the problems.
    X, y = DATA[data]()
    model = impl.Perceptron(max_iter=max_iter, shuffle=False).fit(X, y)
    expected = trusted_trace(X, y, max_iter)
    assert_equal_labels(np.asarray(model.errors_), expected, what="errors_ (mistakes per epoch)",
                        baseline="the perceptron rule's")
    assert model.n_iter_ == len(expected), f"n_iter_ is {model.n_iter_}, expected {len(expected)}"


@pytest.mark.points(2)
def test_eta0_only_scales_the_weights(impl):
    # From w = 0 the weights are eta0 times a sum of y_i x_i over the mistakes, and the mistakes
    # do not depend on eta0: coef_ scales with eta0, predictions and errors_ do not change.
    X, y = overlapping()
    base = impl.Perceptron(max_iter=10, shuffle=False).fit(X, y)
    small = impl.Perceptron(eta0=0.1, max_iter=10, shuffle=False).fit(X, y)
    # 0.1 is not exact in binary: the scaled sums differ from 0.1 * sum by rounding only.
    assert_close(small.coef_, 0.1 * np.asarray(base.coef_), rtol=1e-9, atol=1e-12,
                 what="coef_ with eta0=0.1", baseline="0.1 * coef_ with eta0=1")
    assert_close(small.intercept_, 0.1 * np.asarray(base.intercept_), rtol=1e-9, atol=1e-12,
                 what="intercept_ with eta0=0.1", baseline="0.1 * intercept_ with eta0=1")
    assert_equal_labels(np.asarray(small.errors_), np.asarray(base.errors_),
                        what="errors_ with eta0=0.1", baseline="errors_ with eta0=1")
    assert_same_model(small, sklearn_fit(X, y, 10, eta0=0.1), X)


@pytest.mark.points(1)
@pytest.mark.parametrize("seed, intercept", [(0, True), (2, False)],
                         ids=["with-intercept", "through-origin-no-intercept"])
def test_converges_on_separable_data(impl, seed, intercept):
    X, y, _ = separable(seed=seed, intercept=intercept)
    model = impl.Perceptron(fit_intercept=intercept, random_state=seed).fit(X, y)
    errors = np.asarray(model.errors_)
    assert model.n_iter_ < 1000 and errors[-1] == 0 and np.all(errors[:-1] > 0), (
        f"on separable data the perceptron should stop after its first mistake-free epoch; "
        f"n_iter_={model.n_iter_}, errors_ ends with {errors[-5:].tolist()}"
    )
    assert_equal_labels(model.predict(X), y, what="predict(X_train) after convergence",
                        baseline="y (zero training errors)")


@pytest.mark.points(1)
def test_novikoff_bound(impl):
    # Novikoff: at most (R / gamma)^2 mistakes in all, whatever the order of the samples.
    for seed in (0, 1):
        X, y, bound = separable(seed=seed)
        model = impl.Perceptron(random_state=seed).fit(X, y)
        total = int(np.sum(model.errors_))
        assert 0 < total <= bound, (
            f"sum(errors_) is {total} with random_state={seed}; the perceptron makes at least "
            f"one and at most (R / gamma)^2 = {bound:.0f} mistakes on these data"
        )


@pytest.mark.points(1)
def test_non_separable_runs_max_iter(impl):
    # XOR in this order: 4 mistakes per epoch, and the weights return to 0 after every epoch.
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    model = impl.Perceptron(max_iter=7, shuffle=False).fit(X, y)
    assert model.n_iter_ == 7, f"n_iter_ is {model.n_iter_}; XOR never converges, expected max_iter=7"
    assert_equal_labels(np.asarray(model.errors_), np.full(7, 4), what="errors_ on XOR",
                        baseline="the perceptron rule's")
    assert_same_model(model, sklearn_fit(X, y, 7), X)


@pytest.mark.points(2)
def test_accuracy_on_breast_cancer_close_to_sklearn(impl):
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, stratify=y,
                                                        random_state=0)
    scaler = StandardScaler().fit(X_train)
    X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    seeds = range(5)
    ours = [np.mean(impl.Perceptron(max_iter=10, random_state=s).fit(X_train, y_train)
                    .predict(X_test) == y_test) for s in seeds]
    theirs = [SkPerceptron(random_state=s).fit(X_train, y_train).score(X_test, y_test)
              for s in seeds]
    # The data are not quite separable, so the last weights depend on the order of the samples:
    # single runs vary by +-3 points (both libraries score ~0.95 on average). The mean over 5
    # shuffles is within ~1 point of scikit-learn's; 4 points leaves room for any valid order.
    assert abs(np.mean(ours) - np.mean(theirs)) <= 0.04 and min(ours) >= 0.88, (
        f"test accuracy over 5 random_states: yours {np.round(ours, 3).tolist()} "
        f"(mean {np.mean(ours):.3f}), scikit-learn's {np.round(theirs, 3).tolist()} "
        f"(mean {np.mean(theirs):.3f}); expected the means within 0.04 and every run >= 0.88"
    )


# --- 3. edge cases and error messages ---------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_bad_parameters_raise(impl):
    for params, name in [({"eta0": 0.0}, "eta0"), ({"eta0": -1.0}, "eta0"), ({"max_iter": 0}, "max_iter")]:
        with pytest.raises(ValueError, match=name):
            impl.Perceptron(**params).fit(WORKED_X, WORKED_Y)


@pytest.mark.points(1)
def test_single_class_raises(impl):
    with pytest.raises(ValueError, match="class"):
        impl.Perceptron().fit(WORKED_X, np.full(len(WORKED_X), "spam"))


@pytest.mark.points(1)
def test_non_finite_fit_input_raises(impl):
    for bad in (np.nan, np.inf):
        X = WORKED_X.copy()
        X[3, 1] = bad
        with pytest.raises(ValueError, match="(?i)nan|inf|finite"):
            impl.Perceptron().fit(X, WORKED_Y)


@pytest.mark.points(1)
def test_non_finite_predict_input_raises(impl):
    model = impl.Perceptron(shuffle=False).fit(WORKED_X, WORKED_Y)
    X_bad = WORKED_X[:2].copy()
    X_bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="(?i)nan|inf|finite"):
        model.predict(X_bad)


@pytest.mark.points(1)
def test_wrong_n_features_raises(impl):
    model = impl.Perceptron(shuffle=False).fit(WORKED_X, WORKED_Y)
    with pytest.raises(ValueError, match="feature"):
        model.predict(np.ones((3, 3)))


@pytest.mark.points(1)
def test_bad_shapes_raise(impl):
    # The messages should say what was received, not leak a numpy broadcasting error.
    with pytest.raises(ValueError, match=r"(?i)\by\b|label|sample|length") as info:
        impl.Perceptron().fit(WORKED_X, WORKED_Y[:-1])
    assert "5" in str(info.value) and "4" in str(info.value), (
        f"fit with 5 rows of X and 4 labels raised {str(info.value)!r}; say both counts"
    )
    with pytest.raises(ValueError, match=r"(?i)2-?d|dimension|shape"):
        impl.Perceptron().fit(WORKED_X[:, 0], WORKED_Y)
    with pytest.raises(ValueError, match=r"(?i)empty|sample|shape"):
        impl.Perceptron().fit(np.empty((0, 2)), np.empty(0))


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("a score of exactly 0 is not counted as a mistake (< instead of <=)",
     "if margins[j] <= 0:", "if margins[j] < 0:", "coef_ differs"),
    ("labels used as 0/1 instead of -1/+1",
     "Y = np.where(y_index[:, None] == positive, 1.0, -1.0)",
     "Y = np.where(y_index[:, None] == positive, 1.0, 0.0)", "coef_ differs"),
    ("forgets to update the intercept",
     "b[k] += step.sum()  # the intercept", "b[k] += 0 * step.sum()  # the intercept",
     "intercept_ differs"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, 5 epochs of the perceptron rule in the given order (eta0=1). Labels with 10% noise
# are not separable, so neither stops before max_iter (the coefficients agree exactly). The
# reference's Python loop over samples is far slower than scikit-learn's compiled one, so size is
# small for scikit-learn (20-80 ms), to keep `grader bench` over the course within minutes.
def _bench_data(n):
    return make_classification(n_samples=n, n_features=20, flip_y=0.1, random_state=0)


def _bench_impl(module, data):
    X, y = data
    module.Perceptron(eta0=1.0, max_iter=5, shuffle=False).fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    SkPerceptron(eta0=1.0, max_iter=5, tol=None, shuffle=False).fit(X, y).predict(X)


BENCHMARK = {
    "what": "fit (5 epochs of the perceptron rule, binary, no shuffling) + predict, n x 20",
    "size": 50_000, "check_size": 800,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Keep each update O(n_features): one dot product x . w + b per sample and an in-place "
            "update of w only on a mistake, with no copy of X or scores of all samples inside the "
            "loop; or score a block of samples at once and move the block's margins by the "
            "Gram matrix at each mistake (README: 'Cost').",
}
