"""Least-squares linear regression fitted by gradient descent: batch, mini-batch or stochastic,
with heavy-ball momentum.

The model is the one of linear regression, ``y_hat = X w + b``; the loss is the mean squared
error with a factor 1/2 that makes the gradient clean,

    L(w, b) = 1/(2n) * sum_i (x_i . w + b - y_i)^2,
    grad_w = 1/n * X^T r,   grad_b = 1/n * sum_i r_i,   where r = X w + b - y.

Instead of solving the normal equations, gradient descent starts at w = 0, b = 0 and walks
downhill. Each step estimates the gradient on a batch B of samples (all n: batch gradient
descent; a few: mini-batch; one: stochastic gradient descent, SGD), with the MEAN over the
batch, and takes a heavy-ball momentum step

    v <- momentum * v - learning_rate * g_B,    theta <- theta + v,     theta = (w, b).

One epoch is one pass over the (optionally shuffled) samples in consecutive batches; the
loss on the whole training set is recorded after each epoch. On a quadratic loss with
Hessian eigenvalues in [lambda_min, lambda_max], full-batch descent converges for
0 < learning_rate < 2 (1 + momentum) / lambda_max and diverges above.

References
----------
- S. Boyd, L. Vandenberghe, *Convex Optimization* (2004), section 9.3 (gradient descent).
- B. T. Polyak, "Some methods of speeding up the convergence of iteration methods",
  USSR Computational Mathematics and Mathematical Physics 4(5), 1964 (the heavy ball).
- L. Bottou, F. E. Curtis, J. Nocedal, "Optimization methods for large-scale machine
  learning", SIAM Review 60(2), 2018 (stochastic and mini-batch gradient methods).
- scikit-learn, ``sklearn.linear_model.SGDRegressor`` (the SGD special case).
"""

