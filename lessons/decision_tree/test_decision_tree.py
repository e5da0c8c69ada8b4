"""Hidden tests for the decision tree lesson, graded against scikit-learn's CART trees.

Ties. Two candidate splits with the same score are broken by scikit-learn in a random feature
order (its random_state), so only trees without tied splits can be compared exactly. The data
here make ties impossible between values and absent between splits: every feature holds
distinct multiples of 1/8, so no two values of a feature tie, and each (data seed, parameters)
case was checked when the lesson was written to have, at every node, a best split that beats
the runner-up by more than 1e-5 relative (scikit-learn builds the same tree for any
random_state). Nodes stay large (max_depth, min_samples_leaf, min_samples_split) because small
nodes are where splits tie. Where ties cannot be avoided (a full-depth tree), the tests compare
what ties cannot change: pure leaves, depth, leaf count, and the accuracy range.

Every value, midpoint and quarter point of these data is exact in float32, the dtype
scikit-learn converts X to, so test points placed exactly on its thresholds are exact too.

Plausible mistakes, and the tests that catch them:

- threshold at one of the two values it separates instead of their midpoint, or x < t instead
  of x <= t: test_classifier_predictions_match_sklearn and test_regressor_predictions_match_sklearn
  (test points on and beside every threshold), test_threshold_is_the_midpoint_and_left_is_less_or_equal
- children's impurities not weighted by their sizes, or divided by the parent's impurity, or a
  wrong impurity formula (p instead of p^2, natural entropy mixed with Gini): every comparison
  with scikit-learn, test_gini_and_entropy_choose_different_splits
- criterion ignored (always Gini): the entropy cases (their data give a different Gini tree),
  test_gini_and_entropy_choose_different_splits
- min_samples_leaf ignored or off by one (> instead of >=): the min_samples_leaf=10 cases
  (scikit-learn's smallest leaf there has exactly 10 samples),
  test_leaves_keep_min_samples_leaf
- min_samples_split ignored or off by one (<= instead of <): the min_samples_split cases (a node
  with exactly min_samples_split samples is split there)
- max_depth off by one (the root at depth 1, or > instead of >=): test_tree_size_matches_sklearn,
  test_max_depth_gives_a_full_tree_of_that_depth
- a split between two equal values (the same value sent both ways):
  test_equal_values_are_never_separated
- leaves predicting the majority of the parent, the median, or counts instead of fractions:
  test_classifier_proba_matches_sklearn, test_regression_leaf_predicts_the_mean_of_its_samples
- importances not normalised, not weighted by the number of samples, or credited to the wrong
  feature: test_feature_importances_match_sklearn, test_importances_sum_to_one_and_skip_unused_features
- predict returning class indices, classes_ not sorted: test_string_labels
- growing stops early or continues at pure nodes: test_full_depth_tree_is_pure_and_the_same_size
- no input validation: the tests of the last group
"""

import numpy as np
import pytest
from sklearn.datasets import make_moons
from sklearn.tree import DecisionTreeClassifier as SkClassifier
from sklearn.tree import DecisionTreeRegressor as SkRegressor

from grader.testing import assert_close, assert_equal_labels

# ---------------------------------------------------------------------------------- data


def distinct_features(rng, n, d):
    """n x d features, each column n distinct multiples of 1/8 below 20 n / 8."""
    return np.column_stack([rng.permutation(20 * n)[:n] for _ in range(d)]) / 8.0


def classification(seed):
    """300 samples, 5 features (the last one pure noise), 3 noisy classes."""
    rng = np.random.default_rng(seed)
    X = distinct_features(rng, 300, 5)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    W = rng.normal(size=(5, 3))
    W[-1] = 0.0
    y = np.argmax(Z @ W + rng.normal(scale=0.8, size=(300, 3)), axis=1)
    return X, y


