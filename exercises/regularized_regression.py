# This file is generated from solutions/regularized_regression.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/regularized_regression/README.md first.
"""Ridge, lasso and elastic-net regression: least squares with a penalty on the weights.

All three fit the linear model ``y_hat = X w + b`` and add a penalty on ``w`` (never on ``b``)
to the squared error, with scikit-learn's scaling of ``alpha``:

    Ridge:       ||y - X w - b||^2 + alpha ||w||_2^2
    ElasticNet:  1/(2n) ||y - X w - b||^2 + alpha * l1_ratio ||w||_1
                 + alpha * (1 - l1_ratio) / 2 ||w||_2^2
    Lasso:       ElasticNet with l1_ratio = 1.

The intercept is not penalised, so (as in plain least squares) it only matches the means:
centre ``X`` and ``y``, solve for ``w`` without intercept, and set ``b = y_mean - x_mean . w``.

- Ridge has a closed form, ``w = (Xc^T Xc + alpha I)^{-1} Xc^T yc``; we compute it as the
  least-squares solution of ``Xc`` stacked on ``sqrt(alpha) I`` (targets ``yc`` stacked on 0),
  which never forms ``Xc^T Xc`` and so never squares its condition number.
- The L1 penalty is not differentiable at 0, and the lasso has no closed form. Coordinate
  descent minimises over one weight at a time; each one-dimensional problem is solved exactly
  by soft thresholding, ``w_j = S(X_j . r_j, n alpha l1_ratio) / (||X_j||^2 + n alpha (1 -
  l1_ratio))``, where ``r_j`` is the residual without feature ``j`` and
  ``S(z, t) = sign(z) max(|z| - t, 0)``. The thresholding is what sets weights exactly to 0.

References
----------
- A. E. Hoerl, R. W. Kennard, "Ridge regression: biased estimation for nonorthogonal
  problems", Technometrics 12(1), 1970.
- R. Tibshirani, "Regression shrinkage and selection via the lasso", JRSS B 58(1), 1996.
- H. Zou, T. Hastie, "Regularization and variable selection via the elastic net", JRSS B
  67(2), 2005.
- J. Friedman, T. Hastie, R. Tibshirani, "Regularization paths for generalized linear models
  via coordinate descent", Journal of Statistical Software 33(1), 2010.
- scikit-learn, ``sklearn.linear_model.Ridge``, ``Lasso`` and ``ElasticNet`` (the API copied here).
"""

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` is called on an estimator that has not been fitted."""


def soft_threshold(z, threshold):
    """The soft-thresholding operator ``S(z, t) = sign(z) * max(|z| - t, 0)``, elementwise.

    It solves the one-dimensional lasso ``min_w 1/2 (w - z)^2 + t |w|``: values within ``t`` of
    zero become exactly 0, the others move ``t`` towards 0.

    Parameters
    ----------
    z : float or ndarray
    threshold : float, >= 0

    Returns
    -------
    float or ndarray, the shape of ``z``.

    Example
    -------
    >>> print(soft_threshold(np.array([-3.0, -0.5, 0.5, 2.0]), 1.0))
    [-2. -0.  0.  1.]
    """
    # TODO: README 'Soft thresholding'.
    # YOUR CODE HERE
    raise NotImplementedError()


class _LinearModel:
    """``predict`` for the three models (finished: you wrote it in linear_regression)."""

    def predict(self, X):
        """Predict ``X @ coef_.T + intercept_``; shape (n_samples,) or (n_samples, n_targets)."""
        if not hasattr(self, "coef_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet; call fit(X, y) first."
            )
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} was fitted with "
                f"{self.n_features_in_} features"
            )
        return X @ self.coef_.T + self.intercept_


class Ridge(_LinearModel):
    """Linear least squares with an L2 penalty, solved in closed form.

    Minimises ``||y - X w - b||^2 + alpha ||w||^2`` (the intercept ``b`` is not penalised).

    Parameters
    ----------
    alpha : float, default=1.0
        The strength of the penalty, >= 0. ``alpha=0`` is ordinary least squares.
    fit_intercept : bool, default=True
        Whether to fit ``b``; if False the model is ``y_hat = X w`` and ``intercept_`` is 0.0.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        The weights ``w``, one row per target when ``y`` was 2-D.
    intercept_ : float or ndarray of shape (n_targets,)
        The intercept ``b``; 0.0 when ``fit_intercept=False``.
    n_features_in_ : int
        The number of features seen in ``fit``.

    Notes
    -----
    With ``Xc = X - x_mean`` and ``yc = y - y_mean`` (or ``X``, ``y`` without intercept), the
    gradient ``-2 Xc^T (yc - Xc w) + 2 alpha w`` vanishes at

        w = (Xc^T Xc + alpha I)^{-1} Xc^T yc,    b = y_mean - x_mean . w,

    which is the least-squares solution of ``[Xc; sqrt(alpha) I] w = [yc; 0]``: ridge is least
    squares with ``n_features`` extra samples that pull each weight towards 0. For
    ``alpha > 0`` the matrix is invertible even when ``Xc`` is rank-deficient. Time
    ``O((n + p) p^2)``, memory ``O((n + p) p)``.

    Example
    -------
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> model = Ridge(alpha=2.0).fit(X, 2 * X[:, 0] + 1)
    >>> print(np.round(model.coef_, 6), round(float(model.intercept_), 6))
    [1.] 2.0
    """

    def __init__(self, alpha=1.0, fit_intercept=True):
        # TODO: store each argument under its own name, and do nothing else.
        # YOUR CODE HERE
        raise NotImplementedError()

    def fit(self, X, y):
        """Fit the weights in closed form; return ``self``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_targets)

        Raises
        ------
        ValueError
            If ``alpha < 0`` (say "alpha" and give its value), and for bad ``X`` or ``y``.
        """
        X, y = _check_X_y(X, y, max_ndim=2)
        # TODO: centre X and y, so that the intercept is not penalised (README: 'The intercept').
        # TODO: solve the penalised normal equations (README: 'Ridge in closed form').
        # YOUR CODE HERE
        raise NotImplementedError()


class ElasticNet(_LinearModel):
    """Linear regression with a mix of L1 and L2 penalties, fitted by coordinate descent.

    Minimises ``1/(2n) ||y - X w - b||^2 + alpha * l1_ratio * ||w||_1
    + alpha * (1 - l1_ratio) / 2 * ||w||^2`` (the intercept ``b`` is not penalised).

    Parameters
    ----------
    alpha : float, default=1.0
        The overall strength of the penalty, >= 0.
    l1_ratio : float, default=0.5
        The share of the L1 penalty, in [0, 1]: 1 is the lasso, 0 a ridge penalty.
    fit_intercept : bool, default=True
        Whether to fit ``b``; if False the model is ``y_hat = X w`` and ``intercept_`` is 0.0.
    max_iter : int, default=1000
        The maximum number of sweeps over the features, >= 1.
    tol : float, default=1e-4
        Stop after the first sweep whose largest weight change is at most ``tol`` times the
        largest weight (``max_j |dw_j| <= tol * max_j |w_j|``; a sweep that leaves every weight
        at 0 also stops).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        The weights ``w``; the L1 penalty sets some of them exactly to 0.
    intercept_ : float
        The intercept ``b``; 0.0 when ``fit_intercept=False``.
    n_iter_ : int
        The number of sweeps run (``max_iter`` if the tolerance was never met).
    n_features_in_ : int
        The number of features seen in ``fit``.

    Notes
    -----
    Multiply the objective by ``n`` and write ``l1 = n alpha l1_ratio``,
    ``l2 = n alpha (1 - l1_ratio)``; with ``w_j`` the only free weight and ``r`` the residual
    ``yc - Xc w``, the objective is minimised at

        w_j = S(X_j . r + ||X_j||^2 w_j, l1) / (||X_j||^2 + l2),

    where ``X_j . r + ||X_j||^2 w_j = X_j . (r + X_j w_j)`` correlates feature ``j`` with the
    residual of all the other features. Coordinate descent applies this update to
    ``j = 0, 1, ..., p - 1`` in turn until the weights stop moving. It never needs ``r`` itself,
    only the correlations ``c = Xc^T r``: after ``w_j`` changes by ``d``, ``c`` loses
    ``d Xc^T X_j``, a column of the Gram matrix ``Xc^T Xc`` (covariance updates). The
    intercept comes from centring, as for ``Ridge``. Time ``O(n p^2)`` once for the Gram
    matrix, then ``O(p^2)`` per sweep; memory ``O(n p + p^2)``.

    Example
    -------
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 1.0], [3.0, 1.0]])
    >>> model = ElasticNet(alpha=0.1, l1_ratio=1.0, tol=1e-10).fit(X, 2 * X[:, 0])
    >>> print(np.round(model.coef_, 4), round(float(model.intercept_), 4))
    [1.92 0.  ] 0.12
    """

    def __init__(self, alpha=1.0, l1_ratio=0.5, fit_intercept=True, max_iter=1000, tol=1e-4):
        # TODO: store each argument under its own name, and do nothing else.
        # YOUR CODE HERE
        raise NotImplementedError()

    def fit(self, X, y):
        """Fit the weights by cyclic coordinate descent; return ``self``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Raises
        ------
        ValueError
            If ``alpha < 0``, ``l1_ratio`` is outside [0, 1] or ``max_iter < 1`` (name the
            parameter and give its value), and for bad ``X`` or ``y``.
        """
        X, y = _check_X_y(X, y, max_ndim=1)
        # TODO: check alpha, l1_ratio and max_iter; centre X and y (README: 'The intercept').
        # TODO: scale the penalties by n (README: 'Scaling of alpha').
        # TODO: the loop of README 'Coordinate descent', keeping the correlations X^T r up to
        # date from the Gram matrix (covariance updates).
        # YOUR CODE HERE
        raise NotImplementedError()


class Lasso(ElasticNet):
    """Linear regression with an L1 penalty: ``ElasticNet`` with ``l1_ratio=1``.

    Minimises ``1/(2n) ||y - X w - b||^2 + alpha ||w||_1``. The parameters and attributes are
    those of ``ElasticNet`` (``l1_ratio`` is fixed to 1.0).

    Example
    -------
    >>> X = np.array([[0.0, 0.0], [1.0, 0.0], [2.0, 1.0], [3.0, 1.0]])
    >>> print(np.round(Lasso(alpha=10.0).fit(X, 2 * X[:, 0]).coef_, 4))
    [0. 0.]
    """

    def __init__(self, alpha=1.0, fit_intercept=True, max_iter=1000, tol=1e-4):
        # TODO: ElasticNet's __init__ with l1_ratio=1.0 (README: 'The elastic net').
        # YOUR CODE HERE
        raise NotImplementedError()


def _centre(X, y, fit_intercept):
    """``(X - x_mean, y - y_mean, x_mean, y_mean)``, with zero means if not ``fit_intercept``."""
    # TODO: README 'The intercept'.
    # YOUR CODE HERE
    raise NotImplementedError()


def _check_X(X):
    """``X`` as a finite, non-empty 2-D float array, or a ValueError saying what it was."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(
            f"X must be a 2-D array of shape (n_samples, n_features); got shape {X.shape}. "
            "Use X.reshape(-1, 1) for a single feature."
        )
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X is empty: got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X contains NaN or infinity")
    return X


def _check_X_y(X, y, max_ndim):
    """``X`` and ``y`` as float arrays with matching samples; ``y`` 1-D, or 2-D if allowed."""
    X = _check_X(X)
    y = np.asarray(y, dtype=float)
    if not 1 <= y.ndim <= max_ndim:
        allowed = "1-D" if max_ndim == 1 else "1-D or 2-D"
        raise ValueError(f"y must be {allowed}; got an array of shape {y.shape}")
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            f"X and y have different numbers of samples: X has {X.shape[0]}, y has {y.shape[0]}"
        )
    if not np.all(np.isfinite(y)):
        raise ValueError("y contains NaN or infinity")
    return X, y
