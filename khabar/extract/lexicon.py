"""Word lists for the quote, date and amount extractors, and the regex builder
that turns a list into a safe alternation.

Entries are written in ordinary spelling; :func:`alternation` folds them
(khabar.extract.fold) and builds a trie-shaped regex: no entry is tried
twice, and there is no nested quantifier, so matching stays linear.
"""

from __future__ import annotations

import re
from typing import Iterable

from khabar.extract.fold import fold_word

# Bounded whitespace between words: a regex never rescans an unbounded run.
SP = r"\s{1,3}"
OSP = r"\s{0,3}"
# Word edges (\w covers Arabic letters and digits).
B = r"(?<!\w)"
E = r"(?!\w)"


def alternation(words: Iterable[str]) -> str:
    """A non-capturing regex matching any of ``words`` (folded), longest first."""
    trie: dict = {}
    for word in {fold_word(w) for w in words if w}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    end = "" in node
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if end else body


def after_clitic(words: Iterable[str], clitics: str) -> str:
    r"""``(?<!\w)[clitics]?(?P<u>…)`` for ``words`` with the match starting at
    the word, not at its clitic: the same words found (the ``u`` group of that
    pattern, and the same end), but the pattern opens with the words' first
    letters, so the engine skips to a candidate fast where the word-start
    lookbehind was tried at every character (2x faster for the duals of
    amounts; not for words opening with frequent letters: ا ي س ع). The word
    starts a word, or follows one clitic letter that does. Only for words not
    opening with a clitic letter (there ب+X and بX could both read a text)."""
    trie: dict = {}
    for word in {fold_word(w) for w in words if w}:
        if word[0] in clitics:
            raise ValueError(f"{word!r} opens with a clitic letter")
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    edge = rf"(?:(?<!\w.)|(?<=(?<!\w)[{clitics}].))"  # (read after the first letter, so it runs only there)
    branches = [re.escape(ch) + edge + _trie_regex(child) for ch, child in sorted(trie.items())]
    return "(?:" + "|".join(branches) + ")"


def folded_map(mapping: dict[str, object]) -> dict[str, object]:
    return {fold_word(k): v for k, v in mapping.items()}


# ---------------------------------------------------------------- quotes

# Reporting verbs: past (m, f, pl, dual), present (m, f, pl) and participles
# (m, f, pl). Tanween and hamza spelling are folded away.
REPORTING_VERBS = """
قال قالت قالوا قالا قالتا يقول تقول يقولون قائلا قائلة قائلين
أكد أكدت أكدوا أكدا يؤكد تؤكد يؤكدون مؤكدا مؤكدة مؤكدين
أضاف أضافت أضافوا أضافا يضيف تضيف يضيفون مضيفا مضيفة مضيفين
أوضح أوضحت أوضحوا يوضح توضح موضحا موضحة موضحين
شدد شددت شددوا يشدد تشدد مشددا مشددة مشددين
أعلن أعلنت أعلنوا يعلن تعلن معلنا معلنة
اعتبر اعتبرت اعتبروا يعتبر تعتبر معتبرا معتبرة معتبرين
وصف وصفت وصفوا يصف تصف واصفا واصفة
حذر حذرت حذروا يحذر تحذر محذرا محذرة محذرين
أشار أشارت أشاروا يشير تشير مشيرا مشيرة مشيرين
نفى نفت نفوا ينفي تنفي نافيا نافية
كتب كتبت كتبوا يكتب تكتب
توعد توعدت توعدوا يتوعد متوعدا متوعدة
اتهم اتهمت اتهموا يتهم تتهم متهما متهمة
جدد جددت جددوا يجدد تجدد مجددا مجددة
أعرب أعربت أعربوا يعرب تعرب معربا معربة
لفت لفتت لافتا لافتة
تابع تابعت تابعوا يتابع تتابع متابعا
أردف أردفت يردف تردف مردفا
رأى رأت رأوا يرى ترى
لاحظ لاحظت يلاحظ ملاحظا
أبلغ أبلغت أبلغوا
اعترف اعترفت يعترف تعترف معترفا
زعم زعمت زعموا يزعم تزعم يزعمون زاعما زاعمة
ادعى ادعت
علق علقت علقوا يعلق معلقا معلقة
أجاب أجابت يجيب تجيب مجيبا
ناشد ناشدت يناشد مناشدا
نبه نبهت منبها
حث حثت يحث
استدرك استدركت مستدركا
أشاد أشادت مشيدا
مكتفيا مكتفية
أدان أدانت أدانوا
وعد وعدت واعدا
طلب طلبت طلبوا
استطرد استطردت
صرح صرحت صرحوا يصرح مصرحا
أفاد أفادت أفادوا يفيد تفيد مفيدا
ذكر ذكرت ذكروا يذكر تذكر
أوضحت
نقل نقلت نقلوا ينقل تنقل ناقلا
دعا دعت دعوا يدعو داعيا داعية
طالبت طالبوا يطالب مطالبا مطالبة
ردت ردوا
تساءل تساءلت متسائلا
أقر أقرت مقرا
كشف كشفت كشفوا يكشف كاشفا كاشفة
تعهد تعهدت متعهدا متعهدة
هدد هددت مهددا
ختم ختمت يختم تختم مختتما
اختتم اختتمت يختتم تختتم
نسب نسبت نوه نوهت منوها منوهة
رجح رجحت رجحوا يرجح ترجح مرجحا مرجحة
توقع توقعت توقعوا يتوقع تتوقع متوقعا متوقعة
رد ردت ردوا يرد ترد
سأل سألت يسأل تسأل
بينت بينوا يبين مبينا مبينة
انتقد انتقدت انتقدوا ينتقد منتقدا منتقدة
استنكر استنكرت مستنكرا مستنكرة
ثمن ثمنت مثمنا مثمنة
أبدى أبدت مبديا مبدية
استغرب استغربت مستغربا مستغربة
تمنى تمنت متمنيا متمنية
شرح شرحت يشرح تشرح شارحا
تحدث تحدثت يتحدث تتحدث متحدثا متحدثة
غرد غردت غردوا يغرد تغرد مغردا مغردة
واصل واصلت مواصلا يواصل
زاد يستطرد
فسر فسرت يفسر
روى روت يروي تروي
أبان أبانت
ذهب ذهبت يذهب تذهب
احتج احتجت يحتج
خلص يخلص
أكمل أكملت يكمل
جادل جادلت يجادل تجادل مجادلا
ينبه تنبه
أورد أوردت يورد تورد سجل سجلت
يشددون يحذرون يتوقعون يوضحون يشيرون
بالقول
""".split()

