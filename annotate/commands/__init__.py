"""One module per `gloss` command: argument parsing and rendering only."""
