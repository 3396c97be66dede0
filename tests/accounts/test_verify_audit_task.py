"""The daily task checks the audit chain and logs an error for a broken row."""

import logging

from accounts import audit
from accounts.models import AuditAction
from accounts.tasks import verify_audit_chain
from tests.accounts.audit_helpers import tamper_with_audit_table


def test_an_intact_chain_reports_no_problem(physician, patient):
    audit.record(AuditAction.VIEW, actor=physician.user, object_type="patient", object_id=patient.pk, patient=patient)
    assert verify_audit_chain() == 0


def test_a_broken_chain_is_logged_as_an_error(physician, patient, caplog):
    row = audit.record(
        AuditAction.VIEW, actor=physician.user, object_type="patient", object_id=patient.pk, patient=patient
    )
    tamper_with_audit_table("UPDATE accounts_auditevent SET object_id = '999' WHERE id = %s", [row.pk])
    with caplog.at_level(logging.ERROR, logger="accounts.tasks"):
        assert verify_audit_chain() == 1
    assert f"audit trail broken at event {row.pk}" in caplog.text
