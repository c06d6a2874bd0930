"""The rooms' rules (README, "Layout of the api"), read from the sources:

- a room's routes never import another module with routes: shared code lives in services;
- services import no FastAPI and raise domain errors (api/errors.py), never HTTP errors;
- only api/live publishes to WebSockets (api/live/events.py decides who hears what);
- bot/pgb stays a pure core, and the action server never imports the api.

It runs in the api's environment but only reads source files, so it also guards bot/ and
actions/ without importing them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.support.imports import imported_roots

ROOT = Path(__file__).resolve().parents[2]
API = ROOT / "api"
ROOMS = ("advisors", "conversation", "handoff", "live", "review", "insight", "console", "site")
# What every room may lean on, and the wiring that needs the framework.
SHARED = {"api/core", "api/migrations", "api/main.py", "api/router.py", "api/cli.py"}
# Imported by scripts/evaluate.py in Rasa's environment too: the standard library only.
SHARED_WITH_RASA = API / "nlu_text.py"
FRAMEWORK = {"fastapi", "starlette"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports by absolute name; for `from a import b` both `a` and `a.b`
    (b may be a module or a name in a)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def has_routes(path: Path) -> bool:
    """A module that makes an APIRouter holds routes (a room's router.py, live/sockets.py)."""
    return "APIRouter(" in path.read_text(encoding="utf-8")


API_MODULES = sorted(p for p in API.rglob("*.py") if "migrations" not in p.parts)
ROUTE_MODULES = [p for p in API_MODULES if has_routes(p)]
SERVICES = [
    p
    for p in API_MODULES
    if not has_routes(p)
    and not any(str(p.relative_to(ROOT)).startswith(shared) for shared in SHARED)
]


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_room_is_a_package_with_one_router() -> None:
    for room in ROOMS:
        assert (API / room / "__init__.py").is_file(), room
    routers = {p.parent.name for p in ROUTE_MODULES if p.name == "router.py"}
    assert routers == set(ROOMS) - {"live"} | {"api"}
    assert [relative(p) for p in ROUTE_MODULES if p.name != "router.py"] == ["api/live/sockets.py"]


@pytest.mark.parametrize("module", ROUTE_MODULES, ids=relative)
def test_routes_never_import_other_routes(module: Path) -> None:
    others = {module_name(p) for p in ROUTE_MODULES if p != module}
    if module == API / "router.py":  # the collector: it imports every room's router
        return
    assert not imported_modules(module) & others


@pytest.mark.parametrize("module", SERVICES, ids=relative)
def test_services_import_no_fastapi(module: Path) -> None:
    assert not imported_roots(module) & FRAMEWORK


@pytest.mark.parametrize("module", SERVICES, ids=relative)
def test_services_raise_domain_errors_not_http_errors(module: Path) -> None:
    assert "HTTPException" not in module.read_text(encoding="utf-8")


def calls_of(path: Path, attribute: str) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == attribute
    ]


@pytest.mark.parametrize("module", API_MODULES, ids=relative)
def test_only_live_publishes(module: Path) -> None:
    if module.parent.name == "live":
        return
    assert calls_of(module, "publish") == []
    assert calls_of(module, "end_logins") == []


def test_the_event_mapping_is_the_only_publisher_in_live() -> None:
    """Sockets subscribe; events.py publishes; the hub only carries (broker.py carries between
    api workers: it publishes to Redis and its own hub, never an event of its own making)."""
    publishers = sorted(p.name for p in (API / "live").glob("*.py") if calls_of(p, "publish"))
    assert publishers == ["broker.py", "events.py"]


@pytest.mark.parametrize("module", sorted((ROOT / "bot" / "pgb").glob("*.py")), ids=relative)
def test_the_bot_core_stays_pure(module: Path) -> None:
    """STYLE.md convention 1 (tests/pgb/test_layering.py checks the rest in Rasa's env)."""
    forbidden = {"rasa", "rasa_sdk", "fastapi", "sqlalchemy", "spacy", "actions", "api"}
    assert not imported_roots(module) & forbidden


@pytest.mark.parametrize("module", sorted((ROOT / "actions").rglob("*.py")), ids=relative)
def test_the_actions_never_import_the_api(module: Path) -> None:
    assert "api" not in imported_roots(module)


def test_what_rasas_environment_imports_of_the_api_is_standard_library_only() -> None:
    import sys

    assert imported_roots(SHARED_WITH_RASA) <= set(sys.stdlib_module_names) | {"__future__"}


def test_the_checks_detect_what_they_forbid(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from api.handoff.router import router\nimport fastapi\nhub.publish('x', {}, ())\n"
    )
    assert "api.handoff.router" in imported_modules(bad)
    assert imported_roots(bad) & FRAMEWORK == {"fastapi"}
    assert calls_of(bad, "publish") == [3]
    assert len(ROUTE_MODULES) == len(ROOMS) + 1  # six router.py, the collector, sockets.py
    assert SERVICES, "the services were not found"
