# This file is generated from solutions/naive_bayes.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/naive_bayes/README.md first.
"""Naive Bayes classifiers: Gaussian, multinomial and Bernoulli, computed in log space.

Bayes' rule with the "naive" assumption that the features are independent given the class:

    P(c | x)  is proportional to  P(c) * prod_j P(x_j | c)
    log P(c | x) = jll_c(x) - logsumexp_k jll_k(x),   jll_c(x) = log P(c) + sum_j log P(x_j | c)

The three models differ only in P(x_j | c):

    Gaussian     N(x_j; theta_cj, var_cj), var_cj the class variance + epsilon
    multinomial  p_cj ** x_j,   p_cj = (N_cj + alpha) / (N_c + alpha * n_features)   (word counts)
    Bernoulli    p_cj ** x_j * (1 - p_cj) ** (1 - x_j),   p_cj = (N_cj + alpha) / (N_c + 2 alpha)

where N_cj sums feature j over the samples of class c. A product of hundreds of
probabilities underflows to 0.0 in float64, so everything is a sum of logarithms and the
normalisation is a logsumexp that subtracts each row's maximum.

References: Manning, Raghavan & Schuetze, "Introduction to Information Retrieval" (2008),
chapter 13; McCallum & Nigam, "A comparison of event models for naive Bayes text
classification" (AAAI workshop, 1998); Murphy, "Machine Learning: A Probabilistic
Perspective" (2012), 3.5; scikit-learn's ``sklearn/naive_bayes.py``.
"""

import numpy as np

