"""Alerts: rules over each analysed batch, each firing once, as a JSON line in a file.

A rules file (TOML)::

    file = "alerts.jsonl"          # where firings go (relative to the rules file); this default
    webhook = "https://hooks.example/news"   # optional: each firing POSTed there as JSON

    [[alert]]
    name = "ferries"
    phrase = "evening ferries"     # a word or phrase in an article's title or text

    [[alert]]
    name = "council"
    entity = "Vellmar Council"     # a person or organisation, by any name a story gives it

    [[alert]]
    name = "big story"
    origins = 3                    # a story reaching this many independent origins
    new_origins = true             # optional (phrase, entity, origins): then each new origin too

    [[alert]]
    name = "disputed"
    contradiction = true           # outlets of a story giving different numbers for one claim

A phrase fires once per article, an entity and an origins rule once per story, a contradiction
once per story and pair of cited sentences. With ``new_origins = true`` a rule also fires once
for each independent origin that joins a story it matched, after it matched: the origins the
story had then are recorded without firing (keys ``"<story> <origin>"``), and an origin counts
as seen when any of its articles' origin ids was recorded, so an origin whose earliest article
changes is not new; the seen origins of stories merged into it (``story_merges``) count too.
What fired is kept in the store (``alerts_fired``): a watch started again does not fire it
again. A webhook gets each firing as a JSON POST, tried three times with a growing pause
(1 s, 2 s) when it does not answer 2xx; what it never took is logged (the file has every firing).
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from newsweave.entities import ORG, PERSON
from newsweave.errors import NewsweaveError
from newsweave.readers.fetch import USER_AGENT
from newsweave.records import Article
from newsweave.store import Store
from newsweave.stories.brief import Cited, OutletDifference
from newsweave.stories.build import Story

log = logging.getLogger(__name__)
_KINDS = ("phrase", "entity", "origins", "contradiction")


class RulesError(NewsweaveError):
    """An alerts file that cannot be read as rules; the message says what to fix."""


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str  # phrase, entity, origins, contradiction
    value: str | int | bool
    new_origins: bool = False  # also fire for each origin joining a story this rule matched


@dataclass(frozen=True, slots=True)
class Firing:
    rule: str
    key: str  # the article (phrase), story (entity, origins), contradiction or new origin: once each
    data: dict
    announce: bool = True  # False: only recorded (the origins a story had when a rule matched it)


@dataclass(frozen=True, slots=True)
class Rules:
    rules: tuple[Rule, ...]
    file: Path
    webhook: str | None = None


def load_rules(path: str) -> Rules:
    """The rules of a TOML file.

    Raises:
        RulesError: unreadable TOML, an alert without a name, with none or several of phrase,
            entity, origins and contradiction, an unknown key, or two alerts of one name.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise RulesError(f"cannot read alerts file {path}: {error}") from error
    unknown = set(data) - {"file", "webhook", "alert"}
    if unknown:
        raise RulesError(f"{path}: unknown keys {sorted(unknown)} (use 'file', 'webhook' and "
                         "[[alert]] tables)")
    webhook = data.get("webhook")
    if webhook is not None and (not isinstance(webhook, str) or not webhook.startswith(("http://", "https://"))):
        raise RulesError(f"{path}: webhook is an http(s) URL")
    rules = tuple(_rule(entry, path, n) for n, entry in enumerate(data.get("alert", []), start=1))
    names = [rule.name for rule in rules]
    if len(set(names)) < len(names):
        raise RulesError(f"{path}: two alerts have one name; names must differ")
    return Rules(rules, Path(path).parent / str(data.get("file", "alerts.jsonl")), webhook)


def _rule(entry: object, path: str, number: int) -> Rule:
    where = f"{path}, alert {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
        raise RulesError(f"{where}: give each [[alert]] a name")
    unknown = set(entry) - {"name", "new_origins", *_KINDS}
    kinds = [kind for kind in _KINDS if kind in entry]
    if unknown or len(kinds) != 1:
        raise RulesError(f"{where}: give exactly one of phrase, entity, origins, contradiction"
                         + (f" (unknown: {sorted(unknown)})" if unknown else ""))
    kind, value = kinds[0], entry[kinds[0]]
    if kind == "origins" and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise RulesError(f"{where}: origins is a whole number, 1 or more")
    if kind == "contradiction" and value is not True:
        raise RulesError(f"{where}: write contradiction = true")
    if kind in ("phrase", "entity") and (not isinstance(value, str) or not value.strip()):
        raise RulesError(f"{where}: {kind} is a non-empty string")
    new_origins = entry.get("new_origins", False)
    if not isinstance(new_origins, bool) or (new_origins and kind == "contradiction"):
        raise RulesError(f"{where}: new_origins is true or false, on a phrase, entity or origins rule")
    return Rule(entry["name"], kind, value, new_origins)


