"""The neural NER backend (``extract.ner.backend = "neural"``): a BiLSTM-CRF tagger in torch, run on CPU.

A word is represented by its pretrained SaudiNewsNet vector and that of its
clitic-stripped core (frozen, ``embeddings.npy``), a character CNN (for the
many names no table has), its word-cluster ids (``clusters.tsv.gz``), the
classes of the NER name lists it or its stripped forms are in
(``name_lists.tsv``) and its clitic pattern and shape: the same cues as the
CRF's features, spelt by the same ``features.norm``. A one-layer BiLSTM reads
the sentence; a linear-chain CRF (forward algorithm and Viterbi written here,
batched) picks the tag sequence.

Every feature depends on one word only, so it is computed once per surface
word and memoised; a batch runs the embeddings and the character CNN once per
distinct word of the batch and indexes the result per token. Sentences of a
chunk are tagged together, longest first, in batches of ``BATCH_TOKENS``.

Files (written by ``khabar train ner --backend neural``): ``neural.pt``
(weights without the frozen table), ``neural.json`` (dimensions, character
and tag vocabularies, training record), the shared ``embeddings.npy`` +
``embeddings.vocab.txt``, ``clusters.tsv.gz``, ``name_lists.tsv``, ``names.tsv``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from khabar.ner.features import norm, shape, strip_article, strip_proclitics
from khabar.ner.model_files import model_file

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ner"
DEFAULT_MODEL = RESOURCES / "neural.pt"
TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
MAX_CHARS = 20  # longer words keep their first and last 10 letters (the affixes)
BATCH_TOKENS = 4096  # tokens per inference batch (sentences of similar length together)
PATTERNS = tuple(f"{s}|{c}{p}|{a}" for s in ("ar", "num", "lat", "sym") for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال"))


def _torch():
    import torch

    return torch


class WordFeatures:
    """Integer features of a surface word, memoised: (word id, core id, pattern id, cluster ids, gazetteer bits, char ids,
    tuned id). ``tuned``: the training words whose vector the model adjusts (id 0 = not adjusted)."""

    def __init__(self, vocab: dict[str, int], chars: dict[str, int], gazetteer: dict[str, set[str]], clusters: dict[str, tuple],
                 tuned: dict[str, int] | None = None):
        self.vocab, self.chars, self.clusters, self.tuned = vocab, chars, clusters, tuned or {}
        self.gaz = sorted(gazetteer.items())
        self.n_gaz = 2 * len(self.gaz)
        self.patterns = {p: i + 1 for i, p in enumerate(PATTERNS)}
        self._memo: dict[str, tuple] = {}

    def __call__(self, word: str) -> tuple:
        hit = self._memo.get(word)
        if hit is None:
            if len(self._memo) >= 500_000:
                self._memo.clear()  # bound the memory of a long-lived tagger
            hit = self._memo[word] = self._compute(norm(word))
        return hit

    def _compute(self, w: str) -> tuple:
        pre, rest = strip_proclitics(w)
        core = strip_article(rest)
        pattern = f"{shape(w)}|{pre}|{'ال' if core != rest else ''}"
        ids = self.clusters.get(w) or self.clusters.get(core) or ()
        bits = [i for i, (_, words) in enumerate(self.gaz) if w in words]
        bits += [len(self.gaz) + i for i, (_, words) in enumerate(self.gaz) if (rest in words or core in words) and w not in words]
        letters = w if len(w) <= MAX_CHARS else w[: MAX_CHARS // 2] + w[-MAX_CHARS // 2 :]
        return (self.vocab.get(w, 1), self.vocab.get(core, 1), self.patterns.get(pattern, 0),
                tuple(int(i) + 1 for i in ids[:3]) + (0,) * (3 - len(ids[:3])), tuple(bits),
                tuple(self.chars.get(ch, 1) for ch in letters) or (1,), self.tuned.get(w, 0))


def batch_inputs(features: WordFeatures, sentences: list[list[str]]):
    """Tensors for a batch: per distinct word its features, per token the index of its word; and the lengths."""
    torch = _torch()
    index: dict[str, int] = {}
    tok = [[index.setdefault(word, len(index)) for word in words] for words in sentences]
    rows = [features(word) for word in index]
    width = max((len(r[5]) for r in rows), default=1)
    gaz = torch.zeros(len(rows), max(1, features.n_gaz))
    for i, r in enumerate(rows):
        if r[4]:
            gaz[i, list(r[4])] = 1.0
    types = {
        "word": torch.tensor([r[0] for r in rows], dtype=torch.long),
        "core": torch.tensor([r[1] for r in rows], dtype=torch.long),
        "pattern": torch.tensor([r[2] for r in rows], dtype=torch.long),
        "clusters": torch.tensor([r[3] for r in rows], dtype=torch.long).reshape(len(rows), 3),
        "tuned": torch.tensor([r[6] for r in rows], dtype=torch.long),
        "gaz": gaz,
        "chars": torch.tensor([r[5] + (0,) * (width - len(r[5])) for r in rows], dtype=torch.long).reshape(len(rows), width),
    }
    lengths = [len(t) for t in tok]
    longest = max(lengths, default=0)
    tokens = torch.tensor([t + [0] * (longest - len(t)) for t in tok], dtype=torch.long).reshape(len(tok), longest)
    return types, tokens, torch.tensor(lengths, dtype=torch.long)


def build_module(dims: dict, vectors):
    """The torch module for ``dims`` (the ``neural.json`` record), its frozen word table set to ``vectors``."""
    torch = _torch()
    nn = torch.nn

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            table = torch.cat([torch.zeros(2, vectors.shape[1]), torch.as_tensor(vectors, dtype=torch.float32)])
            self.word = nn.Embedding.from_pretrained(table, freeze=True, padding_idx=0)  # rows 0 pad, 1 unknown
            # a learnt correction to the frozen vector of each frequent training word (zero at the start)
            self.tuned = nn.Embedding(dims.get("tuned", 0) + 1, table.shape[1], padding_idx=0)
            nn.init.zeros_(self.tuned.weight)
            self.char = nn.Embedding(dims["n_chars"] + 2, dims["char_dim"], padding_idx=0)
            self.conv = nn.Conv1d(dims["char_dim"], dims["char_filters"], 3, padding=1)
            self.pattern = nn.Embedding(len(PATTERNS) + 1, 8)
            self.clusters = nn.ModuleList(nn.Embedding(k + 1, dims["cluster_dim"], padding_idx=0) for k in dims["cluster_ks"])
            self.gaz = nn.Linear(max(1, dims["n_gaz"]), dims["gaz_dim"])
            width = 2 * table.shape[1] + dims["char_filters"] + 8 + len(dims["cluster_ks"]) * dims["cluster_dim"] + dims["gaz_dim"]
            self.drop = nn.Dropout(dims["dropout"])
            self.lstm = nn.LSTM(width, dims["hidden"], batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * dims["hidden"], len(TAGS))
            self.crf = crf_class()(len(TAGS))

        def types(self, t: dict):
            # padding letters are zeroed before the max (ReLU output is >= 0, so a zero never wins): a word's
            # letters give the same vector whatever the longest word of its batch, so batching changes no tag
            conv = self.conv(self.char(t["chars"]).transpose(1, 2)).relu()
            chars = (conv * (t["chars"] != 0).unsqueeze(1)).amax(dim=2)
            cl = [emb(t["clusters"][:, i]) for i, emb in enumerate(self.clusters)]
            return torch.cat([self.word(t["word"]) + self.tuned(t["tuned"]), self.word(t["core"]), chars, self.pattern(t["pattern"]), *cl, self.gaz(t["gaz"]).tanh()], 1)

        def emissions(self, types: dict, tokens, lengths):
            x = self.drop(self.types(types)[tokens])
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=tokens.shape[1])
            return self.out(self.drop(h))

    return Tagger()


@lru_cache(maxsize=1)
def crf_class():
    torch = _torch()

    class CRF(torch.nn.Module):
        """Linear-chain CRF over emissions [B, T, K] with a mask [B, T]; transitions[i, j] = score of tag i then j."""

        def __init__(self, k: int):
            super().__init__()
            self.trans = torch.nn.Parameter(torch.zeros(k, k))
            self.start = torch.nn.Parameter(torch.zeros(k))
            self.end = torch.nn.Parameter(torch.zeros(k))
            self.register_buffer("allowed", _allowed(k))

        def nll(self, em, tags, mask):
            """Mean negative log-likelihood of the gold ``tags``."""
            return (self.log_partition(em, mask) - self.gold_score(em, tags, mask)).mean()

        def gold_score(self, em, tags, mask):
            m = mask.float()
            s = self.start[tags[:, 0]] + (em.gather(2, tags.unsqueeze(2)).squeeze(2) * m).sum(1)
            s = s + (self.trans[tags[:, :-1], tags[:, 1:]] * m[:, 1:]).sum(1)
            last = tags.gather(1, (mask.sum(1) - 1).clamp(min=0).unsqueeze(1)).squeeze(1)
            return s + self.end[last]

        def _alphas(self, em, mask, trans, start):
            alpha = start + em[:, 0]
            out = [alpha]
            for t in range(1, em.shape[1]):
                nxt = torch.logsumexp(alpha.unsqueeze(2) + trans, dim=1) + em[:, t]
                alpha = torch.where(mask[:, t : t + 1], nxt, alpha)
                out.append(alpha)
            return out

        def log_partition(self, em, mask):
            return torch.logsumexp(self._alphas(em, mask, self.trans, self.start)[-1] + self.end, dim=1)

        def decode(self, em, mask, marginals: bool = True):
            """Best tag ids [B, T] (valid BIO only) and the marginal probability of each chosen tag (1.0 throughout
            without ``marginals``)."""
            trans = self.trans.masked_fill(~self.allowed, -1e4)
            start = self.start.masked_fill(~self.allowed[0], -1e4)  # tag 0 is O: what may follow O may start
            score, back = start + em[:, 0], []
            for t in range(1, em.shape[1]):
                best, arg = (score.unsqueeze(2) + trans).max(dim=1)
                nxt = best + em[:, t]
                back.append(arg)
                score = torch.where(mask[:, t : t + 1], nxt, score)
            tags = _backtrack(score + self.end, back, mask)
            probs = torch.ones(tags.shape)
            # marginals are reported for non-O tags only: sentences tagged all O (most of news) skip forward-backward
            rows = ((tags != 0) & mask).any(1).nonzero().squeeze(1)
            if marginals and len(rows):
                probs[rows] = self._marginals(em[rows], mask[rows], trans, start, tags[rows]).clamp(0.0, 1.0)
            return tags, probs

        def _marginals(self, em, mask, trans, start, tags):
            alphas = self._alphas(em, mask, trans, start)
            beta = self.end.expand_as(alphas[-1])
            betas = [beta]
            for t in range(em.shape[1] - 1, 0, -1):
                nxt = torch.logsumexp(trans.unsqueeze(0) + (em[:, t] + beta).unsqueeze(1), dim=2)
                beta = torch.where(mask[:, t : t + 1], nxt, beta)
                betas.append(beta)
            betas.reverse()
            log_z = torch.logsumexp(alphas[-1] + self.end, dim=1, keepdim=True)
            post = torch.stack([a + b for a, b in zip(alphas, betas)], 1) - log_z.unsqueeze(1)
            return post.gather(2, tags.unsqueeze(2)).squeeze(2).exp()

    return CRF


def _backtrack(score, back, mask):
    """Viterbi back-pointers to tag ids; padding positions repeat the last real tag (masked out by callers)."""
    torch = _torch()
    lengths = mask.sum(1)
    best = score.argmax(1)
    n, steps = score.shape[0], len(back) + 1
    tags = torch.zeros(n, steps, dtype=torch.long)
    tags[:, steps - 1] = best
    for t in range(steps - 1, 0, -1):
        prev = back[t - 1].gather(1, best.unsqueeze(1)).squeeze(1)
        best = torch.where(t < lengths, prev, best)  # before the end of a shorter sentence, follow its pointers
        tags[:, t - 1] = best
    return tags


def _allowed(k: int):
    """allowed[i, j]: tag j may follow tag i in BIO (I-X only after B-X or I-X)."""
    torch = _torch()
    ok = torch.ones(k, k, dtype=torch.bool)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            for i, prev in enumerate(TAGS):
                ok[i, j] = prev[2:] == tag[2:]
    return ok


class NeuralModel:
    """Tags documents with the BiLSTM-CRF; same interface as :class:`khabar.ner.crf.CrfModel`.

    With a stage 2 (``neural.stage2.crfsuite``, named in ``neural.json``) the
    BiLSTM-CRF's tags are stage 1 and the CRF backend's document-level stage 2
    retags each document with them (:func:`khabar.ner.crf.stage2_document`).
    ``stage2``: "" = the one ``neural.json`` names, a path = that file, None = none (stage 1 alone).
    """

    def __init__(self, path: Path, stage2: str | None = "", stage2_marginal: bool | None = None):
        import numpy as np

        torch = _torch()
        from khabar.ner.clusters import read_clusters
        from khabar.ner.crf import read_names
        from khabar.ner.name_lists import read_gazetteer

        self.meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        folder = path.parent
        words = (folder / self.meta["vocab"]).read_text(encoding="utf-8").splitlines()
        gazetteer = read_gazetteer(folder / self.meta["gazetteer"])
        clusters = read_clusters(folder / self.meta["clusters"]) if self.meta.get("clusters") else {}
        chars = {ch: i + 2 for i, ch in enumerate(self.meta["chars"])}
        tuned = {w: i + 1 for i, w in enumerate(self.meta.get("tuned_words", ()))}
        self.features = WordFeatures({w: i + 2 for i, w in enumerate(words)}, chars, gazetteer, clusters, tuned)
        self.module = build_module(self.meta["dims"], np.load(folder / self.meta["vectors"]))
        state = torch.load(path, map_location="cpu", weights_only=True)
        state["word.weight"] = self.module.word.weight
        self.module.load_state_dict(state)
        self.module.eval()
        self.names = read_names(folder / self.meta["names"], gazetteer)
        if stage2 == "" and self.meta.get("stage2"):
            stage2 = str(folder / self.meta["stage2"])
        if stage2_marginal is None:
            stage2_marginal = self.meta.get("stage2_marginal", False)
        self.stage2 = _Stage2(stage2, gazetteer, folder / (self.meta["clusters"] or "clusters.tsv.gz"), stage2_marginal) if stage2 else None

    def tag_documents(self, documents: list[list[list[str]]]) -> list[list[tuple[list[str], list[float]]]]:
        """Stage 1 batched over all the documents' sentences, then stage 2 (if any) document by document."""
        flat = [words for doc in documents for words in doc]
        # stage 2 retags every sentence with an entity and reports its own marginals: stage 1's are then
        # not needed (unless stage 2 reads them), which saves the forward-backward pass
        tagged = iter(self.tag_sentences(flat, self.stage2 is None or self.stage2.marginals))
        stage1 = [[next(tagged) for _ in doc] for doc in documents]
        if self.stage2 is None:
            return stage1
        return [self.stage2(doc, results) for doc, results in zip(documents, stage1)]

    def tag_document(self, sentences: list[list[str]]) -> list[tuple[list[str], list[float]]]:
        return self.tag_documents([sentences])[0]

    def tag(self, words: list[str]) -> tuple[list[str], list[float]]:
        return self.tag_documents([[words]])[0][0]

    def tag_sentences(self, sentences: list[list[str]], marginals: bool = True) -> list[tuple[list[str], list[float]]]:
        """BIO tags and the marginal of each non-O tag (1.0 for O, as the CRF backend reports) per sentence."""
        torch = _torch()
        out: list = [([], [])] * len(sentences)
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: -len(sentences[i]))
        with torch.inference_mode():
            start = 0
            while start < len(order):
                width = len(sentences[order[start]])
                stop = start + max(1, BATCH_TOKENS // max(1, width))
                batch = order[start:stop]
                for i, result in zip(batch, self._tag_batch([sentences[i] for i in batch], marginals)):
                    out[i] = result
                start = stop
        return out

    def _tag_batch(self, sentences: list[list[str]], marginals: bool = True) -> list[tuple[list[str], list[float]]]:
        types, tokens, lengths = batch_inputs(self.features, sentences)
        em = self.module.emissions(types, tokens, lengths)
        mask = _mask(lengths, tokens.shape[1])
        tags, probs = self.module.crf.decode(em, mask, marginals)
        results = []
        for row, prob, n in zip(tags.tolist(), probs.tolist(), lengths.tolist()):
            labels = [TAGS[t] for t in row[:n]]
            results.append((labels, [p if lab != "O" else 1.0 for p, lab in zip(prob[:n], labels)]))
        return results


class _Stage2:
    """The document-level CRF over the neural tags: the CRF backend's stage-2 features, one crfsuite tagger per thread."""

    def __init__(self, path: str, gazetteer: dict[str, set[str]], clusters: Path, marginals: bool):
        import threading

        import pycrfsuite

        from khabar.ner.clusters import load_features
        from khabar.ner.features import Featurizer

        self.path, self.marginals = path, marginals
        self.featurizer = Featurizer(gazetteer, "full", load_features(clusters) if clusters.is_file() else None)
        self._local = threading.local()
        tagger = self._local.tagger = pycrfsuite.Tagger()
        tagger.open(path)
        # stage 1 is the network: no per-sentence CRF features to keep; stage 2's only where it has weights
        self.featurizer.restrict(set(), {attr for attr, _ in tagger.info().state_features})

    def __call__(self, sentences: list[list[str]], results: list) -> list:
        from khabar.ner.crf import stage2_document

        tagger = getattr(self._local, "tagger", None)
        if tagger is None:
            import pycrfsuite

            tagger = self._local.tagger = pycrfsuite.Tagger()
            tagger.open(self.path)
        return stage2_document(self.featurizer, tagger, sentences, results, self.marginals)


def _mask(lengths, width: int):
    torch = _torch()
    return torch.arange(width).unsqueeze(0) < lengths.unsqueeze(1)


@lru_cache(maxsize=4)
def load_neural(path: str = "") -> NeuralModel:
    """The model at ``path`` ("" = the packaged one), loaded once per process, torch on one thread."""
    model_path = model_file(path, DEFAULT_MODEL, "neural", companions=(".json",))
    _torch().set_num_threads(1)  # one core per worker process: the pipeline parallelises over processes
    return NeuralModel(model_path)
