"""Writes about alerts. Each service is one transaction and raises DomainError in plain words.

`alert_raise` is the one way any rule (a treatment event, a survey answer, a schedule) tells the care team; it is a
system action with no actor, recorded in the alert's own history (the person's action that set it off — a session
logged, a survey answered — is audited by the service that recorded it). `alert_acknowledge` and `alert_resolve` are
a care-team physician's, each audited inside its transaction.
"""

import datetime as dt
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts import audit
from accounts.care_team import require_care_team_physician
from accounts.models import AuditAction, Patient, PatientStatus, Role, User
from anodyne.errors import DomainError
from monitoring import instruments, opioids, selectors
from monitoring.models import (
    SEVERITY_RANK,
    UNRESOLVED,
    Alert,
    AlertEvent,
    AlertEventWhat,
    AlertKind,
    AlertStatus,
    AssignmentStatus,
    Instrument,
    Notification,
    OpioidDrug,
    OpioidMedicine,
    Severity,
    SurveyAssignment,
    SurveyReason,
    SurveyResponse,
    SurveyResponseAddendum,
)
from treatment import services as treatment_services

# CLINICAL.md section 2, gate "no open safety alert": an open critical alert for an adverse event or suicidality
# holds every dose until a physician resolves it. The gate lives in treatment; these alerts open and clear its hold.
SAFETY_KINDS = frozenset({AlertKind.ADVERSE_EVENT, AlertKind.SUICIDALITY})

MAX_CAUSE = Alert._meta.get_field("cause").max_length
MAX_SUMMARY = Alert._meta.get_field("summary").max_length
MAX_NOTE = Alert._meta.get_field("resolution_note").max_length


@transaction.atomic
def alert_raise(*, patient: Patient, kind: str, severity: str, cause: str, summary: str) -> Alert:
    """Raise an alert for a patient's care team, or update the one already open for the same patient, kind and cause.

    A repeat counts one more occurrence, takes the new summary and time, and may only raise the severity (a lower one
    is ignored); an acknowledged alert raised again at a higher severity is open again, for a physician to see anew.
    Race-safe: the unresolved alert is locked while it is updated, and when two callers both find none, the database
    lets one insert and the other updates that row (the partial unique constraint, caught in a savepoint).
    A critical adverse-event or suicidality alert also holds every dose until it is resolved (treatment's gate).
    """
    kind, severity = AlertKind(kind), Severity(severity)
    cause, summary = cause.strip(), " ".join(summary.split())
    if not cause or len(cause) > MAX_CAUSE:
        raise ValueError(f"An alert's cause is a short key of 1 to {MAX_CAUSE} characters, not {cause!r}.")
    if not summary:
        raise ValueError("An alert needs a summary for the care team.")
    summary = summary[:MAX_SUMMARY]

    alert = _lock_unresolved(patient=patient, kind=kind, cause=cause)
    if alert is None:
        now = timezone.now()
        try:
            with transaction.atomic():  # a savepoint: a lost race leaves the outer transaction usable
                alert = Alert.objects.create(
                    patient=patient,
                    clinic_id=patient.clinic_id,
                    kind=kind,
                    severity=severity,
                    severity_rank=SEVERITY_RANK[severity],
                    cause=cause,
                    summary=summary,
                    first_raised_at=now,
                    last_raised_at=now,
                )
        except IntegrityError:
            # Another transaction raised the same alert and committed first: update that one.
            alert = _lock_unresolved(patient=patient, kind=kind, cause=cause)
            if alert is None:
                raise
        else:
            _history(alert, AlertEventWhat.RAISED, note=summary, at=now)
            _hold_dosing_if_unsafe(alert)
            return alert
    alert = _repeat(alert, severity=severity, summary=summary)
    _hold_dosing_if_unsafe(alert)
    return alert


def _hold_dosing_if_unsafe(alert: Alert) -> None:
    if alert.kind in SAFETY_KINDS and alert.severity == Severity.CRITICAL:
        treatment_services.safety_hold_open(patient=alert.patient, cause=alert.cause)


def _lock_unresolved(*, patient: Patient, kind: str, cause: str) -> Alert | None:
    return (
        Alert.objects.select_for_update().filter(patient=patient, kind=kind, cause=cause, status__in=UNRESOLVED).first()
    )


def _repeat(alert: Alert, *, severity: Severity, summary: str) -> Alert:
    """The locked unresolved alert raised again."""
    now = max(timezone.now(), alert.last_raised_at)
    higher = SEVERITY_RANK[severity] > SEVERITY_RANK[Severity(alert.severity)]
    alert.last_raised_at = now
    alert.occurrences += 1
    alert.summary = summary
    fields = ["last_raised_at", "occurrences", "summary"]
    if higher:
        alert.severity, alert.severity_rank = severity, SEVERITY_RANK[severity]
        fields += ["severity", "severity_rank"]
        if alert.status == AlertStatus.ACKNOWLEDGED:
            # Acknowledged at a lower severity is not acknowledged at this one: it needs a physician again.
            alert.status = AlertStatus.OPEN
            alert.acknowledged_at = alert.acknowledged_by = None
            fields += ["status", "acknowledged_at", "acknowledged_by"]
    alert.save(update_fields=fields)
    _history(alert, AlertEventWhat.SEVERITY_RAISED if higher else AlertEventWhat.REPEATED, note=summary, at=now)
    return alert


