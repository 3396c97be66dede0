"""Import patients from a CSV file: every row becomes a patient invitation, all of them or none.

The clinic admin uploads the file and sees every row's problems in plain words (`patient_import_check`, a read);
only a file without problems can be imported (`patient_import`, one transaction that checks again). Each patient
then sets their own password by accepting their invitation, which creates the account (accounts.invitations).

Built for files of thousands of rows: one query for the addresses that already have an account, one for open
invitations, one for the physicians; invitations are bulk-inserted, audit rows written as one batch, and the
emails go out after the commit over one mail connection.
"""

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from accounts import audit
from accounts.invitations import (
    clean_condition,
    clean_date_of_birth,
    clean_email,
    clean_full_name,
    clean_phone,
    clean_time_zone,
    email_after_commit,
)
from accounts.models import AuditAction, Condition, Invitation, Physician, Role, User
from anodyne.errors import DomainError

COLUMNS = ("email", "full_name", "date_of_birth", "time_zone", "primary_condition", "phone", "physician_email")
OPTIONAL_COLUMNS = ("phone",)
MAX_ROWS = 10_000
INSERT_BATCH = 1000


@dataclass
class ImportRow:
    """One data row: `line` is its row number in a spreadsheet (the header is row 1)."""

    line: int
    values: dict[str, str]
    problems: list[str] = field(default_factory=list)
    email: str = ""
    full_name: str = ""
    date_of_birth: str = ""
    time_zone: str = ""
    primary_condition: str = ""
    phone: str = ""
    physicians: list[Physician] = field(default_factory=list)

    @property
    def condition_label(self) -> str:
        return Condition(self.primary_condition).label if self.primary_condition else ""

    def profile(self) -> dict:
        return {
            "date_of_birth": self.date_of_birth,
            "time_zone": self.time_zone,
            "primary_condition": self.primary_condition,
            "phone": self.phone,
            "physician_ids": sorted({p.pk for p in self.physicians}),
        }


@dataclass
class ImportCheck:
    rows: list[ImportRow]

    @property
    def problem_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if row.problems]

    @property
    def good_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.problems]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problem_rows


class ImportRefused(DomainError):
    """Rows have problems: nothing was imported. `check` says which."""

    def __init__(self, check: ImportCheck):
        count = len(check.problem_rows)
        super().__init__(
            f"{count} row{'s' if count != 1 else ''} of the file {'have' if count != 1 else 'has'} problems; "
            "nothing was imported.",
            code="rows",
        )
        self.check = check


def csv_rows(data: bytes) -> list[dict]:
    """The file's data rows as {"line": row number, column: text}; a file we cannot read is a DomainError."""
    try:
        text = data.decode("utf-8-sig")  # spreadsheets often start UTF-8 files with a byte-order mark
    except UnicodeDecodeError:
        raise DomainError("The file is not UTF-8 text: save it from your spreadsheet as “CSV UTF-8”.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise DomainError(f"The file is not a CSV file we can read ({error}).") from None
    if not header:
        raise DomainError("The file is empty.")
    missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL_COLUMNS]
    if missing:
        raise DomainError(
            f"The first row must name the columns; missing: {', '.join(missing)}. Expected: {', '.join(COLUMNS)}."
        )
    reader.fieldnames = header
    rows = []
    try:
        for record in reader:
            extra = record.pop(None, None)
            values = {c: (record.get(c) or "").strip() for c in COLUMNS}
            if not any(values.values()) and not extra:
                continue  # a blank line, or a spreadsheet's empty row of commas
            values["line"] = reader.line_num
            if extra and any(v.strip() for v in extra):
                values["extra_columns"] = True
            rows.append(values)
            if len(rows) > MAX_ROWS:
                raise DomainError(f"The file has more than {MAX_ROWS:,} patients: split it into smaller files.")
    except csv.Error as error:
        raise DomainError(f"Row {reader.line_num} cannot be read as CSV ({error}).") from None
    if not rows:
        raise DomainError("The file has a header row but no patients.")
    return rows


