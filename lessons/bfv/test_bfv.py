"""Hidden tests for the BFV lesson, graded against TenSEAL's BFV (Microsoft SEAL) and closed forms.

TenSEAL runs the same computations on the same slot vectors (its own keys and parameters,
poly_modulus_degree 8192); the decrypted slots must agree exactly, as integers mod t.

Plausible mistakes, and the tests that catch them:

- Delta computed with floats (int(q / t)) or rounded instead of floored -> test_delta_is_floor_of_q_over_t
- the tensor product scaled by t/q with floats (np.round(t * d / q)): 53 bits of precision for
  numbers of 2^184 -> test_tensor_product_matches_its_definition, test_x_times_y_times_w_matches_tenseal
- int64 coefficients multiplied without exact arithmetic (overflow) -> test_products_are_exact_with_a_small_q
  (q < 2^63, so the coefficients fit int64 but their products do not), and every product test
  with the default 160-bit q
- forgetting to centre the coefficients (of one or both ciphertexts) before the tensor product
  -> test_tensor_product_matches_its_definition (exact), and with both uncentred, several extra bits
  of noise per product -> test_multiplication_cost_in_predicted_interval; forgetting to centre in
  the noise budget -> test_noise_budget_matches_its_definition, test_fresh_noise_budget_in_predicted_interval
- the tensor product without (half of) the cross term c0 d1 + c1 d0, or rounding down instead of
  to the nearest -> test_tensor_product_matches_its_definition and every product test
- relinearisation digits in the wrong order or base, or a relinearisation key with the wrong sign
  -> test_relinearisation_keeps_the_message (and every relinearised product)
- no reduction mod q after relinearising (or after any operation)
  -> test_ciphertext_sizes_and_coefficient_range
- decrypting by trying every message: n = 1024 slots with t = 1032193 candidates each cannot finish
  within the worker's time limit -> test_encrypt_decrypt_full_slots and every TenSEAL comparison
- a noise budget off by a factor (no factor t, no -1 for the q/2, log of the noise instead of the
  budget) -> test_noise_budget_matches_its_definition, test_fresh_noise_budget_in_predicted_interval,
  test_addition_costs_at_most_one_bit
- ignoring random_state, or drawing encryption randomness once -> test_same_seed_same_keys_and_ciphertexts,
  test_random_state_none_gives_randomised_encryption
- missing checks -> test_rejects_bad_slots, test_rejects_bad_parameters, test_rejects_mismatched_parameters
"""

import math
from functools import cache

import numpy as np
import pytest
import tenseal as ts

from grader.testing import assert_equal_labels

T = 65537  # the default plaintext modulus (2^16 + 1)
T_BIG = 1032193  # a 20-bit prime with T_BIG = 1 (mod 2^15)
Q = 1461501637330902918203684832716283014725098076121  # the lesson's default q (160 bits)
Q100 = 1267650600228229398795308698301  # 100-bit prime, = 1 (mod T * T_BIG): a short chain
Q50 = 1125899906841263  # 50-bit prime, = 1 (mod 97): fits int64, its squares do not
SIGMA = math.sqrt(10.5)  # the error distribution's standard deviation (centred binomial, 21 pairs)

# ---------------------------------------------------------------------------- fixtures


@cache
def tenseal_context(t):
    """SEAL's BFV with 8192 slots: enough noise budget for two products."""
    return ts.context(ts.SCHEME_TYPE.BFV, poly_modulus_degree=8192, plain_modulus=t)


def seal(t, values):
    """The slots encrypted with TenSEAL (SEAL's BFV, its own keys)."""
    return ts.bfv_vector(tenseal_context(t), [int(v) for v in values])


def unseal(t, vector):
    """TenSEAL decrypts to centred integers (-t/2, t/2]: map them to [0, t) as the lesson does."""
    return np.mod(np.array(vector.decrypt(), dtype=np.int64), t)


def assert_slots(actual, desired, what, baseline="TenSEAL's"):
    actual = np.asarray(actual)
    assert actual.shape[0] >= desired.shape[0], (
        f"{what}: decrypt returned {actual.shape[0]} slots, expected at least {desired.shape[0]}")
    assert_equal_labels(actual[: desired.shape[0]], desired, what=what, baseline=baseline)


