"""German reported speech (the quotes/german/ package): acts, boundaries, clauses, sentences and
speakers, mostly through find_quotes_in_text; every text here is invented for these tests."""

from __future__ import annotations

import pytest
from misses import CONTEXT_TAGGER_MISS

from newsweave.quotes import find_quotes_in_text
from newsweave.quotes.tokens import tokenize


def test_german_reported_speech_is_one_quote_per_sentence(span_text):
    text = ("Das Treffen endete mit dem Aufruf, die Risiken der Kohle offen zu benennen "
            "und auf bessere Wege hinzuweisen. Ein solcher Weg sei der schnellere Bau von Windparks "
            "an der Küste.")
    boundary = text.index(" Ein solcher")
    quotes = find_quotes_in_text(text, "de")
    assert not [q for q in quotes if q.content[0] < boundary < q.content[1]]
    assert [q for q in quotes if span_text(text, q.content).startswith("Ein solcher Weg sei")]


def test_german_free_indirect_speech_over_several_sentences_is_one_quote(span_text):
    text = ("Die Gewerkschaft kritisierte den Plan am Montag scharf. Die Kosten seien viel zu hoch. "
            "Die Stadt habe „kein Geld mehr“. Die Sitzung endete am Abend.")
    quotes = {span_text(text, q.content).rstrip("."): q for q in find_quotes_in_text(text, "de")}
    run = quotes["Die Kosten seien viel zu hoch. Die Stadt habe „kein Geld mehr“"]
    assert span_text(text, run.speaker_span) == "Die Gewerkschaft"
    assert "Die Gewerkschaft kritisierte den Plan am Montag scharf" in quotes  # the cue's own sentence
    assert quotes["kein Geld mehr"].kind == "direct"  # the quoted words are a quote as well


def test_a_german_free_indirect_run_keeps_its_first_sentence_speaker(span_text):
    """The run's third sentence opens with a subject of its own ("Die Stadt"): it is no speaker."""
    text = "Er kritisierte den Plan. Die Kosten seien hoch. Die Stadt habe kein Geld."
    found = {span_text(text, q.content).rstrip("."): q for q in find_quotes_in_text(text, "de")}
    run = found["Die Kosten seien hoch. Die Stadt habe kein Geld"]
    assert span_text(text, run.speaker_span) == "Er"


@CONTEXT_TAGGER_MISS
def test_german_reported_speech_leaves_out_its_reporting_clause(one_quote, span_text):
    text = "Von den Behörden in beiden Ländern wird angenommen, dass Schmuggel zu dem Unfall führte."
    quote = one_quote(text, "de")
    assert span_text(text, quote.content).rstrip(".") == "dass Schmuggel zu dem Unfall führte"
    assert span_text(text, quote.speaker_span) == "den Behörden in beiden Ländern"


@pytest.mark.parametrize("text, kept", [
    ("Die Bürger forderten den Rücktritt des Bürgermeisters, die Wahl sei gefälscht.", False),
    ("Die Bürger forderten den Rücktritt des Bürgermeisters, um Neuwahlen zu erreichen.", True),
    ("Der Richter lehnte die Bitte, die Akten erneut zu prüfen, am Montag ab.", True),
])
def test_a_german_reporting_clause_is_cut_off_only_before_speech(text, kept, one_quote, span_text):
    quote = one_quote(text, "de")
    assert span_text(text, quote.cue) == text.split()[2]
    assert (quote.content[0] == 0) == kept


@pytest.mark.parametrize("text, content", [
    ("Der Angeklagte sagte, er sei unschuldig, erkannte das Gericht nicht an und schwieg.",
     "er sei unschuldig"),
    ("Der Angeklagte sagte, er sei unschuldig, habe aber Fehler gemacht.",
     "er sei unschuldig, habe aber Fehler gemacht"),
    ("Der Trainer sagte, er wäre gern gekommen, hätte aber keine Zeit gehabt.",
     "er wäre gern gekommen, hätte aber keine Zeit gehabt"),
    ("Dass einige Politiker nicht gesprochen hatten, soll einer Rednerin zufolge mit dem Wetter zu "
     "tun haben.", "Dass einige Politiker nicht gesprochen hatten, soll einer Rednerin zufolge mit "
     "dem Wetter zu tun haben"),
])
def test_german_reported_speech_ends_where_the_narration_goes_on_in_the_indicative(
        text, content, one_quote, span_text):
    assert span_text(text, one_quote(text, "de").content).rstrip(".") == content


@pytest.mark.parametrize("text, content", [
    ("Die beiden Männer, die nach Angaben der Polizei aus dem Gefängnis geflohen sein sollen, wurden "
     "am Abend gefasst.", "die nach Angaben der Polizei aus dem Gefängnis geflohen sein sollen"),
    ("Die Kinder, unter denen sich laut Polizei auch zwei Babys befunden haben sollen, sind wohlauf.",
     "unter denen sich laut Polizei auch zwei Babys befunden haben sollen"),
    ("Es war ein Schritt für die Pläne der Partei, laut denen jeder ein Radio haben sollte, mit dem "
     "er die Reden hören könne.", "jeder ein Radio haben sollte, mit dem er die Reden hören könne"),
])
def test_a_german_relative_clause_around_an_according_to_source_is_the_quote(
        text, content, one_quote, span_text):
    assert span_text(text, one_quote(text, "de").content) == content


