"""Figures of the regularized_regression lesson, drawn with the reference solution.

``grader figures regularized_regression`` redraws everything in FIGURES into
``lessons/regularized_regression/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_diabetes  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("regularized_regression")
DPI = 100


def draw_coefficient_paths(out_dir: Path) -> Path:
    """Diabetes data: every coefficient against alpha, for the lasso and for ridge."""
    data = load_diabetes()
    X, y, names = data.data, data.target, data.feature_names
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    alpha_max = np.abs(Xc.T @ yc).max() / len(y)  # the lasso's weights are all 0 from here on
    lasso_alphas = np.logspace(np.log10(alpha_max) - 3, np.log10(alpha_max) + 0.3, 30)
    ridge_alphas = np.logspace(-3, 4, 30)
    lasso = np.array([ref.Lasso(alpha=a, tol=1e-4).fit(X, y).coef_ for a in lasso_alphas])
    ridge = np.array([ref.Ridge(alpha=a).fit(X, y).coef_ for a in ridge_alphas])  # (30, 10)

    fig, axes = plt.subplots(1, 2, figsize=(10, 4.2), sharey=True)
    colours = plt.cm.tab10(np.arange(10))
    for ax, alphas, coefs, title in (
        (axes[0], lasso_alphas, lasso, "Lasso: weights hit 0 one by one"),
        (axes[1], ridge_alphas, ridge, "Ridge: weights shrink, none is 0"),
    ):
        for j in range(10):
            ax.plot(alphas, coefs[:, j], color=colours[j], lw=1.5)
            ax.annotate(names[j], (alphas[0], coefs[0, j]), xytext=(-4, 0),
                        textcoords="offset points", ha="right", va="center", fontsize=7,
                        color=colours[j])
        ax.axhline(0.0, color="grey", lw=0.8)
        ax.set_xscale("log")
        ax.set_xlim(alphas[0] / 6, alphas[-1])
        ax.set_title(title, fontsize=10)
    axes[0].axvline(alpha_max, color="k", ls="--", lw=0.8)
    axes[0].annotate("alpha_max", (alpha_max, 600), xytext=(-4, 0), textcoords="offset points",
                     ha="right", fontsize=8)
    axes[0].set_xlabel("alpha  (objective (1/2n)||r||² + alpha ||w||₁)")
    axes[1].set_xlabel("alpha  (objective ||r||² + alpha ||w||²)")
    axes[0].set_ylabel("coef_")
    fig.tight_layout()
    out = out_dir / "coefficient_paths.png"
    fig.savefig(out, dpi=DPI)
    plt.close(fig)
    return out


def draw_constraint_geometry(out_dir: Path) -> Path:
    """Two weights: contours of the squared error meet the L1 diamond at a corner, the L2 disk not."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 2)) @ np.array([[1.0, 0.5], [0.0, 0.8]])  # (60, 2), correlated
    y = X @ np.array([2.0, 0.6]) + 0.3 * rng.normal(size=60)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    ols = np.linalg.lstsq(Xc, yc, rcond=None)[0]
    lasso = ref.Lasso(alpha=1.2, tol=1e-10).fit(X, y).coef_  # w_2 = 0 exactly
    ridge = ref.Ridge(alpha=60.0).fit(X, y).coef_

    g = np.linspace(-1.0, 3.0, 200)
    W1, W2 = np.meshgrid(g, g)
    W = np.stack([W1.ravel(), W2.ravel()])  # (2, 200 * 200)
    rss = ((yc[:, None] - Xc @ W) ** 2).sum(axis=0).reshape(W1.shape)
    fig, axes = plt.subplots(1, 2, figsize=(9, 4.4))
    for ax, w, title in ((axes[0], lasso, "Lasso: ||w||₁ ≤ t"), (axes[1], ridge, "Ridge: ||w||₂ ≤ t")):
        level, lowest = ((yc - Xc @ w) ** 2).sum(), ((yc - Xc @ ols) ** 2).sum()
        others = lowest + (level - lowest) * np.array([0.1, 0.4, 1.8, 3.0])
        ax.contour(W1, W2, rss, levels=others, colors="tab:grey", linewidths=0.6)
        ax.contour(W1, W2, rss, levels=[level], colors="tab:red", linewidths=1.5)
        if w is lasso:
            t = np.abs(w).sum()
            ax.fill([t, 0, -t, 0], [0, t, 0, -t], color="tab:blue", alpha=0.3)
        else:
            t = np.linalg.norm(w)
            ax.add_patch(plt.Circle((0, 0), t, color="tab:blue", alpha=0.3))
        ax.plot(*ols, "k+", ms=10)
        ax.annotate("least squares", ols, xytext=(6, 4), textcoords="offset points", fontsize=8)
        ax.plot(*w, "o", color="tab:red")
        ax.annotate(f"w = ({w[0]:.2f}, {w[1]:.2f})", w, xytext=(8, -12), textcoords="offset points",
                    fontsize=8, color="tab:red")
        ax.axhline(0, color="k", lw=0.5)
        ax.axvline(0, color="k", lw=0.5)
        ax.set(xlim=(-1, 3), ylim=(-1, 3), aspect="equal", xlabel="$w_1$", ylabel="$w_2$")
        ax.set_title(title, fontsize=10)
    fig.suptitle("The first contour of the squared error to touch the constraint set", fontsize=10)
    fig.tight_layout()
    out = out_dir / "constraint_geometry.png"
    fig.savefig(out, dpi=DPI)
    plt.close(fig)
    return out


