"""The glossary to and from other formats: importing dictionaries and spreadsheets, exporting
CSV, TSV, TBX, Anki and more."""
