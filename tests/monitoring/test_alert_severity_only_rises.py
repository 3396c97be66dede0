"""A repeat may raise an alert's severity, never lower it: a later, milder reading does not hide a worse one."""

from monitoring.models import Alert, AlertEvent, AlertEventWhat, Severity
from tests.monitoring.conftest import raise_alert


def test_a_repeat_at_a_higher_severity_raises_it(patient):
    raise_alert(patient, severity=Severity.HIGH)
    alert = raise_alert(patient, severity=Severity.CRITICAL)
    assert alert.severity == Severity.CRITICAL
    assert alert.severity_rank == 4
    assert Alert.objects.get().severity == Severity.CRITICAL
    assert AlertEvent.objects.filter(what=AlertEventWhat.SEVERITY_RAISED, severity=Severity.CRITICAL).count() == 1


def test_a_repeat_at_a_lower_severity_keeps_the_higher_one(patient):
    raise_alert(patient, severity=Severity.CRITICAL)
    alert = raise_alert(patient, severity=Severity.LOW, summary="A milder reading.")
    stored = Alert.objects.get()
    assert (alert.severity, stored.severity) == (Severity.CRITICAL, Severity.CRITICAL)
    assert stored.occurrences == 2
    assert stored.summary == "A milder reading."
    assert AlertEvent.objects.filter(what=AlertEventWhat.REPEATED).count() == 1