@pytest.fixture(scope="module")
def small(impl):
    """n = 64 slots, t = 65537, the default q: cheap, for the conventions and closed forms."""
    return impl.BFV(n=64, random_state=0).keygen()


@pytest.fixture(scope="module")
def default(impl):
    """The lesson's default parameters: n = 1024, q = Q (160 bits), t = 65537, w = 2^32."""
    return impl.BFV(random_state=1).keygen()


@pytest.fixture(scope="module")
def slots():
    rng = np.random.default_rng(7)
    return {name: rng.integers(0, T, 1024) for name in "xyzwp"}


@pytest.fixture(scope="module")
def enc(default, slots):
    return {name: default.encrypt(slots[name]) for name in "xyzw"}


@pytest.fixture(scope="module")
def xy(default, enc):
    return default.multiply(enc["x"], enc["y"])


@pytest.fixture(scope="module")
def xyw(default, enc, xy):
    return default.multiply(xy, enc["w"])


@pytest.fixture(scope="module")
def big_t(impl):
    """n = 512, t = 1032193 (20 bits), the default q."""
    return impl.BFV(n=512, t=T_BIG, random_state=2).keygen()


@pytest.fixture(scope="module")
def big_t_slots():
    rng = np.random.default_rng(8)
    return {name: rng.integers(0, T_BIG, 512) for name in "xyzp"}


@pytest.fixture(scope="module")
def chain(impl):
    """n = 256, a 100-bit q, w = 2^16: products of 1, 2, 3, 4, 5 fresh ciphertexts.

    Returns (budgets, fraction of slots right) for each length of the product.
    """
    scheme = impl.BFV(n=256, q=Q100, w=2**16, random_state=3).keygen()
    rng = np.random.default_rng(9)
    values = [rng.integers(0, T, 256) for _ in range(5)]
    acc, expected = scheme.encrypt(values[0]), values[0]
    budgets, right = [scheme.noise_budget(acc)], [np.mean(scheme.decrypt(acc) == expected)]
    for v in values[1:]:
        acc, expected = scheme.multiply(acc, scheme.encrypt(v)), expected * v % T
        budgets.append(scheme.noise_budget(acc))
        right.append(np.mean(scheme.decrypt(acc) == expected))
    return budgets, right


def negacyclic(a, b, q=None):
    """a b mod x^n + 1 (and mod q if given), schoolbook, in Python integers (trusted side)."""
    n = len(a)
    out = [0] * n
    for i, ai in enumerate(a):
        for j, bj in enumerate(b):
            if ai and bj:
                k = i + j
                out[k % n] += ai * bj if k < n else -ai * bj
    return out if q is None else [v % q for v in out]


def seal_budget(scheme, ct):
    """SEAL's invariant noise budget, in bits (not floored): log2(q/2) - log2 ||[t (c . s)]_q||."""
    q, t = scheme.q, scheme.t
    s = [int(v) for v in scheme.secret_key_]
    polys = ct.coefficients()
    x = polys[-1]
    for c in reversed(polys[:-1]):  # Horner: c0 + s (c1 + s c2)
        x = [(u + v) % q for u, v in zip(negacyclic(x, s, q), c, strict=True)]
    v = [(t * u) % q for u in x]
    norm = max(min(u, q - u) for u in v)
    return math.log2(q) - 1 - math.log2(norm)


# ---------------------------------------------------------------------------- API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_keygen_returns_self_and_keeps_parameters(impl):
    scheme = impl.BFV(n=64, q=Q100, t=T, w=2**20, random_state=0)
    assert scheme.keygen() is scheme, "keygen() should return self"
    got = (scheme.n, scheme.q, scheme.t, scheme.w, scheme.random_state)
    assert got == (64, Q100, T, 2**20, 0), f"the parameters changed: (n, q, t, w, random_state) = {got}"


