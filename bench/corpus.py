"""The benchmark corpus: plain-text and HTML articles generated from the SemEval dev texts.

The texts are research-use news articles (see /work/shared/eval/README.md): they are written
under ``bench/.cache/`` only (gitignored) and never into the repository.

Every article is one dev text (its headline, its body cut into paragraphs) plus one or two
paragraphs of another text in the same language, so there are as many distinct articles as
asked for (the pipeline skips an article whose content hash it has already stored) while each
stays one language. No paragraph is in two articles of one outlet, so none is taken for that
outlet's recurring furniture by the cleaner. Both formats carry the same articles:

* ``text/NNNNN-LL.txt``: headline, a date line, a photo caption, the body paragraphs with a
  "Read also: ..." line among them, as scrapers dump pages;
* ``html/NNNNN-LL.html``: a news page of one of a few fictional outlets: head metadata
  (title, og:site_name, article:published_time, canonical, JSON-LD), cookie banner, a large
  navigation menu, the article (h1, byline, figure with figcaption, paragraphs, a related-link
  box, share buttons), a most-read list and a footer.

Generation is deterministic for a given seed; the corpus is rebuilt only when the seed, the size,
the generator or the source files change (``manifest.json``).
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

GENERATOR_VERSION = 4
SOURCE_FILES = ("semeval2022_task8/similarity_dev.jsonl", "semeval2022_task8/reuse_dev.jsonl")
_MIN_CHARS = 200  # shorter dev texts are fragments, not articles
# No paragraph goes into more than this many articles of one outlet: the cleaner takes lines
# an outlet's articles share for that outlet's furniture (pipeline._recurring_lines), and the
# benchmark wants every article's text kept, whatever that rule becomes.
_MAX_SHARED = 1

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=\S)|(?<=[。！？])")
_GAP = re.compile(r"\s{2,}")
_HEADLINE_MAX = 200

# Localised page chrome: (photo, read also, by, sections). English for the rest.
_CHROME = {
    "en": ("Photo", "Read also", "By", ("World", "Politics", "Business", "Science", "Sport")),
    "de": ("Foto", "Lesen Sie auch", "Von", ("Welt", "Politik", "Wirtschaft", "Wissen", "Sport")),
    "fr": ("Photo", "Lire aussi", "Par", ("Monde", "Politique", "Économie", "Sciences", "Sport")),
    "es": ("Foto", "Lee también", "Por", ("Mundo", "Política", "Economía", "Ciencia", "Deportes")),
    "it": ("Foto", "Leggi anche", "Di", ("Mondo", "Politica", "Economia", "Scienza", "Sport")),
    "pl": ("Fot", "Czytaj też", "Autor:", ("Świat", "Polityka", "Biznes", "Nauka", "Sport")),
    "ru": ("Фото", "Читайте также", "Автор:", ("Мир", "Политика", "Экономика", "Наука", "Спорт")),
    "tr": ("Fotoğraf", "Ayrıca okuyun", "Yazan", ("Dünya", "Politika", "Ekonomi", "Bilim", "Spor")),
}
_AGENCIES = ("Reuters", "AFP", "AP", "dpa", "EPA-EFE", "Getty Images", "ANSA", "Anadolu", "Xinhua")
_FIRST_NAMES = ("Anna", "Marek", "Lena", "Tomás", "Claire", "Omar", "Giulia", "Emre", "Sofia",
                "James", "Ilya", "Mei", "Jonas", "Nadia", "Pablo", "Zofia")
_LAST_NAMES = ("Keller", "Novak", "Moreau", "García", "Rossi", "Yılmaz", "Kowalska", "Petrov",
               "Chen", "Haddad", "Walsh", "Berger", "Lindqvist", "Costa", "Brandt", "Okafor")
# Fictional outlets (the reserved .example domain), three per language so that an outlet's
# furniture recurs across its articles as on a real site.
_OUTLET_WORDS = ("Courier", "Herald", "Ledger", "Gazette", "Observer", "Tribune", "Post",
                 "Chronicle", "Dispatch")


@dataclass(frozen=True, slots=True)
class Corpus:
    """Where a generated corpus lies, and what it holds."""

    root: Path
    articles: int
    languages: dict[str, int]
    text_chars: float  # mean characters of a .txt file
    html_bytes: float  # mean bytes of an .html file
    reused: bool

    @property
    def text_dir(self) -> Path:
        return self.root / "text"

    @property
    def html_dir(self) -> Path:
        return self.root / "html"


@dataclass(frozen=True, slots=True)
class _Source:
    language: str
    headline: str
    paragraphs: tuple[str, ...]


def source_texts(eval_dir: Path) -> list[tuple[str, str]]:
    """(language, text) of every distinct dev text long enough to be an article, in file order."""
    seen: set[str] = set()
    texts = []
    for name in SOURCE_FILES:
        path = eval_dir / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                for side in ("1", "2"):
                    text = (row.get("text" + side) or "").strip()
                    if len(text) >= _MIN_CHARS and text not in seen:
                        seen.add(text)
                        texts.append((row.get("lang" + side) or "und", text))
    return texts


def build_corpus(eval_dir: Path, cache: Path, articles: int, seed: int) -> Corpus:
    """Generate (or reuse) the corpus of ``articles`` articles under ``cache``."""
    fingerprint = {
        "generator": GENERATOR_VERSION, "seed": seed, "articles": articles,
        "sources": {name: _file_stamp(eval_dir / name) for name in SOURCE_FILES},
    }
    root = cache / f"corpus-{articles}-seed{seed}"
    manifest = root / "manifest.json"
    if manifest.exists():
        saved = json.loads(manifest.read_text())
        if saved.get("fingerprint") == fingerprint:
            return _corpus(root, saved, reused=True)
    texts = source_texts(eval_dir)
    if not texts:
        raise FileNotFoundError(f"no dev texts found in {eval_dir}")
    summary = _generate(root, texts, articles, seed)
    saved = {"fingerprint": fingerprint, **summary}
    manifest.write_text(json.dumps(saved, indent=1))
    return _corpus(root, saved, reused=False)


def _corpus(root: Path, saved: dict, *, reused: bool) -> Corpus:
    return Corpus(root, saved["articles"], saved["languages"], saved["text_chars"],
                  saved["html_bytes"], reused)


def _file_stamp(path: Path) -> str | None:
    if not path.exists():
        return None
    return hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()


def _generate(root: Path, texts: list[tuple[str, str]], count: int, seed: int) -> dict:
    rng = random.Random(seed)
    sources = [_split_source(language, text, rng) for language, text in texts]
    sources = [s for s in sources if s.paragraphs]
    rng.shuffle(sources)
    by_language: dict[str, list[int]] = {}
    for index, source in enumerate(sources):
        by_language.setdefault(source.language, []).append(index)
    outlets = _outlets(sorted(by_language), rng)

    for folder in ("text", "html"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        for old in (root / folder).iterdir():
            old.unlink()

    bodies: set[tuple[str, ...]] = set()
    per_outlet: Counter[tuple[str, str]] = Counter()  # (host, paragraph): articles holding it
    languages: dict[str, int] = {}
    text_chars = html_bytes = 0
    start = datetime(2024, 1, 1, 6, 0, 0)
    for number in range(count):
        primary = sources[number % len(sources)]
        outlet = _pick_outlet(primary, outlets[primary.language], per_outlet, rng)
        body = _body(primary, sources, by_language[primary.language], bodies, rng,
                     lambda paragraph, host=outlet[1]: per_outlet[host, paragraph] < _MAX_SHARED)
        per_outlet.update((outlet[1], paragraph) for paragraph in body)
        related = sources[rng.choice(by_language[primary.language])].headline
        published = start + timedelta(seconds=rng.randrange(0, 120 * 86400))
        article = _Article(number, primary.language, primary.headline, body, related, published,
                           outlet, _author(rng), rng.choice(_AGENCIES), rng)
        stem = f"{number:05d}-{primary.language}"
        text = article.as_text()
        page = article.as_html().encode("utf-8")
        (root / "text" / f"{stem}.txt").write_text(text, encoding="utf-8")
        (root / "html" / f"{stem}.html").write_bytes(page)
        languages[primary.language] = languages.get(primary.language, 0) + 1
        text_chars += len(text)
        html_bytes += len(page)
    return {"articles": count, "languages": dict(sorted(languages.items())),
            "text_chars": round(text_chars / count, 1), "html_bytes": round(html_bytes / count, 1)}


def _split_source(language: str, text: str, rng: random.Random) -> _Source:
    """A dev text as a headline and body paragraphs of two to four sentences."""
    headline, body = _headline(text)
    paragraphs = []
    for line in body.splitlines():
        sentences = [s.strip() for s in _SENTENCE_BREAK.split(line) if s.strip()]
        while sentences:
            take = rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[:take]) if language not in ("zh", "ja")
                              else "".join(sentences[:take]))
            sentences = sentences[take:]
    return _Source(language, headline, tuple(paragraphs))


def _headline(text: str) -> tuple[str, str]:
    """The headline and the body: the first line, the part before a wide gap, or the first
    sentence (cut to ten words when it is long)."""
    first, newline, rest = text.partition("\n")
    if newline and len(first) <= _HEADLINE_MAX and rest.strip():
        return first.strip(), rest.strip()
    gap = _GAP.search(text, 0, _HEADLINE_MAX + 2)
    if gap and gap.start() >= 15:
        return text[: gap.start()].strip(), text[gap.end():].strip()
    pieces = _SENTENCE_BREAK.split(text, maxsplit=1)
    if len(pieces) == 2 and len(pieces[0]) <= _HEADLINE_MAX:
        return pieces[0].strip(), pieces[1].strip()
    words = text.split()
    if len(words) > 12:
        return " ".join(words[:10]), " ".join(words[10:])
    return text[:60], text[60:]


def _pick_outlet(primary: _Source, outlets: list[tuple[str, str]],
                 per_outlet: Counter[tuple[str, str]], rng: random.Random) -> tuple[str, str]:
    """A random outlet of the article's language that has run the fewest of its paragraphs."""
    shuffled = rng.sample(outlets, len(outlets))
    return min(shuffled, key=lambda outlet: sum(
        per_outlet[outlet[1], paragraph] for paragraph in primary.paragraphs))


