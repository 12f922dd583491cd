"""Checking: the engine (rules in force → findings), the check kinds, graph building and queries,
national-file splitting and the worker pool."""
