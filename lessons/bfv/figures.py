"""Figures of the BFV lesson, drawn with the reference solution.

``grader figures bfv`` redraws everything in FIGURES into ``lessons/bfv/figures/``.
"""

import math
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("bfv")
N, T, W = 256, 65537, 2**32  # n = 256 keeps the figures fast; q is the lesson's default
SIGMA = math.sqrt(10.5)


@lru_cache(maxsize=1)
def product_chain():
    """Products of 1, 2, ..., 7 fresh ciphertexts: (budgets, fraction of right slots, invariant noises)."""
    bfv = ref.BFV(n=N, t=T, w=W, random_state=0).keygen()
    rng = np.random.default_rng(1)
    values = [rng.integers(0, T, N) for _ in range(7)]
    acc, expected = bfv.encrypt(values[0]), values[0]
    budgets, right, noises = [], [], []
    for k in range(7):
        if k:
            acc, expected = bfv.multiply(acc, bfv.encrypt(values[k])), expected * values[k] % T
        budgets.append(bfv.noise_budget(acc))
        right.append(np.mean(bfv.decrypt(acc) == expected))
        # v = [t (c0 + c1 s)]_q / q: the invariant noise of each coefficient, in (-1/2, 1/2].
        scaled = ref.centre(bfv.t * bfv._phase(acc), bfv.q)
        noises.append(np.array([math.log2(max(abs(int(x)), 1)) - math.log2(bfv.q) for x in scaled]))
    return bfv, budgets, right, noises


def predicted_budgets(bfv, count):
    """README 'What to expect': the fresh budget, the relinearisation floor, then L - 2 bits per product."""
    n, q, t, w = bfv.n, bfv.q, bfv.t, bfv.w
    largest = math.sqrt(2 * math.log(2 * n)) * SIGMA * math.sqrt(4 * n / 3)  # of n fresh noises
    fresh = math.log2(q) - 1 - math.log2(t) - math.log2(largest)
    ell = len(bfv.relin_key_)
    floor = math.log2(q) - 1 - math.log2(t * 3.5 * SIGMA * w * math.sqrt(ell * n / 3))
    out = [fresh, min(fresh - (math.log2(t) + math.log2(n) - 2), floor)]
    while len(out) < count:
        out.append(max(out[-1] - (math.log2(t) + math.log2(n) - 2), 0.0))
    return out


def draw_noise_budget(out_dir: Path) -> Path:
    """The noise budget along a chain of products: measured, predicted, and where decryption fails."""
    bfv, budgets, right, _ = product_chain()
    steps = np.arange(len(budgets))
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    ax.plot(steps, predicted_budgets(bfv, len(budgets)), "--", color="0.5", label="predicted (README)")
    ok = np.array(right) == 1
    ax.plot(steps, budgets, "-", color="tab:blue", lw=1)
    ax.plot(steps[ok], np.array(budgets)[ok], "o", color="tab:blue", label="measured, all slots right")
    ax.plot(steps[~ok], np.array(budgets)[~ok], "X", color="tab:red", ms=10,
            label="measured, slots wrong")
    for k, b in enumerate(budgets):
        ax.annotate(f"{b:.1f}", (k, b), textcoords="offset points", xytext=(6, 4), fontsize=8)
    ax.axhline(0, color="k", lw=0.8)
    ax.set_xlabel("number of ciphertext products (each by a fresh ciphertext)")
    ax.set_ylabel("noise budget (bits)")
    ax.set_title(f"BFV, n = {N}, q of {bfv.q.bit_length()} bits, t = 2^16 + 1, w = 2^32", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "noise_budget.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_invariant_noise(out_dir: Path) -> Path:
    """Each coefficient's invariant noise |v| (log scale) after 0, 1, 2, ... products, and the 1/2 limit."""
    _, budgets, right, noises = product_chain()
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    rng = np.random.default_rng(0)
    for k, logs in enumerate(noises):
        colour = "tab:blue" if right[k] == 1 else "tab:red"
        ax.scatter(logs, k + rng.uniform(-0.25, 0.25, logs.size), s=3, color=colour, alpha=0.5)
        if right[k] == 1:
            ax.text(logs.min() - 3, k, f"budget {budgets[k]:.1f}", ha="right", va="center", fontsize=8)
    ax.axvline(-1, color="k", lw=1)
    ax.text(-2, -0.45, "|v| = 1/2: decryption fails", ha="right", va="center", fontsize=8)
    ax.set_ylim(len(noises) - 0.5, -0.7)
    ax.set_xlim(-180, 8)
    ax.set_yticks(range(len(noises)))
    ax.set_yticklabels([f"{k} products" if k != 1 else "1 product" for k in range(len(noises))])
    ax.set_xlabel("log2 |v| of each coefficient, v = [t (c0 + c1 s)]_q / q  (budget = -1 - max)")
    ax.set_title("The invariant noise grows by about t n / 4 per product", fontsize=10)
    fig.tight_layout()
    out = out_dir / "invariant_noise.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_noise_budget, draw_invariant_noise]
