"""Hidden tests for the word_embeddings lesson (word2vec skip-gram with negative sampling).

The trusted results are the documented formulas replayed here in plain numpy (the vocabulary,
the keep probability, the noise distribution, one SGD step, the learning-rate schedule, the
skip-gram pairs) and, for the statistics, a count-based baseline computed here: the positive
PMI of the co-occurrence counts in the same window, reduced by scikit-learn's TruncatedSVD.
Mistakes a learner is likely to make, and the tests that catch each:

- a sign error in the gradient, a missing sigmoid, the gradient of the mean instead of the sum
  over the batch, the context gradient taken after the centre update (or the other way
  round): ``test_sgd_step_updates_vectors``, ``test_sgd_step_updates_context_vectors``
- only one of the two matrices updated: the same two tests
- ``vectors_[ids] += ...`` with fancy indexing, which keeps only one update of a word that
  occurs twice in the batch: ``test_sgd_step_sums_repeated_words``
- the loss summed instead of averaged over the pairs, or without the negatives' term:
  ``test_sgd_step_returns_the_mean_pair_loss``, ``test_loss_curve_at_a_tiny_learning_rate``
- the window off by one, pairs in one direction only, pairs across sentence boundaries, rare
  words still taking a place in the window, centre and context matrices swapped:
  ``test_pairs_end_to_end[*]``, ``test_rare_words_are_removed_before_windowing``
- vectors initialised at the wrong scale, or context vectors not starting at zero:
  ``test_initial_vectors``, ``test_pairs_end_to_end[*]``
- the keep probability from the paper's ``sqrt(t / f)`` or another formula:
  ``test_keep_probability[*]``; subsampling skipped or inverted: ``test_subsampling_thins_the_pairs``
  and the statistical tests; the subsample drawn once for the whole run:
  ``test_subsampling_is_redrawn_every_epoch``
- the noise distribution without the 3/4 power, or not normalised: ``test_noise_distribution``
- the vocabulary in another order, or keeping words below ``min_count``: ``test_vocabulary``
- the learning rate constant, decayed per epoch, or to zero: ``test_learning_rate_schedule``
- ``most_similar`` on raw dot products rather than cosines, returning the word itself, or
  dropping the first result on the assumption that it is the word itself:
  ``test_most_similar_is_cosine``, ``test_most_similar_ties_and_self``
- a model that trains but learns nothing useful (any of the above, or a learning rate bug):
  ``test_neighbours_agree_with_the_ppmi_baseline``, ``test_neighbours_share_the_topic``,
  ``test_topic_words_are_closer_together``, ``test_loss_falls``
- missing input checks (texts instead of token lists, no word reaching min_count, no two
  known words in one sentence): the tests of the last group
"""

import math
import re
from collections import Counter, defaultdict

import numpy as np
import pytest
from sklearn.decomposition import TruncatedSVD

from grader.testing import assert_close, sites

TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
RULE = "the documented formula"
# The configuration of the statistical tests: a few seconds of training on the corpus.
FIT = dict(vector_size=32, window=3, negative=5, sample=1e-3, min_count=5, epochs=5,
           learning_rate=0.05, min_learning_rate=0.0001, batch_size=512, random_state=0)
# A hand-made corpus: every word occurs twice or more except "rare" (min_count=2 drops it).
SMALL = [["a", "b", "c", "d", "e"], ["c", "a", "rare", "b"], ["e", "d"], ["b", "e", "a"]]


def tokenize(text):
    return TOKEN.findall(text.lower())


@pytest.fixture(scope="module")
def corpus():
    rows = sites()
    return rows, [tokenize(row["text"]) for row in rows]


@pytest.fixture(scope="module")
def fitted(impl, corpus):
    """One model trained on the 600 site descriptions, shared by the statistical tests."""
    return impl.Word2Vec(**FIT).fit(corpus[1])


@pytest.fixture(scope="module")
def thinned(impl, corpus):
    """Three epochs with subsampling and small batches: learning_rates_ counts the steps."""
    return impl.Word2Vec(vector_size=2, window=3, negative=1, sample=2e-3, min_count=5, epochs=3,
                         learning_rate=0.03, min_learning_rate=0.0, batch_size=64,
                         random_state=0).fit(corpus[1])


