"""The physician's triage dashboard (PRODUCT.md physician step 2; issue 8 item 1): open alerts first, then the roster
of the physician's patients with their pain, change from baseline, responder status, adherence, last session,
sessions awaiting review, MME change and a sparkline of pain.

Everything is computed in the database, so the page costs the same queries for 10 or 1,000 patients:
- the roster is one query of annotated subqueries (monitoring.outcomes, monitoring.outcome_selectors,
  monitoring.review_selectors) plus one aggregate for its size and the sessions awaiting review — kept apart from
  the page of rows, and carrying only what the filters need, so that PostgreSQL evaluates the per-row subqueries
  only for the rows of the page it returns (it postpones expensive select-list expressions past ORDER BY ...
  LIMIT), unless a filter or a sort needs them;
- the sparklines of the page's patients are one query;
- the alerts panel is one query (its total is a window count over the same rows, before the LIMIT).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import audit
from accounts.models import Condition, Patient, PatientStatus, User
from monitoring import outcomes
from monitoring.charts import score_text, sparkline
from monitoring.models import SEVERITY_RANK, UNRESOLVED, Alert, SurveyResponse
from monitoring.outcome_selectors import annotate_adherence, annotate_mme_change
from monitoring.review_selectors import awaiting_review_count
from monitoring.selectors import alerts_for
from treatment.models import SessionStatus, TreatmentSession

ROSTER_PAGE_SIZE = 50
ALERTS_SHOWN = 25
SPARKLINE_DAYS = 90
# "Not improving": the pain outcome is less than 30 % better than baseline (IMMPACT's moderately important change,
# CLINICAL.md section 3), judged only once the week-4 window has begun (day 22 after the first completed session),
# so that patients who have just started do not flood the list.
NOT_IMPROVING_AFTER = dt.timedelta(days=outcomes.WEEK_4_DAYS[0])

SEVERITY_OF_RANK = {rank: severity for severity, rank in SEVERITY_RANK.items()}

# A session the patient has started: its latest is "the last session".
STARTED = (SessionStatus.COMPLETED, SessionStatus.HELD, SessionStatus.IN_PROGRESS, SessionStatus.INCOMPLETE)


def _nulls_last(name: str, descending: bool = False):
    expression = F(name)
    return expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)


# The sorts a physician can choose: the key in the URL → (its label, the ORDER BY). Name and pk break ties.
SORTS = {
    "alerts": ("Open alerts, most severe first", (_nulls_last("open_alert_rank", True), F("open_alert_count").desc())),
    "change": ("Least improved first", (_nulls_last("outcome_change_percent"),)),
    "pain": ("Highest pain first", (_nulls_last("outcome_current", True),)),
    "adherence": ("Lowest adherence first", (_nulls_last("adherence_percent"),)),
    "last_session": ("Longest since last session first", (F("last_session_at").asc(nulls_first=True),)),
    "review": ("Most sessions awaiting review first", (F("awaiting_review").desc(),)),
    "name": ("Name", ()),
}
DEFAULT_SORT = "alerts"


@dataclass(frozen=True)
class RosterFilters:
    condition: str = ""
    status: str = ""
    open_alerts: bool = False
    not_improving: bool = False
    search: str = ""
    sort: str = DEFAULT_SORT

    @classmethod
    def from_query(cls, query) -> "RosterFilters":
        """From a GET query; anything unknown is ignored rather than refused (a filter is not a form to fix)."""
        condition = query.get("condition", "")
        status = query.get("status", "")
        sort = query.get("sort", DEFAULT_SORT)
        return cls(
            condition=condition if condition in Condition.values else "",
            status=status if status in PatientStatus.values else "",
            open_alerts=query.get("open_alerts") == "1",
            not_improving=query.get("not_improving") == "1",
            search=query.get("q", "").strip()[:100],
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.condition or self.status or self.open_alerts or self.not_improving or self.search)

    def query_string(self, **changes) -> str:
        """This filter set as a URL query (for pagination and sort links), with `changes` applied."""
        values = {
            "condition": self.condition,
            "status": self.status,
            "open_alerts": "1" if self.open_alerts else "",
            "not_improving": "1" if self.not_improving else "",
            "q": self.search,
            "sort": self.sort if self.sort != DEFAULT_SORT else "",
        } | changes
        return urlencode({key: value for key, value in values.items() if value})


def _open_alerts() -> QuerySet:
    return Alert.objects.filter(patient=OuterRef("pk"), status__in=UNRESOLVED)


def _latest(code: str) -> Subquery:
    return Subquery(
        SurveyResponse.objects.filter(patient=OuterRef("pk"), instrument__code=code)
        .order_by("-answered_at", "-pk")
        .values("total")[:1]
    )


def _last_session(field_name: str) -> Subquery:
    return Subquery(
        TreatmentSession.objects.filter(patient=OuterRef("pk"), status__in=STARTED, checked_at__isnull=False)
        .order_by("-checked_at", "-pk")
        .values(field_name)[:1]
    )


def _filtered(*, user: User, filters: RosterFilters, now: dt.datetime) -> QuerySet:
    """The physician's patients (Patient.objects.visible_to) the filters keep, with only the annotations the
    filters need: the page's rows add the rest (`roster`), the totals nothing more (`roster_page`)."""
    patients = Patient.objects.visible_to(user)
    if filters.condition:
        patients = patients.filter(primary_condition=filters.condition)
    if filters.status:
        patients = patients.filter(status=filters.status)
    if filters.search:
        patients = patients.filter(
            Q(user__full_name__icontains=filters.search) | Q(user__email__icontains=filters.search)
        )
    if filters.open_alerts:
        patients = patients.filter(Exists(_open_alerts()))
    if filters.not_improving or filters.sort == "change":
        patients = outcomes.annotate_change_percent(outcomes.annotate_outcome_inputs(patients))
    if filters.not_improving:
        patients = patients.filter(
            outcome_change_percent__lt=outcomes.MODERATE_PERCENT,
            outcome_first_session_at__lte=now - NOT_IMPROVING_AFTER,
        )
    return patients


