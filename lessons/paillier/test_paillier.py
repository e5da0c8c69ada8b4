"""Hidden tests for the Paillier lesson, graded against python-paillier (``phe``).

The heart is interoperability: keys are built from the same primes on both sides, and
ciphertexts, encodings and homomorphic results must cross from the learner's code to ``phe``
and back. Plaintexts and ciphertexts are exact integers, so most comparisons are exact.

Plausible mistakes, and the tests that catch them:

- g = n instead of n + 1, or (1 + n)^m / r^n reduced mod n instead of n^2 ->
  test_public_key_attributes, test_learner_ciphertexts_decrypt_with_phe
- r drawn without checking gcd(r, n) = 1 (or r = 0) -> test_ciphertexts_lie_in_z_n2_star
  (a tiny key where a non-unit r is drawn about once in 120 encryptions)
- r fixed or random_state ignored (deterministic encryption) -> test_encryption_is_randomised
- L(u) with the integer division in the wrong place, u = c^lambda mod n instead of n^2 ->
  test_phe_ciphertexts_decrypt_with_learner
- mu from phi while lambda = lcm(p - 1, q - 1) is the exponent (or the other way round) ->
  test_private_key_lambda_and_mu, test_phe_ciphertexts_decrypt_with_learner
- decryption by brute force over candidate plaintexts -> test_phe_ciphertexts_decrypt_with_learner
  (random 512-bit plaintexts: no search can finish) and test_real_size_key_2048
- primes of unequal size, n one bit short, p = q -> test_generate_keypair_sizes
- forgetting mod n^2 after multiplying ciphertexts -> test_raw_add (the result must stay in
  [0, n^2), also after a chain of 40 additions)
- ciphertext x plaintext as c * k instead of c^k, or a negative k mishandled -> test_raw_multiply,
  test_multiply_by_scalars_matches_phe
- plaintext addition as c + k or with Enc(k) mod n -> test_raw_add_plain
- negatives decoded without the signed range (n - 5 decoded as n - 5), max_int off by one ->
  test_decode_signed_matches_phe, test_public_key_attributes
- fixed-point exponent not python-paillier's (base 10 or 2, or rounding the wrong way) ->
  test_encode_matches_phe, test_encrypted_numbers_interoperate_with_phe
- fixed-point exponents not aligned before adding -> test_add_aligns_exponents_like_phe,
  test_encrypted_linear_model
- missing validation (message or ciphertext out of range, not coprime, keys mixed) -> the
  validation tests at the end
"""

import contextlib
import math
import random
import re

import numpy as np
import phe
import pytest
from phe import paillier as phe_paillier
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression

from grader.testing import assert_close

# ---------------------------------------------------------------------------- trusted helpers

PRIME_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53)


def is_prime(n):
    """Miller-Rabin with the first 16 primes as bases: exact below 3.3e24, reliable above."""
    if n < 2:
        return False
    for p in PRIME_BASES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in PRIME_BASES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def seeded_prime(bits, seed):
    """The first prime above a seeded random number with its top two bits set."""
    x = random.Random(seed).getrandbits(bits) | (3 << (bits - 2)) | 1
    while not is_prime(x):
        x += 2
    return x


P, Q = seeded_prime(256, 1), seeded_prime(256, 2)  # a 512-bit n for most tests
N = P * Q
TINY_P, TINY_Q = 251, 241  # n = 60491: a non-unit r turns up about once in 120 draws
OTHER_P, OTHER_Q = seeded_prime(320, 3), seeded_prime(320, 4)  # a second, larger key
SMALL_P, SMALL_Q = seeded_prime(128, 5), seeded_prime(128, 6)  # a third, smaller key
FAST_2048_SEED = 7  # its primes come within the first few candidates: about 0.5 s, not 1-3 s


def short(value):
    """A big int as its first and last digits, so messages stay readable."""
    text = str(value)
    if len(text) <= 40:
        return text
    return f"{text[:16]}...{text[-8:]} ({int(value).bit_length()} bits)"


def phe_keys(p, q):
    public_key = phe_paillier.PaillierPublicKey(p * q)
    return public_key, phe_paillier.PaillierPrivateKey(public_key, p, q)


