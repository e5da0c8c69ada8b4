"""Hidden tests for the LWE lesson (Regev encryption), graded against closed forms.

There is no baseline library for Regev's scheme, so the tests check what can be proven: the
trusted side reads the learner's secret key ``s`` (a public attribute, for teaching) and
computes every noise ``v - <u, s> - Delta mu`` itself, with its own reductions mod q.

Plausible mistakes, and the tests that catch them:

- an error range so wide that decryption fails now and then (defaults that violate
  ``2 m B < Delta``) -> test_default_parameters_satisfy_the_bound, test_round_trip_never_fails
- a bound check with an off-by-one (``<=``), a factor 2 (``m B < Delta``) or q / t as a float
  instead of floor(q / t) -> test_bound_check_at_the_edge
- the carry term ``(k - 1)(q mod t)`` forgotten in sums -> test_noise_bound_closed_form,
  test_max_summands_closed_form
- decryption by brute force over candidate messages -> the ``t=2^24`` cases of
  test_round_trip_never_fails and test_decrypt_rounds_to_nearest_multiple_of_delta (thousands of
  ciphertexts with 16.7 million candidates each: a search cannot finish within the 10 s limit)
- int64 overflow: ``(U * s).sum()`` or ``U @ s`` without reducing each product, with a prime q just
  below 2^31 and a uniform secret -> the ``q~2^31`` cases of test_round_trip_never_fails,
  test_error_is_uniform_on_minus_B_to_B, test_decrypt_rounds_to_nearest_multiple_of_delta
- Delta = q // 2 whatever t is -> test_parameters_are_stored, test_round_trip_never_fails (t > 2)
- floor instead of round in decryption, or ``round(x / Delta) % t`` that misses the wrap-around
  of a negative noise on mu = 0 when t does not divide q ->
  test_decrypt_rounds_to_nearest_multiple_of_delta, test_round_trip_never_fails
- BFV's ``round(t x / q)`` instead of the nearest multiple of Delta (fails when q mod t is large)
  -> test_round_trip_never_fails and test_decrypt_rounds_to_nearest_multiple_of_delta (t=2^24)
- forgetting mod q (U, v or sums not reduced, x not reduced) ->
  test_ciphertext_shapes_dtypes_and_ranges, test_add_two_batches, the ``q mod t`` cases
- r not binary ({-1, 0, 1}, uniform mod q, a biased coin), one r for the whole batch, or
  ``integers(0, 1)`` (always 0: the message in clear) -> test_fresh_noise_is_e_dot_binary_r,
  test_each_message_gets_its_own_r
- error drawn from [0, B] (biased) or [-B, B) -> test_error_is_uniform_on_minus_B_to_B
- a small or biased secret -> test_secret_and_A_are_uniform_mod_q
- random_state ignored or a fixed seed -> test_same_seed_same_keys_and_ciphertexts
- validation missing -> test_invalid_parameters_raise, test_bad_messages_raise,
  test_bad_ciphertexts_raise
"""

import numpy as np
import pytest

Q31 = 2_146_999_991  # a prime just below 2^31: products of residues reach 2^62, and no t divides it.
# Not the Mersenne prime 2^31 - 1: there 2^64 = 4 (mod q), so an int64 sum that wraps around
# (an error of a multiple of 2^64) is off by a multiple of 4 only, and overflow would hardly show.


def dot_mod(U, s, q):
    """<u_i, s> mod q on the trusted side, every product reduced (no int64 overflow)."""
    U = np.asarray(U).astype(np.int64) % q
    s = np.asarray(s).astype(np.int64) % q
    return (U * s % q).sum(axis=-1) % q


