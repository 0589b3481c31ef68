"""Direct quotations and who said them.

``find_quotes(text, entities=())`` is the string-level function;
``extract_quotes`` applies it to a shard. How it decides:

1. **Marks.** « » “ ” „ " ' ‘ ’ are paired left to right with a small stack.
   Context decides which way a symmetric mark faces (`"` after a space and
   before a letter opens), and a `»` that stands where an opening mark would
   (`و»حركة أمل»`, ` »الأرقام…`) opens. An opening mark left unclosed at the
   end of its paragraph closes there (wire copy often drops the last mark);
   apostrophes inside Latin words are not marks. Only outermost pairs count:
   a quote nested inside a quote stays part of the outer one.
2. **Speech or name.** Short contents (≤ 4 words) are quotes only when a
   reporting cue is right before them (`أن/إن/بأنه`, a colon, the reporting
   verb, `بـ` after one) *and* the clause ends after them; otherwise they are
   names or scare quotes (`«القاعدة»`, `الجماعات «المتطرفة»`). Contents
   after a name-introducing noun (`صحيفة، حركة، تنظيم، قناة، ملعب…`) are
   names up to 12 words. Longer contents are quotes, with or without speaker.
3. **Speaker.** The nearest reporting verb before the quote in the same
   sentence (قال، أكد، أضاف… in all persons, and participles مضيفاً،
   مشدداً…): its written subject is the speaker, cut before sourcing and
   adverbial phrases (`في بيان`, `لوكالة…`, `للصحافيين`, `،`) and, when
   entities are given, at the end of the first person (or organisation) of
   two words or more inside it. Speaker = the whole subject phrase as written (title + name,
   `مصدر أمني رفيع`, `وزارة الصحة`). With no written subject (`وأضاف:`,
   `مشدداً على أن`) the speaker is the last written subject of a speech verb
   before it, or, with entities, the subject of its own sentence's verb
   (`وقدّر المحافظ مروان عبود الخسائر…، معتبراً أن «…»`). Also:
   `نقلت … عن X قوله`, `وكان X قد قال`, and after the quote `«…»، قال X` /
   `بحسب (ما قال) X`. A quote opening the paragraph after an unclosed quote
   continues its speaker. Otherwise the speaker is empty; the quote is kept.
   ``speaker_entity_id`` is the PER (else ORG) entity overlapping the speaker.
4. **Who, not to whom.** An outlet after ل (لرويترز، لـ«الجريدة»، للصحفيين،
   عنه) is the addressee. A pronoun subject (وأضاف سموه) and a verb with no
   subject take the last speaker (at most 2,500 characters back), or a person
   who was the subject of a reporting verb in the sentence before, or, with
   none, the last person tagged before it in the paragraph. A document
   (وأضاف البيان، وجاء نص البيان) speaks for the organisation that issued it;
   a definite unnamed source (المصدر) is the indefinite one introduced
   earlier (مصدر دبلوماسي تركي). With no overlapping entity the id comes from
   a person named in the text: the name inside the speaker, or its last
   word (وأردف الغانم → مرزوق الغانم). An organisation the speaker speaks
   for (المتحدث باسم X فلان) gives no id when a person follows it.
5. **Speech without marks.** After a reporting verb and a colon (`وقال :
   تشرفت …`), or after a tagged person opening a paragraph (`الزياني :
   ناقشنا …`), one sentence is a quote; a `"` set off by spaces after a
   speech cue opens a quote (`وقال " ان …`).
6. **More speakers** (issue 13, second pass). A title's holder named after
   a place or body is in the speaker (الباحث الأردني في الجماعات الإسلامية
   حسن أبو هنية); a subjectless verb takes the first person of its own
   sentence or clause (فيما حاول الرئيس X … قائلا), else the person the
   sentence before is about (رفض X القرار. وقال); لكنه قال the person just
   named; a quote after أن/بقوله with no verb, after a closed quote, after a
   colon ending a sentence about a person, or standing on its own (> 8 words)
   continues the speech around it; «…»، كما يقول X / هكذا تحدث X /
   حسبما يؤكد / (X في خطبة …) / بهذه الكلمات بدأ X; قول X إن «…». The
   first person (فقلت) is the memoir's narrator (مذكرات X) or nobody, and so
   is «من يقول». Abbreviations and initials (إن.بي.سي، د. ، ج.) end no
   sentence.
7. **Not quotes**, besides names: titles after بعنوان/كتاب (20 words), a
   list or name after a copula and colon (هي: «…»), short Latin after a
   colon, and a fragment of up to 12 words mid-clause with no speech cue,
   nothing speech-like and no reporting verb in its sentence.
8. **Third pass** (issue 13). Speakers end before words the tagger or the
   subject reading glued on (قاسم بالتركيز، فانينج الملقب، …الحربي الله،
   ميزاب وحدد); a bare title is the person named with it before (الوزيرة →
   ناهد عشري); one's own words after the verb are its object (يختم مقاله،
   كلاما جديدا); نقلت عنه وكالة X قوله is his; a plural verb takes a group
   or nobody; a name inside an earlier quote, a prepositional span or the
   one spoken to (قائلا له) is never the speaker. More attributions: «…».
   يقول X; على حد تعبير X / على حد قوله; وفقا للرئيس X; تغريدة للناشط X،
   جاء فيها; لكن/غير أن X before the verb; قال عليه السلام (the Prophet
   named before); the subject after لـ«…»، and after ولا/ولم; an
   interview's subjectless verb takes the person the article is about, or
   its sole speaker so far. Not quotes: one word without a cue right before
   it, a few words after an announcing verb before a comma (أعلنت «طيران
   الإمارات»،) or after a copula (هي «…»), ordinals before a colon.
9. **Fourth pass** (issue 13). Not quotes: a few words in marks that only
   name (لـ«الشرق الأوسط»، حسبما نقلت «رويترز»، one tagged name alone). More
   speakers: an honorific pronoun (وقال معاليه، ورحب سموه … وقال) is the one
   titled so earlier; أما X، apposition، فقال; the holder after المشرف العام
   على …; غرد reports; أن النبي ﷺ قال; أعلن X في بيان. وقال: X; ونقل موقع X
   عنه قوله; وقد كتب; ويقال إن X; كان X قال (no قد); أن + a tagged name +
   verb; a list of sayings «X: «…»»; the one presiding (برئاسة X، الذي قال);
   بيان لـX. Spans cut: an addressee with ل after the name, a manner phrase
   or بما يلي, a feeling with the subject's pronoun (سعادته), whom أبلغ
   informs; a lineage the tagger cut (متولي أبو | سالم) runs on. No subject:
   a verb right after أنه/إنها (its pronoun is), a participle after ونفى أن
   يكون X; a masculine finite verb never continues a body with a feminine
   head; the writer's أقول/نقول is nobody's quote and opens no colon speech.
10. **Fifth pass** (issue 13). A Sabq byline (NAME- سبق- CITY:) names its
   reporter, never a speaker nor a carried one. A speech verb with no speaker
   takes the subject of the verb of action opening its clause (من جانبه، عبر
   اللاعب X عن سعادته، مضيفا؛ ولم تستبعد الممثلة X … وقالت؛ أخلت الشركة …،
   وقالت), its object cut off (a tagged place, قصارى جهده، المشاركة، a name of
   two words after a definite title), the tagged name winning over its
   title; not a verbal noun, not the interviewer (مقابلة مع X)، and a bare
   title yields to the tagged person quoted before. An untagged title
   between أن and its verb is its subject (أن سمو أمير منطقة القصيم قال); a
   carry does not go on with the subject inside another's reported clause
   (ذكر المتحدث X أن الاتحاد يعتبر … ⏎ وأضاف: X). Spelled initials (سارة جيه.
   ميتشيل) end no sentence and stay in the name; عليّ is «to me».
11. **Sixth pass** (issue 13). Spans: a family name the tagger cut off
   stays (اللواء عبد الله | صبيحي لوكالة، محمد رحيم | امين حاكم …), and so
   does an untagged name after a title and its body (وزيرة خارجية الاتحاد
   الأوروبي فيديريكا موغيريني للصحافيين); feminine titles (مدربة، باحثة)
   and a title the tagger took for a person (القيادي) end at their holder;
   صباح opening a tagged name is the name; verbs joined by و before a name
   (وسكت وأرخى عمر) and «تلقت «X» نسخة منه» after a statement are not in
   it; وكان X قد قال reads a name in marks as a word of X. Speakers: الذي
   قال عنه X (the relative is the object); أن سموه قال (the one titled so,
   not the statement); وأوصى X، بحسب البيان، بـ«…» (X, not the statement).
   A colon inside a marked quote opens no speech of its own. A speaker cut
   at a name in marks keeps its closing mark (تقرير شركة «كي بي إم جي»);
   يوم ends a subject; a stance with the subject's pronoun (أكد حرصه) is
   the object; و + a definite noun (والتنمية البشرية) stays in the body
   between a title and its holder.
``is_unnamed_speaker`` tells unnamed sources and bare titles (مصدر أمني،
الوزير، البيان), which aggregate.speakers_daily keys per document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple, Sequence

from khabar import schemas
from khabar.arabic import FATHATAN, HAMZA_TO_YEH, SHADDA, char_class
from khabar.extract import lexicon as L
from khabar.extract.agreement import body_disagrees, disagree, is_given_name, learned_genders, speaker_gender, verb_gender
from khabar.extract.fold import fold, fold_word, keep_letters
from khabar.extract.lexicon import B, E, OSP, SP, alternation
from khabar.extract.title_holders import REACH as TITLE_REACH, holder_before
from khabar.ner.features import strip_article

_COLON_BREAK = re.compile(r"[^.!?؟\n«»\"“”]{0,120}:\s{0,6}")  # وكتبت: ⏎ «…»

# first-person verbs of saying: the narrator of a memoir speaks (فقلت: «…»),
# who is named nowhere in the text (قلت، أجبت are never third person)
_WRITER_SAYS = {fold_word(w) for w in "أقول نقول قلنا".split()}  # the writer's own voice: «…» after it is nobody's quote
_FIRST_PERSON = {fold_word(w) for w in "قلت أجبت أضفت رددت أجبته أجبتها".split()} | _WRITER_SAYS
_VERBS = {fold_word(v) for v in L.REPORTING_VERBS} | {w for w in _FIRST_PERSON if not w.endswith(("ه", "ها"))}
_PARTICIPLES = {fold_word(v) for v in L.REPORTING_PARTICIPLES}
_NAME_NOUNS = {fold_word(w) for w in L.NAME_NOUNS}
_STOPS = {fold_word(w) for w in L.SUBJECT_STOPS} | {
    fold_word(w) for w in "فيه فيها عليه عليها منه منها عنه عنها له لها إليه إليها به بها لهم معه".split()} | {
    fold_word(w) for w in "بهذا بهذه".split()}  # (وقال بهذا الخصوص، ويقول بهذا الصدد: about this, no one)
# stops that also end a subject with a conjunction attached (وفي، وخلال); not
# all stops: والي (governor) is و + إلى once folded.
_AND_STOPS = {fold_word(w) for w in "في خلال ذلك أمس اليوم من عن مع أمام عبر".split()}
_COMPLEMENTISERS = {fold_word(w) for w in "أن إن بأن بإن أنه أنها أنهم إنه إنها إنهم بأنه بأنها بأنهم لأن فإن "
                    "أنني إنني أننا إننا بأنني بأننا لأنه لأنها وأن وبأن وأنه وأنها".split()}
_PREPOSITIONS = {fold_word(w) for w in L.PREPOSITIONS}
# Folded words that are stops in one spelling and names in another.
_AMBIGUOUS = {"علي": {"على"}, "ان": {"أن", "إن", "ان"}}
_RELATIVES = {fold_word(w) for w in "الذي التي الذين اللذين اللتين اللواتي اللاتي".split()}
_QUOTE_INTRO = {fold_word(w) for w in "قوله قولها قولهم بقوله بقولها بالقول".split()}
_ADDRESSEE = {fold_word(w) for w in L.ADDRESSEE_WORDS}
# ل + an outlet (لرويترز، للجزيرة، لوسائل): said to it; ends a subject too
_MEDIA = {fold_word(w) for w in L.ADDRESSEE_MEDIA}
_TO_MEDIA = {"ل" + w for w in _MEDIA} | {"ل" + w[1:] for w in _MEDIA if w.startswith("ال")}
# the rest of a multi-word outlet name after its first word (لفرانس برس)
_MEDIA_TAILS = {fold_word(w) for w in "برس بريس نيوز بي سي إن ان عربية 24 الإخبارية".split()}
_PRONOUNS = {fold_word(w) for w in L.PRONOUN_SUBJECTS}
_DOCUMENTS = {fold_word(w) for w in L.DOCUMENT_NOUNS}
_UNNAMED = {fold_word(w) for w in L.UNNAMED_SOURCE_HEADS}
_OBJECT_HEADS = {fold_word(w) for w in L.OBJECT_HEADS}
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
_TITLE_NOUNS = {fold_word(w) for w in "عنوان بعنوان شعار بشعار وسم هاشتاغ اسم مسمى بمسمى عبارة بعبارة".split()}
# works whose title may follow a colon (وأيضا كتاب: «متى يمكننا الثقة…؟»); bare
# forms only: «قال في كتابه: "…"» quotes the book
_WORK_NOUNS = {fold_word(w) for w in "كتاب رواية فيلم مسلسل قصيدة ديوان مسرحية أغنية ألبوم برنامج".split()}
# ... and so are their plurals with a possessive (ومن أشهر كتبه: «…»، أول أفلامها «…»); the singular
# with a possessive is quoted from (قال في كتابه: «…»)
_WORK_OWNED = re.compile(r"(?:كتاب|روايت|فيلم|مسلسل|ديوان|مسرحيت|اغنيت|البوم|برنامج)(?:ه|ها|هم)")
_WORKS_OF = {fold_word(w) for w in """كتبه كتبها رواياته رواياتها أفلامه أفلامها مؤلفاته مؤلفاتها دواوينه قصائده قصائدها
مسرحياته مسرحياتها أغانيه أغانيها مسلسلاته مسلسلاتها برامجه برامجها""".split()}
_TITLE_MAX_WORDS = 20  # a report's or campaign's title after بعنوان can be a whole headline
# a copula before the colon introduces a name or list, not speech (رواية جديدة هي: «…»)
_LIKE = {fold_word(w) for w in "مثل ومثل".split()}  # examples are names: مثل «دوار هيشر»
_COPULAS = {fold_word(w) for w in "هي هو وهي وهو هما".split()}
_NOUNLIKE = {fold_word(w) for w in "طلب نقل رد وعد ذكر كشف حث نسب ختم يتابع تتابع وصف زاد يواصل سجل سجلت أورد أوردت أوردته توقع".split()}  # (سجل: a record; سجلت خسائر: recorded losses; بحسب ما أورد: a source)  # (يتابع: also watches)
_AFTER_ADVERB = [[w] for w in "فيما ثم كما بينما حين عندما وقد قد لقد فقد جهته جانبه جهتها جانبها بدوره بدورها".split()]
# (only after و/ف: "بيان نقلته وكالة" is a relative clause, not the attribution)
# ... and after ما with its object pronoun: (م)ما قاله الوزير
_VERB_RE = re.compile(rf"{B}(?:(?P<c>[وف])(?P<cv>{alternation(_VERBS)})(?:ه|ها|هم)?"
                      rf"|(?<=ما )(?P<mv>{alternation(_VERBS)})(?:ه|ها|هم)|(?P<v>{alternation(_VERBS)})){E}")
_MARKS = re.compile(r"[«»‹›“”„‟″\"'‘’]")  # ″: WordPress closes “ويندوز 10″ with a double prime
_FAMILY = {"«": "g", "»": "g", "‹": "g", "›": "g", "“": "d", "”": "d", "„": "d", "‟": "d", "″": "d", '"': "d",
           "'": "s", "‘": "s", "’": "s"}
_WORD = re.compile(r"\s{1,3}(?P<w>[^\s«»‹›“”„‟\"'‘’،,.:؛;!?؟()\[\]\-–—/]{1,40})")
_WORDS_BACK = re.compile(r"[^\s«»‹›“”„‟\"'‘’،,.:؛;!?؟()\[\]\n]{1,40}")
_SENT_END = re.compile(r"(?<!\.)\.(?![.\d])|[!?؟\n]")  # ".." is a pause in Arabic press, "11.9" a number: not ends
# «…»، قال X / «…»، كما يقول X / «…»، هكذا تحدث X / «…»، حسبما يؤكد
_AFTER_VERB = re.compile(rf"\s{{0,3}}[،,؛]?\s{{0,3}}(?:و)?(?:(?:كما|هكذا|حسبما|بحسبما|مثلما){SP})?(?P<v>{alternation(_VERBS)}){E}")
_AFTER_SOURCE = re.compile(
    rf"\s{{0,3}}[،,]?\s{{0,3}}[وف]?(?P<v>بحسب|حسب|وفق|وفقا ل|طبقا ل|نقلا عن|علي حد تعبير|علي حد قول|(?:وفقا|طبقا|تبعا) ل(?=ل))"
    rf"(?:{SP}ما{SP}(?:{alternation(_VERBS)})(?:{SP}به)?)?(?=\s|(?<= ل)ل)")
_BEFORE_SOURCE = re.compile(r"(?<!\w)[وف]?(?P<v>بحسب|حسب|وفق|وفقا ل|طبقا ل|نقلا عن|علي لسان|علي حد تعبير|علي حد قول|قول|مقوله"
                            r"|جاء(?:\s{1,3}في)?(?:\s{1,3}نص)?)(?=\s)"
                            r"|(?<!\w)(?P<for>بالنسبه\s{1,3}ل|[وف]?بتعبير\s{1,3}|(?<=جاء )(?:علي|في)\s{1,3}(?:صفحه|حساب|موقع)\s{1,3})(?=[^\W\d])")
# وجاء (في) (نص) البيان: the issuer's; وجاء على صفحة الفيفا: the page's owner;
# بالنسبة لياسين عدنان، يبقى المؤكد أن «…»: the person it is for, when a person is tagged there
# «…» على حد قوله / تعبيرها: the pronoun is the speaker of the speech before
_HIS_WORDS = re.compile(r"\s{0,3}[،,]?\s{0,3}(?P<v>علي\s{1,3}حد\s{1,3}(?:قول|تعبير)(?:ه|ها|هم))(?!\w)")
# «…». يقول الشيف مارون شديد: a present-tense verb after the full stop names who said it
_AFTER_STOP_VERB = re.compile(r"[ \t]{0,2}\.[ \t]{1,3}(?P<v>يقول|تقول|يضيف|تضيف|يوضح|توضح|يؤكد|تؤكد|يشرح|تشرح|يعلق|تعلق"
                              r"|يروي|تروي|يتابع|تتابع)(?!\w)")
_NAQL_AN = re.compile(rf"(?<!\w)(?:عن|الي){SP}(?P<s>[^.\n«»\"“”:،]{{2,80}}?){SP}(?:{alternation(_QUOTE_INTRO)}){E}")
# نقلت … عن X، رئيس …، قوله / عن X، أن: X up to its apposition
_NAQL_VERBS = {fold_word(w) for w in "نقل نقلت نقلوا ينقل تنقل ناقلا".split()}
_NAQL_COMMA = re.compile(rf"(?<!\w)عن{SP}(?P<s>[^.\n«»\"“”:،]{{2,60}}?){OSP}،[^.\n«»\"“”:]{{0,120}}?"
                         rf"(?:{alternation(_QUOTE_INTRO)}|ان|انه|انها|بان|بانه|بانها)(?!\w)")
# ... and X with a short name in marks inside (عن قيادي في كتائب «حمزة» الفاعلة …، أن)
_NAQL_COMMA_NAMED = re.compile(rf"(?<!\w)عن{SP}(?P<s>(?:[^.\n«»\"“”:،]|[«\"“][^.\n«»\"“”:،]{{1,40}}[»\"”]){{2,80}}?){OSP}،"
                               rf"[^.\n«»\"“”:]{{0,120}}?(?:{alternation(_QUOTE_INTRO)}|ان|انه|انها|بان|بانه|بانها)(?!\w)")


def _naql_named(t: str, ve: int) -> re.Match | None:
    """_NAQL_COMMA_NAMED after ``ve``, only when the source has a name in marks (else _NAQL_COMMA read it)."""
    m = _NAQL_COMMA_NAMED.search(t, ve, min(len(t), ve + 240))
    return m if m and _MARKS.search(t, m.start("s"), m.end("s")) else None


# one's own words with a possessive pronoun (مقاله، كلمتها، تصريحاته، يروي حكايته): the object of the verb, never its subject
_OWN_WORDS = re.compile(r"(?:مقال|كلمت|حديث|تصريح|تصريحات|رسالت|خطاب|تغريدت|تغريدات|بيان|جواب|اجابت|رد|تعليق|كتاب"
                        r"|مداخلت|قصيدت|كلمات|حوار|حكايت|قصت|روايت|تجربت)(?:ه|ها|هم)(?!\w)"
                        r"|(?:كلاما|حديثا|تصريحا|قولا)(?!\w)")  # (وقالت للصحافيين كلاما جديدا: an object, indefinite too)
_NAQL_FROM_HIM = re.compile(r"\s{1,3}عن(?:ه|ها|هم|هما)(?!\w)")
_KANA = re.compile(rf"(?<!\w)[وف]?كان(?:ت)?{SP}(?P<s>[^.\n«»\"“”:،]{{2,80}}?){SP}قد{SP}$")
# كان X يقول (a habit, no قد): the subject between; a رحمه الله after a name is not part of it
_KANA_PRESENT = re.compile(rf"(?<!\w)[وف]?كان(?:ت)?{SP}(?P<s>[^.\n«»\"“”:،]{{2,60}}?)"
                           rf"(?:{SP}(?:رحمه|رحمها|يرحمه|يرحمها){SP}الله)?{SP}$")
# Scripture quoted by whom the text names: a verse after قال (الله) تعالى /
# لقوله تعالى, a hadith after قال رسول الله ﷺ / لقوله صلى الله عليه وسلم. The
# speaker is the divine name or the Prophet as written; matched against a
# bounded window before the mark, so linear-time.
_SAY_FORMS = r"(?:[وف]?(?:قال|يقول)|[وفلبك]?قوله?)"
_DIVINE = re.compile(rf"(?<!\w){_SAY_FORMS}{SP}(?P<s>(?:(?:الله|الحق|المولي){SP})?"
                     rf"(?:تعالي|سبحانه(?:{SP}وتعالي)?|عز{SP}وجل|جل{SP}(?:وعلا|شانه)))"
                     rf"(?:{SP}في{SP}(?:محكم{SP})?(?:كتابه|تنزيله)(?:{SP}(?:الكريم|العزيز))?)?{OSP}[:،]?{OSP}$")
_BLESSING = rf"(?:ﷺ|صلي{SP}الله{SP}عليه{SP}وسلم|عليه{SP}(?:افضل{SP})?الصلاه{SP}والسلام|\(ص\))"
_PROPHET = re.compile(rf"(?<!\w){_SAY_FORMS}{SP}(?P<s>رسول{SP}الله|النبي|الرسول|الحبيب|المصطفي)(?:{SP}محمد)?"
                      rf"{OSP}{_BLESSING}{OSP}[:،]?{OSP}$")
# (روى مسلم أن) النبي ﷺ قال: «…»: the Prophet named before the verb, the blessing between
_PROPHET_SAID = re.compile(rf"(?<!\w)(?P<s>رسول{SP}الله|النبي|الرسول|المصطفي)(?:{SP}محمد)?{OSP}{_BLESSING}{OSP}"
                           rf"(?:كان{SP})?(?P<v>قال|يقول){OSP}[:،]?{OSP}$")
_SCRIPTURE_WINDOW = 90
# قال عليه (الصلاة و)السلام: «…»: the blessing stands for the Prophet the text named before
_SAID_BLESSED = re.compile(rf"(?<!\w)[وف]?(?P<v>قال|يقول){SP}عليه{SP}(?:افضل{SP})?(?:الصلاه{SP}و)?السلام{OSP}[:،]?{OSP}$")
_PROPHET_NAMED = re.compile(r"(?<!\w)(?:رسول\s{1,3}الله|النبي|الرسول)(?!\w)")
_PROPHET_REACH = 400


def _blessed_speaker(r: "_Reading", o: int) -> "_Attribution | None":
    lo = max(0, o - _SCRIPTURE_WINDOW)
    m = _SAID_BLESSED.search(r.t, lo, o)
    if not m:
        return None
    vs, ve = m.start("v"), m.end("v")
    named = list(_PROPHET_NAMED.finditer(r.t, max(0, vs - _PROPHET_REACH), vs))[-1:]
    return (vs, ve), (_Speaker(named[0].start(), named[0].end(), vs, ve) if named else None)


# تغريدة للناشط علي النعيمي، جاء فيها: «…» / تغريدة لخادم الحرمين الشريفين كان نصها: «…»:
# the writing's author, after its ل, wrote the words
_WRITING_OF = re.compile(
    rf"(?<!\w)(?:تغريده|تغريدات|تدوينه|رساله|منشورا?|مقالا?|كلمه|خطابا?)(?:{SP}(?:اخري|جديده|سابقه))?{SP}ل"
    rf"(?P<s>[^\s.\n«»\"“”:،,][^.\n«»\"“”:،,]{{1,60}}?){OSP}[،,]?{OSP}"
    rf"(?P<v>(?:جاء|قال|كتب|يقول|تقول)(?:{SP}فيها|{SP}فيه)?|(?:كان{SP})?نصها|نصه){OSP}:?{OSP}$")
_WRITING_WINDOW = 120
# تعليقات في موقع «فيسبوك» كتبها خالد بحاح، رئيس وزراء اليمن، جاء فيها: «…»: the writer named after كتبها
_WRITTEN_BY = re.compile(rf"(?<!\w)(?:كتبها|كتبه|نشرها|نشره|دونها|دونه|القاها|القاه){SP}"
                         rf"(?P<s>[^\s.\n«»\"“”:،,](?:[^.\n«»\"“”:،,]|\.(?=[^\W\d])){{1,50}}?){OSP}[،,]?[^.\n«»\"“”:]{{0,60}}?"
                         rf"(?P<v>(?:جاء|قال|يقول){SP}(?:فيها|فيه)){OSP}:?{OSP}$")
_WRITTEN_WINDOW = 200
_NOT_AUTHOR_WORDS = {fold_word(w) for w in "في حيث الذي التي من عن مع عند خلال".split()}  # (not على: علي is Ali)
_WRITING_NOT_AUTHOR = re.compile(r"(?:ه|ها|هم|هما|نا|ي)(?!\w)")  # كلمة له: his, named before


def _writing_of(r: "_Reading", o: int) -> "_Attribution | None":
    """A quote of a tweet, letter or article whose author follows its ل: the
    person tagged there, else the words after ل (a title written لل… loses
    its first word: للناشط عارف → عارف)."""
    m = _WRITING_OF.search(r.t, max(0, o - _WRITING_WINDOW), o)
    if not m:
        w = _WRITTEN_BY.search(r.t, max(0, o - _WRITTEN_WINDOW), o)
        # the writer tagged right after كتبها (تغريدة كتبها د.ريان كركدان في تويتر قال فيها:)
        per = w and next((x for x in r.ents.starting(w.start("s"), w.start("s") + 6) if x[2] in ("PER", "ORG")), None)
        return ((w.start("v"), w.end("v")), _Speaker(per[0], per[1], w.start("v"), w.end("v"))) if per else None
    if _WRITING_NOT_AUTHOR.match(r.t, m.start("s")):
        return None
    s, e = m.span("s")
    if any(w in _NOT_AUTHOR_WORDS for w in r.t[s:e].split()):
        return None  # في كلمة له عفوية في الجامعة حيث قال: no author after ل
    per = next((x for x in r.ents.starting(s, e + 1) if x[2] in ("PER", "ORG") and x[1] <= e + 1), None)
    if per:
        s, e = per[0], per[1]
    elif r.t[s] == "ل":  # للناشط عارف عمر: the article's alef is not written
        title = _WORDS_BACK.match(r.t, s)
        rest = _WORDS_BACK.search(r.t, title.end(), e) if title else None
        if not rest:
            return None
        s = rest.start()
    return (m.start("v"), m.end("v")), _Speaker(s, e, m.start("v"), m.end("v"))


def _scripture(r: "_Reading", o: int) -> "_Attribution | None":
    """A verse or hadith opening at ``o``, attributed as the text does."""
    lo = max(0, o - _SCRIPTURE_WINDOW)
    window = r.t[lo:o]
    m = _DIVINE.search(window) or _PROPHET.search(window)
    if not m:
        said = _PROPHET_SAID.search(window)
        if said:
            vs, ve = lo + said.start("v"), lo + said.end("v")
            return (vs, ve), _Speaker(lo + said.start("s"), lo + said.end("s"), vs, ve)
        return _blessed_speaker(r, o)
    vs, ve = _strip_spaces(r.t, lo + m.start(), lo + m.start("s"))
    if r.t[vs] in "وف" and r.t[vs + 1 : ve] in ("قال", "يقول"):
        vs += 1  # the verb without its conjunction, as elsewhere
    return (vs, ve), _Speaker(lo + m.start("s"), lo + m.end("s"), vs, ve)


_MAX_DEPTH = 8
_NAME_MAX_WORDS = 12  # titles after كتاب، برنامج، شعار can be long
_SHORT = 4


class Quote(NamedTuple):
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_entity_id: str | None
    speaker_start: int | None
    speaker_end: int | None
    verb: str | None


class _Speaker(NamedTuple):
    start: int  # folded
    end: int
    verb_start: int
    verb_end: int


def _faces(t: str, i: int, ch: str) -> str:
    """'open', 'close' or '' for the mark at ``i``, from its neighbours."""
    left = t[i - 1] if i else " "
    right = t[i + 1] if i + 1 < len(t) else " "
    left_open = left.isspace() or left in "([{:،,؛;-—–" or (
        left in "وفبلك" and (i < 2 or t[i - 2].isspace() or t[i - 2] in "(:،,"))
    right_word = not right.isspace() and right not in "،,.؛;:!?؟)"
    if ch == "“" and not left.isspace() and not right_word and left not in "([{:،,؛;-—–":
        return "close"  # “…“: the opening mark used again to close
    if ch in "«‹„‟“":
        return "open"
    if ch == "″":
        return "close"
    if ch in "»›”":  # a closing mark standing where an opening one would: و»حركة
        return "open" if left_open and right_word else "close"
    if ch in "'’‘":
        if left.isascii() and left.isalpha() and right.isascii() and right.isalpha():
            return ""  # apostrophe in a Latin word
        if ch == "‘" or (left_open and right_word and right.isalpha()):
            return "open"
        return "close" if not left.isspace() else ""
    if left_open and right_word:
        return "open"
    if not left.isspace():
        return "close"
    return "close" if not right_word else "open"


_CUE_BEFORE = re.compile(rf"(?:{B}(?:[وف]?(?:{alternation(_VERBS)})|{alternation(_COMPLEMENTISERS)})|:)\s{{1,3}}$")


def _spaced_open(t: str, i: int) -> bool:
    """A `"` with spaces on both sides right after a verb, complementiser or colon."""
    if not (i + 2 < len(t) and t[i + 1] in " \t" and t[i + 2].isalpha()):
        return False
    # the cue right before the mark, or a reporting verb opening the clause (وقال مدرب الفريق " ان…)
    return bool(_CUE_BEFORE.search(t, max(0, i - 16), i)) or any(_is_verb(w) for w in _words_before(t, i, 5)[:2])


def _speech_cue_before(t: str, i: int) -> bool:
    """A reporting verb, complementiser or colon right before ``i``, or a
    reporting verb among the clause's last words (قال كاميرون لشبكة … "…)."""
    return bool(_CUE_BEFORE.search(t, max(0, i - 16), i)) or any(
        _is_verb(w) for w in _words_before(t, i, 6))