def regression(seed):
    """300 samples, 5 features (the last two pure noise), a smooth target plus noise."""
    rng = np.random.default_rng(seed)
    X = distinct_features(rng, 300, 5)
    Z = (X - X.mean(axis=0)) / X.std(axis=0)
    y = 3 * np.sin(Z[:, 0]) + Z[:, 1] ** 2 - Z[:, 2] + rng.normal(scale=0.5, size=300)
    return X, y


# (data seed, parameters); every case is free of tied splits (module docstring). Seeds 0 and
# 18 give different Gini and entropy trees; with seed 18 and min_samples_leaf=10 scikit-learn's
# smallest leaf has exactly 10 samples, with seed 6 a node of exactly 40 samples is split.
CLASSIFIER_CASES = {
    "gini-max_depth=3": (0, {"max_depth": 3}),
    "entropy-max_depth=3": (0, {"criterion": "entropy", "max_depth": 3}),
    "gini-min_samples_leaf=10": (18, {"min_samples_leaf": 10}),
    "entropy-min_samples_leaf=10": (18, {"criterion": "entropy", "min_samples_leaf": 10}),
    "gini-min_samples_split=40": (6, {"min_samples_split": 40}),
    "gini-max_depth=5-min_samples_leaf=5": (22, {"max_depth": 5, "min_samples_leaf": 5}),
}
# All on regression(2): the smallest leaf has exactly 10 samples with min_samples_leaf=10, and
# a node of exactly 30 samples is split with min_samples_split=30.
REGRESSOR_CASES = {
    "max_depth=4": {"max_depth": 4},
    "min_samples_leaf=10": {"min_samples_leaf": 10},
    "min_samples_split=30": {"min_samples_split": 30},
    "max_depth=6-min_samples_leaf=4": {"max_depth": 6, "min_samples_leaf": 4},
}


def fit_both(impl, kind, case):
    """(X, y, parameters, the learner's fitted tree, scikit-learn's fitted tree)."""
    if kind == "classifier":
        seed, params = CLASSIFIER_CASES[case]
        X, y = classification(seed)
        ours = impl.DecisionTreeClassifier(**params).fit(X, y)
        sk = SkClassifier(random_state=0, **params).fit(X, y)
    else:
        params = REGRESSOR_CASES[case]
        X, y = regression(2)
        ours = impl.DecisionTreeRegressor(**params).fit(X, y)
        sk = SkRegressor(random_state=0, **params).fit(X, y)
    return X, y, params, ours, sk


def probe_points(sk, X):
    """Points on and beside every threshold of scikit-learn's tree, plus the training rows.

    At an internal node on feature f with threshold t between the node's values lo < t < hi,
    the training rows that reach the node are copied with feature f set to t, (lo + t) / 2 and
    (t + hi) / 2. The copies still reach that node (no ancestor threshold lies in [lo, hi]);
    t and (lo + t) / 2 must go left, (t + hi) / 2 right. A threshold at lo or hi instead of the
    midpoint, or x < t instead of x <= t, sends some of them the wrong way.
    """
    tree = sk.tree_
    reaches = sk.decision_path(X).toarray().astype(bool)  # (n_samples, n_nodes)
    points = [X]
    for node in np.flatnonzero(tree.children_left >= 0):
        f, t = tree.feature[node], tree.threshold[node]
        rows = X[reaches[:, node]]
        lo, hi = rows[rows[:, f] <= t, f].max(), rows[rows[:, f] > t, f].min()
        for value in (t, (lo + t) / 2, (t + hi) / 2):
            moved = rows.copy()
            moved[:, f] = value
            points.append(moved)
    return np.vstack(points)


