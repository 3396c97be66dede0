"""Acknowledge and resolve work from the dashboard with and without JavaScript: a plain form goes back to the
dashboard; an htmx request gets the alert's card back, changed. Only the patient's care team may act."""

from django.urls import reverse

from monitoring.models import AlertStatus


def test_acknowledge_without_javascript_returns_to_the_dashboard(client, physician, open_alert):
    client.force_login(physician.user)
    response = client.post(
        reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk}), {"next": reverse("dashboard")}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dashboard"))
    open_alert.refresh_from_db()
    assert open_alert.status == AlertStatus.ACKNOWLEDGED


def test_acknowledge_with_htmx_answers_the_card_in_place(client, physician, open_alert):
    client.force_login(physician.user)
    response = client.post(reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk}), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Acknowledged by Elena Rivera" in body
    assert "<html" not in body
    assert 'action="{}"'.format(reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk})) not in body


def test_resolve_with_htmx_needs_a_note_and_changes_nothing_without_one(client, physician, open_alert):
    client.force_login(physician.user)
    url = reverse("alert_resolve", kwargs={"alert_pk": open_alert.pk})
    response = client.post(url, {"note": "  "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Write a note saying how the alert was resolved." in response.content.decode()
    open_alert.refresh_from_db()
    assert open_alert.status == AlertStatus.OPEN

    response = client.post(url, {"note": "Rechecked by phone; fine."}, HTTP_HX_REQUEST="true")
    assert "Resolved by Elena Rivera" in response.content.decode()
    open_alert.refresh_from_db()
    assert open_alert.status == AlertStatus.RESOLVED and open_alert.resolution_note == "Rechecked by phone; fine."


def test_resolve_without_javascript_goes_back_to_a_same_site_next_only(client, physician, open_alert):
    client.force_login(physician.user)
    response = client.post(
        reverse("alert_resolve", kwargs={"alert_pk": open_alert.pk}),
        {"note": "Done.", "next": "https://evil.example/phish"},
    )
    assert response["Location"] == reverse("alert_list")


def test_a_physician_off_the_care_team_gets_404_and_changes_nothing(
    client, other_physician, outside_physician, open_alert
):
    for outsider in (other_physician, outside_physician):
        client.force_login(outsider.user)
        for name in ("alert_acknowledge", "alert_resolve"):
            response = client.post(
                reverse(name, kwargs={"alert_pk": open_alert.pk}), {"note": "x"}, HTTP_HX_REQUEST="true"
            )
            assert response.status_code == 404
    open_alert.refresh_from_db()
    assert open_alert.status == AlertStatus.OPEN


def test_a_clinic_admin_may_not_act_on_alerts(client, clinic_admin, open_alert):
    client.force_login(clinic_admin)
    response = client.post(reverse("alert_acknowledge", kwargs={"alert_pk": open_alert.pk}))
    assert response.status_code == 403
