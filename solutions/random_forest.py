"""Random forests: many decorrelated trees, each grown on a bootstrap sample, averaged.

A single fully grown tree has low bias and high variance: a few different training samples
give a very different tree. Averaging B trees whose predictions each have variance sigma^2 and
pairwise correlation rho gives a prediction of variance

    rho * sigma^2 + (1 - rho) * sigma^2 / B,

so averaging removes the second term and decorrelating the trees shrinks the first. A random
forest (Breiman, 2001) decorrelates its trees in two ways:

    bagging        tree b is grown on a bootstrap sample: n draws with replacement from the
                   n training samples (about 1 - 1/e = 63.2% of them distinct)
    max_features   each split chooses among a fresh random subset of max_features features

and predicts the mean of the trees' leaf class fractions (probability voting). The samples a
tree never saw (its out-of-bag samples, about 1/e = 36.8%) give a free estimate of the test
accuracy, and the trees' impurity-decrease importances, averaged, give feature_importances_.

References: L. Breiman, "Random forests", Machine Learning 45 (2001); L. Breiman, "Bagging
predictors", Machine Learning 24 (1996); T. Hastie, R. Tibshirani, J. Friedman, "The Elements
of Statistical Learning", chapter 15; scikit-learn's ``sklearn/ensemble/_forest.py``.
"""

from numbers import Integral, Real

import numpy as np

_EPS = np.finfo(float).eps  # impurities below this are rounding errors of 0


class NotFittedError(ValueError, AttributeError):
    """Raised when predict is called before fit."""


