"""`audit.written_at_the_end()`: a write's audit events are chained and written together just before it commits, so
the chain's lock is held from the last write to the commit only (the API's writes, api/idempotency.py). Nothing is
lost: the events are the same rows in the same order, an error drops them with the rest of the work, and writers in
parallel still make one unbroken chain (real PostgreSQL, threads with their own connections)."""

import threading

import pytest
from django.db import connection, transaction

from accounts import audit
from accounts.models import AuditAction, AuditEvent
from tests.factories import PatientFactory


def view(actor, patient, detail=""):
    return audit.record(
        AuditAction.VIEW, actor=actor, object_type="patient", object_id=patient.pk, patient=patient, detail=detail
    )


@pytest.mark.django_db
def test_the_events_are_written_in_order_when_the_block_ends(physician, patient):
    before = AuditEvent.objects.count()
    with transaction.atomic(), audit.written_at_the_end():
        view(physician.user, patient, "first")
        with audit.written_at_the_end():  # nested: one block
            view(physician.user, patient, "second")
        assert AuditEvent.objects.count() == before  # not yet: the lock is not taken yet either
        view(physician.user, patient, "third")
    written = list(AuditEvent.objects.order_by("pk")[before:])
    assert [event.detail for event in written] == ["first", "second", "third"]
    assert audit.verify_chain() == (AuditEvent.objects.count(), [])


@pytest.mark.django_db
def test_an_error_drops_the_events_with_the_work(physician, patient):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic(), audit.written_at_the_end():
        view(physician.user, patient, "rolled back")
        raise RuntimeError("the write failed")
    view(physician.user, patient, "after")  # outside any block: written at once, as before
    assert list(AuditEvent.objects.order_by("pk").values_list("detail", flat=True)[before:]) == ["after"]


@pytest.mark.django_db(transaction=True)
def test_writers_in_parallel_make_one_unbroken_chain(physician, clinic):
    patients = PatientFactory.create_batch(4, clinic=clinic, care_team=[physician])
    start = threading.Barrier(len(patients), timeout=30)
    failures = []

    def write(patient):
        try:
            start.wait()
            for n in range(5):
                with transaction.atomic(), audit.written_at_the_end():
                    view(physician.user, patient, f"{patient.pk}:{n}:a")
                    view(physician.user, patient, f"{patient.pk}:{n}:b")
        except Exception as error:  # surfaced below: an assertion in a thread would be lost
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(patient,)) for patient in patients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    details = list(AuditEvent.objects.filter(detail__contains=":").order_by("pk").values_list("detail", flat=True))
    assert len(details) == 40
    for n, detail in enumerate(details[::2]):  # each write's two events are next to each other, in order
        assert details[2 * n + 1] == detail[:-1] + "b", details
    checked, problems = audit.verify_chain()
    assert problems == [] and checked == AuditEvent.objects.count()