# Participles and present-tense forms that take the subject of the clause
# before them (no written subject of their own).
REPORTING_PARTICIPLES = """
قائلا قائلة قائلين مؤكدا مؤكدة مؤكدين مضيفا مضيفة مضيفين موضحا موضحة موضحين
مشددا مشددة مشددين معلنا معلنة معتبرا معتبرة معتبرين واصفا واصفة محذرا محذرة محذرين
مشيرا مشيرة مشيرين نافيا نافية متوعدا متوعدة متهما متهمة مجددا مجددة معربا معربة
لافتا لافتة متابعا مردفا مصرحا مفيدا ناقلا داعيا داعية مطالبا مطالبة متسائلا مقرا
كاشفا كاشفة متعهدا متعهدة مهددا مختتما منوها منوهة
ملاحظا معترفا زاعما معلقا معلقة مجيبا مناشدا منبها مستدركا مشيدا مكتفيا مكتفية
مرجحا مرجحة متوقعا متوقعة مبينا مبينة منتقدا منتقدة مستنكرا مستنكرة مثمنا مثمنة مبديا مبدية
مستغربا مستغربة متمنيا متمنية متحدثا متحدثة مغردا مغردة
مجادلا بالقول
""".split()

# Nouns that introduce a name in quote marks: «القاعدة» after تنظيم is a name.
NAME_NOUNS = """
صحيفة جريدة مجلة وكالة قناة إذاعة تلفزيون موقع شبكة منصة حساب وسم هاشتاغ
حركة تنظيم جماعة جبهة حزب تيار ائتلاف تحالف كتلة ميليشيا ميليشيات فصيل فصائل كتائب لواء قوات
شركة مجموعة مؤسسة مصرف بنك هيئة جمعية منظمة مركز معهد جامعة مستشفى فندق
فريق نادي منتخب ملعب مهرجان مؤتمر منتدى معرض بطولة دوري كأس جائزة
عملية مبادرة حملة مشروع برنامج خطة قانون اتفاق اتفاقية رؤية صفقة
إدارة دائرة قسم مديرية مكتب لجنة مجلس درجة مسمى بمسمى رتبة وسام
فيلم كتاب رواية مسلسل أغنية ألبوم مسرحية قصيدة ديوان عنوان بعنوان شعار شعارات عبارة مقولة المأثور هتاف لقب اسم
مسجد حي شارع مدينة قرية منطقة مخيم سجن جزيرة سفينة طائرة صاروخ منظومة عضوية
جهاز هاتف سيارة طراز نموذج منتج تطبيق لعبة علامة ماركة موديل
يسمى تسمى المسمى المسماة المعروف المعروفة يعرف تعرف نسميه نسميها يسميه يسميها تسميه سماه سماها ضمن
""".split()

# Words after which a subject phrase stops: prepositions opening an
# adverbial or sourcing phrase, complementisers, time words.
SUBJECT_STOPS = """
في خلال أثناء لدى أمام عبر مع بعد قبل عقب على عن من إلى الى حول حتى منذ
أن إن بأن بإن بأنه بأنها بأنهم أنه أنها أنهم إنه إنها إنهم لأن
اليوم يوم أمس غدا الليلة صباح مساء ظهر فجر أيضا كذلك بدوره بدورها حينها آنذاك وقتها يومها ساعتها
الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
لي لنا لك لكم لهم له لها للصحافيين للصحفيين للصحافة للإعلاميين لوكالة لقناة لصحيفة لموقع لإذاعة لتلفزيون للتلفزيون لمجلة لـ ل
تحت تحته تحتها فوق فوقه فوقها أمامه أمامها عليهم إليهم الذي التي الذين وهو وهي حيث بينما فيما كما إذ قائلا مضيفا مؤكدا
ذلك مني منا منك منكم عما وعما هل وهل بشرط شريطة صلى
حديثه حديثها كلامه كلامها
بلا بدلال بحدة بقوة بعصبية بلطف بحنان بسرعة بجدية بنفس بصوت بلهجة بنبرة بهدوء بحزم بصراحة بوضوح بحسرة بثقة بغضب بابتسامة بسخرية بفخر بتأثر بحماس بأسف بمرارة باختصار
""".split()

