"""One manifest row: what happened to one input of a batch run, and the run's settings.

`PageRecord` is made by the walker (a refused input), the worker (a cleaned page), the
pool (a timeout, a crash) and the resume check (a skipped page), and written as one
line of `OUT/_manifest.jsonl`. Its `status` is set last, from what really happened:
an output that could not be written is `failed`, whatever the page was.

`Settings` are what an output depends on besides its input: the stripper version, the
rule book's digest and the options that change output. A page is up to date only
when its previous record was made with the same settings (`digest`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields

STATUSES = ("done", "empty", "skipped", "failed")


@dataclass(slots=True)
class PageRecord:
    path: str  # relative to the source (printable: bytes that are not UTF-8 as \xNN)
    output: str | None = None  # relative to OUT; None in --jsonl mode or when refused
    status: str = "failed"
    reason: str | None = None
    input_bytes: int | None = None
    output_bytes: int | None = None
    language: str | None = None
    words: int | None = None
    kind: str | None = None
    removed: dict[str, int] = field(default_factory=dict)
    settings: str | None = None  # Settings.digest of the run that made the output
    # not in the manifest:
    line: str | None = None  # --jsonl: the page's JSON line, for the parent to append
    rss: int = 0  # the worker's peak memory so far

    def failed(self, reason: str) -> PageRecord:
        self.status, self.reason, self.settings = "failed", reason, None
        return self

    def to_json(self) -> str:
        data = {f.name: getattr(self, f.name) for f in _MANIFEST_FIELDS}
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict) -> PageRecord:
        names = {f.name for f in _MANIFEST_FIELDS}
        return cls(**{k: v for k, v in data.items() if k in names})


_MANIFEST_FIELDS = tuple(f for f in fields(PageRecord) if f.name not in ("line", "rss"))


@dataclass(frozen=True, slots=True)
class Settings:
    stripper: str  # version
    rules: str  # RuleBook.digest: every loaded rule and the disabled ids
    kind: str
    language: str | None
    format: str  # text, json, markdown, or jsonl for --jsonl
    rule_files: tuple[str, ...] = ()  # for people; their content is in `rules`
    disabled: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        key = {k: v for k, v in asdict(self).items() if k not in ("rule_files", "disabled")}
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]

    def to_dict(self) -> dict:
        return {**asdict(self), "digest": self.digest}
