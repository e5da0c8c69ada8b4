"""Figures of the neural network lesson, drawn with the reference solution.

``grader figures neural_network`` redraws everything in FIGURES into ``lessons/neural_network/figures/``.
"""

import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.animation import FuncAnimation, PillowWriter  # noqa: E402
from sklearn.datasets import load_digits, make_blobs  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("neural_network")


def draw_activations(out_dir: Path) -> Path:
    """The three hidden activations and their derivatives."""
    z = np.linspace(-4, 4, 401)
    fig, axes = plt.subplots(1, 3, figsize=(9, 2.8), sharey=True)
    for ax, name in zip(axes, ["relu", "tanh", "logistic"], strict=True):
        a = ref._activate(z, name)
        ax.plot(z, a, label="$f(z)$")
        ax.plot(z, ref._derivative(a, name), "--", label="$f'(z)$ from $a = f(z)$")
        ax.axhline(0, color="grey", lw=0.5)
        ax.axvline(0, color="grey", lw=0.5)
        ax.set_title(name)
        ax.set_xlabel("$z$")
        ax.set_ylim(-1.2, 2.2)
    axes[0].legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    out = out_dir / "activations.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_xor_boundary(out_dir: Path) -> Path:
    """Animated GIF: the decision boundary of a (8,)-tanh network forming on XOR over the epochs."""
    corners = np.array([[-1, -1], [-1, 1], [1, -1], [1, 1]])
    X, corner = make_blobs(n_samples=200, centers=corners, cluster_std=0.35, random_state=0)
    y = np.array([0, 1, 1, 0])[corner]  # XOR of the two signs
    grid = np.linspace(-2.3, 2.3, 90)
    xx, yy = np.meshgrid(grid, grid)
    cells = np.column_stack([xx.ravel(), yy.ravel()])  # (8100, 2)
    # A fit with max_iter=k replays the first k epochs of a longer run (same seed, same draws).
    epochs = [1, 3, 5, 8, 12, 16, 20, 30, 50, 100, 200]
    params = dict(hidden_layer_sizes=(8,), activation="tanh", learning_rate_init=0.03, tol=0.0,
                  n_iter_no_change=1000, random_state=1)
    states = []
    for k in epochs:
        net = ref.MLPClassifier(**params, max_iter=k).fit(X, y)
        accuracy = np.mean(net.predict(X) == y)
        states.append((net.predict_proba(cells)[:, 1].reshape(xx.shape), net.loss_curve_[-1], accuracy))
    fig, ax = plt.subplots(figsize=(4.2, 4.2))
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=0.9)

    def frame(i):
        i = min(i, len(states) - 1)  # the extra frames hold the last state
        ax.clear()
        proba, loss, accuracy = states[i]
        ax.contourf(xx, yy, proba, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.6)
        ax.contour(xx, yy, proba, levels=[0.5], colors="k", linewidths=1.5)
        ax.scatter(X[:, 0], X[:, 1], c=np.array(["tab:blue", "tab:red"])[y], s=10, edgecolors="k",
                   linewidths=0.3)
        ax.set_title(f"epoch {epochs[i]}: loss {loss:.3f}, accuracy {accuracy:.0%}", fontsize=10)
        ax.set_xticks([])
        ax.set_yticks([])

    anim = FuncAnimation(fig, frame, frames=len(states) + 3)
    out = out_dir / "xor_boundary.gif"
    anim.save(out, writer=PillowWriter(fps=2), dpi=70)
    plt.close(fig)
    return out


def draw_loss_curves(out_dir: Path) -> Path:
    """loss_curve_ on digits: SGD without and with momentum, and Adam, same network and seed."""
    X, y = load_digits(return_X_y=True)
    X = StandardScaler().fit_transform(X)
    runs = [("sgd, momentum=0", dict(solver="sgd", momentum=0.0, learning_rate_init=0.01)),
            ("sgd, momentum=0.9", dict(solver="sgd", momentum=0.9, learning_rate_init=0.01)),
            ("adam", dict(solver="adam", learning_rate_init=0.001)),
            ("adam, learning_rate_init=0.01", dict(solver="adam", learning_rate_init=0.01))]
    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    for label, solver in runs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            net = ref.MLPClassifier(hidden_layer_sizes=(32,), batch_size=64, max_iter=20, tol=0.0,
                                    n_iter_no_change=1000, random_state=0, **solver).fit(X, y)
        ax.semilogy(np.arange(1, net.n_iter_ + 1), net.loss_curve_, label=label)
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss (loss_curve_)")
    ax.set_title("digits, one hidden layer of 32 relu units, batches of 64", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "loss_curves.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_activations, draw_xor_boundary, draw_loss_curves]
