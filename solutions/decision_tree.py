"""Decision trees grown by CART: recursive binary splits that make the children purer.

A tree asks one question per internal node, "is feature j <= t?", and sends a sample left or
right until it reaches a leaf, which predicts the class fractions (classifier) or the mean
target (regressor) of the training samples that ended there. CART grows the tree greedily:
at a node holding n samples, every feature j and every threshold t between two consecutive
distinct values of feature j are tried, and the split that minimises the weighted impurity
of the two children is kept::

    score(j, t) = n_left * H(left) + n_right * H(right)

    gini          H = 1 - sum_k p_k^2
    entropy       H = - sum_k p_k log2 p_k
    squared_error H = mean(y^2) - mean(y)^2          (the variance of y in the node)

Every impurity here is a function of sums over the node's samples (class counts, or the sums
of y and y^2), so sorting a feature once and taking cumulative sums gives the children's
statistics, hence the score, of every threshold at once. Splitting stops at pure nodes, at
``max_depth``, below ``min_samples_split`` samples, and when no split leaves
``min_samples_leaf`` samples on both sides. A feature's importance is the total weighted
impurity decrease ``n H(node) - n_left H(left) - n_right H(right)`` of the splits on it,
normalised to sum to 1.

References: L. Breiman, J. Friedman, R. Olshen, C. Stone, "Classification and Regression
Trees" (1984); T. Hastie, R. Tibshirani, J. Friedman, "The Elements of Statistical Learning",
section 9.2; scikit-learn's ``sklearn/tree/_splitter.pyx`` and ``_criterion.pyx``.
"""

from numbers import Integral

import numpy as np

_EPS = np.finfo(float).eps  # impurities below this are rounding errors of 0


class NotFittedError(ValueError, AttributeError):
    """Raised when predict is called before fit."""


def _gini(S, n):
    """Gini impurity 1 - sum_k p_k^2 from class counts S (..., n_classes) and sizes n (...)."""
    # TODO: one expression for any leading shape of S (README: 'Impurity').
    ### BEGIN SOLUTION
    p = S / n[..., None]
    # sum_k p_k^2 as a dot product over the last axis: np.sum(p**2, axis=-1) gives the same
    # numbers, but is slow when that axis is short (2 classes)
    return 1.0 - np.einsum("...k,...k->...", p, p)
    ### END SOLUTION


def _entropy(S, n):
    """Entropy -sum_k p_k log2 p_k in bits, with 0 log 0 = 0."""
    # TODO: log2(0) is -inf and 0 * -inf is NaN; README 'Impurity'.
    ### BEGIN SOLUTION
    p = S / n[..., None]
    return -np.sum(p * np.log2(np.where(p > 0, p, 1.0)), axis=-1)
    ### END SOLUTION


def _squared_error(S, n):
    """Variance mean(y^2) - mean(y)^2 from S = (sum y, sum y^2) of shape (..., 2)."""
    ### BEGIN SOLUTION
    mean = S[..., 0] / n
    return S[..., 1] / n - mean**2
    ### END SOLUTION