@pytest.mark.parametrize("text, content", [
    ("Der Mann habe stundenlang vor der Tür gewartet, so die Anwältin, die auch angab, dass ihre "
     "Mandantin oft die Polizei gerufen habe.", "Der Mann habe stundenlang vor der Tür gewartet"),
    ("Im Sommer, so die Ergebnisse eines Richters, der gegen den Mann ermittelt, seien 300 Menschen "
     "deportiert worden.", None),
])
def test_a_german_so_source_closes_the_statement_unless_the_statement_goes_on(
        text, content, one_quote, span_text):
    quote = one_quote(text, "de")
    assert span_text(text, quote.content).rstrip(".") == (content or text.rstrip("."))


def test_german_demnach_is_the_source_of_its_sentence(one_quote, span_text):
    text = ("Die Kommission hat ihren Bericht vorgelegt. "
            "Die Kosten für den Umbau sollen demnach um zehn Prozent steigen.")
    quote = one_quote(text, "de")
    assert span_text(text, quote.speaker_span) == "demnach"


def test_a_short_german_quoted_passage_of_unknown_words_is_a_title_but_a_quoted_word_is_a_quote():
    text = "Der Sprecher sagte, das Album „Deus ex machina“ erscheine im Mai."
    assert [q.kind for q in find_quotes_in_text(text, "de")] == ["mixed"]
    text = "Der Sprecher sagte, der Plan sei „wortbrüchig“."
    assert sorted(q.kind for q in find_quotes_in_text(text, "de")) == ["direct", "mixed"]


def test_the_source_of_according_to_is_the_phrase_beside_it_not_the_subject(one_quote, span_text):
    text = "Der frühere Chef der Firma trat Medienberichten zufolge auf Druck der Regierung zurück."
    quote = one_quote(text, "de")
    assert span_text(text, quote.speaker_span) == "Medienberichten"


def test_german_reported_speech_is_not_continued_by_the_direct_quote_after_it():
    text = ("Die Erschütterungen waren Berichten der Sender zufolge bis London zu spüren.\n\n"
            "„Es war wie ein großer Zug vor der Tür“, beschreibt ein Reporter das Ereignis.")
    boundary = text.index("\n\n")
    quotes = find_quotes_in_text(text, "de")
    assert len(quotes) == 2
    assert not [q for q in quotes if q.content[0] < boundary < q.content[1]]


def test_a_german_speaker_phrase_ends_before_its_verb(span_text):
    text = "Die Lokalregierung machte die Rebellen verantwortlich. Die Schäden seien enorm."
    quotes = [q for q in find_quotes_in_text(text, "de")
              if span_text(text, q.content).startswith("Die Schäden")]
    assert quotes and span_text(text, quotes[0].speaker_span) == "Die Lokalregierung"


def test_a_german_phrase_after_a_preposition_is_no_speaker(one_quote, span_text):
    text = "Nach der Sitzung des Kabinetts sagte Innenministerin Karla Weber: „Das Gesetz kommt im Herbst.“"
    quote = one_quote(text, "de")
    assert span_text(text, quote.speaker_span) == "Innenministerin Karla Weber"


@pytest.mark.parametrize("text, speaker", [
    ("Der Zeitung sagte Anna Petrow, sie habe alles verloren.", "Anna Petrow"),
    ("Der englischsprachigen Zeitung sagte Tomas Ruel: „Ich werde weiter kämpfen.“", "Tomas Ruel"),
    ("Dem Sender sagte er, die Lage sei ernst.", "er"),
    ("McBride nannte Lindners Entscheidung „eine schlechte Wahl“.", "McBride"),  # a genitive: the object
])
def test_a_german_name_after_the_verb_is_the_speaker_when_an_object_opens_the_sentence(
        text, speaker, one_quote, span_text):
    assert span_text(text, one_quote(text, "de").speaker_span) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Die Bauernvereinigung kritisierte den Entwurf der Regierung scharf.", "Die Bauernvereinigung"),
    ("Später nannte er die Reform einen großen Fehler.", "er"),
    ("Den Vorschlag der Stadt lehnte er am Abend ab.", "er"),
    ("Beide lehnten den Vorschlag der Stadt ab.", "Beide"),
    ("Henrike Vogt, Sprecherin des Vereins, begrüßte den Beschluss.",
     "Henrike Vogt, Sprecherin des Vereins"),
    ("Der Minister sagte den Opfern schnelle Hilfe zu.", "Der Minister"),  # a promise
    ("Die Ärztin empfahl den Eltern mehr Geduld.", "Die Ärztin"),
    # the finite verb that closes a clause between commas is not the main clause's
    ("Maria Holm, die selten Interviews gibt, nennt das Urteil einen Skandal.",
     "Maria Holm, die selten Interviews gibt"),
])
def test_a_german_sentence_reporting_a_speech_act_is_a_quote_of_its_subject(
        text, speaker, one_quote, span_text):
    quote = one_quote(text, "de")
    assert span_text(text, quote.content).rstrip(".") == text[:-1]  # the stop: either way
    assert span_text(text, quote.speaker_span) == speaker


