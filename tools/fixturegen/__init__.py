"""Fixture corpus generator: report PDFs made the way departments make them, with truth JSON.

``python -m fixturegen`` regenerates the committed corpus; ``fixturegen.synth.generate_corpus`` makes
benchmark corpora. Specs (``fixturegen.spec``) describe each report as data; renderers
(``fixturegen.render``) draw it; ``fixturegen.truth`` writes the truth from the spec and the pages the
renderer reports.
"""
