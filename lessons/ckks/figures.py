"""Figures of the CKKS lesson, drawn with the reference solution.

``grader figures ckks`` redraws everything in FIGURES into ``lessons/ckks/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_breast_cancer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("ckks")


def draw_slot_roots(out_dir: Path) -> Path:
    """The 2n-th roots of unity for n = 16: where the slots live, and an encoded polynomial."""
    n = 16
    ckks = ref.CKKS(n=n, scale_bits=20, first_bits=30, depth=1, rotations=(), random_state=0)
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(9, 4), gridspec_kw={"width_ratios": [1, 1.3]})
    k = np.arange(2 * n)
    roots = np.exp(1j * np.pi * k / n)
    ax.add_patch(plt.Circle((0, 0), 1, fill=False, color="lightgrey"))
    even = k % 2 == 0
    ax.scatter(roots[even].real, roots[even].imag, s=18, color="lightgrey",
               label="even powers: roots of $x^n - 1$ (wrong)")
    exponents = [pow(5, j, 2 * n) for j in range(n // 2)]
    slot = np.exp(1j * np.pi * np.array(exponents) / n)
    ax.scatter(slot.real, slot.imag, s=50, color="tab:blue", label=r"slot $j$ at $\zeta^{5^j}$")
    ax.scatter(slot.real, -slot.imag, s=50, facecolors="none", edgecolors="tab:orange",
               label=r"conjugates $\zeta^{-5^j}$")
    for j, r in enumerate(slot):
        ax.annotate(str(j), (r.real * 1.15, r.imag * 1.15), ha="center", va="center", fontsize=9,
                    color="tab:blue")
    ax.set_aspect("equal")
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-2.1, 1.4)
    ax.axis("off")
    ax.legend(loc="lower center", fontsize=7.5, frameon=False, ncol=1)
    ax.set_title(r"Roots of $x^{16} + 1$: the odd powers of $\zeta = e^{i\pi/16}$", fontsize=10)
    z = np.array([1.0, 2.0, 3.0, 4.0, 0.0, 0.0, 0.0, -1.0])
    m = np.array(ckks.encode(z).coeffs, dtype=float) / ckks.scale
    bx.bar(np.arange(n), m, color="tab:blue")
    bx.axhline(0, color="k", lw=0.8)
    bx.set_xlabel("coefficient $i$ of $m(x)$")
    bx.set_ylabel(r"$m_i / \Delta$")
    bx.set_title(f"encode(z), z = {z.astype(int).tolist()}: real coefficients", fontsize=10)
    fig.tight_layout()
    out = out_dir / "slot_roots.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_levels(out_dir: Path) -> Path:
    """Bits of the modulus, the scale and the plaintext along multiply, rescale, multiply, rescale."""
    ckks = ref.CKKS(rotations=(), random_state=0)
    x = np.random.default_rng(0).uniform(-2, 2, ckks.slots)
    ct = ckks.encrypt(ckks.encode(x))
    steps = [("encrypt", ct)]
    for _ in range(ckks.depth):
        ct = ckks.multiply(ct, ct)
        steps.append(("multiply", ct))
        ct = ckks.rescale(ct)
        steps.append(("rescale", ct))
    labels = [name for name, _ in steps]
    modulus = [ckks.moduli[c.level].bit_length() for _, c in steps]
    scale = [np.log2(c.scale) for _, c in steps]
    plain = [np.log2(float(np.abs(ckks.decrypt(c).m).max())) for _, c in steps]
    fig, ax = plt.subplots(figsize=(6.5, 3.6))
    pos = np.arange(len(steps))
    ax.step(pos, modulus, where="mid", color="k", label=r"modulus $\log_2 q_l$")
    ax.plot(pos, scale, "o-", color="tab:blue", label=r"scale $\log_2$ (scale)")
    ax.plot(pos, plain, "s--", color="tab:orange", label=r"largest plaintext coefficient, $\log_2$")
    for p, (_, c) in zip(pos, steps, strict=True):
        ax.annotate(f"level {c.level}", (p, modulus[p] + 4), ha="center", fontsize=8)
    ax.set_xticks(pos, labels)
    ax.set_ylabel("bits")
    ax.set_ylim(0, 160)
    ax.set_title(r"$x \to x^2 \to x^4$: multiplying doubles the scale, rescaling divides it by $p_l$",
                 fontsize=10)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    out = out_dir / "levels.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_error_vs_scale(out_dir: Path) -> Path:
    """Decryption error against the scale: it falls like 1/Delta (n = 256)."""
    bits = [20, 25, 30, 35, 40, 45]
    fresh, product = [], []
    for b in bits:
        ckks = ref.CKKS(n=256, scale_bits=b, first_bits=b + 20, depth=1, rotations=(), random_state=0)
        rng = np.random.default_rng(b)
        x, y = rng.uniform(-1, 1, ckks.slots), rng.uniform(-1, 1, ckks.slots)
        cx, cy = ckks.encrypt(ckks.encode(x)), ckks.encrypt(ckks.encode(y))
        fresh.append(np.abs(ckks.decode(ckks.decrypt(cx)).real - x).max())
        prod = ckks.rescale(ckks.multiply(cx, cy))
        product.append(np.abs(ckks.decode(ckks.decrypt(prod)).real - x * y).max())
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    ax.semilogy(bits, fresh, "o-", label="fresh encryption")
    ax.semilogy(bits, product, "s-", label="after multiply + rescale")
    # sqrt(n) * (noise std ~ sqrt(4n/3) * sigma) per slot, times ~3.5 for the max over the slots
    n = 256
    ax.semilogy(bits, [3.5 * np.sqrt(n) * np.sqrt(4 * n / 3) * 3.2 / 2.0 ** b for b in bits], "k:",
                label=r"$3.5\sqrt{n}\cdot\sqrt{4n/3}\,\sigma / \Delta$")
    ax.set_xlabel(r"scale bits ($\Delta = 2^{bits}$)")
    ax.set_ylabel("max error over the slots")
    ax.set_title("Every 5 bits of scale buy a factor 32 in precision", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "error_vs_scale.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_capstone(out_dir: Path) -> Path:
    """Encrypted against clear logistic-regression scores on 64 breast-cancer test samples."""
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0, stratify=y)
    scaler = StandardScaler().fit(X_train)
    X_train, X_test = scaler.transform(X_train)[:, :], scaler.transform(X_test)[:64]
    model = LogisticRegression(max_iter=1000).fit(X_train, y_train)
    ckks = ref.CKKS(rotations=(1, 2, 4, 8, 16), random_state=0)
    per_ct = ckks.slots // 32
    weights = ckks.encode(np.tile(np.r_[model.coef_[0], 0.0, 0.0], per_ct))
    scores = []
    for start in range(0, len(X_test), per_ct):
        rows = np.zeros((per_ct, 32))
        rows[:, :30] = X_test[start:start + per_ct]
        ct = ckks.encrypt(ckks.encode(rows.ravel()))
        ct = ckks.sum_slots(ckks.rescale(ckks.multiply_plain(ct, weights)), 32)
        ct = ckks.add_plain(ct, ckks.encode(np.full(ckks.slots, model.intercept_[0]), scale=ct.scale))
        scores.append(ckks.decode(ckks.decrypt(ct)).real[::32])
    scores, clear = np.concatenate(scores), model.decision_function(X_test)
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(9, 3.6))
    ax.scatter(clear, scores, c=y_test[:64], cmap="coolwarm", s=18)
    ax.plot([clear.min(), clear.max()], [clear.min(), clear.max()], "k:", lw=1)
    ax.set_xlabel("score in the clear (scikit-learn)")
    ax.set_ylabel("score computed encrypted")
    ax.set_title("64 test samples in 4 ciphertexts (colour: true class)", fontsize=10)
    bx.scatter(clear, scores - clear, s=12, color="tab:blue")
    bx.axhline(0, color="k", lw=0.8)
    bx.set_xlabel("score in the clear")
    bx.set_ylabel("encrypted - clear")
    bx.set_title(f"largest difference {np.abs(scores - clear).max():.1e}", fontsize=10)
    fig.tight_layout()
    out = out_dir / "capstone.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_slot_roots, draw_levels, draw_error_vs_scale, draw_capstone]
