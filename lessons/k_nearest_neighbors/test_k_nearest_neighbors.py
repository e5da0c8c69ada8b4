"""Hidden tests for the k-nearest neighbours lesson, graded against scikit-learn's brute force.

scikit-learn's estimators run with algorithm="brute". Its neighbours at equal distance are kept
in an order set by a heap, not by a simple rule, so the comparisons use continuous data (no two
distances are equal) except where the tie is one both sides resolve alike: k=1 (the lowest
training index), ties inside the k nearest (only the set matters for a prediction), and tied
class votes (the smallest label).

Plausible mistakes, and the tests that catch them:

- weights="distance" with squared distances (1/d^2), or with d itself -> test_classifier_matches_sklearn,
  test_regressor_matches_sklearn (the "distance" cases)
- kneighbors returning squared Euclidean distances -> test_kneighbors_matches_sklearn
- manhattan computed as euclidean (or the metric ignored) -> test_kneighbors_matches_sklearn,
  and the manhattan cases of the predict tests
- off-by-one in k (k-1 or k+1 neighbours) -> test_output_shapes, test_kneighbors_matches_sklearn,
  test_classifier_matches_sklearn, test_regressor_matches_sklearn
- classes_ in order of appearance instead of sorted, predict_proba columns in another order ->
  test_fit_returns_self_and_sets_classes, test_classifier_matches_sklearn
- argmax over the wrong axis, or predict returning column indices -> test_output_shapes,
  test_classifier_matches_sklearn
- a tied vote given to the nearest neighbour's label or the first label seen ->
  test_vote_tie_goes_to_smallest_label, test_vote_ties_on_a_grid
- an unstable sort (np.argsort's default, argpartition) picking any of several equidistant
  nearest samples -> test_equidistant_nearest_neighbour_is_the_lowest_index
- 1/0 at a zero distance (inf/inf = nan), or zero distances not given all the weight ->
  test_zero_distance_gets_all_the_weight
- no clipping of negative squared distances before the square root (sqrt(-1e-16) = nan) ->
  test_rounding_does_not_make_nan
- kneighbors(X=None) counting a sample as its own neighbour, or ignoring n_neighbors /
  return_distance -> test_kneighbors_of_the_training_set, test_kneighbors_arguments; the
  diagonal misplaced when the queries are split into blocks -> test_kneighbors_of_a_large_training_set
- predict_proba not normalised (raw counts or weight sums) -> test_output_shapes,
  test_classifier_matches_sklearn
- k > n_samples not refused, or refused at k == n_samples -> test_too_many_neighbours
- missing input checks -> the edge-case tests at the end
"""

import numpy as np
import pytest
from sklearn.datasets import make_blobs, make_friedman1
from sklearn.neighbors import KNeighborsClassifier as SkClassifier
from sklearn.neighbors import KNeighborsRegressor as SkRegressor

from grader.testing import assert_close, assert_equal_labels

# Labels whose sorted order (ant, moth, zebra) differs from the order they are listed and seen in.
LABELS = np.array(["zebra", "ant", "moth"])
METRICS = ["euclidean", "manhattan"]

# Distances: explicit differences are exact to ~1e-16 relative; the expansion
# ||x||^2 - 2 x.z + ||z||^2 loses ~1e-16 * ||x||^2 ~ 1e-14 on squared distances of order 1 here,
# so distances >= 0.1 agree to ~1e-13. 1e-9 leaves room for any summation order and still
# catches a squared distance or a wrong metric (errors of order 1).
DIST_TOL = {"rtol": 1e-9, "atol": 1e-9}
# Predictions are sums of k <= 8 weights or targets: only the summation order differs (~1e-15).
PRED_TOL = {"rtol": 1e-9, "atol": 1e-12}

# --------------------------------------------------------------------------------- data


@pytest.fixture(scope="module")
def classes():
    """Three overlapping blobs in 4-D with string labels, and 80 queries spread over them."""
    X, y = make_blobs(n_samples=150, centers=3, n_features=4, cluster_std=3.0, random_state=0)
    Q = np.random.default_rng(1).uniform(X.min(axis=0), X.max(axis=0), size=(80, 4))
    return X, LABELS[y], Q


