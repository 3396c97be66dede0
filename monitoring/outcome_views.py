"""The clinic outcomes page (PRODUCT.md clinic admin step 3): `/outcomes/`, for physicians (their own patients) and
clinic admins (the whole clinic). Aggregates only; the figures come from monitoring.outcome_selectors."""

from django import forms
from django.shortcuts import render

from accounts.models import Role
from accounts.views import role_required
from monitoring import outcome_selectors


class PeriodForm(forms.Form):
    period = forms.TypedChoiceField(
        label="Alerts acknowledged in the last",
        choices=[(days, f"{days} days") for days in outcome_selectors.PERIODS],
        coerce=int,
        initial=outcome_selectors.DEFAULT_PERIOD,
    )


@role_required(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def clinic_outcomes(request):
    # An unknown period falls back to the default rather than failing: it only narrows one table.
    form = PeriodForm(request.GET if "period" in request.GET else None)
    period = form.cleaned_data["period"] if form.is_valid() else outcome_selectors.DEFAULT_PERIOD
    if not form.is_bound or not form.is_valid():
        form = PeriodForm(initial={"period": period})
    figures = outcome_selectors.clinic_outcomes(user=request.user, period_days=period)
    return render(request, "monitoring/outcomes.html", {"outcomes": figures, "form": form})