@pytest.mark.points(1)
def test_delta_is_floor_of_q_over_t(impl):
    # q mod t = 96 > t/2: rounding q/t gives floor + 1; q > 2^200: q / t in floats loses ~150 bits.
    for q, t in ((97 * 2**150 + 96, 97), (2**201 + 12345, T), (Q, T_BIG)):
        delta = impl.BFV(n=16, q=q, t=t, random_state=0).keygen().delta_
        assert isinstance(delta, int) and delta == q // t, (
            f"delta_ should be floor(q / t) = q // t = {q // t} for q = {q}, t = {t}, got {delta!r} "
            "(compute it in integers: q / t is a float with 53 bits)")


@pytest.mark.points(1)
def test_secret_key_is_ternary(small):
    s = np.asarray(small.secret_key_)
    assert s.shape == (64,), f"secret_key_ should have shape (n,) = (64,), got {s.shape}"
    assert set(np.unique(s).tolist()) == {-1, 0, 1}, (
        f"secret_key_ should be ternary (coefficients -1, 0, 1, each drawn), got values {np.unique(s)}")


@pytest.mark.points(1)
@pytest.mark.public
def test_use_before_keygen_raises(impl):
    scheme = impl.BFV(n=64, random_state=0)
    with pytest.raises((ValueError, AttributeError), match="keygen"):
        scheme.encrypt([1, 2, 3])
    scheme.keygen()
    assert_slots(scheme.decrypt(scheme.encrypt([1, 2, 3])), np.array([1, 2, 3]),
                 "decrypt(encrypt([1, 2, 3]))", baseline="the message")


@pytest.mark.points(1)
def test_same_seed_same_keys_and_ciphertexts(impl):
    one, two, other = (impl.BFV(n=64, random_state=seed).keygen() for seed in (5, 5, 6))
    assert np.array_equal(one.secret_key_, two.secret_key_), "the same random_state gave two secret keys"
    assert not np.array_equal(one.secret_key_, other.secret_key_), "random_state 5 and 6 gave the same key"
    for values in ([1, 2, 3], [4, 5]):  # the second encryption draws fresh randomness from the same stream
        a, b = one.encrypt(values).coefficients(), two.encrypt(values).coefficients()
        assert a == b, "the same random_state and the same calls gave different ciphertexts"


@pytest.mark.points(1)
def test_random_state_none_gives_randomised_encryption(impl):
    scheme = impl.BFV(n=64).keygen()
    a, b = scheme.encrypt([7, 8, 9]), scheme.encrypt([7, 8, 9])
    assert a.coefficients() != b.coefficients(), (
        "two encryptions of the same slots are equal: u, e1, e2 are not redrawn")
    for i, (pa, pb) in enumerate(zip(a.coefficients(), b.coefficients(), strict=True)):
        # Different u make the two ciphertexts differ by a uniform-looking polynomial: with the same u
        # they would differ by the small e1, e2 only.
        largest = max(min((u - v) % Q, (v - u) % Q) for u, v in zip(pa, pb, strict=True))
        assert largest > Q // 4, (
            f"two encryptions of the same slots differ by at most {largest} in c{i}: draw a fresh "
            "ternary u for every encryption")
    for ct in (a, b):
        assert_slots(scheme.decrypt(ct), np.array([7, 8, 9]), "decrypt with random_state=None",
                     baseline="the message")


@pytest.mark.points(2)
def test_ciphertext_sizes_and_coefficient_range(small):
    x, y = small.encrypt(np.arange(64)), small.encrypt(np.arange(64, 0, -1))
    cases = {
        "encrypt": (x, 2), "add": (small.add(x, y), 2), "add_plain": (small.add_plain(x, [3] * 64), 2),
        "multiply_plain": (small.multiply_plain(x, [T - 1] * 64), 2),
        "multiply(relinearize=False)": (small.multiply(x, y, relinearize=False), 3),
        "multiply": (small.multiply(x, y), 2),
    }
    cases["relinearize"] = (small.relinearize(cases["multiply(relinearize=False)"][0]), 2)
    for name, (ct, size) in cases.items():
        polys = ct.coefficients()
        assert ct.size == size == len(polys), (
            f"{name}: expected {size} polynomials, got size {ct.size} and {len(polys)} lists")
        assert all(len(p) == 64 for p in polys), f"{name}: every polynomial should have n = 64 coefficients"
        low, high = min(min(p) for p in polys), max(max(p) for p in polys)
        assert 0 <= low and high < Q, (
            f"{name}: coefficients should be reduced to [0, q), found values in [{low}, {high}] (q = {Q})")


