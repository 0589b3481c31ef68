"""The windowed scans of lexicon give what pattern.finditer gives."""

from khabar.extract.lexicon import finditer_before, finditer_opening
from khabar.extract.quotes.reading import _BAYYANA_COLON, _BAYYANA_REACH, _SOURCE_IN_TEXT, _SOURCE_OPENERS
from khabar.extract.quotes.unmarked import _NAME_COLON, _NAME_COLON_REACH

TEXTS = [
    "", ":", "::", "الزياني : ناقشنا الامر", "قال.\nالزياني: ناقشنا\nمحمد بن علي الحربي :  نعم :: لا",
    "وبين: ان الامر فبين : كذا وبين:: ثم", "اسم طويل جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا جدا: كلام",
    "على حد قول الوزير، وبحسب ما قال المصدر وفقا للرئيس وطبقا للبيان علي حد تعبيره",
    "عليعلي حد قول بحسب  ما  ذكر", ". الزياني: ناقشنا. الحربي: نعم",
]


def spans(ms):
    return [(m.span(), m.groupdict()) for m in ms]


def test_windowed_scans_match_finditer():
    for t in TEXTS:
        assert spans(finditer_before(_NAME_COLON, t, ":", _NAME_COLON_REACH, 5)) == spans(_NAME_COLON.finditer(t))
        assert spans(finditer_before(_BAYYANA_COLON, t, ":", _BAYYANA_REACH, 1)) == spans(_BAYYANA_COLON.finditer(t))
        assert spans(finditer_opening(_SOURCE_IN_TEXT, t, _SOURCE_OPENERS)) == spans(_SOURCE_IN_TEXT.finditer(t))



def test_dialogue_turns_counted_as_findall():
    from khabar.extract.quotes.dialogue import _I_SAID, _turns_at_least

    for t in ["", "قلت", "قلت له وقلت", "فسالته ثم اجبت", "سالتها قلتم", "وقلت فقلت فسالت"]:
        for n in (1, 2, 3):
            assert _turns_at_least(t, n) == (len(_I_SAID.findall(t)) >= n)
