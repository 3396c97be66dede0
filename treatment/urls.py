from django.urls import path

from treatment import views

urlpatterns = [
    path("consent/", views.consent, name="consent"),
    path("clinic/consent/", views.clinic_consent, name="clinic_consent"),
]
