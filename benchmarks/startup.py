"""Start-up benchmark alone (issue 15): every shipped province model and every small command, whole process.

For each shipped model under province_models/: `archcheck validate MODEL` (all rules of the model's
framework) beside check-jsonschema with the model schema on the same file and `python -c pass`; for
the small commands (--version, --help, schema model, kinds, rules list, rules show) beside
`python -c pass`. The commands of a row take turns, round by round, so that a slow spell of the
machine falls on all of them alike; the median of --repeat rounds (at least 9) is printed with the
range. benchmarks/run.py prints the same table after its own.

Usage: python benchmarks/startup.py [--repeat 9]
Needs the benchmark extra: pip install '.[bench]'
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import tempfile
from pathlib import Path

from run import BIN, startup  # this folder, first on the path of a script


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="rounds per row (at least 9)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = tmp  # archcheck's rule cache: this run's own
        os.environ["XDG_STATE_HOME"] = tmp  # and the cache's secret
        schema_file = Path(tmp) / "model.schema.json"
        schema_file.write_text(subprocess.run([str(BIN / "archcheck"), "schema", "model"], capture_output=True,
                                              text=True, check=True).stdout, encoding="utf-8")
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"{platform.platform()}; " + startup(max(9, args.repeat), schema_file))


if __name__ == "__main__":
    main()
