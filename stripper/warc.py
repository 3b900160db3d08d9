"""WARC and WET archives in: one small record per page, streamed, never fatal.

Crawls come as WARC files (`response` records: an HTTP response, headers and raw
body) and WET files (`conversion` records: the text a crawler rendered from a page).
`iter_records` walks one or more archives (gzipped per record, gzipped whole, or
plain; files or folders of them) with warcio and yields, in archive order, one
`ArchiveRecord` per page and one `SkippedRecord` (with the reason) per record that
is not a page: a PDF or image, an empty body, an HTTP error or redirect, a record
over the size limit, or a malformed or cut-off archive (its reading stops there;
the next archive is read on). Requests, warcinfo and metadata records are not
pages and are passed over without a word.

Decoding stays stripper's own (`decode_record`): the page's bytes and the charset
the HTTP header names, which counts when the page declares none.

Needs the `warc` extra (`pip install 'stripper[warc]'`).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from stripper.decode import binary_reason, decode, sniff_kind, widen
from stripper.html.decode import decode_html

ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wet", ".wet.gz", ".arc", ".arc.gz")
DEFAULT_MAX_SIZE = 50 * 1024 * 1024  # bytes of payload, as `stripper batch --max-size`
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xml+xhtml"})
TEXT_TYPES = frozenset({"text/plain"})
PAGE_RECORDS = frozenset({"response", "conversion", "resource"})
QUIET_RECORDS = frozenset({"request", "warcinfo", "metadata"})  # never pages: not reported


@dataclass(frozen=True, slots=True)
class ArchiveRecord:
    """One page from an archive: where it came from, and its undecoded payload."""

    archive: str  # the archive's path, as given
    index: int  # the record's position in its archive (0 for the first, warcinfo included)
    record_id: str  # WARC-Record-ID, e.g. <urn:uuid:...>
    uri: str | None  # WARC-Target-URI
    date: str | None  # WARC-Date (the crawl's, not the page's)
    payload: bytes  # the HTTP body (transfer and content encodings undone) or WET text
    charset: str | None  # the HTTP Content-Type charset, as a Python codec name
    kind: str  # "html" or "text"
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class SkippedRecord:
    """A record that is not a page, and why."""

    archive: str
    index: int
    record_id: str | None
    uri: str | None
    date: str | None
    reason: str
    size: int | None = None
    category: str = "not-a-page"  # or "empty", "too-large", "broken" (damaged or cut off)


def is_archive(path: str) -> bool:
    return path.lower().endswith(ARCHIVE_SUFFIXES)


def archive_paths(paths: Iterable[str]) -> Iterator[str]:
    """The archives among `paths`: files as given, folders walked (sorted, hidden skipped)."""
    for path in paths:
        if not os.path.isdir(path):
            yield path
            continue
        found: list[str] = []
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(os.path.join(folder, n) for n in names
                         if not n.startswith(".") and is_archive(n))
        yield from sorted(found)


def iter_records(paths: Iterable[str] | str, *, max_size: int = DEFAULT_MAX_SIZE
                 ) -> Iterator[ArchiveRecord | SkippedRecord]:
    """Every page record of every archive, in order; skipped ones with their reason."""
    if isinstance(paths, str):
        paths = [paths]
    for path in archive_paths(paths):
        yield from _read_archive(path, max_size)


def _read_archive(path: str, max_size: int) -> Iterator[ArchiveRecord | SkippedRecord]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    index = -1
    try:
        with open(path, "rb") as fh:
            arc = path.lower().endswith((".arc", ".arc.gz"))
            records = _parsed(ArchiveIterator(fh, arc2warc=arc))
            for index, record in enumerate(records):  # noqa: B007
                if not arc and record.format != "warc":  # warcio reads any 5 words as ARC
                    yield _broken(path, index, ValueError("not a WARC record"))
                    return
                item = _convert(record, path, index, max_size)
                if item is not None:
                    yield item
    except OSError as exc:
        if exc.errno is not None:  # the file itself: missing, unreadable
            yield SkippedRecord(path, max(index, 0), None, None, None,
                                f"unreadable archive: {(exc.strerror or str(exc)).lower()}",
                                category="broken")
            return
        yield _broken(path, index + 1, exc)
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError) as exc:
        yield _broken(path, index + 1, exc)


def _parsed(records: Iterator) -> Iterator:
    """warcio's records, with its own slips on malformed headers (a response without a
    target URI raises AttributeError inside warcio) turned into ValueError."""
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (AttributeError, TypeError, KeyError, IndexError) as exc:
            raise ValueError(f"malformed record headers ({type(exc).__name__}: {exc})") from exc
        yield record


def _broken(path: str, index: int, exc: Exception) -> SkippedRecord:
    return SkippedRecord(path, index, None, None, None,
                         f"malformed or truncated archive at record {index}: {_first_line(exc)}",
                         category="broken")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__


def _convert(record, path: str, index: int, max_size: int
             ) -> ArchiveRecord | SkippedRecord | None:
    rec_type = record.rec_type
    if rec_type in QUIET_RECORDS:
        return None
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID") or f"<{os.path.basename(path)}#{index}>"
    uri = headers.get_header("WARC-Target-URI")
    date = headers.get_header("WARC-Date")

    def skip(reason: str, size: int | None = None, category: str = "not-a-page"
             ) -> SkippedRecord:
        return SkippedRecord(path, index, record_id, uri, date, reason, size, category)

    if rec_type not in PAGE_RECORDS:
        return skip(f"{rec_type} record, not a page")
    content_type, charset = _content_type(record)
    if rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return skip(f"HTTP status {status}")
    if rec_type == "conversion":
        kind = "text"
    elif content_type in HTML_TYPES:
        kind = "html"
    elif content_type in TEXT_TYPES:
        kind = "text"
    elif content_type:
        return skip(f"not HTML ({content_type})")
    else:
        kind = None  # no type given: sniffed below
    try:
        payload = record.content_stream().read(max_size + 1)
    except (EOFError, zlib.error, ValueError) as exc:
        return skip(f"truncated or corrupt record: {_first_line(exc)}", category="broken")
    if len(payload) > max_size:
        return skip(f"too large: over {max_size:,} bytes (--max-size {max_size:,})",
                    category="too-large")
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:  # the archive ends (or its gzip member breaks off) inside the record
        return skip(f"truncated record: the archive ends {missing:,} bytes short of its end",
                    len(payload), "broken")
    if not payload.strip():
        return skip("empty payload", len(payload), "empty")
    if kind is None:
        why = binary_reason(payload)
        if why:
            return skip(why.replace("binary file", "binary payload"), len(payload))
        kind = sniff_kind(payload[:4096].decode("latin-1"))
    elif kind == "html" and payload.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return skip(f"binary payload labelled {content_type}", len(payload))
    return ArchiveRecord(path, index, record_id, uri, date, payload, charset, kind,
                         content_type)


def _content_type(record) -> tuple[str | None, str | None]:
    """(media type, codec) from the HTTP Content-Type, else the WARC headers' types."""
    raw = None
    if record.http_headers is not None:
        raw = record.http_headers.get_header("Content-Type")
    if not raw:
        raw = record.rec_headers.get_header("WARC-Identified-Payload-Type")
    if not raw and record.rec_type != "response":
        raw = record.rec_headers.get_header("Content-Type")
    if not raw:
        return None, None
    media, _, params = raw.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = _codec(value.strip().strip("\"'"))
    return media.strip().lower() or None, charset


