"""Hidden tests for the PCA lesson, graded against scikit-learn's PCA(svd_solver="full").

Plausible mistakes, and the tests that catch them:

- forgetting to centre (SVD of X itself), or centring with the overall mean X.mean() ->
  test_mean_and_singular_values_match_sklearn, test_components_match_sklearn_up_to_sign,
  test_transform_matches_sklearn
- n instead of n - 1 in explained_variance_ -> test_explained_variance_matches_sklearn,
  test_scores_are_uncorrelated_with_the_explained_variances
- explained_variance_ratio_ divided by the variance of the kept components instead of the
  total -> test_explained_variance_ratio_matches_sklearn (cases that drop components),
  test_fraction_n_components_matches_sklearn
- a fraction n_components off by one: >= instead of > (ties), or the +1 forgotten ->
  test_fraction_is_strictly_exceeded, test_fraction_n_components_matches_sklearn
- the wrong SVD factor or a wrong transpose (columns of Vt, or X @ components_) ->
  test_components_match_sklearn_up_to_sign, test_transform_matches_sklearn (square case
  "iris-all"), test_components_are_orthonormal
- no sign convention, or a different one -> test_component_signs_follow_svd_flip (1 point only:
  every other comparison is made up to the sign of each component)
- whitening without the square root, by the singular values, or with the n-variance ->
  test_whitened_transform_matches_sklearn, test_whitened_scores_have_unit_variance
- inverse_transform without adding mean_ back, or without undoing the whitening ->
  test_inverse_transform_matches_sklearn, test_inverse_of_zero_scores_is_the_mean,
  test_all_components_reconstruct_the_data
- n_components bounded by n_features instead of min(n_samples, n_features), or not checked ->
  test_too_many_components_raises
- eigendecomposition of the covariance matrix instead of the SVD of the centred data (a zero
  singular value comes back as ~sqrt(eps) * s_max) -> test_none_keeps_min_of_samples_and_features
- missing input checks, or refusing two samples -> the edge-case tests at the end
"""

import functools

import numpy as np
import pytest
from sklearn.datasets import load_digits, load_iris, load_wine
from sklearn.decomposition import PCA as SkPCA

from grader.testing import assert_close

# ---------------------------------------------------------------------------- data


def wide_data():
    """20 samples, 50 features: fewer samples than features, so min(n, p) = n_samples."""
    rng = np.random.default_rng(0)
    return rng.normal(size=(20, 50)) * np.linspace(3.0, 0.5, 50) + 5.0


def case_data(case):
    """(X, new data, n_components), fresh copies. Every compared component is well separated:
    the gaps between the singular values kept are >= 6e-4 of the largest one."""
    X, X_new, n_components = _case_data(case)
    return X.copy(), X_new.copy(), n_components


@functools.cache
def _case_data(case):
    rng = np.random.default_rng(1)
    if case == "iris-all":  # all 4 components: components_ is square, a transpose shows
        X, n_components = load_iris().data, None
    elif case == "wine-5":  # raw wine: features on scales from 0.1 to 1000
        X, n_components = load_wine().data, 5
    elif case == "digits-10":  # 64 pixels, some constant: only the top 10 are compared
        X, n_components = load_digits().data[:300], 10
    else:
        raise KeyError(case)
    X_new = X + rng.normal(size=X.shape) * X.std(axis=0)
    return X, X_new, n_components


CASES = ["iris-all", "wine-5", "digits-10"]


def sk_fit(X, **params):
    return SkPCA(svd_solver="full", **params).fit(X)


@functools.cache
def sklearn_pca(case, whiten=False):
    X, _, n_components = case_data(case)
    return sk_fit(X, n_components=n_components, whiten=whiten)


def fit_ours(impl, case, whiten=False):
    X, _, n_components = case_data(case)
    return impl.PCA(n_components=n_components, whiten=whiten).fit(X)


def signs_against(rows, reference_rows):
    """+1 or -1 per row: the sign that makes each row point the way the reference row does."""
    return np.where(np.sum(np.asarray(rows) * reference_rows, axis=1) < 0, -1.0, 1.0)


