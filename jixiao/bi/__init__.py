"""Outputs for BI users that read the published warehouse: Parquet export, the HTML overview."""
