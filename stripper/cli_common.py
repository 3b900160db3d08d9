"""What every command shares: reading an input, naming it in errors, the strip options."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import stripper
from stripper.decode import binary_reason

MAX_INPUT_BYTES = 200 * 1024 * 1024


def read_input(name: str) -> bytes:
    """The bytes of FILE, or of standard input for "-"; clear errors for the rest,
    binary files (images, archives, executables) among them."""
    if name == "-":
        raw = getattr(sys.stdin, "buffer", sys.stdin).read()
    else:
        path = Path(name)
        if path.is_dir():
            raise IsADirectoryError(21, "is a directory")
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise ValueError(f"too large ({size:,} bytes; the limit is {MAX_INPUT_BYTES:,})")
        raw = path.read_bytes()
    reason = binary_reason(raw)
    if reason:
        raise ValueError(reason)
    return raw


def input_label(name: str) -> str:
    return "<stdin>" if name == "-" else name


def error_reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def language_and_rule_options(command):
    """--kind, --lang, --rules and --disable-rule, the same on every command."""
    options = [
        click.option("--kind", type=click.Choice(stripper.KINDS), default="auto",
                     show_default=True,
                     help="What the input is: a text dump, HTML, or tell them apart."),
        click.option("--lang", "language", metavar="CODE",
                     help="The page's language as an ISO 639-1 code; skips detection."),
        click.option("--rules", "rule_files", multiple=True,
                     type=click.Path(exists=True, dir_okay=False),
                     help="An extra TOML rule file, applied after the built-in rules "
                          "(repeatable)."),
        click.option("--disable-rule", "disabled", multiple=True, metavar="ID",
                     help="Switch a rule off by id (repeatable)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command
