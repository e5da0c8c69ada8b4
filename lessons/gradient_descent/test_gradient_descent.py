"""Hidden tests for the gradient_descent lesson.

The trusted results are the documented update rule, replayed here in plain numpy
(``documented_run``), the closed-form least-squares optimum (``np.linalg.lstsq``) and
scikit-learn's ``SGDRegressor``. Mistakes a learner is likely to make, and the tests that
catch each:

- the gradient summed over the batch instead of averaged (a missing 1/m), or divided by
  n_samples instead of the size of the batch (wrong for the last, smaller batch):
  ``test_iterates_follow_the_update_rule[*]``, ``test_one_full_batch_step_closed_form``,
  ``test_matches_sgdregressor_without_shuffling``
- a sign error (stepping uphill, ``theta + lr * grad``): every iterate and convergence test,
  ``test_loss_decreases_below_the_stability_limit``
- the intercept never updated, or updated when ``fit_intercept=False``:
  ``test_iterates_follow_the_update_rule[*-intercept-*]`` / ``[no-intercept]``,
  ``test_converges_to_least_squares[*]``
- momentum off by one (theta moved with the old velocity before it is updated), momentum as
  an average ``v = m v + (1 - m) g``, momentum ignored, or the velocity reset every epoch:
  ``test_iterates_follow_the_update_rule[*momentum*]``,
  ``test_momentum_widens_the_stability_limit``
- the last partial batch dropped, or batches that overlap / skip samples:
  ``test_updates_per_epoch``, ``test_iterates_follow_the_update_rule[minibatch-*]``
- ``loss_curve_`` recorded before the epoch's updates, as the mean of the batch losses, or
  without the 1/2: ``test_iterates_follow_the_update_rule``, ``test_loss_curve_is_the_training_loss``
- ``shuffle`` ignored (always or never shuffling), X and y shuffled with different orders:
  ``test_iterates_follow_the_update_rule[minibatch-*]`` (shuffle=False),
  ``test_different_seeds_give_different_results``, ``test_minibatch_and_sgd_converge_on_noiseless_data``
- shuffling once before the first epoch, or re-seeding the generator every epoch (the same
  order every epoch): ``test_reshuffles_every_epoch``
- ``random_state`` ignored, or a generator kept across fits: ``test_same_seed_same_result``
- ``batch_size`` larger than n_samples not treated as full batch: ``test_updates_per_epoch[batch-25]``
- no divergence check (NaN coefficients returned silently): ``test_divergence_raises``
- ``predict`` forgetting ``+ intercept_``: ``test_predict_is_the_fitted_line``
- missing input checks: the tests of the last group
"""

import re
import warnings

import numpy as np
import pytest
from sklearn.linear_model import SGDRegressor

from grader.testing import assert_close

N_SAMPLES, N_FEATURES = 120, 3
TRUE_W, TRUE_B = np.array([1.5, -2.0, 0.7]), 3.0
RULE = "the documented update rule"


# -- data and the trusted replay --------------------------------------------------------------
def make_X(n, seed):
    """Features with non-zero means and different scales (cond of the loss Hessian ~ 11)."""
    rng = np.random.default_rng(seed)
    return rng.normal(loc=[0.5, -1.0, 0.0], scale=[1.0, 0.8, 1.2], size=(n, N_FEATURES))


@pytest.fixture(scope="module")
def data():
    """Noisy targets: the least-squares optimum is not the true line."""
    X = make_X(N_SAMPLES, 0)  # (n_samples, n_features)
    y = X @ TRUE_W + TRUE_B + 0.3 * np.random.default_rng(1).normal(size=N_SAMPLES)
    return X, y


@pytest.fixture(scope="module")
def small():
    """Seven samples: batches of 3 leave a last batch of 1."""
    X = make_X(7, 2)
    y = X @ TRUE_W + TRUE_B + 0.5 * np.random.default_rng(3).normal(size=7)
    return X, y


