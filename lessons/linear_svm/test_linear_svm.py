"""Hidden tests for the linear SVM (Pegasos) lesson.

Plausible mistakes, and the tests that catch them:

- lambda not matched to C: lambda = 1/C (forgetting n), lambda = C / n, or 1/(2 C n) (the 1/2 of
  the penalty dropped): test_objective_matches_liblinear, test_coef_and_intercept_match_liblinear,
  test_minibatch_objective_matches_liblinear, test_first_steps_full_batch.
- A wrong step-size schedule: 1/t instead of 1/(lambda t), 1/(lambda (t + 1)), t counted per
  epoch instead of per step, or a constant step: test_first_steps_full_batch,
  test_first_steps_one_sample_at_a_time, test_first_steps_uneven_last_batch, and the comparisons.
- Updating on every sample of the batch, or only on misclassified ones (y f < 0, the perceptron
  rule), or on y f <= 1: test_first_steps_full_batch (the data put one sample exactly on the
  margin), test_objective_matches_liblinear.
- Sign errors (y_i x_i subtracted, or the shrink written 1 + eta lambda): every exact-step test,
  test_accuracy_close_to_liblinear.
- The intercept shrunk like w (regularised), included in the projection, or not learnt at all:
  test_first_steps_full_batch, test_first_steps_one_sample_at_a_time,
  test_violators_balance_at_optimum (a closed form), test_coef_and_intercept_match_liblinear.
- The projection left out, or always applied (w rescaled to the radius):
  test_first_steps_full_batch, test_first_steps_one_sample_at_a_time.
- The batch sum divided by batch_size or n instead of the batch's actual size:
  test_first_steps_uneven_last_batch, test_minibatch_objective_matches_liblinear.
- Wrong batching (floor(n / batch_size) steps per epoch, overlapping batches):
  test_number_of_steps, test_first_steps_uneven_last_batch.
- fit_intercept=False ignored: test_without_intercept, test_first_steps_full_batch.
- The rng not built from random_state, or shuffle ignored: test_random_state_and_shuffle.
- Labels: classes_ not sorted, predict returning -1/+1, the positive class taken to be
  classes_[0]: test_labels_and_class_order.
- No input validation: test_bad_parameters_raise, test_not_two_classes_raises,
  test_non_finite_input_raises, test_wrong_n_features_raises, test_bad_shapes_raise,
  test_not_fitted_raises.
"""

import warnings
from functools import cache

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer, make_blobs
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC

from grader.testing import assert_close, assert_equal_labels

# Pegasos' sub-gradient steps shrink like 1/t, so after T steps it sits O(1/T) away from the
# optimum, never on it. Full-batch runs of 500 steps reach liblinear's objective to within 0.3%
# on these data (mini-batches of 64 for 100 epochs: 0.4%); a factor 2 in the C <-> lambda
# conversion costs 2-4%, lambda = 1/C far more. 1% sits between the two.
OBJECTIVE_RTOL = 0.01


# --- data -----------------------------------------------------------------------------------
@cache
def cancer():
    """Breast cancer, standardised: 569 samples, 30 features, nearly separable."""
    X, y = load_breast_cancer(return_X_y=True)
    return StandardScaler().fit_transform(X), y


@cache
def blobs():
    """Two overlapping blobs far from the origin: the intercept matters (b is about 2)."""
    return make_blobs(n_samples=300, centers=2, cluster_std=1.5, random_state=0)


@cache
def more_blobs():
    """The same two blobs with 600 samples: a held-out half of 300 measures accuracy finely."""
    return make_blobs(n_samples=600, centers=2, cluster_std=1.5, random_state=0)


DATA = {"cancer": cancer, "blobs": blobs, "more_blobs": more_blobs}

