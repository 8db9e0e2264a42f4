"""MallCRM settings: one module, driven by environment variables.

Every variable is listed with its default in `.env.example`. Business knobs that admins
change at run time are not here: they live in the dictionary app's parameters.
"""

import base64
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.environment import env_bool, env_list, env_str
from crm.core.crypto_keys import derive_key

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPOSITORY_DIR = BACKEND_DIR.parent
VAR_DIR = Path(env_str("CRM_VAR_DIR", str(REPOSITORY_DIR / "var")))
FRONTEND_DIST_DIR = REPOSITORY_DIR / "frontend" / "dist"

PRODUCTION = env_bool("CRM_PRODUCTION", False)
DEBUG = env_bool("CRM_DEBUG", False)

_DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production-0123456789"
SECRET_KEY = env_str("CRM_SECRET_KEY", _DEVELOPMENT_SECRET_KEY)
if PRODUCTION and SECRET_KEY == _DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("CRM_SECRET_KEY must be set in production (CRM_PRODUCTION=1).")

# Sensitive fields (crm.core.crypto): Fernet keys, the first encrypts, all decrypt; and the
# separate key of the blind index. Development derives both from the secret key.
_encryption_keys = env_list("CRM_FIELD_ENCRYPTION_KEYS", [])
_blind_index_key = env_str("CRM_BLIND_INDEX_KEY", "")
if PRODUCTION and (not _encryption_keys or not _blind_index_key):
    raise ImproperlyConfigured("CRM_FIELD_ENCRYPTION_KEYS and CRM_BLIND_INDEX_KEY must be set in production.")
FIELD_ENCRYPTION_KEYS = _encryption_keys or [
    base64.urlsafe_b64encode(derive_key(SECRET_KEY, "field-encryption")).decode()
]
BLIND_INDEX_KEY = _blind_index_key or base64.urlsafe_b64encode(derive_key(SECRET_KEY, "blind-index")).decode()

