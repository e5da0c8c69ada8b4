"""Figures of the gradient descent lesson, drawn with the reference solution.

``grader figures gradient_descent`` redraws everything in FIGURES into
``lessons/gradient_descent/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import PillowWriter  # noqa: E402
from sklearn.datasets import make_regression  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("gradient_descent")
DPI = 100


def one_feature_problem():
    """y = 1.5 x - 1 + noise with x around 1: the loss over (w, b) is a tilted valley."""
    rng = np.random.default_rng(0)
    x = rng.normal(1.0, 1.0, size=50)
    y = 1.5 * x - 1.0 + rng.normal(0.0, 0.5, size=50)
    return x[:, None], y  # (50, 1), (50,)


def loss_gap(model, optimum):
    """loss_curve_ minus the least-squares minimum, floored for a log scale."""
    return np.maximum(model.loss_curve_ - optimum, 1e-16)


def least_squares_loss(X, y):
    Xa = np.column_stack([X, np.ones(len(X))])
    theta = np.linalg.lstsq(Xa, y, rcond=None)[0]
    return 0.5 * np.mean((Xa @ theta - y) ** 2), theta


def draw_learning_rate_paths(out_dir: Path) -> Path:
    """Animated GIF: full-batch paths on the (w, b) loss surface for four learning rates."""
    X, y = one_feature_problem()
    Xa = np.column_stack([X, np.ones(len(X))])  # (50, 2)
    lam_max = np.linalg.eigvalsh(Xa.T @ Xa / len(X))[-1]
    limit = 2 / lam_max
    rates = [0.15 * limit, 0.6 * limit, 0.97 * limit, 1.06 * limit]
    n_frames = 16
    # theta after k epochs is a fit with n_epochs=k (full batch: no randomness).
    paths = []
    for lr in rates:
        steps = [ref.GradientDescentRegressor(learning_rate=lr, n_epochs=k, shuffle=False).fit(X, y)
                 for k in range(1, n_frames)]
        paths.append(np.array([[0.0, 0.0]] + [[m.coef_[0], m.intercept_] for m in steps]))  # (n_frames, 2)
    _, theta_star = least_squares_loss(X, y)

    w_grid, b_grid = np.meshgrid(np.linspace(-0.5, 3.5, 100), np.linspace(-3.5, 1.5, 100))
    residuals = w_grid[..., None] * X[:, 0] + b_grid[..., None] - y  # (100, 100, 50)
    surface = 0.5 * np.mean(residuals ** 2, axis=-1)  # (100, 100)
    levels = np.quantile(surface, np.linspace(0.0, 0.9, 8) ** 2)

    fig, axes = plt.subplots(2, 2, figsize=(7, 6), sharex=True, sharey=True)
    fig.subplots_adjust(left=0.09, right=0.98, bottom=0.08, top=0.9, wspace=0.08, hspace=0.25)
    fig.suptitle("Full-batch gradient descent from (0, 0), stability limit $2/\\lambda_{max}$"
                 f" = {limit:.3f}", fontsize=10)
    lines, titles = [], []
    for ax in axes.ravel():
        # The surface is drawn once; each frame only moves the path and the title.
        ax.imshow(np.log(surface), origin="lower", extent=(-0.5, 3.5, -3.5, 1.5), aspect="auto",
                  cmap="Blues_r", alpha=0.6)
        ax.contour(w_grid, b_grid, surface, levels=levels, colors="grey", linewidths=0.5)
        ax.plot(*theta_star, "k*", ms=10)
        lines.append(ax.plot([], [], "o-", color="tab:red", ms=3, lw=1)[0])
        titles.append(ax.set_title("", fontsize=9))
        ax.set_xlim(-0.5, 3.5)
        ax.set_ylim(-3.5, 1.5)
    for ax in axes[1]:
        ax.set_xlabel("w (coef_)")
    for ax in axes[:, 0]:
        ax.set_ylabel("b (intercept_)")

    # One draw per frame: update the paths, grab; the last frame is held a little longer.
    out = out_dir / "learning_rate_paths.gif"
    writer = PillowWriter(fps=3)
    with writer.saving(fig, out, dpi=70):
        for i in range(n_frames + 2):
            k = min(i, n_frames - 1)
            for line, title, lr, path in zip(lines, titles, rates, paths, strict=True):
                line.set_data(path[: k + 1, 0], path[: k + 1, 1])
                title.set_text(f"lr = {lr / limit:.2f} x limit = {lr:.3f}, epoch {k}")
            writer.grab_frame()
    plt.close(fig)
    return out


def draw_loss_curves(out_dir: Path) -> Path:
    """Loss minus its minimum per epoch: batch vs mini-batch vs SGD, and momentum vs none."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))

    # Left: same learning rate, three batch sizes, noisy data.
    X, y = make_regression(n_samples=200, n_features=5, noise=20.0, random_state=0)
    X, y = StandardScaler().fit_transform(X), y / y.std()
    best, _ = least_squares_loss(X, y)
    for batch_size, label in ((None, "batch (200)"), (20, "mini-batch (20)"), (1, "SGD (1)")):
        model = ref.GradientDescentRegressor(learning_rate=0.02, batch_size=batch_size, n_epochs=40,
                                             random_state=0).fit(X, y)
        left.semilogy(np.arange(1, 41), loss_gap(model, best), label=label)
    left.set(xlabel="epoch", ylabel="loss - least-squares minimum",
             title="learning_rate=0.02: more steps per epoch,\nbut noisier steps")
    left.legend(fontsize=8)

    # Right: full batch on an ill-conditioned problem (Hessian condition number ~ 100).
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 2)) * [1.0, 0.1]  # (200, 2): one steep and one flat direction
    y = X @ [1.0, 10.0] + rng.normal(0.0, 0.1, size=200)
    Xa = np.column_stack([X, np.ones(len(X))])
    lam = np.linalg.eigvalsh(Xa.T @ Xa / len(X))
    best, _ = least_squares_loss(X, y)
    kappa = lam[-1] / lam[0]
    tuned = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2  # Polyak's momentum for this kappa
    runs = [(0.0, 1 / lam[-1], "no momentum, lr = 1/$\\lambda_{max}$"),
            (0.5, 1 / lam[-1], "momentum 0.5, same lr"),
            (tuned, 4 / (np.sqrt(lam[-1]) + np.sqrt(lam[0])) ** 2,
             f"momentum {tuned:.2f}, lr = $4/(\\sqrt{{\\lambda_{{max}}}}+\\sqrt{{\\lambda_{{min}}}})^2$")]
    for momentum, lr, label in runs:
        model = ref.GradientDescentRegressor(learning_rate=lr, n_epochs=300, momentum=momentum).fit(X, y)
        right.semilogy(np.arange(1, 301), loss_gap(model, best), label=label)
    right.set(xlabel="epoch",
              title=f"full batch, condition number {kappa:.0f}:\nmomentum rolls along the valley")
    right.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "loss_curves.png"
    fig.savefig(out, dpi=DPI)
    plt.close(fig)
    return out