@contextlib.contextmanager
def raises_saying(kinds, pattern):
    """pytest.raises, with ``pattern`` searched in the learner's message only (the worker appends
    the line of code that raised, which must not count)."""
    with pytest.raises(kinds) as info:
        yield
    message = re.split(r" \(\w+\.py, line \d+", str(info.value))[0]
    assert re.search(pattern, message), f"the error message should match {pattern!r}; it is: {message}"


def check_in_range(c, n, what):
    """Check a learner's ciphertext before python-paillier sees it (phe loops forever on a float)."""
    assert isinstance(c, int), f"{what} should be an int, but it is a {type(c).__name__}"
    assert 0 < c < n * n, (
        f"{what} = {short(c)} is not in (0, n^2) with n^2 = {short(n * n)}: reduce mod n^2 "
        "after every multiplication or power")
    return c


def phe_number(phe_public, number, what="the EncryptedNumber"):
    """A learner EncryptedNumber as python-paillier's, once its ciphertext and exponent are checked."""
    c = check_in_range(number.ciphertext, phe_public.n, f"{what}.ciphertext")
    exponent = number.exponent
    assert isinstance(exponent, int) and abs(exponent) < 10_000, (
        f"{what}.exponent should be a small int, got {exponent!r}")
    return phe.EncryptedNumber(phe_public, c, exponent)


@pytest.fixture
def keys(impl):
    """The learner's and python-paillier's keys for the same 512-bit n."""
    private_key = impl.PrivateKey(P, Q)
    return private_key.public_key, private_key, *phe_keys(P, Q)


@pytest.fixture
def plaintexts():
    rng = random.Random(7)
    return [0, 1, 2, N - 1, N // 2, *(rng.randrange(N) for _ in range(10))]


# ---------------------------------------------------------------------------- keys and the API


@pytest.mark.points(1)
@pytest.mark.public
def test_public_key_attributes(impl):
    public_key = impl.PublicKey(N)
    assert public_key.n == N, f"PublicKey(n).n should be n, got {short(public_key.n)}"
    assert public_key.g == N + 1, (
        f"g should be n + 1 (python-paillier's generator), got n + {public_key.g - N}")
    assert public_key.nsquare == N * N, "nsquare should be n * n"
    assert public_key.max_int == N // 3 - 1, (
        f"max_int should be python-paillier's n // 3 - 1, got n // 3 + {public_key.max_int - N // 3}")


@pytest.mark.points(2)
def test_private_key_lambda_and_mu(impl):
    private_key = impl.PrivateKey(P, Q)
    assert private_key.public_key.n == N, "PrivateKey(p, q).public_key.n should be p * q"
    assert (private_key.p, private_key.q) == (P, Q), "PrivateKey(p, q) should keep p and q"
    lam, mu = private_key.lam, private_key.mu
    lcm, phi = math.lcm(P - 1, Q - 1), (P - 1) * (Q - 1)
    assert lam in (lcm, phi), (
        f"lam should be lcm(p - 1, q - 1) (or phi(n) = (p - 1)(q - 1)), got {short(lam)}")
    assert 0 < mu < N and lam * mu % N == 1, (
        f"mu should be lam^-1 mod n, but lam * mu mod n = {short(lam * mu % N)}: do not mix "
        "lambda and phi (mu must invert the exponent you use)")


@pytest.mark.points(2)
@pytest.mark.public
def test_generate_keypair_sizes(impl):
    for n_bits in (16, 64, 512):
        public_key, private_key = impl.generate_keypair(n_bits, random_state=3)
        p, q, n = private_key.p, private_key.q, public_key.n
        assert n.bit_length() == n_bits, f"generate_keypair({n_bits}) gave an n of {n.bit_length()} bits"
        assert n == p * q == private_key.public_key.n, "n should be p * q, the same in both keys"
        assert p != q, f"generate_keypair({n_bits}) drew p = q"
        assert p.bit_length() == q.bit_length() == n_bits // 2, (
            f"p and q should both have {n_bits // 2} bits, got {p.bit_length()} and {q.bit_length()}")
        assert is_prime(p) and is_prime(q), f"generate_keypair({n_bits}): p or q is not prime"
    # 16-bit keys: only 11 primes have 8 bits with the top two set, so p = q is drawn now and then.
    for seed in range(40):
        private_key = impl.generate_keypair(16, random_state=seed)[1]
        p, q = private_key.p, private_key.q
        assert p != q and p.bit_length() == q.bit_length() == 8 and is_prime(p) and is_prime(q), (
            f"generate_keypair(16, random_state={seed}) gave p = {p}, q = {q}: two distinct 8-bit primes "
            "are needed (draw q again while q == p)")


