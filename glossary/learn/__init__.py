"""Learning what conlang words mean from phrases and their translations: the aligner, English
lemmas, and the glosses learned where the glossary has no entry."""
