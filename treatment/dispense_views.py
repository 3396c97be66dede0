"""Dispensing pages (CLINICAL.md section 2, "Dispensing"): the clinic's dispense log with the expected units on hand
and the counts; the patient's own count of their units on hand. Thin: the rules are treatment.services and
treatment.supply."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts import selectors as account_selectors
from accounts.models import Patient, Role
from accounts.views import patient_page, role_required
from anodyne.errors import DomainError
from treatment import refill_selectors, selectors, services


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class DispenseForm(_Form):
    dispensed_on = forms.DateField(label="Dispensed on", widget=forms.DateInput(attrs={"type": "date"}))
    pharmacy = forms.CharField(label="Pharmacy", max_length=200)
    units = forms.IntegerField(
        label="Quantity (units)",
        min_value=1,
        max_value=services.MAX_DISPENSE_UNITS,
        help_text="Troches, tablets or sprays: the units the pharmacy counted out.",
    )
    strength_mg_per_unit = forms.DecimalField(
        label="Strength (mg per unit)", max_digits=6, decimal_places=1, min_value=0.1, max_value=1000
    )


class CountForm(_Form):
    units_on_hand = forms.DecimalField(
        label="Units on hand",
        max_digits=7,
        decimal_places=1,
        min_value=0,
        help_text="Count every unit left, whole units; a half as 0.5.",
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.5"}),
    )


def _render_log(request, patient, dispense_form, count_form, status=200):
    return render(
        request,
        "treatment/dispenses/log.html",
        {
            "patient": patient,
            "overview": selectors.supply_overview(patient),
            "dispenses": selectors.dispense_log(patient),
            "counts": selectors.supply_count_history(patient),
            "dispense_form": dispense_form,
            "count_form": count_form,
        },
        status=status,
    )


@patient_page(Role.PHYSICIAN, Role.CLINIC_ADMIN)
def dispense_log(request, patient_pk):
    """The dispense log, the expected units on hand now and the counts; a dispense is recorded here."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    form = DispenseForm(request.POST or None, initial={"dispensed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.dispense_record(actor=request.user, patient=patient, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The dispense was recorded.")
            if outcome.early_refill:
                messages.warning(
                    request,
                    "This refill came while the expected supply would still last more than 7 days: "
                    "the care team has an alert.",
                )
            return redirect("dispense_log", patient_pk=patient.pk)
    count_form = CountForm() if request.user.role == Role.PHYSICIAN else None
    return _render_log(request, patient, form, count_form)


@patient_page(Role.PHYSICIAN)
def dispense_count(request, patient_pk):
    """A physician records a count of the patient's units on hand (for example at a visit)."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    form = CountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.supply_count_record(
                actor=request.user, patient=patient, units_on_hand=form.cleaned_data["units_on_hand"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            _count_message(request, outcome)
            return redirect("dispense_log", patient_pk=patient.pk)
    return _render_log(request, patient, DispenseForm(initial={"dispensed_on": timezone.localdate()}), form)


def _count_message(request, outcome) -> None:
    messages.success(request, "The count was recorded.")
    if outcome.mismatch:
        messages.warning(
            request, "The count differs from what the dispensing log expects by more than 1 unit: the care team has "
            "an alert and will follow up.",
        )  # fmt: skip


@role_required(Role.PATIENT)
def supply_count(request):
    """The patient counts the units on hand. The expected number is not shown first, so that it cannot steer the
    count; the patient hears afterwards whether it matched."""
    patient_pk = Patient.objects.filter(user=request.user).values_list("pk", flat=True).first()
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk or 0)
    form = CountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.supply_count_record(
                actor=request.user, patient=patient, units_on_hand=form.cleaned_data["units_on_hand"]
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            _count_message(request, outcome)
            return redirect("supply_count")
    return render(
        request,
        "treatment/dispenses/supply.html",
        {
            "patient": patient,
            "form": form,
            "counts": selectors.supply_counts(patient)[:10],
            "refill": refill_selectors.refill_offer(patient=patient),
        },
    )