# A tiny set for exact steps. With C=2 and a full batch (lambda = 1/10, eta_t = 10/t, projection
# radius sqrt(10)), step 1 gives w = C * sum_i y_i x_i = (2, -2) and b = C * sum_i y_i = 2 exactly;
# then sample 3 has y f(x) = 1 exactly (on the margin: not a violator), step 2 needs the
# projection while b = 4, and the violators change at every step.
X_TINY = np.array([[-1.0, 2.0], [1.0, 2.0], [0.0, -1.5], [0.5, 2.0], [-1.5, 1.5]])
Y_TINY = np.array([1, 1, 1, -1, -1])


@cache
def liblinear(data, C, fit_intercept=True):
    """scikit-learn's LinearSVC with the hinge loss, converged far beyond what the tests ask.

    liblinear penalises the intercept as the weight of a constant feature `intercept_scaling`;
    with 10 that penalty is (b / 10)^2 / 2, under 0.05 on these data, so LinearSVC solves our
    objective (unpenalised b) to well within the tolerances. FutureWarnings are errors so a
    deprecated parameter cannot slip in.
    """
    X, y = DATA[data]()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model = LinearSVC(loss="hinge", dual=True, C=C, fit_intercept=fit_intercept,
                          intercept_scaling=10.0, tol=1e-6, max_iter=100_000, random_state=0)
        model.fit(X, y)
    return model.coef_[0].copy(), float(np.ravel(model.intercept_)[0]), model


def objective(w, b, X, y, C):
    """0.5 * ||w||^2 + C * sum_i max(0, 1 - y_i (x_i . w + b)), with y in {0, 1}."""
    signs = 2.0 * y - 1.0
    return 0.5 * w @ w + C * np.maximum(0.0, 1.0 - signs * (X @ w + b)).sum()


def pegasos_reference(X, y, C, max_iter, batch_size, fit_intercept=True):
    """The README's update rule with the samples in their given order, one loop per sample."""
    signs = np.where(y == np.unique(y)[1], 1.0, -1.0)
    n, p = X.shape
    lam = 1.0 / (C * n)
    w, b, t = np.zeros(p), 0.0, 0
    for _ in range(max_iter):
        for start in range(0, n, batch_size):
            rows = range(start, min(start + batch_size, n))
            t += 1
            eta = 1.0 / (lam * t)
            grad_w, grad_b = np.zeros(p), 0.0
            for i in rows:
                if signs[i] * (X[i] @ w + b) < 1:  # a margin violator
                    grad_w += signs[i] * X[i]
                    grad_b += signs[i]
            w = (1.0 - eta * lam) * w + eta / len(rows) * grad_w
            if fit_intercept:
                b += eta / len(rows) * grad_b
            norm = np.linalg.norm(w)
            if norm > 1.0 / np.sqrt(lam):
                w = w / (norm * np.sqrt(lam))
    return w, b


@pytest.fixture(scope="module")
def full_batch(impl):
    """fit(data, C, max_iter): a full-batch (deterministic) fit, made once per module."""
    fitted = {}

    def fit(data, C, max_iter, fit_intercept=True):
        key = (data, C, max_iter, fit_intercept)
        if key not in fitted:
            X, y = DATA[data]()
            model = impl.LinearSVM(C=C, max_iter=max_iter, batch_size=len(X),
                                   fit_intercept=fit_intercept, random_state=0)
            fitted[key] = model.fit(X, y)
        return fitted[key]

    return fit


