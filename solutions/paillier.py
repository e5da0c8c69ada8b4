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
    ### BEGIN SOLUTION
    if not isinstance(n_bits, int) or n_bits < 16 or n_bits % 2:
        raise ValueError(f"n_bits must be an even integer >= 16, got {n_bits!r}")
    rng = _rng(random_state)
    p = generate_prime(n_bits // 2, rng)
    q = generate_prime(n_bits // 2, rng)
    while q == p:
        q = generate_prime(n_bits // 2, rng)
    private_key = PrivateKey(p, q)
    return private_key.public_key, private_key
    ### END SOLUTION


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
        ### BEGIN SOLUTION
        self.n = n
        self.g = n + 1
        self.nsquare = n * n
        self.max_int = n // 3 - 1
        ### END SOLUTION

    def raw_encrypt(self, m, random_state=None):
        """Enc(m) = (1 + m n) r^n mod n^2 for an int m in [0, n), with a fresh r in Z_n^*.

        ``random_state`` draws r: None uses the operating system's CSPRNG; an int seeds
        ``random.Random`` (reproducible, for tests and teaching only). Raises TypeError for a
        non-int m and ValueError ("out of range") for m outside [0, n).
        """
        # TODO: README "Encryption"; validate m with self._check_plaintext, draw r from
        # _rng(random_state).
        ### BEGIN SOLUTION
        self._check_plaintext(m)
        rng = _rng(random_state)
        # r must be a unit mod n, else c is not in Z_{n^2}^* and decryption fails.
        r = rng.randrange(1, self.n)
        while math.gcd(r, self.n) != 1:
            r = rng.randrange(1, self.n)
        # g^m = (1 + n)^m = 1 + m n (mod n^2); r^n hides m (it is a random n-th residue).
        return (1 + m * self.n) * pow(r, self.n, self.nsquare) % self.nsquare
        ### END SOLUTION

    def raw_add(self, c1, c2):
        """Enc(m1 + m2 mod n) from Enc(m1) and Enc(m2): their product mod n^2."""
        # TODO: README "Homomorphic operations"; validate both with self._check_ciphertext.
        ### BEGIN SOLUTION
        self._check_ciphertext(c1)
        self._check_ciphertext(c2)
        return c1 * c2 % self.nsquare
        ### END SOLUTION

    def raw_add_plain(self, c, k):
        """Enc(m + k mod n) from Enc(m) and a plaintext int k (any sign): c (1 + k n) mod n^2.

        The result is not re-randomised: whoever knows c and k can recompute it.
        """
        # TODO: README "Homomorphic operations"; validate with self._check_ciphertext and _check_int.
        ### BEGIN SOLUTION
        self._check_ciphertext(c)
        _check_int(k, "k")
        # (1 + k n) is Enc(k) with r = 1; k mod n keeps the factor below n^2.
        return c * (1 + k % self.n * self.n) % self.nsquare
        ### END SOLUTION

    def raw_multiply(self, c, k):
        """Enc(k m mod n) from Enc(m) and a plaintext int k (any sign): c^k mod n^2.

        A negative k works because c is a unit mod n^2: c^-k = (c^-1)^k.
        """
        # TODO: README "Homomorphic operations"; validate with self._check_ciphertext and _check_int.
        ### BEGIN SOLUTION
        self._check_ciphertext(c)
        _check_int(k, "k")
        return pow(c, k, self.nsquare)
        ### END SOLUTION

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
        ### BEGIN SOLUTION
        if p == q or not (is_probable_prime(p) and is_probable_prime(q)):
            raise ValueError(f"p and q must be two distinct primes, got p={p}, q={q}")
        if math.gcd(p * q, (p - 1) * (q - 1)) != 1:
            raise ValueError(f"gcd(pq, (p-1)(q-1)) must be 1, got p={p}, q={q}; use primes of equal size")
        self.p, self.q = p, q
        self.public_key = PublicKey(p * q)
        self.lam = math.lcm(p - 1, q - 1)
        self.mu = pow(self.lam, -1, p * q)
        ### END SOLUTION

    def raw_decrypt(self, c):
        """m = L(c^lambda mod n^2) mu mod n, with L(u) = (u - 1) / n (an exact division).

        Raises TypeError for a non-int c and ValueError for c outside Z_{n^2}^*.
        """
        # TODO: README "Decryption"; validate c with self.public_key._check_ciphertext.
        ### BEGIN SOLUTION
        n = self.public_key.n
        self.public_key._check_ciphertext(c)
        u = pow(c, self.lam, self.public_key.nsquare)
        # u = 1 + (m lambda mod n) n: (u - 1) is a multiple of n, so // is exact.
        return (u - 1) // n * self.mu % n
        ### END SOLUTION

    def decrypt(self, encrypted):
        """Decrypt an EncryptedNumber and decode it: an int (exponent >= 0) or a float.

        Raises ValueError if it was encrypted under another key.
        """
        # TODO: README "Fixed-point numbers"; compare the keys' n.
        ### BEGIN SOLUTION
        if encrypted.public_key.n != self.public_key.n:
            raise ValueError("this EncryptedNumber was encrypted under another key (its n differs)")
        return decode(self.public_key, self.raw_decrypt(encrypted.ciphertext), encrypted.exponent)
        ### END SOLUTION


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
    ### BEGIN SOLUTION
    if isinstance(x, numbers.Integral):
        x, exponent = int(x), 0
    elif isinstance(x, numbers.Real):
        x = float(x)
        if not math.isfinite(x):
            raise ValueError(f"cannot encode {x}: not a finite number")
        # The float's last bit is worth 2^(e - 53); 4 = log2(BASE) bits per base-16 digit.
        exponent = (math.frexp(x)[1] - 53) // 4
    else:
        raise TypeError(f"can only encode an int or a float, got {type(x).__name__}")
    if precision is not None:
        if not precision > 0:
            raise ValueError(f"precision must be positive, got {precision}")
        exponent = math.floor(math.log(precision, BASE))
    # Fractions keep huge or tiny values exact until the one rounding.
    mantissa = round(fractions.Fraction(x) * fractions.Fraction(BASE) ** -exponent)
    if abs(mantissa) > public_key.max_int:
        raise ValueError(f"|mantissa| = {abs(mantissa)} > max_int = {public_key.max_int} (out of range)")
    return mantissa % public_key.n, exponent
    ### END SOLUTION


def decode(public_key, encoding, exponent):
    """The value of ``(encoding, exponent)``: an int if exponent >= 0, else a float.

    encoding <= max_int is positive, encoding >= n - max_int is encoding - n (negative);
    anything between is an overflow (OverflowError).
    """
    # TODO: README "Signed integers".
    ### BEGIN SOLUTION
    n, max_int = public_key.n, public_key.max_int
    if not 0 <= encoding < n:
        raise ValueError(f"an encoding must lie in [0, n), got {encoding} (out of range)")
    if encoding <= max_int:
        mantissa = encoding
    elif encoding >= n - max_int:
        mantissa = encoding - n
    else:
        raise OverflowError(f"overflow: {encoding} lies between max_int and n - max_int")
    if exponent >= 0:
        return mantissa * BASE**exponent
    return mantissa / BASE**-exponent  # int / int: one correctly rounded division
    ### END SOLUTION


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
        ### BEGIN SOLUTION
        if new_exponent > self.exponent:
            raise ValueError(f"cannot raise the exponent from {self.exponent} to {new_exponent}")
        factor = BASE ** (self.exponent - new_exponent)
        return EncryptedNumber(self.public_key, self.public_key.raw_multiply(self.ciphertext, factor),
                               new_exponent)
        ### END SOLUTION

    def add(self, other):
        """Enc(a + b) from self = Enc(a) and an EncryptedNumber, int or float ``other``.

        The exponents are aligned first (both go down to the smaller one). Raises ValueError
        if ``other`` was encrypted under another key.
        """
        # TODO: README "Fixed-point numbers" (aligning exponents).
        ### BEGIN SOLUTION
        public_key = self.public_key
        if isinstance(other, EncryptedNumber):
            if other.public_key.n != public_key.n:
                raise ValueError("cannot add numbers encrypted under different keys (their n differ)")
            exponent = min(self.exponent, other.exponent)
            a, b = self.decrease_exponent_to(exponent), other.decrease_exponent_to(exponent)
            return EncryptedNumber(public_key, public_key.raw_add(a.ciphertext, b.ciphertext), exponent)
        encoding, k_exponent = encode(public_key, other)
        exponent = min(self.exponent, k_exponent)
        a = self.decrease_exponent_to(exponent)
        k = encoding * BASE ** (k_exponent - exponent)  # the plaintext at the common exponent
        return EncryptedNumber(public_key, public_key.raw_add_plain(a.ciphertext, k), exponent)
        ### END SOLUTION

    def multiply(self, scalar):
        """Enc(a * scalar) from self = Enc(a) and a plaintext int or float: exponents add."""
        # TODO: README "Fixed-point numbers" (multiplying adds exponents).
        ### BEGIN SOLUTION
        encoding, exponent = encode(self.public_key, scalar)
        return EncryptedNumber(self.public_key, self.public_key.raw_multiply(self.ciphertext, encoding),
                               self.exponent + exponent)
        ### END SOLUTION


def weighted_sum(encrypted, weights, bias=0):
    """Enc(sum_i w_i x_i + b) from Enc(x_i) and plaintext weights w and bias b.

    The server side of an encrypted linear model: it never sees x, only ciphertexts, and
    returns one ciphertext that only the client can decrypt.
    """
    # TODO: README "An encrypted linear model".
    ### BEGIN SOLUTION
    if len(encrypted) != len(weights) or len(encrypted) == 0:
        raise ValueError(f"need one weight per ciphertext (and at least one), got {len(weights)} weights "
                         f"for {len(encrypted)} ciphertexts")
    total = encrypted[0].multiply(weights[0])
    for x, w in zip(encrypted[1:], weights[1:], strict=True):
        total = total.add(x.multiply(w))
    return total.add(bias)
    ### END SOLUTION


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
