"""Shared fixtures. Texts under ../shared are copyrighted: read from there, never copied here."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpora" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The seed corpus folder; tests that need it skip with a clear message where it is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS} (it lives in ../shared beside the repo)")
    return SEEDS


def _run_cli(args: list[str], folder: Path) -> dict:
    import json

    from click.testing import CliRunner

    from newsweave.cli import main

    result = CliRunner().invoke(main, [*args, "--out", str(folder / "out"), "--db", str(folder / "s.db")])
    assert result.exit_code == 0, result.output
    return json.loads((folder / "out" / "stories.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def run_cli():
    """``newsweave ARGS… --out FOLDER/out --db FOLDER/s.db``, asserted to succeed: its stories.json."""
    return _run_cli


@pytest.fixture(scope="session")
def seeds_run(seeds_dir, tmp_path_factory):
    """`newsweave run` over the five seed texts: (stories.json, {article id: "000".."004"}, folder)."""
    folder = tmp_path_factory.mktemp("seeds-run")
    data = _run_cli(["run", *sorted(str(p) for p in seeds_dir.glob("*.txt"))], folder)
    names = {a["id"]: a["path"].rsplit("/", 1)[-1][:3] for a in data["articles"]}
    return data, names, folder


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """`newsweave demo`: (stories.json, {manifest URL: article id}, folder)."""
    import json

    from newsweave.cli import DEMO_CORPUS

    folder = tmp_path_factory.mktemp("demo-run")
    data = _run_cli(["demo"], folder)
    manifest = json.loads((DEMO_CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))
    by_url = {}
    for entry in manifest["articles"]:
        file_name = entry["file"].split("#")[0].rsplit("/", 1)[-1]
        by_url[entry["url"]] = next(
            a["id"] for a in data["articles"]
            if a["url"] == entry["url"] or (a["url"] is None and a["path"].endswith(file_name)))
    return data, by_url, folder


@pytest.fixture()
def db(tmp_path):
    """A store of the serve tests' invented articles and stories (tests/serve_helpers.py)."""
    from serve_helpers import build_store

    return build_store(tmp_path / "s.db")


@pytest.fixture()
def client(db):
    """`newsweave serve`'s app over ``db``, through Starlette's test client."""
    from starlette.testclient import TestClient

    from newsweave.serve import create_app

    return TestClient(create_app(db), base_url="http://127.0.0.1")
