"""A docglot command that ends with its work collects at the rendering thresholds; `serve` does not."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from docglot import cli
from docglot.engines.collector import RENDERING_THRESHOLDS
from docglot.errors import DocglotError

PYTHONS = (700, 10, 10)
"""Python's own thresholds, which each test starts from."""


@pytest.fixture(autouse=True)
def pythons_thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*PYTHONS)
    yield
    gc.set_threshold(*before)


def test_a_catalog_command_collects_less_and_sets_the_thresholds_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[tuple[int, int, int]] = []

    def stats(config_file: str) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(cli, "catalog_stats", stats)
    before = gc.get_threshold()

    assert cli.main(["catalog", "stats", "-f", "site/mkdocs.yml"]) == 0
    assert seen == [RENDERING_THRESHOLDS]
    assert gc.get_threshold() == before


def test_a_failed_command_sets_the_thresholds_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def update(config_file: str) -> int:
        raise DocglotError(f"{config_file}: no catalog")

    monkeypatch.setattr(cli, "catalog_update", update)
    before = gc.get_threshold()

    assert cli.main(["catalog", "update", "-f", "site/mkdocs.yml"]) == 1
    assert gc.get_threshold() == before


def test_serve_collects_as_the_process_did(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, int, int]] = []

    def serve(config_file: str, language: str, address: str) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(cli, "serve", serve)

    assert cli.main(["serve", "--lang", "de"]) == 0
    assert seen == [PYTHONS]