def roster(*, user: User, filters: RosterFilters, now: dt.datetime, today: dt.date) -> QuerySet:
    """The filtered patients annotated with the dashboard's columns, sorted. Each input is one subquery: the derived
    outcome figures (change %, responders) are computed in Python for the rows of a page (`outcomes.derive`), as SQL
    would repeat every input in each expression that uses it. Not audited: see `roster_page`."""
    patients = _filtered(user=user, filters=filters, now=now).select_related("user")
    if not (filters.not_improving or filters.sort == "change"):
        patients = outcomes.annotate_outcome_inputs(patients)
    patients = annotate_adherence(patients, now=now)
    patients = annotate_mme_change(patients, today)
    patients = patients.annotate(
        open_alert_count=Coalesce(
            Subquery(
                _open_alerts().values("patient").annotate(count=Count("pk")).values("count")[:1],
                output_field=IntegerField(),
            ),
            0,
        ),
        open_alert_rank=Subquery(_open_alerts().order_by("-severity_rank").values("severity_rank")[:1]),
        latest_peg=_latest("peg3"),
        latest_nrs=_latest("nrs"),
        last_session_at=_last_session("checked_at"),
        last_session_status=_last_session("status"),
        awaiting_review=awaiting_review_count(),
    )
    return patients.order_by(*SORTS[filters.sort][1], "user__full_name", "pk")


