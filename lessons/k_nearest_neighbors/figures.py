"""Figures of the k-nearest neighbours lesson, drawn with the reference solution.

``grader figures k_nearest_neighbors`` redraws everything in FIGURES into
``lessons/k_nearest_neighbors/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402
from matplotlib.patches import Circle, Polygon  # noqa: E402
from sklearn.datasets import make_moons  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("k_nearest_neighbors")
LIGHT = ListedColormap(["#c6dbef", "#fdd0a2"])
DARK = ListedColormap(["tab:blue", "tab:orange"])


def draw_decision_regions(out_dir: Path) -> Path:
    """Predicted class over the plane for k = 1, 15 and 75: from jagged islands to a smooth boundary."""
    X, y = make_moons(n_samples=200, noise=0.3, random_state=0)
    xx, yy = np.meshgrid(np.linspace(-2, 3, 150), np.linspace(-1.5, 2, 105))
    grid = np.column_stack([xx.ravel(), yy.ravel()])  # (15750, 2) queries
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.3), sharey=True)
    for ax, k in zip(axes, (1, 15, 75), strict=True):
        labels = ref.KNeighborsClassifier(n_neighbors=k).fit(X, y).predict(grid)
        ax.contourf(xx, yy, labels.reshape(xx.shape), levels=[-0.5, 0.5, 1.5], cmap=LIGHT)
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=DARK, s=10, edgecolors="k", linewidths=0.3)
        ax.set_title(f"k = {k}")
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle("k-NN on two noisy moons: small k follows every sample, large k blurs the moons",
                 fontsize=10)
    fig.tight_layout()
    out = out_dir / "decision_regions.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_metrics(out_dir: Path) -> Path:
    """The 5 nearest neighbours of one query under each metric, with the ball through the 5th."""
    rng = np.random.default_rng(3)
    X = rng.uniform(-1, 1, size=(40, 2))
    query = np.array([[0.05, -0.05]])
    fig, axes = plt.subplots(1, 2, figsize=(7.4, 3.8))
    for ax, metric in zip(axes, ("euclidean", "manhattan"), strict=True):
        knn = ref.KNeighborsRegressor(n_neighbors=5, metric=metric).fit(X, np.zeros(len(X)))
        dist, ind = knn.kneighbors(query)
        r = dist[0, -1]  # the ball through the 5th neighbour holds exactly the 5 neighbours
        if metric == "euclidean":
            ball = Circle(query[0], r, fill=False, ls="--", color="tab:red")
        else:
            corners = query[0] + r * np.array([[1, 0], [0, 1], [-1, 0], [0, -1]])
            ball = Polygon(corners, closed=True, fill=False, ls="--", color="tab:red")
        ax.add_patch(ball)
        ax.scatter(X[:, 0], X[:, 1], c="lightgrey", edgecolors="k", linewidths=0.4, s=25)
        ax.scatter(X[ind[0], 0], X[ind[0], 1], c="tab:red", s=40, label="the 5 nearest")
        ax.scatter(*query[0], marker="*", s=200, c="k", label="query")
        ax.set_title(f"metric={metric!r}", fontsize=10)
        ax.set_aspect("equal")
        ax.set_xlim(-1.05, 1.05)
        ax.set_ylim(-1.05, 1.05)
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0].legend(loc="lower left", fontsize=8)
    fig.suptitle("Same query, same data: the circle and the diamond catch different neighbours",
                 fontsize=10)
    fig.tight_layout()
    out = out_dir / "metrics.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_weights(out_dir: Path) -> Path:
    """1-D regression with k = 4: steps with uniform weights, interpolation with distance weights."""
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(0, 6, 18))[:, None]
    y = np.sin(x[:, 0]) + 0.25 * rng.normal(size=18)
    grid = np.linspace(0, 6, 600)[:, None]
    fig, ax = plt.subplots(figsize=(6, 3.3))
    for weights, colour in (("uniform", "tab:blue"), ("distance", "tab:orange")):
        pred = ref.KNeighborsRegressor(n_neighbors=4, weights=weights).fit(x, y).predict(grid)
        ax.plot(grid[:, 0], pred, color=colour, label=f"weights={weights!r}")
    ax.scatter(x[:, 0], y, c="k", s=15, zorder=3, label="training samples")
    ax.set_xlabel("x")
    ax.set_ylabel("prediction")
    ax.set_title("k = 4: the distance-weighted curve passes through every sample", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "weights.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_choosing_k(out_dir: Path) -> Path:
    """Training, leave-one-out and test error against k on the noisy moons."""
    X, y = make_moons(n_samples=300, noise=0.35, random_state=1)
    X_test, y_test = make_moons(n_samples=500, noise=0.35, random_state=2)
    ks = np.arange(1, 152, 6)
    errors = {"training set": [], "leave-one-out": [], "new data": []}
    for k in ks:
        knn = ref.KNeighborsClassifier(n_neighbors=int(k)).fit(X, y)
        errors["training set"].append(np.mean(knn.predict(X) != y))
        # X=None: each training sample is classified by its neighbours among the others
        errors["leave-one-out"].append(np.mean(knn.predict(None) != y))
        errors["new data"].append(np.mean(knn.predict(X_test) != y_test))
    fig, ax = plt.subplots(figsize=(6, 3.3))
    for (name, err), style in zip(errors.items(), ("o-", "s-", "^-"), strict=True):
        ax.plot(ks, err, style, ms=3, label=name)
    ax.set_xlabel("k (odd, so two classes cannot tie)")
    ax.set_ylabel("error rate")
    ax.set_title("Training error is 0 at k = 1; leave-one-out tracks the error on new data",
                 fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "choosing_k.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_decision_regions, draw_metrics, draw_weights, draw_choosing_k]
