"""Hidden tests for the multiplicative_he lesson: Miller-Rabin, textbook RSA and ElGamal.

The trusted baselines: a sieve of Eratosthenes and an independent Miller-Rabin written
here; the `cryptography` package, whose ``RSAPrivateNumbers(...).private_key()`` refuses an
inconsistent RSA key (wrong d, CRT values or primes); and plain ``pow`` arithmetic for the
ciphertexts. Randomness is always seeded, except in the tests of ``random_state=None``.

Plausible mistakes, and the tests that catch them:

- Fermat's test a^(n-1) = 1 instead of Miller-Rabin (Carmichael numbers and Fermat
  pseudoprimes such as 341 pass) -> test_strong_test_matches_a_trusted_one,
  test_strong_test_on_known_numbers, test_carmichael_numbers_are_composite
- skipping the check x == n - 1 before or inside the squaring loop, or squaring s - 2 times
  instead of s - 1 (an off-by-one) -> test_strong_test_matches_a_trusted_one,
  test_strong_test_on_known_numbers, test_is_probable_prime_matches_a_sieve. (One squaring
  too many is harmless: a^(n-1) is never -1 modulo an odd n; mutation testing confirms it.)
- trial division that calls the small primes themselves composite, or 0, 1 and negative
  numbers prime -> test_is_probable_prime_matches_a_sieve
- a fixed base (or the first few primes as bases) instead of random ones ->
  test_strong_pseudoprimes_are_composite; bases drawn outside [2, n - 2] (0, or n) ->
  test_is_probable_prime_matches_a_sieve
- only the top bit set (a product of two primes one bit short), a prime one bit too long ->
  test_generate_prime_size_and_top_bits, test_product_of_two_primes_has_twice_the_bits
- p == q, or e not coprime to p - 1 (not redrawn), in key generation ->
  test_rsa_keygen_redraws_equal_primes_and_bad_e; p and q of the wrong size ->
  test_rsa_key_sizes
- d = e^-1 mod something other than lambda(n) or phi(n) (both are accepted), wrong CRT
  parameters -> test_rsa_2048_key_is_valid, test_rsa_private_key_from_given_primes
- decrypting with e instead of d, or a CRT recombination that forgets a term ->
  test_rsa_round_trip, test_rsa_private_key_from_given_primes
- forgetting mod n after multiplying ciphertexts -> test_rsa_homomorphic_multiplication
- ElGamal reusing the ephemeral y: drawn once per key, or the public key restarting the
  key's seeded stream (then the first y is x) -> test_elgamal_encryption_is_randomised; a
  generator rebuilt from the seed in each call -> test_elgamal_public_key_alone_encrypts
- ElGamal decryption multiplying by s = c1^x instead of s^-1 -> test_elgamal_round_trip
- a message not mapped into the subgroup (ciphertexts then leak the Legendre symbol of m),
  or decoded to the wrong one of m, p - m -> test_encode_maps_into_the_subgroup,
  test_elgamal_round_trip, test_elgamal_homomorphic_multiplication
- forgetting mod p after multiplying ElGamal ciphertexts ->
  test_elgamal_homomorphic_multiplication
- random_state ignored or misused -> the random_state tests
- missing validation -> the last tests (messages out of range, not in the group, bits too
  small, p == q, composite p, e not coprime)

Brute-force decryption (trying candidate messages until one encrypts to c) cannot pass:
every round trip uses random messages of 2048 bits.
"""

import math
import random

import numpy as np
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

# ---------------------------------------------------------------------------- trusted side

SMALL_BASES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)

# RFC 3526, group 14 (2048-bit MODP), copied from the RFC; the generator is 2.
RFC3526_P = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AACAA68FFFFFFFFFFFFFFFF", 16)
P = RFC3526_P
Q = (P - 1) // 2


def sieve(limit):
    """is_prime[k] for 0 <= k < limit, by the sieve of Eratosthenes."""
    is_prime = np.ones(limit, dtype=bool)
    is_prime[:2] = False
    for k in range(2, math.isqrt(limit) + 1):
        if is_prime[k]:
            is_prime[k * k::k] = False
    return is_prime


