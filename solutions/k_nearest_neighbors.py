"""k-nearest neighbours: predict from the k training samples closest to the query.

Nothing is learned in ``fit``; the model *is* the training set. At a query ``x``, let N_k(x) be
the k training samples nearest to ``x`` and ``w_i`` their weights. Then

    classifier  P(c | x) = sum_{i in N_k(x), y_i = c} w_i / sum_{i in N_k(x)} w_i,
                y_hat = classes_[argmax_c P(c | x)]
    regressor   y_hat = sum_{i in N_k(x)} w_i y_i / sum_{i in N_k(x)} w_i

with ``w_i = 1`` (weights="uniform") or ``w_i = 1 / d(x, x_i)`` (weights="distance"), and

    euclidean   d(x, z) = sqrt(||x||^2 - 2 x.z + ||z||^2)      (clipped at 0 before the sqrt)
    manhattan   d(x, z) = sum_j |x_j - z_j|

computed for a whole block of queries against all training samples at once.

Ties, defined as scikit-learn's brute-force search resolves them: among training samples at
equal distance the lower training index is nearer; a tied vote goes to the smallest label
(``argmax`` over the sorted ``classes_``); with weights="distance", training samples at
distance 0 from the query share all the weight.

References: T. Cover and P. Hart, "Nearest neighbor pattern classification", IEEE Trans. Inf.
Theory 13 (1967); Hastie, Tibshirani & Friedman, "The Elements of Statistical Learning" (2009),
2.3.2 and 13.3; scikit-learn's ``sklearn/neighbors/_base.py`` and ``_classification.py``.
"""

import numpy as np

BLOCK = 2**20  # distance entries computed at once (8 MB of float64): bounds the memory


class NotFittedError(ValueError, AttributeError):
    """Raised when the model is used before ``fit``."""


