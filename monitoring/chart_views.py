"""The patient chart (PRODUCT.md physician step 3): `/patients/<patient_pk>/chart/`, the physician's main view of one
patient, for the care team's physicians and the clinic's admins. A GET form filters the timeline and the charts by
record type and date range (in the clinic's time zone); "Older" and "Newer" links page the timeline. No JavaScript.
"""

from zoneinfo import ZoneInfo

from django import forms
from django.shortcuts import render
from django.utils import timezone

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page
from monitoring import chart_selectors

# A page number beyond this is not a request a person makes (50 entries a page): it is refused as page 1 rather than
# read with an ever larger offset.
MAX_PAGE = 200


class ChartFilterForm(forms.Form):
    kind = forms.MultipleChoiceField(
        label="Show",
        choices=list(chart_selectors.KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "The end date is before the start date.")
        return cleaned


def _filter_data(query, today):
    """The GET parameters with the page's defaults: every record type when none is ticked, and the last 180 days
    when no start date was sent at all (an empty one means "from the beginning")."""
    data = query.copy()
    if not data.getlist("kind"):
        data.setlist("kind", list(chart_selectors.KINDS))
    if "date_from" not in data:
        data["date_from"] = chart_selectors.default_date_from(today).isoformat()
    return data


def _page_number(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def patient_chart(request, patient_pk):
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    zone = ZoneInfo(patient.clinic.time_zone)
    today = timezone.localdate(timezone=zone)
    form = ChartFilterForm(_filter_data(request.GET, today))
    if form.is_valid():
        filters = chart_selectors.ChartFilters(
            zone=zone,
            kinds=frozenset(form.cleaned_data["kind"]),
            date_from=form.cleaned_data["date_from"],
            date_to=form.cleaned_data["date_to"],
            page=_page_number(request.GET.get("page")),
        )
    else:
        # The errors are shown beside the fields; meanwhile the page shows its defaults.
        filters = chart_selectors.ChartFilters(zone=zone, date_from=chart_selectors.default_date_from(today))
    chart = chart_selectors.chart_of(patient=patient, viewer=request.user, filters=filters)
    return render(
        request,
        "monitoring/chart/page.html",
        {
            "patient": patient,
            "care_team": patient.care_team_memberships.all(),
            "form": form,
            "filters": filters,
            "chart": chart,
            "essentials": chart.essentials,
            "today": today,
            "tz_name": patient.clinic.time_zone,
        },
    )
