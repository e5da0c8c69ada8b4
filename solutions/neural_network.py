"""A multilayer perceptron classifier: hidden layers, a softmax output, backpropagation,
mini-batch SGD with momentum or Adam.

Layer l maps the previous layer's activations A_{l-1} (A_0 = X) to

    Z_l = A_{l-1} W_l + b_l,    A_l = f(Z_l)    (f = relu, tanh or logistic),

and the last layer's scores go through a softmax (two classes: one score z, with the
scores [0, z], i.e. a sigmoid), exactly as in logistic regression. The loss on a batch of
n samples is scikit-learn's: the mean cross-entropy plus an L2 penalty on the weights only,

    L = -1/n sum_i log P[i, y_i] + alpha / (2 n) * sum_l ||W_l||^2.

Backpropagation applies the chain rule layer by layer, from the output back:

    D_L = (P - Y) / n,    grad W_l = A_{l-1}^T D_l + alpha W_l / n,    grad b_l = sum_i D_l[i],
    D_{l-1} = (D_l W_l^T) * f'(Z_{l-1}).

Each mini-batch then takes one step of SGD with heavy-ball momentum or of Adam.

References
----------
- D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by
  back-propagating errors", Nature 323 (1986).
- X. Glorot, Y. Bengio, "Understanding the difficulty of training deep feedforward neural
  networks", AISTATS 2010 (the uniform initialisation).
- D. P. Kingma, J. Ba, "Adam: a method for stochastic optimization", ICLR 2015.
- I. Goodfellow, Y. Bengio, A. Courville, *Deep Learning* (2016), chapters 6 and 8.
- scikit-learn, ``sklearn.neural_network.MLPClassifier`` (the same model, loss and updates).
"""

import numbers

import numpy as np


class NotFittedError(ValueError, AttributeError):
    """Raised when the model is used before ``fit``."""


