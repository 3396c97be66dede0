"""A screen with a "yes" raises an eligibility-review alert for the care team — high with a contraindication,
medium otherwise, named by no item — that shows on the care team's dashboard, and the review that decides the
screen resolves it with the reviewing physician and a plain note."""

import html

from django.urls import reverse

from monitoring.models import Alert, AlertKind, AlertStatus, Severity
from tests.factories import PatientFactory
from tests.treatment.eligibility_data import answered_screen
from treatment import eligibility_services


def test_a_yes_with_a_contraindication_raises_a_high_alert_on_the_dashboard_until_reviewed(
    client, clinic, physician, other_physician
):
    patient = PatientFactory(clinic=clinic, user__full_name="Maya Patel", care_team=[physician], cleared=False)
    screen = answered_screen(patient, "htn_uncontrolled", "sud")

    alert = Alert.objects.get(patient=patient)
    assert (alert.kind, alert.severity, alert.cause, alert.status) == (
        AlertKind.ELIGIBILITY_REVIEW,
        Severity.HIGH,
        f"eligibility:{screen.pk}",
        AlertStatus.OPEN,
    )
    assert alert.summary == ("Eligibility screen to review: 2 answers need a physician's review (1 contraindication).")
    client.force_login(physician.user)
    body = html.unescape(client.get(reverse("dashboard")).content.decode())
    assert alert.summary in body
    assert reverse("eligibility_review", kwargs={"patient_pk": patient.pk}) in body
    client.force_login(other_physician.user)
    assert alert.summary not in html.unescape(client.get(reverse("dashboard")).content.decode())

    eligibility_services.eligibility_review(
        actor=physician.user,
        screen=screen,
        item="htn_uncontrolled",
        decision="proceed",
        note="Home readings 128/80 on two drugs.",
        reason_to_proceed="Controlled now; the pre-dose hold at 160/90 stays.",
    )
    alert.refresh_from_db()
    assert alert.status == AlertStatus.OPEN  # one "yes" is still waiting

    eligibility_services.eligibility_review(
        actor=physician.user, screen=screen, item="sud", decision="proceed", note="In remission for 2 years."
    )
    alert.refresh_from_db()
    assert (alert.status, alert.resolved_by, alert.resolution_note) == (
        AlertStatus.RESOLVED,
        physician.user,
        "Eligibility screen reviewed: cleared.",
    )
    client.force_login(physician.user)
    assert alert.summary not in html.unescape(client.get(reverse("dashboard")).content.decode())


def test_a_yes_without_a_contraindication_raises_a_medium_alert(clinic, physician):
    patient = PatientFactory(clinic=clinic, care_team=[physician], cleared=False)
    screen = answered_screen(patient, "glaucoma")
    alert = Alert.objects.get(patient=patient, kind=AlertKind.ELIGIBILITY_REVIEW)
    assert alert.severity == Severity.MEDIUM
    assert alert.summary == "Eligibility screen to review: 1 answer needs a physician's review."
    assert "glaucoma" not in alert.summary.lower()

    eligibility_services.eligibility_review(
        actor=physician.user, screen=screen, item="glaucoma", decision="do_not_proceed", note="Angle-closure."
    )
    alert.refresh_from_db()
    assert (alert.status, alert.resolution_note) == (AlertStatus.RESOLVED, "Eligibility screen reviewed: not cleared.")