@pytest.fixture(scope="module")
def targets():
    """Friedman's #1 regression problem: 150 noisy samples in [0, 1]^5, and 80 queries."""
    X, y = make_friedman1(n_samples=150, n_features=5, noise=1.0, random_state=0)
    Q = np.random.default_rng(2).uniform(size=(80, 5))
    return X, y, Q


def grid(seed):
    """Distinct integer training points and half-integer queries: distances are exact, so many tie."""
    rng = np.random.default_rng(seed)
    X = np.unique(rng.integers(0, 8, size=(40, 2)), axis=0).astype(float)
    rng.shuffle(X)  # np.unique sorted them; the training order should not follow the grid
    Q = rng.integers(0, 15, size=(120, 2)) / 2.0
    return X, LABELS[rng.integers(0, 3, size=len(X))], Q


def exact_distances(Q, X, metric):
    """The closed form the tests trust: explicit differences, shape (n_queries, n_train)."""
    diff = Q[:, None, :] - X[None, :, :]
    if metric == "manhattan":
        return np.abs(diff).sum(axis=2)
    return np.sqrt((diff**2).sum(axis=2))


def sk_classifier(X, y, **params):
    return SkClassifier(algorithm="brute", **params).fit(X, y)


def sk_regressor(X, y, **params):
    return SkRegressor(algorithm="brute", **params).fit(X, y)


# ------------------------------------------------------------------ 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_parameters(impl):
    for name in ("KNeighborsClassifier", "KNeighborsRegressor"):
        model = getattr(impl, name)(n_neighbors=3, weights="distance", metric="manhattan")
        stored = (model.n_neighbors, model.weights, model.metric)
        assert stored == (3, "distance", "manhattan"), (
            f"{name}.__init__ should store its arguments unchanged; got (n_neighbors, weights, "
            f"metric) = {stored}, expected (3, 'distance', 'manhattan')"
        )
        default = getattr(impl, name)()
        stored = (default.n_neighbors, default.weights, default.metric)
        assert stored == (5, "uniform", "euclidean"), (
            f"{name}'s defaults (n_neighbors, weights, metric) are {stored}, "
            "expected (5, 'uniform', 'euclidean') as in scikit-learn"
        )


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_sets_classes(impl, classes, targets):
    X, y, _ = classes
    model = impl.KNeighborsClassifier()
    assert model.fit(X, y) is model, "KNeighborsClassifier.fit should return self"
    assert_equal_labels(model.classes_, np.array(["ant", "moth", "zebra"]), what="classes_",
                        baseline="the sorted labels (np.unique(y))")
    assert model.n_features_in_ == 4, f"n_features_in_ is {model.n_features_in_}, expected 4"
    X, y, _ = targets
    regressor = impl.KNeighborsRegressor()
    assert regressor.fit(X, y) is regressor, "KNeighborsRegressor.fit should return self"


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_error(impl, classes):
    X, _, Q = classes
    model = impl.KNeighborsClassifier()
    for method in ("predict", "predict_proba", "kneighbors"):
        with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
            getattr(model, method)(Q)
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        impl.KNeighborsRegressor().predict(Q)


@pytest.mark.points(1)
def test_output_shapes(impl, classes, targets):
    X, y, Q = classes
    model = impl.KNeighborsClassifier(n_neighbors=6).fit(X, y)
    dist, ind = model.kneighbors(Q)
    proba = np.asarray(model.predict_proba(Q))
    shapes = {
        "predict(Q)": (np.shape(model.predict(Q)), (80,)),
        "predict_proba(Q)": (proba.shape, (80, 3)),
        "kneighbors(Q) distances": (np.shape(dist), (80, 6)),
        "kneighbors(Q) indices": (np.shape(ind), (80, 6)),
        "kneighbors(Q, return_distance=False)": (np.shape(model.kneighbors(Q, return_distance=False)),
                                                 (80, 6)),
    }
    for what, (got, want) in shapes.items():
        assert got == want, f"{what} has shape {got}, expected {want} (n_queries=80, n_neighbors=6)"
    assert np.issubdtype(np.asarray(ind).dtype, np.integer), f"indices should be integers, got {ind.dtype}"
    # Each row holds the shares of 6 votes: multiples of 1/6 that sum to 1.
    assert_close(proba.sum(axis=1), np.ones(80), rtol=0, atol=1e-12,
                 what="predict_proba(Q).sum(axis=1)", baseline="1")
    assert_equal_labels(model.predict(Q), model.classes_[np.argmax(proba, axis=1)],
                        what="predict(Q)", baseline="classes_[argmax of predict_proba(Q)]")
    X, y, Q = targets
    pred = impl.KNeighborsRegressor().fit(X, y).predict(Q)
    assert np.shape(pred) == (80,), f"KNeighborsRegressor.predict has shape {np.shape(pred)}, expected (80,)"


