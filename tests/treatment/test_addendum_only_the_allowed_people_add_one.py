"""Who may add an addendum: the patient to their own session or adverse event; a physician on the care team to a
session, an adverse event or a dispense; a clinic admin to a dispense. Anyone else is refused and nothing is added."""

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from tests.treatment.record_data import completed_session, reported_adverse_event
from tests.treatment.session_data import good_check
from treatment import services
from treatment.models import Addendum, Dispense


@pytest.fixture
def records(ready_patient, physician):
    return {
        "session": completed_session(ready_patient),
        "adverse_event": reported_adverse_event(ready_patient),
        "dispense": Dispense.objects.create(
            patient=ready_patient,
            recorded_by=physician.user,
            dispensed_on="2026-01-05",
            pharmacy="Main Street Pharmacy",
            units=30,
            strength_mg_per_unit=50,
        ),
    }


ALLOWED = {
    "patient": {"session", "adverse_event"},
    "physician": {"session", "adverse_event", "dispense"},
    "clinic_admin": {"dispense"},
    "second_patient": set(),
    "other_physician": set(),
    "outside_physician": set(),
    "outside_patient": set(),
}


@pytest.mark.parametrize("record_type", ["session", "adverse_event", "dispense"])
@pytest.mark.parametrize("who", list(ALLOWED))
def test_only_the_allowed_people_add_an_addendum(request, records, who, record_type):
    person = request.getfixturevalue(who)
    actor = getattr(person, "user", person)
    add = lambda: services.addendum_add(  # noqa: E731
        actor=actor, record=records[record_type], reason="Correction", text="A correction."
    )
    if record_type in ALLOWED[who]:
        addendum = add()
        assert (addendum.author, addendum.record_type) == (actor, record_type)
    else:
        with pytest.raises(DomainError, match=r"You cannot add an addendum to this record\."):
            add()
        assert not Addendum.objects.exists()


def test_a_session_that_is_not_completed_takes_no_addendum(ready_patient, physician):
    held = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(systolic=170)
    ).session
    with pytest.raises(DomainError, match="only a completed session takes an addendum"):
        services.addendum_add(actor=physician.user, record=held, reason="Note", text="Cuff was too small.")
    assert not Addendum.objects.exists()


def test_the_pages_refuse_the_others(client, records, ready_patient, clinic_admin, other_physician, outside_physician):
    adverse_event = records["adverse_event"]
    url = reverse(
        "adverse_event_addendum", kwargs={"patient_pk": ready_patient.pk, "adverse_event_pk": adverse_event.pk}
    )
    data = {"reason": "Correction", "text": "A correction."}
    for person, status in [(clinic_admin, 403), (other_physician.user, 404), (outside_physician.user, 404)]:
        client.force_login(person)
        assert client.post(url, data).status_code == status
    assert not Addendum.objects.exists()


def test_a_record_of_another_patient_is_a_404_under_this_patients_address(client, records, physician, second_patient):
    other = reported_adverse_event(second_patient)
    client.force_login(physician.user)
    url = reverse(
        "adverse_event_addendum",
        kwargs={"patient_pk": records["adverse_event"].patient_id, "adverse_event_pk": other.pk},
    )
    assert client.post(url, {"reason": "Correction", "text": "A correction."}).status_code == 404
    assert not Addendum.objects.exists()


def test_the_patient_adds_one_to_their_own_adverse_event_from_their_list(client, records, ready_patient):
    adverse_event = records["adverse_event"]
    client.force_login(ready_patient.user)
    listing = client.get(reverse("adverse_event_list_mine")).content.decode()
    url = reverse(
        "adverse_event_addendum", kwargs={"patient_pk": ready_patient.pk, "adverse_event_pk": adverse_event.pk}
    )
    assert f'href="{url}"' in listing

    response = client.post(url, {"reason": "Update", "text": "It stopped this morning."})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("adverse_event_list_mine"))
    assert Addendum.objects.get().author == ready_patient.user