@pytest.fixture(scope="module")
def probes(corpus, fitted):
    """Topic words: >= 70% of their occurrences are in sites of one topic; and their topic."""
    rows, sentences = corpus
    seen = defaultdict(Counter)
    for row, sentence in zip(rows, sentences, strict=True):
        for word in sentence:
            seen[word][row["topic"]] += 1
    topics = {}
    for word in fitted.vocabulary_:
        topic, n = seen[word].most_common(1)[0]
        if n >= 0.7 * sum(seen[word].values()):
            topics[word] = topic
    return topics


def trusted_vocabulary(sentences, min_count):
    counts = Counter(w for s in sentences for w in s)
    words = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    return words, np.array([counts[w] for w in words])


def trusted_pairs(sentences, vocabulary, window):
    """(centre, context) ids within ``window`` in one sentence, rare words removed first."""
    pairs = []
    for sentence in sentences:
        ids = [vocabulary[w] for w in sentence if w in vocabulary]
        for i, centre in enumerate(ids):
            for j in range(max(0, i - window), min(len(ids), i + window + 1)):
                if j != i:
                    pairs.append((centre, ids[j]))
    return np.array(pairs).reshape(-1, 2)


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def trusted_step(W, C, centres, contexts, negatives, lr):
    """One SGD step pair by pair: gradients from the old W and C, summed, then applied."""
    dW, dC, losses = np.zeros_like(W), np.zeros_like(C), []
    for c, o, negs in zip(centres, contexts, negatives, strict=True):
        loss = -np.log(sigmoid(C[o] @ W[c]))
        g = sigmoid(C[o] @ W[c]) - 1.0
        dW[c] += g * C[o]
        dC[o] += g * W[c]
        for n in negs:
            loss -= np.log(sigmoid(-C[n] @ W[c]))
            g = sigmoid(C[n] @ W[c])
            dW[c] += g * C[n]
            dC[n] += g * W[c]
        losses.append(loss)
    return W - lr * dW, C - lr * dC, np.mean(losses)


def unit(X):
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def neighbours(X, n=10):
    """Row indices of the n highest cosines of each row (itself excluded)."""
    S = unit(X) @ unit(X).T
    np.fill_diagonal(S, -np.inf)
    return np.argsort(-S, axis=1, kind="stable")[:, :n]


@pytest.fixture(scope="module")
def baseline(corpus):
    """PPMI of the window-3 co-occurrence counts, reduced to 32 dimensions by TruncatedSVD."""
    sentences = corpus[1]
    words, _ = trusted_vocabulary(sentences, FIT["min_count"])
    vocabulary = {w: i for i, w in enumerate(words)}
    pairs = trusted_pairs(sentences, vocabulary, FIT["window"])
    counts = np.zeros((len(words), len(words)))
    np.add.at(counts, (pairs[:, 0], pairs[:, 1]), 1.0)
    expected = np.outer(counts.sum(1), counts.sum(0)) / counts.sum()
    with np.errstate(divide="ignore"):
        ppmi = np.maximum(np.log(counts / expected), 0.0)
    vectors = TruncatedSVD(n_components=32, random_state=0).fit_transform(ppmi)
    return words, vectors


@pytest.fixture(scope="module")
def stepper(impl):
    """A fitted 6-word model whose matrices the sgd_step tests set to known values."""
    return impl.Word2Vec(vector_size=4, window=2, negative=1, sample=0, min_count=1, epochs=1,
                         random_state=0).fit([["a", "b", "c", "d", "e", "f"]])


def known_matrices(seed):
    rng = np.random.default_rng(seed)
    return rng.normal(scale=0.7, size=(6, 4)), rng.normal(scale=0.7, size=(6, 4))


# A batch with repeats: centre 0 twice, word 3 twice among one pair's negatives, word 0 both a
# context and a negative, word 2 a context of one pair and a negative of another.
CENTRES = np.array([0, 1, 0, 3])
CONTEXTS = np.array([2, 0, 5, 0])
NEGATIVES = np.array([[4, 2], [3, 3], [1, 5], [0, 2]])


