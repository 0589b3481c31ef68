"""Training the neural NER model (``khabar train ner --backend neural``): a BiLSTM-CRF over ANERcorp.

Reproducible on one thread: torch is seeded, the batches are drawn from a
seeded generator, and the epoch budget is fixed in the recipe
(:data:`khabar.training.recipe.NEURAL`); nothing is tuned on held-out data
while training. The frozen word vectors come from
:mod:`khabar.training.embeddings`; the cluster table and the name lists are
the CRF's, copied next to the model like the CRF trainer does.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from khabar.ner.features import norm
from khabar.ner.tags import khabar_tag
from khabar.training.corpus import DOC_SENTENCES, documents

RESOURCE_FILES = ("name_lists.tsv", "clusters.tsv.gz", "embeddings.npy", "embeddings.vocab.txt")


def _copy_resources(out_dir: Path, source_dir: Path | None = None) -> None:
    """The shared inputs next to the model (when training elsewhere than the package folder), from
    ``source_dir`` (default: the package folder)."""
    from khabar.ner.neural import RESOURCES

    out_dir.mkdir(parents=True, exist_ok=True)
    for name in RESOURCE_FILES:
        target, source = out_dir / name, (source_dir or RESOURCES) / name
        if not target.exists() and source.exists() and source.resolve() != target.resolve():
            target.write_bytes(source.read_bytes())


def _dims(recipe: dict, chars: list[str], n_gaz: int, ks: tuple) -> dict:
    keys = ("char_dim", "char_filters", "cluster_dim", "gaz_dim", "hidden", "dropout")
    return {**{k: recipe[k] for k in keys}, "n_chars": len(chars), "n_gaz": n_gaz, "cluster_ks": list(ks)}


def _batches(examples: list, size: int, rng: random.Random) -> list[list]:
    """Shuffled batches of sentences of similar length (less padding), in shuffled order."""
    order = list(range(len(examples)))
    rng.shuffle(order)
    pool = 50 * size
    batches = []
    for p in range(0, len(order), pool):
        chunk = sorted(order[p : p + pool], key=lambda i: len(examples[i][0]))
        batches += [chunk[i : i + size] for i in range(0, len(chunk), size)]
    rng.shuffle(batches)
    return batches


def _drop_words(types: dict, rate: float) -> None:
    """A share ``rate`` of the batch's distinct words lose their word and core vectors (unknown): the
    model must learn the character and context cues it relies on for names no table has (most names
    in new text), as the CRF's identity-free copies of rare words do."""
    import torch

    drop = torch.rand(types["word"].shape[0]) < rate
    types["word"][drop] = 1
    types["core"][drop] = 1
    types["tuned"][drop] = 0


def _epoch(module, features, examples: list, recipe: dict, optimiser, rng: random.Random) -> float:
    import torch

    from khabar.ner.neural import _mask, batch_inputs

    module.train()
    total = 0.0
    for batch in _batches(examples, recipe["batch"], rng):
        types, tokens, lengths = batch_inputs(features, [examples[i][0] for i in batch])
        _drop_words(types, recipe["word_dropout"])
        longest = tokens.shape[1]
        gold = torch.tensor([examples[i][1] + [0] * (longest - len(examples[i][1])) for i in batch], dtype=torch.long)
        em = module.emissions(types, tokens, lengths)
        loss = module.crf.nll(em, gold, _mask(lengths, longest))
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(module.parameters(), recipe["clip"])
        optimiser.step()
        total += loss.item() * len(batch)
    return total / max(1, len(examples))


STAGE2_FILE = "neural.stage2.crfsuite"


def train_stacked(train_sents: list, out: Path, recipe: dict, params: dict, log=None) -> dict:
    """The neural model (stage 1, :func:`train`) and, with ``recipe["stages"] == 2``, its document-level
    stage 2 (a crfsuite CRF with ``params``) learnt from neural tags of documents the tagging model did
    not train on (:func:`heldout_tags`); the ``.json`` record names it."""
    meta = train(train_sents, out, recipe, log)
    if recipe.get("stages", 1) != 2 or len(documents(train_sents)) < 2:
        return meta
    started = time.perf_counter()
    docs, tagged = heldout_tags(train_sents, out, recipe, log)
    fit_stage2(out.parent / STAGE2_FILE, docs, tagged, recipe["stage2_marginal"], params)
    meta.update(stage2=STAGE2_FILE, stage2_marginal=recipe["stage2_marginal"], stage2_params=params, stage2_heldout="halves",
                train_seconds=round(meta["train_seconds"] + time.perf_counter() - started, 1))
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return meta


def heldout_tags(train_sents: list, out: Path, recipe: dict, log=None) -> tuple[list, list]:
    """Stage-1 output on documents its model did not train on, as the CRF's stage 2 gets it: the
    pseudo-articles are cut in two halves, and each half is tagged by a neural model trained with
    ``recipe`` on the other half (on the vectors next to ``out``). (documents, per document its
    sentences' (tags, marginals)), documents in the order tagged."""
    from khabar.ner.neural import NeuralModel

    docs = documents(train_sents)
    half = len(docs) // 2
    tagged = []
    with tempfile.TemporaryDirectory(prefix="khabar-neural-half-") as tmp:
        for k, (fit_docs, tag_docs) in enumerate(((docs[:half], docs[half:]), (docs[half:], docs[:half]))):
            half_out = Path(tmp) / f"half{k}" / "neural.pt"
            _copy_resources(half_out.parent, out.parent)
            train([st for d in fit_docs for st in d], half_out, recipe, log)
            tagged += NeuralModel(half_out, stage2=None).tag_documents([[w for w, _ in d] for d in tag_docs])
    return docs[half:] + docs[:half], tagged


