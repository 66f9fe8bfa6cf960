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
    """How one article is cleaned. Immutable; use :meth:`with_` to derive."""

    lines: bool = False  # line mode: every line an independent segment
    disabled: frozenset[str] = field(default_factory=frozenset)
    enabled: frozenset[str] = field(default_factory=frozenset)  # rules off by default, switched on
    max_bytes: int = MAX_BYTES_DEFAULT

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

    def fingerprint(self) -> dict[str, Any]:
        data = asdict(self)
        data["disabled"] = sorted(self.disabled)
        data["enabled"] = sorted(self.enabled)
        return data


def load_config(path: Path) -> dict[str, Any]:
    """Read a JSON config file: ``{"disable": [...], "enable": [...], "max_bytes": N}``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read config file: {exc}", str(path)) from None
    if not isinstance(data, dict):
        raise UsageError("config file must hold a JSON object", str(path))
    unknown = set(data) - {"disable", "enable", "max_bytes"}
    if unknown:
        raise UsageError(f"unknown config keys: {', '.join(sorted(unknown))}", str(path))
    return data
