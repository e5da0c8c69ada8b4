"""Figures of the ring-LWE lesson, drawn with the reference solution.

``grader figures ring_lwe`` redraws everything in FIGURES into ``lessons/ring_lwe/figures/``.
"""

import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("ring_lwe")


def _best_time(func, *args, budget=0.1):
    """The fastest of a few runs (the least disturbed by other processes), in seconds."""
    times = []
    start = time.perf_counter()
    while len(times) < 2 or (time.perf_counter() - start < budget and len(times) < 20):
        t0 = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - t0)
    return min(times)


def draw_ntt_timing(out_dir: Path) -> Path:
    """Log-log: time of one product in R_q, schoolbook (O(n^2)) against the NTT (O(n log n))."""
    q = 786433  # 3 * 2^18 + 1: prime, and 1 (mod 2n) for every n up to 2^17
    rng = np.random.default_rng(0)
    sizes = 2 ** np.arange(4, 15)
    school, fast = [], []
    for n in sizes:
        a, b = rng.integers(0, q, n), rng.integers(0, q, n)
        psi = ref.find_psi(int(n), q)
        fast.append(_best_time(ref.polymul_ntt, a, b, q, psi))
        if n <= 2**11:  # beyond, the n x n matrix of the schoolbook product takes seconds and gigabytes
            school.append(_best_time(ref.polymul_schoolbook, a, b, q))
    fig, ax = plt.subplots(figsize=(5.6, 3.8))
    ax.loglog(sizes[: len(school)], school, "o-", label="schoolbook, vectorised (n x n matrix)")
    ax.loglog(sizes, fast, "s-", label="NTT: twist, butterflies, pointwise, inverse")
    # Guide lines through the last schoolbook point and the last NTT point.
    n_s, n_f = sizes[len(school) - 1], sizes[-1]
    ax.loglog(sizes, school[-1] * (sizes / n_s) ** 2, ":", color="tab:blue", lw=1, label=r"$\propto n^2$")
    ax.loglog(sizes, fast[-1] * sizes * np.log2(sizes) / (n_f * np.log2(n_f)), ":", color="tab:orange",
              lw=1, label=r"$\propto n \log n$")
    ax.set_ylim(min(fast) / 3, max(school) * 3)
    ax.set_xlabel("ring degree n")
    ax.set_ylabel("seconds per product")
    ax.set_title(f"One product in $Z_q[x]/(x^n+1)$, q = {q}", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "ntt_timing.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_noise(out_dir: Path) -> Path:
    """The decryption noise of 60 encryptions against the worst-case bound and the threshold."""
    n, q, t = 1024, 12289, 2
    scheme = ref.RingLWE(n=n, q=q, t=t, eta=1)
    s, pk = scheme.keygen(random_state=0)
    rng = np.random.default_rng(1)
    noise = []
    for i in range(60):
        m = rng.integers(0, t, n)
        u, v = scheme.encrypt(pk, m, random_state=10 + i)
        x = (v + ref.polymul_ntt(u, s, q, scheme.psi) - scheme.delta * m) % q
        noise.append(np.where(x > q // 2, x - q, x))  # centred in (-q/2, q/2]
    noise = np.concatenate(noise)  # (60 n,)
    bound = scheme.noise_bound()
    threshold = (q - 2 * (t - 1) * (q % t)) / (2 * t)  # decryption is right while |noise| is below
    # Each coefficient sums 2n + 1 independent terms of variance about sigma2^2 (sigma2 = 2/3 for eta = 1).
    sigma2 = 2 / 3
    sd = np.sqrt(sigma2 + 2 * n * sigma2**2)
    fig, (zoom, full) = plt.subplots(1, 2, figsize=(8.6, 3.4), gridspec_kw=dict(width_ratios=[1, 1.4]))
    edges = np.arange(-160.5, 161, 4)
    zoom.hist(noise, bins=edges, color="tab:blue", label=f"{noise.size} coefficients")
    grid = np.linspace(-160, 160, 200)
    zoom.plot(grid, noise.size * 4 * np.exp(-grid**2 / (2 * sd**2)) / (sd * np.sqrt(2 * np.pi)), "k", lw=1,
              label=f"normal, sd {sd:.0f}")
    zoom.set_xlabel("noise coefficient")
    zoom.set_ylabel("count")
    zoom.set_title(f"largest |noise| seen: {np.abs(noise).max()}", fontsize=10)
    zoom.legend(fontsize=8)
    full.hist(noise, bins=np.arange(-3400.5, 3401, 40), color="tab:blue")
    full.axvspan(-threshold, threshold, color="tab:green", alpha=0.08)
    for sign in (-1, 1):
        full.axvline(sign * bound, color="tab:red", ls="--", lw=1.2,
                     label=r"worst case $\eta + 2n\eta^2$" + f" = {bound}" if sign > 0 else None)
        full.axvline(sign * threshold, color="tab:green", lw=1.5,
                     label=f"decryption threshold {threshold:.1f}" if sign > 0 else None)
    full.set_xlim(-1.1 * threshold, 1.1 * threshold)
    full.set_yticks([])
    full.set_xlabel(r"noise coefficient of $v + us - \Delta m$ (centred)")
    full.set_title(f"n = {n}, q = {q}, t = {t}, eta = 1, on the scale of q", fontsize=10)
    full.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    out = out_dir / "noise.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_ntt_timing, draw_noise]
