"""Per-language word lists that mark speech: reporting verbs, "according to" forms, titles.

Beside the hand-made lists, ``cues-learned.json`` (written by ``bench/train_quotes.py``) holds
the words that the train splits mark as cues most of the time they occur, for English and German
("endorsed", "mocked", "mitteilte"); they join the reporting verbs of their language.

These lists feed two things: the rule layer (every language) and the generic features of the
tagging model, which is trained on English and German and applied to the other languages through
these word classes alone. Entries are lower-case word forms; ``STEMS`` holds prefixes for the
languages whose verbs inflect too much to list (Russian, Polish, Turkish, Albanian). A phrase is
a tuple of words. Languages: en de fr es it pt ru sq pl tr nl ar. Arabic entries are bare
forms: the conjunctions و and ف glued to a word are taken off when the word itself is not listed
("وقال" -> "قال"; ``PREFIXES``), and vowel marks are gone before lookup (``features.analyse``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

# Word classes a token can carry (a token may carry several).
CUE = "cue"  # a reporting verb form: said, sagte, a déclaré, tha, dedi
NOUN = "noun"  # a speech noun: statement, Angaben, declaración
ACCORDING = "acc"  # a source-marking adposition: according to, laut, selon, sipas, göre
COMPLEMENT = "comp"  # a complementiser after a reporting verb: that, dass, que, se, że
PRONOUN = "pron"  # a third-person pronoun that can stand for a speaker
TITLE = "title"  # a title or honorific before a name: President, Minister, Herr, M.
PERSON_NOUN = "pnoun"  # a noun that names a person by role: spokesman, expert, Sprecher
# Languages whose reporting verb often comes before its subject: "a indiqué l'autorité".
VERB_FIRST = frozenset({"fr", "es", "it", "pt", "pl", "ru", "sq"})
# Auxiliaries of a compound past or pluperfect before a reporting participle ("a assuré", "avait
# déclaré", "ha dicho", "hat gesagt"): no part of the source before them nor of the frame's
# punctuation.
_AUXILIARY_WORDS = {"fr": "a ont avait avaient", "es": "ha han había habían",
                    "it": "ha hanno è aveva avevano", "de": "hat haben hatte hatten", "en": "has have had",
                    "sq": "ka kanë kishte kishin"}
AUXILIARIES_OF = {language: frozenset(words.split()) for language, words in _AUXILIARY_WORDS.items()}
AUXILIARIES = frozenset().union(*AUXILIARIES_OF.values())

_REPORTING = {
    "en": """say says said saying tell tells told telling state states stated add adds added
        note notes noted warn warns warned stress stresses stressed explain explains explained
        claim claims claimed argue argues argued insist insists insisted announce announces
        announced report reports reported write writes wrote written ask asks asked reply replies
        replied respond responds responded comment comments commented acknowledge acknowledged
        acknowledges admit admits admitted confirm confirms confirmed deny denies denied declare
        declares declared emphasize emphasized emphasizes emphasise emphasised believe believes
        believed think thinks thought suggest suggests suggested predict predicts predicted
        recall recalls recalled urge urges urged accuse accuses accused describe describes
        described tweet tweets tweeted contend contends contended allege alleges alleged
        maintain maintains maintained assert asserts asserted indicate indicates indicated
        reveal reveals revealed show shows showed shown find finds found estimate estimates
        estimated agree agrees agreed complain complains complained promise promises promised
        vow vows vowed pledge pledged pledges criticize criticized criticizes criticise
        criticised conclude concluded concludes recount recounted observe observed
        observes remark remarked remarks mention mentions mentioned reiterate reiterated
        reiterates underline underlined underlines highlight highlighted highlights quip quipped
        joke joked recommend recommended expect expects expected hope hopes hoped fear fears
        feared worry worries worried demand demands demanded propose proposed proposes
        inform informed informs testify testified testifies conceded concede concedes""",
    "de": """sagte sagt sagten sagen gesagt sage erklärte erklärt erklärten erklären betonte
        betont betonten meinte meint meinten berichtete berichtet berichteten teilte teilt
        teilten mitgeteilt sprach spricht kritisierte kritisiert warnte warnt warnten forderte
        fordert forderten bestätigte bestätigt behauptete behauptet äußerte äußert geäußert
        fügte fügt hinzugefügt kündigte kündigt angekündigt erläuterte erläutert unterstrich
        unterstreicht verkündete verkündet schrieb schreibt geschrieben räumte räumt
        eingeräumt zitiert zitierte hieß heißt erwiderte erwidert antwortete antwortet
        bekräftigte bekräftigt versicherte versichert glaubt glaubte vermutet vermutete
        befürchtet befürchtete mahnte mahnt appellierte appelliert bezeichnete bezeichnet
        nannte nennt beklagte beklagt wies weist verwies verweist sieht sah bekannte
        gestand gesteht dementierte dementiert verlangte verlangt schätzt schätzte
        ergänzte ergänzt berichten melden meldete meldet argumentiert argumentierte
        argumentierten argumentieren bezweifelt bezweifelte bezweifeln besagt besagte
        festgestellt feststellt feststellte feststellten errechnet errechnete errechneten
        ausgerechnet bekanntgab hinwies ankündigte einräumte vorwarf vorschlug hervorhob skandierte
        skandierten skandiert konstatierte konstatiert plädierte plädiert plädierten resümierte
        folgerte prognostizierte prognostiziert spekulierte spekuliert mutmaßte mutmaßt beteuerte
        beteuert beteuerten bekundete bekundet präzisierte anmerkte entgegnete entgegnet
        entgegneten konterte kontert widersprach widerspricht riet rät kommentierte kommentiert
        fragte fragt""",
    "fr": """déclaré déclare déclarait dit dire disait affirmé affirme affirmait souligné
        souligne ajouté ajoute indiqué indique expliqué explique estimé estime précisé précise
        averti avertit assuré assure rappelé rappelle annoncé annonce insisté insiste confié
        confie jugé juge reconnu reconnaît noté note répondu répond martelé martèle lancé
        dénoncé dénonce regretté regrette prévenu prévient confirmé confirme démenti dément
        estimait soutenu soutient écrit raconte raconté déclarent affirment
        soulignent ajoutent indiquent expliquent estiment précisent assurent rappellent
        annoncent dénoncent racontent confient préviennent répondent exigé exige exigent
        réclamé réclame réclament promet promis promettent qualifié qualifie réjoui réjouit
        félicité félicite déploré déplore défendu défend réagi réagit rétorqué rétorque répliqué
        réplique admet concédé concède plaidé plaide ironisé nuancé détaille commente s'interroge s’interroge
        s'inquiète s’inquiète s'alarme s’alarme s'indigne s’indigne recommandé recommande
        recommandent conseillé conseille lâché lâche justifié justifie glissé glisse résumé
        résume alerté témoigné témoigne détaillé invoque invoqué évoque évoqué évoquait""",
    "es": """dijo dice decía declaró declara afirmó afirma señaló señala aseguró asegura
        explicó explica añadió añade agregó agrega indicó indica subrayó subraya destacó
        destaca advirtió advierte manifestó manifiesta sostuvo sostiene expresó expresa
        insistió insiste anunció anuncia apuntó apunta precisó precisa reconoció reconoce
        comentó comenta respondió responde criticó critica denunció denuncia consideró
        considera recordó recuerda enfatizó opinó escribió informó informa detalló aclaró
        relató dijeron declararon afirmaron señalaron aseguraron explicaron añadieron
        agregaron indicaron subrayaron destacaron advirtieron manifestaron sostuvieron
        expresaron insistieron anunciaron apuntaron precisaron reconocieron comentaron
        respondieron denunciaron informaron detallaron aclararon relataron exigió exige
        exigieron reclamó reclama reclamaron prometió promete prometieron pidió pide pidieron pedido
        resumió calcula calculó estimó estima replicó replica replicaron matizó matiza matizaron
        calificó califica calificaron lamentó lamenta lamentaron contó contaron confirmó confirma confirmaron
        alegó alega alegaron argumenta
        alertó alerta alertaron avisó admitió admite admitieron negó niega negaron sugirió
        remarcó puntualizó sentenció reiteró reitera reiteraron aseveró argumentó argumentaron
        avanzó lamentaba explicaba aseguraba señalaba
        defendió defiende concluyó mencionó garantizó garantiza dicho afirmado señalado asegurado
        explicado advertido indicado manifestado declarado reconocido anunciado denunciado
        insistido subrayado destacado recordado precisado confirmado recomendó recomienda
        recomendaron aconsejó aconseja""",
    "it": """detto dice diceva dichiarato dichiara affermato afferma sottolineato sottolinea
        spiegato spiega aggiunto aggiunge ribadito ribadisce osservato osserva avvertito
        avverte annunciato annuncia precisato precisa dichiarò disse affermò sottolineò spiegò
        aggiunse ribadì osservò assicurato assicura evidenziato evidenzia commentato commenta
        ricordato ricorda riferito riferisce confermato conferma scritto rilevato rileva
        racconta raccontato dicono affermano spiegano sottolineano aggiungono""",
    "pt": """disse diz afirmou afirma declarou declara explicou explica acrescentou
        acrescenta sublinhou sublinha destacou destaca salientou salienta avisou garantiu
        garante referiu refere anunciou anuncia informou disseram afirmaram declararam
        explicaram acrescentaram destacaram garantiram informaram exigiu exige exigiram""",
    "ru": """сказал сказала сказали говорит говорил говорила говорят заявил заявила заявили
        заявляет сообщил сообщила сообщили сообщает отметил отметила отметили отмечает
        подчеркнул подчеркнула подчеркнули подчеркивает подчёркивает добавил добавила
        добавили пояснил пояснила пояснили объяснил объяснила рассказал рассказала
        предупредил предупредила указал указала указали считает считают уверен уверена
        призвал призвала написал написала ответил ответила""",
    "sq": """tha thotë thanë deklaroi deklaron deklaruan theksoi theksojnë theksuan shtoi
        shtuan nënvizoi nënvizuan pohoi pohuan bëri sqaroi paralajmëroi njoftoi tregoi
        raportoi konfirmoi kërkoi vlerësoi shprehu theksonte premtoi premtuan shpjegoi
        shpjeguan pranoi pranuan mohoi mohuan kujtoi argumentoi këmbënguli shkroi njoftuan
        paralajmëruan konfirmuan kritikoi kritikuan akuzoi akuzuan rekomandoi këshilloi pretendon
        pretendoi pretendojnë rrëfeu rrëfen cilësoi cilësuan""",
    "pl": """powiedział powiedziała powiedzieli mówi mówił mówiła stwierdził stwierdziła
        podkreślił podkreśliła dodał dodała zaznaczył zaznaczyła oświadczył oświadczyła
        poinformował poinformowała ocenił oceniła przekazał przekazała wyjaśnił wyjaśniła
        ostrzegł ostrzegła zapewnił zapewniła napisał napisała uważa przyznał przyznała""",
    "tr": """dedi diyor demişti söyledi söylüyor açıkladı açıklıyor belirtti
        belirtiyor vurguladı vurguluyor kaydetti ekledi bildirdi ifade uyardı iddia
        savundu aktardı duyurdu""",
    "nl": """zei zegt zeiden verklaarde verklaart benadrukte stelde stelt voegde meldde
        meldt schreef liet waarschuwde""",
    # Arabic: past and present, masculine and feminine; the participles that go on a report
    # ("مضيفا", "قائلا": adding, saying).
    "ar": """قال قالت قالوا يقول تقول أضاف أضافت يضيف تضيف أكد أكدت يؤكد تؤكد أوضح أوضحت يوضح
        توضح صرح صرحت يصرح تصرح أشار أشارت يشير تشير تابع تابعت أردف أردفت أعلن أعلنت يعلن تعلن
        ذكر ذكرت يذكر تذكر أفاد أفادت يفيد تفيد لفت لفتت شدد شددت يشدد تشدد كشف كشفت حذر حذرت
        يحذر تحذر أكمل أكملت استطرد استطردت اعتبر اعتبرت يعتبر تعتبر رأى رأت يرى ترى أعرب أعربت
        بينت نوه نوهت زعم زعمت كتب كتبت غرد غردت أجاب أجابت ردت علق علقت أقر أقرت نفى نفت
        اعترف اعترفت اختتم اختتمت طالب طالبت دعا دعت قائلا قائلة مضيفا مضيفة مؤكدا مؤكدة مشيرا
        مشيرة موضحا موضحة لافتا لافتة منوها مشددا مشددة محذرا محذرة معتبرا معتبرة""",
    # Japanese: the quotative particle and the verb come as one token after 」.
    "ja": "と述べた と語った と話した と言った と強調した と指摘した と説明した と発表した と述べました",
}
# One-letter conjunctions written as part of the next word ("وقال": and said), per language.
PREFIXES = {"ar": "و ف"}
# Prefixes of reporting verbs in languages with rich inflection (matched at a word's start).
STEMS = {
    "ru": ("заяв", "сообщ", "сказа", "отмет", "подчерк", "добав", "поясн", "объясн",
           "рассказ", "предупре", "призва", "уточн", "признал", "назвал"),
    "pl": ("powiedzia", "stwierdzi", "podkreśli", "doda", "zaznaczy", "oświadczy",
           "poinformowa", "oceni", "przekaza", "wyjaśni", "ostrzeg", "zapewni"),
    "tr": ("söyle", "açıkla", "belirt", "vurgula", "kaydet", "bildir", "uyar", "savun",
           "aktar", "duyur"),
    "sq": ("deklar", "theks", "nënvizo", "paralajmëro", "sqaro", "konfirmo"),
}
_NOUNS = {
    "en": """statement statements remarks remark interview speech comments announcement
        words testimony press release tweet post letter report""",
    "de": """angaben angabe aussage aussagen erklärung mitteilung worte wort interview
        bericht berichten meinung ansicht auffassung einschätzung sicht""",
    "fr": "déclaration propos communiqué entretien interview",
    "es": "declaraciones declaración palabras comunicado entrevista",
    "it": "dichiarazione dichiarazioni parole comunicato intervista",
    "ru": "словам заявлении заявление данным сообщению",
    "sq": "deklaratë deklaratën fjalët",
    "pl": "słowami oświadczeniu",
    "tr": "açıklamasında açıklama",
    "ar": """بيان البيان بيانا تصريح تصريحات تصريحاته تصريحاتها تغريدة كلمته كلمتها حديثه حديثها
        قوله قولها""",
}
_ACCORDING = {
    "en": ["according to", "as quoted by", "quoted by", "cited by", "per"],
    "de": ["laut", "zufolge", "gemäß", "nach angaben", "nach ansicht", "nach auffassung"],
    "fr": ["selon", "d'après", "d’après", "aux dires de"],
    "es": ["según", "de acuerdo con", "a juicio de"],
    "it": ["secondo", "stando a", "a detta di"],
    "pt": ["segundo", "de acordo com", "conforme"],
    "ru": ["по словам", "по данным", "по мнению", "как сообщает", "согласно"],
    "sq": ["sipas", "sikurse tha", "siç tha"],
    "pl": ["według", "zdaniem", "jak powiedział", "jak podkreślił", "jak poinformował"],
    "tr": ["göre", "açıklamasına göre", "ifadesine göre"],
    "nl": ["volgens", "aldus"],
    "ar": ["حسب", "بحسب", "وفق", "وفقا", "طبقا", "نقلا عن", "على لسان"],
}
# Prepositions that are "according to" only before a noun of reporting or knowing, within a few
# words: "nach ersten Erkenntnissen", "nach Angaben der Polizei", "nach NASA-Angaben" (a word
# ending in one of these counts), but not "nach Berlin".
_ACCORDING_BEFORE = {"de": ("nach",)}
_SOURCE_NOUN_ENDINGS = {
    "de": ("angaben", "angabe", "aussage", "aussagen", "informationen", "meldungen", "meldung",
           "berichten", "bericht", "untersuchungen", "einschätzung", "schätzungen", "erkenntnissen",
           "darstellung", "ansicht", "auffassung", "meinung", "worten", "willen", "vorstellungen",
           "ermittlungen", "überzeugung", "recherchen", "umfragen", "prognosen", "berechnungen",
           "schätzung", "analyse", "analysen", "auskunft", "hinweis", "hinweisen", "medien",
           "ergebnis", "ergebnissen", "studie", "studien", "erfahrungen", "beobachtungen",
           "planungen", "plänen", "verfassung", "gesetz", "darstellungen"),
}
# Words that are "according to" right after a comma and before a name or an article ("…, so
# der Sprecher.", "…, so Müller."), not elsewhere ("so dass", "so viel").
_ACCORDING_AFTER_COMMA = {"de": ("so",)}
# Words that are "according to" where they open a sentence with a person or organisation and a
# comma ("Pour son directeur, X, …", "Para el alcalde, …"), not elsewhere ("pour la première fois").
_ACCORDING_OPENING = {"fr": ("pour",), "es": ("para",)}
# Adverbs that stand for a source named before ("Demnach soll …": according to that report).
ANAPHORIC_SOURCES = frozenset({"demnach", "demzufolge"})
# Finite verbs of a speech act that a sentence can report without the words said, as
# german_news_quotes annotates "Reported" speech ("Die Gewerkschaft kritisierte den Plan.");
# "form:particle" for a separable verb whose particle must close its clause ("kündigte … an",
# not "kündigte den Vertrag"; "warf … vor", not "warf den Ball").
_ACTS = {"de": """bezeichnet bezeichnete bezeichneten bezeichnen nennt nannte nannten nennen
    fordert forderte forderten fordern verlangt verlangte verlangten verlangen warnt warnte warnten
    warnen kritisiert kritisierte kritisierten kritisieren beschuldigt beschuldigte beschuldigten
    begründet begründete begründeten bemängelt bemängelte bemängelten beklagt beklagte beklagten
    appelliert appellierte appellierten bestreitet bestritt bestritten betont betonte betonten
    verweist verwies verwiesen begrüßt begrüßte begrüßten würdigt würdigte würdigten beziffert
    bezifferte bezifferten dementiert dementierte dementierten berichtet berichtete berichteten
    kündigt:an kündigte:an kündigten:an kündigen:an wirft:vor warf:vor warfen:vor werfen:vor
    weist:zurück wies:zurück wiesen:zurück weisen:zurück ruft:auf rief:auf riefen:auf rufen:auf
    räumt:ein räumte:ein räumten:ein räumen:ein lehnt:ab lehnte:ab lehnten:ab lehnen:ab
    versprach verspricht versprachen versprechen empfahl empfiehlt empfahlen empfehlen bittet bat
    baten bitten widersprach widerspricht widersprachen widersprechen sagt:zu sagte:zu sagten:zu
    sagen:zu schließt:aus schloss:aus schloß:aus schlossen:aus schließen:aus gibt:bekannt
    gab:bekannt gaben:bekannt geben:bekannt hofft hoffte hofften hoffen erhofft erhoffte erhofften
    erhoffen"""}
# Their participles, for the passive with an agent ("Der Plan wurde von der Gewerkschaft
# kritisiert.").
_ACT_PARTICIPLES = {"de": """bezeichnet genannt gefordert verlangt gewarnt kritisiert beschuldigt
    begründet bemängelt beklagt bestritten betont begrüßt gewürdigt beziffert dementiert berichtet
    angekündigt vorgeworfen zurückgewiesen eingeräumt abgelehnt versprochen empfohlen
    bekanntgegeben bestätigt gelobt"""}
# Words that open a clause closed by its reporting verb: "Wie aus Kreisen verlautete, …",
# "…, as the minister said."
_AS_CLAUSE = {"de": ("wie",), "en": ("as",)}
_COMPLEMENTS = {
    "en": "that", "de": "dass daß ob", "fr": "que qu' qu’", "es": "que", "it": "che",
    "pt": "que", "ru": "что чтобы", "sq": "se që", "pl": "że iż", "tr": "ki", "nl": "dat",
    "ar": "إن أن بأن إنه أنه بأنه إنها أنها بأنها إنهم أنهم",
}
_PRONOUNS = {
    "en": {"he": "m", "she": "f", "they": "p", "him": "m", "her": "f", "i": "x", "we": "p"},
    "de": {"er": "m", "sie": "f", "ihm": "m", "ihr": "f", "ich": "x", "wir": "p"},
    "fr": {"il": "m", "elle": "f", "ils": "p", "elles": "p"},
    "es": {"él": "m", "ella": "f", "ellos": "p"},
    "it": {"lui": "m", "lei": "f", "egli": "m", "essi": "p"},
    "pt": {"ele": "m", "ela": "f", "eles": "p"},
    "ru": {"он": "m", "она": "f", "они": "p"},
    "sq": {"ai": "m", "ajo": "f", "ata": "p", "ato": "p"},
    "pl": {"on": "m", "ona": "f", "oni": "p"},
    "tr": {"o": "x", "onlar": "p"},
    "nl": {"hij": "m", "zij": "x", "ze": "x"},
    "ar": {"هو": "m", "هي": "f"},
}
def _by_word(groups: dict[str, str]) -> dict[str, str]:
    """Title keys of blank-separated word groups: each word of a group has the group's key."""
    return {word: key for words, key in groups.items() for word in words.split()}


