"""The patient's medicines page: current medicines with their daily MME and the CDC caution beside every figure;
a fentanyl patch asks mcg/h with its doses fixed to one; bad input shows Django's plain messages and changes
nothing."""

from decimal import Decimal

from django.urls import reverse

from monitoring.models import OpioidMedicine
from monitoring.opioids import MME_CAUTION
from tests.monitoring.opioid_helpers import DAY, add


def test_current_medicines_show_their_mme_with_the_caution(client, patient):
    add(patient.user, patient, drug="oxycodone", mg="10", doses=2)
    add(patient.user, patient, drug="fentanyl_transdermal", mg="12", doses=1)
    client.force_login(patient.user)
    html = client.get(reverse("my_medicines")).content.decode()
    assert "58.80 MME/day" in html  # 30 + 12 x 2.4 = 28.8
    assert "30 MME/day" in html and "28.80 MME/day" in html
    assert "12 mcg/h patch" in html
    # The caution next to the total, next to each medicine and under the history.
    assert html.count(MME_CAUTION) == 4


def test_a_fentanyl_patch_needs_no_doses_a_day(client, patient):
    client.force_login(patient.user)
    response = client.post(reverse("my_medicines"), {"action": "add", "add-drug": "fentanyl_transdermal",
                           "add-mg_per_dose": "25", "add-doses_per_day": "", "add-started_on": DAY.isoformat()})  # fmt: skip
    assert response.status_code == 302
    patch = OpioidMedicine.objects.get()
    assert (patch.doses_per_day, patch.daily_mme) == (1, Decimal("60.00"))
    page = client.get(reverse("my_medicines")).content.decode()
    # Its change form asks the strength in mcg/h and no doses a day.
    assert "New strength of one dose (mcg/h)" in page
    assert f'name="change-{patch.pk}-doses_per_day"' not in page


def test_bad_input_changes_nothing_and_says_why(client, patient):
    client.force_login(patient.user)
    url = reverse("my_medicines")
    cases = [
        ({"add-drug": "oxycodone", "add-mg_per_dose": "10", "add-doses_per_day": "", "add-started_on": "2026-01-05"},
         "Enter how many doses you take a day."),
        ({"add-drug": "fentanyl_transdermal", "add-mg_per_dose": "25", "add-doses_per_day": "3",
          "add-started_on": "2026-01-05"}, "A fentanyl patch is recorded as one a day"),
        ({"add-drug": "buprenorphine", "add-mg_per_dose": "8", "add-doses_per_day": "1",
          "add-started_on": "2026-01-05"}, "Select a valid choice."),
        ({"add-drug": "oxycodone", "add-mg_per_dose": "0", "add-doses_per_day": "2", "add-started_on": "2026-01-05"},
         "Enter a strength above 0."),
    ]  # fmt: skip
    for data, message in cases:
        response = client.post(url, {"action": "add", **data})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not OpioidMedicine.objects.exists()