def trusted_strong_test(n, a):
    """The strong test written from its definition: a^d = 1, or a^(2^i d) = -1 for some i < s."""
    s = ((n - 1) & -(n - 1)).bit_length() - 1  # the number of trailing zero bits of n - 1
    d = (n - 1) >> s
    return pow(a, d, n) == 1 or any(pow(a, d << i, n) == n - 1 for i in range(s))


def trusted_is_prime(n):
    """Deterministic below 3.3e24 (the first 13 prime bases); 20 bases in all above."""
    if n < 2:
        return False
    for p in SMALL_BASES:
        if n % p == 0:
            return n == p
    rng = random.Random(n)
    bases = SMALL_BASES + tuple(rng.randrange(2, n - 1) for _ in range(7))
    return all(trusted_strong_test(n, a) for a in bases)


def is_residue(x):
    """Euler's criterion: x is a quadratic residue mod P (one 2048-bit exponentiation)."""
    return pow(x, Q, P) == 1


def fold(x):
    """The one of x, P - x in [1, Q]: messages m and P - m are the same ElGamal message."""
    return x if x <= Q else P - x


def big_messages(n, count, seed):
    """Random integers in [0, n): far too many candidates for decryption by search."""
    rng = random.Random(seed)
    return [rng.randrange(n) for _ in range(count)]


def check_rsa_key(p, q, n, e, d, what):
    """Every property of a valid RSA key, each with its own message; then `cryptography`."""
    assert n == p * q, f"{what}: n != p * q"
    assert p != q, f"{what}: p == q; the two primes must be distinct (redraw q)"
    for name, prime in (("p", p), ("q", q)):
        assert trusted_is_prime(prime), f"{what}: {name} is not prime ({prime.bit_length()} bits)"
    lam = math.lcm(p - 1, q - 1)
    phi = (p - 1) * (q - 1)
    assert math.gcd(e, lam) == 1, f"{what}: e = {e} is not coprime to lcm(p - 1, q - 1)"
    assert 0 < d < phi and d * e % lam == 1, (
        f"{what}: d is not the inverse of e mod lambda(n) = lcm(p - 1, q - 1) (nor mod phi(n)): "
        f"d * e mod lambda = {d * e % lam if lam < 2**64 else 'a large number, not 1'}")
    numbers = rsa.RSAPrivateNumbers(p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q),
                                    rsa.rsa_crt_iqmp(p, q), rsa.RSAPublicNumbers(e, n))
    try:
        numbers.private_key()
    except ValueError as exc:
        raise AssertionError(f"{what}: the cryptography package refuses the key: {exc}") from None


# --------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def key2048(impl):
    """A seeded 2048-bit key: seed 0 needs few candidates (about 1.5-3 s in the worker)."""
    return impl.generate_rsa_key(2048, random_state=0)


@pytest.fixture(scope="module")
def key512(impl):
    return impl.generate_rsa_key(512, random_state=1)


@pytest.fixture(scope="module")
def elgamal(impl):
    return impl.generate_elgamal_key(random_state=3)


# ------------------------------------------------------------------------------ Miller-Rabin


@pytest.mark.points(2)
def test_strong_test_matches_a_trusted_one(impl):
    is_prime = sieve(1500)
    wrong = []
    for n in range(3, 1500, 2):
        got = impl.is_strong_probable_prime(n, 2)
        if got != trusted_strong_test(n, 2):
            wrong.append((n, got))
    assert not wrong, (
        f"is_strong_probable_prime(n, 2) is wrong for {len(wrong)} odd n < 1500, first n = {wrong[0][0]} "
        f"({'prime' if is_prime[wrong[0][0]] else 'composite'}): returned {wrong[0][1]}")


