"""Who records opioid medicines: the patient for themself and a physician of their care team. A clinic admin reads
the page but cannot write (403); anyone who may not see the patient gets a 404 and nothing changes."""

from decimal import Decimal

import pytest
from django.urls import reverse

from anodyne.errors import DomainError
from monitoring import services
from monitoring.models import OpioidMedicine
from tests.monitoring.opioid_helpers import DAY, add

ADD = {"action": "add", "add-drug": "morphine", "add-mg_per_dose": "15", "add-doses_per_day": "3",
       "add-started_on": DAY.isoformat()}  # fmt: skip


def staff_url(patient):
    return reverse("patient_medicines", kwargs={"patient_pk": patient.pk})


def test_the_patient_adds_their_own_on_their_page(client, patient):
    client.force_login(patient.user)
    response = client.post(reverse("my_medicines"), ADD)
    assert response.status_code == 302
    assert OpioidMedicine.objects.get(patient=patient).daily_mme == Decimal("45.00")


def test_a_care_team_physician_adds_changes_and_stops(client, patient, physician):
    client.force_login(physician.user)
    assert client.post(staff_url(patient), ADD).status_code == 302
    medicine = OpioidMedicine.objects.get(patient=patient)
    change = {"action": "change", "medicine": medicine.pk, f"change-{medicine.pk}-mg_per_dose": "10",
              f"change-{medicine.pk}-doses_per_day": "3", f"change-{medicine.pk}-changed_on": "2026-01-09"}  # fmt: skip
    assert client.post(staff_url(patient), change).status_code == 302
    new = OpioidMedicine.objects.get(patient=patient, stopped_on__isnull=True)
    assert new.daily_mme == Decimal("30.00")
    stop = {"action": "stop", "medicine": new.pk, f"stop-{new.pk}-stopped_on": "2026-01-12"}
    assert client.post(staff_url(patient), stop).status_code == 302
    assert not OpioidMedicine.objects.filter(patient=patient, stopped_on__isnull=True).exists()
    assert OpioidMedicine.objects.filter(patient=patient).count() == 2


def test_a_clinic_admin_reads_but_cannot_write(client, patient, clinic_admin):
    medicine = add(patient.user, patient)
    client.force_login(clinic_admin)
    page = client.get(staff_url(patient))
    assert page.status_code == 200
    assert "Oxycodone" in page.content.decode()
    assert "Add the medicine" not in page.content.decode()
    assert client.post(staff_url(patient), ADD).status_code == 403
    with pytest.raises(DomainError) as refused:
        services.opioid_medicine_stop(actor=clinic_admin, medicine=medicine, stopped_on=DAY)
    assert refused.value.code == "forbidden"
    assert OpioidMedicine.objects.count() == 1


@pytest.mark.parametrize("outsider", ["other_physician", "outside_physician", "second_patient"])
def test_outsiders_get_404_and_change_nothing(client, request, patient, outsider):
    medicine = add(patient.user, patient)
    person = request.getfixturevalue(outsider)
    user = getattr(person, "user", person)
    client.force_login(user)
    assert client.get(staff_url(patient)).status_code == 404
    assert client.post(staff_url(patient), ADD).status_code == 404
    with pytest.raises(DomainError) as refused:
        services.opioid_medicine_add(
            actor=user, patient=patient, drug="morphine", mg_per_dose=Decimal(5), doses_per_day=1, started_on=DAY
        )
    assert refused.value.code == "not_found"
    assert OpioidMedicine.objects.get() == medicine


def test_a_medicine_of_another_patient_is_404_on_my_page(client, patient, second_patient):
    theirs = add(second_patient.user, second_patient)
    client.force_login(patient.user)
    stop = {"action": "stop", "medicine": theirs.pk, f"stop-{theirs.pk}-stopped_on": DAY.isoformat()}
    assert client.post(reverse("my_medicines"), stop).status_code == 404
    theirs.refresh_from_db()
    assert theirs.stopped_on is None
