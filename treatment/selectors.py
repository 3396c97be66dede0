"""Reads about treatment that pages, API views and middleware share."""

from dataclasses import dataclass

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, QuerySet, When

from accounts.models import Clinic, Patient, User
from treatment.models import ConsentSignature, ConsentVersion, PlanStatus, PlanVersion, TreatmentPlan


@dataclass(frozen=True)
class ConsentStatus:
    current: ConsentVersion | None  # the clinic's latest version; None when it has published none
    signature: ConsentSignature | None  # the patient's signature of `current`, if they signed it

    @property
    def signed(self) -> bool:
        return self.signature is not None

    @property
    def needs_signature(self) -> bool:
        return self.current is not None and self.signature is None


def consent_current(*, clinic_id: int) -> ConsentVersion | None:
    return (
        ConsentVersion.objects.filter(clinic_id=clinic_id).select_related("published_by").order_by("-version").first()
    )


def consent_status(patient: Patient) -> ConsentStatus:
    """The clinic's current consent and the patient's signature of it (two queries)."""
    current = consent_current(clinic_id=patient.clinic_id)
    signature = None
    if current is not None:
        signature = ConsentSignature.objects.filter(patient=patient, consent_version=current).first()
    return ConsentStatus(current=current, signature=signature)


def consent_needed(user: User) -> bool:
    """Whether a signed-in patient must sign their clinic's current consent first. One query, for every request:

    SELECT EXISTS(a signature by this user's patient of v) FROM consent versions v
    WHERE v.clinic = the user's clinic ORDER BY v.version DESC LIMIT 1
    — an index lookup on (clinic, version) and one on (patient, consent_version). No row (nothing published) means
    no signature is needed. Staff cost nothing: the caller checks the role first.
    """
    signed = (
        ConsentVersion.objects.filter(clinic_id=user.clinic_id)
        .order_by("-version")
        .annotate(
            signed=Exists(ConsentSignature.objects.filter(consent_version=OuterRef("pk"), patient__user_id=user.pk))
        )
        .values_list("signed", flat=True)
        .first()
    )
    return signed is False


def consent_history(*, clinic: Clinic) -> QuerySet:
    """Every version a clinic published, newest first, with who published it and how many patients signed it."""
    return (
        ConsentVersion.objects.filter(clinic=clinic)
        .select_related("published_by")
        .annotate(signature_count=Count("signatures"))
        .order_by("-version")
    )


def plan_for(*, patient) -> TreatmentPlan | None:
    """The patient's current plan (active or paused; else the latest), with its current version and history."""
    return (
        TreatmentPlan.objects.filter(patient=patient)
        .select_related("current_version__author")
        .prefetch_related(
            Prefetch("versions", queryset=PlanVersion.objects.select_related("author").order_by("-number"))
        )
        .order_by(Case(When(status=PlanStatus.COMPLETED, then=1), default=0), "-created_at")
        .first()
    )


@dataclass(frozen=True)
class PlanChange:
    field: str
    label: str
    before: object
    after: object


def plan_changes(older: PlanVersion | None, newer: PlanVersion) -> list[PlanChange]:
    """What a version changed from the one before it, field by field, in the plan page's order."""
    changes = []
    for name in PlanVersion.CLINICAL_FIELDS:
        before = getattr(older, name) if older else None
        after = getattr(newer, name)
        if before != after:
            label = PlanVersion._meta.get_field(name).verbose_name.capitalize()
            changes.append(PlanChange(name, label, before, after))
    return changes
