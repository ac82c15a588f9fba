"""Exceptions raised by newsweave.

Bad *data* is never an exception: readers and stages return ``Rejection`` records instead, so a
run goes on and reports what it dropped. Exceptions are for misuse and for broken environments::

    NewsweaveError
    ├── ConfigError        bad settings or arguments (says how to fix them)
    └── StoreError         the store cannot be opened, or was written by a newer newsweave
        └── StoreFull      the disk under the store is full (what was stored before is kept)
"""


class NewsweaveError(Exception):
    """Base class of every error newsweave raises on purpose."""


class ConfigError(NewsweaveError, ValueError):
    """Settings or arguments that cannot work; the message says how to fix them."""


class StoreError(NewsweaveError):
    """The store cannot be opened or migrated."""


class StoreFull(StoreError):
    """A write failed because the disk under the store is full; the store is intact."""
