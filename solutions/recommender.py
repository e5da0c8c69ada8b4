"""A website recommender: document vectors, cosine nearest neighbours, and k-means clusters.

Each site is a short text. The text becomes a vector, by TF-IDF (``tfidf.TfidfVectorizer``)
or by averaging word embeddings, and two sites are alike when their vectors point the same
way. Their *cosine similarity* ignores the vectors' lengths (how long the texts are)::

    sim(a, b) = a.b / (||a|| ||b||)        (0 when a or b is the zero vector)
    dist(a, b) = 1 - sim(a, b)             (scikit-learn's metric="cosine")

The recommendations of site i are the ``k`` other sites of highest similarity, found by brute
force: one matrix product of the unit-length rows gives every similarity at once. The
*complementary* recommendations are the most similar sites of another cluster: k-means
(``kmeans.KMeans``) on the unit-length rows, where ``||a - b||^2 = 2 - 2 sim(a, b)``, groups
the sites by topic, and a site's recommendations are then looked for outside its own group.
``precision_at_k`` measures the pipeline against topic labels it never saw.

References: G. Salton, A. Wong and C. S. Yang, "A vector space model for automatic indexing",
CACM 18 (1975); C. Manning, P. Raghavan and H. Schuetze, "Introduction to Information
Retrieval" (2008), ch. 6, 8 and 16; scikit-learn's ``sklearn/neighbors/_base.py``.
"""

import re
import sys
import traceback
from pathlib import Path

import numpy as np
from kmeans import KMeans
from tfidf import TfidfVectorizer

TOKEN = re.compile(r"(?u)\b\w\w+\b")  # TfidfVectorizer's default token_pattern


class NotFittedError(ValueError, AttributeError):
    """Raised when recommend is called before fit."""


def tokenize(text):
    """The lower-cased words of two or more characters of ``text``, as TfidfVectorizer finds them."""
    return TOKEN.findall(text.lower())


def cosine_similarity(A, B):
    """Cosine similarity of every row of A with every row of B, shape (n_a, n_b).

    A zero row has similarity 0 with everything, as in scikit-learn (not NaN).
    """
    A, B = _check_array(A, "A"), _check_array(B, "B")
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"A has {A.shape[1]} columns but B has {B.shape[1]}")
    # TODO: README 'Cosine similarity'.
    ### BEGIN SOLUTION
    return _unit_rows(A) @ _unit_rows(B).T  # (n_a, n_b)
    ### END SOLUTION


def top_k(S, k):
    """Column indices of the k largest entries of each row of S, largest first, shape (n, k).

    Ties go to the lower column index (a stable sort of -S), so the result is reproducible.
    """
    # TODO: README 'Ties'.
    ### BEGIN SOLUTION
    k = min(k, S.shape[1])
    # the k-th largest entry of each row, by a partial sort: O(n) per row, not O(n log n)
    kth = np.partition(S, S.shape[1] - k, axis=1)[:, S.shape[1] - k, None]  # (n_rows, 1)
    # the candidates: k per row, more when entries tie with the k-th largest
    rows, cols = np.nonzero(S >= kth)  # (n_candidates,) each
    # sort them by row, then by decreasing S, then by column (ties: the lower index first)
    order = np.lexsort((cols, -S[rows, cols], rows))
    rows, cols = rows[order], cols[order]
    # keep the first k of each row: rank = position after the row's first candidate
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows)
    return cols[rank < k].reshape(-1, k)
    ### END SOLUTION


def embed_documents(documents, words, vectors):
    """Each document as the mean of the unit-length embeddings of its words, shape (n_documents, dim).

    ``words[j]`` is the word whose embedding is ``vectors[j]``. Each embedding is first scaled
    to unit length (gensim's ``get_mean_vector`` default), so that every word gets one vote.
    Documents are split by ``tokenize``; every occurrence of a known word counts (a repeated
    word weighs more), unknown words are skipped, and a document without known words is a
    zero row.
    """
    vectors = _check_array(vectors, "vectors")
    words = [str(w) for w in words]
    if len(words) != vectors.shape[0]:
        raise ValueError(f"{len(words)} words but {vectors.shape[0]} rows of vectors")
    # TODO: README 'Averaged word embeddings'.
    ### BEGIN SOLUTION
    row = {w: j for j, w in enumerate(words)}
    # one (document, word row) pair per known token of the corpus
    pairs = [(d, row[t]) for d, doc in enumerate(documents) for t in tokenize(doc) if t in row]
    doc_ids, rows = np.array(pairs, dtype=np.int64).reshape(-1, 2).T  # (n_pairs,) each
    sums = np.zeros((len(documents), vectors.shape[1]))  # (n_documents, dim)
    # unit-length word vectors: a frequent word's long vector must not drown the others
    unit = _unit_rows(vectors)  # (n_words, dim)
    np.add.at(sums, doc_ids, unit[rows])  # add.at accumulates repeated document ids
    counts = np.bincount(doc_ids, minlength=len(documents))  # (n_documents,) known tokens
    # a document without known words keeps its zero row instead of 0 / 0
    return sums / np.maximum(counts, 1)[:, None]
    ### END SOLUTION


