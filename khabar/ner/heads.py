"""Head words that open a multi-word name, in one place for every rule that needs them.

Written for khabar from Arabic news usage and the real-news annotation
guidelines (docs/annotation/ner-realnews.md), not taken from any gazetteer.
Entries are in :func:`khabar.ner.features.norm` spelling (ة -> ه, ى -> ي,
hamzas -> ا), in the indefinite form that opens a construct (``هيئة``
of ``هيئة الطيران المدني``); the definite form (``الهيئة العامة ...``) is
the entry with ``ال``.
"""

from __future__ import annotations

from khabar.ner.features import norm


def _words(text: str) -> frozenset[str]:
    return frozenset(norm(w) for w in text.split())


# Institutions: head + name or descriptor chain is one ORG (وزارة العدل،
# جامعة نايف العربية للعلوم الأمنية، الهيئة العامة للسياحة والتراث الوطني).
INSTITUTION_HEADS = _words(
    """هيئة شركة مجلس وزارة جامعة مستشفى بلدية أمانة لجنة اتحاد منظمة مؤسسة صندوق بنك مصرف جمعية مركز
    معهد كلية أكاديمية رابطة حزب ديوان محكمة مرصد بورصة جماعة مجموعة شرطة غرفة نقابة مكتب ائتلاف"""
)
# Not جبهة: الجبهة الداخلية، جبهة الزبداني are fronts far more often than groups (جبهة النصرة is a
# listed name). Not مديرية: in Yemeni news it is a district (مديرية الضحى), a place whose head stays out.
# Heads that only open a name in the definite form with an adjective:
# غرفة النوم is a bedroom, الغرفة التجارية a chamber of commerce.
DEFINITE_ONLY_HEADS = _words("غرفة")
# Heads that never open a name in the definite form: الشرطة الإسرائيلية is
# the police, not a named body (guidelines, not entities); شرطة لوس أنجلوس is.
CONSTRUCT_ONLY_HEADS = _words("شرطة مجموعة")
# Descriptors kept out of the span when an entity the tagger found follows
# (guidelines, head nouns): «شركة [أرامكو]» -> أرامكو, «وكالة [رويترز]» -> رويترز;
# with a common noun after them they are inside (شركة الاتصالات السعودية).
DESCRIPTOR_HEADS = _words("نادي صحيفة جريدة مجلة قناة وكالة شركة جماعة")
# Media and clubs: one word after them is the name itself even when the
# tagger missed it («بصحيفة الوئام» -> الوئام, «نادي الشباب» -> الشباب),
# unless more follows (وكالة الأنباء السعودية).
MEDIA_HEADS = _words("نادي صحيفة جريدة مجلة قناة وكالة")
ORG_HEADS = INSTITUTION_HEADS | DESCRIPTOR_HEADS
# Places and bodies named after a person (جسر الملك فهد، جامعة الملك عبدالعزيز):
# the whole name is the place (LOC: built places, ANERcorp has no FAC) or the
# body (ORG), never the person; see khabar/extract/person_spans.py.
FACILITY_PLACE_HEADS = _words(
    "جسر مطار مسجد جامع مدينة ملعب استاد إستاد شارع طريق حي ميدان ميناء قاعدة قصر برج دوار ساحة منتزه حديقة محطة"
)
FACILITY_BODY_HEADS = _words("جامعة مستشفى مركز مجمع كلية معهد مدرسة مؤسسة مكتبة مستشفيات برنامج صندوق")
FACILITY_HEADS = {**{w: "LOC" for w in FACILITY_PLACE_HEADS}, **{w: "ORG" for w in FACILITY_BODY_HEADS}}
# Events, competitions, exhibitions: head + name is one MISC (الدوري الإيطالي،
# دوري أبطال أوروبا، معرض الرياض الدولي للكتاب، مهرجان جدة التاريخي).
EVENT_HEADS = _words("دوري بطولة كأس معرض مهرجان ملتقى منتدى جائزة عملية")
# Event heads that also open a name in the definite form with an adjective
# (الدوري الإسباني، البطولة العربية); المعرض الدولي alone is no name.
DEFINITE_EVENT_HEADS = _words("دوري بطولة")
# Event heads whose name must already be an entity (عملية [عاصفة الحزم]):
# عملية جراحية، عملية السلام are not names.
SPAN_ONLY_EVENT_HEADS = _words("عملية")
# Compass words that make one place with the place after them (جنوب أفريقيا، شمال غرب سوريا).
DIRECTIONS = _words("جنوب شمال شرق غرب وسط جنوبي شمالي شرقي غربي")
# Heads of a state's official name, inside its span (جمهورية مصر العربية، سلطنة عمان);
# administrative heads (مدينة، محافظة، دولة) stay out (guidelines, head nouns).
STATE_HEADS = _words("جمهورية مملكة سلطنة")

