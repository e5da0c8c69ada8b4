"""Figures of the perceptron lesson, drawn with the reference solution.

``grader figures perceptron`` redraws everything in FIGURES into ``lessons/perceptron/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("perceptron")
COLOURS = np.array(["tab:blue", "tab:orange"])


def boundary(ax, coef, intercept, xlim, **style):
    """Draw the line w . x + b = 0 across xlim (nothing while w = 0)."""
    (w1, w2), b = coef, intercept
    xs = np.array(xlim)
    if abs(w2) > 1e-12:
        ax.plot(xs, -(w1 * xs + b) / w2, **style)
    elif abs(w1) > 1e-12:
        ax.axvline(-b / w1, **style)


def xor_blobs(n_samples=80, random_state=0):
    """Four blobs at the corners of a square, opposite corners in the same class (XOR)."""
    corners = [[-1, -1], [1, 1], [-1, 1], [1, -1]]
    X, corner = make_blobs(n_samples=n_samples, centers=corners, cluster_std=0.35,
                           random_state=random_state)
    return X, (corner >= 2).astype(int)


def draw_epochs(out_dir: Path) -> Path:
    """Separable blobs: the decision boundary after each epoch (no shuffling) until it stops."""
    X, y = make_blobs(n_samples=40, centers=[[-1.5, -1], [1.5, 1]], cluster_std=1.0,
                      random_state=15)
    final = ref.Perceptron(shuffle=False).fit(X, y)
    xlim, ylim = (X[:, 0].min() - 0.5, X[:, 0].max() + 0.5), (X[:, 1].min() - 0.5, X[:, 1].max() + 0.5)
    fig, axes = plt.subplots(2, 3, figsize=(8, 5.2), sharex=True, sharey=True)
    previous = None
    for epoch, ax in enumerate(axes.ravel()[: final.n_iter_], start=1):
        # The state after `epoch` epochs is a fit with max_iter=epoch (same order every epoch).
        model = ref.Perceptron(shuffle=False, max_iter=epoch).fit(X, y)
        ax.scatter(X[:, 0], X[:, 1], c=COLOURS[y], s=14, edgecolors="k", linewidths=0.3)
        if previous is not None:
            boundary(ax, *previous, xlim, color="grey", ls="--", lw=1)
        boundary(ax, model.coef_[0], model.intercept_[0], xlim, color="k", lw=1.8)
        previous = (model.coef_[0], model.intercept_[0])
        mistakes = int(model.errors_[-1])
        ax.set_title(f"epoch {epoch}: {mistakes} mistake{'s' * (mistakes != 1)}"
                     + (" (stop)" if mistakes == 0 else ""), fontsize=10)
        ax.set_xlim(xlim)
        ax.set_ylim(ylim)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle("Boundary after each epoch (dashed: the epoch before)", fontsize=11)
    fig.tight_layout()
    out = out_dir / "epochs.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_cycling(out_dir: Path) -> Path:
    """Non-separable data: the boundary never settles and the mistake count never reaches 0."""
    X_xor, y_xor = xor_blobs()
    data = {
        "separable blobs": make_blobs(n_samples=80, centers=[[-1.5, -1], [1.5, 1]],
                                      cluster_std=0.9, random_state=10),
        "overlapping blobs": make_blobs(n_samples=80, centers=[[-0.6, -0.4], [0.6, 0.4]],
                                        cluster_std=0.8, random_state=2),
        "XOR": (X_xor, y_xor),
    }
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8), gridspec_kw={"width_ratios": [1, 1.4]})
    # Left: XOR and the boundaries left by epochs 56 to 60; no line separates the classes.
    left.scatter(X_xor[:, 0], X_xor[:, 1], c=COLOURS[y_xor], s=12, edgecolors="k", linewidths=0.3)
    for epoch in range(56, 61):
        model = ref.Perceptron(max_iter=epoch, random_state=0).fit(X_xor, y_xor)
        boundary(left, model.coef_[0], model.intercept_[0], (-2, 2), color="k", lw=1, alpha=0.6)
    left.set_xlim(-2, 2)
    left.set_ylim(-2, 2)
    left.set_title("XOR: boundaries after epochs 56-60", fontsize=10)
    left.set_xticks([])
    left.set_yticks([])
    # Right: mistakes per epoch; only the separable data reach an epoch without a mistake.
    for (name, (X, y)), colour in zip(data.items(), ["tab:green", "tab:purple", "tab:red"], strict=True):
        model = ref.Perceptron(max_iter=60, random_state=0).fit(X, y)
        status = "stops after" if model.errors_[-1] == 0 else "still going at"
        label = f"{name} ({status} epoch {model.n_iter_})"
        right.plot(np.arange(1, model.n_iter_ + 1), model.errors_, ".-", color=colour, lw=1,
                   ms=4, label=label)
    right.set_xlabel("epoch")
    right.set_ylabel("mistakes in the epoch (errors_)")
    right.set_title("80 samples each, shuffled every epoch", fontsize=10)
    right.legend(fontsize=8, loc="upper right", framealpha=0.95)
    right.set_ylim(0, 1.3 * max(line.get_ydata().max() for line in right.get_lines()))  # room for the legend
    fig.tight_layout()
    out = out_dir / "cycling.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_mistake_bound(out_dir: Path) -> Path:
    """Total mistakes against the margin gamma, with Novikoff's bound (R / gamma)^2."""
    X_all, _ = make_blobs(n_samples=3000, centers=[[0, 0]], cluster_std=1.0, random_state=0)
    u = np.array([0.6, 0.64, 0.48])  # unit normal of a separating line in [x, 1] space
    s = np.hstack([X_all, np.ones((len(X_all), 1))]) @ u  # signed distance to the line
    gammas, totals, bounds = [], [], []
    for threshold in np.geomspace(0.002, 0.5, 7):
        keep = np.flatnonzero(np.abs(s) >= threshold)[:150]  # drop the samples closer than that
        X, y = X_all[keep], (s[keep] > 0).astype(int)
        gammas.append(np.min(np.abs(s[keep])))  # the margin of u on these samples
        R2 = np.max(np.sum(X**2, axis=1)) + 1.0  # the constant feature 1 counts in R
        bounds.append(R2 / gammas[-1] ** 2)
        totals.append([ref.Perceptron(random_state=seed).fit(X, y).errors_.sum() for seed in range(5)])
    totals = np.array(totals)  # (n_margins, n_seeds)
    fig, ax = plt.subplots(figsize=(5.2, 3.6))
    ax.loglog(gammas, bounds, "k--", label=r"Novikoff's bound $(R/\gamma)^2$")
    ax.loglog(gammas, totals.mean(axis=1), "o-", color="tab:blue",
              label="mistakes until convergence\n(mean of 5 shuffles, bar: min to max)")
    ax.vlines(gammas, totals.min(axis=1), totals.max(axis=1), color="tab:blue")
    ax.set_xlabel(r"margin $\gamma$ of the data")
    ax.set_ylabel("total mistakes, sum(errors_)")
    ax.set_title("150 separable samples: smaller margin, more mistakes", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "mistake_bound.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_epochs, draw_cycling, draw_mistake_bound]