# ----------------------------------------------------------------------- 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_parameters(impl):
    model = impl.DecisionTreeClassifier(criterion="entropy", max_depth=4, min_samples_split=7,
                                        min_samples_leaf=3)
    stored = (model.criterion, model.max_depth, model.min_samples_split, model.min_samples_leaf)
    assert stored == ("entropy", 4, 7, 3), (
        f"__init__ should store its arguments unchanged; got (criterion, max_depth, "
        f"min_samples_split, min_samples_leaf) = {stored}, expected ('entropy', 4, 7, 3)"
    )
    default = impl.DecisionTreeClassifier()
    defaults = (default.criterion, default.max_depth, default.min_samples_split,
                default.min_samples_leaf)
    assert defaults == ("gini", None, 2, 1), f"the classifier's defaults are {defaults}"
    regressor = impl.DecisionTreeRegressor(max_depth=2, min_samples_leaf=5)
    stored = (regressor.criterion, regressor.max_depth, regressor.min_samples_split,
              regressor.min_samples_leaf)
    assert stored == ("squared_error", 2, 2, 5), (
        f"DecisionTreeRegressor(max_depth=2, min_samples_leaf=5) stores {stored}, expected "
        "('squared_error', 2, 2, 5)"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_fitted_shapes(impl):
    X, y = classification(0)
    model = impl.DecisionTreeClassifier(max_depth=3)
    assert model.fit(X, y) is model, "DecisionTreeClassifier.fit should return self"
    assert_equal_labels(model.classes_, np.array([0, 1, 2]), what="classes_", baseline="np.unique(y)")
    assert model.n_features_in_ == 5, f"n_features_in_ is {model.n_features_in_!r}, expected 5"
    assert np.shape(model.feature_importances_) == (5,), (
        f"feature_importances_ has shape {np.shape(model.feature_importances_)}, expected (5,)"
    )
    labels, proba = np.asarray(model.predict(X[:7])), np.asarray(model.predict_proba(X[:7]))
    assert labels.shape == (7,), f"predict returned shape {labels.shape} for 7 rows, expected (7,)"
    assert proba.shape == (7, 3), f"predict_proba returned shape {proba.shape}, expected (7, 3)"
    assert_close(proba.sum(axis=1), np.ones(7), rtol=0, atol=1e-12, what="predict_proba row sums",
                 baseline="1")
    leaves = np.asarray(model.feature_) < 0
    children = np.asarray(model.children_)
    assert np.all(children[leaves] == -1) and np.all(children[~leaves] > 0), (
        "children_ should hold -1 at the leaves (feature_ -1) and the ids of the two children "
        f"elsewhere; got {children.tolist()} for feature_ {np.asarray(model.feature_).tolist()}"
    )
    Xr, yr = regression(2)
    regressor = impl.DecisionTreeRegressor(max_depth=2)
    assert regressor.fit(Xr, yr) is regressor, "DecisionTreeRegressor.fit should return self"
    prediction = np.asarray(regressor.predict(Xr[:7]))
    assert prediction.shape == (7,), f"the regressor's predict returned shape {prediction.shape}"
    assert regressor.n_features_in_ == 5, f"n_features_in_ is {regressor.n_features_in_!r}"


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_error(impl):
    X = np.zeros((3, 2))
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        impl.DecisionTreeClassifier().predict(X)
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        impl.DecisionTreeClassifier().predict_proba(X)
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        impl.DecisionTreeClassifier().get_depth()
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        impl.DecisionTreeRegressor().predict(X)


@pytest.mark.points(1)
def test_string_labels(impl):
    X, codes = classification(0)
    names = np.array(["zebra", "ant", "moose"])  # sorted: ant, moose, zebra
    y = names[codes]
    ours = impl.DecisionTreeClassifier(max_depth=3).fit(X, y)
    sk = SkClassifier(max_depth=3, random_state=0).fit(X, y)
    assert_equal_labels(ours.classes_, sk.classes_, what="classes_ (sorted like np.unique)")
    points = probe_points(sk, X)
    assert_equal_labels(ours.predict(points), sk.predict(points),
                        what="predict with string labels")
    # Class fractions of the same leaves: exact up to one division.
    assert_close(ours.predict_proba(points), sk.predict_proba(points), rtol=0, atol=1e-12,
                 what="predict_proba with string labels (columns in the order of classes_)")


# ------------------------------------------------------------ 2. agreement with scikit-learn


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(CLASSIFIER_CASES), ids=list(CLASSIFIER_CASES))
@pytest.mark.public
def test_classifier_predictions_match_sklearn(impl, case):
    X, _, params, ours, sk = fit_both(impl, "classifier", case)
    points = probe_points(sk, X)
    assert_equal_labels(
        ours.predict(points), sk.predict(points),
        what=f"predict on the training rows and on points at and beside each threshold ({params})",
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("case", ["entropy-min_samples_leaf=10", "gini-max_depth=5-min_samples_leaf=5"])
def test_classifier_proba_matches_sklearn(impl, case):
    X, _, params, ours, sk = fit_both(impl, "classifier", case)
    points = probe_points(sk, X)
    # The same leaves hold the same samples: the fractions agree up to one rounding.
    assert_close(ours.predict_proba(points), sk.predict_proba(points), rtol=0, atol=1e-12,
                 what=f"predict_proba ({params})")


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(REGRESSOR_CASES), ids=list(REGRESSOR_CASES))
def test_regressor_predictions_match_sklearn(impl, case):
    X, _, params, ours, sk = fit_both(impl, "regressor", case)
    points = probe_points(sk, X)
    # Each prediction is the mean of the same training targets; only the summation order
    # differs (~1e-15 relative). A point sent to the wrong leaf is off by ~0.1 or more.
    assert_close(ours.predict(points), sk.predict(points), rtol=1e-10, atol=1e-12,
                 what=f"the regressor's predict on the training rows and at and beside each "
                      f"threshold ({params})")