class _KNeighbors:
    """What both estimators share: parameters, ``fit``, ``kneighbors`` and the weights."""

    def __init__(self, n_neighbors=5, weights="uniform", metric="euclidean"):
        ### BEGIN SOLUTION
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.metric = metric
        ### END SOLUTION

    def fit(self, X, y):
        """Check X, y and the parameters, and store the training set. Returns self.

        Sets ``n_features_in_`` and ``n_samples_fit_``; ``self._encode(y)`` (written in each
        subclass) checks ``y`` and returns the targets to store.
        """
        # TODO: README 'Input checks' and 'The algorithm, step by step'.
        ### BEGIN SOLUTION
        X = _check_array(X, "X")
        y = np.asarray(y)
        if y.shape != (X.shape[0],):
            raise ValueError(f"y should be 1-D with one value per sample of X ({X.shape[0]}); "
                             f"got shape {y.shape}")
        _check_k(self.n_neighbors)
        if self.weights not in ("uniform", "distance"):
            raise ValueError(f"weights should be 'uniform' or 'distance'; got {self.weights!r}")
        if self.metric not in ("euclidean", "manhattan"):
            raise ValueError(f"metric should be 'euclidean' or 'manhattan'; got {self.metric!r}")
        self._fit_X = X  # (n_samples_fit, n_features): the whole model
        self._y = self._encode(y)  # (n_samples_fit,)
        self.n_features_in_, self.n_samples_fit_ = X.shape[1], X.shape[0]
        ### END SOLUTION
        return self

    def kneighbors(self, X=None, n_neighbors=None, return_distance=True):
        """Distances to and indices of the nearest training samples, each of shape (n_queries, k).

        Rows are sorted by distance. ``X=None`` queries the training set itself, and then a
        sample is not its own neighbour. ``n_neighbors=None`` means ``self.n_neighbors``.
        With ``return_distance=False`` only the indices are returned.
        """
        # TODO: README 'Finding the k nearest' and 'Ties'.
        ### BEGIN SOLUTION
        if not hasattr(self, "_fit_X"):
            raise NotFittedError(f"This {type(self).__name__} is not fitted yet; call fit(X, y) first.")
        k = self.n_neighbors if n_neighbors is None else n_neighbors
        _check_k(k)
        on_train = X is None
        X = self._fit_X if on_train else self._check_query(X)
        n_fit = self.n_samples_fit_
        if k > n_fit - on_train:
            where = " when X is None (a sample is not its own neighbour)" if on_train else ""
            raise ValueError(f"n_neighbors={k} is more than the n_samples_fit={n_fit} training "
                             f"samples{where} can provide")
        n_queries = X.shape[0]
        dist = np.empty((n_queries, k))  # (n_queries, k)
        ind = np.empty((n_queries, k), dtype=np.intp)  # (n_queries, k)
        rows = max(1, BLOCK // n_fit)  # queries per block
        for start in range(0, n_queries, rows):
            block = slice(start, start + rows)
            D = _distances(X[block], self._fit_X, self.metric)  # (rows, n_samples_fit)
            if on_train:
                # a training sample is not its own neighbour
                D[np.arange(D.shape[0]), np.arange(start, start + D.shape[0])] = np.inf
            # the k smallest without sorting whole rows, ties to the lower index: every distance
            # below the k-th smallest, then the first of those equal to it, in training order
            kth = np.partition(D, k - 1, axis=1)[:, k - 1:k]  # (rows, 1)
            below = D < kth  # (rows, n_samples_fit)
            tied = D == kth
            chosen = below | tied  # k per row, or more where several tie at the k-th distance
            extra = np.flatnonzero(chosen.sum(axis=1) > k)  # those rows (rare with real data)
            if extra.size:
                # keep only as many of the ties as are wanted, the first ones in training order
                wanted = k - below[extra].sum(axis=1, keepdims=True)  # (n_extra, 1)
                first = np.cumsum(tied[extra], axis=1) <= wanted  # (n_extra, n_samples_fit)
                chosen[extra] = below[extra] | (tied[extra] & first)
            cols = np.nonzero(chosen)[1].reshape(-1, k)  # (rows, k), in training order
            near = np.take_along_axis(D, cols, axis=1)
            # a stable sort of only these k keeps equal distances in training order
            order = np.argsort(near, axis=1, kind="stable")
            ind[block] = np.take_along_axis(cols, order, axis=1)
            dist[block] = np.take_along_axis(near, order, axis=1)
        return (dist, ind) if return_distance else ind
        ### END SOLUTION

    def _weights(self, dist):
        """The weight of each neighbour, shape (n_queries, k)."""
        # TODO: README 'Weighting by distance'.
        ### BEGIN SOLUTION
        if self.weights == "uniform":
            return np.ones_like(dist)
        on_query = dist == 0.0  # (n_queries, k)
        with np.errstate(divide="ignore"):
            w = 1.0 / dist
        # 1/0 is infinite: neighbours on top of the query share all the weight
        return np.where(on_query.any(axis=1, keepdims=True), on_query.astype(float), w)
        ### END SOLUTION

    def _check_query(self, X):
        """X as a float array with the training set's number of features."""
        X = _check_array(X, "X")
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but {type(self).__name__} was fitted "
                             f"with {self.n_features_in_} features")
        return X


