"""The pre-dose check goes through the one safety service: pass → in progress; any failed gate → held, with every
reason, and the care team is told (treatment.events)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from anodyne.errors import DomainError
from tests.treatment.session_data import good_check
from treatment import events, services
from treatment.models import SessionStatus, TreatmentSession


@pytest.fixture
def sent():
    """The domain events the service sends, by signal name."""
    received = []

    def catch(signal_name):
        def receiver(sender, **kwargs):
            received.append((signal_name, kwargs))

        return receiver

    receivers = {name: catch(name) for name in ("session_held", "blood_pressure_beyond_limit")}
    for name, receiver in receivers.items():
        getattr(events, name).connect(receiver, weak=False)
    yield received
    for name, receiver in receivers.items():
        getattr(events, name).disconnect(receiver)


def test_a_check_that_passes_every_gate_starts_the_session(ready_patient):
    outcome = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert outcome.result.passed
    assert outcome.session.status == SessionStatus.IN_PROGRESS
    assert outcome.session.planned_dose_mg == 50


def test_blood_pressure_over_the_hold_holds_the_session_and_tells_the_care_team(ready_patient, sent):
    outcome = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(systolic=170, diastolic=105)
    )
    assert outcome.session.status == SessionStatus.HELD
    assert [f["code"] for f in outcome.session.gate_failures] == ["systolic", "diastolic"]
    assert [name for name, _ in sent] == ["session_held", "blood_pressure_beyond_limit"]
    assert sent[0][1]["reasons"] == ["systolic", "diastolic"]


def test_a_systolic_at_the_hold_threshold_passes(ready_patient):
    outcome = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(systolic=160)
    )
    assert outcome.session.status == SessionStatus.IN_PROGRESS


def test_a_second_dose_too_soon_is_held_with_the_time_of_the_next(ready_patient):
    first = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    services.session_log_dose(
        actor=ready_patient.user, session=first.session, dose_mg=50, route="sublingual", taken_at=timezone.now(),
        dissociation=4, pain_after=3,
    )  # fmt: skip
    again = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert again.session.status == SessionStatus.HELD
    assert [f["code"] for f in again.session.gate_failures] == ["interval"]
    assert again.result.next_allowed_at is not None


def test_without_a_signed_consent_the_session_is_held(patient, plan):
    outcome = services.session_check_before_dose(actor=patient.user, patient=patient, check=good_check())
    assert "consent" in [f["code"] for f in outcome.session.gate_failures]


def test_a_signature_of_an_earlier_version_only_holds_the_session(ready_patient, clinic, clinic_admin):
    services.consent_publish(actor=clinic_admin, clinic=clinic, text="Version 2: read it again.")
    held = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert [f["code"] for f in held.session.gate_failures] == ["consent"]


def test_the_gates_read_the_patient_in_the_queries_they_always_read(ready_patient, django_assert_max_num_queries):
    # The patient with every fact the gates need of them (one query, locked), the plan with its doses, this week's
    # doses, the dispenses, the scheduled session — not a query per gate — then the session and its audit row (the
    # chain's lock, the last hash, the row), inside the test's savepoint.
    with django_assert_max_num_queries(11):
        services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())


def test_without_a_plan_the_session_is_held(patient, signed_v1):
    outcome = services.session_check_before_dose(actor=patient.user, patient=patient, check=good_check())
    assert [f["code"] for f in outcome.session.gate_failures] == ["plan_inactive"]


def test_a_paused_plan_holds_the_session(ready_patient, plan, physician):
    services.plan_pause(actor=physician.user, plan=plan, reason="Travelling")
    outcome = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert "plan_inactive" in [f["code"] for f in outcome.session.gate_failures]


def test_an_open_safety_hold_holds_the_session_until_cleared(ready_patient):
    services.safety_hold_open(patient=ready_patient, cause="adverse_event:1")
    held = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert [f["code"] for f in held.session.gate_failures] == ["safety_alert"]
    services.safety_hold_clear(patient=ready_patient, cause="adverse_event:1")
    passed = services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    assert passed.session.status == SessionStatus.IN_PROGRESS


def test_a_missing_sitter_holds_the_session(ready_patient):
    outcome = services.session_check_before_dose(
        actor=ready_patient.user, patient=ready_patient, check=good_check(sitter_present=False, sitter_name="")
    )
    assert [f["code"] for f in outcome.session.gate_failures] == ["sitter"]


def test_an_implausible_reading_is_refused_and_records_nothing(ready_patient):
    with pytest.raises(DomainError, match="Systolic"):
        services.session_check_before_dose(
            actor=ready_patient.user, patient=ready_patient, check=good_check(systolic=1200)
        )
    assert not TreatmentSession.objects.exists()


@pytest.mark.parametrize("who", ["second_patient", "physician", "clinic_admin"])
def test_nobody_logs_a_session_for_someone_else(request, ready_patient, who):
    person = request.getfixturevalue(who)
    with pytest.raises(DomainError, match="Only the patient"):
        services.session_check_before_dose(
            actor=getattr(person, "user", person), patient=ready_patient, check=good_check()
        )
    assert not TreatmentSession.objects.exists()


def test_one_session_in_progress_at_a_time(ready_patient):
    services.session_check_before_dose(actor=ready_patient.user, patient=ready_patient, check=good_check())
    with pytest.raises(DomainError, match="in progress"):
        services.session_check_before_dose(
            actor=ready_patient.user, patient=ready_patient, check=good_check(checked_at=timezone.now() + timedelta(1))
        )
