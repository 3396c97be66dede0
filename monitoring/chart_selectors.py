"""The patient chart (PRODUCT.md physician step 3; issue 8 item 2): one page with everything about one patient — the
essentials, a timeline of every record newest first, and charts of pain against dose, blood pressure, mood and MME.

Read only after accounts.selectors.patient_get (which decides who may see the patient and audits the access): every
query here is scoped to that patient, and none writes an audit row.

A constant number of queries whatever the length of the history (`chart_of`):
- the essentials: one query annotating the patient with the pain outcome (monitoring.outcomes), the sessions awaiting
  review (monitoring.review_selectors) and the unresolved alerts by severity; the plan in force (1); the expected
  units on hand (treatment.selectors.supply_on_hand, 2);
- the timeline: one query per record type shown, each filtered by the date range, ordered newest first and limited
  to offset + page size + 1 rows, merged and sliced in Python (`merge_newest_first`, pure);
- the charts: the sessions with a pre-dose check in the range (1), the PHQ-9 and GAD-7 answers in the range (1) and
  the MME history (1, which also gives the MME now).
Related rows come with select_related or an annotation: nothing is read per item.
"""

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, F, IntegerField, Max, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import Coalesce, Lag
from django.utils import timezone

from accounts.models import Patient, User
from monitoring import instruments, opioid_selectors, opioids, outcomes, review_selectors
from monitoring.charts import Chart, Point, Series, nice_high, score_text, time_span
from monitoring.models import (
    SEVERITIES_MOST_URGENT_FIRST,
    UNRESOLVED,
    Alert,
    ClinicalNote,
    SessionReview,
    Severity,
    SurveyResponse,
)
from monitoring.progress_selectors import MOOD_SCALES, ChartBlock, mme_chart, mood_chart
from treatment import selectors as treatment_selectors
from treatment import session_selectors
from treatment.models import AdverseEvent, PlanStatus, PlanVersion, SessionStatus, TreatmentPlan, TreatmentSession

PAGE_SIZE = 50
DEFAULT_DAYS = 180  # the charts and the timeline open on the last 180 days

# The timeline's record types, in the order the filters list them. The order also breaks ties between entries of the
# same moment, as cause and consequence: newest first, an alert shows above the adverse event that raised it.
SESSION = "session"
SURVEY = "survey"
ADVERSE_EVENT = "adverse_event"
ALERT = "alert"
PLAN = "plan"
NOTE = "note"
SIGN_OFF = "sign_off"
KINDS = {
    SESSION: "Sessions",
    SURVEY: "Surveys",
    ADVERSE_EVENT: "Adverse events",
    ALERT: "Alerts",
    PLAN: "Plan changes",
    NOTE: "Clinical notes",
    SIGN_OFF: "Session sign-offs",
}
_TIE_RANK = {kind: rank for rank, kind in enumerate(KINDS)}

# Sessions that are not history: cancelled ones (a paused plan cancels every scheduled session) and those still
# scheduled for later.
_NOT_HISTORY = (SessionStatus.SCHEDULED, SessionStatus.CANCELLED)
SEVERITIES = SEVERITIES_MOST_URGENT_FIRST
MOOD_CODES = tuple(MOOD_SCALES)  # phq9, gad7


# --- Filters -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartFilters:
    """What the page shows: record types, a date range in the clinic's time zone (either end open), a page."""

    zone: ZoneInfo
    kinds: frozenset[str] = frozenset(KINDS)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def start(self) -> dt.datetime | None:
        """The first moment of `date_from` in the clinic's zone."""
        if self.date_from is None:
            return None
        return dt.datetime.combine(self.date_from, dt.time(), tzinfo=self.zone)

    @property
    def end(self) -> dt.datetime | None:
        """The first moment after `date_to` (the range includes the whole of that day)."""
        if self.date_to is None:
            return None
        return dt.datetime.combine(self.date_to + dt.timedelta(days=1), dt.time(), tzinfo=self.zone)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def default_date_from(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=DEFAULT_DAYS)


def _in_range(queryset: QuerySet, name: str, filters: ChartFilters) -> QuerySet:
    if filters.start is not None:
        queryset = queryset.filter(**{f"{name}__gte": filters.start})
    if filters.end is not None:
        queryset = queryset.filter(**{f"{name}__lt": filters.end})
    return queryset


