"""The JixiaoSettings resource gives exactly the Settings the library reads from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.assets.resources import JixiaoSettings, settings_from_env
from jixiao.core.settings import Settings, SettingsError

ENV = {
    "JIXIAO_HOME": "/srv/jixiao 数据",
    "JIXIAO_INBOX": "/srv/inbox",
    "JIXIAO_MAX_FILE_MB": "8",
    "JIXIAO_MAX_PAGES": "40",
    "JIXIAO_PARSE_TIMEOUT_S": "12.5",
    "JIXIAO_WORKERS": "3",
    "JIXIAO_YOY_FACTOR": "5",
}


def _resolved(resource: JixiaoSettings) -> Settings:
    """The resource as Dagster initialises it (EnvVar values resolved), then its Settings."""
    return resource.process_config_and_initialize().settings()


@pytest.fixture()
def clean_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for var in (*ENV, "JIXIAO_STAGING", "JIXIAO_WAREHOUSE"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


def test_defaults_match_settings_from_env(clean_env) -> None:
    assert _resolved(settings_from_env()) == Settings.from_env()
    assert Settings.from_env().warehouse == Path("data/jixiao.duckdb")


def test_environment_is_bound_and_matches_settings_from_env(clean_env) -> None:
    for var, value in ENV.items():
        clean_env.setenv(var, value)
    resource = settings_from_env()
    assert resource.home is not None and resource.workers is not None  # bound as EnvVar
    settings = _resolved(resource)
    assert settings == Settings.from_env()
    assert settings.inbox == Path("/srv/inbox")
    assert settings.staging == Path("/srv/jixiao 数据/staging")
    assert settings.limits.max_file_bytes == 8 * 2**20
    assert (settings.limits.max_pages, settings.limits.max_seconds, settings.workers) == (40, 12.5, 3)


def test_explicit_fields_override_the_environment(clean_env, tmp_path: Path) -> None:
    clean_env.setenv("JIXIAO_WORKERS", "4")
    resource = JixiaoSettings(home=str(tmp_path), max_pages=7, parse_timeout_s=3.0, yoy_factor=2.5)
    settings = resource.settings()
    assert settings.warehouse == tmp_path / "jixiao.duckdb"
    assert settings.workers == 4
    assert (settings.limits.max_pages, settings.limits.max_seconds, settings.yoy_factor) == (7, 3.0, 2.5)


def test_a_bad_value_is_a_plain_error(clean_env) -> None:
    with pytest.raises(SettingsError, match="workers must be a whole number"):
        JixiaoSettings(workers=0).settings()
    clean_env.setenv("JIXIAO_YOY_FACTOR", "ten")
    with pytest.raises(SettingsError, match="JIXIAO_YOY_FACTOR must be a number"):
        JixiaoSettings().settings()
