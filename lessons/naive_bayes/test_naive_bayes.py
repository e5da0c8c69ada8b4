"""Hidden tests for the naive Bayes lesson: GaussianNB, MultinomialNB and BernoulliNB.

Plausible mistakes, and the tests that catch them:

- Probabilities multiplied in linear space (the product of 2000 likelihoods underflows to 0.0,
  and 0/0 is NaN), or log-likelihoods normalised by exp(jll) / sum(exp(jll)) without
  subtracting the maximum: test_many_features_do_not_underflow.
- predict_log_proba computed as log(predict_proba) (-inf for confident predictions):
  test_log_proba_of_confident_predictions.
- var_smoothing applied wrongly (epsilon = var_smoothing itself, each feature's own variance,
  the largest within-class variance, or added only where a variance is 0):
  test_var_smoothing_matches_sklearn, test_gaussian_matches_sklearn (epsilon_, var_).
- Sample variance (ddof=1) instead of the maximum-likelihood (population) variance, or the
  means or variances summed over the wrong axis: test_gaussian_matches_sklearn (theta_, var_).
- priors ignored: test_gaussian_given_priors.
- alpha added to the numerator only, or to the multinomial denominator once instead of once
  per feature (alpha instead of alpha * n_features), or the Bernoulli denominator N_c + alpha
  instead of N_c + 2 alpha: test_multinomial_matches_sklearn, test_bernoulli_matches_sklearn
  (feature_log_prob_), test_spam_example_by_hand.
- The multinomial denominator taken as the class's sample count N_c (Bernoulli's) instead of
  its total count of all features: test_multinomial_matches_sklearn.
- BernoulliNB forgetting the absent-feature term (1 - x) log(1 - p), binarizing with >= instead
  of >, binarizing only in fit, or binarizing when binarize=None:
  test_bernoulli_matches_sklearn, test_spam_example_by_hand.
- fit_prior=False not giving uniform priors, class_prior ignored:
  test_fit_prior_false_gives_uniform_priors, test_given_class_prior.
- Per-class sums over the wrong axis (feature_count_ of shape (n_features, n_classes), counts
  of all samples instead of the class's): test_fitted_attributes_and_output_shapes and every
  comparison with scikit-learn.
- The log-density's constant terms dropped (-1/2 log(2 pi var) in GaussianNB, the sum of
  log(1 - p) in BernoulliNB): test_joint_log_likelihood_matches_sklearn (and, for BernoulliNB,
  every probability: that sum differs between classes).
- GaussianNB predicted in blocks of rows with a block skipped or misplaced (only more than
  4096 samples show it): test_joint_log_likelihood_matches_sklearn.
- predict returning column indices, classes not sorted like np.unique:
  test_string_labels_and_class_order.
- alpha=0 or var_smoothing=0 refused (scikit-learn accepts both: no smoothing):
  test_zero_smoothing_is_allowed.
- Missing validation (negative counts for MultinomialNB, alpha < 0, var_smoothing < 0, bad
  priors, NaN, wrong shapes, wrong n_features, predict before fit): the tests of group 3.
"""

import warnings

import numpy as np
import pytest
from sklearn import naive_bayes as sk
from sklearn.datasets import load_digits, load_iris, load_wine

from grader.testing import assert_close, assert_equal_labels

MODELS = ["GaussianNB", "MultinomialNB", "BernoulliNB"]
# Both implementations sum the same logarithms, in a different order: the references agree to
# ~1e-13. 1e-6 (the lesson's promise) leaves room for any sound log-space formulation, while
# each mistake listed above moves some probability by more than 1e-3 on these data sets.
PROBA_TOL = {"rtol": 0.0, "atol": 1e-6}
# Log-probabilities reach -3000 on the 2000-feature data; 1e-9 relative is still ~1e5 times
# the rounding error of summing 2000 logarithms.
LOG_TOL = {"rtol": 1e-9, "atol": 1e-6}
# Counts, means, smoothed log-probabilities: a few roundings from the exact value.
STAT_TOL = {"rtol": 1e-9, "atol": 1e-12}