# Indefinite accusatives used as adverbs (سرا، طبيعيا، أيضا، مجددا): after a
# verb they say how or when, never who. Written without their tanween they
# look like a one-word subject (`يكشف سرا من أسرار الدولة`).
ADVERBIAL_ACCUSATIVES = """
سرا علنا أيضا مجددا مجدداً مرارا سابقا لاحقا حاليا مؤخرا مبكرا متأخرا جدا كثيرا قليلا دائما غالبا أحيانا
تقريبا فعلا حقا فورا مثلا أبدا معا سويا مسبقا أولا ثانيا ثالثا أخيرا تماما خصوصا عموما إجمالا قطعا
طبيعيا رسميا شخصيا نهائيا يوميا سنويا محليا دوليا كليا جزئيا فعليا عمليا علنيا نسبيا أساسا تدريجيا
صباحا مساء ليلا نهارا ظهرا عصرا غدا مطولا بعيدا قريبا مباشرة وأيضا مرة تارة
ردا تعليقا تعقيبا جوابا
""".split()

# Said to whom, right after the verb and before its subject: `قال لوكالة
# الأنباء الألمانية مسؤول`, `قالت لقناة «العربية» المتحدثة`, `رد عليه النائب`.
ADDRESSEE_WORDS = """
لوكالة لقناة لصحيفة لموقع لإذاعة لتلفزيون للتلفزيون لمجلة لشبكة لـ ل للصحافيين للصحفيين للصحافة
للإعلاميين للمراسلين للحضور للمشاركين لمحطة لبرنامج
له لها لهم لنا لي عليه عليها عليهم عنه عنها عنهم
""".split()

# News outlets a speaker talks *to*: with ل (لرويترز، للجزيرة، لـ«عكاظ») they
# are the addressee, never the speaker. Only outlets: a bare ل + word is often
# a name (لويس، لجنة).
ADDRESSEE_MEDIA = """
رويترز فرانس برس أسوشيتد أسوشييتد الأناضول الأسوشيتد سي بي إن ان الجزيرة العربية الحدث سكاي
الحياة الشرق عكاظ سبق الرياض المدينة الوطن اليوم الجريدة القبس الأهرام النهار السفير الخليج البيان الاتحاد
واس كونا وام بترا سانا إرنا ارنا إنترفاكس نوفوستي تاس شينخوا بلومبرغ بلومبيرغ الصحافة الصحف الصحافيين
الصحفيين الإعلاميين المراسلين وسائل التلفزيون الإذاعة الوكالة القناة الصحيفة محققيه مراسلنا مراسل
""".split()

# Honorific and plain pronouns written as a subject (وأضاف سموه، وتابع معاليه):
# the speaker is the one spoken of before.
HONORIFIC_PRONOUNS = "سموه سموها معاليه معاليها سعادته سعادتها فضيلته سيادته جلالته دولته حضرته نيافته غبطته".split()
PRONOUN_SUBJECTS = HONORIFIC_PRONOUNS + "هو هي هم هما بدوره بدورها".split()

# Documents that "say" for the organisation that issued them (وأضاف البيان،
# وجاء في نص البيان): the speaker is the issuer named before.
DOCUMENT_NOUNS = """
البيان بيان البلاغ التقرير تقرير الرسالة رسالة النص الإعلان التعميم
""".split()

# Prepositions written as words (and ل/ب written apart): after one, a name is a
# complement, not a subject (quotes) nor the genitive of a title (title_holders).
PREPOSITIONS = "في من إلى على عن مع حول ل ب لـ بـ عبر ضد نحو".split()

# Heads of an unnamed source (مصدر أمني، مسؤول أميركي كبير، المصدر): never one
# speaker across unrelated documents; the definite form points back to the
# indefinite one introduced earlier in the article.
UNNAMED_SOURCE_HEADS = """
مصدر مصادر مسؤول مسؤولة مسؤولون مسؤولين متحدث متحدثة ناطق ناطقة شاهد شهود مراقب مراقبون
دبلوماسي دبلوماسيون مصدرا مسؤولا بيان تقرير مواطن مواطنة أحد إحدى خبير خبراء عضو
""".split()

# Common heads of an object noun phrase (mostly masdars) that follow the
# subject of أكد، وصف، أشاد، كشف...: `وأكد الوزير خالد الفهيد مشاركة 45
# دولة`, `ووصف المحافظ ناصر العلي حجم الدمار`. A subject ends before them.
OBJECT_HEADS = """
مشاركة نتائج حجم أهمية ضرورة دعم رفض أداء استعداد التزام عزم حرص إدانة ترحيب تأييد
قرار موقف خطوة أحداث تصريحات استمرار عدم وجود تضرر سقوط مقتل إصابة ارتفاع انخفاض
تراجع نمو بدء انطلاق وصول إطلاق فتح إغلاق توقيع تقديم تنفيذ تسجيل اعتقال إلقاء ضبط
تعرض مقتل استشهاد هجوم هجمات الهجوم الهجمات الحادث الأحداث الخطوة القرار الاتفاق
تفاصيل قصة حكاية
""".split()

