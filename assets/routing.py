"""Where steps run under a distributed executor: the steps that must run once go to one queue.

``dagster-celery/queue`` is the Celery executor's op tag (ignored by the in-process executor).
Parse steps keep the default queue (``dagster``), which every worker on every host serves; the steps
that scan the inbox, build the candidate, check and publish it go to ``jixiao-publish``, served by
the one worker on the host that holds the published warehouse (the candidate is built beside it and
renamed over it, which must happen on that host's local disk).
"""

PUBLISH_QUEUE = "jixiao-publish"
ONCE_TAGS: dict[str, str] = {"dagster-celery/queue": PUBLISH_QUEUE}
