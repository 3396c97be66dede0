"""The patients a benchmark needs, written in bulk: accounts, verified email addresses, patient records and the care
team (shared by bench/roster.py, bench/dashboard.py and bench/api_write.py)."""

from datetime import date

import setup_django  # noqa: F401  (configures Django: must come before any Django import)
from allauth.account.models import EmailAddress

from accounts.models import CareTeamMembership, Condition, Patient, Physician, Role, User


def patients_of(physician: Physician, count: int, *, email: str, name: str, password: str) -> list[Patient]:
    """`count` patients of `physician`'s clinic on their care team; `email` and `name` are formats of n (0, 1, …),
    e.g. "p{n:05d}@bench.example". Ages, conditions and the time zone vary as a clinic's would (no clinical meaning)."""
    clinic = physician.clinic
    users = User.objects.bulk_create(
        User(email=email.format(n=n), full_name=name.format(n=n), role=Role.PATIENT, clinic=clinic, password=password)
        for n in range(count)
    )
    EmailAddress.objects.bulk_create(EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users)
    conditions = Condition.values
    patients = Patient.objects.bulk_create(
        Patient(user=user, clinic=clinic, date_of_birth=date(1950 + n % 50, 1 + n % 12, 1 + n % 28),
                time_zone="America/New_York", primary_condition=conditions[n % len(conditions)])
        for n, user in enumerate(users)
    )  # fmt: skip
    CareTeamMembership.objects.bulk_create(
        CareTeamMembership(patient=patient, physician=physician, clinic=clinic) for patient in patients
    )
    return patients