# Nouns that open a subject written before its verb (`ومدير دائرة الموازنة
# عبدالحكيم الشبلي قال`, `والد الشهيد قال`, `تقرير للبنك الدولي يقول`).
SUBJECT_HEADS = """
مدير مديرة رئيس رئيسة وزير وزيرة أمين أمينة نائب نائبة مسؤول مسؤولة مصدر مصادر متحدث متحدثة
سفير سفيرة قائد مدرب لاعب عضو عضوة خبير خبيرة محافظ أمير ملك والد والدة شقيق شقيقة مواطن
تقرير بيان مستشار مستشارة عميد محلل محللة أستاذ أستاذة طبيب طبيبة مراسل مراسلة زعيم قاض
مفتي شيخ الشيخ إمام خطيب رئيسه مؤسس مؤسسة عمدة حاكم نقيب
""".split()

# ----------------------------------------------------------------- dates

MONTHS = {
    # Gregorian (Egypt, Gulf) and their variants
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8,
    "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levantine / Iraqi
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6,
    "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    # Moroccan
    "ماي": 5, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
    # Algerian / Tunisian
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "جوان": 6, "جويلية": 7, "أوت": 8,
}

HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الآخر": 4,
    "جمادى الأولى": 5, "جمادى الأول": 5, "جمادى الثانية": 6, "جمادى الآخرة": 6, "جمادى الثاني": 6,
    "جمادى الأخرى": 6, "رجب": 7, "شعبان": 8, "رمضان": 9, "شوال": 10,
    "ذو القعدة": 11, "ذي القعدة": 11, "ذو الحجة": 12, "ذي الحجة": 12,
}

# Python weekday numbers (Monday = 0).
WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6}
# Weekdays that are also ordinary words (the one, the two, Friday prayer):
# only taken with a cue (يوم, الماضي, parentheses).
AMBIGUOUS_WEEKDAYS = {"الأحد", "الاثنين", "الإثنين", "الجمعة"}

PAST = "الماضي الماضية المنصرم المنصرمة الفائت الفائتة السابق الماضيين".split()
NEXT = "المقبل المقبلة القادم القادمة المقبلين المقبلتين".split()
CURRENT = "الجاري الجارية الحالي الحالية".split()

# A bare weekday in a sentence with one of these before it is the next such
# day, not the last: future particles and verbs of a match preview or an
# announcement (present-tense forms that news uses for what is coming).
FUTURE_WORDS = """سوف لن المقرر المنتظر المرتقب المزمع المتوقع يعتزم تعتزم ينوي تنوي
يلتقي تلتقي يلتقى يواجه تواجه يستضيف تستضيف يحل تحل يخوض تخوض يستقبل تستقبل
تنطلق ينطلق تقام يقام يعقد تعقد تبدأ يبدأ يختتم تختتم يلعب تلعب""".split()
# Words right before a day and month that make it a place named after a date
# (مدينة 6 أكتوبر، شارع 26 يوليو، جسر 6 أكتوبر); "في" after خلية too.
DATE_PLACE_WORDS = """مدينة حي شارع جسر كوبري ميدان طريق محور نفق جامعة مستشفى كلية مدرسة مجمع
نادي مركز قرية منطقة ضاحية مدينه""".split()

# «اليوم» after these means "nowadays", not the publication day: يعرف اليوم
# ب، عالم اليوم، شباب اليوم.
GENERIC_TODAY_BEFORE = """يعرف تعرف يسمى تسمى نسميه يطلق المعروف المعروفة المسمى المسماة بات باتت
عالم جيل أجيال شباب أطفال إنسان مجتمع أبناء عرب""".split()

# Vague periods: a span and a kind, no value (الأشهر الأخيرة، خلال السنوات الماضية).
VAGUE_UNITS = "الأشهر الشهور السنوات السنين الأعوام الأسابيع الأيام العقود الساعات الفترة الآونة الحقبة".split()
VAGUE_RELS = """الماضية الأخيرة المقبلة القادمة المنصرمة الفائتة السابقة الماضي الأخير المقبل القادم
المنصرم الفائت السابق""".split()

# Decades: العشرينات/العشرينيات -> the second digit of the decade.
DECADES = {"عشرين": 2, "ثلاثين": 3, "أربعين": 4, "خمسين": 5, "ستين": 6, "سبعين": 7, "ثمانين": 8, "تسعين": 9}

# Time units (durations); value: ISO designator. Duals count two.
TIME_UNITS = {
    "سنة": "Y", "سنوات": "Y", "سنين": "Y", "عام": "Y", "أعوام": "Y", "عاما": "Y",
    "شهر": "M", "أشهر": "M", "شهور": "M", "شهرا": "M",
    "أسبوع": "W", "أسابيع": "W", "أسبوعا": "W",
    "يوم": "D", "أيام": "D", "يوما": "D",
    "ساعة": "H", "ساعات": "H",
    "دقيقة": "MIN", "دقائق": "MIN",
}
TIME_DUALS = {"عامين": "Y", "عامان": "Y", "سنتين": "Y", "سنتان": "Y", "شهرين": "M", "شهران": "M",
              "أسبوعين": "W", "أسبوعان": "W", "يومين": "D", "يومان": "D", "ساعتين": "H", "ساعتان": "H",
              "دقيقتين": "MIN", "دقيقتان": "MIN"}