def _body(primary: _Source, sources: list[_Source], same_language: list[int],
          bodies: set[tuple[str, ...]], rng: random.Random,
          allowed: Callable[[str], bool]) -> tuple[str, ...]:
    """The primary text's paragraphs plus one or two of another same-language text (distinct),
    those extra paragraphs ``allowed`` at the article's outlet."""
    for _ in range(100):
        other = sources[rng.choice(same_language)]
        if other is primary and len(same_language) > 1:
            continue
        extra = other.paragraphs[-rng.randint(1, min(2, len(other.paragraphs))):]
        extra = tuple(p for p in extra if p not in primary.paragraphs and allowed(p))
        body = primary.paragraphs + extra
        if extra and body not in bodies:
            bodies.add(body)
            return body
    body = (*primary.paragraphs, f"({len(bodies)})")
    bodies.add(body)
    return body


def _outlets(languages: list[str], rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    """Three (name, host) outlets per language; no two outlets share a name (the store keys
    an outlet's recurring lines by its name)."""
    cities = ("Harbour", "Valley", "Northern", "Capital", "Lakeside", "Metro", "Coastal",
              "Eastern", "Riverside", "Highland", "Southern", "Western")
    names = rng.sample([(city, word) for city in cities for word in _OUTLET_WORDS],
                       3 * len(languages))
    return {
        language: [(f"The {city} {word}", f"www.{city.lower()}{word.lower()}.example")
                   for city, word in names[3 * index : 3 * index + 3]]
        for index, language in enumerate(languages)
    }


def _author(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"


def _slug(headline: str, number: int) -> str:
    words = re.findall(r"\w+", headline.lower())[:8]
    return "-".join(words or ["article"]) + f"-{number}"


class _Article:
    """One generated article, written out as a text dump or an HTML page."""

    def __init__(self, number: int, language: str, headline: str, body: tuple[str, ...],
                 related: str, published: datetime, outlet: tuple[str, str], author: str,
                 agency: str, rng: random.Random) -> None:
        self.number, self.language, self.headline, self.body = number, language, headline, body
        self.related, self.published, self.author, self.agency = related, published, author, agency
        self.site, self.host = outlet
        self.photo, self.read_also, self.by, self.sections = _CHROME.get(language, _CHROME["en"])
        self.section = rng.choice(self.sections)
        self.read_at = rng.randint(1, max(1, len(body) - 1))  # where the related link goes
        self.url = (f"https://{self.host}/{self.section.lower()}/{published:%Y/%m/%d}/"
                    f"{_slug(headline, number)}.html")

    def as_text(self) -> str:
        caption = f"{self.photo}: {self.agency}"
        lines = [self.headline, f"{self.published:%Y-%m-%d %H:%M:%S}", caption]
        for index, paragraph in enumerate(self.body):
            if index == self.read_at:
                lines.append(f"{self.read_also}: {self.related}")
            lines.append(paragraph)
        return "\n\n".join(lines) + "\n"

    def as_html(self) -> str:
        e = html.escape
        iso = self.published.isoformat() + "+00:00"
        lead = self.body[0][:155]
        nav = "".join(
            f'<li class="menu-item"><a href="/{s.lower()}/">{e(s)}</a><ul class="sub-menu">'
            + "".join(f'<li><a href="/{s.lower()}/{t}/">{t.title()}</a></li>'
                      for t in ("latest", "analysis", "opinion", "video", "photos", "live"))
            + "</ul></li>" for s in self.sections)
        paragraphs = []
        for index, paragraph in enumerate(self.body):
            if index == self.read_at:
                paragraphs.append(
                    f'<aside class="related-inline"><strong>{e(self.read_also)}:</strong> '
                    f'<a href="/{self.section.lower()}/related-{self.number}.html">'
                    f"{e(self.related)}</a></aside>")
            paragraphs.append(f"<p>{e(paragraph)}</p>")
        most_read = "".join(
            f'<li><a href="/{s.lower()}/top-{n}.html">{e(s)}: {n + 1}</a></li>'
            for n, s in enumerate(self.sections))
        ld = json.dumps({
            "@context": "https://schema.org", "@type": "NewsArticle", "headline": self.headline,
            "datePublished": iso, "dateModified": iso, "inLanguage": self.language,
            "author": [{"@type": "Person", "name": self.author}],
            "publisher": {"@type": "Organization", "name": self.site,
                          "logo": {"@type": "ImageObject",
                                   "url": f"https://{self.host}/static/logo.png"}},
            "mainEntityOfPage": self.url,
            "image": [f"https://{self.host}/img/{self.number}.jpg"],
        }, ensure_ascii=False).replace("</", "<\\/")
        return f"""<!DOCTYPE html>
<html lang="{self.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(self.headline)} | {e(self.site)}</title>
<meta name="description" content="{e(lead)}">
<meta property="og:site_name" content="{e(self.site)}">
<meta property="og:type" content="article">
<meta property="og:title" content="{e(self.headline)}">
<meta property="og:url" content="{self.url}">
<meta property="og:image" content="https://{self.host}/img/{self.number}.jpg">
<meta property="article:published_time" content="{iso}">
<meta property="article:section" content="{e(self.section)}">
<meta name="author" content="{e(self.author)}">
<link rel="canonical" href="{self.url}">
<link rel="stylesheet" href="/static/css/main.3f9a.css">
<style>.site-header{{display:flex;align-items:center}}.cookie-banner{{position:fixed;bottom:0}}
.article-body p{{line-height:1.6;margin:0 0 1em}}.share button{{border:0;background:none}}</style>
<script type="application/ld+json">{ld}</script>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"section":"{e(self.section)}",
"articleId":{self.number},"lang":"{self.language}"}});</script>
<script src="/static/js/app.8c21.js" defer></script>
</head>
<body class="article-page lang-{self.language}">
<div class="cookie-banner" role="dialog"><p>This website uses cookies to improve your experience.
<a href="/privacy/">Privacy policy</a></p><button type="button">Accept cookies</button></div>
<header class="site-header">
<a class="logo" href="/"><img src="/static/logo.svg" alt="{e(self.site)}"></a>
<nav class="main-nav" aria-label="Main"><ul class="menu">{nav}</ul></nav>
<form class="search" action="/search/"><input type="search" name="q"><button>Search</button></form>
</header>
<main id="content">
<nav class="breadcrumb"><a href="/">Home</a> › <a href="/{self.section.lower()}/">\
{e(self.section)}</a></nav>
<article class="story" itemscope itemtype="https://schema.org/NewsArticle">
<header class="story-header">
<p class="kicker"><a href="/{self.section.lower()}/">{e(self.section)}</a></p>
<h1 itemprop="headline">{e(self.headline)}</h1>
<p class="byline">{e(self.by)} <a rel="author" href="/authors/{self.author.lower().replace(" ", "-")}/">\
{e(self.author)}</a> · <time datetime="{iso}">{self.published:%d.%m.%Y %H:%M}</time></p>
</header>
<figure class="lead-image">
<img src="https://{self.host}/img/{self.number}.jpg" alt="" width="1200" height="675" loading="lazy">
<figcaption>{e(self.photo)}: {e(self.agency)}</figcaption>
</figure>
<div class="article-body" itemprop="articleBody">
{chr(10).join(paragraphs)}
</div>
<div class="share" aria-label="Share">
<button class="share-facebook">Share on Facebook</button>
<button class="share-twitter">Share on Twitter</button>
<button class="share-whatsapp">WhatsApp</button>
<a class="share-email" href="mailto:?subject={e(self.headline)}">Email</a>
<button class="print">Print</button>
</div>
<div class="tags"><a href="/tag/{self.section.lower()}/">{e(self.section)}</a></div>
</article>
<aside class="most-read"><h2>Most read</h2><ol>{most_read}</ol></aside>
<div class="newsletter"><p>Sign up for our newsletter</p><form><input type="email">\
<button>Subscribe</button></form></div>
</main>
<footer class="site-footer">
<nav class="footer-nav"><a href="/about/">About us</a> <a href="/contact/">Contact</a>
<a href="/privacy/">Privacy</a> <a href="/terms/">Terms of use</a> <a href="/rss/">RSS</a></nav>
<p>© 2024 {e(self.site)}. All rights reserved.</p>
</footer>
<script>document.querySelectorAll('.share button').forEach(function(b){{b.onclick=function(){{}}}});</script>
</body>
</html>
"""
