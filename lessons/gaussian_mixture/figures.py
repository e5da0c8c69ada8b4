"""Figures of the Gaussian mixture lesson, drawn with the reference solution.

``grader figures gaussian_mixture`` redraws everything in FIGURES into
``lessons/gaussian_mixture/figures/``.
"""

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402
from matplotlib.patches import Ellipse  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("gaussian_mixture")
COLOURS = np.array([[0.12, 0.47, 0.71], [1.0, 0.5, 0.05], [0.17, 0.63, 0.17]])  # blue, orange, green


def stretched_blobs():
    """Three elongated blobs of different sizes (full covariances matter)."""
    X, y = make_blobs(n_samples=300, centers=3, cluster_std=[1.0, 2.0, 0.7], random_state=3)
    return X @ np.array([[1.0, 0.5], [0.5, 2.0]]), y


def ellipses(ax, means, covariances, weights):
    """One and two standard-deviation ellipses of each component, line width by weight."""
    for j, (mu, cov, w) in enumerate(zip(means, covariances, weights, strict=True)):
        values, vectors = np.linalg.eigh(cov)
        angle = np.degrees(np.arctan2(vectors[1, 1], vectors[0, 1]))  # of the largest axis
        for n_std in (1, 2):
            width, height = 2 * n_std * np.sqrt(values[::-1])
            ax.add_patch(Ellipse(mu, width, height, angle=angle, fill=False, color=COLOURS[j],
                                 lw=1 + 6 * w, alpha=0.9 if n_std == 1 else 0.5))
        ax.plot(*mu, "k+", ms=10, mew=2)


def em_path(X, n_rounds, **start):
    """The models after 1, 2, ..., n_rounds EM rounds: each is one round from the one before."""
    models = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # max_iter=1 is hit on purpose
        for _ in range(n_rounds):
            gm = ref.GaussianMixture(n_components=3, max_iter=1, **start).fit(X)
            start = dict(weights_init=gm.weights_, means_init=gm.means_, precisions_init=gm.precisions_)
            models.append(gm)
    return models


def draw_em_iterations(out_dir: Path) -> Path:
    """Animated GIF: EM from a poor start; points coloured by their responsibilities."""
    X, _ = stretched_blobs()
    # A deliberately poor start: three small round components in a row below the data.
    start = dict(weights_init=np.full(3, 1 / 3),
                 means_init=np.array([[-10.0, -12.0], [0.0, -12.0], [10.0, -12.0]]),
                 precisions_init=np.stack([np.eye(2)] * 3))
    covariances = np.linalg.inv(start["precisions_init"])
    states = [(start["weights_init"], start["means_init"], covariances, None, None)]
    path = em_path(X, 30, **start)
    for i in (1, 2, 3, 4, 6, 8, 10, 12, 14, 17, 20, 25, 30):
        gm = path[i - 1]
        states.append((gm.weights_, gm.means_, gm.covariances_, gm.predict_proba(X), (i, gm.score(X))))
    fig, ax = plt.subplots(figsize=(4.6, 4.6))
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.92)
    lims = X.min(0) - 2, X.max(0) + 2

    def frame(i):
        i = min(i, len(states) - 1)  # the extra frames repeat the last state
        ax.clear()
        weights, means, covs, resp, info = states[i]
        # each point's colour mixes the component colours by its responsibilities
        colours = "0.6" if resp is None else resp @ COLOURS
        ax.scatter(X[:, 0], X[:, 1], c=colours, s=9, alpha=0.7)
        ellipses(ax, means, covs, weights)
        title = "start" if info is None else f"after {info[0]} rounds: mean log-lik. {info[1]:.3f}"
        ax.set_title(f"EM: {title}", fontsize=10)
        ax.set_xlim(lims[0][0], lims[1][0])
        ax.set_ylim(min(lims[0][1], -14), lims[1][1])
        ax.set_xticks([])
        ax.set_yticks([])

    anim = FuncAnimation(fig, frame, frames=len(states) + 3)
    out = out_dir / "em_iterations.gif"
    anim.save(out, writer=PillowWriter(fps=2), dpi=70)
    plt.close(fig)
    return out


def draw_log_likelihood(out_dir: Path) -> Path:
    """The mean log-likelihood after each EM round from 10 random starts, with the default stop."""
    X, _ = stretched_blobs()
    best = ref.GaussianMixture(n_components=3, n_init=5, random_state=0).fit(X).score(X)
    fig, ax = plt.subplots(figsize=(5.4, 3.4))
    rounds = np.arange(1, 81)
    for seed in range(10):
        path = em_path(X, len(rounds), init_params="random", random_state=seed)
        curve = np.array([gm.score(X) for gm in path])
        colour = "tab:blue" if curve[-1] > best - 1e-3 else "tab:red"
        ax.plot(rounds, curve, "-", lw=1.2, color=colour, alpha=0.7)
        # where the default tol=1e-3 would have stopped: the first gain of lower_bound_ below 1e-3
        gains = np.diff(np.r_[-np.inf, [gm.lower_bound_ for gm in path]])
        stop = int(np.argmax(gains < 1e-3))
        ax.plot(rounds[stop], curve[stop], "ko", ms=4)
    ax.plot([], [], "-", color="tab:blue", label="ends at the best fit")
    ax.plot([], [], "-", color="tab:red", label="ends in a local maximum")
    ax.plot([], [], "ko", ms=4, label="where tol=1e-3 stops")
    ax.set_xlabel("EM round")
    ax.set_ylabel("mean log-likelihood score(X)")
    ax.set_title("10 random starts: EM never goes down, but plateaus and local maxima", fontsize=9)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    out = out_dir / "log_likelihood.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_kmeans_vs_mixture(out_dir: Path) -> Path:
    """k-means cuts stretched blobs with straight lines; the mixture follows their shape."""
    X, _ = stretched_blobs()
    km = KMeans(n_clusters=3, n_init=10, random_state=0).fit(X)
    gm = ref.GaussianMixture(n_components=3, random_state=0).fit(X)
    fig, axes = plt.subplots(1, 2, figsize=(8, 3.8), sharex=True, sharey=True)
    # give each k-means cluster the colour of the nearest mixture component
    match = np.argmin(((km.cluster_centers_[:, None] - gm.means_[None]) ** 2).sum(axis=2), axis=1)
    axes[0].scatter(X[:, 0], X[:, 1], c=COLOURS[match[km.labels_]], s=9, alpha=0.7)
    axes[0].plot(*km.cluster_centers_.T, "k+", ms=10, mew=2)
    axes[0].set_title("k-means: hard labels, round clusters", fontsize=10)
    # colour by responsibilities: uncertain points between components look mixed
    axes[1].scatter(X[:, 0], X[:, 1], c=gm.predict_proba(X) @ COLOURS, s=9, alpha=0.7)
    ellipses(axes[1], gm.means_, gm.covariances_, gm.weights_)
    axes[1].set_title("Gaussian mixture: responsibilities, ellipses", fontsize=10)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    out = out_dir / "kmeans_vs_mixture.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_em_iterations, draw_log_likelihood, draw_kmeans_vs_mixture]