# ------------------------------------------------------------------- 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_init_stores_parameters(impl):
    model = impl.PCA(n_components=0.85, whiten=True)
    stored = (model.n_components, model.whiten)
    assert stored == (0.85, True), (
        f"__init__ should store its arguments unchanged; got (n_components, whiten) = {stored}, "
        "expected (0.85, True)"
    )
    default = impl.PCA()
    assert (default.n_components, default.whiten) == (None, False), (
        "the defaults should be n_components=None, whiten=False"
    )


@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_fitted_shapes(impl):
    X = load_wine().data
    model = impl.PCA(n_components=3)
    assert model.fit(X) is model, "fit should return self"
    expected = {
        "mean_": (13,), "components_": (3, 13), "explained_variance_": (3,),
        "explained_variance_ratio_": (3,), "singular_values_": (3,),
    }
    for name, shape in expected.items():
        got = np.shape(getattr(model, name))
        assert got == shape, f"{name} has shape {got}, expected {shape} (n_components=3, 13 features)"
    assert model.n_components_ == 3, f"n_components_ is {model.n_components_!r}, expected 3"
    Z = np.asarray(model.transform(X))
    assert Z.shape == (178, 3), f"transform(X) has shape {Z.shape}, expected (178, 3)"
    back = np.asarray(model.inverse_transform(Z))
    assert back.shape == (178, 13), f"inverse_transform(Z) has shape {back.shape}, expected (178, 13)"


@pytest.mark.points(1)
@pytest.mark.public
def test_not_fitted_error(impl):
    X = load_iris().data
    model = impl.PCA(n_components=2)
    with pytest.raises((ValueError, AttributeError), match=r"(?i)not (yet )?fitted|call .?fit"):
        model.transform(X)
    with pytest.raises((ValueError, AttributeError), match=r"(?i)not (yet )?fitted|call .?fit"):
        model.inverse_transform(X[:, :2])


@pytest.mark.points(1)
def test_fit_transform_equals_fit_then_transform(impl):
    X, _, _ = case_data("wine-5")
    for whiten in (False, True):
        Z = impl.PCA(n_components=4, whiten=whiten).fit_transform(X)
        expected = impl.PCA(n_components=4, whiten=whiten).fit(X).transform(X)
        # Two routes to the same scores (U S, or X_c V) agree to rounding, ~1e-12 relative.
        assert_close(Z, expected, rtol=1e-9, atol=1e-9 * np.abs(expected).max(),
                     what=f"fit_transform(X) with whiten={whiten}", baseline="fit(X).transform(X)")


@pytest.mark.points(1)
def test_none_keeps_min_of_samples_and_features(impl):
    X = wide_data()  # 20 samples, 50 features
    model = impl.PCA().fit(X)
    assert model.n_components_ == 20, (
        f"with n_components=None and 20 samples x 50 features, n_components_ is "
        f"{model.n_components_!r}; expected min(n_samples, n_features) = 20"
    )
    assert np.shape(model.components_) == (20, 50), (
        f"components_ has shape {np.shape(model.components_)}, expected (20, 50)"
    )
    sk = sk_fit(X)
    # The last singular value is 0 up to rounding (centring removes one dimension); an SVD
    # is accurate to ~eps * s_max in every singular value, so atol is relative to s_max.
    assert_close(model.singular_values_, sk.singular_values_, rtol=0,
                 atol=1e-8 * sk.singular_values_[0], what="singular_values_ (20 x 50 data)")


# ---------------------------------------------------- 2. agreement with scikit-learn
#
# Tolerances. A backward-stable SVD returns every singular value to within ~eps * s_max of
# the exact one (Weyl's inequality), not to eps * s_j: small singular values are accurate
# only relative to the LARGEST. So singular values are compared with atol = 1e-8 * s_max and
# explained variances with atol = 1e-8 * their largest value. A singular vector moves by
# ~eps * s_max / gap, and the gaps here are >= 6e-4 * s_max, so components agree to ~1e-12;
# scores and reconstructions are on the scale of the data, so their atol is 1e-8 times the
# largest entry compared. 1e-8 leaves four orders of magnitude for a different LAPACK.