# ------------------------------------------------------- 2. agreement with scikit-learn


@pytest.mark.points(1)
@pytest.mark.parametrize("metric", METRICS)
@pytest.mark.parametrize("k", [1, 6], ids=["k=1", "k=6"])
def test_kneighbors_matches_sklearn(impl, classes, metric, k):
    X, y, Q = classes
    dist, ind = impl.KNeighborsClassifier(n_neighbors=k, metric=metric).fit(X, y).kneighbors(Q)
    sk_dist, sk_ind = sk_classifier(X, y, n_neighbors=k, metric=metric).kneighbors(Q)
    # Continuous data: no two distances tie, so the indices are identical.
    assert_equal_labels(ind, sk_ind, what=f"kneighbors indices ({metric}, k={k})")
    assert_close(dist, sk_dist, **DIST_TOL, what=f"kneighbors distances ({metric}, k={k})")


@pytest.mark.points(1)
def test_kneighbors_arguments(impl, classes):
    X, y, Q = classes
    model = impl.KNeighborsClassifier(n_neighbors=5).fit(X, y)
    sk = sk_classifier(X, y, n_neighbors=5)
    dist, ind = model.kneighbors(Q, n_neighbors=3)
    sk_dist, sk_ind = sk.kneighbors(Q, n_neighbors=3)
    assert_equal_labels(ind, sk_ind, what="kneighbors(Q, n_neighbors=3) indices")
    assert_close(dist, sk_dist, **DIST_TOL, what="kneighbors(Q, n_neighbors=3) distances")
    ind = model.kneighbors(Q, n_neighbors=8, return_distance=False)
    assert_equal_labels(ind, sk.kneighbors(Q, n_neighbors=8, return_distance=False),
                        what="kneighbors(Q, n_neighbors=8, return_distance=False)")


@pytest.mark.points(1)
@pytest.mark.parametrize("metric", METRICS)
def test_kneighbors_of_the_training_set(impl, classes, metric):
    # kneighbors() without X: each training sample's neighbours among the others.
    X, y, _ = classes
    dist, ind = impl.KNeighborsClassifier(n_neighbors=4, metric=metric).fit(X, y).kneighbors()
    sk_dist, sk_ind = sk_classifier(X, y, n_neighbors=4, metric=metric).kneighbors()
    assert_equal_labels(ind, sk_ind, what=f"kneighbors() indices ({metric}); a sample is not "
                        "its own neighbour")
    assert_close(dist, sk_dist, **DIST_TOL, what=f"kneighbors() distances ({metric})")


@pytest.mark.points(1)
def test_kneighbors_of_a_large_training_set(impl):
    # 1100 samples: a distance matrix of 1.2 million entries, which an implementation may split
    # into blocks of queries (the reference does); each block must still leave out its own samples.
    rng = np.random.default_rng(5)
    X = rng.normal(size=(1100, 3))
    y = rng.normal(size=1100)
    dist, ind = impl.KNeighborsRegressor(n_neighbors=3).fit(X, y).kneighbors()
    sk_dist, sk_ind = sk_regressor(X, y, n_neighbors=3).kneighbors()
    assert_equal_labels(ind, sk_ind, what="kneighbors() indices on 1100 training samples")
    assert_close(dist, sk_dist, **DIST_TOL, what="kneighbors() distances on 1100 training samples")


# (metric, weights, k): k=1 and k=8 with one vote each, k=8 weighted by distance.
PREDICT_CASES = [
    (metric, weights, k)
    for metric in METRICS
    for weights, k in [("uniform", 1), ("uniform", 8), ("distance", 8)]
]
PREDICT_IDS = [f"{m}-{w}-k={k}" for m, w, k in PREDICT_CASES]