# (n, base, expected) where a Fermat test, a skipped x == n - 1 check or an off-by-one in the
# squarings goes wrong: strong pseudoprimes pass, Fermat pseudoprimes and Carmichael numbers fail.
KNOWN = [
    (2047, 2, True), (2047, 3, False),  # 23 * 89, the smallest strong pseudoprime to base 2
    (341, 2, False),  # 11 * 31: 2^340 = 1 mod 341, a Fermat pseudoprime but not a strong one
    (561, 2, False), (1105, 2, False), (1729, 2, False),  # Carmichael numbers
    (15841, 2, True), (15841, 3, False),  # 7 * 31 * 73: Carmichael and strong pseudoprime to 2
    (3215031751, 2, True), (3215031751, 3, True), (3215031751, 5, True), (3215031751, 7, True),
    (3215031751, 11, False),  # 151 * 751 * 28351: fools the bases 2, 3, 5, 7
    (97, 96, True), (97, 1, True), (97, 28, True),  # a prime passes every base; 28^3 = -1 mod 97
    (2**61 - 1, 3, True), (2**89 - 1, 5, True),  # Mersenne primes
    (2**127 - 1, 2, True), (2**127 - 1, 10**20, True),
    (1000003 * 1000033, 2, False),
]


@pytest.mark.points(1)
def test_strong_test_on_known_numbers(impl):
    for n, a, expected in KNOWN:
        got = impl.is_strong_probable_prime(n, a)
        assert got is expected, (
            f"is_strong_probable_prime({n}, {a}) returned {got!r}, expected {expected} "
            f"({'n passes the strong test to this base' if expected else 'the base is a witness'})")


@pytest.mark.points(1)
@pytest.mark.public
def test_is_probable_prime_matches_a_sieve(impl):
    is_prime = sieve(1100)
    wrong = [(n, got) for n in range(-3, 1100)
             if (got := impl.is_probable_prime(n, rounds=3, random_state=n % 7)) != (n > 1 and is_prime[n])]
    assert not wrong, (
        f"is_probable_prime is wrong for {len(wrong)} of the n in [-3, 1100), first "
        f"n = {wrong[0][0]}: returned {wrong[0][1]!r}")
    # 3000 bases for each of three small primes: every base in [2, n - 2] is drawn, none outside
    for n in (1009, 1013, 1019):
        got = impl.is_probable_prime(n, rounds=3000, random_state=0)
        assert got is True, (
            f"is_probable_prime({n}, rounds=3000) returned {got!r}: draw the bases from [2, n - 2]")


# Carmichael numbers: 2^(n-1) = 1 mod n for every base coprime to n. The last two are
# (6k + 1)(12k + 1)(18k + 1) with three prime factors, all far above any trial-division table.
CARMICHAEL = [561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 9624742921,
              1296001987165015643369032371289]


@pytest.mark.points(2)
def test_carmichael_numbers_are_composite(impl):
    for n in CARMICHAEL:
        for seed in range(3):
            got = impl.is_probable_prime(n, rounds=8, random_state=seed)
            assert got is False, (
                f"is_probable_prime({n}, rounds=8, random_state={seed}) returned {got!r}: {n} is a "
                "Carmichael number, which only a Fermat test calls prime")


# Strong pseudoprimes to many small prime bases; their factors are all above 1000.
STRONG_PSEUDOPRIMES = [
    3825123056546413051,  # 149491 * 747451 * 34233211: fools the bases 2 to 23
    318665857834031151167461,  # 399165290221 * 798330580441: fools the bases 2 to 37
    3317044064679887385961981,  # 1287836182261 * 2575672364521: fools the bases 2 to 41
]


@pytest.mark.points(1)
def test_strong_pseudoprimes_are_composite(impl):
    for n in STRONG_PSEUDOPRIMES:
        for seed in range(3):
            got = impl.is_probable_prime(n, rounds=10, random_state=seed)
            assert got is False, (
                f"is_probable_prime({n}, rounds=10, random_state={seed}) returned {got!r}: it fools "
                "the first prime bases, so the bases must be drawn at random")


