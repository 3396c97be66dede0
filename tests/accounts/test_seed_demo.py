"""`manage.py seed_demo` makes the same demo clinic every time, and never on a production database by accident."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import CareTeamMembership, Clinic, Patient, Physician, Role, User


def seed(*args):
    """The people only: the treatment history has its own test (tests/treatment/test_seed_demo_history.py)."""
    out = StringIO()
    call_command("seed_demo", "--days", "0", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


def test_the_demo_has_an_admin_two_physicians_and_twelve_patients(db, debug_on):
    output = seed()
    assert User.objects.filter(role=Role.CLINIC_ADMIN).count() == 1
    assert Physician.objects.count() == 2
    assert Patient.objects.count() == 12
    assert "admin@sunrise.example" in output and "anodyne-demo" in output


def test_every_demo_patient_has_a_care_team_in_the_demo_clinic(db, debug_on):
    seed("--patients", "5")
    assert not Patient.objects.filter(care_team_memberships__isnull=True).exists()
    assert set(CareTeamMembership.objects.values_list("clinic__slug", flat=True)) == {"sunrise-pain-clinic"}


def test_the_demo_accounts_sign_in_with_the_demo_password(client, db, debug_on):
    seed("--patients", "1")
    assert client.login(email="patient01@sunrise.example", password="anodyne-demo")


def test_running_it_twice_creates_nothing_new(db, debug_on):
    seed("--patients", "3")
    seed("--patients", "3")
    assert (Clinic.objects.count(), User.objects.count()) == (1, 6)


def test_if_empty_leaves_a_database_with_a_clinic_alone(db, debug_on, clinic):
    output = seed("--if-empty")
    assert Clinic.objects.count() == 1
    assert "not seeded" in output


def test_it_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not Clinic.objects.exists()


def test_force_seeds_with_debug_off(db, settings):
    settings.DEBUG = False
    seed("--force", "--patients", "1")
    assert Patient.objects.count() == 1
