"""Daily morphine milligram equivalents (MME) of an opioid medicine, CLINICAL.md section 4. Pure: no database.

`daily_mme(drug, mg_per_dose, doses_per_day) -> Decimal` = mg_per_dose x doses_per_day x the drug's factor, to two
decimals (the precision of OpioidMedicine.daily_mme), rounded half-up. Decimal throughout: codeine 30 mg x 4 is
Decimal("18.00"), never 17.999999.

Decisions:
- `mg_per_dose` is a Decimal or an int. A float is refused (ValueError): a float dose is already rounded by binary
  arithmetic (0.1 + 0.2 != 0.3), and forms and the database give Decimals; the caller converts from text.
- `doses_per_day` is an int of at least 1 (a bool is not an int); a fentanyl patch's strength is in mcg/h and its
  `doses_per_day` must be 1 (patches worn together are recorded as their summed mcg/h).
- An unknown drug raises ValueError; buprenorphine is unknown on purpose: the guideline gives it no MME factor.

Shown with MME_CAUTION wherever an MME is shown; charts draw MME_REFERENCE_LINES.
"""

from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType

# CDC Clinical Practice Guideline for Prescribing Opioids for Pain — United States, 2022, table of MME conversion
# factors. Keys match monitoring.models.OpioidDrug.
MME_FACTORS = MappingProxyType(
    {
        "codeine": Decimal("0.15"),
        "fentanyl_transdermal": Decimal("2.4"),  # per mcg/h of patch strength
        "hydrocodone": Decimal("1.0"),
        "hydromorphone": Decimal("5.0"),
        "methadone": Decimal("4.7"),
        "morphine": Decimal("1.0"),
        "oxycodone": Decimal("1.5"),
        "oxymorphone": Decimal("3.0"),
        "tapentadol": Decimal("0.4"),
        "tramadol": Decimal("0.2"),
    }
)
FENTANYL_PATCH = "fentanyl_transdermal"
# The unit of `mg_per_dose` for each drug: mg, except a fentanyl patch's strength in mcg/h.
DOSE_UNITS = MappingProxyType({drug: ("mcg/h" if drug == FENTANYL_PATCH else "mg") for drug in MME_FACTORS})

# Reference lines on the MME chart, in MME/day (CLINICAL.md section 4; CDC 2022).
MME_REFERENCE_LINES = (Decimal(50), Decimal(90))
# The guideline's caution, shown with every MME (CLINICAL.md section 4).
MME_CAUTION = "MME compares exposure over time; it is not a conversion table between opioids."

_CENTS = Decimal("0.01")


def daily_mme(drug: str, mg_per_dose: Decimal | int, doses_per_day: int) -> Decimal:
    """Daily MME of `doses_per_day` doses of `mg_per_dose` (mcg/h for a fentanyl patch) of `drug`."""
    if drug not in MME_FACTORS:
        raise ValueError(
            f"No MME factor for {drug!r}: the CDC 2022 guideline gives one only for {', '.join(MME_FACTORS)}."
        )
    if isinstance(mg_per_dose, bool) or not isinstance(mg_per_dose, Decimal | int):
        raise ValueError(f"The dose must be a Decimal or a whole number, not {type(mg_per_dose).__name__}.")
    dose = Decimal(mg_per_dose)
    if not dose.is_finite() or dose <= 0:
        raise ValueError(f"The dose must be a number above 0; got {mg_per_dose}.")
    if isinstance(doses_per_day, bool) or not isinstance(doses_per_day, int):
        raise ValueError(f"Doses per day must be a whole number; got {doses_per_day!r}.")
    if doses_per_day < 1:
        raise ValueError(f"Doses per day must be at least 1; got {doses_per_day}.")
    if drug == FENTANYL_PATCH and doses_per_day != 1:
        raise ValueError(
            "A fentanyl patch is recorded as its strength in mcg/h with 1 dose per day "
            f"(patches worn together as their summed mcg/h); got {doses_per_day} doses per day."
        )
    return (dose * doses_per_day * MME_FACTORS[drug]).quantize(_CENTS, rounding=ROUND_HALF_UP)
