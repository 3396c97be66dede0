from django.urls import path

from accounts import (
    audit_views,
    import_views,
    invitation_views,
    lifecycle_views,
    notification_preference_views,
    settings_views,
    views,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("clinic/", views.clinic, name="clinic"),
    path("clinic/settings/", settings_views.clinic_settings, name="clinic_settings"),
    path("clinic/audit/", audit_views.audit_log, name="audit_log"),
    path("clinic/audit/export.csv", audit_views.audit_export, name="audit_export"),
    path("today/who-viewed-my-record/", audit_views.my_record_access, name="my_record_access"),
    path(
        "notifications/preferences/",
        notification_preference_views.notification_preferences,
        name="notification_preferences",
    ),
    path("invitations/", invitation_views.invitation_list, name="invitation_list"),
    path("invitations/new/<str:role>/", invitation_views.invitation_new, name="invitation_new"),
    path("invitations/<int:invitation_pk>/resend/", invitation_views.invitation_resend, name="invitation_resend"),
    path("invitations/<int:invitation_pk>/revoke/", invitation_views.invitation_revoke, name="invitation_revoke"),
    path("invitations/import/", import_views.patient_import_upload, name="patient_import"),
    path("invitations/import/confirm/", import_views.patient_import_confirm, name="patient_import_confirm"),
    # Public: the link in an invitation email (after the fixed paths above, which a token can never equal).
    path("invitations/<str:token>/", invitation_views.invitation_accept, name="invitation_accept"),
    # Every URL that names a patient uses the `patient_pk` keyword: tests walk them all as outsiders.
    path("patients/<int:patient_pk>/", views.patient_detail, name="patient_detail"),
    # Account lifecycle and care teams (clinic admins).
    path("clinic/staff/<int:user_pk>/deactivate/", lifecycle_views.staff_deactivate, name="staff_deactivate"),
    path("clinic/staff/<int:user_pk>/reactivate/", lifecycle_views.staff_reactivate, name="staff_reactivate"),
    path("clinic/staff/<int:user_pk>/handover/", lifecycle_views.staff_handover, name="staff_handover"),
    path("patients/<int:patient_pk>/care-team/", lifecycle_views.patient_care_team, name="patient_care_team"),
    path("patients/<int:patient_pk>/status/", lifecycle_views.patient_status, name="patient_status"),
    path("patients/<int:patient_pk>/deactivate/", lifecycle_views.patient_deactivate, name="patient_deactivate"),
    path("patients/<int:patient_pk>/reactivate/", lifecycle_views.patient_reactivate, name="patient_reactivate"),
]