def centred(x, q):
    """x mod q as the representative in (-q/2, q/2]."""
    x = np.asarray(x, dtype=np.int64) % q
    return np.where(x > q // 2, x - q, x)


def true_noise(scheme, ciphertext, messages, q, t):
    """v - <u, s> - Delta (mu mod t), centred, from the learner's secret key."""
    U, v = ciphertext
    mu = np.asarray(messages, dtype=np.int64) % t
    return centred(np.asarray(v).astype(np.int64) % q - dot_mod(U, scheme.s, q) - (q // t) * mu, q)


def public_errors(scheme, q):
    """e = b - A s mod q, centred: the errors the learner drew for the public key."""
    return centred(np.asarray(scheme.b).astype(np.int64) % q - dot_mod(scheme.A, scheme.s, q), q)


def overflow_hint(q):
    if q > 2**30:
        return (f" With q = {q}, a product of two residues is near 2^62: reduce each product mod q "
                "before summing (U * s % q), or the int64 sum overflows.")
    return ""


def as_ciphertext(c, k, n, what="encrypt"):
    """The pair (U, v) with its shapes checked, as int64 arrays."""
    assert isinstance(c, tuple) and len(c) == 2, (
        f"{what} should return a pair (U, v) of arrays, got {type(c).__name__}"
    )
    U, v = np.asarray(c[0]), np.asarray(c[1])
    assert U.shape == (k, n) and v.shape == (k,), (
        f"{what} should return U of shape {(k, n)} and v of shape {(k,)}, got {U.shape} and {v.shape}"
    )
    return U, v


# (n, q, m, t, B) of the round trips: one id per thing that can go wrong
ROUND_TRIPS = {
    "bits-t=2-defaults": None,
    "t=16-divides-q=2^16": dict(n=64, q=2**16, m=256, t=16, B=3),
    "t=10-q=12289-prime": dict(n=32, q=12289, m=128, t=10, B=4),
    "t=7-q~2^31-overflow": dict(n=128, q=Q31, m=128, t=7, B=2**16),
    "t=2^24-no-search": dict(n=16, q=Q31, m=16, t=2**24, B=3),
}
DEFAULTS = dict(n=64, q=65537, m=256, t=2, B=4)


def make(impl, params, seed):
    return impl.Regev(random_state=seed) if params is None else impl.Regev(**params, random_state=seed)


# ---------------------------------------------------------------------- 1. API conventions


@pytest.mark.points(1)
@pytest.mark.public
def test_parameters_are_stored(impl):
    scheme = impl.Regev(n=32, q=12289, m=128, t=10, B=4, random_state=3)
    stored = (scheme.n, scheme.q, scheme.m, scheme.t, scheme.B, scheme.random_state)
    assert stored == (32, 12289, 128, 10, 4, 3), (
        f"Regev should store (n, q, m, t, B, random_state) = (32, 12289, 128, 10, 4, 3), got {stored}"
    )
    assert scheme.check_bound is True, "check_bound should default to True"
    assert scheme.delta == 12289 // 10, (
        f"delta should be Delta = q // t = 12289 // 10 = 1228, got {scheme.delta}"
    )


@pytest.mark.points(1)
def test_key_shapes_dtypes_and_ranges(impl):
    scheme = impl.Regev(n=24, q=Q31, m=40, t=2, B=5, random_state=0)
    for name, shape in (("s", (24,)), ("A", (40, 24)), ("b", (40,))):
        value = np.asarray(getattr(scheme, name))
        assert value.shape == shape, f"{name} should have shape {shape}, got {value.shape}"
        assert value.dtype == np.int64, f"{name} should be int64, got {value.dtype}"
        assert value.min() >= 0 and value.max() < Q31, (
            f"{name} should hold residues in [0, q) = [0, {Q31}), got values in "
            f"[{value.min()}, {value.max()}]"
        )


@pytest.mark.points(1)
@pytest.mark.parametrize("params", [dict(n=32, q=12289, m=128, t=10, B=4),
                                    dict(n=48, q=Q31, m=200, t=3, B=1000)],
                         ids=["q=12289", "q~2^31"])
def test_ciphertext_shapes_dtypes_and_ranges(impl, params):
    scheme = impl.Regev(**params, random_state=1)
    mu = np.random.default_rng(1).integers(0, params["t"], 300)
    U, v = as_ciphertext(scheme.encrypt(mu), 300, params["n"])
    q = params["q"]
    for name, part in (("U", U), ("v", v)):
        assert part.dtype == np.int64, f"{name} should be int64, got {part.dtype}"
        assert part.min() >= 0 and part.max() < q, (
            f"{name} should be reduced mod q into [0, {q}), got values in [{part.min()}, {part.max()}]"
        )
    decrypted = np.asarray(scheme.decrypt((U, v)))
    assert decrypted.shape == (300,) and decrypted.dtype == np.int64, (
        f"decrypt should return an int64 array of shape (300,), got {decrypted.dtype} {decrypted.shape}"
    )


@pytest.mark.points(1)
def test_same_seed_same_keys_and_ciphertexts(impl):
    mu = np.arange(50) % 2
    one, two, other = (impl.Regev(random_state=seed) for seed in (5, 5, 6))
    for name in ("s", "A", "b"):
        assert np.array_equal(getattr(one, name), getattr(two, name)), (
            f"two schemes with random_state=5 should have the same {name}"
        )
    c1, c2 = one.encrypt(mu), two.encrypt(mu)
    assert np.array_equal(c1[0], c2[0]) and np.array_equal(c1[1], c2[1]), (
        "two schemes with random_state=5 should give the same ciphertexts for the same calls: "
        "draw everything from one np.random.default_rng(random_state)"
    )
    assert not np.array_equal(one.s, other.s), "random_state=5 and 6 gave the same secret key"


@pytest.mark.points(1)
def test_random_state_none_is_randomised(impl):
    one, two = impl.Regev(), impl.Regev()
    assert not np.array_equal(one.s, two.s), "two keys drawn with random_state=None are equal"
    mu = np.array([1, 0, 1])
    c1, c2 = one.encrypt(mu), one.encrypt(mu)
    assert not np.array_equal(c1[0], c2[0]), "two encryptions of the same messages are equal"
    assert np.array_equal(one.decrypt(c1), mu) and np.array_equal(one.decrypt(c2), mu), (
        "with random_state=None, decrypt(encrypt([1, 0, 1])) is not [1, 0, 1]"
    )


@pytest.mark.points(1)
def test_each_message_gets_its_own_r(impl):
    scheme = impl.Regev(random_state=2)
    U, v = as_ciphertext(scheme.encrypt(np.zeros(200, dtype=np.int64)), 200, 64)
    distinct = np.unique(U, axis=0).shape[0]
    assert distinct == 200, (
        f"200 encryptions of 0 gave only {distinct} distinct u: draw a new r for every message"
    )
    assert np.count_nonzero(U) > U.size // 2, (
        "u = A^T r is mostly 0: is r ever 1? (rng.integers(0, 1) is always 0; use integers(0, 2))"
    )


@pytest.mark.points(1)
def test_default_parameters_satisfy_the_bound(impl):
    scheme = impl.Regev(random_state=0)
    n, q, m, t, B = scheme.n, scheme.q, scheme.m, scheme.t, scheme.B
    assert (n, q, m, t, B) == tuple(DEFAULTS.values()), (
        f"the defaults should be {DEFAULTS}, got n={n}, q={q}, m={m}, t={t}, B={B}"
    )
    assert 2 * m * B < q // t, f"the defaults violate 2 m B < Delta: 2*{m}*{B} >= {q // t}"


# ------------------------------------------------------- 2. correctness, against closed forms


@pytest.mark.points(1)
@pytest.mark.parametrize("case", list(ROUND_TRIPS), ids=list(ROUND_TRIPS))
@pytest.mark.public
def test_round_trip_never_fails(impl, case):
    params = ROUND_TRIPS[case] or DEFAULTS
    n, q, m, t, B = (params[key] for key in "nqmtB")
    scheme = make(impl, ROUND_TRIPS[case], seed=11)
    k = 2000
    mu = np.random.default_rng(4).integers(0, t, k)
    mu[:2] = [0, t - 1]  # the two ends of the message range
    c = scheme.encrypt(mu)  # thousands of encryptions in one call
    U, v = as_ciphertext(c, k, n)
    decrypted = np.asarray(scheme.decrypt(c))  # and decryptions
    wrong = np.flatnonzero(decrypted != mu)
    if wrong.size:
        i = wrong[0]
        raise AssertionError(
            f"decrypt(encrypt(messages)) differs from the messages at {wrong.size} of {k} positions "
            f"(n={n}, q={q}, m={m}, t={t}, B={B}); first at index {i}: decrypted {decrypted[i]}, "
            f"encrypted {mu[i]}." + overflow_hint(q)
        )
    # every fresh noise must lie within the proven bound m B
    noise = true_noise(scheme, (U, v), mu, q, t)
    assert np.abs(noise).max() <= m * B, (
        f"a fresh ciphertext carries noise {np.abs(noise).max()}, above the bound m*B = {m * B}: "
        "is r binary and e in [-B, B]?" + overflow_hint(q)
    )


# (n, q, m, t, B) of the decryption cases, with the message list and noise list the trusted side
# encodes itself; every noise has |N| < Delta / 2, so rounding must recover every message.
CRAFTED = {
    "Delta=1228-q_mod_t=9": dict(n=32, q=12289, m=128, t=10, B=4),
    "t=2^24-Delta=127-q_mod_t~2^24": dict(n=16, q=Q31, m=16, t=2**24, B=3),
    "bits-q=65537": dict(n=64, q=65537, m=256, t=2, B=4),
}


@pytest.mark.parametrize("case", [pytest.param(case, marks=pytest.mark.points(2 if "2^24" in case else 1))
                                  for case in CRAFTED], ids=list(CRAFTED))
def test_decrypt_rounds_to_nearest_multiple_of_delta(impl, case):
    params = CRAFTED[case]
    n, q, t = params["n"], params["q"], params["t"]
    delta = q // t
    radius = (delta - 1) // 2  # the largest |N| with |N| < Delta / 2
    rng = np.random.default_rng(0)
    noise = np.arange(-radius, radius + 1)
    if noise.size > 2000:  # keep the extremes, sample the middle
        noise = np.concatenate([noise[:500], noise[-500:], rng.choice(noise, 1000)])
    # every noise with mu = 0, with mu = t - 1, and with random messages (several rounds for small Delta)
    repeats = max(1, 6000 // noise.size - 2)
    N = np.tile(noise, repeats + 2)
    mu = np.concatenate([np.zeros(noise.size, dtype=np.int64), np.full(noise.size, t - 1),
                         rng.integers(0, t, noise.size * repeats)])
    scheme = impl.Regev(**params, random_state=3)
    U = rng.integers(0, q, (N.size, n))
    v = (dot_mod(U, scheme.s, q) + delta * mu + N) % q
    decrypted = np.asarray(scheme.decrypt((U, v)))
    wrong = np.flatnonzero(decrypted != mu)
    if wrong.size:
        i = wrong[0]
        raise AssertionError(
            f"decrypt fails on {wrong.size} of {N.size} ciphertexts whose noise is below Delta/2 = "
            f"{delta}/2 (q={q}, t={t}); first: message {mu[i]} with noise {N[i]} decrypted to "
            f"{decrypted[i]}. Round x = v - <u, s> mod q to the NEAREST multiple of Delta, "
            "counting multiples mod q (a small negative noise on 0 gives x just below q)."
            + overflow_hint(q)
        )


@pytest.mark.points(2)
def test_fresh_noise_is_e_dot_binary_r(impl):
    """With r uniform in {0,1}^m, the noise e^T r has mean sum(e)/2 and variance sum(e^2)/4."""
    q, t, k = 65537, 2, 4000
    scheme = impl.Regev(n=32, q=q, m=256, t=t, B=4, random_state=8)
    e = public_errors(scheme, q)
    c = scheme.encrypt(np.zeros(k, dtype=np.int64))
    N = true_noise(scheme, c, np.zeros(k), q, t).astype(float)
    mean, var = e.sum() / 2, (e.astype(float) ** 2).sum() / 4
    # 6 standard errors of the mean: a correct r fails with probability ~1e-9
    assert abs(N.mean() - mean) <= 6 * np.sqrt(var / k), (
        f"the noise of fresh encryptions has mean {N.mean():.1f}; a binary r gives sum(e)/2 = {mean:.1f}"
    )
    # the sample variance has a relative standard error sqrt(2/k) = 2.2%; 15% is ~7 of them,
    # while r in {-1, 0, 1} multiplies it by 8/3 and one r for the batch gives 0
    assert abs(N.var() / var - 1) <= 0.15, (
        f"the noise of fresh encryptions has variance {N.var():.0f}; r uniform in {{0, 1}}^m gives "
        f"sum(e^2)/4 = {var:.0f}. Is r binary, fair and drawn anew for every message?"
    )


@pytest.mark.points(2)
def test_error_is_uniform_on_minus_B_to_B(impl):
    q, B, m = Q31, 3, 1024
    scheme = impl.Regev(n=16, q=q, m=m, t=2, B=B, random_state=4)
    e = public_errors(scheme, q)
    assert np.abs(e).max() <= B, (
        f"b - A s mod q has an entry {e[np.argmax(np.abs(e))]} outside [-B, B] = [-{B}, {B}]."
        + overflow_hint(q)
    )
    # with 1024 draws, each of the 7 values appears with probability 1 - 7 (6/7)^1024 ~ 1
    assert e.min() == -B and e.max() == B, (
        f"the errors span [{e.min()}, {e.max()}]; drawn uniformly from [-B, B] they reach both -{B} and {B}"
    )
    # standard errors: 0.0625 for the mean, 0.11 for the variance (B (B + 1) / 3 = 4)
    assert abs(e.mean()) <= 0.4 and abs(e.var() - B * (B + 1) / 3) <= 0.6, (
        f"the errors have mean {e.mean():.2f} and variance {e.var():.2f}; uniform on [-B, B] gives "
        f"0 and B(B+1)/3 = {B * (B + 1) / 3:.2f}"
    )


@pytest.mark.points(1)
def test_secret_and_A_are_uniform_mod_q(impl):
    q = 65537
    scheme = impl.Regev(n=512, q=q, m=512, t=2, B=4, random_state=5)
    s, A = np.asarray(scheme.s, dtype=float), np.asarray(scheme.A, dtype=float)
    # the mean of n uniform residues has standard error q / sqrt(12 n): 0.013 q for s, 0.0006 q for A
    for name, x, tol in (("s", s, 0.07), ("A", A, 0.005)):
        assert abs(x.mean() / q - 0.5) <= tol and x.min() < 0.05 * q and x.max() > 0.95 * q, (
            f"{name} should be uniform in [0, q) = [0, {q}): its entries have mean {x.mean():.0f} and "
            f"range [{x.min():.0f}, {x.max():.0f}]"
        )


@pytest.mark.points(1)
@pytest.mark.parametrize("params", [dict(n=32, q=65537, m=128, t=2, B=8),
                                    dict(n=32, q=12289, m=128, t=10, B=2)], ids=["bits-xor", "t=10"])
def test_add_two_batches(impl, params):
    q, t, k = params["q"], params["t"], 1000
    scheme = impl.Regev(**params, random_state=6)
    rng = np.random.default_rng(6)
    mu1, mu2 = rng.integers(0, t, k), rng.integers(0, t, k)
    total = scheme.add(scheme.encrypt(mu1), scheme.encrypt(mu2))
    U, v = as_ciphertext(total, k, params["n"], what="add")
    assert U.min() >= 0 and U.max() < q and v.min() >= 0 and v.max() < q, (
        f"add should reduce both parts mod q into [0, {q})"
    )
    decrypted = np.asarray(scheme.decrypt(total))
    wrong = np.flatnonzero(decrypted != (mu1 + mu2) % t)
    assert wrong.size == 0, (
        f"decrypt(add(encrypt(a), encrypt(b))) differs from (a + b) mod {t} at {wrong.size} of {k} "
        f"positions; first: {mu1[wrong[0]]} + {mu2[wrong[0]]} gave {decrypted[wrong[0]]}"
        if wrong.size else ""
    )


SUMS = {
    # (n, q, m, t, B), the proven number of terms, and the message pattern
    "t=16-15-terms": (dict(n=32, q=65537, m=64, t=16, B=2), 15),
    "t=100-q_mod_t=99-5-terms": (dict(n=16, q=100099, m=16, t=100, B=1), 5),
}


@pytest.mark.points(2)
@pytest.mark.parametrize("case", list(SUMS), ids=list(SUMS))
def test_sum_up_to_max_summands(impl, case):
    params, terms = SUMS[case]
    n, q, m, t, B = (params[key] for key in "nqmtB")
    k = 1000
    scheme = impl.Regev(**params, random_state=9)
    rng = np.random.default_rng(9)
    messages = rng.integers(0, t, (terms, k))
    messages[:, : k // 2] = t - 1  # the largest carries: the (k - 1)(q mod t) term at its worst
    total = scheme.encrypt(messages[0])
    for row in messages[1:]:
        total = scheme.add(total, scheme.encrypt(row))
    U, v = as_ciphertext(total, k, n, what="add")
    expected = messages.sum(axis=0) % t
    decrypted = np.asarray(scheme.decrypt(total))
    wrong = np.flatnonzero(decrypted != expected)
    assert wrong.size == 0, (
        f"the sum of {terms} ciphertexts (the proven maximum for n={n}, q={q}, m={m}, t={t}, B={B}) "
        f"decrypts wrongly at {wrong.size} of {k} positions; first: {decrypted[wrong[0]]} instead of "
        f"{expected[wrong[0]]}" if wrong.size else ""
    )
    bound = terms * m * B + (terms - 1) * (q % t)
    noise = true_noise(scheme, (U, v), messages.sum(axis=0), q, t)
    assert np.abs(noise).max() <= bound, (
        f"the sum of {terms} ciphertexts carries noise {np.abs(noise).max()}, above the bound "
        f"k m B + (k - 1)(q mod t) = {bound}"
    )


# (m, B, q, t, terms) -> terms m B + (terms - 1)(q mod t)
BOUNDS = {
    "fresh-defaults": ((256, 4, 65537, 2, 1), 1024),
    "15-terms-q_mod_t=1": ((256, 4, 65537, 2, 15), 15 * 1024 + 14),
    "3-terms-t-divides-q": ((128, 4, 65536, 16, 3), 1536),
    "2-terms-q_mod_t~2^24": ((16, 3, Q31, 2**24, 2), 96 + Q31 % 2**24),
    "5-terms-q_mod_t=99": ((16, 1, 100099, 100, 5), 80 + 4 * 99),
}


@pytest.mark.points(2)
def test_noise_bound_closed_form(impl):
    for case, (args, expected) in BOUNDS.items():
        got = impl.noise_bound(*args[:4], terms=args[4])
        assert isinstance(got, (int, np.integer)) and got == expected, (
            f"noise_bound(m, B, q, t, terms) for {case} {args}: got {got}, expected "
            f"terms*m*B + (terms-1)*(q % t) = {expected}"
        )
    assert impl.noise_bound(256, 4, 65537, 2) == 1024, "terms should default to 1 (a fresh ciphertext)"


# (m, B, q, t) -> the largest k with 2 (k m B + (k - 1)(q mod t)) < Delta
SUMMANDS = {
    "defaults": ((256, 4, 65537, 2), 15),
    "t-divides-q": ((128, 4, 65536, 16), 3),
    "q_mod_t=99": ((16, 1, 100099, 100), 5),
    "q_mod_t=99-Delta=900": ((16, 1, 90099, 100), 4),
    "q_mod_t~2^24": ((16, 3, Q31, 2**24), 1),
    "edge-valid": ((16, 4, 258, 2), 1),
    "edge-invalid": ((16, 4, 256, 2), 0),
}


@pytest.mark.points(2)
def test_max_summands_closed_form(impl):
    for case, (args, expected) in SUMMANDS.items():
        got = impl.max_summands(*args)
        assert isinstance(got, (int, np.integer)) and got == expected, (
            f"max_summands(m, B, q, t) for {case} {args}: got {got}, expected {expected}, the "
            "largest k with 2 (k m B + (k - 1)(q mod t)) < Delta"
        )


@pytest.mark.points(2)
def test_failure_rate_rises_beyond_the_bound(impl):
    """n=16, q=4096, m=64, t=2: Delta = 2048, so the bound allows B <= 15 (2 * 64 * 15 < 2048).

    The failure rate depends on the key (the noise has mean sum(e)/2), so it is measured over
    8 keys x 500 messages for each B.
    """
    mu = np.random.default_rng(7).integers(0, 2, 500)
    rates = {}
    for B in (15, 150, 250, 400):
        failures = 0
        for seed in range(8):
            scheme = impl.Regev(n=16, q=4096, m=64, t=2, B=B, check_bound=False, random_state=seed)
            failures += int(np.sum(np.asarray(scheme.decrypt(scheme.encrypt(mu))) != mu))
        rates[B] = failures / (8 * mu.size)
    shown = ", ".join(f"B={B}: {rate:.4f}" for B, rate in rates.items())
    assert rates[15] == 0, f"within the bound (B=15) decryption must never fail; failure rates {shown}"
    # The reference averages 0.04, 0.21 and 0.42 over other seeds (lowest seen: 0.002, 0.08, 0.26), and
    # each step up in B raised the rate by at least 0.08 in 100 repetitions.
    assert rates[150] >= 0.001 and rates[150] < rates[250] < rates[400], (
        f"far beyond the bound the failure rate should be clearly > 0 and rise with B; got {shown}"
    )


# ------------------------------------------------------------ 3. edge cases and messages


@pytest.mark.points(2)
@pytest.mark.parametrize("t, q_ok, q_bad", [(2, 258, 256), (5, 649, 644)],
                         ids=["t-divides-q", "q/t=128.8"])
def test_bound_check_at_the_edge(impl, t, q_ok, q_bad):
    """m B = 64: Delta = 129 is accepted (128 < 129), Delta = 128 is refused (128 >= 128)."""
    scheme = impl.Regev(n=8, q=q_ok, m=16, t=t, B=4, random_state=0)
    mu = np.random.default_rng(0).integers(0, t, 2000)
    assert np.array_equal(scheme.decrypt(scheme.encrypt(mu)), mu), (
        f"at the edge of the bound (q={q_ok}, t={t}, m*B=64 < Delta/2 = 129/2) decryption failed"
    )
    with pytest.raises(ValueError) as caught:
        impl.Regev(n=8, q=q_bad, m=16, t=t, B=4, random_state=0)
    text = str(caught.value)
    assert "64" in text and "128" in text, (
        f"the error should state the bound with the values (m*B = 64, Delta = {q_bad} // {t} = 128), "
        f"got {text!r}"
    )
    impl.Regev(n=8, q=q_bad, m=16, t=t, B=4, check_bound=False, random_state=0)  # the documented flag


INVALID = {
    "q-float": dict(q=65537.0),
    "t=1": dict(t=1),
    "B=0": dict(B=0),
    "n=0": dict(n=0),
    "m=-1": dict(m=-1),
    "q<2t": dict(q=3, t=2),
    "q>2^31": dict(q=2**31 + 11),
    "m*B-too-large": dict(B=64),
}


@pytest.mark.points(1)
@pytest.mark.public
def test_invalid_parameters_raise(impl):
    for case, bad in INVALID.items():
        try:
            impl.Regev(**bad, random_state=0)
        except (TypeError, ValueError):
            continue
        raise AssertionError(f"Regev({bad}) ({case}) should raise a ValueError or TypeError")


@pytest.mark.points(1)
def test_bad_messages_raise(impl):
    bits, wide = impl.Regev(random_state=0), impl.Regev(t=16, B=1, random_state=0)
    with pytest.raises(ValueError, match="7"):
        bits.encrypt(np.array([0, 1, 7]))  # not a bit
    with pytest.raises(ValueError, match="-5"):
        bits.encrypt(np.array([-5, 1]))
    with pytest.raises(ValueError, match="16"):
        wide.encrypt(np.array([3, 16]))  # outside [0, t)
    with pytest.raises(ValueError):
        wide.encrypt(np.array([0.5, 1.0]))  # not integers
    with pytest.raises(ValueError):
        wide.encrypt(np.zeros((2, 2), dtype=np.int64))  # not 1-D


@pytest.mark.points(1)
def test_bad_ciphertexts_raise(impl):
    scheme = impl.Regev(random_state=0)
    U, v = scheme.encrypt(np.array([0, 1, 1]))
    with pytest.raises(ValueError):
        scheme.decrypt((U[:, :10], v))  # another dimension n
    with pytest.raises(ValueError):
        scheme.decrypt((U, v[:2]))  # batch sizes disagree
    with pytest.raises(ValueError):
        scheme.decrypt((U, v + 65537))  # not reduced mod q
    with pytest.raises(ValueError):
        scheme.add((U, v), (U[:2], v[:2]))  # batches of different sizes


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("rounds down instead of to the nearest multiple of Delta",
     "return (x + self.delta // 2) % self.q // self.delta % self.t", "return x // self.delta % self.t",
     "NEAREST multiple of Delta"),
    ("sums the products <u, s> before reducing them: int64 overflow for q near 2^31",
     "return (X * y % q).sum(axis=1) % q", "return (X * y).sum(axis=1) % q", "overflows"),
    ("uses Delta = q // 2 whatever t is", "delta = q // t\n", "delta = q // 2\n", "Delta = q // t"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py), at the
# lesson's default parameters (n=64, q=65537, m=256, t=2, B=4): key generation, two batches of k
# bits encrypted, added and decrypted. No library does Regev's scheme: the baseline is the same
# work written here in numpy (binary R @ A for U, every product reduced mod q for <u, s>).
def _bench_data(k):
    rng = np.random.default_rng(0)
    return rng.integers(0, 2, k), rng.integers(0, 2, k)


def _bench_impl(module, data):
    bits1, bits2 = data
    scheme = module.Regev(**DEFAULTS, random_state=0)
    scheme.decrypt(scheme.add(scheme.encrypt(bits1), scheme.encrypt(bits2)))


def _bench_baseline(data):
    bits1, bits2 = data
    n, q, m, t, B = (DEFAULTS[key] for key in "nqmtB")
    delta = q // t
    rng = np.random.default_rng(0)
    s = rng.integers(0, q, n)
    A = rng.integers(0, q, (m, n))
    b = (dot_mod(A, s, q) + rng.integers(-B, B + 1, m)) % q

    def encrypt(mu):
        R = rng.integers(0, 2, (len(mu), m))
        return R @ A % q, (R @ b + delta * mu) % q

    (U1, v1), (U2, v2) = encrypt(bits1), encrypt(bits2)
    U, v = (U1 + U2) % q, (v1 + v2) % q
    x = (v - dot_mod(U, s, q)) % q
    (x + delta // 2) % q // delta % t


BENCHMARK = {
    "what": "Regev at n=64, q=65537, m=256, t=2, B=4: keys, two batches of k bits encrypted, added and "
            "decrypted; baseline: the same numpy computation written on the trusted side (no library "
            "does Regev's scheme)",
    "size": 10_000, "check_size": 600,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "numpy",
    "hint": "Encrypt the whole batch at once: one binary matrix R of shape (k, m), then U = R @ A % q "
            "and v = (R @ b + Delta mu) % q, and decrypt with one vectorised <u, s> for all rows, "
            "never a Python loop over messages (README: 'Cost').",
}
