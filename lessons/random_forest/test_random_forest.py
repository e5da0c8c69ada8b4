"""Hidden tests for the random forest lesson, graded against scikit-learn.

No two random number generators draw the same bootstrap samples, so most comparisons with
scikit-learn's RandomForestClassifier are statistical: averages over 5 forests (random_state
0 to 4) on each side, with tolerances set from measured seed-to-seed spreads (see each
test). Two comparisons are exact: with max_features=None a tree is determined by its
bootstrap sample, so each of your trees must equal scikit-learn's DecisionTreeClassifier
fitted with the bootstrap counts as sample weights; and without bootstrap every tree is the
same CART tree, as in scikit-learn's forest. The data of the exact tests hold distinct values
per feature and large nodes, so no two splits tie (checked: scikit-learn's trees are the same
for every random_state).

Plausible mistakes, and the tests that catch them:

- bootstrap drawn without replacement (a permutation: no sample is ever out of bag) ->
  test_bootstrap_samples, test_oob_score_matches_sklearn, test_oob_uses_only_trees_that_did_not_see_the_sample
- bootstrap=True ignored (every tree sees every sample), or bootstrap=False ignored ->
  test_bootstrap_samples, test_without_bootstrap_every_tree_is_the_cart_tree
- trees not grown on the recorded samples, or bootstrap duplicates passed as repeated rows so
  that min_samples_leaf counts copies -> test_bagged_trees_match_sklearn_trees
- max_features ignored (every split sees all features) -> test_feature_importances_match_sklearn
  (max_features=1 spreads the importances), test_max_features_forms_are_equivalent
- features drawn with replacement (some splits then miss features even with max_features=None)
  -> test_bagged_trees_match_sklearn_trees, test_without_bootstrap_every_tree_is_the_cart_tree
- "sqrt"/"log2"/float rounded (or ceiled) instead of floored, None not all features ->
  test_max_features_forms_are_equivalent
- majority vote instead of probability vote (predict_proba as vote fractions, or predict by
  counting the trees' votes) -> test_probability_voting (and, for vote fractions, the two exact
  tests: test_bagged_trees_match_sklearn_trees, test_without_bootstrap_every_tree_is_the_cart_tree)
- OOB votes from trees that saw the sample (OOB score = training accuracy ~ 1.0), or averaged
  over all trees -> test_oob_score_matches_sklearn, test_oob_uses_only_trees_that_did_not_see_the_sample
- feature_importances_ summed over trees instead of averaged (sum = n_estimators), or not
  renormalised -> test_feature_importances_match_sklearn
- predict_proba from one tree (no variance reduction) -> test_variance_reduction,
  test_accuracy_matches_sklearn, test_probability_voting
- max_depth or min_samples_leaf not passed to the trees -> test_bagged_trees_match_sklearn_trees,
  test_without_bootstrap_every_tree_is_the_cart_tree
- oob_decision_function_ not divided by the number of votes, or a bad max_features accepted ->
  test_oob_uses_only_trees_that_did_not_see_the_sample, test_bad_max_features_raise
- random_state ignored, or the generator made in __init__ (a refit draws new trees) ->
  test_random_state
- classes_ in order of appearance, predict returning codes -> test_string_labels_match_integer_codes
- missing input checks -> the edge-case tests at the end
"""

import numpy as np
import pytest
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier as SkForest
from sklearn.tree import DecisionTreeClassifier as SkTree

from grader.testing import assert_close, assert_equal_labels

LABELS = np.array(["zebra", "ant", "moth"])  # sorted order (ant, moth, zebra) differs from this one
SEEDS = range(5)
N_TREES = 30
# the forests the statistical tests average over (random_state 0 to 4 on both sides); the default
# ones also estimate their out-of-bag accuracy
CONFIGS = {
    "default": {"oob_score": True},
    "max_features=1,max_depth=4": {"max_features": 1, "max_depth": 4},
}

# --------------------------------------------------------------------------------- data


@pytest.fixture(scope="module")
def data():
    """300 training and 2000 test samples, 8 features (4 informative, 2 redundant), 5% flipped labels."""
    X, y = make_classification(n_samples=2300, n_features=8, n_informative=4, n_redundant=2,
                               flip_y=0.05, random_state=0)
    return X[:300], y[:300], X[300:], y[300:]