class MLPClassifier:
    """Multilayer perceptron classifier trained by backpropagation and SGD or Adam.

    Parameters
    ----------
    hidden_layer_sizes : int or tuple of int, default=(100,)
        Units of each hidden layer; ``()`` leaves none (softmax regression).
    activation : {"relu", "tanh", "logistic"}, default="relu"
        The hidden units' function ``f``.
    solver : {"sgd", "adam"}, default="adam"
        The update rule applied after each mini-batch.
    alpha : float, default=1e-4
        Strength of the L2 penalty ``alpha / (2 n) * sum ||W_l||^2`` (weights only).
    batch_size : int or "auto", default="auto"
        Samples per update; ``"auto"`` is ``min(200, n_samples)``. The last batch of an epoch
        holds the remainder.
    learning_rate_init : float, default=1e-3
        The constant step size.
    max_iter : int, default=200
        Maximum number of epochs (passes over the training set).
    shuffle : bool, default=True
        Whether to visit the samples in a new random order every epoch.
    random_state : int, numpy Generator or None, default=None
        Seed of ``np.random.default_rng``: the initial weights, then the shuffling.
    tol : float, default=1e-4
        An epoch "improves" if its loss is below the best one so far minus ``tol``.
    n_iter_no_change : int, default=10
        Stop once more than this many epochs in a row did not improve.
    momentum : float, default=0.9
        Heavy-ball coefficient of ``solver="sgd"``, in [0, 1).
    beta_1, beta_2, epsilon : float, default=0.9, 0.999, 1e-8
        Adam's decay rates of the first and second moments, and its guard against 0 / 0.
    warm_start : bool, default=False
        If True and the model holds ``coefs_``, ``fit`` starts from them (the optimiser's
        state still starts afresh) instead of drawing new weights.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The labels, sorted as by ``np.unique``.
    coefs_ : list of ndarray
        ``coefs_[l]`` has shape (units of layer l, units of layer l + 1); layer 0 is the input,
        the last layer has ``n_outputs_`` units.
    intercepts_ : list of ndarray
        ``intercepts_[l]`` has shape (units of layer l + 1,).
    n_outputs_ : int
        1 for two classes (the score of ``classes_[1]``), else ``n_classes``.
    loss_curve_ : list of float
        Per epoch of this ``fit``, the batch losses averaged with the batch sizes as weights
        (scikit-learn's ``loss_curve_``).
    n_iter_ : int
        Epochs run.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Notes
    -----
    Weights and intercepts start uniform in ``[-r, r]``, ``r = sqrt(6 / (fan_in + fan_out))``
    (``sqrt(2 / ...)`` for logistic units), drawn layer by layer, weights then intercepts.
    For every batch of ``m`` samples, with ``g`` the gradient of the batch loss ``L`` above:

        sgd:   v <- momentum v - lr g,   theta <- theta + v
        adam:  t <- t + 1,  m1 <- b1 m1 + (1 - b1) g,  m2 <- b2 m2 + (1 - b2) g^2,
               theta <- theta - lr sqrt(1 - b2^t) / (1 - b1^t) * m1 / (sqrt(m2) + epsilon)

    This is scikit-learn's ``MLPClassifier`` with ``learning_rate="constant"``,
    ``nesterovs_momentum=False`` and ``early_stopping=False``. One epoch costs
    ``O(n sum_l u_{l-1} u_l)`` time; memory is the parameters plus one batch's activations.

    Example
    -------
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> net = MLPClassifier((8,), activation="tanh", learning_rate_init=0.05, max_iter=500,
    ...                     random_state=0).fit(X, [0, 1, 1, 0])
    >>> net.predict(X)
    array([0, 1, 1, 0])
    """

    def __init__(self, hidden_layer_sizes=(100,), activation="relu", solver="adam", alpha=1e-4,
                 batch_size="auto", learning_rate_init=1e-3, max_iter=200, shuffle=True,
                 random_state=None, tol=1e-4, n_iter_no_change=10, momentum=0.9, beta_1=0.9,
                 beta_2=0.999, epsilon=1e-8, warm_start=False):
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.alpha = alpha
        self.batch_size = batch_size
        self.learning_rate_init = learning_rate_init
        self.max_iter = max_iter
        self.shuffle = shuffle
        self.random_state = random_state
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.momentum = momentum
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.warm_start = warm_start

    def fit(self, X, y):
        """Train on ``X`` (n_samples, n_features) and labels ``y`` (n_samples,); return ``self``.

        Raises ``ValueError`` (saying what was received) for bad X or y, fewer than two
        classes, or a hyper-parameter out of range.
        """
        # TODO: README 'Initialisation', then 'Mini-batches and epochs' with one optimiser step
        # per batch ('SGD with momentum', 'Adam') and the stopping rule ('When to stop').
        ### BEGIN SOLUTION
        X = _check_array(X)
        y = np.asarray(y)
        if y.ndim != 1 or y.shape[0] != X.shape[0]:
            raise ValueError(f"y must be 1-D with one label per row of X ({X.shape[0]}); got shape {y.shape}")
        hidden = self._check_params()
        classes, y_index = np.unique(y, return_inverse=True)
        if len(classes) < 2:
            raise ValueError(f"y has a single class ({classes[0]!r}); a classifier needs at least two")
        n_samples, n_features = X.shape
        rng = np.random.default_rng(self.random_state)

        if not (self.warm_start and hasattr(self, "coefs_")):
            # Glorot's uniform start: every layer begins with activations and gradients of
            # similar size, and the random signs break the symmetry between units.
            self.classes_, self.n_features_in_ = classes, n_features
            self.n_outputs_ = 1 if len(classes) == 2 else len(classes)
            units = [n_features, *hidden, self.n_outputs_]
            factor = 2.0 if self.activation == "logistic" else 6.0
            self.coefs_, self.intercepts_ = [], []
            for fan_in, fan_out in zip(units[:-1], units[1:], strict=True):
                bound = np.sqrt(factor / (fan_in + fan_out))
                self.coefs_.append(rng.uniform(-bound, bound, (fan_in, fan_out)))  # (fan_in, fan_out)
                self.intercepts_.append(rng.uniform(-bound, bound, fan_out))  # (fan_out,)
        elif not np.array_equal(classes, self.classes_) or n_features != self.n_features_in_:
            raise ValueError("warm_start needs the classes and features of the previous fit")
        Y = (y_index[:, None] == np.arange(len(self.classes_))).astype(float)  # (n_samples, n_classes)

        # The optimiser updates these arrays in place, so coefs_ and intercepts_ follow.
        params = self.coefs_ + self.intercepts_
        if self.solver == "sgd":
            optimizer = _SGD(params, self.learning_rate_init, self.momentum)
        else:
            optimizer = _Adam(params, self.learning_rate_init, self.beta_1, self.beta_2, self.epsilon)
        batch_size = min(200 if self.batch_size == "auto" else self.batch_size, n_samples)
        self.loss_curve_, best_loss, no_improvement = [], np.inf, 0
        for epoch in range(1, self.max_iter + 1):
            # A new order every epoch, so the batches differ from one epoch to the next.
            order = rng.permutation(n_samples) if self.shuffle else np.arange(n_samples)
            total = 0.0
            for start in range(0, n_samples, batch_size):
                batch = order[start:start + batch_size]  # (m,)
                loss, coef_grads, intercept_grads = self._backprop(X[batch], Y[batch])
                optimizer.step(params, coef_grads + intercept_grads)
                total += loss * len(batch)
            self.loss_curve_.append(total / n_samples)
            self.n_iter_ = epoch
            # Stop once more than n_iter_no_change epochs in a row failed to improve by tol.
            no_improvement = no_improvement + 1 if self.loss_curve_[-1] > best_loss - self.tol else 0
            best_loss = min(best_loss, self.loss_curve_[-1])
            if no_improvement > self.n_iter_no_change:
                break
        if not all(np.all(np.isfinite(p)) for p in params):
            raise ValueError("training diverged (non-finite weights); lower learning_rate_init")
        return self
        ### END SOLUTION

    def loss_and_gradients(self, X, y):
        """The loss ``L`` on (X, y) at the current parameters, and its gradients.

        Returns ``(loss, coef_grads, intercept_grads)``: a float and two lists shaped like
        ``coefs_`` and ``intercepts_``. Needs a fitted model (for ``classes_``); set
        ``coefs_`` and ``intercepts_`` to evaluate it anywhere.
        """
        self._check_fitted()
        X = _check_array(X, self.n_features_in_)
        y = np.asarray(y)
        if y.shape != (X.shape[0],) or not np.all(np.isin(y, self.classes_)):
            raise ValueError(f"y must hold {X.shape[0]} labels from classes_ {self.classes_}; got {y!r}")
        index = np.searchsorted(self.classes_, y)  # (n_samples,)
        Y = (index[:, None] == np.arange(len(self.classes_))).astype(float)  # (n_samples, n_classes)
        return self._backprop(X, Y)

    def predict_proba(self, X):
        """Class probabilities, shape (n_samples, n_classes), columns in ``classes_`` order."""
        ### BEGIN SOLUTION
        self._check_fitted()
        X = _check_array(X, self.n_features_in_)
        return np.exp(_log_softmax(self._forward(X)[-1]))  # (n_samples, n_classes)
        ### END SOLUTION

    def predict(self, X):
        """The most probable label of each sample, shape (n_samples,)."""
        ### BEGIN SOLUTION
        proba = self.predict_proba(X)  # (n_samples, n_classes); checks fit and X first
        return self.classes_[np.argmax(proba, axis=1)]
        ### END SOLUTION

    def _forward(self, X):
        """``[A_0 = X, A_1, ..., A_{L-1}, Z_L]``: each layer's activations, and the output
        scores with the reference column for two classes, shape (n_samples, n_classes)."""
        # TODO: README 'The forward pass'.
        ### BEGIN SOLUTION
        activations = [X]
        for W, b in zip(self.coefs_[:-1], self.intercepts_[:-1], strict=True):
            activations.append(_activate(activations[-1] @ W + b, self.activation))  # (n, units)
        scores = activations[-1] @ self.coefs_[-1] + self.intercepts_[-1]  # (n, n_outputs)
        return activations + [_with_reference_class(scores)]
        ### END SOLUTION

    def _backprop(self, X, Y):
        """Loss and gradients for X (n, n_features) and one-hot labels Y (n, n_classes)."""
        # TODO: README 'The loss' and 'Backpropagation, layer by layer'.
        ### BEGIN SOLUTION
        n = X.shape[0]
        *activations, scores = self._forward(X)
        log_P = _log_softmax(scores)  # (n, n_classes)
        penalty = sum(np.sum(W ** 2) for W in self.coefs_)
        loss = -np.sum(Y * log_P) / n + self.alpha * penalty / (2 * n)
        # Softmax and cross-entropy together: dL/dZ_L = (P - Y) / n (binary: the z column).
        delta = (np.exp(log_P) - Y)[:, -self.n_outputs_:] / n  # (n, n_outputs)
        coef_grads, intercept_grads = [None] * len(self.coefs_), [None] * len(self.coefs_)
        for layer in range(len(self.coefs_) - 1, -1, -1):
            W, A = self.coefs_[layer], activations[layer]
            coef_grads[layer] = A.T @ delta + self.alpha * W / n  # (units_in, units_out)
            intercept_grads[layer] = delta.sum(axis=0)  # (units_out,)
            if layer > 0:
                # The chain rule through W, then through f: dL/dZ of the layer below.
                delta = (delta @ W.T) * _derivative(A, self.activation)  # (n, units_in)
        return float(loss), coef_grads, intercept_grads
        ### END SOLUTION

    def _check_fitted(self):
        if not hasattr(self, "coefs_"):
            raise NotFittedError("this MLPClassifier is not fitted yet; call fit(X, y) first")

    def _check_params(self):
        """The hidden layer sizes as a tuple; a ValueError naming any bad hyper-parameter."""
        def is_int(value, low):
            return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= low

        def is_real(value, low, high=np.inf):
            return isinstance(value, numbers.Real) and not isinstance(value, bool) and low <= value < high

        sizes = self.hidden_layer_sizes
        sizes = (sizes,) if isinstance(sizes, numbers.Integral) else tuple(sizes)
        checks = {
            "hidden_layer_sizes": all(is_int(s, 1) for s in sizes),
            "activation": self.activation in ("relu", "tanh", "logistic"),
            "solver": self.solver in ("sgd", "adam"),
            "alpha": is_real(self.alpha, 0),
            "batch_size": self.batch_size == "auto" or is_int(self.batch_size, 1),
            "learning_rate_init": is_real(self.learning_rate_init, 0) and self.learning_rate_init > 0,
            "max_iter": is_int(self.max_iter, 1),
            "tol": is_real(self.tol, 0),
            "n_iter_no_change": is_int(self.n_iter_no_change, 1),
            "momentum": is_real(self.momentum, 0, 1),
            "beta_1": is_real(self.beta_1, 0, 1),
            "beta_2": is_real(self.beta_2, 0, 1),
            "epsilon": is_real(self.epsilon, 0) and self.epsilon > 0,
        }
        for name, ok in checks.items():
            if not ok:
                raise ValueError(f"{name}={getattr(self, name)!r} is not valid; see the docstring")
        return sizes


