"""``khabar train ner``: rebuild the CRF (:mod:`khabar.training.ner`) or neural (:mod:`khabar.training.neural`) named-entity model."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from khabar.errors import UserError
from khabar.training.recipe import ENSEMBLE, FEATURE_SET, NEURAL, PARAMS, STAGE2_FOLDS, STAGES, WRITTEN


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--backend", default="crf", choices=("crf", "neural", "ensemble"), help="crf (default): the two-stage CRF; neural: the "
                        "BiLSTM-CRF (torch; recipe in khabar/training/recipe.py NEURAL, trained on the whole file); ensemble: one "
                        "document-level stage 2 over both taggers' tags (recipe ENSEMBLE; trained on the whole file, into --out's folder)")
    parser.add_argument("--cache", default=None, metavar="DIR", help="ensemble: keep (and reuse) both taggers' stage-1 outputs on the "
                        "held-out halves and folds in DIR, so that a rerun only fits the stage-2 CRFs; crf: keep the held-out "
                        "stage-1 tags stage 2 learns from (per training set, recipe and --stage2-folds K)")
    parser.add_argument("--stage2-folds", type=_fold_counts, default=STAGE2_FOLDS, metavar="K[,K...]",
                        help="crf: stage 2 learns from the stage-1 tags of an inner K-fold of the training documents (each run "
                        "tagged by a stage-1 model fitted on the other K-1); several K: from each, every document once per K "
                        f"(default {','.join(map(str, STAGE2_FOLDS))}: the held-out halves)")
    parser.add_argument("--epochs", type=int, default=NEURAL["epochs"], help="neural: training epochs (fixed budget, no early stopping)")
    parser.add_argument("--rebuild-embeddings", action="store_true", help="neural: first rebuild the SaudiNewsNet word vectors "
                        "(embeddings.npy, needs gensim; minutes) from ../shared/data/saudinewsnet next to the model")
    parser.add_argument("--data", default=None, help="ANERcorp-format 'word TAG' file (default: ../shared/data/anercorp/train.txt)")
    parser.add_argument("--out", default=None, help="model file to write (default: the packaged khabar/resources/ner/crf.crfsuite)")
    parser.add_argument("--feature-set", default=FEATURE_SET, choices=("full", "base"), help="feature set: full (default) or base")
    parser.add_argument("--max-iterations", type=int, default=PARAMS["max_iterations"])
    parser.add_argument("--c1", type=float, default=PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=PARAMS["c2"])
    parser.add_argument("--rebuild-gazetteer", action="store_true", help="regenerate name_lists.tsv from the written lists and CLDR (needs babel) instead of copying the packaged one")
    parser.add_argument("--stages", type=int, choices=(1, 2), default=STAGES, help="2 (default): a second CRF that sees stage 1's tags and document-level label votes (both backends)")
    parser.add_argument("--name-lists", default=None, help="folder of ANERGazet/ANETAC lists, read at training time only for name-swapped "
                        "copies of sentences with organisations (default: ../shared/data/gazetteers)")
    parser.add_argument("--written", default=WRITTEN or "none", choices=("none", "ya1", "ya12"),
                        help="crf: the written final ى as a feature (على vs the name علي): none; ya1 stage 1; ya12 stage 1 and 2")
    parser.add_argument("--no-name-swap", action="store_true", help="train without the name-swapped copies (no lists needed)")
    parser.add_argument("--all-sentences", action="store_true", help="crf: train on every sentence of the file, holding out no dev split "
                        "(how the packaged model is built: its recipe is chosen by --cv, and new text is better served by 10%% more data)")
    parser.add_argument("--news", default=None, metavar="FILE", help="crf: also learn from a real-news training set (offsets, labels and "
                        "text hashes, texts read from ../shared/data; docs/annotation/ner-realnews.md), e.g. tests/realnews/ner-train.jsonl; "
                        "with --cv it joins every fold's training part")
    parser.add_argument("--news-weight", type=int, default=1, metavar="N", help="crf, with --news: stage 1 sees each news article N times")
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="instead of training the model, K-fold cross-validate the recipe "
                        "(with the options above) over the whole file: folds of whole 20-sentence pseudo-articles in file order, "
                        "each fold model trained in a temporary folder; prints mean ± sd per label")
    parser.add_argument("--json", default=None, metavar="PATH", help="with --cv: also write the per-fold scores and the summary to PATH")
    parser.add_argument("--jobs", type=int, default=1, help="with --cv: folds trained in this many processes at once (~0.65 GB each; default 1)")


def _fold_counts(text: str) -> tuple[int, ...]:
    """``--stage2-folds``: "5" or "2,5" -> (5,) or (2, 5); each K at least 2."""
    try:
        counts = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected K or K,K,... (whole numbers), got {text!r}") from None
    if not counts or min(counts) < 2:
        raise argparse.ArgumentTypeError(f"each K needs at least 2 folds, got {text!r}")
    return counts


def main(args: argparse.Namespace) -> int:
    from khabar.training.corpus import default_data, read_conll

    data = Path(args.data) if args.data else default_data()
    if not data.is_file():
        raise UserError(f"training data not found: {data} (pass --data FILE in 'word TAG' format)")
    sentences = read_conll(data)
    if len(sentences) < 10:
        raise UserError(f"{data} holds {len(sentences)} sentences; need 'word TAG' lines with blank lines between sentences")
    params = dict(PARAMS, c1=args.c1, c2=args.c2, max_iterations=args.max_iterations)
    if args.cv:
        return _cross_validate(args, data, sentences, params)
    if args.json or args.jobs != 1:
        raise UserError("--json and --jobs go with --cv K")
    if args.backend == "neural":
        return _train_neural(args, sentences, params)
    if args.backend == "ensemble":
        return _train_ensemble(args, sentences, params)
    return _train(args, sentences, params)


def _neural_recipe(args: argparse.Namespace) -> dict:
    if args.epochs < 1:
        raise UserError("--epochs needs at least 1")
    return dict(NEURAL, epochs=args.epochs, stages=args.stages)


def _train_neural(args: argparse.Namespace, sentences: list, params: dict) -> int:
    """The neural model (and its stage 2, crfsuite ``params``) on every sentence of the file (its recipe was chosen
    by --cv, so no dev split is held out)."""
    from khabar.ner.neural import DEFAULT_MODEL
    from khabar.training import neural

    out = Path(args.out) if args.out else DEFAULT_MODEL
    if args.rebuild_embeddings or not (out.parent / "embeddings.npy").exists() and not (DEFAULT_MODEL.parent / "embeddings.npy").exists():
        _rebuild_embeddings(out.parent)
    meta = neural.train_stacked(sentences, out, _neural_recipe(args), params, log=lambda m: print(m, flush=True))
    size = sum((out.parent / f).stat().st_size for f in (out.name, meta["vectors"], meta["vocab"], meta.get("stage2") or out.name))
    print(f"trained on {meta['train_sentences']} sentences ({meta['train_tokens']} tokens) in {meta['train_seconds']} s; "
          f"model {out.stat().st_size / 1e6:.1f} MB + word vectors = {size / 1e6:.1f} MB at {out.parent}")
    return 0


def _ensemble_recipe(args: argparse.Namespace, params: dict) -> dict:
    return {"backend": "ensemble", "feature_set": args.feature_set, "params": params, "swap": _swap_names(args),
            "neural": dict(_neural_recipe(args), stages=1), "ensemble": dict(ENSEMBLE), "cache": args.cache}


def _train_ensemble(args: argparse.Namespace, sentences: list, params: dict) -> int:
    """Both stage-1 taggers and the ensemble stage 2 on every sentence of the file, into --out's folder (default: the package's)."""
    from khabar.ner.ensemble import DEFAULT_MODEL
    from khabar.training import ensemble

    folder = Path(args.out).parent if args.out else DEFAULT_MODEL.parent
    if not (folder / "embeddings.npy").exists() and not (DEFAULT_MODEL.parent / "embeddings.npy").exists():
        _rebuild_embeddings(folder)
    recipe = _ensemble_recipe(args, params)
    meta = ensemble.train(sentences, folder, recipe, Path(args.cache) if args.cache else None, log=lambda m: print(m, flush=True))
    print(f"trained on {meta['train_sentences']} sentences ({meta['train_tokens']} tokens) in {meta['train_seconds']} s "
          f"(a cached run: stage-1 outputs computed once in {meta['stage1_outputs_seconds']} s); {folder / ensemble.META_FILE}")
    return 0


def _rebuild_embeddings(folder: Path) -> None:
    from khabar.training.corpus import SHARED_DATA
    from khabar.training.embeddings import build

    files = sorted((SHARED_DATA / "saudinewsnet").glob("*.jsonl.gz"))
    if not files:
        raise UserError(f"no SaudiNewsNet files in {SHARED_DATA / 'saudinewsnet'} to build the word vectors from")
    print(json.dumps(build(files, folder, log=lambda m: print(m, flush=True))))


def _written(args: argparse.Namespace) -> str:
    return "" if args.written == "none" else args.written


def _news(args: argparse.Namespace) -> list | None:
    """The real-news training articles of --news as documents of (words, tags) sentences, or None."""
    if not args.news:
        return None
    if args.backend != "crf":
        raise UserError("--news trains the crf backend only")
    if args.news_weight < 1:
        raise UserError("--news-weight needs at least 1")
    from khabar.config import load_config
    from khabar.training.corpus import SHARED_DATA
    from khabar.training.news import read_news_documents

    path = Path(args.news)
    if not path.is_file():
        raise UserError(f"real-news training set not found: {path}")
    return read_news_documents(path, SHARED_DATA, load_config(None))


def _swap_names(args: argparse.Namespace) -> dict | None:
    """Organisation names for the name-swapped copies, or None with --no-name-swap."""
    if args.no_name_swap:
        return None
    from khabar.training.augment import default_name_lists, read_training_names

    lists = Path(args.name_lists) if args.name_lists else default_name_lists()
    swap = read_training_names(lists)
    if not any(swap.values()):
        raise UserError(f"no ANERGazet/ANETAC name lists in {lists} (pass --name-lists DIR, or --no-name-swap to train without them)")
    return swap


def _train(args: argparse.Namespace, sentences: list, params: dict) -> int:
    from khabar.evaluate.scorer import format_table
    from khabar.ner.crf import DEFAULT_MODEL
    from khabar.training.corpus import split
    from khabar.training.ner import evaluate_words, train

    train_sents, dev_sents = (sentences, []) if args.all_sentences else split(sentences)
    out = Path(args.out) if args.out else DEFAULT_MODEL
    if args.rebuild_gazetteer:
        from khabar.training.name_lists import write_gazetteer

        write_gazetteer(out.parent / "name_lists.tsv")
    meta = train(train_sents, out, args.feature_set, params, args.stages, _swap_names(args), args.stage2_folds,
                 Path(args.cache) if args.cache else None, written=_written(args), news=_news(args), news_weight=args.news_weight)
    dev = evaluate_words(out, dev_sents) if dev_sents else None
    meta["dev"] = dev
    meta["dev_sentences"] = len(dev_sents)
    meta["model_bytes"] = out.stat().st_size
    out.with_suffix(".json").write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"trained on {meta['train_sentences']} sentences ({meta['train_tokens']} tokens) in {meta['train_seconds']} s; "
          f"model {meta['model_bytes'] / 1e6:.1f} MB at {out}")
    if dev:
        print(f"dev ({len(dev_sents)} sentences, gold words):")
        print(format_table(dev))
    else:
        print("no dev split held out (--all-sentences): the recipe's estimate is its --cv score")
    return 0


def _cross_validate(args: argparse.Namespace, data: Path, sentences: list, params: dict) -> int:
    """--cv K: score the recipe on K folds of the whole file; nothing packaged is written."""
    from khabar.training.corpus import DOC_SENTENCES, documents
    from khabar.training.cv import cross_validate, format_folds, format_summary

    if args.out or args.rebuild_gazetteer:
        raise UserError("--cv trains each fold model in a temporary folder; drop --out and --rebuild-gazetteer")
    if args.cv < 2 or args.cv > len(documents(sentences)):
        raise UserError(f"--cv needs 2 to {len(documents(sentences))} folds ({data} holds {len(documents(sentences))} "
                        f"pseudo-articles of {DOC_SENTENCES} sentences)")
    if args.jobs < 1:
        raise UserError("--jobs needs a positive number of processes")
    if args.backend == "neural":
        recipe = {"backend": "neural", "neural": _neural_recipe(args), "params": params}
    elif args.backend == "ensemble":
        recipe = _ensemble_recipe(args, params)
    else:
        recipe = {"feature_set": args.feature_set, "params": params, "stages": args.stages, "swap": _swap_names(args),
                  "stage2_folds": list(args.stage2_folds), "cache": args.cache, "written": _written(args),
                  "news": _news(args), "news_weight": args.news_weight}
    print(f"{args.cv}-fold cross-validation of the recipe over {len(sentences)} sentences of {data} "
          f"(folds of whole {DOC_SENTENCES}-sentence pseudo-articles, in file order)", flush=True)
    started = time.perf_counter()
    result = cross_validate(sentences, args.cv, recipe, args.jobs,
                            progress=lambda f: print(_fold_line(f, args.cv), flush=True))
    result["seconds"] = round(time.perf_counter() - started, 1)
    result["data"] = str(data)
    result["recipe"] = {k: v for k, v in recipe.items() if k not in ("swap", "cache", "news")}
    result["recipe"]["news_articles"] = len(recipe.get("news") or ())
    result["recipe"]["name_swap"] = {label: len(names) for label, names in (recipe.get("swap") or {}).items()}
    print(format_folds(result))
    print(f"mean ± sd over {args.cv} folds (entity level, exact span and label, gold words):")
    print(format_summary(result["summary"]))
    for name, summary in result.get("variants", {}).items():
        print(f"ablation {name}, same fold models:")
        print(format_summary(summary))
    print(f"{result['seconds']:.0f} s in all")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _fold_line(fold: dict, k: int) -> str:
    """Progress: a fold's overall and ORG F1, and those of its ablations (neural stage 2)."""
    def f1(scores: dict) -> str:
        return f"F1 {scores['overall']['f1']:.2f} ORG {scores.get('ORG', {}).get('f1', 0.0):.2f}"

    extra = "".join(f"; {name} {f1(scores)}" for name, scores in fold.get("variants", {}).items())
    return f"fold {fold['fold']}/{k}: {f1(fold['scores'])}{extra} ({fold['seconds']:.0f} s)"
