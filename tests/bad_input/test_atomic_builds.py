"""The site folder is replaced by a complete, successful build, and by nothing else.

A build that fails at any point, after pages were written, in the last post-build step or
when `--strict` aborts at the very end, leaves the previous site byte for byte as it was.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.bad_input.runs import copy_project, run, snapshot

HOOKS = """
import logging
import os

log = logging.getLogger("mkdocs.plugins.hooks")


def on_post_page(output, page, **kwargs):
    if os.environ.get("FAIL") == "page" and page.file.src_uri == "en/index.md":
        raise RuntimeError("this page fails on purpose, once others are written")
    return output


def on_post_build(config, **kwargs):
    if os.environ.get("FAIL") == "post-build":
        raise RuntimeError("the last step fails on purpose")
    if os.environ.get("FAIL") == "warning":
        log.warning("a warning in the last step")
"""

BROKEN_ANCHOR = "\nSee [the greeting](api.md#no-such-heading).\n"
"""A link MkDocs checks only once every page is written (with `validation: anchors: warn`)."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The correct project, with hooks that fail on demand, and its site built."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    (project / "hooks.py").write_text(textwrap.dedent(HOOKS))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - hooks.py\nvalidation:\n  anchors: warn\n")
    result = run("mkdocs build", project)
    assert (result.returncode, result.problem_lines()) == (0, []), result.output
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project (file times kept), for one test to change."""
    return Path(shutil.copytree(built, tmp_path / "project"))


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site."))


@pytest.mark.parametrize(
    ("failure", "aborted"),
    [
        ("page", "RuntimeError: this page fails on purpose, once others are written"),
        ("post-build", "RuntimeError: the last step fails on purpose"),
        ("warning", "Aborted with 1 warnings in strict mode!"),
    ],
)
def test_a_build_failing_late_leaves_the_site_as_it_was(project: Path, failure: str, aborted: str) -> None:
    (project / "docs" / "en" / "index.md").write_text("# Mini\n\nChanged.\n")
    before = snapshot(project / "site")

    result = run("mkdocs build", project, env={"FAIL": failure})

    assert result.returncode == 1
    assert aborted in result.output.splitlines()
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_page_with_a_warning_found_last_leaves_the_site_as_it_was(project: Path) -> None:
    with (project / "docs" / "en" / "index.md").open("a") as file:
        file.write(BROKEN_ANCHOR)
    before = snapshot(project / "site")

    result = run("mkdocs build", project)

    assert result.returncode == 1
    assert result.problem_lines() == [
        "Doc file 'en/index.md' contains a link 'api.md#no-such-heading', but the doc 'en/api.md' "
        "does not contain an anchor '#no-such-heading'."
    ]
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_a_successful_build_replaces_the_whole_site(project: Path) -> None:
    site = project / "site"
    (site / "stale.html").write_text("From a page deleted since.")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (project / "docs" / "en" / "index.md").write_text("# Mini\n\nChanged.\n")
    fresh = project.parent / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("site"))

    result = run("mkdocs build", project)
    assert run("mkdocs build", fresh).returncode == 0

    assert result.returncode == 0, result.output
    assert "Changed." in (site / "index.html").read_text(encoding="utf-8")
    # The same files as a build into an empty folder, and the hidden ones MkDocs keeps too.
    assert sorted(snapshot(site)) == sorted([*snapshot(fresh / "site"), ".git", ".git/HEAD"])
    assert (site / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert leftovers(project) == []


def test_a_warning_without_strict_still_publishes(project: Path) -> None:
    (project / "docs" / "en" / "index.md").write_text("# Mini\n\nChanged.\n")

    result = run("mkdocs build, not strict", project, env={"FAIL": "warning"})

    assert result.returncode == 0, result.output
    assert result.problem_lines() == ["a warning in the last step"]
    assert "Changed." in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert leftovers(project) == []


def test_a_dirty_build_rewrites_only_what_changed_and_keeps_the_rest(project: Path) -> None:
    site = project / "site"
    unchanged = site / "api" / "index.html"
    before = (unchanged.read_bytes(), unchanged.stat().st_mtime_ns)
    (project / "docs" / "en" / "index.md").write_text("# Mini\n\nChanged.\n")

    result = run("mkdocs build, not strict", project, "--dirty")

    assert result.returncode == 0, result.output
    assert "Changed." in (site / "index.html").read_text(encoding="utf-8")
    assert (unchanged.read_bytes(), unchanged.stat().st_mtime_ns) == before
    assert leftovers(project) == []


def test_a_failed_dirty_build_leaves_the_site_as_it_was(project: Path) -> None:
    (project / "docs" / "en" / "index.md").write_text("# Mini\n\nChanged.\n")
    before = snapshot(project / "site")

    result = run("mkdocs build, not strict", project, "--dirty", env={"FAIL": "post-build"})

    assert result.returncode == 1
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


def test_the_configuration_names_the_site_folder_after_each_build(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs gh-deploy` publishes `config.site_dir` once `build()` returns."""
    monkeypatch.chdir(project)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config("mkdocs.yml")
    site_dir = config.site_dir

    monkeypatch.setenv("FAIL", "post-build")
    with pytest.raises(RuntimeError, match="on purpose"):
        build(config)
    assert config.site_dir == site_dir
    monkeypatch.delenv("FAIL")
    build(config)

    assert config.site_dir == site_dir
    assert os.path.isfile(os.path.join(site_dir, "index.html"))
    assert leftovers(project) == []
