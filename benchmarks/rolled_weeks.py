#!/usr/bin/env python3
"""Rolls a scenario forward week by week (plan → record → next) and measures how regular the weeks are.

For each week: the KPI `regular_weekday_rate` (visits of weekly-or-slower tasks on the weekday of their
previous visit), late task-days, the largest daily spread; between consecutive weeks: the share of
households visited in both weeks by the same workers on the same weekdays (`gridplan compare`'s
`stability`). Beside each figure, the part no plan of that week could change: visits whose previous
visit fell on a weekday the week does not work (a Saturday worked in lieu of a holiday, a Sunday), and
the rate and stability without them.

    swift build -c release
    python3 benchmarks/rolled_weeks.py [scenarios/community] [--weeks 4]
"""
import argparse
import csv
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "release", "gridplan")


def run(*args):
    r = subprocess.run([BIN, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"gridplan {' '.join(args)} failed:\n{r.stderr}")
    return r


def visits(plan):
    """household id → set of (worker, weekday) of its visits."""
    out = {}
    for r in plan["routes"]:
        wd = datetime.date.fromisoformat(r["date"]).weekday()
        for s in r["stops"]:
            if s["kind"] == "visit":
                out.setdefault(s["task"], set()).add((r["worker"], wd))
    return out


def read_csv(path):
    raw = open(path, "rb").read()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.DictReader(raw.decode(enc).splitlines()))
        except UnicodeDecodeError:
            continue
    sys.exit(f"{path}: neither UTF-8 nor GB18030")


def forced_off(scenario_path, plan):
    """Visits the KPI counts (households' and patrols' with a rhythm of 7 days or more) whose previous
    visit fell on a weekday this week does not work (a worked Saturday, a Sunday, a holiday's weekday):
    no plan of this week can put them on that weekday. The roster states the same figures."""
    sc = yaml.safe_load(open(scenario_path, encoding="utf-8"))
    base = os.path.dirname(scenario_path)
    every = {p["category"]: p["every_days"] for p in sc.get("policies", [])}
    rhythm, past = {}, {}
    for h in read_csv(os.path.join(base, sc["households"])):
        days = [every[c] for c in (h.get("categories") or "").split(";") if c in every]
        if days:
            rhythm[h["id"]] = min(days)
        if h.get("last_visit"):
            past.setdefault(h["id"], set()).add(h["last_visit"])
    for pt in read_csv(os.path.join(base, sc["patrols"])) if sc.get("patrols") else []:
        rhythm[pt["id"]] = int(pt["every_days"])
        if pt.get("last_visit"):
            past.setdefault(pt["id"], set()).add(pt["last_visit"])
    if sc.get("history"):
        for r in read_csv(os.path.join(base, sc["history"])):
            past.setdefault(r["task"], set()).add(r["date"])
    planned = {}
    for r in plan["routes"]:
        for st in r["stops"]:
            if st["kind"] in ("visit", "patrol"):
                planned.setdefault(st["task"], set()).add(r["date"])
    worked = {datetime.date.fromisoformat(r["date"]).weekday() for r in plan["routes"]}
    counted = forced = 0
    for task, dates in planned.items():
        if rhythm.get(task, 0) < 7:
            continue
        every_date = sorted(past.get(task, set()) | dates)
        for d in dates:
            before = [x for x in every_date if x < d]
            if not before:
                continue
            counted += 1
            if datetime.date.fromisoformat(before[-1]).weekday() not in worked:
                forced += 1
    return counted, forced


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario_dir", nargs="?", default=os.path.join(ROOT, "scenarios", "community"))
    ap.add_argument("--weeks", type=int, default=4)
    ap.add_argument("--keep", help="keep the rolled scenarios and plans in this folder (default: removed)")
    ap.add_argument("--weights", default="", help="e.g. level=1,regularity=20: a weights block added to the copy")
    a = ap.parse_args()
    work = os.path.abspath(a.keep) if a.keep else tempfile.mkdtemp(prefix="gridplan-rolled-")
    if a.keep:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    d = os.path.join(work, "s")
    shutil.copytree(a.scenario_dir, d)
    scenario = os.path.join(d, "scenario.yaml")
    if a.weights:
        with open(scenario, "a", encoding="utf-8") as f:
            f.write("weights:\n" + "".join(f"  {k}: {v}\n" for k, v in (x.split("=") for x in a.weights.split(","))))
    previous = None
    previous_plan = None
    print("| week | start | late task-days | regular weekday rate | forced off (previous visit on a weekday not worked this week) | rate where the week offers the weekday | largest daily spread | continuity | travel min | same worker and weekday as the week before |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for week in range(1, a.weeks + 1):
        out = os.path.join(work, f"week{week}")
        run("plan", scenario, "--out", out)
        run("check", scenario, os.path.join(out, "plan.json"))
        plan = json.load(open(os.path.join(out, "plan.json")))
        k = plan["kpis"]
        v = visits(plan)
        stable = "—"
        if previous is not None:
            # gridplan compare's figure: households visited in both weeks, same workers on the same weekdays.
            both = [h for h in v if h in previous]
            r = run("compare", previous_plan[0], os.path.join(out, "plan.json"), "--json",
                    "--scenario", f"{previous_plan[0]}={previous_plan[1]}", "--scenario", f"{os.path.join(out, 'plan.json')}={scenario}")
            share = json.loads(r.stdout)["stability"][1]
            stable = f"{100 * share:.0f} % of {len(both)}"
            # …and of those whose weekdays last week this week works too (a worked Saturday's are not).
            worked = {datetime.date.fromisoformat(r["date"]).weekday() for r in plan["routes"]}
            offered = [h for h in both if {wd for _, wd in previous[h]} <= worked]
            if offered and len(offered) < len(both):
                same = sum(1 for h in offered if previous[h] == v[h])
                stable += f" ({100 * same / len(offered):.0f} % of the {len(offered)} whose weekday this week works)"
        rate = k.get("regular_weekday_rate")
        counted, forced = forced_off(scenario, plan)
        offered = "—"
        if rate is not None and counted > forced:
            offered = f"{100 * round(rate * counted) / (counted - forced):.0f} %"
        print(f"| {week} | {plan['horizon']['start']} | {k['late_task_days']} | "
              f"{'—' if rate is None else f'{100 * rate:.0f} %'} | {forced} of {counted} | {offered} | "
              f"{k.get('daily_spread_max_min', 0) / 60:.1f} h | "
              f"{100 * k['continuity']:.0f} % | {k['travel_min']} | {stable} |",
              flush=True)
        previous = v
        previous_plan = (os.path.join(out, "plan.json"), scenario)
        run("record", scenario, "--plan", os.path.join(out, "plan.json"))
        nxt = os.path.join(d, f"week{week + 1}.yaml")
        run("next", scenario, "--out", nxt)
        scenario = nxt
    if not a.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
