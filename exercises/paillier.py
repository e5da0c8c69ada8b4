# This file is generated from solutions/paillier.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/paillier/README.md first.
"""The Paillier cryptosystem: additively homomorphic public-key encryption.

Keys: two primes p, q of equal size, n = p q, g = n + 1, lambda = lcm(p - 1, q - 1) and
mu = lambda^-1 mod n. Plaintexts live in Z_n, ciphertexts in Z_{n^2}^*::

    encrypt   c = g^m r^n = (1 + m n) r^n  (mod n^2),   r uniform in Z_n^*
    decrypt   m = L(c^lambda mod n^2) mu   (mod n),      L(u) = (u - 1) / n

Multiplying ciphertexts adds plaintexts, and raising a ciphertext to a plaintext power k
multiplies its plaintext by k::

    Enc(a) Enc(b) = Enc(a + b),   Enc(a) (1 + k n) = Enc(a + k),   Enc(a)^k = Enc(k a)  (mod n^2)

Signed integers use the top of Z_n for negatives (|x| <= max_int = n // 3 - 1), and real numbers
are fixed point, x = mantissa * BASE**exponent with BASE = 16: the same conventions as
python-paillier (``phe``), so ciphertexts made here decrypt there and back.

References: P. Paillier, "Public-key cryptosystems based on composite degree residuosity
classes", EUROCRYPT 1999; J. Katz and Y. Lindell, "Introduction to Modern Cryptography"
(3rd ed., the Paillier scheme); python-paillier's ``phe/paillier.py`` and ``phe/encoding.py``.
For learning only: no constant-time arithmetic, no side-channel care.
"""

import fractions
import math
import numbers
import random
import secrets

BASE = 16  # fixed-point base of python-paillier: x = mantissa * BASE**exponent
SMALL_PRIMES = [p for p in range(3, 2000, 2) if all(p % d for d in range(3, math.isqrt(p) + 1, 2))]


def generate_keypair(n_bits=2048, random_state=None):
    """Draw two primes of ``n_bits // 2`` bits each and return ``(public_key, private_key)``.

    Parameters
    ----------
    n_bits : int, default=2048
        The size of n = p q in bits: an even number >= 16 (2048 is today's minimum for real use).
    random_state : None, int or random.Random, default=None
        None draws from the operating system's CSPRNG (``secrets.SystemRandom``); an int seeds
        ``random.Random`` for reproducible keys, for tests and teaching only.

    Returns
    -------
    public_key : PublicKey
    private_key : PrivateKey

    Example
    -------
    >>> public_key, private_key = generate_keypair(256, random_state=0)
    >>> private_key.raw_decrypt(public_key.raw_encrypt(42, random_state=1))
    42
    """
    # TODO: two distinct primes of n_bits // 2 bits (generate_prime sets their top two bits,
    # so n has exactly n_bits bits); see README "Keys".
    # YOUR CODE HERE
    raise NotImplementedError()