@pytest.mark.points(1)
def test_large_primes_and_composites(impl):
    m127, m521, m607 = 2**127 - 1, 2**521 - 1, 2**607 - 1  # Mersenne primes
    cases = [(m127, True), (m521, True), (m607, True), (2**255 - 19, True), (1009, True),
             (m127 * (2**89 - 1), False), (m521 * m607, False), (m127 * m127, False),
             (2**521 + 1, False), (3 * m521, False)]
    for n, expected in cases:
        got = impl.is_probable_prime(n, random_state=0)
        assert got is expected, (
            f"is_probable_prime(n) returned {got!r} for the {n.bit_length()}-bit "
            f"{'prime' if expected else 'composite'} n = {n if n < 2**64 else hex(n)}")


@pytest.mark.points(1)
def test_generate_prime_size_and_top_bits(impl):
    for bits, seed in [(b, s) for b in (2, 3, 8, 64, 300) for s in range(3)]:
        p = impl.generate_prime(bits, random_state=seed)
        assert p.bit_length() == bits, f"generate_prime({bits}) returned a {p.bit_length()}-bit number"
        assert p >> (bits - 2) == 3, f"generate_prime({bits}) = {p}: its two top bits should both be 1"
        assert trusted_is_prime(p), f"generate_prime({bits}, random_state={seed}) = {p} is not prime"


@pytest.mark.points(1)
def test_product_of_two_primes_has_twice_the_bits(impl):
    for seed in range(20):
        p = impl.generate_prime(32, random_state=2 * seed)
        q = impl.generate_prime(32, random_state=2 * seed + 1)
        assert (p * q).bit_length() == 64, (
            f"{p} * {q} has {(p * q).bit_length()} bits, not 64: set the two top bits of each prime")


@pytest.mark.points(1)
def test_generate_prime_random_state(impl):
    same = [impl.generate_prime(128, random_state=7) for _ in range(2)]
    assert same[0] == same[1], "generate_prime with the same random_state should return the same prime"
    others = {impl.generate_prime(128, random_state=seed) for seed in range(8, 12)} | {same[0]}
    assert len(others) == 5, "generate_prime should depend on random_state"
    unseeded = {impl.generate_prime(128) for _ in range(2)}
    assert len(unseeded) == 2 and all(trusted_is_prime(p) for p in unseeded), (
        "generate_prime(random_state=None) should draw fresh primes from the OS's generator")


# ---------------------------------------------------------------------------------------- RSA


@pytest.mark.points(2)
def test_rsa_2048_key_is_valid(key2048):
    n = key2048.n
    assert n.bit_length() == 2048, f"generate_rsa_key(2048) gave a {n.bit_length()}-bit modulus"
    p, q = key2048.p, key2048.q
    assert (p.bit_length(), q.bit_length()) == (1024, 1024), (
        f"p and q of a 2048-bit key should have 1024 bits each, got {p.bit_length()} and {q.bit_length()}")
    assert key2048.e == 65537, f"the default public exponent is 65537, got {key2048.e}"
    check_rsa_key(p, q, n, key2048.e, key2048.d, "generate_rsa_key(2048, random_state=0)")
    crt = (key2048.dp, key2048.dq, key2048.q_inv)
    expected = (rsa.rsa_crt_dmp1(key2048.d, p), rsa.rsa_crt_dmq1(key2048.d, q), rsa.rsa_crt_iqmp(p, q))
    for name, got, want in zip(("dp", "dq", "q_inv"), crt, expected, strict=True):
        assert got == want, f"{name} differs from the cryptography package's value"


@pytest.mark.points(1)
@pytest.mark.parametrize("bits", [512, 777], ids=lambda b: f"{b}-bits")
def test_rsa_key_sizes(impl, bits):
    key = impl.generate_rsa_key(bits, random_state=bits)
    p, q, n = key.p, key.q, key.n
    assert n.bit_length() == bits, f"generate_rsa_key({bits}) gave a {n.bit_length()}-bit modulus"
    sizes = sorted((p.bit_length(), q.bit_length()))
    assert sizes == [bits // 2, bits - bits // 2], (
        f"p and q of a {bits}-bit key should have {bits // 2} and {bits - bits // 2} bits, got {sizes}")
    check_rsa_key(p, q, n, key.e, key.d, f"generate_rsa_key({bits})")