@transaction.atomic
def alert_acknowledge(*, actor: User, alert: Alert) -> Alert:
    """A physician of the patient's care team has seen the alert and is on it."""
    require_care_team_physician(actor, alert.patient_id, doing="acknowledge clinical alerts", missing="No such alert.")
    now = timezone.now()
    changed = Alert.objects.filter(pk=alert.pk, status=AlertStatus.OPEN).update(
        status=AlertStatus.ACKNOWLEDGED, acknowledged_at=now, acknowledged_by=actor
    )
    if changed != 1:
        raise DomainError(_not_open_message(alert.pk, doing="acknowledge"), code="not_open")
    alert.refresh_from_db()
    _history(alert, AlertEventWhat.ACKNOWLEDGED, actor=actor, at=now)
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="alert",
        object_id=alert.pk,
        patient=alert.patient,
        detail="acknowledged",
    )
    return alert


@transaction.atomic
def alert_resolve(*, actor: User, alert: Alert, note: str) -> Alert:
    """A physician of the patient's care team closes the alert with a note saying what was done.

    An open alert may be resolved directly: it is then acknowledged at the same moment by the same physician.
    Resolving a safety alert (adverse event, suicidality) lifts the hold it put on dosing.
    """
    require_care_team_physician(actor, alert.patient_id, doing="resolve clinical alerts", missing="No such alert.")
    note = (note or "").strip()
    if not note:
        raise DomainError("Write a note saying how the alert was resolved.", code="note_required")
    if len(note) > MAX_NOTE:
        raise DomainError(f"Keep the note to {MAX_NOTE} characters (it has {len(note)}).", code="note_too_long")
    now = timezone.now()
    changed = Alert.objects.filter(pk=alert.pk, status__in=UNRESOLVED).update(
        status=AlertStatus.RESOLVED,
        resolved_at=now,
        resolved_by=actor,
        resolution_note=note,
        acknowledged_at=Coalesce("acknowledged_at", Value(now)),
        acknowledged_by_id=Coalesce("acknowledged_by_id", Value(actor.pk), output_field=BigIntegerField()),
    )
    if changed != 1:
        raise DomainError(_not_open_message(alert.pk, doing="resolve"), code="not_open")
    alert.refresh_from_db()
    _history(alert, AlertEventWhat.RESOLVED, actor=actor, note=note, at=now)
    if alert.kind in SAFETY_KINDS:
        treatment_services.safety_hold_clear(patient=alert.patient, cause=alert.cause)
    # The note is health information: it stays on the alert, never in the audit row.
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="alert",
        object_id=alert.pk,
        patient=alert.patient,
        detail="resolved",
    )
    return alert


def _not_open_message(pk: int, *, doing: str) -> str:
    current = Alert.objects.filter(pk=pk).values_list("status", flat=True).first()
    if current == AlertStatus.RESOLVED:
        return "This alert is already resolved."
    if current == AlertStatus.ACKNOWLEDGED and doing == "acknowledge":
        return "This alert is already acknowledged."
    return f"This alert cannot be {doing}d now."


def _history(alert: Alert, what: AlertEventWhat, *, at, actor: User | None = None, note: str = "") -> AlertEvent:
    return AlertEvent.objects.create(alert=alert, at=at, actor=actor, what=what, severity=alert.severity, note=note)


# --- Opioid medicines and daily MME (CLINICAL.md section 4) ------------------------------------------------------
# The patient records their own (at intake or when a dose changes); a physician of their care team may too. A clinic
# admin reads them but never writes a clinical record. A change stops the current row and starts a new one on the
# same day, so the rows are the history of daily MME (monitoring.selectors.mme_history).

_MG_FIELD = OpioidMedicine._meta.get_field("mg_per_dose")
_MME_FIELD = OpioidMedicine._meta.get_field("daily_mme")
_MG_STEP = Decimal(1).scaleb(-_MG_FIELD.decimal_places)  # 0.01
_MG_MAX = Decimal(10) ** (_MG_FIELD.max_digits - _MG_FIELD.decimal_places) - _MG_STEP
_MME_STEP = Decimal(1).scaleb(-_MME_FIELD.decimal_places)
_MME_MAX = Decimal(10) ** (_MME_FIELD.max_digits - _MME_FIELD.decimal_places) - _MME_STEP