def _pairs(t: str) -> list[tuple[int, int, int, bool]]:
    """Outermost quote pairs: (open mark, close mark or content end, content end, closed)."""
    out = []
    stack: list[tuple[str, int]] = []
    nl = [m.start() for m in re.finditer(r"\n", t)]

    def para_end(pos: int) -> int:
        k = bisect_right(nl, pos)
        return nl[k] if k < len(nl) else len(t)

    def flush(limit: int):
        # close what is still open at the end of its paragraph (before ``limit``)
        while stack and para_end(stack[0][1]) < limit:
            fam, pos = stack[0]
            end = para_end(pos)
            if fam != "s":
                out.append((pos, end, end, False))
            stack.clear()

    for m in _MARKS.finditer(t):
        i, ch = m.start(), m.group()
        flush(i)
        fam = _FAMILY[ch]
        way = _faces(t, i, ch)
        if way == "close" and ch == '"' and not any(f == "d" for f, _ in stack) and _spaced_open(t, i):
            way = "open"  # وقال " ان المباراة…: an opening mark set off by a space after a speech cue
        if way == "open" and ch == '"' and stack and stack[-1][0] == "d" and _SENT_END.search(t, stack[-1][1], i):
            # a " facing forward while one is open across a sentence end: the
            # open one lost its closing mark mid-paragraph (قال "أود … في صفي.
            # "نبحث …"): it ends here when a speech cue opened it (not صفة "عمل
            # ارهابي …), and a new one opens
            if len(stack) == 1 and _speech_cue_before(t, stack[0][1]):
                out.append((stack[0][1], i, i, False))
            stack.pop()
            stack.append((fam, i))
        elif way == "close" or (way == "open" and ch == '"' and stack and stack[-1][0] == "d"):
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][0] == fam:
                    if k == 0:
                        out.append((stack[0][1], i, i, True))
                    del stack[k:]
                    break
            else:
                if way == "open" and len(stack) < _MAX_DEPTH:
                    stack.append((fam, i))
        elif way == "open" and len(stack) < _MAX_DEPTH:
            stack.append((fam, i))
    flush(len(t) + 1)
    if stack and stack[0][0] != "s":
        out.append((stack[0][1], len(t), len(t), False))
    return out


# A quote that runs on past a sentence end into narration lost its closing
# mark: a sentence opening with «و/ف + reporting verb» (… السياحية.. وأضاف
# سموه: …; after ".." too, a pause elsewhere) is the writer again, so the quote ends before it. Closed quotes are
# cut so only when long: a short one with «فقال» inside is a story told.
_NARRATION_RESUMES = re.compile(rf"(?:\.(?!\d)|[!?؟\n])[^\S\n]{{0,6}}[وف](?:{alternation(_VERBS)})(?:ه|ها|هم)?{E}")
_CUT_CLOSED_FROM = 500  # a closed quote this long may hide a lost closing mark
_UNCLOSED_MAX = 600  # an unclosed quote in a paragraph without line breaks ends within this
_QUOTE_MAX = 1500  # no quote runs longer: a mark paired across half an article


def _capped(t: str, pairs: list[tuple[int, int, int, bool]]) -> list[tuple[int, int, int, bool]]:
    """``pairs`` with runaway quotes ended: at the sentence where narration
    resumes, else an unclosed one within _UNCLOSED_MAX and any within _QUOTE_MAX
    characters, at the last sentence end before the limit. The quote is then
    unclosed and stops at the sentence end, so the verb that resumes the
    narration is not read as its attribution (… . وأضاف X)."""
    out = []
    for o, c, ce, closed in pairs:
        cut = None
        if not closed or ce - o > _CUT_CLOSED_FROM:
            m = _NARRATION_RESUMES.search(t, o + 1, ce)
            cut = m.start() if m else None
        if cut is None and ce - o > (_QUOTE_MAX if closed else _UNCLOSED_MAX):
            cut = _sentence_end_before(t, o + 1, o + (_QUOTE_MAX if closed else _UNCLOSED_MAX))
        out.append((o, cut, _content_end(t, o, cut), False) if cut is not None else (o, c, ce, closed))
    return out


def _content_end(t: str, o: int, cut: int) -> int:
    """Where the content of a quote cut at ``cut`` ends: with its full stop,
    or before a closing mark of another kind just before it (إن "…بحقهم». وأضاف)."""
    k = cut
    while k > o + 1 and t[k - 1] in " \t.!?؟":
        k -= 1
    if _MARKS.match(t, k - 1):
        return k - 1
    return cut + (t[cut] in ".!?؟")


def _sentence_end_before(t: str, lo: int, hi: int) -> int:
    """The last sentence end in ``t[lo:hi]``, else the last space there (a
    word is never cut), else ``hi``."""
    last = None
    for m in _SENT_END.finditer(t, lo, hi):
        last = m
    if last:
        return last.start()
    space = t.rfind(" ", lo, hi)
    return space if space > lo else hi


def _last_of(chars: str):
    """A matcher of the last of ``chars`` in a string: ``m.end() - 1`` is where
    ``max(s.rfind(c) for c in chars)`` is, in one C pass (greedy ``.*``
    backs off to it) instead of a generator of rfinds per call."""
    return re.compile(r"(?s:.*)[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "]").match


def _cut(m) -> int:
    return m.end() - 1 if m else -1


_LAST_CLAUSE_BREAK = _last_of("،,.؛;!?؟\n«»“”\"")


def _words_before(t: str, i: int, n: int = 7) -> list[str]:
    """Up to ``n`` words before ``i`` in the same clause (stops at , . and marks)."""
    lo = max(0, i - 200)
    seg = t[lo:i]
    cut = _cut(_LAST_CLAUSE_BREAK(seg))
    seg = seg[cut + 1 :]
    return _WORDS_BACK.findall(seg)[-n:]


def _strip_clitic(w: str) -> str:
    if len(w) > 3 and w[0] in "وفبل":
        w = w[1:]
    if len(w) > 4 and w.startswith("ال"):
        w = w[2:]
    return w


_LIST_SEP = re.compile(r"[،,]")
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(f"[{char_class(HAMZA_TO_YEH)}]")