@pytest.mark.points(1)
def test_generate_keypair_random_state(impl):
    first = impl.generate_keypair(128, random_state=5)[0].n
    again = impl.generate_keypair(128, random_state=5)[0].n
    other = impl.generate_keypair(128, random_state=6)[0].n
    assert first == again, "the same random_state should give the same key"
    assert first != other, "different random_state values gave the same key: is random_state ignored?"
    unseeded = impl.generate_keypair(128)[0].n  # random_state=None: the OS's CSPRNG
    assert unseeded.bit_length() == 128 and unseeded != first


@pytest.mark.points(2)
def test_real_size_key_2048(impl):
    """A real 2048-bit key, seeded so the time is reproducible; plaintexts of 2047 bits."""
    public_key, private_key = impl.generate_keypair(2048, random_state=FAST_2048_SEED)
    assert public_key.n.bit_length() == 2048, f"n has {public_key.n.bit_length()} bits, not 2048"
    phe_public, phe_private = phe_keys(private_key.p, private_key.q)
    m = random.Random(1).randrange(public_key.n)
    c = check_in_range(public_key.raw_encrypt(m, random_state=2), public_key.n, "raw_encrypt(m)")
    assert phe_private.raw_decrypt(c) == m, "phe does not decrypt your 2048-bit ciphertext to m"
    c = phe_public.raw_encrypt(m, r_value=random.Random(3).randrange(1, public_key.n))
    assert private_key.raw_decrypt(c) == m, "your 2048-bit decryption of phe's Enc(m) is not m"


@pytest.mark.points(2)
def test_encryption_is_randomised(impl):
    public_key = impl.PublicKey(N)
    m = 10**30 + 7
    c = public_key.raw_encrypt(m, random_state=0)
    assert (c - 1) // N != m, "the ciphertext is 1 + m n: with r = 1 anyone reads m as (c - 1) // n"
    seeded = [public_key.raw_encrypt(42, random_state=seed) for seed in range(20)]
    assert len(set(seeded)) == 20, (
        f"20 encryptions of 42 with random_state 0..19 gave {len(set(seeded))} distinct ciphertexts: "
        "r must be fresh for each encryption")
    assert public_key.raw_encrypt(42, random_state=0) == seeded[0], (
        "the same random_state should give the same ciphertext")
    a, b = public_key.raw_encrypt(42), public_key.raw_encrypt(42)  # random_state=None
    assert a != b, "two encryptions of 42 with random_state=None are equal: encryption must be randomised"


# ---------------------------------------------------------------------------- encryption, decryption


@pytest.mark.points(2)
def test_learner_ciphertexts_decrypt_with_phe(impl, plaintexts):
    public_key = impl.PublicKey(N)
    _, phe_private = phe_keys(P, Q)
    for seed, m in enumerate(plaintexts):
        c = public_key.raw_encrypt(m, random_state=seed)
        check_in_range(c, N, f"raw_encrypt({short(m)})")
        got = phe_private.raw_decrypt(c)
        assert got == m, (
            f"phe decrypts your raw_encrypt({short(m)}) to {short(got)}: use g = n + 1, "
            "c = (1 + m n) r^n mod n^2")


@pytest.mark.points(2)
def test_phe_ciphertexts_decrypt_with_learner(impl, plaintexts):
    """Random 512-bit plaintexts: decryption must be computed, a search cannot finish."""
    private_key = impl.PrivateKey(P, Q)
    phe_public, _ = phe_keys(P, Q)
    rng = random.Random(11)
    for m in plaintexts:
        c = phe_public.raw_encrypt(m, r_value=rng.randrange(1, N))
        got = private_key.raw_decrypt(c)
        assert got == m, (
            f"your raw_decrypt of phe's Enc({short(m)}) gave {short(got)}: "
            "m = L(c^lam mod n^2) mu mod n with L(u) = (u - 1) // n")


