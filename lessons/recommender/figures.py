"""Figures of the recommender capstone, drawn with the reference solution on the course's corpus.

``grader figures recommender`` redraws everything in FIGURES into ``lessons/recommender/figures/``.
"""

import functools
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.decomposition import TruncatedSVD  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402
from grader.testing import sites  # noqa: E402

ref = load_reference("recommender")
ROWS = sites()
TEXTS = [row["text"] for row in ROWS]
TOPICS = np.array([row["topic"] for row in ROWS])
NAMES = sorted(set(TOPICS))
# twelve distinct colours: tab10 without its grey (kept for the edges), and three more
COLOURS = dict(zip(NAMES, [c for c in plt.get_cmap("tab10").colors if c[0] != c[1]]
                   + ["navy", "gold", "teal"], strict=True))


@functools.lru_cache
def pipeline():
    """The reference pipeline on the 600 texts, as ``python solutions/recommender.py`` runs it."""
    return ref.Recommender(n_recommendations=5, n_clusters=12, random_state=0).fit_texts(TEXTS)


def fitted(k):
    """The same vectors and k-means clusters, recommending k sites (without running k-means again)."""
    rec = pipeline()
    return ref.Recommender(n_recommendations=k).fit(rec.vectors_, clusters=rec.clusters_)


def draw_recommendation_graph(out_dir: Path) -> Path:
    """Sites in the plane of their first two principal components, with their recommendations."""
    rec = fitted(k=3)
    U = rec.vectors_
    # PCA by SVD of the shown sites' centred unit rows: three topics span a plane, so the
    # plane of the first two components separates them (all 12 topics would not fit in 2-D)
    rng = np.random.default_rng(0)
    shown_topics = ["astronomy", "cooking", "finance"]
    shown = np.concatenate([rng.choice(np.flatnonzero(TOPICS == t), 16, replace=False) for t in shown_topics])
    centred = U[shown] - U[shown].mean(axis=0)
    _, _, Vt = np.linalg.svd(centred, full_matrices=False)
    P = (U - U[shown].mean(axis=0)) @ Vt[:2].T  # (n_sites, 2)
    _, similar = rec.recommend(shown)
    _, complementary = rec.recommend(shown, mode="complementary")
    fig, ax = plt.subplots(figsize=(6.4, 5.2))
    for i, row_similar, row_comp in zip(shown, similar, complementary, strict=True):
        for j in row_similar:
            ax.plot(*P[[i, j]].T, "-", color="grey", lw=0.6, alpha=0.6, zorder=1)
        j = row_comp[0]  # the best complementary site: often one sentence of it is on this topic
        ax.annotate("", P[j], P[i], arrowprops=dict(arrowstyle="->", color="k", lw=0.7, ls="--"), zorder=1)
    others = np.setdiff1d(np.unique(np.concatenate([similar.ravel(), complementary[:, 0]])), shown)
    ax.scatter(*P[others].T, s=14, c=[COLOURS[t] for t in TOPICS[others]], edgecolors="none", alpha=0.7,
               zorder=2)
    ax.scatter(*P[shown].T, s=40, c=[COLOURS[t] for t in TOPICS[shown]], edgecolors="k", linewidths=0.6,
               zorder=3)
    for t in sorted(set(TOPICS[shown]) | set(TOPICS[others])):
        ax.scatter([], [], s=30, color=COLOURS[t], label=t)
    ax.plot([], [], "-", color="grey", label="3 most similar")
    ax.plot([], [], "--", color="k", label="best complementary")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("48 sites of 3 topics (outlined) and their recommendations", fontsize=10)
    fig.tight_layout()
    out = out_dir / "recommendation_graph.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_precision_at_k(out_dir: Path) -> Path:
    """precision@k against k for TF-IDF and for averaged LSA word vectors, with chance."""
    ks = np.arange(1, 41)
    curves = {}
    rec = fitted(k=ks[-1])
    curves["TF-IDF (min_df=2, max_df=0.5)"] = rec.recommend()[1]
    X = ref.TfidfVectorizer().fit_transform(TEXTS)
    curves["TF-IDF (default options)"] = ref.Recommender(n_recommendations=ks[-1]).fit(
        X, clusters=TOPICS).recommend()[1]
    tfidf = ref.TfidfVectorizer(min_df=2, max_df=0.5)
    svd = TruncatedSVD(20, random_state=0).fit(tfidf.fit_transform(TEXTS))
    words = tfidf.get_feature_names_out()
    D = ref.embed_documents(TEXTS, words, svd.components_.T)
    curves["mean of unit LSA word vectors (20-d)"] = ref.Recommender(n_recommendations=ks[-1]).fit(
        D, clusters=TOPICS).recommend()[1]
    raw = _mean_raw_vectors(words, svd.components_.T)
    curves["mean of raw LSA word vectors (20-d)"] = ref.Recommender(n_recommendations=ks[-1]).fit(
        raw, clusters=TOPICS).recommend()[1]
    fig, ax = plt.subplots(figsize=(5.6, 3.6))
    for (label, neighbors), style in zip(curves.items(), ["o-", "s-", "^-", "v-"], strict=True):
        ax.plot(ks, [ref.precision_at_k(TOPICS, neighbors, k) for k in ks], style, ms=3, label=label)
    chance = 49 / 599  # 49 other sites share a site's topic, out of 599
    ax.axhline(chance, color="grey", ls=":", label=f"chance ({chance:.3f})")
    ax.set_xlabel("k (number of recommendations)")
    ax.set_ylabel("precision@k (same topic)")
    ax.set_ylim(0, 1.02)
    ax.set_title("How many of the first k recommendations share the site's topic", fontsize=10)
    ax.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    out = out_dir / "precision_at_k.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def _mean_raw_vectors(words, vectors):
    """The mean of the raw (not unit-length) word vectors of each text, for contrast."""
    row = {w: j for j, w in enumerate(words)}
    out = np.zeros((len(TEXTS), vectors.shape[1]))
    for d, text in enumerate(TEXTS):
        found = [row[t] for t in ref.tokenize(text) if t in row]
        if found:
            out[d] = vectors[found].mean(axis=0)
    return out


def draw_similarity_matrix(out_dir: Path) -> Path:
    """Cosine similarities of 20 sites of each k-means cluster, ordered by cluster."""
    rec = pipeline()
    # 20 sites per cluster keep the picture (and the file) small; all 600 look the same
    order = np.concatenate([np.flatnonzero(rec.clusters_ == c)[:20] for c in range(12)])
    S = ref.cosine_similarity(rec.vectors_[order], rec.vectors_[order])
    fig, ax = plt.subplots(figsize=(4.6, 4.2))
    image = ax.imshow(S, cmap=plt.get_cmap("magma", 8), vmin=0, vmax=0.6, interpolation="nearest")
    edges = np.flatnonzero(np.diff(rec.clusters_[order])) + 0.5
    for e in edges:
        ax.axhline(e, color="w", lw=0.3)
        ax.axvline(e, color="w", lw=0.3)
    fig.colorbar(image, ax=ax, shrink=0.8, label="cosine similarity")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("240 sites, 20 per k-means cluster")
    ax.set_title("TF-IDF similarities: one bright block per topic", fontsize=10)
    fig.tight_layout()
    out = out_dir / "similarity_matrix.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_recommendation_graph, draw_precision_at_k, draw_similarity_matrix]