CRM_HOST = env_str("CRM_HOST", "127.0.0.1")
CRM_PORT = int(env_str("CRM_PORT", "8000"))
ALLOWED_HOSTS = env_list("CRM_ALLOWED_HOSTS", ["127.0.0.1", "localhost", CRM_HOST])
CSRF_TRUSTED_ORIGINS = env_list("CRM_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "crm.core",
    "crm.audit",
    "crm.dictionary",
    "crm.org",
    "crm.accounts",
    "crm.customers",
    "crm.commerce",
    "crm.sync",
    "crm.analytics",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "crm.audit.context.AuditContextMiddleware",
    "crm.accounts.middleware.IdleSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

_DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'mallcrm.sqlite3'}"
DATABASE_URL = env_str("CRM_DATABASE_URL", _DEFAULT_DATABASE_URL)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the simulator, the web process and the task consumer read while one writes;
    # IMMEDIATE transactions take the write lock up front instead of failing mid-transaction.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;",
        "transaction_mode": "IMMEDIATE",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compiles a plan PostgreSQL thinks expensive, which costs 30–40 ms: more than the
    # statistics and lists it would speed up take in all (docs/benchmarks.md). Parallel
    # workers cost more than they save on a small host serving many users at once (on 2
    # cores a supervisor's customer value 118 → 55 ms of SQL without them, the company's
    # 3.4 → 2.3 s); a database host with cores to spare can allow them.
    parallel_workers = env_str("CRM_DATABASE_PARALLEL_WORKERS", "0")
    DATABASES["default"]["OPTIONS"] = {
        "options": f"-c jit=off -c max_parallel_workers_per_gather={int(parallel_workers)}"
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("CRM_REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "crm.core.cache.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background work (crm.sync.tasks): SQLite-backed beside the database by default, Redis
# when CRM_REDIS_URL is set (several consumers on several hosts).
HUEY: dict[str, object] = {
    "name": "mallcrm",
    "immediate": env_bool("CRM_TASKS_IMMEDIATE", False),
    "consumer": {"workers": int(env_str("CRM_TASK_WORKERS", "2")), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
else:
    # Huey opens its file when Django starts, before any command could create the folder.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    HUEY.update({"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "tasks.sqlite3")})

# The mall's webhook secret(s) (`whsec_...`): the current one, and during a rotation the
# previous one too. Development uses a fixed secret that the simulated mall also knows.
_DEVELOPMENT_WEBHOOK_SECRET = "whsec_ZGV2ZWxvcG1lbnQtb25seS1tYWxsLXdlYmhvb2sta2V5IQ=="
MALL_WEBHOOK_SECRET = env_str("CRM_MALL_WEBHOOK_SECRET", _DEVELOPMENT_WEBHOOK_SECRET)
if PRODUCTION and MALL_WEBHOOK_SECRET == _DEVELOPMENT_WEBHOOK_SECRET:
    raise ImproperlyConfigured("CRM_MALL_WEBHOOK_SECRET must be set in production.")
MALL_WEBHOOK_SECRETS = [MALL_WEBHOOK_SECRET, *env_list("CRM_MALL_WEBHOOK_SECRET_PREVIOUS", [])]
# The mall's export API, pulled for reconciliation and backfill (empty: no pulling).
MALL_EXPORT_URL = env_str("CRM_MALL_EXPORT_URL", "")
MALL_EXPORT_TOKEN = env_str("CRM_MALL_EXPORT_TOKEN", "")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["crm.accounts.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "crm.accounts.passwords.ConfigurableComplexityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = env_str("CRM_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = None  # no Django-served static files: the API renders JSON only
# Files the CRM writes (exports). Several app hosts must share it (a network volume), as
# the worker that writes an export is not the host that serves its download.
MEDIA_ROOT = Path(env_str("CRM_MEDIA_DIR", str(VAR_DIR / "media")))
# The built SPA is served from the site root (index.html, /assets/...) by WhiteNoise.
WHITENOISE_ROOT = FRONTEND_DIST_DIR if FRONTEND_DIST_DIR.exists() else None
# Vite names every built asset by its content's hash: a browser may keep them for good, and
# only index.html (never cached long) says which to fetch. `make frontend` writes gzip and
# Brotli copies beside each file, which WhiteNoise sends to browsers that accept them.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/assets/"

SESSION_COOKIE_NAME = "mallcrm_session"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# The idle timeout is a runtime parameter enforced by IdleSessionTimeoutMiddleware; this is
# the absolute upper bound of a session's life.
SESSION_COOKIE_AGE = 12 * 60 * 60
CSRF_COOKIE_HTTPONLY = False  # the SPA reads it to send X-CSRFToken
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("CRM_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env_str("CRM_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # /api/v1/health must answer plain HTTP probes from the load balancer.
    SECURE_REDIRECT_EXEMPT = [r"^api/v1/health$"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["crm.core.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "crm.core.pagination.PagePagination",
    "DEFAULT_FILTER_BACKENDS": [
        "crm.core.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "crm.core.errors.render_api_error",
    "DEFAULT_THROTTLE_RATES": {"login": env_str("CRM_LOGIN_THROTTLE_RATE", "30/min")},
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "MallCRM API",
    "DESCRIPTION": "The API of MallCRM, the CRM of a pharmaceutical B2B online mall.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DepartmentKindEnum": "crm.org.models.DepartmentKind.choices",
        "DepartmentStatusEnum": "crm.org.models.DepartmentStatus.choices",
        "DataScopeEnum": "crm.core.scope.DataScope.choices",
        "ParameterKindEnum": ["integer", "boolean", "string"],
        "ChurnStatusEnum": "crm.customers.selectors.ChurnStatus.choices",
        "OrderStatusEnum": "crm.commerce.models.OrderStatus.choices",
        "CustomerSourceEnum": "crm.customers.models.CustomerSource.choices",
        "OwnershipSourceEnum": "crm.customers.models.OwnershipSource.choices",
        "ChurnCaseStatusEnum": "crm.customers.models.ChurnCaseStatus.choices",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CRM_LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}
