"""The demo clinic's people: a clinic admin, two physicians and N patients with care teams. Safe to run twice.

Used by `manage.py seed_demo` (treatment/management/commands/seed_demo.py, which adds treatment history).
"""

from datetime import date

from accounts import services
from accounts.models import Clinic, Condition, Patient, Physician, Role, User

DEMO_PASSWORD = "anodyne-demo"
DEMO_CLINIC_SLUG = "sunrise-pain-clinic"
DEMO_DOMAIN = "sunrise.example"

PHYSICIANS = [
    # (email, name, licence number, state, board certification)
    (f"dr.rivera@{DEMO_DOMAIN}", "Elena Rivera", "A123456", "CA", "Anesthesiology — Pain Medicine"),
    (f"dr.okafor@{DEMO_DOMAIN}", "Daniel Okafor", "ME98765", "NY", "Physical Medicine and Rehabilitation"),
]
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
]
LAST_NAMES = ["Patel", "Nguyen", "Johnson", "Garcia", "Kim", "Brown", "Silva", "Haddad", "Müller", "Lopez"]
TIME_ZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Phoenix",
]


def seed_clinic(patient_count: int) -> Clinic:
    """The clinic, its admin, two physicians and `patient_count` patients; existing ones are kept."""
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
    physicians = []
    for email, name, number, state, board in PHYSICIANS:
        physician = Physician.objects.filter(user__email=email).first() or services.physician_create(
            clinic=clinic,
            email=email,
            full_name=name,
            licence_number=number,
            licence_state=state,
            board_certification=board,
            password=DEMO_PASSWORD,
            email_verified=True,
        )
        physicians.append(physician)
    conditions = Condition.values
    for index in range(patient_count):
        email = f"patient{index + 1:02d}@{DEMO_DOMAIN}"
        if Patient.objects.filter(user__email=email).exists():
            continue
        # Every third patient is seen by both physicians; the others alternate between them.
        care_team = physicians if index % 3 == 2 else [physicians[index % 2]]
        services.patient_create(
            clinic=clinic,
            email=email,
            full_name=f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[index % len(LAST_NAMES)]}",
            date_of_birth=date(1950 + (index * 7) % 50, 1 + index % 12, 1 + (index * 5) % 28),
            time_zone=TIME_ZONES[index % len(TIME_ZONES)],
            primary_condition=conditions[index % len(conditions)],
            phone=f"+1 555 01{index % 100:02d}",
            physicians=care_team,
            password=DEMO_PASSWORD,
            email_verified=True,
        )
    return clinic


def print_accounts(write, style) -> None:
    """The demo logins, for the terminal of `make run`."""
    clinic = Clinic.objects.get(slug=DEMO_CLINIC_SLUG)
    staff = User.objects.filter(clinic=clinic).exclude(role=Role.PATIENT).order_by("role", "email")
    patients = list(User.objects.filter(clinic=clinic, role=Role.PATIENT).order_by("email"))
    write(style.SUCCESS(f"Demo clinic: {clinic.name} — every password is '{DEMO_PASSWORD}'"))
    write("Physicians and clinic admins are asked to set up an authenticator app at first sign-in.")
    for user in [*staff, *patients[:3]]:
        write(f"  {user.get_role_display():<13} {user.email}")
    if len(patients) > 3:
        write(f"  … and {len(patients) - 3} more patients, up to {patients[-1].email}")
