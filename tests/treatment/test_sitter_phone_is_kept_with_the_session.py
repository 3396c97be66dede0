"""The sitter's name and phone given at the pre-dose check are kept with the session (spaces tidied), for the help
page."""

from django.urls import reverse

from tests.treatment.session_page_data import CHECK_FORM
from treatment.models import TreatmentSession


def test_the_checked_session_keeps_the_sitters_name_and_phone(client, ready_patient):
    client.force_login(ready_patient.user)
    response = client.post(reverse("session_new"), CHECK_FORM | {"sitter_phone": "  +1  555   0101 "})
    session = TreatmentSession.objects.get()
    assert response["Location"] == reverse("session_detail", kwargs={"session_pk": session.pk})
    assert (session.sitter_name, session.sitter_phone) == ("Sam Patel", "+1 555 0101")
