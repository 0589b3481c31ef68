"""Words and patterns of saying that several stages of quote reading share: reporting verbs and participles, stops, complementisers, name nouns, addressees, documents, unnamed sources, word and sentence regexes."""

from __future__ import annotations

import re

from khabar.extract import lexicon as L
from khabar.extract.fold import fold_word
from khabar.extract.lexicon import E, OSP, SP, alternation

# first-person verbs of saying: the narrator of a memoir speaks (فقلت: «…»),
# who is named nowhere in the text (قلت، أجبت are never third person)
_WRITER_SAYS = {fold_word(w) for w in "أقول نقول قلنا".split()}  # the writer's own voice: «…» after it is nobody's quote
_FIRST_PERSON = {fold_word(w) for w in "قلت أجبت أضفت رددت أجبته أجبتها".split()} | _WRITER_SAYS
_VERBS = {fold_word(v) for v in L.REPORTING_VERBS} | {w for w in _FIRST_PERSON if not w.endswith(("ه", "ها"))}
_PARTICIPLES = {fold_word(v) for v in L.REPORTING_PARTICIPLES}
_NAME_NOUNS = {fold_word(w) for w in L.NAME_NOUNS}
_STOPS = {fold_word(w) for w in L.SUBJECT_STOPS} | {
    fold_word(w) for w in "فيه فيها عليه عليها منه منها عنه عنها له لها إليه إليها به بها لهم معه عنهم منهم فيهم بهم".split()} | {
    fold_word(w) for w in "بهذا بهذه".split()}  # (وقال بهذا الخصوص، ويقول بهذا الصدد: about this, no one)
# stops that also end a subject with a conjunction attached (وفي، وخلال); not
# all stops: والي (governor) is و + إلى once folded.
_AND_STOPS = {fold_word(w) for w in "في خلال ذلك أمس اليوم من عن مع أمام عبر".split()}
_COMPLEMENTISERS = {fold_word(w) for w in "أن إن بأن بإن أنه أنها أنهم إنه إنها إنهم بأنه بأنها بأنهم لأن فإن "
                    "أنني إنني أننا إننا بأنني بأننا لأنه لأنها وأن وبأن وأنه وأنها".split()}
_PREPOSITIONS = {fold_word(w) for w in L.PREPOSITIONS}
# Folded words that are stops in one spelling and names in another.
_AMBIGUOUS = {"علي": {"على"}, "ان": {"أن", "إن", "ان"}}
# what (ما، مما، عما، ماذا) after a verb's subject opens its object (ووصف أوباما ما حدث), never a word of who
_WHAT = {"ما", "مما", "عما", "ماذا"}
_RELATIVES = {fold_word(w) for w in "الذي التي الذين اللذين اللتين اللواتي اللاتي".split()}
_QUOTE_INTRO = {fold_word(w) for w in "قوله قولها قولهم بقوله بقولها بالقول القول".split()}
_ADDRESSEE = {fold_word(w) for w in L.ADDRESSEE_WORDS}
# ل + an outlet (لرويترز، للجزيرة، لوسائل): said to it; ends a subject too
_MEDIA = {fold_word(w) for w in L.ADDRESSEE_MEDIA}
_TO_MEDIA = {"ل" + w for w in _MEDIA} | {"ل" + w[1:] for w in _MEDIA if w.startswith("ال")}

_PRONOUNS = {fold_word(w) for w in L.PRONOUN_SUBJECTS}
_DOCUMENTS = {fold_word(w) for w in L.DOCUMENT_NOUNS}
_UNNAMED = {fold_word(w) for w in L.UNNAMED_SOURCE_HEADS}

_SUBJECT_HEADS = {fold_word(w) for w in L.SUBJECT_HEADS}
# construct heads after which an object-like noun still belongs to the subject
# (رئيس هيئة دعم الصادرات)
_CONSTRUCT_HEADS = _NAME_NOUNS | _SUBJECT_HEADS | {fold_word(w) for w in "وزارة دائرة صندوق".split()}
# names spelled with a leading و that is not the conjunction
_WAW_NAMES = {fold_word(w) for w in "وليد وائل وديع وفاء وسام وجدي وهيب وحيد وضاح وصفي ولي وهبة وداد وردة".split()}

