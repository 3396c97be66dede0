from django.urls import path

from monitoring import inbox_views, opioid_views, progress_views, survey_views, views

urlpatterns = [
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
]
