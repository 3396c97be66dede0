"""The My data page reads the latest accesses to the record in one query: the same count for 2 accesses as for 40."""

import pytest
from django.urls import reverse

from accounts import audit
from accounts.models import AuditAction

# The request's: the session and the user (2) — no consent check: these pages stay open before signing
# (treatment.middleware); request.user.patient
# and patient_get with its care team (3); the audit row of the page view (the chain's lock, its last
# hash, insert: 3); the latest accesses with their staff (1); the clinic of the footer's emergency number
# (1); saving the session (3).
QUERIES = 13


@pytest.mark.parametrize("count", [2, 40])
def test_the_page_queries_do_not_grow(client, patient, physician, clinic_admin, django_assert_num_queries, count):
    audit.record_many(
        audit.event(AuditAction.VIEW, actor=physician.user if n % 2 else clinic_admin, object_type="patient",
                    object_id=patient.pk, patient=patient)
        for n in range(count)
    )  # fmt: skip
    client.force_login(patient.user)
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("my_data"))
    assert len(response.context["accesses"]) == min(count, 20)
