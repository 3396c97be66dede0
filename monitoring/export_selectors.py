"""The patient's own data (PRODUCT.md patient step 8, issue 10 item 5): their treatment sessions and survey responses
as CSV rows, and the latest accesses to their record by the clinic's staff.

Each file is ONE query whatever the length of the history: side effects and addenda come in the same query as a
correlated subquery each (StringAgg), and rows are read with `.iterator()` so a long history is never all in memory.
Times are in the patient's own time zone, ISO 8601 with its offset. Every cell passes through `cell()`, which
neutralises spreadsheet formulas (OWASP "CSV injection"): a patient's notes or a physician's addendum must not run
as a formula when the patient opens the file.

Read only for the patient who is signed in (monitoring.export_views): nothing here takes an id from a URL.
"""

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import F, OuterRef, QuerySet, StringAgg, Subquery, TextField, Value
from django.db.models.functions import Cast, Coalesce, Concat, JSONObject
from django.utils.dateparse import parse_datetime

from accounts import selectors as account_selectors
from accounts.models import AuditAction, Patient, Role
from monitoring import instruments
from monitoring.models import SurveyResponse, SurveyResponseAddendum
from treatment.models import Addendum, SessionSideEffect, SideEffect, TreatmentSession

RECENT_ACCESSES = 20

# A cell a spreadsheet would read as a formula (or a command, for tab and carriage return) gets a leading apostrophe:
# OWASP, "CSV Injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

SESSION_COLUMNS = (
    "session_number",
    "status",
    "scheduled_for",
    "checked_at",
    "sitter_present",
    "sitter_name",
    "systolic",
    "diastolic",
    "heart_rate",
    "remeasured_systolic",
    "remeasured_diastolic",
    "remeasured_heart_rate",
    "pain_before",
    "safety_check",
    "held_reasons",
    "safety_check_notes",
    "planned_dose_mg",
    "dose_mg",
    "route",
    "taken_at",
    "dissociation",
    "pain_after",
    "post_dose_systolic",
    "post_dose_diastolic",
    "post_dose_heart_rate",
    "side_effects",
    "notes",
    "completed_at",
    "addenda_count",
    "addenda",
)

SURVEY_COLUMNS = (
    "instrument",
    "instrument_name",
    "instrument_version",
    "answered_at",
    "total",
    "band",
    "flags",
    "answers",
    "addenda_count",
    "addenda",
)

# Several sentences in one cell (held reasons, addenda) are kept apart by this; side effects and flags, short words,
# by "; " (issue 10: "nausea: mild; headache: moderate").
BETWEEN_SENTENCES = " | "
BETWEEN_WORDS = "; "

_SIDE_EFFECT_ORDER = {code: n for n, code in enumerate(SideEffect.values)}


# --- Cells ---------------------------------------------------------------------------------------------------------


def cell(value) -> str:
    """One CSV cell as text: empty for None, yes/no for a boolean, and a formula neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        value = _number(value)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _number(value: Decimal) -> str:
    """A stored decimal as people write it: 50.0 → 50, 7.7 → 7.7, 100.0 → 100."""
    return f"{value:f}".removesuffix(".0")


def _local(moment: dt.datetime | None, zone: ZoneInfo) -> str:
    """ISO 8601 with the patient's offset, to the second: 2026-03-02T09:30:00-06:00."""
    return "" if moment is None else moment.astimezone(zone).isoformat(timespec="seconds")


def _moment(text: str) -> dt.datetime | None:
    """A time read back from JSON built in SQL: PostgreSQL writes an offset, SQLite stores UTC without one."""
    parsed = parse_datetime(text) if text else None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


# --- Aggregates in the row's own query -----------------------------------------------------------------------------


def _listed(queryset: QuerySet, group: str, expression) -> Subquery:
    """`expression` of every row of `queryset` (already filtered by OuterRef), joined by commas, in one subquery."""
    return Subquery(
        queryset.order_by().values(group).annotate(listed=StringAgg(expression, Value(","))).values("listed")[:1],
        output_field=TextField(),
    )


def _addenda_json() -> Cast:
    # One JSON object per addendum: free text cannot break the list apart, since the whole is parsed as JSON.
    return Cast(
        JSONObject(pk=F("pk"), at=F("created_at"), author=F("author__full_name"), reason=F("reason"), text=F("text")),
        TextField(),
    )


def _addenda(listed: str | None, zone: ZoneInfo) -> tuple[str, str]:
    """(count, text) of the addenda aggregated as JSON objects, oldest first (ordered here: SQLite before 3.44
    cannot order inside an aggregate)."""
    addenda = sorted(json.loads(f"[{listed}]") if listed else [], key=lambda a: (_moment(a["at"]), a["pk"]))
    text = BETWEEN_SENTENCES.join(
        f"{_local(_moment(a['at']), zone)} {a['author']} ({a['reason']}): {a['text']}" for a in addenda
    )
    return str(len(addenda)), text


def _side_effects(listed: str | None) -> str:
    """ "nausea:mild,headache:moderate" (codes only, so the separators cannot occur in a value) in plain words, in the
    order of CLINICAL.md's list: "nausea: mild; headache: moderate"."""
    pairs = [item.partition(":")[::2] for item in (listed or "").split(",") if item]
    pairs.sort(key=lambda pair: _SIDE_EFFECT_ORDER.get(pair[0], len(_SIDE_EFFECT_ORDER)))
    labels = dict(SideEffect.choices)
    return BETWEEN_WORDS.join(f"{labels.get(effect, effect).lower()}: {severity}" for effect, severity in pairs)


# --- Sessions ------------------------------------------------------------------------------------------------------


