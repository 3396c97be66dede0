"""The patient's side of the API: preferences, plan, sessions, help, surveys, adverse events, progress.

The patient is always the signed-in one (request.user.patient), read through accounts.selectors.patient_get as the
pages read them (audited); a record by id is one of theirs or a 404 (the apps' `*_get_own` selectors). Every view
parses, calls the service or selector its page calls, and serializes: no rule lives here. Staff get 403 (IsPatient),
or on a route naming a record the 404 any outsider gets (OwnRecords). Writes that create a record need an
Idempotency-Key (api/idempotency.py).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import django_filters
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors as account_selectors
from accounts.models import Patient
from accounts.notification_preferences import notification_preference_get, notification_preference_save
from api import patient_serializers as shapes
from api.idempotency import KEY_OPTIONAL, KEY_REQUIRED, idempotent
from api.pagination import NewestFirstCursorPagination
from api.permissions import IsPatient, SignedInWithTwoFactorIfStaff
from monitoring import instruments, opioid_selectors, outcomes
from monitoring import selectors as survey_selectors
from monitoring import services as monitoring_services
from monitoring.models import SurveyAssignment
from treatment import gates, record_selectors, services, session_selectors
from treatment import help as help_services
from treatment import selectors as treatment_selectors
from treatment.models import AdverseEvent, AdverseEventSeverity, SessionStatus, TreatmentSession

# Ids are matched as up to 18 digits: anything else is the API's own 404, never a server error.
ID = r"[0-9]{1,18}"

IDEMPOTENCY_KEY_REQUIRED = KEY_REQUIRED
IDEMPOTENCY_KEY_OPTIONAL = KEY_OPTIONAL
REFUSALS = {
    400: OpenApiResponse(shapes.PatientBadRequestResponseSerializer, description="Refused: nothing was recorded."),
    409: OpenApiResponse(
        shapes.PatientRefusalResponseSerializer,
        description="The same Idempotency-Key is still running, or the record's state has moved on.",
    ),
    422: OpenApiResponse(
        shapes.PatientRefusalResponseSerializer, description="The Idempotency-Key was used with a different request."
    ),
}


class OwnRecords:
    """A view of the signed-in patient's own records. On a route that names a record, anyone else signed in (staff,
    once past their second factor) gets the 404 of a record that is not theirs — the same answer as another patient
    gets, never a hint that it exists (tests/api/test_every_id_endpoint_answers_404_to_outsiders.py). Collections
    and the patient's own pages refuse staff with 403."""

    def permission_denied(self, request, message=None, code=None):
        by_role = request.user.is_authenticated and SignedInWithTwoFactorIfStaff().has_permission(request, self)
        if by_role and self.kwargs:
            raise NotFound()
        super().permission_denied(request, message=message, code=code)


def own_patient(request) -> Patient:
    """The signed-in patient, read as their pages read them (accounts.selectors.patient_get: audited)."""
    return account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)


def pages(*ordering: str) -> type[NewestFirstCursorPagination]:
    """Cursor pagination in the order the page lists the same records."""
    return type("Pages", (NewestFirstCursorPagination,), {"ordering": ordering})


class _LocalDays(django_filters.FilterSet):
    """`since` and `until` are days in the patient's own time zone, both included."""

    moment_field = ""
    since = django_filters.DateFilter(method="filter_since", help_text="From this day (yours), included.")
    until = django_filters.DateFilter(method="filter_until", help_text="Up to this day (yours), included.")

    def _start_of(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(), tzinfo=ZoneInfo(self.request.user.patient.time_zone))

    def filter_since(self, queryset, name, value):
        return queryset.filter(**{f"{self.moment_field}__gte": self._start_of(value)})

    def filter_until(self, queryset, name, value):
        if value >= dt.date.max:  # up to the end of the calendar: no bound
            return queryset
        return queryset.filter(**{f"{self.moment_field}__lt": self._start_of(value + dt.timedelta(days=1))})


# --- Me: notification preferences -------------------------------------------------------------------------------------