_BLOCK_ROWS = 4096  # rows per block in GaussianNB (4096 x 50 floats: 1.6 MB, cache-sized)


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used before ``fit``."""


class _BaseNB:
    """Prediction shared by the three models; each defines ``_joint_log_likelihood``."""

    def predict_joint_log_proba(self, X):
        """log P(c) + log P(x | c), shape (n_samples, n_classes), columns in ``classes_`` order."""
        return self._joint_log_likelihood(self._check_X(X))

    def predict_log_proba(self, X):
        """log P(c | x), shape (n_samples, n_classes): the joint log-likelihood, normalised."""
        # TODO: normalise in log space (README: "Log space").
        # YOUR CODE HERE
        raise NotImplementedError()

    def predict_proba(self, X):
        """P(c | x), shape (n_samples, n_classes); each row sums to 1."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def predict(self, X):
        """The most probable class label of each sample, shape (n_samples,)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def _check_X(self, X):
        """X checked for predict: the model is fitted and X has n_features_in_ finite columns."""
        if not hasattr(self, "classes_"):
            raise NotFittedError(f"this {type(self).__name__} is not fitted yet; call fit(X, y) first")
        return _check_array(X, self.n_features_in_)


class GaussianNB(_BaseNB):
    """Gaussian naive Bayes: each feature is normal within each class.

    Parameters
    ----------
    priors : array-like of shape (n_classes,) or None, default=None
        Class probabilities P(c) (non-negative, summing to 1); None estimates them as the
        class frequencies.
    var_smoothing : float, default=1e-9
        ``epsilon_ = var_smoothing * (largest variance of a feature over all of X)`` is
        added to every variance, so no variance is 0.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels, sorted as by ``np.unique``.
    class_count_ : ndarray of shape (n_classes,)
        Number of training samples of each class.
    class_prior_ : ndarray of shape (n_classes,)
        P(c): ``priors``, or ``class_count_ / n_samples``.
    theta_ : ndarray of shape (n_classes, n_features)
        Mean of each feature within each class.
    var_ : ndarray of shape (n_classes, n_features)
        Variance (population, ddof=0) of each feature within each class, plus ``epsilon_``.
    epsilon_ : float
        The amount added to every variance.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    ``log P(x | c) = -1/2 sum_j [log(2 pi var_cj) + (x_j - theta_cj)**2 / var_cj]``.
    The variances are maximum-likelihood (divided by N_c, not N_c - 1).

    Example
    -------
    >>> X = np.array([[1.0], [1.2], [0.8], [3.0], [3.3], [2.7]])
    >>> GaussianNB().fit(X, ["a", "a", "a", "b", "b", "b"]).predict([[1.1], [2.9]])
    array(['a', 'b'], dtype='<U1')
    """

    def __init__(self, priors=None, var_smoothing=1e-9):
        self.priors = priors
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        """Estimate the class priors, means and variances. Returns self."""
        # TODO: validate with _check_X_y (given below); per-class means and variances with
        # _one_hot matrix products or a mask per class, never a loop over samples; priors
        # checked by _check_priors (README: "Gaussian naive Bayes", "Class priors").
        # YOUR CODE HERE
        raise NotImplementedError()

    def _joint_log_likelihood(self, X):
        """log P(c) + log P(x | c) of a checked X, shape (n_samples, n_classes)."""
        # TODO: README "Gaussian naive Bayes", in logarithms; one class at a time on a block of
        # rows (README: "Cost").
        # YOUR CODE HERE
        raise NotImplementedError()


class _DiscreteNB(_BaseNB):
    """Fitting shared by the count-based models: class and feature counts, then smoothing."""

    def fit(self, X, y):
        """Count, smooth and take logarithms. Returns self."""
        # TODO: validate with _check_X_y, then self._prepare(X) and alpha; counts by _one_hot
        # matrix products; the priors (README: "Class priors"); then feature_log_prob_ from
        # self._feature_log_prob() (README: "Smoothing").
        # YOUR CODE HERE
        raise NotImplementedError()


class MultinomialNB(_DiscreteNB):
    """Multinomial naive Bayes, for counts (e.g. how often each word occurs in a document).

    Parameters
    ----------
    alpha : float, default=1.0
        Additive (Laplace for 1, Lidstone below 1) smoothing of the counts; 0 for none.
    fit_prior : bool, default=True
        Estimate P(c) as the class frequencies; False uses the uniform 1 / n_classes.
    class_prior : array-like of shape (n_classes,) or None, default=None
        Fixed P(c), overriding ``fit_prior``.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels, sorted as by ``np.unique``.
    class_count_ : ndarray of shape (n_classes,)
        Number of training samples of each class.
    class_log_prior_ : ndarray of shape (n_classes,)
        log P(c).
    feature_count_ : ndarray of shape (n_classes, n_features)
        N_cj: the total count of feature j over the samples of class c.
    feature_log_prob_ : ndarray of shape (n_classes, n_features)
        log p_cj, with p_cj = (N_cj + alpha) / (sum_j N_cj + alpha * n_features).
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    ``log P(x | c) = sum_j x_j log p_cj`` (plus a multinomial coefficient that is the same
    for every class and is left out, as scikit-learn does): one matrix product.

    Example
    -------
    >>> X = np.array([[3, 0, 1], [2, 1, 0], [0, 2, 3], [1, 3, 2]])
    >>> MultinomialNB().fit(X, ["ham", "ham", "spam", "spam"]).predict([[4, 0, 0]])
    array(['ham'], dtype='<U4')
    """

    def __init__(self, alpha=1.0, fit_prior=True, class_prior=None):
        self.alpha = alpha
        self.fit_prior = fit_prior
        self.class_prior = class_prior

    def _prepare(self, X):
        """X for fit: counts, so a negative entry is a ValueError."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def _feature_log_prob(self):
        """log p_cj from feature_count_ and class_count_, shape (n_classes, n_features)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def _joint_log_likelihood(self, X):
        """log P(c) + log P(x | c) of a checked X, shape (n_samples, n_classes)."""
        # YOUR CODE HERE
        raise NotImplementedError()


class BernoulliNB(_DiscreteNB):
    """Bernoulli naive Bayes, for binary features (e.g. whether each word occurs at all).

    Parameters
    ----------
    alpha : float, default=1.0
        Additive smoothing: alpha pseudo-samples with the feature and alpha without; 0 for none.
    binarize : float or None, default=0.0
        Threshold: a feature counts as present when it is ``> binarize`` (in fit and in
        predict). None means X is already binary.
    fit_prior : bool, default=True
        Estimate P(c) as the class frequencies; False uses the uniform 1 / n_classes.
    class_prior : array-like of shape (n_classes,) or None, default=None
        Fixed P(c), overriding ``fit_prior``.

    Attributes
    ----------
    classes_, class_count_, class_log_prior_, n_features_in_
        As in ``MultinomialNB``.
    feature_count_ : ndarray of shape (n_classes, n_features)
        N_cj: the number of samples of class c in which feature j is present.
    feature_log_prob_ : ndarray of shape (n_classes, n_features)
        log p_cj, with p_cj = P(x_j = 1 | c) = (N_cj + alpha) / (N_c + 2 alpha).

    Notes
    -----
    ``log P(x | c) = sum_j [x_j log p_cj + (1 - x_j) log(1 - p_cj)]``: unlike the multinomial
    model, an absent feature is evidence too.

    Example
    -------
    >>> X = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 1]])
    >>> BernoulliNB().fit(X, ["spam", "spam", "ham", "ham"]).predict([[1, 0, 0]])
    array(['spam'], dtype='<U4')
    """

    def __init__(self, alpha=1.0, binarize=0.0, fit_prior=True, class_prior=None):
        self.alpha = alpha
        self.binarize = binarize
        self.fit_prior = fit_prior
        self.class_prior = class_prior

    def _prepare(self, X):
        """X for fit and predict: 1.0 where X > binarize, else 0.0 (X itself if binarize is None)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def _feature_log_prob(self):
        """log p_cj from feature_count_ and class_count_, shape (n_classes, n_features)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def _joint_log_likelihood(self, X):
        """log P(c) + log P(x | c) of a checked X, shape (n_samples, n_classes)."""
        # TODO: binarize X with self._prepare; absent features count too (README: "Bernoulli naive Bayes").
        # YOUR CODE HERE
        raise NotImplementedError()


def _logsumexp(A):
    """log(sum(exp(A), axis=1)), shape (n_rows,), finite whenever each row has a finite entry."""
    # TODO: subtract each row's maximum first (README: "Log space").
    # YOUR CODE HERE
    raise NotImplementedError()


def _one_hot(y_index, n_classes):
    """Y[i, c] = 1 if sample i is of class c: Y.T @ X sums X's rows per class."""
    return (y_index[:, None] == np.arange(n_classes)).astype(float)  # (n_samples, n_classes)


def _check_priors(priors, n_classes):
    priors = np.asarray(priors, dtype=float)
    if priors.shape != (n_classes,):
        raise ValueError(f"priors must have one entry per class ({n_classes}); got shape {priors.shape}")
    if np.any(priors < 0) or not np.isclose(priors.sum(), 1.0):
        raise ValueError(f"priors must be non-negative and sum to 1; got {priors}")
    return priors


def _check_X_y(X, y):
    """X checked by _check_array, y one label per row; returns X, y's class indices, classes."""
    X = _check_array(X)
    y = np.asarray(y)
    if y.ndim != 1 or y.shape[0] != X.shape[0]:
        raise ValueError(f"y must be 1-D with {X.shape[0]} labels; got shape {y.shape}")
    classes, y_index = np.unique(y, return_inverse=True)
    return X, y_index, classes


def _check_array(X, n_features=None):
    """X as a finite 2-D float array (with ``n_features`` columns); else a ValueError."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"X must be a non-empty 2-D array (n_samples, n_features); got {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"X contains NaN or inf ({np.sum(~np.isfinite(X))} entries)")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"X has {X.shape[1]} features, but the model was fitted with {n_features}")
    return X
