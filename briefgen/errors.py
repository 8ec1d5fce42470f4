"""Errors a person can act on; the CLI prints them without a traceback."""

from __future__ import annotations

import click


class BriefgenError(click.ClickException):
    """Base of every error briefgen raises on purpose."""


class ConfigError(BriefgenError):
    """A setting is missing, of the wrong type or out of range."""


class BuildError(BriefgenError):
    """The build cannot go on (nothing to build, site locked, strict mode)."""
