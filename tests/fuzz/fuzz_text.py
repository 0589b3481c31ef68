"""Fuzzing of the text path: normalise -> segment -> extract, on arbitrary Unicode.

    python tests/fuzz/fuzz_text.py --minutes 5        # atheris, coverage-guided
    python tests/fuzz/fuzz_text.py --minutes 5 --hypothesis

Each input is one document's text (seeded with Arabic news-like strings full
of diacritics, tatweel, guillemets, digits in three scripts, presentation
forms and bidi marks). A run fails when any stage raises, or when a span of
sentences, tokens, entities, quotes, dates or amounts lies outside the text,
or when ``text[start:end]`` differs from the stored surface form.
Not collected by pytest (the name does not start with test_).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

SEEDS = [
    "قال الرئيسُ «إنّ الاقتصادَ ينمو».وأضاف: \"سنبني ١٢٠ مدرسة\" في 15 آب 2022.",
    "ﻻ تسوية قبل الانتخابات‏ ، أكد وزير المالية نحو ٢٫٥ مليار ريال سعودي الأحد الماضي",
    "«القاعدة» و»حركة الأمل» ... «««« 27 جمادى الأولى 1443هـ 3.5% في المائة",
    "العنوان\nوقال المتحدث باسم الوزارة أحمد الصحاف إن «الوضع مستقر» مضيفاً أن 40 شخصاً أصيبوا.",
]


def check(text: str) -> None:
    import pyarrow as pa

    from khabar.config import DEFAULTS
    from khabar.extract.amounts import extract_amounts
    from khabar.extract.dates import extract_dates
    from khabar.extract.entities import extract_entities
    from khabar.extract.quotes import extract_quotes
    from khabar.normalise import normalise_documents
    from khabar.segment import segment_documents

    documents = pa.table({
        "doc_id": ["d"], "text": [text], "source": ["fuzz"],
        "published_at": pa.array([None], pa.timestamp("us", tz="UTC")),
    })
    normalised = normalise_documents(documents, DEFAULTS["normalise"])
    sentences, tokens = segment_documents(documents, normalised, DEFAULTS["segment"], DEFAULTS["normalise"])
    entities = extract_entities(documents, sentences, tokens, DEFAULTS["extract"]["ner"])
    outputs = {
        "sentences": (sentences, None), "tokens": (tokens, "form"), "entities": (entities, "text"),
        "quotes": (extract_quotes(documents, sentences, tokens, entities, DEFAULTS["extract"]), "text"),
        "dates": (extract_dates(documents, sentences, tokens, DEFAULTS["extract"]), "text"),
        "amounts": (extract_amounts(documents, sentences, tokens, DEFAULTS["extract"]), "text"),
    }
    for name, (table, surface) in outputs.items():
        for row in table.to_pylist():
            if not 0 <= row["start"] < row["end"] <= len(text):
                raise AssertionError(f"{name}: span {row['start']}:{row['end']} outside a text of {len(text)}")
            if surface and text[row["start"] : row["end"]] != row[surface]:
                raise AssertionError(f"{name}: text[{row['start']}:{row['end']}] != {row[surface]!r}")


def run_atheris(minutes: float, extra: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        import khabar.extract.amounts, khabar.extract.dates, khabar.extract.quotes  # noqa: F401, E401
        import khabar.normalise, khabar.segment.stage  # noqa: F401, E401

    def one_input(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        check(provider.ConsumeUnicodeNoSurrogates(len(data)))

    corpus = Path("/tmp/khabar-fuzz-text")
    corpus.mkdir(exist_ok=True)
    for i, seed in enumerate(SEEDS):
        (corpus / f"seed{i}").write_bytes(b"\x02" + seed.encode("utf-16-le"))
    atheris.Setup([sys.argv[0], f"-max_total_time={int(minutes * 60)}", "-max_len=4096", str(corpus), *extra], one_input)
    atheris.Fuzz()


def run_hypothesis(minutes: float) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    arabic = st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=200)
    mixed = st.lists(st.one_of(st.sampled_from(SEEDS), arabic, st.text(max_size=50), st.sampled_from(list("«»\"“”'.،؛؟!\n ٫٬%"))), max_size=12).map("".join)
    deadline = time.monotonic() + minutes * 60
    runs = 0
    while time.monotonic() < deadline:
        @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(mixed)
        def batch(text: str) -> None:
            check(text)

        batch()
        runs += 200
    print(f"hypothesis: {runs} inputs in {minutes} min, no failure")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--hypothesis", action="store_true", help="use hypothesis even if atheris is installed")
    args, extra = parser.parse_known_args()
    if not args.hypothesis:
        try:
            import atheris  # noqa: F401
        except ImportError:
            args.hypothesis = True
    run_hypothesis(args.minutes) if args.hypothesis else run_atheris(args.minutes, [a for a in extra if a != "--"])


if __name__ == "__main__":
    main()
