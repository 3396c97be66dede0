"""The cast: the same named people in every test module.

- `patient` and `second_patient`: patients of `physician` at the clinic.
- `physician`: on both patients' care teams. `other_physician`: same clinic, on no care team.
- `clinic_admin`: runs the clinic.
- `outside_physician` and `outside_patient`: another clinic, who must see nothing of this one.
Staff in the cast have set up two-factor authentication (give_totp), so they reach their pages.
"""

import pytest
from django.conf import settings

from tests.factories import ClinicFactory, PatientFactory, PhysicianFactory, UserFactory, give_totp


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and anything else cached by one test must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def clinic(db):
    return ClinicFactory(name="Sunrise Pain Clinic", slug="sunrise")


@pytest.fixture
def outside_clinic(db):
    return ClinicFactory(name="Harbor Pain Center", slug="harbor")


@pytest.fixture
def physician(clinic):
    physician = PhysicianFactory(clinic=clinic, user__full_name="Elena Rivera", user__email="rivera@sunrise.test")
    give_totp(physician.user)
    return physician


@pytest.fixture
def other_physician(clinic):
    physician = PhysicianFactory(clinic=clinic, user__full_name="Daniel Okafor", user__email="okafor@sunrise.test")
    give_totp(physician.user)
    return physician


@pytest.fixture
def patient(clinic, physician):
    return PatientFactory(
        clinic=clinic, user__full_name="Maya Patel", user__email="maya@sunrise.test", care_team=[physician]
    )


@pytest.fixture
def second_patient(clinic, physician):
    return PatientFactory(
        clinic=clinic, user__full_name="James Nguyen", user__email="james@sunrise.test", care_team=[physician]
    )


@pytest.fixture
def clinic_admin(clinic):
    admin = UserFactory(clinic=clinic, full_name="Alex Morgan", email="admin@sunrise.test")
    give_totp(admin)
    return admin


@pytest.fixture
def outside_physician(outside_clinic):
    physician = PhysicianFactory(clinic=outside_clinic, user__full_name="Sam Harper", user__email="harper@harbor.test")
    give_totp(physician.user)
    return physician


@pytest.fixture
def outside_patient(outside_clinic, outside_physician):
    return PatientFactory(
        clinic=outside_clinic,
        user__full_name="Lucia Garcia",
        user__email="lucia@harbor.test",
        care_team=[outside_physician],
    )


@pytest.fixture
def redis_url():
    """The real Redis the suite runs against; tests that need it skip when it is absent (and services are optional)."""
    if not settings.REDIS_AVAILABLE:
        pytest.skip("Redis is not reachable (set REDIS_URL, or ANODYNE_REQUIRE_SERVICES=1 to make this an error)")
    return settings.REDIS_TEST_URL
