"""The one registry: every name an output carries is listed and can be switched off; one loop runs it."""

import glob
import re

import pytest

from conftest import DEV, ROOT, SAMPLE, SHARED, run_cli
from pipeline import Settings, clean_file, clean_text
from pipeline.rules import REGISTRY, by_name, known_names, repair_text

CONTACT = "The county opened a new road today.\n\nTel: 0551-1234567\n\nRead more: other news\n"


def _names(article):
    return {r for e in article.edits for r in (e.rule, *e.rules)} | {f.rule for f in article.flags}


def test_names_are_unique_and_every_family_has_a_rule_that_runs():
    names = [r.name for r in REGISTRY]
    assert len(names) == len(set(names))
    runnable = {r.family for r in REGISTRY if r.fn is not None}
    assert {r.family for r in REGISTRY if r.raised_by and not r.raised_by.startswith("the ")} <= runnable
    for rule in REGISTRY:
        if rule.fn is None:
            assert rule.raised_by, rule.name


def test_every_name_in_the_outputs_of_the_project_articles_is_registered():
    seen = set()
    for path in [SAMPLE, *DEV, *sorted((ROOT / "corpus" / "heldout").glob("*.txt"))]:
        seen |= _names(clean_file(path))
    assert seen <= set(by_name()), seen - set(by_name())
    assert "+" not in "".join(seen)


@pytest.mark.slow
def test_every_name_in_the_outputs_of_the_real_pages_is_registered_and_accepted(models):
    pages = sorted(glob.glob(str(SHARED / "eval" / "web" / "*.txt")))
    if not pages:
        pytest.skip("needs the shared evaluation data (shared/eval/web is absent)")
    from pathlib import Path

    from pipeline import process

    seen = set()
    for page in pages:
        seen |= _names(process(Path(page), models, Settings(points=0)))
    assert seen <= set(by_name()), seen - set(by_name())
    listed = {line.split()[0] for line in run_cli("rules").stdout.splitlines()}
    assert seen <= listed
    for name in seen:
        assert Settings(disabled={name}).disabled == {name}


def test_disabling_a_name_another_rule_records_drops_only_those_records():
    both = clean_text(CONTACT)
    assert {"junk.contact", "junk.leftover_line"} <= _names(both)
    no_contact = clean_text(CONTACT, Settings(disabled={"junk.contact"}))
    assert "Tel: 0551-1234567" in no_contact.clean and "Read more" not in no_contact.clean
    none = clean_text(CONTACT, Settings(disabled={"junk.leftover_line"}))
    assert "Tel:" in none.clean and "Read more" in none.clean  # the rule that records both is off


def test_a_flag_of_a_rule_that_is_off_is_not_raised():
    loop = "ask the people, ask the people, ask the people, ask the people to come."
    assert "repetition.meaning_lost" in {f.rule for f in clean_text(loop).flags}
    quiet = clean_text(loop, Settings(disabled={"repetition.meaning_lost"}))
    assert quiet.clean == clean_text(loop).clean and not quiet.flags


def test_one_loop_settles_the_text_and_a_second_run_changes_nothing():
    text = SAMPLE.read_text(encoding="utf-8")
    log, meta = repair_text(text, Settings())
    again, _ = repair_text(log.text, Settings())
    assert again.text == log.text and again.edits() == []
    assert meta.title and meta.published == "2024-05-17"


def test_names_and_families_are_known():
    assert {"capitals", "metadata", "junk.contact", "input.untranslated"} <= known_names()


def test_rules_off_by_default_or_in_line_mode_are_listed_so():
    out = run_cli("rules").stdout
    line = next(x for x in out.splitlines() if x.startswith("numbers.group_digits "))
    assert "off in --lines" in line
    line = next(x for x in out.splitlines() if x.startswith("junk.contact "))
    assert "by junk.leftover_line" in line


def test_a_metadata_rule_switched_off_still_reads_the_metadata_and_leaves_the_lines():
    text = "Wuhan opens a metro line\n\nfrom:Network date:2023-09-01 reading:728\n\nThe line opened today."
    on = clean_text(text)
    off = clean_text(text, Settings(disabled={"metadata.header"}))
    assert "network" not in on.clean.lower() and re.search(r"from: ?network", off.clean.lower())
    assert on.metadata == off.metadata and off.metadata.title == "Wuhan opens a metro line"
    assert (off.metadata.published, off.metadata.views) == ("2023-09-01", 728)


@pytest.mark.slow
def test_no_number_value_changes_and_no_lost_names_on_the_real_sets():
    from pathlib import Path

    from pipeline.safety import removed_spans, violations

    web = sorted((SHARED / "eval" / "web").glob("*.txt"))
    if not web:
        pytest.skip("needs the shared evaluation data (shared/eval/web is absent)")
    found = []
    for page in web:
        a = clean_file(page)
        found += [f"{page.name}: {v}" for v in violations(a.original, a.clean, removed_spans(a))]
    segments = []
    for name in (
        "wmt22-zhen/generaltest2022.zh-en.hyp.Online-A.en",
        "wmt22-zhen/generaltest2022.zh-en.hyp.DLUT.en",
        "mlqe-pe/ne-en/dev.mt",
        "mlqe-pe/si-en/dev.mt",
        "mlqe-pe/ro-en/dev.mt",
    ):
        segments += Path(SHARED / "eval" / name).read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(segments):
        a = clean_text(line, Settings(lines=True))
        found += [f"segment {i}: {v}" for v in violations(a.original, a.clean, removed_spans(a))]
    assert found == []