@pytest.mark.points(1)
@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_mean_and_singular_values_match_sklearn(impl, case):
    ours, sk = fit_ours(impl, case), sklearn_pca(case)
    X = case_data(case)[0]
    # A mean of a few hundred numbers: rounding only.
    assert_close(ours.mean_, sk.mean_, rtol=1e-12, atol=1e-12 * np.abs(X).max(), what="mean_")
    s_max = sk.singular_values_[0]
    assert_close(ours.singular_values_, sk.singular_values_, rtol=0, atol=1e-8 * s_max,
                 what="singular_values_")


@pytest.mark.points(1)
@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_explained_variance_matches_sklearn(impl, case):
    ours, sk = fit_ours(impl, case), sklearn_pca(case)
    assert_close(ours.explained_variance_, sk.explained_variance_, rtol=0,
                 atol=1e-8 * sk.explained_variance_[0], what="explained_variance_")


@pytest.mark.points(1)
@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_explained_variance_ratio_matches_sklearn(impl, case):
    ours, sk = fit_ours(impl, case), sklearn_pca(case)
    # Ratios lie in [0, 1] and inherit the variances' accuracy relative to the largest one.
    assert_close(ours.explained_variance_ratio_, sk.explained_variance_ratio_, rtol=0, atol=1e-8,
                 what="explained_variance_ratio_")


@pytest.mark.points(1)
@pytest.mark.parametrize("case", CASES, ids=CASES)
def test_components_match_sklearn_up_to_sign(impl, case):
    ours, sk = fit_ours(impl, case), sklearn_pca(case)
    components = np.asarray(ours.components_, dtype=float)
    if components.shape != sk.components_.shape:
        raise AssertionError(f"components_ has shape {components.shape}, "
                             f"scikit-learn's has shape {sk.components_.shape}")
    # Each row may point either way here; the sign convention has its own test.
    flipped = components * signs_against(components, sk.components_)[:, None]
    assert_close(flipped, sk.components_, rtol=0, atol=1e-8,
                 what="components_ (each row up to its sign)")


@pytest.mark.points(1)
def test_component_signs_follow_svd_flip(impl):
    for case in CASES:
        ours, sk = fit_ours(impl, case), sklearn_pca(case)
        signs = signs_against(ours.components_, sk.components_)
        wrong = np.flatnonzero(signs < 0).tolist()
        assert not wrong, (
            f"({case}) rows {wrong} of components_ point the opposite way to scikit-learn's: "
            "flip each row of Vt so that its entry of largest absolute value is positive "
            "(scikit-learn's svd_flip with u_based_decision=False)"
        )
        # The convention itself, stated on the learner's own output. The test data keep the
        # two largest |entries| of each row >= 1e-4 apart, so rounding cannot swap them.
        rows = np.asarray(ours.components_)
        largest = rows[np.arange(len(rows)), np.argmax(np.abs(rows), axis=1)]
        assert np.all(largest > 0), f"({case}) the largest |entry| of some row is negative"


@pytest.mark.points(1)
@pytest.mark.parametrize("case", CASES, ids=CASES)
@pytest.mark.public
def test_transform_matches_sklearn(impl, case):
    _, X_new, _ = case_data(case)
    ours, sk = fit_ours(impl, case), sklearn_pca(case)
    expected = sk.transform(X_new)
    Z = np.asarray(ours.transform(X_new), dtype=float)
    if Z.shape != expected.shape:
        raise AssertionError(f"transform(X_new) has shape {Z.shape}, scikit-learn's has shape "
                             f"{expected.shape}")
    # Each column (component) may have the opposite sign; the scores are on the data's scale.
    Z = Z * signs_against(Z.T, expected.T)
    assert_close(Z, expected, rtol=0, atol=1e-8 * np.abs(expected).max(),
                 what="transform(X_new) (each column up to its sign)")


