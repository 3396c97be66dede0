"""The physician's triage dashboard (PRODUCT.md physician step 2): open alerts first, then the roster.

Lives in monitoring, the highest app it reads from. Every action on it (acknowledge, resolve) is a plain POST form
that htmx, when present, sends in place (monitoring.views answers an htmx request with the alert's fragment).
"""

from django.shortcuts import render

from accounts.models import Condition, PatientStatus, Role
from accounts.views import role_required
from monitoring import roster_selectors


@role_required(Role.PHYSICIAN)
def dashboard(request):
    filters = roster_selectors.RosterFilters.from_query(request.GET)
    roster = roster_selectors.roster_page(user=request.user, filters=filters, page_number=request.GET.get("page"))
    alerts, alert_total = roster_selectors.triage_alerts(user=request.user)
    roster_selectors.audit_dashboard(user=request.user, roster=roster, alerts=alerts)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "roster": roster,
            "page": roster.page,
            "filters": filters,
            "alerts": alerts,
            "alert_total": alert_total,
            "conditions": Condition.choices,
            "statuses": PatientStatus.choices,
            "sorts": [(key, label) for key, (label, _) in roster_selectors.SORTS.items()],
            "page_query": filters.query_string(),
            "tz_name": request.user.clinic.time_zone,
            "today": roster.today,
        },
    )