def _is_list(content: str) -> bool:
    """Three or more short items separated by commas, no sentence inside."""
    items = _LIST_SEP.split(content)
    sizes = [len(i.split()) for i in items]
    # (an item of four words among short ones: «… الأخبار، المركز الإعلامي، وروابط أخرى ذات صلة»)
    if (len(items) >= 3 and all(n <= 4 for n in sizes) and sum(n == 4 for n in sizes) <= max(1, len(items) // 4)
            and not _SENT_END.search(content)):
        return True
    # or items joined by و that repeat their head: بدل العدوى وبدل الإشراف وبدل التميز
    words = content.split()
    return (len(words) >= 4 and len(words[0]) > 2 and sum(w == "و" + words[0] for w in words) >= 2
            and not _SENT_END.search(content) and not _SPEECHLIKE.search(content))  # (لا يعترف … ولا … ولا: speech)


_LONG_LIST_ITEMS = 5  # (not «لا، لا أبدا، أبدا» or «تميزت بتواضعك، أبهرت…، وأقنعت…»: short spoken clauses)


def _long_list(content: str) -> bool:
    """A list of at least _LONG_LIST_ITEMS short items with nothing speech-like in it."""
    if content.startswith("(") or ":" in content:
        return False  # (قال الفيروز أبادي: (المشخان، ويكسر: الديوث، …): a citation)
    return len(_LIST_SEP.split(content)) >= _LONG_LIST_ITEMS and _is_list(content) and not _SPEECHLIKE.search(content)


def _mostly_latin(content: str) -> bool:
    return len(_LATIN.findall(content)) > len(_ARABIC.findall(content))


def _is_verb(w: str) -> bool:
    """A reporting verb, with or without و/ف attached."""
    return w in _VERBS or (w[:1] in "وف" and w[1:] in _VERBS)


# verbs of saying whose ل-phrase is the addressee (وقال لـ«الجريدة»)
_SAY_TO = {fold_word(w) for w in "قال قالت قالوا أضاف أضافت أكد أكدت صرح صرحت أوضح أوضحت أفاد أفادت يقول تقول كشف كشفت".split()}
# after a «name» that is the verb's subject: هددت «…» بأنها، أعلنت «…» في بيان
_SUBJECT_NAME_NEXT = re.compile(r"\s{0,3}[،,]?\s{0,3}(?:بانه|بانها|بانهم|بان|انه|انها|انهم|ان|في بيان|في تصريح|عبر|امس|اليوم)(?!\w)")
_ENDS_IN_YEAR = re.compile(r"(?:19|20)\d\d$")


def _name_by_position(t: str, attached: str, words: list[str], content: str, nwords: int, after: int,
                      colon: bool) -> bool:
    """Names told by where they stand: the addressee of a verb of saying
    (وقال لـ«الجريدة»:), the subject right after an announcing verb
    (هددت «جماعة …» بأنها), a title ending in a year with no speech cue
    (أهداف "استراتيجية دبي للطاقة 2030")."""
    if _SENT_END.search(content) or nwords > _NAME_MAX_WORDS:
        return False
    prev = words[-1] if words else ""
    verb_word = prev[1:] if prev[:1] in "وف" and prev[1:] in _VERBS else prev
    if (attached == "ل" or prev in ("ل", "لـ")) and (verb_word if attached else (words[-2:-1] or [""])[0]) in _SAY_TO:
        return True
    if verb_word in _VERBS and not colon and (_SUBJECT_NAME_NEXT.match(t, after) or t[after : after + 3].lstrip()[:1] == ":"):
        return True  # وقال "النعمي": "…": the «name» is the speaker, the speech follows the colon
    cue = colon or any(_is_verb(w) or w in _COMPLEMENTISERS for w in words[-4:])
    return not cue and nwords <= 8 and bool(_ENDS_IN_YEAR.search(content))


# after most verbs a few words in marks before a comma are a name or a term: the subject (أعلنت «طيران
# الإمارات»، كعادتها), what something is deemed (اعتبر «صفعة للحوثيين»،); after these they are what was
# said (فقال «فكرتيني يا فاتن»، وأضاف "مستوى اللاعبين تصاعدي"، قائلا "من هذا"،)
_SAY_SPEECH = {fold_word(w) for w in """قال قالت قالوا يقول تقول يقولون قائلا قائلة قائلين سأل سألت يسأل تسأل أجاب
أجابت ردد رددت أضاف أضافت يضيف تضيف تابع تابعت زاد مضيفا مضيفة""".split()}
_NAME_THEN_COMMA = re.compile(r"[ \t]{0,2}[،,][ \t]{0,2}(?!(?:قال|قالت|اضاف|اضافت|مضيفا|مضيفه|قائلا|قائله)(?!\w))[^\W\d]")
_TERM_MAX_WORDS = 12  # the longest term, title or fragment read as a name when nothing marks it as speech
_TERM_SHORT = 7  # ... and up to this length even with a reporting verb further back in its clause
# words that make a few words speech rather than a term: particles, pronouns,
# verbs in -ون / -نا / -وا, future سـ (الناس يريدون، كنا نتصدى، سنلعب)
_SPEECHLIKE = re.compile(r"(?<!\w)(?:لا|لن|لم|قد|لقد|سوف|ما|انا|نحن|انت|انتم|هو|هي|هم|ليس|لسنا|كان|كانت|كنا|كنت)(?!\w)"
                         r"|(?<!\w)[يت]\w{2,12}ون(?!\w)|\w{2,12}(?:نا|وا)(?!\w)|(?<!\w)س[نيتا]\w{2,12}")


def _attributed_after(t: str, before: str, after: int) -> bool:
    """A sentence of its own followed by its attribution: «…»، قال X."""
    opens_sentence = not before.strip() or before.rstrip()[-1] in ".!?؟:\n"
    rest = t[after : after + 3].lstrip(" ")
    if opens_sentence and (_HIS_WORDS.match(t, after) or _AFTER_STOP_VERB.match(t, after)):
        return True  # «…» على حد قوله، «…». يقول X
    return opens_sentence and rest[:1] in ("،", ",") and bool(_AFTER_VERB.match(t, after) or _AFTER_SOURCE.match(t, after))


_PERIOD_END = re.compile(r"(?<!\.)\.(?![.\d])\s*\S")


def _is_title(content: str) -> bool:
    """A title after بعنوان/كتاب: up to _TITLE_MAX_WORDS words; a question
    mark may stand inside (متى يمكننا الثقة في الخبراء؟ التفرقة…), a full
    stop followed by more text may not."""
    return len(content.split(None, _TITLE_MAX_WORDS + 1)) <= _TITLE_MAX_WORDS and not _PERIOD_END.search(content)


# what a colon after these words opens is a list or a headline, not speech:
# «أقسام منها: …», «بالعنوان التالي: «…»»
_LIST_INTROS = {fold_word(w) for w in "منها ومنها بينها أبرزها وأبرزها شملت وشملت تشمل وتشمل تضمنت وتضمنت تتضمن".split()}
_NEXT_WORDS = {fold_word(w) for w in "التالي كالتالي".split()}
_LINK = fold_word("رابط")
_HEADLINE_NOUNS = {fold_word(w) for w in "العنوان بالعنوان عنوان بعنوان عنوانا عنوانه عنوانها".split()}


_ANOTHER_ITEM = re.compile(r"[ \t]{0,2}[،,]?[ \t]{0,2}(?:و|او|أو)[ \t]?[«\"“]")


_EACH_OF_WORDS = ["كل", "من"]
_LIST_COPULAS = {fold_word(w) for w in "هم هي هما وهم وهي".split()}  # (الحكام المشاركون هم: X، Y …)


_LETTERS = re.compile(r"[^\W\d_]+")


def _numbered_points(content: str) -> bool:
    """Content opening with an ordinal (الأول/ …، أولا …): points someone argues, not a list of names."""
    first = _LETTERS.match(content.lstrip())
    return bool(first) and first.group() in _ORDINALS


def _enumerates(words: list[str], content: str) -> bool:
    """The words before a colon introduce a list (and ``content`` reads as
    one: منها: «إنهما قد تناولا…» after وقالوا لاثنين is speech) or a headline."""
    if _LINK in words[-5:]:
        return True  # (رابط الخبر بصحيفة X: «…»: the linked story's title)
    if words[-2:] == _EACH_OF_WORDS or (words[-1:] and words[-1] in _LIST_COPULAS and not _numbered_points(content)):
        return True  # (بتحقيق كل من: X (…) المركز الثاني، وY …; في كل من: «ثادق والدائر…»: whom or where, not words)
    if words[-1:] and words[-1] in _LIST_INTROS:
        return _is_list(content) or (len(content.split(None, _TERM_SHORT + 1)) <= _TERM_SHORT
                                     and not _SPEECHLIKE.search(content))
    return bool(words[-1:]) and words[-1] in _NEXT_WORDS and any(w in _HEADLINE_NOUNS for w in words[-4:-1])


def _verb_in_sentence(t: str, o: int) -> bool:
    """A reporting verb between the sentence start (at most 300 characters back) and ``o``."""
    lo = max(0, o - 300)
    ends = list(_SENT_END.finditer(t, lo, o))
    seg = t[ends[-1].end() if ends else lo : o]
    return any(_is_verb(w) for w in _WORDS_BACK.findall(seg))


def _writer_says(w: str) -> bool:
    """The writer's own أقول/نقول/قلنا, with و/ف and an object pronoun (وأقولها، مما أقوله)."""
    w = w[1:] if w[:1] in "وف" else w
    for suffix in ("ها", "هم", "ه", ""):
        if w.endswith(suffix) and w[: len(w) - len(suffix)] in _WRITER_SAYS:
            return True
    return False


def _reported_by(w: str) -> bool:
    """A reporting verb before a few words in marks makes them speech, but
    not the writer's own نقول/أقول (ونقول «خلينا في الأهم»: a phrase)."""
    return _is_verb(w) and not _writer_says(w)


def _is_name(t: str, o: int, cs: int, ce: int, after: int) -> bool:
    content = t[cs:ce]
    nwords = len(content.split(None, _NAME_MAX_WORDS + 1))
    before = t[max(0, o - 60) : o]
    attached = before[-1:] if before[-1:] and before[-1] in "وفبلك" and (len(before) < 2 or not before[-2].isalpha()) else ""
    words = _words_before(t, o - len(attached))
    prev = words[-1] if words else ""
    colon = before.rstrip().endswith(":") and prev not in _COPULAS
    if nwords > _SHORT and content.split(None, 1)[0] in _COMPLEMENTISERS:
        return False  # « أن المباراة كانت صعبة»: a name never opens with أن/إن
    if nwords > _SHORT and _WRITING_OF.search(t, max(0, o - _WRITING_WINDOW), o):
        return False  # تغريدة للناشط X، جاء فيها “…”: what the writing says
    if (not colon and nwords <= 8 and prev in _COPULAS and not _SENT_END.search(content)
            and not any(_is_verb(w) for w in words[-6:])):
        return True  # إيران هي «القوة الإقليمية الكبرى»: a term the copula names
    if colon and _enumerates(words, content):
        return True  # منها: «…», بالعنوان التالي: «…»: items and headlines, not speech
    if nwords <= _SHORT and _ANOTHER_ITEM.match(t, after):
        return True  # «فيسبوك»، و«تويتر»: the first of a list of names in marks
    if _name_by_position(t, attached, words, content, nwords, after, colon):
        return True
    # a colon after the noun makes it speech (في البطولة: «…»), except after a
    # title noun (بمحاضرة بعنوان: "…")
    titled = prev in _TITLE_NOUNS or prev in _WORK_NOUNS
    if (prev in _WORKS_OF or (not colon and _WORK_OWNED.fullmatch(prev))) and _is_title(content):
        return True  # (في كتابها «يد الله…» من أن: a title; قال في كتابه: «…» quotes it)
    if prev and (not colon or titled) and (prev in _NAME_NOUNS or _strip_clitic(prev) in _NAME_NOUNS):
        if titled and _is_title(content):
            return True
        if nwords <= _NAME_MAX_WORDS and not _SENT_END.search(content):  # "سوق عكاظ.. المعوقات" is a title
            return True
    after_prep = attached in ("ب", "ل") or prev in _PREPOSITIONS or prev in _LIKE
    if nwords > _SHORT:
        # a longer name after a preposition (بالإضافة لـ«المنتخب الإسباني ونادي …»),
        # unless a verb before it makes it speech (داعياً المواطنين إلى «…»)
        if after_prep and nwords <= 8 and not _SENT_END.search(content):
            return not (any(w in _VERBS for w in words[-3:]) or prev in _COMPLEMENTISERS)
        cue = colon or any(w in _VERBS or w in _COMPLEMENTISERS or w in _QUOTE_INTRO for w in words[-4:])
        if not cue and (_is_list(content) or _mostly_latin(content)):
            return True  # «الرعاية الصحية، والقوى البشرية، وتقنية المعلومات»، “LYVE1 و REG1A”: terms, not speech
        if (not cue and nwords <= _TERM_MAX_WORDS and not _SENT_END.search(content) and not _SPEECHLIKE.search(content)
                and not any(_is_verb(w) or w in _DOCUMENTS or w == "نص" for w in words[-4:])
                and (nwords <= _TERM_SHORT or not _verb_in_sentence(t, o))
                and not _attributed_after(t, before, after)):
            # mid-clause, no speech cue: a term or title (معايير «خطة العمل المشترك الشاملة»); a
            # longer one only with no reporting verb in its sentence (على رأس «وفد صغير من ممثلي
            # الشركات …» is a fragment; وقالت X عن سداد الديون "يتعين على اليونان…" is speech)
            return True
        return False
    if _mostly_latin(content) and (not colon or nwords <= 2):
        return True  # «X-type», «Beats 1»: a Latin term; background: 'none' (script copy)
    # Short: speech only with a cue right before it (أن a few words back, a
    # colon, the verb, or the verb's preposition: شدد على «…», وصفه بـ«…»)...
    if attached in ("ب", "ل") or prev in _PREPOSITIONS:
        cue = any(w in _VERBS for w in words[-3:]) or prev in _COMPLEMENTISERS
    elif nwords == 1:  # one word: a cue right before it (بأنه «جبان»), not أن further back (أنها حراب من عيدان «المعكرونا»)
        cue = colon or prev in _COMPLEMENTISERS or _reported_by(prev) or prev in _QUOTE_INTRO
    else:
        cue = colon or any(w in _COMPLEMENTISERS for w in words[-4:]) or _reported_by(prev) or prev in _QUOTE_INTRO
    if (cue and not colon and _is_verb(prev) and nwords <= 3 and _NAME_THEN_COMMA.match(t, after)
            and (prev[1:] if prev[:1] in "وف" and prev[1:] in _VERBS else prev) not in _SAY_SPEECH
            and not _SPEECHLIKE.search(content) and "يا" not in content.split()):
        return True  # أعلنت «طيران الإمارات»، كعادتها: the verb's subject, not what it announced
    if not cue:
        # ... or a sentence of its own followed by its attribution: «…»، قال X
        return not _attributed_after(t, before, after)
    # ... and the clause ends with it (أن «القاعدة» تقف وراء: a name)
    rest = t[after : after + 4].lstrip(" ")
    ends_clause = not rest or rest[0] in "،,.؛;:!?؟)\n"
    return not ends_clause


_DAYS = "الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|السبت"
# a time phrase right after the verb (وقال أمس، قال مساء أمس، صرح الأسبوع الماضي، قال بدوره) comes before the
# subject, which it must not end; اليوم alone is left out (اليوم الوطني, a noun phrase), and so is a day's
# name alone (وقال الخميس: a surname)
_TIME_AFTER_VERB = re.compile(rf"\s{{1,3}}(?:(?:صباح|مساء|ظهر|عصر|فجر|ليله){SP}(?:امس|اليوم|{_DAYS})|امس"
                              rf"|(?:الاسبوع|الشهر|العام){SP}(?:الماضي|المنصرم)|يوم{SP}(?:{_DAYS})|(?:{_DAYS}){SP}الماضي"
                              rf"|بدوره|بدورها)(?!\w)(?=\s{{1,3}}[^\W\d])")


def _subject(t: str, pos: int, ents: "_Entities", orig_text: str | None = None, fd=None,
             names: dict[int, int] | None = None, limit: int = 14) -> tuple[int, int] | None:
    """The subject phrase after a verb ending at ``pos`` (folded offsets).
    ``names``: opening mark -> closing mark of name pairs, which count as one
    word (`وأعلنت «اللجنة السورية» أن`); a leading `لـ«الشرق الأوسط»` (to whom
    it was said) is stepped over."""
    names = names or {}
    start = end = None
    aside = _ASIDE.match(t, pos)  # وكتب (باللغة الإنجليزية) عبد الله الريس: an aside before the subject
    named = next((e for e in ents.starting(pos, aside.end()) if e[2] == "PER"), None) if aside else None
    if named:
        return named[0], named[1]  # قال (مارك كيبلينغ) مدير العمليات: the name itself in parentheses
    if aside and not _WORD.match(t, aside.end()):
        aside = None
    p = _skip_addressee(t, aside.end() if aside else pos, names)
    when = _TIME_AFTER_VERB.match(t, p)
    if when:
        p = _skip_addressee(t, when.end(), names)  # وقال أمس وزير البيئة، كما قال مساء أمس لـ«الوطن» الوزير
    each = _EACH_OF.match(t, p)
    if each:
        p = each.end()  # ويقول كل من مصطفى عثمان وخورشيد خيبر: the first of those named
    nwords = 0
    prev_w = ""
    skipped = False
    for _ in range(limit):
        q = p
        while q < len(t) and q < p + 3 and t[q].isspace():
            q += 1
        if q in names:  # «Name» as a word of the subject
            if (start is not None and nwords == 1 and prev_w.startswith("ال") and not speaker_gender([prev_w])
                    and _strip_clitic(prev_w) not in _NAME_NOUNS and prev_w not in _NAME_NOUNS):
                break  # لم يذكر التقرير «كمية مجمل الدهون» ضمن…: what the report names is its object (not السيد «فركاش»)
            if start is None:
                start = q + 1
                end = names[q]
            else:
                end = names[q] + 1  # وكالة «رويترز»: both marks inside the speaker
            p = names[q] + 1
            continue
        m = _WORD.match(t, p)
        if not m:
            break
        if start is None and m.group("w") == "ل" and _mark_at(t, m.end("w"), names) is not None:
            p = names[_mark_at(t, m.end("w"), names)] + 1  # قال لـ«الشرق الأوسط» أحد منظميها، لـ "الاقتصادية"
            continue
        w = _subject_word(t, m, orig_text, fd)
        if w is None:
            break
        if start is None and not skipped and _adverb_first(t, m, w, ents):
            p, skipped = m.end(), True  # يكشف سرا من …، وأضاف أيضا الوزير: the adverb is no subject
            continue
        # مسؤول في وزارة الطاقة، المحلل في شركة الراجحي المالية فهد الشثري:
        # where the source works, not where it was said (في بيان، في الرياض)
        employer = start is not None and (
            (w == "في" and nwords <= 2 and prev_w in _DESCRIBED and _org_follows(t, m.end("w")))
            or (w in ("في", "من") and nwords <= 3 and _unnamed_head(t, start) and _DEFINITE_NEXT.match(t, m.end("w"))))
        named = start is not None and w in _NAME_STOPS and _names_start_at(t, m.start("w"), ents)
        if not employer and not named and (
                _phrase_after_subject(w, start is None) or _object_after_subject(t, m, w, nwords, prev_w)):
            break
        if start is None:
            # واختتم والعطية: a conjunction glued to the first word of the subject
            start = m.start("w") + (w.startswith("وال") and not w.startswith("والد") and len(w) > 5)
        end = m.end("w")
        p = m.end()
        nwords += 1
        prev_w = w
    if start is None or _manner_adverb(t, start, end, ents):
        return None
    holder = _name_after_title(t, start, end, ents, orig_text, fd)
    cut = _cut_at_entity(t, start, holder, ents)
    if cut[1] < end and t[cut[1] - 1 : cut[1]] != " " and any(
            names.get(o) == cut[1] for o in range(max(start, cut[1] - 60), cut[1])):
        cut = cut[0], cut[1] + 1  # تقرير شركة «كي بي إم جي»: the name's closing mark goes with its opening one
    if holder > end and cut[1] <= end and not any(e[2] == "PER" for e in ents.starting(start, holder)):
        return start, holder  # مدير جمعية الثقافة والفنون بالأحساء علي الغوينم: the holder, untagged, after the body
    return cut


_NAME_STOPS = {fold_word(w) for w in "صباح فجر".split()}  # given names that are also times of day


def _names_start_at(t: str, pos: int, ents) -> bool:
    """A tagged name of two words or more opens at ``pos`` (المطوفة صباح
    بوان: Sabah the name, not «morning»)."""
    return any(e[2] == "PER" and " " in t[e[0] : e[1]] for e in ents.starting(pos, pos + 1))


def _manner_adverb(t: str, start: int, end: int, ents) -> bool:
    """A subject that is ب + a noun of manner (فقال بأسى، ثم قال بهدوء،
    وأجاب بسخرية، فقال بلا حماس، قال بصوته): how it was said, not who."""
    w = t[start:end].split()[0]
    if w[:1] in ("ب", "ل") and len(w) > 4 and w.endswith("ي") and ents and not is_given_name(w):
        # بدوري، لإحدى: ب/ل + a noun (with my), unless the tagger names someone there (بارزاني)
        return not any(e[0] <= start < e[1] for e in ents.starting(start - _MAX_ENTITY, start + 1))
    if w[:1] != "ب" or len(w) < 4:
        return False
    stem = w[1:]
    for suffix in ("ها", "ه"):
        if stem.endswith(suffix) and stem[: -len(suffix)] in _MANNER_NOUNS:
            return True
    return stem in _MANNER_NOUNS or stem == "لا"


# how something is said, after ب (بهدوء، بأسى): never a speaker
_MANNER_NOUNS = {fold_word(w) for w in """هدوء أسى سخرية جدية فرحة بساطة دهشة حزن حدة غضب حماس حماسة لهفة مرارة
ثقة صراحة اندفاع غيظ خبث صوت لهجة نبرة ابتسامة ضيق عصبية استغراب فخر حسرة انفعال تأثر هدوئه دلال حنان عتاب
برود ألم تهكم حرقة إصرار حزم تردد خجل""".split()}


_EACH_OF = re.compile(r"\s{1,3}كل\s{1,3}من(?=\s)")
_ASIDE = re.compile(r"[ \t]{0,3}\([^()\n]{1,40}\)")


# heads of a title the name of its holder may follow after a place or body
# (المتحدث الرسمي لهيئة الهلال الأحمر بمنطقة المدينة المنورة خالد السهلي)
_TITLE_HEADS = {w[2:] if w.startswith("ال") else w for w in _SUBJECT_HEADS | _DESCRIBED} | {
    fold_word(w) for w in "متحدث ناطق مشرف منسق قيادي رئيس سفير مندوب مبعوث مساعد وكيل".split()} | {
    fold_word(w) for w in "مدربة لاعبة قائدة مشرفة منسقة ناشطة ناطقة باحثة مهندسة موظفة مندوبة مبعوثة زعيمة".split()}
# words that show the name after them is not the title holder's: another
# party (مع نظيره، عن، إلى), a conjunction, a clause
_NOT_HOLDER = {fold_word(w) for w in "مع عن إلى الى على أمام حول ضد بين نحو نظيره نظيرته نظيريه قبل بعد منذ حيث".split()}
_HOLDER_GAP_WORDS = 8
_DEPUTIES = {fold_word(w) for w in "نائب نائبة ممثل ممثلة".split()}
_OVERSEERS = {fold_word(w) for w in "مشرف مشرفة قائم قائمة".split()}  # (المشرف على: the supervisor of)
_IN_PLACE = {fold_word(w) for w in "في لدى".split()}  # (سفير لبنان في واشنطن X: a place, not «and»)


def _name_after_title(t: str, start: int, end: int, ents, orig_text: str | None = None, fd=None) -> int:
    """A subject that is a title alone (الباحث الأردني، سفيرة الولايات
    المتحدة، المتحدث باسم العشائر) ends at the name of its holder when a
    tagged person follows after a place or a body (في الجماعات الإسلامية،
    لدى الأمم المتحدة، بمنطقة …), or after a comma (…للتنظيم، محمد
    الشعباني); ``end`` otherwise."""
    if not ents:
        return end
    head = t[start:end].split()[0]
    if (head[2:] if head.startswith("ال") else head) not in _TITLE_HEADS:
        return end
    if any(e[2] == "PER" and e[0] < end and e[1] > start and not _tagged_title(t, e)
           for e in ents.starting(start - _MAX_ENTITY, end)):
        return end
    per = next((e for e in ents.starting(end, end + 120) if e[2] == "PER"), None)
    if per is None or per[0] > end + 60:
        return _untagged_holder(t, end, orig_text, fd) or end
    gap = _titled_apposition(t[end : per[0]].rstrip())
    if gap.endswith(("،", ",")):
        gap = gap[:-1]  # (…للتنظيم، محمد الشعباني: the name set off by a comma)
    if _HOLDER_GAP.search(gap):
        return end
    words = gap.split()
    deputy = (head[2:] if head.startswith("ال") else head) in _DEPUTIES  # النائبة عن التحالف المدني … شروق العبايجي
    # (المشرف العام على العلاقات العامة والإعلام بالوزارة X: على and what he oversees are the title's)
    oversees = bool(words) and words[0] == "علي" and (head[2:] if head.startswith("ال") else head) in _OVERSEERS
    if len(words) > _HOLDER_GAP_WORDS + 4 * oversees or any(
            (w in _NOT_HOLDER and not (deputy and w == "عن") and not (oversees and k == 0)) or _is_verb(w)
            or w in _COMPLEMENTISERS or w in _RELATIVES or w in _TO_MEDIA or w in _ADDRESSEE
            or (w[0] == "و" and w not in _WAW_NAMES and w[1:] not in _TITLE_HEADS and not (oversees and w[1:3] == "ال")
                and not _conjoined_body_word(w) and not (k and words[k - 1] in _IN_PLACE))
            for k, w in enumerate(words)):
        return end
    return per[1]


def _conjoined_body_word(w: str) -> bool:
    """و + a definite noun that is no title (إدارة التفكير والتنمية
    البشرية): part of the body's name, not a second party."""
    return w.startswith("وال") and len(w) > 5 and w[3:] not in _TITLE_HEADS and w[3:] not in _HOLDER_TITLES


def _tagged_title(t: str, e) -> bool:
    """A one-word person mention that is a title (the tagger's «القيادي»): no name."""
    w = t[e[0] : e[1]]
    return " " not in w and strip_article(w) in _TITLE_HEADS


_APPOSED_TITLE_WORDS = 3
_HOLDER_TITLES = {fold_word(w) for w in L.GENDERED_TITLES} | {fold_word(w) for w in "لواء عقيد عميد فريق أستاذ د.".split()}


def _titled_apposition(gap: str) -> str:
    """The gap between a title and its holder up to a last comma that sets off
    the holder's own title (عميد شؤون المكتبات بالجامعة، الدكتور X): the
    comma and the titles after it belong to the holder."""
    comma = max(gap.rfind("،"), gap.rfind(","))
    if comma < 0:
        return gap
    words = gap[comma + 1 :].split()
    if not words or len(words) > _APPOSED_TITLE_WORDS:
        return gap
    if all((w[2:] if w.startswith("ال") else w) in _HOLDER_TITLES for w in words):
        return gap[: comma + 1]
    return gap


# a title's holder the tagger missed, after at most a place with ب: (مدير الجمعية) بالأحساء علي الغوينم
_UNTAGGED_HOLDER = re.compile(r"\s{1,3}(?:ب[^\W\d]{2,20}(?:\s{1,3}ال[^\W\d]{2,20})?\s{1,3})?"
                              r"(?P<g>[^\W\d]{2,12})\s{1,3}(?P<s>ال[^\W\d]{2,20})(?!\w)")


def _untagged_holder(t: str, end: int, orig_text: str | None, fd) -> int | None:
    """The end of a given name and an al- surname right after a title (or
    after a place with ب), tagged or not: the holder is named (علي الغوينم).
    علي is the name only when spelled with ي, not the preposition على."""
    m = _UNTAGGED_HOLDER.match(t, end)
    if not m or not is_given_name(m.group("g")) or m.group("s") in _STOPS:
        return None
    if m.group("g") == "علي" and (orig_text is None or orig_text[fd.orig(m.start("g") + 2)] != "ي"):
        return None
    return m.end("s")


_HOLDER_GAP = re.compile(r"[.!?؟\n:«»‹›“”„‟″\"'‘’،,;؛()]")


def _subject_word(t: str, m: re.Match, orig_text: str | None, fd) -> str | None:
    """The folded word ``m`` as the subject reads it: None where it cannot
    be in the subject, "" where it is a plain name."""
    w = m.group("w")
    if orig_text is not None and FATHATAN in orig_text[fd.orig(m.start("w")) : fd.orig(m.end("w"))]:
        return None  # tanween fath marks an accusative: the object (وكتب زوكربيرغ منشوراً), never the subject
    if w == "اول" and _MIN_NEXT.match(t, m.end("w")):
        return None  # أول من أمس (the day before yesterday), not the first word of a subject
    if w == "علي" and _COMPLEMENT_NEXT.match(t, m.end("w")):
        return None  # Egyptian spelling of على before أن: شدد الوزير علي أن
    if w == "علي" and orig_text is not None and SHADDA in orig_text[fd.orig(m.start("w")) : fd.orig(m.end("w")) + 1]:
        return None  # عليّ: "to me" (فرد عليّ قائلا), never the name Ali
    if w in _AMBIGUOUS and orig_text is not None:
        # folding merged على/علي (Ali) and أن/آن (Anne): look at the original
        ow = keep_letters(orig_text[fd.orig(m.start("w")) : fd.orig(m.end("w"))])
        if ow not in _AMBIGUOUS[w]:
            return ""
    return w


_SOME_OF = {fold_word(w) for w in "أحد إحدى بعض".split()}


def _unnamed_head(t: str, start: int) -> bool:
    """A subject opening with an unnamed source (مسؤول رفيع، أحد القادة): what
    follows with في/من says which (في الاتحاد الأوروبي، من الجيش الليبي)."""
    head = _WORDS_BACK.match(t, start)
    return bool(head) and (head.group() in _UNNAMED or head.group() in _SOME_OF)


def _org_follows(t: str, pos: int) -> bool:
    org = _WORD.match(t, pos)
    return bool(org and org.group("w") in _ORG_HEADS)


# an indefinite accusative participle or adverb (مدافعا، مستدركا، مؤخرا):
# م, a consonant, then -ا; names like ماريا، مونيكا have a long vowel second
_ADVERBIAL = re.compile(r"م[^اويى\s]\w{2,8}ا")


_ACCUSATIVES = {fold_word(w) for w in "شيئا بعضا جزءا كثيرا".split()}  # objects written without their tanween
_ADVERB_WORDS = {fold_word(w) for w in L.ADVERBIAL_ACCUSATIVES}
# a nisba adverb (سياسيا، اقتصاديا، إعلاميا): -يا after a consonant, six letters or more
_NISBA_ADVERB = re.compile(r"[^\W\d]{3,16}[^\W\dاويى]يا")


# a participle of state (متحمسة، مبتسما، مستغربة) right before the speech: how it was said (وتابعت متحمسة: «…»)
_STATE_PARTICIPLE = re.compile(r"م[^اويى\s]\w{2,7}[اه]")
_SPEECH_NEXT = re.compile(r"[ \t]{0,3}(?:[:«\"“]|[،,][ \t]{0,3}[«\"“])")


def _state_before_speech(t: str, m: re.Match, w: str) -> bool:
    """A state participle (an organisation's head word never has a colon or a quote right after it)."""
    return bool(_STATE_PARTICIPLE.fullmatch(w) and _SPEECH_NEXT.match(t, m.end("w")))


def _adverb_first(t: str, m: re.Match, w: str, ents) -> bool:
    """An indefinite accusative right after the verb (يكشف سرا، يعتبر طبيعيا،
    وأضاف أيضا): an adverb, stepped over, never the subject, unless the tagger
    names it (أوباما، سيلفيا) or it is a given name."""
    if not w or w.startswith("ال") or not (w in _ADVERB_WORDS or _NISBA_ADVERB.fullmatch(w) or _state_before_speech(t, m, w)):
        return False
    s = m.start("w")
    return not is_given_name(w) and not any(e[1] > s for e in ents.starting(s - _MAX_ENTITY, m.end("w")))


def _phrase_after_subject(w: str, first: bool) -> bool:
    """A word that starts what follows the subject (a stop, verb, complementiser,
    number, بالرياض، بقوله); ``first``: no subject word yet (للصحافيين)."""
    return bool(w) and (w in _STOPS or _is_verb(w) or w in _COMPLEMENTISERS or (w[0] in "وف" and w[1:] in _AND_STOPS)
                        or (not first and w in _COPY_RECEIVED)  # بيان للوزارة تلقت «الشرق الأوسط» نسخة منه
                        or (not first and w in _ACCUSATIVES)  # وتصف الصحيفة شيئا من سره: the object
                        or w[0].isdigit() or len(w) == 1 or (first and w.startswith("لل"))
                        or w.startswith("بال") or w in _QUOTE_INTRO or w in _TO_MEDIA
                        or (w in _ADDRESSEE and w[0] == "ل" and len(w) > 3)  # كاميرون لشبكة (إن.بي.سي)
                        or (first and w[0] == "ل" and w[1:] in _ORG_HEADS)  # وتابع لمؤسسة كارنيغي
                        or (first and bool(_ADVERBIAL.fullmatch(w)))  # ويوضح مدافعا عن …: a participle, no subject
                        or (first and len(w) > 4 and w[0] == "و" and (w[1] == "ب" or w[1:4] == "لال"))  # قال لي وبذات الزهو
                        or (first and w[0] in "لب" and len(w) > 4 and w.endswith(("ها", "هم", "ك", "كم"))
                            and not is_given_name(w)))  # بسببها، لأفرادها، فتقول لنفسك (not بارزاني: a name)


# a statement «received» by the outlet: a clause after the statement, never part of who speaks
_COPY_RECEIVED = {fold_word(w) for w in "تلقت تلقى تلقينا حصلت حصل حصلنا اطلعت اطلع اطلعنا".split()}


# what one stresses, supports or rejects (وأكد أهمية، وأكد وجود، جدد رفض): a verb's object, never
# its subject (unlike نتائج, تفاصيل: وتفيد تفاصيل القضية، أظهرت نتائج الدراسة)
_STANCE_OBJECTS = {fold_word(w) for w in """أهمية ضرورة رفض دعم استعداد التزام عزم حرص إدانة ترحيب
تأييد استمرار عدم وجود مشاركة""".split()}


def _object_after_subject(t: str, m: re.Match, w: str, nwords: int, prev_w: str) -> bool:
    """The object after a subject of two words or more: أكد الوزير خالد الفهيد
    مشاركة…، أشاد المدرب بأداء اللاعبين; after one definite word too when it
    is an object noun (روى الزوج تفاصيل الحادث); an object noun right after
    the verb is no subject at all (وأكد أهمية تضافر الجهود)."""
    if (nwords == 0 and w in _STANCE_OBJECTS) or (
            nwords == 1 and w in _OBJECT_HEADS and not w.startswith("ال") and w not in _UTTERANCE_NOUNS
            and prev_w.startswith("ال") and prev_w not in _CONSTRUCT_HEADS):
        return True
    if not w or nwords < 2 or prev_w in _CONSTRUCT_HEADS:
        return False
    return w in _OBJECT_HEADS or bool(w[0] == "ب" and len(w) >= 4 and w[1] in "اتم" and w != "باسم"
                                      and _DEFINITE_NEXT.match(t, m.end("w"))) or bool(_BI_MASDAR.fullmatch(w))


# ب + a verbal noun of the shapes إفعال/افتعال and تفعيل (بإحداث، باتخاذ، بتقديم), folded: what the subject
# pledged or called for (وتعهد وزير الخارجية التونسي بإحداث قنصلية), never part of who; the shapes
# leave out names and places (باكستان has seven letters, باسم is not one of them)
_BI_MASDAR = re.compile(r"ب(?:ا\w\wا\w|ت\w\wي\w)")


_COMPLEMENT_NEXT = re.compile(r"\s{1,3}(?:ان|انه|انها|انهم|بان|ضروره|اهميه)(?!\w)")
_DEFINITE_NEXT = re.compile(r"\s{1,3}ال")
def _object_like(t: str, subj: tuple[int, int]) -> bool:
    """Two words or fewer, not opening with a title: what وصف/اعتبر describe."""
    words = t[subj[0] : subj[1]].split()
    head = words[0][2:] if words[0].startswith("ال") else words[0]
    return len(words) <= 2 and head not in _SUBJECT_HEADS and words[0] not in _SUBJECT_HEADS


_OBJECT_VERBS = {fold_word(w) for w in "وصف وصفت يصف تصف اعتبر اعتبرت يعتبر تعتبر".split()}
_BI_NEXT = re.compile(r"\s{1,3}(?:بانه|بانها|بانهم|بان|ب)(?!\w)|\s{1,3}ب\w")
_MIN_NEXT = re.compile(r"\s{1,3}من\s{1,3}امس(?!\w)")
_LOCATIVE = re.compile(r"\s{1,3}في\s{1,3}[^\s«»\"“”،,.:]{2,20}(?=\s)")


def _mark_at(t: str, i: int, names: dict[int, int]) -> int | None:
    """The opening mark of a name pair at ``i`` or after one space there."""
    if i in names:
        return i
    return i + 1 if t[i : i + 1] == " " and i + 1 in names else None


def _skip_addressee(t: str, p: int, names: dict[int, int]) -> int:
    """Step over `لوكالة الأنباء الألمانية` / `للصحافيين في عمّان` / `عليه`
    between a verb ending at ``p`` and its subject; ``p`` when there is none.
    The phrase runs over definite words (and «names»); a subject must follow:
    an indefinite word that is not a stop (`في ختام الاجتماع إن` is no subject)."""
    m = _WORD.match(t, p)
    if m and m.group("w") in _TO_MEDIA and m.group("w") not in _ADDRESSEE:
        return _skip_media_tail(t, m.end())  # لرويترز، لفرانس برس: a whole name, the subject follows
    if not m or m.group("w") not in _ADDRESSEE:
        return p
    q = m.end()
    mark = m.end("w") if m.end("w") in names else _mark_at(t, m.end("w"), names) if m.group("w") == "ل" else None
    if mark is not None:  # لـ«الشرق الأوسط»، لـ "الاقتصادية" (لقناة «العربية» is read below)
        q = names[mark] + 1
        comma = _ADDRESSEE_COMMA.match(t, q)
        if comma and _WORD.match(t, comma.end() - 1):
            q = comma.end() - 1  # وقال لـ«الشرق الأوسط»، الدكتور فهمي صبحة: the subject after the comma
    for _ in range(4 if m.group("w")[0] == "ل" and len(m.group("w")) > 3 else 0):  # له، عليه: no phrase
        n = _WORD.match(t, q)
        if n and (n.group("w").startswith("ال") or n.group("w") in _MEDIA) and n.group("w") not in _STOPS:
            q = n.end()
            continue
        k = q
        while k < len(t) and k < q + 3 and t[k].isspace():
            k += 1
        if k in names:
            q = names[k] + 1
        break  # a «name» ends the phrase: قالت لقناة «العربية» المتحدثة
    loc = _LOCATIVE.match(t, q)
    if loc:
        q = loc.end()
    n = _WORD.match(t, q)
    if not n:
        return p
    w = n.group("w")
    if (loc and w.startswith("ال")) or w in _STOPS or w in _VERBS or w in _COMPLEMENTISERS or w[0].isdigit():
        return p
    return q


_ADDRESSEE_COMMA = re.compile(r"[ \t]{0,2}[،,][ \t]")


def _skip_media_tail(t: str, q: int) -> int:
    """Past the rest of an outlet's name (برس، نيوز) after ``q``."""
    for _ in range(3):
        n = _WORD.match(t, q)
        if not n or n.group("w") not in _MEDIA_TAILS:
            break
        q = n.end()
    return q


def _plain_word(w: str) -> bool:
    """A word that can be part of a noun phrase subject."""
    return not (w in _VERBS or w in _COMPLEMENTISERS or w in _RELATIVES or w in _QUOTE_INTRO or w[0].isdigit())


_LAST_PREVERBAL_BREAK = _last_of(".!?؟\n:«»\"“”()،,؛;")  # (… على ذلك؛ فهذا الرئيس يقول)


def _preverbal_subject(t: str, vs: int) -> tuple[int, int] | None:
    """A subject written before its verb at ``vs``, the whole sentence up to
    the verb: `والأمين العام للاتحاد سالم الشمري قال`, `ومدير الدائرة قال`,
    `تقرير صادر عن البنك الدولي يقول`, `أما الوزير فقال`. Only a sentence
    that opens with a definite noun or a title-like head (a verb-first
    sentence `وصل الوزير … وقال` has no subject before its verb), with no
    comma, verb or complementiser before the verb."""
    lo = max(0, vs - 160)
    seg = t[lo:vs]
    cut = _cut(_LAST_PREVERBAL_BREAK(seg))
    if cut < 0 and lo > 0:
        return None
    if cut >= 0 and seg[cut] in "،," and (seg[cut + 1 :].split() or [""])[0] not in _FA_INNA:
        return _amma_subject(t, lo + cut) if t[vs - 1] == "ف" and not seg[cut + 1 :].strip(" ف") else None
    words = list(_WORDS_BACK.finditer(t, lo + cut + 1, vs - 1 if t[vs - 1] == "ف" else vs))
    if not 1 <= len(words) <= 12:
        return None
    first = words[0].group()
    start = words[0].start()
    fa = t[vs - 1] == "ف"  # أما X فقال: only after أما
    if fa != (first in ("اما", "واما")):
        return None
    if fa:
        words = words[1:]
        if not words:
            return None
        first, start = words[0].group(), words[0].start()
    elif (first in _DEMONSTRATIVES or first in _FA_INNA) and len(words) > 1:
        words = words[1:]  # فهذا الرئيس الأمريكي يقول، فإن الرواية الصادرة عن النظام تزعم: the subject follows
        first, start = words[0].group(), words[0].start()
    elif first[0] == "و" and len(first) > 3 and first not in _WAW_NAMES and first not in _SUBJECT_HEADS:
        first, start = first[1:], start + 1
    if not (fa or first.startswith("ال") or first in _SUBJECT_HEADS) or first in _STOPS or first in _RELATIVES:
        return None  # (after أما the subject is certain: أما استشاري الأمراض … فقال)
    if not all(_plain_word(w.group()) for w in words) or words[-1].group() in _STOPS or words[-1].group() == "ثم":
        return None  # (… لم يتوقع الأمر ثم قال: ثم joins two verbs, no subject before it)
    if words[-1].group() in _WHEN_WORDS:
        return None  # (أوضحت الوزارة … يونيو الماضي عندما قالت: the verb's subject is the main clause's)
    return start, words[-1].end()


_WHEN_WORDS = {fold_word(w) for w in "عندما حينما حين بعدما كلما لما".split()}


_PRONOUN_SUFFIXES = ("ه", "ها", "هم", "ني", "نا")  # (أنه، إنها، بأنهم، أنني، إننا)
_DEMONSTRATIVES = {fold_word(w) for w in "هذا وهذا فهذا هذه وهذه فهذه".split()}
_FA_INNA = {fold_word(w) for w in "فإن وإن".split()}  # (فإن X يقول: إن's noun is the verb's subject)
_STATE_PRONOUNS = {fold_word(w) for w in "وهو وهي وهم وهما".split()}
# ... and without marks when the column's formula follows: سبق تقول للمسؤول:
_COLUMN_OPENER = re.compile(r"[ \t]{0,6}(?P<s>[^\W\d]{2,20})[ \t]{1,3}")
_TO_OFFICIAL = re.compile(r"\s{1,3}للمسؤول(?!\w)")
_QUOTED_OPENER = re.compile(r"[ \t]{0,3}[\"«“](?P<s>[^\W\d]{2,20}(?: [^\W\d]{2,20}){0,2})[\"»”][ \t]{1,3}")


def _quoted_opener(t: str, vs: int, ve: int) -> tuple[int, int] | None:
    """A name in marks opening its line before a present-tense verb: the
    outlet's column `"سبق" تقول للمسؤول: …` (a speaker no NER tags)."""
    if t[vs : vs + 1] not in ("ي", "ت"):
        return None
    ls = t.rfind("\n", 0, vs) + 1
    m = _QUOTED_OPENER.fullmatch(t, ls, vs) if vs - ls <= 70 else None
    if not m and _TO_OFFICIAL.match(t, ve):
        # the column without marks, at its line's start or after the questions on the same line
        # (…فيها؟     سبق تقول للمسؤول)
        q = max(t.rfind("؟", max(0, vs - 40), vs), t.rfind("?", max(0, vs - 40), vs))
        m = _COLUMN_OPENER.fullmatch(t, max(ls, q + 1), vs)
    return (m.start("s"), m.end("s")) if m else None


_AMMA = re.compile(r"\s{0,3}و?اما\s{1,3}")


def _amma_subject(t: str, comma: int) -> tuple[int, int] | None:
    """`أما الشاعر عبد الإله الصالحي، فيرى`: the words between أما and the
    comma right before the verb's ف, or before an apposition set off by
    commas (أما خلف داهود، عضو المكتب التنفيذي، فقال)."""
    lo = max(0, comma - 200)
    strong = max(t.rfind(c, lo, comma) for c in ".!?؟\n:«»\"“”()،,")
    if strong >= 0 and t[strong] in "،,":
        comma = strong  # (an apposition: the name is before its comma)
        strong = max(t.rfind(c, lo, comma) for c in ".!?؟\n:«»\"“”()،,")
    if (strong < 0 and lo > 0) or (strong >= 0 and t[strong] not in ".!?؟\n"):
        return None  # أما opens its sentence
    m = _AMMA.match(t, strong + 1)
    if not m:
        return None
    words = list(_WORDS_BACK.finditer(t, m.end(), comma))
    if not 1 <= len(words) <= 10 or not all(_plain_word(w.group()) for w in words):
        return None
    return words[0].start(), words[-1].end()


def _antecedent(t: str, rel: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun before ``rel`` refers to, when a
    comma sets it off: `ويتفق معه الخبير أحمد عبد الحميد، الذي يقول`."""
    seg = t[max(0, rel - 120) : rel].rstrip()
    if not seg.endswith(("،", ",")):
        return None
    end_ = max(0, rel - 120) + len(seg) - 1
    words = _WORDS_BACK.findall(t[max(0, end_ - 110) : end_])
    taken = []
    for w in reversed(words[-8:]):
        if w in _STOPS or w in _LED_BY or not _plain_word(w) or (w[0] in "وف" and w[1:] in _AND_STOPS):
            break  # (نادي الطلاب برئاسة X، الذي قال: the one who presides)
        taken.append(w)
    if not taken:
        return None
    phrase = " ".join(reversed(taken))
    start = t.rfind(taken[-1], 0, end_)
    # rebuild from text: the words are contiguous up to the comma
    seg2 = t[start:end_].rstrip()
    if " ".join(seg2.split()) != phrase:
        return None
    return start, start + len(seg2)


_LED_BY = {fold_word(w) for w in "برئاسة بقيادة بإدارة برعاية بحضور".split()}
_APPOSITION_GAP = re.compile(r"[^.!?؟\n:()]{0,80}")


def _person_antecedent(r: "_Reading", rel: int) -> tuple[int, int] | None:
    """The person a relative pronoun at ``rel`` refers to across an
    apposition in marks that _antecedent cannot rebuild (إيد بيرستيل، مدير
    محلات «ليبرتي» بلندن، الذي علق عليها بقوله): the last person tagged
    within 80 characters before it, with no verb or sentence end between."""
    per = next((e for e in reversed(r.ents.starting(max(0, rel - 80 - _MAX_ENTITY), rel)) if e[2] == "PER" and e[1] <= rel), None)
    if per is None or any(q.start <= per[0] < q.end for q in r.speech) or not _APPOSITION_GAP.fullmatch(r.t, per[1], rel):
        return None
    gap = r.t[per[1] : rel].strip()
    if gap and not (gap[0] in "،," and gap[-1] in "،,"):
        return None  # (صوت هيغل الذي: a person further back is not what the relative refers to)
    if any(_is_verb(w) for w in _WORDS_BACK.findall(gap)):
        return None
    rel_word = _WORDS_BACK.search(r.t, rel, rel + 8)
    wanted = {"الذي": "m", "التي": "f"}.get(rel_word.group() if rel_word else "")
    before = _WORDS_BACK.findall(r.t[max(0, per[0] - 20) : per[0]])[-1:]
    got = speaker_gender(before + r.t[per[0] : per[1]].split()) if before and speaker_gender(before) else (
        speaker_gender(r.t[per[0] : per[1]].split()))  # (الوزيرة X; أصائل سعود الحربي التي: the tagged part is his)
    if wanted and got and got != wanted:
        return None  # التي after a man: she is someone else
    return per[0], per[1]


_SPEECH_CUE = re.compile(rf"(?<!\w)(?:{alternation(_COMPLEMENTISERS)}|قوله|قولها)(?!\w)|:")


def _speech_follows(t: str, pos: int, speech_opens: list[int]) -> bool:
    """A complementiser, colon or speech quote after ``pos`` in the sentence."""
    window = t[pos : pos + 120]
    end = _SENT_END.search(window)
    limit = end.start() if end else len(window)
    if _SPEECH_CUE.search(window, 0, limit):
        return True
    k = bisect_left(speech_opens, pos)
    return k < len(speech_opens) and speech_opens[k] < pos + limit


_MAX_ENTITY = 120  # longest mention looked back for when finding overlaps


class _NameIndex(NamedTuple):
    """The entities' names (two words or more) by word, for matching a speaker by name in one look-up per word."""
    person_first: dict  # first word -> [(name words, id)]
    person_last: dict  # last word -> [id]
    person_first_word: dict  # first word -> [id]
    org_first: dict  # first word -> [(name words, id)]


class _Entities:
    """Entity spans (folded offsets) sorted by start, looked up by range."""

    def __init__(self, rows: list[tuple[int, int, str, str]]):
        self.items = sorted(rows)
        self.starts = [r[0] for r in self.items]
        self._names: _NameIndex | None = None

    def name_index(self, t: str) -> _NameIndex:
        """Built once per text: a speaker per quote looked up against every entity was quadratic."""
        if self._names is None:
            index = _NameIndex({}, {}, {}, {})
            for es, ee, label, eid in self.items:
                name = tuple(t[es:ee].split())
                if len(name) < 2:
                    continue
                if label == "ORG":
                    index.org_first.setdefault(name[0], []).append((name, eid))
                if label != "PER" or any(_to_whom([w]) for w in name[1:]):
                    continue  # (نظيره الكيني in أوباما لنظيره الكيني names someone else)
                index.person_first.setdefault(name[0], []).append((name, eid))
                index.person_last.setdefault(name[-1], []).append(eid)
                index.person_first_word.setdefault(name[0], []).append(eid)
            self._names = index
        return self._names

    def __bool__(self) -> bool:
        return bool(self.items)

    def starting(self, lo: int, hi: int) -> list[tuple[int, int, str, str]]:
        """Entities whose start is in [lo, hi)."""
        return self.items[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


_LAST_SENT_BREAK = _last_of(".!?؟\n")


# an adverbial opener before the sentence's verb: وتعقيبا على …، وردا على سؤال …، وتعليقا على ذلك،
_OPENER = re.compile(r"[ \t]{0,3}و?[^\W\d]{3,12}ا[ \t]{1,3}(?:علي|ل)[^.!?؟\n:«»\"“”،,]{1,80}[،,](?=[ \t])")


def _clause_subject(t: str, vs: int, ents) -> _Speaker | None:
    """For a verb with no written subject (a participle): the subject of the
    sentence's own main verb when entities mark it — `وقدّر محافظ بيروت مروان
    عبود الخسائر …، معتبراً أن «…»` — even if that verb is not a reporting
    verb. Without entities the subject is read as after a reporting verb, and
    kept only when it opens with a definite noun or a title-like head
    (`وحظرت الدائرة الحكومية المسؤولة عن المركز …، قائلة إن`)."""
    lo = max(0, vs - 300)
    seg = t[lo:vs]
    cut = _cut(_LAST_SENT_BREAK(seg))
    start = lo + cut + 1
    first = _WORD.match(" " + t[start : start + 60])
    opener = _OPENER.match(t, start)
    if opener and opener.end() < vs:  # وتعقيبا على تصريحات السفير، رفض X …، قائلا: the verb follows the opener
        start, first = opener.end() - 1, _WORD.match(" " + t[opener.end() - 1 : opener.end() + 60])
        if not first or _phrase_after_subject(first.group("w"), False) or first.group("w").startswith("ال"):
            return None
    elif not first or first.group("w")[0] not in "وف":
        return None  # the sentence does not open with (و/ف +) a verb
    if first.group("w") in _STOPS or first.group("w")[1:] in _STOPS or first.group("w")[1:] in _AND_STOPS:
        return None  # وعن مسلسل «…» …، أجابت / وبعد تأمل وقراءة يبدأ X: no verb opens the sentence
    subj_start = start + first.end() - 1
    if first.group("w") in _PARTICLE_BEFORE_VERB:  # ولا يعتقد الكاتب X …، مشيرا: the verb is the next word
        verb = _WORD.match(t, subj_start)
        if not verb:
            return None
        subj_start = verb.end()
    nxt = _WORD.match(t, subj_start)
    if not nxt:
        return None
    if nxt.group("w") in _COMPLEMENTISERS and first.group("w") not in _IT_IS_SAID:
        return None  # ونفى أن يكون حزب الله قد …، قائلا: what follows is its clause, not its subject (ويقال إن زعيم X: X)
    s0 = nxt.start("w")
    if not ents:
        stem = first.group("w")[1:]
        if len(stem) < 3 or stem in _STOPS or stem in _AND_STOPS or stem.startswith("ال") or stem in _VERBS:
            return None  # وفي …، وأيضا …: no verb opens the sentence (a reporting one would have its own subject)
        w0 = nxt.group("w")
        if not (w0.startswith("ال") or w0 in _SUBJECT_HEADS) or w0 in _STOPS:
            return None
        sub = _subject(t, subj_start, ents)
        if not sub or sub[1] > vs:
            return None
        words = list(re.finditer(r"\S+", t[sub[0] : sub[1]]))
        k = 1
        while k < len(words) and words[k].group().startswith("ال"):
            k += 1
        rest = [w.group().startswith("ال") for w in words[k:]]
        if any(not a and not b for a, b in zip(rest, rest[1:])):
            return None  # a name inside (محافظ المدينة مروان عبود الخسائر): where it ends is unknown
        # the object after the definite subject: وحظرت الهيئة المختصة توزيع المنشورات
        return _Speaker(sub[0], sub[0] + words[k - 1].end(), vs, vs)
    while nxt and (nxt.group("w") in _PRONOUNS or nxt.group("w") == "ها"):  # وها هو ديفيد ميليبند … حيث قال
        nxt = _WORD.match(t, nxt.end("w"))
        s0 = nxt.start("w") if nxt else s0
    # a name after a preposition is not the subject: ودافع كيري عن قرار الرئيس أوباما
    stop = next((w.start() for w in _WORD.finditer(t, s0, min(vs, s0 + 50)) if w.group("w") in _STOPS), vs)
    inside = [e for e in ents.starting(s0, min(vs, s0 + 50)) if e[2] in ("PER", "ORG") and e[1] <= min(vs, stop + 1)]
    if not inside:
        return None
    ee = min((e for e in inside if e[2] == "PER"), default=inside[0], key=lambda e: e[0])[1]
    return _Speaker(s0, ee, vs, vs)


_IT_IS_SAID = {fold_word(w) for w in "ويقال ويُقال وقيل ويذكر يقال قيل".split()}  # (the clause after إن is the sentence's own)


# a negation or particle between the sentence's و/ف and its verb
_PARTICLE_BEFORE_VERB = {fold_word(w) for w in "ولا ولم ولن وقد فقد ولقد فلا فلم فلن".split()}
_POSSESSED = re.compile(r"\s{1,3}(?!ال)\w{2,12}(?:اته|اتها|اتهم|ته|تها)(?!\w)")


def _cut_at_entity(t: str, start: int, end: int, ents) -> tuple[int, int]:
    """End the subject with the first person (else organisation) named in it,
    dropping an object after it (ووصف المحافظ مروان عبود الوضع). Only a name
    of two words or more cuts: a one-word mention is often part of a longer
    name the tagger missed (ياسر of ياسر المسحل)."""
    inside = [e for e in ents.starting(start, end) if len(t[e[0] : e[1]].split()) >= 2 and not _is_role(t, e)]
    first = next((e for e in ents.starting(start, start + 1) if e[2] == "PER"), None)
    if first and _POSSESSED.match(t, first[1]):
        return start, min(end, first[1])  # واختتم جابريل تصريحاته: a noun with a pronoun is no part of a name
    for e in ents.starting(start, end):
        nxt = _AND_VERB_NEXT.match(t, e[1]) if e[2] == "PER" and e[1] < end else None
        if nxt and nxt.group("w") not in _WAW_NAMES and nxt.group("w") not in _WAW_NOUNS:
            return start, e[1]  # تحدث عنه الدكتور ميزاب وحدد أرقاما: the name ends where «and he set» begins
    place = next((e for e in ents.starting(start, start + 1) if e[2] == "LOC" and e[1] < end), None)
    if place and _INDEFINITE_NEXT.match(t, place[1]):
        return start, place[1]  # ونفت روسيا إرسال جنود: the country speaks, what follows is the object
    for label in ("PER", "ORG"):
        for e in inside:
            if e[2] == label:
                if label == "PER":
                    return start, min(end, _surname_runs_on(t, _title_then_name(t, e, ents), end, ents))
                return start, _holder_after_body(t, start, min(end, _title_then_name(t, e, ents)), ents)
    return start, end


_PARTICLE_FIRST = tuple("بلوفك")
_PLAIN_WORD = re.compile(r"[^\W\d_]+")
# what ends a subject right after a name: whom it was said to, a comma, a colon, أن
_SUBJECT_BOUNDARY = re.compile(r"\s{0,3}(?:[،,:]|ل[^\W\d]|(?:إن|أن|ان|بأن|بان)(?!\w))")


def _surname_runs_on(t: str, name_end: int, end: int, ents) -> int:
    """The end of a tagged name, or of the one untagged word after it that
    is the family name the tagger cut off: the subject ends right after it
    (اللواء عبد الله | صبيحي لوكالة …) or the holder's title follows (محمد
    رحيم | امين حاكم منطقة …). Not an object: an al- noun (مروان عبود
    الوضع), an accusative in ـا, a word with a particle, a tagged word."""
    words = t[name_end:end].split()
    if not words or not _PLAIN_WORD.fullmatch(words[0]):
        return name_end
    w = words[0]
    if len(words) > 1:
        if strip_article(words[1]) not in _TITLE_HEADS:
            return name_end  # (تيم بيل رئيس شركة: رئيس is his title, not his name)
    elif strip_article(w) in _TITLE_HEADS or not _SUBJECT_BOUNDARY.match(t, end):
        return name_end  # (أبو بكر جاء، فاطمة الزهراء عضو: no name ends there)
    if (w.startswith("ال") or w.endswith(("ا", "ة")) or w.startswith(_PARTICLE_FIRST) or len(w) < 3
            or w in _STOPS or w in _PREPOSITIONS or w in _COMPLEMENTISERS or w in _RELATIVES or w in _NOT_HOLDER
            or w in _NASAB or w in _ADVERB_WORDS or _is_verb(w) or _plural_noun(w)):
        return name_end
    if ents.starting(name_end, name_end + 4):
        return name_end
    return t.index(w, name_end) + len(w)


def _holder_after_body(t: str, start: int, body_end: int, ents) -> int:
    """A title, the body it belongs to, then the holder's name untagged
    before whom it was said to (وزيرة خارجية الاتحاد الأوروبي فيديريكا
    موغيريني للصحافيين): the subject runs to the name's end; else the
    body's end."""
    if not any(e[2] == "ORG" and e[1] == body_end for e in ents.starting(body_end - _MAX_ENTITY, body_end)):
        return body_end
    end, p = body_end, body_end
    for _ in range(3):
        m = _WORD.match(t, p)
        if not m:
            break
        end = p = m.end("w")
        if _SUBJECT_BOUNDARY.match(t, p):
            break
    words = t[body_end:end].split()
    if not 2 <= len(words) <= 3 or strip_article(t[start:end].split()[0]) not in _TITLE_HEADS:
        return body_end
    if not _SUBJECT_BOUNDARY.match(t, end) or ents.starting(body_end + 1, end):
        return body_end
    if any(not _PLAIN_WORD.fullmatch(w) or w.startswith(("ال", "وال", "بال", "لل")) or len(w) < 3 or w in _STOPS
           or w in _PREPOSITIONS or w in _NOT_HOLDER or _is_verb(w) or strip_article(w) in _TITLE_HEADS for w in words):
        return body_end
    return end


def _title_then_name(t: str, e, ents) -> int:
    """The end of a person span, or of the name right after it when the
    tagger took a title for a person (وكيل الرقيب | حسين الوعيد)."""
    head = t[e[0] : e[1]].split()[0]
    if e[2] != "PER" or (head[2:] if head.startswith("ال") else head) not in _TITLE_HEADS:
        return e[1]
    nxt = next((x for x in ents.starting(e[1], e[1] + 3) if x[2] == "PER" and not t[e[1] : x[0]].strip()), None)
    return nxt[1] if nxt else e[1]


# و + a past verb of three letters (وحدد، وأكد، وقال) right after a name
_AND_VERB_NEXT = re.compile(r"\s{1,3}(?P<w>و(?!ال)[^\W\d]{3})(?!\w)")
_WAW_NOUNS = {fold_word(w) for w in "واحد وزير وكيل والد والي وسيط".split()}  # و-words that are no «and + verb»
_INDEFINITE_NEXT = re.compile(r"\s{1,3}(?!ال|[لبو])[^\W\d]{2,}")
_ROLE_BEFORE = re.compile(r"(?<!\w)(?:(?:باسم|عن)\s{1,3}|ل)$")


def _is_role(t: str, e) -> bool:
    """An organisation the speaker speaks for (المتحدث باسم X، الناطق عن X): a
    role of the speaker, not the speaker, when a person may follow."""
    return e[2] == "ORG" and bool(_ROLE_BEFORE.search(t, max(0, e[0] - 8), e[0]))


def _entity_for(t: str, s: int, e: int, ents) -> str | None:
    """The PER (else ORG) entity overlapping the speaker; an organisation it
    speaks for (باسم X) only when the speaker is that role alone."""
    best = None
    for ent in ents.starting(s - _MAX_ENTITY, e):
        es, ee, label, eid = ent
        if es < e and ee > s and label in ("PER", "ORG"):
            if label == "ORG" and (_is_role(t, ent) or _titled_before(t, s, es)) and _WORD.match(t, ee) and ee < e:
                continue  # المتحدث باسم الوزارة منصور التركي، وزيرة خارجية الاتحاد X: the words after the body are the person
            if label == "PER" and ee > e and _to_whom(t[e:ee].split()[:1]):
                continue  # (أوباما | لنظيره الكيني tagged as one: the name's id is another person's)
            if best is None or (label == "PER" and best[0] != "PER") or (label == "PER" and best[2]):
                head = t[es:ee].split()[0]
                best = (label, eid, label == "PER" and (head[2:] if head.startswith("ال") else head) in _TITLE_HEADS)
    return best[1] if best else _entity_by_name(t, s, e, ents)  # (a person tagged after a title tagged as one: his)


def _titled_before(t: str, s: int, es: int) -> bool:
    """A person's title opens the speaker before the organisation at ``es`` (وزيرة خارجية الاتحاد الأوروبي)."""
    head = t[s:es].split()[:1]
    return bool(head) and strip_article(head[0]) in _TITLE_HEADS | _HOLDER_TITLES


def _entity_by_name(t: str, s: int, e: int, ents) -> str | None:
    """A speaker no entity overlaps, matched by name with a person named in
    the text: the person's name inside the speaker (الأمير خالد الفيصل ⊃ خالد
    الفيصل) or the speaker's last word the person's last name (وأردف الغانم →
    مرزوق الغانم), when one person only fits."""
    words = t[s:e].split()
    if not words or words[-1] in _UNNAMED or words[-1][2:] in _UNNAMED:
        return None
    index = ents.name_index(t)
    inside = {eid for i, w in enumerate(words) for name, eid in index.person_first.get(w, ())
              if tuple(words[i : i + len(name)]) == name}
    surname = set()
    if not inside and len(words) <= 3:
        surname = set(index.person_last.get(words[-1], ())) | (set(index.person_first_word.get(words[0], ())) if len(words) == 1 else set())
    titled = _titled_before(t, s, e)
    orgs = set() if "باسم" in words else {eid for i, w in enumerate(words) for name, eid in index.org_first.get(w, ())
                                           if tuple(words[i : i + len(name)]) == name
                                           and not (titled and i + len(name) < len(words))}  # (وزيرة خارجية الاتحاد X: hers, not the body's)
    pick = inside or surname or orgs
    return next(iter(pick)) if len(pick) == 1 else None


class _Speech(NamedTuple):
    """A pair read as speech (folded offsets)."""

    mark: int  # the opening mark
    start: int  # content without surrounding spaces
    end: int
    raw_end: int  # content end with spaces: where an unclosed quote stops, its paragraph's end
    after: int  # just past the closing mark
    closed: bool
    speaker: "_Speaker | None" = None  # written with the speech itself (الزياني: ناقشنا…)


_CARRY = 2500


class _SpokenSubjects:
    """Written subjects of speech verbs in text order: a speech verb without
    one (وأضاف:) takes the last one before it."""

    def __init__(self):
        self.speakers: list[_Speaker] = []
        self.verb_starts: list[int] = []

    def add(self, speaker: _Speaker) -> None:
        k = bisect_left(self.verb_starts, speaker.verb_start)
        self.speakers.insert(k, speaker)
        self.verb_starts.insert(k, speaker.verb_start)

    def before(self, pos: int) -> _Speaker | None:
        """The last one before ``pos``, if it spoke within _CARRY characters:
        a speaker is not carried across half an article."""
        k = bisect_left(self.verb_starts, pos)
        return self.speakers[k - 1] if k and pos - self.verb_starts[k - 1] <= _CARRY else None


_ABBREVIATION = re.compile(r"(?<![\w.])(?:\w{1,3}\.){1,4}\w{1,3}(?![\w])")


# a one-letter title or initial before a name: د. (doctor), م. (engineer), أ. (professor)
_TITLE_DOT = re.compile(r"(?<![\w.])[^\W\d]\.(?=[ \t]{1,3}[^\W\d])")  # (and initials: ستيفن ج. هينتغس)


# The same matches found from their dots: a pattern that starts with a literal
# dot is searched for with a fast scan, where _TITLE_DOT and _ABBREVIATION,
# starting with a lookbehind, are tried at every character (a fifth of the
# time of quotes went to them).
_TITLE_DOT_AT_DOT = re.compile(r"\.(?<=(?<![\w.])[^\W\d]\.)(?=[ \t]{1,3}[^\W\d])")
_WORD_DOT = re.compile(r"\.(?<=\w\.)(?=\w)")  # the dot of every abbreviation's first \w{1,3}\.


# Latin initials spelled out before a surname (سارة جيه. ميتشيل، مايكل إف. هيل), folded
_SPELLED_INITIALS = ("جيه", "كيه", "اتش", "دبليو", "ايه", "اف", "اس", "ار")
_SPELLED_INITIAL_DOT = re.compile(rf"(?<=[^\W\d] )(?:{'|'.join(_SPELLED_INITIALS)})\.(?=[ \t]{{1,3}}[^\W\d])")


def _mask_abbreviations(t: str) -> str:
    """The folded text with the dots of abbreviations (إن.بي.سي، بي.سي، د.
    علي، جيه. ميتشيل) made middle dots, so they end no sentence; same length, so offsets hold."""
    if "." not in t:
        return t
    t = _TITLE_DOT_AT_DOT.sub("·", t)  # (the letter before the dot is kept as it is)
    if any(f" {w}." in t for w in _SPELLED_INITIALS):  # (rare: a substring scan before the regex)
        t = _SPELLED_INITIAL_DOT.sub(lambda m: m.group()[:-1] + "·", t)
    pieces, done, tried = [], 0, 0  # done: end of the last abbreviation; tried: starts tried up to
    for d in _WORD_DOT.finditer(t):
        q = d.start()
        # an abbreviation starting at p has its first dot at p+1..p+3, so the
        # starts before q not tried yet are tried in order: leftmost first, as sub does
        for p in range(max(done, tried, q - 3), q):
            m = _ABBREVIATION.match(t, p)
            if m:
                pieces += [t[done:p], m.group().replace(".", "·")]
                done = m.end()
                break
        tried = max(tried, q)
    return "".join(pieces) + t[done:] if pieces else t


_CONSIDERED = {fold_word(w) for w in "يعتبر تعتبر يعد تعد".split()}


def _considered_after_relative(t: str, verb: tuple[int, int]) -> bool:
    """القطاع الذي يعتبر الأكثر غرابة: «which is considered», no one speaks."""
    vs, ve = verb
    if t[vs:ve] not in _CONSIDERED:
        return False
    prev = _WORDS_BACK.findall(t[max(0, vs - 12) : vs])
    return bool(prev) and prev[-1] in _RELATIVES


# «دون أن يذكر X»: a verb of saying negated by «without» reports nothing,
# and X, its subject or object, is no speaker (وكتب دون أن يذكر إردوغان «…»)
_WITHOUT_WORD = re.compile(r"(?:من\s{1,3})?ب?دون\s{1,3}(?:ان|أن)(?!\w)")
_WITHOUT_SAYING = re.compile(r"(?<!\w)(?:من\s{1,3})?ب?دون\s{1,3}(?:ان|أن)\s{1,3}$")


class _Reading:
    """One text read for quotes: its folded form, entities, speech and name
    pairs, and reporting verbs with their written subjects."""

    def __init__(self, text: str, entities: Sequence):
        self.text = text
        self.fd = fold(text)
        self.t = _mask_abbreviations(self.fd.text)
        self.ents = _folded_entities(self.fd, entities, _byline_end(self.t))
        pairs = _capped(self.t, _pairs(self.t))
        self.speech, self.names = _speech_and_names(self.t, pairs, self.ents)
        self.name_marks = set(self.names) | set(self.names.values())
        self.verbs = [v for v in _reporting_verbs(self.t, pairs) if not self._teh_marbuta_noun(v)
                      and not _considered_after_relative(self.t, v) and not _WITHOUT_SAYING.search(self.t, max(0, v[0] - 12), v[0])]
        self.verb_starts = [v[0] for v in self.verbs]
        colon = _colon_speech(self, pairs)
        if colon:
            self.speech = sorted(self.speech + colon)
        self.subjects, self.spoken = _verb_subjects(self, [q.mark for q in self.speech])
        self.genders = learned_genders([(self.t[s.verb_start : s.verb_end], self.t[s.start : s.end])
                                        for s in self.subjects.values() if 0 < s.start - s.verb_end <= 2])
        _add_sources(self)
        self._sorted: list[_Speaker] | None = None
        self.memoir_author: _Speaker | None | bool = False  # not looked for yet (see _narrator)
        self._speech_starts: list[int] | None = None
        self.name_starts: list[tuple[int, int]] | None = None  # the name pairs sorted, when needed
        self.topic: tuple[int, dict, dict] | None = None  # persons tallied up to a position (see _topic_person)

    def _teh_marbuta_noun(self, verb: tuple[int, int]) -> bool:
        """وإضافة (and adding), folded like وأضافه (he added it): the ة says it is a noun."""
        vs, ve = verb
        if ve >= len(self.t) or self.t[ve - 1] != "ه" or self.t[vs - 1 : vs] not in ("و", "ف"):
            return False
        return self.text[self.fd.orig(ve - 1)] == "ة"

    def subject(self, pos: int) -> tuple[int, int] | None:
        """The subject phrase after a verb or sourcing word ending at ``pos``."""
        return _subject(self.t, pos, self.ents, self.text, self.fd, self.names)

    def in_speech(self, pos: int) -> bool:
        """Whether ``pos`` lies inside a quote (a person named there is spoken of, not speaking)."""
        if self._speech_starts is None:
            self._speech_starts = [q.start for q in self.speech]
        k = bisect_right(self._speech_starts, pos) - 1
        return k >= 0 and pos < self.speech[k].end

    def subject_list(self, pos: int) -> list[_Speaker]:
        """Written subjects of the verbs before ``pos``, in text order."""
        if self._sorted is None:
            self._sorted = sorted(self.subjects.values(), key=lambda s: s.verb_start)
            self._sorted_starts = [s.verb_start for s in self._sorted]
        return self._sorted[: bisect_left(self._sorted_starts, pos)]


# a colon after a reporting verb (and its subject) in the same sentence
# (and a short name in marks on the way: وقال عضو المجلس لـ"الوطن": …)
_COLON_AFTER_VERB = re.compile(r"(?:[^.!?؟\n«»‹›“”„‟″\"'‘’:]|[«\"“][^.!?؟\n«»‹›“”„‟″\"'‘’:]{1,40}[»\"”]){0,100}"
                               r"(?<!\d):[ \t]{0,3}(?=[^\s«»‹›“”„‟″\"'‘’\d])")
# a name opening a paragraph or sentence, then a colon: الزياني : ناقشنا…
_NAME_COLON = re.compile(r"(?:^|(?<=\n)|(?<=[.!?؟] ))[ \t]{0,3}(?P<n>[^\s:.،,«»\"]{2,20}(?: [^\s:.،,«»\"]{2,20}){0,3})"
                         r" ?:[ \t]{0,3}(?=[^\s«»‹›“”„‟\"'‘’\d])")
_ORDINALS = {fold_word(w) for w in """الأول الثاني الثالث الرابع الخامس الأخير الأولى الثانية الثالثة الأخيرة
والثاني والثالث والرابع والأخير أولا ثانيا ثالثا رابعا أخيرا""".split()}
_SAID_COLON = re.compile(r"[وف]?(?:قال|يقول|قالت|تقول)[ \t][^:\n.«»\"“”]{1,40}:")
_COLON_MAX = 600  # longest speech read after a colon before cutting at a sentence end


def _colon_speech(r: "_Reading", pairs) -> list[_Speech]:
    """Speech after a colon without quotation marks: `وقال : تشرفت اليوم …`
    (a reporting verb before the colon) and `الزياني : ناقشنا …` (a person,
    as tagged, opening the paragraph); it runs to the end of the paragraph,
    up to a sentence that opens with a reporting verb or a quote mark."""
    t = r.t
    marks = sorted(p[0] for p in pairs)
    spans = sorted((p[0], p[1]) for p in pairs)
    opens = [s for s, _ in spans]

    def in_quote(pos: int) -> bool:  # (a colon inside a quote: the outer quote holds what follows)
        k = bisect_right(opens, pos) - 1
        return k >= 0 and pos < spans[k][1]

    out = []
    for vs, ve in r.verbs:
        m = _COLON_AFTER_VERB.match(t, ve) if not _writer_says(t[vs:ve]) else None
        if m and in_quote(m.end()):
            continue
        if m and (not out or out[-1].raw_end <= m.end()):  # (أقول: a column's own words, no one's quote)
            colon = t.rfind(":", ve, m.end())
            q = _speech_from(t, colon, m.end(), marks, r.verb_starts)
            if q and _enumerates(_words_before(t, colon), t[q.start : q.end]):
                continue  # يضم أقساما منها: شروط …: a list, not what the verb reports
            if q and _SAID_COLON.match(t, q.start):
                continue  # بيانا جاء فيه: قال الله تعالى: ((…)): the inner verb's colon opens the words
            if q and _long_list(t[q.start : q.end]):
                continue  # (كما تم مع دول: الصومال، والنيجر، ومالي …: names, not what was said)
            if q:
                out.append(q)
    if r.ents:
        starts = [o.start for o in out]  # in text order, not overlapping

        def inside_verb_speech(pos: int) -> bool:
            k = bisect_right(starts, pos) - 1
            return k >= 0 and pos < out[k].raw_end

        for m in _NAME_COLON.finditer(t):
            if m.group("n").split()[0] in _ORDINALS:
                continue  # الأول: العلاقات …: an item of a list, whatever the tagger says
            per = [e for e in r.ents.starting(m.start("n"), m.end("n")) if e[2] == "PER" and e[1] == m.end("n")]
            q = per and not inside_verb_speech(m.end()) and not in_quote(m.end()) and _speech_from(
                t, t.index(":", m.end("n")), m.end(), marks, r.verb_starts)
            if q:
                out.append(q._replace(speaker=_Speaker(m.start("n"), m.end("n"), m.start("n"), m.start("n"))))
    return out


def _speech_from(t: str, colon: int, start: int, marks: list[int], verb_starts: list[int]) -> _Speech | None:
    """The unmarked speech starting at ``start`` after the colon at ``colon``."""
    nl = t.find("\n", start, start + _COLON_MAX + 1)
    end = min(len(t), start + _COLON_MAX + 1) if nl < 0 else nl  # (longer: cut at a sentence end below)
    k = bisect_left(marks, start)
    if k < len(marks) and marks[k] < end:
        end = marks[k]  # a quote mark: the quoted speech is its own
    k = bisect_left(verb_starts, start)
    while k < len(verb_starts) and verb_starts[k] < end:
        lo = max(start, verb_starts[k] - 6)
        before = t[lo : verb_starts[k]].rstrip(" وف")
        if before.endswith((".", "!", "?", "؟")):
            end = lo + len(before)
            break  # وقال: … . وأضاف أن …: reported speech after it
        if before.endswith(("،", ",")) and t[verb_starts[k] : verb_starts[k] + 20].split()[0] in _PARTICIPLES:
            end = lo + len(before)
            break  # وقال: إن …، مضيفا أن …: the narration resumes with the participle
        k += 1
    sent = _SENT_END.search(t, start, end)
    if sent:
        end = sent.start()  # one sentence: what follows is as often narration as more speech
    if t.startswith("http", start):
        return None
    s, e = _strip_spaces(t, start, end)
    while e > s and t[e - 1] in ".،,:؛;":
        e -= 1
    if len(t[s:e].split(None, 3)) < 3:
        return None
    return _Speech(colon, s, e, e, e, True)


# the outlet's byline opening an article: «NAME- سبق- CITY:» or «سبق- CITY:»
_BYLINE = re.compile(r"[ \t\n\u200f\u200e]{0,6}(?:[^\W\d]{2,20}(?:[ \t][^\W\d]{2,20}){0,4}[ \t]{0,2}[-–]+[ \t]{0,2})?"
                     r"سبق[ \t]{0,2}[-–]+[ \t]{0,2}(?:[^\W\d]{2,20}[ \t]{0,2}){1,3}:")


def _byline_end(t: str) -> int:
    """Where the byline opening ``t`` (folded) ends; 0 when there is none."""
    m = _BYLINE.match(t)
    return m.end() if m else 0


def _folded_entities(fd, entities: Sequence, after: int = 0) -> _Entities:
    """Entities in folded offsets; those before ``after`` (the byline: its
    reporter never speaks in the article) left out."""
    rows = []
    for e in entities:
        get = e.get if isinstance(e, dict) else (lambda k, e=e: getattr(e, k))
        start = fd.from_orig(get("start"))
        if start >= after:
            rows.append((start, fd.from_orig(get("end")), get("label"), get("entity_id")))
    return _Entities(rows)


def _strip_spaces(t: str, start: int, end: int) -> tuple[int, int]:
    while start < end and t[start].isspace():
        start += 1
    while end > start and t[end - 1].isspace():
        end -= 1
    return start, end


def _speech_and_names(t: str, pairs, ents=None) -> tuple[list[_Speech], dict[int, int]]:
    """Pairs read as speech (the decision needs no speaker), and the closed
    name pairs as opening mark -> closing mark."""
    speech = []
    names: dict[int, int] = {}
    for o, c, ce, closed in pairs:
        cs, e = _strip_spaces(t, o + 1, ce)
        after = c + 1 if closed else c
        if e <= cs:
            continue
        if _is_name(t, o, cs, e, after) or _named_alone(t, o, cs, e, ents):
            if closed:
                names[o] = c
            continue
        if not closed and len(t[cs:e].split(None, _SHORT + 1)) <= _SHORT:
            continue  # a few words after a mark never closed: a stray mark, not a quote
        speech.append(_Speech(o, cs, e, ce, after, closed))
    return speech, names


_NAMED_BY = {fold_word(w) for w in "نقلت نقل ذكرت ذكر أوردت أورد أفادت بثت نشرت أوضحت".split()}


def _named_alone(t: str, o: int, cs: int, ce: int, ents) -> bool:
    """A few words in marks that only name: whom one speaks to after ل
    (قال مصدر لـ«الشرق الأوسط»، أكد متخصصون لـ"الرياض"), the outlet a text
    is credited to (حسبما نقلت «رويترز»), or one tagged name and nothing
    else, not after a colon (دعمت «الورفلي»، واختتم "الخازم" حديثه)."""
    content = t[cs:ce].split()
    before = t[max(0, o - 30) : o].rstrip()
    if not content or len(content) > 3 or before.endswith(":"):
        return False
    if any(es == cs and ee == ce and label in ("PER", "ORG") for es, ee, label, _ in (ents.starting(cs, cs + 1) if ents else ())):
        return True
    if _SPEECHLIKE.search(t, cs, ce):
        return False
    if before[-1:] == "ل" and (len(before) < 2 or not before[-2].isalpha()):
        return True
    words = _WORDS_BACK.findall(before)
    return bool(words) and words[-1] in _NAMED_BY and content[0] in _MEDIA


_THAT = "(?:ان|انه|انها|انهم|بان|بانه|بانها)(?!\\w)"  # أن and its forms, folded: what a verb of saying opens
_COMPLEMENTISER_NEXT = re.compile(rf"[ \t]{{1,3}}{_THAT}")  # (وكان مسؤول ذكر أن: a verb)


def _reporting_verbs(t: str, pairs) -> list[tuple[int, int]]:
    """Spans of reporting verbs outside quotes (a verb inside a quote is not
    the attribution); one spelled like a frequent noun only after و/ف or an
    adverb (فيما طلب)."""
    pair_starts = [p[0] for p in pairs]

    def in_pair(i: int) -> bool:
        k = bisect_right(pair_starts, i) - 1
        return k >= 0 and i < pairs[k][2]

    def after_adverb(i: int) -> bool:
        before = t[max(0, i - 12) : i]
        return _WORDS_BACK.findall(before)[-1:] in _AFTER_ADVERB or not before.strip() or before.rstrip()[-1] in ".!?؟\n"

    verbs = [(m.start("cv") if m.group("c") else m.start(), m.end()) for m in _VERB_RE.finditer(t)
             if not in_pair(m.start()) and (m.group("c") or m.group("v") not in _NOUNLIKE or after_adverb(m.start())
                                            or _COMPLEMENTISER_NEXT.match(t, m.end()))]
    bayyana = [(m.start("v"), m.end("v")) for m in _BAYYANA_COLON.finditer(t) if not in_pair(m.start())]
    return sorted(verbs + bayyana) if bayyana else verbs


# وبيّن: (and he explained:), folded like بين (between), which REPORTING_VERBS leaves out: a verb only before a colon
_BAYYANA_COLON = re.compile(r"(?<!\w)[وف](?P<v>بين)[ \t]{0,3}:")


_URGING = {fold_word(w) for w in "دعا دعت حث حثت ناشد ناشدت طالب طالبت".split()}


def _urged(r: _Reading, vs: int, ve: int, subj: tuple[int, int]) -> bool:
    """The subject read after a verb of urging is its object when it is a
    noun with a possessive (ودعا أنصاره، حث لاعبيه، ناشد أبناءه)."""
    if r.t[vs:ve] not in _URGING:
        return False
    head = r.t[subj[0] : subj[1]].split()[0]
    orig = r.text[r.fd.orig(subj[0]) : r.fd.orig(subj[0] + len(head))]
    return bool(_POSSESSIVE.search(head)) and not head.startswith("ال") and not orig.endswith("ة") \
        and head not in _HONOURED_BY and "الله" not in head and not is_given_name(head) and not _entity_at(r, subj[0])


def _entity_at(r: _Reading, pos: int) -> bool:
    return any(e[0] <= pos < e[1] for e in r.ents.starting(pos - _MAX_ENTITY, pos + 1))


_AS_SAID = [[fold_word(w)] for w in "كما وكما حسبما".split()]


def _verb_subjects(r: _Reading, speech_opens: list[int]) -> tuple[dict[int, _Speaker], _SpokenSubjects]:
    """Verb start -> its written subject, and the subjects speech verbs pass on."""
    subjects: dict[int, _Speaker] = {}
    spoken = _SpokenSubjects()
    for vs, ve in r.verbs:
        subj = _written_subject(r, vs, ve)
        if subj and _WITHOUT_WORD.match(r.t, subj[0]):
            subj = None  # (وكتب دون أن يذكر X «…»: no subject written; the writer named before)
        if subj and _urged(r, vs, ve, subj):
            subj = None  # (ودعا إخوانه من … بقوله: «…»: those urged, the object; the subject was named before)
        if subj:
            sp = _Speaker(subj[0], subj[1], vs, ve)
            subjects[vs] = sp
            # only speech (a complementiser, colon or quote follows in the
            # sentence) passes its speaker on: "كشفت الحملات المتسببين" does not
            if _considered_as(r.t, vs, ve, subj):
                continue  # (أن الشهر يعتبر فترة إغلاق: «is considered», no one speaks)
            if _speech_follows(r.t, subj[1], speech_opens) or _WORDS_BACK.findall(r.t[max(0, vs - 8) : vs])[-1:] in _AS_SAID:
                spoken.add(sp)  # (… ، كما قال مسؤول الجمعة: an attribution of what precedes)
    return subjects, spoken


_SAID_NEXT = re.compile(rf"[ \t]{{0,3}}(?:[:«\"“]|{_THAT})")


def _considered_as(t: str, vs: int, ve: int, subj: tuple[int, int]) -> bool:
    """يعتبر/يعد X Y with neither a complementiser, colon nor quote right
    after X: «X is considered Y», whose X says nothing (يعتبر فترة إغلاق)."""
    verb = t[vs:ve]
    return (verb[1:] if verb[:1] in "وف" else verb) in _CONSIDERED and not _SAID_NEXT.match(t, subj[1])


# a source named without a quote of its own (… على حد قول برونهولتز. وأضاف قائلا: «…»): a later
# subjectless verb goes on with it
_SOURCE_IN_TEXT = re.compile(r"(?<!\w)(?P<v>علي\s{1,3}حد\s{1,3}(?:قول|تعبير)|بحسب\s{1,3}ما\s{1,3}(?:قال|ذكر|اوضح|افاد)"
                             r"|(?:وفقا|طبقا)\s{1,3}ل(?=ل))(?=[\sل])")


def _add_sources(r: "_Reading") -> None:
    """Sources named by a sourcing phrase become speech subjects: the speaker a later verb continues."""
    for m in _SOURCE_IN_TEXT.finditer(r.t):
        subj = _past_article_lam(r, m.end()) if r.t[m.end() - 1 : m.end() + 1] == "لل" else r.subject(m.end())
        if subj:
            r.spoken.add(_Speaker(subj[0], subj[1], m.start("v"), m.end("v")))


def _kana_present(before: str) -> re.Match | None:
    """كان X يقول: only a short X that opens like a subject (الأمير نايف),
    not كان من بين الجمل … عبارة تقول."""
    m = _KANA_PRESENT.search(before)
    words = m.group("s").split() if m else []
    if not 1 <= len(words) <= 4 or not (words[0].startswith("ال") or words[0] in _SUBJECT_HEADS):
        return None
    return None if any(w in _STOPS or w in _PREPOSITIONS or _is_verb(w) for w in words) else m


def _subject_after_an(r: _Reading, vs: int) -> tuple[int, int] | None:
    """أن + a tagged person or body + the verb (نقل المرصد أن تنظيم داعش أبلغ
    أصحاب المقاهي، وأكد أن الرئيس أوباما قال): the name is the verb's
    subject; what follows the verb is its object."""
    ent = next((e for e in reversed(r.ents.starting(max(0, vs - _MAX_ENTITY), vs))
                if e[2] in ("PER", "ORG") and r.t[e[1] : vs] == " "), None)
    if ent is None:
        return _title_after_an(r, vs) or _apposed_after_an(r, vs)
    words = _WORDS_BACK.findall(r.t[max(0, ent[0] - 30) : ent[0]])[-2:]
    if words[-1:] and words[-1] in _NAME_NOUNS | _TITLE_HEADS | {"ال" + w for w in _TITLE_HEADS}:
        words = words[:-1]  # (أن تنظيم | داعش، أن الرئيس | أوباما)
        start = r.t.rfind(" ", 0, ent[0] - 1) + 1
    else:
        start = ent[0]
    return (start, ent[1]) if words[-1:] and words[-1] in ("ان", "بان", "وان") else None


# أن + a title + «، NAME،» + the verb: the name set off by commas is the verb's subject
_APPOSED_AFTER_AN = re.compile(r"(?<!\w)[وب]?ان[ \t]{1,3}(?P<title>[^\W\d]{2,20}(?:[ \t]{1,3}[^\W\d]{2,20}){0,6})[ \t]{0,2}[،,][ \t]{1,2}$")


def _apposed_after_an(r: _Reading, vs: int) -> tuple[int, int] | None:
    """أن + a title + a tagged person between commas + the verb (إلا أن رئيس
    لجنة الأمن الداخلي، مايكل ماكول، قال إن «…»): the person, when the title
    opens with a title word and holds no verb or stop."""
    per = next((e for e in reversed(r.ents.starting(max(0, vs - _MAX_ENTITY), vs))
                if e[2] == "PER" and _COMMA_THEN.fullmatch(r.t, e[1], vs)), None)
    if per is None:
        return None
    m = _APPOSED_AFTER_AN.search(r.t, max(0, per[0] - 120), per[0])
    if m is None:
        return None
    words = m.group("title").split()
    if strip_article(words[0]) not in _TITLE_HEADS or any(_is_verb(w) or (w in _STOPS and w not in _WORKS_IN) for w in words[1:]):
        return None
    return per[0], per[1]


_WORKS_IN = {"في", "من"}  # (رئيس لجنة الأمن في مجلس النواب: where the title holder serves)


_TITLE_AFTER_AN = re.compile(r"(?<!\w)[وب]?ان[ \t]{1,3}(?P<s>(?:(?:سمو|معالي|فضيله|سعاده)[ \t]{1,3})?[^\W\d]{2,20}(?:[ \t]{1,3}[^\W\d]{2,20}){0,5})[ \t]{1,3}$")
_HONOURED_TITLE = re.compile(r"(?:سمو|معالي|فضيله|سعاده)[ \t]{1,3}")


def _title_after_an(r: _Reading, vs: int) -> tuple[int, int] | None:
    """أن + a title phrase the tagger left untagged + the verb (وأفاد البيان
    أن سمو أمير منطقة القصيم قال): the title phrase, when no verb, place
    word or preposition is in it."""
    m = _TITLE_AFTER_AN.search(r.t, max(0, vs - 120), vs)
    if m is None:
        return None
    head = r.t[m.start("s") : m.end("s")]
    honour = _HONOURED_TITLE.match(head)
    words = head[honour.end() if honour else 0 :].split()
    w0 = words[0][2:] if words[0].startswith("ال") else words[0]
    if not (w0 in _TITLE_HEADS or w0 in _HOLDER_TITLES or words[0] in _ORG_HEADS):
        return None
    if any(_is_verb(w) or w in _SPEAKER_PREPOSITIONS or w in _STOPS for w in words[1:]):
        return None
    return m.start("s"), m.end("s")


def _kana_past(r: _Reading, before: str, vs: int) -> re.Match | None:
    """كانت X قالت (a past verb, no قد): a short X opening like a subject or
    a body or person tagged there (وكانت مصلحة الجمارك العامة قالت في بيان)."""
    m = _KANA_PRESENT.search(before)
    words = m.group("s").split() if m else []
    if not 1 <= len(words) <= 5 or any(w in _STOPS or w in _PREPOSITIONS or _is_verb(w) for w in words):
        return None
    start = vs - len(before) + m.start("s")
    tagged = any(e[2] in ("PER", "ORG") for e in r.ents.starting(start, start + 1))
    named = len(words) == 1 and _surname_of_given(r.t, words[0], start)
    return m if tagged or named or words[0].startswith("ال") or words[0] in _SUBJECT_HEADS else None


def _surname_of_given(t: str, w: str, before: int) -> bool:
    """Whether ``w`` follows a given name earlier in the text (وكان خامنئي قال
    after «آية الله علي خامنئي», which the tagger left untagged): a person's surname."""
    return any(is_given_name(g) for g in re.findall(rf"([^\W\d]{{2,15}}) {re.escape(w)}(?!\w)", t[:before]))


_RESUMPTIVE = re.compile(r"\s{1,3}(?:عنه|عنها|فيه|فيها)(?!\w)")


def _resumed_subject(r: _Reading, ve: int) -> tuple[int, int] | None:
    """After الذي + verb + a pronoun taking up the relative (قال عنه، كتبت
    فيها), a tagged person or body written next is the verb's subject."""
    m = _RESUMPTIVE.match(r.t, ve)
    if not m:
        return None
    subj = r.subject(m.end())
    if subj and any(e[2] in ("PER", "ORG") and e[0] == subj[0] for e in r.ents.starting(subj[0], subj[0] + 1)):
        return subj
    return None


def _written_after_relative(r: _Reading, ve: int) -> tuple[int, int] | None:
    """The subject after a verb whose relative pronoun is its object (التي صرح
    رئيس الوزراء X): kept only when it holds a tagged person."""
    subj = r.subject(ve)
    if subj and any(e[2] == "PER" and e[0] < subj[1] and e[1] > subj[0] for e in r.ents.starting(subj[0] - _MAX_ENTITY, subj[1])):
        return subj
    return None


def _names_unmarked(r: _Reading, lo: int, hi: int) -> str:
    """The text from ``lo`` to ``hi`` with the marks around names blanked, so
    that a name in marks reads as a word of the subject (وكانت حركة «الشباب»
    المتطرفة قد أعلنت): same length, same offsets."""
    text = r.t[lo:hi]
    if not _MARKS.search(text):
        return text
    return "".join(" " if lo + i in r.name_marks else ch for i, ch in enumerate(text))


def _written_subject(r: _Reading, vs: int, ve: int) -> tuple[int, int] | None:
    """The subject written with the verb at ``vs``-``ve``; none for a
    participle (مضيفاً), whose speaker is an earlier verb's."""
    t = r.t
    if t[vs:ve] in _PARTICIPLES or _nobody_speaks(t, vs, ve):
        return None
    prev_words = _WORDS_BACK.findall(t[max(0, vs - 30) : vs])
    if prev_words and prev_words[-1] in _STATE_PRONOUNS:
        return None  # ويضيف وهو يشرح السبب: «and he explaining» — the pronoun is the subject, السبب the object
    if prev_words and prev_words[-1] in _COMPLEMENTISERS and prev_words[-1].endswith(_PRONOUN_SUFFIXES):
        return None  # وقال إنه يرى أسامة هوساوي أفضل اللاعبين: إنه's pronoun is the subject, the name the object
    if prev_words and prev_words[-1] in _RELATIVES:
        rel = vs - len(prev_words[-1]) - 1
        resumed = _resumed_subject(r, ve)
        if resumed:
            return resumed  # مصطلح «…» الذي قال عنه عباس قائد رحمت إنه: the relative is the object, the subject follows
        ante = _antecedent(t, rel) or _person_antecedent(r, rel)  # خبير … أحمد عبد الحميد، الذي يقول
        if ante and disagree(t[vs:ve], t[ante[0] : ante[1]].split()):
            # (… التي تعتبر after a man: the relative is about something else; الميليشيات التي صرح
            # رئيس الوزراء: the verb's own subject follows it)
            ante = None
        ante = ante or _written_after_relative(r, ve)
        if ante or not _WORD.match(t, ve) or _WORD.match(t, ve).group("w") not in _ADDRESSEE:
            return ante  # (الوضع الذي قالت عنه المستشارة: the subject is written after the verb)
    after_an = _subject_after_an(r, vs)
    if after_an:
        return after_an
    before = _names_unmarked(r, max(0, vs - 100), vs)
    kana = _KANA.search(before) or (t[vs : vs + 1] in ("ي", "ت") and _kana_present(before)) or _kana_past(r, before, vs)
    if kana:  # وكان X قد قال
        base = vs - len(before)
        return base + kana.start("s"), base + kana.end("s")
    naql = _NAQL_AN.search(t, ve, min(len(t), ve + 160))
    if naql and any(e[2] == "LOC" and e[0] <= naql.start("s") and e[1] >= naql.end("s")
                    for e in r.ents.starting(naql.start("s") - _MAX_ENTITY, naql.start("s") + 1)):
        naql = None  # حذر من انتقال الإرهاب إلى السودان بقوله: a place the words go to, not who speaks
    if naql and not _SENT_END.search(t, ve, naql.start()):  # نقلت … عن X قوله
        return naql.start("s"), naql.end("s")
    if t[vs:ve] in _NAQL_VERBS and _NAQL_FROM_HIM.match(t, ve):
        return None  # ونقلت عنه وكالة الصحافة الفرنسية قوله: the agency reports; "him", named before, speaks
    if t[vs:ve] in _NAQL_VERBS:
        naql = _NAQL_COMMA.search(t, ve, min(len(t), ve + 240)) or _naql_named(t, ve)
        if naql and not _SENT_END.search(t, ve, naql.start()):
            return naql.start("s"), naql.end("s")
    if t[vs:ve] not in _VERBS and _WORD.match(t, ve) and _WORD.match(t, ve).group("w")[:1] == "ب":
        return None  # فوصفها بصاحبة…: the verb's object is a pronoun, a phrase with ب follows, no subject
    subj = r.subject(ve) or _comma_subject(r, ve)
    if subj and t[subj[0] : subj[1]] in _PRONOUNS:
        return None  # وأضاف سموه: the one spoken of before
    if subj and _own_feeling(t[subj[0] : subj[1]].split()[0]):
        return None  # فقد أكد حرصه على الحضور: his care is the object; he was named before
    if subj and t[vs:ve] in _NAQL_VERBS and _NAQL_FROM_HIM.match(t, subj[1]):
        return None  # ونقل موقع النادي عنه قوله: the site reports; "him", named before, speaks
    if subj and _OWN_WORDS.match(t, subj[0]):
        return None  # ثم يختم مقاله بهذه العبارة: his article is the object; he was named before
    if subj and t[subj[0] - 1 : subj[0]] == "و" and t[vs:ve] in _PLURAL_VERBS:
        return None  # فردوا والخوف يملأ قلوبهم: a plural verb's subject is its suffix; و opens a clause of state
    if subj and t[vs:ve] in _OBJECT_VERBS and _BI_NEXT.match(t, subj[1]) and _object_like(t, subj):
        return None  # ووصف الفنانة أليسا بأنها: the object, the describer is named before
    if subj and t[vs:ve] in _OBJECT_VERBS and subj[0] - 1 in r.names and r.names[subj[0] - 1] == subj[1]:
        return None  # اعتُبر «صفعة للحوثيين»: what it was deemed, never who spoke
    if subj is None and vs and (t[vs - 1].isspace() or t[vs - 1] == "ف"):
        subj = (_preverbal_subject(t, vs) or _quoted_opener(t, vs, ve) or _particle_subject(r, vs)  # والأمين العام … الشمري قال إن
                or _named_preverbal(r, vs))
    return _drop_complementiser(t, subj)


_NAMED_APPOSITION_WORDS = 8  # the most words of a title after the name: منصور الرسيني نائب رئيس نادي الرائد أكد


def _named_preverbal(r: _Reading, vs: int) -> tuple[int, int] | None:
    """A sentence that opens with a tagged person, maybe a title after the
    name, then the verb (منصور الرسيني نائب رئيس نادي الرائد أكد أن): the
    person. _preverbal_subject reads only definite or title heads; a name
    opens no noun phrase it knows. Nothing between but plain words: no
    verb, complementiser, relative or stop (… الذي قال: the antecedent's)."""
    t = r.t
    lo = max(0, vs - 160)
    cut = _cut(_LAST_PREVERBAL_BREAK(t[lo:vs]))
    if (cut < 0 and lo > 0) or (cut >= 0 and t[lo + cut] not in ".!?؟\n:"):
        return None  # (only a sentence's start: after a mark or comma the name may be inside a clause)
    first = _WORDS_BACK.search(t, lo + cut + 1, vs)
    if first is None:
        return None
    s0 = first.start() + (t[first.start()] == "و" and not r.ents.starting(first.start(), first.start() + 1))
    per = next((e for e in r.ents.starting(s0, s0 + 1) if e[2] == "PER" and e[1] < vs), None)
    if per is None:
        return None
    words = _WORDS_BACK.findall(t, per[1], vs)
    if len(words) > _NAMED_APPOSITION_WORDS or any(not _plain_word(w) or w in _STOPS or _is_verb(w) for w in words):
        return None
    if any(w[0] == "و" and w not in _WAW_NAMES for w in words):
        return None  # خالد وعبدالعزيز شقيقا الشهيد قالا: two speakers, not the first one
    return per[0], per[1]


_COMMA_THEN = re.compile(r"[ \t]{0,2}[،,][ \t]{1,2}")


def _comma_subject(r: _Reading, ve: int) -> tuple[int, int] | None:
    """A subject set off by commas after its verb (وقال، روبرتو أزيفيدو،
    المدير العام …): the person tagged right after the comma."""
    m = _COMMA_THEN.match(r.t, ve)
    per = m and next((e for e in r.ents.starting(m.end(), m.end() + 1) if e[2] == "PER"), None)
    return (per[0], per[1]) if per else None


_PARTICLE_SUBJECT = re.compile(r"(?<!\w)(?:و?لكن|غير\s{1,3}ان|الا\s{1,3}ان|بيد\s{1,3}ان)(?=\s)")
_PARTICLE_REACH = 120
_PARTICLE_GAP = re.compile(r"[^.!?؟\n:«»\"“”()]{0,80}")


def _particle_subject(r: _Reading, vs: int) -> tuple[int, int] | None:
    """The subject of لكن / غير أن / إلا أن written before the verb, in the
    accusative: `لكن مصدرًا بارزًا في الجيش الحر، أكد`, `غير أن فروم يحذر`;
    only a person or organisation tagged there, an unnamed source or a
    definite or title head, with no verb or complementiser up to the verb."""
    t = r.t
    lo = max(0, vs - _PARTICLE_REACH)
    m = None
    for m in _PARTICLE_SUBJECT.finditer(t, lo, vs):
        pass
    if m is None or _SENT_END.search(t, m.end(), vs):
        return None
    words = list(_WORDS_BACK.finditer(t, m.end(), vs))
    if not 1 <= len(words) <= 12 or not _PARTICLE_GAP.fullmatch(t, m.end(), vs):
        return None
    if any(_is_verb(w.group()) or w.group() in _COMPLEMENTISERS or w.group() in _RELATIVES for w in words):
        return None
    # read here, not by _subject: لكنّ takes the accusative (مصدرًا بارزًا), which _subject reads as an adverb
    head = words[0].group()
    stem = head[:-1] if head.endswith("ا") and len(head) > 3 else head
    comma = t.find("،", words[0].start(), vs)
    if comma >= 0:
        if stem not in _UNNAMED and not t[comma + 1 : vs].strip() and _named_before_comma(r, words[0].start(), comma):
            return words[0].start(), _strip_spaces(t, words[0].start(), comma)[1]  # (غير أن مكتب رئيس الوزراء X، أكد)
        # a described source and where it is from, then a comma: لكن مصدرًا بارزًا في الجيش الحر، أكد
        if stem not in _UNNAMED or t[comma + 1 : vs].strip():
            return None
        k = next((i for i, w in enumerate(words) if i and w.group() in _STOPS), len(words))
        return words[0].start(), words[k - 1].end()
    # right before the verb: a person or organisation tagged to its end, or a short title
    end = words[-1].end()
    named = any(e[2] in ("PER", "ORG") and e[1] == end for e in r.ents.starting(words[0].start(), end))
    if named or (len(words) <= 3 and (stem in _UNNAMED or head in _SUBJECT_HEADS or head[2:] in _UNNAMED
                                      or (head.startswith("ال") and head[2:] in _SUBJECT_HEADS))):  # (إلا أن المدرب الفرنسي قال)
        return words[0].start(), end
    verb = _WORDS_BACK.match(t, vs)
    if len(words) <= 3 and verb and verb.group() in _PLURAL_VERBS and _plural_noun(head):
        return words[0].start(), end  # غير أن مختصين آخرين يقولون: a group speaks with a plural verb
    return None


def _named_before_comma(r: _Reading, start: int, comma: int) -> bool:
    """A person or organisation tagged to the end of the words before the comma."""
    end = _strip_spaces(r.t, start, comma)[1]
    return any(e[2] in ("PER", "ORG") and e[1] == end for e in r.ents.starting(start, end))


def _plural_noun(w: str) -> bool:
    """A plural noun heading a group (مختصين، الخبراء، المسؤولون، نشطاء)."""
    stem = w[2:] if w.startswith("ال") else w
    return stem in _BROKEN_PLURALS or (len(stem) > 4 and stem.endswith(("ون", "ين")) and stem not in _STOPS)


def _drop_complementiser(t: str, subj: tuple[int, int] | None) -> tuple[int, int] | None:
    """«إن زعيم الحزب …», «أن الرئيس هولاند»: the complementiser is not the speaker."""
    if subj:
        m = _WORD.match(" " + t[subj[0] : subj[1]])
        if m and m.group("w") in _COMPLEMENTISERS and m.end() - 1 < subj[1] - subj[0]:
            nxt = _WORD.match(t, subj[0] + m.end() - 1)
            if nxt:
                return nxt.start("w"), subj[1]
    return subj


def find_quotes(text: str, entities: Sequence = ()) -> list[Quote]:
    """Direct quotes of ``text`` with speakers. ``entities``: rows (dicts or
    objects) with start, end, label, entity_id in original offsets."""
    r = _Reading(text, entities)
    out: list[Quote] = []
    prev_end = 0
    prev_speaker: _Speaker | None = None
    prev_unclosed_end = -1
    for q in r.speech:
        if q.speaker:
            r.spoken.add(q.speaker)  # a later وأضاف continues it
        found = ((None, q.speaker) if q.speaker else _named_inside(r, q) or _scripture(r, q.mark) or _writing_of(r, q.mark)
                 or _verb_before(r, q.mark, prev_end, prev_speaker)
                 or _source_before(r, q.mark, prev_end) or _attribution_after(r, q.after))
        if found and found[0]:
            found = (found[0], _quoted_saying(r, found[0], q.mark) or found[1])  # (ذاكراً قول الفيصل «…»: the king's)
        if found:
            verb_span, speaker = found
            speaker = _goes_on_from_quote(r, verb_span, prev_end, prev_speaker) or speaker
        else:
            verb_span = None
            # a quote opening the paragraph after an unclosed one continues it,
            # and so does one that follows a closed quote with nothing between
            # («…». «…»)
            continues = (prev_unclosed_end >= 0 and r.t[prev_unclosed_end : q.mark].strip() == "") or (
                prev_end and _ONLY_BREAK.fullmatch(r.t, prev_end, q.mark))
            speaker = prev_speaker if continues else (
                _colon_person(r, q.mark) or _reported_clause_speaker(r, q.mark, prev_end, prev_speaker)
                or _same_sentence_continues(r, q.mark, prev_end, prev_speaker) or _standalone_continues(r, q))
        speaker = _resolve(r, speaker)
        owner = None
        if speaker and _names_nobody(r, speaker) and _entity_for(r.t, speaker.start, speaker.end, r.ents) is None:
            owner = _owner_carried(r, speaker, verb_span)
            speaker = None  # (فكرتها، بين زملائه: no one; the person the sentence is about, if any, below)
        if speaker is None and verb_span:
            speaker = _resolve(r, _person_before(r, verb_span[0]) or _topic_person(r, verb_span))
        if speaker is None and verb_span and not _nobody_speaks(r.t, *verb_span):
            speaker = (_kin_in_sentence(r, verb_span)
                       or _sole_speaker(r, verb_span[0], verb_gender(r.t[verb_span[0] : verb_span[1]]) or "?")
                       or _continued_after(r, q.after, verb_span) or _previous_quote_speaker(r, verb_span, prev_end, prev_speaker)
                       or _long_lead_person(r, verb_span) or _untagged_title_subject(r, verb_span)
                       or _action_subject(r, verb_span, r.spoken.before(verb_span[0]) or prev_speaker) or owner)
        if speaker and verb_span and _spoken_to(r, speaker, verb_span):
            speaker = None
        if speaker and verb_span and speaker != r.subjects.get(verb_span[0]) and r.t[verb_span[0] : verb_span[1]] not in _NAQL_VERBS:
            speaker = _agreeing(r, speaker, verb_span) or _previous_quote_speaker(r, verb_span, prev_end, prev_speaker)
        if speaker is None and verb_span is None and _unattributed_term(r.t[q.start : q.end]):
            continue  # (وصفها بأنها «رجعية»، اسم المقهى بأنه «مقهى المعقدين»: a label, no one's words)
        prev_end = q.after
        prev_speaker = speaker
        prev_unclosed_end = q.raw_end if not q.closed else -1
        out.append(_quote(r, q, speaker, verb_span))
    return out


_OWNED_BY = {"ه": "m", "ها": "f"}


def _owner_carried(r: _Reading, sp: _Speaker, verb_span: tuple[int, int] | None) -> _Speaker | None:
    """A subject that is a thing of the speaker's own (وشرحت فكرتها قائلة:
    her idea): the speaker carried from before, when the pronoun, the verb
    and that speaker agree in gender."""
    if verb_span is None:
        return None
    words = r.t[sp.start : sp.end].split()
    suffix = "ها" if words[0].endswith("ها") else "ه" if words[0].endswith("ه") else None
    carried = r.spoken.before(sp.verb_start)  # (not the owner's own verb: وشرحت فكرتها)
    if len(words) != 1 or suffix is None or carried is None or verb_gender(r.t[verb_span[0] : verb_span[1]]) != _OWNED_BY[suffix]:
        return None
    if not _titled_or_tagged(r, (carried.start, carried.end)):
        return None  # (a carried subject that is itself no one: الأبرز)
    return _agreeing(r, carried._replace(verb_start=verb_span[0], verb_end=verb_span[0]), verb_span)


_RIGHT_AFTER = re.compile(r"[\s.،,]{0,6}[وف]?$")


def _goes_on_from_quote(r: _Reading, verb_span: tuple[int, int] | None, prev_end: int,
                        prev_speaker: _Speaker | None) -> _Speaker | None:
    """وأضاف with no subject right after a quote («…». وأضاف: «…»): the
    speaker of that quote, however it was found, over a subject carried from
    further back (وتعرب شخصيات … ويقول X: «…». وأضاف:)."""
    if not verb_span or prev_speaker is None or not prev_end or r.subjects.get(verb_span[0]) is not None:
        return None
    vs, ve = verb_span
    verb = r.t[vs:ve]
    if (verb[1:] if verb[:1] in "وف" else verb) not in _GOES_ON or not _RIGHT_AFTER.match(r.t[prev_end:vs]):
        return None
    words = r.t[prev_speaker.start : prev_speaker.end].split()
    if disagree(verb, words) or body_disagrees(verb, words) or r.genders.get(
            r.t[prev_speaker.start : prev_speaker.end], verb_gender(verb)) != verb_gender(verb):
        return None
    return prev_speaker._replace(verb_start=vs, verb_end=vs)


# «قول X» / «مقولة X» between the verb and the quote: the words are X's,
# cited by the verb's subject (واستطرد ذاكراً قول الفيصل: «…»)
_SAYING_OF = re.compile(r"(?<!\w)(?:[وب]?قول|[وب]?(?:ال)?مقوله|كلمات|عباره|(?:ال)?مقولات)\s{1,3}")
_SAYING_NOUNS = {fold_word(w) for w in "قول مقولة المقولة مقولات المقولات عبارة العبارة كلمات".split()}


def _quoted_saying(r: _Reading, verb_span: tuple[int, int], o: int) -> _Speaker | None:
    """The person whose saying the clause between the verb and the quote at
    ``o`` names: a tagged person right after قول/مقولة (and its adjectives and
    title), never a pronoun (قوله: the verb's subject's own words)."""
    vs, ve = verb_span
    m = None
    for m in _SAYING_OF.finditer(r.t, ve, o):
        pass
    if m is None or _SENT_END.search(r.t, m.end(), o):
        return None
    per = next((e for e in r.ents.starting(m.end(), o) if e[2] == "PER" and e[1] <= o and not r.in_speech(e[0])), None)
    if per is None or len(r.t[m.end() : per[0]].split()) > 3:
        return None
    return _Speaker(per[0], per[1], vs, ve)


def _saying_holder(r: _Reading, sp: _Speaker) -> _Speaker:
    """A speaker span that is a saying (المقولة المشهورة للروائي X): the person tagged in it."""
    words = r.t[sp.start : sp.end].split()
    if not words or words[0] not in _SAYING_NOUNS:
        return sp
    per = next((e for e in r.ents.starting(sp.start + 1, sp.end) if e[2] == "PER" and e[1] <= sp.end), None)
    return sp._replace(start=per[0]) if per else sp


_ONLY_BREAK = re.compile(r"[\s.،,]{0,8}")
# «نانسي عجرم: «رحم الله …»»: a list of sayings, each a name, a colon and the words in their own marks
_NAME_THEN_WORDS = re.compile(r"(?P<n>[^\W\d]{2,20}(?: [^\W\d]{2,20}){0,2}) ?: ?[«\"“]")


def _named_inside(r: _Reading, q: _Speech) -> _Attribution | None:
    """A quote whose words open with a name and a colon before an inner
    quote mark (a list of tributes: «لطيفة التونسية: «اللهم …»): that name."""
    m = _NAME_THEN_WORDS.match(r.t, q.start)
    if not m or m.end() >= q.end or any(w in _STOPS or _is_verb(w) for w in m.group("n").split()):
        return None
    return None, _Speaker(m.start("n"), m.end("n"), q.start, q.start)


_CONTINUES_GAP = 120  # the most text between two quotes of one speaker in one sentence


def _same_sentence_continues(r: _Reading, o: int, prev_end: int, prev_speaker: _Speaker | None) -> _Speaker | None:
    """A quote with no verb of its own in the sentence of the quote before it,
    a few words on, with nobody named between (قال X: «…»؛ ولكن «…»، «…»،
    فضلا عن «…»): the same speaker goes on."""
    if prev_speaker is None or not prev_end or o - prev_end > _CONTINUES_GAP or _SENT_END.search(r.t, prev_end, o):
        return None
    if any(e[2] in ("PER", "ORG") for e in r.ents.starting(prev_end, o)):
        return None
    return prev_speaker


# the narrator's kin as a subject (وبدأ والدي الحديث فقال، وربتت أمي على شعري وقالت)
_KIN = {fold_word(w): g for ws, g in (("والدي أبي زوجي ابني أخي شقيقي جدي عمي خالي", "m"),
                                       ("والدتي أمي زوجتي ابنتي أختي شقيقتي جدتي عمتي خالتي", "f")) for w in ws.split()}


def _kin_in_sentence(r: _Reading, verb_span: tuple[int, int]) -> _Speaker | None:
    """A verb with no subject after one whose subject is the narrator's kin
    in the same sentence (memoirs: وبدأ والدي الحديث فقال: «…»): that kin,
    unless a preposition governs it (وأسرعت إلى والدي) or the gender differs."""
    vs, ve = verb_span
    g = verb_gender(r.t[vs:ve])
    lo = max(0, vs - 200)
    ends = list(_SENT_END.finditer(r.t, lo, vs))
    lo = ends[-1].end() if ends else lo
    for m in reversed(list(_WORDS_BACK.finditer(r.t, lo, vs))):
        kin = _KIN.get(m.group())
        if kin is None:
            continue
        before = _WORDS_BACK.findall(r.t[max(0, m.start() - 20) : m.start()])[-1:]
        # the word before reads as a verb: not a preposition or noun of, not definite, no ة (وبدأ، وربتت، فنظر)
        if not before or _governs(before[0]) or before[0].startswith("ال") or before[0].endswith("ه") or (g and kin != g):
            return None
        return _Speaker(m.start(), m.end(), vs, vs)
    return None


# verbs that go on with the words of whoever spoke just before (وأضافت والدة الشهيد: she said the last quote too)
_GOES_ON = {fold_word(w) for w in "أضاف أضافت تابع تابعت أردف أردفت استطرد استطردت".split()}
_GOES_ON_REACH = 200


def _continued_after(r: _Reading, after: int, verb_span: tuple[int, int]) -> _Speaker | None:
    """A verb with no speaker found whose quote is followed, within
    _GOES_ON_REACH characters, by a continuation verb with a written subject
    of its gender (وقالت: «…». وأضافت والدة الشهيد: «…»): that subject."""
    k = bisect_left(r.verb_starts, after)
    if k >= len(r.verbs) or r.verbs[k][0] - after > _GOES_ON_REACH:
        return None
    vs, ve = r.verbs[k]
    sp = r.subjects.get(vs)
    if sp is None or r.t[vs:ve] not in _GOES_ON or r.in_speech(vs):
        return None
    g = verb_gender(r.t[verb_span[0] : verb_span[1]])
    if g is None or verb_gender(r.t[vs:ve]) != g or speaker_gender(r.t[sp.start : sp.end].split()) not in (None, g):
        return None
    return sp._replace(verb_start=verb_span[0], verb_end=verb_span[1])


_PREVIOUS_QUOTE_GAP = 300  # the most text between a quote and the subjectless verb that goes on with it


# the topic an interview's next answer is about, before its verb (وعن الفريق الجديد، قال: «…»)
_TOPIC_LEAD = re.compile(r"[\s.،,]*[وف]?(?:عن|حول|بخصوص)[ \t][^.!?؟\n:«»\"“”()]{1,120}?[،,]?[ \t]*")


def _previous_quote_speaker(r: _Reading, verb_span: tuple[int, int], prev_end: int,
                            prev_speaker: _Speaker | None) -> _Speaker | None:
    """A singular verb with no speaker found, shortly after a quote whose
    speaker was found (وقال: «…». ⏎ وتابع: «…»): that speaker goes on,
    unless a person is named between the two (outside quotes) or the verb's
    gender is not the speaker's. Speakers the text resolved, not written
    with a verb, are not in ``r.spoken``: this is where they go on."""
    vs, ve = verb_span
    if prev_speaker is None or not prev_end or not 0 <= vs - prev_end <= _PREVIOUS_QUOTE_GAP:
        return None
    word = r.t[vs:ve]
    if word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS or _group(r.t, prev_speaker):
        return None
    ends = list(_SENT_END.finditer(r.t, prev_end, vs))
    lead = r.t[ends[-1].end() if ends else prev_end : vs]
    if lead.strip(" \t\n،,.وف") and not _TOPIC_LEAD.fullmatch(lead):
        return None  # (ولذا نجده يقول: mid-sentence, about someone the tagger missed; only a verb opening its sentence)
    if any(e[2] == "PER" and not r.in_speech(e[0]) for e in r.ents.starting(prev_end, vs)):
        return None
    if not _opens_with_name_or_title(r, prev_speaker):
        return None  # (a phrase misread as the speaker is not carried on to the next quote)
    g = verb_gender(word)
    if g and speaker_gender(r.t[prev_speaker.start : prev_speaker.end].split()) not in (None, g):
        return None
    return prev_speaker._replace(verb_start=vs, verb_end=ve)


def _opens_with_name_or_title(r: _Reading, sp: _Speaker) -> bool:
    """A speaker whose first word is a tagged name's, a title (الوزير، مدير)
    or an unnamed source's (مصدر مطلع): one worth carrying on."""
    words = r.t[sp.start : sp.end].split()
    if not words:
        return False
    first_end = sp.start + len(words[0])
    if any(e[2] in ("PER", "ORG") and e[0] < first_end and e[1] > sp.start
           for e in r.ents.starting(sp.start - _MAX_ENTITY, first_end)):
        return True
    head = words[0][2:] if words[0].startswith("ال") else words[0]
    return head in _TITLE_HEADS or head in _UNNAMED or words[0] in _HOLDER_TITLES or head in _HOLDER_TITLES


_LEAD_REACH = 1200  # a lead sentence can run on for a whole paragraph
_LEAD_SUBJECT_AT = 100  # ... but its subject comes early in it


def _long_lead_person(r: _Reading, verb_span: tuple[int, int]) -> _Speaker | None:
    """A singular verb opening a paragraph with no speaker found, after a
    one-sentence paragraph longer than _previous_sentence_person reads
    (توقع رئيس إقليم كردستان مسعود بارزاني … [400 characters]. ⏎ وقال: «…»):
    the person tagged in that sentence's first _LEAD_SUBJECT_AT characters,
    unless a preposition, a noun or a complementiser comes before it."""
    t, (vs, ve) = r.t, verb_span
    word = t[vs:ve]
    if not r.ents or word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS:
        return None
    if t[t.rfind("\n", 0, vs) + 1 : vs].strip(" \tوف") != "":
        return None  # (the verb opens no paragraph)
    span = _sentence_before(t, vs, _LEAD_REACH)
    if span is None or t.rfind("\n", 0, span[1]) >= span[0] and t[t.rfind("\n", 0, span[1]) + 1 : span[0]].strip():
        return None
    ps, pe = span
    per = next((e for e in r.ents.starting(ps, min(pe, ps + _LEAD_SUBJECT_AT)) if e[2] == "PER" and not r.in_speech(e[0])), None)
    if per is None:
        return None
    before = _WORDS_BACK.findall(t[ps : per[0]])
    attached = t[per[0] - 1 : per[0]] in ("ل", "ب") and (per[0] < 2 or t[per[0] - 2].isspace())
    if attached or (before and _governs(before[-1])) or any(w in _COMPLEMENTISERS for w in before):
        return None
    k = bisect_left(r.verb_starts, pe) - 1  # the lead's last reporting verb
    if k >= 0 and r.verbs[k][0] > per[1] and any(
            e[2] == "PER" and e[3] != per[3] for e in r.ents.starting(per[1], r.verbs[k][0])):
        return None  # (… بحديث لرئيس النادي إحسان الجشي أوضح من خلاله: another person spoke in the lead)
    return _Speaker(per[0], per[1], vs, vs)


_OPENING_PARTICLES = {fold_word(w) for w in "فيما كما ثم بينما".split()}
_WHAT = {"ما", "مما", "عما", "ماذا"}
# the longest subject read after a verb that is no verb of saying, unless a tagged name or body ends it
_ACTION_SUBJECT_WORDS = 2


def _opening_verb(t: str, start: int, vs: int) -> re.Match | None:
    """The word opening a sentence at ``start`` when it looks like a verb
    (و/ف + a stem that is no noun, particle or reporting verb, maybe after
    فيما/كما): امتدح، وانتقد، فيما عبرت."""
    first = _WORDS_BACK.match(t, start, vs)
    if first and first.group() in _OPENING_PARTICLES:
        first = _WORD.match(t, first.end(), vs)
        first = first and _WORDS_BACK.match(t, first.start("w"), vs)
    if first is None:
        return None
    w = first.group()
    stem = w[1:] if w[:1] in "وف" and len(w) > 3 else w
    if (len(stem) < 3 or stem.startswith("ال") or stem in _STOPS or stem in _AND_STOPS or stem in _PARTICIPLES
            or stem in _TITLE_HEADS or stem in _ORG_HEADS or stem in _NAME_NOUNS or stem in _HOLDER_TITLES or w in _STOPS):
        return None
    return first


def _without_document_object(t: str, sub: tuple[int, int] | None) -> tuple[int, int] | None:
    """The subject without a statement read on as its last word (ونشرت الحكومة الصينية بيانا: the object)."""
    if not sub:
        return sub
    last = _WORDS_BACK.findall(t, sub[0], sub[1])[-1:]
    if last and sub[1] - len(last[0]) > sub[0] and last[0].endswith("ا") and (
            last[0][:-1] in _DOCUMENTS or "ال" + last[0][:-1] in _DOCUMENTS):
        return sub[0], t.rindex(" ", sub[0], sub[1] - len(last[0]) + 1)
    return sub


def _untagged_title_subject(r: _Reading, verb_span: tuple[int, int]) -> _Speaker | None:
    """A speech verb with no speaker found, in (or opening the sentence
    after) a sentence that opens with a verb and a title or body whose
    holder the tagger missed (امتدح المدير الفني للفريق ناصيف البياوي
    المعسكر، وقال:؛ وانتقد رئيس بلدية ناغازاكي توميهيسا تاوي … . وقال):
    that subject, read as after a reporting verb. Not when a person is
    tagged in the sentence (the rules above declined them for a reason),
    nor for a plural verb or one whose gender is not the subject's."""
    t, (vs, ve) = r.t, verb_span
    word = t[vs:ve]
    if word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS or _nobody_speaks(t, vs, ve):
        return None
    if word in _OBJECT_VERBS or word[1:] in _OBJECT_VERBS:
        return None  # ووصفت الطائرة بأنها «…»: what is described, never who speaks
    span = _sentence_before(t, vs)
    if span is None:
        ends = list(_SENT_END.finditer(t, max(0, vs - 300), vs))
        if not ends and vs > 300:
            return None
        span = (ends[-1].end() if ends else max(0, vs - 300), vs)
    ps, pe = span
    while ps < pe and t[ps] in " \t\n":
        ps += 1
    verb = _opening_verb(t, ps, pe)
    if verb is None or any(e[2] == "PER" and not r.in_speech(e[0]) for e in r.ents.starting(ps, vs)):
        return None
    head = _WORD.match(t, verb.end())
    w0 = head.group("w") if head else ""
    stem = w0[2:] if w0.startswith("ال") else w0
    if not (stem in _TITLE_HEADS or stem in _ORG_HEADS or w0 in _ORG_HEADS or stem in _HOLDER_TITLES):
        return None
    if _is_verb(verb.group()):  # (وانتقد رئيس البلدية … : a reporting verb's written subject, which spoke no quote)
        written = r.subjects.get(verb.start()) or r.subjects.get(verb.start() + 1)  # (the verb's span starts after و/ف)
        sub = (written.start, written.end) if written else None
    else:
        sub = _without_document_object(t, r.subject(verb.end()))
        if sub and len(t[sub[0] : sub[1]].split()) > _ACTION_SUBJECT_WORDS and not any(
                e[1] == sub[1] for e in r.ents.starting(sub[0], sub[1])):
            return None  # (وخاطب الرئيس التونسي أوروبا: after a verb of action the object may run on)
    if not sub or sub[0] != head.start("w") or sub[1] > pe or disagree(word, t[sub[0] : sub[1]].split()):
        return None
    opening = verb.group()[1:] if verb.group()[:1] in "وف" and len(verb.group()) > 3 else verb.group()
    opening_gender = verb_gender(opening) or ("f" if opening.endswith("ت") or opening.startswith("ت") else "m")
    if verb_gender(word) and verb_gender(word) != opening_gender:
        return None  # (فيما عبرت والدة الطالب …، وقال: the two verbs are not one subject's; ت ends a feminine past)
    sub = _cut_before_what(t, sub)
    if any(w in _WHAT for w in t[sub[0] : sub[1]].split()) or any(
            e[2] == "LOC" and e[1] == sub[1] and e[0] > sub[0] for e in r.ents.starting(sub[0], sub[1])):
        return None  # (نفى الوزير X ما يتم تداوله، وخاطب الرئيس أوروبا: the object read on into the subject)
    return _Speaker(sub[0], sub[1], vs, vs)


def _cut_before_what(t: str, sub: tuple[int, int]) -> tuple[int, int]:
    """The subject up to a «ما» that opens the object after a title and a name
    (نفى وزير التعليم سامي الراشد ما يتم تداوله: the minister); a «ما» right
    after the title is left for the caller to decline (نفى الوزير ما …)."""
    words = list(_WORDS_BACK.finditer(t, sub[0], sub[1]))
    k = next((i for i, m in enumerate(words) if m.group() in _WHAT), None)
    return (sub[0], words[k - 1].end()) if k is not None and k >= 3 else sub


# what may open a clause before its verb (من جانبه، عبر …؛ ولم تستبعد …)
_CLAUSE_OPENER = re.compile(r"[ \t]{0,3}(?:(?:[وف]?من[ \t]{1,3}(?:جانب|جهت|ناحيت)(?:ه|ها)|[وف]?بدور(?:ه|ها))[ \t]{0,3}[،,]?"
                            r"|(?:[وف]?(?:حيث|كما|فيما|بينما|ثم))(?=[ \t])|[وف]?(?:لم|لا|لن|قد|لقد)(?=[ \t]))[ \t]{0,3}")
_EXPRESSED = re.compile(r"[وف]?عبر(?:ت)?(?=[ \t])")  # عبر X عن سعادته: expressed (عبر is also "via", a stop word)
_WITH_PERSON = re.compile(r"(?<!\w)مع(?!\w)")
_ABOUT_NEXT = re.compile(r"[ \t]{1,3}عن(?!\w)")
_CLAUSE_BREAKS = re.compile(r"[،,؛;]")
_ACTION_REACH = 400


def _clause_starts(t: str, vs: int) -> list[int]:
    """Starts of the clauses of the sentence before ``vs``, nearest first."""
    ends = list(_SENT_END.finditer(t, max(0, vs - _ACTION_REACH), vs))
    if not ends and vs > _ACTION_REACH:
        return []
    start = ends[-1].end() if ends else 0
    return [m.end() for m in reversed(list(_CLAUSE_BREAKS.finditer(t, start, vs)))] + [start]


def _action_subject(r: _Reading, verb_span: tuple[int, int], carried: _Speaker | None = None) -> _Speaker | None:
    """A speech verb with no speaker found, in a sentence whose clause before
    it opens with a verb of action and its subject, a title, a descriptor or a
    tagged body (من جانبه، عبر اللاعب البرازيلي X عن سعادته، مضيفا «…»؛ ولم
    تستبعد الممثلة المغربية X المشاركة … وقالت:): that subject, when the two
    verbs agree in gender. A bare title (ولوح القيادي في حركة X) does not
    replace a ``carried`` person who is tagged: it is how the text names them
    again. Never the one who interviews (أجرى مراسل التلفزيون مقابلة مع X)."""
    t, (vs, ve) = r.t, verb_span
    word = t[vs:ve]
    if word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS or _nobody_speaks(t, vs, ve):
        return None
    if word in _OBJECT_VERBS or word[1:] in _OBJECT_VERBS:
        return None
    for cs in _clause_starts(t, vs):
        while cs < vs and t[cs] in " \t\n":
            cs += 1
        opener = _CLAUSE_OPENER.match(t, cs, vs)
        p = opener.end() if opener and opener.end() > cs else cs
        verb = _EXPRESSED.match(t, p, vs) or _opening_verb(t, p, vs)
        if verb is None or _is_verb(verb.group()) or len(verb.group().lstrip("وف")) < 3 or r.text[r.fd.orig(verb.end() - 1)] == "ة":
            continue  # (وقراءة الجهاز: a verbal noun, no verb)
        if _ADVERBIAL.fullmatch(verb.group()):
            continue  # (مقدما شكره: a participle going on with the clause before)
        whole = _without_document_object(t, r.subject(verb.end()))
        if not whole or whole[1] > vs:
            continue
        if _EXPRESSED.match(t, p, vs) and not _ABOUT_NEXT.match(t, whole[1]):
            continue  # (عبر الهاتف: via, not expressed)
        if _WITH_PERSON.search(t, whole[1], vs) and any(e[2] == "PER" for e in r.ents.starting(whole[1], vs)):
            return None  # (… مقابلة مع أبي مالك، قال فيها: the one met speaks)
        tagged = next((e for e in r.ents.starting(whole[0], whole[1]) if e[2] == "PER" and e[1] <= whole[1]), None)
        sub = _action_object_cut(r, whole)
        if tagged:
            sub = tagged[0], tagged[1]  # (مدير الكرة بالنادي X، أحبت الفنانة X الحب: the name, as after a reporting verb)
        elif not _titled_or_tagged(r, sub):
            return None  # (the nearest clause's subject is no one who speaks)
        elif carried and any(e[2] == "PER" and e[0] <= carried.start < e[1] for e in r.ents.starting(carried.start - _MAX_ENTITY, carried.end)):
            return None
        opening = verb.group()[1:] if verb.group()[:1] in "وف" and len(verb.group()) > 3 else verb.group()
        opening_gender = verb_gender(opening) or ("f" if opening.endswith("ت") or opening.startswith("ت") else "m")
        if disagree(word, t[sub[0] : sub[1]].split()) or verb_gender(word) and verb_gender(word) != opening_gender:
            return None
        return _Speaker(sub[0], sub[1], vs, vs)
    return None


def _titled_or_tagged(r: _Reading, sub: tuple[int, int]) -> bool:
    """Whether a subject opens with a title, descriptor or body head, or is a tagged person or organisation."""
    w0 = r.t[sub[0] : sub[1]].split()[0]
    stem = w0[2:] if w0.startswith("ال") else w0
    if stem in _TITLE_HEADS or stem in _ORG_HEADS or w0 in _ORG_HEADS or stem in _HOLDER_TITLES:
        return True
    return len(w0) > 2 and any(e[0] == sub[0] and e[2] in ("PER", "ORG") for e in r.ents.starting(sub[0], sub[0] + 1))


def _action_object_cut(r: _Reading, sub: tuple[int, int] | None) -> tuple[int, int] | None:
    """A subject read on into the object of a verb of action cut before it: a
    place or body tagged after the subject's head (وخاطب الرئيس التونسي أوروبا)."""
    if not sub:
        return sub
    t = r.t
    for e in r.ents.starting(sub[0] + 1, sub[1]):
        between = _WORDS_BACK.findall(t, sub[0], e[0])
        if e[2] in ("LOC", "ORG") and t[e[0] - 1 : e[0]].isspace() and not any(w in _SPEAKER_PREPOSITIONS for w in between):
            sub = sub[0], sub[0] + len(t[sub[0] : e[0]].rstrip())  # (not القيادي في حركة X، أستاذ في جامعة X: where the subject works)
            break
    words = list(_NON_SPACE.finditer(t, sub[0], sub[1]))
    if words and words[0].group() in _DOCUMENTS:
        return sub[0], words[0].end()  # (وشكر البيان أفراد المقاومة: the statement, read as its issuer later)
    named = 0  # name-like words in a row after a definite one (محافظ المدينة مروان عبود)
    for k in range(1, len(words)):
        w = words[k].group()
        if w.startswith("ال") and named >= 2:
            return sub[0], words[k - 1].end()  # (وقدر محافظ المدينة مروان عبود الخسائر: a name is whole, then the object)
        definite_before = words[k - 1].group().startswith("ال") or named
        named = named + 1 if definite_before and not w.startswith(("ال", "ب", "ل", "ك")) and w not in _CONSTRUCT_HEADS and w not in _ORG_HEADS else 0
        if w.endswith("ا") and (w[:-1] in _DOCUMENTS or "ال" + w[:-1] in _DOCUMENTS):
            return sub[0], words[k - 1].end()  # (أصدر المتحدث باسم الجيش بيانا جديدا)
        possessed = _POSSESSED_WORD.fullmatch(w) and not (w[-1] == "ه" and r.text[r.fd.orig(words[k].end() - 1)] == "ة")
        if possessed or _OBJECT_WORD.fullmatch(w):
            # (قصارى جهده: an indefinite head before the possessed object goes with it)
            k -= bool(k > 1 and possessed and not words[k - 1].group().startswith("ال"))
            return sub[0], words[k - 1].end()
    return sub


# a word no name or title is made of, where the object of an action starts:
# possessed (جهده; its ه no ة), governed by a preposition (لإقناع، بالتوقيع)، a verbal noun (المشاركة، الاستمرار)
_NON_SPACE = re.compile(r"\S+")
_POSSESSED_WORD = re.compile(r"[^\W\d]{2,}(?:ه|ها|هم)")
_OBJECT_WORD = re.compile(r"[لب]ا(?!ل)[^\W\d]{3,}|الم[^\W\d]ا[^\W\d]{2}ه|الاست[^\W\d]{3,}")


_TERM_WORDS = 3  # a label in marks: this many words at most


def _unattributed_term(content: str) -> bool:
    """A few words in marks that no verb introduces and nobody is found to
    have said, with nothing speech-like in them (no particle, pronoun,
    first-person verb, question or exclamation): a label or scare quote
    (بأنها «الإغريقية المناكفة»، «حديثي النعمة»), not a quotation."""
    words = content.split(None, _TERM_WORDS)
    return (len(words) <= _TERM_WORDS and not _SPEECHLIKE.search(content) and not any(ch in content for ch in "?؟!")
            and not any(len(w) > 3 and w[0] in "يت" for w in words))  # (لأنها «تفسد متعة المكان»: a verb, words said)


_BODY_REACH = 1500  # how far back a feminine verb looks for the body it continues


def _agreeing(r: _Reading, sp: _Speaker, verb_span: tuple[int, int]) -> _Speaker | None:
    """A speaker the text did not write after its verb, kept when the verb
    agrees with it in gender; else the last earlier speech subject that
    agrees (وقالت … after a man was quoted: the woman quoted before him),
    for a feminine verb the last organisation named as one before (ونشرت
    صحيفة «واشنطن بوست» … وأضافت:), else nobody."""
    vs, ve = verb_span
    verb = r.t[vs:ve]
    # (a statement goes on in the masculine: وأكد البيان … وأضاف, whoever issued it)
    document = any(w is not None and r.t[w.start : w.end].split()[:1] in (["نص"], *([d] for d in _DOCUMENTS))
                   for w in (r.subjects.get(vs), r.subjects.get(sp.verb_start)))
    g = verb_gender(verb)
    if not disagree(verb, r.t[sp.start : sp.end].split()) and (g is None or r.genders.get(r.t[sp.start : sp.end], g) == g) and (
            document or not body_disagrees(verb, r.t[sp.start : sp.end].split())):
        return sp  # (وأضاف البيان: the verb agrees with the statement, whoever issued it)
    for earlier in reversed(r.subject_list(vs)):
        if vs - earlier.verb_start > _CARRY:
            break
        if _gender_of(r, earlier) == g or (g == "f" and _is_body(r, earlier)):
            return _resolve(r, earlier._replace(verb_start=vs, verb_end=ve))
    return _body_before(r, vs) if g == "f" and r.t[max(0, vs - 1) : vs + 1].strip()[:1] in ("و", "ف") else None  # (وأضافت: it goes on; عبارة تقول: a noun says)


def _gender_of(r: _Reading, sp: _Speaker) -> str | None:
    """The speaker's gender from its words, else from the verbs it followed in this text."""
    return speaker_gender(r.t[sp.start : sp.end].split()) or r.genders.get(r.t[sp.start : sp.end])


def _is_body(r: _Reading, sp: _Speaker) -> bool:
    """A speaker that is an organisation or place: feminine in agreement (قالت الوزارة، أعلنت مصر)."""
    if speaker_gender(r.t[sp.start : sp.end].split()):
        return False  # مدير عام المنظمة: a man who heads a body
    labels = {e[2] for e in r.ents.starting(sp.start - _MAX_ENTITY, sp.end) if e[0] < sp.end and e[1] > sp.start}
    return bool(labels) and "PER" not in labels and labels <= {"ORG", "LOC"}


def _body_before(r: _Reading, vs: int) -> _Speaker | None:
    """The last organisation tagged before ``vs`` (within _BODY_REACH) after a
    feminine head that names what it is (صحيفة «واشنطن بوست»، وكالة رويترز,
    or one of its own words: وزارة الصحة), outside quotes."""
    for es, ee, label, _ in reversed(r.ents.starting(max(0, vs - _BODY_REACH), vs)):
        if label != "ORG" or ee > vs or r.in_speech(es):
            continue
        before = _WORDS_BACK.findall(r.t[max(0, es - 20) : es])[-1:]
        first = r.t[es:ee].split()[:1]
        if (before and _strip_clitic(before[0]) in _BODY_HEADS) or (first and first[0] in _BODY_HEADS):
            return _Speaker(es, ee, vs, vs)
    return None


# feminine heads of organisations that speak (قالت الصحيفة، أضافت الوزارة)
_BODY_HEADS = {fold_word(w) for w in """صحيفة الصحيفة جريدة الجريدة مجلة المجلة وكالة الوكالة وزارة الوزارة
شركة الشركة منظمة المنظمة هيئة الهيئة قناة القناة إذاعة الإذاعة حركة الحركة جماعة الجماعة""".split()}


def _reported_clause_speaker(r: _Reading, o: int, prev_end: int, prev_speaker: _Speaker | None) -> _Speaker | None:
    """A quote opened by a complementiser or بقوله with no verb in its
    sentence continues reported speech: `قال X إن «…»، وأن «…»` (the
    previous quote's speaker, same sentence), `… . وأن «…»` / `وزاد أن`
    (the last speaker of the paragraph, within 600 characters)."""
    t = r.t
    words = _words_before(t, o, 2)
    if not words or not (words[-1] in _COMPLEMENTISERS or words[-1] in _QUOTE_INTRO or words[-1][1:] in _COMPLEMENTISERS
                         or (words[-1][:1] == "و" and words[-1][1:] in _QUOTE_INTRO)):  # ورغم ثناء أوباما … وقوله «…»
        return None
    if prev_speaker and prev_end and not _SENT_END.search(t, prev_end, o):
        return prev_speaker
    own = _sentence_person(r, o)  # فتوجه وائل كفوري إلى جمهوره بالقول «…»
    if own:
        return own
    last = r.spoken.before(o)
    if last and o - last.verb_end <= 600 and "\n" not in t[last.verb_end : o]:
        return last
    return None


_STANDALONE_WORDS = 8
_STANDALONE_REACH = 1200


def _standalone_continues(r: _Reading, q: _Speech) -> _Speaker | None:
    """A quote of a sentence or more standing on its own, with no verb or
    source of its own (… قال X إن … . ⏎ «نحن نعمل …».): the speaker of the
    last attributed speech before it, within _STANDALONE_REACH characters
    and at most one paragraph back, as news copy continues a speaker."""
    t = r.t
    if len(t[q.start : q.end].split(None, _STANDALONE_WORDS)) <= _STANDALONE_WORDS:
        return None
    before = t[max(0, q.mark - 5) : q.mark].strip(" \t*-")
    if before.endswith("و"):
        before = before[:-1].rstrip()  # … إن نحو 40% يعانون. و«يوجد نحو 50 ألف تلميذ…»: and, still his words
    if before and before[-1] not in ".!?؟\n":
        return None  # mid-sentence: a fragment, not a quote standing on its own
    last = r.spoken.before(q.mark)
    if last is None or q.mark - last.verb_end > _STANDALONE_REACH or t.count("\n", last.verb_end, q.mark) > 4:
        return None
    return last


def _colon_person(r: _Reading, o: int) -> _Speaker | None:
    """A quote right after a colon that ends a sentence with no reporting
    verb but with a person in it (غير أن نسيرة يفضل عدم الاستغراب:،
    ونشر الجزء الآتي من خطاب ألقاه الرئيس باراك أوباما:، يفسر بايتون هذا
    الأمر: ⏎ «…»): the last person tagged in that sentence not governed by a
    preposition."""
    t = r.t
    colon = len(t[:o].rstrip())
    if not r.ents or colon == 0 or t[colon - 1] != ":" or t[colon:o].count("\n") > 2:
        return None
    colon -= 1
    lo = max(0, colon - 300)
    ends = list(_SENT_END.finditer(t, lo, colon))
    lo = ends[-1].end() if ends else lo
    for es, ee, label, _ in reversed(r.ents.starting(lo, colon)):
        if label != "PER" or ee > colon or r.in_speech(es):
            continue  # (a name inside an earlier quote is spoken of: فردوا: "أخ كريم وابن أخ كريم"، وكان جوابه: "…")
        prev = _WORDS_BACK.findall(t[max(lo, es - 20) : es])[-1:]
        attached = t[es - 1 : es] in ("ل", "ب") and (es < 2 or t[es - 2].isspace())
        if not (attached or (prev and prev[0] in _PREPOSITIONS)):
            return _Speaker(es, ee, colon, colon)
    return None


# plural verbs: their subject is a group, not the person named before
_PLURAL_VERBS = ({fold_word(w) for w in L.REPORTING_VERBS if w.endswith(("وا", "ون", "ين", "تا"))} | {
    fold_word(w) for w in "قالا أكدا أضافا".split()}) - {fold_word(w) for w in "لافتا يبين".split()}
# nouns whose complement is a person who is not speaking (قوات الأسد، نظام القذافي)
_OF_PERSON = {fold_word(w) for w in """قوات نظام حكومة جانب عهد حكم عائلة أسرة نجل ابن ابنة زوجة عصر مثل ومثل
زيارة لقاء اتصال رسالة خطاب قرار تصريحات إدارة حملة وفاة مقتل اغتيال اعتقال ظهور""".split()}


def _person_before(r: _Reading, vs: int) -> _Speaker | None:
    """A speech verb with no speaker at all (`دافع كيري عن القرار. وقال: «…»`):
    the last person tagged before it in its paragraph, unless that person is
    the complement of a preposition or a noun (قوات الأسد) or the verb plural."""
    t = r.t
    word = _WORDS_BACK.match(t, vs)
    if not word or word.group() in _PLURAL_VERBS or _nobody_speaks(t, vs, word.end()):  # (وقلت: the narrator)
        return None
    lo = max(0, vs - 400, t.rfind("\n", 0, vs) + 1)
    for es, ee, label, _ in reversed(r.ents.starting(lo, vs)):
        if label != "PER" or ee > vs or r.in_speech(es) or _in_name_pair(r, es, ee):
            continue  # (a name inside a work's title, «حق ميت», is no one here)
        prev = _WORDS_BACK.findall(t[max(0, es - 20) : es])[-1:]
        attached = t[es - 1 : es] in ("ل", "ب") and (es < 2 or t[es - 2].isspace())
        if attached or (prev and (prev[0] in _PREPOSITIONS or prev[0] in _OF_PERSON)):
            return None
        return _Speaker(es, ee, vs, vs)
    return None


def _topic_person(r: _Reading, verb_span: tuple[int, int]) -> _Speaker | None:
    """A singular verb of saying with no speaker anywhere near (an interview:
    «عن إحساسه بالمنصب، قال: «…»»): the person the article is about so far,
    the one tagged most often before the verb (three times or more, twice as
    often as any other), at its last mention, when nobody else is named in
    the verb's sentence. Not in a memoir, whose dialogue has many speakers,
    nor for a plural or first-person verb."""
    vs, ve = verb_span
    word = r.t[vs:ve]
    if not r.ents or word in _PLURAL_VERBS or word[:1] in "وف" and word[1:] in _PLURAL_VERBS or _nobody_speaks(r.t, vs, ve):
        return None
    if r.memoir_author is False:
        r.memoir_author = _memoir_author(r)
    if r.memoir_author:
        return None
    if r.name_starts is None:
        r.name_starts = sorted(r.names.items())
    # counted once over the text: the verbs come in text order, so the tally only grows
    done, counts, last = r.topic if r.topic and r.topic[0] <= vs else (0, {}, {})
    for es, ee, label, eid in r.ents.starting(done, vs):
        if label == "PER" and not r.in_speech(es) and not _in_pairs(r.name_starts, es):
            counts[eid] = counts.get(eid, 0) + 1
            last[eid] = (es, ee)
    r.topic = (vs, counts, last)
    ranked = sorted(counts.values(), reverse=True)
    # (the one the article is about: three times at least, and twice as often as anyone else)
    if not ranked or ranked[0] < 3 or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
        sole = _sole_speaker(r, vs)
        return sole._replace(verb_start=vs, verb_end=vs) if sole else None
    top = max(counts, key=counts.get)
    lo = max(0, vs - 300)
    ends = list(_SENT_END.finditer(r.t, lo, vs))
    ps = ends[-1].end() if ends else lo
    if any(e[2] == "PER" and e[3] != top for e in r.ents.starting(ps, vs)):
        return None  # someone else named in the verb's own sentence: the rules above declined them for a reason
    es, ee = last[top]
    return _Speaker(es, ee, vs, vs)


def _sole_speaker(r: _Reading, vs: int, gender: str | None = None) -> _Speaker | None:
    """The one speaker the article has quoted so far (an interview: «قالت
    الممثلة صبا مبارك … وعن مشاريعها قالت: «…»»), however far back: every
    speech subject before ``vs`` reads the same, or ends with the same word.
    With ``gender`` (the verb's), only the speakers of that gender count: the
    one woman quoted in an interview that also quotes men."""
    k = bisect_left(r.spoken.verb_starts, vs)
    if not k or k > _SOLE_MAX:
        return None
    pool = r.spoken.speakers[:k]
    if gender:
        return _sole_of_gender(r, vs, [sp for sp in pool if speaker_gender(r.t[sp.start : sp.end].split()) == gender])
    last = pool[-1]
    named = any(e[2] == "PER" and e[0] < last.end and e[1] > last.start for e in r.ents.starting(last.start - _MAX_ENTITY, last.end))
    head = r.t[last.start : last.end].split()[0]
    if not named and not head.startswith("ال") and head not in _TITLE_HEADS:
        return None  # (a person tagged there, or a definite or title head: not a stray phrase read as a subject)
    tail = r.t[last.start : last.end].split()[-1]
    for sp in pool:
        if r.t[sp.start : sp.end].split()[-1] != tail:
            return None
    return last


def _sole_of_gender(r: _Reading, vs: int, pool: list[_Speaker]) -> _Speaker | None:
    """The speaker of ``pool`` (all of the verb's gender) when they are one
    person: one tagged person among them, the others bare titles
    (الممثلة المصرية غادة عادل … الممثلة المصرية); its last tagged mention."""
    ids, last = set(), None
    for sp in pool:
        ent = _entity_for(r.t, sp.start, sp.end, r.ents)
        if ent:
            ids.add(ent)
            last = sp
        elif len(r.t[sp.start : sp.end].split()) > 2:
            return None  # an untagged name: maybe someone else
    return last._replace(verb_start=vs, verb_end=vs) if last and len(ids) == 1 else None


_SOLE_MAX = 40  # speech subjects looked through (an interview has a few)


def _in_pairs(pairs: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies inside one of the (open, close) name pairs (sorted): «حقّ ميت» is a title."""
    k = bisect_right(pairs, (pos, len(pairs) and 1 << 62)) - 1
    return k >= 0 and pairs[k][0] < pos < pairs[k][1]


def _governs(w: str) -> bool:
    """A word after which a person is a complement, not a subject: a
    preposition, a noun like قوات/زيارة, or a prepositional phrase (بكأس
    ليبرتادوريس، لرئيس الوزراء)."""
    return w in _PREPOSITIONS or w in _OF_PERSON or (
        w[:1] in "بل" and len(w) > 3 and not _is_verb(w) and w not in _NOT_GOVERNING)


_NOT_GOVERNING = {fold_word(w) for w in "بينما لكن لكنه لكنها لقد بدوره بدورها ليعود لتؤكد ليؤكد".split()}


def _sentence_person(r: _Reading, vs: int) -> _Speaker | None:
    """A verb with no subject of its own inside a sentence about a person
    (فيما حاول الرئيس بونغو توضيح ظهور ميسي قائلا:، جاء رزق يبتسم يقول:):
    the first person tagged in the sentence before the verb, unless a
    preposition or noun governs it or a complementiser comes before it."""
    t = r.t
    if not r.ents or t[vs : vs + 12].split()[0] in _PLURAL_VERBS:
        return None
    lo = max(0, vs - 300)
    ends = list(_SENT_END.finditer(t, lo, vs))
    if not ends and lo > 0:
        return None
    ps = ends[-1].end() if ends else lo
    # after فيما/بينما a new clause opens with its own subject
    clause = max((m.end() for m in _NEW_CLAUSE.finditer(t, ps, vs)), default=ps)
    for start in dict.fromkeys((clause, ps)):
        per = next((e for e in r.ents.starting(start, vs) if e[2] == "PER" and e[1] <= vs and not r.in_speech(e[0])), None)
        if per is None:
            continue
        before = _WORDS_BACK.findall(t[start : per[0]])
        attached = t[per[0] - 1 : per[0]] in ("ل", "ب") and (per[0] < 2 or t[per[0] - 2].isspace())
        if attached or (before and _governs(before[-1])) or any(w in _COMPLEMENTISERS for w in before) or _in_name_pair(r, *per[:2]):
            return None
        return _Speaker(per[0], per[1], vs, vs)
    return None



def _in_name_pair(r: _Reading, es: int, ee: int) -> bool:
    """Whether the mention lies inside marks read as a longer name (a work's
    title: «حق ميت»); a name alone in marks («سليمان», a pseudonym) is the person."""
    return any(o < es and ee <= c and r.t[o + 1 : c].strip() != r.t[es:ee] for o, c in r.names.items())


_NEW_CLAUSE = re.compile(r"(?<!\w)(?:فيما|بينما|وفيما|وبينما)(?!\w)")


def _previous_sentence_person(r: _Reading, vs: int, carried: _Speaker | None, reach: int = 400) -> _Speaker | None:
    """A verb opening its sentence with no subject (وقال: «…») after a
    sentence about a person whose words it did not report (رفض محمد علي
    جعفري القرار. وقال إن …; دافع كيري عن قرار الرئيس أوباما. وقال:): the
    first person tagged in that sentence, unless a preposition or noun
    governs it or a reporting verb or complementiser comes before it there,
    and unless the carried speaker spoke in that sentence."""
    t = r.t
    if not r.ents or t[vs : vs + 12].split()[0] in _PLURAL_VERBS:
        return None
    span = _sentence_before(t, vs, reach)
    if span is None or (carried and carried.verb_start >= span[0]):
        return None
    ps, pe = span
    per = next((e for e in r.ents.starting(ps, pe) if e[2] == "PER" and not r.in_speech(e[0])), None)
    if per is None and pe - ps <= _ASIDE_SENTENCE and not any(ps <= v < pe for v in r.verb_starts):
        span = _sentence_ending_before(t, ps, reach)  # (X أمضى … . بتهمة أنه «…». ⏎ وقال: X, two sentences back)
        if span is None or (carried and carried.verb_start >= span[0]):
            return None
        ps, pe = span
        per = next((e for e in r.ents.starting(ps, pe) if e[2] == "PER" and not r.in_speech(e[0])), None)
    if per is None:
        return None
    es, ee = per[0], per[1]
    before = _WORDS_BACK.findall(t[ps:es])
    attached = t[es - 1 : es] in ("ل", "ب") and (es < 2 or t[es - 2].isspace())
    if attached or (before and _governs(before[-1])):
        return None
    if any(w in _COMPLEMENTISERS for w in before):
        return None  # (وأشار إلى أن الرئيس Y: Y is spoken of)
    return _Speaker(es, ee, vs, vs)


def _previous_statement(r: _Reading, vs: int, carried: _Speaker | None) -> _Speaker | None:
    """A verb opening its sentence with no subject (وقال: «…») after a
    sentence in which a body announced something in a statement (أعلن جيش X
    في بيان، عن …): that body, over a speaker carried from further back."""
    span = _sentence_before(r.t, vs)
    if span is None or (carried and carried.verb_start >= span[0]) or not _BAYAN.search(r.t, *span):
        return None
    k = bisect_left(r.verb_starts, span[0])
    for ws, _ in r.verbs[k:]:
        if ws >= span[1]:
            break
        sp = r.subjects.get(ws)
        if sp and not _group(r.t, sp) and r.t[sp.start : sp.end].split()[0] not in _DOCUMENTS:
            return sp._replace(verb_start=vs, verb_end=vs)
    return None


def _sentence_before(t: str, vs: int, reach: int = 400) -> tuple[int, int] | None:
    """The sentence before the one a verb at ``vs`` opens (only و/ف before
    the verb, or the particle قد: وقد كتب), within ``reach`` characters; None
    when the verb does not open it."""
    lo = max(0, vs - reach)
    ends = list(_SENT_END.finditer(t, lo, vs))
    if not ends or t[ends[-1].end() : vs].strip(" \t\nوف") not in ("", "قد", "لقد"):
        return None
    k = len(ends) - 1
    while k >= 0 and not t[(ends[k - 1].end() if k else lo) : ends[k].start()].strip():
        k -= 1  # an empty line between paragraphs
    if k < 0:
        return None
    ps = ends[k - 1].end() if k else lo
    if k == 0 and lo > 0:
        return None  # its start lies beyond the window
    return ps, ends[k].start()


_ASIDE_SENTENCE = 200  # a short sentence with no person nor reporting verb in it, said of the person before


def _sentence_ending_before(t: str, ps: int, reach: int) -> tuple[int, int] | None:
    """The sentence just before the one that starts at ``ps``, in the same paragraph."""
    lo = max(0, ps - reach)
    ends = list(_SENT_END.finditer(t, lo, ps))
    if not ends or "\n" in t[ends[-1].start() : ps].strip(" \t"):
        return None  # (a paragraph break: the sentence before belongs to another paragraph)
    start = ends[-2].end() if len(ends) > 1 else (lo if lo == 0 else None)
    return (start, ends[-1].start()) if start is not None else None


_BAYAN = re.compile(r"(?<!\w)[وبف]?(?:ال)?بيان(?:ا|ه|ها)?(?!\w)")


def _resolve(r: _Reading, sp: _Speaker | None) -> _Speaker | None:
    """A speaker written as a document (البيان، نص البيان) becomes the
    organisation that issued it; a definite unnamed source (المصدر،
    المسؤول) the indefinite one introduced earlier (مصدر دبلوماسي تركي)."""
    if sp is None:
        return None
    words = r.t[sp.start : sp.end].split()
    if (len(words) > 1 and words[0] in _DOCUMENTS and words[1][:1] == "ل" and words[1][1:2] not in ("ل", "") and len(words[1]) > 3
            and not words[1].startswith(_LAM_NOUNS)):
        # وقال بيان لقوة المهام المشتركة: the body whose statement it is (not للجيش: no الجيش is written)
        return sp._replace(start=r.t.index(words[1], sp.start) + 1)
    if words and words[0] == "نص":
        words = words[1:]
    if len(words) == 1 and words[0] in _DOCUMENTS:
        issuer = _issuer(r, sp.verb_start)
        return issuer._replace(verb_start=sp.verb_start, verb_end=sp.verb_end) if issuer else sp
    if len(words) == 1 and words[0].startswith("ال") and words[0][2:] in _UNNAMED:
        for earlier in reversed(r.subject_list(sp.verb_start)):
            head = r.t[earlier.start : earlier.end].split()[0]
            if head == words[0][2:] and earlier.end - earlier.start > len(head):
                return earlier._replace(verb_start=sp.verb_start, verb_end=sp.verb_end)
    if len(words) == 1 and words[0].startswith("ال") and words[0][2:] in _TITLE_HEADS:
        holder = _title_holder(r, words[0][2:], sp.start)
        if holder:
            return sp._replace(start=holder[0], end=holder[1])
    return sp


_HOLDER_REACH = 3000
_LAM_NOUNS = tuple(fold_word(w) for w in "لجنة لجان لواء لقاء لائحة".split())  # (تقرير لجنة التحقيق: لجنة is the noun, no ل of)


def _title_holder(r: _Reading, stem: str, pos: int) -> tuple[int, int] | None:
    """A bare title (الرئيس، الوزيرة) is the person it was written with
    before: a speaker who held it, else a person tagged within a few words
    after the title (الرئيس باراك أوباما، وزيرة القوى العاملة ناهد عشري),
    the most named of them, the latest on a tie."""
    for earlier in reversed(r.subject_list(pos)[-_SOLE_MAX:]):
        words = r.t[earlier.start : earlier.end].split()
        if pos - earlier.end > _HOLDER_REACH or not (stem in words or "ال" + stem in words):
            continue
        title = earlier.start + len(" ".join(words[: words.index(stem if stem in words else "ال" + stem)]))
        per = next((e for e in r.ents.starting(title, earlier.end) if e[2] == "PER" and e[1] <= earlier.end), None)
        if per and not _HOLDER_GAP.search(r.t, title, per[0]):
            return per[0], per[1]  # (a speaker who held the title: وقال وزير الخارجية الروسي سيرغي لافروف … وذكر الوزير)
    held: dict[str, tuple[int, int]] = {}
    mentions: dict[str, int] = {}
    for es, ee, label, eid in r.ents.starting(max(0, pos - _HOLDER_REACH), pos):
        if label != "PER" or ee > pos:
            continue
        surname = r.t[es:ee].split()[-1] if r.t[es:ee].split() else eid
        mentions[surname] = mentions.get(surname, 0) + 1
        before = list(_WORDS_BACK.finditer(r.t, max(0, es - 60), es))[-4:]
        title = next((w for w in reversed(before) if w.group() in (stem, "ال" + stem)), None)
        if title and not _HOLDER_GAP.search(r.t, title.end(), es):
            held[surname] = (es, ee)  # (the title, its body if any, then the name: no comma or mark between)
    if not held:
        return None
    for earlier in r.subject_list(pos)[-_SOLE_MAX:]:  # (a speaker written untagged counts too: قال لافروف)
        words = r.t[earlier.start : earlier.end].split()
        if words and words[-1] in held and pos - earlier.end <= _HOLDER_REACH:
            mentions[words[-1]] += 1
    # two ministers named: the one the article names most, by surname (وزير الخارجية الروسي سيرجي لافروف …
    # قال لافروف … وزير الخارجية الأميركي جون كيري)
    return held[max(held, key=lambda k: (mentions[k], held[k][0]))]


def _issuer(r: _Reading, pos: int) -> _Speaker | None:
    """Who issued the statement spoken of before ``pos``: the last subject
    of a verb whose sentence names a statement (وقال الاتحاد في بيان), else
    the last organisation named in such a sentence."""
    t = r.t
    for m in reversed(list(_BAYAN.finditer(t, max(0, pos - 3000), pos))[-6:]):
        lo = max((t.rfind(c, 0, m.start()) for c in ".!?؟\n"), default=-1) + 1
        for earlier in reversed(r.subject_list(m.start())):
            if earlier.verb_start < lo:
                break
            if r.t[earlier.start : earlier.end] not in _DOCUMENTS:
                return earlier
        orgs = [e for e in r.ents.starting(lo, m.start()) if e[2] == "ORG"]
        if orgs:
            return _Speaker(orgs[-1][0], orgs[-1][1], m.start(), m.start())
    return None


# (verb or sourcing word span, speaker): how a quote is attributed
_Attribution = tuple[tuple[int, int], _Speaker | None]


_OUTER_GAP = 300


def _outer_speaker(r: _Reading, sp: _Speaker | None) -> _Speaker | None:
    """A speaker carried to a later sentence who was the subject inside
    another's reported clause (وذكر المتحدث X أن الاتحاد الأفريقي يعتبر أن …
    ⏎ وأضاف): the one who reported it goes on, not the one reported."""
    if sp is None:
        return None
    own = next((e for e in reversed(r.subject_list(sp.verb_start + 1)) if (e.start, e.end) == (sp.start, sp.end)), None)
    if own is None or own.verb_start < own.start:
        return sp  # (وقال X: a subject after its own verb opens a clause of the text, not of another's speech)
    for earlier in reversed(r.subject_list(own.verb_start)):
        if sp.start - earlier.end > _OUTER_GAP or _SENT_END.search(r.t, earlier.end, sp.start):
            break
        if earlier.end <= sp.start and any(w in _COMPLEMENTISERS for w in _WORDS_BACK.findall(r.t, earlier.end, sp.start)):
            named = any(e[2] == "PER" and e[1] <= earlier.end for e in r.ents.starting(earlier.start, earlier.end))
            if named or _titled_or_tagged(r, (earlier.start, earlier.end)):
                return earlier._replace(verb_start=sp.verb_start, verb_end=sp.verb_end)
            return sp
    return sp


def _sentence_ends_between(r: _Reading, lo: int, hi: int) -> bool:
    """A sentence end in [lo, hi) other than a dot in the marks of a name (قناة «آر. بي. كا»: the dots are the name's)."""
    return any(m.group() != "." or not any(o < m.start() < c for o, c in r.names.items())
               for m in _SENT_END.finditer(r.t, lo, hi))  # (a ? or ! in a title, «من أنت؟!», still ends the sentence)


def _verb_before(r: _Reading, o: int, prev_end: int, prev_speaker: _Speaker | None = None) -> _Attribution | None:
    """The nearest reporting verb before the quote opening at ``o``, in the
    same sentence and after the previous quote (``prev_speaker``: that
    quote's speaker, whom a bare title may name again)."""
    k = bisect_left(r.verb_starts, o) - 1
    if k < 0:
        return None
    vs, ve = r.verbs[k]
    if vs < prev_end or vs < o - 300 or (_sentence_ends_between(r, ve, o) and not _COLON_BREAK.fullmatch(r.t, ve, o)):
        return None
    if _nobody_speaks(r.t, vs, ve):
        return (vs, ve), _narrator(r, vs, ve)
    speaker = r.subjects.get(vs)
    if speaker is None and r.t[vs:ve] in _PLURAL_VERBS:
        # فردوا: «…»: a group no one person speaks for; a group named before (ويضيفون after المواطنون) goes on
        carried = r.spoken.before(vs)
        return (vs, ve), carried if carried and _group(r.t, carried) else None
    if speaker is None and _MEMOIR_ASKED.fullmatch(r.t, vs, ve) and _memoir_narrator(r):
        return (vs, ve), _memoir_narrator(r)._replace(verb_start=vs, verb_end=vs)  # فسألته بدهشة: she who writes
    if speaker is None and r.t[vs:ve].removeprefix("ف") in _ANSWERS:
        speaker = _asked_person(r, vs)  # وسألت الصحيفة الوزير X عن …، فأجاب: «…»: X answers
    if speaker is None:
        speaker = _asked_before(r, vs)  # وبسؤال X إن كان …، يقول: «…»: X answers
    if speaker is None and _WORDS_BACK.findall(r.t[max(0, vs - 12) : vs])[-1:] in _PRONOUN_PARTICLES:
        speaker = _person_before(r, vs)  # وأن محمد بخاري «اعترف…»، لكنه قال: the person just named
    if speaker is None and _HONORIFIC_BEFORE.search(r.t, max(0, vs - 12), vs):
        speaker = _honoured(r, vs, ve)  # وأفاد البيان أن سموه قال: the prince, not the statement carried
    if speaker is None:
        speaker = _later_person(r, vs, r.spoken.before(vs))
        # the sentence's own subject beats one carried from an earlier sentence,
        # and so does the person the sentence before is about (رفض X القرار. وقال: …)
        if speaker is None or _SENT_END.search(r.t, speaker.verb_end, vs):
            speaker = (_clause_subject(r.t, vs, r.ents) or _sentence_person(r, vs)
                       or _previous_sentence_person(r, vs, speaker) or _previous_statement(r, vs, speaker)
                       or _action_subject(r, (vs, ve), speaker or r.spoken.before(vs) or prev_speaker)
                       or _outer_speaker(r, speaker)
                       or (_HONORIFIC_NEXT.match(r.t, ve) and _previous_sentence_person(r, vs, None, _HONORIFIC_REACH))
                       or _honoured(r, vs, ve))
        elif _NEW_CLAUSE.search(r.t, speaker.verb_end, vs):
            speaker = _sentence_person(r, vs) or speaker  # …، فيما حاول الرئيس X … قائلا
        else:
            speaker = _newer_person(r, vs, prev_end, speaker) or _acting_since(r, (vs, ve), speaker) or speaker
        if speaker is not None:
            speaker = _paragraph_person(r, vs, speaker) or speaker
    return (vs, ve), speaker


# a clause opened by و/ف and its verb after a comma, then at most two words (a title) before the subject
_AND_VERB_BEFORE = re.compile(r"[،,]\s{0,2}[وف][^\W\d]{3,8}\s{1,3}(?:[^\W\d]{2,20}\s{1,3}){0,2}$")


def _acting_since(r: _Reading, verb_span: tuple[int, int], carried: _Speaker) -> _Speaker | None:
    """A tagged person who opened a clause of action after the carried speaker's
    verb, in the same sentence (وأوضح المواطن X أن …، ويؤيد المواطن Y الرأي
    السابق …، مضيفا: «…»): Y goes on, not X."""
    acting = _action_subject(r, verb_span, carried)
    if acting is None or acting.start < carried.verb_end or not _AND_VERB_BEFORE.search(r.t, max(0, acting.start - 60), acting.start):
        return None  # (only a clause of its own: …، مثل البرلماني X is no verb «مثّل» but «such as»)
    return acting if any(e[2] == "PER" and (e[0], e[1]) == (acting.start, acting.end)
                         for e in r.ents.starting(acting.start, acting.start + 1)) else None


_ASKING = {fold_word(w) for w in "سأل سألت يسأل تسأل سألوا وسأل وسألت".split()}
_ANSWERS = {fold_word(w) for w in "أجاب أجابت يجيب تجيب رد ردت".split()}
_ASKED = re.compile(r"(?<!\w)[وف]?(?:سال|سالت|يسال|تسال|سالوا)(?!\w)")
_ASKED_REACH = 300
_ABOUT = re.compile(r"(?<!\w)(?:عن|حول)(?!\w)")


_ASKED_NOUN = re.compile(r"(?<!\w)(?:وب|ب|ول|ل)سوال(?=\s)")


def _asked_before(r: _Reading, vs: int) -> _Speaker | None:
    """A verb of saying without subject in the sentence of «بسؤال X»: X,
    tagged right after (at most a title between), answers."""
    lo = max(0, vs - _ASKED_REACH)
    asked = None
    for m in _ASKED_NOUN.finditer(r.t, lo, vs):
        asked = m
    if asked is None or _SENT_END.search(r.t, asked.end(), vs):
        return None
    per = next((e for e in r.ents.starting(asked.end(), vs) if e[2] == "PER" and e[1] <= vs), None)
    if per is None or len(r.t[asked.end() : per[0]].split()) > 1:
        return None
    return _Speaker(per[0], per[1], vs, vs)


def _asked_person(r: _Reading, vs: int) -> _Speaker | None:
    """Who answers (فأجاب، ردت) without a subject: the person a verb of asking
    just before took as its object (وسألت الصحيفة الوزير X عن …)، the last
    one tagged before what was asked about (عن/حول …) and not after a
    preposition. None when the question was put to a pronoun (سألته)."""
    lo = max(0, vs - _ASKED_REACH)
    asked = None
    for m in _ASKED.finditer(r.t, lo, vs):
        asked = m
    if asked is None or len(_SENT_END.findall(r.t, asked.end(), vs)) > 1:
        return None
    about = _ABOUT.search(r.t, asked.end(), vs)
    hi = about.start() if about else vs
    for e in reversed(r.ents.starting(asked.end(), hi)):
        if e[2] == "PER" and e[1] <= hi and not r.in_speech(e[0]):
            before = _WORDS_BACK.findall(r.t[asked.end() : e[0]])
            if not (before and _governs(before[-1])) and r.t[e[0] - 1 : e[0]] not in ("ل", "ب"):
                return _Speaker(e[0], e[1], vs, vs)
    return None


def _paragraph_person(r: _Reading, vs: int, carried: _Speaker) -> _Speaker | None:
    """A speaker carried from an earlier paragraph gives way to a person the
    verb's own paragraph made the subject of a verb of saying before it
    (⏎ فيما اعتبر الدكتور Y الاتفاقية … ⏎ «…»، قائلا: Y), however long its sentence."""
    para = r.t.rfind("\n", 0, vs) + 1
    if carried.verb_start >= para or carried.start >= para:
        return None
    for sp in reversed(r.subject_list(vs)):
        if sp.verb_start < para:
            return None
        if r.t[sp.verb_start : sp.verb_end] in _ASKING:
            continue  # (سألت الدورية X عن …: the asker is not who answers)
        if any(e[2] == "PER" and e[0] < sp.end and e[1] > sp.start for e in r.ents.starting(sp.start - _MAX_ENTITY, sp.end)) \
                and not _same_name(r.t, (sp.start, sp.end), carried):
            return sp._replace(verb_start=vs, verb_end=vs)
    return None


_NEWER_GAP = 300
_CLAUSE_OPENERS = {fold_word(w) for w in "كما ثم".split()}


def _newer_person(r: _Reading, vs: int, prev_end: int, carried: _Speaker) -> _Speaker | None:
    """A verb without subject after the quote of the speaker it would carry,
    in the same sentence, when a person was named between as the subject of
    another verb (قال X: «…» كما تفاعل الوزير Y مع الوسم وكتب «…»): Y speaks
    now, unless a preposition, noun or complementiser takes Y in."""
    t = r.t
    if not r.ents or carried.verb_start >= prev_end or vs - prev_end > _NEWER_GAP or _SENT_END.search(t, prev_end, vs):
        return None
    per = next((e for e in r.ents.starting(prev_end, vs) if e[2] == "PER" and e[1] <= vs and not r.in_speech(e[0])), None)
    if per is None or (per[0] < carried.end and per[1] > carried.start):
        return None
    before = _WORDS_BACK.findall(t[prev_end : per[0]])
    attached = t[per[0] - 1 : per[0]] in ("ل", "ب") and t[per[0] - 2 : per[0] - 1].isspace()
    if not before or len(before) > 3 or not (before[0] in _CLAUSE_OPENERS or before[0][:1] in "وف") or attached \
            or any(_governs(w) for w in before) or any(w in _COMPLEMENTISERS for w in before):
        return None  # (only a clause of its own right after the quote: كما تفاعل [الوزير] Y، وتفاعل Y)
    head = before[1] if before[0] in _CLAUSE_OPENERS and len(before) > 1 else before[0].removeprefix("و").removeprefix("ف")
    if len(head) >= 5 and head[-2] == "ا":
        return None  # (واعتبار Y، واستقبال Y: a verbal noun, Y its object)
    if _same_name(t, per, carried):
        return None
    return _Speaker(per[0], per[1], vs, vs)


def _same_name(t: str, per: tuple, sp: _Speaker) -> bool:
    """Whether the tagged person ``per`` shares a name word with the speaker span (الوزير X … X)."""
    words = set(t[per[0] : per[1]].split())
    return bool(words & set(t[sp.start : sp.end].split()))


# وقال سموه / معاليه: the honoured person the lead sentence is about, however long that sentence
# (رفع صاحب السمو الملكي الأمير X أمير منطقة … التهاني لخادم الحرمين الشريفين … . وقال سموه:)
_HONORIFIC_NEXT = re.compile(r"\s{1,3}(?:سموه|سموها|معاليه|معاليها|سعادته|سعادتها|فضيلته|سيادته|جلالته|دولته)(?!\w)")
_HONORIFIC_REACH = 1500
# an honorific pronoun right before the verb, after أن (أن سموه قال)
_HONORIFIC_BEFORE = re.compile(rf"(?<!\w)[وب]?ان\s{{1,3}}{alternation(L.HONORIFIC_PRONOUNS)}\s{{1,3}}$")
# the titles an honorific pronoun stands for (سموه: صاحب السمو الأمير X; معاليه: معالي الوزير X)
_HONOURED_BY = {fold_word(p): {fold_word(w) for w in ws.split()} for ps, ws in (
    ("سموه سموها", "سمو السمو الأمير الأميرة"), ("معاليه معاليها", "معالي الوزير وزير الوزيرة وزيرة"),
    ("سعادته سعادتها", "سعادة"), ("فضيلته", "فضيلة الشيخ"), ("سيادته", "سيادة الرئيس"), ("جلالته", "جلالة الملك"),
    ("دولته", "دولة رئيس")) for p in ps.split()}
_HONORIFIC = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(_HONOURED_BY))})(?!\w)")
_HONOURED_REACH = 3000


def _honoured(r: _Reading, vs: int, ve: int) -> _Speaker | None:
    """A verb whose subject is an honorific pronoun, after it (وقال معاليه)
    or opening its sentence (ورحب سموه بالضيوف، وقال), with nobody quoted or
    named near: the person the article titled so (استقبل معالي وزير الإسكان
    X … وقال معاليه), the last one tagged after that title."""
    t = r.t
    m = _HONORIFIC.match(t, ve + 1) if t[ve : ve + 1] == " " else None
    if m is None:
        lo = max((t.rfind(c, max(0, vs - 200), vs) for c in ".!?؟\n:«»\"“”"), default=-1) + 1
        m = next(_HONORIFIC.finditer(t, lo, vs), None)
    if m is None:
        return None
    titles = _HONOURED_BY[m.group()]
    for es, ee, label, _ in reversed(r.ents.starting(max(0, vs - _HONOURED_REACH), vs)):
        if label == "PER" and ee <= vs and not r.in_speech(es) and any(
                w in titles for w in _WORDS_BACK.findall(t[max(0, es - 60) : es])[-6:]):
            return _Speaker(es, ee, vs, vs)
    return None


_BROKEN_PLURALS = {fold_word(w) for w in """أهالي خبراء طلاب سكان ناس أطباء علماء شباب عمال أعضاء نشطاء زعماء قادة
وزراء نواب شهود ركاب مسؤولو ممثلو البعض بعض""".split()}


def _group(t: str, sp: _Speaker) -> bool:
    """A speaker that is many people (المواطنون، المسؤولين، الطرفان، الأهالي، خبراء في الطقس)."""
    head = t[sp.start : sp.end].split()[0]
    stem = head[2:] if head.startswith("ال") else head
    return head.endswith(("ون", "ين", "ان", "ات")) or stem in _BROKEN_PLURALS or head in _BROKEN_PLURALS


def _spoken_to(r: _Reading, sp: _Speaker, verb_span: tuple[int, int]) -> bool:
    """إلى أحد المنظمين أمين أبي ياغي قائلا له: the person right before a
    participle «saying to him» is the one spoken to."""
    vs, ve = verb_span
    return r.t[vs:ve] in _PARTICIPLES and sp.end <= vs and not r.t[sp.end : vs].strip() and bool(_TO_HIM.match(r.t, ve))


_TO_HIM = re.compile(r"\s{1,3}(?:له|لها|لهم)(?!\w)")
_WHOEVER = {"من", "ومن"}  # هناك من يقول: someone, unnamed
# a pronoun on the particle before the verb is the person just named (لكنه قال)
_PRONOUN_PARTICLES = [[fold_word(w)] for w in "لكنه لكنها ولكنه ولكنها".split()]


_MEMOIR = re.compile(r"(?<!\w)[وفب]?(?:ال)?مذكرات(?:ه|ها)?(?!\w)")
_MEMOIR_HEADING = re.compile(r"(?<!\w)مذكرات[ \t]{1,3}(?P<n>[^\W\d]{2,20}(?:[ \t]{1,3}[^\W\d]{2,20}){1,2})[ \t]{0,3}[(:]")


def _narrator(r: _Reading, vs: int, ve: int) -> _Speaker | None:
    """The narrator of a memoir, who speaks in the first person (فقلت): the
    person whose memoirs the article says it is (مذكرات فاتن حمامة، وتتحدث
    فاتن حمامة في الحلقة الأخيرة من مذكراتها), the first such mention; none
    for «whoever» (من يقول) or when no memoir is named."""
    t = r.t
    w = t[vs:ve]
    if w[:1] in "وف" and w[1:] in _FIRST_PERSON:
        w = w[1:]
    if w not in _FIRST_PERSON:
        return None
    if r.memoir_author is False:  # found once per text: the scan is over the whole article
        r.memoir_author = _memoir_author(r)
    return r.memoir_author._replace(verb_start=vs, verb_end=vs) if r.memoir_author else None


# in a memoir «سألته» is the narrator's «I asked him» (elsewhere it may be «she asked him»)
_MEMOIR_ASKED = re.compile(r"[وف]?سالت(?:ه|ها|هم)")


def _memoir_narrator(r: _Reading) -> _Speaker | None:
    if r.memoir_author is False:  # found once per text: the scan is over the whole article
        r.memoir_author = _memoir_author(r)
    return r.memoir_author or None


def _memoir_author(r: _Reading) -> _Speaker | None:
    t = r.t
    heading = _MEMOIR_HEADING.search(t)
    if heading:  # مذكرات فاتن حمامة (3): …, a series heading the tagger may not read
        return _Speaker(heading.start("n"), heading.end("n"), 0, 0)
    for m in _MEMOIR.finditer(t):
        after = next((e for e in r.ents.starting(m.end(), m.end() + 3) if e[2] == "PER"), None)
        if after and not m.group().endswith(("ه", "ها")):
            return _Speaker(after[0], after[1], 0, 0)  # مذكرات فاتن حمامة
        if m.group().endswith(("ه", "ها")):
            lo = max(0, m.start() - 80)
            ends = list(_SENT_END.finditer(t, lo, m.start()))
            before = [e for e in r.ents.starting(ends[-1].end() if ends else lo, m.start()) if e[2] == "PER"]
            if before:
                return _Speaker(before[0][0], before[0][1], 0, 0)  # تتحدث فاتن حمامة … من مذكراتها
    return None


def _nobody_speaks(t: str, vs: int, ve: int) -> bool:
    """A verb whose speaker is not its written subject nor anyone carried:
    the first person (فقلت: the narrator, see _narrator) or «whoever» (هناك
    من يقول)."""
    w = t[vs:ve]
    if w[:1] in "وف" and w[1:] in _FIRST_PERSON:
        w = w[1:]
    if w in _FIRST_PERSON or _writer_says(w):
        return True  # (the word before is read only when needed: this runs for every verb; مما أقوله: mine)
    prev = _WORDS_BACK.findall(t[max(0, vs - 12) : vs])
    return bool(prev) and prev[-1] in _WHOEVER


def _later_person(r: _Reading, vs: int, spoken: _Speaker | None) -> _Speaker | None:
    """The speaker a verb with no subject continues: the last speech
    subject, unless a person was since the subject of another reporting
    verb in the sentence before (وحذر ديسر من … . وقال: «…»)."""
    subjects = r.subject_list(vs)
    if not subjects or not r.ents:
        return spoken
    last = subjects[-1]
    if (spoken and last.verb_start <= spoken.verb_start) or vs - last.verb_end > 400:
        return spoken
    if len(_SENT_END.findall(r.t, last.verb_end, vs)) > 1:
        return spoken  # not the sentence before
    if any(e[2] == "PER" and e[0] < last.end and e[1] > last.start for e in r.ents.starting(last.start - _MAX_ENTITY, last.end)):
        return last
    return spoken


# a name alone between a break and the colon before the quote: an item of a list of sayings
_LISTED_NAME = re.compile(r"[:.\n؛][ \t]{0,6}(?P<n>[^\W\d]{2,20}(?: [^\W\d]{2,20}){0,3}) ?:[ \t]{0,3}$")


def _source_before(r: _Reading, o: int, prev_end: int) -> _Attribution | None:
    """A sourcing phrase before the quote in its sentence: وبحسب المصدر، فإن «…»."""
    t = r.t
    lo = max(prev_end, o - 200)
    sent = _SENT_END.search(t[lo:o][::-1])
    if sent:
        lo = o - sent.start()
    sources = list(_BEFORE_SOURCE.finditer(t, lo, o))
    if not sources:
        return None
    src = sources[-1]  # the nearest
    item = _LISTED_NAME.search(t, src.end(), o)
    named = item and _colon_person(r, o)
    if named and named.start >= item.start("n"):
        return None  # (وحسب الصحيفة، أثار البيان تعليقات، منها: سارة علي: «…»: hers, the source only reports it)
    if src.group("for"):
        per = next((e for e in r.ents.starting(src.end(), src.end() + 1) if e[2] == "PER"), None)
        if per is None and src.group("for")[0] not in "بوف":
            per = next((e for e in r.ents.starting(src.end(), src.end() + 1) if e[2] == "ORG"), None)
        if per is None:
            return None  # بالنسبة للمستهلك: for whom, not who says
        speaker = _Speaker(per[0], per[1], src.start("for"), src.start("for") + len(src.group("for").rstrip()))
        return (speaker.verb_start, speaker.verb_end), speaker
    subj = r.subject(src.end())
    if not subj or (src.group("v").startswith("جاء") and t[subj[0] : subj[1]].split()[0] not in _DOCUMENTS):
        return None
    if src.group("v") == "مقوله" and not any(e[2] == "PER" and e[0] < subj[1] and e[1] > subj[0] for e in r.ents.starting(subj[0], subj[1])):
        return None  # مقولة شهيرة قلتها: a saying, nobody's name after it
    span = (src.start("v"), src.end("v"))
    speaker = _Speaker(subj[0], subj[1], *span)
    if t[subj[0] : subj[1]].split()[0] in _DOCUMENTS:
        speaker = _actor_per_document(r, lo, src.start(), speaker)
    r.spoken.add(speaker)  # بحسب المرصد «…»، مشيرا إلى «…»: the participle goes on with it
    return span, speaker


_SET_OFF = re.compile(r"\s{0,3}[،,]\s{0,3}$")


def _actor_per_document(r: _Reading, lo: int, src: int, speaker: _Speaker) -> _Speaker:
    """وأوصى الغبان، بحسب البيان، بـ«…»: the person whose act the statement
    reports, named right after the sentence's first word, says it; the
    statement is only where it is read."""
    if not _SET_OFF.search(r.t, max(lo, src - 6), src):
        return speaker
    per_end = _SET_OFF.search(r.t, max(lo, src - 6), src).start()
    per = next((e for e in r.ents.starting(max(lo, per_end - _MAX_ENTITY), per_end) if e[2] == "PER" and e[1] == per_end), None)
    words = r.t[lo:per_end].split()
    if per is None and len(words) == 2 and r.ents.name_index(r.t).person_last.get(words[1]):
        per = (per_end - len(words[1]), per_end)  # (وأوصى الغبان: the surname of a person named before)
    if per is None or len(r.t[lo : per[0]].split()) != 1:
        return speaker
    return _Speaker(per[0], per[1], speaker.verb_start, speaker.verb_end)


# «…». بهذه الكلمات بدأ قائد المنتخب السابق فؤاد أنور حديثه: any verb, its subject the speaker
_THESE_WORDS = re.compile(r"[ \t]{0,3}[.،,]?[ \t]{0,3}(?:وب|ب)هذه[ \t]{1,3}(?:الكلمات|العبارات|الكلمه|العباره)[ \t]{1,3}"
                          r"(?P<v>[^\s«»\"“”،,.:]{2,12})(?=\s)")


# «…». ⏎ (مرشد إيران علي خامنئي في خطبة عيد الفطر): the speaker in parentheses after the quote
_PAREN_AFTER = re.compile(r"[ \t.،,]{0,4}\n?[ \t]{0,3}\((?P<s>[^()\n]{3,160})\)")
_PAREN_STOPS = _STOPS | {"اي", "يعني", "مروجا", "معلقا"}


def _parenthesised_after(r: _Reading, after: int) -> _Attribution | None:
    """A speaker in parentheses right after the quote (quotes of the week):
    its words up to a stop, a verb or a participle, when they open with a
    title or hold a tagged person or organisation."""
    m = _PAREN_AFTER.match(r.t, after)
    if not m:
        return None
    words = []
    for w in _WORDS_BACK.finditer(r.t, m.start("s"), m.end("s")):
        g = w.group()
        if g in _AMBIGUOUS and keep_letters(r.text[r.fd.orig(w.start()) : r.fd.orig(w.end())]) not in _AMBIGUOUS[g]:
            g = ""  # علي (Ali), not على
        if len(words) >= 8 or g in _PAREN_STOPS or _is_verb(g) or _ADVERBIAL.fullmatch(g) or g[:1].isdigit():
            break
        words.append(w)
    if not words:
        return None
    s, e = words[0].start(), words[-1].end()
    head = words[0].group()
    named = any(x[2] in ("PER", "ORG") and x[0] < e and x[1] > s for x in r.ents.starting(s - _MAX_ENTITY, e))
    if not named and (head[2:] if head.startswith("ال") else head) not in _TITLE_HEADS:
        return None
    s, e = _cut_at_entity(r.t, s, e, r.ents)
    return None, _Speaker(s, e, m.start(), m.start())  # (no verb)


# «…». ⏎ وزير الخارجية الفلسطيني رياض المالكي يقول إن …: the speaker opens the next line
_NEXT_LINE = re.compile(r"[ \t.]{0,3}\n[ \t]{0,3}(?P<s>[^\s«»\"“”*][^\n.،,:«»\"“”]{2,100}?)[ \t]{1,3}(?P<v>يقول|قال|قالت|تقول)(?!\w)")


def _next_line_speaker(r: _Reading, after: int) -> _Attribution | None:
    """A quote on a line of its own (quotes of the week) whose speaker opens
    the next line with يقول/قال, when a person or organisation is tagged
    there or it opens with a title."""
    m = _NEXT_LINE.match(r.t, after)
    if not m:
        return None
    s, e = m.start("s"), m.end("s")
    head = r.t[s:e].split()[0]
    named = any(x[2] in ("PER", "ORG") and x[0] < e and x[1] > s for x in r.ents.starting(s - _MAX_ENTITY, e))
    if not named and (head[2:] if head.startswith("ال") else head) not in _TITLE_HEADS:
        return None
    return (m.start("v"), m.end("v")), _Speaker(*_cut_at_entity(r.t, s, e, r.ents), m.start("v"), m.end("v"))


def _stop_then_verb(r: _Reading, after: int) -> _Attribution | None:
    """«…». يقول X: a quote opening its paragraph or sentence, then a
    present-tense reporting verb with its written subject."""
    m = _AFTER_STOP_VERB.match(r.t, after)
    if not m:
        return None
    subj = r.subject(m.end())
    if not subj:
        return None
    speaker = _Speaker(subj[0], subj[1], m.start("v"), m.end("v"))
    r.spoken.add(speaker)
    return (m.start("v"), m.end("v")), speaker


_LAM_REACH = re.compile(r"[^.!?؟\n،,:«»\"“”()]{1,50}")


def _past_article_lam(r: _Reading, pos: int) -> tuple[int, int] | None:
    """The source after وفقا لل… (ل + the article, its alef dropped: للرئيس الفرنسي
    فرانسوا هولاند): the person or organisation tagged in its phrase, which the
    text cannot spell with its article."""
    m = _LAM_REACH.match(r.t, pos)
    if not m:
        return None
    ent = next((x for x in r.ents.starting(pos, m.end()) if x[2] in ("PER", "ORG") and x[1] <= m.end()), None)
    return (ent[0], ent[1]) if ent else None


def _attribution_after(r: _Reading, after: int) -> _Attribution | None:
    """Right after the quote: «…»، قال X / «…» بحسب (ما كتب) X / «…». بهذه
    الكلمات بدأ X حديثه."""
    m = _AFTER_VERB.match(r.t, after) or _AFTER_SOURCE.match(r.t, after) or _THESE_WORDS.match(r.t, after)
    if not m:
        his = _HIS_WORDS.match(r.t, after)
        if his:  # the pronoun: the last speaker, or a person named since (X، المدير …، يقول "…")
            vs = his.start("v")
            last, person = r.spoken.before(vs), _person_before(r, vs)
            pick = person if person and (not last or person.start > last.start) else last
            return (vs, his.end("v")), pick
        return _parenthesised_after(r, after) or _next_line_speaker(r, after) or _stop_then_verb(r, after)
    span = (m.start("v"), m.end("v"))
    if r.t[m.end() - 1 : m.end() + 1] == "لل":
        subj = _past_article_lam(r, m.end())  # «…»، وفقا للرئيس الفرنسي فرانسوا هولاند: the name, not «لرئيس …»
    else:
        subj = r.subject(m.end())
    if not subj:
        return span, r.spoken.before(span[0])
    speaker = _Speaker(subj[0], subj[1], *span)
    r.spoken.add(speaker)  # a later verb without a subject can take this one
    return span, speaker


# words that end a name: what follows is a nickname or description (فانينج
# الملقب بالبرق الأبيض، X المعروف بـ)
_NICKNAMED = {fold_word(w) for w in "الملقب الملقبة الملقبين المكنى المكناة".split()}
# ... and these before a ب phrase only: الشاعر المعروف خالد البذال is a title
_KNOWN_AS = {fold_word(w) for w in "المعروف المعروفة الشهير الشهيرة".split()}
_TRAILING_VERBS = {fold_word(w) for w in "كان كانت قد".split()}  # زكي طليمات كان: a verb the tagger took in


# what a person says, in construct with the person (لغة فاروفاكيس، تصريحات روحاني، تغريدة X):
# the words are the verb's object or topic, the person is the speaker
_UTTERANCE_NOUNS = {fold_word(w) for w in """لغة تصريحات تصريح بيان تغريدة تغريدات كلام كلمة حديث رسالة خطاب
مقال رد تعليق أقوال قول عبارة تدوينة منشور مداخلة إجابة جواب وصف""".split()}


def _person_after_words(r: _Reading, sp: _Speaker) -> _Speaker:
    """A speaker span whose tagged person comes after an utterance noun
    (ونقل التقرير تصريحات روحاني قائلا، لاحظ لغة فاروفاكيس … حيث قال): the person."""
    per = next((e for e in r.ents.starting(sp.start + 1, sp.end) if e[2] == "PER" and e[1] <= sp.end), None)
    if per is None:
        return sp
    before = _WORDS_BACK.findall(r.t[max(sp.start, per[0] - 20) : per[0]])
    first = _WORDS_BACK.match(r.t, sp.start)
    if first and first.group() in _STOPS and first.group() not in _AMBIGUOUS:
        return sp._replace(start=per[0])  # والمشكلة كما يراها عبد الله: a span opening with a stop is the person's
    return sp._replace(start=per[0]) if before and before[-1] in _UTTERANCE_NOUNS else sp


_ON_BEHALF = fold_word("باسم")
_SPOKESMEN = {fold_word(w) for w in "متحدث متحدثة ناطق ناطقة المتحدث المتحدثة الناطق الناطقة".split()}


def _on_behalf_of(r: _Reading, sp: _Speaker) -> _Speaker:
    """باسم X (on behalf of X) in a speaker span: the one who speaks is the
    person before it (فيديريكا موغيريني باسم الاتحاد الأوروبي) or the
    spokesman whose title the span lost (المتحدثة | باسم الاتحاد الأوروبي)."""
    words = list(_WORDS_BACK.finditer(r.t, sp.start, sp.end))
    k = next((i for i, w in enumerate(words) if w.group() == _ON_BEHALF), None)
    if k is None:
        return sp
    if k > 0 and any(e[2] == "PER" and e[1] == words[k - 1].end() and e[1] > sp.start  # (not X المتحدث باسم Y)
                     for e in r.ents.starting(sp.start - _MAX_ENTITY, words[k].start())):
        return sp._replace(end=words[k - 1].end())
    back = _WORDS_BACK.findall(r.t[max(0, sp.start - 14) : sp.start])
    if k == 0 and back and r.t[sp.start - len(back[-1]) - 1 : sp.start].strip() == back[-1]:
        title = back[-1][1:] if back[-1][:1] == "و" and back[-1][1:] in _SPOKESMEN else back[-1]
        if title in _SPOKESMEN:
            return sp._replace(start=sp.start - len(title) - 1)  # (والمتحدثة: the title without its و)
    return sp


# an active participle of the فاعل pattern, indefinite accusative (ضاحكا، باسما، ساخرا): a state
_FAAIL_ACCUSATIVE = re.compile(r"[^\W\dاوي]ا[^\W\dاوي]{2}ا")


def _state_accusative(w: str) -> bool:
    """A word after the speaker's name saying how they spoke (ضاحكا، مبتسما،
    أيضا), never part of the name."""
    return not is_given_name(w) and (w in _ADVERB_WORDS or bool(
        _ADVERBIAL.fullmatch(w) or _FAAIL_ACCUSATIVE.fullmatch(w) or _NISBA_ADVERB.fullmatch(w)))  # (الخيالي هاتفيا)


_TO_PEERS = (fold_word("لنظير"), fold_word("لهيئة"))  # (لنظيره، لنظيرته، لهيئة الإذاعة: to whom, after the name)


def _to_whom(words: list[str]) -> bool:
    """Whether the first of ``words`` names whom one speaks to (لنظيره، لهيئة، لوكالة، للصحفيين)."""
    g = words[0] if words else ""
    return g[:1] == "ل" and (g in _ADDRESSEE or g in _TO_MEDIA or g.startswith(_TO_PEERS))


_FEELINGS = {fold_word(w) for w in """سعادة فرحة ارتياح استياء حزن أسف قلق رغبة حاجة شكر تقدير امتنان اعتزاز
فخر دهشة غضب تفاؤل تخوف أمل ثقة رضا انزعاج استغراب إعجاب""".split()} | _STANCE_OBJECTS


def _own_feeling(w: str) -> bool:
    """A feeling or stance with the subject's pronoun (سعادته، استياءه، رغبتها، تقديرهم)."""
    for suffix in ("هم", "ها", "ه"):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)]
            return stem in _FEELINGS or (stem.endswith("ت") and stem[:-1] + "ه" in _FEELINGS)
    return False


