"""The package reads like the pipeline: no import cycle, and no stage imports a later one.

Every module of the package is placed in a layer below; a module may import its own
layer and the layers before it. Imports under `if TYPE_CHECKING:` are types only and
do not count. A new module must be given a layer here (the test says so).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "stripper"

# In pipeline order. A name ending in "*" covers a package and everything in it.
LAYERS: list[list[str]] = [
    ["stripper.model", "stripper.scripts", "stripper.letters"],
    ["stripper.decode", "stripper.mojibake", "stripper.html.decode"],
    ["stripper.profiles*", "stripper.language"],
    ["stripper.rules*"],
    ["stripper.html", "stripper.html.guard", "stripper.html.parse", "stripper.html.structured",
     "stripper.html.hints", "stripper.html.reveal",
     "stripper.segment*"],
    ["stripper.features"],
    ["stripper.classify", "stripper.html.score"],
    ["stripper.forms"],
    ["stripper.select", "stripper.html.repair"],
    ["stripper.metadata*"],
    ["stripper.emit"],
    ["stripper.pipeline", "stripper.settle"],
    ["stripper.frontends*"],
    ["stripper"],  # the public API: strip(), warm_up()
    ["stripper.formats", "stripper.inputs", "stripper.diff", "stripper.learn*",
     "stripper.warc", "stripper.archive*", "stripper.datatrove"],
    ["stripper.batch*"],
    ["stripper.cli_common"],
    ["stripper.cli_archive"],
    ["stripper.cli_batch", "stripper.cli_diff", "stripper.cli_rules", "stripper.cli_learn"],
    ["stripper.cli"],
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(name: str) -> int | None:
    best: tuple[int, int] | None = None  # (specificity, layer)
    for n, layer in enumerate(LAYERS):
        for entry in layer:
            if entry.endswith("*"):
                root = entry[:-1]
                hit = name == root or name.startswith(root + ".")
                weight = len(root)
            else:
                hit, weight = name == entry, len(entry) + 1
            if hit and (best is None or weight > best[0]):
                best = (weight, n)
    return None if best is None else best[1]


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package's modules that `path` imports (at any depth but TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "stripper":
                    found.add(_nearest(alias.name, modules))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            if base.split(".")[0] == "stripper":
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found.add(full if full in modules else _nearest(base, modules))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(this)
    return found


def _nearest(name: str, modules: set[str]) -> str:
    while name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name


def graph() -> dict[str, set[str]]:
    files = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(f) for f in files}
    return {module_name(f): imports_of(f, modules) for f in files}


def test_every_module_has_a_layer():
    missing = sorted(m for m in graph() if layer_of(m) is None)
    assert not missing, f"give these modules a layer in tests/test_layers.py: {missing}"


def test_no_stage_imports_a_later_one():
    wrong = []
    for module, targets in graph().items():
        mine = layer_of(module)
        for target in targets:
            theirs = layer_of(target)
            if mine is not None and theirs is not None and theirs > mine:
                wrong.append(f"{module} (layer {mine}) imports {target} (layer {theirs})")
    assert not wrong, "\n".join(sorted(wrong))


def find_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Import cycles among modules, each as a path that ends where it starts; a
    package's `__init__` importing its own submodules is not counted."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []
    cycles: list[list[str]] = []

    def inside(child: str, parent: str) -> bool:
        return child.startswith(parent + ".")

    def walk(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if inside(nxt, node):  # a package loading its own parts
                continue
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            walk(node)
    return cycles


def test_no_import_cycle():
    cycles = find_cycles(graph())
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_cycles_are_found():
    edges = {"stripper.html": {"stripper.html.hints", "stripper.segment.html"},
             "stripper.html.hints": set(), "stripper.segment.html": {"stripper.html"}}
    assert find_cycles(edges) == [["stripper.html", "stripper.segment.html", "stripper.html"]]
    assert find_cycles({"a": {"a.b"}, "a.b": set()}) == []


@pytest.mark.parametrize("module, imported, ok", [
    ("stripper.select", "stripper.classify", True),
    ("stripper.classify", "stripper.select", False),
    ("stripper.segment.html", "stripper.html.hints", True),
    ("stripper.html.score", "stripper.classify", True),
    ("stripper.features", "stripper.metadata.dates", False),
])
def test_layers_order_stages(module, imported, ok):
    assert (layer_of(imported) <= layer_of(module)) is ok