# Sentences in context, and the speaker mention of each quote's content named.
GERMAN_SPEAKERS_IN_CONTEXT = {
    # "bezeichnet" is tagged as a participle; the next sentence's speech is given to "Sie" too.
    "a speech act in the present written as a participle keeps its quote": (
        "Der Verband legte die Bilanz vor. Sie bezeichnet diese Regelung als Unsinn. "
        "Die Kosten seien zu hoch.",
        {"Sie bezeichnet diese Regelung als Unsinn": "Sie", "Die Kosten seien zu hoch.": "Sie"}),
    "a heading before a colon is no speaker": (
        "Die Grünen stellten ihr Programm vor. Renten: Die Grünen wollen die Rente mit 63 "
        "abschaffen. Das Rentenniveau soll auf 45 Prozent steigen.",
        {"Das Rentenniveau soll auf 45 Prozent steigen.": "Die Grünen"}),
    "speech without a cue after a sentence that an adjunct opens is its subject's": (
        "Im Streit um die Reform will die Gewerkschaft nicht nachgeben. Die Löhne müssten steigen.",
        {"Die Löhne müssten steigen.": "die Gewerkschaft"}),
    "a name after the verb is that subject": (
        "Am Ende hatte Berg gute Nachrichten. Erstmals sei der Haushalt ausgeglichen.",
        {"Erstmals sei der Haushalt ausgeglichen.": "Berg"}),
    "a speech act and the reason given for it are two quotes": (
        "Die Sprecherin der Polizei bezeichnete die Zahl der Opfer als vorläufig, da noch nicht alle "
        "Räume durchsucht worden seien.",
        {"Die Sprecherin der Polizei bezeichnete die Zahl der Opfer als vorläufig": "Die Sprecherin der "
         "Polizei", "da noch nicht alle Räume durchsucht worden seien.": "Die Sprecherin der Polizei"}),
    "speech before a comma, an auxiliary and a reporting participle is that subject's": (
        "Die Konferenz soll im März stattfinden. Es drohe ein gefährlicher Wettlauf, hatte Obama bei "
        "seinem Treffen in Prag gesagt.", {"Es drohe ein gefährlicher Wettlauf": "Obama"}),
    "so is a name after the verb's reflexive pronoun": (
        "Besorgt äußerte sich Ministerin Ott über die Lager. Auch gebe es Berichte über Entführungen.",
        {"Auch gebe es Berichte über Entführungen.": "Ministerin Ott"}),
    "speech after a sentence of narration about someone is theirs, not the last speaker's": (
        "„Wir bleiben bei unserem Plan“, sagte der Bürgermeister. Die Ministerin besuchte am "
        "Montag das Lager. Die Zustände dort seien unerträglich.",
        {"Die Zustände dort seien unerträglich.": "Die Ministerin"}),
    "speech after a sentence with another speaker's quote is that speaker's": (
        "„Wir bleiben bei unserem Plan“, sagte der Minister. Die Opposition lehnt den Haushalt ab. "
        "Die Kosten seien viel zu hoch.",
        {"Die Kosten seien viel zu hoch.": "Die Opposition"}),
    "a capitalised word unknown to the tagger before a known verb is a name": (
        "„Wir bleiben bei unserem Plan“, sagte der Bürgermeister. Larsen gab sich am Montag "
        "optimistisch. Die Zustände dort seien bald besser.",
        {"Die Zustände dort seien bald besser.": "Larsen"}),
    "not before a verb unknown to the tagger too": (
        "„Wir bleiben bei unserem Plan“, sagte der Bürgermeister. Sirenen heulten am Montag. "
        "Die Zustände dort seien bald besser.",
        {"Die Zustände dort seien bald besser.": "der Bürgermeister"}),
    "not after narration about someone unnamed and indefinite": (
        "„Wir bleiben bei unserem Plan“, sagte der Bürgermeister. Viele Helfer besuchten am Montag "
        "das Lager. Die Zustände dort seien unerträglich.",
        {"Die Zustände dort seien unerträglich.": "der Bürgermeister"}),
}


@pytest.mark.parametrize(("text", "speakers"), [
    pytest.param(*case, id=name, marks=[CONTEXT_TAGGER_MISS] if name in {
        "speech without a cue after a sentence that an adjunct opens is its subject's",
        "a speech act and the reason given for it are two quotes"} else [])
    for name, case in GERMAN_SPEAKERS_IN_CONTEXT.items()])
def test_german_speakers_in_context(text, speakers, span_text):
    found = {span_text(text, q.content): span_text(text, q.speaker_span)
             for q in find_quotes_in_text(text, "de")}
    assert {content: found.get(content) for content in speakers} == speakers


@pytest.mark.parametrize("text, speaker", [
    ("Den Vorschlag der Stadt lehnte der Rat am Abend ab.", "der Rat"),
    ("Einen Tag später kritisierte die Gewerkschaft den Plan.", "die Gewerkschaft"),
])
def test_a_german_phrase_opened_by_an_oblique_article_is_no_speaker(text, speaker, one_quote, span_text):
    assert span_text(text, one_quote(text, "de").speaker_span) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Für beide Angeklagten fordert der Staatsanwalt eine Geldstrafe von 500 Euro.", "der Staatsanwalt"),
    ("Im Namen der Anwohner fordert Dora Klein ein Ende der Bauarbeiten.", "Dora Klein"),
])
def test_a_tagged_german_speech_act_sentence_gets_the_subject_after_its_verb(
        text, speaker, one_quote, span_text):
    quote = one_quote(text, "de")
    assert span_text(text, quote.speaker_span) == speaker
    assert span_text(text, quote.cue) == "fordert"