_SOURCES = {fold_word(w) for w in "مصدر مصادر مسؤول مسؤولة مسؤولون مسؤولين دبلوماسي دبلوماسيون شاهد شهود مواطن مواطنة".split()}
_INFORM = {fold_word(w) for w in "أبلغ أبلغت أبلغوا يبلغ تبلغ".split()}
_OUTLET_HEADS = ("وكاله", "صحيفه", "قناه", "اذاعه", "مجله", "موقع")


def _informed_cut(r: _Reading, sp: _Speaker) -> _Speaker:
    """أبلغ takes whom it informs right after its subject (وأبلغ بوتين
    الحضور بأن، وأبلغ المصدر وكالة الأنباء بأن): the subject ends at the
    person or body tagged first in it, else before an outlet."""
    if r.t[sp.verb_start : sp.verb_end] not in _INFORM:
        return sp
    first = next((e for e in r.ents.starting(sp.start, sp.start + 1) if e[2] in ("PER", "ORG") and e[1] < sp.end), None)
    if first:
        return sp._replace(end=first[1])
    words = list(_WORDS_BACK.finditer(r.t, sp.start, sp.end))
    k = next((i for i, w in enumerate(words) if i and (w.group().startswith(_OUTLET_HEADS) or w.group() in _MEDIA)), None)
    return sp._replace(end=words[k - 1].end()) if k else sp


