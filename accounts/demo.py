"""The demo clinic's people: a clinic admin, physicians and N patients with care teams. Safe to run twice.

Used by `manage.py seed_demo` (monitoring/management/commands/seed_demo.py, which adds the treatment history and the
oversight records).

Who oversees whom (deterministic: a patient's physician depends only on their number, so seeding more patients
later never moves anyone):
- patients 1-12 are the small demo of `make run`: they alternate between Dr. Rivera and Dr. Okafor, and every third
  one is seen by both;
- patients 13 onwards (`seed_demo --patients 1000`) go to the clinic's other physicians in blocks of
  PATIENTS_PER_PHYSICIAN consecutive patients (patients 13-262 to Dr. Chen, 263-512 to Dr. Santos, …), so that a
  physician with a large roster exists — 250 patients each at 1,000 — while the two demo physicians keep their
  small rosters. Those physicians are created only when a patient needs them.

The clinic and its staff are written through accounts.services. Patients are inserted in bulk instead, with the
same rows `services.patient_create` writes (the user, a verified primary email address, the patient, the
care-team memberships; that service writes no audit row): the service hashes each password (Argon2, about 0.2 s
a patient on a 2-core machine, over three minutes for 1,000), while the demo hashes its one password once and
every patient shares that hash.
"""

from datetime import date

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db.models import Count

from accounts import services
from accounts.models import CareTeamMembership, Clinic, Condition, Patient, PatientStatus, Physician, Role, User

DEMO_PASSWORD = "anodyne-demo"
DEMO_CLINIC_SLUG = "sunrise-pain-clinic"
DEMO_DOMAIN = "sunrise.example"

PHYSICIANS = [
    # (email, name, licence number, state, board certification)
    (f"dr.rivera@{DEMO_DOMAIN}", "Elena Rivera", "A123456", "CA", "Anesthesiology — Pain Medicine"),
    (f"dr.okafor@{DEMO_DOMAIN}", "Daniel Okafor", "ME98765", "NY", "Physical Medicine and Rehabilitation"),
]
# The demo of `make run`: its patients belong to the two physicians above.
SMALL_DEMO_PATIENTS = 12
# Beyond the small demo, each of these physicians takes the next block of this many patients, in this order
# (cycling when there are more blocks than physicians).
PATIENTS_PER_PHYSICIAN = 250
ROSTER_PHYSICIANS = [
    (f"dr.chen@{DEMO_DOMAIN}", "Wei Chen", "MD60418", "WA", "Neurology — Headache Medicine"),
    (f"dr.santos@{DEMO_DOMAIN}", "Ana Santos", "Q72215", "TX", "Anesthesiology — Pain Medicine"),
    (f"dr.kowalski@{DEMO_DOMAIN}", "Marta Kowalski", "036.148210", "IL", "Physical Medicine and Rehabilitation"),
    (f"dr.adeyemi@{DEMO_DOMAIN}", "Tunde Adeyemi", "MD081734", "GA", "Psychiatry — Pain Medicine"),
    (f"dr.lindqvist@{DEMO_DOMAIN}", "Sofia Lindqvist", "MD0052917", "MN", "Anesthesiology — Pain Medicine"),
    (f"dr.haddad@{DEMO_DOMAIN}", "Karim Haddad", "MD420771", "MI", "Neurology — Pain Medicine"),
]
# 25 first names and 24 last names: coprime lengths, so the first 600 patients all have different names.
FIRST_NAMES = [
    "Maya",
    "James",
    "Priya",
    "Tom",
    "Lucia",
    "Samuel",
    "Grace",
    "Omar",
    "Hannah",
    "Diego",
    "Aiko",
    "Ben",
    "Fatima",
    "Noah",
    "Chloe",
    "Arjun",
    "Rosa",
    "Elijah",
    "Mei",
    "Kwame",
    "Isabel",
    "Lars",
    "Amara",
    "Jonah",
    "Leila",
]
LAST_NAMES = [
    "Patel",
    "Nguyen",
    "Johnson",
    "Garcia",
    "Kim",
    "Brown",
    "Silva",
    "Haddad",
    "Müller",
    "Lopez",
    "Okonkwo",
    "Rossi",
    "Cohen",
    "Novak",
    "Tanaka",
    "Murphy",
    "Ahmed",
    "Jensen",
    "Moreau",
    "Walker",
    "Kowalczyk",
    "Reyes",
    "Singh",
    "O'Brien",
]
TIME_ZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Phoenix",
]