@pytest.mark.parametrize("text, speaker", [
    ("Der Plan wurde von der Gewerkschaft scharf kritisiert.", "der Gewerkschaft"),
    ("Von der Opposition wurde der Besuch als Werbung bezeichnet.", "der Opposition"),
])
def test_a_german_speech_act_in_the_passive_is_a_quote_of_its_agent(text, speaker, one_quote, span_text):
    quote = one_quote(text, "de")
    assert span_text(text, quote.content).rstrip(".") == text[:-1]
    assert span_text(text, quote.speaker_span) == speaker


@pytest.mark.parametrize("text, content", [
    ("Gegenwärtig wirft Bundesinnenminister Karl Weber (SPD) dem Justizminister Einmischung in ein "
     "laufendes Verfahren vor.", None),
    pytest.param("Für die Ausarbeitung eines neuen Gesetzes, die der Rat als wichtige Aufgabe ansieht, "
                 "gab Ministerin Klein einen Zeitraum von einem Jahr an.", None, marks=CONTEXT_TAGGER_MISS),
    ("Während sich die Partei bisher mit Kritik zurückgehalten hat, fordert die Jugendorganisation "
     "seit gestern den Rücktritt von Bürgermeister Paul Berg.", "fordert die Jugendorganisation"),
])
def test_a_german_speech_act_reported_by_its_object_is_the_whole_main_clause(
        text, content, one_quote, span_text):
    quote = one_quote(text, "de")
    start = text.index(content) if content else 0
    assert span_text(text, quote.content).rstrip(".") == text[start:].rstrip(".")


def test_a_german_announcement_by_bekanntgeben_is_a_reported_speech_act(one_quote, span_text):
    text = "Der Bäckereiverband gab am Dienstag die Schließung von zwölf Filialen bekannt."
    quote = one_quote(text, "de")
    assert span_text(text, quote.speaker_span) == "Der Bäckereiverband"
    assert span_text(text, quote.cue) == "gab"


@pytest.mark.parametrize("text", [
    "Der Händler kündigte den Vertrag mit dem Lieferanten.",  # no particle: not announced
    "Die Kassiererin gab dem Kunden das Wechselgeld.",
    "Die Spielerin warf den Ball weit über das Netz.",
    "Das berichtete die Zeitung am Montag.",  # speech named before
    "Rosenkohl nennt man in Österreich Kohlsprossen.",
    "Er sagte zu Hause nichts.",  # "zu" does not close the clause: no promise
    "Die Diskriminierung von Frauen wurde kritisiert.",  # "von" after a noun: no agent
])
def test_a_german_sentence_without_a_speech_act_is_no_quote(text):
    assert not find_quotes_in_text(text, "de")


@pytest.mark.parametrize("text, speaker", [
    ("In ihrer wöchentlichen Videobotschaft begründete die Kanzlerin ihren Kurs: "
     "„Wir müssen jetzt gemeinsam handeln.“", "die Kanzlerin"),
    ("In seiner monatlichen Fernsehansprache begründete der französische Premier seine Entscheidung so: "
     "„Alle Regionen des Landes werden von der Reform profitieren.“", "der französische Premier"),
])
def test_german_subject_after_an_opening_adjunct_is_the_speaker(text, speaker, span_text):
    quote = next(q for q in find_quotes_in_text(text, "de") if q.kind == "direct")
    assert speaker in span_text(text, quote.speaker_span)


# A German direct quote and its speaker mention, by the pattern that names the speaker.
GERMAN_DIRECT_SPEAKERS = {
    "zitieren: the one quoted, not the medium": (
        "Die Lokalzeitung zitiert einen Nachbarn mit den Worten: „Wir haben nachts einen lauten Knall "
        "gehört.“", "einen Nachbarn"),
    "zitieren after the quote": (
        "„Das war ein schwerer Fehler“, zitiert die Zeitung den Trainer.", "den Trainer"),
    "colon: the subject after the verb": (
        "Die Arbeit der neuen Regierung lobte er mit den Worten: „Sie handelt besonnen und ohne großes "
        "Getöse.“", "er"),
    "colon: a subject after an adverb and the verb": (
        "Dabei griff sie den Vorstand der Bank scharf an: „Wer so wirtschaftet, hat sein Amt verwirkt.“",
        "sie"),
    "a comma and any finite verb after the quote": (
        "Laut Polizei war das Beben bis in die Hauptstadt zu spüren. „Es war wie ein schwerer Güterzug "
        "direkt vor der Haustür“, beschreibt ein Reporter des Senders die Nacht.",
        "ein Reporter des Senders"),
    "a comma and a reflexive verb after the quote": (
        "Die Stiftung hatte damals alle Anträge abgelehnt. „Das war eine schwere Zeit für uns alle“, "
        "erinnerte sich Forscherin Lena Wolf später.", "Forscherin Lena Wolf"),
}


