"""Hidden tests for the Gaussian mixture lesson, graded against scikit-learn's GaussianMixture
(covariance_type="full").

From the same initial parameters (weights_init, means_init and precisions_init given on both
sides) EM is deterministic, so the fitted parameters, scores and iteration counts must agree
with scikit-learn's up to rounding.

Plausible mistakes, and the tests that catch them:

- covariances not weighted by the responsibilities, divided by n instead of N_j, or computed
  around the old means -> test_one_em_round_matches_sklearn, test_em_matches_sklearn,
  test_one_component_is_the_sample_mean_and_covariance
- weights_ not normalised (N_j instead of N_j / n), means not divided by N_j ->
  test_one_em_round_matches_sklearn, test_em_matches_sklearn
- reg_covar not added, or a constant instead of the parameter, or reg_covar=0 refused ->
  test_degenerate_cluster_needs_reg_covar, test_reg_covar_is_used,
  test_one_component_is_the_sample_mean_and_covariance
- the Gaussian log-density wrong (a missing log-determinant, log(2 pi) or factor 1/2, the
  covariance used where the precision belongs) -> test_one_em_round_matches_sklearn,
  test_score_samples_is_the_mixture_log_density
- responsibilities normalised with exp() outside log space (0 / 0 when every density
  underflows) -> test_poor_start_needs_log_space, test_far_points_score_in_log_space,
  test_far_points_predict_proba
- predict_proba rows not summing to 1, or predict taking the argmin -> test_predict_proba_matches_sklearn,
  test_predict_matches_sklearn, test_blobs_are_recovered
- score returning the total instead of the mean log-likelihood -> test_score_matches_sklearn
- lower_bound_ of the wrong parameters, or stopping on a relative change or on the total
  log-likelihood -> test_em_matches_sklearn (lower_bound_), test_n_iter_and_converged_match_sklearn
- converged_ True when max_iter was hit, or n_iter_ < max_iter used as "converged" ->
  test_n_iter_and_converged_match_sklearn, test_converged_on_the_last_allowed_round;
  stopping on |gain| <= tol -> test_tol_zero_never_stops
- the k-means start wrong (labels not one-hot, weights not divided by n) -> test_kmeans_start_matches_sklearn
- the random start not the README's recipe (rows not normalised) -> test_random_start_follows_the_recipe
- n_init ignored, or the last / first run kept instead of the best -> test_n_init_keeps_the_best_run
- random_state ignored (unseeded or fixed generator) -> test_same_seed_same_result,
  test_different_seeds_differ
- missing input checks -> the edge-case tests at the end
"""

import functools
import warnings

import numpy as np
import pytest
from scipy.special import logsumexp
from sklearn.datasets import make_blobs
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture as SkGaussianMixture

from grader.testing import assert_close, assert_equal_labels

# The learner's version may warn like scikit-learn when max_iter is hit; tests that hit it on
# purpose silence both.
SILENCE_MAX_ITER = pytest.mark.filterwarnings("ignore:.*converge")

# ---------------------------------------------------------------------------- fixtures


def aniso():
    """Three elongated, overlapping blobs of different sizes: full covariances matter."""
    X, _ = make_blobs(n_samples=300, centers=3, cluster_std=[1.0, 2.0, 0.7], random_state=3)
    return X @ np.array([[1.0, 0.5], [0.5, 2.0]])


def start(X, k, seed, precision=1.0):
    """Initial parameters: k samples as means, unequal weights, spherical precisions."""
    rng = np.random.default_rng(seed)
    weights = np.arange(1.0, k + 1) / (k * (k + 1) / 2)
    means = X[rng.choice(len(X), size=k, replace=False)]
    precisions = np.stack([np.eye(X.shape[1]) * precision * (j + 1) / k for j in range(k)])
    return dict(weights_init=weights, means_init=means, precisions_init=precisions)


def four_blobs():
    """Four well-separated blobs: every sensible start finds them."""
    return make_blobs(n_samples=300, centers=[[-5, -5], [5, -5], [-5, 5], [5, 5]], cluster_std=1.0,
                      random_state=2)


