"""k-fold cross-validation of the NER training recipe (``khabar train ner --cv K``).

A recipe chosen on one dev split is partly chosen for that split's luck
(issue 12). Here every sentence of the training file is held out once: the
file is cut into ``K`` contiguous folds of whole pseudo-articles
(:func:`khabar.training.corpus.folds`), a model is trained with the recipe
on the other ``K - 1`` folds into a temporary folder (never over the packaged
model) and scored on gold words of the held-out fold with the one scorer
(:func:`khabar.training.ner.evaluate_words`). The summary is the mean and
standard deviation over folds of each label's scores.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from khabar.evaluate.scorer import LABEL_ORDER
from khabar.training.corpus import folds
from khabar.training.recipe import STAGE2_FOLDS

SUMMARY_ROWS = ("overall",) + LABEL_ORDER
MEASURES = ("f1", "precision", "recall")


def run_fold(train_sents: list, test_sents: list, recipe: dict) -> dict:
    """Train ``recipe`` on ``train_sents`` in a temporary folder and score it on ``test_sents``.

    ``recipe["backend"] == "neural"``: the neural trainer with ``recipe["neural"]``
    (:data:`khabar.training.recipe.NEURAL`); otherwise the CRF trainer.
    """
    from khabar.training.ner import evaluate_words, train

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="khabar-cv-") as tmp:
        if recipe.get("backend") == "neural":
            return _neural_fold(train_sents, test_sents, recipe, Path(tmp), started)
        if recipe.get("backend") == "ensemble":
            return _ensemble_fold(train_sents, test_sents, recipe, Path(tmp), started)
        else:
            out = Path(tmp) / "crf.crfsuite"
            meta = train(train_sents, out, recipe["feature_set"], recipe["params"], recipe["stages"], recipe.get("swap"),
                         tuple(recipe.get("stage2_folds") or STAGE2_FOLDS), Path(recipe["cache"]) if recipe.get("cache") else None,
                         written=recipe.get("written", ""), news=recipe.get("news"), news_weight=recipe.get("news_weight", 1))
            scores = evaluate_words(out, test_sents)
    return {"scores": scores, "train_seconds": meta["train_seconds"], "seconds": round(time.perf_counter() - started, 1)}


def _neural_fold(train_sents: list, test_sents: list, recipe: dict, tmp: Path, started: float) -> dict:
    """The neural recipe on one fold; with a stage 2, also the scores of what the same fold models give
    without it and with the other ``stage2_marginal`` setting (``variants``: ablations at the cost of a
    stage-2 fit, paired with the recipe on every fold)."""
    from khabar.ner.neural import NeuralModel
    from khabar.training import neural
    from khabar.training.ner import evaluate_words

    nrecipe = recipe["neural"]
    out = tmp / "neural.pt"
    meta = neural.train(train_sents, out, nrecipe)
    if nrecipe.get("stages", 1) != 2:
        return {"scores": evaluate_words(out, test_sents, NeuralModel(out)), "train_seconds": meta["train_seconds"],
                "seconds": round(time.perf_counter() - started, 1)}
    docs, tagged = neural.heldout_tags(train_sents, out, nrecipe)
    variants = {"stage1": evaluate_words(out, test_sents, NeuralModel(out, stage2=None))}
    for marginals in (nrecipe["stage2_marginal"], not nrecipe["stage2_marginal"]):
        path = tmp / f"stage2-{'marginal' if marginals else 'tags'}.crfsuite"
        neural.fit_stage2(path, docs, tagged, marginals, recipe["params"])
        variants[path.stem] = evaluate_words(out, test_sents, NeuralModel(out, stage2=str(path), stage2_marginal=marginals))
    scores = variants.pop(f"stage2-{'marginal' if nrecipe['stage2_marginal'] else 'tags'}")
    return {"scores": scores, "variants": variants, "train_seconds": round(time.perf_counter() - started, 1),
            "seconds": round(time.perf_counter() - started, 1)}


def _ensemble_fold(train_sents: list, test_sents: list, recipe: dict, tmp: Path, started: float) -> dict:
    """The ensemble recipe on one fold: both stage-1 taggers on the halves and on the fold (cached in
    ``recipe["cache"]`` when given), the ensemble stage 2, and as ``variants`` each tagger with the existing
    stage 2 alone, fitted on the same stage-1 output (the paired baselines)."""
    from khabar.ner.crf import RESOURCES
    from khabar.training import ensemble

    source = Path(recipe["source"]) if recipe.get("source") else None  # the word vectors' folder (default: the package's)
    if recipe.get("cache"):
        outputs = ensemble.cached_outputs(train_sents, test_sents, recipe, Path(recipe["cache"]) / f"{ensemble.digest(train_sents, test_sents, recipe)}.json.gz", source)
    else:
        outputs = ensemble.stage1_outputs(train_sents, test_sents, recipe, tmp, source)
    featurizer = ensemble.stage2_featurizer(RESOURCES)
    variant, params = recipe["ensemble"]["variant"], recipe["params"]
    ensemble.fit_stage2(tmp / "ensemble.crfsuite", featurizer, train_sents, outputs, variant, params)
    scores = ensemble.score_outputs(tmp / "ensemble.crfsuite", featurizer, test_sents, outputs, variant)
    variants = {f"{which}-stage2": ensemble.single_scores(tmp / f"{which}.crfsuite", featurizer, train_sents, test_sents, outputs, which, params)
                for which in ("crf", "neural")}
    seconds = round(time.perf_counter() - started, 1)
    return {"scores": scores, "variants": variants, "train_seconds": seconds, "seconds": seconds}


def _fold_job(job: tuple) -> dict:
    """One fold in a worker process (module-level so it pickles)."""
    fold_fn, task = job
    return fold_fn(*task)


def summarise(fold_scores: list[dict]) -> dict:
    """Per row (overall, PER, LOC, ORG, MISC): mean and sample standard deviation over folds of F1, P and R.

    A label absent from a fold (no gold and no predicted mention) is left out
    of that label's mean; ``folds`` says how many folds it is over. The
    standard deviation is over folds (n - 1 in the denominator), 0 for one fold.
    """
    summary = {}
    for row in SUMMARY_ROWS:
        present = [s[row] for s in fold_scores if row in s]
        if not present:
            continue
        summary[row] = {"folds": len(present), "gold": sum(p["gold"] for p in present)}
        for measure in MEASURES:
            values = [p[measure] for p in present]
            sd = statistics.stdev(values) if len(values) > 1 else 0.0
            summary[row][measure] = {"mean": round(statistics.fmean(values), 2), "sd": round(sd, 2)}
    return summary


def cross_validate(sentences: list, k: int, recipe: dict, jobs: int = 1, progress=None, fold_fn=None) -> dict:
    """Scores of each of ``k`` folds and their summary; ``recipe``: feature_set, params, stages, swap.

    ``jobs`` > 1 trains folds in that many worker processes (each holds its
    own copy of the data and features: 0.65 GB peak per process on ANERcorp).
    ``progress(fold_result)`` is called for each fold in fold order.
    ``fold_fn(train, test, recipe)`` replaces :func:`run_fold` (tests).
    """
    fold_fn = fold_fn or run_fold
    ranges = folds(sentences, k)
    tasks = [(sentences[:start] + sentences[end:], sentences[start:end], recipe) for start, end in ranges]
    results = []
    with ProcessPoolExecutor(max_workers=min(jobs, k)) if jobs > 1 else _Inline() as pool:
        futures = [pool.submit(_fold_job, (fold_fn, task)) for task in tasks]
        for i, future in enumerate(futures):
            results.append(_describe(i, ranges[i], future.result()))
            if progress:
                progress(results[-1])
    result = {"k": k, "sentences": len(sentences), "folds": results, "summary": summarise([r["scores"] for r in results])}
    if results and all("variants" in r for r in results):
        result["variants"] = {name: summarise([r["variants"][name] for r in results]) for name in results[0]["variants"]}
    return result


class _Inline:
    """A stand-in for the process pool that runs each job when its result is asked for (``--jobs 1``)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def submit(self, fn, arg):
        return _Deferred(fn, arg)


