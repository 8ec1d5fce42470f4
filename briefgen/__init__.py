"""briefgen: news articles in, a versioned briefing website out."""

__version__ = "0.1.0"
