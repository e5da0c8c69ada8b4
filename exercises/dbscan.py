# This file is generated from solutions/dbscan.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/dbscan/README.md first.
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
        # YOUR CODE HERE
        raise NotImplementedError()

    def fit(self, X, y=None):
        """Find the core samples of X and grow the clusters from them."""
        # TODO: validate, then README 'Neighbourhoods and core samples'.
        # YOUR CODE HERE
        raise NotImplementedError()
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
    # YOUR CODE HERE
    raise NotImplementedError()


def _expand_clusters(A, is_core):
    """Labels from the adjacency and the core mask, shape (n_samples,); noise is -1."""
    # TODO: README 'Growing the clusters' (only core samples extend a cluster).
    # YOUR CODE HERE
    raise NotImplementedError()
