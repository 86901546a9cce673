"""Settings of Chỉ tiêu. Every deployment value comes from the environment (see README, Configuration).

The defaults are the embedded shape: SQLite under var/, a filesystem broker under var/, no Redis.
Setting DATABASE_URL and REDIS_URL gives the production shape; nothing exists only in production.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from config.env import (
    ImproperlyConfiguredValue,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_mapping,
    env_str,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CHITIEU_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)


def _secret_key() -> str:
    # The embedded install keeps a generated key on disk so sessions survive restarts;
    # a deployment passes DJANGO_SECRET_KEY and never touches the file.
    try:
        return env_str("DJANGO_SECRET_KEY")
    except ValueError:
        key_file = VAR_DIR / "secret_key"
        if not key_file.exists():
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# The areas of the product in the menu: (section, label, URL name); core's context processor shows them.
NAVIGATION = [
    ("overview", _("Tổng quan"), "home"),
    ("organisations", _("Tổ chức"), "committees:organisation_list"),
    ("targets", _("Chỉ tiêu"), "targets:target_list"),
    ("documents", _("Văn bản"), "resolutions:document_list"),
    ("inspections", _("Kiểm tra, giám sát"), "inspections:inspection_list"),
    ("reports", _("Báo cáo"), "reports:report_list"),
]
NAVIGATION_ADMIN_LABEL = _("Quản trị")
# Which section a page belongs to: by its URL name first, then by its namespace (an app's label names its
# history pages' section too). Named by what the page is about: the dashboard is the overview, the
# half-year reporting cycle (under /chi-tieu/bao-cao-ky/) is reporting, the targets a document set belong
# to the document; the user's own pages (notices, API key) to none. tests/test_navigation.py fails for a
# page these do not place.
NAVIGATION_SECTIONS: dict[str, str | None] = {
    "home": "overview",
    "dashboard": "overview",
    "core:notice_list": None,
    "committees:api_token": None,
    "targets:cycle_current": "reports",
    "targets:cycle_panel": "reports",
    "targets:cycle_detail": "reports",
    "targets:narrative_edit": "reports",
    "targets:cycle_transition": "reports",
    "targets:document_targets": "documents",
    "committees": "organisations",
    "targets": "targets",
    "resolutions": "documents",
    "inspections": "inspections",
    "reports": "reports",
    "exchange": "reports",
    "admin": "admin",
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # PostgreSQL lookups (the unaccent extension comes from committees migration 0002); harmless on SQLite.
    "django.contrib.postgres",
    "django_filters",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "core",
    "committees",
    "resolutions",
    "targets",
    "inspections",
    "reports",
    "exchange",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the database (the session): decides whether this request may use a replica.
    "config.db_router.ReplicaMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'chitieu.sqlite3'}"), base_dir=BASE_DIR
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # psycopg 3's pool keeps connections warm; CONN_MAX_AGE must stay 0 with it. `check` tests each
    # connection as it leaves the pool, so after a database restart no request gets a dead one
    # (tests/faults/test_database_restart.py).
    if env_bool("DATABASE_POOL", True):
        from psycopg_pool import ConnectionPool

        DATABASES["default"]["OPTIONS"].setdefault("pool", {"check": ConnectionPool.check_connection})
    else:
        DATABASES["default"]["OPTIONS"].setdefault("pool", False)
    # No JIT: compiling the dashboard's aggregates took 1-2 s each, running them 0,25 s (bench/province.py).
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
else:
    # A file, not memory, so that a worker process started by a test sees the same test database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test_chitieu.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process read while the worker writes a report run.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
# Streaming replicas of the primary, for the reads of pages that wrote nothing lately (config/db_router.py):
# DATABASE_REPLICA_URLS=postgres://…@replica1/chitieu,postgres://…@replica2/chitieu. Tests read them as the
# primary (MIRROR).
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS", [])):
    _replica = parse_database_url(_url, base_dir=BASE_DIR)
    _replica["OPTIONS"] = {**DATABASES["default"]["OPTIONS"], **_replica["OPTIONS"]}
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_number + 1}"] = _replica
DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]
# How long after a write a user's reads stay on the primary: more than the replicas ever lag.
REPLICA_STICKY_SECONDS = env_int("REPLICA_STICKY_SECONDS", 5, minimum=1, maximum=3600)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=300)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): after CHITIEU_LOGIN_FAILURES wrong passwords for one user name from one
# address, that pair is locked for CHITIEU_LOGIN_COOLOFF_MINUTES; an admin unlocks it in the admin
# ("Access attempts": delete the row) or with `manage.py axes_reset_username NAME`.
AUTHENTICATION_BACKENDS = [
    "committees.auth.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("CHITIEU_LOGIN_FAILURES", 5, minimum=1, maximum=1000)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CHITIEU_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "committees.views.login_locked_out"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# The empty choice of every filter (django-filter's default is "---------"): no filter means all of them.
FILTERS_EMPTY_CHOICE_LABEL = _("Tất cả")

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Stored files are never served under MEDIA_URL: only views that check access hand them out
# (core/uploads.py). An attachment larger than this many megabytes is refused.
CHITIEU_UPLOAD_MAX_MB = env_int("CHITIEU_UPLOAD_MAX_MB", 20, minimum=1, maximum=500)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# The JSON API under /api/v1/ (README, API): a token per user or the browser's session, the same scopes as
# the pages, JSON only, pages of 50 (at most 200 with ?page_size=).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "committees.api_request.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["committees.api_request.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "core.api_defaults.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["core.api_defaults.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api_defaults.exception_handler",
    "PAGE_SIZE": 50,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Chỉ tiêu API",
    "DESCRIPTION": (
        "Read targets, readings, documents, organisations and report runs within the token's scope; "
        "record readings. Authenticate with the header `Authorization: Token <key>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganisationKindEnum": "committees.models.OrganisationKind",
        "LinkKindEnum": "resolutions.models.LinkKind",
        "ReadingKindEnum": "targets.models.ReadingKind",
        "ReportKindEnum": "reports.models.ReportKind",
        "InspectionKindEnum": "inspections.models.Kind",
    },
}

# Security: the same values everywhere; a TLS deployment turns on the https-only ones.
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", False) else None
)
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Background jobs. Without REDIS_URL the broker is a folder under var/: a real worker process
# still picks the jobs up, exactly as in production, with nothing to install.
REDIS_URL = env_str("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=60)}
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "broker" / "queue"),
        "data_folder_out": str(VAR_DIR / "broker" / "queue"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        # Broadcast (worker control) exchanges: kept under var/ rather than in the working directory.
        "control_folder": str(VAR_DIR / "broker" / "control"),
        "store_processed": False,
    }
)
if not REDIS_URL:
    # The filesystem transport does not create its folders itself.
    for _folder in ("queue", "processed", "control"):
        (VAR_DIR / "broker" / _folder).mkdir(parents=True, exist_ok=True)
# Two queues, so that workers can be added to either: PDF renders (seconds to minutes of WeasyPrint each)
# on "reports", everything else (imports, reminders, pings) on the default queue, where a batch of renders
# cannot hold it up. A worker started without `-Q` listens to both (CELERY_TASK_QUEUES); docker-compose runs
# one service per queue (docs/performance.md).
CELERY_TASK_DEFAULT_QUEUE = "celery"
REPORTS_QUEUE = "reports"
CELERY_TASK_QUEUES = (Queue(CELERY_TASK_DEFAULT_QUEUE), Queue(REPORTS_QUEUE))
CELERY_TASK_ROUTES = {"reports.report_run_execute": {"queue": REPORTS_QUEUE}}
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240, minimum=10)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300, minimum=15)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# How often beat looks for report runs to send again (tests/faults/: worker killed, broker down).
CHITIEU_REQUEUE_EVERY = env_int("CHITIEU_REQUEUE_EVERY", 60, minimum=1, maximum=3600)
# Beat's state in a file of its own that nothing else opens, written without dbm (config/beat.py).
CELERY_BEAT_SCHEDULER = "config.beat:Scheduler"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "beat" / "schedule")
# How often beat records that it is alive and asks a worker to answer; /healthz calls either of them down
# after 3 times this without news.
CHITIEU_HEARTBEAT_EVERY = env_int("CHITIEU_HEARTBEAT_EVERY", 60, minimum=1, maximum=3600)
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Runs left "running" by a worker that died go back to the queue, and queued runs whose message
    # never reached the broker (it was down) are sent again (reports/run_services.py); imports likewise.
    "reports-requeue-stuck-runs": {
        "task": "reports.requeue_stuck_runs",
        "schedule": float(CHITIEU_REQUEUE_EVERY),
    },
    # Daily: drafts the half-year report of every organisation with targets, ahead of 30/6 and 31/12.
    "exchange-requeue-stuck-imports": {
        "task": "exchange.requeue_stuck_imports",
        "schedule": float(CHITIEU_REQUEUE_EVERY),
    },
    "reports-draft-half-year": {
        "task": "reports.draft_half_year_reports",
        "schedule": crontab(hour=6, minute=15),
    },
    # Daily: reminders before and on the submission deadline, and who is late, to the level above.
    "targets-submission-reminders": {
        "task": "targets.send_submission_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}
# Rendering one report: a soft limit the task can catch and record, then the hard limit that kills it.
CHITIEU_REPORT_SOFT_TIME_LIMIT = env_int("CHITIEU_REPORT_SOFT_TIME_LIMIT", 120, minimum=10)
CHITIEU_REPORT_TIME_LIMIT = env_int("CHITIEU_REPORT_TIME_LIMIT", 180, minimum=15)
if CHITIEU_REPORT_TIME_LIMIT <= CHITIEU_REPORT_SOFT_TIME_LIMIT:
    raise ImproperlyConfiguredValue("CHITIEU_REPORT_TIME_LIMIT must be above CHITIEU_REPORT_SOFT_TIME_LIMIT")
# Importing one uploaded workbook (50.000 rows a sheet at most), the same two limits.
CHITIEU_IMPORT_SOFT_TIME_LIMIT = env_int("CHITIEU_IMPORT_SOFT_TIME_LIMIT", 600, minimum=10)
CHITIEU_IMPORT_TIME_LIMIT = env_int("CHITIEU_IMPORT_TIME_LIMIT", 660, minimum=15)
if CHITIEU_IMPORT_TIME_LIMIT <= CHITIEU_IMPORT_SOFT_TIME_LIMIT:
    raise ImproperlyConfiguredValue("CHITIEU_IMPORT_TIME_LIMIT must be above CHITIEU_IMPORT_SOFT_TIME_LIMIT")

CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # An unreachable Redis costs a page at most these seconds: the cache then fails open to the
            # database (committees/subtree_cache.py). Without them a lost server hangs the request.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Mail goes to the console until an SMTP host is configured (reminders are also shown in the app).
_EMAIL_HOST = env_str("EMAIL_HOST", "")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _EMAIL_HOST,
                "port": env_int("EMAIL_PORT", 25, minimum=1, maximum=65535),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
            },
        }
        if _EMAIL_HOST
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "chitieu@localhost")
# The address users open the product at, for links in e-mails (https://chitieu.tinhuy.vn, no trailing /).
CHITIEU_SITE_URL = env_str("CHITIEU_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Domain settings (DOMAIN.md): made configuration where the rule is uncertain.
CHITIEU_ROUNDING = env_choice("CHITIEU_ROUNDING", "half_up", ("half_up", "truncate"))
CHITIEU_REPORT_MARGINS_MM = tuple(
    int(v) for v in env_list("CHITIEU_REPORT_MARGINS_MM", ["20", "15", "20", "30"])
)  # top, right, bottom, left
# How many days before 30/6 (and 31/12) the half-year report of each organisation is drafted.
CHITIEU_DRAFT_DAYS_BEFORE = env_int("CHITIEU_DRAFT_DAYS_BEFORE", 10, minimum=0, maximum=90)

# The reporting cycle (targets/cycle.py). Days after the end of a half-year by which each level submits:
# cut-off 30/6, cells by 5/7, grassroots by 10/7... A deadline set for one period in the admin wins.
CHITIEU_SUBMISSION_DEADLINE_DAYS = env_mapping(
    "CHITIEU_SUBMISSION_DEADLINE_DAYS",
    {
        "group": 5,
        "cell": 5,
        "sub_committee": 7,
        "grassroots_cell": 10,
        "grassroots_committee": 10,
        "upper_grassroots": 15,
        "bloc": 15,
        "provincial": 20,
    },
    maximum=90,
)
# Organisation kinds that submit (a tổ đảng reports through its cell).
CHITIEU_REPORTING_KINDS = env_list(
    "CHITIEU_REPORTING_KINDS",
    [k for k in CHITIEU_SUBMISSION_DEADLINE_DAYS if k != "group"],
)
# Reminders go to the staff of organisations that have not submitted, this many days before the deadline.
CHITIEU_REMINDER_DAYS_BEFORE = sorted(
    {int(v) for v in env_list("CHITIEU_REMINDER_DAYS_BEFORE", ["3", "0"])}, reverse=True
)
# The level above hears who is late on the first day after the deadline, then every this many days.
CHITIEU_LATE_NOTICE_EVERY_DAYS = env_int("CHITIEU_LATE_NOTICE_EVERY_DAYS", 7, minimum=1, maximum=90)
# Validation on entry: a value more than RATIO times above or below the median of the organisation's own
# history, or of its siblings' values, needs a note; judged only with at least MIN_REFERENCES values.
try:
    CHITIEU_OUTLIER_RATIO = Decimal(env_str("CHITIEU_OUTLIER_RATIO", "3"))
except InvalidOperation:
    raise ImproperlyConfiguredValue("CHITIEU_OUTLIER_RATIO must be a number such as 3 or 2.5") from None
if not CHITIEU_OUTLIER_RATIO > 1:
    raise ImproperlyConfiguredValue("CHITIEU_OUTLIER_RATIO must be above 1")
CHITIEU_OUTLIER_MIN_REFERENCES = env_int("CHITIEU_OUTLIER_MIN_REFERENCES", 3, minimum=1, maximum=50)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # WeasyPrint reports every layout step at INFO; only its warnings are worth a line in the log.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes notes every successful login at INFO; lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
    },
}
