"""Anodyne settings, read from the environment (django-environ).

With nothing set this is a development configuration that needs no server: SQLite in var/, kombu's filesystem
broker, console email, DEBUG on and a generated secret kept in var/. `DJANGO_ENV=production` turns on every
production safeguard and refuses to start without the parts production needs. README.md lists every variable.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured(f"DJANGO_ENV must be 'development' or 'production', not {DJANGO_ENV!r}.")
PRODUCTION = DJANGO_ENV == "production"

# Where development state lives (SQLite file, filesystem broker, beat schedule, dev secret, file transports).
VAR_DIR = Path(env.str("ANODYNE_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _development_secret_key() -> str:
    """A random key made once per checkout, so that sessions survive a restart of `make run`."""
    path = VAR_DIR / "dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "DJANGO_ENV=production needs SECRET_KEY: a random value of at least 50 characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
else:
    SECRET_KEY = env.str("SECRET_KEY", default="") or _development_secret_key()

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ENV=production needs ALLOWED_HOSTS (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Mobile clients sign in through allauth's headless API and send its app token (X-Session-Token).
    "allauth.headless",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "django_htmx",
    "accounts",
    "treatment",
    "monitoring",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "accounts.audit.AuditContextMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.htmx: in-place actions answer with a fragment instead of a redirect.
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.SessionLifetimeMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
    # After the accounts middlewares: a patient who has not signed the current consent is sent to sign it.
    "treatment.middleware.ConsentRequiredMiddleware",
]

ROOT_URLCONF = "anodyne.urls"
WSGI_APPLICATION = "anodyne.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'anodyne.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: the oversight pages are many small correlated subqueries whose estimated cost is far above
    # jit_above_cost, and compiling them first cost 45 s at 1,000 patients against 1.5 s without (outcomes page).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
elif PRODUCTION:
    raise ImproperlyConfigured("DJANGO_ENV=production needs DATABASE_URL pointing at PostgreSQL.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (allauth's rate limits count here) -------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
elif PRODUCTION:
    # Rate limits kept per process would let an attacker multiply them by the number of workers.
    raise ImproperlyConfigured("DJANGO_ENV=production needs REDIS_URL (cache and sign-in rate limits).")
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts, passwords, sign-in -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Anodyne: "
# Rate limits: allauth's defaults, counted in the cache (Redis when REDIS_URL is set). Among them: sign-in
# 30/minute per IP; failed sign-ins 10/minute per IP and 5 per 5 minutes per account; password reset 5/minute
# per address.
MFA_ADAPTER = "accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Anodyne"

# Session lifetimes (accounts.middleware.SessionLifetimeMiddleware). Staff: 15 minutes idle, 12 hours at most.
# Patients log a session in two steps around a dose that can leave them drowsy for an hour or two, so their
# idle limit is longer: 4 hours idle, 30 days at most.
ANODYNE_STAFF_IDLE = timedelta(minutes=env.int("ANODYNE_STAFF_IDLE_MINUTES", default=15))
ANODYNE_STAFF_MAX_AGE = timedelta(hours=env.int("ANODYNE_STAFF_MAX_HOURS", default=12))
ANODYNE_PATIENT_IDLE = timedelta(minutes=env.int("ANODYNE_PATIENT_IDLE_MINUTES", default=240))
ANODYNE_PATIENT_MAX_AGE = timedelta(hours=env.int("ANODYNE_PATIENT_MAX_HOURS", default=24 * 30))
SESSION_COOKIE_AGE = int(max(ANODYNE_STAFF_MAX_AGE, ANODYNE_PATIENT_MAX_AGE).total_seconds())

# An invitation link (accounts.invitations) works once and only for this many days; a resend starts a new period.
ANODYNE_INVITATION_DAYS = env.int("ANODYNE_INVITATION_DAYS", default=7)

# The audit trail records the client's address: REMOTE_ADDR, or, behind a proxy that sets X-Forwarded-For
# itself, that header's last entry.
ANODYNE_TRUST_X_FORWARDED_FOR = env.bool("ANODYNE_TRUST_X_FORWARDED_FOR", default=False)

# FHIR export (CLINICAL.md section 5): the code system of instruments without a LOINC code of ours (peg3, pgic,
# bladder) and of local items; codes are the instrument code and `code.item`.
ANODYNE_CODE_SYSTEM = env.str("ANODYNE_CODE_SYSTEM", default="urn:anodyne:instrument")

# --- Email --------------------------------------------------------------------------------------------------
# EMAIL_URL (django-environ's URL forms: consolemail://, filemail:///path, smtp+tls://user:pass@host:587) becomes
# Django 6.1's MAILERS setting, which replaces the deprecated EMAIL_* settings.
if PRODUCTION and not env.str("EMAIL_URL", default=""):
    raise ImproperlyConfigured("DJANGO_ENV=production needs EMAIL_URL (e.g. smtp+tls://user:password@host:587).")
_email = env.email_url("EMAIL_URL", default="consolemail://")
_email_options = {
    option: _email[key]
    for key, option in [
        ("EMAIL_HOST", "host"),
        ("EMAIL_PORT", "port"),
        ("EMAIL_HOST_USER", "username"),
        ("EMAIL_HOST_PASSWORD", "password"),
        ("EMAIL_USE_TLS", "use_tls"),
        ("EMAIL_USE_SSL", "use_ssl"),
        ("EMAIL_FILE_PATH", "file_path"),
    ]
    if _email.get(key) not in (None, "")
}
if not _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    _email_options = {k: v for k, v in _email_options.items() if k == "file_path"}
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"], "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Anodyne <no-reply@anodyne.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -------------------------------------------------------------------------------------------------
# Beat only ticks; what is due lives in the database. Defaults are for tasks with side effects: a task is
# acknowledged after it ran, put back if its worker dies, one at a time per worker process, JSON only.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    _control_dir = VAR_DIR / "celery" / "control"
    for _folder in (_queue_dir, _control_dir):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(_control_dir),
        "store_processed": False,
    }
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=150)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "purge-expired-sessions": {"task": "accounts.tasks.purge_expired_sessions", "schedule": 60 * 60},
    "verify-audit-chain": {"task": "accounts.tasks.verify_audit_chain", "schedule": 24 * 60 * 60},
    "schedule-upcoming-sessions": {"task": "treatment.tasks.schedule_upcoming_sessions", "schedule": 15 * 60},
    "mark-missed-and-incomplete-sessions": {
        "task": "treatment.tasks.mark_missed_and_incomplete_sessions",
        "schedule": 15 * 60,
    },
    "schedule-surveys": {"task": "monitoring.tasks.schedule_surveys", "schedule": 15 * 60},
    "expire-surveys": {"task": "monitoring.tasks.expire_surveys", "schedule": 15 * 60},
    # A patient's message unanswered past the clinic's reply time becomes an alert (monitoring.messages).
    "alert-unanswered-messages": {"task": "monitoring.tasks.alert_unanswered_messages", "schedule": 15 * 60},
    # The outbox lives in PostgreSQL; this tick only moves it forward (monitoring.notifications.dispatch_due).
    "dispatch-notifications": {"task": "monitoring.tasks.dispatch_notifications", "schedule": 60},
    # Reminders, digests and escalations queued as outbox rows (monitoring.reminders), a little ahead of time.
    "produce-notifications": {"task": "monitoring.tasks.produce_notifications", "schedule": 5 * 60},
}

# --- Notifications (monitoring/transports.py, monitoring/notifications.py) ------------------------------------
# Links in emails and text messages: the page opens after sign-in.
ANODYNE_BASE_URL = env.str("ANODYNE_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
# A short name (email, console, file, recording) or a dotted path to a monitoring.transports.Transport subclass.
ANODYNE_EMAIL_TRANSPORT = env.str("ANODYNE_EMAIL_TRANSPORT", default="email")
ANODYNE_SMS_TRANSPORT = env.str("ANODYNE_SMS_TRANSPORT", default="console")
# A row left in "sending" this long (a worker died mid-send) is sent again with the same idempotency key.
ANODYNE_NOTIFICATION_STALE_SECONDS = env.int("ANODYNE_NOTIFICATION_STALE_SECONDS", default=5 * 60)
ANODYNE_NOTIFICATION_MAX_ATTEMPTS = env.int("ANODYNE_NOTIFICATION_MAX_ATTEMPTS", default=5)
# The recording transport (tests): where it appends one line per accepted message, and how long a send takes.
ANODYNE_RECORDING_TRANSPORT_DIR = env.str("ANODYNE_RECORDING_TRANSPORT_DIR", default=str(VAR_DIR / "recording"))
ANODYNE_RECORDING_TRANSPORT_DELAY_MS = env.int("ANODYNE_RECORDING_TRANSPORT_DELAY_MS", default=0)

# --- REST framework -------------------------------------------------------------------------------------------
# The API (api/): browsers use their session (with CSRF), mobile clients allauth's headless app token; staff reach
# nothing before two-factor authentication, as on the pages. One error shape (api/errors.py), cursor pagination,
# filters, per-user and per-IP throttles (sign-in itself is rate-limited by allauth, more strictly).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.AppTokenAuthentication",  # allauth's XSessionTokenAuthentication, answering 401
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.SignedInWithTwoFactorIfStaff"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.NewestFirstCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_standardized_errors.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("ANODYNE_API_ANON_RATE", default="60/min"),
        "user": env.str("ANODYNE_API_USER_RATE", default="600/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
DRF_STANDARDIZED_ERRORS = {"EXCEPTION_HANDLER_CLASS": "api.errors.AnodyneExceptionHandler"}
HEADLESS_CLIENTS = ("app",)
SPECTACULAR_SETTINGS = {
    "TITLE": "Anodyne API",
    "DESCRIPTION": (
        "Oversight of at-home ketamine therapy for chronic pain: the same rules as the pages. Authenticate with the "
        "session (browsers, with the CSRF token) or with allauth's headless app token in `X-Session-Token` (mobile "
        "clients: `/_allauth/app/v1/auth/login`, then `/_allauth/app/v1/auth/2fa/authenticate` for staff). Send an "
        "`Idempotency-Key` header with every POST and PATCH. Every error has one shape: "
        '`{"type": ..., "errors": [{"code": ..., "detail": ..., "attr": ...}]}`.'
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ValidationErrorEnum": "drf_standardized_errors.openapi_serializers.ValidationErrorEnum.choices",
        "ClientErrorEnum": "drf_standardized_errors.openapi_serializers.ClientErrorEnum.choices",
        "ServerErrorEnum": "drf_standardized_errors.openapi_serializers.ServerErrorEnum.choices",
    },
    "POSTPROCESSING_HOOKS": [
        # drf-standardized-errors' copy of drf-spectacular's enum hook, instead of it: it leaves the per-operation
        # error components alone (their "attr"/"code" enums collide across operations by design).
        "drf_standardized_errors.openapi_hooks.postprocess_schema_enums",
    ],
}
# How long a stored response answers a retried request with the same Idempotency-Key (issue 9: at least 24 hours).
ANODYNE_IDEMPOTENCY_HOURS = env.int("ANODYNE_IDEMPOTENCY_HOURS", default=24)

# --- Internationalisation -------------------------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files (served by the app through whitenoise; never a CDN) ------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "anodyne" / "static"]
if not PRODUCTION:
    # Development and tests serve files straight from the apps' folders, even with DEBUG off (test runs).
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Security headers -------------------------------------------------------------------------------------------
# Content Security Policy (Django's own middleware): only this origin; the TOTP QR code is a data: image.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
        # Only behind a proxy that sets this header itself and strips it from clients.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
