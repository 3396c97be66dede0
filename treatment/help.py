"""Help during a session (issue 10): the moment of highest risk is during a dose, at home.

Between the pre-dose check and the post-dose entry (a session in progress) the patient may press "I need help". The
page then shows the emergency number first, then the sitter's name and phone, then the clinic's phone; the service
below records the press and tells the care team (treatment.events.help_requested -> a critical alert, which
escalates to the clinic's on-call contact when nobody acknowledges it in time).
"""

from django.db import transaction

from accounts import audit
from accounts.models import AuditAction, Role, User
from anodyne.errors import DomainError
from treatment import events
from treatment.models import HelpRequest, SessionStatus, TreatmentSession


@transaction.atomic
def session_help_request(*, actor: User, session: TreatmentSession) -> HelpRequest:
    """The patient asks for help during their own session in progress. Every press is recorded (help requests are
    append-only); the care team's alert is one per session, raised again by each press."""
    session = (
        TreatmentSession.objects.select_for_update(of=("self",))
        .select_related("patient__user", "patient__clinic")
        .get(pk=session.pk)
    )
    patient = session.patient
    if not (actor.is_authenticated and actor.is_active and actor.role == Role.PATIENT and actor.pk == patient.user_id):
        raise DomainError("Only the patient asks for help during their own session.", code="forbidden")
    if session.status != SessionStatus.IN_PROGRESS:
        raise DomainError(
            f"This session is {session.get_status_display().lower()}, not in progress: call your clinic, or the "
            "emergency number in an emergency.",
            code="not_in_progress",
        )
    help_request = HelpRequest.objects.create(session=session, patient=patient, requested_by=actor)
    audit.record(
        AuditAction.CREATE, actor=actor, object_type="help_request", object_id=help_request.pk, patient=patient
    )
    events.help_requested.send(
        sender=HelpRequest, patient=patient, session_id=session.pk, help_request_id=help_request.pk
    )
    return help_request
