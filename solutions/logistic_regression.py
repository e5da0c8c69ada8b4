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
        ### BEGIN SOLUTION
        X = _check_array(X)
        y = np.asarray(y)
        if y.ndim != 1 or y.shape[0] != X.shape[0]:
            raise ValueError(f"y must be 1-D with {X.shape[0]} labels; got shape {y.shape}")
        if self.penalty not in ("l2", None):
            raise ValueError(f"penalty must be 'l2' or None; got {self.penalty!r}")
        if self.penalty == "l2" and not self.C > 0:
            raise ValueError(f"C must be positive; got {self.C!r}")
        self.classes_, y_index = np.unique(y, return_inverse=True)
        n_classes = len(self.classes_)
        if n_classes < 2:
            raise ValueError(f"need samples of at least 2 classes; got only {self.classes_[0]!r}")
        n_samples, n_features = X.shape
        K = 1 if n_classes == 2 else n_classes  # binary: only classes_[1] gets weights

        # One-hot targets, and a column of ones whose weights are the intercepts.
        Y = (y_index[:, None] == np.arange(n_classes)).astype(float)  # (n_samples, n_classes)
        if self.fit_intercept:
            X = np.hstack([X, np.ones((n_samples, 1))])  # (n_samples, n_features + 1)
        # Penalty weight 1/C per row of W; 0 on the intercept row, which is not penalised.
        alpha = np.zeros(X.shape[1])
        alpha[:n_features] = 1.0 / self.C if self.penalty == "l2" else 0.0

        W = np.zeros((X.shape[1], K))  # (n_features [+ 1], K)
        f = _objective(W, X, Y, alpha)
        n_iter, converged = 0, False
        while n_iter < self.max_iter and not converged:
            n_iter += 1
            G, H = _gradient_hessian(W, X, Y, alpha)
            # Newton direction; lstsq returns the minimum-norm step where H is singular
            # (multinomial: adding one vector to every class changes nothing).
            d = -np.linalg.lstsq(H, G.ravel(), rcond=None)[0].reshape(W.shape)
            # Backtracking: halve the step until the objective decreases enough (Armijo),
            # since far from the optimum the full Newton step can overshoot. The objective at
            # the accepted point is kept for the next step's test, not computed again.
            t, slope = 1.0, np.sum(G * d)
            f_new = _objective(W + t * d, X, Y, alpha)
            while t > 1e-10 and f_new > f + 1e-4 * t * slope:
                t /= 2
                f_new = _objective(W + t * d, X, Y, alpha)
            W, f = W + t * d, f_new
            converged = np.max(np.abs(t * d)) <= self.tol  # the weights stopped moving
        if K > 1:
            # scikit-learn's symmetric parametrisation: each row of W sums to 0 over classes
            # (the minimum-norm steps above already keep it so, up to rounding).
            W = W - W.mean(axis=1, keepdims=True)

        self.coef_ = W[:n_features].T.copy()  # (K, n_features)
        self.intercept_ = W[n_features].copy() if self.fit_intercept else np.zeros(K)  # (K,)
        self.n_features_in_ = n_features
        self.n_iter_ = n_iter
        return self
        ### END SOLUTION

    def decision_function(self, X):
        """Scores ``X W^T + b``: shape (n_samples,) for two classes, else (n_samples, n_classes)."""
        ### BEGIN SOLUTION
        if not hasattr(self, "coef_"):
            raise NotFittedError("this LogisticRegression is not fitted yet; call fit(X, y) first")
        X = _check_array(X, self.n_features_in_)
        scores = X @ self.coef_.T + self.intercept_  # (n_samples, K)
        return scores.ravel() if scores.shape[1] == 1 else scores
        ### END SOLUTION

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes), columns in ``classes_`` order."""
        # TODO: a stable softmax of the scores; two classes have the scores [0, z]
        # (README: "The model", "Numerical stability").
        ### BEGIN SOLUTION
        scores = self.decision_function(X)
        scores = scores.reshape(scores.shape[0], -1)  # (n_samples, K)
        return np.exp(_log_softmax(_with_reference_class(scores)))  # (n_samples, n_classes)
        ### END SOLUTION

    def predict(self, X):
        """The most probable class label of each sample, shape (n_samples,)."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)  # (n_samples, n_classes); checks fit and X first
        return self.classes_[np.argmax(proba, axis=1)]
        ### END SOLUTION


def _objective(W, X, Y, alpha):
    """f(W) = -sum_i log P[i, y_i] + 0.5 * sum_j alpha_j ||W[j]||^2 (the objective over C)."""
    ### BEGIN SOLUTION
    log_P = _log_softmax(_with_reference_class(X @ W))  # (n_samples, n_classes)
    return -np.sum(Y * log_P) + 0.5 * np.sum(alpha[:, None] * W**2)
    ### END SOLUTION


def _gradient_hessian(W, X, Y, alpha):
    """Gradient (shape of W) and Hessian (W.size, W.size) of ``_objective``, W raveled in C order."""
    # TODO: the formulas are in the README, "Newton's method".
    ### BEGIN SOLUTION
    D, K = W.shape
    # Probabilities of the K modelled classes (binary: the positive class only).
    P = np.exp(_log_softmax(_with_reference_class(X @ W)))[:, -K:]  # (n_samples, K)
    G = X.T @ (P - Y[:, -K:]) + alpha[:, None] * W  # (D, K)
    # Per sample, d p_k / d z_m = p_k (delta_km - p_m); binary: p (1 - p).
    S = P[:, :, None] * (np.eye(K) - P[:, None, :])  # (n_samples, K, K)
    # Block (k, m) of the Hessian is X^T diag(S[:, k, m]) X: a weighted Gram matrix, one
    # matrix product each (binary: the single block X^T diag(p (1 - p)) X).
    H = np.empty((D, K, D, K))
    for k in range(K):
        for m in range(K):
            if k == m:
                # s = p_k (1 - p_k) >= 0, so X^T diag(s) X = (sqrt(s) X)^T (sqrt(s) X): a product
                # of a matrix with its own transpose, which numpy hands to BLAS syrk (half the work)
                Xs = X * np.sqrt(S[:, k, k, None])  # (n_samples, D)
                H[:, k, :, k] = Xs.T @ Xs
            else:
                H[:, k, :, m] = X.T @ (X * S[:, k, m, None])  # (D, D)
    return G, H.reshape(D * K, D * K) + np.diag(np.repeat(alpha, K))
    ### END SOLUTION


def _log_softmax(Z):
    """Row-wise log(softmax(Z)), shape of Z, finite for any finite Z."""
    # TODO: subtract each row's maximum first (README: "Numerical stability").
    ### BEGIN SOLUTION
    Z = Z - Z.max(axis=1, keepdims=True)  # the largest score becomes 0: exp cannot overflow
    return Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    ### END SOLUTION


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
