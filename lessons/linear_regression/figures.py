"""Figures for the linear_regression lesson: `grader figures linear_regression` draws FIGURES."""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("linear_regression")
DPI = 100


def draw_line_fit(out_dir: Path) -> Path:
    """One feature: the least-squares line, its residuals, and the line forced through 0."""
    rng = np.random.default_rng(0)
    x = rng.uniform(2.0, 8.0, size=25)
    y = 3.0 + 0.6 * x + rng.normal(scale=0.6, size=25)
    X = x[:, None]  # (n_samples, 1)
    with_b = ref.LinearRegression().fit(X, y)
    without_b = ref.LinearRegression(fit_intercept=False).fit(X, y)

    grid = np.linspace(0.0, 9.0, 50)[:, None]  # (50, 1)
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    pred = with_b.predict(X)
    ax.vlines(x, pred, y, color="tab:red", lw=1, label="residuals $y_i - \\hat y_i$")
    ax.scatter(x, y, s=18, color="black", zorder=3, label="data")
    ax.plot(grid[:, 0], with_b.predict(grid), color="tab:blue",
            label=f"fit_intercept=True: $\\hat y = {with_b.coef_[0]:.2f}x + "
                  f"{with_b.intercept_:.2f}$")
    ax.plot(grid[:, 0], without_b.predict(grid), "--", color="tab:orange",
            label=f"fit_intercept=False: $\\hat y = {without_b.coef_[0]:.2f}x$")
    ax.scatter([x.mean()], [y.mean()], marker="x", s=80, color="tab:blue", zorder=4,
               label="$(\\bar x, \\bar y)$: the fitted line passes through it")
    ax.set(xlabel="x", ylabel="y", xlim=(0, 9), ylim=(0, 10),
           title="Least squares minimises the sum of squared red lengths")
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    path = out_dir / "line_fit.png"
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def draw_plane_fit(out_dir: Path) -> Path:
    """Two features: the fitted plane and the vertical residuals of each point."""
    rng = np.random.default_rng(1)
    X = rng.uniform(-2.0, 2.0, size=(40, 2))  # (n_samples, 2)
    y = 1.0 + 1.5 * X[:, 0] - 1.0 * X[:, 1] + rng.normal(scale=0.8, size=40)
    model = ref.LinearRegression().fit(X, y)

    g0, g1 = np.meshgrid(np.linspace(-2, 2, 12), np.linspace(-2, 2, 12))
    plane = model.predict(np.column_stack([g0.ravel(), g1.ravel()])).reshape(g0.shape)
    fig = plt.figure(figsize=(5.6, 4.8))
    ax = fig.add_subplot(projection="3d")
    ax.plot_surface(g0, g1, plane, alpha=0.3, color="tab:blue", edgecolor="tab:blue", lw=0.3)
    pred = model.predict(X)
    for (a, b), top, bottom in zip(X, y, pred, strict=True):
        ax.plot([a, a], [b, b], [bottom, top], color="tab:red", lw=1)
    ax.scatter(X[:, 0], X[:, 1], y, color="black", s=12, depthshade=False)
    w = model.coef_
    ax.set(xlabel="$x_1$", ylabel="$x_2$", zlabel="y",
           title=f"$\\hat y = {w[0]:.2f}x_1 {w[1]:+.2f}x_2 {model.intercept_:+.2f}$")
    ax.set(xticks=[-2, 0, 2], yticks=[-2, 0, 2])
    ax.view_init(elev=15, azim=-35)
    fig.subplots_adjust(left=0, right=0.95, bottom=0.02, top=0.92)
    path = out_dir / "plane_fit.png"
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def _ill_conditioned(kappa, rng, n=60, p=4):
    """Noiseless data whose centred design has condition number ``kappa``."""
    A = rng.normal(size=(n, p))
    U, _ = np.linalg.qr(A - A.mean(axis=0))  # orthonormal, zero-mean columns
    V, _ = np.linalg.qr(rng.normal(size=(p, p)))
    X = (U * np.logspace(0, -np.log10(kappa), p)) @ V.T + 3.0  # (n, p)
    w = rng.normal(size=p)
    return X, X @ w + 1.0, w


def draw_conditioning(out_dir: Path) -> Path:
    """Relative error in coef_ of lstsq and of the normal equations as cond(X) grows."""
    kappas = np.logspace(0, 12, 25)
    eps = np.finfo(float).eps
    err_lstsq, err_normal = [], []
    for kappa in kappas:
        X, y, w = _ill_conditioned(kappa, np.random.default_rng(0))
        coef = ref.LinearRegression().fit(X, y).coef_
        err_lstsq.append(np.linalg.norm(coef - w) / np.linalg.norm(w))
        Xc, yc = X - X.mean(axis=0), y - y.mean()
        try:  # the normal equations, solved as stably as they can be
            w_ne = np.linalg.solve(Xc.T @ Xc, Xc.T @ yc)
            err_normal.append(min(np.linalg.norm(w_ne - w) / np.linalg.norm(w), 1e2))
        except np.linalg.LinAlgError:  # X^T X singular to working precision
            err_normal.append(np.nan)

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.loglog(kappas, err_normal, "o-", color="tab:orange",
              label="normal equations: solve($X^TX$, $X^Ty$)")
    ax.loglog(kappas, err_lstsq, "s-", color="tab:blue", label="np.linalg.lstsq($X$, $y$)")
    ax.loglog(kappas, eps * kappas, ":", color="tab:blue", label="$\\varepsilon\\,\\kappa$")
    ax.loglog(kappas, eps * kappas**2, ":", color="tab:orange",
              label="$\\varepsilon\\,\\kappa^2$")
    ax.axhline(1.0, color="grey", lw=0.8)
    ax.set(xlabel="condition number $\\kappa(X)$ (centred)",
           ylabel="relative error of coef_", ylim=(1e-17, 1e2),
           title="Forming $X^TX$ squares the condition number")
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    path = out_dir / "conditioning.png"
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


FIGURES = [draw_line_fit, draw_plane_fit, draw_conditioning]
