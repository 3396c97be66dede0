"""Every list of the physician's and the clinic admin's API answers in the same number of queries with 10 rows or
200 (all of them on one page: `page_size=200`): related rows come with the page's own query or one prefetch, and
the audit of the patients shown is one batch. test_every_staff_list_is_counted fails for a list added without a
row here."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import audit
from accounts.models import AuditAction, AuditEvent, Invitation, Patient, Role, User
from monitoring.models import SEVERITY_RANK, Alert, AlertKind, ClinicalNote, ClinicalNoteAddendum, Severity
from tests.api.staff_data import login
from tests.factories import PatientFactory, PhysicianFactory
from tests.monitoring.outcome_data import response
from tests.monitoring.review_data import completed
from tests.treatment.plan_data import PLAN
from treatment import services
from treatment.models import Addendum, Dispense, PlanVersion, SupplyCount, TreatmentSession

pytestmark = pytest.mark.django_db


def _patients(cast, target):
    for number in range(Patient.objects.visible_to(cast["physician"].user).count(), target):
        patient = PatientFactory(clinic=cast["clinic"], care_team=[cast["physician"]])
        response(patient, "peg3", 7, timezone.now() - dt.timedelta(days=number % 30 + 1))
        completed(patient, days_ago=number % 20 + 1)


def _alerts(cast, target):
    severities = list(Severity.values)
    Alert.objects.bulk_create(
        Alert(
            patient=cast["patient"],
            clinic=cast["clinic"],
            kind=AlertKind.DOSE_HELD,
            severity=severities[number % 4],
            severity_rank=SEVERITY_RANK[severities[number % 4]],
            cause=f"session:{number}",
            summary=f"Alert {number}.",
        )
        for number in range(Alert.objects.count(), target)
    )


def _sessions(cast, target):
    for number in range(TreatmentSession.objects.count(), target):
        completed(cast["patient"], days_ago=1 + number / 10)


def _notes(cast, target):
    now = timezone.now()
    made = ClinicalNote.objects.bulk_create(
        ClinicalNote(
            patient=cast["patient"],
            clinic=cast["clinic"],
            author=cast["physician"].user,
            text=f"Note {number}.",
            created_at=now,
            updated_at=now,
            signed_at=now,
        )
        for number in range(ClinicalNote.objects.count(), target)
    )
    ClinicalNoteAddendum.objects.bulk_create(
        ClinicalNoteAddendum(note=note, author=cast["physician"].user, text="Addendum.") for note in made
    )


def _plan_versions(cast, target):
    plan = cast["patient"].treatment_plans.first()
    if plan is None:
        plan = services.plan_create(actor=cast["physician"].user, patient=cast["patient"], reason="Start", **PLAN)
    first = plan.versions.get(number=1)
    fields = {name: getattr(first, name) for name in PlanVersion.CLINICAL_FIELDS}
    PlanVersion.objects.bulk_create(
        PlanVersion(plan=plan, number=number + 1, author=cast["physician"].user, reason=f"Change {number}", **fields)
        for number in range(PlanVersion.objects.count(), target)
    )


def _dispenses(cast, target):
    made = Dispense.objects.bulk_create(
        Dispense(
            patient=cast["patient"],
            recorded_by=cast["clinic_admin"],
            dispensed_on=dt.date(2026, 1, 1) + dt.timedelta(days=number),
            pharmacy="Main St Pharmacy",
            units=30,
            strength_mg_per_unit=Decimal(50),
        )
        for number in range(Dispense.objects.count(), target)
    )
    Addendum.objects.bulk_create(
        Addendum(
            patient=cast["patient"],
            record_type=Addendum.RecordType.DISPENSE,
            dispense=dispense,
            author=cast["physician"].user,
            reason="Label",
            text="Strength on the label.",
        )
        for dispense in made
    )


def _counts(cast, target):
    SupplyCount.objects.bulk_create(
        SupplyCount(patient=cast["patient"], counted_by=cast["physician"].user, units_on_hand=Decimal(number))
        for number in range(SupplyCount.objects.count(), target)
    )


def _invitations(cast, target):
    expires = timezone.now() + dt.timedelta(days=7)
    Invitation.objects.bulk_create(
        Invitation(
            clinic=cast["clinic"],
            email=f"invitee{number}@example.org",
            full_name=f"Invitee {number}",
            role=Role.PHYSICIAN,
            invited_by=cast["clinic_admin"],
            token_hash=Invitation.hash_token(f"token-{number}"),
            expires_at=expires,
        )
        for number in range(Invitation.objects.count(), target)
    )


def _staff(cast, target):
    staff = User.objects.filter(clinic=cast["clinic"], role__in=[Role.PHYSICIAN, Role.CLINIC_ADMIN])
    for number in range(staff.count(), target):
        PhysicianFactory(clinic=cast["clinic"], user__full_name=f"Physician {number:03d}")


def _audit_events(cast, target):
    audit.record_many(
        audit.event(AuditAction.VIEW, actor=cast["physician"].user, object_type="patient", patient=cast["patient"])
        for _ in range(AuditEvent.objects.filter(clinic=cast["clinic"]).count(), target)
    )


# name -> (who reads, URL keywords, how to add rows, queries). The queries common to every request: the session;
# the user; their authenticator twice (the staff middleware, then the API's permission).
LISTS = {
    # + the clinic (its time zone, for "today"); the page of the roster with every column (one query of
    # subqueries); the audit batch of the patients listed (chain lock, last hash, insert).
    "patient_list": ("physician", {}, _patients, 9),
    # + the page of alerts with their patients and people; the audit batch of their patients.
    "alert_list": ("physician", {}, _alerts, 8),
    # + the page of sessions with their patients, remarkable flags and side effects; the audit batch.
    "review_queue": ("physician", {}, _sessions, 8),
    # + the patient, their care team (patient_get), its audit row; the page of notes; their addenda with authors.
    "patient_notes": ("physician", {"patient_pk": "patient"}, _notes, 11),
    # + the patient, their care team, its audit row; the page of versions with their plans and authors.
    "patient_plan_versions": ("physician", {"patient_pk": "patient"}, _plan_versions, 10),
    # + the patient, their care team, its audit row; the page of dispenses; their addenda; the addenda's authors.
    "patient_dispenses": ("clinic_admin", {"patient_pk": "patient"}, _dispenses, 12),
    # + the patient, their care team, its audit row; the page of counts with who counted.
    "patient_counts": ("physician", {"patient_pk": "patient"}, _counts, 10),
    # + the page of invitations with who sent and who accepted each.
    "invitation_list": ("clinic_admin", {}, _invitations, 5),
    # + the page of staff with their physician profiles, authenticators and patient counts.
    "staff_list": ("clinic_admin", {}, _staff, 5),
    # + the page of audit events with their actors and patients; the audit of the reading itself.
    "audit_log": ("clinic_admin", {}, _audit_events, 8),
}


def test_every_staff_list_is_counted():
    from api import staff_views
    from api.urls import urlpatterns

    lists = {
        entry.name
        for entry in urlpatterns
        if getattr(getattr(entry, "callback", None), "cls", None) is not None
        and issubclass(entry.callback.cls, staff_views._List)
    }
    assert lists == set(LISTS)


@pytest.fixture
def cast(clinic, patient, physician, clinic_admin):
    return {"clinic": clinic, "patient": patient, "physician": physician, "clinic_admin": clinic_admin}


def _read(client, url):
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url, {"page_size": 200})
    assert answer.status_code == 200, answer.content
    return len(queries.captured_queries), answer.json()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_list_costs_the_same_queries_at_10_and_200_rows(client, cast, name):
    reader, keywords, add, expected = LISTS[name]
    login(client, cast[reader])
    url = reverse(f"api:{name}", kwargs={keyword: cast[who].pk for keyword, who in keywords.items()})
    client.get(url)  # the session's first request starts its clock (one more write)

    add(cast, 10)
    small, page = _read(client, url)
    assert len(page["results"]) == 10
    assert small == expected

    add(cast, 200)
    large, page = _read(client, url)
    assert len(page["results"]) == 200
    assert large == small