@pytest.mark.points(2)
def test_ciphertexts_lie_in_z_n2_star(impl):
    """With n = 251 * 241, a random r in [1, n) shares a factor with n once in ~120 draws."""
    n = TINY_P * TINY_Q
    public_key = impl.PublicKey(n)
    _, phe_private = phe_keys(TINY_P, TINY_Q)
    for seed in range(600):
        m = seed * 101 % n
        c = public_key.raw_encrypt(m, random_state=seed)
        check_in_range(c, n, f"raw_encrypt({m}, random_state={seed})")
        assert math.gcd(c, n) == 1, (
            f"raw_encrypt({m}, random_state={seed}) = {c} shares the factor {math.gcd(c, n)} with n: "
            "draw r again until gcd(r, n) = 1")
        assert phe_private.raw_decrypt(c) == m, f"phe does not decrypt raw_encrypt({m}) to {m} (n = {n})"


# ---------------------------------------------------------------------------- homomorphic operations


@pytest.mark.points(1)
@pytest.mark.public
def test_raw_add(impl, plaintexts):
    public_key = impl.PublicKey(N)
    phe_public, phe_private = phe_keys(P, Q)
    c1 = public_key.raw_encrypt(plaintexts[-1], random_state=1)
    c2 = phe_public.raw_encrypt(plaintexts[-2], r_value=12345)
    total = public_key.raw_add(c1, c2)
    check_in_range(total, N, "raw_add(c1, c2)")
    expected = (plaintexts[-1] + plaintexts[-2]) % N
    assert phe_private.raw_decrypt(total) == expected, "raw_add(Enc(a), Enc(b)) does not decrypt to a + b"
    total = public_key.raw_encrypt(0, random_state=0)
    for i in range(40):
        total = public_key.raw_add(total, public_key.raw_encrypt(i, random_state=100 + i))
    check_in_range(total, N, "a chain of 40 raw_add")
    assert phe_private.raw_decrypt(total) == sum(range(40)), "40 chained raw_add do not sum the plaintexts"


@pytest.mark.points(1)
def test_raw_add_plain(impl):
    public_key = impl.PublicKey(N)
    phe_public, phe_private = phe_keys(P, Q)
    m = N // 3 + 17
    c = phe_public.raw_encrypt(m, r_value=987654321)
    for k in (0, 5, -7, N + 3, N - 1):
        got = public_key.raw_add_plain(c, k)
        check_in_range(got, N, f"raw_add_plain(c, {short(k)})")
        assert phe_private.raw_decrypt(got) == (m + k) % N, (
            f"raw_add_plain(Enc(m), {short(k)}) does not decrypt to m + k mod n: multiply c by (1 + k n)")


@pytest.mark.points(2)
def test_raw_multiply(impl):
    public_key = impl.PublicKey(N)
    phe_public, phe_private = phe_keys(P, Q)
    m = 123456789
    c = phe_public.raw_encrypt(m, r_value=555)
    for k in (1, 3, -1, -5, 2**300, 0):
        got = public_key.raw_multiply(c, k)
        check_in_range(got, N, f"raw_multiply(c, {short(k)})")
        assert phe_private.raw_decrypt(got) == k * m % N, (
            f"raw_multiply(Enc(m), {short(k)}) does not decrypt to k m mod n: the ciphertext must be "
            "raised to the power k (c^k mod n^2), not multiplied by k")


@pytest.mark.points(1)
def test_phe_computes_on_learner_ciphertexts_and_back(impl):
    private_key = impl.PrivateKey(P, Q)
    public_key = private_key.public_key
    phe_public, phe_private = phe_keys(P, Q)
    a, b = 10**40, 987
    ca, cb = (phe.EncryptedNumber(phe_public, check_in_range(public_key.raw_encrypt(v, random_state=i), N,
                                                             f"raw_encrypt({v})"))
              for i, v in enumerate((a, b)))
    combined = (ca + cb * -3).ciphertext(be_secure=False)  # phe's arithmetic on your ciphertexts
    assert private_key.raw_decrypt(combined) == a - 3 * b, "phe's Enc(a) + Enc(b) * -3 is not a - 3b for you"
    c = public_key.raw_multiply(public_key.raw_add(phe_public.raw_encrypt(a), phe_public.raw_encrypt(b)), 7)
    assert phe_private.raw_decrypt(c) == 7 * (a + b), "your (Enc(a) + Enc(b)) * 7 on phe's ciphertexts: wrong"


