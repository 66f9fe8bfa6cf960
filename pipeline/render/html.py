"""A review page: one self-contained HTML file with the original and the cleaned text, every edit and
flag in place, the entities marked.

The page has three views of the text, switched by radio buttons that work with script off: the cleaned
text (sentences, entities and figures marked, flags shown where they fall), the original (flags, and the
spans the edits replaced), and the changes (each edit's removed text struck through and its inserted
text marked, its rule, reason and confidence shown on hover and on keyboard focus). The script, inline
and optional, only adds: following a link switches to the view that holds its target, and selecting an
official (or any entity) marks all its mentions and shows its card (posts, mentions) beside the text.

Every text taken from the article is escaped (:func:`html.escape`), in content and in attributes, so
markup in an article is shown as text and never becomes markup in the page. The page makes no request:
its Content-Security-Policy allows no source at all, and only the page's own script and style, by hash,
so that even markup that escaped escaping could run nothing.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import escape
from typing import Any

from ..article import Article, Edit, Mention, Post, Severity
from .diff import changes, in_context
from .markdown import event_rows, metadata_rows, post_text, posts_text

SEVERITY_ORDER: tuple[Severity, ...] = ("error", "warning", "info")

# Entity kinds: the class in the page and the name in the legend.
KINDS = {
    "official": "Official",
    "person": "Other person",
    "place": "Place",
    "bank": "Bank",
    "org": "Organisation",
    "figure": "Figure",
}

STYLE = """
:root{--ink:#1b1f24;--muted:#5b6470;--line:#d5dae0;--bg:#fff;--soft:#f4f6f8;--official:#cfe3ff;--person:#e6e6e6;
--place:#d3f2d8;--bank:#ffe9b3;--org:#ead9ff;--figure:#ffd9c2;--error:#c62828;--warning:#e08a00;--info:#3a7bd5}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);
background:var(--bg)}
header,main,footer{max-width:78rem;margin:0 auto;padding:0 1.25rem}
header{padding-top:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.4rem 0}
h2{font-size:1.2rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}
h3{font-size:1rem;margin:.6rem 0 .2rem}
.headline{font-size:1.1rem;font-weight:600;margin:.2rem 0 .8rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
.counts{color:var(--muted)}
table{border-collapse:collapse;width:100%;font-size:.92rem;margin:.4rem 0}
th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:var(--soft)}td.num{text-align:right;white-space:nowrap}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 20rem;gap:1.2rem;align-items:start}
@media (max-width:60rem){.layout{grid-template-columns:1fr}}
aside#panel{position:sticky;top:.5rem;border:1px solid var(--line);border-radius:6px;padding:.6rem .8rem;
background:var(--soft);font-size:.92rem;max-height:95vh;overflow:auto}
.viewer>input{position:absolute;opacity:0;width:1px;height:1px}
.viewer>label{display:inline-block;border:1px solid var(--line);border-radius:4px;padding:.2rem .8rem;margin:.3rem .2rem .3rem 0;
cursor:pointer;background:var(--soft)}
.viewer>input:checked+label{background:var(--ink);color:#fff;border-color:var(--ink)}
.viewer>input:focus-visible+label{outline:3px solid var(--info);outline-offset:2px}
.view{display:none;white-space:pre-wrap;overflow-wrap:anywhere;border:1px solid var(--line);border-radius:6px;
padding:.8rem 1rem;line-height:1.7}
#v-clean:checked~#view-clean,#v-original:checked~#view-original,#v-changes:checked~#view-changes{display:block}
.legend{display:flex;flex-wrap:wrap;gap:.35rem .8rem;font-size:.85rem;margin:.3rem 0 .5rem;color:var(--muted)}
.legend span{white-space:nowrap}
.ent{border-radius:3px;cursor:pointer;color:inherit;padding:0 .05em}
.ent.official{background:var(--official);border-bottom:2px solid #4a86d8}
.ent.person{background:var(--person)}
.ent.place{background:var(--place)}
.ent.bank{background:var(--bank)}
.ent.org{background:var(--org)}
.ent.figure{background:var(--figure);cursor:default}
.ent.selected{outline:2px solid var(--ink);outline-offset:1px}
.sent.key{background:linear-gradient(transparent 80%,#fff3a8 80%)}
.sent:target,.flash{animation:flash 1.6s ease-out}
@keyframes flash{from{background:#fff3a8}to{background:transparent}}
.flag{text-decoration-line:underline;text-decoration-style:wavy;text-decoration-thickness:2px;
text-underline-offset:3px}
.flag.error{text-decoration-color:var(--error);background:#fde7e7}
.flag.warning{text-decoration-color:var(--warning);background:#fff2d6}
.flag.info{text-decoration-color:var(--info)}
.flag.point::before{content:"\\25B2";color:var(--warning);font-size:.7em}
.edited{border-bottom:2px dotted var(--muted)}
.changed{border-bottom:2px dotted #2e7d32}
.edit{border-radius:3px;outline:1px dashed #9aa3ad}
del{background:#fde2e1;color:#8a1c1c;text-decoration:line-through}
ins{background:#d9f5dd;color:#14532d;text-decoration:none;border-bottom:2px solid #2e7d32}
del.ws::before,ins.ws::before{content:attr(data-show);font-size:.8em}
[data-tip]{position:relative}
[data-tip]:hover::after,[data-tip]:focus::after{content:attr(data-tip);position:absolute;left:0;top:100%;z-index:5;
width:max-content;max-width:28rem;white-space:pre-wrap;background:var(--ink);color:#fff;font-size:.82rem;
line-height:1.35;padding:.35rem .5rem;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.25);
text-decoration:none;font-weight:normal}
[tabindex]:focus{outline:2px solid var(--info);outline-offset:1px}
.card{border:1px solid var(--line);border-radius:6px;padding:.4rem .7rem;margin:.4rem 0}
#entities{display:block}
#entities .card{display:inline-block;vertical-align:top;width:min(100%,18.5rem);margin-right:.4rem}
#panel .card{display:block;width:auto;margin:0;border:0;padding:0}
.card ul{margin:.2rem 0;padding-left:1.2rem}
.sev{font-weight:600}.sev.error{color:var(--error)}.sev.warning{color:var(--warning)}.sev.info{color:var(--info)}
.muted{color:var(--muted)}
.generated{border-left:4px solid var(--warning);padding-left:.8rem}
footer{color:var(--muted);font-size:.85rem;padding-bottom:2rem}
@media print{.viewer>input,.viewer>label,.legend,aside#panel{display:none}.layout{display:block}
[data-tip]:hover::after,[data-tip]:focus::after{display:none}.view{border:0;padding:0}}
"""

SCRIPT = """
(function () {
  "use strict";
  var panel = document.getElementById("panel-body");
  function viewOf(node) {
    var view = node && node.closest ? node.closest(".view") : null;
    return view ? document.getElementById(view.getAttribute("data-switch")) : null;
  }
  function reveal(id) {
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    var radio = viewOf(target);
    if (radio) { radio.checked = true; }
    target.classList.remove("flash");
    void target.offsetWidth;
    target.classList.add("flash");
    target.scrollIntoView({block: "center"});
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link) {
      event.preventDefault();
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      reveal(id);
      if (history.replaceState) { history.replaceState(null, "", "#" + encodeURIComponent(id)); }
      return;
    }
    var mark = event.target.closest ? event.target.closest("[data-ent]") : null;
    if (mark) { select(mark.getAttribute("data-ent")); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { select(null); return; }
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var mark = document.activeElement;
    if (mark && mark.hasAttribute && mark.hasAttribute("data-ent")) {
      event.preventDefault();
      select(mark.getAttribute("data-ent"));
    }
  });
  function select(key) {
    var old = document.querySelectorAll(".selected");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("selected"); }
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    var card = key ? document.getElementById("card-" + key) : null;
    if (!card) {
      var hint = document.createElement("p");
      hint.className = "muted";
      hint.textContent = "Select a name in the text to see its posts and mentions.";
      panel.appendChild(hint);
      return;
    }
    var marks = document.querySelectorAll("[data-ent='" + key + "']");
    for (var j = 0; j < marks.length; j++) { marks[j].classList.add("selected"); }
    var copy = card.cloneNode(true);
    copy.removeAttribute("id");
    var ids = copy.querySelectorAll("[id]");
    for (var k = 0; k < ids.length; k++) { ids[k].removeAttribute("id"); }
    panel.appendChild(copy);
  }
  if (location.hash.length > 1) { reveal(decodeURIComponent(location.hash.slice(1))); }
})();
"""


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page(title: str, body: str, *, script: str = SCRIPT, style: str = STYLE) -> str:
    """A whole page around ``body`` (already escaped): the style and the script inline, and a
    Content-Security-Policy that lets the page load nothing and run only its own script."""
    return page_head(title, script, style) + body + page_tail(script)


def page_head(title: str, script: str = SCRIPT, style: str = STYLE) -> str:
    policy = (
        f"default-src 'none'; style-src {_sha(style)}; script-src {_sha(script)}; img-src data:; "
        "form-action 'none'; base-uri 'none'"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
    )


def page_tail(script: str = SCRIPT) -> str:
    return f"\n<script>{script}</script>\n</body>\n</html>\n"


# ----------------------------------------------------------------- marks in a text
@dataclass(frozen=True, slots=True)
class Mark:
    """An element around ``text[start:end]``: its tag and attributes (values escaped when written).
    ``rank`` orders marks that start and end together (lower is outer); ``cont``: the mark began in an
    earlier piece of the text, so no part of it here carries its id."""

    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    rank: int = 0
    cont: bool = False


def _open(mark: Mark, first: bool) -> str:
    first = first and not mark.cont
    attrs = "".join(
        f' {name}="{escape(value)}"' for name, value in mark.attrs if first or name not in ("id", "tabindex")
    )
    return f"<{mark.tag}{attrs}>"


def marked(text: str, marks: Iterable[Mark]) -> str:
    """``text`` escaped, with each mark's element around its span; a mark that crosses another is split
    into parts (only the first keeps its id), so the elements always nest. The text content of the
    result is ``text`` exactly.

    >>> marked("a <b> c", [Mark(2, 5, "em", (("class", "x"),))])
    'a <em class="x">&lt;b&gt;</em> c'
    >>> marked("abcd", [Mark(0, 2, "i", ()), Mark(1, 3, "b", ())])
    '<i>a<b>b</b></i><b>c</b>d'
    """
    starts: dict[int, list[Mark]] = defaultdict(list)
    points: dict[int, list[Mark]] = defaultdict(list)
    bounds = {0, len(text)}
    for mark in marks:
        start, end = max(0, mark.start), min(len(text), mark.end)
        if start > end or start > len(text):
            continue
        if start == end:
            points[start].append(mark)
        else:
            starts[start].append(Mark(start, end, mark.tag, mark.attrs, mark.rank, mark.cont))
            bounds.add(end)
        bounds.add(start)
    out: list[str] = []
    stack: list[Mark] = []
    pos = 0
    for bound in sorted(bounds):
        out.append(escape(text[pos:bound], quote=False))
        pos = bound
        if any(m.end == bound for m in stack):
            reopen = []
            while any(m.end == bound for m in stack):
                mark = stack.pop()
                out.append(f"</{mark.tag}>")
                if mark.end != bound:
                    reopen.append(mark)
            for mark in reversed(reopen):
                out.append(_open(mark, first=False))
                stack.append(mark)
        for mark in points.get(bound, []):
            out.append(_open(mark, first=True) + f"</{mark.tag}>")
        for mark in sorted(starts.get(bound, []), key=lambda m: (-m.end, m.rank)):
            out.append(_open(mark, first=True))
            stack.append(mark)
    return "".join(out)


WINDOW = 1 << 16  # characters of a view rendered at a time: only the marks of one piece are held


def marked_pieces(text: str, marks: Iterable[Mark], size: int = WINDOW) -> Iterator[str]:
    """:func:`marked` of ``text`` in pieces of about ``size`` characters, taking ``marks`` (sorted by
    start) one piece at a time: a mark that crosses into the next piece goes on there without its id.
    Joined, the pieces hold ``text`` exactly, every element nesting within its piece."""
    pending = iter(marks)
    ahead = next(pending, None)
    carried: list[Mark] = []
    lo = 0
    while True:
        hi = min(len(text), lo + size)
        last = hi == len(text)
        here = carried
        while ahead is not None and (ahead.start < hi or (last and ahead.start <= hi)):
            here.append(ahead)
            ahead = next(pending, None)
        shifted = [
            Mark(max(m.start, lo) - lo, min(m.end, hi) - lo, m.tag, m.attrs, m.rank, m.cont or m.start < lo)
            for m in here
            if m.end > lo or m.start == m.end >= lo
        ]
        yield marked(text[lo:hi], shifted)
        if last:
            return
        carried = [m for m in here if m.end > hi]
        lo = hi


# ----------------------------------------------------------------- the article's page
def html_parts(article: Article) -> Iterator[str]:
    """:func:`to_html` in pieces: each view a piece of text at a time, each table a row at a time."""
    keys = _entity_keys(article)
    title = article.metadata.title or "Untitled article"
    yield page_head(f"{title} · mtclean")
    yield "\n".join(["<header>", f"<h1>{escape(title)}</h1>", *_header(article), "</header>", "<main>"]) + "\n"
    yield from _lines(_key_points(article))
    yield '<div class="layout"><section aria-label="The text">\n'
    yield from _views(article, keys)
    yield (
        '</section><aside id="panel" aria-live="polite"><h2>Selected</h2><div id="panel-body">'
        '<p class="muted">Select a name in the text to see its posts and mentions.</p></div></aside></div>\n'
    )
    for section in (
        _abstractive(article),
        _flags_table(article),
        _edits_table(article),
        _entity_sections(article, keys),
        _figures_table(article),
    ):
        yield from _lines(section)
    yield (
        f"</main>\n<footer>mtclean review page of {escape(article.source.path or 'an article')}"
        f" (sha256 {escape(article.source.sha256[:16])}…). Every edit and flag is in the JSON record.</footer>"
    )
    yield page_tail()


def _lines(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield line + "\n"


def to_html(article: Article) -> str:
    """The review page of ``article``: self-contained, readable with script off."""
    return "".join(html_parts(article))


def _header(article: Article) -> list[str]:
    meta = article.metadata
    out = []
    if article.summary and article.summary.headline:
        out.append(f'<p class="headline">{escape(article.summary.headline)}</p>')
    event = article.summary.event if article.summary else None
    shown = metadata_rows(meta) + (event_rows(event) if event else [])
    if shown:
        out.append('<dl class="meta">')
        out += [f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in shown]
        out.append("</dl>")
    severities = Counter(f.severity for f in article.flags)
    flagged = ", ".join(f"{severities[s]} {s}" for s in SEVERITY_ORDER if severities[s])
    out.append(
        f'<p class="counts">{len(article.edits)} edit{"" if len(article.edits) == 1 else "s"}, '
        f"{len(article.flags)} flag{'' if len(article.flags) == 1 else 's'}{f' ({flagged})' if flagged else ''}.</p>"
    )
    return out


def _key_points(article: Article) -> list[str]:
    points = article.summary.key_points if article.summary else []
    if not points:
        return []
    out = ['<section id="key-points"><h2>Key points</h2><ol>']
    out += [f'<li>{escape(p.text)} <a href="#s-{p.sentence}">(sentence {p.sentence})</a></li>' for p in points]
    return out + ["</ol></section>"]


def _entity_keys(article: Article) -> dict[str, list[tuple[str, str, str, list[Mention]]]]:
    """Each entity kind's entities as (key, detail, tip, mentions): the key names it in the page, the
    detail says what it is (``Shenyang (city, in Liaoning)``), the tip is the detail under its kind."""
    ents = article.entities
    if ents is None:
        return {}
    bodies = [*ents.banks, *ents.organizations]
    inside = _places_in_bodies([p.mentions for p in ents.places], [b.mentions for b in bodies])
    in_body = {(i, k) for places in inside for i, k in places}
    body_places = [list(dict.fromkeys(ents.places[i].name for i, _ in places)) for places in inside]
    bank_places, org_places = body_places[: len(ents.banks)], body_places[len(ents.banks) :]

    def place_detail(i: int, p: Any) -> str:
        named = [b.name for b, places in zip(bodies, inside) if any(j == i for j, _ in places)]
        also = f"; named in {', '.join(dict.fromkeys(named))}" if named else ""
        return f"{p.name} ({p.kind}{f', in {p.parent}' if p.parent else ''}){also}"

    def place_of(names: list[str]) -> str:
        return f"; place: {', '.join(names)}" if names else ""

    details: dict[str, list[tuple[str, list[Mention]]]] = {
        "official": [(o.name + (f"\n{posts_text(o.roles)}" if o.roles else ""), o.mentions) for o in ents.officials],
        "person": [(p.name, p.mentions) for p in ents.people],
        "place": [
            (place_detail(i, p), [m for k, m in enumerate(p.mentions) if (i, k) not in in_body])
            for i, p in enumerate(ents.places)
        ],
        "bank": [
            (f"{b.name} ({b.kind.replace('_', ' ')}{place_of(names)})", b.mentions)
            for b, names in zip(ents.banks, bank_places)
        ],
        "org": [
            (f"{g.name} ({g.kind.replace('_', ' ')}{place_of(names)})", g.mentions)
            for g, names in zip(ents.organizations, org_places)
        ],
    }
    prefix = {"official": "o", "person": "p", "place": "l", "bank": "b", "org": "g"}
    label = {**KINDS, "person": "Person"}
    return {
        kind: [
            (f"{prefix[kind]}{i}", detail, f"{label[kind]}: {detail}", found)
            for i, (detail, found) in enumerate(rows, 1)
        ]
        for kind, rows in details.items()
    }


def _places_in_bodies(places: list[list[Mention]], bodies: list[list[Mention]]) -> list[list[tuple[int, int]]]:
    """For each body (a bank, an organisation), the place mentions inside one of its mentions, as (place,
    mention) indexes: ``Liaoning Provincial Party Committee`` is the committee, its place part of its card,
    never a mention of Liaoning to shade as a place."""
    spans = sorted((m.start, m.end, i, k) for i, found in enumerate(places) for k, m in enumerate(found))
    starts = [s[0] for s in spans]
    out = []
    for found in bodies:
        hits: dict[tuple[int, int], None] = {}
        for m in found:
            for _start, end, i, k in spans[bisect_left(starts, m.start) : bisect_right(starts, m.end)]:
                if end <= m.end:
                    hits[i, k] = None
        out.append(list(hits))
    return out


def _edit_tip(article: Article, index: int) -> str:
    edit = article.edits[index]
    rules = ", ".join(edit.rules) if len(edit.rules) > 1 else edit.rule
    return f"Edit {edit.id}: {rules}\n{edit.reason}\nconfidence {edit.confidence:.2f}"


def _flag_tip(article: Article, index: int) -> str:
    flag = article.flags[index]
    return f"Flag {flag.id} ({flag.severity}): {flag.rule}\n{flag.message}"


def _flag_mark(article: Article, index: int, start: int, end: int, *, with_id: bool) -> Mark:
    flag = article.flags[index]
    attrs = [
        ("class", f"flag {flag.severity}{' point' if start == end else ''}"),
        ("data-tip", _flag_tip(article, index)),
    ]
    if with_id:
        attrs = [("id", f"flag-{flag.id}"), ("tabindex", "0"), *attrs]
    return Mark(start, end, "span", tuple(attrs), rank=3)


def _views(article: Article, keys: dict[str, list[tuple[str, str, str, list[Mention]]]]) -> Iterator[str]:
    """The three views, each shown by its radio button (CSS ``:checked ~``, so with script off too)."""
    legend = " ".join(
        f'<span class="ent {kind}">{escape(label)}</span>'
        for kind, label in KINDS.items()
        if keys.get(kind) or (kind == "figure" and article.figures)
    )
    flags = " ".join(f'<span class="flag {s}">{s} flag</span>' for s in SEVERITY_ORDER)
    yield '<div class="viewer">\n'
    for name, label in (("clean", "Cleaned"), ("original", "Original"), ("changes", "Changes")):
        checked = " checked" if name == "clean" else ""
        yield f'<input type="radio" name="view" id="v-{name}"{checked}><label for="v-{name}">{label}</label>\n'
    marks = (
        '<span class="sent key">key point</span> <span class="changed">changed by an edit</span> '
        '<span class="edited">replaced by an edit (original)</span> <span><del>removed</del> <ins>inserted</ins></span>'
    )
    yield f'<div class="legend">{legend} {flags} {marks}</div>\n'
    yield from _view("clean", "Cleaned text", marked_pieces(article.clean, _clean_marks(article, keys)))
    yield from _view("original", "Original text", marked_pieces(article.original, _original_marks(article)))
    yield from _view("changes", "Changes", _changes_view(article))
    yield "</div>\n"


def _view(name: str, label: str, content: Iterable[str]) -> Iterator[str]:
    yield f'<div class="view" id="view-{name}" data-switch="v-{name}" role="region" aria-label="{label}">'
    yield from content
    yield "</div>\n"


def _clean_marks(article: Article, keys: dict[str, list[tuple[str, str, str, list[Mention]]]]) -> Iterator[Mark]:
    """The cleaned view's marks, by start, made as they are reached: sentences, changed spans, entities,
    figures and flags (each family in order of start, merged)."""
    key_sentences = {p.sentence for p in (article.summary.key_points if article.summary else [])}
    sentences = (
        Mark(s.start, s.end, "span", (("id", f"s-{s.id}"), ("class", "sent key" if s.id in key_sentences else "sent")))
        for s in sorted(article.sentences, key=lambda s: s.start)
    )
    offsets = article.offsets

    def changed() -> Iterator[Mark]:
        for edit in sorted(article.edits, key=lambda e: (e.start, e.end)):
            if edit.after:
                start = offsets.to_clean(edit.start)
                yield Mark(start, start + len(edit.after), "span", (("class", "changed"),), rank=1)

    mentions = sorted(
        (m.start, m.end, kind, key, k, tip)
        for kind, entities in keys.items()
        for key, _detail, tip, found in entities
        for k, m in enumerate(found, 1)
    )
    entity_marks = (
        Mark(
            start,
            end,
            "mark",
            (("id", f"m-{key}-{k}"), ("class", f"ent {kind}"), ("data-ent", key), ("tabindex", "0"), ("data-tip", tip)),
            rank=2,
        )
        for start, end, kind, key, k, tip in mentions
    )
    figures = sorted(range(len(article.figures or [])), key=lambda i: (article.figures or [])[i].start)
    figure_marks = (
        Mark(
            fig.start,
            fig.end,
            "span",
            (("id", f"fig-{i + 1}"), ("class", "ent figure"), ("tabindex", "0"), ("data-tip", _figure_tip(article, i))),
            rank=2,
        )
        for i in figures
        for fig in [(article.figures or [])[i]]
    )

    def flags() -> Iterator[Mark]:
        for i in sorted(range(len(article.flags)), key=lambda i: article.flags[i].start):
            start, end = article.clean_span(article.flags[i].start, article.flags[i].end)
            yield _flag_mark(article, i, start, max(start, end), with_id=False)

    return heapq.merge(sentences, changed(), entity_marks, figure_marks, flags(), key=lambda m: m.start)


def _original_marks(article: Article) -> Iterator[Mark]:
    edits = (
        Mark(
            article.edits[i].start,
            article.edits[i].end,
            "span",
            (("class", "edited"), ("data-tip", _edit_tip(article, i))),
            rank=1,
        )
        for i in sorted(range(len(article.edits)), key=lambda i: article.edits[i].start)
        if article.edits[i].end > article.edits[i].start
    )
    flags = (
        _flag_mark(article, i, article.flags[i].start, article.flags[i].end, with_id=True)
        for i in sorted(range(len(article.flags)), key=lambda i: article.flags[i].start)
    )
    return heapq.merge(edits, flags, key=lambda m: m.start)


def _visible(text: str) -> str:
    """Whitespace made visible, for an edit that only removes or inserts it."""
    return text.replace("\n", "⏎").replace("\t", "→").replace(" ", "␣")


def _edit_element(article: Article, index: int) -> str:
    edit = article.edits[index]
    parts = []
    for tag, text in (("del", edit.before), ("ins", edit.after)):
        if not text:
            continue
        if text.strip():
            parts.append(f"<{tag}>{escape(text, quote=False)}</{tag}>")
        else:
            parts.append(f'<{tag} class="ws" data-show="{escape(_visible(text))}">{escape(text, quote=False)}</{tag}>')
    return (
        f'<span class="edit" id="e-{edit.id}" tabindex="0" data-rule="{escape(edit.rule)}" '
        f'data-tip="{escape(_edit_tip(article, index))}">{"".join(parts)}</span>'
    )


def _changes_view(article: Article) -> Iterator[str]:
    """The original with each edit in place: removed text struck through, inserted text marked; the flags
    marked in the unchanged text between (one sweep over edits and flags, both by start)."""
    original, pos = article.original, 0
    flags = article.flags
    order = sorted(range(len(article.edits)), key=lambda i: (article.edits[i].start, article.edits[i].end))
    by_start = sorted(range(len(flags)), key=lambda j: flags[j].start)
    waiting, active = 0, []  # flags not yet reached; flags that may still cover text from pos on
    for i in [*order, None]:
        end = len(original) if i is None else article.edits[i].start
        if end > pos or i is None:  # the unchanged text before this edit, with the flags that fall in it
            while waiting < len(by_start) and flags[by_start[waiting]].start < end:
                active.append(by_start[waiting])
                waiting += 1
            active = [j for j in active if flags[j].end > pos]
            marks = [
                _flag_mark(article, j, max(flags[j].start, pos) - pos, min(flags[j].end, end) - pos, with_id=False)
                for j in active
            ]
            yield marked(original[pos:end], marks)
        if i is not None:
            yield _edit_element(article, i)
            pos = article.edits[i].end


def _figure_tip(article: Article, index: int) -> str:
    fig = (article.figures or [])[index]
    value = "value unknown (digits lost)" if fig.value is None else f"{fig.value:,}"
    parts = [p for p in (fig.qualifier, value, fig.unit, f"({fig.period})" if fig.period else None) if p]
    return "Figure: " + " ".join(parts)


def _abstractive(article: Article) -> list[str]:
    generated = article.summary.abstractive if article.summary else None
    if not generated:
        return []
    out = [
        '<section class="generated"><h2>Machine-generated summary (not from the article)</h2>',
        f"<p>Generated by the model {escape(generated.model)} from {generated.chunks} part(s) of the cleaned text. "
        "These are not the article's words and may state what it does not.</p><ul>",
    ]
    for s in generated.sentences:
        missing = ", ".join(f"“{escape(u.text)}”" for u in s.unsupported)
        warning = f' <strong class="sev warning">Not in the article: {missing}</strong>' if missing else ""
        first, last = s.source
        out.append(f'<li>{escape(s.text)} <a href="#s-{first}">(from sentence {first}–{last})</a>{warning}</li>')
    return out + ["</ul></section>"]


def _flags_table(article: Article) -> list[str]:
    out = ['<section id="flags"><h2>Flags</h2>']
    if not article.flags:
        return out + ["<p>Nothing flagged.</p></section>"]
    out += [
        "<p>What mtclean did not change because it must not guess: the words are left as the translation wrote "
        "them.</p>",
        "<table><thead><tr><th>#</th><th>Severity</th><th>Rule</th><th>Text</th><th>Message</th></tr></thead><tbody>",
    ]
    for f in sorted(article.flags, key=lambda f: (SEVERITY_ORDER.index(f.severity), f.start)):
        out.append(
            f'<tr><td class="num"><a href="#flag-{f.id}">{f.id}</a></td><td class="sev {escape(f.severity)}">'
            f"{escape(f.severity)}</td><td>{escape(f.rule)}</td><td>{escape(f.text)}</td><td>{escape(f.message)}</td></tr>"
        )
    return out + ["</tbody></table></section>"]


def _edits_table(article: Article) -> list[str]:
    out = ['<section id="edits"><h2>Edits</h2>']
    if not article.edits:
        return out + ["<p>No edits.</p></section>"]
    counts = Counter(e.rule for e in article.edits)
    summary = ", ".join(f"{escape(rule)} {n}" for rule, n in sorted(counts.items()))
    out += [
        f"<p>{len(article.edits)} edits: {summary}.</p>",
        "<table><thead><tr><th>#</th><th>Rule</th><th>Before</th><th>After</th><th>Confidence</th><th>Reason</th>"
        "</tr></thead><tbody>",
    ]
    for e in article.edits:
        rules = ", ".join(e.rules) if len(e.rules) > 1 else e.rule
        before, after = _in_words(article.original, e)
        out.append(
            f'<tr><td class="num"><a href="#e-{e.id}">{e.id}</a></td><td>{escape(rules)}</td><td>{before}</td>'
            f'<td>{after}</td><td class="num">{e.confidence:.2f}</td><td>{escape(e.reason)}</td></tr>'
        )
    return out + ["</tbody></table></section>"]


def _in_words(original: str, edit: Edit) -> tuple[str, str]:
    """An edit's before and after with a few words of the original on either side (muted), the change
    itself struck through or marked as inserted (``—``: nothing)."""
    c = in_context(original, edit)
    left = escape(("…" if c.more_left else "") + " ".join(c.left.split()))
    right = escape(" ".join(c.right.split()) + ("…" if c.more_right else ""))
    cells = []
    for tag, (space_left, words, space_right) in zip(("del", "ins"), changes(c)):
        middle = f"<{tag}>{escape(words)}</{tag}>" if words else '<span class="muted">—</span>'
        cells.append(
            f'<span class="muted">{left}</span>{" " * space_left}{middle}{" " * space_right}'
            f'<span class="muted">{right}</span>'
        )
    return cells[0], cells[1]


def _mention_links(key: str, mentions: list[Mention]) -> str:
    links = [
        f'<a href="#m-{key}-{k}">{escape(m.text)}</a>'
        + (f' <span class="muted">(sentence {m.sentence})</span>' if m.sentence is not None else "")
        for k, m in enumerate(mentions, 1)
    ]
    return "<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>" if links else ""


def _posts(roles: list[Post]) -> str:
    items = [escape(post_text(r)) for r in roles]
    return (
        "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
        if items
        else '<p class="muted">No post given.</p>'
    )


def _entity_sections(article: Article, keys: dict[str, list[tuple[str, str, str, list[Mention]]]]) -> list[str]:
    ents = article.entities
    if ents is None:
        return []
    out = ['<section id="entities"><h2>Officials</h2>']
    if not ents.officials:
        out.append('<p class="muted">None found.</p>')
    for (key, _detail, _tip, mentions), o in zip(keys["official"], ents.officials):
        extra = ""
        if o.variants:
            extra += f"<p>Also written: {escape(', '.join(o.variants))}</p>"
        if o.flags:
            extra += "".join(f'<p class="sev warning">{escape(note)}</p>' for note in o.flags)
        out.append(
            f'<div class="card official-card" id="card-{key}"><h3><span class="ent official">{escape(o.name)}</span></h3>'
            f"<p><strong>Posts</strong></p>{_posts(o.roles)}{extra}"
            f"<p><strong>Mentions</strong> ({len(mentions)})</p>{_mention_links(key, mentions)}</div>"
        )
    sections: tuple[tuple[str, str, list[Any]], ...] = (
        ("person", "Other people", ents.people),
        ("place", "Places", ents.places),
        ("bank", "Banks", ents.banks),
        ("org", "Organisations", ents.organizations),
    )
    for kind, heading, items in sections:
        if kind == "person" and not items:
            continue
        out.append(f"<h2>{heading}</h2>")
        if not items:
            out.append('<p class="muted">None found.</p>')
        for (key, detail, _tip, mentions), item in zip(keys[kind], items):
            seen = getattr(item, "aliases_seen", None)
            written = f"<p>As written: {escape(', '.join(seen))}</p>" if seen else ""
            posts = _posts(item.roles) if kind == "person" and item.roles else ""
            if kind == "bank" and item.branches:
                posts = f"<p><strong>Branches</strong></p>{_branches(item.branches)}"
            out.append(
                f'<div class="card" id="card-{key}"><h3><span class="ent {kind}">{escape(item.name)}</span></h3>'
                f"<p>{escape(detail)}</p>{written}{posts}<p><strong>Mentions</strong> ({len(mentions)})</p>"
                f"{_mention_links(key, mentions)}</div>"
            )
    return out + ["</section>"]


def _branches(branches: list[Any]) -> str:
    """A bank's branches, each with its level and place where known (``Chenzhou Branch: city branch,
    Chenzhou``)."""
    items = []
    for b in branches:
        about = ", ".join(x for x in ((b.level or "").replace("_", " "), b.place or "") if x)
        items.append(f"<li>{escape(b.name)}{f' ({escape(about)})' if about else ''}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _figures_table(article: Article) -> list[str]:
    if not article.figures:
        return []
    flags = {f.id: f for f in article.flags}
    out = [
        '<section id="figures"><h2>Figures</h2><table><thead><tr><th>Value</th><th>Qualifier</th><th>Counts</th>'
        "<th>Period</th><th>As written</th><th>Flag</th></tr></thead><tbody>"
    ]
    for i, fig in enumerate(article.figures, 1):
        value = "unknown (digits lost)" if fig.value is None else f"{fig.value:,}"
        flag = flags.get(fig.flag) if fig.flag is not None else None
        flag_cell = f'<a href="#flag-{flag.id}">{escape(flag.rule)}</a>' if flag else ""
        out.append(
            f'<tr><td class="num">{escape(value)}</td><td>{escape(fig.qualifier or "")}</td><td>{escape(fig.unit)}</td>'
            f'<td>{escape(fig.period or "")}</td><td><a href="#fig-{i}">{escape(fig.text)}</a></td><td>{flag_cell}</td></tr>'
        )
    return out + ["</tbody></table></section>"]
