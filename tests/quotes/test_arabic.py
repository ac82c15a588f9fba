"""Speakers of Arabic quotes (quotes/arabic.py): the subject after a verb-first reporting verb,
titles before the name, names completed by repetition, unsaid subjects, organisations,
statements and "according to". Every text here is invented for these tests."""

from __future__ import annotations

import pytest

from newsweave.quotes import find_quotes_in_text

# The verb first, then titles (with their adjectives and complements), then the name.
VERB_FIRST = [
    ("وقال وزير الخارجية سامر الخطيب: «سنواصل المفاوضات حتى النهاية».", "سنواصل", "سامر الخطيب"),
    ('وقال المتحدث باسم وزارة الصحة نادر الشامي إن "الوضع تحت السيطرة تماما".', "الوضع", "نادر الشامي"),
    ('وأوضحت المستشارة ليلى بن علي أن "الخطة جاهزة للتنفيذ الآن".', "الخطة", "ليلى بن علي"),
    ("وصرح المدرب ماهر سليم لإذاعة محلية: «الفريق جاهز للمباراة القادمة».", "الفريق", "ماهر سليم"),
    ("وأكد المدير العام عبد الكريم يونس: «لا نية لتسريح الموظفين».", "تسريح", "عبد الكريم يونس"),
    ("وكتب الصحفي وائل العتيبي: «الأسعار ارتفعت مرتين هذا العام».", "الأسعار", "وائل العتيبي"),
    ("وقال المتحدث باسم الجيش، العميد يحيى سالم، إن «القوات صدت الهجوم».", "القوات", "يحيى سالم"),
]


def test_a_name_with_the_article_is_a_name_where_the_text_uses_it_as_one(speaker_of):
    text = ("وقال الرئيس الحمداني: «سنعيد بناء الجسور». وأضاف الحمداني أن «العمل سيبدأ قريبا».\n"
            "وقال الأطباء: «المستشفيات ممتلئة».")
    said = ["سنعيد", "العمل", "المستشفيات"]
    assert [speaker_of(text, "ar", words) for words in said] == ["الحمداني", "الحمداني", None]


# The subject before its verb, from the sentence's start or a comma.
SUBJECT_FIRST = [
    ("الوزير كريم حداد قال إن «الميناء سيبقى مغلقا».", "كريم حداد"),
    ("وفي العاصمة، محمد الساعدي أكد أن «الميناء سيبقى مغلقا».", "محمد الساعدي"),
    ("وقال سالم العلي: «الوضع صعب». وعن الميناء قال: «الميناء سيبقى مغلقا».", "سالم العلي"),
]


@pytest.mark.parametrize(("text", "name"), SUBJECT_FIRST)
def test_a_subject_before_its_verb_speaks(text, name, speaker_of):
    assert speaker_of(text, "ar", "الميناء سيبقى") == name


def test_a_verb_after_the_quotation_names_its_speaker(speaker_of):
    text = "«المطار سيفتح أبوابه غدا»، قال وزير النقل رامي عيسى."
    assert speaker_of(text, "ar", "المطار") == "رامي عيسى"


def test_a_name_said_in_full_elsewhere_completes_a_family_name(speaker_of):
    text = "أعلن رئيس البلدية فادي منصور خطة جديدة للنقل. وأكد منصور: «سنبدأ العمل في الشهر المقبل»."
    assert speaker_of(text, "ar", "سنبدأ") == "فادي منصور"


def test_a_name_and_a_colon_before_the_quotation_speak(speaker_of):
    assert speaker_of("محمد الساعدي: «لن نتراجع عن قرارنا مهما حدث».", "ar", "نتراجع") == "محمد الساعدي"


# A verb with no subject after it (before a colon or a preposition) or a participle: the
# speaker named last, as Arabic drops subject pronouns.
UNSAID = [
    "وقال الوزير كريم حداد: «الميناء سيبقى مغلقا». وأضاف: «لن نسمح بأي تأخير في الأعمال».",
    "وقال الوزير كريم حداد: «الميناء سيبقى مغلقا». وأشار إلى أن «لن نسمح بأي تأخير في الأعمال».",
    "وأضاف الوزير كريم حداد قائلا: «لن نسمح بأي تأخير في الأعمال».",
]


@pytest.mark.parametrize("text", UNSAID)
def test_an_unsaid_subject_is_the_speaker_named_last(text, speaker_of):
    assert speaker_of(text, "ar", "تأخير") == "كريم حداد"


# A title without a name, a definite organisation noun, a statement and "the same source" stand
# for whom the text named with them before.
ANAPHORA = [
    ("قال الرئيس التونسي سليم الهادي إن الحكومة ستبقى. وأضاف الرئيس التونسي: «نحن ملتزمون "
     "بالإصلاحات».", "ملتزمون", "سليم الهادي"),
    ("وقالت منظمة العفو الدولية في بيان: «يجب الإفراج عن المعتقلين». وتابعت المنظمة: «السلطات لم "
     "ترد على طلباتنا».", "السلطات", "منظمة العفو الدولية"),
    ("وجاء في بيان لوزارة الصحة: «تم تسجيل خمس إصابات جديدة». وأضاف البيان: «الوضع مستقر في "
     "المستشفيات».", "مستقر", "وزارة الصحة"),
    ("وأفاد بيان لوزارة الصحة بتسجيل إصابات جديدة. وأوضح ذات المصدر أن «الوضع مستقر في "
     "المستشفيات».", "مستقر", "وزارة الصحة"),
    ("ونقلت الصحيفة عن المهندس علي ناصر قوله: «المشروع سينتهي قبل الصيف».", "المشروع", "علي ناصر"),
]


# "According to" words, with "لـ" and a glued preposition taken off the organisation.
ACCORDING_TO = [
    ("وبحسب وزارة الداخلية: «بلغ عدد الموقوفين عشرين شخصا».", "الموقوفين", "وزارة الداخلية"),
    ("وفقا لـ رئيس الجامعة حسن عبد الرحيم: «الامتحانات ستجرى في موعدها».", "الامتحانات",
     "حسن عبد الرحيم"),
]


@pytest.mark.parametrize(("text", "said", "name"), VERB_FIRST + ANAPHORA + ACCORDING_TO)
def test_the_source_phrase_names_the_speaker(text, said, name, speaker_of):
    assert speaker_of(text, "ar", said) == name


# A subject that names no one is no speaker, and does not hand the previous one on.
NO_ONE = [
    "وقالت إحدى السيدات: «لم نحصل على أي مساعدة منذ شهر».",
    "وقال مسؤولون محليون: «الطريق مغلق بسبب الثلوج الكثيفة».",
    "وقال الوزير كريم حداد إن الميناء مغلق. وقال أحد السكان: «الطريق مغلق بسبب الثلوج الكثيفة».",
]


@pytest.mark.parametrize("text", NO_ONE)
def test_a_subject_that_names_no_one_is_no_speaker(text):
    assert [q.speaker for q in find_quotes_in_text(text, "ar")] == [None]
