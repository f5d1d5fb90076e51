"""`make bench`: runs every bench/bench_*.py in name order; each prints its own figures.

Benchmarks are measurements, not tests: they print numbers and exit non-zero only
when they could not run at all.
"""

import runpy
import sys
from pathlib import Path


def main() -> int:
    filer = sorted(Path(__file__).parent.glob("bench_*.py"))
    valda = set(sys.argv[1:])
    misslyckade = []
    for fil in filer:
        if valda and fil.stem not in valda:
            continue
        print(f"\n=== {fil.stem} ===", flush=True)
        # Each benchmark ends with sys.exit(main()) as a script; catching it here
        # lets the next one run instead of ending the whole `make bench`.
        try:
            runpy.run_path(str(fil), run_name="__main__")
        except SystemExit as slut:
            if slut.code not in (None, 0):
                misslyckade.append(fil.stem)
    if misslyckade:
        print(f"\nKunde inte köras: {', '.join(misslyckade)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
