"""The entity benchmark's scoring: what counts as the expected place or post (no model needed)."""

from benchmarks.entities_quality import misses, score

_EMPTY = {"officials": [], "banks": [], "organizations": []}


def _place(name, kind="county", parent="Liaocheng", **extra):
    return {"name": name, "kind": kind, "parent": parent, **extra}


def test_a_place_scores_under_the_canonical_name_the_expected_file_gives():
    expected = {**_EMPTY, "places": [_place("Shenxian County", canonical="Shen County")]}
    assert score({**_EMPTY, "places": [_place("Shen County")]}, expected)["places_tp"] == 1
    assert score({**_EMPTY, "places": [_place("Shenxian County")]}, expected)["places_tp"] == 1
    assert score({**_EMPTY, "places": [_place("Shen County", parent="Heze")]}, expected)["places_tp"] == 0
    assert (
        score({**_EMPTY, "places": [_place("Shen County")]}, {**_EMPTY, "places": [_place("Shenxian County")]})[
            "places_tp"
        ]
        == 0
    )


def test_misses_list_what_is_lacking_and_what_is_extra():
    expected = {
        **_EMPTY,
        "officials": [{"name": "Wu Hong", "roles": [["director", "Hefei Forestry Bureau"]]}],
        "organizations": ["Hefei Forestry Bureau"],
        "places": [_place("Shen County")],
    }
    pred = {
        **_EMPTY,
        "officials": [{"name": "Wu Hong", "roles": [{"title": "director", "organization": None}]}],
        "organizations": [{"name": "Hefei Water Bureau"}],
        "places": [_place("Shen County", parent="Heze")],
    }
    out = misses(pred, expected)
    assert "post Wu Hong: director / Hefei Forestry Bureau (ours: [('director', None)])" in out
    assert "extra post Wu Hong: director / None" in out
    assert "organisation Hefei Forestry Bureau" in out and "extra organisation Hefei Water Bureau" in out
    assert "place ('shen county', 'county', 'liaocheng')" in out
    assert "extra place ('shen county', 'county', 'heze')" in out


def test_only_places_of_county_level_and_up_are_scored():
    expected = {**_EMPTY, "places": [_place("Shen County"), _place("Guangrunpo", kind="other", parent="Shen County")]}
    c = score({**_EMPTY, "places": [_place("Shen County")]}, expected)
    assert (c["places_tp"], c["places_gold"], c["places_pred"]) == (1, 1, 1)