class _SGD:
    """Mini-batch gradient descent with heavy-ball momentum (0 gives plain SGD)."""

    def __init__(self, params, learning_rate, momentum):
        self.learning_rate, self.momentum = learning_rate, momentum
        self.velocities = [np.zeros_like(p) for p in params]

    def step(self, params, grads):
        """Update every parameter array in place: v <- momentum v - lr g, then theta <- theta + v."""
        # TODO: README 'SGD with momentum'.
        ### BEGIN SOLUTION
        for theta, v, g in zip(params, self.velocities, grads, strict=True):
            v *= self.momentum
            v -= self.learning_rate * g
            theta += v
        ### END SOLUTION


class _Adam:
    """Adam: steps scaled per parameter by running moments of the gradient."""

    def __init__(self, params, learning_rate, beta_1, beta_2, epsilon):
        self.learning_rate, self.beta_1, self.beta_2, self.epsilon = learning_rate, beta_1, beta_2, epsilon
        self.t = 0
        self.m1 = [np.zeros_like(p) for p in params]
        self.m2 = [np.zeros_like(p) for p in params]

    def step(self, params, grads):
        """Update every parameter array in place (the Notes of MLPClassifier give the rule)."""
        # TODO: README 'Adam' (the bias correction uses the step count t, starting at 1).
        ### BEGIN SOLUTION
        self.t += 1
        # Both moments start at 0: dividing by 1 - beta^t removes that bias from early steps.
        rate = self.learning_rate * np.sqrt(1 - self.beta_2 ** self.t) / (1 - self.beta_1 ** self.t)
        for theta, m1, m2, g in zip(params, self.m1, self.m2, grads, strict=True):
            m1 *= self.beta_1
            m1 += (1 - self.beta_1) * g
            m2 *= self.beta_2
            m2 += (1 - self.beta_2) * g ** 2
            theta -= rate * m1 / (np.sqrt(m2) + self.epsilon)
        ### END SOLUTION


