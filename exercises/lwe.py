# This file is generated from solutions/lwe.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/lwe/README.md first.
"""Regev's public-key encryption from learning with errors (LWE), and homomorphic addition.

LWE: from many noisy inner products ``b_i = <a_i, s> + e_i mod q`` with uniform ``a_i`` and
small errors ``e_i``, find ``s``. Without the errors, Gaussian elimination solves it; with
them it is believed hard, even for quantum computers (Regev 2005). Regev's scheme hides a
message in the high part of such a noisy inner product. With ``Delta = q // t``::

    key generation  s uniform in Z_q^n;  A uniform in Z_q^(m x n);  e uniform in [-B, B]^m
                    b = A s + e mod q;   public key (A, b), secret key s
    encryption      r uniform in {0, 1}^m;  u = A^T r mod q;  v = b^T r + Delta mu mod q
    decryption      x = v - <u, s> mod q = Delta mu + e^T r (mod q);
                    mu = x rounded to the nearest multiple of Delta, over Delta, mod t
    addition        (u1 + u2, v1 + v2) mod q encrypts mu1 + mu2 mod t; the noises add up

A fresh noise ``e^T r`` is at most ``m B`` in size (``r`` is binary, ``|e_i| <= B``); a sum of
``k`` fresh ciphertexts carries at most ``k m B + (k - 1)(q mod t)``, the second term from
the message sum wrapping past ``t`` when ``t`` does not divide ``q``. Decryption is exact
whenever this is below ``Delta / 2``; the constructor refuses parameters where a fresh
ciphertext could fail.

References: O. Regev, "On lattices, learning with errors, random linear codes, and
cryptography", STOC 2005 / J. ACM 56(6), 2009; C. Peikert, "A decade of lattice
cryptography", 2016 (section 5.2); J. Fan and F. Vercauteren, "Somewhat practical fully
homomorphic encryption", 2012 (the scaling by Delta = floor(q / t)).
"""

import secrets

import numpy as np


def noise_bound(m, B, q, t, terms=1):
    """The largest noise a sum of ``terms`` fresh ciphertexts can carry.

    Parameters
    ----------
    m, B, q, t : int
        Number of public samples, error bound, ciphertext modulus, plaintext modulus.
    terms : int, default=1
        How many fresh ciphertexts are added together (1: a fresh ciphertext).

    Returns
    -------
    int
        ``terms * m * B + (terms - 1) * (q % t)``: every noise ``|N|`` of such a sum is at
        most this. Decryption is exact when twice this is below ``Delta = q // t``.

    Notes
    -----
    A fresh noise is ``e^T r`` with ``r`` in ``{0, 1}^m``, so ``|e^T r| <= sum |e_i| <= m B``.
    Adding messages ``mu_1 + ... + mu_k = t c + (sum mod t)`` with a carry ``c <= k - 1``
    leaves ``Delta t c = (q - q mod t) c = -(q mod t) c (mod q)`` behind as extra noise.
    """
    if terms < 1:
        raise ValueError(f"terms should be >= 1, got {terms}")
    # YOUR CODE HERE
    raise NotImplementedError()


def max_summands(m, B, q, t):
    """The largest ``k`` such that every sum of ``k`` fresh ciphertexts decrypts correctly.

    Returns 0 when even a fresh ciphertext can fail. Computed in closed form from
    ``2 (k m B + (k - 1) r) < Delta`` with ``r = q mod t``, ``Delta = q // t``.

    Example
    -------
    >>> max_summands(m=256, B=4, q=65537, t=2)
    15
    """
    # YOUR CODE HERE
    raise NotImplementedError()