def sessions_for_export(*, patient: Patient) -> QuerySet:
    """Every treatment session of the patient, oldest first, with side effects and addenda: one query."""
    side_effects = _listed(
        SessionSideEffect.objects.filter(session=OuterRef("pk")),
        "session",
        Concat("effect", Value(":"), "severity", output_field=TextField()),
    )
    addenda = _listed(Addendum.objects.filter(session=OuterRef("pk")), "session", _addenda_json())
    return (
        TreatmentSession.objects.filter(patient=patient)
        .annotate(side_effects_listed=side_effects, addenda_listed=addenda)
        .order_by(Coalesce("checked_at", "scheduled_for", "created_at"), "pk")
    )


def session_rows(*, patient: Patient) -> Iterator[list[str]]:
    """The header, then one row per session, every cell made safe."""
    zone = ZoneInfo(patient.time_zone)
    yield list(SESSION_COLUMNS)
    for session in sessions_for_export(patient=patient).iterator(chunk_size=500):
        yield [cell(value) for value in _session_values(session, zone)]


def _session_values(session: TreatmentSession, zone: ZoneInfo) -> list:
    addenda_count, addenda_text = _addenda(session.addenda_listed, zone)
    return [
        session.session_number,
        session.status,
        _local(session.scheduled_for, zone),
        _local(session.checked_at, zone),
        session.sitter_present,
        session.sitter_name,
        session.systolic,
        session.diastolic,
        session.heart_rate,
        session.remeasured_systolic,
        session.remeasured_diastolic,
        session.remeasured_heart_rate,
        session.pain_before,
        _safety_check(session),
        BETWEEN_SENTENCES.join(failure["message"] for failure in session.gate_failures),
        BETWEEN_SENTENCES.join(note["message"] for note in session.gate_notes),
        session.planned_dose_mg,
        session.dose_mg,
        session.route,
        _local(session.taken_at, zone),
        session.dissociation,
        session.pain_after,
        session.post_systolic,
        session.post_diastolic,
        session.post_heart_rate,
        _side_effects(session.side_effects_listed),
        session.notes,
        _local(session.completed_at, zone),
        addenda_count,
        addenda_text,
    ]


def _safety_check(session: TreatmentSession) -> str:
    if session.checked_at is None:
        return "not done"
    return "held: do not dose" if session.gate_failures else "passed"


# --- Survey responses ----------------------------------------------------------------------------------------------


def responses_for_export(*, patient: Patient) -> QuerySet:
    """Every survey response of the patient, oldest first, with its instrument and addenda: one query."""
    addenda = _listed(SurveyResponseAddendum.objects.filter(response=OuterRef("pk")), "response", _addenda_json())
    return (
        SurveyResponse.objects.filter(patient=patient)
        .select_related("instrument")
        .annotate(addenda_listed=addenda)
        .order_by("answered_at", "pk")
    )


def survey_rows(*, patient: Patient) -> Iterator[list[str]]:
    """The header, then one row per survey response, every cell made safe."""
    zone = ZoneInfo(patient.time_zone)
    yield list(SURVEY_COLUMNS)
    for response in responses_for_export(patient=patient).iterator(chunk_size=500):
        addenda_count, addenda_text = _addenda(response.addenda_listed, zone)
        values = [
            response.instrument.code,
            response.instrument.name,
            response.instrument_version,
            _local(response.answered_at, zone),
            response.total,
            response.band,
            BETWEEN_WORDS.join(sorted(response.flags)),
            BETWEEN_WORDS.join(f"{key}={value}" for key, value in _answers_in_order(response)),
            addenda_count,
            addenda_text,
        ]
        yield [cell(value) for value in values]


def _answers_in_order(response: SurveyResponse) -> list[tuple[str, int]]:
    """The answers in the instrument's item order (PostgreSQL's jsonb keeps no order), unknown keys last."""
    definition = instruments.INSTRUMENTS.get(response.instrument.code)
    keys = [item.key for item in definition.items] if definition else []
    answers = response.answers
    ordered = [key for key in keys if key in answers] + sorted(key for key in answers if key not in keys)
    return [(key, answers[key]) for key in ordered]


# --- Who viewed the record -----------------------------------------------------------------------------------------

# What a member of staff did to the patient's record, in the patient's words.
ACCESS_WORDS = {
    AuditAction.VIEW: "viewed your record",
    AuditAction.LIST: "saw you in a list of patients",
    AuditAction.CREATE: "added to your record",
    AuditAction.UPDATE: "changed your record",
    AuditAction.EXPORT: "exported your record",
}
ROLE_WORDS = {Role.PHYSICIAN: "physician", Role.CLINIC_ADMIN: "clinic admin"}


@dataclass(frozen=True)
class Access:
    who: str
    role: str
    what: str
    record: str  # which part of the record, when not the record as a whole ("treatment session")
    at: dt.datetime  # in the patient's time zone


def recent_accesses(*, patient: Patient, limit: int = RECENT_ACCESSES) -> list[Access]:
    """The latest accesses to the patient's own record by the clinic's staff, newest first, in the patient's time
    zone: one query (accounts.selectors.accesses_to_own_record, which leaves out the patient's own)."""
    zone = ZoneInfo(patient.time_zone)
    events = account_selectors.accesses_to_own_record(user=patient.user)[:limit]
    return [
        Access(
            who=(event.actor.full_name if event.actor else "") or event.actor_email,
            role=ROLE_WORDS.get(event.actor_role, event.actor_role),
            what=ACCESS_WORDS.get(event.action, event.get_action_display().lower()),
            record="" if event.object_type in ("", "patient") else event.object_type.replace("_", " "),
            at=event.at.astimezone(zone),
        )
        for event in events
    ]
