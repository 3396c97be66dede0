"""The physician's and the clinic admin's side of the API (issue 9 item 3) and the FHIR R4 export (item 7).

A transport only: each view parses the request, calls the selector or service the matching page calls, and
serializes the result. Who may see what is decided where the pages decide it:
- a URL that names a record (a patient, an alert, a note, an invitation, a member of staff) reads it through the
  app's selector first, so that whoever may not see it gets a 404 — never a hint that it exists — whatever their
  role; only then is a role that the endpoint is not for refused with a 403 (as accounts.views.patient_page does
  for the pages). Lists without an id are refused by role (403) before anything is read;
- every patient a list shows is one audited access (accounts.audit.patients_listed), as on the pages; a patient
  read through `patient_for` is audited by accounts.selectors.patient_get;
- the services check again (the care team, the clinic, the state of the record) and refuse with a DomainError,
  which api.errors answers in the API's one error shape.

Lists are cursor-paginated on a unique ordering (KeysetCursorPagination), filtered, and cost the same number of
queries whatever their length. Writes accept an `Idempotency-Key` (required for a dispense).
"""

import base64
import datetime as dt
import json
from decimal import Decimal
from functools import reduce
from zoneinfo import ZoneInfo

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import ErrorDetail, NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from accounts import audit, invitation_selectors, invitations
from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.models import (
    AuditAction,
    AuditEvent,
    AuditOutcome,
    CareTeamMembership,
    Invitation,
    Patient,
    Physician,
    Role,
    User,
)
from api import fhir
from api import staff_serializers as s
from api.idempotency import KEY_OPTIONAL, KEY_REQUIRED, idempotent
from api.permissions import IsCareStaff, IsClinicAdmin, IsPatient, IsPhysician
from monitoring import (
    chart_selectors,
    export_selectors,
    note_selectors,
    notes,
    opioid_selectors,
    outcomes,
    review_selectors,
    reviews,
    roster_selectors,
)
from monitoring import selectors as monitoring_selectors
from monitoring import services as monitoring_services
from monitoring.models import Alert, AlertKind, AlertStatus, ClinicalNote, Severity
from treatment import record_selectors
from treatment import selectors as treatment_selectors
from treatment import services as treatment_services
from treatment.models import Dispense, PlanVersion, SupplyCount, TreatmentSession

STAFF = (Role.PHYSICIAN, Role.CLINIC_ADMIN)
EVERYONE = (Role.PATIENT, Role.PHYSICIAN, Role.CLINIC_ADMIN)

IDEMPOTENCY_KEY = KEY_OPTIONAL
IDEMPOTENCY_KEY_REQUIRED = KEY_REQUIRED


def _refusals(*codes: int) -> dict:
    """The error answers an operation documents beyond drf-standardized-errors' own (401, 405, 406, 415, 429, 500),
    in the API's one shape: a field's or a header's refusal names it in `attr`, a service's is its plain words."""
    words = {
        400: "Refused, nothing changed: a field, a filter, the cursor or the Idempotency-Key named in `attr`, or the "
        "service's plain words (`attr` null).",
        403: "Not for your role: the record is one you may see, but someone else acts on it.",
        404: "No such record for you: it does not exist, or it is not yours to see.",
        409: "The record's state has moved on (already signed, resolved, revoked...), or the same Idempotency-Key is "
        "still running.",
        422: "This Idempotency-Key was used with a different request.",
    }
    return {code: OpenApiResponse(s.StaffErrorResponseSerializer, description=words[code]) for code in codes}


WRITE_REFUSALS = _refusals(400, 403, 404, 409, 422)
LIST_REFUSALS = _refusals(400, 403, 404)


def _listing(**schema):
    """A list view's GET in the schema: its serializer, paginated, and its refusals."""

    def decorate(view):
        return extend_schema_view(get=extend_schema(responses={200: view.serializer_class, **LIST_REFUSALS}, **schema))(
            view
        )

    return decorate


# --- Pagination ----------------------------------------------------------------------------------------------------


