"""Only a physician on the patient's care team acknowledges or resolves an alert. A clinic admin is told why; anyone
who may not see the patient is told there is no such alert, and gets a 404 from the pages."""

import pytest
from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from anodyne.errors import DomainError
from monitoring import services
from monitoring.models import Alert, AlertEvent, AlertStatus


def test_the_care_team_physician_acknowledges_and_resolves(physician, open_alert):
    services.alert_acknowledge(actor=physician.user, alert=open_alert)
    alert = services.alert_resolve(actor=physician.user, alert=open_alert, note="Called the patient.")
    assert alert.status == AlertStatus.RESOLVED
    assert (alert.acknowledged_by, alert.resolved_by) == (physician.user, physician.user)
    assert alert.acknowledged_at <= alert.resolved_at
    audited = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_type="alert", object_id=str(alert.pk))
    assert sorted(audited.values_list("detail", flat=True)) == ["acknowledged", "resolved"]
    assert {row.patient_id for row in audited} == {alert.patient_id}
    assert not audited.filter(detail__icontains="Called").exists()  # the note stays out of the audit trail


def test_resolving_an_open_alert_acknowledges_it_too(physician, open_alert):
    alert = services.alert_resolve(actor=physician.user, alert=open_alert, note="Seen at once.")
    assert alert.acknowledged_by == physician.user
    assert alert.acknowledged_at == alert.resolved_at


@pytest.mark.parametrize("service", ["acknowledge", "resolve"])
@pytest.mark.parametrize(
    ("person", "code"),
    [
        ("other_physician", "not_found"),
        ("outside_physician", "not_found"),
        ("second_patient", "not_found"),
        ("patient", "forbidden"),
        ("clinic_admin", "forbidden"),
    ],
)
def test_anyone_else_is_refused_and_nothing_changes(request, open_alert, service, person, code):
    someone = request.getfixturevalue(person)
    actor = getattr(someone, "user", someone)
    with pytest.raises(DomainError) as refused:
        if service == "acknowledge":
            services.alert_acknowledge(actor=actor, alert=open_alert)
        else:
            services.alert_resolve(actor=actor, alert=open_alert, note="Not mine to resolve.")
    assert refused.value.code == code
    assert Alert.objects.get(pk=open_alert.pk).status == AlertStatus.OPEN
    assert AlertEvent.objects.filter(alert=open_alert).count() == 1


def test_a_clinic_admin_is_told_clinical_alerts_are_for_physicians(clinic_admin, open_alert):
    with pytest.raises(DomainError, match="Clinic admins cannot acknowledge clinical alerts"):
        services.alert_acknowledge(actor=clinic_admin, alert=open_alert)


@pytest.mark.parametrize("action", ["alert_acknowledge", "alert_resolve"])
@pytest.mark.parametrize("outsider", ["other_physician", "outside_physician"])
def test_an_outsider_gets_404_from_the_page_actions(client, request, open_alert, action, outsider):
    client.force_login(request.getfixturevalue(outsider).user)
    response = client.post(reverse(action, kwargs={"alert_pk": open_alert.pk}), {"note": "Trying."})
    assert response.status_code == 404
    assert "Maya Patel" not in response.content.decode()
    assert Alert.objects.get(pk=open_alert.pk).status == AlertStatus.OPEN
    denied = AuditEvent.objects.get(request_id=response["X-Request-ID"])
    assert (denied.object_type, denied.outcome) == ("alert", "denied")


@pytest.mark.parametrize("outsider", ["other_physician", "outside_physician"])
def test_an_outsider_gets_404_for_the_alert_page(client, request, open_alert, outsider):
    client.force_login(request.getfixturevalue(outsider).user)
    assert client.get(reverse("alert_resolve", kwargs={"alert_pk": open_alert.pk})).status_code == 404


@pytest.mark.parametrize("person", ["clinic_admin", "patient"])
def test_the_alert_pages_are_not_part_of_other_roles_accounts(client, request, open_alert, person):
    someone = request.getfixturevalue(person)
    client.force_login(getattr(someone, "user", someone))
    assert client.get(reverse("alert_list")).status_code == 403
    response = client.post(reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk}))
    assert response.status_code == 403
    assert Alert.objects.get(pk=open_alert.pk).status == AlertStatus.OPEN


def test_an_alert_cannot_be_acknowledged_twice(physician, open_alert):
    services.alert_acknowledge(actor=physician.user, alert=open_alert)
    with pytest.raises(DomainError, match="already acknowledged"):
        services.alert_acknowledge(actor=physician.user, alert=open_alert)


def test_a_resolved_alert_cannot_be_acknowledged_or_resolved_again(physician, open_alert):
    services.alert_resolve(actor=physician.user, alert=open_alert, note="Done.")
    with pytest.raises(DomainError, match="already resolved"):
        services.alert_acknowledge(actor=physician.user, alert=open_alert)
    with pytest.raises(DomainError, match="already resolved"):
        services.alert_resolve(actor=physician.user, alert=open_alert, note="Again.")
    assert Alert.objects.get(pk=open_alert.pk).resolution_note == "Done."
