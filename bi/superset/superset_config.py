"""Superset configuration for reading the jixiao warehouse (tested with Superset 6.1.0).

Point Superset at it with ``SUPERSET_CONFIG_PATH=/path/to/bi/superset/superset_config.py``. Everything
that differs between installations comes from the environment:

- ``SUPERSET_SECRET_KEY`` (required): signs sessions and encrypts stored database passwords. Generate
  one with ``openssl rand -base64 42`` and keep it: changing it makes the stored connections unreadable.
- ``SUPERSET_HOME``: where Superset keeps its own metadata (users, dashboards) in ``superset.db``
  (SQLite) unless ``SUPERSET_METADATA_URI`` names another database (PostgreSQL for production).

Superset's defaults are kept where they fit: synchronous SQL Lab queries stop after ``SQLLAB_TIMEOUT``
(30 s), charts time out after ``SUPERSET_WEBSERVER_TIMEOUT`` (60 s). Nothing here calls out to the
network: no example data, no map tiles, no analytics pixel.
"""

from __future__ import annotations

import os

_secret = os.environ.get("SUPERSET_SECRET_KEY", "")
if len(_secret) < 32:
    raise RuntimeError(
        "superset_config.py: set SUPERSET_SECRET_KEY to a random string of at least 32 characters "
        "(openssl rand -base64 42) and keep it for the life of this Superset installation"
    )
SECRET_KEY = _secret

DATA_DIR = os.environ.get("SUPERSET_HOME") or os.path.expanduser("~/.superset")
SQLALCHEMY_DATABASE_URI = os.environ.get("SUPERSET_METADATA_URI") or (
    f"sqlite:///{os.path.join(DATA_DIR, 'superset.db')}?check_same_thread=false"
)

# Chinese user interface by default; English stays one click away.
BABEL_DEFAULT_LOCALE = "zh"
LANGUAGES = {
    "zh": {"flag": "cn", "name": "Chinese"},
    "en": {"flag": "us", "name": "English"},
}
APP_NAME = "jixiao 绩效"

# SQL Lab: the warehouse is read-only anyway (connect_args read_only); keep DML, CTAS and CVAS off
# on the database too (the dashboard bundle's database says so), and cap what one query returns.
SQL_MAX_ROW = 100_000
DISPLAY_MAX_ROW = 10_000

# No result or chart cache: every chart query reads the warehouse file as it is now, so a publish
# shows on the next query. Set a cache (Redis) and DATA_CACHE_CONFIG only with a timeout no longer
# than the publish interval.
CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}
DATA_CACHE_CONFIG = {"CACHE_TYPE": "NullCache"}

FEATURE_FLAGS = {
    "DASHBOARD_RBAC": False,
    "ALERT_REPORTS": False,
    "THUMBNAILS": False,
    "ENABLE_TEMPLATE_PROCESSING": False,
}

# The same content-security policy as Superset's default, without the third-party hosts (analytics
# pixel, map tiles, web fonts): the browser never reaches out of the intranet.
TALISMAN_ENABLED = True
TALISMAN_CONFIG = {
    "content_security_policy": {
        "base-uri": ["'self'"],
        "default-src": ["'self'"],
        "img-src": ["'self'", "blob:", "data:"],
        "worker-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "object-src": "'none'",
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'", "data:"],
        "script-src": ["'self'", "'strict-dynamic'"],
    },
    "content_security_policy_nonce_in": ["script-src"],
    "force_https": False,
    "session_cookie_secure": False,
}
CONTENT_SECURITY_POLICY_WARNING = False
