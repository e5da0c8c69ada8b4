"""Hidden tests for the k-means lesson, graded against scikit-learn's KMeans(algorithm="lloyd").

Plausible mistakes, and the tests that catch them:

- distances not squared in the inertia -> test_inertia_is_sum_of_squared_distances,
  test_explicit_init_matches_sklearn
- argmax instead of argmin when assigning -> test_explicit_init_matches_sklearn,
  test_predict_is_nearest_centre
- centres updated with the labels of the previous iteration, or labels_ not recomputed for the
  final centres -> test_explicit_init_matches_sklearn, test_max_iter_one_matches_sklearn,
  test_labels_are_nearest_centres
- off-by-one in n_iter_ -> test_n_iter_matches_sklearn, test_max_iter_one_matches_sklearn;
  "previous labels" that the first pass can match (zeros) -> test_n_iter_when_the_first_labels_are_all_equal
- absolute instead of relative tol, the centre shift not squared, or its max taken instead of
  its sum -> test_explicit_init_matches_sklearn and test_n_iter_matches_sklearn (rescaled data,
  five clusters)
- k-means++ drawing seeds uniformly, or proportionally to D instead of D^2 ->
  test_kmeans_plusplus_seeds_small_far_clusters; always taking the farthest sample ->
  test_kmeans_plusplus_draws_rather_than_takes_the_farthest; an absolute threshold on the D^2
  total, or 0 / 0 once every distinct sample is a seed ->
  test_kmeans_plusplus_is_scale_free_and_handles_duplicates
- ignoring n_init, or keeping the last / the worst run -> test_n_init_keeps_the_best_run
- random_state ignored (unseeded generator, or a fixed seed) -> test_same_seed_same_result,
  test_different_seeds_give_different_seeds
- transform returning squared distances -> test_transform_is_euclidean_distance
- a centre that loses all its samples becomes NaN -> test_empty_cluster_is_handled
- missing input checks -> the edge-case tests at the end
"""

import numpy as np
import pytest
from sklearn.cluster import KMeans as SkKMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score

from grader.testing import assert_close, assert_equal_labels

# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def blobs():
    """Four overlapping blobs: Lloyd needs many iterations (22) to converge from a poor start."""
    X, _ = make_blobs(n_samples=300, centers=4, cluster_std=2.5, random_state=5)
    return X


@pytest.fixture(scope="module")
def separated():
    """Four well-separated blobs: every good run finds the same optimum."""
    X, _ = make_blobs(n_samples=200, centers=4, cluster_std=0.8, random_state=2)
    return X


TRAP_CENTRES = np.array([[0.0, 0.0], [8.0, -3.0], [8.0, 3.0]])
FAR_CENTRES = np.array([[0.0, 0.0], [100.0, 0.0], [0.0, 100.0], [-100.0, 0.0], [0.0, -100.0]])


def trap_data():
    """A wide blob of 150 and two tight blobs of 25 that are close to each other.

    The optimum gives each blob a centre. Splitting the wide blob and merging the two tight
    ones is a stable local optimum that a single run from random seeds falls into about
    three times out of four.
    """
    rng = np.random.default_rng(0)
    wide = rng.normal(0.0, 1.5, (150, 2))
    tight = [rng.normal(0.0, 0.3, (25, 2)) + centre for centre in TRAP_CENTRES[1:]]
    return np.vstack([wide] + tight)


def far_data():
    """300 samples around the origin and four clusters of 3 samples each 100 away.

    Uniform seeding nearly never puts a seed in each far cluster; D^2 sampling nearly always
    does, because each far cluster carries most of the squared distance.
    """
    rng = np.random.default_rng(0)
    far = [rng.normal(0.0, 0.5, (3, 2)) + centre for centre in FAR_CENTRES[1:]]
    return np.vstack([rng.normal(0.0, 1.0, (300, 2))] + far)


def sklearn_lloyd(X, **params):
    return SkKMeans(algorithm="lloyd", **params).fit(X)


