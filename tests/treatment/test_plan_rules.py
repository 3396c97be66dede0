"""Who may change a plan, one active plan per patient, and the ranges of CLINICAL.md section 2."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from anodyne.errors import DomainError
from tests.treatment.plan_data import PLAN
from treatment import services
from treatment.models import PlanStatus, TreatmentPlan


@pytest.fixture
def plan(physician, patient):
    return services.plan_create(actor=physician.user, patient=patient, reason="Start", **PLAN)


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("other_physician", "not_found"),  # may not see the patient: told there is no such patient
        ("outside_physician", "not_found"),
        ("clinic_admin", "forbidden"),  # may see the patient: told a physician on the care team does it
        ("patient", "forbidden"),
    ],
)
def test_only_a_physician_on_the_care_team_changes_the_plan(request, plan, who, code):
    person = request.getfixturevalue(who)
    with pytest.raises(DomainError) as refused:
        services.plan_revise(actor=getattr(person, "user", person), plan=plan, reason="x", dose_mg=Decimal(60))
    assert refused.value.code == code
    if code == "forbidden":
        assert "a physician on the patient's care team" in refused.value.message
    assert plan.versions.count() == 1


def test_a_second_active_plan_is_refused(plan, physician, patient):
    with pytest.raises(DomainError, match="already has an active plan"):
        services.plan_create(actor=physician.user, patient=patient, reason="Another", **PLAN)


def test_the_database_itself_allows_one_active_plan_per_patient(plan, patient):
    with pytest.raises(IntegrityError), transaction.atomic():
        TreatmentPlan.objects.create(patient=patient, status=PlanStatus.ACTIVE)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("dose_mg", "0.5", "Dose mg"),
        ("dose_mg", "1001", "Dose mg"),
        ("sessions_per_week", 22, "Sessions per week"),
        ("min_hours_between", 3, "Min hours between"),
        ("systolic_limit", 181, "Systolic limit"),
        ("systolic_limit", 119, "Systolic limit"),
        ("diastolic_limit", 111, "Diastolic limit"),
        ("heart_rate_lower", 39, "Heart rate lower"),
        ("heart_rate_upper", 131, "Heart rate upper"),
        ("no_driving_hours", 49, "No driving hours"),
        ("fasting_hours", 13, "Fasting hours"),
    ],
)
def test_a_value_outside_its_range_is_refused_in_plain_words(physician, patient, field, value, message):
    with pytest.raises(DomainError, match=message):
        services.plan_create(actor=physician.user, patient=patient, reason="Start", **(PLAN | {field: value}))
    assert not TreatmentPlan.objects.filter(patient=patient).exists()


@pytest.mark.parametrize(
    ("field", "value"), [("systolic_limit", 180), ("systolic_limit", 120), ("min_hours_between", 4)]
)
def test_a_value_at_the_edge_of_its_range_is_accepted(physician, patient, field, value):
    plan = services.plan_create(actor=physician.user, patient=patient, reason="Start", **(PLAN | {field: value}))
    assert getattr(plan.current_version, field) == value


def test_the_maximum_single_dose_cannot_be_below_the_dose(physician, patient):
    with pytest.raises(DomainError, match="maximum single dose"):
        services.plan_create(
            actor=physician.user, patient=patient, reason="Start", **(PLAN | {"max_single_dose_mg": "40"})
        )


def test_titration_steps_are_checked(physician, patient):
    with pytest.raises(DomainError, match="Titration step 1"):
        services.plan_create(
            actor=physician.user, patient=patient, reason="Start", **(PLAN | {"titration": [{"dose_mg": "75"}]})
        )
    plan = services.plan_create(
        actor=physician.user,
        patient=patient,
        reason="Start",
        **(PLAN | {"titration": [{"dose_mg": 75, "from_session": 4}, {"dose_mg": "100", "from_date": "2026-12-01"}]}),
    )
    assert plan.current_version.titration == [
        {"dose_mg": "75", "from_session": 4},
        {"dose_mg": "100", "from_date": "2026-12-01"},
    ]


def test_a_discharged_patient_cannot_have_an_active_plan(physician, patient):
    patient.status = "discharged"
    patient.save()
    with pytest.raises(DomainError, match="discharged"):
        services.plan_create(actor=physician.user, patient=patient, reason="Start", **PLAN)
