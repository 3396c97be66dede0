"""The six validated instruments of CLINICAL.md section 1, as data, and their scoring. Pure: no database.

Codes (`nrs`, `peg3`, `phq9`, `gad7`, `pgic`, `bladder`) and item keys are a public contract (API, FHIR export,
tests): never rename them. Public API:

- `score(code, answers) -> Score` — CLINICAL.md's scoring contract. `answers` maps item key -> int (a bool is not
  an int). Every required item must be present; an unknown key, a missing key, a non-integer or a value outside the
  item's options raises `django.core.exceptions.ValidationError` (one entry per bad item, keyed by the item key and
  naming it in its message); an unknown code raises the same, naming the code.
- `definition(code) -> dict` — a JSON-serialisable copy of the definition, for the Instrument table and the pages.
- `get(code) -> InstrumentDefinition`, `INSTRUMENT_CODES`, `INSTRUMENTS`.
- `band_rank(code, band) -> int` — the band's position in the instrument's bands, 0 = the best; "rises a severity
  band" (CLINICAL.md section 3, mood worsening) is `band_rank(code, new) > band_rank(code, previous)`.
- `coding(code, part="total") -> dict` — the FHIR coding (system and code) of an instrument's panel, total or item
  (CLINICAL.md section 5): LOINC where one is given, else settings.ANODYNE_CODE_SYSTEM with `code` or `code.item`.

Decisions:
- `bladder`'s local `blood` item is required although unscored: it is the safety question behind the `hematuria`
  flag, and a missing answer must not read as "no". `difficulty` (PHQ-9, GAD-7) is optional; when present it is
  validated like any item and never counted.
- Every item error is reported at once (ValidationError with an error_dict keyed by item key), so a page can show
  each message beside its question.
- PEG-3's mean is rounded in exact integer arithmetic (floor(10 x sum / n + 1/2) tenths), so no decimal context
  (precision, rounding mode) can change it. With three whole-number items the exact mean is never a tie at the
  second decimal (x.x5), so half-up and banker's rounding agree on every answer; half-up is still what is coded.
- Flags are data too: a flag is raised when its item's answer lies within [min, max].
- Bands and options are listed from the best to the worst answer, so a band's rank is its position.

Versioning: a response stores the `version` it was answered with. The definitions are copied into
monitoring.Instrument by the data migration monitoring/0003_copy_instruments; a changed definition (any text,
option, band, flag or scoring rule) needs a new `version` here AND a new data migration that copies it again —
the old migration keeps the database as it was at its time only because it runs once.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from django.conf import settings
from django.core.exceptions import ValidationError

LOINC_SYSTEM = "http://loinc.org"

SUM = "sum"
MEAN = "mean"  # a Decimal rounded half-up to one decimal


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    options: tuple[tuple[int, str], ...]  # (value, label), in the published order
    scored: bool = True
    required: bool = True

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(value for value, _ in self.options)


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    min: int
    max: int


@dataclass(frozen=True)
class Flag:
    key: str
    item: str
    min: int
    max: int
    description: str


@dataclass(frozen=True)
class InstrumentDefinition:
    code: str
    name: str
    version: str
    stem: str  # the published preamble shown above the items ("" when the items stand alone)
    items: tuple[Item, ...]
    scoring: str  # SUM or MEAN of the scored items
    scoring_text: str
    bands: tuple[Band, ...]
    flags: tuple[Flag, ...]
    source: str
    licence: str
    loinc: Mapping[str, str]  # "panel", "total" or an item key -> LOINC code; empty for a local instrument

    @property
    def scored_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.scored)

    def item(self, key: str) -> Item:
        return next(item for item in self.items if item.key == key)


@dataclass(frozen=True)
class Score:
    code: str
    version: str
    total: int | Decimal
    band: str | None
    flags: frozenset[str] = frozenset()
    subscales: dict = field(default_factory=dict)


def _scale_0_10(low: str, high: str) -> tuple[tuple[int, str], ...]:
    return tuple((value, {0: f"0 — {low}", 10: f"10 — {high}"}.get(value, str(value))) for value in range(11))


# PHQ-9 and GAD-7 share the stem, the 0-3 options and the difficulty item (Kroenke 2001; Spitzer 2006).
_TWO_WEEKS_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
_FREQUENCY = ((0, "Not at all"), (1, "Several days"), (2, "More than half the days"), (3, "Nearly every day"))
_DIFFICULTY = Item(
    key="difficulty",
    text="If you checked off any problems, how difficult have these problems made it for you to do your work, "
    "take care of things at home, or get along with other people?",
    options=((0, "Not difficult at all"), (1, "Somewhat difficult"), (2, "Very difficult"), (3, "Extremely difficult")),
    scored=False,
    required=False,
)
_PFIZER_NOTICE = 'Public domain (Pfizer: "No permission required to reproduce, translate, display or distribute").'

_PEG_INTERFERENCE = _scale_0_10("Does not interfere", "Completely interferes")

# ICSI items 1-2 (O'Leary et al., Urology 1997).
_ICSI_FREQUENCY = (
    (0, "Not at all"),
    (1, "Less than 1 time in 5"),
    (2, "Less than half the time"),
    (3, "About half the time"),
    (4, "More than half the time"),
    (5, "Almost always"),
)

_DEFINITIONS = (
    InstrumentDefinition(
        code="nrs",
        name="Pain intensity (0-10 numeric rating scale)",
        version="1",
        stem="",
        items=(
            Item(
                "pain",
                "What number best describes your pain right now?",
                _scale_0_10("No pain", "Worst pain imaginable"),
            ),
        ),
        scoring=SUM,
        scoring_text="The answer, 0-10.",
        # NRS bands: common clinical convention (CLINICAL.md section 1).
        bands=(
            Band("none", "No pain", 0, 0),
            Band("mild", "Mild", 1, 3),
            Band("moderate", "Moderate", 4, 6),
            Band("severe", "Severe", 7, 10),
        ),
        flags=(),
        source="0-10 numeric rating scale of pain intensity; bands by common clinical convention.",
        licence="Public domain (a generic numeric rating scale).",
        loinc=MappingProxyType({"panel": "72514-3", "total": "72514-3", "pain": "72514-3"}),
    ),
    InstrumentDefinition(
        code="peg3",
        name="PEG: Pain, Enjoyment of life, General activity",
        version="1",
        stem="",
        items=(
            Item(
                "pain",
                "What number best describes your pain on average in the past week?",
                _scale_0_10("No pain", "Pain as bad as you can imagine"),
            ),
            Item(
                "enjoyment",
                "What number best describes how, during the past week, pain has interfered with your enjoyment of "
                "life?",
                _PEG_INTERFERENCE,
            ),
            Item(
                "activity",
                "What number best describes how, during the past week, pain has interfered with your general activity?",
                _PEG_INTERFERENCE,
            ),
        ),
        scoring=MEAN,
        scoring_text="The mean of the three items, rounded half-up to one decimal (7, 8, 8 → 7.7).",
        bands=(),
        flags=(),
        source="Krebs EE et al. Development and initial validation of the PEG, a three-item scale assessing pain "
        "intensity and interference. J Gen Intern Med 2009;24:733-8.",
        licence="Public domain.",
        loinc=MappingProxyType({}),
    ),
    InstrumentDefinition(
        code="phq9",
        name="Patient Health Questionnaire-9 (PHQ-9)",
        version="1",
        stem=_TWO_WEEKS_STEM,
        items=(
            Item("q1", "Little interest or pleasure in doing things", _FREQUENCY),
            Item("q2", "Feeling down, depressed, or hopeless", _FREQUENCY),
            Item("q3", "Trouble falling or staying asleep, or sleeping too much", _FREQUENCY),
            Item("q4", "Feeling tired or having little energy", _FREQUENCY),
            Item("q5", "Poor appetite or overeating", _FREQUENCY),
            Item(
                "q6",
                "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
                _FREQUENCY,
            ),
            Item(
                "q7",
                "Trouble concentrating on things, such as reading the newspaper or watching television",
                _FREQUENCY,
            ),
            Item(
                "q8",
                "Moving or speaking so slowly that other people could have noticed, or the opposite — being so "
                "fidgety or restless that you have been moving around a lot more than usual",
                _FREQUENCY,
            ),
            Item("q9", "Thoughts that you would be better off dead, or of hurting yourself in some way", _FREQUENCY),
            _DIFFICULTY,
        ),
        scoring=SUM,
        scoring_text="The sum of q1-q9, 0-27.",
        # PHQ-9 bands: Kroenke, Spitzer, Williams 2001.
        bands=(
            Band("minimal", "Minimal", 0, 4),
            Band("mild", "Mild", 5, 9),
            Band("moderate", "Moderate", 10, 14),
            Band("moderately_severe", "Moderately severe", 15, 19),
            Band("severe", "Severe", 20, 27),
        ),
        # Any answer above 0 to item 9, whatever the total (CLINICAL.md sections 1 and 6).
        flags=(Flag("suicidality", "q9", 1, 3, "Item 9 (thoughts of being better off dead or of self-harm) > 0."),),
        source="Kroenke K, Spitzer RL, Williams JBW. The PHQ-9: validity of a brief depression severity measure. "
        "J Gen Intern Med 2001;16:606-13.",
        licence=_PFIZER_NOTICE,
        loinc=MappingProxyType({"panel": "44249-1", "total": "44261-6", "q9": "44260-8"}),
    ),
    InstrumentDefinition(
        code="gad7",
        name="Generalized Anxiety Disorder-7 (GAD-7)",
        version="1",
        stem=_TWO_WEEKS_STEM,
        items=(
            Item("q1", "Feeling nervous, anxious, or on edge", _FREQUENCY),
            Item("q2", "Not being able to stop or control worrying", _FREQUENCY),
            Item("q3", "Worrying too much about different things", _FREQUENCY),
            Item("q4", "Trouble relaxing", _FREQUENCY),
            Item("q5", "Being so restless that it is hard to sit still", _FREQUENCY),
            Item("q6", "Becoming easily annoyed or irritable", _FREQUENCY),
            Item("q7", "Feeling afraid, as if something awful might happen", _FREQUENCY),
            _DIFFICULTY,
        ),
        scoring=SUM,
        scoring_text="The sum of q1-q7, 0-21.",
        # GAD-7 bands: Spitzer et al. 2006.
        bands=(
            Band("minimal", "Minimal", 0, 4),
            Band("mild", "Mild", 5, 9),
            Band("moderate", "Moderate", 10, 14),
            Band("severe", "Severe", 15, 21),
        ),
        flags=(),
        source="Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety "
        "disorder: the GAD-7. Arch Intern Med 2006;166:1092-7.",
        licence=_PFIZER_NOTICE,
        loinc=MappingProxyType({"panel": "69737-5", "total": "70274-6"}),
    ),
    InstrumentDefinition(
        code="pgic",
        name="Patient Global Impression of Change (PGIC)",
        version="1",
        stem="",
        items=(
            Item(
                "change",
                "Since you started treatment at this clinic, how would you describe the change, if any, in your pain "
                "condition overall?",
                (
                    (1, "Very much improved"),
                    (2, "Much improved"),
                    (3, "Minimally improved"),
                    (4, "No change"),
                    (5, "Minimally worse"),
                    (6, "Much worse"),
                    (7, "Very much worse"),
                ),
            ),
        ),
        scoring=SUM,
        scoring_text="The answer, 1-7.",
        bands=(
            Band("very_much_improved", "Very much improved", 1, 1),
            Band("much_improved", "Much improved", 2, 2),
            Band("minimally_improved", "Minimally improved", 3, 3),
            Band("no_change", "No change", 4, 4),
            Band("minimally_worse", "Minimally worse", 5, 5),
            Band("much_worse", "Much worse", 6, 6),
            Band("very_much_worse", "Very much worse", 7, 7),
        ),
        # IMMPACT (Dworkin et al., J Pain 2008;9:105-21): "much" or "very much improved" is a clinically important
        # global improvement.
        flags=(Flag("responder", "change", 1, 2, "Much or very much improved (IMMPACT)."),),
        source="Patient Global Impression of Change, NINDS common data element; responder definition: Dworkin RH "
        "et al. (IMMPACT), J Pain 2008;9:105-21.",
        licence="Public domain.",
        loinc=MappingProxyType({}),
    ),
    InstrumentDefinition(
        code="bladder",
        name="Bladder symptom check",
        version="1",
        stem="During the past month:",
        items=(
            Item(
                "q1", "How often have you felt the strong need to urinate with little or no warning?", _ICSI_FREQUENCY
            ),
            Item("q2", "Have you had to urinate less than 2 hours after you finished urinating?", _ICSI_FREQUENCY),
            Item(
                "q3",
                "How often did you most typically get up at night to urinate?",
                (
                    (0, "None"),
                    (1, "Once"),
                    (2, "Two times"),
                    (3, "Three times"),
                    (4, "Four times"),
                    (5, "Five or more times"),
                ),
            ),
            # ICSI item 4 has no option 1 (O'Leary et al. 1997).
            Item(
                "q4",
                "Have you experienced pain or burning in your bladder?",
                ((0, "Not at all"), (2, "A few times"), (3, "Fairly often"), (4, "Usually"), (5, "Almost always")),
            ),
            # Local safety item (ketamine-associated uropathy), unscored; required: see the module docstring.
            Item("blood", "Have you seen blood in your urine?", ((0, "No"), (1, "Yes")), scored=False),
        ),
        scoring=SUM,
        scoring_text="q1 + q2 + q3 + q4, 0-20 (blood is not counted).",
        bands=(),
        flags=(
            Flag("hematuria", "blood", 1, 1, "Blood seen in the urine."),
            Flag("bladder_pain", "q4", 3, 5, "Bladder pain or burning fairly often or more."),
        ),
        source="Items q1-q4: O'Leary-Sant Interstitial Cystitis Symptom Index (O'Leary MP et al., Urology 1997); "
        "item blood: local Anodyne safety question for ketamine-associated uropathy.",
        licence="ICSI items as published by O'Leary et al. 1997 (check terms before redistributing outside "
        "Anodyne); blood: Anodyne.",
        loinc=MappingProxyType({}),
    ),
)

INSTRUMENTS: Mapping[str, InstrumentDefinition] = MappingProxyType({d.code: d for d in _DEFINITIONS})
INSTRUMENT_CODES: tuple[str, ...] = tuple(INSTRUMENTS)


def get(code) -> InstrumentDefinition:
    """The definition of `code`; an unknown code raises ValidationError naming it."""
    if isinstance(code, str) and code in INSTRUMENTS:
        return INSTRUMENTS[code]
    known = ", ".join(INSTRUMENT_CODES)
    raise ValidationError(
        "Unknown instrument %(code)s; known instruments: %(known)s.",
        code="unknown_instrument",
        params={"code": repr(code), "known": known},
    )


def _mean_half_up(values: list[int]) -> Decimal:
    """The mean of whole numbers to one decimal, halves up (7, 8, 8 -> 7.7), exactly: PEG-3 (Krebs et al. 2009)."""
    tenths = (20 * sum(values) + len(values)) // (2 * len(values))  # floor(10 x mean + 1/2)
    return Decimal(f"{tenths // 10}.{tenths % 10}")  # built from text: exact in any decimal context


def _validated(instrument: InstrumentDefinition, answers) -> dict[str, int]:
    code = instrument.code
    if not isinstance(answers, Mapping):
        raise ValidationError(
            "Answers to %(code)s must map each item key to a whole number.", code="invalid", params={"code": code}
        )
    errors: dict[str, ValidationError] = {}
    known = {item.key: item for item in instrument.items}
    for key in answers:
        if key not in known:
            errors[str(key)] = ValidationError(
                "%(code)s has no item %(key)s.", code="unknown_item", params={"code": code, "key": str(key)}
            )
    for item in instrument.items:
        if item.key not in answers:
            if item.required:
                errors[item.key] = ValidationError(
                    "%(key)s of %(code)s needs an answer.", code="required", params={"code": code, "key": item.key}
                )
            continue
        value = answers[item.key]
        choices = ", ".join(str(v) for v in item.values)
        params = {"code": code, "key": item.key, "value": repr(value), "choices": choices}
        if isinstance(value, bool) or not isinstance(value, int):
            errors[item.key] = ValidationError(
                "%(key)s of %(code)s must be a whole number (one of %(choices)s); got %(value)s.",
                code="not_an_integer",
                params=params,
            )
        elif value not in item.values:
            errors[item.key] = ValidationError(
                "%(key)s of %(code)s must be one of %(choices)s; got %(value)s.", code="out_of_range", params=params
            )
    if errors:
        raise ValidationError(errors)
    return {key: int(value) for key, value in answers.items()}


def score(code: str, answers: Mapping[str, int]) -> Score:
    """Score `answers` to instrument `code` (CLINICAL.md section 1, "The scoring contract")."""
    instrument = get(code)
    values = _validated(instrument, answers)
    scored = [values[item.key] for item in instrument.scored_items]
    if instrument.scoring == MEAN:
        total: int | Decimal = _mean_half_up(scored)
    else:
        total = sum(scored)
    band = next((b.key for b in instrument.bands if b.min <= total <= b.max), None)
    flags = frozenset(
        flag.key for flag in instrument.flags if flag.item in values and flag.min <= values[flag.item] <= flag.max
    )
    return Score(code=instrument.code, version=instrument.version, total=total, band=band, flags=flags, subscales={})


def needs_crisis_resources(code: str, flags) -> bool:
    """PHQ-9 item 9 answered above 0 — the "suicidality" flag its scoring sets (CLINICAL.md section 6): the crisis
    line and emergency number come before anything else, and the care team gets a critical alert. The one test of it:
    the alert rule, the page after the answers and the API ask it here."""
    return code == "phq9" and "suicidality" in flags


def band_rank(code: str, band: str) -> int:
    """The position of `band` in `code`'s bands, from the best (0) to the worst; a larger rank is a worse band."""
    instrument = get(code)
    keys = [b.key for b in instrument.bands]
    if band not in keys:
        raise ValidationError(
            "%(code)s has no band %(band)s.", code="unknown_band", params={"code": code, "band": repr(band)}
        )
    return keys.index(band)