def lstsq_optimum(X, y, fit_intercept=True):
    Xa = np.column_stack([X, np.ones(len(X))]) if fit_intercept else X
    theta = np.linalg.lstsq(Xa, y, rcond=None)[0]
    return theta[:N_FEATURES], (theta[N_FEATURES] if fit_intercept else 0.0)


def hessian_eigenvalues(X, fit_intercept=True):
    """Eigenvalues of the loss Hessian Xa^T Xa / n, ascending."""
    Xa = np.column_stack([X, np.ones(len(X))]) if fit_intercept else X
    return np.linalg.eigvalsh(Xa.T @ Xa / len(X))


def documented_run(X, y, learning_rate, n_epochs, momentum, batch_size, fit_intercept):
    """The update rule of the docstring, samples in their given order (shuffle=False)."""
    Xa = np.column_stack([X, np.ones(len(X))]) if fit_intercept else X
    theta, velocity, losses = np.zeros(Xa.shape[1]), np.zeros(Xa.shape[1]), []
    m = len(X) if batch_size is None else batch_size
    for _ in range(n_epochs):
        for start in range(0, len(X), m):
            Xb, yb = Xa[start:start + m], y[start:start + m]
            grad = Xb.T @ (Xb @ theta - yb) / len(yb)  # the mean over THIS batch
            velocity = momentum * velocity - learning_rate * grad
            theta = theta + velocity
        losses.append(0.5 * np.mean((Xa @ theta - y) ** 2))  # after the epoch, whole set
    return theta[:N_FEATURES], (theta[N_FEATURES] if fit_intercept else 0.0), np.array(losses)


def as_float(value, what):
    arr = np.asarray(value, dtype=float)
    assert arr.shape == (), f"{what} should be a float, got an array of shape {arr.shape}"
    return arr


