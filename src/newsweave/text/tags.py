"""Language tags as the rest of newsweave uses them: the primary subtag, lower case."""

from __future__ import annotations


def language_tag(value: str | None) -> str | None:
    """The primary language of a declared tag ("en-GB", "pt_BR", " DE " -> "en", "pt", "de"),
    at most three letters (ISO 639-1 or 639-3); None for nothing declared."""
    if not value:
        return None
    return value.strip().replace("_", "-").split("-")[0].lower()[:3] or None
