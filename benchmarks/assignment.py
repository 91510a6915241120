#!/usr/bin/env python3
"""Regenerates the assignment table of Docs/benchmarks.md.

Plans the shipped community weeks and the generated district with the release binary, prints what
plan.json claims (objective, bound, gap, late task-days and their floors, wall time, peak memory),
checks every plan with `gridplan check`, plans the district twice to compare the plan.json files,
and, with --verify, solves each exported model with HiGHS (pip install highspy) for comparison.

    swift build -c release
    python3 benchmarks/assignment.py [--verify SECONDS] [--out out/bench]
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "gridplan")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def plan(scenario, out, extra=()):
    t = time.time()
    r = run(["/usr/bin/time", "-f", "%e %M", BIN, "plan", scenario, "--out", out, "--write-lp", out + ".lp", *extra])
    wall = time.time() - t
    if r.returncode != 0:
        sys.exit(f"plan {scenario} failed:\n{r.stderr}")
    last = r.stderr.strip().split("\n")[-1].split()
    peak_mb = int(last[1]) / 1024 if len(last) == 2 else float("nan")
    c = run([BIN, "check", scenario, out + "/plan.json"])
    p = json.load(open(out + "/plan.json"))
    return p, wall, peak_mb, c.returncode == 0


def row(name, p, wall, peak, ok):
    s, k = p["solver"], p["kpis"]
    lat = s.get("lateness", {})
    return (f"| {name} | {s['objective']:.1f} | {s['bound']:.1f} | {100 * s['gap']:.2f} % | {s['status']} | "
            f"{lat.get('assignment_late_task_days')} / {lat.get('planned_late_task_days')} | "
            f"{lat.get('late_task_days_floor')} | {lat.get('weighted_late_days')} / {lat.get('weighted_late_days_floor')} | "
            f"{lat.get('dropped_visits')} | {wall:.1f} s | {peak:.0f} MB | {'yes' if ok else 'NO'} |")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--verify", type=float, default=0, help="seconds of HiGHS per exported model (0 = skip)")
    ap.add_argument("--out", default=os.path.join(ROOT, "out", "bench"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    district = os.path.join(a.out, "district-scenario")
    if not os.path.exists(os.path.join(district, "scenario.yaml")):
        run([BIN, "generate", "--workers", "240", "--households-per-grid", "54", "--seed", "1", district])
    cases = [("community", os.path.join(ROOT, "scenarios/community/scenario.yaml"), ()),
             ("community-coldsnap", os.path.join(ROOT, "scenarios/community-coldsnap/scenario.yaml"), ()),
             ("district", os.path.join(district, "scenario.yaml"), ("--threads", "2", "--time-limit", "60")),
             ("district (again)", os.path.join(district, "scenario.yaml"), ("--threads", "2", "--time-limit", "60"))]
    print("| scenario | objective | bound | gap | status | late task-days (assignment / plan) | "
          "late task-days floor | weighted late days / floor | dropped visits | wall | peak | check |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|")
    plans = {}
    for name, scenario, extra in cases:
        out = os.path.join(a.out, name.replace(" ", "-").replace("(", "").replace(")", ""))
        p, wall, peak, ok = plan(scenario, out, extra)
        plans[name] = p
        print(row(name, p, wall, peak, ok), flush=True)
        if a.verify > 0 and "again" not in name:
            v = run([sys.executable, os.path.join(ROOT, "benchmarks", "verify_lp.py"), out + ".lp",
                     "--time-limit", str(a.verify), "--plan", out + "/plan.json"])
            print(f"|   HiGHS {a.verify:.0f} s on the exported model | {v.stdout.strip()} |", flush=True)
    d1, d2 = plans["district"], plans["district (again)"]
    for p in (d1, d2):
        p["solver"].pop("seconds")
    print(f"\ndistrict twice: plan.json identical apart from solver.seconds: {d1 == d2}")
    stop = [st["stopped_by"] for q in d1["solver"]["parts"] for st in q.get("stages", [])]
    print(f"district parts: {len(d1['solver']['parts'])}, stages stopped by the clock: {stop.count('clock')}, "
          f"worst part gap {max(q['gap'] for q in d1['solver']['parts']):.4f}")


if __name__ == "__main__":
    main()