def _trim_speaker(r: _Reading, sp: _Speaker) -> _Speaker:
    """A speaker span ends before words glued to the name by the tagger or the
    subject reading: a prepositional phrase right after a tagged name (وطالب
    قاسم بالتركيز الإعلامي), a nickname (فانينج الملقب بالبرق الأبيض), a
    trailing «الله» after a surname (سعاد الحربي الله يحفظها; عبد الله، نصر
    الله stay), a trailing كان. A بال… place after a title stays (مدير الشرطة
    بالمنطقة العميد X)."""
    sp = _on_behalf_of(r, _person_after_words(r, _informed_cut(r, sp)))
    sp = _after_and_verbs(r, sp)
    if not any(e[2] == "PER" and e[0] == sp.start for e in r.ents.starting(sp.start, sp.start + 1)):  # (فان بيرسي)
        lead = _drop_complementiser(r.t, (sp.start, sp.end))  # ورغم أن تومسون كان …، أضاف: the person, not أن
        sp = sp._replace(start=lead[0]) if lead else sp
    words = list(_WORDS_BACK.finditer(r.t, sp.start, sp.end))
    for k, w in enumerate(words[1:], 1):
        g = w.group()
        nxt = words[k + 1].group() if k + 1 < len(words) else ""
        prev = words[k - 1]
        # (a بال… word cuts only inside a tagged name: مدير جمعية الثقافة بالأحساء علي الغوينم keeps its place,
    # محمد بالطيور his name)
        glued = g.startswith("بال") and len(g) > 4 and any(  # (the tagger's span takes it in: قاسم بالتركيز)
            e[2] == "PER" and e[0] <= prev.start() and e[1] >= w.end() for e in r.ents.starting(prev.start() - _MAX_ENTITY, prev.end()))
        # (a ب phrase right after the tagged name's end: ووعد محمود بتحقيق «…»)
        # (… or an addressee with ل right after it: وقال بارتوميو لهيئة الإذاعة، قال أوباما لنظيره الكيني)
        glued = glued or (g[:1] in ("ب", "ل") and len(g) > 3 and not g.startswith("بن") and any(
            e[2] == "PER" and e[1] == prev.end() for e in r.ents.starting(prev.start() - _MAX_ENTITY, prev.end())))
        # (an addressee the tagger took into the name: أوباما لنظيره الكيني)
        glued = glued or (_to_whom([g]) and len(g) > 2 and any(  # (not لي: دولت باهجة لي is one name)
            e[2] == "PER" and e[0] <= prev.start() and e[1] >= w.end() for e in r.ents.starting(prev.start() - _MAX_ENTITY, prev.end())))
        # (what the subject expressed, his: أبدى المحترف X سعادته البالغة، أبدى المدرب X استياءه)
        glued = glued or _own_feeling(g)
        # (whom an unnamed source spoke to: دبلوماسي أميركي لمجموعة من الصحافيين; not لبناني, لدى)
        glued = glued or (g[:1] == "ل" and len(g) > 3 and k <= 2 and g != "لدي" and not g.endswith(("ي", "يه", "يون", "يين"))
                          and words[0].group().removeprefix("ال") in _SOURCES and prev.group() not in _PREPOSITIONS)
        # (how or what it was said, glued after an untagged name: عز بلهفة وقلق، أحد المشايخ بما يلي)
        glued = glued or (g[:1] == "ب" and _manner_adverb(r.t, w.start(), w.end(), None)) or (g == "بما" and nxt == "يلي")
        cut = g in _NICKNAMED or (g in _KNOWN_AS and nxt.startswith("ب")) or (k == len(words) - 1 and g in _TRAILING_VERBS) or glued
        if cut:
            return sp._replace(end=words[k - 1].end())
    prev_w = words[-2].group() if len(words) >= 2 else ""
    if prev_w and not prev_w.endswith("ا") and (prev_w[2:] if prev_w.startswith("ال") else prev_w) not in _HOLDER_TITLES \
            and _state_accusative(words[-1].group()) and not any(
            e[2] == "PER" and e[1] >= words[-1].end() for e in r.ents.starting(sp.start - _MAX_ENTITY, words[-1].start())):
        return sp._replace(end=words[-2].end())  # وعقب أبي ضاحكا: how he spoke, not who
    before = words[-2].group() if len(words) >= 3 else ""
    if words[-1:] and words[-1].group() == "الله" and before.startswith("ال") and len(before) > 3 and before != "الا":
        return sp._replace(end=words[-2].end())
    return sp


