# This file is generated from solutions/multiplicative_he.py by `grader stubs`.
# Fill in every `raise NotImplementedError()`; read lessons/multiplicative_he/README.md first.
"""Multiplicative homomorphism: textbook RSA and ElGamal, with Miller-Rabin primes.

Both schemes let anyone holding only the public key multiply plaintexts they cannot read:

    RSA       Enc(m) = m^e mod n           Enc(m1) * Enc(m2) = (m1 m2)^e = Enc(m1 m2 mod n)
    ElGamal   Enc(m) = (g^y, m h^y) mod p  (g^y1, m1 h^y1) * (g^y2, m2 h^y2) = (g^(y1+y2), m1 m2 h^(y1+y2))

RSA needs two large random primes p, q: Miller-Rabin tests a candidate by writing
n - 1 = 2^s d (d odd) and checking that a^d = 1 or that -1 appears among a^d, a^(2d), ...,
a^(2^(s-1) d) mod n, which must happen when n is prime; a composite passes for at most a
quarter of the bases a. The keys: n = p q, lambda = lcm(p - 1, q - 1), d = e^-1 mod lambda,
and decryption m = c^d mod n (here by the Chinese remainder theorem, mod p and mod q).

ElGamal works in the subgroup of quadratic residues of a safe prime p = 2q + 1 (RFC 3526's
2048-bit group), whose order q is prime. The private key is x, the public key h = g^x;
each encryption draws a fresh y, and decryption divides c2 by s = c1^x = h^y. A message m
in [1, q] enters the group as whichever of m and p - m is a square (exactly one is).

Textbook RSA is deterministic, so equal messages give equal ciphertexts; ElGamal is
randomised. Both are malleable, which is exactly the homomorphism. No padding, no
constant-time arithmetic: for learning, not for protecting data.

References: R. Rivest, A. Shamir, L. Adleman, "A method for obtaining digital signatures
and public-key cryptosystems", CACM 21 (1978); T. ElGamal, "A public key cryptosystem and
a signature scheme based on discrete logarithms", IEEE Trans. Inf. Theory 31 (1985);
M. O. Rabin, "Probabilistic algorithm for testing primality", J. Number Theory 12 (1980);
A. Menezes, P. van Oorschot, S. Vanstone, Handbook of Applied Cryptography (1996), ch. 4, 8;
RFC 8017 (PKCS #1 v2.2) and RFC 3526 (MODP groups).
"""

import math
import operator
import random
import secrets

# The primes below 1000, for trial division before Miller-Rabin.
SMALL_PRIMES = tuple(k for k in range(2, 1000) if all(k % j for j in range(2, math.isqrt(k) + 1)))

# RFC 3526, group 14: the 2048-bit safe prime p = 2^2048 - 2^1984 - 1 + 2^64 (floor(2^1918 pi) + 124476).
GROUP_P = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16)
GROUP_Q = (GROUP_P - 1) // 2  # prime: the order of the subgroup of quadratic residues
GROUP_G = 2  # a quadratic residue because p = 7 mod 8, so it generates that subgroup


# ----------------------------------------------------------------------------- primes


def is_strong_probable_prime(n, a):
    """One round of Miller-Rabin: does the odd number ``n`` pass the strong test to base ``a``?

    Parameters
    ----------
    n : int
        An odd integer >= 3.
    a : int
        The base, 1 <= a < n.

    Returns
    -------
    bool
        True if n is prime or ``a`` is a strong liar for the composite n; False if ``a``
        is a witness: a proof that n is composite.

    Notes
    -----
    Write n - 1 = 2^s d with d odd. If n is prime, the sequence
    a^d, a^(2d), ..., a^(2^s d) = a^(n-1) mod n ends in 1 (Fermat), and since the only square
    roots of 1 modulo a prime are 1 and -1, either a^d = 1 or -1 appears among the first s
    terms. A composite n passes for at most a quarter of the bases; a Carmichael number,
    which fools Fermat's test a^(n-1) = 1 for every base coprime to it, is no exception.

    Raises ``ValueError`` when n is even or below 3, or a is outside [1, n).

    Example
    -------
    >>> is_strong_probable_prime(2047, 2), is_strong_probable_prime(2047, 3)  # 2047 = 23 * 89
    (True, False)
    """
    # TODO: check n and a with _integer (README: 'Input checks'), then one round of README
    # 'Miller-Rabin': check x == n - 1 before the loop and after each of the s - 1 squarings.
    # YOUR CODE HERE
    raise NotImplementedError()


