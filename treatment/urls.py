from django.urls import path

from treatment import plan_views, views

urlpatterns = [
    path("consent/", views.consent, name="consent"),
    path("clinic/consent/", views.clinic_consent, name="clinic_consent"),
    path("patients/<int:patient_pk>/plan/", plan_views.plan_detail, name="plan_detail"),
    path("patients/<int:patient_pk>/plan/edit/", plan_views.plan_edit, name="plan_edit"),
    path("patients/<int:patient_pk>/plan/status/", plan_views.plan_status, name="plan_status"),
]