# --- 1. API conventions -----------------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_keeps_parameters(impl):
    X, y = blobs()
    model = impl.LinearSVM(C=0.5, max_iter=3, batch_size=16, shuffle=False, fit_intercept=False,
                           random_state=7)
    assert model.fit(X, y) is model, "fit(X, y) should return self"
    got = (model.C, model.max_iter, model.batch_size, model.shuffle, model.fit_intercept,
           model.random_state)
    assert got == (0.5, 3, 16, False, False, 7), (
        f"after fit, (C, max_iter, batch_size, shuffle, fit_intercept, random_state) are {got}; "
        "__init__ should store its arguments unchanged and fit should not modify them"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_raises(impl):
    X, _ = blobs()
    model = impl.LinearSVM()
    for method in ("predict", "decision_function"):
        with pytest.raises((ValueError, AttributeError), match="fit"):
            getattr(model, method)(X)


@pytest.mark.points(1)
def test_fitted_attributes_and_output_shapes(impl):
    X, y = cancer()
    model = impl.LinearSVM(max_iter=4, batch_size=100, random_state=0).fit(X, y)
    n, d = X.shape
    shapes = {
        "coef_": (np.shape(model.coef_), (1, d)),
        "intercept_": (np.shape(model.intercept_), (1,)),
        "classes_": (np.shape(model.classes_), (2,)),
        "decision_function(X)": (np.shape(model.decision_function(X)), (n,)),
        "predict(X)": (np.shape(model.predict(X)), (n,)),
    }
    for what, (got, want) in shapes.items():
        assert got == want, f"{what} has shape {got}, expected {want}"
    assert model.n_features_in_ == d, f"n_features_in_ is {model.n_features_in_}, expected {d}"
    assert model.n_iter_ == 4, f"n_iter_ is {model.n_iter_}; with max_iter=4 it should be 4 epochs"


@pytest.mark.points(1)
def test_number_of_steps(impl):
    X, y = blobs()
    n = 10
    for batch_size, max_iter, steps in [(3, 5, 20), (5, 3, 6), (50, 7, 7), (1, 2, 20)]:
        model = impl.LinearSVM(max_iter=max_iter, batch_size=batch_size, random_state=0)
        model.fit(X[:n], y[:n])
        assert model.n_steps_ == steps, (
            f"n_steps_ is {model.n_steps_} for {n} samples, batch_size={batch_size}, "
            f"max_iter={max_iter}; expected {steps}: ceil(n / batch_size) steps per epoch"
        )


@pytest.mark.points(1)
def test_random_state_and_shuffle(impl):
    X, y = blobs()

    def coef(**kwargs):
        model = impl.LinearSVM(C=1.0, max_iter=3, batch_size=16, **kwargs).fit(X, y)
        return np.append(model.coef_, model.intercept_)

    first = coef(random_state=0)
    assert_close(coef(random_state=0), first, rtol=0, atol=0, what="coef_ refitted with random_state=0",
                 baseline="the first fit's")
    assert np.max(np.abs(coef(random_state=1) - first)) > 1e-6, (
        "random_state=0 and random_state=1 give the same coef_: is the sample order drawn "
        "from np.random.default_rng(random_state) each epoch?"
    )
    # Without shuffling the order is fixed, so the seed cannot matter.
    assert_close(coef(shuffle=False, random_state=1), coef(shuffle=False, random_state=0), rtol=0,
                 atol=0, what="coef_ with shuffle=False, random_state=1",
                 baseline="the fit with random_state=0")


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "labels", [np.array(["spam", "ham"]), np.array([5, -1])], ids=["strings", "5-and-minus-1"]
)
def test_labels_and_class_order(impl, labels):
    # Well-separated blobs: LinearSVC and any decent fit classify every sample the same way.
    X, y_index = make_blobs(n_samples=120, centers=2, cluster_std=1.2, random_state=1)
    y = labels[y_index]
    model = impl.LinearSVM(C=0.1, max_iter=50, random_state=0).fit(X, y)
    expected = LinearSVC(loss="hinge", dual=True, C=0.1, max_iter=100_000).fit(X, y)
    assert_equal_labels(model.classes_, expected.classes_, what="classes_")
    assert_equal_labels(model.predict(X), expected.predict(X), what="predict(X)")
    # Points on the segment between the two class means cross the street, so their scores
    # cover the whole range, (0, 1) included.
    means = [X[y_index == k].mean(axis=0) for k in (0, 1)]
    X_probe = means[0] + np.linspace(0, 1, 101)[:, None] * (means[1] - means[0])  # (101, 2)
    scores = model.decision_function(X_probe)
    assert_equal_labels(model.predict(X_probe), model.classes_[(scores > 0).astype(int)],
                        what="predict(X) between the class means",
                        baseline="classes_[1] where decision_function(X) > 0, else classes_[0]")


