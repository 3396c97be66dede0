from allauth.account.signals import user_logged_in
from django.dispatch import receiver

from accounts import sessions


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    sessions.start_clock(request, signed_in=True)
