#!/usr/bin/env python3
"""Regenerates the periodic (and Solomon) table of Docs/benchmarks.md.

Runs `gridplan bench` on every Cordeau and Solomon file at the default time limits (60 s PVRP, 30 s
Solomon) and at 10 s, writing the solutions to OUT/bench60 and OUT/bench10, checks every written
solution with benchmarks/check_solutions.py (which shares no code with gridplan), and prints the
Markdown table and the summary figures. One instance at a time, one thread.

    python3 benchmarks/pvrp_table.py                    # about 25 + 6 minutes
    python3 benchmarks/pvrp_table.py --json60 a.json --json10 b.json --solutions60 DIR60 --solutions10 DIR10
                                                        # only the table, from earlier `bench --json` runs
"""
import argparse
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "gridplan")
DATA = os.path.join(ROOT, "benchmarks", "data")


def files():
    return sorted(glob.glob(os.path.join(DATA, "pvrp", "p*.txt"))) + sorted(glob.glob(os.path.join(DATA, "solomon", "*.txt")))


def bench(extra, solutions):
    out = subprocess.run([BIN, "bench", *files(), "--json", "--solutions", solutions, *extra],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(out.stderr)
    return json.loads(out.stdout)


def check(solutions):
    out = subprocess.run([sys.executable, os.path.join(ROOT, "benchmarks", "check_solutions.py"), solutions, *files()],
                         capture_output=True, text=True)
    lines = [l for l in out.stdout.splitlines() if l.strip()]
    bad = [l for l in lines if not l.endswith(" valid")]
    return len(lines), bad


def gap(x):
    g = x["gap_percent"]
    if g is None:
        return "–"
    if abs(g) < 0.005:
        return "+0.00"
    return ("%+.2f" % g).replace("-", "−")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "out"))
    ap.add_argument("--json60")
    ap.add_argument("--json10")
    ap.add_argument("--solutions60")
    ap.add_argument("--solutions10")
    a = ap.parse_args()
    s60 = a.solutions60 or os.path.join(a.out, "bench60")
    s10 = a.solutions10 or os.path.join(a.out, "bench10")
    r60 = json.load(open(a.json60)) if a.json60 else bench([], s60)
    r10 = json.load(open(a.json10)) if a.json10 else bench(["--time-limit", "10"], s10)
    ten = {x["instance"]: x for x in r10}
    print("| instance | BKS | 60 s: cost | gap % | work | seconds | 10 s: cost | gap % | valid |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for x in r60:
        y = ten[x["instance"]]
        clock = lambda r: " ⏱" if r["stopped_by_clock"] else ""
        valid = "yes" if x["valid"] and y["valid"] else "NO"
        print(f"| {x['instance']} | {x['bks']:.2f} | {x['cost']:.2f} | {gap(x)} | {x['iterations']:,}{clock(x)} | "
              f"{x['seconds']:.1f} | {y['cost']:.2f} | {gap(y)}{clock(y)} | {valid} |")
    print()
    for label, rows in (("60 s", r60), ("10 s", r10)):
        pv = [x for x in rows if x["kind"] == "pvrp"]
        g = [x["gap_percent"] for x in pv]
        worst = max(pv, key=lambda x: x["gap_percent"])
        over = [f"{x['instance']} {x['gap_percent']:+.2f}" for x in pv if x["gap_percent"] > 1]
        secs = [x["seconds"] for x in pv]
        print(f"p01–p32 at {label}: mean {sum(g) / len(g):+.2f} %, max {worst['gap_percent']:+.2f} % ({worst['instance']}), "
              f"above +1 %: {', '.join(over) or 'none'}, above +1.5 %: "
              f"{', '.join(o for o in over if float(o.split()[1]) > 1.5) or 'none'}; "
              f"{min(secs):.0f}–{max(secs):.0f} s, stopped by the clock: {sum(x['stopped_by_clock'] for x in pv)}")
    for d in (s60, s10):
        n, bad = check(d)
        print(f"check_solutions.py {os.path.relpath(d, ROOT)}: {n - len(bad)} of {n} valid" + (f"; {bad}" if bad else ""))


if __name__ == "__main__":
    main()
