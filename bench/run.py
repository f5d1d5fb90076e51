"""`make bench`: runs every bench/bench_*.py in name order; each prints its own figures.

Benchmarks are measurements, not tests: they print numbers and exit non-zero only
when they could not run at all. Each runs in a process of its own, since each sets
up Django against its own database (PostgreSQL with 100,000 cases, a scratch SQLite,
a throwaway database behind `make serve`).
"""

import os
import subprocess
import sys
from pathlib import Path


def main() -> int:
    filer = sorted(Path(__file__).parent.glob("bench_*.py"))
    valda = set(sys.argv[1:])
    okanda = valda - {fil.stem for fil in filer}
    if okanda:
        print(f"Okänd mätning: {', '.join(sorted(okanda))}", file=sys.stderr)
        return 2
    misslyckade = []
    for fil in filer:
        if valda and fil.stem not in valda:
            continue
        print(f"\n=== {fil.stem} ===", flush=True)
        kord = subprocess.run(
            [sys.executable, "-m", f"bench.{fil.stem}"],
            cwd=Path(__file__).parent.parent,
            # A log line per request would bury the figures; a server a benchmark starts
            # logs as in production (bench/server.py).
            env={**os.environ, "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING")},
        )
        if kord.returncode != 0:
            misslyckade.append(fil.stem)
    if misslyckade:
        print(f"\nKunde inte köras: {', '.join(misslyckade)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
