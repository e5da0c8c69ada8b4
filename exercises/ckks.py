# This file is generated from solutions/ckks.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/ckks/README.md first.
"""The CKKS scheme: approximate homomorphic arithmetic on vectors of real (or complex) numbers.

CKKS (Cheon, Kim, Kim, Song 2017) packs a vector z of n/2 complex numbers into one polynomial of
R = Z[x]/(x^n + 1), encrypts it with ring-LWE, and lets anyone holding the public keys add,
multiply and rotate the encrypted vectors slot by slot. Decryption gives the result up to a small
error: CKKS treats the encryption noise like the rounding error of floating-point arithmetic.

    encode    m = round(Delta * sigma^-1(z)),   sigma(m) = (m(zeta^(5^j)))_j,  zeta = exp(i pi / n)
    encrypt   (c0, c1) = (v b + e0 + m, v a + e1) mod q_L,    public key (b, a) = (-a s + e, a)
    decrypt   c0 + c1 s = m + noise (mod q_l);                 decode z = sigma(m) / scale
    multiply  (d0, d1, d2) = (a0 b0, a0 b1 + a1 b0, a1 b1); key switching turns d2 s^2 into k0 + k1 s
    rescale   c -> round(c / p_l) mod q_(l-1),  scale -> scale / p_l  (q_l = q_0 p_1 ... p_l)
    rotate    c(x) -> c(x^(5^k)) moves slot j + k to slot j; key switching from s(x^(5^k)) back to s

The coefficients live modulo q_l > 2^100, far beyond int64, so polynomials are numpy object
arrays of Python ints and every product goes through the exact ``poly_mul`` helper.

References: J. H. Cheon, A. Kim, M. Kim, Y. Song, "Homomorphic encryption for arithmetic of
approximate numbers", ASIACRYPT 2017; J. H. Cheon, K. Han, A. Kim, M. Kim, Y. Song, "A full RNS
variant of approximate homomorphic encryption", SAC 2018; Microsoft SEAL's CKKS examples.
"""

import itertools
import math
import operator
import secrets

import numpy as np


# --- finished helpers: exact arithmetic in Z_q[x]/(x^n + 1) (you wrote these in ring_lwe) -----------
def poly_mul(a, b, q):
    """The product of two polynomials in Z_q[x]/(x^n + 1), exact for coefficients of any size.

    Kronecker substitution with byte digits: each coefficient (reduced to [0, q)) is cut into
    its w bytes, so a polynomial becomes an (n, w) array of digits < 256. The product of two
    polynomials is the 2-D convolution of their digit arrays, computed with a floating-point
    FFT; every entry is a sum of at most n*w products < 2^16, so below 2^40 and exactly
    representable, and rounding recovers it (checked). x^n = -1 folds the upper half back with a
    minus sign, and carrying the digits puts each coefficient together again.
    """
    a = np.asarray(a, dtype=object) % q
    b = np.asarray(b, dtype=object) % q
    n, w = len(a), (q.bit_length() + 7) // 8
    digits_a = np.frombuffer(b"".join(int(x).to_bytes(w, "little") for x in a), np.uint8).reshape(n, w)
    digits_b = np.frombuffer(b"".join(int(x).to_bytes(w, "little") for x in b), np.uint8).reshape(n, w)
    shape = (2 * n, 2 * w)  # room for the full product: no wrap-around in either direction
    conv = np.fft.irfft2(np.fft.rfft2(digits_a, shape) * np.fft.rfft2(digits_b, shape), shape)
    exact = np.rint(conv)
    if np.abs(conv - exact).max() > 0.1:  # cannot happen below 2^40; refuse rather than be wrong
        raise ArithmeticError("poly_mul: the floating-point convolution lost precision")
    digits = exact.astype(np.int64)
    digits = digits[:n] - digits[n:]  # (n, 2w): x^(n + i) = -x^i
    for j in range(2 * w - 1):  # carry, so that every digit but the last lies in [0, 256)
        digits[:, j + 1] += digits[:, j] >> 8
        digits[:, j] &= 255
    low = digits[:, :-1].astype(np.uint8).tobytes()
    k = 2 * w - 1
    value = np.array([int.from_bytes(low[i * k:(i + 1) * k], "little") for i in range(n)], dtype=object)
    return (value + digits[:, -1].astype(object) * (1 << (8 * k))) % q


def uniform_poly(rng, q, n):
    """n coefficients uniform in [0, q): 64 extra random bits make the modulo bias negligible."""
    w = (q.bit_length() + 64 + 7) // 8
    raw = rng.bytes(n * w)
    return np.array([int.from_bytes(raw[i * w:(i + 1) * w], "little") % q for i in range(n)], dtype=object)


