# This file is generated from solutions/bfv.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/bfv/README.md first.
"""The BFV (Brakerski/Fan-Vercauteren) scheme: exact arithmetic on encrypted integers mod t.

Messages are polynomials m in R_t = Z_t[x]/(x^n + 1); ciphertexts are pairs (c0, c1) of
polynomials in R_q = Z_q[x]/(x^n + 1), with q much larger than t. The secret s is a small
(ternary) polynomial, and every ciphertext satisfies, with centred coefficients,

    c0 + c1 s = Delta m + e   (mod q),      Delta = floor(q / t),  e small (the noise)

    encrypt     c = (p0 u + e1 + Delta m, p1 u + e2),  public key (p0, p1) = (-(a s + e), a)
    decrypt     m = round(t/q * [c0 + c1 s]_q) mod t
    add         (c0 + d0, c1 + d1)                                noise adds
    multiply    round(t/q * (c0 d0, c0 d1 + c1 d0, c1 d1)) mod q   noise grows ~ t n times
    relinearise (c0, c1, c2) -> (c0, c1) + sum_i c2^(i) rlk_i,   c2 = sum_i c2^(i) w^i

The tensor product is computed over the integers, exactly: its coefficients reach n q^2 / 4,
far beyond int64, so polynomial products use Kronecker substitution into Python integers.
Batching (t prime, t = 1 mod 2n) turns a vector of n integers mod t into one plaintext, so
that one homomorphic product multiplies n pairs of numbers at once, slot by slot.

For learning only: no constant-time code, a non-cryptographic generator, no side-channel care.

References: J. Fan and F. Vercauteren, "Somewhat practical fully homomorphic encryption",
IACR ePrint 2012/144; Z. Brakerski, "Fully homomorphic encryption without modulus switching",
CRYPTO 2012; Microsoft SEAL (``Decryptor::invariant_noise_budget``).
"""

import math
import secrets
from functools import lru_cache
from itertools import zip_longest

import numpy as np

# A 160-bit prime with q = 1 (mod 65537 * 1032193): then t * Delta = q - 1 for both usual t.
Q = 1461501637330902918203684832716283014725098076121


class NotKeyedError(ValueError, AttributeError):
    """Raised when a scheme is used before keygen()."""


class Ciphertext:
    """A BFV ciphertext: two (or, after a product, three) polynomials of R_q.

    Attributes
    ----------
    c : tuple of ndarray of shape (n,), dtype object
        The polynomials (c0, c1[, c2]), coefficients Python ints in [0, q).
    params : tuple of int
        The (n, q, t) of the scheme that made it.
    """

    def __init__(self, c, params):
        self.c = tuple(c)
        self.params = params

    @property
    def size(self):
        """The number of polynomials: 2, or 3 for an unrelinearised product."""
        return len(self.c)

    def coefficients(self):
        """The polynomials as lists of Python ints (plain data, e.g. to save or to inspect)."""
        return [[int(v) for v in poly] for poly in self.c]


