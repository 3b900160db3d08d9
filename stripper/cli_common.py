"""What every command shares: the strip options and their checks, loading the rule
book, naming inputs in errors, one-line failures, and writing an output file."""

from __future__ import annotations

import contextlib
import difflib
import math
import os
import stat
import sys
import warnings
from collections.abc import Iterator
from typing import IO, NoReturn

import click

import stripper
from stripper.inputs import MAX_INPUT_BYTES, input_label, printable_name
from stripper.rules import RuleBook, RuleError, RuleSet, load_file, user_rule_dir

__all__ = ["MAX_INPUT_BYTES", "OutputError", "Size", "check_language", "error_reason", "fail",
           "input_label",
           "install_warning_format", "language_and_rule_options", "load_rule_book",
           "load_rule_sets", "max_size_option", "open_output", "warn"]

LANGUAGE_CODE = "a 2- or 3-letter ISO 639 code such as en, ar, ru or zh"


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on standard error, `stripper: …`, then exit: no traceback, no usage text."""
    with contextlib.suppress(OSError, ValueError):
        click.echo(f"stripper: {message}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        click.echo(f"stripper: warning: {message}", err=True)


def error_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    text = " ".join(str(message).split())
    label = "warning" if issubclass(category, RuntimeWarning) else category.__name__
    with contextlib.suppress(OSError, ValueError):
        click.echo(f"stripper: {label}: {text}", err=True)


def install_warning_format() -> None:
    """Warnings (a rule that timed out …) as one line on standard error, no source line."""
    warnings.showwarning = _one_line_warning


def _rule_error(exc: RuleError) -> NoReturn:
    source = getattr(exc, "source", None) or ""
    where = f" (in your rule folder {user_rule_dir()})" \
        if source and source.startswith(str(user_rule_dir())) else ""
    fail(f"{' '.join(str(exc).split())}{where}", 2)


def load_rule_sets(rule_files) -> list[RuleSet]:
    """`--rules` files parsed; a broken one: one line, exit status 2."""
    try:
        return [load_file(p) for p in rule_files]
    except RuleError as exc:
        _rule_error(exc)


def load_rule_book(rule_files=(), disabled=(), *, user: bool = True) -> RuleBook:
    """The rule book of a command: built-in rules, the user's folder, `--rules` files,
    minus `--disable-rule` ids. Every command loads rules here, once, so a broken rule
    file is reported the same way everywhere: one line, exit status 2. An id given to
    --disable-rule that no rule has gets a warning (a typo would otherwise pass)."""
    install_warning_format()  # rule timeouts and the like: one line each
    sets = load_rule_sets(rule_files)
    try:
        book = RuleBook.load(files=sets, disabled=disabled, user=user)
    except RuleError as exc:
        _rule_error(exc)
    for rule_id in sorted(book.unknown_disabled):
        close = difflib.get_close_matches(rule_id, sorted(book.ids), n=2)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `stripper rules list`"
        warn(f"--disable-rule {rule_id}: no rule has this id{hint}")
    return book


def check_language(ctx, param, value: str | None) -> str | None:
    """--lang: an ISO 639-1 (or -3) code, lower-cased; `arabic` or `en_US` are refused."""
    if value is None:
        return None
    code = value.strip().lower()
    if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha()):
        raise click.BadParameter(f"{value!r} is not {LANGUAGE_CODE}", ctx, param)
    return code


def language_and_rule_options(command):
    """--kind, --lang, --rules and --disable-rule, the same on every command."""
    options = [
        click.option("--kind", type=click.Choice(stripper.KINDS), default="auto",
                     show_default=True,
                     help="What the input is: a text dump, HTML, or tell them apart."),
        click.option("--lang", "language", metavar="CODE", callback=check_language,
                     help="The page's language as an ISO 639-1 code (en, ar, ru, zh …); "
                          "skips detection."),
        click.option("--rules", "rule_files", multiple=True,
                     type=click.Path(exists=True, dir_okay=False),
                     help="An extra TOML rule file, applied after the built-in rules "
                          "(repeatable)."),
        click.option("--disable-rule", "disabled", multiple=True, metavar="ID",
                     help="Switch a rule off by id (repeatable; an unknown id is warned "
                          "about)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2,
          "g": 1024**3, "gb": 1024**3}
MAX_SIZE_LIMIT = 1 << 40  # 1 TiB: larger "limits" are typos


class Size(click.ParamType):
    """500K, 20M, 1G or a number of bytes."""

    name = "SIZE"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value
        text = str(value).strip().lower()
        number = text.rstrip("kmgb")
        unit = text[len(number):]
        try:
            size = float(number) * _UNITS[unit]
        except (ValueError, KeyError):
            self.fail(f"{value!r} is not a size such as 500K, 20M or 1G", param, ctx)
        if not math.isfinite(size) or size > MAX_SIZE_LIMIT:
            self.fail(f"{value!r} is too large a size (at most 1024G)", param, ctx)
        if size < 1:
            self.fail("the size must be positive", param, ctx)
        return int(size)


def max_size_option(default: str):
    return click.option("--max-size", type=Size(), default=default, show_default=True,
                        help="Refuse larger inputs (after gunzip), e.g. 500K, 20M.")


class OutputError(OSError):
    """An output that cannot be written; str() is one line naming it."""


@contextlib.contextmanager
def open_output(path: str) -> Iterator[IO[str]]:
    """A UTF-8 text stream for `-o PATH` ("-": standard output).

    A regular file (or a new one) is written atomically: into a temporary file in the
    same folder, renamed over PATH only when everything was written, so a full disk or
    an error never leaves a truncated output. Anything else — a FIFO, a character
    device such as /dev/null, a terminal — is written into, never replaced.
    """
    if path == "-":
        with click.open_file("-", "w", encoding="utf-8") as out:
            yield out
        return
    label = printable_name(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{label}: cannot write: {error_reason(exc)}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{label}: cannot write: it is a folder")
    if st is not None and not stat.S_ISREG(st.st_mode):
        try:
            fh = open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise OutputError(f"{label}: cannot write: {error_reason(exc)}") from None
        try:
            yield fh
            fh.close()
        except OSError as exc:
            with contextlib.suppress(OSError):
                fh.close()
            raise OutputError(f"{label}: cannot write: {error_reason(exc)}") from None
        return
    folder, name = os.path.split(os.path.abspath(path))
    tmp = os.path.join(folder, f".{name}.stripper-tmp-{os.getpid()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise OutputError(f"{label}: cannot write: {error_reason(exc)}") from None
    fh = os.fdopen(fd, "w", encoding="utf-8")
    try:
        yield fh
        fh.close()
        if st is not None:
            with contextlib.suppress(OSError):
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            fh.close()
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"{label}: cannot write: {error_reason(exc)}; "
                              "nothing was written") from None
        raise
