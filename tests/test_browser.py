"""The review page and the batch index in a real browser: Debian's Chromium, driven by Selenium through
Debian's chromedriver (nothing downloaded). Skipped, with the reason, where either is not installed;
CI installs both (.ci/run).

Selenium talks to chromedriver over a loopback socket: these tests allow loopback only (pytest-socket),
and the pages themselves may load nothing (their Content-Security-Policy), which the tests check too.
"""

import os
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLE, run_cli

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), None)
DRIVER = next(
    (p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver") or "") if p and Path(p).exists()), None
)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")

pytestmark = [
    pytest.mark.skipif(
        CHROMIUM is None or DRIVER is None,
        reason="Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
    ),
    pytest.mark.enable_socket,
    pytest.mark.allow_hosts(["127.0.0.1", "::1", "localhost"]),
]

EVIL = (
    'Title <img src=x onerror="window.pwned = 1"> and <script>window.pwned = 2</script>\n\n'
    "The <script>window.pwned = 3</script> ministry held a meeting.\n\n"
    'Residents said <img src=x onerror="window.pwned = 4"> that the the plan <svg onload="window.pwned=5"></svg> helps.\n'
    # prose enough that the few tags above read as text quoted in an article, not as a web page
    + "".join(
        f"In district {n}, the county built {n} new roads and repaired {n + 1} bridges this year.\n" for n in range(30)
    )
)


def _browser(script: bool = True):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager never looks for a driver to download
    options = Options()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1600",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not script:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)


@pytest.fixture(scope="module")
def browser():
    driver = _browser()
    yield driver
    driver.quit()


def open_page(driver, path: Path):
    driver.get(path.resolve().as_uri())
    driver.get_log("browser")  # what an earlier page logged is not this one's
    driver.refresh()
    return driver


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def requests_made(driver) -> list[str]:
    return driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")


def shown(driver, view: str) -> bool:
    return driver.find_element("id", f"view-{view}").is_displayed()


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory, analysed_sample):
    from pipeline.render import to_html

    path = tmp_path_factory.mktemp("page") / "sample.html"
    path.write_text(to_html(analysed_sample), encoding="utf-8")
    return path


@pytest.mark.slow
def test_the_sample_page_opens_with_no_error_and_loads_nothing(browser, sample_page):
    open_page(browser, sample_page)
    assert browser.title.startswith("Ministry of Housing")
    assert console_errors(browser) == []
    assert requests_made(browser) == []


@pytest.mark.slow
def test_the_three_views_switch(browser, sample_page):
    open_page(browser, sample_page)
    assert shown(browser, "clean") and not shown(browser, "original") and not shown(browser, "changes")
    for name in ("original", "changes", "clean"):
        browser.find_element("css selector", f'label[for="v-{name}"]').click()
        assert [shown(browser, v) for v in ("clean", "original", "changes")] == [
            v == name for v in ("clean", "original", "changes")
        ]
    assert console_errors(browser) == []


@pytest.mark.slow
def test_every_edit_of_the_sample_is_a_marked_span_of_its_before_or_after(browser, sample_page, analysed_sample):
    open_page(browser, sample_page)
    browser.find_element("css selector", 'label[for="v-changes"]').click()
    for edit in analysed_sample.edits:
        element = browser.find_element("id", f"e-{edit.id}")
        removed = element.find_elements("tag name", "del")
        added = element.find_elements("tag name", "ins")
        texts = [browser.execute_script("return arguments[0].textContent", e) for e in removed + added]
        assert texts == [t for t in (edit.before, edit.after) if t], edit
        # keyboard focus shows the rule, the reason and the confidence
        browser.execute_script("arguments[0].focus()", element)
        tip = browser.execute_script("return getComputedStyle(arguments[0], '::after').content", element)
        assert edit.rule in tip and f"{edit.confidence:.2f}" in tip


