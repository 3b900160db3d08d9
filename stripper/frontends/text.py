"""Text dumps: the dump's lines and re-joined paragraphs are the blocks; no priors."""

from __future__ import annotations

from stripper.metadata import describe
from stripper.model import Metadata, Segmented
from stripper.pipeline import BaseFrontEnd
from stripper.segment.text import segment_text


class TextFrontEnd(BaseFrontEnd):
    kind = "text"

    def segment(self, text: str) -> Segmented:
        _lines, blocks = segment_text(text)
        return Segmented(blocks=list(blocks))

    def describe(self, page: Segmented, *, language: str | None, url: str | None) -> Metadata:
        return describe(page.blocks, language=language, url=url)
