"""Hidden tests for the neural_network lesson.

The trusted side is scikit-learn's ``MLPClassifier`` and central finite differences:

- with the same ``coefs_`` and ``intercepts_``, both networks compute the same probabilities
  and the same loss;
- one full-batch SGD step of scikit-learn (learning rate 1, no momentum) from given parameters
  reveals its gradient there: ``grad = before - after``;
- started from the same parameters (``warm_start=True``) with ``shuffle=False``, both follow the
  same training trajectory (scikit-learn with ``nesterovs_momentum=False``);
- the gradients of the learner's ``loss_and_gradients`` match central differences of its loss.

Test ids: every test whose result depends on the derivative of a hidden activation has that
activation's name in its id ("relu", "tanh" or "logistic"), and no other test does: the
forward-pass tests name the activations by their maths instead ("rectifier",
"hyperbolic-tangent", "sigmoid"), and the API tests pass with any derivative.

Mistakes a learner is likely to make, and the tests that catch each:

- a wrong activation derivative (the function instead of its derivative, a sign, the mask of
  the ReLU inverted, the formula in z applied to the output a):
  ``test_gradients_match_finite_differences[<name>]``, ``test_training_matches_sklearn[*-<name>]``,
  ``test_binary_gradients_match_sklearn[<name>]``, ``test_digits_accuracy_close_to_sklearn[*-<name>]``
- the gradient summed over the batch (the 1/n forgotten), or the L2 gradient without /n:
  ``test_gradients_match_finite_differences``, ``test_training_matches_sklearn``
- the L2 penalty applied to the intercepts, without the /n, without the 1/2, or the
  cross-entropy summed instead of averaged: ``test_loss_matches_sklearn[*]``
- softmax without subtracting the row maximum (exp overflows to inf, inf / inf = NaN):
  ``test_softmax_is_stable_for_large_scores``
- two classes given two output units, or the score of ``classes_[0]`` instead of ``classes_[1]``:
  ``test_two_classes_have_one_output_unit``, ``test_predict_proba_matches_sklearn[two-classes]``
- the forward pass applying the hidden activation to the output scores, or skipping a layer:
  ``test_predict_proba_matches_sklearn[*]``
- momentum off by one (theta moved before the velocity is updated), or ignored:
  ``test_training_matches_sklearn[sgd-momentum-*]``
- Adam without bias correction, with it counted from t = 0, or with epsilon inside the square
  root: ``test_training_matches_sklearn[adam-*]``
- the last, smaller batch of an epoch dropped, or loss_curve_ the plain mean of the batch losses:
  ``test_training_matches_sklearn[*]`` (30 samples in batches of 8)
- weights not drawn from ``default_rng(random_state)`` (unseeded, or a fixed seed):
  ``test_same_seed_same_result``, ``test_different_seeds_give_different_weights``
- another initialisation than Glorot's uniform one (normal, zero intercepts, factor 6 for
  logistic units): ``test_initialisation_is_glorot_uniform[*]``
- ``warm_start`` ignored: ``test_warm_start_starts_from_the_current_parameters``
- shuffling once before the first epoch, or re-seeding every epoch: ``test_reshuffles_every_epoch``
- the stopping rule off by one, ignoring tol, counting ties as no improvement, or measuring
  improvement against the first epoch instead of the best one:
  ``test_stops_after_n_iter_no_change_epochs_without_improvement``,
  ``test_early_stopping_and_default_batches_match_sklearn``
- ``batch_size="auto"`` other than ``min(200, n_samples)``:
  ``test_early_stopping_and_default_batches_match_sklearn``
- ``predict`` returning column indices instead of labels: ``test_predict_returns_labels``
- missing input checks: the tests of the last group
"""

import re
import warnings

import numpy as np
import pytest
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier as SkMLP
from sklearn.preprocessing import StandardScaler

from grader.testing import assert_close, assert_equal_labels

ACTIVATIONS = ["relu", "tanh", "logistic"]
# Forward-pass tests do not use any derivative: their ids name the activation by its maths.
FORWARD_IDS = {"relu": "rectifier", "tanh": "hyperbolic-tangent", "logistic": "sigmoid"}
SAME_START = "scikit-learn's (same start, shuffle=False)"


