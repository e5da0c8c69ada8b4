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
        ### BEGIN SOLUTION
        self.n_components = n_components
        self.tol = tol
        self.reg_covar = reg_covar
        self.max_iter = max_iter
        self.n_init = n_init
        self.init_params = init_params
        self.weights_init = weights_init
        self.means_init = means_init
        self.precisions_init = precisions_init
        self.random_state = random_state
        ### END SOLUTION

    def fit(self, X, y=None):
        """Run ``n_init`` EM runs on X and keep the one with the highest lower bound."""
        # TODO: README 'The EM loop', 'When to stop' and 'Restarts'. The input checks
        # _check_array and _check_init at the end of the file are finished.
        ### BEGIN SOLUTION
        X = _check_array(X, "X")
        n_samples, n_features = X.shape
        k = self.n_components
        if not 1 <= k <= n_samples:
            raise ValueError(f"n_components={k} should be between 1 and n_samples={n_samples}")
        if self.n_init < 1 or self.max_iter < 1:
            raise ValueError(f"n_init={self.n_init} and max_iter={self.max_iter} should be >= 1")
        if self.tol < 0 or self.reg_covar < 0:
            raise ValueError(f"tol={self.tol} and reg_covar={self.reg_covar} should be >= 0")
        if self.init_params not in ("kmeans", "random"):
            raise ValueError(f"init_params should be 'kmeans' or 'random', got {self.init_params!r}")
        given = _check_init(self.weights_init, self.means_init, self.precisions_init, k, n_features)
        rng = np.random.default_rng(self.random_state)
        best = None
        for _ in range(self.n_init):
            params = self._initialise(X, given, rng)
            lower_bound = -np.inf
            for n_iter in range(1, self.max_iter + 1):  # noqa: B007 - n_iter is kept
                previous = lower_bound
                # E step: responsibilities and the mean log-likelihood of the current parameters
                log_resp, lower_bound = _e_step(X, params)
                # M step: the parameters that best explain the samples weighted by responsibility
                params = _m_step(X, np.exp(log_resp), self.reg_covar)
                converged = abs(lower_bound - previous) < self.tol
                if converged:
                    break
            # keep the run that ended highest: EM only finds a local maximum
            if best is None or lower_bound > best[0]:
                best = (lower_bound, params, n_iter, converged)
        self.lower_bound_, params, self.n_iter_, self.converged_ = best
        self.weights_, self.means_, self.covariances_, self.precisions_cholesky_ = params
        self.precisions_ = self.precisions_cholesky_ @ self.precisions_cholesky_.transpose(0, 2, 1)
        if not self.converged_:
            warnings.warn(f"EM did not converge in max_iter={self.max_iter} rounds; increase "
                          "max_iter or tol", ConvergenceWarning, stacklevel=2)
        ### END SOLUTION
        return self

    def fit_predict(self, X, y=None):
        """Fit on X, then return the most probable component of each row of X."""
        return self.fit(X).predict(X)

    def predict(self, X):
        """The component with the highest responsibility for each row of X, shape (n_samples,)."""
        ### BEGIN SOLUTION
        return self._weighted_log_prob(X).argmax(axis=1)
        ### END SOLUTION

    def predict_proba(self, X):
        """The responsibilities P(component j | x_i), shape (n_samples, n_components)."""
        ### BEGIN SOLUTION
        log_prob = self._weighted_log_prob(X)  # (n_samples, n_components)
        # normalise in log space: exp(log_prob) alone can underflow to 0 / 0
        return np.exp(log_prob - _logsumexp(log_prob)[:, None])
        ### END SOLUTION

    def score_samples(self, X):
        """The log-density log p(x_i) of each row of X, shape (n_samples,)."""
        ### BEGIN SOLUTION
        return _logsumexp(self._weighted_log_prob(X))
        ### END SOLUTION

    def score(self, X, y=None):
        """The mean log-likelihood per sample of X (a float)."""
        ### BEGIN SOLUTION
        return float(np.mean(self.score_samples(X)))
        ### END SOLUTION

    def _weighted_log_prob(self, X):
        """log w_j + log N(x_i | mu_j, Sigma_j) after the fitted and feature checks."""
        ### BEGIN SOLUTION
        if not hasattr(self, "means_"):
            raise NotFittedError("This GaussianMixture instance is not fitted yet; call fit(X) first.")
        X = _check_array(X, "X")
        if X.shape[1] != self.means_.shape[1]:
            raise ValueError(f"X has {X.shape[1]} features, but GaussianMixture was fitted with "
                             f"{self.means_.shape[1]} features")
        return _log_gaussian(X, self.weights_, self.means_, self.precisions_cholesky_)
        ### END SOLUTION

    def _initialise(self, X, given, rng):
        """Initial (weights, means, covariances, precision factors) of one run."""
        # TODO: README 'Starting points'.
        ### BEGIN SOLUTION
        weights, means, precisions = given
        k = self.n_components
        if weights is None or means is None or precisions is None:
            if self.init_params == "kmeans":
                resp = np.eye(k)[_kmeans_labels(X, k, rng)]  # (n_samples, k), one-hot
            else:
                resp = rng.uniform(size=(X.shape[0], k))  # (n_samples, k)
                resp /= resp.sum(axis=1, keepdims=True)  # each row is a distribution
            # one M step turns responsibilities into parameters
            w, mu, covariances, prec_chol = _m_step(X, resp, self.reg_covar)
        else:
            w = mu = covariances = prec_chol = None
        if precisions is not None:
            # the lower factor L of the precision (L L^T = Sigma^{-1}) serves in the E step too
            prec_chol = np.linalg.cholesky(precisions)
        return (w if weights is None else weights, mu if means is None else means, covariances,
                prec_chol)
        ### END SOLUTION


