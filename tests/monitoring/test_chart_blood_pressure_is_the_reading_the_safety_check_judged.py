"""When the patient measured again before dosing, the safety check judged the second reading: the chart's blood
pressure chart plots that one and says so, and the timeline gives both."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from treatment.models import SessionStatus, TreatmentSession


def test_the_second_reading_is_plotted(client, patient, physician):
    TreatmentSession.objects.create(
        patient=patient,
        status=SessionStatus.HELD,
        checked_at=timezone.now() - dt.timedelta(hours=1),
        systolic=172,
        diastolic=96,
        heart_rate=80,
        remeasured_systolic=166,
        remeasured_diastolic=88,
        remeasured_heart_rate=76,
        gate_failures=[{"code": "systolic", "message": "Your blood pressure is 166/88."}],
    )
    client.force_login(physician.user)
    page = client.get(reverse("patient_chart", kwargs={"patient_pk": patient.pk})).content.decode()
    bp = page.split('aria-labelledby="chart-bp-heading"', 1)[1].split("</section>", 1)[0]
    assert "latest 166/88 mmHg" in bp
    assert "<td>166</td><td>88</td><td>76</td><td>held (second reading)</td>" in bp
    assert "BP 166/88 mmHg, heart rate 76/min" in page
    assert "measured again; first 172/96, 80/min" in page