# Words before a name written in quotes, and what that name is (guidelines: outlets, companies,
# sites and apps are ORG, titles of works and named events MISC): «صحيفة "سبق"» -> ORG سبق,
# «شركة «أوتيس»» -> ORG أوتيس, «مسلسل "كلام الناس"» -> MISC كلام الناس, «بعنوان "فلامنكو"» -> MISC.
# Without quotes most of them are followed by a common noun (موقع الحادث، برنامج العمل).
QUOTED_ORG_HEADS = _words(
    """صحيفة جريدة مجلة وكالة قناة إذاعة شبكة موقع تطبيق منصة شركة مجموعة مؤسسة منظمة جمعية مركز هيئة مصرف بنك
    حزب حركة تنظيم جماعة نادي فريق مجلس اتحاد لجنة صندوق معهد أكاديمية رابطة مكتب متجر مطعم علامة"""
)
QUOTED_MISC_HEADS = _words(
    """برنامج مسلسل فيلم كتاب رواية ديوان مسرحية أغنية قصيدة ألبوم لعبة بعنوان مهرجان معرض ملتقى منتدى
    جائزة عملية حملة مبادرة مسابقة بطولة كأس دوري"""
)
# A person's role, definite (المدرب، الشاعر، العقيد): a name in quotes after it, after its adjectives
# or after the body the role is of (المدير الفني لنادي برشلونة «لويس إنريكي») is the person holding
# it. Indefinite roles govern a body instead (مدرب «الهلال»), so they are not here.
QUOTED_PERSON_HEADS = _words(
    """المدرب المدير الرئيس اللاعب النجم المهاجم المدافع الحارس الأمين المتحدث الناطق الوزير السفير القائد
    المحافظ الفنان الفنانة الشاعر الشاعرة الكاتب الكاتبة المخرج المخرجة الممثل الممثلة المطرب المطربة
    العقيد اللواء النقيب المقدم الملازم الدكتور الدكتورة المهندس المهندسة الأستاذ الأستاذة المواطن
    المواطنة الشيخ"""
)  # not the adjectives الإعلامي، الروائي (التصريحات الإعلامية «المستهلكة») nor الرائد (هاتفها الرائد «…»)
QUOTED_HEADS = {**{w: "ORG" for w in QUOTED_ORG_HEADS}, **{w: "MISC" for w in QUOTED_MISC_HEADS},
                **{w: "PER" for w in QUOTED_PERSON_HEADS}}
# ل (written لـ) before a quoted name right after words of saying: the outlet spoken to (guidelines,
# metonymy: «قال لـ"عكاظ"», «في تصريح لـ«الشرق الأوسط»» -> ORG), not the place or the adjective.
SPOKEN_TO = norm("ل")
SPEECH_NOUNS = _words("تصريح تصريحات تصريحه تصريحها تصريحاته حديث حديثه حديثها مصادر مصدر مقابلة")

# Words before the name of a group that is never inside its span (guidelines: «تنظيم داعش» ->
# داعش): the name after them is an organisation when the name lists know it as one. They are no
# heads: تنظيم المهرجان is "organising the festival".
GROUP_WORDS = _words("تنظيم حركة ميليشيا ميليشيات مليشيا مليشيات")

# Adjectives that only say whose or where a body is: the definite head with nothing but them names
# no body (المنظمة الدولية، النادي التركي، الشركة الأمريكية: guidelines, generic bodies); with more
# after them it may (الهيئة العامة للسياحة). Not العربية، الأوروبية، الخليجية: الجامعة العربية and
# المجلس الأوروبي are names. Written in the masculine; the feminine is derived.
_NATIONALITY_STEMS = """أمريكي أميركي تركي سعودي مصري إيراني عراقي سوري يمني إسرائيلي روسي فرنسي بريطاني ألماني
صيني إماراتي قطري كويتي بحريني عماني أردني لبناني فلسطيني ليبي تونسي جزائري مغربي سوداني إيطالي إسباني
ياباني هندي باكستاني أفغاني كوري كندي أسترالي برازيلي أرجنتيني يوناني حوثي دولي أممي غربي أجنبي محلي حكومي""".split()
NATIONALITIES = _words(" ".join(f"ال{w} ال{w}ة" for w in _NATIONALITY_STEMS))
# A ministry by its short name: الخارجية or الداخلية with a nationality is the ministry (أدانت
# الخارجية الأميركية، بالداخلية الألمانية); after وزير it is the minister's title, and after a
# feminine noun the adjective (السياسة الخارجية الأمريكية).
MINISTRY_SHORT_NAMES = _words("الخارجية الداخلية")
MINISTER_WORDS = _words("وزير وزيرة ووزير لوزير ووزيرة نائب ونائب وكيل مساعد وزارة بوزارة لوزارة ووزارة")

# The heads that such adjectives describe rather than name: الشركة الصينية is some Chinese company,
# but الاتحاد البرازيلي، المرصد السوري، البورصة الكويتية، القناة السعودية are one body each.
DESCRIBED_HEADS = _words("شركة مؤسسة منظمة صحيفة جريدة مجلة وكالة مجموعة نادي لجنة")

# Built places and natural features whose head is inside the place's name (guidelines, head nouns:
# مطار القاهرة، طريق المدينة المنورة، فندق ماريوت، وادي حنيفة، جبل طويق); مدينة and حي are
# administrative heads and stay out.
NAMED_PLACE_HEADS = (FACILITY_PLACE_HEADS - _words("مدينة حي")) | _words("فندق مسرح وادي جبل")

# Administrative heads: the place named after them is LOC, the head itself stays out of the span
# (guidelines, head nouns: «بمحافظة الطائف» -> الطائف).
ADMIN_HEADS = _words("محافظة محافظتي قرية بلدة مخطط حي مديرية ناحية قضاء مدينة منطقة ولاية إمارة مقاطعة")
# Of those, the heads that are also common nouns of place ("a remote area", "a nearby town"):
# an indefinite feminine word after them is an adjective (منطقة نائية، مدينة قريبة), not a name.
COMMON_ADMIN_HEADS = _words("مدينة منطقة ناحية")
# Words that say where without naming a place (منطقة الجنوب، ناحية الشمال), and the heads of
# natural features, which open a name of their own with them (منطقة جبل نقم -> جبل نقم).
WHERE_WORDS = _words("الشمال الجنوب الشرق الغرب الوسط جبل وادي جزيرة نهر بحر صحراء سهل")

# Every word that opens a name without being one: a proclitic glued to it is
# split off (ومستشفى -> مستشفى) even though no lexicon counts it as a name.
OPENING_WORDS = ORG_HEADS | EVENT_HEADS | DIRECTIONS | STATE_HEADS
