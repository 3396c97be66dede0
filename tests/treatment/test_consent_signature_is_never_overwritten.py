"""A signature is kept as given: signing again keeps the one row, and the database refuses to change or delete it."""

import pytest
from django.conf import settings
from django.db import DatabaseError, transaction

from accounts.models import AuditEvent
from treatment import services
from treatment.models import ConsentSignature, ConsentVersion

postgres_only = pytest.mark.skipif(not settings.POSTGRES_AVAILABLE, reason="the append-only triggers are PostgreSQL's")


def test_signing_the_same_version_twice_keeps_one_row(patient, consent_v1, signed_v1):
    again = services.consent_sign(patient_user=patient.user, consent_version=consent_v1, typed_name="MAYA PATEL")
    assert again.pk == signed_v1.pk
    assert ConsentSignature.objects.count() == 1
    assert ConsentSignature.objects.get().typed_name == "Maya Patel"
    assert AuditEvent.objects.filter(object_type="consent_signature").count() == 1


@postgres_only
def test_the_database_refuses_to_change_a_signature(signed_v1):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ConsentSignature.objects.filter(pk=signed_v1.pk).update(typed_name="Someone Else")


@postgres_only
def test_the_database_refuses_to_delete_a_signature(signed_v1):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ConsentSignature.objects.filter(pk=signed_v1.pk).delete()


@postgres_only
def test_the_database_refuses_to_change_a_published_text(consent_v1):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ConsentVersion.objects.filter(pk=consent_v1.pk).update(text="Something else")
