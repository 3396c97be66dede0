"""Mark an in-app notification as read: a plain POST form that works without JavaScript."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from anodyne.errors import DomainError
from monitoring import inbox


@require_POST
@login_required
def notification_read(request, notification_pk):
    try:
        inbox.notification_mark_read(actor=request.user, notification_pk=notification_pk)
    except DomainError as refused:
        raise Http404(refused.message) from refused
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = "home"
    return redirect(back)
