"""Publication times: the forms scrapers write, zones kept, naive as UTC, junk as None."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from khabar.ingest import parse_timestamp

UTC = timezone.utc
RIYADH = timezone(timedelta(hours=3))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # SaudiNewsNet date_extracted: naive, taken as UTC
        ("2015-07-21 02:51:32", datetime(2015, 7, 21, 2, 51, 32, tzinfo=UTC)),
        ("2023-03-15T10:30:00+03:00", datetime(2023, 3, 15, 10, 30, tzinfo=RIYADH)),
        ("2023-03-15T07:30:00Z", datetime(2023, 3, 15, 7, 30, tzinfo=UTC)),
        ("2023-03-15", datetime(2023, 3, 15, tzinfo=UTC)),
        ("20230315", datetime(2023, 3, 15, tzinfo=UTC)),
        ("Tue, 21 Jul 2015 02:51:32 +0300", datetime(2015, 7, 21, 2, 51, 32, tzinfo=RIYADH)),
        ("Tue, 21 Jul 2015 02:51:32 GMT", datetime(2015, 7, 21, 2, 51, 32, tzinfo=UTC)),
        (1437446492, datetime(2015, 7, 21, 2, 41, 32, tzinfo=UTC)),
        ("1437446492", datetime(2015, 7, 21, 2, 41, 32, tzinfo=UTC)),
        (1437446492000, datetime(2015, 7, 21, 2, 41, 32, tzinfo=UTC)),
        ("1437446492000", datetime(2015, 7, 21, 2, 41, 32, tzinfo=UTC)),
        (1437446492.5, datetime(2015, 7, 21, 2, 41, 32, 500000, tzinfo=UTC)),
        ("15 مارس 2023", datetime(2023, 3, 15, tzinfo=UTC)),
        ("١٥ مارس ٢٠٢٣", datetime(2023, 3, 15, tzinfo=UTC)),
        ("الأربعاء 15 آذار 2023 - 10:30 م", datetime(2023, 3, 15, 22, 30, tzinfo=UTC)),
        ("15 مارس 2023 10:30 صباحاً", datetime(2023, 3, 15, 10, 30, tzinfo=UTC)),
        ("الثلاثاء، 21 يوليو 2015 | 10:30 ص GMT+3", datetime(2015, 7, 21, 10, 30, tzinfo=RIYADH)),
        ("15 تشرين الأول 2023", datetime(2023, 10, 15, tzinfo=UTC)),
        ("2 ابريل 2023", datetime(2023, 4, 2, tzinfo=UTC)),
        ("2023/03/15 10:30", datetime(2023, 3, 15, 10, 30, tzinfo=UTC)),
        ("٢٠٢٣/٠٣/١٥ ١٠:٣٠", datetime(2023, 3, 15, 10, 30, tzinfo=UTC)),
        ("15/03/2023", datetime(2023, 3, 15, tzinfo=UTC)),
        ("03/04/2023", datetime(2023, 4, 3, tzinfo=UTC)),  # day first, as Arab sites write it
        ("نشر في 15-03-2023 الساعة 22:05", datetime(2023, 3, 15, 22, 5, tzinfo=UTC)),
        ("July 21, 2015", datetime(2015, 7, 21, tzinfo=UTC)),
        ("5 شوال 1436 هـ", datetime(2015, 7, 21, tzinfo=UTC)),  # Hijri, converted
        ("١٤٣٦/١٠/٠٥هـ", datetime(2015, 7, 21, tzinfo=UTC)),
        ("05-10-1436 هـ الموافق 21-07-2015 م", datetime(2015, 7, 21, tzinfo=UTC)),
        (datetime(2023, 3, 15, 10, 30), datetime(2023, 3, 15, 10, 30, tzinfo=UTC)),
        (date(2023, 3, 15), datetime(2023, 3, 15, tzinfo=UTC)),
    ],
)
def test_forms_parsed(value, expected):
    parsed = parse_timestamp(value)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()  # the zone written is kept


@pytest.mark.parametrize(
    "value",
    [None, "", "   ", "منذ ساعتين", "أمس", "hello", "99/99/2023", "2023-02-30", "31 فبراير 2023", "1850-01-01", "3000-01-01",
     "25:61", True, float("nan"), 10**30, "9" * 500, ["2023-03-15"], {"date": "2023"}, "2023-03-15T10:30:00+25:00"],
)
def test_unreadable_values_give_none_never_raise(value):
    assert parse_timestamp(value) is None
