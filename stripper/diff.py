"""Render a Result as a diff: every block of the page, the removed ones marked and explained.

Pure functions of a `Result` (and, for the unified diff, the input lines) returning rich
renderables or strings; `cli_diff.py` decides where they go. Nothing here reads files,
looks at the terminal or at the environment: the `Console` they are printed on decides
the width, the colours (or none, with NO_COLOR) and the measuring of cells, which rich
does per character, so CJK double-width characters take two cells and right-to-left
text (kept in logical order, as the input has it) is wrapped, never truncated.

Layout of the main view (`DiffView`), one row per wrapped line:

    LINE M TEXT ...........................................  LABEL

LINE is the 1-based input line the block starts on (first row only); M is `-` on every
row of a removed block and blank on kept ones; LABEL, right-aligned and only on removed
blocks, is `category · reason` (the reason is `rule <id>` or the signal that decided).
Kept blocks use the whole width; removed ones wrap before the label column. Long runs of
removed blocks keep `context` blocks at each end and fold the middle into one line with
a count, unless `full`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.constrain import Constrain
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text

from stripper.model import Block, Category, Result

__all__ = [
    "CATEGORY_COLOURS",
    "MAX_VIEW_WIDTH",
    "MIN_SIDE_BY_SIDE",
    "DiffView",
    "Fold",
    "explain_table",
    "fold_blocks",
    "header",
    "input_lines",
    "label",
    "side_by_side",
    "stats_line",
    "summary_line",
    "unified",
    "view",
]

#: Colour of each category of removed blocks (rich colour names; downgraded by rich to
#: what the terminal has, dropped under NO_COLOR). Content is kept, so it has none.
CATEGORY_COLOURS: dict[Category, str] = {
    Category.CONTENT: "default",
    Category.TITLE: "bright_magenta",
    Category.DATELINE: "bright_magenta",
    Category.BYLINE: "bright_magenta",
    Category.NAVIGATION: "blue",
    Category.BREADCRUMB: "bright_blue",
    Category.COMMENT_FORM: "yellow",
    Category.COMMENTS: "bright_yellow",
    Category.FOOTER: "cyan",
    Category.COPYRIGHT: "bright_cyan",
    Category.RELATED_LIST: "magenta",
    Category.SHARE: "green",
    Category.TIMESTAMP: "bright_green",
    Category.COOKIE: "red",
    Category.ADS: "bright_red",
    Category.NEWSLETTER: "dark_orange",
    Category.LOGIN: "orchid",
    Category.DUPLICATE: "bright_black",
    Category.BOILERPLATE: "bright_black",
}

#: Columns below which `side_by_side` is not worth it (each side would be < 45 cells).
MIN_SIDE_BY_SIDE = 100
#: The main view is no wider than this, so that labels stay near the lines they explain.
MAX_VIEW_WIDTH = 120

REMOVED_MARK = "-"
SEPARATOR = " · "
_LABEL_MIN, _LABEL_SHARE = 20, 0.6  # labels wrap beyond 60 % of the room (20 cells at least)


def colour(category: Category) -> str:
    return CATEGORY_COLOURS.get(category, "bright_black")


def removed_style(category: Category) -> Style:
    """Removed text: dimmed, in its category's colour (just dimmed under NO_COLOR)."""
    return Style.parse(f"dim {colour(category)}")


def label_style(category: Category) -> Style:
    return Style.parse(f"italic {colour(category)}")


def label(block: Block) -> str:
    """`category · reason` for a removed block, e.g. `copyright · rule copyright.ar`."""
    reason = block.reason.strip() or "no reason given"
    return f"{block.category.value}{SEPARATOR}{reason}"


def lines_of(block: Block) -> int:
    """Input lines the block spans (at least one)."""
    return max(1, block.end - block.start)


# -- folding -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fold:
    """Removed blocks shown as one line: their count of input lines and categories."""

    blocks: tuple[Block, ...]

    @property
    def lines(self) -> int:
        return sum(lines_of(b) for b in self.blocks)

    @property
    def first_line(self) -> int:
        return self.blocks[0].start + 1

    @property
    def last_line(self) -> int:
        return self.blocks[-1].start + lines_of(self.blocks[-1])

    def categories(self) -> list[tuple[Category, int]]:
        counts: Counter[Category] = Counter()
        for b in self.blocks:
            counts[b.category] += lines_of(b)
        return counts.most_common()


