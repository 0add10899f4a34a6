"""The site folder is replaced by a complete, successful build, and by nothing else.

A build that fails at any point, after pages were written, in the last post-build step or
when `--strict` aborts at the very end, or on a full disk, leaves the previous site byte for
byte as it was. A build killed at any step of putting its site in place loses nothing: the
next build puts the old site back or finishes the swap, hidden files (`.git`) included.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from docglot.site.staging import StagedSite
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.bad_input.runs import copy_project, run, snapshot
from tests.mini_site import MiniSite

HOOKS = """
import logging
import os

log = logging.getLogger("mkdocs.plugins.hooks")


def on_post_page(output, page, **kwargs):
    if os.environ.get("FAIL") == "page" and page.file.src_uri == "en/index.md":
        raise RuntimeError("this page fails on purpose, once others are written")
    return output


if os.environ.get("FAIL") == "disk full":
    import errno
    import mkdocs.utils

    written = []

    def write_file(content, output_path):
        # The first pages are written; then, as on a full disk, half a page and an error.
        os.makedirs(os.path.dirname(output_path), exist_ok=True)
        with open(output_path, "wb") as file:
            if len(written) < 3:
                written.append(output_path)
                file.write(content)
                return
            file.write(content[: len(content) // 2])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    mkdocs.utils.write_file = write_file

KILL_AFTER = {
    "the site is moved aside": lambda source, target: target.endswith(".site.docglot-old"),
    "the build is moved in": lambda source, target: source.endswith(".site.docglot-new"),
    "a kept entry is moved back": lambda source, target: os.sep + ".site.docglot-old" + os.sep in source,
}.get(os.environ.get("KILL_AFTER", ""))

if KILL_AFTER is not None:
    import signal

    rename = os.rename

    def rename_then_die(source, target, *args, **kwargs):
        # The build is killed right after this step of replacing the site.
        rename(source, target, *args, **kwargs)
        if KILL_AFTER(os.fspath(source), os.fspath(target)):
            os.kill(os.getpid(), signal.SIGKILL)

    os.rename = rename_then_die


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


def test_a_full_disk_stops_the_build_with_one_line_and_leaves_the_site_as_it_was(project: Path) -> None:
    (project / "docs" / "en" / "index.md").write_text("# Mini\n\nChanged.\n")
    before = snapshot(project / "site")

    result = run("mkdocs build", project, env={"FAIL": "disk full"})

    assert result.returncode == 1
    # MkDocs names the page it was writing, in its own words, then docglot says what to do.
    assert result.problem_lines() == [
        "Error building page 'en/index.md': [Errno 28] No space left on device",
        "docglot: cannot write the site to site: No space left on device; free some space on its disk, "
        "then build again",
    ]
    assert "Traceback" not in result.output
    assert snapshot(project / "site") == before
    assert leftovers(project) == []


KEPT = {".git": None, ".git/HEAD": b"ref: refs/heads/gh-pages\n", ".nojekyll": b""}
"""What a site folder keeps between builds: its hidden entries (a GitHub Pages checkout)."""


def write_tree(folder: Path, tree: dict[str, bytes | None]) -> None:
    for name, content in tree.items():
        path = folder / name
        if content is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


@pytest.mark.parametrize(
    "step", ["the site is moved aside", "the build is moved in", "a kept entry is moved back"]
)
def test_a_build_killed_while_it_replaces_the_site_loses_nothing(project: Path, step: str) -> None:
    site = project / "site"
    write_tree(site, KEPT)
    (project / "docs" / "en" / "index.md").write_text("# Mini\n\nChanged.\n")
    alone = project.parent / "alone"
    shutil.copytree(project, alone, ignore=shutil.ignore_patterns("site"))
    assert run("mkdocs build", alone).returncode == 0

    killed = run("mkdocs build", project, env={"KILL_AFTER": step})

    assert killed.returncode == -signal.SIGKILL, killed.output
    assert ".site.docglot-old" in leftovers(project)  # Killed in the middle of the swap.
    assert ".site.docglot-lock" in leftovers(project)  # Killed: only the kernel released the lock.
    result = run("mkdocs build", project)
    assert (result.returncode, result.problem_lines()) == (0, []), result.output
    recovered = (
        "put it back"
        if step == "the site is moved aside"
        else "moved the hidden files it kept into the new site"
    )
    assert f"INFO    -  docglot: site: a build was stopped while replacing it; {recovered}" in (
        result.output.splitlines()
    )
    assert snapshot(site) == {**snapshot(alone / "site"), **KEPT}
    assert leftovers(project) == []


class Killed(BaseException):
    """The process ends at this step: no `except` runs; a `finally` releases the lock, as the kernel would."""


MUTATIONS = ("rename", "replace", "unlink", "rmdir")
"""The calls that change the file system when a site is swapped (`shutil.rmtree` and `move` included)."""


@contextmanager
def killed_at(step: int, monkeypatch: pytest.MonkeyPatch, *, busy: Path | None = None) -> Iterator[list[str]]:
    """Count the file system changes; the process is killed instead of making the `step`-th (from 0).

    A negative `step` kills nothing. `busy`: a site folder that cannot be renamed, as a mount point cannot.
    """
    done: list[str] = []

    def counted(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if busy is not None and name == "rename" and Path(args[0]) == busy:
                raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), os.fspath(args[0]))
            if len(done) == step:
                done.append("killed")
                raise Killed
            result = real(*args, **kwargs)
            if "killed" not in done:
                done.append(f"{name} {args[0]}")
            return result

        return call

    with monkeypatch.context() as patch:
        for name in MUTATIONS:
            patch.setattr(os, name, counted(name, getattr(os, name)))
        yield done


OLD = {
    "index.html": b"old home",
    "api": None,
    "api/index.html": b"old api",
    ".git": None,
    ".git/HEAD": b"ref: refs/heads/gh-pages\n",
    ".git/objects": None,
    ".git/objects/ab": b"an object",
    ".nojekyll": b"",
    ".well-known": None,
    ".well-known/security.txt": b"Contact: mailto:security@example.org\n",
}
"""A site folder with the hidden entries it keeps between builds."""

NEW = {
    "index.html": b"new home",
    "changes.html": b"a new page",
    ".well-known": None,
    ".well-known/assetlinks.json": b"[]",
}
"""A build; a plugin may write a hidden file, into a hidden folder the site already has."""

PUBLISHED = {
    **{name: content for name, content in OLD.items() if name.startswith(".")},
    **NEW,
}
"""The site once the build replaced it: every hidden entry of the old site is kept."""


SWAP_STEPS = sorted(
    [
        "rename site",
        "rename .site.docglot-new",
        "rename .site.docglot-old/.git",
        "rename .site.docglot-old/.nojekyll",
        "rename .site.docglot-old/.well-known/security.txt",
        "unlink index.html",  # The old site's removal, file by file, in their folders.
        "unlink index.html",
        "rmdir api",
        "rmdir .well-known",
        "rmdir .site.docglot-old",
        "unlink .site.docglot-lock",
    ]
)
"""What a swap changes in the file system, each a step a kill can stop it at."""

MOUNT_POINT_STEPS = sorted(
    [
        "unlink site/index.html",
        "unlink index.html",
        "rmdir site/api",
        "rename .site.docglot-new/index.html",
        "rename .site.docglot-new/changes.html",
        "unlink assetlinks.json",  # Copied into the site's own `.well-known`, then removed with the rest.
        "rmdir .well-known",
        "rmdir .site.docglot-new",
        "unlink .site.docglot-lock",
    ]
)
"""What replacing the content of a site folder that cannot be renamed changes, step by step."""


def stage(site: Path) -> StagedSite:
    """Start a build into `site` and write `NEW` into its staging folder."""
    staged = StagedSite.start(str(site))
    for path in staged.staging.iterdir():
        path.unlink()  # MkDocs cleans the staging folder first.
    write_tree(staged.staging, NEW)
    return staged


@pytest.mark.parametrize("mount_point", [False, True], ids=["a folder", "a mount point"])
def test_a_build_killed_at_any_step_of_the_swap_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mount_point: bool
) -> None:
    """Whatever step a kill stops the swap at, the next build starts from the old site or
    the new one, with every hidden entry, and publishes its own."""
    monkeypatch.chdir(tmp_path)
    step = 0
    states = []
    while True:
        project = tmp_path / str(step)
        site = project / "site"
        write_tree(site, OLD)
        staged = stage(site)
        with killed_at(step, monkeypatch, busy=site if mount_point else None) as done, suppress(Killed):
            staged.publish()

        following = StagedSite.start(str(site))
        found = snapshot(site)
        following.discard()
        if mount_point:
            # The content is replaced in place, entry by entry; the hidden ones stay.
            kept = {name: content for name, content in found.items() if name in OLD and name.startswith(".")}
            assert kept == {name: content for name, content in OLD.items() if name.startswith(".")}, done
        else:
            assert found in (OLD, PUBLISHED), done
            states.append("old" if found == OLD else "new")
        assert sorted(path.name for path in project.iterdir()) == ["site"], done

        staged = stage(site)
        with killed_at(-1, monkeypatch, busy=site if mount_point else None):
            staged.publish()
        assert snapshot(site) == PUBLISHED, done
        assert sorted(path.name for path in project.iterdir()) == ["site"], done
        if "killed" not in done:
            break
        step += 1

    # Every step was a kill point: each rename, and each removal of the old site's files.
    steps = sorted(change.replace(f"{project}{os.sep}", "") for change in done)
    assert steps == (MOUNT_POINT_STEPS if mount_point else SWAP_STEPS)
    if not mount_point:
        # Before the build is moved in, the old site comes back; after, the swap is finished.
        assert states == ["old"] * 2 + ["new"] * (step - 1)


def test_a_build_that_failed_early_leaves_later_strict_builds_published(tmp_path: Path) -> None:
    project = MiniSite(extra="strict: true\n").write(tmp_path / "project")
    catalog = project / "locales" / "de.po"
    catalog.parent.mkdir()
    catalog.write_text('msgid "Greet someone."\nmsgstr "Begrüßt jemanden.\n', encoding="utf-8")
    with pytest.raises(Abort):  # The catalog does not parse: the build stops as its plugin reads the site.
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    logging.getLogger("mkdocs.plugins.elsewhere").warning("a warning of something else, later")
    catalog.unlink()

    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site")))

    # Published, and the site folder is free for the next build.
    assert (tmp_path / "site" / "api" / "index.html").is_file()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]