def run_step(model, seed, centres=CENTRES, contexts=CONTEXTS, negatives=NEGATIVES, lr=0.3):
    W, C = known_matrices(seed)
    model.vectors_, model.context_vectors_ = W.copy(), C.copy()
    loss = model.sgd_step(centres, contexts, negatives, lr)
    return (model.vectors_, model.context_vectors_, loss), trusted_step(W, C, centres, contexts,
                                                                         negatives, lr)


# -- 1. API conventions ---------------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.public
def test_fit_returns_self_and_keeps_parameters(impl):
    params = dict(vector_size=5, window=2, negative=2, sample=0.0, min_count=2, epochs=2,
                  learning_rate=0.1, min_learning_rate=0.01, batch_size=3, random_state=7)
    model = impl.Word2Vec(**params)
    assert model.fit(SMALL) is model, "fit should end with `return self`"
    stored = {name: getattr(model, name) for name in params}
    assert stored == params, (f"after fit the parameters are {stored}, expected {params}: __init__ "
                              "stores its arguments unchanged and fit does not modify them")


@pytest.mark.points(1)
@pytest.mark.public
def test_use_before_fit_raises(impl):
    model = impl.Word2Vec()
    for call, args in [("most_similar", ("a",)), ("similarity", ("a", "b")),
                       ("sgd_step", (np.array([0]), np.array([1]), np.array([[2]]), 0.1))]:
        with pytest.raises((ValueError, AttributeError), match=r"(?i)fit"):
            getattr(model, call)(*args)


@pytest.mark.points(1)
@pytest.mark.public
def test_fitted_attributes_and_shapes(impl):
    model = impl.Word2Vec(vector_size=5, window=2, negative=2, sample=0, min_count=2, epochs=3,
                          batch_size=4, random_state=0).fit(SMALL)
    shapes = {name: np.shape(getattr(model, name)) for name in
              ("index_to_word_", "counts_", "keep_probability_", "noise_distribution_", "vectors_",
               "context_vectors_", "loss_curve_")}
    expected = {"index_to_word_": (5,), "counts_": (5,), "keep_probability_": (5,),
                "noise_distribution_": (5,), "vectors_": (5, 5), "context_vectors_": (5, 5),
                "loss_curve_": (3,)}
    assert shapes == expected, f"shapes {shapes}, expected {expected} (5 words, vector_size=5, 3 epochs)"


@pytest.mark.points(1)
def test_same_seed_same_vectors_other_seed_other_vectors(impl):
    def vectors(seed):
        return impl.Word2Vec(vector_size=4, window=2, sample=0.1, min_count=1, epochs=2, batch_size=4,
                             random_state=seed).fit(SMALL * 3).vectors_
    # Exact: the same seed must replay the same draws in the same order.
    assert_close(vectors(3), vectors(3), rtol=0, atol=0, what="vectors_ of a second fit with random_state=3",
                 baseline="the first fit's")
    assert not np.allclose(vectors(3), vectors(4)), (
        "random_state=3 and random_state=4 gave the same vectors_: build the generator with "
        "np.random.default_rng(self.random_state) in fit and draw everything from it")


# -- 2a. The formulas, exactly ------------------------------------------------------------
@pytest.mark.points(1)
def test_vocabulary(impl, corpus):
    sentences = corpus[1]
    model = impl.Word2Vec(vector_size=2, min_count=5, epochs=1, random_state=0).fit(sentences[:60])
    words, counts = trusted_vocabulary(sentences[:60], 5)
    got = [str(w) for w in model.index_to_word_]
    assert got == words, (
        f"index_to_word_ starts {got[:8]}, expected {words[:8]} ({len(got)} vs {len(words)} words): "
        "keep words seen >= min_count times, most frequent first, ties in alphabetical order")
    assert model.vocabulary_ == {w: i for i, w in enumerate(words)}, \
        "vocabulary_ should map each word to its row: vocabulary_[index_to_word_[i]] == i"
    assert_close(model.counts_, counts, rtol=0, atol=0, what="counts_", baseline="the corpus's counts")