def fold_blocks(
    blocks: Sequence[Block], *, full: bool = False, context: int = 2, min_fold: int = 3
) -> list[Block | Fold]:
    """The blocks in order, runs of removed ones folded in the middle.

    A run of consecutive removed blocks keeps `context` blocks at each end (those next to
    the article are where a wrong decision shows) and folds the rest into one `Fold` when
    at least `min_fold` blocks would be hidden. `full` folds nothing.
    """
    items: list[Block | Fold] = []
    run: list[Block] = []

    def flush() -> None:
        hidden = len(run) - 2 * context
        if full or hidden < min_fold:
            items.extend(run)
        else:
            items.extend(run[:context])
            items.append(Fold(tuple(run[context:len(run) - context])))
            if context:
                items.extend(run[-context:])
        run.clear()

    for block in blocks:
        if block.kept:
            flush()
            items.append(block)
        else:
            run.append(block)
    flush()
    return items


# -- summaries ---------------------------------------------------------------------------


def _category_counts(blocks: Iterable[Block]) -> list[tuple[Category, int]]:
    counts: Counter[Category] = Counter()
    for b in blocks:
        counts[b.category] += lines_of(b)
    return counts.most_common()


def _categories_text(counts: Iterable[tuple[Category, int]], sep: str = ", ") -> Text:
    text = Text()
    for i, (category, n) in enumerate(counts):
        if i:
            text.append(sep)
        text.append(f"{category.value} {n}", style=colour(category))
    return text


def header(result: Result, source: str | None = None) -> Rule:
    """A rule naming the input, its kind and language."""
    parts = [source or "<stdin>", result.kind]
    if result.metadata.language:
        parts.append(result.metadata.language)
    return Rule(Text(SEPARATOR.join(parts), style="bold"), style="bright_black")


def stats_line(result: Result) -> Text:
    """`kept 10 lines in 10 blocks · removed 96 lines in 58 blocks: timestamp 13, …`."""
    kept = [b for b in result.blocks if b.kept]
    removed = [b for b in result.blocks if not b.kept]
    text = Text()
    text.append(f"kept {sum(lines_of(b) for b in kept)} lines in {len(kept)} blocks", "bold")
    text.append(SEPARATOR)
    text.append(f"removed {sum(lines_of(b) for b in removed)} lines in {len(removed)} blocks")
    if removed:
        text.append(": ")
        text.append_text(_categories_text(_category_counts(removed)))
    if not kept:
        text.append(SEPARATOR)
        text.append("no article found", style="bold yellow")
    return text


def summary_line(result: Result, source: str, *, name_width: int = 0) -> Text:
    """One line per file for scanning a crawl: kept and removed lines, categories.

    `path  ar  kept  10 lines (8%)  removed 116 lines: navigation 62, related-list 17, …`
    """
    kept = sum(lines_of(b) for b in result.blocks if b.kept)
    removed_blocks = [b for b in result.blocks if not b.kept]
    removed = sum(lines_of(b) for b in removed_blocks)
    total = kept + removed
    share = f"{round(100 * kept / total)}%" if total else "-"
    text = Text(no_wrap=False)
    text.append(source, style="bold")
    text.append(" " * max(1, name_width - Text(source).cell_len + 1))
    text.append(f"{result.metadata.language or '??':<3}", style="bright_black")
    if kept:
        text.append(f"kept {kept:>4} lines ({share:>4})")
    else:
        text.append(f"{'no article':<22}", style="bold yellow")
    text.append(f"  removed {removed:>4} lines")
    if removed_blocks:
        text.append(": ")
        text.append_text(_categories_text(_category_counts(removed_blocks)))
    return text


# -- the main view -----------------------------------------------------------------------