# Titles and honorifics before a person's name, lower-case, per language; the value is the
# title's key, so "the minister" later finds "Foreign Minister Wang Yi" (one key across
# inflections and languages); "" marks a bare honorific (Mr., Frau, M.).
_TITLES = {
    "en": {"president": "president", "minister": "minister", "premier": "premier",
           "prime": "premier", "chancellor": "chancellor", "senator": "senator",
           "sen.": "senator", "rep.": "representative", "representative": "representative",
           "gov.": "governor", "governor": "governor", "mayor": "mayor",
           "secretary": "secretary", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
           "spokesperson": "spokesperson", "ambassador": "ambassador", "general": "general",
           "gen.": "general", "professor": "professor", "prof.": "professor", "dr.": "doctor",
           "judge": "judge", "chairman": "chair", "chairwoman": "chair", "ceo": "ceo",
           "king": "king", "queen": "queen", "pope": "pope", "coach": "coach",
           "director": "director", "leader": "leader", "diplomat": "diplomat",
           "admiral": "admiral", "commander": "commander", "colonel": "colonel",
           "mr.": "", "mr": "", "mrs.": "", "mrs": "", "ms.": "", "ms": ""},
    "de": {"präsident": "president", "präsidentin": "president", "minister": "minister",
           "ministerin": "minister", "bundesminister": "minister",
           "bundesministerin": "minister", "innenminister": "minister",
           "außenminister": "minister", "premierminister": "premier",
           "ministerpräsident": "premier", "ministerpräsidentin": "premier",
           "kanzler": "chancellor", "kanzlerin": "chancellor", "bundeskanzler": "chancellor",
           "bundeskanzlerin": "chancellor", "bundespräsident": "president",
           "bürgermeister": "mayor", "bürgermeisterin": "mayor", "sprecher": "spokesperson",
           "sprecherin": "spokesperson", "botschafter": "ambassador", "general": "general",
           "professor": "professor", "professorin": "professor", "prof.": "professor",
           "dr.": "doctor", "richter": "judge", "richterin": "judge", "chef": "ceo",
           "chefin": "ceo", "vorsitzende": "chair", "vorsitzender": "chair", "papst": "pope",
           "trainer": "coach", "direktor": "director", "herr": "", "frau": "", "hr.": ""},
    "fr": {"président": "president", "présidente": "president", "ministre": "minister",
           "premier": "premier", "porte-parole": "spokesperson", "ambassadeur": "ambassador",
           "général": "general", "professeur": "professor", "maire": "mayor", "mairesse": "mayor",
           "préfet": "prefect", "préfète": "prefect", "député": "representative",
           "députée": "representative", "sénateur": "senator", "sénatrice": "senator",
           "directeur": "director", "directrice": "director", "juge": "judge",
           "procureur": "prosecutor", "procureure": "prosecutor", "me": "",
           "m.": "", "mme": "", "mme.": ""},
    "es": {"presidente": "president", "presidenta": "president", "ministro": "minister",
           "ministra": "minister", "portavoz": "spokesperson", "embajador": "ambassador",
           "canciller": "minister", "alcalde": "mayor", "alcaldesa": "mayor", "regidor": "mayor",
           "regidora": "mayor",
           "concejal": "councillor", "concejala": "councillor", "diputado": "representative",
           "diputada": "representative", "senador": "senator", "senadora": "senator",
           "gobernador": "governor", "gobernadora": "governor", "director": "director",
           "directora": "director", "juez": "judge", "jueza": "judge", "fiscal": "prosecutor",
           "dirigente": "leader", "líder": "leader", "lideresa": "leader",
           "señor": "", "señora": "", "sr.": "", "sra.": ""},
    "it": {"presidente": "president", "ministro": "minister", "premier": "premier",
           "portavoce": "spokesperson", "ambasciatore": "ambassador", "signor": "",
           "signora": ""},
    "pt": {"presidente": "president", "ministro": "minister", "ministra": "minister",
           "porta-voz": "spokesperson", "senhor": "", "senhora": ""},
    "ru": {"президент": "president", "министр": "minister", "премьер": "premier",
           "глава": "leader", "представитель": "spokesperson", "посол": "ambassador",
           "господин": ""},
    "sq": {"presidenti": "president", "presidentit": "president", "presidentin": "president",
           "presidentja": "president", "ministri": "minister", "ministrin": "minister",
           "ministrit": "minister", "ministrja": "minister", "kryeministri": "premier",
           "kryeministrin": "premier", "kryeministrit": "premier", "kryeministrja": "premier",
           "zëdhënësi": "spokesperson", "zëdhënësja": "spokesperson", "ambasadori": "ambassador",
           "kryetari": "mayor", "kryetarja": "mayor", "drejtori": "director", "drejtoresha": "director",
           "deputeti": "representative", "deputetja": "representative", "zoti": "", "zonja": "",
           "jashtëm": "", "brendshëm": ""},
    "pl": {"prezydent": "president", "minister": "minister", "premier": "premier",
           "rzecznik": "spokesperson", "ambasador": "ambassador", "pan": "", "pani": ""},
    "tr": {"cumhurbaşkanı": "president", "bakan": "minister", "bakanı": "minister",
           "başbakan": "premier", "sözcüsü": "spokesperson", "büyükelçi": "ambassador",
           "bay": "", "bayan": ""},
    "nl": {"president": "president", "minister": "minister", "premier": "premier",
           "woordvoerder": "spokesperson", "meneer": "", "mevrouw": ""},
    # Arabic: with and without the article, which is part of the word.
    "ar": _by_word({
        "رئيس الرئيس رئيسة الرئيسة": "president",
        "وزير الوزير وزيرة الوزيرة": "minister",
        "متحدث المتحدث متحدثة المتحدثة ناطق الناطق الناطقة": "spokesperson",
        "سفير السفير سفيرة السفيرة": "ambassador",
        "اللواء لواء العميد عميد العقيد المشير الجنرال": "general",
        "الدكتور الدكتورة د": "doctor",
        "المستشار المستشارة": "chancellor",
        "محافظ المحافظ": "governor",
        "مدير المدير مديرة المديرة": "director",
        "مدرب المدرب": "coach",
        "النائب نائب": "representative",
        "الملك الملكة الأمير": "king",
        "القاضي القاضية": "judge",
        "الأمين أمين": "secretary",
        "زعيم قائد": "leader",
        """السيد السيدة الشيخ الأستاذ الأستاذة المهندس الإعلامي الإعلامية الكابتن الصحفي
            الصحفية الفنان الفنانة اللاعب النجم عضو العضو""": "",
    }),
}
_PERSON_NOUNS = {
    "en": """spokesman spokeswoman spokesperson official officials expert experts analyst
        analysts source sources aide aides adviser advisers advisor researcher professor
        witness witnesses diplomat police""",
    "de": "sprecher sprecherin experte experten beobachter polizei behörden analytiker",
    "fr": "porte-parole experts responsable analystes",
    "es": "portavoz expertos fuentes analistas",
    "it": "portavoce esperti fonti analisti",
    "pt": "porta-voz especialistas fontes",
    "ru": "представитель эксперты источник",
    "sq": "zëdhënësi ekspertët analistët",
    "pl": "rzecznik eksperci",
    "tr": "sözcü uzmanlar",
    "nl": "woordvoerder experts",
    "ar": "مصدر المصدر مصادر المصادر مسؤول المسؤول مسؤولون مسؤولين خبير خبراء محلل محللون",
}
# Abbreviated titles written alike in every Latin-script language ("tha Dr. Ilir Bejko").
_ABBREVIATED_TITLES = {"dr.": "doctor", "prof.": "professor"}
_GENDER_TITLES = {"mr.": "m", "mr": "m", "herr": "m", "m.": "m", "señor": "m", "sr.": "m",
                  "signor": "m", "pan": "m", "zoti": "m", "господин": "m", "spokesman": "m",
                  "chairman": "m", "king": "m", "bay": "m", "meneer": "m", "senhor": "m",
                  "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "frau": "f", "mme": "f",
                  "mme.": "f", "señora": "f", "sra.": "f", "signora": "f", "pani": "f",
                  "zonja": "f", "spokeswoman": "f", "chairwoman": "f", "queen": "f",
                  "präsidentin": "f", "ministerin": "f", "kanzlerin": "f",
                  "bundeskanzlerin": "f", "sprecherin": "f", "présidente": "f",
                  "presidenta": "f", "ministra": "f", "bayan": "f", "mevrouw": "f",
                  "senhora": "f", "presidentja": "f", "ministrja": "f", "zëdhënësja": "f",
                  "kryetarja": "f", "drejtoresha": "f", "deputetja": "f", "alcaldesa": "f",
                  "regidora": "f", "mairesse": "f",
                  "concejala": "f", "diputada": "f", "senadora": "f", "gobernadora": "f",
                  "directora": "f", "jueza": "f", "ambassadrice": "f", "sénatrice": "f",
                  "directrice": "f", "députée": "f", "préfète": "f", "procureure": "f",
                  "madame": "f", "monsieur": "m",
                  "السيد": "m", "السيدة": "f", "الوزيرة": "f", "وزيرة": "f", "المتحدثة": "f",
                  "الناطقة": "f", "المستشارة": "f", "الدكتورة": "f", "الرئيسة": "f"}