class KeysetCursorPagination(CursorPagination):
    """Cursor pagination on the view's `cursor_ordering`, a tuple of never-null fields that ends in a unique one
    (the pk): the cursor carries the values of the page's last (or first) row, and the next page is the rows beyond
    them in that order. Unlike an offset, a row added meanwhile never shifts a page, and reading page 100 costs what
    page 1 costs. DRF's own CursorPagination keys on the first field alone (an offset among equal values), which
    breaks down on a triage order such as "open first"."""

    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_cursor_message = "This cursor was not given out by this list."

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.keys = [(name.lstrip("-"), name.startswith("-")) for name in view.cursor_ordering]
        cursor = self.decode_cursor(request)
        values, reverse = cursor if cursor else (None, False)
        queryset = queryset.order_by(
            *(F(name).desc() if descending != reverse else F(name).asc() for name, descending in self.keys)
        )
        if values is not None:
            try:
                queryset = queryset.filter(self._beyond(values, reverse))
            except (TypeError, ValueError, DjangoValidationError):  # a value of the wrong type for its field
                raise self._invalid() from None
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size]
        if reverse:
            self.page.reverse()
            self.has_next, self.has_previous = True, more
        else:
            self.has_next, self.has_previous = more, values is not None
        return self.page

    def _beyond(self, values, reverse: bool) -> Q:
        """The rows after `values` in the order of the keys (before them, reading backwards)."""
        beyond = Q()
        for position, (name, descending) in enumerate(self.keys):
            same = {key: value for (key, _), value in zip(self.keys[:position], values, strict=False)}
            lookup = "lt" if descending != reverse else "gt"
            beyond |= Q(**same, **{f"{name}__{lookup}": values[position]})
        return beyond

    def _key(self, row) -> list:
        values = []
        for name, _ in self.keys:
            value = reduce(getattr, name.split("__"), row)
            if isinstance(value, dt.date | dt.time):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            values.append(value)
        return values

    def _link(self, row, reverse: bool) -> str:
        token = json.dumps({"k": self._key(row), "r": int(reverse)}, separators=(",", ":"))
        encoded = base64.urlsafe_b64encode(token.encode()).decode()
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if not encoded:
            return None
        try:
            token = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii")))
            values, reverse = token["k"], bool(token["r"])
        except (ValueError, TypeError, KeyError):
            raise self._invalid() from None
        if not isinstance(values, list) or len(values) != len(self.keys) or not all(map(_scalar, values)):
            raise self._invalid()
        return values, reverse

    def _invalid(self) -> ValidationError:
        return ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})

    def get_next_link(self):
        return self._link(self.page[-1], False) if self.has_next and self.page else None

    def get_previous_link(self):
        return self._link(self.page[0], True) if self.has_previous and self.page else None


def _scalar(value) -> bool:
    """What a cursor of ours holds: text (dates, decimals), a boolean or an integer that fits a database column."""
    if isinstance(value, bool | str):
        return True
    return isinstance(value, int) and -(2**63) <= value < 2**63


class _List(generics.ListAPIView):
    """A list read through one selector (`records`), filtered, paginated, then `shown` (audited)."""

    pagination_class = KeysetCursorPagination
    cursor_ordering: tuple[str, ...] = ("-pk",)
    model = None  # the listed model: what the schema generator sees instead of a real read

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.model.objects.none()
        return self.records()

    def records(self):
        raise NotImplementedError

    def shown(self, rows: list) -> None:
        """After the page is read: audit it, finish what Python computes for each row."""

    def list(self, request, *args, **kwargs):
        rows = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self.shown(rows)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


