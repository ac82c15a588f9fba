"""Entities: the people, organisations and places articles name, normalised across languages.

    from newsweave.entities import find_mentions, link_entities
    mentions = find_mentions(article)          # one article: spans, texts, types
    entities = link_entities(articles)         # a corpus: canonical names with all their forms

Method (see the modules): candidate runs of capitalised tokens (``tokens``), a small averaged
perceptron trained on WikiANN and CoNLL-2002 (``model``, ``features``; ``bench/train_ner.py``),
multilingual rules for titles, cue words and exonyms (``rules``, ``lexicon``), a gazetteer that
grows from the corpus (``gazetteer``), and name keys that join inflections, exonyms, acronyms
and first-name variants (``canonical``, ``linking``).
"""

from newsweave.entities.gazetteer import Gazetteer
from newsweave.entities.linking import Entity, link_entities
from newsweave.entities.mentions import ENTITY_TYPES, LOC, ORG, PERSON, Mention, find_mentions

__all__ = ["ENTITY_TYPES", "LOC", "ORG", "PERSON", "Entity", "Gazetteer", "Mention", "find_mentions",
           "link_entities"]