def _codec(label: str) -> str | None:
    try:
        return widen(label)
    except LookupError:
        return None


def decode_record(record: ArchiveRecord) -> tuple[str, str | None]:
    """The record's text and the code page read: stripper's own decoders, the HTTP
    charset honoured when an HTML page declares none."""
    if record.kind == "html":
        return decode_html(record.payload, record.charset)
    if record.charset and record.kind == "text":
        text, name = decode(record.payload)
        if name == "utf-8" or record.charset == "utf-8":
            return text, name
        try:
            return record.payload.decode(record.charset), record.charset
        except UnicodeDecodeError:
            return text, name
    return decode(record.payload)


def strip_record(record: ArchiveRecord, **options):
    """`stripper.strip` on one record: decoded here, its target URI as the page's URL."""
    import stripper

    text, encoding = decode_record(record)
    result = stripper.strip(text, kind=record.kind, url=options.pop("url", None) or record.uri,
                            **options)
    result.encoding = encoding
    return result


def find_record(paths: Iterable[str] | str, wanted: str | None = None, *,
                max_size: int = DEFAULT_MAX_SIZE) -> ArchiveRecord:
    """The page record `wanted` names — its WARC-Record-ID (the `<urn:uuid:…>` wrapping
    optional) or its target URI — or, with None, the first page record. Raises
    LookupError saying why when there is none (or the named one is not a page)."""
    key = _bare_id(wanted) if wanted else None
    for item in iter_records(paths, max_size=max_size):
        if key is not None and key not in (_bare_id(item.record_id or ""), item.uri):
            continue
        if isinstance(item, ArchiveRecord):
            return item
        if key is not None or item.record_id is None:  # named, or the archive is broken
            raise LookupError(f"record {wanted}: {item.reason}" if key else item.reason)
    raise LookupError(f"no record {wanted} in the archive" if wanted
                      else "no page record in the archive")


def _bare_id(record_id: str) -> str:
    bare = record_id.strip().removeprefix("<").removesuffix(">")
    return bare.removeprefix("urn:uuid:")
