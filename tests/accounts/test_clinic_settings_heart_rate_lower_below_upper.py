"""The lowest heart rate must be below the highest: a lower limit at or above the upper one is refused."""

import pytest
from django.urls import reverse

from accounts.clinic_settings import clinic_settings_update
from anodyne.errors import DomainError
from tests.accounts.clinic_settings_data import settings_form_data


@pytest.mark.parametrize(("lower", "upper"), [(95, 95), (100, 95)])
def test_a_lower_heart_rate_limit_at_or_above_the_upper_is_refused(clinic_admin, clinic, lower, upper):
    with pytest.raises(DomainError, match="lower heart-rate limit must be below the upper limit"):
        clinic_settings_update(actor=clinic_admin, clinic=clinic, heart_rate_lower=lower, heart_rate_upper=upper)
    clinic.refresh_from_db()
    assert (clinic.heart_rate_lower, clinic.heart_rate_upper) == (50, 100)


def test_the_page_says_so_beside_the_field(client, clinic_admin, clinic):
    client.force_login(clinic_admin)
    response = client.post(
        reverse("clinic_settings"), settings_form_data(clinic, heart_rate_lower=95, heart_rate_upper=90)
    )
    assert "The lower heart-rate limit must be below the upper limit." in response.content.decode()
    clinic.refresh_from_db()
    assert (clinic.heart_rate_lower, clinic.heart_rate_upper) == (50, 100)


def test_the_closest_limits_the_ranges_allow_are_accepted(clinic_admin, clinic):
    clinic_settings_update(actor=clinic_admin, clinic=clinic, heart_rate_lower=60, heart_rate_upper=90)
    clinic.refresh_from_db()
    assert (clinic.heart_rate_lower, clinic.heart_rate_upper) == (60, 90)
