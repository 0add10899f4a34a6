"""GNU gettext's `msgfmt -c`, the check translators' tools run on a catalog.

Without gettext (Debian's `gettext`) the tests that need it are skipped, with the command
that installs it, so that the test command passes on a machine that has only Python;
`.ci/run` installs it and sets `DOCGLOT_REQUIRE_GETTEXT=1`, under which they fail instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

MISSING = "GNU gettext is missing: these tests check catalogs with msgfmt (apt-get install gettext)"


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """Run `msgfmt -c` on a catalog, compiling it to nowhere; skip the test where gettext is missing."""
    if shutil.which("msgfmt") is None:
        if os.environ.get("DOCGLOT_REQUIRE_GETTEXT", "") not in ("", "0"):
            pytest.fail(f"{MISSING}, and DOCGLOT_REQUIRE_GETTEXT is set", pytrace=False)
        pytest.skip(MISSING)
    return subprocess.run(
        ["msgfmt", "-c", "-o", os.devnull, str(path)], capture_output=True, text=True, check=False
    )
