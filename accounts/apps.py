from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and clinics"

    def ready(self):
        from accounts import receivers  # noqa: F401  (connects allauth's sign-in signals)
