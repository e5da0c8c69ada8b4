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
        ### BEGIN SOLUTION
        self.C = C
        self.max_iter = max_iter
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.fit_intercept = fit_intercept
        self.random_state = random_state
        ### END SOLUTION

    def fit(self, X, y):
        """Fit ``w`` and ``b`` by Pegasos; ``y`` holds two sortable labels. Returns self."""
        # TODO: validate (README: "The algorithm step by step"), map classes_ to -1/+1, set
        # lambda from C (README: "C and lambda"), then loop over epochs and mini-batches
        # (README: "Mini-batches, epochs and shuffling") taking the sub-gradient step on the
        # margin violators and the projection (README: "Pegasos", "The intercept").
        ### BEGIN SOLUTION
        X = _check_array(X)
        y = np.asarray(y)
        if y.ndim != 1 or y.shape[0] != X.shape[0]:
            raise ValueError(f"y must be 1-D with {X.shape[0]} labels; got shape {y.shape}")
        if not self.C > 0:
            raise ValueError(f"C must be positive; got {self.C!r}")
        for name in ("max_iter", "batch_size"):
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or value < 1:
                raise ValueError(f"{name} must be a positive integer; got {value!r}")
        self.classes_, y_index = np.unique(y, return_inverse=True)
        if len(self.classes_) != 2:
            raise ValueError(f"LinearSVM needs exactly 2 classes; got {len(self.classes_)}: "
                             f"{self.classes_[:5]!r}")
        y = 2.0 * y_index - 1.0  # (n_samples,) classes_[0] -> -1, classes_[1] -> +1
        n_samples, n_features = X.shape

        lam = 1.0 / (self.C * n_samples)  # 0.5||w||^2 + C sum(hinge) = C n (Pegasos objective)
        radius = 1.0 / np.sqrt(lam)  # the optimum's ||w|| is at most this
        rng = np.random.default_rng(self.random_state)
        w, b, t = np.zeros(n_features), 0.0, 0  # (n_features,)
        for _ in range(self.max_iter):
            order = rng.permutation(n_samples) if self.shuffle else np.arange(n_samples)
            for start in range(0, n_samples, self.batch_size):
                batch = order[start:start + self.batch_size]
                X_batch, y_batch = X[batch], y[batch]  # (m, n_features), (m,)
                t += 1
                eta = 1.0 / (lam * t)
                # Only margin violators (positive hinge loss) contribute to the sub-gradient.
                violates = y_batch * (X_batch @ w + b) < 1  # (m,)
                push = y_batch * violates  # (m,) y_i on violators, else 0
                # Shrink w (the penalty's gradient is lambda w), then step towards the violators.
                w *= 1 - eta * lam
                w += (eta / len(batch)) * (push @ X_batch)
                if self.fit_intercept:
                    b = b + (eta / len(batch)) * push.sum()  # no penalty, so no shrinking
                # Project back onto the ball that holds the optimum: tames the huge early steps.
                norm = np.sqrt(w @ w)
                if norm > radius:
                    w *= radius / norm

        self.coef_ = w[None, :]  # (1, n_features)
        self.intercept_ = np.array([b])  # (1,)
        self.n_features_in_ = n_features
        self.n_iter_ = self.max_iter
        self.n_steps_ = t
        return self
        ### END SOLUTION

    def decision_function(self, X):
        """Signed scores ``X w + b``, shape (n_samples,); positive means ``classes_[1]``."""
        ### BEGIN SOLUTION
        if not hasattr(self, "coef_"):
            raise NotFittedError("this LinearSVM is not fitted yet; call fit(X, y) first")
        X = _check_array(X, self.n_features_in_)
        return X @ self.coef_[0] + self.intercept_[0]  # (n_samples,)
        ### END SOLUTION

    def predict(self, X):
        """``classes_[1]`` where the score is positive, else ``classes_[0]``; shape (n_samples,)."""
        ### BEGIN SOLUTION
        scores = self.decision_function(X)  # checks fit and X first
        return self.classes_[(scores > 0).astype(int)]
        ### END SOLUTION


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