@pytest.mark.points(1)
def test_zero_score_predicts_first_class(impl):
    # One full-batch step without intercept gives w = C * sum_i y_i x_i = (2, -2) exactly, so
    # x = (1, 1) scores exactly 0; like scikit-learn, only a positive score means classes_[1].
    labels = np.array(["ham", "spam"])
    model = impl.LinearSVM(C=2.0, max_iter=1, batch_size=5, fit_intercept=False)
    model.fit(X_TINY, labels[(Y_TINY + 1) // 2])
    assert_close(model.decision_function(np.array([[1.0, 1.0]])), [0.0], rtol=0, atol=1e-12,
                 what="decision_function([[1, 1]]) after one step", baseline="0")
    assert_equal_labels(model.predict(np.array([[1.0, 1.0]])), np.array(["ham"]),
                        what="predict([[1, 1]]) where the score is 0", baseline="classes_[0]")


# --- 2. agreement with scikit-learn's LinearSVC -------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.parametrize("data", ["cancer", "more_blobs"])
@pytest.mark.public
def test_accuracy_close_to_liblinear(impl, data):
    # Held-out accuracy (171 and 300 test samples) is what a user compares. With 100 epochs of
    # the default batches, seeds 0-9 all land within 0.7 points of LinearSVC's.
    X, y = DATA[data]()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3 if data == "cancer" else 0.5,
                                                        stratify=y, random_state=0)
    model = impl.LinearSVM(C=1.0, max_iter=100, random_state=0).fit(X_train, y_train)
    expected = LinearSVC(loss="hinge", dual=True, C=1.0, intercept_scaling=10.0, max_iter=100_000)
    expected.fit(X_train, y_train)
    got, want = np.mean(model.predict(X_test) == y_test), expected.score(X_test, y_test)
    assert abs(got - want) <= 0.02, (
        f"held-out accuracy {got:.3f}, LinearSVC's {want:.3f}: more than 2 points apart"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize(
    "data, C, max_iter", [("cancer", 0.1, 500), ("cancer", 0.3, 500), ("blobs", 0.3, 500)],
    ids=["cancer-C=0.1", "cancer-C=0.3", "blobs-C=0.3"],
)
def test_objective_matches_liblinear(full_batch, data, C, max_iter):
    # Full batch: no sampling noise, so the run is deterministic.
    X, y = DATA[data]()
    model = full_batch(data, C, max_iter)
    w, b, _ = liblinear(data, C)
    got = objective(np.ravel(model.coef_), float(np.ravel(model.intercept_)[0]), X, y, C)
    assert_close(got, objective(w, b, X, y, C), rtol=OBJECTIVE_RTOL, atol=0,
                 what="0.5*||w||^2 + C*sum(hinge) at your coef_ and intercept_",
                 baseline="LinearSVC's (is lambda = 1 / (C * n_samples)?)")


@pytest.mark.points(1)
@pytest.mark.parametrize("data, C", [("cancer", 0.1), ("blobs", 0.1)], ids=["cancer", "blobs"])
def test_minibatch_objective_matches_liblinear(impl, data, C):
    X, y = DATA[data]()
    model = impl.LinearSVM(C=C, max_iter=100, batch_size=64, random_state=0).fit(X, y)
    w, b, _ = liblinear(data, C)
    got = objective(np.ravel(model.coef_), float(np.ravel(model.intercept_)[0]), X, y, C)
    assert_close(got, objective(w, b, X, y, C), rtol=OBJECTIVE_RTOL, atol=0,
                 what="0.5*||w||^2 + C*sum(hinge) after mini-batch Pegasos",
                 baseline="LinearSVC's (is each step's sum divided by the batch's size?)")


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "data, C, max_iter", [("cancer", 0.1, 500), ("blobs", 0.3, 500)], ids=["cancer", "blobs"]
)
def test_coef_and_intercept_match_liblinear(full_batch, data, C, max_iter):
    model = full_batch(data, C, max_iter)
    w, b, _ = liblinear(data, C)
    coef = np.ravel(model.coef_)
    # The optimum is unique; 500 steps leave an angle under 3 degrees (cosine > 0.9986) and a
    # length within 2.2%; C off by a factor 2 changes the length by 7% or more.
    cosine = coef @ w / (np.linalg.norm(coef) * np.linalg.norm(w))
    assert cosine >= 0.995, f"coef_ points away from LinearSVC's: cosine similarity {cosine:.4f} < 0.995"
    assert_close(np.linalg.norm(coef), np.linalg.norm(w), rtol=0.04, atol=0, what="||coef_||")
    # The intercepts agree to 0.06 (liblinear's tiny penalty on b included).
    assert_close(model.intercept_, [b], rtol=0, atol=0.15, what="intercept_")


@pytest.mark.points(1)
@pytest.mark.parametrize("data, C", [("cancer", 0.1), ("blobs", 0.3)], ids=["cancer", "blobs"])
def test_margin_violations_match_liblinear(full_batch, data, C):
    # Margin violators (y f(x) < 1) are the samples with a positive hinge loss: the ones that
    # pull on w. Samples near the margin can fall either side, so allow 5 (or 10%).
    X, y = DATA[data]()
    model = full_batch(data, C, 500)
    w, b, _ = liblinear(data, C)
    signs = 2 * y - 1
    got = int(np.sum(signs * model.decision_function(X) < 1))
    want = int(np.sum(signs * (X @ w + b) < 1))
    assert abs(got - want) <= max(5, 0.1 * want), (
        f"{got} training samples violate your margin (y f(x) < 1), {want} violate LinearSVC's"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("data, C", [("cancer", 0.1), ("blobs", 0.1)], ids=["cancer", "blobs"])
def test_violators_balance_at_optimum(full_batch, data, C):
    # Closed form, independent of scikit-learn: J's sub-gradient in the unpenalised b is
    # -C * (sum of y_i over violators + a share of the samples exactly on the margin), and it
    # must contain 0. So both classes have about as many violators, up to the samples on the
    # margin (|y f - 1| < 0.05 here) plus 3 for Pegasos' last step. A penalised b would leave
    # an excess of b / C, about 20 samples on blobs.
    X, y = DATA[data]()
    model = full_batch(data, C, 500)
    margins = (2 * y - 1) * model.decision_function(X)
    excess = int(np.sum((2 * y - 1)[margins < 1]))
    on_margin = int(np.sum(np.abs(margins - 1) < 0.05))
    assert abs(excess) <= on_margin + 3, (
        f"violators of class {np.unique(y)[1]!r} outnumber those of the other class by {excess}, "
        f"with only {on_margin} samples near the margin; at the optimum (b unpenalised) they balance"
    )


@pytest.mark.points(1)
def test_without_intercept(full_batch):
    X, y = blobs()
    model = full_batch("blobs", 0.3, 500, fit_intercept=False)
    assert_close(model.intercept_, [0.0], rtol=0, atol=0, what="intercept_ with fit_intercept=False",
                 baseline="0")
    w, _, _ = liblinear("blobs", 0.3, fit_intercept=False)
    got = objective(np.ravel(model.coef_), 0.0, X, y, 0.3)
    assert_close(got, objective(w, 0.0, X, y, 0.3), rtol=OBJECTIVE_RTOL, atol=0,
                 what="0.5*||w||^2 + C*sum(hinge) without intercept",
                 baseline="LinearSVC's with fit_intercept=False")


# --- exact steps of the update rule ----------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.parametrize(
    "max_iter, fit_intercept",
    [(1, True), (2, True), (3, True), (4, True), (3, False)],
    ids=["1-step", "2-steps", "3-steps", "4-steps", "3-steps-no-intercept"],
)
def test_first_steps_full_batch(impl, max_iter, fit_intercept):
    # batch_size >= n: one deterministic step per epoch, whatever the shuffling.
    model = impl.LinearSVM(C=2.0, max_iter=max_iter, batch_size=5, fit_intercept=fit_intercept,
                           random_state=0).fit(X_TINY, Y_TINY)
    w, b = pegasos_reference(X_TINY, Y_TINY, 2.0, max_iter, 5, fit_intercept)
    # Same arithmetic up to rounding: only float round-off may differ.
    assert_close(model.coef_, w[None, :], rtol=1e-9, atol=1e-12, what=f"coef_ after {max_iter} steps",
                 baseline="the Pegasos update rule's")
    assert_close(model.intercept_, [b], rtol=1e-9, atol=1e-12,
                 what=f"intercept_ after {max_iter} steps", baseline="the Pegasos update rule's")


@pytest.mark.points(1)
@pytest.mark.parametrize("max_iter", [1, 2], ids=["5-steps", "10-steps"])
def test_first_steps_one_sample_at_a_time(impl, max_iter):
    # Classic Pegasos (batch of one), samples in their given order; C=1 projects at steps 1
    # and 5 (b = 2 then).
    model = impl.LinearSVM(C=1.0, max_iter=max_iter, batch_size=1, shuffle=False).fit(X_TINY, Y_TINY)
    w, b = pegasos_reference(X_TINY, Y_TINY, 1.0, max_iter, 1)
    assert_close(model.coef_, w[None, :], rtol=1e-9, atol=1e-12,
                 what=f"coef_ after {5 * max_iter} single-sample steps", baseline="the Pegasos update rule's")
    assert_close(model.intercept_, [b], rtol=1e-9, atol=1e-12,
                 what=f"intercept_ after {5 * max_iter} single-sample steps",
                 baseline="the Pegasos update rule's")


@pytest.mark.points(1)
def test_first_steps_uneven_last_batch(impl):
    # Batches {0, 1}, {2, 3}, {4}: the last step averages over 1 sample, not batch_size = 2.
    model = impl.LinearSVM(C=0.5, max_iter=2, batch_size=2, shuffle=False).fit(X_TINY, Y_TINY)
    w, b = pegasos_reference(X_TINY, Y_TINY, 0.5, 2, 2)
    assert_close(model.coef_, w[None, :], rtol=1e-9, atol=1e-12, what="coef_ after 2 epochs of 3 steps",
                 baseline="the Pegasos update rule's")
    assert_close(model.intercept_, [b], rtol=1e-9, atol=1e-12, what="intercept_ after 2 epochs of 3 steps",
                 baseline="the Pegasos update rule's")


# --- 3. edge cases and error messages ---------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_bad_parameters_raise(impl):
    X, y = blobs()
    for params, word in [({"C": 0.0}, "C"), ({"C": -1.0}, "C"), ({"batch_size": 0}, "batch_size"),
                         ({"max_iter": 0}, "max_iter")]:
        with pytest.raises(ValueError, match=word):
            impl.LinearSVM(**params).fit(X, y)


@pytest.mark.points(1)
def test_not_two_classes_raises(impl):
    X, _ = blobs()
    for n_classes in (1, 3):
        with pytest.raises(ValueError, match="class"):
            impl.LinearSVM().fit(X, np.arange(len(X)) % n_classes)


@pytest.mark.points(1)
def test_non_finite_input_raises(impl):
    X, y = blobs()
    model = impl.LinearSVM(max_iter=2).fit(X, y)
    for bad in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad[3, 1] = bad
        with pytest.raises(ValueError, match="(?i)nan|inf|finite"):
            impl.LinearSVM().fit(X_bad, y)
        with pytest.raises(ValueError, match="(?i)nan|inf|finite"):
            model.predict(X_bad[:5])


@pytest.mark.points(1)
def test_wrong_n_features_raises(impl):
    X, y = blobs()
    model = impl.LinearSVM(max_iter=2).fit(X, y)
    with pytest.raises(ValueError, match="feature"):
        model.decision_function(np.hstack([X, X]))


@pytest.mark.points(1)
def test_bad_shapes_raise(impl):
    # The messages should say what was received, not leak a numpy broadcasting error.
    X, y = blobs()
    with pytest.raises(ValueError, match=r"(?i)\by\b|label|sample|length") as info:
        impl.LinearSVM().fit(X, y[:-1])
    assert "300" in str(info.value) and "299" in str(info.value), (
        f"fit with 300 rows of X and 299 labels raised {str(info.value)!r}; say both counts"
    )
    with pytest.raises(ValueError, match=r"(?i)2-?d|dimension|shape"):
        impl.LinearSVM().fit(X[:, 0], y)
    with pytest.raises(ValueError, match=r"(?i)empty|sample|shape"):
        impl.LinearSVM().fit(np.empty((0, 2)), np.empty(0))


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("lambda = 1/C, forgetting n_samples", "lam = 1.0 / (self.C * n_samples)", "lam = 1.0 / self.C",
     "is lambda = 1 / (C * n_samples)?"),
    ("the intercept shrunk like w (penalised)", "b = b + (eta / len(batch)) * push.sum()",
     "b = (1 - eta * lam) * b + (eta / len(batch)) * push.sum()",
     "intercept_ after 2 steps differs from the Pegasos update rule's"),
    ("updates on misclassified samples only (the perceptron's rule)", "(X_batch @ w + b) < 1",
     "(X_batch @ w + b) < 0", "differs from LinearSVC's"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): 5 epochs
# over the data in the given order, C=1. The reference runs Pegasos with its default mini-batches
# of 32; SGDClassifier with the hinge loss, alpha = lambda = 1/(C n) and the step
# eta_t = eta0 / t**power_t = 1/(lambda t) is Pegasos with one sample per step (without the
# projection onto ||w|| <= 1/sqrt(lambda)), the only batch size it has. Both read every sample
# once per epoch and spend O(n_features) on it, so the work per epoch is the same; timing the
# reference at batch_size=1 instead would time its Python loop over 100,000 steps (over 100
# times scikit-learn's), which the README advises against. Scoring ahead to the next violator
# (w only shrinks between violators) would be exact there but saves little: about 30% of the
# samples violate the margin on these data, and each still costs a Python step.
def _bench_data(n):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 20))
    y = (X[:, 0] + X[:, 1] + rng.normal(size=n) > 0).astype(int)  # overlapping classes
    return X, y


def _bench_impl(module, data):
    X, y = data
    module.LinearSVM(C=1.0, max_iter=5, batch_size=32, shuffle=False).fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    lam = 1.0 / len(y)  # C = 1
    SGDClassifier(loss="hinge", alpha=lam, learning_rate="invscaling", eta0=1.0 / lam, power_t=1.0,
                  max_iter=5, tol=None, shuffle=False).fit(X, y).predict(X)


BENCHMARK = {
    "what": "fit (5 epochs, no shuffling, C=1: Pegasos with batches of 32 against scikit-learn's "
            "per-sample SGD, the same passes over the data) + predict, n x 20",
    "size": 20_000, "check_size": 5_000,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Keep each step O(batch_size * n_features) and few numpy calls: index the batch out "
            "of X, score only the batch, update w in place with push @ X_batch and compute ||w|| "
            "once, with no loop over the samples of a batch and no pass over all of X inside the "
            "epoch (README: 'Cost').",
}