def three_blobs():
    """Three well-separated blobs, on which random starts find the blobs too (four symmetric
    blobs would trap them: all components start at the centre and the gains stay tiny)."""
    return make_blobs(n_samples=200, centers=[[-5, -4], [5, -4], [0, 5]], cluster_std=1.0,
                      random_state=2)


def trap_data():
    """A wide blob of 150 and two tight blobs of 25 close to each other.

    A k-means start often splits the wide blob and merges the tight ones; EM from there stops
    in a local maximum (mean log-likelihood -3.95 against -3.52 at the best fit) about half
    the time.
    """
    rng = np.random.default_rng(0)
    wide = rng.normal(0.0, 1.5, (150, 2))
    tight = [rng.normal(0.0, 0.3, (25, 2)) + centre for centre in ([8.0, -3.0], [8.0, 3.0])]
    return np.vstack([wide] + tight)


def sk_fit(X, **params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return SkGaussianMixture(covariance_type="full", **params).fit(X)


def log_gaussians(X, weights, means, covariances):
    """The trusted closed form: log w_j + log N(x_i | mu_j, Sigma_j), by slogdet and solve."""
    d = X.shape[1]
    columns = []
    for w, mu, cov in zip(weights, means, covariances, strict=True):
        diff = X - mu
        mahalanobis = np.sum(diff * np.linalg.solve(cov, diff.T).T, axis=1)
        columns.append(np.log(w) - 0.5 * (d * np.log(2 * np.pi) + np.linalg.slogdet(cov)[1] + mahalanobis))
    return np.column_stack(columns)


def by_position(means):
    """The order of components sorted by their means (to compare fits that label them differently)."""
    return np.lexsort(np.asarray(means).T[::-1])


# The same-start cases: data, n_components, tol, max_iter and the start's seed.
CASES = {
    # tol=0 never stops early: exactly 5 rounds on both sides, converged_ False
    "5-rounds-tol=0": dict(data="aniso", k=3, tol=0.0, max_iter=5, seed=0),
    # the default tol stops after 9 rounds (last gain 4.3e-4, the one before 1.4e-3)
    "default-tol": dict(data="aniso", k=3, tol=1e-3, max_iter=100, seed=0),
    "tol=1e-8": dict(data="aniso", k=3, tol=1e-8, max_iter=200, seed=0),
    # 16 rounds in 4 dimensions (last gain 1.7e-7, the one before 1.7e-6)
    "4-features-k=4": dict(data="four", k=4, tol=1e-6, max_iter=200, seed=1),
}


@functools.cache
def sk_case(name):
    """scikit-learn's fit of a same-start case (cached: several tests compare with it)."""
    X, params = case(name)
    return sk_fit(X, **params)


def case(name):
    c = CASES[name]
    if c["data"] == "aniso":
        X = aniso()
    else:
        X, _ = make_blobs(n_samples=300, n_features=4, centers=4, cluster_std=1.5, random_state=8)
    params = dict(n_components=c["k"], tol=c["tol"], max_iter=c["max_iter"], **start(X, c["k"], c["seed"]))
    return X, params


# ------------------------------------------------------------------- 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_parameters(impl):
    w, m, p = np.array([0.5, 0.5]), np.zeros((2, 3)), np.stack([np.eye(3)] * 2)
    model = impl.GaussianMixture(n_components=2, tol=0.5, reg_covar=0.25, max_iter=17, n_init=3,
                                 init_params="random", weights_init=w, means_init=m,
                                 precisions_init=p, random_state=11)
    stored = (model.n_components, model.tol, model.reg_covar, model.max_iter, model.n_init,
              model.init_params, model.random_state)
    expected = (2, 0.5, 0.25, 17, 3, "random", 11)
    assert stored == expected, (
        f"__init__ should store its arguments unchanged; got (n_components, tol, reg_covar, "
        f"max_iter, n_init, init_params, random_state) = {stored}, expected {expected}"
    )
    for name, given in (("weights_init", w), ("means_init", m), ("precisions_init", p)):
        np.testing.assert_array_equal(getattr(model, name), given, err_msg=f"__init__ should store {name}")
    default = impl.GaussianMixture()
    defaults = (default.n_components, default.tol, default.reg_covar, default.max_iter,
                default.n_init, default.init_params)
    assert defaults == (1, 1e-3, 1e-6, 100, 1, "kmeans"), f"the defaults are {defaults}"


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_fitted_shapes(impl):
    X = aniso()
    model = impl.GaussianMixture(n_components=3, random_state=0)
    assert model.fit(X) is model, "fit should return self"
    shapes = {
        "weights_": (3,), "means_": (3, 2), "covariances_": (3, 2, 2), "precisions_": (3, 2, 2),
        "predict_proba(X)": (300, 3), "score_samples(X)": (300,), "predict(X)": (300,),
    }
    values = {
        "weights_": model.weights_, "means_": model.means_, "covariances_": model.covariances_,
        "precisions_": model.precisions_, "predict_proba(X)": model.predict_proba(X),
        "score_samples(X)": model.score_samples(X), "predict(X)": model.predict(X),
    }
    for name, shape in shapes.items():
        got = np.shape(values[name])
        assert got == shape, f"{name} has shape {got}, expected {shape}"
    assert model.converged_ in (True, False), f"converged_ should be a bool, got {model.converged_!r}"
    n_iter = model.n_iter_
    assert int(n_iter) == n_iter >= 1, f"n_iter_ should be an int >= 1, got {n_iter!r}"
    assert np.ndim(model.lower_bound_) == 0, "lower_bound_ should be a single number"
    assert np.ndim(model.score(X)) == 0, "score(X) should be a single number"


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_error(impl):
    X = aniso()
    model = impl.GaussianMixture(n_components=2)
    for method in ("predict", "predict_proba", "score_samples", "score"):
        with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
            getattr(model, method)(X)


@pytest.mark.points(1)
def test_fit_predict_equals_predict(impl):
    X = aniso()
    model = impl.GaussianMixture(n_components=3, random_state=0, max_iter=3, tol=0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        labels = model.fit_predict(X)
    assert_equal_labels(labels, model.predict(X), what="fit_predict(X)", baseline="predict(X) after fit")


@pytest.mark.points(1)
@SILENCE_MAX_ITER
def test_same_seed_same_result(impl):
    # max_iter=1 leaves the parameters close to the start, so any change of start shows.
    X = trap_data()
    for init in ("kmeans", "random"):
        a = impl.GaussianMixture(3, init_params=init, max_iter=1, random_state=42).fit(X)
        b = impl.GaussianMixture(3, init_params=init, max_iter=1, random_state=42).fit(X)
        assert_close(b.means_, a.means_, rtol=0, atol=0,
                     what=f"means_ of a second fit with init_params={init!r}, random_state=42",
                     baseline="the first fit's")


@pytest.mark.points(1)
@SILENCE_MAX_ITER
def test_different_seeds_differ(impl):
    X = trap_data()
    for init in ("kmeans", "random"):
        means = [np.asarray(impl.GaussianMixture(3, init_params=init, max_iter=1, random_state=seed)
                            .fit(X).means_) for seed in range(5)]
        # a k-means start on these data ends in one of two partitions (in some label order)
        distinct = len({np.round(m, 6).tobytes() for m in means})
        assert distinct >= 2, (
            f"init_params={init!r} with random_state=0..4 gave only {distinct} different means_ "
            "after one EM round; draw the start from np.random.default_rng(random_state)"
        )


# ---------------------------------------------------- 2. agreement with scikit-learn


@pytest.mark.points(2)
@SILENCE_MAX_ITER
def test_one_em_round_matches_sklearn(impl):
    # max_iter=1 is one E step from the given start and one M step: it judges the M step's
    # formulas directly. Only summation order differs (~1e-15 relative), hence 1e-9.
    X = aniso()
    params = dict(n_components=3, max_iter=1, **start(X, 3, seed=0))
    ours = impl.GaussianMixture(**params).fit(X)
    sk = sk_fit(X, **params)
    assert_close(ours.weights_, sk.weights_, rtol=1e-9, atol=0, what="weights_ after one EM round")
    assert_close(ours.means_, sk.means_, rtol=1e-9, atol=1e-9, what="means_ after one EM round")
    assert_close(ours.covariances_, sk.covariances_, rtol=1e-9, atol=1e-9,
                 what="covariances_ after one EM round")
    # the log-likelihood of the start, from the first E step
    assert_close(ours.lower_bound_, sk.lower_bound_, rtol=1e-9, atol=0,
                 what="lower_bound_ after one EM round (the mean log-likelihood of the start)")


@pytest.mark.points(1)
@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
@SILENCE_MAX_ITER
def test_em_matches_sklearn(impl, name):
    X, params = case(name)
    ours = impl.GaussianMixture(**params).fit(X)
    sk = sk_case(name)
    # Same start, same rounds: rounding (~1e-15) is all that separates the two. EM contracts
    # towards its fixed point, so it does not grow over 200 rounds; 1e-8 leaves a wide margin.
    assert_close(ours.weights_, sk.weights_, rtol=1e-8, atol=0, what="weights_")
    assert_close(ours.means_, sk.means_, rtol=1e-8, atol=1e-8, what="means_")
    assert_close(ours.covariances_, sk.covariances_, rtol=1e-8, atol=1e-8, what="covariances_")
    assert_close(ours.precisions_, sk.precisions_, rtol=1e-8, atol=1e-8, what="precisions_")
    assert_close(ours.lower_bound_, sk.lower_bound_, rtol=1e-10, atol=0, what="lower_bound_")


@pytest.mark.points(1)
@pytest.mark.parametrize("name", list(CASES), ids=list(CASES))
@SILENCE_MAX_ITER
def test_n_iter_and_converged_match_sklearn(impl, name):
    X, params = case(name)
    ours = impl.GaussianMixture(**params).fit(X)
    sk = sk_case(name)
    got, expected = (ours.n_iter_, bool(ours.converged_)), (sk.n_iter_, bool(sk.converged_))
    assert got == expected, (
        f"(n_iter_, converged_) is {got}, scikit-learn's is {expected} (tol={params['tol']}, "
        f"max_iter={params['max_iter']}). Stop when the mean log-likelihood of an E step rose by "
        "less than tol since the previous E step; converged_ is False when max_iter was hit"
    )


@pytest.mark.points(1)
def test_converged_on_the_last_allowed_round(impl):
    # The default-tol case meets tol at round 9: with max_iter=9 it still converged.
    X, params = case("default-tol")
    n = params["max_iter"] = sk_case("default-tol").n_iter_
    ours = impl.GaussianMixture(**params).fit(X)
    assert (ours.n_iter_, bool(ours.converged_)) == (n, True), (
        f"with max_iter={n} and a run that meets tol at round {n}, (n_iter_, converged_) should be "
        f"({n}, True), got ({ours.n_iter_}, {ours.converged_}): converged_ says whether the tol test "
        "passed, not whether n_iter_ < max_iter"
    )


@pytest.mark.points(1)
def test_score_matches_sklearn(impl):
    X, params = case("default-tol")
    ours = impl.GaussianMixture(**params).fit(X)
    sk = sk_case("default-tol")
    new = np.random.default_rng(1).uniform(X.min(0), X.max(0), size=(50, 2))
    # Same parameters (see test_em_matches_sklearn): the means of log-densities agree to rounding.
    assert_close(ours.score(X), sk.score(X), rtol=1e-9, atol=0,
                 what="score(X) (the MEAN log-likelihood per sample)")
    assert_close(ours.score(new), sk.score(new), rtol=1e-9, atol=0, what="score(new points)")
    assert_close(ours.score_samples(new), sk.score_samples(new), rtol=1e-9, atol=1e-9,
                 what="score_samples(new points)")


@pytest.mark.points(1)
def test_predict_proba_matches_sklearn(impl):
    X, params = case("default-tol")
    ours = impl.GaussianMixture(**params).fit(X)
    sk = sk_case("default-tol")
    proba = np.asarray(ours.predict_proba(X))
    assert_close(proba.sum(axis=1), np.ones(len(X)), rtol=0, atol=1e-12,
                 what="the row sums of predict_proba(X)", baseline="1")
    # probabilities in [0, 1] computed from the same parameters: rounding only
    assert_close(proba, sk.predict_proba(X), rtol=1e-7, atol=1e-10, what="predict_proba(X)")


@pytest.mark.points(1)
def test_predict_matches_sklearn(impl):
    X, params = case("default-tol")
    ours = impl.GaussianMixture(**params).fit(X)
    sk = sk_case("default-tol")
    new = np.random.default_rng(2).uniform(X.min(0), X.max(0), size=(200, 2))
    assert_equal_labels(ours.predict(new), sk.predict(new), what="predict(new points)")


@pytest.mark.points(2)
def test_kmeans_start_matches_sklearn(impl):
    # On well-separated blobs every k-means run finds the same partition, so one EM round
    # from it gives scikit-learn's parameters, up to the order of the components.
    X, _ = four_blobs()
    ours = impl.GaussianMixture(4, max_iter=1, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours.fit(X)
    sk = sk_fit(X, n_components=4, max_iter=1, random_state=0)
    o, s = by_position(ours.means_), by_position(sk.means_)
    # The same one-hot start and the same two steps: rounding only.
    assert_close(np.asarray(ours.weights_)[o], sk.weights_[s], rtol=1e-9, atol=0,
                 what="weights_ after a k-means start and one EM round (components sorted by mean)")
    assert_close(np.asarray(ours.means_)[o], sk.means_[s], rtol=1e-9, atol=1e-9,
                 what="means_ after a k-means start and one EM round (components sorted by mean)")
    assert_close(np.asarray(ours.covariances_)[o], sk.covariances_[s], rtol=1e-9, atol=1e-9,
                 what="covariances_ after a k-means start and one EM round (components sorted by mean)")
    assert_close(ours.lower_bound_, sk.lower_bound_, rtol=1e-9, atol=0,
                 what="lower_bound_ after a k-means start (the mean log-likelihood of the start)")


@pytest.mark.points(1)
@pytest.mark.parametrize("init", ["kmeans", "random"])
@pytest.mark.public
def test_blobs_are_recovered(impl, init):
    X, y = three_blobs()
    # A random start needs a small tol (its components begin almost identical, so the first
    # gains are tiny) and a few restarts; scikit-learn behaves the same way.
    params = dict(tol=1e-5, max_iter=300, n_init=3) if init == "random" else {}
    for seed in (0, 1):
        ours = impl.GaussianMixture(3, init_params=init, random_state=seed, **params).fit(X)
        ari = adjusted_rand_score(y, np.asarray(ours.predict(X)))
        # blobs 10 apart with unit spread: the true labelling is recovered exactly
        assert ari > 0.999, (
            f"predict(X) after fit(init_params={init!r}, random_state={seed}) has adjusted Rand "
            f"index {ari:.3f} against the true blobs, expected 1"
        )


@pytest.mark.points(2)
def test_n_init_keeps_the_best_run(impl):
    X = trap_data()
    # scikit-learn started from the three blobs reaches the best fit.
    truth = dict(weights_init=[0.6, 0.2, 0.2], means_init=[[0, 0], [8, -3], [8, 3]],
                 precisions_init=[np.eye(2) / 2.25, np.eye(2) / 0.09, np.eye(2) / 0.09])
    best = sk_fit(X, n_components=3, **truth).lower_bound_
    for seed in range(4):
        ours = impl.GaussianMixture(3, n_init=15, random_state=seed).fit(X)
        # A single k-means-started run misses the best fit about half the time (-3.95 against
        # -3.52), so 15 runs all miss it with probability ~3e-5; atol=0.05 absorbs tol=1e-3.
        assert_close(ours.lower_bound_, best, rtol=0, atol=0.05,
                     what=f"lower_bound_ with n_init=15, random_state={seed}",
                     baseline="the best fit's (scikit-learn from the true blobs)")


@pytest.mark.points(1)
def test_one_component_is_the_sample_mean_and_covariance(impl):
    """Closed form: one component is the maximum-likelihood Gaussian, whatever the start."""
    X = aniso()
    model = impl.GaussianMixture(1, reg_covar=0.01).fit(X)
    assert_close(model.weights_, [1.0], rtol=0, atol=1e-12, what="weights_", baseline="[1]")
    assert_close(model.means_, X.mean(axis=0, keepdims=True), rtol=1e-10, atol=1e-10, what="means_",
                 baseline="the mean of X")
    expected = np.cov(X.T, bias=True) + 0.01 * np.eye(2)
    assert_close(model.covariances_, expected[None], rtol=1e-10, atol=1e-10, what="covariances_",
                 baseline="np.cov(X.T, bias=True) + reg_covar * I (divide by n, add reg_covar)")


@pytest.mark.points(1)
def test_reg_covar_is_used(impl):
    # reg_covar=0 is allowed (the data are not degenerate); 0.5 changes every covariance.
    for reg_covar in (0.0, 0.5):
        X, params = case("default-tol")
        params["reg_covar"] = reg_covar
        ours = impl.GaussianMixture(**params).fit(X)
        sk = sk_fit(X, **params)
        # as in test_em_matches_sklearn
        assert_close(ours.covariances_, sk.covariances_, rtol=1e-8, atol=1e-8,
                     what=f"covariances_ with reg_covar={reg_covar}")


@pytest.mark.points(1)
@SILENCE_MAX_ITER
def test_random_start_follows_the_recipe(impl):
    # The README's recipe: the first draw of np.random.default_rng(random_state) is
    # rng.uniform(size=(n_samples, n_components)), each row divided by its sum; one M step
    # turns these responsibilities into the start. Rebuilt here in closed form and handed to
    # scikit-learn as its start, one EM round must then agree.
    X = aniso()
    resp = np.random.default_rng(7).uniform(size=(len(X), 3))
    resp /= resp.sum(axis=1, keepdims=True)
    nk = resp.sum(axis=0)
    means = resp.T @ X / nk[:, None]
    covariances = np.stack([(resp[:, j, None] * (X - means[j])).T @ (X - means[j]) / nk[j]
                            + 1e-6 * np.eye(2) for j in range(3)])
    sk = sk_fit(X, n_components=3, max_iter=1, weights_init=nk / len(X), means_init=means,
                precisions_init=np.linalg.inv(covariances))
    ours = impl.GaussianMixture(3, init_params="random", max_iter=1, random_state=7).fit(X)
    # the start goes through an explicit inverse on the trusted side: ~1e-14, hence 1e-8
    assert_close(ours.means_, sk.means_, rtol=1e-8, atol=1e-8,
                 what="means_ after a random start and one EM round (draw rng.uniform(size=(n_samples, "
                      "n_components)) and divide each row by its sum)")
    assert_close(ours.lower_bound_, sk.lower_bound_, rtol=1e-8, atol=0,
                 what="lower_bound_ of a random start (the mean log-likelihood of the start)")


@pytest.mark.points(1)
@SILENCE_MAX_ITER
def test_tol_zero_never_stops(impl):
    # One component starts at its maximum-likelihood fit, so every E step gives exactly the
    # same lower bound: a gain of exactly 0 is not < tol=0, and EM runs all max_iter rounds.
    ours = impl.GaussianMixture(1, tol=0.0, max_iter=10).fit(aniso())
    got = (ours.n_iter_, bool(ours.converged_))
    assert got == (10, False), (
        f"with tol=0 and max_iter=10, (n_iter_, converged_) should be (10, False) like "
        f"scikit-learn's, got {got}: stop only when |gain| < tol (strictly)"
    )


# ---------------------------------------------------------- 3. edge cases and errors


@pytest.mark.points(2)
def test_degenerate_cluster_needs_reg_covar(impl):
    # 20 copies of one point form a component with zero spread: without reg_covar on the
    # diagonal its covariance is singular and the Cholesky factorisation fails.
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0.0, 1.0, (100, 2)), rng.normal(0.0, 1.0, (100, 2)) + [8.0, 0.0],
                   np.tile([4.0, 9.0], (20, 1))])
    params = dict(n_components=3, weights_init=[0.4, 0.4, 0.2], means_init=[[0, 0], [8, 0], [4, 8]],
                  precisions_init=np.stack([np.eye(2)] * 3))
    ours = impl.GaussianMixture(**params).fit(X)
    sk = sk_fit(X, **params)
    # the collapsed component's covariance is reg_covar * I; everything else as in
    # test_em_matches_sklearn
    assert_close(ours.covariances_, sk.covariances_, rtol=1e-8, atol=1e-12,
                 what="covariances_ with a component on 20 identical points")
    assert_close(ours.score(X), sk.score(X), rtol=1e-9, atol=0,
                 what="score(X) with a component on 20 identical points")


