"""Names of months and weekdays as patterns: the one definition.

A module of its own so that the sentence splitter (``analyze/sentences.py``, part of the analysis stage's
cache key) reads them without depending on the rest of ``text/dates.py``: a change to how dates are read
then re-runs no analysis of the archive.
"""

from __future__ import annotations

#: A month's name or abbreviation as a pattern ("March", "Sept"); ``MONTH`` also takes its full stop ("Sept.").
MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*"
MONTH = MONTH_NAME + r"\.?"
#: A weekday's full name as a pattern ("Tuesday").
DAY_NAME = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
#: A weekday's abbreviation, without its full stop ("Sun", "Thurs").
DAY_ABBREVIATION = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