class _BaseTree:
    """What the classifier and the regressor share: growing, applying and measuring a tree.

    A subclass says how the targets become per-sample statistics ``Y`` whose sums over a
    node define its impurity (``_statistics``) and which impurities it accepts (``_CRITERIA``).
    """

    _CRITERIA = {}

    def __init__(self, criterion, max_depth=None, min_samples_split=2, min_samples_leaf=1):
        ### BEGIN SOLUTION
        self.criterion = criterion
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.min_samples_leaf = min_samples_leaf
        ### END SOLUTION

    def fit(self, X, y):
        """Grow the tree on X of shape (n_samples, n_features) and targets y of shape (n_samples,)."""
        X = _check_X(X)
        y = np.asarray(y)
        if y.ndim != 1 or len(y) != len(X):
            raise ValueError(f"y should have shape ({len(X)},) to match X, got shape {y.shape}")
        if y.dtype.kind in "fc" and not np.all(np.isfinite(y)):
            raise ValueError("y contains NaN or infinity")
        self._check_parameters()
        self.n_features_in_ = X.shape[1]
        # TODO: grow depth-first with a stack of nodes (README: 'Growing the tree'), crediting
        # each split's impurity decrease to its feature (README: 'Feature importances').
        ### BEGIN SOLUTION
        Y = self._statistics(y)  # (n_samples, n_stats): their sums over a node define it
        impurity = self._CRITERIA[self.criterion]
        max_depth = np.inf if self.max_depth is None else self.max_depth
        feature, threshold, children, value, depth = [], [], [], [], []
        importances = np.zeros(self.n_features_in_)
        # Each feature is sorted once, here. Taking samples out of a sorted list leaves it
        # sorted, so a child's lists are its parent's without the other child's samples.
        goes_left = np.zeros(len(X), dtype=bool)  # scratch: which of a node's samples go left
        # (the node's samples sorted by each feature (n_features, n), its depth,
        #  (parent, 0 for left or 1 for right))
        stack = [(np.argsort(X.T, axis=1, kind="stable"), 0, None)]
        while stack:
            order, d, link = stack.pop()
            idx = order[0]  # the node's samples (sorted by feature 0)
            node = len(value)
            if link is not None:
                children[link[0]][link[1]] = node
            n, S = len(idx), Y[idx].sum(axis=0)  # the node's size and summed statistics
            feature.append(-1)
            threshold.append(np.nan)
            children.append([-1, -1])
            value.append(S / n)
            depth.append(d)
            # stop at max_depth and below min_samples_split...
            if d >= max_depth or n < self.min_samples_split:
                continue
            # ...and at pure nodes (impurity 0 up to rounding)
            h = impurity(S, np.float64(n))
            if h <= _EPS:
                continue
            split = _best_split(X, Y, order, impurity, self.min_samples_leaf)
            if split is None:  # no threshold leaves min_samples_leaf samples on both sides
                continue
            j, t, score = split
            feature[node], threshold[node] = j, t
            # the split's weighted impurity decrease is credited to its feature
            importances[j] += n * h - score
            goes_left[idx] = X[idx, j] <= t
            left = goes_left[order]  # (n_features, n): the same samples in every row
            # push the right child first so that the left one is grown first (preorder ids)
            stack.append((order[~left].reshape(len(order), -1), d + 1, (node, 1)))
            stack.append((order[left].reshape(len(order), -1), d + 1, (node, 0)))
        self.feature_ = np.array(feature)  # (n_nodes,), -1 at leaves
        self.threshold_ = np.array(threshold)  # (n_nodes,), NaN at leaves
        self.children_ = np.array(children)  # (n_nodes, 2): left and right child, -1 at leaves
        self.value_ = np.array(value)  # (n_nodes, n_stats): the mean of Y in each node
        self.node_depth_ = np.array(depth)  # (n_nodes,)
        total = importances.sum()
        # normalised to sum to 1, as scikit-learn does (all 0 for a tree that is one leaf)
        self.feature_importances_ = importances / total if total > 0 else importances
        ### END SOLUTION
        return self

    def apply(self, X):
        """The index of the leaf each row of X falls into, shape (n_samples,)."""
        X = self._check_predict_input(X)
        # TODO: no loop over samples; README 'Predicting'.
        ### BEGIN SOLUTION
        node = np.zeros(len(X), dtype=int)  # every sample starts at the root
        inner = np.flatnonzero(self.feature_[node] >= 0)
        # all samples still at an internal node descend one level per pass
        while inner.size:
            at = node[inner]
            go_right = X[inner, self.feature_[at]] > self.threshold_[at]  # left iff x_j <= t
            node[inner] = self.children_[at, go_right.astype(int)]
            inner = inner[self.feature_[node[inner]] >= 0]
        return node
        ### END SOLUTION

    def get_depth(self):
        """The depth of the tree: the longest path from the root to a leaf (a stump has 1)."""
        self._check_fitted()
        ### BEGIN SOLUTION
        return int(self.node_depth_.max())
        ### END SOLUTION

    def get_n_leaves(self):
        """The number of leaves."""
        self._check_fitted()
        ### BEGIN SOLUTION
        return int(np.sum(self.feature_ < 0))
        ### END SOLUTION

    def _check_fitted(self):
        if not hasattr(self, "feature_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet; call fit(X, y) first."
            )

    def _check_predict_input(self, X):
        self._check_fitted()
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} was fitted with "
                f"{self.n_features_in_} features"
            )
        return X

    def _check_parameters(self):
        if self.criterion not in self._CRITERIA:
            raise ValueError(f"criterion should be one of {sorted(self._CRITERIA)}, got {self.criterion!r}")
        for name, low in (("max_depth", 1), ("min_samples_split", 2), ("min_samples_leaf", 1)):
            v = getattr(self, name)
            if v is None and name == "max_depth":
                continue  # no depth limit
            if isinstance(v, bool) or not isinstance(v, Integral) or v < low:
                raise ValueError(f"{name} should be an integer >= {low}, got {v!r}")


