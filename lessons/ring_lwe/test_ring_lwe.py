"""Hidden tests for the ring-LWE lesson: arithmetic in R_q = Z_q[x]/(x^n + 1), the negacyclic NTT,
and the LPR encryption scheme, graded against exact products computed here (Python integers
wherever int64 could overflow).

Plausible mistakes, and the tests that catch them:

- cyclic instead of negacyclic products (the sign flip for x^n = -1 forgotten, or the psi twist
  skipped so the NTT evaluates at the powers of omega = psi^2) -> test_schoolbook_matches_exact_product,
  test_ring_identities, test_ntt_matches_definition, test_polymul_ntt_matches_exact_product
- psi of order n instead of 2n (g^((q-1)/n)), or a root that is not primitive (g^((q-1)/2n) for
  g = 2 without checking psi^n = -1: 2 is a square mod 12289) -> test_find_psi_is_primitive,
  test_ntt_rejects_a_psi_that_is_not_primitive, and every scheme test (RingLWE uses find_psi)
- bit reversal missing, or the merged Cooley-Tukey form that returns the bit-reversed order ->
  test_ntt_matches_definition (the order is pinned: A_k = a(psi^(2k+1)), natural order)
- butterfly halves swapped, twiddles applied to u, u + w v and u - w v exchanged ->
  test_butterfly_matches_definition
- inverse NTT without the factor n^-1, or without undoing the twist -> test_intt_inverts_ntt,
  test_polymul_ntt_matches_exact_product
- int64 overflow: products of two coefficients taken in int64 once q > 2^31.5, a threshold at
  2^32 instead of 2^31.5, sums of n products that overflow -> test_mulmod_is_exact,
  test_schoolbook_matches_exact_product (q ~ 2^30, n = 128), test_schoolbook_exact_for_large_q
  (q ~ 2^40, 2^61, 2^62 - 1), test_ntt_matches_definition[q30-32bits] and [q61bits],
  test_polymul_ntt_matches_exact_product; t x in int64 -> test_decrypt_large_t_by_rounding,
  test_decrypt_at_the_noise_limit (t = 2 at q ~ 2^61: 2 t x + q passes 2^63)
- np.fmod (C-style remainder: negative results) instead of % -> every exact comparison (the
  outputs must lie in [0, q)), first test_butterfly_matches_definition
- decryption by searching candidate messages -> test_decrypt_large_t_by_rounding (t = 2^26: a
  search cannot finish); decryption with floor instead of rounding, without the final mod t, or
  in floats -> test_decrypt_at_the_noise_limit (ciphertexts with the largest tolerable noise)
- the noise bound without the factor n of a ring product (eta + 2 eta^2), or with one product
  only -> test_noise_bound_value, test_parameters_refused_by_the_noise_bound; the (q mod t) term
  forgotten -> test_parameters_refused_by_the_noise_bound
- public key with the wrong sign (b = a s + e), errors not small, eta ignored, a binary secret
  -> test_keygen_structure, test_noise_has_the_expected_variance
- Delta = round(q / t) -> test_scheme_attributes; e1 missing -> test_noise_has_the_expected_variance
- homomorphic addition without the reduction mod q -> test_homomorphic_addition
- random_state ignored, or a fixed seed when it is None -> test_random_state
- missing input checks -> test_input_checks, test_ntt_rejects_a_psi_that_is_not_primitive,
  test_scheme_input_checks

Speed: an O(n^2) "NTT" (a Vandermonde product) gives the same outputs as the fast one, so no
test can tell them apart without timing it, and timings on a shared machine are not fit to
grade. The tests grade the O(n log n) structure instead (butterfly, one Cooley-Tukey stage, on
its own) and leave the speed to the README's timing figure.
"""

import functools

import numpy as np
import pytest

MAX_Q = 2**62

# ---------------------------------------------------------------------------- trusted helpers


def is_prime(q):
    """Deterministic Miller-Rabin for q < 3.3e24."""
    bases = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)
    if q < 2 or any(q % p == 0 for p in bases):
        return q in bases
    d, s = q - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for base in bases:
        x = pow(base, d, q)
        if x in (1, q - 1):
            continue
        for _ in range(s - 1):
            x = x * x % q
            if x == q - 1:
                break
        else:
            return False
    return True