def precision_at_k(labels, neighbors, k=None):
    """The fraction of the first k recommendations that share their query's label.

    ``neighbors[i]`` are the recommendations of document i (as ``Recommender.recommend()``
    returns them for all documents) and ``labels[i]`` its label, e.g. its topic. The mean of
    ``(1/k) * #{j < k : labels[neighbors[i, j]] == labels[i]}`` over the documents i.
    """
    labels, neighbors = np.asarray(labels), np.asarray(neighbors)
    # TODO: README 'Precision at k'.
    ### BEGIN SOLUTION
    if labels.ndim != 1 or neighbors.ndim != 2 or neighbors.shape[0] != labels.shape[0]:
        raise ValueError(f"labels should have shape (n,) and neighbors (n, n_neighbors), got "
                         f"{labels.shape} and {neighbors.shape}")
    k = neighbors.shape[1] if k is None else k
    if not 1 <= k <= neighbors.shape[1]:
        raise ValueError(f"k={k} should be between 1 and the number of neighbours, {neighbors.shape[1]}")
    hits = labels[neighbors[:, :k]] == labels[:, None]  # (n, k): same label as the query?
    return float(hits.mean())
    ### END SOLUTION


class Recommender:
    """Similar and complementary recommendations by cosine similarity of document vectors.

    Parameters
    ----------
    n_recommendations : int, default=5
        How many sites ``recommend`` returns for each query.
    n_clusters : int, default=12
        The number of k-means clusters (topics) used by the complementary mode.
    random_state : int or None, default=None
        Seed of the k-means fit (passed on to ``KMeans``).

    Attributes
    ----------
    vectors_ : ndarray of shape (n_documents, n_features)
        The document vectors scaled to unit length (zero rows stay zero).
    clusters_ : ndarray of shape (n_documents,)
        The cluster of each document: the given ``clusters``, or k-means labels.
    vectorizer_ : TfidfVectorizer
        Only after ``fit_texts``: the fitted TF-IDF vectorizer.

    Notes
    -----
    With unit rows ``U``, all similarities are ``S = U[queries] @ U.T`` in O(q n d) time and
    O(q n) memory. A site is never its own recommendation (its own entry is set to -inf), and
    in complementary mode neither is any site of its cluster. The top k of each row come from
    a stable sort of ``-S``: largest similarity first, ties to the lower index. The scores
    are the similarities; scikit-learn's cosine distances are ``1 - scores``.

    Example
    -------
    >>> X = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]])
    >>> rec = Recommender(n_recommendations=1).fit(X, clusters=[0, 0, 1, 1])
    >>> rec.recommend([0])[1].tolist(), rec.recommend([0], mode="complementary")[1].tolist()
    ([[1]], [[3]])
    """

    def __init__(self, n_recommendations=5, n_clusters=12, random_state=None):
        ### BEGIN SOLUTION
        self.n_recommendations = n_recommendations
        self.n_clusters = n_clusters
        self.random_state = random_state
        ### END SOLUTION

    def fit(self, X, clusters=None):
        """Index the document vectors X; cluster them with KMeans unless ``clusters`` is given."""
        # TODO: README 'The pipeline' and 'Complementary recommendations'.
        ### BEGIN SOLUTION
        X = _check_array(X, "X")
        n = X.shape[0]
        if not 1 <= self.n_recommendations < n:
            raise ValueError(f"n_recommendations={self.n_recommendations} should be between 1 "
                             f"and n_documents - 1 = {n - 1}")
        # unit rows: one matrix product then gives cosine similarities
        self.vectors_ = _unit_rows(X)  # (n_documents, n_features)
        if clusters is None:
            # k-means on unit rows groups by angle, since ||a - b||^2 = 2 - 2 sim(a, b)
            kmeans = KMeans(n_clusters=self.n_clusters, random_state=self.random_state)
            clusters = kmeans.fit(self.vectors_).labels_
        clusters = np.asarray(clusters)
        if clusters.shape != (n,):
            raise ValueError(f"clusters should have shape ({n},), got {clusters.shape}")
        self.clusters_ = clusters
        ### END SOLUTION
        return self

    def fit_texts(self, documents):
        """TF-IDF of the texts (``TfidfVectorizer(min_df=2, max_df=0.5)``), then ``fit`` on those vectors."""
        ### BEGIN SOLUTION
        # min_df=2: a word of one site only (its name) cannot link two sites;
        # max_df=0.5: a word of most sites (the template's "site", "about") says nothing of a topic
        self.vectorizer_ = TfidfVectorizer(min_df=2, max_df=0.5)
        return self.fit(self.vectorizer_.fit_transform(documents))
        ### END SOLUTION

    def recommend(self, queries=None, mode="similar"):
        """The recommendations of the fitted documents ``queries`` (default: all of them).

        Returns ``(scores, neighbors)``, both of shape (n_queries, n_recommendations): the
        cosine similarities, largest first, and the indices of the recommended documents.
        ``mode="complementary"`` recommends only documents of another cluster.
        """
        # TODO: README 'Nearest neighbours by brute force' and 'Complementary recommendations'.
        ### BEGIN SOLUTION
        if not hasattr(self, "vectors_"):
            raise NotFittedError("This Recommender is not fitted yet; call fit(X) first.")
        if mode not in ("similar", "complementary"):
            raise ValueError(f"mode should be 'similar' or 'complementary', got {mode!r}")
        U, n = self.vectors_, self.vectors_.shape[0]
        everyone = queries is None
        queries = np.arange(n) if everyone else np.atleast_1d(np.asarray(queries))
        if queries.ndim != 1 or queries.dtype.kind not in "iu" or np.any((queries < 0) | (queries >= n)):
            raise ValueError(f"queries should be indices of fitted documents in [0, {n}), got {queries}")
        # for all queries, U @ U.T is a product with its own transpose, which numpy hands to
        # a symmetric routine (BLAS syrk) that does half the work
        S = U @ U.T if everyone else U[queries] @ U.T  # (n_queries, n_documents) similarities
        # a site is not a recommendation for itself
        S[np.arange(len(queries)), queries] = -np.inf
        if mode == "complementary":
            same = self.clusters_[queries][:, None] == self.clusters_[None, :]  # (n_queries, n)
            fewest = int(n - same.sum(axis=1).max())
            if fewest < self.n_recommendations:
                raise ValueError(f"only {fewest} documents lie outside the largest cluster, fewer "
                                 f"than n_recommendations={self.n_recommendations}")
            S[same] = -np.inf  # only sites of other clusters are candidates
        neighbors = top_k(S, self.n_recommendations)  # (n_queries, n_recommendations)
        return np.take_along_axis(S, neighbors, axis=1), neighbors
        ### END SOLUTION


