"""Imported once in the fork server before any worker is forked: loads the language
model, stopword lists and date parser that `strip()` otherwise loads lazily on its
first page, so every worker starts warm (and shares those pages with its siblings)."""

from __future__ import annotations

import stripper

stripper.warm_up(full=True)