class KNeighborsClassifier(_KNeighbors):
    """Classifier that takes a (weighted) vote of the k nearest training samples.

    Parameters
    ----------
    n_neighbors : int, default=5
        The number ``k`` of neighbours that vote.
    weights : {"uniform", "distance"}, default="uniform"
        ``"uniform"``: one vote each; ``"distance"``: a vote of ``1 / distance``.
    metric : {"euclidean", "manhattan"}, default="euclidean"
        The distance between samples.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels, sorted as by ``np.unique``.
    n_features_in_ : int
        The number of features seen in ``fit``.
    n_samples_fit_ : int
        The number of training samples.

    Notes
    -----
    ``predict_proba`` returns, per query, the weights of the neighbours summed per class and
    divided by their total; ``predict`` returns ``classes_[argmax]`` of those, so a tied vote
    goes to the smallest label. The neighbours come from ``kneighbors``: O(n_queries *
    n_samples_fit * n_features) time and O(BLOCK) memory for the distances.

    Example
    -------
    >>> X = np.array([[0.0], [1.0], [2.0], [10.0], [11.0]])
    >>> knn = KNeighborsClassifier(n_neighbors=3).fit(X, ["a", "a", "a", "b", "b"])
    >>> knn.predict([[1.5], [9.0]]).tolist()
    ['a', 'b']
    """

    def _encode(self, y):
        """Set ``classes_``; return each label's position in it."""
        ### BEGIN SOLUTION
        # np.unique sorts the labels: the column order of predict_proba
        self.classes_, y_index = np.unique(y, return_inverse=True)
        return y_index
        ### END SOLUTION

    def predict_proba(self, X):
        """The weighted share of each class among the neighbours, shape (n_queries, n_classes)."""
        # TODO: README 'The vote'.
        ### BEGIN SOLUTION
        dist, ind = self.kneighbors(X)
        w = self._weights(dist)  # (n_queries, k)
        votes = np.zeros((ind.shape[0], len(self.classes_)))  # (n_queries, n_classes)
        # add each neighbour's weight to its class's column (add.at accumulates repeats)
        np.add.at(votes, (np.arange(ind.shape[0])[:, None], self._y[ind]), w)
        return votes / votes.sum(axis=1, keepdims=True)
        ### END SOLUTION

    def predict(self, X):
        """The class with the largest vote; a tie goes to the smallest label. Shape (n_queries,)."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)  # (n_queries, n_classes)
        # argmax returns the first maximum, and classes_ is sorted
        return self.classes_[np.argmax(proba, axis=1)]
        ### END SOLUTION


class KNeighborsRegressor(_KNeighbors):
    """Regressor that averages the targets of the k nearest training samples.

    Parameters
    ----------
    n_neighbors : int, default=5
        The number ``k`` of neighbours averaged.
    weights : {"uniform", "distance"}, default="uniform"
        ``"uniform"``: the plain mean; ``"distance"``: the mean weighted by ``1 / distance``.
    metric : {"euclidean", "manhattan"}, default="euclidean"
        The distance between samples.

    Attributes
    ----------
    n_features_in_ : int
        The number of features seen in ``fit``.
    n_samples_fit_ : int
        The number of training samples.

    Notes
    -----
    ``predict`` returns ``sum_i w_i y_i / sum_i w_i`` over the neighbours. With
    weights="distance" the prediction interpolates the training targets: at a training
    sample it returns that sample's target (the mean of the targets of all training samples
    at distance 0).

    Example
    -------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> KNeighborsRegressor(n_neighbors=2).fit(X, [0.0, 1.0, 4.0, 9.0]).predict([[0.4]]).tolist()
    [0.5]
    """

    def _encode(self, y):
        """The targets as a finite float array."""
        ### BEGIN SOLUTION
        y = y.astype(float)
        if not np.all(np.isfinite(y)):
            raise ValueError("y contains NaN or infinity")
        return y
        ### END SOLUTION

    def predict(self, X):
        """The weighted mean of the neighbours' targets, shape (n_queries,)."""
        # TODO: README 'The vote'.
        ### BEGIN SOLUTION
        dist, ind = self.kneighbors(X)
        w = self._weights(dist)  # (n_queries, k)
        return np.sum(w * self._y[ind], axis=1) / np.sum(w, axis=1)
        ### END SOLUTION


def _check_array(X, name):
    """A finite, non-empty 2-D float array, or a ValueError saying what was received."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"{name} should be a non-empty 2-D array, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{name} contains NaN or infinity")
    return X


def _check_k(k):
    """A ValueError unless k is an integer >= 1."""
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"n_neighbors should be an integer >= 1; got {k!r}")


def _distances(X, Z, metric):
    """All distances between the rows of X and the rows of Z, shape (n_X, n_Z)."""
    # TODO: no loop over samples (README 'Vectorised distances').
    ### BEGIN SOLUTION
    if metric == "manhattan":
        D = np.zeros((X.shape[0], Z.shape[0]))  # (n_X, n_Z)
        # one feature at a time: O(n_X n_Z) memory instead of O(n_X n_Z n_features)
        for j in range(X.shape[1]):
            D += np.abs(X[:, j, None] - Z[None, :, j])
        return D
    # ||x||^2 - 2 x.z + ||z||^2, in place: one (n_X, n_Z) array, not four
    D = X @ Z.T  # (n_X, n_Z)
    D *= -2.0
    D += np.einsum("ij,ij->i", X, X)[:, None]  # (n_X, 1) broadcast along the rows
    D += np.einsum("ij,ij->i", Z, Z)[None, :]  # (1, n_Z)
    # rounding can make a tiny squared distance negative, and sqrt of that is nan
    np.maximum(D, 0.0, out=D)
    return np.sqrt(D, out=D)
    ### END SOLUTION