# ---------------------------------------------------------------- amounts

APPROX_BEFORE = ["نحو", "حوالي", "حوالى", "قرابة", "زهاء", "ما يقارب", "ما يقرب من", "ما يناهز",
                 "ما لا يقل عن", "ما يزيد على", "ما يزيد عن", "أكثر من", "أقل من", "أزيد من", "أكثر من"]

# Currency nouns (all number forms) -> ISO code, or the name of a currency
# several countries use (lower case, a key of CURRENCY_COUNTRIES): which one
# is told by the article (khabar.extract.amounts._resolve_currencies).
CURRENCIES = {
    "دولار دولارا دولارات": "USD", "يورو": "EUR", "ريال ريالا ريالات": "riyal",
    "دينار دينارا دنانير": "dinar", "درهم درهما دراهم": "dirham", "جنيه جنيها جنيهات": "pound",
    "ليرة ليرات": "lira", "روبل روبلا روبلات": "RUB", "ين": "JPY", "يوان": "CNY",
    "فرنك فرنكا فرنكات": "CHF", "روبية روبيات": "INR", "تومان": "IRR",
    "وون": "KRW", "إسترليني استرليني": "GBP", "بيزو": "peso",
}
# Hundredths written as their own word: the amount is in the main unit (45 سنتا = 0.45 USD).
CURRENCY_SUBUNITS = {"سنت سنتا سنتات": ("USD", 0.01), "هللة هللات": ("SAR", 0.01), "قرش قرشا قروش": ("EGP", 0.01)}
# A shared currency: country (ISO 3166) -> its ISO 4217 code.
CURRENCY_COUNTRIES = {
    "dinar": {"KW": "KWD", "IQ": "IQD", "JO": "JOD", "BH": "BHD", "LY": "LYD", "TN": "TND", "DZ": "DZD", "RS": "RSD"},
    "riyal": {"SA": "SAR", "QA": "QAR", "OM": "OMR", "YE": "YER", "IR": "IRR"},
    "pound": {"EG": "EGP", "GB": "GBP", "SD": "SDG", "SS": "SSP"},
    "lira": {"LB": "LBP", "SY": "SYP", "TR": "TRY"},
    "dirham": {"AE": "AED", "MA": "MAD"},
    "peso": {"MX": "MXN", "AR": "ARS", "CO": "COP", "CL": "CLP", "PH": "PHP"},
}
# When nothing in the article tells the country, these keep the code they
# always had (khabar's Gulf and Egyptian press); the others stay unresolved
# and keep their name as the unit ("dinar", "lira", "peso").
CURRENCY_DEFAULTS = {"riyal": "SAR", "pound": "EGP", "dirham": "AED"}
# Places that tell a shared currency's country: country, capital and big
# cities; a nisba (ending in ي) also stands for its feminine and plural forms.
# A name may belong to two countries (عمان: Amman, Oman): the currency's
# countries decide.
PLACE_COUNTRIES = {
    "KW": "الكويت كويتي", "IQ": "العراق عراقي بغداد البصرة أربيل الموصل كردستان", "JO": "الأردن أردني عمان",
    "BH": "البحرين بحريني المنامة", "LY": "ليبيا ليبي طرابلس بنغازي مصراتة", "TN": "تونس تونسي صفاقس",
    "DZ": "الجزائر جزائري وهران", "RS": "صربيا صربي بلغراد",
    "SA": "السعودية سعودي الرياض جدة الدمام مكة", "QA": "قطر قطري الدوحة", "OM": "عمان عماني مسقط",
    "YE": "اليمن يمني صنعاء عدن", "IR": "إيران إيراني طهران",
    "EG": "مصر مصري القاهرة الإسكندرية", "GB": "بريطانيا بريطاني لندن إنجلترا إنجليزي إسترليني استرليني", "SD": "السودان سوداني الخرطوم",
    "LB": "لبنان لبناني بيروت طرابلس", "SY": "سوريا سوري دمشق حلب", "TR": "تركيا تركي أنقرة إسطنبول اسطنبول",
    "AE": "الإمارات إماراتي دبي أبوظبي الشارقة", "MA": "المغرب مغربي الرباط",
    "MX": "المكسيك مكسيكي", "AR": "الأرجنتين أرجنتيني", "CO": "كولومبيا كولومبي", "CL": "تشيلي", "PH": "الفلبين فلبيني مانيلا",
}
# The outlet's country, when the text names none: by the source's top-level
# domain, else by name (the SaudiNewsNet outlets).
OUTLET_DOMAINS = {"kw": "KW", "iq": "IQ", "jo": "JO", "bh": "BH", "ly": "LY", "tn": "TN", "dz": "DZ", "rs": "RS",
                  "sa": "SA", "qa": "QA", "om": "OM", "ye": "YE", "eg": "EG", "uk": "GB", "sd": "SD", "lb": "LB",
                  "sy": "SY", "tr": "TR", "ae": "AE", "ma": "MA"}
