"""A datatrove pipeline step: stripper between a reader and a writer.

    from datatrove.pipeline.readers import WarcReader
    from datatrove.pipeline.writers import JsonlWriter
    from stripper.datatrove import StripperExtractor

    pipeline = [WarcReader("crawl/"), StripperExtractor(), JsonlWriter("clean/")]

Each document's text (HTML from `WarcReader`, a WET or other text dump from
`WarcReader` on WET files or `JsonlReader`) is cleaned by `stripper.strip`, and
stripper's metadata goes into `document.metadata` (`METADATA_KEYS`): language,
title, published and updated dates, author, site name, words, the blocks removed by
category, the kind of input. Documents that come out empty are dropped, and datatrove's
stats count why (`dropped_blank_input`, `dropped_binary`, `dropped_too_large`,
`dropped_no_article`, and as for datatrove's own extractors `timeout`,
`broken_process`, `clean_error`).

It runs the way datatrove's Trafilatura step does (`BaseExtractor`'s sandbox): a child
process per task cleans the documents, one at a time, and is killed and replaced when
one takes longer than `timeout` (1 s, datatrove's default). The child's start-up
counts against that timeout, so stripper is imported and warmed up in the task's
process before the child is forked: the child starts warm.

Needs the `datatrove` extra (`pip install 'stripper[datatrove]'`).
"""

from __future__ import annotations

from collections.abc import Iterable

from datatrove.data import DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

DEFAULT_TIMEOUT = 1.0  # seconds per document, datatrove's default for its extractors
DEFAULT_MAX_CHARS = 10_000_000  # longer documents are dropped, not sent to the child
METADATA_KEYS = ("language", "title", "published", "updated", "author", "site_name", "words",
                 "removed", "kind")
_WARM_UP = (None, None, None)  # the sandbox's first call in its child: stripper.warm_up()


class StripperExtractor(BaseExtractor):
    """Clean each document's HTML or text dump with stripper; metadata into the document.

    Args:
        timeout: seconds one document may take (the child is then replaced).
        kind: "auto" (tell HTML from text dumps), "html" or "text".
        language: ISO 639-1 code to skip language detection.
        rules: extra rule files (paths) applied after the built-in ones.
        disable_rules: rule ids to switch off.
        metadata_key: None writes stripper's metadata as top-level keys of
            `document.metadata` (`METADATA_KEYS`; a key whose value is unknown is left
            out); a string nests them all under that key instead.
        max_chars: documents longer than this are dropped as too large.
    """

    name = "✂ stripper"
    _requires_dependencies = []

    def __init__(self, timeout: float = DEFAULT_TIMEOUT, *, kind: str = "auto",
                 language: str | None = None, rules: Iterable[str] = (),
                 disable_rules: Iterable[str] = (), metadata_key: str | None = None,
                 max_chars: int = DEFAULT_MAX_CHARS):
        super().__init__(timeout)
        self.kind = kind
        self.language = language
        self.rules = tuple(str(r) for r in rules)
        self.disable_rules = tuple(disable_rules)
        self.metadata_key = metadata_key
        self.max_chars = max_chars
        self._loaded_rules = None

    def extract(self, text: str) -> str:
        """The clean text alone (datatrove's extractor interface)."""
        return self.clean(text, self.kind, None)[0]

    def clean(self, text: str, kind: str, url: str | None) -> tuple[str, dict]:
        """(clean text, stripper's metadata) for one document; runs in the child."""
        import stripper

        if self._loaded_rules is None:
            self._loaded_rules = [stripper.rules.load_file(p) for p in self.rules]
        result = stripper.strip(text, kind=kind, url=url, rules=self._loaded_rules,
                                disable_rules=self.disable_rules, language=self.language)
        return result.text, describe(result)

    def _in_child(self, text: str, kind: str, url: str | None) -> tuple[str, dict] | Exception:
        """`clean`, its exception sent back rather than ending the child (the sandbox's
        child does not catch: a raise would kill it and cost a fork per bad page)."""
        try:
            if text is None:  # the sandbox's warm-up call, before its child says "ready"
                import stripper

                stripper.warm_up()  # instant when forked from the warm task process
                return None
            return self.clean(text, kind, url)
        except Exception as exc:
            return exc

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
            ) -> DocumentsPipeline:
        import stripper

        stripper.warm_up(full=True)  # in the task's process: its sandbox child forks warm
        from stripper.decode import binary_reason

        with ExtractorSandbox(timeout=self.timeout, warmup_text=_WARM_UP) as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                why = _refuse(doc.text, self.max_chars, binary_reason)
                if why:
                    self.stat_update(StatHints.dropped, f"dropped_{why}")
                    continue
                with self.track_time():
                    try:
                        text, meta = sandbox.process_document(
                            (doc.text, self.kind, doc.metadata.get("url")), self._in_child)
                    except TimeoutError:
                        self.stat_update("timeout")
                        logger.warning("⏰ Timeout while cleaning a document. Skipping it.")
                        continue
                    except EOFError:
                        self.stat_update("broken_process")
                        logger.warning("The cleaning process died; a new one takes over.")
                        continue
                    except Exception as exc:
                        self.stat_update("clean_error")
                        if not self._warned_error:
                            logger.warning(f'❌ Error "{exc}" while cleaning a document. '
                                           "Skipping it. This message appears once.")
                            self._warned_error = True
                        continue
                self.stat_update("extracted")
                if not text.strip():
                    self.stat_update(StatHints.dropped, "dropped_no_article")
                    continue
                doc.text = text
                if self.metadata_key:
                    doc.metadata[self.metadata_key] = meta
                else:
                    doc.metadata.update(meta)
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_loaded_rules"] = None  # parsed rules stay in the process that parsed them
        return state


def _refuse(text, max_chars: int, binary_reason) -> str | None:
    """Why a document is dropped before cleaning: nothing to clean, or not a page."""
    if not text or not text.strip():
        return "blank_input"
    if len(text) > max_chars:
        return "too_large"
    head = text[:4096]
    if "\x00" in head and binary_reason(head.encode("utf-8", "surrogatepass")):
        return "binary"
    return None


def describe(result) -> dict:
    """stripper's metadata as plain values for `document.metadata` (unknown ones left out)."""
    meta = result.metadata
    data = {
        "language": meta.language,
        "title": meta.title,
        "published": _date(meta.published),
        "updated": _date(meta.updated),
        "author": meta.author,
        "site_name": meta.site_name,
        "words": meta.words,
        "removed": dict(meta.removed) or _removed(result),
        "kind": result.kind,
    }
    return {k: v for k, v in data.items() if v is not None}


def _date(info) -> str | None:
    if info is None:
        return None
    return info.iso or info.text


def _removed(result) -> dict[str, int]:
    counts: dict[str, int] = {}
    for block in result.removed:
        counts[block.category.value] = counts.get(block.category.value, 0) + 1
    return counts