_AND_VERB = re.compile(r"و(?!ال)[^\W\d]{3,4}")


def _after_and_verbs(r: _Reading, sp: _Speaker) -> _Speaker:
    """A speaker opening with verbs joined by و before a tagged person
    (وابتسم وسكت وأرخى عمر عينيه): the person; the verbs are his actions."""
    per = next((e for e in r.ents.starting(sp.start + 1, sp.end) if e[2] == "PER"), None)
    if per is None:
        return sp
    words = r.t[sp.start : per[0]].split()
    if words and all(_AND_VERB.fullmatch(w) and w not in _WAW_NAMES and w not in _WAW_NOUNS for w in words):
        return sp._replace(start=per[0])
    return sp


_NASAB = {fold_word(w) for w in "بن ابن أبو آل عبد".split()}
_AGED = {fold_word(w) for w in "البالغ المقيم المقيمة المتهم المعروف الملقب".split()}
_NEXT_NAME_WORD = re.compile(r" (?P<w>[^\W\d]{2,20})(?!\w)")


def _complete_name(r: _Reading, sp: _Speaker) -> _Speaker:
    """A name the tagger cut inside its lineage: one ending in بن/أبو/آل
    (متولي أبو | سريع) runs on one word, one ending in بن X on to an al-
    family name (خالد بن عبدالله | العرج، ناصر بن محمد | المطوع)."""
    words = r.t[sp.start : sp.end].split()
    if r.t[sp.end : sp.end + 1] == "·" and words and words[-1] in _SPELLED_INITIALS:
        after = _NEXT_NAME_WORD.match(r.t, sp.end + 1)  # (لورا إيه. | كولانجيلو: the surname after the initial)
        return sp._replace(end=after.end("w")) if after and not _is_verb(after.group("w")) else sp
    m = _NEXT_NAME_WORD.match(r.t, sp.end)
    if not words or not m or m.group("w") in _STOPS or m.group("w") in _RELATIVES or _is_verb(m.group("w")):
        return sp
    w = m.group("w")
    if words[-1] in _NASAB or (len(words) >= 2 and words[-2] in ("بن", "ابن") and w.startswith("ال") and len(w) > 4
                                and w[2:] not in _TITLE_HEADS and w not in _ADVERB_WORDS and not w.endswith("ه")
                                and w not in _AGED):  # (صالح بن أحمد البالغ من العمر: his age, not his family)
        # (not a feminine adjective of the noun before the name: مقولة ديفيد بن غوريون التاريخية)
        return sp._replace(end=m.end("w"))
    if _family_name_after(words, w) and not any(e[2] != "PER" for e in r.ents.starting(m.start("w"), m.start("w") + 1)):
        return sp._replace(end=m.end("w"))  # (نور الدين | الطويل: the tagger stopped before the family name)
    return sp


