#!/usr/bin/env python3
"""Checks the plan's shortfall statement by acting on it: adds the stated help as real workers and plans again.

1. plans the scenario and reads plan.json `shortfall` (per grid and date, the helper minutes);
2. writes a copy of the scenario (beside it, so its relative paths hold; removed afterwards) with one
   helper per grid: the grid only, no special skills, the grid's first worker's start place, working only
   on the dates the statement lists, for a shift as long as the grid's longest stated day (rounded up to
   the quarter hour, the first worker's break added when it falls inside);
3. plans the copy and compares late task-days.

The issue's target: the copy keeps at most 10 % of the late task-days the plan had without the help.

    swift build -c release
    python3 benchmarks/shortfall.py [scenarios/community-coldsnap/scenario.yaml]
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "gridplan")


def plan(path, out):
    r = subprocess.run([BIN, "plan", path, "--out", out], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"gridplan plan {path} failed:\n{r.stderr}")
    with open(os.path.join(out, "plan.json"), encoding="utf-8") as f:
        return json.load(f)


def hm(minutes):
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def minutes(text):
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def workers_of(yaml_text):
    """Per worker id: its first grid, start place, shift and break (from the YAML's `workers:` block)."""
    out, cur = {}, None
    for line in yaml_text.splitlines():
        s = line.strip()
        if s.startswith("- id:"):
            cur = {"id": s.split(":", 1)[1].strip()}
            out[cur["id"]] = cur
        elif cur is not None and ":" in s and not line.startswith(("households", "patrols", "history", "solver")):
            k, v = s.split(":", 1)
            v = v.split("#", 1)[0].strip()
            if k in ("grids", "start", "shift", "break") and k not in cur:
                cur[k] = v
        if line and not line[0].isspace() and not line.startswith("workers"):
            cur = None
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario", nargs="?", default=os.path.join(ROOT, "scenarios/community-coldsnap/scenario.yaml"))
    args = ap.parse_args()
    scenario = os.path.abspath(args.scenario)
    with open(scenario, encoding="utf-8") as f:
        text = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        before = plan(scenario, os.path.join(tmp, "before"))
        sf = before.get("shortfall")
        if not sf:
            print("no shortfall: nothing is late for capacity")
            return
        workers = workers_of(text)
        horizon = before["horizon"]
        start = datetime.date.fromisoformat(horizon["start"])
        all_dates = [(start + datetime.timedelta(days=i)).isoformat() for i in range(horizon["days"])]
        entries = []
        for grid in sorted({n["grid"] for n in sf["needs"]}):
            home = next(w for w in workers.values() if grid in w.get("grids", ""))
            need = [n for n in sf["needs"] if n["grid"] == grid]
            longest = max(n["minutes"] for n in need)
            shift = [s.strip(' "\'') for s in home["shift"].strip("[]").split(",")]
            s0 = minutes(shift[0])
            length = -(-longest // 15) * 15
            brk = ""
            if "break" in home:
                b = [x.strip(' "\'') for x in home["break"].strip("[]").split(",")]
                b0, b1 = minutes(b[0]), minutes(b[1])
                if s0 < b0 < s0 + length:
                    length += b1 - b0
                    brk = f'\n    break: ["{b[0]}", "{b[1]}"]'
            days_off = [d for d in all_dates if d not in {n["date"] for n in need}]
            entries.append(f"""  - id: HELP-{grid}
    name: 协管员 {grid}
    grids: [{grid}]
    start: {home['start']}
    shift: ["{shift[0]}", "{hm(s0 + length)}"]{brk}
    days_off: [{', '.join(days_off)}]""")
        lines = text.splitlines()
        at = next(i for i, l in enumerate(lines) if l.startswith("households:"))
        copy = "\n".join(lines[:at] + entries + lines[at:]) + "\n"
        fd, path = tempfile.mkstemp(suffix=".yaml", prefix=".shortfall-", dir=os.path.dirname(scenario))
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(copy)
            after = plan(path, os.path.join(tmp, "after"))
        finally:
            os.unlink(path)
    b, a = before["kpis"]["late_task_days"], after["kpis"]["late_task_days"]
    print(f"| scenario | late task-days | capacity-late tasks | stated help | brings on time (stated) "
          f"| late task-days with the help added | share kept |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {os.path.relpath(scenario, ROOT)} | {b} | {sf['late_tasks']} | {sf['minutes']} min "
          f"({sf['minutes'] / 60:.1f} h) | {sf['tasks_on_time']} | {a} | {a / b:.1%} |")


if __name__ == "__main__":
    main()
