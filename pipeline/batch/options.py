"""What a batch is asked to do (:class:`BatchOptions`), what it did (:class:`BatchReport`), and the
fingerprint of everything an article's outputs depend on besides the article itself."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from ..config import Settings
from ..corpus import Fields
from ..errors import UsageError
from ..rows import RECORD_VERSION
from ..version import __version__

Format = Literal["json", "md", "txt", "html"]
FORMATS: tuple[Format, ...] = get_args(Format)
Engine = Literal["local", "ray"]  # local: a process pool on this machine; ray: Ray Data actors
ENGINES: tuple[Engine, ...] = get_args(Engine)


@dataclass(frozen=True)
class BatchOptions:
    in_dir: Path  # a folder, or one corpus file (.jsonl, .csv)
    out_dir: Path
    glob: str | None = None  # None: every file of discover.DEFAULT_SUFFIXES
    formats: tuple[Format, ...] = FORMATS
    workers: int = 1
    fail_fast: bool = False
    skip_duplicates: bool = False
    force: bool = False
    settings: Settings = field(default_factory=Settings)  # what each article's chain runs, models included
    engine: Engine = "local"
    ray_address: str | None = None
    fields: Fields = field(default_factory=Fields)  # which fields of a corpus record hold what
    excel: bool = False  # also write mtclean.xlsx

    def fingerprint(self, resources: str | None = None) -> str:
        """What the outputs depend on besides the input: the version, the settings, the formats, the
        corpus fields read, the tables' record shape, and ``resources``: the hash of the gazetteers and
        models the settings use (:func:`pipeline.resources.describe`; read here when not given)."""
        if resources is None:
            from ..resources import describe

            resources = describe(self.settings).hash
        data = {
            "version": __version__,
            "settings": self.settings.fingerprint(),
            "formats": sorted(self.formats),
            "fields": list(self.fields.__dict__.values()),
            "record": RECORD_VERSION,
            "resources": resources,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def parse_formats(text: str) -> tuple[Format, ...]:
    """``--formats``: a comma-separated list of formats, each known.

    >>> parse_formats("json, md")
    ('json', 'md')
    """
    by_name: dict[str, Format] = {f: f for f in FORMATS}
    chosen = [f.strip() for f in text.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in by_name]
    if unknown or not chosen:
        raise UsageError(f"unknown format {unknown[0] if unknown else text!r} (json, md, txt, html)")
    return tuple(by_name[f] for f in chosen)


@dataclass
class BatchReport:
    processed: int = 0
    skipped: int = 0
    failed: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    interrupted: bool = False  # stopped by Ctrl-C (or a signal) before every article was done
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input, why) of this run's failures, in order

    def fail(self, rel: str, error: str) -> None:
        self.failed += 1
        self.failures.append((rel, error))

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds else 0.0
