"""Fuzzy lookup both ways, its keys, and the index kept for a glossary's bytes."""
