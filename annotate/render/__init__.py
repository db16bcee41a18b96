"""Renderers: one module per output format, each turning a story and its spots into text."""
