"""``khabar train ner``: rebuild the CRF named-entity model from ANERcorp-format data.

Reproducible: the dev split is fixed (the last 10% of sentences, never
trained on), the feature set and crfsuite parameters are constants below,
and crfsuite's L-BFGS is deterministic. The dev scores go into the model's
JSON sidecar and the model card.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

DEV_FRACTION = 0.10
DOC_SENTENCES = 20  # pseudo-article size for document-level features (ANERcorp has no boundaries)
STAGES = 2
FEATURE_SET = "full"
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
# Feature set, stages and parameters were chosen by dev F1 among the variants
# listed in khabar/resources/ner/MODEL_CARD.md.


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", default=None, help="ANERcorp-format 'word TAG' file (default: ../shared/data/anercorp/train.txt)")
    parser.add_argument("--out", default=None, help="model file to write (default: the packaged khabar/resources/ner/crf.crfsuite)")
    parser.add_argument("--feature-set", default=FEATURE_SET, choices=("full", "base"), help="feature set: full (default) or base")
    parser.add_argument("--max-iterations", type=int, default=PARAMS["max_iterations"])
    parser.add_argument("--c1", type=float, default=PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=PARAMS["c2"])
    parser.add_argument("--rebuild-gazetteer", action="store_true", help="regenerate name_lists.tsv from the written lists and CLDR (needs babel) instead of copying the packaged one")
    parser.add_argument("--stages", type=int, choices=(1, 2), default=STAGES, help="2 (default): a second CRF that sees document-level label votes")
    parser.add_argument("--name-lists", default=None, help="folder of ANERGazet/ANETAC lists, read at training time only for name-swapped "
                        "copies of sentences with organisations (default: ../shared/data/gazetteers)")
    parser.add_argument("--no-name-swap", action="store_true", help="train without the name-swapped copies (no lists needed)")


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of (words, tags) from a 'word TAG' file, blank line between sentences."""
    sentences, words, tags = [], [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.split()
        if not parts:
            if words:
                sentences.append((words, tags))
                words, tags = [], []
            continue
        if len(parts) < 2:
            continue  # a bare tag or word: malformed line, skipped
        words.append(" ".join(parts[:-1]))
        tags.append(parts[-1])
    if words:
        sentences.append((words, tags))
    return sentences


def split(sentences: list) -> tuple[list, list]:
    """Fixed rule: the last 10% of sentences are dev."""
    cut = len(sentences) - int(len(sentences) * DEV_FRACTION)
    return sentences[:cut], sentences[cut:]


# ../shared/data beside a checkout: where training and evaluation find ANERcorp and the name lists
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def default_data() -> Path:
    return SHARED_DATA / "anercorp" / "train.txt"


def name_counts(sentences) -> list[tuple[str, int]]:
    """How often each normalised word is tagged as (part of) a name; words seen twice or more."""
    from collections import Counter

    from khabar.extract.ner_features import norm

    counts = Counter(norm(w) for words, tags in sentences for w, t in zip(words, tags) if t != "O")
    return sorted((w, c) for w, c in counts.items() if c >= 2)


def documents(sentences: list, size: int = 0) -> list[list]:
    """ANERcorp has no article boundaries: consecutive blocks of ``size`` sentences stand in for articles."""
    size = size or DOC_SENTENCES
    return [sentences[i : i + size] for i in range(0, len(sentences), size)]


RARE = 2  # words seen at most this often get an identity-free copy of their sentence
IDENTITY = ("w=", "c=", "b-=", "b+=")


def _examples(sentences) -> list:
    """(features, tags) pairs, plus a copy of each sentence with a rare name in it where
    rare words lose their identity features, plus the name-swapped copies of ``ner_augment``.

    Most names in new text were never seen in training; the copies make the
    model learn the context and affix cues it must rely on for them, instead of
    memorising the identity of every training name.
    """
    from collections import Counter

    from khabar.extract.ner_features import norm

    counts = Counter(norm(w) for words, _ in sentences for w in words)
    examples = []
    for words, tags in sentences:
        feats = FEATURIZER.sentence(words)
        examples.append((feats, tags))
        rare = [counts[norm(w)] <= RARE for w in words]
        if any(r and t != "O" for r, t in zip(rare, tags)):
            examples.append(([[f for f in fs if not f.startswith(IDENTITY)] if r else fs for fs, r in zip(feats, rare)], tags))
    if SWAP_NAMES:
        from khabar.extract.ner_augment import swap_names

        examples += [(FEATURIZER.sentence(words), tags) for words, tags in swap_names(sentences, SWAP_NAMES)]
    return examples


def _fit(featurizer, examples, out: Path, params: dict) -> float:
    """Train one crfsuite model on (features, tags) pairs; seconds taken."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, tags in examples:
        trainer.append(feats, tags)
    trainer.set_params(params)
    started = time.perf_counter()
    trainer.train(str(out))
    return time.perf_counter() - started


def _stage1_tags(model_path: Path, docs: list) -> list[list[list[str]]]:
    """Stage-1 BIO tags (in the training data's tag names) of every sentence of every document."""
    import pycrfsuite

    from khabar.extract.ner_crf import _run

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return [[_run(tagger, FEATURIZER.sentence(words))[0] for words, _ in doc] for doc in docs]


def _stage2_examples(docs: list, tags1: list) -> list:
    from khabar.extract.ner_features import document_counts, document_topics, stage2_features

    examples = []
    for doc, doc_tags in zip(docs, tags1):
        keys = [[FEATURIZER.key(w) for w in words] for words, _ in doc]
        counts = document_counts(keys, doc_tags)
        topics = document_topics(counts)
        for (words, gold), k, t in zip(doc, keys, doc_tags):
            examples.append((stage2_features(FEATURIZER.compact(words), k, t, counts, topics=topics), gold))
    return examples


FEATURIZER = None  # set by train(); module-level so the helpers share its memo
SWAP_NAMES: dict = {}  # label -> names for ner_augment.swap_names, set by train()


def train(train_sents, out: Path, feature_set: str, params: dict, stages: int = STAGES, swap: dict | None = None) -> dict:
    """Write the model (and its stage-2 companion and JSON sidecar) at ``out``.

    ``swap``: label -> names (``ner_augment.read_training_names``) for the
    name-swapped training copies; None or empty trains without them.
    """
    global FEATURIZER, SWAP_NAMES
    import tempfile

    from khabar.extract.ner_clusters import load_features
    from khabar.extract.ner_crf import RESOURCES
    from khabar.extract.ner_features import Featurizer
    from khabar.extract.ner_name_lists import read_gazetteer, write_gazetteer

    out.parent.mkdir(parents=True, exist_ok=True)
    gazetteer_path = out.parent / "name_lists.tsv"
    if not gazetteer_path.exists():
        packaged = RESOURCES / "name_lists.tsv"
        if packaged.exists():
            gazetteer_path.write_bytes(packaged.read_bytes())
        else:
            write_gazetteer(gazetteer_path)
    # word clusters from unlabeled news (ner_clusters), shipped next to the model like the gazetteer
    clusters_path = out.parent / "clusters.tsv.gz"
    if not clusters_path.exists() and (RESOURCES / clusters_path.name).exists():
        clusters_path.write_bytes((RESOURCES / clusters_path.name).read_bytes())
    clusters = load_features(clusters_path) if feature_set == "full" and clusters_path.exists() else None
    FEATURIZER = Featurizer(read_gazetteer(gazetteer_path), feature_set, clusters)
    SWAP_NAMES = swap or {}
    seconds = _fit(FEATURIZER, _examples(train_sents), out, params)
    names_path = out.parent / "names.tsv"
    names_path.write_text("".join(f"{w}\t{c}\n" for w, c in name_counts(train_sents)), encoding="utf-8")
    meta = {
        "feature_set": feature_set,
        "names": names_path.name,
        "params": params,
        "gazetteer": gazetteer_path.name,
        "clusters": clusters_path.name if clusters else None,
        "swapped_names": {label: len(names) for label, names in SWAP_NAMES.items()},
        "doc_sentences": DOC_SENTENCES,
        "train_sentences": len(train_sents),
        "train_tokens": sum(len(w) for w, _ in train_sents),
    }
    if stages == 2 and len(documents(train_sents)) < 2:
        stages = 1  # too little data to hold half of it out for stage 2
    if stages == 2:
        # Stage 2 learns from stage-1 output it has not been trained on: each
        # half of the documents is tagged by a stage-1 model fitted on the other half.
        docs = documents(train_sents)
        half = len(docs) // 2
        folds = [(docs[:half], docs[half:]), (docs[half:], docs[:half])]
        tags1 = []
        with tempfile.TemporaryDirectory() as tmp:
            for k, (fit_docs, tag_docs) in enumerate(folds):
                fold_model = Path(tmp) / f"fold{k}.crfsuite"
                seconds += _fit(FEATURIZER, _examples([st for d in fit_docs for st in d]), fold_model, params)
                tags1.append(_stage1_tags(fold_model, tag_docs))
        stage2_docs = docs[half:] + docs[:half]
        stage2 = out.with_name(out.stem + ".stage2.crfsuite")
        seconds += _fit(FEATURIZER, _stage2_examples(stage2_docs, tags1[0] + tags1[1]), stage2, params)
        meta["stage2"] = stage2.name
    meta["train_seconds"] = round(seconds, 1)
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    return meta


def evaluate_words(model_path: Path, dev_sents) -> dict:
    """Entity-level scores of the model on gold word sequences (no segmentation in the loop)."""
    from khabar.extract.ner_crf import CrfModel, spans_from_bio
    from khabar.extract.ner_eval import score

    model = CrfModel(model_path)
    gold, pred = [], []
    started = time.perf_counter()
    k = 0
    for doc in documents(dev_sents, model.meta.get("doc_sentences", DOC_SENTENCES)):
        for (words, tags), (predicted, _) in zip(doc, model.tag_document([w for w, _ in doc])):
            gold += [(k, s, e, label) for s, e, label in spans_from_bio([_khabar_tag(t) for t in tags])]
            pred += [(k, s, e, label) for s, e, label in spans_from_bio(predicted)]
            k += 1
    elapsed = time.perf_counter() - started
    result = score(gold, pred)
    result["tokens_per_s"] = round(sum(len(w) for w, _ in dev_sents) / elapsed)
    return result


def _khabar_tag(tag: str) -> str:
    from khabar.extract.ner_crf import LABELS

    return tag if tag == "O" else tag[:2] + LABELS.get(tag[2:], tag[2:])


def main(args: argparse.Namespace) -> int:
    from khabar.cli import UserError
    from khabar.extract.ner_crf import DEFAULT_MODEL
    from khabar.extract.ner_eval import format_table

    data = Path(args.data) if args.data else default_data()
    if not data.is_file():
        raise UserError(f"training data not found: {data} (pass --data FILE in 'word TAG' format)")
    sentences = read_conll(data)
    if len(sentences) < 10:
        raise UserError(f"{data} holds {len(sentences)} sentences; need 'word TAG' lines with blank lines between sentences")
    train_sents, dev_sents = split(sentences)
    out = Path(args.out) if args.out else DEFAULT_MODEL
    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.max_iterations)
    if args.rebuild_gazetteer:
        from khabar.extract.ner_name_lists import write_gazetteer

        write_gazetteer(out.parent / "name_lists.tsv")
    swap = None
    if not args.no_name_swap:
        from khabar.extract.ner_augment import default_name_lists, read_training_names

        lists = Path(args.name_lists) if args.name_lists else default_name_lists()
        swap = read_training_names(lists)
        if not any(swap.values()):
            raise UserError(f"no ANERGazet/ANETAC name lists in {lists} (pass --name-lists DIR, or --no-name-swap to train without them)")
    meta = train(train_sents, out, args.feature_set, params, args.stages, swap)
    dev = evaluate_words(out, dev_sents)
    meta["dev"] = dev
    meta["dev_sentences"] = len(dev_sents)
    meta["model_bytes"] = out.stat().st_size
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"trained on {meta['train_sentences']} sentences ({meta['train_tokens']} tokens) in {meta['train_seconds']} s; "
          f"model {meta['model_bytes'] / 1e6:.1f} MB at {out}")
    print(f"dev ({len(dev_sents)} sentences, gold words):")
    print(format_table(dev))
    return 0