# ---------------------------------------------------------------------------- signed and fixed point

ENCODED_VALUES = [0, 7, -7, 10**50, -(10**50), 0.0, 1.0, -1.5, math.pi, 1e-8, -6.02e23, 2.0**-60, 1e300,
                  -123.456, 0.1]
PRECISIONS = [(math.pi, 1e-3), (-2.5, 0.5), (7, 1e-6), (1234.5678, 16.0**-3), (-0.001, 1e-10)]


@pytest.mark.points(2)
def test_encode_matches_phe(impl):
    public_key = impl.PublicKey(N)
    phe_public, _ = phe_keys(P, Q)
    for x in ENCODED_VALUES:
        expected = phe.EncodedNumber.encode(phe_public, x)
        got = tuple(impl.encode(public_key, x))
        assert got == (expected.encoding, expected.exponent), (
            f"encode({x!r}) = (encoding {short(got[0])}, exponent {got[1]}); python-paillier gives "
            f"(encoding {short(expected.encoding)}, exponent {expected.exponent}): exponent "
            "(frexp(x)[1] - 53) // 4 for a float, 0 for an int; negatives stored as mantissa + n")
    for x, precision in PRECISIONS:
        expected = phe.EncodedNumber.encode(phe_public, x, precision=precision)
        got = tuple(impl.encode(public_key, x, precision))
        assert got == (expected.encoding, expected.exponent), (
            f"encode({x!r}, precision={precision:g}) = (encoding {short(got[0])}, exponent {got[1]}); "
            f"python-paillier gives ({short(expected.encoding)}, {expected.exponent}): with a precision "
            "the exponent is floor(log_16(precision))")


@pytest.mark.points(2)
def test_decode_signed_matches_phe(impl):
    public_key = impl.PublicKey(N)
    phe_public, _ = phe_keys(P, Q)
    max_int = N // 3 - 1
    for encoding, exponent in [(5, 0), (N - 5, 0), (max_int, 0), (N - max_int, 0), (N - 1, -3),
                               (12345, 2), (N - 12345, -20), (3, 0), (N - 10**40, -7)]:
        expected = phe.EncodedNumber(phe_public, encoding, exponent).decode()
        got = impl.decode(public_key, encoding, exponent)
        assert got == expected and type(got) is type(expected), (
            f"decode({short(encoding)}, exponent {exponent}) = {got!r}; python-paillier gives {expected!r}: "
            "an encoding >= n - max_int is the negative encoding - n; an exponent >= 0 gives an int")


@pytest.mark.points(2)
def test_encrypted_numbers_interoperate_with_phe(impl):
    private_key = impl.PrivateKey(P, Q)
    public_key = private_key.public_key
    phe_public, phe_private = phe_keys(P, Q)
    for seed, x in enumerate(ENCODED_VALUES):
        mine = public_key.encrypt(x, random_state=seed)
        got = phe_private.decrypt(phe_number(phe_public, mine))
        assert got == x, f"phe decrypts your encrypt({x!r}) to {got!r}"
        theirs = phe_public.encrypt(x)
        got = private_key.decrypt(impl.EncryptedNumber(public_key, theirs.ciphertext(be_secure=False),
                                                       theirs.exponent))
        assert got == x, f"your decrypt of phe's encrypt({x!r}) gave {got!r}"
    for x, precision in PRECISIONS:
        mine = public_key.encrypt(x, precision=precision, random_state=0)
        expected = phe_private.decrypt(phe_public.encrypt(x, precision=precision))
        assert private_key.decrypt(mine) == expected, (
            f"decrypt(encrypt({x!r}, precision={precision:g})) = {private_key.decrypt(mine)!r}, "
            f"python-paillier gives {expected!r}")