@pytest.mark.parametrize(("text", "speaker"), GERMAN_DIRECT_SPEAKERS.values(), ids=GERMAN_DIRECT_SPEAKERS)
def test_german_direct_quote_speaker(text, speaker, span_text):
    quote = next(q for q in find_quotes_in_text(text, "de") if q.kind == "direct")
    assert span_text(text, quote.speaker_span) == speaker


@pytest.mark.parametrize("text, speaker", [
    ("Im Abschlussbericht der Kommission, der am Montag erschien, heißt es, die Wahl sei fair gewesen.",
     "Im Abschlussbericht der Kommission"),
    ("Auf der Webseite des Museums heißt es zur Begründung: „Das Bild zeigt die Stadt im Wandel.“",
     "Auf der Webseite des Museums"),
])
def test_german_heisst_es_takes_the_place_it_was_said_as_source(text, speaker, span_text):
    quote = find_quotes_in_text(text, "de")[0]
    assert span_text(text, quote.speaker_span) == speaker


def test_german_a_quote_with_a_postposed_source_and_an_adjunct_is_the_quoted_passage(one_quote, span_text):
    text = ("„Wir wollen auch Familien mit kleinem Budget den Besuch im Stadion ermöglichen“, so "
            "Vereinschef Peter Krause zu den neuen Preisen.")
    quote = one_quote(text, "de")
    assert span_text(text, quote.content).strip("„“") == \
        "Wir wollen auch Familien mit kleinem Budget den Besuch im Stadion ermöglichen"
    assert span_text(text, quote.speaker_span) == "Vereinschef Peter Krause"


def test_german_reported_speech_after_an_unlisted_verb_is_that_verbs_subjects(span_text):
    text = ("Der Bürgermeister sagte, der Haushalt sei solide. Unterdessen verlangen die Grünen, dass sich "
            "der Ausschuss mit dem Fall befassen solle.")
    quote = next(q for q in find_quotes_in_text(text, "de") if "Ausschuss" in span_text(text, q.content))
    assert span_text(text, quote.speaker_span) == "die Grünen"
    assert span_text(text, quote.cue) == "verlangen"


def test_german_two_quoted_sentences_around_a_postposed_source_are_two_quotes(span_text):
    text = "„Wir prüfen alle Vorwürfe sehr genau“, so die Sprecherin. „Danach werden wir entscheiden.“"
    quotes = find_quotes_in_text(text, "de")
    assert [span_text(text, q.content).strip("„“") for q in quotes] == \
        ["Wir prüfen alle Vorwürfe sehr genau", "Danach werden wir entscheiden."]
    assert {span_text(text, q.speaker_span) for q in quotes} == {"die Sprecherin"}


def test_german_hearsay_sollen_after_a_report_goes_on_with_that_report(span_text):
    text = ("Die Polizei teilte mit, das Feuer sei am Morgen ausgebrochen. Der Täter soll durch ein "
            "Fenster geflohen sein. Die Feuerwehr soll den Brand gelöscht haben.")
    quote = next(q for q in find_quotes_in_text(text, "de") if "Der Täter soll" in span_text(text, q.content))
    assert span_text(text, quote.speaker_span) == "Die Polizei"


def test_german_hearsay_sollen_alone_is_no_report(german_analysis):
    # At the pass: find_quotes_in_text still finds a quote here, by another pass.
    from newsweave.quotes.german.sentences import hearsay_sentences

    tokens, analysis = german_analysis("Das Wetter war schön. Der Neubau soll im Herbst fertig sein.")
    assert hearsay_sentences(analysis, []) == []


def test_german_sentence_opened_by_an_anaphoric_source_is_that_sources(span_text, german_analysis):
    # At the pass: on this text find_quotes_in_text finds the quote without it (the tagger finds it).
    from newsweave.quotes.german.sentences import anaphoric_sentences

    text = "Das Amt legte einen Bericht vor. Demnach bleibt die Brücke bis zum Herbst gesperrt."
    tokens, analysis = german_analysis(text)
    (draft,) = anaphoric_sentences(analysis, [])
    content = span_text(text, tokens.span(draft.first, draft.last))
    assert content == "bleibt die Brücke bis zum Herbst gesperrt"
    assert span_text(text, tokens.span(draft.source.first, draft.source.last)) == "Demnach"


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Jana Ott vom Landesamt (HRU, Kassel) sagte, die Sorge resultiere aus dem Befund.",
     "die Sorge resultiere aus dem Befund", "Jana Ott vom Landesamt (HRU, Kassel)"),
    ("Dazu erklärte sie, man habe die Lage im Griff.", "man habe die Lage im Griff", "sie"),
    ("Der Sänger, wie er sich selbst nannte, ist tot.", None, None),
    ("Bei ihrem Besuch in Rom sagte Holm, die Regierung stehe zu ihren Zusagen.",
     "die Regierung stehe zu ihren Zusagen", "Holm"),
    ("Bei ihrem Besuch in Rom sagte Holm, Chefin der Behörde, nichts dazu.", None, None),
])
def test_german_clause_after_a_reporting_verb_and_a_comma(text, content, speaker, span_text, german_analysis):
    # At the pass, a fallback for clauses the tagger misses: find_quotes_in_text adds the tagger's finds.
    from newsweave.quotes.german.clauses import subjunctive_clauses

    tokens, analysis = german_analysis(text)
    spans = [(tokens.span(d.first, d.last), tokens.span(d.source.first, d.source.last))
             for d in subjunctive_clauses(analysis, [])]
    found = [(span_text(text, content_span), span_text(text, source_span))
             for content_span, source_span in spans]
    assert found == ([(content, speaker)] if content else [])


