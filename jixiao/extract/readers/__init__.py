"""Readers of the formats without pages: each turns one file into a ``Document``.

A reader gives what the PDF path gives the rest of the extractor: the document's text (paragraphs and
table rows in reading order, for metadata, finance and the score) and its tables as grids of cells,
merged cells resolved, each cell with its provenance (``表2第5行`` for Word and HTML, ``Sheet!C7`` for
Excel) in place of a page. ``jixiao.extract.parse`` feeds the grids to the same ``IndicatorAssembler``
the PDF tables go through, so every rule of the extractor applies to every format.
"""

from jixiao.extract.readers.document import Document

__all__ = ["Document"]
