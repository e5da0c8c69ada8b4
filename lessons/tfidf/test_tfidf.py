"""Hidden tests for the TF-IDF lesson, graded against scikit-learn's TfidfVectorizer.

Plausible mistakes, and the tests that catch them:

- splitting on spaces instead of the token pattern (punctuation kept, one-letter words kept),
  or ignoring ``token_pattern`` / ``lowercase`` -> test_analyze_matches_sklearn,
  test_vocabulary_matches_sklearn, test_case_is_kept_when_lowercase_is_false
- removing stop words after forming the n-grams, or an off-by-one in the n-gram loop (the
  last n-gram or the largest n missing) -> test_analyze_matches_sklearn[stop-words-bigrams],
  [ngram-2-3], test_corpus_matrix_matches_sklearn[bigrams]
- columns in order of first appearance instead of sorted term order -> test_vocabulary_matches_sklearn,
  test_get_feature_names_out
- df counting occurrences instead of documents (repeated words) -> test_idf_closed_form,
  test_pruning_matches_sklearn
- idf without the +1, with log10, smoothed only in the numerator, or smoothed when
  smooth_idf=False -> test_idf_closed_form, test_corpus_matrix_matches_sklearn
- tf as a proportion or as 0/1 instead of the raw count -> test_counts_closed_form,
  test_corpus_matrix_matches_sklearn
- sublinear tf as ln(c) or ln(1 + c) instead of 1 + ln(c) -> test_corpus_matrix_matches_sklearn[sublinear-tf]
- normalising columns instead of rows, l1 and l2 swapped, normalising before the idf weights
  -> test_corpus_matrix_matches_sklearn
- transform re-learning the idf from the documents it is given -> test_corpus_matrix_matches_sklearn
  (held-out documents), test_transform_uses_the_fitted_idf
- an empty document or one with only unknown words giving NaN ->
  test_empty_and_unknown_documents_are_zero_rows
- min_df/max_df: an int read as a proportion or a float as a count (1 vs 1.0), a fractional
  threshold rounded down, < instead of <= -> test_pruning_matches_sklearn
- max_features ranked by df or by idf instead of the total count, taken before the df pruning,
  or keeping the least frequent terms -> test_max_features_closed_form, test_max_features_matches_sklearn
- __init__ changing its arguments, fit not returning self, transform before fit -> the API tests
- missing input checks -> the edge-case tests at the end

Tolerance: the matrices are compared with rtol = atol = 1e-10. Reference and scikit-learn do
the same float64 operations (a log, products, a square root of a sum of squares) and differ only
in summation order, by a few 1e-16; every wrong formula above changes some entry by more than
1e-4 (for example ln(501/9) against ln(500/8), or an idf without its +1).
"""

import warnings

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer as SkTfidfVectorizer

from grader.testing import as_array, assert_close, sites

TOL = dict(rtol=1e-10, atol=1e-10)  # same float64 operations; see the module docstring

# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def corpus():
    """The course's corpus (data/sites.csv): 500 training texts and 100 held-out texts."""
    texts = [row["text"] for row in sites()]
    train = [t for i, t in enumerate(texts) if i % 6]
    held_out = texts[::6]
    return train, held_out


def sklearn_fit(docs, **params):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # stop words "inconsistent with preprocessing"
        return SkTfidfVectorizer(**params).fit(docs)


def dense(sk, docs):
    return sk.transform(docs).toarray()


def assert_same_vocabulary(actual, desired, what="vocabulary_"):
    """vocabulary_ as a dict term -> column, with missing / extra / moved terms named."""
    if not isinstance(actual, dict):
        raise AssertionError(f"{what} should be a dict term -> column, got {type(actual).__name__}")
    desired = {term: int(col) for term, col in desired.items()}
    missing = sorted(set(desired) - set(actual))
    extra = sorted(set(actual) - set(desired))
    moved = sorted(t for t in set(desired) & set(actual) if actual[t] != desired[t])
    if missing or extra or moved:
        parts = [f"{what} differs from scikit-learn's ({len(actual)} terms vs {len(desired)})"]
        if missing:
            parts.append(f"{len(missing)} terms missing, e.g. {missing[:5]}")
        if extra:
            parts.append(f"{len(extra)} extra terms, e.g. {extra[:5]}")
        if moved:
            t = moved[0]
            parts.append(f"{len(moved)} terms in another column, e.g. {t!r} in column {actual[t]} "
                         f"instead of {desired[t]} (columns follow the sorted order of the terms)")
        raise AssertionError("; ".join(parts))


