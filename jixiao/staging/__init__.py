"""Staging: the content-addressed parse cache (``store``) and the parser processes (``runner``)."""
