"""Figures of the multiplicative_he lesson, drawn with the reference solution.

``grader figures multiplicative_he`` redraws everything in FIGURES into
``lessons/multiplicative_he/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("multiplicative_he")


def draw_liars(out_dir: Path) -> Path:
    """Fraction of bases that fool Fermat's test and the strong test, for each odd composite n."""
    limit = 1200
    is_prime = np.ones(limit, dtype=bool)
    for k in range(2, int(limit**0.5) + 1):
        is_prime[k * k::k] = False
    composites = [n for n in range(9, limit, 2) if not is_prime[n]]
    fermat, strong = [], []
    for n in composites:
        bases = range(1, n)
        fermat.append(sum(pow(a, n - 1, n) == 1 for a in bases) / (n - 1))
        strong.append(sum(ref.is_strong_probable_prime(n, a) for a in bases) / (n - 1))
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.scatter(composites, fermat, s=8, color="tab:orange", label="Fermat liars: $a^{n-1} = 1$")
    ax.scatter(composites, strong, s=8, color="tab:blue", label="strong liars (Miller-Rabin)")
    ax.axhline(0.25, color="k", ls="--", lw=1)
    ax.text(limit, 0.26, "Rabin's bound 1/4", ha="right", va="bottom", fontsize=9)
    for n in (561, 1105):  # Carmichael numbers: every base coprime to n fools Fermat
        i = composites.index(n)
        ax.annotate(f"{n} (Carmichael)", (n, fermat[i]), xytext=(n + 40, fermat[i] + 0.1),
                    arrowprops=dict(arrowstyle="->"), fontsize=9)
    ax.set_xlabel("odd composite n")
    ax.set_ylabel("fraction of bases a in [1, n)")
    ax.set_ylim(0, 1)
    ax.set_title("Bases that wrongly say 'probably prime'")
    ax.legend(loc="upper left", fontsize=9)
    fig.tight_layout()
    out = out_dir / "liars.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_determinism(out_dir: Path) -> Path:
    """The low 64 bits of the ciphertexts of six yes/no votes: RSA repeats itself, ElGamal does not."""
    votes = ["yes", "no", "yes", "yes", "no", "yes"]
    rsa_key = ref.generate_rsa_key(512, random_state=0)
    elgamal = ref.generate_elgamal_key(random_state=0)
    as_int = [int.from_bytes(v.encode(), "big") for v in votes]
    rsa_ct = [rsa_key.public_key.encrypt(m) for m in as_int]
    elgamal_ct = [elgamal.public_key.encrypt(m)[1] for m in as_int]  # c2 carries the message

    def bits(c):
        return [(c >> i) & 1 for i in range(63, -1, -1)]  # (64,): the low 64 bits, high to low

    fig, axes = plt.subplots(1, 2, figsize=(8, 2.6))
    for ax, cts, title in zip(axes, (rsa_ct, elgamal_ct),
                              ("Textbook RSA: equal votes, equal ciphertexts",
                               "ElGamal: every ciphertext is new"), strict=True):
        ax.imshow(np.array([bits(c) for c in cts]), cmap="Greys", aspect="auto")  # (6, 64)
        ax.set_yticks(range(len(votes)), votes)
        ax.set_xticks([])
        ax.set_xlabel("the low 64 bits of the ciphertext")
        ax.set_title(title, fontsize=10)
    fig.tight_layout()
    out = out_dir / "determinism.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_encoding(out_dir: Path) -> Path:
    """The message encoding in the toy safe-prime group p = 23 = 2 * 11 + 1."""
    p, q = 23, 11
    residues = [a for a in range(1, p) if ref._is_quadratic_residue(a, p)]
    fig, ax = plt.subplots(figsize=(7.5, 2.4))
    for a in range(1, p):
        colour = "tab:blue" if a in residues else "lightgrey"
        ax.scatter(a, 0, s=260, color=colour, edgecolors="k", zorder=3)
        ax.text(a, 0, str(a), ha="center", va="center", fontsize=8, zorder=4)
    for m in range(1, q + 1):
        encoded = m if m in residues else p - m
        ax.scatter(m, 1, s=200, color="white", edgecolors="tab:green", zorder=3)
        ax.text(m, 1, str(m), ha="center", va="center", fontsize=8, zorder=4)
        ax.annotate("", (encoded, 0.12), xytext=(m, 0.88),
                    arrowprops=dict(arrowstyle="->", color="tab:green" if encoded == m else "tab:red"))
    ax.text(0.2, 1, "messages\n1..q", ha="right", va="center", fontsize=9)
    ax.text(0.2, 0, "$\\mathbb{Z}_p^*$", ha="right", va="center", fontsize=10)
    ax.set_xlim(-1.2, p)
    ax.set_ylim(-0.4, 1.4)
    ax.axis("off")
    ax.set_title("p = 23, q = 11: m goes to m (green) or p - m (red), whichever is a square (blue)",
                 fontsize=10)
    fig.tight_layout()
    out = out_dir / "encoding.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_liars, draw_determinism, draw_encoding]