_DAY_WORDS = set(_DAYS.split("|"))


def _family_name_after(words: list[str], w: str) -> bool:
    """A two-word given name (نور الدين، عبد الله) tagged without the al- family name right after it."""
    return (len(words) == 2 and (is_given_name(words[0] + words[1]) or words[1] in ("الدين", "الله", "الرحمن"))
            and w.startswith("ال") and len(w) > 4 and w[2:] not in _TITLE_HEADS and w[2:] not in _HOLDER_TITLES
            and w not in _ADVERB_WORDS and not w.endswith("ه") and w not in _AGED and w not in _DAY_WORDS
            and w not in _STOPS and w not in _RELATIVES)


_SPEAKER_PREPOSITIONS = {fold_word(w) for w in "في من إلى الى على عن مع حول ضد".split()}


def _opens_with_preposition(r: _Reading, pos: int) -> bool:
    """A speaker span opening with a preposition (إلى، عن، على but not علي, Ali)."""
    w = _WORDS_BACK.match(r.t, pos)
    if not w or w.group() not in _SPEAKER_PREPOSITIONS:
        return False
    return w.group() != "علي" or keep_letters(r.text[r.fd.orig(w.start()) : r.fd.orig(w.end())]) == "على"


# Words glued to a speaker by the subject reading: a preposition with a
# pronoun before it (قال خلاله القائد X), a reflexive after it (وتصف الصحيفة
# نفسها), a time clause after it (وقال إيرنست حين سئل).
_LEADING_GLUE = {fold_word(w) for w in "خلاله خلالها أثناءه أثناءها فيه فيها حينها حينه بعدها بعده عندها عندئذ".split()}
_TRAILING_GLUE = {fold_word(w) for w in "نفسه نفسها نفسهم أنفسهم ذاته ذاتها".split()}
_CLAUSE_GLUE = {fold_word(w) for w in "حين حينما عندما أثناء وهو وهي الذي التي الذين".split()}  # (not لدى: السفير لدى الأمم المتحدة)
_COLON_VERBS = {fold_word(w) for w in "بين بينت".split()}  # (وبين X: …, explained; not in the verb list: بين is "between")
_THEN_NOT = re.compile(r"\s{1,3}عدم(?!\w)")
_SOURCE_HEADS = _DESCRIBED | _UNNAMED
_OPEN_MARKS = "«“„‹\""