def draw_stability_limit(out_dir: Path) -> Path:
    """Loss after 50 full-batch epochs against the learning rate, with and without momentum."""
    X, y = one_feature_problem()
    Xa = np.column_stack([X, np.ones(len(X))])
    lam_max = np.linalg.eigvalsh(Xa.T @ Xa / len(X))[-1]
    best, _ = least_squares_loss(X, y)
    ratios = np.linspace(0.05, 3.5, 50)  # learning rate in units of 1 / lambda_max
    fig, ax = plt.subplots(figsize=(6, 3.4))
    for momentum, colour in ((0.0, "tab:blue"), (0.5, "tab:orange")):
        finals = []
        for r in ratios:
            try:
                model = ref.GradientDescentRegressor(learning_rate=r / lam_max, n_epochs=50,
                                                     momentum=momentum).fit(X, y)
                finals.append(model.loss_curve_[-1] - best)
            except ValueError:  # diverged: the loss overflowed
                finals.append(np.inf)
        ax.semilogy(ratios, np.clip(finals, 1e-16, 1e6), color=colour, label=f"momentum={momentum}")
        ax.axvline(2 * (1 + momentum), color=colour, ls="--", lw=1)
    ax.set(xlabel="learning_rate x $\\lambda_{max}$", ylabel="loss - minimum after 50 epochs",
           ylim=(1e-16, 1e6), title="Dashed: the stability limits $2(1 + \\beta)/\\lambda_{max}$")
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "stability_limit.png"
    fig.savefig(out, dpi=DPI)
    plt.close(fig)
    return out


FIGURES = [draw_learning_rate_paths, draw_loss_curves, draw_stability_limit]
