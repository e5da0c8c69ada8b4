# This file is generated from solutions/perceptron.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/perceptron/README.md first.
"""The perceptron: Rosenblatt's mistake-driven learning rule for a linear classifier.

The model predicts with the sign of a linear score, and learns one sample at a time: with
labels y_i in {-1, +1}, every sample it gets wrong moves the weights towards it,

    mistake:  y_i (w . x_i + b) <= 0      (a score of exactly 0 is a mistake too)
    update:   w <- w + eta0 * y_i * x_i,   b <- b + eta0 * y_i,

and correct samples change nothing. Passes over the data (epochs) repeat until one makes no
mistake. On linearly separable data that happens after at most (R / gamma)^2 mistakes, where
R bounds the norm of the samples and gamma is the margin of some separating hyperplane
(Novikoff's theorem); on non-separable data the weights never settle, so ``max_iter`` stops
the loop. More than two classes are learned one-vs-rest, as in scikit-learn.

References: Rosenblatt, "The perceptron: a probabilistic model for information storage and
organization in the brain", Psychological Review 65 (1958); Novikoff, "On convergence proofs
on perceptrons" (1962); Minsky & Papert, "Perceptrons" (1969); Bishop, "Pattern Recognition
and Machine Learning" (2006), 4.1.7.
"""

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when the model is used before ``fit``."""


class Perceptron:
    """Linear classifier trained by the perceptron rule (binary, or one-vs-rest for more classes).

    Parameters
    ----------
    eta0 : float, default=1.0
        Learning rate: each update adds ``eta0 * y_i * x_i``. Starting from zero weights it
        only scales ``coef_`` and ``intercept_``; the predictions do not depend on it.
    max_iter : int, default=1000
        Maximum number of epochs (passes over the training data).
    shuffle : bool, default=True
        Whether to visit the samples in a new random order in every epoch.
    fit_intercept : bool, default=True
        Whether to learn an intercept ``b`` (else the hyperplane passes through the origin).
    random_state : int, numpy Generator or None, default=None
        Seed of the shuffling (``np.random.default_rng(random_state)``).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels, sorted as by ``np.unique``.
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
        Weights ``w``: of the positive class ``classes_[1]`` (binary), or one row per class.
    intercept_ : ndarray of shape (1,) or (n_classes,)
        Intercepts ``b`` (zeros when ``fit_intercept=False``).
    errors_ : ndarray of shape (n_iter_,)
        Mistakes (updates) made in each epoch, summed over the one-vs-rest problems.
    n_iter_ : int
        Number of epochs run: the mistake-free last one included, or ``max_iter``.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    Binary labels become ``y = +1`` for ``classes_[1]`` and ``-1`` for ``classes_[0]``; with
    K >= 3 classes, problem k has ``+1`` for ``classes_[k]`` and ``-1`` for the others. All
    problems see the samples in the same order, so they are updated together: for a sample
    x_i with targets y_i (one per problem), the problems with ``y_ik (w_k . x_i + b_k) <= 0``
    get ``w_k += eta0 y_ik x_i`` and ``b_k += eta0 y_ik``. From w = 0 the weights are a sum
    of ``eta0 * y_i x_i`` over the mistakes, so ``eta0`` scales them and nothing else.
    ``predict`` returns ``classes_[1]`` where the binary score is > 0 (a score of 0 counts as
    ``classes_[0]``, like scikit-learn), and the class of the largest score otherwise.

    Example
    -------
    >>> X = np.array([[2.0, -1.0], [0.0, 3.0], [2.0, 3.0], [-1.0, 1.0], [3.0, 1.0]])
    >>> model = Perceptron(shuffle=False).fit(X, [0, 1, 1, 0, 1])
    >>> model.coef_, model.intercept_, model.errors_
    (array([[1., 2.]]), array([-4.]), array([3, 1, 2, 0]))
    """

    def __init__(self, eta0=1.0, max_iter=1000, shuffle=True, fit_intercept=True, random_state=None):
        self.eta0 = eta0
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.fit_intercept = fit_intercept
        self.random_state = random_state

    def fit(self, X, y):
        """Run epochs of the perceptron rule until one makes no mistake (or ``max_iter``). Returns self."""
        # TODO: validate, turn the labels into +-1 targets (README: "The learning rule",
        # "More than two classes"), then run epochs with _epoch until one makes no mistake.
        # YOUR CODE HERE
        raise NotImplementedError()

    def decision_function(self, X):
        """Scores ``X w + b``: shape (n_samples,) for two classes, else (n_samples, n_classes)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def predict(self, X):
        """Class labels, shape (n_samples,): the sign of the score, or the largest score."""
        # TODO: a binary score of exactly 0 gives classes_[0] (README: "The learning rule").
        # YOUR CODE HERE
        raise NotImplementedError()


def _epoch(W, b, X, Y, eta0, fit_intercept):
    """One pass over the rows of X in the given order; updates W and b in place, returns the mistakes.

    W (K, n_features) and b (K,) hold the K problems' weights, Y (n_samples, K) their +-1 targets.
    Between two mistakes the weights do not change, and a mistake on sample j
    (w += eta0 y_j x_j, b += eta0 y_j) changes the margin y_r (w . x_r + b) of any later
    sample r by

        eta0 y_j y_r (x_j . x_r + 1)        (without the 1 when fit_intercept=False).

    So the samples can be taken in blocks: the margins of a block computed once, with the
    weights at its start, and moved by that amount after each mistake. That finds the same
    mistakes as scoring every sample with the current weights (up to float rounding), and the
    weights get the block's updates, summed, at its end.
    """
    # TODO: the rule is in the README, "The learning rule"; each update must see the weights
    # left by the previous mistake, so loop over the samples. A plain loop is correct; the
    # README's "Cost" shows how to make it fast.
    # YOUR CODE HERE
    raise NotImplementedError()


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
