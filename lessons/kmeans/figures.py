"""Figures of the k-means lesson, drawn with the reference solution.

``grader figures kmeans`` redraws everything in FIGURES into ``lessons/kmeans/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("kmeans")
COLOURS = np.array(["tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown"])


def draw_lloyd_iterations(out_dir: Path) -> Path:
    """Animated GIF: Lloyd's iterations from a poor start, points coloured by nearest centre."""
    X, _ = make_blobs(n_samples=300, centers=4, cluster_std=1.3, random_state=1)
    # A deliberately poor start: the four leftmost samples.
    init = X[np.argsort(X[:, 0])[:4]]
    # The state after i iterations is a fit with max_iter=i from the same start.
    states = [(init, np.argmin(((X[:, None] - init) ** 2).sum(axis=2), axis=1), None)]
    for i in range(1, 30):
        km = ref.KMeans(n_clusters=4, init=init, n_init=1, max_iter=i, tol=0.0).fit(X)
        if km.n_iter_ < i:  # converged in fewer than i iterations: nothing new to show
            break
        states.append((km.cluster_centers_, km.labels_, km.inertia_))
    fig, ax = plt.subplots(figsize=(4.5, 4.2))
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.9)

    def frame(i):
        i = min(i, len(states) - 1)  # the extra frames repeat the converged state
        ax.clear()
        centres, labels, inertia = states[i]
        ax.scatter(X[:, 0], X[:, 1], c=COLOURS[labels], s=10, alpha=0.6)
        path = np.array([s[0] for s in states[: i + 1]])  # (i + 1, k, 2): each centre's trail
        for j in range(4):
            ax.plot(path[:, j, 0], path[:, j, 1], "-", color="k", lw=1)
        ax.scatter(centres[:, 0], centres[:, 1], c=COLOURS[:4], s=160, marker="X",
                   edgecolors="k", linewidths=1.5)
        text = "start" if inertia is None else f"iteration {i}, inertia {inertia:.0f}"
        if i == len(states) - 1:
            text += " (converged)"
        ax.set_title(f"Lloyd's algorithm: {text}", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])

    # Hold the last frame a little longer by repeating it.
    n_frames = len(states) + 3
    anim = FuncAnimation(fig, frame, frames=n_frames)
    out = out_dir / "lloyd_iterations.gif"
    anim.save(out, writer=PillowWriter(fps=2), dpi=70)
    plt.close(fig)
    return out


def draw_elbow(out_dir: Path) -> Path:
    """Inertia against the number of clusters: the bend ("elbow") at the true k = 4."""
    X, _ = make_blobs(n_samples=400, centers=4, cluster_std=1.0, random_state=3)
    ks = np.arange(1, 10)
    inertias = [ref.KMeans(n_clusters=k, n_init=5, random_state=0).fit(X).inertia_ for k in ks]
    fig, ax = plt.subplots(figsize=(5, 3.2))
    ax.plot(ks, inertias, "o-")
    ax.axvline(4, color="grey", ls="--", lw=1)
    ax.annotate("data drawn from 4 blobs", (4, inertias[3]), xytext=(5, inertias[1]),
                arrowprops=dict(arrowstyle="->"))
    ax.set_xlabel("number of clusters k")
    ax.set_ylabel("inertia (sum of squared distances)")
    ax.set_title("Inertia always falls with k; look for the bend")
    fig.tight_layout()
    out = out_dir / "elbow.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_seeding(out_dir: Path) -> Path:
    """Final inertia of 100 single runs: k-means++ seeding against uniform seeding."""
    X, _ = make_blobs(n_samples=500, centers=10, cluster_std=0.6, center_box=(-20, 20),
                      random_state=4)
    runs = {
        init: [ref.KMeans(n_clusters=10, init=init, n_init=1, random_state=s).fit(X).inertia_
               for s in range(100)]
        for init in ("random", "k-means++")
    }
    best = min(min(v) for v in runs.values())
    bins = np.linspace(best, max(max(v) for v in runs.values()), 30)
    fig, ax = plt.subplots(figsize=(5, 3.2))
    for init, colour in (("random", "tab:grey"), ("k-means++", "tab:blue")):
        ax.hist(runs[init], bins=bins, alpha=0.6, color=colour, label=f"init={init!r}")
    ax.set_xlabel("final inertia of one run (n_init=1)")
    ax.set_ylabel("runs out of 100")
    ax.set_title("10 blobs: D$^2$ seeding lands near the optimum more often", fontsize=10)
    ax.legend()
    fig.tight_layout()
    out = out_dir / "seeding.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_lloyd_iterations, draw_elbow, draw_seeding]
