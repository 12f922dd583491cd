"""Built-in framework files (data only); shipped in the wheel as archcheck.builtin_frameworks."""
