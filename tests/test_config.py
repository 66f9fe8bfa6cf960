"""Settings: validated when made (rule names when the chain is built), for Python callers as for the command line; the config file."""

import json

import pytest

from pipeline import Settings, process
from pipeline.chain import check_settings
from pipeline.config import load_config
from pipeline.errors import UsageError


def test_rule_names_are_checked_against_the_declarations_before_any_article():
    assert Settings(disabled={"capitals", "junk.contact"}).disabled == frozenset({"capitals", "junk.contact"})
    with pytest.raises(UsageError, match="unknown rule 'capitalz'"):
        check_settings(Settings(disabled={"capitalz"}))
    with pytest.raises(UsageError, match="unknown rule 'nope.rule'"):
        process("The road opened.", settings=Settings(entities=False, enabled=frozenset({"nope.rule"})))


def test_a_string_is_not_taken_for_a_list_of_names():
    with pytest.raises(UsageError, match="collection of rule names"):
        Settings(disabled="capitals")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"points": -1}, "key points"),
        ({"max_bytes": 0}, "size limit"),
        ({"lines": True, "abstractive_model": "m"}, "analysing pass"),
    ],
)
def test_impossible_values_are_refused(changes, message):
    with pytest.raises(UsageError, match=message):
        Settings(**changes)


def test_a_family_switches_all_its_rules_and_a_rule_overrides_nothing_else():
    settings = Settings(disabled={"numbers"}, enabled={"numbers.group_digits"})
    assert not settings.rule_on("numbers.small_magnitude")
    assert not settings.rule_on("numbers.group_digits")  # disabled wins
    assert Settings(enabled={"capitals.dates"}).rule_on("capitals.dates", default=False)


def test_what_the_settings_need():
    assert Settings().needs_nlp and Settings().needs_encoder and not Settings().needs_summariser
    assert not Settings(points=0).needs_encoder and not Settings(lines=True).needs_nlp
    assert not Settings(entities=False, points=5).needs_encoder


def test_config_file_is_read_and_checked(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"disable": ["capitals"], "max_bytes": 1000}))
    assert load_config(path) == {"disable": ["capitals"], "max_size": 1000}  # the JSON key of before
    toml = tmp_path / "c.toml"
    toml.write_text("points = 2\nmax-size = 5000\n[batch]\nworkers = 1\n")
    assert load_config(toml) == {"points": 2, "max_size": 5000, "batch": {"workers": 1}}
    for bad, message in (
        ({"disable": "capitals"}, "must be a list"),
        ({"enable": [1]}, "must be a list"),
        ({"max_bytes": -5}, "positive"),
        ({"max_bytes": True}, "positive"),
        ({"points": {"a": 1}}, "only \\[clean\\] and \\[batch\\]"),
        ([1, 2], "JSON object"),
    ):
        path.write_text(json.dumps(bad))
        with pytest.raises(UsageError, match=message):
            load_config(path)
    toml.write_text("points = = 2")
    with pytest.raises(UsageError, match="TOML"):
        load_config(toml)
