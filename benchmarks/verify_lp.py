#!/usr/bin/env python3
"""Solves an LP file written by `gridplan plan --write-lp` with an independent MIP solver (HiGHS).

Used by Docs/benchmarks.md to check what plan.json's `solver` block claims: the objective of the
plan's assignment must be no better than HiGHS's optimum, and its bound no higher.

    pip install highspy
    python3 benchmarks/verify_lp.py model.lp [--time-limit 300] [--plan plan.json] [--lateness-only]

With --lateness-only every cost but the late-day columns' (`late(...)`) is set to 0: the first goal
alone, to compare with plan.json's `solver.lateness` (weighted late days and their floor, in units of
one priority-1 late day).
"""
import argparse
import json
import sys

import highspy


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lp")
    ap.add_argument("--time-limit", type=float, default=300)
    ap.add_argument("--plan", help="plan.json to compare with")
    ap.add_argument("--gap", type=float, default=1e-4)
    ap.add_argument("--lateness-only", action="store_true", help="minimise the late-day columns alone")
    ap.add_argument("--late-day-cost", type=float, default=1000,
                    help="the scenario's weights.lateness (cost of one priority-1 late day; default 1000)")
    a = ap.parse_args()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", a.time_limit)
    h.setOptionValue("mip_rel_gap", a.gap)
    h.setOptionValue("random_seed", 1)
    if h.readModel(a.lp) != highspy.HighsStatus.kOk:
        sys.exit(f"cannot read {a.lp}")
    late_cols = []
    if a.lateness_only:
        for i in range(h.getNumCol()):
            name = h.getColName(i)[1]
            if name.startswith("late("):
                late_cols.append(i)
            else:
                h.changeColCost(i, 0.0)
    h.run()
    info = h.getInfo()
    out = {"status": h.modelStatusToString(h.getModelStatus()), "objective": info.objective_function_value,
           "bound": info.mip_dual_bound, "gap": info.mip_gap, "seconds": h.getRunTime()}
    if a.lateness_only:
        # A late-day column costs priority × weights.lateness.
        unit = a.late_day_cost
        out["weighted_late_days"] = out["objective"] / unit
        out["weighted_late_days_bound"] = out["bound"] / unit
        if a.plan:
            l = json.load(open(a.plan))["solver"].get("lateness", {})
            out["plan_weighted_late_days"] = l.get("weighted_late_days")
            out["plan_weighted_late_days_floor"] = l.get("weighted_late_days_floor")
        print(json.dumps(out, indent=1))
        return
    if a.plan:
        s = json.load(open(a.plan))["solver"]
        out["plan_objective"] = s["objective"]
        out["plan_bound"] = s["bound"]
        out["plan_vs_highs_objective"] = (s["objective"] - out["objective"]) / max(1, abs(out["objective"]))
        out["plan_bound_valid"] = s["bound"] <= out["objective"] + 1e-6 * max(1, abs(out["objective"]))
        out["plan_objective_valid"] = s["objective"] >= out["bound"] - 1e-6 * max(1, abs(out["bound"]))
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
