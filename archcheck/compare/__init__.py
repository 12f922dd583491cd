"""Comparing: framework diffs, model diffs, baselines and waivers, all over findings and their
line-independent fingerprints, never over report text."""