def _log_gaussian(X, weights, means, prec_chol):
    """log w_j + log N(x_i | mu_j, Sigma_j), shape (n_samples, n_components)."""
    # TODO: README 'Log-densities without inverses'.
    ### BEGIN SOLUTION
    n_features = X.shape[1]
    # Sigma^{-1} = P P^T, so the squared Mahalanobis distance is ||(x - mu)^T P||^2, and
    # (x - mu)^T P = x^T P - mu^T P: one product of X with every P, no (k, n, d) differences
    y = X @ prec_chol  # (k, n_samples, d)
    y -= means[:, None, :] @ prec_chol  # (k, 1, d), broadcast over the samples
    mahalanobis = np.einsum("knd,knd->nk", y, y)  # (n_samples, k): the squares summed over d
    # log det(Sigma)^(-1/2) = log det P = sum of the log of P's diagonal
    log_det = np.log(np.diagonal(prec_chol, axis1=1, axis2=2)).sum(axis=1)  # (k,)
    return -0.5 * (n_features * np.log(2 * np.pi) + mahalanobis) + log_det + np.log(weights)
    ### END SOLUTION


def _logsumexp(a):
    """log sum_j exp(a_ij) for each row, without overflow or underflow, shape (n_samples,)."""
    ### BEGIN SOLUTION
    m = a.max(axis=1, keepdims=True)  # (n_samples, 1): the largest term becomes exp(0) = 1
    return (m + np.log(np.exp(a - m).sum(axis=1, keepdims=True)))[:, 0]
    ### END SOLUTION


def _e_step(X, params):
    """Log-responsibilities (n_samples, k) and the mean log-likelihood of ``params``."""
    # TODO: README 'The E step'.
    ### BEGIN SOLUTION
    weights, means, _, prec_chol = params
    log_prob = _log_gaussian(X, weights, means, prec_chol)  # (n_samples, k)
    log_norm = _logsumexp(log_prob)  # (n_samples,): log p(x_i)
    return log_prob - log_norm[:, None], float(log_norm.mean())
    ### END SOLUTION


def _m_step(X, resp, reg_covar):
    """(weights, means, covariances, precision factors) from responsibilities (n_samples, k)."""
    # TODO: README 'The M step'.
    ### BEGIN SOLUTION
    n_features = X.shape[1]
    # N_j, the soft count of each component; 10 eps keeps an empty component finite
    nk = resp.sum(axis=0) + 10 * np.finfo(float).eps  # (k,)
    means = resp.T @ X / nk[:, None]  # (k, d)
    # each sample's outer product weighted by its responsibility, divided by N_j (not n); one
    # component at a time: k (n, d) products, much faster than one batched (k, d, n) @ (k, n, d)
    covariances = np.empty((len(nk), n_features, n_features))  # (k, d, d)
    for j in range(len(nk)):
        diff = X - means[j]  # (n_samples, d)
        covariances[j] = (diff.T * resp[:, j]) @ diff / nk[j]
    # reg_covar keeps a component on a line or a single point invertible
    covariances += reg_covar * np.eye(n_features)
    try:
        L = np.linalg.cholesky(covariances)  # (k, d, d), Sigma = L L^T
    except np.linalg.LinAlgError:
        raise ValueError("a covariance matrix is not positive definite (a component collapsed "
                         "onto too few samples); increase reg_covar or use fewer components") from None
    # Sigma^{-1} = L^{-T} L^{-1}, so P = L^{-T} is an upper-triangular factor of the precision
    prec_chol = np.linalg.inv(L).transpose(0, 2, 1)  # (k, d, d)
    return nk / nk.sum(), means, covariances, prec_chol
    ### END SOLUTION


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