def _unglued(r: _Reading, sp: _Speaker) -> _Speaker:
    """``sp`` without glued words; a person's tagged name in marks that ends
    the span is the name (مدير الجهاز الفني «جوريجوس دونيس»)."""
    words = list(_WORDS_BACK.finditer(r.t, sp.start, sp.end))
    if len(words) >= 2 and words[0].group()[:1] in "وف" and words[0].group()[1:] in _VERBS | _COLON_VERBS \
            and not _entity_at(r, sp.start):
        sp = sp._replace(start=words[1].start())  # (وبين السهلي: …: the verb is not the name)
        words = words[1:]
    if len(words) >= 2 and words[0].group() in _LEADING_GLUE:
        sp = sp._replace(start=words[1].start())
        words = words[1:]
    for k, w in enumerate(words[1:], 1):
        if w.group() in _CLAUSE_GLUE or (w.group() in _TRAILING_GLUE and k == len(words) - 1):
            return sp._replace(end=words[k - 1].end())
    if r.t[sp.verb_start : sp.verb_end].removeprefix("و") in _OBJECT_VERBS:
        per = next((e for e in r.ents.starting(sp.start, sp.end) if e[2] == "PER" and e[1] < sp.end), None)
        if per and r.t[per[1] : sp.end].strip():
            return sp._replace(end=per[1])  # (واعتبر الحوثي نجاح المقاومة «…»: what he deemed follows the name)
    if len(words) >= 3 and _THEN_NOT.match(r.t, sp.end):
        return sp._replace(end=words[-2].end())  # (مصدر من المقاومة فضل عدم الكشف عن اسمه: فضل is his verb)
    if sp.start and _MARKS.match(r.t, sp.start - 1):
        inner = _MARKS.search(r.t, sp.start, sp.end)
        if inner and len(r.t[sp.start : inner.start()].split()) >= 2:
            return sp._replace(end=inner.start())  # («أم فاطمة» معلمة: the name in its marks)
    mark = max(r.t.rfind(c, sp.start, sp.end) for c in _OPEN_MARKS)
    end = sp.end - 1 if _MARKS.match(r.t, sp.end - 1) else sp.end  # (… «جوريجوس دونيس»)
    title = r.t[sp.start : mark].split() if mark > sp.start else []
    if title and len(title) <= 5 and title[0] not in _SOURCE_HEADS and not _MARKS.search(r.t, mark + 1, end) and any(
            e[2] == "PER" and e[0] == mark + 1 and e[1] <= end for e in r.ents.starting(mark + 1, mark + 2)) and (
            end < sp.end or _MARKS.match(r.t, sp.end) or r.t[sp.end : sp.end + 1].isspace() and _MARKS.match(r.t, sp.end + 1)):
        return sp._replace(start=mark + 1, end=end)  # (a person's name in marks, not a book or a paper: مؤلف كتاب «…»)
    return sp


# A speaker is a name, a title or role, a body, a pronoun resolved to a
# person or a described source. A span the tagger did not take that opens
# with a particle or preposition, an accusative, or a noun with a possessive
# that is no person's (كلامه، أسفه، تعبيره; not نظيره، زوجته، سموه) names nobody.
_NOBODY_HEADS = {fold_word(w) for w in """غير بين إلا لذلك لهذا لكي كي حيث عند بعد قبل خلال منذ حتى بشكل بصورة بكل كل ما مما
لما عن في من إلى مع لدى ضمن عبر حول جراء إثر أيضا فقط معي معه معها معهم معنا عنه عنها منه منها فيه فيها به بها
عليه عليها إليه إليها وبين ومع وفي ومن""".split()} | _ACCUSATIVES | _ADVERB_WORDS
_PERSON_NOUNS = _TITLE_HEADS | _HOLDER_TITLES | _DESCRIBED | _UNNAMED | _SOME_OF | {k[:-1] for k in _KIN} | {
    fold_word(w) for w in """نظير زميل والد شقيق نجل ابن بنت زوج أب أم أخ أخت عم خال جد صديق رفيق محامي مدرب مساعد
مدير رئيس قائد أمير ملك شيخ مقدم""".split()}
_DIVINE_WORDS = {fold_word(w) for w in "سبحانه تعالى جل عز".split()}  # (قال سبحانه وتعالى: God)
_POSSESSIVE = re.compile(r"(?:ته|تها|تهم|ها|هم|هما|كم|ه)$")


def _names_nobody(r: _Reading, sp: _Speaker) -> bool:
    """Whether an untagged speaker span is a phrase that names no one."""
    words = r.t[sp.start : sp.end].split()
    if not words:
        return True
    head = words[0]
    if head in _DIVINE_WORDS:
        return False
    if head in _NOBODY_HEADS or head.startswith(("بال", "لل", "كال")):
        return True
    orig = r.text[r.fd.orig(sp.start) : r.fd.orig(sp.start + len(head))]
    if orig.endswith(("ً", "اً", "ًا")) and head.removesuffix("ا") not in _PERSON_NOUNS:
        return True  # (شيئاً، جانباً مضيئاً: an object or adverb; not لكن مصدراً بارزاً)
    return len(words) <= 2 and _possessed_noun(r, head, orig)


def _possessed_noun(r: _Reading, head: str, orig: str) -> bool:
    """A noun with a possessive suffix (written ه، not ة) that is not a
    person's; after a bare ه only when the noun is in the text with ال too
    (هجومه … الهجوم), since foreign names end in ه (بيليه، نيتشه)."""
    m = _POSSESSIVE.search(head)
    if not m or head.startswith("ال") or orig.endswith("ة") or "الله" in head or is_given_name(head) or head in _HONOURED_BY:
        return False
    stem = head[: m.start()]
    if len(stem) < 3 or stem.endswith("و") or {stem, stem + "ه", stem.removeprefix("ل")} & _PERSON_NOUNS:
        return False  # (a plural of persons before its possessive: منتقدوه، مسؤولوها)
    return m.group() != "ه" or re.search(rf"(?<!\w)ال{re.escape(stem.removeprefix('ل'))}(?!\w)", r.t) is not None


def _quote(r: _Reading, q: _Speech, speaker: _Speaker | None, verb_span: tuple[int, int] | None) -> Quote:
    """The quote in original offsets."""
    fd, text = r.fd, r.text
    qs, qe = fd.orig(q.start), fd.orig(q.end)
    if speaker and _opens_with_preposition(r, speaker.start):
        speaker = None  # «إلى الزمالك»: a tagger's span from a prepositional phrase names no speaker
    if speaker:
        speaker = _complete_name(r, _saying_holder(r, _unglued(r, _trim_speaker(r, speaker))))
        ent = _entity_for(r.t, speaker.start, speaker.end, r.ents)
        if ent is None:  # a title alone (وقال وزير الآثار): the one the article named with it
            held = holder_before(r.t, speaker.start, speaker.end, r.ents.starting(max(0, speaker.start - TITLE_REACH), speaker.start),
                                 r.in_speech)
            if held:
                speaker = speaker._replace(start=held[0], end=held[1])
                ent = _entity_for(r.t, speaker.start, speaker.end, r.ents)
        if ent is None and _names_nobody(r, speaker):  # (ent first: it is known here)
            speaker = None  # (… بين زملائه، شيئا، تعبيره: a phrase of the clause, no one who speaks)
    if speaker:
        ss, se = fd.orig(speaker.start), fd.orig(speaker.end)
        sp_text = text[ss:se]
    else:
        ss = se = sp_text = ent = None
    verb = text[fd.orig(verb_span[0]) : fd.orig(verb_span[1])] if verb_span else None
    return Quote(qs, qe, text[qs:qe], sp_text, ent, ss, se, verb)


_GENERIC = {w[2:] if w.startswith("ال") else w for w in _SUBJECT_HEADS | _ORG_HEADS} | _DOCUMENTS


def is_unnamed_speaker(speaker: str | None) -> bool:
    """A speaker that names nobody in particular: an unnamed source (مصدر
    أمني، مسؤول أميركي كبير، المصدر) or a bare title or body (الوزير،
    الوزارة، البيان). Such a speaker means someone else in each article, so
    it is never pooled across documents (aggregate.speakers_daily)."""
    words = fold(speaker or "").text.split()
    if not words:
        return False
    for head in (words[0], words[0][1:] if words[0][:1] == "و" else ""):  # والمصدر
        stem = head[2:] if head.startswith("ال") else head
        if stem in _UNNAMED or (len(words) == 1 and (stem in _GENERIC or head in _GENERIC)):
            return True
    return False


def extract_quotes(documents, sentences, tokens, entities, cfg) -> "schemas.pa.Table":
    """QUOTES rows for a shard: quotes found in ``documents.text``; speakers
    linked to ``entities`` (PER, else ORG) when that table has rows."""
    if not cfg["quotes"]:
        return schemas.empty("quotes")
    by_doc = entities_by_document(entities)
    rows = []
    for doc_id, text in zip(documents.column("doc_id").to_pylist(), documents.column("text").to_pylist()):
        rows += quote_rows(doc_id, text, by_doc.get(doc_id, ()))
    return schemas.table_from_rows("quotes", rows)


def entities_by_document(entities) -> dict[str, list[dict]]:
    """doc_id -> its entity rows (the columns find_quotes reads), in table order."""
    by_doc: dict[str, list[dict]] = {}
    if entities is not None and entities.num_rows:
        for row in entities.select(["doc_id", "start", "end", "label", "entity_id"]).to_pylist():
            by_doc.setdefault(row["doc_id"], []).append(row)
    return by_doc


def quote_rows(doc_id: str, text: str | None, ents: Sequence) -> list[dict]:
    """QUOTES rows of one document."""
    return [{"doc_id": doc_id, "quote_idx": i, "start": q.start, "end": q.end, "text": q.text,
             "speaker": q.speaker, "speaker_entity_id": q.speaker_entity_id,
             "speaker_start": q.speaker_start, "speaker_end": q.speaker_end, "verb": q.verb}
            for i, q in enumerate(find_quotes(text or "", ents))]