@transaction.atomic
def opioid_medicine_add(
    *, actor: User, patient: Patient, drug: str, mg_per_dose, doses_per_day, started_on: date
) -> OpioidMedicine:
    """Record an opioid the patient takes from `started_on`, with its daily MME (monitoring.opioids.daily_mme)."""
    _require_opioid_writer(actor, patient)
    mg_per_dose, doses_per_day, mme = _opioid_dose(drug, mg_per_dose, doses_per_day)
    _require_not_future(patient, started_on, what="start date")
    medicine = OpioidMedicine.objects.create(
        patient=patient,
        drug=drug,
        mg_per_dose=mg_per_dose,
        doses_per_day=doses_per_day,
        daily_mme=mme,
        started_on=started_on,
        recorded_by=actor,
    )
    # No drug or dose in the audit row: both are health information.
    audit.record(
        AuditAction.CREATE,
        actor=actor,
        object_type="opioid_medicine",
        object_id=medicine.pk,
        patient=patient,
        detail="added",
    )
    return medicine


@transaction.atomic
def opioid_medicine_change(
    *, actor: User, medicine: OpioidMedicine, mg_per_dose, doses_per_day, changed_on: date
) -> OpioidMedicine:
    """A new dose of the same drug from `changed_on`: the current row stops that day and a new row starts it."""
    current = _lock_current_medicine(actor, medicine)
    mg_per_dose, doses_per_day, mme = _opioid_dose(current.drug, mg_per_dose, doses_per_day)
    _require_on_or_after_start(current, changed_on, what="date of the change")
    _require_not_future(current.patient, changed_on, what="date of the change")
    current.stopped_on = changed_on
    current.save(update_fields=["stopped_on"])
    successor = OpioidMedicine.objects.create(
        patient=current.patient,
        drug=current.drug,
        mg_per_dose=mg_per_dose,
        doses_per_day=doses_per_day,
        daily_mme=mme,
        started_on=changed_on,
        recorded_by=actor,
    )
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="opioid_medicine",
        object_id=current.pk,
        patient=current.patient,
        detail=f"changed; continued as {successor.pk}",
    )
    return successor


@transaction.atomic
def opioid_medicine_stop(*, actor: User, medicine: OpioidMedicine, stopped_on: date) -> OpioidMedicine:
    """The patient no longer takes this opioid from `stopped_on` (not taken that day)."""
    current = _lock_current_medicine(actor, medicine)
    _require_on_or_after_start(current, stopped_on, what="stop date")
    _require_not_future(current.patient, stopped_on, what="stop date")
    current.stopped_on = stopped_on
    current.save(update_fields=["stopped_on"])
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="opioid_medicine",
        object_id=current.pk,
        patient=current.patient,
        detail="stopped",
    )
    return current


def _require_opioid_writer(actor: User, patient: Patient) -> None:
    """The patient themself, or a physician on their care team. Anyone who may not see the patient is told there is
    no such patient (a 404 on the pages); a clinic admin may read but not write."""
    may_see = actor.is_authenticated and Patient.objects.visible_to(actor).filter(pk=patient.pk).exists()
    if not may_see:
        raise DomainError("No such patient.", code="not_found")
    if actor.role not in (Role.PATIENT, Role.PHYSICIAN):
        raise DomainError(
            "Only the patient or a physician on their care team records opioid medicines.", code="forbidden"
        )


def _lock_current_medicine(actor: User, medicine: OpioidMedicine) -> OpioidMedicine:
    _require_opioid_writer(actor, medicine.patient)
    current = OpioidMedicine.objects.select_for_update().select_related("patient").filter(pk=medicine.pk).first()
    if current is None or current.patient_id != medicine.patient_id:
        raise DomainError("No such medicine.", code="not_found")
    if current.stopped_on is not None:
        raise DomainError(
            f"This medicine was already stopped on {current.stopped_on:%d %B %Y}: add it again if it restarted.",
            code="stopped",
        )
    return current


def _opioid_dose(drug: str, mg_per_dose, doses_per_day) -> tuple[Decimal, int, Decimal]:
    """The strength and doses as stored, and the daily MME; any refusal of daily_mme in plain words."""
    try:
        mg_per_dose = Decimal(str(mg_per_dose))
    except InvalidOperation:
        raise DomainError("Enter the strength as a number, for example 10 or 7.5.", code="invalid") from None
    if not mg_per_dose.is_finite():
        raise DomainError("Enter the strength as a number, for example 10 or 7.5.", code="invalid")
    if mg_per_dose > 0 and mg_per_dose != mg_per_dose.quantize(_MG_STEP):
        raise DomainError("Enter the strength with at most two decimals.", code="invalid")
    if mg_per_dose > _MG_MAX:
        raise DomainError(f"A strength above {_MG_MAX} is not plausible: check the number.", code="invalid")
    try:
        mme = opioids.daily_mme(drug, mg_per_dose, doses_per_day)
    except ValueError as refused:
        raise DomainError(_opioid_refusal(drug, mg_per_dose, doses_per_day, refused), code="invalid") from None
    mme = Decimal(mme).quantize(_MME_STEP, rounding=ROUND_HALF_UP)
    if mme > _MME_MAX:
        raise DomainError("That daily dose is not plausible: check the strength and doses a day.", code="invalid")
    return mg_per_dose, int(doses_per_day), mme


