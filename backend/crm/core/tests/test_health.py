import os
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.test import APIClient

BACKEND_DIR = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_health_reports_the_database():
    response = APIClient().get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "sync": {"pending": 0, "parked": 0, "rejected": 0, "failed": 0},
    }


def test_errors_have_one_shape(db):
    response = APIClient().get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json() == {"code": "not_authenticated", "message": "请先登录", "fields": {}}


def test_production_settings_pass_the_deploy_check():
    environment = {
        **os.environ,
        "CRM_PRODUCTION": "1",
        "CRM_SECRET_KEY": "a-production-secret-key-that-is-long-and-random-0f9e8d7c6b5a4",
        "CRM_ALLOWED_HOSTS": "crm.example.com",
        "CRM_FIELD_ENCRYPTION_KEYS": "Cr0ZqVbDVYvA6ZoTPq6c8L9o0Ah5yXnG6V3jVYI9sI0=",
        "CRM_BLIND_INDEX_KEY": "bGludC1ibGluZC1pbmRleC1rZXktMzItYnl0ZXMhISE=",
        "CRM_MALL_WEBHOOK_SECRET": "whsec_cHJvZHVjdGlvbi1tYWxsLXdlYmhvb2stc2VjcmV0",
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BACKEND_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_the_development_secret_key():
    environment = {**os.environ, "CRM_PRODUCTION": "1"}
    environment.pop("CRM_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BACKEND_DIR, env=environment, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "CRM_SECRET_KEY must be set" in result.stderr
