"""The batch's ``index.html``: one row per article, sortable and filterable, each linking to its page.

Built from the same tables as the CSVs (:func:`pipeline.tables.build_tables`), so it lists exactly the
articles and failures they do. Every text from an article is escaped; the links are the outputs' own
relative paths, percent-encoded.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape
from urllib.parse import quote

from ..rows import ArticleRow, Tables
from .html import page

INDEX_SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("articles");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filter = document.getElementById("filter");
  var flagged = document.getElementById("flagged");
  var shown = document.getElementById("shown");
  function apply() {
    var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var need = flagged.value;
    var count = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
      if (need === "error") { ok = ok && Number(row.getAttribute("data-errors")) > 0; }
      if (need === "warning") {
        ok = ok && Number(row.getAttribute("data-errors")) + Number(row.getAttribute("data-warnings")) > 0;
      }
      row.hidden = !ok;
      if (ok) { count++; }
    });
    shown.textContent = count + " of " + rows.length + " articles shown";
  }
  filter.addEventListener("input", apply);
  flagged.addEventListener("change", apply);
  var heads = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(heads, function (cell, index) {
    var button = cell.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var numeric = cell.getAttribute("data-type") === "number";
      var ascending = cell.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (c) { c.removeAttribute("aria-sort"); });
      cell.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute("data-value") || a.cells[index].textContent;
        var y = b.cells[index].getAttribute("data-value") || b.cells[index].textContent;
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  document.getElementById("controls").hidden = false;
  apply();
})();
"""

INDEX_STYLE = """
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1f24}
header,main{max-width:96rem;margin:0 auto;padding:0 1.25rem}
h1{font-size:1.5rem;margin:1rem 0 .3rem}h2{font-size:1.15rem;margin:1.5rem 0 .4rem}
.muted{color:#5b6470}
#controls{display:flex;gap:.8rem;flex-wrap:wrap;align-items:center;margin:.6rem 0}
#controls input{padding:.3rem .5rem;min-width:18rem;font:inherit}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #d5dae0;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f6f8;position:sticky;top:0}
th button{all:unset;cursor:pointer;font-weight:600}
th button:focus-visible{outline:2px solid #3a7bd5}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right}.err{color:#c62828;font-weight:600}.warn{color:#b36b00;font-weight:600}
tr[hidden]{display:none}
"""

# The article table's columns: heading, the tables' column it shows, and whether it sorts as a number.
COLUMNS = (
    ("Title", "title", False),
    ("Published", "published", False),
    ("Source", "source", False),
    ("Headline", "headline", False),
    ("Edits", "edits", True),
    ("Errors", "flags_error", True),
    ("Warnings", "flags_warning", True),
    ("Info", "flags_info", True),
    ("Officials named", "officials", False),
)
NUMBER = ' data-type="number"'
PREFERRED = (".html", ".md", ".txt", ".json")  # which output a row links to


def to_index(tables: Tables) -> str:
    """The index page of a batch from its tables."""
    names: dict[str, list[str]] = defaultdict(list)
    for official in tables.officials:
        if official.name not in names[official.article]:
            names[official.article].append(official.name)
    articles = sorted(tables.articles, key=lambda row: row.article)
    failures = sorted(tables.failures, key=lambda row: row.article)
    head = "".join(
        f'<th{NUMBER if numeric else ""} scope="col"><button type="button">{escape(label)}</button></th>'
        for label, _, numeric in COLUMNS
    )
    rows = [_row(article, names) for article in articles]
    body = [
        "<header>",
        "<h1>mtclean batch</h1>",
        f'<p class="muted">{len(articles)} article{"" if len(articles) == 1 else "s"}, '
        f"{len(failures)} failure{'' if len(failures) == 1 else 's'}. The same rows as articles.csv; "
        "the tables (CSV, mtclean.sqlite) hold every official, place, figure and flag.</p>",
        "</header><main>",
        '<div id="controls" hidden><label>Filter <input id="filter" type="search" '
        'placeholder="words in any column"></label>'
        '<label>Show <select id="flagged"><option value="">all articles</option>'
        '<option value="warning">with warnings or errors</option><option value="error">with errors</option>'
        '</select></label><span id="shown" class="muted" aria-live="polite"></span></div>',
        f'<table id="articles"><thead><tr>{head}</tr></thead><tbody>',
        *rows,
        "</tbody></table>",
        '<h2 id="failures">Failures</h2>',
    ]
    if failures:
        body.append("<table><thead><tr><th>Input</th><th>Error</th></tr></thead><tbody>")
        body += [f"<tr><td>{escape(f.article)}</td><td>{escape(f.error)}</td></tr>" for f in failures]
        body.append("</tbody></table>")
    else:
        body.append('<p class="muted">None.</p>')
    body.append("</main>")
    return page("mtclean batch", "\n".join(body), script=INDEX_SCRIPT, style=INDEX_STYLE)


def _row(article: ArticleRow, names: dict[str, list[str]]) -> str:
    """One article's row: its columns of COLUMNS, the title linked to its page."""
    key = article.article
    cells = []
    for _label, column, numeric in COLUMNS:
        value = getattr(article, column)
        if column == "title":
            text = escape(str(value or key))
            link = _link(article.outputs or "")
            title = f'<a href="{escape(link)}">{text}</a>' if link else text
            cells.append(
                f'<td data-value="{escape(str(value or key))}">{title}<br><span class="muted">{escape(key)}</span></td>'
            )
        elif column == "officials":
            cells.append(f"<td>{escape(', '.join(names.get(key, [])))}</td>")
        elif numeric:
            n = int(value or 0)
            style = (
                ' class="num err"'
                if column == "flags_error" and n
                else (' class="num warn"' if column == "flags_warning" and n else ' class="num"')
            )
            cells.append(f'<td{style} data-value="{n}">{n}</td>')
        else:
            cells.append(f"<td>{escape(str(value or ''))}</td>")
    errors, warnings = int(article.flags_error or 0), int(article.flags_warning or 0)
    return f'<tr data-errors="{errors}" data-warnings="{warnings}">{"".join(cells)}</tr>'


def _link(outputs: str) -> str | None:
    """The output a row links to (the review page if written), as a percent-encoded relative address."""
    written = [path for path in outputs.split("; ") if path]
    for suffix in PREFERRED:
        for path in written:
            if path.endswith(suffix):
                return quote(path)
    return None