@pytest.mark.points(1)
def test_decrypt_returns_n_slots(small):
    out = np.asarray(small.decrypt(small.encrypt([5, 0, T - 1])))
    assert out.shape == (64,) and out.dtype.kind in "iu", (
        f"decrypt should return an integer array of shape (n,) = (64,), got {out.dtype} {out.shape}")
    expected = np.zeros(64, dtype=np.int64)
    expected[:3] = [5, 0, T - 1]
    assert_slots(out, expected, "decrypt(encrypt([5, 0, t - 1])) (missing slots are 0)",
                 baseline="the message")


# ---------------------------------------------------------------------------- agreement with TenSEAL


@pytest.mark.points(1)
@pytest.mark.public
def test_encrypt_decrypt_full_slots(default, enc, slots, big_t, big_t_slots):
    assert_slots(default.decrypt(enc["x"]), slots["x"], "decrypt(encrypt(x)), n = 1024, t = 65537",
                 baseline="x")
    assert_slots(big_t.decrypt(big_t.encrypt(big_t_slots["x"])), big_t_slots["x"],
                 "decrypt(encrypt(x)), n = 512, t = 1032193", baseline="x")


@pytest.mark.points(1)
def test_add_matches_tenseal(default, enc, slots):
    expected = unseal(T, seal(T, slots["x"]) + seal(T, slots["y"]))
    assert_slots(default.decrypt(default.add(enc["x"], enc["y"])), expected, "decrypt(add(x, y))")


@pytest.mark.points(1)
def test_add_plain_matches_tenseal(default, enc, slots):
    expected = unseal(T, seal(T, slots["x"]) + slots["p"].tolist())
    assert_slots(default.decrypt(default.add_plain(enc["x"], slots["p"])), expected,
                 "decrypt(add_plain(x, p))")


@pytest.mark.points(1)
def test_multiply_plain_matches_tenseal(default, enc, slots):
    expected = unseal(T, seal(T, slots["x"]) * slots["p"].tolist())
    assert_slots(default.decrypt(default.multiply_plain(enc["x"], slots["p"])), expected,
                 "decrypt(multiply_plain(x, p))")


@pytest.mark.points(2)
def test_x_times_y_plus_z_matches_tenseal(default, enc, slots, xy):
    expected = unseal(T, seal(T, slots["x"]) * seal(T, slots["y"]) + seal(T, slots["z"]))
    assert_slots(default.decrypt(default.add(xy, enc["z"])), expected, "decrypt(add(multiply(x, y), z))")


@pytest.mark.points(3)
def test_x_times_y_times_w_matches_tenseal(default, slots, xyw):
    expected = unseal(T, seal(T, slots["x"]) * seal(T, slots["y"]) * seal(T, slots["w"]))
    assert_slots(default.decrypt(xyw), expected,
                 "decrypt(multiply(multiply(x, y), w))")


@pytest.mark.points(2)
def test_product_before_relinearisation_decrypts(big_t, big_t_slots):
    x, y = (big_t.encrypt(big_t_slots[name]) for name in "xy")
    product = big_t.multiply(x, y, relinearize=False)
    assert product.size == 3, f"multiply(relinearize=False) should keep 3 polynomials, got {product.size}"
    expected = unseal(T_BIG, seal(T_BIG, big_t_slots["x"]) * seal(T_BIG, big_t_slots["y"]))
    assert_slots(big_t.decrypt(product), expected,
                 "decrypt(multiply(x, y, relinearize=False)) (c0 + c1 s + c2 s^2; t = 1032193)")
    # A ciphertext of two polynomials plus one of three: the missing c2 counts as 0.
    z = big_t_slots["z"]
    expected = unseal(T_BIG, seal(T_BIG, big_t_slots["x"]) * seal(T_BIG, big_t_slots["y"]) + seal(T_BIG, z))
    assert_slots(big_t.decrypt(big_t.add(big_t.encrypt(z), product)), expected,
                 "decrypt(add(z, multiply(x, y, relinearize=False))) (sizes 2 and 3)")