def draw_shrinkage(out_dir: Path) -> Path:
    """Orthonormal features: ridge scales the least-squares weight, the lasso soft-thresholds it."""
    z = np.linspace(-3.0, 3.0, 301)  # the least-squares weight
    lam = 1.0
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot(z, z, color="grey", ls=":", label="least squares: $z$")
    ax.plot(z, z / (1 + lam), color="tab:orange", label=r"ridge: $z / (1 + \lambda)$")
    ax.plot(z, ref.soft_threshold(z, lam), color="tab:blue", lw=2,
            label=r"lasso: $S(z, \lambda) = \mathrm{sign}(z)\max(|z| - \lambda, 0)$")
    ax.axvspan(-lam, lam, color="tab:blue", alpha=0.1)
    ax.annotate(r"$|z| \leq \lambda$: exactly 0", (0, -0.5), ha="center", fontsize=8)
    ax.set(xlabel="least-squares weight $z$", ylabel="penalised weight", xlim=(-3, 3), ylim=(-3, 3))
    ax.set_title(r"One weight, $\lambda = 1$", fontsize=10)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    out = out_dir / "shrinkage.png"
    fig.savefig(out, dpi=DPI)
    plt.close(fig)
    return out


def draw_coordinate_descent(out_dir: Path) -> Path:
    """Coordinate descent on two correlated features: one axis-parallel step per coordinate."""
    rng = np.random.default_rng(1)
    X = rng.normal(size=(80, 2)) @ np.array([[1.0, 0.85], [0.0, 0.5]])  # (80, 2), corr ~ 0.85
    y = X @ np.array([1.5, 1.0]) + 0.3 * rng.normal(size=80)
    alpha = 0.05
    # The weights after k sweeps are a fit with max_iter=k; between two sweeps, w_1 moves first.
    sweeps = [np.zeros(2)] + [ref.Lasso(alpha=alpha, max_iter=k, tol=0.0).fit(X, y).coef_
                              for k in range(1, 16)]
    path = [sweeps[0]]
    for w in sweeps[1:]:
        path += [np.array([w[0], path[-1][1]]), w]
    path = np.array(path)  # (2 * 15 + 1, 2)

    Xc, yc = X - X.mean(axis=0), y - y.mean()
    g1, g2 = np.linspace(-0.2, 2.2, 200), np.linspace(-0.2, 1.6, 160)
    W1, W2 = np.meshgrid(g1, g2)
    W = np.stack([W1.ravel(), W2.ravel()])  # (2, 160 * 200)
    obj = (((yc[:, None] - Xc @ W) ** 2).sum(axis=0) / (2 * len(y))
           + alpha * np.abs(W).sum(axis=0)).reshape(W1.shape)
    fig, ax = plt.subplots(figsize=(5.4, 4.2))
    ax.contour(W1, W2, obj, levels=np.quantile(obj, np.linspace(0.002, 0.6, 14)),
               colors="tab:grey", linewidths=0.6)
    ax.plot(path[:, 0], path[:, 1], "-o", color="tab:blue", ms=3, lw=1)
    ax.plot(*sweeps[-1], "*", color="tab:red", ms=12)
    ax.annotate("start: w = 0", path[0], xytext=(6, 6), textcoords="offset points", fontsize=8)
    ax.set(xlabel="$w_1$", ylabel="$w_2$", aspect="equal")
    ax.set_title(f"Lasso (alpha={alpha}): 15 sweeps of coordinate descent", fontsize=10)
    fig.tight_layout()
    out = out_dir / "coordinate_descent.png"
    fig.savefig(out, dpi=DPI)
    plt.close(fig)
    return out


FIGURES = [draw_coefficient_paths, draw_constraint_geometry, draw_shrinkage, draw_coordinate_descent]
