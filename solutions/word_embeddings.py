"""Word embeddings: word2vec's skip-gram with negative sampling (SGNS), trained in numpy.

Every word w of the vocabulary gets two vectors: v_w (as a centre word, ``vectors_``) and
u_w (as a context word, ``context_vectors_``). Every pair (c, o) of a centre word and a word
within ``window`` positions of it is a positive example; k words drawn from the noise
distribution P_n(w) ~ count(w)^0.75 are negatives. The loss of one pair is

    l(c, o) = -log sigma(u_o . v_c) - sum_{j=1..k} log sigma(-u_{n_j} . v_c),

and with g = sigma(score) - label (label 1 for o, 0 for the negatives) its gradients are

    dl/dv_c = g_o u_o + sum_j g_j u_{n_j},     dl/du_o = g_o v_c,     dl/du_{n_j} = g_j v_c.

Frequent words are subsampled: each occurrence of w is kept with probability
min(1, (sqrt(f_w / t) + 1) t / f_w), f_w = count(w) / total, t = ``sample`` (word2vec's C code).
The step size falls linearly from ``learning_rate`` to ``min_learning_rate`` over the run.
Words that occur in similar contexts end up with similar v_w: their cosine is high.

References
----------
- T. Mikolov, I. Sutskever, K. Chen, G. Corrado, J. Dean, "Distributed representations of
  words and phrases and their compositionality", NeurIPS 2013 (SGNS, subsampling, 3/4 power).
- O. Levy, Y. Goldberg, "Neural word embedding as implicit matrix factorization", NeurIPS 2014
  (SGNS factorises a shifted PMI matrix: the count-based baseline of the tests).
- Y. Goldberg, O. Levy, "word2vec Explained", arXiv:1402.3722 (2014) (the gradients).
- D. Jurafsky, J. H. Martin, *Speech and Language Processing* (3rd ed. draft), chapter 6.
"""

import math
import numbers
import re
from collections import Counter

import numpy as np

TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def tokenize(text):
    """The lower-cased words of ``text`` (letters and digits, inner ' and - kept), as a list of str.

    >>> tokenize("Learn how to bake with our savoury open-source tips.")
    ['learn', 'how', 'to', 'bake', 'with', 'our', 'savoury', 'open-source', 'tips']
    """
    return TOKEN.findall(str(text).lower())


class NotFittedError(ValueError, AttributeError):
    """Raised when a Word2Vec model is used before ``fit``."""