@pytest.mark.points(1)
@pytest.mark.parametrize("metric, weights, k", PREDICT_CASES, ids=PREDICT_IDS)
@pytest.mark.public
def test_classifier_matches_sklearn(impl, classes, metric, weights, k):
    X, y, Q = classes
    params = {"n_neighbors": k, "weights": weights, "metric": metric}
    model = impl.KNeighborsClassifier(**params).fit(X, y)
    sk = sk_classifier(X, y, **params)
    where = f"({metric}, weights={weights!r}, k={k})"
    assert_close(model.predict_proba(Q), sk.predict_proba(Q), **PRED_TOL, what=f"predict_proba(Q) {where}")
    assert_equal_labels(model.predict(Q), sk.predict(Q), what=f"predict(Q) {where}")


@pytest.mark.points(1)
@pytest.mark.parametrize("metric, weights, k", PREDICT_CASES, ids=PREDICT_IDS)
def test_regressor_matches_sklearn(impl, targets, metric, weights, k):
    X, y, Q = targets
    params = {"n_neighbors": k, "weights": weights, "metric": metric}
    model = impl.KNeighborsRegressor(**params).fit(X, y)
    assert_close(model.predict(Q), sk_regressor(X, y, **params).predict(Q), **PRED_TOL,
                 what=f"predict(Q) ({metric}, weights={weights!r}, k={k})")


# ------------------------------------------------------------ 3. ties and edge cases


@pytest.mark.points(1)
@pytest.mark.parametrize("metric", METRICS)
def test_equidistant_nearest_neighbour_is_the_lowest_index(impl, metric):
    # With k=1 scikit-learn keeps the first of several equidistant nearest samples.
    X, y, Q = grid(seed=0)
    D = exact_distances(Q, X, metric)
    tied = int(np.sum(np.sum(D == D.min(axis=1, keepdims=True), axis=1) > 1))
    assert tied >= 30, f"test data: only {tied} queries have a tied nearest neighbour"
    model = impl.KNeighborsClassifier(n_neighbors=1, metric=metric).fit(X, y)
    sk = sk_classifier(X, y, n_neighbors=1, metric=metric)
    ind = model.kneighbors(Q, return_distance=False)
    assert_equal_labels(ind, sk.kneighbors(Q, return_distance=False),
                        what=f"kneighbors indices with k=1 ({metric}) among {tied} tied queries; "
                        "equal distances should keep the training order (a stable sort)")
    assert_equal_labels(model.predict(Q), sk.predict(Q), what=f"predict with k=1 ({metric})")


@pytest.mark.points(1)
def test_vote_tie_goes_to_smallest_label(impl):
    # A query at 2 between two "zebra" samples (at 0 and 1) and two "ant" samples (at 3 and 4).
    X = np.array([[0.0], [1.0], [3.0], [4.0], [9.0]])
    y = np.array(["zebra", "zebra", "ant", "ant", "moth"])
    for k, weights in [(4, "uniform"), (2, "uniform"), (2, "distance"), (4, "distance")]:
        model = impl.KNeighborsClassifier(n_neighbors=k, weights=weights).fit(X, y)
        where = f"(k={k}, weights={weights!r}; the vote is tied between 'ant' and 'zebra')"
        assert_close(model.predict_proba([[2.0]]), [[0.5, 0.0, 0.5]], rtol=0, atol=1e-12,
                     what=f"predict_proba([[2]]) {where}", baseline="the tied vote")
        assert_equal_labels(model.predict([[2.0]]), np.array(["ant"]), what=f"predict([[2]]) {where}",
                            baseline="the smallest tied label (scikit-learn's argmax over sorted classes_)")


@pytest.mark.points(1)
@pytest.mark.parametrize("metric", METRICS)
def test_vote_ties_on_a_grid(impl, metric):
    # k=4 one vote each: 2-2 and 2-1-1 votes are common. Only queries whose 4th and 5th
    # distances differ are used, so the 4 neighbours are the same set on both sides.
    X, y, Q = grid(seed=1)
    D = np.sort(exact_distances(Q, X, metric), axis=1)
    Q = Q[D[:, 3] < D[:, 4]]
    model = impl.KNeighborsClassifier(n_neighbors=4, metric=metric).fit(X, y)
    sk = sk_classifier(X, y, n_neighbors=4, metric=metric)
    proba = sk.predict_proba(Q)
    ties = int(np.sum(np.sum(proba == proba.max(axis=1, keepdims=True), axis=1) > 1))
    assert ties >= 10 and len(Q) >= 40, f"test data: {ties} tied votes among {len(Q)} queries"
    assert_close(model.predict_proba(Q), proba, rtol=0, atol=1e-12, what=f"predict_proba ({metric})")
    assert_equal_labels(model.predict(Q), sk.predict(Q),
                        what=f"predict ({metric}, {ties} of {len(Q)} votes tied)")