@pytest.mark.points(2)
def test_poor_start_needs_log_space(impl):
    # Precisions of 1e4 (standard deviation 0.01): at the start every density of nearly every
    # sample underflows, exp(log-density) is 0 for all components and 0 / 0 gives NaN unless
    # the responsibilities are normalised with log-sum-exp.
    X = aniso()
    params = dict(n_components=3, tol=1e-6, **start(X, 3, seed=0, precision=3e4))
    ours = impl.GaussianMixture(**params).fit(X)
    sk = sk_fit(X, **params)
    # as in test_em_matches_sklearn
    assert_close(ours.means_, sk.means_, rtol=1e-8, atol=1e-8,
                 what="means_ from a start where every density underflows (use log-sum-exp)")
    assert_close(ours.score(X), sk.score(X), rtol=1e-9, atol=0,
                 what="score(X) from a start where every density underflows (use log-sum-exp)")


@pytest.mark.points(1)
def test_far_points_score_in_log_space(impl):
    X = aniso()
    model = impl.GaussianMixture(3, random_state=0).fit(X)
    far = np.array([[1e3, 0.0], [0.0, -1e3], [300.0, 300.0], [-50.0, 80.0]])
    # Closed form from the learner's own parameters, in log space with scipy's logsumexp.
    log_prob = log_gaussians(far, *(np.asarray(a) for a in (model.weights_, model.means_,
                                                              model.covariances_)))
    # log-densities of order -1e5: only rounding separates the two
    assert_close(model.score_samples(far), logsumexp(log_prob, axis=1), rtol=1e-9, atol=1e-9,
                 what="score_samples(far points) (every density underflows: use log-sum-exp)",
                 baseline="log sum_j w_j N(x | mu_j, Sigma_j) from your weights_, means_, covariances_")


