"""The import contract of docs/architecture.md, checked on the module graph (``ast`` over the
source files, no import of the package): no import circles, lower stages never import higher
ones, no module over 400 lines. Function-level imports count (they are circles all the same,
only later); imports under ``if TYPE_CHECKING:`` do not (they never run)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "clinic_content"
SHIM_MARK = "compatibility shim"  # old documented import paths (docs/api.md): aliases, not code
MAX_LINES = 400

# package -> packages it must never import (the stages: core < source < text < ruleset <
# calendar < report < engine < cli, lsp). The report renders a finished Report and knows
# nothing of how it was computed; the engine's warm path writes pre-rendered fragments
# (engine/streamed.py), so the engine sits above the report.
FORBIDDEN = {
    "core": {"source", "text", "ruleset", "calendar", "engine", "report", "cli", "lsp"},
    "source": {"text", "ruleset", "calendar", "engine", "report", "cli", "lsp"},
    "text": {"ruleset", "calendar", "engine", "report", "cli", "lsp"},
    "ruleset": {"calendar", "engine", "report", "cli", "lsp"},
    "calendar": {"engine", "report", "cli", "lsp"},
    "report": {"engine", "cli", "lsp"},
    "engine": {"cli", "lsp"},
}

# Modules still over MAX_LINES: split them and take them off. The test fails when one of them
# is short enough, so the list only ever shrinks.
LONG_MODULES: set[str] = set()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    found = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: path for name, path in found.items() if SHIM_MARK not in path.read_text(encoding="utf-8")}


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST) -> list[ast.ImportFrom | ast.Import]:
    found: list[ast.ImportFrom | ast.Import] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child.test):
                for statement in child.orelse:
                    visit_one(statement)
            else:
                visit_one(child)

    def visit_one(node: ast.AST) -> None:
        if isinstance(node, (ast.ImportFrom, ast.Import)):
            found.append(node)
        visit(node)

    visit(tree)
    return found


def graph() -> dict[str, set[str]]:
    """module -> the package modules it imports (names relative to clinic_content; "" is the
    package itself)."""
    known = modules()
    edges: dict[str, set[str]] = {}
    for name, path in known.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                candidates = [a.name for a in node.names]
            elif node.level:
                base = package.split(".") if package else []
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                candidates = [f"{target}.{a.name}".lstrip(".") for a in node.names] + [target]
            else:
                candidates = [f"{node.module}.{a.name}" for a in node.names] + [node.module or ""]
            for candidate in candidates:
                candidate = candidate.removeprefix("clinic_content.").removeprefix("clinic_content")
                if candidate in known and candidate != name:
                    targets.add(candidate)
                    break
        edges[name] = targets
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_no_import_cycles() -> None:
    found = cycles(graph())
    assert not found, "import circles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_lower_stages_never_import_higher_ones() -> None:
    broken = [
        f"{module} -> {target}"
        for module, targets in graph().items()
        for target in targets
        if target.split(".")[0] in FORBIDDEN.get(module.split(".")[0], set())
    ]
    assert not broken, "imports against the stages (docs/architecture.md):\n" + "\n".join(broken)


def test_no_flat_modules_besides_the_entry_points() -> None:
    """A new module goes into the package of its stage (docs/architecture.md)."""
    flat = sorted(name for name in modules() if "." not in name and name not in ("", "__main__")
                  and not (PACKAGE / name).is_dir())
    assert flat == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_size(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    if name in LONG_MODULES:
        assert lines > MAX_LINES, f"{name} has {lines} lines now: take it off LONG_MODULES"
    else:
        assert lines <= MAX_LINES, f"{name} has {lines} lines (at most {MAX_LINES}): split it by theme"


def test_the_graph_sees_imports() -> None:
    """Guards the test itself: a graph that saw nothing would pass every contract."""
    edges = graph()
    assert "core.diagnostics" in edges["ruleset.rule"]
    assert len(edges) > 60 and sum(map(len, edges.values())) > 200


def test_architecture_doc_names_every_package() -> None:
    """docs/architecture.md matches the tree: each package appears in its table."""
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    packages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert [name for name in packages if f"`{name}/`" not in doc] == []
