"""Vectors of articles: the embedding models (``embed``, ``e5``), lead vectors (``leads``) and
sentence vectors (``sentences``), each embedded once and kept in the store."""