class DecisionTreeClassifier(_BaseTree):
    """CART classification tree.

    Parameters
    ----------
    criterion : {"gini", "entropy"}, default="gini"
        The impurity a split minimises (weighted by the children's sizes).
    max_depth : int or None, default=None
        The maximum depth (the root has depth 0); None grows until the leaves are pure.
    min_samples_split : int, default=2
        A node with fewer samples is not split.
    min_samples_leaf : int, default=1
        A split is allowed only if both children keep at least this many samples.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted class labels (any type ``np.unique`` sorts).
    n_features_in_ : int
        The number of features seen in fit.
    feature_importances_ : ndarray of shape (n_features,)
        The total weighted impurity decrease of the splits on each feature, summing to 1.
    feature_, threshold_ : ndarray of shape (n_nodes,)
        The question of each internal node, ``X[:, feature_] <= threshold_`` goes left; -1 and
        NaN at leaves. Nodes are numbered in the order they are grown (preorder, root 0).
    children_ : ndarray of shape (n_nodes, 2)
        The left and right child of each node, -1 at leaves.
    value_ : ndarray of shape (n_nodes, n_classes)
        The class fractions of the training samples in each node.
    node_depth_ : ndarray of shape (n_nodes,)
        The depth of each node.

    Notes
    -----
    With ``p_k`` the fraction of class k in a node, the Gini impurity is
    ``1 - sum_k p_k^2`` and the entropy ``-sum_k p_k log2 p_k``. A split is chosen to minimise
    ``n_L H(L) + n_R H(R)``; thresholds are midpoints between consecutive distinct values.
    Growing sorts each feature once, O(n d log n), then costs O(n d K) per tree level.

    Example
    -------
    Gini and entropy can choose different splits: on x = 0..5 with labels ``aabcac``, a stump
    cuts at 1.5 under Gini and at 2.5 under entropy, so x = 2 falls on different sides.

    >>> X, y = np.arange(6.0)[:, None], np.array(list("aabcac"))
    >>> [DecisionTreeClassifier(criterion=c, max_depth=1).fit(X, y).predict([[2.0]]).tolist()
    ...  for c in ("gini", "entropy")]
    [['c'], ['a']]
    """

    _CRITERIA = {"gini": _gini, "entropy": _entropy}

    def __init__(self, criterion="gini", max_depth=None, min_samples_split=2, min_samples_leaf=1):
        super().__init__(criterion, max_depth, min_samples_split, min_samples_leaf)

    def _statistics(self, y):
        # one-hot rows: their sum over a node is its class counts
        ### BEGIN SOLUTION
        self.classes_, codes = np.unique(y, return_inverse=True)
        return np.eye(len(self.classes_))[codes]  # (n_samples, n_classes)
        ### END SOLUTION

    def predict_proba(self, X):
        """Class fractions of the leaf each row falls into, shape (n_samples, n_classes)."""
        ### BEGIN SOLUTION
        leaves = self.apply(X)  # (n_samples,), after checking that fit ran
        return self.value_[leaves]
        ### END SOLUTION

    def predict(self, X):
        """The majority class of the leaf each row falls into, shape (n_samples,)."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)  # (n_samples, n_classes)
        return self.classes_[np.argmax(proba, axis=1)]
        ### END SOLUTION


class DecisionTreeRegressor(_BaseTree):
    """CART regression tree: leaves predict the mean target, splits minimise the squared error.

    Parameters and attributes are those of ``DecisionTreeClassifier`` except:

    criterion : {"squared_error"}, default="squared_error"
        ``H = mean(y^2) - mean(y)^2``, so ``n H`` is the node's sum of squared residuals.
    value_ : ndarray of shape (n_nodes, 2)
        The mean of y (the prediction) and of y^2 in each node.

    Example
    -------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> DecisionTreeRegressor(max_depth=1).fit(X, [1.0, 1.0, 5.0, 7.0]).predict(X).tolist()
    [1.0, 1.0, 6.0, 6.0]
    """

    _CRITERIA = {"squared_error": _squared_error}

    def __init__(self, criterion="squared_error", max_depth=None, min_samples_split=2,
                 min_samples_leaf=1):
        super().__init__(criterion, max_depth, min_samples_split, min_samples_leaf)

    def _statistics(self, y):
        # (y, y^2) per sample: their sums give a node's mean and variance
        ### BEGIN SOLUTION
        y = y.astype(float)
        return np.column_stack([y, y**2])  # (n_samples, 2)
        ### END SOLUTION

    def predict(self, X):
        """The mean training target of the leaf each row falls into, shape (n_samples,)."""
        ### BEGIN SOLUTION
        leaves = self.apply(X)  # (n_samples,), after checking that fit ran
        return self.value_[leaves, 0]
        ### END SOLUTION


def _best_split(X, Y, order, impurity, min_samples_leaf):
    """The best (feature, threshold, n_L H(L) + n_R H(R)) of a node, or None if none is allowed.

    X (n_samples, n_features) and Y (n_samples, n_stats) are the whole training set's features
    and statistics; row j of order (n_features, n) holds the node's n samples sorted by feature j.
    """
    # TODO: no loop over thresholds; README 'Scoring every threshold at once'.
    ### BEGIN SOLUTION
    n = order.shape[1]
    Xs = np.take_along_axis(X.T, order, axis=1)  # (n_features, n): each feature's sorted values
    # the left child of position i holds the i + 1 smallest values: cumulative sums
    # (Y.take(order, axis=0) is Y[order], faster)
    S_left = np.cumsum(Y.take(order, axis=0), axis=1)[:, :-1]  # (n_features, n - 1, n_stats)
    S_right = Y[order[0]].sum(axis=0) - S_left  # (n_features, n - 1, n_stats)
    n_left = np.arange(1.0, n)  # (n - 1,): the size of the left child
    n_right = n - n_left
    # each child's impurity weighted by its size: a big impure child costs more than a small one
    score = n_left * impurity(S_left, n_left) + n_right * impurity(S_right, n_right)
    # a threshold only separates distinct values, and both children keep min_samples_leaf
    allowed = (Xs[:, 1:] > Xs[:, :-1]) & (n_left >= min_samples_leaf) & (n_right >= min_samples_leaf)
    score = np.where(allowed, score, np.inf)  # (n_features, n - 1)
    # lowest score; ties go to the lowest feature index, then the lowest threshold
    j, i = divmod(int(np.argmin(score)), n - 1)
    if score[j, i] == np.inf:
        return None
    # the midpoint between the two values it separates (halves first: no overflow)
    t = Xs[j, i] / 2 + Xs[j, i + 1] / 2
    if t == Xs[j, i + 1]:  # two adjacent floats: the midpoint rounded up would send all left
        t = Xs[j, i]
    return j, t, score[j, i]
    ### END SOLUTION


def _check_X(X):
    """A finite, non-empty 2-D float array, or a ValueError saying what was received."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"X should be a non-empty 2-D array, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinity")
    return X