# ------------------------------------------------------------------- 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_parameters(impl):
    params = dict(lowercase=False, token_pattern=r"\b\w+\b", stop_words=["the", "a"],
                  ngram_range=(1, 2), max_df=0.9, min_df=2, max_features=50, norm="l1",
                  use_idf=False, smooth_idf=False, sublinear_tf=True)
    model = impl.TfidfVectorizer(**params)
    stored = {name: getattr(model, name) for name in params}
    assert stored == params, (
        f"__init__ should store its arguments unchanged; got {stored}, expected {params}"
    )
    default = impl.TfidfVectorizer()
    got = (default.token_pattern, default.ngram_range, default.norm, default.min_df, default.max_df)
    expected = (r"(?u)\b\w\w+\b", (1, 1), "l2", 1, 1.0)
    kinds = (type(default.min_df).__name__, type(default.max_df).__name__)
    assert got == expected and kinds == ("int", "float"), (
        f"the defaults (token_pattern, ngram_range, norm, min_df, max_df) should be "
        f"{expected}, with min_df an int (one document) and max_df a float (all of them); "
        f"got {got}, of types {kinds}"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_output_is_dense(impl, corpus):
    train, _ = corpus
    model = impl.TfidfVectorizer()
    assert model.fit(train) is model, "fit should return self"
    X = model.transform(train[:7])
    assert isinstance(X, np.ndarray) and X.dtype == np.float64, (
        f"transform should return a dense float64 numpy array, got {type(X).__name__}"
        f"{' of dtype ' + str(X.dtype) if isinstance(X, np.ndarray) else ''}"
    )
    n_features = len(model.vocabulary_)
    assert X.shape == (7, n_features), (
        f"transform of 7 documents has shape {X.shape}, expected (7, {n_features}): "
        "one row per document, one column per term of vocabulary_"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_transform_before_fit_raises(impl):
    with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
        impl.TfidfVectorizer().transform(["a document"])


@pytest.mark.points(1)
def test_fit_transform_equals_fit_then_transform(impl, corpus):
    train, _ = corpus
    X = impl.TfidfVectorizer(sublinear_tf=True).fit_transform(train[:100])
    Y = impl.TfidfVectorizer(sublinear_tf=True).fit(train[:100]).transform(train[:100])
    assert_close(X, Y, **TOL, what="fit_transform(docs)", baseline="fit(docs).transform(docs)")


@pytest.mark.points(1)
def test_get_feature_names_out(impl, corpus):
    train, _ = corpus
    names = impl.TfidfVectorizer(min_df=3).fit(train).get_feature_names_out()
    expected = sklearn_fit(train, min_df=3).get_feature_names_out().astype(str)
    assert isinstance(names, np.ndarray), (
        f"get_feature_names_out() should return a numpy array, got {type(names).__name__}")
    assert names.shape == expected.shape and (names == expected).all(), (
        f"get_feature_names_out() should list the terms in column order (sorted), like "
        f"scikit-learn's; got {names[:5].tolist()}... ({names.size} terms), expected "
        f"{expected[:5].tolist()}... ({expected.size} terms)"
    )


# ---------------------------------------------------- 2. agreement with scikit-learn

ANALYZE_CASES = {
    "default": ("The cat sat on the mat. A cat? I saw 2 cats & 22 dogs!", {}),
    "case-kept": ("The Cat and the cat, THE CAT", dict(lowercase=False)),
    "own-token-pattern": ("x = 1 + y2; print(x)", dict(token_pattern=r"\b\w+\b")),
    "stop-words-bigrams": ("the cat and the dog of the house", dict(stop_words=["the", "and", "of"],
                                                                     ngram_range=(1, 2))),
    "ngram-2-3": ("one two three four five", dict(ngram_range=(2, 3))),
}


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(ANALYZE_CASES), ids=list(ANALYZE_CASES))
def test_analyze_matches_sklearn(impl, case):
    doc, params = ANALYZE_CASES[case]
    got = impl.TfidfVectorizer(**params).analyze(doc)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = SkTfidfVectorizer(**params).build_analyzer()(doc)
    # The order within the list does not matter for the counts: compare as multisets.
    assert isinstance(got, list) and sorted(got) == sorted(expected), (
        f"analyze({doc!r}) with {params or 'the defaults'} should give the terms "
        f"{sorted(expected)} (in any order), got {sorted(got) if isinstance(got, list) else got}"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_vocabulary_matches_sklearn(impl, corpus):
    train, _ = corpus
    ours = impl.TfidfVectorizer().fit(train)
    assert_same_vocabulary(ours.vocabulary_, sklearn_fit(train).vocabulary_)


@pytest.mark.points(2)
def test_counts_closed_form(impl):
    # With no idf and no norm, the matrix is the raw count of each term in each document.
    docs = ["aa bb aa", "BB cc. Aa!", "cc cc cc dd", "", "x y z"]
    X = impl.TfidfVectorizer(use_idf=False, norm=None).fit_transform(docs)
    expected = np.array([[2, 1, 0, 0], [1, 1, 1, 0], [0, 0, 3, 1], [0, 0, 0, 0], [0, 0, 0, 0]])
    assert_close(X, expected, rtol=0, atol=0, what="the counts (use_idf=False, norm=None)",
                 baseline="the hand count")


@pytest.mark.points(1)
@pytest.mark.parametrize("smooth", [True, False], ids=["smooth", "not-smooth"])
def test_idf_closed_form(impl, smooth):
    # n = 4 documents; df counts documents, not occurrences: cc occurs 4 times in 2 documents.
    docs = ["aa bb aa", "bb cc", "cc cc cc dd", "bb"]
    df = np.array([1, 3, 2, 1])
    n = 4
    expected = np.log((n + 1) / (df + 1)) + 1 if smooth else np.log(n / df) + 1
    idf = impl.TfidfVectorizer(smooth_idf=smooth).fit(docs).idf_
    assert_close(idf, expected, rtol=1e-12, atol=0, what=f"idf_ (smooth_idf={smooth})",
                 baseline="ln((1 + n) / (1 + df)) + 1" if smooth else "ln(n / df) + 1")


MATRIX_CASES = {
    "default": {},
    "norm-l1": dict(norm="l1"),
    "norm-none": dict(norm=None),
    "no-idf": dict(use_idf=False),
    "not-smooth": dict(smooth_idf=False),
    "sublinear-tf": dict(sublinear_tf=True, norm=None),
    "bigrams": dict(ngram_range=(1, 2)),
    "stop-words": dict(stop_words=["is", "a", "about", "and", "the", "of", "with"]),
}


@pytest.mark.parametrize("case", list(MATRIX_CASES), ids=list(MATRIX_CASES))
@pytest.mark.points(1)
def test_corpus_matrix_matches_sklearn(impl, corpus, case):
    # Fitted on 250 sites (100 for bigrams), applied to them and to 100 held-out sites (with
    # words unseen in fit); fewer than 500 keeps the dense matrices small and the tests fast.
    train, held_out = corpus
    train = train[:: 5 if case == "bigrams" else 2]
    params = MATRIX_CASES[case]
    ours = impl.TfidfVectorizer(**params)
    X = ours.fit_transform(train)
    sk = sklearn_fit(train, **params)
    assert_same_vocabulary(ours.vocabulary_, sk.vocabulary_)
    assert_close(X, dense(sk, train), **TOL, what=f"fit_transform(training texts) with {params}")
    assert_close(ours.transform(held_out), dense(sk, held_out), **TOL,
                 what=f"transform(held-out texts) with {params}")


@pytest.mark.points(1)
def test_transform_uses_the_fitted_idf(impl):
    # "bb" is in every training document (low idf) and in one new document.
    model = impl.TfidfVectorizer(norm=None).fit(["aa bb", "bb cc", "bb dd"])
    X = model.transform(["bb", "aa"])
    idf_bb, idf_aa = np.log(4 / 4) + 1, np.log(4 / 2) + 1
    assert_close(X, [[0, idf_bb, 0, 0], [idf_aa, 0, 0, 0]], **TOL,
                 what="transform(['bb', 'aa']) after fit(['aa bb', 'bb cc', 'bb dd'])",
                 baseline="the idf learned in fit")


PRUNING_CASES = {
    "min_df=8 (int, boundary)": dict(min_df=8),
    "min_df=0.015 (7.5 documents)": dict(min_df=0.015),
    "max_df=268 (int, boundary)": dict(max_df=268),
    "max_df=1 (int: one document)": dict(max_df=1),
    "min_df=10 and max_df=0.3": dict(min_df=10, max_df=0.3),
}


@pytest.mark.parametrize("case", list(PRUNING_CASES), ids=list(PRUNING_CASES))
@pytest.mark.points(1)
def test_pruning_matches_sklearn(impl, corpus, case):
    train, _ = corpus
    params = PRUNING_CASES[case]
    ours = impl.TfidfVectorizer(**params).fit(train)
    sk = sklearn_fit(train, **params)
    assert_same_vocabulary(ours.vocabulary_, sk.vocabulary_, what=f"vocabulary_ with {params}")
    assert_close(ours.idf_, sk.idf_, **TOL, what=f"idf_ with {params}")


@pytest.mark.points(1)
def test_max_features_closed_form(impl):
    # Totals over the corpus (documents): aa 6 (1), cc 5 (2), dd 4 (3), bb 3 (3), ee 2 (2).
    # min_df=2 removes aa first; then the 2 largest totals are cc and dd (by df: bb and dd).
    docs = ["aa aa aa aa aa aa bb", "bb cc cc cc cc", "cc dd", "dd ee bb", "dd dd ee"]
    model = impl.TfidfVectorizer(max_features=2, min_df=2).fit(docs)
    assert_same_vocabulary(model.vocabulary_, {"cc": 0, "dd": 1},
                           what="vocabulary_ with max_features=2, min_df=2 (the largest total counts)")


@pytest.mark.points(1)
def test_max_features_matches_sklearn(impl, corpus):
    # 13 terms share the count at the cut; scikit-learn keeps those that np.argsort(-total)
    # puts first (README: 'Pruning the vocabulary').
    train, held_out = corpus
    ours = impl.TfidfVectorizer(max_features=100)
    X = ours.fit_transform(train)
    sk = sklearn_fit(train, max_features=100)
    assert_same_vocabulary(ours.vocabulary_, sk.vocabulary_, what="vocabulary_ with max_features=100")
    assert_close(X, dense(sk, train), **TOL, what="fit_transform with max_features=100")


# ------------------------------------------------------- 3. edge cases and errors


@pytest.mark.points(1)
@pytest.mark.parametrize("norm", ["l2", "l1"])
def test_empty_and_unknown_documents_are_zero_rows(impl, norm):
    model = impl.TfidfVectorizer(norm=norm).fit(["aa bb", "bb cc", ""])
    X = as_array(model.transform(["", "zz yy", "a I 1", "cc"]), "transform(...)")
    if not (np.isfinite(X).all() and not X[:3].any()):
        raise AssertionError(
            f"an empty document, one of unknown words and one of one-character words should give "
            f"zero rows (norm={norm!r}), got {X[:3].tolist()}: do not divide by a zero norm"
        )
    assert_close(X[3], [0, 0, 1], rtol=1e-12, atol=0, what="the row of 'cc'",
                 baseline="a unit row")


@pytest.mark.points(1)
def test_case_is_kept_when_lowercase_is_false(impl):
    docs = ["Apple apple APPLE", "apple pie"]
    model = impl.TfidfVectorizer(lowercase=False).fit(docs)
    assert_same_vocabulary(model.vocabulary_, sklearn_fit(docs, lowercase=False).vocabulary_,
                           what="vocabulary_ with lowercase=False")


@pytest.mark.points(1)
def test_numpy_array_of_str_is_accepted(impl, corpus):
    train, _ = corpus
    X = impl.TfidfVectorizer().fit_transform(np.array(train[:40]))
    assert_close(X, dense(sklearn_fit(train[:40]), train[:40]), **TOL,
                 what="fit_transform(np.array(texts))")


@pytest.mark.points(1)
def test_a_single_string_is_refused(impl):
    with pytest.raises(ValueError, match=r"(?i)str"):
        impl.TfidfVectorizer().fit("one document, not a list of them")
    model = impl.TfidfVectorizer().fit(["aa bb", "bb cc"])
    with pytest.raises(ValueError, match=r"(?i)str"):
        model.transform("aa bb")


@pytest.mark.points(1)
def test_a_document_that_is_not_a_str_is_refused(impl):
    with pytest.raises(ValueError, match=r"(?i)int"):
        impl.TfidfVectorizer().fit(["aa bb", 3])


@pytest.mark.points(1)
def test_empty_vocabulary_raises(impl):
    with pytest.raises(ValueError, match=r"(?i)empty vocabulary"):
        impl.TfidfVectorizer().fit(["a b", "I", ""])
    with pytest.raises(ValueError, match=r"(?i)empty vocabulary"):
        impl.TfidfVectorizer(stop_words=["aa", "bb"]).fit(["aa bb", "bb"])
    with pytest.raises(ValueError, match=r"(?i)empty vocabulary"):
        impl.TfidfVectorizer().fit([])


@pytest.mark.points(1)
def test_pruning_that_leaves_nothing_raises(impl):
    docs = ["aa bb", "bb cc", "cc dd"]
    with pytest.raises(ValueError, match=r"(?i)no terms remain"):
        impl.TfidfVectorizer(min_df=3).fit(docs)
    with pytest.raises(ValueError, match=r"(?i)max_df"):
        impl.TfidfVectorizer(min_df=3, max_df=2).fit(docs)


@pytest.mark.points(1)
@pytest.mark.public
def test_bad_parameters_raise(impl):
    docs = ["aa bb", "bb cc"]
    with pytest.raises(ValueError, match=r"norm"):
        impl.TfidfVectorizer(norm="l3").fit(docs)
    with pytest.raises(ValueError, match=r"ngram_range"):
        impl.TfidfVectorizer(ngram_range=(2, 1)).fit(docs)
    with pytest.raises(ValueError, match=r"min_df"):
        impl.TfidfVectorizer(min_df=1.5).fit(docs)


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("forgets the +1 of the idf, so a term of every document weighs nothing",
     "self.idf_ = np.log(n_smooth / df_smooth) + 1.0", "self.idf_ = np.log(n_smooth / df_smooth)",
     "idf_ (smooth_idf=True) differs"),
    ("reads a float min_df as a count of documents",
     "low = self.min_df if isinstance(self.min_df, Integral) else self.min_df * n",
     "low = self.min_df", "vocabulary_ with {'min_df'"),
    ("divides an empty row by its zero norm", "norms[norms == 0] = 1.0", "pass", "zero rows"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py):
# the corpus's texts resampled to n documents; fit, then transform the same documents.
def _bench_data(n):
    texts = [row["text"] for row in sites()]
    return [texts[i] for i in np.random.default_rng(0).integers(0, len(texts), size=n)]


def _bench_impl(module, data):
    module.TfidfVectorizer().fit(data).transform(data)


def _bench_baseline(data):
    SkTfidfVectorizer().fit(data).transform(data)


BENCHMARK = {
    "what": "fit + transform of n texts (default options; scikit-learn returns a sparse matrix, "
            "the lesson a dense one)",
    "size": 10_000, "check_size": 200,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Tokenise each document once with the compiled regular expression, then count all "
            "(document, term) pairs at once: np.unique for the columns and np.bincount for the "
            "counts, with no Python loop over the pairs or the terms (README: 'Counting without loops').",
}