@functools.cache
def ntt_prime(n, bits):
    """The smallest prime q > 2^bits with q = 1 (mod 2n); bits may be fractional."""
    q = (int(2**bits) // (2 * n) + 1) * 2 * n + 1
    while not is_prime(q):
        q += 2 * n
    return q


@functools.cache
def primitive_root_2n(n, q):
    """A primitive 2n-th root of unity mod q, deliberately not the smallest one found by g = 2, 3, ...:
    the cube of the first (3 is odd, so the order stays 2n)."""
    g = next(g for g in range(2, q) if pow(g, (q - 1) // 2, q) == q - 1)  # a non-square
    return pow(pow(g, (q - 1) // (2 * n), q), 3, q)


def exact_dtype(n, q):
    """int64 when a sum of n products of residues cannot overflow it, else Python ints."""
    return np.int64 if n * (q - 1) ** 2 < 2**63 else object


def exact_product(a, b, q):
    """The negacyclic product, exactly: full convolution, then x^(n+k) = -x^k."""
    n, dtype = len(a), exact_dtype(len(a), q)
    c = np.convolve(np.asarray(a).astype(dtype), np.asarray(b).astype(dtype))  # (2n - 1,)
    low = c[:n].copy()
    low[: n - 1] -= c[n:]
    return (low % q).astype(np.int64)


def ntt_definition(a, q, psi):
    """A_k = sum_j a_j psi^((2k+1) j) mod q, exactly."""
    n, dtype = len(a), exact_dtype(len(a), q)
    powers = np.array([pow(psi, e, q) for e in range(2 * n)], dtype=dtype)
    k, j = np.arange(n)[:, None], np.arange(n)[None, :]
    V = powers[(2 * k + 1) * j % (2 * n)]  # (n, n)
    return (V @ np.asarray(a).astype(dtype) % q).astype(np.int64)


def intt_definition(A, q, psi):
    """a_j = n^-1 sum_k A_k psi^(-(2k+1) j) mod q, exactly."""
    n, psi_inv, dtype = len(A), pow(psi, -1, q), exact_dtype(len(A), q)
    powers = np.array([pow(psi_inv, e, q) for e in range(2 * n)], dtype=dtype)
    j, k = np.arange(n)[:, None], np.arange(n)[None, :]
    V = powers[(2 * k + 1) * j % (2 * n)]  # (n, n)
    sums = (V @ np.asarray(A).astype(dtype) % q).astype(object)
    return (sums * pow(n, -1, q) % q).astype(np.int64)


def centred(x, q):
    """Representatives in (-q/2, q/2]."""
    x = np.asarray(x).astype(object) % q
    return np.where(x > q // 2, x - q, x).astype(np.int64)


def random_poly(rng, n, q):
    """Uniform coefficients in [0, q), with the extreme values 0 and q - 1 planted."""
    a = rng.integers(0, q, n)
    a[:2] = [0, q - 1][: min(2, n)]
    return rng.permutation(a)


def assert_exact(actual, desired, what, baseline="the exact product", hint=""):
    """Exact agreement of integer arrays, naming the first difference and how many differ."""
    if not isinstance(actual, np.ndarray) or actual.dtype.kind not in "iu":
        kind = getattr(actual, "learner_type", None) or type(actual).__name__
        dtype = f" of dtype {actual.dtype}" if isinstance(actual, np.ndarray) else ""
        raise AssertionError(f"{what} should be an int64 array, but it is a {kind}{dtype}")
    desired = np.asarray(desired)
    if actual.shape != desired.shape:
        raise AssertionError(f"{what} has shape {actual.shape}, {baseline} has shape {desired.shape}")
    wrong = np.flatnonzero(actual.ravel() != desired.ravel())
    if wrong.size:
        i = int(wrong[0])
        raise AssertionError(
            f"{what} differs from {baseline} at {wrong.size} of {desired.size} entries; first at index "
            f"{i}: {actual.ravel()[i]} vs {desired.ravel()[i]}" + (f". {hint}" if hint else "")
        )


OVERFLOW = "int64 products of two residues overflow once q > 2^31.5: reduce or use Python ints"

# (n, q) pairs with q prime and q = 1 (mod 2n); ids say what each one tests.
NTT_CASES = {
    "1-17": (1, 17),
    "2-17": (2, 17),
    "8-17": (8, 17),
    "256-7681": (256, 7681),
    "1024-12289": (1024, 12289),
    "64-q30bits": (64, ntt_prime(64, 30)),
    "64-q31.6bits": (64, ntt_prime(64, 31.6)),  # (q - 1)^2 > 2^63, q < 2^32
    "32-q61bits": (32, ntt_prime(32, 61)),
}

# ---------------------------------------------------------------------------- modular arithmetic


@pytest.mark.points(2)
@pytest.mark.public
def test_mulmod_is_exact(impl):
    rng = np.random.default_rng(0)
    for q in (12289, 2**31 - 1, 2**32 - 5, 2**40 + 15, 2**61 - 1, 2**62 - 57):
        a, b = random_poly(rng, 64, q), random_poly(rng, 64, q)
        a[:4], b[:4] = q - 1, q - 2  # the largest products: (q-1)(q-2)
        desired = (a.astype(object) * b.astype(object) % q).astype(np.int64)
        assert_exact(impl.mulmod(a, b, q), desired, f"mulmod(a, b, q={q})",
                     baseline="the product in Python ints", hint=OVERFLOW)


# ---------------------------------------------------------------------------- schoolbook


@pytest.mark.points(2)
def test_schoolbook_matches_exact_product(impl):
    for n, q in [(1, 17), (2, 17), (8, 17), (256, 7681), (64, 10), (128, 2**30 + 3)]:  # q need not be prime
        rng = np.random.default_rng(n)
        a, b = random_poly(rng, n, q), random_poly(rng, n, q)
        assert_exact(impl.polymul_schoolbook(a, b, q), exact_product(a, b, q),
                     f"polymul_schoolbook (n={n}, q={q})", hint="x^n = -1: wrapped terms change sign")


@pytest.mark.points(1)
@pytest.mark.parametrize("moduli", [(2**40 + 15,), (2**61 - 1, 2**62 - 1)], ids=["q40bits", "q61-62bits"])
def test_schoolbook_exact_for_large_q(impl, moduli):
    for q in moduli:
        rng = np.random.default_rng(1)
        a, b = random_poly(rng, 64, q), random_poly(rng, 64, q)
        a[-4:], b[-4:] = q - 1, q - 1  # the largest products, in the wrapped part too
        assert_exact(impl.polymul_schoolbook(a, b, q), exact_product(a, b, q),
                     f"polymul_schoolbook (n=64, q={q})", hint=OVERFLOW + ", also when summing n of them")


@pytest.mark.points(1)
@pytest.mark.parametrize("method", ["schoolbook", "ntt"])
def test_ring_identities(impl, method):
    n, q = 64, 7681  # 7681 = 1 (mod 128)
    mul = impl.polymul_schoolbook if method == "schoolbook" else impl.polymul_ntt
    x, x_top, one = (np.zeros(n, dtype=np.int64) for _ in range(3))
    x[1], x_top[n - 1], one[0] = 1, 1, 1
    minus_one = one * (q - 1)
    assert_exact(mul(x, x_top, q), minus_one, f"polymul_{method}(x, x^(n-1))", baseline="-1 (= x^n)",
                 hint="in Z_q[x]/(x^n + 1), x^n = -1 = q - 1")
    rng = np.random.default_rng(2)
    a, b = random_poly(rng, n, q), random_poly(rng, n, q)
    assert_exact(mul(a, one, q), a, f"polymul_{method}(a, 1)", baseline="a")
    assert_exact(mul(a, b, q), mul(b, a, q), f"polymul_{method}(a, b)", baseline=f"polymul_{method}(b, a)")
    # x * a: every coefficient moves up one place, the top one comes back to x^0 negated.
    shifted = np.concatenate([[(q - a[-1]) % q], a[:-1]])
    assert_exact(mul(x, a, q), shifted, f"polymul_{method}(x, a)", baseline="a shifted up, -a[n-1] at x^0")


# ---------------------------------------------------------------------------- roots of unity


@pytest.mark.points(2)
def test_find_psi_is_primitive(impl):
    # g = 2 is a square mod 12289 (12289 = 1 mod 8): 2^((q-1)/2n) has order < 2n there.
    for n, q in [(1, 17), (4, 17), (256, 7681), (512, 12289), (1024, 12289), (128, ntt_prime(128, 61))]:
        psi = impl.find_psi(n, q)
        assert isinstance(psi, int), f"find_psi should return a Python int, got {type(psi).__name__}"
        assert 1 < psi < q, f"find_psi({n}, {q}) = {psi} is not in [2, q)"
        power = pow(psi, n, q)
        assert power == q - 1, (
            f"find_psi({n}, {q}) = {psi} has psi^n = {power} mod q, not -1 = {q - 1}: it is not a primitive "
            f"2n-th root of unity (psi^(2n) = {pow(psi, 2 * n, q)}); check psi^n == q - 1 before returning it"
        )


# ---------------------------------------------------------------------------- the NTT


@pytest.mark.points(2)
def test_butterfly_matches_definition(impl):
    n, q = 32, 7681
    for h in (1, 4, 16):  # 16: a single block
        rng = np.random.default_rng(h)
        x, w = random_poly(rng, n, q), rng.integers(0, q, h)
        blocks = x.reshape(-1, 2, h).astype(object)  # (n / 2h, 2, h)
        wv = blocks[:, 1] * w.astype(object) % q
        desired = np.stack([(blocks[:, 0] + wv) % q, (blocks[:, 0] - wv) % q], axis=1).reshape(-1)
        assert_exact(impl.butterfly(x, w, q), desired.astype(np.int64),
                     f"butterfly(x, w, q) with n = {n}, h = len(w) = {h}",
                     baseline="[u + w v, u - w v] for each block [u, v] of 2h entries")


@pytest.mark.points(1)
@pytest.mark.parametrize("cases", [("1-17", "2-17", "8-17", "256-7681", "1024-12289"),
                                   ("64-q30bits", "64-q31.6bits"), ("32-q61bits",)],
                         ids=["small-q", "q30-32bits", "q61bits"])
def test_ntt_matches_definition(impl, cases):
    for case in cases:
        n, q = NTT_CASES[case]
        psi = primitive_root_2n(n, q)
        a = random_poly(np.random.default_rng(3), n, q)
        assert_exact(impl.ntt(a, q, psi), ntt_definition(a, q, psi), f"ntt(a, q={q}, psi={psi}) with n={n}",
                     baseline="the definition A_k = a(psi^(2k+1))",
                     hint="twist by psi^j, bit-reverse the input, and return the natural order" +
                     (f"; {OVERFLOW}" if q > 2**31.5 else ""))


@pytest.mark.points(2)
@pytest.mark.public
def test_intt_inverts_ntt(impl):
    for case in ["256-7681", "1024-12289", "32-q61bits"]:
        n, q = NTT_CASES[case]
        psi = primitive_root_2n(n, q)
        rng = np.random.default_rng(4)
        a, A = random_poly(rng, n, q), random_poly(rng, n, q)
        assert_exact(impl.intt(impl.ntt(a, q, psi), q, psi), a, f"intt(ntt(a)) with n={n}, q={q}",
                     baseline="a", hint="the inverse uses psi^-1 and multiplies by n^-1")
        assert_exact(impl.intt(A, q, psi), intt_definition(A, q, psi), f"intt(A) with n={n}, q={q}",
                     baseline="the definition a_j = n^-1 sum_k A_k psi^-(2k+1)j",
                     hint="the inverse uses psi^-1 and multiplies by n^-1")


@pytest.mark.points(1)
def test_ntt_of_product_is_pointwise_product(impl):
    n, q = 256, 7681
    psi = primitive_root_2n(n, q)
    rng = np.random.default_rng(5)
    a, b = random_poly(rng, n, q), random_poly(rng, n, q)
    A, B = impl.ntt(a, q, psi), impl.ntt(b, q, psi)
    assert_exact(impl.ntt(exact_product(a, b, q), q, psi), A * B % q, "ntt(a b)", baseline="ntt(a) * ntt(b)",
                 hint="only the negacyclic transform (points psi^(2k+1)) turns the product in R_q pointwise")


@pytest.mark.points(2)
def test_polymul_ntt_matches_exact_product(impl):
    for case in ["1-17", "2-17", "256-7681", "1024-12289", "64-q30bits", "64-q31.6bits", "32-q61bits"]:
        n, q = NTT_CASES[case]
        rng = np.random.default_rng(6)
        a, b = random_poly(rng, n, q), random_poly(rng, n, q)
        desired = exact_product(a, b, q)
        assert_exact(impl.polymul_ntt(a, b, q), desired, f"polymul_ntt(a, b, q={q}) with n={n}")
        psi = primitive_root_2n(n, q)
        assert_exact(impl.polymul_ntt(a, b, q, psi), desired,
                     f"polymul_ntt(a, b, q={q}, psi={psi}) with n={n}")
        assert_exact(impl.polymul_schoolbook(a, b, q), desired,
                     f"polymul_schoolbook(a, b, q={q}) with n={n}")


@pytest.mark.points(1)
def test_ntt_rejects_a_psi_that_is_not_primitive(impl):
    n, q = 256, 7681
    psi = primitive_root_2n(n, q)
    a = random_poly(np.random.default_rng(7), n, q)
    for bad, why in [(psi * psi % q, "psi^2 has order n: psi^n = 1"), (1, "1 has order 1")]:
        with pytest.raises(ValueError):
            impl.ntt(a, q, bad)
            pytest.fail(f"ntt(a, q, psi={bad}) should raise ValueError ({why}; "
                        "check pow(psi, n, q) == q - 1)")


@pytest.mark.points(1)
def test_input_checks(impl):
    q, rng = 7681, np.random.default_rng(8)
    a = random_poly(rng, 16, q)
    bad = {
        "lengths 16 and 8": (a, a[:8], q),
        "length 12, not a power of two": (a[:12], a[:12], q),
        "a coefficient equal to q": (np.where(a == a.max(), q, a), a, q),
        "a negative coefficient": (a - q // 2, a, q),
        "float coefficients": (a.astype(float), a, q),
        "a 2-D array": (a.reshape(4, 4), a.reshape(4, 4), q),
        "q = 2^62": (a, a, 2**62),
    }
    for why, (x, y, modulus) in bad.items():
        with pytest.raises((ValueError, TypeError)):
            impl.polymul_schoolbook(x, y, modulus)
            pytest.fail(f"polymul_schoolbook should raise ValueError for {why}")
    for n, q, why in [(6, 13, "n not a power of two"), (0, 17, "n = 0"),
                      (256, 12289 + 512, "q = 12801 = 3 * 4267, not prime"),
                      (512, 7681, "7681 is not 1 mod 1024")]:
        with pytest.raises(ValueError):
            impl.find_psi(n, q)
            pytest.fail(f"find_psi({n}, {q}) should raise ValueError: {why}")


# ---------------------------------------------------------------------------- the LPR scheme


@pytest.mark.points(1)
@pytest.mark.public
def test_scheme_attributes(impl):
    for n, q, t in [(256, 7681, 3), (64, 12289, 5)]:  # 12289 / 5 = 2457.8: floor, not round
        scheme = impl.RingLWE(n=n, q=q, t=t, eta=1)
        stored = (scheme.n, scheme.q, scheme.t, scheme.eta)
        assert stored == (n, q, t, 1), f"RingLWE should store n, q, t, eta = {(n, q, t, 1)}, got {stored}"
        assert scheme.delta == q // t, f"delta should be floor(q / t) = {q // t}, got {scheme.delta}"
        assert pow(scheme.psi, n, q) == q - 1, (
            f"psi = {scheme.psi} is not a primitive {2 * n}-th root of unity mod {q}")


@pytest.mark.points(2)
def test_noise_bound_value(impl):
    for n, q, eta in [(256, 7681, 1), (1024, 12289, 1), (64, 12289, 3)]:
        bound = impl.RingLWE(n=n, q=q, t=2, eta=eta).noise_bound()
        desired = eta + 2 * n * eta**2
        assert bound == desired, (
            f"noise_bound() is {bound} for n={n}, eta={eta}; the worst case of |e2 + e1 s - e r| is "
            f"eta + 2 n eta^2 = {desired} (each ring product of two eta-bounded polynomials sums n terms)"
        )


@pytest.mark.points(2)
def test_parameters_refused_by_the_noise_bound(impl):
    # 2 t (eta + 2 n eta^2) + 2 (t - 1)(q mod t) against q: refused >= q, accepted < q.
    # (64, 7681, 28) is refused only because of the (q mod t) term: Delta m falls short of q m / t.
    for n, q, t, eta in [(256, 7681, 8, 1), (1024, 12289, 4, 1), (256, 7681, 2, 2), (128, 12289, 24, 1),
                         (64, 7681, 28, 1)]:
        with pytest.raises(ValueError):
            impl.RingLWE(n=n, q=q, t=t, eta=eta)
            bound = eta + 2 * n * eta**2
            need = 2 * t * bound + 2 * (t - 1) * (q % t)
            pytest.fail(f"RingLWE(n={n}, q={q}, t={t}, eta={eta}) should raise ValueError: the noise can "
                        f"reach {bound}, and 2 t {bound} + 2 (t - 1)(q mod t) = {need} >= q")
    # (64, 40961, 103) is accepted with the factor (t - 1), refused with t.
    for n, q, t, eta in [(256, 7681, 4, 1), (1024, 12289, 2, 1), (256, 12289, 2, 2), (128, 12289, 23, 1),
                         (64, 7681, 27, 1), (64, 40961, 103, 1)]:
        impl.RingLWE(n=n, q=q, t=t, eta=eta)  # within the bound: must be accepted


@pytest.mark.points(1)
def test_scheme_input_checks(impl):
    for kwargs, why in [(dict(n=384, q=7681), "n = 384 is not a power of two"),
                        (dict(n=512, q=7681), "7681 is not 1 (mod 1024)"),
                        (dict(n=256, q=12801), "12801 = 3 * 4267 is not prime"),
                        (dict(n=256, q=7681, t=1), "t = 1"), (dict(n=256, q=7681, eta=0), "eta = 0"),
                        (dict(n=64, q=ntt_prime(64, 62)), "q > 2^62: a sum of two residues overflows int64")]:
        with pytest.raises(ValueError):
            impl.RingLWE(**kwargs)
            pytest.fail(f"RingLWE({kwargs}) should raise ValueError: {why}")
    n, q, t = 64, 12289, 4
    scheme = impl.RingLWE(n=n, q=q, t=t)
    _, pk = scheme.keygen(random_state=18)
    m = np.arange(n) % t
    for bad, why in [(np.where(m == 0, t, m), "a coefficient equal to t"),
                     (m - 1, "a negative coefficient"), (m[:32], "32 coefficients instead of 64"),
                     (m.astype(float) + 0.5, "float coefficients")]:
        with pytest.raises((ValueError, TypeError)):
            scheme.encrypt(pk, bad, random_state=1)
            pytest.fail(f"encrypt should raise ValueError for {why}")


@pytest.mark.points(2)
def test_keygen_structure(impl):
    for eta in (1, 3):
        _check_key(impl, eta)


def _check_key(impl, eta):
    n, q = 256, ntt_prime(256, 30)
    s, (b, a) = impl.RingLWE(n=n, q=q, t=2, eta=eta).keygen(random_state=10)
    for name, x in [("s", s), ("b", b), ("a", a)]:
        assert isinstance(x, np.ndarray) and x.shape == (n,) and x.dtype == np.int64, (
            f"keygen: {name} should be an int64 array of shape ({n},), got {getattr(x, 'shape', type(x))}")
        assert x.min() >= 0 and x.max() < q, (
            f"keygen: {name} should have entries in [0, q), got [{x.min()}, {x.max()}]")
    s_c = centred(s, q)
    assert np.abs(s_c).max() <= eta and set(s_c.tolist()) == set(range(-eta, eta + 1)), (
        f"the secret should have coefficients uniform in {{-eta, ..., eta}} (mod q) with eta={eta}; "
        f"its centred values are {sorted(set(s_c.tolist()))}")
    e = centred(-(b.astype(object) + exact_product(a, s, q)), q)  # b = -(a s + e)
    assert np.abs(e).max() <= eta and np.any(e != 0), (
        f"b should be -(a s + e) with e small; -(b + a s) has coefficients up to {np.abs(e).max()} "
        f"(eta={eta})")
    assert len(set(a.tolist())) > n // 2, "a should be uniform in [0, q)"


def _round_trips(impl, n, q, t, eta, count, seed):
    scheme = impl.RingLWE(n=n, q=q, t=t, eta=eta)
    s, pk = scheme.keygen(random_state=seed)
    rng = np.random.default_rng(seed)
    for i in range(count):
        m = rng.integers(0, t, n)
        m[:t] = np.arange(t)  # every digit occurs
        got = scheme.decrypt(s, scheme.encrypt(pk, m, random_state=seed * 1000 + i))
        assert_exact(got, m, f"decrypt(encrypt(m)) (n={n}, q={q}, t={t}, eta={eta}, message {i})",
                     baseline="m")


@pytest.mark.points(2)
def test_round_trips(impl):
    # 100 messages of n digits each (24,064 digits), on five parameter sets within the bound.
    for n, q, t, eta, count in [(256, 7681, 2, 1, 20), (256, 7681, 4, 1, 20), (1024, 12289, 2, 1, 8),
                                (256, 12289, 2, 2, 12), (64, 7681, 27, 1, 40)]:
        _round_trips(impl, n, q, t, eta, count, seed=n + t + eta)


@pytest.mark.points(1)
def test_encryption_noise_within_bound(impl):
    n, q, t = 256, 7681, 4
    scheme = impl.RingLWE(n=n, q=q, t=t, eta=1)
    s, pk = scheme.keygen(random_state=11)
    rng = np.random.default_rng(11)
    bound = 1 + 2 * n
    for i in range(10):
        m = rng.integers(0, t, n)
        u, v = scheme.encrypt(pk, m, random_state=100 + i)
        for name, x in [("u", u), ("v", v)]:
            assert isinstance(x, np.ndarray) and x.shape == (n,) and x.min() >= 0 and x.max() < q, (
                f"encrypt should return (u, v), int64 arrays of shape ({n},) in [0, q); {name} is not")
        noise = centred(v.astype(object) + exact_product(u, s, q) - (q // t) * m, q)
        assert np.abs(noise).max() <= bound, (
            f"v + u s - Delta m should be the small noise e2 + e1 s - e r (|.| <= {bound}), but it reaches "
            f"{np.abs(noise).max()}; check Delta = floor(q / t) and the signs")


@pytest.mark.points(1)
def test_noise_has_the_expected_variance(impl):
    # nu = e2 + e1 s - e r with e1, e2, r uniform on {-eta..eta} (variance sigma2 = eta(eta+1)/3).
    # Over 16 x 256 coefficients the sample variance has a relative standard error of about 2.2%,
    # so 10% is more than 4 standard errors; a missing e1, or eta ignored, changes it by 50% or more.
    n, q, t, eta = 256, 12289, 2, 2
    scheme = impl.RingLWE(n=n, q=q, t=t, eta=eta)
    s, pk = scheme.keygen(random_state=12)
    rng = np.random.default_rng(12)
    noise = []
    for i in range(16):
        m = rng.integers(0, t, n)
        u, v = scheme.encrypt(pk, m, random_state=200 + i)
        noise.append(centred(v.astype(object) + exact_product(u, s, q) - (q // t) * m, q))
    sigma2 = eta * (eta + 1) / 3
    s_c = centred(s, q)
    e_c = centred(-(pk[0].astype(object) + exact_product(pk[1], s, q)), q)  # b = -(a s + e)
    # Given the key, (e1 s)_k sums n terms +-e1_i s_j: variance sigma2 ||s||^2; likewise e r.
    expected = sigma2 * (1 + float(s_c @ s_c) + float(e_c @ e_c))
    variance = float(np.var(np.concatenate(noise)))
    assert abs(variance / expected - 1) < 0.1, (
        f"the decryption noise has variance {variance:.0f}; with r, e1, e2 uniform on {{-eta..eta}} "
        f"(eta={eta}) it should be about {expected:.0f}; check that encrypt adds e1 and e2, drawn with eta")


@pytest.mark.points(2)
def test_decrypt_at_the_noise_limit(impl):
    """Ciphertexts made here with the largest noise the rounding provably tolerates,
    |nu| <= L = floor((q - 2 (t - 1)(q mod t) - 1) / 2t), including +-L and m = 0 with negative noise."""
    # The last three: at q ~ 2^61 floats cannot resolve the limit; round with integers. Even at t = 2,
    # 2 t x + q reaches 5 q > 2^63: int64 overflows. In the very last, q = 1 (mod t), so m = t - 1
    # with noise +L lands 2^-34 below the next integer.
    q61 = ntt_prime(64, 61)
    for n, q, t in [(256, 7681, 2), (256, 7681, 3), (64, 12289, 16), (64, 7681, 27),
                    (64, q61, 2), (64, q61, 2**26), (64, ntt_prime(2**25, 61), 2**26)]:
        _check_limit(impl, n, q, t)


def _check_limit(impl, n, q, t):
    scheme = impl.RingLWE(n=n, q=q, t=t, eta=1)
    s, _ = scheme.keygen(random_state=13)
    limit = (q - 2 * (t - 1) * (q % t) - 1) // (2 * t)
    rng = np.random.default_rng(13)
    for _ in range(3):
        m = rng.integers(0, t, n)
        nu = rng.integers(-limit, limit + 1, n)
        nu[:8] = [limit, -limit, limit, -limit, -1, -limit, limit, 0]
        m[:8] = [0, 0, t - 1, t - 1, 0, 1, 1, t - 1]
        u = rng.integers(0, q, n)
        v = (-exact_product(u, s, q).astype(object) + (q // t) * m + nu) % q  # v + u s = Delta m + nu
        assert_exact(scheme.decrypt(s, (u, v.astype(np.int64))), m,
                     f"decrypt of a ciphertext with noise up to +-{limit} (q={q}, t={t})", baseline="m",
                     hint="round t (v + u s mod q) / q to the nearest integer, then reduce mod t")


@pytest.mark.points(2)
def test_decrypt_large_t_by_rounding(impl):
    """t = 2^26 and q ~ 2^61: a search over candidate messages cannot finish, and t x reaches 2^87."""
    n, t = 256, 2**26
    q = ntt_prime(n, 61)
    scheme = impl.RingLWE(n=n, q=q, t=t, eta=1)
    s, pk = scheme.keygen(random_state=14)
    rng = np.random.default_rng(14)
    for i in range(3):
        m = rng.integers(0, t, n)
        m[:2] = [0, t - 1]
        assert_exact(scheme.decrypt(s, scheme.encrypt(pk, m, random_state=300 + i)), m,
                     f"decrypt(encrypt(m)) with t = 2^26, q = {q}", baseline="m",
                     hint="compute round(t x / q) exactly (t x overflows int64), no search")


@pytest.mark.points(1)
def test_homomorphic_addition(impl):
    n, q, t = 256, 12289, 2
    scheme = impl.RingLWE(n=n, q=q, t=t, eta=1)
    s, pk = scheme.keygen(random_state=15)
    rng = np.random.default_rng(15)
    ms = rng.integers(0, t, (4, n))
    cts = [scheme.encrypt(pk, m, random_state=400 + i) for i, m in enumerate(ms)]
    total = scheme.add(cts[0], cts[1])
    u, v = total
    assert_exact(u, (cts[0][0] + cts[1][0]) % q, "add(ct1, ct2)[0]", baseline="(u1 + u2) mod q")
    assert_exact(v, (cts[0][1] + cts[1][1]) % q, "add(ct1, ct2)[1]", baseline="(v1 + v2) mod q")
    assert_exact(scheme.decrypt(s, total), (ms[0] + ms[1]) % t, "decrypt(add(ct1, ct2))",
                 baseline="(m1 + m2) mod t")
    for ct in cts[2:]:
        total = scheme.add(total, ct)
    assert_exact(scheme.decrypt(s, total), ms.sum(axis=0) % t, "decrypt of the sum of 4 ciphertexts",
                 baseline="(m1 + m2 + m3 + m4) mod t")


@pytest.mark.points(1)
def test_random_state(impl):
    n, q = 64, 12289
    scheme = impl.RingLWE(n=n, q=q, t=2)
    s, pk = scheme.keygen(random_state=16)
    s2, pk2 = scheme.keygen(random_state=16)
    assert np.array_equal(s, s2) and np.array_equal(pk[1], pk2[1]), "keygen with the same seed should repeat"
    assert not np.array_equal(scheme.keygen(random_state=17)[1][1], pk[1]), "keygen ignores random_state"
    m = np.arange(n) % 2
    c1, c2 = scheme.encrypt(pk, m, random_state=5), scheme.encrypt(pk, m, random_state=5)
    assert np.array_equal(c1[0], c2[0]) and np.array_equal(c1[1], c2[1]), (
        "encrypt with the same seed should repeat")
    c3 = scheme.encrypt(pk, m, random_state=6)
    assert not np.array_equal(c1[0], c3[0]), "encrypt ignores random_state: seeds 5 and 6 give the same u"
    d1, d2 = scheme.encrypt(pk, m), scheme.encrypt(pk, m)
    assert not np.array_equal(d1[0], d2[0]), "two encryptions with random_state=None should differ"
    assert_exact(scheme.decrypt(s, d1), m, "decrypt(encrypt(m, random_state=None))", baseline="m")
    s3, pk3 = scheme.keygen()
    assert_exact(scheme.decrypt(s3, scheme.encrypt(pk3, m)), m, "a round trip with random_state=None",
                 baseline="m")


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("cyclic NTT: the psi twist is skipped",
     "return _cyclic_ntt(mulmod(a, _powers(psi, len(a), q), q), psi * psi % q, q)",
     "return _cyclic_ntt(a, psi * psi % q, q)", "the definition A_k = a(psi^(2k+1))"),
    ("products of two coefficients in int64 whatever q", "if (q - 1) ** 2 <= INT64_MAX:", "if True:",
     "overflow"),
    ("noise bound without the factor n of a ring product", "return self.eta + 2 * self.n * self.eta**2",
     "return self.eta + 2 * self.eta**2", "each ring product of two eta-bounded polynomials sums n terms"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): the LPR
# scheme at ring degree n, t=2, eta=1, q the smallest prime above 2^25 with q = 1 (mod 2^17) (an NTT
# prime for every n <= 2^16): keys, then 8 messages of n bits encrypted and decrypted (25 ring
# products). No library does LPR: the baseline is the same work in numpy, each negacyclic product by
# a twisted complex FFT (exact here: every product is a residue times a small polynomial, below 2^42).
BENCH_MESSAGES = 8


def _bench_data(n):
    rng = np.random.default_rng(0)
    return ntt_prime(2**16, 25), rng.integers(0, 2, (BENCH_MESSAGES, n))


def _bench_impl(module, data):
    q, messages = data
    scheme = module.RingLWE(n=messages.shape[1], q=q, t=2, eta=1)
    s, pk = scheme.keygen(random_state=0)
    for i, m in enumerate(messages):
        scheme.decrypt(s, scheme.encrypt(pk, m, random_state=i + 1))


def _bench_baseline(data):
    q, messages = data
    n, t = messages.shape[1], 2
    delta, rng = q // t, np.random.default_rng(0)
    twist = np.exp(1j * np.pi * np.arange(n) / n)  # zeta^j, zeta a primitive 2n-th root of unity

    def mul(a, small):  # a * small in Z_q[x]/(x^n + 1): cyclic FFT product of the twisted inputs
        c = np.fft.ifft(np.fft.fft(a * twist) * np.fft.fft(small * twist)) / twist
        return np.rint(c.real).astype(np.int64) % q

    def small():
        return rng.integers(-1, 2, n)

    a, s = rng.integers(0, q, n), small()
    b = -(mul(a, s) + small()) % q
    for m in messages:
        r = small()
        u = (mul(a, r) + small()) % q
        v = (mul(b, r) + small() + delta * m) % q
        x = (v + mul(u, s)) % q
        (2 * t * x + q) // (2 * q) % t


BENCHMARK = {
    "what": "LPR ring-LWE at degree n (t=2, eta=1, a 26-bit NTT prime q): keys, 8 messages of n bits "
            "encrypted and decrypted (25 ring products); baseline: the same scheme in numpy with "
            "float FFT products (no library does LPR)",
    "size": 65_536, "check_size": 256,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "numpy",
    "hint": "Multiply in the ring with the O(n log n) NTT (log2 n vectorised butterfly stages on whole "
            "arrays), never the O(n^2) schoolbook product or a Vandermonde matrix; precompute "
            "psi once per scheme, and reduce with _mod (x - x // q * q), not NumPy's slow % "
            "(README: 'Butterflies').",
}
