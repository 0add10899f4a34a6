"""Atomic builds: the site folder is replaced only by a complete, successful build.

MkDocs writes each page into `site_dir` as soon as it is rendered, so a build that fails
halfway (a page, a plugin, `--strict`) would leave half a site behind. docglot points
MkDocs at a staging folder next to the site folder, `.SITE.docglot-new`, and swaps it in
once the build has succeeded; a failed build removes it and leaves the site as it was.

One build at a time writes a site folder: a build takes a lock next to it
(`.SITE.docglot-lock`) before it touches anything, and a second build waits for the first.

The swap is three steps: the site folder is moved aside (`.SITE.docglot-old`), the
staging folder is moved in, and the hidden entries of the old site are carried over
before the rest of it is removed. A build killed anywhere in between leaves a state the
next build recognises, under the lock, before it starts: without a site folder, the old
one is moved back; with one (the new build was in place), the carrying over is finished.
Either way nothing that the site folder keeps between builds is lost.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import shutil
import time
from pathlib import Path
from typing import NoReturn

from docglot.errors import DocglotError
from docglot.paths import display_path

log = logging.getLogger("mkdocs.plugins.docglot")

_CLEAN_PROBE = "docglot-clean-probe"
"""A file MkDocs removes from the staging folder when it cleans it (a build without `--dirty`)."""

LOCK_WAIT = 600.0
"""How long, in seconds, a build waits for another build of the same site folder to finish."""

_LOCK_POLL = 0.2
"""How often, in seconds, a waiting build tries the lock again."""

FULL_DISK = (errno.ENOSPC, errno.EDQUOT)
"""The errors of a write that found no space left (the disk, or the user's quota)."""


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _both_folders(one: Path, other: Path) -> bool:
    return all(path.is_dir() and not path.is_symlink() for path in (one, other))


def _carry_over(old: Path, new: Path, *, hidden_only: bool = False) -> None:
    """Move what `old` holds and `new` lacks into `new`, folder by folder.

    As MkDocs' own cleaning keeps a hidden folder and writes the build's files into it,
    an entry both have is the new one, and a folder both have gets the old one's other
    entries. Each move is one rename: a build killed halfway is finished by the next.
    """
    for entry in old.iterdir():
        if hidden_only and not entry.name.startswith("."):
            continue
        target = new / entry.name
        if not os.path.lexists(target):
            entry.rename(target)
        elif _both_folders(entry, target):
            _carry_over(entry, target)


class LockTimeout(Exception):
    """Another build kept the site folder locked for longer than a build waits."""

    def __init__(self, holder: str) -> None:
        """Record which process holds the lock (empty if it could not be read)."""
        super().__init__(holder)
        self.holder = holder


class SiteLock:
    """An exclusive lock on a site folder, held by one build from its start to its end.

    `fcntl.flock` on a file next to the site folder: the kernel releases it however the
    process ends, so a killed build never leaves a stale lock. Written by hand because no
    dependency of docglot locks files, and so that the lock file is removed on release
    rather than left next to the site: the holder removes it before unlocking, and a build
    that then gets the lock on the removed file sees that the name no longer leads to it
    and starts over with a new file.
    """

    def __init__(self, path: Path) -> None:
        """Name the lock file; nothing is locked yet."""
        self.path = path
        """The lock file; it holds the number of the process that holds the lock."""
        self._fd: int | None = None

    def acquire(self, wait: float, waiting: str) -> None:
        """Take the lock, waiting up to `wait` seconds; log `waiting` once if it has to wait.

        `waiting` may name the holding process as `{holder}`. Raises `LockTimeout`, or
        `OSError` if the lock file cannot be created.
        """
        deadline = time.monotonic() + wait
        told = False
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                os.close(fd)
                if time.monotonic() >= deadline:
                    raise LockTimeout(holder) from None
                if not told:
                    log.info(waiting.format(holder=holder or "?"))
                    told = True
                time.sleep(_LOCK_POLL)
                continue
            except BaseException:
                os.close(fd)
                raise
            if self._is_current(fd):
                break
            os.close(fd)  # The holder removed this file before releasing it: try the new one.
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        self._fd = fd

    def _is_current(self, fd: int) -> bool:
        try:
            named = os.stat(self.path)
        except FileNotFoundError:
            return False
        opened = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino)

    def release(self) -> None:
        """Remove the lock file and release the lock; releasing an unheld lock does nothing."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            self.path.unlink(missing_ok=True)
        finally:
            os.close(fd)


class StagedSite:
    """A build's staging folder and the site folder it replaces when the build succeeds."""

    def __init__(self, site: Path) -> None:
        """Name the staging folder of a site folder (a symbolic link is followed)."""
        self.site = site.resolve()
        """The site folder the build replaces."""
        self.staging = self.site.parent / f".{self.site.name}.docglot-new"
        """Where MkDocs writes the build."""
        self._previous = self.site.parent / f".{self.site.name}.docglot-old"
        self.lock = SiteLock(self.site.parent / f".{self.site.name}.docglot-lock")
        """Held from `start` until `publish` or `discard`."""

    @classmethod
    def start(cls, site_dir: str) -> StagedSite:
        """Lock the site folder, finish or undo an interrupted swap, create an empty staging folder."""
        staged = cls(Path(site_dir))
        blocker = next(
            (path for path in (staged.site, *staged.site.parents) if path.exists() and not path.is_dir()),
            None,
        )
        if blocker is not None:
            staged._fail(f"{display_path(blocker)} is a file, not a folder")
        try:
            staged.site.parent.mkdir(parents=True, exist_ok=True)
            staged.lock.acquire(
                LOCK_WAIT,
                f"docglot: another build (process {{holder}}) is writing {display_path(staged.site)}; "
                "waiting for it to finish",
            )
        except LockTimeout as timeout:
            raise DocglotError(
                f"another build (process {timeout.holder or '?'}) has been writing "
                f"{display_path(staged.site)} for over {LOCK_WAIT:.0f} seconds; "
                "let it finish or stop it, then build again"
            ) from None
        except OSError as error:
            staged._fail(error.strerror or str(error))
        try:
            staged._recover()
            _remove(staged.staging)  # What an interrupted build left behind.
            staged.staging.mkdir()
            (staged.staging / _CLEAN_PROBE).touch()
        except OSError as error:
            staged.lock.release()
            staged._fail(error.strerror or str(error))
        except BaseException:
            staged.lock.release()
            raise
        return staged

    def _recover(self) -> None:
        """Finish or undo the swap of a build that was killed while publishing."""
        if not os.path.lexists(self._previous):
            return
        if not os.path.lexists(self.site):
            # Killed after the site was moved aside, before the new build was moved in.
            self._previous.rename(self.site)
            log.info(
                f"docglot: {display_path(self.site)}: a build was stopped while replacing it; put it back"
            )
            return
        # Killed once the new build was in place: carry the old site's hidden entries over.
        self._finish_swap()
        log.info(
            f"docglot: {display_path(self.site)}: a build was stopped while replacing it; "
            "moved the hidden files it kept into the new site"
        )

    def _finish_swap(self) -> None:
        _carry_over(self._previous, self.site, hidden_only=True)
        shutil.rmtree(self._previous)

    def _fail(self, reason: str) -> NoReturn:
        raise DocglotError(
            f"cannot write the site to {display_path(self.site)}: {reason}; "
            "set site_dir to a folder that can be created and written"
        )

    def write_failure(self, error: BaseException, *work: Path) -> str | None:
        """The line that reports `error`, if it is a failure to write the build; else `None`.

        A write into the staging folder (or another folder the build writes, `work`)
        failed, or any write found the disk full.
        """
        if not isinstance(error, OSError):
            return None
        named = [
            Path(os.fsdecode(name))
            for name in (error.filename, error.filename2)
            if isinstance(name, (str, bytes, os.PathLike))
        ]
        folders = (self.staging, *work)
        inside = any(path == folder or folder in path.parents for path in named for folder in folders)
        if not inside and error.errno not in FULL_DISK:
            return None
        reason = error.strerror or str(error)
        fix = (
            "free some space on its disk, then build again"
            if error.errno in FULL_DISK
            else "set site_dir to a folder that can be created and written"
        )
        return f"docglot: cannot write the site to {display_path(self.site)}: {reason}; {fix}"

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
        """Replace the site folder by the staging folder, and release the lock.

        Hidden entries of the old site (a `.git` checkout of a GitHub Pages branch, say)
        are kept, as MkDocs' own cleaning keeps them.
        """
        try:
            self._swap()
        finally:
            self.lock.release()

    def _swap(self) -> None:
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
        # From here on the new build is the site: a build killed now is finished by the next.
        self._finish_swap()

    def _replace_content(self) -> None:
        # Hidden entries are only added to, so a build killed halfway loses none of them;
        # the next build replaces the rest again.
        for entry in self.site.iterdir():
            if not entry.name.startswith("."):
                _remove(entry)
        for entry in self.staging.iterdir():
            target = self.site / entry.name
            if entry.name.startswith(".") and _both_folders(entry, target):
                # The build's files are written into the kept folder, as MkDocs writes them.
                shutil.copytree(entry, target, symlinks=True, dirs_exist_ok=True)
                continue
            _remove(target)
            shutil.move(entry, target)
        shutil.rmtree(self.staging)

    def discard(self) -> None:
        """Remove the staging folder of a failed build and release the lock; the site is left as it was."""
        try:
            shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self.lock.release()