@pytest.mark.points(2)
@pytest.mark.public
def test_rsa_round_trip(key2048):
    pk = key2048.public_key
    n, e = pk.n, pk.e
    for m in [0, 1, 2, n - 1] + big_messages(n, 6, seed=0):
        c = pk.encrypt(m)
        assert c == pow(m, e, n), f"encrypt(m) should be m^e mod n, for m = {m if m < 2**64 else 'a big m'}"
        back = key2048.decrypt(c)
        assert back == m, (
            "decrypt(encrypt(m)) != m for a 2048-bit key "
            f"(m = {m if m < 2**64 else 'a random m < n'}): decryption is c^d mod n")


@pytest.mark.points(1)
def test_rsa_private_key_from_given_primes(impl):
    # primes, e and d from the cryptography package; d there is e^-1 mod lambda(n)
    numbers = rsa.generate_private_key(public_exponent=65537, key_size=1024).private_numbers()
    p, q, d = numbers.p, numbers.q, numbers.d
    key = impl.RSAPrivateKey(p, q, 65537)
    lam = math.lcm(p - 1, q - 1)
    assert key.n == p * q, "RSAPrivateKey(p, q).n should be p * q"
    assert key.d % lam == d % lam, "d differs from the cryptography package's e^-1 mod lambda(n)"
    assert (key.dp, key.dq, key.q_inv) == (numbers.dmp1, numbers.dmq1, numbers.iqmp), (
        "dp, dq, q_inv differ from the cryptography package's dmp1, dmq1, iqmp")
    for c in big_messages(p * q, 5, seed=1):
        assert key.decrypt(c) == pow(c, d, p * q), "decrypt(c) differs from c^d mod n"


@pytest.mark.points(3)
def test_rsa_homomorphic_multiplication(key2048):
    pk = key2048.public_key
    n = pk.n
    messages = big_messages(n, 8, seed=2)
    for m1, m2 in zip(messages[::2], messages[1::2], strict=True):
        c = pk.multiply(pk.encrypt(m1), pk.encrypt(m2))
        assert 0 <= c < n, "multiply(c1, c2) should be reduced mod n (got a number >= n)"
        assert key2048.decrypt(c) == m1 * m2 % n, "decrypt(multiply(Enc(m1), Enc(m2))) != m1 * m2 mod n"
    # a product of five ciphertexts, and the malleability of 2 * m
    product, expected = pk.encrypt(1), 1
    for m in messages[:5]:
        product, expected = pk.multiply(product, pk.encrypt(m)), expected * m % n
    assert key2048.decrypt(product) == expected, "the product of five ciphertexts decrypts wrongly"
    c = pk.encrypt(messages[0])
    assert key2048.decrypt(pk.multiply(c, pow(2, pk.e, n))) == 2 * messages[0] % n, (
        "c * 2^e mod n should decrypt to 2m mod n")
    assert pk.multiply(c, 0) == pk.multiply(0, c) == 0, (
        "multiply(c, 0) and multiply(0, c) should be 0 (0 = Enc(0) is a valid ciphertext)")


@pytest.mark.points(1)
def test_rsa_is_deterministic_and_falls_to_a_dictionary(impl, key512):
    pk = key512.public_key
    votes = [int.from_bytes(word.encode(), "big") for word in ("yes", "no", "abstain")]
    assert pk.encrypt(votes[0]) == pk.encrypt(votes[0]), "textbook RSA encryption is deterministic"
    c = pow(votes[1], pk.e, pk.n)
    assert impl.rsa_dictionary_attack(pk, c, votes) == votes[1], (
        "rsa_dictionary_attack should return the candidate that encrypts to c")
    assert impl.rsa_dictionary_attack(pk, c, [votes[0], votes[2]]) is None, (
        "rsa_dictionary_attack should return None when no candidate encrypts to c")


