"""Dagster assets and asset checks: thin wrappers over extract, jixiao, warehouse and quality.

Only this package and ``pipelines`` import dagster (tests/test_dagster_layering.py enforces it);
``jixiao.assets.inbox`` is plain Python shared by the sensor and the partition assets.
"""