def nearest(X, centres):
    """The closed form the tests trust: index of the nearest centre, by explicit differences."""
    return np.argmin(((X[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2), axis=1)


def start(X, k, seed):
    """k distinct samples, nudged so that no sample sits exactly on a centre (no ties)."""
    rng = np.random.default_rng(seed)
    return X[rng.choice(len(X), size=k, replace=False)] + 1e-3 * X.std()


# The explicit-init cases: data, n_clusters, tol and a seed for the starting centres.
# Rescaled data catch an absolute tol: tol=1e-2 stops after 4 iterations on any scale
# only if tol is multiplied by the mean feature variance.
CASES = {
    "default-tol": dict(scale=1.0, n_features=2, k=4, tol=1e-4, seed=5),
    "tol=0": dict(scale=1.0, n_features=2, k=4, tol=0.0, seed=0),
    "tiny-scale-tol=1e-2": dict(scale=1e-3, n_features=2, k=4, tol=1e-2, seed=5),
    "huge-scale-tol=1e-2": dict(scale=1e3, n_features=2, k=4, tol=1e-2, seed=5),
    "3-features-k=5": dict(scale=1.0, n_features=3, k=5, tol=1e-3, seed=8),
}


def case_data(case):
    c = CASES[case]
    X, _ = make_blobs(n_samples=300, n_features=c["n_features"], centers=c["k"],
                      cluster_std=2.5, random_state=c["seed"])
    X = X * c["scale"]
    return X, start(X, c["k"], c["seed"]), c["tol"]


# ------------------------------------------------------------------- 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_parameters(impl):
    init = np.array([[0.0, 1.0], [2.0, 3.0]])
    model = impl.KMeans(n_clusters=2, init=init, n_init=3, max_iter=17, tol=0.5,
                        random_state=11)
    stored = (model.n_clusters, model.n_init, model.max_iter, model.tol, model.random_state)
    assert stored == (2, 3, 17, 0.5, 11), (
        f"__init__ should store its arguments unchanged; got (n_clusters, n_init, max_iter, "
        f"tol, random_state) = {stored}, expected (2, 3, 17, 0.5, 11)"
    )
    np.testing.assert_array_equal(model.init, init, err_msg="__init__ should store init as given")
    assert impl.KMeans().init == "k-means++", "the default init should be 'k-means++'"


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_fitted_shapes(impl, separated):
    model = impl.KMeans(n_clusters=4, random_state=0)
    assert model.fit(separated) is model, "fit should return self"
    centres = np.asarray(model.cluster_centers_)
    labels = np.asarray(model.labels_)
    assert centres.shape == (4, 2), f"cluster_centers_ has shape {centres.shape}, expected (4, 2)"
    assert labels.shape == (200,), f"labels_ has shape {labels.shape}, expected (200,)"
    assert np.issubdtype(labels.dtype, np.integer), f"labels_ should be integers, got {labels.dtype}"
    assert set(labels.tolist()) == {0, 1, 2, 3}, f"labels_ take the values {set(labels.tolist())}"
    n_iter = model.n_iter_
    assert int(n_iter) == n_iter and n_iter >= 1, f"n_iter_ should be an int >= 1, got {n_iter!r}"
    assert np.ndim(model.inertia_) == 0, "inertia_ should be a single number"


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_error(impl, separated):
    model = impl.KMeans(n_clusters=2)
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        model.predict(separated)
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        model.transform(separated)


@pytest.mark.points(1)
def test_fit_predict_equals_labels(impl, separated):
    model = impl.KMeans(n_clusters=4, n_init=2, random_state=3)
    labels = model.fit_predict(separated)
    assert_equal_labels(labels, model.labels_, what="fit_predict(X)", baseline="labels_")


@pytest.mark.points(1)
@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_same_seed_same_result(impl, init):
    # max_iter=1 leaves the centres close to the seeds, so any change of seeds shows.
    X = trap_data()
    a = impl.KMeans(n_clusters=3, init=init, n_init=1, max_iter=1, random_state=42).fit(X)
    b = impl.KMeans(n_clusters=3, init=init, n_init=1, max_iter=1, random_state=42).fit(X)
    assert_close(b.cluster_centers_, a.cluster_centers_, rtol=0, atol=0,
                 what="cluster_centers_ of a second fit with random_state=42",
                 baseline="the first fit's")


@pytest.mark.points(1)
@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_different_seeds_give_different_seeds(impl, init):
    X = trap_data()
    centres = [
        np.asarray(impl.KMeans(n_clusters=3, init=init, n_init=1, max_iter=1,
                               random_state=seed).fit(X).cluster_centers_)
        for seed in range(5)
    ]
    distinct = len({np.round(c, 8).tobytes() for c in centres})
    assert distinct >= 3, (
        f"random_state=0..4 gave only {distinct} different sets of centres after one "
        "iteration; the seeds should come from np.random.default_rng(random_state)"
    )


# ---------------------------------------------------- 2. agreement with scikit-learn


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
@pytest.mark.public
def test_explicit_init_matches_sklearn(impl, case):
    X, init, tol = case_data(case)
    k = len(init)
    ours = impl.KMeans(n_clusters=k, init=init, n_init=1, tol=tol).fit(X)
    sk = sklearn_lloyd(X, n_clusters=k, init=init, n_init=1, tol=tol)
    # Same start, same deterministic steps, no ties: the labels are identical...
    assert_equal_labels(ours.labels_, sk.labels_, what="labels_")
    # ...and the centres are the same means, up to summation order (~1e-15 relative);
    # atol is scaled with the data so that the tiny- and huge-scale cases are judged alike.
    assert_close(ours.cluster_centers_, sk.cluster_centers_, rtol=1e-9,
                 atol=1e-9 * np.abs(X).max(), what="cluster_centers_")
    # A sum of 300 squared distances: rounding stays far below 1e-9 relative.
    assert_close(ours.inertia_, sk.inertia_, rtol=1e-9, atol=0, what="inertia_")


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_n_iter_matches_sklearn(impl, case):
    X, init, tol = case_data(case)
    k = len(init)
    ours = impl.KMeans(n_clusters=k, init=init, n_init=1, tol=tol).fit(X)
    sk = sklearn_lloyd(X, n_clusters=k, init=init, n_init=1, tol=tol)
    assert ours.n_iter_ == sk.n_iter_, (
        f"n_iter_ is {ours.n_iter_}, scikit-learn's is {sk.n_iter_} (tol={tol}). Count every "
        "assignment+update pass, and stop when the labels repeat or when the summed squared "
        "centre shift is <= tol * mean(np.var(X, axis=0))"
    )


@pytest.mark.points(2)
def test_max_iter_one_matches_sklearn(impl, blobs):
    # One update from the given centres, then labels_ re-assigned to the moved centres.
    init = start(blobs, 4, seed=5)
    ours = impl.KMeans(n_clusters=4, init=init, n_init=1, max_iter=1).fit(blobs)
    sk = sklearn_lloyd(blobs, n_clusters=4, init=init, n_init=1, max_iter=1)
    assert ours.n_iter_ == 1, f"with max_iter=1, n_iter_ should be 1, got {ours.n_iter_}"
    # Same tolerances as test_explicit_init_matches_sklearn, for the same reasons.
    assert_close(ours.cluster_centers_, sk.cluster_centers_, rtol=1e-9, atol=1e-9,
                 what="cluster_centers_ after one iteration")
    assert_equal_labels(ours.labels_, sk.labels_, what="labels_ after one iteration")
    assert_close(ours.inertia_, sk.inertia_, rtol=1e-9, atol=0, what="inertia_ after one iteration")


@pytest.mark.points(1)
@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_seeded_runs_reach_sklearn_optimum(impl, separated, init):
    sk = sklearn_lloyd(separated, n_clusters=4, init=init, n_init=10, random_state=0)
    for seed in (0, 1, 2):
        ours = impl.KMeans(n_clusters=4, init=init, n_init=5, random_state=seed).fit(separated)
        # Well-separated blobs have one optimum: both sides find it, and its centres are
        # the same means, so the inertias agree to rounding; 1e-6 only absorbs that.
        assert_close(ours.inertia_, sk.inertia_, rtol=1e-6, atol=0,
                     what=f"inertia_ (init={init!r}, random_state={seed})")
        ari = adjusted_rand_score(sk.labels_, np.asarray(ours.labels_))
        assert ari > 0.999, (
            f"the clustering (init={init!r}, random_state={seed}) differs from scikit-learn's: "
            f"adjusted Rand index {ari:.4f}, expected 1"
        )


@pytest.mark.points(1)
def test_kmeans_plusplus_seeds_small_far_clusters(impl):
    # max_iter=1 judges the seeds themselves: one update cannot pull a centre 100 away, so
    # the optimum is reached only when every far cluster got a seed.
    X = far_data()
    best = sklearn_lloyd(X, n_clusters=5, init=FAR_CENTRES, n_init=1).inertia_
    found = sum(
        np.isclose(impl.KMeans(n_clusters=5, n_init=1, max_iter=1, random_state=seed)
                   .fit(X).inertia_, best, rtol=1e-6)
        for seed in range(20)
    )
    # D^2 sampling seeds every far cluster in ~94% of runs, D sampling in ~8%, uniform never;
    # 12 of 20 leaves a correct implementation a failure chance of ~1e-6.
    assert found >= 12, (
        f"single k-means++ runs with max_iter=1 (random_state=0..19) reached the optimal "
        f"inertia {best:.1f} only {found} times out of 20; each new seed should be drawn with "
        "probability proportional to its SQUARED distance to the nearest seed so far"
    )


@pytest.mark.points(1)
def test_kmeans_plusplus_draws_rather_than_takes_the_farthest(impl):
    # 200 samples at the origin, 30 at (20, 0), one outlier at (0, 40), two clusters.
    # D^2 sampling puts the second seed in the group of 30 ~85% of the time (weight 30*400
    # against 1600 for the outlier); always taking the farthest sample isolates the outlier.
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(0.0, 1.0, (200, 2)), rng.normal(0.0, 0.5, (30, 2)) + [20.0, 0.0],
                   [[0.0, 40.0]]])
    separated = 0
    for seed in range(20):
        labels = np.asarray(impl.KMeans(n_clusters=2, n_init=1, random_state=seed).fit(X).labels_)
        separated += len(set(labels[200:230].tolist())) == 1 and labels[200] not in labels[:200]
    assert separated >= 10, (
        f"the group of 30 at (20, 0) got its own cluster in only {separated} of 20 single "
        "k-means++ runs: draw each new seed at random with probability proportional to D(x)^2, "
        "do not always take the farthest sample"
    )


