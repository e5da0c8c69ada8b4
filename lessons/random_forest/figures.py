"""Figures of the random forest lesson, drawn with the reference solution.

``grader figures random_forest`` redraws everything in FIGURES into ``lessons/random_forest/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.colors import ListedColormap  # noqa: E402
from sklearn.datasets import make_classification, make_moons  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("random_forest")
CMAP = ListedColormap(["tab:blue", "tab:orange"])


def moons(seed=0):
    """200 noisy training moons drawn with random_state=seed, and 1000 test moons."""
    X, y = make_moons(n_samples=200, noise=0.25, random_state=seed)
    Xt, yt = make_moons(n_samples=1000, noise=0.25, random_state=100)
    return X, y, Xt, yt


def draw_decision_regions(out_dir: Path) -> Path:
    """Two trees grown on two bootstrap samples, and the forest of 50 such trees, on noisy moons."""
    X, y, _, _ = moons()
    forest = ref.RandomForestClassifier(n_estimators=50, random_state=0).fit(X, y)
    xx, yy = np.meshgrid(np.linspace(-1.8, 2.8, 250), np.linspace(-1.2, 1.7, 160))
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    panels = [(forest.estimators_[b].predict_proba(grid)[:, 1], f"tree {b + 1} (one bootstrap sample)")
              for b in (0, 1)]
    panels.append((forest.predict_proba(grid)[:, 1], "forest: mean of 50 trees"))
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.4))
    for ax, (p, title) in zip(axes, panels, strict=True):
        ax.contourf(xx, yy, p.reshape(xx.shape), levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.7)
        ax.contour(xx, yy, p.reshape(xx.shape), levels=[0.5], colors="k", linewidths=1)
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=CMAP, s=9, edgecolors="k", linewidths=0.3)
        ax.set_title(title, fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle("predict_proba of class 1 (colour) and the 0.5 boundary (black)", fontsize=10)
    fig.tight_layout()
    out = out_dir / "decision_regions.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_n_estimators(out_dir: Path) -> Path:
    """Test accuracy and OOB score, and the variance of predict_proba across seeds, against n_estimators.

    The first B trees of a forest of 40 are the forest of B trees with the same random_state
    (the trees draw from one generator in order), so one forest per seed gives every B.
    """
    B = np.arange(1, 41)
    curves = {}
    for fresh in (False, True):  # the same training set for every seed, or a new one per seed
        accuracy, oob, proba = [], [], []
        for s in range(5):
            X, y, Xt, yt = moons(s if fresh else 0)
            forest = ref.RandomForestClassifier(n_estimators=40, random_state=s).fit(X, y)
            # (40, n_test): the running mean of the trees' probabilities of class 1
            p = np.cumsum([t.predict_proba(Xt)[:, 1] for t in forest.estimators_], axis=0) / B[:, None]
            proba.append(p)
            accuracy.append(np.mean((p > 0.5) == yt, axis=1))
            # the out-of-bag votes of the first B trees, for every B
            votes, counts, score = np.zeros((len(X), 2)), np.zeros(len(X)), []
            for tree, samples in zip(forest.estimators_, forest.estimators_samples_, strict=True):
                out = np.bincount(samples, minlength=len(X)) == 0
                votes[out] += tree.predict_proba(X[out])
                counts[out] += 1
                score.append(np.mean(np.argmax(votes[counts > 0], axis=1) == y[counts > 0]))
            oob.append(score)
        # (40,): the variance across seeds, averaged over the test points
        curves[fresh] = np.array(accuracy), np.array(oob), np.mean(np.var(np.array(proba), axis=0), axis=1)
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.6))
    accuracy, oob, _ = curves[False]
    ax1.plot(B, accuracy.mean(axis=0), label="test accuracy")
    ax1.fill_between(B, accuracy.min(axis=0), accuracy.max(axis=0), alpha=0.25)
    ax1.plot(B, oob.mean(axis=0), label="OOB score (training data only)")
    ax1.set_xscale("log")
    ax1.set_xlabel("n_estimators B")
    ax1.set_ylabel("accuracy")
    ax1.set_ylim(0.84, 0.95)
    ax1.set_title("Same training set, 5 seeds: mean (band: min to max)", fontsize=10)
    ax1.legend(loc="lower right", fontsize=9)
    for fresh, label in ((False, "same training set, new seed"), (True, "new training set and seed")):
        variance = curves[fresh][2]
        ax2.loglog(B, variance, "o", ms=3, label=label)
    # rho sigma^2 + (1 - rho) sigma^2 / B, with sigma^2 and rho read off B = 1 and B = 40
    variance = curves[True][2]
    sigma2 = variance[0]
    rho = (variance[-1] - sigma2 / 40) / (sigma2 * (1 - 1 / 40))
    ax2.loglog(B, rho * sigma2 + (1 - rho) * sigma2 / B, "k-", lw=1,
               label=rf"$\rho\sigma^2 + (1-\rho)\sigma^2/B$, $\rho$ = {rho:.2f}")
    ax2.set_xlabel("n_estimators B")
    ax2.set_ylabel("variance of predict_proba")
    ax2.set_title("Averaging B trees divides the variance, down to a floor", fontsize=10)
    ax2.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    out = out_dir / "n_estimators.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_max_features(out_dir: Path) -> Path:
    """Feature importances of forests with max_features = 1, "sqrt" and None (all 9 features)."""
    X, y = make_classification(n_samples=300, n_features=9, n_informative=3, n_redundant=3, shuffle=False,
                               random_state=3)
    settings = [(1, "max_features=1"), ("sqrt", 'max_features="sqrt" (3)'), (None, "max_features=None (9)")]
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    width = 0.27
    for i, (m, label) in enumerate(settings):
        forest = ref.RandomForestClassifier(n_estimators=30, max_features=m, random_state=0).fit(X, y)
        ax.bar(np.arange(9) + (i - 1) * width, forest.feature_importances_, width, label=label)
    ax.set_xticks(np.arange(9), ["inf 0", "inf 1", "inf 2", "red 3", "red 4", "red 5", "noise 6",
                                 "noise 7", "noise 8"])
    ax.set_ylabel("feature_importances_")
    ax.set_title("Fewer candidates per split spread the importance over more features", fontsize=10)
    ax.legend(fontsize=9)
    fig.tight_layout()
    out = out_dir / "max_features.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_decision_regions, draw_n_estimators, draw_max_features]
