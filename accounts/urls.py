from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.home, name="home"),
    path("today/", views.today, name="today"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("clinic/", views.clinic, name="clinic"),
    # Every URL that names a patient uses the `patient_pk` keyword: tests walk them all as outsiders.
    path("patients/<int:patient_pk>/", views.patient_detail, name="patient_detail"),
]
