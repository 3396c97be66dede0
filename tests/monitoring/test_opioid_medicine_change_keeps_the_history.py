"""A change of dose stops the current row on the day of the change and starts a new one; a stop ends the row. The
MME history is the change points of the daily total, read in one query whatever its length."""

import datetime as dt
from decimal import Decimal

import pytest

from anodyne.errors import DomainError
from monitoring import opioid_selectors, services
from monitoring.models import OpioidMedicine
from monitoring.opioid_selectors import MmePoint
from tests.monitoring.opioid_helpers import DAY, add


def test_a_change_stops_the_row_and_starts_a_new_one(patient, physician):
    first = add(patient.user, patient, drug="oxycodone", mg="10", doses=2)  # 30 MME
    changed_on = DAY + dt.timedelta(days=10)
    second = services.opioid_medicine_change(
        actor=physician.user, medicine=first, mg_per_dose=Decimal("5"), doses_per_day=2, changed_on=changed_on
    )
    first.refresh_from_db()
    assert (first.stopped_on, first.daily_mme) == (changed_on, Decimal("30.00"))
    assert (second.drug, second.started_on, second.stopped_on, second.daily_mme) == (
        "oxycodone",
        changed_on,
        None,
        Decimal("15.00"),
    )
    assert second.recorded_by == physician.user
    assert OpioidMedicine.objects.filter(patient=patient).count() == 2


def test_mme_history_and_now_follow_starts_changes_and_stops(patient):
    oxy = add(patient.user, patient, drug="oxycodone", mg="10", doses=2, on=DAY)  # 30
    add(patient.user, patient, drug="tramadol", mg="50", doses=2, on=DAY + dt.timedelta(days=3))  # 20
    services.opioid_medicine_change(
        actor=patient.user, medicine=oxy, mg_per_dose=Decimal("5"), doses_per_day=2, changed_on=DAY + dt.timedelta(7)
    )  # 30 -> 15
    current_oxy = OpioidMedicine.objects.get(stopped_on__isnull=True, drug="oxycodone")
    services.opioid_medicine_stop(actor=patient.user, medicine=current_oxy, stopped_on=DAY + dt.timedelta(days=20))

    assert opioid_selectors.mme_history(patient=patient) == [
        MmePoint(DAY, Decimal("30.00")),
        MmePoint(DAY + dt.timedelta(days=3), Decimal("50.00")),
        MmePoint(DAY + dt.timedelta(days=7), Decimal("35.00")),
        MmePoint(DAY + dt.timedelta(days=20), Decimal("20.00")),
    ]
    assert opioid_selectors.mme_now(patient=patient, on=DAY + dt.timedelta(days=6)) == Decimal("50.00")
    assert opioid_selectors.mme_now(patient=patient, on=DAY + dt.timedelta(days=7)) == Decimal("35.00")
    assert opioid_selectors.mme_now(patient=patient) == Decimal("20.00")
    assert opioid_selectors.mme_now(patient=patient, on=DAY - dt.timedelta(days=1)) == Decimal("0.00")


def test_a_stopped_medicine_cannot_be_changed_or_stopped_again(patient):
    medicine = add(patient.user, patient)
    services.opioid_medicine_stop(actor=patient.user, medicine=medicine, stopped_on=DAY)
    with pytest.raises(DomainError, match="already stopped"):
        services.opioid_medicine_stop(actor=patient.user, medicine=medicine, stopped_on=DAY)
    with pytest.raises(DomainError, match="already stopped"):
        services.opioid_medicine_change(
            actor=patient.user, medicine=medicine, mg_per_dose=Decimal(5), doses_per_day=1, changed_on=DAY
        )


def test_a_change_before_the_start_is_refused_and_changes_nothing(patient):
    medicine = add(patient.user, patient)
    with pytest.raises(DomainError, match="cannot be before the medicine started"):
        services.opioid_medicine_change(
            actor=patient.user,
            medicine=medicine,
            mg_per_dose=Decimal(5),
            doses_per_day=1,
            changed_on=DAY - dt.timedelta(days=1),
        )
    medicine.refresh_from_db()
    assert medicine.stopped_on is None
    assert OpioidMedicine.objects.count() == 1


@pytest.mark.parametrize("rows", [1, 12])
def test_mme_history_is_one_query_whatever_its_length(patient, django_assert_num_queries, rows):
    for n in range(rows):
        add(patient.user, patient, mg=str(5 + n), on=DAY + dt.timedelta(days=n))
    with django_assert_num_queries(1):  # the rows' start, stop and MME
        points = opioid_selectors.mme_history(patient=patient)
    assert len(points) == rows
