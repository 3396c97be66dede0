"""An acknowledged alert raised again at a higher severity is open again: a physician acknowledged the lesser alert,
not this one. A repeat at the same severity stays acknowledged."""

from monitoring import services
from monitoring.models import AlertStatus, Severity
from tests.monitoring.conftest import raise_alert


def test_a_higher_severity_repeat_reopens_an_acknowledged_alert(patient, physician):
    alert = raise_alert(patient, severity=Severity.HIGH)
    services.alert_acknowledge(actor=physician.user, alert=alert)

    alert = raise_alert(patient, severity=Severity.CRITICAL)

    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN
    assert alert.severity == Severity.CRITICAL
    assert (alert.acknowledged_at, alert.acknowledged_by) == (None, None)
    # The acknowledgement stays in the history.
    assert list(alert.events.values_list("what", "actor")) == [
        ("raised", None),
        ("acknowledged", physician.user.pk),
        ("severity_raised", None),
    ]


def test_a_same_severity_repeat_stays_acknowledged(patient, physician):
    alert = raise_alert(patient, severity=Severity.HIGH)
    services.alert_acknowledge(actor=physician.user, alert=alert)

    raise_alert(patient, severity=Severity.HIGH)

    alert.refresh_from_db()
    assert alert.status == AlertStatus.ACKNOWLEDGED
    assert alert.acknowledged_by == physician.user
    assert alert.occurrences == 2