def coding(code: str, part: str = "total") -> dict[str, str]:
    """The FHIR coding of an instrument's `part` ("panel", "total" or an item key), CLINICAL.md section 5: LOINC
    where the instrument has a LOINC code for it, else Anodyne's code system with `code` (panel, total) or
    `code.item` (an item)."""
    instrument = get(code)
    if part not in ("panel", "total") and part not in {item.key for item in instrument.items}:
        raise ValidationError(
            "%(code)s has no item %(part)s.", code="unknown_item", params={"code": code, "part": repr(part)}
        )
    if part in instrument.loinc:
        return {"system": LOINC_SYSTEM, "code": instrument.loinc[part]}
    local = code if part in ("panel", "total") else f"{code}.{part}"
    return {"system": settings.ANODYNE_CODE_SYSTEM, "code": local}


def definition(code: str) -> dict:
    """A JSON-serialisable copy of `code`'s definition, for monitoring.Instrument.definition and the pages."""
    instrument = get(code)
    return {
        "code": instrument.code,
        "name": instrument.name,
        "version": instrument.version,
        "stem": instrument.stem,
        "items": [
            {
                "key": item.key,
                "text": item.text,
                "options": [{"value": value, "label": label} for value, label in item.options],
                "scored": item.scored,
                "required": item.required,
            }
            for item in instrument.items
        ],
        "scoring": {
            "method": instrument.scoring,
            "items": [item.key for item in instrument.scored_items],
            "text": instrument.scoring_text,
        },
        "bands": [{"key": b.key, "label": b.label, "min": b.min, "max": b.max} for b in instrument.bands],
        "flags": [
            {"key": f.key, "item": f.item, "min": f.min, "max": f.max, "description": f.description}
            for f in instrument.flags
        ],
        "source": instrument.source,
        "licence": instrument.licence,
        "loinc": dict(instrument.loinc),
    }
