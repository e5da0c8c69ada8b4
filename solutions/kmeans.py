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
        ### BEGIN SOLUTION
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        ### END SOLUTION

    def fit(self, X, y=None):
        """Run ``n_init`` seeded Lloyd runs on X and keep the one with the lowest inertia."""
        # TODO: validate, scale tol, then loop over restarts (README: 'Restarts').
        ### BEGIN SOLUTION
        X = _check_array(X, "X")
        n_samples, n_features = X.shape
        k = self.n_clusters
        if not 1 <= k <= n_samples:
            raise ValueError(f"n_samples={n_samples} should be >= n_clusters={k} >= 1")
        if self.n_init < 1 or self.max_iter < 1:
            raise ValueError(f"n_init={self.n_init} and max_iter={self.max_iter} should be >= 1")
        init = self.init
        if isinstance(init, str):
            if init not in ("k-means++", "random"):
                raise ValueError(f"init should be 'k-means++', 'random' or an array, got {init!r}")
            n_init = self.n_init
        else:
            init = _check_array(init, "init")
            if init.shape != (k, n_features):
                raise ValueError(f"init has shape {init.shape}, expected {(k, n_features)}")
            n_init = 1  # the given centres make every run the same
        rng = np.random.default_rng(self.random_state)
        # tol is relative to the spread of the data, so rescaling X does not change the result
        tol = self.tol * np.mean(np.var(X, axis=0))
        best = None
        for _ in range(n_init):
            if isinstance(init, np.ndarray):
                centres = init.copy()
            elif init == "k-means++":
                centres = _kmeans_plusplus(X, k, rng)
            else:
                centres = X[rng.choice(n_samples, size=k, replace=False)]  # k distinct samples
            run = _lloyd(X, centres, self.max_iter, tol)
            # keep the run with the lowest inertia: Lloyd only finds local minima
            if best is None or run[2] < best[2]:
                best = run
        self.cluster_centers_, self.labels_, self.inertia_, self.n_iter_ = best
        ### END SOLUTION
        return self

    def predict(self, X):
        """The index of the nearest centre of each row of X, shape (n_samples,)."""
        ### BEGIN SOLUTION
        X = self._check_fitted(X)
        return _nearest(X, self.cluster_centers_)
        ### END SOLUTION

    def fit_predict(self, X, y=None):
        """Fit on X and return ``labels_``."""
        return self.fit(X).labels_

    def transform(self, X):
        """Euclidean distances of each row of X to every centre, shape (n_samples, n_clusters)."""
        ### BEGIN SOLUTION
        X = self._check_fitted(X)
        return np.sqrt(_squared_distances(X, self.cluster_centers_))
        ### END SOLUTION

    def _check_fitted(self, X):
        """X as a float array after checking that fit ran and the feature count matches."""
        ### BEGIN SOLUTION
        if not hasattr(self, "cluster_centers_"):
            raise NotFittedError("This KMeans instance is not fitted yet; call fit(X) first.")
        X = _check_array(X, "X")
        if X.shape[1] != self.cluster_centers_.shape[1]:
            raise ValueError(
                f"X has {X.shape[1]} features, but KMeans was fitted with "
                f"{self.cluster_centers_.shape[1]} features"
            )
        return X
        ### END SOLUTION


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
    ### BEGIN SOLUTION
    XX = np.einsum("ij,ij->i", X, X) if XX is None else XX  # (n_samples,)
    CC = np.einsum("ij,ij->i", C, C)  # (n_clusters,)
    # brackets: 2.0 * X @ C.T would first double all of X, a second pass over the data
    D = XX[:, None] - 2.0 * (X @ C.T) + CC[None, :]  # (n_samples, n_clusters)
    # rounding can make a tiny distance slightly negative
    return np.maximum(D, 0.0, out=D)
    ### END SOLUTION


def _nearest(X, C):
    """The index of the nearest centre of each row of X, shape (n_samples,).

    ||x_i||^2 is the same for every centre, so the argmin over j of ||c_j||^2 - 2 x_i.c_j
    is the nearest centre: the assignment step needs no ||x||^2 (scikit-learn's shortcut).
    """
    # TODO: README 'Vectorised distances'.
    ### BEGIN SOLUTION
    S = X @ (-2.0 * C.T)  # -2 x_i.c_j, (n_samples, n_clusters)
    S += np.einsum("ij,ij->i", C, C)  # in place: no second (n_samples, n_clusters) array
    return S.argmin(axis=1)
    ### END SOLUTION


def _kmeans_plusplus(X, k, rng):
    """k seeds by D^2 sampling, shape (k, n_features)."""
    # TODO: README 'Seeding with k-means++'.
    ### BEGIN SOLUTION
    n_samples = X.shape[0]
    # the first seed is a uniformly drawn sample
    idx = [int(rng.integers(n_samples))]
    XX = np.einsum("ij,ij->i", X, X)  # ||x||^2 once, not once per seed
    d2 = _squared_distances(X, X[idx], XX)[:, 0]  # (n_samples,) to the nearest seed so far
    for _ in range(1, k):
        # far samples are likely seeds: probability proportional to D(x)^2
        total = d2.sum()
        p = d2 / total if total > 0 else None  # all samples are seeds already: draw uniformly
        idx.append(int(rng.choice(n_samples, p=p)))
        d2 = np.minimum(d2, _squared_distances(X, X[idx[-1:]], XX)[:, 0])
    return X[idx].copy()
    ### END SOLUTION


def _lloyd(X, centres, max_iter, tol):
    """One run of Lloyd's algorithm; returns (centres, labels, inertia, n_iter)."""
    # TODO: README 'Lloyd's algorithm' and 'When to stop'.
    ### BEGIN SOLUTION
    k = centres.shape[0]
    labels_old = np.full(X.shape[0], -1)
    for n_iter in range(1, max_iter + 1):  # noqa: B007 - n_iter is returned
        # assignment step: each sample goes to its nearest centre
        labels = _nearest(X, centres)  # (n_samples,)
        # update step: each centre moves to the mean of its samples
        one_hot = (np.arange(k)[:, None] == labels).astype(float)  # (k, n_samples)
        sums = one_hot @ X  # (k, n_features): one matrix product, no loop over clusters
        counts = np.bincount(labels, minlength=k).astype(float)  # (k,)
        empty = np.flatnonzero(counts == 0)
        if empty.size:
            # an empty cluster takes a sample farthest from its centre (scikit-learn's rule)
            far = np.argsort(-np.sum((X - centres[labels]) ** 2, axis=1))[: empty.size]
            np.subtract.at(sums, labels[far], X[far])
            np.subtract.at(counts, labels[far], 1.0)
            sums[empty], counts[empty] = X[far], 1.0
        # a cluster that is still empty keeps its centre rather than becoming NaN
        new = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1.0)[:, None], centres)
        shift = np.sum((new - centres) ** 2)
        centres = new
        # stop when nothing changes any more, or when the centres barely moved
        if np.array_equal(labels, labels_old) or shift <= tol:
            break
        labels_old = labels
    # assign once more so that labels match the final centres
    labels = _nearest(X, centres)
    # from the explicit differences: the expanded square loses precision to cancellation
    diff = centres[labels]
    diff -= X  # in place: one (n_samples, n_features) temporary
    inertia = float(np.einsum("ij,ij->", diff, diff))
    return centres, labels, inertia, n_iter
    ### END SOLUTION
