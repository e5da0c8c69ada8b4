"""DBSCAN: density-based clustering with noise.

DBSCAN (Ester, Kriegel, Sander and Xu, 1996) needs no number of clusters. A sample's
eps-neighbourhood is every sample within distance ``eps`` of it, the sample itself included::

    N(x_i) = { x_j : d(x_i, x_j) <= eps }

A sample is a *core* sample when ``|N(x_i)| >= min_samples``. Two core samples within ``eps``
of each other belong to the same cluster, so a cluster is a connected component of the graph
on the core samples. A non-core sample within ``eps`` of a core sample is a *border* sample: it
joins a cluster but does not extend it. Every other sample is *noise* (label -1).

A border sample near core samples of two clusters goes to the cluster found first. As in
scikit-learn, clusters are found by scanning the samples in index order and expanding from
each core sample not yet in a cluster, and clusters are numbered 0, 1, ... in that order.

References: M. Ester, H.-P. Kriegel, J. Sander, X. Xu, "A density-based algorithm for
discovering clusters in large spatial databases with noise", KDD 1996; E. Schubert et al.,
"DBSCAN revisited, revisited", ACM TODS 42(3), 2017; scikit-learn's
``sklearn/cluster/_dbscan.py`` and ``_dbscan_inner.pyx``.
"""

import numpy as np

METRICS = ("euclidean", "manhattan")


class DBSCAN:
    """Density-based spatial clustering of applications with noise.

    Parameters
    ----------
    eps : float, default=0.5
        The radius of a neighbourhood; ``d(x_i, x_j) <= eps`` makes two samples neighbours.
    min_samples : int, default=5
        The number of samples (the sample itself included) an eps-neighbourhood must hold
        for its centre to be a core sample.
    metric : {"euclidean", "manhattan"}, default="euclidean"
        The distance: ``sqrt(sum_f (x_f - y_f)^2)`` or ``sum_f |x_f - y_f|``.

    Attributes
    ----------
    labels_ : ndarray of shape (n_samples,)
        The cluster of each sample, numbered 0, 1, ... in order of discovery; noise is -1.
    core_sample_indices_ : ndarray of shape (n_core_samples,)
        The indices of the core samples, in increasing order.
    components_ : ndarray of shape (n_core_samples, n_features)
        The core samples themselves, ``X[core_sample_indices_]``.

    Notes
    -----
    With the boolean adjacency ``A[i, j] = d(x_i, x_j) <= eps`` (diagonal included), the core
    samples are the rows with ``A[i].sum() >= min_samples``. Each cluster is grown breadth
    first: the frontier starts at one core sample, every unlabelled sample adjacent to the
    frontier joins, and only the core samples among the newcomers form the next frontier.
    The pairwise distances cost O(n^2 d) time and the adjacency O(n^2) memory.

    Example
    -------
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [9.0, 9.0], [9.0, 8.0], [9.0, 7.0]])
    >>> DBSCAN(eps=1.0, min_samples=3).fit(X).labels_.tolist()
    [0, 0, 0, 1, 1, 1]
    """

    def __init__(self, eps=0.5, min_samples=5, metric="euclidean"):
        ### BEGIN SOLUTION
        self.eps = eps
        self.min_samples = min_samples
        self.metric = metric
        ### END SOLUTION

    def fit(self, X, y=None):
        """Find the core samples of X and grow the clusters from them."""
        # TODO: validate, then README 'Neighbourhoods and core samples'.
        ### BEGIN SOLUTION
        X = _check_array(X, "X")
        if not self.eps > 0:
            raise ValueError(f"eps should be > 0, got {self.eps!r}")
        if not (isinstance(self.min_samples, (int, np.integer)) and self.min_samples >= 1):
            raise ValueError(f"min_samples should be an integer >= 1, got {self.min_samples!r}")
        if self.metric not in METRICS:
            raise ValueError(f"metric should be one of {METRICS}, got {self.metric!r}")
        A = _neighbourhoods(X, self.eps, self.metric)  # (n_samples, n_samples)
        # a neighbourhood counts its own centre, so min_samples=1 makes every sample core
        is_core = A.sum(axis=1) >= self.min_samples  # (n_samples,)
        self.labels_ = _expand_clusters(A, is_core)
        self.core_sample_indices_ = np.flatnonzero(is_core)
        self.components_ = X[self.core_sample_indices_].copy()
        ### END SOLUTION
        return self

    def fit_predict(self, X, y=None):
        """Fit on X and return ``labels_``."""
        return self.fit(X).labels_


def _check_array(X, name):
    """A finite, non-empty 2-D float array, or a ValueError saying what was received."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"{name} should be a non-empty 2-D array, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinity")
    return X


def _neighbourhoods(X, eps, metric, chunk_bytes=2**18):
    """The boolean adjacency A[i, j] = d(x_i, x_j) <= eps, shape (n_samples, n_samples)."""
    # TODO: README 'Neighbourhoods and core samples' (both metrics, <= eps, chunks of rows).
    ### BEGIN SOLUTION
    n, n_features = X.shape
    # Minkowski distance of order p, raised to the power p: no root to take, same order
    p = 2 if metric == "euclidean" else 1
    power = np.square if p == 2 else np.abs  # |t|^p
    A = np.empty((n, n), dtype=bool)
    # a block of rows at a time, small enough (chunk_bytes) that its distances stay in the
    # CPU cache; the two buffers are reused by every block and each step writes in place
    rows = max(1, chunk_bytes // (8 * n))
    D, T = np.empty((rows, n)), np.empty((rows, n))
    columns = np.ascontiguousarray(X.T)  # (n_features, n_samples): one feature per row
    for start in range(0, n, rows):
        block = X[start:start + rows]
        Db, Tb = D[:len(block)], T[:len(block)]  # the last block can be shorter
        Db[:] = 0.0  # (rows, n_samples): sum_f |x_f - y_f|^p
        for f in range(n_features):  # one feature at a time, every pair at once
            np.subtract(block[:, f, None], columns[f], out=Tb)
            Db += power(Tb, out=Tb)
        np.less_equal(Db, eps**p, out=A[start:start + len(block)])
    return A
    ### END SOLUTION


def _expand_clusters(A, is_core):
    """Labels from the adjacency and the core mask, shape (n_samples,); noise is -1."""
    # TODO: README 'Growing the clusters' (only core samples extend a cluster).
    ### BEGIN SOLUTION
    n = is_core.shape[0]
    labels = np.full(n, -1, dtype=np.intp)  # everything is noise until a cluster reaches it
    label = 0
    # seeds in index order, as scikit-learn: this fixes the cluster numbers and which
    # cluster a border sample shared by two clusters joins (the first one to reach it)
    for seed in np.flatnonzero(is_core):
        if labels[seed] != -1:
            continue  # already in the cluster of an earlier seed
        labels[seed] = label
        frontier = np.zeros(n, dtype=bool)  # (n_samples,)
        frontier[seed] = True
        while frontier.any():
            # everything within eps of the frontier that no cluster holds yet joins this one
            new = A[frontier].any(axis=0) & (labels == -1)  # (n_samples,)
            labels[new] = label
            # border samples join but do not reach further: only core samples expand
            frontier = new & is_core
        label += 1
    return labels
    ### END SOLUTION