def _opioid_refusal(drug, mg_per_dose, doses_per_day, refused: ValueError) -> str:
    if drug not in OpioidDrug.values:
        return (
            "Choose an opioid from the list. (Buprenorphine and others without a CDC conversion factor cannot be "
            "counted in MME.)"
        )
    if mg_per_dose <= 0:
        return "Enter a strength above 0."
    if drug == OpioidDrug.FENTANYL_TRANSDERMAL and doses_per_day != 1:
        return "A fentanyl patch is recorded as one a day: add patches worn together as their total mcg/h."
    if isinstance(doses_per_day, bool) or not isinstance(doses_per_day, int) or doses_per_day < 1:
        return "Enter the number of doses a day as a whole number, 1 or more."
    return str(refused) or "That dose cannot be recorded."


def _require_on_or_after_start(medicine: OpioidMedicine, day: date, *, what: str) -> None:
    if day < medicine.started_on:
        raise DomainError(
            f"The {what} cannot be before the medicine started ({medicine.started_on:%d %B %Y}).", code="invalid"
        )


def _require_not_future(patient: Patient, day: date, *, what: str) -> None:
    if day > timezone.localdate(timezone=ZoneInfo(patient.time_zone)):
        raise DomainError(f"The {what} cannot be in the future.", code="invalid")


# --- Survey assignments, schedules and responses (CLINICAL.md sections 1 and 3) ---------------------------------------

# CLINICAL.md section 1, "Survey schedule": the intake battery (opioid medicines are recorded on their own page).
INTAKE_BATTERY = ("nrs", "peg3", "phq9", "gad7", "bladder")
# CLINICAL.md section 1, "Survey schedule": the follow-up NRS "expires 24 h later" than it is due.
FOLLOW_UP_EXPIRY = dt.timedelta(hours=24)
# Regular check-ins are due on a reminder-friendly local morning: after the clinic's default quiet hours (to 08:00).
SURVEY_DUE_LOCAL_TIME = dt.time(9, 0)
PAIN_INSTRUMENTS = frozenset({"nrs", "peg3"})
MOOD_INSTRUMENTS = frozenset({"phq9", "gad7"})
# CLINICAL.md section 3, "Worsening pain": worse than baseline by at least max(30 % of baseline, 1 point).
WORSENING_FRACTION = Decimal("0.3")
WORSENING_MIN_POINTS = Decimal(1)
# CLINICAL.md section 3, "Bladder": a total at least 4 points above the patient's bladder baseline.
BLADDER_RISE_POINTS = Decimal(4)
INSTRUMENT_WORDS = {"nrs": "pain (NRS)", "peg3": "PEG-3", "phq9": "PHQ-9", "gad7": "GAD-7", "pgic": "PGIC",
                    "bladder": "bladder check"}  # fmt: skip


def _schedule_periods(clinic) -> dict[str, int]:
    """Each regular check-in's period in days, from the clinic's settings (CLINICAL.md clinic defaults 7/14/14/28)."""
    return {
        "peg3": clinic.peg3_every_days,
        "phq9": clinic.phq9_every_days,
        "gad7": clinic.gad7_every_days,
        "bladder": clinic.bladder_every_days,
    }


def _instruments(codes) -> dict[str, Instrument]:
    """The Instrument rows of `codes`. The definitions in monitoring/instruments.py are the source of truth and the
    table is their copy (migration 0003): a row missing from the copy is copied again rather than failing the
    session, dose or schedule that needs it. An unknown code is a DomainError."""
    found = Instrument.objects.in_bulk(list(codes), field_name="code")
    for code in sorted(set(codes) - set(found)):
        if code not in instruments.INSTRUMENT_CODES:
            raise DomainError(f"There is no instrument {code!r}.", code="no_instrument")
        data = instruments.definition(code)
        found[code], _ = Instrument.objects.get_or_create(
            code=code, defaults={"name": data["name"], "version": data["version"], "definition": data}
        )
    return found


def _assign(*, patient: Patient, wanted: list[SurveyAssignment], what: str) -> list[SurveyAssignment]:
    """Insert the wanted assignments whose (patient, instrument, slot) is still free; returns the new ones.

    Idempotent and race-safe: the unique (patient, instrument, slot) makes a second insert a no-op."""
    if not wanted:
        return []
    taken = set(
        SurveyAssignment.objects.filter(patient=patient, slot__in={a.slot for a in wanted}).values_list(
            "instrument_id", "slot"
        )
    )
    new = [a for a in wanted if (a.instrument_id, a.slot) not in taken]
    if new:
        SurveyAssignment.objects.bulk_create(new, ignore_conflicts=True)
        pairs = {(a.instrument_id, a.slot) for a in new}
        created = [
            a
            for a in SurveyAssignment.objects.filter(patient=patient, slot__in={slot for _, slot in pairs})
            .select_related("instrument")
            .order_by("pk")
            if (a.instrument_id, a.slot) in pairs
        ]
        audit.record(AuditAction.CREATE, object_type="survey_assignment", patient=patient, detail=f"{what}: {len(new)}")
        return created
    return []


