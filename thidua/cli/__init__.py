"""Command-line interface: parse options, call one library function, report, return a code.

The only package that imports typer. Heavy modules are imported inside the commands so that
``thidua --help`` stays fast. Modules: :mod:`app` (the application, exit codes),
:mod:`help` (Vietnamese help), :mod:`options` (shared options), and one module per group of
commands.
"""

# Imported for their commands, in the order the help lists them.
from thidua.cli import setup, data, year, documents, records, forms  # noqa: F401, I001
from thidua.cli.app import app, main, run

__all__ = ["app", "main", "run"]
