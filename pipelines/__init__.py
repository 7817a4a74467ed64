"""The Dagster code location: resources, jobs, the inbox sensor, the nightly schedule, Definitions."""