@pytest.mark.points(1)
@pytest.mark.parametrize("case", ["iris-all", "digits-10"], ids=["iris-all", "digits-10"])
def test_whitened_transform_matches_sklearn(impl, case):
    _, X_new, _ = case_data(case)
    ours, sk = fit_ours(impl, case, whiten=True), sklearn_pca(case, whiten=True)
    expected = sk.transform(X_new)
    Z = np.asarray(ours.transform(X_new), dtype=float)
    if Z.shape != expected.shape:
        raise AssertionError(f"transform(X_new) with whiten=True has shape {Z.shape}, "
                             f"scikit-learn's has shape {expected.shape}")
    # Whitened scores are O(1); the smallest kept variance is >= 5e-3 of the largest, so
    # dividing by its square root amplifies rounding by < 20: 1e-8 is still generous.
    Z = Z * signs_against(Z.T, expected.T)
    assert_close(Z, expected, rtol=0, atol=1e-8 * np.abs(expected).max(),
                 what="transform(X_new) with whiten=True (each column up to its sign)")


@pytest.mark.points(1)
@pytest.mark.parametrize("whiten", [False, True], ids=["plain", "whiten"])
def test_inverse_transform_matches_sklearn(impl, whiten):
    _, X_new, _ = case_data("digits-10")
    ours, sk = fit_ours(impl, "digits-10", whiten), sklearn_pca("digits-10", whiten)
    # The round trip projects X_new onto the 10 kept axes: it does not depend on their signs.
    back = ours.inverse_transform(ours.transform(X_new))
    expected = sk.inverse_transform(sk.transform(X_new))
    assert_close(back, expected, rtol=0, atol=1e-8 * np.abs(expected).max(),
                 what=f"inverse_transform(transform(X_new)) with whiten={whiten}")


@pytest.mark.points(1)
@pytest.mark.parametrize("fraction", [0.5, 0.8, 0.95], ids=["0.5", "0.8", "0.95"])
def test_fraction_n_components_matches_sklearn(impl, fraction):
    # On these 300 digits the cumulative ratios pass 0.5, 0.8 and 0.95 at 4, 11 and 25
    # components, each > 1.5e-3 away from the threshold: no rounding question.
    X = case_data("digits-10")[0]
    sk = sk_fit(X, n_components=fraction)
    ours = impl.PCA(n_components=fraction).fit(X)
    assert ours.n_components_ == sk.n_components_, (
        f"with n_components={fraction}, n_components_ is {ours.n_components_!r}, scikit-learn's "
        f"is {sk.n_components_}: keep the smallest k whose cumulative explained variance ratio "
        f"(shares of the total variance) is > {fraction}"
    )
    assert_close(ours.explained_variance_ratio_, sk.explained_variance_ratio_, rtol=0, atol=1e-8,
                 what=f"explained_variance_ratio_ with n_components={fraction}")


@pytest.mark.points(1)
def test_fraction_is_strictly_exceeded(impl):
    # Take the fraction equal to a cumulative ratio, computed from the learner's own ratios with
    # np.cumsum (bit for bit what the README's recipe computes): scikit-learn keeps one more
    # component, since the threshold must be exceeded, not just reached.
    X = case_data("digits-10")[0]
    cumulative = np.cumsum(np.asarray(impl.PCA().fit(X).explained_variance_ratio_, dtype=float))
    for k in (1, 2, 5):
        fraction = float(cumulative[k - 1])
        got = impl.PCA(n_components=fraction).fit(X).n_components_
        assert got == k + 1, (
            f"n_components={fraction!r} equals the cumulative explained variance ratio of the "
            f"first {k} components, so {k + 1} components should be kept (the ratio must be "
            f"strictly greater than the fraction), got n_components_={got!r}"
        )


# ---------------------------------------------------------------- closed forms


@pytest.mark.points(1)
def test_components_are_orthonormal(impl):
    for case in CASES:
        components = np.asarray(fit_ours(impl, case).components_, dtype=float)
        gram = components @ components.T
        # Rows of an orthogonal factor: orthonormal to rounding (~1e-15).
        assert_close(gram, np.eye(len(gram)), rtol=0, atol=1e-10,
                     what=f"components_ @ components_.T ({case})", baseline="the identity")


