"""Screenshots of the sample's review page for the README, made in headless Chromium (Debian's chromium
and chromedriver, through Selenium; nothing downloaded):

    python scripts/screenshot.py            # writes docs/review-page.png and docs/review-changes.png

The first shows the cleaned view with the first official who holds a post selected (the panel gives
the posts and mentions); the second the changes view at the first edit after the title.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=ROOT / "corpus" / "000_63418d9d2f262613.txt")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1100)
    args = parser.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    import pipeline

    settings = pipeline.Settings()
    article = pipeline.process(args.article, pipeline.load(settings), settings)
    os.environ.setdefault("SE_OFFLINE", "true")
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(arg)
    options.add_argument(f"--window-size={args.width},{args.height}")
    driver = webdriver.Chrome(service=Service(executable_path="/usr/bin/chromedriver"), options=options)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "page.html"
            page.write_text(pipeline.render.to_html(article), encoding="utf-8")
            driver.get(page.as_uri())
            officials = article.entities.officials if article.entities else []
            chosen = next((i for i, o in enumerate(officials, 1) if o.roles), None)
            if chosen is not None:
                mark = driver.find_element("css selector", f'#view-clean mark[data-ent="o{chosen}"]')
                mark.click()
                driver.execute_script("arguments[0].blur()", mark)
            driver.execute_script("document.querySelector('.viewer').scrollIntoView()")
            driver.save_screenshot(str(args.out / "review-page.png"))
            driver.find_element("css selector", 'label[for="v-changes"]').click()
            edits = [e for e in article.edits if e.before.strip() and e.after.strip()]
            if edits:
                target = driver.find_element("id", f"e-{edits[0].id}")
                driver.execute_script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -120)", target)
                driver.execute_script("arguments[0].focus()", target)
            driver.save_screenshot(str(args.out / "review-changes.png"))
    finally:
        driver.quit()
    print(f"wrote {args.out / 'review-page.png'} and {args.out / 'review-changes.png'}")


if __name__ == "__main__":
    main()
