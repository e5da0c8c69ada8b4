"""Figures of the LWE lesson (Regev encryption), drawn with the reference solution.

``grader figures lwe`` redraws everything in FIGURES into ``lessons/lwe/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("lwe")
COLOURS = ["tab:blue", "tab:orange", "tab:green", "tab:red"]


def draw_noise_threshold(out_dir: Path) -> Path:
    """Left: where v - <u, s> mod q lands for t = 4. Right: the noise against Delta/2 and m B."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    # Left: t = 4 with the largest B the bound allows, so the clusters are visible.
    n, q, m, t = 16, 4096, 16, 4
    delta = q // t
    B = (delta - 1) // (2 * m)  # the largest B with 2 m B < Delta
    scheme = ref.Regev(n=n, q=q, m=m, t=t, B=B, random_state=0)
    mu = np.random.default_rng(0).integers(0, t, 8000)
    U, v = scheme.encrypt(mu)
    x = (v - (U * scheme.s % q).sum(axis=1)) % q  # (k,) Delta mu + noise, mod q
    bins = np.linspace(0, q, 129)
    for j in range(t):
        left.hist(x[mu == j], bins=bins, color=COLOURS[j], alpha=0.8, histtype="stepfilled",
                  label=f"$\\mu$ = {j}")
    for j in range(t):
        left.axvline(j * delta + delta / 2, color="k", ls="--", lw=1)  # decision boundaries
    left.set_xlim(0, q)
    left.set_xticks([j * delta for j in range(t + 1)],
                    ["0"] + [f"{j}$\\Delta$" for j in range(1, t)] + ["q"])
    left.set_xlabel("x = v - <u, s> mod q")
    left.set_ylabel("ciphertexts")
    left.set_title(f"t = {t}: rounding picks the nearest multiple of $\\Delta$", fontsize=9)
    left.legend(fontsize=7, loc="upper center", ncol=4)
    # Right: fresh noise at the edge of the bound, n=16, q=4096, m=64, t=2, B=15.
    n, q, m, t, B = 16, 4096, 64, 2, 15
    scheme = ref.Regev(n=n, q=q, m=m, t=t, B=B, random_state=1)
    mu = np.random.default_rng(1).integers(0, t, 10000)
    noise = scheme.noise(scheme.encrypt(mu), mu)
    half = (q // t) / 2
    right.hist(noise, bins=np.arange(-1100, 1101, 10), color="tab:blue", histtype="stepfilled",
               label="fresh noise $e^T r$")
    right.axvspan(-m * B, m * B, color="tab:green", alpha=0.12, label=f"proven: |noise| $\\leq$ mB = {m * B}")
    for sign in (-1, 1):
        label = "$\\pm\\Delta/2$: decryption fails" if sign > 0 else None
        right.axvline(sign * half, color="tab:red", lw=2, label=label)
    right.set_xlim(-1100, 1100)
    right.set_xlabel("noise = x - $\\Delta \\mu$, centred")
    right.set_title(f"worst case against typical (n={n}, q={q}, m={m}, B={B})", fontsize=9)
    right.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    out = out_dir / "noise_threshold.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_failure_rate(out_dir: Path) -> Path:
    """Decryption failure rate against B: exactly 0 within the proven bound, rising far beyond it."""
    n, q, m, t = 16, 4096, 64, 2
    delta = q // t
    B_max = (delta - 1) // (2 * m)  # the largest B the bound allows (15)
    Bs = np.unique(np.geomspace(2, 3000, 22).astype(int))
    mu = np.random.default_rng(2).integers(0, t, 500)
    rates = []
    for B in Bs:
        wrong = 0
        for seed in range(8):  # the rate depends on the key: average over 8 keys
            scheme = ref.Regev(n=n, q=q, m=m, t=t, B=int(B), check_bound=False, random_state=seed)
            wrong += int(np.sum(scheme.decrypt(scheme.encrypt(mu)) != mu))
        rates.append(wrong / (8 * mu.size))
    # typical noise: over keys and r, e^T r has variance (m / 2) B (B + 1) / 3, about m B^2 / 6
    B_typical = (delta / 2) / (4 * np.sqrt(m / 6))  # where 4 standard deviations reach Delta/2
    fig, ax = plt.subplots(figsize=(6, 3.4))
    ax.plot(Bs, rates, "o-", ms=4)
    ax.axvline(B_max, color="tab:green", lw=2, label=f"proven bound: B $\\leq$ {B_max} (2mB < $\\Delta$)")
    ax.axvline(B_typical, color="tab:grey", ls="--", label="typical noise (4 s.d.) reaches $\\Delta/2$")
    ax.axhline(0.5, color="k", lw=0.8, ls=":")
    ax.annotate("a coin flip", (Bs[-1], 0.5), xytext=(0, 5), textcoords="offset points", ha="right",
                fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel("error bound B (check_bound=False)")
    ax.set_ylabel("failure rate (4000 decryptions)")
    ax.set_title(f"n={n}, q={q}, m={m}, t={t}: failures start well past the worst-case bound", fontsize=9)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    out = out_dir / "failure_rate.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_noise_growth(out_dir: Path) -> Path:
    """The noise of a sum of k ciphertexts: mean and bound grow like k, the spread like sqrt(k)."""
    n, q, m, t, B = 32, 65537, 64, 16, 2
    delta = q // t
    k_max = ref.max_summands(m, B, q, t)
    scheme = ref.Regev(n=n, q=q, m=m, t=t, B=B, random_state=3)
    rng = np.random.default_rng(3)
    terms = np.arange(1, 41)
    size = 1000
    total_mu = rng.integers(0, t, size)
    total = scheme.encrypt(total_mu)
    low, high, mean = [], [], []
    for k in terms:
        if k > 1:
            mu = rng.integers(0, t, size)
            total = scheme.add(total, scheme.encrypt(mu))
            total_mu = total_mu + mu
        noise = scheme.noise(total, total_mu)
        low.append(noise.min())
        high.append(noise.max())
        mean.append(noise.mean())
    bounds = np.array([ref.noise_bound(m, B, q, t, terms=int(k)) for k in terms])
    fig, ax = plt.subplots(figsize=(6, 3.6))
    ax.plot(terms, bounds, color="tab:green", lw=2, label="proven: $\\pm$(k m B + (k-1)(q mod t))")
    ax.plot(terms, -bounds, color="tab:green", lw=2)
    ax.fill_between(terms, low, high, color="tab:blue", alpha=0.3, label=f"measured noise, {size} sums")
    ax.plot(terms, mean, "-", color="tab:blue", label="its mean, k $\\Sigma_i e_i$ / 2")
    ax.axhline(delta / 2, color="tab:red", lw=2, label="$\\pm\\Delta/2$")
    ax.axhline(-delta / 2, color="tab:red", lw=2)
    ax.axvline(k_max, color="tab:grey", ls="--", label=f"max_summands = {k_max}")
    ax.set_xlabel("k, the number of fresh ciphertexts added")
    ax.set_ylabel("noise")
    ax.set_title(f"n={n}, q={q}, m={m}, t={t}, B={B}: additions grow the noise", fontsize=9)
    ax.set_ylim(-6000, 6000)
    ax.legend(fontsize=7, loc="upper left", ncol=2)
    fig.tight_layout()
    out = out_dir / "noise_growth.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_noise_threshold, draw_failure_rate, draw_noise_growth]
