"""Built-in rule files (data only); shipped in the wheel as archcheck.builtin_rules."""