OUTLET_NAMES = {n: "SA" for n in "aawsat aleqtisadiya aljazirah almadina alriyadh alwatan alweeam alyaum arreyadi okaz sabq spa".split()}
# Nationality stems after a currency noun; the suffix (ي، يا، ية، يين...) varies.
CURRENCY_NATIONS = {
    "سعود": "SAR", "قطر": "QAR", "عمان": "OMR", "يمن": "YER", "إيران": "IRR", "ايران": "IRR",
    "كويت": "KWD", "أردن": "JOD", "اردن": "JOD", "بحرين": "BHD", "عراق": "IQD", "ليب": "LYD",
    "تونس": "TND", "جزائر": "DZD", "مغرب": "MAD", "إمارات": "AED", "امارات": "AED",
    "مصر": "EGP", "لبنان": "LBP", "سور": "SYP", "ترك": "TRY", "أمريك": "USD", "أميرك": "USD",
    "كند": "CAD", "أسترال": "AUD", "استرال": "AUD", "سودان": "SDG", "إسترلين": "GBP",
    "استرلين": "GBP", "سويسر": "CHF", "هند": "INR", "باكستان": "PKR", "أورب": "EUR",
}
# For a currency noun whose ISO depends on the nation, the nation table wins.
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}

# Measures: forms separated by "|" (some are two words) -> (unit, kind).
MEASURES = {
    "متر مربع|مترا مربعا|أمتار مربعة|م2|م²": ("m2", "area"),
    "كيلومتر مربع|كيلومترا مربعا|كيلومترات مربعة|كلم مربع|كلم2|كم مربع|كم2|كم²": ("km2", "area"),
    "هكتار|هكتارا|هكتارات": ("ha", "area"), "دونم|دونما|دونمات": ("dunam", "area"),
    "فدان|فدانا|أفدنة": ("feddan", "area"),
    "كيلومتر|كيلومترا|كيلومترات|كيلو متر|كيلو مترا|كيلو مترات|كلم|كم": ("km", "length"), "متر|مترا|أمتار": ("m", "length"),
    "سنتيمتر|سنتيمترا|سنتيمترات|سم": ("cm", "length"), "ميل|ميلا|أميال": ("mi", "length"),
    "طن|طنا|أطنان": ("t", "mass"), "كيلوغرام|كيلوغراما|كيلوغرامات|كيلوجرام|كيلوجراما|كيلو غرام|كيلو غراما|كيلو غرامات|كيلو جرام|كيلو جراما|كلغ|كغ": ("kg", "mass"),
    "غرام|غراما|غرامات|جرام|جراما": ("g", "mass"), "قنطار|قنطارا|قناطير": ("quintal", "mass"),
    "برميل|برميلا|براميل": ("barrel", "volume"), "لتر|لترا|لترات": ("l", "volume"),
    "متر مكعب|مترا مكعبا|أمتار مكعبة": ("m3", "volume"),
    "نقطة أساس": ("bp", "percent"),
    "ميغاواط|ميغاوات": ("MW", "power"), "كيلوواط": ("kW", "power"),
    "جيجاواط|جيجاوات|جيجا واط|غيغاواط|غيغاوات|غيغا واط": ("GW", "power"),
    "قدم مكعب|قدم مكعبة|أقدام مكعبة": ("ft3", "volume"), "قدم مربع|قدما مربعا|أقدام مربعة": ("ft2", "area"), "قدم|قدما|أقدام": ("ft", "length"),
    "بوصة|بوصات|إنش|إنشات": ("in", "length"), "كيلو": ("kg", "mass"),
    "درجة مئوية|درجات مئوية": ("degC", "temperature"),
    "مليمتر|مليمترا|مليمترات|ملليمتر|ملليمترا|ملليمترات|ميليمتر|ميليمترا|ملم|مم": ("mm", "length"),
    "كم/س|كم/ساعة|كلم/س|كلم/ساعة|كم/سا": ("km/h", "speed"), "عقدة|عقدة بحرية": ("kn", "speed"),
    "كيلوواط ساعة|كيلوواط/ساعة|كيلو واط ساعة": ("kWh", "energy"), "ميغاواط ساعة|ميغاوات ساعة|ميجاوات ساعة": ("MWh", "energy"),
    "غيغاواط ساعة|غيغاوات ساعة|جيجاواط ساعة|جيجاوات ساعة": ("GWh", "energy"),
    "ميغابايت|ميجابايت|ميغا بايت|ميجا بايت": ("MB", "data"), "غيغابايت|جيجابايت|غيغا بايت|جيجا بايت": ("GB", "data"),
    "تيرابايت|تيرا بايت": ("TB", "data"),
}
# A length or volume followed by "per hour / per second" is a speed or a flow.
PER_TIME = {"في الساعة|بالساعة|/ساعة|/س|/ ساعة|/ س|في الساعه": "h", "في الثانية|بالثانية|/ثانية|/ث|/ ثانية": "s"}
RATE_UNITS = {("km", "h"): ("km/h", "speed"), ("mi", "h"): ("mph", "speed"), ("m", "s"): ("m/s", "speed"),
              ("km", "s"): ("km/s", "speed"), ("m", "h"): ("m/h", "speed"), ("m3", "s"): ("m3/s", "flow"),
              ("l", "s"): ("l/s", "flow"), ("kW", "h"): ("kWh", "energy"), ("MW", "h"): ("MWh", "energy"),
              ("GW", "h"): ("GWh", "energy")}
