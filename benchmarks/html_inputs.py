"""Web pages in: the 40 real pages of web/ wrapped as HTML pages with boilerplate, cleaned, and compared
with the same text cleaned as plain text.

    python benchmarks/html_inputs.py [--shared ../shared] [--show N]

Each page of ``../shared/eval/web/`` is wrapped (in memory; nothing is written) the way aggregator
sites serve an article: a ``<head>`` with a title, Open Graph and date meta tags, a canonical link, a
script and a style; a navigation bar, the article's lines as paragraphs inside ``<article>``, a
sidebar of other stories and a footer. Per page: the characters by which the cleaned body from the
page differs from the cleaned plain text (Levenshtein distance), whether any of the boilerplate's
text reached the cleaned body, and whether the title and the date came from the meta tags. Cleaning
only (no models): the extraction is what is measured.
"""

from __future__ import annotations

import argparse
import difflib
import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz.distance import Levenshtein  # noqa: E402

from pipeline import Settings, process  # noqa: E402

# Text that appears only in the boilerplate: none of it may reach a cleaned body.
BOILERPLATE = (
    "Navigation home",
    "Local news channel",
    "Hot topics today",
    "A sidebar story about something else",
    "Another recommended story",
    "Copyright notice of the site",
    "Privacy policy",
    "tracking_code",
    "sidebar-style",
)


def page_for(text: str, title: str | None, date: str | None, site: str = "Example News") -> str:
    """``text`` as a saved web page, boilerplate around it: a paragraph of the article per block of lines
    (blank lines between), a line break (``<br>``) between the lines of a block."""
    blocks = [b.strip("\n") for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    body = "\n".join("<p>" + "<br>".join(html.escape(line) for line in b.split("\n")) + "</p>" for b in blocks)
    head = [f"<title>{html.escape(title or 'News')} - {site}</title>"]
    if title:
        head.append(f'<meta property="og:title" content="{html.escape(title)}">')
    if date:
        head.append(f'<meta property="article:published_time" content="{date}T08:00:00+08:00">')
    head.append(f'<meta property="og:site_name" content="{site}">')
    head.append('<link rel="canonical" href="https://news.example.org/2024/article.html">')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">{"".join(head)}
<script>var tracking_code = "UA-1"; document.write("<p>written by a script</p>");</script>
<style>.sidebar-style {{ float: right }}</style></head>
<body>
<nav><ul><li><a href="/">Navigation home</a></li><li><a href="/local">Local news channel</a></li>
<li><a href="/world">World</a></li></ul></nav>
<div class="main"><article>
{body}
</article>
<aside class="sidebar"><h3>Hot topics today</h3><ul>
<li><a href="/a">A sidebar story about something else</a></li>
<li><a href="/b">Another recommended story</a></li></ul></aside></div>
<footer><p>Copyright notice of the site 2024, all rights reserved.</p><a href="/privacy">Privacy policy</a>
</footer></body></html>
"""


def _lines(text: str) -> str:
    return re.sub(r"\n\s*\n", "\n", text.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parent.parent.parent / "shared")
    parser.add_argument("--show", type=int, default=0, help="print the N pages that differ most")
    args = parser.parse_args()
    pages = sorted((args.shared / "eval" / "web").glob("*.txt"))
    if not pages:
        sys.exit(f"no pages in {args.shared / 'eval' / 'web'}")
    settings = Settings(entities=False)
    rows = []
    diffs: dict[str, tuple[str, str]] = {}
    for i, path in enumerate(pages):
        text = path.read_text(encoding="utf-8")
        title, date = f"Headline of page {i}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        plain = process(text, settings=settings, path=path.name)
        page = process(page_for(text, title, date).encode(), settings=settings, path=path.stem + ".html")
        leaked = [b for b in BOILERPLATE if b in page.clean]
        # A page's paragraphs are its blocks: blank line or single newline between two lines of the plain
        # text, both are two paragraphs of the page (the separators are compared as one newline).
        distance = Levenshtein.distance(_lines(plain.clean), _lines(page.clean))
        meta = page.metadata
        # the text's own title and date win over the page's (what the plain text found, when it found one)
        want_title, want_date = plain.metadata.title or title, plain.metadata.published or date
        rows.append(
            (path.stem, len(plain.clean), distance, leaked, meta.title == want_title, meta.published == want_date)
        )
        diffs[path.stem] = (plain.clean, page.clean)
    print("| page | characters | differing | boilerplate in the body | title | date |")
    print("|---|---:|---:|---|---|---|")
    for stem, size, distance, leaked, title_ok, date_ok in rows:
        if distance or leaked or not title_ok or not date_ok:
            yes = {True: "yes", False: "no"}
            print(f"| {stem} | {size:,} | {distance} | {', '.join(leaked) or '-'} | {yes[title_ok]} | {yes[date_ok]} |")
    n = len(rows)
    same = sum(1 for r in rows if r[2] == 0)
    print()
    print(
        f"pages: {n}; cleaned body identical to the plain text's: {same}; within 5 characters: "
        f"{sum(1 for r in rows if r[2] <= 5)}; most characters differing: {max(r[2] for r in rows)}"
    )
    print(f"boilerplate text in a cleaned body: {sum(len(r[3]) for r in rows)} (of {len(BOILERPLATE)} markers x {n})")
    print(
        f"title from the meta tags where the text has none (else the text's): {sum(r[4] for r in rows)}/{n}; date from the meta tags: {sum(r[5] for r in rows)}/{n}"
    )
    if args.show:
        for stem, *_ in sorted(rows, key=lambda r: -r[2])[: args.show]:
            print("\n##", stem)
            a, b = diffs[stem]
            for line in difflib.unified_diff(a.split("\n"), b.split("\n"), "plain text", "web page", n=0, lineterm=""):
                print(line)


if __name__ == "__main__":
    main()