def is_probable_prime(n, rounds=40, random_state=None):
    """Miller-Rabin with random bases, after trial division by the primes below 1000.

    Parameters
    ----------
    n : int
        Any integer (negative numbers, 0 and 1 are not prime).
    rounds : int, default=40
        The number of random bases; a composite survives with probability at most 4^-rounds.
    random_state : None, int or random.Random, default=None
        Where the bases come from. None: the operating system's CSPRNG
        (``secrets.SystemRandom``); an int: a reproducible ``random.Random(seed)``, for tests
        and teaching only; a ``random.Random``: used as is.

    Returns
    -------
    bool
        False means n is certainly composite; True means n is prime, or a composite that
        survived ``rounds`` random bases.

    Example
    -------
    >>> is_probable_prime(2**127 - 1, random_state=0), is_probable_prime(561, random_state=0)
    (True, False)
    """
    # TODO: README 'Miller-Rabin'. Trial division must not call a small prime composite;
    # the bases come from _random(random_state).
    # YOUR CODE HERE
    raise NotImplementedError()


def generate_prime(bits, random_state=None):
    """A random prime of exactly ``bits`` bits whose two top bits are set.

    With the two top bits set, p >= 3 * 2^(bits - 2), so the product of two such primes is
    at least 9 * 2^(2 bits - 4) > 2^(2 bits - 1): it has exactly 2 * bits bits.

    Parameters
    ----------
    bits : int
        The size of the prime, >= 2.
    random_state : None, int or random.Random, default=None
        As in ``is_probable_prime``; the same stream draws the candidates and the bases.

    Example
    -------
    >>> p = generate_prime(64, random_state=0)
    >>> p.bit_length(), p >> 62, is_probable_prime(p, random_state=1)
    (64, 3, True)
    """
    # TODO: README 'Generating primes': set the two top bits and the lowest bit of each candidate.
    # YOUR CODE HERE
    raise NotImplementedError()


# -------------------------------------------------------------------------------- RSA


class RSAPublicKey:
    """A textbook RSA public key: encrypt, and multiply ciphertexts.

    Parameters
    ----------
    n : int
        The modulus p * q.
    e : int
        The public exponent.

    Notes
    -----
    Enc(m) = m^e mod n is a deterministic function of m, so
    Enc(m1) Enc(m2) = (m1 m2)^e = Enc(m1 m2 mod n) mod n.

    Example
    -------
    >>> pk = RSAPublicKey(n=3233, e=17)  # p = 61, q = 53
    >>> pk.encrypt(65), pk.multiply(pk.encrypt(2), pk.encrypt(3)) == pk.encrypt(6)
    (2790, True)
    """

    def __init__(self, n, e):
        self.n = n
        self.e = e

    def encrypt(self, m):
        """c = m^e mod n for an integer message 0 <= m < n (``ValueError`` otherwise)."""
        # TODO: README 'Textbook RSA'; refuse m outside [0, n) (README: 'Input checks').
        # YOUR CODE HERE
        raise NotImplementedError()

    def multiply(self, c1, c2):
        """The ciphertext of m1 * m2 mod n: c1 * c2 mod n, for ciphertexts in [0, n)."""
        # TODO: README 'The homomorphism'.
        # YOUR CODE HERE
        raise NotImplementedError()


class RSAPrivateKey:
    """A textbook RSA private key built from two distinct primes.

    Parameters
    ----------
    p, q : int
        Distinct primes >= 3 (checked with ``is_probable_prime``).
    e : int, default=65537
        The public exponent; it must be coprime to lambda(n) = lcm(p - 1, q - 1).

    Attributes
    ----------
    p, q, e : int
        As given.
    n : int
        The modulus p * q.
    d : int
        The private exponent e^-1 mod lambda(n).
    dp, dq, q_inv : int
        The CRT parameters d mod (p - 1), d mod (q - 1) and q^-1 mod p (PKCS #1's dP, dQ,
        qInv).
    public_key : RSAPublicKey
        (n, e).

    Notes
    -----
    e d = 1 mod lambda(n) gives m^(e d) = m mod p and mod q, hence mod n, for every m in
    [0, n). d = e^-1 mod phi(n) = (p - 1)(q - 1) works as well (lambda divides phi).
    Decryption computes m mod p and mod q with the small exponents dp, dq and recombines
    them (Garner): m = m_q + q ((m_p - m_q) q_inv mod p), about 3-4 times faster than c^d mod n.

    Raises ``ValueError`` when p == q, when p or q is not prime, or when e is not coprime
    to lambda(n).

    Example
    -------
    >>> key = RSAPrivateKey(61, 53, e=17)
    >>> key.n, key.d, key.decrypt(2790)
    (3233, 413, 65)
    """

    def __init__(self, p, q, e=65537):
        # TODO: validate p, q, e (README: 'Input checks'), then d and the CRT values
        # (README: 'Textbook RSA' and 'Decrypting with the CRT').
        # YOUR CODE HERE
        raise NotImplementedError()

    @property
    def public_key(self):
        return RSAPublicKey(self.n, self.e)

    def decrypt(self, c):
        """m = c^d mod n, computed mod p and mod q (CRT), for a ciphertext 0 <= c < n."""
        # TODO: README 'Decrypting with the CRT'.
        # YOUR CODE HERE
        raise NotImplementedError()


