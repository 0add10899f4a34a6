"""`docglot build`: the whole site, with MkDocs (the default) or Zensical.

Either way the site folder is replaced only by a complete build: under MkDocs the plugin
stages and publishes the build itself; under Zensical the languages are built and put
together next to the site folder, then published the same way
([`StagedSite`][docglot.site.staging.StagedSite]).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from docglot.engines.mkdocs.plugin import DocglotPlugin
from docglot.paths import display_path
from docglot.site.staging import StagedSite

ENGINES = ("mkdocs", "zensical")
"""The engines `docglot build` can build with; the first is the default."""


def build_with_engine(config: MkDocsConfig, plugin: DocglotPlugin, engine: str) -> Path:
    """Build the site into its `site_dir` with an engine; return the site folder."""
    target = Path(config.site_dir).resolve()
    docs = Path(config.docs_dir).resolve()
    if target == docs or target in docs.parents or docs in target.parents:
        raise PluginError(f"site_dir {target} and docs_dir {docs} overlap; choose another site_dir")
    if engine == "mkdocs":
        mkdocs_build(config)
        return target
    from docglot.engines.zensical import build as zensical_build

    staged = StagedSite.start(str(target))  # Locked until published or discarded.
    work: Path | None = None
    try:
        # Next to the site folder, on the same file system: the finished site is moved, not copied.
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.docglot-zensical-", dir=target.parent))
        site = zensical_build.build(
            config, plugin.site_options(), work, only=plugin.only, strict=bool(config.strict)
        )
        shutil.rmtree(staged.staging)
        site.rename(staged.staging)
    except BaseException as error:
        staged.discard()
        failure = staged.write_failure(error, *([work] if work is not None else []))
        if failure is not None:
            raise PluginError(failure) from None
        raise
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    try:
        staged.publish()
    except OSError as error:
        staged.discard()
        raise PluginError(
            f"docglot: cannot replace {display_path(target)} by the new build: {error}"
        ) from None
    return target
