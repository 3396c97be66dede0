"""The physician's session review pages: the review queue with bulk sign-off of unremarkable sessions, and one
session in full with its sign-off form.

Plain POST forms that work without JavaScript (htmx only swaps the page in place). Each write is one service of
monitoring.reviews; these views parse the request, call it and render.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts import selectors as account_selectors
from accounts.models import Role
from accounts.views import patient_page, role_required
from anodyne.errors import DomainError, raise_http
from monitoring import review_selectors, reviews
from monitoring.models import MAX_CLINICAL_NOTE
from monitoring.views import safe_next

QUEUE_PAGE_SIZE = 50


class SignOffForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=MAX_CLINICAL_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Written as a signed clinical note on this session, kept in the patient's record. Leave it empty "
        "to sign off without a note.",
    )


@role_required(Role.PHYSICIAN)
def review_queue(request):
    page = review_selectors.review_queue_page(
        user=request.user, page_number=request.GET.get("page"), page_size=QUEUE_PAGE_SIZE
    )
    unremarkable = [session for session in page.object_list if not session.remarkable]
    return render(request, "monitoring/review/queue.html", {"page": page, "unremarkable": unremarkable})


@require_POST
@role_required(Role.PHYSICIAN)
def review_sign_bulk(request):
    """Signs the ticked sessions, or with `all_unremarkable` every unremarkable session the queue page showed (its
    hidden `shown` ids: never more than the physician saw). All or nothing."""
    chosen = request.POST.getlist("shown" if "all_unremarkable" in request.POST else "session")
    queue_url = reverse("review_queue")
    page = request.POST.get("page", "")
    if page.isdigit():
        queue_url += f"?page={page}"
    try:
        signed = reviews.sessions_sign_off_bulk(actor=request.user, session_ids=chosen)
    except DomainError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"Signed off {len(signed)} session{'s' if len(signed) != 1 else ''}.")
    return redirect(queue_url)


@patient_page(Role.PHYSICIAN)
def session_review(request, patient_pk, session_pk):
    """GET: the session in full and the sign-off form. POST: sign off, then go on to `next` (a path of this site),
    else the next session awaiting review, else the queue."""
    patient = account_selectors.patient_get(user=request.user, pk=patient_pk)
    session = review_selectors.session_for_review(patient=patient, pk=session_pk)
    form = SignOffForm(request.POST if request.method == "POST" else None)
    next_url = safe_next(request)
    if request.method == "POST" and form.is_valid():
        try:
            reviews.session_sign_off(actor=request.user, session=session, note=form.cleaned_data["note"])
        except DomainError as refused:
            raise_http(refused)
            form.add_error(None, refused.message)
        else:
            messages.success(request, f"Signed off {patient.user.full_name}'s session.")
            return redirect(next_url or _next_review_url(request.user))
    review = review_selectors.review_of(session)
    return render(
        request,
        "monitoring/review/session.html",
        {
            "patient": patient,
            "session": session,
            "review": review,
            "awaiting": review is None and session.status in review_selectors.REVIEWABLE,
            "form": form,
            "next": next_url,
            "tz_name": patient.time_zone,
        },
    )


def _next_review_url(user) -> str:
    head = review_selectors.next_awaiting_review(user=user)
    if head is None:
        return reverse("review_queue")
    session_pk, patient_pk = head
    return reverse("session_review", kwargs={"patient_pk": patient_pk, "session_pk": session_pk})