SIZE_CASES = [("classifier", "gini-max_depth=3"), ("classifier", "gini-min_samples_leaf=10"),
              ("classifier", "gini-min_samples_split=40"), ("regressor", "max_depth=4"),
              ("regressor", "min_samples_split=30")]


@pytest.mark.points(1)
@pytest.mark.parametrize("kind, case", SIZE_CASES, ids=[f"{k}-{c}" for k, c in SIZE_CASES])
def test_tree_size_matches_sklearn(impl, kind, case):
    _, _, params, ours, sk = fit_both(impl, kind, case)
    got, expected = (ours.get_depth(), ours.get_n_leaves()), (sk.get_depth(), sk.get_n_leaves())
    assert got == expected, (
        f"{kind} with {params}: your tree has depth {got[0]} and {got[1]} leaves, scikit-learn's "
        f"has depth {expected[0]} and {expected[1]} leaves. The root has depth 0; a node is a leaf "
        "when depth >= max_depth, when it has fewer than min_samples_split samples, when it is "
        "pure, or when no split leaves at least min_samples_leaf samples in each child"
    )


IMPORTANCE_CASES = [("classifier", "entropy-min_samples_leaf=10"),
                    ("classifier", "gini-max_depth=5-min_samples_leaf=5"),
                    ("regressor", "max_depth=6-min_samples_leaf=4")]


@pytest.mark.points(1)
@pytest.mark.parametrize("kind, case", IMPORTANCE_CASES, ids=[f"{k}-{c}" for k, c in IMPORTANCE_CASES])
def test_feature_importances_match_sklearn(impl, kind, case):
    _, _, params, ours, sk = fit_both(impl, kind, case)
    # The same tree gives the same impurity decreases up to rounding (~1e-13 relative, more if
    # the variance is computed another way); an unnormalised or unweighted sum is off by > 1e-2.
    assert_close(ours.feature_importances_, sk.feature_importances_, rtol=1e-7, atol=1e-10,
                 what=f"feature_importances_ ({kind}, {params})")


