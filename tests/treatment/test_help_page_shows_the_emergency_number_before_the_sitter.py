"""The page the patient sees after pressing "I need help" leads with the emergency number (a tel: link), then the
sitter's name and phone, then the clinic's phone, then "Your care team has been told." Even when the request cannot
be recorded, the emergency number still comes first."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from tests.treatment.help_data import session_in_progress
from treatment import services
from treatment.models import HelpRequest


def _positions(body: str, *parts: str) -> list[int]:
    positions = [body.find(part) for part in parts]
    assert -1 not in positions, [part for part, at in zip(parts, positions, strict=True) if at == -1]
    return positions


def test_emergency_then_sitter_then_clinic_then_told(client, clinic, ready_patient):
    clinic.contact_phone = "+1 555 0100"
    clinic.save(update_fields=["contact_phone"])
    session = session_in_progress(ready_patient)
    client.force_login(ready_patient.user)
    body = client.post(reverse("session_help", kwargs={"session_pk": session.pk})).content.decode()
    main = body[body.index('<main id="main"') :]
    positions = _positions(
        main,
        f'href="tel:{clinic.emergency_number}"',
        "Sam Patel",
        'href="tel:+15550101"',
        'href="tel:+15550100"',
        "Your care team has been told.",
    )
    assert positions == sorted(positions)
    assert main.index(f"tel:{clinic.emergency_number}") < main.index("<h2")  # before any other section


def test_a_refused_request_still_leads_with_the_emergency_number(client, clinic, ready_patient):
    session = session_in_progress(ready_patient)
    services.session_log_dose(
        actor=ready_patient.user, session=session, dose_mg=Decimal(50), route="sublingual",
        taken_at=timezone.now(), dissociation=3, pain_after=2,
    )  # fmt: skip
    client.force_login(ready_patient.user)
    body = client.post(reverse("session_help", kwargs={"session_pk": session.pk})).content.decode()
    main = body[body.index('<main id="main"') :]
    emergency, refused = _positions(main, f'href="tel:{clinic.emergency_number}"', "was not told through Anodyne")
    assert emergency < refused
    assert "Your care team has been told." not in main


def test_opened_without_pressing_it_shows_the_numbers_and_the_button_and_tells_nobody(client, clinic, ready_patient):
    session = session_in_progress(ready_patient)
    client.force_login(ready_patient.user)
    body = client.get(reverse("session_help", kwargs={"session_pk": session.pk})).content.decode()
    main = body[body.index('<main id="main"') :]
    emergency, sitter, button = _positions(
        main, f'href="tel:{clinic.emergency_number}"', 'href="tel:+15550101"', ">I need help</button>"
    )
    assert emergency < sitter < button
    assert "Your care team has been told." not in main
    assert not HelpRequest.objects.exists()
