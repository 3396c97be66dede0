"""docker-compose.yml, the Dockerfile and .env.example name real parts of the project (Docker is not run)."""

import json
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from celery.app.utils import find_app
from celery.bin.celery import celery as celery_cli
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import get_commands
from django.urls import resolve
from gunicorn.config import Config
from gunicorn.util import import_app

import anodyne

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()
SERVICES = yaml.safe_load(COMPOSE_TEXT)["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
DOCKERFILE_CMD = json.loads(re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.MULTILINE).group(1))
ENV_EXAMPLE = dict(re.findall(r"^([A-Z]\w*)=(.*)$", (ROOT / ".env.example").read_text(), re.MULTILINE))
# ${VAR}, ${VAR:?error}, ${VAR:-default} or $VAR; $$ is a literal dollar sign.
INTERPOLATED = re.compile(r"(?<!\$)\$\{?([A-Za-z_]\w*)(?::?[-?][^}]*)?\}?")
APP_SERVICES = ["migrate", "web", "worker", "beat"]


def command(service):
    value = SERVICES[service]["command"]
    return shlex.split(value) if isinstance(value, str) else value


def waits_for(service):
    """Every service this one waits for, directly or through another, with the condition it waits on."""
    found = {}
    for name, dependency in SERVICES[service].get("depends_on", {}).items():
        found |= waits_for(name) | {name: dependency["condition"]}
    return found


def test_stack_has_database_cache_migration_web_worker_and_beat():
    assert {"postgres", "redis", "migrate", "web", "worker", "beat"} <= set(SERVICES)


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_service_is_built_from_the_dockerfile_and_runs_in_production(service):
    assert SERVICES[service]["build"] == "."
    assert SERVICES[service]["env_file"] == ".env"
    assert SERVICES[service]["environment"]["DJANGO_ENV"] == "production"


@pytest.mark.parametrize("cmd", [command("web"), DOCKERFILE_CMD], ids=["web", "dockerfile"])
def test_web_runs_the_projects_wsgi_application(cmd):
    assert cmd[0] == "gunicorn"
    options = Config().parser().parse_args(cmd[1:])  # exits on an option gunicorn does not know
    assert options.bind == ["0.0.0.0:8000"]
    assert isinstance(import_app(options.args[0]), WSGIHandler)


def test_web_publishes_the_port_gunicorn_binds():
    assert [port.rsplit(":", 1)[1] for port in SERVICES["web"]["ports"]] == ["8000"]
    assert re.search(r"^EXPOSE 8000$", DOCKERFILE, re.MULTILINE)


@pytest.mark.parametrize("service", ["worker", "beat"])
def test_celery_service_runs_the_projects_celery_app(service):
    assert command(service)[:4] == ["celery", "-A", "anodyne", service]
    assert find_app("anodyne") is anodyne.celery_app
    assert service in celery_cli.commands


def test_manage_py_commands_exist():
    assert command("migrate")[:3] == ["python", "manage.py", "migrate"]
    assert re.findall(r"manage\.py (\w+)", DOCKERFILE) == ["collectstatic"]
    assert {"migrate", "collectstatic"} <= set(get_commands())


def test_beat_keeps_its_schedule_on_a_volume_the_non_root_user_can_write():
    schedule = Path(command("beat")[command("beat").index("--schedule") + 1])
    assert f"beat-schedule:{schedule.parent}" in SERVICES["beat"]["volumes"]
    assert re.search(rf"install -d -o anodyne -g anodyne .*{schedule.parent}$", DOCKERFILE, re.MULTILINE)
    assert re.search(r"^USER anodyne", DOCKERFILE, re.MULTILINE)


def test_services_waited_on_as_healthy_and_serving_ones_define_a_healthcheck():
    waited_on = {name for s in SERVICES for name, c in waits_for(s).items() if c == "service_healthy"}
    assert waited_on == {"postgres", "redis"}
    for name in [*waited_on, "web", "worker"]:
        assert SERVICES[name]["healthcheck"]["test"], name


def test_web_healthcheck_requests_the_health_endpoint():
    script = SERVICES["web"]["healthcheck"]["test"][-1]
    compile(script, "healthcheck", "exec")
    assert "http://127.0.0.1:8000/health/" in script
    assert resolve("/health/").url_name == "health"


def test_migration_waits_for_postgres_to_be_healthy():
    assert waits_for("migrate") == {"postgres": "service_healthy"}


@pytest.mark.parametrize("service", ["web", "worker", "beat"])
def test_app_service_starts_after_migrations_with_postgres_and_redis_healthy(service):
    healthy = {"postgres": "service_healthy", "redis": "service_healthy"}
    assert waits_for(service) == {"migrate": "service_completed_successfully", **healthy}


def test_every_interpolated_variable_is_documented_in_env_example():
    assert set(INTERPOLATED.findall(COMPOSE_TEXT)) <= set(ENV_EXAMPLE)


def test_production_settings_accept_the_stack_once_the_example_secrets_are_replaced(tmp_path):
    env = ENV_EXAMPLE | {"POSTGRES_PASSWORD": "pw", "SECRET_KEY": secrets.token_urlsafe(64)}
    for name, value in SERVICES["web"]["environment"].items():  # what compose adds to .env, interpolated
        env[name] = INTERPOLATED.sub(lambda match: env[match.group(1)], str(value))
    env |= {"DJANGO_SETTINGS_MODULE": "anodyne.settings", "ANODYNE_VAR_DIR": str(tmp_path)}
    code = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "'HOST': 'postgres'" in result.stdout


def test_dockerfile_copies_and_runs_files_that_exist():
    module = DOCKERFILE_CMD[1].split(":")[0]
    for path in [*re.findall(r"^COPY (\S+) ", DOCKERFILE, re.MULTILINE), f"{module.replace('.', '/')}.py"]:
        assert (ROOT / path).exists(), path


def test_programs_the_stack_runs_come_from_the_hashed_requirements():
    assert "pip install --require-hashes --no-deps -r requirements.txt" in DOCKERFILE
    locked = re.findall(r"^([a-z][\w-]*)==", (ROOT / "requirements.txt").read_text(), re.MULTILINE)
    programs = {command(service)[0] for service in APP_SERVICES} | {DOCKERFILE_CMD[0]}
    assert programs <= {*locked, "python"}
