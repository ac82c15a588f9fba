"""Runs of short lines: a menu or a related-links list goes, the article's own lists stay."""

from __future__ import annotations

from newsweave.records import RawDocument
from newsweave.text.clean import clean_document

PROSE = ("The council voted on Tuesday to close the old bridge to lorries after engineers found "
         "cracks in two of its piers.")
MORE_PROSE = "Repairs are expected to take most of the summer, the council said in a statement."


def _clean(*lines: str):
    return clean_document(RawDocument(text="\n".join(lines), format="text"))


def _removed(cleaned) -> dict[str, str]:
    return {line.text: line.reason for line in cleaned.removed}


def test_a_menu_above_the_prose_is_a_link_list():
    cleaned = _clean("Home", "Politics", "Sport", "Weather", PROSE, MORE_PROSE)
    assert _removed(cleaned) == dict.fromkeys(["Home", "Politics", "Sport", "Weather"], "link list")
    assert cleaned.text == f"{PROSE}\n\n{MORE_PROSE}"


def test_related_links_below_the_prose_are_a_link_list():
    related = ["Bridge closures across the region", "Traffic plan for the summer",
               "Engineers warn about ageing piers"]
    cleaned = _clean(PROSE, MORE_PROSE, *related)
    assert set(_removed(cleaned)) == set(related)


def test_short_lines_between_paragraphs_are_the_articles_own():
    verse = ["Over the river", "under the rain", "the old bridge stands", "and waits again"]
    cleaned = _clean(PROSE, *verse, MORE_PROSE)
    assert not cleaned.removed
    assert all(line in cleaned.text for line in verse)


def test_table_rows_and_list_items_are_never_a_link_list():
    table = ["| Pier | Crack |", "| North | 12 cm |", "| South | 4 cm |"]
    items = ["- Lorries over 7.5 t", "- Buses on route 4", "- Tractors"]
    cleaned = _clean(PROSE, MORE_PROSE, *table, *items)
    assert not cleaned.removed
    assert all(line in cleaned.text for line in [*table, *items])