PERCENT_WORDS = ["%", "بالمئة", "بالمائة", "في المئة", "في المائة", "بالمية", "في المية", "مئوية"]

# What a count counts: forms (singular, accusative, plural, dual) -> unit.
COUNT_NOUNS = {
    "شخص شخصا أشخاص نسمة": "person", "إرهابي إرهابيا إرهابيين ارهابيا ارهابيين": "fighter", "قتيل قتيلا قتلى": "killed",
    "جريح جريحا جرحى مصاب مصابا مصابين": "injured", "إصابة إصابات": "case",
    "مدني مدنيا مدنيين": "civilian", "جندي جنديا جنود عسكري عسكريا عسكريين": "soldier",
    "طفل طفلا أطفال": "child", "امرأة نساء سيدة سيدات": "woman", "لاجئ لاجئا لاجئين": "refugee",
    "مهاجر مهاجرا مهاجرين": "migrant", "طالب طالبا طلاب طالبة طالبات": "student",
    "عامل عاملا عمال": "worker", "مواطن مواطنا مواطنين": "citizen",
    "معتقل معتقلا معتقلين سجين سجينا سجناء أسير أسيرا أسرى": "detainee",
    "مشتبه مشتبها": "suspect", "عنصر عنصرا عناصر": "member",
    "مقاتل مقاتلا مقاتلين مسلح مسلحا مسلحين": "fighter", "راكب راكبا ركاب": "passenger",
    "حاج حاجا حجاج معتمر معتمرا معتمرين": "pilgrim",
    "متفرج متفرجا متفرجين مشجع مشجعا مشجعين": "spectator", "زائر زائرا زوار": "visitor",
    "ضحية ضحايا": "victim", "موظف موظفا موظفين": "employee", "نازح نازحا نازحين": "displaced",
    "هدف هدفا أهداف": "goal", "نقطة نقاط": "point",
}
COUNT_DUALS = {
    "شخصان شخصين": "person", "طفلان طفلين": "child", "جنديان جنديين": "soldier",
    "قتيلان قتيلين": "killed", "جريحان جريحين": "injured", "هدفان هدفين": "goal",
}
# Words in -تين / -ين that are not duals of a counted noun.
NOT_DUALS = """مرتين المرتين لاتين روتين بروتين كريستين مارتين ياسين حسين بين حين سنين الذين اللذين
اثنين اثنتين ثنتين تنين تين ستين بوتين هاتين هذين اللتين اللذين بساتين فساتين""".split()
# Nouns whose plural is broken or in -ات (مصانع، مشاريع، قرارات): their -ين
# form can only be a dual, with or without an adjective in -يين.
DUAL_STEMS = """مصنع مخزن مشروع مركز مطار منزل مكتب معسكر مجلس مسجد متحف ملعب مقعد مصرف منصب
بنك بيت بلد جسر فندق برج حزب قطاع قرار كتاب هجوم تفجير اتفاق صاروخ انفجار اجتماع لقاء مؤتمر""".split()
# Masculine dual verbs whose predicate may follow (feminine ones end in -تا).
DUAL_VERBS = "كانا أصبحا ظلا باتا صارا بدا يبدوان تبدوان يظلان تظلان".split()
# Adjectives after a plural (not a dual) noun in -ين: مواطنين آخرين
PLURAL_ADJECTIVES = "آخرين اخرين مجهولين كثيرين عديدين".split()

# The plural forms used in "ثمانية من المصابين".
COUNT_DEFINITE = {
    "المصابين الجرحى": "injured", "القتلى": "killed", "المدنيين": "civilian", "الجنود": "soldier",
    "الأطفال": "child", "النساء": "woman", "اللاجئين": "refugee", "المهاجرين": "migrant",
    "الطلاب": "student", "العمال": "worker", "المواطنين": "citizen", "المعتقلين الأسرى السجناء": "detainee",
    "المسلحين المقاتلين": "fighter", "الركاب": "passenger", "الحجاج": "pilgrim", "الضحايا": "victim",
    "الأشخاص": "person", "النازحين": "displaced", "الموظفين": "employee",
}

# After a bare number these words show it is not an amount (an identifier,
# an ordinal position, a clock time).
NUMBER_BEFORE_BLOCK = """رقم المادة الفقرة البند الجولة المرتبة الساعة القرار الرحلة
الدورة الصفحة الحلقة العدد الفصل الطابق النسخة الإصدار الدقيقة الشوط المركز ال طراز موديل""".split()