def _query(serializer_class, request) -> dict:
    # A plain dict, not the QueryDict: DRF reads a boolean missing from a form as False, from a dict as absent.
    query = serializer_class(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return query.validated_data


def _listed(user: User, patients) -> None:
    """Every patient a list shows is one audited access (one write for the page)."""
    audit.patients_listed(actor=user, patients={patient.pk: patient for patient in patients}.values())


# --- One patient, read like a page --------------------------------------------------------------------------------


def patient_for(request, patient_pk: int, roles) -> Patient:
    """The patient a URL names, for the roles an endpoint is for, as accounts.views.patient_page decides it for the
    pages: whoever may not see the patient gets a 404, whatever their role; someone who may see the patient but
    whose role the endpoint is not for gets a 403 (either refusal one audit row, denied); everyone else reads the
    patient through accounts.selectors.patient_get, which audits the access."""
    user = request.user
    if user.role not in roles:
        visible = Patient.objects.visible_to(user).filter(pk=patient_pk).exists()
        audit.record(
            AuditAction.VIEW, actor=user, object_type="patient", object_id=patient_pk, outcome=AuditOutcome.DENIED
        )
        if not visible:
            raise NotFound("No such patient.")
        raise PermissionDenied("This part of the API is not for your account.")
    return account_selectors.patient_get(user=user, pk=patient_pk)


class _OfPatient:
    """Endpoints under /patients/{patient_pk}/: `roles` names who each method is for."""

    roles: dict[str, tuple[str, ...]] = {}

    @property
    def patient(self) -> Patient:
        if not hasattr(self, "_patient"):
            method = "GET" if self.request.method == "HEAD" else self.request.method
            self._patient = patient_for(self.request, self.kwargs["patient_pk"], self.roles.get(method, ()))
        return self._patient


# --- The roster and the chart ------------------------------------------------------------------------------------


@_listing(parameters=[s.RosterQuerySerializer])
class RosterView(_List):
    """The dashboard's roster (monitoring.roster_selectors): the patients the signed-in physician oversees (a clinic
    admin: the clinic's), by name, with the dashboard's columns and filters. Each patient listed is audited."""

    permission_classes = (IsCareStaff,)
    serializer_class = s.RosterPatientSerializer
    model = Patient
    cursor_ordering = ("user__full_name", "pk")

    def records(self):
        query = _query(s.RosterQuerySerializer, self.request)
        filters = roster_selectors.RosterFilters(
            condition=query.get("condition", ""),
            status=query.get("status", ""),
            open_alerts=query.get("open_alerts", False),
            not_improving=query.get("not_improving", False),
            search=query.get("q", "").strip(),
            sort="name",
        )
        user = self.request.user
        now = timezone.now()
        today = timezone.localdate(now, timezone=ZoneInfo(user.clinic.time_zone))
        return roster_selectors.roster(user=user, filters=filters, now=now, today=today)

    def shown(self, rows):
        for patient in rows:
            row = roster_selectors.row_of(patient)  # the dashboard's own derivation of the row
            patient.outcome = outcomes.Outcome(
                **{name.removeprefix("outcome_"): getattr(patient, name) for name in outcomes.FIELDS}
            )
            patient.open_alert_severity = row.severity
            patient.responder = row.responder
            patient.responder_week = row.responder_week
        _listed(self.request.user, rows)


class PatientChartView(_OfPatient, generics.GenericAPIView):
    """The chart's essentials (monitoring.chart_selectors.essentials): the patient, their care team, the pain
    outcome, sessions awaiting review, unresolved alerts by severity, the plan in force, the expected supply and the
    daily MME now. For the care team's physicians and the clinic's admins."""

    roles = {"GET": STAFF}
    serializer_class = s.PatientChartSerializer

    def get(self, request, patient_pk):
        patient = self.patient
        essentials = chart_selectors.essentials(patient=patient, mme_now=opioid_selectors.mme_now(patient=patient))
        version = essentials.version
        if version is not None:
            version.plan = essentials.plan
        on_hand = essentials.on_hand
        data = {
            "patient": patient,
            "essentials": {
                "outcome": essentials.outcome,
                "awaiting_review": essentials.awaiting_review,
                "unresolved_alerts": essentials.unresolved_alerts,
                "alerts_by_severity": [
                    {"severity": severity, "count": count} for severity, _, count in essentials.alerts_by_severity
                ],
                "plan_id": essentials.plan.pk if essentials.plan else None,
                "plan_status": essentials.plan.status if essentials.plan else None,
                "plan_version": version,
                "supply": None
                if on_hand is None
                else {
                    "expected_units": on_hand.expected_units_rounded,
                    "strength_mg_per_unit": on_hand.strength_mg_per_unit,
                    "units_dispensed": on_hand.units_dispensed,
                    "days_left": essentials.days_left,
                },
                "mme_now": essentials.mme_now,
            },
        }
        return Response(s.PatientChartSerializer(data).data)


# --- Alerts ------------------------------------------------------------------------------------------------------


class AlertFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=AlertStatus.choices, help_text="Repeat for several.")
    severity = django_filters.MultipleChoiceFilter(choices=Severity.choices, help_text="Repeat for several.")
    kind = django_filters.MultipleChoiceFilter(choices=AlertKind.choices, help_text="Repeat for several.")
    patient = django_filters.NumberFilter(field_name="patient_id", help_text="One patient's alerts.")

    class Meta:
        model = Alert
        fields = ("status", "severity", "kind", "patient")


@_listing()
class AlertListView(_List):
    """The alerts of the patients the signed-in person may see, in triage order: open first, then acknowledged,
    then resolved; the most severe first, then the oldest (monitoring.selectors.alerts_for). Each patient listed
    is audited."""

    permission_classes = (IsCareStaff,)
    serializer_class = s.AlertRecordSerializer
    filterset_class = AlertFilter
    model = Alert
    cursor_ordering = ("status_order", "-severity_rank", "first_raised_at", "pk")

    def records(self):
        return monitoring_selectors.alerts_for(user=self.request.user)

    def shown(self, rows):
        _listed(self.request.user, [alert.patient for alert in rows])


def _alert_detail(alert: Alert) -> dict:
    alert.history = list(monitoring_selectors.alert_history(alert=alert))
    return s.AlertDetailSerializer(alert).data


class AlertDetailView(generics.GenericAPIView):
    """One alert with its history, for the care team's physicians and the clinic's admins (audited)."""

    serializer_class = s.AlertDetailSerializer

    def get(self, request, alert_pk):
        return Response(_alert_detail(monitoring_selectors.alert_get(user=request.user, pk=alert_pk)))


