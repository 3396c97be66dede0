"""What someone with the database owner's rights could do to the audit table, for tests that must catch it."""

from django.db import connection


def tamper_with_audit_table(sql: str, params: list) -> None:
    """Switch the append-only trigger off, run `sql`, switch it back on (PostgreSQL); plain SQL elsewhere."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE waits for no deferred check
            cursor.execute("ALTER TABLE accounts_auditevent DISABLE TRIGGER accounts_auditevent_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE accounts_auditevent ENABLE TRIGGER accounts_auditevent_append_only")
