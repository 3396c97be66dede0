from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = "Monitoring"

    def ready(self):
        from monitoring import receivers  # noqa: F401  (connects treatment's domain events to the alerts)
        from monitoring.db_functions import connect

        connect()  # median() and local_date() on every new SQLite connection (the outcomes page)