# --- data -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def iris():
    return load_iris(return_X_y=True)


@pytest.fixture(scope="module")
def wine():
    """13 features on very different scales (variances from 0.01 to 1e5)."""
    return load_wine(return_X_y=True)


@pytest.fixture(scope="module")
def digits():
    """The first 400 8x8 digits: pixel intensities 0..16, many pixels constant within a class."""
    X, y = load_digits(return_X_y=True)
    return X[:400], y[:400]


def count_data(seed=0, n_features=20, sizes=(150, 100, 50)):
    """Poisson counts whose rates differ a little between three imbalanced classes, so the
    predicted probabilities are spread between 0.4 and 1 rather than all 0 or 1."""
    rng = np.random.default_rng(seed)
    base = rng.uniform(0.5, 3.0, n_features)
    rates = base * np.exp(0.3 * rng.normal(size=(len(sizes), n_features)))  # (n_classes, n_features)
    y = np.repeat(np.arange(len(sizes)), sizes)
    return rng.poisson(rates[y]).astype(float), y


@pytest.fixture(scope="module")
def counts():
    return count_data()


def many_features(model, signal=1.0, seed=0, n_features=2000):
    """Training and test data with 2000 features. With signal=1 the features are weakly
    informative: each joint log-likelihood is around -1500 to -15000, far below
    log(smallest float64) = -745, yet the classes' log-likelihoods differ by a few units, so
    the probabilities are not all 0 or 1. With signal=40 the classes are far apart."""
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1, 2], 20)
    y_test = np.repeat([0, 1, 2], 5)
    if model == "GaussianNB":
        means = rng.normal(0.0, 0.05 * signal, (3, n_features))
        return (rng.normal(size=(60, n_features)) + means[y], y,
                rng.normal(size=(15, n_features)) + means[y_test])
    if model == "MultinomialNB":
        rates = np.exp(0.02 * signal * rng.normal(size=(3, n_features)))
        return rng.poisson(rates[y]).astype(float), y, rng.poisson(rates[y_test]).astype(float)
    p = np.clip(0.5 + 0.05 * signal * rng.normal(size=(3, n_features)), 0.05, 0.95)
    return ((rng.random((60, n_features)) < p[y]).astype(float), y,
            (rng.random((15, n_features)) < p[y_test]).astype(float))


# Spam filtering by word presence (README: "A worked example: spam or ham").
SPAM_WORDS = ["free", "win", "money", "meeting"]
SPAM_X = np.array([
    [1, 1, 1, 0],  # "win free money"          spam
    [1, 0, 1, 0],  # "free money now"          spam
    [0, 0, 0, 1],  # "meeting at noon"         ham
    [1, 0, 0, 1],  # "free for a meeting?"     ham
    [0, 0, 1, 0],  # "money for lunch"         ham
])
SPAM_Y = np.array(["spam", "spam", "ham", "ham", "ham"])