def _check_array(X, name):
    """A finite, non-empty 2-D float array, or a ValueError saying what was received."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"{name} should be a non-empty 2-D array, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinity")
    return X


def _unit_rows(X):
    """X with each row divided by its Euclidean norm; zero rows stay zero."""
    # TODO: README 'Cosine similarity' (what about an empty document?).
    ### BEGIN SOLUTION
    norms = np.sqrt(np.einsum("ij,ij->i", X, X))[:, None]  # (n, 1)
    return X / np.where(norms > 0, norms, 1.0)
    ### END SOLUTION


def main(argv):
    """``python recommender.py [SITE]``: a site's similar and complementary sites, and precision@5."""
    import csv

    with open(Path(__file__).resolve().parent.parent / "data" / "sites.csv", newline="",
              encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = [row["site"] for row in rows]
    name = argv[0] if argv else names[0]
    if name not in names:
        print(f"unknown site {name!r}: data/sites.csv has no such site (e.g. {names[0]})")
        return 1
    i = names.index(name)
    topics = np.array([row["topic"] for row in rows])
    rec = Recommender(n_recommendations=5, n_clusters=12, random_state=0)
    rec.fit_texts([row["text"] for row in rows])
    second = f", also {rows[i]['second']}" if rows[i]["second"] else ""
    print(f"{name} ({rows[i]['topic']}{second}), cluster {rec.clusters_[i]}")
    for mode in ("similar", "complementary"):
        scores, neighbors = rec.recommend([i], mode=mode)
        print(f"  {mode}:")
        for score, j in zip(scores[0], neighbors[0], strict=True):
            print(f"    {score:.3f}  {names[j]:<16} {topics[j]:<12} cluster {rec.clusters_[j]}")
    print(f"precision@5 over the {len(rows)} sites: {precision_at_k(topics, rec.recommend()[1]):.3f}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main(sys.argv[1:]))
    except NotImplementedError:  # a stub: this file, tfidf.py or kmeans.py
        where = traceback.extract_tb(sys.exc_info()[2])[-1]
        print(f"not implemented yet: {Path(where.filename).name}, line {where.lineno} ({where.name}); "
              "fill it in, then run this again")
        raise SystemExit(1) from None
