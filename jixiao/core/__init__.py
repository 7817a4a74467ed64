"""The bottom layer: settings, parse limits and fault injection, shared by every layer above."""
