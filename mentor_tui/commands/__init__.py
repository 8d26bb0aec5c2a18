"""One module per command-line subcommand (see `mentor_tui.cli`); shared helpers in `common`."""
