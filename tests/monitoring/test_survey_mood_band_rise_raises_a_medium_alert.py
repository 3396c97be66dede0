"""CLINICAL.md section 3: a phq9 or gad7 band higher than that instrument's previous response raises a medium
mood-worsening alert; the same band, a lower one, or a first response raises none."""

import datetime as dt

import pytest
from django.utils import timezone

from monitoring.models import Alert, AlertKind, Severity
from tests.monitoring.survey_data import answer, gad7, phq9

EARLIER = timezone.now() - dt.timedelta(days=14)


@pytest.mark.parametrize(
    ("code", "answers_of"), [("phq9", lambda each: phq9(each=each)), ("gad7", lambda each: gad7(each=each))]
)
def test_a_band_rise_raises_medium(patient, code, answers_of):
    answer(patient, code, answers_of(0), at=EARLIER)  # minimal
    answer(patient, code, answers_of(1))  # phq9 8 / gad7 7: mild

    alert = Alert.objects.get(patient=patient, kind=AlertKind.MOOD_WORSENING)
    assert (alert.severity, alert.cause) == (Severity.MEDIUM, f"instrument:{code}")


def test_the_same_or_a_lower_band_raises_nothing(patient):
    answer(patient, "phq9", phq9(each=1), at=EARLIER - dt.timedelta(days=14))  # 8, mild
    answer(patient, "phq9", phq9(each=1), at=EARLIER)  # 8, mild: same band
    answer(patient, "phq9", phq9(each=0))  # minimal: better
    assert not Alert.objects.filter(patient=patient, kind=AlertKind.MOOD_WORSENING).exists()


def test_a_first_response_raises_nothing(patient):
    answer(patient, "gad7", gad7(each=3))  # severe, but nothing to compare with
    assert not Alert.objects.filter(patient=patient, kind=AlertKind.MOOD_WORSENING).exists()
