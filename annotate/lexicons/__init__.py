"""Bundled lexicons: one glossary file per conlang (`<name>.yaml`), read by `annotate.lexicon`."""