@pytest.mark.points(1)
def test_far_points_predict_proba(impl):
    X, params = case("default-tol")
    ours = impl.GaussianMixture(**params).fit(X)
    sk = sk_case("default-tol")
    far = np.array([[1e3, 0.0], [0.0, -1e3], [300.0, 300.0], [-50.0, 80.0]])
    # Far away, one component takes all the probability; normalised in log space it is exact.
    assert_close(ours.predict_proba(far), sk.predict_proba(far), rtol=1e-7, atol=1e-10,
                 what="predict_proba(far points) (normalise in log space)")


@pytest.mark.points(1)
def test_score_samples_is_the_mixture_log_density(impl):
    X = aniso()
    model = impl.GaussianMixture(3, random_state=0).fit(X)
    new = np.random.default_rng(3).uniform(X.min(0), X.max(0), size=(100, 2))
    log_prob = log_gaussians(new, *(np.asarray(a) for a in (model.weights_, model.means_,
                                                             model.covariances_)))
    density = np.exp(log_prob).sum(axis=1)  # near the data the densities do not underflow
    assert_close(model.score_samples(new), np.log(density), rtol=1e-9, atol=1e-9,
                 what="score_samples(new points)",
                 baseline="log sum_j w_j N(x | mu_j, Sigma_j) from your weights_, means_, covariances_")
    assert_close(model.score(new), np.log(density).mean(), rtol=1e-9, atol=0,
                 what="score(new points)", baseline="the mean of the log-densities")


