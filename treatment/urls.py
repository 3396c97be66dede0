from django.urls import path

from treatment import (
    adverse_event_views,
    dispense_views,
    eligibility_views,
    help_views,
    plan_views,
    refill_views,
    session_views,
    views,
)

urlpatterns = [
    path("consent/", views.consent, name="consent"),
    path("clinic/consent/", views.clinic_consent, name="clinic_consent"),
    # Eligibility screening (eligibility_views): the patient answers; the care team reviews and asks for re-screens.
    path("eligibility/", eligibility_views.eligibility_answer, name="eligibility"),
    path("patients/<int:patient_pk>/eligibility/", eligibility_views.eligibility_review, name="eligibility_review"),
    path("patients/<int:patient_pk>/plan/", plan_views.plan_detail, name="plan_detail"),
    path("patients/<int:patient_pk>/plan/edit/", plan_views.plan_edit, name="plan_edit"),
    path("patients/<int:patient_pk>/plan/status/", plan_views.plan_status, name="plan_status"),
    # Dispensing (dispense_views): the clinic's dispense log and counts; the patient's own count.
    path("patients/<int:patient_pk>/dispenses/", dispense_views.dispense_log, name="dispense_log"),
    path("patients/<int:patient_pk>/dispenses/count/", dispense_views.dispense_count, name="dispense_count"),
    path("supply/", dispense_views.supply_count, name="supply_count"),
    # Refill requests (refill_views): the patient asks; the care team approves or declines.
    path("supply/refill/", refill_views.refill_new, name="refill_new"),
    path("patients/<int:patient_pk>/refills/", refill_views.patient_refills, name="patient_refills"),
    path("adverse-events/", adverse_event_views.adverse_event_list_mine, name="adverse_event_list_mine"),
    path("adverse-events/new/", adverse_event_views.adverse_event_new, name="adverse_event_new"),
    path(
        "adverse-events/<int:adverse_event_pk>/reported/",
        adverse_event_views.adverse_event_reported,
        name="adverse_event_reported",
    ),
    path(
        "patients/<int:patient_pk>/adverse-events/", adverse_event_views.adverse_event_list, name="adverse_event_list"
    ),
    path(
        "patients/<int:patient_pk>/adverse-events/new/",
        adverse_event_views.adverse_event_record,
        name="adverse_event_record",
    ),
    path(
        "patients/<int:patient_pk>/adverse-events/<int:adverse_event_pk>/addendum/",
        adverse_event_views.adverse_event_addendum,
        name="adverse_event_addendum",
    ),
    path(
        "patients/<int:patient_pk>/sessions/<int:session_pk>/addendum/",
        adverse_event_views.session_addendum,
        name="session_addendum",
    ),
    # Today and the patient's treatment sessions (session_views); the care team's list of a patient's sessions.
    path("today/", session_views.today, name="today"),
    path("sessions/", session_views.session_history, name="session_history"),
    path("sessions/new/", session_views.session_new, name="session_new"),
    path("sessions/<int:session_pk>/", session_views.session_detail, name="session_detail"),
    path("sessions/<int:session_pk>/after/", session_views.session_after, name="session_after"),
    path("sessions/<int:session_pk>/help/", help_views.session_help, name="session_help"),
    path("patients/<int:patient_pk>/sessions/", session_views.patient_sessions, name="patient_sessions"),
]