@pytest.mark.points(1)
def test_full_depth_tree_is_pure_and_the_same_size(impl):
    # Noisy moons with the default parameters: leaves are grown until pure. Small nodes tie,
    # so thresholds may differ from scikit-learn's, but not the depth or the number of
    # leaves (the same for random_state 0..29).
    X, y = make_moons(n_samples=200, noise=0.3, random_state=0)
    ours = impl.DecisionTreeClassifier().fit(X, y)
    sk = SkClassifier(random_state=0).fit(X, y)
    wrong = int(np.sum(np.asarray(ours.predict(X)) != y))
    assert wrong == 0, f"a full-depth tree fits all 200 distinct training points, {wrong} are misclassified"
    got, expected = (ours.get_depth(), ours.get_n_leaves()), (sk.get_depth(), sk.get_n_leaves())
    assert got == expected, (
        f"the full-depth tree has depth {got[0]} and {got[1]} leaves, scikit-learn's has depth "
        f"{expected[0]} and {expected[1]}: split every impure node until its leaves are pure"
    )


@pytest.mark.points(1)
def test_full_depth_tree_accuracy_is_in_sklearn_range(impl):
    X, y = make_moons(n_samples=400, noise=0.3, random_state=0)
    train, test = slice(0, 200), slice(200, 400)
    ours = impl.DecisionTreeClassifier(criterion="entropy").fit(X[train], y[train])
    accuracy = np.mean(np.asarray(ours.predict(X[test])) == y[test])
    # Tied splits are broken by random_state: scikit-learn's test accuracy over 10 seeds spans
    # this range; 0.02 (4 test points) more on each side leaves room for any tie-breaking rule.
    sk = [SkClassifier(criterion="entropy", random_state=r).fit(X[train], y[train]).score(X[test], y[test])
          for r in range(10)]
    low, high = min(sk) - 0.02, max(sk) + 0.02
    assert low <= accuracy <= high, (
        f"test accuracy {accuracy:.3f} of the full-depth entropy tree on noisy moons; "
        f"scikit-learn's is {min(sk):.3f}..{max(sk):.3f} depending on how ties are broken"
    )


# --------------------------------------------------------------------------- closed forms


@pytest.mark.points(1)
def test_threshold_is_the_midpoint_and_left_is_less_or_equal(impl):
    X = np.array([[0.0], [1.0], [4.0], [5.0]])
    model = impl.DecisionTreeClassifier().fit(X, np.array(["a", "a", "b", "b"]))
    probe = np.array([[1.01], [2.49], [2.5], [2.51], [3.99]])
    # The split is halfway between 1 and 4, at 2.5, and x <= 2.5 goes left.
    assert_equal_labels(model.predict(probe), np.array(["a", "a", "a", "b", "b"]),
                        what="predict at x = 1.01, 2.49, 2.5, 2.51, 3.99",
                        baseline="the split x <= 2.5 (the midpoint of 1 and 4)")
    assert (model.get_depth(), model.get_n_leaves()) == (1, 2), (
        f"one split should give depth 1 and 2 leaves, got {model.get_depth()} and {model.get_n_leaves()}"
    )
    # Two adjacent floats: their midpoint rounds (to even) up to the upper one, so x <= t would
    # send both samples left and the same node would be split forever; the threshold must then
    # be the lower value, as scikit-learn's is.
    low = np.nextafter(1.0, 2.0)
    X = np.array([[low], [np.nextafter(low, 2.0)]])
    model = impl.DecisionTreeClassifier().fit(X, np.array(["a", "b"]))
    assert_equal_labels(model.predict(X), np.array(["a", "b"]),
                        what="predict on two adjacent floats",
                        baseline="the split x <= the lower one")


