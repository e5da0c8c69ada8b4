"""Figures of the decision tree lesson, drawn with the reference solution.

``grader figures decision_tree`` redraws everything in FIGURES into ``lessons/decision_tree/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402
from sklearn.datasets import load_iris, make_moons  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("decision_tree")
COLOURS = ["tab:blue", "tab:orange", "tab:green"]
LIGHT = ListedColormap(["#c6dbef", "#fdd0a2", "#c7e9c0"])


def draw_decision_regions(out_dir: Path) -> Path:
    """Predicted classes on noisy moons for three depths: axis-aligned boxes, then overfitting."""
    X, y = make_moons(n_samples=300, noise=0.3, random_state=0)
    X_test, y_test = make_moons(n_samples=1000, noise=0.3, random_state=1)
    xx, yy = np.meshgrid(np.linspace(-2.0, 3.0, 300), np.linspace(-1.6, 2.1, 300))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    fig, axes = plt.subplots(1, 3, figsize=(10, 3.4), sharey=True)
    for ax, depth in zip(axes, (1, 4, None), strict=True):
        tree = ref.DecisionTreeClassifier(max_depth=depth).fit(X, y)
        ax.contourf(xx, yy, tree.predict(grid).reshape(xx.shape), levels=[-0.5, 0.5, 1.5], cmap=LIGHT)
        ax.scatter(X[:, 0], X[:, 1], c=np.array(COLOURS)[y], s=8, edgecolors="none")
        train, test = np.mean(tree.predict(X) == y), np.mean(tree.predict(X_test) == y_test)
        ax.set_title(f"max_depth={depth}: {tree.get_n_leaves()} leaves\n"
                     f"train {train:.0%}, test {test:.0%}", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    out = out_dir / "decision_regions.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def _node_counts(tree, X, y, n_classes):
    """Class counts of the training samples that pass through each node, shape (n_nodes, n_classes)."""
    counts = np.zeros((len(tree.feature_), n_classes), dtype=int)
    stack = [(0, np.arange(len(X)))]
    while stack:
        node, idx = stack.pop()
        counts[node] = np.bincount(y[idx], minlength=n_classes)
        f = tree.feature_[node]
        if f >= 0:
            left = X[idx, f] <= tree.threshold_[node]
            stack += [(tree.children_[node, 0], idx[left]), (tree.children_[node, 1], idx[~left])]
    return counts


def draw_tree_structure(out_dir: Path) -> Path:
    """The fitted tree drawn from feature_, threshold_ and children_, next to the boxes it cuts."""
    iris = load_iris()
    X, y = iris.data[:, 2:], iris.target  # petal length and width
    names, classes = ["petal length", "petal width"], iris.target_names
    tree = ref.DecisionTreeClassifier(max_depth=3).fit(X, y)
    counts = _node_counts(tree, X, y, 3)
    # Leaves get x = 0, 1, 2, ... from left to right; an internal node sits above its children.
    x, order = np.zeros(len(tree.feature_)), []

    def place(node):
        if tree.feature_[node] < 0:
            x[node] = len(order)
            order.append(node)
        else:
            left, right = tree.children_[node]
            place(left)
            place(right)
            x[node] = (x[left] + x[right]) / 2

    place(0)
    fig, (ax, ax_plane) = plt.subplots(1, 2, figsize=(11, 4.2), gridspec_kw={"width_ratios": [1.6, 1]})
    for node in range(len(tree.feature_)):
        f, d = tree.feature_[node], -tree.node_depth_[node]
        if f >= 0:
            for side, child in zip(("yes", "no"), tree.children_[node], strict=True):
                ax.plot([x[node], x[child]], [d, d - 1], color="grey", lw=1, zorder=1)
                ax.text((x[node] + x[child]) / 2, d - 0.45, side, fontsize=7, color="grey", ha="center")
            text = f"#{node}  {names[f]} <= {tree.threshold_[node]:.2f}?\n{counts[node].tolist()}"
            colour = "white"
        else:
            k = int(np.argmax(counts[node]))
            text, colour = f"#{node}  {classes[k]}\n{counts[node].tolist()}", LIGHT.colors[k]
        ax.text(x[node], d, text, ha="center", va="center", fontsize=7.5, zorder=2,
                bbox=dict(boxstyle="round", fc=colour, ec="grey"))
    ax.set_xlim(-0.7, len(order) - 0.3)
    ax.set_ylim(-tree.get_depth() - 0.5, 0.5)
    ax.axis("off")
    ax.set_title("max_depth=3 on two iris features (class counts per node)", fontsize=10)
    # The same tree as boxes in the plane: each split is a segment inside its parent's box.
    xx, yy = np.meshgrid(np.linspace(0.8, 7.1, 300), np.linspace(0.0, 2.6, 300))
    regions = tree.predict(np.column_stack([xx.ravel(), yy.ravel()])).reshape(xx.shape)
    ax_plane.contourf(xx, yy, regions, levels=[-0.5, 0.5, 1.5, 2.5], cmap=LIGHT)
    jitter = np.random.default_rng(0).normal(scale=0.02, size=X.shape)  # iris values repeat
    ax_plane.scatter(*(X + jitter).T, c=np.array(COLOURS)[y], s=8, edgecolors="none")
    stack = [(0, [0.8, 7.1, 0.0, 2.6])]
    while stack:
        node, (x0, x1, y0, y1) = stack.pop()
        f, t = tree.feature_[node], tree.threshold_[node]
        if f < 0:
            continue
        left, right = tree.children_[node]
        if f == 0:
            ax_plane.plot([t, t], [y0, y1], "k-", lw=1)
            ax_plane.text(t, y1 - 0.03, f" #{node}", fontsize=7, ha="left", va="top")
            stack += [(left, [x0, t, y0, y1]), (right, [t, x1, y0, y1])]
        else:
            ax_plane.plot([x0, x1], [t, t], "k-", lw=1)
            ax_plane.text(x1 - 0.05, t, f"#{node}", fontsize=7, ha="right", va="bottom")
            stack += [(left, [x0, x1, y0, t]), (right, [x0, x1, t, y1])]
    ax_plane.set_xlabel("petal length (cm)")
    ax_plane.set_ylabel("petal width (cm)")
    ax_plane.set_title("the splits cut the plane into boxes", fontsize=10)
    fig.tight_layout()
    out = out_dir / "tree_structure.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_split_scores(out_dir: Path) -> Path:
    """Left: impurities of a two-class node. Right: the score of every threshold at the root."""
    p = np.linspace(0, 1, 201)
    q = np.clip(p, 1e-12, 1 - 1e-12)
    fig, (ax, ax_scores) = plt.subplots(1, 2, figsize=(10, 3.4))
    ax.plot(p, 1 - p**2 - (1 - p) ** 2, label="Gini $1 - p^2 - (1-p)^2$")
    ax.plot(p, -(q * np.log2(q) + (1 - q) * np.log2(1 - q)) / 2, label="entropy / 2 (bits)")
    ax.plot(p, np.minimum(p, 1 - p), "--", label="misclassification $\\min(p, 1-p)$")
    ax.set_xlabel("fraction p of class 1 in the node")
    ax.set_ylabel("impurity")
    ax.set_title("two classes: all peak at p = 1/2", fontsize=10)
    ax.legend(fontsize=8)
    # The root of the moons tree: sort feature 1 once, cumulative class counts give every score.
    X, y = make_moons(n_samples=300, noise=0.3, random_state=0)
    order = np.argsort(X[:, 1])
    xs, left = X[order, 1], np.cumsum(np.eye(2)[y[order]], axis=0)[:-1]  # (n - 1, 2) left counts
    n_left = np.arange(1.0, len(y))
    thresholds = xs[:-1] / 2 + xs[1:] / 2
    for criterion, impurity in (("gini", ref._gini), ("entropy", ref._entropy)):
        right = left[-1] + np.eye(2)[y[order[-1]]] - left
        score = n_left * impurity(left, n_left) + (len(y) - n_left) * impurity(right, len(y) - n_left)
        score = score / (len(y) * impurity(left[-1] + np.eye(2)[y[order[-1]]], np.float64(len(y))))
        line, = ax_scores.plot(thresholds, score, label=criterion)
        best = np.argmin(score)
        ax_scores.plot(thresholds[best], score[best], "o", color=line.get_color())
    ax_scores.plot(xs, np.where(y[order] == 1, 1.02, 1.05), "|", color="k", ms=6)
    for level, name in ((1.05, "class 0"), (1.02, "class 1")):
        ax_scores.text(xs[0] - 0.1, level, name, fontsize=7, ha="right", va="center")
    ax_scores.set_xlim(xs[0] - 0.6, xs[-1] + 0.1)
    ax_scores.set_xlabel("threshold t on feature 1 of the moons (ticks: the sorted samples)")
    ax_scores.set_ylabel("children's impurity / root's")
    ax_scores.set_title("every threshold of one feature, from one sort and one cumsum", fontsize=10)
    ax_scores.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    out = out_dir / "split_scores.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_regression_steps(out_dir: Path) -> Path:
    """A regression tree is a step function: each leaf predicts the mean of its samples."""
    rng = np.random.default_rng(0)
    x = np.sort(rng.uniform(0, 6, 120))
    y = np.sin(x) + rng.normal(scale=0.3, size=x.size)
    grid = np.linspace(0, 6, 1000)[:, None]
    fig, ax = plt.subplots(figsize=(6, 3.4))
    ax.scatter(x, y, s=10, color="grey", label="training samples")
    for depth, colour in ((1, "tab:blue"), (3, "tab:orange"), (None, "tab:red")):
        tree = ref.DecisionTreeRegressor(max_depth=depth).fit(x[:, None], y)
        ax.plot(grid, tree.predict(grid), color=colour, lw=1.2 if depth is None else 2,
                label=f"max_depth={depth} ({tree.get_n_leaves()} leaves)")
    ax.plot(grid, np.sin(grid), "k:", lw=1, label="sin(x)")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_title("Regression trees: deeper means finer steps, then noise", fontsize=10)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    out = out_dir / "regression_steps.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_decision_regions, draw_tree_structure, draw_split_scores, draw_regression_steps]
