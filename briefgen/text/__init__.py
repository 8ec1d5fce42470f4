"""One home for the rules about news text that more than one stage uses.

Dates and months, datelines, bylines, boilerplate, slugs, outlets, hedges and what
makes two sources independent: each is defined once, in a module of this package,
and every stage imports it from here rather than writing its own copy.
"""
