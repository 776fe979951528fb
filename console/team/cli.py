"""``support-console team …``: create a team store, add people, copy a single seat into it.

The arguments are the contract of issue 12; each action runs in its own module
(imported only when used, so ``--help`` stays fast).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

ROLES = ("agent", "lead", "qa", "compliance", "admin")

#: Action name -> "module:function" that runs it with the parsed arguments.
_RUNNERS = {
    "init": "console.team.accounts:run_init",
    "add": "console.team.accounts:run_add",
    "migrate-from": "console.team.migrate_from:run_migrate_from",
    "disable": "console.team.accounts:run_disable",
    "list": "console.team.accounts:run_list",
}


def add_team_parser(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "team",
        help="create and run a team store on PostgreSQL",
        description="Team mode: one PostgreSQL store for the whole team.",
    )
    actions = parser.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init",
        help="create or upgrade a team store and its first administrator",
        description="Create (or upgrade) the team store at --db and make NAME its first "
        "administrator, with a PostgreSQL login role of their own.",
    )
    init.add_argument("--db", dest="command_db", metavar="URL", required=True)
    init.add_argument("--admin", metavar="NAME", required=True, help="the first administrator")
    init.add_argument(
        "--password-stdin", action="store_true", help="read the administrator's password from stdin"
    )
    add = actions.add_parser(
        "add",
        help="add a person (or change one) with their own sign-in",
        description="Add a person to the team store, or change the person of that name.",
    )
    add.add_argument("--db", dest="command_db", metavar="URL", required=True)
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument("--markets", metavar="DE,FR", help="markets served (codes, comma-separated)")
    add.add_argument("--languages", metavar="de,fr", help="languages spoken (comma-separated)")
    add.add_argument("--vendor", metavar="NAME", help="the outsourcing vendor they work for")
    add.add_argument("--expires", metavar="YYYY-MM-DD", help="last day they may sign in")
    masking = add.add_mutually_exclusive_group()
    masking.add_argument(
        "--masked",
        dest="masked",
        action="store_const",
        const=True,
        default=None,
        help="they read customer data masked (the default for --vendor and --expires)",
    )
    masking.add_argument(
        "--unmasked", dest="masked", action="store_const", const=False, help="they read raw data"
    )
    add.add_argument(
        "--password-stdin", action="store_true", help="read the person's password from stdin"
    )
    disable = actions.add_parser(
        "disable",
        help="disable a person (they can no longer sign in; their history stays)",
        description="Disable the person NAME: their login role can no longer sign in.",
    )
    disable.add_argument("--db", dest="command_db", metavar="URL", required=True)
    disable.add_argument("--name", required=True)
    disable.add_argument("--enable", action="store_true", help="enable them again instead")
    listing = actions.add_parser("list", help="list the people of a store and their accounts")
    listing.add_argument("--db", dest="command_db", metavar="URL", required=True)
    migrate = actions.add_parser(
        "migrate-from",
        help="copy a single-seat store into a team store",
        description="Copy everything in the SQLite store at SQLITE_PATH into the team store at "
        "--db and check the counts. Running it again copies only what is missing.",
    )
    migrate.add_argument("sqlite_path", metavar="SQLITE_PATH", type=Path)
    migrate.add_argument("--db", dest="command_db", metavar="URL", required=True)
    return parser


def run_team(args: argparse.Namespace) -> int:
    module_name, function_name = _RUNNERS[args.team_command].split(":")
    runner: Callable[[argparse.Namespace], int] = getattr(import_module(module_name), function_name)
    return runner(args)