class _Deferred:
    def __init__(self, fn, arg):
        self.fn, self.arg = fn, arg

    def result(self):
        return self.fn(self.arg)


def _describe(i: int, sentence_range: tuple[int, int], outcome: dict) -> dict:
    start, end = sentence_range
    return {"fold": i + 1, "test_sentences": [start, end], **outcome}


def format_folds(result: dict) -> str:
    """One line per fold: held-out sentences, overall P/R/F1, per-label F1, seconds."""
    lines = [f"{'fold':<5}{'sentences':>13}{'P':>7}{'R':>7}{'F1':>7}" + "".join(f"{label:>7}" for label in LABEL_ORDER) + f"{'s':>7}"]
    for fold in result["folds"]:
        s = fold["scores"]
        start, end = fold["test_sentences"]
        per_label = "".join(f"{s[label]['f1']:>7.2f}" if label in s else f"{'-':>7}" for label in LABEL_ORDER)
        o = s["overall"]
        lines.append(f"{fold['fold']:<5}{f'{start}-{end}':>13}{o['precision']:>7.2f}{o['recall']:>7.2f}{o['f1']:>7.2f}{per_label}{fold['seconds']:>7.0f}")
    return "\n".join(lines)


def format_summary(summary: dict) -> str:
    """Mean ± standard deviation over folds per label."""
    lines = [f"{'label':<8}{'F1':>16}{'precision':>16}{'recall':>16}{'gold':>7}"]
    for row, cells in summary.items():
        values = "".join(f"{cells[m]['mean']:>8.2f} ± {cells[m]['sd']:<5.2f}" for m in MEASURES)
        lines.append(f"{row:<8}{values}{cells['gold']:>7}")
    return "\n".join(lines)