class BFV:
    """The BFV scheme with batching: vectors of n integers mod t, encrypted as one ciphertext.

    Parameters
    ----------
    n : int, default=1024
        Ring degree, a power of two; also the number of slots.
    q : int, default=Q (a 160-bit prime)
        Ciphertext modulus.
    t : int, default=65537
        Plaintext modulus, a prime with t = 1 (mod 2n) (needed for batching), below 2^31.
    w : int, default=2**32
        Base of the digit decomposition used by relinearisation.
    random_state : int or None, default=None
        None draws keys and encryption randomness from a generator seeded by the operating
        system's CSPRNG (``secrets``); an int gives a reproducible stream, for tests and
        teaching only.

    Attributes
    ----------
    delta_ : int
        Delta = floor(q / t), the scale of the message inside a ciphertext.
    secret_key_ : ndarray of shape (n,), dtype int64
        The secret s, coefficients in {-1, 0, 1}.
    public_key_ : tuple of two ndarray (object)
        (p0, p1) = ([-(a s + e)]_q, a).
    relin_key_ : list of tuples of two ndarray (object)
        rlk_i = ([-(a_i s + e_i) + w^i s^2]_q, a_i) for i = 0 .. ell - 1, ell = digits of q in base w.

    Notes
    -----
    A ciphertext c of a message m satisfies (t/q) [c0 + c1 s]_q = m + v (mod t), and
    decryption (rounding) is correct while every coefficient of the invariant noise v stays
    below 1/2. Since [t (c0 + c1 s)]_q = q v, the noise budget
    log2(q / 2) - log2(max |[t (c0 + c1 s)]_q|) counts the bits left before decryption fails.
    A product costs about log2(t) + log2(n) - 2 bits, an addition at most one.

    Example
    -------
    >>> bfv = BFV(random_state=0).keygen()
    >>> x, y = bfv.encrypt([1, 2, 3]), bfv.encrypt([4, 5, 6])
    >>> bfv.decrypt(bfv.multiply(x, y))[:3]
    array([ 4, 10, 18])
    """

    def __init__(self, n=1024, q=Q, t=65537, w=2**32, random_state=None):
        self.n = n
        self.q = q
        self.t = t
        self.w = w
        self.random_state = random_state

    def keygen(self):
        """Draw the secret, public and relinearisation keys; return self.

        Randomness: ``random_state`` (see the class docstring); the same generator then
        serves every encryption of this scheme.
        """
        # TODO: README "Keys": validate with _check_parameters; rng = _generator(random_state); set
        #  secret_key_, public_key_, relin_key_ (one pair per base-w digit, _n_digits), delta_,
        #  and keep rng in self._rng for the encryptions.
        # YOUR CODE HERE
        raise NotImplementedError()
        return self

    def encrypt(self, values):
        """Encrypt up to n integers in [0, t) (the slots; missing slots are 0).

        Randomness: the scheme's generator (fresh u, e1, e2 for every call).
        """
        self._check()
        # TODO: README "Encryption and decryption".
        # YOUR CODE HERE
        raise NotImplementedError()

    def decrypt(self, ct):
        """The n slots of ``ct``: an int64 array of shape (n,), values in [0, t)."""
        self._check(ct)
        # TODO: README "Encryption and decryption" (compute the rounding; never search).
        # YOUR CODE HERE
        raise NotImplementedError()

    def add(self, a, b):
        """Encryption of the slot-wise sum a + b (mod t)."""
        self._check(a, b)
        # TODO: README "Addition".
        # YOUR CODE HERE
        raise NotImplementedError()

    def add_plain(self, a, values):
        """Encryption of a + values (mod t), ``values`` a plain vector of up to n slots."""
        self._check(a)
        # TODO: README "Addition".
        # YOUR CODE HERE
        raise NotImplementedError()

    def multiply_plain(self, a, values):
        """Encryption of a * values (mod t, slot by slot), ``values`` a plain vector."""
        self._check(a)
        # TODO: README "Multiplication".
        # YOUR CODE HERE
        raise NotImplementedError()

    def multiply(self, a, b, relinearize=True):
        """Encryption of a * b (mod t, slot by slot); three polynomials unless relinearised."""
        self._check(a, b)
        if a.size != 2 or b.size != 2:
            raise ValueError(f"multiply takes ciphertexts of size 2, got sizes {a.size} and {b.size}; "
                             "relinearize first")
        # TODO: README "Multiplication": centre, tensor product over the integers (poly_mul without
        #  q), scale by t/q and round in integers, reduce mod q; store it in `product`.
        # YOUR CODE HERE
        raise NotImplementedError()
        return self.relinearize(product) if relinearize else product

    def relinearize(self, ct):
        """The same message under two polynomials, using the relinearisation key."""
        self._check(ct)
        if ct.size == 2:
            return ct
        # TODO: README "Relinearisation" (digits of c2 in base w, least significant first).
        # YOUR CODE HERE
        raise NotImplementedError()

    def noise_budget(self, ct):
        """Bits left before decryption fails: log2(q/2) - log2(max |[t (c0 + c1 s)]_q|) >= 0."""
        self._check(ct)
        # TODO: README "The noise budget".
        # YOUR CODE HERE
        raise NotImplementedError()

    # -- private helpers -------------------------------------------------------------
    def _phase(self, ct):
        """[c0 + c1 s (+ c2 s^2)]_q = [Delta m + e]_q, coefficients in [0, q)."""
        # TODO: README "Encryption and decryption" (Horner's rule handles a third polynomial).
        # YOUR CODE HERE
        raise NotImplementedError()

    def _check(self, *cts):
        if not hasattr(self, "secret_key_"):
            raise NotKeyedError("this BFV scheme has no keys yet; call keygen() first")
        for ct in cts:
            if not isinstance(ct, Ciphertext):
                raise TypeError(f"expected a Ciphertext, got {type(ct).__name__}")
            if ct.params != (self.n, self.q, self.t):
                raise ValueError(f"the ciphertext was made with (n, q, t) = {ct.params}, "
                                 f"this scheme has {(self.n, self.q, self.t)}")


