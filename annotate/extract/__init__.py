"""Extraction: conlang phrases and words in a Story, and the translations the story gives."""
