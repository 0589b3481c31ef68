"""Direct quotations and who said them.

``find_quotes(text, entities=())`` is the string-level function;
``extract_quotes`` applies it to a shard. How it decides:

1. **Marks.** « » “ ” „ " ' ‘ ’ are paired left to right with a small stack.
   Context decides which way a symmetric mark faces (`"` after a space and
   before a letter opens), and a `»` that stands where an opening mark would
   (`و»حركة أمل»`, ` »الأرقام…`) opens. An opening mark left unclosed at the
   end of its paragraph closes there (wire copy often drops the last mark);
   apostrophes inside Latin words are not marks. A `»` with no `«` open
   closes an open `"` (إن "… المعاهدات»), and a pair left open whose nested
   pair of its family closed before a comma, within one short sentence, ends
   there too (دورية الحساسية «Annals…»، فقد). Only outermost pairs count:
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
12. **Seventh pass** (issue 13). ما/مما after a subject opens its object
   (ووصف أوباما ما حدث: أوباما). A span names no one when it opens with a
   preposition and its pronoun (عنهم، فيهم), with ل or ب before a word the
   text also writes with ال or a hamza (لأحد الأصدقاء، لوجود), or with a noun
   of mine (كلامي، نظري; not والدي); right after the verb such a word is
   no subject (وكان يقول لأصدقائه: the man named before speaks).
13. **Memoir dialogue** (issue 13). In a memoir whose narrator speaks in
   turns (two قلت/سألت at least), a quote's speaker is read as a reader of
   the dialogue does, after the rules above: the first person is the
   narrator (سألته، سألت رزق، وعدت أسأله، وقاطعته قائلا), unless a woman
   named since the last quote, or one who spoke since the narrator's last
   turn, is the one who asks (فذهلت سامية … عندما سألته، فردت); whom she
   addressed (فقلت للحاج وحيد فريد، كان المتكلم زوجي عز فقلت له) answers
   her «فقال لي»; a verb with no written subject is the person named in its
   paragraph since the last quote (لقد دخل عمر الشريف … وقال لي), rather
   one not after a preposition, else the last one of its gender to speak;
   her own أسأله right before the quote is her turn, and a feminine verb
   after the writer names her (تزوجت فاتن حمامة من المخرج X …، وقالت) hers.
   The people of a scene named by what they are (الرجل، المتكلم، الجارسون،
   her kin: والدي) count as named.
``is_unnamed_speaker`` tells unnamed sources and bare titles (مصدر أمني،
الوزير، البيان), which aggregate.speakers_daily keys per document.

Where each part lives (the package's modules, lowest layer first):
records (Quote, _Speaker, _Speech) · cues (word sets and regexes of saying
shared by the stages) · marks (1: pairing marks) · speech (2, 7: speech or
name) · ids (entities folded, speaker_entity_id, is_unnamed_speaker) ·
subjects (a verb's written subject; spans that name no one) · unmarked (5: speech without marks) ·
reading (_Reading: a text read once, its verbs and their subjects) · speakers
(3, 4, 6, 8-11: choosing the speaker) · carry (speakers carried or continued)
· spans (trimming the speaker's span) · dialogue (13: a memoir's turns) ·
shard (find_quotes, extract_quotes).
"""

from khabar.extract.quotes.ids import is_unnamed_speaker
from khabar.extract.quotes.records import Quote
from khabar.extract.quotes.shard import entities_by_document, extract_quotes, find_quotes, quote_rows

__all__ = ["Quote", "entities_by_document", "extract_quotes", "find_quotes", "is_unnamed_speaker", "quote_rows"]
