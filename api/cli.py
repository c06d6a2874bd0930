"""Operator commands: `python -m api.cli create-advisor | purge | erase`.

create-advisor prompts for what is missing; the first account ever created is an admin.
For scripts: `--email`, `--name`, `--role` and `--password-stdin` (the password on standard
input, so it never shows in the process list or shell history).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.exc import IntegrityError

from api.advisors.auth import MIN_PASSWORD_CHARS, WeakPassword, create_advisor
from api.core.db import session_scope
from api.core.settings import get_settings
from api.review.housekeeping import purge_once
from api.review.privacy import erase


def _ask(prompt: str, given: str | None) -> str:
    value = given if given is not None else input(prompt)
    if not value.strip():
        sys.exit(f"{prompt.strip(': ')} is required")
    return value.strip()


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass(f"Password (at least {MIN_PASSWORD_CHARS} characters): ")
    if getpass.getpass("Password again: ") != password:
        sys.exit("the passwords differ")
    return password


def create_advisor_command(args: argparse.Namespace) -> int:
    email = _ask("E-mail: ", args.email)
    name = _ask("Name: ", args.name)
    password = _password(args.password_stdin)
    for session in session_scope(get_settings().database_url):
        try:
            advisor = create_advisor(
                session, email=email, name=name, password=password, role=args.role
            )
        except WeakPassword:
            sys.exit(f"a password needs at least {MIN_PASSWORD_CHARS} characters")
        except IntegrityError:
            sys.exit(f"an account for {email} exists already")
        print(f"created {advisor.role} {advisor.email}")
    return 0


def purge_command(args: argparse.Namespace) -> int:
    settings = get_settings()
    result = purge_once(settings)
    if result is None:
        print("another process is purging now; nothing done")
    else:
        print(
            f"deleted {result.conversations} conversations older than {settings.retention_days}"
            f" days ({result.tracker_events} tracker events), {result.audit_entries} audit"
            f" entries and {result.sessions} expired logins"
        )
    return 0


def erase_command(args: argparse.Namespace) -> int:
    settings = get_settings()
    for session in session_scope(settings.database_url):
        if not erase(session, settings, args.conversation_id):
            sys.exit("no such conversation")
        session.commit()
        print(f"erased {args.conversation_id}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-advisor", help="create an advisor account")
    create.add_argument("--email")
    create.add_argument("--name")
    create.add_argument("--role", choices=["advisor", "admin"], default=None)
    create.add_argument("--password-stdin", action="store_true")
    create.set_defaults(run=create_advisor_command)
    commands.add_parser("purge", help="delete conversations past retention").set_defaults(
        run=purge_command
    )
    erase_parser = commands.add_parser("erase", help="erase one conversation (AVG request)")
    erase_parser.add_argument("conversation_id")
    erase_parser.set_defaults(run=erase_command)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
