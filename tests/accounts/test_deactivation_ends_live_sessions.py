"""Deactivating someone signs them out at once, everywhere: each of their sessions ends, and the next request of a
browser still holding one is treated as signed out."""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts import services
from tests.accounts.sign_in_helpers import is_signed_in, sign_in_through_the_form


def _user(request, who):
    person = request.getfixturevalue(who)
    return getattr(person, "user", person)


def _deactivate_url(request, who):
    if who == "patient":
        return reverse("patient_deactivate", kwargs={"patient_pk": request.getfixturevalue("patient").pk})
    return reverse("staff_deactivate", kwargs={"user_pk": _user(request, who).pk})


@pytest.mark.parametrize("who", ["patient", "other_physician"])
def test_every_live_session_ends_when_an_admin_deactivates_the_person(request, client, who, clinic_admin):
    user = _user(request, who)
    on_the_phone, on_the_laptop = Client(), Client()
    sign_in_through_the_form(on_the_phone, user)  # allauth's sign-in
    on_the_laptop.force_login(user)  # Django's login(), not through allauth
    assert UserSession.objects.filter(user=user).count() == 2

    client.force_login(clinic_admin)
    response = client.post(_deactivate_url(request, who))

    assert response.status_code == 302
    assert not UserSession.objects.filter(user=user).exists()
    for browser in (on_the_phone, on_the_laptop):
        assert not Session.objects.filter(session_key=browser.session.session_key).exists()
        assert not is_signed_in(browser)
    # The admin who did it is still signed in.
    assert is_signed_in(client)


@pytest.mark.parametrize("who", ["patient", "other_physician"])
def test_a_session_nobody_listed_is_signed_out_on_its_next_request(request, who, clinic_admin):
    """A session that usersessions never listed (signed in before it was installed) cannot be found by key; Django's
    authentication middleware treats an inactive person as signed out on the next request all the same."""
    user = _user(request, who)
    browser = Client()
    browser.force_login(user)
    UserSession.objects.filter(user=user).delete()
    assert is_signed_in(browser)

    services.user_deactivate(actor=clinic_admin, user=user)

    assert Session.objects.filter(session_key=browser.session.session_key).exists()  # not found, so not deleted
    response = browser.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_other_peoples_sessions_are_untouched(patient, second_patient, clinic_admin):
    theirs, mine = Client(), Client()
    theirs.force_login(second_patient.user)
    mine.force_login(patient.user)

    services.user_deactivate(actor=clinic_admin, user=patient.user)

    assert is_signed_in(theirs)
    assert not is_signed_in(mine)