def sklearn_fit(name, X, y, **params):
    """scikit-learn's model; any warning (deprecation, numerics) becomes an error here."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return getattr(sk, name)(**params).fit(X, y)


def assert_same_predictions(model, expected, X, name):
    assert_close(model.predict_proba(X), expected.predict_proba(X), **PROBA_TOL,
                 what=f"{name} predict_proba(X)")
    assert_close(model.predict_log_proba(X), expected.predict_log_proba(X), **LOG_TOL,
                 what=f"{name} predict_log_proba(X)")
    assert_equal_labels(model.predict(X), expected.predict(X), what=f"{name} predict(X)")


def assert_same_discrete_model(model, expected, X, name):
    for attribute in ("class_count_", "feature_count_", "class_log_prior_", "feature_log_prob_"):
        assert_close(getattr(model, attribute), getattr(expected, attribute), **STAT_TOL,
                     what=f"{name} {attribute}")
    assert_same_predictions(model, expected, X, name)


# --- 1. API conventions -----------------------------------------------------------------------
PARAMS = {
    "GaussianNB": {"priors": [0.2, 0.3, 0.5], "var_smoothing": 1e-3},
    "MultinomialNB": {"alpha": 0.5, "fit_prior": False, "class_prior": None},
    "BernoulliNB": {"alpha": 0.5, "binarize": None, "fit_prior": False, "class_prior": None},
}


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_keeps_parameters(impl, counts):
    X, y = counts
    for name, params in PARAMS.items():
        model = getattr(impl, name)(**params)
        assert model.fit(X, y) is model, f"{name}.fit(X, y) should return self"
        got = {key: getattr(model, key) for key in params}
        assert got == params, (
            f"after fit, {name}'s parameters are {got}, expected {params}; __init__ should "
            "store its arguments unchanged and fit should not modify them"
        )


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_raises(impl, counts):
    X, _ = counts
    for name in MODELS:
        model = getattr(impl, name)()
        for method in ("predict", "predict_proba", "predict_log_proba"):
            with pytest.raises((ValueError, AttributeError), match="fit"):
                getattr(model, method)(X)


@pytest.mark.points(1)
@pytest.mark.parametrize("name", MODELS)
def test_fitted_attributes_and_output_shapes(impl, counts, name):
    X, y = counts
    model = getattr(impl, name)().fit(X, y)
    (n, d), K = X.shape, 3
    shapes = {"classes_": (K,), "class_count_": (K,), "predict(X)": (n,),
              "predict_proba(X)": (n, K), "predict_log_proba(X)": (n, K)}
    if name == "GaussianNB":
        shapes.update({"theta_": (K, d), "var_": (K, d), "class_prior_": (K,)})
    else:
        shapes.update({"feature_count_": (K, d), "feature_log_prob_": (K, d), "class_log_prior_": (K,)})
    for what, want in shapes.items():
        value = getattr(model, what) if what.endswith("_") else getattr(model, what[:-3])(X)
        assert np.shape(value) == want, f"{name} {what} has shape {np.shape(value)}, expected {want}"
    assert model.n_features_in_ == d, f"{name} n_features_in_ is {model.n_features_in_}, expected {d}"
    proba = model.predict_proba(X)
    assert_close(proba.sum(axis=1), np.ones(n), rtol=0, atol=1e-12,
                 what=f"{name} predict_proba(X).sum(axis=1)", baseline="1")
    assert_equal_labels(model.predict(X), model.classes_[np.argmax(proba, axis=1)],
                        what=f"{name} predict(X)", baseline="classes_[argmax of predict_proba(X)]")


# --- 2. agreement with scikit-learn -----------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.parametrize("data", ["iris", "wine"])
@pytest.mark.public
def test_gaussian_matches_sklearn(impl, request, data):
    X, y = request.getfixturevalue(data)
    model = impl.GaussianNB().fit(X, y)
    expected = sklearn_fit("GaussianNB", X, y)
    assert_close(model.class_count_, expected.class_count_, **STAT_TOL, what="GaussianNB class_count_")
    assert_close(model.class_prior_, expected.class_prior_, **STAT_TOL, what="GaussianNB class_prior_")
    assert_close(model.theta_, expected.theta_, **STAT_TOL, what="GaussianNB theta_ (class means)")
    # A one-pass variance E[x^2] - E[x]^2 loses a few digits to cancellation here, hence 1e-7;
    # ddof=1 (sample variance) would be off by 1/(n_c - 1) >= 1.4%.
    assert_close(model.var_, expected.var_, rtol=1e-7, atol=0,
                 what="GaussianNB var_ (population variances + epsilon_)")
    assert_same_predictions(model, expected, X, "GaussianNB")


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "data, var_smoothing",
    [("wine", 1e-3), ("wine", 0.3), ("digits", 1e-9)],
    ids=["wine-1e-3", "wine-0.3", "digits-default"],
)
def test_var_smoothing_matches_sklearn(impl, request, data, var_smoothing):
    # epsilon_ = var_smoothing * (largest variance of one feature over all of X): on wine the
    # feature variances span 1e-2 to 1e5, so any other scale of epsilon is far off. On digits
    # many pixels are constant within a class, and epsilon_ alone keeps their variance > 0.
    X, y = request.getfixturevalue(data)
    model = impl.GaussianNB(var_smoothing=var_smoothing).fit(X, y)
    expected = sklearn_fit("GaussianNB", X, y, var_smoothing=var_smoothing)
    assert_close(model.epsilon_, expected.epsilon_, **STAT_TOL, what="GaussianNB epsilon_")
    assert_close(model.var_, expected.var_, rtol=1e-7, atol=0, what="GaussianNB var_")
    if data == "digits":
        # Variances of 4e-8 make log-likelihoods of -1e10: only the labels are well conditioned.
        assert_equal_labels(model.predict(X), expected.predict(X), what="GaussianNB predict(X)")
    else:
        assert_same_predictions(model, expected, X, "GaussianNB")


@pytest.mark.points(1)
def test_gaussian_given_priors(impl, wine):
    X, y = wine
    priors = np.array([0.6, 0.3, 0.1])  # far from the class frequencies (0.33, 0.40, 0.27)
    model = impl.GaussianNB(priors=priors).fit(X, y)
    expected = sklearn_fit("GaussianNB", X, y, priors=priors)
    assert_close(model.class_prior_, priors, rtol=0, atol=1e-15, what="GaussianNB class_prior_",
                 baseline="the priors given")
    assert_same_predictions(model, expected, X, "GaussianNB with priors")


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "data, alpha", [("digits", 1.0), ("counts", 1.0), ("counts", 0.1)],
    ids=["digits-alpha=1", "counts-alpha=1", "counts-alpha=0.1"],
)
def test_multinomial_matches_sklearn(impl, request, data, alpha):
    X, y = request.getfixturevalue(data)
    model = impl.MultinomialNB(alpha=alpha).fit(X, y)
    assert_same_discrete_model(model, sklearn_fit("MultinomialNB", X, y, alpha=alpha), X, "MultinomialNB")


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "data, params",
    [("digits", {}), ("digits", {"binarize": 8.0}), ("counts", {"binarize": 1.0, "alpha": 0.3}),
     ("soft_presence", {"binarize": None})],
    ids=["digits-binarize=0", "digits-binarize=8", "counts-binarize=1-alpha=0.3", "soft-binarize=None"],
)
def test_bernoulli_matches_sklearn(impl, request, counts, data, params):
    # digits hold integers 0..16, so a threshold of 8 (or 0) sits exactly on a value: > and >=
    # binarize differently. With binarize=None the data are used as they are: here presence
    # values 0, 0.5 (one occurrence) and 1 (more), which binarizing at 0 would change.
    if data == "soft_presence":
        X, y = np.minimum(counts[0], 2.0) / 2, counts[1]
    else:
        X, y = request.getfixturevalue(data)
    model = impl.BernoulliNB(**params).fit(X, y)
    assert_same_discrete_model(model, sklearn_fit("BernoulliNB", X, y, **params), X, "BernoulliNB")


@pytest.mark.points(1)
@pytest.mark.parametrize("name", ["MultinomialNB", "BernoulliNB"])
def test_fit_prior_false_gives_uniform_priors(impl, counts, name):
    X, y = counts  # classes of 150, 100 and 50 samples
    model = getattr(impl, name)(fit_prior=False).fit(X, y)
    assert_close(model.class_log_prior_, np.full(3, -np.log(3)), rtol=0, atol=1e-12,
                 what=f"{name}(fit_prior=False) class_log_prior_", baseline="log(1/3)")
    assert_same_predictions(model, sklearn_fit(name, X, y, fit_prior=False), X, f"{name}(fit_prior=False)")


@pytest.mark.points(1)
def test_given_class_prior(impl, counts):
    X, y = counts
    prior = np.array([0.1, 0.3, 0.6])  # the reverse of the class frequencies
    for name in ("MultinomialNB", "BernoulliNB"):
        model = getattr(impl, name)(class_prior=prior).fit(X, y)
        assert_close(model.class_log_prior_, np.log(prior), rtol=0, atol=1e-12,
                     what=f"{name}(class_prior=...) class_log_prior_", baseline="log(class_prior)")
        assert_same_predictions(model, sklearn_fit(name, X, y, class_prior=prior), X,
                                f"{name}(class_prior=...)")


@pytest.mark.points(1)
@pytest.mark.parametrize("name", MODELS)
def test_string_labels_and_class_order(impl, counts, name):
    X, y_index = counts
    # Labels first appear as "spam", "eggs", "ham"; classes_ (and the columns) are sorted.
    y = np.array(["spam", "eggs", "ham"])[y_index]
    model = getattr(impl, name)().fit(X, y)
    expected = sklearn_fit(name, X, y)
    assert_equal_labels(model.classes_, expected.classes_, what=f"{name} classes_")
    assert_same_predictions(model, expected, X, name)


@pytest.mark.points(1)
def test_joint_log_likelihood_matches_sklearn(impl, counts):
    # log P(c) + log P(x | c) itself, constants included (they cancel in predict_proba).
    X, y = counts
    for name in MODELS:
        model = getattr(impl, name)().fit(X, y)
        assert_close(model.predict_joint_log_proba(X), sklearn_fit(name, X, y).predict_joint_log_proba(X),
                     **LOG_TOL, what=f"{name} predict_joint_log_proba(X)")
    # 10,000 samples: more than one block of rows, for an implementation that predicts in blocks
    # (the reference's are 4096 rows), so a block skipped or misplaced shows.
    rng = np.random.default_rng(1)
    y = rng.integers(0, 3, size=10_000)
    X = rng.normal(size=(10_000, 4)) + y[:, None]
    model = impl.GaussianNB().fit(X, y)
    assert_close(model.predict_joint_log_proba(X), sklearn_fit("GaussianNB", X, y).predict_joint_log_proba(X),
                 **LOG_TOL, what="GaussianNB predict_joint_log_proba(X) on 10,000 samples")


@pytest.mark.points(2)
def test_spam_example_by_hand(impl):
    # The README's worked example, exact fractions. Laplace smoothing (alpha=1):
    # P(word | spam) = (N + 1) / (2 + 2), P(word | ham) = (N + 1) / (3 + 2).
    model = impl.BernoulliNB(alpha=1.0).fit(SPAM_X, SPAM_Y)
    expected_p = np.array([[2 / 5, 1 / 5, 2 / 5, 3 / 5],   # ham:  free, win, money, meeting
                           [3 / 4, 2 / 4, 3 / 4, 1 / 4]])  # spam
    assert_close(np.exp(model.feature_log_prob_), expected_p, rtol=1e-12, atol=0,
                 what="BernoulliNB exp(feature_log_prob_)", baseline="the hand-computed (N + 1) / (N_c + 2)")
    # "free win": P(x | spam) = 3/4 * 2/4 * (1 - 3/4) * (1 - 1/4) = 9/128,
    #             P(x | ham)  = 2/5 * 1/5 * (1 - 2/5) * (1 - 3/5) = 12/625.
    joint = np.array([3 / 5 * 12 / 625, 2 / 5 * 9 / 128])  # (ham, spam)
    assert_close(model.predict_proba(np.array([[1, 1, 0, 0]])), [joint / joint.sum()], rtol=1e-12,
                 atol=0, what='BernoulliNB predict_proba("free win")',
                 baseline="the hand computation (absent words count too)")


@pytest.mark.points(1)
def test_multinomial_closed_form(impl):
    # Word counts of the same five emails: N_cj + 1 over (total words of class c + 4 words).
    model = impl.MultinomialNB(alpha=1.0).fit(SPAM_X, SPAM_Y)
    counts = np.array([[1, 0, 1, 2], [2, 1, 2, 0]])  # (ham, spam) x words
    expected = np.log((counts + 1) / (counts.sum(axis=1, keepdims=True) + 4))
    assert_close(model.feature_log_prob_, expected, rtol=1e-12, atol=0,
                 what="MultinomialNB feature_log_prob_",
                 baseline="log((N_cj + alpha) / (N_c + alpha * n_features))")
    assert_close(model.class_log_prior_, np.log([3 / 5, 2 / 5]), rtol=1e-12, atol=0,
                 what="MultinomialNB class_log_prior_", baseline="log of the class frequencies")


@pytest.mark.points(1)
def test_zero_smoothing_is_allowed(impl, iris, counts):
    # scikit-learn accepts var_smoothing=0 and alpha=0 (no smoothing). On iris no variance is
    # 0, and in these counts every feature occurs in every class (but not in every sample of
    # a class, after binarizing at 1), so no log(0) appears.
    X, y = iris
    model = impl.GaussianNB(var_smoothing=0.0).fit(X, y)
    assert_same_predictions(model, sklearn_fit("GaussianNB", X, y, var_smoothing=0.0), X,
                            "GaussianNB(var_smoothing=0)")
    X, y = counts
    for name, params in (("MultinomialNB", {"alpha": 0.0}), ("BernoulliNB", {"alpha": 0.0, "binarize": 1.0})):
        model = getattr(impl, name)(**params).fit(X, y)
        assert_same_discrete_model(model, sklearn_fit(name, X, y, **params), X, f"{name}(alpha=0)")


# --- numerical stability ----------------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.parametrize("name", MODELS)
def test_many_features_do_not_underflow(impl, name):
    X, y, X_test = many_features(name)
    with np.errstate(all="ignore"):  # only the learner's code could warn
        model = getattr(impl, name)().fit(X, y)
        proba, log_proba = model.predict_proba(X_test), model.predict_log_proba(X_test)
    expected = sklearn_fit(name, X, y)
    assert_close(proba, expected.predict_proba(X_test), **PROBA_TOL,
                 what=f"{name} predict_proba(X) with 2000 features (likelihoods below 1e-600)")
    assert_close(log_proba, expected.predict_log_proba(X_test), **LOG_TOL,
                 what=f"{name} predict_log_proba(X) with 2000 features")


@pytest.mark.points(1)
@pytest.mark.parametrize("name", MODELS)
def test_log_proba_of_confident_predictions(impl, name):
    # Well-separated classes: the winner beats its rivals by over a thousand nats, so their
    # probabilities are exp(-1000) = 0.0 in float64, but their log-probabilities are ordinary
    # numbers (and log(predict_proba) would be -inf).
    X, y, X_test = many_features(name, signal=40.0)
    with np.errstate(all="ignore"):  # only the learner's code could warn
        log_proba = getattr(impl, name)().fit(X, y).predict_log_proba(X_test)
    expected = sklearn_fit(name, X, y).predict_log_proba(X_test)
    assert expected.min() < -800  # (the test's own premise)
    assert_close(log_proba, expected, **LOG_TOL, what=f"{name} predict_log_proba(X) of confident predictions")


# --- 3. edge cases and error messages ---------------------------------------------------------
@pytest.mark.points(1)
def test_negative_counts_raise(impl, counts):
    X, y = counts
    X = X.copy()
    X[5, 2] = -2.5
    # The message says what is wrong and what was received (the negative value).
    with pytest.raises(ValueError, match=r"(?i)(?=.*negative)(?=.*-2\.5)"):
        impl.MultinomialNB().fit(X, y)


@pytest.mark.points(1)
@pytest.mark.public
def test_bad_parameters_raise(impl, counts):
    X, y = counts
    for name in ("MultinomialNB", "BernoulliNB"):
        with pytest.raises(ValueError, match="alpha"):
            getattr(impl, name)(alpha=-0.5).fit(X, y)
    with pytest.raises(ValueError, match="var_smoothing"):
        impl.GaussianNB(var_smoothing=-1e-9).fit(X, y)
    for priors in ([0.5, 0.5], [0.5, 0.3, 0.3], [1.2, -0.1, -0.1]):
        with pytest.raises(ValueError, match="(?i)prior"):
            impl.GaussianNB(priors=priors).fit(X, y)
    with pytest.raises(ValueError, match="(?i)prior"):
        impl.MultinomialNB(class_prior=[0.5, 0.5]).fit(X, y)


@pytest.mark.points(1)
def test_non_finite_input_raises(impl, counts):
    X, y = counts
    for name in MODELS:
        X_bad = X.copy()
        X_bad[3, 1] = np.nan
        with pytest.raises(ValueError, match="(?i)nan|inf|finite"):
            getattr(impl, name)().fit(X_bad, y)
        model = getattr(impl, name)().fit(X, y)
        X_bad[3, 1] = np.inf
        with pytest.raises(ValueError, match="(?i)nan|inf|finite"):
            model.predict(X_bad)


@pytest.mark.points(1)
def test_wrong_n_features_raises(impl, counts):
    X, y = counts
    for name in MODELS:
        model = getattr(impl, name)().fit(X, y)
        # The message names both counts: 7 received, 20 seen in fit.
        with pytest.raises(ValueError, match=r"(?i)(?=.*feature)(?=.*\b7\b)(?=.*\b20\b)"):
            model.predict_proba(X[:, :7])


@pytest.mark.points(1)
def test_bad_shapes_raise(impl, counts):
    # The messages should say what was received, not leak a numpy broadcasting error.
    X, y = counts
    for name in MODELS:
        model = getattr(impl, name)()
        with pytest.raises(ValueError, match=r"(?i)\by\b|label|sample|length"):
            model.fit(X, y[:-1])
        with pytest.raises(ValueError, match=r"(?i)2-?d|dimension|shape"):
            model.fit(X[:, 0], y)
        with pytest.raises(ValueError, match=r"(?i)empty|sample|shape"):
            model.fit(np.empty((0, 5)), np.empty(0))


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("BernoulliNB ignores absent features: no (1 - x) log(1 - p) term",
     "return X @ (log_p - log_not_p).T + log_not_p.sum(axis=1) + self.class_log_prior_",
     "return X @ log_p.T + self.class_log_prior_",
     "BernoulliNB predict_proba"),
    ("epsilon from each feature's own variance instead of the largest one",
     "(spread / X.shape[0]).max()", "(spread / X.shape[0])", "GaussianNB epsilon_"),
    ("multinomial smoothing adds alpha to the denominator once, not once per feature",
     "np.log(smoothed.sum(axis=1, keepdims=True))",
     "np.log(self.feature_count_.sum(axis=1, keepdims=True) + self.alpha)",
     "feature_log_prob_ differs"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, Gaussian naive Bayes fit (per-class means and variances) + predict (joint log
# likelihood of every sample under every class) on the training set, 5 classes.
def _bench_data(n):
    rng = np.random.default_rng(0)
    y = rng.integers(0, 5, size=n)
    X = rng.normal(size=(n, 50)) + 0.1 * y[:, None]
    return X, y


def _bench_impl(module, data):
    X, y = data
    module.GaussianNB().fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    sk.GaussianNB().fit(X, y).predict(X)


BENCHMARK = {
    "what": "GaussianNB fit + predict, n x 50, 5 classes",
    "size": 200_000, "check_size": 5_000,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Compute the class statistics with one vectorised reduction per class (or one-hot "
            "matrix products) and the log likelihoods one class at a time on blocks of rows (a "
            "broadcast over all samples and classes holds n_classes times the size of X), not "
            "with loops over samples or features (README: 'Cost').",
}
