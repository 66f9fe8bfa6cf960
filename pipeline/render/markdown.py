"""A Markdown report a person can read without the original.

Everything taken from the article is escaped, so an article cannot inject
markup, links or HTML into the report.
"""

from __future__ import annotations

import re
from collections import Counter

from ..article import Article

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_LINE_START = re.compile(r"^(\s*)([-+>=]|\d+[.)](?=\s))", re.MULTILINE)


def escape(text: str) -> str:
    """Escape Markdown and HTML in article text (a block that starts lines)."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escape_inline(text))


def escape_inline(text: str) -> str:
    """Escape Markdown and HTML in text inside a line or a table cell."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def _cell(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return escape_inline(text) if text else "∅"


def to_markdown(article: Article) -> str:
    meta = article.metadata
    out = [f"# {escape(meta.title or 'Untitled article')}", ""]
    if article.summary and article.summary.get("headline"):
        out += [f"**{escape_inline(article.summary['headline'])}**", ""]
    rows = [("Source", meta.source_name), ("Published", meta.published),
            ("Views", None if meta.views is None else f"{meta.views:,}"), ("Author", meta.author)]
    rows += [(role.capitalize(), ", ".join(names)) for role, names in sorted(meta.credits.items())]
    rows = [(k, v) for k, v in rows if v]
    if rows:
        out += ["| Field | Value |", "| --- | --- |"]
        out += [f"| {k} | {_cell(str(v))} |" for k, v in rows]
        out.append("")
    out += _event_and_figures(article, "event")
    points = (article.summary or {}).get("key_points") or []
    if points:
        out += ["## Key points", ""]
        out += [f"- {escape_inline(p['text'])} (sentence {p['sentence']})" for p in points]
        out.append("")
    out += entity_tables(article)
    out += _event_and_figures(article, "figures")
    out += ["## Cleaned text", ""]
    body = [article.clean[p.start : p.end] for p in article.paragraphs]
    if meta.title and body and body[0].strip() == meta.title.strip():
        body = body[1:]
    out += [escape(p) + "\n" for p in body]
    out += _edits_section(article)
    out += _flags_section(article)
    return "\n".join(out).rstrip() + "\n"


def _edits_section(article: Article) -> list[str]:
    out = ["## Edits", ""]
    if not article.edits:
        return out + ["No edits.", ""]
    counts = Counter(e.rule for e in article.edits)
    out += [f"{len(article.edits)} edits.", "", "| Rule | Edits |", "| --- | ---: |"]
    out += [f"| {escape(rule)} | {n} |" for rule, n in sorted(counts.items())]
    out += ["", "| # | Rule | Before | After |", "| ---: | --- | --- | --- |"]
    out += [f"| {e.id} | {escape(e.rule)} | {_cell(e.before, 60)} | {_cell(e.after, 60)} |" for e in article.edits]
    return out + [""]


def _flags_section(article: Article) -> list[str]:
    out = ["## Flags", ""]
    if not article.flags:
        return out + ["Nothing flagged.", ""]
    out += ["| # | Rule | Severity | Text | Message |", "| ---: | --- | --- | --- | --- |"]
    out += [f"| {f.id} | {escape(f.rule)} | {f.severity} | “{_cell(f.text, 60)}” | {_cell(f.message, 120)} |"
            for f in article.flags]
    return out + [""]


def entity_tables(article: Article) -> list[str]:
    """Officials, people, places, banks and organisations, one table each."""
    ents = article.entities
    if ents is None:
        return []
    out = ["## Officials", ""]
    if ents["officials"]:
        out += ["| Name | Posts | Mentions | Notes |", "| --- | --- | ---: | --- |"]
        for o in ents["officials"]:
            posts = "; ".join(r["title"] + (f" ({r['organization']})" if r["organization"] else "") for r in o["roles"])
            notes = "; ".join(o["flags"])
            out.append(f"| {_cell(o['name'])} | {_cell(posts, 200)} | {len(o['mentions'])} | {_cell(notes, 120) if notes else ''} |")
    else:
        out.append("None found.")
    out.append("")
    if ents["people"]:
        out += ["## Other people", "", "| Name | Mentions |", "| --- | ---: |"]
        out += [f"| {_cell(p['name'])} | {len(p['mentions'])} |" for p in ents["people"]]
        out.append("")
    out += ["## Places", ""]
    if ents["places"]:
        out += ["| Place | Kind | In | Mentions |", "| --- | --- | --- | ---: |"]
        out += [f"| {_cell(p['name'])} | {p['kind']} | {_cell(p['parent'] or '')} | {len(p['mentions'])} |"
                for p in ents["places"]]
    else:
        out.append("None found.")
    out.append("")
    for key, title in (("banks", "Banks"), ("organizations", "Organisations")):
        out += [f"## {title}", ""]
        if ents[key]:
            out += ["| Name | Kind | As written | Mentions |", "| --- | --- | --- | ---: |"]
            out += [f"| {_cell(o['name'])} | {o['kind']} | {_cell(', '.join(o['aliases_seen']), 120)} | "
                    f"{len(o['mentions'])} |" for o in ents[key]]
        else:
            out.append("None found.")
        out.append("")
    return out


def _event_and_figures(article: Article, part: str) -> list[str]:
    out: list[str] = []
    event = (article.summary or {}).get("event")
    if event and part == "event":
        rows = [("What", event.get("phrase") or event.get("kind")), ("When", event.get("date") or event.get("date_text")),
                ("Where", ", ".join(x for x in (event.get("place"), event.get("place_parent")) if x)),
                ("Organiser", event.get("organiser")), ("Officials", ", ".join(event.get("participants", [])))]
        out += ["## Event", "", "| | |", "| --- | --- |"]
        out += [f"| {k} | {_cell(str(v), 200)} |" for k, v in rows if v]
        out.append("")
    if article.figures and part == "figures":
        out += ["## Figures", "", "| Value | Counts | Period | As written |", "| ---: | --- | --- | --- |"]
        for f in article.figures:
            value = "unknown (digits lost)" if f["value"] is None else f"{f['value']:,}"
            out.append(f"| {value} | {_cell(f['unit'])} | {_cell(f['period'] or '')} | {_cell(f['text'])} |")
        out.append("")
    return out