ADDITIONS = [(1.5, 2), (2, 1.5), (-0.1, 1e-10), (10**30, -2.5), (1e6, -1e6), (-7, -8)]


@pytest.mark.points(2)
def test_add_aligns_exponents_like_phe(impl):
    """Sums of numbers with different exponents, compared with python-paillier's exact result."""
    private_key = impl.PrivateKey(P, Q)
    public_key = private_key.public_key
    phe_public, phe_private = phe_keys(P, Q)
    for seed, (a, b) in enumerate(ADDITIONS):
        expected = phe_private.decrypt(phe_public.encrypt(a) + phe_public.encrypt(b))
        mine_a, mine_b = public_key.encrypt(a, random_state=seed), public_key.encrypt(b, random_state=99)
        total = mine_a.add(mine_b)
        got = private_key.decrypt(total)
        assert got == expected, (
            f"Enc({a!r}).add(Enc({b!r})) decrypts to {got!r}, python-paillier to {expected!r}: bring both "
            "to the smaller exponent (decrease_exponent_to) before multiplying the ciphertexts")
        assert total.exponent == min(mine_a.exponent, mine_b.exponent), "the sum keeps the smaller exponent"
        got = private_key.decrypt(mine_a.add(b))
        assert got == expected, f"Enc({a!r}).add({b!r}) (a plaintext) decrypts to {got!r}, not {expected!r}"
        # And across libraries: phe adds your numbers, you add phe's.
        got = phe_private.decrypt(phe_number(phe_public, mine_a) + phe_number(phe_public, mine_b))
        assert got == expected, f"phe's sum of your Enc({a!r}) and Enc({b!r}) is {got!r}"
        theirs = phe_public.encrypt(b)
        got = private_key.decrypt(mine_a.add(impl.EncryptedNumber(public_key, theirs.ciphertext(False),
                                                                  theirs.exponent)))
        assert got == expected, f"your Enc({a!r}).add(phe's Enc({b!r})) decrypts to {got!r}"


MULTIPLICATIONS = [(1.5, 3), (1.5, -2), (-2.25, 0.5), (10**20, -1.25e-3), (math.e, 0), (-7, -6)]


@pytest.mark.points(2)
def test_multiply_by_scalars_matches_phe(impl):
    private_key = impl.PrivateKey(P, Q)
    public_key = private_key.public_key
    phe_public, phe_private = phe_keys(P, Q)
    for seed, (x, k) in enumerate(MULTIPLICATIONS):
        product = public_key.encrypt(x, random_state=seed).multiply(k)
        expected = phe_private.decrypt(phe_public.encrypt(x) * k)
        got = phe_private.decrypt(phe_number(phe_public, product))
        assert got == expected, (
            f"Enc({x!r}).multiply({k!r}) decrypts (with phe) to {got!r}, python-paillier's product to "
            f"{expected!r}: raise the ciphertext to the encoded k and add the exponents")
        assert product.exponent == (phe_public.encrypt(x) * k).exponent, (
            f"Enc({x!r}).multiply({k!r}) has exponent {product.exponent}: exponents add")


@pytest.mark.points(1)
def test_decrease_exponent_to(impl):
    private_key = impl.PrivateKey(P, Q)
    number = private_key.public_key.encrypt(-2.75, random_state=0)
    lower = number.decrease_exponent_to(number.exponent - 5)
    assert lower.exponent == number.exponent - 5, "decrease_exponent_to(e) should set the exponent to e"
    assert private_key.decrypt(lower) == -2.75, "decrease_exponent_to changed the value"
    with pytest.raises(ValueError):
        number.decrease_exponent_to(number.exponent + 1)


# ---------------------------------------------------------------------------- the application