def seed_clinic(patient_count: int) -> Clinic:
    """The clinic, its admin, its physicians and `patient_count` patients; existing ones are kept."""
    clinic = Clinic.objects.filter(slug=DEMO_CLINIC_SLUG).first() or services.clinic_create(
        name="Sunrise Pain Clinic",
        slug=DEMO_CLINIC_SLUG,
        time_zone="America/New_York",
        contact_phone="+1 555 0100",
    )
    if not User.objects.filter(email=f"admin@{DEMO_DOMAIN}").exists():
        services.clinic_admin_create(
            clinic=clinic,
            email=f"admin@{DEMO_DOMAIN}",
            full_name="Alex Morgan",
            password=DEMO_PASSWORD,
            email_verified=True,
        )
    demo_physicians = [_physician(clinic, *row) for row in PHYSICIANS]
    roster_physicians = {}  # block number -> Physician, created when a patient needs one

    def care_team(index: int) -> list[Physician]:
        if index < SMALL_DEMO_PATIENTS:
            # Every third patient is seen by both physicians; the others alternate between them.
            return demo_physicians if index % 3 == 2 else [demo_physicians[index % 2]]
        block = ((index - SMALL_DEMO_PATIENTS) // PATIENTS_PER_PHYSICIAN) % len(ROSTER_PHYSICIANS)
        if block not in roster_physicians:
            roster_physicians[block] = _physician(clinic, *ROSTER_PHYSICIANS[block])
        return [roster_physicians[block]]

    emails = [patient_email(index) for index in range(patient_count)]
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    new = [(index, email) for index, email in enumerate(emails) if email not in existing]
    if new:
        _patients_create(clinic, [(index, email, care_team(index)) for index, email in new])
    return clinic


def patient_email(index: int) -> str:
    return f"patient{index + 1:02d}@{DEMO_DOMAIN}"


def patient_name(index: int) -> str:
    return f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[index % len(LAST_NAMES)]}"


def _physician(clinic: Clinic, email: str, name: str, number: str, state: str, board: str) -> Physician:
    return Physician.objects.filter(user__email=email).first() or services.physician_create(
        clinic=clinic,
        email=email,
        full_name=name,
        licence_number=number,
        licence_state=state,
        board_certification=board,
        password=DEMO_PASSWORD,
        email_verified=True,
    )


def _patients_create(clinic: Clinic, rows: list[tuple[int, str, list[Physician]]]) -> list[Patient]:
    """Bulk `services.patient_create` for the demo: rows of (number, email, care team), every password the demo's."""
    password = make_password(DEMO_PASSWORD)
    conditions = Condition.values
    users = User.objects.bulk_create(
        User(email=email, full_name=patient_name(index), role=Role.PATIENT, clinic=clinic, password=password)
        for index, email, _ in rows
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, primary=True, verified=True) for user in users
    )
    patients = Patient.objects.bulk_create(
        Patient(
            user=user,
            clinic=clinic,
            date_of_birth=date(1950 + (index * 7) % 50, 1 + index % 12, 1 + (index * 5) % 28),
            time_zone=TIME_ZONES[index % len(TIME_ZONES)],
            primary_condition=conditions[index % len(conditions)],
            phone=f"+1 555 01{index % 100:02d}",
            status=PatientStatus.ACTIVE,
        )
        for user, (index, _, _) in zip(users, rows, strict=True)
    )
    CareTeamMembership.objects.bulk_create(
        CareTeamMembership(patient=patient, physician=physician, clinic=clinic)
        for patient, (_, _, team) in zip(patients, rows, strict=True)
        for physician in team
    )
    return patients


def print_accounts(write, style) -> None:
    """The demo logins, for the terminal of `make run`."""
    clinic = Clinic.objects.get(slug=DEMO_CLINIC_SLUG)
    staff = User.objects.filter(clinic=clinic).exclude(role=Role.PATIENT).order_by("role", "email")
    rosters = dict(
        Physician.objects.filter(clinic=clinic)
        .annotate(patients=Count("care_team_memberships"))
        .values_list("user_id", "patients")
    )
    patients = list(User.objects.filter(clinic=clinic, role=Role.PATIENT).order_by("pk"))
    write(style.SUCCESS(f"Demo clinic: {clinic.name} — every password is '{DEMO_PASSWORD}'"))
    write("Physicians and clinic admins are asked to set up an authenticator app at first sign-in.")
    for user in staff:
        roster = f"  ({rosters[user.pk]} patients)" if user.pk in rosters else ""
        write(f"  {user.get_role_display():<13} {user.email}{roster}")
    for user in patients[:3]:
        write(f"  {user.get_role_display():<13} {user.email}")
    if len(patients) > 3:
        write(f"  … and {len(patients) - 3} more patients, up to {patients[-1].email}")
