"""Settings of the gunicorn process that bench/api_write.py starts: the product's own settings (taken from the
environment, as in production), with the benchmark's URLconf — the product's URLs plus the bare write."""

from anodyne.settings import *  # noqa: F403

ROOT_URLCONF = "api_write_urls"