def firings(rules: Sequence[Rule], articles: Sequence[Article], stories: Sequence[Story]) -> list[Firing]:
    """What the rules find in a batch's articles and the stories they are in."""
    found = []
    for rule in rules:
        if rule.kind == "phrase":
            found += [Firing(rule.name, a.id, {"article": a.id, "title": a.title, "url": a.url})
                      for a in articles if _says(a, str(rule.value))]
        elif rule.kind == "entity":
            found += [Firing(rule.name, s.id, {"story": s.id, "title": s.title})
                      for s in stories if _names(s, str(rule.value))]
        elif rule.kind == "origins":
            found += [Firing(rule.name, s.id, {"story": s.id, "title": s.title,
                                               "independent_origins": s.independent_origins})
                      for s in stories if s.independent_origins >= int(rule.value)]
        else:
            found += [_contradiction(rule.name, s, difference, pair) for s in stories
                      for difference in s.outlets for pair in difference.contradictions]
    return found


def _contradiction(rule: str, story: Story, difference: OutletDifference,
                   pair: tuple[Cited, Cited]) -> Firing:
    # Keyed by the sentences in a fixed order: the same pair seen from either article is one.
    key = " ".join([story.id, *sorted(f"{c.article}:{c.start}-{c.end}" for c in pair)])
    says, others_say = pair
    return Firing(rule, key, {"story": story.id, "title": story.title, "article": difference.article,
                              "source": difference.source, "says": says.text, "others_say": others_say.text,
                              "cited": [{"article": c.article, "start": c.start, "end": c.end}
                                        for c in pair]})


def origin_firings(store: Store, rules: Sequence[Rule], stories: Sequence[Story],
                   found: Sequence[Firing]) -> list[Firing]:
    """For each ``new_origins`` rule: the origins joining stories it matched before (announced)
    and the origins of stories it matches now or matched before (recorded, so they are not new
    later). ``found`` is what :func:`firings` found in this batch."""
    result = []
    for rule in (r for r in rules if r.new_origins):
        matched = {f.key for f in found if f.rule == rule.name}
        for story in stories:
            seen = _origins_seen(store, rule.name, story.id)
            if not seen and story.id not in matched and matched.isdisjoint(story.articles):
                continue  # never matched: nothing to follow
            for origin in story.origins:
                new = bool(seen) and seen.isdisjoint(f"o-{a}" for a in origin.articles)
                result.append(Firing(rule.name, f"{story.id} {origin.id}", {
                    "story": story.id, "title": story.title, "new_origin": origin.id,
                    "articles": list(origin.articles), "independent_origins": story.independent_origins},
                    announce=new))
    return result


def _origins_seen(store: Store, rule: str, story_id: str) -> set[str]:
    """Origin ids recorded for this rule under the story or any story merged into it."""
    ids, todo = {story_id}, [story_id]
    while todo:
        merged = store.connection.execute("SELECT old_id FROM story_merges WHERE into_id=?", (todo.pop(),))
        todo += [row[0] for row in merged if row[0] not in ids]
        ids.update(todo)
    seen = set()
    for sid in ids:
        rows = store.connection.execute("SELECT key FROM alerts_fired WHERE rule=? AND substr(key, 1, ?)=?",
                                        (rule, len(sid) + 1, f"{sid} "))
        seen.update(row[0][len(sid) + 1:] for row in rows)
    return seen


def _says(article: Article, phrase: str) -> bool:
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)"
    return re.search(pattern, f"{article.title or ''}\n{article.text}", re.IGNORECASE) is not None


def _names(story: Story, name: str) -> bool:
    wanted = " ".join(name.casefold().split())
    return any(wanted == " ".join(form.casefold().split())
               for entity in story.entities if entity.type in (PERSON, ORG)
               for form in (entity.name, *entity.surface_forms))


def fire(store: Store, rules: Rules, found: Sequence[Firing]) -> list[Firing]:
    """Record the firings not fired before and write those to announce; returns those. Each is
    written to the file (and synced) before the store's record of it commits: a crash in between
    may repeat one alert, never lose one."""
    with store.transaction():
        new = [f for f in found if store.connection.execute(
            "INSERT OR IGNORE INTO alerts_fired VALUES (?, ?, ?)", (f.rule, f.key, _now())).rowcount
            and f.announce]
        if new:
            _append(rules.file, new)
    return new


def _append(path: Path, firings: Sequence[Firing]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        for firing in firings:
            out.write(json.dumps({"alert": firing.rule, "fired_at": _now(), **firing.data},
                                 ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())


def post(webhook: str, firings: Sequence[Firing], *, tries: int = 3, pause: float = 1.0,
         transport: httpx.BaseTransport | None = None) -> list[str]:
    """POST each firing to the webhook as JSON, retrying with a doubling pause; returns what
    could not be delivered, one line each."""
    failed = []
    with httpx.Client(transport=transport, timeout=10.0, headers={"User-Agent": USER_AGENT}) as client:
        for firing in firings:
            problem = _deliver(client, webhook, {"alert": firing.rule, **firing.data}, tries, pause)
            if problem:
                log.warning("webhook %s did not take alert %s: %s", webhook, firing.rule, problem)
                failed.append(f"{firing.rule} {firing.key}: {problem}")
    return failed


def _deliver(client: httpx.Client, url: str, body: dict, tries: int, pause: float) -> str | None:
    problem = None
    for attempt in range(tries):
        if attempt:
            time.sleep(pause * 2 ** (attempt - 1))
        try:
            response = client.post(url, json=body)
        except httpx.HTTPError as error:
            problem = f"{type(error).__name__}: {error}"
            continue
        if response.is_success:
            return None
        problem = f"HTTP {response.status_code}"
    return problem


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
