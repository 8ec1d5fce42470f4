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
@click.option("--strict", is_flag=True, help="Fail when any file cannot be built.")
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
@click.option("--scheduler", default=None, metavar="tcp://HOST:8786",
              help="Run analysis and story briefs on this Dask scheduler's workers (default: this machine's processes).")
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
    from briefgen.pipeline import build as run_build
    from briefgen.report import BuildReport

    logging.basicConfig(level=logging.ERROR, format="%(message)s")
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
    with BuildReport(enabled=not quiet) as report:
        briefing = run_build(config, progress=report.progress)
    for skipped in briefing.skipped:
        click.echo(f"warning: {skipped.path}: {skipped.reason}", err=True)
    where = config.site_dir / briefing.edition
    click.echo(
        f"Built edition {briefing.edition}: {plural(len(briefing.stories), 'story', 'stories')}"
        f" from {plural(len(briefing.articles), 'article')}"
        f"{f', {len(briefing.skipped)} skipped' if briefing.skipped else ''} -> {where}/"
    )


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
    except Exception as exc:  # a bug: still one line, with where to look
        click.echo(f"Error: {type(exc).__name__}: {exc} (run with BRIEFGEN_DEBUG=1 for a traceback)", err=True)
        if __import__("os").environ.get("BRIEFGEN_DEBUG"):
            raise
        sys.exit(1)
