# This file is generated from solutions/linear_regression.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/linear_regression/README.md first.
"""Ordinary least squares linear regression.

The model predicts each target as an affine function of the features,

    y_hat = X w + b,

and ``fit`` chooses the coefficients ``w`` (``coef_``) and intercept ``b`` (``intercept_``)
that minimise the residual sum of squares ``||y - X w - b||^2``.

Two steps solve it:

1. The intercept. The optimal ``b`` makes the residuals sum to zero, which gives
   ``b = y_mean - x_mean . w``; substituting it back leaves a problem in ``w`` alone on the
   centred data ``Xc = X - x_mean``, ``yc = y - y_mean``.
2. The least-squares solve ``min_w ||Xc w - yc||^2``. Its minimisers satisfy the normal
   equations ``Xc^T Xc w = Xc^T yc``, but forming ``Xc^T Xc`` squares the condition number,
   so we call ``np.linalg.lstsq`` (LAPACK ``gelsd``, based on the SVD) on ``Xc`` itself. When
   ``Xc`` is rank-deficient it returns the minimum-norm minimiser, as scikit-learn does.

References
----------
- T. Hastie, R. Tibshirani, J. Friedman, *The Elements of Statistical Learning*, 2nd ed.,
  section 3.2 (least squares), 2009.
- L. N. Trefethen, D. Bau, *Numerical Linear Algebra*, lectures 11 and 18-19
  (least squares via QR/SVD, and its conditioning), 1997.
- scikit-learn, ``sklearn.linear_model.LinearRegression`` (the API copied here).
"""

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` is called on an estimator that has not been fitted."""


class LinearRegression:
    """Ordinary least squares linear regression.

    Parameters
    ----------
    fit_intercept : bool, default=True
        Whether to fit an intercept ``b``. If False, the model is ``y_hat = X w`` (a line or
        plane through the origin) and ``intercept_`` is ``0.0``.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,) or (n_targets, n_features)
        The coefficients ``w``: 1-D when ``y`` was 1-D, one row per target when ``y`` was 2-D.
    intercept_ : float or ndarray of shape (n_targets,)
        The intercept ``b``: a float when ``y`` was 1-D, one value per target when ``y`` was
        2-D; ``0.0`` when ``fit_intercept=False``.
    n_features_in_ : int
        The number of features seen in ``fit``.

    Notes
    -----
    With the intercept, centre the data,

        x_mean = X.mean(axis=0),  y_mean = y.mean(axis=0),  Xc = X - x_mean,  yc = y - y_mean,

    solve ``min_w ||Xc w - yc||^2`` and set ``b = y_mean - x_mean . w``. Without it,
    solve ``min_w ||X w - y||^2`` directly. The solve uses the SVD of ``Xc`` (``np.linalg.lstsq``)
    rather than the normal equations ``Xc^T Xc w = Xc^T yc``, whose matrix has condition
    number ``cond(Xc)**2``. A 2-D ``y`` is ``n_targets`` independent problems sharing ``X``,
    solved in one call. Time ``O(n p min(n, p))``, memory ``O(n p)``.

    Example
    -------
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> model = LinearRegression().fit(X, 2 * X[:, 0] + 1)
    >>> print(np.round(model.coef_, 6), round(float(model.intercept_), 6))
    [2.] 1.0
    """

    def __init__(self, fit_intercept=True):
        # YOUR CODE HERE
        raise NotImplementedError()

    def fit(self, X, y):
        """Fit the coefficients by least squares; return ``self``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_targets)

        Raises
        ------
        ValueError
            With a message that says what was received: X not 2-D (say "2-D", give its
            shape); X empty (say "empty", give its shape); NaN or infinity in X or y (say
            "NaN or infinity"); y not 1-D or 2-D (give its shape); X and y with different
            numbers of samples (give both counts).
        """
        # TODO: validate the input (README: 'Input checks').
        # TODO: centre X and y when fit_intercept (README: 'The intercept').
        # TODO: solve with np.linalg.lstsq, not by inverting X^T X (README: 'Conditioning').
        # YOUR CODE HERE
        raise NotImplementedError()

    def predict(self, X):
        """Predict ``X @ coef_.T + intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_targets)
            The same number of dimensions as the ``y`` given to ``fit``.

        Raises
        ------
        NotFittedError
            If called before ``fit`` (the message says to call fit first).
        ValueError
            As in ``fit`` for X, and if X has a different number of features from the X
            given to ``fit`` (say "features", give both counts).
        """
        # YOUR CODE HERE
        raise NotImplementedError()


def _check_X(X):
    """``X`` as a finite, non-empty 2-D float array, or a ValueError saying what it was.

    Used by both ``fit`` and ``predict``; see ``fit`` for what the messages must say.
    """
    # TODO: the checks of README 'Input checks' (shape, emptiness, NaN/infinity).
    # YOUR CODE HERE
    raise NotImplementedError()
