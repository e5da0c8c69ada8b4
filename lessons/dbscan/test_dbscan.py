"""Hidden tests for the DBSCAN lesson, graded against scikit-learn's DBSCAN.

Plausible mistakes, and the tests that catch them:

- min_samples not counting the sample itself (or ``>`` instead of ``>=``) ->
  test_min_samples_counts_the_sample_itself, test_core_samples_match_sklearn
- ``<`` instead of ``<=`` for eps, or squared distances compared with eps instead of eps^2 ->
  test_eps_is_inclusive, test_core_samples_match_sklearn
- manhattan computed as euclidean (or the metric ignored) -> test_metric_is_used,
  test_core_samples_match_sklearn[blobs-manhattan]
- border samples left as noise -> test_border_samples_join_the_cluster,
  test_labels_match_sklearn
- border samples expanded as if they were core (chaining through border samples, which merges
  clusters or pulls in noise) -> test_border_samples_do_not_extend_a_cluster
- a border sample shared by two clusters given to the last cluster that reaches it, or to
  its nearest core sample -> test_shared_border_sample_joins_the_first_cluster; given to
  neither or merging the two clusters -> test_shared_border_sample_joins_one_of_its_clusters
- noise labelled something other than -1, or clusters not numbered 0, 1, ... in order of
  their first core sample -> test_labels_match_sklearn, test_labels_are_numbered_like_sklearn
- core_sample_indices_ unsorted, a boolean mask, or wrong -> test_core_samples_match_sklearn,
  test_fit_returns_self_and_fitted_shapes; components_ not the core samples ->
  test_components_are_the_core_samples
- every sample core with min_samples=1, no core sample at all -> test_min_samples_one_*,
  test_no_core_sample_*
- a Python loop over pairs of samples -> test_a_few_thousand_samples (the worker's 10 s limit)
- missing input checks (eps <= 0, min_samples < 1, unknown metric, NaN, bad shapes) -> the
  edge-case tests at the end
"""

import numpy as np
import pytest
from sklearn.cluster import DBSCAN as SkDBSCAN
from sklearn.datasets import make_blobs, make_circles, make_moons
from sklearn.metrics import pairwise_distances

from grader.testing import as_array, assert_close, assert_equal_labels

# ---------------------------------------------------------------------------- helpers


def canonical(labels):
    """Clusters renumbered 0, 1, ... in order of first appearance; noise stays -1.

    Two labellings describe the same partition exactly when their canonical forms are equal.
    """
    labels = np.asarray(labels).ravel()
    out = np.full(labels.shape, -1)
    names = {}
    for i, label in enumerate(labels.tolist()):
        if label != -1:
            out[i] = names.setdefault(label, len(names))
    return out


def shared_border_samples(X, sk, eps, metric):
    """Indices of non-core samples within eps of core samples of two or more clusters."""
    core = np.zeros(len(X), dtype=bool)
    core[sk.core_sample_indices_] = True
    A = pairwise_distances(X, metric=metric) <= eps
    return [i for i in np.flatnonzero(~core) if len(set(sk.labels_[A[i] & core].tolist())) > 1]


def fitted(impl, X, **params):
    """The learner's fitted model and scikit-learn's, with the same parameters."""
    return impl.DBSCAN(**params).fit(X), SkDBSCAN(**params).fit(X)


def labels_of(model, what="labels_"):
    return np.asarray(as_array(model.labels_, what))


def on_a_line(xs):
    """Samples at x = xs on the horizontal axis, shape (len(xs), 2)."""
    return np.column_stack([np.asarray(xs, dtype=float), np.zeros(len(xs))])


# The agreement cases: data and parameters. None of them has a border sample shared by two
# clusters (checked in case_data), so the partition does not depend on the order clusters
# are grown in; shared border samples have tests of their own.
CASES = {
    "moons": dict(eps=0.15, min_samples=5),                        # 2 clusters, 10 border, 4 noise
    "blobs-varied-density": dict(eps=0.3, min_samples=6),          # 5 clusters, 113 noise
    "blobs-manhattan": dict(eps=0.6, min_samples=6, metric="manhattan"),  # 4 clusters
    "3-features": dict(eps=0.9, min_samples=7),                    # 4 clusters, 59 border
    "circles-many-clusters": dict(eps=0.1, min_samples=4),         # 16 clusters
}