@pytest.mark.slow
def test_every_official_is_marked_and_selecting_one_shows_the_posts(browser, sample_page, analysed_sample):
    open_page(browser, sample_page)
    officials = analysed_sample.entities.officials
    assert officials
    for i, official in enumerate(officials, 1):
        marks = browser.find_elements("css selector", f'#view-clean mark.official[data-ent="o{i}"]')
        texts = [m.text for m in marks]
        assert sorted(set(texts)) == sorted({m.text for m in official.mentions}), official.name
    with_posts = next(i for i, o in enumerate(officials, 1) if o.roles)
    browser.find_element("css selector", f'#view-clean mark[data-ent="o{with_posts}"]').click()
    panel = browser.find_element("id", "panel-body").text
    official = officials[with_posts - 1]
    assert official.name in panel and official.roles[0].title in panel
    selected = browser.find_elements("css selector", f'#view-clean mark.selected[data-ent="o{with_posts}"]')
    assert len(selected) == len(official.mentions)
    assert console_errors(browser) == []


@pytest.mark.slow
def test_a_flag_link_switches_to_the_view_that_shows_it(browser, sample_page, analysed_sample):
    open_page(browser, sample_page)
    flag = analysed_sample.flags[0]
    browser.find_element("css selector", f'#flags a[href="#flag-{flag.id}"]').click()
    assert shown(browser, "original")
    assert browser.find_element("id", f"flag-{flag.id}").is_displayed()


def test_markup_in_an_article_runs_nothing(browser, tmp_path):
    story = tmp_path / "evil.txt"
    story.write_text(EVIL, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("clean", story, "-o", out, "--no-entities")
    assert result.returncode == 0, result.stderr
    open_page(browser, out / "evil.html")
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.execute_script("return document.images.length + document.querySelectorAll('svg').length") == 0
    assert browser.execute_script("return document.scripts.length") == 1
    assert "<script>window.pwned = 3</script>" in browser.find_element("id", "view-clean").text
    assert requests_made(browser) == []
    assert console_errors(browser) == []


def test_the_page_reads_and_switches_with_script_off(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("The the ministry held a meeting.\n\nIt built more than ,000 homes.\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("clean", story, "-o", out, "--no-entities").returncode == 0
    driver = _browser(script=False)
    try:
        open_page(driver, out / "story.html")
        assert "ministry held a meeting" in driver.find_element("id", "view-clean").text
        driver.find_element("css selector", 'label[for="v-changes"]').click()
        assert shown(driver, "changes") and not shown(driver, "clean")
        assert driver.find_element("css selector", "#view-changes del").text.strip().lower() == "the"
    finally:
        driver.quit()


def test_the_batch_index_sorts_filters_and_links(browser, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLE, src / "sample.txt")
    (src / "evil.txt").write_text(EVIL, encoding="utf-8")
    (src / "plain.txt").write_text("Zhang Wei visited the plant. " * 5 + "\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert run_cli("batch", src, "-o", out, "-w", "1", "--no-entities", "--quiet").returncode == 1
    open_page(browser, out / "index.html")
    assert console_errors(browser) == [] and requests_made(browser) == []
    assert browser.execute_script("return window.pwned === undefined")

    def visible_rows():
        return [r for r in browser.find_elements("css selector", "#articles tbody tr") if r.is_displayed()]

    assert len(visible_rows()) == 3
    assert "empty.txt" in browser.find_element("id", "failures").find_element("xpath", "following-sibling::table").text
    browser.find_element("id", "filter").send_keys("PLAIN")
    assert len(visible_rows()) == 1 and "plain.txt" in visible_rows()[0].text
    browser.find_element("id", "filter").clear()
    browser.execute_script("document.getElementById('filter').dispatchEvent(new Event('input'))")
    assert len(visible_rows()) == 3
    edits_header = browser.find_element("xpath", '//th[button[text()="Edits"]]/button')
    for _ in range(2):  # ascending, then descending
        edits_header.click()
        counts = [int(r.find_elements("tag name", "td")[4].text) for r in visible_rows()]
        order = browser.find_element("xpath", '//th[button[text()="Edits"]]').get_attribute("aria-sort")
        assert counts == sorted(counts, reverse=order == "descending")
    link = next(r for r in visible_rows() if "sample.txt" in r.text).find_element("tag name", "a")
    link.click()
    assert browser.current_url.endswith("/sample.html") and shown(browser, "clean")
    assert console_errors(browser) == []