# -- 1. API conventions ---------------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_keeps_parameters(impl, data):
    X, y = data
    params = dict(learning_rate=0.05, batch_size=16, n_epochs=3, momentum=0.25, shuffle=False,
                  fit_intercept=False, random_state=7)
    model = impl.GradientDescentRegressor(**params)
    assert model.fit(X, y) is model, "fit should end with `return self`"
    stored = {name: getattr(model, name) for name in params}
    assert stored == params, (
        f"after fit the parameters are {stored}, expected {params}: __init__ stores its "
        "arguments unchanged and fit does not modify them"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_predict_before_fit_raises(impl, data):
    X, _ = data
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        impl.GradientDescentRegressor().predict(X)


@pytest.mark.points(1)
def test_fitted_attributes_and_shapes(impl, data):
    X, y = data
    model = impl.GradientDescentRegressor(learning_rate=0.1, batch_size=32, n_epochs=7,
                                          random_state=0).fit(X, y)
    shapes = {"coef_": np.shape(model.coef_), "intercept_": np.shape(model.intercept_),
              "loss_curve_": np.shape(model.loss_curve_), "predict(X)": np.shape(model.predict(X))}
    expected = {"coef_": (N_FEATURES,), "intercept_": (), "loss_curve_": (7,),
                "predict(X)": (N_SAMPLES,)}
    assert shapes == expected, f"shapes {shapes}, expected {expected} (n_epochs=7: one loss per epoch)"
    assert model.n_iter_ == 7, f"n_iter_ is {model.n_iter_!r}, expected n_epochs = 7"


@pytest.mark.points(1)
def test_predict_is_the_fitted_line(impl, data):
    X, y = data
    model = impl.GradientDescentRegressor(learning_rate=0.1, n_epochs=5).fit(X, y)
    X_new = make_X(10, 9)
    expected = X_new @ np.asarray(model.coef_, dtype=float) + as_float(model.intercept_, "intercept_")
    assert_close(model.predict(X_new), expected, rtol=1e-12, atol=1e-12, what="predict(X_new)",
                 baseline="X_new @ coef_ + intercept_")


@pytest.mark.points(1)
def test_same_seed_same_result(impl, data):
    X, y = data
    first = impl.GradientDescentRegressor(learning_rate=0.05, batch_size=10, n_epochs=3,
                                          random_state=3)
    coef = np.asarray(first.fit(X, y).coef_, dtype=float)
    # Refitting the same object must start again from default_rng(random_state).
    assert_close(first.fit(X, y).coef_, coef, rtol=0, atol=0, what="coef_ of a second fit",
                 baseline="the first fit's (same random_state=3)")
    other = impl.GradientDescentRegressor(learning_rate=0.05, batch_size=10, n_epochs=3,
                                          random_state=3).fit(X, y)
    assert_close(other.coef_, coef, rtol=0, atol=0, what="coef_ of a new model with random_state=3",
                 baseline="the first model's")


@pytest.mark.points(1)
def test_different_seeds_give_different_results(impl, data):
    X, y = data
    coefs = [np.asarray(impl.GradientDescentRegressor(learning_rate=0.05, batch_size=10, n_epochs=2,
                                                      random_state=seed).fit(X, y).coef_, dtype=float)
             for seed in (0, 1)]
    ordered = impl.GradientDescentRegressor(learning_rate=0.05, batch_size=10, n_epochs=2,
                                            shuffle=False).fit(X, y)
    gaps = (np.abs(coefs[0] - coefs[1]).max(), np.abs(coefs[0] - ordered.coef_).max())
    # Different orders of 12 mini-batches move the weights by ~1e-2 after two epochs.
    assert min(gaps) > 1e-6, (
        f"random_state=0 and 1 give coef_ {gaps[0]:.2g} apart, random_state=0 and shuffle=False "
        f"{gaps[1]:.2g} apart: with shuffle=True every epoch should visit the samples in an order "
        "drawn from np.random.default_rng(random_state)"
    )


@pytest.mark.points(1)
def test_reshuffles_every_epoch(impl):
    # Two samples, one per step: an epoch visits them as (a, b) or (b, a). Shuffled once
    # (or with the same order every epoch), 3 epochs can only end in 2 different places;
    # with a new order per epoch there are 8, and 20 seeds find more than 2 of them.
    X, y = np.array([[1.0], [-2.0]]), np.array([1.0, 3.0])
    ends = {round(float(impl.GradientDescentRegressor(learning_rate=0.1, batch_size=1, n_epochs=3,
                                                      random_state=seed).fit(X, y).coef_[0]), 10)
            for seed in range(20)}
    assert len(ends) > 2, (
        f"20 seeds gave only {len(ends)} distinct results ({sorted(ends)}); shuffle=True should "
        "draw a new order in every epoch, from one generator created at the start of fit"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("batch_size, per_epoch", [(None, 1), (3, 4), (25, 1)],
                         ids=["full-batch", "batch-3", "batch-25"])
def test_updates_per_epoch(impl, batch_size, per_epoch):
    X = make_X(10, 4)
    model = impl.GradientDescentRegressor(learning_rate=0.01, batch_size=batch_size, n_epochs=3,
                                          random_state=0).fit(X, X @ TRUE_W)
    assert model.n_updates_ == 3 * per_epoch, (
        f"10 samples, batch_size={batch_size}, 3 epochs: n_updates_ is {model.n_updates_!r}, "
        f"expected 3 * ceil(10 / {min(batch_size or 10, 10)}) = {3 * per_epoch} (the last, smaller "
        "batch counts; a batch_size above n_samples means one full batch)"
    )


# -- 2. the update rule, the least-squares optimum and scikit-learn ------------------------------
# (learning_rate, n_epochs, momentum, batch_size, fit_intercept) on the 7 samples of `small`.
RUNS = [
    (0.1, 1, 0.0, None, True),
    (0.1, 3, 0.5, None, True),
    (0.1, 3, 0.5, None, False),
    (0.05, 1, 0.0, 3, True),
    (0.05, 2, 0.7, 3, True),
    (0.05, 2, 0.0, 1, True),
]
RUN_IDS = ["full-batch-intercept-1-epoch", "full-batch-intercept-momentum", "no-intercept-momentum",
           "minibatch-3-1-epoch", "minibatch-3-momentum", "sgd-2-epochs"]


@pytest.mark.points(1)
@pytest.mark.parametrize("lr, n_epochs, momentum, batch_size, fit_intercept", RUNS, ids=RUN_IDS)
def test_iterates_follow_the_update_rule(impl, small, lr, n_epochs, momentum, batch_size, fit_intercept):
    X, y = small
    model = impl.GradientDescentRegressor(learning_rate=lr, n_epochs=n_epochs, momentum=momentum,
                                          batch_size=batch_size, shuffle=False,
                                          fit_intercept=fit_intercept).fit(X, y)
    w, b, losses = documented_run(X, y, lr, n_epochs, momentum, batch_size, fit_intercept)
    # The same arithmetic in another order: rounding differences of ~1e-15 only.
    tol = dict(rtol=1e-9, atol=1e-12, baseline=RULE)
    assert_close(model.coef_, w, what=f"coef_ after {n_epochs} epoch(s)", **tol)
    assert_close(as_float(model.intercept_, "intercept_"), b,
                 what=f"intercept_ after {n_epochs} epoch(s)", **tol)
    assert_close(model.loss_curve_, losses, what="loss_curve_ (1/(2n)||Xw + b - y||^2 after each epoch)",
                 **tol)


@pytest.mark.points(1)
def test_one_full_batch_step_closed_form(impl, data):
    X, y = data
    # From theta = 0 the residual is -y, so one full-batch step is theta = lr * Xa^T y / n.
    model = impl.GradientDescentRegressor(learning_rate=0.2, n_epochs=1, momentum=0.9).fit(X, y)
    truth = "lr * X^T y / n (one step from zero)"
    assert_close(model.coef_, 0.2 * X.T @ y / N_SAMPLES, rtol=1e-9, atol=1e-12, what="coef_",
                 baseline=truth)
    assert_close(as_float(model.intercept_, "intercept_"), 0.2 * y.mean(), rtol=1e-9, atol=1e-12,
                 what="intercept_", baseline="lr * mean(y) (one step from zero)")


@pytest.mark.points(1)
@pytest.mark.parametrize("momentum", [0.0, 0.5], ids=["plain", "momentum"])
@pytest.mark.parametrize("fit_intercept", [True, False], ids=["intercept", "no-intercept"])
@pytest.mark.public
def test_converges_to_least_squares(impl, data, fit_intercept, momentum):
    X, y = data
    model = impl.GradientDescentRegressor(learning_rate=0.5, n_epochs=300, momentum=momentum,
                                          fit_intercept=fit_intercept, random_state=0).fit(X, y)
    w, b = lstsq_optimum(X, y, fit_intercept)
    # Hessian eigenvalues lie in [0.24, 2.7] (with the ones column): with lr = 0.5 the error
    # shrinks by at least |1 - 0.5 * 0.24| = 0.88 per epoch (0.71 with momentum 0.5), so after
    # 300 epochs it is below 1e-15 of ||theta*||; 1e-8 leaves room for rounding only.
    truth = "the least-squares optimum (np.linalg.lstsq)"
    assert_close(model.coef_, w, rtol=1e-8, atol=1e-8, what="coef_", baseline=truth)
    assert_close(as_float(model.intercept_, "intercept_"), b, rtol=1e-8, atol=1e-8,
                 what="intercept_", baseline=truth)


@pytest.mark.points(1)
@pytest.mark.parametrize("batch_size", [16, 1], ids=["minibatch-16", "sgd"])
def test_minibatch_and_sgd_converge_on_noiseless_data(impl, batch_size):
    X = make_X(60, 5)
    y = X @ TRUE_W + TRUE_B
    lr, n_epochs = (0.05, 40) if batch_size == 1 else (0.5, 60)
    model = impl.GradientDescentRegressor(learning_rate=lr, batch_size=batch_size, n_epochs=n_epochs,
                                          random_state=0).fit(X, y)
    # Without noise every sample's gradient vanishes at the true line, so even stochastic
    # gradients converge to it, geometrically: within ~1e-12 for 10 seeds tried here.
    truth = "the true line (noiseless y)"
    assert_close(model.coef_, TRUE_W, rtol=1e-6, atol=1e-6, what="coef_", baseline=truth)
    assert_close(as_float(model.intercept_, "intercept_"), TRUE_B, rtol=1e-6, atol=1e-6,
                 what="intercept_", baseline=truth)


@pytest.mark.points(1)
def test_loss_curve_is_the_training_loss(impl, data):
    X, y = data
    model = impl.GradientDescentRegressor(learning_rate=0.05, batch_size=8, n_epochs=4,
                                          random_state=1).fit(X, y)
    residual = np.asarray(model.predict(X), dtype=float) - y
    # The last entry is the loss of the returned parameters on the whole training set.
    assert_close(model.loss_curve_[-1], 0.5 * np.mean(residual ** 2), rtol=1e-9, atol=0,
                 what="loss_curve_[-1]", baseline="1/(2n) ||predict(X) - y||^2")


@pytest.mark.points(2)
def test_matches_sgdregressor_without_shuffling(impl, data):
    X, y = data[0][:60], data[1][:60]
    model = impl.GradientDescentRegressor(learning_rate=0.02, batch_size=1, n_epochs=5,
                                          shuffle=False).fit(X, y)
    sk = SGDRegressor(penalty=None, learning_rate="constant", eta0=0.02, shuffle=False, tol=None,
                      max_iter=5).fit(X, y)
    # One sample per step, in order, same constant step, loss (p - y)^2 / 2: scikit-learn runs
    # the same 300 updates, so the results agree to rounding (~1e-15).
    assert_close(model.coef_, sk.coef_, rtol=1e-9, atol=1e-12, what="coef_ (SGD, shuffle=False)")
    assert_close(as_float(model.intercept_, "intercept_"), sk.intercept_[0], rtol=1e-9, atol=1e-12,
                 what="intercept_ (SGD, shuffle=False)")


@pytest.mark.points(2)
def test_matches_sgdregressor_shuffled(impl, data):
    X, y = data
    model = impl.GradientDescentRegressor(learning_rate=0.005, batch_size=1, n_epochs=40,
                                          random_state=0).fit(X, y)
    sk = SGDRegressor(penalty=None, learning_rate="constant", eta0=0.005, tol=None, max_iter=40,
                      random_state=0).fit(X, y)
    # Different random orders, so only the results are compared. After 4800 steps of 0.005
    # the start is forgotten (bias ~ exp(-0.005 * 0.24 * 4800) ~ 3e-3), and with a constant step
    # both hover around the optimum: over 40 pairs of seeds their difference had a standard
    # deviation below 0.006 per coordinate. 0.04 is about 7 of those; a wrong gradient, a missing
    # intercept or X and y shuffled apart miss by 0.1 or more.
    assert_close(model.coef_, sk.coef_, rtol=0, atol=0.04, what="coef_ (SGD, shuffled)")
    assert_close(as_float(model.intercept_, "intercept_"), sk.intercept_[0], rtol=0, atol=0.04,
                 what="intercept_ (SGD, shuffled)")


@pytest.mark.points(1)
def test_loss_decreases_below_the_stability_limit(impl, data):
    X, y = data
    lr = 0.9 * 2 / hessian_eigenvalues(X)[-1]
    losses = np.asarray(impl.GradientDescentRegressor(learning_rate=lr, n_epochs=30).fit(X, y).loss_curve_)
    # Full-batch descent on a quadratic with lr < 2 / lambda_max never increases the loss.
    steps = np.diff(losses)
    assert np.all(steps <= 1e-12 * losses[:-1]), (
        f"full batch, learning_rate = 0.9 * 2 / lambda_max = {lr:.3g}: the loss should decrease "
        f"every epoch, but it rose by {steps.max():.3g} at epoch {int(np.argmax(steps)) + 2}"
    )


@pytest.mark.points(1)
def test_divergence_above_the_stability_limit(impl, data):
    X, y = data
    lr = 1.2 * 2 / hessian_eigenvalues(X)[-1]
    losses = np.asarray(impl.GradientDescentRegressor(learning_rate=lr, n_epochs=25).fit(X, y).loss_curve_)
    # Along the steepest direction the error is multiplied by |1 - lr lambda_max| = 1.4 per
    # epoch, the loss by ~2: after a few epochs it must grow every epoch, to > 100x its start.
    assert np.all(np.diff(losses[10:]) > 0) and losses[-1] > 100 * losses[0], (
        f"full batch, learning_rate = 1.2 * 2 / lambda_max = {lr:.3g} is beyond the stability "
        f"limit: the loss should grow, but loss_curve_ went from {losses[0]:.3g} to {losses[-1]:.3g}"
    )


@pytest.mark.points(2)
def test_momentum_widens_the_stability_limit(impl, data):
    X, y = data
    lr = 1.2 * 2 / hessian_eigenvalues(X)[-1]
    model = impl.GradientDescentRegressor(learning_rate=lr, n_epochs=150, momentum=0.5).fit(X, y)
    # The heavy ball is stable for lr < 2 (1 + momentum) / lambda_max = 3 / lambda_max, so
    # this learning rate, which diverges without momentum, converges: the error contracts by
    # sqrt(0.5) per epoch at the top eigenvalue and by 0.9 at the bottom one (~1e-7 after 150).
    w, b = lstsq_optimum(X, y)
    truth = "the least-squares optimum"
    assert_close(model.coef_, w, rtol=1e-4, atol=1e-4, what="coef_ (momentum=0.5, lr = 2.4 / lambda_max)",
                 baseline=truth)
    assert_close(as_float(model.intercept_, "intercept_"), b, rtol=1e-4, atol=1e-4,
                 what="intercept_ (momentum=0.5, lr = 2.4 / lambda_max)", baseline=truth)


@pytest.mark.points(1)
def test_divergence_raises(impl, data):
    X, y = data
    # lr = 50 / lambda_max multiplies the error by ~49 per epoch: float64 overflows within
    # ~100 epochs, and fit must say so rather than return NaN coefficients.
    lr = 50 / hessian_eigenvalues(X)[-1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # in-process runs: numpy's overflow warning
        with pytest.raises(ValueError, match=r"(?i)diverg"):
            impl.GradientDescentRegressor(learning_rate=lr, n_epochs=1000).fit(X, y)


# -- 3. edge cases and error messages --------------------------------------------------------
BAD_PARAMETERS = [("learning_rate", 0.0), ("learning_rate", -0.1), ("batch_size", 0), ("batch_size", 2.5),
                  ("n_epochs", 0), ("momentum", 1.0), ("momentum", -0.5)]


@pytest.mark.points(1)
@pytest.mark.public
def test_rejects_bad_hyperparameters(impl, small):
    X, y = small
    for name, value in BAD_PARAMETERS:
        try:
            impl.GradientDescentRegressor(**{name: value}).fit(X, y)
        except ValueError as exc:
            assert name in str(exc), f"{name}={value!r}: the ValueError should name {name}, but says {exc}"
        else:
            pytest.fail(f"GradientDescentRegressor({name}={value!r}).fit should raise a ValueError")


@pytest.mark.points(1)
def test_rejects_nan_or_infinity(impl, small):
    for where, value in [("X", np.nan), ("X", np.inf), ("y", np.nan)]:
        X, y = small[0].copy(), small[1].copy()
        (X if where == "X" else y)[2] = value
        try:
            impl.GradientDescentRegressor().fit(X, y)
        except ValueError as exc:
            assert re.search(r"(?i)nan|inf|finite", str(exc)), (
                f"{value} in {where}: the ValueError should say NaN or infinity, but says {exc}")
        else:
            pytest.fail(f"fit with {value} in {where} should raise a ValueError")


@pytest.mark.points(1)
def test_rejects_bad_shapes(impl, small):
    X, y = small
    with pytest.raises(ValueError, match=r"(?i)2-?d|dimension"):
        impl.GradientDescentRegressor().fit(X[:, 0], y)
    with pytest.raises(ValueError, match=r"(?i)empty|0 sample|no sample"):
        impl.GradientDescentRegressor().fit(np.empty((0, 3)), np.empty(0))
    with pytest.raises(ValueError) as excinfo:
        impl.GradientDescentRegressor().fit(X, y[:5])
    assert re.search(r"\b5\b", str(excinfo.value)) and re.search(r"\b7\b", str(excinfo.value)), (
        f"X has 7 samples and y has 5; the ValueError should give both, but it says: "
        f"{str(excinfo.value)!r}"
    )
    with pytest.raises(ValueError, match=r"(?i)1-?d|shape|dimension"):
        impl.GradientDescentRegressor().fit(X, np.column_stack([y, y]))


@pytest.mark.points(1)
def test_predict_rejects_wrong_n_features(impl, small):
    X, y = small
    model = impl.GradientDescentRegressor(n_epochs=2).fit(X, y)
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
    ("sums the gradient over the batch instead of averaging it", "X.T @ residual / len(y)",
     "X.T @ residual", "differs from the documented update rule"),
    ("steps with the old velocity before updating it (momentum off by one)",
     "velocity = self.momentum * velocity - self.learning_rate * grad\n"
     "                    theta = theta + velocity",
     "theta = theta + velocity\n"
     "                    velocity = self.momentum * velocity - self.learning_rate * grad",
     "differs from the documented update rule"),
    ("drops the last, smaller batch of each epoch", "range(0, n_samples, batch_size)",
     "range(0, n_samples - batch_size + 1, batch_size)", "n_updates_ is"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): 5 epochs
# over n x 20 data in the given order, no momentum, a constant step. The reference takes
# mini-batches of 32, the size the README recommends; SGDRegressor (penalty=None, constant
# learning rate, no shuffling) takes one sample per step, the only batch size it has. Both read
# every sample once per epoch and spend O(n_features) on it, so the work per epoch is the same (as
# in the linear_svm lesson's benchmark). Timing the reference at batch_size=1 would time Python's
# cost per step, 250,000 steps, over 100 times scikit-learn's compiled loop (README: 'Cost'); at
# 32 the note also catches a learner whose batch gradient loops over the batch's samples.
def _bench_data(n):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 20))
    return X, X @ rng.normal(size=20) + rng.normal(size=n)


def _bench_impl(module, data):
    X, y = data
    module.GradientDescentRegressor(learning_rate=0.001, batch_size=32, n_epochs=5, momentum=0.0,
                                    shuffle=False).fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    SGDRegressor(penalty=None, learning_rate="constant", eta0=0.001, max_iter=5, tol=None,
                 shuffle=False).fit(X, y).predict(X)


BENCHMARK = {
    "what": "fit (5 epochs, batch_size=32 against scikit-learn's 1, no momentum, no shuffling) "
            "+ predict, n x 20",
    "size": 50_000, "check_size": 8_000,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Keep each update O(n_features) per sample and a few numpy calls per batch: add the column "
            "of ones once before the epochs, take the batch as a slice of X, compute its gradient "
            "with two matrix products (no loop over its samples), and the training loss once per "
            "epoch, not after every update (README: 'Cost').",
}
