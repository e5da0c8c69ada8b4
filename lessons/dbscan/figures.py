"""Figures of the DBSCAN lesson, drawn with the reference solution.

``grader figures dbscan`` redraws everything in FIGURES into ``lessons/dbscan/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import make_moons  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("dbscan")
kmeans = load_reference("kmeans")
COLOURS = np.array(["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown",
                    "tab:pink", "tab:olive", "tab:cyan"])


def moons_with_noise():
    """Two moons and 20 uniform noise samples around them."""
    X, _ = make_moons(n_samples=300, noise=0.07, random_state=0)
    rng = np.random.default_rng(0)
    return np.vstack([X, rng.uniform([-1.5, -1.0], [2.5, 1.5], size=(20, 2))])


def scatter_dbscan(ax, X, model):
    """Core samples as filled dots, border samples as rings, noise as grey crosses."""
    labels = model.labels_
    core = np.zeros(len(X), dtype=bool)
    core[model.core_sample_indices_] = True
    border = ~core & (labels >= 0)
    noise = labels == -1
    colours = COLOURS[labels % len(COLOURS)]
    ax.scatter(X[core, 0], X[core, 1], c=colours[core], s=14, label="core")
    ax.scatter(X[border, 0], X[border, 1], facecolors="none", edgecolors=colours[border], s=40,
               linewidths=1.2, label="border")
    ax.scatter(X[noise, 0], X[noise, 1], c="grey", marker="x", s=20, label="noise (-1)")
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])


def draw_core_border_noise(out_dir: Path) -> Path:
    """k-means against DBSCAN on two moons; DBSCAN's core, border and noise samples."""
    X = moons_with_noise()
    eps, min_samples = 0.2, 5
    model = ref.DBSCAN(eps=eps, min_samples=min_samples).fit(X)
    km = kmeans.KMeans(n_clusters=2, random_state=0).fit(X)
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
    axes[0].scatter(X[:, 0], X[:, 1], c=COLOURS[km.labels_], s=14)
    axes[0].scatter(*km.cluster_centers_.T, c="k", marker="X", s=120)
    axes[0].set_title("k-means, k=2: straight cut, no noise", fontsize=10)
    axes[0].set_aspect("equal")
    axes[0].set_xticks([])
    axes[0].set_yticks([])
    scatter_dbscan(axes[1], X, model)
    # an eps-circle around one core, one border and one noise sample, picked near given spots
    labels = model.labels_
    is_core = np.zeros(len(X), dtype=bool)
    is_core[model.core_sample_indices_] = True
    kinds = {"core": is_core, "border": ~is_core & (labels >= 0), "noise": labels == -1}
    spots = {"core": (0.0, 1.0), "border": (-1.0, 0.5), "noise": (-0.5, -0.2)}
    for name, mask in kinds.items():
        candidates = np.flatnonzero(mask)
        i = candidates[np.argmin(((X[candidates] - spots[name]) ** 2).sum(axis=1))]
        axes[1].add_patch(plt.Circle(X[i], eps, fill=False, ls="--", lw=1, color="k"))
        axes[1].annotate(name, X[i], xytext=(X[i, 0] + 0.2, X[i, 1] - 0.35), fontsize=9,
                         arrowprops=dict(arrowstyle="-", lw=0.6))
    noise = np.flatnonzero(labels == -1)
    n_clusters = model.labels_.max() + 1
    axes[1].set_title(f"DBSCAN, eps={eps}, min_samples={min_samples}: "
                      f"{n_clusters} clusters, {noise.size} noise", fontsize=10)
    axes[1].legend(loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, fontsize=8)
    fig.tight_layout()
    out = out_dir / "core_border_noise.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_eps_effect(out_dir: Path) -> Path:
    """Too small, about right, too large an eps; and the k-distance plot that suggests one."""
    X = moons_with_noise()
    min_samples = 5
    fig, axes = plt.subplots(1, 4, figsize=(13, 3.3))
    for ax, eps in zip(axes[:3], (0.08, 0.2, 0.5), strict=True):
        model = ref.DBSCAN(eps=eps, min_samples=min_samples).fit(X)
        scatter_dbscan(ax, X, model)
        n_noise = int(np.sum(model.labels_ == -1))
        k = model.labels_.max() + 1
        ax.set_title(f"eps={eps}: {k} cluster{'' if k == 1 else 's'}, {n_noise} noise", fontsize=10)
    # distance of each sample to its (min_samples - 1)-th nearest other sample, sorted:
    # the bend separates samples inside dense regions from the sparse ones
    D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))  # (n, n)
    k_dist = np.sort(np.sort(D, axis=1)[:, min_samples - 1])
    ax = axes[3]
    ax.plot(k_dist)
    for eps, style in zip((0.08, 0.2, 0.5), (":", "--", "-."), strict=True):
        ax.axhline(eps, color="grey", ls=style, lw=1, label=f"eps={eps}")
    ax.set_xlabel("samples, sorted")
    ax.set_ylabel(f"distance to the {min_samples - 1}th neighbour")
    ax.set_title(f"k-distance plot (k = min_samples - 1 = {min_samples - 1})", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "eps_effect.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_core_border_noise, draw_eps_effect]