class AlertAcknowledgeView(generics.GenericAPIView):
    """A physician of the patient's care team has seen the alert and is on it (monitoring.services)."""

    serializer_class = s.AlertDetailSerializer

    @extend_schema(
        request=None, responses={200: s.AlertDetailSerializer, **WRITE_REFUSALS}, parameters=[IDEMPOTENCY_KEY]
    )
    @idempotent()
    def post(self, request, alert_pk):
        alert = monitoring_selectors.alert_get(user=request.user, pk=alert_pk)
        alert = monitoring_services.alert_acknowledge(actor=request.user, alert=alert)
        return Response(_alert_detail(alert))


class AlertResolveView(generics.GenericAPIView):
    """A physician of the patient's care team closes the alert with a note (an open one is acknowledged at the same
    moment). Resolving a safety alert lifts the hold it put on dosing."""

    serializer_class = s.AlertResolveSerializer

    @extend_schema(
        request=s.AlertResolveSerializer,
        responses={200: s.AlertDetailSerializer, **WRITE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY],
        examples=[OpenApiExample("Resolved", value={"note": "Spoke with the patient; BP rechecked at 132/84."})],
    )
    @idempotent()
    def post(self, request, alert_pk):
        alert = monitoring_selectors.alert_get(user=request.user, pk=alert_pk)
        body = s.AlertResolveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        alert = monitoring_services.alert_resolve(actor=request.user, alert=alert, note=body.validated_data["note"])
        return Response(_alert_detail(alert))


# --- Session review ----------------------------------------------------------------------------------------------


class ReviewFilter(django_filters.FilterSet):
    patient = django_filters.NumberFilter(field_name="patient_id", help_text="One patient's sessions.")

    class Meta:
        model = TreatmentSession
        fields = ("patient",)


@_listing()
class ReviewQueueView(_List):
    """The sessions awaiting the signed-in physician's sign-off (their care team's completed and held sessions),
    oldest first, each with why it needs an individual review, if it does (monitoring.review_selectors). Each
    patient listed is audited."""

    permission_classes = (IsPhysician,)
    serializer_class = s.ReviewSessionSerializer
    filterset_class = ReviewFilter
    model = TreatmentSession
    cursor_ordering = ("when", "pk")

    def records(self):
        return review_selectors.review_queue(user=self.request.user)

    def shown(self, rows):
        review_selectors.describe(rows, with_alerts=False)  # as the queue page shows them; the API lists no alerts
        _listed(self.request.user, [session.patient for session in rows])


class SignOffView(generics.GenericAPIView):
    """Sign off one session (`session`, any awaiting review, with an optional note) or several unremarkable ones at
    once (`sessions`). A bulk sign-off that includes a session needing an individual review signs nothing and names
    each such session with its reasons (attr `sessions.<id>`)."""

    permission_classes = (IsPhysician,)
    serializer_class = s.SignOffSerializer

    @extend_schema(
        request=s.SignOffSerializer,
        responses={201: s.SignedOffSerializer, **WRITE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY],
        examples=[
            OpenApiExample("One session with a note", value={"session": 42, "note": "Reviewed; continue as planned."}),
            OpenApiExample("Several unremarkable sessions", value={"sessions": [42, 43, 44]}),
        ],
    )
    @idempotent()
    def post(self, request):
        body = s.SignOffSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if "session" in data:
            signed = [self._one(request.user, data["session"], data.get("note", ""))]
        else:
            try:
                signed = reviews.sessions_sign_off_bulk(actor=request.user, session_ids=data["sessions"])
            except reviews.BulkSignOffRefused as refused:
                raise ValidationError(
                    {
                        "non_field_errors": [ErrorDetail(refused.message, code=refused.code)],
                        "sessions": {
                            str(session.pk): [
                                ErrorDetail(reason, code="needs_individual_review")
                                for reason in session.remarkable_reasons
                            ]
                            for session in refused.sessions
                        },
                    }
                ) from None
        return Response({"signed": s.SessionReviewSerializer(signed, many=True).data}, status=status.HTTP_201_CREATED)

    @staticmethod
    def _one(user: User, session_pk: int, note: str):
        # The session's patient, read as the review page reads it (audited; a 404 for anyone else's).
        patient_pk = TreatmentSession.objects.filter(pk=session_pk).values_list("patient_id", flat=True).first()
        if patient_pk is None:
            raise NotFound("No such session.")
        patient = account_selectors.patient_get(user=user, pk=patient_pk)
        session = review_selectors.session_for_review(patient=patient, pk=session_pk)
        return reviews.session_sign_off(actor=user, session=session, note=note)


# --- Clinical notes ----------------------------------------------------------------------------------------------


