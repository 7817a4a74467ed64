"""fixturegen."""
