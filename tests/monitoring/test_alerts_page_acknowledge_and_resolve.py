"""A physician acknowledges and resolves alerts from /alerts/ with plain POST forms (no JavaScript needed)."""

from django.urls import reverse

from accounts.models import AuditAction, AuditEvent
from monitoring.models import Alert, AlertStatus


def test_the_page_offers_both_forms_for_an_open_alert(client, physician, open_alert):
    client.force_login(physician.user)
    page = client.get(reverse("alert_list")).content.decode()
    assert f'action="{reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk})}"' in page
    assert f'action="{reverse("alert_resolve", kwargs={"alert_pk": open_alert.pk})}"' in page
    assert f'<label for="note-{open_alert.pk}">Resolution note' in page
    assert "Maya Patel" in page
    assert reverse("patient_detail", kwargs={"patient_pk": open_alert.patient_id}) in page
    assert "Session held before dosing: interval." in page
    assert 'href="/alerts/" aria-current="page">Alerts<' in page


def test_acknowledge_then_resolve(client, physician, open_alert):
    client.force_login(physician.user)

    response = client.post(reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk}), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("alert_list"))
    assert "Acknowledged the dose held alert of Maya Patel." in response.content.decode()
    assert f"Acknowledged</span> by {physician.user.full_name}" in response.content.decode()
    assert Alert.objects.get(pk=open_alert.pk).status == AlertStatus.ACKNOWLEDGED

    response = client.post(
        reverse("alert_resolve", kwargs={"alert_pk": open_alert.pk}), {"note": "Re-checked: 138/84."}, follow=True
    )
    assert "Resolved the dose held alert of Maya Patel." in response.content.decode()
    alert = Alert.objects.get(pk=open_alert.pk)
    assert (alert.status, alert.resolution_note, alert.resolved_by) == (
        AlertStatus.RESOLVED,
        "Re-checked: 138/84.",
        physician.user,
    )


def test_acknowledging_twice_shows_a_plain_message(client, physician, open_alert):
    client.force_login(physician.user)
    client.post(reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk}))
    response = client.post(reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk}), follow=True)
    assert "This alert is already acknowledged." in response.content.decode()


def test_acknowledge_takes_no_get(client, physician, open_alert):
    client.force_login(physician.user)
    assert client.get(reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk})).status_code == 405
    assert Alert.objects.get(pk=open_alert.pk).status == AlertStatus.OPEN


def test_the_alert_page_shows_its_history(client, physician, open_alert):
    client.force_login(physician.user)
    client.post(reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk}))
    response = client.get(reverse("alert_resolve", kwargs={"alert_pk": open_alert.pk}))
    page = response.content.decode()
    assert "<strong>Raised</strong>" in page
    assert f"<strong>Acknowledged</strong> (high) by {physician.user.full_name}" in page
    viewed = AuditEvent.objects.get(request_id=response["X-Request-ID"])
    assert (viewed.action, viewed.object_type, viewed.patient_id) == (AuditAction.VIEW, "alert", open_alert.patient_id)
