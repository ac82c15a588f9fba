"""The store: where articles, rejections and runs are kept (SQLite by default)."""

from newsweave.store.sqlite import DEFAULT_PATH, Store, default_path

__all__ = ["DEFAULT_PATH", "Store", "default_path"]