@pytest.mark.points(1)
def test_scores_are_uncorrelated_with_the_explained_variances(impl):
    for case in CASES:
        X = case_data(case)[0]
        model = fit_ours(impl, case)
        Z = np.asarray(model.transform(X), dtype=float)
        covariance = Z.T @ Z / (len(X) - 1)  # the scores have mean 0: sample covariance
        expected = np.diag(np.asarray(model.explained_variance_, dtype=float))
        # Sums of a few hundred products of scores: rounding relative to the largest variance.
        assert_close(covariance, expected, rtol=0, atol=1e-8 * expected.max(),
                     what=f"the sample covariance (ddof=1) of transform(X) ({case})",
                     baseline="diag(explained_variance_)")


@pytest.mark.points(1)
def test_whitened_scores_have_unit_variance(impl):
    for case in CASES:
        X = case_data(case)[0]
        Z = np.asarray(fit_ours(impl, case, whiten=True).transform(X), dtype=float)
        covariance = Z.T @ Z / (len(X) - 1)
        assert_close(covariance, np.eye(len(covariance)), rtol=0, atol=1e-8,
                     what=f"the sample covariance (ddof=1) of transform(X) with whiten=True ({case})",
                     baseline="the identity")


@pytest.mark.points(1)
def test_all_components_reconstruct_the_data(impl):
    X, X_new, _ = case_data("iris-all")
    for whiten in (False, True):
        model = impl.PCA(whiten=whiten).fit(X)  # 4 components for 4 features: nothing is lost
        back = model.inverse_transform(model.transform(X_new))
        assert_close(back, X_new, rtol=0, atol=1e-8 * np.abs(X_new).max(),
                     what=f"inverse_transform(transform(X_new)) with all components, whiten={whiten}",
                     baseline="X_new itself")


@pytest.mark.points(1)
def test_inverse_of_zero_scores_is_the_mean(impl):
    X = case_data("wine-5")[0]
    model = impl.PCA(n_components=5).fit(X)
    back = model.inverse_transform(np.zeros((2, 5)))
    # Scores of 0 are the point of means: only mean_ is added back.
    assert_close(back, np.tile(X.mean(axis=0), (2, 1)), rtol=1e-12, atol=1e-12 * np.abs(X).max(),
                 what="inverse_transform(zeros)", baseline="the column means of X")


@pytest.mark.points(1)
def test_total_variance_is_kept_by_all_components(impl):
    for name, X in (("iris", load_iris().data), ("20 x 50", wide_data())):
        model = impl.PCA().fit(X)
        total = np.var(X, axis=0, ddof=1).sum()
        # A sum of squared singular values against a sum of squares: rounding relative to it.
        assert_close(np.sum(model.explained_variance_), total, rtol=1e-10, atol=0,
                     what=f"sum(explained_variance_) with all components ({name})",
                     baseline="np.var(X, axis=0, ddof=1).sum()")
        assert_close(np.sum(model.explained_variance_ratio_), 1.0, rtol=0, atol=1e-10,
                     what=f"sum(explained_variance_ratio_) with all components ({name})",
                     baseline="1")


# ---------------------------------------------------------- 3. edge cases and errors


@pytest.mark.points(1)
def test_too_many_components_raises(impl):
    with pytest.raises(ValueError, match=r"5.*4|4.*5"):
        impl.PCA(n_components=5).fit(load_iris().data)  # 150 x 4: at most 4
    with pytest.raises(ValueError, match=r"21.*20|20.*21"):
        impl.PCA(n_components=21).fit(wide_data())  # 20 x 50: at most 20, not 50
    model = impl.PCA(n_components=20).fit(wide_data())
    assert model.n_components_ == 20, "n_components=20 on 20 x 50 data should keep 20 components"


@pytest.mark.points(1)
@pytest.mark.public
def test_bad_n_components_raise(impl):
    X = load_iris().data
    for n_components in (0, -1, 0.0, 1.0, 1.5, "all"):
        try:
            impl.PCA(n_components=n_components).fit(X)
        except ValueError as exc:
            assert "n_components" in str(exc), (
                f"the ValueError for n_components={n_components!r} should name n_components; "
                f"its message is {str(exc)!r}"
            )
        else:
            pytest.fail(f"fit with n_components={n_components!r} should raise a ValueError: an int "
                        "must be in [1, min(n_samples, n_features)], a float in (0, 1)")


