"""Refill request pages (issue 10): the patient asks; the care team approves or declines. Thin: the rules are
treatment.refills and treatment.supply."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from accounts import selectors as account_selectors
from accounts.models import Patient, Role
from accounts.views import patient_page, role_required
from anodyne.errors import DomainError, raise_http
from treatment import refill_selectors, refills


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class RefillRequestForm(_Form):
    note = forms.CharField(
        label="A note for your care team (optional)",
        required=False,
        max_length=refills.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, when you expect to run out. Not for emergencies.",
    )


class RefillDecisionForm(_Form):
    APPROVE, DECLINE = "approve", "decline"

    refill = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=[(APPROVE, "Approve"), (DECLINE, "Decline")], widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason",
        required=False,
        max_length=refills.MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


@role_required(Role.PATIENT)
def refill_new(request):
    """The patient asks for a refill: a POST from Today or the supply page, or this page with an optional note."""
    patient_pk = Patient.objects.filter(user=request.user).values_list("pk", flat=True).first()
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk or 0)
    form = RefillRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            refills.refill_request(actor=request.user, patient=patient, note=form.cleaned_data["note"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, "Your refill request was sent to your care team. You will see here when they have decided."
            )
            return redirect("supply_count")
    return render(
        request,
        "treatment/refills/new.html",
        {"patient": patient, "form": form, "refill": refill_selectors.refill_offer(patient=patient)},
    )


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def patient_refills(request, patient_pk):
    """The patient's refill requests, newest first: the open one to approve or decline (physicians on the care
    team), approved ones awaiting the dispense, early ones marked."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    bound = None
    if request.method == "POST":
        bound = RefillDecisionForm(request.POST)
        if bound.is_valid():
            refill = refill_selectors.refill_get(patient=patient, pk=bound.cleaned_data["refill"])
            approve = bound.cleaned_data["decision"] == RefillDecisionForm.APPROVE
            try:
                refills.refill_decide(
                    actor=request.user, request=refill, approve=approve, reason=bound.cleaned_data["reason"]
                )
            except DomainError as error:
                raise_http(error)
                bound.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    "The refill was approved: it awaits the dispense."
                    if approve
                    else "The refill was declined; the patient sees your reason.",
                )
                return redirect("patient_refills", patient_pk=patient.pk)
    return render(
        request,
        "treatment/refills/patient_refills.html",
        {
            "patient": patient,
            "requests": refill_selectors.refill_requests_of(patient=patient),
            "may_decide": request.user.role == Role.PHYSICIAN,
            "max_reason": refills.MAX_REASON,
            "decision": bound,  # a refused decision, shown again with its error and reason
        },
    )
