"""Imported by the parser processes' fork server (``jixiao.staging.runner``): every forked parser starts warm.

A parser process is replaced every few dozen files; what its first parse would load for itself (the
parser's modules, the gazetteer of divisions) is loaded once here, in the server, and inherited.
"""

from jixiao.extract import parse  # noqa: F401  (the modules a parse imports)
from jixiao.extract.regions import warm

warm()
