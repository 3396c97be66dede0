"""The import pages: upload, a preview of every row, and an import only from a clean preview after confirming.

Between preview and confirmation the rows travel signed in the confirmation form (accounts.import_views): a changed,
stale or someone else's preview imports nothing."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, Role
from tests.accounts.invitation_helpers import csv_bytes, good_line, invite
from tests.factories import UserFactory, give_totp


def _upload(client, data: bytes):
    return client.post(reverse("patient_import"), {"file": SimpleUploadedFile("patients.csv", data, "text/csv")})


def _payload(response) -> str:
    match = re.search(r'name="rows" value="([^"]+)"', response.content.decode())
    assert match, "the preview offers no import"
    return match.group(1)


@pytest.fixture
def admin_client(client, clinic_admin, physician):
    client.force_login(clinic_admin)
    return client


def test_a_file_with_problems_shows_them_and_offers_no_import(admin_client):
    response = _upload(
        admin_client, csv_bytes(good_line(1), "x,Bad,1980-01-01,America/Chicago,crps,,rivera@sunrise.test")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 rows: 1 ready, 1 with problems." in body
    assert "Nothing can be imported yet" in body
    assert "“x” is not an email address." in body
    assert 'name="rows"' not in body
    assert "patient1@example.test" in body  # the ready row is listed too
    assert not Invitation.objects.exists()


def test_a_clean_file_is_imported_after_confirming(admin_client, django_capture_on_commit_callbacks):
    preview = _upload(admin_client, csv_bytes(good_line(1), good_line(2)))
    assert "Invite these 2 patients" in preview.content.decode()
    assert not Invitation.objects.exists()  # nothing before the confirmation

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("patient_import_confirm"), {"rows": _payload(preview)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("invitation_list")
    assert "2 patients invited." in response.content.decode()
    assert Invitation.objects.filter(role=Role.PATIENT).count() == 2
    assert len(mail.outbox) == 2


def test_an_unreadable_file_is_refused_on_the_upload_page(admin_client):
    response = _upload(admin_client, b"name\nx\n")
    assert response.status_code == 200
    assert "The first row must name the columns" in response.content.decode()


def test_a_changed_preview_imports_nothing(admin_client):
    payload = _payload(_upload(admin_client, csv_bytes(good_line(1))))
    response = admin_client.post(reverse("patient_import_confirm"), {"rows": payload[:-2] + "xx"}, follow=True)
    assert "This preview has expired or does not belong to you" in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_preview_older_than_an_hour_imports_nothing(admin_client, settings):
    settings.ANODYNE_STAFF_IDLE = timedelta(hours=2)  # the session outlives the preview here
    payload = _payload(_upload(admin_client, csv_bytes(good_line(1))))
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        response = admin_client.post(reverse("patient_import_confirm"), {"rows": payload}, follow=True)
    assert "This preview has expired or does not belong to you" in response.content.decode()
    assert not Invitation.objects.exists()


def test_another_admins_preview_imports_nothing(admin_client, clinic):
    payload = _payload(_upload(admin_client, csv_bytes(good_line(1))))
    colleague = UserFactory(clinic=clinic, email="admin2@sunrise.test")
    give_totp(colleague)
    admin_client.force_login(colleague)
    response = admin_client.post(reverse("patient_import_confirm"), {"rows": payload}, follow=True)
    assert "This preview has expired or does not belong to you" in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_confirmation_checks_again(admin_client, clinic_admin, django_capture_on_commit_callbacks):
    payload = _payload(_upload(admin_client, csv_bytes(good_line(1), good_line(2))))
    # Meanwhile a colleague invited one of the patients by hand.
    invite(
        django_capture_on_commit_callbacks, actor=clinic_admin, email="patient2@example.test", role=Role.CLINIC_ADMIN
    )
    response = admin_client.post(reverse("patient_import_confirm"), {"rows": payload})
    body = response.content.decode()
    assert "1 row of the file has problems; nothing was imported." in body
    assert "patient2@example.test already has an open invitation to this clinic." in body
    assert list(Invitation.objects.values_list("email", flat=True)) == ["patient2@example.test"]


@pytest.mark.parametrize("who", ["physician", "patient"])
def test_only_clinic_admins_reach_the_import(client, request, who):
    client.force_login(request.getfixturevalue(who).user)
    assert client.get(reverse("patient_import")).status_code == 403
    assert client.post(reverse("patient_import_confirm"), {"rows": "x"}).status_code == 403