@pytest.mark.points(3)
def test_encrypted_linear_model(impl):
    """The client encrypts its features, the server computes w . Enc(x) + b with plaintext weights,
    the client decrypts: the prediction of the (trusted-side) scikit-learn model."""
    X, y = load_diabetes(return_X_y=True)
    model = LinearRegression().fit(X, y)
    w, b = model.coef_, float(model.intercept_)
    X_test = X[:8]
    expected = model.predict(X_test)
    private_key = impl.PrivateKey(P, Q)
    public_key = private_key.public_key
    phe_public, phe_private = phe_keys(P, Q)
    precision = 1e-6
    step = 16.0 ** math.floor(math.log(precision, 16))  # the encoding step of the features
    got, via_phe = [], []
    for i, row in enumerate(X_test):
        encrypted = [public_key.encrypt(float(v), precision=precision, random_state=100 * i + j)
                     for j, v in enumerate(row)]
        got.append(private_key.decrypt(impl.weighted_sum(encrypted, w, b)))
        # python-paillier, as the server, on the same ciphertexts
        server = sum((phe_number(phe_public, e) * float(wj) for e, wj in zip(encrypted, w, strict=True)),
                     phe_public.encrypt(b, r_value=1))
        via_phe.append(phe_private.decrypt(server))
    # Each feature is rounded to a multiple of step, an error of at most step / 2; the weights and
    # the bias are encoded exactly, and the sums are exact, so |error| <= step / 2 * sum |w_j|
    # (about 1.2e-3 here); 1e-9 covers the float rounding of scikit-learn's own X @ w + b.
    atol = step / 2 * np.abs(w).sum() + 1e-9
    assert_close(np.array(got), expected, rtol=0, atol=atol, what="decrypted weighted_sum")
    # python-paillier computes the same sum exactly: the two results agree to float rounding.
    assert_close(np.array(got), np.array(via_phe), rtol=1e-12, atol=0, what="decrypted weighted_sum",
                 baseline="python-paillier's")
    # One feature, exact values: 4 * 2.5 - 1 = 9 exactly.
    single = impl.weighted_sum([public_key.encrypt(2.5, random_state=0)], [4.0], -1.0)
    assert private_key.decrypt(single) == 9.0, "weighted_sum([Enc(2.5)], [4.0], -1.0) should decrypt to 9.0"


# ---------------------------------------------------------------------------- validation