def ternary_poly(rng, n):
    """n coefficients uniform in {-1, 0, 1} (secret keys and the encryption randomness v)."""
    return rng.integers(-1, 2, size=n).astype(object)


def gaussian_poly(rng, n, sigma):
    """n coefficients from the rounded normal distribution chi with standard deviation sigma."""
    return np.rint(rng.normal(0.0, sigma, size=n)).astype(np.int64).astype(object)


def is_prime(p):
    """Miller-Rabin with the first 13 primes as bases: deterministic for p < 3.3e24 (~2^81)."""
    bases = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)
    if p < 2 or any(p % a == 0 for a in bases):
        return p in bases
    d, r = p - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for a in bases:
        x = pow(a, d, p)
        for _ in range(r):
            if x in (1, p - 1):
                break
            x = x * x % p
        else:
            return False
    return True


def find_primes(bits, count, n):
    """The `count` largest primes below 2**bits with p = 1 (mod 2n), like SEAL's moduli."""
    primes, p = [], (1 << bits) - (1 << bits) % (2 * n) + 1
    while len(primes) < count:
        p -= 2 * n
        if is_prime(p):
            primes.append(p)
    return primes


class Plaintext:
    """An encoded vector: integer coefficients ``m`` (object array of length n) at a ``scale``."""

    def __init__(self, m, scale):
        self.m = np.array([int(c) for c in m], dtype=object)
        self.scale = float(scale)

    @property
    def coeffs(self):
        """m as a list of Python ints (object arrays do not cross to the grader)."""
        return self.m.tolist()


class Ciphertext:
    """A CKKS ciphertext: c0 + c1*s = m + noise (mod q_level), where m encodes the values at ``scale``."""

    def __init__(self, c0, c1, level, scale):
        self.c0, self.c1 = c0, c1  # object arrays of Python ints in [0, q_level)
        self.level = level
        self.scale = float(scale)

    @property
    def coeffs(self):
        """(c0, c1) as two lists of Python ints."""
        return self.c0.tolist(), self.c1.tolist()


# --- the scheme -------------------------------------------------------------------------------------
def automorphism(a, g):
    """a(x^g) in Z[x]/(x^n + 1) for odd g: x^i goes to x^(i g mod 2n), and x^(n + j) = -x^j."""
    # TODO: README 'Rotations'.
    # YOUR CODE HERE
    raise NotImplementedError()


