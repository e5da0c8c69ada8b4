"""Hidden tests for the recommender capstone, graded against scikit-learn's
NearestNeighbors(metric="cosine", algorithm="brute") and against closed forms.

Most points come from tests that hand the learner's code vectors computed here (scikit-learn's
TF-IDF of the corpus, random vectors, embeddings from a truncated SVD), so they do not depend
on the learner's own tfidf and kmeans lessons; the last group (6 points) runs the whole
pipeline on the texts, through the learner's TfidfVectorizer and KMeans.

Plausible mistakes, and the tests that catch them:

- dot products of the raw rows instead of the unit rows (longer texts look more similar) ->
  test_cosine_similarity_matches_sklearn, test_similar_matches_sklearn[scaled-rows],
  test_vectors_are_unit_rows
- a zero row (a document with no known word) divided by 0 -> NaN ->
  test_cosine_similarity_matches_sklearn[with-zero-rows], test_vectors_are_unit_rows,
  test_ties_go_to_the_lower_index
- sorting similarities in increasing order, or sorting distances the wrong way ->
  test_similar_matches_sklearn, test_complementary_matches_closed_form
- the query recommended to itself (or the first column dropped instead of the query) ->
  test_query_is_not_its_own_recommendation, test_similar_matches_sklearn
- an unstable sort or argpartition, so tied sites come in any order -> test_ties_go_to_the_lower_index
- queries ignored (always all documents) -> test_recommend_some_queries
- complementary mode that keeps the query's cluster, or filters after taking the top k (fewer
  or wrong recommendations) -> test_complementary_matches_closed_form
- k-means on the raw vectors instead of the unit rows, or clusters not passed through ->
  test_kmeans_clusters_group_by_direction, test_fit_keeps_given_clusters
- random_state not passed to KMeans -> test_random_state_reproducible
- precision@k divided by the wrong count, k ignored, or compared with the neighbour's own
  position -> test_precision_at_k_closed_form
- averaged embeddings: raw instead of unit word vectors, unique words instead of every
  occurrence, no lower-casing, a zero-word document -> NaN -> test_embed_documents_closed_form,
  test_embed_documents_without_known_words
- fit_texts with other TF-IDF options than min_df=2, max_df=0.5 -> test_fit_texts_matches_sklearn,
  test_fit_texts_options_on_small_corpus
- missing input checks -> the edge-case tests
"""

import re
import warnings

import numpy as np
import pytest
from sklearn.cluster import KMeans as SkKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer as SkTfidf
from sklearn.metrics import adjusted_rand_score
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine
from sklearn.neighbors import NearestNeighbors

from grader.testing import assert_close, assert_equal_labels, sites

# Distances and similarities are dot products of unit rows, computed by scikit-learn and by
# the learner in a different order: they agree to ~1e-15. 1e-10 leaves room for any summation
# order, and is far below the smallest gap between two neighbours in the data used (1e-7).
TOL = 1e-10

# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def corpus():
    rows = sites()
    texts = [row["text"] for row in rows]
    topics = np.array([row["topic"] for row in rows])
    return texts, topics


@pytest.fixture(scope="module")
def site_vectors(corpus):
    """scikit-learn's TF-IDF of the corpus with the pipeline's options, dense (600, 315)."""
    texts, _ = corpus
    return SkTfidf(min_df=2, max_df=0.5).fit_transform(texts).toarray()


def gaussian(n=120, d=10, seed=0):
    return np.random.default_rng(seed).normal(size=(n, d))


def scaled_rows(n=150, d=8, seed=1):
    """Non-negative rows (like counts) of lengths from 1e-3 to 1e3: cosine ignores the length."""
    rng = np.random.default_rng(seed)
    X = rng.exponential(size=(n, d)) * (rng.random((n, d)) < 0.6)
    X[X.sum(axis=1) == 0, 0] = 1.0
    return X * 10.0 ** rng.uniform(-3, 3, size=(n, 1))


