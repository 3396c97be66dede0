"""Reads about refill requests (issue 10): the patient's offer on Today and the supply page, and the care team's list.

Query counts do not grow with the number of requests, dispenses or doses.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.utils import timezone

from accounts.models import Patient
from treatment import selectors, supply
from treatment.models import OPEN_REFILL, Dispense, PlanVersion, RefillRequest, RefillStatus

# A declined request stays on the patient's Today and supply page this long, with the physician's reason.
DECLINED_SHOWN_FOR = dt.timedelta(days=14)


@dataclass(frozen=True)
class RefillOffer:
    position: selectors.RefillPosition
    latest: RefillRequest | None  # the patient's most recent request, with who decided it

    @property
    def open_request(self) -> RefillRequest | None:
        """The request waiting for a decision or for its dispense (at most one: a database rule)."""
        if self.latest is not None and self.latest.status in OPEN_REFILL:
            return self.latest
        return None

    @property
    def offered(self) -> bool:
        """ "Request a refill" is offered: the units on hand are below the plan's refill level and nothing is open."""
        return self.open_request is None and self.position.below_refill_level

    @property
    def recently_declined(self) -> RefillRequest | None:
        latest = self.latest
        declined = latest is not None and latest.status == RefillStatus.DECLINED
        return latest if declined and latest.decided_at >= timezone.now() - DECLINED_SHOWN_FOR else None

    @property
    def shown(self) -> bool:
        return bool(self.offered or self.open_request or self.recently_declined)


def refill_offer(*, patient: Patient, **position) -> RefillOffer:
    """The patient's latest request and their supply against the active plan. Pass `version=` (the active plan's
    current version, or None) when the page has read it already. Two to four queries: the latest request, the
    active version (unless given), then, with an active plan, the dispenses and (when any) the doses."""
    latest = RefillRequest.objects.filter(patient=patient).select_related("decided_by").first()
    return RefillOffer(position=selectors.refill_position(patient, **position), latest=latest)


@dataclass(frozen=True)
class RefillLine:
    request: RefillRequest
    # For an early request: how long the units on hand would have lasted when it was made, at the plan in force
    # then (rounded down to 0.1 day); None for a request on time.
    days_left: Decimal | None


def refill_requests_of(*, patient: Patient) -> list[RefillLine]:
    """Every refill request of the patient, newest first, with who asked and who decided, and the dispense that
    fulfilled it. One query, two more when a request is early (the plan versions and the dispenses, to give the days
    of supply as they were when it was asked for)."""
    requests = list(
        RefillRequest.objects.filter(patient=patient)
        .select_related("requested_by", "decided_by", "dispense")
        .order_by("-requested_at", "-pk")
    )
    if not any(request.early for request in requests):
        return [RefillLine(request, None) for request in requests]
    versions = list(
        PlanVersion.objects.filter(plan__patient=patient)
        .order_by("created_at", "pk")
        .values_list("created_at", "dose_mg", "sessions_per_week")
    )
    dispenses = list(
        Dispense.objects.filter(patient=patient)
        .order_by("dispensed_on", "pk")
        .values_list("recorded_at", "strength_mg_per_unit")
    )
    return [
        RefillLine(request, _days_then(request, versions, dispenses) if request.early else None) for request in requests
    ]


def _days_then(request: RefillRequest, versions, dispenses) -> Decimal | None:
    """The days of supply when the request was made: its expected units at the strength of the latest dispense
    recorded by then (treatment.supply values units on hand at the latest dispense's strength) and the plan version
    written last before it."""
    at = request.requested_at
    version = next(((dose, weekly) for created, dose, weekly in reversed(versions) if created <= at), None)
    strength = next((strength for recorded, strength in reversed(dispenses) if recorded <= at), None)
    if version is None or strength is None:
        return None
    dose_mg, sessions_per_week = version
    return supply.days_to_show(
        supply.days_of_supply(
            units_on_hand=request.expected_units,
            dose_mg=dose_mg,
            strength_mg_per_unit=strength,
            sessions_per_week=sessions_per_week,
        )
    )


def refill_get(*, patient: Patient, pk) -> RefillRequest:
    """One refill request of a patient already read through the audited selector (so no second audit row)."""
    request = RefillRequest.objects.filter(patient=patient, pk=pk).first() if str(pk).isdigit() else None
    if request is None:
        raise Http404("No such refill request.")
    return request
