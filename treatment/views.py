"""Consent pages: the clinic admin publishes versions, the patient reads and signs the current one."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts import selectors as account_selectors
from accounts.audit import client_ip
from accounts.models import Role
from accounts.views import role_required
from anodyne.errors import DomainError
from treatment import selectors, services
from treatment.models import ConsentVersion


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ConsentPublishForm(_Form):
    text = forms.CharField(
        label="New consent text",
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Publishing asks every patient to sign again.",
    )


class ConsentSignForm(_Form):
    typed_name = forms.CharField(
        label="Type your full name to sign",
        max_length=200,
        help_text="Typing your name is your signature. The date, time and version are kept with it.",
        widget=forms.TextInput(attrs={"autocomplete": "name", "autocapitalize": "words", "spellcheck": "false"}),
    )
    consent_version = forms.IntegerField(widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


@role_required(Role.CLINIC_ADMIN)
def clinic_consent(request):
    clinic = request.user.clinic
    form = ConsentPublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.consent_publish(actor=request.user, clinic=clinic, text=form.cleaned_data["text"])
        except DomainError as error:
            form.add_error("text", error.message)
        else:
            messages.success(request, f"Version {version.version} published. Every patient will be asked to sign it.")
            return redirect("clinic_consent")
    history = list(selectors.consent_history(clinic=clinic))
    if not form.is_bound and history:
        form.initial["text"] = history[0].text  # a new version usually edits the current one
    return render(
        request,
        "treatment/clinic_consent.html",
        {"clinic": clinic, "current": history[0] if history else None, "history": history, "form": form},
    )


@role_required(Role.PATIENT)
def consent(request):
    # The patient's own record, read through the audited selector like every other page that shows it.
    patient = account_selectors.patient_get(user=request.user, pk=request.user.patient.pk)
    status = selectors.consent_status(patient)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = ConsentSignForm(
        request.POST or None,
        initial={"consent_version": status.current.pk if status.current else None, "next": next_url or ""},
    )
    if request.method == "POST" and form.is_valid():
        version = ConsentVersion.objects.filter(
            pk=form.cleaned_data["consent_version"], clinic_id=patient.clinic_id
        ).first()
        try:
            if version is None:
                raise DomainError("This consent is not your clinic's. Please sign the current version below.")
            signature = services.consent_sign(
                patient_user=request.user,
                consent_version=version,
                typed_name=form.cleaned_data["typed_name"],
                ip=client_ip(request),
                user_agent=request.headers.get("User-Agent", ""),
            )
        except DomainError as error:
            form.add_error("typed_name" if error.code == "name_mismatch" else None, error.message)
            status = selectors.consent_status(patient)
        else:
            messages.success(
                request, f"Thank you. You signed version {signature.consent_version.version} of the consent."
            )
            return redirect(next_url or reverse("today"))
    return render(
        request,
        "treatment/consent.html",
        {"patient": patient, "clinic": patient.clinic, "status": status, "form": form, "next_url": next_url},
    )


def _safe_next(request, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None