# Languages whose lists serve the speaker rules only (quotes/arabic.py), not the tagger: given
# to it (trained on English and German clauses), Arabic reporting words turned verb-first
# attributions into content ("قال الرئيس … إن" inside the quote) and moved the quotes it finds.
SPEAKERS_ONLY = frozenset({"ar"})
LANGUAGES = tuple(language for language in _REPORTING if language not in SPEAKERS_ONLY)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word classes of one language (or of all, merged, when the language is unknown)."""

    language: str
    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> (phrase, class)
    stems: tuple[str, ...]
    pronouns: dict[str, str]  # pronoun -> gender m / f / p (plural) / x (any)
    titles: dict[str, str]  # title -> title key ("" for a bare honorific)
    gendered_titles: dict[str, str]
    according_before: frozenset[str] = frozenset()  # "nach": according to before a source noun
    source_noun_endings: tuple[str, ...] = ()
    according_after_comma: frozenset[str] = frozenset()  # "so": according to after a comma
    according_opening: frozenset[str] = frozenset()  # "Pour": according to before a source and a comma
    as_clause: frozenset[str] = frozenset()  # "wie", "as": open a clause that a cue closes
    acts: dict[str, str] = field(default_factory=dict)  # speech-act verb -> its particle or ""
    act_participles: frozenset[str] = frozenset()  # their participles: "kritisiert", "angekündigt"
    prefixes: frozenset[str] = frozenset()  # one-letter conjunctions glued to a word: "و", "ف"

    def classes(self, word: str) -> frozenset[str]:
        """The word classes of one lower-case word (phrases are matched apart)."""
        found = self.words.get(word)
        if found is not None:
            return found
        if word[:1] in self.prefixes and len(word) > 3:
            found = self.words.get(word[1:])
            if found is not None:
                return found
        if self.stems and len(word) > 4 and word.startswith(self.stems):
            return _CUE_ONLY
        inverted = INVERTED_SUBJECT.search(word)
        if inverted is not None and inverted.start() > 1:
            return self.classes(word[: inverted.start()])  # "précise-t-il": the verb's
        elided = _ELIDED.match(word)
        if elided is not None and COMPLEMENT in self.words.get(elided.group(), _NONE):
            return _COMPLEMENT_ONLY  # "qu'elle", one token: the complementiser opens it
        return _NONE


# Words that open a contrasting clause after a comma: what follows is someone else's ("…, while
# the mayor said …", "…, mientras que el alcalde …", "…, ndërsa Policia …").
CONTRAST = frozenset({"while", "whereas", "während", "wohingegen", "tandis", "alors", "mientras",
                      "ndërsa", "kurse", "mentre"})
# Words that give what follows them as a name ("surnommé le « petit Avignon »", "the so-called
# "…""): a quoted passage after them is a name or an epithet, nobody's words.
NAMING = frozenset({"dubbed", "nicknamed", "so-called", "sogenannte", "sogenannten", "sogenannter",
                    "sogenanntes", "surnommé", "surnommée", "surnommés", "baptisé", "baptisée",
                    "apodado", "apodada", "llamado", "llamada", "denominado", "denominada",
                    "bautizado", "bautizada", "quajtur", "ashtuquajtur", "soprannominato",
                    "soprannominata", "cosiddetto", "cosiddetta"})
# A French subject pronoun after its verb ("dit-il", "a-t-elle"); the group is the pronoun.
INVERTED_SUBJECT = re.compile(r"-(?:t-)?(il|elle|ils|elles|on)$", re.IGNORECASE)


def word_set(text: str) -> frozenset[str]:
    """The words of a blank-separated list (keeps long word lists readable in the source)."""
    return frozenset(text.split())


# Days and times of day, which may stand between a reporting verb and what follows it ("said
# on Tuesday", "a indiqué lundi la préfecture", "informó este miércoles la policía").
TIME_WORDS = word_set("""monday tuesday wednesday thursday friday saturday sunday yesterday today
    tonight morning afternoon evening night weekend lundi mardi mercredi jeudi vendredi samedi
    dimanche hier aujourd'hui matin soir lunes martes miércoles jueves viernes sábado domingo ayer
    hoy mañana tarde noche lunedì martedì mercoledì giovedì venerdì sabato domenica ieri oggi
    segunda terça quarta quinta sexta ontem hoje dje sot hënën martën mërkurën enjten premten
    shtunën dielën""")
# Definite articles, demonstratives and Romance possessives: they open a description ("sa
# directrice", "su portavoz") or a time before its time word ("este | miércoles", "ce | matin").
DEFINITE = word_set("""the this der die das dem den des dieser diese dieses el la los las este esta
    le les ce cette il lo questo questa sa son ses su sus del du della dello""")
INDEFINITE = frozenset({"a", "an", "one", "another", "ein", "eine", "einer", "un", "une", "uno", "una",
                        "një"})
_TIME_WORDS_AFTER = 2  # words from a verb to the time word it may open on ("este | miércoles")
_TIME_OPENERS = DEFINITE | {"të"}  # ("të | hënën")


def past_time(lower: list[str], after: int, limit: int) -> int:
    """The first word after a time that opens the words at ``after`` ("lundi", "este
    miércoles", "ce matin"), else ``after``: a subject after its verb follows the day it names.
    Never past ``limit - 1``, so some word is left."""
    for index in range(after, min(limit - 1, after + _TIME_WORDS_AFTER)):
        if lower[index] in TIME_WORDS:
            return past_time(lower, index + 1, limit)
        if lower[index] not in _TIME_OPENERS:
            break
    return after


_CUE_ONLY = frozenset({CUE})
_COMPLEMENT_ONLY = frozenset({COMPLEMENT})
# The elided word that opens a token written with an apostrophe ("qu'" of "qu'elle").
_ELIDED = re.compile(r"^\w+['’](?=\w)")
_NONE: frozenset[str] = frozenset()
_CUE_PHRASES = {
    "en": ("was quoted as saying", "is quoted as saying", "were quoted as saying",
           "went on to say", "pointed out", "points out", "made clear", "quoted as saying"),
    "de": ("teilte mit", "fügte hinzu", "hieß es", "wies darauf hin", "gab bekannt",
           "gab an", "sagte gegenüber", "freute sich", "freut sich", "ärgerte sich", "ärgert sich",
           "wunderte sich", "beschwerte sich", "beklagte sich"),
    "fr": ("a déclaré", "a dit", "a affirmé", "a souligné", "a ajouté", "a indiqué", "a fait savoir",
           "fait savoir", "a fait valoir", "fait valoir", "s'est interrogé", "s'est interrogée",
           "s’est interrogé", "s’est interrogée",
           "s'est inquiété", "s'est inquiétée", "s’est inquiété", "s’est inquiétée", "s'est réjoui",
           "s'est réjouie", "s’est réjoui", "s’est réjouie", "s'est félicité", "s'est félicitée",
           "s’est félicité", "s’est félicitée", "s'est exclamé", "s'est exclamée", "s’est exclamé",
           "s’est exclamée", "s'est défendu", "s'est défendue", "s’est défendu", "s’est défendue",
           "s'est dit", "s'est dite", "s’est dit", "s’est dite"),
    "es": ("dio a conocer", "dieron a conocer", "hizo saber"),
    "it": ("ha detto", "ha dichiarato", "ha affermato", "ha sottolineato", "ha aggiunto"),
    "sq": ("u shpreh", "vuri në dukje", "bëri të ditur", "theksoi se", "u përgjigj", "iu përgjigj", "u ankua",
           "u ankuan"),
    "tr": ("ifade etti", "iddia etti", "dile getirdi", "kaydetti"),
    "ru": ("по его словам", "по её словам", "по ее словам"),
}


LEARNED_PATH = Path(__file__).with_name("cues-learned.json")


def _learned(language: str) -> list[str]:
    """Cue words learned from a train split (none when the table is absent)."""
    if not LEARNED_PATH.exists():
        return []
    return json.loads(LEARNED_PATH.read_text(encoding="utf-8")).get(language, [])


def _language_key(language: str) -> str:
    return language if language in LANGUAGES else "*"


def lexicon(language: str = "*") -> Lexicon:
    """The lexicon of one language code ("*" or an unknown code: every language merged) that the
    tagger and the quote rules read."""
    return _build(_language_key(language))


def speaker_lexicon(language: str) -> Lexicon:
    """The lexicon the speaker rules read: ``lexicon``'s, or a language's own lists where they
    serve the speaker rules only (``SPEAKERS_ONLY``)."""
    return _build(language) if language in SPEAKERS_ONLY else lexicon(language)


@lru_cache(maxsize=16)
def _build(key: str) -> Lexicon:
    """The lexicon of one language key (cached; ``_build.cache_clear()`` after new tables)."""
    languages = LANGUAGES if key == "*" else (key,)
    words: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}

    def add(form: str, cls: str) -> None:
        parts = tuple(form.split())
        if len(parts) == 1:
            words.setdefault(parts[0], set()).add(cls)
        else:
            phrases.setdefault(parts[0], []).append((parts, cls))

    pronouns: dict[str, str] = {}
    titles: dict[str, str] = {}
    for language in languages:
        for word in _REPORTING[language].split():
            add(word, CUE)
        for table, cls in ((_NOUNS, NOUN), (_COMPLEMENTS, COMPLEMENT), (_PERSON_NOUNS, PERSON_NOUN)):
            for word in table.get(language, "").split():
                add(word, cls)
        for form in _ACCORDING.get(language, ()):
            add(form, ACCORDING)
        for form in _CUE_PHRASES.get(language, ()):
            add(form, CUE)
        for word in _learned(language):
            if ACCORDING not in words.get(word, ()):
                add(word, CUE)
        for word, gender in _PRONOUNS.get(language, {}).items():
            add(word, PRONOUN)
            pronouns.setdefault(word, gender)
        for word, title in (_TITLES.get(language, {}) | _ABBREVIATED_TITLES).items():
            add(word, TITLE)
            titles.setdefault(word, title)
    stems = tuple(stem for language in languages for stem in STEMS.get(language, ()))
    return Lexicon(
        language=key,
        words={word: frozenset(classes) for word, classes in words.items()},
        phrases={first: tuple(sorted(found, key=lambda p: -len(p[0])))
                 for first, found in phrases.items()},
        stems=stems, pronouns=pronouns, titles=titles, gendered_titles=dict(_GENDER_TITLES),
        according_before=frozenset(w for lang in languages for w in _ACCORDING_BEFORE.get(lang, ())),
        source_noun_endings=tuple(e for lang in languages for e in _SOURCE_NOUN_ENDINGS.get(lang, ())),
        according_after_comma=frozenset(
            w for lang in languages for w in _ACCORDING_AFTER_COMMA.get(lang, ())),
        according_opening=frozenset(w for lang in languages for w in _ACCORDING_OPENING.get(lang, ())),
        as_clause=frozenset(w for lang in languages for w in _AS_CLAUSE.get(lang, ())),
        acts=dict((entry + ":").split(":")[:2] for lang in languages
                  for entry in _ACTS.get(lang, "").split()),
        act_participles=frozenset(w for lang in languages for w in _ACT_PARTICIPLES.get(lang, "").split()),
        prefixes=frozenset(p for lang in languages for p in PREFIXES.get(lang, "").split()),
    )