@pytest.mark.points(2)
def test_rsa_keygen_redraws_equal_primes_and_bad_e(impl):
    # e = 3 and 8-bit primes: only 5 of the 11 candidates have gcd(3, p - 1) = 1, so p == q
    # and e | p - 1 both happen within a few seeds.
    for seed in range(25):
        key = impl.generate_rsa_key(16, e=3, random_state=seed)
        check_rsa_key(key.p, key.q, key.n, key.e, key.d, f"generate_rsa_key(16, e=3, random_state={seed})")
        assert key.n.bit_length() == 16, f"generate_rsa_key(16) gave a {key.n.bit_length()}-bit modulus"


@pytest.mark.points(1)
def test_rsa_random_state(impl):
    a, b = (impl.generate_rsa_key(256, random_state=5) for _ in range(2))
    assert (a.p, a.q) == (b.p, b.q), "the same random_state should give the same key"
    c = impl.generate_rsa_key(256, random_state=6)
    assert (c.p, c.q) != (a.p, a.q), "a different random_state should give a different key"
    key = impl.generate_rsa_key(512)
    other = impl.generate_rsa_key(512)
    assert key.n != other.n, "generate_rsa_key(random_state=None) should draw fresh keys"
    check_rsa_key(key.p, key.q, key.n, key.e, key.d, "generate_rsa_key(512)")


# ------------------------------------------------------------------------------------ ElGamal


@pytest.mark.points(1)
def test_elgamal_key(elgamal):
    pk = elgamal.public_key
    assert (pk.p, pk.q, pk.g) == (P, Q, 2), "the group should be RFC 3526's group 14 with g = 2"
    x = elgamal.x
    assert 1 <= x < Q, "the secret x should lie in [1, q - 1]"
    assert pk.h == pow(2, x, P), "the public key h should be g^x mod p"


@pytest.mark.points(1)
def test_encode_maps_into_the_subgroup(impl):
    rng = random.Random(4)
    for m in [1, 2, 11, Q] + [rng.randrange(1, Q + 1) for _ in range(2)]:
        element = impl.encode_message(m)
        assert element in (m, P - m), "encode_message(m) should be m or p - m"
        assert is_residue(element), "encode_message(m) is not a quadratic residue: not in the group"
        assert impl.decode_message(element) == m, "decode_message(encode_message(m)) != m"


@pytest.mark.points(2)
@pytest.mark.public
def test_elgamal_round_trip(elgamal):
    pk = elgamal.public_key
    x = elgamal.x
    rng = random.Random(5)
    for m in [1, 11, rng.randrange(1, Q + 1)]:
        c1, c2 = pk.encrypt(m)
        assert is_residue(c2), "c2 is not in the subgroup: encode the message first"
        # the trusted decryption: c2 / c1^x
        assert fold(c2 * pow(c1, Q - x, P) % P) == m, "the ciphertext does not decrypt to m by c2 / c1^x"
        back = elgamal.decrypt((c1, c2))
        assert back == m, "decrypt(encrypt(m)) != m: decryption is c2 * (c1^x)^-1 mod p"


@pytest.mark.points(1)
def test_elgamal_public_key_alone_encrypts(impl):
    x = 123456789123456789
    pk = impl.ElGamalPublicKey(pow(2, x, P), random_state=9)
    (c1, c2), again = pk.encrypt(Q - 5), pk.encrypt(Q - 5)
    assert fold(c2 * pow(c1, Q - x, P) % P) == Q - 5, (
        "ElGamalPublicKey(h).encrypt(m) does not decrypt to m by c2 / c1^x")
    assert again[0] != c1, (
        "ElGamalPublicKey(h, random_state=9) encrypted twice with the same y: draw a fresh y for "
        "every encryption from one generator made in __init__, not a new one per call")


@pytest.mark.points(2)
def test_elgamal_encryption_is_randomised(impl):
    elgamal = impl.generate_elgamal_key(random_state=21)  # a fresh key: these are its first encryptions
    pk = elgamal.public_key
    first, second, third = pk.encrypt(99), pk.encrypt(99), pk.encrypt(100)
    assert first[0] != second[0] and first[1] != second[1], (
        "two encryptions of the same message are equal: draw a fresh y for every encryption")
    assert third[0] not in (first[0], second[0]), (
        "two encryptions share c1 = g^y: the ephemeral y must never be reused")
    assert pk.h not in (first[0], second[0], third[0]), (
        "an encryption has c1 = h, so its y is the secret x: the key and the encryptions must "
        "continue one random stream, not restart it from the seed")
    assert elgamal.decrypt(first) == elgamal.decrypt(second) == 99


