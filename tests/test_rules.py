"""The rules: one declaration each beside its function, one order, one gate; the listing is printed from the
declarations and right in both modes."""

import ast
import glob
import inspect
import json
import re
import textwrap
from pathlib import Path

import pytest

from conftest import DEV, ROOT, SAMPLE, SHARED, run_cli
from pipeline import Settings, clean_file, clean_text
from pipeline.chain import catalogue, check_settings
from pipeline.errors import UsageError
from pipeline.repair import registry
from pipeline.repair.loop import ORDER, RULES, repair_text

CONTACT = "The county opened a new road today.\n\nTel: 0551-1234567\n\nRead more: other news\n"
LINE_MODE_CASES = json.loads((Path(__file__).parent / "data" / "line_mode_cases.json").read_text(encoding="utf-8"))


def _names(article):
    return {r for e in article.edits for r in (e.rule, *e.rules)} | {f.rule for f in article.flags}


def _known():
    return {r.name for r in catalogue()}


def test_names_are_unique_and_every_declared_rule_runs_once_in_the_order():
    names = [r.name for r in catalogue()]
    assert len(names) == len(set(names))
    assert len(ORDER) == len(set(ORDER))
    assert set(registry.DECLARED) == set(ORDER)  # a rule declared but left out of the order never runs
    for r in catalogue():
        assert r.raised_by or any(r in rule.names for rule in RULES), r.name


def test_no_rule_function_decides_whether_it_runs():
    """The loop is the only gate: a rule function never reads the settings, asks is_on, or tests line mode
    to return nothing."""
    for rule in RULES:
        source = textwrap.dedent(inspect.getsource(rule.fn))
        params = [a.arg for a in ast.parse(source).body[0].args.args]
        assert params == ["text", "ctx"], rule.name
        assert "is_on(" not in source and "settings" not in source, rule.name
        assert not re.search(r"if ctx\.line_segments:\s*\n\s*return", source), rule.name


@pytest.mark.parametrize("case", LINE_MODE_CASES["cases"], ids=lambda c: c["rule"])
def test_each_name_listed_as_running_in_line_mode_records_on_its_case(case):
    text = case["text"] if isinstance(case["text"], str) else case["text"]["repeat"] * case["text"]["times"]
    assert case["rule"] in _names(clean_text(text, Settings(lines=True)))


def test_every_name_listed_as_running_in_line_mode_has_a_case():
    on_in_lines = {r.name for r in catalogue() if r.is_on(Settings(lines=True))}
    assert on_in_lines == {c["rule"] for c in LINE_MODE_CASES["cases"]}


def test_a_rule_off_in_line_mode_is_listed_so_and_does_not_run_there():
    leftover = "The county opened a new road today.\nRead more: other news\n"
    assert "Read more" not in clean_text(leftover).clean
    assert "Read more" in clean_text(leftover, Settings(lines=True)).clean
    line = next(x for x in run_cli("rules").stdout.splitlines() if x.startswith("junk.leftover_line "))
    assert "off in --lines" in line
    enabled = clean_text(leftover, Settings(lines=True, enabled=frozenset({"junk.leftover_line"})))
    assert "Read more" not in enabled.clean  # --enable switches it on in line mode: the gate is the loop


def test_every_name_in_the_outputs_of_the_project_articles_is_registered():
    seen = set()
    for path in [SAMPLE, *DEV, *sorted((ROOT / "corpus" / "heldout").glob("*.txt"))]:
        seen |= _names(clean_file(path))
    assert seen <= _known(), seen - _known()
    assert "+" not in "".join(seen)


@pytest.mark.slow
def test_every_name_in_the_outputs_of_the_real_pages_is_registered_and_accepted(models):
    pages = sorted(glob.glob(str(SHARED / "eval" / "web" / "*.txt")))
    if not pages:
        pytest.skip("needs the shared evaluation data (shared/eval/web is absent)")
    from pipeline import process

    seen = set()
    for page in pages:
        seen |= _names(process(Path(page), models, Settings(points=0)))
    assert seen <= _known(), seen - _known()
    listed = {line.split()[0] for line in run_cli("rules").stdout.splitlines()}
    assert seen <= listed
    for name in seen:
        check_settings(Settings(disabled={name}))


def test_an_unknown_rule_name_is_refused_when_the_chain_is_built():
    with pytest.raises(UsageError, match="unknown rule 'capital'"):
        clean_text("The road opened.", Settings(disabled={"capital"}))


def test_disabling_a_name_drops_only_its_records():
    both = clean_text(CONTACT)
    assert {"junk.contact", "junk.leftover_line"} <= _names(both)
    no_contact = clean_text(CONTACT, Settings(disabled={"junk.contact"}))
    assert "Tel: 0551-1234567" in no_contact.clean and "Read more" not in no_contact.clean
    no_leftover = clean_text(CONTACT, Settings(disabled={"junk.leftover_line"}))
    assert "Tel:" not in no_leftover.clean and "Read more" in no_leftover.clean
    none = clean_text(CONTACT, Settings(disabled={"junk"}))
    assert "Tel:" in none.clean and "Read more" in none.clean


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


def test_names_and_families_are_accepted():
    check_settings(Settings(disabled={"capitals", "metadata", "junk.contact", "input.untranslated"}))


def test_rules_off_by_default_or_in_line_mode_are_listed_so():
    out = run_cli("rules").stdout
    line = next(x for x in out.splitlines() if x.startswith("numbers.group_digits "))
    assert "off in --lines" in line
    line = next(x for x in out.splitlines() if x.startswith("repetition.meaning_lost "))
    assert "by repetition.phrase_loop, repetition.and_double" in line


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