# -- data and trusted helpers ------------------------------------------------------------------
def make_data(n, n_features, n_classes, seed):
    """Gaussian features; labels from a noisy nonlinear rule so that hidden units matter."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features))  # (n, n_features)
    score = np.sin(2 * X[:, 0]) + X[:, 1] * X[:, -1] + 0.3 * rng.normal(size=n)
    y = np.digitize(score, np.quantile(score, np.linspace(0, 1, n_classes + 1)[1:-1]))  # (n,)
    return X, y


@pytest.fixture(scope="module")
def small():
    """30 samples, 4 features, 3 classes: batches of 8 leave a last batch of 6."""
    return make_data(30, 4, 3, 0)


@pytest.fixture(scope="module")
def binary():
    X, y = make_data(24, 3, 2, 1)
    return X, np.array(["no", "yes"])[y]


@pytest.fixture(scope="module")
def digits():
    """load_digits, standardised with the training set's statistics, a stratified 70/30 split."""
    X, y = load_digits(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def random_parameters(units, seed, scale=1.0):
    """Weights and intercepts for layer sizes ``units``, uniform in [-scale, scale] * Glorot's bound."""
    rng = np.random.default_rng(seed)
    coefs, intercepts = [], []
    for fan_in, fan_out in zip(units[:-1], units[1:], strict=True):
        bound = scale * np.sqrt(6 / (fan_in + fan_out))
        coefs.append(rng.uniform(-bound, bound, (fan_in, fan_out)))
        intercepts.append(rng.uniform(-bound, bound, fan_out))
    return coefs, intercepts


def set_parameters(model, coefs, intercepts):
    model.coefs_ = [np.array(c, dtype=float) for c in coefs]
    model.intercepts_ = [np.array(b, dtype=float) for b in intercepts]


def sklearn_fitted(X, y, hidden, activation, seed=0):
    """A scikit-learn network trained a little (lbfgs), so its weights are not a fresh start."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return SkMLP(hidden_layer_sizes=hidden, activation=activation, solver="lbfgs", max_iter=30,
                     random_state=seed).fit(X, y)


def sklearn_started_at(coefs, intercepts, X, y, **params):
    """A scikit-learn network with warm_start=True whose next fit starts from these parameters."""
    params = {"solver": "sgd", "shuffle": False, "tol": 0.0, "n_iter_no_change": 10_000,
              "nesterovs_momentum": False, **params, "warm_start": True}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk = SkMLP(**params, max_iter=1).fit(X, y)  # sets classes_, n_layers_, ...
    set_parameters(sk, coefs, intercepts)
    sk.best_loss_ = np.inf  # the stopping rule of the next fit starts afresh, as in a new fit
    return sk


def sklearn_loss_and_gradients(X, y, coefs, intercepts, activation, alpha):
    """scikit-learn's loss and gradients at the given parameters: one full-batch SGD step with
    learning rate 1 and no momentum moves every parameter by minus its gradient."""
    sk = sklearn_started_at(coefs, intercepts, X, y, hidden_layer_sizes=[c.shape[1] for c in coefs[:-1]],
                            activation=activation, alpha=alpha, batch_size=len(X), learning_rate_init=1.0,
                            momentum=0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk.fit(X, y)
    coef_grads = [before - after for before, after in zip(coefs, sk.coefs_, strict=True)]
    intercept_grads = [before - after for before, after in zip(intercepts, sk.intercepts_, strict=True)]
    return sk.loss_curve_[-1], coef_grads, intercept_grads


def as_list(value, what, n):
    assert isinstance(value, (list, tuple)) and len(value) == n, (
        f"{what} should be a list of {n} arrays (one per layer), got {type(value).__name__} "
        f"of length {len(value) if hasattr(value, '__len__') else '?'}")
    return list(value)


# -- 1. API conventions ------------------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_keeps_parameters(impl, small):
    X, y = small
    params = dict(hidden_layer_sizes=(5, 3), activation="tanh", solver="sgd", alpha=0.01, batch_size=8,
                  learning_rate_init=0.05, max_iter=3, shuffle=False, random_state=7, tol=1e-3,
                  n_iter_no_change=4, momentum=0.5, warm_start=False)
    model = impl.MLPClassifier(**params)
    assert model.fit(X, y) is model, "fit should end with `return self`"
    stored = {name: getattr(model, name) for name in params}
    assert stored == params, (
        f"after fit the parameters are {stored}, expected {params}: __init__ stores its arguments "
        "unchanged and fit does not modify them")


@pytest.mark.points(1)
@pytest.mark.public
def test_predict_before_fit_raises(impl, small):
    X, y = small
    model = impl.MLPClassifier()
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        model.predict(X)
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        model.predict_proba(X)
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        model.loss_and_gradients(X, y)


@pytest.mark.points(1)
def test_fitted_attributes_and_shapes(impl, small):
    X, y = small
    model = impl.MLPClassifier(hidden_layer_sizes=(5, 3), max_iter=4, random_state=0).fit(X, y)
    coefs = as_list(model.coefs_, "coefs_", 3)
    intercepts = as_list(model.intercepts_, "intercepts_", 3)
    shapes = {"coefs_": [np.shape(c) for c in coefs], "intercepts_": [np.shape(b) for b in intercepts],
              "predict_proba(X)": np.shape(model.predict_proba(X)), "predict(X)": np.shape(model.predict(X)),
              "loss_curve_": np.shape(model.loss_curve_)}
    expected = {"coefs_": [(4, 5), (5, 3), (3, 3)], "intercepts_": [(5,), (3,), (3,)],
                "predict_proba(X)": (30, 3), "predict(X)": (30,), "loss_curve_": (4,)}
    assert shapes == expected, (
        f"4 features, hidden_layer_sizes=(5, 3), 3 classes, max_iter=4: shapes {shapes}, expected {expected}")
    assert model.n_iter_ == 4, f"n_iter_ is {model.n_iter_!r}, expected 4 (max_iter=4, no early stop)"
    assert_equal_labels(model.classes_, np.array([0, 1, 2]), what="classes_", baseline="np.unique(y)")
    assert_close(np.sum(model.predict_proba(X), axis=1), np.ones(30), rtol=0, atol=1e-12,
                 what="predict_proba(X).sum(axis=1)", baseline="1 (probabilities)")


@pytest.mark.points(1)
def test_two_classes_have_one_output_unit(impl, binary):
    X, y = binary
    model = impl.MLPClassifier(hidden_layer_sizes=(4,), max_iter=2, random_state=0).fit(X, y)
    coefs = as_list(model.coefs_, "coefs_", 2)
    intercepts = as_list(model.intercepts_, "intercepts_", 2)
    shapes = (np.shape(coefs[-1]), np.shape(intercepts[-1]), np.shape(model.predict_proba(X)))
    assert shapes == ((4, 1), (1,), (24, 2)), (
        f"two classes: the last layer has ONE unit, the score of classes_[1] (as in scikit-learn), so "
        f"coefs_[-1], intercepts_[-1], predict_proba(X) should have shapes (4, 1), (1,), (24, 2); "
        f"got {shapes}")
    assert model.n_outputs_ == 1, f"n_outputs_ is {model.n_outputs_!r}, expected 1 for two classes"


def fit_coefs(impl, X, y, **params):
    model = impl.MLPClassifier(hidden_layer_sizes=(5,), solver="sgd", batch_size=10, max_iter=2,
                               **params).fit(X, y)
    return np.concatenate([np.ravel(c) for c in model.coefs_]), model


@pytest.mark.points(1)
def test_same_seed_same_result(impl, small):
    X, y = small
    first, model = fit_coefs(impl, X, y, random_state=3)
    again = np.concatenate([np.ravel(c) for c in model.fit(X, y).coefs_])
    # Refitting the same object must start again from default_rng(random_state).
    assert_close(again, first, rtol=0, atol=0, what="coefs_ of a second fit", baseline="the first fit's")
    other, _ = fit_coefs(impl, X, y, random_state=3)
    assert_close(other, first, rtol=0, atol=0, what="coefs_ of a new model with random_state=3",
                 baseline="the first model's")


@pytest.mark.points(1)
def test_different_seeds_give_different_weights(impl, small):
    X, y = small
    a, _ = fit_coefs(impl, X, y, random_state=0, shuffle=False)
    b, _ = fit_coefs(impl, X, y, random_state=1, shuffle=False)
    gap = np.abs(a - b).max()
    # Without shuffling, the only randomness is the initial weights: two seeds must differ.
    assert gap > 1e-3, (
        f"random_state=0 and random_state=1 give coefs_ only {gap:.2g} apart (shuffle=False): draw the "
        "initial weights from np.random.default_rng(random_state)")


@pytest.mark.points(1)
@pytest.mark.parametrize("activation, factor", [("tanh", 6.0), ("logistic", 2.0)],
                         ids=["bound-sqrt-6", "bound-sqrt-2"])
def test_initialisation_is_glorot_uniform(impl, activation, factor):
    X, y = make_data(40, 60, 3, 2)
    # A step of 1e-12 leaves the parameters at their initial values (to ~1e-12).
    model = impl.MLPClassifier(hidden_layer_sizes=(40,), activation=activation, solver="sgd", momentum=0.0,
                               learning_rate_init=1e-12, max_iter=1, random_state=0).fit(X, y)
    for layer, (fan_in, fan_out) in enumerate([(60, 40), (40, 3)]):
        bound = np.sqrt(factor / (fan_in + fan_out))
        for what, values in [(f"coefs_[{layer}]", model.coefs_[layer]),
                             (f"intercepts_[{layer}]", model.intercepts_[layer])]:
            values = np.ravel(values)
            # Uniform in [-r, r]: |w| <= r, and E[w^2] = r^2 / 3, within 5 standard errors (the
            # smallest array holds 3 values, so the mean square is only checked from 40 on).
            largest = np.abs(values).max()
            assert largest <= bound * (1 + 1e-9), (
                f"{activation} units: {what} holds {largest:.4g}, beyond Glorot's bound "
                f"sqrt({factor:g} / (fan_in + fan_out)) = {bound:.4g}")
            if values.size >= 40:
                ratio = np.mean(values ** 2) / (bound ** 2 / 3)
                allowed = 5 * np.sqrt(4 / 5) / np.sqrt(values.size)
                assert abs(ratio - 1) < allowed, (
                    f"{activation} units: the mean square of {what} is {ratio:.3f} times r^2 / 3 "
                    f"(r = sqrt({factor:g} / (fan_in + fan_out))); draw uniform in [-r, r]")


@pytest.mark.points(1)
def test_predict_returns_labels(impl, small):
    X, y = small
    labels = np.array(["cat", "dog", "emu"])[y]
    model = impl.MLPClassifier(hidden_layer_sizes=(6,), max_iter=5, random_state=0).fit(X, labels)
    proba = np.asarray(model.predict_proba(X))
    assert_equal_labels(model.classes_, np.array(["cat", "dog", "emu"]), what="classes_",
                        baseline="np.unique(y)")
    assert_equal_labels(model.predict(X), np.array(["cat", "dog", "emu"])[proba.argmax(axis=1)],
                        what="predict(X)", baseline="classes_[argmax(predict_proba(X))]")


@pytest.mark.points(1)
def test_warm_start_starts_from_the_current_parameters(impl, small):
    X, y = small
    coefs, intercepts = random_parameters([4, 6, 3], seed=5)
    model = impl.MLPClassifier(hidden_layer_sizes=(6,), solver="sgd", learning_rate_init=1e-12, max_iter=1,
                               warm_start=True, random_state=0).fit(X, y)
    set_parameters(model, coefs, intercepts)
    model.fit(X, y)
    # Steps of 1e-12: the parameters stay where they were set (to ~1e-12).
    assert_close(model.coefs_[0], coefs[0], rtol=0, atol=1e-9, what="coefs_[0] after a warm-started fit",
                 baseline="the coefs_ it started from")
    model.warm_start = False
    model.fit(X, y)
    gap = np.abs(np.asarray(model.coefs_[0]) - coefs[0]).max()
    assert gap > 1e-3, "with warm_start=False, fit should draw new initial weights"


@pytest.mark.points(1)
def test_stops_after_n_iter_no_change_epochs_without_improvement(impl, small):
    X, y = small
    params = dict(hidden_layer_sizes=(5,), solver="sgd", learning_rate_init=1e-9, max_iter=50,
                  n_iter_no_change=3, tol=1e-4, random_state=0)
    model = impl.MLPClassifier(**params).fit(X, y)
    # With steps of 1e-9 only the first epoch improves (on the best loss so far, inf); epochs
    # 2, 3, 4, 5 do not improve by tol, and at epoch 5 their count 4 exceeds n_iter_no_change = 3.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk = SkMLP(**params).fit(X, y)
    assert model.n_iter_ == sk.n_iter_ == 5, (
        f"only the first epoch improves the loss by tol: with n_iter_no_change=3, training stops after "
        f"epoch 5, when 4 epochs in a row did not improve (scikit-learn: {sk.n_iter_}); got n_iter_="
        f"{model.n_iter_!r}")
    model = impl.MLPClassifier(**{**params, "learning_rate_init": 0.01, "max_iter": 6,
                                  "n_iter_no_change": 10}).fit(X, y)
    assert model.n_iter_ == 6 and len(model.loss_curve_) == 6, (
        f"n_iter_no_change=10 cannot stop a run of max_iter=6 epochs; got n_iter_={model.n_iter_!r} "
        f"and {len(model.loss_curve_)} losses")
    # Steps of 1e-300 leave the parameters unchanged: every epoch ties the best loss exactly. A tie
    # is not "worse than best - tol" with tol=0, so (as in scikit-learn) training never stops early.
    model = impl.MLPClassifier(**{**params, "learning_rate_init": 1e-300, "tol": 0.0, "max_iter": 8,
                                  "n_iter_no_change": 2, "shuffle": False}).fit(X, y)
    assert model.n_iter_ == 8, (
        f"tol=0 and a loss that stays exactly the same: an epoch counts as 'no improvement' only if its "
        f"loss is ABOVE the best loss minus tol, so all max_iter=8 epochs run; got n_iter_={model.n_iter_!r}")


@pytest.mark.points(1)
def test_reshuffles_every_epoch(impl):
    # Two samples, one per step, from the same start: an epoch visits them as (a, b) or (b, a).
    # Shuffled once (or in the same order every epoch), 3 epochs can end in only 2 places; with
    # a new order per epoch there are 8, and 20 seeds find more than 2 of them.
    X, y = np.array([[1.0, -0.5], [-2.0, 0.3]]), np.array([0, 1])
    coefs, intercepts = random_parameters([2, 3, 1], seed=10)
    ends = set()
    for seed in range(20):
        model = impl.MLPClassifier(hidden_layer_sizes=(3,), activation="tanh", solver="sgd", batch_size=1,
                                   learning_rate_init=0.5, momentum=0.0, max_iter=1, warm_start=True,
                                   random_state=seed).fit(X, y)
        set_parameters(model, coefs, intercepts)
        model.max_iter = 3
        ends.add(round(float(np.ravel(model.fit(X, y).coefs_[-1])[0]), 10))
    assert len(ends) > 2, (
        f"20 seeds gave only {len(ends)} distinct results ({sorted(ends)}); shuffle=True should draw a "
        "new order in every epoch, from the one generator np.random.default_rng(random_state) of fit")


# -- 2. agreement with scikit-learn and with finite differences ----------------------------------
FORWARD_CASES = [("relu", (5, 4), 3), ("tanh", (5, 4), 3), ("logistic", (5, 4), 3), ("relu", (5,), 2),
                 ("tanh", (), 3)]
FORWARD_CASE_IDS = [FORWARD_IDS[a] for a in ACTIVATIONS] + ["two-classes", "no-hidden-layer"]


@pytest.mark.points(1)
@pytest.mark.parametrize("activation, hidden, n_classes", FORWARD_CASES, ids=FORWARD_CASE_IDS)
@pytest.mark.public
def test_predict_proba_matches_sklearn(impl, activation, hidden, n_classes):
    X, y = make_data(40, 4, n_classes, 3)
    sk = sklearn_fitted(X, y, hidden, activation)
    model = impl.MLPClassifier(hidden_layer_sizes=hidden, activation=activation, max_iter=1,
                               random_state=0).fit(X, y)
    set_parameters(model, sk.coefs_, sk.intercepts_)
    X_new = make_data(25, 4, n_classes, 4)[0]
    # The same arithmetic up to rounding (~1e-16): probabilities agree to 1e-10.
    assert_close(model.predict_proba(X_new), sk.predict_proba(X_new), rtol=0, atol=1e-10,
                 what="predict_proba (same coefs_ and intercepts_)")
    assert_equal_labels(model.predict(X_new), sk.predict(X_new), what="predict (same parameters)")


LOSS_CASES = [(0.0, 3), (0.7, 3), (0.7, 2)]


@pytest.mark.points(1)
@pytest.mark.parametrize("alpha, n_classes", LOSS_CASES, ids=["no-penalty", "penalty", "two-classes-penalty"])
def test_loss_matches_sklearn(impl, alpha, n_classes):
    X, y = make_data(30, 4, n_classes, 5)
    sk = sklearn_fitted(X, y, (5, 3), "relu")
    model = impl.MLPClassifier(hidden_layer_sizes=(5, 3), alpha=alpha, max_iter=1, random_state=0).fit(X, y)
    set_parameters(model, sk.coefs_, sk.intercepts_)
    loss = model.loss_and_gradients(X, y)[0]
    sk_loss = sklearn_loss_and_gradients(X, y, sk.coefs_, sk.intercepts_, "relu", alpha)[0]
    # Same formula, rounding only (~1e-15); scikit-learn clips probabilities at 2.2e-16, far
    # below the smallest probability of a true class here.
    assert_close(loss, sk_loss, rtol=1e-10, atol=0,
                 what=f"the loss (alpha={alpha}: mean cross-entropy + alpha/(2n) * sum of squared weights)",
                 baseline="scikit-learn's loss_")


def numerical_gradients(model, X, y, coefs, intercepts, h):
    """Central differences of the learner's own loss, one parameter at a time."""
    grads = []
    for group, arrays in (("coefs_", coefs), ("intercepts_", intercepts)):
        for layer, array in enumerate(arrays):
            grad = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                losses = []
                for sign in (1, -1):
                    moved = [a.copy() for a in arrays]
                    moved[layer][index] += sign * h
                    setattr(model, group, moved)
                    losses.append(float(model.loss_and_gradients(X, y)[0]))
                grad[index] = (losses[0] - losses[1]) / (2 * h)
            setattr(model, group, [a.copy() for a in arrays])
            grads.append(grad)
    return grads


@pytest.mark.points(2)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_gradients_match_finite_differences(impl, activation):
    X, y = make_data(20, 3, 3, 6)
    coefs, intercepts = random_parameters([3, 4, 3, 3], seed=7, scale=2.0)
    model = impl.MLPClassifier(hidden_layer_sizes=(4, 3), activation=activation, alpha=0.5, max_iter=1,
                               random_state=0).fit(X, y)
    set_parameters(model, coefs, intercepts)
    loss, coef_grads, intercept_grads = model.loss_and_gradients(X, y)
    analytic = as_list(coef_grads, "coef_grads", 3) + as_list(intercept_grads, "intercept_grads", 3)
    numeric = numerical_gradients(model, X, y, coefs, intercepts, h=1e-5)
    # Central differences with h = 1e-5 err by ~h^2 |L'''| + eps |L| / h ~ 1e-10 (no ReLU kink
    # lies within h of a pre-activation: the smallest |Z| is 0.02). The largest gradient is 0.4 to
    # 0.8 and the reference agrees to 1.2e-9 of it, so a relative 1e-6 (of the largest gradient)
    # leaves a margin of ~800; a wrong formula misses by percents.
    scale = max(np.abs(g).max() for g in numeric)
    names = [f"coef_grads[{i}]" for i in range(3)] + [f"intercept_grads[{i}]" for i in range(3)]
    for name, got, want in zip(names, analytic, numeric, strict=True):
        assert_close(got, want, rtol=1e-6, atol=1e-6 * scale, what=f"{name} ({activation})",
                     baseline="central finite differences of your loss")


@pytest.mark.points(1)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_binary_gradients_match_sklearn(impl, binary, activation):
    X, y = binary
    coefs, intercepts = random_parameters([3, 5, 1], seed=8, scale=1.5)
    model = impl.MLPClassifier(hidden_layer_sizes=(5,), activation=activation, alpha=0.3, max_iter=1,
                               random_state=0).fit(X, y)
    set_parameters(model, coefs, intercepts)
    _, coef_grads, intercept_grads = model.loss_and_gradients(X, y)
    _, sk_coef_grads, sk_intercept_grads = sklearn_loss_and_gradients(X, y, coefs, intercepts, activation,
                                                                      0.3)
    # scikit-learn's gradient is read off one step (before - after): exact to ~1e-16.
    for i in range(2):
        assert_close(as_list(coef_grads, "coef_grads", 2)[i], sk_coef_grads[i], rtol=1e-8, atol=1e-12,
                     what=f"coef_grads[{i}] (two classes, {activation})", baseline="scikit-learn's gradient")
        assert_close(as_list(intercept_grads, "intercept_grads", 2)[i], sk_intercept_grads[i], rtol=1e-8,
                     atol=1e-12, what=f"intercept_grads[{i}] (two classes, {activation})",
                     baseline="scikit-learn's gradient")


TRAINING = [("sgd", 0.0, "relu"), ("sgd", 0.9, "tanh"), ("sgd", 0.9, "logistic"),
            ("adam", 0.9, "relu"), ("adam", 0.9, "tanh"), ("adam", 0.9, "logistic")]
TRAINING_IDS = [f"{solver}{'-momentum' if solver == 'sgd' and m else ''}-{a}" for solver, m, a in TRAINING]


@pytest.mark.points(1)
@pytest.mark.parametrize("solver, momentum, activation", TRAINING, ids=TRAINING_IDS)
def test_training_matches_sklearn(impl, small, solver, momentum, activation):
    X, y = small
    coefs, intercepts = random_parameters([4, 6, 5, 3], seed=9)
    params = dict(hidden_layer_sizes=(6, 5), activation=activation, solver=solver, alpha=0.01, batch_size=8,
                  learning_rate_init=0.05 if solver == "sgd" else 0.01, momentum=momentum, shuffle=False,
                  tol=0.0, n_iter_no_change=10_000)
    model = impl.MLPClassifier(**params, max_iter=1, warm_start=True, random_state=0).fit(X, y)
    set_parameters(model, coefs, intercepts)
    model.max_iter = 4
    model.fit(X, y)
    sk = sklearn_started_at(coefs, intercepts, X, y, **params)
    sk.max_iter = 4
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk.fit(X, y)
    # 4 epochs of 4 batches (8, 8, 8, 6 samples) from the same start, same order: the same
    # arithmetic up to rounding (~1e-15), which 16 steps cannot amplify to 1e-9.
    what = f"after 4 epochs ({solver}{f', momentum={momentum}' if solver == 'sgd' else ''}, {activation})"
    for i in range(3):
        assert_close(model.coefs_[i], sk.coefs_[i], rtol=1e-9, atol=1e-12, what=f"coefs_[{i}] {what}",
                     baseline=SAME_START)
        assert_close(model.intercepts_[i], sk.intercepts_[i], rtol=1e-9, atol=1e-12,
                     what=f"intercepts_[{i}] {what}", baseline=SAME_START)
    assert_close(np.asarray(model.loss_curve_, dtype=float)[-4:], sk.loss_curve_[-4:], rtol=1e-9, atol=0,
                 what=f"loss_curve_ {what} (batch losses weighted by batch size)", baseline=SAME_START)


@pytest.mark.points(1)
@pytest.mark.parametrize("activation", ["relu"], ids=["adam-relu"])
def test_early_stopping_and_default_batches_match_sklearn(impl, activation):
    X, y = make_data(230, 4, 3, 11)
    coefs, intercepts = random_parameters([4, 6, 3], seed=12)
    params = dict(hidden_layer_sizes=(6,), activation=activation, solver="adam", alpha=1e-3,
                  learning_rate_init=0.01, shuffle=False, tol=1e-3, n_iter_no_change=3)
    model = impl.MLPClassifier(**params, max_iter=1, warm_start=True, random_state=0).fit(X, y)
    set_parameters(model, coefs, intercepts)
    model.max_iter = 300
    model.fit(X, y)
    sk = sklearn_started_at(coefs, intercepts, X, y, **params)
    sk.max_iter = 300
    sk.fit(X, y)
    # batch_size="auto" is min(200, n): batches of 200 and 30. The loss falls by less than
    # tol = 1e-3 per epoch after a while, and both stop at the same epoch.
    assert model.n_iter_ == sk.n_iter_, (
        f"same start, adam, tol=1e-3, n_iter_no_change=3: scikit-learn stops after {sk.n_iter_} epochs, "
        f"your fit after {model.n_iter_!r} (an epoch does not improve if its loss > best loss so far - tol)")
    assert_close(np.asarray(model.loss_curve_, dtype=float), sk.loss_curve_[-sk.n_iter_:], rtol=1e-8, atol=0,
                 what="loss_curve_ (adam, batch_size='auto' = min(200, n_samples))", baseline=SAME_START)


DIGITS = [("adam", 0.01, "relu"), ("sgd", 0.1, "tanh")]


@pytest.mark.points(1)
@pytest.mark.parametrize("solver, learning_rate, activation", DIGITS, ids=["adam-relu", "sgd-momentum-tanh"])
def test_digits_accuracy_close_to_sklearn(impl, digits, solver, learning_rate, activation):
    X_train, X_test, y_train, y_test = digits
    params = dict(hidden_layer_sizes=(32,), activation=activation, solver=solver, batch_size=128,
                  learning_rate_init=learning_rate, max_iter=15, random_state=0)
    predicted = impl.MLPClassifier(**params).fit(X_train, y_train).predict(X_test)
    accuracy = np.mean(np.asarray(predicted) == y_test)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        sk_accuracy = SkMLP(**params).fit(X_train, y_train).score(X_test, y_test)
    # Different random streams give different networks: over 12 seeds each, both reach
    # 97.0 +- 0.5 % (relu) and 96.8 +- 0.5 % (tanh), so two runs differ by ~0.7 points
    # (one standard deviation); 2 points is about 3 of those.
    assert abs(accuracy - sk_accuracy) <= 0.02, (
        f"test accuracy on digits ({solver}, {activation}, 15 epochs): {accuracy:.3f}, scikit-learn's "
        f"{sk_accuracy:.3f}; expected within 2 points")


@pytest.mark.points(1)
def test_softmax_is_stable_for_large_scores(impl, small):
    X, y = small
    sk = sklearn_fitted(X, y, (5,), "relu")
    coefs = [c * 40.0 for c in sk.coefs_]  # scores of several thousands: exp overflows
    model = impl.MLPClassifier(hidden_layer_sizes=(5,), max_iter=1, random_state=0).fit(X, y)
    set_parameters(model, coefs, sk.intercepts_)
    sk.coefs_ = coefs
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # in-process runs: numpy's overflow warning
        proba = model.predict_proba(X)
        loss = model.loss_and_gradients(X, y)[0]
    # Subtracting each row's maximum keeps every exp <= 1: the results are exact to rounding.
    assert_close(proba, sk.predict_proba(X), rtol=0, atol=1e-10, what="predict_proba with huge scores")
    assert np.isfinite(loss), f"loss_and_gradients returned the loss {loss} for huge scores; use log-softmax"


# -- 3. edge cases and error messages --------------------------------------------------------
BAD_PARAMETERS = [("hidden_layer_sizes", (5, 0)), ("activation", "softplus"), ("solver", "lbfgs"),
                  ("alpha", -1.0), ("batch_size", 0), ("learning_rate_init", 0.0), ("max_iter", 0),
                  ("momentum", 1.5)]


@pytest.mark.points(1)
@pytest.mark.public
def test_rejects_bad_hyperparameters(impl, small):
    X, y = small
    for name, value in BAD_PARAMETERS:
        try:
            impl.MLPClassifier(**{name: value}).fit(X, y)
        except ValueError as exc:
            assert name in str(exc), f"{name}={value!r}: the ValueError should name {name}, but says {exc}"
        else:
            pytest.fail(f"MLPClassifier({name}={value!r}).fit should raise a ValueError")


@pytest.mark.points(1)
def test_rejects_nan_or_infinity(impl, small):
    model = impl.MLPClassifier(hidden_layer_sizes=(3,), max_iter=1).fit(*small)
    for value in (np.nan, np.inf):
        X = small[0].copy()
        X[2, 1] = value
        for call, args in (("fit", (X, small[1])), ("predict_proba", (X,))):
            try:
                getattr(impl.MLPClassifier(max_iter=1) if call == "fit" else model, call)(*args)
            except ValueError as exc:
                assert re.search(r"(?i)\bnan\b|\binf", str(exc)), (
                    f"{call} with {value} in X: the ValueError should say NaN or inf, but says {exc}")
            else:
                pytest.fail(f"{call} with {value} in X should raise a ValueError")


@pytest.mark.points(1)
def test_rejects_bad_shapes_and_a_single_class(impl, small):
    X, y = small
    with pytest.raises(ValueError, match=r"(?i)2-?d|dimension"):
        impl.MLPClassifier(max_iter=1).fit(X[:, 0], y)
    with pytest.raises(ValueError, match=r"(?i)empty|0 sample|no sample|\(0, 4\)"):
        impl.MLPClassifier(max_iter=1).fit(np.empty((0, 4)), np.empty(0))
    with pytest.raises(ValueError) as excinfo:
        impl.MLPClassifier(max_iter=1).fit(X, y[:5])
    assert re.search(r"\b5\b", str(excinfo.value)) and re.search(r"\b30\b", str(excinfo.value)), (
        f"X has 30 samples and y has 5; the ValueError should give both, but it says: {excinfo.value}")
    with pytest.raises(ValueError, match=r"(?i)class"):
        impl.MLPClassifier(max_iter=1).fit(X, np.zeros(30))


@pytest.mark.points(1)
def test_predict_rejects_wrong_n_features(impl, small):
    X, y = small
    model = impl.MLPClassifier(hidden_layer_sizes=(3,), max_iter=1).fit(X, y)
    with pytest.raises(ValueError, match=r"(?i)feature") as excinfo:
        model.predict(X[:, :2])
    message = str(excinfo.value)
    assert re.search(r"\b2\b", message) and re.search(r"\b4\b", message), (
        f"fit saw 4 features and predict got 2; the ValueError should give both counts, but it says: "
        f"{message!r}")


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("penalises the intercepts too", "penalty = sum(np.sum(W ** 2) for W in self.coefs_)",
     "penalty = sum(np.sum(W ** 2) for W in self.coefs_ + self.intercepts_)", "the loss (alpha=0.7"),
    ("steps with the old velocity before updating it (momentum off by one)",
     "            v *= self.momentum\n            v -= self.learning_rate * g\n            theta += v\n",
     "            theta += v\n            v *= self.momentum\n            v -= self.learning_rate * g\n",
     "sgd, momentum=0.9"),
    ("Adam without the bias correction", "rate = self.learning_rate * np.sqrt(1 - self.beta_2 ** self.t) "
     "/ (1 - self.beta_1 ** self.t)", "rate = self.learning_rate", "(adam, "),
]

