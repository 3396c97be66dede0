"""Resolving an alert needs a note saying what was done; without one, nothing changes."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from anodyne.errors import DomainError
from monitoring import services
from monitoring.models import Alert, AlertStatus


@pytest.mark.parametrize("note", ["", "   \n  "])
def test_the_service_refuses_a_blank_note(physician, open_alert, note):
    with pytest.raises(DomainError, match="Write a note saying how the alert was resolved"):
        services.alert_resolve(actor=physician.user, alert=open_alert, note=note)
    assert Alert.objects.get(pk=open_alert.pk).status == AlertStatus.OPEN


def test_the_page_shows_the_plain_message_and_changes_nothing(client, physician, open_alert):
    client.force_login(physician.user)
    response = client.post(reverse("alert_resolve", kwargs={"alert_pk": open_alert.pk}), {"note": "  "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was changed" in page
    assert "Write a note saying how the alert was resolved." in page
    assert Alert.objects.get(pk=open_alert.pk).status == AlertStatus.OPEN


def test_the_database_refuses_a_resolved_alert_without_a_resolver_and_note(patient, physician, open_alert):
    now = timezone.now()
    stamps = {"acknowledged_at": now, "acknowledged_by": physician.user, "resolved_at": now}
    no_resolver = {"resolved_by": None, "resolution_note": "Done."}
    no_note = {"resolved_by": physician.user, "resolution_note": " "}
    for missing in (no_resolver, no_note):
        with pytest.raises(IntegrityError), transaction.atomic():
            Alert.objects.filter(pk=open_alert.pk).update(status=AlertStatus.RESOLVED, **stamps, **missing)
