"""The review pages on real text: every article of ``../shared/eval/web/`` (40 real machine-translated
pages), the sample and ``corpus/dev`` and ``corpus/heldout``, each also with markup injected into its
text, cleaned by one ``mtclean batch`` (the real models) into a temporary folder, and every page
checked against its JSON record, then opened in headless Chromium.

    python benchmarks/review_pages.py [--shared ../shared] [--no-browser] [--workers 2]

Then the same checks on real Chinese-to-English news MT of ``../shared/eval/wmt22-zhen/``: each of the
12 systems' outputs cleaned in line mode (``--lines``: one segment per line, no models), as one page.

Per page, from the HTML (lxml): the cleaned and original views hold the two texts exactly, and the
changes view the original without its insertions and the cleaned text without its deletions; every
edit of the JSON is an element whose struck and inserted text are its before and after; every flag
is marked in the original view; every official is marked in the cleaned view (all its mentions);
nothing the page refers to is outside it (no ``src``, no link but ``#...``) and its one script is its
own; in the injected copies, no element from the article. In the browser (Debian's chromium, Selenium):
no console error, no request, nothing the article injected ran, the three views switch. The batch's
``index.html`` lists every article. Nothing is copied into the project.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
INJECTED = (
    '\n\nA reader wrote <script>window.pwned = 1</script> and <img src=x onerror="window.pwned = 2"> '
    'and <svg onload="window.pwned = 3"></svg> and <a href="javascript:window.pwned=4">a link</a> here.\n'
)


def inputs(shared: Path) -> dict[str, str]:
    """Each article's name and text: web/, the sample, dev/, heldout/; and each again with markup in it."""
    found = {}
    web = sorted((shared / "eval" / "web").glob("*.txt"))
    found.update({f"web/{p.stem}": p.read_text(encoding="utf-8") for p in web})
    found["sample"] = (ROOT / "corpus" / "000_63418d9d2f262613.txt").read_text(encoding="utf-8")
    for part in ("dev", "heldout"):
        found.update(
            {f"{part}/{p.stem}": p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus" / part).glob("*.txt"))}
        )
    injected = {f"injected/{name.replace('/', '_')}": text.rstrip("\n") + INJECTED for name, text in found.items()}
    return {**found, **injected}


def check_page(page: str, record: dict, injected: bool) -> list[str]:
    """What is wrong with one page (nothing when it is right)."""
    from lxml import html as lxml_html

    doc = lxml_html.document_fromstring(page)
    problems = []
    original, clean = record["text"]["original"], record["text"]["clean"]

    def view(name: str):
        return doc.xpath(f'//div[@id="view-{name}"]')[0]

    def without(element, tag: str) -> str:
        element = copy.deepcopy(element)
        for child in element.xpath(f".//{tag}"):
            child.drop_tree()
        return element.text_content()

    if view("clean").text_content() != clean:
        problems.append("cleaned view differs from text.clean")
    if view("original").text_content() != original:
        problems.append("original view differs from text.original")
    if without(view("changes"), "ins") != original or without(view("changes"), "del") != clean:
        problems.append("changes view differs")
    for edit in record["edits"]:
        found = doc.xpath(f'//span[@id="e-{edit["id"]}"]')
        if (
            not found
            or found[0].xpath("string(./del)") != edit["before"]
            or found[0].xpath("string(./ins)") != edit["after"]
        ):
            problems.append(f"edit {edit['id']} not marked")
    for flag in record["flags"]:
        if not doc.xpath(f'//div[@id="view-original"]//span[@id="flag-{flag["id"]}"]'):
            problems.append(f"flag {flag['id']} not marked")
    for i, official in enumerate((record.get("entities") or {}).get("officials", []), 1):
        marks = doc.xpath(f'//div[@id="view-clean"]//mark[@data-ent="o{i}"]')
        ids = {m.get("id") for m in marks if m.get("id")}
        if len(ids) != len(official["mentions"]) or not official["mentions"]:
            problems.append(f"official {official['name']} marked {len(ids)} of {len(official['mentions'])} mentions")
    for element in doc.iter():
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = element.get(name)
            if value is not None and not value.startswith("#"):
                problems.append(f"<{element.tag} {name}={value!r}> refers outside the page")
        if any(name.lower().startswith("on") for name in element.attrib):
            problems.append(f"<{element.tag}> has an event handler")
    if len(doc.xpath("//script")) != 1 or "pwned" in doc.xpath("string(//script)"):
        problems.append("a script that is not the page's")
    if injected and doc.xpath("//img | //svg | //iframe | //object | //embed"):
        problems.append("an element from the article")
    return problems


def browse(pages: list[Path], index: Path) -> dict[str, int]:
    """Open each page (and the index) in headless Chromium: console errors, requests, injected code run,
    views that do not switch."""
    import os

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    counts = {"opened": 0, "console errors": 0, "requests": 0, "injected code ran": 0, "views not switching": 0}
    try:
        for path in [*pages, index]:
            driver.get(path.as_uri())
            counts["opened"] += 1
            errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
            counts["console errors"] += len(errors)
            counts["requests"] += driver.execute_script("return performance.getEntriesByType('resource').length")
            counts["injected code ran"] += driver.execute_script("return window.pwned === undefined ? 0 : 1")
            if path == index:
                continue
            for name in ("original", "changes", "clean"):
                driver.find_element("css selector", f'label[for="v-{name}"]').click()
                if not driver.find_element("id", f"view-{name}").is_displayed():
                    counts["views not switching"] += 1
    finally:
        driver.quit()
    return counts


def wmt_pages(files: list[Path], out: Path, show: int) -> tuple[str, list[Path]]:
    """Each system's output cleaned in line mode as one page, checked like the others: the table, the pages."""
    from pipeline import Settings, process
    from pipeline.render import to_html

    out.mkdir()
    passed, edits, flags, problems = 0, 0, 0, []
    for path in files:
        article = process(path, settings=Settings(lines=True))
        page = to_html(article)
        (out / f"{path.name}.html").write_text(page, encoding="utf-8")
        found = check_page(page, article.to_dict(), injected=False)
        passed += not found
        edits, flags = edits + len(article.edits), flags + len(article.flags)
        problems += [f"{path.name}: {p}" for p in found]
    lines = [
        "\n| wmt22-zhen, one page per system (--lines) | pages | every text, edit and flag marked; nothing outside |",
        "| --- | ---: | ---: |",
        f"| systems' outputs | {len(files)} | {passed} / {len(files)} |",
        f"\n{edits} edits, {flags} flags checked",
        *(f"   {line}" for line in problems[:show]),
    ]
    return "\n".join(lines), sorted(out.glob("*.html"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show", type=int, default=5, help="problems to print")
    args = parser.parse_args()
    if not (args.shared / "eval" / "web").is_dir():
        sys.exit(f"no {args.shared / 'eval' / 'web'}: pass --shared")
    articles = inputs(args.shared)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        for name, text in articles.items():
            path = src / f"{name}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        mtclean = shutil.which("mtclean") or sys.exit("mtclean is not installed (pip install -e .)")
        run = subprocess.run(
            [mtclean, "batch", str(src), "-o", str(out), "-w", str(args.workers), "--formats", "json,html", "--quiet"],
            capture_output=True,
            text=True,
        )
        failures = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
        if run.returncode not in (0, 1) or failures:
            sys.exit(f"batch failed ({run.returncode}): {run.stderr.strip()} {failures[:3]}")
        rows: dict[str, list[int]] = {}
        problems: list[str] = []
        totals = {"edits": 0, "flags": 0, "officials": 0, "mentions": 0}
        for name in articles:
            group = name.split("/")[0]
            record = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
            found = check_page((out / f"{name}.html").read_text(encoding="utf-8"), record, group == "injected")
            row = rows.setdefault(group, [0, 0])
            row[0] += 1
            row[1] += not found
            problems += [f"{name}: {p}" for p in found]
            officials = (record.get("entities") or {}).get("officials", [])
            totals["edits"] += len(record["edits"])
            totals["flags"] += len(record["flags"])
            totals["officials"] += len(officials)
            totals["mentions"] += sum(len(o["mentions"]) for o in officials)
        from lxml import html as lxml_html

        index = lxml_html.document_fromstring((out / "index.html").read_text(encoding="utf-8"))
        linked = {unquote(h)[: -len(".html")] for h in index.xpath('//table[@id="articles"]//a/@href')}
        print("| articles | pages | every text, edit, flag and official marked; nothing outside the page |")
        print("| --- | ---: | ---: |")
        for group, (n, ok) in rows.items():
            print(f"| {group} | {n} | {ok} / {n} |")
        print(
            f"\n{totals['edits']} edits, {totals['flags']} flags, {totals['officials']} officials "
            f"({totals['mentions']} mentions) checked; index.html links {len(linked & set(articles))} of "
            f"{len(articles)} articles"
        )
        for line in problems[: args.show]:
            print("  ", line)
        wmt: list[Path] = []
        files = sorted((args.shared / "eval" / "wmt22-zhen").glob("*.hyp.*.en"))
        if files:
            table, wmt = wmt_pages(files, Path(tmp) / "wmt", args.show)
            print(table)
        if not args.no_browser and Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists():
            counts = browse([*(out / f"{name}.html" for name in articles), *wmt], out / "index.html")
            print("\n| in headless Chromium | count |\n| --- | ---: |")
            for key, value in counts.items():
                print(f"| {key} | {value} |")


if __name__ == "__main__":
    main()
