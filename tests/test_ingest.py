"""Ingest: every format, alias set, encoding and quarantine reason, on small
Arabic articles written here into tmp_path."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import time
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from khabar import schemas
from khabar.config import DEFAULTS
from khabar.ingest import REASONS, doc_id_for, list_raw_files, read_raw_file

HOSPITAL = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة ثلاثمئة سرير. "
    "وقال المتحدث باسم الوزارة إن المستشفى سيخدم أكثر من مليون نسمة في المنطقة.\n\n"
    "وأضاف أن العمل في المشروع استمر ثلاث سنوات بتكلفة بلغت خمسمئة مليون ريال."
)
OIL = "ارتفعت أسعار النفط في التعاملات الآسيوية صباح الثلاثاء بعد تراجع المخزونات الأمريكية. وبلغ سعر خام برنت سبعين دولارا للبرميل."
FOOTBALL = "فاز المنتخب الوطني على نظيره الأردني بهدفين مقابل هدف في المباراة التي أقيمت مساء أمس على ملعب الملك فهد الدولي."
ENGLISH = "The ministry of health opened a new hospital in Jeddah today with three hundred beds and a new emergency wing."


def read(path: Path, root: Path | None = None, **cfg) -> list[dict]:
    return list(read_raw_file(path, root or path.parent, {**DEFAULTS["ingest"], **cfg}))


def docs_of(items: list[dict]) -> list[dict]:
    return [i for i in items if i["kind"] == "document"]


def quarantined(items: list[dict]) -> list[tuple]:
    return [(i["raw_record"], i["reason"]) for i in items if i["kind"] == "quarantine"]


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


# --- formats -----------------------------------------------------------------


def test_txt_short_first_line_followed_by_blank_line_is_the_title(tmp_path):
    (tmp_path / "news").mkdir()
    path = tmp_path / "news" / "hospital.txt"
    path.write_text("مستشفى جديد في جدة\n\n" + HOSPITAL + "\n", encoding="utf-8")
    [doc] = read(path, tmp_path)
    assert doc["kind"] == "document"
    assert doc["title"] == "مستشفى جديد في جدة"
    assert doc["text"] == HOSPITAL
    assert doc["raw_path"] == "news/hospital.txt"
    assert doc["raw_record"] == 0
    assert doc["encoding"] == "utf-8"
    assert doc["truncated"] is False
    assert doc["published_at"] is None and doc["date_unparsed"] is False
    assert doc["doc_id"] == doc_id_for(HOSPITAL) and len(doc["doc_id"]) == 16


def test_txt_without_blank_line_after_first_line_has_no_title(tmp_path):
    path = tmp_path / "oil.txt"
    path.write_text(OIL + "\n" + FOOTBALL, encoding="utf-8")
    [doc] = read(path)
    assert doc["title"] is None
    assert doc["text"] == OIL + "\n" + FOOTBALL


def test_txt_first_paragraph_ending_a_sentence_is_not_a_title(tmp_path):
    path = tmp_path / "para.txt"
    path.write_text(HOSPITAL, encoding="utf-8")  # its first line is a sentence, then a blank line
    [doc] = read(path)
    assert doc["title"] is None and doc["text"] == HOSPITAL


def test_doc_id_depends_only_on_the_words():
    assert doc_id_for(OIL) == doc_id_for("  " + OIL.replace(" ", "\n  ") + "\n")
    assert doc_id_for(OIL) != doc_id_for(FOOTBALL)


def test_jsonl_saudinewsnet_fields(tmp_path):
    record = {"id": "x1", "source": "okaz", "url": "http://www.okaz.com.sa/a/1", "date_extracted": "2015-07-21 02:51:32",
              "title": "افتتاح مستشفى", "author": "جدة: محمد", "content": HOSPITAL}
    [doc] = read(write_jsonl(tmp_path / "day.jsonl", [record]))
    assert (doc["source"], doc["url"], doc["title"], doc["author"]) == ("okaz", "http://www.okaz.com.sa/a/1", "افتتاح مستشفى", "جدة: محمد")
    assert doc["published_at"] == datetime(2015, 7, 21, 2, 51, 32, tzinfo=timezone.utc)
    assert doc["text"] == HOSPITAL


def test_jsonl_trafilatura_newsplease_newspaper4k_aliases(tmp_path):
    records = [
        # trafilatura: the URL sits in "source", the site in "hostname"
        {"title": "النفط", "text": OIL, "date": "2023-03-15", "hostname": "alriyadh.com", "source": "https://www.alriyadh.com/123", "author": "الرياض"},
        # news-please
        {"title": "المنتخب", "maintext": FOOTBALL, "date_publish": "2023-03-15 21:30:00", "source_domain": "www.spa.gov.sa",
         "url": "https://www.spa.gov.sa/n/5", "authors": ["سعد", "خالد"]},
        # newspaper4k
        {"title": "مستشفى", "text": HOSPITAL, "publish_date": "2023-03-15T10:30:00+03:00", "authors": ["هند"], "url": "https://sabq.org/x"},
    ]
    traf, newsplease, np4k = docs_of(read(write_jsonl(tmp_path / "mixed.jsonl", records)))
    assert (traf["text"], traf["url"], traf["source"]) == (OIL, "https://www.alriyadh.com/123", "alriyadh.com")
    assert traf["published_at"] == datetime(2023, 3, 15, tzinfo=timezone.utc)
    assert (newsplease["text"], newsplease["source"], newsplease["author"]) == (FOOTBALL, "www.spa.gov.sa", "سعد, خالد")
    assert newsplease["published_at"] == datetime(2023, 3, 15, 21, 30, tzinfo=timezone.utc)
    assert (np4k["text"], np4k["author"], np4k["source"]) == (HOSPITAL, "هند", "sabq.org")
    assert np4k["published_at"] == datetime(2023, 3, 15, 7, 30, tzinfo=timezone.utc)
    assert np4k["published_at"].utcoffset() == timedelta(hours=3)  # the zone written is kept


def test_jsonl_line_that_is_not_json_is_the_only_one_quarantined(tmp_path):
    path = tmp_path / "three.jsonl"
    path.write_text(json.dumps({"text": OIL}) + "\n" + '{"text": "ارتفعت الأسعار' + "\n\n" + json.dumps({"text": FOOTBALL}) + "\n", encoding="utf-8")
    items = read(path)
    assert [i["kind"] for i in items] == ["document", "quarantine", "document"]
    assert [d["raw_record"] for d in docs_of(items)] == [0, 3]  # the blank line is not a record
    [bad] = [i for i in items if i["kind"] == "quarantine"]
    assert (bad["raw_record"], bad["reason"]) == (1, "not_json")
    assert "three.jsonl" in bad["detail"] and "line 2" in bad["detail"]


def test_json_array_single_object_wrapper_and_object_per_line(tmp_path):
    (tmp_path / "array.json").write_text(json.dumps([{"text": OIL}, 5, {"content": FOOTBALL}], ensure_ascii=False), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({"title": "النفط", "text": OIL}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"status": "ok", "articles": [{"body": HOSPITAL}]}), encoding="utf-8")
    (tmp_path / "lines.json").write_text(json.dumps({"text": OIL}) + "\n" + json.dumps({"text": FOOTBALL}) + "\n", encoding="utf-8")
    array = read(tmp_path / "array.json")
    assert [(i["kind"], i["raw_record"]) for i in array] == [("document", 0), ("quarantine", 1), ("document", 2)]
    assert quarantined(array) == [(1, "bad_record")]
    [one] = read(tmp_path / "one.json")
    assert (one["title"], one["text"]) == ("النفط", OIL)
    [wrapped] = read(tmp_path / "wrapped.json")
    assert wrapped["text"] == HOSPITAL
    assert [d["text"] for d in read(tmp_path / "lines.json")] == [OIL, FOOTBALL]


def test_jsonl_gz_and_broken_gzip(tmp_path):
    data = (json.dumps({"text": OIL}) + "\n" + json.dumps({"text": FOOTBALL}) + "\n").encode("utf-8")
    (tmp_path / "ok.jsonl.gz").write_bytes(gzip.compress(data))
    assert [d["text"] for d in read(tmp_path / "ok.jsonl.gz")] == [OIL, FOOTBALL]
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(data)[:-12])
    [bad] = read(tmp_path / "cut.jsonl.gz")
    assert (bad["kind"], bad["raw_record"], bad["reason"]) == ("quarantine", None, "bad_archive")
    (tmp_path / "fake.json.gz").write_bytes(b"not gzip at all")
    assert quarantined(read(tmp_path / "fake.json.gz")) == [(None, "bad_archive")]


def test_every_text_format_also_gzipped_and_in_cp1256(tmp_path):
    bodies = {
        "a.txt.gz": OIL,
        "b.csv.gz": f"title,content\nالنفط,{OIL}\n",
        "c.tsv.gz": f"title\ttext\nالنفط\t{OIL}\n",
        "d.ndjson.gz": json.dumps({"text": OIL}, ensure_ascii=False) + "\n",
        "e.json.gz": json.dumps([{"text": OIL}], ensure_ascii=False),
        "f.html.gz": f"<html><head><meta charset='windows-1256'></head><body><article><p>{OIL}</p></article></body></html>",
    }
    for name, body in bodies.items():
        (tmp_path / name).write_bytes(gzip.compress(body.encode("cp1256")))
        [doc] = read(tmp_path / name)
        assert (doc["text"], doc["encoding"]) == (OIL, "cp1256"), name


def test_gzip_bomb_is_too_large(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"0" * 3_000_000))
    assert quarantined(read(tmp_path / "bomb.txt.gz", max_file_bytes=1_000_000)) == [(None, "too_large")]


def test_csv_header_aliases_quoted_newlines_and_short_rows(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "headline,body,pubdate,link\n"
        f'"مستشفى جديد","{HOSPITAL}",15/03/2023,https://a.sa/1\n'
        f"المنتخب,{FOOTBALL}\n"
        f"النفط,{OIL},x,y,z\n",
        encoding="utf-8",
    )
    items = read(path)
    first, second = docs_of(items)
    assert (first["title"], first["text"], first["url"], first["raw_record"]) == ("مستشفى جديد", HOSPITAL, "https://a.sa/1", 0)
    assert first["published_at"] == datetime(2023, 3, 15, tzinfo=timezone.utc)
    assert (second["text"], second["published_at"], second["raw_record"]) == (FOOTBALL, None, 1)
    assert quarantined(items) == [(2, "bad_record")]  # five fields under a four-column header


def test_tsv_and_csv_without_text_column(tmp_path):
    (tmp_path / "a.tsv").write_text(f"title\tarticle\nالنفط\t{OIL}\n", encoding="utf-8")
    [doc] = read(tmp_path / "a.tsv")
    assert (doc["title"], doc["text"]) == ("النفط", OIL)
    (tmp_path / "b.csv").write_text(f"title,summary\nالنفط,{OIL}\n", encoding="utf-8")
    [bad] = read(tmp_path / "b.csv")
    assert (bad["reason"], bad["raw_record"]) == ("no_text", None)
    assert "summary" in bad["detail"]


def test_parquet_rows_with_timestamp_column(tmp_path):
    when = datetime(2023, 3, 15, 7, 30, tzinfo=timezone.utc)
    table = pa.table({"text": [OIL, "", FOOTBALL], "title": ["النفط", "فارغ", None], "published_at": pa.array([when, when, None], pa.timestamp("us", tz="UTC"))})
    pq.write_table(table, tmp_path / "t.parquet")
    items = read(tmp_path / "t.parquet")
    assert [(d["raw_record"], d["text"], d["published_at"]) for d in docs_of(items)] == [(0, OIL, when), (2, FOOTBALL, None)]
    assert quarantined(items) == [(1, "no_text")]
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 but not really")
    assert quarantined(read(tmp_path / "bad.parquet")) == [(None, "not_parquet")]


PAGE = f"""<!doctype html><html><head>
<title>وزارة الصحة | صحيفة المثال</title>
<meta property="og:title" content="افتتاح مستشفى جديد في جدة">
<meta property="og:site_name" content="صحيفة المثال">
<meta property="og:url" content="https://example.sa/news/42">
<meta property="article:published_time" content="2023-03-15T10:30:00+03:00">
<meta name="author" content="هند العتيبي">
</head><body>
<nav><a href="/">الرئيسية</a> <a href="/sport">رياضة</a> <a href="/eco">اقتصاد</a></nav>
<article><h1>افتتاح مستشفى جديد في جدة</h1>
<p>أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة ثلاثمئة سرير.</p>
<p>وقال المتحدث باسم الوزارة إن المستشفى سيخدم أكثر من مليون نسمة في المنطقة.</p>
<script>var tracking = "لا تظهر";</script>
</article>
<footer>جميع الحقوق محفوظة لصحيفة المثال</footer></body></html>"""


def test_html_article_text_without_boilerplate_and_meta(tmp_path):
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    [doc] = read(tmp_path / "page.html")
    assert "أعلنت وزارة الصحة اليوم" in doc["text"] and "مليون نسمة" in doc["text"]
    for boilerplate in ("الرئيسية", "جميع الحقوق", "tracking", "لا تظهر"):
        assert boilerplate not in doc["text"]
    assert doc["title"] == "افتتاح مستشفى جديد في جدة"
    assert (doc["url"], doc["source"], doc["author"]) == ("https://example.sa/news/42", "صحيفة المثال", "هند العتيبي")
    assert doc["published_at"] == datetime(2023, 3, 15, 7, 30, tzinfo=timezone.utc)


def test_html_title_from_title_tag_without_the_site_name(tmp_path):
    page = PAGE.replace('<meta property="og:title" content="افتتاح مستشفى جديد في جدة">', "")
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    assert read(tmp_path / "page.html")[0]["title"] == "وزارة الصحة"
    (tmp_path / "bare.html").write_text(page.replace('<meta property="og:site_name" content="صحيفة المثال">', ""), encoding="utf-8")
    assert read(tmp_path / "bare.html")[0]["title"] == "وزارة الصحة | صحيفة المثال"  # no site name known: kept whole


def test_html_metadata_from_json_ld(tmp_path):
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "موقع"},
        {"@type": "NewsArticle", "headline": "النفط يرتفع", "datePublished": "2023-03-15T06:00:00+03:00",
         "author": [{"@type": "Person", "name": "سعد"}, {"@type": "Person", "name": "هند"}], "publisher": {"@type": "Organization", "name": "الرياض"}},
    ]}
    page = f"""<html><head><title>النفط يرتفع - الرياض</title><script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script></head>