@pytest.mark.points(2)
@pytest.mark.parametrize("metric", METRICS)
def test_zero_distance_gets_all_the_weight(impl, metric):
    # Integer points: a query on a training point is at distance exactly 0 from it.
    rng = np.random.default_rng(4)
    X = np.unique(rng.integers(0, 10, size=(60, 2)), axis=0).astype(float)
    X = np.vstack([X, X[:1]])  # the last sample duplicates the first: two at distance 0
    y_reg = rng.normal(size=len(X))
    y_cls = LABELS[rng.integers(0, 3, size=len(X))]
    y_cls[0], y_cls[-1] = "zebra", "moth"  # the duplicates disagree: a tie, won by "moth"
    Q = X[:10]
    params = {"n_neighbors": 3, "weights": "distance", "metric": metric}
    expected = y_reg[:10].copy()
    expected[0] = (y_reg[0] + y_reg[-1]) / 2  # the two samples at distance 0 share the weight
    pred = impl.KNeighborsRegressor(**params).fit(X, y_reg).predict(Q)
    # Weights 1 on the training point(s) at distance 0 and 0 elsewhere: exact up to rounding.
    assert_close(pred, expected, rtol=1e-12, atol=1e-12, what=f"predict at training points ({metric})",
                 baseline="the training targets")
    assert_close(pred, sk_regressor(X, y_reg, **params).predict(Q), rtol=1e-12, atol=1e-12,
                 what=f"predict at training points ({metric})")
    model = impl.KNeighborsClassifier(**params).fit(X, y_cls)
    sk = sk_classifier(X, y_cls, **params)
    assert_close(model.predict_proba(Q), sk.predict_proba(Q), rtol=0, atol=1e-12,
                 what=f"predict_proba at training points ({metric})")
    assert_equal_labels(model.predict(Q), sk.predict(Q), what=f"predict at training points ({metric})")


@pytest.mark.points(1)
def test_rounding_does_not_make_nan(impl):
    # Each training sample queried against the training set: ||x||^2 - 2 x.x + ||x||^2 rounds
    # to about +-1e-15, and the square root of a negative number is nan.
    rng = np.random.default_rng(3)
    X = rng.normal(size=(100, 3))
    model = impl.KNeighborsRegressor(n_neighbors=1).fit(X, rng.normal(size=100))
    dist, ind = model.kneighbors(X, n_neighbors=100)
    dist = np.asarray(dist)
    bad = int(np.sum(~np.isfinite(dist)))
    assert bad == 0, (
        f"kneighbors(X_train) returned {bad} NaN or infinite distances: rounding makes some "
        "squared distances slightly negative; clip them at 0 before the square root"
    )
    assert_equal_labels(np.asarray(ind)[:, 0], np.arange(100),
                        what="the nearest neighbour of each training sample", baseline="the sample itself")
    # The expansion leaves ~1e-16 * ||x||^2 <= 1e-14 of rounding, whose square root is <= 1e-7;
    # 1e-6 is ample, and every other sample is more than 0.01 away.
    assert_close(dist[:, 0], np.zeros(100), rtol=0, atol=1e-6,
                 what="the distance of each training sample to itself", baseline="0")


