"""Atomic builds: the site folder is replaced only by a complete, successful build.

MkDocs writes each page into `site_dir` as soon as it is rendered, so a build that fails
halfway (a page, a plugin, `--strict`) would leave half a site behind. docglot points
MkDocs at a staging folder next to the site folder, `.SITE.docglot-new`, and swaps it in
once the build has succeeded; a failed build removes it and leaves the site as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NoReturn

from mkdocs.exceptions import PluginError

from docglot.checks.findings import display_path

_CLEAN_PROBE = "docglot-clean-probe"
"""A file MkDocs removes from the staging folder when it cleans it (a build without `--dirty`)."""


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


class StagedSite:
    """A build's staging folder and the site folder it replaces when the build succeeds."""

    def __init__(self, site: Path) -> None:
        """Name the staging folder of a site folder (a symbolic link is followed)."""
        self.site = site.resolve()
        """The site folder the build replaces."""
        self.staging = self.site.parent / f".{self.site.name}.docglot-new"
        """Where MkDocs writes the build."""
        self._previous = self.site.parent / f".{self.site.name}.docglot-old"

    @classmethod
    def start(cls, site_dir: str) -> StagedSite:
        """Create an empty staging folder for a build into `site_dir`."""
        staged = cls(Path(site_dir))
        blocker = next(
            (path for path in (staged.site, *staged.site.parents) if path.exists() and not path.is_dir()),
            None,
        )
        if blocker is not None:
            staged._fail(f"{display_path(blocker)} is a file, not a folder")
        try:
            if staged._previous.is_dir() and not staged.site.exists():
                staged._previous.rename(staged.site)  # A swap was interrupted: the old site comes back.
            # What an interrupted build left behind.
            _remove(staged.staging)
            _remove(staged._previous)
            staged.staging.mkdir(parents=True)
            (staged.staging / _CLEAN_PROBE).touch()
        except OSError as error:
            staged._fail(error.strerror or str(error))
        return staged

    def _fail(self, reason: str) -> NoReturn:
        raise PluginError(
            f"docglot: cannot write the site to {display_path(self.site)}: {reason}; "
            "set site_dir to a folder that can be created and written"
        )

    def keep_previous_if_dirty(self) -> None:
        """Start a `--dirty` build from a copy of the current site.

        MkDocs cleans the build folder between `on_pre_build` and `on_files` unless the
        build is dirty, and tells plugins which it is only through `on_startup`, which
        `build()` callers do not run: the probe file says whether it cleaned. A dirty
        build rewrites only the pages changed since the site was built (file times are
        kept), so it needs the rest of the site.
        """
        probe = self.staging / _CLEAN_PROBE
        if not probe.exists():
            return
        probe.unlink()
        if not self.site.is_dir():
            return
        for entry in self.site.iterdir():
            if entry.name.startswith("."):
                continue  # Hidden entries stay where they are; `publish` carries them over.
            target = self.staging / entry.name
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, target, symlinks=True)
            else:
                shutil.copy2(entry, target, follow_symlinks=False)

    def publish(self) -> None:
        """Replace the site folder by the staging folder.

        Hidden entries of the old site (a `.git` checkout of a GitHub Pages branch, say)
        are kept, as MkDocs' own cleaning keeps them.
        """
        if not self.site.exists():
            self.staging.rename(self.site)
            return
        try:
            self.site.rename(self._previous)
        except OSError:
            # A mount point (a container's volume) cannot be renamed: replace what it holds.
            self._replace_content()
            return
        try:
            self.staging.rename(self.site)
        except OSError:
            self._previous.rename(self.site)
            raise
        for entry in self._previous.iterdir():
            if entry.name.startswith(".") and not (self.site / entry.name).exists():
                entry.rename(self.site / entry.name)
        shutil.rmtree(self._previous, ignore_errors=True)

    def _replace_content(self) -> None:
        for entry in self.site.iterdir():
            if not entry.name.startswith("."):
                _remove(entry)
        for entry in self.staging.iterdir():
            _remove(self.site / entry.name)
            shutil.move(entry, self.site / entry.name)
        self.staging.rmdir()

    def discard(self) -> None:
        """Remove the staging folder of a failed build; the site folder is left as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
