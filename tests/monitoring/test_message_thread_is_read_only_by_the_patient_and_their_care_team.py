"""Only the patient and the physicians on their care team read or write a thread. Everyone else — another patient of
the same physician, a physician of the clinic off the care team, another clinic's people — gets the 404 of a thing
that does not exist, on the pages and from the services, and nothing of the thread leaks. The clinic admin, who may
see the patient, is refused too (403, as on every page not for their role): messages are between the patient and
their care team."""

import pytest
from django.http import Http404
from django.urls import reverse

from accounts.selectors import patient_list
from anodyne.errors import DomainError
from monitoring import message_selectors, messages
from monitoring.models import Message, MessageThread
from tests.monitoring.message_data import patient_thread, reply

SUBJECT = "Itching after the last troche"
BODY = "Since Tuesday my arms itch a lot at night."


@pytest.fixture
def thread(patient):
    return patient_thread(patient, subject=SUBJECT, body=BODY)


def _user(request, name):
    person = request.getfixturevalue(name)
    return getattr(person, "user", person)


def _assert_nothing_leaks(response):
    html = response.content.decode()
    assert SUBJECT not in html and BODY not in html
    assert "Maya Patel" not in html


def test_the_patient_and_the_care_team_physician_read_it(client, patient, physician, thread):
    client.force_login(patient.user)
    mine = client.get(reverse("my_message_thread", kwargs={"thread_pk": thread.pk}))
    assert mine.status_code == 200
    assert SUBJECT in mine.content.decode() and BODY in mine.content.decode()

    client.force_login(physician.user)
    theirs = client.get(reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk}))
    assert theirs.status_code == 200
    assert BODY in theirs.content.decode()


@pytest.mark.parametrize("outsider", ["second_patient", "outside_patient"])
def test_another_patient_opening_the_thread_gets_404(client, request, thread, outsider):
    client.force_login(_user(request, outsider))
    response = client.get(reverse("my_message_thread", kwargs={"thread_pk": thread.pk}))
    assert response.status_code == 404
    _assert_nothing_leaks(response)


@pytest.mark.parametrize("outsider", ["other_physician", "outside_physician"])
def test_a_physician_off_the_care_team_gets_404(client, request, patient, thread, outsider):
    client.force_login(_user(request, outsider))
    response = client.get(reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk}))
    assert response.status_code == 404
    _assert_nothing_leaks(response)
    inbox = client.get(reverse("message_inbox"))
    assert inbox.status_code == 200
    _assert_nothing_leaks(inbox)


def test_the_thread_under_another_patients_address_is_404(client, physician, second_patient, thread):
    client.force_login(physician.user)
    response = client.get(
        reverse("patient_message_thread", kwargs={"patient_pk": second_patient.pk, "thread_pk": thread.pk})
    )
    assert response.status_code == 404
    assert BODY not in response.content.decode()


def test_the_clinic_admin_reads_no_message(client, clinic_admin, patient, thread):
    client.force_login(clinic_admin)
    for url in (
        reverse("patient_message_thread", kwargs={"patient_pk": patient.pk, "thread_pk": thread.pk}),
        reverse("patient_message_new", kwargs={"patient_pk": patient.pk}),
        reverse("message_inbox"),
        reverse("my_message_thread", kwargs={"thread_pk": thread.pk}),
        reverse("my_messages"),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        _assert_nothing_leaks(response)
    with pytest.raises(Http404, match="No such conversation"):
        message_selectors.thread_get(user=clinic_admin, patient=patient, pk=thread.pk)
    assert not message_selectors.inbox(user=clinic_admin).exists()
    assert not message_selectors.patient_threads(user=clinic_admin, patient=patient).exists()


@pytest.mark.parametrize(
    ("person", "code"),
    [
        ("second_patient", "not_found"),
        ("other_physician", "not_found"),
        ("outside_physician", "not_found"),
        ("outside_patient", "not_found"),
        ("clinic_admin", "forbidden"),
    ],
)
def test_nobody_else_writes_in_the_thread_or_starts_one(request, patient, thread, person, code):
    user = _user(request, person)
    with pytest.raises(DomainError) as refused:
        messages.message_send(actor=user, thread=thread, body="Let me in.")
    assert refused.value.code == code
    with pytest.raises(DomainError) as refused:
        messages.message_thread_start(actor=user, patient=patient, subject="Hello", body="Let me in.")
    assert refused.value.code == code
    # The patient and their care team as a page reads them (accounts.selectors.patient_get).
    shown = message_selectors.thread_get(
        user=patient.user, patient=patient_list(user=patient.user).get(pk=patient.pk), pk=thread.pk
    )
    with pytest.raises(DomainError, match="No such conversation"):
        messages.message_thread_mark_read(user=user, thread=shown)
    assert Message.objects.count() == 1
    assert MessageThread.objects.count() == 1


def test_the_patient_and_the_care_team_write(patient, physician, thread):
    reply(thread, physician)
    reply(thread, patient, "Thank you.")
    assert list(Message.objects.filter(thread=thread).values_list("author", flat=True)) == [
        patient.user.pk,
        physician.user.pk,
        patient.user.pk,
    ]
