"""Spotting the glossary's terms in a story: fold, squash, one automaton, exact offsets."""

from annotate.spotting.index import glossable
from annotate.spotting.spotter import Spot, Spotter, spot

__all__ = ["Spot", "Spotter", "glossable", "spot"]