class CKKS:
    """A CKKS instance: parameters, moduli chain and keys (for learning, not for protecting data).

    Parameters
    ----------
    n : int, default=1024
        Ring degree, a power of two: R = Z[x]/(x^n + 1) and n/2 slots.
    scale_bits : int, default=40
        The scale Delta = 2**scale_bits (at least 20); the rescaling primes p_1..p_L have this
        many bits.
    depth : int, default=2
        L, the number of rescalings (multiplications) a fresh ciphertext allows.
    first_bits : int, default=60
        Bits of q_0 (more than scale_bits, at most 80: ``is_prime`` is exact below 2^81), the
        modulus left after the last rescaling; results must stay below
        2**(first_bits - scale_bits - 1) in absolute value.
    sigma : float, default=3.2
        Standard deviation of the error distribution chi.
    rotations : iterable of int or None, default=None
        The left rotations (in slots) that get a rotation key; None means every power of two
        below n/2, enough for ``sum_slots``.
    random_state : int or None, default=None
        None draws keys and encryption randomness from the operating system's CSPRNG; an int
        seeds ``np.random.default_rng`` for reproducible keys and ciphertexts (tests and teaching only).

    Attributes
    ----------
    slots : int
        n // 2, the length of the vectors.
    scale : float
        Delta, the default scale of ``encode``.
    primes : list of int
        [q_0, p_1, ..., p_L].
    moduli : list of int
        [q_0, q_1, ..., q_L] with q_l = q_0 p_1 ... p_l; a ciphertext at level l lives modulo q_l.
    special_modulus : int
        P = q_L, the extra modulus of the switching keys (keys live modulo P q_L).
    secret_key : ndarray of shape (n,)
        s, coefficients in {-1, 0, 1}.
    public_key, relin_key : tuple of two object arrays
        (b, a) with b = -a s + e (mod q_L), and b = -a s + e + P s^2 (mod P q_L).
    rotation_keys : dict
        {k: (b, a)} with b = -a s + e + P s(x^(5^k)) (mod P q_L).

    Notes
    -----
    Slot j holds m(zeta^(5^j)), zeta = exp(i pi / n), a primitive 2n-th root of unity: these n/2
    roots and their conjugates are the n roots of x^n + 1, so (with real coefficients) the map
    sigma is an isomorphism R[x]/(x^n + 1) -> C^(n/2) that turns polynomial products into slot-wise
    products, and x -> x^5 into a rotation by one slot.

    Examples
    --------
    >>> ckks = CKKS(random_state=0)
    >>> x = ckks.encrypt(ckks.encode([1.5, 2.0]))
    >>> y = ckks.rescale(ckks.multiply(x, x))
    >>> np.round(ckks.decode(ckks.decrypt(y))[:2].real, 6)
    array([2.25, 4.  ])
    """

    def __init__(self, n=1024, scale_bits=40, depth=2, first_bits=60, sigma=3.2, rotations=None,
                 random_state=None):
        # TODO: README 'Parameters and the moduli chain', 'Encoding' (the matrix V), 'Encryption and
        # decryption' and 'Key switching' (the keys).
        # YOUR CODE HERE
        raise NotImplementedError()

    # -- encoding -----------------------------------------------------------------------------------
    def encode(self, z, scale=None):
        """The plaintext round(scale * sigma^-1(z)); z holds at most n/2 values (zeros fill the
        rest; a scalar fills every slot). Raises ValueError on more values than slots, NaN or inf."""
        # TODO: README 'Encoding': scale first, then round.
        # YOUR CODE HERE
        raise NotImplementedError()

    def decode(self, pt):
        """The n/2 complex slot values sigma(m) / scale of a plaintext."""
        # TODO: README 'Encoding'.
        # YOUR CODE HERE
        raise NotImplementedError()

    # -- encryption ---------------------------------------------------------------------------------
    def encrypt(self, pt):
        """A fresh ciphertext of the plaintext, at the top level L (draws v, e0, e1)."""
        # TODO: README 'Encryption and decryption'.
        # YOUR CODE HERE
        raise NotImplementedError()

    def decrypt(self, ct):
        """The plaintext c0 + c1 s mod q_level, centred in (-q/2, q/2], at the ciphertext's scale."""
        # TODO: README 'Encryption and decryption'.
        # YOUR CODE HERE
        raise NotImplementedError()

    # -- homomorphic operations ---------------------------------------------------------------------
    def add(self, x, y):
        """Slot-wise x + y; both at the same level and scale (else ValueError)."""
        # TODO: README 'Addition and multiplication'.
        # YOUR CODE HERE
        raise NotImplementedError()

    def add_plain(self, ct, pt):
        """Slot-wise ct + pt; the plaintext must have the ciphertext's scale (else ValueError)."""
        # TODO: README 'Addition and multiplication'.
        # YOUR CODE HERE
        raise NotImplementedError()

    def multiply(self, x, y):
        """Slot-wise x * y (tensor product, then relinearisation); the scales multiply.
        Raises ValueError at level 0, where no rescaling is left."""
        # TODO: README 'Addition and multiplication' and 'Key switching'.
        # YOUR CODE HERE
        raise NotImplementedError()

    def multiply_plain(self, ct, pt):
        """Slot-wise ct * pt; the scales multiply. Raises ValueError at level 0."""
        # TODO: README 'Addition and multiplication'.
        # YOUR CODE HERE
        raise NotImplementedError()

    def rescale(self, ct):
        """Divide by p_l and drop to level l - 1: the scale goes from Delta^2 back to about Delta."""
        # TODO: README 'Rescaling'.
        # YOUR CODE HERE
        raise NotImplementedError()

    def rotate(self, ct, k):
        """Rotate the slots k places to the left (slot j receives slot j + k); needs a rotation key."""
        # TODO: README 'Rotations'.
        # YOUR CODE HERE
        raise NotImplementedError()

    def sum_slots(self, ct, width=None):
        """Rotate-and-add: slot i then holds z_i + ... + z_(i + width - 1) (width a power of two,
        default n/2: every slot holds the total). Slot b*width holds the sum of block b."""
        # TODO: README 'Rotations'.
        # YOUR CODE HERE
        raise NotImplementedError()

    # -- key switching ------------------------------------------------------------------------------
    def _switching_key(self, target):
        """(b, a) mod P q_L with b = -a s + e + P * target: an encryption of P * target under s."""
        # TODO: README 'Key switching'.
        # YOUR CODE HERE
        raise NotImplementedError()

    def _key_switch(self, d, key, level):
        """(k0, k1) with k0 + k1 s = d * target + small (mod q_level), for a key made from target."""
        # TODO: README 'Key switching'.
        # YOUR CODE HERE
        raise NotImplementedError()