def generate_rsa_key(bits=2048, e=65537, random_state=None):
    """A textbook RSA key whose modulus n has exactly ``bits`` bits.

    Parameters
    ----------
    bits : int, default=2048
        The size of n, >= 16; p has bits // 2 bits and q the rest.
    e : int, default=65537
        The public exponent, odd and >= 3. Primes p with gcd(e, p - 1) > 1 are redrawn.
    random_state : None, int or random.Random, default=None
        As in ``is_probable_prime``: None for real keys; an int for reproducible keys in
        tests and teaching only.

    Returns
    -------
    RSAPrivateKey

    Example
    -------
    >>> key = generate_rsa_key(512, random_state=0)
    >>> key.n.bit_length(), key.decrypt(key.public_key.encrypt(42))
    (512, 42)
    """
    # TODO: README 'Textbook RSA': redraw when p == q or gcd(e, (p - 1)(q - 1)) > 1.
    # YOUR CODE HERE
    raise NotImplementedError()


def rsa_dictionary_attack(public_key, c, candidates):
    """Recover the message of a textbook RSA ciphertext when it is one of a few candidates.

    Encryption needs only the public key and is deterministic, so an attacker encrypts every
    candidate and compares. Returns the matching candidate, or None.

    Example
    -------
    >>> pk = RSAPublicKey(n=3233, e=17)
    >>> rsa_dictionary_attack(pk, pk.encrypt(7), range(10))
    7
    """
    # TODO: README 'Why textbook RSA is not secure'.
    # YOUR CODE HERE
    raise NotImplementedError()


# ---------------------------------------------------------------------------- ElGamal


def encode_message(m):
    """Map a message 1 <= m <= q into the group: whichever of m, p - m is a quadratic residue.

    For p = 3 mod 4, -1 is not a square, so exactly one of m and -m = p - m is. The map is
    a bijection from [1, q] onto the subgroup and turns products into products up to sign:
    encode(m1) encode(m2) = encode(m1 m2 mod p, folded into [1, q]).

    Example
    -------
    >>> encode_message(1), encode_message(2), encode_message(11) == GROUP_P - 11
    (1, 2, True)
    """
    # TODO: README 'Messages in the group'.
    # YOUR CODE HERE
    raise NotImplementedError()


def decode_message(element):
    """The inverse of ``encode_message``: whichever of x, p - x lies in [1, q].

    Raises ``ValueError`` when ``element`` is not in the subgroup of quadratic residues.
    """
    # TODO: README 'Messages in the group'.
    # YOUR CODE HERE
    raise NotImplementedError()


class ElGamalPublicKey:
    """An ElGamal public key h = g^x in RFC 3526's 2048-bit group: encrypt, and multiply.

    Parameters
    ----------
    h : int
        g^x mod p.
    random_state : None, int or random.Random, default=None
        The stream of ephemeral exponents, one fresh y per encryption. None: the operating
        system's CSPRNG; an int: reproducible, for tests and teaching only.

    Attributes
    ----------
    p, q, g : int
        The group: GROUP_P, GROUP_Q, GROUP_G.
    h : int
        As given.

    Notes
    -----
    Enc(m) = (c1, c2) = (g^y, encode(m) h^y) mod p with y uniform in [1, q - 1]. Multiplying
    two ciphertexts componentwise gives (g^(y1 + y2), encode(m1) encode(m2) h^(y1 + y2)), an
    encryption of the product. Reusing y leaks c2 / c2' = encode(m) / encode(m').

    Example
    -------
    >>> pk = ElGamalPublicKey(pow(GROUP_G, 5, GROUP_P), random_state=0)
    >>> ct = pk.encrypt(7)
    >>> ct != pk.encrypt(7)
    True
    """

    def __init__(self, h, random_state=None):
        self.p, self.q, self.g = GROUP_P, GROUP_Q, GROUP_G
        self.h = _integer(h, "h", 2, GROUP_P)
        self.random_state = random_state
        self._rng = _random(random_state)

    def encrypt(self, m):
        """(g^y, encode(m) h^y) mod p with a fresh random y, for a message 1 <= m <= q."""
        # TODO: README 'ElGamal': encode m, then one new y per call, drawn from self._rng.
        # YOUR CODE HERE
        raise NotImplementedError()

    def multiply(self, ct1, ct2):
        """The ciphertext of the product: componentwise c * c' mod p."""
        # TODO: README 'The homomorphism'.
        # YOUR CODE HERE
        raise NotImplementedError()


