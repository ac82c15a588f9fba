"""Dates and datelines found in article text and metadata, normalised to ISO 8601."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan januar janvier enero gennaio janar января",
            "february feb februar février febrero febbraio shkurt февраля",
            "march mar märz mars marzo mars марта",
            "april apr avril abril aprile prill апреля",
            "may mai mayo maggio maj мая",
            "june jun juni juin junio giugno qershor июня",
            "july jul juli juillet julio luglio korrik июля",
            "august aug août agosto gusht августа",
            "september sep sept septembre septiembre settembre shtator сентября",
            "october oct oktober octobre octubre ottobre tetor октября",
            "november nov novembre noviembre nëntor ноября",
            "december dec dezember décembre diciembre dicembre dhjetor декабря",
        ),
        start=1,
    )
    for name in names.split()
}
_TIME = r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})" + _TIME)
_DOTTED = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})" + _TIME)
_MONTH_FIRST = re.compile(r"([A-Za-zéûäë]+)\.? (\d{1,2}),? (\d{4})")
_DAY_FIRST = re.compile(r"(\d{1,2})\.? ([A-Za-zéûäëА-Яа-я]+)\.? (\d{4})")
# A line that is nothing but a date, optionally with a label ("date", "Published:", "Datum:").
_LABEL = (r"(?:date|dated|published|updated|posted|datum|publié le|publicado|pubblicato|publikuar|"
          r"опубликовано)?\s*:?\s*")
DATE_LINE = re.compile(
    r"^\s*" + _LABEL + r"(\d{4}-\d{2}-\d{2}" + _TIME + r"|\d{1,2}[./]\d{1,2}[./]\d{4}" + _TIME
    + r"|[A-Za-zéûäë]+\.? \d{1,2},? \d{4}|\d{1,2}\.? [A-Za-zéûäëА-Яа-я]+\.? \d{4})\s*$",
    re.I,
)
# "date 2024-04-09 Chinese President ..." : a scraper glued the date in front of the first line.
DATE_PREFIX = re.compile(r"^\s*(?:date|dated|datum)\s*:?\s*(\d{4}-\d{2}-\d{2}" + _TIME + r")\s+", re.I)
# Wire datelines: "BEIJING —", "PORT VELLARA, March 14 (Kestrel Wire) —", "MOSCOW, April 9 (Reuters) -"
DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'’-]{1,40}?(?:,\s*[A-Z][a-zA-Z]+\.?\s+\d{1,2})?)\s*"
    r"(?:\(([^()]{2,40})\)\s*)?(?:—|–|--|-)\s+"
)


def normalise_date(value: object) -> str | None:
    """An ISO 8601 date or date-time for a date in any of the usual forms, else None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    for parse in (_parse_iso, _parse_rfc822, _parse_dotted, _parse_named):
        found = parse(text)
        if found:
            return found if _in_range(found) else None
    return None


def _in_range(stamp: str) -> bool:
    """False for a time that later stages cannot put in UTC: its zone takes it past the years
    datetime holds ("0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-23:59"), or it is no zone
    at all ("+99:99")."""
    try:
        moment = datetime.fromisoformat(stamp)
        moment.replace(tzinfo=None) - (moment.utcoffset() or timedelta(0))
    except (ValueError, OverflowError):
        return False
    return True


def split_dateline(line: str) -> tuple[str | None, str | None]:
    """The dateline place and the agency named in it, for a paragraph that opens with one."""
    match = DATELINE.match(line)
    if not match or len(match.group(1).split()) > 5:
        return None, None
    return match.group(1).strip(" ,"), (match.group(2) or None)


def _parse_iso(text: str) -> str | None:
    match = _ISO.search(text)
    return _assemble(*match.groups()) if match else None


def _parse_dotted(text: str) -> str | None:
    match = _DOTTED.search(text)
    if not match:
        return None
    day, month, year, *clock = match.groups()
    return _assemble(year, month, day, *clock)


def _parse_named(text: str) -> str | None:
    match = _MONTH_FIRST.search(text)
    if match and match.group(1).lower() in _MONTHS:
        month, day, year = match.groups()
        return _assemble(year, _MONTHS[month.lower()], day)
    match = _DAY_FIRST.search(text)
    if match and match.group(2).lower() in _MONTHS:
        day, month, year = match.groups()
        return _assemble(year, _MONTHS[month.lower()], day)
    return None


def _parse_rfc822(text: str) -> str | None:
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _assemble(year, month, day, hour=None, minute=None, second=None, zone=None) -> str | None:
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                          int(second or 0))
    except ValueError:
        return None
    if hour is None:
        return moment.date().isoformat()
    stamp = moment.isoformat()
    if zone:
        stamp += "+00:00" if zone == "Z" else zone[:3] + ":" + zone[-2:]
    return stamp
