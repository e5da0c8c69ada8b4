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
        ### BEGIN SOLUTION
        jll = self.predict_joint_log_proba(X)  # (n_samples, n_classes)
        return jll - _logsumexp(jll)[:, None]
        ### END SOLUTION

    def predict_proba(self, X):
        """P(c | x), shape (n_samples, n_classes); each row sums to 1."""
        ### BEGIN SOLUTION
        return np.exp(self.predict_log_proba(X))
        ### END SOLUTION

    def predict(self, X):
        """The most probable class label of each sample, shape (n_samples,)."""
        ### BEGIN SOLUTION
        # The normaliser is the same for every class of a sample: argmax of the joint suffices.
        jll = self.predict_joint_log_proba(X)  # (n_samples, n_classes)
        return self.classes_[np.argmax(jll, axis=1)]
        ### END SOLUTION

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
        ### BEGIN SOLUTION
        X, y_index, self.classes_ = _check_X_y(X, y)
        if not self.var_smoothing >= 0:
            raise ValueError(f"var_smoothing must be >= 0; got {self.var_smoothing!r}")
        Y = _one_hot(y_index, len(self.classes_))  # (n_samples, n_classes)
        self.class_count_ = Y.sum(axis=0)  # (n_classes,)
        self.theta_ = (Y.T @ X) / self.class_count_[:, None]  # (n_classes, n_features)
        # Two passes: centre each sample on its own class mean, then average the squares. The
        # second pass goes over blocks of rows, as prediction does: the centred copy of X is
        # never whole in memory (README: "Cost").
        squares = np.zeros(self.theta_.shape)  # (n_classes, n_features): sums of squared deviations
        spread = np.zeros(X.shape[1])  # (n_features,): the same around the mean of all of X
        mean = X.mean(axis=0)  # (n_features,)
        for start in range(0, X.shape[0], _BLOCK_ROWS):
            rows = slice(start, start + _BLOCK_ROWS)
            squares += Y[rows].T @ (X[rows] - self.theta_[y_index[rows]]) ** 2
            spread += ((X[rows] - mean) ** 2).sum(axis=0)
        var = squares / self.class_count_[:, None]  # (n_classes, n_features)
        # A feature constant within a class would have variance 0 and an infinite density;
        # a fraction of the largest variance over all of X (np.var(X, axis=0).max()) keeps every
        # variance positive.
        self.epsilon_ = self.var_smoothing * (spread / X.shape[0]).max()
        self.var_ = var + self.epsilon_
        self.class_prior_ = (self.class_count_ / X.shape[0] if self.priors is None
                             else _check_priors(self.priors, len(self.classes_)))
        self.n_features_in_ = X.shape[1]
        return self
        ### END SOLUTION

    def _joint_log_likelihood(self, X):
        """log P(c) + log P(x | c) of a checked X, shape (n_samples, n_classes)."""
        # TODO: README "Gaussian naive Bayes", in logarithms; one class at a time on a block of
        # rows (README: "Cost").
        ### BEGIN SOLUTION
        log_norm = -0.5 * np.log(2 * np.pi * self.var_).sum(axis=1)  # (n_classes,)
        inv_var = 1 / self.var_  # (n_classes, n_features)
        squares = np.zeros((X.shape[0], len(self.classes_)))  # sum_j (x_j - theta_cj)**2 / var_cj
        # One class and one block of rows at a time: the (n_samples, n_classes, n_features)
        # differences are never all in memory, and each block stays in the cache. The square is
        # not expanded: x**2 - 2 x theta + theta**2 loses digits when a variance is tiny.
        for start in range(0, X.shape[0], _BLOCK_ROWS):
            block = X[start:start + _BLOCK_ROWS]  # (rows, n_features)
            for c in range(len(self.classes_)):
                squares[start:start + _BLOCK_ROWS, c] = (block - self.theta_[c]) ** 2 @ inv_var[c]
        with np.errstate(divide="ignore"):  # a prior of 0 gives log P(c) = -inf, as it should
            return np.log(self.class_prior_) + log_norm - 0.5 * squares  # (n_samples, n_classes)
        ### END SOLUTION


