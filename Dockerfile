# Anodyne: one image for every process of docker-compose.yml (gunicorn, migrate, celery worker, celery beat).
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

# The processes run as this user; the code it runs stays owned by root, so it cannot rewrite it. Its home is
# writable because gunicorn keeps its control socket there (~/.gunicorn/).
RUN groupadd --system --gid 10001 anodyne \
 && useradd --system --uid 10001 --gid anodyne --create-home --home-dir /home/anodyne \
    --shell /usr/sbin/nologin anodyne

WORKDIR /app

# The only network fetch: the locked production dependencies, each checked against its hash.
COPY requirements.txt ./
RUN pip install --require-hashes --no-deps -r requirements.txt

COPY . .

# Collect static files with production storage so that whitenoise finds the manifest at run time. The values
# below exist only for this step: settings need them present and connect to nothing while collecting.
RUN DJANGO_ENV=production \
    SECRET_KEY=build-time-only-placeholder-collectstatic-signs-nothing-never-used-at-runtime \
    ALLOWED_HOSTS=build \
    DATABASE_URL=postgres://build@localhost/build \
    REDIS_URL=redis://localhost:6379/0 \
    CELERY_BROKER_URL=redis://localhost:6379/0 \
    EMAIL_URL=consolemail:// \
    python manage.py collectstatic --noinput \
 && rm -rf /app/var \
 && install -d -o anodyne -g anodyne -m 0750 /app/var

# /app/var (default ANODYNE_VAR_DIR) is the one writable place: settings create it, beat keeps its schedule there.
USER anodyne:anodyne

EXPOSE 8000

CMD ["gunicorn", "anodyne.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
