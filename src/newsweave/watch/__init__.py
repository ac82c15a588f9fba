"""Watching feeds all day: a feeds registry in the store, a polling schedule, a polite HTTP
client, and the loop that stores each batch and analyses it (``newsweave watch``)."""

from newsweave.watch.feeds import all_feeds, feed_json
from newsweave.watch.http import PoliteClient
from newsweave.watch.loop import Event, Watcher, WatchOptions, WatchSummary
from newsweave.watch.sources import Source, SourceError, read_sources

__all__ = ["Event", "PoliteClient", "Source", "SourceError", "WatchOptions", "WatchSummary",
           "Watcher", "all_feeds", "feed_json", "read_sources"]
