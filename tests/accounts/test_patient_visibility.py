"""Patient.objects.visible_to is the one rule of who may see which patient."""

from accounts.models import Patient, User


def visible(user):
    return set(Patient.objects.visible_to(user))


def test_a_patient_sees_only_themself(patient, second_patient, outside_patient):
    assert visible(patient.user) == {patient}


def test_a_physician_sees_the_patients_on_their_care_teams(physician, patient, second_patient, outside_patient):
    assert visible(physician.user) == {patient, second_patient}


def test_a_physician_off_the_care_team_sees_no_patient(other_physician, patient, second_patient):
    assert visible(other_physician.user) == set()


def test_a_clinic_admin_sees_every_patient_of_their_clinic_and_no_other(
    clinic_admin, patient, second_patient, outside_patient
):
    assert visible(clinic_admin) == {patient, second_patient}


def test_another_clinics_physician_sees_only_their_own_patients(outside_physician, patient, outside_patient):
    assert visible(outside_physician.user) == {outside_patient}


def test_a_physician_on_two_care_teams_of_one_patient_sees_them_once(physician, other_physician, patient):
    patient.care_team_memberships.create(physician=other_physician, clinic=patient.clinic)
    assert list(Patient.objects.visible_to(physician.user)) == [patient]


def test_a_platform_operator_sees_no_patient_outside_the_django_admin(patient):
    operator = User.objects.create_superuser(email="ops@anodyne.test", password="x" * 20, full_name="Ops")
    assert visible(operator) == set()


def test_a_deactivated_user_sees_nothing(physician, patient):
    physician.user.is_active = False
    physician.user.save()
    assert visible(physician.user) == set()
