"""Figures for the logistic regression lesson, drawn with the reference solution."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.datasets import make_blobs, make_classification  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("logistic_regression")
DPI = 100


def _binary_data(n_samples=200):
    X, y = make_classification(
        n_samples=n_samples, n_features=2, n_informative=2, n_redundant=0,
        n_clusters_per_class=1, weights=[0.65], flip_y=0.05, class_sep=1.0, random_state=3,
    )
    return StandardScaler().fit_transform(X), y


def _classification_5d():
    """Standardised, imbalanced, non-separable binary data with 5 features."""
    X, y = make_classification(
        n_samples=200, n_features=5, n_informative=3, n_redundant=0, n_clusters_per_class=1,
        weights=[0.7], flip_y=0.1, random_state=0,
    )
    return StandardScaler().fit_transform(X), y


def _grid(X, steps=200):
    lo, hi = X.min(axis=0) - 0.5, X.max(axis=0) + 0.5
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], steps), np.linspace(lo[1], hi[1], steps))
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def draw_binary_boundary(out_dir: Path) -> Path:
    """P(y = 1 | x) as filled contours, the decision boundary P = 0.5 as a line."""
    X, y = _binary_data()
    model = ref.LogisticRegression(C=1.0).fit(X, y)
    xx, yy, grid = _grid(X)
    proba = model.predict_proba(grid)[:, 1].reshape(xx.shape)
    fig, ax = plt.subplots(figsize=(5.5, 4.5))
    filled = ax.contourf(xx, yy, proba, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.8)
    lines = ax.contour(xx, yy, proba, levels=[0.1, 0.5, 0.9], colors="k",
                       linestyles=["--", "-", "--"], linewidths=1)
    ax.clabel(lines, fmt="P=%.1f", fontsize=8)
    ax.scatter(*X[y == 0].T, c="tab:blue", edgecolor="k", s=18, label="class 0")
    ax.scatter(*X[y == 1].T, c="tab:red", edgecolor="k", s=18, label="class 1")
    fig.colorbar(filled, ax=ax, label="P(y = 1 | x)")
    ax.set(xlabel="feature 1", ylabel="feature 2", title="Binary: sigmoid of a linear score")
    ax.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    path = Path(out_dir) / "binary_boundary.png"
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def draw_multiclass_regions(out_dir: Path) -> Path:
    """Three classes: colour = predicted class, shade = its softmax probability."""
    X, y = make_blobs(n_samples=240, centers=[[-2, -1], [2, -1], [0, 2]], cluster_std=1.3,
                      random_state=0)
    X = StandardScaler().fit_transform(X)
    model = ref.LogisticRegression(C=1.0).fit(X, y)
    xx, yy, grid = _grid(X)
    proba = model.predict_proba(grid)  # (n_grid, 3)
    colours = np.array([[0.12, 0.47, 0.71], [1.0, 0.5, 0.05], [0.17, 0.63, 0.17]])
    # Blend each class colour with white by how sure the model is (1/3 = white, 1 = full).
    sure = ((proba.max(axis=1) - 1 / 3) / (2 / 3))[:, None]
    image = 1 - sure * (1 - colours[proba.argmax(axis=1)])
    fig, ax = plt.subplots(figsize=(5, 4.5))
    ax.imshow(image.reshape(*xx.shape, 3), origin="lower", aspect="auto",
              extent=(xx.min(), xx.max(), yy.min(), yy.max()))
    for k in range(3):
        ax.contour(xx, yy, proba[:, k].reshape(xx.shape), levels=[0.5], colors=[colours[k]],
                   linestyles="--", linewidths=1)
        ax.scatter(*X[y == k].T, color=colours[k], edgecolor="k", s=18, label=f"class {k}")
    ax.set(xlabel="feature 1", ylabel="feature 2",
           title="Multinomial: softmax of three linear scores\n(dashed: P(class) = 0.5)")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    path = Path(out_dir) / "multiclass_regions.png"
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def draw_newton_vs_gradient_descent(out_dir: Path) -> Path:
    """Objective minus its minimum per iteration: Newton's method against gradient descent."""
    X, y = _classification_5d()
    C = 1.0
    Xb = np.hstack([X, np.ones((len(X), 1))])  # the intercept as a column of ones
    Y = np.eye(2)[y]
    alpha = np.r_[np.full(X.shape[1], 1 / C), 0.0]  # the intercept is not penalised

    def objective(model):
        W = np.r_[model.coef_.ravel(), model.intercept_][:, None]
        return ref._objective(W, Xb, Y, alpha)

    # Newton: fit(max_iter=k) stops after k steps, so its iterates are the fits for k = 0, 1, ...
    newton = [objective(ref.LogisticRegression(C=C, max_iter=k).fit(X, y)) for k in range(9)]
    f_min = objective(ref.LogisticRegression(C=C, tol=1e-12).fit(X, y))
    # Gradient descent with the safe step 1/L, L = largest eigenvalue of X^T X / 4 + 1/C.
    step = 1 / (np.linalg.eigvalsh(Xb.T @ Xb).max() / 4 + 1 / C)
    W, descent = np.zeros((Xb.shape[1], 1)), []
    for _ in range(200):
        descent.append(ref._objective(W, Xb, Y, alpha))
        W = W - step * ref._gradient_hessian(W, Xb, Y, alpha)[0]
    fig, ax = plt.subplots(figsize=(5.5, 4))
    floor = 1e-13  # below this the objective (~100) cannot resolve differences in float64
    ax.semilogy(np.maximum(np.array(descent) - f_min, floor), label="gradient descent (step 1/L)")
    ax.semilogy(np.maximum(np.array(newton) - f_min, floor), "o-", label="Newton + line search")
    ax.set(xlabel="iteration", ylabel="objective - minimum",
           title=f"Binary logistic regression, n={len(X)}, C={C:g}")
    ax.legend()
    fig.tight_layout()
    path = Path(out_dir) / "newton_vs_gradient_descent.png"
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def draw_regularisation_path(out_dir: Path) -> Path:
    """coef_ and intercept_ against C: the weights shrink to 0, the intercept does not."""
    X, y = _classification_5d()
    Cs = np.logspace(-4, 2, 25)
    fits = [ref.LogisticRegression(C=C).fit(X, y) for C in Cs]
    coefs = np.array([m.coef_[0] for m in fits])  # (n_Cs, n_features)
    intercepts = np.array([m.intercept_[0] for m in fits])
    fig, ax = plt.subplots(figsize=(5.5, 4))
    for j in range(coefs.shape[1]):
        ax.semilogx(Cs, coefs[:, j], lw=1.5, label=f"coef_[0, {j}]")
    ax.semilogx(Cs, intercepts, "k--", lw=2, label="intercept_")
    ax.axhline(np.log(np.mean(y) / (1 - np.mean(y))), color="gray", ls=":",
               label="log-odds of the class frequencies")
    ax.axhline(0, color="k", lw=0.5)
    ax.set(xlabel="C (larger = weaker penalty)", ylabel="fitted value",
           title="Regularisation path")
    ax.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    path = Path(out_dir) / "regularisation_path.png"
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


FIGURES = [
    draw_binary_boundary,
    draw_multiclass_regions,
    draw_regularisation_path,
    draw_newton_vs_gradient_descent,
]
