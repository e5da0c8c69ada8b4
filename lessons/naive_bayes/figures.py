"""Figures of the naive Bayes lesson, drawn with the reference solution.

``grader figures naive_bayes`` redraws everything in FIGURES into ``lessons/naive_bayes/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.patches import Ellipse  # noqa: E402
from sklearn.datasets import load_digits, load_iris  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402

ref = load_reference("naive_bayes")
COLOURS = np.array(["tab:blue", "tab:orange", "tab:green"])

# The README's spam example: word presence of five emails.
SPAM_X = np.array([[1, 1, 1, 0], [1, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 1], [0, 0, 1, 0]])
SPAM_Y = np.array(["spam", "spam", "ham", "ham", "ham"])


def draw_gaussian_regions(out_dir: Path) -> Path:
    """Iris petals: each class's axis-aligned Gaussian (1 and 2 std) and the predicted regions."""
    iris = load_iris()
    X, y = iris.data[:, 2:], iris.target  # petal length and width
    model = ref.GaussianNB().fit(X, y)
    xx, yy = np.meshgrid(np.linspace(0.5, 7.5, 300), np.linspace(-0.3, 3.0, 200))
    grid = np.c_[xx.ravel(), yy.ravel()]
    regions = model.predict(grid).reshape(xx.shape)
    fig, ax = plt.subplots(figsize=(5.5, 3.6))
    ax.contourf(xx, yy, regions, levels=[-0.5, 0.5, 1.5, 2.5], colors=COLOURS, alpha=0.15)
    for k, name in enumerate(iris.target_names):
        ax.scatter(*X[y == k].T, s=10, color=COLOURS[k], label=name)
        for n_std in (1, 2):  # independent features: the ellipses' axes are the coordinate axes
            width, height = 2 * n_std * np.sqrt(model.var_[k])
            ax.add_patch(Ellipse(model.theta_[k], width, height, fill=False, color=COLOURS[k], lw=1))
    ax.set_xlim(0.5, 7.5)
    ax.set_ylim(-0.3, 3.0)
    ax.set_xlabel("petal length (cm)")
    ax.set_ylabel("petal width (cm)")
    ax.set_title("GaussianNB: one axis-aligned Gaussian per class", fontsize=10)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    out = out_dir / "gaussian_regions.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_spam_smoothing(out_dir: Path) -> Path:
    """P(spam | email) against alpha: from certainty (alpha -> 0) to the prior (alpha -> inf)."""
    alphas = np.logspace(-3, 2, 200)
    emails = {"free win": [1, 1, 0, 0], "free meeting": [1, 0, 0, 1], "money": [0, 0, 1, 0]}
    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    for text, x in emails.items():
        p_spam = [ref.BernoulliNB(alpha=a).fit(SPAM_X, SPAM_Y).predict_proba([x])[0, 1] for a in alphas]
        ax.semilogx(alphas, p_spam, label=f'"{text}"')
    ax.axhline(2 / 5, color="grey", ls="--", lw=1)
    ax.annotate("prior P(spam) = 2/5", (0.01, 2 / 5), xytext=(0.0015, 0.5), fontsize=8,
                arrowprops=dict(arrowstyle="->", color="grey"))
    ax.axvline(1.0, color="k", lw=0.8, ls=":")
    ax.text(1.1, 0.02, "Laplace, alpha=1", fontsize=8)
    ax.set_xlabel("alpha (pseudo-counts added per word and class)")
    ax.set_ylabel("P(spam | email)")
    ax.set_ylim(0, 1)
    ax.set_title("BernoulliNB on the five emails: smoothing against certainty", fontsize=10)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    out = out_dir / "spam_smoothing.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_digit_templates(out_dir: Path) -> Path:
    """BernoulliNB on digits: P(pixel is dark | class), each class as an 8x8 image."""
    X, y = load_digits(return_X_y=True)
    model = ref.BernoulliNB(binarize=8.0).fit(X, y)
    fig, axes = plt.subplots(1, 10, figsize=(8, 1.3))
    for k, ax in enumerate(axes):
        ax.imshow(np.exp(model.feature_log_prob_[k]).reshape(8, 8), cmap="Greys", vmin=0, vmax=1)
        ax.set_title(str(model.classes_[k]), fontsize=9)
        ax.set_axis_off()
    fig.suptitle("exp(feature_log_prob_): each pixel's probability of being > 8, per class",
                 fontsize=9)
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.72, wspace=0.1)
    out = out_dir / "digit_templates.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_underflow(out_dir: Path) -> Path:
    """log10 P(x | c) as features are added: the linear-space product hits 0.0 after a few hundred."""
    rng = np.random.default_rng(0)
    n_features = 2000
    y = np.repeat([0, 1], 50)
    X = rng.normal(size=(100, n_features)) + rng.normal(0.0, 0.1, (2, n_features))[y]
    model = ref.GaussianNB().fit(X, y)
    x, theta, var = X[0], model.theta_[0], model.var_[0]
    log_density = -0.5 * (np.log(2 * np.pi * var) + (x - theta) ** 2 / var)  # (n_features,)
    d = np.arange(1, n_features + 1)
    with np.errstate(divide="ignore"):
        linear = np.log10(np.cumprod(np.exp(log_density)))  # -inf once the product is 0.0
    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    ax.plot(d, np.cumsum(log_density) / np.log(10), label="log space: sum of log-densities")
    ax.plot(d[np.isfinite(linear)], linear[np.isfinite(linear)], lw=3, alpha=0.6,
            label="linear space: product of densities")
    ax.axhline(np.log10(np.nextafter(0, 1)), color="grey", ls="--", lw=1)
    ax.text(1000, -290, "smallest float64 above 0: 4.9e-324", fontsize=8, color="grey")
    last = int(np.flatnonzero(np.isfinite(linear))[-1])
    ax.annotate(f"the product is 0.0 from {last + 2} features on", (d[last], linear[last]),
                xytext=(620, -560), fontsize=8, arrowprops=dict(arrowstyle="->"))
    ax.set_xlabel("number of features d")
    ax.set_ylabel(r"$\log_{10} P(x \mid c)$")
    ax.set_title("GaussianNB: P(x | c) of one sample, feature by feature", fontsize=10)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    out = out_dir / "underflow.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_gaussian_regions, draw_spam_smoothing, draw_digit_templates, draw_underflow]
