"""``newsweave serve``: a local web app and JSON API over a store, beside a writing process."""

from newsweave.serve.app import create_app

__all__ = ["create_app"]
