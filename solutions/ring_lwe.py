"""Ring-LWE: arithmetic in R_q = Z_q[x]/(x^n + 1), the number-theoretic transform, and the LPR scheme.

Ring-LWE replaces the random matrix of LWE by multiplication with a random polynomial ``a`` in

    R_q = Z_q[x] / (x^n + 1),    n a power of two,  x^n = -1,

so a key is n numbers instead of n^2 and a product costs O(n log n) with the negacyclic
number-theoretic transform (NTT). With psi a primitive 2n-th root of unity mod a prime
q = 1 (mod 2n) (psi^n = -1), the NTT evaluates a polynomial at the n roots of x^n + 1:

    NTT(a)_k = a(psi^(2k+1)) = sum_j a_j psi^((2k+1) j)  (mod q),   k = 0 .. n-1,

and turns the negacyclic product into a pointwise one: NTT(a b) = NTT(a) * NTT(b).

The LPR public-key scheme (Lyubashevsky, Peikert, Regev), plaintexts m in R_t, Delta = floor(q/t):

    keygen:   s, e small;  a uniform;      pk = (b, a),  b = -(a s + e)
    encrypt:  r, e1, e2 small;             u = a r + e1,  v = b r + e2 + Delta m
    decrypt:  v + u s = Delta m + (e2 + e1 s - e r);   m = round(t (v + u s mod q) / q) mod t

Every coefficient of the noise e2 + e1 s - e r is at most eta + 2 n eta^2 in absolute value
(a ring product of two eta-bounded polynomials sums n terms), so decryption never fails when
2 t (eta + 2 n eta^2) + 2 (t - 1) (q mod t) < q.

References: Lyubashevsky, Peikert, Regev, "On Ideal Lattices and Learning with Errors over Rings",
EUROCRYPT 2010; Longa, Naehrig, "Speeding up the Number Theoretic Transform for Faster Ideal
Lattice-Based Cryptography", CANS 2016; Cooley, Tukey, "An algorithm for the machine calculation of
complex Fourier series", Math. Comp. 1965.
"""

import functools
import secrets

import numpy as np

INT64_MAX = 2**63 - 1


def mulmod(a, b, q):
    """Exact elementwise ``a * b mod q`` of int64 arrays with entries in [0, q), for any q < 2**62.

    Parameters
    ----------
    a, b : int64 arrays (broadcastable) or ints in [0, q)
    q : int, the modulus

    Notes
    -----
    A product of two residues reaches (q - 1)^2, which overflows int64 (silently!) once
    q > 2^31.5. Then the products are taken in Python's unbounded ints (dtype=object).

    Example
    -------
    >>> mulmod(np.array([2**60]), np.array([2**60]), 2**61 - 1)
    array([576460752303423488])
    """
    # TODO: README 'Exact arithmetic in int64'.
    ### BEGIN SOLUTION
    if (q - 1) ** 2 <= INT64_MAX:  # the int64 product is exact
        return _mod(np.asarray(a, dtype=np.int64) * b, q)  # % q, faster (see _mod)
    # Python ints never overflow; convert back once reduced below q.
    return (np.asarray(a).astype(object) * np.asarray(b).astype(object) % q).astype(np.int64)
    ### END SOLUTION


def polymul_schoolbook(a, b, q):
    """The negacyclic product a * b in Z_q[x]/(x^n + 1), in O(n^2), exact for any q < 2**62.

    Parameters
    ----------
    a, b : int64 arrays of shape (n,), coefficients (constant term first) in [0, q)
    q : int, the modulus

    Returns
    -------
    c : int64 array of shape (n,) in [0, q)

    Notes
    -----
    x^i b is b shifted up i places, the coefficients pushed past x^(n-1) coming back negated
    (x^n = -1). With M the matrix of these rows, c = sum_i a_i x^i b = a @ M.

    Example
    -------
    >>> polymul_schoolbook(np.array([0, 1]), np.array([0, 1]), 17)  # x * x = x^2 = -1
    array([16,  0])
    """
    # TODO: README 'The ring R_q' and 'Exact arithmetic in int64'.
    ### BEGIN SOLUTION
    a, b, n = _as_poly(a, q), _as_poly(b, q, "b"), len(a)
    if len(b) != n:
        raise ValueError(f"a and b must have the same length, received {n} and {len(b)}")
    # int64 sums of n products of residues are exact up to 2^63; beyond, use Python ints.
    dtype = np.int64 if n * (q - 1) ** 2 <= INT64_MAX else object
    i, k = np.arange(n)[:, None], np.arange(n)[None, :]
    # Row i is x^i * b: b[k - i] where k >= i, and -b[k - i + n] for the wrapped part.
    M = np.where(k >= i, 1, -1) * b.astype(dtype)[(k - i) % n]  # (n, n)
    return (a.astype(dtype) @ M % q).astype(np.int64)
    ### END SOLUTION