@_listing()
class NotesView(_OfPatient, _List):
    """GET: the patient's signed notes and the reader's own drafts, newest first, with their addenda (care-team
    physicians and clinic admins). POST: a care-team physician writes a note — a draft, or signed at once."""

    roles = {"GET": STAFF, "POST": (Role.PHYSICIAN,)}
    serializer_class = s.ClinicalNoteSerializer
    model = ClinicalNote
    cursor_ordering = ("-created_at", "-pk")

    def records(self):
        return note_selectors.notes_for(user=self.request.user, patient=self.patient)

    @extend_schema(
        request=s.ClinicalNoteWriteSerializer,
        responses={201: s.ClinicalNoteSerializer, **WRITE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY],
        examples=[OpenApiExample("Signed at once", value={"text": "Reviewed by phone. Continue.", "sign": True})],
    )
    @idempotent()
    def post(self, request, patient_pk):
        patient = self.patient
        body = s.ClinicalNoteWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        session, alert = note_selectors.note_subject(
            patient=patient, session_pk=data.get("session"), alert_pk=data.get("alert")
        )
        note = notes.clinical_note_write(
            actor=request.user, patient=patient, text=data["text"], session=session, alert=alert, sign=data["sign"]
        )
        note = note_selectors.note_get(user=request.user, patient=patient, pk=note.pk)
        return Response(s.ClinicalNoteSerializer(note).data, status=status.HTTP_201_CREATED)


