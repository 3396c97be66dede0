import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anodyne.settings")

app = Celery("anodyne")
# Every CELERY_* Django setting configures Celery (anodyne/settings.py states the defaults and why).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