@pytest.mark.points(3)
def test_elgamal_homomorphic_multiplication(elgamal):
    pk = elgamal.public_key
    rng = random.Random(6)
    pairs = [(Q, Q - 1), (rng.randrange(1, Q + 1), rng.randrange(1, Q + 1))]
    for m1, m2 in pairs:
        c1, c2 = pk.multiply(pk.encrypt(m1), pk.encrypt(m2))
        assert 0 < c1 < P and 0 < c2 < P, "multiply should reduce both components mod p"
        got = elgamal.decrypt((c1, c2))
        assert got == fold(m1 * m2 % P), (
            "decrypt(multiply(Enc(m1), Enc(m2))) should be m1 * m2 mod p, folded into [1, q]")
    product = pk.multiply(pk.multiply(pk.encrypt(2), pk.encrypt(3)), pk.encrypt(7))
    assert elgamal.decrypt(product) == 42, "Enc(2) * Enc(3) * Enc(7) should decrypt to 42"


@pytest.mark.points(1)
def test_elgamal_random_state(impl):
    a, b = impl.generate_elgamal_key(random_state=11), impl.generate_elgamal_key(random_state=11)
    assert a.x == b.x, "the same random_state should give the same x"
    assert a.public_key.encrypt(5) == b.public_key.encrypt(5), (
        "the same random_state should give the same stream of ciphertexts")
    assert impl.generate_elgamal_key(random_state=12).x != a.x, "x should depend on random_state"
    key = impl.generate_elgamal_key()
    one, two = key.public_key.encrypt(8), key.public_key.encrypt(8)
    assert one != two, "with random_state=None, two encryptions of the same message should differ"
    assert key.decrypt(one) == 8


# --------------------------------------------------------------------------------- validation


@pytest.mark.points(1)
def test_prime_functions_reject_bad_input(impl):
    assert impl.generate_prime(16, random_state=0) > 0
    with pytest.raises(ValueError, match=r"\b1\b"):
        impl.generate_prime(1)
    with pytest.raises(TypeError):
        impl.generate_prime(64.0)
    with pytest.raises(ValueError, match=r"\b1000\b"):
        impl.is_strong_probable_prime(1000, 3)  # even
    for base in (0, 97, 100):
        with pytest.raises(ValueError, match=rf"\b{base}\b"):
            impl.is_strong_probable_prime(97, base)  # the base must lie in [1, n)
    with pytest.raises(ValueError, match=r"\b0\b"):
        impl.is_probable_prime(101, rounds=0)


@pytest.mark.points(1)
def test_rsa_rejects_bad_keys(impl):
    assert impl.RSAPrivateKey(61, 53, 17).d % 780 == 413
    # the smallest odd prime and e = 3 are fine
    assert impl.RSAPrivateKey(3, 11, 3).d % 10 == impl.RSAPrivateKey(11, 3, 3).d % 10 == 7
    with pytest.raises(ValueError, match=r"(?i)distinct|differ|equal|same|p == q"):
        impl.RSAPrivateKey(1000003, 1000003)
    with pytest.raises(ValueError, match=r"(?i)prime"):
        impl.RSAPrivateKey(1000003 * 1000033, 1000037)  # p is composite
    with pytest.raises(ValueError, match=r"(?i)coprime|invertible|inverse|gcd"):
        impl.RSAPrivateKey(7, 11, 3)  # 3 divides p - 1 = 6
    with pytest.raises(ValueError, match=r"\b8\b"):
        impl.generate_rsa_key(8)
    with pytest.raises(ValueError, match=r"\b4\b"):
        impl.generate_rsa_key(64, e=4)


