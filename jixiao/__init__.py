"""jixiao 绩效: government performance self-evaluation reports into a DuckDB warehouse.

The package is built in layers; each imports only the layers below it (tests/test_architecture.py
enforces the order, docs/architecture.md draws it):

1. ``jixiao.core``        settings, limits, fault injection: no project import
2. ``jixiao.extract``     one report file → ``ParsedReport`` (a plain library)
3. ``jixiao.staging``     the parse cache, the per-run log and the parser processes
4. ``jixiao.warehouse``   SQL models, frames, build, publish (lives in ``warehouse/``)
5. ``jixiao.quality``     Great Expectations suites (files in ``expectations/``) and their runner
6. ``jixiao.ingestion``   stage → rebuild → check → publish, the one orchestration the CLI and Dagster call
7. ``jixiao.bi``          Parquet export and the HTML overview
8. ``jixiao.cli``         the ``jixiao`` command
9. ``jixiao.assets``      Dagster assets, asset checks and resources (lives in ``assets/``)
10. ``jixiao.pipelines``  Dagster jobs, schedules, sensors and ``Definitions`` (lives in ``pipelines/``)
"""