class ElGamalPrivateKey:
    """An ElGamal private key x in [1, q - 1], with its public key h = g^x.

    Parameters
    ----------
    x : int
        The secret exponent, 1 <= x < q.
    random_state : None, int or random.Random, default=None
        Passed to the public key (its stream of ephemeral exponents).

    Attributes
    ----------
    x : int
        As given.
    public_key : ElGamalPublicKey
        h = g^x mod p.

    Notes
    -----
    Decryption: s = c1^x = g^(xy) = h^y, then encode(m) = c2 s^-1 mod p.

    Example
    -------
    >>> key = ElGamalPrivateKey(5, random_state=0)
    >>> key.decrypt(key.public_key.encrypt(7))
    7
    """

    def __init__(self, x, random_state=None):
        # TODO: README 'ElGamal'.
        # YOUR CODE HERE
        raise NotImplementedError()

    def decrypt(self, ciphertext):
        """The message m in [1, q] of a ciphertext (c1, c2): decode(c2 * (c1^x)^-1 mod p)."""
        # TODO: README 'ElGamal'.
        # YOUR CODE HERE
        raise NotImplementedError()


def generate_elgamal_key(random_state=None):
    """A private key with x uniform in [1, q - 1]; the same stream then draws every y.

    Parameters
    ----------
    random_state : None, int or random.Random, default=None
        None: the operating system's CSPRNG; an int: reproducible keys and ciphertexts,
        for tests and teaching only.

    Example
    -------
    >>> key = generate_elgamal_key(random_state=0)
    >>> pk = key.public_key
    >>> key.decrypt(pk.multiply(pk.encrypt(6), pk.encrypt(7)))
    42
    """
    # TODO: README 'ElGamal'.
    # YOUR CODE HERE
    raise NotImplementedError()


# ---------------------------------------------------------------------------- helpers


def _random(random_state):
    """None -> the OS CSPRNG; an int -> random.Random(seed) (tests only); a Random -> itself."""
    if random_state is None:
        return secrets.SystemRandom()
    if isinstance(random_state, random.Random):
        return random_state
    return random.Random(_integer(random_state, "random_state"))


def _integer(value, what, low=None, high=None):
    """``value`` as an int (``TypeError`` otherwise), checked to lie in [low, high)."""
    if isinstance(value, bool):
        raise TypeError(f"{what} must be an integer, got the bool {value}")
    try:
        value = operator.index(value)
    except TypeError:
        raise TypeError(f"{what} must be an integer, got {type(value).__name__} {value!r}") from None
    if (low is not None and value < low) or (high is not None and value >= high):
        bounds = " and ".join(f"{sign} {_show(b)}" for sign, b in ((">=", low), ("<", high)) if b is not None)
        raise ValueError(f"{what} must be {bounds}, got {_show(value)}")
    return value


def _show(x):
    """Small numbers in full, big ones by their size (a 2048-bit number has 617 digits)."""
    return str(x) if abs(x) < 2**64 else f"a {x.bit_length()}-bit number"


def _is_quadratic_residue(a, p=GROUP_P):
    """Whether 0 < a < p is a square mod the odd prime p (the Legendre symbol (a/p) is 1).

    Euler's criterion pow(a, (p - 1) // 2, p) == 1 says the same with one modular
    exponentiation; this Jacobi-symbol loop (quadratic reciprocity) is ~20 times faster.
    """
    symbol = 1
    while a:
        while a % 2 == 0:  # (2/p) = -1 exactly when p = 3 or 5 mod 8
            a //= 2
            if p % 8 in (3, 5):
                symbol = -symbol
        a, p = p, a  # reciprocity: the sign flips when both are 3 mod 4
        if a % 4 == 3 and p % 4 == 3:
            symbol = -symbol
        a %= p
    return p == 1 and symbol == 1


def _check_ciphertext(ciphertext):
    """An ElGamal ciphertext: a pair of group elements (``TypeError``/``ValueError`` otherwise)."""
    if not isinstance(ciphertext, (tuple, list)) or len(ciphertext) != 2:
        raise TypeError(f"an ElGamal ciphertext is a pair (c1, c2), got {type(ciphertext).__name__}")
    c1, c2 = (_integer(c, "a ciphertext component", 1, GROUP_P) for c in ciphertext)
    if not (_is_quadratic_residue(c1) and _is_quadratic_residue(c2)):
        raise ValueError("a ciphertext component is not in the group of quadratic residues mod p")
    return c1, c2