def _activate(Z, name):
    """The hidden activation f applied elementwise, shape of Z."""
    if name == "relu":
        return np.maximum(Z, 0.0)
    if name == "tanh":
        return np.tanh(Z)
    return 1.0 / (1.0 + np.exp(-np.clip(Z, -500, 500)))  # clipped: exp(-Z) must not overflow


def _derivative(A, name):
    """f'(z), written with the activation's output A = f(z) (what the forward pass kept)."""
    # TODO: README 'Activations and their derivatives'.
    ### BEGIN SOLUTION
    if name == "relu":
        return (A > 0).astype(float)  # 1 where the unit is on, 0 where it is clipped
    if name == "tanh":
        return 1.0 - A ** 2  # tanh' = 1 - tanh^2
    return A * (1.0 - A)  # sigmoid' = sigmoid (1 - sigmoid)
    ### END SOLUTION


def _log_softmax(Z):
    """Row-wise log(softmax(Z)), shape of Z, finite for any finite Z."""
    # TODO: subtract each row's maximum first (README: 'The loss').
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
        raise ValueError(f"X must be a non-empty 2-D array (n_samples, n_features); got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"X contains NaN or inf ({np.sum(~np.isfinite(X))} entries)")
    if n_features is not None and X.shape[1] != n_features:
        raise ValueError(f"X has {X.shape[1]} features, but the model was fitted with {n_features}")
    return X
