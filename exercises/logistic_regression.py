# This file is generated from solutions/logistic_regression.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/logistic_regression/README.md first.
"""Logistic regression: binary (sigmoid) and multinomial (softmax), fitted by Newton's method.

The model turns linear scores into class probabilities,

    binary:       P(y = classes_[1] | x) = sigmoid(x . w + b) = 1 / (1 + exp(-(x . w + b)))
    multinomial:  P(y = classes_[k] | x) = softmax(x W^T + b)_k

and is fitted by minimising scikit-learn's L2-regularised objective (the intercept b is
not penalised; penalty=None drops the first term)

    0.5 * ||W||^2 + C * sum_i -log P(y_i | x_i).

The objective is convex and smooth, so Newton's method (iteratively reweighted least
squares) with a backtracking line search reaches it to machine precision in a handful of
steps. Probabilities are computed through a log-softmax that subtracts each row's maximum,
so no exp overflows however large the scores are.

References: Bishop, "Pattern Recognition and Machine Learning" (2006), 4.3.2-4.3.4;
Hastie, Tibshirani & Friedman, "The Elements of Statistical Learning" (2009), 4.4;
Nocedal & Wright, "Numerical Optimization" (2006), 3.1 (backtracking) and 3.3 (Newton).
"""

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when the model is used before ``fit``."""


class LogisticRegression:
    """Logistic regression classifier (binary and multinomial), L2-penalised or not.

    Parameters
    ----------
    penalty : {"l2", None}, default="l2"
        ``"l2"`` adds ``0.5 * ||W||^2`` to the objective; ``None`` fits the plain
        maximum-likelihood model (``C`` is then ignored).
    C : float, default=1.0
        Inverse regularisation strength: the weight of the log-loss against the penalty.
        Larger C means weaker regularisation.
    fit_intercept : bool, default=True
        Whether to learn an (unpenalised) intercept per modelled class.
    max_iter : int, default=100
        Maximum number of Newton steps.
    tol : float, default=1e-8
        Stop when no parameter moves by more than ``tol`` in one step.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The class labels, sorted as by ``np.unique``.
    coef_ : ndarray of shape (1, n_features) or (n_classes, n_features)
        Weights ``w`` (binary: of the positive class ``classes_[1]``) or ``W`` (multinomial).
    intercept_ : ndarray of shape (1,) or (n_classes,)
        Intercepts ``b`` (zeros when ``fit_intercept=False``).
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_iter_ : int
        Number of Newton steps taken.

    Notes
    -----
    Let K = 1 for two classes (only ``classes_[1]`` gets weights), else K = n_classes, and
    let W, of shape (n_features + 1, K), stack ``coef_.T`` over ``intercept_``, so the scores
    are Z = [X, 1] W. With P = softmax([0, Z]) (binary) or softmax(Z) and Y the one-hot
    labels, ``fit`` minimises the objective divided by C,
    ``f(W) = -sum_i log P[i, y_i] + 0.5 * sum_j alpha_j ||W[j]||^2`` with alpha_j = 1/C on
    the feature rows and 0 on the intercept row. Its gradient is
    ``[X, 1]^T (P - Y) + alpha W`` and its Hessian (W raveled row by row) is
    ``sum_i kron(x_i x_i^T, diag(p_i) - p_i p_i^T) + kron(diag(alpha), I_K)``.
    Adding one vector to every class leaves the multinomial model unchanged, so the
    Hessian is singular along those directions; like scikit-learn we report the solution
    whose ``coef_`` and ``intercept_`` sum to zero over the classes.

    Example
    -------
    >>> X = np.array([[-2.0], [-1.0], [1.0], [2.0], [0.5], [-0.5]])
    >>> model = LogisticRegression(C=10.0).fit(X, ["no", "no", "yes", "yes", "no", "yes"])
    >>> model.predict([[3.0]])
    array(['yes'], dtype='<U3')
    """

    def __init__(self, penalty="l2", C=1.0, fit_intercept=True, max_iter=100, tol=1e-8):
        self.penalty = penalty
        self.C = C
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X, y):
        """Fit the weights by Newton's method; ``y`` holds any sortable labels. Returns self."""
        # TODO: validate with _check_array (given below), encode y with np.unique, build the
        # penalty weights (README: "The objective", "The intercept"), then take Newton steps
        # with a line search (README: "Newton's method"), and centre the multinomial solution.
        # YOUR CODE HERE
        raise NotImplementedError()

    def decision_function(self, X):
        """Scores ``X W^T + b``: shape (n_samples,) for two classes, else (n_samples, n_classes)."""
        # YOUR CODE HERE
        raise NotImplementedError()

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes), columns in ``classes_`` order."""
        # TODO: a stable softmax of the scores; two classes have the scores [0, z]
        # (README: "The model", "Numerical stability").
        # YOUR CODE HERE
        raise NotImplementedError()

    def predict(self, X):
        """The most probable class label of each sample, shape (n_samples,)."""
        # YOUR CODE HERE
        raise NotImplementedError()


def _objective(W, X, Y, alpha):
    """f(W) = -sum_i log P[i, y_i] + 0.5 * sum_j alpha_j ||W[j]||^2 (the objective over C)."""
    # YOUR CODE HERE
    raise NotImplementedError()


def _gradient_hessian(W, X, Y, alpha):
    """Gradient (shape of W) and Hessian (W.size, W.size) of ``_objective``, W raveled in C order."""
    # TODO: the formulas are in the README, "Newton's method".
    # YOUR CODE HERE
    raise NotImplementedError()


def _log_softmax(Z):
    """Row-wise log(softmax(Z)), shape of Z, finite for any finite Z."""
    # TODO: subtract each row's maximum first (README: "Numerical stability").
    # YOUR CODE HERE
    raise NotImplementedError()


def _with_reference_class(Z):
    """Binary scores z (one column) become [0, z], so softmax gives (1 - sigmoid, sigmoid)."""
    return np.hstack([np.zeros_like(Z), Z]) if Z.shape[1] == 1 else Z


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