@pytest.mark.points(1)
@pytest.mark.parametrize("model", ["fitted", "thinned"], ids=["t=1e-3", "t=2e-3"])
def test_keep_probability(request, corpus, model):
    model = request.getfixturevalue(model)
    sample = model.sample
    words, counts = trusted_vocabulary(corpus[1], 5)
    f = counts / counts.sum()
    expected = np.minimum((np.sqrt(f / sample) + 1) * sample / f, 1.0)
    # Only rounding separates two evaluations of the same formula.
    assert_close(model.keep_probability_, expected, rtol=1e-12, atol=0, what="keep_probability_",
                 baseline=f"min(1, (sqrt(f/t) + 1) t/f) with t={sample}")


@pytest.mark.points(1)
@pytest.mark.public
def test_noise_distribution(fitted, corpus):
    _, counts = trusted_vocabulary(corpus[1], 5)
    expected = counts ** 0.75 / (counts ** 0.75).sum()
    # Only rounding separates two evaluations of the same formula.
    assert_close(fitted.noise_distribution_, expected, rtol=1e-12, atol=0, what="noise_distribution_",
                 baseline="counts**0.75 / sum(counts**0.75)")


@pytest.mark.points(1)
def test_sgd_step_returns_the_mean_pair_loss(stepper):
    (_, _, loss), (_, _, expected) = run_step(stepper, seed=1)
    # The same sums of a few terms: agreement to rounding.
    assert_close(loss, expected, rtol=1e-10, atol=0, what="the loss returned by sgd_step", baseline=RULE)


@pytest.mark.points(2)
def test_sgd_step_updates_vectors(stepper):
    (W, _, _), (expected, _, _) = run_step(stepper, seed=2)
    # The same arithmetic in another order: agreement to rounding.
    assert_close(W, expected, rtol=1e-10, atol=1e-12, what="vectors_ after sgd_step", baseline=RULE)


@pytest.mark.points(2)
def test_sgd_step_updates_context_vectors(stepper):
    (_, C, _), (_, expected, _) = run_step(stepper, seed=3)
    # The same arithmetic in another order: agreement to rounding.
    assert_close(C, expected, rtol=1e-10, atol=1e-12, what="context_vectors_ after sgd_step", baseline=RULE)


@pytest.mark.points(2)
def test_sgd_step_sums_repeated_words(stepper):
    """The same pair three times moves each vector three times as far as once."""
    three = run_step(stepper, 4, np.array([1, 1, 1]), np.array([2, 2, 2]), np.array([[3], [3], [3]]))
    once = run_step(stepper, 4, np.array([1]), np.array([2]), np.array([[3]]))
    W0, C0 = known_matrices(4)
    for i, (name, start) in enumerate([("vectors_", W0), ("context_vectors_", C0)]):
        # Linear in the number of repeats up to rounding.
        assert_close(three[0][i] - start, 3 * (once[0][i] - start), rtol=1e-9, atol=1e-12,
                     what=f"the change of {name} after 3 copies of one pair",
                     baseline="3 times the change after one copy (use np.add.at, not fancy-index +=)")


@pytest.mark.points(1)
@pytest.mark.parametrize("window", [1, 2, 3], ids=["window-1", "window-2", "window-3"])
def test_pairs_end_to_end(impl, window):
    """negative=0, one step: context_vectors_ is learning_rate/2 times the sum of the centre vectors
    of each word's pairs, and vectors_ does not move (the context vectors start at 0)."""
    model = impl.Word2Vec(vector_size=6, window=window, negative=0, sample=0, min_count=2, epochs=1,
                          learning_rate=0.5, min_learning_rate=0.0, batch_size=1000,
                          random_state=0).fit(SMALL)
    W = np.asarray(model.vectors_)
    vocabulary = {w: i for i, w in enumerate(trusted_vocabulary(SMALL, 2)[0])}
    pairs = trusted_pairs(SMALL, vocabulary, window)
    expected = np.zeros_like(W)
    # -lr * (sigma(0) - 1) * v_c, summed over the pairs whose context is the row's word.
    np.add.at(expected, pairs[:, 1], 0.5 * 0.5 * W[pairs[:, 0]])
    # One step of simple arithmetic: agreement to rounding.
    assert_close(model.context_vectors_, expected, rtol=1e-10, atol=1e-14,
                 what=f"context_vectors_ after one step (window={window}, negative=0)",
                 baseline=f"the sum over the {len(pairs)} skip-gram pairs")