# --- The timeline ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: when, what kind, which record, and what the page says about it beyond the record's
    own fields (a session's sign-off, a plan version's changes, a survey's band in words)."""

    at: dt.datetime
    kind: str
    pk: int
    record: Any = None
    detail: Mapping[str, Any] = field(default_factory=dict)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def _newest_first_key(entry: Entry):
    return (entry.at, _TIE_RANK[entry.kind], entry.pk)


def merge_newest_first(streams: Iterable[Iterable[Entry]], *, offset: int, page_size: int) -> tuple[list[Entry], bool]:
    """Pure: one page of several streams merged newest first, and whether older entries remain.

    Each stream is one record type, newest first (at, then pk, descending), holding at least its first
    offset + page_size + 1 entries (or all it has): the newest offset + page_size + 1 entries of all streams
    together are then among them, so the page and the "older" flag are exact.
    """
    window = list(islice(heapq.merge(*streams, key=_newest_first_key, reverse=True), offset, offset + page_size + 1))
    return window[:page_size], len(window) > page_size


def _limit(filters: ChartFilters) -> int:
    return filters.offset + filters.page_size + 1


def _session_entries(patient: Patient, filters: ChartFilters) -> list[Entry]:
    sessions = (
        TreatmentSession.objects.filter(patient=patient)
        .exclude(status__in=_NOT_HISTORY)
        # As on the care team's list of sessions (treatment.session_selectors): a session is about its pre-dose
        # check, else the time it was scheduled for.
        .annotate(at=Coalesce("checked_at", "scheduled_for", "created_at"))
        .select_related("review__reviewed_by")
        .order_by("-at", "-pk")
    )
    entries = []
    for session in _in_range(sessions, "at", filters)[: _limit(filters)]:
        review = getattr(session, "review", None)  # read with the session; None when nobody has signed it off
        reviewable = session.status in review_selectors.REVIEWABLE
        entries.append(
            Entry(
                session.at,
                SESSION,
                session.pk,
                session,
                {
                    "review": review,
                    "awaiting_review": reviewable and review is None,
                    "readings": _readings_of(session),
                },
            )
        )
    return entries


def _readings_of(session: TreatmentSession) -> tuple | None:
    """The pre-dose reading the gates judged: the second one when the patient measured again, else the first."""
    if session.remeasured_systolic is not None:
        return (session.remeasured_systolic, session.remeasured_diastolic, session.remeasured_heart_rate, True)
    if session.systolic is not None:
        return (session.systolic, session.diastolic, session.heart_rate, False)
    return None


def _survey_entries(patient: Patient, filters: ChartFilters) -> list[Entry]:
    responses = (
        SurveyResponse.objects.filter(patient=patient).select_related("instrument").order_by("-answered_at", "-pk")
    )
    entries = []
    for response in _in_range(responses, "answered_at", filters)[: _limit(filters)]:
        definition = instruments.get(response.instrument.code)
        bands = {band.key: band.label for band in definition.bands}
        flags = {flag.key: flag.description for flag in definition.flags}
        entries.append(
            Entry(
                response.answered_at,
                SURVEY,
                response.pk,
                response,
                {
                    "total": score_text(response.total),
                    "band": bands.get(response.band, response.band),
                    "flags": [flags.get(key, key) for key in response.flags],
                },
            )
        )
    return entries


def _adverse_event_entries(patient: Patient, filters: ChartFilters) -> list[Entry]:
    events = (
        AdverseEvent.objects.filter(patient=patient)
        .select_related("reported_by", "session")
        .order_by("-reported_at", "-pk")
    )
    return [
        Entry(event.reported_at, ADVERSE_EVENT, event.pk, event)
        for event in _in_range(events, "reported_at", filters)[: _limit(filters)]
    ]


def _alert_entries(patient: Patient, filters: ChartFilters) -> list[Entry]:
    alerts = (
        Alert.objects.filter(patient=patient)
        .select_related("acknowledged_by", "resolved_by")
        .order_by("-first_raised_at", "-pk")
    )
    return [
        Entry(alert.first_raised_at, ALERT, alert.pk, alert)
        for alert in _in_range(alerts, "first_raised_at", filters)[: _limit(filters)]
    ]


def _plan_entries(patient: Patient, filters: ChartFilters) -> list[Entry]:
    # Each version with the one before it, for "what changed": LAG over the plan's versions. The date range filters
    # `at`, itself a window over the row alone (its created_at), so that Django applies it in an outer query, after
    # LAG has seen every version: the first version inside the range still has its predecessor.
    previous = {
        f"previous_{name}": Window(Lag(name), partition_by=[F("plan_id")], order_by=[F("number").asc()])
        for name in PlanVersion.CLINICAL_FIELDS
    }
    versions = (
        PlanVersion.objects.filter(plan__patient=patient)
        .select_related("author")
        .annotate(**previous, at=Window(Max("created_at"), partition_by=[F("pk")]))
        .order_by("-at", "-pk")
    )
    entries = []
    for version in _in_range(versions, "at", filters)[: _limit(filters)]:
        before = None
        if version.number > 1:
            before = PlanVersion(**{name: getattr(version, f"previous_{name}") for name in PlanVersion.CLINICAL_FIELDS})
        changes = treatment_selectors.plan_changes(before, version) if before is not None else []
        entries.append(
            Entry(version.created_at, PLAN, version.pk, version, {"first": before is None, "changes": changes})
        )
    return entries


def _note_entries(patient: Patient, filters: ChartFilters, viewer: User) -> list[Entry]:
    # Signed notes, and the viewer's own drafts (a draft is its author's alone until signed). A signed note is in the
    # record from its signature; a draft sits where it was written.
    notes = (
        ClinicalNote.objects.filter(patient=patient)
        .filter(Q(signed_at__isnull=False) | Q(author=viewer))
        .select_related("author", "session", "alert")
        .annotate(at=Coalesce("signed_at", "created_at"), addenda_count=Count("addenda"))
        .order_by("-at", "-pk")
    )
    return [Entry(note.at, NOTE, note.pk, note) for note in _in_range(notes, "at", filters)[: _limit(filters)]]


def _sign_off_entries(patient: Patient, filters: ChartFilters) -> list[Entry]:
    reviews = (
        SessionReview.objects.filter(patient=patient)
        .select_related("reviewed_by", "session", "note")
        .order_by("-reviewed_at", "-pk")
    )
    return [
        Entry(review.reviewed_at, SIGN_OFF, review.pk, review)
        for review in _in_range(reviews, "reviewed_at", filters)[: _limit(filters)]
    ]


def timeline(*, patient: Patient, viewer: User, filters: ChartFilters) -> tuple[list[Entry], bool]:
    """One page of the patient's timeline, newest first, and whether older entries remain: one query per record
    type shown."""
    readers = {
        SESSION: lambda: _session_entries(patient, filters),
        SURVEY: lambda: _survey_entries(patient, filters),
        ADVERSE_EVENT: lambda: _adverse_event_entries(patient, filters),
        ALERT: lambda: _alert_entries(patient, filters),
        PLAN: lambda: _plan_entries(patient, filters),
        NOTE: lambda: _note_entries(patient, filters, viewer),
        SIGN_OFF: lambda: _sign_off_entries(patient, filters),
    }
    streams = [read() for kind, read in readers.items() if kind in filters.kinds]
    return merge_newest_first(streams, offset=filters.offset, page_size=filters.page_size)


# --- The essentials ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Essentials:
    outcome: outcomes.Outcome
    awaiting_review: int
    alerts_by_severity: list[tuple[str, str, int]]  # (severity, label, count) of the unresolved alerts, worst first
    plan: TreatmentPlan | None  # the plan in force (active or paused)
    on_hand: treatment_selectors.SupplyOnHand | None  # None when nothing was ever dispensed
    days_left: Decimal | None  # at the active plan's dose and sessions per week
    mme_now: Decimal

    @property
    def version(self) -> PlanVersion | None:
        return self.plan.current_version if self.plan else None

    @property
    def unresolved_alerts(self) -> int:
        return sum(count for _, _, count in self.alerts_by_severity)


def _count(queryset: QuerySet) -> Coalesce:
    """For a Patient queryset: how many rows of `queryset` (filtered by OuterRef) there are, 0 for none."""
    return Coalesce(
        Subquery(
            queryset.values("patient").annotate(count=Count("pk")).values("count")[:1], output_field=IntegerField()
        ),
        0,
    )


def _essentials_row(patient: Patient) -> dict:
    """The outcome, the sessions awaiting review and the unresolved alerts by severity: one query (the pieces are
    monitoring.outcomes.annotate_outcomes — outcome_of's query — and review_selectors.awaiting_review_count)."""
    alert_counts = {
        f"alerts_{severity}": _count(
            Alert.objects.filter(patient=OuterRef("pk"), status__in=UNRESOLVED, severity=severity)
        )
        for severity in SEVERITIES
    }
    return (
        outcomes.annotate_outcomes(Patient.objects.filter(pk=patient.pk))
        .annotate(awaiting_review=review_selectors.awaiting_review_count(), **alert_counts)
        .values(*outcomes.FIELDS, "awaiting_review", *alert_counts)
        .get()
    )


def essentials(*, patient: Patient, mme_now: Decimal) -> Essentials:
    row = _essentials_row(patient)
    plan = session_selectors.plan_in_force(patient=patient)
    on_hand = treatment_selectors.supply_on_hand(patient)
    # Days of supply at the active plan's dose, as the refill offer reads them (treatment.selectors.RefillPosition:
    # rounded down, a supply never shown as lasting longer than it does). None without an active plan.
    active = plan.current_version if plan is not None and plan.status == PlanStatus.ACTIVE else None
    days_left = treatment_selectors.RefillPosition(on_hand=on_hand, version=active).days_left
    return Essentials(
        outcome=outcomes.Outcome(**{name.removeprefix("outcome_"): row[name] for name in outcomes.FIELDS}),
        awaiting_review=row["awaiting_review"],
        alerts_by_severity=[
            (severity, Severity(severity).label, row[f"alerts_{severity}"])
            for severity in SEVERITIES
            if row[f"alerts_{severity}"]
        ],
        plan=plan,
        on_hand=on_hand,
        days_left=days_left,
        mme_now=mme_now,
    )


# --- The charts --------------------------------------------------------------------------------------------------


def _local(moment: dt.datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%-d %b %Y, %H:%M}"


def _span(filters: ChartFilters, moments: list[dt.datetime], now: dt.datetime):
    """The charts' time axis: the date range (an open end closes at the first or last reading, or now)."""
    end = min(filters.end, now) if filters.end is not None else now
    start = filters.start if filters.start is not None else min(moments, default=end)
    return time_span([start, max(end, start)])


def _chart_sessions(patient: Patient, filters: ChartFilters) -> list[dict]:
    sessions = TreatmentSession.objects.filter(patient=patient, checked_at__isnull=False).order_by("checked_at", "pk")
    return list(
        _in_range(sessions, "checked_at", filters).values(
            "status",
            "checked_at",
            "taken_at",
            "pain_before",
            "pain_after",
            "dose_mg",
            "systolic",
            "diastolic",
            "heart_rate",
            "remeasured_systolic",
            "remeasured_diastolic",
            "remeasured_heart_rate",
        )
    )


# Pain and dose are two charts over the same time span, drawn one above the other, rather than one chart with a
# second y axis: two scales on one plot make a crossing of the lines look meaningful when it only reflects the
# scales chosen, and each chart keeps an honest axis of its own (0-10, mg) with the same dates underneath.
def _pain_chart(completed: list[dict], span, zone: ZoneInfo) -> ChartBlock:
    block = ChartBlock(
        key="session-pain",
        title="Pain before and after each dose",
        summary="",
        chart=None,
        caption="Pain before and after each completed session, oldest first (0 is no pain, 10 the worst)",
        headers=("Dose taken", "Pain before", "Pain after"),
        rows=[(_local(s["taken_at"], zone), _or_dash(s["pain_before"]), _or_dash(s["pain_after"])) for s in completed],
        note="The dose chart below shares this chart's dates.",
        empty="No completed session in these dates.",
    )
    if not completed:
        block.summary = "Pain before and after each dose: no completed session in these dates."
        return block
    chart = Chart(low=0, high=10, start=span[0], end=span[1])
    chart.add_y_ticks([0, 5, 10])
    chart.add_x_ticks()
    chart.add_series(
        "pain-before",
        "Pain before",
        [(s["taken_at"], s["pain_before"]) for s in completed if s["pain_before"] is not None],
    )
    chart.add_series(
        "pain-after", "Pain after", [(s["taken_at"], s["pain_after"]) for s in completed if s["pain_after"] is not None]
    )
    block.chart = chart
    latest = completed[-1]
    block.summary = (
        f"Pain before and after each dose: {len(completed)} completed session{_s(completed)}; the latest, on "
        f"{latest['taken_at'].astimezone(zone):%-d %b %Y}, pain {_or_dash(latest['pain_before'])} before and "
        f"{_or_dash(latest['pain_after'])} after."
    )
    return block


def _dose_chart(completed: list[dict], span, version: PlanVersion | None, zone: ZoneInfo) -> ChartBlock:
    block = ChartBlock(
        key="dose",
        title="Dose taken (mg)",
        summary="",
        chart=None,
        caption="Ketamine dose taken at each completed session, oldest first",
        headers=("Dose taken", "Dose (mg)"),
        rows=[(_local(s["taken_at"], zone), score_text(s["dose_mg"])) for s in completed],
        note=(
            f"The dashed lines mark the plan's dose per session ({score_text(version.dose_mg)} mg) and its maximum single "
            f"dose ({score_text(version.max_single_dose_mg)} mg)."
            if version
            else ""
        ),
        empty="No completed session in these dates.",
    )
    if not completed:
        block.summary = "Dose taken: no completed session in these dates."
        return block
    top = max([s["dose_mg"] for s in completed] + ([version.max_single_dose_mg] if version else []))
    high = nice_high(top * Decimal("1.1"), step=25)
    chart = Chart(low=0, high=high, start=span[0], end=span[1])
    chart.add_y_ticks(list(range(0, high + 1, 25 if high <= 100 else 50)))
    chart.add_x_ticks()
    if version:
        chart.add_level("plan-dose", f"plan {score_text(version.dose_mg)}", version.dose_mg, anchor="start")
        chart.add_level("plan-max", f"max {score_text(version.max_single_dose_mg)}", version.max_single_dose_mg)
    chart.add_series("dose", "Dose taken", [(s["taken_at"], s["dose_mg"]) for s in completed])
    block.chart = chart
    doses = [s["dose_mg"] for s in completed]
    block.summary = (
        f"Dose taken: {len(completed)} dose{_s(completed)} from {score_text(min(doses))} to {score_text(max(doses))} mg; the "
        f"latest {score_text(doses[-1])} mg."
    )
    if version:
        block.summary += f" The plan's maximum single dose is {score_text(version.max_single_dose_mg)} mg."
    return block


def _blood_pressure_chart(sessions: list[dict], span, version: PlanVersion | None, zone: ZoneInfo) -> ChartBlock:
    measured = []
    for s in sessions:
        again = s["remeasured_systolic"] is not None
        systolic = s["remeasured_systolic"] if again else s["systolic"]
        if systolic is None:
            continue
        diastolic = s["remeasured_diastolic"] if again else s["diastolic"]
        rate = s["remeasured_heart_rate"] if again else s["heart_rate"]
        measured.append((s["checked_at"], systolic, diastolic, rate, s["status"] == SessionStatus.HELD, again))
    block = ChartBlock(
        key="bp",
        title="Blood pressure before dosing",
        summary="",
        chart=None,
        caption="Blood pressure (mmHg) and heart rate (per minute) at each pre-dose check, oldest first",
        headers=("Checked", "Systolic", "Diastolic", "Heart rate", "Session"),
        rows=[
            (
                _local(when, zone),
                systolic,
                _or_dash(diastolic),
                _or_dash(rate),
                ("held" if held else "not held") + (" (second reading)" if again else ""),
            )
            for when, systolic, diastolic, rate, held, again in measured
        ],
        note=(
            f"The dashed lines mark the plan's hold limits now: systolic above {version.systolic_limit}, diastolic "
            f"above {version.diastolic_limit} mmHg. Open circles mark held sessions. Where the patient measured "
            "again, the second reading (the one the safety check used) is shown."
            if version
            else "Open circles mark held sessions."
        ),
        empty="No pre-dose reading in these dates.",
    )
    if not measured:
        block.summary = "Blood pressure before dosing: no reading in these dates."
        return block
    top = max([m[1] for m in measured] + ([version.systolic_limit] if version else []))
    high = max(200, nice_high(top + 10, step=20))
    chart = Chart(low=40, high=high, start=span[0], end=span[1])
    chart.add_y_ticks(list(range(80, high + 1, 40)))
    chart.add_x_ticks()
    if version:
        chart.add_level("bp-limit", f"{version.systolic_limit}", version.systolic_limit)
        chart.add_level("bp-limit", f"{version.diastolic_limit}", version.diastolic_limit)
    chart.add_series("systolic", "Systolic", [(m[0], m[1]) for m in measured])
    chart.add_series("diastolic", "Diastolic", [(m[0], m[2]) for m in measured if m[2] is not None])
    held = [(m[0], m[1]) for m in measured if m[4]]
    if held:
        # Held sessions: open circles over the systolic dots, with no line of their own (an empty path draws nothing).
        chart.series.append(_dots("held", "Held session", chart, held))
    block.chart = chart
    latest = measured[-1]
    block.summary = (
        f"Blood pressure before dosing: {len(measured)} reading{_s(measured)}, {len(held)} held session{_s(held)}; "
        f"latest {latest[1]}/{_or_dash(latest[2])} mmHg on {latest[0].astimezone(zone):%-d %b %Y}."
    )
    if version:
        block.summary += f" The plan holds a dose above {version.systolic_limit}/{version.diastolic_limit}."
    return block


def _dots(key: str, label: str, chart: Chart, values: list[tuple]) -> Series:
    """A series of dots alone, placed by the chart's own scales; its empty path joins nothing."""
    points = tuple(Point(chart.x(when), chart.y(value), value, when) for when, value in values)
    return Series(key=key, label=label, points=points, path="")


def mme_in_range(points: list[opioid_selectors.MmePoint], start: dt.date | None, end: dt.date | None):
    """The MME change points inside the range; the level in force when the range starts becomes its first point."""
    inside = [p for p in points if (start is None or p.on >= start) and (end is None or p.on <= end)]
    before = [p for p in points if start is not None and p.on < start]
    if before and (not inside or inside[0].on != start):
        inside.insert(0, opioid_selectors.MmePoint(on=start, total=before[-1].total))
    return inside


def charts(
    *, patient: Patient, filters: ChartFilters, version: PlanVersion | None, mme_points, today: dt.date
) -> list[ChartBlock]:
    """The chart page's charts over the date range: two queries (sessions, mood answers) and the MME points read
    once for the page."""
    zone = filters.zone
    now = timezone.now()
    sessions = _chart_sessions(patient, filters)
    completed = [s for s in sessions if s["status"] == SessionStatus.COMPLETED and s["taken_at"] is not None]
    completed.sort(key=lambda s: s["taken_at"])
    span = _span(filters, [s["checked_at"] for s in sessions], now)
    mood = list(
        _in_range(
            SurveyResponse.objects.filter(patient=patient, instrument__code__in=MOOD_CODES), "answered_at", filters
        )
        .order_by("answered_at", "pk")
        .values("instrument__code", "total", "band", "answered_at")
    )
    last_day = min(filters.date_to, today) if filters.date_to else today
    return [
        _pain_chart(completed, span, zone),
        _dose_chart(completed, span, version, zone),
        _blood_pressure_chart(sessions, span, version, zone),
        *(mood_chart(code, [r for r in mood if r["instrument__code"] == code], zone) for code in MOOD_CODES),
        mme_chart(mme_in_range(mme_points, filters.date_from, filters.date_to), last_day),
    ]


def _or_dash(value) -> str:
    return "—" if value is None else str(value)


def _s(items) -> str:
    return "" if len(items) == 1 else "s"


# --- The page ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatientChart:
    essentials: Essentials
    entries: list[Entry]
    has_older: bool
    charts: list[ChartBlock]
    mme_caution: str = opioids.MME_CAUTION


def chart_of(*, patient: Patient, viewer: User, filters: ChartFilters) -> PatientChart:
    """Everything the chart page shows about one patient, in a constant number of queries (module docstring)."""
    today = timezone.localdate(timezone=filters.zone)
    mme_points = opioid_selectors.mme_history(patient=patient)
    mme_now = opioid_selectors.mme_on(mme_points, opioid_selectors.patient_today(patient))
    header = essentials(patient=patient, mme_now=mme_now)
    entries, has_older = timeline(patient=patient, viewer=viewer, filters=filters)
    return PatientChart(
        essentials=header,
        entries=entries,
        has_older=has_older,
        charts=charts(patient=patient, filters=filters, version=header.version, mme_points=mme_points, today=today),
    )