def raises_naming(model, X, word, what):
    """model.fit(X) must raise a ValueError whose message contains ``word``."""
    try:
        model.fit(X)
    except ValueError as exc:
        assert word in str(exc), f"{what}: the ValueError should name {word!r}, its message is {exc}"
        return
    raise AssertionError(f"{what}: fit should raise a ValueError naming {word!r}, it raised nothing")


@pytest.mark.points(2)
@pytest.mark.public
def test_bad_parameters_raise(impl):
    X = aniso()
    for params in ({"n_components": 0}, {"n_init": 0}, {"max_iter": 0}, {"reg_covar": -1.0},
                   {"tol": -1.0}, {"init_params": "k-means"}):
        (name, value), = params.items()
        raises_naming(impl.GaussianMixture(**{"n_components": 2, **params}), X, name,
                      f"GaussianMixture({name}={value!r})")


@pytest.mark.points(1)
def test_more_components_than_samples(impl):
    X = np.random.default_rng(0).normal(size=(3, 2))
    with pytest.raises(ValueError, match=r"(?i)component|sample"):
        impl.GaussianMixture(n_components=5).fit(X)


@pytest.mark.points(1)
def test_bad_input(impl):
    X = np.random.default_rng(0).normal(size=(20, 2))
    for bad in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad[4, 1] = bad
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            impl.GaussianMixture(n_components=2).fit(X_bad)
    for X_bad in (np.zeros(5), np.zeros((0, 2))):
        with pytest.raises(ValueError):
            impl.GaussianMixture(n_components=1).fit(X_bad)


