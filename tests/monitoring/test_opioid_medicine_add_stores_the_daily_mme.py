"""Adding an opioid medicine stores its daily MME from monitoring.opioids.daily_mme (CDC 2022 factors), audited
without the drug or dose; a dose daily_mme refuses is a plain DomainError and nothing is stored."""

import datetime as dt
from decimal import Decimal

import pytest

from accounts.models import AuditAction, AuditEvent
from anodyne.errors import DomainError
from monitoring.models import OpioidMedicine
from tests.monitoring.opioid_helpers import DAY, add


@pytest.mark.parametrize(
    ("drug", "mg", "doses", "mme"),
    [
        ("oxycodone", "10", 2, Decimal("30.00")),  # the guideline's example
        ("hydrocodone", "5", 4, Decimal("20.00")),  # the guideline's example
        ("codeine", "30", 4, Decimal("18.00")),
        ("fentanyl_transdermal", "25", 1, Decimal("60.00")),  # 25 mcg/h x 2.4
    ],
)
def test_the_daily_mme_is_stored(patient, drug, mg, doses, mme):
    medicine = add(patient.user, patient, drug=drug, mg=mg, doses=doses)
    medicine.refresh_from_db()
    assert (medicine.daily_mme, medicine.started_on, medicine.stopped_on) == (mme, DAY, None)
    assert medicine.recorded_by == patient.user


def test_the_audit_row_names_no_drug_or_dose(patient):
    medicine = add(patient.user, patient, drug="methadone", mg="10", doses=3)
    row = AuditEvent.objects.get(object_type="opioid_medicine")
    assert (row.action, row.patient, row.object_id, row.detail) == (
        AuditAction.CREATE,
        patient,
        str(medicine.pk),
        "added",
    )


@pytest.mark.parametrize(
    ("drug", "mg", "doses", "message"),
    [
        ("buprenorphine", "8", 1, "Choose an opioid from the list"),
        ("oxycodone", "0", 2, "Enter a strength above 0."),
        ("oxycodone", "-5", 2, "Enter a strength above 0."),
        ("oxycodone", "10", 0, "whole number, 1 or more"),
        ("oxycodone", "10", 1.5, "whole number, 1 or more"),
        ("fentanyl_transdermal", "25", 2, "A fentanyl patch is recorded as one a day"),
        ("oxycodone", "10.005", 2, "at most two decimals"),
    ],
)
def test_a_refused_dose_is_a_plain_error_and_stores_nothing(patient, drug, mg, doses, message):
    with pytest.raises(DomainError, match=message):
        add(patient.user, patient, drug=drug, mg=mg, doses=doses)
    assert not OpioidMedicine.objects.exists()
    assert not AuditEvent.objects.filter(object_type="opioid_medicine").exists()


def test_a_start_in_the_future_is_refused(patient):
    with pytest.raises(DomainError, match="cannot be in the future"):
        add(patient.user, patient, on=dt.date.today() + dt.timedelta(days=3))
    assert not OpioidMedicine.objects.exists()