@transaction.atomic
def surveys_assign_intake(*, patient: Patient, now: dt.datetime) -> list[SurveyAssignment]:
    """The intake (baseline) battery — nrs, peg3, phq9, gad7, bladder — due now, expiring after the clinic's survey
    expiry. Once per patient: the slot is "intake"."""
    if timezone.is_naive(now):
        raise ValueError("now must be an aware datetime.")
    wanted = _intake_wanted(patient=patient, now=now, instruments=_instruments(INTAKE_BATTERY))
    return _assign(patient=patient, wanted=wanted, what="intake")


def _intake_wanted(*, patient: Patient, now: dt.datetime, instruments: dict) -> list[SurveyAssignment]:
    expires_at = now + dt.timedelta(hours=patient.clinic.survey_expiry_hours)
    return [
        SurveyAssignment(
            patient=patient,
            instrument=instruments[code],
            reason=SurveyReason.INTAKE,
            slot="intake",
            due_at=now,
            expires_at=expires_at,
            created_at=now,
        )
        for code in INTAKE_BATTERY
    ]


@transaction.atomic
def survey_assign_follow_up(*, patient: Patient, session_id: int, completed_at: dt.datetime) -> SurveyAssignment | None:
    """The follow-up pain NRS after a completed session: due `followup_nrs_after_hours` (24 h) after it, expiring
    24 h later (CLINICAL.md section 1). Once per session (slot "session:<id>"); None when it already exists."""
    due_at = completed_at + dt.timedelta(hours=patient.clinic.followup_nrs_after_hours)
    wanted = SurveyAssignment(
        patient=patient,
        instrument=_instruments(["nrs"])["nrs"],
        reason=SurveyReason.FOLLOW_UP,
        slot=f"session:{session_id}",
        session_id=session_id,
        due_at=due_at,
        expires_at=due_at + FOLLOW_UP_EXPIRY,
        created_at=completed_at,
    )
    created = _assign(patient=patient, wanted=[wanted], what="follow-up")
    return created[0] if created else None


def _local_morning(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, SURVEY_DUE_LOCAL_TIME, tzinfo=zone)


def _current_period_start(anchor: dt.date, today: dt.date, every_days: int) -> dt.date | None:
    """The start of the latest whole period after the anchor that has begun by `today` (the anchor's own period is
    the intake's or the first session's), or None before the first one."""
    periods = (today - anchor).days // every_days
    if periods < 1:
        return None
    return anchor + dt.timedelta(days=periods * every_days)


@transaction.atomic
def surveys_schedule_due(*, patient: Patient, now: dt.datetime) -> list[SurveyAssignment]:
    """The regular check-ins whose period has begun (CLINICAL.md section 1, clinic settings): peg3, phq9, gad7 and
    bladder every N days from the patient's intake, pgic every N days from the first completed session.

    Each is due at 09:00 on the period's first day in the patient's time zone and expires the clinic's
    `survey_expiry_hours` later; its slot names the period ("every-7d:2026-12-01"), so running this again — or twice
    at once — never adds a second. Only the current period is filled, and only while it can still be answered:
    a missed period is not made up later. Patients who are not active get nothing."""
    if timezone.is_naive(now):
        raise ValueError("now must be an aware datetime.")
    if patient.status != PatientStatus.ACTIVE:
        return []
    first_session = selectors.first_completed_session_at(patient=patient)
    wanted = _scheduled_wanted(
        patient=patient, now=now, first_session=first_session, instruments=_instruments(SCHEDULED_CODES)
    )
    return _assign(patient=patient, wanted=wanted, what="scheduled")


def _scheduled_wanted(
    *, patient: Patient, now: dt.datetime, first_session: dt.datetime | None, instruments: dict
) -> list[SurveyAssignment]:
    """The current period's assignment of each regular check-in (no database access)."""
    clinic = patient.clinic
    zone = ZoneInfo(patient.time_zone)
    today = now.astimezone(zone).date()
    expiry = dt.timedelta(hours=clinic.survey_expiry_hours)
    periods = _schedule_periods(clinic)
    anchors = dict.fromkeys(periods, patient.created_at.astimezone(zone).date())
    if first_session is not None:
        anchors["pgic"] = first_session.astimezone(zone).date()
        periods["pgic"] = clinic.pgic_every_days
    wanted = []
    for code, every_days in periods.items():
        start = _current_period_start(anchors[code], today, every_days)
        if start is None:
            continue
        due_at = _local_morning(start, zone)
        if now >= due_at + expiry:
            continue
        wanted.append(
            SurveyAssignment(
                patient=patient,
                instrument=instruments[code],
                reason=SurveyReason.SCHEDULE,
                slot=f"every-{every_days}d:{start.isoformat()}",
                due_at=due_at,
                expires_at=due_at + expiry,
                created_at=now,
            )
        )
    return wanted