@pytest.mark.points(1)
def test_rare_words_are_removed_before_windowing(impl):
    """With window=1, 'a' and 'b' in ['c', 'a', 'rare', 'b'] become neighbours once 'rare' is gone."""
    model = impl.Word2Vec(vector_size=3, window=1, negative=0, sample=0, min_count=2, epochs=1,
                          learning_rate=1.0, min_learning_rate=0.0, batch_size=1000,
                          random_state=0).fit([["c", "a", "rare", "b"], ["c", "a", "b"]])
    W = np.asarray(model.vectors_)  # rows a, b, c (counts tie, alphabetical)
    # Pairs (c,a) (b,a) (a,c) (a,b), twice each, each adding v_centre / 2 to u_context.
    expected = np.array([W[1] + W[2], W[0], W[0]])
    assert_close(model.context_vectors_, expected, rtol=1e-10, atol=1e-14,
                 what="context_vectors_ after one step", baseline="pairs formed after dropping rare words")


@pytest.mark.points(1)
def test_initial_vectors(impl):
    """negative=0 and one step leave vectors_ at its initial value: uniform in [-0.5, 0.5) / d."""
    model = impl.Word2Vec(vector_size=50, window=1, negative=0, sample=0, min_count=1, epochs=1,
                          batch_size=1000, random_state=0).fit([["a", "b", "c", "d"]] * 2)
    W = np.asarray(model.vectors_)
    low, high, spread = W.min() * 50, W.max() * 50, W.std() * 50
    # 200 uniform draws: the extremes lie within 0.05 of +-0.5 with probability > 0.99, the
    # standard deviation within 0.06 of 1/sqrt(12) = 0.289 (its own sd is ~0.01).
    assert -0.5 <= low < -0.45 and 0.45 < high < 0.5 and abs(spread - 0.2887) < 0.06, (
        f"vectors_ * vector_size lies in [{low:.3f}, {high:.3f}] with sd {spread:.3f}; word2vec starts "
        "it uniform in [-0.5, 0.5) (sd 0.289) divided by vector_size, and context_vectors_ at 0")


@pytest.mark.points(2)
def test_learning_rate_schedule(impl):
    sentences = SMALL * 5
    model = impl.Word2Vec(vector_size=2, window=2, negative=1, sample=0, min_count=2, epochs=3,
                          learning_rate=0.2, min_learning_rate=0.02, batch_size=7,
                          random_state=0).fit(sentences)
    vocabulary = {w: i for i, w in enumerate(trusted_vocabulary(sentences, 2)[0])}
    n_steps = math.ceil(len(trusted_pairs(sentences, vocabulary, 2)) / 7)
    progress = (np.arange(3)[:, None] + np.arange(n_steps) / n_steps).ravel() / 3
    expected = 0.2 + (0.02 - 0.2) * progress
    # The same formula: agreement to rounding.
    assert_close(model.learning_rates_, expected, rtol=1e-12, atol=0, what="learning_rates_",
                 baseline=f"the linear schedule ({n_steps} steps per epoch, 3 epochs)")


@pytest.mark.points(1)
def test_loss_curve_at_a_tiny_learning_rate(impl):
    """With a step of 1e-12 the context vectors stay ~0: every pair's loss is (1 + k) log 2."""
    model = impl.Word2Vec(vector_size=3, window=2, negative=3, sample=0, min_count=2, epochs=2,
                          learning_rate=1e-12, min_learning_rate=1e-12, batch_size=5,
                          random_state=0).fit(SMALL * 3)
    # The scores are ~1e-13, so the loss is exact to ~1e-12.
    assert_close(model.loss_curve_, np.full(2, 4 * np.log(2)), rtol=1e-9, atol=0, what="loss_curve_",
                 baseline="the mean pair loss (1 + negative) * log 2 at zero context vectors")


