"""The README documents every command, and the two set-up commands come first."""

from pathlib import Path

from newsweave.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_documented():
    for name in main.commands:
        assert f"newsweave {name}" in README, f"`newsweave {name}` missing from the README"


def test_two_commands_first():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make run" in first_block and "make test" in first_block


def test_ci_calls_the_readme_test_command():
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
