"""A speaker written as a title alone is the one the article named with that title."""

from khabar.api import analyse


def _speakers(text):
    return [(q["speaker"], q["speaker_entity_id"], text[q["speaker_start"] : q["speaker_end"]]) for q in analyse(text, "2015-07-21").quotes]


def _id_of(text, name):
    return next(e["entity_id"] for e in analyse(text, "2015-07-21").entities if e["text"] == name)


def test_a_minister_named_before_his_title_speaks_alone():
    text = "افتتح وزير الآثار ممدوح الدماطي المتحف أمس. وأكد وزير الآثار أن «العمل سيكتمل قبل نهاية العام»."
    [(speaker, eid, span)] = _speakers(text)
    assert speaker == span == "ممدوح الدماطي"
    assert eid == _id_of(text, "ممدوح الدماطي")


def test_a_title_after_the_name_in_apposition():
    text = "وقال الدكتور ممدوح الدماطي، وزير الآثار المصري، إن البعثة وصلت. وأكد وزير الآثار أن «العمل سيكتمل قبل نهاية العام»."
    assert [s for s, _, _ in _speakers(text)][-1] == "ممدوح الدماطي"


def test_a_body_named_with_its_head_noun_speaks_as_the_noun():
    text = "أعلنت وزارة الداخلية السعودية القبض على خلية إرهابية. وقالت الوزارة في بيان إن «الخلية كانت تخطط لهجمات»."
    [(speaker, eid, span)] = _speakers(text)
    assert speaker == span == "وزارة الداخلية السعودية"
    assert eid == _id_of(text, "وزارة الداخلية السعودية")


def test_another_person_further_from_the_title_is_not_its_holder():
    # the minister's title is eight words before بندر, not right before him: كيري holds it
    text = ("رد وزير الخارجية الأمريكي، جون كيري، على الانتقادات التي وجهها الأمير بندر بن سلطان للاتفاق. "
            "وقال الوزير الأمريكي إن «الاتفاق يمنع إيران من امتلاك السلاح النووي»."  )
    assert _speakers(text)[-1][0] == "جون كيري"


def test_an_indefinite_title_is_someone_new():
    text = "التقت المدربة سارة العتيبي بالطلاب أمس. وقالت مدربة في التنمية البشرية إن «الثقة بالنفس تكتسب»."
    assert _speakers(text)[-1][0] == "مدربة"


def test_the_one_spoken_to_holds_no_title():
    from khabar.extract.fold import fold
    from khabar.extract.title_holders import holder_before

    t = fold("بعث وزير الخارجية برسالة لزيد رعد الحسين. وقال وزير الخارجية").text
    zeid = t.index("زيد")
    assert holder_before(t, t.rindex("وزير"), len(t), [(zeid, zeid + 14, "PER", "z")], lambda pos: False) is None
    t = fold("بعث وزير الخارجية زيد رعد الحسين برسالة. وقال وزير الخارجية").text
    zeid = t.index("زيد")
    assert holder_before(t, t.rindex("وزير"), len(t), [(zeid, zeid + 14, "PER", "z")], lambda pos: False) == (zeid, zeid + 14)
