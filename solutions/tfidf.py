"""TF-IDF: documents as vectors of weighted word counts.

A document becomes a row of a matrix with one column per term of a vocabulary. The entry
for term t in document d is its count, weighted down when t occurs in many documents:

    tf(t, d)  = count of t in d                      (or 1 + ln count, ``sublinear_tf``)
    idf(t)    = ln((1 + n) / (1 + df(t))) + 1        (``smooth_idf``; else ln(n / df(t)) + 1)
    v(t, d)   = tf(t, d) * idf(t),   then each row divided by its l2 (or l1) norm

where n is the number of training documents and df(t) the number of them that contain t.
Terms are the tokens of the regular expression ``token_pattern`` (by default words of two
or more letters or digits), with stop words removed, and their n-grams.

References: K. Sparck Jones, "A statistical interpretation of term specificity and its
application in retrieval", J. Documentation 28 (1972); G. Salton and C. Buckley,
"Term-weighting approaches in automatic text retrieval", Inf. Proc. & Management 24 (1988);
C. Manning, P. Raghavan and H. Schuetze, "Introduction to Information Retrieval" (2008), ch. 6;
scikit-learn's ``sklearn/feature_extraction/text.py``.
"""

import re
from numbers import Integral, Real

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when transform is called before fit."""


class TfidfVectorizer:
    """Turn a list of texts into a dense matrix of TF-IDF weights (scikit-learn's options).

    Parameters
    ----------
    lowercase : bool, default=True
        Lower-case every document before tokenising.
    token_pattern : str, default=r"(?u)\\b\\w\\w+\\b"
        The regular expression whose matches are the tokens (with one group: the group's text).
    stop_words : list of str or None, default=None
        Tokens to drop before the n-grams are formed.
    ngram_range : tuple (min_n, max_n), default=(1, 1)
        Keep every run of min_n to max_n consecutive tokens, joined by one space.
    max_df, min_df : float in [0, 1] or int, default=1.0 and 1
        Drop the terms found in more than ``max_df`` / fewer than ``min_df`` documents; a float
        is a proportion of the training documents, an int a count.
    max_features : int or None, default=None
        Keep only the terms with the largest total count over the training documents (ties at
        the cut: those that ``np.argsort(-total)`` puts first, as in scikit-learn).
    norm : {"l2", "l1", None}, default="l2"
        Divide each row by its Euclidean norm, by its sum of absolute values, or not at all.
    use_idf : bool, default=True
        Multiply the term frequencies by the idf weights.
    smooth_idf : bool, default=True
        Add one to n and to every df, as if one extra document contained every term.
    sublinear_tf : bool, default=False
        Replace a count c > 0 by 1 + ln c.

    Attributes
    ----------
    vocabulary_ : dict of str -> int
        Each term's column; columns follow the sorted order of the terms.
    idf_ : ndarray of shape (n_features,)
        The idf weight of each column (computed even when ``use_idf`` is False).

    Notes
    -----
    Tokens are counted without a Python loop over the matrix: the tokens of all documents
    are concatenated, mapped to column numbers (``np.unique`` when fitting, a binary search
    in the sorted vocabulary when transforming), and every (document, column) pair is counted
    at once by ``np.bincount``. The result is dense, n_documents x n_features floats: about
    600 x 1,000 for the course's corpus, 5 MB; a real vocabulary of 10^5 terms would need a
    sparse matrix, which is what scikit-learn returns.

    Example
    -------
    >>> docs = ["the cat sat", "the dog sat", "the dog barked"]
    >>> X = TfidfVectorizer().fit_transform(docs)
    >>> X.shape, sorted(TfidfVectorizer().fit(docs).vocabulary_)[:2]
    ((3, 5), ['barked', 'cat'])
    """

    def __init__(self, lowercase=True, token_pattern=r"(?u)\b\w\w+\b", stop_words=None,
                 ngram_range=(1, 1), max_df=1.0, min_df=1, max_features=None, norm="l2",
                 use_idf=True, smooth_idf=True, sublinear_tf=False):
        ### BEGIN SOLUTION
        self.lowercase = lowercase
        self.token_pattern = token_pattern
        self.stop_words = stop_words
        self.ngram_range = ngram_range
        self.max_df = max_df
        self.min_df = min_df
        self.max_features = max_features
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf
        ### END SOLUTION

    def analyze(self, doc):
        """The terms of one document, in scikit-learn's order: unigrams, then bigrams, ...

        The same list as scikit-learn's ``build_analyzer()(doc)``.
        """
        # TODO: lower-case, find the tokens, drop stop words, then add the n-grams
        # (README: 'From text to terms').
        ### BEGIN SOLUTION
        if self.lowercase:
            doc = doc.lower()
        tokens = re.findall(self.token_pattern, doc)
        if self.stop_words is not None:
            stop = set(self.stop_words)
            tokens = [t for t in tokens if t not in stop]  # before the n-grams: they bridge the gap
        min_n, max_n = self.ngram_range
        # the unigrams are the tokens themselves: joining slices of one token would copy each
        unigrams = tokens if min_n == 1 else []
        return unigrams + [" ".join(tokens[i:i + n])
                           for n in range(max(min_n, 2), max_n + 1) for i in range(len(tokens) - n + 1)]
        ### END SOLUTION

    def fit(self, raw_documents, y=None):
        """Learn the vocabulary and the idf weights of a list of texts."""
        # TODO: count every (document, term) pair, prune by df and max_features, then the idf
        # (README: 'Counting without loops', 'Pruning the vocabulary', 'Inverse document frequency').
        ### BEGIN SOLUTION
        docs = _check_documents(raw_documents)
        self._check_params()
        doc_ids, tokens = self._tokens(docs)
        if tokens.size == 0:
            raise ValueError("empty vocabulary: the documents contain no tokens "
                             "(only stop words, or words of one character?)")
        # np.unique sorts the terms, so columns come in sorted term order, as scikit-learn's
        terms, term_ids = np.unique(tokens, return_inverse=True)
        n = len(docs)
        # df needs only which terms each document contains, not how often: booleans
        # (one byte per pair, not the eight of a float count)
        contains = np.zeros((n, len(terms)), dtype=bool)  # (n_documents, n_terms)
        contains[doc_ids, term_ids] = True
        df = contains.sum(axis=0)  # (n_terms,) documents containing each term
        # an int is a count of documents, a float a proportion of them (1 and 1.0 differ)
        high = self.max_df if isinstance(self.max_df, Integral) else self.max_df * n
        low = self.min_df if isinstance(self.min_df, Integral) else self.min_df * n
        if high < low:
            raise ValueError(f"max_df={self.max_df} corresponds to fewer documents than "
                             f"min_df={self.min_df} (of {n})")
        keep = (df <= high) & (df >= low)
        if self.max_features is not None and keep.sum() > self.max_features:
            # the most frequent terms over the whole corpus; numpy's default (unstable) sort, as
            # scikit-learn's, so that equally frequent terms at the cut are the ones it keeps
            total = np.bincount(term_ids, minlength=len(terms))[keep]  # count over the corpus
            best = np.flatnonzero(keep)[np.argsort(-total)[:self.max_features]]
            keep = np.zeros_like(keep)
            keep[best] = True
        if not keep.any():
            raise ValueError("after pruning, no terms remain; try a lower min_df or a higher max_df")
        self._terms = terms[keep]  # still sorted: transform looks terms up by binary search
        self.vocabulary_ = {str(t): i for i, t in enumerate(self._terms)}
        df = df[keep]
        # the smoothed idf adds a document containing every term, so no division by zero
        n_smooth, df_smooth = (n + 1, df + 1) if self.smooth_idf else (n, df)
        self.idf_ = np.log(n_smooth / df_smooth) + 1.0  # (n_features,)
        ### END SOLUTION
        return self

    def transform(self, raw_documents):
        """The TF-IDF matrix of a list of texts, shape (n_documents, n_features), dense."""
        # TODO: count the known terms, then weight and normalise each row
        # (README: 'Term frequency', 'Normalisation').
        ### BEGIN SOLUTION
        self._check_fitted()
        docs = _check_documents(raw_documents)
        doc_ids, tokens = self._tokens(docs)
        # look each token up in the sorted vocabulary; unknown tokens are dropped
        where = np.searchsorted(self._terms, tokens)  # (n_tokens,)
        where = np.minimum(where, len(self._terms) - 1)
        known = self._terms[where] == tokens
        X = _count(doc_ids[known], where[known], len(docs), len(self._terms))  # (n_docs, n_features)
        if self.sublinear_tf:
            X[X > 0] = 1.0 + np.log(X[X > 0])  # zeros stay zero: log is only taken of counts > 0
        if self.use_idf:
            X *= self.idf_
        if self.norm is not None:
            # einsum sums the squares row by row without a temporary X**2
            norms = np.sqrt(np.einsum("ij,ij->i", X, X)) if self.norm == "l2" else np.abs(X).sum(axis=1)
            norms[norms == 0] = 1.0  # an empty row stays a zero row, not NaN
            X /= norms[:, None]
        return X
        ### END SOLUTION

    def fit_transform(self, raw_documents, y=None):
        """Fit, then transform the same texts."""
        return self.fit(raw_documents).transform(raw_documents)

    def get_feature_names_out(self, input_features=None):
        """The terms in column order, as a numpy array of str."""
        self._check_fitted()
        return np.array(sorted(self.vocabulary_, key=self.vocabulary_.get), dtype=str)

    def _tokens(self, docs):
        """All terms of all documents in one array, and the document each came from."""
        analyzed = [self.analyze(doc) for doc in docs]
        lengths = np.array([len(terms) for terms in analyzed], dtype=np.int64)
        doc_ids = np.repeat(np.arange(len(docs)), lengths)  # (n_tokens,)
        tokens = np.array([t for terms in analyzed for t in terms], dtype=str)  # (n_tokens,)
        return doc_ids, tokens

    def _check_fitted(self):
        if not hasattr(self, "vocabulary_"):
            raise NotFittedError("this TfidfVectorizer is not fitted yet; call fit first")

    def _check_params(self):
        min_n, max_n = self.ngram_range
        if not 1 <= min_n <= max_n:
            raise ValueError(f"ngram_range should be (min_n, max_n) with 1 <= min_n <= max_n, "
                             f"got {self.ngram_range}")
        if self.norm not in ("l1", "l2", None):
            raise ValueError(f"norm should be 'l1', 'l2' or None, got {self.norm!r}")
        if isinstance(self.stop_words, str):
            raise ValueError(f"stop_words should be a list of words or None, got {self.stop_words!r}")
        for name in ("max_df", "min_df"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, Real) or value < 0 or (
                    not isinstance(value, Integral) and value > 1):
                raise ValueError(f"{name} should be an int >= 0 or a float in [0, 1], got {value!r}")
        if self.max_features is not None and (
                not isinstance(self.max_features, Integral) or self.max_features < 1):
            raise ValueError(f"max_features should be a positive int or None, got {self.max_features!r}")
        if re.compile(self.token_pattern).groups > 1:
            raise ValueError(f"token_pattern should have at most one group, got {self.token_pattern!r}")


def _count(doc_ids, term_ids, n_docs, n_terms):
    """The (n_docs, n_terms) float matrix of counts of the (document, term) pairs given."""
    # TODO: no Python loop over the pairs: one flat index per pair, then np.bincount
    # (README: 'Counting without loops').
    ### BEGIN SOLUTION
    flat = doc_ids * n_terms + term_ids  # (n_tokens,) the pair's position in the flat matrix
    # weights of 1 make bincount count in floats: no integer matrix to convert afterwards
    counts = np.bincount(flat, weights=np.ones(flat.shape), minlength=n_docs * n_terms)
    return counts.reshape(n_docs, n_terms)
    ### END SOLUTION


def _check_documents(raw_documents):
    """A list of str from a list, tuple or 1-D array of str; a ValueError naming what came."""
    if isinstance(raw_documents, str):
        raise ValueError("expected a list of documents, got a single str; wrap it in a list")
    if isinstance(raw_documents, np.ndarray) and raw_documents.ndim != 1:
        raise ValueError(f"expected a 1-D list of documents, got an array of shape {raw_documents.shape}")
    docs = list(raw_documents)
    for i, doc in enumerate(docs):
        if not isinstance(doc, str):
            raise ValueError(f"document {i} should be a str, got {type(doc).__name__}: {doc!r:.50}")
    return docs
