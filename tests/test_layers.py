"""The import structure, read from the code: no circle anywhere in pipeline/, every arrow points down the
layers of ARCHITECTURE.md, core imports nothing of the pipeline, config is a leaf.

Every import counts, those inside functions too (a lazy import is still a dependency)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"

# From the bottom up; a module may import its own layer and the layers below it.
LAYERS = (
    ("core", ("core",)),
    (
        "data",
        (
            "article",
            "edits",
            "config",
            "errors",
            "resources",
            "gazetteer",
            "safety",
            "dates",
            "timing",
            "cache",
            "rows",
            "version",
        ),
    ),
    (
        "stages",
        (
            "decode",
            "extract",
            "files",
            "corpus",
            "repair",
            "segment",
            "analyse",
            "nlp",
            "entities",
            "figures",
            "summary",
            "keypoints",
            "minilm",
            "abstractive",
            "render",
        ),
    ),
    ("chain", ("chain",)),
    ("orchestration", ("cli", "batch", "tables", "__init__", "__main__")),
)


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path, name: str) -> set[str]:
    """The pipeline modules ``path`` imports, resolved to module names (``from . import x`` to ``pkg.x``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "pipeline"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "pipeline":
                target = node.module
            else:
                continue
            out.add(target)
            out |= {f"{target}.{a.name}" for a in node.names}
    return out


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        found = _imports(path, name)
        # an imported name that is not a module (a function) stands for the module that holds it
        graph[name] = {m for m in found if m in modules and m != name}
        graph[name] |= {m.rsplit(".", 1)[0] for m in found if m not in modules and m.rsplit(".", 1)[0] in modules}
        graph[name].discard(name)
    return graph


def _layer(module: str) -> int:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else "__init__"
    for rank, (_, tops) in enumerate(LAYERS):
        if top in tops:
            return rank
    raise AssertionError(f"{module} is in no layer: add it to LAYERS and to ARCHITECTURE.md")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _is_package_init_of(module: str, imported: str) -> bool:
    """``pipeline.repair.loop`` importing ``pipeline.repair`` (its own package) is no arrow upwards."""
    return module.startswith(imported + ".")


def test_no_import_circle_in_the_package():
    graph = _graph()
    for name in graph:
        graph[name] = {m for m in graph[name] if not _is_package_init_of(name, m)}
    assert _cycles(graph) == []


def test_every_import_points_down_the_layers():
    up = []
    for module, imported in _graph().items():
        for target in imported:
            if _is_package_init_of(module, target):
                continue
            if _layer(target) > _layer(module):
                up.append(f"{module} -> {target}")
    assert up == []


def test_core_imports_nothing_of_the_pipeline_and_config_is_a_leaf():
    graph = _graph()
    core = {m: g for m, g in graph.items() if m.startswith("pipeline.core")}
    assert "pipeline.core.numbers" in core
    for module, imported in core.items():
        assert all(t.startswith("pipeline.core") for t in imported), (module, imported)
    assert graph["pipeline.config"] <= {"pipeline.errors"}


def test_the_reading_of_imports_finds_lazy_and_relative_ones():
    graph = _graph()
    assert "pipeline.repair.loop" in graph["pipeline.chain"]  # imported inside a stage function
    assert "pipeline.article" in graph["pipeline.edits"]  # from .article import ...
