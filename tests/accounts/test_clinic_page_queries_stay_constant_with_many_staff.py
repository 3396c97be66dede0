"""The clinic page answers in the same number of queries with 3 staff or 30, deactivated ones and their last sign-in
included."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import services
from tests.factories import PatientFactory, PhysicianFactory, UserFactory, give_totp


def _add_staff(clinic, clinic_admin, count):
    for _ in range(count):
        physician = PhysicianFactory(clinic=clinic)
        give_totp(physician.user)
        PatientFactory(clinic=clinic, care_team=[physician])
        physician.user.last_login = timezone.now()
        physician.user.save(update_fields=["last_login"])
    colleague = UserFactory(clinic=clinic)
    services.user_deactivate(actor=clinic_admin, user=colleague)


def test_the_staff_table_costs_the_same_queries_at_two_sizes(
    client, clinic, physician, patient, clinic_admin, django_assert_num_queries
):
    client.force_login(clinic_admin)
    _add_staff(clinic, clinic_admin, 1)
    client.get(reverse("clinic"))  # the session's first request starts its clock (one more write)
    # Counted at the small size, then required at the large one. Today's 14, none of them per row: the session; the
    # admin; their authenticator (MFA middleware); the patient count, the page of patients with their users, their
    # care teams with physicians (patient_page); the audit batch of that page (chain lock, last hash, insert); the
    # clinic; the open invitations; the staff with MFA, active patients and last sign-in.
    with CaptureQueriesContext(connection) as small:
        response = client.get(reverse("clinic"))
    assert response.status_code == 200
    assert "Last sign-in" in response.content.decode()

    _add_staff(clinic, clinic_admin, 30)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("clinic"))

    page = response.content.decode()
    assert page.count(">Deactivate<span") >= 31
    assert page.count(">Reactivate<span") == 2
    assert page.count("Never") >= 2  # the staff who never signed in