class Word2Vec:
    """Skip-gram with negative sampling, trained by mini-batch SGD.

    Parameters
    ----------
    vector_size : int, default=100
        Dimension d of the word vectors.
    window : int, default=5
        A context word is at most ``window`` positions before or after the centre word,
        in the same sentence, after rare and subsampled words have been removed.
    negative : int, default=5
        Number k of noise words drawn per (centre, context) pair (0: none, for testing only).
    sample : float, default=1e-3
        Subsampling threshold t; 0 keeps every word.
    min_count : int, default=5
        Words seen fewer times are dropped from the vocabulary and from the sentences.
    epochs : int, default=5
        Passes over the corpus.
    learning_rate, min_learning_rate : float, default=0.025, 0.0001
        The step size falls linearly from the first to the second over the run.
    batch_size : int, default=256
        (centre, context) pairs per SGD step.
    random_state : int, numpy Generator or None, default=None
        Seeds the initial vectors, the subsampling, the shuffling and the negatives.

    Attributes
    ----------
    vocabulary_ : dict of str -> int
        Row of each word in the matrices below.
    index_to_word_ : ndarray of str, shape (n_words,)
        The words by decreasing count, ties in alphabetical order.
    counts_ : ndarray of int, shape (n_words,)
        How often each word occurs in the corpus.
    keep_probability_ : ndarray of shape (n_words,)
        Probability that one occurrence of the word is kept in an epoch.
    noise_distribution_ : ndarray of shape (n_words,)
        counts_ ** 0.75, normalised to sum to 1.
    vectors_ : ndarray of shape (n_words, vector_size)
        The word vectors v_w (the embeddings). Start uniform in [-0.5, 0.5) / vector_size.
    context_vectors_ : ndarray of shape (n_words, vector_size)
        The context vectors u_w. Start at zero.
    loss_curve_ : ndarray of shape (epochs,)
        Mean pair loss of each epoch (each batch's loss taken before its update).
    learning_rates_ : ndarray of shape (n_steps,)
        The step size of every SGD step of the run.

    Notes
    -----
    In epoch e (0-based), step b of the epoch's n_b steps uses the learning rate
    ``learning_rate + (min_learning_rate - learning_rate) * (e + b / n_b) / epochs``.
    One step applies ``-learning_rate`` times the gradient of the SUM of its pairs' losses,
    computed from the parameters before the step: each pair moves as far as it would in
    word2vec's one-pair-at-a-time SGD, and a word that occurs several times in the batch
    gets the sum of its updates (``np.add.at``). One epoch costs O(P (k + 1) d) time for P
    pairs and O(V d) memory for V words.

    Example
    -------
    >>> sentences = [["cats", "purr"], ["dogs", "bark"], ["cats", "purr"]] * 20
    >>> model = Word2Vec(vector_size=8, window=1, min_count=1, sample=0, random_state=0).fit(sentences)
    >>> model.vectors_.shape
    (4, 8)
    """

    def __init__(self, vector_size=100, window=5, negative=5, sample=1e-3, min_count=5, epochs=5,
                 learning_rate=0.025, min_learning_rate=0.0001, batch_size=256, random_state=None):
        self.vector_size = vector_size
        self.window = window
        self.negative = negative
        self.sample = sample
        self.min_count = min_count
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.min_learning_rate = min_learning_rate
        self.batch_size = batch_size
        self.random_state = random_state

    def fit(self, sentences):
        """Learn the vocabulary and train the vectors on ``sentences`` (lists of str); return self.

        Raises ValueError if the corpus is empty, a sentence is a str rather than a list of
        tokens, no word occurs ``min_count`` times, no sentence has two known words, or a
        parameter is out of range.
        """
        # TODO: README 'Vocabulary, subsampling and noise', then 'The training loop'.
        ### BEGIN SOLUTION
        sentences = _check_sentences(sentences)
        self._check_params()
        rng = np.random.default_rng(self.random_state)

        # The vocabulary: frequent words first, so that row 0 is the most common word.
        counts = Counter(word for sentence in sentences for word in sentence)
        words = sorted((w for w, c in counts.items() if c >= self.min_count), key=lambda w: (-counts[w], w))
        if not words:
            raise ValueError(f"no word occurs min_count={self.min_count} times (the corpus has "
                             f"{len(counts)} distinct words)")
        self.index_to_word_ = np.array(words)  # (n_words,)
        self.vocabulary_ = {w: i for i, w in enumerate(words)}
        self.counts_ = np.array([counts[w] for w in words])  # (n_words,)
        # Subsampling: a word far above the threshold keeps about sqrt(t / f) of its occurrences.
        freq = self.counts_ / self.counts_.sum()
        if self.sample > 0:
            keep = (np.sqrt(freq / self.sample) + 1) * self.sample / freq
            self.keep_probability_ = np.minimum(keep, 1.0)  # (n_words,)
        else:
            self.keep_probability_ = np.ones(len(words))
        # The 3/4 power gives rare words more chances to be drawn as negatives.
        noise = self.counts_ ** 0.75
        self.noise_distribution_ = noise / noise.sum()  # (n_words,)

        # The corpus as one array of word ids; rare words are removed before windowing.
        ids = [[self.vocabulary_[w] for w in s if w in self.vocabulary_] for s in sentences]
        tokens = np.array([i for s in ids for i in s], dtype=np.int64)  # (n_tokens,)
        sentence_of = np.repeat(np.arange(len(ids)), [len(s) for s in ids])  # (n_tokens,)
        if not np.any(sentence_of[1:] == sentence_of[:-1]):  # some sentence has 2 known words
            raise ValueError("no sentence has two words of the vocabulary: there is nothing to train on")

        n_words, d = len(words), self.vector_size
        self.vectors_ = (rng.random((n_words, d)) - 0.5) / d  # (n_words, d)
        self.context_vectors_ = np.zeros((n_words, d))  # (n_words, d)
        losses, rates = [], []
        for epoch in range(self.epochs):
            # A new subsample every epoch; the dropped words also free their window slots.
            kept = rng.random(tokens.size) < self.keep_probability_[tokens]
            centres, contexts = _skipgram_pairs(tokens[kept], sentence_of[kept], self.window)
            # Shuffle so that a batch mixes sentences, then draw k negatives per pair.
            order = rng.permutation(centres.size)
            centres, contexts = centres[order], contexts[order]
            negatives = rng.choice(n_words, size=(centres.size, self.negative), p=self.noise_distribution_)
            n_steps = math.ceil(centres.size / self.batch_size)
            total = 0.0
            for step in range(n_steps):
                # The linear schedule: progress is the fraction of the whole run done so far.
                progress = (epoch + step / n_steps) / self.epochs
                rate = self.learning_rate + (self.min_learning_rate - self.learning_rate) * progress
                batch = slice(step * self.batch_size, (step + 1) * self.batch_size)
                loss = self.sgd_step(centres[batch], contexts[batch], negatives[batch], rate)
                total += loss * centres[batch].size
                rates.append(rate)
            losses.append(total / centres.size if centres.size else np.nan)  # nan: nothing kept
        self.loss_curve_ = np.array(losses)  # (epochs,)
        self.learning_rates_ = np.array(rates)  # (n_steps,)
        return self
        ### END SOLUTION

    def sgd_step(self, centres, contexts, negatives, learning_rate):
        """One SGD step on a batch of m pairs; updates both matrices, returns the mean pair loss.

        Parameters
        ----------
        centres, contexts : array of int, shape (m,)
            Word ids of each pair's centre and context word.
        negatives : array of int, shape (m, k)
            Word ids of each pair's noise words.
        learning_rate : float
        """
        # TODO: README 'The gradient' and 'One vectorised step'.
        ### BEGIN SOLUTION
        self._check_fitted()
        centres, contexts = np.asarray(centres), np.asarray(contexts)
        negatives = np.asarray(negatives)
        if centres.ndim != 1 or contexts.shape != centres.shape or negatives.shape[:1] != centres.shape \
                or negatives.ndim != 2:
            raise ValueError(f"centres and contexts must be 1-D of one length m and negatives (m, k); got "
                             f"shapes {centres.shape}, {contexts.shape}, {negatives.shape}")
        # Column 0 is the true context (label 1), the others are noise (label 0).
        targets = np.column_stack([contexts, negatives])  # (m, 1 + k)
        labels = np.zeros(targets.shape)  # (m, 1 + k)
        labels[:, 0] = 1.0
        v = self.vectors_[centres]  # (m, d)
        u = self.context_vectors_[targets]  # (m, 1 + k, d)
        scores = np.einsum("md,mjd->mj", v, u)  # (m, 1 + k)
        # -log sigma(s) for the context, -log sigma(-s) for a negative, computed without overflow.
        loss = np.logaddexp(0.0, -(2 * labels - 1) * scores).sum(axis=1).mean()
        g = _sigmoid(scores) - labels  # dl/dscore, (m, 1 + k)
        grad_v = np.einsum("mj,mjd->md", g, u)  # (m, d)
        grad_u = g[:, :, None] * v[:, None, :]  # (m, 1 + k, d)
        # Both gradients come from the old parameters; add.at sums the updates of repeated words.
        _scatter_add(self.vectors_, centres, -learning_rate * grad_v)
        _scatter_add(self.context_vectors_, targets, -learning_rate * grad_u)
        return float(loss)
        ### END SOLUTION

    def most_similar(self, word, topn=10):
        """The ``topn`` words with the highest cosine similarity to ``word`` (itself excluded), as a
        list of (word, similarity) pairs, most similar first; ties go to the more frequent word."""
        # TODO: README 'Similarity'.
        ### BEGIN SOLUTION
        unit = self._unit_vectors()  # (n_words, d)
        i = self._index(word)
        sims = unit @ unit[i]  # (n_words,)
        sims[i] = -np.inf  # a word is not its own neighbour
        best = np.argsort(-sims, kind="stable")[:min(topn, len(sims) - 1)]
        return [(str(self.index_to_word_[j]), float(sims[j])) for j in best]
        ### END SOLUTION

    def similarity(self, a, b):
        """Cosine similarity of the vectors of words ``a`` and ``b``, a float in [-1, 1]."""
        ### BEGIN SOLUTION
        unit = self._unit_vectors()
        return float(unit[self._index(a)] @ unit[self._index(b)])
        ### END SOLUTION

    def _unit_vectors(self):
        self._check_fitted()
        return self.vectors_ / np.linalg.norm(self.vectors_, axis=1, keepdims=True)

    def _index(self, word):
        if word not in self.vocabulary_:
            raise ValueError(f"the word {word!r} is not in the vocabulary ({len(self.vocabulary_)} words)")
        return self.vocabulary_[word]

    def _check_fitted(self):
        if not hasattr(self, "vectors_"):
            raise NotFittedError("This Word2Vec instance is not fitted yet; call fit(sentences) first.")

    def _check_params(self):
        """A ValueError naming the parameter that is out of range and its value."""
        def is_int(value, low):
            return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value >= low

        for name, low in (("vector_size", 1), ("window", 1), ("negative", 0), ("min_count", 1),
                          ("epochs", 1), ("batch_size", 1)):
            if not is_int(getattr(self, name), low):
                raise ValueError(f"{name} must be an integer >= {low}; got {getattr(self, name)!r}")
        for name in ("learning_rate", "min_learning_rate", "sample"):
            value = getattr(self, name)
            if not (isinstance(value, numbers.Real) and 0 <= value < np.inf):
                raise ValueError(f"{name} must be a number >= 0; got {value!r}")


