"""A small on-disk cache of values that are slow to build and depend only on files that rarely change
(the gazetteer's surface forms): ``$MTCLEAN_CACHE``, else ``$XDG_CACHE_HOME/mtclean``, else
``~/.cache/mtclean``. Entries are JSON named by a hash of everything they depend on; an entry that
cannot be read or is not what it should be is built again, and a cache that cannot be written is
simply not used."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    env = os.environ.get("MTCLEAN_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mtclean"


def key(*parts: bytes | str) -> str:
    """A hash of ``parts`` (file contents, versions), for an entry's name."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:32]


def read_json(name: str) -> Any | None:
    """The entry ``name``, or None when it is missing or cannot be read."""
    data = read_bytes(name)
    try:
        return None if data is None else json.loads(data.decode("utf-8"))
    except ValueError:
        return None


def write_json(name: str, value: Any) -> None:
    """Write the entry ``name`` as JSON (:func:`write_bytes`)."""
    write_bytes(name, json.dumps(value, ensure_ascii=False).encode("utf-8"))


def read_bytes(name: str) -> bytes | None:
    """The entry ``name``'s bytes, or None when it is missing or cannot be read."""
    try:
        return (cache_dir() / name).read_bytes()
    except OSError:
        return None


def write_bytes(name: str, data: bytes) -> None:
    """Write the entry ``name`` (to a temporary file, then renamed: never half-written); nothing when
    the cache folder cannot be written."""
    folder = cache_dir()
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, folder / name)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
