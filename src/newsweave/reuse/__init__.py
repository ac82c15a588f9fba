"""Reuse between articles: copies, translations, partial reuse, and the origins behind them."""
