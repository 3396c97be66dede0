"""Reads about eligibility screens (CLINICAL.md section 1) that the plan service, the pre-dose check, the patient's
and the care team's pages share.

The patient's latest ANSWERED screen decides whether they are cleared: a re-screen a physician asked for changes
nothing until the patient answers it, and a re-screen answered with a new "yes" makes them not cleared until a
physician reviews it. A patient who never answered a screen is "unanswered" (treatment.eligibility.UNANSWERED).
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import Patient
from treatment import eligibility
from treatment.models import EligibilityReview, EligibilityScreen, EligibilityStatus

# The care team's page shows the current screen and the earlier ones, newest first, up to this many in all.
HISTORY_LIMIT = 20


def _latest_answered(patient: Patient | OuterRef):
    return EligibilityScreen.objects.filter(patient=patient, answered_at__isnull=False).order_by("-answered_at", "-pk")


def eligibility_status(patient: Patient) -> str:
    """The status of the screen that decides: cleared, needs_review, not_cleared, or unanswered. One query."""
    status = _latest_answered(patient).values_list("status", flat=True).first()
    return status or eligibility.UNANSWERED


def eligibility_status_expression() -> Coalesce:
    """`eligibility_status` as an expression of a Patient query (OuterRef "pk"), for reads that need it with other
    facts in one query."""
    return Coalesce(Subquery(_latest_answered(OuterRef("pk")).values("status")[:1]), Value(eligibility.UNANSWERED))


def is_cleared(patient: Patient) -> bool:
    """Whether a plan may be activated and a dose taken as far as eligibility goes. One query."""
    return eligibility_status(patient) == eligibility.CLEARED


@dataclass(frozen=True)
class Eligibility:
    status: str  # the latest answered screen's status, or "unanswered"
    screen: EligibilityScreen | None  # the latest answered screen: the one that decides
    waiting: EligibilityScreen | None  # a re-screen waiting for the patient's answers (at most one, the DB says)

    @property
    def cleared(self) -> bool:
        return self.status == eligibility.CLEARED

    @property
    def to_answer(self) -> bool:
        """The patient has questions to answer: their intake screen, or a re-screen waiting for them."""
        return self.waiting is not None or self.screen is None


def eligibility_current(patient: Patient) -> Eligibility:
    """The screen that decides and the re-screen waiting, if any, with who asked for it. One query."""
    latest = _latest_answered(patient).values("pk")[:1]
    screens = list(
        EligibilityScreen.objects.filter(
            Q(patient=patient, status=EligibilityStatus.REQUESTED) | Q(pk__in=latest)
        ).select_related("requested_by")
    )
    screen = next((s for s in screens if s.status != EligibilityStatus.REQUESTED), None)
    waiting = next((s for s in screens if s.status == EligibilityStatus.REQUESTED), None)
    return Eligibility(status=screen.status if screen else eligibility.UNANSWERED, screen=screen, waiting=waiting)


def screens_of(patient: Patient) -> list[EligibilityScreen]:
    """The patient's screens, newest first (a waiting re-screen first of all), up to HISTORY_LIMIT, with who asked,
    who answered and every review with its reviewer. Two queries, whatever the number of screens and reviews."""
    return list(
        EligibilityScreen.objects.filter(patient=patient)
        .select_related("requested_by", "answered_by")
        .prefetch_related(
            Prefetch("reviews", queryset=EligibilityReview.objects.select_related("reviewed_by").order_by("pk"))
        )
        .order_by("-created_at", "-pk")[:HISTORY_LIMIT]
    )
