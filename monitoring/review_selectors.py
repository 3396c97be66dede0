"""Reads about the physician's session sign-off (PRODUCT.md, physician step 6): which treatment sessions await a
review, which of them are remarkable (and why), the review queue and one session for review.

Every completed or held session awaits a review until a SessionReview exists for it. `awaiting_review_count()`
annotates a Patient queryset in the same query (the dashboard's column), whatever the number of patients.

"Remarkable" — a session that a physician must open and sign on its own, never in bulk (issue 8: "a session with an
alert cannot be bulk-signed") — is defined once, here, as SQL: `with_remarkable()` annotates one boolean per reason
(`REASONS`) and `remarkable`, their OR. The bulk sign-off filters on it, and the pages word the same booleans, so the
rule that refuses a session and the words that explain why cannot disagree. Query counts do not grow with rows.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    StringAgg,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.shortcuts import get_object_or_404

from accounts import audit
from accounts.models import Patient, Role, User
from monitoring.models import Alert, AlertStatus, SessionReview
from treatment.models import (
    Addendum,
    AdverseEvent,
    SessionSideEffect,
    SessionStatus,
    SideEffect,
    SideEffectSeverity,
    TreatmentSession,
)

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


# --- Remarkable sessions -------------------------------------------------------------------------------------------


def session_cause(session_pk) -> str:
    """The cause of the alerts raised about one session (monitoring.receivers: "session:<id>")."""
    return f"session:{session_pk}"


def _alerts_about_outer_session() -> QuerySet:
    # Alerts of any status: one about the session that was resolved still makes it worth an individual look.
    cause = Concat(Value("session:"), Cast(OuterRef("pk"), output_field=CharField()), output_field=CharField())
    return Alert.objects.filter(patient_id=OuterRef("patient_id"), cause=cause)


@dataclass(frozen=True)
class Reason:
    key: str  # annotated as `reason_<key>`, a boolean
    words: str  # what the pages say, in plain words


# The reasons a session needs an individual review, in the order the pages list them.
REASONS = (
    Reason("held", "Held before dosing: the pre-dose safety check did not pass."),
    Reason("needs_review", "Marked for a physician's review when the dose was logged."),
    Reason("findings", "Findings after the dose were passed on to the care team."),
    Reason("severe_side_effect", "A severe side effect was reported."),
    Reason("adverse_event", "An adverse event was reported about this session."),
    Reason("alert", "An alert was raised about this session."),
)


def _reason_expressions() -> dict:
    return {
        "reason_held": ExpressionWrapper(Q(status=SessionStatus.HELD), output_field=BooleanField()),
        "reason_needs_review": ExpressionWrapper(Q(needs_review=True), output_field=BooleanField()),
        "reason_findings": ExpressionWrapper(~Q(post_dose_findings=[]), output_field=BooleanField()),
        "reason_severe_side_effect": Exists(
            SessionSideEffect.objects.filter(session=OuterRef("pk"), severity=SideEffectSeverity.SEVERE)
        ),
        "reason_adverse_event": Exists(AdverseEvent.objects.filter(session=OuterRef("pk"))),
        "reason_alert": Exists(_alerts_about_outer_session()),
    }


# A session is remarkable when any reason holds. Usable in .filter() on a queryset from with_remarkable().
REMARKABLE = Q(*(Q(**{f"reason_{reason.key}": True}) for reason in REASONS), _connector=Q.OR)


def with_remarkable(sessions: QuerySet) -> QuerySet:
    """Annotates a TreatmentSession queryset with `reason_<key>` for every reason and `remarkable`, in its query."""
    return sessions.annotate(**_reason_expressions()).annotate(
        remarkable=ExpressionWrapper(REMARKABLE, output_field=BooleanField())
    )


def remarkable_reasons(session: TreatmentSession) -> list[str]:
    """Why a session (from with_remarkable) needs an individual review, in plain words; empty when it does not.
    The findings after a dose are given as they were recorded."""
    reasons = []
    for reason in REASONS:
        if not getattr(session, f"reason_{reason.key}"):
            continue
        if reason.key == "findings":
            messages = [finding.get("message", "") for finding in session.post_dose_findings or []]
            reasons.extend([message for message in messages if message] or [reason.words])
        else:
            reasons.append(reason.words)
    return reasons


# --- Side effects, in the session's own query ------------------------------------------------------------------------


@dataclass(frozen=True)
class SideEffectShown:
    effect: str
    severity: str

    @property
    def label(self) -> str:
        return SideEffect(self.effect).label if self.effect in SideEffect.values else self.effect

    @property
    def severity_label(self) -> str:
        return SideEffectSeverity(self.severity).label if self.severity in SideEffectSeverity.values else self.severity


def _side_effects_listed() -> Subquery:
    # "nausea:mild,headache:severe": codes only (no free text), so the separators cannot occur inside a value.
    # Read in the session's own query, which keeps the session review page under 15 queries.
    return Subquery(
        SessionSideEffect.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(listed=StringAgg(Concat("effect", Value(":"), "severity"), Value(",")))
        .values("listed")[:1],
        output_field=TextField(),
    )


def _side_effects_of(listed: str | None) -> list[SideEffectShown]:
    shown = []
    for item in (listed or "").split(","):
        effect, _, severity = item.partition(":")
        if effect:
            shown.append(SideEffectShown(effect, severity))
    # Ordered here: SQLite before 3.44 cannot order inside the aggregate.
    return sorted(shown, key=lambda effect: effect.effect)


# --- Alerts about sessions ---------------------------------------------------------------------------------------

_ALERT_STATUS_ORDER = Case(
    When(status=AlertStatus.OPEN, then=Value(0)),
    When(status=AlertStatus.ACKNOWLEDGED, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def _attach_alerts(sessions: list[TreatmentSession]) -> None:
    """Sets `session_alerts` on each session: the alerts about it (any status), open ones and the most severe first.
    One query for any number of sessions."""
    by_cause = {(session.patient_id, session_cause(session.pk)): [] for session in sessions}
    if sessions:
        alerts = (
            Alert.objects.filter(
                patient_id__in={session.patient_id for session in sessions},
                cause__in=[session_cause(session.pk) for session in sessions],
            )
            .select_related("acknowledged_by", "resolved_by")
            .annotate(status_order=_ALERT_STATUS_ORDER)
            .order_by("status_order", "-severity_rank", "first_raised_at", "pk")
        )
        for alert in alerts:
            by_cause.get((alert.patient_id, alert.cause), []).append(alert)
    for session in sessions:
        session.session_alerts = by_cause[(session.patient_id, session_cause(session.pk))]


def describe(sessions: list[TreatmentSession], *, with_alerts: bool = True) -> None:
    """Sets on each session of `review_queue` (or `session_for_review`) what a reader of it is shown:
    `side_effects_shown`, `remarkable_reasons` and, with `with_alerts`, `session_alerts` (one query for them all)."""
    for session in sessions:
        session.side_effects_shown = _side_effects_of(session.side_effects_listed)
        session.remarkable_reasons = remarkable_reasons(session)
    if with_alerts:
        _attach_alerts(sessions)


# --- The review queue -----------------------------------------------------------------------------------------------


def review_queue(*, user: User) -> QuerySet:
    """The sessions awaiting review of the patients this physician may see (their care team's), oldest first, with
    their patient, plan version, side effects and remarkable flags. Not audited: see `review_queue_page`."""
    if not user.is_authenticated or user.role != Role.PHYSICIAN:
        return TreatmentSession.objects.none()
    sessions = sessions_awaiting_review().filter(
        patient__clinic_id=user.clinic_id, patient__in=Patient.objects.visible_to(user)
    )
    return (
        with_remarkable(sessions)
        .select_related("patient__user", "plan_version")
        .annotate(
            when=Coalesce("checked_at", "scheduled_for", "created_at"), side_effects_listed=_side_effects_listed()
        )
        .order_by("when", "pk")
    )


def review_queue_page(*, user: User, page_number=None, page_size: int = 50) -> Page:
    """One page of the review queue, each session with `side_effects_shown`, `remarkable_reasons` and
    `session_alerts`. Each patient shown is an audited access to their record. A constant number of queries: the
    count, the page, the alerts of the page's sessions, the audit batch."""
    page = Paginator(review_queue(user=user), page_size).get_page(page_number)
    page.object_list = list(page.object_list)
    describe(page.object_list)
    patients = {session.patient_id: session.patient for session in page.object_list}
    audit.patients_listed(actor=user, patients=patients.values())
    return page


def next_awaiting_review(*, user: User) -> tuple[int, int] | None:
    """(session id, patient id) of the session at the head of this physician's review queue, if any (after a
    sign-off: where to go next). One query."""
    return review_queue(user=user).values_list("pk", "patient_id").first()


# --- One session for review ---------------------------------------------------------------------------------------


def session_for_review(*, patient: Patient, pk: int) -> TreatmentSession:
    """One of the patient's sessions in full for its review: plan version, side effects, remarkable flags and
    reasons, its addenda, the alerts about it (`session_alerts`) and its sign-off (`review`, with the reviewer and
    the note signed with it), if any.

    The caller has already read the patient through accounts.selectors.patient_get (which audits the access and
    decides who may see them): a session of anyone else is a 404, and nothing here audits again. Three queries.
    """
    session = get_object_or_404(
        with_remarkable(TreatmentSession.objects.filter(patient=patient))
        .select_related("plan_version", "review__reviewed_by", "review__note")
        .annotate(side_effects_listed=_side_effects_listed())
        .prefetch_related(
            Prefetch("addenda", queryset=Addendum.objects.select_related("author").order_by("created_at", "pk"))
        ),
        pk=pk,
    )
    session.patient = patient
    describe([session])
    return session


def review_of(session: TreatmentSession) -> SessionReview | None:
    """The session's sign-off, if any (read with the session by session_for_review)."""
    try:
        return session.review
    except SessionReview.DoesNotExist:
        return None