class DiffView:
    """Every block of `result` in order; removed ones dimmed, coloured and labelled."""

    def __init__(self, result: Result, *, full: bool = False, context: int = 2) -> None:
        self.result = result
        self.items = fold_blocks(result.blocks, full=full, context=context)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        last = max((b.end for b in self.result.blocks), default=1)
        number_width = len(str(last))
        gutter = number_width + 3  # "123 - "
        room = width - gutter - 2
        label_width = max(1, min(max(_LABEL_MIN, int(room * _LABEL_SHARE)), room - 10))
        previous: Block | None = None
        for item in self.items:
            if isinstance(item, Fold):
                yield from self._fold(console, item, width, number_width)
                previous = None
                continue
            block = item
            if previous is not None and (block.kept or previous.kept) and (
                block.start > previous.end or self.result.kind == "html"
            ):
                yield Text("")  # a paragraph break (HTML blocks are paragraphs)
            yield from self._block(console, block, width, number_width, label_width)
            previous = block

    def _block(
        self, console: Console, block: Block, width: int, number_width: int, label_width: int
    ) -> Iterator[Text]:
        gutter = number_width + 3
        side: list[Text] = []
        if not block.kept:
            side.append(Text(label(block), style=label_style(block.category)))
        if block.path:
            side.append(Text(block.path, style="dim italic"))
        if side:  # as wide as this block's label needs: whole if it fits beside the text
            needed = max(p.cell_len for p in side)
            fits = Text(block.text).cell_len + needed <= width - gutter - 2
            label_width = needed if fits else min(label_width, needed)
        text_width = max(1, width - gutter - (label_width + 2 if side else 0))
        style = Style() if block.kept else removed_style(block.category)
        body = Text(block.text or " ", style=style, justify="left", overflow="fold")
        rows = list(body.wrap(console, text_width, justify="left", overflow="fold"))
        side_rows: list[Text] = []
        for part in side:
            side_rows.extend(part.wrap(console, label_width, justify="left", overflow="fold"))
        mark = " " if block.kept else REMOVED_MARK
        mark_style = "bright_black" if block.kept else colour(block.category)
        for i in range(max(len(rows), len(side_rows))):
            line = Text(no_wrap=True, overflow="ignore", end="\n")
            number = str(block.start + 1) if i == 0 else ""
            line.append(f"{number:>{number_width}} ", style="bright_black")
            line.append(mark, style=mark_style)
            line.append(" ")
            row = rows[i] if i < len(rows) else Text("")
            row.rstrip()
            if i < len(side_rows):
                row.pad_right(text_width - row.cell_len + 2)
                side_row = side_rows[i]
                side_row.rstrip()
                side_row.pad_left(label_width - side_row.cell_len)
                line.append_text(row)
                line.append_text(side_row)
            else:
                line.append_text(row)
            yield line

    def _fold(
        self, console: Console, fold: Fold, width: int, number_width: int
    ) -> Iterator[Text]:
        gutter = number_width + 3
        body = Text(style="bright_black")
        body.append(f"{fold.lines} removed lines folded ({fold.first_line}–{fold.last_line}): ")
        body.append_text(_categories_text(fold.categories()))
        body.append(" · --full shows them")
        for i, row in enumerate(body.wrap(console, max(1, width - gutter), overflow="fold")):
            line = Text(no_wrap=True, overflow="ignore", end="\n")
            line.append(" " * number_width + " ")
            line.append("┄" if i == 0 else " ", style="bright_black")
            line.append(" ")
            row.rstrip()
            line.append_text(row)
            yield line


def view(
    result: Result, source: str | None = None, *, full: bool = False, explain: bool = False
) -> Constrain:
    """Header, counts, the blocks and (with `explain`) the table of what fired."""
    parts = [header(result, source), stats_line(result), Text(""), DiffView(result, full=full)]
    if explain:
        parts += [Text(""), explain_table(result)]
    # On a very wide terminal the labels would sit far from short lines and paragraphs
    # would be hard to read: the view stops at MAX_VIEW_WIDTH columns.
    return Constrain(Group(*parts), width=MAX_VIEW_WIDTH)


# -- side by side ------------------------------------------------------------------------


def side_by_side(result: Result, source: str | None = None, *, full: bool = False) -> Group:
    """Input on the left, clean text on the right; a removed block's right cell is its label.

    Needs `MIN_SIDE_BY_SIDE` columns to be readable; the caller checks the width.
    """
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("line", justify="right", style="bright_black", no_wrap=True)
    table.add_column("input", ratio=1, overflow="fold")
    table.add_column("clean text", ratio=1, overflow="fold")
    for item in fold_blocks(result.blocks, full=full):
        if isinstance(item, Fold):
            summary = Text(f"{item.lines} removed lines folded: ", style="bright_black")
            summary.append_text(_categories_text(item.categories()))
            table.add_row("┄", summary, Text(""))
            continue
        block = item
        left = Text(block.text, style=Style() if block.kept else removed_style(block.category))
        if block.kept:
            right = Text(block.text)
        else:
            right = Text(f"{REMOVED_MARK} {label(block)}", style=label_style(block.category))
        if block.path:
            right.append(f"\n{block.path}", style="dim italic")
        table.add_row(str(block.start + 1), left, right)
    return Group(header(result, source), stats_line(result), Text(""), table)


# -- explain -----------------------------------------------------------------------------


def explain_table(result: Result) -> Table:
    """Rules and signals that removed blocks: counts and the first line each removed."""
    groups: dict[tuple[str, Category], list[Block]] = {}
    for block in result.blocks:
        if not block.kept:
            reason = block.reason.strip() or "no reason given"
            groups.setdefault((reason, block.category), []).append(block)
    order = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[1][0].index))
    table = Table(title="What removed what", box=box.SIMPLE_HEAD, title_justify="left",
                  title_style="bold", pad_edge=False, show_edge=False)
    longest = max((len(reason) for reason, _ in groups), default=0)
    table.add_column("rule or signal", overflow="fold", min_width=min(longest, 24))
    table.add_column("category", overflow="fold")
    table.add_column("blocks", justify="right", no_wrap=True)
    table.add_column("first removed", overflow="fold", ratio=1)
    for (reason, category), blocks in order:
        first = blocks[0]
        first_line = (first.source_lines[0].strip() if first.source_lines else "") or first.text
        example = Text(f"{first.start + 1}: ", style="bright_black")
        example.append(first_line, style=removed_style(category))
        table.add_row(
            Text(reason, style=label_style(category)),
            Text(category.value, style=colour(category)),
            str(len(blocks)),
            example,
        )
    if not groups:
        table.add_row("nothing was removed", "", "", "")
    return table


