"""Figures of the PCA lesson, drawn with the reference solution.

``grader figures pca`` redraws everything in FIGURES into ``lessons/pca/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import load_digits, load_iris  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("pca")


def draw_axes(out_dir: Path) -> Path:
    """Two iris features: the principal axes, 1.5 standard deviations long, and the
    projections of a few samples onto the first axis."""
    X = load_iris().data[:, [0, 2]]  # sepal length, petal length (cm)
    pca = ref.PCA().fit(X)
    mu, axes, sd = pca.mean_, pca.components_, np.sqrt(pca.explained_variance_)
    fig, ax = plt.subplots(figsize=(4.6, 4.8))
    ax.scatter(X[:, 0], X[:, 1], s=12, color="tab:grey", alpha=0.6)
    line = mu + np.outer([-3.2, 3.2], axes[0])  # the first axis through the mean
    ax.plot(line[:, 0], line[:, 1], color="tab:blue", lw=0.8, ls=":")
    # A few samples and their orthogonal projections onto the first axis.
    picks = X[[5, 60, 110, 130]]
    feet = mu + np.outer((picks - mu) @ axes[0], axes[0])
    for p, f in zip(picks, feet, strict=True):
        ax.plot([p[0], f[0]], [p[1], f[1]], color="tab:red", lw=1)
    ax.scatter(feet[:, 0], feet[:, 1], s=20, color="tab:red", zorder=3, label="projection on PC 1")
    for j, colour in enumerate(("tab:blue", "tab:orange")):
        tip = mu + 1.5 * sd[j] * axes[j]
        ax.annotate("", xy=tip, xytext=mu, arrowprops=dict(arrowstyle="->", color=colour, lw=2))
        share = 100 * pca.explained_variance_ratio_[j]
        at = tip if j else mu + 1.1 * sd[0] * axes[0]  # PC 1's label beside its arrow
        ax.text(at[0] + (0.15 if j else -0.2), at[1], f"PC {j + 1}\n({share:.1f}%)",
                color=colour, fontsize=9, va="top", ha="left" if j else "right",
                bbox=dict(fc="white", ec="none", alpha=0.8))
    ax.plot(*mu, "k+", ms=12, mew=2, label="mean_")
    ax.set_aspect("equal")
    ax.set_xlabel("sepal length (cm)")
    ax.set_ylabel("petal length (cm)")
    ax.set_title("Principal axes (arrows: 1.5 standard deviations)", fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    out = out_dir / "axes.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_digits_projection(out_dir: Path) -> Path:
    """The 1797 digits (64 pixels each) projected onto their first two principal components."""
    digits = load_digits()
    pca = ref.PCA(n_components=2).fit(digits.data)
    Z = pca.transform(digits.data)  # (1797, 2)
    fig, ax = plt.subplots(figsize=(5.5, 4.6))
    colours = plt.get_cmap("tab10")(digits.target)
    ax.scatter(Z[:, 0], Z[:, 1], c=colours, s=8, alpha=0.6)
    # Label each digit at the median of its scores.
    for d in range(10):
        x, y = np.median(Z[digits.target == d], axis=0)
        ax.text(x, y, str(d), fontsize=15, weight="bold", ha="center", va="center",
                color=plt.get_cmap("tab10")(d), bbox=dict(boxstyle="circle", fc="white", alpha=0.8))
    shares = 100 * pca.explained_variance_ratio_
    ax.set_xlabel(f"PC 1 ({shares[0]:.1f}% of the variance)")
    ax.set_ylabel(f"PC 2 ({shares[1]:.1f}% of the variance)")
    ax.set_title("Digits: 64 pixels seen through 2 components", fontsize=10)
    fig.tight_layout()
    out = out_dir / "digits_projection.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_scree(out_dir: Path) -> Path:
    """Scree plot of the digits: each component's explained variance ratio and the cumulative sum."""
    X = load_digits().data
    ratio = ref.PCA().fit(X).explained_variance_ratio_
    k90 = ref.PCA(n_components=0.9).fit(X).n_components_
    shown = np.arange(1, 41)
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    ax.bar(shown, ratio[:40], color="tab:blue", label="explained_variance_ratio_")
    ax.set_xlabel("component")
    ax.set_ylabel("share of the total variance")
    twin = ax.twinx()
    twin.plot(shown, np.cumsum(ratio)[:40], "o-", color="tab:orange", ms=3, label="cumulative")
    twin.axhline(0.9, color="grey", ls="--", lw=1)
    twin.axvline(k90, color="grey", ls="--", lw=1)
    twin.annotate(f"n_components=0.9\nkeeps {k90} components", (k90, 0.9), xytext=(k90 + 3, 0.5),
                  arrowprops=dict(arrowstyle="->"), fontsize=9)
    twin.set_ylim(0, 1.02)
    twin.set_ylabel("cumulative share", color="tab:orange")
    ax.set_title("Digits: scree plot (first 40 of 64 components)", fontsize=10)
    fig.legend(loc="center right", bbox_to_anchor=(0.86, 0.35), fontsize=8)
    fig.tight_layout()
    out = out_dir / "scree.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_reconstructions(out_dir: Path) -> Path:
    """Five digits rebuilt by inverse_transform from 2, 5, 10, 20 and all 64 components."""
    digits = load_digits()
    X, picks = digits.data, [0, 11, 22, 33, 44]
    ks = [2, 5, 10, 20, 64]
    fig, axes = plt.subplots(len(picks), len(ks), figsize=(4.6, 4.8))
    for col, k in enumerate(ks):
        pca = ref.PCA(n_components=k).fit(X)
        rebuilt = pca.inverse_transform(pca.transform(X[picks]))  # (5, 64)
        for row, image in enumerate(rebuilt):
            axes[row, col].imshow(image.reshape(8, 8), cmap="gray_r", vmin=0, vmax=16)
            axes[row, col].set_xticks([])
            axes[row, col].set_yticks([])
        axes[0, col].set_title(f"k = {k}", fontsize=9)
    fig.suptitle("inverse_transform(transform(x)) with k components", fontsize=10)
    fig.tight_layout()
    out = out_dir / "reconstructions.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_axes, draw_digits_projection, draw_scree, draw_reconstructions]
