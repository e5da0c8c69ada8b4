"""Principal component analysis (PCA) by the singular value decomposition of the centred data.

PCA finds orthonormal directions (the *principal axes*) along which the data vary most. With
the column means ``mu`` subtracted, the thin SVD of the centred data gives them all at once::

    X_c = X - mu = U diag(s) V^T          s_1 >= s_2 >= ... >= 0

The rows of ``V^T`` are the axes (``components_``), the sample variance along axis ``j`` is
``s_j^2 / (n - 1)`` (``explained_variance_``), and its share of the total variance is
``s_j^2 / sum_i s_i^2`` (``explained_variance_ratio_``). Projecting onto the first ``k`` axes,
``Z = (X - mu) V_k``, keeps the most variance any ``k``-dimensional linear projection can keep;
``Z V_k^T + mu`` maps back. Whitening divides each score by its standard deviation.

References: K. Pearson, "On lines and planes of closest fit to systems of points in space",
Philosophical Magazine 2 (1901); H. Hotelling, "Analysis of a complex of statistical variables
into principal components", J. Educational Psychology 24 (1933); I. T. Jolliffe, *Principal
Component Analysis* (2002); scikit-learn's ``sklearn/decomposition/_pca.py``.
"""

from numbers import Integral, Real

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when transform or inverse_transform is called before fit."""


class PCA:
    """Principal component analysis by one thin SVD of the centred data.

    Parameters
    ----------
    n_components : int, float or None, default=None
        How many components to keep: an int ``k`` with ``1 <= k <= min(n_samples, n_features)``;
        a float in (0, 1), the smallest number of components whose cumulative explained
        variance ratio is strictly greater than it; or None, all ``min(n_samples, n_features)``.
    whiten : bool, default=False
        If True, ``transform`` divides each score by its standard deviation
        ``sqrt(explained_variance_)``, so the scores of the training data have unit variance.

    Attributes
    ----------
    mean_ : ndarray of shape (n_features,)
        The column means of the training data.
    components_ : ndarray of shape (n_components_, n_features)
        The principal axes, one unit vector per row, by decreasing variance.
    explained_variance_ : ndarray of shape (n_components_,)
        The sample variance (``n - 1`` in the denominator) of the data along each axis.
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        Each axis's share of the total variance of the data (over all axes, kept or not).
    singular_values_ : ndarray of shape (n_components_,)
        The singular values of the centred data that belong to the kept axes.
    n_components_ : int
        The number of components kept.

    Notes
    -----
    With ``X_c = U diag(s) V^T``, the sample covariance is
    ``X_c^T X_c / (n - 1) = V diag(s^2 / (n - 1)) V^T``: the axes are its eigenvectors and the
    explained variances its eigenvalues, found without forming ``X_c^T X_c`` (which would
    square the condition number). The sign of a singular vector is arbitrary; as scikit-learn's
    ``svd_flip(u_based_decision=False)`` does, each axis is flipped so that its entry of
    largest absolute value is positive. A fit costs O(n p min(n, p)) time.

    Example
    -------
    >>> X = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    >>> pca = PCA(n_components=1).fit(X)
    >>> np.round(pca.components_, 4).tolist(), np.round(pca.explained_variance_, 4).tolist()
    ([[0.7071, 0.7071]], [8.0])
    """

    def __init__(self, n_components=None, whiten=False):
        ### BEGIN SOLUTION
        self.n_components = n_components
        self.whiten = whiten
        ### END SOLUTION

    def fit(self, X, y=None):
        """Centre X, take one thin SVD and keep the leading ``n_components_`` axes."""
        # TODO: validate with _check_array and the rules of README 'How many components', then
        # README 'The SVD of the centred data' and 'Signs'.
        ### BEGIN SOLUTION
        X = _check_array(X, "X")
        n_samples, n_features = X.shape
        if n_samples < 2:
            raise ValueError(f"PCA needs at least 2 samples to estimate a variance, got {n_samples}")
        r = min(n_samples, n_features)  # the number of singular values
        n = self.n_components
        if isinstance(n, Integral) and not 1 <= n <= r:
            raise ValueError(f"n_components={n} should be between 1 and min(n_samples, n_features)={r}")
        if not (n is None or isinstance(n, Integral) or (isinstance(n, Real) and 0 < n < 1)):
            raise ValueError(f"n_components should be None, an int or a float in (0, 1), got {n!r}")
        # the axes are directions of variance about the mean, so centre first
        self.mean_ = X.mean(axis=0)  # (n_features,)
        U, s, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)  # Vt: (r, n_features)
        # make the signs deterministic: each axis's largest |entry| is positive (svd_flip)
        largest = Vt[np.arange(r), np.argmax(np.abs(Vt), axis=1)]  # (r,)
        Vt *= np.sign(largest)[:, None]
        # sample variance along each axis: n - 1 in the denominator, like np.var(ddof=1)
        variance = s**2 / (n_samples - 1)  # (r,)
        # shares of the TOTAL variance, computed before any axis is dropped
        ratio = variance / variance.sum()  # (r,)
        if n is None:
            k = r
        elif isinstance(n, Integral):
            k = int(n)
        else:
            # the smallest k whose cumulative ratio is strictly greater than n (scikit-learn's rule)
            k = min(int(np.searchsorted(np.cumsum(ratio), n, side="right")) + 1, r)
        self.n_components_ = k
        self.components_ = Vt[:k]  # (k, n_features)
        self.explained_variance_ = variance[:k]
        self.explained_variance_ratio_ = ratio[:k]
        self.singular_values_ = s[:k]
        ### END SOLUTION
        return self

    def transform(self, X):
        """The scores of X on the kept axes, shape (n_samples, n_components_)."""
        # TODO: start with X = self._check_fitted(X, "features"); README 'Projecting and
        # reconstructing' and 'Whitening'.
        ### BEGIN SOLUTION
        X = self._check_fitted(X, "features")
        Z = (X - self.mean_) @ self.components_.T  # (n_samples, k)
        if self.whiten:
            Z = Z / np.sqrt(self.explained_variance_)  # unit variance per component
        return Z
        ### END SOLUTION

    def fit_transform(self, X, y=None):
        """Fit on X and return its scores."""
        return self.fit(X).transform(X)

    def inverse_transform(self, Z):
        """Map scores back to the feature space, shape (n_samples, n_features)."""
        # TODO: start with Z = self._check_fitted(Z, "components"); undo the whitening first.
        ### BEGIN SOLUTION
        Z = self._check_fitted(Z, "components")
        if self.whiten:
            Z = Z * np.sqrt(self.explained_variance_)  # undo the whitening first
        return Z @ self.components_ + self.mean_  # (n_samples, n_features)
        ### END SOLUTION

    def _check_fitted(self, X, what):
        """X as a float array after checking that fit ran and X has one column per feature
        (``what="features"``) or per component (``what="components"``)."""
        if not hasattr(self, "components_"):
            raise NotFittedError("This PCA instance is not fitted yet; call fit(X) first.")
        X = _check_array(X, "X")
        n_columns = self.components_.shape[1 if what == "features" else 0]
        if X.shape[1] != n_columns:
            raise ValueError(f"X has {X.shape[1]} columns, but PCA expects {n_columns} {what}")
        return X


def _check_array(X, name):
    """A finite, non-empty 2-D float array, or a ValueError saying what was received."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"{name} should be a non-empty 2-D array, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinity")
    return X