@pytest.mark.points(1)
def test_rsa_rejects_messages_out_of_range(key512):
    pk = key512.public_key
    n = pk.n
    assert pk.encrypt(n - 1) == pow(n - 1, pk.e, n)
    for bad in (n, n + 5, -1):
        with pytest.raises(ValueError):
            pk.encrypt(bad)
        with pytest.raises(ValueError):
            key512.decrypt(bad)
        with pytest.raises(ValueError):
            pk.multiply(bad, 1)
    with pytest.raises(TypeError):
        pk.encrypt(2.5)


@pytest.mark.points(1)
def test_elgamal_rejects_bad_messages_and_ciphertexts(impl, elgamal):
    pk = elgamal.public_key
    for bad in (0, Q + 1, -3, P):
        with pytest.raises(ValueError):
            impl.encode_message(bad)
    with pytest.raises(ValueError):
        pk.encrypt(0)
    with pytest.raises(ValueError):
        impl.decode_message(P - 1)  # -1 is not a square mod p = 3 mod 4
    good = pk.encrypt(5)
    for bad in ((P - 1, good[1]), (good[0], P - 1), (0, good[1]), (good[0], P)):
        with pytest.raises(ValueError):
            elgamal.decrypt(bad)
        with pytest.raises(ValueError):
            pk.multiply(bad, good)
    with pytest.raises(ValueError):
        impl.ElGamalPrivateKey(0)


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("forgets mod n after multiplying RSA ciphertexts", "return c1 * c2 % self.n", "return c1 * c2",
     "reduced mod n"),
    ("a Fermat test instead of Miller-Rabin", "    x = pow(a, d, n)\n",
     "    x = pow(a, d, n)\n    return pow(a, n - 1, n) == 1\n", "Carmichael"),
    ("draws the ElGamal ephemeral key from a generator reseeded in every call",
     "y = self._rng.randrange(1, self.q)", "y = _random(self.random_state).randrange(1, self.q)",
     "fresh y"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): one
# 2048-bit key from the same seeded primes on both sides (found here, outside the timed work), then
# n messages encrypted (e = 65537) and decrypted (CRT). `cryptography` has no textbook RSA: its
# closest operation is RSA-OAEP (SHA-256), the same two exponentiations plus the padding.
def _bench_data(n):
    rng = random.Random(7)  # a seed whose two primes come within 52 candidates

    def prime():
        while True:
            x = rng.getrandbits(1024) | (3 << 1022) | 1
            if trusted_is_prime(x):
                return x

    p, q = prime(), prime()
    messages = big_messages(p * q, n, seed=n)
    payloads = [m.to_bytes(256, "big")[-32:] for m in messages]  # 32 bytes: a symmetric key's size
    return p, q, messages, payloads


def _bench_impl(module, data):
    p, q, messages, _ = data
    key = module.RSAPrivateKey(p, q, 65537)
    public_key = key.public_key
    for m in messages:
        key.decrypt(public_key.encrypt(m))


def _bench_baseline(data):
    p, q, _, payloads = data
    n, e = p * q, 65537
    d = pow(e, -1, math.lcm(p - 1, q - 1))
    key = rsa.RSAPrivateNumbers(p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q),
                                rsa.rsa_crt_iqmp(p, q), rsa.RSAPublicNumbers(e, n)).private_key()
    public_key = key.public_key()
    oaep = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA256()), algorithm=hashes.SHA256(), label=None)
    for payload in payloads:
        key.decrypt(public_key.encrypt(payload, oaep), oaep)


BENCHMARK = {
    "what": "RSA key from two given 1024-bit primes, then n messages encrypted (e = 65537) and decrypted "
            "(CRT) with the 2048-bit key; cryptography: the same with OAEP padding (it has no textbook RSA)",
    "size": 200, "check_size": None,  # 2048-bit keys take a second: too slow for grader check
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "cryptography",
    "hint": "Use Python's three-argument pow(c, d, n), never pow(c, d) % n, and decrypt with the CRT: "
            "two exponentiations mod p and mod q with d mod (p - 1) and d mod (q - 1) "
            "(README: 'Decrypting with the CRT').",
}
