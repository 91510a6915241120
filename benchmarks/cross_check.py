#!/usr/bin/env python3
"""Plans scenarios and checks every plan twice: with `gridplan check` and with spec_check.py, a
second checker written in Python from the format spec alone (it shares no code with gridplan).

A rule both checkers read the same way can still be misread by both; a rule they read differently
shows up here as a disagreement. Docs/benchmarks.md has the table this prints.

    swift build -c release
    pip install pyyaml
    python3 benchmarks/cross_check.py [--quick] [--keep DIR]

Scenarios: the shipped ones, generated districts (`gridplan generate`, several sizes, horizons and
start dates) and the hand-made edge cases of edge_cases.py (travel matrices listed one way, pair
visits, windows, part-time workers, GB18030 files, a one-day horizon, …). --quick leaves out the
cold snap and the larger generated scenarios.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "gridplan")
HERE = os.path.dirname(os.path.abspath(__file__))

# (name, workers, households per grid, seed, days, start)
GENERATED = [
    ("gen-4x10-1d", 4, 10, 2, 1, "2026-11-23"),
    ("gen-6x20-3d", 6, 20, 3, 3, "2026-09-29"),
    ("gen-8x30-14d", 8, 30, 4, 14, "2026-09-28"),
    ("gen-12x25-7d", 12, 25, 6, 7, "2026-02-16"),
    ("gen-5x60-7d", 5, 60, 7, 7, "2026-11-23"),
    ("gen-16x35-14d", 16, 35, 10, 14, "2026-06-15"),
    ("gen-10x40-30d", 10, 40, 5, 30, "2026-12-21"),
]
LARGE = {"gen-16x35-14d", "gen-10x40-30d"}


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--keep", help="keep scenarios and plans here (default: a temporary folder, removed)")
    ap.add_argument("--time-limit", default="20")
    a = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: swift build -c release")
    work = a.keep or tempfile.mkdtemp(prefix="gridplan-cross-")
    os.makedirs(work, exist_ok=True)
    cases = []
    for s in ["xinghe", "community", "community-en", "community-coldsnap"]:
        if a.quick and s == "community-coldsnap":
            continue
        cases.append((s, os.path.join(ROOT, "scenarios", s, "scenario.yaml")))
    for name, w, h, seed, days, start in GENERATED:
        if a.quick and name in LARGE:
            continue
        out = os.path.join(work, "scenarios", name)
        r = run([BIN, "generate", "--workers", str(w), "--households-per-grid", str(h), "--seed", str(seed),
                 "--days", str(days), "--start", start, "--force", out])
        if r.returncode != 0:
            sys.exit(f"generate {name} failed:\n{r.stderr}")
        cases.append((name, os.path.join(out, "scenario.yaml")))
    edge = os.path.join(work, "edge")
    r = run([sys.executable, os.path.join(HERE, "edge_cases.py"), edge])
    if r.returncode != 0:
        sys.exit(f"edge_cases.py failed:\n{r.stderr}")
    for name in sorted(os.listdir(edge)):
        cases.append((name, os.path.join(edge, name, "scenario.yaml")))

    print("| scenario | plan | seconds | routes | stops | late task-days | gridplan check | spec_check.py |")
    print("|---|---:|---:|---:|---:|---:|---|---|")
    disagreements = 0
    for name, scenario in cases:
        out = os.path.join(work, "plans", name)
        began = time.time()
        p = run([BIN, "plan", scenario, "--out", out, "--time-limit", a.time_limit])
        secs = time.time() - began
        if p.returncode != 0:
            print(f"| {name} | exit {p.returncode} | {secs:.1f} | | | | | |")
            disagreements += 1
            continue
        g = run([BIN, "check", scenario, os.path.join(out, "plan.json")])
        y = run([sys.executable, os.path.join(HERE, "spec_check.py"), scenario, os.path.join(out, "plan.json"), "--quiet"])
        import json
        plan = json.load(open(os.path.join(out, "plan.json")))
        stops = sum(len(r["stops"]) for r in plan["routes"])
        gv = "valid" if g.returncode == 0 else f"exit {g.returncode}"
        broken = [l for l in y.stdout.splitlines() if l.startswith("rule")]
        yv = "valid" if y.returncode == 0 else f"exit {y.returncode}: " + "; ".join(broken[:2])
        if g.returncode != 0 or y.returncode != 0:
            disagreements += 1
        print(f"| {name} | 0 | {secs:.1f} | {len(plan['routes'])} | {stops} | {plan['kpis']['late_task_days']} | {gv} | {yv} |")
    print(f"\n{len(cases)} scenarios, {disagreements} with a plan either checker rejects")
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if disagreements else 0)


if __name__ == "__main__":
    main()