import numbers

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` is called on an estimator that has not been fitted."""


class GradientDescentRegressor:
    """Least-squares linear regression by (mini-batch, stochastic) gradient descent with momentum.

    Parameters
    ----------
    learning_rate : float, default=0.01
        The step size (a positive number), constant over the whole run.
    batch_size : int or None, default=None
        Samples per gradient step. ``None`` (or any value >= n_samples) means full-batch
        gradient descent, 1 means stochastic gradient descent. The last batch of an epoch
        holds the remaining ``n_samples % batch_size`` samples when that is not 0.
    n_epochs : int, default=100
        Number of passes over the training set.
    momentum : float, default=0.0
        Heavy-ball coefficient in [0, 1); 0 is plain gradient descent.
    shuffle : bool, default=True
        Whether to visit the samples in a new random order in every epoch. Without
        shuffling they are visited in their given order.
    fit_intercept : bool, default=True
        Whether to learn the intercept ``b``; if False, ``b`` stays 0.
    random_state : int, numpy Generator or None, default=None
        Seed of ``np.random.default_rng`` that draws the shuffling orders.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The weights ``w`` after the last epoch.
    intercept_ : float
        The intercept ``b`` after the last epoch (0.0 when ``fit_intercept=False``).
    loss_curve_ : ndarray of shape (n_iter_,)
        ``loss_curve_[k]`` is ``L(w, b) = 1/(2n) ||X w + b - y||^2`` on the whole training set
        after epoch ``k + 1`` (not the average of the batch losses during the epoch).
    n_iter_ : int
        Number of epochs run (``n_epochs``).
    n_updates_ : int
        Number of parameter updates: ``n_iter_ * ceil(n_samples / batch_size)``.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    Write ``theta = (w, b)`` and ``Xa = [X, 1]`` (the column of ones only when
    ``fit_intercept``). Starting from ``theta = 0`` and ``v = 0``, every batch ``B`` of size
    ``m`` (the last one of an epoch may be smaller) makes one update

        g = Xa[B]^T (Xa[B] theta - y[B]) / m          (the mean gradient over the batch)
        v = momentum * v - learning_rate * g
        theta = theta + v

    and ``v`` carries over from batch to batch and from epoch to epoch. With
    ``batch_size=1``, ``momentum=0``, ``shuffle=False`` this is exactly scikit-learn's
    ``SGDRegressor(penalty=None, learning_rate="constant", eta0=learning_rate, shuffle=False,
    tol=None)``. Over ``E`` epochs the cost is ``O(E n p)`` time and ``O(n p)`` memory
    (the copy of X with the column of ones).

    If the loss stops being finite (the iterates overflowed because the learning rate is
    too large), ``fit`` raises a ``ValueError`` naming the epoch and the learning rate.

    Example
    -------
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> model = GradientDescentRegressor(learning_rate=0.1, n_epochs=500).fit(X, 2 * X[:, 0] + 1)
    >>> print(np.round(model.coef_, 6), round(model.intercept_, 6))
    [2.] 1.0
    """

    def __init__(self, learning_rate=0.01, batch_size=None, n_epochs=100, momentum=0.0,
                 shuffle=True, fit_intercept=True, random_state=None):
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.n_epochs = n_epochs
        self.momentum = momentum
        self.shuffle = shuffle
        self.fit_intercept = fit_intercept
        self.random_state = random_state

    def fit(self, X, y):
        """Run ``n_epochs`` epochs of gradient descent from zero; return ``self``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Raises
        ------
        ValueError
            With a message saying what was received: X not 2-D, empty, or with NaN/inf; y not
            1-D or of another length; a bad learning_rate, batch_size, n_epochs or momentum;
            and "diverged" when the loss overflows during training.
        """
        # TODO: validate (README: 'Input checks'), then the loop of README 'The algorithm,
        # step by step': one update per batch (README: 'Momentum'), one loss per epoch.
        ### BEGIN SOLUTION
        X, y = _check_X(X), np.asarray(y, dtype=float)
        if y.ndim != 1 or y.shape[0] != X.shape[0]:
            raise ValueError(f"y must be 1-D with {X.shape[0]} values (one per row of X); "
                             f"got shape {y.shape}")
        if not np.all(np.isfinite(y)):
            raise ValueError("y contains NaN or infinity")
        self._check_params()
        n_samples, n_features = X.shape
        batch_size = n_samples if self.batch_size is None else min(self.batch_size, n_samples)
        rng = np.random.default_rng(self.random_state)

        # The intercept is the weight of a column of ones: one vector theta = (w, b).
        if self.fit_intercept:
            X = np.hstack([X, np.ones((n_samples, 1))])  # (n_samples, n_features + 1)
        theta = np.zeros(X.shape[1])  # (n_features [+ 1],)
        velocity = np.zeros_like(theta)  # (n_features [+ 1],)
        losses, n_updates = [], 0
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
            for epoch in range(1, self.n_epochs + 1):
                # A new order every epoch, so that SGD does not cycle through one fixed order.
                order = rng.permutation(n_samples) if self.shuffle else np.arange(n_samples)
                # Consecutive batches; the last one keeps the remainder (no sample skipped).
                for start in range(0, n_samples, batch_size):
                    batch = order[start:start + batch_size]  # (m,)
                    grad = _gradient(X[batch], y[batch], theta)  # (n_features [+ 1],)
                    # Heavy ball: the velocity remembers past steps and damps the zigzag.
                    velocity = self.momentum * velocity - self.learning_rate * grad
                    theta = theta + velocity
                    n_updates += 1
                # The loss on the whole training set, to see convergence (or divergence).
                loss = _loss(X, y, theta)
                if not np.isfinite(loss):
                    raise ValueError(
                        f"gradient descent diverged at epoch {epoch}: the loss is {loss}; "
                        f"decrease learning_rate (it is {self.learning_rate})"
                    )
                losses.append(loss)

        self.coef_ = theta[:n_features]  # (n_features,)
        self.intercept_ = float(theta[n_features]) if self.fit_intercept else 0.0
        self.loss_curve_ = np.array(losses)  # (n_epochs,)
        self.n_iter_ = self.n_epochs
        self.n_updates_ = n_updates
        self.n_features_in_ = n_features
        return self
        ### END SOLUTION

    def predict(self, X):
        """Predict ``X @ coef_ + intercept_``, shape (n_samples,).

        Raises
        ------
        NotFittedError
            If called before ``fit`` (the message says to call fit first).
        ValueError
            As in ``fit`` for X, and if X has a different number of features from the X
            given to ``fit`` (the message gives both counts).
        """
        ### BEGIN SOLUTION
        if not hasattr(self, "coef_"):
            raise NotFittedError(
                "This GradientDescentRegressor instance is not fitted yet; call fit(X, y) first."
            )
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but GradientDescentRegressor was "
                             f"fitted with {self.n_features_in_} features")
        return X @ self.coef_ + self.intercept_  # (n_samples,)
        ### END SOLUTION

    def _check_params(self):
        """A ValueError naming the hyper-parameter that is out of range and its value."""
        def is_int(value):
            return isinstance(value, numbers.Integral) and not isinstance(value, bool)

        if not (isinstance(self.learning_rate, numbers.Real) and 0 < self.learning_rate < np.inf):
            raise ValueError(f"learning_rate must be a positive number; got {self.learning_rate!r}")
        if self.batch_size is not None and not (is_int(self.batch_size) and self.batch_size >= 1):
            raise ValueError(f"batch_size must be None or an integer >= 1; got {self.batch_size!r}")
        if not (is_int(self.n_epochs) and self.n_epochs >= 1):
            raise ValueError(f"n_epochs must be an integer >= 1; got {self.n_epochs!r}")
        if not (isinstance(self.momentum, numbers.Real) and 0 <= self.momentum < 1):
            raise ValueError(f"momentum must be in [0, 1); got {self.momentum!r}")


def _gradient(X, y, theta):
    """Mean gradient of 1/(2m) ||X theta - y||^2 over the m rows given, shape of theta."""
    # TODO: README 'The gradient'. Divide by the size of THIS batch, not by n_samples.
    ### BEGIN SOLUTION
    residual = X @ theta - y  # (m,)
    return X.T @ residual / len(y)  # (n_features [+ 1],)
    ### END SOLUTION


def _loss(X, y, theta):
    """L(theta) = 1/(2n) ||X theta - y||^2 over the n rows given."""
    ### BEGIN SOLUTION
    return 0.5 * np.mean((X @ theta - y) ** 2)
    ### END SOLUTION


def _check_X(X):
    """``X`` as a finite, non-empty 2-D float array, or a ValueError saying what it was."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be a 2-D array of shape (n_samples, n_features); got shape "
                         f"{X.shape}. Use X.reshape(-1, 1) for a single feature.")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X is empty: got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinity")
    return X
