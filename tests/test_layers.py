"""Imports only point down the stage order: a stage may use the stages before it, never one after it."""

from __future__ import annotations

import ast
from pathlib import Path

PIPELINE = Path(__file__).resolve().parent.parent / "pipeline"

#: the layers, lowest first; a module may import from its own layer and the layers below it
LAYERS = [
    {"lexicon", "schemas", "settings", "models", "tables", "store", "faults"},
    {"ingest"},
    {"segment", "corpus"},
    {"recognise"},
    {"normalise"},
    {"quotes"},
    {"copies"},
    {"report"},
    {"run", "__main__"},
    {"evaluation", "benchmark", "train_segmenter"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _top(path: Path) -> str:
    """The stage a file belongs to: its top-level package or module under pipeline/."""
    rel = path.relative_to(PIPELINE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(tree: ast.AST) -> set[str]:
    """The stages a module imports from."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "pipeline":
            parts = node.module.split(".")
            out.update([parts[1]] if len(parts) > 1 else [a.name for a in node.names])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("pipeline."))
    return out


def test_every_module_has_a_layer():
    unplaced = {_top(p) for p in PIPELINE.rglob("*.py") if p.name != "__init__.py" or p.parent != PIPELINE} - set(RANK)
    assert not unplaced, f"place these in LAYERS: {sorted(unplaced)}"


def test_imports_point_down():
    upward = []
    for path in sorted(PIPELINE.rglob("*.py")):
        if path.parent == PIPELINE and path.name == "__init__.py":
            continue
        own = _top(path)
        for dep in _imports(ast.parse(path.read_text())):
            if dep in RANK and RANK[dep] > RANK[own]:
                upward.append(f"{path.relative_to(PIPELINE.parent)} ({own}) imports {dep}")
    assert not upward, "\n".join(upward)


#: the size past which a module or a function is split (issue 12: the 3,287-line dates module and
#: the 257-line ``_segment`` were what made the code hard to change; these limits hold today)
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def test_modules_and_functions_stay_small():
    too_big = []
    for path in sorted(PIPELINE.rglob("*.py")):
        source = path.read_text()
        if source.count("\n") > MAX_MODULE_LINES:
            too_big.append(f"{path.relative_to(PIPELINE)}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    too_big.append(f"{path.relative_to(PIPELINE)}:{node.lineno} {node.name}: {n} lines")
    assert not too_big, "split these: " + "; ".join(too_big)