# -- polynomial arithmetic (finished helpers) ----------------------------------------------


def poly_mul(a, b, q=None):
    """The product of a and b in Z[x]/(x^n + 1), exactly (reduced mod q when q is given).

    Kronecker substitution: evaluate both polynomials at x = 2^k, with 2^(k-1) above every
    coefficient of the product, multiply the two (huge) Python integers, and read the
    product's coefficients back as signed k-bit digits. The product, of degree < 2n, is then
    folded with x^n = -1. Inputs: sequences of ints; returns an object ndarray of Python ints.
    """
    a, b = [int(v) for v in a], [int(v) for v in b]
    n = len(a)
    bound = n * max(map(abs, a)) * max(map(abs, b))  # no coefficient of a b is larger
    width = bound.bit_length() // 8 + 1  # bytes per digit, with room for the sign
    c = _unpack(_pack(a, width) * _pack(b, width), width, 2 * n)  # a b, degree < 2n
    out = np.array(c[:n], dtype=object) - np.array(c[n:], dtype=object)  # x^n = -1
    return out if q is None else out % q


def _pack(coeffs, width):
    """sum_i c_i 2^(8 width i) for signed |c_i| < 2^(8 width - 1), via bytes (linear time)."""
    half = 1 << (8 * width - 1)
    data = b"".join((c + half).to_bytes(width, "little") for c in coeffs)
    offset = int.from_bytes(half.to_bytes(width, "little") * len(coeffs), "little")
    return int.from_bytes(data, "little") - offset


def _unpack(value, width, count):
    """The ``count`` signed base-2^(8 width) digits of ``value`` (inverse of _pack)."""
    half = 1 << (8 * width - 1)
    offset = int.from_bytes(half.to_bytes(width, "little") * count, "little")
    data = (value + offset).to_bytes(width * count, "little")
    return [int.from_bytes(data[i:i + width], "little") - half for i in range(0, width * count, width)]