@pytest.mark.points(1)
def test_one_component(impl):
    X, X_new, _ = case_data("wine-5")
    model = impl.PCA(n_components=1).fit(X)
    sk = sk_fit(X, n_components=1)
    Z = np.asarray(model.transform(X_new), dtype=float)
    assert Z.shape == (len(X_new), 1), f"transform gives shape {Z.shape}, expected ({len(X_new)}, 1)"
    expected = sk.transform(X_new)
    assert_close(Z * signs_against(Z.T, expected.T), expected, rtol=0,
                 atol=1e-8 * np.abs(expected).max(), what="transform(X_new) with n_components=1")


@pytest.mark.points(1)
def test_bad_input_raises(impl):
    X = load_iris().data
    for bad, words in ((X[:, 0], r"(?i)2-D|2d|shape"), (np.zeros((0, 4)), r"(?i)empty|shape|0")):
        with pytest.raises(ValueError, match=words):
            impl.PCA().fit(bad)
    for value in (np.nan, np.inf):
        X_bad = X.copy()
        X_bad[3, 2] = value
        with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
            impl.PCA().fit(X_bad)
    with pytest.raises(ValueError, match=r"(?i)sample"):
        impl.PCA().fit(X[:1])  # one sample has no variance (n - 1 = 0)
    # Two samples are enough: one axis, along x_1 - x_0, with variance ||x_1 - x_0||^2 / 2.
    two = np.array([[0.0, 1.0, 2.0], [3.0, 5.0, 2.0]])
    model = impl.PCA(n_components=1).fit(two)
    assert_close(model.explained_variance_, [12.5], rtol=1e-12, atol=0,
                 what="explained_variance_ of two samples", baseline="||x_1 - x_0||^2 / 2")


@pytest.mark.points(1)
def test_wrong_number_of_columns_raises(impl):
    X = load_iris().data
    model = impl.PCA(n_components=2).fit(X)
    with pytest.raises(ValueError, match=r"3.*4|4.*3"):
        model.transform(X[:, :3])
    with pytest.raises(ValueError, match=r"3.*2|2.*3"):
        model.inverse_transform(X[:, :3])
    with pytest.raises(ValueError, match=r"(?i)nan|inf|finite"):
        model.transform(np.full((2, 4), np.nan))


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("divides the variance by n instead of n - 1",
     "variance = s**2 / (n_samples - 1)", "variance = s**2 / n_samples",
     "explained_variance_ differs"),
    ("whitens with the variance instead of the standard deviation",
     "Z = Z / np.sqrt(self.explained_variance_)", "Z = Z / self.explained_variance_",
     "with whiten=True (each column up to its sign) differs"),
    ("divides the ratios by the kept variance instead of the total",
     "self.explained_variance_ratio_ = ratio[:k]",
     "self.explained_variance_ratio_ = variance[:k] / variance[:k].sum()",
     "explained_variance_ratio_ differs"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the same
# work for both, one full thin SVD of the centred data (scikit-learn's svd_solver="full", LAPACK's
# gesdd like np.linalg.svd), then the scores of the 20 kept components.
def _bench_data(n):
    rng = np.random.default_rng(0)
    return rng.normal(size=(n, 200)) * np.linspace(3.0, 0.1, 200)


def _bench_impl(module, data):
    module.PCA(n_components=20).fit(data).transform(data)


def _bench_baseline(data):
    SkPCA(n_components=20, svd_solver="full").fit(data).transform(data)


BENCHMARK = {
    "what": "fit (full SVD) + transform, n x 200, 20 components",
    "size": 20_000, "check_size": 500,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "scikit-learn",
    "hint": "Take one thin SVD of the centred data (np.linalg.svd(..., full_matrices=False)); never "
            "build the n x n matrix U of a full SVD, and no Python loop over samples or components "
            "(README: 'The SVD of the centred data').",
}
