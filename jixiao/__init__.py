"""jixiao."""