class NoteDetailView(_OfPatient, generics.GenericAPIView):
    """GET: one note the reader may see (signed, or their own draft) with its addenda. PATCH: its author changes
    their draft and/or signs it; a signed note is final (corrections are addenda)."""

    roles = {"GET": STAFF, "PATCH": (Role.PHYSICIAN,)}
    serializer_class = s.ClinicalNoteSerializer

    def get(self, request, patient_pk, note_pk):
        note = note_selectors.note_get(user=request.user, patient=self.patient, pk=note_pk)
        return Response(s.ClinicalNoteSerializer(note).data)

    @extend_schema(
        request=s.ClinicalNoteChangeSerializer,
        responses={200: s.ClinicalNoteSerializer, **WRITE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent()
    def patch(self, request, patient_pk, note_pk):
        patient = self.patient
        note = note_selectors.note_get(user=request.user, patient=patient, pk=note_pk)
        body = s.ClinicalNoteChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        if data["sign"]:
            notes.clinical_note_sign(actor=request.user, note=note, text=data.get("text"))
        else:
            notes.clinical_note_update(actor=request.user, note=note, text=data["text"])
        note = note_selectors.note_get(user=request.user, patient=patient, pk=note_pk)
        return Response(s.ClinicalNoteSerializer(note).data)


class NoteAddendumView(_OfPatient, generics.GenericAPIView):
    """A care-team physician adds a correction or addition to a signed note; the note stays as signed."""

    roles = {"POST": (Role.PHYSICIAN,)}
    serializer_class = s.NoteAddendumWriteSerializer

    @extend_schema(
        request=s.NoteAddendumWriteSerializer,
        responses={201: s.NoteAddendumSerializer, **WRITE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY],
    )
    @idempotent()
    def post(self, request, patient_pk, note_pk):
        note = note_selectors.note_get(user=request.user, patient=self.patient, pk=note_pk)
        body = s.NoteAddendumWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        addendum = notes.clinical_note_addendum_add(actor=request.user, note=note, text=body.validated_data["text"])
        addendum.author = request.user
        return Response(s.NoteAddendumSerializer(addendum).data, status=status.HTTP_201_CREATED)


# --- Treatment plans ---------------------------------------------------------------------------------------------


@_listing()
class PlanVersionsView(_OfPatient, _List):
    """GET: every version of the patient's treatment plans, newest first (the patient, their care team's
    physicians, the clinic's admins). POST: a care-team physician writes a new version with a reason — of the plan
    in force, or version 1 of a new plan when there is none (or it is completed) — with the plan page's checks."""

    roles = {"GET": EVERYONE, "POST": (Role.PHYSICIAN,)}
    serializer_class = s.PlanVersionSerializer
    model = PlanVersion
    cursor_ordering = ("-created_at", "-pk")

    def records(self):
        # The patient's own record, read after patient_for: their plans' versions with each plan and author.
        return PlanVersion.objects.filter(plan__patient=self.patient).select_related("plan", "author")

    @extend_schema(
        request=s.PlanVersionWriteSerializer,
        responses={201: s.PlanVersionSerializer, **WRITE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY],
        examples=[
            OpenApiExample("Raise the dose", value={"reason": "Tolerated well; pain still 6/10.", "dose_mg": "75"}),
            OpenApiExample("Pause", value={"reason": "Away for two weeks.", "status": "paused"}),
        ],
    )
    @idempotent()
    def post(self, request, patient_pk):
        patient = self.patient
        body = s.PlanVersionWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        reason, fields = body.validated_data["reason"], body.plan_fields()
        plan = treatment_selectors.plan_for(patient=patient)
        version = treatment_services.plan_save(actor=request.user, patient=patient, plan=plan, reason=reason, **fields)
        return Response(s.PlanVersionSerializer(version).data, status=status.HTTP_201_CREATED)


# --- Dispensing --------------------------------------------------------------------------------------------------


@_listing()
class DispensesView(_OfPatient, _List):
    """GET: what the pharmacy dispensed to the patient, newest first, with addenda. POST: a care-team physician or
    a clinic admin records a dispense (an early refill alerts the care team). Requires an Idempotency-Key."""

    roles = {"GET": STAFF, "POST": STAFF}
    serializer_class = s.DispenseRecordSerializer
    model = Dispense
    cursor_ordering = ("-dispensed_on", "-pk")

    def records(self):
        return treatment_selectors.dispense_log(self.patient)

    @extend_schema(
        request=s.DispenseWriteSerializer,
        responses={201: s.DispenseRecordedSerializer, **WRITE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY_REQUIRED],
        examples=[
            OpenApiExample(
                "Thirty troches",
                value={
                    "dispensed_on": "2026-11-20",
                    "pharmacy": "Main St Pharmacy",
                    "units": 30,
                    "strength_mg_per_unit": "50.0",
                },
            )
        ],
    )
    @idempotent(required=True)
    def post(self, request, patient_pk):
        patient = self.patient
        body = s.DispenseWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = treatment_services.dispense_record(actor=request.user, patient=patient, **body.validated_data)
        data = {"dispense": outcome.dispense, "early_refill": outcome.early_refill}
        return Response(s.DispenseRecordedSerializer(data).data, status=status.HTTP_201_CREATED)


@_listing()
class SupplyCountsView(_OfPatient, _List):
    """GET: the counts of the patient's units on hand, newest first, each with what the log expected then (care-team
    physicians, clinic admins). POST: the patient or a care-team physician records a count; more than 1 unit off
    the expected number alerts the care team."""

    roles = {"GET": STAFF, "POST": (Role.PATIENT, Role.PHYSICIAN)}
    serializer_class = s.SupplyCountRecordSerializer
    model = SupplyCount
    cursor_ordering = ("-counted_at", "-pk")

    def records(self):
        return treatment_selectors.supply_counts(self.patient)

    @extend_schema(
        request=s.SupplyCountWriteSerializer,
        responses={201: s.SupplyCountedSerializer, **WRITE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY],
        examples=[OpenApiExample("Twelve and a half", value={"units_on_hand": "12.5"})],
    )
    @idempotent()
    def post(self, request, patient_pk):
        patient = self.patient
        body = s.SupplyCountWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        outcome = treatment_services.supply_count_record(
            actor=request.user, patient=patient, units_on_hand=body.validated_data["units_on_hand"]
        )
        data = {"count": outcome.count, "mismatch": outcome.mismatch}
        return Response(s.SupplyCountedSerializer(data).data, status=status.HTTP_201_CREATED)


# --- Clinic admin: invitations -----------------------------------------------------------------------------------


@_listing(parameters=[s.InvitationQuerySerializer])
class InvitationsView(_List):
    """GET: the invitations the signed-in person manages (a clinic admin: the clinic's; a physician: their own),
    newest first. POST: invite someone to the clinic (a physician invites patients only); the email goes out
    after the invitation is saved."""

    permission_classes = (IsCareStaff,)
    serializer_class = s.InvitationRecordSerializer
    model = Invitation
    cursor_ordering = ("-created_at", "-pk")

    def records(self):
        query = _query(s.InvitationQuerySerializer, self.request)
        records = invitation_selectors.invitations_visible_to(self.request.user)
        if query.get("pending"):
            records = records.pending()
        if query.get("role"):
            records = records.filter(role=query["role"])
        return records.select_related("invited_by", "accepted_user")

    @extend_schema(
        parameters=[IDEMPOTENCY_KEY],
        request=s.InvitationWriteSerializer,
        responses={201: s.InvitationRecordSerializer, **WRITE_REFUSALS},
        examples=[
            OpenApiExample(
                "A patient",
                value={
                    "email": "new.patient@example.org",
                    "full_name": "Ana Lima",
                    "role": "patient",
                    "profile": {
                        "date_of_birth": "1979-04-02",
                        "time_zone": "America/Chicago",
                        "primary_condition": "fibromyalgia",
                        "physician_ids": [3],
                    },
                },
            ),
            OpenApiExample(
                "A physician",
                value={
                    "email": "dr.new@example.org",
                    "full_name": "Dr. Kim Park",
                    "role": "physician",
                    "profile": {
                        "licence_number": "A123456",
                        "licence_state": "CA",
                        "board_certification": "Anesthesiology — Pain Medicine",
                    },
                },
            ),
        ],
    )
    @idempotent()
    def post(self, request):
        body = s.InvitationWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        invitation = invitations.invitation_create(
            actor=request.user,
            email=data["email"],
            full_name=data["full_name"],
            role=data["role"],
            profile=dict(data.get("profile") or {}),
            base_url=request.build_absolute_uri("/"),
        )
        return Response(s.InvitationRecordSerializer(invitation).data, status=status.HTTP_201_CREATED)


class InvitationResendView(generics.GenericAPIView):
    """A new link for an invitation not yet accepted or revoked (the old link stops working), emailed again."""

    serializer_class = s.InvitationRecordSerializer

    @extend_schema(
        request=None, responses={200: s.InvitationRecordSerializer, **WRITE_REFUSALS}, parameters=[IDEMPOTENCY_KEY]
    )
    @idempotent()
    def post(self, request, invitation_pk):
        invitation = invitation_selectors.invitation_get(user=request.user, pk=invitation_pk)
        invitation = invitations.invitation_resend(
            actor=request.user, invitation=invitation, base_url=request.build_absolute_uri("/")
        )
        return Response(s.InvitationRecordSerializer(invitation).data)


class InvitationRevokeView(generics.GenericAPIView):
    """The invitation's link stops working; the address may be invited again."""

    serializer_class = s.InvitationRecordSerializer

    @extend_schema(
        request=None, responses={200: s.InvitationRecordSerializer, **WRITE_REFUSALS}, parameters=[IDEMPOTENCY_KEY]
    )
    @idempotent()
    def post(self, request, invitation_pk):
        invitation = invitation_selectors.invitation_get(user=request.user, pk=invitation_pk)
        invitation = invitations.invitation_revoke(actor=request.user, invitation=invitation)
        return Response(s.InvitationRecordSerializer(invitation).data)


# --- Clinic admin: staff, accounts and care teams ----------------------------------------------------------------


@_listing(parameters=[s.StaffQuerySerializer])
class StaffListView(_List):
    """The clinic's physicians and clinic admins: whether they can sign in, whether they have set up two-factor
    authentication, how many active patients each physician oversees. Clinic admins only."""

    permission_classes = (IsClinicAdmin,)
    serializer_class = s.StaffMemberSerializer
    model = User
    cursor_ordering = ("role", "full_name", "pk")

    def records(self):
        query = _query(s.StaffQuerySerializer, self.request)
        staff = account_selectors.clinic_staff(user=self.request.user)
        if query.get("role"):
            staff = staff.filter(role=query["role"])
        if "is_active" in query:
            staff = staff.filter(is_active=query["is_active"])
        return staff


class _AccountChange(generics.GenericAPIView):
    serializer_class = s.AccountSerializer
    deactivate = True

    def change(self, request, person: User) -> Response:
        service = account_services.user_deactivate if self.deactivate else account_services.user_reactivate
        return Response(s.AccountSerializer(service(actor=request.user, user=person)).data)


_ACCOUNT_SCHEMA = extend_schema(
    request=None, responses={200: s.AccountSerializer, **WRITE_REFUSALS}, parameters=[IDEMPOTENCY_KEY]
)


class StaffDeactivateView(_AccountChange):
    """Stop a physician or clinic admin of the clinic from signing in, at once; every record stays. A physician's
    patients who have no other active physician must be handed over first; nobody deactivates themself."""

    @_ACCOUNT_SCHEMA
    @idempotent()
    def post(self, request, user_pk):
        person = account_selectors.clinic_member_get(user=request.user, pk=user_pk, roles=STAFF)
        return self.change(request, person)


class StaffReactivateView(_AccountChange):
    """Let a deactivated physician or clinic admin of the clinic sign in again (a physician comes back with no
    patients)."""

    deactivate = False

    @_ACCOUNT_SCHEMA
    @idempotent()
    def post(self, request, user_pk):
        person = account_selectors.clinic_member_get(user=request.user, pk=user_pk, roles=STAFF)
        return self.change(request, person)


class PatientDeactivateView(_OfPatient, _AccountChange):
    """Stop a patient of the clinic from signing in, at once; their record stays. Clinic admins only."""

    roles = {"POST": (Role.CLINIC_ADMIN,)}

    @_ACCOUNT_SCHEMA
    @idempotent()
    def post(self, request, patient_pk):
        return self.change(request, self.patient.user)


class PatientReactivateView(_OfPatient, _AccountChange):
    """Let a deactivated patient of the clinic sign in again. Clinic admins only."""

    roles = {"POST": (Role.CLINIC_ADMIN,)}
    deactivate = False

    @_ACCOUNT_SCHEMA
    @idempotent()
    def post(self, request, patient_pk):
        return self.change(request, self.patient.user)


class CareTeamView(_OfPatient, generics.GenericAPIView):
    """A clinic admin puts an active physician of the clinic on the patient's care team (`assign`) or takes one off
    (`unassign`; an active patient keeps at least one active physician). Answers the care team as it now is."""

    roles = {"POST": (Role.CLINIC_ADMIN,)}
    serializer_class = s.CareTeamChangeSerializer
    filter_backends = ()  # answers a list, but not a filtered or paginated one
    pagination_class = None

    @extend_schema(
        request=s.CareTeamChangeSerializer,
        responses={200: s.CareTeamMemberSerializer(many=True), **WRITE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY],
        examples=[OpenApiExample("Assign", value={"action": "assign", "physician_id": 7})],
    )
    @idempotent()
    def post(self, request, patient_pk):
        patient = self.patient
        body = s.CareTeamChangeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        physician = (
            Physician.objects.visible_to(request.user).select_related("user").filter(pk=data["physician_id"]).first()
        )
        if physician is None:
            raise ValidationError({"physician_id": ["No such physician in your clinic."]})
        if data["action"] == "assign":
            account_services.care_team_assign(actor=request.user, patient=patient, physician=physician)
        else:
            account_services.care_team_unassign(actor=request.user, patient=patient, physician=physician)
        team = CareTeamMembership.objects.filter(patient=patient).select_related("physician__user")
        return Response(s.CareTeamMemberSerializer(team, many=True).data)


# --- Clinic admin: the audit trail -------------------------------------------------------------------------------


@_listing(parameters=[s.AuditQuerySerializer])
class AuditLogView(_List):
    """The clinic's audit trail, newest first (accounts.selectors.audit_search): who viewed or changed which
    patient's record, when and from where. Clinic admins only; reading it is itself audited."""

    permission_classes = (IsClinicAdmin,)
    serializer_class = s.AuditEventSerializer
    model = AuditEvent
    cursor_ordering = ("-at", "-pk")

    def records(self):
        return account_selectors.audit_search(user=self.request.user, **_query(s.AuditQuerySerializer, self.request))

    def shown(self, rows):
        audit.record(AuditAction.VIEW, actor=self.request.user, object_type="audit_log")


# --- FHIR R4 export ----------------------------------------------------------------------------------------------


class FhirJsonRenderer(JSONRenderer):
    media_type = "application/fhir+json"
    format = "fhir"


def _fhir_response(request, patient: Patient) -> Response:
    """The patient's record as a FHIR Bundle: one query per record type, whatever the length of the history."""
    bundle = fhir.bundle(
        patient=patient,
        # The patient's own record, read after the check in `_exported`.
        plan_versions=PlanVersion.objects.filter(plan__patient=patient).select_related("plan", "author"),
        sessions=export_selectors.sessions_for_export(patient=patient),
        survey_responses=export_selectors.responses_for_export(patient=patient),
        adverse_events=record_selectors.adverse_events_for(patient=patient).prefetch_related(None),
        code_system=settings.ANODYNE_CODE_SYSTEM,
        generated_at=timezone.now(),
    )
    audit.record(
        AuditAction.EXPORT,
        actor=request.user,
        object_type="patient",
        object_id=patient.pk,
        patient=patient,
        detail="fhir",
    )
    return Response(bundle)


def _exported(user: User, patient_pk: int) -> Patient:
    """The patient whose record is exported: themself, a patient of the physician's care team or of the admin's
    clinic (Patient.objects.visible_to). Anyone else gets a 404, audited as a denied export."""
    patient = Patient.objects.visible_to(user).select_related("user").filter(pk=patient_pk).first()
    if patient is None:
        audit.record(
            AuditAction.EXPORT, actor=user, object_type="patient", object_id=patient_pk, outcome=AuditOutcome.DENIED
        )
        raise NotFound("No such patient.")
    return patient


_FHIR_SCHEMA = extend_schema(
    responses=s.FhirBundleSerializer,
    description="A FHIR R4 Bundle (type collection) of the patient's record; `application/fhir+json` unless "
    "`application/json` is asked for. The export is audited.",
)


class PatientFhirView(generics.GenericAPIView):
    """The patient's record as FHIR R4, for the patient themself, their care team's physicians and their clinic's
    admins (for the clinic's EHR)."""

    renderer_classes = (FhirJsonRenderer, JSONRenderer)
    serializer_class = s.FhirBundleSerializer

    @_FHIR_SCHEMA
    def get(self, request, patient_pk):
        return _fhir_response(request, _exported(request.user, patient_pk))


class MyFhirView(generics.GenericAPIView):
    """The signed-in patient's own record as FHIR R4."""

    permission_classes = (IsPatient,)
    renderer_classes = (FhirJsonRenderer, JSONRenderer)
    serializer_class = s.FhirBundleSerializer

    @_FHIR_SCHEMA
    def get(self, request):
        patient_pk = Patient.objects.filter(user=request.user).values_list("pk", flat=True).first()
        return _fhir_response(request, _exported(request.user, patient_pk or 0))