# -- page structure (HTML) --------------------------------------------------------------

STRUCTURE_MIN_SHARE = 0.02  # elements holding less of the page's text are not listed
STRUCTURE_MAX_ROWS = 60


@dataclass
class _Node:
    """An element of the page, with the text of the blocks inside it."""

    name: str
    depth: int
    kept: int = 0
    removed: int = 0
    blocks: int = 0
    in_article: int = 0
    reasons: Counter = None  # type: ignore[assignment]
    children: dict = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        self.reasons = Counter()
        self.children = {}


def structure_tree(result: Result) -> _Node:
    """The page's elements as a tree built from its blocks' element paths, each node
    counting the characters kept and removed below it and why they went."""
    root = _Node("page", 0)
    for block in result.blocks:
        path = block.path
        if not path:
            continue
        size = len(block.text)
        node = root
        for depth, part in enumerate(path.split("/")[:-1], 1):
            node = node.children.setdefault(part, _Node(part, depth))
            node.blocks += 1
            node.in_article += bool(getattr(block, "in_article", False))
            if block.kept:
                node.kept += size
            else:
                node.removed += size
                node.reasons[f"{block.category.value} · {block.reason}"] += size
        root.kept += size if block.kept else 0
        root.removed += 0 if block.kept else size
    return root


def structure_table(result: Result) -> Table:
    """The page's structure for debugging an HTML page: the elements holding a fair
    share of its text, nested, with the characters kept and removed in each, whether
    the article's container is among them, and what removed most there. Chains of
    elements holding the same text are folded into one row (`div/div/section`)."""
    root = structure_tree(result)
    total = max(1, root.kept + root.removed)
    table = Table(title="Page structure", box=box.SIMPLE_HEAD, title_justify="left",
                  title_style="bold", pad_edge=False, show_edge=False)
    table.add_column("element", overflow="fold", ratio=2)
    table.add_column("kept", justify="right", no_wrap=True)
    table.add_column("removed", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)  # the article's container
    table.add_column("removed most by", overflow="fold", ratio=2)
    rows = 0
    stack = [(child, "") for child in reversed(list(root.children.values()))]
    while stack and rows < STRUCTURE_MAX_ROWS:
        node, prefix = stack.pop()
        name = prefix + node.name
        while len(node.children) == 1:  # fold a chain holding the same text
            (child,) = node.children.values()
            if child.kept + child.removed != node.kept + node.removed:
                break
            node, name = child, f"{name}/{child.name}"
        if (node.kept + node.removed) / total < STRUCTURE_MIN_SHARE:
            continue
        article = "article" if node.blocks and node.in_article == node.blocks else ""
        top = node.reasons.most_common(1)
        why = Text(top[0][0], style="bright_black") if top and node.removed else Text("")
        indent = "  " * (node.depth - 1)
        table.add_row(Text(indent + name), f"{node.kept:,}", f"{node.removed:,}",
                      Text(article, style="bold green"), why)
        rows += 1
        if article:
            continue  # inside the article's container: its paragraphs are in the view
        stack.extend((child, "") for child in reversed(list(node.children.values())))
    if not rows:
        table.add_row("no element paths (a text dump?)", "", "", "", "")
    return table


# -- unified diff ------------------------------------------------------------------------


def input_lines(result: Result) -> list[str]:
    """The input as the blocks saw it: each block's own lines, blank lines in the gaps.

    For a text dump this is the input itself (blank-only lines come back empty); for HTML
    it is the visible text the blocks were made from.
    """
    lines: list[str] = []
    for block in result.blocks:
        lines.extend("" for _ in range(block.start - len(lines)))
        lines.extend(block.source_lines or block.text.splitlines() or [""])
        lines.extend("" for _ in range(block.end - len(lines)))
    return lines


def unified(
    result: Result,
    original: Sequence[str] | None = None,
    *,
    source: str | None = None,
    context: int = 3,
) -> str:
    """A classic unified diff from the input (`original` lines, or `input_lines`) to the
    clean text. Plain text, ending in a newline when not empty; empty when nothing changed.
    """
    before = list(original) if original is not None else input_lines(result)
    after = result.text.splitlines()
    name = source or "<stdin>"
    diff = difflib.unified_diff(
        before, after, fromfile=name, tofile=f"{name} (clean)", n=context, lineterm=""
    )
    out = "\n".join(diff)
    return out + "\n" if out else ""