def _skipgram_pairs(tokens, sentence_of, window):
    """All (centre, context) id pairs at most ``window`` apart within one sentence, both ways.

    ``tokens`` and ``sentence_of`` (the sentence of each token) have shape (n_tokens,).
    """
    # TODO: README 'Skip-gram pairs': one slice per offset, no loop over tokens.
    ### BEGIN SOLUTION
    centres, contexts = [], []
    for offset in range(1, window + 1):
        # Token i and token i + offset, when both are in the same sentence.
        same = sentence_of[:-offset] == sentence_of[offset:]  # (n_tokens - offset,)
        left, right = tokens[:-offset][same], tokens[offset:][same]
        centres += [left, right]
        contexts += [right, left]
    return np.concatenate(centres), np.concatenate(contexts)  # (n_pairs,), (n_pairs,)
    ### END SOLUTION


def _scatter_add(matrix, rows, values):
    """``np.add.at(matrix, rows, values)``: ``matrix[rows[i]] += values[i]``, repeated rows summed.

    numpy's add.at is slow on the rows of a 2-D array and fast on a 1-D one, so this adds
    every value at its flat position in a 1-D view of the matrix (same result, ~6x faster)."""
    if not matrix.flags.c_contiguous:  # no 1-D view without a copy: the slow way
        return np.add.at(matrix, rows, values)
    d = matrix.shape[1]
    flat = (np.asarray(rows)[..., None] * d + np.arange(d)).ravel()  # (rows.size * d,)
    np.add.at(matrix.reshape(-1), flat, values.ravel())


def _sigmoid(x):
    """The logistic function 1 / (1 + exp(-x)), elementwise."""
    ### BEGIN SOLUTION
    # The tanh form never overflows: sigma(x) = (1 + tanh(x / 2)) / 2.
    return 0.5 * (1.0 + np.tanh(0.5 * x))
    ### END SOLUTION


def _check_sentences(sentences):
    """The corpus as a list of lists of str, or a ValueError saying what was received."""
    if isinstance(sentences, str) or not hasattr(sentences, "__len__") or len(sentences) == 0:
        raise ValueError(f"sentences must be a non-empty list of token lists; got {sentences!r:.80}")
    out = []
    for i, sentence in enumerate(sentences):
        if isinstance(sentence, str):
            raise ValueError(f"sentence {i} is a str ({sentence!r:.40}); pass lists of tokens, "
                             "e.g. [tokenize(text) for text in texts]")
        out.append([str(w) for w in sentence])
    return out
