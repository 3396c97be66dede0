from django.urls import path

from accounts import audit_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("today/", views.today, name="today"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("clinic/", views.clinic, name="clinic"),
    path("clinic/audit/", audit_views.audit_log, name="audit_log"),
    path("clinic/audit/export.csv", audit_views.audit_export, name="audit_export"),
    path("today/who-viewed-my-record/", audit_views.my_record_access, name="my_record_access"),
    # Every URL that names a patient uses the `patient_pk` keyword: tests walk them all as outsiders.
    path("patients/<int:patient_pk>/", views.patient_detail, name="patient_detail"),
]
