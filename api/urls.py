"""/api/v1/: the versioned REST API, its OpenAPI schema and its documentation (served by the app: no CDN)."""

from django.conf import settings
from django.urls import include, path, re_path
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import patient_views, views
from api import staff_views as staff

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
# The patient's own records (api/patient_views.py): the signed-in patient's, never an id of a patient in the URL.
router.register("sessions", patient_views.SessionViewSet, basename="own-session")
router.register("adverse-events", patient_views.AdverseEventViewSet, basename="own-adverse-event")


def docs(view):
    """The documentation pages style themselves with inline styles (Swagger UI, Redoc): allowed there, and only
    styles — scripts stay the app's own files."""
    return csp_override({**settings.SECURE_CSP, "style-src": [CSP.SELF, CSP.UNSAFE_INLINE]})(view)


urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("me/preferences/", patient_views.PreferencesView.as_view(), name="my_preferences"),
    path("plan/", patient_views.PlanView.as_view(), name="my_plan"),
    path("surveys/due/", patient_views.SurveysDueView.as_view(), name="surveys_due"),
    re_path(
        rf"^surveys/(?P<assignment_id>{patient_views.ID})/responses/$",
        patient_views.SurveyResponseCreateView.as_view(),
        name="survey_response_create",
    ),
    path("progress/", patient_views.ProgressView.as_view(), name="my_progress"),
    # The physician's and the clinic admin's side, and the FHIR export (api/staff_views.py). Ids are up to 18 digits.
    path("patients/", staff.RosterView.as_view(), name="patient_list"),
    re_path(r"^patients/(?P<patient_pk>[0-9]{1,18})/$", staff.PatientChartView.as_view(), name="patient_chart"),
    re_path(r"^patients/(?P<patient_pk>[0-9]{1,18})/notes/$", staff.NotesView.as_view(), name="patient_notes"),
    re_path(
        r"^patients/(?P<patient_pk>[0-9]{1,18})/notes/(?P<note_pk>[0-9]{1,18})/$",
        staff.NoteDetailView.as_view(),
        name="patient_note",
    ),
    re_path(
        r"^patients/(?P<patient_pk>[0-9]{1,18})/notes/(?P<note_pk>[0-9]{1,18})/addenda/$",
        staff.NoteAddendumView.as_view(),
        name="patient_note_addenda",
    ),
    re_path(
        r"^patients/(?P<patient_pk>[0-9]{1,18})/plan-versions/$",
        staff.PlanVersionsView.as_view(),
        name="patient_plan_versions",
    ),
    re_path(
        r"^patients/(?P<patient_pk>[0-9]{1,18})/dispenses/$", staff.DispensesView.as_view(), name="patient_dispenses"
    ),
    re_path(r"^patients/(?P<patient_pk>[0-9]{1,18})/counts/$", staff.SupplyCountsView.as_view(), name="patient_counts"),
    re_path(
        r"^patients/(?P<patient_pk>[0-9]{1,18})/care-team/$", staff.CareTeamView.as_view(), name="patient_care_team"
    ),
    re_path(
        r"^patients/(?P<patient_pk>[0-9]{1,18})/deactivate/$",
        staff.PatientDeactivateView.as_view(),
        name="patient_deactivate",
    ),
    re_path(
        r"^patients/(?P<patient_pk>[0-9]{1,18})/reactivate/$",
        staff.PatientReactivateView.as_view(),
        name="patient_reactivate",
    ),
    re_path(r"^patients/(?P<patient_pk>[0-9]{1,18})/fhir/$", staff.PatientFhirView.as_view(), name="patient_fhir"),
    path("me/fhir/", staff.MyFhirView.as_view(), name="my_fhir"),
    path("alerts/", staff.AlertListView.as_view(), name="alert_list"),
    re_path(r"^alerts/(?P<alert_pk>[0-9]{1,18})/$", staff.AlertDetailView.as_view(), name="alert_detail"),
    re_path(
        r"^alerts/(?P<alert_pk>[0-9]{1,18})/acknowledge/$",
        staff.AlertAcknowledgeView.as_view(),
        name="alert_acknowledge",
    ),
    re_path(r"^alerts/(?P<alert_pk>[0-9]{1,18})/resolve/$", staff.AlertResolveView.as_view(), name="alert_resolve"),
    path("reviews/", staff.ReviewQueueView.as_view(), name="review_queue"),
    path("reviews/sign-off/", staff.SignOffView.as_view(), name="review_sign_off"),
    path("invitations/", staff.InvitationsView.as_view(), name="invitation_list"),
    re_path(
        r"^invitations/(?P<invitation_pk>[0-9]{1,18})/resend/$",
        staff.InvitationResendView.as_view(),
        name="invitation_resend",
    ),
    re_path(
        r"^invitations/(?P<invitation_pk>[0-9]{1,18})/revoke/$",
        staff.InvitationRevokeView.as_view(),
        name="invitation_revoke",
    ),
    path("staff/", staff.StaffListView.as_view(), name="staff_list"),
    re_path(
        r"^staff/(?P<user_pk>[0-9]{1,18})/deactivate/$", staff.StaffDeactivateView.as_view(), name="staff_deactivate"
    ),
    re_path(
        r"^staff/(?P<user_pk>[0-9]{1,18})/reactivate/$", staff.StaffReactivateView.as_view(), name="staff_reactivate"
    ),
    path("audit/", staff.AuditLogView.as_view(), name="audit_log"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
    path("redoc/", docs(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
    path("", include(router.urls)),
    re_path(r"^.*$", views.NoSuchEndpoint.as_view(), name="not_found"),
]
