"""Rendering: turn a report spec into PDF pages the way Word/WPS exports look."""
