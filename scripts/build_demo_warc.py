"""Build the demo corpus WARC file from the editable sources in scripts/demo_warc_src/.

    .venv/bin/python scripts/build_demo_warc.py

Writes src/newsweave/demo/corpus/warc/crawl.warc.gz. The output is byte-for-byte
deterministic: every WARC-Date is fixed, every WARC-Record-ID is a uuid5 of the record
type and URL, and the gzip members carry no timestamp. All page text is invented.

Records, in order: a warcinfo record, a robots.txt response (text/plain, must be
skipped by readers), a GET request record (must be skipped), then the HTML response of
each article page.
"""

from __future__ import annotations

import argparse
import uuid
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "scripts" / "demo_warc_src"
OUTPUT = ROOT / "src" / "newsweave" / "demo" / "corpus" / "warc" / "crawl.warc.gz"

LEDGER_URL = "https://coastalledger.example/2025/03/14/tanker-fire-after-collision-shuts-port-vellara/"
PHARE_URL = ("https://lepharedulittoral.example/international/2025/03/14/"
             "collision-incendie-navire-citerne-port-vellara")

# (record type, target URL, source file, Content-Type, WARC-Date, HTTP Date header)
RECORDS = [
    ("response", "https://coastalledger.example/robots.txt", "robots.txt",
     "text/plain; charset=utf-8", "2025-03-14T16:00:01Z", "Fri, 14 Mar 2025 16:00:01 GMT"),
    ("request", LEDGER_URL, None, None, "2025-03-14T16:00:02Z", None),
    ("response", LEDGER_URL, "coastalledger-tanker-collision.html",
     "text/html; charset=utf-8", "2025-03-14T16:00:02Z", "Fri, 14 Mar 2025 16:00:02 GMT"),
    ("response", PHARE_URL, "lephare-collision-chenal.html",
     "text/html; charset=utf-8", "2025-03-14T16:00:05Z", "Fri, 14 Mar 2025 16:00:05 GMT"),
]

WARCINFO_DATE = "2025-03-14T16:00:00Z"
USER_AGENT = "newsweave-demo-crawler/0.1 (+https://newsweave.example/demo)"


def record_id(kind: str, url: str) -> str:
    """A stable record id: uuid5 of the record type and the URL."""
    return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + ' ' + url)}>"


def build(output: Path = OUTPUT) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        info = (
            b"software: newsweave scripts/build_demo_warc.py (warcio)\r\n"
            b"format: WARC File Format 1.0\r\n"
            b"description: newsweave demo crawl; all pages are invented\r\n"
        )
        writer.write_record(writer.create_warc_record(
            "", "warcinfo", payload=BytesIO(info), length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Record-ID": record_id("warcinfo", output.name),
                "WARC-Date": WARCINFO_DATE,
                "WARC-Filename": output.name,
            }))
        for kind, url, source, content_type, warc_date, http_date in RECORDS:
            headers = {"WARC-Record-ID": record_id(kind, url), "WARC-Date": warc_date}
            if kind == "request":
                headers["WARC-Concurrent-To"] = record_id("response", url)
                host, _, path = url.split("://", 1)[1].partition("/")
                http = StatusAndHeaders(f"GET /{path} HTTP/1.1", [
                    ("Host", host),
                    ("User-Agent", USER_AGENT),
                    ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
                    ("Accept-Language", "en,de;q=0.8,fr;q=0.7,sq;q=0.6"),
                ], is_http_request=True)
                record = writer.create_warc_record(url, "request", http_headers=http,
                                                   warc_headers_dict=headers)
            else:
                body = (SOURCES / source).read_bytes()
                http = StatusAndHeaders("200 OK", [
                    ("Date", http_date),
                    ("Server", "nginx"),
                    ("Content-Type", content_type),
                    ("Content-Length", str(len(body))),
                ], protocol="HTTP/1.1")
                record = writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                   length=len(body), http_headers=http,
                                                   warc_headers_dict=headers)
            writer.write_record(record)
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the .warc.gz")
    path = build(parser.parse_args().output)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
