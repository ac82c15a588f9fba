"""Who said what: direct and indirect quotes with their speakers, in many languages.

    from newsweave.quotes import find_quotes, quotes_for_document
    for quote in find_quotes(article):
        print(quote.kind, quote.speaker, article.text[slice(*quote.content)])

``find_quotes`` works on a cleaned ``Article`` (offsets into ``Article.text``);
``quotes_for_document`` implements the ``newsweave quotes`` JSON-lines contract on a raw text.
"""

from __future__ import annotations

from newsweave.quotes.command import quote_json, quotes_for_document, run_lines
from newsweave.quotes.extract import Quote, find_quotes_in_text
from newsweave.records import Article

__all__ = ["Quote", "find_quotes", "find_quotes_in_text", "quote_json", "quotes_for_document",
           "run_lines"]


def find_quotes(article: Article) -> list[Quote]:
    """Every direct and indirect quote of an article, with its speaker.

    Args:
        article: a cleaned article (``build_article``); its ``language`` picks the word lists.

    Returns:
        Quotes in text order; spans are character ranges of ``article.text``, end exclusive.

    Example:
        >>> from newsweave.records import Article
        >>> article = Article(id="a", text='"Prices will fall," the minister said.', format="text",
        ...                   language="en")
        >>> [q.kind for q in find_quotes(article)]
        ['direct']
    """
    return find_quotes_in_text(article.text, article.language)