def fit_stage2(path: Path, docs: list, tagged: list, marginals: bool, params: dict) -> float:
    """Fit the stage-2 CRF at ``path`` (next to the model's name lists and clusters) on ``tagged``; seconds taken."""
    from khabar.ner.clusters import load_features
    from khabar.ner.features import Featurizer, document_counts, document_topics, stage2_features
    from khabar.ner.name_lists import read_gazetteer
    from khabar.training.ner import _fit

    clusters = path.parent / "clusters.tsv.gz"
    featurizer = Featurizer(read_gazetteer(path.parent / "name_lists.tsv"), "full", load_features(clusters) if clusters.is_file() else None)
    examples = []
    for doc, results in zip(docs, tagged):
        keys = [[featurizer.key(w) for w in words] for words, _ in doc]
        counts = document_counts(keys, [tags for tags, _ in results])
        topics = document_topics(counts)
        for (words, gold), k, (tags, probs) in zip(doc, keys, results):
            feats = stage2_features(featurizer.compact(words), k, tags, counts, topics=topics, probs=probs if marginals else None)
            examples.append((feats, [khabar_tag(t) for t in gold]))
    return _fit(examples, path, params)


def train(train_sents: list, out: Path, recipe: dict, log=None) -> dict:
    """Write ``out`` (``neural.pt``, stage 1) and its ``.json`` record; the record."""
    import numpy as np
    import torch

    from khabar.ner.clusters import read_clusters
    from khabar.ner.name_lists import read_gazetteer
    from khabar.ner.neural import TAGS, WordFeatures, build_module
    from khabar.training.embeddings import VECTORS_FILE, VOCAB_FILE
    from khabar.training.ner import name_counts

    started = time.perf_counter()
    folder = out.parent
    _copy_resources(folder)
    torch.set_num_threads(1)
    torch.manual_seed(recipe["seed"])
    rng = random.Random(recipe["seed"])
    words = (folder / VOCAB_FILE).read_text(encoding="utf-8").splitlines()
    gazetteer = read_gazetteer(folder / "name_lists.tsv")
    clusters_path = folder / "clusters.tsv.gz"
    clusters = read_clusters(clusters_path) if recipe["clusters"] and clusters_path.exists() else {}
    chars = sorted(c for c, n in Counter(ch for ws, _ in train_sents for w in ws for ch in norm(w)).items() if n >= 2)
    counts = Counter(norm(w) for ws, _ in train_sents for w in ws)
    tuned = sorted(w for w, n in counts.items() if n >= recipe["tune_min"]) if recipe["tune_min"] else []
    features = WordFeatures({w: i + 2 for i, w in enumerate(words)}, {c: i + 2 for i, c in enumerate(chars)}, gazetteer, clusters,
                            {w: i + 1 for i, w in enumerate(tuned)})
    dims = dict(_dims(recipe, chars, features.n_gaz, (64, 256, 1024) if clusters else ()), tuned=len(tuned))
    module = build_module(dims, np.load(folder / VECTORS_FILE))
    index = {t: i for i, t in enumerate(TAGS)}
    examples = [(ws, [index.get(khabar_tag(t), 0) for t in ts]) for ws, ts in train_sents if ws]
    optimiser = torch.optim.Adam([p for p in module.parameters() if p.requires_grad], lr=recipe["lr"])
    losses = []
    for epoch in range(recipe["epochs"]):
        for group in optimiser.param_groups:
            group["lr"] = recipe["lr"] / (1 + recipe["decay"] * epoch)
        losses.append(round(_epoch(module, features, examples, recipe, optimiser, rng), 4))
        if log:
            log(f"epoch {epoch + 1}/{recipe['epochs']}: loss {losses[-1]} ({time.perf_counter() - started:.0f} s)")
    state = {k: v for k, v in module.state_dict().items() if k != "word.weight"}  # the frozen table ships once, as float16
    state["tuned.weight"] = state["tuned.weight"].half()  # corrections of word vectors: float16 like the vectors
    torch.save(state, out)
    # its own name counts (all of the file), so that the CRF's names.tsv next to it stays the CRF's
    names = out.with_name(out.stem + ".names.tsv")
    names.write_text("".join(f"{w}\t{c}\n" for w, c in name_counts(train_sents)), encoding="utf-8")
    meta = {"backend": "neural", "dims": dims, "chars": chars, "tags": list(TAGS), "recipe": recipe, "losses": losses, "tuned_words": tuned,
            "vocab": VOCAB_FILE, "vectors": VECTORS_FILE, "gazetteer": "name_lists.tsv", "clusters": clusters_path.name if clusters else None,
            "names": names.name, "doc_sentences": DOC_SENTENCES, "train_sentences": len(train_sents),
            "train_tokens": sum(len(w) for w, _ in train_sents), "train_seconds": round(time.perf_counter() - started, 1)}
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return meta
