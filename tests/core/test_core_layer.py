"""pipeline.core sits under every stage: it imports nothing of the pipeline but itself."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "pipeline" / "core"


def _imports(path: Path) -> list[str]:
    """Every module a file imports, with relative imports written as dots (``..config``)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_core_imports_nothing_of_the_pipeline():
    outside = {
        f"{path.name}: {name}"
        for path in sorted(CORE.glob("*.py"))
        for name in _imports(path)
        if name.startswith("pipeline") or name.startswith("..")
    }
    assert outside == set()


def test_core_import_check_sees_a_pipeline_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from ..config import Settings\nimport pipeline.errors\nfrom .tokens import Token\n")
    assert _imports(module) == ["..config", "pipeline.errors", ".tokens"]