def patient_import_check(*, actor: User, rows: list[dict]) -> ImportCheck:
    """Every row's problems in plain words, and the clean values of the rows that have none. Reads only."""
    _check_may_import(actor)
    emails = set()
    physician_emails = set()
    for row in rows:
        emails.add(row.get("email", "").strip().lower())
        physician_emails.update(_split_emails(row.get("physician_email", "")))
    # Three queries whatever the number of rows.
    with_account = set(
        User.objects.annotate(email_lower=Lower("email"))
        .filter(email_lower__in=emails)
        .values_list("email_lower", flat=True)
    )
    with_invitation = set(
        Invitation.objects.annotate(email_lower=Lower("email"))
        .filter(clinic_id=actor.clinic_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .filter(email_lower__in=emails)
        .values_list("email_lower", flat=True)
    )
    physicians = {
        p.email_lower: p
        for p in Physician.objects.annotate(email_lower=Lower("user__email"))
        .filter(clinic_id=actor.clinic_id, email_lower__in=physician_emails)
        .select_related("user")
    }
    clinic_name = actor.clinic.name
    today = timezone.localdate()
    first_line_of = {}
    checked = []
    for values in rows:
        row = ImportRow(line=values["line"], values=values)
        if values.get("extra_columns"):
            row.problems.append("The row has more columns than the header.")
        for name, check in [
            ("email", clean_email),
            ("full_name", clean_full_name),
            ("date_of_birth", lambda v: clean_date_of_birth(v, today=today).isoformat()),
            ("time_zone", clean_time_zone),
            ("primary_condition", clean_condition),
            ("phone", clean_phone),
        ]:
            try:
                setattr(row, name, check(values.get(name, "")))
            except DomainError as error:
                row.problems.append(error.message)
        if row.email:
            if row.email in first_line_of:
                row.problems.append(f"The same email as row {first_line_of[row.email]}.")
            else:
                first_line_of[row.email] = row.line
            if row.email in with_account:
                row.problems.append(f"An account with this email already exists ({row.email}).")
            elif row.email in with_invitation:
                row.problems.append(f"{row.email} already has an open invitation to this clinic.")
        wanted = _split_emails(values.get("physician_email", ""))
        if not wanted:
            row.problems.append("Physician email is missing.")
        for email in wanted:
            physician = physicians.get(email)
            # A physician of another clinic gets the same answer as an unknown address: nobody learns who works
            # at another clinic.
            if physician is None:
                row.problems.append(f"{email} is not a physician of {clinic_name}.")
            elif not physician.user.is_active:
                row.problems.append(f"{physician} ({email}) is deactivated and cannot join a care team.")
            elif physician not in row.physicians:
                row.physicians.append(physician)
        checked.append(row)
    return ImportCheck(rows=checked)


def patient_import(*, actor: User, rows: list[dict], base_url: str) -> list[Invitation]:
    """Invite every patient of the file, or nobody: the rows are checked again inside the transaction, and any
    problem (or an address invited by someone else meanwhile) leaves the database as it was."""
    try:
        with transaction.atomic():
            check = patient_import_check(actor=actor, rows=rows)
            if not check.ok:
                raise ImportRefused(check)
            now = timezone.now()
            expires_at = now + timedelta(days=settings.ANODYNE_INVITATION_DAYS)
            tokens = [Invitation.new_token() for _ in check.rows]
            invitations = Invitation.objects.bulk_create(
                [
                    Invitation(
                        clinic_id=actor.clinic_id,
                        email=row.email,
                        full_name=row.full_name,
                        role=Role.PATIENT,
                        invited_by=actor,
                        token_hash=Invitation.hash_token(token),
                        profile=row.profile(),
                        created_at=now,
                        expires_at=expires_at,
                    )
                    for row, token in zip(check.rows, tokens, strict=True)
                ],
                batch_size=INSERT_BATCH,
            )
            audit.record_many(
                [
                    audit.event(
                        AuditAction.IMPORT,
                        actor=actor,
                        object_type="patient_import",
                        object_id=_digest(rows),
                        detail=f"{len(invitations)} patient invitations",
                    )
                ]
                + [
                    audit.event(
                        AuditAction.INVITE,
                        actor=actor,
                        object_type="invitation",
                        object_id=invitation.pk,
                        detail="role patient, CSV import",
                    )
                    for invitation in invitations
                ]
            )
            email_after_commit(
                list(zip(invitations, tokens, strict=True)), clinic_name=actor.clinic.name, base_url=base_url
            )
    except IntegrityError:
        raise DomainError(
            "Someone invited one of these patients while the file was being imported; nothing was imported. "
            "Check the file again."
        ) from None
    return invitations


def _check_may_import(actor: User) -> None:
    if not (actor.is_authenticated and actor.is_active and actor.role == Role.CLINIC_ADMIN):
        raise DomainError("Only a clinic admin can import patients.", code="forbidden")


def _split_emails(value: str) -> list[str]:
    return [part.strip().lower() for part in (value or "").split(";") if part.strip()]


def _digest(rows: list[dict]) -> str:
    """Names the imported file in the audit trail without keeping any of its contents."""
    return hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
