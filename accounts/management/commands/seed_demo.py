"""Create the demo clinic: a clinic admin, two physicians and N patients with care teams. Safe to run twice."""

from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

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


class Command(BaseCommand):
    help = "Create the deterministic demo clinic (password 'anodyne-demo'). Refuses to run with DEBUG off."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=12, help="number of demo patients (default 12)")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")
        parser.add_argument("--if-empty", action="store_true", help="only seed when the database has no clinic yet")

    def handle(self, *args, patients, force, if_empty, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: this looks like production. Pass --force to seed the demo anyway.")
        if patients < 0:
            raise CommandError("--patients must be 0 or more.")
        if if_empty and Clinic.objects.exists():
            if Clinic.objects.filter(slug=DEMO_CLINIC_SLUG).exists():
                self._print_accounts()
            else:
                self.stdout.write("The database already has a clinic; the demo was not seeded.")
            return
        with transaction.atomic():
            self._seed(patients)
        self._print_accounts()

    def _seed(self, patient_count: int) -> None:
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

    def _print_accounts(self) -> None:
        clinic = Clinic.objects.get(slug=DEMO_CLINIC_SLUG)
        staff = User.objects.filter(clinic=clinic).exclude(role=Role.PATIENT).order_by("role", "email")
        patients = list(User.objects.filter(clinic=clinic, role=Role.PATIENT).order_by("email"))
        self.stdout.write(self.style.SUCCESS(f"Demo clinic: {clinic.name} — every password is '{DEMO_PASSWORD}'"))
        self.stdout.write("Physicians and clinic admins are asked to set up an authenticator app at first sign-in.")
        for user in [*staff, *patients[:3]]:
            self.stdout.write(f"  {user.get_role_display():<13} {user.email}")
        if len(patients) > 3:
            self.stdout.write(f"  … and {len(patients) - 3} more patients, up to {patients[-1].email}")