@pytest.mark.points(2)
def test_subsampling_thins_the_pairs(thinned, corpus):
    """The number of SGD steps follows the pairs left after subsampling."""
    sentences = corpus[1]
    steps = len(thinned.learning_rates_)
    # Expected steps: simulate the subsampling here, 20 times.
    words, counts = trusted_vocabulary(sentences, 5)
    f = counts / counts.sum()
    keep = np.minimum((np.sqrt(f / 2e-3) + 1) * 2e-3 / f, 1.0)
    vocabulary = {w: i for i, w in enumerate(words)}
    ids = [[vocabulary[w] for w in s if w in vocabulary] for s in sentences]
    tokens = np.array([i for s in ids for i in s])
    sentence_of = np.repeat(np.arange(len(ids)), [len(s) for s in ids])
    rng, simulated = np.random.default_rng(1), []
    for _ in range(20):
        left = sentence_of[rng.random(tokens.size) < keep[tokens]]
        n_pairs = sum(2 * np.sum(left[:-d] == left[d:]) for d in (1, 2, 3))
        simulated.append(math.ceil(n_pairs / 64))
    expected = 3 * np.mean(simulated)
    # Steps per epoch vary by ~1% between draws; 5% leaves room, and no subsampling (or
    # keeping 1 - p) is off by a factor > 2.
    assert abs(steps - expected) < 0.05 * expected, (
        f"fit made {steps} SGD steps in 3 epochs (len(learning_rates_)); with each occurrence kept "
        f"with probability keep_probability_ there should be about {expected:.0f}")


@pytest.mark.points(1)
def test_subsampling_is_redrawn_every_epoch(thinned):
    """Each epoch draws a new subsample, so the epochs have different numbers of steps.

    Epoch e starts where the schedule's progress is exactly e / epochs."""
    rates = np.asarray(thinned.learning_rates_)
    starts = [int(np.argmin(np.abs(rates - 0.03 * (1 - e / 3)))) for e in range(3)]
    steps = np.diff(starts + [len(rates)])
    # About 64,000 pairs per epoch, ~1000 steps of 64, varying by ~5 steps between draws.
    assert len(set(steps.tolist())) > 1, (
        f"the 3 epochs made {steps.tolist()} SGD steps: the same number each time, as if the "
        "subsample were drawn once; draw which words to keep anew in every epoch")


@pytest.mark.points(2)
def test_most_similar_is_cosine(fitted):
    vectors, words = np.asarray(fitted.vectors_), [str(w) for w in fitted.index_to_word_]
    U, vocabulary = unit(vectors), fitted.vocabulary_
    for word in ("pasta", "guitar", "and"):
        i = vocabulary[word]
        sims = U @ U[i]
        sims[i] = -np.inf
        order = np.argsort(-sims, kind="stable")[:7]
        got = fitted.most_similar(word, 7)
        assert [w for w, _ in got] == [words[j] for j in order], (
            f"most_similar({word!r}, 7) gave {[w for w, _ in got]}, the 7 highest cosines of "
            f"vectors_ are {[words[j] for j in order]}")
        # Cosines from the same vectors: agreement to rounding.
        assert_close([s for _, s in got], sims[order], rtol=1e-9, atol=1e-12,
                     what=f"the similarities of most_similar({word!r})", baseline="the cosines of vectors_")
    # Similarity is symmetric and a cosine.
    expected = float(U[vocabulary["pasta"]] @ U[vocabulary["guitar"]])
    assert_close(fitted.similarity("guitar", "pasta"), expected, rtol=1e-9, atol=1e-12,
                 what="similarity('guitar', 'pasta')", baseline="the cosine of their vectors_")


