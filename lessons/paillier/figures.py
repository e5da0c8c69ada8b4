"""Figures of the Paillier lesson, drawn with the reference solution.

``grader figures paillier`` redraws everything in FIGURES into ``lessons/paillier/figures/``.
"""

import math
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_diabetes  # noqa: E402
from sklearn.linear_model import LinearRegression  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("paillier")


def draw_ciphertext_space(out_dir: Path) -> Path:
    """Z_{n^2} for n = 11 * 13 as a grid, each unit coloured by the plaintext it decrypts to."""
    private_key = ref.PrivateKey(11, 13)
    n = private_key.public_key.n
    grid = np.full((n, n), np.nan)  # (n, n): c = row * n + column runs over Z_{n^2}
    for c in range(1, n * n):
        if math.gcd(c, n) == 1:
            grid[c // n, c % n] = private_key.raw_decrypt(c)
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.4))
    cmap = plt.get_cmap("twilight").with_extremes(bad="white")  # non-units: no plaintext
    image = axes[0].imshow(grid, cmap=cmap, interpolation="nearest")
    axes[0].set_title(f"every unit of $Z_{{n^2}}$ by its plaintext m\n(n = {n}; white: not coprime to n)",
                      fontsize=10)
    fig.colorbar(image, ax=axes[0], fraction=0.046, label="m = Dec(c)")
    # Right: where the encryptions of two plaintexts lie, and a homomorphic sum.
    for m, colour in ((0, "tab:blue"), (1, "tab:orange")):
        rows, cols = np.nonzero(grid == m)
        axes[1].scatter(cols, rows, s=6, color=colour, label=f"{rows.size} encryptions of m = {m}")
    axes[1].set_xlim(-0.5, n - 0.5)
    axes[1].set_ylim(n - 0.5, -0.5)
    axes[1].set_aspect("equal")
    axes[1].legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), fontsize=8, frameon=False, ncols=2)
    axes[1].set_title("each plaintext has $\\varphi(n)$ ciphertexts,\nscattered with no visible pattern",
                      fontsize=10)
    for ax in axes:
        ax.set_xlabel("c mod n")
        ax.set_ylabel("c // n")
    fig.tight_layout()
    out = out_dir / "ciphertext_space.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_operation_costs(out_dir: Path) -> Path:
    """Time of each operation against the key size: encrypting and decrypting cost modular
    exponentiations, adding ciphertexts one multiplication."""
    sizes = [512, 1024, 2048]
    names = ["raw_encrypt", "raw_decrypt", "raw_multiply (k < 2^32)", "raw_add", "raw_add_plain"]
    times = np.zeros((len(names), len(sizes)))  # (operations, key sizes), seconds per call
    for j, n_bits in enumerate(sizes):
        public_key, private_key = ref.generate_keypair(n_bits, random_state=7)
        c1 = public_key.raw_encrypt(12345, random_state=1)
        c2 = public_key.raw_add_plain(c1, 67890)  # a second ciphertext, without another encryption
        calls = [(public_key.raw_encrypt, (12345, 3)), (private_key.raw_decrypt, (c1,)),
                 (public_key.raw_multiply, (c1, 3_000_000_000)), (public_key.raw_add, (c1, c2)),
                 (public_key.raw_add_plain, (c1, 42))]
        slow = 2048 // n_bits  # encryptions and decryptions per batch: about 0.5 s per batch
        for i, ((function, args), repeats) in enumerate(zip(calls, (slow, slow, 10, 200, 200), strict=True)):
            best = np.inf  # the faster of 2 batches: the less disturbed by other processes
            for _ in range(2):
                start = time.perf_counter()
                for _ in range(repeats):
                    function(*args)
                best = min(best, (time.perf_counter() - start) / repeats)
            times[i, j] = best
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    width = 0.8 / len(names)
    for i, name in enumerate(names):
        ax.bar(np.arange(len(sizes)) + (i - 2) * width, times[i] * 1e3, width, label=name)
    ax.set_yscale("log")
    ax.set_ylim(top=times.max() * 1e3 * 100)  # room for the legend above the bars
    ax.set_xticks(np.arange(len(sizes)), [f"n of {s} bits" for s in sizes])
    ax.set_ylabel("milliseconds per call (pure Python)")
    ax.set_title("Encrypt and decrypt are exponentiations; adding is one multiplication", fontsize=10)
    ax.legend(fontsize=8, ncols=2)
    fig.tight_layout()
    out = out_dir / "operation_costs.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_encrypted_linear_model(out_dir: Path) -> Path:
    """Error of the encrypted linear model against the fixed-point precision of the features,
    with the bound step / 2 * sum |w_j|."""
    X, y = load_diabetes(return_X_y=True)
    model = LinearRegression().fit(X, y)
    w, b = model.coef_, float(model.intercept_)
    X_test = X[-20:]
    expected = model.predict(X_test)
    public_key, private_key = ref.generate_keypair(256, random_state=0)
    precisions = [1e-1, 1e-2, 1e-3, 1e-4, 1e-6]
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    for k, precision in enumerate(precisions):
        step = 16.0 ** math.floor(math.log(precision, 16))
        errors = []
        for i, row in enumerate(X_test):
            encrypted = [public_key.encrypt(float(v), precision=precision, random_state=100 * i + j)
                         for j, v in enumerate(row)]
            score = private_key.decrypt(ref.weighted_sum(encrypted, w, b))
            errors.append(abs(score - expected[i]))
        jitter = np.linspace(-0.15, 0.15, len(errors))
        ax.scatter(k + jitter, errors, s=10, color="tab:blue", label="|encrypted - plaintext| per sample"
                   if k == 0 else None)
        ax.hlines(step / 2 * np.abs(w).sum(), k - 0.3, k + 0.3, color="tab:red",
                  label="bound: step / 2 * sum |w_j|" if k == 0 else None)
    ax.set_yscale("log")
    ax.set_xticks(range(len(precisions)),
                  [f"{p:g}\n(step 16^{math.floor(math.log(p, 16))})" for p in precisions], fontsize=8)
    ax.set_xlabel("precision of the encrypted features")
    ax.set_ylabel("error of the decrypted score")
    ax.set_title("Diabetes regression scored on encrypted features (20 patients)", fontsize=10)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    out = out_dir / "encrypted_linear_model.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_ciphertext_space, draw_operation_costs, draw_encrypted_linear_model]
