"""Banks and organisations under one canonical name, with the variants the article used."""

from __future__ import annotations

from typing import Any, Callable

from .. import gazetteer
from .gazetteer_component import BANK_KINDS
from .refs import ref


def collect_organizations(doc: Any, sentence_of: Callable[[int], int | None]
                          ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    kinds = {o["name"]: o["kind"] for o in gazetteer.organizations()["organizations"]}
    local_kinds = {t["pattern"]: t["kind"] for t in gazetteer.organizations().get("templates", [])}
    found: dict[str, dict[str, Any]] = {}
    for ent in doc.ents:
        r = ref(ent)
        if r is None or r.kind == "place":
            continue
        name = r.name
        kind = kinds.get(name, "other") if r.kind == "org" else next(
            (k for p, k in local_kinds.items() if _fits(p, name)), "local_body")
        entry = found.setdefault(name, {"name": name, "kind": kind, "aliases_seen": [], "mentions": []})
        surface = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if surface not in entry["aliases_seen"]:
            entry["aliases_seen"].append(surface)
        entry["mentions"].append({"start": ent.start_char, "end": ent.end_char, "text": ent.text,
                                  "sentence": sentence_of(ent.start_char)})
    ordered = sorted(found.values(), key=lambda e: e["mentions"][0]["start"])
    banks = [e for e in ordered if e["kind"] in BANK_KINDS]
    others = [e for e in ordered if e["kind"] not in BANK_KINDS]
    return banks, others


def _fits(pattern: str, name: str) -> bool:
    head, _, tail = pattern.partition("{place}")
    return name.startswith(head) and name.endswith(tail)