# the verb may carry an object pronoun: فأجابه مدير المنتدى، وسألها الصحافي
# Verbs spelled like frequent nouns (طلب request, نقل transport, رد reply,
# وعد promise, ذكر mention, كشف list): verbs only after و/ف.
# Described sources whose employer follows with في (مسؤول في وزارة …).
_DESCRIBED = {fold_word(w) for w in """مسؤول مسؤولة مصدر مصادر المسؤول المصدر محلل المحلل خبير الخبير
مستشار المستشار موظف الموظف باحث الباحث ضابط الضابط عضو العضو مهندس المهندس قيادي القيادي ناشط الناشط
مسؤولون مسؤولين خبراء الخبراء محللون محللين""".split()}
# Employers: organisations a described source works in (not بيان, مؤتمر, مقابلة).
_ORG_HEADS = {fold_word(w) for w in """وزارة الوزارة شركة الشركة هيئة الهيئة جامعة الجامعة الجيش الشرطة الحكومة
مجلس المجلس مصرف المصرف بنك البنك منظمة المنظمة الأمم الاتحاد اتحاد لجنة اللجنة جهاز الجهاز مكتب المكتب
مؤسسة المؤسسة صندوق الصندوق البيت الخارجية الداخلية الحرس القوات قوات السفارة سفارة الرئاسة مستشفى المستشفى
حزب الحزب حركة الحركة المقاومة جماعة الجماعة جبهة الجبهة""".split()}

_MARKS = re.compile(r"[«»‹›“”„‟″\"'‘’]")  # ″: WordPress closes “ويندوز 10″ with a double prime

_WORD = re.compile(r"\s{1,3}(?P<w>[^\s«»‹›“”„‟\"'‘’،,.:؛;!?؟()\[\]\-–—/]{1,40})")
_WORDS_BACK = re.compile(r"[^\s«»‹›“”„‟\"'‘’،,.:؛;!?؟()\[\]\n]{1,40}")
_SENT_END = re.compile(r"(?<!\.)\.(?![.\d])|[!?؟\n]")  # ".." is a pause in Arabic press, "11.9" a number: not ends
# «…»، قال X / «…»، كما يقول X / «…»، هكذا تحدث X / «…»، حسبما يؤكد
_AFTER_VERB = re.compile(rf"\s{{0,3}}[،,؛]?\s{{0,3}}(?:و)?(?:(?:كما|هكذا|حسبما|بحسبما|مثلما){SP})?(?P<v>{alternation(_VERBS)}){E}")
_AFTER_SOURCE = re.compile(
    rf"\s{{0,3}}[،,]?\s{{0,3}}[وف]?(?P<v>بحسب|حسب|وفق|وفقا ل|طبقا ل|نقلا عن|علي حد تعبير|علي حد قول|(?:وفقا|طبقا|تبعا) ل(?=ل))"
    rf"(?:{SP}ما{SP}(?:{alternation(_VERBS)})(?:{SP}به)?)?(?=\s|(?<= ل)ل)")

# وجاء (في) (نص) البيان: the issuer's; وجاء على صفحة الفيفا: the page's owner;
# بالنسبة لياسين عدنان، يبقى المؤكد أن «…»: the person it is for, when a person is tagged there
# «…» على حد قوله / تعبيرها: the pronoun is the speaker of the speech before
_HIS_WORDS = re.compile(r"\s{0,3}[،,]?\s{0,3}(?P<v>علي\s{1,3}حد\s{1,3}(?:قول|تعبير)(?:ه|ها|هم))(?!\w)")
# «…». يقول الشيف مارون شديد: a present-tense verb after the full stop names who said it
_AFTER_STOP_VERB = re.compile(r"[ \t]{0,2}\.[ \t]{1,3}(?P<v>يقول|تقول|يضيف|تضيف|يوضح|توضح|يؤكد|تؤكد|يشرح|تشرح|يعلق|تعلق"
                              r"|يروي|تروي|يتابع|تتابع)(?!\w)")