@pytest.mark.points(1)
def test_gini_and_entropy_choose_different_splits(impl):
    # Labels a a b c a c at x = 0..5. Gini: cutting at 1.5 costs 2*0 + 4*(1 - 6/16) = 2.5, at 2.5
    # 3*(4/9) + 3*(4/9) = 2.67. Entropy: 4*1.5 = 6 bits at 1.5, 6*0.918 = 5.51 bits at 2.5.
    X, y = np.arange(6.0)[:, None], np.array(list("aabcac"))
    point = np.array([[2.0]])
    gini = impl.DecisionTreeClassifier(criterion="gini", max_depth=1).fit(X, y)
    entropy = impl.DecisionTreeClassifier(criterion="entropy", max_depth=1).fit(X, y)
    assert_close(gini.predict_proba(point), [[0.25, 0.25, 0.5]], rtol=0, atol=1e-12,
                 what="Gini stump: predict_proba at x=2", baseline="the leaf {b, c, a, c} of the cut at 1.5")
    assert_close(entropy.predict_proba(point), [[2 / 3, 1 / 3, 0.0]], rtol=0, atol=1e-12,
                 what="entropy stump: predict_proba at x=2", baseline="the leaf {a, a, b} of the cut at 2.5")


@pytest.mark.points(1)
def test_max_depth_gives_a_full_tree_of_that_depth(impl):
    X, y = regression(2)
    for depth in (1, 2, 3):
        model = impl.DecisionTreeRegressor(max_depth=depth).fit(X, y)
        got = (model.get_depth(), model.get_n_leaves())
        # 300 samples with distinct targets: every node above max_depth can be split.
        assert got == (depth, 2**depth), (
            f"max_depth={depth}: depth {got[0]} with {got[1]} leaves, expected depth {depth} with "
            f"{2**depth} leaves (the root has depth 0 and is split while depth < max_depth)"
        )


@pytest.mark.points(1)
def test_leaves_keep_min_samples_leaf(impl):
    X, y = regression(2)
    prediction = np.asarray(impl.DecisionTreeRegressor(min_samples_leaf=7).fit(X, y).predict(X))
    # Distinct targets give every leaf its own mean, so equal predictions mark one leaf.
    _, sizes = np.unique(prediction, return_counts=True)
    assert sizes.min() >= 7, (
        f"with min_samples_leaf=7 a leaf holds only {sizes.min()} training samples; reject "
        "thresholds that leave fewer than min_samples_leaf samples on either side"
    )


@pytest.mark.points(1)
def test_regression_leaf_predicts_the_mean_of_its_samples(impl):
    X, y = regression(2)
    prediction = np.asarray(impl.DecisionTreeRegressor(max_depth=4).fit(X, y).predict(X))
    values, leaf = np.unique(prediction, return_inverse=True)
    means = np.bincount(leaf, weights=y) / np.bincount(leaf)
    # Both are the mean of the same targets, up to summation order.
    assert_close(values, means, rtol=1e-10, atol=1e-12, what="the leaf predictions",
                 baseline="the mean target of the training samples in each leaf")


@pytest.mark.points(1)
def test_importances_sum_to_one_and_skip_unused_features(impl):
    X, y = regression(2)
    X = np.column_stack([X[:, :3], np.full(300, 7.0), X[:, 3:]])  # feature 3 is constant
    model = impl.DecisionTreeRegressor(max_depth=4).fit(X, y)
    importances = np.asarray(model.feature_importances_)
    assert_close(importances.sum(), 1.0, rtol=0, atol=1e-12, what="sum of feature_importances_",
                 baseline="1 (normalised)")
    assert importances[3] == 0, f"a constant feature is never split on; its importance is {importances[3]}"
    # Dividing y by 1024 (exact in binary) divides every impurity decrease by 1024**2 (their
    # total drops below 1e-3) and changes nothing else: the normalised importances are equal.
    small = impl.DecisionTreeRegressor(max_depth=4).fit(X, y / 1024)
    assert_close(small.feature_importances_, importances, rtol=1e-12, atol=1e-15,
                 what="feature_importances_ with y / 1024", baseline="those with y (normalise by the total)")
    stump = impl.DecisionTreeRegressor(max_depth=1).fit(X, y)
    assert_close(stump.feature_importances_, np.eye(6)[0], rtol=0, atol=1e-12,
                 what="feature_importances_ of a stump", baseline="1 for the root's feature (0), 0 elsewhere")


