"""`manage.py seed_demo`: the demo clinic's people (accounts.demo), their treatment history (treatment.demo) and the
oversight records of that history (monitoring.demo). Lives in monitoring, the highest app it writes to."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import demo as people
from accounts.models import Clinic
from monitoring import demo as history


class Command(BaseCommand):
    help = "Create the deterministic demo clinic (password 'anodyne-demo'). Refuses to run with DEBUG off."

    def add_arguments(self, parser):
        parser.add_argument(
            "--patients",
            type=int,
            default=12,
            help="number of demo patients (default 12; beyond 12, 250 to each further physician)",
        )
        parser.add_argument("--days", type=int, default=90, help="days of treatment history (default 90; 0 for none)")
        parser.add_argument("--force", action="store_true", help="run even with DEBUG off")
        parser.add_argument("--if-empty", action="store_true", help="only seed when the database has no clinic yet")

    def handle(self, *args, patients, days, force, if_empty, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: this looks like production. Pass --force to seed the demo anyway.")
        if patients < 0 or days < 0:
            raise CommandError("--patients and --days must be 0 or more.")
        if if_empty and Clinic.objects.exists():
            if Clinic.objects.filter(slug=people.DEMO_CLINIC_SLUG).exists():
                people.print_accounts(self.stdout.write, self.style)
            else:
                self.stdout.write("The database already has a clinic; the demo was not seeded.")
            return
        started = time.perf_counter()
        with transaction.atomic():
            people.seed_clinic(patients)
            seeded = history.seed(days=days) if days else 0
        people.print_accounts(self.stdout.write, self.style)
        if seeded:
            self.stdout.write(
                f"History: {seeded} patients, {days} days each, written in {time.perf_counter() - started:.1f} s."
            )
