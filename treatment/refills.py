"""Refill requests (issue 10; CLINICAL.md section 2, "Dispensing": ketamine is a Schedule III controlled substance).

When the expected units on hand fall below the plan's refill level the patient is offered "Request a refill"
(treatment.refill_selectors); they may also ask at any other time. A physician on the care team approves or declines
(a decline needs a reason the patient reads); an approved request waits for the Dispense that fulfils it
(treatment.services.dispense_record calls refill_fulfil in its own transaction). A request is judged early by the
dispense reconciliation's own rule (treatment.selectors.RefillPosition.early): the care team sees it marked so.

This module never imports treatment.services (services imports it, for the fulfilment).
"""

from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from accounts import audit
from accounts.care_team import require_care_team_physician
from accounts.models import AuditAction, Patient, Role, User
from anodyne.errors import DomainError
from treatment import events
from treatment import selectors as treatment_selectors
from treatment.models import OPEN_REFILL, Dispense, RefillRequest, RefillStatus

MAX_NOTE = RefillRequest._meta.get_field("note").max_length
MAX_REASON = RefillRequest._meta.get_field("decision_reason").max_length


def _is_the_patient(actor: User, patient: Patient) -> bool:
    return actor.is_authenticated and actor.is_active and actor.role == Role.PATIENT and actor.pk == patient.user_id


def _day(moment, patient: Patient) -> str:
    """The day of `moment` in the patient's time zone: "6 July 2026"."""
    local = moment.astimezone(ZoneInfo(patient.time_zone))
    return f"{local.day} {local:%B %Y}"


@transaction.atomic
def refill_request(*, actor: User, patient: Patient, note: str = "") -> RefillRequest:
    """The patient asks for a refill. One open request at a time; an active plan and a recorded dispense are needed
    (without them there is no supply to refill). The expected units on hand and whether the request is early are
    kept with it, as they were at this moment."""
    if not _is_the_patient(actor, patient):
        raise DomainError("Only the patient asks for a refill of their own supply.", code="forbidden")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise DomainError(f"Keep your note to {MAX_NOTE} characters (it has {len(note)}).")
    # Serialises with dispenses, counts and pre-dose checks (the supply read here is the one they see), and with a
    # second request at the same moment (the database allows one open request per patient as well).
    patient = Patient.objects.select_for_update(of=("self",)).get(pk=patient.pk)
    already = RefillRequest.objects.filter(patient=patient, status__in=OPEN_REFILL).first()
    if already is not None:
        where = (
            "your care team has not decided yet"
            if already.status == RefillStatus.REQUESTED
            else ("it was approved and waits for the pharmacy's dispense")
        )
        raise DomainError(
            f"You already asked for a refill on {_day(already.requested_at, patient)}: {where}.", code="already_open"
        )
    position = treatment_selectors.refill_position(patient)
    if position.version is None:
        raise DomainError(
            "You have no active treatment plan, so there is no supply to refill. Contact your care team.",
            code="no_active_plan",
        )
    if position.on_hand is None:
        raise DomainError(
            "No dispense is recorded for you yet, so there is nothing to refill: your care team arranges your first "
            "supply.",
            code="nothing_dispensed",
        )
    early = position.early
    request = RefillRequest.objects.create(
        patient=patient,
        clinic_id=patient.clinic_id,
        requested_by=actor,
        expected_units=position.on_hand.expected_units_rounded,
        early=early,
        note=note,
    )
    # The note is the patient's own words: it stays on the request, never in the audit row.
    audit.record(AuditAction.CREATE, actor=actor, object_type="refill_request", object_id=request.pk, patient=patient)
    events.refill_requested.send(
        sender=RefillRequest,
        patient=patient,
        refill_request_id=request.pk,
        early=early,
        days_left=position.days_left,
    )
    return request


@transaction.atomic
def refill_decide(*, actor: User, request: RefillRequest, approve: bool, reason: str = "") -> RefillRequest:
    """A physician on the patient's care team approves or declines a requested refill; a decline needs a reason,
    which the patient reads. The status moves once, from requested (a second decision is refused)."""
    request = RefillRequest.objects.select_related("patient__user").get(pk=request.pk)
    patient = request.patient
    require_care_team_physician(
        actor, patient.pk, doing="approve or decline a refill", missing="No such refill request."
    )
    reason = (reason or "").strip()
    if not approve and not reason:
        raise DomainError("Say why you decline the refill: the patient reads your reason.", code="reason_required")
    if len(reason) > MAX_REASON:
        raise DomainError(f"Keep the reason to {MAX_REASON} characters (it has {len(reason)}).")
    now = timezone.now()
    changed = RefillRequest.objects.filter(pk=request.pk, status=RefillStatus.REQUESTED).update(
        status=RefillStatus.APPROVED if approve else RefillStatus.DECLINED,
        decided_by=actor,
        decided_at=now,
        decision_reason=reason,
    )
    if changed != 1:
        current = RefillRequest.objects.get(pk=request.pk)
        raise DomainError(
            f"This refill request was already decided: {current.get_status_display().lower()}.",
            code="already_decided",
        )
    request.refresh_from_db()
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="refill_request",
        object_id=request.pk,
        patient=patient,
        detail="approved" if approve else "declined",
    )
    events.refill_decided.send(
        sender=RefillRequest,
        patient=patient,
        refill_request_id=request.pk,
        approved=bool(approve),
        decided_by=actor,
        reason=reason,
    )
    return request


def refill_fulfil(*, actor: User, patient: Patient, dispense: Dispense) -> RefillRequest | None:
    """The patient's approved request, if any, is fulfilled by this dispense. Runs inside
    treatment.services.dispense_record's transaction, with the patient's row locked there; returns the request."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("refill_fulfil runs inside dispense_record's transaction.")
    pk = (
        RefillRequest.objects.filter(patient=patient, status=RefillStatus.APPROVED).values_list("pk", flat=True).first()
    )
    if pk is None:
        return None
    changed = RefillRequest.objects.filter(pk=pk, status=RefillStatus.APPROVED).update(
        status=RefillStatus.FULFILLED, dispense=dispense
    )
    if changed != 1:
        return None
    audit.record(
        AuditAction.UPDATE,
        actor=actor,
        object_type="refill_request",
        object_id=pk,
        patient=patient,
        detail=f"fulfilled by dispense {dispense.pk}",
    )
    return RefillRequest.objects.get(pk=pk)