@pytest.mark.points(2)
def test_n_init_keeps_the_best_run(impl):
    X = trap_data()
    # scikit-learn started from the three blob centres lands on the optimum.
    best = sklearn_lloyd(X, n_clusters=3, init=TRAP_CENTRES, n_init=1).inertia_
    for seed in range(4):
        ours = impl.KMeans(n_clusters=3, init="random", n_init=50, random_state=seed).fit(X)
        # A single run misses the optimum ~3 times in 4, so 50 runs all miss it with
        # probability ~1e-7; the optimum's inertia is known to rounding, hence rtol=1e-9.
        assert_close(ours.inertia_, best, rtol=1e-9, atol=0,
                     what=f"inertia_ with n_init=50, random_state={seed}",
                     baseline="scikit-learn's optimum")


@pytest.mark.points(1)
def test_inertia_is_sum_of_squared_distances(impl, blobs):
    model = impl.KMeans(n_clusters=4, n_init=2, random_state=0).fit(blobs)
    centres = np.asarray(model.cluster_centers_)
    labels = np.asarray(model.labels_)
    expected = float(((blobs - centres[labels]) ** 2).sum())
    # Both are the same sum of 300 squares: only rounding separates them.
    assert_close(model.inertia_, expected, rtol=1e-9, atol=0, what="inertia_",
                 baseline="sum((X - cluster_centers_[labels_])**2)")


