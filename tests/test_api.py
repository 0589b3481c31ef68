"""khabar.analyse and khabar.analyse_table: one article or a table of them, in memory."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pyarrow as pa
import pytest

import khabar
from khabar.errors import ConfigError, UserError

from .linear_time import assert_linear, cpu_seconds

MINISTER = (
    'قال وزير الخارجية السعودي فيصل بن فرحان في الرياض يوم الثلاثاء الماضي: '
    '"إن المملكة ستدعم الحل السياسي في اليمن". وأعلنت الحكومة تخصيص 2.5 مليار ريال لإعادة الإعمار.'
)
SPOKESMAN = 'وأكد أحمد الشامي خلال مؤتمر صحفي في القاهرة أمس أن الوضع تحت السيطرة.'
DELEGATION = "وصل الوفد إلى عمّان أمس بعد أن دفعت الشركة 300 ألف دولار."
THURSDAY = "2024-05-16T09:00:00+03:00"  # 06:00 UTC, a Thursday


@pytest.fixture(scope="module")
def minister() -> khabar.Analysis:
    return khabar.analyse(MINISTER, published_at=THURSDAY)


def test_entities_have_exact_spans_labels_and_roles(minister):
    found = [(e["label"], e["text"], e["start"], e["end"], e["role"]) for e in minister.entities]
    assert found == [
        ("PER", "فيصل بن فرحان", 26, 39, "وزير الخارجية السعودي"),
        ("LOC", "الرياض", 43, 49, None),
        ("LOC", "اليمن", 105, 110, None),
    ]
    assert [e["mention_idx"] for e in minister.entities] == [0, 1, 2]
    assert all(e["sent_idx"] == 0 and e["canonical"] == e["text"] for e in minister.entities)


def test_a_quote_is_linked_to_its_speaker(minister):
    (quote,) = minister.quotes
    person = minister.entities[0]
    assert (quote["text"], quote["start"], quote["end"]) == ("إن المملكة ستدعم الحل السياسي في اليمن", 72, 110)
    assert (quote["speaker"], quote["speaker_start"], quote["speaker_end"]) == ("وزير الخارجية السعودي فيصل بن فرحان", 4, 39)
    assert quote["speaker_entity_id"] == person["entity_id"]
    assert quote["verb"] == "قال"


def test_a_relative_date_is_resolved_against_published_at(minister):
    assert minister.dates == [
        {"date_idx": 0, "start": 50, "end": 69, "text": "يوم الثلاثاء الماضي", "value": "2024-05-14", "kind": "relative", "calendar": "gregorian"},
    ]


def test_an_amount_has_its_value_and_currency(minister):
    assert minister.amounts == [
        {"amount_idx": 0, "start": 134, "end": 148, "text": "2.5 مليار ريال", "value": 2.5e9, "unit": "SAR", "kind": "money", "approximate": False},
    ]


def test_rows_carry_no_doc_id_or_run_id(minister):
    rows = minister.entities + minister.quotes + minister.dates + minister.amounts
    assert rows and not any({"doc_id", "run_id"} & row.keys() for row in rows)


@pytest.mark.parametrize("text", [MINISTER, SPOKESMAN, DELEGATION])
def test_every_offset_slices_the_surface_out_of_the_text(text):
    analysis = khabar.analyse(text, published_at=THURSDAY)
    assert analysis.text == text
    rows = analysis.entities + analysis.quotes + analysis.dates + analysis.amounts
    assert rows
    assert all(text[row["start"] : row["end"]] == row["text"] for row in rows)
    speakers = [q for q in analysis.quotes if q["speaker"] is not None]
    assert all(text[q["speaker_start"] : q["speaker_end"]] == q["speaker"] for q in speakers)


@pytest.mark.parametrize(
    ("published_at", "yesterday"),
    [
        ("2024-05-16", "2024-05-15"),
        (dt.date(2024, 5, 16), "2024-05-15"),
        (dt.datetime(2024, 5, 16, 23, 30), "2024-05-15"),  # naive: taken as UTC
        ("2024-05-16T23:30:00-02:00", "2024-05-16"),  # 01:30 UTC on the 17th
        (dt.datetime(2024, 5, 17, 1, 30, tzinfo=dt.timezone(dt.timedelta(hours=3))), "2024-05-15"),  # 22:30 UTC on the 16th
        (None, None),  # kept, unresolved
    ],
)
def test_published_at_is_read_as_utc(published_at, yesterday):
    (date,) = khabar.analyse("وصل الوفد أمس.", published_at=published_at).dates
    assert (date["text"], date["kind"], date["value"]) == ("أمس", "relative", yesterday)


def test_config_takes_overrides_or_a_toml_file(tmp_path):
    assert khabar.analyse(MINISTER, config={"extract": {"quotes": False}}).quotes == []
    toml = tmp_path / "khabar.toml"
    toml.write_text("[extract]\namounts = false\n", encoding="utf-8")
    from_file = khabar.analyse(MINISTER, config=str(toml))
    assert from_file.amounts == [] and len(from_file.quotes) == 1
    with pytest.raises(ConfigError, match="unknown configuration key 'extract.colour'"):
        khabar.analyse(MINISTER, config={"extract": {"colour": "red"}})
    with pytest.raises(ConfigError, match="config file not found"):
        khabar.analyse(MINISTER, config=tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"text": ""}, "text is empty"),
        ({"text": " \n\t"}, "text is empty"),
        ({"text": None}, "text must be a str, got NoneType"),
        ({"text": MINISTER.encode()}, "text must be a str, got bytes"),
        ({"text": MINISTER, "published_at": "yesterday"}, "published_at 'yesterday' is not an ISO 8601 date"),
        ({"text": MINISTER, "published_at": 1715839200}, "published_at must be a datetime, a date, an ISO 8601 string or None, got int"),
        ({"text": MINISTER, "config": 3}, "config must be None, the path of a TOML file or a dict of overrides, got int"),
    ],
)
def test_bad_input_is_a_user_error_saying_what_is_wrong(kwargs, message):
    with pytest.raises(UserError, match=message):
        khabar.analyse(**kwargs)


def _documents(**extra) -> pa.Table:
    return pa.table({"doc_id": ["m", "s", "d"], "text": [MINISTER, SPOKESMAN, DELEGATION], **extra})


def test_the_batch_form_returns_the_rows_analyse_returns_for_each_document():
    published = ["2024-05-16T09:00:00+03:00", "2024-05-16T06:00:00Z", None]
    tables = khabar.analyse_table(_documents(published_at=published, source=["a", "b", "a"]))
    assert list(tables) == ["entities", "quotes", "dates", "amounts"]
    for doc_id, text, published_at in zip("msd", [MINISTER, SPOKESMAN, DELEGATION], published):
        single = khabar.analyse(text, published_at=published_at)
        for name, table in tables.items():
            rows = [{k: v for k, v in row.items() if k != "doc_id"} for row in table.to_pylist() if row["doc_id"] == doc_id]
            assert rows == getattr(single, name), (doc_id, name)
    assert set(tables["entities"].column("doc_id").to_pylist()) == {"m", "s", "d"}


def test_the_batch_form_reads_naive_timestamps_as_utc_and_goes_without_published_at():
    naive = pa.array([dt.datetime(2024, 5, 16, 23, 30)] * 3, pa.timestamp("us"))
    assert khabar.analyse_table(_documents(published_at=naive))["dates"].column("value").to_pylist() == ["2024-05-14", "2024-05-15", "2024-05-15"]
    assert khabar.analyse_table(_documents())["dates"].column("value").to_pylist() == [None, None, None]


@pytest.mark.parametrize(
    ("documents", "message"),
    [
        ({"doc_id": ["a"], "text": [MINISTER]}, "documents must be a pyarrow.Table, got dict"),
        (pa.table({"id": ["a"], "body": [MINISTER]}), "documents has no column doc_id, text"),
        (pa.table({"doc_id": ["a", "a"], "text": [MINISTER, SPOKESMAN]}), "doc_id must be unique: 'a' appear"),
        (pa.table({"doc_id": ["a", None], "text": [MINISTER, SPOKESMAN]}), "every doc_id must be a non-empty str, got None"),
        (pa.table({"doc_id": ["a", "b"], "text": [MINISTER, None]}), "the text of document 'b' must be a str"),
        (pa.table({"doc_id": ["a", "b"], "text": [MINISTER, ""]}), "the text of document 'b' is empty"),
        (pa.table({"doc_id": ["a"], "text": [MINISTER], "published_at": ["soon"]}), "published_at 'soon' is not an ISO 8601"),
    ],
)
def test_a_bad_documents_table_is_a_user_error(documents, message):
    with pytest.raises(UserError, match=message):
        khabar.analyse_table(documents)


def test_import_khabar_stays_light():
    code = "import sys, khabar; print(sorted(m for m in ('khabar.api', 'khabar.stages', 'pyarrow') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"
    assert {"analyse", "analyse_table", "Analysis"} <= set(dir(khabar))
    with pytest.raises(AttributeError, match="no attribute 'analyze'"):
        khabar.analyze  # noqa: B018 - the attribute access is the test


def test_the_outlet_in_its_link_footer_is_no_mention_but_the_linked_title_is():
    story = "قال الأمير محمد بن سلمان إن الاتفاق مع الاتحاد الأوروبي مهم."
    footer = " رابط الخبر بصحيفة الوئام: ولي ولي العهد يلتقي وفد الاتحاد الأوروبي"
    found = [(e["text"], e["label"], e["start"]) for e in khabar.analyse(story + footer).entities]
    assert found == [("محمد بن سلمان", "PER", 11), ("الاتحاد الأوروبي", "ORG", 39), ("الاتحاد الأوروبي", "ORG", 111)]
    # a footer followed by a long text is no footer: the outlet there is a mention
    middle = story + footer + " " + "وأضاف أن الاتحاد الأوروبي شريك. " * 20
    assert [e["text"] for e in khabar.analyse(middle).entities].count("الوئام") == 1


def test_the_link_footer_pattern_is_linear_time():
    from khabar.extract.entities import _LINK_FOOTER

    def run(size: int) -> float:
        text = ("رابط الخبر بصحيفة " + "س" * 29 + " ") * (size // 48)
        return cpu_seconds(lambda: list(_LINK_FOOTER.finditer(text)))

    assert_linear(run, 200_000)