@pytest.mark.points(1)
def test_most_similar_ties_and_self(stepper):
    """Rows a and c are equal, and so are d and e: ties go to the more frequent (lower) row."""
    stepper.vectors_ = np.array([[1.0, 0, 0, 0], [0, 1, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0],
                                 [1, 1, 0, 0], [-1, 0, 0, 0]])
    got = [w for w, _ in stepper.most_similar("c", topn=10)]
    assert got == ["a", "d", "e", "b", "f"], (
        f"most_similar('c') gave {got}, expected ['a', 'd', 'e', 'b', 'f']: 'a' has the same "
        "vector as 'c' (cosine 1) and comes first; exclude 'c' itself by its index; topn larger "
        "than the vocabulary returns every other word; equal cosines keep the vocabulary order")


# -- 2b. Statistics against the count-based baseline ----------------------------------------------
@pytest.mark.points(2)
def test_neighbours_agree_with_the_ppmi_baseline(fitted, baseline, probes):
    words, vectors = baseline
    ours = neighbours(vectors)
    index = {w: i for i, w in enumerate(words)}
    learner_words, vocabulary = [str(w) for w in fitted.index_to_word_], fitted.vocabulary_
    theirs = neighbours(np.asarray(fitted.vectors_))
    overlap = np.mean([len({words[j] for j in ours[index[w]]}
                           & {learner_words[j] for j in theirs[vocabulary[w]]}) / 10
                       for w in probes])
    # Chance: 10 of ~322 other words, 0.03. The reference scores 0.61-0.62 over seeds 0-3;
    # without subsampling 0.27, with 3 epochs 0.32, with one negative 0.37.
    assert overlap >= 0.5, (
        f"on average {overlap:.2f} of the 10 nearest neighbours of {len(probes)} topic words are "
        "among the baseline's (PPMI + SVD) 10; expected >= 0.5 (chance 0.03)")


@pytest.mark.points(1)
def test_neighbours_share_the_topic(fitted, probes):
    learner_words, vocabulary = [str(w) for w in fitted.index_to_word_], fitted.vocabulary_
    theirs = neighbours(np.asarray(fitted.vectors_))
    purity = np.mean([np.mean([probes.get(learner_words[j]) == topic
                               for j in theirs[vocabulary[w]]]) for w, topic in probes.items()])
    # Chance ~0.07 (about 23 words per topic of 323); the reference scores 0.97-0.99 over seeds
    # 0-3 and the baseline 1.0; without subsampling 0.37.
    assert purity >= 0.9, (f"on average {purity:.2f} of the 10 nearest neighbours of a topic word "
                           "belong to its topic; expected >= 0.9 (chance 0.07)")


@pytest.mark.points(1)
def test_topic_words_are_closer_together(fitted, probes):
    vocabulary = fitted.vocabulary_
    U = unit(np.asarray(fitted.vectors_)[[vocabulary[w] for w in probes]])
    topics = np.array(list(probes.values()))
    S, same = U @ U.T, topics[:, None] == topics[None, :]
    np.fill_diagonal(same, False)
    other = topics[:, None] != topics[None, :]
    within, across = S[same].mean(), S[other].mean()
    # The reference: within 0.89, across 0.46 (gap 0.43-0.44 over seeds 0-3); 3 epochs: gap 0.04.
    assert within - across >= 0.3, (
        f"the mean cosine of two words of one topic is {within:.2f}, of two topics {across:.2f}; "
        "expected a gap of at least 0.3")


@pytest.mark.points(1)
@pytest.mark.public
def test_loss_falls(fitted):
    curve = np.asarray(fitted.loss_curve_)
    start = (1 + FIT["negative"]) * np.log(2)  # the loss of every pair at the start
    # The reference goes 3.00 -> 2.30 (start 4.16).
    assert curve.shape == (5,) and np.all(np.isfinite(curve)) and curve[-1] < 0.9 * curve[0] < start, (
        f"loss_curve_ is {np.round(curve, 3)}; expected 5 finite values, below {start:.2f}, the last "
        "at least 10% below the first")