# ----------------------------------------------------------------- speaker gender
# Verb–subject agreement: قالت takes a woman, a feminine noun or a body; قال
# not a woman. A carried or guessed speaker is kept only when the verb agrees
# with it (khabar/extract/agreement.py). Given names that are clearly one
# gender in the news (a name worn by both, نور، صباح، إحسان, is in neither).
FEMALE_GIVEN_NAMES = """
فاطمة عائشة خديجة زينب مريم سارة هند ليلى سلمى سعاد نوال هدى أمل منى ريم رانيا رنا دينا لينا
نادية سميرة سهام وفاء إيمان أسماء نجلاء حنان جميلة نورة لطيفة موزة شيخة هيفاء غادة آمال ابتسام
أسيل إلهام انتصار بثينة بشرى تغريد جيهان خلود دعاء دلال رباب رجاء رحاب رشا روان زهرة سحر سلوى
سمية سناء سهير شذى شيماء صفاء عبير عزة عفاف علا غدير فايزة فدوى فريدة كوثر لبنى ماجدة مها ميسون
ميساء نادين نجوى نسرين نهى هالة هبة هناء وداد ياسمين يسرا سوزان فاتن حياة نبيلة عبلة رحمة مي نورا
ماري مارية ماريا أنجيلا انغيلا ميركل تيريزا كاثرين إليزابيث جانيت كريستين فيديريكا
نيكول سيلين شيرين نانسي إليسا أحلام وردة لطيفة ناهد فايدة غنى لمى جود رغد ريما تهاني بسمة
""".split()
MALE_GIVEN_NAMES = """
محمد أحمد محمود مصطفى علي حسن حسين عبدالله عبدالرحمن عبدالعزيز عبد خالد سعد سعيد سعود فهد فيصل
سلمان سلطان نايف مقرن بندر تركي طلال الوليد وليد ماجد ناصر منصور عمر عمرو عثمان إبراهيم إسماعيل
يوسف يعقوب موسى عيسى داود سليمان زكريا يحيى إدريس هارون جمال كمال نبيل نزار هشام هاني هادي
حمد حمدان حامد حازم حاتم جاسم قاسم كاظم جواد رشيد راشد رامي رياض زياد زيد زايد طارق عادل عاطف
عاصم علاء عماد غازي فؤاد فاروق فريد فارس كريم لؤي مازن مجدي مراد مروان معاذ منير مهدي نادر نجيب
وائل ياسر ياسين يونس أيمن أنور أسامة بشار بشير تامر توفيق جابر جعفر جلال حافظ حبيب حسام خليل
خليفة رائد رضا سامي سامر سالم سليم سمير شريف صالح صلاح عصام عزت غسان فادي فتحي مالك مشعل متعب
مهند جورج جوزيف أنطوان إلياس باراك أوباما جون جيمس ديفيد بيل توني فلاديمير بوتين نيكولا فرانسوا
دونالد بان بنيامين رجب حسني صدام حمزة بدر بلال عبدالملك عبدالكريم عبدالرحيم عبدالمجيد عبدالحميد
عبداللطيف عبدالوهاب عبدالسلام عبدالمحسن عبدالإله عبدالرزاق عبدالفتاح عبدالقادر عبدالناصر عباس
عدنان عامر ماهر محسن مختار ممدوح هاشم هيثم نواف مشاري ميشال ميشيل عبده
""".split()
# Titles before a name that tell its gender (the feminine one ends in ة).
GENDERED_TITLES = """
رئيس وزير أمين نائب مدير متحدث سفير مستشار خبير محلل أستاذ طبيب مراسل مدرب لاعب عضو محافظ
سيد شيخ أمير ملك دكتور فنان ممثل مطرب كاتب شاعر صحفي صحافي إعلامي ناشط باحث مهندس محام
طالب مؤسس مذيع مخرج منتج مغني معلم مدون قاضي محامي رئيسة وزيرة أمينة نائبة مديرة متحدثة سفيرة
مستشارة خبيرة محللة أستاذة طبيبة مراسلة مدربة لاعبة عضوة محافظة سيدة شيخة أميرة ملكة دكتورة
فنانة ممثلة مطربة كاتبة شاعرة صحفية صحافية إعلامية ناشطة باحثة مهندسة محامية طالبة مؤسسة
مذيعة مخرجة منتجة مغنية معلمة مدونة قاضية
""".split()


# Whole-text scans with a regex that opens with a lookbehind try every position of the text (the
# regex engine skips ahead only to a first literal or character set). Where every match holds a
# literal of its own, the two helpers below run the regex only next to that literal, and give the
# matches pattern.finditer(t) gives, in its order (lookbehinds still read the text before).


def finditer_before(pattern: re.Pattern, t: str, char: str, reach: int, after: int):
    """pattern.finditer(t) for a pattern whose every match holds exactly one ``char``, at most
    ``reach`` characters after the match's start, and reads no further than ``after`` characters
    from that char's place (``_NAME_COLON``: a name, its colon, spaces and one character more).
    Each ``char`` is looked at in the window it can be matched in."""
    pos, c = 0, t.find(char)
    while c >= 0:
        m = pattern.search(t, max(pos, c - reach), c + after)
        if m:
            yield m
            pos = m.end()
            c = t.find(char, pos)
        else:
            c = t.find(char, c + 1)


def finditer_opening(pattern: re.Pattern, t: str, openers: tuple[str, ...], back: int = 0):
    """pattern.finditer(t) for a pattern whose every match opens with one of ``openers``, or
    with at most ``back`` characters before one (a clitic: ``_DUAL_DURATION``, ويومين), as
    ``_SOURCE_IN_TEXT`` opens with على حد قول، بحسب ما، وفقا ل: tried at those places only."""
    starts = set()
    for w in openers:
        i = t.find(w)
        while i >= 0:
            starts.update(range(max(0, i - back), i + 1))
            i = t.find(w, i + 1)
    end = 0
    for p in sorted(starts):
        if p >= end and (m := pattern.match(t, p)):
            yield m
            end = m.end()
