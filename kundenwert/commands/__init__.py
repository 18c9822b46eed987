"""The command line's subcommands, one module each; `kundenwert.cli` wires them up."""