@pytest.mark.points(1)
def test_plaintext_validation(impl):
    public_key = impl.PublicKey(N)
    for m in (N, N + 5, -1):
        with raises_saying(ValueError, "(?i)range"):
            public_key.raw_encrypt(m, random_state=0)
    with pytest.raises(TypeError):
        public_key.raw_encrypt(1.5, random_state=0)
    for x in (N // 3, -(N // 3), float("nan"), float("inf")):
        with pytest.raises(ValueError):
            impl.encode(public_key, x)
    with pytest.raises(TypeError):
        impl.encode(public_key, "3")
    for precision in (0, -1e-3):
        with raises_saying(ValueError, "(?i)precision"):
            impl.encode(public_key, 1.0, precision)
    assert impl.encode(public_key, N // 3 - 1) == (N // 3 - 1, 0), "encode(max_int) should work"


@pytest.mark.points(1)
def test_ciphertext_validation(impl):
    private_key = impl.PrivateKey(P, Q)
    public_key = private_key.public_key
    good = public_key.raw_encrypt(5, random_state=0)
    for c in (0, N * N, N * N + 1, -good):
        with raises_saying(ValueError, "(?i)range"):
            private_key.raw_decrypt(c)
    for c in (P * 12345, Q, N):  # share a factor with n: not in Z_{n^2}^*
        with raises_saying(ValueError, "(?i)coprime|factor"):
            private_key.raw_decrypt(c)
    with pytest.raises(ValueError):
        public_key.raw_add(good, N * N + 7)
    with pytest.raises(ValueError):
        public_key.raw_multiply(P, 3)
    with pytest.raises(ValueError):
        public_key.raw_add_plain(0, 3)
    with pytest.raises(TypeError):
        private_key.raw_decrypt(float(good))


@pytest.mark.points(1)
def test_mixing_keys(impl):
    """A smaller key's ciphertexts lie below this key's n^2: only comparing the keys' n catches them."""
    private_key = impl.PrivateKey(P, Q)
    other = impl.PrivateKey(OTHER_P, OTHER_Q)
    small = impl.PrivateKey(SMALL_P, SMALL_Q)
    mine = private_key.public_key.encrypt(1.5, random_state=0)
    theirs = small.public_key.encrypt(1.5, random_state=0)
    with pytest.raises(ValueError):
        mine.add(theirs)
    with pytest.raises(ValueError):
        private_key.decrypt(theirs)
    with pytest.raises(ValueError):
        other.decrypt(mine)
    # A raw ciphertext of the larger key, above this key's n^2: detectable.
    other_public, _ = phe_keys(OTHER_P, OTHER_Q)
    big = next(c for c in (other_public.raw_encrypt(3, r_value=r) for r in range(2, 100)) if c > N * N)
    with raises_saying(ValueError, "(?i)range"):
        private_key.raw_decrypt(big)


@pytest.mark.points(1)
def test_key_validation(impl):
    for p, q in ((P, P), (P, N), (15, 7)):  # equal, not prime (twice)
        with pytest.raises(ValueError):
            impl.PrivateKey(p, q)
    for p, q in ((3, 7), (7, 3)):  # gcd(21, (3 - 1)(7 - 1)) = 3: lambda has no inverse mod n
        with raises_saying(ValueError, "(?i)gcd"):
            impl.PrivateKey(p, q)
    for n_bits in (15, 8, 0, 513):  # odd or too small
        with pytest.raises(ValueError):
            impl.generate_keypair(n_bits, random_state=0)
    with pytest.raises(ValueError):
        impl.weighted_sum([impl.PublicKey(N).encrypt(1, random_state=0)], [1.0, 2.0])
    with pytest.raises(ValueError):
        impl.weighted_sum([], [])


@pytest.mark.points(1)
def test_decode_overflow(impl):
    private_key = impl.PrivateKey(P, Q)
    public_key = private_key.public_key
    with raises_saying((OverflowError, ValueError), "(?i)overflow"):
        impl.decode(public_key, N // 2, 0)
    for encoding in (N, -1):
        with raises_saying(ValueError, "(?i)range"):
            impl.decode(public_key, encoding, 0)
    big = public_key.encrypt(N // 3 - 1, random_state=0)
    with raises_saying((OverflowError, ValueError), "(?i)overflow"):
        private_key.decrypt(big.add(big))  # 2 max_int lies in the overflow band


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("encrypts with g = n instead of n + 1", "return (1 + m * self.n) * pow(r, self.n, self.nsquare)",
     "return pow(self.n, m, self.nsquare) * pow(r, self.n, self.nsquare)", "use g = n + 1"),
    ("multiplies the ciphertext by k instead of raising it to k", "return pow(c, k, self.nsquare)",
     "return c * k % self.nsquare", "raised to the power k"),
    ("decodes negatives without the signed range", "mantissa = encoding - n", "mantissa = encoding",
     "the negative encoding - n"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): a 2048-bit
# key from the same two seeded primes on both sides (found here, outside the timed work); n signed
# integers encrypted, each added to the next one (n encrypted sums), and the n sums decrypted.
def _bench_data(n):
    p, q = seeded_prime(1024, 21), seeded_prime(1024, 22)
    values = np.random.default_rng(0).integers(-10**9, 10**9, n).tolist()
    return p, q, values


def _bench_impl(module, data):
    p, q, values = data
    private_key = module.PrivateKey(p, q)
    public_key = private_key.public_key
    encrypted = [public_key.encrypt(x) for x in values]
    for i, x in enumerate(encrypted):
        private_key.decrypt(x.add(encrypted[(i + 1) % len(encrypted)]))


def _bench_baseline(data):
    p, q, values = data
    public_key, private_key = phe_keys(p, q)
    encrypted = [public_key.encrypt(x) for x in values]
    for i, x in enumerate(encrypted):
        private_key.decrypt(x + encrypted[(i + 1) % len(encrypted)])


BENCHMARK = {
    "what": "Paillier with a 2048-bit key from two given primes: n integers encrypted, n ciphertext "
            "additions, n decryptions (phe decrypts with the CRT, the lesson with lambda mod n^2)",
    "size": 4, "check_size": None,  # 2048-bit keys take a second: too slow for grader check
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "phe",
    "hint": "Use Python's three-argument pow(r, n, n*n), never pow(r, n) % (n*n), reduce mod n^2 after "
            "every product, and compute lambda and mu once in the key, not in every decryption "
            "(README: 'Cost').",
}