@pytest.fixture(scope="module")
def forests(impl, data):
    """Per configuration, 5 of your forests of 30 trees (random_state 0 to 4), fitted once."""
    X, y, _, _ = data
    return {name: [impl.RandomForestClassifier(n_estimators=N_TREES, random_state=s, **params).fit(X, y)
                   for s in SEEDS] for name, params in CONFIGS.items()}


@pytest.fixture(scope="module")
def sk_forests(data):
    X, y, _, _ = data
    return {name: [SkForest(n_estimators=N_TREES, random_state=s, **params).fit(X, y) for s in SEEDS]
            for name, params in CONFIGS.items()}


def exact_data(seed=0, n=300, d=5):
    """Distinct multiples of 1/8 per feature (exact in float32), 3 classes, and queries on a 1/16 grid
    (which holds every possible threshold, so points sit exactly on some of them)."""
    rng = np.random.default_rng(seed)
    X = np.stack([rng.permutation(n) / 8 for _ in range(d)], axis=1)
    score = X[:, 0] + 0.7 * X[:, 1] + rng.normal(0, 6, n)
    y = LABELS[(score // 20 % 3).astype(int)]
    Q = np.stack([rng.permutation(2 * n)[:200] / 16 for _ in range(d)], axis=1)
    return X, y, Q


def sk_tree_variants(X, y, Q, weight, **params):
    """scikit-learn's tree on weighted samples, for 4 random_states (they differ only on ties)."""
    return [SkTree(random_state=r, **params).fit(X, y, sample_weight=weight).predict_proba(Q)
            for r in range(4)]


def samples_of(model, n):
    """The learner's estimators_samples_ as a list of int arrays, checked to be bootstrap indices."""
    samples = [np.asarray(s) for s in model.estimators_samples_]
    for b, s in enumerate(samples):
        assert s.dtype.kind in "iu" and s.shape == (n,) and s.min() >= 0 and s.max() < n, (
            f"estimators_samples_[{b}] should hold {n} integer indices in [0, {n}) (the draws of the "
            f"bootstrap sample, repeats included); got dtype {s.dtype}, shape {s.shape}"
        )
    return samples


# ------------------------------------------------------------------ 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_parameters(impl):
    params = dict(n_estimators=7, max_features=0.5, max_depth=3, min_samples_leaf=2, bootstrap=False,
                  oob_score=False, random_state=11)
    model = impl.RandomForestClassifier(**params)
    stored = {name: getattr(model, name) for name in params}
    assert stored == params, f"__init__ should store its arguments unchanged; got {stored}"
    default = impl.RandomForestClassifier()
    stored = {name: getattr(default, name) for name in params}
    expected = dict(n_estimators=100, max_features="sqrt", max_depth=None, min_samples_leaf=1,
                    bootstrap=True, oob_score=False, random_state=None)
    assert stored == expected, f"the defaults are {stored}, expected scikit-learn's {expected}"


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_sets_attributes(impl, data):
    X, y, _, _ = data
    model = impl.RandomForestClassifier(n_estimators=7, random_state=0)
    assert model.fit(X, y) is model, "fit should return self"
    assert_equal_labels(model.classes_, np.array([0, 1]), what="classes_", baseline="np.unique(y)")
    assert model.n_features_in_ == 8, f"n_features_in_ is {model.n_features_in_}, expected 8"
    assert len(model.estimators_) == 7, f"estimators_ holds {len(model.estimators_)} trees, expected 7"
    assert len(samples_of(model, len(X))) == 7, "estimators_samples_ should hold one array per tree"


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_error(impl, data):
    _, _, Q, _ = data
    model = impl.RandomForestClassifier()
    for method in ("predict", "predict_proba"):
        with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
            getattr(model, method)(Q)


@pytest.mark.points(1)
def test_predict_proba_rows_are_distributions(impl):
    X, y, Q = exact_data()
    model = impl.RandomForestClassifier(n_estimators=10, random_state=0).fit(X, y)
    proba = np.asarray(model.predict_proba(Q))
    assert proba.shape == (len(Q), 3), f"predict_proba has shape {proba.shape}, expected ({len(Q)}, 3)"
    assert proba.min() >= 0 and proba.max() <= 1, "predict_proba should lie in [0, 1]"
    assert_close(proba.sum(axis=1), np.ones(len(Q)), rtol=0, atol=1e-12, what="the rows of predict_proba",
                 baseline="1 (a mean of probability vectors)")
    assert np.asarray(model.predict(Q)).shape == (len(Q),), "predict should return shape (n_samples,)"


@pytest.mark.points(1)
def test_string_labels_match_integer_codes(impl):
    # The labels only name the classes: the same random_state must grow the same forest on the
    # labels and on their codes in np.unique's order, so predict_proba is identical.
    X, y, Q = exact_data()
    codes = np.unique(y, return_inverse=True)[1]
    words = impl.RandomForestClassifier(n_estimators=10, random_state=3).fit(X, y)
    numbers = impl.RandomForestClassifier(n_estimators=10, random_state=3).fit(X, codes)
    assert_equal_labels(words.classes_, np.array(["ant", "moth", "zebra"]), what="classes_",
                        baseline="the sorted labels")
    assert_close(words.predict_proba(Q), numbers.predict_proba(Q), rtol=0, atol=1e-12,
                 what="predict_proba on string labels", baseline="predict_proba on their integer codes")
    expected = np.array(["ant", "moth", "zebra"])[np.asarray(numbers.predict(Q))]
    assert_equal_labels(words.predict(Q), expected, what="predict on string labels",
                        baseline="the labels of the predicted codes")


@pytest.mark.points(2)
def test_random_state(impl, data):
    X, y, Q, _ = data
    first = impl.RandomForestClassifier(n_estimators=5, random_state=7)
    p1 = np.asarray(first.fit(X, y).predict_proba(Q))
    p2 = np.asarray(impl.RandomForestClassifier(n_estimators=5, random_state=7).fit(X, y).predict_proba(Q))
    assert_close(p2, p1, rtol=0, atol=0, what="predict_proba with random_state=7",
                 baseline="another forest with random_state=7")
    p3 = np.asarray(first.fit(X, y).predict_proba(Q))
    assert_close(p3, p1, rtol=0, atol=0, what="predict_proba after fitting the same object again",
                 baseline="its first fit (make the generator from random_state in fit, not in __init__)")
    other = np.asarray(impl.RandomForestClassifier(n_estimators=5, random_state=8).fit(X, y).predict_proba(Q))
    assert not np.array_equal(other, p1), "random_state=7 and random_state=8 grew the same forest"
    a = np.asarray(impl.RandomForestClassifier(n_estimators=5).fit(X, y).predict_proba(Q))
    b = np.asarray(impl.RandomForestClassifier(n_estimators=5).fit(X, y).predict_proba(Q))
    assert not np.array_equal(a, b), "two forests with random_state=None should differ (fresh randomness)"


# ---------------------------------------------------------- 2. agreement with scikit-learn


@pytest.mark.points(3)
@pytest.mark.public
def test_accuracy_matches_sklearn(data, forests, sk_forests):
    # Measured over 40 seeds on each side (README 'How the tests compare with scikit-learn'): the
    # test accuracy of one forest of 30 trees varies by a standard deviation of 0.50 points (the
    # reference) and 0.65 (scikit-learn), so the difference between two means of 5 forests has a
    # standard deviation of 0.37 points; 2 points is more than 5 of them.
    _, _, Q, yq = data
    config = "default"
    ours = 100 * np.mean([np.mean(np.asarray(m.predict(Q)) == yq) for m in forests[config]])
    theirs = 100 * np.mean([np.mean(m.predict(Q) == yq) for m in sk_forests[config]])
    assert abs(ours - theirs) <= 2.0, (
        f"mean test accuracy of 5 forests ({config}): yours {ours:.2f}%, scikit-learn's {theirs:.2f}%; "
        "they should agree within 2 points"
    )


@pytest.mark.points(3)
def test_bagged_trees_match_sklearn_trees(impl):
    # With max_features=None the only randomness is the bootstrap sample: tree b must be the CART
    # tree of the samples drawn, each weighted by the number of times it was drawn. min_samples_leaf
    # counts distinct samples in scikit-learn, so copies of a sample do not count as several.
    X, y, Q = exact_data()
    params = dict(max_depth=3, min_samples_leaf=8)
    model = impl.RandomForestClassifier(n_estimators=4, max_features=None, random_state=0, **params).fit(X, y)
    trees = list(model.estimators_)
    expected = 0
    for b, (tree, samples) in enumerate(zip(trees, samples_of(model, len(X)), strict=True)):
        weight = np.bincount(samples, minlength=len(X))
        variants = sk_tree_variants(X, y, Q, weight, **params)
        proba = np.asarray(tree.predict_proba(Q))
        match = [v for v in variants if v.shape == proba.shape and np.allclose(proba, v, rtol=0, atol=1e-12)]
        if not match:  # fails, naming the difference
            assert_close(proba, variants[0], rtol=0, atol=1e-12, what=f"estimators_[{b}].predict_proba",
                         baseline="scikit-learn's tree fitted with sample_weight = the bootstrap counts "
                         f"of estimators_samples_[{b}]")
        expected = expected + match[0] / len(trees)
    # the forest's probability is the mean of its trees'
    assert_close(model.predict_proba(Q), expected, rtol=0, atol=1e-12, what="predict_proba",
                 baseline="the mean of scikit-learn's trees on the same bootstrap samples")


@pytest.mark.points(2)
def test_without_bootstrap_every_tree_is_the_cart_tree(impl):
    X, y, Q = exact_data(seed=1)
    params = dict(n_estimators=3, bootstrap=False, max_features=None, max_depth=4, min_samples_leaf=12)
    sk = SkForest(random_state=0, **params).fit(X, y)
    importances = [e.feature_importances_ for e in sk.estimators_]
    assert all(np.array_equal(importances[0], i) for i in importances), "test data: scikit-learn's trees tie"
    model = impl.RandomForestClassifier(random_state=0, **params).fit(X, y)
    for b, samples in enumerate(samples_of(model, len(X))):
        assert_equal_labels(samples, np.arange(len(X)), what=f"estimators_samples_[{b}] with bootstrap=False",
                            baseline="every sample once (scikit-learn's)")
    # the same tree 3 times: exact up to the rounding of a mean
    assert_close(model.predict_proba(Q), sk.predict_proba(Q), rtol=0, atol=1e-12,
                 what="predict_proba (bootstrap=False, max_features=None)")
    assert_close(model.feature_importances_, sk.feature_importances_, rtol=0, atol=1e-9,
                 what="feature_importances_ (bootstrap=False, max_features=None)")


@pytest.mark.points(3)
def test_probability_voting(data, forests, sk_forests):
    # Depth-4 trees have impure leaves, so the mean of the leaves' class fractions (scikit-learn's
    # probability vote) and the fraction of trees voting for a class (majority vote) differ.
    # Measured: the mean |difference| between the 5-forest mean predict_proba of two sets of 5
    # scikit-learn forests is 0.022, yours vs scikit-learn's 0.019-0.022; vote fractions are 0.117
    # from scikit-learn's probabilities. 0.05 separates the two.
    _, _, Q, _ = data
    config = "max_features=1,max_depth=4"
    sk_proba = np.mean([m.predict_proba(Q) for m in sk_forests[config]], axis=0)
    votes = np.mean([[np.eye(2)[t.predict_proba(Q).argmax(axis=1)] for t in m.estimators_]
                     for m in sk_forests[config]], axis=(0, 1))
    differ = int(np.sum((votes[:, 1] > 0.5) != (sk_proba[:, 1] > 0.5)))
    assert differ >= 20, f"test data: the two votes differ on only {differ} points"
    probas = [np.asarray(m.predict_proba(Q)) for m in forests[config]]
    gap = float(np.mean(np.abs(np.mean(probas, axis=0) - sk_proba)))
    assert gap <= 0.05, (
        f"predict_proba differs from scikit-learn's by {gap:.3f} on average (5 forests each, {config}); "
        "expected at most 0.05. predict_proba is the mean of the trees' leaf class fractions, not the "
        "fraction of trees that vote for each class"
    )
    for m, proba in zip(forests[config], probas, strict=True):
        expected = np.asarray(m.classes_)[np.argmax(proba, axis=1)]
        assert_equal_labels(m.predict(Q), expected, what="predict",
                            baseline="classes_[argmax(predict_proba)] (the probability vote)")


@pytest.mark.points(2)
@pytest.mark.parametrize("config", ["default", "max_features=1,max_depth=4"])
def test_feature_importances_match_sklearn(config, forests, sk_forests):
    # Measured: between two sets of 5 scikit-learn forests the mean importances differ by at most
    # 0.015 (default) and 0.035 (max_features=1, max_depth=4), yours vs scikit-learn's by as much.
    # Ignoring max_features moves them by 0.11 and 0.22 (every split then takes the best feature).
    for m in forests[config]:
        total = float(np.sum(m.feature_importances_))
        assert abs(total - 1) < 1e-9, (
            f"feature_importances_ sums to {total:.6g}; average the trees' normalised importances "
            "(do not sum them) and normalise the result to sum to 1"
        )
    ours = np.mean([np.asarray(m.feature_importances_) for m in forests[config]], axis=0)
    theirs = np.mean([m.feature_importances_ for m in sk_forests[config]], axis=0)
    assert_close(ours, theirs, rtol=0, atol=0.06, what=f"feature_importances_ (mean of 5 forests, {config})")


@pytest.mark.points(2)
def test_oob_score_matches_sklearn(data, forests, sk_forests):
    # Measured: the OOB score of one forest of 30 trees on these 300 samples varies by a standard
    # deviation of 0.010-0.013 across seeds, so two means of 5 forests differ by a standard
    # deviation of about 0.008; 0.04 is 5 of them. Votes from trees that saw the sample give ~1.0.
    X, y, Q, yq = data
    for m in forests["default"]:
        oob = np.asarray(m.oob_decision_function_)
        assert oob.shape == (len(X), 2), (
            f"oob_decision_function_ has shape {oob.shape}, expected ({len(X)}, 2)"
        )
    score = float(np.mean([m.oob_score_ for m in forests["default"]]))
    expected = float(np.mean([m.oob_score_ for m in sk_forests["default"]]))
    test_accuracy = float(np.mean([np.mean(m.predict(Q) == yq) for m in sk_forests["default"]]))
    assert abs(score - expected) <= 0.04, (
        f"oob_score_ is {score:.3f} (mean of 5 forests), scikit-learn's {expected:.3f} (its test accuracy "
        f"is {test_accuracy:.3f}); a sample may only be voted on by the trees whose bootstrap sample "
        "did not contain it"
    )


@pytest.mark.points(2)
def test_oob_uses_only_trees_that_did_not_see_the_sample(impl):
    X, y, _ = exact_data(seed=2)
    model = impl.RandomForestClassifier(n_estimators=10, max_depth=3, oob_score=True, random_state=0)
    model.fit(X, y)
    votes, n_votes = 0, 0
    for tree, samples in zip(list(model.estimators_), samples_of(model, len(X)), strict=True):
        out = np.bincount(samples, minlength=len(X)) == 0  # (n_samples,): this tree's out-of-bag samples
        assert out.any(), "a bootstrap sample left no sample out of bag: draw n indices WITH replacement"
        votes = votes + out[:, None] * np.asarray(tree.predict_proba(X))
        n_votes = n_votes + out
    seen = n_votes > 0
    expected = votes[seen] / n_votes[seen, None]
    oob = np.asarray(model.oob_decision_function_)
    assert_close(oob[seen], expected, rtol=0, atol=1e-12, what="oob_decision_function_",
                 baseline="the mean predict_proba of the trees whose bootstrap sample left the sample out")
    labels = np.asarray(model.classes_)[np.argmax(expected, axis=1)]
    assert_close(model.oob_score_, np.mean(labels == y[seen]), rtol=0, atol=1e-12, what="oob_score_",
                 baseline="the accuracy of those votes over the samples out of bag at least once")


@pytest.mark.points(2)
def test_bootstrap_samples(data, forests):
    # n draws with replacement from n samples hold 1 - (1 - 1/n)^n = 63.3% distinct samples on average
    # (n = 300), with a standard deviation of 1.8% per tree, 0.33% over 30 trees: 1.5% is 4.5 of them.
    X, _, _, _ = data
    n = len(X)
    model = forests["default"][0]
    samples = samples_of(model, n)
    distinct = float(np.mean([len(np.unique(s)) / n for s in samples]))
    expected = 1 - (1 - 1 / n) ** n
    assert abs(distinct - expected) <= 0.015, (
        f"the bootstrap samples hold {100 * distinct:.1f}% distinct samples on average; drawing n of n "
        f"samples with replacement keeps {100 * expected:.1f}% (about 1 - 1/e)"
    )
    assert len({s.tobytes() for s in samples}) == N_TREES, "some trees share the same bootstrap sample"
    # a sample is missed by one tree with probability 0.37, by all 30 with probability 1e-13
    never = np.setdiff1d(np.arange(n), np.concatenate(samples))
    assert never.size == 0, (
        f"{never.size} samples (first: {never[:5].tolist()}) are in no tree's bootstrap sample; "
        f"draw from all n = {n} indices"
    )


@pytest.mark.points(2)
def test_variance_reduction(impl, data, forests, sk_forests):
    # The variance of the predicted probability of a test point across seeds, averaged over the test
    # points. Measured for scikit-learn and the reference: a forest of 30 trees has about a tenth
    # of the variance of a single tree; a quarter leaves room for chance (5 and 10 seeds).
    X, y, Q, yq = data
    trees = [impl.RandomForestClassifier(n_estimators=1, random_state=s).fit(X, y) for s in range(10)]
    tree_var = float(np.mean(np.var([np.asarray(t.predict_proba(Q))[:, 1] for t in trees], axis=0)))
    forest_var = float(np.mean(np.var([np.asarray(m.predict_proba(Q))[:, 1] for m in forests["default"]],
                                      axis=0)))
    sk_trees = [SkForest(n_estimators=1, random_state=s).fit(X, y).predict_proba(Q)[:, 1] for s in range(10)]
    sk_tree_var = float(np.mean(np.var(sk_trees, axis=0)))
    sk_var = float(np.mean(np.var([m.predict_proba(Q)[:, 1] for m in sk_forests["default"]], axis=0)))
    context = (f"(yours: one tree {tree_var:.4f}, a forest of 30 {forest_var:.4f}; scikit-learn's: "
               f"{sk_tree_var:.4f} and {sk_var:.4f})")
    assert 0.5 * sk_tree_var <= tree_var <= 2 * sk_tree_var, (
        f"the variance of a single bootstrap tree's probabilities across seeds {context} should be "
        "within a factor 2 of scikit-learn's"
    )
    assert forest_var <= 0.25 * tree_var, (
        f"averaging 30 trees should cut the variance of predict_proba across seeds to well under a "
        f"quarter of one tree's {context}"
    )


# ----------------------------------------------------------------- 3. edge cases and errors


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "d, same, different",
    [(8, [None, 8, 1.0], 7), (8, ["sqrt", 2, 0.34], 3), (12, ["log2", 3, 0.3], 4), (8, [1, 0.1], 2),
     (1, ["log2", 1, None], None)],
    ids=["all-features", "sqrt", "log2", "at-least-one", "log2-of-one-feature"],
)
def test_max_features_forms_are_equivalent(impl, d, same, different):
    # Each form asks for the same number of features per split, so the same random_state must
    # grow the same forest: sqrt(8) = 2.83 -> 2, 0.34 * 8 = 2.72 -> 2, log2(12) = 3.58 -> 3,
    # 0.3 * 12 = 3.6 -> 3 (floors, not rounding), 0.1 * 8 = 0.8 -> 1 and log2(1) = 0 -> 1 (at least one).
    rng = np.random.default_rng(d)
    X = rng.normal(size=(150, d))
    y = (X[:, 0] + X[:, -1] + rng.normal(size=150) > 0).astype(int)
    Q = rng.normal(size=(300, d))

    def proba(max_features):
        model = impl.RandomForestClassifier(n_estimators=5, max_features=max_features, random_state=0)
        return np.asarray(model.fit(X, y).predict_proba(Q))

    reference = proba(same[0])
    for form in same[1:]:
        assert_close(proba(form), reference, rtol=0, atol=0, what=f"predict_proba with max_features={form!r}",
                     baseline=f"max_features={same[0]!r} (the same number of features per split)")
    assert different is None or not np.array_equal(proba(different), reference), (
        f"max_features={different!r} and max_features={same[0]!r} grew the same forest"
    )


@pytest.mark.points(2)
def test_bad_max_features_raise(impl):
    X, y = make_classification(n_samples=40, n_features=8, random_state=0)
    for max_features in (0, 9, -1, 0.0, 1.5, "auto", True):
        with pytest.raises(ValueError, match="max_features"):
            impl.RandomForestClassifier(n_estimators=2, max_features=max_features).fit(X, y)
            pytest.fail(f"max_features={max_features!r} was accepted (8 features); expected a ValueError")


@pytest.mark.points(1)
@pytest.mark.public
def test_bad_parameters_raise(impl):
    X, y = make_classification(n_samples=40, n_features=4, random_state=0)
    cases = [({"n_estimators": 0}, "n_estimators"), ({"max_depth": 0}, "max_depth"),
             ({"min_samples_leaf": 0}, "min_samples_leaf"),
             ({"oob_score": True, "bootstrap": False}, "bootstrap")]
    for params, word in cases:
        with pytest.raises(ValueError, match=word):
            impl.RandomForestClassifier(**{"n_estimators": 2, **params}).fit(X, y)
            pytest.fail(f"RandomForestClassifier(**{params}).fit was accepted; expected a ValueError")


@pytest.mark.points(1)
def test_bad_input_raises(impl):
    X, y = make_classification(n_samples=40, n_features=4, random_state=0)
    for bad in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad[3, 2] = bad
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            impl.RandomForestClassifier(n_estimators=2).fit(X_bad, y)
    with pytest.raises(ValueError, match=r"2-D|2D|shape|dimension"):
        impl.RandomForestClassifier(n_estimators=2).fit(X[:, 0], y)
    with pytest.raises(ValueError):
        impl.RandomForestClassifier(n_estimators=2).fit(np.empty((0, 4)), np.empty(0))
    with pytest.raises(ValueError, match=r"39|40|shape|length"):
        impl.RandomForestClassifier(n_estimators=2).fit(X, y[:-1])
    model = impl.RandomForestClassifier(n_estimators=2, random_state=0).fit(X, y)
    with pytest.raises(ValueError, match=r"(?=.*\b3\b)(?=.*\b4\b)"):
        model.predict(X[:, :3])


@pytest.mark.points(1)
def test_single_class(impl):
    X, _ = make_classification(n_samples=30, n_features=4, random_state=0)
    y = np.array(["spam"] * 30)
    model = impl.RandomForestClassifier(n_estimators=3, random_state=0).fit(X, y)
    assert_close(model.predict_proba(X[:5]), np.ones((5, 1)), rtol=0, atol=1e-12,
                 what="predict_proba with one class", baseline="all ones, shape (5, 1)")
    assert_equal_labels(model.predict(X[:5]), np.array(["spam"] * 5), what="predict with one class")
    # every tree is a single leaf: no split, no importance (zeros, as scikit-learn, not 0/0)
    assert_close(model.feature_importances_, np.zeros(4), rtol=0, atol=0,
                 what="feature_importances_ of a forest of single leaves", baseline="all zeros")


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("bootstrap drawn without replacement", "rng.integers(0, n, size=n)", "rng.permutation(n)",
     "distinct samples"),
    ("out-of-bag votes from the trees that saw the sample", "out = counts == 0", "out = counts > 0",
     "oob_score_ is"),
    ("majority vote: predict_proba counts the trees' votes",
     "proba += tree.predict_proba(X)",
     "proba += np.eye(len(self.classes_))[np.argmax(tree.predict_proba(X), axis=1)]",
     "not the fraction of trees"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, 20 bootstrapped Gini trees of depth at most 10 with sqrt(20) = 4 features per split,
# grown one after the other (scikit-learn's n_jobs=None), then predict. The random draws differ, the
# trees' sizes agree (about 700 nodes each at n = 10,000).
def _bench_data(n):
    return make_classification(n_samples=n, n_features=20, n_informative=10, flip_y=0.1, random_state=0)


def _bench_impl(module, data):
    X, y = data
    module.RandomForestClassifier(n_estimators=20, max_depth=10, random_state=0).fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    SkForest(n_estimators=20, max_depth=10, random_state=0).fit(X, y).predict(X)


BENCHMARK = {
    "what": "fit (20 trees, max_depth=10, max_features='sqrt', bootstrap) + predict, n x 20, 2 classes",
    "size": 10_000, "check_size": 60,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Grow each tree with the decision tree lesson's vectorised split search (sort each candidate "
            "feature once, cumulative weighted class counts, every threshold scored at once), with the "
            "bootstrap counts as sample weights instead of copied rows (README: 'The tree').",
}