# نقلت … عن X، رئيس …، قوله / عن X، أن: X up to its apposition
_NAQL_VERBS = {fold_word(w) for w in "نقل نقلت نقلوا ينقل تنقل ناقلا".split()}

# تغريدة للناشط علي النعيمي، جاء فيها: «…» / تغريدة لخادم الحرمين الشريفين كان نصها: «…»:
# the writing's author, after its ل, wrote the words
_WRITING_OF = re.compile(
    rf"(?<!\w)(?:تغريده|تغريدات|تدوينه|رساله|منشورا?|مقالا?|كلمه|خطابا?)(?:{SP}(?:اخري|جديده|سابقه))?{SP}ل"
    rf"(?P<s>[^\s.\n«»\"“”:،,][^.\n«»\"“”:،,]{{1,60}}?){OSP}[،,]?{OSP}"
    rf"(?P<v>(?:جاء|قال|كتب|يقول|تقول)(?:{SP}فيها|{SP}فيه)?|(?:كان{SP})?نصها|نصه){OSP}:?{OSP}$")
_WRITING_WINDOW = 120


def _last_of(chars: str):
    """A matcher of the last of ``chars`` in a string: ``m.end() - 1`` is where
    ``max(s.rfind(c) for c in chars)`` is, in one C pass (greedy ``.*``
    backs off to it) instead of a generator of rfinds per call."""
    return re.compile(r"(?s:.*)[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "]").match


def _is_verb(w: str) -> bool:
    """A reporting verb, with or without و/ف attached."""
    return w in _VERBS or (w[:1] in "وف" and w[1:] in _VERBS)


# words that make a few words speech rather than a term: particles, pronouns,
# verbs in -ون / -نا / -وا, future سـ (الناس يريدون، كنا نتصدى، سنلعب)
_SPEECHLIKE = re.compile(r"(?<!\w)(?:لا|لن|لم|قد|لقد|سوف|ما|انا|نحن|انت|انتم|هو|هي|هم|ليس|لسنا|كان|كانت|كنا|كنت)(?!\w)"
                         r"|(?<!\w)[يت]\w{2,12}ون(?!\w)|\w{2,12}(?:نا|وا)(?!\w)|(?<!\w)س[نيتا]\w{2,12}")

_DAYS = "الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت"

# heads of a title the name of its holder may follow after a place or body
# (المتحدث الرسمي لهيئة الهلال الأحمر بمنطقة المدينة المنورة خالد السهلي)
_TITLE_HEADS = {w[2:] if w.startswith("ال") else w for w in _SUBJECT_HEADS | _DESCRIBED} | {
    fold_word(w) for w in "متحدث ناطق مشرف منسق قيادي رئيس سفير مندوب مبعوث مساعد وكيل".split()} | {
    fold_word(w) for w in "مدربة لاعبة قائدة مشرفة منسقة ناشطة ناطقة باحثة مهندسة موظفة مندوبة مبعوثة زعيمة".split()}

_HOLDER_TITLES = {fold_word(w) for w in L.GENDERED_TITLES} | {fold_word(w) for w in "لواء عقيد عميد فريق أستاذ د.".split()}

_HOLDER_GAP = re.compile(r"[.!?؟\n:«»‹›“”„‟″\"'‘’،,;؛()]")

_SOME_OF = {fold_word(w) for w in "أحد إحدى بعض".split()}

# an indefinite accusative participle or adverb (مدافعا، مستدركا، مؤخرا):
# م, a consonant, then -ا; names like ماريا، مونيكا have a long vowel second
_ADVERBIAL = re.compile(r"م[^اويى\s]\w{2,8}ا")


_ACCUSATIVES = {fold_word(w) for w in "شيئا بعضا جزءا كثيرا".split()}  # objects written without their tanween
_ADVERB_WORDS = {fold_word(w) for w in L.ADVERBIAL_ACCUSATIVES}
# a nisba adverb (سياسيا، اقتصاديا، إعلاميا): -يا after a consonant, six letters or more
_NISBA_ADVERB = re.compile(r"[^\W\d]{3,16}[^\W\dاويى]يا")