def centre(a, q):
    """Representatives of a mod q in (-q/2, q/2] (object ndarray)."""
    a = np.asarray(a, dtype=object) % q
    return np.where(a > q // 2, a - q, a)


# -- batching: n slots mod t <-> one plaintext polynomial (finished helpers) ----------------


def encode(values, n, t):
    """The plaintext polynomial (object ndarray of shape (n,), coefficients in [0, t)) whose
    values at the n roots psi^(2j+1) of x^n + 1 mod t are ``values`` (padded with zeros)."""
    slots = np.asarray(values)
    if slots.ndim != 1 or slots.size == 0 or slots.dtype.kind not in "iu":
        raise ValueError(f"slots must be a non-empty 1-D sequence of integers, got {slots.dtype} "
                         f"array of shape {slots.shape}")
    if slots.size > n:
        raise ValueError(f"at most n = {n} slots fit in one plaintext, got {slots.size}")
    if slots.min() < 0 or slots.max() >= t:
        raise ValueError(f"slots must lie in [0, t) = [0, {t}), got values in "
                         f"[{slots.min()}, {slots.max()}]")
    m = np.zeros(n, dtype=np.int64)
    m[: slots.size] = slots
    _, inverse = _batching_matrices(n, t)
    return _matvec_mod(inverse, m, t).astype(object)


def decode(m, t):
    """The n slots (int64 array in [0, t)) of a plaintext polynomial with coefficients mod t."""
    m = np.array([int(v) % t for v in m], dtype=np.int64)
    forward, _ = _batching_matrices(len(m), t)
    return _matvec_mod(forward, m, t)


def _matvec_mod(matrix, vector, t):
    # Entries below t < 2^31: each product fits int64, and so does a row sum of n residues.
    return (matrix * vector % t).sum(axis=1) % t


@lru_cache(maxsize=4)
def _batching_matrices(n, t):
    """The negacyclic NTT mod t as a matrix V[j, i] = psi^((2j+1) i), and its inverse."""
    psi = next(p for p in (pow(g, (t - 1) // (2 * n), t) for g in range(2, t)) if pow(p, n, t) == t - 1)
    powers = np.array([pow(psi, k, t) for k in range(2 * n)], dtype=np.int64)  # psi^k, k < 2n
    j, i = np.arange(n)[:, None], np.arange(n)[None, :]
    forward = powers[(2 * j + 1) * i % (2 * n)]  # (n, n)
    # The inverse: m_i = n^-1 sum_j y_j psi^(-(2j+1) i), and psi^-k = psi^(2n-k).
    inverse = powers[-((2 * j.T + 1) * i.T) % (2 * n)] * pow(n, -1, t) % t  # (n, n)
    return forward, inverse


# -- parameters and randomness (finished helpers) -------------------------------------------


def _check_parameters(n, q, t, w):
    """(n, q, t, w) as ints, or a ValueError naming the bad one."""
    for name, value in (("n", n), ("q", q), ("t", t), ("w", w)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
            raise ValueError(f"{name} must be an integer, got {value!r}")
    n, q, t, w = int(n), int(q), int(t), int(w)
    if n < 2 or n & (n - 1):
        raise ValueError(f"n must be a power of two (x^n + 1 is then irreducible), got {n}")
    if not (2 < t < 2**31 and all(t % d for d in range(2, math.isqrt(t) + 1))):
        raise ValueError(f"t must be a prime below 2^31, got {t}")
    if (t - 1) % (2 * n):
        raise ValueError(f"batching needs t = 1 (mod 2n) = 1 (mod {2 * n}), got t = {t}")
    if q <= t * t:
        raise ValueError(f"q must be much larger than t (q > t^2 = {t * t}), got {q}")
    if w < 2:
        raise ValueError(f"the relinearisation base w must be at least 2, got {w}")
    return n, q, t, w


def _n_digits(q, w):
    """The number of base-w digits of numbers below q."""
    ell = 1
    while w**ell < q:
        ell += 1
    return ell


def _generator(random_state):
    seed = secrets.randbits(128) if random_state is None else random_state
    return np.random.default_rng(seed)


def _error(rng, n):
    """Centred binomial noise: mean 0, standard deviation 3.24, |e| <= 21."""
    return rng.binomial(42, 0.5, size=n) - 21


def _uniform(rng, n, q):
    """n coefficients uniform in [0, q) (64 extra random bits make the bias negligible)."""
    size = (q.bit_length() + 7) // 8 + 8
    raw = rng.bytes(n * size)
    return np.array([int.from_bytes(raw[i:i + size], "little") % q for i in range(0, n * size, size)],
                    dtype=object)
