"""Who acts on a patient's clinical records: a physician on their care team. One rule for every service that writes
them (plans, eligibility reviews, refill decisions, alerts, clinical notes, session sign-offs)."""

from accounts.models import Patient, Role, User
from anodyne.errors import DomainError


def require_care_team_physician(actor: User, patient_id: int, *, doing: str, missing: str = "No such patient.") -> None:
    """Only a physician on the patient's care team may do `doing` ("sign off sessions"). Whoever may not see the
    patient (Patient.objects.visible_to: another clinic, a physician off the care team, a deactivated account) is
    told that the record does not exist — `missing`, code "not_found", a 404 on the pages — never that it exists; a
    clinic admin or the patient, who may see the patient, is told who does it (code "forbidden")."""
    if not Patient.objects.visible_to(actor).filter(pk=patient_id).exists():
        raise DomainError(missing, code="not_found")
    if actor.role == Role.CLINIC_ADMIN:
        raise DomainError(
            f"Clinic admins cannot {doing}: a physician on the patient's care team does.", code="forbidden"
        )
    if actor.role != Role.PHYSICIAN:
        raise DomainError(f"Only a physician on the patient's care team can {doing}.", code="forbidden")