_OBJECT_VERBS = {fold_word(w) for w in "وصف وصفت يصف تصف اعتبر اعتبرت يعتبر تعتبر".split()}


def _describes(w: str) -> bool:
    """وصف/اعتبر in any form, with or without و/ف: what follows is what is described, never who speaks."""
    return w in _OBJECT_VERBS or w[1:] in _OBJECT_VERBS


_LAST_PREVERBAL_BREAK = _last_of(".!?؟\n:«»\"“”()،,؛;")  # (… على ذلك؛ فهذا الرئيس يقول)

_MAX_ENTITY = 120  # longest mention looked back for when finding overlaps

_WAW_NOUNS = {fold_word(w) for w in "واحد وزير وكيل والد والي وسيط".split()}  # و-words that are no «and + verb»

_CARRY = 2500

# a one-letter title or initial before a name: د. (doctor), م. (engineer), أ. (professor)
_TITLE_DOT = re.compile(r"(?<![\w.])[^\W\d]\.(?=[ \t]{1,3}[^\W\d])")  # (and initials: ستيفن ج. هينتغس)

# Latin initials spelled out before a surname (سارة جيه. ميتشيل، مايكل إف. هيل), folded
_SPELLED_INITIALS = ("جيه", "كيه", "اتش", "دبليو", "ايه", "اف", "اس", "ار")

_ORDINALS = {fold_word(w) for w in """الأول الثاني الثالث الرابع الخامس الأخير الأولى الثانية الثالثة الأخيرة
والثاني والثالث والرابع والأخير أولا ثانيا ثالثا رابعا أخيرا""".split()}

# the narrator's kin as a subject (وبدأ والدي الحديث فقال، وربتت أمي على شعري وقالت)
_KIN = {fold_word(w): g for ws, g in (("والدي أبي زوجي ابني أخي شقيقي جدي عمي خالي", "m"),
                                       ("والدتي أمي زوجتي ابنتي أختي شقيقتي جدتي عمتي خالتي", "f")) for w in ws.split()}

# plural verbs: their subject is a group, not the person named before
_PLURAL_VERBS = ({fold_word(w) for w in L.REPORTING_VERBS if w.endswith(("وا", "ون", "ين", "تا"))} | {
    fold_word(w) for w in "قالا أكدا أضافا".split()}) - {fold_word(w) for w in "لافتا يبين".split()}

# the titles an honorific pronoun stands for (سموه: صاحب السمو الأمير X; معاليه: معالي الوزير X)
_HONOURED_BY = {fold_word(p): {fold_word(w) for w in ws.split()} for ps, ws in (
    ("سموه سموها", "سمو السمو الأمير الأميرة"), ("معاليه معاليها", "معالي الوزير وزير الوزيرة وزيرة"),
    ("سعادته سعادتها", "سعادة"), ("فضيلته", "فضيلة الشيخ"), ("سيادته", "سيادة الرئيس"), ("جلالته", "جلالة الملك"),
    ("دولته", "دولة رئيس")) for p in ps.split()}

_BROKEN_PLURALS = {fold_word(w) for w in """أهالي خبراء طلاب سكان ناس أطباء علماء شباب عمال أعضاء نشطاء زعماء قادة
وزراء نواب شهود ركاب مسؤولو ممثلو البعض بعض""".split()}

# what a person says, in construct with the person (لغة فاروفاكيس، تصريحات روحاني، تغريدة X):
# the words are the verb's object or topic, the person is the speaker
_UTTERANCE_NOUNS = {fold_word(w) for w in """لغة تصريحات تصريح بيان تغريدة تغريدات كلام كلمة حديث رسالة خطاب
مقال رد تعليق أقوال قول عبارة تدوينة منشور مداخلة إجابة جواب وصف""".split()}

_NASAB = {fold_word(w) for w in "بن ابن أبو آل عبد".split()}

_SPEAKER_PREPOSITIONS = {fold_word(w) for w in "في من إلى الى على عن مع حول ضد".split()}

_POSSESSIVE = re.compile(r"(?:ته|تها|تهم|ها|هم|هما|كم|ه)$")

