"""The executor of every job, chosen by configuration: in process on one host, or Celery workers.

``JIXIAO_EXECUTOR=in_process`` (the default) runs a run's steps in its own process; parsing still
uses ``settings.workers`` processes. ``JIXIAO_EXECUTOR=celery`` sends every step to Celery workers
through the broker at ``$JIXIAO_CELERY_BROKER`` (results through ``$JIXIAO_CELERY_BACKEND``, default
the broker): parse steps to any worker, the steps that must run once to ``jixiao-publish``
(``jixiao.assets.routing``). It needs the ``scaleout`` extra (``requirements-scaleout.lock``).
"""

from __future__ import annotations

import os

from dagster import ExecutorDefinition, FilesystemIOManager, in_process_executor

from jixiao.core.settings import Settings

EXECUTOR_ENV = "JIXIAO_EXECUTOR"
BROKER_ENV = "JIXIAO_CELERY_BROKER"
BACKEND_ENV = "JIXIAO_CELERY_BACKEND"
FILES_PER_STEP_ENV = "JIXIAO_FILES_PER_STEP"
EXECUTORS = ("in_process", "celery")


def executor_kind() -> str:
    """``$JIXIAO_EXECUTOR``, checked: ``in_process`` or ``celery``."""
    kind = os.environ.get(EXECUTOR_ENV, "").strip() or "in_process"
    if kind not in EXECUTORS:
        choices = ", ".join(EXECUTORS)
        raise ValueError(f"{EXECUTOR_ENV}={kind!r} is not an executor; set it to one of {choices}.")
    return kind


def executor_from_env() -> ExecutorDefinition:
    """The executor the jobs use, from ``$JIXIAO_EXECUTOR`` and the broker variables."""
    if executor_kind() == "in_process":
        return in_process_executor
    try:
        from dagster_celery import celery_executor
    except ImportError as exc:
        raise RuntimeError(
            f"{EXECUTOR_ENV}=celery needs dagster-celery: install the scaleout extra "
            "(.venv/bin/pip install --no-deps -r requirements-scaleout.lock)."
        ) from exc
    if not os.environ.get(BROKER_ENV):
        raise RuntimeError(f"{EXECUTOR_ENV}=celery needs {BROKER_ENV}, e.g. redis://broker-host:6379/0.")
    backend = BACKEND_ENV if os.environ.get(BACKEND_ENV) else BROKER_ENV
    # {"env": ...}: the URL (and its password) is read when a run starts, never stored in a snapshot.
    config = {"broker": {"env": BROKER_ENV}, "backend": {"env": backend}}
    return celery_executor.configured(config, name="celery")


def executor_resources() -> dict[str, object]:
    """Resources the executor needs: on Celery, step outputs kept where every host can read them.

    The nightly fan-out hands each parse step its file list and collects the outcomes through the
    IO manager; Dagster's default keeps them under ``$DAGSTER_HOME`` of the host that wrote them, so
    on Celery they go under the shared staging folder instead (``<staging>/dagster_io``).
    """
    if executor_kind() == "in_process":
        return {}
    return {"io_manager": FilesystemIOManager(base_dir=str(Settings.from_env().staging / "dagster_io"))}


def nightly_config() -> dict:
    """The nightly job's default run config: how its inbox fan-out is split into steps."""
    fan_out = {"register_inbox": {"config": {"files_per_step": files_per_step()}}}
    return {"ops": {"staged_inbox": {"ops": fan_out}}}


def files_per_step() -> int:
    """Files per parse step of the nightly fan-out: all in one on one host, one each on Celery."""
    default = "1" if executor_kind() == "celery" else "0"
    raw = os.environ.get(FILES_PER_STEP_ENV, "").strip() or default
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise ValueError(
            f"{FILES_PER_STEP_ENV}={raw!r} must be a whole number (0 puts every file in one step)."
        )
    return value