class PublicKey:
    """A Paillier public key: encrypts and computes on ciphertexts (plain ints).

    Parameters
    ----------
    n : int
        The modulus p q.

    Attributes
    ----------
    n : int
    g : int
        The generator n + 1: (1 + n)^m = 1 + m n (mod n^2), so g^m costs one multiplication.
    nsquare : int
        n^2, the ciphertext modulus.
    max_int : int
        n // 3 - 1: signed plaintexts lie in [-max_int, max_int]; python-paillier's value.

    Example
    -------
    >>> public_key = PublicKey(17 * 19)
    >>> public_key.g, public_key.nsquare, public_key.max_int
    (324, 104329, 106)
    """

    def __init__(self, n):
        # TODO: store n, g, nsquare and max_int (README "Keys" and "Signed integers").
        # YOUR CODE HERE
        raise NotImplementedError()

    def raw_encrypt(self, m, random_state=None):
        """Enc(m) = (1 + m n) r^n mod n^2 for an int m in [0, n), with a fresh r in Z_n^*.

        ``random_state`` draws r: None uses the operating system's CSPRNG; an int seeds
        ``random.Random`` (reproducible, for tests and teaching only). Raises TypeError for a
        non-int m and ValueError ("out of range") for m outside [0, n).
        """
        # TODO: README "Encryption"; validate m with self._check_plaintext, draw r from
        # _rng(random_state).
        # YOUR CODE HERE
        raise NotImplementedError()

    def raw_add(self, c1, c2):
        """Enc(m1 + m2 mod n) from Enc(m1) and Enc(m2): their product mod n^2."""
        # TODO: README "Homomorphic operations"; validate both with self._check_ciphertext.
        # YOUR CODE HERE
        raise NotImplementedError()

    def raw_add_plain(self, c, k):
        """Enc(m + k mod n) from Enc(m) and a plaintext int k (any sign): c (1 + k n) mod n^2.

        The result is not re-randomised: whoever knows c and k can recompute it.
        """
        # TODO: README "Homomorphic operations"; validate with self._check_ciphertext and _check_int.
        # YOUR CODE HERE
        raise NotImplementedError()

    def raw_multiply(self, c, k):
        """Enc(k m mod n) from Enc(m) and a plaintext int k (any sign): c^k mod n^2.

        A negative k works because c is a unit mod n^2: c^-k = (c^-1)^k.
        """
        # TODO: README "Homomorphic operations"; validate with self._check_ciphertext and _check_int.
        # YOUR CODE HERE
        raise NotImplementedError()

    def encrypt(self, x, precision=None, random_state=None):
        """Encode an int or float (see ``encode``) and encrypt it: an EncryptedNumber."""
        encoding, exponent = encode(self, x, precision)
        return EncryptedNumber(self, self.raw_encrypt(encoding, random_state), exponent)

    def _check_plaintext(self, m):
        _check_int(m, "the plaintext")
        if not 0 <= m < self.n:
            raise ValueError(f"the plaintext must lie in [0, n) = [0, {self.n}), got {m} (out of range)")

    def _check_ciphertext(self, c):
        _check_int(c, "the ciphertext")
        if not 0 < c < self.nsquare:
            raise ValueError(
                f"a ciphertext must lie in (0, n^2) = (0, {self.nsquare}), got {c} (out of range; "
                "is it from another key?)")
        if math.gcd(c, self.n) != 1:
            raise ValueError(f"the ciphertext {c} shares a factor with n: not in Z_(n^2)^* (not coprime)")


class PrivateKey:
    """A Paillier private key built from its two primes.

    Parameters
    ----------
    p, q : int
        Two distinct primes with gcd(p q, (p - 1)(q - 1)) = 1 (true for primes of equal size);
        otherwise ValueError, naming the gcd when that is what fails.

    Attributes
    ----------
    p, q : int
    public_key : PublicKey
        The public key of n = p q.
    lam : int
        lambda = lcm(p - 1, q - 1), Carmichael's function of n: c^lambda kills the r^n part.
    mu : int
        lambda^-1 mod n, undoing the factor lambda that c^lambda puts on m.

    Notes
    -----
    c^lambda = (1 + m n)^lambda r^(n lambda) = 1 + m lambda n (mod n^2), since r^(n lambda) = 1
    in Z_{n^2}^*. So L(c^lambda mod n^2) = m lambda mod n, and multiplying by mu leaves m.

    Example
    -------
    >>> private_key = PrivateKey(17, 19)
    >>> private_key.lam, private_key.mu
    (144, 83)
    """

    def __init__(self, p, q):
        # TODO: validate p and q (README "Keys"), then lam and mu (README "Decryption").
        # YOUR CODE HERE
        raise NotImplementedError()

    def raw_decrypt(self, c):
        """m = L(c^lambda mod n^2) mu mod n, with L(u) = (u - 1) / n (an exact division).

        Raises TypeError for a non-int c and ValueError for c outside Z_{n^2}^*.
        """
        # TODO: README "Decryption"; validate c with self.public_key._check_ciphertext.
        # YOUR CODE HERE
        raise NotImplementedError()

    def decrypt(self, encrypted):
        """Decrypt an EncryptedNumber and decode it: an int (exponent >= 0) or a float.

        Raises ValueError if it was encrypted under another key.
        """
        # TODO: README "Fixed-point numbers"; compare the keys' n.
        # YOUR CODE HERE
        raise NotImplementedError()


def encode(public_key, x, precision=None):
    """Encode an int or float as ``(encoding, exponent)`` with x ~ mantissa * BASE**exponent.

    The exponent is 0 for an int; for a float, the largest one that keeps all 53 bits of
    the float exactly; with ``precision``, floor(log_16(precision)). The mantissa is
    round(x / BASE**exponent), which must satisfy |mantissa| <= max_int (else ValueError,
    "out of range"); a negative mantissa is stored as mantissa + n (encoding = mantissa mod n).
    A precision <= 0, nan or inf raise ValueError; anything but an int or float TypeError.
    These are python-paillier's ``EncodedNumber.encode`` conventions.
    """
    # TODO: README "Fixed-point numbers".
    # YOUR CODE HERE
    raise NotImplementedError()