def case_data(case):
    if case == "moons":
        X, _ = make_moons(n_samples=300, noise=0.08, random_state=0)
    elif case == "3-features":
        X, _ = make_blobs(n_samples=250, n_features=3, centers=4, cluster_std=0.8, random_state=1)
    elif case == "circles-many-clusters":
        X, _ = make_circles(n_samples=300, noise=0.05, factor=0.5, random_state=2)
    else:
        X, _ = make_blobs(n_samples=300, centers=[[0, 0], [4, 0], [2, 4]],
                          cluster_std=[0.4, 1.0, 0.7], random_state=1)
    params = CASES[case]
    sk = SkDBSCAN(**params).fit(X)
    shared = shared_border_samples(X, sk, params["eps"], params.get("metric", "euclidean"))
    assert not shared, f"course bug: case {case} has shared border samples {shared}"
    return X, params, sk


# ------------------------------------------------------------------- 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_parameters(impl):
    model = impl.DBSCAN(eps=0.25, min_samples=7, metric="manhattan")
    stored = (model.eps, model.min_samples, model.metric)
    assert stored == (0.25, 7, "manhattan"), (
        f"__init__ should store its arguments unchanged; got (eps, min_samples, metric) = "
        f"{stored}, expected (0.25, 7, 'manhattan')"
    )
    default = impl.DBSCAN()
    stored = (default.eps, default.min_samples, default.metric)
    assert stored == (0.5, 5, "euclidean"), (
        f"the defaults should be eps=0.5, min_samples=5, metric='euclidean'; got {stored}"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_fitted_shapes(impl):
    X, params, sk = case_data("moons")
    model = impl.DBSCAN(**params)
    assert model.fit(X) is model, "fit should return self"
    labels = labels_of(model)
    core = np.asarray(as_array(model.core_sample_indices_, "core_sample_indices_"))
    components = np.asarray(as_array(model.components_, "components_"))
    assert labels.shape == (300,), f"labels_ has shape {labels.shape}, expected (300,)"
    assert np.issubdtype(labels.dtype, np.integer), f"labels_ should be integers, got {labels.dtype}"
    n_core = len(sk.core_sample_indices_)
    assert core.shape == (n_core,), (
        f"core_sample_indices_ has shape {core.shape}, expected ({n_core},): the indices of the "
        "core samples, not a boolean mask"
    )
    assert np.issubdtype(core.dtype, np.integer), (
        f"core_sample_indices_ should be integer indices, got {core.dtype}"
    )
    assert components.shape == (n_core, 2), (
        f"components_ has shape {components.shape}, expected ({n_core}, 2)"
    )


@pytest.mark.points(1)
def test_fit_predict_equals_labels(impl):
    X, params, _ = case_data("blobs-varied-density")
    model = impl.DBSCAN(**params)
    labels = model.fit_predict(X)
    assert_equal_labels(labels, model.labels_, what="fit_predict(X)", baseline="labels_")


# ---------------------------------------------------- 2. agreement with scikit-learn


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_core_samples_match_sklearn(impl, case):
    X, params, sk = case_data(case)
    ours = impl.DBSCAN(**params).fit(X)
    core = np.asarray(as_array(ours.core_sample_indices_, "core_sample_indices_"))
    expected = sk.core_sample_indices_
    if core.shape != expected.shape:
        raise AssertionError(
            f"you found {core.size} core samples, scikit-learn finds {expected.size} ({params}). "
            "A sample is core when at least min_samples samples, itself included, lie at "
            "distance <= eps"
        )
    # Indices are exact: no tolerance.
    assert_equal_labels(core, expected, what="core_sample_indices_ (in increasing order)")


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
@pytest.mark.public
def test_labels_match_sklearn(impl, case):
    X, params, sk = case_data(case)
    labels = labels_of(impl.DBSCAN(**params).fit(X))
    noise, expected_noise = np.flatnonzero(labels == -1), np.flatnonzero(sk.labels_ == -1)
    if labels.shape == sk.labels_.shape and not np.array_equal(noise, expected_noise):
        raise AssertionError(
            f"{noise.size} samples are labelled noise (-1), scikit-learn has {expected_noise.size} "
            f"({params}); only samples that are not core and lie farther than eps from every "
            f"core sample are noise, and noise is labelled -1. First difference at sample "
            f"{np.setxor1d(noise, expected_noise)[0]}"
        )
    # The same partition, whatever the cluster numbers: compare canonical forms.
    assert_equal_labels(canonical(labels), canonical(sk.labels_),
                        what="labels_ (clusters renumbered by first appearance)")


@pytest.mark.points(1)
def test_components_are_the_core_samples(impl):
    X, params, sk = case_data("3-features")
    # Copies of rows of X: exact.
    assert_close(impl.DBSCAN(**params).fit(X).components_, sk.components_, rtol=0, atol=0,
                 what="components_")


@pytest.mark.points(1)
@pytest.mark.parametrize("case", ["moons", "circles-many-clusters"])
def test_labels_are_numbered_like_sklearn(impl, case):
    X, params, sk = case_data(case)
    labels = labels_of(impl.DBSCAN(**params).fit(X))
    k = int(sk.labels_.max()) + 1
    found = sorted(set(labels.tolist()) - {-1})
    assert found == list(range(k)), (
        f"the cluster labels are {found[:10]}{' ...' if len(found) > 10 else ''}; expected "
        f"0, 1, ..., {k - 1} (noise is -1)"
    )
    # Clusters are numbered in the order their first core sample appears in X.
    assert_equal_labels(labels, sk.labels_, what="labels_ (clusters numbered in order of discovery)")


@pytest.mark.points(1)
def test_a_few_thousand_samples(impl):
    X, _ = make_moons(n_samples=2000, noise=0.06, random_state=2)
    ours, sk = fitted(impl, X, eps=0.05, min_samples=8)
    assert not shared_border_samples(X, sk, 0.05, "euclidean")  # the data are what we think
    # 4 million pairs: a Python loop calling numpy once per pair takes longer than the
    # worker's 10 s per call; one call per sample or per block of rows is fine.
    assert_equal_labels(ours.core_sample_indices_, sk.core_sample_indices_,
                        what="core_sample_indices_ (2000 samples)")
    assert_equal_labels(canonical(labels_of(ours)), canonical(sk.labels_),
                        what="labels_ (2000 samples, clusters renumbered by first appearance)")


# --------------------------------------------------- 3. the definitions, on built data


@pytest.mark.points(2)
def test_min_samples_counts_the_sample_itself(impl):
    # Five samples 1 apart, eps=1.5: the three inner samples have 2 neighbours besides
    # themselves, the two ends 1. With min_samples=3 the inner three are core.
    X = on_a_line([0, 1, 2, 3, 4])
    model = impl.DBSCAN(eps=1.5, min_samples=3).fit(X)
    core = np.asarray(as_array(model.core_sample_indices_, "core_sample_indices_")).tolist()
    assert core == [1, 2, 3], (
        f"samples at x = 0, 1, 2, 3, 4 with eps=1.5, min_samples=3: core_sample_indices_ is "
        f"{core}, expected [1, 2, 3]: an eps-neighbourhood counts the sample itself"
    )
    assert_equal_labels(labels_of(model), [0, 0, 0, 0, 0], what="labels_",
                        baseline="the closed form (one cluster, the ends are border samples)")


@pytest.mark.points(1)
@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
def test_eps_is_inclusive(impl, metric):
    # Samples exactly eps = 2 apart (exact in floating point): neighbours, since d <= eps.
    X = on_a_line([0, 2, 4, 6, 20])
    model = impl.DBSCAN(eps=2.0, min_samples=3, metric=metric).fit(X)
    core = np.asarray(as_array(model.core_sample_indices_, "core_sample_indices_")).tolist()
    assert core == [1, 2], (
        f"samples at x = 0, 2, 4, 6, 20 with eps=2, min_samples=3 ({metric}): "
        f"core_sample_indices_ is {core}, expected [1, 2]; two samples at distance exactly "
        "eps are neighbours (d <= eps), and with squared distances compare against eps**2"
    )
    assert_equal_labels(labels_of(model), [0, 0, 0, 0, -1], what="labels_",
                        baseline="the closed form")


@pytest.mark.points(1)
@pytest.mark.parametrize("metric", ["euclidean", "manhattan"])
def test_metric_is_used(impl, metric):
    # A diagonal chain with steps (1, 1): euclidean length 1.41, manhattan length 2. With
    # eps=1.5 the chain is one cluster under euclidean distance and all noise under manhattan.
    X = np.column_stack([np.arange(6.0), np.arange(6.0)])
    labels = labels_of(impl.DBSCAN(eps=1.5, min_samples=3, metric=metric).fit(X))
    expected = [0] * 6 if metric == "euclidean" else [-1] * 6
    assert_equal_labels(labels, expected, what=f"labels_ with metric={metric!r}",
                        baseline="the closed form (diagonal steps: euclidean 1.41, manhattan 2)")


@pytest.mark.points(1)
def test_border_samples_join_the_cluster(impl):
    # A dense square of 5 and two samples near it: one 0.9 from a corner (border), one far (noise).
    X = np.array([[0, 0], [0, 0.5], [0.5, 0], [0.5, 0.5], [0.25, 0.25], [1.4, 0.5], [3, 3]])
    model = impl.DBSCAN(eps=1.0, min_samples=5).fit(X)
    labels = labels_of(model)
    assert labels.shape == (7,) and labels[5] == 0, (
        f"the sample at (1.4, 0.5) lies 0.9 from a core sample but is not core itself: it is a "
        f"border sample and joins cluster 0; got labels_ = {labels.tolist()}"
    )
    assert_equal_labels(labels, [0, 0, 0, 0, 0, 0, -1], what="labels_", baseline="the closed form")


# Two dense groups of 4 (core with min_samples=4, eps=1) and non-core samples 0.95 apart
# between or beyond them; each non-core sample has at most 3 samples in its neighbourhood.
CHAINS = {
    # A - b1 - b2 - B: b1 is a border sample of A, b2 of B; b1 and b2 are neighbours.
    "two-clusters-bridged-by-border-samples": (
        [0.0, 0.1, 0.2, 0.3, 1.25, 2.2, 3.15, 3.25, 3.35, 3.45], [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]),
    # A - b - c: b is a border sample of A, c only neighbours b, so c is noise.
    "a-tail-of-non-core-samples": ([0.0, 0.1, 0.2, 0.3, 1.25, 2.2], [0, 0, 0, 0, 0, -1]),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("chain", list(CHAINS), ids=list(CHAINS))
def test_border_samples_do_not_extend_a_cluster(impl, chain):
    xs, expected = CHAINS[chain]
    X = on_a_line(xs)
    labels = labels_of(impl.DBSCAN(eps=1.0, min_samples=4).fit(X))
    assert_equal_labels(
        canonical(labels), expected, what="labels_",
        baseline=f"the closed form (samples at x = {xs}; only core samples extend a cluster: "
                 "a border sample joins but its own neighbours are not added)")


def shared_border(first_is_left):
    """A shared border sample b (index 0) between two groups of 4 core samples.

    b at x = -0.1 has one core neighbour in each group: at 0.6 on the left, at 0.95 on the
    right, so only 3 samples in its neighbourhood. The group listed first (indices 1-4) is
    found first, so b joins it: cluster 0.
    """
    left = [-1.6, -1.5, -1.4, -0.7]
    right = [0.85, 1.55, 1.65, 1.75]
    groups = [left, right] if first_is_left else [right, left]
    return on_a_line([-0.1] + groups[0] + groups[1])


@pytest.mark.points(1)
@pytest.mark.parametrize("first_is_left", [True, False], ids=["nearer-group-first", "farther-group-first"])
def test_shared_border_sample_joins_one_of_its_clusters(impl, first_is_left):
    X = shared_border(first_is_left)
    labels = labels_of(impl.DBSCAN(eps=1.0, min_samples=4).fit(X))
    a, b = (labels[1], labels[5]) if labels.shape == (9,) else (None, None)
    ok = labels.shape == (9,) and a != b and a >= 0 and b >= 0 and labels[0] in (a, b)
    assert ok, (
        f"labels_ = {labels.tolist()}: the two groups (indices 1-4 and 5-8) are separate clusters, "
        "and sample 0, a border sample of both, must join one of them (not noise, no merge)"
    )


@pytest.mark.points(1)
@pytest.mark.parametrize("first_is_left", [True, False], ids=["nearer-group-first", "farther-group-first"])
def test_shared_border_sample_joins_the_first_cluster(impl, first_is_left):
    X = shared_border(first_is_left)
    ours, sk = fitted(impl, X, eps=1.0, min_samples=4)
    assert_equal_labels(
        labels_of(ours), sk.labels_,
        what="labels_ (sample 0 is a border sample of both clusters)",
        baseline="scikit-learn's (grow the clusters from the core samples in index order; a border "
                 "sample stays in the first cluster that reaches it)")


@pytest.mark.points(1)
def test_shared_border_samples_in_moons(impl):
    # eps=0.12 leaves 3 samples on the border of two clusters each.
    X, _ = make_moons(n_samples=300, noise=0.08, random_state=0)
    ours, sk = fitted(impl, X, eps=0.12, min_samples=5)
    assert len(shared_border_samples(X, sk, 0.12, "euclidean")) == 3  # the data are what we think
    assert_equal_labels(canonical(labels_of(ours)), canonical(sk.labels_),
                        what="labels_ (clusters renumbered by first appearance; 3 shared border samples)")


@pytest.mark.points(1)
def test_min_samples_one_every_sample_is_core(impl):
    # Every sample is core: the clusters are the connected components of the eps-graph,
    # and an isolated sample is a cluster of its own, not noise.
    X = on_a_line([0, 1, 2, 10, 11, 30])
    model = impl.DBSCAN(eps=1.0, min_samples=1).fit(X)
    core = np.asarray(as_array(model.core_sample_indices_, "core_sample_indices_")).tolist()
    assert core == [0, 1, 2, 3, 4, 5], f"with min_samples=1 every sample is core; got {core}"
    assert_equal_labels(labels_of(model), [0, 0, 0, 1, 1, 2], what="labels_ with min_samples=1",
                        baseline="the closed form (connected components; no noise)")


@pytest.mark.points(1)
def test_no_core_sample_everything_is_noise(impl):
    X = on_a_line([0, 1, 2, 3])
    model = impl.DBSCAN(eps=1.0, min_samples=4).fit(X)
    assert_equal_labels(labels_of(model), [-1, -1, -1, -1], what="labels_ with no core sample",
                        baseline="the closed form (all noise)")
    core = np.asarray(model.core_sample_indices_)
    components = np.asarray(model.components_)
    assert core.shape == (0,) and components.shape == (0, 2), (
        f"with no core sample, core_sample_indices_ should have shape (0,) and components_ "
        f"shape (0, 2); got {core.shape} and {components.shape}"
    )


# ---------------------------------------------------------- 4. edge cases and errors


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "params, words",
    [({"eps": 0.0}, "eps"), ({"min_samples": 0}, "min_samples"), ({"metric": "cosine"}, "cosine")],
    ids=["eps=0", "min_samples=0", "metric=cosine"],
)
@pytest.mark.public
def test_bad_parameters_raise(impl, params, words):
    X = on_a_line([0, 1, 2, 3])
    with pytest.raises(ValueError, match=words):
        impl.DBSCAN(**params).fit(X)


@pytest.mark.points(1)
def test_non_finite_input(impl):
    X = np.random.default_rng(0).normal(size=(20, 2))
    for bad in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad[4, 1] = bad
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            impl.DBSCAN().fit(X_bad)


@pytest.mark.points(1)
def test_bad_shape_input(impl):
    for X in (np.zeros(5), np.zeros((0, 2))):
        with pytest.raises(ValueError):
            impl.DBSCAN().fit(X)


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("border samples expand the cluster as if they were core", "frontier = new & is_core",
     "frontier = new", "only core samples extend a cluster"),
    ("min_samples does not count the sample itself", "A.sum(axis=1) >= self.min_samples",
     "A.sum(axis=1) - 1 >= self.min_samples", "counts the sample itself"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# clustering for both; scikit-learn with algorithm="brute" (all pairwise distances, in chunks, as the
# reference), not its default k-d tree, which would skip most pairs on 2-D data.
def _bench_data(n):
    X, _ = make_blobs(n_samples=n, centers=5, cluster_std=1.0, center_box=(-10.0, 10.0), random_state=0)
    return X


def _bench_impl(module, data):
    module.DBSCAN(eps=0.3, min_samples=10).fit(data)


def _bench_baseline(data):
    SkDBSCAN(eps=0.3, min_samples=10, algorithm="brute").fit(data)


BENCHMARK = {
    "what": "fit, n x 2 blobs (5 centres), eps=0.3, min_samples=10, all pairs (brute force)",
    "size": 10_000, "check_size": 1_000,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Find every neighbourhood at once, a block of rows of the distance matrix at a time "
            "(broadcasting, compared with eps, no square root needed), then grow each cluster a whole "
            "ring of neighbours per step instead of one sample at a time "
            "(README: 'Neighbourhoods and core samples').",
}