def sklearn_neighbours(X, k):
    """scikit-learn's (distances, indices) of every fitted row, the row itself excluded."""
    nn = NearestNeighbors(n_neighbors=k + 1, metric="cosine", algorithm="brute").fit(X)
    distances, indices = nn.kneighbors()
    # orders are compared only where scikit-learn's order is defined: no ties up to the (k+1)-th
    assert np.diff(distances, axis=1).min() > 1e-9, "test data with ties (a course bug)"
    return distances[:, :k], indices[:, :k]


def closed_form(X, clusters, k, queries=None):
    """The complementary recommendations computed here: mask the query's cluster, stable sort."""
    S = sk_cosine(X)
    queries = np.arange(len(X)) if queries is None else np.asarray(queries)
    S = S[queries]
    S[clusters[queries][:, None] == clusters[None, :]] = -np.inf
    neighbors = np.argsort(-S, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(S, neighbors, axis=1), neighbors


def direction_blobs(seed=0):
    """90 rows around 3 directions, with lengths from 0.05 to 20.

    Grouped by angle (k-means on unit rows) the three directions are found exactly; k-means on
    the raw rows groups them by length instead."""
    rng = np.random.default_rng(seed)
    directions = np.eye(5)[:3] + 0.3
    truth = np.repeat(np.arange(3), 30)
    X = directions[truth] + rng.normal(0.0, 0.05, (90, 5))
    return X * 10.0 ** rng.uniform(-1.3, 1.3, size=(90, 1)), truth


# ------------------------------------------------------------------- 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_parameters(impl):
    rec = impl.Recommender(n_recommendations=3, n_clusters=4, random_state=7)
    stored = (rec.n_recommendations, rec.n_clusters, rec.random_state)
    assert stored == (3, 4, 7), (
        f"__init__ should store its arguments unchanged; got (n_recommendations, n_clusters, "
        f"random_state) = {stored}, expected (3, 4, 7)"
    )
    default = impl.Recommender()
    defaults = (default.n_recommendations, default.n_clusters, default.random_state)
    assert defaults == (5, 12, None), f"the defaults should be (5, 12, None), got {defaults}"


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_shapes(impl):
    X = gaussian()
    clusters = np.arange(120) % 4
    rec = impl.Recommender(n_recommendations=4)
    assert rec.fit(X, clusters=clusters) is rec, "fit should return self"
    vectors = np.asarray(rec.vectors_)
    assert vectors.shape == (120, 10), f"vectors_ has shape {vectors.shape}, expected (120, 10)"
    scores, neighbors = rec.recommend()
    assert scores.shape == (120, 4) and neighbors.shape == (120, 4), (
        f"recommend() should return scores and neighbors of shape (120, 4) for 120 documents and "
        f"n_recommendations=4, got {scores.shape} and {neighbors.shape}"
    )
    assert np.issubdtype(neighbors.dtype, np.integer), f"neighbors should be integers, got {neighbors.dtype}"


@pytest.mark.points(1)
@pytest.mark.public
def test_recommend_before_fit_raises(impl):
    with pytest.raises((ValueError, AttributeError), match="fit"):
        impl.Recommender().recommend()


@pytest.mark.points(1)
def test_fit_keeps_given_clusters(impl):
    clusters = np.arange(120) % 5
    rec = impl.Recommender().fit(gaussian(), clusters=clusters)
    assert_equal_labels(rec.clusters_, clusters, what="clusters_", baseline="the clusters given to fit")


# ------------------------------------------------------- 2. vectors: similarity and neighbours


def with_zero_rows():
    X = scaled_rows(n=40)
    X[[3, 17]] = 0.0
    return X


@pytest.mark.points(1)
@pytest.mark.parametrize("make", [gaussian, with_zero_rows], ids=["gaussian", "with-zero-rows"])
def test_cosine_similarity_matches_sklearn(impl, make):
    X = make()
    Y = X[::3] * 2.5
    assert_close(impl.cosine_similarity(X, Y), sk_cosine(X, Y), rtol=0, atol=TOL,
                 what="cosine_similarity(A, B)")


@pytest.mark.points(1)
def test_vectors_are_unit_rows(impl):
    X = with_zero_rows()
    rec = impl.Recommender().fit(X, clusters=np.zeros(len(X)))
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    expected = X / np.where(norms > 0, norms, 1.0)
    # rows divided by their norm: one rounding per entry
    assert_close(rec.vectors_, expected, rtol=1e-12, atol=1e-15, what="vectors_",
                 baseline="the rows divided by their length (zero rows kept)")


SIMILAR = {
    "gaussian-k=5": (gaussian, 5),
    "scaled-rows-k=1": (scaled_rows, 1),
    "corpus-tfidf-k=10": (None, 10),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("case", list(SIMILAR), ids=list(SIMILAR))
@pytest.mark.public
def test_similar_matches_sklearn(impl, site_vectors, case):
    make, k = SIMILAR[case]
    X = site_vectors if make is None else make()
    distances, indices = sklearn_neighbours(X, k)
    rec = impl.Recommender(n_recommendations=k).fit(X, clusters=np.zeros(len(X)))
    scores, neighbors = rec.recommend()
    assert_close(1.0 - np.asarray(scores), distances, rtol=0, atol=TOL,
                 what="1 - scores (the cosine distances)",
                 baseline="NearestNeighbors(metric='cosine').kneighbors()'s distances")
    assert_equal_labels(neighbors, indices, what="neighbors",
                        baseline="NearestNeighbors(metric='cosine').kneighbors()'s indices")


@pytest.mark.points(2)
def test_query_is_not_its_own_recommendation(impl):
    X = gaussian(n=60)
    X[10] = 3.0 * X[40]  # site 10 is site 40 written at three times the length
    rec = impl.Recommender(n_recommendations=3).fit(X, clusters=np.zeros(60))
    scores, neighbors = rec.recommend()
    own = np.flatnonzero((neighbors == np.arange(60)[:, None]).any(axis=1))
    assert own.size == 0, f"site {own[0]} is among its own recommendations: {neighbors[own[0]].tolist()}"
    for i, j in ((10, 40), (40, 10)):
        assert neighbors[i, 0] == j and abs(scores[i, 0] - 1.0) < TOL, (
            f"site {i} points the same way as site {j}: its first recommendation should be {j} "
            f"with score 1, got {neighbors[i, 0]} with score {scores[i, 0]:.6g}"
        )


@pytest.mark.points(1)
def test_recommend_some_queries(impl):
    X = gaussian()
    rec = impl.Recommender(n_recommendations=4).fit(X, clusters=np.arange(120) % 3)
    all_scores, all_neighbors = rec.recommend()
    for queries in ([5, 0, 117], [42]):
        scores, neighbors = rec.recommend(queries)
        assert_equal_labels(neighbors, all_neighbors[queries], what=f"recommend({queries})'s neighbors",
                            baseline="the same rows of recommend()")
        assert_close(scores, all_scores[queries], rtol=0, atol=TOL, what=f"recommend({queries})'s scores",
                     baseline="the same rows of recommend()")


@pytest.mark.points(2)
def test_ties_go_to_the_lower_index(impl):
    # sites 1, 2, 4, 5 point the same way as site 0; site 3 is empty (a zero row)
    X = np.array([[1.0, 0.0], [2.0, 0.0], [0.5, 0.0], [0.0, 0.0], [7.0, 0.0], [1.0, 0.0],
                  [1.0, 1.0], [0.0, 1.0]])
    rec = impl.Recommender(n_recommendations=4).fit(X, clusters=np.zeros(8))
    scores, neighbors = rec.recommend([0, 3, 7])
    expected = [[1, 2, 4, 5], [0, 1, 2, 4], [6, 0, 1, 2]]
    assert neighbors.tolist() == expected, (
        f"tied similarities should be ordered by site index (a stable sort of -S): for sites 0, 3 "
        f"(an empty site: similarity 0 with all) and 7 expected {expected}, got {neighbors.tolist()}"
    )
    assert_close(scores, [[1, 1, 1, 1], [0, 0, 0, 0], [np.sqrt(0.5), 0, 0, 0]], rtol=0, atol=TOL,
                 what="scores of the tied sites", baseline="the cosine similarities")
    S = np.array([[0.5, 0.9, 0.5, 0.9, 0.1], [0.0, 0.0, 0.0, 0.0, 0.0]])
    assert impl.top_k(S, 3).tolist() == [[1, 3, 0], [0, 1, 2]], (
        f"top_k(S, 3) of {S.tolist()} should be [[1, 3, 0], [0, 1, 2]], got {impl.top_k(S, 3).tolist()}"
    )


@pytest.mark.points(2)
@pytest.mark.parametrize("case", ["gaussian-4-clusters-k=5", "corpus-topics-k=3"])
def test_complementary_matches_closed_form(impl, corpus, site_vectors, case):
    if case.startswith("gaussian"):
        X, clusters, k = gaussian(n=100), np.arange(100) % 4, 5
    else:
        X, clusters, k = site_vectors, corpus[1], 3
    rec = impl.Recommender(n_recommendations=k).fit(X, clusters=clusters)
    scores, neighbors = rec.recommend(mode="complementary")
    same = np.flatnonzero((clusters[neighbors] == clusters[:, None]).any(axis=1))
    assert same.size == 0, (
        f"complementary recommendations should come from other clusters; site {same[0]} "
        f"(cluster {clusters[same[0]]}) got sites {neighbors[same[0]].tolist()} of clusters "
        f"{clusters[neighbors[same[0]]].tolist()}"
    )
    expected_scores, expected = closed_form(X, clusters, k)
    assert_equal_labels(neighbors, expected, what="complementary neighbors",
                        baseline="the most similar sites of other clusters")
    assert_close(scores, expected_scores, rtol=0, atol=TOL, what="complementary scores",
                 baseline="the cosine similarities")


@pytest.mark.points(2)
def test_kmeans_clusters_group_by_direction(impl):
    X, truth = direction_blobs()
    rec = impl.Recommender(n_clusters=3, random_state=0).fit(X)
    clusters = np.asarray(rec.clusters_)
    ari = adjusted_rand_score(truth, clusters)
    assert ari == 1.0, (
        f"with clusters=None, clusters_ should be KMeans(n_clusters=3) labels of the unit rows, "
        f"which find the three directions exactly; the adjusted Rand index against them is "
        f"{ari:.3f} (is KMeans fitted on the raw rows, whose lengths range from 0.05 to 20?)"
    )


@pytest.mark.points(1)
def test_random_state_reproducible(impl):
    X = np.random.default_rng(3).normal(size=(80, 4))  # no structure: clusters depend on the seed
    runs = [np.asarray(impl.Recommender(n_clusters=6, random_state=s).fit(X).clusters_)
            for s in (1, 1, 2, 3, 4)]
    assert_equal_labels(runs[1], runs[0], what="clusters_ with random_state=1",
                        baseline="another fit with random_state=1")
    aris = [adjusted_rand_score(runs[0], r) for r in runs[2:]]
    assert min(aris) < 1.0, (
        f"random_state 1, 2, 3 and 4 give the same clusters on data without structure (adjusted "
        f"Rand indices {np.round(aris, 3).tolist()}); is random_state passed on to KMeans?"
    )


PRECISION = {
    # labels, neighbors, k, expected (counted by hand)
    "k=1": (["a", "a", "b", "b"], [[1, 2], [2, 3], [3, 0], [0, 1]], 1, 2 / 4),
    "k=2": (["a", "a", "b", "b"], [[1, 2], [2, 3], [3, 0], [0, 1]], 2, 2 / 8),
    "k=None-all-columns": ([0, 1, 0, 0, 1], [[2, 3, 1], [4, 0, 2], [0, 1, 4], [0, 2, 1], [1, 0, 3]],
                           None, 7 / 15),
}


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(PRECISION), ids=list(PRECISION))
def test_precision_at_k_closed_form(impl, case):
    labels, neighbors, k, expected = PRECISION[case]
    got = impl.precision_at_k(np.array(labels), np.array(neighbors), k)
    assert isinstance(got, float) and abs(got - expected) < 1e-12, (
        f"precision_at_k(labels={labels}, neighbors={neighbors}, k={k}) should be {expected:.4f} "
        f"(the share of the first k neighbours with their query's label), got {got!r}"
    )


@pytest.mark.points(1)
def test_precision_at_k_errors(impl):
    labels, neighbors = np.array([0, 0, 1]), np.array([[1, 2], [0, 2], [0, 1]])
    for k in (0, 3):
        with pytest.raises(ValueError, match=f"k={k}"):
            impl.precision_at_k(labels, neighbors, k)
    with pytest.raises(ValueError, match="shape"):
        impl.precision_at_k(labels[:2], neighbors)


WORDS = ["cat", "dog", "sat", "mat", "on"]
DOCUMENTS = [
    "The cat sat on the mat.",  # 'the' is unknown, 'cat sat on mat' known
    "Dog, DOG, dog and the cat!",  # case, and a word three times next to another once
    "cat a b dog",  # one-letter tokens are not words
    "",  # nothing known
    "zebra sat",
]


def mean_unit_embeddings(documents, words, vectors):
    """The closed form, by loops: mean of the unit word vectors of every known token."""
    row = {w: j for j, w in enumerate(words)}
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    out = np.zeros((len(documents), vectors.shape[1]))
    for d, doc in enumerate(documents):
        found = [row[t] for t in re.findall(r"(?u)\b\w\w+\b", doc.lower()) if t in row]
        if found:
            out[d] = unit[found].mean(axis=0)
    return out


@pytest.mark.points(2)
def test_embed_documents_closed_form(impl):
    rng = np.random.default_rng(4)
    vectors = rng.normal(size=(5, 3)) * np.array([[0.1], [5.0], [1.0], [30.0], [2.0]])
    got = impl.embed_documents(DOCUMENTS, np.array(WORDS), vectors)
    # a mean of a few unit vectors: a handful of roundings
    assert_close(got, mean_unit_embeddings(DOCUMENTS, WORDS, vectors), rtol=1e-12, atol=1e-14,
                 what="embed_documents(...)",
                 baseline="the mean of the unit-length vectors of each document's known words")


@pytest.mark.points(1)
def test_embed_documents_without_known_words(impl):
    got = impl.embed_documents(["", "zebra yak", "x y z"], WORDS, np.ones((5, 3)))
    assert_close(got, np.zeros((3, 3)), rtol=0, atol=0, baseline="zero rows",
                 what="embed_documents of documents without known words")


@pytest.mark.points(2)
def test_embedding_pipeline_precision(impl, corpus):
    # word vectors computed here: a 20-dimensional truncated SVD (LSA) of the TF-IDF matrix
    texts, topics = corpus
    tfidf = SkTfidf(min_df=2, max_df=0.5)
    svd = TruncatedSVD(20, random_state=0).fit(tfidf.fit_transform(texts))
    words = tfidf.get_feature_names_out().astype(str)
    D = impl.embed_documents(texts, words, svd.components_.T)
    rec = impl.Recommender(n_recommendations=5).fit(D, clusters=topics)
    _, neighbors = rec.recommend()
    precision = float(np.mean(topics[neighbors] == topics[:, None]))
    # the reference gets 0.9997; raw instead of unit word vectors gets 0.73
    assert precision >= 0.95, (
        f"precision@5 of averaged LSA word vectors should be at least 0.95 (the reference: "
        f"0.9997), got {precision:.4f}"
    )


# ------------------------------------------------------------------- 3. edge cases and errors


@pytest.mark.points(1)
def test_fit_rejects_bad_X(impl):
    X = gaussian(n=10, d=3)
    nan, inf = X.copy(), X.copy()
    nan[2, 1], inf[0, 0] = np.nan, np.inf
    for bad, match in ((nan, "NaN"), (inf, "inf"), (X[:, 0], "2-D"), (np.empty((0, 3)), "2-D")):
        with pytest.raises(ValueError, match=match):
            impl.Recommender(n_recommendations=2).fit(bad, clusters=np.zeros(len(bad)))


@pytest.mark.points(1)
@pytest.mark.public
def test_parameter_errors(impl):
    X = gaussian(n=6, d=3)
    for k in (0, 6):  # between 1 and n_documents - 1
        with pytest.raises(ValueError, match="n_recommendations"):
            impl.Recommender(n_recommendations=k).fit(X, clusters=np.zeros(6))
    with pytest.raises(ValueError, match="clusters"):
        impl.Recommender(n_recommendations=2).fit(X, clusters=np.zeros(5))
    rec = impl.Recommender(n_recommendations=2).fit(X, clusters=np.zeros(6))
    with pytest.raises(ValueError, match="mode"):
        rec.recommend(mode="opposite")
    for queries in ([6], [-1]):
        with pytest.raises(ValueError, match="queries"):
            rec.recommend(queries)


@pytest.mark.points(1)
def test_complementary_needs_enough_other_sites(impl):
    X = gaussian(n=8, d=3)
    rec = impl.Recommender(n_recommendations=3).fit(X, clusters=np.array([0, 0, 0, 0, 0, 0, 1, 1]))
    for queries in (None, [0]):  # the sites of cluster 0 have only 2 sites outside it
        with pytest.raises(ValueError, match="n_recommendations"):
            rec.recommend(queries, mode="complementary")
    # the sites of cluster 1 have 6 outside it; and 3 outside is exactly enough for k=3
    for clusters, query in (([0, 0, 0, 0, 0, 0, 1, 1], 7), ([0, 0, 0, 0, 0, 1, 1, 1], 0)):
        clusters = np.array(clusters)
        rec = impl.Recommender(n_recommendations=3).fit(X, clusters=clusters)
        _, neighbors = rec.recommend([query], mode="complementary")
        _, expected = closed_form(X, clusters, 3, [query])
        assert_equal_labels(neighbors, expected, what=f"complementary neighbors of site {query}",
                            baseline="the most similar sites of other clusters")


# ------------------------------------------------- 4. the whole pipeline on the texts (6 points)


@pytest.fixture(scope="module")
def fitted_on_texts(impl, corpus):
    """The learner's pipeline on the 600 texts, with its own TfidfVectorizer and KMeans."""
    texts, _ = corpus
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return impl.Recommender(n_recommendations=5, random_state=0).fit_texts(texts)


@pytest.mark.points(2)
def test_fit_texts_matches_sklearn(fitted_on_texts, site_vectors):
    distances, indices = sklearn_neighbours(site_vectors, 5)
    scores, neighbors = fitted_on_texts.recommend()
    # the TF-IDF lesson matches scikit-learn's matrix to 1e-10, hence distances to ~1e-10
    assert_close(1.0 - np.asarray(scores), distances, rtol=0, atol=1e-9,
                 what="1 - scores on the texts",
                 baseline="TfidfVectorizer(min_df=2, max_df=0.5) + NearestNeighbors(metric='cosine')")
    assert_equal_labels(neighbors, indices, what="neighbors on the texts",
                        baseline="TfidfVectorizer(min_df=2, max_df=0.5) + NearestNeighbors(metric='cosine')")


SMALL_CORPUS = [
    "The site about cats, kittens and a vet.", "A site about cats and dogs and dogs.",
    "The site about telescopes and stars.", "A site about stars, planets and a comet.",
    "Our site about bread, ovens and kittens.", "The site about bread and pasta and sauce.",
    "A blog about planets and telescopes and comet dust.", "Notes on pasta, sauce and cats.",
]


@pytest.mark.points(1)
def test_fit_texts_options_on_small_corpus(impl):
    # every word of the 600 sites is in one site (its name) or in at least 8, so min_df=2 only
    # shows on texts with words in exactly two documents; ties here, so distances only
    rec = impl.Recommender(n_recommendations=3, n_clusters=2, random_state=0).fit_texts(SMALL_CORPUS)
    X = SkTfidf(min_df=2, max_df=0.5).fit_transform(SMALL_CORPUS)
    distances, _ = NearestNeighbors(n_neighbors=3, metric="cosine", algorithm="brute").fit(X).kneighbors()
    assert_close(1.0 - np.asarray(rec.recommend()[0]), distances, rtol=0, atol=1e-9,
                 what="1 - scores of fit_texts on eight short texts",
                 baseline="TfidfVectorizer(min_df=2, max_df=0.5) + NearestNeighbors(metric='cosine')")


@pytest.mark.points(1)
def test_fit_texts_precision(impl, fitted_on_texts, corpus):
    _, topics = corpus
    precision = impl.precision_at_k(topics, fitted_on_texts.recommend()[1], 5)
    # the reference gets 0.996 (TF-IDF with default options already gets 0.994)
    assert precision >= 0.98, (
        f"precision@5 of the text pipeline against the topics should be at least 0.98 "
        f"(the reference: 0.996), got {precision:.4f}"
    )


@pytest.mark.points(2)
def test_fit_texts_clusters_and_complementary(fitted_on_texts, corpus):
    _, topics = corpus
    clusters = np.asarray(fitted_on_texts.clusters_)
    ari = adjusted_rand_score(topics, clusters)
    # the reference finds the 12 topics exactly (ARI 1.0 for random_state 0 to 7)
    assert ari >= 0.85, (
        f"the 12 k-means clusters of the texts should match the 12 topics (adjusted Rand index "
        f"at least 0.85; the reference: 1.0), got {ari:.3f}"
    )
    scores, neighbors = fitted_on_texts.recommend(mode="complementary")
    assert not (clusters[neighbors] == clusters[:, None]).any(), (
        "complementary recommendations on the texts should all lie in another cluster than the query's"
    )
    assert np.all(np.diff(scores, axis=1) <= 0), "complementary scores should be in decreasing order"


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("recommends each site to itself", "        S[np.arange(len(queries)), queries] = -np.inf\n", "",
     "among its own recommendations"),
    ("averages the raw word vectors, not unit ones", "np.add.at(sums, doc_ids, unit[rows])",
     "np.add.at(sums, doc_ids, vectors[rows])", "embed_documents(...) differs"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py):
# the corpus's texts resampled to n documents; fit_texts (your TfidfVectorizer and KMeans with
# 12 clusters, 10 restarts), then the 5 similar sites of every document.
def _bench_data(n):
    texts = [row["text"] for row in sites()]
    return [texts[i] for i in np.random.default_rng(0).integers(0, len(texts), size=n)]


def _bench_impl(module, data):
    module.Recommender(n_recommendations=5, n_clusters=12, random_state=0).fit_texts(data).recommend()


def _bench_baseline(data):
    X = SkTfidf(min_df=2, max_df=0.5).fit_transform(data)
    SkKMeans(n_clusters=12, n_init=10, random_state=0, algorithm="lloyd").fit(X)
    NearestNeighbors(n_neighbors=5, metric="cosine", algorithm="brute").fit(X).kneighbors()


BENCHMARK = {
    "what": "fit_texts (TF-IDF min_df=2 max_df=0.5, k-means 12 clusters x 10 restarts) + the 5 "
            "similar sites of each of n texts; scikit-learn keeps the TF-IDF matrix sparse, the "
            "lesson dense, and the k-means runs stop on convergence after different numbers of rounds",
    "size": 3_000, "check_size": 60,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Get all similarities from one product of the unit rows, U[queries] @ U.T, never a "
            "loop over pairs of sites, and check the speed notes of your tfidf and kmeans lessons "
            "(README: 'Nearest neighbours by brute force').",
}