SCHEDULED_CODES = ("peg3", "phq9", "gad7", "bladder", "pgic")


def surveys_schedule_all(*, now: dt.datetime, batch_size: int = 500) -> int:
    """The beat tick: the intake battery (once) and the current regular check-ins of every active patient, in
    batches whose query count does not grow with the batch (patients with their first session, existing slots,
    one insert, one batch of audit rows). Idempotent like the per-patient services. Returns how many were added."""
    if timezone.is_naive(now):
        raise ValueError("now must be an aware datetime.")
    instruments = _instruments((*INTAKE_BATTERY, *SCHEDULED_CODES))
    patients = (
        Patient.objects.filter(status=PatientStatus.ACTIVE, user__is_active=True)
        .select_related("clinic")
        .annotate(first_session=selectors.first_completed_session_at_expression())
        .order_by("pk")
    )
    added, batch = 0, []
    for patient in patients.iterator(chunk_size=batch_size):
        batch.append(patient)
        if len(batch) == batch_size:
            added += _schedule_batch(batch, now=now, instruments=instruments)
            batch = []
    if batch:
        added += _schedule_batch(batch, now=now, instruments=instruments)
    return added


@transaction.atomic
def _schedule_batch(patients: list[Patient], *, now: dt.datetime, instruments: dict) -> int:
    wanted = [
        assignment
        for patient in patients
        for assignment in (
            *_intake_wanted(patient=patient, now=now, instruments=instruments),
            *_scheduled_wanted(patient=patient, now=now, first_session=patient.first_session, instruments=instruments),
        )
    ]
    taken = set(
        SurveyAssignment.objects.filter(
            patient_id__in=[p.pk for p in patients], slot__in={a.slot for a in wanted}
        ).values_list("patient_id", "instrument_id", "slot")
    )
    new = [a for a in wanted if (a.patient_id, a.instrument_id, a.slot) not in taken]
    if not new:
        return 0
    SurveyAssignment.objects.bulk_create(new, ignore_conflicts=True)
    per_patient = Counter(a.patient_id for a in new)
    by_pk = {p.pk: p for p in patients}
    audit.record_many(
        audit.event(
            AuditAction.CREATE, object_type="survey_assignment", patient=by_pk[pk], detail=f"scheduled: {count}"
        )
        for pk, count in per_patient.items()
    )
    return len(new)


def surveys_expire(*, now: dt.datetime) -> int:
    """Due assignments past their expiry become expired, each raising a low `survey_overdue` alert (PRODUCT.md).

    Each assignment moves in its own transaction with `filter(status=due).update(...)`: a second run, or two at
    once, expires and alerts each one only once. Returns how many expired."""
    if timezone.is_naive(now):
        raise ValueError("now must be an aware datetime.")
    expired = 0
    overdue = SurveyAssignment.objects.filter(status=AssignmentStatus.DUE, expires_at__lte=now)
    for assignment in overdue.select_related("patient", "instrument").order_by("pk").iterator():
        with transaction.atomic():
            changed = SurveyAssignment.objects.filter(pk=assignment.pk, status=AssignmentStatus.DUE).update(
                status=AssignmentStatus.EXPIRED
            )
            if changed != 1:
                continue
            alert_raise(
                patient=assignment.patient,
                kind=AlertKind.SURVEY_OVERDUE,
                severity=Severity.LOW,
                cause=f"assignment:{assignment.pk}",
                summary=f"A {INSTRUMENT_WORDS.get(assignment.instrument.code, assignment.instrument.code)} "
                "check-in expired unanswered.",
            )
            audit.record(
                AuditAction.UPDATE,
                object_type="survey_assignment",
                object_id=assignment.pk,
                patient=assignment.patient,
                detail="expired",
            )
            expired += 1
    return expired