class Regev:
    """Regev's public-key encryption of integers mod ``t``, with homomorphic addition.

    One object holds both keys, for teaching: in real use ``(A, b)`` is published and ``s``
    is kept secret. Ciphertexts are pairs ``(U, v)`` of int64 arrays with shapes ``(k, n)``
    and ``(k,)``: a batch of ``k`` ciphertexts ``(u, v)``, one per message.

    Parameters
    ----------
    n : int, default=64
        Dimension of the secret (the LWE dimension).
    q : int, default=65537
        Ciphertext modulus, ``2 t <= q <= 2**31`` (a product of two residues fits in int64).
    m : int, default=256
        Number of noisy samples in the public key.
    t : int, default=2
        Plaintext modulus: messages are integers in ``[0, t)`` (bits when ``t = 2``).
    B : int, default=4
        Error bound: each error is drawn uniformly from the integers in ``[-B, B]``.
    check_bound : bool, default=True
        Refuse parameters whose fresh noise can reach ``Delta / 2`` (``2 m B >= Delta``).
        ``False`` is for experiments that watch decryption fail.
    random_state : int or None, default=None
        ``None`` draws keys and encryption randomness from a generator seeded by the
        operating system's CSPRNG; an int gives a reproducible stream
        (``np.random.default_rng(random_state)``), for tests and teaching only.

    Attributes
    ----------
    delta : int
        ``Delta = q // t``, the spacing of the encoded messages.
    s : ndarray of shape (n,)
        The secret key, uniform in ``Z_q^n``.
    A : ndarray of shape (m, n)
        The public matrix, uniform in ``Z_q^(m x n)``.
    b : ndarray of shape (m,)
        The public vector ``A s + e mod q``.

    Notes
    -----
    ``v - <u, s> = b^T r + Delta mu - r^T A s = e^T r + Delta mu (mod q)``, so decryption
    sees the message plus the noise ``e^T r``, with ``|e^T r| <= m B``. Rounding to the
    nearest multiple of ``Delta`` recovers ``mu`` whenever that noise is below ``Delta / 2``.

    Example
    -------
    >>> scheme = Regev(t=16, B=1, random_state=0)
    >>> c = scheme.add(scheme.encrypt([3, 15]), scheme.encrypt([4, 1]))
    >>> scheme.decrypt(c).tolist()
    [7, 0]
    """

    def __init__(self, n=64, q=65537, m=256, t=2, B=4, *, check_bound=True, random_state=None):
        # YOUR CODE HERE
        raise NotImplementedError()

    def encrypt(self, messages):
        """Encrypt integers in ``[0, t)``; returns ``(U, v)`` of shapes (k, n) and (k,).

        Each message gets its own random binary ``r``, drawn from the scheme's generator.
        """
        mu = self._check_messages(messages)  # (k,)
        # TODO: a random subset of the public samples per message (README: 'Regev's scheme').
        # YOUR CODE HERE
        raise NotImplementedError()

    def decrypt(self, ciphertext):
        """The messages of a ciphertext ``(U, v)``, an int64 array of shape (k,)."""
        U, v = self._check_ciphertext(ciphertext)
        # TODO: compute the rounding, never search (README: 'Decryption by rounding').
        # YOUR CODE HERE
        raise NotImplementedError()

    def add(self, c1, c2):
        """Homomorphic addition of two batches of the same size: encrypts ``(mu1 + mu2) mod t``."""
        U1, v1 = self._check_ciphertext(c1)
        U2, v2 = self._check_ciphertext(c2)
        if U1.shape != U2.shape:
            raise ValueError(f"cannot add batches of {U1.shape[0]} and {U2.shape[0]} ciphertexts")
        # YOUR CODE HERE
        raise NotImplementedError()

    def noise(self, ciphertext, messages):
        """The noise of each ciphertext, centred in (-q/2, q/2]: ``v - <u, s> - Delta (mu mod t)``.

        Needs the secret key and the true messages (sums may exceed ``t``; they are taken
        mod ``t``): a tool for experiments, shape (k,).
        """
        U, v = self._check_ciphertext(ciphertext)
        mu = np.asarray(messages, dtype=np.int64) % self.t
        N = (v - _dot_mod(U, self.s, self.q) - self.delta * mu) % self.q
        return np.where(N > self.q // 2, N - self.q, N)

    def _check_messages(self, messages):
        """Messages as an int64 array of shape (k,) with entries in [0, t), or a ValueError."""
        mu = np.asarray(messages)
        if mu.ndim != 1:
            raise ValueError(f"messages should be a 1-D array of shape (k,), got shape {mu.shape}")
        if mu.dtype.kind not in "biu":
            raise ValueError(f"messages should be integers, got dtype {mu.dtype}")
        mu = mu.astype(np.int64)
        bad = np.flatnonzero((mu < 0) | (mu >= self.t))
        if bad.size:
            what = "bits (0 or 1)" if self.t == 2 else f"integers in [0, t) = [0, {self.t})"
            raise ValueError(f"messages should be {what}, got {mu[bad[0]]} at index {bad[0]}")
        return mu

    def _check_ciphertext(self, ciphertext):
        """``(U, v)`` as int64 arrays of shapes (k, n) and (k,) in [0, q), or a ValueError."""
        if not isinstance(ciphertext, (tuple, list)) or len(ciphertext) != 2:
            raise ValueError(f"a ciphertext is a pair (U, v), got {type(ciphertext).__name__}")
        U, v = np.asarray(ciphertext[0]), np.asarray(ciphertext[1])
        if U.dtype.kind not in "iu" or v.dtype.kind not in "iu":
            raise ValueError(f"a ciphertext holds integers, got dtypes {U.dtype} and {v.dtype}")
        if U.ndim != 2 or U.shape[1] != self.n or v.shape != U.shape[:1]:
            raise ValueError(
                f"a ciphertext of this key has U of shape (k, {self.n}) and v of shape (k,), "
                f"got {U.shape} and {v.shape}"
            )
        for name, part in (("U", U), ("v", v)):
            if part.size and (part.min() < 0 or part.max() >= self.q):
                raise ValueError(f"{name} should hold residues in [0, q) = [0, {self.q})")
        return U.astype(np.int64), v.astype(np.int64)


def _dot_mod(X, y, q):
    """``<x_i, y> mod q`` for every row of X without int64 overflow, shape (k,)."""
    # TODO: with q near 2^31, X @ y overflows int64 (README: 'Arithmetic mod q in int64').
    # YOUR CODE HERE
    raise NotImplementedError()


def _check_parameters(n, q, m, t, B, check_bound):
    """Delta = q // t after checking the parameters; a TypeError or ValueError otherwise."""
    for name, value in dict(n=n, q=q, m=m, t=t, B=B).items():
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} should be an integer, got {value!r}")
    if min(n, m, B) < 1 or t < 2:
        raise ValueError(f"need n, m, B >= 1 and t >= 2, got n={n}, m={m}, B={B}, t={t}")
    if not 2 * t <= q <= 2**31:
        raise ValueError(
            f"need 2 t <= q <= 2^31 (Delta = q // t >= 2, and a product of two residues fits "
            f"in int64), got q={q}, t={t}"
        )
    # TODO: refuse parameters where a fresh ciphertext can fail (README: 'The bound').
    # YOUR CODE HERE
    raise NotImplementedError()


def _make_rng(random_state):
    """A numpy generator: seeded by the OS's CSPRNG for None, reproducible for an int."""
    seed = secrets.randbits(128) if random_state is None else random_state
    return np.random.default_rng(seed)
