"""The patient answers the eleven eligibility questions on their page (CLINICAL.md's words, a yes/no pair each),
linked from Today while unanswered; after answering, the page says what happens next. Incomplete answers record
nothing."""

from django.urls import reverse

from tests.factories import PatientFactory
from tests.treatment.eligibility_data import ALL_NO
from treatment.models import EligibilityItem, EligibilityScreen, EligibilityStatus


def _unscreened(clinic, physician):
    return PatientFactory(clinic=clinic, user__full_name="Maya Patel", care_team=[physician], cleared=False)


def test_today_links_the_questions_and_the_page_asks_all_eleven(client, clinic, physician):
    patient = _unscreened(clinic, physician)
    client.force_login(patient.user)
    today = client.get(reverse("today")).content.decode()
    assert "Answer the eligibility questions" in today
    assert reverse("eligibility") in today

    page = client.get(reverse("eligibility")).content.decode()
    for _, words in EligibilityItem.choices:
        assert words in page
    assert page.count('type="radio"') == 2 * len(EligibilityItem.choices)
    assert page.count("<fieldset") == 1 + len(EligibilityItem.choices)  # the questions, each a yes/no pair


def test_all_no_clears_and_says_so(client, clinic, physician):
    patient = _unscreened(clinic, physician)
    client.force_login(patient.user)
    response = client.post(reverse("eligibility"), ALL_NO)
    assert response["Location"] == reverse("eligibility")
    assert EligibilityScreen.objects.get(patient=patient).status == EligibilityStatus.CLEARED
    page = client.get(reverse("eligibility")).content.decode()
    assert "You are cleared for treatment" in page
    assert 'type="radio"' not in page
    assert "Answer the eligibility questions" not in client.get(reverse("today")).content.decode()


def test_a_yes_tells_the_patient_what_happens_next(client, clinic, physician):
    patient = _unscreened(clinic, physician)
    client.force_login(patient.user)
    client.post(reverse("eligibility"), ALL_NO | {"bladder": "1"})
    assert EligibilityScreen.objects.get(patient=patient).status == EligibilityStatus.NEEDS_REVIEW
    page = client.get(reverse("eligibility")).content.decode()
    assert "Your answers are with your care team" in page
    assert "do not take a dose" in page
    today = client.get(reverse("today")).content.decode()
    assert "Your answers are with your care team" in today


def test_a_question_left_unanswered_records_nothing(client, clinic, physician):
    patient = _unscreened(clinic, physician)
    client.force_login(patient.user)
    incomplete = {key: value for key, value in ALL_NO.items() if key != "no_sitter"}
    response = client.post(reverse("eligibility"), incomplete)
    assert response.status_code == 200
    assert "Answer yes or no." in response.content.decode()
    assert not EligibilityScreen.objects.filter(patient=patient).exists()


def test_staff_have_no_questions_page(client, physician):
    client.force_login(physician.user)
    assert client.get(reverse("eligibility")).status_code == 403
