"""Reads about the physician's session sign-off (PRODUCT.md, physician step 6): which treatment sessions await a
review. Every completed or held session awaits one until a SessionReview exists for it.

`awaiting_review_count()` annotates a Patient queryset in the same query (the dashboard's column), whatever the
number of patients.
"""

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from monitoring.models import SessionReview
from treatment.models import SessionStatus, TreatmentSession

# Issue 8: "every completed or held session awaits a physician's sign-off".
REVIEWABLE = (SessionStatus.COMPLETED, SessionStatus.HELD)


def sessions_awaiting_review() -> QuerySet:
    """Every completed or held session that nobody has signed off yet (not filtered by who may see it)."""
    return TreatmentSession.objects.filter(status__in=REVIEWABLE).exclude(
        Exists(SessionReview.objects.filter(session=OuterRef("pk")))
    )


def awaiting_review_count():
    """For a Patient queryset: how many of the patient's (OuterRef("pk")) sessions await a review."""
    return Coalesce(
        Subquery(
            sessions_awaiting_review()
            .filter(patient=OuterRef("pk"))
            .values("patient")
            .annotate(count=Count("pk"))
            .values("count")[:1],
            output_field=IntegerField(),
        ),
        0,
    )
