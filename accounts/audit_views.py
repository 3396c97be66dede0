"""The audit trail's pages: the clinic admin's search and CSV export, and a patient's accounting of access."""

import csv

from django import forms
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import audit, selectors
from accounts.models import AuditAction, Role
from accounts.views import role_required

AUDIT_PAGE_SIZE = 100


class AuditSearchForm(forms.Form):
    patient = forms.CharField(required=False, max_length=200, help_text="Name or email")
    actor = forms.CharField(required=False, max_length=200, label="User", help_text="Name or email")
    action = forms.ChoiceField(required=False, choices=[("", "Any action"), *AuditAction.choices])
    date_from = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date_from") and cleaned.get("date_to") and cleaned["date_from"] > cleaned["date_to"]:
            raise forms.ValidationError("The “From” date is after the “To” date.")
        return cleaned


def _search(request):
    form = AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, selectors.audit_search(user=request.user, **filters)


@role_required(Role.CLINIC_ADMIN)
def audit_log(request):
    form, events = _search(request)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(AuditAction.VIEW, actor=request.user, object_type="audit_log")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/audit/log.html", {"form": form, "page": page, "query": query.urlencode()})


class _Echo:
    def write(self, value):
        return value


@role_required(Role.CLINIC_ADMIN)
def audit_export(request):
    """The same search as CSV, streamed; the export itself is audited."""
    _, events = _search(request)
    audit.record(AuditAction.EXPORT, actor=request.user, object_type="audit_log", detail="csv")
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(
            ["time_utc", "actor", "actor_email", "role", "action", "object_type", "object_id", "patient",
             "outcome", "request_id", "ip", "user_agent"]
        )  # fmt: skip
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    event.at.isoformat(),
                    event.actor.full_name if event.actor else "",
                    event.actor_email,
                    event.actor_role,
                    event.action,
                    event.object_type,
                    event.object_id,
                    event.patient.user.full_name if event.patient else "",
                    event.outcome,
                    event.request_id,
                    event.ip or "",
                    event.user_agent,
                ]
            )

    filename = f"anodyne-audit-{timezone.localdate().isoformat()}.csv"
    return StreamingHttpResponse(
        rows(), content_type="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@role_required(Role.PATIENT)
def my_record_access(request):
    page = Paginator(selectors.accesses_to_own_record(user=request.user), AUDIT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "accounts/audit/my_record_access.html", {"page": page})