# One wrong derivative per activation, graded by tests/test_mistakes.py: with `old` replaced by `new` in the
# reference, exactly the tests whose id contains the activation's name fail.
DERIVATIVE_MISTAKES = {
    "relu": ("(A > 0).astype(float)", "(A <= 0).astype(float)"),
    "tanh": ("1.0 - A ** 2", "A ** 2 - 1.0"),
    "logistic": ("A * (1.0 - A)", "A * (A - 1.0)"),
}


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py):
# the digits resampled to n samples, one hidden layer of 100 relu units, 30 epochs of Adam.
def _bench_data(n):
    X, y = load_digits(return_X_y=True)
    rows = np.random.default_rng(0).integers(0, len(X), size=n)
    return X[rows] / 16.0, y[rows]


# tol=0 and n_iter_no_change above max_iter: both run exactly max_iter epochs.
_BENCH_PARAMS = dict(hidden_layer_sizes=(100,), activation="relu", solver="adam", batch_size=200,
                     learning_rate_init=1e-3, max_iter=30, tol=0.0, n_iter_no_change=1_000, random_state=0)


def _bench_impl(module, data):
    X, y = data
    module.MLPClassifier(**_BENCH_PARAMS).fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # not converged; batch_size clipped when n < 200
        SkMLP(**_BENCH_PARAMS, early_stopping=False).fit(X, y).predict(X)


BENCHMARK = {
    "what": "fit (30 epochs of Adam, batches of 200, 64-100-10 relu) + predict, n digits",
    "size": 1_797, "check_size": 128,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Process each mini-batch as one matrix: the forward and backward passes are a few "
            "matrix products per layer (A @ W, A.T @ delta), with no loop over the samples "
            "(README: 'Backpropagation, layer by layer').",
}
