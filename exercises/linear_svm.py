# This file is generated from solutions/linear_svm.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/linear_svm/README.md first.
"""Linear soft-margin support vector machine, trained by Pegasos (stochastic sub-gradient descent).

With labels y_i in {-1, +1}, the model scores f(x) = x . w + b and predicts sign(f(x)). It is
fitted by minimising scikit-learn's soft-margin objective (the intercept b is not penalised)

    J(w, b) = 0.5 * ||w||^2 + C * sum_i max(0, 1 - y_i f(x_i)),

which, divided by C * n, is Pegasos' objective with lambda = 1 / (C * n):

    lambda / 2 * ||w||^2 + (1 / n) * sum_i max(0, 1 - y_i f(x_i)).

Each step t = 1, 2, ... takes a mini-batch A_t of m samples, finds its margin violators
V_t = {i in A_t : y_i f(x_i) < 1} (the samples whose hinge loss is positive) and moves along a
sub-gradient with step eta_t = 1 / (lambda * t):

    w <- (1 - eta_t * lambda) * w + (eta_t / m) * sum_{i in V_t} y_i x_i
    b <- b + (eta_t / m) * sum_{i in V_t} y_i
    w <- min(1, (1 / sqrt(lambda)) / ||w||) * w          (projection; the optimum has ||w|| <= 1/sqrt(lambda))

References: S. Shalev-Shwartz, Y. Singer, N. Srebro, A. Cotter, "Pegasos: primal estimated
sub-gradient solver for SVM", Mathematical Programming 127 (2011), first version at ICML 2007;
C. Cortes, V. Vapnik, "Support-vector networks", Machine Learning 20 (1995);
Hastie, Tibshirani & Friedman, "The Elements of Statistical Learning" (2009), 12.2-12.3.
"""

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when the model is used before ``fit``."""


class LinearSVM:
    """Binary linear support vector classifier (hinge loss, L2 penalty), fitted by Pegasos.

    Parameters
    ----------
    C : float, default=1.0
        Weight of the summed hinge loss against the penalty ``0.5 * ||w||^2`` (as in
        scikit-learn's ``LinearSVC``); Pegasos' ``lambda`` is ``1 / (C * n_samples)``.
    max_iter : int, default=200
        Number of epochs (passes over the training set).
    batch_size : int, default=32
        Samples per sub-gradient step (clipped to ``n_samples``; the last batch of an epoch
        may be smaller). ``batch_size >= n_samples`` gives full-batch sub-gradient descent.
    shuffle : bool, default=True
        Visit the samples in a new random order every epoch; if False, in their given order.
    fit_intercept : bool, default=True
        Whether to learn an (unpenalised) intercept ``b``.
    random_state : int or None, default=None
        Seed of the shuffling.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two class labels, sorted; ``classes_[1]`` is the positive class (y = +1).
    coef_ : ndarray of shape (1, n_features)
        The weights ``w``.
    intercept_ : ndarray of shape (1,)
        The intercept ``b`` (0 when ``fit_intercept=False``).
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_iter_ : int
        Number of epochs run (``max_iter``: Pegasos has no stopping test).
    n_steps_ : int
        Number of sub-gradient steps taken, the final ``t``.

    Notes
    -----
    With ``lambda = 1 / (C n)`` and ``eta_t = 1 / (lambda t)``, the shrink factor
    ``1 - eta_t lambda = 1 - 1/t`` is 0 at the first step, and after T steps ``w`` is the
    average of the T scaled batch sub-gradients ``(1 / (lambda m)) sum_{V_t} y_i x_i``. The
    intercept is not shrunk (like the logistic regression lesson, unlike liblinear, which
    penalises ``b`` as the weight of a constant feature ``intercept_scaling``).
    Points with ``y f(x) < 1`` violate the margin; at the optimum the support vectors are
    the points with ``y f(x) <= 1``.

    Example
    -------
    >>> X = np.array([[-2.0, 0.0], [-1.0, 1.0], [1.0, -1.0], [2.0, 0.5]])
    >>> model = LinearSVM(C=1.0, random_state=0).fit(X, ["no", "no", "yes", "yes"])
    >>> model.predict([[3.0, 0.0]])
    array(['yes'], dtype='<U3')
    """

    def __init__(self, C=1.0, max_iter=200, batch_size=32, shuffle=True, fit_intercept=True,
                 random_state=None):
        # TODO: store every argument unchanged, nothing else (fit validates them).
        # YOUR CODE HERE
        raise NotImplementedError()

    def fit(self, X, y):
        """Fit ``w`` and ``b`` by Pegasos; ``y`` holds two sortable labels. Returns self."""
        # TODO: validate (README: "The algorithm step by step"), map classes_ to -1/+1, set
        # lambda from C (README: "C and lambda"), then loop over epochs and mini-batches
        # (README: "Mini-batches, epochs and shuffling") taking the sub-gradient step on the
        # margin violators and the projection (README: "Pegasos", "The intercept").
        # YOUR CODE HERE
        raise NotImplementedError()

    def decision_function(self, X):
        """Signed scores ``X w + b``, shape (n_samples,); positive means ``classes_[1]``."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def predict(self, X):
        """``classes_[1]`` where the score is positive, else ``classes_[0]``; shape (n_samples,)."""
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
