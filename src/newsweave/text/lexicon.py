"""A small multilingual lexicon of page furniture, compiled into the cleaner's patterns.

Kept general on purpose: words that outlets in any of our languages use for photo credits,
bylines, "read also" inserts and share/comment widgets, not strings of particular articles.
Languages: en de fr es it pt nl sq ru pl tr (add a word to a list; the patterns follow).
"""

from __future__ import annotations

import re

CREDIT_WORDS = (
    "photo", "photos", "photograph", "picture", "pic", "image", "images", "foto", "fotos",
    "fotografia", "fotografía", "immagine", "imagen", "bild", "bilder", "фото", "zdjęcie",
    "zdjęcia", "fot", "fotoğraf", "credit", "crédit", "crédito", "illustration", "grafik",
    "graphic", "video", "copyright",
)
# Words between the credit word and the credit holder: "Photo by", "foto nga", "Foto von".
CREDIT_LINKS = r"(?:/|:|by|nga|von|de|di|par|por|z|via|courtesy(?: of)?|credit)"
AGENCIES = (
    "AP", "AFP", "Reuters", "EPA", "EPA-EFE", "EFE", "Getty Images", "Getty", "Xinhua", "dpa",
    "ANSA", "Anadolu", "TASS", "Sputnik", "CMG", "CGTN", "Shutterstock", "Imago", "AA", "PA",
    "Bloomberg",
)

BYLINE_LEADS = (
    "by", "written by", "reported by", "reporting by", "von", "text:", "par", "por", "di",
    "nga", "nga:", "autor", "autor:", "author", "author:", "автор", "автор:", "av", "door",
)
BIO_WORDS = (
    r"writer|journalist|reporter|editor|correspondent|author|contributor|columnist|blogger|"
    r"redakteur|journalistin|korrespondent|journaliste|rédacteur|rédactrice|periodista|"
    r"redactor|redactora|giornalista|redattore|gazetar|gazetare|журналист|корреспондент|"
    r"dziennikarz|dziennikarka|muhabir|gazeteci"
)

READ_ALSO = (
    # en
    "see also", "read also", "also read", "read more", "related articles", "related stories",
    "related coverage", "more on this", "more on this story", "recommended", "you may also like",
    "source link", "you might also like", "you may also be interested in",
    # de
    "lesen sie auch", "lesen sie mehr", "mehr zum thema", "auch interessant", "siehe auch",
    "weiterlesen", "das könnte sie auch interessieren", "das könnte dich auch interessieren",
    "weitere themen", "weitere artikel", "passend zum thema",
    # fr
    "lire aussi", "à lire aussi", "a lire aussi", "voir aussi", "lire la suite", "en savoir plus",
    "à lire également", "lire également", "sur le même sujet", "articles similaires",
    # es / pt
    "lee también", "leer también", "lea también", "ver también", "te puede interesar",
    "leer más", "leia também", "veja também", "leia mais", "le puede interesar",
    "puede interesarte", "te podría interesar", "vea también", "mira también",
    "noticias relacionadas", "notícias relacionadas", "veja mais",
    # it / nl
    "leggi anche", "vedi anche", "leggi di più", "lees ook", "zie ook", "lees meer",
    "articoli correlati", "potrebbe interessarti",
    # sq
    "lexo edhe", "lexoni edhe", "lexo gjithashtu", "lexo më shumë", "shiko edhe",
    # ru / pl / tr
    "читайте также", "смотрите также", "читать далее", "czytaj też", "czytaj także",
    "zobacz też", "zobacz także", "czytaj więcej", "ayrıca bakınız", "ilgili haber",
    "devamını oku", "ayrıca okuyun",
)
# One-word lead-ins count only with a colon after them ("Read: ...", "Related: ...").
READ_ALSO_COLON = ("read", "related", "watch", "listen", "more", "also", "lesen", "voir",
                   "lire", "leer", "leggi", "lexo", "читайте", "czytaj", "zobacz")

