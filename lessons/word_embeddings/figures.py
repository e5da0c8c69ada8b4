"""Figures of the word embeddings lesson, drawn with the reference solution.

``grader figures word_embeddings`` redraws everything in FIGURES into
``lessons/word_embeddings/figures/``. All of them train on the course corpus, data/sites.csv.
"""

from collections import Counter, defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402

from grader.catalogue import load_reference  # noqa: E402
from grader.testing import sites  # noqa: E402

ref = load_reference("word_embeddings")
ROWS = sites()
SENTENCES = [ref.tokenize(row["text"]) for row in ROWS]
# The configuration of the lesson's statistical tests.
FIT = dict(vector_size=32, window=3, negative=5, sample=1e-3, min_count=5, epochs=5,
           learning_rate=0.05, min_learning_rate=0.0001, batch_size=512, random_state=0)


def word_topics(words):
    """The topic of each word that occurs mostly (>= 70%) in sites of one topic."""
    seen = defaultdict(Counter)
    for row, sentence in zip(ROWS, SENTENCES, strict=True):
        for word in sentence:
            seen[word][row["topic"]] += 1
    out = {}
    for word in words:
        topic, n = seen[word].most_common(1)[0]
        if n >= 0.7 * sum(seen[word].values()):
            out[word] = topic
    return out


def draw_embedding_map(out_dir: Path) -> Path:
    """The word vectors projected on their first two principal components, coloured by topic."""
    model = ref.Word2Vec(**FIT).fit(SENTENCES)
    words = [str(w) for w in model.index_to_word_]
    topics = word_topics(words)
    names = sorted(set(topics.values()))
    rows = [model.vocabulary_[w] for w in topics]
    # Cosine geometry: project the unit vectors (PCA centres them).
    unit = model.vectors_ / np.linalg.norm(model.vectors_, axis=1, keepdims=True)
    xy = PCA(n_components=2, random_state=0).fit(unit[rows]).transform(unit)  # (n_words, 2)
    colours = list(plt.get_cmap("tab10").colors) + ["black", "gold"]  # 12 distinct colours
    fig, ax = plt.subplots(figsize=(7, 5.6))
    other = [i for i, w in enumerate(words) if w not in topics]
    ax.scatter(xy[other, 0], xy[other, 1], s=8, c="lightgrey", label="shared words")
    for name, colour in zip(names, colours, strict=True):
        idx = [model.vocabulary_[w] for w, t in topics.items() if t == name]
        ax.scatter(xy[idx, 0], xy[idx, 1], s=14, color=colour, label=name)
        # Label the topic's most frequent word.
        first = min(idx)
        ax.annotate(words[first], xy[first], fontsize=8, xytext=(3, 3), textcoords="offset points")
    for word in ("and", "about", "with"):
        i = model.vocabulary_[word]
        ax.annotate(word, xy[i], fontsize=8, color="dimgrey", xytext=(3, 3), textcoords="offset points")
    ax.legend(fontsize=7, ncol=2, loc="best", markerscale=1.5)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("Skip-gram vectors of the corpus (PCA of the unit vectors):\n"
                 "the words of a topic gather, without being told the topics", fontsize=10)
    fig.tight_layout()
    out = out_dir / "embedding_map.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_loss_curve(out_dir: Path) -> Path:
    """The mean pair loss per epoch, and the learning rate of every step."""
    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(8, 3.2))
    for sample, style in ((1e-3, "o-"), (0.0, "s--")):
        model = ref.Word2Vec(**{**FIT, "epochs": 8, "sample": sample}).fit(SENTENCES)
        epochs = np.arange(1, len(model.loss_curve_) + 1)
        ax.plot(epochs, model.loss_curve_, style, label=f"sample={sample:g}")
        if sample:
            ax2.plot(model.learning_rates_)
    start = (1 + FIT["negative"]) * np.log(2)
    ax.axhline(start, color="grey", ls=":", lw=1)
    ax.annotate("(1 + k) log 2: every score 0", (1, start), xytext=(2, start - 0.25), fontsize=8)
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean loss per (centre, context) pair")
    ax.set_title("Training loss", fontsize=10)
    ax.legend(fontsize=8)
    ax2.set_xlabel("SGD step")
    ax2.set_ylabel("learning rate")
    ax2.set_title("Linear decay over the run (sample=1e-3)", fontsize=10)
    fig.tight_layout()
    out = out_dir / "loss_curve.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


def draw_subsampling(out_dir: Path) -> Path:
    """The keep probability of every word against its frequency in the corpus."""
    model = ref.Word2Vec(vector_size=2, min_count=5, sample=1e-3, epochs=1, batch_size=10**5,
                         random_state=0).fit(SENTENCES)
    freq = model.counts_ / model.counts_.sum()
    fig, ax = plt.subplots(figsize=(5.5, 3.4))
    ax.semilogx(freq, model.keep_probability_, "o", ms=3, alpha=0.6)
    grid = np.logspace(np.log10(freq.min()), np.log10(freq.max()), 200)
    ax.semilogx(grid, np.minimum(np.sqrt(1e-3 / grid), 1), "--", color="grey", lw=1,
                label=r"$\sqrt{t/f}$ (the paper)")
    ax.axvline(1e-3, color="grey", ls=":", lw=1)
    for word in ("and", "about", "site", "step"):
        i = model.vocabulary_[word]
        ax.annotate(word, (freq[i], model.keep_probability_[i]), fontsize=8, xytext=(4, 4),
                    textcoords="offset points")
    ax.set_xlabel("frequency f of the word (t = 1e-3 dotted)")
    ax.set_ylabel("probability an occurrence is kept")
    ax.set_title("Subsampling thins out the frequent words", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    out = out_dir / "subsampling.png"
    fig.savefig(out, dpi=100)
    plt.close(fig)
    return out


FIGURES = [draw_embedding_map, draw_loss_curve, draw_subsampling]
