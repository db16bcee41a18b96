"""Renderers: one module per output format, each a pure `render(items, options) -> str`."""
