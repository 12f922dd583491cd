"""What binds when: frameworks (``extends``, grading) and rules (files, lifetimes), all read as data
from ``frameworks/`` and ``rules/``. Nothing here runs a check."""
