"""The project's Dagster resources, declared in one place."""

import dataclasses
import os
from pathlib import Path

from dagster import ConfigurableResource, EnvVar

from jixiao.core.settings import Settings

_MB = 1024 * 1024


class JixiaoSettings(ConfigurableResource):
    """Paths and limits for one jixiao deployment; an unset field falls back to ``Settings.from_env()``."""

    home: str | None = None
    inbox: str | None = None
    staging: str | None = None
    warehouse: str | None = None
    max_file_mb: float | None = None
    max_pages: int | None = None
    parse_timeout_s: float | None = None
    workers: int | None = None
    yoy_factor: float | None = None

    def settings(self) -> Settings:
        """The plain ``jixiao.core.settings.Settings`` the library functions take."""
        overrides: dict[str, object] = {}
        for name in ("home", "inbox", "staging", "warehouse"):
            value = getattr(self, name)
            if value:
                overrides[name] = Path(value)
        if self.workers is not None:
            overrides["workers"] = self.workers
        if self.yoy_factor is not None:
            overrides["yoy_factor"] = self.yoy_factor
        base = Settings.from_env(**overrides)
        limits: dict[str, object] = {}
        if self.max_file_mb is not None:
            limits["max_file_bytes"] = int(self.max_file_mb * _MB)
        if self.max_pages is not None:
            limits["max_pages"] = self.max_pages
        if self.parse_timeout_s is not None:
            limits["max_seconds"] = self.parse_timeout_s
        if limits:
            base = dataclasses.replace(base, limits=dataclasses.replace(base.limits, **limits))
        return base


# Float fields (max_file_mb, parse_timeout_s, yoy_factor) have no EnvVar form in Dagster; left None,
# Settings.from_env() reads $JIXIAO_MAX_FILE_MB, $JIXIAO_PARSE_TIMEOUT_S and $JIXIAO_YOY_FACTOR itself.
_STR_ENV: dict[str, str] = {
    "home": "JIXIAO_HOME",
    "inbox": "JIXIAO_INBOX",
    "staging": "JIXIAO_STAGING",
    "warehouse": "JIXIAO_WAREHOUSE",
}
_INT_ENV: dict[str, str] = {"max_pages": "JIXIAO_MAX_PAGES", "workers": "JIXIAO_WORKERS"}


def settings_from_env() -> JixiaoSettings:
    """The resource bound to the ``$JIXIAO_*`` variables that are set (shown as EnvVar in the UI).

    Unset variables stay None so the defaults are exactly those of ``Settings.from_env()``.
    """
    bound: dict[str, object] = {f: EnvVar(v) for f, v in _STR_ENV.items() if os.environ.get(v)}
    bound.update({f: EnvVar.int(v) for f, v in _INT_ENV.items() if os.environ.get(v)})
    return JixiaoSettings(**bound)


def resources() -> dict[str, object]:
    """Every resource the definitions bind, by key."""
    return {"jixiao": settings_from_env()}