@pytest.mark.points(1)
def test_labels_are_nearest_centres(impl, blobs):
    # A large tol stops Lloyd while labels still change: labels_ must follow the final centres.
    init = start(blobs, 4, seed=5)
    model = impl.KMeans(n_clusters=4, init=init, n_init=1, tol=0.05).fit(blobs)
    assert_equal_labels(model.labels_, nearest(blobs, np.asarray(model.cluster_centers_)),
                        what="labels_", baseline="the nearest centre of cluster_centers_")


@pytest.mark.points(1)
def test_predict_is_nearest_centre(impl, blobs):
    model = impl.KMeans(n_clusters=4, n_init=2, random_state=0).fit(blobs)
    new = np.random.default_rng(1).uniform(blobs.min(0), blobs.max(0), size=(200, 2))
    assert_equal_labels(model.predict(new), nearest(new, np.asarray(model.cluster_centers_)),
                        what="predict(new points)", baseline="the nearest centre")


@pytest.mark.points(1)
def test_transform_is_euclidean_distance(impl, blobs):
    model = impl.KMeans(n_clusters=4, n_init=2, random_state=0).fit(blobs)
    centres = np.asarray(model.cluster_centers_)
    expected = np.sqrt(((blobs[:, None, :] - centres[None]) ** 2).sum(axis=2))
    # The expanded square loses ~1e-15 * ||x||^2 to cancellation: 1e-6 absolute is ample.
    assert_close(model.transform(blobs), expected, rtol=1e-7, atol=1e-6,
                 what="transform(X)", baseline="the Euclidean distances to cluster_centers_")