class _DiscreteNB(_BaseNB):
    """Fitting shared by the count-based models: class and feature counts, then smoothing."""

    def fit(self, X, y):
        """Count, smooth and take logarithms. Returns self."""
        # TODO: validate with _check_X_y, then self._prepare(X) and alpha; counts by _one_hot
        # matrix products; the priors (README: "Class priors"); then feature_log_prob_ from
        # self._feature_log_prob() (README: "Smoothing").
        ### BEGIN SOLUTION
        X, y_index, self.classes_ = _check_X_y(X, y)
        X = self._prepare(X)  # check non-negative counts (multinomial), binarize (Bernoulli)
        if not self.alpha >= 0:
            raise ValueError(f"alpha must be >= 0; got {self.alpha!r}")
        n_classes = len(self.classes_)
        Y = _one_hot(y_index, n_classes)  # (n_samples, n_classes)
        self.class_count_ = Y.sum(axis=0)  # (n_classes,): N_c
        self.feature_count_ = Y.T @ X  # (n_classes, n_features): N_cj
        if self.class_prior is not None:
            self.class_log_prior_ = np.log(_check_priors(self.class_prior, n_classes))
        elif self.fit_prior:
            self.class_log_prior_ = np.log(self.class_count_) - np.log(X.shape[0])
        else:
            self.class_log_prior_ = np.full(n_classes, -np.log(n_classes))  # uniform
        self.n_features_in_ = X.shape[1]
        self.feature_log_prob_ = self._feature_log_prob()  # (n_classes, n_features)
        return self
        ### END SOLUTION


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
        ### BEGIN SOLUTION
        if np.any(X < 0):
            raise ValueError(f"MultinomialNB needs non-negative counts; the smallest entry of X is {X.min()}")
        return X
        ### END SOLUTION

    def _feature_log_prob(self):
        """log p_cj from feature_count_ and class_count_, shape (n_classes, n_features)."""
        ### BEGIN SOLUTION
        # Add alpha to every count, so the denominator grows by alpha once per feature.
        smoothed = self.feature_count_ + self.alpha  # (n_classes, n_features)
        return np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))
        ### END SOLUTION

    def _joint_log_likelihood(self, X):
        """log P(c) + log P(x | c) of a checked X, shape (n_samples, n_classes)."""
        ### BEGIN SOLUTION
        return X @ self.feature_log_prob_.T + self.class_log_prior_  # (n_samples, n_classes)
        ### END SOLUTION


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
        ### BEGIN SOLUTION
        return X if self.binarize is None else (X > self.binarize).astype(float)
        ### END SOLUTION

    def _feature_log_prob(self):
        """log p_cj from feature_count_ and class_count_, shape (n_classes, n_features)."""
        ### BEGIN SOLUTION
        # Each class gets alpha pseudo-samples with the feature and alpha without it.
        denominator = self.class_count_ + 2 * self.alpha  # (n_classes,)
        return np.log(self.feature_count_ + self.alpha) - np.log(denominator[:, None])
        ### END SOLUTION

    def _joint_log_likelihood(self, X):
        """log P(c) + log P(x | c) of a checked X, shape (n_samples, n_classes)."""
        # TODO: binarize X with self._prepare; absent features count too (README: "Bernoulli naive Bayes").
        ### BEGIN SOLUTION
        X = self._prepare(X)
        log_p = self.feature_log_prob_  # (n_classes, n_features)
        log_not_p = np.log1p(-np.exp(log_p))  # log(1 - p)
        # sum_j x_j log p + (1 - x_j) log(1 - p) = x . (log p - log(1 - p)) + sum_j log(1 - p)
        return X @ (log_p - log_not_p).T + log_not_p.sum(axis=1) + self.class_log_prior_
        ### END SOLUTION


def _logsumexp(A):
    """log(sum(exp(A), axis=1)), shape (n_rows,), finite whenever each row has a finite entry."""
    # TODO: subtract each row's maximum first (README: "Log space").
    ### BEGIN SOLUTION
    top = A.max(axis=1, keepdims=True)  # (n_rows, 1)
    # The largest term becomes exp(0) = 1, so the sum can neither overflow nor underflow to 0.
    return (top + np.log(np.exp(A - top).sum(axis=1, keepdims=True))).ravel()
    ### END SOLUTION


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
