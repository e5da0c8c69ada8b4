# This file is generated from solutions/gaussian_mixture.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/gaussian_mixture/README.md first.
"""Gaussian mixture models fitted by expectation-maximisation (EM), with full covariances.

A mixture of ``k`` Gaussians draws a sample by first picking a component ``j`` with
probability ``w_j``, then drawing from ``N(mu_j, Sigma_j)``, so its density is::

    p(x) = sum_j w_j N(x | mu_j, Sigma_j)

EM climbs the mean log-likelihood ``(1/n) sum_i log p(x_i)`` by alternating two steps:

    E step  r_ij = w_j N(x_i | mu_j, Sigma_j) / p(x_i)        responsibilities, in log space
    M step  N_j = sum_i r_ij,   w_j = N_j / n,   mu_j = (1/N_j) sum_i r_ij x_i,
            Sigma_j = (1/N_j) sum_i r_ij (x_i - mu_j)(x_i - mu_j)^T + reg_covar * I

No round lowers the log-likelihood; a run stops when it rose by less than ``tol``. With
one-hot responsibilities and equal spherical covariances this is Lloyd's k-means algorithm.

References: A. P. Dempster, N. M. Laird and D. B. Rubin, "Maximum likelihood from incomplete
data via the EM algorithm", JRSS B 39 (1977); C. M. Bishop, Pattern Recognition and Machine
Learning (2006), section 9.2; scikit-learn's ``sklearn/mixture/_gaussian_mixture.py``.
"""

import warnings

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when predict, predict_proba or score is called before fit."""


class ConvergenceWarning(UserWarning):
    """The best EM run stopped at max_iter before the log-likelihood settled."""


class GaussianMixture:
    """A Gaussian mixture with full covariance matrices, fitted by EM.

    Only scikit-learn's ``covariance_type="full"`` is implemented.

    Parameters
    ----------
    n_components : int, default=1
        The number of Gaussian components ``k``.
    tol : float, default=1e-3
        A run stops when the mean log-likelihood rose by less than ``tol`` in one EM round.
    reg_covar : float, default=1e-6
        Added to the diagonal of every covariance so that none becomes singular.
    max_iter : int, default=100
        The maximum number of EM rounds (E step then M step) of one run.
    n_init : int, default=1
        The number of runs; the one with the highest final lower bound is kept.
    init_params : {"kmeans", "random"}, default="kmeans"
        Initial responsibilities: one-hot labels of a short k-means run, or the first draw
        ``rng.uniform(size=(n_samples, n_components))`` with each row divided by its sum. One
        M step turns them into parameters.
    weights_init, means_init, precisions_init : ndarray or None
        Given initial weights (k,), means (k, d) or precision matrices (k, d, d); they
        replace the ones computed from the initial responsibilities.
    random_state : int or None, default=None
        Seed of ``np.random.default_rng(random_state)``, drawn from by every run.

    Attributes
    ----------
    weights_ : ndarray of shape (n_components,)
    means_ : ndarray of shape (n_components, n_features)
    covariances_ : ndarray of shape (n_components, n_features, n_features)
    precisions_cholesky_ : ndarray of shape (n_components, n_features, n_features)
        Upper-triangular ``P_j`` with ``P_j P_j^T = Sigma_j^{-1}``.
    precisions_ : ndarray of shape (n_components, n_features, n_features)
        The inverse covariances ``Sigma_j^{-1}``.
    converged_ : bool
        Whether the kept run stopped on ``tol`` (False when it hit ``max_iter``).
    n_iter_ : int
        The number of EM rounds of the kept run.
    lower_bound_ : float
        The mean log-likelihood computed in the kept run's last E step.

    Notes
    -----
    With ``Sigma = L L^T`` (Cholesky) and ``P = L^{-T}``,
    ``log N(x | mu, Sigma) = -d/2 log(2 pi) + sum_m log P_mm - ||(x - mu)^T P||^2 / 2``:
    no inverse or determinant is formed. Responsibilities are normalised with log-sum-exp,
    ``log p(x) = m + log sum_j exp(a_j - m)`` with ``m = max_j a_j``, because ``exp(a_j)``
    underflows to 0 for every ``j`` once a sample is ~40 standard deviations from all means.

    Example
    -------
    >>> X = np.array([[0.0, 0.0], [0.1, 0.3], [0.2, 0.1], [5.0, 5.0], [5.1, 5.2], [5.3, 5.1]])
    >>> gm = GaussianMixture(n_components=2, random_state=0).fit(X)
    >>> bool(gm.predict(X[:1])[0] == gm.predict(X[1:2])[0] != gm.predict(X[3:4])[0])
    True
    """

    def __init__(self, n_components=1, tol=1e-3, reg_covar=1e-6, max_iter=100, n_init=1,
                 init_params="kmeans", weights_init=None, means_init=None, precisions_init=None,
                 random_state=None):
        # YOUR CODE HERE
        raise NotImplementedError()

    def fit(self, X, y=None):
        """Run ``n_init`` EM runs on X and keep the one with the highest lower bound."""
        # TODO: README 'The EM loop', 'When to stop' and 'Restarts'. The input checks
        # _check_array and _check_init at the end of the file are finished.
        # YOUR CODE HERE
        raise NotImplementedError()
        return self

    def fit_predict(self, X, y=None):
        """Fit on X, then return the most probable component of each row of X."""
        return self.fit(X).predict(X)

    def predict(self, X):
        """The component with the highest responsibility for each row of X, shape (n_samples,)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def predict_proba(self, X):
        """The responsibilities P(component j | x_i), shape (n_samples, n_components)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def score_samples(self, X):
        """The log-density log p(x_i) of each row of X, shape (n_samples,)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def score(self, X, y=None):
        """The mean log-likelihood per sample of X (a float)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def _weighted_log_prob(self, X):
        """log w_j + log N(x_i | mu_j, Sigma_j) after the fitted and feature checks."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def _initialise(self, X, given, rng):
        """Initial (weights, means, covariances, precision factors) of one run."""
        # TODO: README 'Starting points'.
        # YOUR CODE HERE
        raise NotImplementedError()


