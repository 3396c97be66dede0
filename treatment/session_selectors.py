"""Reads about treatment sessions that the patient's pages (Today, the session flow, history) and the care team's
list of a patient's sessions share. Query counts do not grow with the number of sessions.

Nothing here decides a safety rule: `next_allowed_at` is display only (the interval gate in treatment.gates is what
holds a dose); it reads the same rows as treatment.services._patient_state does.
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from accounts import audit
from accounts.models import AuditAction, AuditOutcome, Patient, User
from treatment import gates
from treatment.models import (
    PlanStatus,
    PlanVersion,
    SessionSideEffect,
    SessionStatus,
    SideEffectSeverity,
    TreatmentPlan,
    TreatmentSession,
)

TODAY_RECENT_SESSIONS = 5


def _with_when(sessions: QuerySet) -> QuerySet:
    """`when`: the time a session is about — its pre-dose check, else the time it was scheduled for, else when
    its row was written (a scheduled session's row is written days before the check that takes it)."""
    return sessions.annotate(when=Coalesce("checked_at", "scheduled_for", "created_at")).order_by("-when", "-pk")


def sessions_of(*, patient: Patient) -> QuerySet:
    """A patient's sessions, newest first, with their plan version and side effects (one prefetch query).
    Sessions still scheduled in the future are not history yet: they are left out."""
    return _with_when(
        TreatmentSession.objects.filter(patient=patient)
        .exclude(status=SessionStatus.SCHEDULED, scheduled_for__gt=timezone.now())
        .select_related("plan_version")
        .prefetch_related(Prefetch("side_effects", queryset=SessionSideEffect.objects.order_by("effect")))
    )


def session_get_own(*, user: User, pk: int) -> TreatmentSession:
    """One of the signed-in patient's own sessions, with their clinic, audited as a read of their record.

    Anyone else's session, or one that does not exist, is a 404, audited as denied (naming no patient).
    """
    session = (
        TreatmentSession.objects.filter(pk=pk, patient__user=user)
        .select_related("patient__user", "patient__clinic", "plan_version")
        .prefetch_related(Prefetch("side_effects", queryset=SessionSideEffect.objects.order_by("effect")))
        .first()
    )
    if session is None:
        audit.record(
            AuditAction.VIEW, actor=user, object_type="treatment_session", object_id=pk, outcome=AuditOutcome.DENIED
        )
        raise Http404("No such session.")
    audit.record(
        AuditAction.VIEW, actor=user, object_type="treatment_session", object_id=session.pk, patient=session.patient
    )
    return session


def plan_in_force(*, patient: Patient, with_doses_taken: bool = False) -> TreatmentPlan | None:
    """The plan the pre-dose check uses (active or paused: treatment.services reads it here), with its version. With
    `with_doses_taken`, annotated `doses_taken`: the doses completed under it (the titration gate's count), in the
    same query."""
    plans = (
        TreatmentPlan.objects.filter(patient=patient)
        .exclude(status=PlanStatus.COMPLETED)
        .select_related("current_version")
        .order_by("-created_at", "-pk")
    )
    if with_doses_taken:
        doses = TreatmentSession.objects.filter(plan=OuterRef("pk"), status=SessionStatus.COMPLETED).order_by()
        plans = plans.annotate(
            doses_taken=Coalesce(Subquery(doses.values("plan").annotate(n=Count("pk")).values("n")), 0)
        )
    return plans.first()


def sitter_required(version: PlanVersion | None) -> bool:
    """Whether the pre-dose check asks for a sitter: the plan version's setting; with no plan in force, yes — the
    check is then made against a plan that requires one (treatment.services._plan_limits) and holds anyway."""
    return version is None or version.sitter_required


def next_allowed_at(*, patient: Patient, version: PlanVersion | None, now: dt.datetime | None = None):
    """When the plan's minimum interval since the last dose taken ends, if it has not yet: display only, decided by
    the interval gate's own function (treatment.gates.earliest_next_dose). None when there is no plan, no dose yet,
    or the interval is over. One query.
    """
    if version is None:
        return None
    last = (
        TreatmentSession.objects.filter(patient=patient, status=SessionStatus.COMPLETED, taken_at__isnull=False)
        .order_by("-taken_at")
        .values_list("taken_at", flat=True)
        .first()
    )
    if last is None:
        return None
    return gates.earliest_next_dose(last, version.min_hours_between, now=now or timezone.now())


@dataclass(frozen=True)
class TodaySessions:
    plan: TreatmentPlan | None
    version: PlanVersion | None
    in_progress: TreatmentSession | None
    next_scheduled: TreatmentSession | None
    next_allowed_at: dt.datetime | None
    recent: list[TreatmentSession]


def today_sessions(*, patient: Patient) -> TodaySessions:
    """What Today shows about sessions, in five queries whatever the history: the plan in force with its version,
    the session in progress, the next scheduled session, the last dose taken (for the next allowed time; not read
    without a plan) and the last five sessions."""
    plan = plan_in_force(patient=patient)
    version = plan.current_version if plan else None
    in_progress = (
        TreatmentSession.objects.filter(patient=patient, status=SessionStatus.IN_PROGRESS)
        .order_by("-created_at", "-pk")
        .first()
    )
    now = timezone.now()
    next_scheduled = (
        TreatmentSession.objects.filter(patient=patient, status=SessionStatus.SCHEDULED, scheduled_for__gte=now)
        .order_by("scheduled_for", "pk")
        .first()
    )
    recent = list(
        _with_when(TreatmentSession.objects.filter(patient=patient).exclude(status=SessionStatus.SCHEDULED))[
            :TODAY_RECENT_SESSIONS
        ]
    )
    return TodaySessions(
        plan=plan,
        version=version,
        in_progress=in_progress,
        next_scheduled=next_scheduled,
        next_allowed_at=next_allowed_at(patient=patient, version=version, now=now),
        recent=recent,
    )


def has_severe_side_effect(session: TreatmentSession) -> bool:
    """Whether a severe side effect was reported (uses the prefetched side effects)."""
    return any(effect.severity == SideEffectSeverity.SEVERE for effect in session.side_effects.all())