@pytest.mark.points(1)
def test_too_many_neighbours(impl):
    X = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    y = np.array(["a", "b", "a"])
    # Allowed: k equal to the number of training samples.
    assert_close(impl.KNeighborsRegressor(n_neighbors=3).fit(X, [0.0, 3.0, 6.0]).predict([[5.0, 5.0]]),
                 [3.0], rtol=1e-12, atol=0, what="predict with n_neighbors = n_samples",
                 baseline="the mean of all targets")
    # Refused, whether in fit or in predict: the message names n_neighbors and both counts.
    with pytest.raises(ValueError, match=r"(?i)(?=.*n_neighbors)(?=.*\b5\b)(?=.*\b3\b)"):
        impl.KNeighborsClassifier(n_neighbors=5).fit(X, y).predict(X)
    model = impl.KNeighborsClassifier(n_neighbors=1).fit(X, y)
    with pytest.raises(ValueError, match=r"(?i)(?=.*n_neighbors)(?=.*\b4\b)(?=.*\b3\b)"):
        model.kneighbors(X, n_neighbors=4)
    # Without X a sample is not its own neighbour: only 2 candidates are left.
    with pytest.raises(ValueError, match=r"(?i)n_neighbors"):
        model.kneighbors(None, n_neighbors=3)


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "params", [{"n_neighbors": 0}, {"weights": "gaussian"}, {"metric": "cosine"}],
    ids=["n_neighbors=0", "weights=gaussian", "metric=cosine"],
)
@pytest.mark.public
def test_bad_parameters_raise(impl, classes, params):
    X, y, Q = classes
    name = next(iter(params))
    for estimator in ("KNeighborsClassifier", "KNeighborsRegressor"):
        target = y if estimator == "KNeighborsClassifier" else np.arange(len(y), dtype=float)
        # Refused in fit (scikit-learn's choice) or, at the latest, in predict.
        with pytest.raises(ValueError, match=name):
            getattr(impl, estimator)(**params).fit(X, target).predict(Q)


@pytest.mark.points(1)
def test_bad_input_raises(impl, classes):
    X, y, Q = classes
    for bad in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad[3, 2] = bad
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            impl.KNeighborsClassifier().fit(X_bad, y)
        model = impl.KNeighborsClassifier().fit(X, y)
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            model.predict(X_bad)
    y_bad = np.arange(len(y), dtype=float)
    y_bad[7] = np.nan
    with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
        impl.KNeighborsRegressor().fit(X, y_bad)
    with pytest.raises(ValueError, match=r"(?i)2-?d|dimension|shape"):
        impl.KNeighborsClassifier().fit(X[:, 0], y)
    with pytest.raises(ValueError, match=r"(?i)empty|shape"):
        impl.KNeighborsClassifier().fit(np.empty((0, 4)), np.empty(0))
    # The message names both lengths: 149 labels for 150 samples.
    with pytest.raises(ValueError, match=r"(?=.*\b149\b)(?=.*\b150\b)"):
        impl.KNeighborsClassifier().fit(X, y[:-1])


@pytest.mark.points(1)
def test_wrong_n_features_after_fit(impl, classes):
    X, y, _ = classes
    model = impl.KNeighborsClassifier().fit(X, y)
    # The message names both counts: 3 received, 4 seen in fit.
    with pytest.raises(ValueError, match=r"(?i)(?=.*feature)(?=.*\b3\b)(?=.*\b4\b)"):
        model.predict(np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"(?i)(?=.*feature)(?=.*\b3\b)(?=.*\b4\b)"):
        model.kneighbors(np.zeros((2, 3)))


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("weights neighbours by 1 / squared distance", "w = 1.0 / dist", "w = 1.0 / dist**2",
     "predict_proba(Q) (euclidean, weights='distance', k=8) differs from scikit-learn's"),
    ("lets a training sample be its own neighbour when X is None",
     "D[np.arange(D.shape[0]), np.arange(start, start + D.shape[0])] = np.inf", "pass",
     "a sample is not its own neighbour"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py):
# n training points and n/4 queries in 32 dimensions, 5 neighbours, uniform vote.
def _bench_data(n):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(n + n // 4, 32))
    y = (X[:, 0] > 0).astype(int)
    return X[:n], y[:n], X[n:]


def _bench_impl(module, data):
    X, y, queries = data
    module.KNeighborsClassifier(n_neighbors=5).fit(X, y).predict(queries)


def _bench_baseline(data):
    X, y, queries = data
    SkClassifier(n_neighbors=5, algorithm="brute").fit(X, y).predict(queries)


BENCHMARK = {
    "what": "fit + predict, n training and n/4 query points in 32 dimensions, k=5",
    "size": 20_000, "check_size": 2_000,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Vectorise the distance computation: one matrix of all query-to-training distances per "
            "block, by broadcasting or ||a||^2 - 2 a.b + ||b||^2, not a loop over pairs of points "
            "(README: 'Vectorised distances').",
}