# ---------------------------------------------------------------- 3. edge cases and errors


@pytest.mark.points(1)
def test_pure_target_is_a_single_leaf(impl):
    X = np.random.default_rng(0).normal(size=(20, 3))
    model = impl.DecisionTreeClassifier().fit(X, np.array(["x"] * 20))
    assert (model.get_depth(), model.get_n_leaves()) == (0, 1), (
        f"a pure node is a leaf: expected depth 0 and 1 leaf, got {model.get_depth()} and "
        f"{model.get_n_leaves()}"
    )
    assert_equal_labels(model.predict(X[:3]), np.array(["x"] * 3), what="predict", baseline="the only class")
    assert_close(model.feature_importances_, np.zeros(3), rtol=0, atol=0,
                 what="feature_importances_ of a single leaf", baseline="zeros (nothing to normalise)")
    regressor = impl.DecisionTreeRegressor().fit(X, np.full(20, 3.0))
    assert regressor.get_n_leaves() == 1, f"a constant target gives {regressor.get_n_leaves()} leaves, not 1"


@pytest.mark.points(1)
def test_equal_values_are_never_separated(impl):
    # Three samples at x=0 (labels 0, 1, 1) cannot be split apart: that leaf keeps 1/3, 2/3.
    X = np.array([[0.0], [0.0], [0.0], [1.0]])
    model = impl.DecisionTreeClassifier().fit(X, np.array([0, 1, 1, 1]))
    assert_close(model.predict_proba(np.array([[0.0]])), [[1 / 3, 2 / 3]], rtol=0, atol=1e-12,
                 what="predict_proba at x=0", baseline="the leaf of the three equal values")
    assert model.get_n_leaves() == 2, f"expected 2 leaves (one split at 0.5), got {model.get_n_leaves()}"
    # Tied values above the minimum: x = 0, 1, 1, 2, 3 with labels 0, 0, 1, 1, 1. The root cuts at
    # 1.5 (Gini score 4/3 against 3/2 at 0.5 and 2 at 2.5), its left child at 0.5; the two
    # samples at x=1 (labels 0 and 1) stay together in a leaf of fractions 1/2, 1/2.
    X = np.array([[0.0], [1.0], [1.0], [2.0], [3.0]])
    model = impl.DecisionTreeClassifier().fit(X, np.array([0, 0, 1, 1, 1]))
    assert_close(model.predict_proba(np.array([[1.0]])), [[0.5, 0.5]], rtol=0, atol=1e-12,
                 what="predict_proba at x=1", baseline="the leaf of the two samples at x=1")
    assert model.get_n_leaves() == 3, f"expected 3 leaves (splits at 1.5 and 0.5), got {model.get_n_leaves()}"


@pytest.mark.points(1)
def test_constant_features_give_a_leaf_of_class_fractions(impl):
    X = np.ones((5, 2))
    model = impl.DecisionTreeClassifier().fit(X, np.array(["b", "a", "b", "c", "b"]))
    assert model.get_n_leaves() == 1, f"no feature varies, so no split: got {model.get_n_leaves()} leaves"
    assert_close(model.predict_proba(X[:1]), [[0.2, 0.6, 0.2]], rtol=0, atol=1e-12,
                 what="predict_proba", baseline="the class fractions (a, b, c) = (1, 3, 1) / 5")
    assert_equal_labels(model.predict(X[:1]), np.array(["b"]), what="predict", baseline="the majority class")


