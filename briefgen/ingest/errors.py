"""The one exception of ingest: a file that cannot be built."""


class Invalid(Exception):
    """A file that cannot be built; the message is the reason shown to the user."""
