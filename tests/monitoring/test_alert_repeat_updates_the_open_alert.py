"""PRODUCT.md: "One open alert per patient, kind and cause: repeats update it rather than pile up"."""

import pytest
from django.db import IntegrityError, transaction

from monitoring import services
from monitoring.models import Alert, AlertKind, AlertStatus
from tests.monitoring.conftest import raise_alert


def test_the_same_cause_twice_is_one_alert_raised_twice(patient):
    first = raise_alert(patient, cause="session:7", summary="First reading.")
    again = raise_alert(patient, cause="session:7", summary="Second reading.")

    assert again.pk == first.pk
    alert = Alert.objects.get()
    assert alert.occurrences == 2
    assert alert.summary == "Second reading."
    assert alert.last_raised_at >= alert.first_raised_at


def test_a_different_cause_is_a_second_alert(patient):
    raise_alert(patient, cause="session:7")
    raise_alert(patient, cause="session:8")
    assert Alert.objects.filter(patient=patient).count() == 2


def test_a_different_kind_or_patient_is_a_second_alert(patient, second_patient):
    raise_alert(patient, kind=AlertKind.DOSE_HELD, cause="session:7")
    raise_alert(patient, kind=AlertKind.BLOOD_PRESSURE, cause="session:7")
    raise_alert(second_patient, kind=AlertKind.DOSE_HELD, cause="session:7")
    assert Alert.objects.count() == 3


def test_after_resolving_the_same_cause_raises_a_new_alert(patient, physician):
    first = raise_alert(patient, cause="session:7")
    services.alert_resolve(actor=physician.user, alert=first, note="Spoke with the patient; re-measured fine.")

    second = raise_alert(patient, cause="session:7")

    assert second.pk != first.pk
    assert second.status == AlertStatus.OPEN
    assert second.occurrences == 1
    assert Alert.objects.get(pk=first.pk).status == AlertStatus.RESOLVED


def test_the_database_refuses_a_second_unresolved_alert_for_one_cause(patient):
    alert = raise_alert(patient, cause="session:7")
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(
            patient=patient,
            clinic=patient.clinic,
            kind=alert.kind,
            severity=alert.severity,
            cause=alert.cause,
            summary="A duplicate written past the service.",
        )
