"""`python -m migkg` runs the CLI."""

from migkg.cli import main

main()
