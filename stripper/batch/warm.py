"""Imported once in the fork server before any worker is forked: loads the language
model, stopword lists and date parser that `strip()` otherwise loads lazily on its
first page, so every worker starts warm (and shares those pages with its siblings)."""

from __future__ import annotations

import contextlib

import stripper

_SAMPLE = (
    "Home | News | Sport\n\n"
    "The council approved the new budget on Tuesday after a long debate, and the mayor\n"
    "said the plan would be published in full next week.\n\n"
    "Updated 12 January 2025 14:30 GMT\n"
)

with contextlib.suppress(Exception):  # warming is only an optimisation
    stripper.strip(_SAMPLE, kind="text")
