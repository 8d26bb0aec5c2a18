"""The command line: open the TUI, or run one scriptable command.

Errors are one line on stderr: exit 1 for bad input, 2 for bad usage
(argparse's own convention); never a traceback.

Each subcommand lives in a module of `mentor_tui.commands` exposing
`add_arguments(parser)` and `run(args) -> int`; COMMANDS lists
them, so a new command is a new file plus one line here. Command modules are
imported only when their command runs, so opening the app stays fast. What the
commands share (errors, `--db`, `-o`, opening the store) is in
`mentor_tui.commands.common`, which both this module and the commands import:
the commands never import this module.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from mentor_tui import APP_NAME, __version__
from mentor_tui.commands.common import InputError, UsageError, add_db_options, db_path_from

# name -> (module under mentor_tui.commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("check", "integrity check of the database"),
    "export": ("export", "records as TOML to a file or stdout (no selection = everything)"),
    "import": ("import_", "import TOML files, all-or-nothing"),
    "report": ("report", "Markdown progress report: a brag doc, or the team"),
    "skills-csv": ("skills_csv", "the skills matrix as CSV"),
    "backup": ("backup", "a consistent copy of the database"),
    "people": ("people", "list or add people, set their team, list the teams, archive or restore someone, merge two records of one human"),
    "rate": ("rate", "rate a person's skill (self or by a mentor)"),
    "incident": ("incident", "log an incident or on-call shift someone took part in"),
    "kudos": ("kudos", "give someone kudos"),
    "feedback": ("feedback", "leave program feedback (anonymous unless --from)"),
    "search": ("search", "full-text search over all notes"),
    "templates": ("templates", "list the plan templates (built-in and yours) with their goal counts"),
    "new-plan": ("new_plan", "start a plan for someone from a template"),
    "calendar": ("calendar", "the session calendar as iCalendar (.ics): export, import"),
    "backups": ("backups", "list the automatic backups of the database"),
    "restore": ("restore", "put a backup back (the current file is kept aside)"),
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, no usage dump
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=APP_NAME,
        description="Offline, keyboard-first terminal app for DevOps/SRE mentorship.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    add_db_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        cmd = sub.add_parser(name, help=help_text, description=help_text)
        add_db_options(cmd, suppress_default=True)
        _command_module(module_name).add_arguments(cmd)
    return parser


def _command_module(module_name: str):
    return importlib.import_module(f"mentor_tui.commands.{module_name}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if not any(a in COMMANDS or a in ("-h", "--help", "--version") for a in argv):
            # Fast path to the TUI: no subcommand modules imported.
            args = _tui_parser().parse_args(argv)
            return _run_tui(args)
        args = build_parser().parse_args(argv)
        if args.command is None:
            return _run_tui(args)
        return int(_command_module(COMMANDS[args.command][0]).run(args) or 0)
    except UsageError as exc:
        _say(exc)
        return 2
    except InputError as exc:
        _say(exc)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`mentor-tui report ... | head`): nothing to say. Point
        # stdout at /dev/null so the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as the shell reports a command killed by it
    except Exception as exc:  # the last guard: one line, never a traceback
        from mentor_tui.db.guard import StoreError, describe

        if isinstance(exc, StoreError):
            _say(exc)
            return 1
        if _is_database_error(exc):
            _say(describe(_db_path_or_unknown(argv), exc))
            return 1
        _say(f"unexpected error: {type(exc).__name__}: {exc}")
        return 1


def _say(message: object) -> None:
    """One line on stderr; a control character in it (a name, a path) is shown escaped."""
    from mentor_tui.text_safety import one_line

    print(f"{APP_NAME}: {one_line(str(message))}", file=sys.stderr)


def _is_database_error(exc: Exception) -> bool:
    import sqlite3

    peewee = sys.modules.get("peewee")  # only loaded when the store was opened
    return isinstance(exc, sqlite3.Error) or (peewee is not None and isinstance(exc, peewee.DatabaseError))


def _db_path_or_unknown(argv: list[str]) -> Path | str:
    try:
        return db_path_from(_tui_parser().parse_known_args(argv)[0])
    except (SystemExit, Exception):
        return "the database"


def _tui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=APP_NAME)
    add_db_options(parser)
    return parser


def _run_tui(args: argparse.Namespace) -> int:
    from mentor_tui.db.guard import check_openable

    path = db_path_from(args)
    if getattr(args, "demo", False):
        from mentor_tui import demo

        demo.ensure_demo(path)
    check_openable(path)  # refuse a foreign or newer file before the screen opens

    from mentor_tui.app import MentorApp

    app = MentorApp(db_path=path)
    app.run()
    return 1 if app.store_failed else 0
