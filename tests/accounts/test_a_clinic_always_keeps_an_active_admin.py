"""A clinic admin cannot deactivate themself, so the last active clinic admin of a clinic can never be deactivated;
another admin can deactivate and reactivate a colleague."""

import pytest
from django.urls import reverse

from accounts import services
from anodyne.errors import DomainError
from tests.factories import UserFactory, give_totp


def test_an_admin_cannot_deactivate_themself(clinic_admin):
    with pytest.raises(DomainError, match="You cannot deactivate your own account") as refused:
        services.user_deactivate(actor=clinic_admin, user=clinic_admin)

    assert refused.value.code == "self"
    clinic_admin.refresh_from_db()
    assert clinic_admin.is_active


def test_the_page_offers_no_button_to_do_it(client, clinic_admin):
    client.force_login(clinic_admin)
    url = reverse("staff_deactivate", kwargs={"user_pk": clinic_admin.pk})
    page = client.get(url).content.decode()
    assert "You cannot deactivate your own account" in page
    assert "<button" not in page.split("<main", 1)[1]
    assert client.post(url).status_code == 200
    clinic_admin.refresh_from_db()
    assert clinic_admin.is_active


def test_another_admin_can_deactivate_a_colleague(clinic, clinic_admin):
    colleague = UserFactory(clinic=clinic)
    give_totp(colleague)

    services.user_deactivate(actor=clinic_admin, user=colleague)

    colleague.refresh_from_db()
    assert not colleague.is_active
    # Deactivated, the colleague can no longer act: the clinic's one active admin stays.
    with pytest.raises(DomainError, match="Only a clinic admin"):
        services.user_deactivate(actor=colleague, user=clinic_admin)