# ---------------------------------------------------------- 3. edge cases and errors


@pytest.mark.points(2)
def test_empty_cluster_is_handled(impl):
    # The third centre is so far away that no sample picks it in the first iteration.
    X, _ = make_blobs(n_samples=150, centers=3, cluster_std=1.0, random_state=0)
    init = np.array([X[0], X[60], [1000.0, 1000.0]])
    model = impl.KMeans(n_clusters=3, init=init, n_init=1).fit(X)
    centres = np.asarray(model.cluster_centers_)
    assert np.all(np.isfinite(centres)), (
        f"cluster_centers_ = {centres.tolist()}: a cluster with no samples must not divide by 0"
    )
    used = len(set(np.asarray(model.labels_).tolist()))
    assert used == 3, (
        f"only {used} of 3 clusters hold samples: move an empty cluster's centre onto a sample "
        "(e.g. the one farthest from its centre) instead of leaving it where nobody goes"
    )


@pytest.mark.points(1)
def test_n_iter_when_the_first_labels_are_all_equal(impl, blobs):
    # The first pass has no previous labels to compare with, so it never stops on the labels
    # test, even when every sample picks the same centre: k = 1, or a start far away.
    for k, init in ((1, blobs[:1]), (2, np.array([[1000.0, 1000.0], blobs.mean(axis=0)]))):
        ours = impl.KMeans(n_clusters=k, init=init, n_init=1).fit(blobs)
        sk = sklearn_lloyd(blobs, n_clusters=k, init=init, n_init=1)
        assert ours.n_iter_ == sk.n_iter_, (
            f"n_iter_ is {ours.n_iter_} for k={k} from {init.tolist()}, scikit-learn's is "
            f"{sk.n_iter_}: the first pass must not count as 'labels unchanged'"
        )


@pytest.mark.points(1)
def test_kmeans_plusplus_is_scale_free_and_handles_duplicates(impl):
    # D^2 sampling draws with probabilities d2 / sum(d2), which rescaling X leaves unchanged:
    # the same seed picks the same samples (the probabilities differ by rounding only, ~1e-16).
    X = far_data()
    for scale in (1e-3, 1e3):
        a = impl.KMeans(n_clusters=5, n_init=1, max_iter=1, random_state=3).fit(X)
        b = impl.KMeans(n_clusters=5, n_init=1, max_iter=1, random_state=3).fit(X * scale)
        # the same means, rescaled: only rounding (~1e-16 relative) separates them
        assert_close(b.cluster_centers_, scale * np.asarray(a.cluster_centers_), rtol=1e-9,
                     atol=0, what=f"cluster_centers_ of X * {scale:g} (k-means++, max_iter=1)",
                     baseline=f"{scale:g} * the cluster_centers_ of X")
    # Three distinct samples and four clusters: once every distinct sample is a seed, all
    # D^2 are 0 and the next seed must be drawn some other way (uniformly), not from 0 / 0.
    X = np.repeat(np.array([[0.0, 0.0], [5.0, 0.0], [0.0, 5.0]]), 4, axis=0)
    model = impl.KMeans(n_clusters=4, n_init=2, random_state=0).fit(X)
    assert np.all(np.isfinite(np.asarray(model.cluster_centers_))), (
        "k-means++ on 3 distinct samples with 4 clusters gave non-finite centres "
        f"{np.asarray(model.cluster_centers_).tolist()}"
    )
    # every sample sits on a centre: the optimum has inertia 0
    assert_close(model.inertia_, 0.0, rtol=0, atol=1e-12, what="inertia_ of 3 distinct samples, k=4")