@transaction.atomic
def survey_response_submit(
    *,
    actor: User,
    answers: dict,
    assignment: SurveyAssignment | None = None,
    patient: Patient | None = None,
    instrument_code: str | None = None,
    now: dt.datetime | None = None,
) -> SurveyResponse:
    """The patient answers a survey: an assignment of theirs that is open now, or (no assignment) an instrument they
    choose to answer. Scored by monitoring.instruments.score (a bad answer is refused naming the item, and nothing is
    saved), stored with the instrument version answered, the assignment completed, audited, and then the alert rules
    of CLINICAL.md section 3 applied in the same transaction."""
    now = now or timezone.now()
    if assignment is not None:
        patient, instrument = assignment.patient, assignment.instrument
    elif patient is not None and instrument_code:
        instrument = _instruments([instrument_code])[instrument_code]
    else:
        raise ValueError("Give an assignment, or a patient and an instrument code.")
    if not (actor.is_authenticated and actor.role == Role.PATIENT and patient.user_id == actor.pk):
        raise DomainError("Only the patient answers their own check-ins.", code="forbidden")
    if not isinstance(answers, dict):
        raise DomainError("Answer the questions on the form.", code="invalid")
    try:
        result = instruments.score(instrument.code, answers)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), code="invalid_answer") from error
    if assignment is not None:
        if now < assignment.due_at:
            raise DomainError("This check-in is not open yet.", code="not_due")
        changed = SurveyAssignment.objects.filter(
            pk=assignment.pk, status=AssignmentStatus.DUE, expires_at__gt=now
        ).update(status=AssignmentStatus.COMPLETED)
        if changed != 1:
            current = SurveyAssignment.objects.filter(pk=assignment.pk).values_list("status", flat=True).first()
            if current == AssignmentStatus.COMPLETED:
                raise DomainError("You have already answered this check-in.", code="already_answered")
            raise DomainError("This check-in has closed: it can no longer be answered.", code="closed")
        assignment.status = AssignmentStatus.COMPLETED
    response = SurveyResponse.objects.create(
        patient=patient,
        instrument=instrument,
        instrument_version=result.version,
        assignment=assignment,
        answered_by=actor,
        answers=dict(answers),
        total=Decimal(result.total),
        band=result.band or "",
        flags=sorted(result.flags),
        subscales=dict(result.subscales or {}),
        answered_at=now,
    )
    # No answers or scores in the audit row: they are health data.
    audit.record(
        AuditAction.CREATE,
        actor=actor,
        object_type="survey_response",
        object_id=response.pk,
        patient=patient,
        detail=instrument.code,
    )
    survey_alerts_apply(response=response)
    return response


def survey_alerts_apply(*, response: SurveyResponse) -> list[Alert]:
    """The alert rules of CLINICAL.md section 3 and PRODUCT.md's table, for one new response; returns the alerts
    raised. Called inside survey_response_submit's transaction."""
    code = response.instrument.code
    flags = set(response.flags)
    raised = []
    if instruments.needs_crisis_resources(code, flags):
        # PRODUCT.md: PHQ-9 item 9 answered above 0 → critical (and a hold on dosing until a physician resolves it).
        raised.append(
            alert_raise(
                patient=response.patient,
                kind=AlertKind.SUICIDALITY,
                severity=Severity.CRITICAL,
                cause=f"response:{response.pk}",
                summary="PHQ-9 item 9 answered above 0 (thoughts of being better off dead or of self-harm). "
                "The patient was shown the crisis line and emergency number. Contact them today.",
            )
        )
    if code in MOOD_INSTRUMENTS:
        raised += _mood_worsening(response)
    if code in PAIN_INSTRUMENTS:
        raised += _worsening_pain(response)
    if code == "bladder":
        raised += _bladder(response, flags)
    return raised


def _mood_worsening(response: SurveyResponse) -> list[Alert]:
    """CLINICAL.md section 3: a phq9 or gad7 band higher than that instrument's previous response → medium."""
    code = response.instrument.code
    previous = selectors.survey_previous_response(response=response)
    if previous is None or not previous.band or not response.band:
        return []
    if instruments.band_rank(code, response.band) <= instruments.band_rank(code, previous.band):
        return []
    words = INSTRUMENT_WORDS[code]
    return [
        alert_raise(
            patient=response.patient,
            kind=AlertKind.MOOD_WORSENING,
            severity=Severity.MEDIUM,
            cause=f"instrument:{code}",
            summary=f"{words} rose from {previous.band.replace('_', ' ')} ({previous.total:.0f}) to "
            f"{response.band.replace('_', ' ')} ({response.total:.0f}).",
        )
    ]


def _worsening_pain(response: SurveyResponse) -> list[Alert]:
    """CLINICAL.md section 3: two consecutive measures of the same instrument each worse than baseline by at least
    max(30 % of baseline, 1 point) → medium. The baseline's own first response never counts as a measure."""
    code = response.instrument.code
    baseline = selectors.survey_baseline(patient=response.patient, code=code)
    if baseline is None:
        return []
    previous = selectors.survey_previous_response(response=response)
    if previous is None:
        return []
    threshold = max(WORSENING_FRACTION * baseline, WORSENING_MIN_POINTS)
    if not all(measure.total - baseline >= threshold for measure in (previous, response)):
        return []
    words = INSTRUMENT_WORDS[code]
    return [
        alert_raise(
            patient=response.patient,
            kind=AlertKind.WORSENING_PAIN,
            severity=Severity.MEDIUM,
            cause=f"instrument:{code}",
            summary=f"{words} worse than baseline ({baseline:.1f}) on two measures in a row: {previous.total:.1f}, "
            f"then {response.total:.1f}.",
        )
    ]


