"""The ``jixiao`` command line (``jixiao ingest | query | export | report``)."""

from jixiao.cli.app import main

__all__ = ["main"]
