"""The clinic outcomes page (PRODUCT.md clinic admin step 3, issue 8 item 5): how the patients in someone's scope
are doing, as aggregates only — no individual patient appears.

Scope: `Patient.objects.visible_to(user)` — a clinic admin sees the whole clinic, a physician the patients on their
care teams. Three queries for any number of patients (one over the patients, one for the PGIC share, one over their
alerts), each aggregating in the database. PostgreSQL's JIT compiler is off for
the whole site (anodyne/settings.py): it made these correlated subqueries 30 times slower.

Definitions (CLINICAL.md section 3 for the outcomes, computed by monitoring.outcomes, never again here):
- Adherence over the last 30 days: completed ÷ scheduled, where *scheduled* is every session whose `scheduled_for`
  falls in [now - 30 days, now] and whose slot has ended — completed, held, missed or incomplete. A cancelled session
  was never due, and one still scheduled or in progress has not ended yet, so neither counts. `adherence_sessions`
  holds this definition; the per-patient annotation (`annotate_adherence`, the dashboard's column) and the clinic's
  figure (its sum) both read it.
- Responders at week 4 and week 12: of the patients whose window can be assessed (monitoring.outcomes gives a
  responder status, not None), those with a reduction ≥ 30 % (moderate or substantial) and ≥ 50 % (substantial).
- Time to acknowledge an alert: acknowledged_at - first_raised_at, over the alerts acknowledged in the period (resolved
  ones included: resolving stamps the acknowledgement too); the median per severity, and the alerts still open.
- MME change (`annotate_mme_change`): among patients with any opioid medicine recorded, the total daily MME on the
  baseline day — the local date of their first completed session, or the day their first medicine starts when they
  have no completed session — against today. A medicine counts on a day from its `started_on` up to the day before
  its `stopped_on` (monitoring.opioid_selectors).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import (
    Avg,
    Case,
    Count,
    DateField,
    DecimalField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.db.models.lookups import Exact, In, IsNull
from django.utils import timezone

from accounts import audit
from accounts.models import AuditAction, Patient, PatientStatus, Role, User
from monitoring import opioid_selectors, opioids, outcomes
from monitoring.db_functions import LocalDate, Median
from monitoring.models import SEVERITIES_MOST_URGENT_FIRST, Alert, AlertStatus, OpioidMedicine
from treatment.models import SessionStatus, TreatmentSession

ADHERENCE_DAYS = 30  # issue 8: "adherence over the last 30 days (completed ÷ scheduled)"
# Sessions whose slot has ended. Cancelled ones were never due; scheduled and in-progress ones are still open.
ENDED_STATUSES = (SessionStatus.COMPLETED, SessionStatus.HELD, SessionStatus.MISSED, SessionStatus.INCOMPLETE)
PERIODS = (30, 90, 365)  # the page's choices for alert acknowledgement times, in days
DEFAULT_PERIOD = 90
SEVERITIES = SEVERITIES_MOST_URGENT_FIRST

SCOPE_CLINIC = "clinic"
SCOPE_CARE_TEAM = "care_team"

_PERCENT = DecimalField(max_digits=20, decimal_places=10)
_MME = DecimalField(max_digits=10, decimal_places=2)


# --- Adherence ------------------------------------------------------------------------------------------------------


def adherence_sessions(*, now: dt.datetime) -> QuerySet:
    """The sessions that count as *scheduled* for adherence over the ADHERENCE_DAYS up to `now` (see the module's
    docstring); those with status completed are the *completed* ones. The one definition of both."""
    return TreatmentSession.objects.filter(
        scheduled_for__gte=now - dt.timedelta(days=ADHERENCE_DAYS),
        scheduled_for__lte=now,
        status__in=ENDED_STATUSES,
    )


def _session_count(sessions: QuerySet) -> Coalesce:
    """How many of `sessions` belong to the outer patient: a correlated subquery, 0 when none."""
    counted = sessions.filter(patient=OuterRef("pk")).order_by().values("patient").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def annotate_adherence(patients: QuerySet, *, now: dt.datetime | None = None) -> QuerySet:
    """Annotate a Patient queryset with adherence over the last 30 days: `adherence_scheduled` and
    `adherence_completed` (ints) and `adherence_percent` (a Decimal, unrounded; None when nothing was scheduled).
    Subqueries only, so it adds no query and combines with other annotations."""
    sessions = adherence_sessions(now=now or timezone.now())
    return patients.annotate(
        adherence_scheduled=_session_count(sessions),
        adherence_completed=_session_count(sessions.filter(status=SessionStatus.COMPLETED)),
    ).annotate(
        adherence_percent=Case(
            When(adherence_scheduled=0, then=Value(None, output_field=_PERCENT)),
            default=ExpressionWrapper(
                Cast("adherence_completed", _PERCENT) * Value(Decimal(100)) / F("adherence_scheduled"),
                output_field=_PERCENT,
            ),
            output_field=_PERCENT,
        )
    )


# --- MME change -----------------------------------------------------------------------------------------------------


def _mme_on(day) -> Subquery:
    """The outer patient's total daily MME on `day` (a date or an expression): the rows active that day, by the rule
    of monitoring.opioid_selectors (started_on ≤ day < stopped_on, an open row counting until stopped). NULL when no
    row is active."""
    active = OpioidMedicine.objects.filter(opioid_selectors.active_on(day), patient=OuterRef("pk"))
    return Subquery(
        active.order_by().values("patient").annotate(total=Sum("daily_mme")).values("total"), output_field=_MME
    )


def annotate_mme_change(patients: QuerySet, today: dt.date) -> QuerySet:
    """Annotate a Patient queryset with `mme_baseline` (total daily MME on the baseline day: the local date of the
    patient's first completed session, or the start of their first opioid medicine without one), `mme_now` (on
    `today`) and `mme_change` (now - baseline; negative is a reduction), as Decimals. All three are None for a
    patient with no opioid medicine recorded. Subqueries only: no query of its own."""
    any_medicine = Exists(OpioidMedicine.objects.filter(patient=OuterRef("pk")))
    first_medicine = Subquery(
        OpioidMedicine.objects.filter(patient=OuterRef("pk"))
        .order_by()
        .values("patient")
        .annotate(first=Min("started_on"))
        .values("first")
    )
    return (
        patients.annotate(
            mme_baseline_on=Case(
                When(
                    any_medicine,
                    then=Coalesce(LocalDate(outcomes.first_session_at(), F("time_zone")), first_medicine),
                ),
                default=Value(None),
                output_field=DateField(),
            )
        )
        .annotate(
            mme_baseline=Case(
                When(
                    mme_baseline_on__isnull=False, then=Coalesce(_mme_on(OuterRef("mme_baseline_on")), Value(0, _MME))
                ),
                default=Value(None, _MME),
                output_field=_MME,
            ),
            mme_now=Case(
                When(mme_baseline_on__isnull=False, then=Coalesce(_mme_on(today), Value(0, _MME))),
                default=Value(None, _MME),
                output_field=_MME,
            ),
        )
        .annotate(mme_change=ExpressionWrapper(F("mme_now") - F("mme_baseline"), output_field=_MME))
    )


# --- The page -------------------------------------------------------------------------------------------------------


def _rounded(value, places: str = "0.1") -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Share:
    """`count` of `of` (the denominator, always shown with it)."""

    count: int
    of: int

    @property
    def percent(self) -> Decimal | None:
        """Rounded to one decimal; None when the denominator is 0."""
        return _rounded(Decimal(self.count) * 100 / self.of) if self.of else None


@dataclass(frozen=True)
class Responders:
    week: int
    assessable: int
    moderate: Share  # ≥ 30 % (moderate or substantial)
    substantial: Share  # ≥ 50 %


@dataclass(frozen=True)
class AcknowledgementTime:
    severity: str
    label: str
    acknowledged: int  # acknowledged in the period: the median's denominator
    median: dt.timedelta | None
    still_open: int  # open now, not acknowledged, whenever raised

    @property
    def median_words(self) -> str:
        return duration_words(self.median)


@dataclass(frozen=True)
class MmeChange:
    patients: int  # with any opioid medicine recorded: every figure's denominator
    mean: Decimal | None  # MME/day, rounded to 0.1
    median: Decimal | None
    reduced: int
    unchanged: int
    increased: int
    reached_zero: int  # above 0 at baseline, 0 today


@dataclass(frozen=True)
class ClinicOutcomes:
    scope: str  # SCOPE_CLINIC or SCOPE_CARE_TEAM
    now: dt.datetime
    today: dt.date
    period_days: int
    patients: int
    active: int
    paused: int
    discharged: int
    adherence: Share  # completed of scheduled sessions, last ADHERENCE_DAYS
    adherence_patients: int  # patients with a scheduled session in the window
    responders: tuple[Responders, Responders]  # week 4, week 12
    pgic_improved: Share  # much or very much improved, of the patients who answered
    acknowledgement: tuple[AcknowledgementTime, ...]  # SEVERITIES order
    mme: MmeChange
    adherence_days: int = ADHERENCE_DAYS
    mme_caution: str = opioids.MME_CAUTION

    @property
    def scope_label(self) -> str:
        return "The clinic" if self.scope == SCOPE_CLINIC else "Your patients"


def duration_words(value: dt.timedelta | None) -> str:
    """A duration as people say it, to the minute: "under a minute", "45 min", "2 h 5 min", "3 d 4 h"."""
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def _responder_counts(week: str) -> dict:
    """Assessable, ≥ 30 % and ≥ 50 % at a week, by monitoring.outcomes' own responder rule.

    The rule (monitoring.outcomes' own CASE) is applied here, in the aggregate, to the week's percentage
    (`outcome_week{n}_percent`) rather than read from the `outcome_week{n}_responder` annotation: Django then
    computes the percentage once per patient in the inner query, and the responder status over that column. The
    annotation would inline the percentage, with its baseline and window subqueries, in each branch of its CASE,
    and PostgreSQL would run them all again for every branch and every patient.
    """
    responder = outcomes._responder(f"outcome_week{week}_percent")
    return {
        f"week{week}_assessable": Count("pk", filter=Q(IsNull(responder, False))),
        f"week{week}_moderate": Count(
            "pk", filter=Q(In(responder, [outcomes.RESPONDER_MODERATE, outcomes.RESPONDER_SUBSTANTIAL]))
        ),
        f"week{week}_substantial": Count("pk", filter=Q(Exact(responder, outcomes.RESPONDER_SUBSTANTIAL))),
    }


def _patient_figures(scope: QuerySet, *, now: dt.datetime, today: dt.date) -> dict:
    """Statuses, adherence, responders and MME change of every patient in scope: one query. The aggregates refer to
    annotations holding subqueries, so Django computes those annotations per patient in an inner query and
    aggregates over its columns (QuerySet.aggregate)."""
    patients = annotate_mme_change(annotate_adherence(outcomes.annotate_outcomes(scope), now=now), today)
    has_medicine = Q(mme_baseline__isnull=False)
    # values(): only these annotations become columns of the inner query; the others (outcome_current, the change
    # from baseline, the responder CASEs...) would each cost their subqueries for every patient.
    needed = ("pk", "status", "adherence_scheduled", "adherence_completed", "outcome_week4_percent",
              "outcome_week12_percent", "mme_baseline", "mme_now", "mme_change")  # fmt: skip
    return patients.values(*needed).aggregate(
        patients=Count("pk"),
        active=Count("pk", filter=Q(status=PatientStatus.ACTIVE)),
        paused=Count("pk", filter=Q(status=PatientStatus.PAUSED)),
        discharged=Count("pk", filter=Q(status=PatientStatus.DISCHARGED)),
        scheduled=Coalesce(Sum("adherence_scheduled"), 0),
        completed=Coalesce(Sum("adherence_completed"), 0),
        adherence_patients=Count("pk", filter=Q(adherence_scheduled__gt=0)),
        **_responder_counts("4"),
        **_responder_counts("12"),
        mme_patients=Count("pk", filter=has_medicine),
        mme_mean=Avg("mme_change"),
        mme_median=Median("mme_change"),
        mme_reduced=Count("pk", filter=has_medicine & Q(mme_change__lt=0)),
        mme_unchanged=Count("pk", filter=has_medicine & Q(mme_change=0)),
        mme_increased=Count("pk", filter=has_medicine & Q(mme_change__gt=0)),
        mme_reached_zero=Count("pk", filter=Q(mme_baseline__gt=0, mme_now=0)),
    )


def _acknowledgement_times(scope: QuerySet, *, user: User, now: dt.datetime, period_days: int) -> list:
    """Per severity: the alerts acknowledged in the period, the median time they took, the alerts still open. One
    query, grouped by severity."""
    acknowledged = Q(acknowledged_at__gte=now - dt.timedelta(days=period_days), acknowledged_at__lte=now)
    waited = ExpressionWrapper(F("acknowledged_at") - F("first_raised_at"), output_field=DurationField())
    rows = (
        Alert.objects.filter(clinic_id=user.clinic_id, patient__in=scope)
        .values("severity")
        .order_by()
        .annotate(
            acknowledged=Count("pk", filter=acknowledged),
            median=Median(waited, filter=acknowledged),
            still_open=Count("pk", filter=Q(status=AlertStatus.OPEN)),
        )
    )
    by_severity = {row["severity"]: row for row in rows}
    return [
        AcknowledgementTime(
            severity=severity,
            label=severity.label,
            acknowledged=by_severity.get(severity, {}).get("acknowledged", 0),
            median=by_severity.get(severity, {}).get("median"),
            still_open=by_severity.get(severity, {}).get("still_open", 0),
        )
        for severity in SEVERITIES
    ]


def clinic_outcomes(*, user: User, now: dt.datetime | None = None, period_days: int = DEFAULT_PERIOD) -> ClinicOutcomes:
    """The outcomes of the patients `user` may see (physicians and clinic admins only). Audited as one view of the
    outcomes report (no patient is shown, so no patient's record is accessed). Three queries (the patients'
    figures, the PGIC share, the alerts) and the audit row, in one transaction."""
    if user.role not in (Role.PHYSICIAN, Role.CLINIC_ADMIN):
        raise ValueError("Clinic outcomes are for physicians and clinic admins.")
    if period_days not in PERIODS:
        raise ValueError(f"The period is one of {PERIODS} days.")
    now = now or timezone.now()
    today = timezone.localtime(now, ZoneInfo(user.clinic.time_zone)).date()
    scope = Patient.objects.visible_to(user)
    kind = SCOPE_CLINIC if user.role == Role.CLINIC_ADMIN else SCOPE_CARE_TEAM
    with transaction.atomic(savepoint=False):
        figures = _patient_figures(scope, now=now, today=today)
        improved, answered = outcomes.pgic_improved_share(scope)
        acknowledgement = _acknowledgement_times(scope, user=user, now=now, period_days=period_days)
        audit.record(AuditAction.VIEW, actor=user, object_type="clinic_outcomes", detail=f"{kind}, {period_days} days")
    return ClinicOutcomes(
        scope=kind,
        now=now,
        today=today,
        period_days=period_days,
        patients=figures["patients"],
        active=figures["active"],
        paused=figures["paused"],
        discharged=figures["discharged"],
        adherence=Share(figures["completed"], figures["scheduled"]),
        adherence_patients=figures["adherence_patients"],
        responders=tuple(
            Responders(
                week=int(week),
                assessable=figures[f"week{week}_assessable"],
                moderate=Share(figures[f"week{week}_moderate"], figures[f"week{week}_assessable"]),
                substantial=Share(figures[f"week{week}_substantial"], figures[f"week{week}_assessable"]),
            )
            for week in ("4", "12")
        ),
        pgic_improved=Share(improved, answered),
        acknowledgement=tuple(acknowledgement),
        mme=MmeChange(
            patients=figures["mme_patients"],
            mean=_rounded(figures["mme_mean"]),
            median=_rounded(figures["mme_median"]),
            reduced=figures["mme_reduced"],
            unchanged=figures["mme_unchanged"],
            increased=figures["mme_increased"],
            reached_zero=figures["mme_reached_zero"],
        ),
    )
