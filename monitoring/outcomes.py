"""Outcomes, exactly as CLINICAL.md section 3 defines them, computed in the database so that a dashboard can show
them for hundreds of patients in one query (`annotate_outcomes`); `outcome_of` is the same for one patient.

- Baseline of an instrument: the mean of the patient's responses in the 7 days before their first completed
  treatment session (intake included); if there is none, their first response.
- Change from baseline: points = current - baseline; percent = (baseline - current) / baseline x 100 (positive =
  better for pain); undefined (None) when the baseline is 0.
- Responders (IMMPACT, Dworkin et al., J Pain 2008;9:105-21): a reduction ≥ 30 % is *moderate*, ≥ 50 %
  *substantial*; assessed with `peg3` (`nrs` for a patient with no PEG-3 response) at week 4 (mean of the responses
  on days 22-35 after the first completed session) and week 12 (days 77-91).

Decisions:
- "The first completed session" is the earliest dose taken (`taken_at`) of a completed TreatmentSession.
- Days are counted in absolute time from that moment, as the interval gate does: day n is [n x 24 h, (n+1) x 24 h)
  after it, so week 4 is [22 d, 36 d) and week 12 is [77 d, 92 d), whatever the time zones and DST.
- "Current" is the latest response of the instrument.
- Responder status is None (undefined) with no first session, no response in the window or a baseline of 0; below
  30 % (worse included) it is "none".
- Percentages stay unrounded in the database (numeric), so 29.99 is not a responder; pages round for display.

The worsening-pain rule (CLINICAL.md section 3) should read its baseline here: `baseline_of(patient, code)`.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from accounts.models import Patient
from monitoring.models import SurveyResponse
from treatment.models import SessionStatus, TreatmentSession

BASELINE_DAYS = 7  # CLINICAL.md section 3: "the 7 days before the first completed session"
WEEK_4_DAYS = (22, 35)  # CLINICAL.md section 3 (IMMPACT): "days 22-35 after the first completed session"
WEEK_12_DAYS = (77, 91)  # CLINICAL.md section 3: "days 77-91"
# IMMPACT (Dworkin et al., J Pain 2008;9:105-21): ≥ 30 % moderately important, ≥ 50 % substantial.
MODERATE_PERCENT = Decimal(30)
SUBSTANTIAL_PERCENT = Decimal(50)
PRIMARY_PAIN = "peg3"  # CLINICAL.md section 1: Anodyne's primary pain outcome
FALLBACK_PAIN = "nrs"  # "and nrs where no PEG exists"
# PGIC: 1 very much improved, 2 much improved — IMMPACT's clinically important global improvement.
PGIC_IMPROVED = (1, 2)

RESPONDER_SUBSTANTIAL = "substantial"
RESPONDER_MODERATE = "moderate"
RESPONDER_NONE = "none"

_SCORE = DecimalField(max_digits=12, decimal_places=4)
_PERCENT = DecimalField(max_digits=20, decimal_places=10)

FIELDS = (
    "outcome_instrument",
    "outcome_first_session_at",
    "outcome_baseline",
    "outcome_current",
    "outcome_change_points",
    "outcome_change_percent",
    "outcome_week4_mean",
    "outcome_week4_percent",
    "outcome_week4_responder",
    "outcome_week12_mean",
    "outcome_week12_percent",
    "outcome_week12_responder",
)


def first_session_at() -> Subquery:
    """The patient's (OuterRef("pk")) first completed session: when its dose was taken."""
    return Subquery(
        TreatmentSession.objects.filter(patient=OuterRef("pk"), status=SessionStatus.COMPLETED, taken_at__isnull=False)
        .order_by("taken_at")
        .values("taken_at")[:1]
    )


def _responses() -> QuerySet:
    """The outer patient's responses to the outer row's `outcome_instrument`."""
    return SurveyResponse.objects.filter(patient=OuterRef("pk"), instrument__code=OuterRef("outcome_instrument"))


def _mean(responses: QuerySet) -> Subquery:
    return Subquery(responses.values("patient").annotate(mean=Avg("total")).values("mean")[:1], output_field=_SCORE)


def _days_after_first(days: int):
    return ExpressionWrapper(
        OuterRef("outcome_first_session_at") + dt.timedelta(days=days), output_field=SurveyResponse.answered_at.field
    )


def _window_mean(first_day: int, last_day: int) -> Subquery:
    return _mean(
        _responses().filter(
            answered_at__gte=_days_after_first(first_day), answered_at__lt=_days_after_first(last_day + 1)
        )
    )


def _percent_reduction(value: str) -> Case:
    """(baseline - value) / baseline x 100; None when the baseline is 0 or either is missing."""
    return Case(
        When(outcome_baseline=0, then=Value(None, output_field=_PERCENT)),
        default=ExpressionWrapper(
            (F("outcome_baseline") - F(value)) * Value(Decimal(100)) / F("outcome_baseline"), output_field=_PERCENT
        ),
        output_field=_PERCENT,
    )


def _responder(percent: str) -> Case:
    return Case(
        When(**{f"{percent}__gte": SUBSTANTIAL_PERCENT}, then=Value(RESPONDER_SUBSTANTIAL)),
        When(**{f"{percent}__gte": MODERATE_PERCENT}, then=Value(RESPONDER_MODERATE)),
        When(**{f"{percent}__isnull": False}, then=Value(RESPONDER_NONE)),
        default=Value(None),
        output_field=CharField(),
    )