def _bladder(response: SurveyResponse, flags: set) -> list[Alert]:
    """CLINICAL.md section 3: hematuria → high; bladder_pain, or a total ≥ 4 above the bladder baseline → medium."""
    raised = []
    if "hematuria" in flags:
        raised.append(
            alert_raise(
                patient=response.patient,
                kind=AlertKind.BLADDER_SYMPTOMS,
                severity=Severity.HIGH,
                cause="instrument:bladder",
                summary="Bladder check: the patient reports blood in their urine.",
            )
        )
    baseline = selectors.survey_baseline(patient=response.patient, code="bladder")
    rising = baseline is not None and response.total - baseline >= BLADDER_RISE_POINTS
    if "bladder_pain" in flags or rising:
        reasons = []
        if "bladder_pain" in flags:
            reasons.append("pain or burning in the bladder fairly often or more")
        if rising:
            reasons.append(f"score {response.total:.0f}, up from a baseline of {baseline:.1f}")
        raised.append(
            alert_raise(
                patient=response.patient,
                kind=AlertKind.BLADDER_SYMPTOMS,
                severity=Severity.MEDIUM,
                cause="instrument:bladder",
                summary="Bladder check: " + "; ".join(reasons) + ".",
            )
        )
    return raised


MAX_SURVEY_ADDENDUM_REASON = SurveyResponseAddendum._meta.get_field("reason").max_length
MAX_SURVEY_ADDENDUM_TEXT = 5000


@transaction.atomic
def survey_response_amend(*, actor: User, response: SurveyResponse, reason: str, text: str) -> SurveyResponseAddendum:
    """A correction to a saved response, as an addendum beside it: the answers and scores are never changed. By the
    patient who answered it, or a physician on their care team."""
    patient = response.patient
    is_own = actor.is_authenticated and actor.role == Role.PATIENT and patient.user_id == actor.pk
    on_team = (
        actor.is_authenticated
        and actor.role == Role.PHYSICIAN
        and Patient.objects.visible_to(actor).filter(pk=patient.pk).exists()
    )
    if not (is_own or on_team):
        raise DomainError("No such survey response.", code="not_found")
    reason, text = (reason or "").strip(), (text or "").strip()
    if not reason:
        raise DomainError("Say why the answers need a correction.", code="reason_required")
    if len(reason) > MAX_SURVEY_ADDENDUM_REASON:
        raise DomainError(f"Keep the reason to {MAX_SURVEY_ADDENDUM_REASON} characters.", code="reason_too_long")
    if not text:
        raise DomainError("Write the correction.", code="text_required")
    if len(text) > MAX_SURVEY_ADDENDUM_TEXT:
        raise DomainError(f"Keep the correction to {MAX_SURVEY_ADDENDUM_TEXT} characters.", code="text_too_long")
    addendum = SurveyResponseAddendum.objects.create(response=response, author=actor, reason=reason, text=text)
    audit.record(
        AuditAction.CREATE,
        actor=actor,
        object_type="survey_response_addendum",
        object_id=addendum.pk,
        patient=patient,
        detail=f"addendum to survey_response {response.pk}",
    )
    return addendum


# --- Notifications --------------------------------------------------------------------------------------------------
def notification_idempotency_key(
    *, recipient: User | None, channel: str, kind: str, about: str, send_after: dt.datetime, address: str = ""
) -> str:
    """The same reminder (kind, object, channel, person or address, minute) always has the same key."""
    minute = send_after.astimezone(dt.UTC).strftime("%Y%m%dT%H%MZ")
    who = recipient.pk if recipient is not None else address.lower()
    return f"{kind}:{about}:{channel}:{who}:{minute}"


def notification_enqueue(
    *,
    recipient: User | None,
    channel: str,
    kind: str,
    about: str,
    send_after: dt.datetime,
    expires_at: dt.datetime | None = None,
    urgent: bool = False,
    address: str = "",
) -> Notification:
    """Queue one message (the outbox row); call it inside the transaction that causes it, so both commit or roll back
    together. Queueing the same message again (same key) adds nothing and returns the row already there; the
    dispatcher (monitoring.notifications) sends it. `address` instead of a recipient: an email to someone without an
    account (a clinic's on-call contact)."""
    key = notification_idempotency_key(
        recipient=recipient, channel=channel, kind=kind, about=about, send_after=send_after, address=address
    )
    notification, _ = Notification.objects.get_or_create(
        idempotency_key=key,
        defaults={
            "recipient": recipient,
            "address": address,
            "channel": channel,
            "kind": kind,
            "about": about,
            "send_after": send_after,
            "expires_at": expires_at,
            "urgent": urgent,
        },
    )
    return notification
