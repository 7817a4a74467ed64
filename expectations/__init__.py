"""The Great Expectations project as files, installed as package data ``jixiao.expectations``.

Nothing here is code: ``gx/`` is the GX file context and ``checks.json`` the check catalogue, both
written by ``python -m jixiao.quality.build_suites`` and read by :mod:`jixiao.quality`.
"""
