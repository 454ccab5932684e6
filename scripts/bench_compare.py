#!/usr/bin/env python3
"""scripts/bench --base: reads the logs of the alternated JVM runs (base-K.log, current-K.log, each one Bench run
with --repeat 1 whose last line is its JSON object) and prints one JSON line comparing the two sides.

Per side, as Bench does within one process: suite = best suite seconds; floor = best reference floor + best
analysis floor; ratio = suite / floor; analysis_ratio = best analysis seconds / best analysis floor.
current_over_base divides the current side's suite seconds, ratio and analysis_ratio by the base's."""
import argparse
import json
import pathlib
import re
import sys


def load(logs, side, repeat):
    runs = []
    for k in range(1, repeat + 1):
        path = logs / f"{side}-{k}.log"
        lines = path.read_text().splitlines()
        run = json.loads(lines[-1])
        m = [re.search(r"(\d+) result rows", line) for line in lines]
        m = [x for x in m if x]
        run["result_rows"] = int(m[-1].group(1)) if m else None
        runs.append(run)
    return runs


def best(runs, rev):
    suite = min(r["suite_seconds"] for r in runs)
    ana = min(r["analysis_seconds"] for r in runs)
    ana_floor = min(r["analysis_floor_seconds"] for r in runs)
    ref_floor = min(r["floor_seconds"] - r["analysis_floor_seconds"] for r in runs)
    floor = ref_floor + ana_floor
    return {
        "rev": rev,
        "suite_seconds": round(suite, 3),
        "floor_seconds": round(floor, 3),
        "ratio": round(suite / floor, 3),
        "analysis_seconds": round(ana, 3),
        "analysis_floor_seconds": round(ana_floor, 3),
        "analysis_ratio": round(ana / ana_floor, 3),
        "suite_runs": [r["suite_seconds"] for r in runs],
        "floor_runs": [r["floor_seconds"] for r in runs],
        "result_rows": runs[0]["result_rows"],
    }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--logs", required=True, type=pathlib.Path)
    p.add_argument("--repeat", required=True, type=int)
    p.add_argument("--base-rev", required=True)
    p.add_argument("--current-rev", required=True)
    p.add_argument("--dirty", default="false")
    a = p.parse_args()
    base_runs = load(a.logs, "base", a.repeat)
    current_runs = load(a.logs, "current", a.repeat)
    for key in ("rows", "reference_rows", "features", "calculators"):
        values = {r[key] for r in base_runs + current_runs}
        if len(values) != 1:
            sys.exit(f"bench_compare: the runs disagree on {key}: {sorted(values)}")
    base = best(base_runs, a.base_rev)
    current = best(current_runs, a.current_rev)
    current["uncommitted_changes"] = a.dirty == "true"
    if {r["result_rows"] for r in base_runs + current_runs} != {base["result_rows"]}:
        print(
            "bench_compare: warning: the sides computed different numbers of result rows "
            f"(base {sorted({r['result_rows'] for r in base_runs}, key=str)}, "
            f"current {sorted({r['result_rows'] for r in current_runs}, key=str)})",
            file=sys.stderr,
        )
    first = base_runs[0]
    out = {
        "rows": first["rows"],
        "reference_rows": first["reference_rows"],
        "features": first["features"],
        "calculators": first["calculators"],
        "repeat": a.repeat,
        "base": base,
        "current": current,
        "current_over_base": {
            k: round(current[k] / base[k], 3) for k in ("suite_seconds", "ratio", "analysis_ratio")
        },
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
