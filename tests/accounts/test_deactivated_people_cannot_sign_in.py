"""A deactivated patient or physician cannot sign in with their password, and is told nothing that helps a guess."""

import pytest
from django.urls import reverse

from accounts import services
from tests.factories import PASSWORD


@pytest.mark.parametrize("who", ["patient", "other_physician"])
def test_the_right_password_no_longer_signs_them_in(request, client, who, clinic_admin):
    user = request.getfixturevalue(who).user
    services.user_deactivate(actor=clinic_admin, user=user)

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)

    # Only someone who typed the right password learns that the account is inactive (allauth's page).
    assert response.redirect_chain[-1][0] == reverse("account_inactive")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home"))["Location"].startswith(reverse("account_login"))


def test_a_deactivated_physician_cannot_reach_a_patient_either(
    client, physician, other_physician, patient, clinic_admin
):
    services.care_team_reassign(actor=clinic_admin, from_physician=physician, to_physician=other_physician)
    services.user_deactivate(actor=clinic_admin, user=physician.user)
    client.force_login(physician.user)  # even a session made behind the sign-in form's back

    response = client.get(reverse("patient_detail", kwargs={"patient_pk": patient.pk}))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