FURNITURE = (
    # en
    "leave a reply", "leave a comment", "your email address will not be published",
    "required fields are marked", "share this", "share on facebook", "share on twitter",
    "share on whatsapp", "share via email", "sign up for our newsletter", "subscribe to our",
    "follow us on", "all rights reserved", "copyright ©", "post a comment", "cancel reply",
    "this website uses cookies", "we use cookies", "accept cookies", "post navigation",
    "previous article", "next article", "click here to", "comments are closed",
    "sign up for", "sign up to", "never miss", "subscribe now", "download our app",
    # de
    "kommentar schreiben", "auf facebook teilen", "artikel teilen", "alle rechte vorbehalten",
    "newsletter abonnieren", "ihre e-mail-adresse wird nicht veröffentlicht",
    "zum newsletter anmelden", "jetzt newsletter", "jetzt abonnieren",
    # fr
    "laisser un commentaire", "laisser une réponse", "votre adresse e-mail ne sera pas publiée",
    "votre adresse de messagerie ne sera pas publiée", "tous droits réservés", "abonnez-vous",
    "partager sur", "inscrivez-vous à notre newsletter",
    # es / pt / it
    "deja un comentario", "deja una respuesta", "tu dirección de correo electrónico no será",
    "todos los derechos reservados", "compartir en", "deixe um comentário", "suscríbete",
    "suscríbase",
    "todos os direitos reservados", "lascia un commento", "il tuo indirizzo email non sarà",
    "tutti i diritti riservati", "condividi su",
    # sq
    "lini një koment", "të gjitha të drejtat e rezervuara", "adresa juaj e email-it nuk do",
    "shpërndaje në",
    # ru / pl / tr / nl
    "оставить комментарий", "все права защищены", "поделиться в", "zostaw komentarz",
    "wszelkie prawa zastrzeżone", "udostępnij na", "yorum yap", "tüm hakları saklıdır",
    "alle rechten voorbehouden", "laat een reactie achter",
)
# Whole-line widgets: a line that is nothing but one of these words.
WIDGETS = (
    "share", "tweet", "email", "print", "comments", "comment", "advertisement", "subscribe",
    "teilen", "drucken", "anzeige", "werbung", "kommentare", "partager", "publicité", "imprimer",
    "compartir", "publicidad", "imprimir", "condividi", "pubblicità", "stampa", "shpërndaje",
    "reklamë", "komente", "поделиться", "реклама", "комментарии", "udostępnij", "reklama",
    "komentarze", "paylaş", "reklam", "yorumlar", "delen", "advertentie", "whatsapp", "facebook",
    "twitter", "telegram", "linkedin", "instagram", "youtube", "reddit", "pinterest", "viber",
    "vk", "threads", "bluesky", "mastodon", "x", "e-mail", "mail",
)
# Labels of a publication date that the page printed apart from the date itself.
DATE_LABELS = (
    "published", "published on", "updated", "last updated", "posted", "posted on",
    "veröffentlicht", "veröffentlicht am", "aktualisiert", "aktualisiert am", "publié le",
    "mis à jour le", "publicado", "publicado el", "actualizado", "pubblicato", "pubblicato il",
    "aggiornato", "publikuar", "publikuar më", "përditësuar", "опубликовано", "обновлено",
    "opublikowano", "zaktualizowano", "yayınlanma", "güncellenme",
)


def _alternatives(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_CREDIT = _alternatives(CREDIT_WORDS)
_AGENCY = _alternatives(AGENCIES)
# "... April 9, 2024. [Photo/Xinhua]", "... Photo: Xinhua", "foto nga CMG", "(AP Photo/J. Doe)"
CREDIT_AT_END = re.compile(
    rf"[\[(]?\b(?:{_CREDIT})\.?\s*{CREDIT_LINKS}\s*[^\n\[\]()]{{1,60}}[\])]?\s*\.?\s*$", re.I)
CREDIT_AT_START = re.compile(rf"^[\[(]?\s*(?:{_CREDIT})\.?\s*(?:{CREDIT_LINKS}|©)", re.I)
AGENCY_CREDIT = re.compile(
    rf"^[\[(]?\s*(?:©\s*)?(?:{_AGENCY})(?:\s+(?:{_CREDIT}))?(?:\s*/\s*[^\n]{{1,60}})?[\])]?\.?$",
    re.I)
BYLINE = re.compile(
    rf"^(?i:{_alternatives(BYLINE_LEADS)})\s+(?:[A-ZÀ-ÝА-ЯЁŁŚŻŹĆŃÇË][\w.'’-]*\s*(?:,|&|and|und|et|y|e|и)?\s*){{1,6}}$"
)
BIO = re.compile(rf"\b(?:{BIO_WORDS})\b", re.I)
FIRST_PERSON_BIO = re.compile(r"^(?:I am|I'm|About the author|Über den Autor|À propos de l'auteur)\b", re.I)
READ_ALSO_LINE = re.compile(
    rf"^[\s»›>•*-]*(?:(?:{_alternatives(READ_ALSO)})(?:\s*[:：—–-]|\s{{2,}}|\s*$|\s+(?=\S))"
    rf"|(?:{_alternatives(READ_ALSO_COLON)})\s*[:：])", re.I)
FURNITURE_LINE = re.compile(rf"^[\s»›•*-]*(?:{_alternatives(FURNITURE)})", re.I)
# "Share: Facebook | X | WhatsApp", "Teilen", "Tweet · Email": an optional label, then widgets.
WIDGET_LINE = re.compile(
    rf"^[\s•|*·]*(?:[^\W\d_]+\s*:\s*)?(?:(?:{_alternatives(WIDGETS)})[\s•|*·,/]*)+$", re.I)
DATE_LABEL_LINE = re.compile(rf"^(?:{_alternatives(DATE_LABELS)})\s*:?\s*[\d\s./:,-]*$", re.I)
