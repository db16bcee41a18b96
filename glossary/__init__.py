"""The glossary: entry models, the YAML store, checks, merging and lookup.

Imports nothing from `annotate`: the dependency runs one way only.
"""

__version__ = "0.1.0"