# -- 3. Edge cases and error messages ------------------------------------------------------------
@pytest.mark.points(1)
@pytest.mark.parametrize("sentences, match", [
    (["cats purr", "dogs bark"], r"(?i)token|list"), ([], r"(?i)empty"), ([["a", "b"]], r"min_count"),
    ([["a", "rare"], ["a"], ["b", "x"], ["b"]], r"(?i)two words|nothing to train")],
    ids=["texts-instead-of-token-lists", "empty-corpus", "no-word-reaches-min_count", "no-pairs"])
def test_bad_corpus(impl, sentences, match):
    with pytest.raises(ValueError, match=match):
        impl.Word2Vec(min_count=2).fit(sentences)


@pytest.mark.points(1)
def test_unknown_word(fitted):
    with pytest.raises((ValueError, KeyError), match=r"zebra.*vocabulary|vocabulary.*zebra"):
        fitted.most_similar("zebra")


@pytest.mark.points(1)
@pytest.mark.public
def test_bad_parameters(impl):
    for name, value in [("window", 0), ("vector_size", 2.5), ("learning_rate", -0.1)]:
        with pytest.raises(ValueError, match=name):
            impl.Word2Vec(min_count=1, **{name: value}).fit(SMALL)


@pytest.mark.points(1)
def test_sgd_step_rejects_mismatched_shapes(stepper):
    with pytest.raises(ValueError, match=r"(?i)shape"):
        stepper.sgd_step(np.array([0, 1]), np.array([2]), np.array([[3], [4]]), 0.1)


# Classic mistakes, graded end to end by tests/test_mistakes.py: the reference with `old` replaced by `new`
# (first occurrence) must score partial marks, and a failure message must contain `words`.
MISTAKES = [
    # (what the learner got wrong, old, new, words)
    ("sigma - label with the sign flipped (steps uphill)", "g = _sigmoid(scores) - labels",
     "g = labels - _sigmoid(scores)", "vectors_ after sgd_step differs from the documented formula"),
    ("updates with fancy-index -=, so a word repeated in the batch moves once",
     "_scatter_add(self.vectors_, centres, -learning_rate * grad_v)",
     "self.vectors_[centres] -= learning_rate * grad_v", "use np.add.at, not fancy-index"),
    ("the window one word too short", "for offset in range(1, window + 1):",
     "for offset in range(1, window):", "differs from the sum over the"),
]


# The benchmark of `grader bench` and of grader check's speed note (see grader/speed.py):
# the corpus's tokenised texts resampled to n sentences, and the same training on both sides:
# skip-gram with negative sampling with the tests' FIT. gensim's Word2Vec is the compiled
# word2vec (one pair at a time, in C) with the same settings: sg=1, the same subsampling formula,
# the full window every time (shrink_windows=False; its default draws a shorter one per word),
# the same linear learning-rate schedule, one thread. It is imported here only: grading never
# needs it.
def _bench_data(n):
    sentences = [tokenize(row["text"]) for row in sites()]
    return [sentences[i] for i in np.random.default_rng(0).integers(0, len(sentences), size=n)]


def _bench_impl(module, data):
    module.Word2Vec(**FIT).fit(data)


def _bench_baseline(data):
    from gensim.models import Word2Vec as GensimWord2Vec

    GensimWord2Vec(data, sg=1, hs=0, vector_size=FIT["vector_size"], window=FIT["window"],
                   negative=FIT["negative"], sample=FIT["sample"], min_count=FIT["min_count"],
                   epochs=FIT["epochs"], alpha=FIT["learning_rate"], min_alpha=FIT["min_learning_rate"],
                   shrink_windows=False, workers=1, seed=0)


BENCHMARK = {
    "what": "fit on n sentences (the tests' FIT: 5 epochs of SGNS, d=32, window 3, 5 negatives)",
    "size": 8_000, "check_size": 32,
    "data": _bench_data, "impl": _bench_impl, "baseline": _bench_baseline, "baseline_name": "gensim",
    "hint": "Build each epoch's skip-gram pairs with array shifts (one per offset) rather than a "
            "Python loop over tokens, then train on whole batches: a few matrix operations per "
            "batch and np.add.at for the updates (README: 'One vectorised step').",
}
