"""The instrument definitions are the data of CLINICAL.md section 1 (item keys, options, bands, flags, source,
licence) and its codes of section 5, exported as JSON for the Instrument table and the pages."""

import json

import pytest
from django.core.exceptions import ValidationError

from monitoring import instruments

ITEM_KEYS = {
    "nrs": ["pain"],
    "peg3": ["pain", "enjoyment", "activity"],
    "phq9": ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "difficulty"],
    "gad7": ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "difficulty"],
    "pgic": ["change"],
    "bladder": ["q1", "q2", "q3", "q4", "blood"],
}
OPTION_VALUES = {
    ("nrs", "pain"): list(range(11)),
    ("peg3", "activity"): list(range(11)),
    ("phq9", "q9"): [0, 1, 2, 3],
    ("gad7", "difficulty"): [0, 1, 2, 3],
    ("pgic", "change"): [1, 2, 3, 4, 5, 6, 7],
    ("bladder", "q1"): [0, 1, 2, 3, 4, 5],
    ("bladder", "q3"): [0, 1, 2, 3, 4, 5],
    ("bladder", "q4"): [0, 2, 3, 4, 5],
    ("bladder", "blood"): [0, 1],
}


@pytest.mark.parametrize("code", instruments.INSTRUMENT_CODES)
def test_definition_is_json_with_the_public_item_keys(code):
    data = json.loads(json.dumps(instruments.definition(code)))
    assert data["code"] == code
    assert data["version"] == "1"
    assert [item["key"] for item in data["items"]] == ITEM_KEYS[code]
    assert data["source"] and data["licence"]


@pytest.mark.parametrize(("code", "key"), OPTION_VALUES)
def test_options_are_the_published_values_in_order(code, key):
    item = next(i for i in instruments.definition(code)["items"] if i["key"] == key)
    assert [option["value"] for option in item["options"]] == OPTION_VALUES[code, key]


def test_published_wording():
    phq9 = instruments.definition("phq9")
    assert phq9["stem"] == "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    assert phq9["items"][8]["text"] == (
        "Thoughts that you would be better off dead, or of hurting yourself in some way"
    )
    assert [o["label"] for o in phq9["items"][0]["options"]] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert instruments.definition("gad7")["stem"] == phq9["stem"]
    assert instruments.definition("nrs")["items"][0]["text"] == "What number best describes your pain right now?"


@pytest.mark.parametrize(
    ("code", "unscored", "optional"),
    [("phq9", ["difficulty"], ["difficulty"]), ("gad7", ["difficulty"], ["difficulty"]), ("bladder", ["blood"], [])],
)
def test_unscored_and_optional_items(code, unscored, optional):
    items = instruments.definition(code)["items"]
    assert [i["key"] for i in items if not i["scored"]] == unscored
    assert [i["key"] for i in items if not i["required"]] == optional


def test_bands_and_flags_are_the_published_keys():
    bands = {code: [b["key"] for b in instruments.definition(code)["bands"]] for code in instruments.INSTRUMENT_CODES}
    assert bands == {
        "nrs": ["none", "mild", "moderate", "severe"],
        "peg3": [],
        "phq9": ["minimal", "mild", "moderate", "moderately_severe", "severe"],
        "gad7": ["minimal", "mild", "moderate", "severe"],
        "pgic": [
            "very_much_improved",
            "much_improved",
            "minimally_improved",
            "no_change",
            "minimally_worse",
            "much_worse",
            "very_much_worse",
        ],
        "bladder": [],
    }
    flags = {code: [f["key"] for f in instruments.definition(code)["flags"]] for code in instruments.INSTRUMENT_CODES}
    assert flags == {
        "nrs": [],
        "peg3": [],
        "phq9": ["suicidality"],
        "gad7": [],
        "pgic": ["responder"],
        "bladder": ["hematuria", "bladder_pain"],
    }


@pytest.mark.parametrize(
    ("code", "part", "system", "value"),
    [
        ("nrs", "total", "http://loinc.org", "72514-3"),
        ("phq9", "panel", "http://loinc.org", "44249-1"),
        ("phq9", "total", "http://loinc.org", "44261-6"),
        ("phq9", "q9", "http://loinc.org", "44260-8"),
        ("gad7", "panel", "http://loinc.org", "69737-5"),
        ("gad7", "total", "http://loinc.org", "70274-6"),
        ("peg3", "total", "urn:anodyne:instrument", "peg3"),
        ("pgic", "change", "urn:anodyne:instrument", "pgic.change"),
        ("bladder", "blood", "urn:anodyne:instrument", "bladder.blood"),
    ],
)
def test_export_codes(code, part, system, value):
    assert instruments.coding(code, part) == {"system": system, "code": value}


def test_the_local_code_system_is_a_setting(settings):
    settings.ANODYNE_CODE_SYSTEM = "https://codes.example.org/anodyne"
    assert instruments.coding("peg3") == {"system": "https://codes.example.org/anodyne", "code": "peg3"}


def test_coding_of_an_unknown_item_is_refused():
    with pytest.raises(ValidationError, match="phq9 has no item 'q10'"):
        instruments.coding("phq9", "q10")