class RandomForestClassifier:
    """A random forest of CART classification trees (Gini impurity).

    Parameters
    ----------
    n_estimators : int, default=100
        The number of trees.
    max_features : {"sqrt", "log2"}, int, float or None, default="sqrt"
        The number of features drawn (without replacement) as candidates at each split:
        ``max(1, int(sqrt(d)))``, ``max(1, int(log2(d)))``, the int itself (1 to d),
        ``max(1, int(max_features * d))`` for a float in (0, 1], or all d for None.
    max_depth : int or None, default=None
        The maximum depth of each tree; None grows until the leaves are pure.
    min_samples_leaf : int, default=1
        A split must leave at least this many distinct training samples in each child.
    bootstrap : bool, default=True
        Grow each tree on a bootstrap sample; False gives every tree all the samples.
    oob_score : bool, default=False
        Estimate the accuracy on the out-of-bag samples (needs bootstrap=True).
    random_state : int, np.random.Generator or None, default=None
        Seeds the bootstrap samples and the feature draws.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted class labels.
    n_features_in_ : int
        The number of features seen in fit.
    estimators_ : list of _Tree
        The fitted trees.
    estimators_samples_ : list of ndarray of shape (n_samples,)
        The indices drawn for each tree's bootstrap sample, repeats included.
    feature_importances_ : ndarray of shape (n_features,)
        The mean of the trees' normalised impurity-decrease importances, summing to 1.
    oob_decision_function_ : ndarray of shape (n_samples, n_classes)
        The mean predict_proba of the trees for which each sample was out of bag (NaN rows
        for samples that were in every tree's bootstrap sample). Only with oob_score=True.
    oob_score_ : float
        The accuracy of the argmax of oob_decision_function_, over the samples that were out of
        bag at least once. Only with oob_score=True.

    Notes
    -----
    With tree b's class fractions ``p_b(x)`` in the leaf x falls into,
    ``predict_proba(x) = (1/B) sum_b p_b(x)`` and ``predict(x) = classes_[argmax]``. A bootstrap
    sample drawing sample i c_i times gives it the weight c_i in the tree (its class counts and
    impurities), which is the same as c_i copies except that ``min_samples_leaf`` counts
    distinct samples, as in scikit-learn. The out-of-bag samples of tree b are those with
    c_i = 0; each is predicted by the trees that did not see it, about B/e of them.

    Example
    -------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 4))
    >>> y = np.where(X[:, 0] + X[:, 1] > 0, "yes", "no")
    >>> forest = RandomForestClassifier(n_estimators=50, oob_score=True, random_state=0).fit(X, y)
    >>> forest.predict([[2.0, 2.0, 0.0, 0.0]]).tolist(), round(forest.oob_score_, 2)
    (['yes'], 0.92)
    >>> forest.feature_importances_.round(2).tolist()  # the two features that decide y
    [0.49, 0.4, 0.07, 0.04]
    """

    def __init__(self, n_estimators=100, max_features="sqrt", max_depth=None, min_samples_leaf=1,
                 bootstrap=True, oob_score=False, random_state=None):
        ### BEGIN SOLUTION
        self.n_estimators = n_estimators
        self.max_features = max_features
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.bootstrap = bootstrap
        self.oob_score = oob_score
        self.random_state = random_state
        ### END SOLUTION

    def fit(self, X, y):
        """Grow n_estimators trees on X of shape (n_samples, n_features) and labels y (n_samples,)."""
        X = _check_X(X)
        y = np.asarray(y)
        if y.ndim != 1 or len(y) != len(X):
            raise ValueError(f"y should have shape ({len(X)},) to match X, got shape {y.shape}")
        self._check_parameters()
        # TODO: resolve max_features (README: 'Random features at each split'), then for each tree
        # draw a bootstrap sample and grow a _Tree with the bootstrap counts as sample weights
        # (README: 'Bagging'); collect the out-of-bag votes (README: 'Out-of-bag estimate') and
        # average the importances (README: 'Feature importances').
        ### BEGIN SOLUTION
        n, d = X.shape
        self.n_features_in_ = d
        self.classes_, codes = np.unique(y, return_inverse=True)
        n_classes = len(self.classes_)
        k = _n_split_features(self.max_features, d)
        rng = np.random.default_rng(self.random_state)  # one stream for every tree, in order
        self.estimators_, self.estimators_samples_ = [], []
        oob_votes = np.zeros((n, n_classes))  # (n_samples, n_classes): summed out-of-bag proba
        oob_trees = np.zeros(n)  # (n_samples,): how many trees did not see each sample
        for _ in range(self.n_estimators):
            # bagging: n draws with replacement; without bootstrap every tree sees every sample
            samples = rng.integers(0, n, size=n) if self.bootstrap else np.arange(n)
            counts = np.bincount(samples, minlength=n)  # (n_samples,): times each sample was drawn
            tree = _Tree(self.max_depth, self.min_samples_leaf, k, rng).fit(X, codes, n_classes, counts)
            self.estimators_.append(tree)
            self.estimators_samples_.append(samples)
            if self.oob_score:
                # only the samples this tree never saw may vote on themselves
                out = counts == 0
                oob_votes[out] += tree.predict_proba(X[out])
                oob_trees[out] += 1
        if self.oob_score:
            seen = oob_trees > 0  # out of bag at least once
            with np.errstate(invalid="ignore", divide="ignore"):
                self.oob_decision_function_ = oob_votes / oob_trees[:, None]  # NaN rows: never out
            right = self.classes_[np.argmax(self.oob_decision_function_[seen], axis=1)] == y[seen]
            self.oob_score_ = float(np.mean(right)) if seen.any() else np.nan
        # the mean of the trees' normalised importances (a tree that is one leaf has none), renormalised
        per_tree = [tree.feature_importances_ for tree in self.estimators_ if len(tree.feature_) > 1]
        mean = np.mean(per_tree, axis=0) if per_tree else np.zeros(d)  # (n_features,)
        total = mean.sum()
        self.feature_importances_ = mean / total if total > 0 else mean
        ### END SOLUTION
        return self

    def predict_proba(self, X):
        """The mean of the trees' leaf class fractions, shape (n_samples, n_classes)."""
        X = self._check_predict_input(X)
        # TODO: probability voting, not a count of the trees' votes (README: 'Voting').
        ### BEGIN SOLUTION
        proba = np.zeros((len(X), len(self.classes_)))  # (n_samples, n_classes)
        for tree in self.estimators_:
            proba += tree.predict_proba(X)
        return proba / len(self.estimators_)
        ### END SOLUTION

    def predict(self, X):
        """The class with the highest mean probability, shape (n_samples,)."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)  # (n_samples, n_classes), after checking that fit ran
        return self.classes_[np.argmax(proba, axis=1)]
        ### END SOLUTION

    def _check_parameters(self):
        for name, low in (("n_estimators", 1), ("max_depth", 1), ("min_samples_leaf", 1)):
            v = getattr(self, name)
            if v is None and name == "max_depth":
                continue  # no depth limit
            if isinstance(v, bool) or not isinstance(v, Integral) or v < low:
                raise ValueError(f"{name} should be an integer >= {low}, got {v!r}")
        if self.oob_score and not self.bootstrap:
            raise ValueError("oob_score=True needs bootstrap=True: without it no sample is out of bag")

    def _check_predict_input(self, X):
        if not hasattr(self, "estimators_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet; call fit(X, y) first."
            )
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} was fitted with "
                f"{self.n_features_in_} features"
            )
        return X


def _n_split_features(max_features, n_features):
    """The number of candidate features per split that max_features asks for, in [1, n_features]."""
    # TODO: scikit-learn's rules, and a ValueError naming anything else (README: 'Random
    # features at each split').
    ### BEGIN SOLUTION
    if max_features is None:
        return n_features
    if isinstance(max_features, str) and max_features in ("sqrt", "log2"):
        root = np.sqrt(n_features) if max_features == "sqrt" else np.log2(n_features)
        return max(1, int(root))
    if isinstance(max_features, Integral) and not isinstance(max_features, bool):
        if 1 <= max_features <= n_features:
            return int(max_features)
    elif isinstance(max_features, Real) and not isinstance(max_features, bool):
        if 0 < max_features <= 1:
            return max(1, int(max_features * n_features))
    raise ValueError(
        f"max_features should be 'sqrt', 'log2', None, an int in [1, {n_features}] or a float "
        f"in (0, 1], got {max_features!r}"
    )
    ### END SOLUTION


def _draw_features(rng, n_features, k):
    """The hook _Tree calls at every split: k distinct candidate features, shape (k,)."""
    ### BEGIN SOLUTION
    return rng.permutation(n_features)[:k]  # the first k of a random order: no repeats
    ### END SOLUTION


class _Tree:
    """A compact CART classification tree (Gini), GIVEN as finished code (README: 'The tree').

    The decision_tree lesson's algorithm cut down to what a forest needs, repeated here so that
    this file runs on its own: weighted samples (a bootstrap sample's counts), ``max_depth``,
    ``min_samples_leaf``, and ``k`` candidate features drawn by ``_draw_features`` at EACH split.
    """

    def __init__(self, max_depth, min_samples_leaf, k, rng):
        self.max_depth = max_depth  # None: grow until the leaves are pure
        self.min_samples_leaf = min_samples_leaf  # counted in distinct samples
        self.k = k  # candidate features per split
        self.rng = rng  # the forest's np.random.Generator

    def fit(self, X, codes, n_classes, weight):
        """Grow on the rows of X with weight > 0; codes index the classes, weight counts draws."""
        keep = weight > 0  # a sample drawn 0 times plays no part in this tree
        X = X[keep]
        Y = weight[keep, None] * np.eye(n_classes)[codes[keep]]  # (n, n_classes): weighted one-hot
        max_depth = np.inf if self.max_depth is None else self.max_depth
        feature, threshold, children, value = [], [], [], []
        importances = np.zeros(X.shape[1])
        stack = [(np.arange(len(X)), 0, None)]  # (rows of the node, its depth, (parent, side))
        while stack:
            idx, depth, link = stack.pop()
            node = len(value)
            if link is not None:
                children[link[0]][link[1]] = node
            S = Y[idx].sum(axis=0)  # (n_classes,): the node's weighted class counts
            W = S.sum()
            WH = W - S @ S / W  # the weighted Gini impurity W * (1 - sum_c p_c^2)
            feature.append(-1)
            threshold.append(np.nan)
            children.append([-1, -1])
            value.append(S / W)  # the class fractions the leaf predicts
            if depth >= max_depth or WH <= _EPS * W or len(idx) < 2 * self.min_samples_leaf:
                continue  # a leaf: too deep, pure, or too small to split
            candidates = _draw_features(self.rng, X.shape[1], self.k)  # a fresh draw per split
            split = _best_split(X[idx][:, candidates], Y[idx], self.min_samples_leaf)
            if split is None:
                continue
            j, t, score = split
            j = candidates[j]
            feature[node], threshold[node] = j, t
            importances[j] += WH - score  # the split's weighted impurity decrease
            left = X[idx, j] <= t
            stack.append((idx[~left], depth + 1, (node, 1)))
            stack.append((idx[left], depth + 1, (node, 0)))  # popped first: preorder ids
        self.feature_ = np.array(feature)  # (n_nodes,), -1 at leaves
        self.threshold_ = np.array(threshold)  # (n_nodes,), NaN at leaves
        self.children_ = np.array(children)  # (n_nodes, 2), -1 at leaves
        self.value_ = np.array(value)  # (n_nodes, n_classes)
        total = importances.sum()
        self.feature_importances_ = importances / total if total > 0 else importances
        return self

    def predict_proba(self, X):
        """The class fractions of the leaf each row falls into, shape (n_samples, n_classes)."""
        node = np.zeros(len(X), dtype=int)
        inner = np.flatnonzero(self.feature_[node] >= 0)
        while inner.size:  # every sample still at an internal node goes down one level
            at = node[inner]
            node[inner] = self.children_[at, (X[inner, self.feature_[at]] > self.threshold_[at]).astype(int)]
            inner = inner[self.feature_[node[inner]] >= 0]
        return self.value_[node]


def _best_split(X, Y, min_samples_leaf):
    """The best (column of X, threshold, weighted children's impurity) of a node, or None.

    X holds the node's rows and candidate features (n, k), Y their weighted one-hot rows.
    """
    n = len(X)
    # Equal values may come in any order: the counts at a cut between distinct values are the
    # same, and being sums of integers they are exact, so the fast unstable sort will do.
    order = np.argsort(X, axis=0)  # (n, k): each candidate feature sorted once
    Xs = X[order, np.arange(X.shape[1])]  # (n, k)
    # the left child of each cut, (n - 1, k, n_classes) (Y.take(order, axis=0) is Y[order], faster)
    S_left = np.cumsum(Y.take(order, axis=0), axis=0)[:-1]
    S = Y.sum(axis=0)  # (n_classes,): the node's class sums
    S_right = S - S_left
    # sums over the short class axis: einsum is much faster than .sum(axis=2) there
    W_left = np.einsum("...c->...", S_left)  # (n - 1, k): the left child's weight
    W = S.sum()  # the node's weight, the same for every cut
    # W_L H(L) + W_R H(R), with W H = W - sum_c S_c^2 / W for a child of weight W and class sums S
    score = (W - np.einsum("...c,...c->...", S_left, S_left) / W_left
             - np.einsum("...c,...c->...", S_right, S_right) / (W - W_left))
    n_left = np.arange(1, n)[:, None]  # (n - 1, 1): distinct samples left of each cut
    allowed = (Xs[1:] > Xs[:-1]) & (n_left >= min_samples_leaf) & (n - n_left >= min_samples_leaf)
    score[~allowed] = np.inf
    i, j = divmod(int(np.argmin(score)), score.shape[1])
    if score[i, j] == np.inf:
        return None
    t = Xs[i, j] / 2 + Xs[i + 1, j] / 2  # the midpoint of the cut
    if t == Xs[i + 1, j]:  # two adjacent floats: the midpoint rounded up would send all left
        t = Xs[i, j]
    return j, t, score[i, j]


def _check_X(X):
    """A finite, non-empty 2-D float array, or a ValueError saying what was received."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(f"X should be a non-empty 2-D array, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinity")
    return X
