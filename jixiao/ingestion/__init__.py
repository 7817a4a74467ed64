"""One ingest: stage new files, rebuild the warehouse by partitions, check it, publish it.

Both the ``jixiao`` command and the Dagster assets call this layer; neither holds build logic.
"""