class PreferencesView(APIView):
    """The patient's notification preferences (email, SMS, quiet hours, reminder lead time): the page's service."""

    permission_classes = (IsPatient,)

    @extend_schema(responses=shapes.PreferencesSerializer)
    def get(self, request):
        return Response(shapes.PreferencesSerializer(notification_preference_get(user=request.user)).data)

    @extend_schema(
        request=shapes.PreferencesInputSerializer,
        responses={200: shapes.PreferencesSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_OPTIONAL],
        examples=[OpenApiExample("Quiet evenings", value={"quiet_hours_start": "20:00", "sms_enabled": False})],
    )
    @idempotent(required=False)
    def patch(self, request):
        incoming = shapes.PreferencesInputSerializer(data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        preference = notification_preference_save(actor=request.user, **incoming.validated_data)
        return Response(shapes.PreferencesSerializer(preference).data)


# --- The plan ----------------------------------------------------------------------------------------------------------


class PlanView(APIView):
    """The current version of the patient's treatment plan, as the plan page shows it (read only)."""

    permission_classes = (IsPatient,)

    @extend_schema(responses=shapes.MyPlanSerializer)
    def get(self, request):
        patient = own_patient(request)
        plan = treatment_selectors.plan_for(patient=patient)
        if plan is None or plan.current_version is None:
            raise NotFound("You have no treatment plan yet.")
        version = plan.current_version
        data = {
            "plan": plan,
            "version": version,
            "next_allowed_at": session_selectors.next_allowed_at(patient=patient, version=version),
        }
        return Response(shapes.MyPlanSerializer(data).data)


# --- Sessions ---------------------------------------------------------------------------------------------------------


class SessionFilter(_LocalDays):
    moment_field = "when"  # the pre-dose check, else the time it was scheduled for (session_selectors.sessions_of)
    status = django_filters.MultipleChoiceFilter(choices=SessionStatus.choices)

    class Meta:
        model = TreatmentSession
        fields = ("status", "since", "until")


PRE_DOSE_EXAMPLE = {
    "sitter_present": True,
    "sitter_name": "Sam Patel",
    "sitter_phone": "+1 555 0101",
    "no_driving": True,
    "fasted": True,
    "no_alcohol_or_sedatives": True,
    "safe_setting": True,
    "systolic": 128,
    "diastolic": 82,
    "heart_rate": 72,
    "pain_now": 6,
}


@extend_schema_view(
    list=extend_schema(summary="Your sessions, newest first (history)"),
    retrieve=extend_schema(summary="One of your sessions"),
)
class SessionViewSet(OwnRecords, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The two steps of a session — the pre-dose check behind the plan's gates, then the post-dose entry — and the
    patient's history. treatment.services decides every gate; a held session is recorded with its reasons."""

    permission_classes = (IsPatient,)
    serializer_class = shapes.MySessionSerializer
    pagination_class = pages("-when", "-pk")
    filterset_class = SessionFilter
    lookup_value_regex = ID

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return TreatmentSession.objects.none()
        return session_selectors.sessions_of(patient=own_patient(self.request))

    def get_object(self):
        return session_selectors.session_get_own(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(
        summary="Start a session: the pre-dose check",
        request=shapes.PreDoseCheckInputSerializer,
        responses={201: shapes.PreDoseResultSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_REQUIRED],
        examples=[
            OpenApiExample("A check made now", value=PRE_DOSE_EXAMPLE, request_only=True),
            OpenApiExample(
                "A check made offline an hour ago",
                value={**PRE_DOSE_EXAMPLE, "checked_at": "2026-05-13T17:05:00-05:00"},
                request_only=True,
            ),
        ],
    )
    @idempotent(required=True)
    def create(self, request):
        # The service reads the patient again, locked, with all the gates need: here only who they are.
        patient = request.user.patient
        plan = session_selectors.plan_in_force(patient=patient)
        # The page's form asks for the sitter's phone by the plan in force, as here.
        version = plan.current_version if plan else None
        context = {"now": timezone.now(), "sitter_required": session_selectors.sitter_required(version)}
        incoming = shapes.PreDoseCheckInputSerializer(data=request.data, context=context)
        incoming.is_valid(raise_exception=True)
        outcome = services.session_check_before_dose(actor=request.user, patient=patient, check=incoming.to_check())
        session = outcome.session
        gate = {
            "passed": session.status == SessionStatus.IN_PROGRESS,
            "status": session.status,
            "reasons": session.gate_failures,
            "next_allowed_at": outcome.result.next_allowed_at,
            "notes": session.gate_notes,
            "severe_hypertension": session.severe_hypertension,
            "emergency_instructions": (
                gates.SEVERE_HYPERTENSION_INSTRUCTIONS.format(emergency_number=session.patient.clinic.emergency_number)
                if session.severe_hypertension
                else None
            ),
            "may_remeasure": outcome.result.may_remeasure,
        }
        body = shapes.PreDoseResultSerializer({"session": session, "gate": gate}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Finish a session: the post-dose entry",
        request=shapes.PostDoseEntryInputSerializer,
        responses={200: shapes.MySessionSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_REQUIRED],
        examples=[
            OpenApiExample(
                "Dose logged",
                value={
                    "dose_mg": "50.0",
                    "route": "sublingual",
                    "taken_at": "2026-05-13T18:10:00-05:00",
                    "dissociation": 4,
                    "pain_after": 3,
                    "side_effects": {"nausea": "mild"},
                    "notes": "",
                },
                request_only=True,
            )
        ],
    )
    @action(detail=True, methods=["post"])
    @idempotent(required=True)
    def complete(self, request, pk=None):
        session = session_selectors.session_get_own(user=request.user, pk=pk)
        incoming = shapes.PostDoseEntryInputSerializer(
            data=request.data, context={"now": timezone.now(), "session": session}
        )
        incoming.is_valid(raise_exception=True)
        completed = services.session_log_dose(actor=request.user, session=session, **incoming.validated_data)
        return Response(shapes.MySessionSerializer(completed).data)

    @extend_schema(
        summary="I need help: during a session in progress",
        request=None,
        responses={201: shapes.HelpRequestResultSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_REQUIRED],
    )
    @action(detail=True, methods=["post"])
    @idempotent(required=True)
    def help(self, request, pk=None):
        session = session_selectors.session_get_own(user=request.user, pk=pk)
        help_request = help_services.session_help_request(actor=request.user, session=session)
        clinic = session.patient.clinic
        body = {
            "help_request_id": help_request.pk,
            "requested_at": help_request.requested_at,
            "care_team_told": True,
            "emergency_number": clinic.emergency_number,
            "sitter_name": session.sitter_name,
            "sitter_phone": session.sitter_phone,
            "clinic_name": clinic.name,
            "clinic_phone": clinic.contact_phone,
        }
        return Response(shapes.HelpRequestResultSerializer(body).data, status=status.HTTP_201_CREATED)


# --- Surveys ----------------------------------------------------------------------------------------------------------


class SurveyDueFilter(django_filters.FilterSet):
    instrument = django_filters.ChoiceFilter(
        field_name="instrument__code", choices=[(code, code) for code in instruments.INSTRUMENT_CODES]
    )

    class Meta:
        model = SurveyAssignment
        fields = ("instrument",)


class SurveysDueView(ListAPIView):
    """The check-ins the patient can answer now, the oldest first (monitoring.selectors.surveys_due)."""

    permission_classes = (IsPatient,)
    serializer_class = shapes.SurveyDueSerializer
    pagination_class = pages("due_at", "pk")
    filterset_class = SurveyDueFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SurveyAssignment.objects.none()
        return survey_selectors.surveys_due(patient=own_patient(self.request))


class SurveyResponseCreateView(OwnRecords, APIView):
    """Answer a check-in: scored by monitoring.instruments.score through the survey page's service. A positive PHQ-9
    item 9 returns the crisis resources, to show before anything else."""

    permission_classes = (IsPatient,)

    @extend_schema(
        summary="Answer a check-in",
        request=shapes.SurveyAnswersInputSerializer,
        responses={201: shapes.SurveyResultSerializer, **REFUSALS},
        parameters=[
            IDEMPOTENCY_KEY_REQUIRED,
            OpenApiParameter("assignment_id", OpenApiTypes.INT, OpenApiParameter.PATH),
        ],
        examples=[
            OpenApiExample("PHQ-9", value={"answers": {f"q{n}": 0 for n in range(1, 10)}}, request_only=True),
        ],
    )
    @idempotent(required=True)
    def post(self, request, assignment_id):
        assignment = survey_selectors.survey_assignment_get_own(user=request.user, pk=assignment_id)
        incoming = shapes.SurveyAnswersInputSerializer(
            data=request.data, context={"instrument": assignment.instrument.code}
        )
        incoming.is_valid(raise_exception=True)
        response = monitoring_services.survey_response_submit(
            actor=request.user, assignment=assignment, answers=incoming.validated_data["answers"]
        )
        return Response(shapes.SurveyResultSerializer(response).data, status=status.HTTP_201_CREATED)


# --- Adverse events ---------------------------------------------------------------------------------------------------


class AdverseEventFilter(_LocalDays):
    moment_field = "reported_at"
    severity = django_filters.MultipleChoiceFilter(choices=AdverseEventSeverity.choices)
    ongoing = django_filters.BooleanFilter()

    class Meta:
        model = AdverseEvent
        fields = ("severity", "ongoing", "since", "until")


@extend_schema_view(
    list=extend_schema(summary="The adverse events you reported (or your care team recorded), newest first"),
    retrieve=extend_schema(summary="One of your adverse events"),
)
class AdverseEventViewSet(OwnRecords, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Report an adverse event at any time (treatment.services.adverse_event_report): the care team hears of it at
    once, and the answer says what to do now — for a life-threatening one, call the emergency number."""

    permission_classes = (IsPatient,)
    serializer_class = shapes.MyAdverseEventSerializer
    pagination_class = pages("-reported_at", "-pk")
    filterset_class = AdverseEventFilter
    lookup_value_regex = ID

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return AdverseEvent.objects.none()
        return record_selectors.adverse_events_for(patient=own_patient(self.request))

    def get_object(self):
        return record_selectors.adverse_event_get(patient=own_patient(self.request), pk=self.kwargs["pk"])

    @extend_schema(
        summary="Report an adverse event",
        request=shapes.AdverseEventReportInputSerializer,
        responses={201: shapes.AdverseEventReportedSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_REQUIRED],
        examples=[
            OpenApiExample(
                "Severe headache",
                value={
                    "description": "A pounding headache an hour after my dose, not going away.",
                    "started_at": "2026-05-13T19:10:00-05:00",
                    "severity": "severe",
                    "ongoing": True,
                },
                request_only=True,
            )
        ],
    )
    @idempotent(required=True)
    def create(self, request):
        patient = own_patient(request)
        incoming = shapes.AdverseEventReportInputSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        session = None
        if data["session"] is not None:
            try:
                session = record_selectors.session_get(patient=patient, pk=data["session"])
            except Http404:
                raise ValidationError({"session": ["You have no session with this id."]}) from None
        adverse_event = services.adverse_event_report(
            actor=request.user,
            patient=patient,
            description=data["description"],
            started_at=data["started_at"],
            severity=data["severity"],
            ongoing=data["ongoing"],
            session=session,
        )
        body = {
            "adverse_event": adverse_event,
            "what_to_do_now": shapes.what_to_do_now(adverse_event),
            "holds_doses": record_selectors.adverse_event_holds_doses(adverse_event),
        }
        context = self.get_serializer_context()
        return Response(
            shapes.AdverseEventReportedSerializer(body, context=context).data, status=status.HTTP_201_CREATED
        )


# --- Progress ---------------------------------------------------------------------------------------------------------


class ProgressView(APIView):
    """Baseline, current pain and change from baseline, responders at weeks 4 and 12 (monitoring.outcomes), and the
    current daily MME (monitoring.opioid_selectors)."""

    permission_classes = (IsPatient,)

    @extend_schema(responses=shapes.ProgressSerializer)
    def get(self, request):
        patient = own_patient(request)
        data = shapes.progress_data(
            outcomes.outcome_of(patient),
            opioid_selectors.mme_now(patient=patient),
            opioid_selectors.MME_CAUTION,
        )
        return Response(shapes.ProgressSerializer(data).data)