def test_german_clause_after_a_reporting_verb_may_hold_a_quoted_term(span_text, german_analysis):
    # At the pass: on this text find_quotes_in_text finds the clause without it (the tagger finds it).
    from newsweave.quotes.german.clauses import subjunctive_clauses
    from newsweave.quotes.phrases import Draft

    text = "Die Ministerin sagte, die Lage sei „ernst“, aber unter Kontrolle."
    tokens, analysis = german_analysis(text)
    term = tokens.words.index("ernst")
    found = subjunctive_clauses(analysis, [Draft(term, term)])
    assert [span_text(text, tokens.span(d.first, d.last)) for d in found] == [
        "die Lage sei „ernst“, aber unter Kontrolle"]


def test_german_nach_before_a_noun_of_information_names_a_source(one_quote, span_text):
    text = "Nach Auskunft der Behörde wurden bei dem Sturm zwölf Menschen verletzt."
    quote = one_quote(text, "de")
    assert span_text(text, quote.content) == "wurden bei dem Sturm zwölf Menschen verletzt"
    assert "der Behörde" in span_text(text, quote.speaker_span)


# A sentence, the quote's content and its speaker mention: German patterns of one quote each.
GERMAN_CONTENT_AND_SPEAKER = {
    "speech runs on after an inserted source": (
        "Bei dem Erdbeben sind nach Angaben des Roten Kreuzes mehr als 800 Menschen obdachlos geworden.",
        "Bei dem Erdbeben sind nach Angaben des Roten Kreuzes mehr als 800 Menschen obdachlos geworden",
        "Angaben des Roten Kreuzes"),
    "speech before a comma and an inverted reporting clause": (
        "Am schlimmsten traf das Unwetter die Dörfer im Norden, sagte der Landrat am Abend.",
        "Am schlimmsten traf das Unwetter die Dörfer im Norden", "der Landrat"),
    "a sentence attributed by a demonstrative in the next one": (
        "Die Fabrik in Neustadt schließt im Mai. Dies bestätigte der Betriebsrat am Montag.",
        "Die Fabrik in Neustadt schließt im Mai. Dies", "der Betriebsrat"),
    "two sentences attributed by a demonstrative in the next one": (
        "Die Fabrik in Neustadt schließt im Mai. Alle Beschäftigten erhalten eine Abfindung. Dies "
        "bestätigte der Betriebsrat am Montag.",
        "Die Fabrik in Neustadt schließt im Mai. Alle Beschäftigten erhalten eine Abfindung. Dies",
        "der Betriebsrat"),
    "a sentence that the next one says emerges from a source": (
        "Die Zahl der Unfälle auf der Autobahn ist im Sommer gestiegen. Dies geht aus einem Bericht "
        "des Verkehrsministeriums hervor.",
        "Die Zahl der Unfälle auf der Autobahn ist im Sommer gestiegen. Dies", "einem Bericht"),
    "a dass clause right after a noun of claiming is that noun's, not the subject's": (
        "Die Ministerin kritisierte die Vermutung, dass die Steuern erhöht würden.",
        "dass die Steuern erhöht würden.", "die Vermutung"),
    "a zu-infinitive after a demand is its owner's": (
        "Der Vorschlag von Ministerin Berg, die Schulen länger zu öffnen, stieß auf Kritik.",
        "die Schulen länger zu öffnen", "Ministerin Berg"),
    "a speech act found from its verb takes in its subject": (
        "Die Ministerin für Umwelt Petra Lang nannte den Vorschlag einen guten Anfang.",
        "Die Ministerin für Umwelt Petra Lang nannte den Vorschlag einen guten Anfang.",
        "Die Ministerin für Umwelt Petra Lang"),
    "a quoted capitalised word in reported speech is a name, no quote of its own": (
        "Die Ministerin sagte, die Firma „Nordwerk“ habe den Auftrag für die Brücke erhalten.",
        "die Firma „Nordwerk“ habe den Auftrag für die Brücke erhalten.", "Die Ministerin"),
    "a dass clause after an act verb and the subject after it": (
        "Zudem verlangen die Studenten, dass sich die Regierung für den Einsatz entschuldigt.",
        "dass sich die Regierung für den Einsatz entschuldigt", "die Studenten"),
    "a dass clause after a noun of a view is its holder's": (
        "Der Verband der Mieter vertritt seit Jahren die Ansicht, dass die Gebühren zu hoch sind.",
        "dass die Gebühren zu hoch sind", "Der Verband der Mieter"),
    "a hope is a reported act": (
        "Die Gewerkschaft erhofft sich von dem Treffen am Montag eine Einigung.",
        "Die Gewerkschaft erhofft sich von dem Treffen am Montag eine Einigung", "Die Gewerkschaft"),
    "a separable act verb whose particle a coordinated clause follows": (
        "Die Opposition im Landtag wies die geplanten Änderungen zurück und verlangte eine Anhörung.",
        "Die Opposition im Landtag wies die geplanten Änderungen zurück und verlangte eine Anhörung",
        "Die Opposition im Landtag"),
    "a reported act whose subject ends in a quoted name": (
        "Der Sender „Radio Nord“ berichtete von der Bergung von zwölf Booten.",
        "Der Sender „Radio Nord“ berichtete von der Bergung von zwölf Booten", "Der Sender „Radio Nord“"),
    "a dass clause after a verb of finding": (
        "Die Forscher hatten im Frühjahr festgestellt, dass die Zahl der Vögel im Moor sinkt.",
        "dass die Zahl der Vögel im Moor sinkt.", "Die Forscher"),
    "speech after an as-clause with a verb of finding": (
        "Wie die Prüferin in ihrem Bericht feststellt, fehlen der Behörde rund zwanzig Stellen.",
        "fehlen der Behörde rund zwanzig Stellen.", "die Prüferin"),
    "speech after an as-clause closed by a separable verb": (
        "Wie der Minister hervorhob, sinkt die Zahl der Arbeitslosen seit Jahren.",
        "sinkt die Zahl der Arbeitslosen seit Jahren.", "der Minister"),
    "a zu-infinitive after an adjective of a stated intention": (
        "Die Gewerkschaft ist bereit, über die Löhne neu zu verhandeln.",
        "über die Löhne neu zu verhandeln", "Die Gewerkschaft"),
    "a chanted slogan is a direct quote of the chanters": (
        "Vor dem Rathaus skandierten die Demonstranten „Wir bleiben hier“.",
        "„Wir bleiben hier“", "die Demonstranten"),
    "speech after an as-clause with a verb of stating": (
        "Wie die Prüferin konstatiert, fehlen der Behörde zwanzig Stellen.",
        "fehlen der Behörde zwanzig Stellen", "die Prüferin"),
    "speech after an as-clause with a verb of pleading": (
        "Wie die Ärztin plädiert, sollten die Schulen länger offen bleiben.",
        "sollten die Schulen länger offen bleiben.", "die Ärztin"),
    "a dass clause after a verb of speculating": (
        "Die Zeitung spekulierte, dass der Minister bald zurücktreten könnte.",
        "dass der Minister bald zurücktreten könnte.", "Die Zeitung"),
    "speech after an as-clause with a verb of protesting": (
        "Wie der Angeklagte beteuert, hat er das Geld nie gesehen.",
        "hat er das Geld nie gesehen", "der Angeklagte"),
    "a dass clause after a verb of doubting": (
        "Kritiker bezweifeln aber, dass die Bahn den Fahrplan halten kann.",
        "dass die Bahn den Fahrplan halten kann.", "Kritiker"),
}