def find_psi(n, q):
    """A primitive 2n-th root of unity mod q: psi^n = -1 (mod q), so psi has order exactly 2n.

    Parameters
    ----------
    n : int, a power of two
    q : int, a prime with q = 1 (mod 2n)

    Returns
    -------
    psi : int in [2, q)

    Notes
    -----
    For any g, psi = g^((q-1)/(2n)) satisfies psi^(2n) = 1; its order is exactly 2n iff
    psi^n = g^((q-1)/2) = -1, i.e. iff g is not a square mod q. Try g = 2, 3, ... and check.

    Example
    -------
    >>> find_psi(4, 17)  # 3^2 = 9 and 9^4 = 16 = -1 (mod 17)
    9
    """
    # TODO: README 'Roots of unity'.
    ### BEGIN SOLUTION
    if n < 1 or n & (n - 1):
        raise ValueError(f"n must be a power of two, received {n}")
    if q % (2 * n) != 1 or not _is_prime(q):
        raise ValueError(f"q must be a prime with q = 1 (mod 2n = {2 * n}), received q = {q}")
    for g in range(2, q):
        psi = pow(g, (q - 1) // (2 * n), q)
        if pow(psi, n, q) == q - 1:  # order 2n, not a divisor of n
            return psi
    ### END SOLUTION


def butterfly(x, w, q):
    """One Cooley-Tukey stage: each block [u, v] of 2h entries becomes [u + w v, u - w v] mod q.

    Parameters
    ----------
    x : int64 array of shape (n,) in [0, q), with n a multiple of 2h
    w : int64 array of shape (h,), the twiddle factors, in [0, q)
    q : int, the modulus

    Returns
    -------
    int64 array of shape (n,)

    Example
    -------
    >>> butterfly(np.array([1, 2, 3, 4]), np.array([1, 4]), 17)  # h = 2: u = [1, 2], v = [3, 4]
    array([ 4,  1, 15,  3])
    """
    # TODO: README 'Butterflies'.
    ### BEGIN SOLUTION
    x, h = np.asarray(x), len(w)
    if len(x) % (2 * h):
        raise ValueError(f"len(x) must be a multiple of 2 len(w), received {len(x)} and {h}")
    x = x.reshape(-1, 2, h)  # (n / 2h, 2, h): the halves u and v of each block
    t = mulmod(x[:, 1], w, q)  # (n / 2h, h): w_j v_j, reduced before the sum can overflow
    y = np.empty(x.shape, dtype=np.int64)  # written in place: no np.stack copy
    np.add(x[:, 0], t, out=y[:, 0])
    np.subtract(x[:, 0], t, out=y[:, 1])
    return _mod(y, q).reshape(-1)  # both halves, in (-q, 2q), reduced in one pass
    ### END SOLUTION


def ntt(a, q, psi):
    """The negacyclic NTT, ``A[k] = a(psi^(2k+1)) mod q`` for k = 0 .. n-1, in O(n log n).

    Parameters
    ----------
    a : int64 array of shape (n,) in [0, q), n a power of two
    q : int, a modulus with q = 1 (mod 2n)
    psi : int, a primitive 2n-th root of unity mod q (``pow(psi, n, q) == q - 1``)

    Returns
    -------
    A : int64 array of shape (n,), in natural order

    Notes
    -----
    Twisting, a_j -> a_j psi^j, turns the evaluation at psi^(2k+1) into a cyclic transform
    with omega = psi^2: A_k = sum_j (a_j psi^j) omega^(jk). That one is computed from the
    bit-reversed input by log2(n) butterfly stages, h = 1, 2, ..., n/2, with twiddles
    (omega^(n/2h))^j, j < h.
    """
    # TODO: README 'The negacyclic NTT'.
    ### BEGIN SOLUTION
    a = _as_poly(a, q)
    _check_psi(psi, len(a), q)
    return _cyclic_ntt(mulmod(a, _powers(psi, len(a), q), q), psi * psi % q, q)
    ### END SOLUTION


def intt(A, q, psi):
    """The inverse of :func:`ntt`: ``a_j = n^-1 psi^-j sum_k A_k psi^(-2jk) mod q``.

    Parameters
    ----------
    A : int64 array of shape (n,) in [0, q), in natural order
    q, psi : as in :func:`ntt`

    Returns
    -------
    a : int64 array of shape (n,)
    """
    # TODO: README 'The inverse transform'.
    ### BEGIN SOLUTION
    A = _as_poly(A, q, "A")
    n = len(A)
    _check_psi(psi, n, q)
    psi_inv = pow(psi, -1, q)
    x = _cyclic_ntt(A, psi_inv * psi_inv % q, q)  # the cyclic transform with omega^-1
    # Undo the twist and divide by n in one product: n^-1 psi^-j.
    return mulmod(x, mulmod(_powers(psi_inv, n, q), pow(n, -1, q), q), q)
    ### END SOLUTION


def polymul_ntt(a, b, q, psi=None):
    """The negacyclic product a * b in Z_q[x]/(x^n + 1) by NTT, pointwise product, inverse NTT.

    Parameters
    ----------
    a, b : int64 arrays of shape (n,) in [0, q)
    q : int, a prime with q = 1 (mod 2n)
    psi : int or None, a primitive 2n-th root of unity mod q; None finds one

    Returns
    -------
    c : int64 array of shape (n,), equal to ``polymul_schoolbook(a, b, q)``
    """
    # TODO: README 'The negacyclic NTT' (the convolution theorem).
    ### BEGIN SOLUTION
    a, b = _as_poly(a, q), _as_poly(b, q, "b")
    if len(b) != len(a):
        raise ValueError(f"a and b must have the same length, received {len(a)} and {len(b)}")
    psi = find_psi(len(a), q) if psi is None else psi
    return intt(mulmod(ntt(a, q, psi), ntt(b, q, psi), q), q, psi)
    ### END SOLUTION


class RingLWE:
    """The LPR public-key encryption scheme over R_q = Z_q[x]/(x^n + 1), plaintexts in R_t.

    For learning only: toy parameters, no constant-time code, no side-channel care.

    Parameters
    ----------
    n : int, the ring degree, a power of two
    q : int, the ciphertext modulus, a prime with q = 1 (mod 2n) and q < 2**62
    t : int, the plaintext modulus (messages are polynomials with coefficients in [0, t))
    eta : int, secrets and errors have coefficients drawn uniformly from {-eta, ..., eta}

    Attributes
    ----------
    n, q, t, eta : the parameters
    delta : int, floor(q / t), the scale of the message inside v
    psi : int, the primitive 2n-th root of unity used by the NTT

    Notes
    -----
    Keys and ciphertexts are plain data: ``s`` an int64 array, ``pk = (b, a)`` and
    ``ct = (u, v)`` tuples of int64 arrays, all with entries in [0, q). Decryption computes

        v + u s = Delta m + nu,    nu = e2 + e1 s - e r,    |nu_k| <= eta + 2 n eta^2,

    and rounds t (v + u s mod q) / q. It is always right when 2 t |nu_k| + 2 (t - 1) (q mod t) < q;
    the constructor refuses parameters for which the worst-case noise could break this.

    Example
    -------
    >>> scheme = RingLWE(n=256, q=7681, t=2)
    >>> s, pk = scheme.keygen(random_state=0)
    >>> m = np.arange(256) % 2
    >>> bool(np.all(scheme.decrypt(s, scheme.encrypt(pk, m, random_state=1)) == m))
    True
    """

    def __init__(self, n, q, t=2, eta=1):
        # TODO: README 'The noise bound' (which parameters to refuse).
        ### BEGIN SOLUTION
        if q >= 2**62:
            raise ValueError(f"q must be below 2**62 (a sum of two residues must fit in int64), received {q}")
        if t < 2 or eta < 1:
            raise ValueError(f"t must be >= 2 and eta >= 1, received t = {t}, eta = {eta}")
        self.n, self.q, self.t, self.eta = n, q, t, eta
        self.delta = q // t
        self.psi = find_psi(n, q)  # also checks n and q
        if 2 * t * self.noise_bound() + 2 * (t - 1) * (q % t) >= q:
            raise ValueError(
                f"q = {q} is too small for n = {n}, t = {t}, eta = {eta}: the noise can reach "
                f"{self.noise_bound()}, and decryption needs 2 t noise + 2 (t - 1) (q mod t) < q"
            )
        ### END SOLUTION

    def noise_bound(self):
        """The largest possible |coefficient| of the decryption noise e2 + e1 s - e r: eta + 2 n eta^2."""
        ### BEGIN SOLUTION
        return self.eta + 2 * self.n * self.eta**2
        ### END SOLUTION

    def keygen(self, random_state=None):
        """A secret key s and a public key pk = (b, a), b = -(a s + e).

        random_state : None (the operating system's CSPRNG) or an int seed (for tests and teaching only)
        """
        # TODO: README 'The LPR encryption scheme'.
        ### BEGIN SOLUTION
        rng = _rng(random_state)
        a = rng.integers(0, self.q, self.n)  # (n,) uniform in R_q
        s, e = self._small(rng), self._small(rng)
        b = _mod(-(self._mul(a, s) + e), self.q)
        return s, (b, a)
        ### END SOLUTION

    def encrypt(self, pk, m, random_state=None):
        """The ciphertext (u, v) = (a r + e1, b r + e2 + Delta m) of a message m with coefficients in [0, t).

        random_state : None (the operating system's CSPRNG) or an int seed (for tests and teaching only)
        """
        # TODO: README 'The LPR encryption scheme' (reduce each summand below q before adding).
        ### BEGIN SOLUTION
        m = np.asarray(m)
        if m.shape != (self.n,) or m.dtype.kind not in "iub" or m.min() < 0 or m.max() >= self.t:
            raise ValueError(f"m must be {self.n} integers in [0, t = {self.t}), received {m!r}")
        b, a = (_as_poly(p, self.q, "pk") for p in pk)
        rng = _rng(random_state)
        r, e1, e2 = self._small(rng), self._small(rng), self._small(rng)
        q, psi = self.q, self.psi
        R = ntt(r, q, psi)  # shared by a r and b r: five transforms instead of six
        ar, br = (intt(mulmod(ntt(p, q, psi), R, q), q, psi) for p in (a, b))
        u = _mod(ar + e1, q)
        # Each summand is reduced below q < 2^62, so no sum of two overflows.
        v = _mod(br + _mod(e2 + self.delta * m.astype(np.int64), q), q)
        return u, v
        ### END SOLUTION

    def decrypt(self, s, ct):
        """The message m = round(t (v + u s mod q) / q) mod t, computed by rounding (no search)."""
        # TODO: README 'The LPR encryption scheme' (round with integers: t x can pass 2^63).
        ### BEGIN SOLUTION
        u, v = (_as_poly(p, self.q, "ct") for p in ct)
        x = _mod(v + self._mul(u, _as_poly(s, self.q, "s")), self.q)  # Delta m + noise (mod q)
        # round(t x / q) = floor((2 t x + q) / (2 q)), in Python ints when 2 t x + q can pass 2^63.
        if 2 * self.t * (self.q - 1) + self.q > INT64_MAX:
            x = x.astype(object)
        return ((2 * self.t * x + self.q) // (2 * self.q) % self.t).astype(np.int64)
        ### END SOLUTION

    def add(self, ct1, ct2):
        """A ciphertext of m1 + m2 (mod t): the componentwise sum (u1 + u2, v1 + v2) mod q."""
        ### BEGIN SOLUTION
        (u1, v1), (u2, v2) = ct1, ct2
        return (u1 + u2) % self.q, (v1 + v2) % self.q
        ### END SOLUTION

    def _small(self, rng):
        """A polynomial with coefficients uniform in {-eta, ..., eta}, stored mod q."""
        return _mod(rng.integers(-self.eta, self.eta + 1, self.n), self.q)

    def _mul(self, a, b):
        return polymul_ntt(a, b, self.q, self.psi)


def _as_poly(a, q, name="a"):
    """``a`` as a 1-D int64 array of length a power of two with entries in [0, q), or a ValueError."""
    if not 2 <= q < 2**62:
        raise ValueError(f"q must satisfy 2 <= q < 2**62, received {q}")
    a = np.asarray(a)
    if a.ndim != 1 or a.dtype.kind not in "iu" or len(a) < 1 or len(a) & (len(a) - 1):
        raise ValueError(
            f"{name} must be a 1-D integer array whose length is a power of two, "
            f"received shape {a.shape} and dtype {a.dtype}"
        )
    if a.min() < 0 or a.max() >= q:
        raise ValueError(f"{name} must have entries in [0, q = {q}), received [{a.min()}, {a.max()}]")
    return a.astype(np.int64)


def _mod(x, q):
    """``x % q`` for an int64 array ``x`` that may be overwritten, computed as x - (x // q) q.

    The same numbers, several times faster: NumPy divides int64 by a scalar with a multiplication
    and a shift (libdivide), but computes % with one hardware division per entry.
    """
    x -= x // q * q
    return x


def _check_psi(psi, n, q):
    if pow(int(psi), n, q) != q - 1:
        raise ValueError(
            f"psi = {psi} is not a primitive 2n-th root of unity mod q = {q} for n = {n}: "
            f"psi^n = {pow(int(psi), n, q)}, not q - 1"
        )


def _cyclic_ntt(x, omega, q):
    """A_k = sum_j x_j omega^(jk) mod q: bit-reverse, then log2(n) butterfly stages."""
    n = len(x)
    W = _powers(omega, n // 2, q)  # (n / 2,) omega^0 .. omega^(n/2 - 1)
    x = x[_bit_reverse(n)]
    h = 1
    while h < n:  # blocks of 2h: combine two transforms of length h into one of length 2h
        x = butterfly(x, W[:: n // (2 * h)], q)  # (h,) powers of omega^(n/2h), a 2h-th root of 1
        h *= 2
    return x


@functools.lru_cache(maxsize=64)  # the same few tables are needed over and over
def _bit_reverse(n):
    """The permutation that reverses the log2(n) bits of each index, e.g. n = 8: [0, 4, 2, 6, 1, 5, 3, 7]."""
    bits = n.bit_length() - 1
    j, r = np.arange(n), np.zeros(n, dtype=np.int64)
    for b in range(bits):
        r |= ((j >> b) & 1) << (bits - 1 - b)
    r.setflags(write=False)
    return r


@functools.lru_cache(maxsize=256)
def _powers(w, m, q):
    """[w^0, w^1, ..., w^(m-1)] mod q as int64, by doubling: log2(m) vectorised steps."""
    p = np.ones(1, dtype=np.int64)
    while len(p) < m:
        p = np.concatenate([p, mulmod(p, pow(w, len(p), q), q)])
    p = p[:m]
    p.setflags(write=False)
    return p


def _is_prime(q):
    """Miller-Rabin with the first 12 primes as bases: deterministic for q < 3.3e24."""
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


def _rng(random_state):
    """A NumPy generator: seeded for tests and teaching, else from the operating system's CSPRNG."""
    if random_state is None:
        return np.random.default_rng(secrets.randbits(128))
    return np.random.default_rng(random_state)
