"""khabar report: the HTML built from a small store written here (stage tables + khabar.aggregate)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khabar import aggregate, cli, report, schemas
from khabar.config import load_config

CFG = load_config()["aggregate"]
PEOPLE = [("per:salman", "الملك سلمان", "PER"), ("per:jubeir", "عادل الجبير", "PER"), ("per:assaf", "إبراهيم العساف", "PER")]
ORGS = [("org:aramco", "أرامكو السعودية", "ORG"), ("org:opec", "أوبك", "ORG"), ("loc:riyadh", "الرياض", "LOC")]
HOSTILE = '<script>alert("x")</script> & <b>'
SOURCES = ["spa", "okaz", "alriyadh"]


def write(out: Path, dataset: str, dt: str, table: pa.Table, part: str = "part-00000") -> None:
    path = out / dataset / f"dt={dt}" / f"{part}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(schemas.with_run_id(dataset, table, "run-test-1"), path, compression="zstd")


def fake_store(out: Path, first: str = "2015-07-20", days: int = 3, docs_per_day: int = 4) -> Path:
    """A store with every dataset the report reads, the aggregates computed by khabar.aggregate."""
    start = date.fromisoformat(first)
    ingested = datetime(2015, 7, 25, tzinfo=timezone.utc)
    for k in range(days):
        dt = (start + timedelta(days=k)).isoformat()
        docs, ents, quotes, amounts, sents, toks = [], [], [], [], [], []
        for n in range(docs_per_day):
            doc_id = f"d{k}{n}"
            url = "javascript:alert(1)" if (k, n) == (days - 1, 1) else f"https://example.sa/news/{doc_id}?a=1&b=2"
            docs.append({"doc_id": doc_id, "source": SOURCES[n % 3], "url": url, "title": f"خبر رقم {n}", "text": "قال الوزير إن العمل مستمر.",
                         "raw_path": "raw.jsonl", "raw_record": n, "ingested_at": ingested})  # fmt: skip
            sents.append({"doc_id": doc_id, "sent_idx": 0, "start": 0, "end": 26})
            for t, form in enumerate(["قال", "الوزير", "إن", "العمل", "مستمر", "."]):
                toks.append({"doc_id": doc_id, "sent_idx": 0, "tok_idx": t, "start": 0, "end": 1, "form": form, "norm": form, "kind": "punct" if form == "." else "word"})
            # salman rises day by day, jubeir is steady, the others come and go
            mentions = [PEOPLE[0]] * (k + 1) + [PEOPLE[1]] * 2 + [ORGS[n % 3]] + ([PEOPLE[2]] if n % 2 else [])
            for m, (eid, canonical, label) in enumerate(mentions):
                ents.append({"doc_id": doc_id, "mention_idx": m, "sent_idx": m % 2, "start": 0, "end": len(canonical), "text": canonical,
                             "label": label, "entity_id": eid, "canonical": canonical, "score": 0.9})  # fmt: skip
            quote_text = HOSTILE if (k, n) == (days - 1, 0) else f"نعمل مع الشركاء على تعزيز الاستقرار في السوق يوم {k}"
            quotes.append({"doc_id": doc_id, "quote_idx": 0, "start": 0, "end": 5, "text": quote_text,
                           "speaker": "عادل الجبير", "speaker_entity_id": "per:jubeir"})  # fmt: skip
            if n % 2:
                quotes.append({"doc_id": doc_id, "quote_idx": 1, "start": 0, "end": 5, "text": "الاقتصاد السعودي قوي ومتين رغم تراجع أسعار النفط",
                               "speaker": "إبراهيم العساف", "speaker_entity_id": "per:assaf"})  # fmt: skip
            amounts.append({"doc_id": doc_id, "amount_idx": 0, "start": 0, "end": 3, "text": "مليار ريال", "value": 1e9 * (n + 1), "unit": "SAR", "kind": "money", "approximate": False})
            if n == 0:
                amounts.append({"doc_id": doc_id, "amount_idx": 1, "start": 0, "end": 3, "text": "5 ملايين دولار", "value": 5e6, "unit": "USD", "kind": "money", "approximate": False})
                amounts.append({"doc_id": doc_id, "amount_idx": 2, "start": 0, "end": 3, "text": "3%", "value": 3.0, "unit": "percent", "kind": "percent", "approximate": False})
        tables = {
            "documents": schemas.table_from_rows("documents", docs),
            "entities": schemas.table_from_rows("entities", ents),
            "quotes": schemas.table_from_rows("quotes", quotes),
            "amounts": schemas.table_from_rows("amounts", amounts),
            "sentences": schemas.table_from_rows("sentences", sents),
            "tokens": schemas.table_from_rows("tokens", toks),
            "quarantine": schemas.table_from_rows(
                "quarantine", [{"raw_path": "bad.jsonl", "raw_record": r, "reason": "bad_json" if r else "empty_text", "detail": f"bad.jsonl:{r}: <unreadable>"} for r in range(k)]
            ),
            "duplicates": schemas.empty("duplicates"),
        }
        for name, table in tables.items():
            write(out, name, dt, table)
        for name, (inputs, fn) in aggregate.AGGREGATES.items():
            write(out, name, dt, fn(**{i: tables[i] for i in inputs}, cfg=CFG))
    started = datetime(2015, 7, 25, 2, 0, tzinfo=timezone.utc)
    run = {"run_id": "run-test-1", "flow": "run", "started_at": started, "finished_at": started + timedelta(seconds=42.5), "status": "completed",
           "parameters": "{}", "config_hash": "abc", "code_version": "0.1.0", "schema_version": 1, "datasets": ["documents"],
           "partitions": [(start + timedelta(days=k)).isoformat() for k in range(days)],
           "counts": json.dumps({"ingest": {"records_seen": 15, "documents": 12, "quarantined": 3, "duplicates": 0}, "rows": {"entities": 99}}),
           "timings": json.dumps({"ingest": 3.5, "normalise": 1.25, "segment": 8.0, "extract": 25.0, "aggregate": 2.0}, sort_keys=True)}  # fmt: skip
    # unreadable records have no publication date: they sit in the run date's partition
    write(out, "quarantine", "2015-07-25", schemas.table_from_rows("quarantine", [{"raw_path": "x.csv", "raw_record": None, "reason": "too_large", "detail": "x.csv"}]))
    path = out / "runs" / "dt=2015-07-25" / "run-run-test-1.parquet"
    path.parent.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist([run], schema=schemas.RUNS), path)
    return out


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    store = fake_store(tmp_path_factory.mktemp("report") / "store")
    return report.render(store, report.Range("2015-07-20", "2015-07-22"))


def section(html: str, name: str) -> str:
    match = re.search(rf'<section id="{name}">(.*?)</section>', html, re.S)
    assert match, f"section {name} missing"
    return match.group(1)


def test_every_section_is_there_with_charts(html):
    for name in ("entities", "cooccurrence", "quotes", "money", "health"):
        section(html, name)
    assert html.count("<svg") >= 10  # trend chart + 6 sparklines + heatmap + bars + columns + stages
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert '<div class="card"><b>4</b><span>quarantined</span></div>' in html  # 3 in the range's partitions + 1 of its run


def test_top_entities_rank_by_mentions_and_trend_follows_the_days(html):
    entities = section(html, "entities")
    names = re.findall(r'<td dir="rtl" lang="ar">([^<]+)</td>', entities)
    # salman: (1+2+3) * 4 docs = 24; jubeir 2*4*3 = 24 -> tie broken by entity_id (per:jubeir < per:salman);
    # then aramco and assaf with 6 each
    assert names[:4] == ["عادل الجبير", "الملك سلمان", "أرامكو السعودية", "إبراهيم العساف"]
    row = re.search(r"الملك سلمان</td>.*?</tr>", entities, re.S).group(0)
    assert re.findall(r'<td class="num">([\d,]+)</td>', row) == ["24", "12", "3"]
    assert "الملك سلمان: 4, 8, 12" in row  # the sparkline's title carries the daily series


def test_cooccurrence_counts_documents_for_people_and_organisations_only(html):
    matrix = section(html, "cooccurrence")
    assert "الرياض" not in matrix  # a LOC
    assert "أرامكو السعودية (ORG)" in matrix
    # jubeir and salman share all 12 documents; assaf appears in 6 (odd n)
    assert "عادل الجبير (PER) × الملك سلمان (PER): 12" in matrix
    assert "الملك سلمان (PER) × إبراهيم العساف (PER): 6" in matrix


def test_quote_board_escapes_text_and_links_only_http_urls(html):
    quotes = section(html, "quotes")
    assert HOSTILE not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in quotes
    assert 'href="https://example.sa/news/d20?a=1&amp;b=2"' in quotes
    assert "d21</td>" in quotes  # the article with a javascript: URL is named, not linked
    assert "javascript:" not in html
    assert quotes.count('class="quote"') == 6  # 3 quotes of each of the two speakers
    assert quotes.index("عادل الجبير") < quotes.index("إبراهيم العساف")  # 12 quotes before 6


def test_money_chart_lists_currencies_with_totals(html):
    money = section(html, "money")
    # SAR: (1+2+3+4) bn per day over 3 days = 30 bn in 12 mentions; USD: 5 M per day
    assert "12 mentions · total 30 bn SAR" in money and "3 mentions · total 15 M USD" in money
    assert "percent" not in money


def test_run_health_shows_days_quarantine_and_stage_timings(html):
    health = section(html, "health")
    assert health.count("<tr><td>2015-07-2") == 3
    assert re.search(r"<td>bad_json</td><td class=\"num\">1</td>", health)
    assert re.search(r"<td>empty_text</td><td class=\"num\">2</td>", health)
    assert re.search(r"<td>too_large</td><td class=\"num\">1</td>", health)  # outside the range, but written by the run shown
    assert "&lt;unreadable&gt;" in health
    assert "run-test-1" in health and "42.5 s" in health and "39.8 s" in health  # wall time, and the sum of stages
    assert "extract: 25.0 s" in health
    run_row = re.search(r"<tr><td><code>run-test-1</code>.*?</tr>", health).group(0)
    assert re.findall(r'<td class="num">([\d,]+)</td>', run_row) == ["15", "12", "3", "0"]  # records seen = documents + quarantined + duplicates
    stages = re.findall(r"<title>(\w+): [\d.]+ s</title>", health)
    assert stages == ["ingest", "normalise", "segment", "extract", "aggregate"]  # pipeline order, not the JSON's


def test_no_network_references_except_article_links(html):
    links = re.findall(r"https?://[^\s\"'<>]+", html)
    assert links and all(link.startswith("https://example.sa/news/") for link in links)
    assert not re.search(r"<(link|img|iframe|script)\b", html)


def test_an_empty_range_still_renders_every_section(tmp_path):
    store = fake_store(tmp_path / "store", days=1)
    page = report.render(store, report.Range("2016-01-01", "2016-01-02"))
    for name in ("entities", "cooccurrence", "quotes", "money", "health"):
        assert 'class="empty"' in section(page, name)


def test_command_writes_the_file_and_rejects_bad_dates(tmp_path, capsys):
    store = fake_store(tmp_path / "store", days=1)
    target = tmp_path / "out" / "r.html"
    assert cli.main(["report", "--since", "2015-07-20", "--until", "2015-07-20", "--store", str(store), "--out", str(target)]) == 0
    assert "<section id=\"quotes\">" in target.read_text(encoding="utf-8")
    assert cli.main(["report", "--since", "2015-07-32", "--until", "2015-07-20", "--store", str(store)]) == 2
    assert "--since must be a date" in capsys.readouterr().err
