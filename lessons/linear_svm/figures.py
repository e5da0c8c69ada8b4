"""Figures of the linear SVM lesson, drawn with the reference solution.

``grader figures linear_svm`` redraws everything in FIGURES into ``lessons/linear_svm/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_breast_cancer, make_blobs  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("linear_svm")
COLOURS = np.array(["tab:blue", "tab:orange"])


def objective(w, b, X, signs, C):
    """0.5 * ||w||^2 + C * sum of hinge losses, with signs in {-1, +1}."""
    return 0.5 * w @ w + C * np.maximum(0.0, 1.0 - signs * (X @ w + b)).sum()


def draw_margin(out_dir: Path) -> Path:
    """The street f = -1..1 and its support vectors: Pegasos next to LinearSVC."""
    X, y = make_blobs(n_samples=120, centers=2, cluster_std=1.6, random_state=6)
    X = StandardScaler().fit_transform(X)
    signs, C = 2 * y - 1, 0.2
    ours = ref.LinearSVM(C=C, max_iter=300, random_state=0).fit(X, y)
    theirs = LinearSVC(loss="hinge", dual=True, C=C, intercept_scaling=10.0, max_iter=100_000).fit(X, y)
    fits = [("LinearSVM (Pegasos, 300 epochs)", ours.coef_[0], ours.intercept_[0]),
            ("scikit-learn LinearSVC", theirs.coef_[0], theirs.intercept_[0])]
    xx, yy = np.meshgrid(np.linspace(-2.6, 2.6, 200), np.linspace(-2.6, 2.6, 200))
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.3), sharey=True)
    for ax, (name, w, b) in zip(axes, fits, strict=True):
        scores = np.c_[xx.ravel(), yy.ravel()] @ w + b
        ax.contourf(xx, yy, scores.reshape(xx.shape), levels=[-1, 1], colors=["0.9"])
        ax.contour(xx, yy, scores.reshape(xx.shape), levels=[-1, 0, 1], colors="k",
                   linestyles=["--", "-", "--"], linewidths=1)
        margins = signs * (X @ w + b)
        support = margins <= 1 + 1e-6  # on or inside the margin
        ax.scatter(X[:, 0], X[:, 1], c=COLOURS[y], s=18, zorder=2)
        ax.scatter(X[support, 0], X[support, 1], s=80, facecolors="none", edgecolors="k",
                   linewidths=1, zorder=3)
        ax.set_title(f"{name}\n{support.sum()} support vectors, {np.sum(margins < 0)} misclassified, "
                     f"J = {objective(w, b, X, signs, C):.2f}", fontsize=9)
        ax.set_xlim(-2.6, 2.6)
        ax.set_ylim(-2.6, 2.6)
        ax.set_xlabel("$x_1$")
    axes[0].set_ylabel("$x_2$")
    fig.suptitle(f"C = {C}: solid f(x) = 0, dashed f(x) = $\\pm$1, circled y f(x) $\\leq$ 1", fontsize=10)
    fig.tight_layout()
    out = out_dir / "margin.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_losses(out_dir: Path) -> Path:
    """Hinge, logistic, perceptron and 0-1 losses as functions of the margin y f(x)."""
    z = np.linspace(-2.5, 3, 400)
    fig, ax = plt.subplots(figsize=(5.2, 3.4))
    ax.plot(z, (z <= 0).astype(float), color="0.5", lw=1.5, label="0-1 loss (errors)")
    ax.plot(z, np.maximum(0, 1 - z), lw=2, label="hinge: max(0, 1 - yf)  (SVM)")
    ax.plot(z, np.log2(1 + np.exp(-z)), lw=1.5, label="logistic: log$_2$(1 + e$^{-yf}$)")
    ax.plot(z, np.maximum(0, -z), lw=1.5, ls="--", label="perceptron: max(0, -yf)")
    ax.axvline(1, color="k", lw=0.8, ls=":")
    ax.annotate("margin: yf = 1", (1, 2.6), xytext=(1.2, 2.6), fontsize=8)
    ax.set_xlabel("margin y f(x)")
    ax.set_ylabel("loss")
    ax.set_ylim(-0.1, 3.5)
    ax.legend(fontsize=8)
    ax.set_title("The hinge is exactly 0 beyond the margin", fontsize=10)
    fig.tight_layout()
    out = out_dir / "losses.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_convergence(out_dir: Path) -> Path:
    """Objective above LinearSVC's optimum after each epoch: full batch against mini-batches."""
    X, y = load_breast_cancer(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    signs = 2 * y - 1
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6), sharey=True)
    for ax, C in zip(axes, (0.1, 1.0), strict=True):
        best = LinearSVC(loss="hinge", dual=True, C=C, intercept_scaling=10.0, tol=1e-8,
                         max_iter=100_000).fit(X, y)
        J_best = objective(best.coef_[0], best.intercept_[0], X, signs, C)
        for batch_size, epochs in ((len(X), [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024]),
                                   (32, [1, 2, 4, 8, 16, 32, 64]), (1, [1, 2, 4])):
            # Refitting with more epochs replays the same steps (same seed), so each fit
            # extends the previous one's path.
            gaps = []
            for e in epochs:
                model = ref.LinearSVM(C=C, max_iter=e, batch_size=batch_size, random_state=0).fit(X, y)
                gaps.append(objective(model.coef_[0], model.intercept_[0], X, signs, C) / J_best - 1)
            steps = -(-len(X) // batch_size)
            label = f"batch_size={batch_size} ({steps} steps per epoch)"
            if steps == 1:
                label = "full batch (1 step per epoch)"
            ax.loglog(epochs, np.maximum(gaps, 1e-6), "o-", ms=3, label=label)
        ax.loglog([1, 1024], [3, 3 / 1024], color="0.6", ls=":", label="slope 1/epochs")
        ax.set_title(f"breast cancer, standardised, C = {C}", fontsize=10)
        ax.set_xlabel("epochs (passes over the 569 samples)")
    axes[0].set_ylabel("J(w, b) / J(LinearSVC) - 1")
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    out = out_dir / "convergence.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_margin, draw_losses, draw_convergence]