<body><article><p>{OIL}</p><p>{FOOTBALL}</p></article></body></html>"""
    (tmp_path / "ld.html").write_text(page, encoding="utf-8")
    [doc] = read(tmp_path / "ld.html")
    assert (doc["title"], doc["author"], doc["source"]) == ("النفط يرتفع", "سعد, هند", "الرياض")
    assert doc["published_at"] == datetime(2023, 3, 15, 3, 0, tzinfo=timezone.utc)
    assert "datePublished" not in doc["text"] and OIL in doc["text"]


def test_html_stdlib_fallback_extractor(tmp_path, monkeypatch):
    from khabar.ingest import html

    monkeypatch.setattr(html, "_trafilatura_text", lambda page: None)
    (tmp_path / "page.htm").write_text(PAGE, encoding="utf-8")
    [doc] = read(tmp_path / "page.htm")
    assert doc["text"] == (
        "افتتاح مستشفى جديد في جدة\n\n"
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة جدة بسعة ثلاثمئة سرير.\n\n"
        "وقال المتحدث باسم الوزارة إن المستشفى سيخدم أكثر من مليون نسمة في المنطقة."
    )


def test_zip_members_and_their_records(tmp_path):
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a/oil.txt", OIL)
        archive.writestr("b/two.jsonl", json.dumps({"text": FOOTBALL}) + "\n" + json.dumps({"text": HOSPITAL}) + "\n")
        archive.writestr("b/two.jsonl.gz", gzip.compress(json.dumps({"text": OIL + " ثم تراجعت"}).encode()))
        archive.writestr("__MACOSX/._oil.txt", b"\x00\x05\x16\x07")
        archive.writestr("inner.zip", b"PK\x05\x06" + b"\x00" * 18)
    items = read(path)
    assert [(d["raw_path"], d["raw_record"]) for d in docs_of(items)] == [
        ("bundle.zip!/a/oil.txt", 0), ("bundle.zip!/b/two.jsonl", 0), ("bundle.zip!/b/two.jsonl", 1), ("bundle.zip!/b/two.jsonl.gz", 0)]
    assert [(q["raw_path"], q["reason"]) for q in items if q["kind"] == "quarantine"] == [("bundle.zip!/inner.zip", "unsupported_format")]


def test_zip_member_climbing_out_is_refused_and_the_rest_read(tmp_path):
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../evil.txt", OIL)
        archive.writestr("/etc/cron.d/evil.txt", OIL)
        archive.writestr("good.txt", FOOTBALL)
    items = read(path)
    assert [i["reason"] for i in items if i["kind"] == "quarantine"] == ["outside_root", "outside_root"]
    assert [d["text"] for d in docs_of(items)] == [FOOTBALL]
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_bomb_member_is_too_large_and_broken_zip_is_bad_archive(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.txt", "ا" * 2_000_000)
        archive.writestr("small.txt", OIL)
    items = read(path, max_file_bytes=1_000_000)
    assert [(i["raw_path"], i.get("reason")) for i in items] == [("bomb.zip!/big.txt", "too_large"), ("bomb.zip!/small.txt", None)]
    (tmp_path / "broken.zip").write_bytes(path.read_bytes()[:100])
    assert quarantined(read(tmp_path / "broken.zip")) == [(None, "bad_archive")]


# --- encodings ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-16-be", None), ("cp1256", "cp1256")],
)
def test_encodings_are_detected_and_recorded(tmp_path, codec, expected):
    data = OIL.encode(codec) if codec != "utf-16-be" else codecs.BOM_UTF16_BE + OIL.encode("utf-16-be")
    (tmp_path / "a.txt").write_bytes(data)
    [doc] = read(tmp_path / "a.txt")
    assert doc["text"] == OIL
    assert doc["encoding"] == (expected or "utf-16")


def test_utf8_with_one_stray_byte_keeps_the_article_and_says_so(tmp_path):
    body = (HOSPITAL + "\n") * 8
    data = body.encode("utf-8")
    cut = data.index("مليون".encode()) + 2  # inside a two-byte letter
    (tmp_path / "glitch.txt").write_bytes(data[:cut] + b"\xff" + data[cut:])
    [doc] = read(tmp_path / "glitch.txt")
    assert doc["encoding"] == "utf-8-lossy"
    assert doc["text"].count("\ufffd") == 1 and doc["text"].replace("\ufffd", "") == body.strip()


def test_utf16_that_lost_its_bom_is_still_read(tmp_path):
    for codec in ("utf-16-le", "utf-16-be"):
        (tmp_path / f"{codec}.txt").write_bytes(OIL.encode(codec))
        [doc] = read(tmp_path / f"{codec}.txt")
        assert (doc["text"], doc["encoding"]) == (OIL, "utf-16")
    (tmp_path / "en.txt").write_bytes(ENGLISH.encode("utf-16-le"))  # not Arabic: no guess, NULs make it binary
    assert quarantined(read(tmp_path / "en.txt")) == [(None, "binary")]


def test_cp1256_csv_and_per_line_encodings_in_jsonl(tmp_path):
    (tmp_path / "old.csv").write_bytes(f"title,content\nالنفط,{OIL}\n".encode("cp1256"))
    [doc] = read(tmp_path / "old.csv")
    assert (doc["title"], doc["text"], doc["encoding"]) == ("النفط", OIL, "cp1256")
    line_utf8 = json.dumps({"text": FOOTBALL}, ensure_ascii=False).encode("utf-8")
    line_1256 = json.dumps({"text": OIL}, ensure_ascii=False).encode("cp1256")
    (tmp_path / "mixed.jsonl").write_bytes(line_utf8 + b"\n" + line_1256 + b"\n")
    assert [(d["text"], d["encoding"]) for d in read(tmp_path / "mixed.jsonl")] == [(FOOTBALL, "utf-8"), (OIL, "cp1256")]


def test_latin1_and_invalid_utf8_are_undecodable_never_mojibake(tmp_path):
    (tmp_path / "fr.txt").write_bytes("Le ministère a annoncé l'ouverture d'un hôpital à Djeddah.".encode("latin-1"))
    assert quarantined(read(tmp_path / "fr.txt")) == [(None, "undecodable")]
    (tmp_path / "bad.jsonl").write_bytes(json.dumps({"text": OIL}).encode() + b"\n" + b'{"text": "\xc3\x28\xa0\xa1 \x81\x8d\x9d"}\n')
    items = read(tmp_path / "bad.jsonl")
    assert [i["kind"] for i in items] == ["document", "quarantine"]
    assert quarantined(items) == [(1, "undecodable")]
    (tmp_path / "yes.txt").write_bytes("نعم".encode("cp1256"))  # a one-word answer still decodes
    assert read(tmp_path / "yes.txt")[0]["encoding"] == "cp1256"


# --- quarantine reasons ---------------------------------------------------------


def test_empty_and_blank_files_are_no_text(tmp_path):
    for name, data in (("empty.txt", b""), ("blank.jsonl", b"\n\n  \n"), ("empty.csv", b""), ("e.json", b"[]"), ("e.zip", None)):
        path = tmp_path / name
        if data is None:
            zipfile.ZipFile(path, "w").close()
        else:
            path.write_bytes(data)
        assert quarantined(read(path)) == [(None, "no_text")], name


def test_text_field_empty_or_missing_or_not_text(tmp_path):
    records = [{"content": ""}, {"title": "بلا نص"}, {"text": 42}, {"text": {"html": "<p>"}}, [1, 2], {"text": OIL}, {"content": " \n", "text": FOOTBALL}]
    items = read(write_jsonl(tmp_path / "r.jsonl", records))
    assert quarantined(items) == [(0, "no_text"), (1, "no_text"), (2, "bad_record"), (3, "bad_record"), (4, "bad_record")]
    assert [(d["raw_record"], d["text"]) for d in docs_of(items)] == [(5, OIL), (6, FOOTBALL)]  # a blank alias does not hide a filled one


def test_symlink_to_etc_passwd_is_outside_root(tmp_path):
    root = tmp_path / "raw"
    root.mkdir()
    (root / "ok.txt").write_text(OIL, encoding="utf-8")
    os.symlink("/etc/passwd", root / "passwd.txt")
    (root / "inside.txt").symlink_to(root / "ok.txt")
    listed = list_raw_files(root)
    assert [p.name for p in listed] == ["inside.txt", "ok.txt", "passwd.txt"]
    [bad] = read(root / "passwd.txt", root)
    assert (bad["reason"], bad["raw_path"], bad["raw_record"]) == ("outside_root", "passwd.txt", None)
    assert "root:" not in bad["detail"]
    [doc] = read(root / "inside.txt", root)
    assert doc["text"] == OIL  # a link that stays inside the root is fine


def test_list_raw_files_recursive_sorted_skips_hidden(tmp_path):
    for rel in ("b/2.jsonl", "a/z.txt", "a/b/1.csv", ".git/config", "a/.DS_Store", "c.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in list_raw_files(tmp_path)] == ["a/b/1.csv", "a/z.txt", "b/2.jsonl", "c.html"]
    assert list_raw_files(tmp_path / "c.html") == [tmp_path / "c.html"]
    with pytest.raises(FileNotFoundError):
        list_raw_files(tmp_path / "missing")


def test_file_name_that_is_not_utf8_gives_a_storable_raw_path(tmp_path):
    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    path.write_text(OIL, encoding="utf-8")
    [doc] = read(path)
    assert doc["raw_path"] == "caf\ufffd.txt"
    schemas.table_from_rows("quarantine", [{**doc, "reason": "x", "detail": doc["raw_path"]}])  # UTF-8 clean


def test_single_file_root_gives_its_name_as_raw_path(tmp_path):
    path = write_jsonl(tmp_path / "day.jsonl", [{"text": OIL}])
    [doc] = list(read_raw_file(path, path, {}))
    assert doc["raw_path"] == "day.jsonl"


def test_too_large_unsupported_binary_not_arabic(tmp_path):
    (tmp_path / "big.txt").write_text(OIL * 20, encoding="utf-8")
    assert quarantined(read(tmp_path / "big.txt", max_file_bytes=1000)) == [(None, "too_large")]
    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04")
    assert quarantined(read(tmp_path / "a.docx")) == [(None, "unsupported_format")]
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert quarantined(read(tmp_path / "img.txt")) == [(None, "binary")]
    (tmp_path / "nul.jsonl").write_bytes(b"\x00\x01\x02\x00" * 100)
    assert quarantined(read(tmp_path / "nul.jsonl")) == [(None, "binary")]
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    [bad] = read(tmp_path / "en.txt")
    assert bad["reason"] == "not_arabic" and "0%" in bad["detail"]
    mixed = OIL + " " + ENGLISH  # Arabic still well over the 20% floor
    (tmp_path / "mixed.txt").write_text(mixed, encoding="utf-8")
    assert docs_of(read(tmp_path / "mixed.txt"))[0]["text"] == mixed


def test_too_many_records_one_row_for_the_rest(tmp_path):
    path = write_jsonl(tmp_path / "five.jsonl", [{"text": f"{OIL} رقم {n}"} for n in range(5)])
    items = read(path, max_records_per_file=3)
    assert [(i["kind"], i["raw_record"]) for i in items] == [("document", 0), ("document", 1), ("document", 2), ("quarantine", 3)]
    assert items[-1]["reason"] == "too_many_records"


def test_unreadable_dangling_link_and_folder_link(tmp_path):
    os.symlink(tmp_path / "gone.txt", tmp_path / "dangling.txt")
    assert quarantined(read(tmp_path / "dangling.txt")) == [(None, "unreadable")]
    (tmp_path / "sub").mkdir()
    os.symlink(tmp_path / "sub", tmp_path / "folder-link")
    assert tmp_path / "folder-link" in list_raw_files(tmp_path)  # listed, not silently ignored
    assert quarantined(read(tmp_path / "folder-link")) == [(None, "unreadable")]


def test_every_reason_used_is_documented():
    assert {"undecodable", "not_json", "not_csv", "not_parquet", "no_text", "too_large", "binary", "not_arabic", "unsupported_format",
            "unreadable", "bad_archive", "outside_root", "too_many_records", "bad_record", "parse_error"} == set(REASONS)
    assert all(meaning.strip() for meaning in REASONS.values())


def test_not_csv_from_the_broken_row_on(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text(f'text,title\n"{OIL}",النفط\n"{FOOTBALL}"x,المنتخب\n"{HOSPITAL}",مستشفى\n', encoding="utf-8")
    items = read(path)
    assert [d["text"] for d in docs_of(items)] == [OIL]
    assert quarantined(items) == [(1, "not_csv")]  # a stray quote: not merged into later rows


# --- limits and hygiene ---------------------------------------------------------


def test_20mb_one_line_article_is_truncated_at_a_sentence_boundary_fast(tmp_path):
    sentence = "قال الوزير إن الحكومة ستواصل دعم المشاريع الصغيرة في جميع المناطق. "
    path = tmp_path / "huge.txt"
    path.write_text(sentence * (20_000_000 // len(sentence.encode("utf-8")) + 1), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    start = time.perf_counter()
    [doc] = read(path)
    elapsed = time.perf_counter() - start
    assert doc["truncated"] is True
    assert len(doc["text"]) <= DEFAULTS["ingest"]["max_chars"]
    assert len(doc["text"]) > DEFAULTS["ingest"]["max_chars"] - len(sentence)
    assert doc["text"].endswith("المناطق.")
    assert elapsed < 5, elapsed


def test_truncation_without_any_boundary_cuts_at_a_space(tmp_path):
    (tmp_path / "a.txt").write_text("كلمة " * 100, encoding="utf-8")
    [doc] = read(tmp_path / "a.txt", max_chars=52)
    assert doc["truncated"] and doc["text"] == ("كلمة " * 10).strip()


def test_100k_unbalanced_guillemets(tmp_path):
    text = "قال الوزير «" * 100_000 + OIL
    (tmp_path / "q.json").write_text(json.dumps({"text": text}, ensure_ascii=False), encoding="utf-8")
    start = time.perf_counter()
    [doc] = read(tmp_path / "q.json", max_chars=2_000_000)
    assert doc["text"] == text and doc["truncated"] is False
    assert time.perf_counter() - start < 5


def test_nul_and_lone_surrogates_never_reach_documents(tmp_path):
    path = tmp_path / "dirty.jsonl"
    path.write_text('{"text": "' + OIL + '\\u0000 \\ud800 \\udfff", "title": "\\u0000\\ud83dعنوان"}\n', encoding="utf-8")
    [doc] = read(path)
    assert doc["text"] == OIL + " \ufffd \ufffd"
    assert doc["title"] == "\ufffdعنوان"
    doc["text"].encode("utf-8")  # would raise on a lone surrogate
    # bidi controls and zero-width characters are left for the normalise stage
    (tmp_path / "bidi.txt").write_text("\u202b" + OIL + "\u200c\u202c", encoding="utf-8")
    assert read(tmp_path / "bidi.txt")[0]["text"] == "\u202b" + OIL + "\u200c\u202c"


def test_unparseable_date_keeps_the_document_and_is_flagged(tmp_path):
    items = read(write_jsonl(tmp_path / "d.jsonl", [{"text": OIL, "date": "منذ ساعتين"}, {"text": FOOTBALL, "date": "١٥ مارس ٢٠٢٣"}]))
    assert [(d["published_at"], d["date_unparsed"]) for d in items] == [(None, True), (datetime(2023, 3, 15, tzinfo=timezone.utc), False)]


def test_documents_and_quarantine_fit_the_arrow_schemas(tmp_path):
    items = read(write_jsonl(tmp_path / "x.jsonl", [{"text": OIL, "date": "2023-03-15T10:30:00+03:00"}, {"text": ""}]))
    docs = [{**d, "cluster_id": d["doc_id"], "ingested_at": datetime.now(timezone.utc)} for d in docs_of(items)]
    table = schemas.table_from_rows("documents", docs)
    assert table.column("published_at").to_pylist() == [datetime(2023, 3, 15, 7, 30, tzinfo=timezone.utc)]
    assert schemas.table_from_rows("quarantine", [i for i in items if i["kind"] == "quarantine"]).num_rows == 1


def test_zip_member_with_an_empty_name_found_by_fuzzing(tmp_path):
    # atheris found this: zipfile's is_dir() raises IndexError on an empty member name.
    crash = (
        "UEsDq9mE2KfYq9i32YTYqCDZgtmI2YrCuy5QS9iz2LnYp9ixINin2YTZhtnY//+3/4H/qNjYryJdfQpQSwECFAMUAAAAAAA0YX1dovPwmJAAAACQAAAABQAAAAAAAAAAAAAAgAEA"
        "AwAAYS50eHRQSwECFAMUAAAAAAA3YX1deusS/+oAAADqAAAABwAAAAAAAABdeusS/+oAAADqAAAABwAAAFBLBQYAAAAAAgACAGgAAADCAQAAAAA="
    )
    import base64

    (tmp_path / "crash.zip").write_bytes(base64.b64decode(crash))
    items = read(tmp_path / "crash.zip")
    assert [(i["raw_path"], i["reason"]) for i in items] == [("crash.zip!/a.txt", "bad_archive"), ("crash.zip!/", "bad_archive")]


def test_html_entities_in_titles_and_authors_are_unescaped(tmp_path):
    from khabar.config import DEFAULTS
    from khabar.ingest import read_raw_file

    path = tmp_path / "a.jsonl"
    record = {"title": "وزير المالية: &quot;الميزانية متوازنة&quot; &amp; النمو مستمر", "author": "سارة &amp; علي",
              "content": "قال وزير المالية إن الميزانية متوازنة &amp; إن النمو مستمر."}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = list(read_raw_file(path, tmp_path, DEFAULTS["ingest"]))
    assert doc["title"] == 'وزير المالية: "الميزانية متوازنة" & النمو مستمر'
    assert doc["author"] == "سارة & علي"
    assert doc["text"].endswith("متوازنة &amp; إن النمو مستمر.")  # the text stays as written: offsets point into it
