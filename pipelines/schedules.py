"""The nightly schedule: 02:00 Beijing time, scan + parse new files, then rebuild, check and publish."""

from dagster import DefaultScheduleStatus, RunRequest, ScheduleEvaluationContext, schedule

from jixiao.pipelines.jobs import nightly_job

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"


@schedule(
    job=nightly_job,
    cron_schedule=NIGHTLY_CRON,
    execution_timezone=TIMEZONE,
    default_status=DefaultScheduleStatus.RUNNING,
    description="Every night at 02:00 Asia/Shanghai: catch up the inbox and publish the warehouse.",
)
def nightly_schedule(context: ScheduleEvaluationContext) -> RunRequest:
    """One nightly run, keyed by its date so a tick is never launched twice."""
    day = context.scheduled_execution_time.strftime("%Y-%m-%d")
    return RunRequest(run_key=f"nightly-{day}", tags={"jixiao/night": day})