@pytest.mark.points(2)
def test_relinearisation_keeps_the_message(big_t, big_t_slots):
    x, z = (big_t.encrypt(big_t_slots[name]) for name in "xz")
    product = big_t.relinearize(big_t.multiply(x, x, relinearize=False))
    assert product.size == 2, f"relinearize should return 2 polynomials, got {product.size}"
    x_seal = seal(T_BIG, big_t_slots["x"])
    expected = unseal(T_BIG, x_seal * x_seal + seal(T_BIG, big_t_slots["z"]))
    assert_slots(big_t.decrypt(big_t.add(product, z)), expected,
                 "decrypt(add(relinearize(x * x), z)) (check the digits' order and the key's sign)")


@pytest.mark.points(2)
def test_tensor_product_matches_its_definition(small):
    x, y = small.encrypt(np.arange(64) * 997), small.encrypt(np.arange(64, 0, -1))
    a, b = x.coefficients(), y.coefficients()
    a0, a1, b0, b1 = ([v - Q if v > Q // 2 else v for v in poly] for poly in (*a, *b))  # centred
    d0, d2 = negacyclic(a0, b0), negacyclic(a1, b1)
    d1 = [u + v for u, v in zip(negacyclic(a0, b1), negacyclic(a1, b0), strict=True)]
    expected = [[(2 * T * v + Q) // (2 * Q) % Q for v in d] for d in (d0, d1, d2)]
    got = small.multiply(x, y, relinearize=False).coefficients()
    assert len(got) == 3, f"multiply(relinearize=False) should return 3 polynomials, got {len(got)}"
    for i, (e, g) in enumerate(zip(expected, got, strict=True)):
        wrong = [j for j in range(64) if e[j] != g[j]]
        assert not wrong, (
            f"multiply(x, y, relinearize=False): polynomial c{i} differs from round(t/q * tensor product) "
            f"at {len(wrong)} of 64 coefficients, first at {wrong[0]}: "
            f"expected {e[wrong[0]]}, got {g[wrong[0]]}. "
            "Take the centred coefficients (-q/2, q/2] of both ciphertexts, multiply them exactly over the "
            "integers (no mod q), and round t d / q in integers")


@pytest.mark.points(2)
def test_products_are_exact_with_a_small_q(impl):
    # q < 2^63: every coefficient fits int64, but a product of two is near 2^98: int64 overflows,
    # floats keep 53 bits. Exact integers (poly_mul) are the only way through.
    scheme = impl.BFV(n=16, q=Q50, t=97, w=2**10, random_state=4).keygen()
    rng = np.random.default_rng(10)
    x, y, p = (rng.integers(0, 97, 16) for _ in range(3))
    product = scheme.multiply(scheme.encrypt(x), scheme.encrypt(y))
    assert_slots(scheme.decrypt(product), x * y % 97, "q = 2^50, t = 97: decrypt(multiply(x, y))",
                 baseline="x * y mod t")
    assert_slots(scheme.decrypt(scheme.multiply_plain(product, p)), x * y % 97 * p % 97,
                 "q = 2^50, t = 97: decrypt(multiply_plain(x * y, p))", baseline="x * y * p mod t")


# ---------------------------------------------------------------------------- the noise budget


@pytest.mark.points(2)
def test_noise_budget_matches_its_definition(small):
    x, y = small.encrypt(np.arange(64)), small.encrypt(np.arange(64) * 1000)
    cases = {"fresh": x, "multiply(relinearize=False)": small.multiply(x, y, relinearize=False),
             "multiply": small.multiply(x, y)}
    for name, ct in cases.items():
        expected, got = seal_budget(small, ct), small.noise_budget(ct)
        # Both are the same exact integer computation followed by two float logarithms.
        assert isinstance(got, float) and abs(got - expected) < 1e-6, (
            f"noise_budget of a {name} ciphertext: expected log2(q/2) - log2(max|[t (c0 + c1 s)]_q|) "
            f"= {expected:.4f} bits, got {got!r}")


def fresh_prediction(n, q, t):
    """log2(q/2) - log2(t * max|e|), with max|e| ~ sqrt(2 ln 2n) sigma sqrt(4n/3) (README)."""
    largest = math.sqrt(2 * math.log(2 * n)) * SIGMA * math.sqrt(4 * n / 3)
    return math.log2(q) - 1 - math.log2(t) - math.log2(largest)


@pytest.mark.points(2)
def test_fresh_noise_budget_in_predicted_interval(default, enc):
    predicted = fresh_prediction(1024, Q, T)
    for name in "xyz":
        got = default.noise_budget(enc[name])
        # The maximum of 1024 noise coefficients varies by a few tenths of a bit from key to key.
        assert abs(got - predicted) <= 0.75, (
            f"the noise budget of a fresh ciphertext should be {predicted:.2f} +- 0.75 bits "
            f"(README 'What to expect'), got {got:.2f}")


@pytest.mark.points(1)
def test_addition_costs_at_most_one_bit(default, enc, slots):
    x, y = enc["x"], enc["y"]
    bx, by = default.noise_budget(x), default.noise_budget(y)
    doubled = default.noise_budget(default.add(x, x))
    # x + x has exactly twice the noise of x (q = 1 mod t): one bit, up to float rounding.
    assert abs(bx - doubled - 1) < 1e-3, f"add(x, x) should cost exactly 1 bit: {bx:.4f} -> {doubled:.4f}"
    total = default.noise_budget(default.add(x, y))
    # The sum's noise is at most the sum of the two (one bit), and hardly ever below the larger one.
    assert min(bx, by) - 1 - 1e-9 <= total <= min(bx, by) + 0.1, (
        f"add(x, y) should cost between 0 and 1 bit of the smaller budget {min(bx, by):.3f}, got {total:.3f}")
    plain = default.noise_budget(default.add_plain(x, slots["p"]))
    assert abs(plain - bx) < 0.01, f"add_plain should cost (almost) nothing: {bx:.3f} -> {plain:.3f}"


@pytest.mark.points(2)
def test_multiplication_cost_in_predicted_interval(default, xy, xyw, chain):
    # README 'What to expect': multiplying by a fresh ciphertext costs log2 t + log2 n - 2 bits
    # (+- 1.5), once the noise is well above the relinearisation noise.
    budgets, _ = chain
    drops = {"n = 256, second product": budgets[1] - budgets[2],
             "n = 256, third product": budgets[2] - budgets[3],
             "n = 1024, (x y) w": default.noise_budget(xy) - default.noise_budget(xyw)}
    for name, drop in drops.items():
        n = 1024 if "1024" in name else 256
        predicted = math.log2(T) + math.log2(n) - 2
        assert abs(drop - predicted) <= 1.5, (
            f"{name}: a product should cost {predicted:.1f} +- 1.5 bits of noise budget, it cost {drop:.2f} "
            "(centre the coefficients before the tensor product)")


@pytest.mark.points(2)
def test_decryption_fails_once_the_budget_is_spent(chain):
    budgets, right = chain
    for k, (budget, fraction) in enumerate(zip(budgets, right, strict=True)):
        if budget > 1:
            assert fraction == 1, (
                f"a product of {k + 1} ciphertexts has {budget:.1f} bits of budget left but only "
                f"{fraction:.0%} of its slots decrypt right")
    # n = 256, q = 2^100: about 75 bits fresh, 22.5 per product: the fourth product overflows.
    assert budgets[3] > 1 and right[3] == 1, (
        f"3 products should still decrypt (budgets {np.round(budgets, 2)})")
    assert budgets[4] < 0.05, f"after 4 products the budget should be spent (~0), got {budgets[4]:.3f}"
    assert right[4] < 0.1, (
        f"after 4 products the noise has wrapped around, yet {right[4]:.0%} of the slots decrypt right")


# ---------------------------------------------------------------------------- edge cases and errors


@pytest.mark.parametrize("bad, words", [
    ([[0, T], [-1, 3]], r"\[0, t\)"), ([list(range(65))], "at most"), ([[1.5, 2.0]], "integer"),
], ids=["slots-outside-0-t", "too-many-slots", "float-slots"])
@pytest.mark.points(1)
def test_rejects_bad_slots(small, bad, words):
    x = small.encrypt([1])
    for values in bad:
        with pytest.raises(ValueError, match=words):
            small.encrypt(values)
        with pytest.raises(ValueError, match=words):
            small.multiply_plain(x, values)


@pytest.mark.points(1)
@pytest.mark.public
def test_rejects_bad_parameters(impl):
    bad = {"n = 100 (not a power of two)": dict(n=100), "t = 65536 (not a prime)": dict(n=64, t=65536),
           "t = 97 with n = 64 (t != 1 mod 2n)": dict(n=64, t=97),
           "q = 1000 (smaller than t^2)": dict(n=64, q=1000)}
    for what, params in bad.items():
        with pytest.raises(ValueError):
            impl.BFV(**params, random_state=0).keygen()
            pytest.fail(f"keygen accepted {what}")


@pytest.mark.points(1)
def test_rejects_mismatched_parameters(impl, small):
    other = impl.BFV(n=64, t=257, random_state=0).keygen()  # 257 = 1 (mod 128)
    x, y = small.encrypt([1, 2]), other.encrypt([3, 4])
    for call in (lambda: small.add(x, y), lambda: small.multiply(x, y), lambda: small.decrypt(y)):
        with pytest.raises(ValueError, match="q, t|parameters"):
            call()


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("the tensor product forgets the cross term c0 d1 + c1 d0",
     "poly_mul(a0, b1) + poly_mul(a1, b0)", "0 * a0", "decrypt(add(multiply(x, y), z))"),
    ("the tensor product uses the coefficients in [0, q) instead of centred ones",
     "a0, a1 = (centre(c, self.q) for c in a.c)\n        b0, b1 = (centre(c, self.q) for c in b.c)",
     "a0, a1 = a.c\n        b0, b1 = b.c", "centred coefficients"),
    ("the relinearisation digits are taken most significant first",
     "digit = c2 // self.w**i % self.w", "digit = c2 // self.w**(len(self.relin_key_) - 1 - i) % self.w",
     "digits' order"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py): BFV at ring
# degree n (n slots), t = 65537, and q = SEAL's default data modulus for degree 4096 (its two 36-bit
# primes; SEAL's third, 37-bit prime is the special prime of its key switching, where the lesson
# relinearises with base-2^32 digits): keys, two n-slot vectors encrypted, one relinearised product,
# decrypted. SEAL's 128-bit security caps q at 54 bits below degree 4096, too little for a product,
# so TenSEAL runs at degree max(n, 4096).
Q_SEAL_4096 = 0xFFFFEE001 * 0xFFFFC4001  # SEAL's CoeffModulus::BFVDefault(4096) without its last prime


def _bench_data(n):
    rng = np.random.default_rng(0)
    return rng.integers(0, T, n), rng.integers(0, T, n)


def _bench_impl(module, data):
    x, y = data
    bfv = module.BFV(n=len(x), q=Q_SEAL_4096, t=T, random_state=0).keygen()
    bfv.decrypt(bfv.multiply(bfv.encrypt(x), bfv.encrypt(y)))


def _bench_baseline(data):
    x, y = data
    context = ts.context(ts.SCHEME_TYPE.BFV, poly_modulus_degree=max(len(x), 4096), plain_modulus=T)
    (ts.bfv_vector(context, x.tolist()) * ts.bfv_vector(context, y.tolist())).decrypt()


BENCHMARK = {
    "what": "BFV at ring degree n, t=65537, q = SEAL's 72-bit default for degree 4096: keys, two "
            "n-slot vectors encrypted, one relinearised product, decrypted (TenSEAL at degree "
            "max(n, 4096): SEAL allows no product below 4096)",
    "size": 4096, "check_size": 256,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "TenSEAL",
    "hint": "Multiply polynomials exactly with Kronecker substitution (one big-integer product), not "
            "a schoolbook double loop, centre before the tensor product, and round t d / q with "
            "integer arithmetic on whole arrays (README: 'Exact products: Kronecker substitution').",
}