BAD_PARAMETERS = {
    "criterion=mse": ("DecisionTreeClassifier", {"criterion": "mse"}),
    "max_depth=0": ("DecisionTreeClassifier", {"max_depth": 0}),
    "min_samples_split=1": ("DecisionTreeRegressor", {"min_samples_split": 1}),
    "min_samples_leaf=0": ("DecisionTreeRegressor", {"min_samples_leaf": 0}),
}


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(BAD_PARAMETERS), ids=list(BAD_PARAMETERS))
@pytest.mark.public
def test_bad_parameters_raise(impl, case):
    estimator, params = BAD_PARAMETERS[case]
    X, y = regression(2)
    # The message names the parameter.
    with pytest.raises(ValueError, match=next(iter(params))):
        getattr(impl, estimator)(**params).fit(X, y if estimator == "DecisionTreeRegressor" else y > 0)


@pytest.mark.points(1)
def test_non_finite_input_raises(impl):
    X, y = regression(2)
    for bad in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad[4, 1] = bad
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            impl.DecisionTreeClassifier().fit(X_bad, y > 0)
        y_bad = y.copy()
        y_bad[7] = bad
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            impl.DecisionTreeRegressor().fit(X, y_bad)
        model = impl.DecisionTreeRegressor(max_depth=2).fit(X, y)
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            model.predict(X_bad)


@pytest.mark.points(1)
def test_bad_shapes_raise(impl):
    X, y = classification(0)
    with pytest.raises(ValueError):
        impl.DecisionTreeClassifier().fit(X[:, 0], y)  # 1-D X
    with pytest.raises(ValueError):
        impl.DecisionTreeClassifier().fit(np.zeros((0, 5)), y[:0])  # no samples
    with pytest.raises(ValueError, match=r"\b299\b|\b300\b"):
        impl.DecisionTreeRegressor().fit(X, y[:-1].astype(float))  # one target missing


@pytest.mark.points(1)
def test_wrong_n_features_raises(impl):
    X, y = classification(0)
    model = impl.DecisionTreeClassifier(max_depth=2).fit(X, y)
    # The message names both counts: 3 received, 5 seen in fit.
    with pytest.raises(ValueError, match=r"(?i)(?=.*feature)(?=.*\b3\b)(?=.*\b5\b)"):
        model.predict(np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"(?i)(?=.*feature)(?=.*\b3\b)(?=.*\b5\b)"):
        model.predict_proba(np.zeros((4, 3)))


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("threshold at the lower of the two values it separates, not at their midpoint",
     "t = Xs[j, i] / 2 + Xs[j, i + 1] / 2", "t = Xs[j, i]", "disagrees with scikit-learn's"),
    ("children's impurities added without weighting them by their sizes",
     "score = n_left * impurity(S_left, n_left) + n_right * impurity(S_right, n_right)",
     "score = impurity(S_left, n_left) + impurity(S_right, n_right)", "disagrees with scikit-learn's"),
    ("feature importances not normalised to sum to 1",
     "importances / total if total > 0 else importances", "importances", "feature_importances_ differs"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, one Gini tree grown to depth 10 (every feature tried at every node) and predicting
# its training set. Noisy labels, so that the tree uses its whole depth.
def _bench_data(n):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n, 20))
    y = (X[:, 0] + X[:, 1] * X[:, 2] + 0.5 * rng.normal(size=n) > 0).astype(int)
    return X, y


def _bench_impl(module, data):
    X, y = data
    module.DecisionTreeClassifier(max_depth=10).fit(X, y).predict(X)


def _bench_baseline(data):
    X, y = data
    SkClassifier(max_depth=10, random_state=0).fit(X, y).predict(X)


BENCHMARK = {
    "what": "fit (Gini, max_depth=10) + predict, n x 20 noisy 2-class data",
    "size": 20_000, "check_size": 300,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Score every threshold of a node at once: sort each feature once and take cumulative sums "
            "of the class counts, not a loop over thresholds or samples "
            "(README: 'Scoring every threshold at once').",
}
