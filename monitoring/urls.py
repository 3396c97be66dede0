from django.urls import path

from monitoring import (
    chart_views,
    dashboard_views,
    export_views,
    inbox_views,
    message_views,
    note_views,
    opioid_views,
    outcome_views,
    progress_views,
    review_views,
    survey_views,
    views,
)

urlpatterns = [
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("notifications/<int:notification_pk>/read/", inbox_views.notification_read, name="notification_read"),
    path("alerts/", views.alert_list, name="alert_list"),
    path("alerts/<int:alert_pk>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
    path("alerts/<int:alert_pk>/resolve/", views.alert_resolve, name="alert_resolve"),
    path("surveys/", survey_views.survey_list, name="survey_list"),
    path("surveys/<int:assignment_pk>/", survey_views.survey_answer, name="survey_answer"),
    path("surveys/<int:assignment_pk>/done/", survey_views.survey_done, name="survey_done"),
    path("surveys/<int:assignment_pk>/correct/", survey_views.survey_correct, name="survey_correct"),
    # Opioid medicines and the progress page (opioid_views, progress_views): the patient's own and the care team's.
    path("medicines/", opioid_views.my_medicines, name="my_medicines"),
    path("patients/<int:patient_pk>/medicines/", opioid_views.patient_medicines, name="patient_medicines"),
    path("progress/", progress_views.my_progress, name="my_progress"),
    path("patients/<int:patient_pk>/progress/", progress_views.patient_progress, name="patient_progress"),
    # The patient chart (chart_views): the physician's main view of one patient.
    path("patients/<int:patient_pk>/chart/", chart_views.patient_chart, name="patient_chart"),
    # The clinic outcomes page (outcome_views): aggregates for physicians and clinic admins.
    path("outcomes/", outcome_views.clinic_outcomes, name="clinic_outcomes"),
    # My data (export_views): the patient's own CSV downloads and who viewed their record; no id in these URLs.
    path("my-data/", export_views.my_data, name="my_data"),
    path("my-data/sessions.csv", export_views.my_data_sessions, name="my_data_sessions"),
    path("my-data/surveys.csv", export_views.my_data_surveys, name="my_data_surveys"),
    # Messages between a patient and their care team (message_views): the patient's own, the physician's inbox.
    path("messages/", message_views.my_messages, name="my_messages"),
    path("messages/new/", message_views.my_message_new, name="my_message_new"),
    path("messages/<int:thread_pk>/", message_views.my_message_thread, name="my_message_thread"),
    path("inbox/", message_views.message_inbox, name="message_inbox"),
    path("patients/<int:patient_pk>/messages/new/", message_views.patient_message_new, name="patient_message_new"),
    path(
        "patients/<int:patient_pk>/messages/<int:thread_pk>/",
        message_views.patient_message_thread,
        name="patient_message_thread",
    ),
    # Session review and clinical notes (review_views, note_views): the physician's sign-off and signed notes.
    path("reviews/", review_views.review_queue, name="review_queue"),
    path("reviews/sign/", review_views.review_sign_bulk, name="review_sign_bulk"),
    path(
        "patients/<int:patient_pk>/sessions/<int:session_pk>/review/",
        review_views.session_review,
        name="session_review",
    ),
    path("patients/<int:patient_pk>/notes/", note_views.clinical_notes, name="clinical_notes"),
    path("patients/<int:patient_pk>/notes/new/", note_views.clinical_note_new, name="clinical_note_new"),
    path(
        "patients/<int:patient_pk>/notes/<int:note_pk>/", note_views.clinical_note_detail, name="clinical_note_detail"
    ),
    path(
        "patients/<int:patient_pk>/notes/<int:note_pk>/addendum/",
        note_views.clinical_note_addendum,
        name="clinical_note_addendum",
    ),
]