class _CountedPaginator(Paginator):
    """A paginator told its count by the roster's own aggregate (which also sums the sessions awaiting review)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@dataclass
class RosterRow:
    patient: Patient
    severity: str | None
    responder: str | None
    responder_week: int | None
    sparkline: dict | None


@dataclass
class Roster:
    page: object  # a django.core.paginator.Page of RosterRow
    awaiting_review: int
    filters: RosterFilters
    today: dt.date
    rows: list[RosterRow] = field(default_factory=list)


def roster_page(
    *, user: User, filters: RosterFilters, page_number=None, page_size: int = ROSTER_PAGE_SIZE, now=None
) -> Roster:
    """One page of the roster, with a sparkline of pain for each patient on it. Not audited here: the dashboard
    audits the patients of the roster and of the alerts panel together (`dashboard`)."""
    now = now or timezone.now()
    today = timezone.localdate(now, timezone=ZoneInfo(user.clinic.time_zone))
    patients = roster(user=user, filters=filters, now=now, today=today)
    totals = (
        _filtered(user=user, filters=filters, now=now)
        .annotate(awaiting_review=awaiting_review_count())
        .aggregate(count=Count("pk"), awaiting=Coalesce(Sum("awaiting_review"), 0))
    )
    page = _CountedPaginator(patients, page_size, count=totals["count"]).get_page(page_number)
    lines = _sparklines(list(page.object_list), now=now)
    rows = [row_of(patient, sparkline=lines.get(patient.pk)) for patient in page.object_list]
    page.object_list = rows
    return Roster(page=page, awaiting_review=totals["awaiting"], filters=filters, today=today, rows=rows)


def row_of(patient: Patient, *, sparkline: dict | None = None) -> RosterRow:
    """One patient of `roster` as the dashboard and the API show them: the derived outcome figures set on the patient
    (outcomes.derive), the severity of their most urgent open alert, and the responder category of the latest assessed
    week (12, else 4)."""
    outcomes.derive(patient)
    week = 12 if patient.outcome_week12_responder else 4 if patient.outcome_week4_responder else None
    return RosterRow(
        patient=patient,
        severity=SEVERITY_OF_RANK.get(patient.open_alert_rank),
        responder=patient.outcome_week12_responder or patient.outcome_week4_responder,
        responder_week=week,
        sparkline=sparkline,
    )


def _sparklines(patients: list[Patient], *, now: dt.datetime) -> dict[int, dict]:
    """Each patient's pain outcome instrument (PEG-3, or NRS without one) over the last SPARKLINE_DAYS: one query."""
    by_code: dict[str, list[int]] = {}
    for patient in patients:
        by_code.setdefault(patient.outcome_instrument, []).append(patient.pk)
    if not by_code:
        return {}
    which = Q()
    for code, ids in by_code.items():
        which |= Q(patient_id__in=ids, instrument__code=code)
    start = now - dt.timedelta(days=SPARKLINE_DAYS)
    points: dict[int, list[tuple[dt.datetime, Decimal]]] = {}
    rows = (
        SurveyResponse.objects.filter(which, answered_at__gte=start, answered_at__lte=now)
        .order_by("answered_at", "pk")
        .values_list("patient_id", "answered_at", "total")
    )
    for patient_id, answered_at, total in rows:
        points.setdefault(patient_id, []).append((answered_at, total))
    names = {"peg3": "PEG-3", "nrs": "Pain check-in"}
    lines = {}
    for patient in patients:
        series = points.get(patient.pk)
        if not series:
            continue
        lines[patient.pk] = {
            "path": sparkline(series, start=start, end=now, low=0, high=10),
            "label": (
                f"{names.get(patient.outcome_instrument, patient.outcome_instrument)} over the last {SPARKLINE_DAYS} "
                f"days: {len(series)} score{'s' if len(series) != 1 else ''}, from {score_text(series[0][1])} to "
                f"{score_text(series[-1][1])} out of 10"
            ),
        }
    return lines


def triage_alerts(*, user: User, limit: int = ALERTS_SHOWN) -> tuple[list[Alert], int]:
    """The physician's unresolved alerts in triage order (open first, then by severity, then the oldest), the first
    `limit` of them, and how many there are in all (a window count: the same query)."""
    alerts = list(alerts_for(user=user, status=UNRESOLVED).annotate(total=Window(Count("pk")))[:limit])
    return alerts, (alerts[0].total if alerts else 0)


def audit_dashboard(*, user: User, roster: Roster, alerts: list[Alert]) -> None:
    """Every patient the dashboard shows (in the roster or the alerts panel) is one audited access: one write."""
    patients = {row.patient.pk: row.patient for row in roster.rows}
    for alert in alerts:
        patients.setdefault(alert.patient_id, alert.patient)
    audit.patients_listed(actor=user, patients=patients.values())
