# This file is generated from solutions/kmeans.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/kmeans/README.md first.
"""k-means clustering: Lloyd's algorithm with k-means++ seeding and restarts.

k-means looks for ``k`` centres :math:`c_1, \\dots, c_k` that minimise the *inertia*, the sum of
squared distances from each sample to its nearest centre::

    J(c) = sum_i min_j ||x_i - c_j||^2

Lloyd's algorithm alternates two steps that each can only lower J:

    assignment  l_i = argmin_j ||x_i - c_j||^2                 (nearest centre)
    update      c_j = mean of the samples with l_i = j         (best centre of a fixed group)

It stops when the labels no longer change or when the centres moved less than a tolerance
(``sum_j ||c_j^new - c_j^old||^2 <= tol * mean_f Var(X[:, f])``, scikit-learn's rule).
Lloyd finds a local minimum only, so it is restarted ``n_init`` times from k-means++ seeds
(each new seed drawn with probability proportional to its squared distance to the
nearest seed so far, D^2 sampling) and the run with the lowest inertia is kept.

References: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Inf. Theory 28 (1982);
D. Arthur and S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007;
scikit-learn's ``sklearn/cluster/_kmeans.py``.
"""

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when predict or transform is called before fit."""


class KMeans:
    """k-means clustering by Lloyd's algorithm.

    Parameters
    ----------
    n_clusters : int, default=8
        The number of clusters ``k``.
    init : {"k-means++", "random"} or ndarray of shape (n_clusters, n_features)
        How the centres start: D^2 sampling, ``k`` distinct samples drawn uniformly, or
        the given centres (then a single run, whatever ``n_init`` says).
    n_init : int, default=10
        The number of seeded runs; the one with the lowest inertia is kept.
    max_iter : int, default=300
        The maximum number of Lloyd iterations of one run.
    tol : float, default=1e-4
        Relative tolerance: a run stops when the summed squared shift of the centres is at
        most ``tol`` times the mean of the per-feature variances of ``X``.
    random_state : int or None, default=None
        Seed of the generator used for seeding (``np.random.default_rng(random_state)``).

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        The centres of the best run.
    labels_ : ndarray of shape (n_samples,)
        The index of each training sample's nearest centre.
    inertia_ : float
        Sum of squared distances of the samples to their nearest centre.
    n_iter_ : int
        The number of Lloyd iterations of the best run.

    Notes
    -----
    The squared distances of all samples to all centres come from one matrix product,
    ``||x - c||^2 = ||x||^2 - 2 x.c + ||c||^2``, in O(n k d) time and O(n k) memory.
    After the last update the samples are assigned once more, so ``labels_`` are the
    nearest centres of ``cluster_centers_``. A centre that loses all its samples is moved to
    the sample farthest from its own centre, and that sample leaves its old cluster's mean
    (scikit-learn's rule), so no centre becomes NaN.

    Example
    -------
    >>> X = np.array([[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]])
    >>> km = KMeans(n_clusters=2, random_state=0).fit(X)
    >>> km.predict(np.array([[0.0, 0.1], [5.0, 5.1]])).tolist() == km.labels_[[0, 2]].tolist()
    True
    """

    def __init__(self, n_clusters=8, init="k-means++", n_init=10, max_iter=300, tol=1e-4,
                 random_state=None):
        # YOUR CODE HERE
        raise NotImplementedError()

    def fit(self, X, y=None):
        """Run ``n_init`` seeded Lloyd runs on X and keep the one with the lowest inertia."""
        # TODO: validate, scale tol, then loop over restarts (README: 'Restarts').
        # YOUR CODE HERE
        raise NotImplementedError()
        return self

    def predict(self, X):
        """The index of the nearest centre of each row of X, shape (n_samples,)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def fit_predict(self, X, y=None):
        """Fit on X and return ``labels_``."""
        return self.fit(X).labels_

    def transform(self, X):
        """Euclidean distances of each row of X to every centre, shape (n_samples, n_clusters)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def _check_fitted(self, X):
        """X as a float array after checking that fit ran and the feature count matches."""
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


def _squared_distances(X, C, XX=None):
    """All squared distances ||x_i - c_j||^2 at once, shape (n_samples, n_clusters).

    ``XX`` holds the squared norms ||x_i||^2 when the caller already has them.
    """
    # TODO: no loop; expand the square (README: 'Vectorised distances').
    # YOUR CODE HERE
    raise NotImplementedError()


def _nearest(X, C):
    """The index of the nearest centre of each row of X, shape (n_samples,).

    ||x_i||^2 is the same for every centre, so the argmin over j of ||c_j||^2 - 2 x_i.c_j
    is the nearest centre: the assignment step needs no ||x||^2 (scikit-learn's shortcut).
    """
    # TODO: README 'Vectorised distances'.
    # YOUR CODE HERE
    raise NotImplementedError()


def _kmeans_plusplus(X, k, rng):
    """k seeds by D^2 sampling, shape (k, n_features)."""
    # TODO: README 'Seeding with k-means++'.
    # YOUR CODE HERE
    raise NotImplementedError()


def _lloyd(X, centres, max_iter, tol):
    """One run of Lloyd's algorithm; returns (centres, labels, inertia, n_iter)."""
    # TODO: README 'Lloyd's algorithm' and 'When to stop'.
    # YOUR CODE HERE
    raise NotImplementedError()
