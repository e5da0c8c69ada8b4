"""Figures of the TF-IDF lesson, drawn with the reference solution on the course's corpus.

``grader figures tfidf`` redraws everything in FIGURES into ``lessons/tfidf/figures/``.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402
from grader.testing import sites  # noqa: E402

ref = load_reference("tfidf")
ROWS = sites()
TEXTS = [row["text"] for row in ROWS]
TOPICS = np.array([row["topic"] for row in ROWS])


def draw_top_terms(out_dir: Path) -> Path:
    """The six heaviest terms of four sites of different topics, with their counts."""
    vec = ref.TfidfVectorizer()
    X = vec.fit_transform(TEXTS)  # (600, n_terms)
    counts = ref.TfidfVectorizer(use_idf=False, norm=None).fit(TEXTS).transform(TEXTS)
    names = vec.get_feature_names_out()
    picks = [int(np.flatnonzero(TOPICS == topic)[0]) for topic in ("travel", "astronomy", "finance", "pets")]
    fig, axes = plt.subplots(1, 4, figsize=(11, 2.8))
    for ax, i in zip(axes, picks, strict=True):
        top = np.argsort(X[i])[::-1][:6][::-1]  # the six largest weights, largest at the top
        ax.barh(np.arange(6), X[i, top], color="tab:blue")
        ax.set_yticks(np.arange(6), [f"{names[j]} ({int(counts[i, j])})" for j in top], fontsize=8)
        ax.set_xlim(0, 0.75)
        ax.set_title(f"{ROWS[i]['site']} ({TOPICS[i]})", fontsize=9)
        ax.tick_params(axis="x", labelsize=7)
    fig.suptitle("Largest TF-IDF weights of four sites (count in the site in brackets)", fontsize=10)
    fig.tight_layout()
    out = out_dir / "top_terms.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_idf_curve(out_dir: Path) -> Path:
    """idf against document frequency, smoothed and not, with the corpus's terms as dots."""
    n = len(TEXTS)
    smooth = ref.TfidfVectorizer().fit(TEXTS)
    counts = ref.TfidfVectorizer(use_idf=False, norm=None).fit(TEXTS).transform(TEXTS)
    df = (counts > 0).sum(axis=0)  # (n_terms,) documents containing each term
    grid = np.arange(1, n + 1)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(grid, np.log((1 + n) / (1 + grid)) + 1, color="tab:blue", label="smooth: ln((1+n)/(1+df)) + 1")
    ax.plot(grid, np.log(n / grid) + 1, "--", color="tab:orange", label="not smooth: ln(n/df) + 1")
    ax.plot(grid, np.log(n / grid), ":", color="tab:red", label="without the +1: ln(n/df)")
    ax.scatter(df, smooth.idf_, s=12, color="k", zorder=3, label=f"the corpus's {df.size} terms (smooth)")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xscale("log")
    ax.set_xlabel(f"document frequency df (of n = {n} sites)")
    ax.set_ylabel("idf")
    ax.legend(fontsize=8)
    ax.set_title("Rare terms weigh more; a term of every site keeps weight 1", fontsize=10)
    fig.tight_layout()
    out = out_dir / "idf_curve.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_similarity(out_dir: Path) -> Path:
    """Cosine similarity of pairs of sites, raw counts against TF-IDF, sorted by topic."""
    order = np.argsort(TOPICS, kind="stable")
    shown = np.concatenate([np.flatnonzero(TOPICS[order] == t)[:15] for t in np.unique(TOPICS)])
    same = TOPICS[order][:, None] == TOPICS[order][None, :]  # (600, 600) pairs of one topic
    fig, axes = plt.subplots(1, 2, figsize=(8.0, 4.2), layout="constrained")
    weightings = [("raw counts", dict(use_idf=False)), ("TF-IDF", {})]
    for k, (ax, (title, params)) in enumerate(zip(axes, weightings, strict=True)):
        X = ref.TfidfVectorizer(**params).fit_transform([TEXTS[i] for i in order])  # unit rows
        S = X @ X.T  # (600, 600) cosine similarities
        image = ax.imshow(S[np.ix_(shown, shown)], vmin=0, vmax=0.6, cmap="viridis",
                          interpolation="nearest")
        ax.set_title(f"{title}, rows of norm 1\nmean {S[same].mean():.2f} within a topic, "
                     f"{S[~same].mean():.2f} across", fontsize=9)
        ax.set_xticks([])
        ax.set_yticks(np.arange(12) * 15 + 7, np.unique(TOPICS) if k == 0 else [], fontsize=7)
    fig.colorbar(image, ax=axes, shrink=0.8, label="cosine similarity")
    fig.suptitle("15 sites of each topic (the means are over all 600)", fontsize=10)
    out = out_dir / "similarity.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_top_terms, draw_idf_curve, draw_similarity]
