"""Thin command line: parse options, call the pipeline, report. No logic here."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

import click

from briefgen import __version__
from briefgen.config import load_config
from briefgen.text.plural import plural


@click.group()
@click.version_option(__version__, prog_name="briefgen")
def main() -> None:
    """briefgen: turn a folder of news articles into a briefing website."""


@main.command()
@click.option("--content", "content_dir", type=click.Path(path_type=Path), default=None, help="Folder of articles (default: content/).")
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, help="Output folder of the versioned site (default: site/).")
@click.option("--edition", default=None, help="Edition name (default: the build date, UTC, honouring SOURCE_DATE_EPOCH).")
@click.option("--no-pdf", "no_pdf", is_flag=True, help="Skip the PDF briefs.")
@click.option("--strict", is_flag=True, help="Fail on any warning: a file that cannot be built, an unknown id in stories.yml, ...")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of reusable analyses, so a rebuild parses only new articles (default: .briefgen-cache beside the site folder).",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Settings file (default: briefgen.yml if present).",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:8786",
    help="Run analysis and story briefs on this Dask scheduler's workers (default: this machine's processes).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
def build(
    content_dir: Path | None,
    site_dir: Path | None,
    edition: str | None,
    no_pdf: bool,
    strict: bool,
    cache_dir: Path | None,
    config_path: Path | None,
    scheduler: str | None,
    quiet: bool,
) -> None:
    """Build one edition of the briefing site from the content folder."""
    from briefgen.folders import check_arguments
    from briefgen.pipeline import build as run_build
    from briefgen.report import BuildReport

    printer = CappedStderr()
    logging.basicConfig(level=logging.WARNING, format="%(message)s", handlers=[printer], force=True)
    config = load_config(
        config_path,
        content_dir=content_dir,
        site_dir=site_dir,
        edition=edition,
        pdf=False if no_pdf else None,
        strict=True if strict else None,
        cache_dir=cache_dir,
        scheduler=scheduler,
    )
    check_arguments(config)  # before any work, and before any file or folder is created
    with BuildReport(enabled=not quiet) as report:
        briefing = run_build(config, progress=report.progress)
    for skipped in briefing.skipped[:MAX_LINES]:
        click.echo(f"warning: {skipped.path}: {skipped.reason}", err=True)
    if len(briefing.skipped) > MAX_LINES:
        click.echo(f"warning: ... and {len(briefing.skipped) - MAX_LINES:,} more skipped files (all listed in briefing.json)", err=True)
    if printer.dropped:
        click.echo(f"warning: ... and {printer.dropped:,} more warnings (all listed in briefing.json)", err=True)
    where = config.site_dir / briefing.edition
    counts = [
        f"{len(briefing.skipped)} skipped" if briefing.skipped else "",
        plural(len(briefing.warnings), "warning") if briefing.warnings else "",
    ]
    click.echo(
        f"Built edition {briefing.edition}: {plural(len(briefing.stories), 'story', 'stories')}"
        f" from {plural(len(briefing.articles), 'article')}"
        f"{''.join(', ' + c for c in counts if c)} -> {where}/"
    )
    if config.strict and briefing.warnings:  # warnings from publishing itself, after the strict check in build
        raise click.ClickException(f"{len(briefing.warnings)} warning(s) (strict mode)")


#: Lines of warnings and skipped files printed; the rest are counted (briefing.json lists them all).
MAX_LINES = 50


class CappedStderr(logging.Handler):
    """Warnings as they happen, one line each, on stderr; after MAX_LINES only counted."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.shown = 0
        self.dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("briefgen"):  # other libraries' own warnings: shown, not counted
            click.echo(f"warning: {record.name}: {record.getMessage()}", err=True)
            return
        if self.shown >= MAX_LINES:
            self.dropped += 1
            return
        self.shown += 1
        try:
            text = record.getMessage()
        except Exception:
            text = str(record.msg)
        click.echo(f"warning: {text}", err=True)


@main.command()
@click.option(
    "--site-dir", type=click.Path(path_type=Path, file_okay=False), default=Path("site"), help="Site folder to serve (default: site/)."
)
@click.option("--port", type=int, default=8000, help="Port on 127.0.0.1 (default: 8000).")
def serve(site_dir: Path, port: int) -> None:
    """Serve the built site on 127.0.0.1 for a local preview (search needs HTTP)."""
    import functools
    import http.server

    if not (site_dir / "versions.json").is_file():
        raise click.ClickException(f"{site_dir}: no built site here; run `briefgen build` first")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        click.echo(f"Serving {site_dir}/ at http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


def run() -> None:
    """Entry point: BriefgenError (a ClickException) becomes a one-line message, anything else too."""
    try:
        main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except OSError as exc:  # disk full, quota, permissions: the path and what to do
        from briefgen.errors import os_error_message

        click.echo(f"Error: {os_error_message(exc)}", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug: still one line, with where to look
        click.echo(f"Error: {type(exc).__name__}: {exc} (run with BRIEFGEN_DEBUG=1 for a traceback)", err=True)
        if __import__("os").environ.get("BRIEFGEN_DEBUG"):
            raise
        sys.exit(1)
