"""The physician's alert pages: the triage list, acknowledge, resolve with a note.

Plain POST forms that work without JavaScript. Each write is one service of monitoring.services; these views parse
the request, call it and render.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.views import role_required
from anodyne.errors import DomainError, raise_http
from monitoring import selectors, services

ALERTS_PAGE_SIZE = 50


class ResolveForm(forms.Form):
    note = forms.CharField(
        label="Resolution note",
        max_length=services.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you did or decided. Kept with the alert in the patient's record.",
        error_messages={"required": "Write a note saying how the alert was resolved."},
    )


@role_required(Role.PHYSICIAN)
def alert_list(request):
    resolved = request.GET.get("show") == "resolved"
    page = selectors.alert_page(
        user=request.user, resolved=resolved, page_number=request.GET.get("page"), page_size=ALERTS_PAGE_SIZE
    )
    return render(request, "monitoring/alerts.html", {"page": page, "resolved": resolved})


@require_POST
@role_required(Role.PHYSICIAN)
def alert_acknowledge(request, alert_pk):
    """From the alerts page or the dashboard (`next`); an htmx request gets the dashboard's alert fragment back."""
    alert = selectors.alert_get(user=request.user, pk=alert_pk)
    try:
        alert = services.alert_acknowledge(actor=request.user, alert=alert)
    except DomainError as refused:
        raise_http(refused)
        if request.htmx:
            return _triage_fragment(request, alert, error=refused.message)
        messages.error(request, refused.message)
    else:
        if request.htmx:
            return _triage_fragment(request, alert)
        messages.success(request, f"Acknowledged the {alert.get_kind_display().lower()} alert of {alert.patient}.")
    return redirect(safe_next(request, reverse("alert_list")) + f"#alert-{alert.pk}")


@role_required(Role.PHYSICIAN)
def alert_resolve(request, alert_pk):
    """GET: the alert, its history and the note form. POST: resolve; a missing note changes nothing."""
    alert = selectors.alert_get(user=request.user, pk=alert_pk)
    form = ResolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            alert = services.alert_resolve(actor=request.user, alert=alert, note=form.cleaned_data["note"])
        except DomainError as refused:
            raise_http(refused)
            form.add_error(None, refused.message)
        else:
            if request.htmx:
                return _triage_fragment(request, alert)
            messages.success(request, f"Resolved the {alert.get_kind_display().lower()} alert of {alert.patient}.")
            return redirect(safe_next(request, reverse("alert_list")))
    if request.method == "POST" and request.htmx:
        return _triage_fragment(request, alert, error=" ".join(form.errors.get("note", []) + form.non_field_errors()))
    return render(
        request,
        "monitoring/alert_resolve.html",
        {"alert": alert, "form": form, "history": selectors.alert_history(alert=alert)},
    )


def safe_next(request, default: str = "") -> str:
    """Where to go back to after an action: `next` (form or query) when it is a path of this site, else `default`.
    Shared by monitoring's pages."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _triage_fragment(request, alert, *, error: str = ""):
    """The dashboard's card of one alert, as it stands now (htmx swaps it in place)."""
    return render(request, "monitoring/dashboard.html#triage-alert", {"alert": alert, "alert_error": error})