@pytest.mark.points(1)
def test_wrong_n_features_after_fit(impl):
    model = impl.GaussianMixture(3, random_state=0).fit(aniso())
    # The message names both counts: 4 received, 2 seen in fit (3 is the number of components).
    for method in ("predict", "predict_proba", "score_samples"):
        with pytest.raises(ValueError, match=r"(?i)(?=.*feature)(?=.*\b4\b)(?=.*\b2\b)"):
            getattr(model, method)(np.zeros((5, 4)))


@pytest.mark.points(1)
def test_bad_initial_parameters(impl):
    X = aniso()
    for what, bad in (
        ("weights not summing to 1", {"weights_init": [0.5, 0.6]}),
        ("weights of the wrong length", {"weights_init": [0.2, 0.3, 0.5]}),
        ("means of the wrong shape", {"means_init": np.zeros((2, 3))}),
        ("a precision that is not positive definite", {"precisions_init": np.stack([np.eye(2), -np.eye(2)])}),
        ("precisions of the wrong shape", {"precisions_init": np.stack([np.eye(2)] * 3)}),
    ):
        name = next(iter(bad))
        raises_naming(impl.GaussianMixture(2, **bad), X, name, f"GaussianMixture(2, {name}=...) with {what}")


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("covariances divided by n instead of N_j", "@ diff / nk[j]", "@ diff / X.shape[0]",
     "covariances_ after one EM round differs"),
    ("responsibilities normalised outside log space", "log_norm = _logsumexp(log_prob)",
     "log_norm = np.log(np.exp(log_prob).sum(axis=1))", "use log-sum-exp"),
    ("score returns the total log-likelihood", "return float(np.mean(self.score_samples(X)))",
     "return float(np.sum(self.score_samples(X)))", "score(X) (the MEAN log-likelihood"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, 20 EM rounds (tol=0, so neither stops early; both warn that they did not converge)
# from the same given start, then predict. init_params="random" keeps scikit-learn from running
# k-means, which the given start replaces anyway (it still does one extra M step before replacing).
def _bench_data(n):
    X, _ = make_blobs(n_samples=n, n_features=8, centers=5, cluster_std=2.0, random_state=0)
    return X, np.full(5, 0.2), X[:5].copy(), np.tile(np.eye(8), (5, 1, 1))


def _bench_impl(module, data):
    X, weights, means, precisions = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        module.GaussianMixture(n_components=5, tol=0.0, max_iter=20, init_params="random",
                               weights_init=weights, means_init=means, precisions_init=precisions,
                               random_state=0).fit(X).predict(X)


def _bench_baseline(data):
    X, weights, means, precisions = data
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        SkGaussianMixture(n_components=5, tol=0.0, max_iter=20, init_params="random",
                          weights_init=weights, means_init=means, precisions_init=precisions,
                          random_state=0).fit(X).predict(X)


BENCHMARK = {
    "what": "fit (20 EM rounds, full covariances, given start) + predict, n x 8, 5 components",
    "size": 20_000, "check_size": 500,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Compute every sample's log-density under every component at once: solve with the "
            "Cholesky factor of the precision instead of inverting each covariance, broadcast over "
            "samples instead of looping over them, and normalise with log-sum-exp "
            "(README: 'Log-densities without inverses').",
}