def annotate_outcome_inputs(patients: QuerySet, code: str | None = None) -> QuerySet:
    """Annotate a Patient queryset with what every outcome figure is computed from, each subquery written once:
    `outcome_instrument`, `outcome_first_session_at`, `outcome_baseline`, `outcome_current`, `outcome_week4_mean`
    and `outcome_week12_mean`, for the instrument `code`, or (None) for the pain outcome: `peg3`, or `nrs` for a
    patient with no PEG-3 response. Derive the rest in Python with `derive` (a page of rows), or in SQL with
    `annotate_outcomes` (to filter or aggregate on them; SQL repeats each input in every expression using it)."""
    if code is None:
        has_peg3 = Exists(SurveyResponse.objects.filter(patient=OuterRef("pk"), instrument__code=PRIMARY_PAIN))
        instrument = Case(When(has_peg3, then=Value(PRIMARY_PAIN)), default=Value(FALLBACK_PAIN))
    else:
        instrument = Value(code)
    responses = _responses()
    before_first = responses.filter(
        answered_at__gte=_days_after_first(-BASELINE_DAYS), answered_at__lt=OuterRef("outcome_first_session_at")
    )
    return patients.annotate(
        outcome_instrument=ExpressionWrapper(instrument, output_field=CharField()),
        outcome_first_session_at=first_session_at(),
    ).annotate(
        outcome_baseline=Coalesce(
            _mean(before_first),
            Subquery(responses.order_by("answered_at", "pk").values("total")[:1]),
            output_field=_SCORE,
        ),
        outcome_current=Subquery(responses.order_by("-answered_at", "-pk").values("total")[:1], output_field=_SCORE),
        outcome_week4_mean=_window_mean(*WEEK_4_DAYS),
        outcome_week12_mean=_window_mean(*WEEK_12_DAYS),
    )


def annotate_outcomes(patients: QuerySet, code: str | None = None) -> QuerySet:
    """`annotate_outcome_inputs` and every derived figure of FIELDS, in SQL: one query for any number of patients."""
    return (
        annotate_outcome_inputs(patients, code)
        .annotate(
            outcome_change_points=ExpressionWrapper(F("outcome_current") - F("outcome_baseline"), output_field=_SCORE),
            outcome_change_percent=_percent_reduction("outcome_current"),
            outcome_week4_percent=_percent_reduction("outcome_week4_mean"),
            outcome_week12_percent=_percent_reduction("outcome_week12_mean"),
        )
        .annotate(
            outcome_week4_responder=_responder("outcome_week4_percent"),
            outcome_week12_responder=_responder("outcome_week12_percent"),
        )
    )


def annotate_change_percent(patients: QuerySet) -> QuerySet:
    """On top of `annotate_outcome_inputs`: `outcome_change_percent` in SQL, to sort or filter on it."""
    return patients.annotate(outcome_change_percent=_percent_reduction("outcome_current"))


def percent_reduction(baseline: Decimal | None, value: Decimal | None) -> Decimal | None:
    """(baseline - value) / baseline x 100, as `_percent_reduction` computes it in SQL; None when the baseline is 0
    or either is missing."""
    if baseline is None or value is None or baseline == 0:
        return None
    return (Decimal(baseline) - Decimal(value)) * Decimal(100) / Decimal(baseline)


def responder(percent: Decimal | None) -> str | None:
    """IMMPACT's category of a pain reduction, as `_responder` computes it in SQL."""
    if percent is None:
        return None
    if percent >= SUBSTANTIAL_PERCENT:
        return RESPONDER_SUBSTANTIAL
    if percent >= MODERATE_PERCENT:
        return RESPONDER_MODERATE
    return RESPONDER_NONE


def derive(patient: Patient) -> Patient:
    """Set the derived FIELDS on a patient annotated by `annotate_outcome_inputs` (pure arithmetic, no query)."""
    baseline, current = patient.outcome_baseline, patient.outcome_current
    patient.outcome_change_points = None if baseline is None or current is None else current - baseline
    patient.outcome_change_percent = percent_reduction(baseline, current)
    for week in (4, 12):
        percent = percent_reduction(baseline, getattr(patient, f"outcome_week{week}_mean"))
        setattr(patient, f"outcome_week{week}_percent", percent)
        setattr(patient, f"outcome_week{week}_responder", responder(percent))
    return patient


@dataclass(frozen=True)
class Outcome:
    instrument: str
    first_session_at: dt.datetime | None
    baseline: Decimal | None
    current: Decimal | None
    change_points: Decimal | None
    change_percent: Decimal | None
    week4_mean: Decimal | None
    week4_percent: Decimal | None
    week4_responder: str | None
    week12_mean: Decimal | None
    week12_percent: Decimal | None
    week12_responder: str | None


def outcome_of(patient: Patient, code: str | None = None) -> Outcome:
    """One patient's outcome for an instrument (or the pain outcome): one query."""
    row = annotate_outcomes(Patient.objects.filter(pk=patient.pk), code).values(*FIELDS).get()
    return Outcome(**{name.removeprefix("outcome_"): row[name] for name in FIELDS})


def baseline_of(patient: Patient, code: str) -> Decimal | None:
    """The patient's baseline of an instrument (None with no response at all): one query."""
    return (
        annotate_outcomes(Patient.objects.filter(pk=patient.pk), code).values_list("outcome_baseline", flat=True).get()
    )


def pgic_improved_share(patients: QuerySet) -> tuple[int, int]:
    """(improved, answered): of the patients with a PGIC response, how many answered "much" or "very much improved"
    (1 or 2) last time. One query."""
    latest = Subquery(
        SurveyResponse.objects.filter(patient=OuterRef("pk"), instrument__code="pgic")
        .order_by("-answered_at", "-pk")
        .values("total")[:1]
    )
    counts = patients.annotate(latest_pgic=latest).aggregate(
        answered=Count("pk", filter=Q(latest_pgic__isnull=False)),
        improved=Count("pk", filter=Q(latest_pgic__in=PGIC_IMPROVED)),
    )
    return counts["improved"], counts["answered"]