def _log_gaussian(X, weights, means, prec_chol):
    """log w_j + log N(x_i | mu_j, Sigma_j), shape (n_samples, n_components)."""
    # TODO: README 'Log-densities without inverses'.
    # YOUR CODE HERE
    raise NotImplementedError()


def _logsumexp(a):
    """log sum_j exp(a_ij) for each row, without overflow or underflow, shape (n_samples,)."""
    # YOUR CODE HERE
    raise NotImplementedError()


def _e_step(X, params):
    """Log-responsibilities (n_samples, k) and the mean log-likelihood of ``params``."""
    # TODO: README 'The E step'.
    # YOUR CODE HERE
    raise NotImplementedError()


def _m_step(X, resp, reg_covar):
    """(weights, means, covariances, precision factors) from responsibilities (n_samples, k)."""
    # TODO: README 'The M step'.
    # YOUR CODE HERE
    raise NotImplementedError()


def _check_array(X, name):
    """A finite, non-empty 2-D float array, or a ValueError saying what was received."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"{name} should be a non-empty 2-D array, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinity")
    return X


def _check_init(weights, means, precisions, k, d):
    """The given initial parameters as float arrays (or None), checked like scikit-learn's."""
    if weights is not None:
        weights = np.asarray(weights, dtype=float)
        if weights.shape != (k,) or np.any(weights < 0) or not np.isclose(weights.sum(), 1.0, atol=1e-8):
            raise ValueError(f"weights_init should be {k} non-negative numbers summing to 1, "
                             f"got {weights.tolist()}")
    if means is not None:
        means = np.asarray(means, dtype=float)
        if means.shape != (k, d):
            raise ValueError(f"means_init has shape {means.shape}, expected {(k, d)}")
    if precisions is not None:
        precisions = np.asarray(precisions, dtype=float)
        if precisions.shape != (k, d, d):
            raise ValueError(f"precisions_init has shape {precisions.shape}, expected {(k, d, d)}")
        if not np.allclose(precisions, precisions.transpose(0, 2, 1)) or np.any(
                np.linalg.eigvalsh(precisions) <= 0):
            raise ValueError("precisions_init should hold symmetric, positive-definite matrices")
    return weights, means, precisions


def _kmeans_labels(X, k, rng, max_iter=100):
    """Labels of one k-means run (k-means++ seeds, then Lloyd), as in the kmeans lesson."""
    n_samples = X.shape[0]
    centres = X[[rng.integers(n_samples)]]  # (1, d)
    for _ in range(1, k):
        # D^2 sampling: far samples are likely seeds
        d2 = ((X[:, None, :] - centres[None]) ** 2).sum(axis=2).min(axis=1)  # (n_samples,)
        p = d2 / d2.sum() if d2.sum() > 0 else None
        centres = np.vstack([centres, X[rng.choice(n_samples, p=p)]])
    labels = np.full(n_samples, -1)
    for _ in range(max_iter):
        new = ((X[:, None, :] - centres[None]) ** 2).sum(axis=2).argmin(axis=1)  # (n_samples,)
        if np.array_equal(new, labels):
            break
        labels = new
        # an empty cluster keeps its centre
        centres = np.array([X[labels == j].mean(axis=0) if np.any(labels == j) else centres[j]
                            for j in range(k)])
    return labels