def decode(public_key, encoding, exponent):
    """The value of ``(encoding, exponent)``: an int if exponent >= 0, else a float.

    encoding <= max_int is positive, encoding >= n - max_int is encoding - n (negative);
    anything between is an overflow (OverflowError).
    """
    # TODO: README "Signed integers".
    # YOUR CODE HERE
    raise NotImplementedError()


class EncryptedNumber:
    """An encrypted int or float: a raw ciphertext and the public exponent of its encoding.

    Parameters
    ----------
    public_key : PublicKey
    ciphertext : int
        Enc(encoding) under public_key, in Z_{n^2}^*.
    exponent : int, default=0
        The value is decode(Dec(ciphertext), exponent); the exponent is not encrypted.

    Attributes
    ----------
    public_key, ciphertext, exponent : the parameters, unchanged.

    Example
    -------
    >>> public_key, private_key = generate_keypair(256, random_state=0)
    >>> a = public_key.encrypt(1.5, random_state=1)
    >>> private_key.decrypt(a.add(2).multiply(-3))
    -10.5
    """

    def __init__(self, public_key, ciphertext, exponent=0):
        public_key._check_ciphertext(ciphertext)
        self.public_key = public_key
        self.ciphertext = ciphertext
        self.exponent = exponent

    def decrease_exponent_to(self, new_exponent):
        """The same value with a lower exponent: the mantissa times BASE**(exponent - new_exponent)."""
        # TODO: README "Fixed-point numbers"; raising the exponent is impossible (ValueError).
        # YOUR CODE HERE
        raise NotImplementedError()

    def add(self, other):
        """Enc(a + b) from self = Enc(a) and an EncryptedNumber, int or float ``other``.

        The exponents are aligned first (both go down to the smaller one). Raises ValueError
        if ``other`` was encrypted under another key.
        """
        # TODO: README "Fixed-point numbers" (aligning exponents).
        # YOUR CODE HERE
        raise NotImplementedError()

    def multiply(self, scalar):
        """Enc(a * scalar) from self = Enc(a) and a plaintext int or float: exponents add."""
        # TODO: README "Fixed-point numbers" (multiplying adds exponents).
        # YOUR CODE HERE
        raise NotImplementedError()


def weighted_sum(encrypted, weights, bias=0):
    """Enc(sum_i w_i x_i + b) from Enc(x_i) and plaintext weights w and bias b.

    The server side of an encrypted linear model: it never sees x, only ciphertexts, and
    returns one ciphertext that only the client can decrypt.
    """
    # TODO: README "An encrypted linear model".
    # YOUR CODE HERE
    raise NotImplementedError()


# -- Helpers, given finished (prime generation is the multiplicative_he lesson) -------------------
def is_probable_prime(n, rounds=10, rng=None):
    """Miller-Rabin with ``rounds`` random bases: a composite passes with probability < 4^-rounds,
    and far less (< 2^-80) for a random candidate of 512 bits or more (Damgard, Landrock and
    Pomerance, 1993), which is what generate_prime draws."""
    if not isinstance(n, int) or n < 2:
        return False
    for p in [2, *SMALL_PRIMES]:
        if n % p == 0:
            return n == p
    rng = rng or secrets.SystemRandom()
    d, s = n - 1, 0
    while d % 2 == 0:  # n - 1 = d 2^s with d odd
        d, s = d // 2, s + 1
    for _ in range(rounds):
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False  # a witness: n is composite
    return True


def generate_prime(bits, rng):
    """A random prime of exactly ``bits`` bits whose top two bits are set (so p q has 2 bits bits)."""
    while True:
        candidate = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if is_probable_prime(candidate, rng=rng):
            return candidate


def _rng(random_state):
    """None: the OS's CSPRNG; an int: a seeded random.Random (tests only); a Random: itself."""
    if random_state is None:
        return secrets.SystemRandom()
    if isinstance(random_state, random.Random):
        return random_state
    if isinstance(random_state, int):
        return random.Random(random_state)
    raise TypeError(f"random_state must be None, an int or a random.Random, got {random_state!r}")


def _check_int(value, what):
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{what} must be an int, got {type(value).__name__}")
