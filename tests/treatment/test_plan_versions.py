"""Every change to a plan is a new version with its author and reason; old versions stay as they were."""

from decimal import Decimal

import pytest

from accounts.models import AuditAction, AuditEvent
from anodyne.errors import DomainError
from tests.treatment.plan_data import PLAN
from treatment import services
from treatment.models import PlanStatus


@pytest.fixture
def plan(physician, patient):
    return services.plan_create(actor=physician.user, patient=patient, reason="Start at 50 mg after intake", **PLAN)


def test_a_new_plan_is_version_1_active_with_the_clinics_safety_defaults(plan, clinic):
    version = plan.current_version
    assert (version.number, plan.status, version.status) == (1, PlanStatus.ACTIVE, PlanStatus.ACTIVE)
    assert (version.systolic_limit, version.diastolic_limit) == (clinic.systolic_hold, clinic.diastolic_hold)
    assert (version.heart_rate_lower, version.heart_rate_upper) == (50, 100)


def test_a_change_writes_version_2_and_keeps_version_1(plan, physician):
    services.plan_revise(actor=physician.user, plan=plan, reason="Tolerated well; titrate up", dose_mg=Decimal(75))
    plan.refresh_from_db()
    v2, v1 = plan.versions.order_by("-number")
    assert (v2.number, v2.dose_mg, v2.reason, v2.author) == (
        2,
        Decimal(75),
        "Tolerated well; titrate up",
        physician.user,
    )
    assert v1.dose_mg == Decimal(50)
    assert plan.current_version == v2


def test_a_change_without_a_reason_is_refused(plan, physician):
    with pytest.raises(DomainError, match="reason"):
        services.plan_revise(actor=physician.user, plan=plan, reason="  ", dose_mg=Decimal(75))
    assert plan.versions.count() == 1


def test_a_change_that_changes_nothing_is_refused(plan, physician):
    with pytest.raises(DomainError, match="Nothing changed"):
        services.plan_revise(actor=physician.user, plan=plan, reason="Same again", dose_mg=Decimal(50))


def test_pausing_and_resuming_are_versions_too(plan, physician):
    services.plan_pause(actor=physician.user, plan=plan, reason="Holiday")
    services.plan_resume(actor=physician.user, plan=plan, reason="Back home")
    assert [v.status for v in plan.versions.order_by("number")] == ["active", "paused", "active"]


def test_every_create_and_change_is_audited(plan, physician, patient):
    services.plan_revise(actor=physician.user, plan=plan, reason="Titrate", dose_mg=Decimal(60))
    actions = list(
        AuditEvent.objects.filter(object_type="treatment_plan", patient=patient).values_list("action", flat=True)
    )
    assert sorted(actions) == sorted([AuditAction.CREATE, AuditAction.UPDATE])
