"""Stories: reading them, finding conlang in them, glossing them; and the `gloss` command."""