@pytest.mark.parametrize(("text", "content", "speaker"), [
    pytest.param(*case, id=name, marks=[CONTEXT_TAGGER_MISS] if name in {
        "speech after an as-clause with a verb of finding"} else [])
    for name, case in GERMAN_CONTENT_AND_SPEAKER.items()])
def test_german_content_and_speaker(text, content, speaker, one_quote, span_text):
    quote = one_quote(text, "de")
    assert span_text(text, quote.content).rstrip(".") == content.rstrip(".")  # the stop: either way
    assert span_text(text, quote.speaker_span) == speaker


def test_a_german_heading_before_a_quotation_names_the_speaker(one_quote, span_text):
    text = "Ministerin: „Die Schulen bleiben offen.“"
    assert span_text(text, one_quote(text, "de").speaker_span) == "Ministerin"


def test_a_german_relative_clause_after_an_according_source_is_not_the_speech(one_quote, span_text):
    text = "Nach Einschätzung einer Gutachterin, die vom Gericht bestellt wurde, war der Damm zu niedrig."
    assert span_text(text, one_quote(text, "de").content) == "war der Damm zu niedrig"


@pytest.mark.parametrize("text, source", [
    ("Nach den bisherigen Planungen soll die Brücke 2030 fertig sein.", "den bisherigen Planungen"),
    ("Nach dem Landeswahlgesetz muss die Stadt die Listen bis Juni auslegen.", "dem Landeswahlgesetz"),
])
def test_german_plans_and_laws_after_nach_are_according_to_sources(text, source, one_quote, span_text):
    quote = one_quote(text, "de")
    assert quote.kind == "according_to"
    assert span_text(text, quote.speaker_span) == source


@pytest.mark.parametrize("text, content, speaker", [
    ("Der Verein hat schon im Frühjahr zugesagt, die Kosten für den Umbau zu tragen.",
     "die Kosten für den Umbau zu tragen", "Der Verein"),
    ("Am Abend beteuerte die Feuerwehr, alle Bewohner rechtzeitig gewarnt zu haben.",
     "alle Bewohner rechtzeitig gewarnt zu haben", "die Feuerwehr"),
    ("Die Ministerin plant, im Herbst ein neues Gesetz vorzulegen.",  # "zu" inside the verb
     "im Herbst ein neues Gesetz vorzulegen", "Die Ministerin"),
])
def test_a_german_zu_infinitive_after_a_verb_of_saying_or_intending_is_indirect_speech(
        text, content, speaker, one_quote, span_text):
    quote = one_quote(text, "de")
    assert span_text(text, quote.content).rstrip(".") == content
    assert span_text(text, quote.speaker_span) == speaker


