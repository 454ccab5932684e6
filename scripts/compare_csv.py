"""Compares the CSV exports of two runs of the parity monitors (used by scripts/compare-exports)."""
import argparse
import csv
import math
import os
import sys

IGNORED = {"run_id", "computed_at"}
KEYS = {
    "results": ["monitor", "calculator", "metric", "column_name", "segment", "period", "chunk_key"],
    "distributions": ["monitor", "column_name", "segment", "period", "chunk_key", "kind", "bin"],
}


def read(path, key):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    return {tuple(r[k] for k in key): r for r in rows}


def differs(a, b, tol):
    if a == b:
        return 0.0
    try:
        x, y = float(a), float(b)
    except ValueError:
        return math.inf
    if math.isnan(x) and math.isnan(y):
        return 0.0
    rel = abs(x - y) / max(abs(x), abs(y), 1e-300)
    return rel if rel > tol else 0.0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tolerance", type=float, default=0.0)
    p.add_argument("base")
    p.add_argument("current")
    p.add_argument("names", nargs="+")
    a = p.parse_args()
    bad = 0
    for n in a.names:
        for table, key in KEYS.items():
            bp, cp = os.path.join(a.base, n, table + ".csv"), os.path.join(a.current, n, table + ".csv")
            if not os.path.exists(bp) and not os.path.exists(cp):
                continue
            if not (os.path.exists(bp) and os.path.exists(cp)):
                print(f"{n}/{table}: only in {'base' if os.path.exists(bp) else 'current'}")
                bad += 1
                continue
            b, c = read(bp, key), read(cp, key)
            only_b, only_c = b.keys() - c.keys(), c.keys() - b.keys()
            cells, worst, example = 0, 0.0, None
            for k in b.keys() & c.keys():
                for col, v in b[k].items():
                    if col in IGNORED:
                        continue
                    d = differs(v, c[k].get(col), a.tolerance)
                    if d:
                        cells += 1
                        if d >= worst:
                            worst, example = d, (k, col, v, c[k].get(col))
            ok = not (only_b or only_c or cells)
            print(f"{n}/{table}: {len(b)} rows, {'identical' if ok else 'DIFFERENT'}"
                  + ("" if ok else f": {len(only_b)} only in base, {len(only_c)} only in current, {cells} cells"
                     f" differ (largest relative difference {worst:.3g}: {example})"))
            bad += 0 if ok else 1
    print(f"{len(a.names)} monitors compared: {'all identical' if not bad else str(bad) + ' tables differ'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