@pytest.mark.points(1)
def test_one_cluster_is_the_mean(impl, blobs):
    """Closed form: with k = 1 the centre is the mean and the inertia the total sum of squares."""
    X = blobs
    model = impl.KMeans(n_clusters=1, n_init=1, random_state=0).fit(X)
    # One Lloyd step lands exactly on the mean; only rounding separates the two (~1e-15).
    assert_close(model.cluster_centers_, X.mean(axis=0, keepdims=True), rtol=1e-10, atol=1e-12,
                 what="cluster_centers_", baseline="the mean of X")
    assert_close(model.inertia_, ((X - X.mean(axis=0)) ** 2).sum(), rtol=1e-10, atol=1e-9,
                 what="inertia_", baseline="the total sum of squares")


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "params", [{"n_clusters": 0}, {"n_init": 0}, {"max_iter": 0}],
    ids=["n_clusters=0", "n_init=0", "max_iter=0"],
)
@pytest.mark.public
def test_bad_parameters_raise(impl, separated, params):
    arguments = {"n_clusters": 2, "n_init": 1, "random_state": 0, **params}
    with pytest.raises(ValueError, match=next(iter(params))):
        impl.KMeans(**arguments).fit(separated)


@pytest.mark.points(1)
def test_more_clusters_than_samples(impl):
    X = np.random.default_rng(0).normal(size=(3, 2))
    model = impl.KMeans(n_clusters=5)
    with pytest.raises(ValueError, match=r"(?i)cluster|sample"):
        model.fit(X)


@pytest.mark.points(1)
def test_non_finite_input(impl):
    X = np.random.default_rng(0).normal(size=(20, 2))
    for bad in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad[4, 1] = bad
        model = impl.KMeans(n_clusters=2)
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            model.fit(X_bad)


@pytest.mark.points(1)
def test_bad_shape_input(impl):
    for X in (np.zeros(5), np.zeros((0, 2))):
        model = impl.KMeans(n_clusters=1)
        with pytest.raises(ValueError):
            model.fit(X)


@pytest.mark.points(1)
def test_wrong_n_features_after_fit(impl, separated):
    model = impl.KMeans(n_clusters=4, n_init=1, random_state=0).fit(separated)
    # The message names both counts: 3 received, 2 seen in fit (and 5 for transform).
    with pytest.raises(ValueError, match=r"(?i)(?=.*feature)(?=.*\b3\b)(?=.*\b2\b)"):
        model.predict(np.zeros((4, 3)))
    with pytest.raises(ValueError, match=r"(?i)(?=.*feature)(?=.*\b5\b)(?=.*\b2\b)"):
        model.transform(np.zeros((3, 5)))


@pytest.mark.points(1)
def test_bad_init(impl, separated):
    with pytest.raises(ValueError):
        impl.KMeans(n_clusters=4, init=np.zeros((3, 2)), n_init=1).fit(separated)
    with pytest.raises(ValueError):
        impl.KMeans(n_clusters=4, init="kmeans++").fit(separated)


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("keeps the last run instead of the best", "if best is None or run[2] < best[2]:", "if True:",
     "inertia_"),
    ("transform returns squared distances", "return np.sqrt(_squared_distances(X, self.cluster_centers_))",
     "return _squared_distances(X, self.cluster_centers_)", "transform"),
    # right labels, but a Python loop over the samples in every assignment step: the catalogue
    # gives this lesson speed points, and test_speed (added by the grader) withholds them
    ("assigns the samples in a loop", "    S = X @ (-2.0 * C.T)  #",
     "    return np.array([np.argmin(((C - x) ** 2).sum(axis=1)) for x in X])\n    S = X @ (-2.0 * C.T)  #",
     "slower"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, Lloyd's iterations from the same given centres (20 rounds, tol=0, one start). Uniform
# noise, because scikit-learn stops as soon as no label changes, which clustered data reaches early.
def _bench_data(n):
    X = np.random.default_rng(0).uniform(size=(n, 16))
    return X, X[:8].copy()


def _bench_impl(module, data):
    X, centres = data
    module.KMeans(n_clusters=8, init=centres, n_init=1, max_iter=20, tol=0.0).fit(X).predict(X)


def _bench_baseline(data):
    X, centres = data
    SkKMeans(n_clusters=8, init=centres, n_init=1, max_iter=20, tol=0.0, algorithm="lloyd").fit(X).predict(X)


BENCHMARK = {
    "what": "fit (20 Lloyd rounds from given centres) + predict, n x 16 uniform, 8 clusters",
    "size": 100_000, "check_size": 4_000,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Compute all point-to-centre distances at once with broadcasting or the "
            "||x||^2 - 2 x.c + ||c||^2 expansion, not in a loop over points "
            "(README: 'Vectorised distances').",
}
