"""Per-article text work: cleaning page furniture, word lists, language identification and
sentence splitting (what the ingest runs on each article before it is stored)."""