def test_a_german_purpose_clause_is_no_indirect_speech():
    assert not find_quotes_in_text("Die Stadt plant neue Buslinien, um den Verkehr zu entlasten.", "de")


@CONTEXT_TAGGER_MISS
def test_a_german_dass_clause_after_a_noun_of_suspecting_has_that_noun_as_source(one_quote, span_text):
    text = "Seit Jahren gab es Hinweise, dass in der Kantine Lebensmittel verschwanden."
    quote = one_quote(text, "de")
    assert span_text(text, quote.content).rstrip(".") == "dass in der Kantine Lebensmittel verschwanden"
    assert span_text(text, quote.speaker_span) == "Hinweise"


@pytest.mark.parametrize(("text", "verb", "wrong", "speaker"), [
    ("Die Mitglieder des Vereins forderte er anschließend auf, regen Gebrauch davon zu machen.",
     "forderte", "Die Mitglieder des Vereins", "er"),
    ("Im Frühjahr hatte Bürgermeister Jan Krüger angekündigt, das Freibad sanieren zu lassen.",
     "angekündigt", "Im Frühjahr", "Bürgermeister Jan Krüger"),
])
def test_german_subject_after_the_finite_verb_of_the_cue_is_the_speaker(
        text, verb, wrong, speaker, span_text, german_analysis):
    # At the rule: on these texts find_quotes_in_text gets the speaker without it (the tagger finds it).
    from newsweave.quotes.german.speakers import take_subject_after_adjunct
    from newsweave.quotes.phrases import Draft, Span

    tokens, analysis = german_analysis(text)
    cue, comma = tokens.words.index(verb), tokens.words.index(",")
    opening = len(tokenize(wrong).words) - 1
    draft = Draft(comma + 1, len(tokens.words) - 2, Span("C", cue, cue), Span("S", 0, opening))
    take_subject_after_adjunct(analysis, draft)
    assert span_text(text, tokens.span(draft.source.first, draft.source.last)) == speaker


def test_german_speech_after_a_passive_verb_is_said_by_its_agent(span_text, german_analysis):
    # At the rule: find_quotes_in_text finds no quote at all in this sentence.
    from newsweave.quotes.cues import lexicon
    from newsweave.quotes.german.acts import attach_act_verb
    from newsweave.quotes.phrases import Draft

    text = "Die Bewohner wurden gestern von der Feuerwehr angewiesen, die Fenster geschlossen zu halten."
    tokens, analysis = german_analysis(text)
    draft = Draft(tokens.words.index(",") + 1, len(tokens.words) - 1)
    assert attach_act_verb(analysis, draft, lexicon("de"))
    assert span_text(text, tokens.span(draft.source.first, draft.source.last)) == "der Feuerwehr"


def test_german_speech_with_a_passive_cue_is_said_by_its_agent(speaker_by):
    # At the rule: find_quotes_in_text gives "der Ministerin die Vermutung" as the speaker here.
    from newsweave.quotes.german.speakers import take_passive_agent
    from newsweave.quotes.phrases import Draft, Span

    def draft_of(words):
        cue, noun = words.index("geäußert"), words.index("Vermutung")
        return Draft(cue + 2, len(words) - 1, Span("C", cue, cue), Span("S", noun - 1, noun))

    text = "Es wurde von der Ministerin die Vermutung geäußert, die Zahlen seien falsch."
    assert speaker_by(take_passive_agent, text, draft_of) == "der Ministerin"


def test_german_speech_after_a_wie_clause_is_said_by_its_subject(speaker_by):
    # At the rule: on this text find_quotes_in_text gets the speaker without it (the tagger finds it).
    from newsweave.quotes.german.speakers import take_as_clause_subject
    from newsweave.quotes.phrases import Draft, Span

    def draft_of(words):  # "Die Halle" taken as the speaker: a slip
        return Draft(words.index(",") + 1, len(words) - 2, None, Span("S", 0, 1))

    text = "Die Halle bleibt zu. Wie ein Sprecher der Stadtwerke mitteilte, wird das Bad im Herbst geöffnet."
    assert speaker_by(take_as_clause_subject, text, draft_of) == "ein Sprecher der Stadtwerke"


def test_a_german_relative_clause_before_a_final_reporting_verb_is_no_speech(span_text):
    text = "Der Minister, der seit Mai im Amt ist, hat gestern seinen Rücktritt angekündigt."
    contents = [span_text(text, q.content) for q in find_quotes_in_text(text, "de")]
    assert not any(content.startswith("der seit Mai") for content in contents)


def test_german_pronoun_subject_before_the_verb_speaks_the_quote_after_the_colon(one_quote, span_text):
    """Not "der Kritik der Verbände", the phrase nearest the colon."""
    text = "Er schließt sich darüber hinaus der Kritik der Verbände an: „Das Gesetz ist ein Fehler.“"
    quote = one_quote(text, "de")
    assert span_text(text, quote.content) == "„Das Gesetz ist ein Fehler.“"
    assert span_text(text, quote.speaker_span) == "Er"
