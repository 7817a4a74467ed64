"""Office-made fixtures: reports written as Word documents and exported to PDF by LibreOffice.

The rest of the corpus is drawn with reportlab by our own renderer; real departments write the report
in Word or WPS and export it. ``python -m fixturegen.office`` builds each report in ``reports.py`` as a
.docx with python-docx (real Word tables: merged cells, repeated header rows, rows that break across
pages, landscape sections), converts it with ``soffice --headless --convert-to pdf`` and writes
``tests/fixtures/office/<stem>.docx``, ``<stem>.pdf`` and the hand-read truth ``<stem>.json``.

Generation needs LibreOffice (``soffice`` on PATH), the WenQuanYi Zen Hei font and python-docx; the
tests only read the committed PDFs and truth files.
"""
