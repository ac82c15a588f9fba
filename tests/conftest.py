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
