"""Factories for the people and clinics every test module uses (the cast lives in tests/conftest.py)."""

from datetime import date

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from accounts.models import CareTeamMembership, Clinic, Condition, Patient, Physician, Role, User
from treatment.models import EligibilityItem, EligibilityScreen, EligibilityStatus

PASSWORD = "correct-horse-battery-staple"


class ClinicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinic

    name = factory.Sequence(lambda n: f"Clinic {n}")
    slug = factory.Sequence(lambda n: f"clinic-{n}")
    time_zone = "America/New_York"
    contact_phone = "+1 555 0100"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name")
    role = Role.CLINIC_ADMIN
    clinic = factory.SubFactory(ClinicFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        """Signing in needs a verified address (ACCOUNT_EMAIL_VERIFICATION = "mandatory")."""
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=extracted is not False)


class PhysicianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Physician

    clinic = factory.SubFactory(ClinicFactory)
    user = factory.SubFactory(UserFactory, role=Role.PHYSICIAN, clinic=factory.SelfAttribute("..clinic"))
    licence_number = factory.Sequence(lambda n: f"L{n:06d}")
    licence_state = "CA"
    board_certification = "Anesthesiology — Pain Medicine"


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient
        skip_postgeneration_save = True

    clinic = factory.SubFactory(ClinicFactory)
    user = factory.SubFactory(UserFactory, role=Role.PATIENT, clinic=factory.SelfAttribute("..clinic"))
    date_of_birth = date(1980, 6, 15)
    time_zone = "America/Chicago"
    primary_condition = Condition.CRPS
    phone = "+1 555 0199"

    @factory.post_generation
    def care_team(self, create, extracted, **kwargs):
        for physician in extracted or []:
            CareTeamMembership.objects.create(patient=self, physician=physician, clinic=self.clinic)

    @factory.post_generation
    def cleared(self, create, extracted, **kwargs):
        """By default the patient answered "no" to every eligibility item at intake, so they are cleared and a plan
        can be activated (CLINICAL.md section 1). `PatientFactory(cleared=False)` leaves them unscreened."""
        if create and extracted is not False:
            now = timezone.now()
            EligibilityScreen.objects.create(
                patient=self,
                clinic=self.clinic,
                status=EligibilityStatus.CLEARED,
                answers=dict.fromkeys(EligibilityItem.values, 0),
                answered_by=self.user,
                answered_at=now,
                decided_at=now,
            )


def give_totp(user: User) -> str:
    """Set up an authenticator for `user` as they would on the set-up page; returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
