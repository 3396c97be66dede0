"""Each severity has its rank (critical 4 … low 1), which triage orders by; the database refuses any other pairing."""

import pytest
from django.db import IntegrityError, transaction

from monitoring.models import Alert, Severity
from tests.monitoring.conftest import raise_alert


def test_each_severity_gets_its_rank(patient):
    ranks = {
        severity: raise_alert(patient, severity=severity, cause=f"rank:{severity}").severity_rank
        for severity in Severity.values
    }
    assert ranks == {"critical": 4, "high": 3, "medium": 2, "low": 1}


def test_a_raised_severity_raises_the_rank(patient):
    raise_alert(patient, severity=Severity.LOW)
    raise_alert(patient, severity=Severity.CRITICAL)
    assert Alert.objects.values_list("severity", "severity_rank").get() == ("critical", 4)


def test_the_database_refuses_a_rank_that_does_not_match(open_alert):
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.filter(pk=open_alert.pk).update(severity=Severity.LOW)
